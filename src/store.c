/* realpath() (POSIX, declared by glibc for XSI). */
#define _XOPEN_SOURCE 700

#include "hep/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hep/util.h"

/* Prepared statements kept for reuse, keyed by their SQL text's address
 * (every statement is a literal): preparing, which also compiles the
 * tally triggers, costs more than running most statements. */
#define STMT_CACHE 64

struct store {
	sqlite3 *db;
	char *path;
	char err[512];
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
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	size_t n_cache;
	char **ids; /* every exercise id handed out in a tally, sorted */
	size_t n_ids;
	bool fresh; /* an import began on a file with nothing recorded */
};

/* The store's one copy of id: ten years of tallies share a few dozen. */
static const char *intern(struct store *st, const char *id)
{
	size_t lo = 0, hi = st->n_ids;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, st->ids[mid]);
		if (c == 0)
			return st->ids[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	st->ids = xrealloc(st->ids, (st->n_ids + 1) * sizeof *st->ids);
	memmove(&st->ids[lo + 1], &st->ids[lo],
	        (st->n_ids - lo) * sizeof *st->ids);
	st->n_ids++;
	return st->ids[lo] = xstrdup(id);
}

/* ---- errors ------------------------------------------------------------ */

static int fail(struct store *st, const char *fmt, ...) HEP_PRINTF(2, 3);

static int fail(struct store *st, const char *fmt, ...)
{
	st->cant_write = NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->err, sizeof st->err, fmt, ap);
	va_end(ap);
	return -1;
}

/* Why a write failed when the file cannot be written (a STORE_READ store
 * then reads it read-only), or NULL. */
static const char *unwritable(struct store *st, int rc)
{
	int sys = sqlite3_system_errno(st->db);
	switch (rc & 0xFF) {
	case SQLITE_READONLY:
		return "it is read-only";
	case SQLITE_FULL:
		return "the disk is full";
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return sys == ENOSPC   ? "the disk is full"
		       : sys == EFBIG  ? "it reached the size limit"
		       : sys == EDQUOT ? "the disk quota is used up"
		       : sys == EROFS  ? "the disk is read-only"
		                       : NULL;
	default:
		return NULL;
	}
}

/* The message for an SQLite result, naming the file. */
static int db_message(struct store *st, int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return fail(st, "%s: the data file is damaged (%s)", st->path,
		            sqlite3_errmsg(st->db));
	case SQLITE_BUSY:
		if (st->gave_up)
			return fail(st,
			            "the data file is still busy after "
			            "%d s",
			            STORE_WAIT_MAX_MS / 1000);
		/* fall through */
	case SQLITE_LOCKED:
		return fail(
		    st,
		    "%s: the data file is locked by another program; try again",
		    st->path);
	case SQLITE_READONLY:
		return fail(st, "%s: the data file is read-only", st->path);
	case SQLITE_FULL:
		return fail(st, "%s: the disk is full; nothing was saved",
		            st->path);
	case SQLITE_IOERR:
		/* The system's own reason is clearer than "disk I/O error". */
		if (sqlite3_system_errno(st->db) == ENOSPC)
			return fail(st, "%s: the disk is full", st->path);
		if (sqlite3_system_errno(st->db) == EFBIG)
			return fail(st,
			            "%s: the data file reached the size limit",
			            st->path);
		if (sqlite3_system_errno(st->db) != 0)
			return fail(st, "%s: input/output error (%s)", st->path,
			            strerror(sqlite3_system_errno(st->db)));
		return fail(st,
		            "%s: input/output error writing the data file; "
		            "is the disk full?",
		            st->path);
	default:
		return fail(st, "%s: %s", st->path, sqlite3_errmsg(st->db));
	}
}

/* Turns an SQLite result into a message, noting whether the file could
 * not be written (store_fall_back). */
static int fail_db(struct store *st, int rc)
{
	db_message(st, rc);
	st->cant_write = unwritable(st, rc);
	return -1;
}

const char *store_error(const struct store *st)
{
	return st->err;
}

/* ---- statements -------------------------------------------------------- */

static sqlite3_stmt *prepare(struct store *st, const char *sql)
{
	size_t i;
	for (i = 0; i < st->n_cache; i++) {
		if (st->cache[i].sql != sql)
			continue;
		/* In use further up the stack: a fresh one serves this call. */
		if (sqlite3_stmt_busy(st->cache[i].stmt))
			break;
		sqlite3_reset(st->cache[i].stmt);
		sqlite3_clear_bindings(st->cache[i].stmt);
		return st->cache[i].stmt;
	}
	bool keep = i == st->n_cache && st->n_cache < STMT_CACHE;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(
	    st->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &s, NULL);
	if (rc != SQLITE_OK) {
		fail_db(st, rc);
		sqlite3_finalize(s);
		return NULL;
	}
	if (keep) {
		st->cache[st->n_cache].sql = sql;
		st->cache[st->n_cache++].stmt = s;
	}
	return s;
}

/* Done with a statement: a kept one is reset for the next use. */
static void release(struct store *st, sqlite3_stmt *s)
{
	for (size_t i = 0; i < st->n_cache; i++) {
		if (st->cache[i].stmt == s) {
			sqlite3_reset(s);
			return;
		}
	}
	sqlite3_finalize(s);
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_day(sqlite3_stmt *s, int i, cal_day d)
{
	char buf[CAL_DATE_LEN];
	if (d == CAL_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, cal_format(d, buf), -1,
		                  SQLITE_TRANSIENT);
}

static void bind_opt_int(sqlite3_stmt *s, int i, int v)
{
	if (v > 0)
		sqlite3_bind_int(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* Runs sql with ?1 bound to day. */
static int run_day(struct store *st, const char *sql, cal_day day);

/* A pain score 0..10, or NULL for -1 (none). */
static void bind_pain(sqlite3_stmt *s, int i, int pain)
{
	if (pain >= 0)
		sqlite3_bind_int(s, i, pain);
	else
		sqlite3_bind_null(s, i);
}

static cal_day column_day(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	cal_day d;
	return t && cal_parse_date(t, &d) ? d : CAL_NONE;
}

/* Runs a statement to completion; finalises it. */
static int run(struct store *st, sqlite3_stmt *s)
{
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	release(st, s);
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

static int run_day(struct store *st, const char *sql, cal_day day)
{
	sqlite3_stmt *s = prepare(st, sql);
	if (!s)
		return -1;
	bind_day(s, 1, day);
	return run(st, s);
}

static int exec(struct store *st, const char *sql)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : fail_db(st, rc);
}

/* A statement returning one integer. */
static int query_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = prepare(st, sql);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	release(st, s);
	return rc == SQLITE_ROW
	           ? 0
	           : fail_db(st, rc == SQLITE_DONE ? SQLITE_ERROR : rc);
}

/* A statement returning one day (or NULL: CAL_NONE). */
static int query_day(struct store *st, const char *sql, cal_day *out)
{
	*out = CAL_NONE;
	sqlite3_stmt *s = prepare(st, sql);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = column_day(s, 0);
	release(st, s);
	return rc == SQLITE_ROW ? 0 : fail_db(st, rc);
}

/* ---- transactions ------------------------------------------------------ */

int store_begin(struct store *st)
{
	st->cant_write = NULL;
	st->gave_up = false;
	return exec(st, "BEGIN IMMEDIATE");
}

int store_commit(struct store *st)
{
	int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	fail_db(st, rc);
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_data_version(struct store *st, int64_t *out)
{
	return query_int(st, "PRAGMA data_version", out);
}

/* ---- waiting for a lock ------------------------------------------------ */

/* A clock that only moves forward: a wait is not a date. */
static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * SQLite's busy handler (count: the tries of this lock so far): waits in
 * naps of up to 50 ms, tells the waiter once the wait has lasted
 * STORE_WAIT_SAY_MS, and gives up (0) after STORE_WAIT_MAX_MS.
 */
static int on_busy(void *arg, int count)
{
	struct store *st = arg;
	int64_t now = monotonic_ms();
	if (count == 0) {
		st->wait_ms = now;
		st->said = st->gave_up = false;
	}
	if (st->no_wait)
		return 0;
	int64_t waited = now - st->wait_ms;
	if (waited >= STORE_WAIT_MAX_MS) {
		st->gave_up = true;
		if (st->wait.fn)
			st->wait.fn(st->wait.arg, STORE_GAVE_UP);
		return 0;
	}
	if (waited >= STORE_WAIT_SAY_MS && !st->said) {
		st->said = true;
		if (st->wait.fn)
			st->wait.fn(st->wait.arg, STORE_WAITING);
	}
	int64_t nap = count < 10 ? 5 * (count + 1) : 50;
	if (nap > STORE_WAIT_MAX_MS - waited)
		nap = STORE_WAIT_MAX_MS - waited;
	sqlite3_sleep((int)nap);
	return 1;
}

void store_set_waiter(struct store *st, const struct store_waiter *wait)
{
	static const struct store_waiter nobody = {NULL, NULL};
	st->wait = wait ? *wait : nobody;
}

/* ---- schema ------------------------------------------------------------ */

/*
 * What marks a day of an exercise in the tally (noted): a note of a
 * session, or a skip with a note or a pain (MARK, of the skip k). Schemas
 * 2 to 5 had no pain on a skip: their migrations use SKIP_MARK_OLD.
 */
#define SKIP_MARK     "(k.note IS NOT NULL OR k.pain IS NOT NULL)"
#define SKIP_MARK_OLD "k.note IS NOT NULL"

/* clang-format off */
/*
 * The statements that recount the tally row of the (day, exercise) of row
 * R ("NEW" or "OLD" in a trigger) from the sessions and the skip.
 */
#define RECOUNT_AS(R, MARK)                                                    \
	"INSERT OR REPLACE INTO tally(day, exercise, done, late, pain, noted," \
	" reason) SELECT " R ".day, " R ".exercise,"                           \
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
	"  AND k.day = " R ".day);"                                            \
	"DELETE FROM tally WHERE day = " R ".day AND exercise = " R            \
	".exercise AND done = 0 AND reason IS NULL;"

/* Triggers stand aside while an import recounts in bulk (store_bulk_*). */
#define NOT_BULK " WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') "

/* The tally rows of the days FROM to TO (SQL expressions), counted from
 * scratch. */
#define TALLY_SELECT_AS(FROM, TO, MARK)                                        \
	"SELECT day, exercise, sum(done), sum(late), max(pain), max(noted),"   \
	" max(reason) FROM ("                                                  \
	" SELECT day, exercise, count(*) AS done, sum(late) AS late,"          \
	"  max(pain) AS pain, max(note IS NOT NULL) AS noted, NULL AS reason"  \
	"  FROM session WHERE day BETWEEN " FROM " AND " TO                    \
	"  GROUP BY day, exercise"                                             \
	" UNION ALL SELECT day, exercise, 0, 0, NULL, " MARK ", reason"        \
	"  FROM skip k WHERE day BETWEEN " FROM " AND " TO                     \
	") GROUP BY day, exercise"
#define TALLY_OF_DAYS_AS(FROM, TO, MARK)                                       \
	"INSERT OR REPLACE INTO tally " TALLY_SELECT_AS(FROM, TO, MARK)
#define TALLY_SELECT(FROM, TO)  TALLY_SELECT_AS(FROM, TO, SKIP_MARK)
#define TALLY_OF_DAYS(FROM, TO) TALLY_OF_DAYS_AS(FROM, TO, SKIP_MARK)

/* The triggers that keep the tally exact, row by row. */
#define TALLY_TRIGGERS_AS(MARK)                                                \
	"CREATE TRIGGER session_added AFTER INSERT ON session" NOT_BULK        \
	"BEGIN " RECOUNT_AS("NEW", MARK) "END;"                                \
	"CREATE TRIGGER session_removed AFTER DELETE ON session" NOT_BULK      \
	"BEGIN " RECOUNT_AS("OLD", MARK) "END;"                                \
	"CREATE TRIGGER session_changed AFTER UPDATE ON session" NOT_BULK      \
	"BEGIN " RECOUNT_AS("OLD", MARK) RECOUNT_AS("NEW", MARK) "END;"        \
	"CREATE TRIGGER skip_added AFTER INSERT ON skip" NOT_BULK              \
	"BEGIN " RECOUNT_AS("NEW", MARK) "END;"                                \
	"CREATE TRIGGER skip_removed AFTER DELETE ON skip" NOT_BULK            \
	"BEGIN " RECOUNT_AS("OLD", MARK) "END;"                                \
	"CREATE TRIGGER skip_changed AFTER UPDATE ON skip" NOT_BULK            \
	"BEGIN " RECOUNT_AS("OLD", MARK) RECOUNT_AS("NEW", MARK) "END;"
/* clang-format on */

/* Drops the streak marks of day D and later. */
#define DROP_MARKS(D) "DELETE FROM streak_mark WHERE day >= " D ";"

/* Drops the marks a change to the snapshot of row R's day touches: those
 * from that day on, or all if it is (or was) the first snapshot. */
#define DROP_MARKS_SNAPSHOT(R)                                                 \
	"DELETE FROM streak_mark WHERE day >= " R ".day OR " R ".day <="       \
	" coalesce((SELECT min(day) FROM snapshot), " R ".day);"

/* migrations[v] takes the schema from version v to v + 1. */
/* clang-format off */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE session("
    " exercise TEXT NOT NULL,"
    " day TEXT NOT NULL,"
    " n INTEGER NOT NULL CHECK (n >= 1),"
    " logged_at TEXT NOT NULL,"
    " late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),"
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    " note TEXT,"
    " PRIMARY KEY (exercise, day, n)) WITHOUT ROWID;"
    "CREATE INDEX session_by_day ON session(day, exercise);"
    "CREATE TABLE skip("
    " exercise TEXT NOT NULL,"
    " day TEXT NOT NULL,"
    " reason TEXT NOT NULL CHECK (reason IN"
    "  ('rest', 'pain', 'sick', 'travel', 'time', 'other')),"
    " logged_at TEXT NOT NULL,"
    " note TEXT,"
    " PRIMARY KEY (exercise, day)) WITHOUT ROWID;"
    "CREATE INDEX skip_by_day ON skip(day, exercise);"
    "CREATE TABLE snapshot(day TEXT PRIMARY KEY) WITHOUT ROWID;"
    "CREATE TABLE snapshot_exercise("
    " day TEXT NOT NULL REFERENCES snapshot(day) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL,"
    " id TEXT NOT NULL, name TEXT NOT NULL,"
    " sets INTEGER NOT NULL, reps INTEGER, hold INTEGER, rest INTEGER,"
    " side TEXT, per_day INTEGER NOT NULL, days INTEGER NOT NULL,"
    " per_week INTEGER, from_day TEXT, until_day TEXT, notes TEXT,"
    " PRIMARY KEY (day, pos)) WITHOUT ROWID;",
    /* 2: a tally of every (day, exercise) with a session or a skip,
     * kept exact by triggers, so that a start reads one row a day
     * instead of grouping every session ever recorded. */
    "CREATE TABLE tally("
    " day TEXT NOT NULL, exercise TEXT NOT NULL,"
    " done INTEGER NOT NULL, late INTEGER NOT NULL, pain INTEGER,"
    " noted INTEGER NOT NULL, reason TEXT,"
    " PRIMARY KEY (day, exercise)) WITHOUT ROWID;"
    TALLY_OF_DAYS_AS("''", "'9999-12-31'", SKIP_MARK_OLD) ";"
    TALLY_TRIGGERS_AS(SKIP_MARK_OLD),
    /* 3: streak marks (struct streak_mark), one row per exercise walk of
     * a mark ('' the days-in-a-row walk), dropped by triggers from the
     * first day a change touches. A snapshot that becomes, or stops being,
     * the first one applies to every earlier day: then all go. */
    "CREATE TABLE streak_mark("
    " day TEXT NOT NULL, exercise TEXT NOT NULL,"
    " start TEXT NOT NULL, week_starts INTEGER NOT NULL,"
    " weeks INTEGER NOT NULL, current INTEGER NOT NULL,"
    " longest INTEGER NOT NULL,"
    " PRIMARY KEY (day, exercise)) WITHOUT ROWID;"
    "CREATE TRIGGER session_added_mark AFTER INSERT ON session" NOT_BULK
    "BEGIN " DROP_MARKS("NEW.day") "END;"
    "CREATE TRIGGER session_removed_mark AFTER DELETE ON session" NOT_BULK
    "BEGIN " DROP_MARKS("OLD.day") "END;"
    "CREATE TRIGGER session_moved_mark AFTER UPDATE OF exercise, day"
    " ON session" NOT_BULK
    "BEGIN " DROP_MARKS("min(OLD.day, NEW.day)") "END;"
    "CREATE TRIGGER skip_added_mark AFTER INSERT ON skip" NOT_BULK
    "BEGIN " DROP_MARKS("NEW.day") "END;"
    "CREATE TRIGGER skip_removed_mark AFTER DELETE ON skip" NOT_BULK
    "BEGIN " DROP_MARKS("OLD.day") "END;"
    "CREATE TRIGGER skip_changed_mark AFTER UPDATE OF exercise, day, reason"
    " ON skip" NOT_BULK
    "BEGIN " DROP_MARKS("min(OLD.day, NEW.day)") "END;"
    "CREATE TRIGGER snapshot_added_mark AFTER INSERT ON snapshot "
    "BEGIN " DROP_MARKS_SNAPSHOT("NEW") "END;"
    "CREATE TRIGGER snapshot_removed_mark AFTER DELETE ON snapshot "
    "BEGIN " DROP_MARKS_SNAPSHOT("OLD") "END;"
    "CREATE TRIGGER snapshot_exercise_added_mark AFTER INSERT"
    " ON snapshot_exercise "
    "BEGIN " DROP_MARKS_SNAPSHOT("NEW") "END;"
    "CREATE TRIGGER snapshot_exercise_removed_mark AFTER DELETE"
    " ON snapshot_exercise "
    "BEGIN " DROP_MARKS_SNAPSHOT("OLD") "END;"
    "CREATE TRIGGER snapshot_exercise_changed_mark AFTER UPDATE"
    " ON snapshot_exercise "
    "BEGIN " DROP_MARKS_SNAPSHOT("OLD") DROP_MARKS_SNAPSHOT("NEW") "END;",
    /* 4: the diary (SPEC section 6). Every change is an entry, never
     * updated or deleted (the triggers say so to any program); the
     * session and skip tables become what the entries leave standing.
     * Its values are checked by the code that writes them, not by CHECK
     * constraints, which quick_check would evaluate on every row each
     * day (eight times its cost at ten years).
     * Each session and skip known so far becomes an entry at its logged
     * time. Standing sessions are numbered by logged time, so the few a
     * clock set back numbered otherwise are renumbered first. */
    "CREATE TABLE entry("
    " seq INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " exercise TEXT NOT NULL, day TEXT NOT NULL, made_at TEXT NOT NULL,"
    " late INTEGER NOT NULL DEFAULT 0, session INTEGER,"
    " pain INTEGER, pain_before INTEGER, note TEXT, reason TEXT,"
    " fixes INTEGER NOT NULL DEFAULT 0,"
    " old_pain INTEGER, old_pain_before INTEGER, old_note TEXT);"
    "CREATE INDEX entry_by_day ON entry(day, exercise, seq);"
    "CREATE TRIGGER entry_never_updated BEFORE UPDATE ON entry "
    "BEGIN SELECT RAISE(ABORT, 'the diary is never rewritten'); END;"
    "CREATE TRIGGER entry_never_deleted BEFORE DELETE ON entry "
    "BEGIN SELECT RAISE(ABORT, 'the diary is never rewritten'); END;"
    "ALTER TABLE session ADD COLUMN pain_before INTEGER"
    " CHECK (pain_before BETWEEN 0 AND 10);"
    "ALTER TABLE skip ADD COLUMN pain INTEGER CHECK (pain BETWEEN 0 AND 10);"
    "ALTER TABLE snapshot ADD COLUMN stored TEXT;"
    "CREATE TEMP TABLE renumber AS SELECT exercise, day, n, row_number()"
    " OVER (PARTITION BY exercise, day ORDER BY logged_at, n) AS m"
    " FROM session;"
    "DELETE FROM renumber WHERE NOT EXISTS (SELECT 1 FROM renumber r"
    " WHERE r.exercise = renumber.exercise AND r.day = renumber.day"
    " AND r.n != r.m);"
    "UPDATE session SET n = n + 1000000 WHERE EXISTS (SELECT 1 FROM"
    " renumber r WHERE r.exercise = session.exercise AND r.day = session.day);"
    "UPDATE session SET n = (SELECT m FROM renumber r WHERE"
    " r.exercise = session.exercise AND r.day = session.day AND"
    " r.n + 1000000 = session.n) WHERE n > 1000000;"
    "DROP TABLE renumber;"
    "INSERT INTO entry(kind, exercise, day, made_at, late, session, pain,"
    " note, reason) SELECT kind, exercise, day, logged_at, late, n, pain,"
    " note, reason FROM ("
    " SELECT 'session' AS kind, exercise, day, logged_at, late, n, pain,"
    "  note, NULL AS reason, 0 AS k FROM session"
    " UNION ALL SELECT 'skip', exercise, day, logged_at, 0, NULL, NULL,"
    "  note, reason, 1 FROM skip)"
    " ORDER BY logged_at, day, exercise, k, n;",
    /* 5: the keys of SPEC section 2.1 in the snapshots: a range's upper
     * bound beside each count and time (NULL: one value), the new keys,
     * and each step of an exercise as a whole version of it. Old rows
     * read as before: every new column NULL. */
    "ALTER TABLE snapshot_exercise ADD COLUMN sets_max INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN reps_max INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN hold_max INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN rest_max INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN pause INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN pause_max INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN duration INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN duration_max INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN load TEXT;"
    "ALTER TABLE snapshot_exercise ADD COLUMN tempo TEXT;"
    "ALTER TABLE snapshot_exercise ADD COLUMN at_labels TEXT;"
    "ALTER TABLE snapshot_exercise ADD COLUMN every INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN anchor_day TEXT;"
    "ALTER TABLE snapshot_exercise ADD COLUMN as_needed INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN pain_limit INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN link TEXT;"
    "CREATE TABLE snapshot_step("
    " day TEXT NOT NULL REFERENCES snapshot(day) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL, step INTEGER NOT NULL,"
    " step_from TEXT NOT NULL, step_label TEXT,"
    " id TEXT NOT NULL, name TEXT NOT NULL,"
    " sets INTEGER NOT NULL, reps INTEGER, hold INTEGER, rest INTEGER,"
    " side TEXT, per_day INTEGER NOT NULL, days INTEGER NOT NULL,"
    " per_week INTEGER, from_day TEXT, until_day TEXT, notes TEXT,"
    " sets_max INTEGER, reps_max INTEGER, hold_max INTEGER,"
    " rest_max INTEGER, pause INTEGER, pause_max INTEGER,"
    " duration INTEGER, duration_max INTEGER, load TEXT, tempo TEXT,"
    " at_labels TEXT, every INTEGER, anchor_day TEXT, as_needed INTEGER,"
    " pain_limit INTEGER, link TEXT,"
    " PRIMARY KEY (day, pos, step)) WITHOUT ROWID;",
    /* 6: outcomes (SPEC section 8): a measure's value (whole tenths) and
     * a PSFS check-in's items are entries of the diary like any other;
     * old entries have neither. The outcome entries are found by their
     * own index, without reading the exercises' days. */
    "ALTER TABLE entry ADD COLUMN value INTEGER;"
    "ALTER TABLE entry ADD COLUMN items TEXT;"
    "CREATE INDEX entry_outcomes ON entry(kind, day, seq)"
    " WHERE kind IN ('measure', 'psfs');"
    /* A day's mark (tally.noted) counts a skip's pain as it does a
     * session's: the triggers are made anew with it and every tally
     * recounted. No count changes. */
    "DROP TRIGGER IF EXISTS session_added;"
    "DROP TRIGGER IF EXISTS session_removed;"
    "DROP TRIGGER IF EXISTS session_changed;"
    "DROP TRIGGER IF EXISTS skip_added;"
    "DROP TRIGGER IF EXISTS skip_removed;"
    "DROP TRIGGER IF EXISTS skip_changed;"
    TALLY_TRIGGERS_AS(SKIP_MARK)
    TALLY_OF_DAYS("''", "'9999-12-31'") ";",
    /* 7: the measures and PSFS activities asked for, version by version
     * (SPEC section 8), for `hep history`; they judge no day, so no mark
     * depends on them. Nothing was kept of them before: older files
     * start with none, and the first open stores the file's. */
    "CREATE TABLE outcome_plan(day TEXT PRIMARY KEY, stored TEXT)"
    " WITHOUT ROWID;"
    "CREATE TABLE outcome_plan_measure("
    " day TEXT NOT NULL REFERENCES outcome_plan(day) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL,"
    " id TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,"
    " min INTEGER NOT NULL, max INTEGER NOT NULL, every TEXT NOT NULL,"
    " goal INTEGER, better TEXT NOT NULL,"
    " PRIMARY KEY (day, pos)) WITHOUT ROWID;"
    "CREATE TABLE outcome_plan_psfs("
    " day TEXT NOT NULL REFERENCES outcome_plan(day) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL, activity TEXT NOT NULL,"
    " PRIMARY KEY (day, pos)) WITHOUT ROWID;",
};
/* clang-format on */

static int migrate(struct store *st, int64_t from)
{
	for (int64_t v = from; v < STORE_SCHEMA_VERSION; v++) {
		char bump[96];
		strfmt(bump, sizeof bump,
		       "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		       (int)v + 1, STORE_APPLICATION_ID);
		if (store_begin(st) != 0)
			return -1;
		if (exec(st, migrations[v]) != 0 || exec(st, bump) != 0) {
			char why[sizeof st->err];
			memcpy(why, st->err, sizeof why);
			store_rollback(st);
			return fail(st,
			            "%s: upgrading the data file to version %d "
			            "failed, nothing changed: %s",
			            st->path, (int)v + 1, why);
		}
		/* Test seam: hold the migration open so that a test can kill
		 * the process inside the transaction (tests/faults). */
		const char *pause = getenv("HEP_TEST_MIGRATION_PAUSE_MS");
		if (pause && *pause) {
			fprintf(stderr, "hep: migrating %s\n", st->path);
			sqlite3_sleep(atoi(pause));
		}
		if (store_commit(st) != 0)
			return -1;
	}
	return 0;
}

/* quick_check must answer exactly one row "ok". */
static int quick_check(struct store *st)
{
	sqlite3_stmt *s = prepare(st, "PRAGMA quick_check");
	if (!s)
		return -1;
	char first[200] = "";
	int rows = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (rows++ == 0)
			strfmt(first, sizeof first, "%s",
			       (const char *)sqlite3_column_text(s, 0));
	}
	release(st, s);
	if (rc != SQLITE_DONE)
		return fail_db(st, rc);
	if (rows != 1 || strcmp(first, "ok") != 0)
		return fail(st,
		            "%s: the data file is damaged (quick_check: %s); "
		            "hep will not write to it",
		            st->path, first);
	return 0;
}

static int meta_get(struct store *st, const char *key, char *buf, size_t size)
{
	buf[0] = '\0';
	sqlite3_stmt *s = prepare(st, "SELECT value FROM meta WHERE key = ?1");
	if (!s)
		return -1;
	bind_text(s, 1, key);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		strfmt(buf, size, "%s",
		       (const char *)sqlite3_column_text(s, 0));
	release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

static int meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s =
	    prepare(st, "INSERT INTO meta(key, value) VALUES (?1, ?2)"
	                " ON CONFLICT(key) DO UPDATE SET value = ?2");
	if (!s)
		return -1;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return run(st, s);
}

int store_day_noted(struct store *st, const char *key, cal_day *out)
{
	char buf[CAL_DATE_LEN + 1];
	*out = CAL_NONE;
	if (meta_get(st, key, buf, sizeof buf) != 0)
		return -1;
	if (buf[0] && !cal_parse_date(buf, out))
		*out = CAL_NONE;
	return 0;
}

int store_note_day(struct store *st, const char *key, cal_day day)
{
	char d[CAL_DATE_LEN];
	if (store_begin(st) != 0)
		return -1;
	if (meta_set(st, key, cal_format(day, d)) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

/* ---- opening ----------------------------------------------------------- */

/* The folder of path ("." for a bare name); *base is its last part. */
static char *folder_of(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (!slash)
		return xstrdup(".");
	return xasprintf("%.*s", (int)(slash == path ? 1 : slash - path), path);
}

/*
 * The path SQLite opens for the data file at path: its folder resolved,
 * so that links in the folders above it are followed as every program
 * follows them ($HOME is often one), and the data file itself, which is
 * never a link: one planted there must not redirect writes (SPEC section
 * 6.2); SQLITE_OPEN_NOFOLLOW then refuses a link made between this look
 * and the open. *exists: the file is there. With create, the folders of
 * a new file are made (0700). NULL, with a message in err, on failure.
 */
static char *open_path(const char *path, bool create, bool *exists, char *err,
                       size_t errlen)
{
	struct stat sb;
	char made[4096];
	*exists = lstat(path, &sb) == 0;
	if (*exists && S_ISLNK(sb.st_mode)) {
		strfmt(err, errlen,
		       "%s: the data file is a symbolic link, which hep "
		       "does not follow; give the path of the file itself",
		       path);
		return NULL;
	}
	if (*exists && !S_ISREG(sb.st_mode)) {
		strfmt(err, errlen, "%s: not a regular file", path);
		return NULL;
	}
	if (!*exists && create && make_parents(path, made, sizeof made) != 0) {
		strfmt(err, errlen, "%s: cannot create the folder %s: %s", path,
		       made, strerror(errno));
		return NULL;
	}
	const char *base;
	char *dir = folder_of(path, &base);
	char *real = realpath(dir, NULL);
	char *out = NULL;
	if (!*base)
		strfmt(err, errlen, "%s: not a regular file", path);
	else if (!real)
		strfmt(err, errlen, "%s: cannot reach its folder %s: %s", path,
		       dir, strerror(errno));
	else
		out = xasprintf("%s/%s", strcmp(real, "/") ? real : "", base);
	free(real);
	free(dir);
	return out;
}

static int check_writable(struct store *st, bool exists)
{
	const char *base;
	char *dir = folder_of(st->path, &base);
	int rc = 0;
	if (exists && access(st->path, R_OK | W_OK) != 0) {
		int e = errno;
		rc = fail(st,
		          "%s: the data file is read-only (%s); hep needs to "
		          "write to it",
		          st->path, strerror(e));
		if (access(st->path, R_OK) == 0)
			st->cant_write = e == EROFS ? "the disk is read-only"
			                            : "it is read-only";
	} else if (access(dir, W_OK | X_OK) != 0) {
		int e = errno;
		rc = fail(st,
		          "%s: its folder %s is not writable (%s); hep needs "
		          "to write its journal there",
		          st->path, dir, strerror(e));
		st->cant_write = e == EROFS ? "the disk is read-only"
		                            : "its folder is not writable";
	}
	free(dir);
	return rc;
}

/* Opens the connection: read-write (creating a new file), or read-only
 * once a STORE_READ store fell back. */
static int connect_db(struct store *st)
{
	bool exists;
	char *real = open_path(st->path, !st->read_only, &exists, st->err,
	                       sizeof st->err);
	st->cant_write = NULL;
	if (!real)
		return -1;
	st->existed = exists;
	if (!st->read_only && check_writable(st, exists) != 0) {
		free(real);
		return -1;
	}
	/* New files are private: 0600 (the journal inherits the mode). */
	mode_t old = umask(077);
	int flags = st->read_only ? SQLITE_OPEN_READONLY
	                          : SQLITE_OPEN_READWRITE |
	                                (exists ? 0 : SQLITE_OPEN_CREATE);
	int rc = sqlite3_open_v2(
	    real, &st->db, flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
	    NULL);
	umask(old);
	free(real);
	if (rc != SQLITE_OK)
		return fail(st, "%s: cannot open the data file: %s", st->path,
		            st->db ? sqlite3_errmsg(st->db)
		                   : sqlite3_errstr(rc));
	/* Before any other statement, so that a second writer waits. */
	sqlite3_busy_handler(st->db, on_busy, st);
	sqlite3_extended_result_codes(st->db, 1);
	if (!st->read_only && sqlite3_db_readonly(st->db, "main") == 1) {
		fail(st, "%s: the data file is read-only", st->path);
		st->cant_write = "it is read-only";
		return -1;
	}
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	return 0;
}

/* Whether the file is ours, and of a schema this hep reads (read-only: of
 * this very schema, which it cannot migrate to); *version, *objects. */
static int check_schema(struct store *st, int64_t *version, int64_t *objects)
{
	int64_t app_id;
	if (query_int(st, "PRAGMA application_id", &app_id) != 0) {
		if ((sqlite3_errcode(st->db) & 0xFF) == SQLITE_NOTADB)
			return fail(
			    st,
			    "%s: not a hep data file (not an SQLite database)",
			    st->path);
		return -1;
	}
	if (query_int(st, "PRAGMA user_version", version) != 0 ||
	    query_int(st, "SELECT count(*) FROM sqlite_schema", objects) != 0)
		return -1;
	if (app_id != STORE_APPLICATION_ID && !(app_id == 0 && *objects == 0))
		return fail(st,
		            "%s: not a hep data file (another program's SQLite "
		            "database)",
		            st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return fail(st,
		            "%s: made by a newer hep (data version %lld; this "
		            "hep knows up to %d); please upgrade hep",
		            st->path, (long long)*version,
		            STORE_SCHEMA_VERSION);
	if (st->read_only && *version < STORE_SCHEMA_VERSION)
		return fail(
		    st,
		    "%s: the data file is from an older hep (data "
		    "version %lld) and must be upgraded, but it cannot "
		    "be written (%s); make it writable and run hep again",
		    st->path, (long long)*version, st->read_only);
	return 0;
}

static int open_checked(struct store *st, cal_day today)
{
	int64_t version, objects;
	if (connect_db(st) != 0 || check_schema(st, &version, &objects) != 0)
		return -1;
	bool fresh = objects == 0;
	char last[32] = "", day[CAL_DATE_LEN];
	cal_format(today, day);
	if (!fresh && version >= 1 &&
	    meta_get(st, "last_check", last, sizeof last) != 0)
		return -1;
	bool check = !fresh &&
	             (version < STORE_SCHEMA_VERSION || strcmp(last, day) != 0);
	if (check && quick_check(st) != 0)
		return -1;
	/* A 1 MiB page cache (the default is 2): a ten-year report, export
	 * and import read the file in order, no slower with it, and the peak
	 * RSS stays under 12 MiB with steps on every exercise (bench).
	 * Read-only, a sort larger than it stays in memory: nothing is
	 * written, not even a spill file. */
	if (st->read_only)
		return exec(st, "PRAGMA foreign_keys = ON;"
		                " PRAGMA cache_size = -1024;"
		                " PRAGMA temp_store = MEMORY");
	sqlite3_stmt *s = prepare(st, "PRAGMA journal_mode = DELETE");
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	release(st, s);
	if (rc != SQLITE_ROW)
		return fail_db(st, rc);
	if (exec(st, "PRAGMA synchronous = EXTRA; PRAGMA foreign_keys = ON;"
	             " PRAGMA cache_size = -1024") != 0)
		return -1;
	if (migrate(st, version) != 0)
		return -1;
	if (fresh || check) {
		if (store_begin(st) != 0 ||
		    meta_set(st, "last_check", day) != 0) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st) != 0)
			return -1;
	}
	return 0;
}

/*
 * SQLite's spill files (a sort larger than its cache, as in an export of
 * ten years) go beside the data file instead of /var/tmp, so that nothing
 * hep writes leaves the data folder. They are unlinked as they are made.
 */
static void temp_files_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash
	                ? sqlite3_mprintf("%.*s", (int)(slash - path + 1), path)
	                : sqlite3_mprintf(".");
	if (!dir)
		return; /* out of memory: SQLite's default then */
	sqlite3_free(sqlite3_temp_directory);
	sqlite3_temp_directory = dir;
}

/* Closes the connection; the store (its path, mode, waiter) stays. */
static void disconnect(struct store *st)
{
	if (!st->db)
		return;
	store_rollback(st);
	for (size_t i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	st->n_cache = 0;
	sqlite3_close_v2(st->db);
	st->db = NULL;
}

int store_fall_back(struct store *st)
{
	if (st->mode != STORE_READ || st->read_only || !st->cant_write ||
	    !st->existed)
		return -1;
	st->read_only = st->cant_write;
	disconnect(st);
	return open_checked(st, st->today);
}

int store_open(const char *path, cal_day today, enum store_mode mode,
               const struct store_waiter *wait, struct store **out, char *err,
               size_t errlen)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->mode = mode;
	st->today = today;
	store_set_waiter(st, wait);
	*out = NULL;
	temp_files_beside(path);
	if (open_checked(st, today) != 0 && store_fall_back(st) != 0) {
		strfmt(err, errlen, "%s", st->err);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

const char *store_read_only(const struct store *st)
{
	return st->read_only;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	disconnect(st);
	for (size_t i = 0; i < st->n_ids; i++)
		free(st->ids[i]);
	free(st->ids);
	free(st->path);
	free(st);
}

/* ---- snapshots --------------------------------------------------------- */

/*
 * The columns of a version of an exercise, made once from the field table
 * (rx_fields): the id, then each field's column in table order (a range's
 * upper bound right after it, as COLUMN_max).
 */
static const char *version_columns(void)
{
	static char cols[1024];
	if (!cols[0]) {
		strfmt(cols, sizeof cols, "id");
		for (size_t i = 0; i < RX_FIELDS; i++) {
			const struct rx_field *f = &rx_fields[i];
			strfmt(cols + strlen(cols), sizeof cols - strlen(cols),
			       ", %s", f->column);
			if (f->type == RX_COUNT || f->type == RX_TIME)
				strfmt(cols + strlen(cols),
				       sizeof cols - strlen(cols), ", %s_max",
				       f->column);
		}
	}
	return cols;
}

/* How many columns version_columns() names. */
static int version_width(void)
{
	int n = 1;
	for (size_t i = 0; i < RX_FIELDS; i++)
		n += rx_fields[i].type == RX_COUNT ||
		             rx_fields[i].type == RX_TIME
		         ? 2
		         : 1;
	return n;
}

/*
 * The statements of a snapshot's exercises and steps. The prepared
 * statement cache keys on these buffers' addresses.
 */
static const char *snapshot_select(bool steps)
{
	static char sql[2][1536];
	char *q = sql[steps];
	if (!q[0])
		strfmt(q, sizeof sql[0],
		       steps
		           ? "SELECT pos, step, step_from, step_label, %s FROM"
		             " snapshot_step WHERE day = ?1 ORDER BY pos, step"
		           : "SELECT %s FROM snapshot_exercise WHERE day = ?1"
		             " ORDER BY pos",
		       version_columns());
	return q;
}

static const char *snapshot_insert(bool steps)
{
	static char sql[2][2048];
	char *q = sql[steps];
	if (!q[0]) {
		int first = steps ? 6 : 3;
		strfmt(q, sizeof sql[0],
		       steps ? "INSERT INTO snapshot_step(day, pos, step, "
		               "step_from, step_label, %s) VALUES (?1, ?2, ?3, "
		               "?4, ?5"
		             : "INSERT INTO snapshot_exercise(day, pos, %s) "
		               "VALUES (?1, ?2",
		       version_columns());
		for (int i = 0; i < version_width(); i++)
			strfmt(q + strlen(q), sizeof sql[0] - strlen(q),
			       ", ?%d", first + i);
		strfmt(q + strlen(q), sizeof sql[0] - strlen(q), ")");
	}
	return q;
}

/* A bound of a count or a time from column i, within f's range (0 when
 * absent or out of it: a file written by hep holds no such value). */
static int16_t column_bound(sqlite3_stmt *s, int i, const struct rx_field *f)
{
	int v = sqlite3_column_int(s, i);
	return (int16_t)(v >= f->min && v <= f->max ? v : 0);
}

/* Field f of e from column *i of a snapshot row; moves *i past it. */
static void column_field(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                         const struct rx_field *f)
{
	const char *t = (const char *)sqlite3_column_text(s, *i);
	bool null = sqlite3_column_type(s, *i) == SQLITE_NULL;
	enum rx_side side = RX_SIDE_NONE;
	struct rx_range r;
	switch (f->type) {
	case RX_TEXT:
	case RX_LABELS:
	case RX_TEMPO:
		rx_field_set_text(e, f, t);
		break;
	case RX_SIDE:
		if (t)
			rx_side_parse(t, &side);
		rx_field_set_int(e, f, (int)side);
		break;
	case RX_DATE:
		rx_field_set_int(e, f, column_day(s, *i));
		break;
	case RX_COUNT:
	case RX_TIME:
		r.lo = column_bound(s, *i, f);
		(*i)++;
		r.hi = sqlite3_column_type(s, *i) == SQLITE_NULL
		           ? r.lo
		           : column_bound(s, *i, f);
		rx_field_set_range(e, f, r);
		break;
	default: /* RX_INT, RX_FLAG, RX_DAYS: NULL reads as absent */
		rx_field_set_int(e, f,
		                 null ? f->def : sqlite3_column_int(s, *i));
		break;
	}
	(*i)++;
}

/* Binds field f of e as parameter *i; moves *i past it. */
static void bind_field(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                       const struct rx_field *f)
{
	struct rx_range r;
	int v = rx_field_int(e, f);
	switch (f->type) {
	case RX_TEXT:
	case RX_LABELS:
	case RX_TEMPO:
		bind_text(s, *i, rx_field_text(e, f));
		break;
	case RX_SIDE:
		bind_text(s, *i, rx_side_name((enum rx_side)v));
		break;
	case RX_DATE:
		bind_day(s, *i, v);
		break;
	case RX_DAYS:
		sqlite3_bind_int(s, *i, v);
		break;
	case RX_COUNT:
	case RX_TIME:
		r = rx_field_range(e, f);
		bind_opt_int(s, *i, r.lo);
		(*i)++;
		bind_opt_int(s, *i, r.hi > r.lo ? r.hi : 0);
		break;
	case RX_INT:
	case RX_FLAG:
		if (f->needed || v != f->def)
			sqlite3_bind_int(s, *i, v);
		else
			sqlite3_bind_null(s, *i);
		break;
	}
	(*i)++;
}

/* A version's id and fields from a row, from column i on. */
static void column_version(sqlite3_stmt *s, int i, struct rx_exercise *e)
{
	memset(e, 0, sizeof *e);
	e->step_from = CAL_NONE;
	strfmt(e->id, sizeof e->id, "%s",
	       (const char *)sqlite3_column_text(s, i++));
	for (size_t k = 0; k < RX_FIELDS; k++)
		column_field(s, &i, e, &rx_fields[k]);
}

static void bind_version(sqlite3_stmt *s, int i, const struct rx_exercise *e)
{
	bind_text(s, i++, e->id);
	for (size_t k = 0; k < RX_FIELDS; k++)
		bind_field(s, &i, e, &rx_fields[k]);
}

/* Adds the steps a snapshot of day holds to its n exercises. */
static int load_steps(struct store *st, const char *day, struct rx_exercise *ex,
                      size_t n)
{
	sqlite3_stmt *s = prepare(st, snapshot_select(true));
	if (!s)
		return -1;
	bind_text(s, 1, day);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int pos = sqlite3_column_int(s, 0);
		if (pos < 0 || (size_t)pos >= n)
			continue;
		struct rx_exercise *e = &ex[pos];
		e->steps =
		    xrealloc(e->steps, (e->n_steps + 1) * sizeof *e->steps);
		struct rx_exercise *v = &e->steps[e->n_steps++];
		column_version(s, 4, v);
		v->step = (int)e->n_steps;
		v->step_from = column_day(s, 2);
		const char *label = (const char *)sqlite3_column_text(s, 3);
		v->step_label = label ? xstrdup(label) : NULL;
	}
	release(st, s);
	for (size_t i = 0; i < n; i++) {
		ex[i].step_count = (int)ex[i].n_steps;
		for (size_t k = 0; k < ex[i].n_steps; k++)
			ex[i].steps[k].step_count = (int)ex[i].n_steps;
	}
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

static int load_snapshot(struct store *st, const char *day,
                         struct rx_exercise **out, size_t *n)
{
	sqlite3_stmt *s = prepare(st, snapshot_select(false));
	if (!s)
		return -1;
	bind_text(s, 1, day);
	struct rx_exercise *ex = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ex = xrealloc(ex, (count + 1) * sizeof *ex);
		column_version(s, 0, &ex[count++]);
	}
	release(st, s);
	if (rc == SQLITE_DONE && load_steps(st, day, ex, count) != 0)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			rx_exercise_clear(&ex[i]);
		free(ex);
		return rc == SQLITE_ERROR ? -1 : fail_db(st, rc);
	}
	*out = ex;
	*n = count;
	return 0;
}

int store_snapshot_first(struct store *st, cal_day *out)
{
	return query_day(st, "SELECT min(day) FROM snapshot", out);
}

int store_snapshots(struct store *st, cal_day day, struct rx_snapshot **out,
                    size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = prepare(
	    st, "SELECT day, stored FROM snapshot WHERE day >= coalesce((SELECT"
	        " max(day) FROM snapshot WHERE day <= ?1), '') ORDER BY day");
	if (!s)
		return -1;
	bind_day(s, 1, day);
	char **days = NULL;
	cal_day *stored = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		days = xrealloc(days, (count + 1) * sizeof *days);
		stored = xrealloc(stored, (count + 1) * sizeof *stored);
		stored[count] = column_day(s, 1);
		days[count++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	release(st, s);
	int result = rc == SQLITE_DONE ? 0 : fail_db(st, rc);
	struct rx_snapshot *snaps = xcalloc(count, sizeof *snaps);
	for (size_t i = 0; i < count; i++)
		snaps[i].stored = stored[i];
	free(stored);
	for (size_t i = 0; i < count && result == 0; i++) {
		if (!cal_parse_date(days[i], &snaps[i].from))
			result = fail(st,
			              "%s: the data file holds a malformed "
			              "snapshot date \"%s\"",
			              st->path, days[i]);
		else
			result = load_snapshot(st, days[i], &snaps[i].ex,
			                       &snaps[i].n);
	}
	for (size_t i = 0; i < count; i++)
		free(days[i]);
	free(days);
	if (result != 0) {
		rx_snapshots_free(snaps, count);
		return -1;
	}
	*out = snaps;
	*n = count;
	return 0;
}

int store_snapshot_put(struct store *st, cal_day day, cal_day stored,
                       const struct rx_exercise *ex, size_t n)
{
	if (run_day(st, "DELETE FROM snapshot WHERE day = ?1", day) != 0)
		return -1;
	sqlite3_stmt *s =
	    prepare(st, "INSERT INTO snapshot(day, stored) VALUES (?1, ?2)");
	if (!s)
		return -1;
	bind_day(s, 1, day);
	bind_day(s, 2, stored);
	if (run(st, s) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!(s = prepare(st, snapshot_insert(false))))
			return -1;
		bind_day(s, 1, day);
		sqlite3_bind_int(s, 2, (int)i);
		bind_version(s, 3, &ex[i]);
		if (run(st, s) != 0)
			return -1;
		for (size_t k = 0; k < ex[i].n_steps; k++) {
			const struct rx_exercise *v = &ex[i].steps[k];
			if (!(s = prepare(st, snapshot_insert(true))))
				return -1;
			bind_day(s, 1, day);
			sqlite3_bind_int(s, 2, (int)i);
			sqlite3_bind_int(s, 3, (int)k + 1);
			bind_day(s, 4, v->step_from);
			bind_text(s, 5, v->step_label);
			bind_version(s, 6, v);
			if (run(st, s) != 0)
				return -1;
		}
	}
	return 0;
}

int store_snapshot_drop(struct store *st, cal_day day)
{
	return run_day(st, "DELETE FROM snapshot WHERE day = ?1", day);
}

/* ---- the measures' versions ------------------------------------------- */

/* The measures and activities of the version dated day into p. */
static int load_outcome_plan(struct store *st, const char *day,
                             struct rx_outcome_plan *p)
{
	sqlite3_stmt *s = prepare(
	    st, "SELECT id, name, unit, min, max, every, goal, better FROM"
	        " outcome_plan_measure WHERE day = ?1 ORDER BY pos");
	if (!s)
		return -1;
	bind_text(s, 1, day);
	int rc;
	bool bad = false;
	while (!bad && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->measures = xrealloc(p->measures, (p->n_measures + 1) *
		                                        sizeof *p->measures);
		struct rx_measure *m = &p->measures[p->n_measures++];
		memset(m, 0, sizeof *m);
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *every = (const char *)sqlite3_column_text(s, 5);
		const char *better = (const char *)sqlite3_column_text(s, 7);
		m->name = xstrdup((const char *)sqlite3_column_text(s, 1));
		m->unit = xstrdup((const char *)sqlite3_column_text(s, 2));
		m->min = sqlite3_column_int(s, 3);
		m->max = sqlite3_column_int(s, 4);
		m->goal = sqlite3_column_type(s, 6) == SQLITE_NULL
		              ? RX_NO_VALUE
		              : sqlite3_column_int(s, 6);
		m->lower_better = better && strcmp(better, "lower") == 0;
		bad = !id || !rx_valid_id(id) || !every ||
		      !rx_every_parse(every, &m->every);
		if (!bad)
			strfmt(m->id, sizeof m->id, "%s", id);
	}
	release(st, s);
	if (bad)
		return fail(st, "%s: the data file holds a malformed measure",
		            st->path);
	if (rc != SQLITE_DONE)
		return fail_db(st, rc);
	s = prepare(st, "SELECT activity FROM outcome_plan_psfs WHERE day = ?1"
	                " ORDER BY pos");
	if (!s)
		return -1;
	bind_text(s, 1, day);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->psfs = xrealloc(p->psfs, (p->n_psfs + 1) * sizeof *p->psfs);
		p->psfs[p->n_psfs++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	release(st, s);
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_outcome_plans(struct store *st, bool newest,
                        struct rx_outcome_plan **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s =
	    prepare(st, newest ? "SELECT day, stored FROM outcome_plan"
	                         " ORDER BY day DESC LIMIT 1"
	                       : "SELECT day, stored FROM outcome_plan"
	                         " ORDER BY day");
	if (!s)
		return -1;
	char **days = NULL;
	struct rx_outcome_plan *plans = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		days = xrealloc(days, (count + 1) * sizeof *days);
		plans = xrealloc(plans, (count + 1) * sizeof *plans);
		memset(&plans[count], 0, sizeof *plans);
		plans[count].stored = column_day(s, 1);
		days[count++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	release(st, s);
	int result = rc == SQLITE_DONE ? 0 : fail_db(st, rc);
	for (size_t i = 0; i < count && result == 0; i++) {
		if (!cal_parse_date(days[i], &plans[i].from))
			result = fail(st,
			              "%s: the data file holds a malformed "
			              "date of measures \"%s\"",
			              st->path, days[i]);
		else
			result = load_outcome_plan(st, days[i], &plans[i]);
	}
	for (size_t i = 0; i < count; i++)
		free(days[i]);
	free(days);
	if (result != 0) {
		rx_outcome_plans_free(plans, count);
		return -1;
	}
	*out = plans;
	*n = count;
	return 0;
}

int store_outcome_plan_put(struct store *st, const struct rx_outcome_plan *p)
{
	if (store_outcome_plan_drop(st, p->from) != 0)
		return -1;
	sqlite3_stmt *s = prepare(
	    st, "INSERT INTO outcome_plan(day, stored) VALUES (?1, ?2)");
	if (!s)
		return -1;
	bind_day(s, 1, p->from);
	bind_day(s, 2, p->stored);
	if (run(st, s) != 0)
		return -1;
	for (size_t i = 0; i < p->n_measures; i++) {
		const struct rx_measure *m = &p->measures[i];
		s = prepare(st, "INSERT INTO outcome_plan_measure(day, pos, id,"
		                " name, unit, min, max, every, goal, better)"
		                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		                " ?10)");
		if (!s)
			return -1;
		bind_day(s, 1, p->from);
		sqlite3_bind_int(s, 2, (int)i);
		bind_text(s, 3, m->id);
		bind_text(s, 4, m->name ? m->name : "");
		bind_text(s, 5, m->unit ? m->unit : "");
		sqlite3_bind_int(s, 6, m->min);
		sqlite3_bind_int(s, 7, m->max);
		bind_text(s, 8, rx_every_name(m->every));
		if (m->goal == RX_NO_VALUE)
			sqlite3_bind_null(s, 9);
		else
			sqlite3_bind_int(s, 9, m->goal);
		bind_text(s, 10, m->lower_better ? "lower" : "higher");
		if (run(st, s) != 0)
			return -1;
	}
	for (size_t i = 0; i < p->n_psfs; i++) {
		s = prepare(st, "INSERT INTO outcome_plan_psfs(day, pos,"
		                " activity) VALUES (?1, ?2, ?3)");
		if (!s)
			return -1;
		bind_day(s, 1, p->from);
		sqlite3_bind_int(s, 2, (int)i);
		bind_text(s, 3, p->psfs[i]);
		if (run(st, s) != 0)
			return -1;
	}
	return 0;
}

int store_outcome_plan_drop(struct store *st, cal_day day)
{
	return run_day(st, "DELETE FROM outcome_plan WHERE day = ?1", day);
}

int store_exercise_kind(struct store *st, const char *id, bool *known,
                        enum rx_kind *kind)
{
	sqlite3_stmt *s = prepare(
	    st, "SELECT per_week IS NOT NULL, coalesce(as_needed, 0) FROM"
	        " snapshot_exercise WHERE id = ?1 ORDER BY day DESC LIMIT 1");
	if (!s)
		return -1;
	bind_text(s, 1, id);
	int rc = sqlite3_step(s);
	*known = rc == SQLITE_ROW;
	*kind = !*known                    ? RX_KIND_FIXED
	        : sqlite3_column_int(s, 1) ? RX_KIND_AS_NEEDED
	        : sqlite3_column_int(s, 0) ? RX_KIND_PER_WEEK
	                                   : RX_KIND_FIXED;
	release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_peek_kinds(const char *path, const struct rx_exercise *ex, size_t n,
                     bool *known, enum rx_kind *kinds, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		known[i] = false;
		kinds[i] = RX_KIND_FIXED;
	}
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return 0; /* no data file yet: nothing recorded */
	bool exists;
	char *real = open_path(path, false, &exists, err, errlen);
	if (!real)
		return -1;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(real, &db,
	                         SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW |
	                             SQLITE_OPEN_NOMUTEX,
	                         NULL);
	free(real);
	sqlite3_stmt *s = NULL;
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(db, 5000);
	/* Files before schema 5 have no as_needed column. */
	int version = 0;
	if (rc == SQLITE_OK &&
	    (rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s,
	                             NULL)) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (rc == SQLITE_OK && version >= 1)
		rc = sqlite3_prepare_v2(
		    db,
		    version >= 5
		        ? "SELECT per_week IS NOT NULL, coalesce(as_needed, 0)"
		          " FROM snapshot_exercise WHERE id = ?1 ORDER BY day"
		          " DESC LIMIT 1"
		        : "SELECT per_week IS NOT NULL, 0 FROM snapshot_exercise"
		          " WHERE id = ?1 ORDER BY day DESC LIMIT 1",
		    -1, &s, NULL);
	for (size_t i = 0; rc == SQLITE_OK && s && i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, ex[i].id, -1, SQLITE_STATIC);
		int step = sqlite3_step(s);
		if (step == SQLITE_ROW) {
			known[i] = true;
			kinds[i] = sqlite3_column_int(s, 1) ? RX_KIND_AS_NEEDED
			           : sqlite3_column_int(s, 0) ? RX_KIND_PER_WEEK
			                                      : RX_KIND_FIXED;
		} else if (step != SQLITE_DONE) {
			rc = step;
		}
	}
	if (rc != SQLITE_OK)
		strfmt(err, errlen, "%s: cannot read the data file: %s", path,
		       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* ---- what stands ------------------------------------------------------- */

/* A day's count of sessions as a tally holds it (past 32767 a day it is no
 * longer a count a streak could tell apart). */
static int16_t count16(sqlite3_stmt *s, int i)
{
	int v = sqlite3_column_int(s, i);
	return (int16_t)(v > INT16_MAX ? INT16_MAX : v);
}

/* A pain column: 0..10, or -1 for NULL. */
static int column_pain(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
	           ? -1
	           : sqlite3_column_int(s, i);
}

/* The columns TALLY_COLUMNS, read from column i on, into t. */
#define TALLY_COLUMNS "done, reason, late, pain, noted"
static void column_tally(sqlite3_stmt *s, int i, struct tally *t)
{
	t->done = count16(s, i);
	const char *r = (const char *)sqlite3_column_text(s, i + 1);
	t->skip = SKIP_NONE;
	if (r)
		skip_reason_parse(r, &t->skip);
	t->late = count16(s, i + 2);
	t->pain = (int8_t)column_pain(s, i + 3);
	t->noted = sqlite3_column_int(s, i + 4) != 0;
}

int store_tallies(struct store *st, cal_day from, cal_day to,
                  struct tally **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = prepare(
	    st,
	    "SELECT exercise, day, " TALLY_COLUMNS
	    " FROM tally WHERE day BETWEEN ?1 AND ?2 ORDER BY day, exercise");
	if (!s)
		return -1;
	bind_day(s, 1, from);
	bind_day(s, 2, to);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct tally *t = &(*out)[(*n)++];
		t->exercise =
		    intern(st, (const char *)sqlite3_column_text(s, 0));
		t->day = column_day(s, 1);
		column_tally(s, 2, t);
	}
	release(st, s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail_db(st, rc);
	}
	return 0;
}

int store_tally_of(struct store *st, const char *id, cal_day day,
                   struct tally *out, bool *found)
{
	sqlite3_stmt *s = prepare(st, "SELECT " TALLY_COLUMNS " FROM tally"
	                              " WHERE day = ?1 AND exercise = ?2");
	if (!s)
		return -1;
	bind_day(s, 1, day);
	bind_text(s, 2, id);
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	memset(out, 0, sizeof *out);
	out->exercise = intern(st, id);
	out->day = day;
	out->pain = -1;
	if (*found)
		column_tally(s, 0, out);
	release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_first_recorded(struct store *st, cal_day *out)
{
	return query_day(st, "SELECT min(day) FROM tally", out);
}

int store_day_has_entries(struct store *st, cal_day day, bool *any)
{
	sqlite3_stmt *s = prepare(
	    st, "SELECT EXISTS (SELECT 1 FROM entry WHERE day = ?1 AND kind IN"
	        " ('session', 'skip', 'undo', 'redo', 'correction',"
	        " 'withdraw'))");
	if (!s)
		return -1;
	bind_day(s, 1, day);
	int rc = sqlite3_step(s);
	*any = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
	release(st, s);
	return rc == SQLITE_ROW ? 0 : fail_db(st, rc);
}

/* ---- the diary ---------------------------------------------------------- */

#define ENTRY_COLUMNS                                                          \
	"seq, kind, exercise, day, made_at, late, session, pain, pain_before," \
	" note, reason, fixes, old_pain, old_pain_before, old_note, value,"    \
	" items"

/* Entries of an exercise's day: the outcome entries are not. */
#define EXERCISE_KINDS " kind NOT IN ('measure', 'psfs')"

/* Reads an entry row (ENTRY_COLUMNS) into e; its texts are the statement's
 * until the next step. */
static void column_entry(sqlite3_stmt *s, struct diary_entry *e)
{
	memset(e, 0, sizeof *e);
	e->seq = sqlite3_column_int64(s, 0);
	const char *kind = (const char *)sqlite3_column_text(s, 1);
	if (!kind || !entry_kind_parse(kind, &e->kind))
		e->kind = ENTRY_KINDS; /* a kind this hep does not replay */
	strfmt(e->exercise, sizeof e->exercise, "%s",
	       (const char *)sqlite3_column_text(s, 2));
	e->day = column_day(s, 3);
	const char *at = (const char *)sqlite3_column_text(s, 4);
	if (!at || !cal_parse_utc(at, &e->made_utc))
		e->made_utc = 0;
	e->late = sqlite3_column_int(s, 5) != 0;
	e->session = sqlite3_column_int(s, 6);
	e->pain = column_pain(s, 7);
	e->pain_before = column_pain(s, 8);
	e->note = (const char *)sqlite3_column_text(s, 9);
	const char *r = (const char *)sqlite3_column_text(s, 10);
	e->reason = SKIP_NONE;
	if (r)
		skip_reason_parse(r, &e->reason);
	e->fixes = sqlite3_column_int(s, 11);
	e->old_pain = column_pain(s, 12);
	e->old_pain_before = column_pain(s, 13);
	e->old_note = (const char *)sqlite3_column_text(s, 14);
	e->value = (int32_t)sqlite3_column_int64(s, 15);
	e->items = (const char *)sqlite3_column_text(s, 16);
}

/* Binds the fields of e as ?1.. in ENTRY_COLUMNS order, seq left out. */
static void bind_entry(sqlite3_stmt *s, const struct diary_entry *e)
{
	char at[21];
	bind_text(s, 1, e->kind < ENTRY_KINDS ? entry_kind_name(e->kind) : "");
	bind_text(s, 2, e->exercise);
	bind_day(s, 3, e->day);
	bind_text(s, 4, cal_format_utc(e->made_utc, at));
	sqlite3_bind_int(s, 5, e->late);
	bind_opt_int(s, 6, e->session);
	bind_pain(s, 7, e->pain);
	bind_pain(s, 8, e->pain_before);
	bind_text(s, 9, e->note);
	bind_text(s, 10, skip_reason_name(e->reason));
	sqlite3_bind_int(s, 11, e->fixes);
	bind_pain(s, 12, e->old_pain);
	bind_pain(s, 13, e->old_pain_before);
	bind_text(s, 14, e->old_note);
	if (e->kind == ENTRY_MEASURE)
		sqlite3_bind_int64(s, 15, e->value);
	else
		sqlite3_bind_null(s, 15);
	bind_text(s, 16, e->items);
}

int store_append_only(struct store *st, const struct diary_entry *e)
{
	sqlite3_stmt *s = prepare(
	    st, "INSERT INTO entry(kind, exercise, day, made_at, late, session,"
	        " pain, pain_before, note, reason, fixes, old_pain,"
	        " old_pain_before, old_note, value, items) VALUES (?1, ?2, ?3,"
	        " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
	if (!s)
		return -1;
	bind_entry(s, e);
	return run(st, s);
}

int store_last_seq(struct store *st, int64_t *seq)
{
	return query_int(st, "SELECT coalesce(max(seq), 0) FROM entry", seq);
}

void store_day_free(struct store_day *d)
{
	diary_state_free(&d->state);
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->entries[i].note);
		free((char *)d->entries[i].old_note);
		free((char *)d->entries[i].items);
	}
	free(d->entries);
	memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int store_day_read(struct store *st, const char *id, cal_day day,
                   struct store_day *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = prepare(
	    st, "SELECT " ENTRY_COLUMNS " FROM entry WHERE day = ?1"
	        " AND exercise = ?2 AND" EXERCISE_KINDS " ORDER BY seq");
	if (!s)
		return -1;
	bind_day(s, 1, day);
	bind_text(s, 2, id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->entries =
		    xrealloc(out->entries, (out->n + 1) * sizeof *out->entries);
		struct diary_entry *e = &out->entries[out->n++];
		column_entry(s, e);
		e->note = dup_or_null(e->note);
		e->old_note = dup_or_null(e->old_note);
		e->items = dup_or_null(e->items);
	}
	release(st, s);
	if (rc != SQLITE_DONE) {
		store_day_free(out);
		return fail_db(st, rc);
	}
	diary_replay(out->entries, out->n, &out->state);
	return 0;
}

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether the stored row x is what the standing session y says. */
static bool session_same(const struct session *x, const struct diary_session *y)
{
	char at[21];
	return strcmp(x->logged_at, cal_format_utc(y->entry->made_utc, at)) ==
	           0 &&
	       x->late == y->entry->late && x->pain == y->pain &&
	       x->pain_before == y->pain_before && str_same(x->note, y->note);
}

/* The standing skip row of id on day (reason SKIP_NONE if none). */
struct skip_row {
	enum skip_reason reason;
	char logged_at[21];
	int pain;
	char *note;
};

static int read_skip(struct store *st, const char *id, cal_day day,
                     struct skip_row *k)
{
	memset(k, 0, sizeof *k);
	k->pain = -1;
	sqlite3_stmt *s = prepare(st, "SELECT reason, logged_at, pain, note"
	                              " FROM skip WHERE exercise = ?1 AND"
	                              " day = ?2");
	if (!s)
		return -1;
	bind_text(s, 1, id);
	bind_day(s, 2, day);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		skip_reason_parse((const char *)sqlite3_column_text(s, 0),
		                  &k->reason);
		strfmt(k->logged_at, sizeof k->logged_at, "%s",
		       (const char *)sqlite3_column_text(s, 1));
		k->pain = column_pain(s, 2);
		k->note = dup_or_null((const char *)sqlite3_column_text(s, 3));
	}
	release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

static bool skip_same(const struct skip_row *k, const struct diary_entry *e)
{
	char at[21];
	if (!e)
		return k->reason == SKIP_NONE;
	return k->reason == e->reason &&
	       strcmp(k->logged_at, cal_format_utc(e->made_utc, at)) == 0 &&
	       k->pain == e->pain && str_same(k->note, e->note);
}

/* Writes standing session n (1-based) of id on day: an update or insert. */
static int put_session(struct store *st, const char *id, cal_day day, int n,
                       const struct diary_session *x, bool update)
{
	char at[21];
	sqlite3_stmt *s = prepare(
	    st, update ? "UPDATE session SET logged_at = ?4, late = ?5,"
	                 " pain = ?6, pain_before = ?7, note = ?8"
	                 " WHERE exercise = ?1 AND day = ?2 AND n = ?3"
	               : "INSERT INTO session(exercise, day, n, logged_at,"
	                 " late, pain, pain_before, note) VALUES (?1, ?2, ?3,"
	                 " ?4, ?5, ?6, ?7, ?8)");
	if (!s)
		return -1;
	bind_text(s, 1, id);
	bind_day(s, 2, day);
	sqlite3_bind_int(s, 3, n);
	bind_text(s, 4, cal_format_utc(x->entry->made_utc, at));
	sqlite3_bind_int(s, 5, x->entry->late);
	bind_pain(s, 6, x->pain);
	bind_pain(s, 7, x->pain_before);
	bind_text(s, 8, x->note);
	return run(st, s);
}

/* Writes the skip row a standing skip entry stands for. */
static int put_skip(struct store *st, const struct diary_entry *k)
{
	char at[21];
	sqlite3_stmt *s = prepare(st, "INSERT INTO skip(exercise, day, reason,"
	                              " logged_at, note, pain) VALUES (?1, ?2,"
	                              " ?3, ?4, ?5, ?6)");
	if (!s)
		return -1;
	bind_text(s, 1, k->exercise);
	bind_day(s, 2, k->day);
	bind_text(s, 3, skip_reason_name(k->reason));
	bind_text(s, 4, cal_format_utc(k->made_utc, at));
	bind_text(s, 5, k->note);
	bind_pain(s, 6, k->pain);
	return run(st, s);
}

/*
 * Makes the session and skip rows of id on day what its entries leave
 * standing, touching only the rows that differ (the triggers then keep
 * the tally and drop the marks).
 */
static int sync_day(struct store *st, const char *id, cal_day day)
{
	struct store_day d;
	struct session *old = NULL;
	size_t n_old = 0;
	struct skip_row k = {0};
	int rc = -1;
	if (store_day_read(st, id, day, &d) != 0)
		return -1;
	if (store_sessions(st, id, day, &old, &n_old) != 0 ||
	    read_skip(st, id, day, &k) != 0)
		goto out;
	const struct diary_state *x = &d.state;
	size_t most = n_old > x->n_sessions ? n_old : x->n_sessions;
	for (size_t i = 0; i < most; i++) {
		int r = 0;
		if (i < n_old && i < x->n_sessions) {
			if (!session_same(&old[i], &x->sessions[i]))
				r = put_session(st, id, day, (int)i + 1,
				                &x->sessions[i], true);
		} else if (i < x->n_sessions) {
			r = put_session(st, id, day, (int)i + 1,
			                &x->sessions[i], false);
		} else {
			sqlite3_stmt *s = prepare(
			    st, "DELETE FROM session WHERE exercise = ?1 AND"
			        " day = ?2 AND n = ?3");
			if (!s)
				goto out;
			bind_text(s, 1, id);
			bind_day(s, 2, day);
			sqlite3_bind_int(s, 3, (int)i + 1);
			r = run(st, s);
		}
		if (r != 0)
			goto out;
	}
	if (!skip_same(&k, x->skip)) {
		sqlite3_stmt *s = prepare(
		    st, "DELETE FROM skip WHERE exercise = ?1 AND day = ?2");
		if (!s)
			goto out;
		bind_text(s, 1, id);
		bind_day(s, 2, day);
		if (run(st, s) != 0)
			goto out;
		if (x->skip && put_skip(st, x->skip) != 0)
			goto out;
	}
	rc = 0;
out:
	free(k.note);
	store_sessions_free(old, n_old);
	store_day_free(&d);
	return rc;
}

int store_append(struct store *st, const struct diary_entry *e, int64_t *seq)
{
	if (store_append_only(st, e) != 0)
		return -1;
	if (seq)
		*seq = sqlite3_last_insert_rowid(st->db);
	/* An outcome stands as it is: no exercise's day changes. */
	return entry_is_outcome(e->kind) ? 0
	                                 : sync_day(st, e->exercise, e->day);
}

/* Writes what the n entries of one exercise and day leave standing, where
 * nothing stood before. */
static int write_fresh(struct store *st, const struct diary_entry *e, size_t n)
{
	struct diary_state x;
	diary_replay(e, n, &x);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < x.n_sessions; i++)
		rc = put_session(st, e->exercise, e->day, (int)i + 1,
		                 &x.sessions[i], false);
	if (rc == 0 && x.skip)
		rc = put_skip(st, x.skip);
	diary_state_free(&x);
	return rc;
}

static void free_group(struct diary_entry *e, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		free((char *)e[i].note);
		free((char *)e[i].old_note);
	}
	*n = 0;
}

/* store_sync_after on a file where nothing stood before the import: one
 * pass over the diary in day order, a day's entries at a time. */
static int sync_fresh(struct store *st)
{
	sqlite3_stmt *s =
	    prepare(st, "SELECT " ENTRY_COLUMNS " FROM entry"
	                " WHERE" EXERCISE_KINDS " ORDER BY day, exercise, seq");
	if (!s)
		return -1;
	struct diary_entry *group = NULL;
	size_t n = 0, cap = 0;
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct diary_entry e;
		column_entry(s, &e);
		if (n > 0 && (group[0].day != e.day ||
		              strcmp(group[0].exercise, e.exercise) != 0)) {
			result = write_fresh(st, group, n);
			free_group(group, &n);
		}
		if (n == cap)
			group = xrealloc(group, (cap = cap ? cap * 2 : 8) *
			                            sizeof *group);
		e.note = dup_or_null(e.note);
		e.old_note = dup_or_null(e.old_note);
		e.items = NULL; /* never an outcome's: not kept */
		group[n++] = e;
	}
	if (result == 0 && n > 0 && rc == SQLITE_DONE)
		result = write_fresh(st, group, n);
	free_group(group, &n);
	free(group);
	release(st, s);
	if (result != 0)
		return -1;
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_sync_after(struct store *st, int64_t seq)
{
	if (st->fresh && seq == 0)
		return sync_fresh(st);
	sqlite3_stmt *s = prepare(st, "SELECT DISTINCT exercise, day FROM entry"
	                              " WHERE seq > ?1 AND" EXERCISE_KINDS
	                              " ORDER BY day, exercise");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		char id[RX_ID_MAX + 1];
		strfmt(id, sizeof id, "%s",
		       (const char *)sqlite3_column_text(s, 0));
		result = sync_day(st, id, column_day(s, 1));
	}
	release(st, s);
	if (result != 0)
		return -1;
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

/* More than a year: read the whole table in its order rather than look up
 * each row through the day index (four times faster once the days are
 * most of the record). */
#define WIDE(from, to) ((to) - (from) > 366)

/* Binds from and to as ?1 and ?2 of s (ENTRY_COLUMNS, by seq) and calls
 * fn for each entry it selects: store_each_diary, store_each_outcome. */
static int walk_entries(struct store *st, sqlite3_stmt *s, cal_day from,
                        cal_day to,
                        int (*fn)(void *arg, const struct diary_entry *e),
                        void *arg)
{
	bind_day(s, 1, from);
	bind_day(s, 2, to);
	int rc, stop = 0;
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct diary_entry e;
		column_entry(s, &e);
		stop = fn(arg, &e);
	}
	release(st, s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_each_diary(struct store *st, cal_day from, cal_day to,
                     int (*fn)(void *arg, const struct diary_entry *e),
                     void *arg)
{
	sqlite3_stmt *s = prepare(
	    st, WIDE(from, to) ? "SELECT " ENTRY_COLUMNS " FROM entry WHERE"
	                         " +day BETWEEN ?1 AND ?2 ORDER BY seq"
	                       : "SELECT " ENTRY_COLUMNS " FROM entry WHERE"
	                         " day BETWEEN ?1 AND ?2 ORDER BY seq");
	if (!s)
		return -1;
	return walk_entries(st, s, from, to, fn, arg);
}

int store_each_outcome(struct store *st, cal_day from, cal_day to,
                       int (*fn)(void *arg, const struct diary_entry *e),
                       void *arg)
{
	sqlite3_stmt *s = prepare(
	    st, "SELECT " ENTRY_COLUMNS " FROM entry WHERE kind IN ('measure',"
	        " 'psfs') AND day BETWEEN ?1 AND ?2 ORDER BY seq");
	if (!s)
		return -1;
	return walk_entries(st, s, from, to, fn, arg);
}

int store_sessions(struct store *st, const char *id, cal_day day,
                   struct session **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = prepare(
	    st,
	    "SELECT n, logged_at, late, pain, pain_before, note FROM session"
	    " WHERE exercise = ?1 AND day = ?2 ORDER BY n");
	if (!s)
		return -1;
	bind_text(s, 1, id);
	bind_day(s, 2, day);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct session *x = &(*out)[(*n)++];
		memset(x, 0, sizeof *x);
		strfmt(x->exercise, sizeof x->exercise, "%s", id);
		x->day = day;
		x->n = sqlite3_column_int(s, 0);
		strfmt(x->logged_at, sizeof x->logged_at, "%s",
		       (const char *)sqlite3_column_text(s, 1));
		x->late = sqlite3_column_int(s, 2) != 0;
		x->pain = column_pain(s, 3);
		x->pain_before = column_pain(s, 4);
		x->note = dup_or_null((const char *)sqlite3_column_text(s, 5));
	}
	release(st, s);
	if (rc != SQLITE_DONE) {
		store_sessions_free(*out, *n);
		*out = NULL;
		*n = 0;
		return fail_db(st, rc);
	}
	return 0;
}

void store_sessions_free(struct session *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].note);
	free(s);
}

int store_exercise_ids(struct store *st, char ***ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *s = prepare(
	    st, "SELECT DISTINCT id FROM snapshot_exercise ORDER BY id");
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	release(st, s);
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

/* ---- replay, from scratch ------------------------------------------------ */

/* The first difference between what id's entries on day leave standing and
 * the stored rows, as a message; 0 if none. */
static int verify_day(struct store *st, const char *id, cal_day day)
{
	struct store_day d;
	struct session *old = NULL;
	size_t n_old = 0;
	struct skip_row k = {0};
	char dd[CAL_DATE_LEN];
	int rc = -1;
	if (store_day_read(st, id, day, &d) != 0)
		return -1;
	if (store_sessions(st, id, day, &old, &n_old) != 0 ||
	    read_skip(st, id, day, &k) != 0)
		goto out;
	cal_format(day, dd);
	if (n_old != d.state.n_sessions) {
		fail(st, "%s on %s: %zu sessions stored, the diary says %zu",
		     id, dd, n_old, d.state.n_sessions);
		goto out;
	}
	for (size_t i = 0; i < n_old; i++) {
		if (old[i].n != (int)i + 1 ||
		    !session_same(&old[i], &d.state.sessions[i])) {
			fail(st, "%s on %s: session %zu differs from the diary",
			     id, dd, i + 1);
			goto out;
		}
	}
	if (!skip_same(&k, d.state.skip)) {
		fail(st, "%s on %s: the skip differs from the diary", id, dd);
		goto out;
	}
	rc = 0;
out:
	free(k.note);
	store_sessions_free(old, n_old);
	store_day_free(&d);
	return rc;
}

int store_verify(struct store *st)
{
	sqlite3_stmt *s =
	    prepare(st, "SELECT exercise, day FROM entry WHERE" EXERCISE_KINDS
	                " UNION SELECT exercise, day FROM session UNION SELECT"
	                " exercise, day FROM skip");
	if (!s)
		return -1;
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		char id[RX_ID_MAX + 1];
		strfmt(id, sizeof id, "%s",
		       (const char *)sqlite3_column_text(s, 0));
		result = verify_day(st, id, column_day(s, 1));
	}
	release(st, s);
	if (result != 0)
		return -1;
	if (rc != SQLITE_DONE)
		return fail_db(st, rc);
	int64_t differ;
	/* clang-format off */
	if (query_int(st,
	        "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM tally"
	        " EXCEPT " TALLY_SELECT("''", "'9999-12-31'") ")"
	        " UNION ALL SELECT * FROM ("
	        TALLY_SELECT("''", "'9999-12-31'")
	        " EXCEPT SELECT * FROM tally))",
	        &differ) != 0)
		return -1;
	/* clang-format on */
	if (differ != 0)
		return fail(st, "%lld tally rows differ from a recount",
		            (long long)differ);
	return 0;
}

/* ---- the record as a whole --------------------------------------------- */

int store_check(struct store *st)
{
	return quick_check(st);
}

/* The standing sessions of days ?1..?2 (those SESSIONS_WHERE also allows)
 * and the skips, in the record's order. DAY is "day", or "+day" for a
 * WIDE span (see WIDE). */
#define ROWS(DAY, SESSIONS_WHERE)                                              \
	"SELECT day, exercise, logged_at, pain, note, reason, pain_before"     \
	" FROM (SELECT day, exercise, logged_at, pain, note, NULL AS reason,"  \
	"  0 AS k, n, pain_before FROM session WHERE " DAY                     \
	" BETWEEN ?1 AND ?2" SESSIONS_WHERE                                    \
	" UNION ALL SELECT day, exercise, logged_at, pain, note, reason,"      \
	"  1, 0, NULL FROM skip WHERE day BETWEEN ?1 AND ?2)"                  \
	" ORDER BY day, exercise, k, logged_at, n"

static int each_row(struct store *st, const char *sql, cal_day from, cal_day to,
                    int (*fn)(void *arg, const struct state_row *r), void *arg)
{
	sqlite3_stmt *s = prepare(st, sql);
	if (!s)
		return -1;
	bind_day(s, 1, from);
	bind_day(s, 2, to);
	int rc, stop = 0;
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct state_row r = {0};
		r.day = column_day(s, 0);
		strfmt(r.exercise, sizeof r.exercise, "%s",
		       (const char *)sqlite3_column_text(s, 1));
		const char *at = (const char *)sqlite3_column_text(s, 2);
		if (!at || !cal_parse_utc(at, &r.logged_utc))
			r.logged_utc = 0;
		r.pain = column_pain(s, 3);
		r.pain_before = column_pain(s, 6);
		r.note = (const char *)sqlite3_column_text(s, 4);
		const char *reason = (const char *)sqlite3_column_text(s, 5);
		r.skip = SKIP_NONE;
		if (reason)
			skip_reason_parse(reason, &r.skip);
		stop = fn(arg, &r);
	}
	release(st, s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_each_row(struct store *st, cal_day from, cal_day to,
                   int (*fn)(void *arg, const struct state_row *r), void *arg)
{
	return each_row(st, WIDE(from, to) ? ROWS("+day", "") : ROWS("day", ""),
	                from, to, fn, arg);
}

/* A session a report tells of beyond its count. */
#define REMARKS                                                                \
	" AND (pain IS NOT NULL OR note IS NOT NULL OR pain_before IS NOT"     \
	" NULL)"

int store_each_remark(struct store *st, cal_day from, cal_day to,
                      int (*fn)(void *arg, const struct state_row *r),
                      void *arg)
{
	return each_row(
	    st, WIDE(from, to) ? ROWS("+day", REMARKS) : ROWS("day", REMARKS),
	    from, to, fn, arg);
}

int store_bulk_begin(struct store *st)
{
	return meta_set(st, "bulk", "1");
}

int store_bulk_end(struct store *st, cal_day from, cal_day to)
{
	sqlite3_stmt *s = prepare(st, "DELETE FROM meta WHERE key = 'bulk'");
	if (!s || run(st, s) != 0)
		return -1;
	if (run_day(st, "DELETE FROM streak_mark WHERE day >= ?1", from) != 0)
		return -1;
	s = prepare(st, "DELETE FROM tally WHERE day BETWEEN ?1 AND ?2");
	if (!s)
		return -1;
	bind_day(s, 1, from);
	bind_day(s, 2, to);
	if (run(st, s) != 0)
		return -1;
	s = prepare(st, TALLY_OF_DAYS("?1", "?2"));
	if (!s)
		return -1;
	bind_day(s, 1, from);
	bind_day(s, 2, to);
	return run(st, s);
}

/* ---- streak marks ------------------------------------------------------ */

void store_mark_free(struct streak_mark *m)
{
	free(m->ex);
	m->ex = NULL;
	m->n_ex = 0;
	m->day = CAL_NONE;
}

int store_mark_get(struct store *st, cal_day start, enum cal_weekday ws,
                   cal_day before, struct streak_mark *out)
{
	memset(out, 0, sizeof *out);
	out->day = CAL_NONE;
	sqlite3_stmt *s = prepare(
	    st, "SELECT day, exercise, current, longest, weeks FROM streak_mark"
	        " WHERE day = (SELECT max(day) FROM streak_mark WHERE"
	        "  exercise = '' AND day < ?1 AND start = ?2 AND"
	        "  week_starts = ?3)"
	        " ORDER BY exercise");
	if (!s)
		return -1;
	bind_day(s, 1, before);
	bind_day(s, 2, start);
	sqlite3_bind_int(s, 3, (int)ws);
	int rc;
	bool whole = false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 1);
		struct streak k = {sqlite3_column_int(s, 2),
		                   sqlite3_column_int(s, 3)};
		out->day = column_day(s, 0);
		if (*id == '\0') {
			out->days = k;
			whole = true;
			continue;
		}
		out->ex = xrealloc(out->ex, (out->n_ex + 1) * sizeof *out->ex);
		struct mark_exercise *x = &out->ex[out->n_ex++];
		strfmt(x->id, sizeof x->id, "%s", id);
		x->weeks = sqlite3_column_int(s, 4) != 0;
		x->streak = k;
	}
	release(st, s);
	if (rc != SQLITE_DONE || !whole || out->day == CAL_NONE) {
		store_mark_free(out);
		return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
	}
	out->start = start;
	out->week_starts = ws;
	return 0;
}

static int mark_row(struct store *st, const struct streak_mark *m,
                    const char *id, bool weeks, struct streak k)
{
	sqlite3_stmt *s = prepare(
	    st, "INSERT OR REPLACE INTO streak_mark(day, exercise, start,"
	        " week_starts, current, longest, weeks)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	bind_day(s, 1, m->day);
	bind_text(s, 2, id);
	bind_day(s, 3, m->start);
	sqlite3_bind_int(s, 4, (int)m->week_starts);
	sqlite3_bind_int(s, 5, k.current);
	sqlite3_bind_int(s, 6, k.longest);
	sqlite3_bind_int(s, 7, weeks);
	return run(st, s);
}

int store_mark_put(struct store *st, const struct streak_mark *m)
{
	if (st->read_only)
		return -1;
	/* A cache write never waits: another writer holds the file. */
	st->no_wait = true;
	int rc = store_begin(st);
	st->no_wait = false;
	if (rc != 0)
		return -1;
	sqlite3_stmt *s = prepare(
	    st, "DELETE FROM streak_mark WHERE day = ?1 OR start != ?2 OR"
	        " week_starts != ?3 OR day IN (SELECT day FROM streak_mark"
	        "  WHERE exercise = '' ORDER BY day DESC LIMIT -1 OFFSET ?4)");
	if (!s)
		goto fail;
	bind_day(s, 1, m->day);
	bind_day(s, 2, m->start);
	sqlite3_bind_int(s, 3, (int)m->week_starts);
	sqlite3_bind_int(s, 4, STORE_MARKS_KEPT - 1);
	if (run(st, s) != 0 || mark_row(st, m, "", false, m->days) != 0)
		goto fail;
	for (size_t i = 0; i < m->n_ex; i++)
		if (mark_row(st, m, m->ex[i].id, m->ex[i].weeks,
		             m->ex[i].streak) != 0)
			goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

/* ---- an import's staging table ------------------------------------------ */

int store_stage_begin(struct store *st, bool *fresh)
{
	/* Nothing recorded yet (a back-up restored into a new file): no
	 * entry can be equal to a stored one, and what stands is written in
	 * one pass at the end (store_sync_after). */
	int64_t any;
	if (query_int(st,
	              "SELECT EXISTS (SELECT 1 FROM entry) OR EXISTS (SELECT 1"
	              " FROM session) OR EXISTS (SELECT 1 FROM skip)",
	              &any) != 0)
		return -1;
	*fresh = st->fresh = any == 0;
	if (st->fresh)
		return exec(st, "SAVEPOINT import_rows");
	/* A temporary table: its pages never reach the data file, and a
	 * small cache keeps the import's memory flat (it spills beside the
	 * data file, see temp_files_beside). */
	if (exec(st, "PRAGMA temp.cache_size = -512") != 0)
		return -1;
	return exec(st, "CREATE TEMP TABLE import_stage("
	                " ord INTEGER PRIMARY KEY, line INTEGER NOT NULL,"
	                " whole INTEGER NOT NULL,"
	                " key TEXT NOT NULL, kind TEXT NOT NULL,"
	                " exercise TEXT NOT NULL, day TEXT NOT NULL,"
	                " made_at TEXT NOT NULL, late INTEGER NOT NULL,"
	                " session INTEGER, pain INTEGER, pain_before INTEGER,"
	                " note TEXT, reason TEXT, fixes INTEGER NOT NULL,"
	                " old_pain INTEGER, old_pain_before INTEGER,"
	                " old_note TEXT, value INTEGER, items TEXT);"
	                "CREATE INDEX temp.import_stage_key ON"
	                " import_stage(key, ord)");
}

/*
 * An entry's key for matching (see store_stage_add): the fields that make
 * two entries equal, as one text. Notes go last, whole, so that no
 * separator inside them can make two different entries look alike.
 */
static char *entry_key(const struct diary_entry *e, bool whole)
{
	char at[21];
	cal_format_utc(e->made_utc, at);
	char d[CAL_DATE_LEN];
	cal_format(e->day, d);
	if (!whole)
		return xasprintf("%d|%s|%s|%s|%d", (int)e->kind, e->exercise, d,
		                 at, (int)e->reason);
	return xasprintf(
	    "%d|%s|%s|%s|%d|%d|%d|%d|%d|%d|%d|%d|%ld|%d|%zu:%s|%zu:%s|%s",
	    (int)e->kind, e->exercise, d, at, e->late, e->session, e->pain,
	    e->pain_before, (int)e->reason, e->fixes, e->old_pain,
	    e->old_pain_before, e->kind == ENTRY_MEASURE ? (long)e->value : 0L,
	    e->note != NULL, e->note ? strlen(e->note) : 0,
	    e->note ? e->note : "", e->items ? strlen(e->items) : 0,
	    e->items ? e->items : "", e->old_note ? e->old_note : "\x01");
}

int store_stage_add(struct store *st, const struct diary_entry *e, bool whole,
                    int line)
{
	sqlite3_stmt *s = prepare(
	    st, "INSERT INTO import_stage(kind, exercise, day, made_at, late,"
	        " session, pain, pain_before, note, reason, fixes, old_pain,"
	        " old_pain_before, old_note, value, items, line, whole, key)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	        " ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
	if (!s)
		return -1;
	bind_entry(s, e);
	sqlite3_bind_int(s, 17, line);
	sqlite3_bind_int(s, 18, whole);
	char *key = entry_key(e, whole);
	sqlite3_bind_text(s, 19, key, -1, free);
	return run(st, s);
}

int store_stage_drop_rows(struct store *st)
{
	if (st->fresh)
		return exec(st, "ROLLBACK TO import_rows");
	return exec(st, "DELETE FROM import_stage WHERE whole = 0");
}

/* How many stored entries equal e: every field of a diary entry (whole),
 * or a state row's kind, exercise, day, time and reason. */
static int count_equal(struct store *st, const struct diary_entry *e,
                       bool whole, int *count)
{
	sqlite3_stmt *s = prepare(
	    st, whole ? "SELECT count(*) FROM entry WHERE kind = ?1 AND"
	                " exercise = ?2 AND day = ?3 AND made_at = ?4 AND"
	                " late = ?5 AND session IS ?6 AND pain IS ?7 AND"
	                " pain_before IS ?8 AND note IS ?9 AND reason IS ?10"
	                " AND fixes = ?11 AND old_pain IS ?12 AND"
	                " old_pain_before IS ?13 AND old_note IS ?14 AND"
	                " value IS ?15 AND items IS ?16"
	              : "SELECT count(*) FROM entry WHERE kind = ?1 AND"
	                " exercise = ?2 AND day = ?3 AND made_at = ?4 AND"
	                " reason IS ?10");
	if (!s)
		return -1;
	bind_entry(s, e);
	int rc = sqlite3_step(s);
	*count = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	release(st, s);
	return rc == SQLITE_ROW ? 0 : fail_db(st, rc);
}

int store_each_staged(struct store *st,
                      int (*fn)(void *arg, const struct diary_entry *e,
                                bool whole, int line, int k, int stored),
                      void *arg)
{
	/* In file order (the table's own), each with its rank among the
	 * equal ones before it (the key index): no sort of the whole file. */
	sqlite3_stmt *s = prepare(
	    st, "SELECT line, kind, exercise, day, made_at, late, session,"
	        " pain, pain_before, note, reason, fixes, old_pain,"
	        " old_pain_before, old_note, value, items, whole, (SELECT"
	        " count(*) FROM import_stage b WHERE b.key = a.key AND"
	        " b.ord < a.ord) + 1 FROM import_stage a ORDER BY ord");
	if (!s)
		return -1;
	int rc, stop = 0;
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct diary_entry e;
		column_entry(s, &e); /* line stands where seq would */
		int line = (int)e.seq;
		e.seq = 0;
		bool whole = sqlite3_column_int(s, 17) != 0;
		int k = sqlite3_column_int(s, 18), stored = 0;
		if (count_equal(st, &e, whole, &stored) != 0) {
			stop = -1;
			break;
		}
		stop = fn(arg, &e, whole, line, k, stored);
	}
	release(st, s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : fail_db(st, rc);
}

int store_stage_end(struct store *st)
{
	bool fresh = st->fresh;
	st->fresh = false;
	return exec(st, fresh ? "RELEASE import_rows"
	                      : "DROP TABLE temp.import_stage");
}
