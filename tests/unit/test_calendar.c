/* Unit tests of the calendar: strict dates, weekdays, weeks, logical today
 * (rollover hour, DST nights in New York and Berlin), HEP_NOW parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "hep/calendar.h"

static cal_day day(const char *s)
{
	cal_day d;
	assert_true(cal_parse_date(s, &d));
	return d;
}

static void parse_date_strict(void **state)
{
	(void)state;
	cal_day d;
	char buf[CAL_DATE_LEN];
	assert_true(cal_parse_date("2024-02-29", &d));
	assert_string_equal(cal_format(d, buf), "2024-02-29");
	assert_false(cal_parse_date("2026-02-29", &d));
	assert_false(cal_parse_date("2026-02-30", &d));
	assert_false(cal_parse_date("2100-02-29", &d));
	assert_true(cal_parse_date("2000-02-29", &d));
	assert_false(cal_parse_date("2026-13-01", &d));
	assert_false(cal_parse_date("2026-00-10", &d));
	assert_false(cal_parse_date("2026-1-10", &d));
	assert_false(cal_parse_date("2026-01-10 ", &d));
	assert_false(cal_parse_date("26-01-10", &d));
	assert_false(cal_parse_date("", &d));
	assert_false(cal_parse_date("2026/01/10", &d));
	assert_false(cal_parse_date("+026-01-10", &d));
	/* The range a date can name, years 1 to 9999 (SPEC 6.2), as
	 * CAL_FIRST and CAL_LAST; formatted back with four digits, never
	 * modulo anything. */
	assert_true(cal_parse_date("0001-01-01", &d));
	assert_int_equal(d, CAL_FIRST);
	assert_string_equal(cal_format(d, buf), "0001-01-01");
	assert_false(cal_parse_date("0000-12-31", &d));
	assert_true(cal_parse_date("1899-12-31", &d));
	assert_string_equal(cal_format(d, buf), "1899-12-31");
	assert_true(cal_parse_date("0999-03-01", &d));
	assert_string_equal(cal_format(d, buf), "0999-03-01");
	assert_true(cal_parse_date("9999-12-31", &d));
	assert_int_equal(d, CAL_LAST);
	assert_string_equal(cal_format(d, buf), "9999-12-31");
	/* A day past the end is never written as year 0000. */
	assert_string_equal(cal_format(CAL_LAST + 1, buf), "9999-12-31");
	char at[21];
	assert_string_equal(cal_format_utc(CAL_FIRST_MS / 1000, at),
	                    "0001-01-01T00:00:00Z");
	assert_string_equal(cal_format_utc(CAL_LAST_MS / 1000, at),
	                    "9999-12-31T23:59:59Z");
}

static void day_arithmetic(void **state)
{
	(void)state;
	char buf[CAL_DATE_LEN];
	assert_int_equal(day("1970-01-01"), 0);
	assert_string_equal(cal_format(day("2024-02-28") + 1, buf),
	                    "2024-02-29");
	assert_string_equal(cal_format(day("2024-02-29") + 1, buf),
	                    "2024-03-01");
	assert_string_equal(cal_format(day("2026-12-31") + 1, buf),
	                    "2027-01-01");
	assert_int_equal(day("2027-01-01") - day("2026-01-01"), 365);
	assert_int_equal(day("2025-01-01") - day("2024-01-01"), 366);
	/* Across both DST changes of 2024 a day is still one step. */
	assert_int_equal(day("2024-03-31") - day("2024-03-30"), 1);
	assert_int_equal(day("2024-10-27") - day("2024-10-26"), 1);
	/* Round trip over a long span. */
	for (cal_day d = day("1999-12-01"); d < day("2031-03-01"); d++) {
		cal_day back;
		assert_true(cal_parse_date(cal_format(d, buf), &back));
		assert_int_equal(back, d);
	}
}

static void weekdays_and_weeks(void **state)
{
	(void)state;
	char buf[CAL_DATE_LEN];
	assert_int_equal(cal_weekday(day("2026-11-26")), CAL_THU);
	assert_int_equal(cal_weekday(day("2024-02-29")), CAL_THU);
	assert_int_equal(cal_weekday(day("2026-11-29")), CAL_SUN);
	assert_int_equal(cal_weekday(day("1970-01-01")), CAL_THU);
	assert_int_equal(cal_weekday(day("1969-12-29")), CAL_MON);
	assert_string_equal(
	    cal_format(cal_week_start(day("2026-11-26"), CAL_MON), buf),
	    "2026-11-23");
	assert_string_equal(
	    cal_format(cal_week_start(day("2026-11-23"), CAL_MON), buf),
	    "2026-11-23");
	assert_string_equal(
	    cal_format(cal_week_start(day("2026-11-29"), CAL_MON), buf),
	    "2026-11-23");
	assert_string_equal(
	    cal_format(cal_week_start(day("2026-11-26"), CAL_SUN), buf),
	    "2026-11-22");
	assert_string_equal(
	    cal_format(cal_week_start(day("2026-11-29"), CAL_SUN), buf),
	    "2026-11-29");
	/* A week across New Year. */
	assert_string_equal(
	    cal_format(cal_week_start(day("2027-01-01"), CAL_MON), buf),
	    "2026-12-28");
	enum cal_weekday w;
	assert_true(cal_parse_weekday("sun", &w));
	assert_int_equal(w, CAL_SUN);
	assert_false(cal_parse_weekday("Sun", &w));
	assert_false(cal_parse_weekday("sunday", &w));
}

static void clock_times(void **state)
{
	(void)state;
	int m;
	assert_true(cal_parse_clock("04:00", &m));
	assert_int_equal(m, 240);
	assert_true(cal_parse_clock("23:59", &m));
	assert_false(cal_parse_clock("24:00", &m));
	assert_false(cal_parse_clock("4:00", &m));
	assert_false(cal_parse_clock("04:60", &m));
	assert_false(cal_parse_clock("04-00", &m));
}

static cal_day logical(const char *now, int day_starts)
{
	struct cal_now n;
	assert_true(cal_parse_now(now, &n));
	return cal_logical_today(&n, day_starts);
}

static void logical_today_rollover(void **state)
{
	(void)state;
	assert_int_equal(logical("2026-11-26T02:30", 240), day("2026-11-25"));
	assert_int_equal(logical("2026-11-26T03:59:59", 240),
	                 day("2026-11-25"));
	assert_int_equal(logical("2026-11-26T04:00", 240), day("2026-11-26"));
	assert_int_equal(logical("2026-11-26T00:00", 0), day("2026-11-26"));
	/* New Year and a leap day. */
	assert_int_equal(logical("2027-01-01T01:00", 240), day("2026-12-31"));
	assert_int_equal(logical("2024-03-01T03:00", 240), day("2024-02-29"));
}

/* Under a real zone, with DST nights: the wall clock decides, never
 * "now minus four hours of seconds". */
static void logical_today_dst(void **state)
{
	(void)state;
	const char *zones[] = {"America/New_York", "Europe/Berlin"};
	for (size_t z = 0; z < 2; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		/* Spring forward nights. */
		assert_int_equal(logical("2024-03-10T04:30", 240),
		                 day("2024-03-10"));
		assert_int_equal(logical("2024-03-31T04:30", 240),
		                 day("2024-03-31"));
		assert_int_equal(logical("2024-03-31T03:30", 240),
		                 day("2024-03-30"));
		/* Fall back nights. */
		assert_int_equal(logical("2024-10-27T03:30", 240),
		                 day("2024-10-26"));
		assert_int_equal(logical("2024-11-03T01:30", 240),
		                 day("2024-11-02"));
		assert_int_equal(logical("2024-11-03T05:00", 240),
		                 day("2024-11-03"));
	}
	/* The UTC instant follows the zone's offset of that date. */
	struct cal_now n;
	char buf[21];
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	assert_true(cal_parse_now("2024-07-01T12:00", &n));
	assert_string_equal(cal_format_utc(n.utc, buf), "2024-07-01T10:00:00Z");
	assert_true(cal_parse_now("2024-01-15T12:00", &n));
	assert_string_equal(cal_format_utc(n.utc, buf), "2024-01-15T11:00:00Z");
	setenv("TZ", "America/New_York", 1);
	tzset();
	assert_true(cal_parse_now("2024-07-01T12:00:07", &n));
	assert_string_equal(cal_format_utc(n.utc, buf), "2024-07-01T16:00:07Z");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void now_parsing(void **state)
{
	(void)state;
	struct cal_now n;
	assert_true(cal_parse_now("2026-11-26T07:30", &n));
	assert_int_equal(n.date, day("2026-11-26"));
	assert_int_equal(n.minute, 7 * 60 + 30);
	assert_int_equal(n.second, 0);
	assert_true(cal_parse_now("2026-11-26T07:30:45", &n));
	assert_int_equal(n.second, 45);
	assert_false(cal_parse_now("2026-11-26 07:30", &n));
	assert_false(cal_parse_now("2026-11-26T7:30", &n));
	assert_false(cal_parse_now("2026-11-26T24:00", &n));
	assert_false(cal_parse_now("2026-02-30T07:30", &n));
	assert_false(cal_parse_now("2026-11-26T07:30:60", &n));
	assert_false(cal_parse_now("2026-11-26T07:30Z", &n));
	assert_false(cal_parse_now("2026-11-26", &n));
	assert_false(cal_parse_now("", &n));
}

static void utc_format(void **state)
{
	(void)state;
	char buf[21];
	assert_string_equal(cal_format_utc(0, buf), "1970-01-01T00:00:00Z");
	assert_string_equal(cal_format_utc(1709164800 + 3661, buf),
	                    "2024-02-29T01:01:01Z");
	assert_string_equal(cal_format_utc(-1, buf), "1969-12-31T23:59:59Z");
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_date_strict),
	    cmocka_unit_test(day_arithmetic),
	    cmocka_unit_test(weekdays_and_weeks),
	    cmocka_unit_test(clock_times),
	    cmocka_unit_test(logical_today_rollover),
	    cmocka_unit_test(logical_today_dst),
	    cmocka_unit_test(now_parsing),
	    cmocka_unit_test(utc_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
