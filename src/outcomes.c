#include "hep/outcomes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

char *psfs_items_format(const int *rating, char *const *activity, size_t n)
{
	size_t size = 1;
	for (size_t i = 0; i < n; i++)
		size += strlen(activity[i]) + 5;
	char *buf = xcalloc(size, 1);
	for (size_t i = 0; i < n; i++)
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%d %s",
		       i ? "\n" : "", rating[i], activity[i]);
	return buf;
}

void psfs_checkin_free(struct psfs_checkin *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->activity[i]);
	memset(c, 0, sizeof *c);
}

bool psfs_items_parse(const char *items, struct psfs_checkin *out)
{
	memset(out, 0, sizeof *out);
	const char *p = items;
	while (p && *p) {
		int r = 0, digits = 0;
		for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
			r = r * 10 + (*p - '0');
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (digits == 0 || r > 10 || *p != ' ' || len < 2 ||
		    out->n == RX_MAX_PSFS) {
			psfs_checkin_free(out);
			return false;
		}
		out->rating[out->n] = r;
		out->activity[out->n++] =
		    xasprintf("%.*s", (int)(len - 1), p + 1);
		p = end ? end + 1 : NULL;
	}
	if (out->n == 0)
		return false;
	return true;
}

int outcome_tenths(double mean)
{
	/* A mean of a few whole numbers that is a half tenth (5/4 = 1.25)
	 * may be stored a hair below it (4.35 as 4.34999...): the hair is
	 * no part of the mean. */
	double d = mean * 10;
	return (int)(d < 0 ? d - 0.5 - 1e-9 : d + 0.5 + 1e-9);
}

char *outcome_mean_text(double mean, bool sign, char *buf, size_t size)
{
	int t = outcome_tenths(mean);
	int a = t < 0 ? -t : t;
	strfmt(buf, size, "%s%d.%d",
	       t < 0           ? "-"
	       : sign && t > 0 ? "+"
	                       : "",
	       a / 10, a % 10);
	return buf;
}

double psfs_score(const struct psfs_checkin *c)
{
	int sum = 0;
	for (size_t i = 0; i < c->n; i++)
		sum += c->rating[i];
	return c->n ? (double)sum / (double)c->n : 0;
}

/* ---- outcomes over a span ------------------------------------------------ */

void outcomes_init(struct outcomes *o, const struct rx_program *p,
                   const cal_day *weeks, size_t n_weeks)
{
	memset(o, 0, sizeof *o);
	o->n_measures = p->n_measures;
	o->measures =
	    xcalloc(p->n_measures ? p->n_measures : 1, sizeof *o->measures);
	for (size_t i = 0; i < p->n_measures; i++)
		o->measures[i].m = &p->measures[i];
	o->has_psfs = p->n_psfs > 0;
	o->n_weeks = n_weeks;
	o->weeks = xcalloc(n_weeks ? n_weeks : 1, sizeof *o->weeks);
	for (size_t w = 0; w < n_weeks; w++)
		o->weeks[w].start = weeks[w];
	o->first_week = o->latest_week = -1;
}

static void add_measure(struct outcomes *o, const struct diary_entry *e)
{
	struct outcome_measure *x = NULL;
	for (size_t i = 0; !x && i < o->n_measures; i++)
		if (strcmp(o->measures[i].m->id, e->exercise) == 0)
			x = &o->measures[i];
	if (!x)
		return;
	for (size_t i = x->n_days; i-- > 0;)
		if (x->days[i].day == e->day) {
			x->days[i].value = e->value; /* a correction */
			return;
		}
	x->days = xrealloc(x->days, (x->n_days + 1) * sizeof *x->days);
	x->days[x->n_days++] = (struct outcome_point){e->day, e->value};
}

static void add_checkin(struct outcomes *o, const struct diary_entry *e)
{
	struct psfs_checkin c;
	if (!e->items || !psfs_items_parse(e->items, &c))
		return;
	struct outcome_psfs *p = &o->psfs;
	for (size_t i = p->n; i-- > 0;)
		if (p->checkins[i].day == e->day) {
			psfs_checkin_free(&p->checkins[i].c);
			p->checkins[i].c = c;
			return;
		}
	p->checkins = xrealloc(p->checkins, (p->n + 1) * sizeof *p->checkins);
	p->checkins[p->n++] = (struct outcome_checkin){e->day, c};
}

void outcomes_add_entry(struct outcomes *o, const struct diary_entry *e)
{
	if (e->kind == ENTRY_MEASURE)
		add_measure(o, e);
	else if (e->kind == ENTRY_PSFS)
		add_checkin(o, e);
}

void outcomes_add_session(struct outcomes *o, cal_day week, int pain,
                          int pain_before)
{
	if (pain < 0 && pain_before < 0)
		return;
	size_t lo = 0, hi = o->n_weeks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (o->weeks[mid].start < week)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == o->n_weeks || o->weeks[lo].start != week)
		return;
	struct outcome_week *w = &o->weeks[lo];
	w->sessions++;
	if (pain >= 0) {
		w->after += pain; /* sums until outcomes_finish */
		w->n_after++;
	}
	if (pain_before >= 0) {
		w->before += pain_before;
		w->n_before++;
	}
	if (pain >= 0 && pain_before >= 0) {
		w->change += pain - pain_before;
		w->n_both++;
	}
}

static int by_point_day(const void *a, const void *b)
{
	const struct outcome_point *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int by_checkin_day(const void *a, const void *b)
{
	const struct outcome_checkin *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static bool same_activities(const struct psfs_checkin *a,
                            const struct psfs_checkin *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->activity[i], b->activity[i]) != 0)
			return false;
	return true;
}

bool outcome_psfs_comparable(const struct outcome_psfs *p, size_t i)
{
	return i < p->n &&
	       same_activities(&p->checkins[i].c, &p->checkins[p->n - 1].c);
}

void outcomes_finish(struct outcomes *o)
{
	for (size_t i = 0; i < o->n_measures; i++) {
		struct outcome_measure *x = &o->measures[i];
		if (x->n_days) /* qsort wants an array, even of none */
			qsort(x->days, x->n_days, sizeof *x->days,
			      by_point_day);
		int32_t goal = x->m->goal;
		if (x->n_days && goal != RX_NO_VALUE) {
			double v = outcome_latest(x)->value;
			x->goal_met =
			    x->m->lower_better ? v <= goal : v >= goal;
		}
	}
	struct outcome_psfs *p = &o->psfs;
	if (p->n)
		qsort(p->checkins, p->n, sizeof *p->checkins, by_checkin_day);
	if (p->n) {
		const struct psfs_checkin *latest = &p->checkins[p->n - 1].c;
		p->first = p->n - 1;
		for (size_t i = 0; i < p->n; i++)
			if (outcome_psfs_comparable(p, i)) {
				p->first = i;
				break;
			}
		p->change =
		    outcome_tenths(psfs_score(latest)) -
		    outcome_tenths(psfs_score(&p->checkins[p->first].c));
		p->meaningful = p->change >= 20;
	}
	for (size_t w = 0; w < o->n_weeks; w++) {
		struct outcome_week *x = &o->weeks[w];
		if (x->n_after) {
			x->after /= x->n_after;
			if (o->first_week < 0)
				o->first_week = (int)w;
			o->latest_week = (int)w;
		}
		if (x->n_before)
			x->before /= x->n_before;
		if (x->n_both)
			x->change /= x->n_both;
	}
	if (o->first_week >= 0)
		o->pain_change =
		    outcome_tenths(o->weeks[o->latest_week].after) -
		    outcome_tenths(o->weeks[o->first_week].after);
	o->pain_meaningful =
	    o->latest_week > o->first_week && o->pain_change <= -20;
}

void outcomes_free(struct outcomes *o)
{
	for (size_t i = 0; i < o->n_measures; i++)
		free(o->measures[i].days);
	free(o->measures);
	for (size_t i = 0; i < o->psfs.n; i++)
		psfs_checkin_free(&o->psfs.checkins[i].c);
	free(o->psfs.checkins);
	free(o->weeks);
	memset(o, 0, sizeof *o);
}

const struct outcome_point *outcome_first(const struct outcome_measure *x)
{
	return &x->days[0];
}

const struct outcome_point *outcome_latest(const struct outcome_measure *x)
{
	return &x->days[x->n_days - 1];
}

/* ---- a check-in ---------------------------------------------------------- */

bool outcome_period(enum rx_every every, const struct rx_program *p,
                    enum cal_weekday week_starts, cal_day day, cal_day *from,
                    cal_day *to)
{
	switch (every) {
	case RX_EVERY_DAY:
		*from = *to = day;
		return true;
	case RX_EVERY_WEEK:
		*from = cal_week_start(day, week_starts);
		*to = *from + 6;
		return true;
	case RX_EVERY_VISIT:
		for (size_t i = 0; i < p->n_visits; i++)
			if (p->visits[i] == day) {
				*from = *to = day;
				return true;
			}
		return false;
	}
	return false;
}

void checkin_init(struct checkin *c, const struct rx_program *p,
                  enum cal_weekday week_starts, cal_day start, cal_day today)
{
	memset(c, 0, sizeof *c);
	c->program = p;
	for (size_t i = 0; i <= p->n_measures; i++) {
		if (i == p->n_measures && p->n_psfs == 0)
			break;
		struct checkin_item *x = &c->item[c->n++];
		x->m = i < p->n_measures ? &p->measures[i] : NULL;
		x->last_day = CAL_NONE;
		x->in_period =
		    start != CAL_NONE && today >= start &&
		    outcome_period(x->m ? x->m->every : RX_EVERY_WEEK, p,
		                   week_starts, today, &x->from, &x->to);
	}
}

/* Whether check-in k rated the activities p lists now, in order. */
static bool rates_now(const struct psfs_checkin *k, const struct rx_program *p)
{
	bool same = k->n == p->n_psfs;
	for (size_t i = 0; same && i < k->n; i++)
		same = strcmp(k->activity[i], p->psfs[i]) == 0;
	return same;
}

void checkin_add_entry(struct checkin *c, const struct diary_entry *e)
{
	for (size_t i = 0; i < c->n; i++) {
		struct checkin_item *x = &c->item[i];
		bool mine = x->m ? e->kind == ENTRY_MEASURE &&
		                       strcmp(e->exercise, x->m->id) == 0
		                 : e->kind == ENTRY_PSFS;
		if (!mine)
			continue;
		struct psfs_checkin k = {0};
		if (!x->m && (!e->items || !psfs_items_parse(e->items, &k)))
			return;
		/* A PSFS check-in of other activities (the list changed
		 * since) leaves the new list's rating due. */
		if (x->in_period && e->day >= x->from && e->day <= x->to &&
		    (x->m || rates_now(&k, c->program)))
			x->recorded = true;
		/* The latest by day; on one day, the latest entry. */
		if (x->last_day != CAL_NONE && e->day < x->last_day) {
			psfs_checkin_free(&k);
			return;
		}
		if (x->m) {
			x->last_value = e->value;
		} else {
			psfs_checkin_free(&x->last);
			x->last = k;
		}
		x->last_day = e->day;
		return;
	}
}

void checkin_finish(struct checkin *c)
{
	c->n_due = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct checkin_item *x = &c->item[i];
		x->due = x->in_period && !x->recorded;
		c->n_due += x->due;
	}
}

void checkin_free(struct checkin *c)
{
	for (size_t i = 0; i < c->n; i++)
		psfs_checkin_free(&c->item[i].last);
	memset(c, 0, sizeof *c);
}
