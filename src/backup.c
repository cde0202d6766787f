/* The back-up: the record written out (SPEC sections 4 and 6.2); reading
 * one in is backup_read.c's, merging it backup_merge.c's. */
#include "hep/backup.h"

#include <stdlib.h>
#include <string.h>

#include "hep/csv.h"
#include "hep/json.h"
#include "hep/outcomes.h"
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
	/* An effort (SPEC 2.2) only where there is one, or a correction
	 * sets it: a back-up without efforts reads as before. */
	if (e->effort >= 0 ||
	    (e->kind == ENTRY_CORRECTION && (e->fixes & FIX_EFFORT))) {
		fputs(", \"effort\": ", f);
		json_int(f, e->effort, e->effort >= 0);
	}
	fputs(", \"note\": ", f);
	json_string(f, e->note);
	fputs(", \"reason\": ", f);
	json_string(f, skip_reason_name(e->reason));
	fputs(", \"value\": ", f);
	write_value(f, e);
	if (e->slot[0]) { /* a timed session's slot (SPEC 2.2): only then */
		fputs(", \"slot\": ", f);
		json_string(f, e->slot);
	}
	if (e->kind == ENTRY_ADVANCE) { /* SPEC 2.2: only on an advance */
		char eff[CAL_DATE_LEN];
		fprintf(f,
		        ", \"step\": %d, \"back\": %s, \"effective\": \"%s\"",
		        e->step, e->back ? "true" : "false",
		        cal_format(e->effective, eff));
	}
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
	if (e->fixes & FIX_EFFORT) {
		fprintf(f, "%s\"effort\": ", sep);
		json_int(f, e->old_effort, e->old_effort >= 0);
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
	for (size_t i = 0; i < RX_FIELDS; i++) {
		fprintf(f, ", \"%s\": ", rx_fields[i].name);
		rx_field_json(f, e, &rx_fields[i]);
	}
}

/* A number, or null when it is below lo (absent). */
static void export_opt_int(FILE *f, int v, int lo)
{
	if (v < lo)
		fputs("null", f);
	else
		fprintf(f, "%d", v);
}

/* An exercise's keys for its earned steps (SPEC 2.2), only when it has
 * them: a back-up of a prescription without them stays as it was. */
static void export_earned(FILE *f, const struct rx_exercise *e)
{
	if (!rx_earned(e))
		return;
	fputs(", \"advance\": ", f);
	json_string(f, rx_advance_name(e->advance));
	if (e->back_off_sessions)
		fprintf(f,
		        ", \"back_off\": {\"pain_above\": %d, \"sessions\": "
		        "%d}",
		        e->back_off_pain, e->back_off_sessions);
	else
		fputs(", \"back_off\": null", f);
	fputs(", \"step\": ", f);
	export_opt_int(f, e->step_set, 0);
}

/* An earned step's "when" (its from is null). */
static void export_when(FILE *f, const struct rx_when *w)
{
	char d[CAL_DATE_LEN];
	fprintf(f, ", \"when\": {\"sessions\": %d, \"pain_at_most\": ",
	        w->sessions);
	export_opt_int(f, w->pain_at_most, 0);
	fputs(", \"effort_at_most\": ", f);
	export_opt_int(f, w->effort_at_most, 0);
	fputs(", \"not_before\": ", f);
	if (w->not_before == CAL_NONE)
		fputs("null", f);
	else
		fprintf(f, "\"%s\"", cal_format(w->not_before, d));
	fputs(", \"not_before_label\": ", f);
	json_string(f, w->not_before_label);
	fputc('}', f);
}

/* An exercise: its id, its fields, and its steps (each a whole version
 * with its first day and the day as written, or what earns it), or
 * "steps": null. */
static void export_exercise(FILE *f, const struct rx_exercise *e)
{
	char d[CAL_DATE_LEN];
	fputs("{\"id\": ", f);
	json_string(f, e->id);
	export_fields(f, e);
	export_earned(f, e);
	fputs(", \"steps\": ", f);
	if (e->n_steps == 0)
		fputs("null", f);
	for (size_t k = 0; k < e->n_steps; k++) {
		const struct rx_exercise *v = &e->steps[k];
		fputs(k ? ", {\"step_from\": " : "[{\"step_from\": ", f);
		if (v->when.sessions)
			fputs("null", f);
		else
			fprintf(f, "\"%s\"", cal_format(v->step_from, d));
		fputs(", \"step_label\": ", f);
		json_string(f, v->step_label);
		if (v->when.sessions)
			export_when(f, &v->when);
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
				fprintf(f, ", \"%s\": ", rx_measure_keys[key]);
				rx_measure_key_json(f, m,
				                    (enum rx_measure_key)key);
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
			fprintf(f, "%s\n  {\"from\": \"%s\", ", i ? "," : "",
			        cal_format(ctx->snaps[i].from, d));
			/* The program's end, only when the version has one
			 * (SPEC 2.2): a back-up without it reads as none. */
			if (ctx->snaps[i].end != CAL_NONE)
				fprintf(f, "\"end\": \"%s\", ",
				        cal_format(ctx->snaps[i].end, d));
			fputs("\"exercises\": [", f);
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
