/* Unit tests of the guided timer's model: the walk built from a dose, the
 * injected clock (late callers, pauses, a clock that goes backwards), the
 * patient's "next", the end, and the lines that describe each step. No test
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

	for (size_t i = 0; i + 1 < n; i++) {
		assert_int_equal(timer_index(t), i);
		assert_false(timer_done(t));
		assert_step(timer_current(t), want[i], i);
		int64_t d = want[i].duration_ms;
		assert_int_equal(timer_remaining_ms(t, now), d);
		if (d > 0) {
			assert_int_equal(timer_advance(t, now + d - 1), 0);
			assert_int_equal(timer_remaining_ms(t, now + d - 1), 1);
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
	assert_false(timer_next(t, now));
	assert_int_equal(timer_advance(t, now + HOUR_MS), 0);
	assert_int_equal(timer_index(t), n - 1);
	timer_free(t);
}

/* sets 2, reps 2, hold 5, rest 10, both sides: the whole walk, literally. */
static void walk_small_both_sides(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, LEFT, 1, 2, 0, 2, 3000),
	    STEP(HOLD, LEFT, 1, 2, 1, 2, 5000),
	    STEP(HOLD, LEFT, 1, 2, 2, 2, 5000),
	    STEP(REST, LEFT, 2, 2, 0, 2, 10000),
	    STEP(HOLD, LEFT, 2, 2, 1, 2, 5000),
	    STEP(HOLD, LEFT, 2, 2, 2, 2, 5000),
	    STEP(SWITCH, RIGHT, 1, 2, 0, 2, 0),
	    STEP(HOLD, RIGHT, 1, 2, 1, 2, 5000),
	    STEP(HOLD, RIGHT, 1, 2, 2, 2, 5000),
	    STEP(REST, RIGHT, 2, 2, 0, 2, 10000),
	    STEP(HOLD, RIGHT, 2, 2, 1, 2, 5000),
	    STEP(HOLD, RIGHT, 2, 2, 2, 2, 5000),
	    STEP(DONE, NONE, 0, 2, 0, 2, 0),
	};
	struct rx_exercise e = dose(2, 2, 5, 10, RX_SIDE_BOTH);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
}

/* sets 3, reps 10, hold 5, rest 30, both sides: 67 steps, 423 s. */
static void walk_3x10_both_sides(void **state)
{
	(void)state;
	struct timer_step want[67];
	size_t n = 0;
	want[n++] = (struct timer_step)STEP(GET_READY, LEFT, 1, 3, 0, 10, 3000);
	for (int side = 0; side < 2; side++) {
		enum rx_side sd = side == 0 ? RX_SIDE_LEFT : RX_SIDE_RIGHT;
		if (side == 1)
			want[n++] = (struct timer_step){
			    TIMER_SWITCH, sd, 1, 3, 0, 10, 0};
		for (int set = 1; set <= 3; set++) {
			if (set > 1)
				want[n++] = (struct timer_step){
				    TIMER_REST, sd, set, 3, 0, 10, 30000};
			for (int rep = 1; rep <= 10; rep++)
				want[n++] = (struct timer_step){
				    TIMER_HOLD, sd, set, 3, rep, 10, 5000};
		}
	}
	want[n++] = (struct timer_step)STEP(DONE, NONE, 0, 3, 0, 10, 0);
	assert_int_equal(n, 67);
	/* The generated rows, pinned at the joints. */
	assert_step(want[10],
	            (struct timer_step)STEP(HOLD, LEFT, 1, 3, 10, 10, 5000),
	            10);
	assert_step(want[11],
	            (struct timer_step)STEP(REST, LEFT, 2, 3, 0, 10, 30000),
	            11);
	assert_step(want[32],
	            (struct timer_step)STEP(HOLD, LEFT, 3, 3, 10, 10, 5000),
	            32);
	assert_step(want[33],
	            (struct timer_step)STEP(SWITCH, RIGHT, 1, 3, 0, 10, 0), 33);
	assert_step(want[34],
	            (struct timer_step)STEP(HOLD, RIGHT, 1, 3, 1, 10, 5000),
	            34);

	struct rx_exercise e = dose(3, 10, 5, 30, RX_SIDE_BOTH);
	check_walk(&e, want, n);
	struct timer *t = timer_new(&e, 0);
	/* 3 s ready + 2 sides x (30 holds x 5 s + 2 rests x 30 s). */
	assert_int_equal(timer_total_ms(t), 423000);
	timer_free(t);
}

/* Reps without a hold: one untimed step per set, untimed rests. */
static void walk_reps_without_hold(void **state)
{
	(void)state;
	static const struct timer_step want[] = {
	    STEP(GET_READY, LEFT, 1, 3, 0, 12, 3000),
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
	    STEP(GET_READY, NONE, 1, 3, 0, 0, 3000),
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
	    STEP(GET_READY, RIGHT, 1, 2, 0, 0, 3000),
	    STEP(REPS, RIGHT, 1, 2, 0, 0, 0),
	    STEP(REST, RIGHT, 2, 2, 0, 0, 20000),
	    STEP(REPS, RIGHT, 2, 2, 0, 0, 0),
	    STEP(DONE, NONE, 0, 2, 0, 0, 0),
	};
	struct rx_exercise e = dose(2, 0, 0, 20, RX_SIDE_RIGHT);
	check_walk(&e, want, sizeof(want) / sizeof(want[0]));
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
	    {3, 10, 5, 30, RX_SIDE_BOTH, 67, 423000},
	    {2, 2, 5, 10, RX_SIDE_BOTH, 13, 63000},
	    {3, 12, 0, 0, RX_SIDE_LEFT, 7, 3000},
	    {3, 0, 30, 60, RX_SIDE_NONE, 7, 213000},
	    {1, 0, 0, 0, RX_SIDE_NONE, 3, 3000},
	    /* One set: its rest is never taken. */
	    {1, 1, 1, 1, RX_SIDE_RIGHT, 3, 4000},
	    {1, 0, 10, 0, RX_SIDE_BOTH, 5, 23000},
	    {999, 999, 999, 999, RX_SIDE_BOTH, 1 + 2 * 999 * 1000,
	     3000 + 2 * (998LL * 999 + 999LL * 999 * 999) * 1000},
	    /* Out of range: sets to 1, the rest to 0, a bad side to none. */
	    {0, -5, -1, -1, (enum rx_side)42, 3, 3000},
	    {5000, 0, 5000, 0, RX_SIDE_NONE, 2 + 999 * 2 - 1,
	     3000 + 999LL * 999 * 1000},
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
	assert_int_equal(timer_count(t), 1 + 2 * (2 * 4 - 1 + 1));
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
	assert_int_equal(timer_advance(t, 4000), 1); /* ready is over */
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
	assert_int_equal(timer_current(t).rep, 2);
	assert_int_equal(timer_remaining_ms(t, 63000), 5000);

	/* A pause taken mid-step, then a second one: both are left out. */
	assert_true(timer_pause(t, 64000));
	assert_true(timer_resume(t, 100000));
	assert_true(timer_pause(t, 101000));
	assert_true(timer_resume(t, 200000));
	assert_int_equal(timer_remaining_ms(t, 200000), 3000);
	assert_int_equal(timer_advance(t, 203000), 1);
	assert_true(timer_done(t));
	assert_false(timer_pause(t, 203000)); /* nothing to pause once done */
	assert_false(timer_paused(t));
	timer_free(t);
}

/* Time that ran out before a pause is still left by the next advance. */
static void pause_after_time_ran_out(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 1, 5, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	assert_true(timer_pause(t, 4000)); /* ready ended at 3000 */
	assert_int_equal(timer_remaining_ms(t, 4000), 0);
	assert_int_equal(timer_advance(t, 50000), 1);
	assert_int_equal(timer_current(t).kind, TIMER_HOLD);
	assert_true(timer_paused(t));
	/* The 1000 ms run past the ready step before the pause count. */
	assert_int_equal(timer_remaining_ms(t, 50000), 4000);
	timer_free(t);
}

/* A late caller passes several steps at once and learns how many. */
static void big_jump_passes_several_steps(void **state)
{
	(void)state;
	struct rx_exercise e = dose(3, 10, 5, 30, RX_SIDE_BOTH);
	struct timer *t = timer_new(&e, 0);
	/* Ready, 10 holds, a rest and 2 holds, then 1234 ms into hold 3. */
	int64_t now = 3000 + 10 * 5000 + 30000 + 2 * 5000 + 1234;
	assert_int_equal(timer_advance(t, now), 14);
	assert_int_equal(timer_index(t), 14);
	assert_step(timer_current(t),
	            (struct timer_step)STEP(HOLD, LEFT, 2, 3, 3, 10, 5000), 14);
	assert_int_equal(timer_remaining_ms(t, now), 5000 - 1234);
	/* An hour's suspend: the rest of the left side, up to the switch,
	 * which waits for the patient. */
	now += HOUR_MS;
	assert_int_equal(timer_advance(t, now), 33 - 14);
	assert_int_equal(timer_current(t).kind, TIMER_SWITCH);
	assert_int_equal(timer_remaining_ms(t, now), 0);
	assert_int_equal(timer_advance(t, now + HOUR_MS), 0);
	timer_free(t);

	/* A walk with no untimed step runs to the end in one call. */
	e = dose(3, 2, 5, 30, RX_SIDE_NONE);
	t = timer_new(&e, 0);
	assert_int_equal(timer_advance(t, 24 * HOUR_MS), timer_count(t) - 1);
	assert_true(timer_done(t));
	assert_int_equal(timer_remaining_ms(t, 24 * HOUR_MS), 0);
	assert_int_equal(timer_advance(t, 48 * HOUR_MS), 0);
	timer_free(t);

	/* Extreme clock values neither overflow nor go negative. */
	t = timer_new(&e, INT64_MIN);
	assert_int_equal(timer_advance(t, INT64_MIN + 2999), 0);
	assert_int_equal(timer_remaining_ms(t, INT64_MIN + 2999), 1);
	assert_int_equal(timer_remaining_ms(t, INT64_MAX), 0);
	assert_int_equal(timer_advance(t, INT64_MAX), timer_count(t) - 1);
	assert_true(timer_done(t));
	timer_free(t);
}

/* A clock that goes backwards counts as no time passing. */
static void clock_going_backwards(void **state)
{
	(void)state;
	struct rx_exercise e = dose(1, 1, 5, 0, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 10000);
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
	assert_int_equal(timer_remaining_ms(t, 6000), 5000);
	/* Backwards across a pause and a resume. */
	assert_true(timer_pause(t, 7000));
	assert_true(timer_resume(t, 3000));
	assert_int_equal(timer_remaining_ms(t, 3000), 4000);
	assert_int_equal(timer_advance(t, 2000), 0);
	assert_int_equal(timer_remaining_ms(t, 2000), 4000);
	/* Next with a clock gone back: the new step starts whole. */
	assert_true(timer_next(t, 1000));
	assert_true(timer_done(t));
	timer_free(t);

	t = timer_new(&e, 10000);
	assert_true(timer_next(t, 1000)); /* skip ready, clock back */
	assert_int_equal(timer_remaining_ms(t, 1000), 5000);
	assert_int_equal(timer_remaining_ms(t, 3000), 3000);
	timer_free(t);
}

/* The patient's "next": ends untimed steps, cuts timed ones short. */
static void next_on_timed_and_untimed(void **state)
{
	(void)state;
	struct rx_exercise e = dose(2, 10, 0, 30, RX_SIDE_NONE);
	struct timer *t = timer_new(&e, 0);
	/* Timed: ready cut short after 1 s. */
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
	assert_int_equal(timer_total_ms(t), 8000);
	assert_int_equal(timer_advance(t, 500 + 2999), 0);
	assert_int_equal(timer_remaining_ms(t, 500 + 2999), 1);
	assert_int_equal(timer_advance(t, 500 + 3000), 1);
	assert_int_equal(timer_advance(t, 500 + 7999), 0);
	assert_false(timer_done(t));
	assert_int_equal(timer_remaining_ms(t, 500 + 7999), 1);
	assert_int_equal(timer_advance(t, 500 + 8000), 1);
	assert_true(timer_done(t));
	assert_int_equal(timer_current(t).kind, TIMER_DONE);
	assert_int_equal(timer_remaining_ms(t, 500 + 9000), 0);
	timer_free(t);

	/* Both steps at once, on the exact millisecond. */
	t = timer_new(&e, 0);
	assert_int_equal(timer_advance(t, 7999), 1);
	timer_free(t);
	t = timer_new(&e, 0);
	assert_int_equal(timer_advance(t, 8000), 2);
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
	}
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
	    {3, 10, 5, 30, RX_SIDE_NONE, 0, "Get ready"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 1, "Set 1 of 3 - rep 1 of 10 - hold"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 15, "Set 2 of 3 - rep 4 of 10 - hold"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 11, "Rest before set 2"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 22, "Rest before set 3"},
	    {3, 10, 5, 30, RX_SIDE_NONE, 33, "Done"},
	    {3, 10, 5, 30, RX_SIDE_BOTH, 33, "Switch to the right side"},
	    {3, 10, 5, 30, RX_SIDE_BOTH, 34,
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
		assert_ptr_equal(timer_describe_step(&s, buf, sizeof(buf)),
		                 buf);
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
	assert_string_equal(timer_describe(t, buf, sizeof(buf)), "Get ready");
	timer_next(t, 10);
	assert_string_equal(timer_describe(t, buf, sizeof(buf)),
	                    "Left side - set 1 of 1 - do 3 reps");
	timer_next(t, 20);
	char small[10];
	memset(small, 'x', sizeof(small));
	assert_ptr_equal(timer_describe(t, small, sizeof(small)), small);
	assert_string_equal(small, "Switch to");
	timer_next(t, 30);
	timer_next(t, 40);
	assert_string_equal(timer_describe(t, buf, sizeof(buf)), "Done");
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
