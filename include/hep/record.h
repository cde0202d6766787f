/*
 * record: the writes a patient makes, each an entry appended to the diary
 * (SPEC section 6): a session, a skip, an undo, a redo, a correction. Each
 * is BEGIN IMMEDIATE ... COMMIT with its rule checked inside the
 * transaction against what the entries leave standing, so two windows and
 * a cron job cannot both record the last session, and nothing a patient
 * recorded is ever deleted or overwritten.
 *
 * Each returns REC_OK when committed (or, for an edit that changes
 * nothing, when there was nothing to write), REC_REFUSED when a rule says
 * no (nothing written), REC_FAILED when the data file failed (the write is
 * then unknown: re-read before showing anything). msg receives a one-line
 * message for the user either way.
 */
#ifndef HEP_RECORD_H
#define HEP_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/context.h"

enum record_result { REC_OK, REC_REFUSED, REC_FAILED };

/*
 * Records the next session of id on day: pain after it and before it
 * (0..10 or -1), a note or NULL. After a skip that excuses nothing
 * (travel, time, other) it also withdraws that skip.
 */
enum record_result record_done(struct hep_ctx *ctx, const char *id, cal_day day,
                               int pain, int pain_before, const char *note,
                               char *msg, size_t msglen);

/* What a patient rates a session by: each 0..10, or -1 when not given. */
struct record_rating {
	int pain, pain_before;
	int effort; /* Borg CR10 (SPEC 2.2) */
};

/*
 * As record_done, with the session's ratings, effort among them, and for
 * a timed exercise (SPEC 2.2) its slot: slot ("10:00": refused if it is
 * not an untaken slot of id that day), or with slot NULL the untaken slot
 * nearest the clock today, the first untaken one on another day. An
 * effort outside the exercise's target is said once, in ctx->advice
 * (after any pain advice; record_effort_note), never refused.
 */
enum record_result record_done_rated(struct hep_ctx *ctx, const char *id,
                                     cal_day day,
                                     const struct record_rating *rate,
                                     const char *note, const char *slot,
                                     char *msg, size_t msglen);

/*
 * What an effort just recorded for a session of e says when it is outside
 * e's target (SPEC 2.2): "Above the 5–7 you were given: keep the load for
 * now." or "Below the 5–7 you were given: that is fine; ..." (never an
 * invitation to add load); "" within it, with no target or no effort.
 */
void record_effort_note(const struct hep_ctx *ctx, const struct rx_exercise *e,
                        int effort, char *buf, size_t size);

/* The slots of timed exercise e taken on day by its standing sessions
 * (bit k: slot k) into *taken; 0, or -1 on a store error. */
int record_slots_taken(struct hep_ctx *ctx, const struct rx_exercise *e,
                       cal_day day, unsigned *taken);

/* Takes back the latest standing action (session, skip, correction) of id
 * on day. */
enum record_result record_undo(struct hep_ctx *ctx, const char *id, cal_day day,
                               char *msg, size_t msglen);

/* Brings back what the last undo of id on day took back. */
enum record_result record_redo(struct hep_ctx *ctx, const char *id, cal_day day,
                               char *msg, size_t msglen);

/* A correction: the fields named in fixes (FIX_*) of one session. */
struct record_fix {
	int session; /* 1.. as the day numbers them; 0 for the latest */
	int fixes;
	int pain, pain_before; /* 0..10, or -1 to clear */
	const char *note;      /* NULL (or "") to clear */
	int effort;            /* FIX_EFFORT: 0..10, or -1 to clear */
};

/* Corrects a standing session of id on day; the old values stay in the
 * diary. A correction that changes nothing writes nothing (REC_OK). */
enum record_result record_edit(struct hep_ctx *ctx, const char *id, cal_day day,
                               const struct record_fix *fix, char *msg,
                               size_t msglen);

/* Records why id was not (fully) done on day, with a pain (or -1) and a
 * note (or NULL). */
enum record_result record_skip(struct hep_ctx *ctx, const char *id, cal_day day,
                               enum skip_reason reason, int pain,
                               const char *note, char *msg, size_t msglen);

/* Told of each skip record_skip_all tries: the exercise, the result and
 * its message; returns false to stop the walk. */
typedef bool record_skip_fn(void *arg, const char *id, enum record_result r,
                            const char *msg);

/*
 * Skips every exercise left on day (progress_left: not as needed, not
 * fully done or already skipped, a per-week one's week not met) with one
 * reason, pain (or -1) and note (or NULL): one record_skip each, each its
 * own committed entry, in the day's order. each (or NULL) is told of
 * every skip tried and may stop the walk. *skipped gets how many were
 * recorded. Returns REC_OK if one or more were (msg: "3 exercises
 * skipped (sick) on 2026-11-25"), REC_FAILED at the first failure (msg:
 * why; the skips before it stand), else REC_REFUSED (msg: none was left,
 * or why the last was refused). ctx->advice keeps the first pain advice
 * a skip gave.
 */
enum record_result record_skip_all(struct hep_ctx *ctx, cal_day day,
                                   enum skip_reason reason, int pain,
                                   const char *note, record_skip_fn *each,
                                   void *arg, int *skipped, char *msg,
                                   size_t msglen);

/*
 * The exercise id names on day: the one in the snapshot in force then, else
 * the newest one holding id; NULL if no prescription ever held it.
 */
/*
 * Records a value of measure id (whole tenths) on day, with an optional
 * note: a known measure, a value within its [min, max], a day neither in
 * the future nor before the start. A second value on a day is a
 * correction: both stay in the diary, the latest counts (the message says
 * what it replaces).
 */
enum record_result record_measure(struct hep_ctx *ctx, const char *id,
                                  cal_day day, int32_t value, const char *note,
                                  char *msg, size_t msglen);

/* Records a PSFS check-in on day: exactly one rating 0..10 for each
 * activity of the prescription, in order; the activities are kept with
 * the ratings. */
enum record_result record_psfs(struct hep_ctx *ctx, cal_day day,
                               const int *rating, size_t n, char *msg,
                               size_t msglen);

/* "unknown measure "x"; did you mean knee-bend?" into msg. */
void record_unknown_measure(struct hep_ctx *ctx, const char *id, char *msg,
                            size_t msglen);

const struct rx_exercise *record_find(struct hep_ctx *ctx, const char *id,
                                      cal_day day);

/*
 * The refusal for an id no prescription ever held, with the closest known
 * ids offered (SPEC section 4): "unknown exercise "quad"; did you mean
 * quad-set?".
 */
void record_unknown(struct hep_ctx *ctx, const char *id, char *msg,
                    size_t msglen);

/*
 * Records an advance entry of id on day (SPEC 2.2): the step it brings in
 * force (step, back: a step back), why (the criteria as text, or "stepped
 * back"). Its effective day, into *effective, is day when id has no
 * standing session, skip or advance that day, else the next (a day is
 * never judged by two versions). Whether the step may be taken is the
 * caller's (advance.c); this checks only the id and the day.
 */
enum record_result record_advance(struct hep_ctx *ctx, const char *id,
                                  cal_day day, int step, bool back,
                                  const char *why, cal_day *effective,
                                  char *msg, size_t msglen);

/*
 * One entry in words, as `hep log` and the day's diary on the screen show
 * it: "session 2, pain 3, note "sore"", "undo: took back session 2",
 * "correction of session 1: pain 4 -> 2". Notes are quoted with their
 * control characters escaped (\n, \t, \xHH). What an undo or redo moved is
 * found by replaying its day up to it. An entry made after its day was
 * over ends in " (late)", or with moment, for a caller that does not show
 * when it was made, " (logged late, Sat 9 Jan 08:00)".
 */
void record_describe(struct hep_ctx *ctx, const struct diary_entry *e,
                     bool moment, char *buf, size_t size);

/*
 * The advice for a pain above e's limit (SPEC 2.1: e's own, else the
 * program's), saying which pain it is (when: "before" or "after" the
 * session, NULL for a skip's): "Pain 7 before the session is above your
 * limit of 5 for Heel drop. Stop ...". False (buf "") when pain is within
 * it or there is no limit. Every write that records such a pain also
 * leaves it in ctx->advice.
 */
bool record_advice(const struct hep_ctx *ctx, const struct rx_exercise *e,
                   int pain, const char *when, char *buf, size_t size);

#endif
