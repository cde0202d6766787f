#include "hep/timer.h"

#include <stdlib.h>

#include "hep/util.h"

/*
 * The steps are not stored: step i is computed from the dose. A walk is
 *
 *   GET_READY, side block, [SWITCH, side block,] DONE
 *
 * where a side block is `sets` groups of `per_set` work steps, each group but
 * the last followed by one REST step.
 */
struct timer {
	int sets, reps, hold, rest; /* clamped to the ranges of timer.h */
	enum rx_side side;          /* as prescribed, BOTH included */
	int sides;                  /* 1, or 2 for RX_SIDE_BOTH */
	int64_t per_set;            /* work steps in a set */
	int64_t block;              /* steps of one side block */
	size_t count;               /* all the steps, DONE included */
	size_t cur;                 /* the current step */
	int64_t elapsed;            /* ms counted in the current step */
	int64_t last;               /* the latest now_ms seen */
	bool paused;
};

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

struct timer *timer_new(const struct rx_exercise *e, int64_t now_ms)
{
	struct timer *t = xcalloc(1, sizeof(*t));
	t->sets = clamp(e->sets.lo, 1, TIMER_MAX);
	t->reps = clamp(e->reps.lo, 0, TIMER_MAX);
	t->hold = clamp(e->hold.lo, 0, TIMER_MAX);
	t->rest = clamp(e->rest.lo, 0, TIMER_MAX);
	switch (e->side) {
	case RX_SIDE_LEFT:
	case RX_SIDE_RIGHT:
	case RX_SIDE_BOTH:
		t->side = e->side;
		break;
	default:
		t->side = RX_SIDE_NONE;
		break;
	}
	t->sides = t->side == RX_SIDE_BOTH ? 2 : 1;
	/* A set without a hold is one untimed step, however many reps. */
	t->per_set = t->hold > 0 && t->reps > 0 ? t->reps : 1;
	t->block = (int64_t)t->sets * (t->per_set + 1) - 1;
	/* GET_READY, the blocks with a SWITCH between them, DONE. */
	t->count = (size_t)(1 + t->sides * (t->block + 1));
	t->cur = 0;
	t->elapsed = 0;
	t->last = now_ms;
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

struct timer_step timer_step_at(const struct timer *t, size_t i)
{
	struct timer_step s = {.sets = t->sets, .reps = t->reps};
	if (i == 0) {
		s.kind = TIMER_GET_READY;
		s.side = side_of(t, 0);
		s.set = 1;
		s.duration_ms = TIMER_READY_MS;
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
	int64_t set_idx = k / (t->per_set + 1);
	int64_t m = k % (t->per_set + 1);
	s.side = side_of(t, side_idx);
	if (m == t->per_set) {
		s.kind = TIMER_REST;
		s.set = (int)set_idx + 2;
		s.duration_ms = (int64_t)t->rest * 1000;
	} else if (t->hold > 0) {
		s.kind = TIMER_HOLD;
		s.set = (int)set_idx + 1;
		s.rep = t->reps > 0 ? (int)m + 1 : 0;
		s.duration_ms = (int64_t)t->hold * 1000;
	} else {
		s.kind = TIMER_REPS;
		s.set = (int)set_idx + 1;
	}
	return s;
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
	int64_t side = (int64_t)(t->sets - 1) * t->rest;
	if (t->hold > 0)
		side += (int64_t)t->sets * t->per_set * t->hold;
	return TIMER_READY_MS + t->sides * side * 1000;
}

char *timer_describe_step(const struct timer_step *s, char *buf, size_t size)
{
	/* "Left side - set 1 of 3", or "Set 1 of 3" without a side. */
	const char *lead = s->side == RX_SIDE_LEFT    ? "Left side - set"
	                   : s->side == RX_SIDE_RIGHT ? "Right side - set"
	                                              : "Set";
	switch (s->kind) {
	case TIMER_GET_READY:
		strfmt(buf, size, "Get ready");
		break;
	case TIMER_HOLD:
		if (s->reps > 0)
			strfmt(buf, size, "%s %d of %d - rep %d of %d - hold",
			       lead, s->set, s->sets, s->rep, s->reps);
		else
			strfmt(buf, size, "%s %d of %d - hold", lead, s->set,
			       s->sets);
		break;
	case TIMER_REPS:
		if (s->reps > 0)
			strfmt(buf, size, "%s %d of %d - do %d rep%s", lead,
			       s->set, s->sets, s->reps,
			       s->reps == 1 ? "" : "s");
		else
			strfmt(buf, size, "%s %d of %d - do the exercise", lead,
			       s->set, s->sets);
		break;
	case TIMER_REST:
		strfmt(buf, size, "Rest %sbefore set %d",
		       s->duration_ms > 0 ? "" : "as needed ", s->set);
		break;
	case TIMER_SWITCH:
		strfmt(buf, size, "Switch to the %s side",
		       s->side == RX_SIDE_LEFT ? "left" : "right");
		break;
	case TIMER_DONE:
	default:
		strfmt(buf, size, "Done");
		break;
	}
	return buf;
}

char *timer_describe(const struct timer *t, char *buf, size_t size)
{
	struct timer_step s = timer_current(t);
	return timer_describe_step(&s, buf, size);
}
