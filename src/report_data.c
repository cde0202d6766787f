/*
 * The report as data: JSON (one object, every number of the report) and
 * CSV (one row per exercise and week, then the outcomes' tables; cells
 * that could run as spreadsheet formulas neutralised). These are not
 * documents: an object's keys and a spreadsheet's rows are no headings,
 * tables and lists, so each has its own walk; the JSON's header alone
 * goes through the documents' walk (rpt_walk_head).
 */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

#include "hep/csv.h"
#include "hep/json.h"
#include "hep/util.h"

/* ---- outcomes (SPEC section 8.1), as JSON and CSV print them ----------- */

/* Every pain above the limit, as a JSON array (a report's and the
 * outcomes' "pain_events"), then, after the key "pain_episodes", the same
 * grouped as the report tells them: one entry for the events recorded
 * together, naming its exercises. */
static void json_pain_events(FILE *f, const struct report *r)
{
	char d[CAL_DATE_LEN];
	fputc('[', f);
	for (size_t i = 0; i < r->n_events; i++) {
		const struct report_event *e = &r->events[i];
		fprintf(f,
		        "%s\n  {\"day\": \"%s\", \"exercise\": ", i ? "," : "",
		        cal_format(e->day, d));
		json_string(f, e->exercise);
		fprintf(f, ", \"pain\": %d, \"when\": \"%s\", \"limit\": %d}",
		        e->pain, e->when, e->limit);
	}
	fputs("],\n \"pain_episodes\": [", f);
	for (size_t i = 0, n = 0; i < r->n_events; i++) {
		const struct report_event *e = &r->events[i];
		if (e->episode != i)
			continue;
		fprintf(f, "%s\n  {\"day\": \"%s\", \"exercises\": [",
		        n++ ? "," : "", cal_format(e->day, d));
		for (size_t j = i, k = 0; j < r->n_events; j++)
			if (r->events[j].episode == i) {
				fputs(k++ ? ", " : "", f);
				json_string(f, r->events[j].exercise);
			}
		fprintf(f, "], \"pain\": %d, \"when\": \"%s\", \"limit\": %d}",
		        e->pain, e->when, e->limit);
	}
	fputc(']', f);
}

/*
 * The numbers of a measure or of the PSFS as the JSON and the CSV report
 * print them, worked out here alone: each a text, or NULL for none (null
 * in JSON, an empty cell in CSV).
 */
struct outcome_numbers {
	const char *first_day, *first, *latest_day, *latest, *change, *goal;
	const char *goal_met, *meaningful; /* "true", "false" or NULL */
	char buf[6][24];
};

/* A measure's: values in tenths printed shortest ("120", "92.5"). */
static void measure_numbers(const struct outcome_measure *x,
                            struct outcome_numbers *n)
{
	const struct rx_measure *m = x->m;
	memset(n, 0, sizeof *n);
	if (x->n_days) {
		const struct outcome_point *fp = outcome_first(x);
		const struct outcome_point *lp = outcome_latest(x);
		n->first_day = cal_format(fp->day, n->buf[0]);
		n->first = rx_tenths_text((int32_t)fp->value, n->buf[1],
		                          sizeof n->buf[1]);
		n->latest_day = cal_format(lp->day, n->buf[2]);
		n->latest = rx_tenths_text((int32_t)lp->value, n->buf[3],
		                           sizeof n->buf[3]);
		n->change = rx_tenths_text((int32_t)(lp->value - fp->value),
		                           n->buf[4], sizeof n->buf[4]);
	}
	if (m->goal != RX_NO_VALUE) {
		n->goal = rx_tenths_text(m->goal, n->buf[5], sizeof n->buf[5]);
		if (x->n_days)
			n->goal_met = x->goal_met ? "true" : "false";
	}
}

/* The PSFS's (the prescription lists activities): scores with one
 * decimal, the change of the scores as printed. */
static void psfs_numbers(const struct outcome_psfs *p,
                         struct outcome_numbers *n)
{
	memset(n, 0, sizeof *n);
	if (p->n) {
		const struct outcome_checkin *first = &p->checkins[p->first];
		const struct outcome_checkin *latest = &p->checkins[p->n - 1];
		n->first_day = cal_format(first->day, n->buf[0]);
		outcome_mean_text(psfs_score(&first->c), false, n->buf[1],
		                  sizeof n->buf[1]);
		n->first = n->buf[1];
		n->latest_day = cal_format(latest->day, n->buf[2]);
		outcome_mean_text(psfs_score(&latest->c), false, n->buf[3],
		                  sizeof n->buf[3]);
		n->latest = n->buf[3];
		strfmt(n->buf[4], sizeof n->buf[4], "%.1f", p->change / 10.0);
		n->change = n->buf[4];
	}
	n->meaningful = p->meaningful ? "true" : "false";
}

/* A weekly mean of pain, as JSON and CSV print it. */
static char *pain_mean(double v, char *buf, size_t size)
{
	return outcome_mean_text(v, false, buf, size);
}

/* A number of outcome_numbers in JSON. */
static void json_number(FILE *f, const char *key, const char *v)
{
	fprintf(f, ", \"%s\": %s", key, v ? v : "null");
}

/* A first or latest value in JSON: {"day", key} or null. */
static void json_point(FILE *f, const char *name, const char *day,
                       const char *key, const char *v)
{
	if (day)
		fprintf(f, ", \"%s\": {\"day\": \"%s\", \"%s\": %s}", name, day,
		        key, v);
	else
		fprintf(f, ", \"%s\": null", name);
}

/* The outcomes as JSON (SPEC section 8.1): the object of `hep outcomes
 * --json` and of a JSON report's "outcomes". */
void rpt_json_outcomes(FILE *f, const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	char d[CAL_DATE_LEN], v[24];
	struct outcome_numbers n;
	fputs("{\"measures\": [", f);
	for (size_t i = 0; i < o->n_measures; i++) {
		const struct rx_measure *m = o->measures[i].m;
		measure_numbers(&o->measures[i], &n);
		fprintf(f, "%s\n  {\"id\": ", i ? "," : "");
		json_string(f, m->id);
		fputs(", \"name\": ", f);
		json_string(f, m->name);
		fputs(", \"unit\": ", f);
		json_string(f, m->unit);
		json_point(f, "first", n.first_day, "value", n.first);
		json_point(f, "latest", n.latest_day, "value", n.latest);
		json_number(f, "change", n.change);
		json_number(f, "goal", n.goal);
		json_number(f, "goal_met", n.goal_met);
		fputc('}', f);
	}
	fputs("],\n \"psfs\": ", f);
	const struct outcome_psfs *p = &o->psfs;
	if (!o->has_psfs) {
		fputs("null", f);
	} else {
		const struct rx_program *prog = &r->ctx->rx->program;
		const struct psfs_checkin *names =
		    p->n ? &p->checkins[p->n - 1].c : NULL;
		fputs("{\"activities\": [", f);
		size_t na = names ? names->n : prog->n_psfs;
		for (size_t i = 0; i < na; i++) {
			fputs(i ? ", " : "", f);
			json_string(f,
			            names ? names->activity[i] : prog->psfs[i]);
		}
		fputs("]", f);
		psfs_numbers(p, &n);
		json_point(f, "first", n.first_day, "score", n.first);
		json_point(f, "latest", n.latest_day, "score", n.latest);
		json_number(f, "change", n.change);
		json_number(f, "meaningful", n.meaningful);
		fputc('}', f);
	}
	fputs(",\n \"pain\": {\"weeks\": [", f);
	bool any = false;
	for (size_t w = 0; w < o->n_weeks; w++) {
		const struct outcome_week *x = &o->weeks[w];
		if (x->sessions == 0)
			continue;
		fprintf(f, "%s\n  {\"start\": \"%s\"", any ? "," : "",
		        cal_format(x->start, d));
		any = true;
		const double mean[3] = {x->before, x->after, x->change};
		const int c[3] = {x->n_before, x->n_after, x->n_both};
		static const char *const key[3] = {"before", "after", "change"};
		for (int k = 0; k < 3; k++)
			json_number(f, key[k],
			            c[k] ? pain_mean(mean[k], v, sizeof v)
			                 : NULL);
		/* The sessions each mean is over: with a pain before, after,
		 * and both (the change's). */
		fprintf(f,
		        ", \"sessions\": %d, \"with_before\": %d, "
		        "\"with_after\": %d, \"with_both\": %d}",
		        x->sessions, x->n_before, x->n_after, x->n_both);
	}
	fputs("], \"first_week\": ", f);
	if (o->first_week >= 0)
		fprintf(f, "\"%s\"",
		        cal_format(o->weeks[o->first_week].start, d));
	else
		fputs("null", f);
	fputs(", \"latest_week\": ", f);
	if (o->latest_week >= 0)
		fprintf(f, "\"%s\"",
		        cal_format(o->weeks[o->latest_week].start, d));
	else
		fputs("null", f);
	fprintf(f, ", \"meaningful\": %s},\n \"pain_events\": ",
	        o->pain_meaningful ? "true" : "false");
	json_pain_events(f, r);
	fputc('}', f);
}

/* ---- CSV
 * ---------------------------------------------------------------------- */

/* The outcomes week by week, after a blank line, as a table of their own:
 * each measure's latest value of the week, the PSFS score, and the mean
 * pain before and after sessions. Nothing when there is none. */
static void csv_outcomes(FILE *f, const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	bool head = false;
	for (size_t w = 0; w < r->n_weeks; w++) {
		char d[CAL_DATE_LEN], n[24];
		cal_day from = r->weeks[w], to = from + 6;
		cal_format(from, d);
#define ROW(what, ...)                                                         \
	do {                                                                   \
		if (!head)                                                     \
			fputs("\nweek,outcome,value\n", f);                    \
		head = true;                                                   \
		fprintf(f, "%s,", d);                                          \
		csv_cell(f, what);                                             \
		fprintf(f, "," __VA_ARGS__);                                   \
		fputc('\n', f);                                                \
	} while (0)
		for (size_t i = 0; i < o->n_measures; i++) {
			const struct outcome_measure *x = &o->measures[i];
			const struct outcome_point *v = NULL;
			for (size_t k = 0; k < x->n_days; k++)
				if (x->days[k].day >= from &&
				    x->days[k].day <= to)
					v = &x->days[k];
			if (v)
				ROW(x->m->id, "%s",
				    rx_tenths_text((int32_t)v->value, n,
				                   sizeof n));
		}
		size_t c = o->psfs.n;
		for (size_t k = 0; k < o->psfs.n; k++)
			if (o->psfs.checkins[k].day >= from &&
			    o->psfs.checkins[k].day <= to)
				c = k;
		/* A check-in of an earlier list of activities is not the
		 * same scale as the latest's: named apart. */
		if (c < o->psfs.n)
			ROW(outcome_psfs_comparable(&o->psfs, c)
			        ? "psfs"
			        : "psfs_earlier_activities",
			    "%s",
			    outcome_mean_text(
			        psfs_score(&o->psfs.checkins[c].c), false, n,
			        sizeof n));
		const struct outcome_week *x = NULL;
		for (size_t k = 0; k < o->n_weeks; k++)
			if (o->weeks[k].start == from)
				x = &o->weeks[k];
		if (x && x->n_before)
			ROW("pain_before", "%s",
			    outcome_mean_text(x->before, false, n, sizeof n));
		if (x && x->n_after)
			ROW("pain_after", "%s",
			    outcome_mean_text(x->after, false, n, sizeof n));
#undef ROW
	}
}

/* Numbers of outcome_numbers as CSV cells, each after a comma: as JSON
 * prints them (a number, true or false), empty for none. Numbers are
 * written as they are: "-2.5" is a number, not a formula. */
static void csv_numbers(FILE *f, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, ",%s", v[i] ? v[i] : "");
}

/* A row of the outcome summary: its id, name, unit and numbers. */
static void csv_summary_row(FILE *f, const char *id, const char *name,
                            const char *unit, const struct outcome_numbers *n)
{
	csv_cell(f, id);
	fputc(',', f);
	csv_cell(f, name);
	fputc(',', f);
	csv_cell(f, unit);
	const char *const v[8] = {n->first_day, n->first,     n->latest_day,
	                          n->latest,    n->change,    n->goal,
	                          n->goal_met,  n->meaningful};
	csv_numbers(f, v, 8);
	fputc('\n', f);
}

/* Each measure, then the PSFS: first, latest, change, goal, whether the
 * goal is met (a measure) or the change meaningful (the PSFS), as the
 * JSON's "measures" and "psfs" say. Nothing without either. */
static void csv_outcome_summary(FILE *f, const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	struct outcome_numbers n;
	if (!o->n_measures && !o->has_psfs)
		return;
	fputs("\noutcome,name,unit,first_day,first,latest_day,latest,change,"
	      "goal,goal_met,meaningful\n",
	      f);
	for (size_t i = 0; i < o->n_measures; i++) {
		const struct rx_measure *m = o->measures[i].m;
		measure_numbers(&o->measures[i], &n);
		csv_summary_row(f, m->id, m->name, m->unit, &n);
	}
	if (o->has_psfs) {
		psfs_numbers(&o->psfs, &n);
		csv_summary_row(f, "psfs", "PSFS", "", &n);
	}
}

/* Pain after sessions: the first and the latest week with a value, their
 * means, and whether the fall is meaningful (the JSON's "pain"); with
 * every Outcomes part, empty cells when no pain was recorded after one. */
static void csv_pain_summary(FILE *f, const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	char d1[CAL_DATE_LEN], d2[CAL_DATE_LEN], m1[24], m2[24];
	if (!rpt_has_outcomes(o))
		return;
	const struct outcome_week *fw =
	    o->first_week >= 0 ? &o->weeks[o->first_week] : NULL;
	const struct outcome_week *lw =
	    o->latest_week >= 0 ? &o->weeks[o->latest_week] : NULL;
	const char *const v[5] = {
	    fw ? cal_format(fw->start, d1) : NULL,
	    fw ? pain_mean(fw->after, m1, sizeof m1) : NULL,
	    lw ? cal_format(lw->start, d2) : NULL,
	    lw ? pain_mean(lw->after, m2, sizeof m2) : NULL,
	    o->pain_meaningful ? "true" : "false"};
	fputs("\npain,first_week,first_mean,latest_week,latest_mean,"
	      "meaningful\nafter",
	      f);
	csv_numbers(f, v, 5);
	fputc('\n', f);
}

/* Every pain above the limit (the JSON's "pain_events"). */
static void csv_pain_events(FILE *f, const struct report *r)
{
	char d[CAL_DATE_LEN];
	if (!r->n_events)
		return;
	fputs("\nday,exercise,name,pain,when,limit\n", f);
	for (size_t i = 0; i < r->n_events; i++) {
		const struct report_event *e = &r->events[i];
		fprintf(f, "%s,", cal_format(e->day, d));
		csv_cell(f, e->exercise);
		fputc(',', f);
		csv_cell(f, rpt_exercise_name(r, e->exercise));
		fprintf(f, ",%d,", e->pain);
		csv_cell(f, e->when);
		fprintf(f, ",%d\n", e->limit);
	}
}

/*
 * The adherence table, then the tables of the outcomes, each after a
 * blank line under its own header: week by week (as it always was, for
 * the readers of old), then the summary of each measure and the PSFS, of
 * pain after sessions, and every pain above the limit.
 */
void rpt_write_csv(FILE *f, const struct report *r)
{
	fputs("week,exercise,name,due,done,adherence\n", f);
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		for (size_t w = 0; w < r->n_weeks; w++) {
			char d[CAL_DATE_LEN], a[16] = "";
			double ratio;
			if (progress_ratio(x->week_due[w], x->week_done[w],
			                   &ratio))
				strfmt(a, sizeof a, "%.3f", ratio);
			fprintf(f, "%s,", cal_format(r->weeks[w], d));
			csv_cell(f, x->ex->id);
			fputc(',', f);
			csv_cell(f, x->ex->name);
			fprintf(f, ",%d,%d,%s\n", x->week_due[w],
			        x->week_done[w], a);
		}
	}
	csv_outcomes(f, r);
	csv_outcome_summary(f, r);
	csv_pain_summary(f, r);
	csv_pain_events(f, r);
}

/* ---- JSON
 * --------------------------------------------------------------------- */

static void json_ratio(FILE *f, int done, int due)
{
	double r;
	if (progress_ratio(due, done, &r))
		fprintf(f, "%.3f", r);
	else
		fputs("null", f);
}

static void json_skips(FILE *f, const int *skips)
{
	fputc('{', f);
	for (int k = 1; k <= SKIP_OTHER; k++)
		fprintf(f, "%s\"%s\": %d", k > 1 ? ", " : "",
		        skip_reason_name((enum skip_reason)k), skips[k]);
	fputc('}', f);
}

static void json_pain(FILE *f, const struct report_pain *p)
{
	if (!p->n) {
		fputs("{\"sessions\": 0, \"average\": null, \"trend\": null}",
		      f);
		return;
	}
	fprintf(f, "{\"sessions\": %d, \"average\": %.2f, \"trend\": ", p->n,
	        p->avg);
	json_string(f, rpt_trend_known(p) ? rpt_trend(p) : NULL);
	fputc('}', f);
}

/* The header through the documents' walk: the title and people, each
 * key's string or null, then the span's days. */
static void json_begin(struct rpt_doc *d, const char *title)
{
	fputs("{\"title\": ", d->f);
	json_string(d->f, title);
}

static void json_field(struct rpt_doc *d, const char *label, const char *key,
                       const char *value)
{
	(void)label;
	fprintf(d->f, ", \"%s\": ", key);
	json_string(d->f, value);
}

static void json_span(struct rpt_doc *d)
{
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN], c[CAL_DATE_LEN];
	/* adherence_to: the span's last day adherence counts (yesterday
	 * while today is open). */
	fprintf(
	    d->f,
	    ",\n \"from\": \"%s\", \"to\": \"%s\", \"since_visit\": %s, "
	    "\"adherence_to\": \"%s\",\n",
	    cal_format(d->r->from, a), cal_format(d->r->to, b),
	    d->r->since_visit ? "true" : "false",
	    cal_format(d->r->today_open ? d->r->ctx->today - 1 : d->r->to, c));
}

const struct report_writer rpt_json_head_writer = {
    .begin = json_begin, .field = json_field, .span = json_span};

/* An exercise's efforts (SPEC 2.2), "effort": {"sessions", "mean",
 * "with_target", "above_target", "below_target", "weeks": [{"start",
 * "sessions", "mean"}]}, or null when none was recorded. */
static void json_effort(FILE *f, const struct report *r,
                        const struct report_effort *x)
{
	char a[CAL_DATE_LEN], v[16];
	if (x->n == 0) {
		fputs("null", f);
		return;
	}
	fprintf(f,
	        "{\"sessions\": %d, \"mean\": %s, \"with_target\": %d, "
	        "\"above_target\": %d, \"below_target\": %d, \"weeks\": [",
	        x->n, pain_mean(x->sum / x->n, v, sizeof v), x->targeted,
	        x->above, x->below);
	for (size_t w = 0, k = 0; w < r->n_weeks; w++) {
		if (!x->week_n[w])
			continue;
		fprintf(
		    f, "%s{\"start\": \"%s\", \"sessions\": %d, \"mean\": %s}",
		    k++ ? ", " : "", cal_format(r->weeks[w], a), x->week_n[w],
		    pain_mean(x->week_sum[w] / x->week_n[w], v, sizeof v));
	}
	fputs("]}", f);
}

/* An exercise's earned steps (SPEC 2.2): "steps": [{"step", "since"
 * (null: from the start), "why"}], the one in force on the span's first
 * day then each change; "ready": {"step", "back", "since", "why"} on its
 * last day, or null. Nothing for an exercise without earned steps. */
static void json_steps(FILE *f, const struct report_exercise *x)
{
	char a[CAL_DATE_LEN], why[200];
	if (!x->n_steps)
		return;
	fputs(", \"steps\": [", f);
	for (size_t i = 0; i < x->n_steps; i++) {
		const struct report_step *s = &x->steps[i];
		fprintf(f, "%s{\"step\": %d, \"since\": ", i ? ", " : "",
		        s->step);
		if (s->since == CAL_NONE)
			fputs("null", f);
		else
			json_string(f, cal_format(s->since, a));
		fputs(", \"why\": ", f);
		json_string(f, report_step_why(x->ex, s, why, sizeof why));
		fputc('}', f);
	}
	fputs("], \"ready\": ", f);
	if (x->ready.step < 0) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"step\": %d, \"back\": %s, \"since\": \"%s\", \"why\": ",
	        x->ready.step, x->ready.back ? "true" : "false",
	        cal_format(x->ready.since, a));
	json_string(f, x->ready.why);
	fputc('}', f);
}

/* An exercise's object in "exercises". */
static void json_exercise(FILE *f, const struct report *r,
                          const struct report_exercise *x)
{
	char a[CAL_DATE_LEN], dose[128];
	fputs("{\"id\": ", f);
	json_string(f, x->ex->id);
	fputs(", \"name\": ", f);
	json_string(f, x->ex->name);
	fputs(", \"dose\": ", f);
	json_string(f, rx_dose(x->ex, false, dose, sizeof dose));
	fputs(", \"per_day\": ", f);
	json_range(f, x->ex->per_day, x->ex->per_day_max);
	fputs(", \"per_week\": ", f);
	json_range(f, x->ex->per_week, x->ex->per_week_max);
	fprintf(f,
	        ", \"prescribed_now\": %s, \"due\": %d, \"done\": %d, "
	        "\"due_on_time\": %d, \"done_on_time\": %d, "
	        "\"adherence\": ",
	        x->current ? "true" : "false", x->due, x->done, x->due_ontime,
	        x->ontime);
	json_ratio(f, x->done, x->due);
	fputs(", \"adherence_on_time\": ", f);
	json_ratio(f, x->ontime, x->due_ontime);
	fprintf(f,
	        ", \"streak\": {\"current\": %d, \"longest\": %d, "
	        "\"unit\": \"%s\"}, \"skips\": ",
	        x->streak.current, x->streak.longest,
	        x->weeks ? "weeks" : "days");
	json_skips(f, x->skips);
	fprintf(f, ", \"skips_late\": %d, \"pain\": ", x->skips_late);
	json_pain(f, &x->pain);
	fputs(", \"effort\": ", f);
	json_effort(f, r, &x->effort);
	fprintf(f, ", \"as_needed\": %s, \"sessions\": ",
	        x->ex->as_needed ? "true" : "false");
	json_int(f, x->sessions, x->ex->as_needed);
	fputs(", \"extra\": ", f);
	json_int(f, x->extra, rx_per_day_welcome(x->ex));
	fputs(", \"doses\": [", f);
	for (size_t i = 0; i < x->n_doses; i++) {
		char words[192];
		fprintf(f, "%s{\"from\": \"%s\", \"dose\": ", i ? ", " : "",
		        cal_format(x->doses[i].from, a));
		json_string(
		    f, report_dose_text(x->doses[i].v, words, sizeof words));
		fputc('}', f);
	}
	fputc(']', f);
	json_steps(f, x);
	fputs(", \"weeks\": [", f);
	for (size_t w = 0; w < r->n_weeks; w++)
		fprintf(f, "%s{\"start\": \"%s\", \"due\": %d, \"done\": %d}",
		        w ? ", " : "", cal_format(r->weeks[w], a),
		        x->week_due[w], x->week_done[w]);
	fputs("]}", f);
}

/* "weeks" and "pain_by_day". */
static void json_weeks(FILE *f, const struct report *r)
{
	char a[CAL_DATE_LEN];
	fputs("],\n \"weeks\": [", f);
	for (size_t w = 0; w < r->n_weeks; w++) {
		fprintf(f,
		        "%s\n  {\"start\": \"%s\", \"days\": %d, \"due\": %d, "
		        "\"done\": %d, \"due_on_time\": %d, "
		        "\"done_on_time\": %d, \"adherence\": ",
		        w ? "," : "", cal_format(r->weeks[w], a),
		        rpt_week_days(r, w, NULL), r->week_due[w],
		        r->week_done[w], r->week_due_ontime[w],
		        r->week_ontime[w]);
		json_ratio(f, r->week_done[w], r->week_due[w]);
		fputc('}', f);
	}
	fputs("],\n \"pain_by_day\": [", f);
	for (size_t i = 0; i < r->n_days; i++)
		fprintf(f, "%s{\"day\": \"%s\", \"average\": %.2f}",
		        i ? ", " : "", cal_format(r->days[i].day, a),
		        r->days[i].avg);
}

/* "notes": each with every exercise it went with. */
static void json_notes(FILE *f, const struct report *r)
{
	char a[CAL_DATE_LEN];
	fputs("],\n \"notes\": [", f);
	for (size_t i = 0; i < r->n_notes; i++) {
		const struct report_note *n = &r->notes[i];
		fprintf(f,
		        "%s\n  {\"day\": \"%s\", \"exercise\": ", i ? "," : "",
		        cal_format(n->day, a));
		json_string(f, n->exercise);
		fputs(", \"exercises\": [", f);
		json_string(f, n->exercise);
		for (size_t k = 0; k < n->n_more; k++) {
			fputs(", ", f);
			json_string(f, n->more[k]);
		}
		fputs("], \"skip\": ", f);
		json_string(f, skip_reason_name(n->skip));
		fputs(", \"pain\": ", f);
		json_int(f, n->pain, n->pain >= 0);
		fputs(", \"text\": ", f);
		json_string(f, n->text);
		fputc('}', f);
	}
}

void rpt_write_json(FILE *f, const struct report *r)
{
	struct rpt_doc d = {f, &rpt_json_head_writer, r, 0};
	rpt_walk_head(&d);
	fprintf(f,
	        " \"due\": %d, \"done\": %d, \"due_on_time\": %d, "
	        "\"done_on_time\": %d, \"adherence\": ",
	        r->due, r->done, r->due_ontime, r->ontime);
	json_ratio(f, r->done, r->due);
	fputs(", \"adherence_on_time\": ", f);
	json_ratio(f, r->ontime, r->due_ontime);
	fprintf(
	    f,
	    ",\n \"streak\": {\"current\": %d, \"longest\": %d},\n \"skips\": ",
	    r->streak.current, r->streak.longest);
	json_skips(f, r->skips);
	fputs(", \"skip_days\": ", f);
	json_skips(f, r->skip_days);
	fprintf(f, ", \"skips_late\": %d, \"pain\": ", r->skips_late);
	json_pain(f, &r->pain);
	fputs(",\n \"exercises\": [", f);
	for (size_t k = 0; k < r->n_ex; k++) {
		fputs(k ? ",\n  " : "\n  ", f);
		json_exercise(f, r, &r->ex[k]);
	}
	json_weeks(f, r);
	json_notes(f, r);
	fputs("],\n \"pain_events\": ", f);
	json_pain_events(f, r);
	fputs(",\n \"outcomes\": ", f);
	rpt_json_outcomes(f, r);
	fputs("}\n", f);
}
