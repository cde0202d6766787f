/*
 * The five faces of a report. Every value comes from struct report; this
 * file only decides how it reads: text for 80 columns, Markdown, CSV (one
 * row per exercise and week, spreadsheet formulas neutralised), JSON, and
 * one self-contained HTML page with inline SVG charts, printable on A4 or
 * Letter.
 */
#include "hep/report.h"

#include <stdlib.h>
#include <string.h>

#include "hep/csv.h"
#include "hep/json.h"
#include "hep/text.h"
#include "hep/util.h"

/* ---- shared wording ---------------------------------------------------------
 */

static const char *const reason_order[] = {NULL,     "rest", "pain", "sick",
                                           "travel", "time", "other"};

/* What goes with a remark: "skipped: pain, pain 7", "pain 3" or "". */
static char *note_label(const struct report_note *n, char *buf, size_t size)
{
	buf[0] = '\0';
	if (n->skip != SKIP_NONE)
		strfmt(buf, size, "skipped: %s", reason_order[n->skip]);
	if (n->pain >= 0)
		strfmt(buf + strlen(buf), size - strlen(buf), "%spain %d",
		       buf[0] ? ", " : "", n->pain);
	return buf;
}

static void percent(char *buf, size_t size, int done, int due)
{
	double r;
	if (progress_ratio(due, done, &r))
		strfmt(buf, size, "%.0f%%", r * 100);
	else
		strfmt(buf, size, "-");
}

/* "lower", "higher" or "steady": the second half against the first. */
static const char *trend(const struct report_pain *p)
{
	if (p->n < 2)
		return "";
	double d = p->last - p->first;
	return d <= -1 ? "lower" : d >= 1 ? "higher" : "steady";
}

static const char *exercise_name(const struct report *r, const char *id)
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
	size_t len = strlen(exercise_name(r, n->exercise)) + 1;
	for (size_t i = 0; i < n->n_more; i++)
		len += 2 + strlen(exercise_name(r, n->more[i]));
	char *s = xmalloc(len);
	strfmt(s, len, "%s", exercise_name(r, n->exercise));
	for (size_t i = 0; i < n->n_more; i++)
		strfmt(s + strlen(s), len - strlen(s), ", %s",
		       exercise_name(r, n->more[i]));
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

static void skips_line(char *buf, size_t size, const int *skips, int late)
{
	buf[0] = '\0';
	for (int k = 1; k <= SKIP_OTHER; k++)
		if (skips[k])
			strfmt(buf + strlen(buf), size - strlen(buf), "%s%s %d",
			       buf[0] ? ", " : "", reason_order[k], skips[k]);
	if (!buf[0])
		strfmt(buf, size, "none");
	else if (late)
		strfmt(buf + strlen(buf), size - strlen(buf),
		       " (%d recorded late)", late);
}

/* Writes s with control characters (bidirectional ones too) shown as
 * '?', never raw. */
static void put_text(FILE *f, const char *s)
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

/*
 * The no-break marker: a no-break space (U+00A0) binds what it joins (a
 * value and its unit) into one word that the text wrapper never parts;
 * the text and Markdown reports print it as a space, HTML as &#160;.
 */
#define NBSP "\xC2\xA0"

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

/* Writes the len bytes at s as put_text() does, a no-break space as a
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
 * Writes s as put_text() does, word-wrapped at 80 columns: a word that
 * would pass the edge starts a new line, indented by indent spaces (the
 * spaces before it dropped); elsewhere spaces are kept as they are. Words
 * are parted by spaces alone, so a no-break space (NBSP) holds a value
 * and its unit together; it is printed as a space.
 */
static void put_wrapped(FILE *f, const char *s, int indent)
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

static void pad_to(FILE *f, const char *s, int width)
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
		fputs("\xE2\x80\xA6", f); /* … */
		w = used + 1;
	} else {
		put_text(f, s);
	}
	for (; w < width; w++)
		fputc(' ', f);
}

static void span_words(char *buf, size_t size, const struct report *r)
{
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	int days = (int)(r->to - r->from) + 1;
	strfmt(buf, size, "%s to %s (%d day%s%s%s)", cal_format(r->from, a),
	       cal_format(r->to, b), days, days == 1 ? "" : "s",
	       r->since_visit ? ", since the last clinic visit" : "",
	       r->from_start ? ", from the program's start" : "");
}

/* ---- text
 * -------------------------------------------------------------------- */

/* ---- what the keys of SPEC 2.1 add, in every format but CSV ---------- */

static void md_cell(FILE *f, const char *s);
static void html_text(FILE *f, const char *s);
struct extras_style;
static void write_outcome_lines(FILE *f, const struct report *r,
                                const struct extras_style *st, bool report);

/*
 * The lines a report adds for steps, as-needed exercises and pain limits:
 * "Dose changes" (an exercise whose dose changed in the span, each dose
 * with its first day), "As needed" (sessions, outside adherence) and
 * "Pain above the limit" (week by week). Each part is
 * written as a heading (head), then items (item) whose text out escapes.
 */
struct extras_style {
	const char *head_open, *head_close;  /* around a heading */
	const char *list_open, *list_close;  /* around a part's items */
	const char *item_open, *item_close;  /* around an item */
	void (*out)(FILE *f, const char *s); /* text, escaped */
};

/*
 * "Pain above the limit" (SPEC 2.1: every such event), a line a week:
 * each event's day, exercise, pain and when, the limit said once when
 * the week's events share it. The words of one event hold together.
 */
static void write_events(FILE *f, const struct report *r,
                         const struct extras_style *st)
{
	char d[CAL_DATE_LEN];
	if (!r->n_events)
		return;
	fprintf(f, "%sPain above the limit (%zu)%s%s", st->head_open,
	        r->n_events, st->head_close, st->list_open);
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
		                    cal_format(start, d), r->events[i].limit)
		        : xasprintf("Week of %s:", cal_format(start, d));
		for (size_t k = i; k < i + n; k++) {
			const struct report_event *e = &r->events[k];
			int y, m, md;
			cal_to_ymd(e->day, &y, &m, &md);
			char limit[24] = "";
			if (!one_limit)
				strfmt(limit, sizeof limit,
				       NBSP "(limit" NBSP "%d)", e->limit);
			char *more = xasprintf(
			    "%s%s %s" NBSP "%d %s," NBSP "%d" NBSP "%s%s", line,
			    k > i ? ";" : "",
			    cal_weekday_name(cal_weekday(e->day)), md,
			    exercise_name(r, e->exercise), e->pain, e->when,
			    limit);
			free(line);
			line = more;
		}
		fputs(st->item_open, f);
		st->out(f, line);
		fputs(st->item_close, f);
		free(line);
	}
	fputs(st->list_close, f);
}

static void write_extras(FILE *f, const struct report *r,
                         const struct extras_style *st)
{
	char d[CAL_DATE_LEN], line[320];
	bool any = false;
	for (size_t k = 0; k < r->n_ex && !any; k++)
		any = r->ex[k].n_doses > 1;
	if (any) {
		fprintf(f, "%sDose changes%s%s", st->head_open, st->head_close,
		        st->list_open);
		for (size_t k = 0; k < r->n_ex; k++) {
			const struct report_exercise *x = &r->ex[k];
			for (size_t i = 0; x->n_doses > 1 && i < x->n_doses;
			     i++) {
				char dose[192];
				strfmt(line, sizeof line, "%s from %s: %s",
				       x->ex->name,
				       cal_format(x->doses[i].from, d),
				       report_dose_text(x->doses[i].v, dose,
				                        sizeof dose));
				fputs(st->item_open, f);
				st->out(f, line);
				fputs(st->item_close, f);
			}
		}
		fputs(st->list_close, f);
	}
	any = false;
	for (size_t k = 0; k < r->n_ex && !any; k++)
		any = r->ex[k].ex->as_needed;
	if (any) {
		fprintf(f, "%sAs needed (not counted in adherence)%s%s",
		        st->head_open, st->head_close, st->list_open);
		for (size_t k = 0; k < r->n_ex; k++) {
			const struct report_exercise *x = &r->ex[k];
			if (!x->ex->as_needed)
				continue;
			strfmt(line, sizeof line, "%s: %d session%s",
			       x->ex->name, x->sessions,
			       x->sessions == 1 ? "" : "s");
			fputs(st->item_open, f);
			st->out(f, line);
			fputs(st->item_close, f);
		}
		fputs(st->list_close, f);
	}
	write_events(f, r, st);
	write_outcome_lines(f, r, st, true);
}

/* An item of the text report: indented, wrapped at 80 columns. */
static void text_out(FILE *f, const char *s)
{
	char *line = xasprintf("  %s", s);
	put_wrapped(f, line, 4);
	free(line);
}

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

static void md_out(FILE *f, const char *s)
{
	out_unbound(f, s, md_cell, " ");
}

static void html_out(FILE *f, const char *s)
{
	out_unbound(f, s, html_text, "&#160;");
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

/* True if the report has an Outcomes part: measures or the PSFS to tell
 * of, or a pain after a session. */
static bool has_outcomes(const struct outcomes *o)
{
	return o->n_measures || o->has_psfs || o->first_week >= 0;
}

/* The Outcomes part as lines, each through out (the heading and items of
 * st): every measure's first, latest and change, its goal; the PSFS; pain
 * after sessions week by week. Only what the thresholds say is called
 * meaningful. In a report (report), also what its pain words at the top
 * compare, which the weeks here do not. */
static void write_outcome_lines(FILE *f, const struct report *r,
                                const struct extras_style *st, bool report)
{
	const struct outcomes *o = &r->outcomes;
	char a[48], b[48], c[48], d1[CAL_DATE_LEN], d2[CAL_DATE_LEN];
	if (!has_outcomes(o))
		return;
#define ITEM(...)                                                              \
	do {                                                                   \
		char *line = xasprintf(__VA_ARGS__);                           \
		fputs(st->item_open, f);                                       \
		st->out(f, line);                                              \
		fputs(st->item_close, f);                                      \
		free(line);                                                    \
	} while (0)
	fprintf(f, "%sOutcomes%s%s", st->head_open, st->head_close,
	        st->list_open);
	ITEM("Called meaningful: pain down 2 points or more (Farrar et al., "
	     "2001), the PSFS up 2 points or more (Stratford et al., 1995), "
	     "a measure's goal reached.");
	if (report && r->pain.n >= 2)
		ITEM("Pain \"lower\", \"steady\" or \"higher\" above compares "
		     "the second half of these days with the first (a point or "
		     "more); the weeks below compare the first week with the "
		     "latest.");
	for (size_t i = 0; i < o->n_measures; i++) {
		const struct outcome_measure *x = &o->measures[i];
		const struct rx_measure *m = x->m;
		/* Each value with its unit as one word (measure_word): a
		 * wrapped line never parts them. */
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
			ITEM("%s: no value in these weeks%s", m->name, goal);
		} else if (x->n_days == 1) {
			const struct outcome_point *lp = outcome_latest(x);
			char *v = measure_word(m, (int32_t)lp->value, false);
			ITEM("%s: %s on %s, one value%s", m->name, v,
			     cal_format(lp->day, d1), goal);
			free(v);
		} else {
			const struct outcome_point *fp = outcome_first(x);
			const struct outcome_point *lp = outcome_latest(x);
			char *v1 = measure_word(m, (int32_t)fp->value, false);
			char *v2 = measure_word(m, (int32_t)lp->value, false);
			char *chw = measure_word(
			    m, (int32_t)(lp->value - fp->value), true);
			ITEM("%s: %s on %s to %s on %s, change %s%s", m->name,
			     v1, cal_format(fp->day, d1), v2,
			     cal_format(lp->day, d2), chw, goal);
			free(v1);
			free(v2);
			free(chw);
		}
		free(goal);
	}
	const struct outcome_psfs *p = &o->psfs;
	if (o->has_psfs && p->n == 0)
		ITEM("PSFS: no check-in in these weeks");
	else if (o->has_psfs) {
		const struct outcome_checkin *first = &p->checkins[p->first];
		const struct outcome_checkin *latest = &p->checkins[p->n - 1];
		double fs = psfs_score(&first->c), ls = psfs_score(&latest->c);
		/* Check-ins of an earlier list are on another scale: said,
		 * not compared (SPEC 8.1). */
		size_t other = 0;
		for (size_t i = 0; i < p->n; i++)
			other += !outcome_psfs_comparable(p, i);
		char apart[96] = "";
		if (other)
			strfmt(apart, sizeof apart,
			       " (%zu earlier check-in%s of other activities "
			       "not compared)",
			       other, other == 1 ? "" : "s");
		if (first == latest)
			ITEM("PSFS (mean of %zu activities): %.1f on %s, one "
			     "check-in%s",
			     latest->c.n, ls, cal_format(latest->day, d1),
			     apart);
		else
			ITEM(
			    "PSFS (mean of %zu activities): %.1f on %s to %.1f "
			    "on %s, change %+.1f%s%s",
			    latest->c.n, fs, cal_format(first->day, d1), ls,
			    cal_format(latest->day, d2), p->change / 10.0,
			    p->meaningful ? ": meaningful" : "", apart);
	}
	if (o->first_week < 0) {
		ITEM("Pain after sessions: none recorded in these weeks");
	} else {
		const struct outcome_week *fw = &o->weeks[o->first_week];
		const struct outcome_week *lw = &o->weeks[o->latest_week];
		if (fw == lw)
			ITEM("Pain after sessions: %.1f in the week of %s",
			     fw->after, cal_format(fw->start, d1));
		else {
			/* The change of the means as printed. */
			int by = o->pain_change;
			if (by == 0)
				strfmt(c, sizeof c, "no change");
			else
				strfmt(c, sizeof c, "%s %.1f",
				       by < 0 ? "down" : "up",
				       (by < 0 ? -by : by) / 10.0);
			ITEM("Pain after sessions: %.1f in the week of %s to "
			     "%.1f in the week of %s, %s%s",
			     fw->after, cal_format(fw->start, d1), lw->after,
			     cal_format(lw->start, d2), c,
			     o->pain_meaningful ? ": meaningful" : "");
		}
		double mean;
		int n;
		if (session_change(o, &mean, &n))
			ITEM("Pain during a session (after - before): %+.1f on "
			     "average over %d session%s",
			     mean, n, n == 1 ? "" : "s");
		for (size_t w = 0; w < o->n_weeks; w++) {
			const struct outcome_week *x = &o->weeks[w];
			if (x->sessions == 0)
				continue;
			/* Each mean with the sessions it is over. */
			strfmt(a, sizeof a, "-");
			strfmt(b, sizeof b, "-");
			c[0] = '\0';
			if (x->n_before)
				strfmt(a, sizeof a, "%.1f" NBSP "(n=%d)",
				       x->before, x->n_before);
			if (x->n_after)
				strfmt(b, sizeof b, "%.1f" NBSP "(n=%d)",
				       x->after, x->n_after);
			if (x->n_both)
				strfmt(c, sizeof c,
				       ", change %+.1f" NBSP "(n=%d)",
				       x->change, x->n_both);
			ITEM("Week of %s: before %s, after %s%s",
			     cal_format(x->start, d1), a, b, c);
		}
	}
#undef ITEM
	fputs(st->list_close, f);
}

/* Every pain above the limit, as a JSON array (a report's and the
 * outcomes' "pain_events"). */
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
		strfmt(n->buf[1], sizeof n->buf[1], "%.1f",
		       psfs_score(&first->c));
		n->first = n->buf[1];
		n->latest_day = cal_format(latest->day, n->buf[2]);
		strfmt(n->buf[3], sizeof n->buf[3], "%.1f",
		       psfs_score(&latest->c));
		n->latest = n->buf[3];
		strfmt(n->buf[4], sizeof n->buf[4], "%.1f", p->change / 10.0);
		n->change = n->buf[4];
	}
	n->meaningful = p->meaningful ? "true" : "false";
}

/* A weekly mean of pain, as JSON and CSV print it. */
static char *pain_mean(double v, char *buf, size_t size)
{
	strfmt(buf, size, "%.1f", v);
	return buf;
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
static void json_outcomes(FILE *f, const struct report *r)
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

static const struct extras_style text_style = {"\n", "\n", "",      "",
                                               "",   "\n", text_out};

void report_write_outcomes(FILE *f, const struct report *r, bool json)
{
	if (json) {
		json_outcomes(f, r);
		fputc('\n', f);
		return;
	}
	static const struct extras_style st = {"", "\n", "",      "",
	                                       "", "\n", text_out};
	write_outcome_lines(f, r, &st, false);
	write_events(f, r, &text_style);
}
static const struct extras_style md_style = {"\n## ", "\n\n", "",    "",
                                             "- ",    "\n",   md_out};
static const struct extras_style html_style = {
    "<h2>",    "</h2>\n", "<ul class=\"notes\">\n", "</ul>\n", "<li>",
    "</li>\n", html_out};

static void write_text(FILE *f, const struct report *r)
{
	const struct rx_program *p = &r->ctx->rx->program;
	char line[256], a[16], b[16], sk[160], dose[128], often[48];
	fputs("Home exercise report: ", f);
	put_text(f, p->title);
	fputc('\n', f);
	if (p->patient || p->therapist) {
		if (p->patient) {
			fputs("Patient: ", f);
			put_text(f, p->patient);
		}
		if (p->therapist) {
			fputs(p->patient ? "    Therapist: " : "Therapist: ",
			      f);
			put_text(f, p->therapist);
		}
		fputc('\n', f);
	}
	span_words(line, sizeof line, r);
	fprintf(f, "Span: %s\n\n", line);
	percent(a, sizeof a, r->done, r->due);
	percent(b, sizeof b, r->ontime, r->due_ontime);
	fprintf(f,
	        "Adherence: %s of due sessions (%d of %d); on time: %s (%d of "
	        "%d)\n",
	        a, r->done, r->due, b, r->ontime, r->due_ontime);
	char streak[96];
	fprintf(f, "Streak: %s\n",
	        progress_streak_text(&r->streak, streak, sizeof streak));
	skips_line(sk, sizeof sk, r->skips, r->skips_late);
	fprintf(f, "Skips: %s\n", sk);
	if (r->pain.n)
		fprintf(f, "Pain: average %.1f of 10 over %d session%s%s%s\n",
		        r->pain.avg, r->pain.n, r->pain.n == 1 ? "" : "s",
		        *trend(&r->pain) ? ", " : "", trend(&r->pain));
	fputs("\nExercise                        Done/due   All  On time  "
	      "Streak\n",
	      f);
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		pad_to(f, x->ex->name, 30);
		strfmt(line, sizeof line, "%d/%d", x->done, x->due);
		percent(a, sizeof a, x->done, x->due);
		percent(b, sizeof b, x->ontime, x->due_ontime);
		fprintf(f, "  %8s  %4s  %7s  %s\n", line, a, b,
		        streak_words(x, streak, sizeof streak));
		rx_dose(x->ex, false, dose, sizeof dose);
		rx_schedule(x->ex, often, sizeof often);
		skips_line(sk, sizeof sk, x->skips, x->skips_late);
		strfmt(line, sizeof line, "  %s, %s; skips: %s", dose, often,
		       sk);
		if (x->pain.n)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       "; pain %.1f%s%s", x->pain.avg,
			       *trend(&x->pain) ? " " : "", trend(&x->pain));
		if (!x->current)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       "; no longer prescribed");
		put_wrapped(f, line, 4);
		fputc('\n', f);
	}
	fputs("\nWeek of      Done/due  All  On time\n", f);
	for (size_t w = 0; w < r->n_weeks; w++) {
		char d[CAL_DATE_LEN];
		strfmt(line, sizeof line, "%d/%d", r->week_done[w],
		       r->week_due[w]);
		percent(a, sizeof a, r->week_done[w], r->week_due[w]);
		percent(b, sizeof b, r->week_ontime[w], r->week_due_ontime[w]);
		fprintf(f, "%s   %-9s %4s %7s\n", cal_format(r->weeks[w], d),
		        line, a, b);
	}
	if (r->n_notes) {
		fputs("\nNotes\n", f);
		for (size_t i = 0; i < r->n_notes; i++) {
			const struct report_note *n = &r->notes[i];
			char d[CAL_DATE_LEN], label[48];
			char *names = note_names(r, n);
			bool labelled = *note_label(n, label, sizeof label);
			char *all = xasprintf(
			    "%s  %s%s%s%s%s%s", cal_format(n->day, d), names,
			    labelled ? " (" : "", label, labelled ? ")" : "",
			    *n->text ? ": " : "", n->text);
			put_wrapped(f, all, 12);
			fputc('\n', f);
			free(all);
			free(names);
		}
	}
	write_extras(f, r, &text_style);
}

/* ---- Markdown
 * ----------------------------------------------------------------- */

/*
 * Text in Markdown (md: no pipes, line breaks as spaces, for a table
 * cell) or HTML: '<', '>', '&' and quotes as entities, so that no text
 * of the record becomes markup (SPEC section 6.2), and each control
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
		else if (cp == '"')
			fputs("&quot;", f);
		else if (cp == '\'')
			fputs("&#39;", f);
		else if (text_cp_forbidden(cp))
			fputc('?', f);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
}

/* Text in a Markdown table cell, as markup_text writes it. */
static void md_cell(FILE *f, const char *s)
{
	markup_text(f, s, true);
}

static void write_md(FILE *f, const struct report *r)
{
	const struct rx_program *p = &r->ctx->rx->program;
	char line[256], a[16], b[16], sk[160], dose[128], often[48];
	fputs("# Home exercise report: ", f);
	md_cell(f, p->title);
	fputs("\n\n", f);
	if (p->patient) {
		fputs("- Patient: ", f);
		md_cell(f, p->patient);
		fputc('\n', f);
	}
	if (p->therapist) {
		fputs("- Therapist: ", f);
		md_cell(f, p->therapist);
		fputc('\n', f);
	}
	span_words(line, sizeof line, r);
	fprintf(f, "- Span: %s\n", line);
	percent(a, sizeof a, r->done, r->due);
	percent(b, sizeof b, r->ontime, r->due_ontime);
	fprintf(
	    f,
	    "- Adherence: **%s** (%d of %d sessions); on time: %s (%d of %d)\n",
	    a, r->done, r->due, b, r->ontime, r->due_ontime);
	char streak[96];
	fprintf(f, "- Streak: %s\n",
	        progress_streak_text(&r->streak, streak, sizeof streak));
	skips_line(sk, sizeof sk, r->skips, r->skips_late);
	fprintf(f, "- Skips: %s\n", sk);
	if (r->pain.n)
		fprintf(f, "- Pain: average %.1f of 10 over %d session%s %s\n",
		        r->pain.avg, r->pain.n, r->pain.n == 1 ? "" : "s",
		        trend(&r->pain));
	fputs("\n## Exercises\n\n| Exercise | Dose | How often | Done/due | "
	      "All | On time | Streak | Skips | Pain |\n"
	      "|---|---|---|---:|---:|---:|---:|---|---|\n",
	      f);
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		fputs("| ", f);
		md_cell(f, x->ex->name);
		if (!x->current)
			fputs(" (no longer prescribed)", f);
		rx_schedule(x->ex, often, sizeof often);
		percent(a, sizeof a, x->done, x->due);
		percent(b, sizeof b, x->ontime, x->due_ontime);
		skips_line(sk, sizeof sk, x->skips, x->skips_late);
		fputs(" | ", f);
		md_cell(f, rx_dose(x->ex, false, dose, sizeof dose));
		fputs(" | ", f);
		md_cell(f, often);
		fprintf(f, " | %d/%d | %s | %s | %s | %s | ", x->done, x->due,
		        a, b, streak_words(x, streak, sizeof streak), sk);
		if (x->pain.n)
			fprintf(f, "%.1f %s", x->pain.avg, trend(&x->pain));
		fputs(" |\n", f);
	}
	fputs("\n## By week\n\n| Week of | Done/due | All | On time "
	      "|\n|---|---:|---:|---:|\n",
	      f);
	for (size_t w = 0; w < r->n_weeks; w++) {
		char d[CAL_DATE_LEN];
		percent(a, sizeof a, r->week_done[w], r->week_due[w]);
		percent(b, sizeof b, r->week_ontime[w], r->week_due_ontime[w]);
		fprintf(f, "| %s | %d/%d | %s | %s |\n",
		        cal_format(r->weeks[w], d), r->week_done[w],
		        r->week_due[w], a, b);
	}
	if (r->n_notes) {
		fputs("\n## Notes\n\n", f);
		for (size_t i = 0; i < r->n_notes; i++) {
			char d[CAL_DATE_LEN];
			fprintf(f, "- %s, ", cal_format(r->notes[i].day, d));
			char *names = note_names(r, &r->notes[i]);
			md_cell(f, names);
			free(names);
			char label[48];
			if (*note_label(&r->notes[i], label, sizeof label))
				fprintf(f, " (%s)", label);
			if (*r->notes[i].text) {
				fputs(": ", f);
				md_cell(f, r->notes[i].text);
			}
			fputc('\n', f);
		}
	}
	write_extras(f, r, &md_style);
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
			    "%.1f", psfs_score(&o->psfs.checkins[c].c));
		const struct outcome_week *x = NULL;
		for (size_t k = 0; k < o->n_weeks; k++)
			if (o->weeks[k].start == from)
				x = &o->weeks[k];
		if (x && x->n_before)
			ROW("pain_before", "%.1f", x->before);
		if (x && x->n_after)
			ROW("pain_after", "%.1f", x->after);
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
	if (!has_outcomes(o))
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
		csv_cell(f, exercise_name(r, e->exercise));
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
static void write_csv(FILE *f, const struct report *r)
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
		fprintf(f, "%s\"%s\": %d", k > 1 ? ", " : "", reason_order[k],
		        skips[k]);
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
	json_string(f, *trend(p) ? trend(p) : NULL);
	fputc('}', f);
}

static void write_json(FILE *f, const struct report *r)
{
	const struct rx_program *p = &r->ctx->rx->program;
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	fputs("{\"title\": ", f);
	json_string(f, p->title);
	fputs(", \"patient\": ", f);
	json_string(f, p->patient);
	fputs(", \"therapist\": ", f);
	json_string(f, p->therapist);
	fprintf(f,
	        ",\n \"from\": \"%s\", \"to\": \"%s\", \"since_visit\": %s,\n",
	        cal_format(r->from, a), cal_format(r->to, b),
	        r->since_visit ? "true" : "false");
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
	fprintf(f, ", \"skips_late\": %d, \"pain\": ", r->skips_late);
	json_pain(f, &r->pain);
	fputs(",\n \"exercises\": [", f);
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		char dose[128];
		fprintf(f, "%s\n  {\"id\": ", k ? "," : "");
		json_string(f, x->ex->id);
		fputs(", \"name\": ", f);
		json_string(f, x->ex->name);
		fputs(", \"dose\": ", f);
		json_string(f, rx_dose(x->ex, false, dose, sizeof dose));
		fprintf(f, ", \"per_day\": %d, \"per_week\": ", x->ex->per_day);
		json_int(f, x->ex->per_week, x->ex->per_week);
		fprintf(f,
		        ", \"prescribed_now\": %s, \"due\": %d, \"done\": %d, "
		        "\"due_on_time\": %d, \"done_on_time\": %d, "
		        "\"adherence\": ",
		        x->current ? "true" : "false", x->due, x->done,
		        x->due_ontime, x->ontime);
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
		fprintf(f, ", \"as_needed\": %s, \"sessions\": ",
		        x->ex->as_needed ? "true" : "false");
		json_int(f, x->sessions, x->ex->as_needed);
		fputs(", \"doses\": [", f);
		for (size_t i = 0; i < x->n_doses; i++) {
			char words[192];
			fprintf(f, "%s{\"from\": \"%s\", \"dose\": ",
			        i ? ", " : "", cal_format(x->doses[i].from, a));
			json_string(f, report_dose_text(x->doses[i].v, words,
			                                sizeof words));
			fputc('}', f);
		}
		fputs("], \"weeks\": [", f);
		for (size_t w = 0; w < r->n_weeks; w++)
			fprintf(
			    f,
			    "%s{\"start\": \"%s\", \"due\": %d, \"done\": %d}",
			    w ? ", " : "", cal_format(r->weeks[w], a),
			    x->week_due[w], x->week_done[w]);
		fputs("]}", f);
	}
	fputs("],\n \"weeks\": [", f);
	for (size_t w = 0; w < r->n_weeks; w++) {
		fprintf(f,
		        "%s\n  {\"start\": \"%s\", \"due\": %d, \"done\": %d, "
		        "\"due_on_time\": %d, \"done_on_time\": %d, "
		        "\"adherence\": ",
		        w ? "," : "", cal_format(r->weeks[w], a),
		        r->week_due[w], r->week_done[w], r->week_due_ontime[w],
		        r->week_ontime[w]);
		json_ratio(f, r->week_done[w], r->week_due[w]);
		fputc('}', f);
	}
	fputs("],\n \"pain_by_day\": [", f);
	for (size_t i = 0; i < r->n_days; i++)
		fprintf(f, "%s{\"day\": \"%s\", \"average\": %.2f}",
		        i ? ", " : "", cal_format(r->days[i].day, a),
		        r->days[i].avg);
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
		json_string(f, n->skip ? reason_order[n->skip] : NULL);
		fputs(", \"pain\": ", f);
		json_int(f, n->pain, n->pain >= 0);
		fputs(", \"text\": ", f);
		json_string(f, n->text);
		fputc('}', f);
	}
	fputs("],\n \"pain_events\": ", f);
	json_pain_events(f, r);
	fputs(",\n \"outcomes\": ", f);
	json_outcomes(f, r);
	fputs("}\n", f);
}

/* ---- HTML
 * ---------------------------------------------------------------------- */

static void html_text(FILE *f, const char *s)
{
	markup_text(f, s, false);
}

/*
 * The weekly x axis every weekly chart of the page shares, so that the
 * outcome charts stack under the adherence bars and line up with them: a
 * column per week of the report, its bar over the middle three quarters.
 */
enum { CHART_W = 640, CHART_LEFT = 40 };

static int week_column(const struct report *r)
{
	return r->n_weeks ? (CHART_W - CHART_LEFT - 10) / (int)r->n_weeks : 0;
}

/* The left edge of week i's bar. */
static int week_bar_x(const struct report *r, size_t i)
{
	int col = week_column(r);
	return CHART_LEFT + (int)i * col + col / 8;
}

/* The middle of week i's bar: its label and a weekly value. */
static int week_mid_x(const struct report *r, size_t i)
{
	return week_bar_x(r, i) + week_column(r) * 3 / 8;
}

/* A day of the span: its week's column cut in seven, the day in the
 * middle of its seventh (so one day is as wide as another). */
static double day_x(const struct report *r, cal_day d)
{
	int col = week_column(r);
	int k = (int)(d - r->weeks[0]);
	return CHART_LEFT + (k / 7) * col + (k % 7 + 0.5) * col / 7.0;
}

/* The weeks' labels under a chart, "2/11", at baseline y. */
static void svg_week_labels(FILE *f, const struct report *r, int y)
{
	for (size_t i = 0; i < r->n_weeks; i++) {
		int y0, m0, d0;
		cal_to_ymd(r->weeks[i], &y0, &m0, &d0);
		fprintf(f,
		        "<text x=\"%d\" y=\"%d\" class=\"axis\" "
		        "text-anchor=\"middle\">%d/%d</text>\n",
		        week_mid_x(r, i), y, d0, m0);
	}
}

/* Weekly adherence as bars: one per week, 0 to 100 %. */
static void svg_weeks(FILE *f, const struct report *r)
{
	int n = (int)r->n_weeks, w = CHART_W, h = 200, left = CHART_LEFT,
	    bottom = 30;
	int bar = week_column(r);
	fprintf(
	    f,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-label=\"Adherence by week\" class=\"chart\">\n",
	    w, h);
	for (int pct = 0; pct <= 100; pct += 50) {
		int y = h - bottom - pct * (h - bottom - 10) / 100;
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		        "class=\"grid\"/>"
		        "<text x=\"%d\" y=\"%d\" class=\"axis\" "
		        "text-anchor=\"end\">%d%%</text>\n",
		        left, y, w - 5, y, left - 4, y + 4, pct);
	}
	for (int i = 0; i < n; i++) {
		double ratio;
		char d[CAL_DATE_LEN];
		bool has =
		    progress_ratio(r->week_due[i], r->week_done[i], &ratio);
		int x = week_bar_x(r, (size_t)i);
		int bh = has ? (int)(ratio * (h - bottom - 10) + 0.5) : 0;
		if (has)
			fprintf(f,
			        "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			        "height=\"%d\" class=\"bar\">"
			        "<title>%s: %.0f%%</title></rect>\n",
			        x, h - bottom - bh, bar * 3 / 4, bh,
			        cal_format(r->weeks[i], d), ratio * 100);
	}
	svg_week_labels(f, r, h - bottom + 16);
	fputs("</svg>\n", f);
}

/* Pain over time: the daily average, 0 to 10, each day at its place in
 * its week's column (the adherence bars' weeks). */
static void svg_pain(FILE *f, const struct report *r)
{
	int w = CHART_W, h = 200, left = CHART_LEFT, bottom = 30;
	fprintf(
	    f,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-label=\"Pain over time\" class=\"chart\">\n",
	    w, h);
	for (int v = 0; v <= 10; v += 5) {
		int y = h - bottom - v * (h - bottom - 10) / 10;
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		        "class=\"grid\"/>"
		        "<text x=\"%d\" y=\"%d\" class=\"axis\" "
		        "text-anchor=\"end\">%d</text>\n",
		        left, y, w - 5, y, left - 4, y + 4, v);
	}
	if (r->n_days) {
		fputs("<polyline class=\"pain\" points=\"", f);
		for (size_t i = 0; i < r->n_days; i++) {
			int y = h - bottom -
			        (int)(r->days[i].avg * (h - bottom - 10) / 10);
			fprintf(f, "%s%.1f,%d", i ? " " : "",
			        day_x(r, r->days[i].day), y);
		}
		fputs("\"/>\n", f);
		for (size_t i = 0; i < r->n_days; i++) {
			char d[CAL_DATE_LEN];
			int y = h - bottom -
			        (int)(r->days[i].avg * (h - bottom - 10) / 10);
			fprintf(
			    f,
			    "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" "
			    "class=\"dot\"><title>%s: %.1f</title></circle>\n",
			    day_x(r, r->days[i].day), y,
			    cal_format(r->days[i].day, d), r->days[i].avg);
		}
	}
	svg_week_labels(f, r, h - bottom + 16);
	fputs("</svg>\n", f);
}

/* ---- the outcome charts (SPEC 8.1), on the adherence bars' weeks ---------
 */

/* An outcome chart's frame: its height and margins, and the values its
 * plot spans, lo at the bottom and hi at the top. */
struct frame {
	int h, top, bottom;
	double lo, hi;
};

static double frame_y(const struct frame *fr, double v)
{
	return fr->top + (fr->hi - v) * (fr->h - fr->top - fr->bottom) /
	                     (fr->hi - fr->lo);
}

/*
 * Opens an outcome chart: label names it (its aria-label and <title>),
 * caption heads it, then the weeks as the adherence chart has them: a
 * faint line between two weeks and each week's label.
 */
static void svg_outcome_open(FILE *f, const struct report *r,
                             const struct frame *fr, const char *label,
                             const char *caption)
{
	fprintf(f,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d "
	        "%d\" role=\"img\" aria-label=\"",
	        CHART_W, fr->h);
	html_text(f, label);
	fputs("\" class=\"chart\">\n<title>", f);
	html_text(f, label);
	fprintf(f, "</title>\n<text x=\"%d\" y=\"14\" class=\"cap\">",
	        CHART_LEFT);
	html_text(f, caption);
	fputs("</text>\n", f);
	int col = week_column(r);
	for (size_t i = 1; i < r->n_weeks; i++)
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		        "class=\"wk\"/>\n",
		        CHART_LEFT + (int)i * col, fr->top,
		        CHART_LEFT + (int)i * col, fr->h - fr->bottom);
	svg_week_labels(f, r, fr->h - fr->bottom + 16);
}

/* A labelled tick of the y axis: a grid line at v. */
static void svg_ytick(FILE *f, const struct frame *fr, double v,
                      const char *text)
{
	double y = frame_y(fr, v);
	fprintf(f,
	        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	        "class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"axis\" "
	        "text-anchor=\"end\">",
	        CHART_LEFT, y, CHART_W - 5, y, CHART_LEFT - 4, y + 4);
	html_text(f, text);
	fputs("</text>\n", f);
}

/* A series' points joined, in order (nothing to join under two). */
static void svg_line(FILE *f, const char *cls, const double *x, const double *y,
                     size_t n)
{
	if (n < 2)
		return;
	fprintf(f, "<polyline class=\"%s\" points=\"", cls);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "", x[i], y[i]);
	fputs("\"/>\n", f);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int32_t whole_tenths(double v)
{
	return (int32_t)(v < 0 ? v - 0.5 : v + 0.5);
}

/*
 * The y axis of a measure, in tenths: the values and the goal with room
 * around them (at least an eighth of the measure's range), widened to
 * whole steps of 1, 2 or 5 times a power of ten, four or so of them, and
 * kept within the measure's min and max.
 */
static void measure_axis(const struct outcome_measure *x, int64_t *lo,
                         int64_t *hi, int64_t *step)
{
	const struct rx_measure *m = x->m;
	int64_t a = INT64_MAX, b = INT64_MIN;
	for (size_t i = 0; i < x->n_days; i++) {
		int64_t v = whole_tenths(x->days[i].value);
		a = v < a ? v : a;
		b = v > b ? v : b;
	}
	if (m->goal != RX_NO_VALUE) {
		a = m->goal < a ? m->goal : a;
		b = m->goal > b ? m->goal : b;
	}
	int64_t least = ((int64_t)m->max - m->min) / 8;
	if (b - a < least) {
		int64_t more = least - (b - a);
		a -= more / 2;
		b += more - more / 2;
	}
	static const int64_t nice[3] = {1, 2, 5};
	*step = 0;
	for (int64_t p = 1; !*step; p *= 10)
		for (int k = 0; k < 3 && !*step; k++)
			if (nice[k] * p * 4 >= b - a)
				*step = nice[k] * p;
	*lo = floor_div(a, *step) * *step;
	*hi = -floor_div(-b, *step) * *step;
	if (*lo == *hi) {
		*lo -= *step;
		*hi += *step;
	}
	if (*lo < m->min)
		*lo = m->min;
	if (*hi > m->max)
		*hi = m->max;
}

enum { OUTCOME_H = 170, OUTCOME_TOP = 26, OUTCOME_BOTTOM = 30 };

/* A measure over the weeks: each day's value at its day, joined; the goal
 * as a dashed line. */
static void svg_measure(FILE *f, const struct report *r,
                        const struct outcome_measure *x)
{
	const struct rx_measure *m = x->m;
	int64_t lo, hi, step;
	measure_axis(x, &lo, &hi, &step);
	struct frame fr = {OUTCOME_H, OUTCOME_TOP, OUTCOME_BOTTOM, (double)lo,
	                   (double)hi};
	char label[200], caption[240], v[48], d[CAL_DATE_LEN];
	strfmt(label, sizeof label, "%s by week", m->name);
	strfmt(caption, sizeof caption, "%s%s%s%s, %s is better", m->name,
	       m->unit[0] ? " (" : "", m->unit, m->unit[0] ? ")" : "",
	       m->lower_better ? "lower" : "higher");
	svg_outcome_open(f, r, &fr, label, caption);
	for (int64_t t = -floor_div(-lo, step) * step; t <= hi; t += step)
		svg_ytick(f, &fr, (double)t,
		          rx_tenths_text((int32_t)t, v, sizeof v));
	if (m->goal != RX_NO_VALUE) {
		double y = frame_y(&fr, m->goal);
		/* The line, and its label top right (where no point
		 * goes), after a piece of the same dashes. */
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		        "class=\"goal\"/><line x1=\"%d\" y1=\"10\" "
		        "x2=\"%d\" y2=\"10\" class=\"goal-key\"/>"
		        "<text x=\"%d\" y=\"14\" class=\"axis\">goal ",
		        CHART_LEFT, y, CHART_W - 5, y, CHART_W - 130,
		        CHART_W - 106, CHART_W - 100);
		html_text(f, rx_measure_text(m, m->goal, v, sizeof v));
		fputs("</text>\n", f);
	}
	double *px = xcalloc(x->n_days, sizeof *px);
	double *py = xcalloc(x->n_days, sizeof *py);
	for (size_t i = 0; i < x->n_days; i++) {
		px[i] = day_x(r, x->days[i].day);
		py[i] = frame_y(&fr, x->days[i].value);
	}
	svg_line(f, "series", px, py, x->n_days);
	for (size_t i = 0; i < x->n_days; i++) {
		fprintf(f,
		        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
		        "class=\"pt\"><title>%s: ",
		        px[i], py[i], cal_format(x->days[i].day, d));
		html_text(f, rx_measure_text(m, (int32_t)x->days[i].value, v,
		                             sizeof v));
		fputs("</title></circle>\n", f);
	}
	free(px);
	free(py);
	fputs("</svg>\n", f);
}

/* The PSFS score, 0 to 10, a point per check-in at its day. */
static void svg_psfs(FILE *f, const struct report *r,
                     const struct outcome_psfs *p)
{
	struct frame fr = {OUTCOME_H, OUTCOME_TOP, OUTCOME_BOTTOM, 0, 10};
	char d[CAL_DATE_LEN];
	svg_outcome_open(f, r, &fr, "PSFS score by week",
	                 "PSFS score (0-10, the mean of the activities' "
	                 "ratings), higher is better");
	for (int t = 0; t <= 10; t += 5) {
		char v[8];
		strfmt(v, sizeof v, "%d", t);
		svg_ytick(f, &fr, t, v);
	}
	/* The line joins the check-ins of the latest list of activities
	 * only; one of an earlier list is an open point on its own. */
	double *px = xcalloc(p->n, sizeof *px);
	double *py = xcalloc(p->n, sizeof *py);
	double *lx = xcalloc(p->n, sizeof *lx);
	double *ly = xcalloc(p->n, sizeof *ly);
	size_t nl = 0;
	for (size_t i = 0; i < p->n; i++) {
		px[i] = day_x(r, p->checkins[i].day);
		py[i] = frame_y(&fr, psfs_score(&p->checkins[i].c));
		if (outcome_psfs_comparable(p, i)) {
			lx[nl] = px[i];
			ly[nl++] = py[i];
		}
	}
	svg_line(f, "series psfs", lx, ly, nl);
	for (size_t i = 0; i < p->n; i++) {
		bool same = outcome_psfs_comparable(p, i);
		fprintf(f,
		        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
		        "class=\"pt psfs%s\"><title>%s: %.1f (%zu "
		        "activit%s%s)</title></circle>\n",
		        px[i], py[i], same ? "" : " earlier",
		        cal_format(p->checkins[i].day, d),
		        psfs_score(&p->checkins[i].c), p->checkins[i].c.n,
		        p->checkins[i].c.n == 1 ? "y" : "ies",
		        same ? "" : ", an earlier list: not compared");
	}
	free(lx);
	free(ly);
	free(px);
	free(py);
	fputs("</svg>\n", f);
}

/* True if a week of the span has a pain before or after a session. */
static bool has_session_pain(const struct outcomes *o)
{
	for (size_t w = 0; w < o->n_weeks; w++)
		if (o->weeks[w].n_before || o->weeks[w].n_after)
			return true;
	return false;
}

/*
 * Pain before and after sessions, the weekly means at each week's middle:
 * after as a solid line with filled circles, before as a dashed line with
 * open squares (apart in grey too), and a legend saying so.
 */
static void svg_session_pain(FILE *f, const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	struct frame fr = {OUTCOME_H, OUTCOME_TOP, OUTCOME_BOTTOM, 0, 10};
	char d[CAL_DATE_LEN];
	svg_outcome_open(f, r, &fr, "Pain before and after sessions by week",
	                 "Pain around sessions (0-10), weekly means");
	for (int t = 0; t <= 10; t += 5) {
		char v[8];
		strfmt(v, sizeof v, "%d", t);
		svg_ytick(f, &fr, t, v);
	}
	/* The legend, top right. */
	int lx = CHART_W - 190;
	fprintf(
	    f,
	    "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"10\" class=\"after\"/>"
	    "<circle cx=\"%d\" cy=\"10\" r=\"3.5\" class=\"after-pt\"/>"
	    "<text x=\"%d\" y=\"14\" class=\"axis\">after</text>\n"
	    "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"10\" "
	    "class=\"before\"/>"
	    "<rect x=\"%d\" y=\"6.5\" width=\"7\" height=\"7\" "
	    "class=\"before-pt\"/>"
	    "<text x=\"%d\" y=\"14\" class=\"axis\">before</text>\n",
	    lx, lx + 24, lx + 12, lx + 30, lx + 80, lx + 104, lx + 88,
	    lx + 110);
	double *px = xcalloc(o->n_weeks, sizeof *px);
	double *py = xcalloc(o->n_weeks, sizeof *py);
	for (int pass = 0; pass < 2; pass++) {
		bool after = pass == 1; /* after last: drawn on top */
		size_t n = 0;
		for (size_t w = 0; w < o->n_weeks; w++) {
			const struct outcome_week *x = &o->weeks[w];
			if (after ? x->n_after : x->n_before) {
				px[n] = week_mid_x(r, w);
				py[n++] =
				    frame_y(&fr, after ? x->after : x->before);
			}
		}
		svg_line(f, after ? "after" : "before", px, py, n);
		n = 0;
		for (size_t w = 0; w < o->n_weeks; w++) {
			const struct outcome_week *x = &o->weeks[w];
			int k = after ? x->n_after : x->n_before;
			if (!k)
				continue;
			if (after)
				fprintf(f,
				        "<circle cx=\"%.1f\" cy=\"%.1f\" "
				        "r=\"3.5\" class=\"after-pt\">",
				        px[n], py[n]);
			else
				fprintf(f,
				        "<rect x=\"%.1f\" y=\"%.1f\" "
				        "width=\"7\" height=\"7\" "
				        "class=\"before-pt\">",
				        px[n] - 3.5, py[n] - 3.5);
			fprintf(f,
			        "<title>week of %s: %s %.1f (%d "
			        "session%s)</title></%s>\n",
			        cal_format(x->start, d),
			        after ? "after" : "before",
			        after ? x->after : x->before, k,
			        k == 1 ? "" : "s", after ? "circle" : "rect");
			n++;
		}
	}
	free(px);
	free(py);
	fputs("</svg>\n", f);
}

/* The outcome charts, under the adherence bars: each measure with a value
 * in the span, the PSFS with a check-in, pain around sessions. */
static bool has_outcome_charts(const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	for (size_t i = 0; i < o->n_measures; i++)
		if (o->measures[i].n_days)
			return true;
	return (o->has_psfs && o->psfs.n) || has_session_pain(o);
}

static void svg_outcomes(FILE *f, const struct report *r)
{
	const struct outcomes *o = &r->outcomes;
	for (size_t i = 0; i < o->n_measures; i++)
		if (o->measures[i].n_days)
			svg_measure(f, r, &o->measures[i]);
	if (o->has_psfs && o->psfs.n)
		svg_psfs(f, r, &o->psfs);
	if (has_session_pain(o))
		svg_session_pain(f, r);
}

static void write_html(FILE *f, const struct report *r)
{
	const struct rx_program *p = &r->ctx->rx->program;
	char line[256], a[16], b[16], sk[160], dose[128], often[48];
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
	      "charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\"/>\n<title>",
	      f);
	html_text(f, p->title);
	fputs(
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
	    "</style>\n</head>\n<body>\n<h1>",
	    f);
	html_text(f, p->title);
	fputs("</h1>\n<p class=\"meta\">", f);
	if (p->patient) {
		fputs("Patient: ", f);
		html_text(f, p->patient);
		fputs(" &#183; ", f);
	}
	if (p->therapist) {
		fputs("Therapist: ", f);
		html_text(f, p->therapist);
		fputs(" &#183; ", f);
	}
	span_words(line, sizeof line, r);
	html_text(f, line);
	fputs("</p>\n<div class=\"summary\">\n", f);
	percent(a, sizeof a, r->done, r->due);
	percent(b, sizeof b, r->ontime, r->due_ontime);
	fprintf(f,
	        "<div><div class=\"big\">%s</div>adherence (%d of %d "
	        "sessions)</div>\n",
	        a, r->done, r->due);
	fprintf(f, "<div><div class=\"big\">%s</div>on time (%d of %d)</div>\n",
	        b, r->ontime, r->due_ontime);
	fprintf(f,
	        "<div><div class=\"big\">%d</div>day%s in a row (longest "
	        "%d)</div>\n",
	        r->streak.current, r->streak.current == 1 ? "" : "s",
	        r->streak.longest);
	if (r->pain.n)
		fprintf(
		    f,
		    "<div><div class=\"big\">%.1f</div>average pain (0-10)%s%s"
		    "</div>\n",
		    r->pain.avg, *trend(&r->pain) ? ", trend: " : "",
		    trend(&r->pain));
	fputs("</div>\n", f);
	skips_line(sk, sizeof sk, r->skips, r->skips_late);
	fputs("<p>Skips: ", f);
	html_text(f, sk);
	/* The outcome charts stack under the adherence bars, on their
	 * weeks. */
	bool outcomes = has_outcome_charts(r);
	fprintf(f, "</p>\n<h2>Adherence%s by week</h2>\n",
	        outcomes ? " and outcomes" : "");
	svg_weeks(f, r);
	if (outcomes)
		svg_outcomes(f, r);
	fputs("<h2>Pain over time</h2>\n", f);
	if (r->n_days)
		svg_pain(f, r);
	else
		fputs("<p>No pain scores were recorded in this span.</p>\n", f);
	fputs("<h2>Exercises</h2>\n<table>\n<tr><th>Exercise</th><th>Dose</th>"
	      "<th class=\"n\">Done/due</th><th class=\"n\">All</th><th "
	      "class=\"n\">On time</th>"
	      "<th class=\"n\">Streak</th><th>Skips</th><th>Pain</th></tr>\n",
	      f);
	for (size_t k = 0; k < r->n_ex; k++) {
		const struct report_exercise *x = &r->ex[k];
		fputs("<tr><td>", f);
		html_text(f, x->ex->name);
		if (!x->current)
			fputs(" <em>(no longer prescribed)</em>", f);
		fputs("</td><td>", f);
		rx_schedule(x->ex, often, sizeof often);
		strfmt(line, sizeof line, "%s, %s",
		       rx_dose(x->ex, false, dose, sizeof dose), often);
		html_text(f, line);
		percent(a, sizeof a, x->done, x->due);
		percent(b, sizeof b, x->ontime, x->due_ontime);
		skips_line(sk, sizeof sk, x->skips, x->skips_late);
		char st[32];
		if (x->ex->as_needed)
			strfmt(st, sizeof st, "as needed");
		else
			strfmt(st, sizeof st, "%d %s", x->streak.current,
			       x->weeks ? "wk" : "d");
		fprintf(f,
		        "</td><td class=\"n\">%d/%d</td><td "
		        "class=\"n\">%s</td><td class=\"n\">%s</td>"
		        "<td class=\"n\">%s</td><td>%s</td><td>",
		        x->done, x->due, a, b, st, sk);
		if (x->pain.n)
			fprintf(f, "%.1f %s", x->pain.avg, trend(&x->pain));
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n<h2>By week</h2>\n<table>\n<tr><th>Week of</th><th "
	      "class=\"n\">Done/due</th>"
	      "<th class=\"n\">All</th><th class=\"n\">On time</th></tr>\n",
	      f);
	for (size_t w = 0; w < r->n_weeks; w++) {
		char d[CAL_DATE_LEN];
		percent(a, sizeof a, r->week_done[w], r->week_due[w]);
		percent(b, sizeof b, r->week_ontime[w], r->week_due_ontime[w]);
		fprintf(f,
		        "<tr><td>%s</td><td class=\"n\">%d/%d</td><td "
		        "class=\"n\">%s</td>"
		        "<td class=\"n\">%s</td></tr>\n",
		        cal_format(r->weeks[w], d), r->week_done[w],
		        r->week_due[w], a, b);
	}
	fputs("</table>\n", f);
	if (r->n_notes) {
		fputs("<h2>Notes</h2>\n<ul class=\"notes\">\n", f);
		for (size_t i = 0; i < r->n_notes; i++) {
			char d[CAL_DATE_LEN];
			fprintf(f, "<li><strong>%s</strong> ",
			        cal_format(r->notes[i].day, d));
			char *names = note_names(r, &r->notes[i]);
			html_text(f, names);
			free(names);
			char label[48];
			if (*note_label(&r->notes[i], label, sizeof label))
				fprintf(f, " (%s)", label);
			if (*r->notes[i].text) {
				fputs(": ", f);
				html_text(f, r->notes[i].text);
			}
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	write_extras(f, r, &html_style);
	fputs("<p class=\"meta\">Made by hep from the patient's own "
	      "record.</p>\n</body>\n</html>\n",
	      f);
}

void report_write(FILE *f, const struct report *r, enum report_format fmt)
{
	switch (fmt) {
	case REPORT_TEXT:
		write_text(f, r);
		break;
	case REPORT_MD:
		write_md(f, r);
		break;
	case REPORT_CSV:
		write_csv(f, r);
		break;
	case REPORT_JSON:
		write_json(f, r);
		break;
	case REPORT_HTML:
		write_html(f, r);
		break;
	}
}
