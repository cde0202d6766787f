/*
 * Property test of the day arithmetic (SPEC section 3): several hundred
 * random prescriptions and logs, each answered twice, by src/progress.c and
 * by a deliberately simple reference model written straight from the SPEC
 * text (plain loops over days, linear look-ups, nothing shared with the
 * library). On the first disagreement the case is printed in full with both
 * answers. Three files share property.h: property_gen.c draws and prints
 * the cases, property_ref.c is the reference model, and this file asks the
 * questions and compares the answers. The prescriptions mix the three kinds of
 * SPEC 2.1: fixed exercises (on weekdays, or every N-th day from an anchor),
 * per-week ones and as-needed ones, any of them with steps (per_day; days or
 * every for a fixed one, per_week for a per-week one), dated or earned (SPEC
 * 2.2), and ranges of frequency (SPEC 2.2) on the exercises and steps that
 * may have them. Earned steps and ranges are drawn from streams of their
 * own, so that the cases of 2.1 stay as they were.
 *
 * Environment knobs (for shrinking a failure by hand):
 *   HEP_PROP_CASE=N  run case N only
 *   HEP_PROP_ALL=1   do not stop at the first failing case: list them all
 *
 * Readings chosen where SPEC section 3 leaves room (each one is marked
 * "READING" where it is used, in property_ref.c, property_gen.c or here):
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
 *  R15 Ranges of frequency (SPEC 2.2, settled point 11): per_day = [MIN,
 *     MAX] and per_week = [MIN, MAX] are read as per_day = MIN and
 *     per_week = MIN everywhere the arithmetic reads them; MAX is read
 *     nowhere, it only bounds what the generator records (sessions beyond
 *     MIN up to MAX on some days, extra days of a per-week range). A day's
 *     "+N" (day_item.extra) is its sessions beyond MIN; a per-week range's
 *     extra days show as met above the target and raise nothing.
 *
 * random_cases checks section 3 as a whole; random_cases_ontime checks only
 * the on-time adherence of the same cases, so that a failure there is told
 * apart from one in the core arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "property.h"

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
	/* SPEC 2.2's ranges: cases and exercises holding a per_day or a
	 * per_week range (in the exercise or a step), steps naming one, days
	 * with sessions beyond MIN, per-week weeks met on more days than the
	 * target under a range. */
	unsigned long cases_range, ex_range_day, ex_range_week, steps_range,
	    welcome_days, welcome_sessions, weeks_beyond;
} cover;

/* Whether e or one of its steps has a per_day range (week: a per_week
 * one). */
static bool has_range(const struct rx_exercise *e, bool week)
{
	bool any = week ? e->per_week_max > 0 : e->per_day_max > 0;
	for (size_t k = 0; k < e->n_steps; k++)
		any = any || (week ? e->steps[k].per_week_max > 0
		                   : e->steps[k].per_day_max > 0);
	return any;
}

/* Ranges: exercises and steps with one, and the days and weeks where the
 * patient went beyond MIN. */
static void count_ranges(const struct pcase *c)
{
	const struct history *h = &c->h;
	bool any = false;
	for (size_t i = 0; i < h->n_snaps; i++)
		for (size_t x = 0; x < h->snaps[i].n; x++) {
			const struct rx_exercise *e = &h->snaps[i].ex[x];
			cover.ex_range_day += has_range(e, false);
			cover.ex_range_week += has_range(e, true);
			any = any || has_range(e, false) || has_range(e, true);
			for (size_t k = 0; k < e->n_steps; k++)
				cover.steps_range +=
				    c->spec[i][x][k].per_day_max > 0 ||
				    c->spec[i][x][k].per_week_max > 0;
		}
	cover.cases_range += any;
	for (cal_day d = c->h0; d <= c->h1; d++)
		for (int p = 0; p < POOL; p++) {
			const struct rx_exercise *e =
			    ref_version(h, pool_ids[p], d);
			int done;
			enum skip_reason skip;
			ref_entry(h, pool_ids[p], d, &done, &skip);
			if (!e || !e->per_day_max || !ref_listed(h, e, d) ||
			    done <= e->per_day)
				continue;
			cover.welcome_days++;
			cover.welcome_sessions +=
			    (unsigned long)(done - e->per_day);
		}
	const char *ids[POOL];
	size_t n = ref_all_ids(h, ids);
	for (cal_day w = ref_week_first(h, c->h0); w <= c->h1; w += 7)
		for (size_t i = 0; i < n; i++) {
			bool ranged = false;
			for (int k = 0; k < 7; k++) {
				const struct rx_exercise *e =
				    ref_version(h, ids[i], w + k);
				ranged = ranged || (e && e->per_week_max > 0);
			}
			int target, met;
			if (!ranged || !ref_is_weekly(h, ids[i]))
				continue;
			ref_week_target(h, ids[i], w, &target, &met);
			cover.weeks_beyond += target > 0 && met > target;
		}
}

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
	count_ranges(c);
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
		say("%s%s scheduled %d due %d done %d (+%d) skip %s week %d/%d",
		    i ? "; " : "", ex_id(it[i].ex), it[i].scheduled, it[i].due,
		    it[i].done, it[i].extra, skip_names[it[i].skip],
		    it[i].week_done, it[i].week_target);
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
		    a[i].week_done != b[i].week_done ||
		    a[i].scheduled != b[i].scheduled ||
		    a[i].extra != b[i].extra ||
		    a[i].week_target != b[i].week_target)
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
	const struct step_spec step = {
	    ymd(2026, 11, 13), 0, NAMES_EVERY, 2, 0, 0, false};
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

/* The reference against SPEC 2.2's words on ranges: per_day = [3, 5] "MIN
 * is due and counted ... exactly as per_day = MIN", four sessions are "3/3
 * +1" (extra 1) and never raise adherence; per_week = [3, 5] met on four
 * days has the target 3 and counts 3. The library is asked the same. */
static void reference_matches_spec_ranges(void **state)
{
	(void)state;
	static struct pcase c;
	memset(&c, 0, sizeof c);
	struct rx_exercise *ex = c.ex[0];
	/* Pelvic floor squeezes and a walk, with ids of the pool (the
	 * reference walks it for adherence), in strcmp order. */
	const char *ids[2] = {"ab", "bridge"};
	for (int i = 0; i < 2; i++) {
		strcpy(ex[i].id, ids[i]);
		ex[i].name = ex_name;
		ex[i].sets = (struct rx_range){1, 1};
		ex[i].per_day = 1;
		ex[i].days = RX_ALL_DAYS;
		ex[i].from = ex[i].until = ex[i].anchor = CAL_NONE;
		ex[i].step_from = CAL_NONE;
	}
	ex[0].per_day = 3;
	ex[0].per_day_max = 5;
	ex[1].per_week = 3;
	ex[1].per_week_max = 5;
	c.snaps[0] =
	    (struct rx_snapshot){ymd(2026, 11, 2), ex, 2, CAL_NONE, CAL_NONE};
	struct history *h = &c.h;
	h->snaps = c.snaps;
	h->n_snaps = 1;
	h->start = ymd(2026, 11, 2); /* a Monday */
	h->today = ymd(2026, 11, 5);
	h->week_starts = CAL_MON;
	h->tallies = c.t;
	const int pfmt[4] = {4, 2, 5, 3};
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < 2; i++)
			c.t[h->n_tallies++] = (struct tally){
			    .exercise = ids[i],
			    .day = h->start + k,
			    .done = i == 0 ? pfmt[k] : 1,
			};
	const enum day_status want[4] = {DAY_DONE, DAY_PARTIAL, DAY_DONE,
	                                 DAY_DONE};
	for (int k = 0; k < 4; k++) {
		struct day_item items[MAX_EX];
		size_t n;
		assert_int_equal(ref_day(h, h->start + k, items, &n), want[k]);
		assert_int_equal(n, 2);
		assert_int_equal(items[0].scheduled, 3);
		assert_int_equal(items[0].due, 3);
		assert_int_equal(items[0].extra, pfmt[k] > 3 ? pfmt[k] - 3 : 0);
		assert_int_equal(items[1].week_target, 3);
		/* Met days up to today: one more than the target, shown. */
		assert_int_equal(items[1].week_done, 4);
		assert_true(check_day(h, h->start + k));
	}
	struct streak s = ref_day_streak(h);
	assert_int_equal(s.current, 2);
	assert_int_equal(s.longest, 2);
	int due, done;
	/* Fixed 3 + 2 + 3 + 3 of 4 x 3; the week's 4 met days count 3. */
	ref_adherence_of(h, h->start, h->start + 6, NULL, false, &due, &done);
	assert_int_equal(due, 15);
	assert_int_equal(done, 14);
	bool weeks;
	s = ref_ex_streak(h, "bridge", &weeks);
	assert_true(weeks);
	assert_int_equal(s.current, 1);
	assert_true(check_streaks(h, h) &&
	            check_adherence_view(h, h->start, h->start + 6, false));
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
	print_message("  ranges: %lu cases; exercises with per_day [MIN, MAX] "
	              "%lu, per_week [MIN, MAX] %lu; %lu steps naming one; "
	              "%lu days beyond MIN (%lu sessions welcome); %lu "
	              "per-week weeks met on more days than MIN\n",
	              cover.cases_range, cover.ex_range_day,
	              cover.ex_range_week, cover.steps_range,
	              cover.welcome_days, cover.welcome_sessions,
	              cover.weeks_beyond);
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
	    cmocka_unit_test(reference_matches_spec_ranges),
	    cmocka_unit_test(random_cases),
	    cmocka_unit_test(random_cases_ontime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
