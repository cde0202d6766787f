/*
 * The cases of the property test (test_property.c): random prescriptions
 * (snapshots, versions, steps dated or earned, advance entries) and logs,
 * drawn from fixed seeds so that case N is always the same case, and
 * printed in full when the library and the reference disagree on one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "property.h"

/* The pool of ids, in strcmp order (tallies sort by it). "a" < "a-b" <
 * "ab" exercises prefix and punctuation ordering. */
const char *const pool_ids[POOL] = {"a", "a-b",    "ab",
                                    "b", "bridge", "quad-set"};

char ex_name[] = "Exercise";

/* ------------------------------------------------------------------ */
/* Random numbers: xorshift64*, seeded per case through splitmix64.    */

static uint64_t rng_state;

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t rng_next(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* lo..hi inclusive. */
int rnd(int lo, int hi)
{
	return lo + (int)((rng_next() >> 16) % (uint64_t)(hi - lo + 1));
}

bool chance(int percent)
{
	return rnd(0, 99) < percent;
}

/* ------------------------------------------------------------------ */
/* Printing a case.                                                    */

const char *const status_names[] = {"none",    "rest",   "done",  "open",
                                    "partial", "missed", "future"};
const char *const skip_names[] = {"-",      "rest", "pain", "sick",
                                  "travel", "time", "other"};
static const char *const wd_names[] = {"Mon", "Tue", "Wed", "Thu",
                                       "Fri", "Sat", "Sun"};

const char *fmt_day(cal_day d, char buf[CAL_DATE_LEN + 4])
{
	if (d == CAL_NONE)
		return "-";
	cal_format(d, buf);
	snprintf(buf + 10, 5, " %s", wd_names[ref_weekday(d)]);
	return buf;
}

/* One version's schedule: "per_day 2 days 0x15", "every 3 from ...",
 * "per_week 4", "as needed"; the step's from for a step. */
static void dump_version(const struct rx_exercise *e)
{
	char b[16];
	if (e->step)
		fprintf(stderr, "    step %d from %s: ", e->step,
		        fmt_day(e->step_from, b));
	if (e->per_day_max)
		fprintf(stderr, "per_day [%d, %d] ", e->per_day,
		        e->per_day_max);
	else
		fprintf(stderr, "per_day %d ", e->per_day);
	if (e->as_needed)
		fprintf(stderr, "as needed");
	else if (e->per_week_max)
		fprintf(stderr, "per_week [%d, %d]", e->per_week,
		        e->per_week_max);
	else if (e->per_week)
		fprintf(stderr, "per_week %d", e->per_week);
	else if (e->every)
		fprintf(stderr, "every %d anchor %s", e->every,
		        fmt_day(e->anchor, b));
	else
		fprintf(stderr, "days 0x%02x", e->days);
}

void dump_case(const struct pcase *c)
{
	const struct history *h = &c->h;
	char b1[16], b2[16];
	fprintf(stderr, "---- case %u (seed %#llx) ----\n", c->number,
	        (unsigned long long)c->seed);
	fprintf(stderr, "start %s  today %s  week_starts %s\n",
	        fmt_day(h->start, b1), fmt_day(h->today, b2),
	        h->week_starts == CAL_MON ? "mon" : "sun");
	for (size_t i = 0; i < h->n_snaps; i++) {
		const struct rx_snapshot *s = &h->snaps[i];
		fprintf(stderr, "snapshot from %s:\n", fmt_day(s->from, b1));
		for (size_t x = 0; x < s->n; x++) {
			const struct rx_exercise *e = &s->ex[x];
			fprintf(stderr, "  %-8s ", e->id);
			dump_version(e);
			fprintf(stderr, "  from %s", fmt_day(e->from, b1));
			fprintf(stderr, "  until %s\n", fmt_day(e->until, b2));
			for (size_t k = 0; k < e->n_steps; k++) {
				dump_version(&e->steps[k]);
				fprintf(stderr, "\n");
			}
		}
	}
	fprintf(stderr, "tallies (%zu):\n", h->n_tallies);
	for (size_t i = 0; i < h->n_tallies; i++) {
		const struct tally *t = &h->tallies[i];
		fprintf(stderr, "  %s %-8s done %d (late %d) skip %s\n",
		        fmt_day(t->day, b1), t->exercise, t->done, t->late,
		        skip_names[t->skip]);
	}
}

/* ------------------------------------------------------------------ */
/* Generating a case.                                                  */

/* An `every` N: mostly small (due often in a short log), now and then up
 * to 30. */
static int gen_every(void)
{
	return chance(75) ? rnd(2, 5) : rnd(2, 30);
}

/* The anchor of an `every` the exercise itself gives (SPEC 2.1): its from,
 * else program start; now and then a program start since moved (the
 * snapshot keeps the anchor it was stored with, READING R12). */
static cal_day gen_anchor(const struct rx_exercise *e, const struct pcase *c)
{
	if (e->from != CAL_NONE)
		return e->from;
	return chance(70) ? c->h.start : c->h.start + rnd(-7, 7);
}

/* A fixed exercise's own schedule: every day, some weekdays, or every N-th
 * day (which excludes days). */
static void gen_fixed_schedule(struct rx_exercise *e, const struct pcase *c)
{
	e->days = RX_ALL_DAYS;
	e->every = 0;
	e->anchor = CAL_NONE;
	if (chance(35)) {
		e->every = gen_every();
		e->anchor = gen_anchor(e, c);
	} else if (chance(50)) {
		e->days = (uint8_t)rnd(1, 127);
	}
}

/*
 * Steps for e as a file would give them: from strictly later than the one
 * before and than e's from, not after e's until (a first step may fall on
 * or before program start). A fixed exercise's steps may name days or
 * every, and per_day; a per-week one's per_week and per_day; an as-needed
 * one's per_day only. Some name nothing the arithmetic reads (a dose).
 */
static int gen_steps(struct step_spec *sp, const struct rx_exercise *e,
                     enum kind kind, const struct pcase *c)
{
	int n = 0, wanted = rnd(1, MAX_STEPS), every = e->every;
	cal_day d =
	    (e->from != CAL_NONE ? e->from + 1 : c->h0 - 10) + rnd(0, 20);
	while (n < wanted && (e->until == CAL_NONE || d <= e->until)) {
		struct step_spec *s = &sp[n++];
		memset(s, 0, sizeof *s);
		s->from = d;
		int r = rnd(0, 99);
		switch (kind) {
		case KIND_AS_NEEDED:
			if (r < 80)
				s->per_day = rnd(1, 3);
			break;
		case KIND_WEEKLY:
			if (r < 70) {
				s->sched = NAMES_PER_WEEK;
				s->value = rnd(1, 7);
			}
			if (r >= 40 && r < 95)
				s->per_day = rnd(1, 3);
			break;
		default:
			if (r < 40) {
				/* Now and then the same N: it still anchors
				 * at the step's own from. */
				s->sched = NAMES_EVERY;
				s->value =
				    every && chance(25) ? every : gen_every();
				every = s->value;
			} else if (r < 60) {
				s->sched = NAMES_DAYS;
				s->value =
				    chance(30) ? RX_ALL_DAYS : rnd(1, 127);
				every = 0;
			}
			if (chance(45))
				s->per_day = rnd(1, 3);
			break;
		}
		d += rnd(1, 20);
	}
	return n;
}

/* The steps still valid after e's from or until moved (dropped: a step
 * not after from, or after until). */
static int fix_steps(struct step_spec *sp, int n, const struct rx_exercise *e)
{
	int m = 0;
	for (int k = 0; k < n; k++)
		if ((e->from == CAL_NONE || sp[k].from > e->from) &&
		    (e->until == CAL_NONE || sp[k].from <= e->until))
			sp[m++] = sp[k];
	return m;
}

/*
 * Lays the steps over e into store as the loader does (SPEC 2.1): each a
 * whole version, the step's keys replacing those of the version before,
 * the rest carried on; days, every or per_week drops the other two; a step
 * naming every anchors at its own from, even with the same N; a step that
 * does not name it keeps the anchor.
 */
void build_steps(struct rx_exercise *e, struct rx_exercise *store,
                 const struct step_spec *sp, int n, bool earned)
{
	e->steps = n > 0 ? store : NULL;
	e->n_steps = (size_t)n;
	e->step = 0;
	e->step_count = n;
	e->step_from = CAL_NONE;
	e->step_set = -1; /* no lever */
	e->when = (struct rx_when){0, -1, -1, CAL_NONE, NULL};
	const struct rx_exercise *prev = e;
	for (int k = 0; k < n; k++) {
		struct rx_exercise *v = &store[k];
		*v = *prev;
		v->steps = NULL;
		v->n_steps = 0;
		v->step = k + 1;
		/* An earned step (SPEC 2.2) has no from; its when is what the
		 * arithmetic never reads. */
		v->step_from = earned ? CAL_NONE : sp[k].from;
		v->when.sessions = earned ? 1 : 0;
		/* A step naming per_day names its MIN and MAX (one number:
		 * no MAX), as the loader reads [MIN, MAX]. */
		if (sp[k].per_day) {
			v->per_day = sp[k].per_day;
			v->per_day_max = sp[k].per_day_max;
		}
		if (sp[k].sched != NAMES_NONE) {
			v->days = RX_ALL_DAYS;
			v->every = 0;
			v->anchor = CAL_NONE;
			v->per_week = 0;
			v->per_week_max = 0;
		}
		switch (sp[k].sched) {
		case NAMES_DAYS:
			v->days = (uint8_t)sp[k].value;
			break;
		case NAMES_EVERY:
			v->every = sp[k].value;
			v->anchor = earned ? CAL_NONE : sp[k].from;
			break;
		case NAMES_PER_WEEK:
			v->per_week = sp[k].value;
			v->per_week_max = sp[k].per_week_max;
			break;
		default:
			break;
		}
		prev = v;
	}
}

static void gen_exercise(struct rx_exercise *e, const char *id, enum kind kind,
                         const struct pcase *c, struct step_spec *sp,
                         int *n_steps)
{
	memset(e, 0, sizeof *e);
	strcpy(e->id, id);
	e->name = ex_name;
	e->sets = (struct rx_range){1, 1};
	e->per_day = rnd(1, 3);
	e->days = RX_ALL_DAYS; /* as the loader leaves it */
	e->anchor = CAL_NONE;
	int span = c->h1 - c->h0;
	e->from = chance(60) ? CAL_NONE : c->h0 + rnd(-5, span + 5);
	if (chance(60))
		e->until = CAL_NONE;
	else if (e->from != CAL_NONE)
		e->until = e->from + rnd(0, 40);
	else
		e->until = c->h0 + rnd(-5, span + 5);
	switch (kind) {
	case KIND_WEEKLY:
		e->per_week = rnd(1, 7);
		break;
	case KIND_AS_NEEDED:
		e->as_needed = 1;
		if (chance(30))
			e->per_day = 24; /* its default */
		break;
	default:
		gen_fixed_schedule(e, c);
		break;
	}
	*n_steps = chance(40) ? gen_steps(sp, e, kind, c) : 0;
}

/* A new version of e (and its steps): one thing changed. */
static void gen_change(struct rx_exercise *e, enum kind kind,
                       const struct pcase *c, struct step_spec *sp,
                       int *n_steps)
{
	int span = c->h1 - c->h0;
	cal_day was_from = e->from;
	switch (rnd(0, 4)) {
	case 0:
		e->per_day = rnd(1, 3);
		break;
	case 1:
		if (kind == KIND_WEEKLY)
			e->per_week = rnd(1, 7);
		else if (kind == KIND_FIXED)
			gen_fixed_schedule(e, c);
		else
			e->per_day = rnd(1, 24);
		break;
	case 2:
		e->from = chance(40) ? CAL_NONE : c->h0 + rnd(-5, span + 5);
		if (e->from != CAL_NONE && e->until != CAL_NONE &&
		    e->until < e->from)
			e->until = e->from;
		break;
	case 3:
		e->until = chance(40) ? CAL_NONE : c->h0 + rnd(0, span + 10);
		if (e->from != CAL_NONE && e->until != CAL_NONE &&
		    e->until < e->from)
			e->from = e->until;
		break;
	default:
		*n_steps = chance(25) ? 0 : gen_steps(sp, e, kind, c);
		break;
	}
	/* An every of the exercise's own counts from its from: mostly
	 * re-anchored when from moved, now and then kept (READING R12). */
	if (e->every && e->from != was_from && chance(70))
		e->anchor = gen_anchor(e, c);
	*n_steps = fix_steps(sp, *n_steps, e);
}

/* Swaps the ranges' own stream (SPEC 2.2) with the current one: called
 * once before drawing a range and once after, so that the main stream's
 * draws, and with them every case of 2.1 and of earned steps, stay as they
 * were. */
static void range_stream(struct pcase *c)
{
	uint64_t was = rng_state;
	rng_state = c->range_rng;
	c->range_rng = was;
}

/* A MAX above min for a range (SPEC 2.2: MIN < MAX <= top), or 0 (one
 * number) when not drawn or min leaves no room. */
static int gen_max(int min, int top, int percent)
{
	if (min >= top || !chance(percent))
		return 0;
	return rnd(min + 1, min + 3 < top ? min + 3 : top);
}

/*
 * Ranges of frequency (SPEC 2.2) for e and its steps sp[0..n), from the
 * ranges' own stream: per_day = [MIN, MAX] on fixed and per-week
 * exercises, per_week = [MIN, MAX] on per-week ones, never on as-needed
 * ones (the loader refuses those). A new exercise (fresh) draws its own;
 * a copied one keeps its ranges, now and then changed, and drops a MAX a
 * change of its MIN has left invalid. A step draws once, when new.
 */
static void gen_ranges(struct pcase *c, struct rx_exercise *e, enum kind kind,
                       struct step_spec *sp, int n, bool fresh)
{
	if (kind == KIND_AS_NEEDED)
		return;
	range_stream(c);
	if (e->per_day_max <= e->per_day)
		e->per_day_max = 0;
	if (e->per_week_max <= e->per_week)
		e->per_week_max = 0;
	if (fresh || chance(15)) {
		e->per_day_max = gen_max(e->per_day, 24, 30);
		if (kind == KIND_WEEKLY)
			e->per_week_max = gen_max(e->per_week, 7, 40);
	}
	for (int k = 0; k < n; k++) {
		if (sp[k].ranged)
			continue;
		sp[k].ranged = true;
		if (sp[k].per_day)
			sp[k].per_day_max = gen_max(sp[k].per_day, 24, 30);
		if (sp[k].sched == NAMES_PER_WEEK)
			sp[k].per_week_max = gen_max(sp[k].value, 7, 40);
	}
	range_stream(c);
}

/* The days of a case: those the log may cover, today, the week's first
 * day and program start, around the first snapshot's from (anchors need
 * the start), which it returns. */
static cal_day gen_days(struct pcase *c)
{
	struct history *h = &c->h;
	cal_day base;
	assert_true(cal_from_ymd(2026, 1, 1, &base));
	c->h0 = base + rnd(0, 700);
	c->h1 = c->h0 + rnd(20, 60) - 1;
	h->today = chance(70) ? rnd(c->h0 + 10, c->h1) : c->h1 + rnd(1, 3);
	h->week_starts = chance(50) ? CAL_MON : CAL_SUN;

	cal_day from = c->h0 + rnd(0, 10);
	switch (rnd(0, 2)) {
	case 0:
		h->start = from;
		break;
	case 1:
		h->start = from - rnd(1, 10);
		break;
	default:
		h->start = from + rnd(1, 15);
		break;
	}
	return from;
}

/* Snapshot i's entry x, id p: a copy of the previous snapshot's (now and
 * then changed) or a new exercise, with its steps laid over it. */
static void gen_entry(struct pcase *c, int i, size_t x, int p, enum kind kind)
{
	const struct rx_exercise *prev =
	    i > 0 ? ref_find(&c->snaps[i - 1], pool_ids[p]) : NULL;
	struct rx_exercise *e = &c->ex[i][x];
	struct step_spec *sp = c->spec[i][x];
	int *n_steps = &c->n_spec[i][x];
	bool fresh = !prev || !chance(70);
	if (!fresh) {
		size_t j = (size_t)(prev - c->ex[i - 1]);
		*e = *prev;
		memcpy(sp, c->spec[i - 1][j], sizeof c->spec[i - 1][j]);
		*n_steps = c->n_spec[i - 1][j];
		if (chance(60))
			gen_change(e, kind, c, sp, n_steps);
	} else {
		gen_exercise(e, pool_ids[p], kind, c, sp, n_steps);
	}
	gen_ranges(c, e, kind, sp, *n_steps, fresh);
	/* Each snapshot holds its own versions. */
	build_steps(e, c->steps[i][x], sp, *n_steps, c->earned[p]);
}

/* Snapshots: ascending from (the first's is from), never after today (a
 * snapshot is dated max(logical today, newest)); the first maybe after
 * some history. */
static void gen_snapshots(struct pcase *c, const enum kind kind[POOL],
                          cal_day from)
{
	struct history *h = &c->h;
	int n_snaps = rnd(1, MAX_SNAPS);
	for (int i = 0; i < n_snaps && from <= h->today; i++) {
		struct rx_snapshot *s = &c->snaps[i];
		s->from = from;
		s->end = CAL_NONE; /* no end: the reference knows none */
		s->ex = c->ex[i];
		int order[POOL];
		for (int p = 0; p < POOL; p++)
			order[p] = p;
		for (int p = POOL - 1; p > 0; p--) {
			int q = rnd(0, p), tmp = order[p];
			order[p] = order[q];
			order[q] = tmp;
		}
		s->n = (size_t)rnd(1, MAX_EX);
		for (size_t x = 0; x < s->n; x++)
			gen_entry(c, i, x, order[x], kind[order[x]]);
		h->n_snaps++;
		from += rnd(1, 20);
	}
	h->snaps = c->snaps;
}

/* Earned steps: advance entries as they stand, in no order of their days,
 * some to a step beyond the last (clamped), some back. */
static void gen_advances(struct pcase *c)
{
	struct history *h = &c->h;
	for (int p = 0; p < POOL; p++) {
		if (!c->earned[p])
			continue;
		struct history_advances *x = &c->hadv[h->n_advances++];
		x->exercise = pool_ids[p];
		x->a = c->adv[p];
		x->n = (size_t)rnd(0, MAX_ADV);
		for (size_t k = 0; k < x->n; k++)
			c->adv[p][k] = (struct step_advance){
			    c->h0 + rnd(-5, c->h1 - c->h0 + 5),
			    rnd(0, MAX_STEPS + 1)};
	}
	h->advances = c->hadv;
}

/* id p's sessions and skip on d as the patient records them: sessions only
 * up to today; an excused skip only while not fully done, and no session
 * after it. */
static void gen_entry_day(const struct pcase *c, cal_day d, int p,
                          int diligence, int *done, enum skip_reason *skip)
{
	const struct history *h = &c->h;
	const struct rx_exercise *e = ref_version(h, pool_ids[p], d);
	*done = 0;
	*skip = SKIP_NONE;
	if (e && e->as_needed && ref_listed(h, e, d)) {
		/* Ticked now and then, up to its cap; a skip of it is
		 * refused. */
		int cap = e->per_day < 4 ? e->per_day : 4;
		if (chance(40))
			*done = rnd(1, cap);
	} else if (e && ref_listed(h, e, d)) {
		int pd = e->per_day;
		int pct = e->per_week ? e->per_week * 100 / 7 + 10 : diligence;
		if (chance(pct))
			*done = pd;
		else if (chance(50))
			*done = rnd(0, pd - 1);
		if (chance(3))
			*done = pd + 1; /* a same-day edit */
		if (chance(12)) {
			*skip = (enum skip_reason)rnd(1, 6);
			if (ref_excused(*skip) && *done >= pd)
				*done = rnd(0, pd - 1);
		}
	} else if (chance(2)) {
		/* A session left from an earlier same-day version of the
		 * prescription. */
		*done = rnd(1, 2);
	}
}

/*
 * Sessions a range welcomes (SPEC 2.2), from the ranges' own stream, over
 * what the main stream recorded for id p on d: with per_day = [MIN, MAX],
 * now and then more than MIN, never beyond MAX (refused); with per_week =
 * [MIN, MAX], now and then a day more (never refused). Never after an
 * excused skip (sessions after it are refused). Some of the sessions added
 * before today are logged late. Returns the sessions added.
 */
static int gen_welcome(struct pcase *c, cal_day d, int p, struct tally *t)
{
	const struct history *h = &c->h;
	const struct rx_exercise *e = ref_version(h, pool_ids[p], d);
	if (!e || e->as_needed || !ref_listed(h, e, d) || ref_excused(t->skip))
		return 0;
	int was = t->done;
	range_stream(c);
	if (e->per_day_max && t->done >= e->per_day && chance(45))
		t->done = rnd(t->done > e->per_day ? t->done : e->per_day + 1,
		              e->per_day_max);
	else if (e->per_week_max && t->done == 0 && t->skip == SKIP_NONE &&
	         chance(30))
		t->done = e->per_day_max ? rnd(e->per_day, e->per_day_max)
		                         : e->per_day;
	if (t->done > was && d < h->today && chance(25))
		t->late += rnd(1, t->done - was);
	range_stream(c);
	return t->done - was;
}

/* The log, sorted by (day, id) because pool_ids is. */
static void gen_log(struct pcase *c)
{
	struct history *h = &c->h;
	h->tallies = c->t;
	int diligence = rnd(40, 100);
	cal_day last = c->h1 < h->today ? c->h1 : h->today;
	for (cal_day d = c->h0; d <= last; d++) {
		for (int p = 0; p < POOL; p++) {
			int done;
			enum skip_reason skip;
			gen_entry_day(c, d, p, diligence, &done, &skip);
			assert_true(h->n_tallies < MAX_TALLIES);
			struct tally *t = &c->t[h->n_tallies];
			memset(t, 0, sizeof *t);
			t->exercise = pool_ids[p];
			t->day = d;
			t->done = done;
			t->skip = skip;
			/* Sessions logged after their day was over: never
			 * today's, which is not over yet. */
			if (done > 0 && d < h->today && chance(25))
				t->late = rnd(1, done);
			int welcome = gen_welcome(c, d, p, t);
			if (done > 0 || skip != SKIP_NONE || welcome > 0)
				h->n_tallies++;
		}
	}
	for (size_t i = 1; i < h->n_tallies; i++)
		assert_true(
		    c->t[i - 1].day < c->t[i].day ||
		    (c->t[i - 1].day == c->t[i].day &&
		     strcmp(c->t[i - 1].exercise, c->t[i].exercise) < 0));
}

void gen_case(struct pcase *c, unsigned number)
{
	memset(c, 0, sizeof *c);
	c->number = number;
	c->seed = splitmix64(SEED ^ number);
	rng_state = c->seed ? c->seed : 1;
	c->range_rng = splitmix64(c->seed ^ 0x7a2e5ULL) | 1;

	enum kind kind[POOL]; /* an id never changes kind */
	for (int p = 0; p < POOL; p++) {
		int r = rnd(0, 99);
		kind[p] = r < 30   ? KIND_WEEKLY
		          : r < 42 ? KIND_AS_NEEDED
		                   : KIND_FIXED;
	}
	/* Earned steps drawn aside, from their own stream: the cases of
	 * SPEC 2.1 stay as they were. */
	uint64_t main_stream = rng_state;
	rng_state = splitmix64(c->seed ^ 0x5eed57e95ULL);
	for (int p = 0; p < POOL; p++)
		c->earned[p] = kind[p] != KIND_AS_NEEDED && chance(35);
	uint64_t side_stream = rng_state;
	rng_state = main_stream;

	gen_snapshots(c, kind, gen_days(c));

	main_stream = rng_state;
	rng_state = side_stream;
	gen_advances(c);
	rng_state = main_stream;

	gen_log(c);
}
