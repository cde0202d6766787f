/*
 * store_impl: what the store's files (store.c: opening, the schema, marks;
 * store_rx.c: the prescription's versions; store_diary.c: the diary and
 * what stands) share, and no one else sees: the connection and its
 * statement cache, the helpers every query uses, the tally's SQL.
 * Functions returning int return 0 or -1 with a message in st->err.
 */
#ifndef HEP_STORE_IMPL_H
#define HEP_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "hep/store.h"
#include "hep/util.h"

/* Prepared statements kept for reuse, keyed by their SQL text's address
 * (every statement is a literal): preparing, which also compiles the
 * tally triggers, costs more than running most statements. */
#define STMT_CACHE 64

struct store {
	sqlite3 *db;
	char *path;
	char err[512];
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	size_t n_cache;
	char **ids; /* every exercise id handed out in a tally, sorted */
	size_t n_ids;
	bool fresh; /* an import began on a file with nothing recorded */
	enum store_mode mode;
	cal_day today;
	const char *read_only;  /* why it is open read-only, or NULL */
	const char *cant_write; /* the last failure: the file cannot be
	                           written, and why; NULL for another one */
	struct store_waiter wait;
	bool no_wait;    /* a cache write: give up at once */
	bool gave_up;    /* the last wait gave up */
	bool said;       /* the waiter was told of this wait */
	bool existed;    /* the file was there before it was opened */
	int64_t wait_ms; /* when this wait began (monotonic) */
	char check_day[CAL_DATE_LEN]; /* a clean quick_check not noted yet */
};

/* The store's one copy of id (valid until store_close). */
const char *db_intern(struct store *st, const char *id);

/* A message into st->err; returns -1. */
int db_fail(struct store *st, const char *fmt, ...) HEP_PRINTF(2, 3);
/* An SQLite result as a message that names the file; returns -1. */
int db_fail_db(struct store *st, int rc);

/* A statement for sql (a literal: cached by its address), or NULL with a
 * message; db_release when done with it. */
sqlite3_stmt *db_prepare(struct store *st, const char *sql);
void db_release(struct store *st, sqlite3_stmt *s);

/* Binders: NULL text, CAL_NONE, a count of 0 and a pain of -1 are NULL. */
void db_bind_text(sqlite3_stmt *s, int i, const char *v);
void db_bind_day(sqlite3_stmt *s, int i, cal_day d);
void db_bind_opt_int(sqlite3_stmt *s, int i, int v);
void db_bind_pain(sqlite3_stmt *s, int i, int pain);
/* A day column ("YYYY-MM-DD"; NULL or malformed: CAL_NONE). */
cal_day db_column_day(sqlite3_stmt *s, int i);

/* Runs s to completion and releases it. */
int db_run(struct store *st, sqlite3_stmt *s);
/* Steps s (prepared and bound), calling fn for each row until fn returns
 * non-zero; releases s. fn's first non-zero return as it is, else 0, or
 * -1 (reported) when SQLite fails. */
int db_each_row(struct store *st, sqlite3_stmt *s,
                int (*fn)(struct store *st, sqlite3_stmt *s, void *arg),
                void *arg);

/* How db_collect gathers a row: an element's size, fill to read the row
 * into a zeroed element (with the caller's arg), and drop to free what
 * fill put in n elements (NULL: nothing). */
struct db_rows {
	size_t size;
	void (*fill)(struct store *st, sqlite3_stmt *s, void *x, void *arg);
	void (*drop)(void *items, size_t n);
};

/*
 * Steps s (prepared and bound) and releases it: an array of one element a
 * row, as how says. Returns the array (the caller's to free; NULL when no
 * row) with its length in *n, and *ret 0. When SQLite fails: what was
 * gathered dropped and freed, NULL, *n 0 and *ret -1 (reported).
 */
void *db_collect(struct store *st, sqlite3_stmt *s, const struct db_rows *how,
                 void *arg, size_t *n, int *ret);

/* Runs sql with ?1 bound to day. */
int db_run_day(struct store *st, const char *sql, cal_day day);
/* Runs statements without results. */
int db_exec(struct store *st, const char *sql);
/* A statement returning one integer, or one day (NULL: CAL_NONE). */
int db_query_int(struct store *st, const char *sql, int64_t *out);
int db_query_day(struct store *st, const char *sql, cal_day *out);

/*
 * The path SQLite opens for the data file at path (store.c: its folder
 * resolved, the file itself never a link); *exists: it is there; with
 * create, the folders of a new file are made. NULL with a message in err.
 */
char *db_open_path(const char *path, bool create, bool *exists, char *err,
                   size_t errlen);

/* An entry's columns, of the table as "e"; with STATUS, also where it
 * stands (entry_status keeps those not standing). */
#define ENTRY_COLUMNS_8                                                        \
	"e.seq, e.kind, e.exercise, e.day, e.made_at, e.late, e.session,"      \
	" e.pain, e.pain_before, e.note, e.reason, e.fixes, e.old_pain,"       \
	" e.old_pain_before, e.old_note, e.value, e.items, e.id, e.stamp,"     \
	" e.target, e.by_id"
/* The columns of an entry: those of version 8, then those later steps
 * add (SPEC 2.2: the slot, the effort and the effort a correction
 * replaced; an advance's step, back and effective day), read by name
 * (db_column_entry). */
#define ENTRY_COLUMNS                                                          \
	ENTRY_COLUMNS_8 ", e.slot, e.effort, e.old_effort, e.step, e.back,"    \
	                " e.effective"
#define STATUS_COLUMN ", x.status"
#define STATUS_JOIN   " LEFT JOIN entry_status x ON x.id = e.id"

/* Entries of an exercise's day: the outcome entries are not. */
#define EXERCISE_KINDS " kind NOT IN ('measure', 'psfs')"

/* ---- what the diary's files share (store_diary.c) ---- */

/* An entry row (ENTRY_COLUMNS, and STATUS_COLUMN if there) into e; its
 * texts are the statement's until the next step. */
void db_column_entry(sqlite3_stmt *s, struct diary_entry *e);
/* The fields of e as ?1.. in ENTRY_COLUMNS order, seq left out. */
void db_bind_entry(sqlite3_stmt *s, const struct diary_entry *e);
/* An id column (NULL, or not 16 characters: ""), and an id bound (""
 * as NULL). */
void db_column_id(sqlite3_stmt *s, int i, entry_id out);
void db_bind_id(sqlite3_stmt *s, int i, const char *id);
/* A copy of s, or NULL. */
char *db_dup_or_null(const char *s);
/* The milliseconds of a made_at instant (seconds). */
int64_t db_made_ms(int64_t utc);
/* Frees the texts of the n entries of a group read by a walk; *n = 0. */
void db_free_group(struct diary_entry *e, size_t *n);
/*
 * Calls fn for the entries of each exercise and day that sql selects
 * (ENTRY_COLUMNS or STAGE_COLUMNS, ordered by day and exercise first): a
 * day's entries at a time, their notes their own, items left out (never
 * an outcome's). Stops at fn's first non-zero return: -1.
 */
int db_each_day(struct store *st, const char *sql,
                int (*fn)(struct store *st, struct diary_entry *e, size_t n));

/* Makes the session and skip rows, and the statuses, of id on day what
 * its entries leave standing (in the caller's transaction). */
int db_sync_day(struct store *st, const char *id, cal_day day);

/* Steps s, a query whose rows begin with an exercise id and a day, calling
 * fn for each row until fn fails; releases s. 0, or -1 (reported). */
int db_each_exercise_day(struct store *st, sqlite3_stmt *s,
                         int (*fn)(struct store *st, const char *id,
                                   cal_day day));

/* The meta table: a value by key ("" when none), and setting one. */
int db_meta_get(struct store *st, const char *key, char *buf, size_t size);
int db_meta_set(struct store *st, const char *key, const char *value);

/*
 * What marks a day of an exercise in the tally (noted): a note of a
 * session, or a skip with a note or a pain (MARK, of the skip k). Schemas
 * 2 to 5 had no pain on a skip: their migrations use SKIP_MARK_OLD.
 */
#define SKIP_MARK     "(k.note IS NOT NULL OR k.pain IS NOT NULL)"
#define SKIP_MARK_OLD "k.note IS NOT NULL"

/*
 * Schema 8's step in C (store_diary.c): gives every stored entry its
 * identity (SPEC section 6.2, settled points 1 and 2): a stamp from its
 * made_at in the old order, an id from its canonical text, its target as
 * the old rules resolved it; then what stands, day by day, and the file's
 * clock_high. Inside the migration's transaction.
 */
int db_migrate_identities(struct store *st);

/*
 * A schema step in C (store_rx.c) for a key added to rx_fields: adds to
 * the snapshots' tables (snapshot_exercise, snapshot_step) the column of
 * every field they do not hold yet (and COLUMN_max for a range), typed by
 * the store's row of its type; an older version's rows read as the
 * field's default (NULL). Inside the migration's transaction.
 */
int db_migrate_field_columns(struct store *st);

/* Whether table holds a column named col, into *has; 0, or -1 (st's
 * error). */
int db_column_exists(struct store *st, const char *table, const char *col,
                     bool *has);

/* clang-format off */
/*
 * The statements that recount the tally row of the (day, exercise) of row
 * R ("NEW" or "OLD" in a trigger) from the sessions and the skip. Schema 8
 * added the skip's lateness (XCOL, the column; XVAL, its value).
 */
#define RECOUNT_X(R, MARK, XCOL, XVAL)                                         \
	"INSERT OR REPLACE INTO tally(day, exercise, done, late, pain, noted," \
	" reason" XCOL ") SELECT " R ".day, " R ".exercise,"                   \
	" (SELECT count(*) FROM session s WHERE s.exercise = " R ".exercise"   \
	"  AND s.day = " R ".day),"                                            \
	" (SELECT coalesce(sum(late), 0) FROM session s WHERE"                 \
	"  s.exercise = " R ".exercise AND s.day = " R ".day),"                \
	" (SELECT max(pain) FROM session s WHERE s.exercise = " R ".exercise"  \
	"  AND s.day = " R ".day),"                                            \
	" EXISTS (SELECT 1 FROM session s WHERE s.exercise = " R ".exercise"   \
	"  AND s.day = " R ".day AND s.note IS NOT NULL) OR EXISTS (SELECT 1"  \
	"  FROM skip k WHERE k.exercise = " R ".exercise AND k.day = " R       \
	".day AND " MARK "),"                                                  \
	" (SELECT reason FROM skip k WHERE k.exercise = " R ".exercise"        \
	"  AND k.day = " R ".day)" XVAL ";"                                    \
	"DELETE FROM tally WHERE day = " R ".day AND exercise = " R            \
	".exercise AND done = 0 AND reason IS NULL;"
#define RECOUNT_OLD(R)    RECOUNT_X(R, SKIP_MARK_OLD, "", "")
#define RECOUNT_MARKED(R) RECOUNT_X(R, SKIP_MARK, "", "")
#define RECOUNT(R)                                                             \
	RECOUNT_X(R, SKIP_MARK, ", skip_late",                                 \
	          ", coalesce((SELECT late FROM skip k WHERE k.exercise = " R  \
	          ".exercise AND k.day = " R ".day), 0)")

/* Triggers stand aside while an import recounts in bulk (store_bulk_*). */
#define NOT_BULK " WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') "

/* The tally rows of the days FROM to TO (SQL expressions), counted from
 * scratch; X*: the skip's lateness, from schema 8 (the outer column, the
 * sessions' and the skip's). */
#define TALLY_SELECT_X(FROM, TO, MARK, XOUT, XSESSION, XSKIP)                  \
	"SELECT day, exercise, sum(done), sum(late), max(pain), max(noted),"   \
	" max(reason)" XOUT " FROM ("                                          \
	" SELECT day, exercise, count(*) AS done, sum(late) AS late,"          \
	"  max(pain) AS pain, max(note IS NOT NULL) AS noted, NULL AS reason"  \
	XSESSION "  FROM session WHERE day BETWEEN " FROM " AND " TO           \
	"  GROUP BY day, exercise"                                             \
	" UNION ALL SELECT day, exercise, 0, 0, NULL, " MARK ", reason" XSKIP  \
	"  FROM skip k WHERE day BETWEEN " FROM " AND " TO                     \
	") GROUP BY day, exercise"
#define TALLY_OF_DAYS_AS(FROM, TO, MARK)                                       \
	"INSERT OR REPLACE INTO tally "                                        \
	TALLY_SELECT_X(FROM, TO, MARK, "", "", "")
#define TALLY_SELECT(FROM, TO)                                                 \
	TALLY_SELECT_X(FROM, TO, SKIP_MARK, ", max(skip_late)",                \
	               ", 0 AS skip_late", ", k.late")
#define TALLY_OF_DAYS(FROM, TO) "INSERT OR REPLACE INTO tally " TALLY_SELECT(FROM, TO)

/* The triggers that keep the tally exact, row by row, each recounting
 * with RC (RECOUNT_OLD, RECOUNT_MARKED or RECOUNT, by schema). */
#define TALLY_TRIGGERS_WITH(RC)                                                \
	"CREATE TRIGGER session_added AFTER INSERT ON session" NOT_BULK        \
	"BEGIN " RC("NEW") "END;"                                              \
	"CREATE TRIGGER session_removed AFTER DELETE ON session" NOT_BULK      \
	"BEGIN " RC("OLD") "END;"                                              \
	"CREATE TRIGGER session_changed AFTER UPDATE ON session" NOT_BULK      \
	"BEGIN " RC("OLD") RC("NEW") "END;"                                    \
	"CREATE TRIGGER skip_added AFTER INSERT ON skip" NOT_BULK              \
	"BEGIN " RC("NEW") "END;"                                              \
	"CREATE TRIGGER skip_removed AFTER DELETE ON skip" NOT_BULK            \
	"BEGIN " RC("OLD") "END;"                                              \
	"CREATE TRIGGER skip_changed AFTER UPDATE ON skip" NOT_BULK            \
	"BEGIN " RC("OLD") RC("NEW") "END;"
#define DROP_TALLY_TRIGGERS                                                    \
	"DROP TRIGGER IF EXISTS session_added;"                                \
	"DROP TRIGGER IF EXISTS session_removed;"                              \
	"DROP TRIGGER IF EXISTS session_changed;"                              \
	"DROP TRIGGER IF EXISTS skip_added;"                                   \
	"DROP TRIGGER IF EXISTS skip_removed;"                                 \
	"DROP TRIGGER IF EXISTS skip_changed;"
/* clang-format on */

/* Drops the streak marks of day D and later. */
#define DROP_MARKS(D) "DELETE FROM streak_mark WHERE day >= " D ";"

/* Drops the marks a change to the snapshot of row R's day touches: those
 * from that day on, or all if it is (or was) the first snapshot. */
#define DROP_MARKS_SNAPSHOT(R)                                                 \
	"DELETE FROM streak_mark WHERE day >= " R ".day OR " R ".day <="       \
	" coalesce((SELECT min(day) FROM snapshot), " R ".day);"

#endif
