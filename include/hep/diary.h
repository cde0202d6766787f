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

/* rest, pain and sick excuse the remaining sessions of the day. */
bool skip_excused(enum skip_reason r);
const char *skip_reason_name(enum skip_reason r); /* NULL for SKIP_NONE */
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
	FIX_ALL = FIX_PAIN | FIX_PAIN_BEFORE | FIX_NOTE
};

/* One entry. Fields that do not apply to its kind are 0, -1 or NULL. */
struct diary_entry {
	int64_t seq; /* rising, given when stored ("latest" = highest) */
	enum entry_kind kind;
	char exercise[RX_ID_MAX + 1];
	cal_day day;      /* the day it is for */
	int64_t made_utc; /* when it was made, seconds (UTC) */
	bool late;        /* made after its day was over */
	/*
	 * session: its number when made; correction: the session corrected;
	 * undo and redo: the session they took back or brought back (or
	 * whose correction), 0 for a skip.
	 */
	int session;
	int pain;         /* 0..10 or -1: after a session, on a skip, or the
	                     new value of a correction */
	int pain_before;  /* 0..10 or -1 */
	const char *note; /* or NULL; borrowed */
	/* skip and withdraw: the reason; undo and redo of a skip: its reason */
	enum skip_reason reason;
	int fixes; /* correction: FIX_* of the fields it sets */
	int old_pain, old_pain_before; /* correction: the values replaced */
	const char *old_note;
	int32_t value; /* measure: the value in whole tenths; 0 otherwise */
	/* psfs: each activity with its rating, a line "RATING ACTIVITY" per
	 * activity in the prescription's order (psfs_items_*); borrowed.
	 * NULL otherwise. */
	const char *items;
};

/* A standing session, as the entries leave it. */
struct diary_session {
	const struct diary_entry *entry; /* the session entry */
	int pain, pain_before;           /* as last corrected */
	const char *note;                /* borrowed from an entry */
};

/*
 * What stands for one exercise on one day once its entries are replayed,
 * oldest first: every action (a session with the withdrawal it made, a
 * skip, a correction) stands unless an undo took it back; undo takes back
 * the latest standing action, redo brings back the most recently taken
 * back (last in, first out), and a new action empties what redo could
 * bring back. Standing sessions are numbered 1..n_sessions in the order of
 * their logged time (then of their entries); a correction names the
 * session by that number as it was when the correction was made.
 */
struct diary_state {
	struct diary_session *sessions; /* owned: free with diary_state_free */
	size_t n_sessions;
	const struct diary_entry *skip; /* the standing skip, or NULL */
	const struct diary_entry
	    *withdrawn; /* a skip withdrawn by a later
	                   session and standing so, or NULL */
	/* The first entry of the action undo would take back, and of the one
	 * redo would bring back; NULL when there is none. */
	const struct diary_entry *undo;
	const struct diary_entry *redo;
	/* With undo, what that action was: for a session or a correction,
	 * the session's number; the skip's reason for a skip. */
	int undo_session;
	int redo_session;
};

/*
 * Replays the n entries of one exercise and day, in seq order, into *out.
 * The pointers in *out point into e, which must outlive it.
 */
void diary_replay(const struct diary_entry *e, size_t n,
                  struct diary_state *out);
void diary_state_free(struct diary_state *s);

#endif
