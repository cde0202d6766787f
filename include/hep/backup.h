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
 * and of the "entries" of a JSON back-up: {"seq", "made_at", "kind",
 * "exercise", "day", "session", "late", "pain", "pain_before", "note",
 * "reason", "value", "replaces"}, null where a key does not apply.
 */
void backup_write_entry(FILE *f, const struct diary_entry *e);

/*
 * Reads path (CSV or JSON, told by its first character) into the record.
 * Returns 0 with a summary in msg, or -1 with every problem appended to
 * errs ("FILE:LINE: message") and nothing written.
 */
int backup_import(struct hep_ctx *ctx, const char *path, struct rx_errors *errs,
                  char *msg, size_t msglen);

/*
 * Checks the rows of a back-up held in buf (as import would, with today as
 * the last day allowed) without touching any data file: 0, or -1 with the
 * problems in errs. For tests and fuzzing.
 */
int backup_check_buffer(const char *name, const char *buf, size_t len,
                        cal_day today, struct rx_errors *errs);

#endif
