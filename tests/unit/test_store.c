/* Unit tests of the data file: creation and permissions, migrations, the
 * refusals that leave a file byte-for-byte as it was, bound values,
 * idempotent sessions and snapshots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hep/store.h"
#include "../../src/store_impl.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/hep-test-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path_of(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static cal_day day(const char *s)
{
	cal_day d;
	assert_true(cal_parse_date(s, &d));
	return d;
}

/* The whole file, to prove a refusal changed nothing. */
static char *slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)*len + 1);
	assert_int_equal(fread(buf, 1, (size_t)*len, f), (size_t)*len);
	fclose(f);
	return buf;
}

static void sql(const char *path, const char *statements)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, statements, NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
}

static long long sql_int(const char *path, const char *query)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, query, -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Opening must fail with a message containing want; the file is unchanged. */
static void expect_refused(const char *path, cal_day today, const char *want)
{
	long before_len, after_len;
	char *before = slurp(path, &before_len);
	struct store *st;
	char err[512] = "";
	assert_int_equal(
	    store_open(path, today, STORE_WRITE, NULL, &st, err, sizeof err),
	    -1);
	assert_null(st);
	if (!strstr(err, want))
		fail_msg("message \"%s\" lacks \"%s\"", err, want);
	assert_non_null(strstr(err, path));
	char *after = slurp(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, (size_t)before_len);
	free(before);
	free(after);
}

static struct store *open_ok(const char *path, cal_day today)
{
	struct store *st;
	char err[512] = "";
	if (store_open(path, today, STORE_WRITE, NULL, &st, err, sizeof err) !=
	    0)
		fail_msg("store_open: %s", err);
	return st;
}

/* Appends an entry of kind to id on d (in the caller's transaction). */
static void append(struct store *st, enum entry_kind kind, const char *id,
                   cal_day d, int64_t utc, bool late, int pain,
                   const char *note, enum skip_reason reason)
{
	struct diary_entry e = {0};
	e.kind = kind;
	snprintf(e.exercise, sizeof e.exercise, "%s", id);
	e.day = d;
	e.made_utc = utc;
	e.late = late;
	e.pain = pain;
	e.pain_before = e.old_pain = e.old_pain_before = -1;
	e.effort = e.old_effort = -1;
	e.note = note;
	e.reason = reason;
	if (kind == ENTRY_UNDO) {
		/* An undo names what it takes back: the latest standing
		 * action, as record.c chooses it. */
		struct store_day now;
		assert_int_equal(store_day_read(st, id, d, &now), 0);
		assert_non_null(now.state.undo);
		memcpy(e.target, now.state.undo->id, sizeof e.target);
		store_day_free(&now);
	}
	if (store_identify(st, utc * 1000, &e) != 0 ||
	    store_append(st, &e, NULL) != 0)
		fail_msg("store_append: %s", store_error(st));
}

static void add_session(struct store *st, const char *id, cal_day d,
                        int64_t utc, bool late, int pain, const char *note)
{
	append(st, ENTRY_SESSION, id, d, utc, late, pain, note, SKIP_NONE);
}

static void add_skip(struct store *st, const char *id, cal_day d,
                     enum skip_reason r, int64_t utc, const char *note)
{
	append(st, ENTRY_SKIP, id, d, utc, false, -1, note, r);
}

static void take_back(struct store *st, const char *id, cal_day d)
{
	append(st, ENTRY_UNDO, id, d, 0, false, -1, NULL, SKIP_NONE);
}

/* The outcome entries read back by store_each_outcome. */
struct outcomes_seen {
	int n;
	enum entry_kind kind[8];
	char id[8][RX_ID_MAX + 1];
	int32_t value[8];
	char items[8][200];
};

static int see_outcome(void *arg, const struct diary_entry *e)
{
	struct outcomes_seen *o = arg;
	assert_true(o->n < 8);
	o->kind[o->n] = e->kind;
	snprintf(o->id[o->n], sizeof o->id[0], "%s", e->exercise);
	o->value[o->n] = e->value;
	snprintf(o->items[o->n], sizeof o->items[0], "%s",
	         e->items ? e->items : "");
	o->n++;
	return 0;
}

/* A measure and a PSFS check-in are entries of the diary: kept and read
 * back exactly, in order, by their own walk; they make no session, skip
 * or tally, even under an id an exercise has. */
static void outcome_entries_stand_apart(void **state)
{
	(void)state;
	char *path = path_of("outcomes.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	struct diary_entry m = {.kind = ENTRY_MEASURE,
	                        .day = today,
	                        .made_utc = 1764142200,
	                        .value = 925,
	                        .pain = -1,
	                        .pain_before = -1,
	                        .old_pain = -1,
	                        .old_pain_before = -1,
	                        .effort = -1,
	                        .old_effort = -1};
	strcpy(m.exercise, "knee");
	struct diary_entry p = m;
	p.kind = ENTRY_PSFS;
	p.exercise[0] = '\0';
	p.value = 0;
	p.items = "7 Climbing the stairs\n3 Kneeling";
	struct diary_entry lower = m;
	lower.value = -35;
	lower.day = today - 1;
	assert_int_equal(store_begin(st), 0);
	add_session(st, "knee", today, 1764142100, false, 2, NULL);
	assert_int_equal(store_identify(st, 1764142200000, &m), 0);
	assert_int_equal(store_append(st, &m, NULL), 0);
	assert_int_equal(store_identify(st, 1764142200000, &p), 0);
	assert_int_equal(store_append(st, &p, NULL), 0);
	assert_int_equal(store_identify(st, 1764142200000, &lower), 0);
	assert_int_equal(store_append(st, &lower, NULL), 0);
	assert_int_equal(store_commit(st), 0);
	struct outcomes_seen o = {0};
	assert_int_equal(
	    store_each_outcome(st, today - 7, today, see_outcome, &o), 0);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.kind[0], ENTRY_MEASURE);
	assert_string_equal(o.id[0], "knee");
	assert_int_equal(o.value[0], 925);
	assert_int_equal(o.kind[1], ENTRY_PSFS);
	assert_string_equal(o.id[1], "");
	assert_string_equal(o.items[1], "7 Climbing the stairs\n3 Kneeling");
	assert_int_equal(o.value[2], -35);
	o.n = 0;
	assert_int_equal(store_each_outcome(st, today, today, see_outcome, &o),
	                 0);
	assert_int_equal(o.n, 2); /* the day's only */
	/* The exercise "knee" has its one session and nothing more. */
	struct store_day d;
	assert_int_equal(store_day_read(st, "knee", today, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.state.n_sessions, 1);
	store_day_free(&d);
	assert_int_equal(store_verify(st), 0);
	store_close(st);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM session"), 1);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM tally"), 1);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM entry"), 4);
	assert_int_equal(
	    sql_int(path, "SELECT count(*) FROM entry WHERE value IS NULL"), 2);
}

static void created_private_and_versioned(void **state)
{
	(void)state;
	mode_t old = umask(0); /* whatever the umask, the record is private */
	char *path = path_of("a/b/hep.db");
	struct store *st = open_ok(path, day("2026-11-26"));
	umask(old);
	assert_int_equal(store_note_check(st), 0);
	store_close(st);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(path_of("a/b"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(sql_int(path, "PRAGMA user_version"),
	                 STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(path, "PRAGMA application_id"),
	                 STORE_APPLICATION_ID);
	assert_int_equal(sql_int(path, "PRAGMA journal_mode = DELETE"), 0);
	/* The last clean check is remembered for the day. */
	assert_int_equal(sql_int(path, "SELECT value = '2026-11-26' FROM meta "
	                               "WHERE key = 'last_check'"),
	                 1);
	/* No journal is left at rest: one file is the whole record. */
	assert_int_not_equal(access(path_of("a/b/hep.db-journal"), F_OK), 0);
	assert_int_not_equal(access(path_of("a/b/hep.db-wal"), F_OK), 0);
}

/* The skip table's CHECK (in the first migration, whose text a stored file
 * keeps) allows exactly the reasons of diary.c's table, in its order. */
static void skip_check_lists_the_reasons(void **state)
{
	(void)state;
	char *path = path_of("reasons.db");
	store_close(open_ok(path, day("2026-11-26")));
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT sql FROM sqlite_master WHERE type = "
	                       "'table' AND sql LIKE '%reason IN%'",
	                       -1, &s, NULL),
	    SQLITE_OK);
	int tables = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(s, 0);
		const char *in = strstr(sql, "reason IN");
		assert_non_null(in);
		const char *open = strchr(in, '('), *close = strchr(in, ')');
		assert_true(open && close && open < close);
		char want[128] = "(", names[96];
		/* "('rest', 'pain', ...)" from the table */
		skip_reasons_text("', '", "', '", names, sizeof names);
		strfmt(want, sizeof want, "('%s')", names);
		assert_int_equal((size_t)(close - open + 1), strlen(want));
		assert_memory_equal(open, want, strlen(want));
		tables++;
	}
	assert_int_equal(tables, 1);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void empty_file_migrates(void **state)
{
	(void)state;
	char *path = path_of("empty.db");
	FILE *f = fopen(path, "w");
	fclose(f);
	store_close(open_ok(path, day("2026-11-26")));
	assert_int_equal(sql_int(path, "PRAGMA user_version"),
	                 STORE_SCHEMA_VERSION);
}

static void refusals_leave_file_untouched(void **state)
{
	(void)state;
	cal_day today = day("2026-11-26");
	/* A text file. */
	char *text = path_of("text.db");
	FILE *f = fopen(text, "w");
	fputs("these are my notes, not a database\n", f);
	fclose(f);
	expect_refused(text, today, "not a hep data file");

	/* Another program's database. */
	char *foreign = path_of("foreign.db");
	sql(foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
	expect_refused(foreign, today, "another program");

	/* A newer hep's file. */
	char *newer = path_of("newer.db");
	store_close(open_ok(newer, today));
	sql(newer, "PRAGMA user_version = 99");
	expect_refused(newer, today, "newer hep");

	/* Damaged in the middle of a page, found by the day's first check. */
	char *bad = path_of("bad.db");
	struct store *st = open_ok(bad, today);
	assert_int_equal(store_begin(st), 0);
	for (int i = 0; i < 400; i++) {
		char id[16];
		snprintf(id, sizeof id, "ex-%d", i % 20);
		add_session(st, id, today - i / 20, 0, false, -1,
		            "a note to fill the pages up a little");
	}
	assert_int_equal(store_commit(st), 0);
	store_close(st);
	long len;
	char *bytes = slurp(bad, &len);
	assert_true(len > 4 * 4096);
	f = fopen(bad, "r+b");
	fseek(f, 3 * 4096 + 8, SEEK_SET); /* page 4: its cell pointers */
	for (int i = 0; i < 64; i++)
		fputc(0xA5, f);
	fclose(f);
	free(bytes);
	expect_refused(bad, today + 1, "damaged");

	/* Truncated. */
	char *cut = path_of("cut.db");
	st = open_ok(cut, today);
	assert_int_equal(store_begin(st), 0);
	for (int i = 0; i < 300; i++)
		add_session(st, "x", today - i, 0, false, -1, "note");
	assert_int_equal(store_commit(st), 0);
	store_close(st);
	assert_int_equal(truncate(cut, 9000), 0);
	expect_refused(cut, today + 1, "damaged");
}

static void values_are_bound_and_kept(void **state)
{
	(void)state;
	char *path = path_of("bound.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	const char *note = "Robert'); DROP TABLE session;-- 100% \"knee\" "
	                   "na\xC3\xAFve \xE8\x86\x9D";
	assert_int_equal(store_begin(st), 0);
	add_session(st, "it's", today, 1764142200, false, 7, note);
	assert_int_equal(store_commit(st), 0);
	struct session *s;
	size_t n;
	assert_int_equal(store_sessions(st, "it's", today, &s, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(s[0].note, note);
	assert_int_equal(s[0].pain, 7);
	assert_int_equal(s[0].pain_before, -1);
	assert_string_equal(s[0].logged_at, "2025-11-26T07:30:00Z");
	store_sessions_free(s, n);
	struct store_day d;
	assert_int_equal(store_day_read(st, "it's", today, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.state.n_sessions, 1);
	assert_string_equal(d.entries[0].note, note);
	assert_null(d.state.skip);
	store_day_free(&d);
	assert_int_equal(store_verify(st), 0);
	store_close(st);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM session"), 1);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM entry"), 1);
}

static void snapshots_round_trip(void **state)
{
	(void)state;
	char *path = path_of("snap.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	char quad[] = "Quad sets", bridges[] = "Bridges",
	     notes[] = "Press 'down'.";
	struct rx_exercise ex[2] = {
	    {.id = "quad-set",
	     .name = quad,
	     .sets = {3, 3},
	     .reps = {10, 10},
	     .hold = {5, 5},
	     .per_day = 2,
	     .days = RX_ALL_DAYS,
	     .from = CAL_NONE,
	     .until = CAL_NONE,
	     .notes = notes},
	    {.id = "bridge",
	     .name = bridges,
	     .sets = {2, 2},
	     .reps = {15, 15},
	     .rest = {30, 30},
	     .side = RX_SIDE_BOTH,
	     .per_day = 1,
	     .days = RX_ALL_DAYS,
	     .per_week = 3,
	     .from = day("2026-11-16"),
	     .until = day("2026-12-31")},
	};
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(
	    store_snapshot_put(st, day("2026-11-02"), today, ex, 2), 0);
	assert_int_equal(
	    store_snapshot_put(st, day("2026-11-20"), CAL_NONE, ex, 1), 0);
	/* Replacing the snapshot of a date. */
	assert_int_equal(
	    store_snapshot_put(st, day("2026-11-20"), today, ex + 1, 1), 0);
	assert_int_equal(store_commit(st), 0);
	struct rx_snapshot *snaps;
	size_t n;
	cal_day first;
	assert_int_equal(store_snapshot_first(st, &first), 0);
	assert_int_equal(first, day("2026-11-02"));
	/* Those in force from a day on: the one of that day and later. */
	assert_int_equal(store_snapshots(st, day("2026-11-25"), &snaps, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(snaps[0].from, day("2026-11-20"));
	rx_snapshots_free(snaps, n);
	assert_int_equal(store_snapshots(st, day("2026-11-19"), &snaps, &n), 0);
	assert_int_equal(n, 2);
	rx_snapshots_free(snaps, n);
	/* The first applies to every earlier day. */
	assert_int_equal(store_snapshots(st, day("2026-10-01"), &snaps, &n), 0);
	assert_int_equal(n, 2);
	rx_snapshots_free(snaps, n);
	assert_int_equal(store_snapshots(st, CAL_NONE, &snaps, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(snaps[0].from, day("2026-11-02"));
	assert_int_equal(snaps[0].n, 2);
	assert_true(rx_exercise_equal(&snaps[0].ex[0], &ex[0]));
	assert_true(rx_exercise_equal(&snaps[0].ex[1], &ex[1]));
	assert_int_equal(snaps[1].n, 1);
	assert_true(rx_exercise_equal(&snaps[1].ex[0], &ex[1]));
	rx_snapshots_free(snaps, n);
	bool known;
	enum rx_kind kind;
	assert_int_equal(store_exercise_kind(st, "bridge", &known, &kind), 0);
	assert_true(known && kind == RX_KIND_PER_WEEK);
	assert_int_equal(store_exercise_kind(st, "nope", &known, &kind), 0);
	assert_false(known);
	store_close(st);
}

static void tallies_and_undo_order(void **state)
{
	(void)state;
	char *path = path_of("tally.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	assert_int_equal(store_begin(st), 0);
	add_session(st, "a", today, 100, false, -1, NULL);
	add_session(st, "a", today, 200, false, -1, NULL);
	add_skip(st, "b", today, SKIP_PAIN, 150, "flare");
	add_session(st, "b", today - 1, 50, true, 2, NULL);
	assert_int_equal(store_commit(st), 0);
	struct tally *t;
	size_t n;
	assert_int_equal(store_tallies(st, today - 1, today, &t, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].exercise, "b");
	assert_int_equal(t[0].day, today - 1);
	assert_string_equal(t[1].exercise, "a");
	assert_int_equal(t[1].done, 2);
	assert_string_equal(t[2].exercise, "b");
	assert_int_equal(t[2].done, 0);
	assert_int_equal(t[2].skip, SKIP_PAIN);
	free(t);
	/* Undo takes back the latest action whatever its kind; the tally
	 * follows, the entries stay. */
	assert_int_equal(store_begin(st), 0);
	take_back(st, "a", today);
	take_back(st, "b", today);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_tallies(st, today, today, &t, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].done, 1);
	free(t);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM entry"), 6);
	assert_int_equal(store_verify(st), 0);
	store_close(st);
}

/* The diary is never rewritten, whatever program opens the file; and a
 * derived table changed behind hep's back is found by the replay. */
static void diary_is_append_only(void **state)
{
	(void)state;
	char *path = path_of("ledger.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	assert_int_equal(store_begin(st), 0);
	add_session(st, "a", today, 100, false, 3, "x");
	assert_int_equal(store_commit(st), 0);
	store_close(st);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db, "UPDATE entry SET pain = 9", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db, "DELETE FROM entry", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db, "UPDATE session SET pain = 9", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(sql_int(path, "SELECT pain FROM entry"), 3);
	st = open_ok(path, today);
	assert_int_equal(store_verify(st), -1);
	if (!strstr(store_error(st), "session 1 differs"))
		fail_msg("%s", store_error(st));
	store_close(st);
}

/* A version 1 file (before the tally table) is migrated: the tally is
 * rebuilt from the sessions and skips, and kept by triggers after. */
/* What version 3 added, dropped again. */
#define DROP_V3                                                                \
	"DROP TABLE streak_mark; DROP TRIGGER session_added_mark;"             \
	"DROP TRIGGER session_removed_mark; DROP TRIGGER session_moved_mark;"  \
	"DROP TRIGGER skip_added_mark; DROP TRIGGER skip_removed_mark;"        \
	"DROP TRIGGER skip_changed_mark; DROP TRIGGER snapshot_added_mark;"    \
	"DROP TRIGGER snapshot_removed_mark;"                                  \
	"DROP TRIGGER snapshot_exercise_added_mark;"                           \
	"DROP TRIGGER snapshot_exercise_removed_mark;"                         \
	"DROP TRIGGER snapshot_exercise_changed_mark;"

/* What version 11 added, dropped again: the MAX of a range of frequency,
 * the slot. */
#define DROP_V11                                                               \
	"ALTER TABLE snapshot_exercise DROP COLUMN per_day_max;"               \
	"ALTER TABLE snapshot_exercise DROP COLUMN per_week_max;"              \
	"ALTER TABLE snapshot_step DROP COLUMN per_day_max;"                   \
	"ALTER TABLE snapshot_step DROP COLUMN per_week_max;"                  \
	"ALTER TABLE entry DROP COLUMN slot;"

/* What version 10 added, dropped again: the program's end. */
#define DROP_V10 "ALTER TABLE snapshot DROP COLUMN ends;"

/* What version 8 added, dropped again: the identities, the statuses, the
 * skips' lateness; the tally triggers as version 6 made them. */
#define DROP_V8                                                                                      \
	"DROP INDEX entry_id; DROP INDEX entry_by_stamp;"                                            \
	"DROP TABLE entry_status;" DROP_TALLY_TRIGGERS                                               \
	TALLY_TRIGGERS_WITH(                                                                         \
	    RECOUNT_MARKED) "ALTER TABLE entry DROP COLUMN id; ALTER TABLE entry DROP COLUMN stamp;" \
	                    "ALTER TABLE entry DROP COLUMN target;"                                  \
	                    "ALTER TABLE entry DROP COLUMN by_id;"                                   \
	                    "ALTER TABLE skip DROP COLUMN late;"                                     \
	                    "ALTER TABLE tally DROP COLUMN skip_late;"                               \
	                    "DELETE FROM meta WHERE key = 'clock_high';"

/* What version 12 added (earned steps), dropped again. */
/* What version 13 added, dropped again: the advance entry's columns and
 * its index (SPEC 2.2). */
#define DROP_V13                                                               \
	"DROP INDEX entry_advances;"                                           \
	"ALTER TABLE entry DROP COLUMN step;"                                  \
	"ALTER TABLE entry DROP COLUMN back;"                                  \
	"ALTER TABLE entry DROP COLUMN effective;"

#define DROP_V12                                                               \
	"ALTER TABLE snapshot_exercise DROP COLUMN advance;"                   \
	"ALTER TABLE snapshot_exercise DROP COLUMN back_off_pain;"             \
	"ALTER TABLE snapshot_exercise DROP COLUMN back_off_sessions;"         \
	"ALTER TABLE snapshot_exercise DROP COLUMN step_set;"                  \
	"ALTER TABLE snapshot_step DROP COLUMN when_sessions;"                 \
	"ALTER TABLE snapshot_step DROP COLUMN when_pain;"                     \
	"ALTER TABLE snapshot_step DROP COLUMN when_effort;"                   \
	"ALTER TABLE snapshot_step DROP COLUMN when_not_before;"               \
	"ALTER TABLE snapshot_step DROP COLUMN when_label;"

/* What version 7 added, dropped again. */
#define DROP_V7                                                                \
	"DROP TABLE outcome_plan_psfs; DROP TABLE outcome_plan_measure;"       \
	"DROP TABLE outcome_plan;"

/* What version 6 added, dropped again; its tally triggers (which read a
 * skip's pain) go too: version 6 makes them anew. */
#define DROP_V6                                                                \
	"DROP TRIGGER session_added; DROP TRIGGER session_removed;"            \
	"DROP TRIGGER session_changed; DROP TRIGGER skip_added;"               \
	"DROP TRIGGER skip_removed; DROP TRIGGER skip_changed;"                \
	"DROP INDEX entry_outcomes; ALTER TABLE entry DROP COLUMN value;"      \
	"ALTER TABLE entry DROP COLUMN items;"

/* What version 4 added, dropped again. */
#define DROP_V5                                                                \
	"DROP TABLE snapshot_step;"                                            \
	"ALTER TABLE snapshot_exercise DROP COLUMN sets_max;"                  \
	"ALTER TABLE snapshot_exercise DROP COLUMN reps_max;"                  \
	"ALTER TABLE snapshot_exercise DROP COLUMN hold_max;"                  \
	"ALTER TABLE snapshot_exercise DROP COLUMN rest_max;"                  \
	"ALTER TABLE snapshot_exercise DROP COLUMN pause;"                     \
	"ALTER TABLE snapshot_exercise DROP COLUMN pause_max;"                 \
	"ALTER TABLE snapshot_exercise DROP COLUMN duration;"                  \
	"ALTER TABLE snapshot_exercise DROP COLUMN duration_max;"              \
	"ALTER TABLE snapshot_exercise DROP COLUMN load;"                      \
	"ALTER TABLE snapshot_exercise DROP COLUMN tempo;"                     \
	"ALTER TABLE snapshot_exercise DROP COLUMN at_labels;"                 \
	"ALTER TABLE snapshot_exercise DROP COLUMN every;"                     \
	"ALTER TABLE snapshot_exercise DROP COLUMN anchor_day;"                \
	"ALTER TABLE snapshot_exercise DROP COLUMN as_needed;"                 \
	"ALTER TABLE snapshot_exercise DROP COLUMN pain_limit;"                \
	"ALTER TABLE snapshot_exercise DROP COLUMN link;"

#define DROP_V4                                                                \
	"DROP TABLE entry; ALTER TABLE session DROP COLUMN pain_before;"       \
	"ALTER TABLE skip DROP COLUMN pain;"                                   \
	"ALTER TABLE snapshot DROP COLUMN stored;"

/* A mark at day with one exercise walk; walked from start, weeks from Monday.
 */
static void put_mark(struct store *st, cal_day at, cal_day start, int current)
{
	struct mark_exercise ex[2] = {{"a", false, {current, 9}},
	                              {"b", true, {0, 3}}};
	struct streak_mark m = {at, start, CAL_MON, {current, 12}, ex, 2};
	assert_int_equal(store_mark_put(st, &m), 0);
}

/* The day of the newest mark before `before`, or CAL_NONE. */
static cal_day mark_day(struct store *st, cal_day start, cal_day before)
{
	struct streak_mark m;
	assert_int_equal(store_mark_get(st, start, CAL_MON, before, &m), 0);
	cal_day d = m.day;
	store_mark_free(&m);
	return d;
}

static void marks_kept_until_the_past_changes(void **state)
{
	(void)state;
	char *path = path_of("marks.db");
	cal_day today = day("2026-11-26"), start = day("2026-01-05");
	cal_day sun = day("2026-11-22"), sun1 = sun - 7, sun2 = sun - 14;
	struct store *st = open_ok(path, today);
	char name[] = "A";
	struct rx_exercise ex = {.id = "a",
	                         .name = name,
	                         .sets = {1, 1},
	                         .per_day = 1,
	                         .days = RX_ALL_DAYS,
	                         .from = CAL_NONE,
	                         .until = CAL_NONE};
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_snapshot_put(st, start, CAL_NONE, &ex, 1), 0);
	assert_int_equal(store_commit(st), 0);
	put_mark(st, sun2, start, 5);
	put_mark(st, sun1, start, 6);
	put_mark(st, sun, start, 7);

	/* Read back whole: the newest before the day asked. */
	struct streak_mark m;
	assert_int_equal(store_mark_get(st, start, CAL_MON, today, &m), 0);
	assert_int_equal(m.day, sun);
	assert_int_equal(m.start, start);
	assert_int_equal(m.days.current, 7);
	assert_int_equal(m.days.longest, 12);
	assert_int_equal(m.n_ex, 2);
	assert_string_equal(m.ex[0].id, "a");
	assert_int_equal(m.ex[0].streak.current, 7);
	assert_int_equal(m.ex[0].streak.longest, 9);
	assert_false(m.ex[0].weeks);
	assert_string_equal(m.ex[1].id, "b");
	assert_true(m.ex[1].weeks);
	assert_int_equal(m.ex[1].streak.longest, 3);
	store_mark_free(&m);
	assert_int_equal(mark_day(st, start, sun), sun1);
	/* Walked from another start, or weeks from Sunday: not ours. */
	assert_int_equal(mark_day(st, start + 1, today), CAL_NONE);
	assert_int_equal(store_mark_get(st, start, CAL_SUN, today, &m), 0);
	assert_int_equal(m.day, CAL_NONE);

	/* A session after the newest mark keeps them all. */
	assert_int_equal(store_begin(st), 0);
	add_session(st, "a", sun + 1, 1, false, -1, NULL);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun);
	/* A back-filled session on the newest mark's day drops it only. */
	assert_int_equal(store_begin(st), 0);
	add_session(st, "a", sun, 1, true, -1, NULL);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun1);
	/* So does an undo, a skip and its undo, further back. */
	put_mark(st, sun, start, 7);
	assert_int_equal(store_begin(st), 0);
	take_back(st, "a", sun);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun1);
	assert_int_equal(store_begin(st), 0);
	add_skip(st, "a", sun1 - 2, SKIP_PAIN, 1, NULL);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun2);
	put_mark(st, sun1, start, 6);
	assert_int_equal(store_begin(st), 0);
	take_back(st, "a", sun1 - 2);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun2);

	/* A snapshot from a day on drops the marks from that day. */
	put_mark(st, sun1, start, 6);
	put_mark(st, sun, start, 7);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_snapshot_put(st, sun, today, &ex, 1), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun1);
	/* A first snapshot applies to every earlier day: all go. */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_snapshot_put(st, start, CAL_NONE, &ex, 1), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), CAL_NONE);

	/* An import recounts in bulk: the marks from its first day go. */
	put_mark(st, sun2, start, 5);
	put_mark(st, sun, start, 7);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_bulk_begin(st), 0);
	add_session(st, "a", sun2 + 3, 1, true, -1, NULL);
	assert_int_equal(mark_day(st, start, today), sun); /* standing aside */
	assert_int_equal(store_bulk_end(st, sun2 + 3, sun2 + 3), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, start, today), sun2);

	/* Only the newest few are kept, and only those walked the same way. */
	for (int k = 0; k < STORE_MARKS_KEPT + 3; k++)
		put_mark(st, sun - 7 * k, start, k);
	assert_int_equal(sql_int(path, "SELECT count(DISTINCT day) FROM "
	                               "streak_mark"),
	                 STORE_MARKS_KEPT);
	put_mark(st, sun, start + 7, 1);
	assert_int_equal(sql_int(path, "SELECT count(DISTINCT day) FROM "
	                               "streak_mark"),
	                 1);
	store_close(st);
}

static void migrates_from_version_2(void **state)
{
	(void)state;
	char *path = path_of("v2.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	assert_int_equal(store_begin(st), 0);
	add_session(st, "a", today - 9, 100, false, 4, "x");
	assert_int_equal(store_commit(st), 0);
	store_close(st);
	sql(path, DROP_V13 DROP_V12 DROP_V11 DROP_V10 DROP_V8 DROP_V7 DROP_V6
	              DROP_V5 DROP_V4 DROP_V3 "PRAGMA user_version = 2;");
	st = open_ok(path, today);
	assert_int_equal(sql_int(path, "PRAGMA user_version"),
	                 STORE_SCHEMA_VERSION);
	/* The marks and their triggers are there and work. */
	put_mark(st, day("2026-11-22"), day("2026-01-05"), 3);
	assert_int_equal(mark_day(st, day("2026-01-05"), today),
	                 day("2026-11-22"));
	assert_int_equal(store_begin(st), 0);
	take_back(st, "a", today - 9);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(mark_day(st, day("2026-01-05"), today), CAL_NONE);
	assert_int_equal(store_verify(st), 0);
	store_close(st);
}

static void migrates_from_version_1(void **state)
{
	(void)state;
	char *path = path_of("v1.db");
	cal_day today = day("2026-11-26");
	struct store *st = open_ok(path, today);
	assert_int_equal(store_begin(st), 0);
	add_session(st, "a", today, 100, false, 4, "x");
	add_session(st, "a", today, 200, true, 6, NULL);
	add_skip(st, "b", today - 1, SKIP_SICK, 50, NULL);
	assert_int_equal(store_commit(st), 0);
	store_close(st);
	/* Back to the version 1 schema, as an older hep left it. */
	sql(path,
	    DROP_V13 DROP_V12 DROP_V11 DROP_V10 DROP_V8 DROP_V7 DROP_V6 DROP_V5
	        DROP_V4 DROP_V3 "DROP TABLE tally; PRAGMA user_version = 1;");
	st = open_ok(path, today);
	assert_int_equal(sql_int(path, "PRAGMA user_version"),
	                 STORE_SCHEMA_VERSION);
	struct tally *t;
	size_t n;
	assert_int_equal(store_tallies(st, today - 7, today, &t, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].exercise, "b");
	assert_int_equal(t[0].skip, SKIP_SICK);
	assert_int_equal(t[1].done, 2);
	assert_int_equal(t[1].late, 1);
	assert_int_equal(t[1].pain, 6);
	assert_true(t[1].noted);
	free(t);
	/* Each session and skip became an entry: undo takes them back. */
	assert_int_equal(store_begin(st), 0);
	take_back(st, "a", today);
	take_back(st, "b", today - 1);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_tallies(st, today - 7, today, &t, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].done, 1);
	assert_int_equal(t[0].late, 0);
	assert_int_equal(t[0].pain, 4);
	free(t);
	assert_int_equal(store_verify(st), 0);
	store_close(st);
}

/* The data file the last release made (tests/data/v3, see make.sh there):
 * every session and skip becomes an entry at its logged time, nothing
 * else changes but the numbering of two sessions a clock set back had
 * numbered out of order, and the replay agrees with what stands. */
static void migrates_from_version_3(void **state)
{
	(void)state;
	char *path = path_of("v3.db");
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "cp '%s/tests/data/v3/hep.db' '%s'",
	         HEP_SOURCE_DIR, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sql_int(path, "PRAGMA user_version"), 3);
	long long sessions = sql_int(path, "SELECT count(*) FROM session");
	long long skips = sql_int(path, "SELECT count(*) FROM skip");
	long long pains = sql_int(path, "SELECT sum(pain) FROM session");
	long long tally = sql_int(path, "SELECT sum(done) + count(reason) + "
	                                "sum(late) + sum(pain) FROM tally");
	struct store *st = open_ok(path, day("2026-11-26"));
	assert_int_equal(sql_int(path, "PRAGMA user_version"),
	                 STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM entry"),
	                 sessions + skips);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM session"),
	                 sessions);
	assert_int_equal(sql_int(path, "SELECT sum(pain) FROM session"), pains);
	assert_int_equal(sql_int(path, "SELECT sum(done) + count(reason) + "
	                               "sum(late) + sum(pain) FROM tally"),
	                 tally);
	/* Oldest first by logged time. */
	assert_int_equal(sql_int(path, "SELECT count(*) FROM entry a JOIN entry"
	                               " b ON b.seq = a.seq + 1 WHERE"
	                               " b.made_at < a.made_at"),
	                 0);
	/* 2026-11-24: 20:00 (pain 4) was session 1, 09:00 session 2. */
	assert_int_equal(sql_int(path, "SELECT n FROM session WHERE day ="
	                               " '2026-11-24' AND exercise = 'quad-set'"
	                               " AND pain = 4"),
	                 2);
	assert_int_equal(store_verify(st), 0);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(created_private_and_versioned),
	    cmocka_unit_test(skip_check_lists_the_reasons),
	    cmocka_unit_test(empty_file_migrates),
	    cmocka_unit_test(refusals_leave_file_untouched),
	    cmocka_unit_test(values_are_bound_and_kept),
	    cmocka_unit_test(snapshots_round_trip),
	    cmocka_unit_test(tallies_and_undo_order),
	    cmocka_unit_test(migrates_from_version_1),
	    cmocka_unit_test(migrates_from_version_2),
	    cmocka_unit_test(migrates_from_version_3),
	    cmocka_unit_test(diary_is_append_only),
	    cmocka_unit_test(marks_kept_until_the_past_changes),
	    cmocka_unit_test(outcome_entries_stand_apart),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
