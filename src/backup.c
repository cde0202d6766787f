/* madvise(MADV_DONTNEED): glibc ignores posix_madvise's DONTNEED. */
#define _DEFAULT_SOURCE

#include "hep/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hep/json.h"
#include "hep/outcomes.h"
#include "hep/text.h"
#include "hep/util.h"

/* ---- export -------------------------------------------------------------- */

/* RFC 4180: a field with a comma, quote or line break is quoted. */
static void csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

struct export
{
	FILE *f;
	bool json;
	size_t rows;
};

static int export_row(void *arg, const struct state_row *e)
{
	struct export *x = arg;
	char day[CAL_DATE_LEN], at[21];
	cal_format(e->day, day);
	cal_format_utc(e->logged_utc, at);
	if (x->json) {
		fprintf(x->f, "%s\n  {\"day\": \"%s\", \"exercise\": ",
		        x->rows ? "," : "", day);
		json_string(x->f, e->exercise);
		fprintf(x->f, ", \"logged_at\": \"%s\", \"pain\": ", at);
		json_int(x->f, e->pain, e->pain >= 0);
		fputs(", \"note\": ", x->f);
		json_string(x->f, e->note);
		fputs(", \"skip\": ", x->f);
		json_string(x->f, skip_reason_name(e->skip));
		fputc('}', x->f);
	} else {
		fprintf(x->f, "%s,", day);
		csv_field(x->f, e->exercise);
		fprintf(x->f, ",%s,", at);
		if (e->pain >= 0)
			fprintf(x->f, "%d", e->pain);
		fputc(',', x->f);
		csv_field(x->f, e->note);
		fputc(',', x->f);
		csv_field(x->f, skip_reason_name(e->skip));
		fputc('\n', x->f);
	}
	x->rows++;
	return 0;
}

/* An outcome entry's value: a measure's number ("92.5"), a check-in's
 * ratings with their activities; null for every other entry. */
static void write_value(FILE *f, const struct diary_entry *e)
{
	char n[24];
	struct psfs_checkin c;
	if (e->kind == ENTRY_MEASURE) {
		fputs(rx_tenths_text(e->value, n, sizeof n), f);
	} else if (e->kind == ENTRY_PSFS && e->items &&
	           psfs_items_parse(e->items, &c)) {
		fputs("{\"ratings\": [", f);
		for (size_t i = 0; i < c.n; i++)
			fprintf(f, "%s%d", i ? ", " : "", c.rating[i]);
		fputs("], \"activities\": [", f);
		for (size_t i = 0; i < c.n; i++) {
			fputs(i ? ", " : "", f);
			json_string(f, c.activity[i]);
		}
		fputs("]}", f);
		psfs_checkin_free(&c);
	} else {
		fputs("null", f);
	}
}

void backup_write_entry(FILE *f, const struct diary_entry *e)
{
	char day[CAL_DATE_LEN], at[21];
	fprintf(f, "{\"seq\": %lld, \"made_at\": \"%s\", \"kind\": ",
	        (long long)e->seq, cal_format_utc(e->made_utc, at));
	json_string(f, e->kind < ENTRY_KINDS ? entry_kind_name(e->kind) : NULL);
	fputs(", \"exercise\": ", f);
	json_string(f, e->kind == ENTRY_PSFS ? NULL : e->exercise);
	fprintf(f, ", \"day\": \"%s\", \"session\": ", cal_format(e->day, day));
	json_int(f, e->session, e->session > 0);
	fprintf(f, ", \"late\": %s, \"pain\": ", e->late ? "true" : "false");
	json_int(f, e->pain, e->pain >= 0);
	fputs(", \"pain_before\": ", f);
	json_int(f, e->pain_before, e->pain_before >= 0);
	fputs(", \"note\": ", f);
	json_string(f, e->note);
	fputs(", \"reason\": ", f);
	json_string(f, skip_reason_name(e->reason));
	fputs(", \"value\": ", f);
	write_value(f, e);
	fputs(", \"replaces\": ", f);
	if (e->kind != ENTRY_CORRECTION) {
		fputs("null}", f);
		return;
	}
	const char *sep = "{";
	if (e->fixes & FIX_PAIN) {
		fprintf(f, "%s\"pain\": ", sep);
		json_int(f, e->old_pain, e->old_pain >= 0);
		sep = ", ";
	}
	if (e->fixes & FIX_PAIN_BEFORE) {
		fprintf(f, "%s\"pain_before\": ", sep);
		json_int(f, e->old_pain_before, e->old_pain_before >= 0);
		sep = ", ";
	}
	if (e->fixes & FIX_NOTE) {
		fprintf(f, "%s\"note\": ", sep);
		json_string(f, e->old_note);
	}
	fputs("}}", f);
}

static int export_entry(void *arg, const struct diary_entry *e)
{
	struct export *x = arg;
	fputs(x->rows ? ",\n  " : "\n  ", x->f);
	backup_write_entry(x->f, e);
	x->rows++;
	return 0;
}

/* The fields of one version of an exercise, each as ", KEY: VALUE". */
static void export_fields(FILE *f, const struct rx_exercise *e)
{
	char d[CAL_DATE_LEN];
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *x = &rx_fields[i];
		int v = rx_field_int(e, x);
		struct rx_range r = rx_field_range(e, x);
		fprintf(f, ", \"%s\": ", x->name);
		switch (x->type) {
		case RX_TEXT:
		case RX_TEMPO:
			json_string(f, rx_field_text(e, x));
			break;
		case RX_INT:
			json_int(f, v, x->needed || v != x->def);
			break;
		case RX_FLAG:
			fputs(v ? "true" : "false", f);
			break;
		case RX_COUNT:
		case RX_TIME:
			json_range(f, r.lo, r.hi);
			break;
		case RX_LABELS:
			json_lines(f, rx_field_text(e, x));
			break;
		case RX_SIDE:
			json_string(f, rx_side_name((enum rx_side)v));
			break;
		case RX_DATE:
			json_string(f, v == CAL_NONE ? NULL : cal_format(v, d));
			break;
		case RX_DAYS:
			fputc('[', f);
			for (int w = 0, first = 1; w < 7; w++) {
				if (v & (1 << w)) {
					fprintf(f, "%s\"%s\"",
					        first ? "" : ", ",
					        cal_weekday_id(
					            (enum cal_weekday)w));
					first = 0;
				}
			}
			fputc(']', f);
			break;
		}
	}
}

/* An exercise: its id, its fields, and its steps (each a whole version
 * with its first day and the day as written), or "steps": null. */
static void export_exercise(FILE *f, const struct rx_exercise *e)
{
	char d[CAL_DATE_LEN];
	fputs("{\"id\": ", f);
	json_string(f, e->id);
	export_fields(f, e);
	fputs(", \"steps\": ", f);
	if (e->n_steps == 0)
		fputs("null", f);
	for (size_t k = 0; k < e->n_steps; k++) {
		const struct rx_exercise *v = &e->steps[k];
		fprintf(f, "%s{\"step_from\": \"%s\", \"step_label\": ",
		        k ? ", " : "[", cal_format(v->step_from, d));
		json_string(f, v->step_label);
		fputs(", \"id\": ", f);
		json_string(f, v->id);
		export_fields(f, v);
		fputc('}', f);
	}
	if (e->n_steps)
		fputc(']', f);
	fputc('}', f);
}

/* "outcome_plans": each version of the measures and the PSFS, every key
 * of each measure (rx_measure_keys; min, max and goal as numbers). */
static int export_plans(struct hep_ctx *ctx, FILE *f, char *msg, size_t msglen)
{
	struct rx_outcome_plan *p;
	size_t n;
	if (ctx_outcome_plans(ctx, &p, &n, msg, msglen) != 0)
		return -1;
	fputs(",\n \"outcome_plans\": [", f);
	for (size_t i = 0; i < n; i++) {
		char d[CAL_DATE_LEN];
		fprintf(f, "%s\n  {\"from\": \"%s\", \"measures\": [",
		        i ? "," : "", cal_format(p[i].from, d));
		for (size_t k = 0; k < p[i].n_measures; k++) {
			const struct rx_measure *m = &p[i].measures[k];
			fputs(k ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
			json_string(f, m->id);
			for (int key = 0; key < RX_MEASURE_KEYS; key++) {
				char v[300];
				rx_measure_key_text(m, (enum rx_measure_key)key,
				                    v, sizeof v);
				fprintf(f, ", \"%s\": ", rx_measure_keys[key]);
				if (key == RX_MEASURE_MIN ||
				    key == RX_MEASURE_MAX ||
				    key == RX_MEASURE_GOAL)
					fputs(*v ? v : "null", f);
				else
					json_string(f, v);
			}
			fputc('}', f);
		}
		fputs("],\n   \"psfs\": [", f);
		for (size_t k = 0; k < p[i].n_psfs; k++) {
			fputs(k ? ", " : "", f);
			json_string(f, p[i].psfs[k]);
		}
		fputs("]}", f);
	}
	fputc(']', f);
	rx_outcome_plans_free(p, n);
	return 0;
}

int backup_export(struct hep_ctx *ctx, FILE *f, bool json, char *msg,
                  size_t msglen)
{
	if (store_check(ctx->store) != 0) {
		strfmt(msg, msglen, "%s", store_error(ctx->store));
		return -1;
	}
	if (json && ctx_all_snapshots(ctx, msg, msglen) != 0)
		return -1;
	struct export x = {f, json, 0};
	/* The entries first: an import that meets them uses them, and then
	 * need not stage the sessions that follow. */
	if (json) {
		fputs("{\"entries\": [", f);
		if (store_each_diary(ctx->store, CAL_FIRST, CAL_LAST,
		                     export_entry, &x) != 0) {
			strfmt(msg, msglen, "%s", store_error(ctx->store));
			return -1;
		}
		fputs("],\n \"sessions\": [", f);
		x.rows = 0;
	} else {
		fputs("day,exercise,logged_at,pain,note,skip\n", f);
	}
	if (store_each_row(ctx->store, CAL_FIRST, CAL_LAST, export_row, &x) !=
	    0) {
		strfmt(msg, msglen, "%s", store_error(ctx->store));
		return -1;
	}
	if (json) {
		fputs("],\n \"prescriptions\": [", f);
		for (size_t i = 0; i < ctx->n_snaps; i++) {
			char d[CAL_DATE_LEN];
			fprintf(f, "%s\n  {\"from\": \"%s\", \"exercises\": [",
			        i ? "," : "",
			        cal_format(ctx->snaps[i].from, d));
			for (size_t k = 0; k < ctx->snaps[i].n; k++) {
				fputs(k ? ",\n    " : "\n    ", f);
				export_exercise(f, &ctx->snaps[i].ex[k]);
			}
			fputs("]}", f);
		}
		fputc(']', f);
		if (export_plans(ctx, f, msg, msglen) != 0)
			return -1;
		fputs("}\n", f);
	}
	return 0;
}

/* ---- import: reading rows ------------------------------------------------ */

/*
 * An import reads the file once, front to back, checking every row and
 * (with stage) writing each good one to the store's staging table; the
 * file is mapped, and what has been read is given back to the system as
 * it goes, so that memory stays flat whatever the file's length.
 */
struct import {
	const char *path;
	struct hep_ctx *ctx;
	struct rx_errors *errs;
	bool stage;      /* write rows to the staging table */
	bool failed;     /* the store failed while staging */
	const char *buf; /* the file (mapped when map_len > 0) */
	size_t map_len, released;
	char *read; /* buf when read whole instead (standard input) */
	struct rx_snapshot *snaps; /* from a JSON back-up */
	size_t n_snaps;
	int *snap_lines;
	struct rx_outcome_plan *plans; /* from a JSON back-up */
	size_t n_plans;
	bool entries; /* a JSON back-up with its diary: sessions are ignored */
	bool direct;  /* into a file with nothing recorded: no staging */
	/* The state row read last, to number a day's sessions as they come. */
	cal_day row_day;
	char row_exercise[RX_ID_MAX + 1];
	int row_sessions;
	int64_t seq; /* the last entry before the import */
	size_t added, kept;
	cal_day lo, hi; /* the days the import writes to */
};

static int add_entry(void *arg, const struct diary_entry *e, bool whole,
                     int line, int k, int stored);

/* Gives back the mapped pages before offset (read, never read again). */
static void release_before(struct import *im, size_t offset)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t upto = page > 0 ? offset / (size_t)page * (size_t)page : 0;
	if (im->map_len == 0 || upto < im->released + (1u << 20))
		return;
	madvise((char *)im->buf + im->released, upto - im->released,
	        MADV_DONTNEED);
	im->released = upto;
}

#define MAX_REPORTED 50

static void problem(struct import *im, int line, const char *fmt, ...)
    HEP_PRINTF(3, 4);

static void problem(struct import *im, int line, const char *fmt, ...)
{
	struct rx_errors *errs = im->errs;
	if (errs->n > MAX_REPORTED)
		return;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *text =
	    errs->n == MAX_REPORTED
	        ? xasprintf("%s: more problems follow; fix these first",
	                    im->path)
	    : line > 0 ? xasprintf("%s:%d: %s", im->path, line, buf)
	               : xasprintf("%s: %s", im->path, buf);
	errs->msgs = xrealloc(errs->msgs, (errs->n + 1) * sizeof *errs->msgs);
	errs->line = xrealloc(errs->line, (errs->n + 1) * sizeof *errs->line);
	errs->line[errs->n] = line;
	errs->msgs[errs->n++] = text;
}

/* Stages one checked entry (whole: a diary entry, else a state row). */
static void stage(struct import *im, const struct diary_entry *e, bool whole,
                  int line)
{
	if (!whole && im->entries)
		return; /* the diary says it all, the state is checked only */
	if (!im->stage || im->failed)
		return;
	if (im->lo == CAL_NONE || e->day < im->lo)
		im->lo = e->day;
	if (im->hi == CAL_NONE || e->day > im->hi)
		im->hi = e->day;
	int rc = im->direct ? add_entry(im, e, whole, line, 1, 0)
	                    : store_stage_add(im->ctx->store, e, whole, line);
	if (rc != 0) {
		if (im->errs->n == 0)
			problem(im, 0, "%s", store_error(im->ctx->store));
		im->failed = true;
	}
}

/* Whether an entry made at utc for day was late (SPEC section 4). */
static bool late_entry(const struct import *im, int64_t utc, cal_day day)
{
	if (!im->ctx->rx)
		return false; /* checking only */
	struct cal_now at;
	cal_now_at(utc, &at);
	return cal_logical_today(&at, im->ctx->rx->program.day_starts) > day;
}

/* Checks a day, an id and a time (the fields every row has) into e. */
static void check_common(struct import *im, int line, const char *day,
                         const char *exercise, const char *at,
                         const char *at_key, struct diary_entry *e)
{
	if (!cal_parse_date(day, &e->day))
		problem(im, line, "day \"%.40s\" is not a date as YYYY-MM-DD",
		        day);
	else if (e->day > im->ctx->today)
		problem(im, line, "day %s is in the future", day);
	if (!exercise) /* a PSFS check-in: no exercise */
		e->exercise[0] = '\0';
	else if (!rx_valid_id(exercise))
		problem(im, line,
		        "exercise \"%.40s\" is not an id (a-z, 0-9, '-')",
		        exercise);
	else
		strfmt(e->exercise, sizeof e->exercise, "%s", exercise);
	if (!cal_parse_utc(at, &e->made_utc))
		problem(im, line, "%s \"%.40s\" is not YYYY-MM-DDTHH:MM:SSZ",
		        at_key, at);
}

/* Checks one row of the state (CSV, or the sessions of a JSON back-up)
 * and, importing, stages it as a session or skip entry. */
static void add_row(struct import *im, int line, const char *day,
                    const char *exercise, const char *at, const char *pain,
                    const char *note, const char *skip)
{
	struct diary_entry r;
	memset(&r, 0, sizeof r);
	r.pain = r.pain_before = r.old_pain = r.old_pain_before = -1;
	size_t before = im->errs->n;
	check_common(im, line, day, exercise, at, "logged_at", &r);
	if (pain && *pain) {
		char *end;
		long p = strtol(pain, &end, 10);
		if (*end || p < 0 || p > 10 || end == pain)
			problem(
			    im, line,
			    "pain \"%.40s\" is not a whole number from 0 to 10",
			    pain);
		else
			r.pain = (int)p;
	}
	r.reason = SKIP_NONE;
	if (skip && *skip && !skip_reason_parse(skip, &r.reason))
		problem(
		    im, line,
		    "skip \"%.40s\" is not a reason (rest, pain, sick, travel, "
		    "time, other)",
		    skip);
	if (im->errs->n > before)
		return;
	r.kind = r.reason != SKIP_NONE ? ENTRY_SKIP : ENTRY_SESSION;
	/* A session's number as it was made: a back-up of the state lists a
	 * day's sessions together, in the order they were logged. */
	if (r.kind == ENTRY_SESSION) {
		if (r.day != im->row_day ||
		    strcmp(r.exercise, im->row_exercise) != 0) {
			im->row_day = r.day;
			strfmt(im->row_exercise, sizeof im->row_exercise, "%s",
			       r.exercise);
			im->row_sessions = 0;
		}
		r.session = ++im->row_sessions;
	}
	r.late = r.kind == ENTRY_SESSION && late_entry(im, r.made_utc, r.day);
	r.note = note && *note ? note : NULL;
	stage(im, &r, false, line);
}

/* Reads one CSV field at *p; returns it (owned) or NULL at a bad quote. */
static char *csv_read_field(const char **p, const char *end, int *line)
{
	const char *s = *p;
	size_t cap = 32, n = 0;
	char *out = xmalloc(cap);
	if (s < end && *s == '"') {
		s++;
		for (;;) {
			if (s >= end) {
				free(out);
				return NULL;
			}
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					s++;
				} else {
					s++;
					break;
				}
			}
			if (*s == '\n')
				(*line)++;
			if (n + 1 >= cap)
				out = xrealloc(out, cap *= 2);
			out[n++] = *s++;
		}
		if (s < end && *s != ',' && *s != '\n' && *s != '\r') {
			free(out);
			return NULL;
		}
	} else {
		while (s < end && *s != ',' && *s != '\n' && *s != '\r') {
			if (*s == '"') {
				free(out);
				return NULL;
			}
			if (n + 1 >= cap)
				out = xrealloc(out, cap *= 2);
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	*p = s;
	return out;
}

static void read_csv(struct import *im, const char *buf, size_t len)
{
	static const char header[] = "day,exercise,logged_at,pain,note,skip";
	const char *p = buf, *end = buf + len;
	int line = 1;
	size_t hl = strlen(header);
	if (len < hl || memcmp(buf, header, hl) != 0 ||
	    (len > hl && buf[hl] != '\n' && buf[hl] != '\r')) {
		problem(im, 1, "the first line must be \"%s\"", header);
		return;
	}
	p += hl;
	while (p < end) {
		if (*p == '\r')
			p++;
		if (p < end && *p == '\n') {
			p++;
			line++;
		}
		if (p >= end)
			break;
		int start = line;
		char *f[6] = {0};
		int nf = 0;
		bool bad = false;
		for (;;) {
			char *field = csv_read_field(&p, end, &line);
			if (!field) {
				bad = true;
				break;
			}
			if (nf < 6)
				f[nf] = field;
			else
				free(field);
			nf++;
			if (p < end && *p == ',') {
				p++;
				continue;
			}
			break;
		}
		if (bad)
			problem(im, start, "a badly quoted field");
		else if (nf != 6)
			problem(im, start, "%d fields; a row has 6", nf);
		else
			add_row(im, start, f[0], f[1], f[2], f[3], f[4], f[5]);
		for (int k = 0; k < 6; k++)
			free(f[k]);
		if (bad) {
			/* Resynchronise at the next line. */
			while (p < end && *p != '\n')
				p++;
		}
		release_before(im, (size_t)(p - buf));
	}
}

/* ---- import: JSON ------------------------------------------------------- */

static const char *json_text(const struct json_value *v)
{
	return v && v->type == JSON_STRING ? v->str : NULL;
}

static void read_json_session(struct import *im, const struct json_value *o)
{
	static const char *const keys[] = {"day",  "exercise", "logged_at",
	                                   "pain", "note",     "skip"};
	if (o->type != JSON_OBJECT) {
		problem(im, o->line, "a session must be an object");
		return;
	}
	for (size_t i = 0; i < o->n; i++) {
		bool known = false;
		for (size_t k = 0; k < 6; k++)
			known = known || strcmp(o->keys[i], keys[k]) == 0;
		if (!known)
			problem(im, o->items[i].line, "unknown key \"%.40s\"",
			        o->keys[i]);
	}
	const struct json_value *pain = json_get(o, "pain");
	char pain_text[32] = "";
	if (pain && pain->type == JSON_NUMBER && pain->integer)
		strfmt(pain_text, sizeof pain_text, "%lld", pain->i);
	else if (pain && pain->type != JSON_NULL)
		strfmt(pain_text, sizeof pain_text, "not a number");
	const struct json_value *note = json_get(o, "note");
	if (note && note->type != JSON_NULL && note->type != JSON_STRING) {
		problem(im, note->line, "note must be text or null");
		return;
	}
	const char *day = json_text(json_get(o, "day"));
	const char *ex = json_text(json_get(o, "exercise"));
	const char *at = json_text(json_get(o, "logged_at"));
	const struct json_value *skip = json_get(o, "skip");
	if (skip && skip->type != JSON_NULL && skip->type != JSON_STRING) {
		problem(im, skip->line, "skip must be a reason or null");
		return;
	}
	add_row(im, o->line, day ? day : "", ex ? ex : "", at ? at : "",
	        pain_text, json_text(note), json_text(skip));
}

/* A pain field of an entry: null (-1) or 0..10; false on a bad value. */
static bool entry_pain(struct import *im, const struct json_value *v,
                       const char *key, int *out)
{
	*out = -1;
	if (!v || v->type == JSON_NULL)
		return true;
	if (v->type != JSON_NUMBER || !v->integer || v->i < 0 || v->i > 10) {
		problem(im, v->line,
		        "%s must be a whole number from 0 to 10 or "
		        "null",
		        key);
		return false;
	}
	*out = (int)v->i;
	return true;
}

/* A text field of an entry: null or a string; false on anything else. */
static bool entry_text(struct import *im, const struct json_value *v,
                       const char *key, const char **out)
{
	*out = NULL;
	if (!v || v->type == JSON_NULL)
		return true;
	if (v->type != JSON_STRING) {
		problem(im, v->line, "%s must be text or null", key);
		return false;
	}
	*out = v->str;
	return true;
}

/* The value of an entry: a number with at most one decimal place for a
 * measure, {"ratings", "activities"} for a PSFS check-in (into *items,
 * allocated), null for any other. */
/* A number with at most one decimal place as whole tenths; false for
 * anything else (null, text, 92.25, beyond RX_TENTHS_MAX). */
static bool json_tenths(const struct json_value *v, int32_t *out)
{
	if (!v || v->type != JSON_NUMBER)
		return false;
	double t = v->num * 10;
	double r =
	    t < 0 ? (double)(long long)(t - 0.5) : (double)(long long)(t + 0.5);
	if (t - r > 1e-6 || r - t > 1e-6 || r > RX_TENTHS_MAX ||
	    r < -RX_TENTHS_MAX)
		return false;
	*out = (int32_t)r;
	return true;
}

/* A text of 1 to width columns without control characters, or NULL. */
static const char *json_label(const struct json_value *v, int width)
{
	return v && v->type == JSON_STRING && v->str[0] &&
	               !text_has_control(v->str) && text_width(v->str) <= width
	           ? v->str
	           : NULL;
}

static void read_value(struct import *im, const struct json_value *o,
                       struct diary_entry *e, char **items)
{
	const struct json_value *v = json_get(o, "value");
	bool null = !v || v->type == JSON_NULL;
	if (e->kind == ENTRY_MEASURE) {
		if (!json_tenths(v, &e->value))
			problem(
			    im, v ? v->line : o->line,
			    "a measure's value must be a number with at most "
			    "one decimal place");
		return;
	}
	if (e->kind != ENTRY_PSFS) {
		if (!null)
			problem(im, v->line,
			        "value must be null (only a measure or a PSFS "
			        "check-in has one)");
		return;
	}
	const struct json_value *ra = null ? NULL : json_get(v, "ratings");
	const struct json_value *ac = null ? NULL : json_get(v, "activities");
	if (null || v->type != JSON_OBJECT || v->n != 2 || !ra || !ac ||
	    ra->type != JSON_ARRAY || ac->type != JSON_ARRAY ||
	    ra->n != ac->n || ra->n < 1 || ra->n > RX_MAX_PSFS) {
		problem(im, v ? v->line : o->line,
		        "a PSFS check-in's value is {\"ratings\": [...], "
		        "\"activities\": [...]}, 1 to %d of each",
		        RX_MAX_PSFS);
		return;
	}
	int rating[RX_MAX_PSFS];
	char *activity[RX_MAX_PSFS];
	for (size_t i = 0; i < ra->n; i++) {
		const struct json_value *r = &ra->items[i], *a = &ac->items[i];
		if (r->type != JSON_NUMBER || !r->integer || r->i < 0 ||
		    r->i > 10) {
			problem(im, r->line, "a PSFS rating is 0 to 10");
			return;
		}
		if (!json_label(a, RX_NAME_COLUMNS)) {
			problem(im, a->line,
			        "a PSFS activity is text of 1 to %d columns "
			        "without control characters",
			        RX_NAME_COLUMNS);
			return;
		}
		rating[i] = (int)r->i;
		activity[i] = a->str;
	}
	*items = psfs_items_format(rating, activity, ra->n);
	e->items = *items;
}

/* One entry of the diary of a JSON back-up (the shape of `hep log
 * --json`), checked and staged as it is. */
static void read_json_entry(struct import *im, const struct json_value *o)
{
	static const char *const keys[] = {
	    "seq",     "made_at", "kind",    "exercise",    "day",
	    "session", "late",    "pain",    "pain_before", "note",
	    "reason",  "value",   "replaces"};
	if (!im->entries && im->stage && !im->failed) {
		/* The state rows read so far go: the diary says it all. */
		im->added = 0;
		if (store_stage_drop_rows(im->ctx->store) != 0) {
			problem(im, 0, "%s", store_error(im->ctx->store));
			im->failed = true;
		}
	}
	im->entries = true;
	if (o->type != JSON_OBJECT) {
		problem(im, o->line, "an entry must be an object");
		return;
	}
	size_t before = im->errs->n;
	for (size_t i = 0; i < o->n; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			known = known || strcmp(o->keys[i], keys[k]) == 0;
		if (!known)
			problem(im, o->items[i].line, "unknown key \"%.40s\"",
			        o->keys[i]);
	}
	struct diary_entry e;
	memset(&e, 0, sizeof e);
	const char *kind = json_text(json_get(o, "kind"));
	if (!kind || !entry_kind_parse(kind, &e.kind))
		problem(im, o->line,
		        "kind \"%.40s\" is not one this hep knows (session, "
		        "skip, undo, redo, correction, withdraw, measure, "
		        "psfs)",
		        kind ? kind : "");
	const char *day = json_text(json_get(o, "day"));
	const char *ex = json_text(json_get(o, "exercise"));
	const char *at = json_text(json_get(o, "made_at"));
	bool psfs = kind && e.kind == ENTRY_PSFS;
	if (psfs && ex)
		problem(im, o->line, "a PSFS check-in names no exercise");
	check_common(im, o->line, day ? day : "",
	             psfs ? NULL
	             : ex ? ex
	                  : "",
	             at ? at : "", "made_at", &e);
	const struct json_value *v = json_get(o, "session");
	if (v && v->type != JSON_NULL &&
	    (v->type != JSON_NUMBER || !v->integer || v->i < 1 ||
	     v->i > 1000000))
		problem(im, v->line, "session must be a number from 1 or null");
	else if (v && v->type == JSON_NUMBER)
		e.session = (int)v->i;
	v = json_get(o, "late");
	if (v && v->type != JSON_BOOL)
		problem(im, v->line, "late must be true or false");
	e.late = v && v->type == JSON_BOOL && v->b;
	entry_pain(im, json_get(o, "pain"), "pain", &e.pain);
	entry_pain(im, json_get(o, "pain_before"), "pain_before",
	           &e.pain_before);
	entry_text(im, json_get(o, "note"), "note", &e.note);
	const char *reason;
	if (entry_text(im, json_get(o, "reason"), "reason", &reason) &&
	    reason && !skip_reason_parse(reason, &e.reason))
		problem(im, o->line,
		        "reason \"%.40s\" is not a reason (rest, pain, sick, "
		        "travel, time, other)",
		        reason);
	char *items = NULL;
	read_value(im, o, &e, &items);
	e.old_pain = e.old_pain_before = -1;
	v = json_get(o, "replaces");
	if (e.kind == ENTRY_CORRECTION && im->errs->n == before) {
		if (!v || v->type != JSON_OBJECT || v->n == 0)
			problem(
			    im, o->line,
			    "a correction needs \"replaces\": the values it "
			    "replaces");
		for (size_t i = 0; v && v->type == JSON_OBJECT && i < v->n;
		     i++) {
			const char *k = v->keys[i];
			if (!strcmp(k, "pain") &&
			    entry_pain(im, &v->items[i], k, &e.old_pain))
				e.fixes |= FIX_PAIN;
			else if (!strcmp(k, "pain_before") &&
			         entry_pain(im, &v->items[i], k,
			                    &e.old_pain_before))
				e.fixes |= FIX_PAIN_BEFORE;
			else if (!strcmp(k, "note") &&
			         entry_text(im, &v->items[i], k, &e.old_note))
				e.fixes |= FIX_NOTE;
			else if (strcmp(k, "pain") &&
			         strcmp(k, "pain_before") && strcmp(k, "note"))
				problem(im, v->items[i].line,
				        "replaces holds pain, pain_before or "
				        "note, not \"%.40s\"",
				        k);
		}
		if (e.session < 1)
			problem(im, o->line, "a correction names its session");
	} else if (v && v->type != JSON_NULL && im->errs->n == before) {
		problem(im, v->line, "only a correction replaces anything");
	}
	if (im->errs->n == before &&
	    (e.kind == ENTRY_SKIP || e.kind == ENTRY_WITHDRAW) &&
	    e.reason == SKIP_NONE)
		problem(im, o->line, "a %s needs its reason",
		        entry_kind_name(e.kind));
	if (im->errs->n == before)
		stage(im, &e, true, o->line);
	free(items);
}

/* An optional whole number in lo..hi (null: 0); false on a bad value. */
static bool json_small(struct import *im, const struct json_value *o,
                       const char *key, int lo, int hi, bool required, int *out)
{
	const struct json_value *v = json_get(o, key);
	*out = 0;
	if ((!v || v->type == JSON_NULL) && !required)
		return true;
	if (!v || v->type != JSON_NUMBER || !v->integer || v->i < lo ||
	    v->i > hi) {
		problem(im, v ? v->line : o->line,
		        "\"%s\" must be a whole number from %d to %d", key, lo,
		        hi);
		return false;
	}
	*out = (int)v->i;
	return true;
}

static bool json_day(struct import *im, const struct json_value *o,
                     const char *key, cal_day *out)
{
	const struct json_value *v = json_get(o, key);
	*out = CAL_NONE;
	if (!v || v->type == JSON_NULL)
		return true;
	if (!json_text(v) || !cal_parse_date(v->str, out)) {
		problem(im, v->line, "\"%s\" must be a date as YYYY-MM-DD",
		        key);
		return false;
	}
	return true;
}

/* A count or a time of a back-up: a number, [lo, hi] or null. */
static bool json_range_field(struct import *im, const struct json_value *o,
                             const struct rx_field *f, struct rx_exercise *e)
{
	const struct json_value *v = json_get(o, f->name);
	struct rx_range r = {f->def, f->def};
	bool ok = true;
	if (v && v->type == JSON_NUMBER) {
		ok = v->integer && v->i >= f->min && v->i <= f->max;
		r.lo = r.hi = ok ? (int)v->i : 0;
	} else if (v && v->type == JSON_ARRAY) {
		ok = v->n == 2;
		for (size_t i = 0; ok && i < 2; i++)
			ok = v->items[i].type == JSON_NUMBER &&
			     v->items[i].integer && v->items[i].i >= f->min &&
			     v->items[i].i <= f->max;
		if (ok) {
			r.lo = (int)v->items[0].i;
			r.hi = (int)v->items[1].i;
			ok = r.lo < r.hi;
		}
	} else if (v && v->type != JSON_NULL) {
		ok = false;
	} else if (f->needed) {
		ok = false;
	}
	if (!ok) {
		problem(im, v ? v->line : o->line,
		        "\"%s\" must be a whole number from %d to %d, or [MIN, "
		        "MAX] of them",
		        f->name, f->min, f->max);
		return false;
	}
	rx_field_set_range(e, f, r);
	return true;
}

/* Session labels of a back-up: null, or an array of 1 to RX_MAX_AT
 * strings, each one line. */
static bool json_labels(struct import *im, const struct json_value *o,
                        const struct rx_field *f, struct rx_exercise *e)
{
	const struct json_value *v = json_get(o, f->name);
	if (!v || v->type == JSON_NULL)
		return true;
	bool ok = v->type == JSON_ARRAY && v->n >= 1 && v->n <= RX_MAX_AT;
	size_t len = 1;
	for (size_t i = 0; ok && i < v->n; i++) {
		const char *t = json_text(&v->items[i]);
		ok = t && *t && !text_has_control(t);
		len += ok ? strlen(t) + 1 : 0;
	}
	if (!ok) {
		problem(im, v->line, "\"%s\" must list session labels",
		        f->name);
		return false;
	}
	char *joined = xcalloc(len, 1);
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			strcat(joined, "\n");
		strcat(joined, v->items[i].str);
	}
	rx_field_set_text(e, f, joined);
	free(joined);
	return true;
}

/* Field f of an exercise in a back-up, into e; false (with a problem) on
 * a bad value or a missing needed one. */
static bool json_field(struct import *im, const struct json_value *o,
                       const struct rx_field *f, struct rx_exercise *e)
{
	const struct json_value *v = json_get(o, f->name);
	const char *t = json_text(v);
	int n, tempo[3];
	cal_day d;
	enum rx_side side;
	switch (f->type) {
	case RX_INT:
		if (!json_small(im, o, f->name, f->min, f->max, f->needed, &n))
			return false;
		if (!v || v->type == JSON_NULL)
			n = f->def;
		rx_field_set_int(e, f, n);
		return true;
	case RX_FLAG:
		if (v && v->type != JSON_NULL && v->type != JSON_BOOL) {
			problem(im, v->line, "\"%s\" must be true or false",
			        f->name);
			return false;
		}
		rx_field_set_int(e, f, v && v->type == JSON_BOOL && v->b);
		return true;
	case RX_COUNT:
	case RX_TIME:
		return json_range_field(im, o, f, e);
	case RX_DATE:
		if (!json_day(im, o, f->name, &d))
			return false;
		rx_field_set_int(e, f, d);
		return true;
	case RX_SIDE:
		if (t && !rx_side_parse(t, &side)) {
			problem(im, o->line,
			        "\"%s\" must be left, right, both or alternate",
			        f->name);
			return false;
		}
		rx_field_set_int(e, f, t ? (int)side : (int)RX_SIDE_NONE);
		return true;
	case RX_DAYS:
		n = 0;
		for (size_t i = 0; v && v->type == JSON_ARRAY && i < v->n;
		     i++) {
			enum cal_weekday w;
			if (json_text(&v->items[i]) &&
			    cal_parse_weekday(v->items[i].str, &w))
				n |= 1 << w;
		}
		if (!v || v->type != JSON_ARRAY || n == 0) {
			problem(
			    im, o->line,
			    "\"%s\" must list weekdays (\"mon\" ... \"sun\")",
			    f->name);
			return false;
		}
		rx_field_set_int(e, f, n);
		return true;
	case RX_LABELS:
		return json_labels(im, o, f, e);
	case RX_TEMPO:
		if (t && !rx_tempo_parse(t, tempo)) {
			problem(im, o->line,
			        "\"%s\" must be DOWN-PAUSE-UP, as \"3-0-1\"",
			        f->name);
			return false;
		}
		rx_field_set_text(e, f, t);
		return true;
	case RX_TEXT:
		if (f->needed && (!t || !*t || text_has_control(t))) {
			problem(im, o->line, "an exercise needs a \"%s\"",
			        f->name);
			return false;
		}
		if (t && !f->multiline && text_has_control(t)) {
			problem(im, o->line, "\"%s\" holds a control character",
			        f->name);
			return false;
		}
		/* A link is opened on the screen: only what the file may
		 * give (SPEC 2.1). */
		if (t && !strcmp(f->name, "link") && !rx_link_valid(t)) {
			problem(im, o->line,
			        "\"link\" must be an https:// address");
			return false;
		}
		rx_field_set_text(e, f, t);
		return true;
	}
	return false;
}

/* One version of an exercise of a back-up: its id and fields. */
static bool read_json_version(struct import *im, const struct json_value *o,
                              struct rx_exercise *e)
{
	memset(e, 0, sizeof *e);
	e->step_from = CAL_NONE;
	if (o->type != JSON_OBJECT) {
		problem(im, o->line, "an exercise must be an object");
		return false;
	}
	const char *id = json_text(json_get(o, "id"));
	bool ok = true;
	if (!id || !rx_valid_id(id)) {
		problem(im, o->line,
		        "an exercise needs an \"id\" of a-z, 0-9 and '-'");
		ok = false;
	} else {
		strfmt(e->id, sizeof e->id, "%s", id);
	}
	for (size_t i = 0; i < RX_FIELDS; i++)
		ok = json_field(im, o, &rx_fields[i], e) && ok;
	return ok;
}

/* An exercise of a back-up with its steps, each after the one before. */
static bool read_json_exercise(struct import *im, const struct json_value *o,
                               struct rx_exercise *e)
{
	bool ok = read_json_version(im, o, e);
	const struct json_value *steps = ok ? json_get(o, "steps") : NULL;
	if (steps && steps->type != JSON_NULL &&
	    (steps->type != JSON_ARRAY || steps->n == 0 ||
	     steps->n > RX_MAX_STEPS)) {
		problem(im, steps->line, "\"steps\" must list 1 to %d steps",
		        RX_MAX_STEPS);
		ok = false;
	}
	if (ok && steps && steps->type == JSON_ARRAY) {
		e->steps = xcalloc(steps->n, sizeof *e->steps);
		for (size_t k = 0; ok && k < steps->n; k++) {
			const struct json_value *x = &steps->items[k];
			struct rx_exercise *v = &e->steps[k];
			ok = read_json_version(im, x, v);
			e->n_steps++;
			cal_day prev = k ? e->steps[k - 1].step_from : CAL_NONE;
			const char *from = json_text(json_get(x, "step_from"));
			const char *label =
			    json_text(json_get(x, "step_label"));
			if (ok &&
			    (!from || !cal_parse_date(from, &v->step_from) ||
			     (prev != CAL_NONE && v->step_from <= prev) ||
			     strcmp(v->id, e->id) != 0)) {
				problem(im, x->line,
				        "step %zu needs \"step_from\" as "
				        "YYYY-MM-DD, after the step before, "
				        "and its exercise's id",
				        k + 1);
				ok = false;
			}
			if (ok && label && text_has_control(label)) {
				problem(im, x->line,
				        "\"step_label\" holds a control "
				        "character");
				ok = false;
			}
			v->step = (int)k + 1;
			v->step_label = label ? xstrdup(label) : NULL;
		}
		for (size_t k = 0; k < e->n_steps; k++)
			e->steps[k].step_count = (int)e->n_steps;
		e->step_count = (int)e->n_steps;
	}
	if (!ok)
		rx_exercise_clear(e);
	return ok;
}

/* One prescription of a JSON back-up: a snapshot, kept. */
static void read_json_prescription(struct import *im,
                                   const struct json_value *p)
{
	const struct json_value *exs = json_get(p, "exercises");
	struct rx_snapshot s = {CAL_NONE, NULL, 0, CAL_NONE};
	const char *from = json_text(json_get(p, "from"));
	if (!from || !cal_parse_date(from, &s.from)) {
		problem(im, p->line,
		        "a prescription needs \"from\" as YYYY-MM-DD");
		return;
	}
	if (!exs || exs->type != JSON_ARRAY || exs->n == 0) {
		problem(im, p->line, "a prescription needs its \"exercises\"");
		return;
	}
	s.ex = xcalloc(exs->n, sizeof *s.ex);
	for (size_t k = 0; k < exs->n; k++)
		if (read_json_exercise(im, &exs->items[k], &s.ex[s.n]))
			s.n++;
	im->snaps = xrealloc(im->snaps, (im->n_snaps + 1) * sizeof *im->snaps);
	im->snap_lines = xrealloc(im->snap_lines,
	                          (im->n_snaps + 1) * sizeof *im->snap_lines);
	im->snap_lines[im->n_snaps] = p->line;
	im->snaps[im->n_snaps++] = s;
}

/* A measure of a version of the measures, checked as the prescription
 * checks one (SPEC section 8). */
static bool read_json_measure(struct import *im, const struct json_value *o,
                              struct rx_measure *m)
{
	memset(m, 0, sizeof *m);
	const char *id = json_text(json_get(o, "id"));
	const struct json_value *unit = json_get(o, "unit");
	const char *name = json_label(json_get(o, "name"), RX_NAME_COLUMNS);
	const char *every = json_text(json_get(o, "every"));
	const char *better = json_text(json_get(o, "better"));
	const struct json_value *goal = json_get(o, "goal");
	m->goal = RX_NO_VALUE;
	bool ok = o->type == JSON_OBJECT && id && rx_valid_id(id) && name &&
	          unit && unit->type == JSON_STRING &&
	          !text_has_control(unit->str) &&
	          text_width(unit->str) <= RX_UNIT_COLUMNS && every &&
	          rx_every_parse(every, &m->every) && better &&
	          (!strcmp(better, "higher") || !strcmp(better, "lower")) &&
	          json_tenths(json_get(o, "min"), &m->min) &&
	          json_tenths(json_get(o, "max"), &m->max) && m->min < m->max &&
	          (!goal || goal->type == JSON_NULL ||
	           (json_tenths(goal, &m->goal) && m->goal >= m->min &&
	            m->goal <= m->max));
	if (!ok) {
		problem(im, o->line,
		        "a measure needs \"id\", \"name\", \"unit\", \"min\" "
		        "below \"max\" (at most one decimal place), "
		        "\"every\" (day, week or visit), \"goal\" (null or "
		        "from min to max) and \"better\" (higher or lower)");
		return false;
	}
	strfmt(m->id, sizeof m->id, "%s", id);
	m->name = xstrdup(name);
	m->unit = xstrdup(unit->str);
	m->lower_better = !strcmp(better, "lower");
	return true;
}

/* One version of the measures and the PSFS of a JSON back-up, kept. */
static void read_json_plan(struct import *im, const struct json_value *p)
{
	struct rx_outcome_plan plan = {0};
	const struct json_value *ms = json_get(p, "measures");
	const struct json_value *ps = json_get(p, "psfs");
	const char *from = json_text(json_get(p, "from"));
	if (!from || !cal_parse_date(from, &plan.from) || !ms ||
	    ms->type != JSON_ARRAY || ms->n > RX_MAX_MEASURES || !ps ||
	    ps->type != JSON_ARRAY || ps->n > RX_MAX_PSFS) {
		problem(im, p->line,
		        "a version of the measures needs \"from\" as "
		        "YYYY-MM-DD, \"measures\" (at most %d) and \"psfs\" "
		        "(at most %d activities)",
		        RX_MAX_MEASURES, RX_MAX_PSFS);
		return;
	}
	if (plan.from > im->ctx->today) {
		problem(im, p->line,
		        "a version of the measures from %s, in the "
		        "future",
		        from);
		return;
	}
	plan.stored = CAL_NONE;
	plan.measures = xcalloc(ms->n + 1, sizeof *plan.measures);
	bool ok = true;
	for (size_t k = 0; ok && k < ms->n; k++) {
		ok = read_json_measure(im, &ms->items[k],
		                       &plan.measures[plan.n_measures]);
		plan.n_measures += ok;
		for (size_t j = 0; ok && j + 1 < plan.n_measures; j++)
			if (!strcmp(plan.measures[j].id, plan.measures[k].id)) {
				problem(im, ms->items[k].line,
				        "measure \"%s\" twice in one version",
				        plan.measures[k].id);
				ok = false;
			}
	}
	plan.psfs = xcalloc(ps->n + 1, sizeof *plan.psfs);
	for (size_t k = 0; ok && k < ps->n; k++) {
		const char *a = json_label(&ps->items[k], RX_NAME_COLUMNS);
		if (!a) {
			problem(im, ps->items[k].line,
			        "a PSFS activity is text of 1 to %d columns "
			        "without control characters",
			        RX_NAME_COLUMNS);
			ok = false;
		} else {
			plan.psfs[plan.n_psfs++] = xstrdup(a);
		}
	}
	if (!ok) {
		rx_outcome_plan_clear(&plan);
		return;
	}
	im->plans = xrealloc(im->plans, (im->n_plans + 1) * sizeof *im->plans);
	im->plans[im->n_plans++] = plan;
}

/* One element of a list of the back-up, as the parser reaches it. */
static void each_element(void *arg, const char *key,
                         const struct json_value *item, size_t parsed)
{
	struct import *im = arg;
	if (strcmp(key, "entries") == 0)
		read_json_entry(im, item);
	else if (strcmp(key, "sessions") == 0)
		read_json_session(im, item);
	else if (strcmp(key, "prescriptions") == 0)
		read_json_prescription(im, item);
	else if (strcmp(key, "outcome_plans") == 0)
		read_json_plan(im, item);
	release_before(im, parsed);
}

static void read_json(struct import *im, const char *buf, size_t len)
{
	struct json_value *root;
	char err[200];
	int line;
	if (json_parse_each(buf, len, each_element, im, &root, &line, err,
	                    sizeof err) != 0) {
		problem(im, line, "%s", err);
		return;
	}
	const struct json_value *sessions = json_get(root, "sessions");
	const struct json_value *entries = json_get(root, "entries");
	const struct json_value *rxs = json_get(root, "prescriptions");
	if (entries && entries->type != JSON_ARRAY)
		problem(im, entries->line, "\"entries\" must be a list");
	else if (entries && !im->entries && im->stage && !im->failed) {
		/* An empty diary: the state rows go too. */
		im->entries = true;
		im->added = 0;
		if (store_stage_drop_rows(im->ctx->store) != 0) {
			problem(im, 0, "%s", store_error(im->ctx->store));
			im->failed = true;
		}
	}
	if ((!sessions || sessions->type != JSON_ARRAY) && !entries)
		problem(im, root->line, "a \"sessions\" list is needed");
	if (rxs && rxs->type != JSON_ARRAY)
		problem(im, rxs->line, "\"prescriptions\" must be a list");
	const struct json_value *plans = json_get(root, "outcome_plans");
	if (plans && plans->type != JSON_ARRAY)
		problem(im, plans->line, "\"outcome_plans\" must be a list");
	json_free(root);
}

/* ---- import: writing ----------------------------------------------------- */

/*
 * Adds entry e of line (arg: the import), the k-th equal to it in the file
 * (stored equal ones were in the record), unless it is there already.
 * Returns -1 on a store error or a conflict (with a problem).
 */
static int add_entry(void *arg, const struct diary_entry *e, bool whole,
                     int line, int k, int stored)
{
	struct import *im = arg;
	struct store *st = im->ctx->store;
	/* Entries equal to stored ones are not added again: the k-th equal
	 * entry of the file matches the k-th stored, so importing the same
	 * file twice adds nothing (SPEC section 6.1). */
	if (k <= stored) {
		im->kept++;
		return 0;
	}
	if (!whole && e->kind == ENTRY_SKIP) {
		/* A back-up of the state holds one skip a day. */
		struct store_day d;
		if (store_day_read(st, e->exercise, e->day, &d) != 0)
			return -1;
		bool conflict = d.state.skip != NULL;
		store_day_free(&d);
		if (conflict) {
			char dd[CAL_DATE_LEN];
			problem(im, line,
			        "\"%s\" already has a different skip on %s",
			        e->exercise, cal_format(e->day, dd));
			return -1;
		}
	}
	struct diary_entry x = *e;
	if (!whole && !im->direct && x.kind == ENTRY_SESSION) {
		/* Merged into a recorded day: numbered after what stands. */
		struct store_day d;
		if (store_day_read(st, x.exercise, x.day, &d) != 0)
			return -1;
		x.session = (int)d.state.n_sessions + 1;
		store_day_free(&d);
	}
	if (store_append_only(st, &x) != 0)
		return -1;
	im->added++;
	return 0;
}

/* Whether two snapshots prescribe exactly the same exercises. */
static bool same_snapshot(const struct rx_snapshot *a,
                          const struct rx_snapshot *b)
{
	bool same = a->n == b->n;
	for (size_t i = 0; same && i < a->n; i++)
		same = rx_exercise_equal(&a->ex[i], &b->ex[i]);
	return same;
}

/*
 * Drops every snapshot that prescribes what the one before it does: it
 * changes nothing. The one a new data file stored as it opened goes again
 * once the back-up's older ones are in, so that export -> import into an
 * empty file -> export gives the same bytes.
 */
static int drop_repeats(struct store *st)
{
	struct rx_snapshot *all;
	size_t n;
	if (store_snapshots(st, CAL_NONE, &all, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (same_snapshot(&all[i - 1], &all[i]))
			rc = store_snapshot_drop(st, all[i].from);
	rx_snapshots_free(all, n);
	return rc;
}

/*
 * Stores the back-up's versions of the measures at their own dates (a
 * stored version of a date is kept), then drops every version that asks
 * for what the one before it does, as drop_repeats does for snapshots.
 */
static int write_plans(struct import *im)
{
	struct store *st = im->ctx->store;
	struct rx_outcome_plan *all;
	size_t n;
	if (im->n_plans == 0)
		return 0;
	if (store_outcome_plans(st, false, &all, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < im->n_plans && rc == 0; i++) {
		bool present = false;
		for (size_t k = 0; k < n; k++)
			present = present || all[k].from == im->plans[i].from;
		if (!present)
			rc = store_outcome_plan_put(st, &im->plans[i]);
	}
	rx_outcome_plans_free(all, n);
	if (rc != 0 || store_outcome_plans(st, false, &all, &n) != 0)
		return -1;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (rx_outcome_plan_equal(&all[i - 1], &all[i]))
			rc = store_outcome_plan_drop(st, all[i].from);
	rx_outcome_plans_free(all, n);
	return rc;
}

/* Adds every staged row not already stored, then the snapshots; in the
 * caller's transaction. Returns -1 on a store error or a conflict. */
static int write_rows(struct import *im, size_t *added, size_t *kept,
                      size_t *snaps_added)
{
	struct store *st = im->ctx->store;
	*snaps_added = 0;
	int rc = im->direct ? 0 : store_each_staged(st, add_entry, im);
	/* What stands, for every day and exercise the import added to. */
	if (rc == 0)
		rc = store_sync_after(st, im->seq);
	*added = im->added;
	*kept = im->kept;
	if (rc != 0)
		return -1;
	/* Which dates already have a snapshot: all of them, however old. */
	char err[8];
	if (ctx_all_snapshots(im->ctx, err, sizeof err) != 0)
		return -1;
	for (size_t i = 0; i < im->n_snaps; i++) {
		const struct rx_snapshot *s = &im->snaps[i];
		bool present = false;
		for (size_t k = 0; k < im->ctx->n_snaps; k++)
			present = present || im->ctx->snaps[k].from == s->from;
		if (present)
			continue; /* the stored snapshot of that date is kept */
		for (size_t k = 0; k < s->n; k++) {
			bool known;
			enum rx_kind kind;
			if (store_exercise_kind(st, s->ex[k].id, &known,
			                        &kind) != 0)
				return -1;
			if (known && kind != rx_kind(&s->ex[k])) {
				problem(im, im->snap_lines[i],
				        "exercise \"%s\" changes kind (%s and "
				        "%s)",
				        s->ex[k].id, rx_kind_name(kind),
				        rx_kind_name(rx_kind(&s->ex[k])));
				return -1;
			}
		}
		if (store_snapshot_put(st, s->from, CAL_NONE, s->ex, s->n) != 0)
			return -1;
		(*snaps_added)++;
	}
	/* Written: let them go before drop_repeats reads every snapshot. */
	rx_snapshots_free(im->snaps, im->n_snaps);
	im->snaps = NULL;
	im->n_snaps = 0;
	return *snaps_added > 0 ? drop_repeats(st) : 0;
}

/* Reads the rows of buf (CSV or JSON, told by its first character). */
static void read_rows(struct import *im, const char *buf, size_t len)
{
	/* Valid UTF-8 without NUL, checked a mebibyte at a time (each piece
	 * ending on a character's first byte), the line counted as it goes. */
	int line = 1;
	for (size_t at = 0; at < len;) {
		size_t n = len - at < (1u << 20) ? len - at : (1u << 20);
		while (at + n < len && n > 0 &&
		       ((unsigned char)buf[at + n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = len - at;
		size_t bad;
		const char *nul = memchr(buf + at, '\0', n);
		if (nul || !text_utf8_valid(buf + at, n, &bad)) {
			size_t upto = nul ? (size_t)(nul - buf - at) : bad;
			for (size_t k = 0; k < upto && k < n; k++)
				line += buf[at + k] == '\n';
			problem(im, line, "not valid UTF-8 text");
			return;
		}
		for (size_t k = 0; k < n; k++)
			line += buf[at + k] == '\n';
		at += n;
		release_before(im, at);
	}
	im->released = 0; /* read again from the start */
	size_t first = 0;
	while (first < len && strchr(" \t\r\n", buf[first]))
		first++;
	if (first < len && buf[first] == '{')
		read_json(im, buf, len);
	else
		read_csv(im, buf, len);
}

static void import_release(struct import *im)
{
	rx_snapshots_free(im->snaps, im->n_snaps);
	free(im->snap_lines);
	rx_outcome_plans_free(im->plans, im->n_plans);
	if (im->map_len > 0)
		munmap((void *)im->buf, im->map_len);
	free(im->read);
}

int backup_check_buffer(const char *name, const char *buf, size_t len,
                        cal_day today, struct rx_errors *errs)
{
	struct hep_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.today = today;
	struct import im;
	memset(&im, 0, sizeof im);
	im.path = name;
	im.ctx = &ctx;
	im.errs = errs;
	read_rows(&im, buf, len);
	import_release(&im);
	return errs->n ? -1 : 0;
}

/* The name messages give standard input ("hep import -"). */
#define STDIN_NAME "(standard input)"

/* Reads fd whole into im->buf (at most BACKUP_MAX_BYTES); false with a
 * problem if not. */
static bool read_whole(struct import *im, int fd, size_t *len)
{
	/* One byte past the limit tells a file too large. */
	size_t n = 0, cap = 1 << 16, limit = (size_t)BACKUP_MAX_BYTES + 1;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap == limit)
				break;
			cap = cap < limit / 2 ? cap * 2 : limit;
			buf = xrealloc(buf, cap);
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			problem(im, 0, "cannot read: %s", strerror(errno));
			free(buf);
			return false;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > BACKUP_MAX_BYTES) {
		problem(im, 0, "the file is larger than 256 MiB");
		free(buf);
		return false;
	}
	im->buf = im->read = buf;
	*len = n;
	return true;
}

/*
 * Maps the file at im->path into im->buf, or reads standard input whole
 * for "-"; false with a problem if not. Only a regular file is read: it is
 * opened without blocking, so that a FIFO or a device is refused at once,
 * never waited on (SPEC section 6.2).
 */
static bool map_file(struct import *im, const char *path, size_t *len)
{
	if (strcmp(path, "-") == 0) {
		im->path = STDIN_NAME;
		return read_whole(im, STDIN_FILENO, len);
	}
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0) {
		problem(im, 0, "cannot open: %s", strerror(errno));
		return false;
	}
	bool ok = false;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		problem(im, 0, "not a regular file");
	} else if (sb.st_size > BACKUP_MAX_BYTES) {
		problem(im, 0, "the file is larger than 256 MiB");
	} else if (sb.st_size == 0) {
		im->buf = "";
		*len = 0;
		ok = true;
	} else {
		void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE,
		               fd, 0);
		if (p == MAP_FAILED) {
			problem(im, 0, "cannot read: %s", strerror(errno));
		} else {
			im->buf = p;
			im->map_len = *len = (size_t)sb.st_size;
			ok = true;
		}
	}
	close(fd);
	return ok;
}

int backup_import(struct hep_ctx *ctx, const char *path, struct rx_errors *errs,
                  char *msg, size_t msglen)
{
	struct import im;
	memset(&im, 0, sizeof im);
	im.path = path;
	im.ctx = ctx;
	im.errs = errs;
	im.stage = true;
	size_t len = 0;
	int rc = -1;
	struct store *st = ctx->store;
	if (!map_file(&im, path, &len))
		goto out;
	/* One transaction: every row is checked and staged (or, into a file
	 * with nothing recorded, appended at once), then merged; any problem
	 * and nothing at all was written. */
	im.lo = im.hi = im.row_day = CAL_NONE;
	if (store_check(st) != 0 || store_begin(st) != 0 ||
	    store_last_seq(st, &im.seq) != 0 || store_bulk_begin(st) != 0 ||
	    store_stage_begin(st, &im.direct) != 0) {
		problem(&im, 0, "%s", store_error(st));
		store_rollback(st);
		goto out;
	}
	read_rows(&im, im.buf, len);
	if (errs->n > 0) {
		store_rollback(st);
		goto out;
	}
	size_t added, kept, snaps;
	if (write_rows(&im, &added, &kept, &snaps) != 0 ||
	    write_plans(&im) != 0 ||
	    store_bulk_end(st, im.lo == CAL_NONE ? ctx->today : im.lo,
	                   im.hi == CAL_NONE ? ctx->today : im.hi) != 0 ||
	    store_stage_end(st) != 0) {
		if (errs->n == 0)
			problem(&im, 0, "%s", store_error(st));
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != 0) {
		problem(&im, 0, "%s (the import may or may not be saved)",
		        store_error(st));
		goto out;
	}
	strfmt(msg, msglen, "imported %zu row%s from %s (%zu already there)%s",
	       added, added == 1 ? "" : "s", im.path, kept,
	       snaps ? "; prescriptions restored" : "");
	rc = 0;
out:
	import_release(&im);
	return rc;
}
