#include "hep/progress.h"

#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

const char *day_status_name(enum day_status s)
{
	static const char *const names[] = {
	    "none", "rest", "done", "open", "partial", "missed", "future"};
	return names[s];
}

const struct rx_snapshot *history_snapshot(const struct history *h, cal_day day)
{
	if (h->n_snaps == 0)
		return NULL;
	/* The last snapshot whose from <= day; the first for earlier days. */
	size_t lo = 0, hi = h->n_snaps;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (h->snaps[mid].from <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &h->snaps[lo == 0 ? 0 : lo - 1];
}

static int tally_cmp(cal_day day, const char *id, const struct tally *t)
{
	if (day != t->day)
		return day < t->day ? -1 : 1;
	return strcmp(id, t->exercise);
}

void history_entry(const struct history *h, const char *id, cal_day day,
                   int *done, enum skip_reason *skip)
{
	size_t lo = 0, hi = h->n_tallies;
	*done = 0;
	*skip = SKIP_NONE;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = tally_cmp(day, id, &h->tallies[mid]);
		if (c == 0) {
			*done = h->tallies[mid].done;
			*skip = h->tallies[mid].skip;
			return;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
}

bool progress_in_phase(const struct history *h, const struct rx_exercise *e,
                       cal_day day)
{
	return h->start != CAL_NONE && day >= h->start &&
	       (e->from == CAL_NONE || day >= e->from) &&
	       (e->until == CAL_NONE || day <= e->until);
}

int progress_scheduled(const struct history *h, const struct rx_exercise *e,
                       cal_day day)
{
	if (!progress_in_phase(h, e, day))
		return 0;
	if (e->per_week == 0 && !(e->days & (1u << cal_weekday(day))))
		return 0;
	return e->per_day;
}

/* Due after skips: an excused skip lowers due to what was done. */
static int due_after_skip(int scheduled, int done, enum skip_reason skip)
{
	if (skip_excused(skip) && done < scheduled)
		return done;
	return scheduled;
}

static enum day_status judge(const struct history *h, cal_day day, int due,
                             int done)
{
	if (day > h->today)
		return DAY_FUTURE;
	if (h->start == CAL_NONE || day < h->start)
		return DAY_NONE;
	if (due == 0)
		return DAY_REST;
	if (done >= due)
		return DAY_DONE;
	if (day == h->today)
		return DAY_OPEN;
	return done == 0 ? DAY_MISSED : DAY_PARTIAL;
}

enum day_status progress_day(const struct history *h, cal_day day,
                             struct day_item **items, size_t *n)
{
	const struct rx_snapshot *s = history_snapshot(h, day);
	size_t count = 0;
	int due = 0, done = 0;
	if (items)
		*items = xcalloc(s ? s->n : 1, sizeof **items);
	for (size_t i = 0; s && i < s->n; i++) {
		const struct rx_exercise *e = &s->ex[i];
		int scheduled = progress_scheduled(h, e, day);
		if (scheduled == 0)
			continue;
		struct day_item it = {e, 0, 0, SKIP_NONE, 0};
		history_entry(h, e->id, day, &it.done, &it.skip);
		it.due = due_after_skip(scheduled, it.done, it.skip);
		if (e->per_week) {
			int target;
			if (items)
				progress_week_target(h, e->id,
						     cal_week_start(day, h->week_starts),
						     &target, &it.week_done);
		} else {
			due += it.due;
			done += it.done < it.due ? it.done : it.due;
		}
		if (items)
			(*items)[count++] = it;
	}
	if (n)
		*n = count;
	return judge(h, day, due, done);
}

enum day_status progress_day_status(const struct history *h, cal_day day)
{
	return progress_day(h, day, NULL, NULL);
}

/* One step of a streak walk: a counted unit, done or not. */
static void streak_step(struct streak *s, bool done)
{
	s->current = done ? s->current + 1 : 0;
	if (s->current > s->longest)
		s->longest = s->current;
}

struct streak progress_day_streak(const struct history *h)
{
	struct streak s = {0, 0};
	if (h->start == CAL_NONE)
		return s;
	for (cal_day d = h->start; d <= h->today; d++) {
		enum day_status st = progress_day_status(h, d);
		if (st == DAY_REST || st == DAY_NONE || (d == h->today && st != DAY_DONE))
			continue;
		streak_step(&s, st == DAY_DONE);
	}
	return s;
}

/* e as the snapshot in force on day holds it, or NULL. */
static const struct rx_exercise *in_force(const struct history *h,
					  const char *id, cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(h, day);
	return s ? rx_find(s->ex, s->n, id) : NULL;
}

void progress_week_target(const struct history *h, const char *id,
			  cal_day first, int *target, int *met)
{
	int active = 0, per_week = 0;
	*met = 0;
	for (cal_day d = first; d < first + 7; d++) {
		const struct rx_exercise *e = in_force(h, id, d);
		if (!e || e->per_week == 0 || !progress_in_phase(h, e, d))
			continue;
		int done;
		enum skip_reason skip;
		history_entry(h, id, d, &done, &skip);
		if (skip_excused(skip) && done < e->per_day)
			continue; /* an excused day is not active */
		active++;
		per_week = e->per_week;
		if (d <= h->today && done >= e->per_day)
			(*met)++;
	}
	*target = per_week < active ? per_week : active;
}

static struct streak week_streak(const struct history *h, const char *id)
{
	struct streak s = {0, 0};
	cal_day now = cal_week_start(h->today, h->week_starts);
	for (cal_day w = cal_week_start(h->start, h->week_starts); w <= now; w += 7) {
		int target, met;
		progress_week_target(h, id, w, &target, &met);
		if (target == 0 || (w == now && met < target))
			continue;
		streak_step(&s, met >= target);
	}
	return s;
}

struct streak progress_exercise_streak(const struct history *h,
				       const char *id, bool *weeks)
{
	struct streak s = {0, 0};
	*weeks = false;
	for (size_t i = h->n_snaps; i > 0; i--) {
		const struct rx_exercise *e = rx_find(h->snaps[i - 1].ex,
						      h->snaps[i - 1].n, id);
		if (e) {
			*weeks = e->per_week > 0;
			break;
		}
	}
	if (h->start == CAL_NONE)
		return s;
	if (*weeks)
		return week_streak(h, id);
	for (cal_day d = h->start; d <= h->today; d++) {
		const struct rx_exercise *e = in_force(h, id, d);
		int scheduled = e && !e->per_week ? progress_scheduled(h, e, d) : 0;
		if (scheduled == 0)
			continue;
		int done;
		enum skip_reason skip;
		history_entry(h, id, d, &done, &skip);
		int due = due_after_skip(scheduled, done, skip);
		if (due == 0 || (d == h->today && done < due))
			continue;
		streak_step(&s, done >= due);
	}
	return s;
}
