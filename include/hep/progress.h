/*
 * progress: the arithmetic of SPEC section 3. Pure: no SQL, no curses, no
 * clock; everything it needs is handed in as a struct history.
 */
#ifndef HEP_PROGRESS_H
#define HEP_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/calendar.h"
#include "hep/prescription.h"
#include "hep/steps.h"
#include "hep/store.h"

enum day_status {
	DAY_NONE,    /* before program start */
	DAY_REST,    /* nothing due */
	DAY_DONE,    /* every due session done */
	DAY_OPEN,    /* today, not yet done */
	DAY_PARTIAL, /* a past day with some sessions done */
	DAY_MISSED,  /* a past day with none done */
	DAY_FUTURE,  /* after today */
	DAY_ENDED    /* after the program's end (SPEC 2.2): nothing due */
};

/* "none", "rest", "done", "open", "partial", "missed", "future",
 * "ended". */
const char *day_status_name(enum day_status s);

/*
 * What the arithmetic reads. The arrays are borrowed: the caller keeps them
 * alive while the history is used. tallies must be sorted by (day, exercise)
 * and cover every day from `first` that the questions asked touch; the
 * streaks need the days after the mark (or, without one, all of them).
 */
/* The standing advance entries of one exercise (SPEC 2.2), which set
 * its earned step in force: borrowed, in the order they stand. */
struct history_advances {
	const char *exercise;
	const struct step_advance *a;
	size_t n;
};

struct history {
	const struct rx_snapshot *snaps; /* ascending by from */
	size_t n_snaps;
	cal_day start; /* program start, or CAL_NONE */
	cal_day today; /* the clock's logical today */
	enum cal_weekday week_starts;
	const struct tally *tallies;
	size_t n_tallies;
	cal_day first;                  /* first day tallies cover, or CAL_NONE
	                                   for all */
	const struct streak_mark *mark; /* or NULL; must match start and
	                                   week_starts, and be before today */
	/* Earned steps: the advances of each exercise that has any (none:
	 * every earned exercise at step 0, or its `step = N`). */
	const struct history_advances *advances;
	size_t n_advances;
	/* snaps[0] is the first snapshot of all (it rules every earlier
	 * day), though first is not CAL_NONE: the context loaded the
	 * snapshots from a later day and found none older. */
	bool snaps_from_first;
};

/*
 * The version of e in force on day (SPEC 2.1 and 2.2): for dated steps
 * rx_on()'s; for earned steps, the step steps_in_force() finds from the
 * exercise's advances and its `step = N` (in force from the first of the
 * snapshots up to day that have kept that lever). e is an exercise as a
 * snapshot holds it, or a version of it on day (given back as it is,
 * when dated). *anchor, when not NULL, gets the day the version's
 * `every` counts from: under earned steps, the day the step in force
 * began (SPEC 2.2 point 8), else the version's own anchor.
 */
const struct rx_exercise *history_on(const struct history *h,
                                     const struct rx_exercise *e, cal_day day,
                                     cal_day *anchor);

/* The day the earned step of e (as a snapshot holds it, or a version of
 * it on day) in force on day began: an advance's effective day, or its
 * `step = N`'s version's from; CAL_NONE for dated steps and when it has
 * been in force from the start. */
cal_day history_step_since(const struct history *h, const struct rx_exercise *e,
                           cal_day day);

/* Whether the earned step of e (as for history_step_since) in force on
 * day is the therapist's lever's (`step = N`, SPEC 2.2 point 7), not an
 * advance's nor the start's. */
bool history_step_set(const struct history *h, const struct rx_exercise *e,
                      cal_day day);

/* The snapshot in force on day (the first one for earlier days), or NULL. */
const struct rx_snapshot *history_snapshot(const struct history *h,
                                           cal_day day);

/* Sessions done and the skip recorded for id on day. */
void history_entry(const struct history *h, const char *id, cal_day day,
                   int *done, enum skip_reason *skip);

/* One exercise on one day. */
struct day_item {
	const struct rx_exercise *ex; /* in the snapshot in force that day,
	                                 at the step in force that day */
	int scheduled;                /* sessions prescribed, before skips */
	int due;                      /* after excused skips */
	int done;
	enum skip_reason skip;
	int week_done;      /* per-week: met days of its week up to
	                       today; 0 for fixed exercises */
	int week_target;    /* per-week: its week's target (0 for fixed) */
	bool skip_late;     /* the skip was recorded after the day was over */
	int extra;          /* sessions beyond those prescribed (two copies
	                       each recorded the last: SPEC section 6.2) */
	bool ended;         /* a day after the program's end: never due, up
	                       to per_day welcome, as if as needed (SPEC 2.2) */
	cal_day step_since; /* an earned step in force: the day it began
	                       (CAL_NONE: from the start, or not earned) */
};

/*
 * Whether it is left to do (remind's "left", what skip --all skips): not
 * skipped, sessions still due, and for a per-week exercise its week not
 * yet met. An as-needed exercise is never left.
 */
bool progress_left(const struct day_item *it);

/* The box in front of an exercise on a day's list. */
enum box {
	BOX_OPEN,
	BOX_PARTIAL,
	BOX_DONE,
	BOX_WEEK_MET, /* per-week: none today, its week's target met */
	BOX_EXCUSED,  /* skipped for rest, pain or sickness: not due */
	BOX_SKIPPED,  /* skipped for a reason that excuses nothing */
	BOX_KINDS
};

/*
 * The box of a day's item, for the screen and the command line alike:
 * skipped (excused or not) while a skip stands and not every session is
 * done, done when every due session is, partial with some, week met for
 * a per-week exercise with none today whose week is met, open otherwise.
 */
enum box progress_box(const struct day_item *it);

/* The count after the box: sessions done of those prescribed ("0/2",
 * whatever a skip excused; "2/2 +1" with one extra, SPEC 6.2 and 2.2), or
 * the sessions alone when as needed ("3"). Returns buf. */
char *progress_item_count(const struct day_item *it, char *buf, size_t size);

/* done of due in the one notation for what is beyond due (SPEC 2.2):
 * "1/3", "3/3", "3/3 +1". Writes at most size bytes; returns buf. */
char *progress_count_text(int done, int due, char *buf, size_t size);

/* A box as drawn ("[x]") and its word in a legend ("done"). */
struct box_look {
	const char *text;
	const char *word;
};
extern const struct box_look progress_boxes[BOX_KINDS];

/* The legend of the boxes ("[ ] to do  [~] partly done ..."); returns
 * buf. */
char *progress_box_legend(char *buf, size_t size);

/*
 * What else a patient reads about a day's item, in words, after its
 * count: "as needed, up to 24 a day", "week 1/3" (its target; "week 3/3,
 * met"), "every 2 days", "1 extra", "skipped: pain (excused)" (", recorded
 * late" when it was) or the next session's label
 * ("next: evening"), and the step in force ("step 2 of 2, since week 7"). False
 * (buf "") if nothing.
 */
bool progress_item_more(const struct day_item *it, char *buf, size_t size);

/* The step in force of it, as `hep today` says it: "step 2 of 2, since
 * week 7" (a dated step, its from as written), "step 2 of 2, since 14 Nov"
 * (an earned one, the day it began), "step 2 of 2" (earned, in force from
 * the start). False (buf "") before the first step or without steps. */
bool progress_step_text(const struct day_item *it, char *buf, size_t size);

/*
 * True if e (as the snapshot in force on day holds it) is in phase on day:
 * day is at or after program start and within from..until.
 */
bool progress_in_phase(const struct history *h, const struct rx_exercise *e,
                       cal_day day);

/* True if day is after the program's end as the snapshot in force that
 * day gives it (SPEC 2.2). */
bool history_ended(const struct history *h, cal_day day);

/* The sessions e may have on day, a day after the program's end, as if
 * it were as needed: per_day of the step in force when e is within its
 * dates (from, until), else 0; 0 on a day before the end. */
int progress_after_end(const struct history *h, const struct rx_exercise *e,
                       cal_day day);

/* Due sessions of e on day before skips (per_day of the step in force, or
 * 0): by weekday, or every N-th day from the anchor; never for an
 * as-needed exercise. */
int progress_scheduled(const struct history *h, const struct rx_exercise *e,
                       cal_day day);

/*
 * The checklist of day: the exercises in phase that day (fixed ones only
 * when scheduled), in snapshot order, then the as-needed ones (due 0). *items
 * is allocated (caller frees); returns the day's status.
 */
enum day_status progress_day(const struct history *h, cal_day day,
                             struct day_item **items, size_t *n);

/* The status of day (over fixed exercises). */
enum day_status progress_day_status(const struct history *h, cal_day day);

/*
 * The streak of days in a row: from program start to today, rest and none
 * days skipped, today skipped unless done; a done day extends the run, any
 * other breaks it.
 */
struct streak progress_day_streak(const struct history *h);

/* The same walk over the days from..to only (the month's longest run). */
struct streak progress_day_streak_span(const struct history *h, cal_day from,
                                       cal_day to);

/*
 * One exercise's streak: over days (due above 0; done when done >= due;
 * today skipped unless done) for a fixed exercise, over weeks (target above
 * 0; done when met days >= target; the current week skipped unless met)
 * for a per-week one. *weeks tells which unit applies (the kind of the
 * newest snapshot holding id).
 */
struct streak progress_exercise_streak(const struct history *h, const char *id,
                                       bool *weeks);

/*
 * A per-week exercise's week starting on first: its target (min of
 * per_week in force on the week's last active day and the number of active
 * days, future ones included) and the days met so far (up to today).
 */
void progress_week_target(const struct history *h, const char *id,
                          cal_day first, int *target, int *met);

/* One exercise across the seven days of a week. */
struct week_row {
	const struct rx_exercise
	    *ex;    /* the newest version in force that week, at the step
	               in force on its last day; as-needed rows come last */
	int due[7]; /* after excused skips; per-week: per_day
	               on active days, done on excused ones */
	int done[7];
	enum skip_reason skip[7];
	int per_day[7];       /* per_day in force that day (0: none) */
	bool marked[7];       /* a pain score or a note that day */
	int target, met;      /* per-week only (else 0) */
	struct streak streak; /* as of today */
	bool weeks;           /* the streak counts weeks */
};

/* What one cell of a week grid shows. */
enum cell_kind {
	CELL_BLANK,   /* before the program started */
	CELL_REST,    /* not due (a past day of a weekly goal left out) */
	CELL_DONE,    /* every due session done */
	CELL_PARTIAL, /* some done */
	CELL_MISSED,  /* a past fixed day with none done */
	CELL_EXCUSED, /* skipped for rest, pain or sickness, not fully
	                 done; a day all of whose due sessions such skips
	                 excused */
	CELL_SKIPPED, /* skipped for a reason that excuses nothing, not
	                 fully done */
	CELL_OPEN,    /* today, not done yet */
	CELL_FUTURE,  /* due on a day to come */
	CELL_ENDED    /* after the program's end (SPEC 2.2) */
};

/* A week as the Week screen and `hep week` show it. */
struct week_view {
	cal_day first; /* the week_starts day */
	bool current;  /* the week holding today ("this week", not "that") */
	enum day_status status[7];
	enum cell_kind cells[7]; /* the day's row: progress_day_cell */
	struct week_row *rows;   /* owned: free with progress_week_free */
	size_t n_rows;
	int due, done;        /* adherence of the week so far */
	struct streak streak; /* days in a row, as of today */
};

/* The glyph of a cell kind: UTF-8 ("●") or ASCII ("x", as the text
 * week prints it). One table for the screen and the command line. */
const char *progress_cell_glyph(enum cell_kind k, bool ascii);

/* A cell kind's word in a legend ("done", "excused": a skip's). */
const char *progress_cell_word(enum cell_kind k);

/* The legend of every glyph a week grid or a month draws, from one
 * table: "● done ◐ partial ○ missed ⊘ excused ⊗ not excused ◌ to do – not
 * due · to come" (the skips by what they excuse; a whole day shows every
 * kind, one left undone by skips excusing nothing as such a skip), and
 * "▫ ended" last (a day after the program's end). */
char *progress_cell_legend(bool ascii, char *buf, size_t size);

/* The cell a whole day's status shows. */
enum cell_kind progress_status_cell(enum day_status s);

/*
 * The cell of a whole day (a week's last row, a month): its status's,
 * but a rest day whose fixed exercises were all due and all skipped for
 * an excused reason shows as excused, not as not due, and a missed day
 * (or today, none done) whose fixed exercises still due were all skipped
 * for a reason that excuses nothing shows as not excused, not as missed
 * (its status stays missed: only the drawing differs).
 */
enum cell_kind progress_day_cell(const struct history *h, cal_day day);

/* "12 days in a row (longest 22)", "1 day in a row (longest 1)". */
char *progress_streak_text(const struct streak *s, char *buf, size_t size);

/* Classifies day k (0..6) of row r in the week starting on first. */
enum cell_kind progress_week_cell(const struct week_row *r, int k,
                                  cal_day first, cal_day today);

/*
 * The week holding day: every exercise in phase on at least one of its
 * days, in the order of the newest snapshot in force that week, exercises
 * it no longer holds after.
 */
void progress_week(const struct history *h, cal_day day, struct week_view *w);
void progress_week_free(struct week_view *w);

/*
 * Adherence parts of the span from..to (inclusive), of exercise id or of
 * all (id NULL): fixed exercises count
 * each day before today (and today once the day is done); per-week ones
 * count each week starting in the span once it is over or met. With
 * ontime, done counts only sessions logged on their day, and due keeps
 * the days a skip recorded late excused (SPEC section 6.2).
 */
void progress_adherence(const struct history *h, cal_day from, cal_day to,
                        const char *id, bool ontime, int *due, int *done);

/*
 * Adherence parts of a month, first..last (its first and last day), as the
 * Month screen shows them: the month's days only. Fixed exercises count as
 * in progress_adherence; a per-week exercise's week counts in the month its
 * last day is in (the day its goal is judged), never in two months, so a
 * week from Mon 30 Nov to Sun 6 Dec is December's and none of its sessions
 * make November's figure.
 */
void progress_month_adherence(const struct history *h, cal_day first,
                              cal_day last, int *due, int *done);

/*
 * Walks the streaks to the end of day (the last day of a week, before
 * today) into *out (free with store_mark_free), from h's mark if it has
 * one. False (and no mark) if day is not such a day, or before the start
 * or h's mark.
 */
bool progress_mark(const struct history *h, cal_day day,
                   struct streak_mark *out);

/* Whether m may stand for the walks of h (same start and week start, a
 * day before today). */
bool progress_mark_fits(const struct history *h, const struct streak_mark *m);

/* Adherence parts: due, done, and done on time. */
struct adherence {
	int due, done, ontime;
	/* Due for on-time adherence: as due, but a day excused by a skip
	 * recorded late stays due (SPEC section 6.2). */
	int due_ontime;
};

/*
 * progress_adherence of every exercise and every week of from..to in one
 * walk: out[i * n_weeks + w] gets the parts of ids[i] in week w (the weeks
 * starting on week_starts from the one holding from, clipped to the span,
 * n_weeks of them up to the one holding to), and out[n_ids * n_weeks + w]
 * those of every exercise not in ids. out holds (n_ids + 1) * n_weeks.
 */
void progress_adherence_table(const struct history *h, cal_day from, cal_day to,
                              const char *const *ids, size_t n_ids,
                              struct adherence *out);

/* done / due, unrounded (print it with "%.3f" as SPEC section 3 says);
 * false (null) when due is 0. */
bool progress_ratio(int due, int done, double *out);

#endif
