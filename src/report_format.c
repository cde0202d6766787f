/*
 * The formats of a report, and the one walk of a report as a document.
 * Every value comes from struct report; this file decides what a report
 * says and in which order (the header, the summary, the exercises, the
 * weeks, the notes, what the keys of SPEC 2.1 add, the outcomes), and
 * says it once, through a writer (report_impl.h) that decides how it
 * reads: text for 80 columns, Markdown, or one self-contained HTML page
 * (report_doc.c). JSON and CSV are data, written by report_data.c; the
 * table of formats is report_write.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

#include "hep/text.h"
#include "hep/util.h"

/* ---- shared wording ---------------------------------------------------------
 */

/* What goes with a remark: "skipped: pain, pain 7", "pain 3" or "". */
static char *note_label(const struct report_note *n, char *buf, size_t size)
{
	buf[0] = '\0';
	if (n->skip != SKIP_NONE)
		strfmt(buf, size, "skipped: %s", skip_reason_name(n->skip));
	if (n->pain >= 0)
		strfmt(buf + strlen(buf), size - strlen(buf), "%spain %d",
		       buf[0] ? ", " : "", n->pain);
	return buf;
}

void rpt_percent(char *buf, size_t size, int done, int due)
{
	double r;
	if (progress_ratio(due, done, &r))
		strfmt(buf, size, "%.0f%%", r * 100);
	else
		strfmt(buf, size, "-");
}

void rpt_pain_words(char *buf, size_t size, const struct report_pain *p)
{
	char v[16];
	outcome_mean_text(p->avg, false, v, sizeof v);
	if (rpt_trend_known(p))
		strfmt(buf, size, "%s %s", v, rpt_trend(p));
	else
		strfmt(buf, size, "%s (%d session%s)", v, p->n,
		       p->n == 1 ? "" : "s");
}

bool rpt_trend_known(const struct report_pain *p)
{
	return p->n_first > 0 && p->n_last > 0;
}

/* "lower", "higher" or "steady": the second half against the first;
 * "too few to compare" when a half has no pain to compare. */
const char *rpt_trend(const struct report_pain *p)
{
	if (p->n < 2)
		return "";
	if (!rpt_trend_known(p))
		return "too few to compare";
	double d = p->last - p->first;
	return d <= -1 ? "lower" : d >= 1 ? "higher" : "steady";
}

const char *rpt_exercise_name(const struct report *r, const char *id)
{
	for (size_t k = 0; k < r->n_ex; k++)
		if (strcmp(r->ex[k].ex->id, id) == 0)
			return r->ex[k].ex->name;
	return id;
}

/* The exercises a note went with, by name: "Quad sets, Heel slides";
 * the caller frees. */
static char *note_names(const struct report *r, const struct report_note *n)
{
	size_t len = strlen(rpt_exercise_name(r, n->exercise)) + 1;
	for (size_t i = 0; i < n->n_more; i++)
		len += 2 + strlen(rpt_exercise_name(r, n->more[i]));
	char *s = xmalloc(len);
	strfmt(s, len, "%s", rpt_exercise_name(r, n->exercise));
	for (size_t i = 0; i < n->n_more; i++)
		strfmt(s + strlen(s), len - strlen(s), ", %s",
		       rpt_exercise_name(r, n->more[i]));
	return s;
}

static const char *unit_words(int n, bool weeks)
{
	return weeks ? (n == 1 ? "week" : "weeks") : (n == 1 ? "day" : "days");
}

/* An exercise's streak in its table: "3 days", "1 week", or "as needed"
 * (an as-needed exercise keeps none). */
static char *streak_words(const struct report_exercise *x, char *buf,
                          size_t size)
{
	if (x->ex->as_needed)
		strfmt(buf, size, "as needed");
	else
		strfmt(buf, size, "%d %s", x->streak.current,
		       unit_words(x->streak.current, x->weeks));
	return buf;
}

void rpt_skips_line(char *buf, size_t size, const int *skips, const int *days,
                    int late)
{
	buf[0] = '\0';
	for (int k = 1; k <= SKIP_OTHER; k++) {
		if (!skips[k])
			continue;
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%s ",
		       buf[0] ? ", " : "",
		       skip_reason_name((enum skip_reason)k));
		if (days)
			strfmt(buf + strlen(buf), size - strlen(buf),
			       "%d day%s (%d exercise-day%s)", days[k],
			       days[k] == 1 ? "" : "s", skips[k],
			       skips[k] == 1 ? "" : "s");
		else
			strfmt(buf + strlen(buf), size - strlen(buf), "%d",
			       skips[k]);
	}
	if (!buf[0])
		strfmt(buf, size, "none");
	else if (late && days)
		strfmt(buf + strlen(buf), size - strlen(buf),
		       "; %d exercise-day%s recorded late", late,
		       late == 1 ? "" : "s");
	else if (late)
		strfmt(buf + strlen(buf), size - strlen(buf),
		       " (%d recorded late)", late);
}

/* Writes s with control characters (bidirectional ones too) shown as
 * '?', never raw. */
void rpt_put_text(FILE *f, const char *s)
{
	while (*s) {
		uint32_t cp;
		int n = text_utf8_next(s, &cp);
		if (text_cp_width(cp) < 0 || text_cp_forbidden(cp))
			fputc(cp == '\n' || cp == '\t' ? ' ' : '?', f);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
}

/* s with each space a no-break one; the caller frees. */
static char *bind_words(const char *s)
{
	char *out = xmalloc(2 * strlen(s) + 1), *p = out;
	for (; *s; s++) {
		if (*s == ' ') {
			memcpy(p, NBSP, 2);
			p += 2;
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
	return out;
}

/* A measure's value with its unit ("120 °", rx_measure_text) as one word,
 * with signed a change ("+41 °"); the caller frees. */
static char *measure_word(const struct rx_measure *m, int32_t tenths, bool sign)
{
	size_t size = strlen(m->unit) + 32;
	char *t = xmalloc(size + 1);
	t[0] = '+';
	rx_measure_text(m, tenths, t + 1, size);
	char *w = bind_words(sign && tenths > 0 ? t : t + 1);
	free(t);
	return w;
}

/* Writes the len bytes at s as rpt_put_text() does, a no-break space as a
 * space. */
static void put_word(FILE *f, const char *s, size_t len)
{
	for (const char *end = s + len; s < end;) {
		uint32_t cp;
		int n = text_utf8_next(s, &cp);
		if (cp == 0xA0)
			fputc(' ', f);
		else if (text_cp_width(cp) < 0 || text_cp_forbidden(cp))
			fputc(cp == '\n' || cp == '\t' ? ' ' : '?', f);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
}

/* The columns put_word() takes for the len bytes at s. */
static int word_width(const char *s, size_t len)
{
	int w = 0;
	for (const char *end = s + len; s < end;) {
		uint32_t cp;
		s += text_utf8_next(s, &cp);
		w += text_cp_width(cp) < 0 || text_cp_forbidden(cp)
		         ? 1
		         : text_cp_width(cp);
	}
	return w;
}

/*
 * Writes s as rpt_put_text() does, word-wrapped at 80 columns: a word that
 * would pass the edge starts a new line, indented by indent spaces (the
 * spaces before it dropped); elsewhere spaces are kept as they are. Words
 * are parted by spaces alone, so a no-break space (NBSP) holds a value
 * and its unit together; it is printed as a space.
 */
void rpt_put_wrapped(FILE *f, const char *s, int indent)
{
	int col = 0;
	bool first = true;
	while (*s) {
		size_t gap = strspn(s, " ");
		const char *word = s + gap;
		size_t len = strcspn(word, " ");
		if (len == 0)
			break; /* trailing spaces */
		int w = word_width(word, len);
		if (!first && col + (int)gap + w > 80) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else {
			fprintf(f, "%.*s", (int)gap, s);
			col += (int)gap;
		}
		put_word(f, word, len);
		col += w;
		first = false;
		s = word + len;
	}
}

void rpt_pad_to(FILE *f, const char *s, int width)
{
	int w = text_width(s);
	if (w > width) {
		/* clip by columns */
		int used = 0;
		while (*s) {
			uint32_t cp;
			int n = text_utf8_next(s, &cp);
			int cw = text_cp_width(cp);
			if (used + (cw < 0 ? 1 : cw) > width - 1)
				break;
			fwrite(s, 1, (size_t)n, f);
			used += cw < 0 ? 1 : cw;
			s += n;
		}
		fputs(text_glyph(GLYPH_CUT, false), f);
		w = used + 1;
	} else {
		rpt_put_text(f, s);
	}
	for (; w < width; w++)
		fputc(' ', f);
}

void rpt_span_words(char *buf, size_t size, const struct report *r)
{
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	int days = (int)(r->to - r->from) + 1;
	strfmt(buf, size, "%s to %s (%d day%s%s%s%s)", cal_format(r->from, a),
	       cal_format(r->to, b), days, days == 1 ? "" : "s",
	       r->since_visit ? ", since the last clinic visit" : "",
	       r->from_start ? ", from the program's start" : "",
	       r->today_open
	           ? "; today not in adherence until all of it is done"
	           : "");
}

/*
 * Text in Markdown (md: no pipes, line breaks as spaces, for a table
 * cell) or HTML: '<', '>' and '&' as entities in both, as Markdown passes
 * HTML and entities through, so that no text of the record becomes
 * markup (SPEC section 6.2); quotes as entities in HTML only, where they
 * may close an attribute (Markdown shows them as typed); each control
 * character a stored text may not hold as '?'.
 */
static void markup_text(FILE *f, const char *s, bool md)
{
	while (*s) {
		uint32_t cp;
		int n = text_utf8_next(s, &cp);
		if (md && cp == '|')
			fputs("\\|", f);
		else if (md && (cp == '\n' || cp == '\r' || cp == '\t'))
			fputc(' ', f);
		else if (cp == '<')
			fputs("&lt;", f);
		else if (cp == '>')
			fputs("&gt;", f);
		else if (cp == '&')
			fputs("&amp;", f);
		else if (!md && cp == '"')
			fputs("&quot;", f);
		else if (!md && cp == '\'')
			fputs("&#39;", f);
		else if (text_cp_forbidden(cp))
			fputc('?', f);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
}

void rpt_md_cell(FILE *f, const char *s)
{
	markup_text(f, s, true);
}

void rpt_html_text(FILE *f, const char *s)
{
	markup_text(f, s, false);
}

/* ---- the walk of a report as a document --------------------------------- */

/* A part of the report: its heading, then its items. */
static void part_open(struct rpt_doc *d, const char *heading)
{
	d->w->heading(d, heading);
	fputs(d->w->list_open, d->f);
}

static void part_close(struct rpt_doc *d)
{
	fputs(d->w->list_close, d->f);
}

/* An item of a part, its text formatted as printf's. */
static void itemf(struct rpt_doc *d, const char *fmt, ...) HEP_PRINTF(2, 3);
static void itemf(struct rpt_doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = xvasprintf(fmt, ap);
	va_end(ap);
	d->w->item(d, line);
	free(line);
}

void rpt_walk_head(struct rpt_doc *d)
{
	const struct rx_program *p = &d->r->ctx->rx->program;
	d->w->begin(d, p->title);
	d->w->field(d, "Patient", "patient", p->patient);
	d->w->field(d, "Therapist", "therapist", p->therapist);
	d->w->span(d);
}

static void walk_summary(struct rpt_doc *d)
{
	const struct report *r = d->r;
	struct rpt_summary s;
	rpt_percent(s.all, sizeof s.all, r->done, r->due);
	rpt_percent(s.ontime, sizeof s.ontime, r->ontime, r->due_ontime);
	progress_streak_text(&r->streak, s.streak, sizeof s.streak);
	rpt_skips_line(s.skips, sizeof s.skips, r->skips, r->skip_days,
	               r->skips_late);
	d->w->summary(d, &s);
}

static void walk_exercises(struct rpt_doc *d)
{
	const struct report *r = d->r;
	d->w->ex_head(d);
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		struct rpt_ex_row row = {.x = x};
		strfmt(row.done_due, sizeof row.done_due, "%d/%d", x->done,
		       x->due);
		rpt_percent(row.all, sizeof row.all, x->done, x->due);
		rpt_percent(row.ontime, sizeof row.ontime, x->ontime,
		            x->due_ontime);
		streak_words(x, row.streak, sizeof row.streak);
		rpt_skips_line(row.skips, sizeof row.skips, x->skips, NULL,
		               x->skips_late);
		rx_dose(x->ex, false, row.dose, sizeof row.dose);
		rx_schedule(x->ex, row.often, sizeof row.often);
		if (x->extra) /* a range: what was welcome beyond MIN */
			strpart(row.often, sizeof row.often, ", ",
			        "+%d extra session%s over %zu week%s", x->extra,
			        x->extra == 1 ? "" : "s", r->n_weeks,
			        r->n_weeks == 1 ? "" : "s");
		d->w->ex_row(d, &row);
	}
	d->w->table_end(d);
}

/* Each exercise's efforts (SPEC 2.2), beside its pain: the mean, how
 * many were outside the target, and the mean week by week. Nothing when
 * no effort was recorded. */
static void walk_effort(struct rpt_doc *d)
{
	const struct report *r = d->r;
	bool any = false;
	for (size_t k = 0; k < r->n_ex; k++)
		any = any || r->ex[k].effort.n > 0;
	if (!any)
		return;
	part_open(d, "Effort (0-10)");
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		const struct report_effort *f = &x->effort;
		if (f->n == 0)
			continue;
		char v[16], line[512] = "", target[96] = "";
		if (f->targeted)
			strfmt(target, sizeof target,
			       "; effort above target in %d of %d session%s"
			       "%s",
			       f->above, f->targeted,
			       f->targeted == 1 ? "" : "s",
			       f->below ? ", below it in" : "");
		if (f->below)
			strpart(target, sizeof target, " ", "%d", f->below);
		for (size_t w = 0; w < r->n_weeks; w++) {
			char day[CAL_DATE_LEN];
			if (!f->week_n[w])
				continue;
			outcome_mean_text(f->week_sum[w] / f->week_n[w], false,
			                  v, sizeof v);
			strpart(line, sizeof line, ", ", "week of %s: %s",
			        cal_format(r->weeks[w], day), v);
		}
		outcome_mean_text(f->sum / f->n, false, v, sizeof v);
		itemf(d, "%s: %s on average (%d session%s)%s; %s", x->ex->name,
		      v, f->n, f->n == 1 ? "" : "s", target, line);
	}
	part_close(d);
}

/* The weeks of the report: in the text report a week's date, then its
 * numbers flush left, right, right. */
static const struct rpt_column week_columns[] = {
    {"Week of", false, "", -10},
    {"Done/due", true, "   ", -9},
    {"All", true, " ", 4},
    {"On time", true, " ", 7},
};
static const struct rpt_table week_table = {"By week", week_columns, 4};
/* The same when a week is cut by the span: its label is longer. */
static const struct rpt_column part_week_columns[] = {
    {"Week of", false, "", -19},
    {"Done/due", true, "   ", -9},
    {"All", true, " ", 4},
    {"On time", true, " ", 7},
};
static const struct rpt_table part_week_table = {"By week", part_week_columns,
                                                 4};

/* The days of week w in the span that its adherence counts: today's
 * not while it is open (a week of today alone has none). */
static int week_counted_days(const struct report *r, size_t w, cal_day *first)
{
	cal_day to = r->today_open ? r->ctx->today - 1 : r->to;
	cal_day a = r->weeks[w] < r->from ? r->from : r->weeks[w];
	cal_day b = r->weeks[w] + 6 > to ? to : r->weeks[w] + 6;
	if (first)
		*first = a;
	return b < a ? 0 : (int)(b - a) + 1;
}

int rpt_week_days(const struct report *r, size_t w, cal_day *first)
{
	cal_day a = r->weeks[w] < r->from ? r->from : r->weeks[w];
	cal_day b = r->weeks[w] + 6 > r->to ? r->to : r->weeks[w] + 6;
	if (first)
		*first = a;
	return (int)(b - a) + 1;
}

/* Each week: a week the span cuts is labelled with its first day in the
 * span and its days, "2026-11-03 (6 days)", never read as a whole one;
 * today, while it is open, is in no row (the span line says so). */
static void walk_weeks(struct rpt_doc *d)
{
	const struct report *r = d->r;
	bool cut = false;
	for (size_t w = 0; w < r->n_weeks; w++)
		cut = cut || (week_counted_days(r, w, NULL) % 7 != 0);
	const struct rpt_table *t = cut ? &part_week_table : &week_table;
	d->w->table_begin(d, t);
	for (size_t w = 0; w < r->n_weeks; w++) {
		char day[CAL_DATE_LEN], label[40], dd[32], a[16], b[16];
		cal_day first;
		int days = week_counted_days(r, w, &first);
		if (days == 0)
			continue;
		strfmt(label, sizeof label, "%s", cal_format(first, day));
		if (days < 7)
			strfmt(label + strlen(label),
			       sizeof label - strlen(label), " (%d day%s)",
			       days, days == 1 ? "" : "s");
		strfmt(dd, sizeof dd, "%d/%d", r->week_done[w], r->week_due[w]);
		rpt_percent(a, sizeof a, r->week_done[w], r->week_due[w]);
		rpt_percent(b, sizeof b, r->week_ontime[w],
		            r->week_due_ontime[w]);
		const char *const cells[4] = {label, dd, a, b};
		d->w->table_row(d, t, cells);
	}
	d->w->table_end(d);
}

/* Each note, led by its day: "Walk (skipped: travel): away". */
static void walk_notes(struct rpt_doc *d)
{
	const struct report *r = d->r;
	if (!r->n_notes)
		return;
	part_open(d, "Notes");
	for (size_t i = 0; i < r->n_notes; i++) {
		const struct report_note *n = &r->notes[i];
		char day[CAL_DATE_LEN], label[48];
		char *names = note_names(r, n);
		bool labelled = *note_label(n, label, sizeof label);
		char *all = xasprintf(
		    "%s%s%s%s%s%s", names, labelled ? " (" : "", label,
		    labelled ? ")" : "", *n->text ? ": " : "", n->text);
		d->w->lead_item(d, cal_format(n->day, day), all);
		free(all);
		free(names);
	}
	part_close(d);
}

/*
 * One episode of "Pain above the limit", the event e leads, after a
 * week's line so far (taking it): its day, exercise (or, recorded
 * together, the count and names of its exercises), pain and when, the
 * limit when the week's events do not share it. Returns the line.
 */
static char *episode_text(const struct report *r, char *line, bool first,
                          const struct report_event *e, bool one_limit)
{
	size_t lead = (size_t)(e - r->events), n = 0;
	char *names = xstrdup("");
	for (size_t j = lead; j < r->n_events; j++) {
		if (r->events[j].episode != lead)
			continue;
		char *more =
		    xasprintf("%s%s%s", names, n ? ", " : "",
		              rpt_exercise_name(r, r->events[j].exercise));
		free(names);
		names = more;
		n++;
	}
	int y, m, md;
	cal_to_ymd(e->day, &y, &m, &md);
	char limit[24] = "";
	if (!one_limit)
		strfmt(limit, sizeof limit, NBSP "(limit" NBSP "%d)", e->limit);
	char *more =
	    n > 1 ? xasprintf("%s%s %s" NBSP "%d," NBSP "%d" NBSP "%s of %zu "
	                      "exercises (%s)%s",
	                      line, first ? "" : ";",
	                      cal_weekday_name(cal_weekday(e->day)), md,
	                      e->pain, e->when, n, names, limit)
	          : xasprintf("%s%s %s" NBSP "%d %s," NBSP "%d" NBSP "%s%s",
	                      line, first ? "" : ";",
	                      cal_weekday_name(cal_weekday(e->day)), md, names,
	                      e->pain, e->when, limit);
	free(names);
	free(line);
	return more;
}

/*
 * "Pain above the limit" (SPEC 2.1: every such event), a line a week:
 * each episode's day, exercises, pain and when, the limit said once
 * when the week's events share it. The words of one event hold
 * together; events recorded together (one skip --all) are one episode.
 */
void rpt_walk_events(struct rpt_doc *d)
{
	const struct report *r = d->r;
	char day[CAL_DATE_LEN];
	if (!r->n_events)
		return;
	char *heading = xasprintf("Pain above the limit (%zu)", r->n_episodes);
	part_open(d, heading);
	free(heading);
	enum cal_weekday ws = r->ctx->hist.week_starts;
	for (size_t i = 0, n; i < r->n_events; i += n) {
		/* Events come by day: a week's are together. */
		cal_day start = cal_week_start(r->events[i].day, ws);
		bool one_limit = true;
		for (n = 1; i + n < r->n_events &&
		            cal_week_start(r->events[i + n].day, ws) == start;
		     n++)
			one_limit = one_limit && r->events[i + n].limit ==
			                             r->events[i].limit;
		char *line =
		    one_limit
		        ? xasprintf("Week of %s (limit %d):",
		                    cal_format(start, day), r->events[i].limit)
		        : xasprintf("Week of %s:", cal_format(start, day));
		for (size_t k = i; k < i + n; k++)
			if (r->events[k].episode == k)
				line = episode_text(r, line, k == i,
				                    &r->events[k], one_limit);
		d->w->item(d, line);
		free(line);
	}
	part_close(d);
}

/* Whether the prescription in force on day d lists x (a phase may keep
 * an exercise it lists from being due: that is no change of it). */
static bool listed_on(const struct report *r, const struct report_exercise *x,
                      cal_day d)
{
	const struct rx_snapshot *s = history_snapshot(&r->ctx->hist, d);
	return s && rx_find(s->ex, s->n, x->ex->id);
}

/* An exercise added in the span (its first dose after the span's first
 * day, not listed then), and one removed (its last before the span's
 * last, not listed then). */
static bool dose_added(const struct report *r, const struct report_exercise *x)
{
	return x->n_doses && x->doses[0].from > r->from &&
	       !listed_on(r, x, r->from);
}

static bool dose_removed(const struct report *r,
                         const struct report_exercise *x)
{
	return x->n_doses && x->until != CAL_NONE && x->until < r->to &&
	       !listed_on(r, x, r->to);
}

/* The step of x that began on day d, or NULL. */
static const struct report_step *step_began(const struct report_exercise *x,
                                            cal_day d)
{
	for (size_t i = 0; i < x->n_steps; i++)
		if (x->steps[i].since == d && d != CAL_NONE)
			return &x->steps[i];
	return NULL;
}

/* Step s of x by its number: "step 1 of 2", or "before step 1" for the
 * exercise's own keys (SPEC 2.2 point 1). */
static char *step_name(const struct report_exercise *x,
                       const struct report_step *s, char *buf, size_t size)
{
	if (s->step)
		strfmt(buf, size, "step %d of %zu", s->step, x->ex->n_steps);
	else
		strfmt(buf, size, "before step 1");
	return buf;
}

/* A dose's line of "Dose changes": an earned step that began that day
 * is named with why ("(step 1 of 2), earned by 6 sessions with pain ≤
 * 2"). */
static void dose_item(struct rpt_doc *d, const struct report_exercise *x,
                      size_t i, bool added)
{
	char day[CAL_DATE_LEN], dose[192], step[160] = "", name[32], why[200];
	const struct report_step *s = step_began(x, x->doses[i].from);
	if (s)
		strfmt(step, sizeof step, " (%s), %s",
		       step_name(x, s, name, sizeof name),
		       report_step_why(x->ex, s, why, sizeof why));
	itemf(d, "%s from %s: %s%s%s", x->ex->name,
	      cal_format(x->doses[i].from, day),
	      added && i == 0 ? "added, " : "",
	      report_dose_text(x->doses[i].v, dose, sizeof dose), step);
}

/* "Dose changes": an exercise whose dose changed in the span, each dose
 * with its first day, "added" before the first of one added in the span;
 * one removed in the span with the day it no longer was. */
static void walk_doses(struct rpt_doc *d)
{
	const struct report *r = d->r;
	char day[CAL_DATE_LEN], line[360];
	bool any = false;
	for (size_t k = 0; k < r->n_ex && !any; k++)
		any = r->ex[k].n_doses > 1 || dose_added(r, &r->ex[k]) ||
		      dose_removed(r, &r->ex[k]);
	if (!any)
		return;
	part_open(d, "Dose changes");
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		bool added = dose_added(r, x);
		for (size_t i = 0; (x->n_doses > 1 || added) && i < x->n_doses;
		     i++)
			dose_item(d, x, i, added);
		if (dose_removed(r, x)) {
			strfmt(line, sizeof line, "%s from %s: removed",
			       x->ex->name, cal_format(x->until + 1, day));
			d->w->item(d, line);
		}
	}
	part_close(d);
}

/* What step s of x brings, in a word: its load, else its dose. */
static char *step_what(const struct report_exercise *x,
                       const struct report_step *s, char *buf, size_t size)
{
	const struct rx_exercise *v = rx_step(x->ex, s->step);
	if (v->load)
		strfmt(buf, size, "%s", v->load);
	else
		rx_dose(v, false, buf, size);
	return buf;
}

/* Under "therapist" (SPEC 2.2), whether the next step (or one back) is
 * ready on the span's last day: "ready for step 2 since 2026-11-14 (6
 * sessions with pain ≤ 2)", or why not. */
static void ready_item(struct rpt_doc *d, const struct report_exercise *x)
{
	const struct step_readiness *y = &x->ready;
	const struct report_step *now = &x->steps[x->n_steps - 1];
	char day[CAL_DATE_LEN];
	if (x->ex->advance != RX_ADVANCE_THERAPIST)
		return;
	if (y->step >= 0)
		itemf(d, "%s: %s step %d since %s (%s)", x->ex->name,
		      y->back ? "a step back suggested, to" : "ready for",
		      y->step, cal_format(y->since, day), y->why);
	else if (y->why[0])
		itemf(d, "%s: not ready for step %d: %s", x->ex->name,
		      now->step + 1, y->why);
}

/* "Steps" (SPEC 2.2): each exercise with earned steps, the step in
 * force on the span's first day and each change in the span, with the
 * day it began and why; under "therapist", readiness. */
static void walk_steps(struct rpt_doc *d)
{
	const struct report *r = d->r;
	bool any = false;
	for (size_t k = 0; k < r->n_ex && !any; k++)
		any = r->ex[k].n_steps > 0;
	if (!any)
		return;
	part_open(d, "Steps");
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		for (size_t i = 0; i < x->n_steps; i++) {
			const struct report_step *s = &x->steps[i];
			char day[CAL_DATE_LEN], began[40] = "", name[32],
			                        what[128], why[200];
			bool earlier = i == 0 && s->since != r->from;
			if (earlier && s->since != CAL_NONE)
				strfmt(began, sizeof began, " since %s",
				       cal_format(s->since, day));
			itemf(d, "%s %s %s: %s (%s)%s, %s", x->ex->name,
			      earlier ? "on" : "from",
			      cal_format(earlier ? r->from : s->since, day),
			      step_name(x, s, name, sizeof name),
			      step_what(x, s, what, sizeof what), began,
			      report_step_why(x->ex, s, why, sizeof why));
		}
		if (x->n_steps)
			ready_item(d, x);
	}
	part_close(d);
}

/* "As needed": sessions, outside adherence. */
static void walk_as_needed(struct rpt_doc *d)
{
	const struct report *r = d->r;
	bool any = false;
	for (size_t k = 0; k < r->n_ex && !any; k++)
		any = r->ex[k].ex->as_needed;
	if (!any)
		return;
	part_open(d, "As needed (not counted in adherence)");
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		char line[320];
		if (!x->ex->as_needed)
			continue;
		strfmt(line, sizeof line, "%s: %d session%s", x->ex->name,
		       x->sessions, x->sessions == 1 ? "" : "s");
		d->w->item(d, line);
	}
	part_close(d);
}

/* ---- outcomes (SPEC section 8.1) ---------------------------------------- */

/* The mean change during a session over the span (after - before, the
 * sessions with both), from the weeks' means; false with none. */
static bool session_change(const struct outcomes *o, double *mean, int *n)
{
	double sum = 0;
	*n = 0;
	for (size_t w = 0; w < o->n_weeks; w++) {
		sum += o->weeks[w].change * o->weeks[w].n_both;
		*n += o->weeks[w].n_both;
	}
	*mean = *n ? sum / *n : 0;
	return *n > 0;
}

bool rpt_has_outcomes(const struct outcomes *o)
{
	return o->n_measures || o->has_psfs || o->first_week >= 0;
}

/* A measure's first, latest and change, its goal; each value with its
 * unit as one word (measure_word): a wrapped line never parts them. */
static void measure_item(struct rpt_doc *d, const struct outcome_measure *x)
{
	const struct rx_measure *m = x->m;
	char d1[CAL_DATE_LEN], d2[CAL_DATE_LEN];
	char *goal;
	if (m->goal == RX_NO_VALUE) {
		goal = xstrdup("");
	} else {
		char *g = measure_word(m, m->goal, false);
		goal = xasprintf("; goal %s: %s", g,
		                 !x->n_days    ? "no value yet"
		                 : x->goal_met ? "met"
		                               : "not yet met");
		free(g);
	}
	if (x->n_days == 0) {
		itemf(d, "%s: no value in these weeks%s", m->name, goal);
	} else if (x->n_days == 1) {
		const struct outcome_point *lp = outcome_latest(x);
		char *v = measure_word(m, (int32_t)lp->value, false);
		itemf(d, "%s: %s on %s, one value%s", m->name, v,
		      cal_format(lp->day, d1), goal);
		free(v);
	} else {
		const struct outcome_point *fp = outcome_first(x);
		const struct outcome_point *lp = outcome_latest(x);
		char *v1 = measure_word(m, (int32_t)fp->value, false);
		char *v2 = measure_word(m, (int32_t)lp->value, false);
		char *chw =
		    measure_word(m, (int32_t)(lp->value - fp->value), true);
		itemf(d, "%s: %s on %s to %s on %s, change %s%s", m->name, v1,
		      cal_format(fp->day, d1), v2, cal_format(lp->day, d2), chw,
		      goal);
		free(v1);
		free(v2);
		free(chw);
	}
	free(goal);
}

/* The PSFS's first and latest score and their change. */
static void psfs_item(struct rpt_doc *d, const struct outcome_psfs *p)
{
	char d1[CAL_DATE_LEN], d2[CAL_DATE_LEN];
	if (p->n == 0) {
		itemf(d, "PSFS: no check-in in these weeks");
		return;
	}
	const struct outcome_checkin *first = &p->checkins[p->first];
	const struct outcome_checkin *latest = &p->checkins[p->n - 1];
	char fs[16], ls[16];
	outcome_mean_text(psfs_score(&first->c), false, fs, sizeof fs);
	outcome_mean_text(psfs_score(&latest->c), false, ls, sizeof ls);
	/* Check-ins of an earlier list are on another scale: said, not
	 * compared (SPEC 8.1). */
	size_t other = 0;
	for (size_t i = 0; i < p->n; i++)
		other += !outcome_psfs_comparable(p, i);
	char apart[96] = "";
	if (other)
		strfmt(apart, sizeof apart,
		       " (%zu earlier check-in%s of other activities not "
		       "compared)",
		       other, other == 1 ? "" : "s");
	if (first == latest)
		itemf(d,
		      "PSFS (mean of %zu activities): %s on %s, one "
		      "check-in%s",
		      latest->c.n, ls, cal_format(latest->day, d1), apart);
	else
		itemf(d,
		      "PSFS (mean of %zu activities): %s on %s to %s "
		      "on %s, change %+.1f%s%s",
		      latest->c.n, fs, cal_format(first->day, d1), ls,
		      cal_format(latest->day, d2), p->change / 10.0,
		      p->meaningful ? ": meaningful" : "", apart);
}

/* A week's mean pain before and after sessions, each with the sessions
 * it is over. */
static void pain_week_item(struct rpt_doc *d, const struct outcome_week *x)
{
	char a[48], b[48], c[48], v[16], d1[CAL_DATE_LEN];
	strfmt(a, sizeof a, "-");
	strfmt(b, sizeof b, "-");
	c[0] = '\0';
	if (x->n_before)
		strfmt(a, sizeof a, "%s" NBSP "(n=%d)",
		       outcome_mean_text(x->before, false, v, sizeof v),
		       x->n_before);
	if (x->n_after)
		strfmt(b, sizeof b, "%s" NBSP "(n=%d)",
		       outcome_mean_text(x->after, false, v, sizeof v),
		       x->n_after);
	if (x->n_both)
		strfmt(c, sizeof c, ", change %s" NBSP "(n=%d)",
		       outcome_mean_text(x->change, true, v, sizeof v),
		       x->n_both);
	itemf(d, "Week of %s: before %s, after %s%s", cal_format(x->start, d1),
	      a, b, c);
}

/* Pain after sessions, the first week with the latest; the mean change
 * during a session; week by week. */
static void pain_items(struct rpt_doc *d, const struct outcomes *o)
{
	char c[48], v1[16], v2[16], d1[CAL_DATE_LEN], d2[CAL_DATE_LEN];
	if (o->first_week < 0) {
		itemf(d, "Pain after sessions: none recorded in these weeks");
		return;
	}
	const struct outcome_week *fw = &o->weeks[o->first_week];
	const struct outcome_week *lw = &o->weeks[o->latest_week];
	if (fw == lw) {
		itemf(d, "Pain after sessions: %s in the week of %s",
		      outcome_mean_text(fw->after, false, v1, sizeof v1),
		      cal_format(fw->start, d1));
	} else {
		/* The change of the means as printed. */
		int by = o->pain_change;
		if (by == 0)
			strfmt(c, sizeof c, "no change");
		else
			strfmt(c, sizeof c, "%s %.1f", by < 0 ? "down" : "up",
			       (by < 0 ? -by : by) / 10.0);
		itemf(d,
		      "Pain after sessions: %s in the week of %s to %s in "
		      "the week of %s, %s%s",
		      outcome_mean_text(fw->after, false, v1, sizeof v1),
		      cal_format(fw->start, d1),
		      outcome_mean_text(lw->after, false, v2, sizeof v2),
		      cal_format(lw->start, d2), c,
		      o->pain_meaningful ? ": meaningful" : "");
	}
	double mean;
	int n;
	if (session_change(o, &mean, &n))
		itemf(d,
		      "Pain during a session (after - before): %s on "
		      "average over %d session%s",
		      outcome_mean_text(mean, true, v1, sizeof v1), n,
		      n == 1 ? "" : "s");
	for (size_t w = 0; w < o->n_weeks; w++)
		if (o->weeks[w].sessions)
			pain_week_item(d, &o->weeks[w]);
}

/* Every measure's first, latest and change, its goal; the PSFS; pain
 * after sessions week by week. Only what the thresholds say is called
 * meaningful. */
void rpt_walk_outcomes(struct rpt_doc *d, bool report)
{
	const struct report *r = d->r;
	const struct outcomes *o = &r->outcomes;
	if (!rpt_has_outcomes(o))
		return;
	part_open(d, "Outcomes");
	itemf(d, "Called meaningful: pain down 2 points or more (Farrar et "
	         "al., 2001), the PSFS up 2 points or more (Stratford et al., "
	         "1995), a measure's goal reached.");
	if (report && r->pain.n >= 2)
		itemf(d,
		      "Pain \"lower\", \"steady\" or \"higher\" above "
		      "compares the second half of these days with the first "
		      "(a point or more); the weeks below compare the first "
		      "week with the latest.");
	for (size_t i = 0; i < o->n_measures; i++)
		measure_item(d, &o->measures[i]);
	if (o->has_psfs)
		psfs_item(d, &o->psfs);
	pain_items(d, o);
	part_close(d);
}

void rpt_write_doc(FILE *f, const struct report *r,
                   const struct report_writer *w)
{
	struct rpt_doc d = {f, w, r, 0};
	rpt_walk_head(&d);
	walk_summary(&d);
	if (w->charts)
		w->charts(&d);
	walk_exercises(&d);
	walk_effort(&d);
	walk_weeks(&d);
	walk_notes(&d);
	walk_doses(&d);
	walk_steps(&d);
	walk_as_needed(&d);
	rpt_walk_events(&d);
	rpt_walk_outcomes(&d, true);
	if (w->end)
		w->end(&d);
}
