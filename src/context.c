#include "hep/context.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"

/* snaps: the newest snapshot only, or none. */
static bool same_exercises(const struct rx_snapshot *snaps, size_t n,
                           const struct rx *rx)
{
	const struct rx_snapshot *newest = n ? &snaps[n - 1] : NULL;
	bool same =
	    newest && newest->n == rx->n_ex && newest->end == rx->program.end;
	for (size_t i = 0; same && i < rx->n_ex; i++)
		same = rx_exercise_equal(&newest->ex[i], &rx->ex[i]);
	return same;
}

/*
 * Stores a snapshot if the prescription's exercises differ from the newest
 * stored. The common case (no change) only reads; a change is re-checked
 * inside the write transaction, in case another program stored it first.
 */
static int sync_snapshot(struct hep_ctx *ctx, char *err, size_t errlen)
{
	struct store *st = ctx->store;
	const struct rx *rx = ctx->rx;
	struct rx_snapshot *snaps = NULL;
	size_t n = 0;
	int rc = -1;
	if (store_snapshots(st, CAL_LAST, &snaps, &n) != 0)
		goto fail;
	if (same_exercises(snaps, n, rx)) {
		rc = 0;
		goto out;
	}
	rx_snapshots_free(snaps, n);
	snaps = NULL;
	n = 0;
	if (store_begin(st) != 0 ||
	    store_snapshots(st, CAL_LAST, &snaps, &n) != 0)
		goto fail;
	if (same_exercises(snaps, n, rx)) {
		store_rollback(st);
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < rx->n_ex; i++) {
		bool known;
		enum rx_kind kind;
		if (store_exercise_kind(st, rx->ex[i].id, &known, &kind) != 0)
			goto fail;
		if (known && kind != rx_kind(&rx->ex[i])) {
			strfmt(err, errlen,
			       "%s: exercise \"%s\" was recorded as a %s "
			       "exercise; give the %s version a new id",
			       rx->path, rx->ex[i].id, rx_kind_name(kind),
			       rx_kind_name(rx_kind(&rx->ex[i])));
			store_rollback(st);
			goto out;
		}
	}
	/* A change takes effect today if nothing is recorded for today yet,
	 * else tomorrow: a change made after the morning's ticks never turns
	 * a finished day into an unfinished one (SPEC section 3). */
	bool any;
	cal_day last;
	if (store_day_has_entries(st, ctx->today, &any) != 0 ||
	    store_last_entry_day(st, &last) != 0)
		goto fail;
	const struct rx_snapshot *newest = n ? &snaps[n - 1] : NULL;
	cal_day day = ctx->today + (newest && any ? 1 : 0);
	if (newest && newest->from > day)
		day = newest->from;
	/* A stored version is never replaced once a day it judges holds an
	 * entry (SPEC section 6.2): the change is a new version from the next
	 * day that has none. */
	if (newest && newest->from == day && last != CAL_NONE && last >= day)
		day = last + 1;
	if (day > CAL_LAST) {
		strfmt(err, errlen,
		       "%s: the prescription changed, and the change would "
		       "take effect after 9999-12-31",
		       rx->path);
		store_rollback(st);
		goto out;
	}
	/* Changed back to what was in force before the change it would
	 * replace (an edit undone the same evening): that change goes, and
	 * no empty version is left. */
	bool back = false;
	if (newest && newest->from == day) {
		struct rx_snapshot *prev;
		size_t n_prev;
		if (store_snapshots(st, day - 1, &prev, &n_prev) != 0)
			goto fail;
		back = n_prev >= 2 && same_exercises(prev, 1, rx);
		rx_snapshots_free(prev, n_prev);
	}
	if ((back ? store_snapshot_drop(st, day)
	          : (store_snapshot_put(st, day, ctx->today, rx->ex,
	                                rx->n_ex) != 0 ||
	             store_snapshot_end(st, day, rx->program.end))) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	strfmt(err, errlen, "%s", store_error(st));
	store_rollback(st);
out:
	rx_snapshots_free(snaps, n);
	return rc;
}

/* Whether the newest stored version of the measures (of n, 0 or 1) is
 * what the program asks for now; none stored counts as none asked. */
static bool same_plan(const struct rx_outcome_plan *newest, size_t n,
                      const struct rx_program *p)
{
	struct rx_outcome_plan now = rx_outcome_plan_of(p), none = {0};
	return rx_outcome_plan_equal(n ? newest : &none, &now);
}

/*
 * Stores the program's measures and PSFS activities, dated today, if they
 * differ from the newest version stored (SPEC section 8): `hep history`
 * tells their changes. They judge no day, so a change takes effect today
 * whatever was recorded; changed back the same day, the day's version
 * goes. As sync_snapshot, the common case only reads.
 */
static int sync_outcome_plan(struct hep_ctx *ctx, char *err, size_t errlen)
{
	struct store *st = ctx->store;
	const struct rx_program *p = &ctx->rx->program;
	struct rx_outcome_plan *all = NULL;
	size_t n = 0;
	if (store_outcome_plans(st, true, &all, &n) != 0)
		goto fail;
	bool same = same_plan(all, n, p);
	rx_outcome_plans_free(all, n);
	all = NULL;
	n = 0;
	if (same)
		return 0;
	if (store_begin(st) != 0 ||
	    store_outcome_plans(st, false, &all, &n) != 0)
		goto fail;
	int rc = 0;
	if (same_plan(n ? &all[n - 1] : NULL, n, p)) {
		store_rollback(st);
	} else {
		struct rx_outcome_plan now = rx_outcome_plan_of(p);
		now.from = now.stored = ctx->today;
		const struct rx_outcome_plan *newest = n ? &all[n - 1] : NULL;
		if (newest && newest->from > now.from)
			now.from = newest->from; /* an import's, dated ahead */
		bool back = newest && newest->from == now.from &&
		            same_plan(n >= 2 ? &all[n - 2] : NULL, n - 1, p);
		rc = back ? store_outcome_plan_drop(st, now.from)
		          : store_outcome_plan_put(st, &now);
		if (rc != 0 || store_commit(st) != 0)
			goto fail;
	}
	rx_outcome_plans_free(all, n);
	return rc;
fail:
	strfmt(err, errlen, "%s", store_error(st));
	store_rollback(st);
	rx_outcome_plans_free(all, n);
	return -1;
}

int ctx_outcome_plans(struct hep_ctx *ctx, struct rx_outcome_plan **out,
                      size_t *n, char *err, size_t errlen)
{
	if (store_outcome_plans(ctx->store, false, out, n) == 0)
		return 0;
	strfmt(err, errlen, "%s", store_error(ctx->store));
	return -1;
}

static void release_history(struct hep_ctx *ctx)
{
	rx_snapshots_free(ctx->snaps, ctx->n_snaps);
	store_mark_free(&ctx->mark);
	free(ctx->tallies);
	ctx->snaps = NULL;
	ctx->tallies = NULL;
	ctx->n_snaps = ctx->n_tallies = 0;
	ctx->hist.mark = NULL;
	free(ctx->advance_rows);
	free(ctx->advance_steps);
	free(ctx->advances);
	ctx->advance_rows = NULL;
	ctx->advance_steps = NULL;
	ctx->advances = NULL;
	ctx->n_advance_rows = 0;
	ctx->hist.advances = NULL;
	ctx->hist.n_advances = 0;
}

/* The standing advance entries, grouped by exercise for the history (SPEC
 * 2.2): few, read by their own index. */
static int load_advances(struct hep_ctx *ctx)
{
	size_t n;
	if (store_advances(ctx->store, &ctx->advance_rows, &n) != 0)
		return -1;
	ctx->n_advance_rows = n;
	if (n == 0)
		return 0;
	ctx->advance_steps = xcalloc(n, sizeof *ctx->advance_steps);
	ctx->advances = xcalloc(n, sizeof *ctx->advances);
	size_t groups = 0;
	for (size_t i = 0; i < n; i++) {
		const struct store_advance *r = &ctx->advance_rows[i];
		ctx->advance_steps[i] =
		    (struct step_advance){r->effective, r->step};
		if (i == 0 ||
		    strcmp(r->exercise, ctx->advance_rows[i - 1].exercise) != 0)
			ctx->advances[groups++] = (struct history_advances){
			    r->exercise, &ctx->advance_steps[i], 0};
		ctx->advances[groups - 1].n++;
	}
	ctx->hist.advances = ctx->advances;
	ctx->hist.n_advances = groups;
	return 0;
}

/*
 * The n_more elements of more (an allocated array, consumed) before the
 * *n of held (also consumed); *n becomes the sum. Returns the array.
 */
static void *prepend(void *more, size_t n_more, void *held, size_t *n,
                     size_t size)
{
	if (n_more == 0) {
		free(more);
		return held;
	}
	more = xrealloc(more, (n_more + *n) * size);
	if (*n)
		memcpy((char *)more + n_more * size, held, *n * size);
	free(held);
	*n += n_more;
	return more;
}

/*
 * Adds the snapshots in force from day on (CAL_NONE: all) that are older
 * than those held. The ones held stay where they are: screens keep
 * pointers to their exercises.
 */
static int cover_snapshots(struct hep_ctx *ctx, cal_day day)
{
	struct rx_snapshot *more;
	size_t n, older = 0;
	if (ctx->n_snaps > 0 && day != CAL_NONE && day >= ctx->snaps[0].from)
		return 0; /* the one in force that day is held already */
	if (store_snapshots(ctx->store, day, &more, &n) != 0)
		return -1;
	while (older < n &&
	       (ctx->n_snaps == 0 || more[older].from < ctx->snaps[0].from))
		older++;
	for (size_t i = older; i < n; i++)
		rx_snapshot_clear(&more[i]); /* held already */
	ctx->snaps =
	    prepend(more, older, ctx->snaps, &ctx->n_snaps, sizeof *more);
	ctx->hist.snaps = ctx->snaps;
	ctx->hist.n_snaps = ctx->n_snaps;
	/* Whether the oldest held is the first of all (a lever it gives
	 * rules every earlier day: SPEC 2.2 point 7). */
	cal_day first;
	if (ctx->n_snaps > 0 && store_snapshot_first(ctx->store, &first) != 0)
		return -1;
	ctx->hist.snaps_from_first =
	    ctx->n_snaps > 0 && first == ctx->snaps[0].from;
	return 0;
}

int ctx_each_year(const struct hep_ctx *ctx, cal_day from, cal_day to,
                  ctx_year_fn *fn, void *arg)
{
	enum cal_weekday ws = ctx->hist.week_starts;
	for (cal_day first = from; first <= to;) {
		cal_day last = cal_week_start(first + 364, ws) - 1;
		if (last > to)
			last = to;
		struct history year =
		    ctx->hist; /* afresh: fn may move the mark */
		struct tally *t;
		size_t n;
		if (store_tallies(ctx->store, first,
		                  cal_week_start(last, ws) + 6, &t, &n) != 0)
			return -1;
		year.tallies = t;
		year.n_tallies = n;
		year.first = first;
		int rc = fn(arg, &year, first, last);
		free(t);
		if (rc != 0)
			return rc;
		first = last + 1;
	}
	return 0;
}

/* One year of catch_up_mark: the mark moves to the year's end. */
static int mark_year(void *arg, const struct history *year, cal_day first,
                     cal_day last)
{
	struct hep_ctx *ctx = arg;
	struct streak_mark next;
	(void)first;
	if (!progress_mark(year, last, &next))
		return 1;
	store_mark_free(&ctx->mark);
	ctx->mark = next;
	ctx->hist.mark = &ctx->mark;
	return 0;
}

/*
 * Brings the streak mark up to the end of last week, so that the history
 * read next is a week or two long, however long the program: walks from
 * the newest stored mark that fits (or the start) a year of tallies at a
 * time, then stores the new mark. Storing is a cache write: if the file is
 * busy it is tried again next time, and the walk still stands.
 */
static int catch_up_mark(struct hep_ctx *ctx)
{
	struct store *st = ctx->store;
	struct history *h = &ctx->hist;
	if (h->start == CAL_NONE)
		return 0;
	if (store_mark_get(st, h->start, h->week_starts,
	                   cal_week_start(h->today, h->week_starts),
	                   &ctx->mark) != 0)
		return -1;
	if (!progress_mark_fits(h, &ctx->mark))
		store_mark_free(&ctx->mark);
	h->mark = ctx->mark.day != CAL_NONE ? &ctx->mark : NULL;
	cal_day from = h->mark ? h->mark->day + 1 : h->start;
	if (cover_snapshots(ctx, h->mark ? from : CAL_NONE) != 0)
		return -1;
	cal_day end = cal_week_start(h->today, h->week_starts) - 1;
	if (end < from)
		return 0;
	if (ctx_each_year(ctx, from, end, mark_year, ctx) < 0)
		return -1;
	/* A cache, but a write: none with a clock behind the record. */
	if (h->mark && h->mark->day >= from && !ctx->clock_behind[0])
		store_mark_put(st, &ctx->mark);
	return 0;
}

/* The snapshots and tallies from the day after the mark, or from the
 * earliest day asked for. */
static int load_history(struct hep_ctx *ctx)
{
	struct history *h = &ctx->hist;
	h->first = h->mark ? h->mark->day + 1 : CAL_NONE;
	if (ctx->want < h->first)
		h->first = ctx->want;
	if (cover_snapshots(ctx, h->first) != 0)
		return -1;
	if (store_tallies(ctx->store,
	                  h->first == CAL_NONE ? CAL_FIRST : h->first, CAL_LAST,
	                  &ctx->tallies, &ctx->n_tallies) != 0)
		return -1;
	h->tallies = ctx->tallies;
	h->n_tallies = ctx->n_tallies;
	return 0;
}

/*
 * Program start without program.start: the earlier of the day the first
 * snapshot was stored and the earliest day that holds a standing session
 * or skip, so that a back-up restored into a new data file keeps its whole
 * history in view.
 */
static int derived_start(struct hep_ctx *ctx, cal_day *out)
{
	cal_day first, recorded;
	if (store_snapshot_first(ctx->store, &first) != 0 ||
	    store_first_recorded(ctx->store, &recorded) != 0)
		return -1;
	*out = first == CAL_NONE || (recorded != CAL_NONE && recorded < first)
	           ? recorded
	           : first;
	return 0;
}

int ctx_refresh(struct hep_ctx *ctx, const struct cal_now *now, char *err,
                size_t errlen)
{
	release_history(ctx);
	ctx->now = *now;
	ctx->today = cal_logical_today(now, ctx->rx->program.day_starts);
	struct history *h = &ctx->hist;
	h->today = ctx->today;
	h->week_starts = ctx->rx->program.week_starts;
	h->start = ctx->rx->program.start;
	if ((h->start == CAL_NONE && derived_start(ctx, &h->start) != 0) ||
	    load_advances(ctx) != 0 || catch_up_mark(ctx) != 0 ||
	    load_history(ctx) != 0)
		goto fail;
	return 0;
fail:
	strfmt(err, errlen, "%s", store_error(ctx->store));
	release_history(ctx);
	return -1;
}

int ctx_cover(struct hep_ctx *ctx, cal_day day, char *err, size_t errlen)
{
	struct history *h = &ctx->hist;
	if (day < ctx->want)
		ctx->want = day;
	if (h->first == CAL_NONE || day >= h->first)
		return 0;
	struct tally *more;
	size_t n;
	if (cover_snapshots(ctx, day) != 0 ||
	    store_tallies(ctx->store, day, h->first - 1, &more, &n) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		return -1;
	}
	ctx->tallies =
	    prepend(more, n, ctx->tallies, &ctx->n_tallies, sizeof *more);
	h->tallies = ctx->tallies;
	h->n_tallies = ctx->n_tallies;
	h->first = day;
	return 0;
}

int ctx_cover_snapshots(struct hep_ctx *ctx, cal_day day, char *err,
                        size_t errlen)
{
	if (cover_snapshots(ctx, day) == 0)
		return 0;
	strfmt(err, errlen, "%s", store_error(ctx->store));
	return -1;
}

int ctx_all_snapshots(struct hep_ctx *ctx, char *err, size_t errlen)
{
	return ctx_cover_snapshots(ctx, CAL_NONE, err, errlen);
}

/* "2026-11-26 07:30", the local wall clock at a moment (ms), into buf. */
static void moment(int64_t ms, char *buf, size_t size)
{
	struct cal_now at;
	char d[CAL_DATE_LEN];
	cal_now_at(ms >= 0 ? ms / 1000 : (ms - 999) / 1000, &at);
	strfmt(buf, size, "%s %02d:%02d", cal_format(at.date, d),
	       at.minute / 60, at.minute % 60);
}

/*
 * Whether the clock is behind the record (SPEC section 6.2): now more than
 * ten minutes before the largest stamp this file wrote, or today more than
 * a day (time zones) before the latest day a version was stored. Sets
 * ctx->clock_behind. Returns -1 with a message if the file cannot say.
 */
static int check_clock(struct hep_ctx *ctx, char *err, size_t errlen)
{
	int64_t high;
	cal_day stored;
	ctx->clock_behind[0] = '\0';
	if (store_clock(ctx->store, &high, &stored) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		return -1;
	}
	bool by_stamp = high != 0 && ctx->now.ms < high - 10 * 60 * 1000;
	bool by_day = stored != CAL_NONE && ctx->today < stored - 1;
	if (!by_stamp && !by_day)
		return 0;
	char clock[40], latest[40];
	moment(ctx->now.ms, clock, sizeof clock);
	if (by_stamp)
		moment(high, latest, sizeof latest);
	else
		cal_format(stored, latest);
	strfmt(ctx->clock_behind, sizeof ctx->clock_behind,
	       "the clock reads %s, before the record's latest entry (%s); "
	       "check the date, or set HEP_NOW",
	       clock, latest);
	return 0;
}

/*
 * The daily check of the versions: the prescription's and the measures'
 * stored if they changed. Not on a file that cannot be written (its stored
 * versions judge then); a reader's store falls back to reading it when
 * this write finds out (a full disk).
 */
static int sync_versions(struct hep_ctx *ctx, char *err, size_t errlen)
{
	if (store_read_only(ctx->store) ||
	    (store_note_check(ctx->store) == 0 &&
	     sync_snapshot(ctx, err, errlen) == 0 &&
	     sync_outcome_plan(ctx, err, errlen) == 0))
		return 0;
	if (store_fall_back(ctx->store) == 0)
		return 0;
	if (store_read_only(ctx->store) || !err[0]) /* it fell back, and
	                                               failed; or the note */
		strfmt(err, errlen, "%s", store_error(ctx->store));
	return -1;
}

int ctx_open(struct hep_ctx *ctx, struct rx *rx, bool sample,
             const char *db_path, const struct cal_now *now,
             enum store_mode mode, const struct store_waiter *wait, char *err,
             size_t errlen)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->mark.day = CAL_NONE;
	ctx->want = CAL_LAST;
	ctx->rx = rx;
	ctx->sample = sample;
	ctx->now = *now;
	ctx->today = cal_logical_today(now, rx->program.day_starts);
	err[0] = '\0';
	if (store_open(db_path, ctx->today, mode, wait, &ctx->store, err,
	               errlen) != 0 ||
	    check_clock(ctx, err, errlen) != 0)
		goto fail;
	/* The daily check writes: not with a clock behind the record. */
	if (!ctx->clock_behind[0] && sync_versions(ctx, err, errlen) != 0)
		goto fail;
	if (ctx_refresh(ctx, now, err, errlen) != 0)
		goto fail;
	return 0;
fail:
	ctx_close(ctx);
	return -1;
}

void ctx_close(struct hep_ctx *ctx)
{
	release_history(ctx);
	store_close(ctx->store);
	rx_free(ctx->rx);
	memset(ctx, 0, sizeof *ctx);
}

void ctx_not_recorded(const char *why, const char *what, const char *name,
                      char *buf, size_t size)
{
	strfmt(buf, size, "%s; the %s%s%s was not recorded", why, what,
	       name ? " of " : "", name ? name : "");
}

const struct rx_exercise *ctx_earned_base(const struct hep_ctx *ctx,
                                          const struct day_item *it,
                                          cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(&ctx->hist, day);
	const struct rx_exercise *e =
	    s ? rx_find(s->ex, s->n, it->ex->id) : NULL;
	return e && rx_earned(e) ? e : NULL;
}

/* The weeks of sessions readiness reads first (ctx_readiness_of). */
#define READY_WEEKS 8

int ctx_readiness_of(const struct hep_ctx *ctx, const struct rx_exercise *base,
                     int current, cal_day since, cal_day day, bool ascii,
                     struct step_readiness *out, char *err, size_t errlen)
{
	out->step = -1;
	out->back = false;
	out->since = CAL_NONE;
	out->why[0] = '\0';
	if (!base || !rx_earned(base))
		return 0;
	/* A step taken today from tomorrow: nothing more is ready today. */
	int next = history_on(&ctx->hist, base, day + 1, NULL)->step;
	if (next != current) {
		strfmt(out->why, sizeof out->why, "step %d from tomorrow",
		       next);
		return 0;
	}
	cal_day from = since;
	if (from == CAL_NONE)
		from = base->from != CAL_NONE ? base->from : ctx->hist.start;
	/* The latest weeks only, widened while they are not enough: never
	 * the whole history since the step began (SPEC 2.2). */
	for (int weeks = READY_WEEKS;; weeks *= 4) {
		cal_day lo = from;
		if (day - 7 * weeks > lo || lo == CAL_NONE)
			lo = day - 7 * weeks > CAL_FIRST ? day - 7 * weeks
			                                 : CAL_FIRST;
		struct session *ss;
		size_t n;
		if (store_sessions_since(ctx->store, base->id, lo, day, &ss,
		                         &n) != 0) {
			strfmt(err, errlen, "%s", store_error(ctx->store));
			return -1;
		}
		struct step_session *c = xcalloc(n + 1, sizeof *c);
		for (size_t i = 0; i < n; i++)
			c[i] = (struct step_session){
			    ss[i].day, ss[i].n, ss[i].pain, ss[i].pain_before,
			    steps_session_effort(&ss[i])};
		store_sessions_free(ss, n);
		steps_readiness(base, current, c, n, day, ascii, out);
		bool whole = lo == from || lo == CAL_FIRST ||
		             steps_window_enough(
		                 base, current, c, n,
		                 out->since != CAL_NONE ? out->since - 1 : day);
		free(c);
		if (whole)
			return 0;
	}
}

int ctx_readiness(struct hep_ctx *ctx, const struct day_item *it, cal_day day,
                  bool ascii, struct step_readiness *out, char *err,
                  size_t errlen)
{
	return ctx_readiness_of(ctx, ctx_earned_base(ctx, it, day),
	                        it->ex->step, it->step_since, day, ascii, out,
	                        err, errlen);
}

char *ctx_ready_text(const struct rx_exercise *base,
                     const struct step_readiness *r, bool ascii, char *buf,
                     size_t size)
{
	const struct rx_exercise *next = rx_step(base, r->step);
	const struct rx_exercise *now =
	    rx_step(base, r->back ? r->step + 1 : r->step - 1);
	if (next->load && (!now->load || strcmp(next->load, now->load) != 0))
		strfmt(buf, size, "%s", next->load);
	else
		rx_dose(next, ascii, buf, size);
	return buf;
}

bool ctx_ready_line(struct hep_ctx *ctx, const struct day_item *it, cal_day day,
                    bool ascii, char *buf, size_t size)
{
	struct step_readiness r;
	char err[256], next[128];
	const struct rx_exercise *base = ctx_earned_base(ctx, it, day);
	if (!base ||
	    ctx_readiness(ctx, it, day, ascii, &r, err, sizeof err) != 0 ||
	    r.step < 0 || (!r.back && base->advance == RX_ADVANCE_THERAPIST))
		return false;
	strfmt(buf, size, "%s %s: %s, %s",
	       text_glyph(r.back ? GLYPH_DOWN : GLYPH_UP, ascii),
	       r.back ? "step back suggested" : "ready",
	       ctx_ready_text(base, &r, ascii, next, sizeof next), r.why);
	return true;
}

int ctx_program_day(const struct hep_ctx *ctx, cal_day day)
{
	cal_day start = ctx->hist.start;
	return start == CAL_NONE || day < start ? 0 : (int)(day - start) + 1;
}

int ctx_refresh_entry(struct hep_ctx *ctx, const char *id, cal_day day,
                      char *err, size_t errlen)
{
	const struct history *h = &ctx->hist;
	if (h->mark && day <= h->mark->day)
		return ctx_refresh(ctx, &ctx->now, err, errlen);
	if (h->first != CAL_NONE && day < h->first)
		return 0; /* not held */
	struct tally t;
	bool found;
	if (store_tally_of(ctx->store, id, day, &t, &found) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		return -1;
	}
	/* Where (day, id) is, or would be, in the sorted tallies. */
	size_t lo = 0, hi = ctx->n_tallies;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct tally *m = &ctx->tallies[mid];
		int c = m->day != day ? (m->day < day ? -1 : 1)
		                      : strcmp(m->exercise, id);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	bool present = lo < ctx->n_tallies && ctx->tallies[lo].day == day &&
	               strcmp(ctx->tallies[lo].exercise, id) == 0;
	if (found && present) {
		ctx->tallies[lo] = t;
	} else if (found) {
		ctx->tallies = xrealloc(ctx->tallies, (ctx->n_tallies + 1) *
		                                          sizeof *ctx->tallies);
		memmove(&ctx->tallies[lo + 1], &ctx->tallies[lo],
		        (ctx->n_tallies - lo) * sizeof *ctx->tallies);
		ctx->tallies[lo] = t;
		ctx->n_tallies++;
	} else if (present) {
		memmove(&ctx->tallies[lo], &ctx->tallies[lo + 1],
		        (ctx->n_tallies - lo - 1) * sizeof *ctx->tallies);
		ctx->n_tallies--;
	}
	ctx->hist.tallies = ctx->tallies;
	ctx->hist.n_tallies = ctx->n_tallies;
	return 0;
}

/*
 * A changed value as the notice writes it: a range ("5-10 s", the file's
 * way) with the one dash of the glyph table, as every dose is written.
 * field is the change's ("hold", "step 2 hold"), own its field or NULL.
 */
static const char *change_value(const char *field, const struct rx_field *own,
                                const char *v, bool ascii, char *out,
                                size_t size)
{
	const char *name = strrchr(field, ' ');
	const struct rx_field *f =
	    own ? own : rx_field_named(name ? name + 1 : field);
	if (!*v)
		return "none";
	if (!f || (f->type != RX_COUNT && f->type != RX_TIME))
		return v;
	/* A count or a time holds no other '-' (they are never below 1). */
	const char *dash = text_glyph(GLYPH_DASH, ascii);
	size_t n = 0, dn = strlen(dash);
	for (const char *p = v; *p && n + dn < size; p++) {
		if (*p != '-')
			out[n++] = *p;
		else
			n += (size_t)(memcpy(out + n, dash, dn), dn);
	}
	out[n] = '\0';
	return out;
}

/* What changed from a to b, as parts of the notice. */
static void describe_change(const struct rx_snapshot *a,
                            const struct rx_snapshot *b, bool ascii, char *buf,
                            size_t size)
{
	const char *arrow = text_glyph(GLYPH_ARROW, ascii);
	const char *minus = text_glyph(GLYPH_MINUS, ascii);
	char wbuf[3 * sizeof((struct rx_change *)0)->before], nbuf[sizeof wbuf];
	for (size_t i = 0; i < b->n; i++)
		if (!rx_find(a->ex, a->n, b->ex[i].id))
			strpart(buf, size, "; ", "+ %s", b->ex[i].name);
	for (size_t i = 0; i < a->n; i++)
		if (!rx_find(b->ex, b->n, a->ex[i].id))
			strpart(buf, size, "; ", "%s %s", minus, a->ex[i].name);
	for (size_t i = 0; i < b->n; i++) {
		const struct rx_exercise *old =
		    rx_find(a->ex, a->n, b->ex[i].id);
		struct rx_change ch[RX_DIFF_MAX];
		size_t nc = old ? rx_diff(old, &b->ex[i], ch) : 0;
		for (size_t c = 0; c < nc; c++) {
			const char *f = ch[c].field;
			const char *was =
			    change_value(f, ch[c].own, ch[c].before, ascii,
			                 wbuf, sizeof wbuf);
			const char *now =
			    change_value(f, ch[c].own, ch[c].after, ascii, nbuf,
			                 sizeof nbuf);
			unsigned say = ch[c].own ? ch[c].own->rules : 0;
			if (say & RX_RULE_SAY_NEW)
				strpart(buf, size, "; ", "%s: new instructions",
				        b->ex[i].name);
			else if (say & RX_RULE_SAY_RENAME)
				strpart(buf, size, "; ", "%s %s %s", was, arrow,
				        now);
			else if (say & RX_RULE_SAY_COUNT)
				strpart(buf, size, "; ", "%s %s %s %s %s",
				        b->ex[i].name, was, arrow, now, f);
			else
				strpart(buf, size, "; ", "%s %s %s %s %s",
				        b->ex[i].name, f, was, arrow, now);
		}
	}
}

/* What changed in the measures from a to b, as parts of the notice:
 * "Knee bend goal 120 → 125", "+ Swelling", "new PSFS activities". */
static void describe_plan_change(const struct rx_outcome_plan *a,
                                 const struct rx_outcome_plan *b, bool ascii,
                                 char *buf, size_t size)
{
	const char *arrow = text_glyph(GLYPH_ARROW, ascii);
	const char *minus = text_glyph(GLYPH_MINUS, ascii);
	for (size_t i = 0; i < b->n_measures; i++) {
		const struct rx_measure *m = &b->measures[i];
		const struct rx_measure *old = rx_plan_find(a, m->id);
		if (!old) {
			strpart(buf, size, "; ", "+ %s", m->name);
			continue;
		}
		struct rx_change ch[RX_MEASURE_KEYS];
		size_t nc = rx_measure_diff(old, m, ch);
		for (size_t c = 0; c < nc; c++)
			strpart(buf, size, "; ", "%s %s %s %s %s", m->name,
			        ch[c].field,
			        *ch[c].before ? ch[c].before : "none", arrow,
			        *ch[c].after ? ch[c].after : "none");
	}
	for (size_t k = 0; k < a->n_measures; k++)
		if (!rx_plan_find(b, a->measures[k].id))
			strpart(buf, size, "; ", "%s %s", minus,
			        a->measures[k].name);
	if (!rx_plan_same_psfs(a, b))
		strpart(buf, size, "; ", "new PSFS activities");
}

/* Appends the change of the measures stored today, if any (the first
 * version kept is no change): they take effect at once. */
static void plan_notice(struct hep_ctx *ctx, bool ascii, char *buf, size_t size)
{
	struct rx_outcome_plan *p;
	size_t n;
	/* Most days the newest version is older: one read says so. */
	if (store_outcome_plans(ctx->store, true, &p, &n) != 0)
		return;
	bool today = n && p[0].from == ctx->today;
	rx_outcome_plans_free(p, n);
	if (!today || store_outcome_plans(ctx->store, false, &p, &n) != 0)
		return;
	char part[512] = "";
	if (n >= 2 && p[n - 1].from == ctx->today)
		describe_plan_change(&p[n - 2], &p[n - 1], ascii, part,
		                     sizeof part);
	rx_outcome_plans_free(p, n);
	if (!part[0])
		return;
	if (buf[0])
		strpart(buf, size, ". ", "Measures: %s", part);
	else
		strfmt(buf, size, "Prescription changed: %s", part);
}

bool ctx_change_notice(struct hep_ctx *ctx, bool ascii, char *buf, size_t size)
{
	buf[0] = '\0';
	cal_day today = ctx->today;
	struct rx_snapshot *s;
	size_t n;
	if (size < 64 || store_snapshots(ctx->store, today - 1, &s, &n) != 0)
		return false;
	/* The newest change stored today or taking effect today; the first
	 * snapshot of all is no change. */
	for (size_t i = n; i-- > 1;) {
		if (s[i].stored != today && s[i].from != today)
			continue;
		strfmt(buf, size, "Prescription changed: ");
		describe_change(&s[i - 1], &s[i], ascii, buf, size);
		if (strcmp(buf, "Prescription changed: ") == 0) {
			buf[0] = '\0'; /* nothing a patient would see */
			continue;
		}
		char d[CAL_DATE_LEN];
		if (s[i].from == today)
			strpart(buf, size, "; ", "from today");
		else if (s[i].from == today + 1)
			strpart(buf, size, "; ", "from tomorrow");
		else
			strpart(buf, size, "; ", "from %s",
			        cal_format(s[i].from, d));
		break;
	}
	rx_snapshots_free(s, n);
	plan_notice(ctx, ascii, buf, size);
	return buf[0] != '\0';
}

/* The mark that says the missed day was pointed to today. */
static const char missed_key[] = "missed_pointed";

/* How far back the missed day is looked for (SPEC section 5). */
enum { MISSED_DAYS_BACK = 7 };

bool ctx_missed_day(struct hep_ctx *ctx, struct missed_day *out)
{
	const struct history *h = &ctx->hist;
	cal_day today = ctx->today, noted;
	char err[512];
	/* The last seven days, whatever week they are in: a day missed at
	 * the end of last week is still pointed to on Monday. */
	cal_day first = today - MISSED_DAYS_BACK;
	if (h->start == CAL_NONE ||
	    store_day_noted(ctx->store, missed_key, &noted) != 0 ||
	    noted == today || ctx_cover(ctx, first, err, sizeof err) != 0)
		return false;
	/* The most recent such day: the one the patient remembers best. */
	for (cal_day d = today - 1; d >= first && d >= h->start; d--) {
		enum day_status st = progress_day_status(h, d);
		if (st != DAY_MISSED && st != DAY_PARTIAL)
			continue;
		out->day = d;
		out->status = st;
		out->back = (int)(today - d);
		/* Said once a day: a busy file only means it is said again;
		 * a clock set back writes nothing. */
		out->note = !ctx->clock_behind[0];
		return true;
	}
	return false;
}

void ctx_note_missed_said(struct hep_ctx *ctx)
{
	store_note_day(ctx->store, missed_key, ctx->today);
}

static int checkin_entry(void *arg, const struct diary_entry *e)
{
	checkin_add_entry(arg, e);
	return 0;
}

int ctx_checkin(struct hep_ctx *ctx, bool last, struct checkin *out, char *err,
                size_t errlen)
{
	checkin_init(out, &ctx->rx->program, ctx->hist.week_starts,
	             ctx->hist.start, ctx->today);
	/* Whether anything is due needs only the periods holding today. */
	cal_day from = last ? CAL_FIRST : ctx->today + 1;
	for (size_t i = 0; !last && i < out->n; i++)
		if (out->item[i].in_period && out->item[i].from < from)
			from = out->item[i].from;
	if (out->n && from <= ctx->today &&
	    store_each_outcome(ctx->store, from, ctx->today, checkin_entry,
	                       out) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		checkin_free(out);
		return -1;
	}
	checkin_finish(out);
	/* After the program's end, measures may still be recorded but none
	 * is due (SPEC 2.2). */
	if (history_ended(&ctx->hist, ctx->today)) {
		for (size_t i = 0; i < out->n; i++)
			out->item[i].due = false;
		out->n_due = 0;
	}
	return 0;
}

/* Keeps a measure's first and latest value as the outcomes come, oldest
 * first. */
static int summary_entry(void *arg, const struct diary_entry *e)
{
	struct program_summary *s = arg;
	if (e->kind != ENTRY_MEASURE)
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->measures[i].m->id, e->exercise) != 0)
			continue;
		if (s->measures[i].first == RX_NO_VALUE)
			s->measures[i].first = e->value;
		s->measures[i].latest = e->value;
	}
	return 0;
}

int ctx_summary(struct hep_ctx *ctx, cal_day day, struct program_summary *out,
                char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	const struct rx_snapshot *snap = history_snapshot(&ctx->hist, day);
	if (!history_ended(&ctx->hist, day) || ctx->hist.start == CAL_NONE)
		return 0;
	out->start = ctx->hist.start;
	out->end = snap->end;
	out->weeks = (int)((out->end - out->start) / 7) + 1;
	if (ctx_cover(ctx, out->start, err, errlen) != 0)
		return -1;
	progress_adherence(&ctx->hist, out->start, out->end, NULL, false,
	                   &out->due, &out->done);
	out->longest =
	    progress_day_streak_span(&ctx->hist, out->start, out->end).longest;
	const struct rx_program *p = &ctx->rx->program;
	for (size_t i = 0; i < p->n_measures && i < RX_MAX_MEASURES; i++) {
		out->measures[out->n].m = &p->measures[i];
		out->measures[out->n].first = RX_NO_VALUE;
		out->measures[out->n++].latest = RX_NO_VALUE;
	}
	if (out->n && store_each_outcome(ctx->store, out->start, day,
	                                 summary_entry, out) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		return -1;
	}
	return 1;
}

char *ctx_summary_text(const struct hep_ctx *ctx,
                       const struct program_summary *s, char *buf, size_t size)
{
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	double ratio;
	buf[0] = '\0';
	strpart(buf, size, "", "The program ended on %s.\n",
	        cal_format(s->end, b));
	strpart(buf, size, "", "%s: %s to %s, %d week%s\n",
	        ctx->rx->program.title, cal_format(s->start, a), b, s->weeks,
	        s->weeks == 1 ? "" : "s");
	if (progress_ratio(s->due, s->done, &ratio))
		strpart(buf, size, "", "Adherence: %d%% (%d of %d sessions)\n",
		        (int)(ratio * 100 + 0.5), s->done, s->due);
	strpart(buf, size, "", "Longest streak: %d day%s in a row\n",
	        s->longest, s->longest == 1 ? "" : "s");
	for (size_t i = 0; i < s->n; i++) {
		const struct rx_measure *m = s->measures[i].m;
		char f[24], l[24];
		if (s->measures[i].first == RX_NO_VALUE) {
			strpart(buf, size, "", "%s: not recorded\n", m->name);
			continue;
		}
		rx_tenths_text(s->measures[i].first, f, sizeof f);
		rx_tenths_text(s->measures[i].latest, l, sizeof l);
		strpart(buf, size, "", "%s: %s%s%s first, %s%s%s latest\n",
		        m->name, f, *m->unit ? " " : "", m->unit, l,
		        *m->unit ? " " : "", m->unit);
	}
	strpart(buf, size, "", "Ask your therapist for the next program.\n");
	return buf;
}
