/* The command line: `hep history`, the prescription's versions and the
 * measures' (SPEC sections 3 and 8.2), in words and in JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_impl.h"
#include "hep/json.h"
#include "hep/report.h"
#include "hep/util.h"

/* ---- history ------------------------------------------------------------ */

/* A change's value as JSON: a string, or null when absent. */
static void json_value(const char *v)
{
	json_string(stdout, *v ? v : NULL);
}

/* The changes of a version of an exercise or a measure, as JSON. */
static void json_changes(const struct rx_change *ch, size_t nc)
{
	fputs(", \"changes\": [", stdout);
	for (size_t c = 0; c < nc; c++) {
		printf("%s{\"field\": \"%s\", \"before\": ", c ? ", " : "",
		       ch[c].field);
		json_value(ch[c].before);
		fputs(", \"after\": ", stdout);
		json_value(ch[c].after);
		fputc('}', stdout);
	}
	fputs("]}", stdout);
}

/* The ids of the measures of a that b lacks (b NULL: none), as a list. */
static void json_measures_missing(const struct rx_outcome_plan *a,
                                  const struct rx_outcome_plan *b)
{
	fputc('[', stdout);
	for (size_t i = 0, k = 0; b && i < a->n_measures; i++) {
		if (rx_plan_find(b, a->measures[i].id))
			continue;
		fputs(k++ ? ", " : "", stdout);
		json_string(stdout, a->measures[i].id);
	}
	fputc(']', stdout);
}

/* "outcome_plans": each version of the measures and the PSFS. */
static void history_plans_json(const struct rx_outcome_plan *p, size_t n)
{
	fputs(",\n \"outcome_plans\": [", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct rx_outcome_plan *prev = i ? &p[i - 1] : NULL;
		char d[CAL_DATE_LEN];
		printf("%s\n  {\"from\": \"%s\", \"measures\": [", i ? "," : "",
		       cal_format(p[i].from, d));
		for (size_t k = 0; k < p[i].n_measures; k++) {
			fputs(k ? ", " : "", stdout);
			json_string(stdout, p[i].measures[k].id);
		}
		fputs("], \"psfs\": [", stdout);
		for (size_t k = 0; k < p[i].n_psfs; k++) {
			fputs(k ? ", " : "", stdout);
			json_string(stdout, p[i].psfs[k]);
		}
		fputs("],\n   \"added\": ", stdout);
		json_measures_missing(&p[i], prev);
		fputs(", \"removed\": ", stdout);
		if (prev)
			json_measures_missing(prev, &p[i]);
		else
			fputs("[]", stdout);
		fputs(", \"changed\": [", stdout);
		for (size_t k = 0, first = 1; prev && k < p[i].n_measures;
		     k++) {
			const struct rx_measure *m = &p[i].measures[k];
			const struct rx_measure *old =
			    rx_plan_find(prev, m->id);
			struct rx_change ch[RX_MEASURE_KEYS];
			size_t nc = old ? rx_measure_diff(old, m, ch) : 0;
			if (nc == 0)
				continue;
			fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ",
			      stdout);
			json_string(stdout, m->id);
			json_changes(ch, nc);
			first = 0;
		}
		printf("], \"psfs_changed\": %s}",
		       prev && !rx_plan_same_psfs(prev, &p[i]) ? "true"
		                                               : "false");
	}
	fputc(']', stdout);
}

static void history_json(const struct rx_snapshot *s, size_t n,
                         const struct rx_outcome_plan *p, size_t n_plans)
{
	fputs("{\"snapshots\": [", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct rx_snapshot *prev = i ? &s[i - 1] : NULL;
		char d[CAL_DATE_LEN];
		printf("%s\n  {\"from\": \"%s\", \"exercises\": [",
		       i ? "," : "", cal_format(s[i].from, d));
		for (size_t k = 0; k < s[i].n; k++) {
			fputs(k ? ", " : "", stdout);
			json_string(stdout, s[i].ex[k].id);
		}
		fputs("],\n   \"added\": [", stdout);
		int first = 1;
		for (size_t k = 0; prev && k < s[i].n; k++) {
			if (rx_find(prev->ex, prev->n, s[i].ex[k].id))
				continue;
			fputs(first ? "" : ", ", stdout);
			json_string(stdout, s[i].ex[k].id);
			first = 0;
		}
		fputs("], \"removed\": [", stdout);
		first = 1;
		for (size_t k = 0; prev && k < prev->n; k++) {
			if (rx_find(s[i].ex, s[i].n, prev->ex[k].id))
				continue;
			fputs(first ? "" : ", ", stdout);
			json_string(stdout, prev->ex[k].id);
			first = 0;
		}
		fputs("], \"changed\": [", stdout);
		first = 1;
		for (size_t k = 0; prev && k < s[i].n; k++) {
			const struct rx_exercise *old =
			    rx_find(prev->ex, prev->n, s[i].ex[k].id);
			struct rx_change ch[RX_DIFF_MAX];
			size_t nc = old ? rx_diff(old, &s[i].ex[k], ch) : 0;
			if (nc == 0)
				continue;
			fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ",
			      stdout);
			json_string(stdout, s[i].ex[k].id);
			json_changes(ch, nc);
			first = 0;
		}
		fputs("]}", stdout);
	}
	fputc(']', stdout);
	history_plans_json(p, n_plans);
	fputs("}\n", stdout);
}

/* A version that changes nothing history_text tells (an import stores a
 * back-up's snapshots as they were; the file may list the exercises in
 * another order): says what it is, never an empty "changed:". */
static void history_same(const struct rx_snapshot *prev,
                         const struct rx_snapshot *cur)
{
	bool moved = false;
	for (size_t k = 0; k < cur->n && !moved; k++)
		moved = strcmp(prev->ex[k].id, cur->ex[k].id) != 0;
	if (!moved) {
		printf("  no change to the exercises (stored again, as when "
		       "restored from a back-up)\n");
		return;
	}
	fputs("  the same exercises, in a new order: ", stdout);
	for (size_t k = 0; k < cur->n; k++)
		printf("%s%s", k ? ", " : "", cur->ex[k].name);
	fputc('\n', stdout);
}

static void history_text(const struct rx_snapshot *s, size_t n, bool ascii)
{
	printf("The prescription has had %zu version%s.\n", n,
	       n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const struct rx_snapshot *prev = i ? &s[i - 1] : NULL;
		char d[CAL_DATE_LEN];
		printf("\n%s  %s\n", cal_format(s[i].from, d),
		       prev ? "changed:"
		            : "the first prescription (it also rules every "
		              "earlier day):");
		bool told = false; /* a change of this version is told */
		for (size_t k = 0; k < s[i].n; k++) {
			const struct rx_exercise *e = &s[i].ex[k];
			const struct rx_exercise *old =
			    prev ? rx_find(prev->ex, prev->n, e->id) : NULL;
			char dose[192], often[64];
			/* An exercise listed first or added says how often:
			 * "2 × 10, 3/day" (report_dose_text's words). */
			if (!old)
				printf("  %s%s (%s): %s, %s\n",
				       prev ? "added " : "", e->name, e->id,
				       rx_dose(e, ascii, dose, sizeof dose),
				       rx_schedule(e, often, sizeof often));
			for (size_t j = 0; !old && j < e->n_steps; j++) {
				const struct rx_exercise *v = &e->steps[j];
				char start[96];
				printf("    step %zu %s %s%s%s%s: %s, %s\n",
				       j + 1,
				       v->when.sessions ? "when" : "from",
				       rx_step_start(v, ascii, start,
				                     sizeof start),
				       v->step_label ? " (" : "",
				       v->step_label ? v->step_label : "",
				       v->step_label ? ")" : "",
				       rx_dose(v, ascii, dose, sizeof dose),
				       rx_schedule(v, often, sizeof often));
			}
			struct rx_change ch[RX_DIFF_MAX];
			size_t nc = old ? rx_diff(old, e, ch) : 0;
			told = told || !old || nc > 0;
			for (size_t c = 0; c < nc; c++) {
				bool long_text = !strcmp(ch[c].field, "notes");
				printf("  %s: %s ", e->id, ch[c].field);
				if (long_text)
					printf("changed\n");
				else
					printf("%s %s %s\n",
					       *ch[c].before ? ch[c].before
					                     : "(none)",
					       text_glyph(GLYPH_ARROW, ascii),
					       *ch[c].after ? ch[c].after
					                    : "(none)");
			}
		}
		for (size_t k = 0; prev && k < prev->n; k++) {
			if (rx_find(s[i].ex, s[i].n, prev->ex[k].id))
				continue;
			printf("  removed %s (%s); its history is kept\n",
			       prev->ex[k].name, prev->ex[k].id);
			told = true;
		}
		if (prev && !told)
			history_same(prev, &s[i]);
	}
}

/* A measure as the history tells it: "Knee bend (knee-bend): 0 to 160
 * °, every week, goal 120 °, higher is better". */
static void print_measure(const char *lead, const struct rx_measure *m,
                          bool ascii)
{
	char lo[40], hi[40], goal[48] = "";
	if (m->goal != RX_NO_VALUE) {
		char g[40];
		strfmt(goal, sizeof goal, ", goal %s",
		       rx_measure_shown(m, m->goal, ascii, g, sizeof g));
	}
	printf("  %s%s (%s): %s to %s, every %s%s, %s is better\n", lead,
	       m->name, m->id, rx_tenths_text(m->min, lo, sizeof lo),
	       rx_measure_shown(m, m->max, ascii, hi, sizeof hi),
	       rx_every_name(m->every), goal,
	       m->lower_better ? "lower" : "higher");
}

static void print_psfs(const char *lead, const struct rx_outcome_plan *p)
{
	printf("  %sPSFS activities:", lead);
	for (size_t k = 0; k < p->n_psfs; k++)
		printf("%s %s", k ? ";" : "", p->psfs[k]);
	printf("%s\n", p->n_psfs ? "" : " none");
}

/* The versions of the measures and the PSFS, after the exercises'. */
static void history_plans_text(const struct rx_outcome_plan *p, size_t n,
                               bool ascii)
{
	if (n == 0)
		return;
	printf("\nThe measures and the PSFS have had %zu version%s (kept "
	       "from the first day hep saw them).\n",
	       n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const struct rx_outcome_plan *prev = i ? &p[i - 1] : NULL;
		char d[CAL_DATE_LEN];
		printf("\n%s  %s\n", cal_format(p[i].from, d),
		       prev ? "changed:" : "the first kept:");
		bool told = false;
		for (size_t k = 0; k < p[i].n_measures; k++) {
			const struct rx_measure *m = &p[i].measures[k];
			const struct rx_measure *old =
			    prev ? rx_plan_find(prev, m->id) : NULL;
			if (!old) {
				print_measure(prev ? "added " : "", m, ascii);
				told = true;
				continue;
			}
			struct rx_change ch[RX_MEASURE_KEYS];
			size_t nc = rx_measure_diff(old, m, ch);
			told = told || nc > 0;
			for (size_t c = 0; c < nc; c++)
				printf("  %s: %s %s %s %s\n", m->id,
				       ch[c].field,
				       *ch[c].before ? ch[c].before : "(none)",
				       text_glyph(GLYPH_ARROW, ascii),
				       *ch[c].after ? ch[c].after : "(none)");
		}
		for (size_t k = 0; prev && k < prev->n_measures; k++) {
			if (rx_plan_find(&p[i], prev->measures[k].id))
				continue;
			printf("  removed %s (%s); its values are kept\n",
			       prev->measures[k].name, prev->measures[k].id);
			told = true;
		}
		if (!prev ? p[i].n_psfs > 0 : !rx_plan_same_psfs(prev, &p[i])) {
			print_psfs(prev ? "new " : "", &p[i]);
			if (prev && p[i].n_psfs)
				printf("  (a PSFS score compares only with "
				       "check-ins of these activities)\n");
			told = true;
		}
		if (!told)
			printf("  %s\n", prev ? "the same measures, in a new "
			                        "order"
			                      : "no measures and no PSFS");
	}
}

int cmd_history(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char err[512];
	struct rx_outcome_plan *plans;
	size_t n_plans;
	if (ctx_all_snapshots(ctx, err, sizeof err) != 0 ||
	    ctx_outcome_plans(ctx, &plans, &n_plans, err, sizeof err) != 0) {
		cli_fail("%s", err);
		return 1;
	}
	if (o->json) {
		history_json(ctx->snaps, ctx->n_snaps, plans, n_plans);
	} else {
		history_text(ctx->snaps, ctx->n_snaps, ctx->ascii);
		history_plans_text(plans, n_plans, ctx->ascii);
	}
	rx_outcome_plans_free(plans, n_plans);
	return 0;
}
