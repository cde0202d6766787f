/*
 * steps: earned steps (SPEC 2.2). Which step of an exercise is in force on
 * a day, from the standing advance entries and the therapist's lever; and
 * whether the next step (or, by back_off, the previous) is ready, from the
 * standing sessions since the step in force began.
 *
 * Pure: no SQL, no clock, no curses. The caller hands in what it read;
 * readiness needs only the sessions since the step in force began (a
 * query bounded by that day), never the whole history.
 */
#ifndef HEP_STEPS_H
#define HEP_STEPS_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/calendar.h"
#include "hep/prescription.h"
#include "hep/store.h"

/* A standing advance entry of an exercise: the step it brings in force
 * (0 to the exercise's steps; a back-off's is the lower one) from its
 * effective day on. */
struct step_advance {
	cal_day effective;
	int step;
};

/*
 * The step of e (as a snapshot holds it) in force on day: that of the
 * latest of the n advances effective on or before day (by effective day;
 * of two on one day, the later in a), else 0. The lever (e's `step = N`,
 * lever >= 0, in force from lever_from, the day its version took effect)
 * sets the step whatever was earned before: only advances effective after
 * lever_from count on from it. The step is clamped to e's steps (SPEC 2.2
 * point 6). *since gets the day the step in force began (an advance's
 * effective day, lever_from), or CAL_NONE for step 0 without either (the
 * exercise's from, else program start, is the caller's). An exercise
 * whose steps are dated (or that has none) is at step 0: rx_on() says its
 * version, and advances are ignored.
 */
int steps_in_force(const struct rx_exercise *e, const struct step_advance *a,
                   size_t n, int lever, cal_day lever_from, cal_day day,
                   cal_day *since);

/* A standing session as readiness counts it: its day and number, its
 * pains and effort (each 0..10, or -1 when not recorded). */
struct step_session {
	cal_day day;
	int n;
	int pain, pain_before, effort;
};

/* What steps_readiness finds. */
struct step_readiness {
	int step;      /* the step that is ready, or -1 when none is */
	bool back;     /* it is the previous step (back_off) */
	cal_day since; /* the first day of the current unbroken run of
	                  readiness; CAL_NONE when none is ready */
	/* Ready: what earned it ("6 sessions with pain ≤ 2", "2 sessions
	 * with pain above 5"). Not ready: why not ("4 of 6 sessions so far;
	 * 1 had pain 3, above 2"); "" at the last step. */
	char why[200];
};

/*
 * Whether the step after current (or, by e's back_off, the one before) is
 * ready on day today (SPEC 2.2 points 5 and 4): s holds the n standing
 * sessions of e since the step in force began (late ones too), in any
 * order, none after today; they are taken by day then number, at most
 * the day's per_day (of the version in force) a day. With pain_at_most or
 * effort_at_most the latest `sessions` rated ones count (an unrated one is
 * passed over), each with its pain after (and before, when recorded) at
 * most the one and its effort at most the other; not_before must have
 * come. back_off: the latest K sessions with a pain recorded each have
 * one (after or before) above pain_above; it wins over a step forward.
 * With ascii, "<=" for "≤" in why.
 */
void steps_readiness(const struct rx_exercise *e, int current,
                     const struct step_session *s, size_t n, cal_day today,
                     bool ascii, struct step_readiness *out);

/*
 * Whether the n sessions s (the latest days of those since the step in
 * force began: a window, older ones left out) are enough for
 * steps_readiness to answer on every day up to upto exactly as it would
 * with them all: on or before upto they hold at least the latest
 * `sessions` rated for the next step's criteria and the latest
 * back_off.sessions with a pain, which is all readiness reads (a day's
 * answer reads no session older than those). The caller asks it of the
 * day before "ready since" (or of today when nothing is ready), and
 * widens the window when it says no, so that readiness never reads the
 * whole history (SPEC 2.2).
 */
bool steps_window_enough(const struct rx_exercise *e, int current,
                         const struct step_session *s, size_t n, cal_day upto);

/*
 * The effort of standing session s as readiness reads it (0..10, as last
 * corrected), or -1 when none is recorded (unrated for effort_at_most).
 * The one place the record's effort reaches readiness.
 */
int steps_session_effort(const struct session *s);

#endif
