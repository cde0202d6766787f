#include "hep/report.h"

#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

/* The exercises in phase on some day of the span, newest versions, in the
 * order of the newest snapshot in force, exercises it dropped after. */
static void collect_exercises(struct report *r, const struct history *h)
{
	for (cal_day d = r->to; d >= r->from; d--) {
		const struct rx_snapshot *s = history_snapshot(h, d);
		for (size_t i = 0; s && i < s->n; i++) {
			const struct rx_exercise *e = &s->ex[i];
			bool listed = false;
			for (size_t k = 0; k < r->n_ex && !listed; k++)
				listed = strcmp(r->ex[k].ex->id, e->id) == 0;
			if (listed || !progress_in_phase(h, e, d))
				continue;
			r->ex = xrealloc(r->ex, (r->n_ex + 1) * sizeof *r->ex);
			struct report_exercise *x = &r->ex[r->n_ex++];
			memset(x, 0, sizeof *x);
			x->ex = e;
		}
	}
}

/* Pain of a set of sessions, split at the span's middle day for the trend. */
struct pain_walk {
	double sum, first, last;
	int n, n_first, n_last;
};

static void pain_add(struct pain_walk *p, cal_day mid,
                     const struct state_row *e)
{
	p->sum += e->pain;
	p->n++;
	if (e->day < mid) {
		p->first += e->pain;
		p->n_first++;
	} else {
		p->last += e->pain;
		p->n_last++;
	}
}

static void pain_set(const struct pain_walk *p, struct report_pain *out)
{
	out->n = p->n;
	out->avg = p->n ? p->sum / p->n : 0;
	out->first = p->n_first ? p->first / p->n_first : out->avg;
	out->last = p->n_last ? p->last / p->n_last : out->avg;
	out->n_first = p->n_first;
	out->n_last = p->n_last;
}

/* One pass over the span's sessions and skips. */
struct gather {
	struct report *r;
	cal_day mid; /* the first day of the span's second half */
	/* pain sums per day */
	double *sum;
	int *count;
	struct pain_walk all, *ex; /* pain of all, and per r->ex */
	size_t last;               /* the r->ex index of the last entry */
	cal_day skip_day[SKIP_OTHER + 1]; /* the last day with a skip of
	                                     each reason */
};

/* The index in r->ex of id (r->n_ex if not listed); entries come grouped
 * by exercise within a day, so the last answer is tried first. */
static size_t exercise_index(struct gather *g, const char *id)
{
	struct report *r = g->r;
	if (g->last < r->n_ex && strcmp(r->ex[g->last].ex->id, id) == 0)
		return g->last;
	size_t k = 0;
	while (k < r->n_ex && strcmp(r->ex[k].ex->id, id) != 0)
		k++;
	g->last = k;
	return k;
}

/* Adds the effort of session e to x: its week's mean, and whether it was
 * outside the target of on, the version in force that day (or NULL). */
static void effort_add(const struct report *r, struct report_effort *x,
                       const struct state_row *e, const struct rx_exercise *on)
{
	x->n++;
	x->sum += e->effort;
	if (on && on->effort.lo >= 0) {
		int hi = on->effort.hi > on->effort.lo ? on->effort.hi
		                                       : on->effort.lo;
		x->targeted++;
		x->above += e->effort > hi;
		x->below += e->effort < on->effort.lo;
	}
	if (!x->week_n) {
		x->week_n = xcalloc(r->n_weeks, sizeof *x->week_n);
		x->week_sum = xcalloc(r->n_weeks, sizeof *x->week_sum);
	}
	cal_day start = cal_week_start(e->day, r->ctx->hist.week_starts);
	for (size_t w = 0; w < r->n_weeks; w++)
		if (r->weeks[w] == start) {
			x->week_n[w]++;
			x->week_sum[w] += e->effort;
		}
}

/* Put x, just added to r->events, in the episode of an earlier event of
 * its day recorded with it (the same pain, moment, limit and logged
 * time), or start one. */
static void event_episode(struct report *r, struct report_event *x)
{
	size_t self = (size_t)(x - r->events);
	x->episode = self;
	for (size_t i = self; i-- > 0 && r->events[i].day == x->day;) {
		const struct report_event *o = &r->events[i];
		if (o->episode == i && o->pain == x->pain &&
		    o->limit == x->limit && o->logged_utc == x->logged_utc &&
		    strcmp(o->when, x->when) == 0) {
			x->episode = i;
			return;
		}
	}
	r->n_episodes++;
}

/* A session's pain after it: its day's sum, the span's halves and its
 * exercise's (k, when the report lists it). */
static void gather_pain(struct gather *g, const struct state_row *e, size_t k)
{
	struct report *r = g->r;
	if (r->n_days == 0 || r->days[r->n_days - 1].day != e->day) {
		r->days = xrealloc(r->days, (r->n_days + 1) * sizeof *r->days);
		g->sum = xrealloc(g->sum, (r->n_days + 1) * sizeof *g->sum);
		g->count =
		    xrealloc(g->count, (r->n_days + 1) * sizeof *g->count);
		r->days[r->n_days].day = e->day;
		g->sum[r->n_days] = 0;
		g->count[r->n_days] = 0;
		r->n_days++;
	}
	g->sum[r->n_days - 1] += e->pain;
	g->count[r->n_days - 1]++;
	pain_add(&g->all, g->mid, e);
	if (k < r->n_ex)
		pain_add(&g->ex[k], g->mid, e);
}

static int gather_entry(void *arg, const struct state_row *e)
{
	struct gather *g = arg;
	struct report *r = g->r;
	size_t k = exercise_index(g, e->exercise);
	if (e->skip != SKIP_NONE) {
		r->skips[e->skip]++;
		/* Entries come by day: a day is counted once per reason. */
		r->skip_days[e->skip] += g->skip_day[e->skip] != e->day;
		g->skip_day[e->skip] = e->day;
		r->skips_late += e->late;
		if (k < r->n_ex) {
			r->ex[k].skips[e->skip]++;
			r->ex[k].skips_late += e->late;
		}
	}
	if (e->skip == SKIP_NONE)
		outcomes_add_session(
		    &r->outcomes,
		    cal_week_start(e->day, r->ctx->hist.week_starts), e->pain,
		    e->pain_before);
	/* A pain on a skip is told among the remarks, not averaged with the
	 * pain after sessions. */
	if (e->pain >= 0 && e->skip == SKIP_NONE)
		gather_pain(g, e, k);
	/* A pain above the limit in force that day. */
	const struct rx_snapshot *snap =
	    history_snapshot(&r->ctx->hist, e->day);
	const struct rx_exercise *v =
	    snap ? rx_find(snap->ex, snap->n, e->exercise) : NULL;
	const struct rx_exercise *on =
	    v ? history_on(&r->ctx->hist, v, e->day, NULL) : NULL;
	int limit = rx_pain_limit(on, &r->ctx->rx->program);
	if (e->skip == SKIP_NONE && e->effort >= 0 && k < r->n_ex)
		effort_add(r, &r->ex[k].effort, e, on);
	const int pains[2] = {e->pain, e->pain_before};
	for (int i = 0; i < 2 && limit >= 0; i++) {
		if (pains[i] <= limit)
			continue;
		r->events =
		    xrealloc(r->events, (r->n_events + 1) * sizeof *r->events);
		struct report_event *x = &r->events[r->n_events++];
		x->day = e->day;
		strfmt(x->exercise, sizeof x->exercise, "%s", e->exercise);
		x->pain = pains[i];
		x->limit = limit;
		x->when = e->skip != SKIP_NONE ? "on a skip"
		          : i == 0             ? "after"
		                               : "before";
		x->logged_utc = e->logged_utc;
		event_episode(r, x);
	}
	/* A remark: a note, or a skip with a pain (told with or without a
	 * note: the therapist sees what the patient typed). */
	if ((e->note && *e->note) || (e->skip != SKIP_NONE && e->pain >= 0)) {
		/* One skip --all with a note writes the same note on each
		 * skip at one moment: told once, naming every exercise. */
		for (size_t i = r->n_notes; e->skip != SKIP_NONE && i-- > 0 &&
		                            r->notes[i].day == e->day;) {
			struct report_note *n = &r->notes[i];
			if (n->skip != e->skip || n->pain != e->pain ||
			    n->logged_utc != e->logged_utc ||
			    strcmp(n->text, e->note ? e->note : "") != 0)
				continue;
			n->more = xrealloc(n->more,
			                   (n->n_more + 1) * sizeof *n->more);
			strfmt(n->more[n->n_more++], sizeof *n->more, "%s",
			       e->exercise);
			return 0;
		}
		r->notes =
		    xrealloc(r->notes, (r->n_notes + 1) * sizeof *r->notes);
		struct report_note *n = &r->notes[r->n_notes++];
		n->day = e->day;
		strfmt(n->exercise, sizeof n->exercise, "%s", e->exercise);
		n->text = xstrdup(e->note ? e->note : "");
		n->skip = e->skip;
		n->pain = e->pain;
		n->logged_utc = e->logged_utc;
		n->more = NULL;
		n->n_more = 0;
	}
	return 0;
}

/* The position of id in the report's exercises (n_ex if not listed). */
static size_t listed_at(const struct report *r, const char *id)
{
	size_t k = 0;
	while (k < r->n_ex && strcmp(r->ex[k].ex->id, id) != 0)
		k++;
	return k;
}

/* A note shared by several exercises names them in the report's order
 * (the prescription's), not the store's. */
static void note_order(const struct report *r, struct report_note *n)
{
	/* insertion sort of exercise, more[0], ... as one list */
	size_t len = n->n_more + 1;
	for (size_t i = 1; i < len; i++) {
		for (size_t j = i; j > 0; j--) {
			char *a = j - 1 ? n->more[j - 2] : n->exercise;
			char *b = n->more[j - 1];
			if (listed_at(r, a) <= listed_at(r, b))
				break;
			char t[RX_ID_MAX + 1];
			memcpy(t, a, sizeof t);
			memcpy(a, b, sizeof t);
			memcpy(b, t, sizeof t);
		}
	}
}

char *report_dose_text(const struct rx_exercise *v, char *buf, size_t size)
{
	char dose[128], often[64];
	strfmt(buf, size, "%s, %s", rx_dose(v, false, dose, sizeof dose),
	       rx_schedule(v, often, sizeof often));
	return buf;
}

/* Each exercise's dose as it was, week by week (on the week's last day
 * in the span, or its first in phase), keeping the changes only. */
/* The version of exercise id in force and in phase on day d (its step
 * that day), or NULL. */
static const struct rx_exercise *dose_on(const struct history *h,
                                         const char *id, cal_day d)
{
	const struct rx_snapshot *s = history_snapshot(h, d);
	const struct rx_exercise *v = s ? rx_find(s->ex, s->n, id) : NULL;
	return v && progress_in_phase(h, v, d) ? history_on(h, v, d, NULL)
	                                       : NULL;
}

/*
 * Each exercise's doses over the span, day by day: a dose that differs
 * from the one before, from the day it took effect (a change made midweek
 * is dated that day, and the dose it replaced is kept). Only a new
 * version (a snapshot, a step) is compared, in words.
 */
static void collect_doses(struct report *r, const struct history *h)
{
	for (size_t k = 0; k < r->n_ex; k++) {
		struct report_exercise *x = &r->ex[k];
		const struct rx_exercise *seen = NULL;
		x->until = CAL_NONE;
		for (cal_day d = r->from; d <= r->to; d++) {
			const struct rx_exercise *v = dose_on(h, x->ex->id, d);
			if (v)
				x->until = d;
			if (!v || v == seen)
				continue;
			seen = v;
			char was[192], text[192];
			if (x->n_doses &&
			    strcmp(report_dose_text(x->doses[x->n_doses - 1].v,
			                            was, sizeof was),
			           report_dose_text(v, text, sizeof text)) == 0)
				continue;
			if ((x->n_doses & (x->n_doses - 1)) == 0)
				x->doses =
				    xrealloc(x->doses,
				             (x->n_doses ? 2 * x->n_doses : 1) *
				                 sizeof *x->doses);
			x->doses[x->n_doses].from = d;
			x->doses[x->n_doses].v = v;
			x->n_doses++;
		}
	}
}

char *report_step_why(const struct rx_exercise *x, const struct report_step *s,
                      char *buf, size_t size)
{
	char when[160];
	if (s->set)
		strfmt(buf, size, "set by the therapist");
	else if (s->back)
		strfmt(buf, size, "a step back");
	else if (s->since == CAL_NONE || s->step == 0)
		strfmt(buf, size, "from the start");
	else
		strfmt(buf, size, "earned by %s",
		       rx_when_text(&rx_step(x, s->step)->when, false, when,
		                    sizeof when));
	return buf;
}

/* Adds step n of id, in force since (on day d), to *steps; a step down
 * from the one before (for the first, the one in force the day before
 * it began). */
static void step_add(const struct history *h, const struct rx_exercise *e,
                     int n, cal_day since, cal_day d,
                     struct report_step **steps, size_t *len)
{
	int before = *len ? (*steps)[*len - 1].step : n;
	if (!*len && since != CAL_NONE) {
		const struct rx_snapshot *s = history_snapshot(h, since - 1);
		const struct rx_exercise *p =
		    s ? rx_find(s->ex, s->n, e->id) : NULL;
		if (p && rx_earned(p))
			before = history_on(h, p, since - 1, NULL)->step;
	}
	*steps = xrealloc(*steps, (*len + 1) * sizeof **steps);
	(*steps)[(*len)++] = (struct report_step){since, n, n < before,
	                                          history_step_set(h, e, d)};
}

const struct rx_exercise *report_steps(const struct history *h, const char *id,
                                       cal_day from, cal_day to,
                                       struct report_step **steps, size_t *n)
{
	const struct rx_exercise *e = NULL;
	*steps = NULL;
	*n = 0;
	for (cal_day d = from; d <= to; d++) {
		const struct rx_snapshot *s = history_snapshot(h, d);
		e = s ? rx_find(s->ex, s->n, id) : NULL;
		if (!e || !rx_earned(e))
			continue;
		int step = history_on(h, e, d, NULL)->step;
		cal_day since = history_step_since(h, e, d);
		const struct report_step *last = *n ? &(*steps)[*n - 1] : NULL;
		if (!last || last->step != step || last->since != since)
			step_add(h, e, step, since, d, steps, n);
	}
	return e && rx_earned(e) ? e : NULL;
}

/*
 * Each earned exercise's steps over the span (SPEC 2.2), and whether a
 * step is ready on its last day, from the sessions since the step in
 * force began (one bounded query). Returns 0, or -1 with why in err.
 */
static int collect_steps(struct report *r, const struct history *h, char *err,
                         size_t errlen)
{
	for (size_t k = 0; k < r->n_ex; k++) {
		struct report_exercise *x = &r->ex[k];
		const struct rx_exercise *e = report_steps(
		    h, x->ex->id, r->from, r->to, &x->steps, &x->n_steps);
		x->ready.step = -1;
		if (e && x->n_steps &&
		    ctx_readiness_of(r->ctx, e, x->steps[x->n_steps - 1].step,
		                     x->steps[x->n_steps - 1].since, r->to,
		                     false, &x->ready, err, errlen) != 0)
			return -1;
	}
	return 0;
}

/* As-needed sessions of the span, and the sessions beyond MIN of a
 * range per_day (SPEC 2.2), a year of tallies at a time. */
static int count_as_needed(void *arg, const struct history *year, cal_day first,
                           cal_day last)
{
	struct report *r = arg;
	for (size_t k = 0; k < r->n_ex; k++) {
		struct report_exercise *x = &r->ex[k];
		for (cal_day d = first; d <= last; d++) {
			int done;
			enum skip_reason skip;
			const struct rx_exercise *v = NULL;
			if (!x->ex->as_needed &&
			    (!(v = dose_on(year, x->ex->id, d)) ||
			     !rx_per_day_welcome(v)))
				continue;
			history_entry(year, x->ex->id, d, &done, &skip);
			if (v) {
				int due = progress_scheduled(year, v, d);
				x->extra += done > due ? done - due : 0;
			} else {
				x->sessions += done;
			}
		}
	}
	return 0;
}

/* The adherence table of a report, filled a year at a time. */
struct year_table {
	const char *const *ids;
	size_t n_ids;
	cal_day week0; /* the first day of the report's first week */
	size_t n_weeks;
	struct adherence *t; /* (n_ids + 1) * n_weeks */
};

/* progress_adherence_table of one year, added into the report's weeks. */
static int table_year(void *arg, const struct history *year, cal_day first,
                      cal_day last)
{
	struct year_table *y = arg;
	cal_day week = cal_week_start(first, year->week_starts);
	size_t offset = (size_t)((week - y->week0) / 7);
	size_t weeks = (size_t)((last - week) / 7 + 1);
	struct adherence *part = xcalloc((y->n_ids + 1) * weeks, sizeof *part);
	progress_adherence_table(year, first, last, y->ids, y->n_ids, part);
	for (size_t i = 0; i <= y->n_ids; i++) {
		for (size_t w = 0; w < weeks; w++) {
			struct adherence *cell =
			    &y->t[i * y->n_weeks + offset + w];
			const struct adherence *p = &part[i * weeks + w];
			cell->due += p->due;
			cell->done += p->done;
			cell->ontime += p->ontime;
			cell->due_ontime += p->due_ontime;
		}
	}
	free(part);
	return 0;
}

static int add_outcome(void *arg, const struct diary_entry *e)
{
	outcomes_add_entry(arg, e);
	return 0;
}

/* Adds the adherence of row k of the table (its n_weeks weeks: the
 * exercise r->ex[k], or the exercises not listed for k == n_ex) to the
 * report and to the exercise, whose streak and weeks it fills in. */
static void add_adherence(struct report *r, size_t k,
                          const struct adherence *row)
{
	const struct hep_ctx *ctx = r->ctx;
	struct report_exercise *x = k < r->n_ex ? &r->ex[k] : NULL;
	if (x) {
		x->streak =
		    progress_exercise_streak(&ctx->hist, x->ex->id, &x->weeks);
		x->current =
		    rx_find(ctx->rx->ex, ctx->rx->n_ex, x->ex->id) != NULL;
		x->week_due = xcalloc(r->n_weeks, sizeof *x->week_due);
		x->week_done = xcalloc(r->n_weeks, sizeof *x->week_done);
	}
	for (size_t w = 0; w < r->n_weeks; w++) {
		const struct adherence *a = &row[w];
		if (x) {
			x->due += a->due;
			x->done += a->done;
			x->ontime += a->ontime;
			x->due_ontime += a->due_ontime;
			x->week_due[w] = a->due;
			x->week_done[w] = a->done;
		}
		r->due += a->due;
		r->done += a->done;
		r->ontime += a->ontime;
		r->due_ontime += a->due_ontime;
		r->week_due[w] += a->due;
		r->week_done[w] += a->done;
		r->week_ontime[w] += a->ontime;
		r->week_due_ontime[w] += a->due_ontime;
	}
}

/* Any outcome entry: stops the walk. */
static int any_entry(void *arg, const struct diary_entry *e)
{
	(void)arg;
	(void)e;
	return 1;
}

void report_default_span(const struct hep_ctx *ctx, cal_day *from, cal_day *to)
{
	/* A measure or a check-in for today (an error reads as none)... */
	bool today = store_each_outcome(ctx->store, ctx->today, ctx->today,
	                                any_entry, NULL) == 1;
	/* ... or a session or a skip: tallies come by day, today's last. */
	for (size_t i = ctx->n_tallies; i-- > 0 && !today;) {
		const struct tally *t = &ctx->tallies[i];
		if (t->day < ctx->today)
			break;
		today = t->day == ctx->today && (t->done || t->skip);
	}
	*to = today ? ctx->today : ctx->today - 1;
	/* After the program's end, the four weeks ending on it (SPEC 2.2). */
	const struct rx_snapshot *s = history_snapshot(&ctx->hist, ctx->today);
	if (history_ended(&ctx->hist, ctx->today) && s->end < *to)
		*to = s->end;
	*from = *to - 27;
}

bool report_visit_span(const struct hep_ctx *ctx, cal_day *from, cal_day *to)
{
	const struct rx_program *p = &ctx->rx->program;
	/* The visit today, if any, is left out: its span ends yesterday. */
	bool visit_today = false;
	cal_day last = CAL_NONE;
	for (size_t i = 0; i < p->n_visits; i++) {
		if (p->visits[i] == ctx->today)
			visit_today = true;
		else if (p->visits[i] < ctx->today &&
		         (last == CAL_NONE || p->visits[i] > last))
			last = p->visits[i];
	}
	if (last == CAL_NONE)
		return false;
	*from = last;
	*to = visit_today ? ctx->today - 1 : ctx->today;
	return true;
}

int report_build(const struct hep_ctx *ctx, cal_day from, cal_day to,
                 struct report *r, char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->ctx = ctx;
	r->from = from;
	r->to = to;
	const struct history *h = &ctx->hist;
	r->today_open = from <= ctx->today && ctx->today <= to &&
	                progress_day_status(h, ctx->today) != DAY_DONE;
	collect_exercises(r, h);

	enum cal_weekday ws = h->week_starts;
	for (cal_day w = cal_week_start(from, ws); w <= to; w += 7) {
		r->weeks =
		    xrealloc(r->weeks, (r->n_weeks + 1) * sizeof *r->weeks);
		r->weeks[r->n_weeks++] = w;
	}
	r->week_due = xcalloc(r->n_weeks, sizeof *r->week_due);
	r->week_done = xcalloc(r->n_weeks, sizeof *r->week_done);
	r->week_ontime = xcalloc(r->n_weeks, sizeof *r->week_ontime);
	r->week_due_ontime = xcalloc(r->n_weeks, sizeof *r->week_due_ontime);
	/* Adherence of each exercise in each week, in one walk; the last
	 * row holds the exercises not listed (nothing due in the span, but a
	 * per-week one may count a week reaching past it). */
	const char **ids = xcalloc(r->n_ex + 1, sizeof *ids);
	for (size_t k = 0; k < r->n_ex; k++)
		ids[k] = r->ex[k].ex->id;
	struct adherence *t = xcalloc((r->n_ex + 1) * r->n_weeks, sizeof *t);
	struct year_table y = {ids, r->n_ex, r->weeks[0], r->n_weeks, t};
	if (ctx_each_year(ctx, from, to, table_year, &y) != 0) {
		free(t);
		free(ids);
		strfmt(err, errlen, "%s", store_error(ctx->store));
		report_free(r);
		return -1;
	}
	for (size_t k = 0; k <= r->n_ex; k++)
		add_adherence(r, k, &t[k * r->n_weeks]);
	free(t);
	free(ids);
	r->streak = progress_day_streak(h);
	collect_doses(r, h);
	if (collect_steps(r, h, err, errlen) != 0) {
		report_free(r);
		return -1;
	}
	if (ctx_each_year(ctx, from, to, count_as_needed, r) != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		report_free(r);
		return -1;
	}

	outcomes_init(&r->outcomes, &ctx->rx->program, r->weeks, r->n_weeks);
	struct gather g;
	memset(&g, 0, sizeof g);
	g.r = r;
	g.mid = from + (to - from + 1) / 2;
	g.ex = xcalloc(r->n_ex, sizeof *g.ex);
	for (int k = 0; k <= SKIP_OTHER; k++)
		g.skip_day[k] = CAL_NONE;
	int rc = store_each_remark(ctx->store, from, to, gather_entry, &g);
	for (size_t i = 0; i < r->n_notes; i++)
		note_order(r, &r->notes[i]);
	for (size_t i = 0; i < r->n_days; i++)
		r->days[i].avg = g.sum[i] / g.count[i];
	pain_set(&g.all, &r->pain);
	for (size_t k = 0; k < r->n_ex; k++)
		pain_set(&g.ex[k], &r->ex[k].pain);
	free(g.sum);
	free(g.count);
	free(g.ex);
	if (rc == 0)
		rc = store_each_outcome(ctx->store, from, to, add_outcome,
		                        &r->outcomes);
	outcomes_finish(&r->outcomes);
	if (rc != 0) {
		strfmt(err, errlen, "%s", store_error(ctx->store));
		report_free(r);
		return -1;
	}
	return 0;
}

void report_free(struct report *r)
{
	for (size_t k = 0; k < r->n_ex; k++) {
		free(r->ex[k].week_due);
		free(r->ex[k].effort.week_n);
		free(r->ex[k].effort.week_sum);
		free(r->ex[k].week_done);
		free(r->ex[k].doses);
		free(r->ex[k].steps);
	}
	free(r->events);
	outcomes_free(&r->outcomes);
	free(r->ex);
	for (size_t i = 0; i < r->n_notes; i++) {
		free(r->notes[i].text);
		free(r->notes[i].more);
	}
	free(r->notes);
	free(r->days);
	free(r->weeks);
	free(r->week_due);
	free(r->week_done);
	free(r->week_ontime);
	free(r->week_due_ontime);
	memset(r, 0, sizeof *r);
}
