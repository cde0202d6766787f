#include "hep/timer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"

/*
 * The steps are not stored: step i is computed from the dose. A walk is
 *
 *   GET_READY, side block, [SWITCH, side block,] DONE
 *
 * where a side block is `sets` groups of `work` steps, each group but the
 * last followed by one REST step. Rep by rep, a set's work is `n` units of
 * the rep's steps (its timed phases, or one REP), each unit but the last
 * followed by a PAUSE when the dose pauses. The time planned before any
 * step follows from the same arithmetic (planned_before), so the time left
 * of the session costs no more than a step.
 */
enum walk {
	WALK_SETS, /* a set is one untimed REPS step */
	WALK_REPS, /* a set is rep by rep */
	WALK_BOUTS /* a set is one DURATION step */
};

/* The timed phases of a rep: the tempo's three and the hold. */
#define REP_PHASES 4

struct timer {
	int sets, reps, reps_hi; /* clamped to the ranges of timer.h */
	enum rx_side side;       /* as prescribed, BOTH and ALTERNATE too */
	int sides;               /* 1, or 2 for RX_SIDE_BOTH */
	enum walk walk;
	/* WALK_REPS: the timed phases of one rep, in order (none: one REP). */
	enum timer_kind phase[REP_PHASES];
	int64_t phase_ms[REP_PHASES]; /* what the walk counts */
	int64_t phase_lo[REP_PHASES], phase_hi[REP_PHASES];
	int phases;
	int64_t per_rep; /* steps of one rep: phases, or 1 */
	int64_t rep_ms;  /* the timed part of one rep */
	int64_t n;       /* reps walked in a set (both sides for ALTERNATE) */
	int64_t pause_ms, pause_hi; /* 0 when no pause step is taken */
	bool relax;                 /* the pause is the walk's relax gap */
	int64_t rest_ms, rest_hi;
	int64_t dur_ms, dur_lo; /* a range counts its top, dur_lo its bottom */
	int64_t work;           /* steps of one set's work */
	int64_t work_ms;        /* its timed part */
	int64_t block;          /* steps of one side block */
	int64_t block_ms;
	size_t count;    /* all the steps, DONE included */
	size_t cur;      /* the current step */
	int64_t elapsed; /* ms counted in the current step */
	int64_t last;    /* the latest now_ms seen */
	int pain_before; /* 0..10, or -1 */
	bool paused;
};

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* A time range's lower bound and (for the text) upper bound, in ms. */
static int64_t time_lo(struct rx_range r)
{
	return (int64_t)clamp(r.lo, 0, TIMER_MAX_TIME) * 1000;
}

static int64_t time_hi(struct rx_range r)
{
	int lo = clamp(r.lo, 0, TIMER_MAX_TIME);
	return (int64_t)clamp(r.hi, lo, TIMER_MAX_TIME) * 1000;
}

/* A phase of a rep, counted ms, from lo to hi for the text (a hold's
 * range: counted to its top). */
static void add_phase(struct timer *t, enum timer_kind kind, int64_t lo,
                      int64_t ms)
{
	if (lo <= 0)
		return; /* a phase of 0 s has no step */
	t->phase[t->phases] = kind;
	t->phase_ms[t->phases] = ms;
	t->phase_lo[t->phases] = lo;
	t->phase_hi[t->phases] = ms;
	t->phases++;
	t->rep_ms += ms;
}

struct timer *timer_new(const struct rx_exercise *e, int64_t now_ms)
{
	struct timer *t = xcalloc(1, sizeof(*t));
	t->sets = clamp(e->sets.lo, 1, TIMER_MAX);
	t->reps = clamp(e->reps.lo, 0, TIMER_MAX);
	t->reps_hi = clamp(e->reps.hi, t->reps, TIMER_MAX);
	switch (e->side) {
	case RX_SIDE_LEFT:
	case RX_SIDE_RIGHT:
	case RX_SIDE_BOTH:
	case RX_SIDE_ALTERNATE:
		t->side = e->side;
		break;
	default:
		t->side = RX_SIDE_NONE;
		break;
	}
	t->sides = t->side == RX_SIDE_BOTH ? 2 : 1;
	int tempo[3] = {0, 0, 0};
	if (!e->tempo || !rx_tempo_parse(e->tempo, tempo))
		memset(tempo, 0, sizeof tempo);
	add_phase(t, TIMER_DOWN, tempo[0] * 1000LL, tempo[0] * 1000LL);
	add_phase(t, TIMER_BOTTOM, tempo[1] * 1000LL, tempo[1] * 1000LL);
	add_phase(t, TIMER_UP, tempo[2] * 1000LL, tempo[2] * 1000LL);
	int64_t hold = time_lo(e->hold) > 0 ? time_hi(e->hold) : 0;
	add_phase(t, TIMER_HOLD, time_lo(e->hold), hold);
	t->n = (t->reps > 0 ? t->reps : 1) *
	       (t->side == RX_SIDE_ALTERNATE ? 2 : 1);
	int64_t pause = time_lo(e->pause);
	int64_t pause_hi = time_hi(e->pause);
	if (pause == 0 && hold > 0 && t->side != RX_SIDE_ALTERNATE) {
		/* Holds are not run back to back: a relax as long as the
		 * hold comes between two (alternating sides relax in turn). */
		pause = pause_hi = hold;
		t->relax = true;
	}
	t->rest_ms = time_lo(e->rest);
	t->rest_hi = time_hi(e->rest);
	t->dur_lo = time_lo(e->duration);
	t->dur_ms = t->dur_lo > 0 ? time_hi(e->duration) : 0;
	if (t->dur_ms > 0) {
		t->walk = WALK_BOUTS;
		t->work = 1;
		t->work_ms = t->dur_ms;
	} else if (t->phases > 0 || (pause > 0 && t->n > 1)) {
		t->walk = WALK_REPS;
		t->pause_ms = t->n > 1 ? pause : 0;
		t->pause_hi = t->pause_ms ? pause_hi : 0;
		t->relax = t->relax && t->pause_ms;
		t->per_rep = t->phases > 0 ? t->phases : 1;
		t->work = t->n * t->per_rep + (t->pause_ms ? t->n - 1 : 0);
		t->work_ms = t->n * t->rep_ms + (t->n - 1) * t->pause_ms;
	} else {
		t->walk = WALK_SETS;
		t->work = 1;
	}
	t->block = (int64_t)t->sets * (t->work + 1) - 1;
	t->block_ms = t->sets * t->work_ms + (t->sets - 1) * t->rest_ms;
	/* GET_READY, the blocks with a SWITCH between them, DONE. */
	t->count = (size_t)(1 + t->sides * (t->block + 1));
	t->cur = 0;
	t->elapsed = 0;
	t->last = now_ms;
	t->pain_before = -1;
	t->paused = false;
	return t;
}

void timer_free(struct timer *t)
{
	free(t);
}

size_t timer_count(const struct timer *t)
{
	return t->count;
}

size_t timer_index(const struct timer *t)
{
	return t->cur;
}

/* The side of the walk's side block number idx (0 or 1). */
static enum rx_side side_of(const struct timer *t, int64_t idx)
{
	if (t->side == RX_SIDE_BOTH)
		return idx == 0 ? RX_SIDE_LEFT : RX_SIDE_RIGHT;
	return t->side;
}

/* Rep r (0-based, as walked in a set) of a block on side: its side and
 * its number on that side (0 when the dose counts no reps). */
static void rep_of(const struct timer *t, int64_t r, enum rx_side side,
                   struct timer_step *s)
{
	if (t->side == RX_SIDE_ALTERNATE) {
		s->side = r % 2 ? RX_SIDE_RIGHT : RX_SIDE_LEFT;
		r /= 2;
	} else {
		s->side = side;
	}
	s->rep = t->reps > 0 ? (int)r + 1 : 0;
}

/* Step m (0 <= m < work) of a set's work on side. */
static void work_step(const struct timer *t, int64_t m, enum rx_side side,
                      struct timer_step *s)
{
	if (t->walk == WALK_BOUTS) {
		s->kind = TIMER_DURATION;
		s->side = side;
		s->duration_ms = s->upto_ms = t->dur_ms;
		s->least_ms = t->dur_lo;
		return;
	}
	if (t->walk == WALK_SETS) {
		s->kind = TIMER_REPS;
		s->side = side;
		return;
	}
	int64_t unit = t->per_rep + (t->pause_ms ? 1 : 0);
	int64_t r = m / unit, q = m % unit;
	if (q == t->per_rep) {
		s->kind = TIMER_PAUSE;
		rep_of(t, r + 1, side, s); /* the rep that comes next */
		s->duration_ms = s->least_ms = t->pause_ms;
		s->upto_ms = t->pause_hi;
		s->relax = t->relax;
		return;
	}
	rep_of(t, r, side, s);
	if (t->phases == 0) {
		s->kind = TIMER_REP;
		return;
	}
	s->kind = t->phase[q];
	s->duration_ms = t->phase_ms[q];
	s->least_ms = t->phase_lo[q];
	s->upto_ms = t->phase_hi[q];
}

struct timer_step timer_step_at(const struct timer *t, size_t i)
{
	struct timer_step s = {.sets = t->sets,
	                       .reps = t->reps,
	                       .reps_hi = t->reps_hi,
	                       .bouts = t->walk == WALK_BOUTS};
	if (i == 0) {
		s.side = timer_step_at(t, 1).side; /* where the work starts */
		s.first_of_two = t->sides == 2;
		s.kind = TIMER_GET_READY;
		s.set = 1;
		return s;
	}
	if (i >= t->count - 1) {
		s.kind = TIMER_DONE;
		s.side = RX_SIDE_NONE;
		return s;
	}
	int64_t j = (int64_t)i - 1;
	int64_t side_idx = j / (t->block + 1);
	int64_t k = j % (t->block + 1);
	if (k == t->block) {
		s.kind = TIMER_SWITCH;
		s.side = side_of(t, side_idx + 1);
		s.set = 1;
		return s;
	}
	int64_t set_idx = k / (t->work + 1);
	int64_t m = k % (t->work + 1);
	if (m == t->work) {
		s.kind = TIMER_REST;
		s.side = side_of(t, side_idx);
		s.set = (int)set_idx + 2;
		s.duration_ms = s.least_ms = t->rest_ms;
		s.upto_ms = t->rest_hi;
		return s;
	}
	s.set = (int)set_idx + 1;
	work_step(t, m, side_of(t, side_idx), &s);
	return s;
}

/* The time planned for the first m steps of a set's work (m <= work). */
static int64_t work_before(const struct timer *t, int64_t m)
{
	if (t->walk != WALK_REPS)
		return m > 0 ? t->work_ms : 0;
	int64_t unit = t->per_rep + (t->pause_ms ? 1 : 0);
	int64_t sum = m / unit * (t->rep_ms + t->pause_ms);
	for (int64_t q = 0; q < m % unit && q < t->phases; q++)
		sum += t->phase_ms[q];
	return sum;
}

/* The time planned for the steps before step i (i <= count). */
static int64_t planned_before(const struct timer *t, size_t i)
{
	if (i <= 1)
		return 0; /* GET_READY is untimed */
	int64_t j = (int64_t)i - 1;
	int64_t side_idx = j / (t->block + 1);
	int64_t k = j % (t->block + 1);
	int64_t set_idx = k / (t->work + 1);
	int64_t m = k % (t->work + 1);
	return side_idx * t->block_ms + set_idx * (t->work_ms + t->rest_ms) +
	       work_before(t, m);
}

struct timer_step timer_current(const struct timer *t)
{
	return timer_step_at(t, t->cur);
}

bool timer_done(const struct timer *t)
{
	return t->cur == t->count - 1;
}

bool timer_paused(const struct timer *t)
{
	return t->paused;
}

/* What the step has run by now, not counting a backwards clock. */
static int64_t elapsed_at(const struct timer *t, int64_t now)
{
	if (t->paused || now <= t->last)
		return t->elapsed;
	/* Unsigned arithmetic: the span of any two int64 values fits. */
	uint64_t d = (uint64_t)now - (uint64_t)t->last;
	if (d > (uint64_t)(INT64_MAX - t->elapsed))
		return INT64_MAX;
	return t->elapsed + (int64_t)d;
}

/* Counts the running time up to now; a clock gone back counts from now on. */
static void count_time(struct timer *t, int64_t now)
{
	t->elapsed = elapsed_at(t, now);
	t->last = now;
}

static void enter_next(struct timer *t)
{
	t->cur++;
	if (timer_done(t))
		t->paused = false;
}

int timer_advance(struct timer *t, int64_t now_ms)
{
	count_time(t, now_ms);
	int n = 0;
	while (!timer_done(t)) {
		int64_t d = timer_current(t).duration_ms;
		if (d == 0 || t->elapsed < d)
			break;
		t->elapsed -= d; /* the overshoot runs on into the next step */
		enter_next(t);
		n++;
	}
	return n;
}

bool timer_next(struct timer *t, int64_t now_ms)
{
	if (timer_done(t))
		return false;
	count_time(t, now_ms);
	enter_next(t);
	t->elapsed = 0;
	return true;
}

bool timer_pause(struct timer *t, int64_t now_ms)
{
	if (t->paused || timer_done(t))
		return false;
	count_time(t, now_ms);
	t->paused = true;
	return true;
}

bool timer_resume(struct timer *t, int64_t now_ms)
{
	if (!t->paused)
		return false;
	t->last = now_ms;
	t->paused = false;
	return true;
}

int64_t timer_elapsed_ms(const struct timer *t, int64_t now_ms)
{
	return elapsed_at(t, now_ms);
}

int64_t timer_remaining_ms(const struct timer *t, int64_t now_ms)
{
	int64_t d = timer_current(t).duration_ms;
	int64_t e = elapsed_at(t, now_ms);
	return d == 0 || e >= d ? 0 : d - e;
}

int64_t timer_total_ms(const struct timer *t)
{
	return planned_before(t, t->count);
}

int64_t timer_left_ms(const struct timer *t, int64_t now_ms)
{
	if (timer_done(t))
		return 0;
	int64_t d = timer_current(t).duration_ms;
	int64_t e = elapsed_at(t, now_ms);
	return timer_total_ms(t) - planned_before(t, t->cur) - (e < d ? e : d);
}

enum timer_end timer_next_end(const struct timer *t, int64_t now_ms)
{
	if (t->cur + 2 != t->count)
		return TIMER_END_ON; /* not the last step (or done) */
	struct timer_step s = timer_current(t);
	if (s.duration_ms == 0 || elapsed_at(t, now_ms) >= s.least_ms)
		return TIMER_END_ON; /* the patient ends it, or its least is run
		                      */
	int64_t total = timer_total_ms(t);
	int64_t behind = total - timer_left_ms(t, now_ms);
	return behind * 2 >= total ? TIMER_END_ASK : TIMER_END_EARLY;
}

void timer_set_pain_before(struct timer *t, int pain)
{
	t->pain_before = pain >= 0 && pain <= 10 ? pain : -1;
}

int timer_pain_before(const struct timer *t)
{
	return t->pain_before;
}

/* A time or a time range as the dose writes it: "20 s", "20–30 s",
 * "1 min 30 s–2 min" ("-" when ascii). */
static void time_text(int64_t lo_ms, int64_t hi_ms, bool ascii, char *buf,
                      size_t size)
{
	struct rx_range r = {(int)(lo_ms / 1000), (int)(hi_ms / 1000)};
	rx_range_text(r, true, ascii, buf, size);
}

/* A line made of parts joined by sep (" – ", " - " outside UTF-8), its
 * first letter made a capital at the end. */
struct line {
	char text[256];
	char sep[8];
};

#define part(l, ...) strpart((l)->text, sizeof(l)->text, (l)->sep, __VA_ARGS__)

/* "left side" or "right side" of a step done on one side. */
static void side_part(struct line *l, const struct timer_step *s)
{
	if (s->side == RX_SIDE_LEFT || s->side == RX_SIDE_RIGHT)
		part(l, "%s side", rx_side_name(s->side));
}

static void set_part(struct line *l, const struct timer_step *s)
{
	part(l, "%s %d of %d", s->bouts ? "bout" : "set", s->set, s->sets);
}

static void rep_part(struct line *l, const struct timer_step *s)
{
	if (s->reps > 0)
		part(l, "rep %d of %d", s->rep, s->reps);
}

char *timer_describe_step(const struct timer_step *s, bool ascii, char *buf,
                          size_t size)
{
	const char *dash = text_glyph(GLYPH_DASH, ascii);
	struct line l = {.text = ""};
	strfmt(l.sep, sizeof l.sep, " %s ", dash);
	char tm[64];
	time_text(s->least_ms, s->upto_ms, ascii, tm, sizeof tm);
	const char *unit = s->bouts ? "bout" : "set";
	switch (s->kind) {
	case TIMER_GET_READY:
		part(&l, "get into position");
		if (s->side == RX_SIDE_LEFT || s->side == RX_SIDE_RIGHT)
			part(&l, "%s side%s", rx_side_name(s->side),
			     s->first_of_two ? " first" : "");
		break;
	case TIMER_DOWN:
	case TIMER_BOTTOM:
	case TIMER_UP:
	case TIMER_HOLD:
	case TIMER_REP:
		side_part(&l, s);
		set_part(&l, s);
		rep_part(&l, s);
		if (s->kind == TIMER_DOWN)
			part(&l, "down");
		else if (s->kind == TIMER_BOTTOM)
			part(&l, "at the bottom");
		else if (s->kind == TIMER_UP)
			part(&l, "up");
		else if (s->kind == TIMER_HOLD && s->upto_ms > s->least_ms)
			part(&l, "hold %s", tm);
		else if (s->kind == TIMER_HOLD)
			part(&l, "hold");
		else if (s->reps == 0)
			part(&l, "do the exercise");
		break;
	case TIMER_PAUSE: {
		char next[32] = "the next rep";
		if (s->rep > 0)
			strfmt(next, sizeof next, "rep %d", s->rep);
		side_part(&l, s);
		set_part(&l, s);
		if (s->upto_ms > s->least_ms)
			part(&l, "pause %s before %s", tm, next);
		else
			part(&l, "%s before %s", s->relax ? "relax" : "pause",
			     next);
		break;
	}
	case TIMER_REPS: {
		side_part(&l, s);
		set_part(&l, s);
		const char *turns =
		    s->side == RX_SIDE_ALTERNATE ? " a side, in turn" : "";
		if (s->reps > 0 && s->reps_hi > s->reps)
			part(&l, "do %d%s%d reps%s", s->reps, dash, s->reps_hi,
			     turns);
		else if (s->reps > 0)
			part(&l, "do %d rep%s%s", s->reps,
			     s->reps == 1 ? "" : "s", turns);
		else
			part(&l, "do the exercise%s",
			     s->side == RX_SIDE_ALTERNATE ? ", sides in turn"
			                                  : "");
		break;
	}
	case TIMER_DURATION:
		side_part(&l, s);
		if (s->sets > 1)
			set_part(&l, s);
		part(&l, "keep going for %s", tm);
		break;
	case TIMER_REST:
		if (s->duration_ms == 0)
			part(&l, "rest as needed before %s %d", unit, s->set);
		else if (s->upto_ms > s->least_ms)
			part(&l, "rest %s before %s %d", tm, unit, s->set);
		else
			part(&l, "rest before %s %d", unit, s->set);
		break;
	case TIMER_SWITCH:
		part(&l, "switch to the %s side",
		     s->side == RX_SIDE_LEFT ? "left" : "right");
		break;
	case TIMER_DONE:
	default:
		part(&l, "done");
		break;
	}
	if (l.text[0] >= 'a' && l.text[0] <= 'z')
		l.text[0] = (char)(l.text[0] - 'a' + 'A');
	strfmt(buf, size, "%s", l.text);
	return buf;
}

char *timer_describe(const struct timer *t, bool ascii, char *buf, size_t size)
{
	struct timer_step s = timer_current(t);
	return timer_describe_step(&s, ascii, buf, size);
}
