/*
 * prescription: the therapist's program, read from a libconfig file.
 *
 * The file is untrusted (SPEC section 7): it is read whole (at most
 * RX_MAX_BYTES), pre-scanned for what libconfig 1.5 would get wrong (invalid
 * UTF-8, a BOM, NUL bytes, @include, integers that would wrap, unterminated
 * comments and strings), parsed, and then validated in a separate pass that
 * reports every problem as "FILE:LINE: message". The result is plain structs
 * whose strings are owned by the struct rx.
 */
#ifndef HEP_PRESCRIPTION_H
#define HEP_PRESCRIPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/calendar.h"

#define RX_MAX_BYTES     (1024 * 1024)
#define RX_ID_MAX        32
#define RX_NAME_COLUMNS  64
#define RX_ALL_DAYS      0x7F
#define RX_MAX_DEPTH     16 /* nesting of ( [ { */
#define RX_MAX_EXERCISES 200

enum rx_side { RX_SIDE_NONE, RX_SIDE_LEFT, RX_SIDE_RIGHT, RX_SIDE_BOTH };

struct rx_exercise {
	char id[RX_ID_MAX + 1];
	char *name; /* UTF-8, at most RX_NAME_COLUMNS wide */
	int sets;   /* 1..999, default 1 */
	int reps;   /* 1..999, 0 when absent */
	int hold;   /* seconds, 1..999, 0 when absent */
	int rest;   /* seconds, 1..999, 0 when absent */
	enum rx_side side;
	int per_day;   /* sessions a day, 1..6 */
	uint8_t days;  /* bit (1 << cal_weekday): scheduled that weekday */
	int per_week;  /* 1..7 for flexible days, 0 for fixed days */
	cal_day from;  /* first day, or CAL_NONE */
	cal_day until; /* last day, or CAL_NONE */
	char *notes;   /* instructions, or NULL */
};

struct rx_program {
	char *title;
	char *patient;   /* or NULL */
	char *therapist; /* or NULL */
	cal_day start;   /* or CAL_NONE */
	int day_starts;  /* minutes after midnight the day rolls over */
	enum cal_weekday week_starts;
	cal_day *visits; /* ascending */
	size_t n_visits;
};

struct rx {
	char *path; /* as given to rx_load() */
	struct rx_program program;
	struct rx_exercise *ex;
	size_t n_ex;
};

/* The exercises of a prescription in force from a day on (SPEC section 3). */
struct rx_snapshot {
	cal_day from;
	struct rx_exercise *ex;
	size_t n;
	cal_day stored; /* the logical day it was stored, or CAL_NONE */
};

/* A list of "FILE:LINE: message" lines. */
struct rx_errors {
	char **msgs;
	int *line; /* the line of each message, 0 for the whole file */
	size_t n;
};

/*
 * Loads and validates the prescription at path. On success returns 0 and
 * sets *out (free with rx_free). On failure returns -1, leaves *out NULL and
 * appends every problem found to errs (free with rx_errors_free).
 */
int rx_load(const char *path, struct rx **out, struct rx_errors *errs);

/* As rx_load() for a buffer; name is used in messages and as rx->path. */
int rx_load_buffer(const char *name, const char *buf, size_t len,
                   struct rx **out, struct rx_errors *errs);

void rx_free(struct rx *rx);
void rx_errors_free(struct rx_errors *errs);

/* True if id is a well-formed exercise id: 1 to 32 of a-z, 0-9 and '-'. */
bool rx_valid_id(const char *id);

/* Finds an exercise by id in an array; NULL if absent. */
const struct rx_exercise *rx_find(const struct rx_exercise *ex, size_t n,
                                  const char *id);

/* True if two exercises prescribe exactly the same thing. */
bool rx_exercise_equal(const struct rx_exercise *a,
                       const struct rx_exercise *b);

/* Frees the strings an exercise owns. */
void rx_exercise_clear(struct rx_exercise *e);

/* Frees the exercises a snapshot owns. */
void rx_snapshot_clear(struct rx_snapshot *s);

/* Frees an array of snapshots and everything they own. */
void rx_snapshots_free(struct rx_snapshot *s, size_t n);

/*
 * The dose in words, as a patient reads it: "3 × 10, hold 5 s, right side".
 * With ascii, "x" stands for "×". Writes at most size bytes into buf.
 */
char *rx_dose(const struct rx_exercise *e, bool ascii, char *buf, size_t size);

/* The kinds of value an exercise field holds (struct rx_field). */
enum rx_type {
	RX_TEXT, /* char *, NULL when absent */
	RX_INT,  /* int, 0 when absent */
	RX_SIDE, /* enum rx_side */
	RX_DAYS, /* uint8_t, a bit per weekday */
	RX_DATE  /* cal_day, CAL_NONE when absent */
};

/*
 * The fields of an exercise but its id (the key), each named once, in
 * the order the diff and a JSON back-up give them. Reading the file,
 * equality, the diff, the store's snapshots and the JSON back-up walk
 * this table; adding a key is a row here (and a column in a migration of
 * the store, and its own checks if it needs more than a range).
 */
struct rx_field {
	const char *name;   /* the key in the file and a back-up, the diff's */
	const char *column; /* its column in the store's snapshots */
	enum rx_type type;
	int min, max;   /* RX_INT: the range */
	int def;        /* RX_INT: the value when the file leaves it out */
	bool needed;    /* a JSON back-up must hold it */
	bool multiline; /* RX_TEXT: may hold line breaks */
	size_t offset;  /* where it is in struct rx_exercise */
};

#define RX_FIELDS 12
extern const struct rx_field rx_fields[RX_FIELDS];

/* The value of an RX_INT, RX_SIDE, RX_DAYS or RX_DATE field of e (as an
 * int), and of an RX_TEXT one; the setters store into e. */
int rx_field_int(const struct rx_exercise *e, const struct rx_field *f);
const char *rx_field_text(const struct rx_exercise *e,
                          const struct rx_field *f);
void rx_field_set_int(struct rx_exercise *e, const struct rx_field *f, int v);
/* Takes a copy of v (NULL: absent). */
void rx_field_set_text(struct rx_exercise *e, const struct rx_field *f,
                       const char *v);

/* Parses "left", "right" or "both"; false for anything else. */
bool rx_side_parse(const char *s, enum rx_side *out);

/* One field that differs between two versions of an exercise. */
struct rx_change {
	const char *field; /* "sets", "per_day", "days", ... */
	char before[80];   /* the value as text; "" when absent */
	char after[80];
};

/*
 * The fields of b that differ from a (same id), in a fixed order; returns
 * how many were written to out (at most RX_FIELDS).
 */
size_t rx_diff(const struct rx_exercise *a, const struct rx_exercise *b,
               struct rx_change out[RX_FIELDS]);

/* "left", "right", "both", or NULL for RX_SIDE_NONE. */
const char *rx_side_name(enum rx_side side);

#endif
