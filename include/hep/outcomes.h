/*
 * outcomes: the measures and the PSFS of SPEC section 8, as the diary
 * holds them. Pure: no SQL, no curses, no clock.
 */
#ifndef HEP_OUTCOMES_H
#define HEP_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>

#include "hep/prescription.h"

/* One PSFS check-in: each activity (as the prescription named it that
 * day) with its rating, 0 (unable) to 10 (as before the problem). */
struct psfs_checkin {
	size_t n;
	int rating[RX_MAX_PSFS];
	char *activity[RX_MAX_PSFS]; /* owned */
};

/*
 * The items text a PSFS entry keeps (struct diary_entry.items): a line
 * "RATING ACTIVITY" per activity, in order. Activities hold no control
 * characters (the prescription's rule), so a line break never appears in
 * one. Returns an allocated string.
 */
char *psfs_items_format(const int *rating, char *const *activity, size_t n);

/* Reads items back into *out (free with psfs_checkin_free); false, with
 * *out empty, if it is not 1 to RX_MAX_PSFS lines of a rating 0..10, a
 * space and a non-empty activity. */
bool psfs_items_parse(const char *items, struct psfs_checkin *out);
void psfs_checkin_free(struct psfs_checkin *c);

/* The PSFS score of a check-in: the mean of its ratings. */
double psfs_score(const struct psfs_checkin *c);

#endif
