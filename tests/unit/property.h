/*
 * The property test of SPEC section 3 (test_property.c), in three files
 * sharing this header: property_gen.c draws a random case (prescription
 * versions, steps, advance entries, the log) and prints it; property_ref.c
 * is the reference model, written from the SPEC text alone; test_property.c
 * asks the library and the reference the same questions and compares.
 */
#ifndef HEP_TEST_PROPERTY_H
#define HEP_TEST_PROPERTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/progress.h"

#define N_CASES     500
#define SEED        0x68657070726f7031ULL /* "heppro p1" */
#define POOL        6
#define MAX_SNAPS   3
#define MAX_EX      4
#define MAX_TALLIES 512
#define MAX_STEPS   3
#define MAX_ADV     5

/* The pool of ids, in strcmp order (tallies sort by it). "a" < "a-b" <
 * "ab" exercises prefix and punctuation ordering. */
extern const char *const pool_ids[POOL];

/* The name every generated exercise carries. */
extern char ex_name[];

/* A day status's and a skip reason's name, for printing. */
extern const char *const status_names[];
extern const char *const skip_names[];

/* ------------------------------------------------------------------ */
/* Random numbers (property_gen.c): one xorshift64* state, seeded per
 * case by gen_case; the comparisons draw on after it.                  */

/* A number lo..hi inclusive from the current stream. */
int rnd(int lo, int hi);

/* True percent times in a hundred. */
bool chance(int percent);

/* ------------------------------------------------------------------ */
/* One generated case.                                                 */

/* The kind of an id: it never changes (SPEC 2.1, "an id keeps its kind"). */
enum kind { KIND_FIXED, KIND_WEEKLY, KIND_AS_NEEDED };

/* A step as the file writes it: its from and the keys it names (the
 * versions are built from these, as the loader lays a step over the one
 * before it). */
enum sched_key { NAMES_NONE, NAMES_DAYS, NAMES_EVERY, NAMES_PER_WEEK };

struct step_spec {
	cal_day from;
	int per_day;          /* 0: not named */
	enum sched_key sched; /* the schedule key it names, if any */
	int value;            /* its days bits, every N or per_week */
	/* Ranges (SPEC 2.2), drawn from their own stream: the MAX of the
	 * per_day and of the per_week it names (0: one number), and whether
	 * that stream has been asked for them yet. */
	int per_day_max, per_week_max;
	bool ranged;
};

struct pcase {
	unsigned number;
	uint64_t seed;
	struct rx_exercise ex[MAX_SNAPS][MAX_EX];
	struct rx_exercise steps[MAX_SNAPS][MAX_EX][MAX_STEPS];
	struct step_spec spec[MAX_SNAPS][MAX_EX][MAX_STEPS];
	int n_spec[MAX_SNAPS][MAX_EX];
	struct rx_snapshot snaps[MAX_SNAPS];
	/* Earned steps (SPEC 2.2): an id whose steps are earned, and its
	 * standing advance entries, in the order they stand. */
	bool earned[POOL];
	struct step_advance adv[POOL][MAX_ADV];
	struct history_advances hadv[POOL];
	struct tally t[MAX_TALLIES];
	cal_day h0, h1; /* the days the log may cover */
	struct history h;
	uint64_t range_rng; /* the ranges' own stream (SPEC 2.2), apart from
	                       the main one so that its draws stay put */
};

/* ------------------------------------------------------------------ */
/* Generating and printing a case (property_gen.c).                    */

/* Case number's prescription and log into c (c->h answers questions; it
 * borrows c's arrays). Leaves the random stream where the comparisons of
 * the case draw on from. */
void gen_case(struct pcase *c, unsigned number);

/*
 * Lays the steps sp[0..n) over e into store as the loader does (SPEC 2.1;
 * earned: SPEC 2.2 steps with no from): each a whole version, the step's
 * keys replacing those of the version before, the rest carried on.
 */
void build_steps(struct rx_exercise *e, struct rx_exercise *store,
                 const struct step_spec *sp, int n, bool earned);

/* d as "2026-11-02 Mon" in buf ("-" for CAL_NONE); returns the text. */
const char *fmt_day(cal_day d, char buf[CAL_DATE_LEN + 4]);

/* The whole case on stderr: snapshots, versions, steps, tallies. */
void dump_case(const struct pcase *c);

/* ------------------------------------------------------------------ */
/* The reference model (property_ref.c), straight from the SPEC. Each
 * takes the history as the library would and reads nothing else.      */

/* d's weekday, Monday 0. */
int ref_weekday(cal_day d);

/* The first day of the week holding d. */
cal_day ref_week_first(const struct history *h, cal_day d);

/* Whether a skip for r excuses (rest, pain, sick). */
bool ref_excused(enum skip_reason r);

/* id in snapshot s, or NULL. */
const struct rx_exercise *ref_find(const struct rx_snapshot *s, const char *id);

/* Whether e (an exercise or one of its versions) has earned steps. */
bool ref_earned(const struct rx_exercise *e);

/* id as the snapshot in force on d holds it, at the step in force on d, or
 * NULL. */
const struct rx_exercise *ref_version(const struct history *h, const char *id,
                                      cal_day d);

/* Sessions recorded for id on d, and its skip. */
void ref_entry(const struct history *h, const char *id, cal_day d, int *done,
               enum skip_reason *skip);

/* Whether e (the version in force on d) is in phase on d. */
bool ref_in_phase(const struct history *h, const struct rx_exercise *e,
                  cal_day d);

/* Whether a fixed exercise's version e is scheduled on d. */
bool ref_scheduled(const struct history *h, const struct rx_exercise *e,
                   cal_day d);

/* Whether e (the version in force on d) is listed on d. */
bool ref_listed(const struct history *h, const struct rx_exercise *e,
                cal_day d);

/* A per-week exercise's week starting on first: its target and met days
 * up to today. */
void ref_week_target(const struct history *h, const char *id, cal_day first,
                     int *target, int *met);

/* d's day status. */
enum day_status ref_status(const struct history *h, cal_day d);

/* The day streak as of today. */
struct streak ref_day_streak(const struct history *h);

/* Whether id is per-week (the newest snapshot holding it says). */
bool ref_is_weekly(const struct history *h, const char *id);

/* id's streak as of today; *weeks: it counts weeks. */
struct streak ref_ex_streak(const struct history *h, const char *id,
                            bool *weeks);

/* Every id any snapshot holds, in pool order; returns the count. */
size_t ref_all_ids(const struct history *h, const char *ids[POOL]);

/* Adherence of from..to, of only (every exercise when NULL); with ontime,
 * done counts on-time sessions only. */
void ref_adherence_of(const struct history *h, cal_day from, cal_day to,
                      const char *only, bool ontime, int *due, int *done);

/* The checklist of d into items (room for MAX_EX), *n of them; returns
 * d's status. */
enum day_status ref_day(const struct history *h, cal_day d,
                        struct day_item *items, size_t *n);

/* The week holding d into w, its rows in rows (room for POOL). */
void ref_week(const struct history *h, cal_day d, struct week_view *w,
              struct week_row *rows);

#endif
