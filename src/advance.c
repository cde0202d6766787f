/*
 * advance: taking an earned step (SPEC 2.2): what `hep advance`, the
 * screen's `a` and the "auto" mode share.
 */
#include "hep/advance.h"

#include <stdlib.h>
#include <string.h>

#include "hep/steps.h"
#include "hep/text.h"
#include "hep/util.h"

/* What a step taken is, found on today's list. */
struct taking {
	struct day_item *items; /* today's list (owned) */
	size_t n;
	const struct day_item *it;      /* id's item, or NULL */
	const struct rx_exercise *base; /* its earned exercise, or NULL */
};

static void taking_free(struct taking *t)
{
	free(t->items);
	memset(t, 0, sizeof *t);
}

static void find_item(struct hep_ctx *ctx, const char *id, struct taking *t)
{
	memset(t, 0, sizeof *t);
	progress_day(&ctx->hist, ctx->today, &t->items, &t->n);
	for (size_t i = 0; i < t->n && !t->it; i++)
		if (strcmp(t->items[i].ex->id, id) == 0)
			t->it = &t->items[i];
	if (t->it)
		t->base = ctx_earned_base(ctx, t->it, ctx->today);
}

/* "+5 kg backpack (step 1 of 2)", or "body weight (its first dose)". */
static char *step_words(const struct hep_ctx *ctx,
                        const struct rx_exercise *base, int step, bool back,
                        char *buf, size_t size)
{
	struct step_readiness r = {.step = step, .back = back};
	char what[128];
	ctx_ready_text(base, &r, ctx->ascii, what, sizeof what);
	if (step == 0)
		strfmt(buf, size, "%s (its first dose)", what);
	else
		strfmt(buf, size, "%s (step %d of %zu)", what, step,
		       base->n_steps);
	return buf;
}

/* Writes the advance of t's exercise to step, and re-reads the history;
 * *effective gets its day. */
static enum record_result write_step(struct hep_ctx *ctx,
                                     const struct taking *t, int step,
                                     bool back, cal_day *effective, char *msg,
                                     size_t msglen)
{
	char why[128];
	if (back)
		strfmt(why, sizeof why, "stepped back");
	else
		rx_when_text(&rx_step(t->base, step)->when, false, why,
		             sizeof why);
	enum record_result r =
	    record_advance(ctx, t->base->id, ctx->today, step, back, why,
	                   effective, msg, msglen);
	char err[256];
	if (r == REC_OK && ctx_refresh(ctx, &ctx->now, err, sizeof err) != 0) {
		strfmt(msg, msglen, "%s", err);
		return REC_FAILED;
	}
	return r;
}

/* Why the step asked for may not be taken (msg), or REC_OK with *step. */
static enum record_result may_take(struct hep_ctx *ctx, const char *id,
                                   const struct taking *t, bool back, int *step,
                                   char *msg, size_t msglen)
{
	char d[CAL_DATE_LEN];
	if (!rx_find(ctx->rx->ex, ctx->rx->n_ex, id)) {
		record_unknown(ctx, id, msg, msglen);
		return REC_REFUSED;
	}
	if (history_ended(&ctx->hist, ctx->today)) {
		strfmt(msg, msglen,
		       "the program has ended: there is no step to take; ask "
		       "your therapist for the next program");
		return REC_REFUSED;
	}
	if (!t->it) {
		strfmt(msg, msglen, "\"%s\" is not on the list for %s", id,
		       cal_format(ctx->today, d));
		return REC_REFUSED;
	}
	const char *name = t->it->ex->name;
	if (!t->base) {
		strfmt(msg, msglen,
		       "%s has no earned steps: its dose changes only with "
		       "the prescription",
		       name);
		return REC_REFUSED;
	}
	int cur = t->it->ex->step;
	int next = history_on(&ctx->hist, t->base, ctx->today + 1, NULL)->step;
	if (next != cur) {
		strfmt(msg, msglen,
		       "%s: step %d is taken already, from tomorrow (undo "
		       "takes it back)",
		       name, next);
		return REC_REFUSED;
	}
	if (back) {
		if (cur == 0) {
			strfmt(msg, msglen,
			       "%s is at its first dose: there is no step to "
			       "step back to",
			       name);
			return REC_REFUSED;
		}
		*step = cur - 1;
		return REC_OK;
	}
	if ((size_t)cur >= t->base->n_steps) {
		strfmt(msg, msglen, "%s is at its last step (%d of %zu)", name,
		       cur, t->base->n_steps);
		return REC_REFUSED;
	}
	if (t->base->advance == RX_ADVANCE_THERAPIST) {
		strfmt(msg, msglen,
		       "%s's next step is your therapist's to give "
		       "(advance = \"therapist\"): ask at your next visit",
		       name);
		return REC_REFUSED;
	}
	struct step_readiness r;
	if (ctx_readiness(ctx, t->it, ctx->today, ctx->ascii, &r, msg,
	                  msglen) != 0)
		return REC_FAILED;
	if (r.step < 0 || r.back) {
		strfmt(msg, msglen, "%s is not ready for step %d: %s%s", name,
		       cur + 1, r.back ? "a step back is suggested, " : "",
		       r.why);
		return REC_REFUSED;
	}
	*step = r.step;
	return REC_OK;
}

enum record_result advance_take(struct hep_ctx *ctx, const char *id, bool back,
                                char *msg, size_t msglen)
{
	struct taking t;
	find_item(ctx, id, &t);
	int step;
	cal_day effective;
	char words[200], name[256];
	enum record_result r = may_take(ctx, id, &t, back, &step, msg, msglen);
	if (r == REC_OK) {
		/* Said from the prescription read before the write: the
		 * history is read anew after it. */
		step_words(ctx, t.base, step, back, words, sizeof words);
		strfmt(name, sizeof name, "%s", t.base->name);
		r = write_step(ctx, &t, step, back, &effective, msg, msglen);
	}
	if (r == REC_OK)
		strfmt(msg, msglen, "%s: from %s, %s", name,
		       effective == ctx->today ? "today" : "tomorrow", words);
	taking_free(&t);
	return r;
}

/* One auto exercise's step, if ready: taken, said into said. */
static int auto_one(struct hep_ctx *ctx, const char *id, char *said,
                    size_t size, char *err, size_t errlen)
{
	struct taking t;
	find_item(ctx, id, &t);
	struct step_readiness r;
	bool held = false;
	int rc = 0;
	if (!t.base || t.base->advance != RX_ADVANCE_AUTO ||
	    ctx_readiness(ctx, t.it, ctx->today, ctx->ascii, &r, err, errlen) !=
	        0 ||
	    r.step < 0)
		goto out;
	if (store_advance_held(ctx->store, id, &held) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		rc = -1;
		goto out;
	}
	cal_day effective;
	char msg[256], words[200];
	step_words(ctx, t.base, r.step, r.back, words, sizeof words);
	if (held || write_step(ctx, &t, r.step, r.back, &effective, msg,
	                       sizeof msg) != REC_OK) {
		rc = held ? 0 : -1;
		if (rc)
			strfmt(err, errlen, "%s", msg);
		goto out;
	}
	size_t at = strlen(said);
	strfmt(said + at, size - at, "%sFrom %s: %s, %s %s", at ? "\n" : "",
	       effective == ctx->today ? "today" : "tomorrow", words,
	       r.back ? "after" : "earned by", r.why);
out:
	taking_free(&t);
	return rc;
}

int advance_auto(struct hep_ctx *ctx, char *said, size_t size, char *err,
                 size_t errlen)
{
	said[0] = '\0';
	if (ctx->clock_behind[0] || history_ended(&ctx->hist, ctx->today))
		return 0;
	/* In file order; each step re-reads the history, so the ids are
	 * the prescription's, not the list's. */
	for (size_t i = 0; i < ctx->rx->n_ex; i++) {
		if (ctx->rx->ex[i].advance != RX_ADVANCE_AUTO)
			continue;
		if (auto_one(ctx, ctx->rx->ex[i].id, said, size, err, errlen) !=
		    0)
			return -1;
	}
	return 0;
}
