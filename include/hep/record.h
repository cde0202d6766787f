/*
 * record: the writes a patient makes (a session, an undo, a skip), each one
 * BEGIN IMMEDIATE ... COMMIT with its rule checked inside the transaction,
 * so two windows and a cron job cannot both record the last session.
 *
 * Each returns REC_OK when committed, REC_REFUSED when a rule says no
 * (nothing written), REC_FAILED when the data file failed (the write is then
 * unknown: re-read before showing anything). msg receives a one-line
 * message for the user either way.
 */
#ifndef HEP_RECORD_H
#define HEP_RECORD_H

#include <stddef.h>

#include "hep/context.h"

enum record_result { REC_OK, REC_REFUSED, REC_FAILED };

/* Records the next session of id on day; pain 0..10 or -1; note or NULL. */
enum record_result record_done(struct hep_ctx *ctx, const char *id, cal_day day,
                               int pain, const char *note, char *msg,
                               size_t msglen);

/* Takes back the last session or skip of id on day. */
enum record_result record_undo(struct hep_ctx *ctx, const char *id, cal_day day,
                               char *msg, size_t msglen);

/*
 * Sets the pain (0..10) or, with pain -1, the note of the last session of
 * id on day.
 */
enum record_result record_annotate(struct hep_ctx *ctx, const char *id,
                                   cal_day day, int pain, const char *note,
                                   char *msg, size_t msglen);

/* Records why id was not (fully) done on day. */
enum record_result record_skip(struct hep_ctx *ctx, const char *id, cal_day day,
                               enum skip_reason reason, const char *note,
                               char *msg, size_t msglen);

/*
 * The exercise id names on day: the one in the snapshot in force then, else
 * the newest one holding id; NULL if no prescription ever held it.
 */
const struct rx_exercise *record_find(const struct hep_ctx *ctx, const char *id,
                                      cal_day day);

#endif
