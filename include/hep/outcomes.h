/*
 * outcomes: the measures and the PSFS of SPEC section 8, as the diary
 * holds them. Pure: no SQL, no curses, no clock.
 */
#ifndef HEP_OUTCOMES_H
#define HEP_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/calendar.h"
#include "hep/diary.h"
#include "hep/prescription.h"

/* One PSFS check-in: each activity (as the prescription named it that
 * day) with its rating, 0 (unable) to 10 (as before the problem). */
struct psfs_checkin {
	size_t n;
	int rating[RX_MAX_PSFS];
	char *activity[RX_MAX_PSFS]; /* owned */
};

/*
 * The items text a PSFS entry keeps (struct diary_entry.items): a line
 * "RATING ACTIVITY" per activity, in order. Activities hold no control
 * characters (the prescription's rule), so a line break never appears in
 * one. Returns an allocated string.
 */
char *psfs_items_format(const int *rating, char *const *activity, size_t n);

/* Reads items back into *out (free with psfs_checkin_free); false, with
 * *out empty, if it is not 1 to RX_MAX_PSFS lines of a rating 0..10, a
 * space and a non-empty activity. */
bool psfs_items_parse(const char *items, struct psfs_checkin *out);
void psfs_checkin_free(struct psfs_checkin *c);

/* The PSFS score of a check-in: the mean of its ratings. */
double psfs_score(const struct psfs_checkin *c);

/*
 * A mean as it is printed, with one decimal, in whole tenths: rounded half
 * away from zero (1.25 is 1.3, -1.25 is -1.3), as a reader rounds by hand
 * (printf's "%.1f" would print 1.2). A change between two means is told,
 * and judged meaningful, from the means as printed, so that what a reader
 * subtracts is what the report says.
 */
int outcome_tenths(double mean);

/* A mean as every report prints it: outcome_tenths() with one decimal
 * ("4.0", "-1.3"), a '+' before it if sign and it is above zero, into buf;
 * returns buf. */
char *outcome_mean_text(double mean, bool sign, char *buf, size_t size);

/* ---- outcomes over a span (SPEC section 8.1) ---- */

/* A value on a day: a measure's (whole tenths) or a PSFS score. */
struct outcome_point {
	cal_day day;
	double value;
};

/* One measure of the prescription over the span. */
struct outcome_measure {
	const struct rx_measure *m; /* the prescription's */
	struct outcome_point *days; /* a value a day (the day's latest),
	                               by day */
	size_t n_days;
	bool goal_met; /* the latest against the goal, by
	                  better; false without either */
};

/* The PSFS over the span: its check-ins (a day's latest), by day. */
struct outcome_checkin {
	cal_day day;
	struct psfs_checkin c;
};

struct outcome_psfs {
	struct outcome_checkin *checkins;
	size_t n;
	size_t first;    /* the earliest with the latest one's activities */
	int change;      /* latest - first as printed, in tenths */
	bool meaningful; /* change >= 2 (Stratford et al., 1995) */
};

/* Whether check-in i of p rated the latest check-in's activities (texts
 * and order): only those compare with it (SPEC 8.1). */
bool outcome_psfs_comparable(const struct outcome_psfs *p, size_t i);

/* Pain around the sessions of one week. */
struct outcome_week {
	cal_day start;
	double before, after, change; /* means; valid when n_* > 0 */
	int n_before, n_after, n_both;
	int sessions; /* sessions with a pain before or after */
};

struct outcomes {
	struct outcome_measure *measures; /* the prescription's, in order */
	size_t n_measures;
	struct outcome_psfs psfs;   /* n == 0: none */
	bool has_psfs;              /* the prescription lists activities */
	struct outcome_week *weeks; /* weeks of the span, by start */
	size_t n_weeks;
	int first_week, latest_week; /* weeks with a pain after, or -1 */
	/* Pain after sessions, the latest week's mean less the first's, as
	 * printed, in tenths; meaningful at -2 or less (Farrar et al.,
	 * 2001). */
	int pain_change;
	bool pain_meaningful;
};

/* Starts the outcomes of prescription p over the weeks starting at
 * weeks[0..n_weeks) (all of the span's, in order). */
void outcomes_init(struct outcomes *o, const struct rx_program *p,
                   const cal_day *weeks, size_t n_weeks);

/* Adds an outcome entry (in seq order: a later one on a day replaces an
 * earlier); entries of measures the prescription no longer has, and
 * unreadable check-ins, are passed over. */
void outcomes_add_entry(struct outcomes *o, const struct diary_entry *e);

/* Adds a standing session of the week starting at week (a week of the
 * span) with its pains (-1: none). */
void outcomes_add_session(struct outcomes *o, cal_day week, int pain,
                          int pain_before);

/* Works out first, latest, change and what is meaningful. */
void outcomes_finish(struct outcomes *o);
void outcomes_free(struct outcomes *o);

/* The first and latest values of a measure (n_days > 0). */
const struct outcome_point *outcome_first(const struct outcome_measure *x);
const struct outcome_point *outcome_latest(const struct outcome_measure *x);

/* ---- a check-in: what is due today (SPEC section 8.1) ---- */

/*
 * The period of a measure's every (or of the PSFS, weekly) that holds day:
 * the day itself, its week by week_starts, or the day itself if it is a
 * clinic visit. False when none holds it (a visit measure on a day that is
 * no visit).
 */
bool outcome_period(enum rx_every every, const struct rx_program *p,
                    enum cal_weekday week_starts, cal_day day, cal_day *from,
                    cal_day *to);

/* One item of a check-in: a measure, or the PSFS. */
struct checkin_item {
	const struct rx_measure *m; /* the measure, or NULL for the PSFS */
	bool in_period;             /* a period of it holds today */
	cal_day from, to;           /* that period */
	bool recorded;              /* a value (check-in) dated in it */
	bool due;                   /* from program start on, in a period
	                               with none recorded */
	cal_day last_day;           /* the latest value's day, or CAL_NONE */
	int32_t last_value;         /* a measure's, in tenths */
	struct psfs_checkin last;   /* the PSFS's latest check-in (owned) */
};

struct checkin {
	const struct rx_program *program;
	struct checkin_item item[RX_MAX_MEASURES + 1]; /* measures, PSFS */
	size_t n;
	size_t n_due;
};

/* Starts the check-in of today: every measure of p, then the PSFS if p
 * lists activities; start is the program's (CAL_NONE: none due). */
void checkin_init(struct checkin *c, const struct rx_program *p,
                  enum cal_weekday week_starts, cal_day start, cal_day today);

/* Adds an outcome entry dated today or earlier, in seq order. */
void checkin_add_entry(struct checkin *c, const struct diary_entry *e);

/* Works out what is due. */
void checkin_finish(struct checkin *c);
void checkin_free(struct checkin *c);

#endif
