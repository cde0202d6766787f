#include "hep/record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/outcomes.h"
#include "hep/text.h"
#include "hep/util.h"

const struct rx_exercise *record_find(struct hep_ctx *ctx, const char *id,
                                      cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(&ctx->hist, day);
	const struct rx_exercise *e = s ? rx_find(s->ex, s->n, id) : NULL;
	for (size_t i = ctx->n_snaps; !e && i > 0; i--)
		e = rx_find(ctx->snaps[i - 1].ex, ctx->snaps[i - 1].n, id);
	/* Held are the snapshots since the streak mark: an id only older
	 * ones held needs them all. */
	char err[8];
	if (!e && ctx_all_snapshots(ctx, err, sizeof err) == 0)
		for (size_t i = ctx->n_snaps; !e && i > 0; i--)
			e = rx_find(ctx->snaps[i - 1].ex, ctx->snaps[i - 1].n,
			            id);
	return e ? history_on(&ctx->hist, e, day, NULL) : NULL;
}

void record_unknown(struct hep_ctx *ctx, const char *id, char *msg,
                    size_t msglen)
{
	const struct rx_measure *m = rx_find_measure(ctx->rx, id);
	if (m) {
		strfmt(msg, msglen,
		       "%s (%s) is a measure, not an exercise: record it with "
		       "'hep measure %s VALUE'",
		       m->name, id, id);
		return;
	}
	char **ids = NULL, near[160] = "";
	size_t n = 0;
	if (store_exercise_ids(ctx->store, &ids, &n) == 0)
		text_closest(id, (const char *const *)ids, n, near,
		             sizeof near);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	if (near[0])
		strfmt(msg, msglen, "unknown exercise \"%s\"; did you mean %s?",
		       TEXT_QUOTE(id, 60), near);
	else
		strfmt(msg, msglen, "unknown exercise \"%s\"",
		       TEXT_QUOTE(id, 60));
}

/* A day a write may be for: neither in the future nor before the start;
 * and no write at all with a clock behind the record (SPEC 6.2). */
static enum record_result check_when(const struct hep_ctx *ctx, cal_day day,
                                     char *msg, size_t msglen)
{
	char d[CAL_DATE_LEN], s[CAL_DATE_LEN];
	if (ctx->clock_behind[0]) {
		strfmt(msg, msglen, "%s", ctx->clock_behind);
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

/* Rules every write shares: a known id, a day neither future nor too early. */
static enum record_result check_day(struct hep_ctx *ctx, const char *id,
                                    cal_day day, const struct rx_exercise **e,
                                    char *msg, size_t msglen)
{
	if (ctx->clock_behind[0])
		return check_when(ctx, day, msg, msglen);
	*e = record_find(ctx, id, day);
	if (!*e) {
		record_unknown(ctx, id, msg, msglen);
		return REC_REFUSED;
	}
	return check_when(ctx, day, msg, msglen);
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

/* Ends a refused write: nothing was written. */
static enum record_result refuse(struct hep_ctx *ctx)
{
	store_rollback(ctx->store);
	return REC_REFUSED;
}

/* The sessions id may have on day before skips (0 when not on its list):
 * those due, or for an as-needed exercise its per_day (SPEC 2.1). */
static int scheduled_on(const struct hep_ctx *ctx, const char *id, cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(&ctx->hist, day);
	const struct rx_exercise *e = s ? rx_find(s->ex, s->n, id) : NULL;
	if (!e)
		return 0;
	if (history_ended(&ctx->hist, day))
		return progress_after_end(&ctx->hist, e, day);
	e = history_on(&ctx->hist, e, day, NULL);
	if (e->as_needed)
		return progress_in_phase(&ctx->hist, e, day) ? e->per_day : 0;
	return progress_scheduled(&ctx->hist, e, day);
}

/* What begin finds of an exercise and a day: its row of the prescription,
 * what the diary holds (free with store_day_free), the day in words and,
 * when counted, how many sessions it is scheduled for. */
struct day_start {
	const struct rx_exercise *e;
	struct store_day now;
	char d[CAL_DATE_LEN];
	int scheduled;
};

/*
 * What every write shares: a known id and an allowed day (with count,
 * id on day's list too: for_skip only words the refusal), then the write
 * transaction begun and what the diary holds for id on day read inside it,
 * all into *ds.
 */
static enum record_result begin(struct hep_ctx *ctx, const char *id,
                                cal_day day, bool count, bool for_skip,
                                struct day_start *ds, char *msg, size_t msglen)
{
	memset(ds, 0, sizeof *ds);
	cal_format(day, ds->d);
	enum record_result r = check_day(ctx, id, day, &ds->e, msg, msglen);
	if (r != REC_OK)
		return r;
	if (count && for_skip && history_ended(&ctx->hist, day)) {
		strfmt(msg, msglen,
		       "the program ended before %s: nothing is due, so there "
		       "is nothing to skip",
		       ds->d);
		return REC_REFUSED;
	}
	if (count && for_skip && ds->e->as_needed) {
		strfmt(msg, msglen,
		       "\"%s\" is done as needed: it is never due, so there "
		       "is nothing to skip",
		       id);
		return REC_REFUSED;
	}
	if (count && (ds->scheduled = scheduled_on(ctx, id, day)) == 0) {
		strfmt(msg, msglen,
		       for_skip ? "\"%s\" is not on the list for %s"
		                : "\"%s\" is not due on %s",
		       id, ds->d);
		return REC_REFUSED;
	}
	if (store_begin(ctx->store) != 0 ||
	    store_day_read(ctx->store, id, day, &ds->now) != 0)
		return failed(ctx, msg, msglen);
	return REC_OK;
}

/* A new entry of id on day, made now. */
static struct diary_entry new_entry(const struct hep_ctx *ctx,
                                    enum entry_kind kind, const char *id,
                                    cal_day day)
{
	struct diary_entry x;
	memset(&x, 0, sizeof x);
	x.kind = kind;
	strfmt(x.exercise, sizeof x.exercise, "%s", id);
	x.day = day;
	x.made_utc = ctx->now.utc;
	/* Late: made after its day was over (SPEC section 4). */
	x.late = ctx->today > day;
	x.pain = x.pain_before = x.old_pain = x.old_pain_before = -1;
	x.effort = x.old_effort = -1;
	return x;
}

bool record_advice(const struct hep_ctx *ctx, const struct rx_exercise *e,
                   int pain, const char *when, char *buf, size_t size)
{
	int limit = rx_pain_limit(e, &ctx->rx->program);
	buf[0] = '\0';
	if (limit < 0 || pain <= limit)
		return false;
	strfmt(buf, size, "Pain %d%s%s%s is above your limit of %d for %s. %s",
	       pain, when ? " " : "", when ? when : "",
	       when ? " the session" : "", limit, e->name,
	       rx_pain_advice(&ctx->rx->program));
	return true;
}

/* Sets ctx->advice when a pain just recorded for a session of e (after
 * or before it) is above its limit, the higher if both are; clears it
 * otherwise. */
static void pain_check(struct hep_ctx *ctx, const struct rx_exercise *e,
                       int pain, int pain_before)
{
	bool after = pain >= pain_before;
	record_advice(ctx, e, after ? pain : pain_before,
	              after ? "after" : "before", ctx->advice,
	              sizeof ctx->advice);
}

void record_effort_note(const struct hep_ctx *ctx, const struct rx_exercise *e,
                        int effort, char *buf, size_t size)
{
	buf[0] = '\0';
	if (effort < 0 || e->effort.lo < 0)
		return;
	int lo = e->effort.lo, hi = e->effort.hi > lo ? e->effort.hi : lo;
	char target[32];
	rx_range_text(e->effort, false, ctx->ascii, target, sizeof target);
	if (effort > hi)
		strfmt(buf, size,
		       "Above the %s you were given: keep the load for now.",
		       target);
	else if (effort < lo)
		strfmt(buf, size,
		       "Below the %s you were given: that is fine; tell your "
		       "therapist if it stays easy.",
		       target);
}

/* Adds to ctx->advice what an effort just recorded for a session of e
 * outside its target says (after any pain advice). */
static void effort_check(struct hep_ctx *ctx, const struct rx_exercise *e,
                         int effort)
{
	char note[200];
	record_effort_note(ctx, e, effort, note, sizeof note);
	if (note[0])
		strpart(ctx->advice, sizeof ctx->advice, "\n", "%s", note);
}

/* Gives x its identity (an id, a stamp after every stored one) and
 * appends it, in the caller's transaction. */
static enum record_result append(struct hep_ctx *ctx, struct diary_entry *x,
                                 char *msg, size_t msglen)
{
	if (store_identify(ctx->store, ctx->now.ms, x) != 0 ||
	    store_append(ctx->store, x, NULL) != 0)
		return failed(ctx, msg, msglen);
	return REC_OK;
}

/*
 * The slot a session of timed exercise e takes on day (SPEC 2.2) into
 * x->slot: want if given (it must be an untaken slot of e), else the
 * untaken slot nearest the clock today, the first untaken on another day.
 * False, with msg, if want is not one to take; true with x->slot "" when
 * e is not timed.
 */
/* The slots of e the standing sessions of a day's state took. */
static unsigned slots_of(const struct rx_exercise *e,
                         const struct diary_state *s)
{
	unsigned taken = 0;
	for (size_t i = 0; i < s->n_sessions; i++) {
		int k = rx_slot_find(e, s->sessions[i].entry->slot);
		taken |= k >= 0 ? 1u << k : 0;
	}
	return taken;
}

int record_slots_taken(struct hep_ctx *ctx, const struct rx_exercise *e,
                       cal_day day, unsigned *taken)
{
	struct store_day d;
	*taken = 0;
	if (store_day_read(ctx->store, e->id, day, &d) != 0)
		return -1;
	*taken = slots_of(e, &d.state);
	store_day_free(&d);
	return 0;
}

static bool take_slot(const struct hep_ctx *ctx, const struct day_start *ds,
                      cal_day day, const char *want, struct diary_entry *x,
                      char *msg, size_t msglen)
{
	const struct rx_exercise *e = ds->e;
	unsigned taken = slots_of(e, &ds->now.state);
	int k = -1;
	if (want) {
		k = rx_timed(e) ? rx_slot_find(e, want) : -1;
		if (k < 0 || (taken & (1u << k))) {
			strfmt(msg, msglen,
			       k < 0 ? "\"%s\" has no slot %s on %s"
			             : "\"%s\": the %s slot is taken on %s",
			       e->id, want, ds->d);
			return false;
		}
	} else if (!rx_timed(e)) {
		return true;
	} else if (day == ctx->hist.today) {
		k = rx_slot_nearest(e, taken, ctx->now.minute,
		                    ctx->rx->program.day_starts);
	} else {
		int m;
		for (k = 0; rx_slot_minutes(e, k, &m) && (taken & (1u << k));
		     k++)
			;
		if (!rx_slot_minutes(e, k, &m))
			k = -1;
	}
	if (k >= 0)
		rx_at_label(e, k, x->slot, sizeof x->slot);
	return true;
}

enum record_result record_done(struct hep_ctx *ctx, const char *id, cal_day day,
                               int pain, int pain_before, const char *note,
                               char *msg, size_t msglen)
{
	struct record_rating rate = {pain, pain_before, -1};
	return record_done_rated(ctx, id, day, &rate, note, NULL, msg, msglen);
}

enum record_result record_done_rated(struct hep_ctx *ctx, const char *id,
                                     cal_day day,
                                     const struct record_rating *rate,
                                     const char *note, const char *slot,
                                     char *msg, size_t msglen)
{
	int pain = rate->pain, pain_before = rate->pain_before;
	struct day_start ds;
	enum record_result r =
	    begin(ctx, id, day, true, false, &ds, msg, msglen);
	if (r != REC_OK)
		return r;
	int done = (int)ds.now.state.n_sessions;
	const struct diary_entry *skip = ds.now.state.skip;
	if (skip && skip_excused(skip->reason) && done < ds.scheduled) {
		strfmt(
		    msg, msglen,
		    "\"%s\" was skipped (%s) on %s; undo takes the skip back",
		    id, skip_reason_name(skip->reason), ds.d);
		r = refuse(ctx);
	} else if (done >= ds.scheduled + rx_per_day_welcome(ds.e)) {
		if (rx_per_day_welcome(ds.e))
			strfmt(msg, msglen,
			       "\"%s\" is done %d to %d times a day; all %d "
			       "are recorded on %s",
			       id, ds.e->per_day, ds.e->per_day_max,
			       ds.e->per_day_max, ds.d);
		else if (ds.e->as_needed)
			strfmt(msg, msglen,
			       "\"%s\" is done as needed up to %d times a "
			       "day; all %d are recorded on %s",
			       id, ds.scheduled, ds.scheduled, ds.d);
		else if (ds.scheduled == 1)
			strfmt(msg, msglen, "\"%s\" is already done on %s", id,
			       ds.d);
		else
			strfmt(
			    msg, msglen,
			    "all %d sessions of \"%s\" are already done on %s",
			    ds.scheduled, id, ds.d);
		r = refuse(ctx);
	} else {
		struct diary_entry x = new_entry(ctx, ENTRY_SESSION, id, day);
		x.session = done + 1;
		x.pain = pain;
		x.pain_before = pain_before;
		x.effort = rate->effort;
		x.note = note && *note ? note : NULL;
		r = take_slot(ctx, &ds, day, slot, &x, msg, msglen)
		        ? append(ctx, &x, msg, msglen)
		        : refuse(ctx);
		/* The patient did it after all: a skip that excused nothing
		 * is withdrawn, in the same action (SPEC section 3). */
		if (r == REC_OK && skip) {
			struct diary_entry w =
			    new_entry(ctx, ENTRY_WITHDRAW, id, day);
			w.reason = skip->reason;
			memcpy(w.target, skip->id, sizeof w.target);
			memcpy(w.by, x.id, sizeof w.by);
			r = append(ctx, &w, msg, msglen);
		}
		if (r == REC_OK)
			r = commit(ctx, msg, msglen);
		if (r == REC_OK) {
			pain_check(ctx, ds.e, pain, pain_before);
			effort_check(ctx, ds.e, rate->effort);
		}
		/* The session's label, when the dose names them ("morning"). */
		char label[RX_AT_COLUMNS * 4 + 4] = "";
		char one[RX_AT_COLUMNS * 4 + 1];
		if (x.slot[0]) /* a timed one: the slot it took */
			strfmt(label, sizeof label, " (%s)", x.slot);
		else if (rx_at_label(ds.e, done, one, sizeof one))
			strfmt(label, sizeof label, " (%s)", one);
		/* Of how many: "3", or a range's "3 to 5" (SPEC 2.2). */
		char of[32];
		strfmt(of, sizeof of, "%d", ds.scheduled);
		if (rx_per_day_welcome(ds.e))
			strpart(of, sizeof of, " to ", "%d",
			        ds.scheduled + rx_per_day_welcome(ds.e));
		if (r == REC_OK && ds.e->as_needed)
			strfmt(msg, msglen,
			       "%s: session %d recorded for %s (as needed)%s",
			       ds.e->name, done + 1, ds.d,
			       x.late ? " (late)" : "");
		else if (r == REC_OK)
			strfmt(msg, msglen,
			       "%s: session %d of %s%s recorded for %s%s%s%s%s",
			       ds.e->name, done + 1, of, label, ds.d,
			       x.late ? " (late)" : "",
			       skip ? "; the skip (" : "",
			       skip ? skip_reason_name(skip->reason) : "",
			       skip ? ") is withdrawn" : "");
	}
	store_day_free(&ds.now);
	return r;
}

/* What an action is, in words: "session 2", "the skip (travel)",
 * "the correction of session 1". */
static void action_words(const struct diary_entry *first, int session,
                         char *buf, size_t size)
{
	switch (first->kind) {
	case ENTRY_SESSION:
		strfmt(buf, size, "session %d", session);
		break;
	case ENTRY_SKIP:
		strfmt(buf, size, "the skip (%s)",
		       skip_reason_name(first->reason));
		break;
	case ENTRY_CORRECTION:
		strfmt(buf, size, "the correction of session %d", session);
		break;
	case ENTRY_ADVANCE:
		strfmt(buf, size, "the %s to step %d",
		       first->back ? "step back" : "advance", first->step);
		break;
	default:
		strfmt(buf, size, "the withdrawal of the skip (%s)",
		       skip_reason_name(first->reason));
		break;
	}
}

/* undo (redo false) or redo of id on day. */
static enum record_result move_back(struct hep_ctx *ctx, const char *id,
                                    cal_day day, bool redo, char *msg,
                                    size_t msglen)
{
	struct day_start ds;
	char what[80];
	const struct rx_measure *m = rx_find_measure(ctx->rx, id);
	if (m) {
		/* A measure is corrected by a new value, never taken back
		 * (SPEC section 6.1): say how. */
		strfmt(msg, msglen,
		       "%s (%s) is a measure, not an exercise: %s moves "
		       "along an exercise's day. Record the right value "
		       "with 'hep measure %s VALUE': a day's latest value "
		       "counts, and hep log keeps both",
		       m->name, id, redo ? "redo" : "undo", id);
		return REC_REFUSED;
	}
	enum record_result r =
	    begin(ctx, id, day, false, false, &ds, msg, msglen);
	if (r != REC_OK)
		return r;
	const struct diary_entry *target =
	    redo ? ds.now.state.redo : ds.now.state.undo;
	/* What the entry acts on: undo the action, redo the undo. */
	const struct diary_entry *acts_on =
	    redo ? ds.now.state.redo_undo : ds.now.state.undo;
	int session =
	    redo ? ds.now.state.redo_session : ds.now.state.undo_session;
	if (!target) {
		strfmt(msg, msglen, "nothing to %s for \"%s\" on %s",
		       redo ? "redo" : "undo", id, ds.d);
		store_day_free(&ds.now);
		return refuse(ctx);
	}
	action_words(target, session, what, sizeof what);
	struct diary_entry x =
	    new_entry(ctx, redo ? ENTRY_REDO : ENTRY_UNDO, id, day);
	x.session = target->kind == ENTRY_SKIP ? 0 : session;
	x.reason = target->reason;
	memcpy(x.target, acts_on->id, sizeof x.target);
	r = append(ctx, &x, msg, msglen);
	if (r == REC_OK)
		r = commit(ctx, msg, msglen);
	if (r == REC_OK && redo)
		strfmt(msg, msglen, "%s: %s brought back for %s", ds.e->name,
		       what, ds.d);
	else if (r == REC_OK)
		strfmt(msg, msglen,
		       "%s: %s taken back for %s (redo brings it back)",
		       ds.e->name, what, ds.d);
	store_day_free(&ds.now);
	return r;
}

enum record_result record_undo(struct hep_ctx *ctx, const char *id, cal_day day,
                               char *msg, size_t msglen)
{
	return move_back(ctx, id, day, false, msg, msglen);
}

enum record_result record_redo(struct hep_ctx *ctx, const char *id, cal_day day,
                               char *msg, size_t msglen)
{
	return move_back(ctx, id, day, true, msg, msglen);
}

enum record_result record_advance(struct hep_ctx *ctx, const char *id,
                                  cal_day day, int step, bool back,
                                  const char *why, cal_day *effective,
                                  char *msg, size_t msglen)
{
	struct day_start ds;
	enum record_result r =
	    begin(ctx, id, day, false, false, &ds, msg, msglen);
	if (r != REC_OK)
		return r;
	bool any = false;
	for (size_t i = 0; i < ds.now.n; i++) {
		enum entry_kind k = ds.now.entries[i].kind;
		any = any || (ds.now.state.status[i] == STATUS_STANDING &&
		              (k == ENTRY_SESSION || k == ENTRY_SKIP ||
		               k == ENTRY_ADVANCE));
	}
	struct diary_entry x = new_entry(ctx, ENTRY_ADVANCE, id, day);
	x.step = step;
	x.back = back;
	x.effective = *effective = any ? day + 1 : day;
	x.note = why;
	r = append(ctx, &x, msg, msglen);
	if (r == REC_OK)
		r = commit(ctx, msg, msglen);
	store_day_free(&ds.now);
	return r;
}

/* "pain 4 → 2" and the like, for what a correction changes; arrow is
 * text_glyph's. */
static void describe_pain(char *buf, size_t size, const char *what, int from,
                          int to, const char *arrow)
{
	char a[8] = "none", b[8] = "none";
	if (from >= 0)
		strfmt(a, sizeof a, "%d", from);
	if (to >= 0)
		strfmt(b, sizeof b, "%d", to);
	strfmt(buf + strlen(buf), size - strlen(buf), "%s%s %s %s %s",
	       buf[0] ? ", " : "", what, a, arrow, b);
}

enum record_result record_edit(struct hep_ctx *ctx, const char *id, cal_day day,
                               const struct record_fix *fix, char *msg,
                               size_t msglen)
{
	struct day_start ds;
	enum record_result r =
	    begin(ctx, id, day, false, false, &ds, msg, msglen);
	if (r != REC_OK)
		return r;
	size_t n = ds.now.state.n_sessions;
	int which = fix->session > 0 ? fix->session : (int)n;
	if (n == 0 || which > (int)n) {
		if (n == 0)
			strfmt(msg, msglen,
			       "no session of \"%s\" stands on %s to correct",
			       id, ds.d);
		else
			strfmt(msg, msglen,
			       "session %d of \"%s\" does not stand on %s (%zu "
			       "do)",
			       which, id, ds.d, n);
		store_day_free(&ds.now);
		return refuse(ctx);
	}
	const struct diary_session *s = &ds.now.state.sessions[which - 1];
	const char *note = fix->note && *fix->note ? fix->note : NULL;
	struct diary_entry x = new_entry(ctx, ENTRY_CORRECTION, id, day);
	x.session = which;
	memcpy(x.target, s->entry->id, sizeof x.target);
	char change[160] = "";
	if ((fix->fixes & FIX_PAIN) && fix->pain != s->pain) {
		x.fixes |= FIX_PAIN;
		x.pain = fix->pain;
		x.old_pain = s->pain;
		describe_pain(change, sizeof change, "pain", s->pain, fix->pain,
		              text_glyph(GLYPH_ARROW, ctx->ascii));
	}
	if ((fix->fixes & FIX_PAIN_BEFORE) &&
	    fix->pain_before != s->pain_before) {
		x.fixes |= FIX_PAIN_BEFORE;
		x.pain_before = fix->pain_before;
		x.old_pain_before = s->pain_before;
		describe_pain(change, sizeof change, "pain before",
		              s->pain_before, fix->pain_before,
		              text_glyph(GLYPH_ARROW, ctx->ascii));
	}
	if ((fix->fixes & FIX_EFFORT) && fix->effort != s->effort) {
		x.fixes |= FIX_EFFORT;
		x.effort = fix->effort;
		x.old_effort = s->effort;
		describe_pain(change, sizeof change, "effort", s->effort,
		              fix->effort, text_glyph(GLYPH_ARROW, ctx->ascii));
	}
	bool same_note = (!note && !s->note) ||
	                 (note && s->note && strcmp(note, s->note) == 0);
	if ((fix->fixes & FIX_NOTE) && !same_note) {
		x.fixes |= FIX_NOTE;
		x.note = note;
		x.old_note = s->note;
		strfmt(change + strlen(change), sizeof change - strlen(change),
		       "%snote %s", change[0] ? ", " : "",
		       !note     ? "removed"
		       : s->note ? "changed"
		                 : "added");
	}
	if (x.fixes == 0) {
		strfmt(msg, msglen,
		       "%s: session %d already says so; nothing "
		       "changed",
		       ds.e->name, which);
		store_day_free(&ds.now);
		store_rollback(ctx->store);
		return REC_OK;
	}
	r = append(ctx, &x, msg, msglen);
	if (r == REC_OK)
		r = commit(ctx, msg, msglen);
	if (r == REC_OK) {
		strfmt(msg, msglen, "%s: session %d of %s corrected: %s",
		       ds.e->name, which, ds.d, change);
		pain_check(ctx, ds.e, (x.fixes & FIX_PAIN) ? x.pain : -1,
		           (x.fixes & FIX_PAIN_BEFORE) ? x.pain_before : -1);
		if (x.fixes & FIX_EFFORT)
			effort_check(ctx, ds.e, x.effort);
	}
	store_day_free(&ds.now);
	return r;
}

enum record_result record_skip(struct hep_ctx *ctx, const char *id, cal_day day,
                               enum skip_reason reason, int pain,
                               const char *note, char *msg, size_t msglen)
{
	struct day_start ds;
	enum record_result r =
	    begin(ctx, id, day, true, true, &ds, msg, msglen);
	if (r != REC_OK)
		return r;
	if (ds.now.state.skip || (int)ds.now.state.n_sessions >= ds.scheduled) {
		strfmt(msg, msglen,
		       ds.now.state.skip ? "\"%s\" is already skipped on %s"
		                         : "\"%s\" is already done on %s",
		       id, ds.d);
		r = refuse(ctx);
	} else {
		struct diary_entry x = new_entry(ctx, ENTRY_SKIP, id, day);
		x.reason = reason;
		x.pain = pain;
		x.note = note && *note ? note : NULL;
		r = append(ctx, &x, msg, msglen);
		if (r == REC_OK)
			r = commit(ctx, msg, msglen);
		if (r == REC_OK) {
			strfmt(msg, msglen, "%s: skipped (%s) on %s",
			       ds.e->name, skip_reason_name(reason), ds.d);
			/* A skip's pain: neither before nor after. */
			record_advice(ctx, ds.e, pain, NULL, ctx->advice,
			              sizeof ctx->advice);
		}
	}
	store_day_free(&ds.now);
	return r;
}

enum record_result record_skip_all(struct hep_ctx *ctx, cal_day day,
                                   enum skip_reason reason, int pain,
                                   const char *note, record_skip_fn *each,
                                   void *arg, int *skipped, char *msg,
                                   size_t msglen)
{
	struct day_item *items;
	size_t n;
	char advice[sizeof ctx->advice] = "", d[CAL_DATE_LEN];
	enum record_result r = REC_REFUSED, last = REC_REFUSED;
	*skipped = 0;
	ctx->advice[0] = '\0';
	strfmt(msg, msglen, "nothing is left to skip on %s",
	       cal_format(day, d));
	progress_day(&ctx->hist, day, &items, &n);
	for (size_t i = 0; i < n && last != REC_FAILED; i++) {
		if (!progress_left(&items[i]))
			continue;
		last = record_skip(ctx, items[i].ex->id, day, reason, pain,
		                   note, msg, msglen);
		if (last == REC_OK)
			++*skipped;
		if (!advice[0])
			strfmt(advice, sizeof advice, "%s", ctx->advice);
		if (each && !each(arg, items[i].ex->id, last, msg))
			break;
	}
	free(items);
	strfmt(ctx->advice, sizeof ctx->advice, "%s", advice);
	if (last == REC_FAILED)
		return REC_FAILED;
	if (*skipped > 0) {
		strfmt(msg, msglen, "%d exercise%s skipped (%s) on %s",
		       *skipped, *skipped == 1 ? "" : "s",
		       skip_reason_name(reason), d);
		r = REC_OK;
	}
	return r;
}

/* ---- outcomes (SPEC section 8) ----------------------------------------- */

/* The latest value of measure id on day, found in the store walk. */
/* The latest value of a measure (id) or the latest PSFS score (id
 * NULL) of the entries walked. */
struct latest {
	const char *id;
	bool found;
	int32_t value;  /* a measure's tenths */
	double score;   /* a PSFS check-in's */
	int64_t before; /* only entries that came before this seq; 0: all */
};

static int latest_of(void *arg, const struct diary_entry *e)
{
	struct latest *l = arg;
	struct psfs_checkin c;
	if (l->before && e->seq >= l->before)
		return 0;
	if (l->id && e->kind == ENTRY_MEASURE &&
	    strcmp(e->exercise, l->id) == 0) {
		l->found = true;
		l->value = e->value;
	} else if (!l->id && e->kind == ENTRY_PSFS && e->items &&
	           psfs_items_parse(e->items, &c)) {
		l->found = true;
		l->score = psfs_score(&c);
		psfs_checkin_free(&c);
	}
	return 0;
}

void record_unknown_measure(struct hep_ctx *ctx, const char *id, char *msg,
                            size_t msglen)
{
	const struct rx_program *p = &ctx->rx->program;
	const char *ids[RX_MAX_MEASURES];
	char near[160] = "";
	for (size_t i = 0; i < p->n_measures; i++)
		ids[i] = p->measures[i].id;
	text_closest(id, ids, p->n_measures, near, sizeof near);
	if (p->n_measures == 0)
		strfmt(msg, msglen,
		       "unknown measure \"%s\": the prescription asks for "
		       "none",
		       TEXT_QUOTE(id, 60));
	else if (near[0])
		strfmt(msg, msglen, "unknown measure \"%s\"; did you mean %s?",
		       TEXT_QUOTE(id, 60), near);
	else if (p->n_measures <= 5) {
		/* None close: the few there are, as the prescription lists
		 * them. */
		strfmt(msg, msglen, "unknown measure \"%s\"; the measures are ",
		       TEXT_QUOTE(id, 60));
		for (size_t i = 0; i < p->n_measures; i++)
			strfmt(msg + strlen(msg), msglen - strlen(msg), "%s%s",
			       i == 0                   ? ""
			       : i + 1 == p->n_measures ? " and "
			                                : ", ",
			       p->measures[i].id);
	} else
		strfmt(msg, msglen, "unknown measure \"%s\"",
		       TEXT_QUOTE(id, 60));
}

enum record_result record_measure(struct hep_ctx *ctx, const char *id,
                                  cal_day day, int32_t value, const char *note,
                                  char *msg, size_t msglen)
{
	const struct rx_measure *m = rx_find_measure(ctx->rx, id);
	char d[CAL_DATE_LEN], a[40], b[40], v[40];
	if (!m) {
		record_unknown_measure(ctx, id, msg, msglen);
		return REC_REFUSED;
	}
	enum record_result r = check_when(ctx, day, msg, msglen);
	if (r != REC_OK)
		return r;
	if (value < m->min || value > m->max) {
		strfmt(msg, msglen, "%s: %s is outside its range, %s to %s",
		       m->name,
		       rx_measure_shown(m, value, ctx->ascii, v, sizeof v),
		       rx_tenths_text(m->min, a, sizeof a),
		       rx_measure_shown(m, m->max, ctx->ascii, b, sizeof b));
		return REC_REFUSED;
	}
	if (store_begin(ctx->store) != 0)
		return failed(ctx, msg, msglen);
	struct latest was = {id, false, 0, 0, 0};
	if (store_each_outcome(ctx->store, day, day, latest_of, &was) != 0)
		return failed(ctx, msg, msglen);
	struct diary_entry x = new_entry(ctx, ENTRY_MEASURE, id, day);
	x.value = value;
	x.note = note && *note ? note : NULL;
	r = append(ctx, &x, msg, msglen);
	if (r == REC_OK)
		r = commit(ctx, msg, msglen);
	if (r != REC_OK)
		return r;
	strfmt(msg, msglen, "%s: %s recorded for %s", m->name,
	       rx_measure_shown(m, value, ctx->ascii, v, sizeof v),
	       cal_format(day, d));
	if (was.found)
		strfmt(msg + strlen(msg), msglen - strlen(msg),
		       " (it replaces %s)",
		       rx_measure_shown(m, was.value, ctx->ascii, a, sizeof a));
	return REC_OK;
}

enum record_result record_psfs(struct hep_ctx *ctx, cal_day day,
                               const int *rating, size_t n, char *msg,
                               size_t msglen)
{
	const struct rx_program *p = &ctx->rx->program;
	char d[CAL_DATE_LEN];
	if (p->n_psfs == 0) {
		strfmt(msg, msglen,
		       "the prescription lists no PSFS activities to rate");
		return REC_REFUSED;
	}
	if (n != p->n_psfs) {
		strfmt(msg, msglen,
		       "%zu rating%s for %zu PSFS activit%s: one rating, 0 to "
		       "10, for each, in order",
		       n, n == 1 ? "" : "s", p->n_psfs,
		       p->n_psfs == 1 ? "y" : "ies");
		return REC_REFUSED;
	}
	for (size_t i = 0; i < n; i++)
		if (rating[i] < 0 || rating[i] > 10) {
			strfmt(
			    msg, msglen,
			    "PSFS rating %zu is %d: each is 0 (unable) to 10 "
			    "(as before the problem)",
			    i + 1, rating[i]);
			return REC_REFUSED;
		}
	enum record_result r = check_when(ctx, day, msg, msglen);
	if (r != REC_OK)
		return r;
	if (store_begin(ctx->store) != 0)
		return failed(ctx, msg, msglen);
	struct latest was = {NULL, false, 0, 0, 0};
	if (store_each_outcome(ctx->store, day, day, latest_of, &was) != 0)
		return failed(ctx, msg, msglen);
	struct diary_entry x = new_entry(ctx, ENTRY_PSFS, "", day);
	char *items = psfs_items_format(rating, p->psfs, n);
	x.items = items;
	r = append(ctx, &x, msg, msglen);
	free(items);
	if (r == REC_OK)
		r = commit(ctx, msg, msglen);
	if (r != REC_OK)
		return r;
	int sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += rating[i];
	char v[16];
	strfmt(msg, msglen, "PSFS: score %s (%zu activit%s) recorded for %s",
	       outcome_mean_text((double)sum / (double)n, false, v, sizeof v),
	       n, n == 1 ? "y" : "ies", cal_format(day, d));
	if (was.found)
		strfmt(msg + strlen(msg), msglen - strlen(msg),
		       " (it replaces the score %s)",
		       outcome_mean_text(was.score, false, v, sizeof v));
	return REC_OK;
}

/* ---- in words ------------------------------------------------------------ */

/* Appends to buf as printf does, never past size. */
static void put(char *buf, size_t size, const char *fmt, ...) HEP_PRINTF(3, 4);

static void put(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	if (used + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* A note, quoted, its control characters escaped; or none. */
static void put_note(char *buf, size_t size, const char *note)
{
	if (!note) {
		put(buf, size, "none");
		return;
	}
	char *shown = text_escape(note, false, xmalloc(size), size);
	put(buf, size, "\"%s\"", shown);
	free(shown);
}

static void put_pain(char *buf, size_t size, int pain)
{
	if (pain >= 0)
		put(buf, size, "%d", pain);
	else
		put(buf, size, "none");
}

/* A pain's change, what "old → new" (arrow), after sep; sep becomes "; ". */
static void put_pain_change(char *buf, size_t size, const char **sep,
                            const char *what, int old, int now,
                            const char *arrow)
{
	put(buf, size, "%s%s ", *sep, what);
	put_pain(buf, size, old);
	put(buf, size, " %s ", arrow);
	put_pain(buf, size, now);
	*sep = "; ";
}

/* What correction e changed: "pain 4 → 2; note none → "x"" (ascii:
 * "->"). */
static void put_changes(char *buf, size_t size, const struct diary_entry *e,
                        bool ascii)
{
	const char *sep = "", *arrow = text_glyph(GLYPH_ARROW, ascii);
	if (e->fixes & FIX_PAIN)
		put_pain_change(buf, size, &sep, "pain", e->old_pain, e->pain,
		                arrow);
	if (e->fixes & FIX_PAIN_BEFORE)
		put_pain_change(buf, size, &sep, "pain before",
		                e->old_pain_before, e->pain_before, arrow);
	if (e->fixes & FIX_EFFORT)
		put_pain_change(buf, size, &sep, "effort", e->old_effort,
		                e->effort, arrow);
	if (e->fixes & FIX_NOTE) {
		put(buf, size, "%snote ", sep);
		put_note(buf, size, e->old_note);
		put(buf, size, " %s ", arrow);
		put_note(buf, size, e->note);
	}
}

/* The entry of d whose id is id, or NULL. */
static const struct diary_entry *day_entry(const struct store_day *d,
                                           const char *id)
{
	for (size_t i = 0; id[0] && i < d->n; i++)
		if (strcmp(d->entries[i].id, id) == 0)
			return &d->entries[i];
	return NULL;
}

/*
 * What an undo took back (a redo brought back): the action its target
 * names (a redo's target is the undo it reverses), in words, with the
 * session's number as it stood just before the entry was made.
 */
static void put_target(struct hep_ctx *ctx, const struct diary_entry *e,
                       char *buf, size_t size)
{
	struct store_day d;
	if (store_day_read(ctx->store, e->exercise, e->day, &d) != 0) {
		put(buf, size, "an action");
		return;
	}
	const struct diary_entry *t = day_entry(&d, e->target);
	if (t && e->kind == ENTRY_REDO)
		t = t->kind == ENTRY_UNDO ? day_entry(&d, t->target) : NULL;
	if (!t) {
		put(buf, size, "nothing");
		store_day_free(&d);
		return;
	}
	/* The day as it stood before e: its entries earlier in the record's
	 * order (store_day_read gives them so). */
	size_t k = 0;
	while (k < d.n && diary_order(&d.entries[k], e) < 0)
		k++;
	struct diary_state before;
	diary_replay(d.entries, k, &before);
	const struct diary_entry *s = t;
	if (t->kind == ENTRY_CORRECTION)
		s = day_entry(&d, t->target);
	int session = 0;
	for (size_t i = 0; s && i < before.n_sessions; i++)
		if (before.sessions[i].entry == s)
			session = (int)i + 1;
	if (session == 0 && s && s->kind == ENTRY_SESSION) {
		/* Taken back then: the number it would stand as. */
		session = 1;
		for (size_t i = 0; i < before.n_sessions; i++)
			session +=
			    before.sessions[i].entry->made_utc < s->made_utc;
	}
	char what[80];
	action_words(t, session ? session : t->session, what, sizeof what);
	put(buf, size, "%s", what);
	if (t->kind == ENTRY_CORRECTION) {
		put(buf, size, " (");
		put_changes(buf, size, t, ctx->ascii);
		put(buf, size, ")");
	}
	diary_state_free(&before);
	store_day_free(&d);
}

/* An advance entry in words: "advance to step 1 from 2026-11-07: "6
 * sessions with pain ≤ 2"". */
static void put_advance(char *buf, size_t size, const struct diary_entry *e)
{
	char d[CAL_DATE_LEN];
	put(buf, size, "%s to step %d from %s",
	    e->back ? "step back" : "advance", e->step,
	    cal_format(e->effective, d));
	if (e->note) {
		put(buf, size, ": ");
		put_note(buf, size, e->note);
	}
}

void record_describe(struct hep_ctx *ctx, const struct diary_entry *e,
                     bool moment, char *buf, size_t size)
{
	buf[0] = '\0';
	switch (e->kind) {
	case ENTRY_SESSION:
	case ENTRY_SKIP:
		if (e->kind == ENTRY_SESSION)
			put(buf, size, "session %d", e->session);
		else
			put(buf, size, "skip (%s)",
			    skip_reason_name(e->reason));
		if (e->pain >= 0)
			put(buf, size, ", pain %d", e->pain);
		if (e->pain_before >= 0)
			put(buf, size, ", pain before %d", e->pain_before);
		if (e->kind == ENTRY_SESSION && e->effort >= 0)
			put(buf, size, ", effort %d", e->effort);
		if (e->note) {
			put(buf, size, ", note ");
			put_note(buf, size, e->note);
		}
		break;
	case ENTRY_UNDO:
		put(buf, size, "undo: took back ");
		put_target(ctx, e, buf, size);
		break;
	case ENTRY_REDO:
		put(buf, size, "redo: brought back ");
		put_target(ctx, e, buf, size);
		break;
	case ENTRY_CORRECTION:
		put(buf, size, "correction of session %d: ", e->session);
		put_changes(buf, size, e, ctx->ascii);
		break;
	case ENTRY_WITHDRAW:
		put(buf, size, "withdrew the skip (%s): done after all",
		    skip_reason_name(e->reason));
		break;
	case ENTRY_MEASURE: {
		char v[40];
		const struct rx_measure *m =
		    rx_find_measure(ctx->rx, e->exercise);
		put(buf, size, "measure %s",
		    rx_measure_shown(m, e->value, ctx->ascii, v, sizeof v));
		/* A second value that day corrects the first: what it
		 * replaced, as a correction of a session shows it. */
		struct latest was = {e->exercise, false, 0, 0, e->seq};
		if (e->seq > 0 &&
		    store_each_outcome(ctx->store, e->day, e->day, latest_of,
		                       &was) == 0 &&
		    was.found)
			put(buf, size, " (was %s)",
			    rx_measure_shown(m, was.value, ctx->ascii, v,
			                     sizeof v));
		if (e->note) {
			put(buf, size, ", note ");
			put_note(buf, size, e->note);
		}
		break;
	}
	case ENTRY_ADVANCE:
		put_advance(buf, size, e);
		break;
	case ENTRY_PSFS: {
		struct psfs_checkin c;
		if (!e->items || !psfs_items_parse(e->items, &c)) {
			put(buf, size, "PSFS check-in (unreadable)");
			break;
		}
		put(buf, size, "PSFS");
		for (size_t i = 0; i < c.n; i++)
			put(buf, size, "%s%d", i ? ", " : " ", c.rating[i]);
		char v[16];
		put(buf, size, " (score %s)",
		    outcome_mean_text(psfs_score(&c), false, v, sizeof v));
		psfs_checkin_free(&c);
		break;
	}
	default:
		put(buf, size, "an entry this hep does not know");
		break;
	}
	/* When it was logged, not only that it was late, unless the caller
	 * shows it: a diary filled in on Friday for the week reads as what it
	 * is. */
	if (e->late && !moment) {
		put(buf, size, " (late)");
	} else if (e->late) {
		char when[CAL_MOMENT_LEN];
		put(buf, size, " (logged late, %s)",
		    cal_moment_text(e->made_utc, when));
	}
}
