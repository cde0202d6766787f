/*
 * The diary (SPEC section 6): the rules of diary_replay in small cases, and
 * a property test. The property test makes random sequences of done, undo,
 * redo, skip and edit through src/record.c on real data files, with the
 * clock moving on (and now and then set back), and answers each one twice:
 * by hep, and by a reference model written here from the SPEC text in
 * another form. The reference keeps, per exercise and day, the stack of
 * whole states the actions made: an action pushes a new state, undo goes
 * back one (keeping the state it left for redo), redo goes forward again,
 * and a new action forgets what redo could bring back. After every step
 * the refusals, the stored sessions and the stored skip must agree; at the
 * end every entry is replayed from scratch (store_verify) and the diary is
 * exported as JSON and imported into an empty file, whose state must be
 * the same, row for row.
 *
 * Environment knobs: HEP_PROP_CASE=N runs case N only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hep/backup.h"
#include "hep/context.h"
#include "hep/diary.h"
#include "hep/record.h"
#include "hep/store.h"

/* ---- a legacy diary in small cases ------------------------------------ */

/*
 * The cases of the diary's rules before identities (SPEC 6.1 as it was):
 * entries in their old order, given ids, stamps in that order and targets
 * as a migration gives them (diary_legacy_targets), then replayed by the
 * rules of SPEC 6.2: what stood then stands now.
 */
static struct diary_entry entry(int64_t seq, enum entry_kind kind, int64_t made)
{
	struct diary_entry e = {0};
	e.seq = seq;
	e.kind = kind;
	strcpy(e.exercise, "a");
	e.made_utc = made;
	e.pain = e.pain_before = e.old_pain = e.old_pain_before = -1;
	e.effort = e.old_effort = -1;
	return e;
}

static void legacy(struct diary_entry *e, size_t n, struct diary_state *s)
{
	for (size_t i = 0; i < n; i++) {
		snprintf(e[i].id, sizeof e[i].id, "%016llx",
		         (unsigned long long)e[i].seq);
		e[i].stamp = e[i].seq * 1000;
	}
	diary_legacy_targets(e, n);
	diary_replay(e, n, s);
}

static void undo_and_redo_are_last_in_first_out(void **state)
{
	(void)state;
	struct diary_entry e[8];
	e[0] = entry(1, ENTRY_SESSION, 100);
	e[0].pain = 3;
	e[1] = entry(2, ENTRY_SESSION, 200);
	e[2] = entry(3, ENTRY_CORRECTION, 300);
	e[2].session = 1;
	e[2].fixes = FIX_PAIN;
	e[2].pain = 5;
	e[2].old_pain = 3;
	e[3] = entry(4, ENTRY_UNDO, 400); /* the correction */
	e[4] = entry(5, ENTRY_UNDO, 500); /* session 2 */
	struct diary_state s;
	legacy(e, 5, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_int_equal(s.sessions[0].pain, 3);
	assert_ptr_equal(s.undo, &e[0]);
	assert_int_equal(s.undo_session, 1);
	assert_ptr_equal(s.redo, &e[1]); /* the last taken back first */
	assert_int_equal(s.redo_session, 2);
	diary_state_free(&s);
	e[5] = entry(6, ENTRY_REDO, 600);
	e[6] = entry(7, ENTRY_REDO, 700);
	legacy(e, 7, &s);
	assert_int_equal(s.n_sessions, 2);
	assert_int_equal(s.sessions[0].pain, 5);
	assert_null(s.redo);
	assert_ptr_equal(s.undo, &e[2]);
	diary_state_free(&s);
	/* A new action forgets what redo could bring back. */
	e[5] = entry(6, ENTRY_SKIP, 600);
	e[5].reason = SKIP_REST;
	e[6] = entry(7, ENTRY_REDO, 700);
	legacy(e, 7, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_non_null(s.skip);
	assert_null(s.redo);
	diary_state_free(&s);
}

static void a_withdrawal_goes_with_its_session(void **state)
{
	(void)state;
	struct diary_entry e[6];
	e[0] = entry(1, ENTRY_SKIP, 100);
	e[0].reason = SKIP_TIME;
	e[1] = entry(2, ENTRY_SESSION, 200);
	e[2] = entry(3, ENTRY_WITHDRAW, 200);
	e[2].reason = SKIP_TIME;
	struct diary_state s;
	legacy(e, 3, &s);
	assert_null(s.skip);
	assert_ptr_equal(s.withdrawn, &e[0]);
	assert_int_equal(s.n_sessions, 1);
	assert_ptr_equal(s.undo, &e[1]);
	diary_state_free(&s);
	e[3] = entry(4, ENTRY_UNDO, 300); /* the session and its withdrawal */
	legacy(e, 4, &s);
	assert_int_equal(s.n_sessions, 0);
	assert_ptr_equal(s.skip, &e[0]);
	assert_null(s.withdrawn);
	diary_state_free(&s);
	e[4] = entry(5, ENTRY_REDO, 400);
	legacy(e, 5, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_null(s.skip);
	diary_state_free(&s);
}

static void sessions_stand_in_logged_order(void **state)
{
	(void)state;
	/* A clock set back: the second entry was logged first. */
	struct diary_entry e[3];
	e[0] = entry(1, ENTRY_SESSION, 500);
	e[0].pain = 1;
	e[1] = entry(2, ENTRY_SESSION, 100);
	e[1].pain = 2;
	e[2] = entry(3, ENTRY_CORRECTION, 600);
	e[2].session = 2; /* as numbered then: the one logged at 500 */
	e[2].fixes = FIX_NOTE;
	e[2].note = "x";
	struct diary_state s;
	legacy(e, 3, &s);
	assert_int_equal(s.n_sessions, 2);
	assert_int_equal(s.sessions[0].pain, 2);
	assert_int_equal(s.sessions[1].pain, 1);
	assert_string_equal(s.sessions[1].note, "x");
	assert_null(s.sessions[0].note);
	diary_state_free(&s);
	/* Undo of the second entry: the first-numbered session goes. */
	struct diary_entry u[3] = {e[0], e[1], entry(3, ENTRY_UNDO, 700)};
	legacy(u, 3, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_int_equal(s.sessions[0].pain, 1);
	assert_int_equal(s.redo_session, 1);
	diary_state_free(&s);
}

/* Diaries of two machines merged: the number a correction gives may name
 * another session now; the one holding the replaced values is meant. */
static void a_merged_correction_finds_its_session(void **state)
{
	(void)state;
	struct diary_entry e[3];
	e[0] = entry(1, ENTRY_SESSION, 700); /* this machine, 07:00 */
	e[0].pain = 1;
	e[1] = entry(2, ENTRY_SESSION, 800); /* the other, 08:00 ... */
	e[1].pain = 2;
	e[2] = entry(3, ENTRY_CORRECTION, 900); /* ... its session 1 */
	e[2].session = 1;
	e[2].fixes = FIX_PAIN;
	e[2].pain = 9;
	e[2].old_pain = 2;
	struct diary_state s;
	legacy(e, 3, &s);
	assert_int_equal(s.n_sessions, 2);
	assert_int_equal(s.sessions[0].pain, 1);
	assert_int_equal(s.sessions[1].pain, 9);
	diary_state_free(&s);
	/* Neither named one holds it: the latest logged before the
	 * correction that does. */
	e[2].session = 3;
	legacy(e, 3, &s);
	assert_int_equal(s.sessions[0].pain, 1);
	assert_int_equal(s.sessions[1].pain, 9);
	diary_state_free(&s);
	/* Both hold it: the one named. */
	e[0].pain = 2;
	e[2].session = 1;
	legacy(e, 3, &s);
	assert_int_equal(s.sessions[0].pain, 9);
	assert_int_equal(s.sessions[1].pain, 2);
	diary_state_free(&s);
}

static void what_cannot_apply_changes_nothing(void **state)
{
	(void)state;
	/* Entries a merge of back-ups could line up oddly: an undo with
	 * nothing standing, a redo with nothing taken back, a correction of a
	 * session that does not stand, an unknown kind. */
	struct diary_entry e[5];
	e[0] = entry(1, ENTRY_UNDO, 100);
	e[1] = entry(2, ENTRY_REDO, 100);
	e[2] = entry(3, ENTRY_CORRECTION, 100);
	e[2].session = 4;
	e[2].fixes = FIX_PAIN;
	e[2].pain = 9;
	e[3] = entry(4, ENTRY_KINDS, 100);
	e[4] = entry(5, ENTRY_SESSION, 200);
	struct diary_state s;
	legacy(e, 5, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_int_equal(s.sessions[0].pain, -1);
	assert_ptr_equal(s.undo, &e[4]);
	diary_state_free(&s);
}

/* ---- the rules of SPEC 6.2: identities and stamps ------------------------ */

/* An entry with its identity: id "<n>" padded, stamp as given. */
static struct diary_entry made(int n, enum entry_kind kind, int64_t stamp,
                               const char *target)
{
	struct diary_entry e = entry(n, kind, stamp / 1000);
	snprintf(e.id, sizeof e.id, "%016d", n);
	e.stamp = stamp;
	if (target)
		snprintf(e.target, sizeof e.target, "%016d", atoi(target));
	return e;
}

/* Replays e in every order of its first n! arrangements (n <= 6) and
 * checks each gives the same sessions (by id, pain, effort) and skip. */
static void same_in_any_order(struct diary_entry *e, size_t n)
{
	struct diary_state want;
	diary_replay(e, n, &want);
	struct diary_entry p[6];
	size_t idx[6];
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (int round = 0; round < 720; round++) {
		/* The next permutation (lexicographic), else done. */
		for (size_t i = 0; i < n; i++)
			p[i] = e[idx[i]];
		struct diary_state got;
		diary_replay(p, n, &got);
		assert_int_equal(got.n_sessions, want.n_sessions);
		for (size_t i = 0; i < got.n_sessions; i++) {
			assert_string_equal(got.sessions[i].entry->id,
			                    want.sessions[i].entry->id);
			assert_int_equal(got.sessions[i].pain,
			                 want.sessions[i].pain);
			assert_int_equal(got.sessions[i].effort,
			                 want.sessions[i].effort);
		}
		assert_true(!got.skip == !want.skip);
		if (got.skip)
			assert_string_equal(got.skip->id, want.skip->id);
		diary_state_free(&got);
		size_t k = n - 1;
		while (k > 0 && idx[k - 1] > idx[k])
			k--;
		if (k == 0)
			break;
		size_t j = n - 1;
		while (idx[j] < idx[k - 1])
			j--;
		size_t x = idx[k - 1];
		idx[k - 1] = idx[j];
		idx[j] = x;
		for (size_t a = k, b = n - 1; a < b; a++, b--) {
			x = idx[a];
			idx[a] = idx[b];
			idx[b] = x;
		}
	}
	diary_state_free(&want);
}

/* The merge the trial found wrong: the laptop's S0 and its undo, the
 * desktop's S1; whatever the order they arrive in, S1 stands. */
static void an_undo_takes_back_its_own_target(void **state)
{
	(void)state;
	struct diary_entry e[3] = {
	    made(1, ENTRY_SESSION, 1000, NULL), /* laptop: S0 */
	    made(2, ENTRY_SESSION, 3000, NULL), /* desktop: S1 */
	    made(3, ENTRY_UNDO, 5000, "1"),     /* laptop: undo of S0 */
	};
	struct diary_state s;
	diary_replay(e, 3, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_string_equal(s.sessions[0].entry->id, e[1].id);
	assert_int_equal(s.status[0], STATUS_TAKEN_BACK);
	assert_int_equal(s.status[1], STATUS_STANDING);
	diary_state_free(&s);
	same_in_any_order(e, 3);
	/* An undo whose target is not here acts on nothing. */
	struct diary_entry lone[2] = {made(2, ENTRY_SESSION, 3000, NULL),
	                              made(3, ENTRY_UNDO, 5000, "1")};
	diary_replay(lone, 2, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_int_equal(s.status[1], STATUS_INERT);
	diary_state_free(&s);
}

/* Undo and redo by stamps: the latest event on an action decides; redo
 * brings back the latest undo later than every action; a redo taken back
 * by a later undo of the same action. */
static void undo_and_redo_by_stamps(void **state)
{
	(void)state;
	struct diary_entry e[6] = {
	    made(1, ENTRY_SESSION, 1000, NULL),
	    made(2, ENTRY_SESSION, 2000, NULL),
	    made(3, ENTRY_UNDO, 3000, "2"),
	    made(4, ENTRY_UNDO, 4000, "1"),
	    made(5, ENTRY_REDO, 5000, "4"),
	    made(6, ENTRY_UNDO, 6000, "1"),
	};
	struct diary_state s;
	diary_replay(e, 4, &s);
	assert_int_equal(s.n_sessions, 0);
	assert_ptr_equal(s.redo, &e[0]); /* last undone, first redone */
	assert_ptr_equal(s.redo_undo, &e[3]);
	diary_state_free(&s);
	diary_replay(e, 5, &s);
	assert_int_equal(s.n_sessions, 1);
	assert_ptr_equal(s.redo, &e[1]);
	assert_ptr_equal(s.undo, &e[0]);
	assert_int_equal(s.status[3], STATUS_TAKEN_BACK); /* redone */
	diary_state_free(&s);
	diary_replay(e, 6, &s);
	assert_int_equal(s.n_sessions, 0);
	assert_int_equal(s.status[4], STATUS_TAKEN_BACK); /* undone again */
	assert_ptr_equal(s.redo_undo, &e[5]);
	diary_state_free(&s);
	same_in_any_order(e, 6);
	/* A new action empties what redo could bring back. */
	struct diary_entry f[3] = {made(1, ENTRY_SESSION, 1000, NULL),
	                           made(2, ENTRY_UNDO, 2000, "1"),
	                           made(3, ENTRY_SESSION, 3000, NULL)};
	diary_replay(f, 3, &s);
	assert_null(s.redo);
	diary_state_free(&s);
}

/* An advance entry (SPEC 2.2) is an action of its day: undo takes it back
 * as the latest action, redo brings it back, and a session after it is
 * what undo takes first. */
static void an_advance_is_undone_like_an_action(void **state)
{
	(void)state;
	struct diary_entry e[5] = {
	    made(1, ENTRY_SESSION, 1000, NULL),
	    made(2, ENTRY_ADVANCE, 2000, NULL),
	    made(3, ENTRY_UNDO, 3000, "2"),
	    made(4, ENTRY_REDO, 4000, "3"),
	    made(5, ENTRY_SESSION, 5000, NULL),
	};
	e[1].step = 1;
	struct diary_state s;
	diary_replay(e, 2, &s);
	assert_ptr_equal(s.undo, &e[1]); /* the advance, not the session */
	assert_int_equal(s.undo_session, 0);
	assert_int_equal(s.status[1], STATUS_STANDING);
	diary_state_free(&s);
	diary_replay(e, 3, &s);
	assert_int_equal(s.status[1], STATUS_TAKEN_BACK);
	assert_ptr_equal(s.redo, &e[1]);
	assert_ptr_equal(s.undo, &e[0]);
	assert_int_equal(s.n_sessions, 1);
	diary_state_free(&s);
	diary_replay(e, 4, &s);
	assert_int_equal(s.status[1], STATUS_STANDING);
	assert_ptr_equal(s.undo, &e[1]);
	diary_state_free(&s);
	diary_replay(e, 5, &s);
	assert_ptr_equal(s.undo, &e[4]);
	assert_int_equal(s.n_sessions, 2);
	diary_state_free(&s);
	same_in_any_order(e, 5);
	assert_string_equal(entry_kind_name(ENTRY_ADVANCE), "advance");
}

/* Two copies each recorded the last session, or each a skip. */
static void copies_add_up(void **state)
{
	(void)state;
	struct diary_entry e[3] = {made(1, ENTRY_SESSION, 1000, NULL),
	                           made(2, ENTRY_SESSION, 2000, NULL),
	                           made(3, ENTRY_SESSION, 1500, NULL)};
	struct diary_state s;
	diary_replay(e, 3, &s);
	assert_int_equal(s.n_sessions, 3); /* all kept: one extra */
	diary_state_free(&s);
	struct diary_entry k[2] = {made(1, ENTRY_SKIP, 1000, NULL),
	                           made(2, ENTRY_SKIP, 2000, NULL)};
	k[0].reason = SKIP_SICK;
	k[1].reason = SKIP_REST;
	diary_replay(k, 2, &s);
	assert_ptr_equal(s.skip, &k[1]);
	assert_int_equal(s.status[0], STATUS_SUPERSEDED);
	assert_int_equal(s.status[1], STATUS_STANDING);
	diary_state_free(&s);
	same_in_any_order(k, 2);
}

/* A skip that excuses nothing, then a session (from another copy, with no
 * withdrawal): withdrawn; a session, then such a skip: it stands. */
static void a_later_session_withdraws(void **state)
{
	(void)state;
	struct diary_entry e[2] = {made(1, ENTRY_SKIP, 1000, NULL),
	                           made(2, ENTRY_SESSION, 2000, NULL)};
	e[0].reason = SKIP_TRAVEL;
	struct diary_state s;
	diary_replay(e, 2, &s);
	assert_null(s.skip);
	assert_ptr_equal(s.withdrawn, &e[0]);
	assert_int_equal(s.status[0], STATUS_WITHDRAWN);
	diary_state_free(&s);
	e[1].stamp = 500;
	diary_replay(e, 2, &s);
	assert_ptr_equal(s.skip, &e[0]);
	diary_state_free(&s);
	/* An excused skip is never withdrawn by a session. */
	e[0].reason = SKIP_PAIN;
	e[1].stamp = 2000;
	diary_replay(e, 2, &s);
	assert_ptr_equal(s.skip, &e[0]);
	assert_int_equal(s.n_sessions, 1);
	diary_state_free(&s);
}

/* Corrections: per field, the latest; only while their session stands;
 * undo passes over them once it does not. */
static void corrections_by_field(void **state)
{
	(void)state;
	struct diary_entry e[4] = {
	    made(1, ENTRY_SESSION, 1000, NULL),
	    made(2, ENTRY_CORRECTION, 3000, "1"),
	    made(3, ENTRY_CORRECTION, 2000, "1"),
	    made(4, ENTRY_UNDO, 4000, "1"),
	};
	e[0].pain = 2;
	e[1].fixes = FIX_PAIN;
	e[1].pain = 5;
	e[2].fixes = FIX_PAIN | FIX_NOTE;
	e[2].pain = 7;
	e[2].note = "sore";
	struct diary_state s;
	diary_replay(e, 3, &s);
	assert_int_equal(s.sessions[0].pain, 5); /* the later one's */
	assert_string_equal(s.sessions[0].note, "sore");
	assert_ptr_equal(s.undo, &e[1]);
	assert_int_equal(s.undo_session, 1);
	diary_state_free(&s);
	same_in_any_order(e, 3);
	diary_replay(e, 4, &s);
	assert_int_equal(s.n_sessions, 0);
	assert_null(s.undo);
	assert_int_equal(s.status[1], STATUS_TAKEN_BACK);
	diary_state_free(&s);
}

/* Effort (SPEC 2.2) is corrected like a pain: each correction sets only
 * the fields it names, the latest standing one wins, an undo of it brings
 * back what it replaced, and a correction of the pain leaves the effort. */
static void effort_corrections(void **state)
{
	(void)state;
	struct diary_entry e[5] = {
	    made(1, ENTRY_SESSION, 1000, NULL),
	    made(2, ENTRY_CORRECTION, 2000, "1"),
	    made(3, ENTRY_CORRECTION, 3000, "1"),
	    made(4, ENTRY_CORRECTION, 4000, "1"),
	    made(5, ENTRY_UNDO, 5000, "4"),
	};
	e[0].effort = 6;
	e[0].pain = 1;
	e[1].fixes = FIX_EFFORT;
	e[1].effort = 8;
	e[1].old_effort = 6;
	e[2].fixes = FIX_PAIN;
	e[2].pain = 3;
	e[3].fixes = FIX_EFFORT;
	e[3].effort = -1; /* none */
	e[3].old_effort = 8;
	struct diary_state s;
	diary_replay(e, 4, &s);
	assert_int_equal(s.sessions[0].effort, -1);
	assert_int_equal(s.sessions[0].pain, 3);
	diary_state_free(&s);
	diary_replay(e, 3, &s);
	assert_int_equal(s.sessions[0].effort, 8);
	assert_int_equal(s.sessions[0].pain, 3);
	diary_state_free(&s);
	same_in_any_order(e, 5);
	diary_replay(e, 5, &s); /* the undo takes back "none" */
	assert_int_equal(s.sessions[0].effort, 8);
	assert_int_equal(s.status[3], STATUS_TAKEN_BACK);
	diary_state_free(&s);
	/* The canonical text tells two efforts apart, and an entry without
	 * one keeps the text it had before efforts. */
	char *a = diary_entry_key(&e[1], true);
	e[1].effort = 9;
	char *b = diary_entry_key(&e[1], true);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	struct diary_entry plain = made(6, ENTRY_SESSION, 1000, NULL);
	char *k = diary_entry_key(&plain, true);
	assert_null(strstr(k, "e-1>"));
	assert_int_equal(k[0], '0' + (int)ENTRY_SESSION);
	free(k);
}

/* ---- the reference model ------------------------------------------------- */

#define REF_DAYS  6
#define REF_EX    2
#define REF_MAX   24 /* sessions a state can hold */
#define REF_DEPTH 160
#define NOTE_LEN  24
static const char *const ids[REF_EX] = {"a", "b"};
static const int per_day[REF_EX] = {3, 1};

struct ref_session {
	int64_t made;
	int order; /* creation order, for sessions made the same second */
	bool late;
	int pain, pain_before;
	char note[NOTE_LEN];
};

struct ref_state {
	struct ref_session s[REF_MAX];
	int n;
	enum skip_reason skip;
	int64_t skip_made;
	int skip_pain;
	char skip_note[NOTE_LEN];
};

struct ref_item {
	struct ref_state hist[REF_DEPTH]; /* hist[0] is the empty day */
	int depth;
	struct ref_state redo[REF_DEPTH];
	int n_redo;
};

static struct ref_item model[REF_EX][REF_DAYS];
static int order_counter;
/* What the steps did, told at the end: accepted and refused per command. */
static const char *const step_names[] = {"done", "undo", "redo", "skip",
                                         "edit"};
static int accepted[5], refused[5];

static struct ref_state *cur(struct ref_item *it)
{
	return &it->hist[it->depth];
}

/* A new action: a copy of the current state to change, redo forgotten. */
static struct ref_state *push(struct ref_item *it)
{
	assert_true(it->depth + 1 < REF_DEPTH);
	it->hist[it->depth + 1] = it->hist[it->depth];
	it->depth++;
	it->n_redo = 0;
	return cur(it);
}

static void ref_insert(struct ref_state *st, const struct ref_session *x)
{
	int at = st->n;
	while (at > 0 && (st->s[at - 1].made > x->made ||
	                  (st->s[at - 1].made == x->made &&
	                   st->s[at - 1].order > x->order)))
		at--;
	memmove(&st->s[at + 1], &st->s[at], (size_t)(st->n - at) * sizeof *x);
	st->s[at] = *x;
	st->n++;
}

/* ---- the property test --------------------------------------------------- */

static uint64_t rng;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

static const char rx_text[] =
    "version = 1;\n"
    "program: { title = \"Diary\"; start = \"2026-01-01\"; };\n"
    "exercises = (\n"
    "  { id = \"a\"; name = \"A\"; sets = 1; per_day = 3; },\n"
    "  { id = \"b\"; name = \"B\"; sets = 1; }\n"
    ");\n";

static char dir[256];

static void open_ctx(struct hep_ctx *ctx, const char *path,
                     const struct cal_now *now)
{
	struct rx *rx;
	struct rx_errors errs = {0};
	if (rx_load_buffer("diary.cfg", rx_text, strlen(rx_text), &rx, &errs) !=
	    0)
		fail_msg("%s", errs.n ? errs.msgs[0] : "rx");
	char err[512];
	if (ctx_open(ctx, rx, false, path, now, STORE_WRITE, NULL, err,
	             sizeof err) != 0)
		fail_msg("ctx_open: %s", err);
}

static cal_day day0(void)
{
	cal_day d;
	assert_true(cal_parse_date("2026-01-02", &d));
	return d;
}

/* One standing row of the state, as text, for comparing two stores. */
static int collect_row(void *arg, const struct state_row *r)
{
	FILE *f = arg;
	fprintf(f, "%d %s %lld %d %s %d\n", (int)r->day, r->exercise,
	        (long long)r->logged_utc, r->pain, r->note ? r->note : "-",
	        (int)r->skip);
	return 0;
}

static char *state_text(struct store *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(
	    store_each_row(st, CAL_FIRST, CAL_LAST, collect_row, f), 0);
	fclose(f);
	return buf;
}

static void compare_item(struct hep_ctx *ctx, int x, int d, int step, int kase)
{
	struct ref_state *want = cur(&model[x][d]);
	cal_day day = day0() + d;
	struct session *s;
	size_t n;
	assert_int_equal(store_sessions(ctx->store, ids[x], day, &s, &n), 0);
	if ((int)n != want->n)
		fail_msg("case %d step %d: %s day %d: %zu sessions, the "
		         "reference %d",
		         kase, step, ids[x], d, n, want->n);
	for (size_t i = 0; i < n; i++) {
		const struct ref_session *w = &want->s[i];
		char at[21];
		cal_format_utc(w->made, at);
		if (strcmp(s[i].logged_at, at) != 0 || s[i].late != w->late ||
		    s[i].pain != w->pain ||
		    s[i].pain_before != w->pain_before ||
		    strcmp(s[i].note ? s[i].note : "", w->note) != 0)
			fail_msg("case %d step %d: %s day %d session %zu: %s "
			         "pain %d/%d note '%s', the reference %s pain "
			         "%d/%d note '%s'",
			         kase, step, ids[x], d, i + 1, s[i].logged_at,
			         s[i].pain, s[i].pain_before,
			         s[i].note ? s[i].note : "", at, w->pain,
			         w->pain_before, w->note);
	}
	store_sessions_free(s, n);
	struct tally t;
	bool found;
	assert_int_equal(store_tally_of(ctx->store, ids[x], day, &t, &found),
	                 0);
	enum skip_reason got = found ? t.skip : SKIP_NONE;
	if (got != want->skip)
		fail_msg(
		    "case %d step %d: %s day %d: skip %d, the reference %d",
		    kase, step, ids[x], d, (int)got, (int)want->skip);
}

static void note_of(char *buf, unsigned k)
{
	static const char *const notes[] = {"", "sore", "ok, \"fine\"",
	                                    "knee\nstiff", "膝"};
	snprintf(buf, NOTE_LEN, "%s", notes[k % 5]);
}

/* One random step: the command through record.c, the same in the model. */
static void step(struct hep_ctx *ctx, int kase, int k, int64_t *clock)
{
	/* The clock moves on a little, or now and then back. */
	*clock += rnd(10) == 0 ? -(int64_t)rnd(600) : (int64_t)rnd(200);
	struct cal_now now;
	cal_now_at(*clock, &now);
	char err[512], msg[512];
	assert_int_equal(ctx_refresh(ctx, &now, err, sizeof err), 0);
	int x = (int)rnd(REF_EX), d = (int)rnd(REF_DAYS);
	const char *id = ids[x];
	cal_day day = day0() + d;
	struct ref_item *it = &model[x][d];
	struct ref_state *st = cur(it);
	bool late = ctx->today > day;
	enum record_result r, want = REC_OK;
	char note[NOTE_LEN];
	note_of(note, rnd(7));
	int pain = (int)rnd(12) - 1; /* -1..10 */
	unsigned what = rnd(6);
	switch (what) {
	case 0:
	case 1: { /* done */
		int before = (int)rnd(12) - 1;
		bool excused = skip_excused(st->skip);
		if (st->n >= per_day[x] || (excused && st->n < per_day[x]))
			want = REC_REFUSED;
		r = record_done(ctx, id, day, pain, before, note, msg,
		                sizeof msg);
		if (want == REC_OK) {
			struct ref_state *n = push(it);
			struct ref_session s = {*clock, order_counter++, late,
			                        pain,   before,          ""};
			snprintf(s.note, sizeof s.note, "%s", note);
			ref_insert(n, &s);
			if (n->skip != SKIP_NONE) /* excuses nothing here */
				n->skip = SKIP_NONE;
		}
		break;
	}
	case 2: /* undo */
		if (it->depth == 0)
			want = REC_REFUSED;
		r = record_undo(ctx, id, day, msg, sizeof msg);
		if (want == REC_OK) {
			it->redo[it->n_redo++] = *st;
			it->depth--;
		}
		break;
	case 3: /* redo */
		if (it->n_redo == 0)
			want = REC_REFUSED;
		r = record_redo(ctx, id, day, msg, sizeof msg);
		if (want == REC_OK)
			it->hist[++it->depth] = it->redo[--it->n_redo];
		break;
	case 4: { /* skip */
		static const enum skip_reason reasons[] = {
		    SKIP_REST, SKIP_PAIN, SKIP_SICK, SKIP_TRAVEL, SKIP_TIME};
		enum skip_reason why = reasons[rnd(5)];
		if (st->skip != SKIP_NONE || st->n >= per_day[x])
			want = REC_REFUSED;
		r = record_skip(ctx, id, day, why, pain, note, msg, sizeof msg);
		if (want == REC_OK) {
			struct ref_state *n = push(it);
			n->skip = why;
			n->skip_made = *clock;
			n->skip_pain = pain;
			snprintf(n->skip_note, sizeof n->skip_note, "%s", note);
		}
		break;
	}
	default: { /* edit */
		struct record_fix fix = {(int)rnd(4),      0,    pain,
		                         (int)rnd(12) - 1, note, -1};
		fix.fixes = 1 + (int)rnd(FIX_PAIN | FIX_PAIN_BEFORE | FIX_NOTE);
		int which = fix.session ? fix.session : st->n;
		if (st->n == 0 || which > st->n) {
			want = REC_REFUSED;
			r = record_edit(ctx, id, day, &fix, msg, sizeof msg);
			break;
		}
		struct ref_session s = st->s[which - 1];
		if (fix.fixes & FIX_PAIN)
			s.pain = fix.pain;
		if (fix.fixes & FIX_PAIN_BEFORE)
			s.pain_before = fix.pain_before;
		if (fix.fixes & FIX_NOTE)
			snprintf(s.note, sizeof s.note, "%s", note);
		bool same = s.pain == st->s[which - 1].pain &&
		            s.pain_before == st->s[which - 1].pain_before &&
		            strcmp(s.note, st->s[which - 1].note) == 0;
		r = record_edit(ctx, id, day, &fix, msg, sizeof msg);
		if (!same)
			push(it)->s[which - 1] = s;
		break;
	}
	}
	int cmd = what <= 1 ? 0 : (int)what - 1;
	(r == REC_OK ? accepted : refused)[cmd]++;
	if (r != want)
		fail_msg("case %d step %d: %s day %d: hep said %d (%s), the "
		         "reference %d",
		         kase, k, id, d, (int)r, msg, (int)want);
	compare_item(ctx, x, d, k, kase);
}

static void random_sequences(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/hep-test-diary-XXXXXX");
	assert_non_null(mkdtemp(dir));
	const char *only = getenv("HEP_PROP_CASE");
	/* HEP_PROP_CASES: fewer cases where every step costs fifty times as
	 * much (valgrind); the sequences are the same, the first ones. */
	const char *count = getenv("HEP_PROP_CASES");
	int cases = count && atoi(count) > 0 ? atoi(count) : 40, steps = 150;
	for (int kase = 0; kase < cases; kase++) {
		if (only && atoi(only) != kase)
			continue;
		rng = 0x9E3779B97F4A7C15ULL ^ (uint64_t)(kase + 1);
		memset(model, 0, sizeof model);
		order_counter = 0;
		char path[300], copy[300], backup[300];
		snprintf(path, sizeof path, "%s/%d.db", dir, kase);
		snprintf(copy, sizeof copy, "%s/%d-replayed.db", dir, kase);
		snprintf(backup, sizeof backup, "%s/%d.json", dir, kase);
		int64_t clock = 1767946200; /* 2026-01-09T08:10Z */
		struct cal_now now;
		cal_now_at(clock, &now);
		struct hep_ctx ctx;
		open_ctx(&ctx, path, &now);
		for (int k = 0; k < steps; k++)
			step(&ctx, kase, k, &clock);
		/* Replayed from scratch, the entries give what is stored. */
		if (store_verify(ctx.store) != 0)
			fail_msg("case %d: %s", kase, store_error(ctx.store));
		/* ... and so does a JSON back-up imported into an empty file.
		 */
		FILE *f = fopen(backup, "w");
		char msg[512];
		assert_int_equal(backup_export(&ctx, f, true, msg, sizeof msg),
		                 0);
		fclose(f);
		struct hep_ctx other;
		open_ctx(&other, copy, &ctx.now);
		struct rx_errors errs = {0};
		bool csv;
		if (backup_import(&other, backup, false, &errs, msg, sizeof msg,
		                  &csv) != 0)
			fail_msg("case %d: import: %s", kase,
			         errs.n ? errs.msgs[0] : "?");
		char *a = state_text(ctx.store), *b = state_text(other.store);
		if (strcmp(a, b) != 0)
			fail_msg(
			    "case %d: the imported state differs:\n%s\n--\n%s",
			    kase, a, b);
		assert_int_equal(store_verify(other.store), 0);
		/* Imported again (a merge now), it adds nothing. */
		if (backup_import(&other, backup, false, &errs, msg, sizeof msg,
		                  &csv) != 0)
			fail_msg("case %d: import again: %s", kase,
			         errs.n ? errs.msgs[0] : "?");
		if (!strstr(msg, "imported 0 rows"))
			fail_msg("case %d: the second import said: %s", kase,
			         msg);
		free(b);
		b = state_text(other.store);
		if (strcmp(a, b) != 0)
			fail_msg("case %d: a second import changed the state",
			         kase);
		free(a);
		free(b);
		ctx_close(&other);
		ctx_close(&ctx);
	}
	printf("random_sequences:");
	for (int i = 0; i < 5; i++)
		printf(" %s %d (refused %d)", step_names[i], accepted[i],
		       refused[i]);
	printf("\n");
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* diary_entry_keep: the texts become the entry's own (they outlive the
 * buffers they were read from), and drop frees them. */
static void an_entry_keeps_its_own_texts(void **state)
{
	(void)state;
	char note[] = "sore", old[] = "fine";
	struct diary_entry e = {.note = note, .old_note = old};
	diary_entry_keep(&e);
	note[0] = old[0] = 'X';
	assert_string_equal(e.note, "sore");
	assert_string_equal(e.old_note, "fine");
	assert_null(e.items);
	assert_non_null(e.owned);
	diary_entry_drop(&e);
	assert_null(e.note);
	assert_null(e.owned);
	struct diary_entry none = {0};
	diary_entry_keep(&none);
	assert_null(none.owned);
	diary_entry_drop(&none);
}

/* ---- the missed-day pointer (SPEC section 5) -------------------------- */

static const char missed_rx[] =
    "version = 1;\n"
    "program: { title = \"Missed\"; start = \"2026-01-05\";\n"
    "           week_starts = \"monday\"; };\n"
    "exercises = ( { id = \"a\"; name = \"A\"; sets = 1; per_day = 2; } );\n";

/* The context at 08:10 UTC on date. */
static void missed_at(struct hep_ctx *ctx, const char *date)
{
	cal_day d;
	assert_true(cal_parse_date(date, &d));
	struct cal_now now;
	cal_now_at((int64_t)d * 86400 + 8 * 3600 + 600,
	           &now); /* days since 1970 */
	char err[512];
	assert_int_equal(ctx_refresh(ctx, &now, err, sizeof err), 0);
}

/* n sessions of "a" on date, logged late. */
static void missed_done(struct hep_ctx *ctx, const char *date, int n)
{
	cal_day d;
	assert_true(cal_parse_date(date, &d));
	char msg[512];
	for (int i = 0; i < n; i++)
		assert_int_equal(
		    record_done(ctx, "a", d, -1, -1, NULL, msg, sizeof msg),
		    REC_OK);
}

/* The pointer goes to the latest day that needs filling in, and across
 * the start of a week; it is said once a day. */
static void the_missed_day_is_the_latest(void **state)
{
	(void)state;
	char tmp[] = "/tmp/hep-test-missed-XXXXXX", path[300];
	assert_non_null(mkdtemp(tmp));
	snprintf(path, sizeof path, "%s/m.db", tmp);
	struct rx *rx;
	struct rx_errors errs = {0};
	assert_int_equal(rx_load_buffer("missed.cfg", missed_rx,
	                                strlen(missed_rx), &rx, &errs),
	                 0);
	struct cal_now now;
	cal_now_at(0, &now);
	char err[512];
	struct hep_ctx ctx;
	if (ctx_open(&ctx, rx, false, path, &now, STORE_WRITE, NULL, err,
	             sizeof err) != 0)
		fail_msg("ctx_open: %s", err);
	/* Saturday 10 Jan: Tuesday partly done, Friday not at all. */
	missed_at(&ctx, "2026-01-10");
	missed_done(&ctx, "2026-01-05", 2);
	missed_done(&ctx, "2026-01-06", 1);
	missed_done(&ctx, "2026-01-07", 2);
	missed_done(&ctx, "2026-01-08", 2);
	missed_at(&ctx, "2026-01-10");
	struct missed_day m;
	assert_true(ctx_missed_day(&ctx, &m));
	cal_day want;
	assert_true(cal_parse_date("2026-01-09", &want));
	assert_int_equal(m.day, want);
	assert_int_equal(m.status, DAY_MISSED);
	assert_int_equal(m.back, 1);
	/* Friday filled in: Tuesday, four days back. */
	missed_done(&ctx, "2026-01-09", 2);
	missed_at(&ctx, "2026-01-10");
	assert_true(ctx_missed_day(&ctx, &m));
	assert_int_equal(m.day, want - 3);
	assert_int_equal(m.status, DAY_PARTIAL);
	assert_int_equal(m.back, 4);
	/* Monday 12 Jan: Saturday, last week's, is still pointed to. */
	missed_at(&ctx, "2026-01-12");
	missed_done(&ctx, "2026-01-11", 2);
	missed_at(&ctx, "2026-01-12");
	assert_true(ctx_missed_day(&ctx, &m));
	assert_int_equal(m.day, want + 1);
	assert_int_equal(m.back, 2);
	assert_true(m.note);
	/* Said once a day. */
	ctx_note_missed_said(&ctx);
	assert_false(ctx_missed_day(&ctx, &m));
	/* A week on, the days left are more than seven back. */
	missed_at(&ctx, "2026-01-20");
	missed_done(&ctx, "2026-01-19", 2);
	missed_done(&ctx, "2026-01-18", 2);
	missed_done(&ctx, "2026-01-17", 2);
	missed_done(&ctx, "2026-01-16", 2);
	missed_done(&ctx, "2026-01-15", 2);
	missed_done(&ctx, "2026-01-14", 2);
	missed_done(&ctx, "2026-01-13", 2);
	missed_at(&ctx, "2026-01-20");
	assert_false(ctx_missed_day(&ctx, &m));
	ctx_close(&ctx);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(an_entry_keeps_its_own_texts),
	    cmocka_unit_test(undo_and_redo_are_last_in_first_out),
	    cmocka_unit_test(an_advance_is_undone_like_an_action),
	    cmocka_unit_test(a_withdrawal_goes_with_its_session),
	    cmocka_unit_test(sessions_stand_in_logged_order),
	    cmocka_unit_test(a_merged_correction_finds_its_session),
	    cmocka_unit_test(what_cannot_apply_changes_nothing),
	    cmocka_unit_test(an_undo_takes_back_its_own_target),
	    cmocka_unit_test(undo_and_redo_by_stamps),
	    cmocka_unit_test(copies_add_up),
	    cmocka_unit_test(a_later_session_withdraws),
	    cmocka_unit_test(corrections_by_field),
	    cmocka_unit_test(effort_corrections),
	    cmocka_unit_test(random_sequences),
	    cmocka_unit_test(the_missed_day_is_the_latest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
