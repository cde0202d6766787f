/*
 * timer: the guided timer's model, a walk through one exercise's dose.
 *
 * The walk is a fixed list of steps built from the dose by timer_new():
 *
 *   GET_READY (3 s), then for each side (left then right for RX_SIDE_BOTH,
 *   one pass otherwise), for each set 1..sets:
 *     - with a hold: one HOLD step of `hold` seconds per rep (one when the
 *       dose counts no reps);
 *     - without a hold: one untimed REPS step for the whole set ("do 12
 *       reps"), which the patient ends with timer_next();
 *     - between sets (never after a side's last set): a REST step of `rest`
 *       seconds, or an untimed "rest as needed" step when rest is 0;
 *   between the two sides an untimed SWITCH step; last, DONE.
 *
 * Time is an input: every function that needs the time takes now_ms, the
 * milliseconds of a monotonic clock read by the caller. The model never reads
 * a clock, never sleeps and never allocates after timer_new(). Only time
 * while running counts: paused time does not, and a clock that goes backwards
 * counts as no time passing (time counts again from the smaller value on).
 * When a timed step's time is over, the overshoot carries into the next
 * step, so a late caller does not drift from the plan.
 */
#ifndef HEP_TIMER_H
#define HEP_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/prescription.h"

/* The length of the GET_READY step that starts every walk. */
#define TIMER_READY_MS 3000

/* The largest sets, reps, hold or rest (seconds) a dose can have. */
#define TIMER_MAX 999

enum timer_kind {
	TIMER_GET_READY, /* timed, TIMER_READY_MS */
	TIMER_HOLD,      /* timed, the dose's hold */
	TIMER_REPS,      /* untimed: a whole set without a hold */
	TIMER_REST,      /* the dose's rest, or untimed "as needed" */
	TIMER_SWITCH,    /* untimed: change to the other side */
	TIMER_DONE       /* the end; untimed, nothing follows */
};

struct timer_step {
	enum timer_kind kind;
	/* RX_SIDE_LEFT or RX_SIDE_RIGHT when the dose names a side, else
	 * RX_SIDE_NONE; never RX_SIDE_BOTH. GET_READY has the first side,
	 * SWITCH the side switched to, DONE none. */
	enum rx_side side;
	/* The set this step belongs to, 1..sets; for GET_READY, REST and
	 * SWITCH the set that comes next; 0 for DONE. */
	int set;
	int sets; /* the dose's sets, on every step */
	/* The rep of a HOLD, 1..reps; 0 on every other step and when the dose
	 * counts no reps. */
	int rep;
	int reps; /* the dose's reps (0 when absent), on every step */
	int64_t duration_ms; /* 0 for an untimed step */
};

struct timer;

/*
 * A new walk through the dose of e, starting now_ms at GET_READY, running.
 * e is copied (the timer keeps no pointer to it). A dose out of the
 * prescription's ranges is clamped to them: sets to 1..TIMER_MAX, reps, hold
 * and rest to 0..TIMER_MAX. Never returns NULL; free with timer_free().
 */
struct timer *timer_new(const struct rx_exercise *e, int64_t now_ms);

/* Frees t; NULL is allowed. */
void timer_free(struct timer *t);

/* How many steps the walk has, DONE included. */
size_t timer_count(const struct timer *t);

/* The index of the current step, 0..timer_count() - 1. */
size_t timer_index(const struct timer *t);

/* The step at index i (i < timer_count()); for a list of what comes next. */
struct timer_step timer_step_at(const struct timer *t, size_t i);

/* The current step. */
struct timer_step timer_current(const struct timer *t);

/*
 * Counts the time up to now_ms and moves past every timed step whose time
 * is over, several at once if the caller was late (after a suspend, say).
 * Returns how many steps were left, so that the caller can ring the bell for
 * each: 0 when the current step is untimed or its time is not over (while
 * paused, only time run before the pause can be over).
 */
int timer_advance(struct timer *t, int64_t now_ms);

/*
 * The patient moves on at now_ms: ends an untimed step or cuts a timed one
 * short. The next step starts whole at now_ms; a step whose time ran out but
 * was not yet left by timer_advance() is the one ended. The paused state is
 * kept. Returns false (and does nothing else) once done.
 */
bool timer_next(struct timer *t, int64_t now_ms);

/*
 * Stops the count at now_ms. Returns false when already paused or done
 * (nothing changes then).
 */
bool timer_pause(struct timer *t, int64_t now_ms);

/*
 * Restarts the count at now_ms with the time that was left at the pause.
 * Returns false when not paused.
 */
bool timer_resume(struct timer *t, int64_t now_ms);

/* True between timer_pause() and timer_resume(); false once done. */
bool timer_paused(const struct timer *t);

/* True once the walk has reached DONE. */
bool timer_done(const struct timer *t);

/*
 * Milliseconds the current step has run by now_ms, paused time excluded
 * (an untimed step counts up too). Does not change t; with an earlier now_ms
 * than last seen, the time counted so far.
 */
int64_t timer_elapsed_ms(const struct timer *t, int64_t now_ms);

/*
 * Milliseconds left of the current step at now_ms: never negative, 0 for an
 * untimed step and for a timed step whose time is over but that
 * timer_advance() has not yet left. Does not change t.
 */
int64_t timer_remaining_ms(const struct timer *t, int64_t now_ms);

/* The planned total of all the timed steps, GET_READY included. */
int64_t timer_total_ms(const struct timer *t);

/*
 * A short English line for a step, e.g. "Get ready", "Set 2 of 3 - rep 4 of
 * 10 - hold", "Left side - set 1 of 3 - do 12 reps", "Rest before set 3",
 * "Rest as needed before set 3", "Switch to the right side", "Done".
 * Writes at most size bytes into buf (NUL-terminated, truncated to fit when
 * size > 0); returns buf.
 */
char *timer_describe_step(const struct timer_step *s, char *buf, size_t size);

/* timer_describe_step() of the current step. */
char *timer_describe(const struct timer *t, char *buf, size_t size);

#endif
