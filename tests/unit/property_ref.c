/*
 * The reference model of the property test (test_property.c): SPEC section
 * 3 (and 2.1, 2.2) read straight, with plain loops over days and linear
 * look-ups, nothing shared with src/progress.c. The readings it takes where
 * the SPEC leaves room are listed in test_property.c and marked "READING"
 * where they are used.
 */
#include <stdint.h>
#include <string.h>

#include "property.h"

int ref_weekday(cal_day d)
{
	/* 1970-01-01 (day 0) was a Thursday; Monday is 0. */
	int w = (int)(((int64_t)d + 3) % 7);
	return w < 0 ? w + 7 : w;
}

/* The first day of the week holding d. */
cal_day ref_week_first(const struct history *h, cal_day d)
{
	while (ref_weekday(d) != (int)h->week_starts)
		d--;
	return d;
}

bool ref_excused(enum skip_reason r)
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

const struct rx_exercise *ref_find(const struct rx_snapshot *s, const char *id)
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
bool ref_earned(const struct rx_exercise *e)
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
const struct rx_exercise *ref_version(const struct history *h, const char *id,
                                      cal_day d)
{
	const struct rx_exercise *e = ref_find(ref_snapshot(h, d), id);
	return e ? ref_on(h, e, d) : NULL;
}

void ref_entry(const struct history *h, const char *id, cal_day d, int *done,
               enum skip_reason *skip)
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
bool ref_in_phase(const struct history *h, const struct rx_exercise *e,
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
bool ref_scheduled(const struct history *h, const struct rx_exercise *e,
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
bool ref_listed(const struct history *h, const struct rx_exercise *e, cal_day d)
{
	if (!ref_in_phase(h, e, d))
		return false;
	return e->as_needed || e->per_week > 0 || ref_scheduled(h, e, d);
}

/*
 * SPEC 2.2, "Ranges of frequency", and its settled point 11: with per_day
 * = [MIN, MAX] "MIN is due and counted by the arithmetic (adherence,
 * status, streaks: exactly as per_day = MIN)"; "sessions up to MAX are
 * welcome and recorded, shown as 3/3 +1" ("+N" is one notation for the
 * sessions beyond due, MIN or per_day); "the arithmetic counts min(done,
 * due)". per_week = [MIN, MAX] likewise: MIN is the week's target, its
 * extra days are counted and shown (met may pass the target) but never
 * raise adherence or anything else. READING R15: so the reference reads
 * each range's MIN alone wherever 2.1 reads the number, and its MAX
 * nowhere: MAX only bounds what may be recorded (the generator's part).
 * In struct rx_exercise, per_day and per_week hold MIN.
 */
static int ref_per_day(const struct rx_exercise *e)
{
	return e->per_day;
}

static int ref_per_week(const struct rx_exercise *e)
{
	return e->per_week;
}

/* "+N": the sessions of a day beyond those prescribed (MIN for a range). */
static int ref_extra(int done, int scheduled)
{
	return done > scheduled ? done - scheduled : 0;
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
	return ref_per_day(e);
}

/* A per-week exercise's version on d when d is one of its active days (in
 * phase, no excused skip: READING R3), with its sessions in *done; else
 * NULL. */
static const struct rx_exercise *
ref_active(const struct history *h, const char *id, cal_day d, int *done)
{
	const struct rx_exercise *e = ref_version(h, id, d);
	if (!e || e->per_week == 0 || !ref_in_phase(h, e, d))
		return NULL;
	enum skip_reason skip;
	ref_entry(h, id, d, done, &skip);
	return ref_excused(skip) ? NULL : e;
}

/* A per-week exercise's week starting on first: target and met days (up to
 * today). */
void ref_week_target(const struct history *h, const char *id, cal_day first,
                     int *target, int *met)
{
	int active = 0, per_week = 0;
	*met = 0;
	for (cal_day d = first; d < first + 7; d++) {
		int done;
		const struct rx_exercise *e = ref_active(h, id, d, &done);
		if (!e)
			continue;
		active++;
		per_week = ref_per_week(e); /* the last active day's wins */
		if (d <= h->today && done >= ref_per_day(e))
			(*met)++; /* READING R2 */
	}
	*target = per_week < active ? per_week : active;
}

/* Day status over fixed exercises. */
enum day_status ref_status(const struct history *h, cal_day d)
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

struct streak ref_day_streak(const struct history *h)
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
bool ref_is_weekly(const struct history *h, const char *id)
{
	bool weeks = false;
	for (size_t i = 0; i < h->n_snaps; i++) {
		const struct rx_exercise *e = ref_find(&h->snaps[i], id);
		if (e)
			weeks = e->per_week > 0;
	}
	return weeks;
}

struct streak ref_ex_streak(const struct history *h, const char *id,
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
size_t ref_all_ids(const struct history *h, const char *ids[POOL])
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
		int done;
		const struct rx_exercise *e = ref_active(h, id, d, &done);
		if (e && done - ref_late(h, id, d) >= ref_per_day(e))
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
void ref_adherence_of(const struct history *h, cal_day from, cal_day to,
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
enum day_status ref_day(const struct history *h, cal_day d,
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
		/* Listed: prescribed per_day (MIN), shown with its "+N"
		 * (R15); an as-needed one's per_day is its cap. */
		it.scheduled = ref_per_day(e);
		it.extra = ref_extra(it.done, it.scheduled);
		if (e->per_week)
			ref_week_target(h, e->id, ref_week_first(h, d),
			                &it.week_target, &it.week_done);
		items[(*n)++] = it;
	}
	return ref_status(h, d);
}

/* The week holding d (rows has room for POOL). */
void ref_week(const struct history *h, cal_day d, struct week_view *w,
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
