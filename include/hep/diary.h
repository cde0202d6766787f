/*
 * diary: the patient's record as a diary (SPEC section 6). Every change is
 * an entry appended to the record and never rewritten: a session, a skip, a
 * take-back (undo), a bring-back (redo), a correction of pain or note
 * (holding the values it replaces), a withdrawn skip. What stands on a day
 * (the sessions, with which pain and note, and the skip) is derived from the
 * entries of that exercise and day by diary_replay, the one statement of
 * the rules of section 6.1; the store keeps its result in tables for speed
 * and a test replays every entry to prove they agree.
 *
 * Pure: no SQL, no clock, no curses.
 */
#ifndef HEP_DIARY_H
#define HEP_DIARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/calendar.h"
#include "hep/prescription.h"

/* Why an exercise was skipped on a day (SPEC section 3). */
enum skip_reason {
	SKIP_NONE,
	SKIP_REST,
	SKIP_PAIN,
	SKIP_SICK,
	SKIP_TRAVEL,
	SKIP_TIME,
	SKIP_OTHER
};

/* Every reason is a row of one table in diary.c: its name, and whether it
 * excuses the day. */

/* rest, pain and sick excuse the remaining sessions of the day. */
bool skip_excused(enum skip_reason r);
const char *skip_reason_name(enum skip_reason r); /* NULL for SKIP_NONE */
/*
 * The names of the reasons, in the table's order, into buf (returned):
 * joined by sep, the last one by last ("rest, pain, sick, travel, time or
 * other" from ", " and " or ").
 */
char *skip_reasons_text(const char *sep, const char *last, char *buf,
                        size_t size);
bool skip_reason_parse(const char *s, enum skip_reason *out);

/* The kinds of entry, as `hep log` names them. */
enum entry_kind {
	ENTRY_SESSION,
	ENTRY_SKIP,
	ENTRY_UNDO,
	ENTRY_REDO,
	ENTRY_CORRECTION,
	ENTRY_WITHDRAW,
	ENTRY_MEASURE, /* a value of a measure (SPEC section 8) */
	ENTRY_PSFS,    /* a PSFS check-in: one rating per activity */
	ENTRY_ADVANCE, /* an earned step accepted, or a step back (SPEC 2.2):
	                  an action of its exercise's day, undone like one */
	ENTRY_KINDS
};

const char *entry_kind_name(enum entry_kind k);
bool entry_kind_parse(const char *s, enum entry_kind *out);

/*
 * True for the outcome entries (a measure, a PSFS check-in): they belong
 * to no exercise's day and take no part in its replay, its sessions, its
 * skip or its tally. A measure entry's exercise field holds the measure's
 * id; a PSFS entry's is "".
 */
bool entry_is_outcome(enum entry_kind k);

/* What a correction changes (struct diary_entry.fixes). */
enum {
	FIX_PAIN = 1 << 0,
	FIX_PAIN_BEFORE = 1 << 1,
	FIX_NOTE = 1 << 2,
	FIX_EFFORT = 1 << 3,
	FIX_ALL = FIX_PAIN | FIX_PAIN_BEFORE | FIX_NOTE | FIX_EFFORT
};

/* An entry's identity: 16 lowercase hex digits (SPEC section 6.2). */
#define ENTRY_ID_LEN 16
typedef char entry_id[ENTRY_ID_LEN + 1]; /* "" when there is none */

/* Where an entry stands once its day is replayed (`hep log --json`'s
 * "status", SPEC section 6.2). */
enum entry_status {
	STATUS_STANDING,
	STATUS_TAKEN_BACK, /* undone; a redo redone; a correction or a
	                      withdrawal whose target no longer stands */
	STATUS_SUPERSEDED, /* a skip beside a later one of the same day */
	STATUS_WITHDRAWN,  /* a skip the patient did after all */
	STATUS_INERT,      /* acts on nothing (a legacy entry) */
	STATUS_COUNT
};
const char *entry_status_name(enum entry_status s);
bool entry_status_parse(const char *s, enum entry_status *out);

/* One entry. Fields that do not apply to its kind are 0, -1 or "". */
struct diary_entry {
	int64_t seq;   /* this file's own number, rising as stored */
	entry_id id;   /* its identity, the same in every copy */
	int64_t stamp; /* the order of the record: milliseconds since 1970
	                  UTC, strictly rising in the file that made it */
	/* What it acts on (SPEC section 6.2): undo the session, skip or
	 * correction it takes back; redo the undo it reverses; correction
	 * the session it corrects; withdraw the skip it withdraws. "" for
	 * other kinds, and for a legacy entry that had nothing to act on. */
	entry_id target;
	entry_id by; /* withdraw: the session whose done made it */
	enum entry_kind kind;
	char exercise[RX_ID_MAX + 1];
	cal_day day;      /* the day it is for */
	int64_t made_utc; /* when it was made, seconds (UTC), as the clock
	                     read: never bumped */
	bool late;        /* made after its day was over */
	/*
	 * session: its number when made; correction: the session corrected;
	 * undo and redo: the session they took back or brought back (or
	 * whose correction), 0 for a skip. Words only: what an entry acts on
	 * is its target.
	 */
	int session;
	/* session: the time slot it took ("10:00", a label of a timed
	 * exercise's `at`, SPEC 2.2), or "" */
	char slot[6];
	int pain;        /* 0..10 or -1: after a session, on a skip, or the
	                    new value of a correction */
	int pain_before; /* 0..10 or -1 */
	int effort;      /* 0..10 or -1: after a session (Borg CR10), or the
	                    new value of a correction */
	/* The texts (note, old_note, items) are borrowed: from the caller,
	 * from a statement's row, or from owned. */
	const char *note; /* or NULL; advance: why (the criteria as text,
	                     or "stepped back") */
	/* advance: the step it brings in force (0 to the exercise's steps),
	 * whether it is a step back, and the day it takes effect (its day,
	 * or the next when the exercise had a standing entry that day);
	 * 0, false and CAL_NONE otherwise. */
	int step;
	bool back;
	cal_day effective;
	/* skip and withdraw: the reason; undo and redo of a skip: its reason */
	enum skip_reason reason;
	int fixes; /* correction: FIX_* of the fields it sets */
	int old_pain, old_pain_before; /* correction: the values replaced */
	int old_effort;                /* correction: the effort replaced */
	const char *old_note;
	int32_t value; /* measure: the value in whole tenths; 0 otherwise */
	/* psfs: each activity with its rating, a line "RATING ACTIVITY" per
	 * activity in the prescription's order (psfs_items_*); borrowed.
	 * NULL otherwise. */
	const char *items;
	/* NULL, or the one allocation holding the copies the texts point
	 * into (diary_entry_keep): the entry's own, freed by
	 * diary_entry_drop. */
	char *owned;
	/* Derived, not part of the entry: where it stands, as the store's
	 * walks of the record give it (STATUS_STANDING elsewhere). */
	enum entry_status status;
};

/* A standing session, as the entries leave it. */
struct diary_session {
	const struct diary_entry *entry; /* the session entry */
	int pain, pain_before;           /* as last corrected */
	int effort;                      /* as last corrected, or -1 */
	const char *note;                /* borrowed from an entry */
};

/*
 * What stands for one exercise on one day, a function of the set of its
 * entries (SPEC section 6.2), whatever their order of arrival:
 * - an action (a session, a skip, a correction) stands unless, among the
 *   undos targeting it and the redos of those undos, the one with the
 *   greatest stamp is an undo; a correction stands only while its target
 *   session does; a withdrawal while its `by` session does;
 * - standing sessions are numbered 1..n_sessions by made_utc, then stamp,
 *   then id, each with every field as the standing correction with the
 *   greatest stamp that sets it left it; there may be more than per_day;
 * - a skip is withdrawn by a standing withdrawal of it, and a skip that
 *   excuses nothing also by a standing session with a greater stamp; of
 *   the standing skips left, the one with the greatest stamp is the day's,
 *   the others are superseded.
 */
struct diary_state {
	struct diary_session *sessions; /* owned: free with diary_state_free */
	size_t n_sessions;
	const struct diary_entry *skip;      /* the day's skip, or NULL */
	const struct diary_entry *withdrawn; /* the latest skip withdrawn and
	                                        standing so, or NULL */
	/* undo: the standing action with the greatest stamp (what undo takes
	 * back); redo: the action redo brings back, and redo_undo the undo
	 * it reverses (the standing undo with the greatest stamp of those
	 * later than every session, skip and correction of the day); NULL
	 * when there is none. */
	const struct diary_entry *undo;
	const struct diary_entry *redo;
	const struct diary_entry *redo_undo;
	/* With undo (redo), what that action was (would be): for a session or
	 * a correction, the session's number; 0 for a skip. */
	int undo_session;
	int redo_session;
	/* status[i]: where e[i] stands (parallel to the entries given). */
	enum entry_status *status;
};

/*
 * Replays the n entries of one exercise and day, in any order, into *out.
 * The pointers in *out point into e, which must outlive it.
 */
void diary_replay(const struct diary_entry *e, size_t n,
                  struct diary_state *out);
void diary_state_free(struct diary_state *s);

/*
 * Makes e own its texts: copies note, old_note and items (those not NULL)
 * into one allocation, e->owned, and points them there. An entry read
 * from a statement keeps its texts so past the statement's next step.
 */
void diary_entry_keep(struct diary_entry *e);
/* Frees what diary_entry_keep allocated; the texts become NULL. */
void diary_entry_drop(struct diary_entry *e);

/* Sorts entries into the record's order: by stamp, then id. */
void diary_sort(struct diary_entry *e, size_t n);
int diary_order(const struct diary_entry *a, const struct diary_entry *b);

/* ---- entries made before identities (SPEC 6.2, settled points 1, 2) ---- */

/*
 * An entry's canonical text for matching (6.1's equality): kind, exercise,
 * day, time and every value; with whole false only what a row of the
 * state holds (kind, exercise, day, time, reason). Allocated.
 */
char *diary_entry_key(const struct diary_entry *e, bool whole);

/* Inserts session entry e (its pain and note as it says) into the n
 * sessions *s (grown; owned as a diary_state's), in the order first gives
 * (first(a, b): a stands before b; the rules of now in diary.c, of then in
 * diary_legacy.c): after every session e does not stand before. */
void diary_session_insert(struct diary_session **s, size_t *n,
                          const struct diary_entry *e,
                          bool (*first)(const struct diary_entry *a,
                                        const struct diary_entry *b));

/* The identity of a legacy entry whose canonical text is key and which is
 * the k-th (from 1) equal entry: a 64-bit FNV-1a hash, in hex. */
void diary_legacy_id(const char *key, int k, entry_id out);

/*
 * Gives the n entries of one exercise and day of a legacy diary (in their
 * old order, each with its id) the targets the rules of the diary before
 * identities gave them: an undo the action it took back, a redo the undo it
 * reversed, a correction the session it corrected, a withdrawal the skip
 * and its session. What had nothing to act on keeps target "" (inert).
 * The entries' stamps are given: a skip that excuses nothing and stood
 * beside a later session without a withdrawal (the old rules kept it) is
 * moved after that session's stamp, so that it stands as it did.
 */
void diary_legacy_targets(struct diary_entry *e, size_t n);

#endif
