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

#include "hep/csv.h"
#include "hep/json.h"
#include "hep/outcomes.h"
#include "hep/rx_json.h"
#include "hep/text.h"
#include "hep/util.h"

/* ---- export -------------------------------------------------------------- */

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
		csv_cell(x->f, e->exercise);
		fprintf(x->f, ",%s,", at);
		if (e->pain >= 0)
			fprintf(x->f, "%d", e->pain);
		fputc(',', x->f);
		csv_cell(x->f, e->note);
		fputc(',', x->f);
		csv_cell(x->f, skip_reason_name(e->skip));
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

/* An id as JSON: a string, or null for "". */
static void json_id_out(FILE *f, const char *id)
{
	json_string(f, id[0] ? id : NULL);
}

void backup_write_entry(FILE *f, const struct diary_entry *e, int64_t seq)
{
	char day[CAL_DATE_LEN], at[21];
	fprintf(f, "{\"seq\": %lld, \"id\": ", (long long)seq);
	json_id_out(f, e->id);
	fprintf(f, ", \"stamp\": %lld, \"target\": ", (long long)e->stamp);
	json_id_out(f, e->target);
	fputs(", \"by\": ", f);
	json_id_out(f, e->by);
	fputs(", \"status\": ", f);
	json_string(f, entry_status_name(e->status));
	fprintf(f, ", \"made_at\": \"%s\", \"kind\": ",
	        cal_format_utc(e->made_utc, at));
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
	/* A back-up's seq is the entry's place in the record's order, the
	 * same in every copy (SPEC section 6.2). */
	backup_write_entry(x->f, e, (int64_t)x->rows + 1);
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
	bool fresh;   /* into a file with nothing recorded */
	bool direct;  /* fresh, and the entries carry their identities: each
	                 is appended at once, no staging */
	int identities;    /* the entries carry id and stamp: 1; they do not (a
	                      legacy back-up): 0; none read yet: -1 */
	bool entries_only; /* keep this file's versions (SPEC 6.2) */
	bool csv;          /* the file is a CSV */
	/* The state row read last, to number a day's sessions as they come. */
	cal_day row_day;
	char row_exercise[RX_ID_MAX + 1];
	int row_sessions;
	int64_t seq; /* the last entry before the import */
	size_t added, kept;
	cal_day lo, hi; /* the days the import writes to */
};

static int append_direct(struct import *im, const struct diary_entry *e,
                         int line);

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

/* Text of the file quoted in a problem: its control characters escaped,
 * cut to 40 bytes on a whole character (SPEC section 6.2). */
#define QUOTE(s) TEXT_QUOTE((s), 40)

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
	/* The path too is shown escaped (at most 4 bytes a byte). */
	size_t size = 4 * strlen(im->path) + 1;
	char *path = text_escape(im->path, false, xmalloc(size), size);
	char *text =
	    errs->n == MAX_REPORTED
	        ? xasprintf("%s: more problems follow; fix these first", path)
	    : line > 0 ? xasprintf("%s:%d: %s", path, line, buf)
	               : xasprintf("%s: %s", path, buf);
	free(path);
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
	int rc = im->direct && whole
	             ? append_direct(im, e, line)
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
		problem(im, line, "day \"%s\" is not a date as YYYY-MM-DD",
		        QUOTE(day));
	else if (e->day > im->ctx->today)
		problem(im, line, "day %s is in the future", day);
	if (!exercise) /* a PSFS check-in: no exercise */
		e->exercise[0] = '\0';
	else if (!rx_valid_id(exercise))
		problem(im, line,
		        "exercise \"%s\" is not an id (a-z, 0-9, '-')",
		        QUOTE(exercise));
	else
		strfmt(e->exercise, sizeof e->exercise, "%s", exercise);
	if (!cal_parse_utc(at, &e->made_utc))
		problem(im, line, "%s \"%s\" is not YYYY-MM-DDTHH:MM:SSZ",
		        at_key, QUOTE(at));
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
			    "pain \"%s\" is not a whole number from 0 to 10",
			    QUOTE(pain));
		else
			r.pain = (int)p;
	}
	r.reason = SKIP_NONE;
	if (skip && *skip && !skip_reason_parse(skip, &r.reason))
		problem(
		    im, line,
		    "skip \"%s\" is not a reason (rest, pain, sick, travel, "
		    "time, other)",
		    QUOTE(skip));
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
			csv_unguard(field); /* as csv_cell wrote it */
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
			problem(im, o->items[i].line, "unknown key \"%s\"",
			        QUOTE(o->keys[i]));
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
 * anything else (null, text, 92.25, beyond RX_TENTHS_MAX, 1e999, 1e-9). */
static bool json_tenths(const struct json_value *v, int32_t *out)
{
	if (!v || v->type != JSON_NUMBER)
		return false;
	double t = v->num * 10;
	/* Out of range, infinite or NaN: refused before any cast, which
	 * would be undefined beyond a long long. */
	if (!(t > -RX_TENTHS_MAX - 1.0 && t < RX_TENTHS_MAX + 1.0))
		return false;
	double r =
	    t < 0 ? (double)(long long)(t - 0.5) : (double)(long long)(t + 0.5);
	/* A number other than 0 that is 0 in tenths is too fine, too. */
	if (t - r > 1e-6 || r - t > 1e-6 || (r == 0 && t != 0) ||
	    r > RX_TENTHS_MAX || r < -RX_TENTHS_MAX)
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

/* An id of a back-up: 16 lowercase hex digits, or (nullable) null. */
static bool json_id(struct import *im, const struct json_value *o,
                    const char *key, bool nullable, entry_id out)
{
	const struct json_value *v = json_get(o, key);
	const char *s = json_text(v);
	out[0] = '\0';
	if (nullable && (!v || v->type == JSON_NULL))
		return true;
	bool ok = s && strlen(s) == ENTRY_ID_LEN;
	for (size_t i = 0; ok && i < ENTRY_ID_LEN; i++)
		ok = (s[i] >= '0' && s[i] <= '9') ||
		     (s[i] >= 'a' && s[i] <= 'f');
	if (!ok) {
		problem(im, v ? v->line : o->line,
		        "\"%s\" must be an entry's id, 16 digits 0-9 and a-f%s",
		        key, nullable ? ", or null" : "");
		return false;
	}
	memcpy(out, s, ENTRY_ID_LEN + 1);
	return true;
}

/*
 * An entry's identity (SPEC section 6.2): a back-up whose entries carry
 * "id" carries it on every one, with its stamp and what it acts on; a
 * legacy back-up on none (store_stage_identify gives them theirs).
 */
static void read_identity(struct import *im, const struct json_value *o,
                          struct diary_entry *e)
{
	bool has = json_get(o, "id") != NULL;
	if (im->identities < 0) {
		im->identities = has;
		/* A legacy back-up is staged, even into a new file: its
		 * targets are found over each day of the whole file. */
		im->direct = im->fresh && has;
	}
	if (has != (im->identities == 1)) {
		problem(im, o->line,
		        has ? "an entry with an \"id\" in a back-up whose "
		              "first entry had none"
		            : "an entry without its \"id\" and \"stamp\"");
		return;
	}
	if (!has)
		return;
	const struct json_value *stamp = json_get(o, "stamp");
	const struct json_value *status = json_get(o, "status");
	enum entry_status st;
	bool ok = json_id(im, o, "id", false, e->id) &&
	          json_id(im, o, "target", true, e->target) &&
	          json_id(im, o, "by", true, e->by);
	if (ok && (!stamp || stamp->type != JSON_NUMBER || !stamp->integer ||
	           stamp->i < CAL_FIRST_MS || stamp->i > CAL_LAST_MS)) {
		problem(
		    im, stamp ? stamp->line : o->line,
		    "\"stamp\" must be whole milliseconds since 1970 within "
		    "the years 1 to 9999");
		ok = false;
	}
	if (ok && status && status->type != JSON_NULL &&
	    (!json_text(status) || !entry_status_parse(status->str, &st))) {
		problem(im, status->line,
		        "\"status\" must be standing, taken back, superseded, "
		        "withdrawn or inert");
		ok = false;
	}
	if (!ok)
		return;
	e->stamp = stamp->i;
	bool acts = e->kind == ENTRY_UNDO || e->kind == ENTRY_REDO ||
	            e->kind == ENTRY_CORRECTION || e->kind == ENTRY_WITHDRAW;
	if (!acts && (e->target[0] || e->by[0]))
		problem(im, o->line,
		        "a %s acts on no other entry: its "
		        "\"target\" and \"by\" are null",
		        entry_kind_name(e->kind));
	else if (e->kind != ENTRY_WITHDRAW && e->by[0])
		problem(im, o->line, "only a withdrawal has \"by\"");
	else if (e->kind == ENTRY_WITHDRAW && !e->target[0] != !e->by[0])
		problem(im, o->line,
		        "a withdrawal names both the skip (\"target\") and the "
		        "session that made it (\"by\"), or neither");
}

/* A text of an entry, refused with its line if it may not be stored
 * (text_check: a control character, or longer than max bytes). */
static void check_new_text(struct import *im, const struct json_value *v,
                           const char *what, size_t max)
{
	char why[160];
	if (v && v->type == JSON_STRING &&
	    !text_check(v->str, what, max, why, sizeof why))
		problem(im, v->line, "%s", why);
}

/*
 * The texts of an entry of the new schema (one with an "id"): its note,
 * the note a correction replaces and a check-in's activities may hold no
 * control character, and a note no more than TEXT_NOTE_MAX bytes. A
 * legacy back-up's are kept as they are (SPEC 6.2, settled point 10).
 */
static void check_new_texts(struct import *im, const struct json_value *o)
{
	const struct json_value *v = json_get(o, "replaces");
	check_new_text(im, json_get(o, "note"), "a note", TEXT_NOTE_MAX);
	check_new_text(im, json_get(v, "note"), "a note", TEXT_NOTE_MAX);
	v = json_get(json_get(o, "value"), "activities");
	for (size_t i = 0; v && v->type == JSON_ARRAY && i < v->n; i++)
		check_new_text(im, &v->items[i], "a PSFS activity", 0);
}

/* One entry of the diary of a JSON back-up (the shape of `hep log
 * --json`), checked and staged as it is. */
static void read_json_entry(struct import *im, const struct json_value *o)
{
	static const char *const keys[] = {
	    "seq",     "made_at", "kind",     "exercise",    "day",
	    "session", "late",    "pain",     "pain_before", "note",
	    "reason",  "value",   "replaces", "id",          "stamp",
	    "target",  "by",      "status"};
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
			problem(im, o->items[i].line, "unknown key \"%s\"",
			        QUOTE(o->keys[i]));
	}
	struct diary_entry e;
	memset(&e, 0, sizeof e);
	const char *kind = json_text(json_get(o, "kind"));
	if (!kind || !entry_kind_parse(kind, &e.kind))
		problem(im, o->line,
		        "kind \"%s\" is not one this hep knows (session, "
		        "skip, undo, redo, correction, withdraw, measure, "
		        "psfs)",
		        QUOTE(kind ? kind : ""));
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
		        "reason \"%s\" is not a reason (rest, pain, sick, "
		        "travel, time, other)",
		        QUOTE(reason));
	if (json_get(o, "id")) /* the new schema */
		check_new_texts(im, o);
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
				        "note, not \"%s\"",
				        QUOTE(k));
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
		read_identity(im, o, &e);
	if (im->errs->n == before)
		stage(im, &e, true, o->line);
	free(items);
}

/* The shared rules' faults (rx_json, rx_check) as the import's. */
static void say_problem(void *arg, int line, const char *msg)
{
	problem(arg, line, "%s", msg);
}

/* One prescription of a JSON back-up: a snapshot, kept. */
static void read_json_prescription(struct import *im,
                                   const struct json_value *p)
{
	struct rx_report r = {say_problem, im, 0};
	struct rx_snapshot s;
	if (!rx_json_snapshot(p, &r, &s))
		return;
	im->snaps = xrealloc(im->snaps, (im->n_snaps + 1) * sizeof *im->snaps);
	im->snap_lines = xrealloc(im->snap_lines,
	                          (im->n_snaps + 1) * sizeof *im->snap_lines);
	im->snap_lines[im->n_snaps] = p->line;
	im->snaps[im->n_snaps++] = s;
}

/* One version of the measures and the PSFS of a JSON back-up, kept. */
static void read_json_plan(struct import *im, const struct json_value *p)
{
	struct rx_report r = {say_problem, im, 0};
	struct rx_outcome_plan plan;
	if (!rx_json_plan(p, &r, &plan))
		return;
	if (plan.from > im->ctx->today) {
		char d[CAL_DATE_LEN];
		problem(im, p->line,
		        "a version of the measures from %s, in the "
		        "future",
		        cal_format(plan.from, d));
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

/* What an entry of kind k may act on (its target), in words. */
static bool target_fits(enum entry_kind k, enum entry_kind t)
{
	switch (k) {
	case ENTRY_UNDO:
		return t == ENTRY_SESSION || t == ENTRY_SKIP ||
		       t == ENTRY_CORRECTION;
	case ENTRY_REDO:
		return t == ENTRY_UNDO;
	case ENTRY_CORRECTION:
		return t == ENTRY_SESSION;
	case ENTRY_WITHDRAW:
		return t == ENTRY_SKIP;
	default:
		return false;
	}
}

static const char *acts_verb(enum entry_kind k)
{
	return k == ENTRY_UNDO         ? "takes back"
	       : k == ENTRY_REDO       ? "reverses"
	       : k == ENTRY_CORRECTION ? "corrects"
	                               : "withdraws";
}

/*
 * Whether what e acts on (its target, and a withdrawal's session) is an
 * entry of this record or of the file, of the right kind, of the same
 * exercise and day (SPEC section 6.2); false with a problem if not.
 */
static bool targets_known(struct import *im, const struct diary_entry *e,
                          int line)
{
	struct store_target t;
	for (int i = 0; i < 2; i++) {
		const char *id = i == 0 ? e->target : e->by;
		if (!id[0])
			continue;
		if (store_target(im->ctx->store, id, &t) != 0) {
			problem(im, 0, "%s", store_error(im->ctx->store));
			return false;
		}
		bool fits = i == 0 ? target_fits(e->kind, t.kind)
		                   : t.kind == ENTRY_SESSION;
		if (!t.found) {
			problem(im, line,
			        "entry %s %s %s, which neither this record nor "
			        "the file holds",
			        e->id,
			        i == 0 ? acts_verb(e->kind) : "was made by",
			        id);
			return false;
		}
		if (!fits || t.day != e->day ||
		    strcmp(t.exercise, e->exercise) != 0) {
			problem(
			    im, line,
			    "entry %s (%s) names %s, which is not %s of the "
			    "same exercise and day",
			    e->id, entry_kind_name(e->kind), id,
			    i == 1                        ? "a session"
			    : e->kind == ENTRY_REDO       ? "an undo"
			    : e->kind == ENTRY_CORRECTION ? "a session"
			    : e->kind == ENTRY_WITHDRAW
			        ? "a skip"
			        : "a session, skip or correction");
			return false;
		}
	}
	return true;
}

/* Whether e (with an id) is stored already: the same (kept), or, for an
 * entry of a back-up with identities, different (a problem). */
static int known_entry(struct import *im, const struct diary_entry *e, int line,
                       bool *known)
{
	bool same;
	if (store_entry_same(im->ctx->store, e, known, &same) != 0) {
		problem(im, 0, "%s", store_error(im->ctx->store));
		return -1;
	}
	/* A legacy entry's id is its canonical text: the same id, the same
	 * entry (its stamp may differ from a copy migrated apart). */
	if (*known && !same && im->identities == 1) {
		problem(im, line, "entry %s differs from the stored one",
		        e->id);
		return -1;
	}
	if (*known)
		im->kept++;
	return 0;
}

/* An entry of a back-up with identities into a fresh file: appended at
 * once, unless the file listed it before (its targets are checked at the
 * end, store_fresh_bad_target). */
static int append_direct(struct import *im, const struct diary_entry *e,
                         int line)
{
	bool known;
	if (known_entry(im, e, line, &known) != 0)
		return -1;
	if (known)
		return 0;
	if (store_append_line(im->ctx->store, e, line) != 0)
		return -1;
	im->added++;
	return 0;
}

/*
 * Adds staged entry e of line (arg: the import) unless it is there already
 * (kept: it matched a stored entry by 6.1's equality; or its id is
 * stored). Returns -1 on a store error or a conflict (with a problem).
 */
static int add_entry(void *arg, const struct diary_entry *e, bool whole,
                     int line, bool kept)
{
	struct import *im = arg;
	struct store *st = im->ctx->store;
	bool known;
	if (kept) {
		im->kept++;
		return 0;
	}
	if (known_entry(im, e, line, &known) != 0)
		return -1;
	if (known)
		return 0;
	if (!targets_known(im, e, line))
		return -1;
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
	if (!whole && x.kind == ENTRY_SESSION) {
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

/* After a direct import: the first entry whose target is not right. */
static int direct_targets(struct import *im)
{
	int line;
	struct diary_entry e;
	if (store_fresh_bad_target(im->ctx->store, im->seq, &line, &e) != 0) {
		problem(im, 0, "%s", store_error(im->ctx->store));
		return -1;
	}
	if (line == 0)
		return 0;
	/* Says what is wrong with it, as a staged entry's check would. */
	if (targets_known(im, &e, line))
		problem(im, line, "entry %s names an entry it cannot act on",
		        e.id);
	return -1;
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

/* The version in force on day among the n versions of v (ascending by
 * date): the newest from on or before it, the first for earlier days. */
static const struct rx_snapshot *in_force(const struct rx_snapshot *const *v,
                                          size_t n, cal_day day)
{
	size_t k = 0;
	while (k + 1 < n && v[k + 1]->from <= day)
		k++;
	return n ? v[k] : NULL;
}

/* The ids of the exercises a and b prescribe differently, added once each
 * to ids (*n of them, at most max). */
static void differing(const struct rx_snapshot *a, const struct rx_snapshot *b,
                      const char **ids, size_t *n, size_t max)
{
	for (int side = 0; side < 2; side++) {
		const struct rx_snapshot *x = side ? b : a, *y = side ? a : b;
		for (size_t i = 0; x && i < x->n; i++) {
			const char *id = x->ex[i].id;
			const struct rx_exercise *o =
			    y ? rx_find(y->ex, y->n, id) : NULL;
			bool listed = o && rx_exercise_equal(o, &x->ex[i]);
			for (size_t k = 0; !listed && k < *n; k++)
				listed = strcmp(ids[k], id) == 0;
			if (!listed && *n < max)
				ids[(*n)++] = id;
		}
	}
}

static int cmp_day(const void *a, const void *b)
{
	cal_day x = *(const cal_day *)a, y = *(const cal_day *)b;
	return x < y ? -1 : x > y;
}

/*
 * Whether storing the back-up's versions of the prescription (those of
 * dates this file has none of) would judge a day from the program's start
 * to today by a different version than now (SPEC section 6.2); if so, a
 * problem naming the days and the exercises, and the way out.
 */
static bool rejudges(struct import *im)
{
	struct hep_ctx *ctx = im->ctx;
	cal_day start = ctx->hist.start, today = ctx->today;
	if (im->fresh || start == CAL_NONE || start > today)
		return false;
	size_t n_old = ctx->n_snaps, n_new = 0;
	const struct rx_snapshot **old = xcalloc(n_old + 1, sizeof *old);
	const struct rx_snapshot **merged =
	    xcalloc(n_old + im->n_snaps + 1, sizeof *merged);
	cal_day *cut = xcalloc(n_old + im->n_snaps + 2, sizeof *cut);
	size_t n_cut = 0;
	cut[n_cut++] = start;
	for (size_t i = 0; i < n_old; i++)
		old[i] = merged[n_new++] = &ctx->snaps[i];
	for (size_t i = 0; i < im->n_snaps; i++) {
		bool present = false;
		for (size_t k = 0; k < n_old; k++)
			present =
			    present || ctx->snaps[k].from == im->snaps[i].from;
		if (present)
			continue;
		size_t at = n_new++;
		while (at > 0 && merged[at - 1]->from > im->snaps[i].from) {
			merged[at] = merged[at - 1];
			at--;
		}
		merged[at] = &im->snaps[i];
	}
	for (size_t i = 0; i < n_new; i++)
		if (merged[i]->from > start && merged[i]->from <= today)
			cut[n_cut++] = merged[i]->from;
	qsort(cut, n_cut, sizeof *cut, cmp_day);
	char days[600] = "", names[400] = "";
	const char *ids[16];
	size_t n_ids = 0;
	struct day_span {
		cal_day from, to;
	} span[5];
	int ranges = 0, more = 0;
	for (size_t i = 0; i < n_cut; i++) {
		cal_day from = cut[i];
		cal_day to = i + 1 < n_cut ? cut[i + 1] - 1 : today;
		if (to < from)
			continue;
		const struct rx_snapshot *a = in_force(old, n_old, from);
		const struct rx_snapshot *b = in_force(merged, n_new, from);
		bool same = a && b && a->n == b->n;
		for (size_t k = 0; same && k < a->n; k++)
			same = rx_exercise_equal(&a->ex[k], &b->ex[k]);
		if (same)
			continue;
		differing(a, b, ids, &n_ids, sizeof ids / sizeof *ids);
		if (ranges > 0 && span[ranges - 1].to + 1 == from &&
		    ranges <= (int)(sizeof span / sizeof *span)) {
			span[ranges - 1].to = to; /* one run of days */
			continue;
		}
		if (ranges < (int)(sizeof span / sizeof *span))
			span[ranges] = (struct day_span){from, to};
		else
			more += (int)(to - from) + 1;
		ranges++;
	}
	for (int k = 0; k < ranges && k < (int)(sizeof span / sizeof *span);
	     k++) {
		char d1[CAL_DATE_LEN], d2[CAL_DATE_LEN];
		if (span[k].from == span[k].to)
			strpart(days, sizeof days, ", ", "%s",
			        cal_format(span[k].from, d1));
		else
			strpart(days, sizeof days, ", ", "%s to %s",
			        cal_format(span[k].from, d1),
			        cal_format(span[k].to, d2));
	}
	for (size_t k = 0; k < n_ids; k++)
		strpart(names, sizeof names, ", ", "%s", ids[k]);
	free(old);
	free(merged);
	free(cut);
	if (ranges == 0)
		return false;
	problem(im, 0,
	        "its prescription would change how days already recorded are "
	        "judged: %s%s (%s); nothing was imported. 'hep import "
	        "--entries-only %s' imports the entries and keeps this file's "
	        "prescription",
	        days, more ? ", and more" : "", names, im->path);
	return true;
}

/* Stores the back-up's versions of the prescription of dates this file
 * has none of, each exercise keeping its kind; in the caller's
 * transaction. */
static int write_snapshots(struct import *im, size_t *snaps_added)
{
	struct store *st = im->ctx->store;
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
	return 0;
}

/* Adds every staged row not already stored, then (unless entries_only)
 * the versions; in the caller's transaction. Returns -1 on a store error
 * or a conflict (with a problem). */
static int write_rows(struct import *im, size_t *added, size_t *kept,
                      size_t *snaps_added)
{
	struct store *st = im->ctx->store;
	*snaps_added = 0;
	int rc = im->direct ? direct_targets(im) : 0;
	if (rc == 0 && !im->direct)
		rc = store_stage_identify(st);
	if (rc == 0)
		rc = store_each_staged(st, add_entry, im);
	/* What stands, for every day and exercise the import added to. */
	if (rc == 0)
		rc = store_sync_after(st, im->seq);
	*added = im->added;
	*kept = im->kept;
	if (rc != 0)
		return -1;
	if (im->entries_only)
		return 0;
	/* Which dates already have a snapshot: all of them, however old. */
	char err[8];
	if (ctx_all_snapshots(im->ctx, err, sizeof err) != 0)
		return -1;
	if (rejudges(im) || write_snapshots(im, snaps_added) != 0)
		return -1;
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
	else {
		im->csv = true;
		read_csv(im, buf, len);
	}
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

int backup_import(struct hep_ctx *ctx, const char *path, bool entries_only,
                  struct rx_errors *errs, char *msg, size_t msglen, bool *csv)
{
	struct import im;
	memset(&im, 0, sizeof im);
	im.path = path;
	im.ctx = ctx;
	im.errs = errs;
	im.stage = true;
	im.identities = -1;
	im.entries_only = entries_only;
	*csv = false;
	size_t len = 0;
	int rc = -1;
	struct store *st = ctx->store;
	if (ctx->clock_behind[0]) {
		problem(&im, 0, "nothing was imported: %s", ctx->clock_behind);
		goto out;
	}
	if (!map_file(&im, path, &len))
		goto out;
	/* One transaction: every row is checked and staged (or, into a file
	 * with nothing recorded, appended at once), then merged; any problem
	 * and nothing at all was written. */
	im.lo = im.hi = im.row_day = CAL_NONE;
	if (store_check(st) != 0 || store_begin(st) != 0 ||
	    store_last_seq(st, &im.seq) != 0 || store_bulk_begin(st) != 0 ||
	    store_stage_begin(st, &im.fresh) != 0) {
		problem(&im, 0, "%s", store_error(st));
		store_rollback(st);
		goto out;
	}
	read_rows(&im, im.buf, len);
	if (errs->n > 0) {
		store_rollback(st);
		goto out;
	}
	*csv = im.csv;
	size_t added, kept, snaps;
	if (write_rows(&im, &added, &kept, &snaps) != 0 ||
	    (!entries_only && write_plans(&im) != 0) ||
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
	       added, added == 1 ? "" : "s", TEXT_QUOTE(im.path, 256), kept,
	       snaps ? "; prescriptions restored" : "");
	rc = 0;
out:
	import_release(&im);
	return rc;
}
