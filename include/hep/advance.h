/*
 * advance: taking an earned step (SPEC 2.2, settled points 2, 3, 4 and
 * 10). `hep advance ID [--back]` and the screen's `a` accept the step that
 * is ready (or step back, always allowed); an exercise whose advance is
 * "auto" takes its ready step itself after a write for today. Each is an
 * advance entry in the diary (record_advance), effective today when the
 * exercise has nothing standing today, else tomorrow.
 *
 * No SQL, no clock, no curses: it reads the context and writes through
 * record.c.
 */
#ifndef HEP_ADVANCE_H
#define HEP_ADVANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/context.h"
#include "hep/record.h"

/*
 * Takes the next step of exercise id today (back: the previous one), as
 * `hep advance` does, and re-reads the history. REC_OK with msg "Heel
 * drop: from tomorrow, +5 kg backpack (step 1 of 2)"; REC_REFUSED with
 * why not in msg: an unknown id, a program that has ended, an exercise
 * not on today's list or without earned steps, at its last step (or, back,
 * at its first dose), "therapist" mode (forward), or not ready ("4 of 6
 * sessions so far; ..."); REC_FAILED when the data file failed.
 */
enum record_result advance_take(struct hep_ctx *ctx, const char *id, bool back,
                                char *msg, size_t msglen);

/*
 * The "auto" steps (SPEC 2.2 point 3): for every exercise of today's list
 * in file order whose advance is "auto" and whose next step (or step back)
 * is ready, and not held back by an undo of its last auto step with no
 * session since, records the advance entry and re-reads the history. said
 * gets one line per step taken ("From tomorrow: +5 kg backpack (step 1 of
 * 2), earned by 6 sessions with pain ≤ 2"), joined by new lines ("" when
 * none). Only after a write for today, or when the screen opens. Returns
 * 0, or -1 with a message in err when the data file failed.
 */
int advance_auto(struct hep_ctx *ctx, char *said, size_t size, char *err,
                 size_t errlen);

#endif
