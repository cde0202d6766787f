/*
 * The HTML report's charts, inline SVG: adherence by week as bars, pain
 * over time, and the outcome charts (SPEC 8.1) stacked under the bars on
 * the same weeks: each measure, the PSFS, pain before and after sessions.
 */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

#include "hep/util.h"
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

/* The weeks' labels under a chart, "2 Nov" (never "2/11", which half the
 * world reads as February), at baseline y. */
static void svg_week_labels(FILE *f, const struct report *r, int y)
{
	for (size_t i = 0; i < r->n_weeks; i++) {
		int y0, m0, d0;
		cal_to_ymd(r->weeks[i], &y0, &m0, &d0);
		fprintf(f,
		        "<text x=\"%d\" y=\"%d\" class=\"axis\" "
		        "text-anchor=\"middle\">%d %s</text>\n",
		        week_mid_x(r, i), y, d0, cal_month_name(m0, true));
	}
}

enum { CHART_H = 200, CHART_BOTTOM = 30 };

/* Opens the adherence or the pain chart (label names it): a grid line at
 * 0, half of top and top, each labelled with its value and unit. */
static void svg_chart_open(FILE *f, const char *label, int top,
                           const char *unit)
{
	int w = CHART_W, h = CHART_H, left = CHART_LEFT, bottom = CHART_BOTTOM;
	fprintf(
	    f,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-label=\"%s\" class=\"chart\">\n",
	    w, h, label);
	for (int v = 0; v <= top; v += top / 2) {
		int y = h - bottom - v * (h - bottom - 10) / top;
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		        "class=\"grid\"/>"
		        "<text x=\"%d\" y=\"%d\" class=\"axis\" "
		        "text-anchor=\"end\">%d%s</text>\n",
		        left, y, w - 5, y, left - 4, y + 4, v, unit);
	}
}

/* Weekly adherence as bars: one per week, 0 to 100 %. */
static void svg_weeks(FILE *f, const struct report *r)
{
	int n = (int)r->n_weeks, h = CHART_H, bottom = CHART_BOTTOM;
	int bar = week_column(r);
	svg_chart_open(f, "Adherence by week", 100, "%");
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
	int h = CHART_H, bottom = CHART_BOTTOM;
	svg_chart_open(f, "Pain over time", 10, "");
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
			char d[CAL_DATE_LEN], v[16];
			int y = h - bottom -
			        (int)(r->days[i].avg * (h - bottom - 10) / 10);
			fprintf(
			    f,
			    "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" "
			    "class=\"dot\"><title>%s: %s</title></circle>\n",
			    day_x(r, r->days[i].day), y,
			    cal_format(r->days[i].day, d),
			    outcome_mean_text(r->days[i].avg, false, v,
			                      sizeof v));
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
	rpt_html_text(f, label);
	fputs("\" class=\"chart\">\n<title>", f);
	rpt_html_text(f, label);
	fprintf(f, "</title>\n<text x=\"%d\" y=\"14\" class=\"cap\">",
	        CHART_LEFT);
	rpt_html_text(f, caption);
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
	rpt_html_text(f, text);
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
		rpt_html_text(f, rx_measure_text(m, m->goal, v, sizeof v));
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
		rpt_html_text(f, rx_measure_text(m, (int32_t)x->days[i].value,
		                                 v, sizeof v));
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
		char v[16];
		fprintf(f,
		        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
		        "class=\"pt psfs%s\"><title>%s: %s (%zu "
		        "activit%s%s)</title></circle>\n",
		        px[i], py[i], same ? "" : " earlier",
		        cal_format(p->checkins[i].day, d),
		        outcome_mean_text(psfs_score(&p->checkins[i].c), false,
		                          v, sizeof v),
		        p->checkins[i].c.n,
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
			char v[16];
			fprintf(
			    f,
			    "<title>week of %s: %s %s (%d "
			    "session%s)</title></%s>\n",
			    cal_format(x->start, d), after ? "after" : "before",
			    outcome_mean_text(after ? x->after : x->before,
			                      false, v, sizeof v),
			    k, k == 1 ? "" : "s", after ? "circle" : "rect");
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

void rpt_html_charts(struct rpt_doc *d)
{
	FILE *f = d->f;
	const struct report *r = d->r;
	/* The outcome charts stack under the adherence bars, on their
	 * weeks. */
	bool outcomes = has_outcome_charts(r);
	fprintf(f, "<h2>Adherence%s by week</h2>\n",
	        outcomes ? " and outcomes" : "");
	svg_weeks(f, r);
	if (outcomes)
		svg_outcomes(f, r);
	fputs("<h2>Pain over time</h2>\n", f);
	if (r->n_days)
		svg_pain(f, r);
	else
		fputs("<p>No pain scores were recorded in this span.</p>\n", f);
}
