/*
 * report_impl: what the report's writers share and no one else sees.
 * report_format.c holds the table of formats, the shared wording and the
 * one walk of a report as a document; report_doc.c the document writers
 * (text, Markdown, HTML); report_svg.c the HTML page's charts;
 * report_data.c the JSON and CSV reports, which are data, not documents.
 */
#ifndef HEP_REPORT_IMPL_H
#define HEP_REPORT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hep/report.h"

/*
 * The no-break marker: a no-break space (U+00A0) binds what it joins (a
 * value and its unit) into one word that the text wrapper never parts;
 * the text and Markdown reports print it as a space, HTML as &#160;.
 */
#define NBSP "\xC2\xA0"

/* ---- shared wording (report_format.c) ---------------------------------- */

/* "97%" of done over due into buf, or "-" with nothing due. */
void rpt_percent(char *buf, size_t size, int done, int due);

/* "lower", "higher" or "steady": the second half against the first; ""
 * under two sessions; "too few to compare" when a half has none. A
 * static string. */
const char *rpt_trend(const struct report_pain *p);

/* Whether both halves of the span have a pain to compare (a trend). */
bool rpt_trend_known(const struct report_pain *p);

/* An exercise's pain as its row tells it, into buf: the average and its
 * trend, "4.1 steady", or with no trend (under two sessions) the sessions
 * it is of, "2.0 (1 session)": never a number standing alone. */
void rpt_pain_words(char *buf, size_t size, const struct report_pain *p);

/* The days of week w of r that are in its span (7 but at its ends), and
 * the first of them in *first (if not NULL). */
int rpt_week_days(const struct report *r, size_t w, cal_day *first);

/* The name of the report's exercise id (id itself if not in the report):
 * borrowed from r. */
const char *rpt_exercise_name(const struct report *r, const char *id);

/* The skips by reason without "skips: " into buf, or "none". Over several
 * exercises (days: the days of each reason) each reason's days and
 * exercise-days, "sick 2 days (10 exercise-days); 1 exercise-day recorded
 * late"; of one exercise (days NULL: at most one skip a day, so a count
 * is of days), "pain 2 (1 recorded late)". A reason without a skip is
 * left out. */
void rpt_skips_line(char *buf, size_t size, const int *skips, const int *days,
                    int late);

/* The span in words, "2026-11-02 to 2026-11-15 (14 days)" and why it is
 * so, into buf. */
void rpt_span_words(char *buf, size_t size, const struct report *r);

/* Writes s with control characters (bidirectional ones too) shown as
 * '?', never raw. */
void rpt_put_text(FILE *f, const char *s);

/* Writes s as rpt_put_text() does, word-wrapped at 80 columns, a wrapped
 * line indented by indent spaces; a no-break space holds two words
 * together and is printed as a space. */
void rpt_put_wrapped(FILE *f, const char *s, int indent);

/* Writes s in width columns: clipped with an ellipsis, or padded. */
void rpt_pad_to(FILE *f, const char *s, int width);

/* Writes s in a Markdown table cell: no pipes, line breaks as spaces,
 * '<', '>', '&' and quotes as entities, so that no text of the record
 * becomes markup (SPEC section 6.2); control characters as '?'. */
void rpt_md_cell(FILE *f, const char *s);

/* Writes s in HTML, as rpt_md_cell() does but for pipes and breaks. */
void rpt_html_text(FILE *f, const char *s);

/* True if the report has an Outcomes part: measures or the PSFS to tell
 * of, or a pain after a session. */
bool rpt_has_outcomes(const struct outcomes *o);

/* ---- the writer of a document (text, Markdown, HTML) ------------------- */

struct report_writer;

/* A document being written: where, by which writer, of which report,
 * and what the writer counts as it goes. */
struct rpt_doc {
	FILE *f;
	const struct report_writer *w;
	const struct report *r;
	int fields; /* the header's people written */
};

/* The summary under the header, worked out once for every writer. */
struct rpt_summary {
	char all[16], ontime[16]; /* adherence, all and on time */
	char streak[96];          /* progress_streak_text */
	char skips[320];          /* rpt_skips_line */
};

/* An exercise's row of the Exercises table, worked out once. */
struct rpt_ex_row {
	const struct report_exercise *x;
	char done_due[32], all[16], ontime[16];
	char streak[96]; /* "3 days", "1 week" or "as needed" */
	char skips[160];
	char dose[128], often[96]; /* rx_dose, rx_schedule (and extra) */
};

/* A column of a table: its head, flush right in Markdown and HTML
 * (right), and in the text report its gap before and its width (as
 * printf's: negative for flush left; every head is flush left). */
struct rpt_column {
	const char *head;
	bool right;
	const char *text_gap;
	int text_width;
};

/* A table: its title (a heading in Markdown and HTML) and columns. */
struct rpt_table {
	const char *title;
	const struct rpt_column *col;
	size_t n;
};

/*
 * How a format writes a report as a document; report_format.c walks the
 * report once, in order, through these. Headings, table titles and heads
 * are hep's own words, written as they are; every other text is escaped
 * by the writer. A NULL op writes nothing.
 */
struct report_writer {
	/* The header: the title, then each of the program's people (value
	 * NULL: none; key names it in JSON), then the span. */
	void (*begin)(struct rpt_doc *d, const char *title);
	void (*field)(struct rpt_doc *d, const char *label, const char *key,
	              const char *value);
	void (*span)(struct rpt_doc *d);
	void (*summary)(struct rpt_doc *d, const struct rpt_summary *s);
	void (*charts)(struct rpt_doc *d); /* HTML's */
	/* The Exercises table: an exercise is laid out differently by each
	 * format (text in two lines, Markdown in nine columns, HTML in
	 * eight), so it has its head and row of its own. */
	void (*ex_head)(struct rpt_doc *d);
	void (*ex_row)(struct rpt_doc *d, const struct rpt_ex_row *x);
	void (*table_begin)(struct rpt_doc *d, const struct rpt_table *t);
	void (*table_row)(struct rpt_doc *d, const struct rpt_table *t,
	                  const char *const *cells);
	void (*table_end)(struct rpt_doc *d);
	void (*heading)(struct rpt_doc *d, const char *s);
	const char *list_open, *list_close; /* around a heading's items */
	/* An item: s with no-break spaces (NBSP) holding words together. */
	void (*item)(struct rpt_doc *d, const char *s);
	/* An item led by a word set apart (a note's day). */
	void (*lead_item)(struct rpt_doc *d, const char *lead, const char *s);
	void (*end)(struct rpt_doc *d);
};

/* The writers (report_doc.c); text_flush is text whose headings have no
 * blank line before them (the Outcomes part of `hep outcomes`). json_head
 * writes a JSON report's header alone (report_data.c). */
extern const struct report_writer rpt_text_writer, rpt_text_flush_writer,
    rpt_md_writer, rpt_html_writer, rpt_json_head_writer;

/* The report as a document, every part in order, through w. */
void rpt_write_doc(FILE *f, const struct report *r,
                   const struct report_writer *w);

/* Walks the header (title, people, span) through d's writer. */
void rpt_walk_head(struct rpt_doc *d);

/* The Outcomes part as items through d's writer (report: in a report,
 * also what its pain words at the top compare), and every pain above
 * the limit, a week an item. Nothing when there is none. */
void rpt_walk_outcomes(struct rpt_doc *d, bool report);
void rpt_walk_events(struct rpt_doc *d);

/* ---- the HTML page's charts (report_svg.c) ----------------------------- */

/* The charts under the summary: adherence (and outcomes) by week, pain
 * over time, each under its heading. */
void rpt_html_charts(struct rpt_doc *d);

/* ---- data: JSON and CSV (report_data.c) -------------------------------- */

/* Writes r as one JSON object: every number of the report. */
void rpt_write_json(FILE *f, const struct report *r);

/* Writes r as CSV: a row per exercise and week, then the outcomes'
 * tables, each after a blank line; no cell can run as a formula. */
void rpt_write_csv(FILE *f, const struct report *r);

/* Writes the object of `hep outcomes --json` and of a JSON report's
 * "outcomes". */
void rpt_json_outcomes(FILE *f, const struct report *r);

#endif
