/*
 * backup_impl: what the back-up's files share (backup.c: export;
 * backup_read.c: reading a file in; backup_merge.c: merging it into the
 * record) and no one else sees.
 */
#ifndef HEP_BACKUP_IMPL_H
#define HEP_BACKUP_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/backup.h"
#include "hep/json.h"
#include "hep/text.h"
#include "hep/util.h"

/*
 * An import reads the file once, front to back, checking every row and
 * (with stage) writing each good one to the store's staging table; the
 * file is mapped, and what has been read is given back to the system as
 * it goes, so that memory stays flat whatever the file's length.
 */
struct import {
	const char *path;
	struct hep_ctx *ctx;
	struct rx_errors *errs;
	bool stage;      /* write rows to the staging table */
	bool failed;     /* the store failed while staging */
	const char *buf; /* the file (mapped when map_len > 0) */
	size_t map_len, released;
	char *read; /* buf when read whole instead (standard input) */
	struct rx_snapshot *snaps; /* from a JSON back-up */
	size_t n_snaps;
	int *snap_lines;
	struct rx_outcome_plan *plans; /* from a JSON back-up */
	size_t n_plans;
	bool entries; /* a JSON back-up with its diary: sessions are ignored */
	bool fresh;   /* into a file with nothing recorded */
	bool direct;  /* fresh, and the entries carry their identities: each
	                 is appended at once, no staging */
	int identities;    /* the entries carry id and stamp: 1; they do not (a
	                      legacy back-up): 0; none read yet: -1 */
	bool entries_only; /* keep this file's versions (SPEC 6.2) */
	bool csv;          /* the file is a CSV */
	/* The state row read last, to number a day's sessions as they come. */
	cal_day row_day;
	char row_exercise[RX_ID_MAX + 1];
	int row_sessions;
	int64_t seq; /* the last entry before the import */
	size_t added, kept;
	cal_day lo, hi; /* the days the import writes to */
};

#define MAX_REPORTED 50

/* Text of the file quoted in a problem: its control characters escaped,
 * cut to 40 bytes on a whole character (SPEC section 6.2). */
#define QUOTE(s) TEXT_QUOTE((s), 40)

/* Adds a problem of the file at line (0: of the file as a whole) to the
 * import's errors, as "FILE:LINE: message" (the file's name escaped). */
void import_problem(struct import *im, int line, const char *fmt, ...)
    HEP_PRINTF(3, 4);

/* A string value's text, or NULL. */
const char *import_json_text(const struct json_value *v);

/* An entry of a back-up with identities into a fresh file, appended at
 * once unless the file listed it before. -1 with a problem on failure. */
int import_append(struct import *im, const struct diary_entry *e, int line);

/* Merges what was staged (the entries by identity, then, unless
 * entries_only, the versions of the prescription), in the caller's
 * transaction; and the measures' versions. -1 with a problem (or the
 * store's error) on failure. */
int import_write_rows(struct import *im, size_t *added, size_t *kept,
                      size_t *snaps_added);
int import_write_plans(struct import *im);

#endif
