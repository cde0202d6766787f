/* Unit tests of earned steps (SPEC 2.2): the step in force from the
 * standing advance entries and the therapist's lever, and readiness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/prescription.h"
#include "hep/progress.h"
#include "hep/report.h"
#include "hep/steps.h"

static cal_day day(const char *s)
{
	cal_day d;
	assert_true(cal_parse_date(s, &d));
	return d;
}

static struct rx *load_text(const char *text)
{
	struct rx *rx;
	struct rx_errors errs = {0};
	int rc = rx_load_buffer("t.cfg", text, strlen(text), &rx, &errs);
	for (size_t i = 0; i < errs.n; i++)
		print_error("unexpected: %s\n", errs.msgs[i]);
	assert_int_equal(rc, 0);
	rx_errors_free(&errs);
	return rx;
}

/* A prescription of one exercise: per_day 2, two earned steps (the
 * criteria given), back_off pain above 5 in 2 sessions. */
static struct rx *load(const char *when1, const char *when2)
{
	char text[1024];
	snprintf(text, sizeof text,
	         "version = 1;\nprogram: { title = \"T\"; start = "
	         "\"2026-11-02\"; };\nexercises = (\n"
	         "{ id = \"a\"; name = \"A\"; reps = 15; per_day = 2;\n"
	         "  steps = ( { when = { %s }; load = \"+5 kg\"; },\n"
	         "            { when = { %s }; load = \"+10 kg\"; } );\n"
	         "  back_off = { pain_above = 5; sessions = 2; }; } );\n",
	         when1, when2);
	return load_text(text);
}

/* The step in force is that of the latest standing advance effective on
 * or before the day; an undone advance is simply not among them. */
static void step_in_force_follows_advances(void **state)
{
	(void)state;
	struct rx *rx = load("sessions = 3;", "sessions = 3;");
	const struct rx_exercise *e = &rx->ex[0];
	cal_day d = day("2026-11-02"), since;
	assert_int_equal(steps_in_force(e, NULL, 0, -1, CAL_NONE, d, &since),
	                 0);
	assert_int_equal(since, CAL_NONE);
	struct step_advance a[] = {
	    {d + 5, 1}, {d + 10, 2}, {d + 12, 1}, /* the last a back-off */
	};
	assert_int_equal(steps_in_force(e, a, 3, -1, CAL_NONE, d + 4, &since),
	                 0);
	assert_int_equal(steps_in_force(e, a, 3, -1, CAL_NONE, d + 5, &since),
	                 1);
	assert_int_equal(since, d + 5);
	assert_int_equal(steps_in_force(e, a, 3, -1, CAL_NONE, d + 11, &since),
	                 2);
	assert_int_equal(since, d + 10);
	assert_int_equal(steps_in_force(e, a, 3, -1, CAL_NONE, d + 40, &since),
	                 1);
	assert_int_equal(since, d + 12);
	/* Order given does not matter but for one day: the later wins. */
	struct step_advance b[] = {{d + 10, 2}, {d + 5, 1}, {d + 10, 1}};
	assert_int_equal(steps_in_force(e, b, 3, -1, CAL_NONE, d + 11, &since),
	                 1);
	assert_int_equal(since, d + 10);
	/* The advance of d + 10 undone: it no longer stands. */
	struct step_advance undone[] = {{d + 5, 1}};
	assert_int_equal(
	    steps_in_force(e, undone, 1, -1, CAL_NONE, d + 11, &since), 1);
	assert_int_equal(since, d + 5);
	rx_free(rx);
}

/* A prescription with fewer steps clamps the step by its number (point
 * 6); the lever step = N sets it from its version's day (point 7). */
static void clamped_and_levered(void **state)
{
	(void)state;
	struct rx *rx = load("sessions = 3;", "sessions = 3;");
	const struct rx_exercise *e = &rx->ex[0];
	cal_day d = day("2026-11-02"), since;
	struct step_advance a[] = {{d + 5, 1}, {d + 10, 5}};
	assert_int_equal(steps_in_force(e, a, 2, -1, CAL_NONE, d + 11, &since),
	                 2);
	/* Lever 0 from d + 20: what was earned before no longer counts,
	 * advances after it count on. */
	struct step_advance l[] = {{d + 5, 1}, {d + 20, 2}, {d + 25, 1}};
	assert_int_equal(steps_in_force(e, l, 3, 0, d + 20, d + 19, &since), 1);
	assert_int_equal(steps_in_force(e, l, 3, 0, d + 20, d + 21, &since), 0);
	assert_int_equal(since, d + 20);
	assert_int_equal(steps_in_force(e, l, 3, 0, d + 20, d + 25, &since), 1);
	assert_int_equal(since, d + 25);
	/* A lever of the first version rules every earlier day. */
	assert_int_equal(steps_in_force(e, NULL, 0, 2, CAL_NONE, d, &since), 2);
	rx_free(rx);
	/* Dated steps: advances are ignored (rx_on says the version). */
	const char *text =
	    "version = 1;\nprogram: { title = \"T\"; start = \"2026-11-02\"; "
	    "};\nexercises = ( { id = \"a\"; name = \"A\"; reps = 1;\n"
	    "  steps = ( { from = \"week 2\"; reps = 2; } ); } );\n";
	struct rx_errors errs = {0};
	assert_int_equal(
	    rx_load_buffer("t.cfg", text, strlen(text), &rx, &errs), 0);
	assert_int_equal(
	    steps_in_force(&rx->ex[0], a, 2, -1, CAL_NONE, d + 11, &since), 0);
	assert_int_equal(since, CAL_NONE);
	rx_free(rx);
}

#define S(d, n, pain, before)                                                  \
	{                                                                      \
		(d), (n), (pain), (before), -1                                 \
	}

/* Point 5: by day then number, at most per_day a day, the latest rated
 * ones, pain before counting against; why not, in words. */
static void readiness_counts_rated_sessions(void **state)
{
	(void)state;
	struct rx *rx =
	    load("sessions = 3; pain_at_most = 2;", "sessions = 2;");
	const struct rx_exercise *e = &rx->ex[0];
	cal_day d = day("2026-11-02");
	struct step_readiness r;
	struct step_session s[] = {
	    S(d + 1, 3, 0, -1), /* beyond per_day 2 that day: not counted */
	    S(d + 1, 1, 1, -1),  S(d + 1, 2, 1, -1),
	    S(d + 2, 1, -1, -1), /* unrated: passed over */
	    S(d + 3, 1, 3, -1),  S(d + 4, 1, 2, -1),
	    S(d + 5, 1, 0, -1),  S(d + 6, 1, 1, -1),
	    S(d + 7, 1, 1, -1),  S(d + 8, 1, 1, 4),
	};
	steps_readiness(e, 0, s, 3, d + 1, false, &r);
	assert_int_equal(r.step, -1);
	assert_int_equal(r.since, CAL_NONE);
	assert_string_equal(r.why, "2 of 3 sessions so far");
	steps_readiness(e, 0, s, 5, d + 3, false, &r);
	assert_int_equal(r.step, -1);
	assert_string_equal(r.why, "1 had pain 3, above 2");
	steps_readiness(e, 0, s, 7, d + 5, false, &r);
	assert_int_equal(r.step, -1); /* d+5, d+4, d+3 */
	steps_readiness(e, 0, s, 8, d + 6, false, &r);
	assert_int_equal(r.step, 1); /* d+6, d+5, d+4 */
	assert_false(r.back);
	assert_int_equal(r.since, d + 6);
	assert_string_equal(r.why, "3 sessions with pain \xE2\x89\xA4 2");
	/* Still ready the next day: since the first day of the run. */
	steps_readiness(e, 0, s, 9, d + 9, true, &r);
	assert_int_equal(r.step, 1);
	assert_int_equal(r.since, d + 6);
	assert_string_equal(r.why, "3 sessions with pain <= 2");
	/* A pain before above the limit counts against. */
	steps_readiness(e, 0, s, 10, d + 8, false, &r);
	assert_int_equal(r.step, -1);
	assert_string_equal(r.why, "1 had pain 4, above 2");
	rx_free(rx);
}

/* not_before: never ready before it; ready since it. Effort: until the
 * record holds it every session is unrated. The last step has nothing
 * to earn. */
static void not_before_effort_and_last_step(void **state)
{
	(void)state;
	struct rx *rx = load("sessions = 1; not_before = \"day 11\";",
	                     "sessions = 2; effort_at_most = 5;");
	const struct rx_exercise *e = &rx->ex[0];
	cal_day d = day("2026-11-02");
	struct step_readiness r;
	struct step_session s[] = {S(d + 2, 1, -1, -1), S(d + 3, 1, -1, -1)};
	steps_readiness(e, 0, s, 1, d + 5, false, &r);
	assert_int_equal(r.step, -1);
	assert_string_equal(r.why, "not before 2026-11-12");
	steps_readiness(e, 0, s, 1, d + 12, false, &r);
	assert_int_equal(r.step, 1);
	assert_int_equal(r.since, d + 10);
	assert_string_equal(r.why, "1 session, not before 2026-11-12");
	struct session one = {.pain = 1, .effort = -1};
	assert_int_equal(steps_session_effort(&one), -1);
	one.effort = 4;
	assert_int_equal(steps_session_effort(&one), 4);
	steps_readiness(e, 1, s, 2, d + 12, false, &r);
	assert_int_equal(r.step, -1);
	assert_string_equal(r.why, "0 of 2 sessions so far");
	steps_readiness(e, 2, s, 2, d + 12, false, &r);
	assert_int_equal(r.step, -1);
	assert_string_equal(r.why, "");
	rx_free(rx);
}

/* back_off: the latest K sessions with a pain recorded each above N make
 * the previous step ready, before a step forward; step 0 has none. */
static void back_off_suggested(void **state)
{
	(void)state;
	struct rx *rx = load("sessions = 1;", "sessions = 1;");
	const struct rx_exercise *e = &rx->ex[0];
	cal_day d = day("2026-11-02");
	struct step_readiness r;
	struct step_session s[] = {S(d + 1, 1, 6, -1), S(d + 2, 1, -1, -1),
	                           S(d + 3, 1, 2, 7), S(d + 4, 1, 3, -1)};
	steps_readiness(e, 1, s, 3, d + 3, false, &r);
	assert_int_equal(r.step, 0);
	assert_true(r.back);
	assert_int_equal(r.since, d + 3);
	assert_string_equal(r.why, "2 sessions with pain above 5");
	steps_readiness(e, 1, s, 4, d + 4, false, &r); /* settled: forward */
	assert_int_equal(r.step, 2);
	assert_false(r.back);
	steps_readiness(e, 0, s, 3, d + 3, false, &r);
	assert_int_equal(r.step, 1);
	assert_false(r.back);
	rx_free(rx);
}

#define STEPPED(lever)                                                         \
	"version = 1;\nprogram: { title = \"T\"; start = \"2026-11-02\"; "     \
	"};\nexercises = ( { id = \"a\"; name = \"A\"; reps = 10;\n"           \
	"  steps = ( { when = { sessions = 1; }; per_day = 2; },\n"            \
	"            { when = { sessions = 1; }; every = 3; } );" lever        \
	" } );\n"

/* A history of the first of snaps (held whole) and one exercise's
 * advances, from d to d + 30. */
static struct history history_of(const struct rx_snapshot *snaps,
                                 const struct history_advances *adv, cal_day d)
{
	return (struct history){.snaps = snaps,
	                        .n_snaps = 1,
	                        .start = d,
	                        .today = d + 30,
	                        .week_starts = CAL_MON,
	                        .first = CAL_NONE,
	                        .advances = adv,
	                        .n_advances = 1};
}

/* Section 3's arithmetic reads the earned step in force as a dated one:
 * per_day and every may differ between steps; every counts from the
 * advance that brought the step in (point 8); step = N from its
 * version's day (point 7). */
static void arithmetic_reads_the_step_in_force(void **state)
{
	(void)state;
	struct rx *one = load_text(STEPPED("")),
	          *two = load_text(STEPPED(" step = 0;"));
	cal_day d = day("2026-11-02");
	struct rx_snapshot snaps[2] = {
	    {d, one->ex, 1, CAL_NONE, CAL_NONE},
	    {d + 20, two->ex, 1, CAL_NONE, CAL_NONE}};
	struct step_advance a[] = {{d + 5, 1}, {d + 10, 2}};
	struct history_advances adv = {"a", a, 2};
	struct history h = history_of(snaps, &adv, d);
	const struct rx_exercise *e = &one->ex[0];
	assert_int_equal(progress_scheduled(&h, e, d + 4), 1);
	assert_int_equal(progress_scheduled(&h, e, d + 5), 2);
	assert_int_equal(history_step_since(&h, e, d + 5), d + 5);
	/* Step 2: every 3 days from the advance's day, 2 a day. */
	assert_int_equal(progress_scheduled(&h, e, d + 10), 2);
	assert_int_equal(progress_scheduled(&h, e, d + 11), 0);
	assert_int_equal(progress_scheduled(&h, e, d + 12), 0);
	assert_int_equal(progress_scheduled(&h, e, d + 13), 2);
	assert_ptr_equal(history_on(&h, e, d + 13, NULL), &e->steps[1]);
	cal_day anchor;
	history_on(&h, &e->steps[1], d + 13, &anchor);
	assert_int_equal(anchor, d + 10);
	/* A version handed in is read the same way. */
	assert_int_equal(progress_scheduled(&h, &e->steps[1], d + 13), 2);
	/* The advance of d + 10 taken back: step 1 again. */
	adv.n = 1;
	assert_int_equal(progress_scheduled(&h, e, d + 11), 2);
	adv.n = 2;
	/* The therapist's lever from d + 20: step 0 whatever was earned. */
	h.n_snaps = 2;
	assert_int_equal(progress_scheduled(&h, &two->ex[0], d + 22), 1);
	assert_int_equal(history_step_since(&h, &two->ex[0], d + 22), d + 20);
	assert_int_equal(progress_scheduled(&h, e, d + 13), 2);
	rx_free(one);
	rx_free(two);
	/* The first version's lever rules from the start: its every counts
	 * from the program's start. */
	struct rx *three = load_text(STEPPED(" step = 2;"));
	snaps[0].ex = three->ex;
	h.n_snaps = 1;
	h.n_advances = 0;
	e = &three->ex[0];
	assert_int_equal(progress_scheduled(&h, e, d), 2);
	assert_int_equal(progress_scheduled(&h, e, d + 1), 0);
	assert_int_equal(progress_scheduled(&h, e, d + 3), 2);
	rx_free(three);
}

/* With per_day = [2, 3], a day counts at most its MAX of sessions
 * (settled point 5): three of one day count, a fourth does not. */
static void a_range_counts_up_to_its_max(void **state)
{
	(void)state;
	struct rx *rx = load_text(
	    "version = 1;\nprogram: { title = \"T\"; start = \"2026-11-02\"; "
	    "};\nexercises = (\n{ id = \"a\"; name = \"A\"; reps = 15; "
	    "per_day = [2, 3];\n  steps = ( { when = { sessions = 4; }; load "
	    "= \"+5 kg\"; } ); } );\n");
	const struct rx_exercise *e = &rx->ex[0];
	cal_day d = day("2026-11-02");
	struct step_readiness r;
	struct step_session four[] = {S(d, 1, -1, -1), S(d, 2, -1, -1),
	                              S(d, 3, -1, -1), S(d, 4, -1, -1)};
	steps_readiness(e, 0, four, 4, d, false, &r);
	assert_int_equal(r.step, -1);
	assert_string_equal(r.why, "3 of 4 sessions so far");
	struct step_session more[] = {S(d, 1, -1, -1), S(d, 2, -1, -1),
	                              S(d, 3, -1, -1), S(d + 1, 1, -1, -1)};
	steps_readiness(e, 0, more, 4, d + 1, false, &r);
	assert_int_equal(r.step, 1);
	rx_free(rx);
}

/* The report's steps (SPEC 2.2): the step in force on its first day,
 * then each change with its day; why each is in force: earned by the
 * criteria of the step it brought, a step back, the therapist's lever. */
static void report_names_each_step(void **state)
{
	(void)state;
	struct rx *one = load("sessions = 6; pain_at_most = 2;",
	                      "sessions = 6; pain_at_most = 2;");
	struct rx *two = load_text(STEPPED(" step = 2;"));
	cal_day d = day("2026-11-02");
	struct rx_snapshot snaps[2] = {
	    {d, one->ex, 1, CAL_NONE, CAL_NONE},
	    {d + 20, two->ex, 1, CAL_NONE, CAL_NONE}};
	struct step_advance a[] = {{d + 5, 1}, {d + 8, 2}, {d + 12, 1}};
	struct history_advances adv = {"a", a, 3};
	struct history h = history_of(snaps, &adv, d);
	struct report_step *s;
	size_t n;
	char why[200];
	assert_ptr_equal(report_steps(&h, "a", d + 6, d + 14, &s, &n),
	                 &one->ex[0]);
	assert_int_equal(n, 3);
	assert_int_equal(s[0].step, 1);
	assert_int_equal(s[0].since, d + 5);
	assert_string_equal(
	    report_step_why(&one->ex[0], &s[0], why, sizeof why),
	    "earned by 6 sessions with pain ≤ 2");
	assert_int_equal(s[1].since, d + 8);
	assert_int_equal(s[1].step, 2);
	assert_false(s[1].back);
	assert_int_equal(s[2].since, d + 12);
	assert_true(s[2].back);
	assert_string_equal(
	    report_step_why(&one->ex[0], &s[2], why, sizeof why),
	    "a step back");
	free(s);
	/* A span's first day inside a step back: still a step back. */
	report_steps(&h, "a", d + 13, d + 14, &s, &n);
	assert_int_equal(n, 1);
	assert_true(s[0].back);
	free(s);
	/* From the start, then the lever of the version from d + 20. */
	h.n_snaps = 2;
	adv.n = 0;
	report_steps(&h, "a", d, d + 21, &s, &n);
	assert_int_equal(n, 2);
	assert_int_equal(s[0].since, CAL_NONE);
	assert_string_equal(
	    report_step_why(&one->ex[0], &s[0], why, sizeof why),
	    "from the start");
	assert_int_equal(s[1].since, d + 20);
	assert_int_equal(s[1].step, 2);
	assert_true(s[1].set);
	assert_string_equal(
	    report_step_why(&two->ex[0], &s[1], why, sizeof why),
	    "set by the therapist");
	free(s);
	/* No earned steps: none. */
	assert_null(report_steps(&h, "b", d, d + 21, &s, &n));
	assert_int_equal(n, 0);
	free(s);
	rx_free(one);
	rx_free(two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(step_in_force_follows_advances),
	    cmocka_unit_test(clamped_and_levered),
	    cmocka_unit_test(readiness_counts_rated_sessions),
	    cmocka_unit_test(not_before_effort_and_last_step),
	    cmocka_unit_test(back_off_suggested),
	    cmocka_unit_test(arithmetic_reads_the_step_in_force),
	    cmocka_unit_test(a_range_counts_up_to_its_max),
	    cmocka_unit_test(report_names_each_step),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
