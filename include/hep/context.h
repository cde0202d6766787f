/*
 * context: everything a command or the screen works on, opened in order:
 * the prescription (already validated), the clock, the data file, the
 * snapshot of the prescription in force, and the history read from it.
 */
#ifndef HEP_CONTEXT_H
#define HEP_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/calendar.h"
#include "hep/outcomes.h"
#include "hep/prescription.h"
#include "hep/progress.h"
#include "hep/steps.h"
#include "hep/store.h"

struct hep_ctx {
	struct rx *rx;             /* the current prescription (owned) */
	bool sample;               /* rx is the bundled sample */
	struct store *store;       /* owned */
	struct cal_now now;        /* when the command runs */
	cal_day today;             /* the clock's logical today */
	struct rx_snapshot *snaps; /* the snapshots in force from hist.first
	                              on (owned) */
	size_t n_snaps;
	struct streak_mark mark; /* where the streak walks resume (owned) */
	struct tally *tallies;   /* the recorded days from hist.first (owned) */
	size_t n_tallies;
	cal_day want; /* the earliest day asked for (ctx_cover) */
	/* The standing advance entries (SPEC 2.2), as read (owned), and as
	 * the history reads them: one list per exercise (owned arrays). */
	struct store_advance *advance_rows;
	size_t n_advance_rows;
	struct step_advance *advance_steps;
	struct history_advances *advances;
	struct history hist; /* views of the above */
	/* After a write that recorded a pain above the limit (SPEC 2.1),
	 * the advice to show at once, whole (pain_advice has no limit but
	 * sense: a paragraph fits); "" otherwise (record.h). */
	char advice[2048];
	/* The clock is behind the record (SPEC section 6.2): what to tell
	 * the patient ("the clock reads ..., before the record's latest
	 * entry (...); check the date, or set HEP_NOW"); "" when it is not.
	 * Then nothing is written: every write is refused with it, and the
	 * daily check of the prescription is not made. */
	char clock_behind[200];
	/* The texts written are for a locale outside UTF-8: each glyph and
	 * unit in its ASCII form (text_glyph, rx_measure_shown). Set from the
	 * locale (text_locale_ascii) when the context is opened for a command
	 * or the screen. */
	bool ascii;
};

/*
 * Opens the data file at db_path for the prescription rx (ownership passes
 * to ctx, also on failure), stores a snapshot if the prescription's
 * exercises (or its measures) changed, and reads the history. now is the
 * clock; mode and wait as store_open. With STORE_READ, a file that cannot
 * be written is read as it is, judged by the versions stored in it, and
 * store_read_only(ctx->store) says why nothing was stored. With the clock
 * behind the record, ctx->clock_behind says so and nothing is written.
 */
int ctx_open(struct hep_ctx *ctx, struct rx *rx, bool sample,
             const char *db_path, const struct cal_now *now,
             enum store_mode mode, const struct store_waiter *wait, char *err,
             size_t errlen);

/*
 * Moves the clock to now and re-reads the history from the data file (after
 * a write, or when another program wrote). Returns -1 with a message in
 * err if the data file cannot be read.
 */
int ctx_refresh(struct hep_ctx *ctx, const struct cal_now *now, char *err,
                size_t errlen);

/*
 * Makes the history hold the tallies from day on (a start reads only the
 * weeks since the last streak mark), now and after every refresh. Returns
 * -1 with a message in err if the data file cannot be read.
 */
int ctx_cover(struct hep_ctx *ctx, cal_day day, char *err, size_t errlen);

/*
 * Holds the snapshots in force from day on, without the tallies (a report
 * reads those itself, a year at a time).
 */
int ctx_cover_snapshots(struct hep_ctx *ctx, cal_day day, char *err,
                        size_t errlen);

/*
 * Calls fn with a history like ctx's (read afresh for each call, so fn may
 * move the mark) that holds the tallies of from..to a year at a time: each
 * piece first..last ends on a week's last day, or on to, and holds its
 * tallies to the end of its last week (a per-week target needs them).
 * Stops at fn's first non-zero return and returns it; -1 if the data file
 * cannot be read (store_error says why).
 */
typedef int ctx_year_fn(void *arg, const struct history *year, cal_day first,
                        cal_day last);
int ctx_each_year(const struct hep_ctx *ctx, cal_day from, cal_day to,
                  ctx_year_fn *fn, void *arg);

/*
 * Today's check-in (SPEC section 8.1): each measure and the PSFS, whether
 * it is due, and with last, its latest value however old (the Check-in
 * screen shows it). Without last only the entries of the periods that
 * hold today are read (what `today` and `remind` ask), so a start stays
 * as cheap at ten years as at one month; the latest values are then only
 * those of these periods. Free with checkin_free. Returns -1 with a
 * message in err if the data file cannot be read.
 */
int ctx_checkin(struct hep_ctx *ctx, bool last, struct checkin *out, char *err,
                size_t errlen);

/* Every stored version of the measures and PSFS activities, oldest
 * first (free with rx_outcome_plans_free); -1 with a message in err. */
int ctx_outcome_plans(struct hep_ctx *ctx, struct rx_outcome_plan **out,
                      size_t *n, char *err, size_t errlen);

/* Holds every snapshot, however old (the history command, export). */
int ctx_all_snapshots(struct hep_ctx *ctx, char *err, size_t errlen);

/*
 * After this program's own committed write to id on day: re-reads that
 * one day's tally instead of the whole history. Returns -1 with a message
 * in err if the data file cannot be read (then call ctx_refresh).
 */
int ctx_refresh_entry(struct hep_ctx *ctx, const char *id, cal_day day,
                      char *err, size_t errlen);

void ctx_close(struct hep_ctx *ctx);

/*
 * The message of a write that gave up waiting for another program's lock
 * (SPEC section 6.2), the store's why first: "the data file is still busy
 * after 10 s; the session of Quad sets was not recorded" (what: "session";
 * name: what it was of, or NULL).
 */
void ctx_not_recorded(const char *why, const char *what, const char *name,
                      char *buf, size_t size);

/*
 * The one line that tells of a prescription change on the day it was
 * stored and on the day it takes effect: "Prescription changed: + Wall
 * sit; Quad sets 10 -> 15 reps; from tomorrow" ("→" and "−" unless ascii).
 * False, and buf "", when there is none to tell today.
 */
bool ctx_change_notice(struct hep_ctx *ctx, bool ascii, char *buf, size_t size);

/* Day N of the program for day (1 on the start day), or 0 before it. */
int ctx_program_day(const struct hep_ctx *ctx, cal_day day);

/*
 * Whether the next earned step of day item it (or a step back) is ready on
 * day (SPEC 2.2): the exercise's standing sessions since its step in force
 * began, read in one bounded query, counted by steps_readiness. out->step
 * is -1 for an exercise without earned steps, and while a step taken on
 * day takes effect the next (why "step N from tomorrow"); why in ASCII
 * with ascii.
 * Returns 0, or -1 with why
 * in err when the data file cannot be read.
 */
int ctx_readiness(struct hep_ctx *ctx, const struct day_item *it, cal_day day,
                  bool ascii, struct step_readiness *out, char *err,
                  size_t errlen);

/* ctx_readiness for base (an exercise as a snapshot holds it; NULL or
 * one without earned steps: none is ready) at step current, in force
 * since that day (CAL_NONE: from the exercise's from, else program
 * start): what the report asks of an exercise it lists. */
int ctx_readiness_of(const struct hep_ctx *ctx, const struct rx_exercise *base,
                     int current, cal_day since, cal_day day, bool ascii,
                     struct step_readiness *out, char *err, size_t errlen);

/* The base exercise (as the snapshot in force on day holds it) of day
 * item it when its steps are earned, else NULL. */
const struct rx_exercise *ctx_earned_base(const struct hep_ctx *ctx,
                                          const struct day_item *it,
                                          cal_day day);

/* Today's words for a ready step of day item it on day: "▲ ready: +5 kg
 * backpack, 6 sessions with pain ≤ 2", "▼ step back suggested: body
 * weight, 2 sessions with pain above 5" (ascii: "^", "v", "<="); false
 * when none is, or a step forward under "therapist" (the patient is
 * told nothing). */
bool ctx_ready_line(struct hep_ctx *ctx, const struct day_item *it, cal_day day,
                    bool ascii, char *buf, size_t size);

/* What a ready step brings, in words: the next version's load when it
 * changes it ("+5 kg backpack"), else its dose; into buf. */
char *ctx_ready_text(const struct rx_exercise *base,
                     const struct step_readiness *r, bool ascii, char *buf,
                     size_t size);

/* A past day of the last seven left missed or partial. */
struct missed_day {
	cal_day day;
	enum day_status status; /* DAY_MISSED or DAY_PARTIAL */
	int back;               /* days back from today */
	bool note;              /* ctx_note_missed_said may record that it was
	                           said (false while the clock is behind) */
};

/*
 * Once a day: the most recent of the seven days before today
 * (from the program's start) left missed or partial, in out, whatever
 * week it is in; false if none, or already said today. Reads only (it
 * may read more history in, as ctx_cover); the caller that tells it
 * calls ctx_note_missed_said when out->note.
 */
bool ctx_missed_day(struct hep_ctx *ctx, struct missed_day *out);

/* Records that today's missed day was told, so that it is told once a
 * day (a busy file only means it is told again). Writes the store. */
void ctx_note_missed_said(struct hep_ctx *ctx);

/* The program's summary, once it has ended (SPEC 2.2). */
struct program_summary {
	cal_day start, end; /* its first and last day */
	int weeks;          /* the weeks from start to end, rounded up */
	int due, done;      /* adherence parts of start..end */
	int longest;        /* the longest run of days in a row */
	size_t n;           /* the measures, in the program's order */
	struct {
		const struct rx_measure *m;
		int32_t first, latest; /* tenths, or RX_NO_VALUE */
	} measures[RX_MAX_MEASURES];
};

/*
 * The summary of the program that ended before day (false if it has not:
 * no end, or day on or before it). Reads the history from the start in
 * (as ctx_cover). Returns -1 with a message in err if the data file cannot
 * be read, 0 when not ended, 1 with *out filled.
 */
int ctx_summary(struct hep_ctx *ctx, cal_day day, struct program_summary *out,
                char *err, size_t errlen);

/* The summary as lines of text (each ending in '\n'), ending with "Ask
 * your therapist for the next program."; returns buf. */
char *ctx_summary_text(const struct hep_ctx *ctx,
                       const struct program_summary *s, char *buf, size_t size);

#endif
