/*
 * Outcomes (SPEC section 8.1), the pure parts: the period a measure is due
 * in (a day, a week by week_starts, a clinic visit), what a check-in finds
 * due, and the PSFS items a check-in keeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/outcomes.h"

static cal_day day(const char *s)
{
	cal_day d;
	assert_true(cal_parse_date(s, &d));
	return d;
}

/* Wednesday 2026-11-18; visits on Monday 16 and Wednesday 18. */
static void periods_day_week_visit(void **state)
{
	(void)state;
	cal_day visits[] = {day("2026-11-16"), day("2026-11-18")};
	struct rx_program p = {.visits = visits, .n_visits = 2};
	cal_day wed = day("2026-11-18"), from, to;
	assert_true(outcome_period(RX_EVERY_DAY, &p, CAL_MON, wed, &from, &to));
	assert_int_equal(from, wed);
	assert_int_equal(to, wed);
	assert_true(
	    outcome_period(RX_EVERY_WEEK, &p, CAL_MON, wed, &from, &to));
	assert_int_equal(from, day("2026-11-16"));
	assert_int_equal(to, day("2026-11-22"));
	assert_true(
	    outcome_period(RX_EVERY_WEEK, &p, CAL_SUN, wed, &from, &to));
	assert_int_equal(from, day("2026-11-15"));
	/* A visit measure: due on a visit day only, that day alone. */
	assert_true(
	    outcome_period(RX_EVERY_VISIT, &p, CAL_MON, wed, &from, &to));
	assert_int_equal(from, wed);
	assert_int_equal(to, wed);
	assert_false(
	    outcome_period(RX_EVERY_VISIT, &p, CAL_MON, wed + 1, &from, &to));
}

static struct diary_entry measure(const char *id, cal_day d, int32_t v)
{
	struct diary_entry e = {.kind = ENTRY_MEASURE, .day = d, .value = v};
	strcpy(e.exercise, id);
	return e;
}

/* Due while nothing is recorded in the period; the latest value is the
 * latest day's, on one day the latest entry; nothing before the start. */
static void checkin_due_and_latest(void **state)
{
	(void)state;
	cal_day visits[] = {day("2026-11-16")};
	char stairs[] = "Stairs", kneeling[] = "Kneeling";
	char *acts[] = {stairs, kneeling};
	struct rx_measure m[3] = {
	    {.id = "bend", .every = RX_EVERY_WEEK, .goal = RX_NO_VALUE},
	    {.id = "swell", .every = RX_EVERY_DAY, .goal = RX_NO_VALUE},
	    {.id = "grip", .every = RX_EVERY_VISIT, .goal = RX_NO_VALUE}};
	struct rx_program p = {.visits = visits,
	                       .n_visits = 1,
	                       .measures = m,
	                       .n_measures = 3,
	                       .psfs = acts,
	                       .n_psfs = 2};
	cal_day wed = day("2026-11-18"), start = day("2026-11-02");
	struct checkin c;
	checkin_init(&c, &p, CAL_MON, start, wed);
	assert_int_equal(c.n, 4); /* three measures, then the PSFS */
	assert_null(c.item[3].m);
	struct diary_entry e[] = {
	    measure("bend", day("2026-11-17"), 950), /* this week */
	    measure("bend", day("2026-11-10"), 900), /* older, after it */
	    measure("swell", day("2026-11-17"), 30), /* yesterday */
	    measure("swell", day("2026-11-17"), 25), /* corrected */
	};
	for (size_t i = 0; i < sizeof e / sizeof *e; i++)
		checkin_add_entry(&c, &e[i]);
	struct diary_entry k = {.kind = ENTRY_PSFS,
	                        .day = day("2026-11-11"),
	                        .items = "3 Stairs\n4 Kneeling"};
	checkin_add_entry(&c, &k);
	checkin_finish(&c);
	assert_false(c.item[0].due); /* the week has 95 */
	assert_int_equal(c.item[0].last_value, 950);
	assert_int_equal(c.item[0].last_day, day("2026-11-17"));
	assert_true(c.item[1].due); /* today has none */
	assert_int_equal(c.item[1].last_value, 25);
	assert_false(c.item[2].due); /* no visit today */
	assert_true(c.item[3].due);  /* last week's check-in */
	assert_int_equal(c.item[3].last.rating[1], 4);
	assert_int_equal(c.n_due, 2);
	checkin_free(&c);
	/* Before the start nothing is due. */
	checkin_init(&c, &p, CAL_MON, start, start - 1);
	checkin_finish(&c);
	assert_int_equal(c.n_due, 0);
	checkin_free(&c);
}

static void psfs_items_round_trip(void **state)
{
	(void)state;
	int r[] = {10, 0, 7};
	char a0[] = "Climbing the stairs", a1[] = "Kneeling",
	     a2[] = "Walking 1 km";
	char *a[] = {a0, a1, a2};
	char *items = psfs_items_format(r, a, 3);
	assert_string_equal(items, "10 Climbing the stairs\n0 Kneeling\n"
	                           "7 Walking 1 km");
	struct psfs_checkin c;
	assert_true(psfs_items_parse(items, &c));
	assert_int_equal(c.n, 3);
	assert_int_equal(c.rating[0], 10);
	assert_string_equal(c.activity[2], "Walking 1 km");
	assert_true(psfs_score(&c) > 5.66 && psfs_score(&c) < 5.67);
	psfs_checkin_free(&c);
	free(items);
	const char *bad[] = {"",   "11 Stairs", "7",
	                     "7 ", "x Stairs",  "1 a\n2 b\n3 c\n4 d\n5 e\n6 f"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(psfs_items_parse(bad[i], &c));
	/* Half a tenth rounds away from zero, as a reader rounds (issue 22:
	 * "%.1f" printed 1.25 as 1.2). */
	assert_int_equal(outcome_tenths(2.25), 23);
	assert_int_equal(outcome_tenths(5.666), 57);
	assert_int_equal(outcome_tenths(-1.25), -13);
	assert_int_equal(outcome_tenths(87.0 / 20), 44); /* 4.35 */
	assert_int_equal(outcome_tenths(-0.04), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(periods_day_week_visit),
	    cmocka_unit_test(checkin_due_and_latest),
	    cmocka_unit_test(psfs_items_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
