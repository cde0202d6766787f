/*
 * The diary's rules before entries had identities (SPEC 6.1 as it was),
 * kept for one purpose: to give the entries of a legacy diary (a data file
 * of schema 7 or older, a back-up without ids) the targets those rules
 * gave them (SPEC section 6.2), so that what stood then stands now.
 * Entries are in their old order (by seq, or as a back-up lists them).
 */
#include <stdlib.h>
#include <string.h>

#include "hep/diary.h"
#include "hep/util.h"

/* What stood under the old rules (the old struct diary_state); a session
 * stood as it does now (struct diary_session). */
struct legacy_state {
	struct diary_session *sessions;
	size_t n_sessions;
	const struct diary_entry *skip;
	const struct diary_entry *withdrawn;
	const struct diary_entry *undo;
	const struct diary_entry *redo;
	int undo_session;
	int redo_session;
};

/* An action: entries first..last of the day's list (a session and the
 * withdrawal it made are one action). */
struct action {
	size_t first, last;
};

/* A stack of action numbers. */
struct stack {
	size_t *v;
	size_t n;
};

static void push(struct stack *s, size_t a)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = a;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Sessions stand in the order of their logged time, then of their entry. */
static bool before(const struct diary_entry *a, const struct diary_entry *b)
{
	return a->made_utc != b->made_utc ? a->made_utc < b->made_utc
	                                  : a->seq < b->seq;
}

static void add_session(struct legacy_state *st, const struct diary_entry *e)
{
	diary_session_insert(&st->sessions, &st->n_sessions, e, before);
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether s holds what correction e replaces. */
static bool holds_replaced(const struct diary_session *s,
                           const struct diary_entry *e)
{
	return (!(e->fixes & FIX_PAIN) || s->pain == e->old_pain) &&
	       (!(e->fixes & FIX_PAIN_BEFORE) ||
	        s->pain_before == e->old_pain_before) &&
	       (!(e->fixes & FIX_EFFORT) || s->effort == e->old_effort) &&
	       (!(e->fixes & FIX_NOTE) || same_text(s->note, e->old_note));
}

/*
 * The session correction e corrects: the one it names by number, which in
 * one file's own diary always holds the values the correction replaces.
 * Where diaries of two machines were merged, the numbers of that day may
 * have moved: then the session that holds the replaced values, the latest
 * one logged before the correction was made, is the one meant.
 */
static struct diary_session *corrected(struct legacy_state *st,
                                       const struct diary_entry *e)
{
	size_t n = (size_t)(e->session > 0 ? e->session : 0);
	struct diary_session *named =
	    n >= 1 && n <= st->n_sessions ? &st->sessions[n - 1] : NULL;
	if (named && holds_replaced(named, e))
		return named;
	struct diary_session *best = NULL;
	for (size_t i = 0; i < st->n_sessions; i++) {
		struct diary_session *s = &st->sessions[i];
		if (!holds_replaced(s, e))
			continue;
		bool before = s->entry->made_utc <= e->made_utc;
		if (!best ||
		    (before && (best->entry->made_utc > e->made_utc ||
		                s->entry->made_utc >= best->entry->made_utc)))
			best = s;
	}
	return best ? best : named;
}

static void apply(struct legacy_state *st, const struct diary_entry *e)
{
	switch (e->kind) {
	case ENTRY_SESSION:
		add_session(st, e);
		break;
	case ENTRY_SKIP:
		st->skip = e;
		st->withdrawn = NULL;
		break;
	case ENTRY_WITHDRAW:
		if (st->skip) {
			st->withdrawn = st->skip;
			st->skip = NULL;
		}
		break;
	case ENTRY_CORRECTION: {
		struct diary_session *s = corrected(st, e);
		if (!s)
			break;
		if (e->fixes & FIX_PAIN)
			s->pain = e->pain;
		if (e->fixes & FIX_PAIN_BEFORE)
			s->pain_before = e->pain_before;
		if (e->fixes & FIX_EFFORT)
			s->effort = e->effort;
		if (e->fixes & FIX_NOTE)
			s->note = e->note;
		break;
	}
	default:
		break;
	}
}

/* The session number (or 0) an action stands for in the state. */
static int action_session(const struct legacy_state *st,
                          const struct diary_entry *first)
{
	if (first->kind == ENTRY_CORRECTION)
		return first->session;
	for (size_t i = 0; first->kind == ENTRY_SESSION && i < st->n_sessions;
	     i++)
		if (st->sessions[i].entry == first)
			return (int)i + 1;
	return first->kind == ENTRY_SESSION ? first->session : 0;
}

/* The number the action starting at first would stand as once redone. */
static int redo_session(const struct legacy_state *st,
                        const struct diary_entry *first)
{
	if (first->kind == ENTRY_CORRECTION)
		return first->session;
	if (first->kind != ENTRY_SESSION)
		return 0;
	int n = 1;
	for (size_t i = 0; i < st->n_sessions; i++)
		n += before(st->sessions[i].entry, first);
	return n;
}

static void legacy_replay(const struct diary_entry *e, size_t n,
                          struct legacy_state *out)
{
	memset(out, 0, sizeof *out);
	struct action *acts = xcalloc(n ? n : 1, sizeof *acts);
	size_t n_acts = 0;
	struct stack standing = {0}, undone = {0};
	for (size_t i = 0; i < n; i++) {
		/* A withdrawal is part of the session just before it. */
		if (e[i].kind == ENTRY_WITHDRAW && standing.n > 0 &&
		    acts[standing.v[standing.n - 1]].last == i - 1 &&
		    e[i - 1].kind == ENTRY_SESSION) {
			acts[standing.v[standing.n - 1]].last = i;
			continue;
		}
		switch (e[i].kind) {
		case ENTRY_WITHDRAW: /* one made alone */
		case ENTRY_SESSION:
		case ENTRY_SKIP:
		case ENTRY_CORRECTION:
			acts[n_acts] = (struct action){i, i};
			push(&standing, n_acts++);
			undone.n = 0;
			break;
		case ENTRY_UNDO:
			if (standing.n > 0)
				push(&undone, standing.v[--standing.n]);
			break;
		case ENTRY_REDO:
			if (undone.n > 0)
				push(&standing, undone.v[--undone.n]);
			break;
		default:
			break;
		}
	}
	/* What stands, applied in the order it was first written. */
	size_t *order = xcalloc(standing.n ? standing.n : 1, sizeof *order);
	if (standing.n)
		memcpy(order, standing.v, standing.n * sizeof *order);
	qsort(order, standing.n, sizeof *order, cmp_size);
	for (size_t k = 0; k < standing.n; k++)
		for (size_t i = acts[order[k]].first; i <= acts[order[k]].last;
		     i++)
			apply(out, &e[i]);
	if (standing.n > 0) {
		out->undo = &e[acts[standing.v[standing.n - 1]].first];
		out->undo_session = action_session(out, out->undo);
	}
	if (undone.n > 0) {
		out->redo = &e[acts[undone.v[undone.n - 1]].first];
		out->redo_session = redo_session(out, out->redo);
	}
	free(order);
	free(standing.v);
	free(undone.v);
	free(acts);
}

static void legacy_free(struct legacy_state *s)
{
	free(s->sessions);
	memset(s, 0, sizeof *s);
}

/* The id of from into to ("" for none). */
static void copy_id(entry_id to, const struct diary_entry *from)
{
	if (from)
		memcpy(to, from->id, ENTRY_ID_LEN + 1);
	else
		to[0] = '\0';
}

void diary_legacy_targets(struct diary_entry *e, size_t n)
{
	/* undo_of[i]: the undo that last took back the action starting at
	 * e[i], for the redo that brings it back. */
	size_t *undo_of = xcalloc(n ? n : 1, sizeof *undo_of);
	for (size_t i = 0; i < n; i++) {
		undo_of[i] = (size_t)-1;
		e[i].target[0] = e[i].by[0] = '\0';
		if (e[i].kind != ENTRY_UNDO && e[i].kind != ENTRY_REDO &&
		    e[i].kind != ENTRY_CORRECTION &&
		    e[i].kind != ENTRY_WITHDRAW)
			continue;
		/* What stood just before it, as the old rules had it. */
		struct legacy_state st;
		legacy_replay(e, i, &st);
		if (e[i].kind == ENTRY_UNDO && st.undo) {
			undo_of[st.undo - e] = i;
			copy_id(e[i].target, st.undo);
		} else if (e[i].kind == ENTRY_REDO && st.redo &&
		           undo_of[st.redo - e] != (size_t)-1) {
			copy_id(e[i].target, &e[undo_of[st.redo - e]]);
		} else if (e[i].kind == ENTRY_CORRECTION) {
			struct diary_session *s = corrected(&st, &e[i]);
			copy_id(e[i].target, s ? s->entry : NULL);
		} else if (e[i].kind == ENTRY_WITHDRAW && st.skip && i > 0 &&
		           e[i - 1].kind == ENTRY_SESSION) {
			/* A withdrawal made with the session just before it. */
			copy_id(e[i].target, st.skip);
			copy_id(e[i].by, &e[i - 1]);
		}
		legacy_free(&st);
	}
	free(undo_of);
	/* A skip that excuses nothing the old rules kept standing beside a
	 * later session (a file of the days before withdrawals, schema 3,
	 * or a row of the state): ordered after that session, so that it
	 * stands as it did (a later session withdraws such a skip now). */
	struct legacy_state fin;
	legacy_replay(e, n, &fin);
	if (fin.skip && !skip_excused(fin.skip->reason)) {
		int64_t last = INT64_MIN;
		for (size_t i = 0; i < fin.n_sessions; i++)
			if (fin.sessions[i].entry->stamp > last)
				last = fin.sessions[i].entry->stamp;
		if (last >= fin.skip->stamp)
			e[fin.skip - e].stamp = last + 1;
	}
	legacy_free(&fin);
}
