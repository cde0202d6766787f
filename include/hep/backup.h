/*
 * backup: the whole record out and back in (SPEC section 4, "Back-up").
 *
 * CSV: the state, the header day,exercise,logged_at,pain,note,skip and one
 * row per standing session or skip, RFC 4180 quoting. JSON: {"entries":
 * [...], "sessions": [...], "prescriptions": [{"from", "exercises"}]}, a
 * complete back-up: the diary, the state it leaves and the snapshots.
 * Import checks each row's form (not the current prescription), appends
 * the entries not already stored (a JSON back-up's diary when it has one,
 * else the state rows as sessions and skips), and is one transaction: one
 * malformed row rejects the whole file with "FILE:LINE: message".
 */
#ifndef HEP_BACKUP_H
#define HEP_BACKUP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hep/context.h"

/* The largest file import reads. */
#define BACKUP_MAX_BYTES (256L * 1024 * 1024)

/* Writes the record to f as CSV or JSON. Returns 0, or -1 with msg if
 * the data file failed; whether f took it all is the caller's to check
 * (cli_finish). */
int backup_export(struct hep_ctx *ctx, FILE *f, bool json, char *msg,
                  size_t msglen);

/*
 * Writes one diary entry as a JSON object, the shape of `hep log --json`
 * and of the "entries" of a JSON back-up: {"seq", "id", "stamp", "target",
 * "by", "status", "made_at", "kind", "exercise", "day", "session", "late",
 * "pain", "pain_before", "note", "reason", "value", "replaces"}, null where
 * a key does not apply; seq as given (the log's own number, or a back-up's
 * place in the record's order).
 */
void backup_write_entry(FILE *f, const struct diary_entry *e, int64_t seq);

/*
 * Reads path (CSV or JSON, told by its first character) into the record,
 * merging its entries by identity (SPEC section 6.2): an entry already
 * stored is not added again, and one whose target neither the record nor
 * the file holds refuses the file. Its versions of the prescription are
 * stored unless they would judge a recorded day differently (then the
 * file is refused, naming the days), and with entries_only they and the
 * measures' versions are left out. Returns 0 with a summary in msg (*csv:
 * the file was a CSV, which carries the state only), or -1 with every
 * problem appended to errs ("FILE:LINE: message") and nothing written.
 */
int backup_import(struct hep_ctx *ctx, const char *path, bool entries_only,
                  struct rx_errors *errs, char *msg, size_t msglen, bool *csv);

/*
 * Checks the rows of a back-up held in buf (as import would, with today as
 * the last day allowed) without touching any data file: 0, or -1 with the
 * problems in errs. For tests and fuzzing.
 */
int backup_check_buffer(const char *name, const char *buf, size_t len,
                        cal_day today, struct rx_errors *errs);

#endif
