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
#include <stdio.h>

#include "hep/calendar.h"

#define RX_MAX_BYTES     (1024 * 1024)
#define RX_ID_MAX        32
#define RX_NAME_COLUMNS  64
#define RX_ALL_DAYS      0x7F
#define RX_MAX_DEPTH     16 /* nesting of ( [ { */
#define RX_MAX_EXERCISES 200

enum rx_side {
	RX_SIDE_NONE,
	RX_SIDE_LEFT,
	RX_SIDE_RIGHT,
	RX_SIDE_BOTH,     /* each side in turn */
	RX_SIDE_ALTERNATE /* left and right take turns, rep by rep */
};

#define RX_MAX_STEPS    20
#define RX_MAX_AT       24
#define RX_AT_COLUMNS   16
#define RX_LOAD_COLUMNS 40
#define RX_REL_MAX      520 /* "day N", "week N": N from 1 to this */
#define RX_LINK_MAX     512

/*
 * A count or a time (seconds) the file gives as one value or as a range
 * [MIN, MAX] ("10-15 reps, as tolerated"): lo == hi for one value, both 0
 * when absent.
 */
struct rx_range {
	int16_t lo, hi; /* at most 14400 (4 h in seconds): each reader checks */
};

/* Fixed days, per-week, as-needed: an id keeps its kind (SPEC 2.1). */
enum rx_kind { RX_KIND_FIXED, RX_KIND_PER_WEEK, RX_KIND_AS_NEEDED };

/*
 * How an earned step is taken once it is ready (SPEC 2.2): the patient
 * accepts it (ask), hep takes it (auto), or only the report tells the
 * therapist. RX_ADVANCE_NONE: not written (an exercise without earned
 * steps; the file's reader fills an earned exercise's from the program).
 */
enum rx_advance {
	RX_ADVANCE_NONE,
	RX_ADVANCE_ASK,
	RX_ADVANCE_AUTO,
	RX_ADVANCE_THERAPIST
};

#define RX_EARNED_SESSIONS 100 /* when.sessions, back_off.sessions: 1..this */

/*
 * An earned step's criteria (SPEC 2.2, `when`), all of which must hold
 * for the step to be ready. sessions is 0 for a dated step and for the
 * exercise's own version: that is how an earned step is told apart.
 */
struct rx_when {
	int sessions;           /* 1..RX_EARNED_SESSIONS, 0 when not earned */
	int pain_at_most;       /* 0..10, -1 when absent */
	int effort_at_most;     /* 0..10, -1 when absent */
	cal_day not_before;     /* never ready before it, or CAL_NONE */
	char *not_before_label; /* not_before as written ("week 6"), or NULL */
};

/*
 * One exercise as a snapshot holds it, normalised (SPEC 2.1): times in
 * seconds, relative dates resolved, defaults filled. An exercise with
 * steps holds each step as a whole version of itself (the exercise's
 * keys with the step's laid over them, carried from step to step); the
 * version in force on a day is rx_on()'s.
 */
struct rx_exercise {
	char id[RX_ID_MAX + 1];
	char *name;               /* UTF-8, at most RX_NAME_COLUMNS wide */
	struct rx_range sets;     /* 1..999, default 1 */
	struct rx_range reps;     /* 1..999 */
	struct rx_range hold;     /* seconds, 1..3600 */
	struct rx_range rest;     /* seconds between sets, 1..3600 */
	struct rx_range pause;    /* seconds between reps, 1..3600 */
	struct rx_range duration; /* seconds, 1..14400; excludes reps, hold */
	struct rx_range effort;   /* the target effort, Borg CR10 1..10 */
	char *load;               /* "+5 kg backpack", or NULL */
	char *tempo;              /* "3-0-1" (down, bottom, up), or NULL */
	enum rx_side side;
	int per_day;      /* sessions a day, 1..24: due (a range's MIN) */
	int per_day_max;  /* a range's MAX (per_day < it <= 24), else 0:
	                     sessions up to it are welcome, never due */
	char *at;         /* session labels joined by '\n', or NULL */
	uint8_t days;     /* bit (1 << cal_weekday): scheduled that weekday */
	int every;        /* 2..30: every N-th day from anchor; 0 when absent */
	cal_day anchor;   /* the day every counts from, or CAL_NONE */
	int per_week;     /* 1..7 for flexible days, 0 for fixed days */
	int per_week_max; /* a range's MAX (per_week < it <= 7), else 0 */
	int as_needed;    /* 1: never due (SPEC 2.1) */
	cal_day from;     /* first day, or CAL_NONE */
	cal_day until;    /* last day, or CAL_NONE */
	int pain_limit;   /* 0..10, or -1 when absent */
	char *link;       /* an https:// address, or NULL */
	char *notes;      /* instructions, or NULL */

	/* Steps: the exercise's own version holds them (each a whole
	 * version with no steps of its own). */
	struct rx_exercise *steps;
	size_t n_steps;
	int step;          /* this version: 0 the exercise's own, k step k */
	int step_count;    /* the steps of the exercise, in every version */
	cal_day step_from; /* step k's first day; CAL_NONE for version 0 */
	char *step_label;  /* its from as written ("week 7"), for display */

	/* Earned steps (SPEC 2.2). A step's own: */
	struct rx_when when; /* its criteria; sessions 0 unless earned */
	/* The exercise's own version's (copied into its steps): */
	enum rx_advance advance; /* RX_ADVANCE_NONE without earned steps */
	int back_off_pain;       /* back_off.pain_above 0..9, -1 absent */
	int back_off_sessions;   /* back_off.sessions, 0 when absent */
	int step_set; /* the therapist's lever `step = N` (0..n_steps) in
	                 force from this version's day, -1 when absent */
};

/* Outcome measures and the PSFS (SPEC section 8). */
#define RX_MAX_MEASURES 20
#define RX_MAX_PSFS     5
#define RX_UNIT_COLUMNS 12
#define RX_NO_VALUE     INT32_MIN  /* a value (tenths) that is absent */
#define RX_TENTHS_MAX   1000000000 /* |tenths| a value may take */

/* How often a measure is due (SPEC 8.1): each logical day, each
 * calendar week (by week_starts), or on each day of program.visits. */
enum rx_every { RX_EVERY_DAY, RX_EVERY_WEEK, RX_EVERY_VISIT };

/*
 * A measure the therapist asks for ("Knee bend", in degrees, weekly).
 * Values are whole tenths, as written with at most one decimal place
 * (92.5 is 925); min < max, and goal, when given, within [min, max].
 */
struct rx_measure {
	char id[RX_ID_MAX + 1]; /* the rules of an exercise id; no exercise
	                           and no other measure has it */
	char *name;             /* UTF-8, 1 to RX_NAME_COLUMNS wide */
	char *unit;             /* at most RX_UNIT_COLUMNS wide, may be "" */
	int32_t min, max;       /* tenths */
	enum rx_every every;
	int32_t goal;      /* tenths, or RX_NO_VALUE */
	bool lower_better; /* better = "lower"; the default is higher */
};

struct rx_program {
	char *title;
	char *patient;   /* or NULL */
	char *therapist; /* or NULL */
	cal_day start;   /* or CAL_NONE */
	cal_day end;     /* its last day (SPEC 2.2), or CAL_NONE: never ends */
	int day_starts;  /* minutes after midnight the day rolls over */
	enum cal_weekday week_starts;
	cal_day *visits; /* ascending */
	size_t n_visits;
	int pain_limit;          /* 0..10, or -1 when absent */
	char *pain_advice;       /* or NULL: RX_PAIN_ADVICE */
	enum rx_advance advance; /* program.advance; RX_ADVANCE_NONE absent
	                            (an earned exercise's default: ask) */
	/* In file order; owned, freed by rx_free(). None when absent. */
	struct rx_measure *measures; /* at most RX_MAX_MEASURES */
	size_t n_measures;
	char **psfs; /* the PSFS activities, 1 to RX_MAX_PSFS, or none:
	                each 1 to RX_NAME_COLUMNS wide, no two alike */
	size_t n_psfs;
};

#define RX_PAIN_ADVICE "Stop this exercise for today and tell your therapist."

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
	cal_day end;    /* the program's last day as this version gives it
	                   (SPEC 2.2), or CAL_NONE: it never ends */
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

/* Sets every field of e to what leaving it out of the file means, and
 * its step's from and criteria, and its keys for earned steps, to none
 * (the readers of the file and of a back-up start each version so). */
void rx_set_defaults(struct rx_exercise *e);

/* Frees the strings an exercise owns. */
void rx_exercise_clear(struct rx_exercise *e);

/* Frees the exercises a snapshot owns. */
void rx_snapshot_clear(struct rx_snapshot *s);

/* Frees an array of snapshots and everything they own. */
void rx_snapshots_free(struct rx_snapshot *s, size_t n);

/*
 * The version of e in force on day: the last step whose from is on or
 * before day, else e itself. Pass the exercise as a snapshot holds it.
 * Earned steps have no from: this gives e itself for them (the step in
 * force follows from the diary's advance entries, rx_step()).
 */
const struct rx_exercise *rx_on(const struct rx_exercise *e, cal_day day);

/* The sessions a day e welcomes beyond those due: a range's MAX - MIN
 * (per_day = [MIN, MAX], SPEC 2.2), else 0. Pass the version in force. */
int rx_per_day_welcome(const struct rx_exercise *e);
/* Whether e's steps are earned (`when`), not dated (`from`). */
bool rx_earned(const struct rx_exercise *e);

/* Version k of e: 0 the exercise's own, 1..n_steps its steps (clamped
 * to the last step). Pass the exercise as a snapshot holds it. */
const struct rx_exercise *rx_step(const struct rx_exercise *e, int k);

/* "ask", "auto", "therapist" ("" for RX_ADVANCE_NONE). */
const char *rx_advance_name(enum rx_advance a);

/* Parses "ask", "auto" or "therapist"; false for anything else. */
bool rx_advance_parse(const char *s, enum rx_advance *out);

/* An earned step's criteria in words, as the diary's reason and the
 * screen say them: "6 sessions with pain ≤ 2, not before 2026-12-07"
 * (ascii: "<=" for "≤"). Writes at most size bytes; returns buf. */
char *rx_when_text(const struct rx_when *w, bool ascii, char *buf, size_t size);

/* How step version v begins, as `history` and its diff say it: its from
 * ("2026-11-16"), or what earns it ("6 sessions with pain ≤ 2"); "" for
 * the exercise's own version. Returns buf. */
char *rx_step_start(const struct rx_exercise *v, bool ascii, char *buf,
                    size_t size);

/* e's kind; the same in every version (steps never change it). */
enum rx_kind rx_kind(const struct rx_exercise *e);

/* "fixed-days", "per-week", "as-needed". */
const char *rx_kind_name(enum rx_kind k);

/* The pain limit in force for e: its own, else the program's; -1 none. */
int rx_pain_limit(const struct rx_exercise *e, const struct rx_program *p);

/* The program's advice for a pain above the limit (RX_PAIN_ADVICE if the
 * file gives none). */
const char *rx_pain_advice(const struct rx_program *p);

/* The k-th (0-based) session label of e's `at` into buf; false if none. */
bool rx_at_label(const struct rx_exercise *e, int k, char *buf, size_t size);

/*
 * Sessions at times of day (SPEC 2.2): an exercise is timed when the
 * labels of its `at` are times "HH:MM" (the file never mixes times and
 * other labels). Slot k's time is its label. Times are compared in the
 * logical day's order: minutes since day_starts.
 */
bool rx_timed(const struct rx_exercise *e);

/* Slot k's time of e (minutes since midnight) into *minutes; false if e
 * has no such slot or it is not a time. */
bool rx_slot_minutes(const struct rx_exercise *e, int k, int *minutes);

/* The untaken slot (bit k of taken: slot k taken) nearest to the clock's
 * minute now (minutes since midnight), ties to the earlier; -1 if every
 * slot is taken or e is not timed. */
int rx_slot_nearest(const struct rx_exercise *e, unsigned taken, int now,
                    int day_starts);

/* The current slot at minute now: the latest whose time has come (from
 * its time to the next slot's, the last to the day's end); -1 before the
 * first or when e is not timed. */
int rx_slot_current(const struct rx_exercise *e, int now, int day_starts);

/* The slot of e labelled label ("10:00"), or -1. */
int rx_slot_find(const struct rx_exercise *e, const char *label);

/*
 * Parses a time as SPEC 2.1 writes it: "45 s", "2 min", "1 min 30 s",
 * "1 h": parts N h, N min, N s in that order, each at most once, single
 * spaces, N >= 1. False for anything else (or above 1000 h: a key's
 * own bounds are checked by its reader).
 */
bool rx_time_parse(const char *s, int *seconds);

/* Seconds as "45 s", "2 min", "1 min 30 s", "1 h 30 min". */
char *rx_time_text(int seconds, char *buf, size_t size);

/* A count or a time range (seconds) as a patient reads it: "12",
 * "12–15", "45 s", "20–30 min" (one unit said once), "1 min 30 s–2 min";
 * with ascii, "-" for "–". */
char *rx_range_text(struct rx_range r, bool time, bool ascii, char *buf,
                    size_t size);

/* Whether v is a link hep gives and opens: an https:// address of at most
 * RX_LINK_MAX printable ASCII characters, no space, quote or backslash.
 * The file, a back-up and the screen all ask this. */
bool rx_link_valid(const char *v);

/* Parses a tempo "LOWER-PAUSE-RAISE", each 0..10, not all 0. */
bool rx_tempo_parse(const char *s, int phase[3]);

/*
 * The dose in words, as a patient reads it, in the order of SPEC 2.1:
 * "3 × 12–15, hold 5 s, pause 10 s, tempo 3-0-1, right side, +5 kg
 * backpack", or "20–30 min". With ascii, "x" and "-" stand for "×" and
 * "–". Writes at most size bytes into buf.
 */
char *rx_dose(const struct rx_exercise *e, bool ascii, char *buf, size_t size);

/* How often, in short words: "2/day", "on Mon Wed Fri, 1/day" (fixed
 * days), "any 4 days/week" (per-week), "every 2 days, 1/day", "as needed,
 * up to 24/day". */
char *rx_schedule(const struct rx_exercise *e, char *buf, size_t size);

/*
 * The kinds of value an exercise field holds (struct rx_field). Each type
 * is one row of operations in each layer that handles values, indexed by
 * the type and written once: the model's codecs (prescription.c: get, set,
 * present, default, equal, the diff's text, the JSON), the file's readers
 * (rx_file.c, libconfig), a back-up's readers (rx_json.c) and the store's
 * columns (store_rx.c, SQL). A field of an existing type is only a row of
 * rx_fields; a new type is a row in each of those four tables.
 */
enum rx_type {
	RX_TEXT,   /* char *, NULL when absent */
	RX_INT,    /* int; def when absent */
	RX_FLAG,   /* int 0 or 1 (true or false in the file) */
	RX_COUNT,  /* struct rx_range of whole numbers */
	RX_TIME,   /* struct rx_range of seconds, units in the file */
	RX_SIDE,   /* enum rx_side */
	RX_DAYS,   /* uint8_t, a bit per weekday */
	RX_DATE,   /* cal_day, CAL_NONE when absent; "day N"/"week N" too */
	RX_LABELS, /* char *, labels joined by '\n', NULL when absent */
	RX_TEMPO,  /* char *, "L-P-R" */
	RX_FREQ,   /* int (how often: due), then an int MAX right after it in
	              struct rx_exercise (0: one number); read as a count
	              range [MIN, MAX]; rx_field_int gives MIN */
	RX_TYPES   /* how many */
};

/*
 * The rules a field keeps beyond its type and range (struct rx_field's
 * rules), each said on the field's row rather than by its name.
 */
enum rx_rule {
	RX_RULE_LAST_DAY = 1 << 0, /* a last day: "week N" is its last day */
	RX_RULE_LINK = 1 << 1,     /* an address hep opens (rx_link_valid) */
	RX_RULE_SCHEDULE = 1 << 2, /* says which days it is due (days, every,
	                              per_week): an as-needed exercise has none,
	                              and a step giving one drops the others */
	RX_RULE_PER_WEEK = 1 << 3, /* makes an exercise per-week: a step gives
	                              it only to a per-week exercise, and the
	                              other schedule keys only to the others */
	RX_RULE_ANCHORED = 1 << 4, /* counts from the anchor: a step giving it
	                              anchors it at the step's from */
	RX_RULE_SESSIONS = 1 << 5, /* how many sessions: a step giving it
	                              alone drops the session labels */
	RX_RULE_NEVER_DUE = 1
	                    << 6, /* has no meaning as needed: an as-needed
	                            exercise gives none (today's JSON: null) */
	/* How today's change notice says a change of it (else "Name key
	 * was → now"): */
	RX_RULE_SAY_RENAME = 1 << 7, /* "was → now" (the name itself) */
	RX_RULE_SAY_NEW = 1 << 8,    /* "Name: new instructions" */
	RX_RULE_SAY_COUNT = 1 << 9   /* "Name was → now key" (3 → 4 sets) */
};

/*
 * The fields of an exercise but its id (the key), each named once, in
 * the order the diff and a JSON back-up give them. Reading the file and a
 * back-up, equality, the diff, the store's snapshots, the export, `today
 * --json` and `history` walk this table; adding a key is a row here (and
 * the member in struct rx_exercise, and a column in a migration of the
 * store; see CONTRIBUTING.md).
 */
struct rx_field {
	const char *name;   /* the key in the file and a back-up, the diff's */
	const char *column; /* its column in the store's snapshots (a range
	                       also has column_max) */
	enum rx_type type;
	int min, max;   /* RX_INT, RX_COUNT, RX_TIME: the range */
	int def;        /* RX_INT: the value when the file leaves it out */
	bool needed;    /* a JSON back-up must hold it */
	bool multiline; /* RX_TEXT: may hold line breaks */
	int width;      /* RX_TEXT: at most this many columns (0: any) */
	bool derived;   /* not a key of the file: worked out (anchor) */
	bool in_step;   /* a step may give it */
	bool zero;      /* RX_COUNT: 0 is a value (effort 0/10); absent is
	                   {-1, -1}, not {0, 0} */
	unsigned rules; /* enum rx_rule, or 0 */
	size_t offset;  /* where it is in struct rx_exercise */
};

#define RX_FIELDS 23
extern const struct rx_field rx_fields[RX_FIELDS];

/* The value of an RX_INT, RX_FLAG, RX_SIDE, RX_DAYS, RX_DATE or RX_FREQ
 * (its MIN) field of e (as an int), of an RX_TEXT, RX_LABELS or RX_TEMPO
 * one, and of an RX_COUNT, RX_TIME or RX_FREQ one as a range (an RX_FREQ
 * of one number: {v, v}); the setters store into e. */
int rx_field_int(const struct rx_exercise *e, const struct rx_field *f);
const char *rx_field_text(const struct rx_exercise *e,
                          const struct rx_field *f);
struct rx_range rx_field_range(const struct rx_exercise *e,
                               const struct rx_field *f);
void rx_field_set_int(struct rx_exercise *e, const struct rx_field *f, int v);
/* Takes a copy of v (NULL: absent). */
void rx_field_set_text(struct rx_exercise *e, const struct rx_field *f,
                       const char *v);
void rx_field_set_range(struct rx_exercise *e, const struct rx_field *f,
                        struct rx_range v);

/* The field named name (as the file and a back-up name it); NULL if none. */
const struct rx_field *rx_field_named(const char *name);

/* Sets field f of e to what leaving it out of the file means. */
void rx_field_default(struct rx_exercise *e, const struct rx_field *f);

/* Whether field f of e holds a value, not what leaving it out means
 * (a flag: true; days: not every day). */
bool rx_field_present(const struct rx_exercise *e, const struct rx_field *f);

/* Whether field f is the same in a and b (one value of a range may be
 * written {v, v} or {v, 0}). */
bool rx_field_equal(const struct rx_exercise *a, const struct rx_exercise *b,
                    const struct rx_field *f);

/* Field f of e as the diff and `history` say it ("" when absent; a
 * needed number shows even at its default). Writes at most size bytes. */
void rx_field_format(const struct rx_exercise *e, const struct rx_field *f,
                     char *buf, size_t size);

/* Field f of e as a JSON value (null when absent) to out, as a back-up
 * and `today --json` give it. */
void rx_field_json(FILE *out, const struct rx_exercise *e,
                   const struct rx_field *f);

/* Parses "left", "right", "both" or "alternate"; false for anything else. */
bool rx_side_parse(const char *s, enum rx_side *out);

/* One field that differs between two versions of an exercise. */
struct rx_change {
	char field[32]; /* "sets", "per_day", "step 2 load", "steps" ... */
	/* the exercise's own field that changed; NULL for a step's */
	const struct rx_field *own;
	char before[80]; /* the value as text; "" when absent */
	char after[80];
};

/* The most changes rx_diff gives: every field of every version, a
 * step's from (or when) each, and the keys of earned steps (advance,
 * back_off, step). */
#define RX_DIFF_MAX ((RX_FIELDS + 1) * (RX_MAX_STEPS + 1) + 4)

/*
 * The fields of b that differ from a (same id), in a fixed order: the
 * exercise's own, then step by step ("step 2 reps"; a step added or
 * taken away is "step N" from "" or to ""); returns how many were written
 * to out (at most RX_DIFF_MAX).
 */
size_t rx_diff(const struct rx_exercise *a, const struct rx_exercise *b,
               struct rx_change out[RX_DIFF_MAX]);

/*
 * Parses a value as SPEC 8.1 writes it: an optional '-', digits, and
 * optionally '.' and exactly one digit ("120", "92.5", "-3.5"), into whole
 * tenths. False for anything else ("92.25", "92.50", "1e3", "+5", ".5",
 * "", " 5") and beyond RX_TENTHS_MAX tenths either way.
 */
bool rx_tenths_parse(const char *token, int32_t *tenths);

/* Tenths in the shortest form: 1200 "120", 925 "92.5", -35 "-3.5", 5
 * "0.5"; RX_NO_VALUE "". Writes at most size bytes into buf; returns buf. */
char *rx_tenths_text(int32_t tenths, char *buf, size_t size);

enum rx_tenths { RX_TENTHS_OK, RX_TENTHS_FORM, RX_TENTHS_RANGE };

/* The n bytes at t as a value in tenths (rx_tenths_parse), telling a
 * wrong form from a number too large. */
enum rx_tenths rx_tenths_scan(const char *t, size_t n, int32_t *out);

/* A value of measure m (whole tenths) with its unit: "92.5 °", "12
 * stands", "3" (m NULL: the number alone); as rx_measure_shown in UTF-8.
 * Returns buf. */
char *rx_measure_text(const struct rx_measure *m, int32_t tenths, char *buf,
                      size_t size);

/* As rx_measure_text, the unit with ascii in its ASCII form ("92.5 deg",
 * text_ascii_form): a measure's value on a screen outside UTF-8. */
char *rx_measure_shown(const struct rx_measure *m, int32_t tenths, bool ascii,
                       char *buf, size_t size);

/* "day", "week", "visit". */
const char *rx_every_name(enum rx_every e);

/* Parses "day", "week" or "visit"; false for anything else. */
bool rx_every_parse(const char *s, enum rx_every *out);

/*
 * The keys of a measure but its id, each named once, in the order the
 * diff, the store and a JSON back-up give them.
 */
enum rx_measure_key {
	RX_MEASURE_NAME,
	RX_MEASURE_UNIT,
	RX_MEASURE_MIN,
	RX_MEASURE_MAX,
	RX_MEASURE_EVERY,
	RX_MEASURE_GOAL,
	RX_MEASURE_BETTER,
	RX_MEASURE_KEYS
};
extern const char *const rx_measure_keys[RX_MEASURE_KEYS];

/* Key k of m as text, as the diff says it: "Knee bend", "°", "0", "160",
 * "week", "120" ("" without a goal), "higher". Returns buf. */
char *rx_measure_key_text(const struct rx_measure *m, enum rx_measure_key k,
                          char *buf, size_t size);

/* Key k of m as a JSON value to out, as a back-up gives it: a value in
 * tenths as a number (null without a goal), a text as a string. */
void rx_measure_key_json(FILE *out, const struct rx_measure *m,
                         enum rx_measure_key k);

/* Frees the strings a measure owns. */
void rx_measure_clear(struct rx_measure *m);

/* The measure of rx with that id; NULL if none. */
const struct rx_measure *rx_find_measure(const struct rx *rx, const char *id);

/* True if two measures are the same in every field (id, name, unit,
 * min, max, every, goal, better). */
bool rx_measure_equal(const struct rx_measure *a, const struct rx_measure *b);

/* The keys of b that differ from a (same id), in rx_measure_keys' order,
 * each with its text before and after; at most RX_MEASURE_KEYS. */
size_t rx_measure_diff(const struct rx_measure *a, const struct rx_measure *b,
                       struct rx_change *out);

/*
 * The measures and PSFS activities a prescription asks for from a day on
 * (SPEC section 8), kept version by version so that `hep history` can
 * tell their changes. Unlike a snapshot it judges no day: outcomes are
 * always read with the current file's measures (SPEC section 3).
 */
struct rx_outcome_plan {
	cal_day from;
	cal_day stored; /* the logical day it was stored, or CAL_NONE */
	struct rx_measure *measures;
	size_t n_measures;
	char **psfs; /* the activities, in order */
	size_t n_psfs;
};

/* The plan of program p now: borrows its arrays (never clear it); from
 * and stored are CAL_NONE. */
struct rx_outcome_plan rx_outcome_plan_of(const struct rx_program *p);

/* The measure of plan p with that id; NULL if none (or p NULL). */
const struct rx_measure *rx_plan_find(const struct rx_outcome_plan *p,
                                      const char *id);

/* Whether a and b list the same PSFS activities, texts and order. */
bool rx_plan_same_psfs(const struct rx_outcome_plan *a,
                       const struct rx_outcome_plan *b);

/* Whether a and b ask for the same measures (every key, in order) and
 * the same PSFS activities (texts and order). */
bool rx_outcome_plan_equal(const struct rx_outcome_plan *a,
                           const struct rx_outcome_plan *b);

/* Frees what a plan owns; an array of them and everything they own. */
void rx_outcome_plan_clear(struct rx_outcome_plan *p);
void rx_outcome_plans_free(struct rx_outcome_plan *p, size_t n);

/* "left", "right", "both", "alternate", or NULL for RX_SIDE_NONE. */
const char *rx_side_name(enum rx_side side);

#endif
