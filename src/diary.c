#include "hep/diary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

/* ---- names -------------------------------------------------------------- */

/* Every reason once (SPEC section 3): the names the command line, the
 * store, the back-up and the screens use, and whether it excuses. */
static const struct {
	const char *name;
	bool excused;
} reasons[] = {
    [SKIP_NONE] = {NULL, false},       [SKIP_REST] = {"rest", true},
    [SKIP_PAIN] = {"pain", true},      [SKIP_SICK] = {"sick", true},
    [SKIP_TRAVEL] = {"travel", false}, [SKIP_TIME] = {"time", false},
    [SKIP_OTHER] = {"other", false},
};

#define N_REASONS (sizeof reasons / sizeof *reasons)

bool skip_excused(enum skip_reason r)
{
	return reasons[r].excused;
}

const char *skip_reason_name(enum skip_reason r)
{
	return reasons[r].name;
}

bool skip_reason_parse(const char *s, enum skip_reason *out)
{
	for (size_t i = SKIP_NONE + 1; i < N_REASONS; i++) {
		if (strcmp(s, reasons[i].name) == 0) {
			*out = (enum skip_reason)i;
			return true;
		}
	}
	return false;
}

char *skip_reasons_text(const char *sep, const char *last, char *buf,
                        size_t size)
{
	buf[0] = '\0';
	for (size_t i = SKIP_NONE + 1; i < N_REASONS; i++)
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%s",
		       i == SKIP_NONE + 1  ? ""
		       : i + 1 < N_REASONS ? sep
		                           : last,
		       reasons[i].name);
	return buf;
}

static const char *const kind_names[ENTRY_KINDS] = {
    [ENTRY_SESSION] = "session",
    [ENTRY_SKIP] = "skip",
    [ENTRY_UNDO] = "undo",
    [ENTRY_REDO] = "redo",
    [ENTRY_CORRECTION] = "correction",
    [ENTRY_WITHDRAW] = "withdraw",
    [ENTRY_MEASURE] = "measure",
    [ENTRY_PSFS] = "psfs",
    [ENTRY_ADVANCE] = "advance",
};

bool entry_is_outcome(enum entry_kind k)
{
	return k == ENTRY_MEASURE || k == ENTRY_PSFS;
}

const char *entry_kind_name(enum entry_kind k)
{
	return kind_names[k];
}

bool entry_kind_parse(const char *s, enum entry_kind *out)
{
	for (int i = 0; i < ENTRY_KINDS; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum entry_kind)i;
			return true;
		}
	}
	return false;
}

static const char *const status_names[STATUS_COUNT] = {
    [STATUS_STANDING] = "standing",     [STATUS_TAKEN_BACK] = "taken back",
    [STATUS_SUPERSEDED] = "superseded", [STATUS_WITHDRAWN] = "withdrawn",
    [STATUS_INERT] = "inert",
};

const char *entry_status_name(enum entry_status s)
{
	return status_names[s];
}

bool entry_status_parse(const char *s, enum entry_status *out)
{
	for (int i = 0; i < STATUS_COUNT; i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum entry_status)i;
			return true;
		}
	}
	return false;
}

/* ---- an entry's texts ---------------------------------------------------- */

/* Copies s (or nothing when NULL) to *at, moving *at past it. */
static const char *keep_text(const char *s, char **at)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *copy = memcpy(*at, s, n);
	*at += n;
	return copy;
}

void diary_entry_keep(struct diary_entry *e)
{
	const char *texts[] = {e->note, e->old_note, e->items};
	size_t size = 0;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		size += texts[i] ? strlen(texts[i]) + 1 : 0;
	char *at = e->owned = size ? xmalloc(size) : NULL;
	e->note = keep_text(texts[0], &at);
	e->old_note = keep_text(texts[1], &at);
	e->items = keep_text(texts[2], &at);
}

void diary_entry_drop(struct diary_entry *e)
{
	free(e->owned);
	e->owned = NULL;
	e->note = e->old_note = e->items = NULL;
}

/* ---- the record's order ---------------------------------------------------
 */

int diary_order(const struct diary_entry *a, const struct diary_entry *b)
{
	if (a->stamp != b->stamp)
		return a->stamp < b->stamp ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int cmp_entries(const void *a, const void *b)
{
	return diary_order(a, b);
}

void diary_sort(struct diary_entry *e, size_t n)
{
	if (n > 1)
		qsort(e, n, sizeof *e, cmp_entries);
}

/* ---- replay ------------------------------------------------------------- */

/* The entries of one day, looked up by id and walked in the record's
 * order without moving them (the state points into them). */
struct day {
	const struct diary_entry *e;
	size_t n;
	size_t *order; /* indices by stamp, then id */
	size_t *by_id; /* indices by id */
};

static const struct diary_entry *sort_base;

static int cmp_order(const void *a, const void *b)
{
	return diary_order(&sort_base[*(const size_t *)a],
	                   &sort_base[*(const size_t *)b]);
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(sort_base[*(const size_t *)a].id,
	              sort_base[*(const size_t *)b].id);
}

static void day_index(struct day *d, const struct diary_entry *e, size_t n)
{
	d->e = e;
	d->n = n;
	d->order = xcalloc(n ? n : 1, sizeof *d->order);
	d->by_id = xcalloc(n ? n : 1, sizeof *d->by_id);
	for (size_t i = 0; i < n; i++)
		d->order[i] = d->by_id[i] = i;
	sort_base = e; /* qsort has no argument: one replay at a time */
	if (n > 1) {
		qsort(d->order, n, sizeof *d->order, cmp_order);
		qsort(d->by_id, n, sizeof *d->by_id, cmp_id);
	}
}

/* The index of the entry whose id is id, or -1. */
static long find(const struct day *d, const char *id)
{
	if (!id[0])
		return -1;
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, d->e[d->by_id[mid]].id);
		if (c == 0)
			return (long)d->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* An entry undo may take back. */
static bool is_action(enum entry_kind k)
{
	return k == ENTRY_SESSION || k == ENTRY_SKIP || k == ENTRY_CORRECTION ||
	       k == ENTRY_ADVANCE;
}

/* The target of e[i] if it is of the kind wanted, else -1. */
static long target_of(const struct day *d, size_t i,
                      bool (*kind)(long, const struct day *))
{
	long t = find(d, d->e[i].target);
	return t >= 0 && kind(t, d) ? t : -1;
}

static bool any_action(long t, const struct day *d)
{
	return is_action(d->e[t].kind);
}

static bool an_undo(long t, const struct day *d)
{
	return d->e[t].kind == ENTRY_UNDO;
}

static bool a_session(long t, const struct day *d)
{
	return d->e[t].kind == ENTRY_SESSION;
}

static bool a_skip(long t, const struct day *d)
{
	return d->e[t].kind == ENTRY_SKIP;
}

/* Sessions stand in the order of their logged time, then of the record. */
static bool before(const struct diary_entry *a, const struct diary_entry *b)
{
	return a->made_utc != b->made_utc ? a->made_utc < b->made_utc
	                                  : diary_order(a, b) < 0;
}

void diary_session_insert(struct diary_session **s, size_t *n,
                          const struct diary_entry *e,
                          bool (*first)(const struct diary_entry *a,
                                        const struct diary_entry *b))
{
	size_t at = *n;
	while (at > 0 && first(e, (*s)[at - 1].entry))
		at--;
	*s = xrealloc(*s, (*n + 1) * sizeof **s);
	memmove(&(*s)[at + 1], &(*s)[at], (*n - at) * sizeof **s);
	(*s)[at] = (struct diary_session){e, e->pain, e->pain_before, e->effort,
	                                  e->note};
	(*n)++;
}

static void add_session(struct diary_state *st, const struct diary_entry *e)
{
	diary_session_insert(&st->sessions, &st->n_sessions, e, before);
}

/* The number (from 1) of the standing session entry s, or 0. */
static int session_number(const struct diary_state *st,
                          const struct diary_entry *s)
{
	for (size_t i = 0; i < st->n_sessions; i++)
		if (st->sessions[i].entry == s)
			return (int)i + 1;
	return 0;
}

/* What the replay works out before it fills the state. */
struct replay {
	struct day d;
	long *latest;    /* per action: its latest undo or redo, or -1 */
	bool *redone;    /* per undo: a redo reverses it */
	bool *stands;    /* per entry */
	bool *inert;     /* per entry: acts on nothing */
	bool *withdrawn; /* per skip */
};

/* Which undos and redos each action met last (the stamps decide). */
static void undo_events(struct replay *r)
{
	const struct day *d = &r->d;
	for (size_t k = 0; k < d->n; k++) {
		size_t i = d->order[k];
		long a = -1, u;
		if (d->e[i].kind == ENTRY_UNDO) {
			a = target_of(d, i, any_action);
		} else if (d->e[i].kind == ENTRY_REDO) {
			u = target_of(d, i, an_undo);
			a = u >= 0 ? target_of(d, (size_t)u, any_action) : -1;
			if (a >= 0)
				r->redone[u] = true;
		} else {
			continue;
		}
		if (a >= 0)
			r->latest[a] = (long)i;
		else
			r->inert[i] = true;
	}
}

/* Which entries stand: actions by their last undo or redo, corrections
 * with their session, withdrawals with theirs, skips withdrawn. */
static void standing(struct replay *r)
{
	const struct day *d = &r->d;
	const struct diary_entry *e = d->e;
	for (size_t i = 0; i < d->n; i++)
		r->stands[i] = !is_action(e[i].kind) || r->latest[i] < 0 ||
		               e[r->latest[i]].kind == ENTRY_REDO;
	for (size_t i = 0; i < d->n; i++) {
		long t;
		if (e[i].kind == ENTRY_CORRECTION) {
			t = target_of(d, i, a_session);
			r->inert[i] = t < 0;
			r->stands[i] = r->stands[i] && t >= 0 && r->stands[t];
		} else if (e[i].kind == ENTRY_WITHDRAW) {
			t = target_of(d, i, a_skip);
			long by = find(d, e[i].by);
			r->inert[i] =
			    t < 0 || by < 0 || e[by].kind != ENTRY_SESSION;
			r->stands[i] = !r->inert[i] && r->stands[by];
			if (r->stands[i])
				r->withdrawn[t] = true;
		}
	}
	/* A skip that excuses nothing, then a session after all. */
	for (size_t i = 0; i < d->n; i++) {
		if (e[i].kind != ENTRY_SKIP || skip_excused(e[i].reason))
			continue;
		for (size_t s = 0; s < d->n && !r->withdrawn[i]; s++)
			r->withdrawn[i] = e[s].kind == ENTRY_SESSION &&
			                  r->stands[s] &&
			                  diary_order(&e[s], &e[i]) > 0;
	}
}

/* The sessions and the skip of the state, in the record's order. */
static void fill(struct replay *r, struct diary_state *out)
{
	const struct day *d = &r->d;
	const struct diary_entry *e = d->e;
	for (size_t k = 0; k < d->n; k++) {
		size_t i = d->order[k];
		if (e[i].kind == ENTRY_SESSION && r->stands[i])
			add_session(out, &e[i]);
	}
	/* Corrections, the latest last: each field as the last one set. */
	for (size_t k = 0; k < d->n; k++) {
		size_t i = d->order[k];
		if (e[i].kind != ENTRY_CORRECTION || !r->stands[i])
			continue;
		const struct diary_entry *t = &e[find(d, e[i].target)];
		struct diary_session *s =
		    &out->sessions[session_number(out, t) - 1];
		if (e[i].fixes & FIX_PAIN)
			s->pain = e[i].pain;
		if (e[i].fixes & FIX_PAIN_BEFORE)
			s->pain_before = e[i].pain_before;
		if (e[i].fixes & FIX_EFFORT)
			s->effort = e[i].effort;
		if (e[i].fixes & FIX_NOTE)
			s->note = e[i].note;
	}
	for (size_t k = 0; k < d->n; k++) {
		size_t i = d->order[k];
		if (e[i].kind != ENTRY_SKIP || !r->stands[i])
			continue;
		if (r->withdrawn[i])
			out->withdrawn = &e[i];
		else
			out->skip = &e[i]; /* the latest wins */
	}
}

/* What undo would take back and redo bring back. */
static void undo_redo(struct replay *r, struct diary_state *out)
{
	const struct day *d = &r->d;
	const struct diary_entry *e = d->e;
	long last_action = -1;
	for (size_t k = 0; k < d->n; k++) {
		size_t i = d->order[k];
		if (!is_action(e[i].kind))
			continue;
		last_action = (long)i;
		if (r->stands[i])
			out->undo = &e[i];
	}
	for (size_t k = 0; k < d->n; k++) {
		size_t u = d->order[k];
		if (e[u].kind != ENTRY_UNDO || r->inert[u] ||
		    (last_action >= 0 &&
		     diary_order(&e[u], &e[last_action]) < 0))
			continue;
		long a = target_of(d, u, any_action);
		if (r->latest[a] == (long)u) {
			out->redo = &e[a];
			out->redo_undo = &e[u];
		}
	}
	const struct diary_entry *x = out->undo;
	if (x)
		out->undo_session =
		    x->kind == ENTRY_SESSION ? session_number(out, x)
		    : x->kind == ENTRY_CORRECTION
		        ? session_number(out, &e[find(d, x->target)])
		        : 0;
	if ((x = out->redo) && x->kind == ENTRY_SESSION) {
		out->redo_session = 1;
		for (size_t i = 0; i < out->n_sessions; i++)
			out->redo_session += before(out->sessions[i].entry, x);
	} else if (x && x->kind == ENTRY_CORRECTION) {
		long t = target_of(d, (size_t)(x - e), a_session);
		int n = t >= 0 ? session_number(out, &e[t]) : 0;
		out->redo_session = n ? n : x->session;
	}
}

static enum entry_status status_of(const struct replay *r,
                                   const struct diary_state *out, size_t i)
{
	const struct diary_entry *e = &r->d.e[i];
	if (r->inert[i])
		return STATUS_INERT;
	switch (e->kind) {
	case ENTRY_SKIP:
		return !r->stands[i]     ? STATUS_TAKEN_BACK
		       : r->withdrawn[i] ? STATUS_WITHDRAWN
		       : out->skip == e  ? STATUS_STANDING
		                         : STATUS_SUPERSEDED;
	case ENTRY_UNDO:
		return r->redone[i] ? STATUS_TAKEN_BACK : STATUS_STANDING;
	case ENTRY_REDO: {
		long u = target_of(&r->d, i, an_undo);
		long a = target_of(&r->d, (size_t)u, any_action);
		long last = r->latest[a];
		return r->d.e[last].kind == ENTRY_UNDO &&
		               diary_order(&r->d.e[last], e) > 0
		           ? STATUS_TAKEN_BACK
		           : STATUS_STANDING;
	}
	default:
		return r->stands[i] ? STATUS_STANDING : STATUS_TAKEN_BACK;
	}
}

void diary_replay(const struct diary_entry *e, size_t n,
                  struct diary_state *out)
{
	memset(out, 0, sizeof *out);
	struct replay r;
	day_index(&r.d, e, n);
	size_t m = n ? n : 1;
	r.latest = xcalloc(m, sizeof *r.latest);
	for (size_t i = 0; i < n; i++)
		r.latest[i] = -1;
	r.redone = xcalloc(m, sizeof *r.redone);
	r.stands = xcalloc(m, sizeof *r.stands);
	r.inert = xcalloc(m, sizeof *r.inert);
	r.withdrawn = xcalloc(m, sizeof *r.withdrawn);
	undo_events(&r);
	standing(&r);
	fill(&r, out);
	undo_redo(&r, out);
	out->status = xcalloc(m, sizeof *out->status);
	for (size_t i = 0; i < n; i++)
		out->status[i] = status_of(&r, out, i);
	free(r.latest);
	free(r.redone);
	free(r.stands);
	free(r.inert);
	free(r.withdrawn);
	free(r.d.order);
	free(r.d.by_id);
}

void diary_state_free(struct diary_state *s)
{
	free(s->sessions);
	free(s->status);
	memset(s, 0, sizeof *s);
}

/* ---- entries made before identities -------------------------------------- */

char *diary_entry_key(const struct diary_entry *e, bool whole)
{
	char at[21];
	cal_format_utc(e->made_utc, at);
	char d[CAL_DATE_LEN];
	cal_format(e->day, d);
	if (!whole)
		return xasprintf("%d|%s|%s|%s|%d", (int)e->kind, e->exercise, d,
		                 at, (int)e->reason);
	/* Notes go last, whole, so that no separator inside them can make
	 * two different entries look alike. An effort (SPEC 2.2) is said
	 * only when there is one, so the keys of older entries stay. */
	char effort[32] = "";
	bool rated = e->kind == ENTRY_SESSION || e->kind == ENTRY_CORRECTION;
	if (rated && (e->effort >= 0 || (e->fixes & FIX_EFFORT)))
		snprintf(effort, sizeof effort, "e%d>%d|", e->old_effort,
		         e->effort);
	return xasprintf(
	    "%s%d|%s|%s|%s|%d|%d|%d|%d|%d|%d|%d|%d|%ld|%d|%zu:%s|%zu:%s|%s",
	    effort, (int)e->kind, e->exercise, d, at, e->late, e->session,
	    e->pain, e->pain_before, (int)e->reason, e->fixes, e->old_pain,
	    e->old_pain_before, e->kind == ENTRY_MEASURE ? (long)e->value : 0L,
	    e->note != NULL, e->note ? strlen(e->note) : 0,
	    e->note ? e->note : "", e->items ? strlen(e->items) : 0,
	    e->items ? e->items : "", e->old_note ? e->old_note : "\x01");
}

void diary_legacy_id(const char *key, int k, entry_id out)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char tail[24];
	snprintf(tail, sizeof tail, "|%d", k);
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	for (const char *p = tail; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	snprintf(out, ENTRY_ID_LEN + 1, "%016llx", (unsigned long long)h);
}
