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
#include "store_impl.h"

/* The store's one copy of id: ten years of tallies share a few dozen. */
const char *db_intern(struct store *st, const char *id)
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

int db_fail(struct store *st, const char *fmt, ...) HEP_PRINTF(2, 3);

int db_fail(struct store *st, const char *fmt, ...)
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
		return db_fail(st, "%s: the data file is damaged (%s)",
		               st->path, sqlite3_errmsg(st->db));
	case SQLITE_BUSY:
		if (st->gave_up)
			return db_fail(st,
			               "the data file is still busy after "
			               "%d s",
			               STORE_WAIT_MAX_MS / 1000);
		/* fall through */
	case SQLITE_LOCKED:
		return db_fail(
		    st,
		    "%s: the data file is locked by another program; try again",
		    st->path);
	case SQLITE_READONLY:
		return db_fail(st, "%s: the data file is read-only", st->path);
	case SQLITE_FULL:
		return db_fail(st, "%s: the disk is full; nothing was saved",
		               st->path);
	case SQLITE_IOERR:
		/* The system's own reason is clearer than "disk I/O error". */
		if (sqlite3_system_errno(st->db) == ENOSPC)
			return db_fail(st, "%s: the disk is full", st->path);
		if (sqlite3_system_errno(st->db) == EFBIG)
			return db_fail(
			    st, "%s: the data file reached the size limit",
			    st->path);
		if (sqlite3_system_errno(st->db) != 0)
			return db_fail(st, "%s: input/output error (%s)",
			               st->path,
			               strerror(sqlite3_system_errno(st->db)));
		return db_fail(st,
		               "%s: input/output error writing the data file; "
		               "is the disk full?",
		               st->path);
	default:
		return db_fail(st, "%s: %s", st->path, sqlite3_errmsg(st->db));
	}
}

/* Turns an SQLite result into a message, noting whether the file could
 * not be written (store_fall_back). */
int db_fail_db(struct store *st, int rc)
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

sqlite3_stmt *db_prepare(struct store *st, const char *sql)
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
		db_fail_db(st, rc);
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
void db_release(struct store *st, sqlite3_stmt *s)
{
	for (size_t i = 0; i < st->n_cache; i++) {
		if (st->cache[i].stmt == s) {
			sqlite3_reset(s);
			return;
		}
	}
	sqlite3_finalize(s);
}

void db_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void db_bind_day(sqlite3_stmt *s, int i, cal_day d)
{
	char buf[CAL_DATE_LEN];
	if (d == CAL_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, cal_format(d, buf), -1,
		                  SQLITE_TRANSIENT);
}

void db_bind_opt_int(sqlite3_stmt *s, int i, int v)
{
	if (v > 0)
		sqlite3_bind_int(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* Runs sql with ?1 bound to day. */
int db_run_day(struct store *st, const char *sql, cal_day day);

/* A pain score 0..10, or NULL for -1 (none). */
void db_bind_pain(sqlite3_stmt *s, int i, int pain)
{
	if (pain >= 0)
		sqlite3_bind_int(s, i, pain);
	else
		sqlite3_bind_null(s, i);
}

cal_day db_column_day(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	cal_day d;
	return t && cal_parse_date(t, &d) ? d : CAL_NONE;
}

/* Runs a statement to completion; finalises it. */
int db_run(struct store *st, sqlite3_stmt *s)
{
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	db_release(st, s);
	return rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

int db_each_row(struct store *st, sqlite3_stmt *s,
                int (*fn)(struct store *st, sqlite3_stmt *s, void *arg),
                void *arg)
{
	int rc, stop = 0;
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fn(st, s, arg);
	db_release(st, s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

void *db_collect(struct store *st, sqlite3_stmt *s, const struct db_rows *how,
                 void *arg, size_t *n, int *ret)
{
	unsigned char *items = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		items = xrealloc(items, (count + 1) * how->size);
		void *x = items + count++ * how->size;
		memset(x, 0, how->size);
		how->fill(st, s, x, arg);
	}
	db_release(st, s);
	*ret = 0;
	if (rc != SQLITE_DONE) {
		if (how->drop)
			how->drop(items, count);
		free(items);
		items = NULL;
		count = 0;
		*ret = db_fail_db(st, rc);
	}
	*n = count;
	return items;
}

int db_run_day(struct store *st, const char *sql, cal_day day)
{
	sqlite3_stmt *s = db_prepare(st, sql);
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	return db_run(st, s);
}

int db_exec(struct store *st, const char *sql)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail_db(st, rc);
}

/* Steps sql once: its first column read by col into out. No row fails
 * as none (an SQLite code) says. */
static int query_one(struct store *st, const char *sql, int none,
                     void (*col)(sqlite3_stmt *s, void *out), void *out)
{
	sqlite3_stmt *s = db_prepare(st, sql);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		col(s, out);
	db_release(st, s);
	return rc == SQLITE_ROW ? 0
	                        : db_fail_db(st, rc == SQLITE_DONE ? none : rc);
}

static void column_int(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
}

static void column_day(sqlite3_stmt *s, void *out)
{
	*(cal_day *)out = db_column_day(s, 0);
}

/* A statement returning one integer. */
int db_query_int(struct store *st, const char *sql, int64_t *out)
{
	int64_t v = 0;
	int rc = query_one(st, sql, SQLITE_ERROR, column_int, &v);
	if (rc == 0)
		*out = v;
	return rc;
}

/* A statement returning one day (or NULL: CAL_NONE). */
int db_query_day(struct store *st, const char *sql, cal_day *out)
{
	*out = CAL_NONE;
	return query_one(st, sql, SQLITE_DONE, column_day, out);
}

/* ---- transactions ------------------------------------------------------ */

int store_begin(struct store *st)
{
	st->cant_write = NULL;
	st->gave_up = false;
	return db_exec(st, "BEGIN IMMEDIATE");
}

int store_commit(struct store *st)
{
	int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	db_fail_db(st, rc);
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
	return db_query_int(st, "PRAGMA data_version", out);
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
    TALLY_TRIGGERS_WITH(RECOUNT_OLD),
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
    DROP_TALLY_TRIGGERS
    TALLY_TRIGGERS_WITH(RECOUNT_MARKED)
    TALLY_OF_DAYS_AS("''", "'9999-12-31'", SKIP_MARK) ";",
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
    /* 8: every entry's identity (SPEC section 6.2): its id, its stamp
     * (the order of the record), what it acts on (target, and a
     * withdrawal's session, by_id); where each entry stands, for those
     * not standing; a skip's lateness in the skip and the tally. The
     * entries are given them by db_migrate_identities, which needs the
     * diary's rules: the trigger that keeps entries unchanged stands aside
     * meanwhile, in this one transaction. */
    "ALTER TABLE entry ADD COLUMN id TEXT;"
    "ALTER TABLE entry ADD COLUMN stamp INTEGER;"
    "ALTER TABLE entry ADD COLUMN target TEXT;"
    "ALTER TABLE entry ADD COLUMN by_id TEXT;"
    "CREATE TABLE entry_status(id TEXT PRIMARY KEY, status TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "ALTER TABLE skip ADD COLUMN late INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE tally ADD COLUMN skip_late INTEGER NOT NULL DEFAULT 0;"
    DROP_TALLY_TRIGGERS
    TALLY_TRIGGERS_WITH(RECOUNT)
    "DROP TRIGGER entry_never_updated;",
    /* 9: effort (SPEC 2.2): the effort a session was given (0..10, Borg
     * CR10) on its entry, the session row and a correction (with the
     * value it replaced); the key effort, a target, in the snapshots.
     * Both in C (migrate_effort), from the field table for the key. Old
     * rows have none: NULL. */
    "",
    /* 10: the program's end as each version gives it (SPEC 2.2); older
     * versions give none: they never end, and judge every day as before. */
    "ALTER TABLE snapshot ADD COLUMN ends TEXT;",
    /* 11: ranges of frequency (SPEC 2.2): per_day and per_week may be
     * [MIN, MAX], MAX in its own column (per_day_max, per_week_max), NULL
     * for one number (every version stored before); and the time slot a
     * session took, entry.slot. Both in C (migrate_ranges). */
    "",
    /* 12: earned steps (SPEC 2.2) in the snapshots: an exercise's advance,
     * back_off and step (back_off_pain and step_set kept one more, so
     * that 0 is a value), and a step's criteria; an earned step's
     * step_from is ''. Old rows read as before: every new column NULL,
     * every step dated. */
    "ALTER TABLE snapshot_exercise ADD COLUMN advance TEXT;"
    "ALTER TABLE snapshot_exercise ADD COLUMN back_off_pain INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN back_off_sessions INTEGER;"
    "ALTER TABLE snapshot_exercise ADD COLUMN step_set INTEGER;"
    "ALTER TABLE snapshot_step ADD COLUMN when_sessions INTEGER;"
    "ALTER TABLE snapshot_step ADD COLUMN when_pain INTEGER;"
    "ALTER TABLE snapshot_step ADD COLUMN when_effort INTEGER;"
    "ALTER TABLE snapshot_step ADD COLUMN when_not_before TEXT;"
    "ALTER TABLE snapshot_step ADD COLUMN when_label TEXT;",
    /* 13: the advance entry (SPEC 2.2): the step it brings in force,
     * whether it is a step back, and its effective day, on the entry.
     * In C (migrate_advance; step 8 makes them first). Old entries
     * have none: NULL. The advance entries have their own index: the
     * steps in force are read without reading the days. */
    ("CREATE INDEX entry_advances ON entry(exercise, stamp)"
     " WHERE kind = 'advance';"),
};

/*
 * The columns later steps give entries and sessions (SPEC 2.2), NULL in
 * every row stored before: the effort a session was given (and a
 * correction's, and the one it replaced), the time slot a session took,
 * an advance entry's step, back and effective day. Each row names the
 * step that adds it; step 8 reads and writes entries and sessions with
 * every one of them (ENTRY_COLUMNS), so it makes them all first, and
 * each step adds those of its own not yet there.
 */
static const struct {
	int step;
	const char *table, *column, *sql;
} later_columns[] = {
    {9, "entry", "effort", "ALTER TABLE entry ADD COLUMN effort INTEGER"},
    {9, "entry", "old_effort",
     "ALTER TABLE entry ADD COLUMN old_effort INTEGER"},
    {9, "session", "effort",
     "ALTER TABLE session ADD COLUMN effort INTEGER"
     " CHECK (effort BETWEEN 0 AND 10)"},
    {11, "entry", "slot", "ALTER TABLE entry ADD COLUMN slot TEXT"},
    {13, "entry", "step", "ALTER TABLE entry ADD COLUMN step INTEGER"},
    {13, "entry", "back", "ALTER TABLE entry ADD COLUMN back INTEGER"},
    {13, "entry", "effective", "ALTER TABLE entry ADD COLUMN effective TEXT"},
};

/* Adds the later columns of step (0: of every step) not yet there. */
static int add_later_columns(struct store *st, int step)
{
	for (size_t i = 0; i < sizeof later_columns / sizeof *later_columns;
	     i++) {
		bool has;
		if (step && later_columns[i].step != step)
			continue;
		if (db_column_exists(st, later_columns[i].table,
		                     later_columns[i].column, &has) != 0 ||
		    (!has && db_exec(st, later_columns[i].sql) != 0))
			return -1;
	}
	return 0;
}

static int migrate_identities(struct store *st)
{
	return add_later_columns(st, 0) != 0 ? -1 : db_migrate_identities(st);
}

static int migrate_effort(struct store *st)
{
	return add_later_columns(st, 9) != 0 ? -1
	                                     : db_migrate_field_columns(st);
}

/* The columns of the field table not yet there (per_day_max and
 * per_week_max: step 9 has made them when it ran with this table), and
 * the slot. */
static int migrate_ranges(struct store *st)
{
	return db_migrate_field_columns(st) != 0 ? -1
	                                         : add_later_columns(st, 11);
}

static int migrate_advance(struct store *st)
{
	return add_later_columns(st, 13);
}

/* What a step of migrations[] also does, in C, inside its transaction. */
static int (*const migrations_c[STORE_SCHEMA_VERSION])(struct store *st) = {
    [7] = migrate_identities,
    [8] = migrate_effort,
    [10] = migrate_ranges,
    [12] = migrate_advance,
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
		if (db_exec(st, migrations[v]) != 0 ||
		    (migrations_c[v] && migrations_c[v](st) != 0) ||
		    db_exec(st, bump) != 0) {
			char why[sizeof st->err];
			memcpy(why, st->err, sizeof why);
			store_rollback(st);
			return db_fail(
			    st,
			    "%s: upgrading the data file to version %d "
			    "failed, nothing changed: %s",
			    st->path, (int)v + 1, why);
		}
#ifdef HEP_TEST_HOOKS
		/* Test seam (test builds only): hold the migration open so
		 * that a test can kill the process inside the transaction
		 * (tests/faults). */
		const char *pause = getenv("HEP_TEST_MIGRATION_PAUSE_MS");
		if (pause && *pause) {
			fprintf(stderr, "hep: migrating %s\n", st->path);
			sqlite3_sleep(atoi(pause));
		}
#endif
		if (store_commit(st) != 0)
			return -1;
	}
	return 0;
}

/* quick_check must answer exactly one row "ok". */
static int quick_check(struct store *st)
{
	sqlite3_stmt *s = db_prepare(st, "PRAGMA quick_check");
	if (!s)
		return -1;
	char first[200] = "";
	int rows = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (rows++ == 0)
			strfmt(first, sizeof first, "%s",
			       (const char *)sqlite3_column_text(s, 0));
	}
	db_release(st, s);
	if (rc != SQLITE_DONE)
		return db_fail_db(st, rc);
	if (rows != 1 || strcmp(first, "ok") != 0)
		return db_fail(
		    st,
		    "%s: the data file is damaged (quick_check: %s); "
		    "hep will not write to it",
		    st->path, first);
	return 0;
}

int db_meta_get(struct store *st, const char *key, char *buf, size_t size)
{
	buf[0] = '\0';
	sqlite3_stmt *s =
	    db_prepare(st, "SELECT value FROM meta WHERE key = ?1");
	if (!s)
		return -1;
	db_bind_text(s, 1, key);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		strfmt(buf, size, "%s",
		       (const char *)sqlite3_column_text(s, 0));
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

int db_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s =
	    db_prepare(st, "INSERT INTO meta(key, value) VALUES (?1, ?2)"
	                   " ON CONFLICT(key) DO UPDATE SET value = ?2");
	if (!s)
		return -1;
	db_bind_text(s, 1, key);
	db_bind_text(s, 2, value);
	return db_run(st, s);
}

int store_day_noted(struct store *st, const char *key, cal_day *out)
{
	char buf[CAL_DATE_LEN + 1];
	*out = CAL_NONE;
	if (db_meta_get(st, key, buf, sizeof buf) != 0)
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
	if (db_meta_set(st, key, cal_format(day, d)) != 0) {
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
char *db_open_path(const char *path, bool create, bool *exists, char *err,
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
		rc =
		    db_fail(st,
		            "%s: the data file is read-only (%s); hep needs to "
		            "write to it",
		            st->path, strerror(e));
		if (access(st->path, R_OK) == 0)
			st->cant_write = e == EROFS ? "the disk is read-only"
			                            : "it is read-only";
	} else if (access(dir, W_OK | X_OK) != 0) {
		int e = errno;
		rc =
		    db_fail(st,
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
	char *real = db_open_path(st->path, !st->read_only, &exists, st->err,
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
		return db_fail(
		    st, "%s: cannot open the data file: %s", st->path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	/* Before any other statement, so that a second writer waits. */
	sqlite3_busy_handler(st->db, on_busy, st);
	sqlite3_extended_result_codes(st->db, 1);
	if (!st->read_only && sqlite3_db_readonly(st->db, "main") == 1) {
		db_fail(st, "%s: the data file is read-only", st->path);
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
	if (db_query_int(st, "PRAGMA application_id", &app_id) != 0) {
		if ((sqlite3_errcode(st->db) & 0xFF) == SQLITE_NOTADB)
			return db_fail(
			    st,
			    "%s: not a hep data file (not an SQLite database)",
			    st->path);
		return -1;
	}
	if (db_query_int(st, "PRAGMA user_version", version) != 0 ||
	    db_query_int(st, "SELECT count(*) FROM sqlite_schema", objects) !=
	        0)
		return -1;
	if (app_id != STORE_APPLICATION_ID && !(app_id == 0 && *objects == 0))
		return db_fail(
		    st,
		    "%s: not a hep data file (another program's SQLite "
		    "database)",
		    st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return db_fail(
		    st,
		    "%s: made by a newer hep (data version %lld; this "
		    "hep knows up to %d); please upgrade hep",
		    st->path, (long long)*version, STORE_SCHEMA_VERSION);
	if (st->read_only && *version < STORE_SCHEMA_VERSION)
		return db_fail(
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
	    db_meta_get(st, "last_check", last, sizeof last) != 0)
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
		return db_exec(st, "PRAGMA foreign_keys = ON;"
		                   " PRAGMA cache_size = -1024;"
		                   " PRAGMA temp_store = MEMORY");
	sqlite3_stmt *s = db_prepare(st, "PRAGMA journal_mode = DELETE");
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	db_release(st, s);
	if (rc != SQLITE_ROW)
		return db_fail_db(st, rc);
	if (db_exec(st, "PRAGMA synchronous = EXTRA; PRAGMA foreign_keys = ON;"
	                " PRAGMA cache_size = -1024") != 0)
		return -1;
	if (migrate(st, version) != 0)
		return -1;
	/* Noted by store_note_check: a write, which a clock behind the
	 * record must not make (SPEC section 6.2). */
	if (fresh || check)
		memcpy(st->check_day, day, sizeof day);
	return 0;
}

int store_note_check(struct store *st)
{
	if (!st->check_day[0])
		return 0;
	if (store_begin(st) != 0 ||
	    db_meta_set(st, "last_check", st->check_day) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st) != 0)
		return -1;
	st->check_day[0] = '\0';
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

/* ---- the record as a whole --------------------------------------------- */

int store_check(struct store *st)
{
	return quick_check(st);
}

/* The standing sessions of days ?1..?2 (those SESSIONS_WHERE also allows)
 * and the skips, in the record's order. DAY is "day", or "+day" for a
 * WIDE span (see WIDE). */
int store_bulk_begin(struct store *st)
{
	return db_meta_set(st, "bulk", "1");
}

int store_bulk_end(struct store *st, cal_day from, cal_day to)
{
	sqlite3_stmt *s = db_prepare(st, "DELETE FROM meta WHERE key = 'bulk'");
	if (!s || db_run(st, s) != 0)
		return -1;
	if (db_run_day(st, "DELETE FROM streak_mark WHERE day >= ?1", from) !=
	    0)
		return -1;
	s = db_prepare(st, "DELETE FROM tally WHERE day BETWEEN ?1 AND ?2");
	if (!s)
		return -1;
	db_bind_day(s, 1, from);
	db_bind_day(s, 2, to);
	if (db_run(st, s) != 0)
		return -1;
	s = db_prepare(st, TALLY_OF_DAYS("?1", "?2"));
	if (!s)
		return -1;
	db_bind_day(s, 1, from);
	db_bind_day(s, 2, to);
	return db_run(st, s);
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
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT day, exercise, current, longest, weeks FROM streak_mark"
	        " WHERE day = (SELECT max(day) FROM streak_mark WHERE"
	        "  exercise = '' AND day < ?1 AND start = ?2 AND"
	        "  week_starts = ?3)"
	        " ORDER BY exercise");
	if (!s)
		return -1;
	db_bind_day(s, 1, before);
	db_bind_day(s, 2, start);
	sqlite3_bind_int(s, 3, (int)ws);
	int rc;
	bool whole = false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 1);
		struct streak k = {sqlite3_column_int(s, 2),
		                   sqlite3_column_int(s, 3)};
		out->day = db_column_day(s, 0);
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
	db_release(st, s);
	if (rc != SQLITE_DONE || !whole || out->day == CAL_NONE) {
		store_mark_free(out);
		return rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
	}
	out->start = start;
	out->week_starts = ws;
	return 0;
}

static int mark_row(struct store *st, const struct streak_mark *m,
                    const char *id, bool weeks, struct streak k)
{
	sqlite3_stmt *s = db_prepare(
	    st, "INSERT OR REPLACE INTO streak_mark(day, exercise, start,"
	        " week_starts, current, longest, weeks)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	db_bind_day(s, 1, m->day);
	db_bind_text(s, 2, id);
	db_bind_day(s, 3, m->start);
	sqlite3_bind_int(s, 4, (int)m->week_starts);
	sqlite3_bind_int(s, 5, k.current);
	sqlite3_bind_int(s, 6, k.longest);
	sqlite3_bind_int(s, 7, weeks);
	return db_run(st, s);
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
	sqlite3_stmt *s = db_prepare(
	    st, "DELETE FROM streak_mark WHERE day = ?1 OR start != ?2 OR"
	        " week_starts != ?3 OR day IN (SELECT day FROM streak_mark"
	        "  WHERE exercise = '' ORDER BY day DESC LIMIT -1 OFFSET ?4)");
	if (!s)
		goto fail;
	db_bind_day(s, 1, m->day);
	db_bind_day(s, 2, m->start);
	sqlite3_bind_int(s, 3, (int)m->week_starts);
	sqlite3_bind_int(s, 4, STORE_MARKS_KEPT - 1);
	if (db_run(st, s) != 0 || mark_row(st, m, "", false, m->days) != 0)
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
