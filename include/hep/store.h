/*
 * store: the patient's record in one SQLite file (SPEC section 6).
 *
 * The only module that speaks SQL. Rollback journal with synchronous=EXTRA,
 * the busy handler set before any other statement, BEGIN IMMEDIATE for every
 * write, schema migrations keyed by PRAGMA user_version (one transaction
 * each), and PRAGMA quick_check before the first write of each logical day
 * and before every migration. A file that is not ours, newer, damaged,
 * locked or a symbolic link is refused with a message naming it, and left
 * as it was; so is one that cannot be written, except to a command that
 * only reads (STORE_READ).
 *
 * Every function returning int returns 0 on success and -1 on failure, with
 * a message for the user in store_error(). Days are cal_day values, stored
 * as "YYYY-MM-DD" text so that no clock or zone can move them.
 */
#ifndef HEP_STORE_H
#define HEP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/calendar.h"
#include "hep/diary.h"
#include "hep/prescription.h"

#define STORE_SCHEMA_VERSION 13
#define STORE_APPLICATION_ID 0x48455031 /* "HEP1" */

struct store;

/* What was recorded for one exercise on one day. */
struct tally {
	const char *exercise; /* the store's copy: valid until store_close */
	cal_day day;
	int16_t done;          /* sessions recorded (small: ten years are */
	int16_t late;          /* of which logged after the day was over */
	int8_t pain;           /* the highest pain scored that day, or -1 */
	bool noted;            /* a note was written that day, or a pain
	                          given with a skip */
	enum skip_reason skip; /* held in memory at once) */
	bool skip_late;        /* the skip was recorded after the day was
	                          over (SPEC section 6.2) */
};

/* A run of done days (or weeks). */
struct streak {
	int current; /* the run that reaches today (or the last counted day) */
	int longest;
};

/* One exercise's streak walk, as it stood at a mark. */
struct mark_exercise {
	char id[RX_ID_MAX + 1];
	bool weeks; /* it counts weeks (a per-week exercise) */
	struct streak streak;
};

/*
 * Where the streak walks stood at the end of day `day`, the last day of a
 * week (by week_starts) before today: the days-in-a-row walk and the walk
 * of every exercise any snapshot up to then held, sorted by id.
 * progress computes it (progress_mark); the store keeps it so that a start
 * reads a few weeks of tallies instead of every day since the program
 * began. Any change to a session, a skip or a snapshot on or before `day`
 * drops it (triggers), so a stored mark is never stale.
 */
struct streak_mark {
	cal_day day;   /* CAL_NONE: no mark */
	cal_day start; /* the program start it was walked from */
	enum cal_weekday week_starts;
	struct streak days;
	struct mark_exercise *ex;
	size_t n_ex;
};

/*
 * How a write waits for another program's lock (SPEC section 6.2): the
 * waiter is told STORE_WAITING once the wait has lasted STORE_WAIT_SAY_MS
 * (once per wait), and STORE_GAVE_UP when it gives up after
 * STORE_WAIT_MAX_MS; the write then fails with "the data file is still
 * busy after 10 s", nothing written. The store never prints: the command
 * line and the screen each say it their own way. A cache write (the
 * streak mark) never waits.
 */
#define STORE_WAIT_SAY_MS 1000
#define STORE_WAIT_MAX_MS 10000
enum store_wait { STORE_WAITING, STORE_GAVE_UP };
struct store_waiter {
	void (*fn)(void *arg, enum store_wait what); /* NULL: nobody told */
	void *arg;
};

/* Who opens the data file: a command that writes (and the screen), or
 * one that only reads. */
enum store_mode { STORE_WRITE, STORE_READ };

/*
 * Opens (creating on first use, folder 0700, file 0600) the data file at
 * path. Symbolic links in the folders above it are followed; the data file
 * itself is never a link (refused, never followed). today is the clock's
 * logical today, used to schedule quick_check (noted in the file, a write).
 * With STORE_READ, an existing file that cannot be written (read-only file,
 * folder or disk, a full disk) is opened read-only instead, nothing is
 * written to it, and store_read_only says why; a file of an older schema
 * is then still refused (it cannot be migrated). wait (or NULL) is told of
 * lock waits until store_set_waiter replaces it. On failure returns -1,
 * sets *out NULL and writes a message into err.
 */
int store_open(const char *path, cal_day today, enum store_mode mode,
               const struct store_waiter *wait, struct store **out, char *err,
               size_t errlen);
void store_close(struct store *st);

/*
 * Notes that today's quick_check of store_open was clean (in the file's
 * meta table, so that the next open today skips it): a write, which the
 * caller makes only when writing is right (SPEC section 6.2: not with a
 * clock behind the record). Nothing to note: 0.
 */
int store_note_check(struct store *st);

/* Replaces the waiter store_open was given (NULL: nobody is told). */
void store_set_waiter(struct store *st, const struct store_waiter *wait);

/*
 * Why a STORE_READ store is open read-only, for a patient ("the disk is
 * full", "it is read-only", "its folder is not writable"), or NULL when it
 * is open for writing.
 */
const char *store_read_only(const struct store *st);

/*
 * After a write of a STORE_READ store failed because the data file cannot
 * be written: reopens it read-only (store_read_only then says why) and
 * returns 0. Returns -1, the failure standing, for any other failure, or
 * for a STORE_WRITE store.
 */
int store_fall_back(struct store *st);

/* The last error message (never NULL). */
const char *store_error(const struct store *st);

/* Write transactions: BEGIN IMMEDIATE ... COMMIT. A failed commit is unknown,
 * not "not saved": callers re-read before they show anything. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* A number that changes when another connection commits (data_version). */
int store_data_version(struct store *st, int64_t *out);

/* Runs PRAGMA quick_check; -1 with a message unless it answers "ok". */
int store_check(struct store *st);

/* ---- prescription snapshots ---- */

/*
 * The snapshots in force from day on (the newest dated on or before it, and
 * every later one), or every snapshot if day is CAL_NONE; ascending by
 * date; free with rx_snapshots_free().
 */
int store_snapshots(struct store *st, cal_day day, struct rx_snapshot **out,
                    size_t *n);

/* Whether a snapshot dated day is stored. */
int store_snapshot_dated(struct store *st, cal_day day, bool *yes);

/* The date of the first snapshot, or CAL_NONE if there is none. */
int store_snapshot_first(struct store *st, cal_day *out);

/*
 * Stores a snapshot dated day, replacing one of that date, noting the day
 * it was stored (CAL_NONE: not known, as for an import). In a transaction.
 */
int store_snapshot_put(struct store *st, cal_day day, cal_day stored,
                       const struct rx_exercise *ex, size_t n);

/* Sets the program's end (CAL_NONE: none) the snapshot dated day gives
 * (SPEC 2.2), after store_snapshot_put, in its transaction. */
int store_snapshot_end(struct store *st, cal_day day, cal_day end);

/* Removes the snapshot dated day (in a transaction). */
int store_snapshot_drop(struct store *st, cal_day day);

/* ---- the measures' versions (SPEC section 8) ---- */

/*
 * Every stored version of the measures and PSFS activities, ascending by
 * date; with newest, the newest only (none if none was stored). Free with
 * rx_outcome_plans_free().
 */
int store_outcome_plans(struct store *st, bool newest,
                        struct rx_outcome_plan **out, size_t *n);

/* Stores plan p at p->from (noting p->stored), replacing one of that
 * date. In a transaction. */
int store_outcome_plan_put(struct store *st, const struct rx_outcome_plan *p);

/* Removes the version dated day (in a transaction). */
int store_outcome_plan_drop(struct store *st, cal_day day);

/*
 * Whether id was ever stored, and if so its kind in the newest snapshot
 * holding it (fixed, per-week or as-needed).
 */
int store_exercise_kind(struct store *st, const char *id, bool *known,
                        enum rx_kind *kind);

/*
 * As store_exercise_kind for each of n exercises, from the data file at
 * path opened read-only (never created, migrated or written; absent:
 * nothing known), for `hep check`. Returns 0, or -1 with a message.
 */
int store_peek_kinds(const char *path, const struct rx_exercise *ex, size_t n,
                     bool *known, enum rx_kind *kinds, char *err,
                     size_t errlen);

/* ---- the diary and what stands ---- */

/*
 * Tallies of every (exercise, day) with a standing session or skip in
 * [from, to], ordered by day then exercise. Caller frees *out.
 */
int store_tallies(struct store *st, cal_day from, cal_day to,
                  struct tally **out, size_t *n);

/* The tally of id on day; *found false when nothing stands. */
int store_tally_of(struct store *st, const char *id, cal_day day,
                   struct tally *out, bool *found);

/* The earliest day with a standing session or skip, or CAL_NONE. */
int store_first_recorded(struct store *st, cal_day *out);

/*
 * Whether any entry of an exercise (standing or taken back) is for day:
 * a prescription changed on such a day takes effect the next day.
 */
int store_day_has_entries(struct store *st, cal_day day, bool *any);

/* The latest day any entry of an exercise is for (CAL_NONE if none): a
 * stored version that judges it is never replaced (SPEC section 6.2). */
int store_last_entry_day(struct store *st, cal_day *out);

/* One exercise on one day: its entries, oldest first, and what stands. */
struct store_day {
	struct diary_entry *entries; /* owned, notes included */
	size_t n;
	struct diary_state state; /* points into entries */
};

/* Reads the entries of id on day and replays them (free with
 * store_day_free). In a write transaction, it is the truth to decide on. */
int store_day_read(struct store *st, const char *id, cal_day day,
                   struct store_day *out);
void store_day_free(struct store_day *d);

/*
 * Gives e, about to be written by this file with the clock at now_ms
 * (milliseconds UTC), its identity (SPEC section 6.2): a random id that no
 * stored entry has (a clash is drawn again), and a stamp greater than every
 * stored one, max(now_ms, largest + 1); notes now_ms as the latest clock
 * this file wrote at (clock_high: an imported stamp ahead of the clock
 * bumps the stamp, never the clock). In the write transaction, before
 * store_append.
 */
int store_identify(struct store *st, int64_t now_ms, struct diary_entry *e);

/*
 * What the record says of the clock (SPEC section 6.2): the latest clock
 * reading at which this file itself wrote an entry (0 if none), and the
 * latest day a version of the prescription or of the measures was stored
 * (CAL_NONE if none).
 */
int store_clock(struct store *st, int64_t *high_ms, cal_day *stored);

/*
 * Appends e (in a transaction; e->seq is ignored) and brings what stands
 * for its exercise and day (sessions, skip, tally, marks) up to date.
 * *seq, if given, gets the new entry's number.
 */
int store_append(struct store *st, const struct diary_entry *e, int64_t *seq);

/* Calls fn for every entry for the days from..to, oldest first. A
 * non-zero return from fn stops the walk and is returned. */
int store_each_diary(struct store *st, cal_day from, cal_day to,
                     int (*fn)(void *arg, const struct diary_entry *e),
                     void *arg);

/* Calls fn for every outcome entry (a measure, a PSFS check-in) for the
 * days from..to, oldest first (by seq), as store_each_diary does. */
int store_each_outcome(struct store *st, cal_day from, cal_day to,
                       int (*fn)(void *arg, const struct diary_entry *e),
                       void *arg);

/*
 * Replays every entry from scratch and compares the result with the
 * derived tables (sessions, skips, tallies): 0 when they agree, else -1
 * with the first difference in store_error(). For tests and `hep log
 * --verify`.
 */
int store_verify(struct store *st);

/* One standing session, as a reader of the record sees it. */
struct session {
	char exercise[RX_ID_MAX + 1];
	cal_day day;
	int n;              /* 1, 2, ... within the day */
	char logged_at[21]; /* "YYYY-MM-DDTHH:MM:SSZ" */
	bool late;
	int pain;        /* after it: 0..10, or -1 */
	int pain_before; /* 0..10, or -1 */
	char *note;      /* or NULL; owned by the array holder */
	int effort;      /* 0..10 (Borg CR10), or -1 */
};

/* Standing sessions of id on day in order (free with store_sessions_free). */
int store_sessions(struct store *st, const char *id, cal_day day,
                   struct session **out, size_t *n);
void store_sessions_free(struct session *s, size_t n);

/* Standing sessions of id from day from (CAL_NONE: the first) to day to,
 * by day then number: one query bounded by the days, as earned steps'
 * readiness reads them (free with store_sessions_free). */
int store_sessions_since(struct store *st, const char *id, cal_day from,
                         cal_day to, struct session **out, size_t *n);

/* A standing advance entry (SPEC 2.2): its exercise, the step it brings
 * in force and the day it takes effect. */
struct store_advance {
	char exercise[RX_ID_MAX + 1];
	cal_day effective;
	int step;
};

/* Every standing advance entry, by exercise then the record's order
 * (stamp, id): one query of the advance entries' own index, which never
 * reads a session (free *out). */
int store_advances(struct store *st, struct store_advance **out, size_t *n);

/* Whether an advance of id was taken back (undone) and no session of id
 * has been recorded since that undo: an `auto` step is then not made
 * again (SPEC 2.2 point 3). Reads the advance entries' index and the days
 * from the undo on. */
int store_advance_held(struct store *st, const char *id, bool *held);

/* Every exercise id any snapshot ever held, sorted (free each and the
 * array). */
int store_exercise_ids(struct store *st, char ***ids, size_t *n);

/* ---- streak marks (a cache: losing one costs time, never a number) ---- */

/*
 * The newest mark dated before `before` that was walked from start with
 * week_starts, or out->day CAL_NONE. Free with store_mark_free.
 */
int store_mark_get(struct store *st, cal_day start, enum cal_weekday ws,
                   cal_day before, struct streak_mark *out);
void store_mark_free(struct streak_mark *m);

/*
 * Stores m in its own transaction, keeping the newest STORE_MARKS_KEPT
 * marks walked the same way and dropping any other. Never waits for a
 * lock: -1 when the file is busy (the caller just goes on without it).
 */
#define STORE_MARKS_KEPT 8
int store_mark_put(struct store *st, const struct streak_mark *m);

/* ---- the record as a whole (export, import) ---- */

/* One standing session or skip (skip != SKIP_NONE): a row of the CSV. */
struct state_row {
	cal_day day;
	char exercise[RX_ID_MAX + 1];
	int64_t logged_utc;
	int pain;         /* 0..10, or -1 */
	int pain_before;  /* 0..10, or -1 (sessions only) */
	int effort;       /* 0..10, or -1 (sessions only; SPEC 2.2) */
	const char *note; /* or NULL; borrowed */
	enum skip_reason skip;
	bool late; /* recorded after its day was over */
};

/*
 * Calls fn for every standing session and skip of the days from..to,
 * ordered by day, exercise, sessions before the skip, then logged_at. A
 * non-zero return from fn stops the walk and is returned.
 */
int store_each_row(struct store *st, cal_day from, cal_day to,
                   int (*fn)(void *arg, const struct state_row *r), void *arg);

/*
 * As store_each_row, only the sessions with a pain score (after or before)
 * or a note, and
 * every skip: what a report says beyond the counts, without sorting every
 * session of ten years.
 */
int store_each_remark(struct store *st, cal_day from, cal_day to,
                      int (*fn)(void *arg, const struct state_row *r),
                      void *arg);

/*
 * Bulk writes (in one transaction): between begin and end the per-row
 * upkeep of the day tallies stands aside; end recounts the days from..to
 * at once. Other connections never see the difference.
 */
int store_bulk_begin(struct store *st);
int store_bulk_end(struct store *st, cal_day from, cal_day to);

/*
 * An import's staging (SPEC section 6.2), inside the caller's write
 * transaction, in temporary tables that never reach the data file, so that
 * an import of any size holds one row at a time. store_stage_begin makes
 * them and says whether the file has nothing recorded (*fresh: a back-up
 * restored into a new file); store_stage_end drops them.
 *
 * A back-up whose entries carry their identities, into a fresh file, is
 * appended at once (store_append_line, which keeps each entry's line for
 * the messages; store_fresh_bad_target then finds the first whose target
 * is not right). Anything else is staged (store_stage_add), entries and
 * state rows without identities are given theirs (store_stage_identify),
 * and the caller walks the staged rows in file order (store_each_staged)
 * to merge them by identity (store_entry_same, store_target).
 */
int store_stage_begin(struct store *st, bool *fresh);
int store_stage_end(struct store *st);
int store_stage_add(struct store *st, const struct diary_entry *e, bool whole,
                    int line);
int store_append_line(struct store *st, const struct diary_entry *e, int line);
/* Drops the state rows staged (or, fresh, appended) so far: a back-up's
 * diary, once met, says it all. */
int store_stage_drop_rows(struct store *st);

/*
 * Gives every staged row without an id (a legacy back-up's entry, or a
 * row of a CSV) its identity as settled point 1 of SPEC 6.2 says: an id
 * from its canonical text (diary_entry_key; a state row's without its
 * values) and k, its rank among the equal rows of the file; a stamp,
 * max(made_at, the row before's + 1), in file order; a legacy entry its
 * target by the old rules over its day (diary_legacy_targets). A row equal
 * to a stored entry (the k-th of the file to the k-th stored) is that
 * entry: it takes its id and is marked kept.
 */
int store_stage_identify(struct store *st);

/*
 * Calls fn for every staged row in file order: whole (a diary entry, not
 * a state row), its line, and kept (it is a stored entry already). A
 * non-zero return from fn stops the walk and is returned.
 */
int store_each_staged(struct store *st,
                      int (*fn)(void *arg, const struct diary_entry *e,
                                bool whole, int line, bool kept),
                      void *arg);

/* Whether an entry with e's id is stored (*known), and if so whether every
 * field of it is e's (*same). */
int store_entry_same(struct store *st, const struct diary_entry *e, bool *known,
                     bool *same);

/* What an id names, stored or staged: its kind, exercise and day. */
struct store_target {
	bool found;
	enum entry_kind kind;
	char exercise[RX_ID_MAX + 1];
	cal_day day;
};
int store_target(struct store *st, const char *id, struct store_target *out);

/*
 * The first entry appended (store_append_line) after seq whose target or
 * by does not name an entry of its exercise and day of the kind it must
 * (undo: a session, skip or correction; redo: an undo; correction: a
 * session; withdraw: a skip, and by a session): its line and the entry
 * (its texts left NULL); *line 0 when there is none.
 */
int store_fresh_bad_target(struct store *st, int64_t seq, int *line,
                           struct diary_entry *out);

/* Appends e without updating what stands (an import, in bulk); then
 * store_sync_after brings every (exercise, day) with an entry numbered
 * above seq up to date. store_last_seq gives the number to start from. */
int store_append_only(struct store *st, const struct diary_entry *e);
int store_last_seq(struct store *st, int64_t *seq);
int store_sync_after(struct store *st, int64_t seq);

/*
 * A day kept under key in the data file's meta table, for what is said
 * once a day (CAL_NONE if none yet); store_note_day keeps it, in a
 * transaction of its own.
 */
int store_day_noted(struct store *st, const char *key, cal_day *out);
int store_note_day(struct store *st, const char *key, cal_day day);

#endif
