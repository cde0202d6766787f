#include "hep/context.h"

#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

static bool same_exercises(const struct rx_snapshot *snaps, size_t n,
                           const struct rx *rx)
{
	const struct rx_snapshot *newest = n ? &snaps[n - 1] : NULL;
	bool same = newest && newest->n == rx->n_ex;
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
	if (store_snapshots(st, &snaps, &n) != 0)
		goto fail;
	if (same_exercises(snaps, n, rx)) {
		rc = 0;
		goto out;
	}
	rx_snapshots_free(snaps, n);
	snaps = NULL;
	n = 0;
	if (store_begin(st) != 0 || store_snapshots(st, &snaps, &n) != 0)
		goto fail;
	if (same_exercises(snaps, n, rx)) {
		store_rollback(st);
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < rx->n_ex; i++) {
		bool known, per_week;
		if (store_exercise_kind(st, rx->ex[i].id, &known, &per_week) !=
		    0)
			goto fail;
		if (known && per_week != (rx->ex[i].per_week > 0)) {
			strfmt(err, errlen,
			       "%s: exercise \"%s\" was recorded as a %s "
			       "exercise; give the %s version a new id",
			       rx->path, rx->ex[i].id,
			       per_week ? "per-week" : "fixed-days",
			       per_week ? "fixed-days" : "per-week");
			store_rollback(st);
			goto out;
		}
	}
	const struct rx_snapshot *newest = n ? &snaps[n - 1] : NULL;
	cal_day day =
	    newest && newest->from > ctx->today ? newest->from : ctx->today;
	if (store_snapshot_put(st, day, rx->ex, rx->n_ex) != 0 ||
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

static void release_history(struct hep_ctx *ctx)
{
	rx_snapshots_free(ctx->snaps, ctx->n_snaps);
	free(ctx->tallies);
	ctx->snaps = NULL;
	ctx->tallies = NULL;
	ctx->n_snaps = ctx->n_tallies = 0;
}

int ctx_refresh(struct hep_ctx *ctx, const struct cal_now *now, char *err,
                size_t errlen)
{
	release_history(ctx);
	ctx->now = *now;
	ctx->today = cal_logical_today(now, ctx->rx->program.day_starts);
	cal_day first, last;
	cal_from_ymd(1900, 1, 1, &first);
	cal_from_ymd(9999, 12, 31, &last);
	if (store_snapshots(ctx->store, &ctx->snaps, &ctx->n_snaps) != 0 ||
	    store_tallies(ctx->store, first, last, &ctx->tallies,
	                  &ctx->n_tallies) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		release_history(ctx);
		return -1;
	}
	struct history *h = &ctx->hist;
	h->snaps = ctx->snaps;
	h->n_snaps = ctx->n_snaps;
	h->today = ctx->today;
	h->week_starts = ctx->rx->program.week_starts;
	h->tallies = ctx->tallies;
	h->n_tallies = ctx->n_tallies;
	h->start = ctx->rx->program.start != CAL_NONE ? ctx->rx->program.start
	           : ctx->n_snaps                     ? ctx->snaps[0].from
	                                              : CAL_NONE;
	return 0;
}

int ctx_open(struct hep_ctx *ctx, struct rx *rx, bool sample,
             const char *db_path, const struct cal_now *now, char *err,
             size_t errlen)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->rx = rx;
	ctx->sample = sample;
	ctx->now = *now;
	ctx->today = cal_logical_today(now, rx->program.day_starts);
	if (store_open(db_path, ctx->today, &ctx->store, err, errlen) != 0 ||
	    sync_snapshot(ctx, err, errlen) != 0 ||
	    ctx_refresh(ctx, now, err, errlen) != 0) {
		ctx_close(ctx);
		return -1;
	}
	return 0;
}

void ctx_close(struct hep_ctx *ctx)
{
	release_history(ctx);
	store_close(ctx->store);
	rx_free(ctx->rx);
	memset(ctx, 0, sizeof *ctx);
}

int ctx_program_day(const struct hep_ctx *ctx, cal_day day)
{
	cal_day start = ctx->hist.start;
	return start == CAL_NONE || day < start ? 0 : (int)(day - start) + 1;
}

int ctx_refresh_entry(struct hep_ctx *ctx, const char *id, cal_day day,
                      char *err, size_t errlen)
{
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
