/*
 * Property test of the day arithmetic (SPEC section 3): several hundred
 * random prescriptions and logs, each answered twice, by src/progress.c and
 * by a deliberately simple reference model written here straight from the
 * SPEC text (plain loops over days, linear look-ups, nothing shared with the
 * library). On the first disagreement the case is printed in full with both
 * answers. The prescriptions mix the three kinds of SPEC 2.1: fixed
 * exercises (on weekdays, or every N-th day from an anchor), per-week ones
 * and as-needed ones, any of them with steps (per_day; days or every for a
 * fixed one, per_week for a per-week one).
 *
 * Environment knobs (for shrinking a failure by hand):
 *   HEP_PROP_CASE=N  run case N only
 *   HEP_PROP_ALL=1   do not stop at the first failing case: list them all
 *
 * Readings chosen where SPEC section 3 leaves room (each one is marked
 * "READING" where it is used below):
 *  R1 "All due sessions done" is judged per exercise (done >= due for each
 *     fixed exercise with due > 0); "none done" means no due session done,
 *     i.e. the sum of min(done, due) over the day's fixed exercises is 0.
 *  R2 A per-week day is *met* only when it is in phase (a session recorded
 *     on a day outside the phase is not a day of the weekly count), and
 *     met uses per_day of the version in force that day.
 *  R3 "A day with an excused skip is not active": taken literally (any
 *     excused skip). The generator only records an excused skip while
 *     done < per_day (SPEC: a skip of a fully done exercise is refused, and
 *     sessions after an excused skip are refused), so the literal reading
 *     and "excused and not met" never differ here.
 *  R4 The per-week exercise streak walks the weeks from the one holding
 *     program start to the one holding today.
 *  R5 Week rows: the newest snapshot in force that week gives the order;
 *     exercises it no longer holds follow in the order of the next older
 *     snapshot in force that week, and so on. A row's exercise is the
 *     version held by the newest snapshot in force that week that holds the
 *     id ("the newest version in force that week").
 *  R6 Week row `done` is what was recorded that day, whatever the phase;
 *     `due` is due(E,D) (fixed) or per_day / done-after-excused-skip / 0
 *     (per-week, SPEC section 4).
 *  R7 Adherence, per-week part: "each week that starts in the span": the
 *     week's first day (week_starts) lies in from..to. A week is *over* when
 *     its last day is before today (today is unfinished).
 *  R8 Adherence, fixed part: the days of the span that are before today,
 *     plus today when its day status is `done`; days after today add
 *     nothing.
 *  R9 The current streak is the running count at the end of the walk (the
 *     run reaching the last counted day: rest days do not break it).
 *  R10 The on-time view of adherence (progress_adherence's ontime, SPEC
 *     4 "Late entries"): see ref_adherence_of().
 *  R11 Streak marks (a cache, not SPEC): resumed from a mark at the end of
 *     any week before today, holding only the tallies after it, every
 *     streak and week view answers as the whole history does, and a mark
 *     walked from a mark equals one walked from the start.
 *  R12 `every = N` (SPEC 2.1, "due every N-th day, counted from its
 *     anchor"): due on the anchor and on every N-th day after it; a day in
 *     phase before the anchor (an anchor at a program start since moved
 *     earlier, or kept by a later snapshot whose `from` moved earlier) is
 *     not due. The anchor is the prescription's (a derived field); the
 *     generator sets it as SPEC 2.1 says: the `from` of the step that gave
 *     `every`, else the exercise's `from`, else program start.
 *  R13 As-needed exercises: listed whenever in phase, after the others
 *     (each group in snapshot order), due 0, never part of a status, a
 *     streak (their streak is 0/0 in days) or adherence; week rows of
 *     them come after every other row (SPEC 2.1, `week --json`).
 *  R14 Steps: every day is judged by the version in force on it (the last
 *     step whose from is on or before it); a week row's exercise is its
 *     newest version in force that week at the step in force on the week's
 *     last day (include/hep/progress.h); a per-week target takes per_week
 *     of the step in force on the week's last active day.
 *
 * random_cases checks section 3 as a whole; random_cases_ontime checks only
 * the on-time adherence of the same cases, so that a failure there is told
 * apart from one in the core arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/progress.h"

#define N_CASES     500
#define SEED        0x68657070726f7031ULL /* "heppro p1" */
#define POOL        6
#define MAX_SNAPS   3
#define MAX_EX      4
#define MAX_TALLIES 512
#define MAX_STEPS   3
#define MAX_ADV     5

/* The pool of ids, in strcmp order (tallies sort by it). "a" < "a-b" <
 * "ab" exercises prefix and punctuation ordering. */
static const char *const pool_ids[POOL] = {"a", "a-b",    "ab",
                                           "b", "bridge", "quad-set"};

static char ex_name[] = "Exercise";

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
static int rnd(int lo, int hi)
{
	return lo + (int)((rng_next() >> 16) % (uint64_t)(hi - lo + 1));
}

static bool chance(int percent)
{
	return rnd(0, 99) < percent;
}

/* ------------------------------------------------------------------ */
/* One generated case.                                                 */

/* The kind of an id: it never changes (SPEC 2.1, "an id keeps its kind"). */
enum kind { KIND_FIXED, KIND_WEEKLY, KIND_AS_NEEDED };

/* A step as the file writes it: its from and the keys it names (the
 * versions are built from these, as the loader lays a step over the one
 * before it). */
enum sched_key { NAMES_NONE, NAMES_DAYS, NAMES_EVERY, NAMES_PER_WEEK };

struct step_spec {
	cal_day from;
	int per_day;          /* 0: not named */
	enum sched_key sched; /* the schedule key it names, if any */
	int value;            /* its days bits, every N or per_week */
};

struct pcase {
	unsigned number;
	uint64_t seed;
	struct rx_exercise ex[MAX_SNAPS][MAX_EX];
	struct rx_exercise steps[MAX_SNAPS][MAX_EX][MAX_STEPS];
	struct step_spec spec[MAX_SNAPS][MAX_EX][MAX_STEPS];
	int n_spec[MAX_SNAPS][MAX_EX];
	struct rx_snapshot snaps[MAX_SNAPS];
	/* Earned steps (SPEC 2.2): an id whose steps are earned, and its
	 * standing advance entries, in the order they stand. */
	bool earned[POOL];
	struct step_advance adv[POOL][MAX_ADV];
	struct history_advances hadv[POOL];
	struct tally t[MAX_TALLIES];
	cal_day h0, h1; /* the days the log may cover */
	struct history h;
};

/* ------------------------------------------------------------------ */
/* The reference model, straight from SPEC section 3.                  */

static int ref_weekday(cal_day d)
{
	/* 1970-01-01 (day 0) was a Thursday; Monday is 0. */
	int w = (int)(((int64_t)d + 3) % 7);
	return w < 0 ? w + 7 : w;
}

/* The first day of the week holding d. */
static cal_day ref_week_first(const struct history *h, cal_day d)
{
	while (ref_weekday(d) != (int)h->week_starts)
		d--;
	return d;
}

static bool ref_excused(enum skip_reason r)
{
	/* SPEC: rest, pain and sick are excused; travel, time, other not. */
	return r == SKIP_REST || r == SKIP_PAIN || r == SKIP_SICK;
}

/* The snapshot in force on d: the newest whose from <= d; the first one
 * also applies to every earlier day. */
static const struct rx_snapshot *ref_snapshot(const struct history *h,
                                              cal_day d)
{
	const struct rx_snapshot *s = &h->snaps[0];
	for (size_t i = 0; i < h->n_snaps; i++)
		if (h->snaps[i].from <= d)
			s = &h->snaps[i];
	return s;
}

static const struct rx_exercise *ref_find(const struct rx_snapshot *s,
                                          const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->ex[i].id, id) == 0)
			return &s->ex[i];
	return NULL;
}

/* SPEC 2.1 steps: "from its `from` on, a step's keys replace the
 * exercise's (and the earlier steps')": the version of e in force on d is
 * the last step whose from is on or before d, else e's own. (A step from on
 * or before program start is thereby in force from the start.) */
/* SPEC 2.2: earned steps are brought in by advance entries. The advance
 * in force on d is the standing one whose effective day is the latest on
 * or before d (of two on one day, the one standing later); *at gets its
 * day, false when none is. */
static bool ref_advance(const struct history *h, const char *id, cal_day d,
                        int *step, cal_day *at)
{
	bool any = false;
	for (size_t i = 0; i < h->n_advances; i++) {
		if (strcmp(h->advances[i].exercise, id) != 0)
			continue;
		for (size_t k = 0; k < h->advances[i].n; k++) {
			const struct step_advance *a = &h->advances[i].a[k];
			if (a->effective <= d &&
			    (!any || a->effective >= *at)) {
				*step = a->step;
				*at = a->effective;
				any = true;
			}
		}
	}
	return any;
}

/* Whether e (an exercise or one of its versions) has earned steps. */
static bool ref_earned(const struct rx_exercise *e)
{
	return e->when.sessions > 0 ||
	       (e->n_steps > 0 && e->steps[0].when.sessions > 0);
}

static const struct rx_exercise *ref_on(const struct history *h,
                                        const struct rx_exercise *e, cal_day d)
{
	if (e->n_steps > 0 && ref_earned(e)) {
		/* The step the advance in force names, at most the last. */
		int step = 0;
		cal_day at;
		if (!ref_advance(h, e->id, d, &step, &at))
			step = 0;
		if (step > (int)e->n_steps)
			step = (int)e->n_steps;
		return step > 0 ? &e->steps[step - 1] : e;
	}
	const struct rx_exercise *v = e;
	for (size_t k = 0; k < e->n_steps; k++)
		if (e->steps[k].step_from <= d)
			v = &e->steps[k];
	return v;
}

/* id as the snapshot in force on d holds it, at the step in force on d, or
 * NULL. */
static const struct rx_exercise *ref_version(const struct history *h,
                                             const char *id, cal_day d)
{
	const struct rx_exercise *e = ref_find(ref_snapshot(h, d), id);
	return e ? ref_on(h, e, d) : NULL;
}

static void ref_entry(const struct history *h, const char *id, cal_day d,
                      int *done, enum skip_reason *skip)
{
	*done = 0;
	*skip = SKIP_NONE;
	for (size_t i = 0; i < h->n_tallies; i++)
		if (h->tallies[i].day == d &&
		    strcmp(h->tallies[i].exercise, id) == 0) {
			*done = h->tallies[i].done;
			*skip = h->tallies[i].skip;
		}
}

/* In phase: d >= program start and from <= d <= until (e is the version
 * in force on d, so "the snapshot in force on D holds E" is the caller's). */
static bool ref_in_phase(const struct history *h, const struct rx_exercise *e,
                         cal_day d)
{
	if (h->start == CAL_NONE || d < h->start)
		return false;
	if (e->from != CAL_NONE && d < e->from)
		return false;
	if (e->until != CAL_NONE && d > e->until)
		return false;
	return true;
}

/* A fixed exercise's schedule (e the version in force on d): with `every =
 * N`, due "every N-th day, counted from its anchor" (READING R12: the
 * anchor and every N-th day after it; a day before the anchor is not
 * counted), else D's weekday among its days. */
static bool ref_scheduled(const struct history *h, const struct rx_exercise *e,
                          cal_day d)
{
	if (e->every > 0) {
		/* Under earned steps, from the day of the advance that
		 * brought the step in (SPEC 2.2 point 8). */
		cal_day anchor = e->anchor, at;
		int step;
		if (ref_earned(e) && ref_advance(h, e->id, d, &step, &at))
			anchor = at;
		int64_t since = (int64_t)d - (int64_t)anchor;
		return since >= 0 && since % e->every == 0;
	}
	return (e->days & (1u << ref_weekday(d))) != 0;
}

/* Listed that day (e the version in force on d): in phase, and for a fixed
 * exercise scheduled; an as-needed exercise whenever in phase (it is
 * listed, apart, but never due). */
static bool ref_listed(const struct history *h, const struct rx_exercise *e,
                       cal_day d)
{
	if (!ref_in_phase(h, e, d))
		return false;
	return e->as_needed || e->per_week > 0 || ref_scheduled(h, e, d);
}

/* due(E,D) after excused skips. For a fixed exercise per_day when
 * scheduled; for a per-week one per_day on a day in phase (the `today`
 * and `week` due of SPEC section 4). After an excused skip due = done. */
static int ref_due(const struct history *h, const struct rx_exercise *e,
                   cal_day d)
{
	if (!e || e->as_needed || !ref_listed(h, e, d))
		return 0; /* as-needed: "its due is always 0" */
	int done;
	enum skip_reason skip;
	ref_entry(h, e->id, d, &done, &skip);
	if (ref_excused(skip))
		return done; /* generator keeps done < per_day here */
	return e->per_day;
}

/* A per-week exercise's week starting on first: target and met days (up to
 * today). */
static void ref_week_target(const struct history *h, const char *id,
                            cal_day first, int *target, int *met)
{
	int active = 0, per_week = 0;
	*met = 0;
	for (cal_day d = first; d < first + 7; d++) {
		const struct rx_exercise *e = ref_version(h, id, d);
		if (!e || e->per_week == 0 || !ref_in_phase(h, e, d))
			continue;
		int done;
		enum skip_reason skip;
		ref_entry(h, id, d, &done, &skip);
		if (ref_excused(skip))
			continue; /* READING R3: not active */
		active++;
		per_week = e->per_week; /* the last active day's wins */
		if (d <= h->today && done >= e->per_day)
			(*met)++; /* READING R2 */
	}
	*target = per_week < active ? per_week : active;
}

/* Day status over fixed exercises. */
static enum day_status ref_status(const struct history *h, cal_day d)
{
	if (d > h->today)
		return DAY_FUTURE;
	if (h->start == CAL_NONE || d < h->start)
		return DAY_NONE;
	const struct rx_snapshot *s = ref_snapshot(h, d);
	int due_sum = 0, done_sum = 0;
	bool all = true;
	for (size_t i = 0; i < s->n; i++) {
		const struct rx_exercise *e = ref_on(h, &s->ex[i], d);
		if (e->per_week || e->as_needed)
			continue; /* they never change a day's status */
		int due = ref_due(h, e, d);
		if (due == 0)
			continue;
		int done;
		enum skip_reason skip;
		ref_entry(h, e->id, d, &done, &skip);
		due_sum += due;
		done_sum += done < due ? done : due;
		if (done < due)
			all = false; /* READING R1 */
	}
	if (due_sum == 0)
		return DAY_REST;
	if (all)
		return DAY_DONE;
	if (d == h->today)
		return DAY_OPEN;
	return done_sum == 0 ? DAY_MISSED : DAY_PARTIAL;
}

static void ref_step(struct streak *s, bool done)
{
	if (done) {
		s->current++;
		if (s->current > s->longest)
			s->longest = s->current;
	} else {
		s->current = 0; /* READING R9 */
	}
}

static struct streak ref_day_streak(const struct history *h)
{
	struct streak s = {0, 0};
	if (h->start == CAL_NONE)
		return s;
	for (cal_day d = h->start; d <= h->today; d++) {
		enum day_status st = ref_status(h, d);
		if (st == DAY_REST || st == DAY_NONE)
			continue;
		if (d == h->today && st != DAY_DONE)
			continue;
		ref_step(&s, st == DAY_DONE);
	}
	return s;
}

/* Whether id is per-week: the kind of the newest snapshot holding it. */
static bool ref_is_weekly(const struct history *h, const char *id)
{
	bool weeks = false;
	for (size_t i = 0; i < h->n_snaps; i++) {
		const struct rx_exercise *e = ref_find(&h->snaps[i], id);
		if (e)
			weeks = e->per_week > 0;
	}
	return weeks;
}

static struct streak ref_ex_streak(const struct history *h, const char *id,
                                   bool *weeks)
{
	struct streak s = {0, 0};
	*weeks = ref_is_weekly(h, id);
	if (h->start == CAL_NONE)
		return s;
	if (*weeks) {
		/* READING R4 */
		cal_day now = ref_week_first(h, h->today);
		for (cal_day w = ref_week_first(h, h->start); w <= now;
		     w += 7) {
			int target, met;
			ref_week_target(h, id, w, &target, &met);
			if (target == 0)
				continue;
			if (w == now && met < target)
				continue;
			ref_step(&s, met >= target);
		}
		return s;
	}
	for (cal_day d = h->start; d <= h->today; d++) {
		const struct rx_exercise *e = ref_version(h, id, d);
		if (!e || e->per_week)
			continue;
		int due = ref_due(h, e, d);
		if (due == 0)
			continue;
		int done;
		enum skip_reason skip;
		ref_entry(h, id, d, &done, &skip);
		if (d == h->today && done < due)
			continue;
		ref_step(&s, done >= due);
	}
	return s;
}

/* Every id any snapshot holds, in pool order; returns the count. */
static size_t ref_all_ids(const struct history *h, const char *ids[POOL])
{
	size_t n = 0;
	for (int p = 0; p < POOL; p++) {
		bool held = false;
		for (size_t i = 0; i < h->n_snaps; i++)
			held = held || ref_find(&h->snaps[i], pool_ids[p]);
		if (held)
			ids[n++] = pool_ids[p];
	}
	return n;
}

/* Sessions of id on d logged after the day was over. */
static int ref_late(const struct history *h, const char *id, cal_day d)
{
	for (size_t i = 0; i < h->n_tallies; i++)
		if (h->tallies[i].day == d &&
		    strcmp(h->tallies[i].exercise, id) == 0)
			return h->tallies[i].late;
	return 0;
}

/* Met days of a per-week exercise's week counting on-time sessions only. */
static int ref_met_ontime(const struct history *h, const char *id,
                          cal_day first)
{
	int met = 0;
	for (cal_day d = first; d < first + 7 && d <= h->today; d++) {
		const struct rx_exercise *e = ref_version(h, id, d);
		if (!e || e->per_week == 0 || !ref_in_phase(h, e, d))
			continue;
		int done;
		enum skip_reason skip;
		ref_entry(h, id, d, &done, &skip);
		if (ref_excused(skip))
			continue;
		if (done - ref_late(h, id, d) >= e->per_day)
			met++;
	}
	return met;
}

/*
 * Adherence of from..to, of exercise only (or of all when NULL). With
 * ontime, *done counts on-time sessions only (SPEC section 4, "Late
 * entries"); *due stays the all-sessions due.
 * READING R10 (the on-time view): late sessions still "count as done", so
 * what is due (due = done after an excused skip) and when a week is counted
 * ("once it is over or its target met") are judged on all sessions; only
 * the done side is narrowed to on-time sessions. This is how report.c pairs
 * them: on-time done over the all-sessions due.
 */
static void ref_adherence_of(const struct history *h, cal_day from, cal_day to,
                             const char *only, bool ontime, int *due, int *done)
{
	*due = *done = 0;
	/* Fixed exercises: each day before today, today once done (R8). */
	for (cal_day d = from; d <= to; d++) {
		if (d > h->today)
			break;
		if (d == h->today && ref_status(h, d) != DAY_DONE)
			continue;
		const struct rx_snapshot *s = ref_snapshot(h, d);
		for (size_t i = 0; i < s->n; i++) {
			const struct rx_exercise *e = ref_on(h, &s->ex[i], d);
			if (e->per_week || e->as_needed ||
			    (only && strcmp(only, e->id) != 0))
				continue;
			int dd = ref_due(h, e, d);
			int n;
			enum skip_reason skip;
			ref_entry(h, e->id, d, &n, &skip);
			if (ontime)
				n -= ref_late(h, e->id, d);
			*due += dd;
			*done += n < dd ? n : dd;
		}
	}
	/* Per-week exercises: each week starting in the span (R7), once it
	 * is over or its target met. */
	const char *ids[POOL];
	size_t n_ids = ref_all_ids(h, ids);
	for (cal_day w = ref_week_first(h, from); w <= to; w += 7) {
		if (w < from)
			continue;
		for (size_t j = 0; j < n_ids; j++) {
			if (!ref_is_weekly(h, ids[j]) ||
			    (only && strcmp(only, ids[j]) != 0))
				continue;
			int target, met;
			ref_week_target(h, ids[j], w, &target, &met);
			bool over = w + 6 < h->today;
			if (!over && met < target)
				continue;
			if (ontime)
				met = ref_met_ontime(h, ids[j], w);
			*due += target;
			*done += met < target ? met : target;
		}
	}
}

static void ref_adherence(const struct history *h, cal_day from, cal_day to,
                          int *due, int *done)
{
	ref_adherence_of(h, from, to, NULL, false, due, done);
}

/* The checklist of d; returns the status. items has room for MAX_EX. */
static enum day_status ref_day(const struct history *h, cal_day d,
                               struct day_item *items, size_t *n)
{
	const struct rx_snapshot *s = ref_snapshot(h, d);
	*n = 0;
	/* The due exercises in snapshot order, then the as-needed ones
	 * ("listed (apart, after the due exercises)"). */
	for (size_t i = 0; i < 2 * s->n; i++) {
		const struct rx_exercise *e = ref_on(h, &s->ex[i % s->n], d);
		if ((i < s->n) == (e->as_needed != 0) || !ref_listed(h, e, d))
			continue;
		struct day_item it;
		memset(&it, 0, sizeof it);
		it.ex = e;
		ref_entry(h, e->id, d, &it.done, &it.skip);
		it.due = ref_due(h, e, d);
		if (e->per_week) {
			int target;
			ref_week_target(h, e->id, ref_week_first(h, d), &target,
			                &it.week_done);
		}
		items[(*n)++] = it;
	}
	return ref_status(h, d);
}

/* The week holding d (rows has room for POOL). */
static void ref_week(const struct history *h, cal_day d, struct week_view *w,
                     struct week_row *rows)
{
	memset(w, 0, sizeof *w);
	w->first = ref_week_first(h, d);
	w->rows = rows;
	/* READING R5: snapshots in force that week, newest first. */
	for (int i = (int)h->n_snaps - 1; i >= 0; i--) {
		const struct rx_snapshot *s = &h->snaps[i];
		bool in_force = false;
		for (int k = 0; k < 7; k++)
			in_force =
			    in_force || ref_snapshot(h, w->first + k) == s;
		if (!in_force)
			continue;
		for (size_t x = 0; x < s->n; x++) {
			const struct rx_exercise *e = &s->ex[x];
			bool listed = false;
			for (size_t r = 0; r < w->n_rows; r++)
				listed = listed ||
				         strcmp(rows[r].ex->id, e->id) == 0;
			if (listed)
				continue;
			bool in_phase = false;
			for (int k = 0; k < 7; k++) {
				const struct rx_exercise *v =
				    ref_version(h, e->id, w->first + k);
				in_phase =
				    in_phase ||
				    (v && ref_in_phase(h, v, w->first + k));
			}
			if (!in_phase)
				continue;
			struct week_row *r = &rows[w->n_rows++];
			memset(r, 0, sizeof *r);
			/* READING R14: at the step in force on the week's
			 * last day. */
			r->ex = ref_on(h, e, w->first + 6);
		}
	}
	/* As-needed rows come last (SPEC 2.1), keeping their order. */
	struct week_row sorted[POOL];
	size_t n_sorted = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t r = 0; r < w->n_rows; r++)
			if ((rows[r].ex->as_needed != 0) == (pass == 1))
				sorted[n_sorted++] = rows[r];
	memcpy(rows, sorted, n_sorted * sizeof *rows);
	for (size_t r = 0; r < w->n_rows; r++) {
		struct week_row *row = &rows[r];
		for (int k = 0; k < 7; k++) {
			cal_day day = w->first + k;
			ref_entry(h, row->ex->id, day, &row->done[k],
			          &row->skip[k]);
			/* READING R6 */
			row->due[k] =
			    ref_due(h, ref_version(h, row->ex->id, day), day);
		}
		if (row->ex->per_week)
			ref_week_target(h, row->ex->id, w->first, &row->target,
			                &row->met);
		row->streak = ref_ex_streak(h, row->ex->id, &row->weeks);
	}
	for (int k = 0; k < 7; k++)
		w->status[k] = ref_status(h, w->first + k);
	ref_adherence(h, w->first, w->first + 6, &w->due, &w->done);
	w->streak = ref_day_streak(h);
}

/* ------------------------------------------------------------------ */
/* Printing a case.                                                    */

static const char *const status_names[] = {"none",    "rest",   "done",  "open",
                                           "partial", "missed", "future"};
static const char *const skip_names[] = {"-",      "rest", "pain", "sick",
                                         "travel", "time", "other"};
static const char *const wd_names[] = {"Mon", "Tue", "Wed", "Thu",
                                       "Fri", "Sat", "Sun"};

static const char *fmt_day(cal_day d, char buf[CAL_DATE_LEN + 4])
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
	fprintf(stderr, "per_day %d ", e->per_day);
	if (e->as_needed)
		fprintf(stderr, "as needed");
	else if (e->per_week)
		fprintf(stderr, "per_week %d", e->per_week);
	else if (e->every)
		fprintf(stderr, "every %d anchor %s", e->every,
		        fmt_day(e->anchor, b));
	else
		fprintf(stderr, "days 0x%02x", e->days);
}

static void dump_case(const struct pcase *c)
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
static void build_steps(struct rx_exercise *e, struct rx_exercise *store,
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
		if (sp[k].per_day)
			v->per_day = sp[k].per_day;
		if (sp[k].sched != NAMES_NONE) {
			v->days = RX_ALL_DAYS;
			v->every = 0;
			v->anchor = CAL_NONE;
			v->per_week = 0;
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

static void gen_case(struct pcase *c, unsigned number)
{
	memset(c, 0, sizeof *c);
	c->number = number;
	c->seed = splitmix64(SEED ^ number);
	rng_state = c->seed ? c->seed : 1;
	struct history *h = &c->h;

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

	cal_day base;
	assert_true(cal_from_ymd(2026, 1, 1, &base));
	c->h0 = base + rnd(0, 700);
	c->h1 = c->h0 + rnd(20, 60) - 1;
	h->today = chance(70) ? rnd(c->h0 + 10, c->h1) : c->h1 + rnd(1, 3);
	h->week_starts = chance(50) ? CAL_MON : CAL_SUN;

	/* Program start around the first snapshot (anchors need it). */
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

	/* Snapshots: ascending from, never after today (a snapshot is dated
	 * max(logical today, newest)); the first maybe after some history. */
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
		for (size_t x = 0; x < s->n; x++) {
			int p = order[x];
			const struct rx_exercise *prev =
			    i > 0 ? ref_find(&c->snaps[i - 1], pool_ids[p])
			          : NULL;
			struct rx_exercise *e = &c->ex[i][x];
			struct step_spec *sp = c->spec[i][x];
			int *n_steps = &c->n_spec[i][x];
			if (prev && chance(70)) {
				size_t j = (size_t)(prev - c->ex[i - 1]);
				*e = *prev;
				memcpy(sp, c->spec[i - 1][j],
				       sizeof c->spec[i - 1][j]);
				*n_steps = c->n_spec[i - 1][j];
				if (chance(60))
					gen_change(e, kind[p], c, sp, n_steps);
			} else {
				gen_exercise(e, pool_ids[p], kind[p], c, sp,
				             n_steps);
			}
			/* Each snapshot holds its own versions. */
			build_steps(e, c->steps[i][x], sp, *n_steps,
			            c->earned[p]);
		}
		h->n_snaps++;
		from += rnd(1, 20);
	}
	h->snaps = c->snaps;

	/* Earned steps: advance entries as they stand, in no order of their
	 * days, some to a step beyond the last (clamped), some back. */
	main_stream = rng_state;
	rng_state = side_stream;
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
	rng_state = main_stream;

	/* The log: sorted by (day, id) because pool_ids is. Sessions only
	 * up to today; an excused skip only while not fully done, and no
	 * session after it. */
	h->tallies = c->t;
	int diligence = rnd(40, 100);
	cal_day last = c->h1 < h->today ? c->h1 : h->today;
	for (cal_day d = c->h0; d <= last; d++) {
		for (int p = 0; p < POOL; p++) {
			const struct rx_exercise *e =
			    ref_version(h, pool_ids[p], d);
			int done = 0;
			enum skip_reason skip = SKIP_NONE;
			if (e && e->as_needed && ref_listed(h, e, d)) {
				/* Ticked now and then, up to its cap; a
				 * skip of it is refused. */
				int cap = e->per_day < 4 ? e->per_day : 4;
				if (chance(40))
					done = rnd(1, cap);
			} else if (e && ref_listed(h, e, d)) {
				int pd = e->per_day;
				int pct = e->per_week
				              ? e->per_week * 100 / 7 + 10
				              : diligence;
				if (chance(pct))
					done = pd;
				else if (chance(50))
					done = rnd(0, pd - 1);
				if (chance(3))
					done = pd + 1; /* a same-day edit */
				if (chance(12)) {
					skip = (enum skip_reason)rnd(1, 6);
					if (ref_excused(skip) && done >= pd)
						done = rnd(0, pd - 1);
				}
			} else if (chance(2)) {
				/* A session left from an earlier same-day
				 * version of the prescription. */
				done = rnd(1, 2);
			}
			if (done == 0 && skip == SKIP_NONE)
				continue;
			assert_true(h->n_tallies < MAX_TALLIES);
			struct tally *t = &c->t[h->n_tallies++];
			memset(t, 0, sizeof *t);
			t->exercise = pool_ids[p];
			t->day = d;
			t->done = done;
			t->skip = skip;
			/* Sessions logged after their day was over: never
			 * today's, which is not over yet. */
			if (done > 0 && d < h->today && chance(25))
				t->late = rnd(1, done);
		}
	}
	for (size_t i = 1; i < h->n_tallies; i++)
		assert_true(
		    c->t[i - 1].day < c->t[i].day ||
		    (c->t[i - 1].day == c->t[i].day &&
		     strcmp(c->t[i - 1].exercise, c->t[i].exercise) < 0));
}

/* ------------------------------------------------------------------ */
/* Comparing.                                                          */

/* What the cases covered, to see that they are not trivial. */
static struct {
	unsigned long tallies, snaps, excused, late, statuses[7], weekly_weeks,
	    streak_days, questions;
	/* SPEC 2.1's schedules: cases holding each, exercises (one per
	 * snapshot entry) holding each, steps, and days judged by them. */
	unsigned long cases_every, cases_as_needed, cases_steps, ex_every,
	    ex_as_needed, ex_steps, steps, steps_every, steps_days,
	    steps_per_week, steps_per_day, every_due, every_rest, before_anchor,
	    as_needed_done, step_days;
	/* SPEC 2.2's earned steps: exercises, advances, days at an earned
	 * step, of which anchored at their advance. */
	unsigned long ex_earned, advances, earned_days, earned_every_days;
} cover;

static void count_schedules(const struct pcase *c)
{
	const struct history *h = &c->h;
	bool every = false, as_needed = false, steps = false;
	for (size_t i = 0; i < h->n_snaps; i++)
		for (size_t x = 0; x < h->snaps[i].n; x++) {
			const struct rx_exercise *e = &h->snaps[i].ex[x];
			bool ev = e->every > 0;
			const struct step_spec *sp = c->spec[i][x];
			for (size_t k = 0; k < e->n_steps; k++) {
				ev = ev || e->steps[k].every > 0;
				cover.steps_every += sp[k].sched == NAMES_EVERY;
				cover.steps_days += sp[k].sched == NAMES_DAYS;
				cover.steps_per_week +=
				    sp[k].sched == NAMES_PER_WEEK;
				cover.steps_per_day += sp[k].per_day > 0;
			}
			cover.steps += e->n_steps;
			cover.ex_every += ev;
			cover.ex_as_needed += e->as_needed != 0;
			cover.ex_steps += e->n_steps > 0;
			cover.ex_earned += e->n_steps > 0 && ref_earned(e);
			every = every || ev;
			as_needed = as_needed || e->as_needed;
			steps = steps || e->n_steps > 0;
		}
	for (size_t i = 0; i < h->n_advances; i++)
		cover.advances += h->advances[i].n;
	cover.cases_every += every;
	cover.cases_as_needed += as_needed;
	cover.cases_steps += steps;
	for (cal_day d = c->h0; d <= c->h1; d++)
		for (int p = 0; p < POOL; p++) {
			const struct rx_exercise *e =
			    ref_version(h, pool_ids[p], d);
			if (!e || !ref_in_phase(h, e, d))
				continue;
			cover.step_days += e->step > 0;
			cover.earned_days += e->step > 0 && ref_earned(e);
			cover.earned_every_days +=
			    e->step > 0 && ref_earned(e) && e->every > 0;
			if (e->every) {
				bool due = ref_scheduled(h, e, d);
				cover.every_due += due;
				cover.every_rest += !due;
				cover.before_anchor += d < e->anchor;
			}
			if (e->as_needed) {
				int done;
				enum skip_reason skip;
				ref_entry(h, e->id, d, &done, &skip);
				cover.as_needed_done += done > 0;
			}
		}
}

static void count_cover(const struct pcase *c)
{
	const struct history *h = &c->h;
	cover.tallies += h->n_tallies;
	cover.snaps += h->n_snaps;
	for (size_t i = 0; i < h->n_tallies; i++) {
		cover.excused += ref_excused(h->tallies[i].skip);
		cover.late += h->tallies[i].late > 0;
	}
	for (cal_day d = c->h0; d <= c->h1 + 3; d++)
		cover.statuses[ref_status(h, d)]++;
	cover.streak_days += (unsigned long)ref_day_streak(h).longest;
	const char *ids[POOL];
	size_t n = ref_all_ids(h, ids);
	for (cal_day w = ref_week_first(h, c->h0); w <= c->h1; w += 7)
		for (size_t i = 0; i < n; i++) {
			int target, met;
			if (!ref_is_weekly(h, ids[i]))
				continue;
			ref_week_target(h, ids[i], w, &target, &met);
			cover.weekly_weeks += target > 0;
		}
	count_schedules(c);
}

static char msg[4096];
static size_t msg_len;

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void
say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (msg_len < sizeof msg) {
		int n = vsnprintf(msg + msg_len, sizeof msg - msg_len, fmt, ap);
		if (n > 0)
			msg_len += (size_t)n;
	}
	va_end(ap);
}

static const char *ex_id(const struct rx_exercise *e)
{
	return e ? e->id : "(null)";
}

static void say_items(const char *who, enum day_status st,
                      const struct day_item *it, size_t n)
{
	say("  %s: %s [", who, status_names[st]);
	for (size_t i = 0; i < n; i++)
		say("%s%s due %d done %d skip %s week_done %d", i ? "; " : "",
		    ex_id(it[i].ex), it[i].due, it[i].done,
		    skip_names[it[i].skip], it[i].week_done);
	say("]\n");
}

static bool same_items(const struct day_item *a, size_t na,
                       const struct day_item *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (a[i].ex != b[i].ex || a[i].due != b[i].due ||
		    a[i].done != b[i].done || a[i].skip != b[i].skip ||
		    a[i].week_done != b[i].week_done)
			return false;
	return true;
}

static bool check_day(const struct history *h, cal_day d)
{
	char b[16];
	struct day_item ref[MAX_EX];
	size_t n_ref;
	cover.questions += 2;
	enum day_status st_ref = ref_day(h, d, ref, &n_ref);
	struct day_item *lib;
	size_t n_lib;
	enum day_status st_lib = progress_day(h, d, &lib, &n_lib);
	bool ok = st_lib == st_ref && same_items(lib, n_lib, ref, n_ref);
	if (!ok) {
		say("progress_day(%s) differs:\n", fmt_day(d, b));
		say_items("library  ", st_lib, lib, n_lib);
		say_items("reference", st_ref, ref, n_ref);
	}
	free(lib);
	if (!ok)
		return false;
	enum day_status st = progress_day_status(h, d);
	if (st != st_ref) {
		say("progress_day_status(%s): library %s, reference %s\n",
		    fmt_day(d, b), status_names[st], status_names[st_ref]);
		return false;
	}
	return true;
}

static bool same_streak(struct streak a, struct streak b)
{
	return a.current == b.current && a.longest == b.longest;
}

/* The streaks of lib (the library's view) against the reference over h. */
static bool check_streaks(const struct history *lib_h, const struct history *h)
{
	struct streak lib = progress_day_streak(lib_h), ref = ref_day_streak(h);
	cover.questions++;
	if (!same_streak(lib, ref)) {
		say("progress_day_streak: library %d/%d, reference %d/%d "
		    "(current/longest)\n",
		    lib.current, lib.longest, ref.current, ref.longest);
		return false;
	}
	const char *ids[POOL];
	size_t n = ref_all_ids(h, ids);
	for (size_t i = 0; i < n; i++) {
		bool wl = false, wr = false;
		cover.questions++;
		lib = progress_exercise_streak(lib_h, ids[i], &wl);
		ref = ref_ex_streak(h, ids[i], &wr);
		if (!same_streak(lib, ref) || wl != wr) {
			say("progress_exercise_streak(%s): library %d/%d %s, "
			    "reference %d/%d %s\n",
			    ids[i], lib.current, lib.longest,
			    wl ? "weeks" : "days", ref.current, ref.longest,
			    wr ? "weeks" : "days");
			return false;
		}
	}
	return true;
}

static void say_row(const char *who, const struct week_row *r)
{
	say("  %s %-8s due", who, ex_id(r->ex));
	for (int k = 0; k < 7; k++)
		say(" %d", r->due[k]);
	say(" done");
	for (int k = 0; k < 7; k++)
		say(" %d", r->done[k]);
	say(" skip");
	for (int k = 0; k < 7; k++)
		say(" %s", skip_names[r->skip[k]]);
	say(" target %d met %d streak %d/%d %s\n", r->target, r->met,
	    r->streak.current, r->streak.longest, r->weeks ? "weeks" : "days");
}

static void say_week(const char *who, const struct week_view *w)
{
	char b[16];
	say(" %s: first %s due %d done %d streak %d/%d status", who,
	    fmt_day(w->first, b), w->due, w->done, w->streak.current,
	    w->streak.longest);
	for (int k = 0; k < 7; k++)
		say(" %s", status_names[w->status[k]]);
	say("\n");
	for (size_t i = 0; i < w->n_rows; i++)
		say_row(who, &w->rows[i]);
}

static bool same_row(const struct week_row *a, const struct week_row *b)
{
	if (a->ex != b->ex || a->target != b->target || a->met != b->met ||
	    !same_streak(a->streak, b->streak) || a->weeks != b->weeks)
		return false;
	for (int k = 0; k < 7; k++)
		if (a->due[k] != b->due[k] || a->done[k] != b->done[k] ||
		    a->skip[k] != b->skip[k])
			return false;
	return true;
}

static bool check_week(const struct history *lib_h, const struct history *h,
                       cal_day d)
{
	char b[16];
	struct week_row rows[POOL];
	struct week_view ref, lib;
	cover.questions++;
	ref_week(h, d, &ref, rows);
	progress_week(lib_h, d, &lib);
	bool ok = lib.first == ref.first && lib.due == ref.due &&
	          lib.done == ref.done && same_streak(lib.streak, ref.streak) &&
	          lib.n_rows == ref.n_rows;
	for (int k = 0; ok && k < 7; k++)
		ok = lib.status[k] == ref.status[k];
	for (size_t i = 0; ok && i < ref.n_rows; i++)
		ok = same_row(&lib.rows[i], &ref.rows[i]);
	if (!ok) {
		say("progress_week(%s) differs:\n", fmt_day(d, b));
		say_week("library  ", &lib);
		say_week("reference", &ref);
	}
	progress_week_free(&lib);
	return ok;
}

/*
 * progress_adherence of from..to, of all exercises and of each id; with
 * ontime, the on-time view (the same due, done narrowed to on-time
 * sessions).
 */
static bool check_adherence_view(const struct history *h, cal_day from,
                                 cal_day to, bool ontime)
{
	char b1[16], b2[16];
	const char *ids[POOL + 1];
	size_t n = ref_all_ids(h, ids + 1);
	ids[0] = NULL;
	for (size_t i = 0; i <= n; i++) {
		int due_l, done_l, due_r, done_r;
		cover.questions++;
		progress_adherence(h, from, to, ids[i], ontime, &due_l,
		                   &done_l);
		ref_adherence_of(h, from, to, ids[i], ontime, &due_r, &done_r);
		if (due_l != due_r || done_l != done_r) {
			say("progress_adherence(%s .. %s, %s)%s: library due "
			    "%d "
			    "done %d, reference due %d done %d\n",
			    fmt_day(from, b1), fmt_day(to, b2),
			    ids[i] ? ids[i] : "all", ontime ? " on time" : "",
			    due_l, done_l, due_r, done_r);
			return false;
		}
	}
	return true;
}

/* h resumed from a mark at the end of day at: the mark walked over h, and
 * only the tallies after it. */
static bool resume_at(const struct history *h, cal_day at, struct history *out,
                      struct streak_mark *m)
{
	if (!progress_mark(h, at, m))
		return false;
	*out = *h;
	out->mark = m;
	out->first = at + 1;
	/* As a start loads it: the snapshots in force from the mark on. */
	const struct rx_snapshot *s = history_snapshot(h, at + 1);
	out->snaps = s;
	out->n_snaps = h->n_snaps - (size_t)(s - h->snaps);
	size_t k = 0;
	while (k < h->n_tallies && h->tallies[k].day <= at)
		k++;
	out->tallies = h->tallies + k;
	out->n_tallies = h->n_tallies - k;
	return true;
}

static bool same_mark(const struct streak_mark *a, const struct streak_mark *b)
{
	bool same = a->day == b->day && a->start == b->start &&
	            a->week_starts == b->week_starts &&
	            same_streak(a->days, b->days) && a->n_ex == b->n_ex;
	for (size_t i = 0; same && i < a->n_ex; i++)
		same = strcmp(a->ex[i].id, b->ex[i].id) == 0 &&
		       a->ex[i].weeks == b->ex[i].weeks &&
		       same_streak(a->ex[i].streak, b->ex[i].streak);
	return same;
}

/* R11: every mark the history allows, and a few it must refuse. */
static bool check_marks(const struct history *h)
{
	char b[16];
	struct streak_mark m;
	cover.questions++;
	if (progress_mark(h, h->today, &m) ||
	    progress_mark(h, ref_week_first(h, h->today) + 6, &m) ||
	    (h->start != CAL_NONE &&
	     progress_mark(h, ref_week_first(h, h->start) - 1, &m))) {
		say("progress_mark accepted today, a week not over, or a day "
		    "before the start\n");
		return false;
	}
	if (h->start == CAL_NONE)
		return true;
	for (cal_day at = ref_week_first(h, h->start) + 6; at < h->today;
	     at += 7) {
		struct history r;
		cover.questions++;
		if (!resume_at(h, at, &r, &m)) {
			say("progress_mark(%s) refused\n", fmt_day(at, b));
			return false;
		}
		bool ok = check_streaks(&r, h);
		for (cal_day w = at + 1; ok && w <= h->today + 7; w += 7)
			ok = check_week(&r, h, w + rnd(0, 6));
		for (cal_day later = at + 7; ok && later < h->today;
		     later += 7) {
			struct streak_mark from_mark, from_start;
			cover.questions++;
			ok = progress_mark(&r, later, &from_mark) &&
			     progress_mark(h, later, &from_start) &&
			     same_mark(&from_mark, &from_start);
			if (!ok)
				say("progress_mark(%s) walked from a mark "
				    "differs from the one walked from the "
				    "start\n",
				    fmt_day(later, b));
			store_mark_free(&from_mark);
			store_mark_free(&from_start);
		}
		store_mark_free(&m);
		if (!ok) {
			say("(resumed from the mark at %s)\n", fmt_day(at, b));
			return false;
		}
	}
	return true;
}

/* progress_adherence_table of from..to, with the first n_listed ids listed:
 * each cell is the reference's adherence of that exercise over that week
 * clipped to the span; the last row the rest. */
static bool check_adherence_table(const struct history *h, cal_day from,
                                  cal_day to, size_t n_listed)
{
	char b1[16], b2[16];
	const char *ids[POOL];
	size_t n = ref_all_ids(h, ids);
	if (n_listed > n)
		n_listed = n;
	cal_day week0 = ref_week_first(h, from);
	size_t n_weeks = (size_t)((to - week0) / 7 + 1);
	struct adherence *t = calloc((n_listed + 1) * n_weeks, sizeof *t);
	progress_adherence_table(h, from, to, ids, n_listed, t);
	bool ok = true;
	for (size_t w = 0; ok && w < n_weeks; w++) {
		cal_day a = week0 + 7 * (cal_day)w, b = a + 6;
		if (a < from)
			a = from;
		if (b > to)
			b = to;
		struct adherence rest = {0, 0, 0, 0};
		for (size_t i = 0; ok && i < n; i++) {
			struct adherence want;
			int ignored;
			cover.questions++;
			ref_adherence_of(h, a, b, ids[i], false, &want.due,
			                 &want.done);
			ref_adherence_of(h, a, b, ids[i], true, &ignored,
			                 &want.ontime);
			const struct adherence *got = &t[i * n_weeks + w];
			if (i >= n_listed) {
				rest.due += want.due;
				rest.done += want.done;
				rest.ontime += want.ontime;
				continue;
			}
			ok = got->due == want.due && got->done == want.done &&
			     got->ontime == want.ontime;
			if (!ok)
				say("progress_adherence_table(%s .. %s) %s "
				    "week %zu: library %d/%d/%d, reference "
				    "%d/%d/%d (due/done/on time)\n",
				    fmt_day(from, b1), fmt_day(to, b2), ids[i],
				    w, got->due, got->done, got->ontime,
				    want.due, want.done, want.ontime);
		}
		const struct adherence *got = &t[n_listed * n_weeks + w];
		if (ok && (got->due != rest.due || got->done != rest.done ||
		           got->ontime != rest.ontime)) {
			say("progress_adherence_table(%s .. %s) the rest, week "
			    "%zu: library %d/%d/%d, reference %d/%d/%d\n",
			    fmt_day(from, b1), fmt_day(to, b2), w, got->due,
			    got->done, got->ontime, rest.due, rest.done,
			    rest.ontime);
			ok = false;
		}
	}
	free(t);
	return ok;
}

/* All the questions of one case; false (with msg) at the first wrong
 * answer. With ontime, only the on-time adherence questions. */
static bool check_case(const struct pcase *c, bool ontime)
{
	const struct history *h = &c->h;
	cal_day q0 = c->h0 - 7;
	cal_day q1 = (c->h1 > h->today ? c->h1 : h->today) + 7;
	msg_len = 0;
	msg[0] = '\0';
	for (cal_day d = q0; !ontime && d <= q1; d++)
		if (!check_day(h, d))
			return false;
	if (!ontime && !check_streaks(h, h))
		return false;
	for (cal_day w = ref_week_first(h, q0); w <= q1; w += 7)
		if ((!ontime && !check_week(h, h, w + rnd(0, 6))) ||
		    !check_adherence_view(h, w, w + 6, ontime))
			return false;
	if (!check_adherence_view(h, q0, q1, ontime))
		return false;
	for (int i = 0; i < 6; i++) {
		cal_day from = rnd(q0, q1);
		if (!check_adherence_view(h, from, from + rnd(0, 40), ontime))
			return false;
	}
	for (int i = 0; ontime && i < 3; i++) {
		cal_day from = rnd(q0, q1);
		if (!check_adherence_table(h, from, from + rnd(0, 40),
		                           (size_t)rnd(0, POOL)))
			return false;
	}
	return ontime || check_marks(h);
}

/* ------------------------------------------------------------------ */
/* The reference against SPEC section 4's worked example.              */

static cal_day ymd(int y, int m, int d)
{
	cal_day out;
	assert_true(cal_from_ymd(y, m, d, &out));
	return out;
}

static void reference_matches_spec_example(void **state)
{
	(void)state;
	static struct pcase c;
	memset(&c, 0, sizeof c);
	struct rx_exercise *ex = c.ex[0];
	const char *ids[3] = {"quad-set", "slr", "bridge"};
	for (int i = 0; i < 3; i++) {
		strcpy(ex[i].id, ids[i]);
		ex[i].name = ex_name;
		ex[i].sets = (struct rx_range){1, 1};
		ex[i].per_day = 1;
		ex[i].days = RX_ALL_DAYS;
		ex[i].from = ex[i].until = CAL_NONE;
	}
	ex[0].per_day = 2;
	ex[1].days = (1 << CAL_MON) | (1 << CAL_WED) | (1 << CAL_FRI);
	ex[2].per_week = 3;
	ex[2].from = ymd(2026, 11, 16);
	ex[2].until = ymd(2026, 12, 31);
	c.snaps[0] =
	    (struct rx_snapshot){ymd(2026, 11, 2), ex, 3, CAL_NONE, CAL_NONE};
	struct history *h = &c.h;
	memset(h, 0, sizeof *h);
	h->snaps = c.snaps;
	h->n_snaps = 1;
	h->start = ymd(2026, 11, 2);
	h->today = ymd(2026, 11, 26);
	h->week_starts = CAL_MON;
	h->tallies = c.t;
	const char *sorted[3] = {"bridge", "quad-set", "slr"};
	for (cal_day d = ymd(2026, 11, 2); d <= ymd(2026, 11, 26); d++) {
		for (int k = 0; k < 3; k++) {
			int done = 0;
			enum skip_reason skip = SKIP_NONE;
			if (k == 1)
				done = d <= ymd(2026, 11, 23)   ? 2
				       : d == ymd(2026, 11, 24) ? 1
				       : d == ymd(2026, 11, 25) ? 2
				                                : 1;
			if (k == 2 && (ex[1].days & (1u << ref_weekday(d))) &&
			    d <= ymd(2026, 11, 23))
				done = 1;
			if (k == 2 && d == ymd(2026, 11, 25))
				skip = SKIP_PAIN;
			if (k == 0 &&
			    (d == ymd(2026, 11, 16) || d == ymd(2026, 11, 18) ||
			     d == ymd(2026, 11, 20) || d == ymd(2026, 11, 23)))
				done = 1;
			if (!done && !skip)
				continue;
			struct tally *t = &c.t[h->n_tallies++];
			t->exercise = sorted[k];
			t->day = d;
			t->done = done;
			t->skip = skip;
		}
	}
	struct day_item items[MAX_EX];
	size_t n;
	assert_int_equal(ref_day(h, ymd(2026, 11, 26), items, &n), DAY_OPEN);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].ex->id, "quad-set");
	assert_int_equal(items[0].due, 2);
	assert_int_equal(items[0].done, 1);
	assert_string_equal(items[1].ex->id, "bridge");
	assert_int_equal(items[1].due, 1);
	assert_int_equal(items[1].week_done, 1);
	struct streak s = ref_day_streak(h);
	assert_int_equal(s.current, 1);
	assert_int_equal(s.longest, 22);
	struct week_row rows[POOL];
	struct week_view w;
	ref_week(h, ymd(2026, 11, 26), &w, rows);
	assert_int_equal(w.first, ymd(2026, 11, 23));
	const enum day_status want[7] = {DAY_DONE,  DAY_PARTIAL, DAY_DONE,
	                                 DAY_OPEN,  DAY_FUTURE,  DAY_FUTURE,
	                                 DAY_FUTURE};
	for (int k = 0; k < 7; k++)
		assert_int_equal(w.status[k], want[k]);
	assert_int_equal(w.due, 7);
	assert_int_equal(w.done, 6);
	assert_int_equal(w.n_rows, 3);
	const int due_slr[7] = {1, 0, 0, 0, 1, 0, 0};
	for (int k = 0; k < 7; k++) {
		assert_int_equal(w.rows[0].due[k], 2);
		assert_int_equal(w.rows[1].due[k], due_slr[k]);
		assert_int_equal(w.rows[2].due[k], 1);
	}
	assert_string_equal(w.rows[2].ex->id, "bridge");
	assert_int_equal(w.rows[2].target, 3);
	assert_int_equal(w.rows[2].met, 1);
	const int cur[3] = {1, 10, 1}, lon[3] = {22, 10, 1};
	for (int i = 0; i < 3; i++) {
		assert_string_equal(w.rows[i].ex->id, ids[i]);
		assert_int_equal(w.rows[i].streak.current, cur[i]);
		assert_int_equal(w.rows[i].streak.longest, lon[i]);
		assert_int_equal(w.rows[i].weeks, i == 2);
	}
}

/* The reference against SPEC 2.1's words on every, steps and as_needed:
 * "every = 2 from Monday: Mon, Wed, Fri, Sun, Tue, ..."; "a step that
 * names every anchors at its own from, even with the same N"; an as-needed
 * exercise is "listed (apart, after the due exercises)", never due. */
static void reference_matches_spec_every(void **state)
{
	(void)state;
	static struct pcase c;
	memset(&c, 0, sizeof c);
	struct rx_exercise *ex = c.ex[0];
	const char *ids[2] = {"press-up", "heel-raise"};
	for (int i = 0; i < 2; i++) {
		strcpy(ex[i].id, ids[i]);
		ex[i].name = ex_name;
		ex[i].sets = (struct rx_range){1, 1};
		ex[i].per_day = 1;
		ex[i].days = RX_ALL_DAYS;
		ex[i].from = ex[i].until = ex[i].anchor = CAL_NONE;
		ex[i].step_from = CAL_NONE;
	}
	ex[0].as_needed = 1;
	ex[0].per_day = 24;
	ex[1].every = 2;
	ex[1].anchor = ymd(2026, 11, 2); /* program start, a Monday */
	/* From Friday 13th: every = 2 again, anchored there. */
	const struct step_spec step = {ymd(2026, 11, 13), 0, NAMES_EVERY, 2};
	build_steps(&ex[1], c.steps[0][1], &step, 1, false);
	assert_int_equal(c.steps[0][1][0].anchor, ymd(2026, 11, 13));
	c.snaps[0] =
	    (struct rx_snapshot){ymd(2026, 11, 2), ex, 2, CAL_NONE, CAL_NONE};
	struct history *h = &c.h;
	h->snaps = c.snaps;
	h->n_snaps = 1;
	h->start = ymd(2026, 11, 2);
	h->today = ymd(2026, 11, 30);
	h->week_starts = CAL_MON;
	h->tallies = c.t;
	/* Mon 2, Wed 4, Fri 6, Sun 8, Tue 10, Thu 12; then Fri 13, Sun 15. */
	const int due_days[] = {2, 4, 6, 8, 10, 12, 13, 15, 17};
	size_t next = 0;
	for (int dom = 2; dom <= 17; dom++) {
		struct day_item items[MAX_EX];
		size_t n;
		bool due = next < sizeof due_days / sizeof due_days[0] &&
		           due_days[next] == dom;
		next += due;
		enum day_status st = ref_day(h, ymd(2026, 11, dom), items, &n);
		assert_int_equal(st, due ? DAY_MISSED : DAY_REST);
		assert_int_equal(n, due ? 2 : 1);
		if (due) {
			assert_string_equal(items[0].ex->id, "heel-raise");
			assert_int_equal(items[0].due, 1);
			assert_true(items[0].ex ==
			            (dom >= 13 ? &c.steps[0][1][0] : &ex[1]));
		}
		assert_string_equal(items[n - 1].ex->id, "press-up");
		assert_int_equal(items[n - 1].due, 0);
	}
}

/* ------------------------------------------------------------------ */
/* The random cases.                                                   */

static void run_cases(bool ontime)
{
	static struct pcase c;
	const char *only = getenv("HEP_PROP_CASE");
	const char *all = getenv("HEP_PROP_ALL");
	bool keep_going = all && *all && strcmp(all, "0") != 0;
	unsigned lo = 0, hi = N_CASES;
	if (only && *only) {
		lo = (unsigned)strtoul(only, NULL, 10);
		hi = lo + 1;
	}
	memset(&cover, 0, sizeof cover);
	unsigned failed = 0, first_failed = 0;
	for (unsigned i = lo; i < hi; i++) {
		gen_case(&c, i);
		count_cover(&c);
		if (check_case(&c, ontime))
			continue;
		if (failed++ == 0)
			first_failed = i;
		if (keep_going) {
			fprintf(stderr, "case %u: %s", i, msg);
			continue;
		}
		dump_case(&c);
		fprintf(stderr, "%s", msg);
		fail_msg("case %u of the property test: library and reference "
		         "disagree (see above)",
		         i);
	}
	if (failed)
		fail_msg("%u of %u cases disagree; first: case %u", failed,
		         hi - lo, first_failed);
	print_message("%u random cases agree: %lu snapshots, %lu tallies "
	              "(%lu excused skips, %lu with late sessions), %lu "
	              "questions; days rest %lu done %lu open %lu partial %lu "
	              "missed %lu none %lu; %lu per-week weeks with a target; "
	              "longest day streaks sum %lu\n",
	              hi - lo, cover.snaps, cover.tallies, cover.excused,
	              cover.late, cover.questions, cover.statuses[DAY_REST],
	              cover.statuses[DAY_DONE], cover.statuses[DAY_OPEN],
	              cover.statuses[DAY_PARTIAL], cover.statuses[DAY_MISSED],
	              cover.statuses[DAY_NONE], cover.weekly_weeks,
	              cover.streak_days);
	print_message(
	    "  cases with every %lu, as-needed %lu, steps %lu; "
	    "exercises with every %lu, as-needed %lu, steps %lu; "
	    "%lu steps (naming every %lu, days %lu, per_week %lu, "
	    "per_day %lu); days in phase: every due %lu, every "
	    "rest %lu (before the anchor %lu), as-needed ticked "
	    "%lu, at a step %lu\n",
	    cover.cases_every, cover.cases_as_needed, cover.cases_steps,
	    cover.ex_every, cover.ex_as_needed, cover.ex_steps, cover.steps,
	    cover.steps_every, cover.steps_days, cover.steps_per_week,
	    cover.steps_per_day, cover.every_due, cover.every_rest,
	    cover.before_anchor, cover.as_needed_done, cover.step_days);
	print_message("  earned steps: %lu exercises, %lu advances; days at an "
	              "earned step %lu (with every %lu)\n",
	              cover.ex_earned, cover.advances, cover.earned_days,
	              cover.earned_every_days);
}

/* Section 3 as a whole: days, checklists, streaks, weeks, adherence. */
static void random_cases(void **state)
{
	(void)state;
	run_cases(false);
}

/* The on-time view of adherence (history.ontime) on the same cases. */
static void random_cases_ontime(void **state)
{
	(void)state;
	run_cases(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(reference_matches_spec_example),
	    cmocka_unit_test(reference_matches_spec_every),
	    cmocka_unit_test(random_cases),
	    cmocka_unit_test(random_cases_ontime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
