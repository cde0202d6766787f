/* The store: the prescription's versions (snapshots) and the measures'
 * versions (SPEC sections 3 and 8.2). See store_impl.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_impl.h"

/* ---- snapshots --------------------------------------------------------- */

/* A bound of a count or a time from column i, within f's range (absent,
 * 0 or for a field where 0 is a value -1, when NULL or out of it: a file
 * written by hep holds no such value). */
static int16_t column_bound(sqlite3_stmt *s, int i, const struct rx_field *f)
{
	int v = sqlite3_column_int(s, i);
	if (sqlite3_column_type(s, i) == SQLITE_NULL || v < f->min ||
	    v > f->max)
		return (int16_t)(f->zero ? -1 : 0);
	return (int16_t)v;
}

/* A field's value from column *i of a snapshot row, and bound as
 * parameter *i, one pair of functions a type (columns[]); a range takes
 * two columns and moves *i past the first. */
static void column_text(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                        const struct rx_field *f)
{
	rx_field_set_text(e, f, (const char *)sqlite3_column_text(s, *i));
}

static void bind_text(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	db_bind_text(s, *i, rx_field_text(e, f));
}

static void column_side(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                        const struct rx_field *f)
{
	const char *t = (const char *)sqlite3_column_text(s, *i);
	enum rx_side side = RX_SIDE_NONE;
	if (t)
		rx_side_parse(t, &side);
	rx_field_set_int(e, f, (int)side);
}

static void bind_side(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	db_bind_text(s, *i, rx_side_name((enum rx_side)rx_field_int(e, f)));
}

static void column_date(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                        const struct rx_field *f)
{
	rx_field_set_int(e, f, db_column_day(s, *i));
}

static void bind_date(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	db_bind_day(s, *i, rx_field_int(e, f));
}

static void column_range(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                         const struct rx_field *f)
{
	struct rx_range r;
	r.lo = column_bound(s, *i, f);
	(*i)++;
	r.hi = sqlite3_column_type(s, *i) == SQLITE_NULL
	           ? r.lo
	           : column_bound(s, *i, f);
	rx_field_set_range(e, f, r);
}

static void bind_range(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                       const struct rx_field *f)
{
	struct rx_range r = rx_field_range(e, f);
	if (f->zero && r.lo >= 0) /* 0 is a value, stored as 0 */
		sqlite3_bind_int(s, *i, r.lo);
	else
		db_bind_opt_int(s, *i, r.lo);
	(*i)++;
	db_bind_opt_int(s, *i, r.hi > r.lo ? r.hi : 0);
}

/* RX_INT, RX_FLAG, RX_DAYS: NULL reads as absent. */
static void column_int(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                       const struct rx_field *f)
{
	bool null = sqlite3_column_type(s, *i) == SQLITE_NULL;
	rx_field_set_int(e, f, null ? f->def : sqlite3_column_int(s, *i));
}

/* A number at its default is NULL, but a needed one. */
static void bind_int(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                     const struct rx_field *f)
{
	int v = rx_field_int(e, f);
	if (f->needed || v != f->def)
		sqlite3_bind_int(s, *i, v);
	else
		sqlite3_bind_null(s, *i);
}

static void bind_days(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	sqlite3_bind_int(s, *i, rx_field_int(e, f));
}

/* The store's row of each type (enum rx_type): its SQL type, how many
 * columns it takes (a range: COLUMN and COLUMN_max), reading and binding. */
static const struct {
	const char *sql;
	int width;
	void (*column)(sqlite3_stmt *, int *, struct rx_exercise *,
	               const struct rx_field *);
	void (*bind)(sqlite3_stmt *, int *, const struct rx_exercise *,
	             const struct rx_field *);
} columns[RX_TYPES] = {
    [RX_TEXT] = {"TEXT", 1, column_text, bind_text},
    [RX_INT] = {"INTEGER", 1, column_int, bind_int},
    [RX_FLAG] = {"INTEGER", 1, column_int, bind_int},
    [RX_COUNT] = {"INTEGER", 2, column_range, bind_range},
    [RX_TIME] = {"INTEGER", 2, column_range, bind_range},
    [RX_SIDE] = {"TEXT", 1, column_side, bind_side},
    [RX_DAYS] = {"INTEGER", 1, column_int, bind_days},
    [RX_DATE] = {"TEXT", 1, column_date, bind_date},
    [RX_LABELS] = {"TEXT", 1, column_text, bind_text},
    [RX_TEMPO] = {"TEXT", 1, column_text, bind_text},
    [RX_FREQ] = {"INTEGER", 2, column_range, bind_range},
};

int db_column_exists(struct store *st, const char *table, const char *col,
                     bool *has)
{
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
	if (!s)
		return -1;
	db_bind_text(s, 1, table);
	db_bind_text(s, 2, col);
	int rc = sqlite3_step(s);
	*has = rc == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
	db_release(st, s);
	return rc == SQLITE_ROW ? 0 : db_fail_db(st, rc);
}

int db_migrate_field_columns(struct store *st)
{
	static const char *const tables[] = {"snapshot_exercise",
	                                     "snapshot_step"};
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		for (size_t i = 0; i < RX_FIELDS; i++) {
			const struct rx_field *f = &rx_fields[i];
			for (int k = 0; k < columns[f->type].width; k++) {
				char col[64], sql[192];
				bool has;
				strfmt(col, sizeof col, "%s%s", f->column,
				       k ? "_max" : "");
				if (db_column_exists(st, tables[t], col,
				                     &has) != 0)
					return -1;
				strfmt(sql, sizeof sql,
				       "ALTER TABLE %s ADD COLUMN %s %s;",
				       tables[t], col, columns[f->type].sql);
				if (!has && db_exec(st, sql) != 0)
					return -1;
			}
		}
	}
	return 0;
}

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
			if (columns[f->type].width == 2)
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
		n += columns[rx_fields[i].type].width;
	return n;
}

/*
 * Earned steps (SPEC 2.2), beside the fields: an exercise's keys for
 * them (its steps carry the same), and each step's criteria. An earned
 * step has no from: its step_from is '' (the column is NOT NULL since
 * version 5), read back as CAL_NONE.
 */
#define EARNED_COLUMNS "advance, back_off_pain, back_off_sessions, step_set"
#define EARNED_WIDTH   4
#define EARNED_STEP_COLUMNS                                                    \
	"when_sessions, when_pain, when_effort, when_not_before, when_label"
#define EARNED_STEP_WIDTH 5

/* Binds e's keys for earned steps from parameter i on (EARNED_COLUMNS). */
static void bind_earned(sqlite3_stmt *s, int i, const struct rx_exercise *e)
{
	if (e->advance != RX_ADVANCE_NONE)
		db_bind_text(s, i, rx_advance_name(e->advance));
	else
		sqlite3_bind_null(s, i);
	db_bind_opt_int(s, i + 1, e->back_off_pain + 1);
	db_bind_opt_int(s, i + 2, e->back_off_sessions);
	db_bind_opt_int(s, i + 3, e->step_set + 1);
}

/* e's keys for earned steps from column i on (NULL: none; back_off_pain
 * and step_set are kept one more, so that 0 is a value). */
static void column_earned(sqlite3_stmt *s, int i, struct rx_exercise *e)
{
	const char *a = (const char *)sqlite3_column_text(s, i);
	if (!a || !rx_advance_parse(a, &e->advance))
		e->advance = RX_ADVANCE_NONE;
	e->back_off_pain = sqlite3_column_int(s, i + 1) - 1;
	e->back_off_sessions = sqlite3_column_int(s, i + 2);
	e->step_set = sqlite3_column_int(s, i + 3) - 1;
}

/* A step's criteria as parameters i.. (EARNED_STEP_COLUMNS). */
static void bind_when(sqlite3_stmt *s, int i, const struct rx_when *w)
{
	db_bind_opt_int(s, i, w->sessions);
	db_bind_opt_int(s, i + 1, w->pain_at_most + 1);
	db_bind_opt_int(s, i + 2, w->effort_at_most + 1);
	db_bind_day(s, i + 3, w->not_before);
	db_bind_text(s, i + 4, w->not_before_label);
}

static void column_when(sqlite3_stmt *s, int i, struct rx_when *w)
{
	w->sessions = sqlite3_column_int(s, i);
	w->pain_at_most = sqlite3_column_int(s, i + 1) - 1;
	w->effort_at_most = sqlite3_column_int(s, i + 2) - 1;
	w->not_before = db_column_day(s, i + 3);
	const char *label = (const char *)sqlite3_column_text(s, i + 4);
	w->not_before_label = label ? xstrdup(label) : NULL;
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
		strfmt(
		    q, sizeof sql[0],
		    steps
		        ? "SELECT pos, step, step_from, step_label, " EARNED_STEP_COLUMNS
		          ", %s FROM snapshot_step"
		          " WHERE day = ?1 ORDER BY pos, step"
		        : "SELECT %s, " EARNED_COLUMNS " FROM"
		          " snapshot_exercise WHERE day = ?1 ORDER BY pos",
		    version_columns());
	return q;
}

static const char *snapshot_insert(bool steps)
{
	static char sql[2][2048];
	char *q = sql[steps];
	if (!q[0]) {
		int first = steps ? 6 + EARNED_STEP_WIDTH : 3;
		strfmt(
		    q, sizeof sql[0],
		    steps
		        ? "INSERT INTO snapshot_step(day, pos, step, "
		          "step_from, step_label, " EARNED_STEP_COLUMNS
		          ", %s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		          "?9, ?10"
		        : "INSERT INTO snapshot_exercise(day, pos, %s, " EARNED_COLUMNS
		          ") VALUES (?1, ?2",
		    version_columns());
		int width = version_width() + (steps ? 0 : EARNED_WIDTH);
		for (int i = 0; i < width; i++)
			strfmt(q + strlen(q), sizeof sql[0] - strlen(q),
			       ", ?%d", first + i);
		strfmt(q + strlen(q), sizeof sql[0] - strlen(q), ")");
	}
	return q;
}

/* Field f of e from column *i of a snapshot row; moves *i past it. */
static void column_field(sqlite3_stmt *s, int *i, struct rx_exercise *e,
                         const struct rx_field *f)
{
	columns[f->type].column(s, i, e, f);
	(*i)++;
}

/* Binds field f of e as parameter *i; moves *i past it. */
static void bind_field(sqlite3_stmt *s, int *i, const struct rx_exercise *e,
                       const struct rx_field *f)
{
	columns[f->type].bind(s, i, e, f);
	(*i)++;
}

/* A version's id and fields from a row, from column i on. */
static void column_version(sqlite3_stmt *s, int i, struct rx_exercise *e)
{
	memset(e, 0, sizeof *e);
	e->step_from = CAL_NONE;
	e->when = (struct rx_when){0, -1, -1, CAL_NONE, NULL};
	e->back_off_pain = e->step_set = -1;
	strfmt(e->id, sizeof e->id, "%s",
	       (const char *)sqlite3_column_text(s, i++));
	for (size_t k = 0; k < RX_FIELDS; k++)
		column_field(s, &i, e, &rx_fields[k]);
}

static void bind_version(sqlite3_stmt *s, int i, const struct rx_exercise *e)
{
	db_bind_text(s, i++, e->id);
	for (size_t k = 0; k < RX_FIELDS; k++)
		bind_field(s, &i, e, &rx_fields[k]);
}

/* Adds the steps a snapshot of day holds to its n exercises. */
static int load_steps(struct store *st, const char *day, struct rx_exercise *ex,
                      size_t n)
{
	sqlite3_stmt *s = db_prepare(st, snapshot_select(true));
	if (!s)
		return -1;
	db_bind_text(s, 1, day);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int pos = sqlite3_column_int(s, 0);
		if (pos < 0 || (size_t)pos >= n)
			continue;
		struct rx_exercise *e = &ex[pos];
		e->steps =
		    xrealloc(e->steps, (e->n_steps + 1) * sizeof *e->steps);
		struct rx_exercise *v = &e->steps[e->n_steps++];
		column_version(s, 4 + EARNED_STEP_WIDTH, v);
		v->step = (int)e->n_steps;
		v->step_from = db_column_day(s, 2);
		const char *label = (const char *)sqlite3_column_text(s, 3);
		v->step_label = label ? xstrdup(label) : NULL;
		column_when(s, 4, &v->when);
		v->advance = e->advance;
		v->back_off_pain = e->back_off_pain;
		v->back_off_sessions = e->back_off_sessions;
		v->step_set = e->step_set;
	}
	db_release(st, s);
	for (size_t i = 0; i < n; i++) {
		ex[i].step_count = (int)ex[i].n_steps;
		for (size_t k = 0; k < ex[i].n_steps; k++)
			ex[i].steps[k].step_count = (int)ex[i].n_steps;
	}
	return rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

static int load_snapshot(struct store *st, const char *day,
                         struct rx_exercise **out, size_t *n)
{
	sqlite3_stmt *s = db_prepare(st, snapshot_select(false));
	if (!s)
		return -1;
	db_bind_text(s, 1, day);
	struct rx_exercise *ex = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ex = xrealloc(ex, (count + 1) * sizeof *ex);
		column_version(s, 0, &ex[count]);
		column_earned(s, version_width(), &ex[count++]);
	}
	db_release(st, s);
	if (rc == SQLITE_DONE && load_steps(st, day, ex, count) != 0)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			rx_exercise_clear(&ex[i]);
		free(ex);
		return rc == SQLITE_ERROR ? -1 : db_fail_db(st, rc);
	}
	*out = ex;
	*n = count;
	return 0;
}

int store_snapshot_first(struct store *st, cal_day *out)
{
	return db_query_day(st, "SELECT min(day) FROM snapshot", out);
}

int store_snapshot_dated(struct store *st, cal_day day, bool *yes)
{
	*yes = false;
	sqlite3_stmt *s =
	    db_prepare(st, "SELECT 1 FROM snapshot WHERE day = ?1");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	int rc = sqlite3_step(s);
	db_release(st, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail_db(st, rc);
	*yes = rc == SQLITE_ROW;
	return 0;
}

int store_snapshots(struct store *st, cal_day day, struct rx_snapshot **out,
                    size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT day, stored, ends FROM snapshot WHERE day >= "
	        "coalesce((SELECT"
	        " max(day) FROM snapshot WHERE day <= ?1), '') ORDER BY day");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	char **days = NULL;
	cal_day *stored = NULL, *ends = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		days = xrealloc(days, (count + 1) * sizeof *days);
		stored = xrealloc(stored, (count + 1) * sizeof *stored);
		ends = xrealloc(ends, (count + 1) * sizeof *ends);
		stored[count] = db_column_day(s, 1);
		ends[count] = db_column_day(s, 2);
		days[count++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	db_release(st, s);
	int result = rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
	struct rx_snapshot *snaps = xcalloc(count, sizeof *snaps);
	for (size_t i = 0; i < count; i++) {
		snaps[i].stored = stored[i];
		snaps[i].end = ends[i];
	}
	free(stored);
	free(ends);
	for (size_t i = 0; i < count && result == 0; i++) {
		if (!cal_parse_date(days[i], &snaps[i].from))
			result = db_fail(st,
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
	if (db_run_day(st, "DELETE FROM snapshot WHERE day = ?1", day) != 0)
		return -1;
	sqlite3_stmt *s =
	    db_prepare(st, "INSERT INTO snapshot(day, stored) VALUES (?1, ?2)");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	db_bind_day(s, 2, stored);
	if (db_run(st, s) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!(s = db_prepare(st, snapshot_insert(false))))
			return -1;
		db_bind_day(s, 1, day);
		sqlite3_bind_int(s, 2, (int)i);
		bind_version(s, 3, &ex[i]);
		bind_earned(s, 3 + version_width(), &ex[i]);
		if (db_run(st, s) != 0)
			return -1;
		for (size_t k = 0; k < ex[i].n_steps; k++) {
			const struct rx_exercise *v = &ex[i].steps[k];
			if (!(s = db_prepare(st, snapshot_insert(true))))
				return -1;
			db_bind_day(s, 1, day);
			sqlite3_bind_int(s, 2, (int)i);
			sqlite3_bind_int(s, 3, (int)k + 1);
			if (v->step_from == CAL_NONE)
				db_bind_text(s, 4, ""); /* earned */
			else
				db_bind_day(s, 4, v->step_from);
			db_bind_text(s, 5, v->step_label);
			bind_when(s, 6, &v->when);
			bind_version(s, 6 + EARNED_STEP_WIDTH, v);
			if (db_run(st, s) != 0)
				return -1;
		}
	}
	return 0;
}

int store_snapshot_end(struct store *st, cal_day day, cal_day end)
{
	sqlite3_stmt *s =
	    db_prepare(st, "UPDATE snapshot SET ends = ?2 WHERE day = ?1");
	if (!s)
		return -1;
	db_bind_day(s, 1, day);
	db_bind_day(s, 2, end);
	return db_run(st, s);
}

int store_snapshot_drop(struct store *st, cal_day day)
{
	return db_run_day(st, "DELETE FROM snapshot WHERE day = ?1", day);
}

/* ---- the measures' versions ------------------------------------------- */

/* A measure's key from column i of a row, and bound as parameter i, one
 * pair of functions a key (measure_columns[]); a column read false is a
 * malformed file. The columns are named as the keys (rx_measure_keys). */
static bool column_name(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	m->name = xstrdup((const char *)sqlite3_column_text(s, i));
	return true;
}
static void bind_name(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	db_bind_text(s, i, m->name ? m->name : "");
}
static bool column_unit(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	m->unit = xstrdup((const char *)sqlite3_column_text(s, i));
	return true;
}
static void bind_unit(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	db_bind_text(s, i, m->unit ? m->unit : "");
}
static bool column_min(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	m->min = sqlite3_column_int(s, i);
	return true;
}
static void bind_min(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	sqlite3_bind_int(s, i, m->min);
}
static bool column_max(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	m->max = sqlite3_column_int(s, i);
	return true;
}
static void bind_max(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	sqlite3_bind_int(s, i, m->max);
}
static bool column_every(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	const char *every = (const char *)sqlite3_column_text(s, i);
	return every && rx_every_parse(every, &m->every);
}
static void bind_every(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	db_bind_text(s, i, rx_every_name(m->every));
}
static bool column_goal(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	m->goal = sqlite3_column_type(s, i) == SQLITE_NULL
	              ? RX_NO_VALUE
	              : sqlite3_column_int(s, i);
	return true;
}
static void bind_goal(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	if (m->goal == RX_NO_VALUE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, m->goal);
}
static bool column_better(sqlite3_stmt *s, int i, struct rx_measure *m)
{
	const char *better = (const char *)sqlite3_column_text(s, i);
	m->lower_better = better && strcmp(better, "lower") == 0;
	return true;
}
static void bind_better(sqlite3_stmt *s, int i, const struct rx_measure *m)
{
	db_bind_text(s, i, m->lower_better ? "lower" : "higher");
}

/* The store's row of each key of a measure (enum rx_measure_key). */
static const struct {
	bool (*column)(sqlite3_stmt *, int, struct rx_measure *);
	void (*bind)(sqlite3_stmt *, int, const struct rx_measure *);
} measure_columns[RX_MEASURE_KEYS] = {
    [RX_MEASURE_NAME] = {column_name, bind_name},
    [RX_MEASURE_UNIT] = {column_unit, bind_unit},
    [RX_MEASURE_MIN] = {column_min, bind_min},
    [RX_MEASURE_MAX] = {column_max, bind_max},
    [RX_MEASURE_EVERY] = {column_every, bind_every},
    [RX_MEASURE_GOAL] = {column_goal, bind_goal},
    [RX_MEASURE_BETTER] = {column_better, bind_better},
};

/* The statements on outcome_plan_measure, made once from the keys (a
 * cached statement is keyed by its text's address): the SELECT of a
 * version's measures, or the INSERT of one. */
static const char *measure_sql(bool insert)
{
	static char sql[2][512];
	char *q = sql[insert];
	if (q[0])
		return q;
	char cols[256] = "", params[128] = "";
	for (int k = 0; k < RX_MEASURE_KEYS; k++) {
		strpart(cols, sizeof cols, ", ", "%s", rx_measure_keys[k]);
		strpart(params, sizeof params, ", ", "?%d", k + 4);
	}
	if (insert)
		strfmt(q, sizeof sql[0],
		       "INSERT INTO outcome_plan_measure(day, pos, id, %s)"
		       " VALUES (?1, ?2, ?3, %s)",
		       cols, params);
	else
		strfmt(q, sizeof sql[0],
		       "SELECT id, %s FROM outcome_plan_measure WHERE day = ?1"
		       " ORDER BY pos",
		       cols);
	return q;
}

/* The measures and activities of the version dated day into p. */
static int load_outcome_plan(struct store *st, const char *day,
                             struct rx_outcome_plan *p)
{
	sqlite3_stmt *s = db_prepare(st, measure_sql(false));
	if (!s)
		return -1;
	db_bind_text(s, 1, day);
	int rc;
	bool bad = false;
	while (!bad && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->measures = xrealloc(p->measures, (p->n_measures + 1) *
		                                        sizeof *p->measures);
		struct rx_measure *m = &p->measures[p->n_measures++];
		memset(m, 0, sizeof *m);
		const char *id = (const char *)sqlite3_column_text(s, 0);
		for (int k = 0; k < RX_MEASURE_KEYS; k++)
			bad |= !measure_columns[k].column(s, k + 1, m);
		bad |= !id || !rx_valid_id(id);
		if (!bad)
			strfmt(m->id, sizeof m->id, "%s", id);
	}
	db_release(st, s);
	if (bad)
		return db_fail(st,
		               "%s: the data file holds a malformed measure",
		               st->path);
	if (rc != SQLITE_DONE)
		return db_fail_db(st, rc);
	s = db_prepare(st,
	               "SELECT activity FROM outcome_plan_psfs WHERE day = ?1"
	               " ORDER BY pos");
	if (!s)
		return -1;
	db_bind_text(s, 1, day);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->psfs = xrealloc(p->psfs, (p->n_psfs + 1) * sizeof *p->psfs);
		p->psfs[p->n_psfs++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	db_release(st, s);
	return rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
}

int store_outcome_plans(struct store *st, bool newest,
                        struct rx_outcome_plan **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s =
	    db_prepare(st, newest ? "SELECT day, stored FROM outcome_plan"
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
		plans[count].stored = db_column_day(s, 1);
		days[count++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	db_release(st, s);
	int result = rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
	for (size_t i = 0; i < count && result == 0; i++) {
		if (!cal_parse_date(days[i], &plans[i].from))
			result = db_fail(st,
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
	sqlite3_stmt *s = db_prepare(
	    st, "INSERT INTO outcome_plan(day, stored) VALUES (?1, ?2)");
	if (!s)
		return -1;
	db_bind_day(s, 1, p->from);
	db_bind_day(s, 2, p->stored);
	if (db_run(st, s) != 0)
		return -1;
	for (size_t i = 0; i < p->n_measures; i++) {
		const struct rx_measure *m = &p->measures[i];
		s = db_prepare(st, measure_sql(true));
		if (!s)
			return -1;
		db_bind_day(s, 1, p->from);
		sqlite3_bind_int(s, 2, (int)i);
		db_bind_text(s, 3, m->id);
		for (int k = 0; k < RX_MEASURE_KEYS; k++)
			measure_columns[k].bind(s, k + 4, m);
		if (db_run(st, s) != 0)
			return -1;
	}
	for (size_t i = 0; i < p->n_psfs; i++) {
		s = db_prepare(st, "INSERT INTO outcome_plan_psfs(day, pos,"
		                   " activity) VALUES (?1, ?2, ?3)");
		if (!s)
			return -1;
		db_bind_day(s, 1, p->from);
		sqlite3_bind_int(s, 2, (int)i);
		db_bind_text(s, 3, p->psfs[i]);
		if (db_run(st, s) != 0)
			return -1;
	}
	return 0;
}

int store_outcome_plan_drop(struct store *st, cal_day day)
{
	return db_run_day(st, "DELETE FROM outcome_plan WHERE day = ?1", day);
}

int store_exercise_kind(struct store *st, const char *id, bool *known,
                        enum rx_kind *kind)
{
	sqlite3_stmt *s = db_prepare(
	    st, "SELECT per_week IS NOT NULL, coalesce(as_needed, 0) FROM"
	        " snapshot_exercise WHERE id = ?1 ORDER BY day DESC LIMIT 1");
	if (!s)
		return -1;
	db_bind_text(s, 1, id);
	int rc = sqlite3_step(s);
	*known = rc == SQLITE_ROW;
	*kind = !*known                    ? RX_KIND_FIXED
	        : sqlite3_column_int(s, 1) ? RX_KIND_AS_NEEDED
	        : sqlite3_column_int(s, 0) ? RX_KIND_PER_WEEK
	                                   : RX_KIND_FIXED;
	db_release(st, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_db(st, rc);
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
	char *real = db_open_path(path, false, &exists, err, errlen);
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
