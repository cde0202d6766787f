/* Unit tests of the day arithmetic (SPEC section 3): due, done, skips,
 * phases, per-week exercises and day status, on hand-built histories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/progress.h"
#include "hep/text.h"

static cal_day day(const char *s)
{
	cal_day d;
	assert_true(cal_parse_date(s, &d));
	return d;
}

static char n_quad[] = "Quad sets", n_slr[] = "Straight leg raise",
            n_bridge[] = "Bridges";

/* The prescription of SPEC section 2. */
static void spec_exercises(struct rx_exercise ex[3])
{
	memset(ex, 0, 3 * sizeof *ex);
	ex[0] = (struct rx_exercise){.id = "quad-set",
	                             .name = n_quad,
	                             .sets = {3, 3},
	                             .reps = {10, 10},
	                             .hold = {5, 5},
	                             .per_day = 2,
	                             .days = RX_ALL_DAYS,
	                             .from = CAL_NONE,
	                             .until = CAL_NONE};
	ex[1] = (struct rx_exercise){.id = "slr",
	                             .name = n_slr,
	                             .sets = {3, 3},
	                             .reps = {12, 12},
	                             .side = RX_SIDE_RIGHT,
	                             .per_day = 1,
	                             .days = (1 << CAL_MON) | (1 << CAL_WED) |
	                                     (1 << CAL_FRI),
	                             .from = CAL_NONE,
	                             .until = CAL_NONE};
	ex[2] = (struct rx_exercise){.id = "bridge",
	                             .name = n_bridge,
	                             .sets = {2, 2},
	                             .reps = {15, 15},
	                             .hold = {3, 3},
	                             .rest = {30, 30},
	                             .per_day = 1,
	                             .days = RX_ALL_DAYS,
	                             .per_week = 3,
	                             .from = day("2026-11-16"),
	                             .until = day("2026-12-31")};
}

/* The log of SPEC section 4, as sorted tallies. */
static size_t spec_log(struct tally *t, const struct rx_exercise *ex)
{
	size_t n = 0;
	for (cal_day d = day("2026-11-02"); d <= day("2026-11-26"); d++) {
		/* Within a day, tallies sort by exercise id. */
		const char *ids[] = {"bridge", "quad-set", "slr"};
		for (int k = 0; k < 3; k++) {
			int done = 0;
			enum skip_reason skip = SKIP_NONE;
			if (!strcmp(ids[k], "quad-set"))
				done = d <= day("2026-11-23")   ? 2
				       : d == day("2026-11-24") ? 1
				       : d == day("2026-11-25") ? 2
				                                : 1;
			if (!strcmp(ids[k], "slr") &&
			    (ex[1].days & (1 << cal_weekday(d))))
				done = d <= day("2026-11-23") ? 1 : 0;
			if (!strcmp(ids[k], "slr") && d == day("2026-11-25"))
				skip = SKIP_PAIN;
			if (!strcmp(ids[k], "bridge") &&
			    (d == day("2026-11-16") || d == day("2026-11-18") ||
			     d == day("2026-11-20") || d == day("2026-11-23")))
				done = 1;
			if (done || skip) {
				t[n] = (struct tally){
				    .day = d, .done = done, .skip = skip};
				t[n].exercise = ids[k];
				n++;
			}
		}
	}
	return n;
}

struct fixture {
	struct rx_exercise ex[3];
	struct rx_snapshot snap;
	struct tally tallies[128];
	struct history h;
};

static struct fixture *spec_fixture(void)
{
	struct fixture *f = calloc(1, sizeof *f);
	spec_exercises(f->ex);
	f->snap = (struct rx_snapshot){day("2026-11-02"), f->ex, 3, CAL_NONE,
	                               CAL_NONE};
	size_t n = spec_log(f->tallies, f->ex);
	f->h = (struct history){&f->snap,
	                        1,
	                        day("2026-11-02"),
	                        day("2026-11-26"),
	                        CAL_MON,
	                        f->tallies,
	                        n,
	                        CAL_NONE,
	                        NULL,
	                        NULL,
	                        0,
	                        false};
	return f;
}

static void spec_today(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct day_item *items;
	size_t n;
	enum day_status s = progress_day(&f->h, day("2026-11-26"), &items, &n);
	assert_int_equal(s, DAY_OPEN);
	assert_int_equal(n, 2); /* slr is not scheduled on Thursdays */
	assert_string_equal(items[0].ex->id, "quad-set");
	assert_int_equal(items[0].due, 2);
	assert_int_equal(items[0].done, 1);
	assert_string_equal(items[1].ex->id, "bridge");
	assert_int_equal(items[1].due, 1);
	assert_int_equal(items[1].done, 0);
	assert_int_equal(items[1].week_done, 1);
	free(items);
	free(f);
}

static void spec_statuses(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct history *h = &f->h;
	assert_int_equal(progress_day_status(h, day("2026-11-01")), DAY_NONE);
	assert_int_equal(progress_day_status(h, day("2026-11-02")), DAY_DONE);
	assert_int_equal(progress_day_status(h, day("2026-11-23")), DAY_DONE);
	assert_int_equal(progress_day_status(h, day("2026-11-24")),
	                 DAY_PARTIAL);
	/* The pain skip excused slr: Wednesday is done. */
	assert_int_equal(progress_day_status(h, day("2026-11-25")), DAY_DONE);
	assert_int_equal(progress_day_status(h, day("2026-11-26")), DAY_OPEN);
	assert_int_equal(progress_day_status(h, day("2026-11-27")), DAY_FUTURE);
	struct day_item *items;
	size_t n;
	progress_day(h, day("2026-11-25"), &items, &n);
	assert_int_equal(n, 3);
	assert_string_equal(items[1].ex->id, "slr");
	assert_int_equal(items[1].due, 0);
	assert_int_equal(items[1].skip, SKIP_PAIN);
	free(items);
	/* Before the phase, the per-week exercise is not listed. */
	progress_day(h, day("2026-11-13"), &items, &n);
	assert_int_equal(n, 2);
	free(items);
	free(f);
}

static void missed_rest_and_unexcused(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct history h = f->h;
	/* No sessions at all: past days are missed, not partial. */
	h.n_tallies = 0;
	assert_int_equal(progress_day_status(&h, day("2026-11-10")),
	                 DAY_MISSED);
	/* An unexcused skip leaves the due as it was. */
	struct tally t = {.exercise = "quad-set",
	                  .day = day("2026-11-10"),
	                  .done = 1,
	                  .skip = SKIP_TRAVEL};
	h.tallies = &t;
	h.n_tallies = 1;
	struct day_item *items;
	size_t n;
	assert_int_equal(progress_day(&h, day("2026-11-10"), &items, &n),
	                 DAY_PARTIAL);
	assert_int_equal(items[0].due, 2);
	free(items);
	/* An excused skip of everything due leaves nothing due: a rest day. */
	struct rx_exercise one = f->ex[0];
	struct rx_snapshot s = {day("2026-11-02"), &one, 1, CAL_NONE, CAL_NONE};
	h.snaps = &s;
	h.n_snaps = 1;
	t.done = 0;
	t.skip = SKIP_SICK;
	assert_int_equal(progress_day_status(&h, day("2026-11-10")), DAY_REST);
	/* A day on which a days-restricted exercise is not scheduled. */
	struct rx_exercise mon = f->ex[1];
	s.ex = &mon;
	h.n_tallies = 0;
	assert_int_equal(progress_day_status(&h, day("2026-11-10")), DAY_REST);
	assert_int_equal(progress_day_status(&h, day("2026-11-09")),
	                 DAY_MISSED);
	/* No program start yet: nothing is due anywhere. */
	h.start = CAL_NONE;
	assert_int_equal(progress_day_status(&h, day("2026-11-09")), DAY_NONE);
	free(f);
}

static void snapshots_in_force(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct rx_exercise later[2] = {f->ex[0], f->ex[1]};
	later[0].per_day = 3;
	struct rx_snapshot snaps[2] = {
	    {day("2026-11-02"), f->ex, 3, CAL_NONE, CAL_NONE},
	    {day("2026-11-20"), later, 2, CAL_NONE, CAL_NONE}};
	struct history h = f->h;
	h.snaps = snaps;
	h.n_snaps = 2;
	assert_ptr_equal(history_snapshot(&h, day("2026-10-01")), &snaps[0]);
	assert_ptr_equal(history_snapshot(&h, day("2026-11-19")), &snaps[0]);
	assert_ptr_equal(history_snapshot(&h, day("2026-11-20")), &snaps[1]);
	assert_ptr_equal(history_snapshot(&h, day("2027-01-01")), &snaps[1]);
	/* per_day changed from the 20th on only: earlier days stay done. */
	assert_int_equal(progress_day_status(&h, day("2026-11-19")), DAY_DONE);
	assert_int_equal(progress_day_status(&h, day("2026-11-20")),
	                 DAY_PARTIAL);
	free(f);
}

static void sunday_weeks(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct history h = f->h;
	h.week_starts = CAL_SUN;
	struct day_item *items;
	size_t n;
	/* The Sunday week of Thu Nov 26 starts on Nov 22: bridge on Nov 23. */
	progress_day(&h, day("2026-11-26"), &items, &n);
	assert_int_equal(items[1].week_done, 1);
	free(items);
	/* The Sunday week of Sat Nov 21 holds Nov 16, 18 and 20. */
	progress_day(&h, day("2026-11-21"), &items, &n);
	assert_int_equal(n, 2);
	assert_string_equal(items[1].ex->id, "bridge");
	assert_int_equal(items[1].week_done, 3);
	free(items);
	free(f);
}

/* One fixed exercise on Mon/Wed/Fri and one every day from a Thursday on;
 * tallies from a compact string per day ('x' done, '-' none). */
static void streak_rules(void **state)
{
	(void)state;
	static char n_a[] = "Mon-Wed-Fri", n_b[] = "Daily";
	struct rx_exercise ex[2] = {
	    {.id = "a",
	     .name = n_a,
	     .sets = {1, 1},
	     .per_day = 1,
	     .days = (1 << CAL_MON) | (1 << CAL_WED) | (1 << CAL_FRI),
	     .from = CAL_NONE,
	     .until = CAL_NONE},
	    {.id = "b",
	     .name = n_b,
	     .sets = {1, 1},
	     .per_day = 1,
	     .days = RX_ALL_DAYS,
	     .from = CAL_NONE,
	     .until = CAL_NONE}};
	/* b's phase starts mid-week, on Thursday 2026-11-05. */
	ex[1].from = day("2026-11-05");
	struct rx_snapshot s = {day("2026-11-02"), ex, 2, CAL_NONE, CAL_NONE};
	struct tally t[32];
	size_t n = 0;
	/* Mon 2 a, Wed 4 a, Thu 5 b, Fri 6 a+b, Sat 7 b, Sun 8 b, Mon 9 a+b. */
	const char *log[][2] = {
	    {"2026-11-02", "a"}, {"2026-11-04", "a"}, {"2026-11-05", "b"},
	    {"2026-11-06", "a"}, {"2026-11-06", "b"}, {"2026-11-07", "b"},
	    {"2026-11-08", "b"}, {"2026-11-09", "a"}, {"2026-11-09", "b"}};
	for (size_t i = 0; i < sizeof log / sizeof *log; i++) {
		t[n] = (struct tally){
		    .day = day(log[i][0]), .done = 1, .pain = -1};
		t[n++].exercise = log[i][1];
	}
	struct history h = {&s,
	                    1,
	                    day("2026-11-02"),
	                    day("2026-11-10"),
	                    CAL_MON,
	                    t,
	                    n,
	                    CAL_NONE,
	                    NULL,
	                    NULL,
	                    0,
	                    false};
	/* Tue 3 is a rest day inside the run; today (Tue 10, b not yet done)
	 * is skipped: the run reaches yesterday. */
	assert_int_equal(progress_day_status(&h, day("2026-11-03")), DAY_REST);
	assert_int_equal(progress_day_status(&h, day("2026-11-10")), DAY_OPEN);
	struct streak st = progress_day_streak(&h);
	assert_int_equal(st.current, 7); /* 2, 4, 5, 6, 7, 8, 9 */
	assert_int_equal(st.longest, 7);
	bool weeks;
	st = progress_exercise_streak(&h, "a", &weeks);
	assert_false(weeks);
	assert_int_equal(st.current, 4);
	st = progress_exercise_streak(&h, "b", &weeks);
	assert_int_equal(st.current, 5); /* from its first day, Thursday */
	/* Today done: it counts. */
	t[n] = (struct tally){.day = day("2026-11-10"), .done = 1, .pain = -1};
	t[n++].exercise = "b";
	h.n_tallies = n;
	assert_int_equal(progress_day_streak(&h).current, 8);
	/* A miss breaks the run; the longest is kept. */
	h.today = day("2026-11-12");
	st = progress_day_streak(&h);
	assert_int_equal(st.current, 0); /* Wed 11 missed */
	assert_int_equal(st.longest, 8);
	/* Removing b from the 11th on: its later days are due 0, so its
	 * streak stays what it ended with. */
	struct rx_snapshot two[2] = {
	    {day("2026-11-02"), ex, 2, CAL_NONE, CAL_NONE},
	    {day("2026-11-11"), ex, 1, CAL_NONE, CAL_NONE}};
	h.snaps = two;
	h.n_snaps = 2;
	st = progress_exercise_streak(&h, "b", &weeks);
	assert_int_equal(st.current, 6);
	assert_int_equal(progress_day_status(&h, day("2026-11-11")),
	                 DAY_MISSED);
}

/* A per-week exercise in a partial week: the week counts once met or over. */
static void per_week_partial(void **state)
{
	(void)state;
	static char n_w[] = "Walk";
	struct rx_exercise w = {.id = "w",
	                        .name = n_w,
	                        .sets = {1, 1},
	                        .per_day = 1,
	                        .days = RX_ALL_DAYS,
	                        .per_week = 3,
	                        .from = CAL_NONE,
	                        .until = CAL_NONE};
	struct rx_snapshot s = {day("2026-11-04"), &w, 1, CAL_NONE, CAL_NONE};
	struct tally t[4] = {
	    {.exercise = "w", .day = day("2026-11-04"), .done = 1, .pain = -1},
	    {.exercise = "w", .day = day("2026-11-05"), .done = 1, .pain = -1}};
	/* The program starts on Wednesday: the first week has 5 active days. */
	struct history h = {&s,
	                    1,
	                    day("2026-11-04"),
	                    day("2026-11-06"),
	                    CAL_MON,
	                    t,
	                    2,
	                    CAL_NONE,
	                    NULL,
	                    NULL,
	                    0,
	                    false};
	int target, met, due, done;
	progress_week_target(&h, "w", day("2026-11-02"), &target, &met);
	assert_int_equal(target, 3);
	assert_int_equal(met, 2);
	progress_adherence(&h, day("2026-11-02"), day("2026-11-08"), NULL,
	                   false, &due, &done);
	assert_int_equal(due, 0); /* neither over nor met yet */
	t[2] = (struct tally){
	    .exercise = "w", .day = day("2026-11-06"), .done = 1, .pain = -1};
	h.n_tallies = 3;
	progress_adherence(&h, day("2026-11-02"), day("2026-11-08"), NULL,
	                   false, &due, &done);
	assert_int_equal(due, 3); /* met: it counts now */
	assert_int_equal(done, 3);
	bool weeks;
	struct streak st = progress_exercise_streak(&h, "w", &weeks);
	assert_true(weeks);
	assert_int_equal(st.current, 1);
	/* An excused day is not active: a week with only 2 active days has
	 * a target of 2. */
	h.n_tallies = 0;
	h.start = day("2026-11-06");
	h.today = day("2026-11-08");
	t[0] = (struct tally){.exercise = "w",
	                      .day = day("2026-11-06"),
	                      .skip = SKIP_SICK,
	                      .pain = -1};
	h.n_tallies = 1;
	progress_week_target(&h, "w", day("2026-11-02"), &target, &met);
	assert_int_equal(target, 2);
}

/* The Month screen's figure holds the month's days only (issue 13: a week
 * from Mon 30 Nov counted its December session in November's "9 of 9"):
 * a per-week week counts in the month it ends in. */
static void month_adherence(void **state)
{
	(void)state;
	static char n_w[] = "Walk";
	struct rx_exercise w = {.id = "w",
	                        .name = n_w,
	                        .sets = {1, 1},
	                        .per_day = 1,
	                        .days = RX_ALL_DAYS,
	                        .per_week = 1,
	                        .from = CAL_NONE,
	                        .until = CAL_NONE};
	struct rx_snapshot s = {day("2026-11-02"), &w, 1, CAL_NONE, CAL_NONE};
	/* One walk in each week Mon 2 Nov .. Sun 6 Dec; the last on 1 Dec. */
	struct tally t[5];
	const char *days[5] = {"2026-11-03", "2026-11-10", "2026-11-17",
	                       "2026-11-24", "2026-12-01"};
	for (int i = 0; i < 5; i++)
		t[i] = (struct tally){.exercise = "w",
		                      .day = day(days[i]),
		                      .done = 1,
		                      .pain = -1};
	struct history h = {&s,
	                    1,
	                    day("2026-11-02"),
	                    day("2026-12-09"),
	                    CAL_MON,
	                    t,
	                    5,
	                    CAL_NONE,
	                    NULL,
	                    NULL,
	                    0,
	                    false};
	int due, done;
	progress_month_adherence(&h, day("2026-11-01"), day("2026-11-30"), &due,
	                         &done);
	assert_int_equal(due, 4); /* the weeks ending 8, 15, 22 and 29 Nov */
	assert_int_equal(done, 4);
	progress_month_adherence(&h, day("2026-12-01"), day("2026-12-31"), &due,
	                         &done);
	assert_int_equal(due, 1);  /* 30 Nov .. 6 Dec; the week of 7 Dec is */
	assert_int_equal(done, 1); /* neither over nor met */
	/* Spans keep SPEC section 3's rule: the weeks that start in them. */
	progress_adherence(&h, day("2026-11-01"), day("2026-11-30"), NULL,
	                   false, &due, &done);
	assert_int_equal(due, 5);
}

/* Every glyph has its UTF-8 form and an ASCII stand-in that is ASCII. */
static void glyph_table_whole(void **state)
{
	(void)state;
	for (int g = 0; g < GLYPH_COUNT; g++) {
		const char *u = text_glyph((enum glyph)g, false);
		const char *a = text_glyph((enum glyph)g, true);
		assert_non_null(u);
		assert_non_null(a);
		assert_true((unsigned char)u[0] >= 0x80);
		for (const char *p = a; *p; p++)
			assert_true((unsigned char)*p < 0x80);
	}
	assert_string_equal(text_glyph(GLYPH_DOT, false), "\xC2\xB7");
	assert_string_equal(text_glyph(GLYPH_ARROW, true), "->");
}

/* An excused skip and one that excuses nothing: two glyphs, each in the
 * legend; a day every due exercise of which was skipped as sick is
 * excused, not "not due", though its status stays rest; one all skipped
 * for travel shows that skip, not "missed", though it stays missed. */
/* SPEC 2.2, the end of a program: nothing due after it, streaks neither
 * broken nor counted, a later version with a later end carrying on
 * without turning the gap into missed days, a shorter one re-judging no
 * day. */
static void program_end(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct rx_exercise one = f->ex[1];
	one.per_day = 1;
	one.days = RX_ALL_DAYS;
	struct tally t[5];
	for (int k = 0; k < 5; k++)
		t[k] = (struct tally){.exercise = "slr",
		                      .day = day("2026-11-02") + k,
		                      .done = 1,
		                      .pain = -1};
	struct rx_snapshot snaps[2] = {
	    {day("2026-11-02"), &one, 1, CAL_NONE, day("2026-11-06")},
	    {day("2026-11-09"), &one, 1, CAL_NONE, day("2026-11-20")}};
	struct history h = f->h;
	h.snaps = snaps;
	h.n_snaps = 1;
	h.tallies = t;
	h.n_tallies = 5;
	h.today = day("2026-11-10");
	h.mark = NULL;
	assert_int_equal(progress_day_status(&h, day("2026-11-06")), DAY_DONE);
	assert_false(history_ended(&h, day("2026-11-06")));
	assert_true(history_ended(&h, day("2026-11-07")));
	struct day_item *items;
	size_t n;
	assert_int_equal(progress_day(&h, day("2026-11-10"), &items, &n),
	                 DAY_ENDED);
	assert_int_equal(n, 1); /* still tickable, never due */
	assert_int_equal(items[0].due, 0);
	assert_true(items[0].ended);
	assert_false(progress_left(&items[0]));
	free(items);
	assert_int_equal(progress_day_cell(&h, day("2026-11-08")), CELL_ENDED);
	struct streak st = progress_day_streak(&h);
	assert_int_equal(st.current, 5);
	assert_int_equal(st.longest, 5);
	int due, done;
	progress_adherence(&h, day("2026-11-02"), h.today, NULL, false, &due,
	                   &done);
	assert_int_equal(due, 5);
	assert_int_equal(done, 5);
	/* A later version with a later end: the gap stays ended, the days
	 * from it on are due again. */
	h.n_snaps = 2;
	assert_int_equal(progress_day_status(&h, day("2026-11-08")), DAY_ENDED);
	assert_int_equal(progress_day_status(&h, day("2026-11-09")),
	                 DAY_MISSED);
	assert_int_equal(progress_day_status(&h, day("2026-11-10")), DAY_OPEN);
	assert_int_equal(progress_day_streak(&h).current, 0);
	/* A shorter end in a later version re-judges no earlier day. */
	snaps[1].end = day("2026-11-04");
	assert_int_equal(progress_day_status(&h, day("2026-11-05")), DAY_DONE);
	assert_int_equal(progress_day_status(&h, day("2026-11-09")), DAY_ENDED);
	free(f);
}

static void skip_cells(void **state)
{
	(void)state;
	struct fixture *f = spec_fixture();
	struct history h = f->h;
	struct rx_exercise one = f->ex[0];
	struct rx_snapshot s = {day("2026-11-02"), &one, 1, CAL_NONE, CAL_NONE};
	h.snaps = &s;
	h.n_snaps = 1;
	struct tally t[2] = {{.exercise = "quad-set",
	                      .day = day("2026-11-10"),
	                      .skip = SKIP_SICK},
	                     {.exercise = "quad-set",
	                      .day = day("2026-11-11"),
	                      .skip = SKIP_TRAVEL}};
	h.tallies = t;
	h.n_tallies = 2;
	h.first = CAL_NONE;
	struct week_view w;
	progress_week(&h, day("2026-11-10"), &w);
	assert_int_equal(w.n_rows, 1);
	assert_int_equal(progress_week_cell(&w.rows[0], 1, w.first, h.today),
	                 CELL_EXCUSED);
	assert_int_equal(progress_week_cell(&w.rows[0], 2, w.first, h.today),
	                 CELL_SKIPPED);
	assert_int_equal(w.status[1], DAY_REST);
	assert_int_equal(w.cells[1], CELL_EXCUSED);
	/* All skipped for travel: still missed, drawn as its skips. */
	assert_int_equal(w.status[2], DAY_MISSED);
	assert_int_equal(w.cells[2], CELL_SKIPPED);
	assert_int_equal(progress_day_cell(&h, day("2026-11-10")),
	                 CELL_EXCUSED);
	assert_int_equal(progress_day_cell(&h, day("2026-11-11")),
	                 CELL_SKIPPED);
	progress_week_free(&w);
	/* A day the exercise is not scheduled on stays not due. */
	struct rx_exercise mon = f->ex[1];
	s.ex = &mon;
	h.n_tallies = 0;
	assert_int_equal(progress_day_cell(&h, day("2026-11-10")), CELL_REST);
	assert_string_equal(progress_cell_glyph(CELL_EXCUSED, true), "s");
	assert_string_equal(progress_cell_glyph(CELL_SKIPPED, true), "!");
	assert_string_not_equal(progress_cell_glyph(CELL_EXCUSED, false),
	                        progress_cell_glyph(CELL_SKIPPED, false));
	char legend[256];
	assert_string_equal(progress_cell_legend(true, legend, sizeof legend),
	                    "x done  ~ partial  o missed  s excused  "
	                    "! not excused  _ to do  - not due  . to "
	                    "come  # ended");
	assert_string_equal(
	    progress_cell_legend(false, legend, sizeof legend),
	    "\xE2\x97\x8F done  \xE2\x97\x90 partial  \xE2\x97\x8B missed  "
	    "\xE2\x8A\x98 excused  \xE2\x8A\x97 not excused  "
	    "\xE2\x97\x8C to do  \xE2\x80\x93 not "
	    "due  \xC2\xB7 to come  \xE2\x96\xAB ended");
	free(f);
}

/* A range per_day = [3, 5] (SPEC 2.2): MIN is due and counted as per_day
 * = 3 would be; sessions up to MAX are shown "+N" and never raise
 * adherence above 100 %. */
static void per_day_range(void **state)
{
	(void)state;
	static char name[] = "Pelvic floor";
	struct rx_exercise e = {.id = "pfmt",
	                        .name = name,
	                        .sets = {3, 3},
	                        .per_day = 3,
	                        .per_day_max = 5,
	                        .days = RX_ALL_DAYS,
	                        .from = CAL_NONE,
	                        .until = CAL_NONE};
	struct rx_snapshot snap = {day("2026-11-02"), &e, 1, CAL_NONE,
	                           CAL_NONE};
	struct tally t[3] = {{.day = day("2026-11-02"), .done = 5},
	                     {.day = day("2026-11-03"), .done = 3},
	                     {.day = day("2026-11-04"), .done = 2}};
	for (int k = 0; k < 3; k++)
		t[k].exercise = "pfmt";
	struct history h = {&snap,
	                    1,
	                    day("2026-11-02"),
	                    day("2026-11-05"),
	                    CAL_MON,
	                    t,
	                    3,
	                    CAL_NONE,
	                    NULL,
	                    NULL,
	                    0,
	                    false};
	assert_int_equal(progress_scheduled(&h, &e, day("2026-11-02")), 3);
	assert_int_equal(rx_per_day_welcome(&e), 2);
	assert_int_equal(progress_day_status(&h, day("2026-11-02")), DAY_DONE);
	assert_int_equal(progress_day_status(&h, day("2026-11-03")), DAY_DONE);
	assert_int_equal(progress_day_status(&h, day("2026-11-04")),
	                 DAY_PARTIAL);
	int due, done;
	progress_adherence(&h, day("2026-11-02"), day("2026-11-04"), NULL,
	                   false, &due, &done);
	assert_int_equal(due, 9);
	assert_int_equal(done, 8); /* 3 + 3 + 2: the two extra never count */
	struct day_item *items;
	size_t n;
	progress_day(&h, day("2026-11-02"), &items, &n);
	char buf[32];
	assert_string_equal(progress_item_count(&items[0], buf, sizeof buf),
	                    "3/3 +2");
	free(items);
	assert_string_equal(progress_count_text(1, 3, buf, sizeof buf), "1/3");
	assert_string_equal(progress_count_text(4, 3, buf, sizeof buf),
	                    "3/3 +1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(spec_today),
	    cmocka_unit_test(per_day_range),
	    cmocka_unit_test(spec_statuses),
	    cmocka_unit_test(missed_rest_and_unexcused),
	    cmocka_unit_test(snapshots_in_force),
	    cmocka_unit_test(sunday_weeks),
	    cmocka_unit_test(streak_rules),
	    cmocka_unit_test(per_week_partial),
	    cmocka_unit_test(month_adherence),
	    cmocka_unit_test(glyph_table_whole),
	    cmocka_unit_test(program_end),
	    cmocka_unit_test(skip_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
