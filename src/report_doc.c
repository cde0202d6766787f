/*
 * The writers of a report as a document (report_impl.h): text for 80
 * columns, Markdown, and one self-contained HTML page with inline SVG
 * charts (report_svg.c), printable on A4 or Letter. Each says how a part
 * reads; what the parts are and their order is report_format.c's walk.
 */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

#include "hep/util.h"

/* Writes s through out, each no-break space as nb. */
static void out_unbound(FILE *f, const char *s,
                        void (*out)(FILE *f, const char *s), const char *nb)
{
	for (const char *p; (p = strstr(s, NBSP)) != NULL; s = p + 2) {
		char *part = xasprintf("%.*s", (int)(p - s), s);
		out(f, part);
		free(part);
		fputs(nb, f);
	}
	out(f, s);
}

/* ---- text --------------------------------------------------------------- */

static void text_begin(struct rpt_doc *d, const char *title)
{
	fputs("Home exercise report: ", d->f);
	rpt_put_text(d->f, title);
	fputc('\n', d->f);
}

/* The people on one line: "Patient: A    Therapist: B". */
static void text_field(struct rpt_doc *d, const char *label, const char *key,
                       const char *value)
{
	(void)key;
	if (!value)
		return;
	fprintf(d->f, "%s%s: ", d->fields++ ? "    " : "", label);
	rpt_put_text(d->f, value);
}

static void text_span(struct rpt_doc *d)
{
	char line[256];
	if (d->fields)
		fputc('\n', d->f);
	rpt_span_words(line, sizeof line, d->r);
	/* Today's words run past 80 columns: wrapped under the first. */
	char *span = xasprintf("Span: %s", line);
	if (d->r->today_open)
		rpt_put_wrapped(d->f, span, 6);
	else
		fputs(span, d->f);
	fputs("\n\n", d->f);
	free(span);
}

static void text_summary(struct rpt_doc *d, const struct rpt_summary *s)
{
	const struct report *r = d->r;
	FILE *f = d->f;
	fprintf(f,
	        "Adherence: %s of due sessions (%d of %d); on time: %s (%d of "
	        "%d)\n",
	        s->all, r->done, r->due, s->ontime, r->ontime, r->due_ontime);
	fprintf(f, "Streak: %s\n", s->streak);
	/* Several reasons, each in days and exercise-days, run past 80
	 * columns: wrapped under the first. */
	char *skips = xasprintf("Skips: %s", s->skips);
	rpt_put_wrapped(f, skips, 7);
	fputc('\n', f);
	free(skips);
	char v[16];
	if (r->pain.n)
		fprintf(f, "Pain: average %s of 10 over %d session%s%s%s\n",
		        outcome_mean_text(r->pain.avg, false, v, sizeof v),
		        r->pain.n, r->pain.n == 1 ? "" : "s",
		        *rpt_trend(&r->pain) ? ", " : "", rpt_trend(&r->pain));
}

static void text_ex_head(struct rpt_doc *d)
{
	fputs("\nExercise                        Done/due   All  On time  "
	      "Streak\n",
	      d->f);
}

/* An exercise in two lines: its numbers in columns, then its dose,
 * schedule, skips and pain, wrapped. */
static void text_ex_row(struct rpt_doc *d, const struct rpt_ex_row *x)
{
	FILE *f = d->f;
	char line[256];
	rpt_pad_to(f, x->x->ex->name, 30);
	fprintf(f, "  %8s  %4s  %7s  %s\n", x->done_due, x->all, x->ontime,
	        x->streak);
	strfmt(line, sizeof line, "  %s, %s; skips: %s", x->dose, x->often,
	       x->skips);
	const struct report_pain *p = &x->x->pain;
	if (p->n) {
		char pain[48];
		rpt_pain_words(pain, sizeof pain, p);
		strfmt(line + strlen(line), sizeof line - strlen(line),
		       "; pain %s", pain);
	}
	if (!x->x->current)
		strfmt(line + strlen(line), sizeof line - strlen(line),
		       "; no longer prescribed");
	rpt_put_wrapped(f, line, 4);
	fputc('\n', f);
}

/* A table: its heads flush left in their columns, after a blank line. */
static void text_table_begin(struct rpt_doc *d, const struct rpt_table *t)
{
	fputc('\n', d->f);
	for (size_t i = 0; i < t->n; i++) {
		int w = t->col[i].text_width;
		fprintf(d->f, "%s%-*s", t->col[i].text_gap, w < 0 ? -w : w,
		        t->col[i].head);
	}
	fputc('\n', d->f);
}

static void text_table_row(struct rpt_doc *d, const struct rpt_table *t,
                           const char *const *cells)
{
	for (size_t i = 0; i < t->n; i++)
		fprintf(d->f, "%s%*s", t->col[i].text_gap, t->col[i].text_width,
		        cells[i]);
	fputc('\n', d->f);
}

static void text_table_end(struct rpt_doc *d)
{
	(void)d;
}

static void text_heading(struct rpt_doc *d, const char *s)
{
	fprintf(d->f, "\n%s\n", s);
}

static void text_flush_heading(struct rpt_doc *d, const char *s)
{
	fprintf(d->f, "%s\n", s);
}

/* An item: indented, wrapped at 80 columns. */
static void text_item(struct rpt_doc *d, const char *s)
{
	char *line = xasprintf("  %s", s);
	rpt_put_wrapped(d->f, line, 4);
	fputc('\n', d->f);
	free(line);
}

static void text_lead_item(struct rpt_doc *d, const char *lead, const char *s)
{
	char *line = xasprintf("%s  %s", lead, s);
	rpt_put_wrapped(d->f, line, 12);
	fputc('\n', d->f);
	free(line);
}

#define TEXT_WRITER(head)                                                      \
	{                                                                      \
		.begin = text_begin, .field = text_field, .span = text_span,   \
		.summary = text_summary, .ex_head = text_ex_head,              \
		.ex_row = text_ex_row, .table_begin = text_table_begin,        \
		.table_row = text_table_row, .table_end = text_table_end,      \
		.heading = (head), .list_open = "", .list_close = "",          \
		.item = text_item, .lead_item = text_lead_item,                \
	}

const struct report_writer rpt_text_writer = TEXT_WRITER(text_heading);
const struct report_writer rpt_text_flush_writer =
    TEXT_WRITER(text_flush_heading);

/* ---- Markdown ----------------------------------------------------------- */

static void md_begin(struct rpt_doc *d, const char *title)
{
	fputs("# Home exercise report: ", d->f);
	rpt_md_cell(d->f, title);
	fputs("\n\n", d->f);
}

static void md_field(struct rpt_doc *d, const char *label, const char *key,
                     const char *value)
{
	(void)key;
	if (!value)
		return;
	fprintf(d->f, "- %s: ", label);
	rpt_md_cell(d->f, value);
	fputc('\n', d->f);
}

static void md_span(struct rpt_doc *d)
{
	char line[256];
	rpt_span_words(line, sizeof line, d->r);
	fprintf(d->f, "- Span: %s\n", line);
}

static void md_summary(struct rpt_doc *d, const struct rpt_summary *s)
{
	const struct report *r = d->r;
	FILE *f = d->f;
	fprintf(
	    f,
	    "- Adherence: **%s** (%d of %d sessions); on time: %s (%d of %d)\n",
	    s->all, r->done, r->due, s->ontime, r->ontime, r->due_ontime);
	fprintf(f, "- Streak: %s\n", s->streak);
	fprintf(f, "- Skips: %s\n", s->skips);
	char v[16];
	if (r->pain.n)
		fprintf(f, "- Pain: average %s of 10 over %d session%s%s%s\n",
		        outcome_mean_text(r->pain.avg, false, v, sizeof v),
		        r->pain.n, r->pain.n == 1 ? "" : "s",
		        *rpt_trend(&r->pain) ? ", " : "", rpt_trend(&r->pain));
}

/* A table under its heading: the heads, then the line that aligns. */
static void md_table_begin(struct rpt_doc *d, const struct rpt_table *t)
{
	fprintf(d->f, "\n## %s\n\n|", t->title);
	for (size_t i = 0; i < t->n; i++)
		fprintf(d->f, " %s |", t->col[i].head);
	fputs("\n|", d->f);
	for (size_t i = 0; i < t->n; i++)
		fputs(t->col[i].right ? "---:|" : "---|", d->f);
	fputc('\n', d->f);
}

static void md_table_row(struct rpt_doc *d, const struct rpt_table *t,
                         const char *const *cells)
{
	fputc('|', d->f);
	for (size_t i = 0; i < t->n; i++) {
		fputc(' ', d->f);
		rpt_md_cell(d->f, cells[i]);
		fputs(" |", d->f);
	}
	fputc('\n', d->f);
}

static const struct rpt_column md_ex_columns[] = {
    {"Exercise", false, NULL, 0},  {"Dose", false, NULL, 0},
    {"How often", false, NULL, 0}, {"Done/due", true, NULL, 0},
    {"All", true, NULL, 0},        {"On time", true, NULL, 0},
    {"Streak", true, NULL, 0},     {"Skips", false, NULL, 0},
    {"Pain", false, NULL, 0},
};
static const struct rpt_table md_ex_table = {"Exercises", md_ex_columns, 9};

static void md_ex_head(struct rpt_doc *d)
{
	md_table_begin(d, &md_ex_table);
}

static void md_ex_row(struct rpt_doc *d, const struct rpt_ex_row *x)
{
	FILE *f = d->f;
	fputs("| ", f);
	rpt_md_cell(f, x->x->ex->name);
	if (!x->x->current)
		fputs(" (no longer prescribed)", f);
	fputs(" | ", f);
	rpt_md_cell(f, x->dose);
	fputs(" | ", f);
	rpt_md_cell(f, x->often);
	fprintf(f, " | %s | %s | %s | %s | %s | ", x->done_due, x->all,
	        x->ontime, x->streak, x->skips);
	if (x->x->pain.n) {
		char pain[48];
		rpt_pain_words(pain, sizeof pain, &x->x->pain);
		fputs(pain, f);
	}
	fputs(" |\n", f);
}

static void md_heading(struct rpt_doc *d, const char *s)
{
	fprintf(d->f, "\n## %s\n\n", s);
}

static void md_out(FILE *f, const char *s)
{
	out_unbound(f, s, rpt_md_cell, " ");
}

static void md_item(struct rpt_doc *d, const char *s)
{
	fputs("- ", d->f);
	md_out(d->f, s);
	fputc('\n', d->f);
}

static void md_lead_item(struct rpt_doc *d, const char *lead, const char *s)
{
	fprintf(d->f, "- %s, ", lead);
	rpt_md_cell(d->f, s);
	fputc('\n', d->f);
}

const struct report_writer rpt_md_writer = {
    .begin = md_begin,
    .field = md_field,
    .span = md_span,
    .summary = md_summary,
    .ex_head = md_ex_head,
    .ex_row = md_ex_row,
    .table_begin = md_table_begin,
    .table_row = md_table_row,
    .table_end = text_table_end,
    .heading = md_heading,
    .list_open = "",
    .list_close = "",
    .item = md_item,
    .lead_item = md_lead_item,
};

/* ---- HTML --------------------------------------------------------------- */

/* The page's head after its title, its style, up to the <h1>. */
static const char html_style[] =
    " - home exercise report</title>\n<style>\n"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe "
    "UI\",sans-serif;color:#1b1f23;"
    "max-width:46em;margin:2em auto;padding:0 1em}\n"
    "h1{font-size:1.5em;margin:0 0 "
    ".2em}h2{font-size:1.15em;margin:1.6em 0 .5em;"
    "border-bottom:1px solid #d0d7de}\n"
    ".meta{color:#57606a;margin:0}.big{font-size:2em;font-weight:700}\n"
    ".summary{display:flex;gap:2em;flex-wrap:wrap;margin:1em 0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92em}"
    "th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid "
    "#eaeef2}"
    "td.n,th.n{text-align:right}\n"
    ".chart{display:block;width:100%;max-width:704px;height:auto}"
    ".bar{fill:#2f855a}.grid{stroke:#d0d7de;stroke-width:1}"
    ".axis{font-size:11px;fill:#57606a}.pain{fill:none;stroke:#c53030;"
    "stroke-width:2}"
    ".dot{fill:#c53030}\n"
    ".cap{font-size:12px;font-weight:600;fill:#1b1f23}"
    ".wk{stroke:#eaeef2;stroke-width:1}"
    ".series{fill:none;stroke:#1f4e79;stroke-width:2}"
    ".pt{fill:#1f4e79;stroke:#fff;stroke-width:1}"
    ".series.psfs{stroke:#553c9a}.pt.psfs{fill:#553c9a}"
    ".pt.psfs.earlier{fill:#fff;stroke:#553c9a;stroke-width:1.5}"
    ".goal,.goal-key{stroke:#1b1f23;stroke-width:1.5;"
    "stroke-dasharray:6 4}\n"
    ".after{fill:none;stroke:#c53030;stroke-width:2}"
    ".after-pt{fill:#c53030}"
    ".before{fill:none;stroke:#57606a;stroke-width:2;"
    "stroke-dasharray:5 4}"
    ".before-pt{fill:#fff;stroke:#57606a;stroke-width:1.5}\n"
    ".notes li{margin:.2em 0}\n"
    "@media print{body{margin:0;max-width:none;font-size:11pt}"
    "h2{break-after:avoid}table,svg{break-inside:avoid;"
    "page-break-inside:avoid}}\n"
    "@page{size:auto;margin:15mm}\n"
    "</style>\n</head>\n<body>\n<h1>";

static void html_begin(struct rpt_doc *d, const char *title)
{
	FILE *f = d->f;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
	      "charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\"/>\n<title>",
	      f);
	rpt_html_text(f, title);
	fputs(html_style, f);
	rpt_html_text(f, title);
	fputs("</h1>\n<p class=\"meta\">", f);
}

static void html_field(struct rpt_doc *d, const char *label, const char *key,
                       const char *value)
{
	(void)key;
	if (!value)
		return;
	fprintf(d->f, "%s: ", label);
	rpt_html_text(d->f, value);
	fputs(" &#183; ", d->f);
}

static void html_span(struct rpt_doc *d)
{
	char line[256];
	rpt_span_words(line, sizeof line, d->r);
	rpt_html_text(d->f, line);
	fputs("</p>\n", d->f);
}

/* The summary as figures, a big number over its words; then skips. */
static void html_summary(struct rpt_doc *d, const struct rpt_summary *s)
{
	const struct report *r = d->r;
	FILE *f = d->f;
	fputs("<div class=\"summary\">\n", f);
	fprintf(f,
	        "<div><div class=\"big\">%s</div>adherence (%d of %d "
	        "sessions)</div>\n",
	        s->all, r->done, r->due);
	fprintf(f, "<div><div class=\"big\">%s</div>on time (%d of %d)</div>\n",
	        s->ontime, r->ontime, r->due_ontime);
	fprintf(f,
	        "<div><div class=\"big\">%d</div>day%s in a row (longest "
	        "%d)</div>\n",
	        r->streak.current, r->streak.current == 1 ? "" : "s",
	        r->streak.longest);
	char v[16];
	if (r->pain.n)
		fprintf(
		    f,
		    "<div><div class=\"big\">%s</div>average pain (0-10)%s%s"
		    "</div>\n",
		    outcome_mean_text(r->pain.avg, false, v, sizeof v),
		    *rpt_trend(&r->pain) ? ", trend: " : "",
		    rpt_trend(&r->pain));
	fputs("</div>\n<p>Skips: ", f);
	rpt_html_text(f, s->skips);
	fputs("</p>\n", f);
}

/* A table under its heading, its heads in the first row. */
static void html_table_begin(struct rpt_doc *d, const struct rpt_table *t)
{
	fprintf(d->f, "<h2>%s</h2>\n<table>\n<tr>", t->title);
	for (size_t i = 0; i < t->n; i++)
		fprintf(d->f, "<th%s>%s</th>",
		        t->col[i].right ? " class=\"n\"" : "", t->col[i].head);
	fputs("</tr>\n", d->f);
}

static void html_table_row(struct rpt_doc *d, const struct rpt_table *t,
                           const char *const *cells)
{
	fputs("<tr>", d->f);
	for (size_t i = 0; i < t->n; i++) {
		fputs(t->col[i].right ? "<td class=\"n\">" : "<td>", d->f);
		rpt_html_text(d->f, cells[i]);
		fputs("</td>", d->f);
	}
	fputs("</tr>\n", d->f);
}

static void html_table_end(struct rpt_doc *d)
{
	fputs("</table>\n", d->f);
}

static const struct rpt_column html_ex_columns[] = {
    {"Exercise", false, NULL, 0}, {"Dose", false, NULL, 0},
    {"Done/due", true, NULL, 0},  {"All", true, NULL, 0},
    {"On time", true, NULL, 0},   {"Streak", true, NULL, 0},
    {"Skips", false, NULL, 0},    {"Pain", false, NULL, 0},
};
static const struct rpt_table html_ex_table = {"Exercises", html_ex_columns, 8};

static void html_ex_head(struct rpt_doc *d)
{
	html_table_begin(d, &html_ex_table);
}

/* An exercise: its dose and schedule in one cell, its streak short. */
static void html_ex_row(struct rpt_doc *d, const struct rpt_ex_row *x)
{
	FILE *f = d->f;
	const struct report_exercise *e = x->x;
	char line[256], st[32];
	fputs("<tr><td>", f);
	rpt_html_text(f, e->ex->name);
	if (!e->current)
		fputs(" <em>(no longer prescribed)</em>", f);
	fputs("</td><td>", f);
	strfmt(line, sizeof line, "%s, %s", x->dose, x->often);
	rpt_html_text(f, line);
	if (e->ex->as_needed)
		strfmt(st, sizeof st, "as needed");
	else
		strfmt(st, sizeof st, "%d %s", e->streak.current,
		       e->weeks ? "wk" : "d");
	fprintf(f,
	        "</td><td class=\"n\">%s</td><td "
	        "class=\"n\">%s</td><td class=\"n\">%s</td>"
	        "<td class=\"n\">%s</td><td>%s</td><td>",
	        x->done_due, x->all, x->ontime, st, x->skips);
	if (e->pain.n) {
		char pain[48];
		rpt_pain_words(pain, sizeof pain, &e->pain);
		fputs(pain, f);
	}
	fputs("</td></tr>\n", f);
}

static void html_heading(struct rpt_doc *d, const char *s)
{
	fprintf(d->f, "<h2>%s</h2>\n", s);
}

static void html_out(FILE *f, const char *s)
{
	out_unbound(f, s, rpt_html_text, "&#160;");
}

static void html_item(struct rpt_doc *d, const char *s)
{
	fputs("<li>", d->f);
	html_out(d->f, s);
	fputs("</li>\n", d->f);
}

static void html_lead_item(struct rpt_doc *d, const char *lead, const char *s)
{
	fprintf(d->f, "<li><strong>%s</strong> ", lead);
	rpt_html_text(d->f, s);
	fputs("</li>\n", d->f);
}

static void html_end(struct rpt_doc *d)
{
	fputs("<p class=\"meta\">Made by hep from the patient's own "
	      "record.</p>\n</body>\n</html>\n",
	      d->f);
}

const struct report_writer rpt_html_writer = {
    .begin = html_begin,
    .field = html_field,
    .span = html_span,
    .summary = html_summary,
    .charts = rpt_html_charts,
    .ex_head = html_ex_head,
    .ex_row = html_ex_row,
    .table_begin = html_table_begin,
    .table_row = html_table_row,
    .table_end = html_table_end,
    .heading = html_heading,
    .list_open = "<ul class=\"notes\">\n",
    .list_close = "</ul>\n",
    .item = html_item,
    .lead_item = html_lead_item,
    .end = html_end,
};
