#include "hep/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days from civil, after H. Hinnant's public-domain algorithm. */
static cal_day days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cal_to_ymd(cal_day d, int *year, int *month, int *mday)
{
	int64_t zz = (int64_t)d + 719468;
	int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
	int64_t doe = zz - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t md = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*mday = (int)md;
}

static int month_length(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30,
	                          31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : len[m - 1];
}

bool cal_from_ymd(int year, int month, int mday, cal_day *out)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || mday < 1 ||
	    mday > month_length(year, month))
		return false;
	*out = days_from_civil(year, month, mday);
	return true;
}

/* Reads exactly n ASCII digits. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool cal_parse_date(const char *s, cal_day *out)
{
	int y, m, d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	return cal_from_ymd(y, m, d, out);
}

/* Writes v as n decimal digits (v is known to fit). */
static char *put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

char *cal_format(cal_day d, char *buf)
{
	int y, m, md;
	cal_to_ymd(d < CAL_FIRST  ? CAL_FIRST
	           : d > CAL_LAST ? CAL_LAST
	                          : d,
	           &y, &m, &md);
	char *p = put_digits(buf, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, md, 2);
	*p = '\0';
	return buf;
}

enum cal_weekday cal_weekday(cal_day d)
{
	/* 1970-01-01 was a Thursday. */
	int w = (int)(((int64_t)d + 3) % 7);
	return (enum cal_weekday)(w < 0 ? w + 7 : w);
}

static const char *const weekday_names[] = {"mon", "tue", "wed", "thu",
                                            "fri", "sat", "sun"};

bool cal_parse_weekday(const char *s, enum cal_weekday *out)
{
	for (int i = 0; i < 7; i++) {
		if (strcmp(s, weekday_names[i]) == 0) {
			*out = (enum cal_weekday)i;
			return true;
		}
	}
	return false;
}

const char *cal_weekday_id(enum cal_weekday w)
{
	return weekday_names[w];
}

const char *cal_month_name(int month, bool abbr)
{
	static const char *const names[] = {"January", "February", "March",
	                                    "April",   "May",      "June",
	                                    "July",    "August",   "September",
	                                    "October", "November", "December"};
	static const char *const abbrs[] = {"Jan", "Feb", "Mar", "Apr",
	                                    "May", "Jun", "Jul", "Aug",
	                                    "Sep", "Oct", "Nov", "Dec"};
	return abbr ? abbrs[month - 1] : names[month - 1];
}

const char *cal_weekday_name(enum cal_weekday w)
{
	static const char *const names[] = {"Mon", "Tue", "Wed", "Thu",
	                                    "Fri", "Sat", "Sun"};
	return names[w];
}

bool cal_parse_clock(const char *s, int *minutes)
{
	int h, m;
	if (strlen(s) != 5 || s[2] != ':' || !digits(s, 2, &h) ||
	    !digits(s + 3, 2, &m) || h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}

bool cal_parse_now(const char *s, struct cal_now *out)
{
	size_t len = strlen(s);
	int h, mi, sec = 0;
	char date[CAL_DATE_LEN];
	if ((len != 16 && len != 19) || s[10] != 'T' || s[13] != ':')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!cal_parse_date(date, &out->date) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &mi) || h > 23 || mi > 59)
		return false;
	if (len == 19 && (s[16] != ':' || !digits(s + 17, 2, &sec) || sec > 59))
		return false;
	out->minute = h * 60 + mi;
	out->second = sec;

	int y, m, d;
	cal_to_ymd(out->date, &y, &m, &d);
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1; /* local wall time: let mktime decide DST */
	time_t t = mktime(&tm);
	out->utc = (int64_t)t;
	out->ms = out->utc * 1000;
	return true;
}

void cal_now_read(struct cal_now *out)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	cal_now_at((int64_t)ts.tv_sec, out);
	out->ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cal_now_at(int64_t utc, struct cal_now *out)
{
	time_t t = (time_t)utc;
	struct tm tm;
	localtime_r(&t, &tm);
	cal_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &out->date);
	out->minute = tm.tm_hour * 60 + tm.tm_min;
	out->second = tm.tm_sec;
	out->utc = (int64_t)t;
	out->ms = out->utc * 1000;
}

char *cal_moment_text(int64_t utc, char *buf)
{
	struct cal_now at;
	int y, m, d;
	cal_now_at(utc, &at);
	cal_to_ymd(at.date, &y, &m, &d);
	snprintf(buf, CAL_MOMENT_LEN, "%s %d %s %02d:%02d",
	         cal_weekday_name(cal_weekday(at.date)), d,
	         cal_month_name(m, true), at.minute / 60, at.minute % 60);
	return buf;
}

cal_day cal_logical_today(const struct cal_now *now, int day_starts)
{
	return now->minute < day_starts ? now->date - 1 : now->date;
}

cal_day cal_week_start(cal_day d, enum cal_weekday week_start)
{
	int back = ((int)cal_weekday(d) - (int)week_start + 7) % 7;
	return d - back;
}

char *cal_format_utc(int64_t utc, char *buf)
{
	const int64_t first = (int64_t)CAL_FIRST * 86400,
	              last = (int64_t)CAL_LAST * 86400 + 86399;
	utc = utc < first ? first : utc > last ? last : utc;
	cal_day d = (cal_day)(utc >= 0 ? utc / 86400 : (utc - 86399) / 86400);
	int64_t s = utc - (int64_t)d * 86400;
	cal_format(d, buf);
	char *p = buf + 10;
	*p++ = 'T';
	p = put_digits(p, (int)(s / 3600), 2);
	*p++ = ':';
	p = put_digits(p, (int)(s / 60 % 60), 2);
	*p++ = ':';
	p = put_digits(p, (int)(s % 60), 2);
	*p++ = 'Z';
	*p = '\0';
	return buf;
}

bool cal_parse_utc(const char *s, int64_t *utc)
{
	char date[CAL_DATE_LEN];
	cal_day d;
	int h, m, sec;
	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!cal_parse_date(date, &d) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &m) || !digits(s + 17, 2, &sec) || h > 23 ||
	    m > 59 || sec > 59)
		return false;
	*utc = (int64_t)d * 86400 + h * 3600 + m * 60 + sec;
	return true;
}
