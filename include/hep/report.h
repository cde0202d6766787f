/*
 * report: adherence for the therapist over a span of days (SPEC section 4),
 * computed once into plain data, then written as text, Markdown, CSV, JSON
 * or a self-contained HTML page.
 */
#ifndef HEP_REPORT_H
#define HEP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hep/context.h"
#include "hep/outcomes.h"

enum report_format {
	REPORT_TEXT,
	REPORT_MD,
	REPORT_CSV,
	REPORT_JSON,
	REPORT_HTML
};

/* Parses a format's name ("text", "md", "csv", "json", "html": the table
 * of formats in report_format.c) into out; false for any other. */
bool report_format_parse(const char *s, enum report_format *out);

/* The formats' names as a sentence, "text, md, csv, json or html", for a
 * message, into buf (truncated to size); returns buf. */
const char *report_format_names(char *buf, size_t size);

/* Average pain of a set of sessions, and its trend. */
struct report_pain {
	int n; /* sessions with a pain score */
	double avg;
	double first;        /* average of the first half (by day) */
	double last;         /* average of the second half */
	int n_first, n_last; /* sessions with a pain score in each half */
};

/* The efforts recorded with an exercise's sessions (SPEC 2.2). */
struct report_effort {
	int n; /* sessions with an effort */
	double sum;
	int targeted;     /* of them, with a target in force that day */
	int above, below; /* of those, outside the target */
	int *week_n;      /* per week of the report (NULL: none at all) */
	double *week_sum;
};

/* A dose in force from a day of the span on (a step, a new snapshot). */
struct report_dose {
	cal_day from;
	const struct rx_exercise *v; /* the version, in ctx's snapshots */
};

/* A dose as the report words it: rx_dose, then rx_schedule. */
char *report_dose_text(const struct rx_exercise *v, char *buf, size_t size);

/* An earned step of an exercise (SPEC 2.2) in force from a day on: the
 * one in force on the span's first day, then each change in the span. */
struct report_step {
	cal_day since; /* the day it began; CAL_NONE: from the start */
	int step;      /* 0 (the exercise's own keys) to its steps */
	bool back;     /* a step down from the one before */
	bool set;      /* by the therapist's `step = N` */
};

/* Why step s of exercise x (as a snapshot holds it) is in force, in the
 * report's words: "earned by 6 sessions with pain ≤ 2", "set by the
 * therapist", "a step back", "from the start"; into buf. */
char *report_step_why(const struct rx_exercise *x, const struct report_step *s,
                      char *buf, size_t size);

/*
 * The earned steps of exercise id over from..to (SPEC 2.2): the one in
 * force on from, then each change, with the day each began, whether it
 * is a step down and whether the therapist's `step = N` set it, into a
 * new array *steps (*n of them; the caller frees it; none for an
 * exercise without earned steps). Returns the exercise as the snapshot
 * in force on to holds it when its steps are earned, else NULL.
 */
const struct rx_exercise *report_steps(const struct history *h, const char *id,
                                       cal_day from, cal_day to,
                                       struct report_step **steps, size_t *n);

struct report_exercise {
	const struct rx_exercise *ex; /* its newest version in the span */
	bool current;                 /* in the prescription now */
	int due, done, ontime;        /* adherence parts: all, on-time */
	int due_ontime;               /* due for on-time adherence */
	struct streak streak;         /* as of today */
	bool weeks;
	int skips[SKIP_OTHER + 1]; /* in the span, by reason */
	int skips_late;            /* of them, recorded late */
	struct report_pain pain;
	struct report_effort effort;
	int *week_due, *week_done; /* per week of the report */
	struct report_dose *doses; /* as it was week by week, changes only */
	size_t n_doses;
	cal_day until; /* the last day of the span it was prescribed (and in
	                  phase), or CAL_NONE */
	int sessions;  /* as-needed: the sessions in the span (never due) */
	int extra;     /* a range per_day: the sessions beyond MIN in the
	                  span (welcome, never counted in adherence) */
	/* Earned steps (SPEC 2.2; n_steps 0 for an exercise without): the
	 * step in force on the span's first day, then each change. */
	struct report_step *steps;
	size_t n_steps;
	/* Whether the next step (or one back) is ready on the span's last
	 * day, and since when (step -1: none is). */
	struct step_readiness ready;
};

/* A pain recorded above the limit in force (SPEC 2.1), as it stands. */
struct report_event {
	cal_day day;
	char exercise[RX_ID_MAX + 1];
	int pain, limit;
	const char *when;   /* "after", "before" or "on a skip" */
	int64_t logged_utc; /* when its entry was recorded */
	/* The index in report.events of the first event of its episode: the
	 * events of one day with the same pain, moment and limit recorded
	 * together (one skip --all) are one episode, told once. */
	size_t episode;
};

/* A note written with a session or a skip. */
struct report_note {
	cal_day day;
	char exercise[RX_ID_MAX + 1];
	char *text;
	enum skip_reason skip;
	int pain; /* -1 if none */
	int64_t logged_utc;
	/* The other exercises the same skip note went with (one `skip --all
	 * --note`, told once for the day), after exercise; owned. */
	char (*more)[RX_ID_MAX + 1];
	size_t n_more;
};

/* The average pain of one day, over every exercise. */
struct report_day_pain {
	cal_day day;
	double avg;
};

struct report {
	const struct hep_ctx *ctx;
	cal_day from, to; /* inclusive */
	bool since_visit;
	bool from_start; /* from was moved up to program start */
	bool today_open; /* today is in the span and not yet counted for
	                    adherence (not until all of it is done, SPEC 4):
	                    the week rows end yesterday */
	int due, done, ontime;
	int due_ontime; /* due for on-time adherence: a day a skip recorded
	                   late excused stays due (SPEC section 6.2) */
	struct streak streak;
	int skips[SKIP_OTHER + 1];     /* by reason, exercise-days */
	int skip_days[SKIP_OTHER + 1]; /* by reason, days with such a skip */
	int skips_late; /* of them, recorded after their day was over */
	struct report_pain pain;
	cal_day *weeks; /* starts of the weeks touching the span */
	size_t n_weeks;
	int *week_due, *week_done, *week_ontime, *week_due_ontime;
	struct report_exercise *ex;
	size_t n_ex;
	struct report_note *notes;
	size_t n_notes;
	struct report_day_pain *days; /* days with a pain score */
	size_t n_days;
	struct report_event *events; /* pains above the limit, by day */
	size_t n_events;
	size_t n_episodes; /* the events grouped (report_event.episode) */
	struct outcomes outcomes; /* measures, PSFS, pain around sessions */
};

/*
 * The span of a report asked for without days (SPEC section 4): the 28
 * whole days ending yesterday while nothing (no session, skip, measure or
 * check-in) is recorded for today, else ending today, into *from and *to;
 * after the program's end, the 28 days ending on its last day (SPEC 2.2).
 */
void report_default_span(const struct hep_ctx *ctx, cal_day *from, cal_day *to);

/*
 * The span since the last clinic visit (`report --since-visit`, SPEC
 * section 4): from the last day of program.visits that is today or
 * earlier through today; on a visit day, the visit is today's and the
 * span the one to review at it, from the visit before through yesterday.
 * False (from and to untouched) with no such visit.
 */
bool report_visit_span(const struct hep_ctx *ctx, cal_day *from, cal_day *to);

/*
 * Builds the report of from..to. Returns 0, or -1 with a message (the data
 * file could not be read).
 */
int report_build(const struct hep_ctx *ctx, cal_day from, cal_day to,
                 struct report *r, char *err, size_t errlen);
void report_free(struct report *r);

/* Writes r to f in a format. */
void report_write(FILE *f, const struct report *r, enum report_format fmt);

/* Writes the Outcomes part of r alone (`hep outcomes`): in JSON, the
 * object a JSON report holds under "outcomes"; else as text. */
void report_write_outcomes(FILE *f, const struct report *r, bool json);

#endif
