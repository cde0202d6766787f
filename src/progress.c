#include "hep/progress.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

const char *day_status_name(enum day_status s)
{
	static const char *const names[] = {"none",   "rest",    "done",
	                                    "open",   "partial", "missed",
	                                    "future", "ended"};
	return names[s];
}

const struct box_look progress_boxes[BOX_KINDS] = {
    [BOX_OPEN] = {"[ ]", "to do"},
    [BOX_PARTIAL] = {"[~]", "partly done"},
    [BOX_DONE] = {"[x]", "done"},
    [BOX_WEEK_MET] = {"[=]", "week's goal met"},
    [BOX_EXCUSED] = {"[-]", "skipped, excused"},
    [BOX_SKIPPED] = {"[!]", "skipped, not excused"},
};

char *progress_box_legend(char *buf, size_t size)
{
	buf[0] = '\0';
	for (int b = 0; b < BOX_KINDS; b++)
		strpart(buf, size, "  ", "%s %s", progress_boxes[b].text,
		        progress_boxes[b].word);
	return buf;
}

/* Every glyph once: UTF-8 and ASCII (the ASCII cells as the text week
 * prints them), and its word in a legend. */
struct glyph_row {
	const char *utf8, *ascii, *word;
};

static const struct glyph_row cell_glyphs[] = {
    [CELL_BLANK] = {" ", " ", ""},
    [CELL_REST] = {"\xE2\x80\x93", "-", "not due"},        /* – */
    [CELL_DONE] = {"\xE2\x97\x8F", "x", "done"},           /* ● */
    [CELL_PARTIAL] = {"\xE2\x97\x90", "~", "partial"},     /* ◐ */
    [CELL_MISSED] = {"\xE2\x97\x8B", "o", "missed"},       /* ○ */
    [CELL_EXCUSED] = {"\xE2\x8A\x98", "s", "excused"},     /* ⊘ */
    [CELL_SKIPPED] = {"\xE2\x8A\x97", "!", "not excused"}, /* ⊗ */
    [CELL_OPEN] = {"\xE2\x97\x8C", "_", "to do"},          /* ◌ */
    [CELL_FUTURE] = {"\xC2\xB7", ".", "to come"},          /* · */
    [CELL_ENDED] = {"\xE2\x96\xAB", "#", "ended"},         /* ▫ */
};

const char *progress_cell_glyph(enum cell_kind k, bool ascii)
{
	return ascii ? cell_glyphs[k].ascii : cell_glyphs[k].utf8;
}

const char *progress_cell_word(enum cell_kind k)
{
	return cell_glyphs[k].word;
}

char *progress_cell_legend(bool ascii, char *buf, size_t size)
{
	static const enum cell_kind order[] = {
	    CELL_DONE, CELL_PARTIAL, CELL_MISSED, CELL_EXCUSED, CELL_SKIPPED,
	    CELL_OPEN, CELL_REST,    CELL_FUTURE, CELL_ENDED,
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		strpart(buf, size, "  ", "%s %s",
		        progress_cell_glyph(order[i], ascii),
		        progress_cell_word(order[i]));
	return buf;
}

enum cell_kind progress_status_cell(enum day_status s)
{
	static const enum cell_kind kinds[] = {
	    [DAY_NONE] = CELL_BLANK,      [DAY_REST] = CELL_REST,
	    [DAY_DONE] = CELL_DONE,       [DAY_OPEN] = CELL_OPEN,
	    [DAY_PARTIAL] = CELL_PARTIAL, [DAY_MISSED] = CELL_MISSED,
	    [DAY_FUTURE] = CELL_FUTURE,   [DAY_ENDED] = CELL_ENDED,
	};
	return kinds[s];
}

char *progress_streak_text(const struct streak *s, char *buf, size_t size)
{
	strfmt(buf, size, "%d day%s in a row (longest %d)", s->current,
	       s->current == 1 ? "" : "s", s->longest);
	return buf;
}

enum box progress_box(const struct day_item *it)
{
	if (it->ex->as_needed || it->ended)
		return it->done > 0 ? BOX_DONE : BOX_OPEN;
	if (it->skip != SKIP_NONE && it->done < it->scheduled)
		return skip_excused(it->skip) ? BOX_EXCUSED : BOX_SKIPPED;
	if (it->done >= it->due)
		return BOX_DONE;
	if (it->done > 0)
		return BOX_PARTIAL;
	if (it->ex->per_week && it->week_target > 0 &&
	    it->week_done >= it->week_target)
		return BOX_WEEK_MET;
	return BOX_OPEN;
}

char *progress_item_count(const struct day_item *it, char *buf, size_t size)
{
	if (it->ex->as_needed || it->ended)
		strfmt(buf, size, "%d", it->done);
	else
		progress_count_text(it->done, it->scheduled, buf, size);
	return buf;
}

char *progress_count_text(int done, int due, char *buf, size_t size)
{
	if (done > due)
		strfmt(buf, size, "%d/%d +%d", due, due, done - due);
	else
		strfmt(buf, size, "%d/%d", done, due);
	return buf;
}

bool progress_left(const struct day_item *it)
{
	if (it->ended || it->skip != SKIP_NONE || it->done >= it->due)
		return false;
	return !it->ex->per_week || it->week_done < it->week_target;
}

bool progress_step_text(const struct day_item *it, char *buf, size_t size)
{
	const struct rx_exercise *e = it->ex;
	buf[0] = '\0';
	if (e->step <= 0)
		return false;
	strfmt(buf, size, "step %d of %d", e->step, e->step_count);
	if (e->when.sessions == 0) {
		strpart(buf, size, ", ", "since %s",
		        e->step_label ? e->step_label : "");
	} else if (it->step_since != CAL_NONE) {
		int y, m, d;
		cal_to_ymd(it->step_since, &y, &m, &d);
		strpart(buf, size, ", ", "since %d %s", d,
		        cal_month_name(m, true));
	}
	return true;
}

bool progress_item_more(const struct day_item *it, char *buf, size_t size)
{
	const struct rx_exercise *e = it->ex;
	char label[RX_AT_COLUMNS * 4 + 1];
	buf[0] = '\0';
	if (it->ended) {
		strfmt(buf, size, "after the program's end, up to %d a day",
		       e->per_day);
		return true;
	}
	if (it->extra && !e->as_needed)
		strpart(buf, size, ", ", "%d extra", it->extra);
	if (e->as_needed)
		strpart(buf, size, ", ", "as needed, up to %d a day",
		        e->per_day);
	if (e->per_week) {
		char wk[32];
		progress_count_text(it->week_done,
		                    it->week_target > 0 ? it->week_target
		                                        : e->per_week,
		                    wk, sizeof wk);
		strpart(buf, size, ", ", "week %s%s", wk,
		        progress_box(it) == BOX_WEEK_MET ? ", met" : "");
	}
	if (e->every)
		strpart(buf, size, ", ", "every %d days", e->every);
	if (it->skip != SKIP_NONE)
		strpart(buf, size, ", ", "skipped: %s (%s%s)",
		        skip_reason_name(it->skip),
		        skip_excused(it->skip) ? "excused" : "not excused",
		        it->skip_late ? ", recorded late" : "");
	else if (it->done < it->due && !rx_timed(e) &&
	         rx_at_label(e, it->done, label, sizeof label))
		strpart(buf, size, ", ", "next: %s", label);
	char step[64];
	if (progress_step_text(it, step, sizeof step))
		strpart(buf, size, ", ", "%s", step);
	return buf[0] != '\0';
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

/* The day the lever (step = N) of exercise id in force on day began:
 * the from of the first of the snapshots up to day that kept it (the
 * first snapshot rules every earlier day: CAL_NONE). Only the snapshots
 * the history holds are asked. */
static cal_day lever_from(const struct history *h, const char *id, int lever,
                          cal_day day)
{
	const struct rx_snapshot *now = history_snapshot(h, day);
	cal_day from = CAL_NONE;
	bool kept = false;
	for (const struct rx_snapshot *s = h->snaps; now && s <= now; s++) {
		const struct rx_exercise *e = rx_find(s->ex, s->n, id);
		if (!e || e->step_set != lever)
			kept = false;
		else if (!kept) {
			kept = true;
			/* The first snapshot of all rules every earlier day;
			 * the first of those held (from h->first) began on
			 * its from, as far as they tell. */
			from = s == h->snaps && (h->first == CAL_NONE ||
			                         h->snaps_from_first)
			           ? CAL_NONE
			           : s->from;
		}
	}
	return from;
}

/* The exercise e is a version of (on day), as the snapshot holds it. */
static const struct rx_exercise *
base_of(const struct history *h, const struct rx_exercise *e, cal_day day)
{
	if (e->n_steps > 0 || e->when.sessions == 0)
		return e;
	const struct rx_snapshot *s = history_snapshot(h, day);
	const struct rx_exercise *base = s ? rx_find(s->ex, s->n, e->id) : NULL;
	return base && rx_earned(base) ? base : e;
}

/* The earned step of base in force on day, and the day it began. */
static int earned_step(const struct history *h, const struct rx_exercise *base,
                       cal_day day, cal_day *since)
{
	const struct step_advance *a = NULL;
	size_t n = 0;
	for (size_t i = 0; i < h->n_advances; i++)
		if (strcmp(h->advances[i].exercise, base->id) == 0) {
			a = h->advances[i].a;
			n = h->advances[i].n;
		}
	int lever = base->step_set;
	return steps_in_force(base, a, n, lever,
	                      lever >= 0 ? lever_from(h, base->id, lever, day)
	                                 : CAL_NONE,
	                      day, since);
}

cal_day history_step_since(const struct history *h, const struct rx_exercise *e,
                           cal_day day)
{
	const struct rx_exercise *base = base_of(h, e, day);
	cal_day since = CAL_NONE;
	if (rx_earned(base))
		earned_step(h, base, day, &since);
	return since;
}

bool history_step_set(const struct history *h, const struct rx_exercise *e,
                      cal_day day)
{
	const struct rx_exercise *base = base_of(h, e, day);
	if (!rx_earned(base) || base->step_set < 0)
		return false;
	cal_day from = lever_from(h, base->id, base->step_set, day);
	if (from != CAL_NONE && from > day)
		return false;
	cal_day since = CAL_NONE;
	earned_step(h, base, day, &since);
	return since == from;
}

const struct rx_exercise *history_on(const struct history *h,
                                     const struct rx_exercise *e, cal_day day,
                                     cal_day *anchor)
{
	const struct rx_exercise *base = base_of(h, e, day);
	if (!rx_earned(base)) {
		e = rx_on(e, day);
		if (anchor)
			*anchor = e->anchor;
		return e;
	}
	cal_day since;
	e = rx_step(base, earned_step(h, base, day, &since));
	if (anchor) {
		/* From the day the step began; a step in force from the
		 * start (the first version's lever) from the exercise's. */
		*anchor = e->anchor;
		if (e->every && since != CAL_NONE)
			*anchor = since;
		else if (e->every && e->anchor == CAL_NONE)
			*anchor =
			    base->from != CAL_NONE ? base->from : h->start;
	}
	return e;
}

static int tally_cmp(cal_day day, const char *id, const struct tally *t)
{
	if (day != t->day)
		return day < t->day ? -1 : 1;
	return strcmp(id, t->exercise);
}

/* Sessions done (and how many of them late) and the skip of id on day. */
static void entry_late(const struct history *h, const char *id, cal_day day,
                       int *done, int *late, enum skip_reason *skip);

void history_entry(const struct history *h, const char *id, cal_day day,
                   int *done, enum skip_reason *skip)
{
	int late;
	entry_late(h, id, day, done, &late, skip);
}

/* The tally of id on day, or NULL. */
static const struct tally *find_tally(const struct history *h, const char *id,
                                      cal_day day)
{
	assert(h->first == CAL_NONE || day >= h->first);
	size_t lo = 0, hi = h->n_tallies;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = tally_cmp(day, id, &h->tallies[mid]);
		if (c == 0)
			return &h->tallies[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void entry_late(const struct history *h, const char *id, cal_day day,
                       int *done, int *late, enum skip_reason *skip)
{
	const struct tally *t = find_tally(h, id, day);
	*done = t ? t->done : 0;
	*late = t ? t->late : 0;
	*skip = t ? t->skip : SKIP_NONE;
}

/* Whether the skip of id on day was recorded after the day was over. */
static bool skip_late(const struct history *h, const char *id, cal_day day)
{
	const struct tally *t = find_tally(h, id, day);
	return t && t->skip != SKIP_NONE && t->skip_late;
}

bool history_ended(const struct history *h, cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(h, day);
	return s && s->end != CAL_NONE && day > s->end;
}

/* progress_in_phase, the program's end aside. */
static bool in_dates(const struct history *h, const struct rx_exercise *e,
                     cal_day day)
{
	return h->start != CAL_NONE && day >= h->start &&
	       (e->from == CAL_NONE || day >= e->from) &&
	       (e->until == CAL_NONE || day <= e->until);
}

bool progress_in_phase(const struct history *h, const struct rx_exercise *e,
                       cal_day day)
{
	return in_dates(h, e, day) && !history_ended(h, day);
}

int progress_after_end(const struct history *h, const struct rx_exercise *e,
                       cal_day day)
{
	if (!history_ended(h, day) || !in_dates(h, e, day))
		return 0;
	return rx_on(e, day)->per_day;
}

int progress_scheduled(const struct history *h, const struct rx_exercise *e,
                       cal_day day)
{
	if (!progress_in_phase(h, e, day))
		return 0;
	cal_day anchor;
	e = history_on(h, e, day, &anchor);
	if (e->as_needed)
		return 0;
	if (e->every) {
		if (anchor == CAL_NONE || day < anchor ||
		    (day - anchor) % e->every != 0)
			return 0;
	} else if (e->per_week == 0 && !(e->days & (1u << cal_weekday(day)))) {
		return 0;
	}
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
	if (h->start != CAL_NONE && day >= h->start && history_ended(h, day))
		return DAY_ENDED;
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

/* What a day's cell tells beyond its status, from its skips. */
struct day_marks {
	bool excused; /* an excused skip took away every session still due
	                 of a fixed exercise */
	bool skipped; /* every fixed exercise still due, none done, was
	                 skipped for a reason that excuses nothing */
};

/* progress_day, also telling the day's marks (NULL: not asked). */
static enum day_status day_items(const struct history *h, cal_day day,
                                 struct day_item **items, size_t *n,
                                 struct day_marks *m)
{
	const struct rx_snapshot *s = history_snapshot(h, day);
	size_t count = 0;
	int due = 0, done = 0;
	bool all_skipped = true;
	if (items)
		*items = xcalloc(s ? s->n : 1, sizeof **items);
	for (size_t i = 0; s && i < s->n; i++) {
		const struct rx_exercise *e =
		    history_on(h, &s->ex[i], day, NULL);
		int scheduled = progress_scheduled(h, e, day);
		if (scheduled == 0)
			continue;
		struct day_item it = {.ex = e,
		                      .scheduled = scheduled,
		                      .step_since =
		                          history_step_since(h, e, day)};
		history_entry(h, e->id, day, &it.done, &it.skip);
		it.skip_late = skip_late(h, e->id, day);
		it.extra = it.done > scheduled ? it.done - scheduled : 0;
		it.due = due_after_skip(scheduled, it.done, it.skip);
		if (e->per_week) {
			if (items)
				progress_week_target(
				    h, e->id,
				    cal_week_start(day, h->week_starts),
				    &it.week_target, &it.week_done);
		} else {
			due += it.due;
			done += it.done < it.due ? it.done : it.due;
			if (it.due > 0 &&
			    (it.done > 0 || it.skip == SKIP_NONE ||
			     skip_excused(it.skip)))
				all_skipped = false;
			if (m && it.due < scheduled)
				m->excused = true;
		}
		if (items)
			(*items)[count++] = it;
	}
	/* As-needed exercises: listed after the others, never due; after
	 * the program's end, every exercise is (SPEC 2.2). */
	bool ended = history_ended(h, day);
	for (size_t i = 0; items && s && i < s->n; i++) {
		const struct rx_exercise *e =
		    history_on(h, &s->ex[i], day, NULL);
		if (ended ? !in_dates(h, e, day)
		          : !e->as_needed || !progress_in_phase(h, e, day))
			continue;
		struct day_item it = {.ex = e,
		                      .scheduled = e->per_day,
		                      .ended = ended,
		                      .step_since = CAL_NONE};
		history_entry(h, e->id, day, &it.done, &it.skip);
		it.extra = it.done > e->per_day ? it.done - e->per_day : 0;
		(*items)[count++] = it;
	}
	if (n)
		*n = count;
	if (m)
		m->skipped = due > 0 && all_skipped;
	return judge(h, day, due, done);
}

enum day_status progress_day(const struct history *h, cal_day day,
                             struct day_item **items, size_t *n)
{
	return day_items(h, day, items, n, NULL);
}

enum day_status progress_day_status(const struct history *h, cal_day day)
{
	return progress_day(h, day, NULL, NULL);
}

/* The cell of a day of status st with the marks day_items told: a rest
 * day excused skips made, or a day left undone by skips excusing
 * nothing, shows its skips' glyph. */
static enum cell_kind day_cell(enum day_status st, struct day_marks m)
{
	if (st == DAY_REST && m.excused)
		return CELL_EXCUSED;
	if ((st == DAY_MISSED || st == DAY_OPEN) && m.skipped)
		return CELL_SKIPPED;
	return progress_status_cell(st);
}

enum cell_kind progress_day_cell(const struct history *h, cal_day day)
{
	struct day_marks m = {0};
	enum day_status st = day_items(h, day, NULL, NULL, &m);
	return day_cell(st, m);
}

/* One step of a streak walk: a counted unit, done or not. */
static void streak_step(struct streak *s, bool done)
{
	s->current = done ? s->current + 1 : 0;
	if (s->current > s->longest)
		s->longest = s->current;
}

/* The walk over the days from..to (at most today), from s. */
static struct streak day_walk(const struct history *h, struct streak s,
                              cal_day from, cal_day to)
{
	for (cal_day d = from; d <= to && d <= h->today; d++) {
		enum day_status st = progress_day_status(h, d);
		if (st == DAY_REST || st == DAY_NONE || st == DAY_ENDED ||
		    (d == h->today && st != DAY_DONE))
			continue;
		streak_step(&s, st == DAY_DONE);
	}
	return s;
}

/* Where the walks to today resume: the day after the mark, or the start. */
static cal_day walk_from(const struct history *h)
{
	return h->mark ? h->mark->day + 1 : h->start;
}

static int mark_key_cmp(const void *key, const void *x)
{
	return strcmp(key, ((const struct mark_exercise *)x)->id);
}

static const struct mark_exercise *mark_find(const struct streak_mark *m,
                                             const char *id)
{
	if (!m || m->n_ex == 0)
		return NULL;
	return bsearch(id, m->ex, m->n_ex, sizeof *m->ex, mark_key_cmp);
}

struct streak progress_day_streak(const struct history *h)
{
	struct streak s = {0, 0};
	if (h->start == CAL_NONE)
		return s;
	return day_walk(h, h->mark ? h->mark->days : s, walk_from(h), h->today);
}

struct streak progress_day_streak_span(const struct history *h, cal_day from,
                                       cal_day to)
{
	struct streak s = {0, 0};
	if (h->start == CAL_NONE)
		return s;
	return day_walk(h, s, from < h->start ? h->start : from, to);
}

/* id's version in force on day (the snapshot's, at the step in force), or
 * NULL. */
static const struct rx_exercise *in_force(const struct history *h,
                                          const char *id, cal_day day)
{
	const struct rx_snapshot *s = history_snapshot(h, day);
	const struct rx_exercise *e = s ? rx_find(s->ex, s->n, id) : NULL;
	return e ? history_on(h, e, day, NULL) : NULL;
}

/* The parts of a per-week exercise's week (week_target). */
struct week_parts {
	int target, met;
	int target_ontime; /* a day excused late stays active for it */
	int met_ontime;
};

/* As progress_week_target, also counting what on-time adherence counts. */
static void week_target(const struct history *h, const char *id, cal_day first,
                        struct week_parts *w)
{
	int active = 0, active_ontime = 0, per_week = 0, per_week_ontime = 0;
	memset(w, 0, sizeof *w);
	for (cal_day d = first; d < first + 7; d++) {
		const struct rx_exercise *e = in_force(h, id, d);
		if (!e || e->per_week == 0 || !progress_in_phase(h, e, d))
			continue;
		int done, late;
		enum skip_reason skip;
		entry_late(h, id, d, &done, &late, &skip);
		bool excused = skip_excused(skip) && done < e->per_day;
		if (!excused || skip_late(h, id, d)) {
			active_ontime++;
			per_week_ontime = e->per_week;
		}
		if (excused)
			continue; /* an excused day is not active */
		active++;
		per_week = e->per_week;
		if (d <= h->today && done >= e->per_day)
			w->met++;
		if (d <= h->today && done - late >= e->per_day)
			w->met_ontime++;
	}
	w->target = per_week < active ? per_week : active;
	w->target_ontime =
	    per_week_ontime < active_ontime ? per_week_ontime : active_ontime;
}

void progress_week_target(const struct history *h, const char *id,
                          cal_day first, int *target, int *met)
{
	struct week_parts w;
	week_target(h, id, first, &w);
	*target = w.target;
	*met = w.met;
}

/* id's walk over the weeks starting from first to last, from s. */
static struct streak week_walk(const struct history *h, const char *id,
                               struct streak s, cal_day first, cal_day last)
{
	cal_day now = cal_week_start(h->today, h->week_starts);
	for (cal_day w = first; w <= last; w += 7) {
		int target, met;
		progress_week_target(h, id, w, &target, &met);
		if (target == 0 || (w == now && met < target))
			continue;
		streak_step(&s, met >= target);
	}
	return s;
}

/* id's walk over the days from..to (at most today), from s. */
static struct streak fixed_walk(const struct history *h, const char *id,
                                struct streak s, cal_day from, cal_day to)
{
	for (cal_day d = from; d <= to && d <= h->today; d++) {
		const struct rx_exercise *e = in_force(h, id, d);
		int scheduled =
		    e && !e->per_week ? progress_scheduled(h, e, d) : 0;
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

/* Whether id counts weeks: the kind of the newest snapshot holding it (or,
 * when only snapshots before the history's mark did, as the mark says). */
static bool counts_weeks(const struct history *h, const char *id)
{
	for (size_t i = h->n_snaps; i > 0; i--) {
		const struct rx_exercise *e =
		    rx_find(h->snaps[i - 1].ex, h->snaps[i - 1].n, id);
		if (e)
			return e->per_week > 0;
	}
	const struct mark_exercise *m = mark_find(h->mark, id);
	return m && m->weeks;
}

/* id's walk from the mark (or the start) to the end of day `to`. */
static struct streak exercise_walk(const struct history *h, const char *id,
                                   bool weeks, cal_day to)
{
	const struct mark_exercise *m = mark_find(h->mark, id);
	struct streak s = m ? m->streak : (struct streak){0, 0};
	if (weeks)
		return week_walk(h, id, s,
		                 cal_week_start(walk_from(h), h->week_starts),
		                 cal_week_start(to, h->week_starts));
	return fixed_walk(h, id, s, walk_from(h), to);
}

struct streak progress_exercise_streak(const struct history *h, const char *id,
                                       bool *weeks)
{
	*weeks = counts_weeks(h, id);
	if (h->start == CAL_NONE)
		return (struct streak){0, 0};
	return exercise_walk(h, id, *weeks, h->today);
}

static int mark_cmp(const void *a, const void *b)
{
	return mark_key_cmp(((const struct mark_exercise *)a)->id, b);
}

bool progress_mark_fits(const struct history *h, const struct streak_mark *m)
{
	return m && m->day != CAL_NONE && h->start != CAL_NONE &&
	       m->start == h->start && m->week_starts == h->week_starts &&
	       m->day >= h->start && m->day < h->today &&
	       cal_week_start(m->day + 1, h->week_starts) == m->day + 1;
}

bool progress_mark(const struct history *h, cal_day day,
                   struct streak_mark *out)
{
	struct streak_mark probe = {day,    h->start, h->week_starts,
	                            {0, 0}, NULL,     0};
	memset(out, 0, sizeof *out);
	out->day = CAL_NONE;
	if (!progress_mark_fits(h, &probe) || (h->mark && h->mark->day > day))
		return false;
	*out = probe;
	out->days =
	    day_walk(h, h->mark ? h->mark->days : out->days, walk_from(h), day);
	/* Every id of the snapshots held, and of the mark walked from (ids
	 * of older snapshots only: nothing is due for them any more). */
	size_t n_ids = h->mark ? h->mark->n_ex : 0;
	for (size_t i = 0; i < h->n_snaps; i++)
		n_ids += h->snaps[i].n;
	out->ex = xcalloc(n_ids, sizeof *out->ex);
	for (size_t i = 0; i <= h->n_snaps; i++) {
		size_t n = i < h->n_snaps ? h->snaps[i].n
		           : h->mark      ? h->mark->n_ex
		                          : 0;
		for (size_t k = 0; k < n; k++) {
			const char *id = i < h->n_snaps ? h->snaps[i].ex[k].id
			                                : h->mark->ex[k].id;
			bool seen = false;
			for (size_t j = 0; j < out->n_ex && !seen; j++)
				seen = strcmp(out->ex[j].id, id) == 0;
			if (seen)
				continue;
			struct mark_exercise *x = &out->ex[out->n_ex++];
			strfmt(x->id, sizeof x->id, "%s", id);
			x->weeks = counts_weeks(h, id);
			x->streak = exercise_walk(h, id, x->weeks, day);
		}
	}
	if (out->n_ex)
		qsort(out->ex, out->n_ex, sizeof *out->ex, mark_cmp);
	return true;
}

/* Appends id's newest version in force during the week, if not listed. */
static void week_add(const struct history *h, struct week_view *w,
                     const struct rx_exercise *e)
{
	for (size_t i = 0; i < w->n_rows; i++)
		if (strcmp(w->rows[i].ex->id, e->id) == 0)
			return;
	bool in_phase = false;
	for (int k = 0; k < 7 && !in_phase; k++) {
		const struct rx_exercise *v = in_force(h, e->id, w->first + k);
		in_phase = v && progress_in_phase(h, v, w->first + k);
	}
	if (!in_phase)
		return;
	w->rows = xrealloc(w->rows, (w->n_rows + 1) * sizeof *w->rows);
	struct week_row *r = &w->rows[w->n_rows++];
	memset(r, 0, sizeof *r);
	r->ex = history_on(h, e, w->first + 6, NULL);
}

static void week_fill(const struct history *h, cal_day first,
                      struct week_row *r)
{
	for (int k = 0; k < 7; k++) {
		cal_day d = first + k;
		const struct rx_exercise *e = in_force(h, r->ex->id, d);
		history_entry(h, r->ex->id, d, &r->done[k], &r->skip[k]);
		const struct tally *t = find_tally(h, r->ex->id, d);
		r->marked[k] = t && (t->pain >= 0 || t->noted);
		int scheduled = e ? progress_scheduled(h, e, d) : 0;
		r->due[k] = due_after_skip(scheduled, r->done[k], r->skip[k]);
		r->per_day[k] = e ? e->per_day : 0;
	}
	if (r->ex->per_week)
		progress_week_target(h, r->ex->id, first, &r->target, &r->met);
	r->streak = progress_exercise_streak(h, r->ex->id, &r->weeks);
}

void progress_week(const struct history *h, cal_day day, struct week_view *w)
{
	memset(w, 0, sizeof *w);
	w->first = cal_week_start(day, h->week_starts);
	w->current = w->first == cal_week_start(h->today, h->week_starts);
	/* Newest snapshot in force that week first, then older ones. */
	const struct rx_snapshot *seen[7];
	size_t n_seen = 0;
	for (int k = 6; k >= 0; k--) {
		const struct rx_snapshot *s = history_snapshot(h, w->first + k);
		if (s && (n_seen == 0 || seen[n_seen - 1] != s))
			seen[n_seen++] = s;
	}
	/* As-needed rows last, in the same order among themselves. */
	for (int as_needed = 0; as_needed < 2; as_needed++)
		for (size_t i = 0; i < n_seen; i++)
			for (size_t k = 0; k < seen[i]->n; k++)
				if (seen[i]->ex[k].as_needed == as_needed)
					week_add(h, w, &seen[i]->ex[k]);
	for (size_t i = 0; i < w->n_rows; i++)
		week_fill(h, w->first, &w->rows[i]);
	for (int k = 0; k < 7; k++) {
		struct day_marks m = {0};
		w->status[k] = day_items(h, w->first + k, NULL, NULL, &m);
		w->cells[k] = day_cell(w->status[k], m);
	}
	progress_adherence(h, w->first, w->first + 6, NULL, false, &w->due,
	                   &w->done);
	w->streak = progress_day_streak(h);
}

void progress_week_free(struct week_view *w)
{
	free(w->rows);
	w->rows = NULL;
	w->n_rows = 0;
}

/*
 * The walk of progress_adherence: calls add for each counted day of a fixed
 * exercise and each counted week of a per-week one in from..to, of id or of
 * all (id NULL), with the week (its first day) it belongs to.
 */
typedef void adherence_fn(void *arg, const char *id, cal_day week,
                          const struct adherence *a);

static void adherence_walk(const struct history *h, cal_day from, cal_day to,
                           const char *id, bool by_end, adherence_fn *add,
                           void *arg)
{
	for (cal_day d = from; d <= to && d <= h->today; d++) {
		if (d == h->today && progress_day_status(h, d) != DAY_DONE)
			break;
		const struct rx_snapshot *s = history_snapshot(h, d);
		cal_day week = cal_week_start(d, h->week_starts);
		for (size_t i = 0; s && i < s->n; i++) {
			const struct rx_exercise *e = &s->ex[i];
			if (id && strcmp(id, e->id) != 0)
				continue;
			int scheduled =
			    e->per_week ? 0 : progress_scheduled(h, e, d);
			if (scheduled == 0)
				continue;
			int n, late;
			enum skip_reason skip;
			entry_late(h, e->id, d, &n, &late, &skip);
			/* Due is decided on every session; on time narrows
			 * what counts as done, and a skip recorded late
			 * excuses nothing for it (SPEC section 6.2). */
			struct adherence a = {
			    due_after_skip(scheduled, n, skip), 0, 0, 0};
			a.done = n < a.due ? n : a.due;
			a.due_ontime =
			    skip_late(h, e->id, d) ? scheduled : a.due;
			a.ontime =
			    n - late < a.due_ontime ? n - late : a.due_ontime;
			add(arg, e->id, week, &a);
		}
	}
	/* Per-week exercises: each week that starts in the span (by_end:
	 * that ends in it). */
	cal_day w = cal_week_start(from, h->week_starts);
	if (w < from && !by_end)
		w += 7;
	cal_day now = cal_week_start(h->today, h->week_starts);
	for (; (by_end ? w + 6 : w) <= to && w <= now; w += 7) {
		/* Every id held as per-week by a snapshot in force that week.
		 */
		const char **ids = NULL;
		size_t n_ids = 0;
		for (int k = 0; k < 7; k++) {
			const struct rx_snapshot *s =
			    history_snapshot(h, w + k);
			for (size_t i = 0; s && i < s->n; i++) {
				if (!s->ex[i].per_week ||
				    (id && strcmp(id, s->ex[i].id) != 0))
					continue;
				bool seen = false;
				for (size_t j = 0; j < n_ids; j++)
					seen = seen ||
					       strcmp(ids[j], s->ex[i].id) == 0;
				if (!seen) {
					ids = xrealloc(ids, (n_ids + 1) *
					                        sizeof *ids);
					ids[n_ids++] = s->ex[i].id;
				}
			}
		}
		for (size_t j = 0; j < n_ids; j++) {
			struct week_parts p;
			week_target(h, ids[j], w, &p);
			int target = p.target, met = p.met;
			if (w + 6 >= h->today && met < target)
				continue; /* neither over nor met yet */
			int due_ontime = p.target_ontime;
			struct adherence a = {
			    target, met < target ? met : target,
			    p.met_ontime < due_ontime ? p.met_ontime
			                              : due_ontime,
			    due_ontime};
			add(arg, ids[j], w, &a);
		}
		free(ids);
	}
}

static void adherence_sum(void *arg, const char *id, cal_day week,
                          const struct adherence *a)
{
	struct adherence *sum = arg;
	(void)id;
	(void)week;
	sum->due += a->due;
	sum->done += a->done;
	sum->ontime += a->ontime;
	sum->due_ontime += a->due_ontime;
}

void progress_adherence(const struct history *h, cal_day from, cal_day to,
                        const char *id, bool ontime, int *due, int *done)
{
	struct adherence sum = {0, 0, 0, 0};
	adherence_walk(h, from, to, id, false, adherence_sum, &sum);
	*due = ontime ? sum.due_ontime : sum.due;
	*done = ontime ? sum.ontime : sum.done;
}

void progress_month_adherence(const struct history *h, cal_day first,
                              cal_day last, int *due, int *done)
{
	struct adherence sum = {0, 0, 0, 0};
	adherence_walk(h, first, last, NULL, true, adherence_sum, &sum);
	*due = sum.due;
	*done = sum.done;
}

struct adherence_table {
	const char *const *ids;
	size_t n_ids;
	cal_day week0;
	size_t n_weeks;
	struct adherence *out;
	size_t last; /* the index of the last id added */
};

static void adherence_cell(void *arg, const char *id, cal_day week,
                           const struct adherence *a)
{
	struct adherence_table *t = arg;
	size_t i = t->last;
	if (i >= t->n_ids || strcmp(t->ids[i], id) != 0)
		for (i = 0; i < t->n_ids && strcmp(t->ids[i], id) != 0; i++)
			;
	t->last = i;
	size_t w = (size_t)((week - t->week0) / 7);
	adherence_sum(&t->out[i * t->n_weeks + w], id, week, a);
}

void progress_adherence_table(const struct history *h, cal_day from, cal_day to,
                              const char *const *ids, size_t n_ids,
                              struct adherence *out)
{
	cal_day week0 = cal_week_start(from, h->week_starts);
	struct adherence_table t = {
	    ids, n_ids, week0, (size_t)((to - week0) / 7 + 1), out, 0};
	memset(out, 0, (n_ids + 1) * t.n_weeks * sizeof *out);
	adherence_walk(h, from, to, NULL, false, adherence_cell, &t);
}

bool progress_ratio(int due, int done, double *out)
{
	if (due <= 0)
		return false;
	*out = (double)done / due;
	return true;
}

enum cell_kind progress_week_cell(const struct week_row *r, int k,
                                  cal_day first, cal_day today)
{
	cal_day day = first + k;
	if (r->skip[k] != SKIP_NONE && r->done[k] < r->per_day[k])
		return skip_excused(r->skip[k]) ? CELL_EXCUSED : CELL_SKIPPED;
	if (r->due[k] == 0 && r->done[k] == 0)
		return CELL_REST;
	if (r->done[k] >= r->due[k] && r->done[k] > 0)
		return CELL_DONE;
	if (day > today)
		return CELL_FUTURE;
	if (r->done[k] > 0)
		return CELL_PARTIAL;
	if (day == today)
		return CELL_OPEN;
	/* A past day of a weekly goal left out is neither missed nor still
	 * to do: no day of it is due, only the week's count is. */
	return r->ex->per_week ? CELL_REST : CELL_MISSED;
}
