#include "hep/record.h"

#include "hep/util.h"

const struct rx_exercise *record_find(const struct hep_ctx *ctx, const char *id,
                                      cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(&ctx->hist, day);
	const struct rx_exercise *e = s ? rx_find(s->ex, s->n, id) : NULL;
	for (size_t i = ctx->n_snaps; !e && i > 0; i--)
		e = rx_find(ctx->snaps[i - 1].ex, ctx->snaps[i - 1].n, id);
	return e;
}

/* Rules every write shares: a known id, a day neither future nor too early. */
static enum record_result check_day(struct hep_ctx *ctx, const char *id,
                                    cal_day day, const struct rx_exercise **e,
                                    char *msg, size_t msglen)
{
	char d[CAL_DATE_LEN], s[CAL_DATE_LEN];
	*e = record_find(ctx, id, day);
	if (!*e) {
		strfmt(msg, msglen, "unknown exercise \"%s\"", id);
		return REC_REFUSED;
	}
	if (day > ctx->today) {
		strfmt(msg, msglen,
		       "%s is in the future; only today and earlier days can "
		       "be recorded",
		       cal_format(day, d));
		return REC_REFUSED;
	}
	if (ctx->hist.start == CAL_NONE || day < ctx->hist.start) {
		strfmt(msg, msglen, "%s is before the program starts (%s)",
		       cal_format(day, d),
		       ctx->hist.start == CAL_NONE
		           ? "not yet"
		           : cal_format(ctx->hist.start, s));
		return REC_REFUSED;
	}
	return REC_OK;
}

/* The exercise as the snapshot in force on day holds it, and its due. */
static const struct rx_exercise *
on_day(const struct hep_ctx *ctx, const char *id, cal_day day, int *scheduled)
{
	const struct rx_snapshot *s = history_snapshot(&ctx->hist, day);
	const struct rx_exercise *e = s ? rx_find(s->ex, s->n, id) : NULL;
	*scheduled = e ? progress_scheduled(&ctx->hist, e, day) : 0;
	return e;
}

static enum record_result failed(struct hep_ctx *ctx, char *msg, size_t msglen)
{
	strfmt(msg, msglen, "%s", store_error(ctx->store));
	store_rollback(ctx->store);
	return REC_FAILED;
}

static enum record_result commit(struct hep_ctx *ctx, char *msg, size_t msglen)
{
	if (store_commit(ctx->store) != 0) {
		strfmt(msg, msglen,
		       "%s (the last change may or may not be saved)",
		       store_error(ctx->store));
		return REC_FAILED;
	}
	return REC_OK;
}

/*
 * What done and skip share: a known id and an allowed day, id on day's list
 * (for_skip only words the refusal), then the write transaction begun and
 * what day holds for id read inside it.
 */
static enum record_result
begin_day(struct hep_ctx *ctx, const char *id, cal_day day, bool for_skip,
          const struct rx_exercise **e, int *scheduled, int *done,
          enum skip_reason *skip, char *msg, size_t msglen)
{
	char d[CAL_DATE_LEN];
	enum record_result r = check_day(ctx, id, day, e, msg, msglen);
	if (r != REC_OK)
		return r;
	on_day(ctx, id, day, scheduled);
	if (*scheduled == 0) {
		strfmt(msg, msglen,
		       for_skip ? "\"%s\" is not on the list for %s"
		                : "\"%s\" is not due on %s",
		       id, cal_format(day, d));
		return REC_REFUSED;
	}
	if (store_begin(ctx->store) != 0 ||
	    store_day_entry(ctx->store, id, day, done, skip) != 0)
		return failed(ctx, msg, msglen);
	return REC_OK;
}

/* Ends a refused write: nothing was written. */
static enum record_result refuse(struct hep_ctx *ctx)
{
	store_rollback(ctx->store);
	return REC_REFUSED;
}

enum record_result record_done(struct hep_ctx *ctx, const char *id, cal_day day,
                               int pain, const char *note, char *msg,
                               size_t msglen)
{
	const struct rx_exercise *e;
	int scheduled, done;
	enum skip_reason skip;
	char d[CAL_DATE_LEN];
	enum record_result r = begin_day(ctx, id, day, false, &e, &scheduled,
	                                 &done, &skip, msg, msglen);
	if (r != REC_OK)
		return r;
	if (skip_excused(skip) && done < scheduled) {
		strfmt(
		    msg, msglen,
		    "\"%s\" was skipped (%s) on %s; undo takes the skip back",
		    id, skip_reason_name(skip), cal_format(day, d));
		return refuse(ctx);
	}
	if (done >= scheduled) {
		strfmt(msg, msglen,
		       "all %d session%s of \"%s\" are already done on %s",
		       scheduled, scheduled == 1 ? "" : "s", id,
		       cal_format(day, d));
		return refuse(ctx);
	}
	/* Late: logged after its day was over (SPEC section 4). */
	bool late = ctx->today > day;
	if (store_session_add(ctx->store, id, day, done + 1, ctx->now.utc, late,
	                      pain, note) != 0)
		return failed(ctx, msg, msglen);
	r = commit(ctx, msg, msglen);
	if (r == REC_OK)
		strfmt(msg, msglen, "%s: session %d of %d recorded for %s%s",
		       e->name, done + 1, scheduled, cal_format(day, d),
		       late ? " (late)" : "");
	return r;
}

enum record_result record_undo(struct hep_ctx *ctx, const char *id, cal_day day,
                               char *msg, size_t msglen)
{
	const struct rx_exercise *e;
	enum record_result r = check_day(ctx, id, day, &e, msg, msglen);
	char d[CAL_DATE_LEN];
	if (r != REC_OK)
		return r;
	int kind, n;
	if (store_begin(ctx->store) != 0 ||
	    store_last_entry(ctx->store, id, day, &kind, &n) != 0)
		return failed(ctx, msg, msglen);
	if (kind == 0) {
		store_rollback(ctx->store);
		strfmt(msg, msglen, "nothing recorded for \"%s\" on %s", id,
		       cal_format(day, d));
		return REC_REFUSED;
	}
	if ((kind == 1 ? store_session_delete(ctx->store, id, day, n)
	               : store_skip_delete(ctx->store, id, day)) != 0)
		return failed(ctx, msg, msglen);
	r = commit(ctx, msg, msglen);
	if (r == REC_OK && kind == 1)
		strfmt(msg, msglen, "%s: session %d taken back for %s", e->name,
		       n, cal_format(day, d));
	else if (r == REC_OK)
		strfmt(msg, msglen, "%s: skip taken back for %s", e->name,
		       cal_format(day, d));
	return r;
}

enum record_result record_skip(struct hep_ctx *ctx, const char *id, cal_day day,
                               enum skip_reason reason, const char *note,
                               char *msg, size_t msglen)
{
	const struct rx_exercise *e;
	int scheduled, done;
	enum skip_reason skip;
	char d[CAL_DATE_LEN];
	enum record_result r = begin_day(ctx, id, day, true, &e, &scheduled,
	                                 &done, &skip, msg, msglen);
	if (r != REC_OK)
		return r;
	if (skip != SKIP_NONE || done >= scheduled) {
		strfmt(msg, msglen,
		       skip != SKIP_NONE ? "\"%s\" is already skipped on %s"
		                         : "\"%s\" is already done on %s",
		       id, cal_format(day, d));
		return refuse(ctx);
	}
	if (store_skip_add(ctx->store, id, day, reason, ctx->now.utc, note) !=
	    0)
		return failed(ctx, msg, msglen);
	r = commit(ctx, msg, msglen);
	if (r == REC_OK)
		strfmt(msg, msglen, "%s: skipped (%s) on %s", e->name,
		       skip_reason_name(reason), cal_format(day, d));
	return r;
}

enum record_result record_annotate(struct hep_ctx *ctx, const char *id,
                                   cal_day day, int pain, const char *note,
                                   char *msg, size_t msglen)
{
	const struct rx_exercise *e;
	enum record_result r = check_day(ctx, id, day, &e, msg, msglen);
	char d[CAL_DATE_LEN];
	if (r != REC_OK)
		return r;
	int done;
	enum skip_reason skip;
	if (store_begin(ctx->store) != 0 ||
	    store_day_entry(ctx->store, id, day, &done, &skip) != 0)
		return failed(ctx, msg, msglen);
	if (done == 0) {
		strfmt(msg, msglen,
		       "No session of %s on %s yet: tick one first.", e->name,
		       cal_format(day, d));
		return refuse(ctx);
	}
	if (store_session_annotate(ctx->store, id, day, done, pain, note) != 0)
		return failed(ctx, msg, msglen);
	r = commit(ctx, msg, msglen);
	if (r == REC_OK && pain >= 0)
		strfmt(msg, msglen, "%s: pain %d recorded for session %d",
		       e->name, pain, done);
	else if (r == REC_OK)
		strfmt(msg, msglen,
		       note && *note ? "%s: note saved for session %d"
		                     : "%s: note removed from session %d",
		       e->name, done);
	return r;
}
