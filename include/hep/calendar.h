/*
 * calendar: civil dates, the clock, logical today and weeks.
 *
 * A day is a `cal_day`: the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar. Day arithmetic is integer arithmetic on it, so stepping
 * a day never depends on time zones or DST (never 86,400 seconds).
 * Nothing here reads the system clock except cal_now_read().
 */
#ifndef HEP_CALENDAR_H
#define HEP_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t cal_day;

/* No day: used for optional dates (program start, from, until). */
#define CAL_NONE INT32_MIN

/* The first and last days a date can name: 0001-01-01 and 9999-12-31
 * (see cal_parse_date; SPEC section 6.2). */
#define CAL_FIRST (-719162)
#define CAL_LAST  2932896

/* The first and last milliseconds of those days (UTC), for stamps. */
#define CAL_FIRST_MS (-62135596800000LL)
#define CAL_LAST_MS  (253402300799999LL)

/* Length of "YYYY-MM-DD" plus the terminating NUL. */
#define CAL_DATE_LEN 11

enum cal_weekday {
	CAL_MON,
	CAL_TUE,
	CAL_WED,
	CAL_THU,
	CAL_FRI,
	CAL_SAT,
	CAL_SUN
};

/* The moment a command runs: the local wall clock and the UTC instant. */
struct cal_now {
	cal_day date; /* local calendar date */
	int minute;   /* minutes since local midnight, 0..1439 */
	int second;   /* 0..60 */
	int64_t utc;  /* seconds since the epoch */
	int64_t ms;   /* the same instant in milliseconds (utc * 1000 and
	                 the part of a second the clock gave) */
};

/* Day number of year/month/day; false if the date does not exist. */
bool cal_from_ymd(int year, int month, int mday, cal_day *out);

/* Year, month (1..12) and day of month of a day number. */
void cal_to_ymd(cal_day d, int *year, int *month, int *mday);

/* Parses exactly "YYYY-MM-DD" (a real date, years 1..9999). */
bool cal_parse_date(const char *s, cal_day *out);

/*
 * Writes "YYYY-MM-DD" into buf (at least CAL_DATE_LEN bytes); returns buf.
 * d must be within CAL_FIRST..CAL_LAST: writers check it (a day outside is
 * written as the nearest of the two, never modulo anything).
 */
char *cal_format(cal_day d, char *buf);

enum cal_weekday cal_weekday(cal_day d);

/* Parses a weekday name "mon".."sun"; false if unknown. */
bool cal_parse_weekday(const char *s, enum cal_weekday *out);

/* Three-letter English name: "Mon".."Sun". */
const char *cal_weekday_name(enum cal_weekday w);

/* The name a prescription uses: "mon".."sun". */
const char *cal_weekday_id(enum cal_weekday w);

/* English month name, month 1..12: "November", or "Nov" with abbr. */
const char *cal_month_name(int month, bool abbr);

/* Parses "HH:MM" (00:00..23:59) into minutes since midnight. */
bool cal_parse_clock(const char *s, int *minutes);

/*
 * Parses a HEP_NOW value, "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS",
 * local wall time; fills date, minute, second and the UTC instant that
 * wall time has in the current TZ. False if malformed.
 */
bool cal_parse_now(const char *s, struct cal_now *out);

/* Reads the system clock into a cal_now (local time per TZ). */
void cal_now_read(struct cal_now *out);

/*
 * Logical today: the local date, or the day before when the wall time is
 * earlier than day_starts (minutes since midnight).
 */
cal_day cal_logical_today(const struct cal_now *now, int day_starts);

/* The first day of the week holding d, weeks starting on week_start. */
cal_day cal_week_start(cal_day d, enum cal_weekday week_start);

/* Formats a UTC instant as "YYYY-MM-DDTHH:MM:SSZ" into buf (21 bytes);
 * an instant outside years 1..9999 as the nearest of their ends. */
char *cal_format_utc(int64_t utc, char *buf);

/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (a real date and time). */
bool cal_parse_utc(const char *s, int64_t *utc);

/* The local wall clock (per TZ) at a UTC instant. */
void cal_now_at(int64_t utc, struct cal_now *out);

/* A moment in words, local wall clock: "Fri 27 Nov 08:00" (for when a late
 * entry was logged). Returns buf; CAL_MOMENT_LEN bytes are enough. */
#define CAL_MOMENT_LEN 24
char *cal_moment_text(int64_t utc, char *buf);

#endif
