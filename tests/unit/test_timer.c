/* Unit tests of the guided timer's model: the walk built from a dose (holds,
 * tempo phases, pauses between reps, alternating sides, bouts of a duration,
 * relax gaps between holds, ranges: counts, rests and pauses by their
 * lower bound, holds and durations to their top), the injected clock (late
 * callers, pauses, a clock that goes backwards), the patient's "next", the
 * session's time left, the end, and the lines that describe each step. No test
 * sleeps: every time is a number handed in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/timer.h"

#define MIN_MS  (60 * 1000)
#define HOUR_MS (60 * MIN_MS)

static struct rx_exercise dose(int sets, int reps, int hold, int rest,
                               enum rx_side side)
{
	struct rx_exercise e;
	memset(&e, 0, sizeof(e));
	strcpy(e.id, "ex");
	e.sets = (struct rx_range){sets, sets};
	e.reps = (struct rx_range){reps, reps};
	e.hold = (struct rx_range){hold, hold};
	e.rest = (struct rx_range){rest, rest};
	e.side = side;
	e.per_day = 1;
	e.days = RX_ALL_DAYS;
	return e;
}

/* A row of an expected walk. */
#define STEP(k, sd, st, sts, r, rs, ms)                                        \
	{                                                                      \
		.kind = TIMER_##k, .side = RX_SIDE_##sd, .set = (st),          \
		.sets = (sts), .rep = (r), .reps = (rs), .duration_ms = (ms)   \
	}

static void assert_step(struct timer_step got, struct timer_step want, size_t i)
{
	if (got.kind != want.kind || got.side != want.side ||
	    got.set != want.set || got.sets != want.sets ||
	    got.rep != want.rep || got.reps != want.reps ||
	    got.duration_ms != want.duration_ms)
		fail_msg("step %zu: got kind %d side %d set %d/%d rep %d/%d "
		         "%lld ms, want kind %d side %d set %d/%d rep %d/%d "
		         "%lld ms",
		         i, (int)got.kind, (int)got.side, got.set, got.sets,
		         got.rep, got.reps, (long long)got.duration_ms,
		         (int)want.kind, (int)want.side, want.set, want.sets,
		         want.rep, want.reps, (long long)want.duration_ms);
}

/*
 * Checks the walk of e against want[0..n-1] twice: as a list (timer_step_at)
 * and by living through it with the clock: each timed step lasts exactly its
 * duration (1 ms short is not enough), each untimed step waits for
 * timer_next however long it takes.
 */
static void check_walk(const struct rx_exercise *e,
                       const struct timer_step *want, size_t n)
{
	int64_t now = 1000;
	struct timer *t = timer_new(e, now);
	assert_int_equal(timer_count(t), n);
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		assert_step(timer_step_at(t, i), want[i], i);
		total += want[i].duration_ms;
	}
	assert_int_equal(timer_total_ms(t), total);

	int64_t left = total;
	for (size_t i = 0; i + 1 < n; i++) {
		assert_int_equal(timer_index(t), i);
		assert_false(timer_done(t));
		assert_step(timer_current(t), want[i], i);
		int64_t d = want[i].duration_ms;
		assert_int_equal(timer_remaining_ms(t, now), d);
		assert_int_equal(timer_left_ms(t, now), left);
		if (d > 0) {
			assert_int_equal(timer_advance(t, now + d - 1), 0);
			assert_int_equal(timer_remaining_ms(t, now + d - 1), 1);
			assert_int_equal(timer_left_ms(t, now + d - 1),
			                 left - d + 1);
			left -= d;
			now += d;
			assert_int_equal(timer_advance(t, now), 1);
		} else {
			assert_int_equal(timer_advance(t, now + HOUR_MS), 0);
			assert_int_equal(timer_index(t), i);
			now += HOUR_MS;
			assert_true(timer_next(t, now));
		}
	}
	assert_int_equal(timer_index(t), n - 1);
	assert_true(timer_done(t));
	assert_step(timer_current(t), want[n - 1], n - 1);
	assert_int_equal(left, 0);
	assert_int_equal(timer_left_ms(t, now), 0);
	assert_false(timer_next(t, now));
	assert_int_equal(timer_advance(t, now + HOUR_MS), 0);
	assert_int_equal(timer_index(t), n - 1);
	timer_free(t);
}

/* sets 2, reps 2, hold 5, rest 10, both sides: the whole walk, literally;
 * a relax as long as the hold between two holds. */
static void walk_small_both_sides(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, LEFT, 1, 2, 0, 2, 0),
	    STEP(HOLD, LEFT, 1, 2, 1, 2, 5000),
	    STEP(PAUSE, LEFT, 1, 2, 2, 2, 5000),
	    STEP(HOLD, LEFT, 1, 2, 2, 2, 5000),
	    STEP(REST, LEFT, 2, 2, 0, 2, 10000),
	    STEP(HOLD, LEFT, 2, 2, 1, 2, 5000),
	    STEP(PAUSE, LEFT, 2, 2, 2, 2, 5000),
	    STEP(HOLD, LEFT, 2, 2, 2, 2, 5000),
	    STEP(SWITCH, RIGHT, 1, 2, 0, 2, 0),
	    STEP(HOLD, RIGHT, 1, 2, 1, 2, 5000),
	    STEP(PAUSE, RIGHT, 1, 2, 2, 2, 5000),
	    STEP(HOLD, RIGHT, 1, 2, 2, 2, 5000),
	    STEP(REST, RIGHT, 2, 2, 0, 2, 10000),
	    STEP(HOLD, RIGHT, 2, 2, 1, 2, 5000),
	    STEP(PAUSE, RIGHT, 2, 2, 2, 2, 5000),
	    STEP(HOLD, RIGHT, 2, 2, 2, 2, 5000),
	    STEP(DONE, NONE, 0, 2, 0, 2, 0),
	};
	struct rx_exercise e = dose(2, 2, 5, 10, RX_SIDE_BOTH);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
}

/* sets 3, reps 10, hold 5, rest 30, both sides: 121 steps, 690 s. */
static void walk_3x10_both_sides(void **state)
{
	(void)state;
	struct timer_step want[121];
	size_t n = 0;
	want[n++] = (struct timer_step)STEP(GET_READY, LEFT, 1, 3, 0, 10, 0);
	for (int side = 0; side < 2; side++) {
		enum rx_side sd = side == 0 ? RX_SIDE_LEFT : RX_SIDE_RIGHT;
		if (side == 1)
			want[n++] = (struct timer_step){.kind = TIMER_SWITCH,
			                                .side = sd,
			                                .set = 1,
			                                .sets = 3,
			                                .reps = 10};
		for (int set = 1; set <= 3; set++) {
			if (set > 1)
				want[n++] =
				    (struct timer_step){.kind = TIMER_REST,
				                        .side = sd,
				                        .set = set,
				                        .sets = 3,
				                        .reps = 10,
				                        .duration_ms = 30000};
			for (int rep = 1; rep <= 10; rep++) {
				if (rep > 1)
					want[n++] = (struct timer_step){
					    .kind = TIMER_PAUSE,
					    .side = sd,
					    .set = set,
					    .sets = 3,
					    .rep = rep,
					    .reps = 10,
					    .duration_ms = 5000};
				want[n++] =
				    (struct timer_step){.kind = TIMER_HOLD,
				                        .side = sd,
				                        .set = set,
				                        .sets = 3,
				                        .rep = rep,
				                        .reps = 10,
				                        .duration_ms = 5000};
			}
		}
	}
	want[n++] = (struct timer_step)STEP(DONE, NONE, 0, 3, 0, 10, 0);
	assert_int_equal(n, 121);
	/* The generated rows, pinned at the joints. */
	assert_step(want[2],
	            (struct timer_step)STEP(PAUSE, LEFT, 1, 3, 2, 10, 5000), 2);
	assert_step(want[19],
	            (struct timer_step)STEP(HOLD, LEFT, 1, 3, 10, 10, 5000),
	            19);
	assert_step(want[20],
	            (struct timer_step)STEP(REST, LEFT, 2, 3, 0, 10, 30000),
	            20);
	assert_step(want[59],
	            (struct timer_step)STEP(HOLD, LEFT, 3, 3, 10, 10, 5000),
	            59);
	assert_step(want[60],
	            (struct timer_step)STEP(SWITCH, RIGHT, 1, 3, 0, 10, 0), 60);
	assert_step(want[61],
	            (struct timer_step)STEP(HOLD, RIGHT, 1, 3, 1, 10, 5000),
	            61);

	struct rx_exercise e = dose(3, 10, 5, 30, RX_SIDE_BOTH);
	check_walk(&e, want, n);
	struct timer *t = timer_new(&e, 0);
	/* 2 sides x (30 holds x 5 s + 27 relaxes x 5 s + 2 rests x 30 s);
	 * getting ready is untimed. */
	assert_int_equal(timer_total_ms(t), 690000);
	struct timer_step relax = timer_step_at(t, 2);
	assert_true(relax.relax);
	assert_false(timer_step_at(t, 1).relax);
	timer_free(t);
}

/* Reps without a hold: one untimed step per set, untimed rests. */
static void walk_reps_without_hold(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, LEFT, 1, 3, 0, 12, 0),
	    STEP(REPS, LEFT, 1, 3, 0, 12, 0),
	    STEP(REST, LEFT, 2, 3, 0, 12, 0),
	    STEP(REPS, LEFT, 2, 3, 0, 12, 0),
	    STEP(REST, LEFT, 3, 3, 0, 12, 0),
	    STEP(REPS, LEFT, 3, 3, 0, 12, 0),
	    STEP(DONE, NONE, 0, 3, 0, 12, 0),
	};
	struct rx_exercise e = dose(3, 12, 0, 0, RX_SIDE_LEFT);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
}

/* A hold without reps: one hold per set; a timed rest between sets. */
static void walk_hold_without_reps(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, NONE, 1, 3, 0, 0, 0),
	    STEP(HOLD, NONE, 1, 3, 0, 0, 30000),
	    STEP(REST, NONE, 2, 3, 0, 0, 60000),
	    STEP(HOLD, NONE, 2, 3, 0, 0, 30000),
	    STEP(REST, NONE, 3, 3, 0, 0, 60000),
	    STEP(HOLD, NONE, 3, 3, 0, 0, 30000),
	    STEP(DONE, NONE, 0, 3, 0, 0, 0),
	};
	struct rx_exercise e = dose(3, 0, 30, 60, RX_SIDE_NONE);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
}

/* Neither reps nor hold, one side: a set is "do the exercise". */
static void walk_bare_set_right(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, RIGHT, 1, 2, 0, 0, 0),
	    STEP(REPS, RIGHT, 1, 2, 0, 0, 0),
	    STEP(REST, RIGHT, 2, 2, 0, 0, 20000),
	    STEP(REPS, RIGHT, 2, 2, 0, 0, 0),
	    STEP(DONE, NONE, 0, 2, 0, 0, 0),
	};
	struct rx_exercise e = dose(2, 0, 0, 20, RX_SIDE_RIGHT);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
}

/* Deep neck flexor nods, 1 x 10, hold 10 s, pause 10 s: a pause between
 * two reps, never after the last; 10 holds and 9 pauses, 190 s. */
static void walk_pause_between_reps(void **state)
{
	(void)state;
	struct timer_step want[21];
	size_t n = 0;
	want[n++] = (struct timer_step)STEP(GET_READY, NONE, 1, 1, 0, 10, 0);
	for (int rep = 1; rep <= 10; rep++) {
		if (rep > 1)
			want[n++] = (struct timer_step){.kind = TIMER_PAUSE,
			                                .set = 1,
			                                .sets = 1,
			                                .rep = rep,
			                                .reps = 10,
			                                .duration_ms = 10000};
		want[n++] = (struct timer_step){.kind = TIMER_HOLD,
		                                .set = 1,
		                                .sets = 1,
		                                .rep = rep,
		                                .reps = 10,
		                                .duration_ms = 10000};
	}
	want[n++] = (struct timer_step)STEP(DONE, NONE, 0, 1, 0, 10, 0);
	assert_int_equal(n, 21);
	struct rx_exercise e = dose(1, 10, 10, 0, RX_SIDE_NONE);
	e.pause = (struct rx_range){10, 10};
	check_walk(&e, want, n);
	struct timer *t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 190000);
	char buf[80];
	struct timer_step s = timer_step_at(t, 2);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - pause before rep 2");
	timer_free(t);

	/* Pauses with sets: a rest, not a pause, between two sets. */
	static const struct timer_step two[] = {
	    STEP(GET_READY, NONE, 1, 2, 0, 2, 0),
	    STEP(HOLD, NONE, 1, 2, 1, 2, 5000),
	    STEP(PAUSE, NONE, 1, 2, 2, 2, 3000),
	    STEP(HOLD, NONE, 1, 2, 2, 2, 5000),
	    STEP(REST, NONE, 2, 2, 0, 2, 30000),
	    STEP(HOLD, NONE, 2, 2, 1, 2, 5000),
	    STEP(PAUSE, NONE, 2, 2, 2, 2, 3000),
	    STEP(HOLD, NONE, 2, 2, 2, 2, 5000),
	    STEP(DONE, NONE, 0, 2, 0, 2, 0),
	};
	e = dose(2, 2, 5, 30, RX_SIDE_NONE);
	e.pause = (struct rx_range){3, 3};
	check_walk(&e, two, sizeof(two) / sizeof(two[0]));

	/* A pause without a hold or a tempo: each rep is an untimed step
	 * the patient ends, then the pause is counted. */
	static const struct timer_step bare[] = {
	    STEP(GET_READY, RIGHT, 1, 1, 0, 3, 0),
	    STEP(REP, RIGHT, 1, 1, 1, 3, 0),
	    STEP(PAUSE, RIGHT, 1, 1, 2, 3, 5000),
	    STEP(REP, RIGHT, 1, 1, 2, 3, 0),
	    STEP(PAUSE, RIGHT, 1, 1, 3, 3, 5000),
	    STEP(REP, RIGHT, 1, 1, 3, 3, 0),
	    STEP(DONE, NONE, 0, 1, 0, 3, 0),
	};
	e = dose(1, 3, 0, 0, RX_SIDE_RIGHT);
	e.pause = (struct rx_range){5, 5};
	check_walk(&e, bare, sizeof(bare) / sizeof(bare[0]));
	t = timer_new(&e, 0);
	s = timer_step_at(t, 1);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Right side - set 1 of 1 - rep 1 of 3");
	s = timer_step_at(t, 2);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Right side - set 1 of 1 - pause before rep 2");
	timer_free(t);

	/* One rep: the pause is never taken, the set is one REPS step. */
	e = dose(2, 1, 0, 0, RX_SIDE_NONE);
	e.pause = (struct rx_range){5, 5};
	t = timer_new(&e, 0);
	assert_int_equal(timer_count(t), 5);
	assert_int_equal(timer_step_at(t, 1).kind, TIMER_REPS);
	timer_free(t);
}

/* Tempo 3-0-1, 2 x 2, rest 30: each rep counted down 3 s, up 1 s; the
 * bottom phase of 0 s has no step. */
static void walk_tempo(void **state)
{
	(void)state;
	static char t301[] = "3-0-1", t212[] = "2-1-2", t002[] = "0-0-2",
	            bad[] = "3-0";
	static const struct timer_step want[] = {
	    STEP(GET_READY, NONE, 1, 2, 0, 2, 0),
	    STEP(DOWN, NONE, 1, 2, 1, 2, 3000),
	    STEP(UP, NONE, 1, 2, 1, 2, 1000),
	    STEP(DOWN, NONE, 1, 2, 2, 2, 3000),
	    STEP(UP, NONE, 1, 2, 2, 2, 1000),
	    STEP(REST, NONE, 2, 2, 0, 2, 30000),
	    STEP(DOWN, NONE, 2, 2, 1, 2, 3000),
	    STEP(UP, NONE, 2, 2, 1, 2, 1000),
	    STEP(DOWN, NONE, 2, 2, 2, 2, 3000),
	    STEP(UP, NONE, 2, 2, 2, 2, 1000),
	    STEP(DONE, NONE, 0, 2, 0, 2, 0),
	};
	struct rx_exercise e = dose(2, 2, 0, 30, RX_SIDE_NONE);
	e.tempo = t301;
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));

	/* All three phases, then the hold, then the pause: one rep's order. */
	static const struct timer_step full[] = {
	    STEP(GET_READY, LEFT, 1, 1, 0, 2, 0),
	    STEP(DOWN, LEFT, 1, 1, 1, 2, 2000),
	    STEP(BOTTOM, LEFT, 1, 1, 1, 2, 1000),
	    STEP(UP, LEFT, 1, 1, 1, 2, 2000),
	    STEP(HOLD, LEFT, 1, 1, 1, 2, 5000),
	    STEP(PAUSE, LEFT, 1, 1, 2, 2, 4000),
	    STEP(DOWN, LEFT, 1, 1, 2, 2, 2000),
	    STEP(BOTTOM, LEFT, 1, 1, 2, 2, 1000),
	    STEP(UP, LEFT, 1, 1, 2, 2, 2000),
	    STEP(HOLD, LEFT, 1, 1, 2, 2, 5000),
	    STEP(DONE, NONE, 0, 1, 0, 2, 0),
	};
	e = dose(1, 2, 5, 0, RX_SIDE_LEFT);
	e.tempo = t212;
	e.pause = (struct rx_range){4, 4};
	check_walk(&e, full, sizeof(full) / sizeof(full[0]));
	struct timer *t = timer_new(&e, 0);
	char buf[80];
	static const char *const text[] = {
	    "Get into position - left side",
	    "Left side - set 1 of 1 - rep 1 of 2 - down",
	    "Left side - set 1 of 1 - rep 1 of 2 - at the bottom",
	    "Left side - set 1 of 1 - rep 1 of 2 - up",
	    "Left side - set 1 of 1 - rep 1 of 2 - hold",
	    "Left side - set 1 of 1 - pause before rep 2",
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		struct timer_step s = timer_step_at(t, i);
		assert_string_equal(
		    timer_describe_step(&s, true, buf, sizeof buf), text[i]);
	}
	timer_free(t);

	/* Only the raise, one rep without reps counted: one UP a set. */
	e = dose(3, 0, 0, 0, RX_SIDE_NONE);
	e.tempo = t002;
	t = timer_new(&e, 0);
	assert_int_equal(timer_count(t), 1 + 3 + 2 + 1);
	assert_int_equal(timer_step_at(t, 1).kind, TIMER_UP);
	assert_int_equal(timer_step_at(t, 1).rep, 0);
	assert_int_equal(timer_step_at(t, 2).kind, TIMER_REST);
	assert_int_equal(timer_total_ms(t), 6000);
	timer_free(t);

	/* A tempo rx_tempo_parse() refuses counts as none. */
	e = dose(1, 12, 0, 0, RX_SIDE_NONE);
	e.tempo = bad;
	t = timer_new(&e, 0);
	assert_int_equal(timer_count(t), 3);
	assert_int_equal(timer_step_at(t, 1).kind, TIMER_REPS);
	timer_free(t);
}

/* side = "alternate": within each set the reps take turns, left first,
 * reps per side, each rep's side and number on it given. */
static void walk_alternate_sides(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, LEFT, 1, 2, 0, 2, 0),
	    STEP(HOLD, LEFT, 1, 2, 1, 2, 5000),
	    STEP(HOLD, RIGHT, 1, 2, 1, 2, 5000),
	    STEP(HOLD, LEFT, 1, 2, 2, 2, 5000),
	    STEP(HOLD, RIGHT, 1, 2, 2, 2, 5000),
	    STEP(REST, ALTERNATE, 2, 2, 0, 2, 20000),
	    STEP(HOLD, LEFT, 2, 2, 1, 2, 5000),
	    STEP(HOLD, RIGHT, 2, 2, 1, 2, 5000),
	    STEP(HOLD, LEFT, 2, 2, 2, 2, 5000),
	    STEP(HOLD, RIGHT, 2, 2, 2, 2, 5000),
	    STEP(DONE, NONE, 0, 2, 0, 2, 0),
	};
	struct rx_exercise e = dose(2, 2, 5, 20, RX_SIDE_ALTERNATE);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
	struct timer *t = timer_new(&e, 0);
	char buf[80];
	struct timer_step s = timer_step_at(t, 2);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Right side - set 1 of 2 - rep 1 of 2 - hold");
	s = timer_step_at(t, 5);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Rest before set 2");
	timer_free(t);

	/* With a pause: it takes the side of the rep that follows it. */
	static const struct timer_step paused[] = {
	    STEP(GET_READY, LEFT, 1, 1, 0, 1, 0),
	    STEP(HOLD, LEFT, 1, 1, 1, 1, 3000),
	    STEP(PAUSE, RIGHT, 1, 1, 1, 1, 2000),
	    STEP(HOLD, RIGHT, 1, 1, 1, 1, 3000),
	    STEP(DONE, NONE, 0, 1, 0, 1, 0),
	};
	e = dose(1, 1, 3, 0, RX_SIDE_ALTERNATE);
	e.pause = (struct rx_range){2, 2};
	check_walk(&e, paused, sizeof(paused) / sizeof(paused[0]));

	/* Nothing to count in a rep: one REPS step, the turns the
	 * patient's. */
	static const struct timer_step bare[] = {
	    STEP(GET_READY, ALTERNATE, 1, 1, 0, 10, 0),
	    STEP(REPS, ALTERNATE, 1, 1, 0, 10, 0),
	    STEP(DONE, NONE, 0, 1, 0, 10, 0),
	};
	e = dose(1, 10, 0, 0, RX_SIDE_ALTERNATE);
	check_walk(&e, bare, sizeof(bare) / sizeof(bare[0]));
	t = timer_new(&e, 0);
	s = timer_step_at(t, 1);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - do 10 reps a side, in turn");
	s = timer_step_at(t, 0);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Get into position");
	timer_free(t);
}

/* duration 10 min, sets 3 (bouts), rest 1 min: three timed blocks, two
 * rests; reps and hold do not apply to a duration. */
static void walk_duration_bouts(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, NONE, 1, 3, 0, 0, 0),
	    STEP(DURATION, NONE, 1, 3, 0, 0, 600000),
	    STEP(REST, NONE, 2, 3, 0, 0, 60000),
	    STEP(DURATION, NONE, 2, 3, 0, 0, 600000),
	    STEP(REST, NONE, 3, 3, 0, 0, 60000),
	    STEP(DURATION, NONE, 3, 3, 0, 0, 600000),
	    STEP(DONE, NONE, 0, 3, 0, 0, 0),
	};
	struct rx_exercise e = dose(3, 0, 0, 60, RX_SIDE_NONE);
	e.duration = (struct rx_range){600, 600};
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
	struct timer *t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 1920000);
	assert_true(timer_step_at(t, 1).bouts);
	static const char *const text[] = {
	    "Get into position",
	    "Bout 1 of 3 - keep going for 10 min",
	    "Rest before bout 2",
	    "Bout 2 of 3 - keep going for 10 min",
	};
	char buf[80];
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		struct timer_step s = timer_step_at(t, i);
		assert_string_equal(
		    timer_describe_step(&s, true, buf, sizeof buf), text[i]);
	}
	timer_free(t);

	/* One bout, both sides, with reps and a hold left over: a block a
	 * side. */
	static const struct timer_step sides[] = {
	    STEP(GET_READY, LEFT, 1, 1, 0, 10, 0),
	    STEP(DURATION, LEFT, 1, 1, 0, 10, 45000),
	    STEP(SWITCH, RIGHT, 1, 1, 0, 10, 0),
	    STEP(DURATION, RIGHT, 1, 1, 0, 10, 45000),
	    STEP(DONE, NONE, 0, 1, 0, 10, 0),
	};
	e = dose(1, 10, 5, 0, RX_SIDE_BOTH);
	e.duration = (struct rx_range){45, 45};
	check_walk(&e, sides, sizeof(sides) / sizeof(sides[0]));
	t = timer_new(&e, 0);
	struct timer_step s = timer_step_at(t, 3);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Right side - keep going for 45 s");
	timer_free(t);
}

/* Getting ready waits for the patient however long it takes; nothing is
 * counted down before the first set. */
static void get_ready_is_untimed(void **state)
{
	(void)state;
	struct rx_exercise e = dose(3, 10, 5, 30, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	assert_int_equal(timer_current(t).kind, TIMER_GET_READY);
	assert_int_equal(timer_current(t).duration_ms, 0);
	assert_int_equal(timer_advance(t, 10 * HOUR_MS), 0);
	assert_int_equal(timer_index(t), 0);
	assert_int_equal(timer_remaining_ms(t, 10 * HOUR_MS), 0);
	assert_int_equal(timer_elapsed_ms(t, 10 * HOUR_MS), 10 * HOUR_MS);
	assert_int_equal(timer_left_ms(t, 10 * HOUR_MS), timer_total_ms(t));
	assert_true(timer_next(t, 10 * HOUR_MS));
	assert_int_equal(timer_current(t).kind, TIMER_HOLD);
	assert_int_equal(timer_remaining_ms(t, 10 * HOUR_MS), 5000);
	timer_free(t);
}

/* The session's time left: the current step's remainder and every timed
 * step after it, standing still while paused or waiting. */
static void left_counts_down(void **state)
{
	(void)state;
	/* 2 x 3, hold 5, pause 2, rest 10: 2 x (15 + 4) + 10 = 48 s. */
	struct rx_exercise e = dose(2, 3, 5, 10, RX_SIDE_NONE);
	e.pause = (struct rx_range){2, 2};
	struct timer *t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 48000);
	assert_int_equal(timer_left_ms(t, 0), 48000);
	assert_true(timer_next(t, 1000));
	assert_int_equal(timer_left_ms(t, 1000), 48000);
	assert_int_equal(timer_left_ms(t, 3500), 45500);
	assert_int_equal(timer_advance(t, 7000), 1); /* into the pause */
	assert_int_equal(timer_current(t).kind, TIMER_PAUSE);
	assert_int_equal(timer_left_ms(t, 7000), 42000);
	assert_true(timer_pause(t, 7000));
	assert_int_equal(timer_left_ms(t, 60000), 42000);
	assert_true(timer_resume(t, 60000));
	assert_int_equal(timer_left_ms(t, 60500), 41500);
	/* Cutting a step short takes its remainder off at once. */
	assert_true(timer_next(t, 60500));
	assert_int_equal(timer_left_ms(t, 60500), 41000);
	/* Late: several steps at once (hold, pause, hold, 9 s of rest). */
	assert_int_equal(timer_advance(t, 60500 + 21000), 3);
	assert_int_equal(timer_current(t).kind, TIMER_REST);
	assert_int_equal(timer_left_ms(t, 60500 + 21000), 20000);
	assert_int_equal(timer_advance(t, 24 * HOUR_MS), 6);
	assert_true(timer_done(t));
	assert_int_equal(timer_left_ms(t, 24 * HOUR_MS), 0);
	timer_free(t);

	/* Only untimed steps: nothing to count down. */
	e = dose(3, 12, 0, 0, RX_SIDE_BOTH);
	t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 0);
	assert_int_equal(timer_left_ms(t, HOUR_MS), 0);
	timer_free(t);
}

/* Ranges of counts, rests and pauses count their lower bound; a hold or
 * a duration counts to its top, its bottom a mark where the patient may
 * stop. The bounds ride along for the text. */
static void ranges_use_lower_bound(void **state)
{
	(void)state;
	struct rx_exercise e = dose(2, 10, 20, 60, RX_SIDE_NONE);
	e.sets = (struct rx_range){2, 3};
	e.reps = (struct rx_range){10, 15};
	e.hold = (struct rx_range){20, 30};
	e.rest = (struct rx_range){60, 90};
	e.pause = (struct rx_range){5, 10};
	struct timer *t = timer_new(&e, 0);
	/* 2 sets x (10 holds + 9 pauses), 1 rest. */
	assert_int_equal(timer_count(t), 1 + 2 * 19 + 1 + 1);
	assert_int_equal(timer_total_ms(t),
	                 (2 * (10 * 30 + 9 * 5) + 60) * 1000LL);
	struct timer_step s = timer_step_at(t, 1);
	assert_int_equal(s.kind, TIMER_HOLD);
	assert_int_equal(s.sets, 2);
	assert_int_equal(s.reps, 10);
	assert_int_equal(s.reps_hi, 15);
	assert_int_equal(s.duration_ms, 30000);
	assert_int_equal(s.least_ms, 20000);
	assert_int_equal(s.upto_ms, 30000);
	char buf[80];
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 2 - rep 1 of 10 - hold 20-30 s");
	s = timer_step_at(t, 2);
	assert_int_equal(s.duration_ms, 5000);
	assert_int_equal(s.least_ms, 5000);
	assert_int_equal(s.upto_ms, 10000);
	assert_false(s.relax); /* the dose's own pause */
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 2 - pause 5-10 s before rep 2");
	s = timer_step_at(t, 20);
	assert_int_equal(s.kind, TIMER_REST);
	assert_int_equal(s.duration_ms, 60000);
	assert_int_equal(s.upto_ms, 90000);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Rest 1 min-1 min 30 s before set 2");
	timer_free(t);

	/* Reps without a hold: "do 10-15 reps". */
	e = dose(1, 10, 0, 0, RX_SIDE_NONE);
	e.reps = (struct rx_range){10, 15};
	t = timer_new(&e, 0);
	s = timer_step_at(t, 1);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - do 10-15 reps");
	timer_free(t);

	/* A duration of 20-30 min counts 30 min, may stop at 20; one unit
	 * shown once. */
	e = dose(1, 0, 0, 0, RX_SIDE_NONE);
	e.duration = (struct rx_range){1200, 1800};
	t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 1800000);
	s = timer_step_at(t, 1);
	assert_int_equal(s.duration_ms, 1800000);
	assert_int_equal(s.least_ms, 1200000);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Keep going for 20-30 min");
	timer_free(t);

	/* A broken range (hi below lo) is read as one value. */
	e = dose(1, 0, 10, 0, RX_SIDE_NONE);
	e.hold = (struct rx_range){10, 3};
	t = timer_new(&e, 0);
	s = timer_step_at(t, 1);
	assert_int_equal(s.upto_ms, 10000);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - hold");
	timer_free(t);
}

/* Holds are never back to back: a relax as long as the hold between two,
 * unless the dose gives a pause; none for alternating sides (each relaxes
 * while the other holds), nor after a set's last rep. */
static void relax_between_holds(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 3, 10, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	/* hold, relax, hold, relax, hold: 50 s. */
	assert_int_equal(timer_count(t), 1 + 5 + 1);
	assert_int_equal(timer_total_ms(t), 50000);
	struct timer_step s = timer_step_at(t, 2);
	assert_int_equal(s.kind, TIMER_PAUSE);
	assert_true(s.relax);
	assert_int_equal(s.duration_ms, 10000);
	assert_int_equal(s.rep, 2);
	char buf[80];
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - relax before rep 2");
	assert_int_equal(timer_step_at(t, 5).kind, TIMER_HOLD);
	timer_free(t);

	/* The dose's pause says otherwise: it is the gap. */
	e.pause = (struct rx_range){3, 3};
	t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 36000);
	s = timer_step_at(t, 2);
	assert_false(s.relax);
	assert_int_equal(s.duration_ms, 3000);
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - pause before rep 2");
	timer_free(t);

	/* A range hold counts to its top, and so does its relax. */
	e = dose(1, 2, 5, 0, RX_SIDE_NONE);
	e.hold = (struct rx_range){5, 10};
	t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 30000);
	assert_int_equal(timer_step_at(t, 2).duration_ms, 10000);
	timer_free(t);

	/* Alternating sides relax in turn: no gap. */
	e = dose(1, 2, 5, 0, RX_SIDE_ALTERNATE);
	t = timer_new(&e, 0);
	assert_int_equal(timer_count(t), 1 + 4 + 1);
	for (size_t i = 1; i < 5; i++)
		assert_int_equal(timer_step_at(t, i).kind, TIMER_HOLD);
	timer_free(t);

	/* One rep, or a hold without reps: nothing to relax between. */
	e = dose(2, 1, 5, 0, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 10000);
	timer_free(t);
	e = dose(2, 0, 5, 0, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_int_equal(timer_total_ms(t), 10000);
	timer_free(t);
}

/* A range hold counts to its top, not its bottom; the bottom is the
 * "stop here if you must" mark, and n from it on ends the walk as done. */
static void range_hold_counts_to_top(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 0, 5, 0, RX_SIDE_NONE);
	e.hold = (struct rx_range){5, 10};
	struct timer *t = timer_new(&e, 0);
	assert_true(timer_next(t, 0));
	struct timer_step s = timer_current(t);
	assert_int_equal(s.kind, TIMER_HOLD);
	assert_int_equal(s.duration_ms, 10000);
	assert_int_equal(s.least_ms, 5000);
	char buf[80];
	assert_string_equal(timer_describe_step(&s, true, buf, sizeof buf),
	                    "Set 1 of 1 - hold 5-10 s");
	/* Before its bottom (here half the session): not a session. */
	assert_int_equal(timer_next_end(t, 4999), TIMER_END_EARLY);
	assert_int_equal(timer_advance(t, 5000), 0); /* on at its bottom */
	assert_int_equal(timer_remaining_ms(t, 5000), 5000);
	assert_int_equal(timer_next_end(t, 5000), TIMER_END_ON);
	assert_int_equal(timer_advance(t, 9999), 0);
	assert_int_equal(timer_advance(t, 10000), 1);
	assert_true(timer_done(t));
	timer_free(t);
}

/* What n on a step means for the record: only a cut on the last timed
 * step is special, asked from half the session, refused before. */
static void next_end_of_the_walk(void **state)
{
	(void)state;
	/* A 30-minute walk: n after a second is early, after 15 min asks,
	 * once the time is over it is the end. */
	struct rx_exercise e = dose(1, 0, 0, 0, RX_SIDE_NONE);
	e.duration = (struct rx_range){1800, 1800};
	struct timer *t = timer_new(&e, 0);
	assert_int_equal(timer_next_end(t, 0), TIMER_END_ON); /* ready */
	assert_true(timer_next(t, 0));
	assert_int_equal(timer_next_end(t, 1000), TIMER_END_EARLY);
	assert_int_equal(timer_next_end(t, 15 * MIN_MS - 1), TIMER_END_EARLY);
	assert_int_equal(timer_next_end(t, 15 * MIN_MS), TIMER_END_ASK);
	assert_int_equal(timer_next_end(t, 30 * MIN_MS), TIMER_END_ON);
	assert_true(timer_pause(t, 20 * MIN_MS)); /* paused: the same */
	assert_int_equal(timer_next_end(t, HOUR_MS), TIMER_END_ASK);
	assert_true(timer_next(t, HOUR_MS));
	assert_int_equal(timer_next_end(t, HOUR_MS), TIMER_END_ON); /* done */
	timer_free(t);

	/* Steps left behind count whole, however they were left: holds
	 * passed with n, then n at once on the last one asks. */
	e = dose(1, 3, 5, 0, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(timer_next_end(t, 0), TIMER_END_ON);
		assert_true(timer_next(t, 0));
	}
	assert_int_equal(timer_index(t), 5);
	assert_int_equal(timer_next_end(t, 0), TIMER_END_ASK);
	timer_free(t);

	/* An untimed last step is the patient's to end: it is the end. */
	e = dose(2, 10, 0, 30, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_true(timer_next(t, 0));
	assert_true(timer_next(t, 0));
	assert_true(timer_next(t, 0));
	assert_int_equal(timer_current(t).kind, TIMER_REPS);
	assert_int_equal(timer_next_end(t, 0), TIMER_END_ON);
	timer_free(t);
}

/* The pain before is kept for the session recorded at the end. */
static void pain_before_kept(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 1, 1, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	assert_int_equal(timer_pain_before(t), -1);
	timer_set_pain_before(t, 4);
	assert_int_equal(timer_pain_before(t), 4);
	timer_set_pain_before(t, 0);
	assert_int_equal(timer_pain_before(t), 0);
	timer_set_pain_before(t, 11);
	assert_int_equal(timer_pain_before(t), -1);
	timer_set_pain_before(t, 10);
	timer_set_pain_before(t, -7);
	assert_int_equal(timer_pain_before(t), -1);
	timer_free(t);
}

/* Step counts and planned totals, out-of-range doses clamped. */
static void counts_and_totals(void **state)
{
	(void)state;
	static const struct {
		int sets, reps, hold, rest;
		enum rx_side side;
		size_t count;
		int64_t total_ms;
	} cases[] = {
	    {3, 10, 5, 30, RX_SIDE_BOTH, 121, 690000},
	    {2, 2, 5, 10, RX_SIDE_BOTH, 17, 80000},
	    {3, 12, 0, 0, RX_SIDE_LEFT, 7, 0},
	    {3, 0, 30, 60, RX_SIDE_NONE, 7, 210000},
	    {1, 0, 0, 0, RX_SIDE_NONE, 3, 0},
	    /* One set: its rest is never taken. */
	    {1, 1, 1, 1, RX_SIDE_RIGHT, 3, 1000},
	    {1, 0, 10, 0, RX_SIDE_BOTH, 5, 20000},
	    /* 999 holds and 998 relaxes a set. */
	    {999, 999, 999, 999, RX_SIDE_BOTH, 1 + 2 * 999 * 1998,
	     2 * (998LL * 999 + 999LL * 1997 * 999) * 1000},
	    /* Alternate: each set is reps on both sides, in turn. */
	    {999, 999, 3600, 3600, RX_SIDE_ALTERNATE, 2 + 999 * 1999 - 1,
	     (998LL * 3600 + 999LL * 1998 * 3600) * 1000},
	    /* Out of range: sets to 1, the rest to 0, a bad side to none. */
	    {0, -5, -1, -1, (enum rx_side)42, 3, 0},
	    {5000, 0, 5000, 0, RX_SIDE_NONE, 2 + 999 * 2 - 1,
	     999LL * 5000 * 1000},
	    /* Times above TIMER_MAX_TIME (the most a range holds is
	     * INT16_MAX) are clamped to it. */
	    {1, 0, INT16_MAX, 0, RX_SIDE_NONE, 3, TIMER_MAX_TIME * 1000LL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rx_exercise e =
		    dose(cases[i].sets, cases[i].reps, cases[i].hold,
		         cases[i].rest, cases[i].side);
		struct timer *t = timer_new(&e, 0);
		if (timer_count(t) != cases[i].count ||
		    timer_total_ms(t) != cases[i].total_ms)
			fail_msg("case %zu: %zu steps, %lld ms; want %zu, %lld",
			         i, timer_count(t),
			         (long long)timer_total_ms(t), cases[i].count,
			         (long long)cases[i].total_ms);
		int64_t sum = 0;
		for (size_t s = 0; s < timer_count(t); s++)
			sum += timer_step_at(t, s).duration_ms;
		assert_int_equal(sum, cases[i].total_ms);
		assert_int_equal(timer_step_at(t, timer_count(t) - 1).kind,
		                 TIMER_DONE);
		timer_free(t);
	}
}

/* The timer copies the dose: changing or freeing it later changes nothing. */
static void dose_is_copied(void **state)
{
	(void)state;
	struct rx_exercise e = dose(2, 3, 4, 5, RX_SIDE_BOTH);
	struct timer *t = timer_new(&e, 0);
	e.sets = (struct rx_range){9, 9};
	e.hold = (struct rx_range){0, 0};
	e.side = RX_SIDE_NONE;
	assert_int_equal(timer_count(t), 1 + 2 * (2 * 6 - 1 + 1));
	assert_int_equal(timer_step_at(t, 1).duration_ms, 4000);
	assert_int_equal(timer_step_at(t, 1).side, RX_SIDE_LEFT);
	timer_free(t);
}

/* Paused time does not count; resume goes on with what was left. */
static void pause_and_resume(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 2, 5, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 1000);
	assert_false(timer_paused(t));
	assert_false(timer_resume(t, 1500));         /* not paused: nothing */
	assert_int_equal(timer_advance(t, 4000), 0); /* ready waits */
	assert_true(timer_next(t, 4000));            /* the patient starts */
	assert_int_equal(timer_current(t).kind, TIMER_HOLD);
	assert_int_equal(timer_advance(t, 6000), 0);
	assert_int_equal(timer_remaining_ms(t, 6000), 3000);

	assert_true(timer_pause(t, 6000));
	assert_true(timer_paused(t));
	assert_false(timer_pause(t, 7000)); /* already paused */
	assert_int_equal(timer_remaining_ms(t, 7000), 3000);
	assert_int_equal(timer_advance(t, 60000), 0);
	assert_int_equal(timer_remaining_ms(t, 60000), 3000);
	assert_int_equal(timer_elapsed_ms(t, 60000), 2000);
	assert_int_equal(timer_index(t), 1);

	assert_true(timer_resume(t, 60000));
	assert_false(timer_paused(t));
	assert_int_equal(timer_remaining_ms(t, 60000), 3000);
	assert_int_equal(timer_remaining_ms(t, 61000), 2000);
	assert_int_equal(timer_advance(t, 62999), 0);
	assert_int_equal(timer_advance(t, 63000), 1);
	assert_int_equal(timer_current(t).kind, TIMER_PAUSE); /* relax */
	assert_int_equal(timer_current(t).rep, 2);
	assert_int_equal(timer_remaining_ms(t, 63000), 5000);

	/* A pause taken mid-step, then a second one: both are left out. */
	assert_true(timer_pause(t, 64000));
	assert_true(timer_resume(t, 100000));
	assert_true(timer_pause(t, 101000));
	assert_true(timer_resume(t, 200000));
	assert_int_equal(timer_remaining_ms(t, 200000), 3000);
	assert_int_equal(timer_advance(t, 203000), 1);
	assert_int_equal(timer_current(t).kind, TIMER_HOLD);
	assert_int_equal(timer_advance(t, 208000), 1);
	assert_true(timer_done(t));
	assert_false(timer_pause(t, 208000)); /* nothing to pause once done */
	assert_false(timer_paused(t));
	timer_free(t);
}

/* Time that ran out before a pause is still left by the next advance. */
static void pause_after_time_ran_out(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 2, 3, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	assert_true(timer_next(t, 0));
	assert_true(timer_pause(t, 4000)); /* hold 1 ended at 3000 */
	assert_int_equal(timer_remaining_ms(t, 4000), 0);
	assert_int_equal(timer_advance(t, 50000), 1);
	assert_int_equal(timer_current(t).kind, TIMER_PAUSE); /* relax */
	assert_int_equal(timer_current(t).rep, 2);
	assert_true(timer_paused(t));
	/* The 1000 ms run past hold 1 before the pause count. */
	assert_int_equal(timer_remaining_ms(t, 50000), 2000);
	timer_free(t);
}

/* A late caller passes several steps at once and learns how many. */
static void big_jump_passes_several_steps(void **state)
{
	(void)state;
	struct rx_exercise e = dose(3, 10, 5, 30, RX_SIDE_BOTH);
	struct timer *t = timer_new(&e, 0);
	assert_true(timer_next(t, 0)); /* ready: the patient starts */
	/* 10 holds and 9 relaxes, a rest, 2 holds and 2 relaxes, then
	 * 1234 ms into hold 3. */
	int64_t now = 19 * 5000 + 30000 + 4 * 5000 + 1234;
	assert_int_equal(timer_advance(t, now), 24);
	assert_int_equal(timer_index(t), 25);
	assert_step(timer_current(t),
	            (struct timer_step)STEP(HOLD, LEFT, 2, 3, 3, 10, 5000), 25);
	assert_int_equal(timer_remaining_ms(t, now), 5000 - 1234);
	/* An hour's suspend: the rest of the left side, up to the switch,
	 * which waits for the patient. */
	now += HOUR_MS;
	assert_int_equal(timer_advance(t, now), 60 - 25);
	assert_int_equal(timer_current(t).kind, TIMER_SWITCH);
	assert_int_equal(timer_remaining_ms(t, now), 0);
	assert_int_equal(timer_advance(t, now + HOUR_MS), 0);
	timer_free(t);

	/* Once started, a walk with no other untimed step runs to the end
	 * in one call. */
	e = dose(3, 2, 5, 30, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_int_equal(timer_advance(t, 24 * HOUR_MS), 0);
	assert_true(timer_next(t, 24 * HOUR_MS));
	assert_int_equal(timer_advance(t, 48 * HOUR_MS), timer_count(t) - 2);
	assert_true(timer_done(t));
	assert_int_equal(timer_remaining_ms(t, 48 * HOUR_MS), 0);
	assert_int_equal(timer_advance(t, 72 * HOUR_MS), 0);
	timer_free(t);

	/* Extreme clock values neither overflow nor go negative. */
	t = timer_new(&e, INT64_MIN);
	assert_true(timer_next(t, INT64_MIN));
	assert_int_equal(timer_advance(t, INT64_MIN + 4999), 0);
	assert_int_equal(timer_remaining_ms(t, INT64_MIN + 4999), 1);
	assert_int_equal(timer_remaining_ms(t, INT64_MAX), 0);
	assert_int_equal(timer_left_ms(t, INT64_MAX), timer_total_ms(t) - 5000);
	assert_int_equal(timer_advance(t, INT64_MAX), timer_count(t) - 2);
	assert_int_equal(timer_left_ms(t, INT64_MAX), 0);
	assert_true(timer_done(t));
	timer_free(t);
}

/* A clock that goes backwards counts as no time passing. */
static void clock_going_backwards(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 2, 3, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 10000);
	assert_true(timer_next(t, 10000)); /* hold 1, 3 s, from 10000 */
	assert_int_equal(timer_advance(t, 12000), 0);
	assert_int_equal(timer_remaining_ms(t, 12000), 1000);
	assert_int_equal(timer_remaining_ms(t, 9000), 1000); /* earlier */
	assert_int_equal(timer_advance(t, 5000), 0);
	assert_int_equal(timer_remaining_ms(t, 5000), 1000);
	assert_int_equal(timer_elapsed_ms(t, 5000), 2000);
	/* From the smaller value on, time counts again. */
	assert_int_equal(timer_advance(t, 5500), 0);
	assert_int_equal(timer_remaining_ms(t, 5500), 500);
	assert_int_equal(timer_advance(t, 6000), 1);
	assert_int_equal(timer_remaining_ms(t, 6000), 3000);
	/* Backwards across a pause and a resume. */
	assert_true(timer_pause(t, 7000));
	assert_true(timer_resume(t, 3000));
	assert_int_equal(timer_remaining_ms(t, 3000), 2000);
	assert_int_equal(timer_advance(t, 2000), 0);
	assert_int_equal(timer_remaining_ms(t, 2000), 2000);
	/* Next with a clock gone back: the new step starts whole. */
	assert_true(timer_next(t, 1000));
	assert_int_equal(timer_remaining_ms(t, 1000), 3000);
	assert_true(timer_next(t, 1000));
	assert_true(timer_done(t));
	timer_free(t);

	t = timer_new(&e, 10000);
	assert_true(timer_next(t, 1000)); /* start, clock back */
	assert_int_equal(timer_remaining_ms(t, 1000), 3000);
	assert_int_equal(timer_remaining_ms(t, 3000), 1000);
	timer_free(t);
}

/* The patient's "next": ends untimed steps, cuts timed ones short. */
static void next_on_timed_and_untimed(void **state)
{
	(void)state;
	struct rx_exercise e = dose(2, 10, 0, 30, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	/* Untimed: ready waits for the patient. */
	assert_int_equal(timer_advance(t, 1000), 0);
	assert_true(timer_next(t, 1000));
	assert_int_equal(timer_index(t), 1);
	assert_int_equal(timer_current(t).kind, TIMER_REPS);
	/* Untimed: waits, then ends at the patient's word. */
	assert_int_equal(timer_advance(t, 90000), 0);
	assert_int_equal(timer_elapsed_ms(t, 90000), 89000);
	assert_true(timer_next(t, 90000));
	assert_int_equal(timer_current(t).kind, TIMER_REST);
	/* The next step starts whole at the press. */
	assert_int_equal(timer_remaining_ms(t, 90000), 30000);
	assert_int_equal(timer_remaining_ms(t, 100000), 20000);
	/* Cut a timed rest short halfway. */
	assert_true(timer_next(t, 105000));
	assert_int_equal(timer_current(t).kind, TIMER_REPS);
	assert_int_equal(timer_current(t).set, 2);
	assert_int_equal(timer_elapsed_ms(t, 105000), 0);
	/* Next while paused, into DONE. */
	assert_true(timer_pause(t, 106000));
	assert_true(timer_next(t, 107000));
	assert_true(timer_done(t));
	assert_false(timer_paused(t)); /* done clears the pause */
	assert_false(timer_next(t, 108000));
	assert_int_equal(timer_index(t), 4);
	timer_free(t);

	e = dose(1, 1, 5, 0, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_true(timer_pause(t, 1000));
	assert_true(timer_next(t, 2000));
	assert_true(timer_paused(t));
	assert_int_equal(timer_current(t).kind, TIMER_HOLD);
	assert_int_equal(timer_remaining_ms(t, 60000), 5000);
	assert_true(timer_resume(t, 60000));
	assert_int_equal(timer_remaining_ms(t, 61000), 4000);
	timer_free(t);
}

/* DONE is reached at exactly the planned millisecond, not before. */
static void reaching_done_exactly(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 0, 5, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 500);
	assert_int_equal(timer_total_ms(t), 5000);
	assert_int_equal(timer_advance(t, 500 + 2999), 0);
	assert_int_equal(timer_remaining_ms(t, 500 + 2999), 0); /* untimed */
	assert_true(timer_next(t, 500 + 3000));
	assert_int_equal(timer_advance(t, 500 + 7999), 0);
	assert_false(timer_done(t));
	assert_int_equal(timer_remaining_ms(t, 500 + 7999), 1);
	assert_int_equal(timer_advance(t, 500 + 8000), 1);
	assert_true(timer_done(t));
	assert_int_equal(timer_current(t).kind, TIMER_DONE);
	assert_int_equal(timer_remaining_ms(t, 500 + 9000), 0);
	timer_free(t);

	/* Both holds and the relax at once, on the exact millisecond. */
	e = dose(1, 2, 5, 0, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_true(timer_next(t, 0));
	assert_int_equal(timer_advance(t, 14999), 2);
	timer_free(t);
	t = timer_new(&e, 0);
	assert_true(timer_next(t, 0));
	assert_int_equal(timer_advance(t, 15000), 3);
	assert_true(timer_done(t));
	timer_free(t);
}

/* Random operations and clock jumps: the invariants always hold. */
static void invariants_under_random_clock(void **state)
{
	(void)state;
	uint32_t seed = 12345;
	struct rx_exercise e = dose(4, 3, 2, 3, RX_SIDE_BOTH);
	struct timer *t = timer_new(&e, 0);
	int64_t now = 0;
	size_t moves = 0;
	int64_t session = timer_total_ms(t), then = 0;
	for (int i = 0; i < 20000 && !timer_done(t); i++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;
		now += (int64_t)(r % 4000) - 1000; /* sometimes backwards */
		size_t before = timer_index(t);
		switch (r % 7) {
		case 0:
			timer_pause(t, now);
			break;
		case 1:
			timer_resume(t, now);
			break;
		case 2:
			if (r % 5 == 0)
				moves += timer_next(t, now) ? 1 : 0;
			break;
		default:
			moves += (size_t)timer_advance(t, now);
			break;
		}
		assert_true(timer_index(t) >= before);
		assert_int_equal(timer_index(t), moves);
		int64_t left = timer_remaining_ms(t, now);
		assert_true(left >= 0);
		assert_true(left <= timer_current(t).duration_ms);
		assert_true(timer_elapsed_ms(t, now) >= 0);
		/* The session's time left never grows while the clock goes
		 * forward (read at an earlier time, more was left then). */
		int64_t l = timer_left_ms(t, now);
		assert_true(l >= 0);
		if (now >= then && l > session)
			fail_msg("left %lld ms at %lld, %lld ms at %lld",
			         (long long)l, (long long)now,
			         (long long)session, (long long)then);
		session = l;
		then = now;
	}
	assert_int_equal(session, 0);
	assert_true(timer_done(t));
	timer_free(t);
}

static void describe_steps(void **state)
{
	(void)state;
	static const struct {
		int sets, reps, hold, rest;
		enum rx_side side;
		size_t index;
		const char *want;
	} cases[] = {
	    {3, 10, 5, 30, RX_SIDE_NONE, 0, "Get into position"},
	    {3, 10, 5, 30, RX_SIDE_BOTH, 0,
	     "Get into position - left side first"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 1, "Set 1 of 3 - rep 1 of 10 - hold"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 2, "Set 1 of 3 - relax before rep 2"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 27, "Set 2 of 3 - rep 4 of 10 - hold"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 20, "Rest before set 2"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 40, "Rest before set 3"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 60, "Done"},
	    {3, 10, 5, 30, RX_SIDE_BOTH, 60, "Switch to the right side"},
	    {3, 10, 5, 30, RX_SIDE_BOTH, 61,
	     "Right side - set 1 of 3 - rep 1 of 10 - hold"},
	    {3, 12, 0, 0, RX_SIDE_LEFT, 1,
	     "Left side - set 1 of 3 - do 12 reps"},
	    {3, 12, 0, 0, RX_SIDE_LEFT, 2, "Rest as needed before set 2"},
	    {3, 0, 30, 60, RX_SIDE_NONE, 3, "Set 2 of 3 - hold"},
	    {1, 1, 0, 0, RX_SIDE_RIGHT, 1,
	     "Right side - set 1 of 1 - do 1 rep"},
	    {2, 0, 0, 0, RX_SIDE_NONE, 1, "Set 1 of 2 - do the exercise"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rx_exercise e =
		    dose(cases[i].sets, cases[i].reps, cases[i].hold,
		         cases[i].rest, cases[i].side);
		struct timer *t = timer_new(&e, 0);
		struct timer_step s = timer_step_at(t, cases[i].index);
		char buf[80];
		assert_ptr_equal(
		    timer_describe_step(&s, true, buf, sizeof(buf)), buf);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, buf,
			         cases[i].want);
		timer_free(t);
	}
}

/* timer_describe follows the current step; a small buffer truncates. */
static void describe_current_and_truncate(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 3, 0, 0, RX_SIDE_BOTH);
	struct timer *t = timer_new(&e, 0);
	char buf[64];
	assert_string_equal(timer_describe(t, true, buf, sizeof(buf)),
	                    "Get into position - left side first");
	/* In UTF-8 the screen's dash joins the parts. */
	assert_string_equal(timer_describe(t, false, buf, sizeof(buf)),
	                    "Get into position \xE2\x80\x93 left side first");
	timer_next(t, 10);
	assert_string_equal(timer_describe(t, true, buf, sizeof(buf)),
	                    "Left side - set 1 of 1 - do 3 reps");
	timer_next(t, 20);
	char small[10];
	memset(small, 'x', sizeof(small));
	assert_ptr_equal(timer_describe(t, true, small, sizeof(small)), small);
	assert_string_equal(small, "Switch to");
	timer_next(t, 30);
	timer_next(t, 40);
	assert_string_equal(timer_describe(t, true, buf, sizeof(buf)), "Done");
	timer_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(walk_small_both_sides),
	    cmocka_unit_test(walk_3x10_both_sides),
	    cmocka_unit_test(walk_reps_without_hold),
	    cmocka_unit_test(walk_hold_without_reps),
	    cmocka_unit_test(walk_bare_set_right),
	    cmocka_unit_test(walk_pause_between_reps),
	    cmocka_unit_test(relax_between_holds),
	    cmocka_unit_test(range_hold_counts_to_top),
	    cmocka_unit_test(next_end_of_the_walk),
	    cmocka_unit_test(walk_tempo),
	    cmocka_unit_test(walk_alternate_sides),
	    cmocka_unit_test(walk_duration_bouts),
	    cmocka_unit_test(get_ready_is_untimed),
	    cmocka_unit_test(left_counts_down),
	    cmocka_unit_test(ranges_use_lower_bound),
	    cmocka_unit_test(pain_before_kept),
	    cmocka_unit_test(counts_and_totals),
	    cmocka_unit_test(dose_is_copied),
	    cmocka_unit_test(pause_and_resume),
	    cmocka_unit_test(pause_after_time_ran_out),
	    cmocka_unit_test(big_jump_passes_several_steps),
	    cmocka_unit_test(clock_going_backwards),
	    cmocka_unit_test(next_on_timed_and_untimed),
	    cmocka_unit_test(reaching_done_exactly),
	    cmocka_unit_test(invariants_under_random_clock),
	    cmocka_unit_test(describe_steps),
	    cmocka_unit_test(describe_current_and_truncate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
