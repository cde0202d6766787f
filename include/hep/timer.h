/*
 * timer: the guided timer's model, a walk through one exercise's dose.
 *
 * The walk is a fixed list of steps built from the dose by timer_new():
 *
 *   GET_READY (untimed: the patient gets into position and starts it),
 *   then for each side (left then right for RX_SIDE_BOTH, one pass
 *   otherwise), for each set 1..sets, the set's work:
 *     - with a duration: one DURATION step (a bout) of `duration` seconds;
 *       reps, hold, tempo and pause do not apply;
 *     - else, when a rep has something to count (a hold, a tempo, or a
 *       pause between reps): rep by rep, each rep the tempo's phases
 *       DOWN, BOTTOM and UP (a phase of 0 s has no step) and then a HOLD
 *       when the dose holds; a rep with none of these is one untimed REP
 *       step. A PAUSE step of `pause` seconds comes between two reps
 *       (never after a set's last rep);
 *     - else one untimed REPS step for the whole set ("do 12 reps"), which
 *       the patient ends with timer_next();
 *     - between sets (never after a side's last set): a REST step of `rest`
 *       seconds, or an untimed "rest as needed" step when rest is 0;
 *   between the two sides an untimed SWITCH step; last, DONE.
 *
 * RX_SIDE_ALTERNATE: left and right take turns rep by rep within each set,
 * left first, `reps` on each side (a set is 2 x reps reps, rep 1 left, rep
 * 1 right, rep 2 left, ...); each rep's steps name its side and its number
 * on that side. When a set is one REPS (or DURATION) step, the step's side
 * is RX_SIDE_ALTERNATE: the patient takes the turns.
 *
 * Holds are never run back to back: when a rep holds and the dose gives
 * no pause, a PAUSE step as long as the hold (a relax gap, `relax` set)
 * comes between two reps, as a pause would; not for RX_SIDE_ALTERNATE,
 * whose sides relax in turn.
 *
 * Ranges ("10-15 reps, as tolerated", "hold 20-30 s"): counts (sets,
 * reps), rests and pauses count the lower bound, so that the timer never
 * asks for more of them than the least prescribed; the patient may go on
 * (an untimed step waits for timer_next()). A hold or a duration is an
 * effort "up to the top if you can": it counts to its upper bound, its
 * lower bound a mark where the patient may stop (least_ms, and
 * timer_next_end()). The bounds ride along on each step (reps_hi,
 * least_ms, upto_ms) for the text: "hold 20-30 s", "do 10-15 reps".
 *
 * Time is an input: every function that needs the time takes now_ms, the
 * milliseconds of a monotonic clock read by the caller. The model never reads
 * a clock, never sleeps and never allocates after timer_new(): steps are
 * computed from the dose on demand, so a walk of millions of steps takes
 * no more memory than one of three. Only time while running counts: paused
 * time does not, and a clock that goes backwards counts as no time passing
 * (time counts again from the smaller value on). When a timed step's time
 * is over, the overshoot carries into the next step, so a late caller does
 * not drift from the plan.
 */
#ifndef HEP_TIMER_H
#define HEP_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/prescription.h"

/* The largest sets or reps a dose can have; larger counts are clamped. */
#define TIMER_MAX 999

/* The longest time (seconds) a hold, rest, pause or duration can have. */
#define TIMER_MAX_TIME 14400

enum timer_kind {
	TIMER_GET_READY, /* untimed: get into position, then start */
	TIMER_DOWN,      /* timed: the tempo's lowering */
	TIMER_BOTTOM,    /* timed: the tempo's pause at the bottom */
	TIMER_UP,        /* timed: the tempo's raising */
	TIMER_HOLD,      /* timed, the dose's hold */
	TIMER_REP,       /* untimed: one rep with nothing timed in it */
	TIMER_PAUSE,     /* timed: a pause (or relax) between two reps */
	TIMER_REPS,      /* untimed: a whole set, rep by rep uncounted */
	TIMER_DURATION,  /* timed, the dose's duration: one bout */
	TIMER_REST,      /* the dose's rest, or untimed "as needed" */
	TIMER_SWITCH,    /* untimed: change to the other side */
	TIMER_DONE       /* the end; untimed, nothing follows */
};

struct timer_step {
	enum timer_kind kind;
	/* RX_SIDE_LEFT or RX_SIDE_RIGHT when the step is done on one side
	 * (also each rep of RX_SIDE_ALTERNATE); RX_SIDE_ALTERNATE on a REPS
	 * or DURATION step of an alternating dose; else RX_SIDE_NONE; never
	 * RX_SIDE_BOTH. GET_READY has the side of the first work step, a
	 * PAUSE the side of the rep that follows it, SWITCH the side switched
	 * to, DONE none. */
	enum rx_side side;
	/* The set this step belongs to, 1..sets; for GET_READY, REST and
	 * SWITCH the set that comes next; 0 for DONE. */
	int set;
	int sets; /* the dose's sets (lower bound), on every step */
	/* The rep of a DOWN, BOTTOM, UP, HOLD or REP step, 1..reps (its
	 * number on its side for RX_SIDE_ALTERNATE); for a PAUSE the rep that
	 * follows it; 0 on every other step and when the dose counts no
	 * reps. */
	int rep;
	int reps;            /* the dose's reps (lower bound, 0 when absent) */
	int64_t duration_ms; /* 0 for an untimed step */
	int reps_hi;         /* the reps' upper bound (== reps for one value) */
	/* The bounds of a timed step's time when the dose gives a range, for
	 * the text ("hold 20-30 s", "pause 5-10 s"); else both duration_ms.
	 * A HOLD or DURATION counts to its top (duration_ms == upto_ms) and
	 * least_ms is its "stop here if you must" mark; a PAUSE or REST
	 * counts its bottom (duration_ms == least_ms). */
	int64_t least_ms, upto_ms;
	/* A PAUSE the walk adds between two holds ("relax before rep 2"):
	 * as long as the hold, where the dose gives no pause. */
	bool relax;
	bool bouts;        /* the dose is a duration: its sets are bouts */
	bool first_of_two; /* GET_READY: its side is the first of two */
};

struct timer;

/*
 * A new walk through the dose of e, starting now_ms at GET_READY, running.
 * e is copied (the timer keeps no pointer to it). A dose out of the
 * prescription's ranges is clamped: sets to 1..TIMER_MAX, reps to
 * 0..TIMER_MAX, hold, rest, pause and duration to 0..TIMER_MAX_TIME; a
 * tempo rx_tempo_parse() refuses counts as none, and an unknown side as
 * RX_SIDE_NONE. Never returns NULL; free with timer_free().
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
 * The patient moves on at now_ms: ends an untimed step (GET_READY
 * included) or cuts a timed one short. The next step starts whole at
 * now_ms; a step whose time ran out but was not yet left by timer_advance()
 * is the one ended. The paused state is kept. Returns false (and does
 * nothing else) once done.
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

/* The planned total of all the timed steps (untimed steps count 0). */
int64_t timer_total_ms(const struct timer *t);

/*
 * The whole session's time left at now_ms: timer_remaining_ms() of the
 * current step plus every timed step after it (untimed steps count 0, so
 * it stands still while one waits for the patient). timer_total_ms() at
 * the start, 0 once done. Does not change t.
 */
int64_t timer_left_ms(const struct timer *t, int64_t now_ms);

/* What timer_next() on the current step would mean for the record. */
enum timer_end {
	/* It moves on as planned: not the last step before DONE, an untimed
	 * one (the patient ends it), or a timed one run to its least
	 * (least_ms: a range's bottom, else its whole time). */
	TIMER_END_ON,
	/* It cuts the last timed step short with at least half the session
	 * behind: whether the session was done is the patient's to say. */
	TIMER_END_ASK,
	/* It cuts the last timed step short before half the session: it
	 * would not be a session done. */
	TIMER_END_EARLY
};

/*
 * What timer_next() at now_ms would end (see enum timer_end). The session
 * behind is timer_total_ms() less timer_left_ms(): steps left behind count
 * whole, however they were left. Does not change t.
 */
enum timer_end timer_next_end(const struct timer *t, int64_t now_ms);

/*
 * The pain the patient gave before the walk, 0..10, or -1 (the start):
 * kept here for the session recorded at the end. A value out of 0..10
 * sets -1.
 */
void timer_set_pain_before(struct timer *t, int pain);
int timer_pain_before(const struct timer *t);

/*
 * A short English line for a step, e.g. "Get into position - left side
 * first", "Set 2 of 3 - rep 4 of 10 - hold", "Set 1 of 3 - rep 2 of 15 -
 * down", "Set 1 of 1 - pause before rep 3", "Set 1 of 3 - relax before
 * rep 2", "Left side - set 1 of 3 - do 12 reps", "Bout 1 of 3 - keep going
 * for 20-30 min", "Rest before set 3", "Rest as needed before set 3",
 * "Switch to the right side", "Done".
 * A range is given with its bounds ("hold 20-30 s", "do 10-15 reps").
 * Unless ascii the parts are joined by " – " and a range's dash is "–"
 * ("hold 20–30 s"), as the rest of the screen writes them (the caller
 * says which: the screen's locale, text_locale_ascii).
 * Writes at most size bytes into buf (NUL-terminated, truncated to fit when
 * size > 0); returns buf.
 */
char *timer_describe_step(const struct timer_step *s, bool ascii, char *buf,
                          size_t size);

/* timer_describe_step() of the current step. */
char *timer_describe(const struct timer *t, bool ascii, char *buf, size_t size);

#endif
