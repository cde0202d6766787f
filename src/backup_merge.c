/* The back-up: merging what a file holds into the record (SPEC section
 * 6.2): entries by identity, the versions only where they judge no
 * recorded day otherwise. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup_impl.h"
#include "hep/text.h"
#include "hep/util.h"

/* ---- import: problems ---------------------------------------------------- */

void import_problem(struct import *im, int line, const char *fmt, ...)
{
	struct rx_errors *errs = im->errs;
	if (errs->n > MAX_REPORTED)
		return;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* The path too is shown escaped (at most 4 bytes a byte). */
	size_t size = 4 * strlen(im->path) + 1;
	char *path = text_escape(im->path, false, xmalloc(size), size);
	char *text =
	    errs->n == MAX_REPORTED
	        ? xasprintf("%s: more problems follow; fix these first", path)
	    : line > 0 ? xasprintf("%s:%d: %s", path, line, buf)
	               : xasprintf("%s: %s", path, buf);
	free(path);
	errs->msgs = xrealloc(errs->msgs, (errs->n + 1) * sizeof *errs->msgs);
	errs->line = xrealloc(errs->line, (errs->n + 1) * sizeof *errs->line);
	errs->line[errs->n] = line;
	errs->msgs[errs->n++] = text;
}

/* ---- import: writing ----------------------------------------------------- */

/* What an entry of kind k may act on (its target), in words. */
static bool target_fits(enum entry_kind k, enum entry_kind t)
{
	switch (k) {
	case ENTRY_UNDO:
		return t == ENTRY_SESSION || t == ENTRY_SKIP ||
		       t == ENTRY_CORRECTION;
	case ENTRY_REDO:
		return t == ENTRY_UNDO;
	case ENTRY_CORRECTION:
		return t == ENTRY_SESSION;
	case ENTRY_WITHDRAW:
		return t == ENTRY_SKIP;
	default:
		return false;
	}
}

static const char *acts_verb(enum entry_kind k)
{
	return k == ENTRY_UNDO         ? "takes back"
	       : k == ENTRY_REDO       ? "reverses"
	       : k == ENTRY_CORRECTION ? "corrects"
	                               : "withdraws";
}

/*
 * Whether what e acts on (its target, and a withdrawal's session) is an
 * entry of this record or of the file, of the right kind, of the same
 * exercise and day (SPEC section 6.2); false with a problem if not.
 */
static bool targets_known(struct import *im, const struct diary_entry *e,
                          int line)
{
	struct store_target t;
	for (int i = 0; i < 2; i++) {
		const char *id = i == 0 ? e->target : e->by;
		if (!id[0])
			continue;
		if (store_target(im->ctx->store, id, &t) != 0) {
			import_problem(im, 0, "%s",
			               store_error(im->ctx->store));
			return false;
		}
		bool fits = i == 0 ? target_fits(e->kind, t.kind)
		                   : t.kind == ENTRY_SESSION;
		if (!t.found) {
			import_problem(
			    im, line,
			    "entry %s %s %s, which neither this record nor "
			    "the file holds",
			    e->id, i == 0 ? acts_verb(e->kind) : "was made by",
			    id);
			return false;
		}
		if (!fits || t.day != e->day ||
		    strcmp(t.exercise, e->exercise) != 0) {
			import_problem(
			    im, line,
			    "entry %s (%s) names %s, which is not %s of the "
			    "same exercise and day",
			    e->id, entry_kind_name(e->kind), id,
			    i == 1                        ? "a session"
			    : e->kind == ENTRY_REDO       ? "an undo"
			    : e->kind == ENTRY_CORRECTION ? "a session"
			    : e->kind == ENTRY_WITHDRAW
			        ? "a skip"
			        : "a session, skip or correction");
			return false;
		}
	}
	return true;
}

/* Whether e (with an id) is stored already: the same (kept), or, for an
 * entry of a back-up with identities, different (a problem). */
static int known_entry(struct import *im, const struct diary_entry *e, int line,
                       bool *known)
{
	bool same;
	if (store_entry_same(im->ctx->store, e, known, &same) != 0) {
		import_problem(im, 0, "%s", store_error(im->ctx->store));
		return -1;
	}
	/* A legacy entry's id is its canonical text: the same id, the same
	 * entry (its stamp may differ from a copy migrated apart). */
	if (*known && !same && im->identities == 1) {
		import_problem(im, line, "entry %s differs from the stored one",
		               e->id);
		return -1;
	}
	if (*known)
		im->kept++;
	return 0;
}

/* An entry of a back-up with identities into a fresh file: appended at
 * once, unless the file listed it before (its targets are checked at the
 * end, store_fresh_bad_target). */
int import_append(struct import *im, const struct diary_entry *e, int line)
{
	bool known;
	if (known_entry(im, e, line, &known) != 0)
		return -1;
	if (known)
		return 0;
	if (store_append_line(im->ctx->store, e, line) != 0)
		return -1;
	im->added++;
	return 0;
}

/*
 * Adds staged entry e of line (arg: the import) unless it is there already
 * (kept: it matched a stored entry by 6.1's equality; or its id is
 * stored). Returns -1 on a store error or a conflict (with a problem).
 */
static int add_entry(void *arg, const struct diary_entry *e, bool whole,
                     int line, bool kept)
{
	struct import *im = arg;
	struct store *st = im->ctx->store;
	bool known;
	if (kept) {
		im->kept++;
		return 0;
	}
	if (known_entry(im, e, line, &known) != 0)
		return -1;
	if (known)
		return 0;
	if (!targets_known(im, e, line))
		return -1;
	if (!whole && e->kind == ENTRY_SKIP) {
		/* A back-up of the state holds one skip a day. */
		struct store_day d;
		if (store_day_read(st, e->exercise, e->day, &d) != 0)
			return -1;
		bool conflict = d.state.skip != NULL;
		store_day_free(&d);
		if (conflict) {
			char dd[CAL_DATE_LEN];
			import_problem(
			    im, line,
			    "\"%s\" already has a different skip on %s",
			    e->exercise, cal_format(e->day, dd));
			return -1;
		}
	}
	struct diary_entry x = *e;
	if (!whole && x.kind == ENTRY_SESSION) {
		/* Merged into a recorded day: numbered after what stands. */
		struct store_day d;
		if (store_day_read(st, x.exercise, x.day, &d) != 0)
			return -1;
		x.session = (int)d.state.n_sessions + 1;
		store_day_free(&d);
	}
	if (store_append_only(st, &x) != 0)
		return -1;
	im->added++;
	return 0;
}

/* After a direct import: the first entry whose target is not right. */
static int direct_targets(struct import *im)
{
	int line;
	struct diary_entry e;
	if (store_fresh_bad_target(im->ctx->store, im->seq, &line, &e) != 0) {
		import_problem(im, 0, "%s", store_error(im->ctx->store));
		return -1;
	}
	if (line == 0)
		return 0;
	/* Says what is wrong with it, as a staged entry's check would. */
	if (targets_known(im, &e, line))
		import_problem(
		    im, line, "entry %s names an entry it cannot act on", e.id);
	return -1;
}

/* Whether two snapshots prescribe exactly the same exercises. */
static bool same_exercises(const struct rx_snapshot *a,
                           const struct rx_snapshot *b)
{
	bool same = a->n == b->n;
	for (size_t i = 0; same && i < a->n; i++)
		same = rx_exercise_equal(&a->ex[i], &b->ex[i]);
	return same;
}

/* Whether two snapshots are the same version: the same exercises and the
 * same end (SPEC 2.2). */
static bool same_snapshot(const struct rx_snapshot *a,
                          const struct rx_snapshot *b)
{
	return a->end == b->end && same_exercises(a, b);
}

/* Whether s's program goes on to day at least (ends on it, later, or
 * never): its end judges none of the days up to day. */
static bool end_after(const struct rx_snapshot *s, cal_day day)
{
	return s->end == CAL_NONE || s->end >= day;
}

/*
 * Drops every snapshot that prescribes what the one before it does: it
 * changes nothing. The one a new data file stored as it opened goes again
 * once the back-up's older ones are in, so that export -> import into an
 * empty file -> export gives the same bytes.
 */
static int drop_repeats(struct store *st)
{
	struct rx_snapshot *all;
	size_t n;
	if (store_snapshots(st, CAL_NONE, &all, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (same_snapshot(&all[i - 1], &all[i]))
			rc = store_snapshot_drop(st, all[i].from);
	rx_snapshots_free(all, n);
	return rc;
}

/*
 * Stores the back-up's versions of the measures at their own dates (a
 * stored version of a date is kept), then drops every version that asks
 * for what the one before it does, as drop_repeats does for snapshots.
 */
int import_write_plans(struct import *im)
{
	struct store *st = im->ctx->store;
	struct rx_outcome_plan *all;
	size_t n;
	if (im->n_plans == 0)
		return 0;
	if (store_outcome_plans(st, false, &all, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < im->n_plans && rc == 0; i++) {
		bool present = false;
		for (size_t k = 0; k < n; k++)
			present = present || all[k].from == im->plans[i].from;
		if (!present)
			rc = store_outcome_plan_put(st, &im->plans[i]);
	}
	rx_outcome_plans_free(all, n);
	if (rc != 0 || store_outcome_plans(st, false, &all, &n) != 0)
		return -1;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (rx_outcome_plan_equal(&all[i - 1], &all[i]))
			rc = store_outcome_plan_drop(st, all[i].from);
	rx_outcome_plans_free(all, n);
	return rc;
}

/* The version in force on day among the n versions of v (ascending by
 * date): the newest from on or before it, the first for earlier days. */
static const struct rx_snapshot *in_force(const struct rx_snapshot *const *v,
                                          size_t n, cal_day day)
{
	size_t k = 0;
	while (k + 1 < n && v[k + 1]->from <= day)
		k++;
	return n ? v[k] : NULL;
}

/* The ids of the exercises a and b prescribe differently, added once each
 * to ids (*n of them, at most max). */
static void differing(const struct rx_snapshot *a, const struct rx_snapshot *b,
                      const char **ids, size_t *n, size_t max)
{
	for (int side = 0; side < 2; side++) {
		const struct rx_snapshot *x = side ? b : a, *y = side ? a : b;
		for (size_t i = 0; x && i < x->n; i++) {
			const char *id = x->ex[i].id;
			const struct rx_exercise *o =
			    y ? rx_find(y->ex, y->n, id) : NULL;
			bool listed = o && rx_exercise_equal(o, &x->ex[i]);
			for (size_t k = 0; !listed && k < *n; k++)
				listed = strcmp(ids[k], id) == 0;
			if (!listed && *n < max)
				ids[(*n)++] = id;
		}
	}
}

static int cmp_day(const void *a, const void *b)
{
	cal_day x = *(const cal_day *)a, y = *(const cal_day *)b;
	return x < y ? -1 : x > y;
}

/*
 * Whether storing the back-up's versions of the prescription (those of
 * dates this file has none of) would judge a day from the program's start
 * to today by a different version than now (SPEC section 6.2); if so, a
 * problem naming the days and the exercises, and the way out.
 */
static bool rejudges(struct import *im)
{
	struct hep_ctx *ctx = im->ctx;
	cal_day start = ctx->hist.start, today = ctx->today;
	if (im->fresh || start == CAL_NONE || start > today)
		return false;
	size_t n_old = ctx->n_snaps, n_new = 0;
	const struct rx_snapshot **old = xcalloc(n_old + 1, sizeof *old);
	const struct rx_snapshot **merged =
	    xcalloc(n_old + im->n_snaps + 1, sizeof *merged);
	cal_day *cut = xcalloc(n_old + im->n_snaps + 2, sizeof *cut);
	size_t n_cut = 0;
	cut[n_cut++] = start;
	for (size_t i = 0; i < n_old; i++)
		old[i] = merged[n_new++] = &ctx->snaps[i];
	for (size_t i = 0; i < im->n_snaps; i++) {
		bool present = false;
		for (size_t k = 0; k < n_old; k++)
			present =
			    present || ctx->snaps[k].from == im->snaps[i].from;
		if (present)
			continue;
		size_t at = n_new++;
		while (at > 0 && merged[at - 1]->from > im->snaps[i].from) {
			merged[at] = merged[at - 1];
			at--;
		}
		merged[at] = &im->snaps[i];
	}
	for (size_t i = 0; i < n_new; i++)
		if (merged[i]->from > start && merged[i]->from <= today)
			cut[n_cut++] = merged[i]->from;
	qsort(cut, n_cut, sizeof *cut, cmp_day);
	char days[600] = "", names[400] = "";
	const char *ids[16];
	size_t n_ids = 0;
	struct day_span {
		cal_day from, to;
	} span[5];
	int ranges = 0, more = 0;
	for (size_t i = 0; i < n_cut; i++) {
		cal_day from = cut[i];
		cal_day to = i + 1 < n_cut ? cut[i + 1] - 1 : today;
		if (to < from)
			continue;
		const struct rx_snapshot *a = in_force(old, n_old, from);
		const struct rx_snapshot *b = in_force(merged, n_new, from);
		if (a && b && same_exercises(a, b) &&
		    (a->end == b->end ||
		     (end_after(a, to) && end_after(b, to))))
			continue;
		differing(a, b, ids, &n_ids, sizeof ids / sizeof *ids);
		if (ranges > 0 && span[ranges - 1].to + 1 == from &&
		    ranges <= (int)(sizeof span / sizeof *span)) {
			span[ranges - 1].to = to; /* one run of days */
			continue;
		}
		if (ranges < (int)(sizeof span / sizeof *span))
			span[ranges] = (struct day_span){from, to};
		else
			more += (int)(to - from) + 1;
		ranges++;
	}
	for (int k = 0; k < ranges && k < (int)(sizeof span / sizeof *span);
	     k++) {
		char d1[CAL_DATE_LEN], d2[CAL_DATE_LEN];
		if (span[k].from == span[k].to)
			strpart(days, sizeof days, ", ", "%s",
			        cal_format(span[k].from, d1));
		else
			strpart(days, sizeof days, ", ", "%s to %s",
			        cal_format(span[k].from, d1),
			        cal_format(span[k].to, d2));
	}
	for (size_t k = 0; k < n_ids; k++)
		strpart(names, sizeof names, ", ", "%s", ids[k]);
	if (n_ids == 0) /* the same exercises, another end (SPEC 2.2) */
		strfmt(names, sizeof names, "the program's end");
	free(old);
	free(merged);
	free(cut);
	if (ranges == 0)
		return false;
	import_problem(
	    im, 0,
	    "its prescription would change how days already recorded are "
	    "judged: %s%s (%s); nothing was imported. 'hep import "
	    "--entries-only %s' imports the entries and keeps this file's "
	    "prescription",
	    days, more ? ", and more" : "", names, im->path);
	return true;
}

/* Stores the back-up's versions of the prescription of dates this file
 * has none of, each exercise keeping its kind; in the caller's
 * transaction. */
static int write_snapshots(struct import *im, size_t *snaps_added)
{
	struct store *st = im->ctx->store;
	for (size_t i = 0; i < im->n_snaps; i++) {
		const struct rx_snapshot *s = &im->snaps[i];
		bool present = false;
		for (size_t k = 0; k < im->ctx->n_snaps; k++)
			present = present || im->ctx->snaps[k].from == s->from;
		if (present)
			continue; /* the stored snapshot of that date is kept */
		for (size_t k = 0; k < s->n; k++) {
			bool known;
			enum rx_kind kind;
			if (store_exercise_kind(st, s->ex[k].id, &known,
			                        &kind) != 0)
				return -1;
			if (known && kind != rx_kind(&s->ex[k])) {
				import_problem(
				    im, im->snap_lines[i],
				    "exercise \"%s\" changes kind (%s and "
				    "%s)",
				    s->ex[k].id, rx_kind_name(kind),
				    rx_kind_name(rx_kind(&s->ex[k])));
				return -1;
			}
		}
		if (store_snapshot_put(st, s->from, CAL_NONE, s->ex, s->n) !=
		        0 ||
		    store_snapshot_end(st, s->from, s->end) != 0)
			return -1;
		(*snaps_added)++;
	}
	return 0;
}

/* Adds every staged row not already stored, then (unless entries_only)
 * the versions; in the caller's transaction. Returns -1 on a store error
 * or a conflict (with a problem). */
int import_write_rows(struct import *im, size_t *added, size_t *kept,
                      size_t *snaps_added)
{
	struct store *st = im->ctx->store;
	*snaps_added = 0;
	int rc = im->direct ? direct_targets(im) : 0;
	if (rc == 0 && !im->direct)
		rc = store_stage_identify(st);
	if (rc == 0)
		rc = store_each_staged(st, add_entry, im);
	/* What stands, for every day and exercise the import added to. */
	if (rc == 0)
		rc = store_sync_after(st, im->seq);
	*added = im->added;
	*kept = im->kept;
	if (rc != 0)
		return -1;
	if (im->entries_only)
		return 0;
	/* Which dates already have a snapshot: all of them, however old. */
	char err[8];
	if (ctx_all_snapshots(im->ctx, err, sizeof err) != 0)
		return -1;
	if (rejudges(im) || write_snapshots(im, snaps_added) != 0)
		return -1;
	/* Written: let them go before drop_repeats reads every snapshot. */
	rx_snapshots_free(im->snaps, im->n_snaps);
	im->snaps = NULL;
	im->n_snaps = 0;
	return *snaps_added > 0 ? drop_repeats(st) : 0;
}
