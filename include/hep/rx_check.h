/*
 * rx_check: the rules of an exercise, its steps and a measure (SPEC 2, 2.1
 * and 8), whoever read them. The prescription file's reader
 * (prescription.c, libconfig) and a JSON back-up's (rx_json.c) both parse
 * their own text and call these with the values and the lines they found,
 * so that a back-up's prescription is checked exactly as the file is
 * (SPEC 6.2): one rule, one message, each reader's own line numbers.
 *
 * Every function says each fault it finds through the reporter, naming
 * keys as the file does ('per_day'), and returns whether what it checked
 * was good. A value is quoted in a message only once rx_check_text (or
 * the function itself) has found no control character in it.
 */
#ifndef HEP_RX_CHECK_H
#define HEP_RX_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/prescription.h"
#include "hep/util.h"

/* Where a reader's faults go: say(arg, line, msg), line 0 for none;
 * said counts them (a reader compares it before and after a check). */
struct rx_report {
	void (*say)(void *arg, int line, const char *msg);
	void *arg;
	size_t said;
};

/*
 * A group of keys (an exercise, a step, a measure) as its reader holds
 * it: given(group, key, &line) is whether the group gives key a value,
 * and sets line to the key's line when it does. A flag counts as given
 * only when true.
 */
struct rx_group {
	bool (*given)(const void *group, const char *key, int *line);
	const void *group;
};

/* An element of a list (days, at, psfs) and its line: its text, or NULL
 * when it is not a string, with type then naming what it is ("a whole
 * number", in the reader's words). */
struct rx_item {
	const char *text;
	const char *type;
	int line;
};

/* Says a fault, formatted as by printf, at line (0: none). */
void rx_say(struct rx_report *r, int line, const char *fmt, ...)
    HEP_PRINTF(3, 4);

/* ---- values ---------------------------------------------------------- */

/*
 * How a value of field f is written, as its messages teach it (SPEC 2.2),
 * one text a type: "a whole number or [MIN, MAX]", "a date (YYYY-MM-DD),
 * \"day N\" or \"week N\"" ...; with bounds (and always for a whole
 * number) f's range as well ("a whole number from 1 to 999 or [MIN,
 * MAX]"). Into buf (size bytes; 160 hold any); returns buf.
 */
const char *rx_form(const struct rx_field *f, bool bounds, char *buf,
                    size_t size);

/* "'KEY' must be WANT, not GOT": a value of another type than the key
 * takes; want and got are words ("a whole number", "a string"). */
void rx_say_type(struct rx_report *r, int line, const char *key,
                 const char *want, const char *got);

/* Whether v is text a patient may read: strict UTF-8 and no control
 * character, C1 included (with multiline, line breaks and tabs may
 * stand). */
bool rx_check_text(struct rx_report *r, int line, const char *key,
                   const char *v, bool multiline);

/* Whether a whole number of key is in lo..hi. */
bool rx_check_int(struct rx_report *r, int line, const char *key, long long v,
                  int lo, int hi);

/* Whether v (checked text) is a well-formed id (rx_valid_id). */
bool rx_check_id(struct rx_report *r, int line, const char *v);

/* Whether v (checked text) is a date as YYYY-MM-DD, into *out; element:
 * v is an element of the list key ("'visits' must hold dates"). */
bool rx_check_date(struct rx_report *r, int line, const char *key,
                   const char *v, bool element, cal_day *out);

/*
 * Whether v (checked text) is a day of an exercise or a step: a date, or
 * "day N" / "week N" (N from 1 to RX_REL_MAX) counted from start, the
 * program's first day (for an until, week N is its last day). Into *out.
 */
bool rx_check_day(struct rx_report *r, int line, const char *key, const char *v,
                  bool until, cal_day start, cal_day *out);

/* Whether v (checked text) is a time with units ("1 min 30 s"), into
 * *seconds (rx_time_parse; f's bounds are rx_check_bound's). */
bool rx_check_time(struct rx_report *r, int line, const struct rx_field *f,
                   const char *v, int *seconds);

/* Whether v, one value or bound of count or time f, is in f's range. */
bool rx_check_bound(struct rx_report *r, int line, const struct rx_field *f,
                    long long v);

/* Whether a range of f as a list has its form: n values (two), of one
 * type (one_type). */
bool rx_check_range_form(struct rx_report *r, int line,
                         const struct rx_field *f, size_t n, bool one_type);

/* Whether a range [lo, hi] of f has lo below hi. */
bool rx_check_range(struct rx_report *r, int line, const struct rx_field *f,
                    struct rx_range x);

/* Whether v (checked text) names a side, into *out. */
bool rx_check_side(struct rx_report *r, int line, const char *v,
                   enum rx_side *out);

/* Whether v (checked text) is a tempo (rx_tempo_parse), its normal form
 * ("3-0-1") into norm. */
bool rx_check_tempo(struct rx_report *r, int line, const char *v,
                    char norm[16]);

/* Whether v (checked text) of key is written in its normal form norm, as
 * a back-up holds it ("3-0-1", never "03-0-1"). */
bool rx_check_written(struct rx_report *r, int line, const char *key,
                      const char *v, const char *norm);

/* Whether v (checked text) suits text field f: not empty and within its
 * width when it has one (name, load), an https:// address for link. */
bool rx_check_text_field(struct rx_report *r, int line,
                         const struct rx_field *f, const char *v);

/* The weekdays of 'days' (the list on line, its n items): at least one,
 * each a name ("mon" ... "sun") once; into *days (RX_ALL_DAYS when none
 * was good). Whether every item was good. */
bool rx_check_days(struct rx_report *r, int line, const struct rx_item *items,
                   size_t n, uint8_t *days);

/* The session labels of 'at' (the list on line, its n items): 1 to
 * RX_MAX_AT, each 1 to RX_AT_COLUMNS wide, no two alike; joined by '\n'
 * (the caller frees), or NULL when one was wrong. */
char *rx_check_labels(struct rx_report *r, int line,
                      const struct rx_item *items, size_t n);

/* The labels of at (joined by '\n'): 0 for NULL. */
int rx_label_count(const char *at);

/* ---- an exercise ------------------------------------------------------ */

/* Whether a list of n exercises on line holds 1 to RX_MAX_EXERCISES. */
bool rx_check_exercise_count(struct rx_report *r, int line, size_t n);

/* Whether exercise i's id (at lines[i]) is not one of ex[0..i)'s (a
 * wrong or missing id, "", is never compared). */
bool rx_check_exercise_new(struct rx_report *r, const struct rx_exercise *ex,
                           size_t i, const int *lines);

/* The keys a group may not give together (days and per_week, duration
 * and reps, as_needed and at, ...), each pair said at the later key. */
void rx_check_excludes(struct rx_report *r, const struct rx_group *g);

/* 'at' sets per_day: when g gives both, they must agree; e->per_day
 * becomes the number of labels. With a range per_day = [MIN, MAX], 'at'
 * names exactly MAX labels and per_day stays MIN. A range of per_day or
 * per_week on an as-needed exercise is said too. */
/* The times of a timed exercise's `at` (SPEC 2.2) rise in the order of
 * the logical day that starts at day_starts (minutes since midnight):
 * with 03:00, "02:00" may follow "22:00". Said at line. */
void rx_check_slot_order(struct rx_report *r, int line,
                         const struct rx_exercise *e, int day_starts);

void rx_check_at(struct rx_report *r, const struct rx_group *g,
                 struct rx_exercise *e);

/* An exercise's every counts from its from, else from start (the
 * program's): e->anchor is set, and without either it is a fault. */
void rx_check_every(struct rx_report *r, const struct rx_group *g,
                    struct rx_exercise *e, cal_day start);

/* e's until is not before its from (said at the later key). */
void rx_check_phase(struct rx_report *r, const struct rx_group *g,
                    const struct rx_exercise *e);

/* ---- steps ------------------------------------------------------------ */

/* Earned steps (SPEC 2.2). Step k (from 2 on) is of the kind of step 1
 * (earned: it gives `when`), else said at line (its from or when). */
bool rx_check_step_kind(struct rx_report *r, int line, int k, bool first,
                        bool earned);

/* Step k gives exactly one of from and when (g is the step's group; line
 * the step's). */
bool rx_check_step_form(struct rx_report *r, const struct rx_group *g, int line,
                        int k);

/* What an exercise's earned steps ask of its other keys (g is the
 * exercise's group, e the exercise with its steps read): advance,
 * back_off and step only with earned steps, none on an as-needed one,
 * step at most the number of steps. */
void rx_check_earned(struct rx_report *r, const struct rx_group *g,
                     const struct rx_exercise *e);

/* Step k's not_before nb (on line) is not after base's until. */
void rx_check_not_before(struct rx_report *r, int line, int k,
                         const struct rx_exercise *base, cal_day nb);

/* Whether a list of n steps on line holds 1 to RX_MAX_STEPS. */
bool rx_check_step_count(struct rx_report *r, int line, size_t n);

/* Whether step k may give field f (on line) to an exercise of kind: no
 * RX_RULE_NEVER_DUE key to an as-needed one, and no schedule key that
 * turns a fixed exercise into a per-week one or back (RX_RULE_PER_WEEK). */
bool rx_check_step_key(struct rx_report *r, int line, int k, enum rx_kind kind,
                       const struct rx_field *f);

/*
 * Lays field f, just read from step group g, over version v: the keys f
 * cannot stand beside (rx_check_excludes' pairs) go back to their
 * defaults, an RX_RULE_ANCHORED key is anchored at the step's from, and
 * an RX_RULE_SESSIONS key given without the session labels drops them.
 */
void rx_step_lay(const struct rx_group *g, const struct rx_field *f,
                 struct rx_exercise *v);

/*
 * Where step k (version v, its from on line) stands: after step k-1's
 * from (prev), after the exercise's from and not after its until (base;
 * from_line and until_line are the exercise's keys', 0 when absent, and
 * a fault between two keys is said at the later).
 */
void rx_check_step_from(struct rx_report *r, int k, int line, int from_line,
                        int until_line, const struct rx_exercise *base,
                        const struct rx_exercise *prev,
                        const struct rx_exercise *v);

/* Whether step k's from as written (label, on line: a date or "day N" /
 * "week N") may be the from it took effect on; NULL is good. */
bool rx_check_step_label(struct rx_report *r, int line, int k,
                         const char *label, cal_day from);

/* ---- a whole version, as a back-up gives each ------------------------- */

/*
 * Version v (group g, the object on line) as step k of base: a step
 * cannot give what the exercise alone gives (name, as_needed, from,
 * until, pain_limit, link: each must be base's), nor change its kind
 * (each schedule key it holds asked as rx_check_step_key asks).
 */
void rx_check_step_version(struct rx_report *r, const struct rx_group *g,
                           int line, int k, const struct rx_exercise *base,
                           const struct rx_exercise *v);

/*
 * Version e's anchor (derived: never a key of the file) is the day its
 * every counts from: for the exercise's own version (prev NULL) its from,
 * else the program's start (any day: a back-up does not hold it); for a
 * step, its own from, or the anchor before it when it carries the same
 * every on; none without every.
 */
void rx_check_anchor(struct rx_report *r, const struct rx_group *g,
                     const struct rx_exercise *e,
                     const struct rx_exercise *prev);

/* ---- measures and the PSFS (SPEC section 8) --------------------------- */

/* Whether a list of n measures on line holds at most RX_MAX_MEASURES. */
bool rx_check_measure_count(struct rx_report *r, int line, size_t n);

/* Whether measure index's group (on line) gives every key a measure
 * needs (id, name, unit, min, max, every). */
bool rx_check_measure_keys(struct rx_report *r, const struct rx_group *g,
                           int line, size_t index);

/* Whether measure i's id (at lines[i]) is not one of m[0..i)'s. */
bool rx_check_measure_new(struct rx_report *r, const struct rx_measure *m,
                          size_t i, const int *lines);

/* Whether v (checked text) is a unit at most RX_UNIT_COLUMNS wide. */
bool rx_check_unit(struct rx_report *r, int line, const char *v);

/* How a measure's value (min, max, goal) is written, as its messages
 * teach it (SPEC 2.2). */
#define RX_TENTHS_FORM_TEXT                                                    \
	"a number with at most one decimal place (such as 92.5)"

/* Whether the len bytes at token, a number of key as written, have at
 * most one decimal place and fit RX_TENTHS_MAX, into *out (tenths). */
bool rx_check_tenths(struct rx_report *r, int line, const char *key,
                     const char *token, size_t len, int32_t *out);

/* Whether m's min (on min_line) is below its max (on max_line). */
bool rx_check_min_max(struct rx_report *r, int min_line, int max_line,
                      const struct rx_measure *m);

/* Whether v (checked text) is how often a measure is due; "visit" only
 * with visits (a program with clinic visits). */
bool rx_check_measure_every(struct rx_report *r, int line, const char *v,
                            bool visits, enum rx_every *out);

/* Whether goal is within m's min and max (bounds: both were good). */
bool rx_check_goal(struct rx_report *r, int line, const struct rx_measure *m,
                   bool bounds, int32_t goal);

/* Whether v (checked text) is "higher" or "lower", into *lower. */
bool rx_check_better(struct rx_report *r, int line, const char *v, bool *lower);

/* The PSFS activities (the list on line, its n items): 1 to RX_MAX_PSFS,
 * each 1 to RX_NAME_COLUMNS wide, no two alike. The good ones are copied
 * into out (room for n; the caller frees); returns how many. */
size_t rx_check_psfs(struct rx_report *r, int line, const struct rx_item *items,
                     size_t n, char **out);

#endif
