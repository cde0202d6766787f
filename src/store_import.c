/* The store: an import's staging, and every entry's identity (SPEC
 * section 6.2): the migration that gives stored entries theirs, a new
 * entry's, and what the record says of the clock. See store_impl.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* Gives the n entries of a legacy day their targets (and a skip the old
 * rules kept standing its place after the session), stored by update, an
 * SQL text binding target, by_id, stamp and the entry's number. */
static int legacy_targets(struct store *st, struct diary_entry *e, size_t n,
                          const char *update)
{
	int64_t *was = xcalloc(n ? n : 1, sizeof *was);
	for (size_t i = 0; i < n; i++)
		was[i] = e[i].stamp;
	diary_legacy_targets(e, n);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!e[i].target[0] && !e[i].by[0] && e[i].stamp == was[i])
			continue;
		sqlite3_stmt *u = db_prepare(st, update);
		if (!u) {
			rc = -1;
			break;
		}
		db_bind_id(u, 1, e[i].target);
		db_bind_id(u, 2, e[i].by);
		sqlite3_bind_int64(u, 3, e[i].stamp);
		sqlite3_bind_int64(u, 4, e[i].seq);
		rc = db_run(st, u);
	}
	free(was);
	return rc;
}

/* ---- an import's staging table ------------------------------------------ */

/* The staging table's columns: an entry's (seq is the file order, ord),
 * then the line, whether it is a diary entry (whole), its canonical key
 * for 6.1's equality, and whether it matched a stored entry (kept). */
#define STAGE_COLUMNS                                                          \
	"e.ord, e.kind, e.exercise, e.day, e.made_at, e.late, e.session,"      \
	" e.pain, e.pain_before, e.note, e.reason, e.fixes, e.old_pain,"       \
	" e.old_pain_before, e.old_note, e.value, e.items, e.id, e.stamp,"     \
	" e.target, e.by_id, e.line, e.whole, e.kept, e.slot, e.effort,"       \
	" e.old_effort, e.step, e.back, e.effective"

int store_stage_begin(struct store *st, bool *fresh)
{
	/* Nothing recorded yet (a back-up restored into a new file): no
	 * entry can be equal to a stored one, and what stands is written in
	 * one pass at the end (store_sync_after). */
	int64_t any;
	if (db_query_int(
	        st,
	        "SELECT EXISTS (SELECT 1 FROM entry) OR EXISTS (SELECT 1"
	        " FROM session) OR EXISTS (SELECT 1 FROM skip)",
	        &any) != 0)
		return -1;
	*fresh = st->fresh = any == 0;
	/* A temporary table: its pages never reach the data file, and a
	 * small cache keeps the import's memory flat (it spills beside the
	 * data file, see temp_files_beside). */
	if (db_exec(st, "PRAGMA temp.cache_size = -512") != 0)
		return -1;
	if (db_exec(st, "CREATE TEMP TABLE import_stage("
	                " ord INTEGER PRIMARY KEY, line INTEGER NOT NULL,"
	                " whole INTEGER NOT NULL, kept INTEGER NOT NULL"
	                " DEFAULT 0, key TEXT NOT NULL, kind TEXT NOT NULL,"
	                " exercise TEXT NOT NULL, day TEXT NOT NULL,"
	                " made_at TEXT NOT NULL, late INTEGER NOT NULL,"
	                " session INTEGER, pain INTEGER, pain_before INTEGER,"
	                " note TEXT, reason TEXT, fixes INTEGER NOT NULL,"
	                " old_pain INTEGER, old_pain_before INTEGER,"
	                " old_note TEXT, value INTEGER, items TEXT, id TEXT,"
	                " stamp INTEGER, target TEXT, by_id TEXT, slot TEXT,"
	                " effort INTEGER, old_effort INTEGER, step INTEGER,"
	                " back INTEGER, effective TEXT);"
	                "CREATE INDEX temp.import_stage_key ON"
	                " import_stage(key, ord);"
	                "CREATE INDEX temp.import_stage_id ON"
	                " import_stage(id);"
	                "CREATE TEMP TABLE import_line(seq INTEGER PRIMARY"
	                " KEY, line INTEGER NOT NULL)") != 0)
		return -1;
	return st->fresh ? db_exec(st, "SAVEPOINT import_rows") : 0;
}

int store_stage_add(struct store *st, const struct diary_entry *e, bool whole,
                    int line)
{
	sqlite3_stmt *s = db_prepare(
	    st, "INSERT INTO import_stage(kind, exercise, day, made_at, late,"
	        " session, pain, pain_before, note, reason, fixes, old_pain,"
	        " old_pain_before, old_note, value, items, id, stamp, target,"
	        " by_id, slot, effort, old_effort, step, back, effective, line,"
	        " whole, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	        " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
	        " ?23, ?24, ?25, ?26, ?27, ?28, ?29)");
	if (!s)
		return -1;
	db_bind_entry(s, e);
	if (!e->id[0])
		sqlite3_bind_null(s, 18); /* a stamp is given it later */
	sqlite3_bind_int(s, 27, line);
	sqlite3_bind_int(s, 28, whole);
	/* An entry with its identity is matched by it; one without, by its
	 * canonical text (SPEC section 6.1). */
	char *key = e->id[0] ? xstrdup(e->id) : diary_entry_key(e, whole);
	sqlite3_bind_text(s, 29, key, -1, free);
	return db_run(st, s);
}

int store_append_line(struct store *st, const struct diary_entry *e, int line)
{
	if (store_append_only(st, e) != 0)
		return -1;
	sqlite3_stmt *s = db_prepare(
	    st, "INSERT INTO import_line(seq, line) VALUES (?1, ?2)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, sqlite3_last_insert_rowid(st->db));
	sqlite3_bind_int(s, 2, line);
	return db_run(st, s);
}

int store_stage_drop_rows(struct store *st)
{
	if (st->fresh && db_exec(st, "ROLLBACK TO import_rows") != 0)
		return -1;
	return db_exec(st, "DELETE FROM import_stage WHERE whole = 0");
}

/* An entry equal to the one bound by db_bind_entry: every field of a
 * diary entry (whole), or a state row's kind, exercise, day, time and
 * reason. */
#define EQUAL_WHOLE                                                            \
	" kind = ?1 AND exercise = ?2 AND day = ?3 AND made_at = ?4 AND"       \
	" late = ?5 AND session IS ?6 AND pain IS ?7 AND pain_before IS ?8"    \
	" AND note IS ?9 AND reason IS ?10 AND fixes = ?11 AND old_pain IS"    \
	" ?12 AND old_pain_before IS ?13 AND old_note IS ?14 AND value IS"     \
	" ?15 AND items IS ?16 AND effort IS ?22 AND old_effort IS ?23 AND"    \
	" step IS ?24 AND back IS ?25 AND effective IS ?26"
#define EQUAL_ROW                                                              \
	" kind = ?1 AND exercise = ?2 AND day = ?3 AND made_at = ?4 AND"       \
	" reason IS ?10"

/* How many stored entries equal e: every field of a diary entry (whole),
 * or a state row's kind, exercise, day, time and reason. */
static int count_equal(struct store *st, const struct diary_entry *e,
                       bool whole, int *count)
{
	sqlite3_stmt *s = db_prepare(
	    st, whole ? "SELECT count(*) FROM entry WHERE" EQUAL_WHOLE
	              : "SELECT count(*) FROM entry WHERE" EQUAL_ROW);
	if (!s)
		return -1;
	db_bind_entry(s, e);
	int rc = sqlite3_step(s);
	*count = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	db_release(st, s);
	return rc == SQLITE_ROW ? 0 : db_fail_db(st, rc);
}

/* A legacy entry's stamp, in the old order (SPEC section 6.2): its made_at
 * in ms, or 1 ms after the one before (*prev, INT64_MIN at first) when
 * that is later; *prev becomes it. */
static int64_t legacy_stamp(int64_t *prev, int64_t made_utc)
{
	int64_t at = db_made_ms(made_utc);
	if (*prev != INT64_MIN && *prev + 1 > at)
		at = *prev + 1;
	return *prev = at;
}

/* The id of the k-th (from 1, in the record's order) stored entry equal to
 * e (count_equal's sense) into out. */
static int nth_equal(struct store *st, const struct diary_entry *e, bool whole,
                     int k, entry_id out)
{
	sqlite3_stmt *s =
	    db_prepare(st, whole ? "SELECT id FROM entry WHERE" EQUAL_WHOLE
	                           " ORDER BY stamp, id LIMIT 1 OFFSET ?30"
	                         : "SELECT id FROM entry WHERE" EQUAL_ROW
	                           " ORDER BY stamp, id LIMIT 1 OFFSET ?30");
	if (!s)
		return -1;
	db_bind_entry(s, e);
	sqlite3_bind_int(s, 30, k - 1);
	int rc = sqlite3_step(s);
	out[0] = '\0';
	if (rc == SQLITE_ROW)
		db_column_id(s, 0, out);
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

/*
 * Pass one of store_stage_identify, in file order: each staged row without
 * an id gets one (its key and k, its rank among the equal rows of the
 * file) and a stamp (max(made_at, the previous row's + 1)); one equal to a
 * stored entry (the k-th of the file to the k-th stored) takes that
 * entry's id and is kept as already there.
 */
/* A row of stage_ids; arg: the stamp before it. */
static int stage_id_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	struct diary_entry e;
	db_column_entry(s, &e);
	bool whole = sqlite3_column_int(s, 22) != 0;
	/* The key and its rank after STAGE_COLUMNS, however many. */
	int last = sqlite3_column_count(s) - 1;
	const char *key = (const char *)sqlite3_column_text(s, last - 1);
	int k = sqlite3_column_int(s, last), stored;
	entry_id id;
	diary_legacy_id(key, k, id);
	int64_t stamp = legacy_stamp(arg, e.made_utc);
	if (count_equal(st, &e, whole, &stored) != 0)
		return -1;
	bool kept = k <= stored;
	if (kept && nth_equal(st, &e, whole, k, id) != 0)
		return -1;
	sqlite3_stmt *u =
	    db_prepare(st, "UPDATE import_stage SET id = ?1,"
	                   " stamp = ?2, kept = ?3 WHERE ord = ?4");
	if (u) {
		db_bind_text(u, 1, id);
		sqlite3_bind_int64(u, 2, stamp);
		sqlite3_bind_int(u, 3, kept);
		sqlite3_bind_int64(u, 4, e.seq);
	}
	return db_run(st, u); /* no statement: -1 */
}

static int stage_ids(struct store *st)
{
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT " STAGE_COLUMNS ", e.key, (SELECT count(*) FROM"
	        " import_stage b WHERE b.key = e.key AND b.ord < e.ord) + 1"
	        " FROM import_stage e WHERE e.id IS NULL ORDER BY e.ord");
	if (!s)
		return -1;
	int64_t prev = INT64_MIN;
	return db_each_row(st, s, stage_id_row, &prev) != 0 ? -1 : 0;
}

/* Stores the targets diary_legacy_targets gives the n staged entries of a
 * day (their seq is their ord). */
static int stage_put_targets(struct store *st, struct diary_entry *e, size_t n)
{
	return legacy_targets(st, e, n,
	                      "UPDATE import_stage SET target = ?1, by_id = ?2,"
	                      " stamp = ?3 WHERE ord = ?4");
}

int store_stage_identify(struct store *st)
{
	int64_t legacy;
	if (db_query_int(st,
	                 "SELECT EXISTS (SELECT 1 FROM import_stage WHERE id"
	                 " IS NULL)",
	                 &legacy) != 0)
		return -1;
	if (!legacy)
		return 0;
	/* The ids first, so that the targets can name them; then the
	 * targets, by the old rules over each day in file order. */
	if (stage_ids(st) != 0)
		return -1;
	return db_each_day(st,
	                   "SELECT " STAGE_COLUMNS " FROM import_stage e WHERE"
	                   " e.whole = 1 AND e.target IS NULL AND e.kind IN"
	                   " ('session', 'skip', 'undo', 'redo', 'correction',"
	                   " 'withdraw') ORDER BY e.day, e.exercise, e.ord",
	                   stage_put_targets);
}

/* What store_each_staged calls for each staged row. */
struct staged_fn {
	int (*fn)(void *arg, const struct diary_entry *e, bool whole, int line,
	          bool kept);
	void *arg;
};

static int staged_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	(void)st;
	const struct staged_fn *f = arg;
	struct diary_entry e;
	db_column_entry(s, &e); /* ord stands where seq would */
	e.seq = 0;
	e.status = STATUS_STANDING;
	int line = sqlite3_column_int(s, 21);
	bool whole = sqlite3_column_int(s, 22) != 0;
	bool kept = sqlite3_column_int(s, 23) != 0;
	return f->fn(f->arg, &e, whole, line, kept);
}

int store_each_staged(struct store *st,
                      int (*fn)(void *arg, const struct diary_entry *e,
                                bool whole, int line, bool kept),
                      void *arg)
{
	sqlite3_stmt *s = db_prepare(st, "SELECT " STAGE_COLUMNS
	                                 " FROM import_stage e ORDER BY e.ord");
	if (!s)
		return -1;
	struct staged_fn f = {fn, arg};
	return db_each_row(st, s, staged_row, &f);
}

int store_entry_same(struct store *st, const struct diary_entry *e, bool *known,
                     bool *same)
{
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT kind = ?1 AND exercise = ?2 AND day = ?3 AND made_at"
	        " = ?4 AND late = ?5 AND session IS ?6 AND pain IS ?7 AND"
	        " pain_before IS ?8 AND note IS ?9 AND reason IS ?10 AND"
	        " fixes = ?11 AND old_pain IS ?12 AND old_pain_before IS ?13"
	        " AND old_note IS ?14 AND value IS ?15 AND items IS ?16 AND"
	        " stamp = ?18 AND target IS ?19 AND by_id IS ?20 AND slot IS"
	        " ?21 AND effort IS ?22 AND old_effort IS ?23 AND step IS ?24"
	        " AND back IS ?25 AND effective IS ?26 FROM entry"
	        " WHERE id = ?17");
	if (!s)
		return -1;
	db_bind_entry(s, e);
	int rc = sqlite3_step(s);
	*known = rc == SQLITE_ROW;
	*same = *known && sqlite3_column_int(s, 0) != 0;
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

int store_target(struct store *st, const char *id, struct store_target *out)
{
	/* Stored, else staged (anywhere in the file). */
	static const char *const sql[2] = {
	    "SELECT kind, exercise, day FROM entry WHERE id = ?1",
	    "SELECT kind, exercise, day FROM import_stage WHERE id = ?1"
	    " LIMIT 1"};
	memset(out, 0, sizeof *out);
	for (int i = 0; i < 2 && !out->found; i++) {
		sqlite3_stmt *s = db_prepare(st, sql[i]);
		if (!s)
			return -1;
		db_bind_text(s, 1, id);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			out->found = true;
			const char *k = (const char *)sqlite3_column_text(s, 0);
			if (!k || !entry_kind_parse(k, &out->kind))
				out->kind = ENTRY_KINDS;
			strfmt(out->exercise, sizeof out->exercise, "%s",
			       (const char *)sqlite3_column_text(s, 1));
			out->day = db_column_day(s, 2);
		}
		db_release(st, s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail_db(st, rc);
	}
	return 0;
}

int store_fresh_bad_target(struct store *st, int64_t seq, int *line,
                           struct diary_entry *out)
{
	/* An entry appended by this import whose target (or by) is not an
	 * entry of its exercise and day, of the kind it must be. */
	sqlite3_stmt *s = db_prepare(
	    st,
	    "SELECT " ENTRY_COLUMNS ", l.line FROM entry e"
	    " JOIN import_line l ON l.seq = e.seq WHERE e.seq > ?1 AND"
	    " ((e.target IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entry t"
	    "  WHERE t.id = e.target AND t.exercise = e.exercise AND"
	    "  t.day = e.day AND ((e.kind = 'undo' AND t.kind IN"
	    "  ('session', 'skip', 'correction', 'advance')) OR (e.kind = 'redo' AND"
	    "  t.kind = 'undo') OR (e.kind = 'correction' AND t.kind ="
	    "  'session') OR (e.kind = 'withdraw' AND t.kind = 'skip'))))"
	    " OR (e.by_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entry b"
	    "  WHERE b.id = e.by_id AND b.exercise = e.exercise AND"
	    "  b.day = e.day AND b.kind = 'session')))"
	    " ORDER BY e.seq LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	int rc = sqlite3_step(s);
	*line = 0;
	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		db_column_entry(s, out);
		out->note = out->old_note = out->items = NULL; /* not kept */
		out->status = STATUS_STANDING;
		*line = sqlite3_column_int(s, sqlite3_column_count(s) - 1);
	}
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

int store_stage_end(struct store *st)
{
	bool fresh = st->fresh;
	st->fresh = false;
	if (fresh && db_exec(st, "RELEASE import_rows") != 0)
		return -1;
	return db_exec(st, "DROP TABLE temp.import_stage;"
	                   "DROP TABLE temp.import_line");
}

/* ---- identities (SPEC section 6.2) -------------------------------------- */

/* Pass one of db_migrate_identities: in the old order, each entry's stamp
 * (max(made_at, the one before + 1)) and id (its canonical text and k). */
/* A row of migrate_stamps; arg: the stamp before it. */
static int stamp_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	struct diary_entry e;
	db_column_entry(s, &e);
	int k = sqlite3_column_int(s, 21);
	char *key = diary_entry_key(&e, true);
	diary_legacy_id(key, k, e.id);
	free(key);
	e.stamp = legacy_stamp(arg, e.made_utc);
	sqlite3_stmt *u = db_prepare(
	    st, "UPDATE entry SET id = ?1, stamp = ?2 WHERE seq = ?3");
	if (u) {
		db_bind_text(u, 1, e.id);
		sqlite3_bind_int64(u, 2, e.stamp);
		sqlite3_bind_int64(u, 3, e.seq);
	}
	return db_run(st, u); /* no statement: -1 */
}

static int migrate_stamps(struct store *st, int64_t *high)
{
	/* clang-format off */
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT " ENTRY_COLUMNS_8 ", row_number() OVER (PARTITION BY"
	        " kind, exercise, day, made_at, late, session, pain,"
	        " pain_before, note, reason, fixes, old_pain, old_pain_before,"
	        " old_note, value, items, effort, old_effort ORDER BY seq) FROM"
	        " entry e"
	        " ORDER BY seq");
	/* clang-format on */
	if (!s)
		return -1;
	int64_t prev = INT64_MIN;
	int result = db_each_row(st, s, stamp_row, &prev);
	*high = prev == INT64_MIN ? 0 : prev;
	return result != 0 ? -1 : 0;
}

/* Stores the targets diary_legacy_targets gave the n entries of a day. */
static int put_targets(struct store *st, struct diary_entry *e, size_t n)
{
	return legacy_targets(st, e, n,
	                      "UPDATE entry SET target = ?1, by_id = ?2,"
	                      " stamp = ?3 WHERE seq = ?4");
}

/* Pass two: day by day, in the old order, the targets. */
static int migrate_targets(struct store *st)
{
	return db_each_day(st,
	                   "SELECT " ENTRY_COLUMNS_8
	                   " FROM entry e WHERE" EXERCISE_KINDS
	                   " ORDER BY day, exercise, seq",
	                   put_targets);
}

/* Sets meta clock_high: the largest stamp this file itself wrote. */
static int set_clock_high(struct store *st, int64_t ms)
{
	char v[32];
	strfmt(v, sizeof v, "%lld", (long long)ms);
	return db_meta_set(st, "clock_high", v);
}

int db_migrate_identities(struct store *st)
{
	int64_t high;
	if (migrate_stamps(st, &high) != 0 || migrate_targets(st) != 0 ||
	    db_exec(st,
	            "CREATE TRIGGER entry_never_updated BEFORE UPDATE ON"
	            " entry BEGIN SELECT RAISE(ABORT, 'the diary is never"
	            " rewritten'); END;"
	            "CREATE UNIQUE INDEX entry_id ON entry(id);"
	            "CREATE INDEX entry_by_stamp ON entry(stamp, id);") != 0)
		return -1;
	/* What stands, by the new rules, day by day: the same sessions and
	 * skips (the fixtures of tests/data prove it), each entry's status,
	 * and the skips' lateness. */
	sqlite3_stmt *s = db_prepare(st, "SELECT DISTINCT exercise, day FROM"
	                                 " entry WHERE" EXERCISE_KINDS);
	if (!s)
		return -1;
	if (db_each_exercise_day(st, s, db_sync_day) != 0)
		return -1;
	return high > 0 ? set_clock_high(st, high) : 0;
}

/* Whether id is stored. */
static int id_known(struct store *st, const char *id, bool *known)
{
	sqlite3_stmt *s = db_prepare(st, "SELECT 1 FROM entry WHERE id = ?1");
	if (!s)
		return -1;
	db_bind_text(s, 1, id);
	int rc = sqlite3_step(s);
	*known = rc == SQLITE_ROW;
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

/* A new random id, 16 hex digits from the system's random source. */
static int random_id(struct store *st, entry_id out)
{
	uint64_t v;
	if (util_random(&v, sizeof v) != 0)
		return db_fail(st, "cannot read the system's random source: %s",
		               strerror(errno));
	strfmt(out, ENTRY_ID_LEN + 1, "%016llx", (unsigned long long)v);
	return 0;
}

int store_identify(struct store *st, int64_t now_ms, struct diary_entry *e)
{
	bool known = true;
	while (known)
		if (random_id(st, e->id) != 0 ||
		    id_known(st, e->id, &known) != 0)
			return -1;
	int64_t high;
	if (db_query_int(st, "SELECT coalesce(max(stamp), 0) FROM entry",
	                 &high) != 0)
		return -1;
	e->stamp = now_ms > high ? now_ms : high + 1;
	/* The clock this file wrote at, not a stamp bumped past an imported
	 * one from the future (settled point 3: imported stamps ahead of the
	 * clock are kept as they are, and must not make it "behind"). */
	char v[32];
	if (db_meta_get(st, "clock_high", v, sizeof v) != 0)
		return -1;
	return v[0] && strtoll(v, NULL, 10) >= now_ms
	           ? 0
	           : set_clock_high(st, now_ms);
}

int store_clock(struct store *st, int64_t *high_ms, cal_day *stored)
{
	char v[32];
	*high_ms = 0;
	if (db_meta_get(st, "clock_high", v, sizeof v) != 0)
		return -1;
	if (v[0])
		*high_ms = strtoll(v, NULL, 10);
	return db_query_day(st,
	                    "SELECT max(stored) FROM (SELECT stored FROM"
	                    " snapshot UNION ALL SELECT stored FROM"
	                    " outcome_plan)",
	                    stored);
}
