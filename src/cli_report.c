/*
 * The commands that read the record as a whole: remind (what is left
 * today), report and outcomes (the report's text, JSON, CSV, HTML and
 * SVG through report_write).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_impl.h"
#include "hep/progress.h"
#include "hep/report.h"
#include "hep/util.h"

/* ---- remind ------------------------------------------------------------- */

/* A timed exercise left today, in words (SPEC 2.2): its current slot if
 * not done, and the earlier ones missed ("Incentive spirometer: 12:00
 * due; 08:00 and 10:00 missed"), or the slots to come. *waiting: the
 * current slot is not done. */
static void timed_part(struct hep_ctx *ctx, const struct rx_exercise *e,
                       char *part, size_t size, bool *waiting)
{
	char words[400];
	*waiting = cli_slots_words(ctx, e, false, words, sizeof words);
	strfmt(part, size, "%s: %s", e->name, words);
}

/*
 * What is left today: a fixed exercise with sessions still due, or a
 * per-week one whose week is not met, that is neither done nor skipped
 * today; a timed one by its slots. Exit 0 when nothing is left, 1
 * otherwise; with --now, 1 only while a current slot is waiting, and
 * only those are said.
 */
int cmd_remind(const struct cli_opts *o, struct hep_ctx *ctx)
{
	struct day_item *items;
	size_t n;
	cal_day day = o->day != CAL_NONE ? o->day : ctx->today;
	/* After the program's end, nothing is due: not a word (SPEC 2.2). */
	if (history_ended(&ctx->hist, day))
		return 0;
	progress_day(&ctx->hist, day, &items, &n);
	char line[1024] = "", barred[512] = "", now_line[1024] = "";
	int left = 0, excused = 0, waiting = 0;
	for (size_t i = 0; i < n; i++) {
		const struct day_item *it = &items[i];
		const struct rx_exercise *e = it->ex;
		char part[160];
		excused += skip_excused(it->skip) && it->done < it->scheduled;
		/* A skip that excuses nothing keeps a fixed exercise's day
		 * from counting: never "all done" then (SPEC section 4). */
		if (it->skip != SKIP_NONE && !skip_excused(it->skip) &&
		    !e->per_week && it->done < it->due)
			strfmt(barred + strlen(barred),
			       sizeof barred - strlen(barred),
			       "%s%s skipped (%s)", barred[0] ? ", " : "",
			       e->name, skip_reason_name(it->skip));
		if (!progress_left(it))
			continue;
		bool wait = false;
		if (rx_timed(e) && day == ctx->today) {
			timed_part(ctx, e, part, sizeof part, &wait);
			if (wait)
				strpart(now_line, sizeof now_line, ", ", "%s",
				        part);
			waiting += wait;
		} else if (e->per_week)
			strfmt(part, sizeof part, "%s (%d of %d this week)",
			       e->name, it->week_done, it->week_target);
		else if (it->done > 0) {
			strfmt(part, sizeof part, "%s (%d of %d done)", e->name,
			       it->done, it->due);
		} else {
			strfmt(part, sizeof part, "%s", e->name);
		}
		strfmt(line + strlen(line), sizeof line - strlen(line), "%s%s",
		       left ? ", " : "", part);
		left++;
	}
	free(items);
	if (o->now) {
		if (!o->quiet && waiting)
			printf("%s\n", now_line);
		return waiting ? 1 : 0;
	}
	if (!o->quiet) {
		char when[32] = "today", d[CAL_DATE_LEN];
		if (day != ctx->today)
			strfmt(when, sizeof when, "on %s", cal_format(day, d));
		if (left)
			printf("%d left %s: %s", left, when, line);
		else if (barred[0])
			printf("Nothing left %s", when);
		else if (excused)
			/* Not "all done": nothing more is due, but not done. */
			printf("Nothing left %s: %d skipped, excused.", when,
			       excused);
		else if (day == ctx->today)
			printf("All done for today.");
		else
			printf("All done %s.", when);
		if (barred[0])
			printf("; %s: %s will not count toward your streak",
			       barred, day == ctx->today ? "today" : "the day");
		/* After a sentence ("All done for today."), a sentence. */
		char due[512];
		bool stop = !left && !barred[0];
		if (day == ctx->today &&
		    cli_checkin_due_names(ctx, due, sizeof due))
			printf(stop ? " Check-in due: %s."
			            : "; check-in due: %s",
			       due);
		fputc('\n', stdout);
	}
	return left ? 1 : 0;
}

/* ---- report ------------------------------------------------------------- */

/* Builds the report of from..to (from moved up to program start when the
 * span reaches back past it, *clipped saying so); false, told, if the span
 * ends before it starts (the message backwards) or the data file could not
 * be read. */
static bool build_report(struct hep_ctx *ctx, cal_day from, cal_day to,
                         const char *backwards, struct report *r, bool *clipped)
{
	if (from > to) {
		cli_fail("%s", backwards);
		return false;
	}
	/* Nothing is due before program start: a span reaching back past it
	 * (the default four weeks in the first month, or --from) starts
	 * there instead, and says so. A span wholly before it stays as asked
	 * (every day of it reads none). */
	cal_day start = ctx->hist.start;
	*clipped = start != CAL_NONE && from < start && start <= to;
	if (*clipped)
		from = start;
	char err[512];
	if (ctx_cover_snapshots(ctx, from, err, sizeof err) != 0 ||
	    report_build(ctx, from, to, r, err, sizeof err) != 0) {
		cli_fail("%s", err);
		return false;
	}
	return true;
}

/* Where a report's text goes: stdout, or outside UTF-8 a buffer that
 * ascii_flush writes with each glyph in its ASCII form (text_ascii_form):
 * the report's writers write UTF-8. */
struct ascii_out {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *ascii_open(struct ascii_out *a, bool ascii)
{
	a->buf = NULL;
	a->len = 0;
	a->f = ascii ? open_memstream(&a->buf, &a->len) : NULL;
	return a->f ? a->f : stdout;
}

static void ascii_flush(struct ascii_out *a)
{
	if (!a->f)
		return;
	fclose(a->f);
	size_t size = 2 * a->len + 1; /* "°" (2 bytes) is "deg" */
	char *t = xmalloc(size);
	fputs(text_ascii_form(a->buf ? a->buf : "", true, t, size), stdout);
	free(t);
	free(a->buf);
}

int cmd_outcomes(const struct cli_opts *o, struct hep_ctx *ctx)
{
	cal_day to = o->to_day != CAL_NONE ? o->to_day : ctx->today;
	cal_day from = o->from_day != CAL_NONE       ? o->from_day
	               : ctx->hist.start != CAL_NONE ? ctx->hist.start
	                                             : to;
	struct report r;
	bool clipped;
	if (!build_report(ctx, from, to,
	                  "the outcomes would end before they start", &r,
	                  &clipped))
		return 1;
	if (!o->json) {
		char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
		printf("%s: outcomes from %s to %s\n", ctx->rx->program.title,
		       cal_format(r.from, a), cal_format(r.to, b));
	}
	struct ascii_out a;
	report_write_outcomes(ascii_open(&a, ctx->ascii && !o->json), &r,
	                      o->json);
	ascii_flush(&a);
	report_free(&r);
	return 0;
}

int cmd_report(const struct cli_opts *o, struct hep_ctx *ctx)
{
	enum report_format fmt = REPORT_TEXT;
	if (o->format)
		report_format_parse(o->format, &fmt);
	cal_day to = o->to_day != CAL_NONE ? o->to_day : ctx->today;
	cal_day from = o->from_day != CAL_NONE ? o->from_day : to - 27;
	if (o->from_day == CAL_NONE && o->to_day == CAL_NONE)
		report_default_span(ctx, &from, &to);
	if (o->since_visit && !report_visit_span(ctx, &from, &to)) {
		fprintf(stderr, "hep: the prescription lists no clinic visit "
		                "before today (program.visits)\n");
		return 1;
	}
	struct report r;
	bool clipped;
	if (!build_report(ctx, from, to,
	                  "the report would end before it starts", &r,
	                  &clipped))
		return 1;
	r.since_visit = o->since_visit;
	r.from_start = clipped;
	/* The text follows the locale; the other formats are files, UTF-8. */
	struct ascii_out a;
	report_write(ascii_open(&a, ctx->ascii && fmt == REPORT_TEXT), &r, fmt);
	ascii_flush(&a);
	report_free(&r);
	return 0;
}
