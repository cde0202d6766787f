/* The store: the diary, what stands, the record as a whole, an import's
 * staging (SPEC section 6). See store_impl.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* ---- what stands ------------------------------------------------------- */

/* A day's count of sessions as a tally holds it (past 32767 a day it is no
 * longer a count a streak could tell apart). */
static int16_t db_count16(sqlite3_stmt *s, int i)
{
	int v = sqlite3_column_int(s, i);
	return (int16_t)(v > INT16_MAX ? INT16_MAX : v);
}

/* A pain column: 0..10, or -1 for NULL. */
static int db_column_pain(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
	           ? -1
	           : sqlite3_column_int(s, i);
}

/* The columns TALLY_COLUMNS, read from column i on, into t. */
#define TALLY_COLUMNS "done, reason, late, pain, noted, skip_late"
static void column_tally(sqlite3_stmt *s, int i, struct tally *t)
{
	t->done = db_count16(s, i);
	const char *r = (const char *)sqlite3_column_text(s, i + 1);
	t->skip = SKIP_NONE;
	if (r)
		skip_reason_parse(r, &t->skip);
	t->late = db_count16(s, i + 2);
	t->pain = (int8_t)db_column_pain(s, i + 3);
	t->noted = sqlite3_column_int(s, i + 4) != 0;
	t->skip_late = sqlite3_column_int(s, i + 5) != 0;
}

/* A tally row (exercise, day, TALLY_COLUMNS) into x. */
static void fill_tally(struct store *st, sqlite3_stmt *s, void *x, void *arg)
{
	(void)arg;
	struct tally *t = x;
	t->exercise = db_intern(st, (const char *)sqlite3_column_text(s, 0));
	t->day = db_column_day(s, 1);
	column_tally(s, 2, t);
}

int store_tallies(struct store *st, cal_day from, cal_day to,
                  struct tally **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = db_prepare(
	    st,
	    "SELECT exercise, day, " TALLY_COLUMNS
	    " FROM tally WHERE day BETWEEN ?1 AND ?2 ORDER BY day, exercise");
	if (!s)
		return -1;
	db_bind_day(s, 1, from);
	db_bind_day(s, 2, to);
	static const struct db_rows how = {sizeof **out, fill_tally, NULL};
	int rc;
	*out = db_collect(st, s, &how, NULL, n, &rc);
	return rc;
}

int store_tally_of(struct store *st, const char *id, cal_day day,
                   struct tally *out, bool *found)
{
	sqlite3_stmt *s = db_prepare(st, "SELECT " TALLY_COLUMNS " FROM tally"
	                                 " WHERE day = ?1 AND exercise = ?2");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	db_bind_text(s, 2, id);
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	memset(out, 0, sizeof *out);
	out->exercise = db_intern(st, id);
	out->day = day;
	out->pain = -1;
	if (*found)
		column_tally(s, 0, out);
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

int store_first_recorded(struct store *st, cal_day *out)
{
	return db_query_day(st, "SELECT min(day) FROM tally", out);
}

int store_last_entry_day(struct store *st, cal_day *out)
{
	return db_query_day(st,
	                    "SELECT max(day) FROM entry WHERE kind IN"
	                    " ('session', 'skip', 'undo', 'redo', 'correction',"
	                    " 'withdraw')",
	                    out);
}

int store_day_has_entries(struct store *st, cal_day day, bool *any)
{
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT EXISTS (SELECT 1 FROM entry WHERE day = ?1 AND kind IN"
	        " ('session', 'skip', 'undo', 'redo', 'correction',"
	        " 'withdraw'))");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	int rc = sqlite3_step(s);
	*any = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
	db_release(st, s);
	return rc == SQLITE_ROW ? 0 : db_fail_db(st, rc);
}

/* ---- the diary ---------------------------------------------------------- */

/* An id column (NULL: ""); anything but 16 characters reads as "". */
void db_column_id(sqlite3_stmt *s, int i, entry_id out)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	if (v && strlen(v) == ENTRY_ID_LEN)
		memcpy(out, v, ENTRY_ID_LEN + 1);
	else
		out[0] = '\0';
}

/* An id, or NULL for "". */
void db_bind_id(sqlite3_stmt *s, int i, const char *id)
{
	db_bind_text(s, i, id[0] ? id : NULL);
}

/* Reads an entry row (ENTRY_COLUMNS, and STATUS_COLUMN if there) into e;
 * its texts are the statement's until the next step. */
void db_column_entry(sqlite3_stmt *s, struct diary_entry *e)
{
	memset(e, 0, sizeof *e);
	e->seq = sqlite3_column_int64(s, 0);
	const char *kind = (const char *)sqlite3_column_text(s, 1);
	if (!kind || !entry_kind_parse(kind, &e->kind))
		e->kind = ENTRY_KINDS; /* a kind this hep does not replay */
	strfmt(e->exercise, sizeof e->exercise, "%s",
	       (const char *)sqlite3_column_text(s, 2));
	e->day = db_column_day(s, 3);
	const char *at = (const char *)sqlite3_column_text(s, 4);
	if (!at || !cal_parse_utc(at, &e->made_utc))
		e->made_utc = 0;
	e->late = sqlite3_column_int(s, 5) != 0;
	e->session = sqlite3_column_int(s, 6);
	e->pain = db_column_pain(s, 7);
	e->pain_before = db_column_pain(s, 8);
	e->note = (const char *)sqlite3_column_text(s, 9);
	const char *r = (const char *)sqlite3_column_text(s, 10);
	e->reason = SKIP_NONE;
	if (r)
		skip_reason_parse(r, &e->reason);
	e->fixes = sqlite3_column_int(s, 11);
	e->old_pain = db_column_pain(s, 12);
	e->old_pain_before = db_column_pain(s, 13);
	e->old_note = (const char *)sqlite3_column_text(s, 14);
	e->value = (int32_t)sqlite3_column_int64(s, 15);
	e->items = (const char *)sqlite3_column_text(s, 16);
	db_column_id(s, 17, e->id);
	e->stamp = sqlite3_column_int64(s, 18);
	db_column_id(s, 19, e->target);
	db_column_id(s, 20, e->by);
	/* After the version-8 columns, by name where a query has them: the
	 * slot and the effort (ENTRY_COLUMNS, not ENTRY_COLUMNS_8;
	 * STAGE_COLUMNS) and the status (STATUS_COLUMN). */
	e->effort = e->old_effort = -1;
	e->step = 0;
	e->back = false;
	e->effective = CAL_NONE;
	e->status = STATUS_STANDING;
	for (int i = 21; i < sqlite3_column_count(s); i++) {
		const char *name = sqlite3_column_name(s, i);
		const char *v = (const char *)sqlite3_column_text(s, i);
		if (name && v && strcmp(name, "slot") == 0)
			strfmt(e->slot, sizeof e->slot, "%s", v);
		else if (name && strcmp(name, "effort") == 0)
			e->effort = db_column_pain(s, i);
		else if (name && strcmp(name, "old_effort") == 0)
			e->old_effort = db_column_pain(s, i);
		else if (name && strcmp(name, "step") == 0)
			e->step = sqlite3_column_int(s, i);
		else if (name && strcmp(name, "back") == 0)
			e->back = sqlite3_column_int(s, i) != 0;
		else if (name && strcmp(name, "effective") == 0)
			e->effective = db_column_day(s, i);
		else if (name && v && strcmp(name, "status") == 0)
			entry_status_parse(v, &e->status);
	}
}

/* Binds the fields of e as ?1.. in ENTRY_COLUMNS order, seq left out. */
void db_bind_entry(sqlite3_stmt *s, const struct diary_entry *e)
{
	char at[21];
	db_bind_text(s, 1,
	             e->kind < ENTRY_KINDS ? entry_kind_name(e->kind) : "");
	db_bind_text(s, 2, e->exercise);
	db_bind_day(s, 3, e->day);
	db_bind_text(s, 4, cal_format_utc(e->made_utc, at));
	sqlite3_bind_int(s, 5, e->late);
	db_bind_opt_int(s, 6, e->session);
	db_bind_pain(s, 7, e->pain);
	db_bind_pain(s, 8, e->pain_before);
	db_bind_text(s, 9, e->note);
	db_bind_text(s, 10, skip_reason_name(e->reason));
	sqlite3_bind_int(s, 11, e->fixes);
	db_bind_pain(s, 12, e->old_pain);
	db_bind_pain(s, 13, e->old_pain_before);
	db_bind_text(s, 14, e->old_note);
	if (e->kind == ENTRY_MEASURE)
		sqlite3_bind_int64(s, 15, e->value);
	else
		sqlite3_bind_null(s, 15);
	db_bind_text(s, 16, e->items);
	db_bind_id(s, 17, e->id);
	sqlite3_bind_int64(s, 18, e->stamp);
	db_bind_id(s, 19, e->target);
	db_bind_id(s, 20, e->by);
	db_bind_text(s, 21, e->slot[0] ? e->slot : NULL);
	db_bind_pain(s, 22, e->effort);
	db_bind_pain(s, 23, e->old_effort);
	bool adv = e->kind == ENTRY_ADVANCE;
	if (adv) {
		sqlite3_bind_int(s, 24, e->step);
		sqlite3_bind_int(s, 25, e->back);
		db_bind_day(s, 26, e->effective);
	} else {
		for (int i = 24; i <= 26; i++)
			sqlite3_bind_null(s, i);
	}
}

int store_append_only(struct store *st, const struct diary_entry *e)
{
	sqlite3_stmt *s = db_prepare(
	    st,
	    "INSERT INTO entry(kind, exercise, day, made_at, late, session,"
	    " pain, pain_before, note, reason, fixes, old_pain,"
	    " old_pain_before, old_note, value, items, id, stamp, target,"
	    " by_id, slot, effort, old_effort, step, back, effective) VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)");
	if (!s)
		return -1;
	db_bind_entry(s, e);
	return db_run(st, s);
}

int store_last_seq(struct store *st, int64_t *seq)
{
	return db_query_int(st, "SELECT coalesce(max(seq), 0) FROM entry", seq);
}

void store_day_free(struct store_day *d)
{
	diary_state_free(&d->state);
	for (size_t i = 0; i < d->n; i++) {
		diary_entry_drop(&d->entries[i]);
	}
	free(d->entries);
	memset(d, 0, sizeof *d);
}

char *db_dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The milliseconds of a made_at instant (seconds). */
int64_t db_made_ms(int64_t utc)
{
	return utc * 1000;
}

/* An entry row (ENTRY_COLUMNS) into x, its texts its own. */
static void fill_entry(struct store *st, sqlite3_stmt *s, void *x, void *arg)
{
	(void)st;
	(void)arg;
	db_column_entry(s, x);
	diary_entry_keep(x);
}

static void drop_entries(void *items, size_t n)
{
	struct diary_entry *e = items;
	for (size_t i = 0; i < n; i++)
		diary_entry_drop(&e[i]);
}

int store_day_read(struct store *st, const char *id, cal_day day,
                   struct store_day *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT " ENTRY_COLUMNS " FROM entry e WHERE day = ?1"
	        " AND exercise = ?2 AND" EXERCISE_KINDS " ORDER BY stamp, id");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	db_bind_text(s, 2, id);
	static const struct db_rows how = {sizeof *out->entries, fill_entry,
	                                   drop_entries};
	int rc;
	out->entries = db_collect(st, s, &how, NULL, &out->n, &rc);
	if (rc != 0)
		return -1;
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
	       x->pain_before == y->pain_before && x->effort == y->effort &&
	       str_same(x->note, y->note);
}

/* The standing skip row of id on day (reason SKIP_NONE if none). */
struct skip_row {
	enum skip_reason reason;
	char logged_at[21];
	int pain;
	char *note;
	bool late;
};

static int read_skip(struct store *st, const char *id, cal_day day,
                     struct skip_row *k)
{
	memset(k, 0, sizeof *k);
	k->pain = -1;
	sqlite3_stmt *s = db_prepare(st, "SELECT reason, logged_at, pain, note,"
	                                 " late FROM skip WHERE exercise = ?1"
	                                 " AND day = ?2");
	if (!s)
		return -1;
	db_bind_text(s, 1, id);
	db_bind_day(s, 2, day);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		skip_reason_parse((const char *)sqlite3_column_text(s, 0),
		                  &k->reason);
		strfmt(k->logged_at, sizeof k->logged_at, "%s",
		       (const char *)sqlite3_column_text(s, 1));
		k->pain = db_column_pain(s, 2);
		k->note =
		    db_dup_or_null((const char *)sqlite3_column_text(s, 3));
		k->late = sqlite3_column_int(s, 4) != 0;
	}
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

static bool skip_same(const struct skip_row *k, const struct diary_entry *e)
{
	char at[21];
	if (!e)
		return k->reason == SKIP_NONE;
	return k->reason == e->reason &&
	       strcmp(k->logged_at, cal_format_utc(e->made_utc, at)) == 0 &&
	       k->pain == e->pain && str_same(k->note, e->note) &&
	       k->late == e->late;
}

/* Writes standing session n (1-based) of id on day: an update or insert. */
static int put_session(struct store *st, const char *id, cal_day day, int n,
                       const struct diary_session *x, bool update)
{
	char at[21];
	sqlite3_stmt *s = db_prepare(
	    st, update ? "UPDATE session SET logged_at = ?4, late = ?5,"
	                 " pain = ?6, pain_before = ?7, note = ?8, effort = ?9"
	                 " WHERE exercise = ?1 AND day = ?2 AND n = ?3"
	               : "INSERT INTO session(exercise, day, n, logged_at,"
	                 " late, pain, pain_before, note, effort) VALUES (?1,"
	                 " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!s)
		return -1;
	db_bind_text(s, 1, id);
	db_bind_day(s, 2, day);
	sqlite3_bind_int(s, 3, n);
	db_bind_text(s, 4, cal_format_utc(x->entry->made_utc, at));
	sqlite3_bind_int(s, 5, x->entry->late);
	db_bind_pain(s, 6, x->pain);
	db_bind_pain(s, 7, x->pain_before);
	db_bind_text(s, 8, x->note);
	db_bind_pain(s, 9, x->effort);
	return db_run(st, s);
}

/* Writes the skip row a standing skip entry stands for. */
static int put_skip(struct store *st, const struct diary_entry *k)
{
	char at[21];
	sqlite3_stmt *s =
	    db_prepare(st, "INSERT INTO skip(exercise, day, reason,"
	                   " logged_at, note, pain, late) VALUES (?1, ?2,"
	                   " ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	db_bind_text(s, 1, k->exercise);
	db_bind_day(s, 2, k->day);
	db_bind_text(s, 3, skip_reason_name(k->reason));
	db_bind_text(s, 4, cal_format_utc(k->made_utc, at));
	db_bind_text(s, 5, k->note);
	db_bind_pain(s, 6, k->pain);
	sqlite3_bind_int(s, 7, k->late);
	return db_run(st, s);
}

/* The statuses stored for the entries of one exercise and day (only those
 * not standing are kept), as ids and names; free with free_statuses. */
struct stored_status {
	entry_id id;
	enum entry_status status;
};

/* A status row (id, status) into x. */
static void fill_status(struct store *st, sqlite3_stmt *s, void *x, void *arg)
{
	(void)st;
	(void)arg;
	struct stored_status *y = x;
	db_column_id(s, 0, y->id);
	y->status = STATUS_STANDING;
	const char *v = (const char *)sqlite3_column_text(s, 1);
	if (!v || !entry_status_parse(v, &y->status))
		y->status = STATUS_COUNT; /* not a status: rewritten */
}

static int read_statuses(struct store *st, const char *id, cal_day day,
                         struct stored_status **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT x.id, x.status FROM entry e JOIN entry_status x ON"
	        " x.id = e.id WHERE e.day = ?1 AND e.exercise = ?2 AND"
	        " e.kind NOT IN ('measure', 'psfs')");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	db_bind_text(s, 2, id);
	static const struct db_rows how = {sizeof **out, fill_status, NULL};
	int rc;
	*out = db_collect(st, s, &how, NULL, n, &rc);
	return rc;
}

/* What is stored of entry e's status (STATUS_STANDING when nothing). */
static enum entry_status stored_status_of(const struct stored_status *x,
                                          size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(x[i].id, id) == 0)
			return x[i].status;
	return STATUS_STANDING;
}

/* Stores the status of every entry of day d that differs from what is
 * stored (or, with check, says which differs first). */
static int put_statuses(struct store *st, const struct store_day *d,
                        const char *id, cal_day day, bool check)
{
	struct stored_status *old;
	size_t n_old;
	if (read_statuses(st, id, day, &old, &n_old) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < d->n; i++) {
		const struct diary_entry *e = &d->entries[i];
		enum entry_status want = d->state.status[i];
		if (!e->id[0] || stored_status_of(old, n_old, e->id) == want)
			continue;
		if (check) {
			char dd[CAL_DATE_LEN];
			rc = db_fail(st,
			             "%s on %s: entry %s is stored as not %s",
			             id, cal_format(day, dd), e->id,
			             entry_status_name(want));
			break;
		}
		sqlite3_stmt *s = db_prepare(
		    st, want == STATUS_STANDING
		            ? "DELETE FROM entry_status WHERE id = ?1"
		            : "INSERT OR REPLACE INTO entry_status(id, status)"
		              " VALUES (?1, ?2)");
		if (!s)
			rc = -1;
		else {
			db_bind_text(s, 1, e->id);
			if (want != STATUS_STANDING)
				db_bind_text(s, 2, entry_status_name(want));
			rc = db_run(st, s);
		}
	}
	free(old);
	return rc;
}

/*
 * Makes the session and skip rows of id on day what its entries leave
 * standing, touching only the rows that differ (the triggers then keep
 * the tally and drop the marks).
 */
/* What id's entries on day leave standing (d), and the rows stored of
 * it: the sessions (old) and the skip (k). */
struct day_rows {
	struct store_day d;
	struct session *old;
	size_t n_old;
	struct skip_row k;
};

/*
 * Reads the day_rows of id on day and calls fn with them (db_sync_day's
 * writing them, verify_day's comparing them); then the statuses, put (or,
 * with check, compared) as in put_statuses. Frees them. 0, or -1.
 */
static int with_day_rows(struct store *st, const char *id, cal_day day,
                         bool check,
                         int (*fn)(struct store *st, const char *id,
                                   cal_day day, struct day_rows *r))
{
	struct day_rows r = {.old = NULL, .n_old = 0, .k = {0}};
	int rc = -1;
	if (store_day_read(st, id, day, &r.d) != 0)
		return -1;
	if (store_sessions(st, id, day, &r.old, &r.n_old) == 0 &&
	    read_skip(st, id, day, &r.k) == 0 && fn(st, id, day, &r) == 0)
		rc = put_statuses(st, &r.d, id, day, check);
	free(r.k.note);
	store_sessions_free(r.old, r.n_old);
	store_day_free(&r.d);
	return rc;
}

/* Makes the stored session and skip rows what r.d leaves standing. */
static int write_rows(struct store *st, const char *id, cal_day day,
                      struct day_rows *r)
{
	const struct session *old = r->old;
	size_t n_old = r->n_old;
	const struct diary_state *x = &r->d.state;
	size_t most = n_old > x->n_sessions ? n_old : x->n_sessions;
	for (size_t i = 0; i < most; i++) {
		int w = 0;
		if (i < n_old && i < x->n_sessions) {
			if (!session_same(&old[i], &x->sessions[i]))
				w = put_session(st, id, day, (int)i + 1,
				                &x->sessions[i], true);
		} else if (i < x->n_sessions) {
			w = put_session(st, id, day, (int)i + 1,
			                &x->sessions[i], false);
		} else {
			sqlite3_stmt *s = db_prepare(
			    st, "DELETE FROM session WHERE exercise = ?1 AND"
			        " day = ?2 AND n = ?3");
			if (s) {
				db_bind_text(s, 1, id);
				db_bind_day(s, 2, day);
				sqlite3_bind_int(s, 3, (int)i + 1);
			}
			w = db_run(st, s); /* no statement: -1 */
		}
		if (w != 0)
			return -1;
	}
	if (!skip_same(&r->k, x->skip)) {
		sqlite3_stmt *s = db_prepare(
		    st, "DELETE FROM skip WHERE exercise = ?1 AND day = ?2");
		if (!s)
			return -1;
		db_bind_text(s, 1, id);
		db_bind_day(s, 2, day);
		if (db_run(st, s) != 0)
			return -1;
		if (x->skip && put_skip(st, x->skip) != 0)
			return -1;
	}
	return 0;
}

int db_sync_day(struct store *st, const char *id, cal_day day)
{
	return with_day_rows(st, id, day, false, write_rows);
}

int store_append(struct store *st, const struct diary_entry *e, int64_t *seq)
{
	if (store_append_only(st, e) != 0)
		return -1;
	if (seq)
		*seq = sqlite3_last_insert_rowid(st->db);
	/* An outcome stands as it is: no exercise's day changes. */
	return entry_is_outcome(e->kind) ? 0
	                                 : db_sync_day(st, e->exercise, e->day);
}

/* Writes what the n entries of one exercise and day leave standing, where
 * nothing stood before. */
static int write_fresh(struct store *st, struct diary_entry *e, size_t n)
{
	struct diary_state x;
	diary_replay(e, n, &x);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < x.n_sessions; i++)
		rc = put_session(st, e->exercise, e->day, (int)i + 1,
		                 &x.sessions[i], false);
	if (rc == 0 && x.skip)
		rc = put_skip(st, x.skip);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (x.status[i] == STATUS_STANDING)
			continue;
		sqlite3_stmt *s =
		    db_prepare(st, "INSERT OR REPLACE INTO entry_status(id,"
		                   " status) VALUES (?1, ?2)");
		if (!s)
			rc = -1;
		else {
			db_bind_text(s, 1, e[i].id);
			db_bind_text(s, 2, entry_status_name(x.status[i]));
			rc = db_run(st, s);
		}
	}
	diary_state_free(&x);
	return rc;
}

void db_free_group(struct diary_entry *e, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		diary_entry_drop(&e[i]);
	}
	*n = 0;
}

/* The day db_each_day gathers, and what it calls with each. */
struct day_group {
	struct diary_entry *e;
	size_t n, cap;
	int (*fn)(struct store *st, struct diary_entry *e, size_t n);
};

/* One row of db_each_day: a new day calls fn with the one gathered. */
static int group_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	struct day_group *g = arg;
	struct diary_entry e;
	int result = 0;
	db_column_entry(s, &e);
	if (g->n > 0 && (g->e[0].day != e.day ||
	                 strcmp(g->e[0].exercise, e.exercise) != 0)) {
		result = g->fn(st, g->e, g->n);
		db_free_group(g->e, &g->n);
	}
	if (g->n == g->cap)
		g->e = xrealloc(g->e, (g->cap = g->cap ? g->cap * 2 : 8) *
		                          sizeof *g->e);
	e.items = NULL; /* never an outcome's: not kept */
	diary_entry_keep(&e);
	g->e[g->n++] = e;
	return result != 0 ? -1 : 0;
}

int db_each_day(struct store *st, const char *sql,
                int (*fn)(struct store *st, struct diary_entry *e, size_t n))
{
	sqlite3_stmt *s = db_prepare(st, sql);
	if (!s)
		return -1;
	struct day_group g = {NULL, 0, 0, fn};
	int result = db_each_row(st, s, group_row, &g);
	if (result == 0 && g.n > 0)
		result = fn(st, g.e, g.n);
	db_free_group(g.e, &g.n);
	free(g.e);
	return result != 0 ? -1 : 0;
}

/* store_sync_after on a file where nothing stood before the import: one
 * pass over the diary in day order, a day's entries at a time. */
static int sync_fresh(struct store *st)
{
	return db_each_day(st,
	                   "SELECT " ENTRY_COLUMNS " FROM entry e"
	                   " WHERE" EXERCISE_KINDS
	                   " ORDER BY day, exercise, stamp, id",
	                   write_fresh);
}

/* What db_each_exercise_day calls. */
struct exercise_day_fn {
	int (*fn)(struct store *st, const char *id, cal_day day);
};

static int exercise_day_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	const struct exercise_day_fn *f = arg;
	char id[RX_ID_MAX + 1];
	strfmt(id, sizeof id, "%s", (const char *)sqlite3_column_text(s, 0));
	return f->fn(st, id, db_column_day(s, 1)) != 0 ? -1 : 0;
}

int db_each_exercise_day(struct store *st, sqlite3_stmt *s,
                         int (*fn)(struct store *st, const char *id,
                                   cal_day day))
{
	struct exercise_day_fn f = {fn};
	return db_each_row(st, s, exercise_day_row, &f);
}

int store_sync_after(struct store *st, int64_t seq)
{
	if (st->fresh && seq == 0)
		return sync_fresh(st);
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT DISTINCT exercise, day FROM entry"
	        " WHERE seq > ?1 AND" EXERCISE_KINDS " ORDER BY day, exercise");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	return db_each_exercise_day(st, s, db_sync_day);
}

/* More than a year: read the whole table in its order rather than look up
 * each row through the day index (four times faster once the days are
 * most of the record). */
#define WIDE(from, to) ((to) - (from) > 366)

/* What walk_entries calls for each entry. */
struct entry_fn {
	int (*fn)(void *arg, const struct diary_entry *e);
	void *arg;
};

static int entry_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	(void)st;
	const struct entry_fn *f = arg;
	struct diary_entry e;
	db_column_entry(s, &e);
	return f->fn(f->arg, &e);
}

/* Binds from and to as ?1 and ?2 of s (ENTRY_COLUMNS, by stamp) and calls
 * fn for each entry it selects: store_each_diary, store_each_outcome. */
static int walk_entries(struct store *st, sqlite3_stmt *s, cal_day from,
                        cal_day to,
                        int (*fn)(void *arg, const struct diary_entry *e),
                        void *arg)
{
	db_bind_day(s, 1, from);
	db_bind_day(s, 2, to);
	struct entry_fn f = {fn, arg};
	return db_each_row(st, s, entry_row, &f);
}

int store_each_diary(struct store *st, cal_day from, cal_day to,
                     int (*fn)(void *arg, const struct diary_entry *e),
                     void *arg)
{
	sqlite3_stmt *s = db_prepare(
	    st, WIDE(from, to) ? "SELECT " ENTRY_COLUMNS STATUS_COLUMN
	                         " FROM entry e" STATUS_JOIN
	                         " WHERE +e.day BETWEEN ?1 AND ?2"
	                         " ORDER BY e.stamp, e.id"
	                       : "SELECT " ENTRY_COLUMNS STATUS_COLUMN
	                         " FROM entry e" STATUS_JOIN
	                         " WHERE e.day BETWEEN ?1 AND ?2"
	                         " ORDER BY e.stamp, e.id");
	if (!s)
		return -1;
	return walk_entries(st, s, from, to, fn, arg);
}

int store_each_outcome(struct store *st, cal_day from, cal_day to,
                       int (*fn)(void *arg, const struct diary_entry *e),
                       void *arg)
{
	sqlite3_stmt *s = db_prepare(
	    st,
	    "SELECT " ENTRY_COLUMNS " FROM entry e WHERE kind IN ('measure',"
	    " 'psfs') AND day BETWEEN ?1 AND ?2 ORDER BY stamp, id");
	if (!s)
		return -1;
	return walk_entries(st, s, from, to, fn, arg);
}

/* Which sessions fill_session reads. */
struct session_of {
	const char *id;
	cal_day day;
};

/* A session row (n, logged_at, late, pain, pain_before, note, effort) of the
 * session_of arg into x. */
static void fill_session(struct store *st, sqlite3_stmt *s, void *x, void *arg)
{
	(void)st;
	const struct session_of *of = arg;
	struct session *y = x;
	strfmt(y->exercise, sizeof y->exercise, "%s", of->id);
	y->day = of->day;
	y->n = sqlite3_column_int(s, 0);
	strfmt(y->logged_at, sizeof y->logged_at, "%s",
	       (const char *)sqlite3_column_text(s, 1));
	y->late = sqlite3_column_int(s, 2) != 0;
	y->pain = db_column_pain(s, 3);
	y->pain_before = db_column_pain(s, 4);
	y->note = db_dup_or_null((const char *)sqlite3_column_text(s, 5));
	y->effort = db_column_pain(s, 6);
}

static void drop_sessions(void *items, size_t n)
{
	struct session *x = items;
	for (size_t i = 0; i < n; i++)
		free(x[i].note);
}

int store_sessions(struct store *st, const char *id, cal_day day,
                   struct session **out, size_t *n)
{
	return store_sessions_since(st, id, day, day, out, n);
}

/* A session row as fill_session reads it, its day in column 7. */
static void fill_session_dated(struct store *st, sqlite3_stmt *s, void *x,
                               void *arg)
{
	fill_session(st, s, x, arg);
	((struct session *)x)->day = db_column_day(s, 7);
}

int store_sessions_since(struct store *st, const char *id, cal_day from,
                         cal_day to, struct session **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = db_prepare(
	    st,
	    "SELECT n, logged_at, late, pain, pain_before, note, effort, day"
	    " FROM session WHERE exercise = ?1 AND day >= ?2 AND day <= ?3"
	    " ORDER BY day, n");
	if (!s)
		return -1;
	db_bind_text(s, 1, id);
	if (from == CAL_NONE)
		db_bind_text(s, 2, "");
	else
		db_bind_day(s, 2, from);
	db_bind_day(s, 3, to);
	static const struct db_rows how = {sizeof **out, fill_session_dated,
	                                   drop_sessions};
	struct session_of of = {id, CAL_NONE};
	int rc;
	*out = db_collect(st, s, &how, &of, n, &rc);
	return rc;
}

/* An advance row (exercise, effective, step) into x. */
static void fill_advance(struct store *st, sqlite3_stmt *s, void *x, void *arg)
{
	(void)st;
	(void)arg;
	struct store_advance *y = x;
	strfmt(y->exercise, sizeof y->exercise, "%s",
	       (const char *)sqlite3_column_text(s, 0));
	y->effective = db_column_day(s, 1);
	y->step = sqlite3_column_int(s, 2);
}

int store_advances(struct store *st, struct store_advance **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT exercise, effective, step FROM entry e WHERE kind ="
	        " 'advance' AND NOT EXISTS (SELECT 1 FROM entry_status x"
	        " WHERE x.id = e.id) ORDER BY exercise, stamp, id");
	if (!s)
		return -1;
	static const struct db_rows how = {sizeof **out, fill_advance, NULL};
	int rc;
	*out = db_collect(st, s, &how, NULL, n, &rc);
	return rc;
}

int store_advance_held(struct store *st, const char *id, bool *held)
{
	sqlite3_stmt *s = db_prepare(
	    st, "WITH u AS (SELECT max(u.stamp) AS stamp, min(u.day) AS day"
	        " FROM entry a JOIN entry u ON u.day = a.day AND u.exercise ="
	        " a.exercise AND u.kind = 'undo' AND u.target = a.id WHERE"
	        " a.kind = 'advance' AND a.exercise = ?1 AND EXISTS (SELECT 1"
	        " FROM entry_status x WHERE x.id = a.id))"
	        " SELECT u.stamp IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
	        " entry s WHERE s.day >= u.day AND s.exercise = ?1 AND s.kind"
	        " = 'session' AND s.stamp > u.stamp) FROM u");
	if (!s)
		return -1;
	db_bind_text(s, 1, id);
	int rc = sqlite3_step(s);
	*held = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
	db_release(st, s);
	return rc == SQLITE_ROW ? 0 : db_fail_db(st, rc);
}

void store_sessions_free(struct session *s, size_t n)
{
	drop_sessions(s, n);
	free(s);
}

/* An id column into x, a copy. */
static void fill_id(struct store *st, sqlite3_stmt *s, void *x, void *arg)
{
	(void)st;
	(void)arg;
	*(char **)x = xstrdup((const char *)sqlite3_column_text(s, 0));
}

static void drop_ids(void *items, size_t n)
{
	char **ids = items;
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
}

int store_exercise_ids(struct store *st, char ***ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT DISTINCT id FROM snapshot_exercise ORDER BY id");
	if (!s)
		return -1;
	static const struct db_rows how = {sizeof **ids, fill_id, drop_ids};
	int rc;
	*ids = db_collect(st, s, &how, NULL, n, &rc);
	return rc;
}

/* ---- replay, from scratch ------------------------------------------------ */

/* The first difference between the sessions and skip r.d leaves standing
 * and those stored, as a message (-1); 0 if none. */
static int verify_rows(struct store *st, const char *id, cal_day day,
                       struct day_rows *r)
{
	const struct session *old = r->old;
	size_t n_old = r->n_old;
	const struct store_day *d = &r->d;
	char dd[CAL_DATE_LEN];
	cal_format(day, dd);
	if (n_old != d->state.n_sessions) {
		db_fail(st, "%s on %s: %zu sessions stored, the diary says %zu",
		        id, dd, n_old, d->state.n_sessions);
		return -1;
	}
	for (size_t i = 0; i < n_old; i++) {
		if (old[i].n != (int)i + 1 ||
		    !session_same(&old[i], &d->state.sessions[i])) {
			db_fail(st,
			        "%s on %s: session %zu differs from the diary",
			        id, dd, i + 1);
			return -1;
		}
	}
	if (!skip_same(&r->k, d->state.skip)) {
		db_fail(st, "%s on %s: the skip differs from the diary", id,
		        dd);
		return -1;
	}
	return 0;
}

/* The first difference between what id's entries on day leave standing and
 * the stored rows, as a message; 0 if none. */
static int verify_day(struct store *st, const char *id, cal_day day)
{
	return with_day_rows(st, id, day, true, verify_rows);
}

int store_verify(struct store *st)
{
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT exercise, day FROM entry WHERE" EXERCISE_KINDS
	        " UNION SELECT exercise, day FROM session UNION SELECT"
	        " exercise, day FROM skip");
	if (!s)
		return -1;
	if (db_each_exercise_day(st, s, verify_day) != 0)
		return -1;
	int64_t differ;
	/* clang-format off */
	if (db_query_int(st,
	        "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM tally"
	        " EXCEPT " TALLY_SELECT("''", "'9999-12-31'") ")"
	        " UNION ALL SELECT * FROM ("
	        TALLY_SELECT("''", "'9999-12-31'")
	        " EXCEPT SELECT * FROM tally))",
	        &differ) != 0)
		return -1;
	/* clang-format on */
	if (differ != 0)
		return db_fail(st, "%lld tally rows differ from a recount",
		               (long long)differ);
	return 0;
}

#define ROWS(DAY, SESSIONS_WHERE)                                              \
	"SELECT day, exercise, logged_at, pain, note, reason, pain_before,"    \
	" late, effort FROM (SELECT day, exercise, logged_at, pain, note,"     \
	"  NULL AS reason, 0 AS k, n, pain_before, late, effort FROM session"  \
	"  WHERE " DAY " BETWEEN ?1 AND ?2" SESSIONS_WHERE                     \
	" UNION ALL SELECT day, exercise, logged_at, pain, note, reason,"      \
	"  1, 0, NULL, late, NULL FROM skip WHERE day BETWEEN ?1 AND ?2)"      \
	" ORDER BY day, exercise, k, logged_at, n"

/* What each_row calls for each row. */
struct state_fn {
	int (*fn)(void *arg, const struct state_row *r);
	void *arg;
};

/* A row of ROWS as a state_row, to the state_fn arg. */
static int to_state_row(struct store *st, sqlite3_stmt *s, void *arg)
{
	(void)st;
	const struct state_fn *f = arg;
	struct state_row r = {0};
	r.day = db_column_day(s, 0);
	strfmt(r.exercise, sizeof r.exercise, "%s",
	       (const char *)sqlite3_column_text(s, 1));
	const char *at = (const char *)sqlite3_column_text(s, 2);
	if (!at || !cal_parse_utc(at, &r.logged_utc))
		r.logged_utc = 0;
	r.pain = db_column_pain(s, 3);
	r.pain_before = db_column_pain(s, 6);
	r.note = (const char *)sqlite3_column_text(s, 4);
	const char *reason = (const char *)sqlite3_column_text(s, 5);
	r.late = sqlite3_column_int(s, 7) != 0;
	r.effort = db_column_pain(s, 8);
	r.skip = SKIP_NONE;
	if (reason)
		skip_reason_parse(reason, &r.skip);
	return f->fn(f->arg, &r);
}

static int each_row(struct store *st, const char *sql, cal_day from, cal_day to,
                    int (*fn)(void *arg, const struct state_row *r), void *arg)
{
	sqlite3_stmt *s = db_prepare(st, sql);
	if (!s)
		return -1;
	db_bind_day(s, 1, from);
	db_bind_day(s, 2, to);
	struct state_fn f = {fn, arg};
	return db_each_row(st, s, to_state_row, &f);
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
	" NULL OR effort IS NOT NULL)"

int store_each_remark(struct store *st, cal_day from, cal_day to,
                      int (*fn)(void *arg, const struct state_row *r),
                      void *arg)
{
	return each_row(
	    st, WIDE(from, to) ? ROWS("+day", REMARKS) : ROWS("day", REMARKS),
	    from, to, fn, arg);
}
