/* The command line: the day, the week and the streaks (`hep today`,
 * `hep week`, `hep streak`), in words and in JSON (SPEC section 4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_impl.h"
#include "hep/json.h"
#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"

/* ---- a timed exercise's slots (SPEC 2.2) ----------------------------- */

/* The slots of e in [from, to) not in taken, as "08:00, 10:00 and
 * 12:00" into buf; how many. */
static int slot_list(const struct rx_exercise *e, unsigned taken, int from,
                     int to, char *buf, size_t size)
{
	char label[8];
	int n = 0;
	buf[0] = '\0';
	for (int k = from; k < to && rx_at_label(e, k, label, sizeof label);
	     k++)
		if (!(taken & (1u << k))) {
			strpart(buf, size, ", ", "%s", label);
			n++;
		}
	/* The last comma becomes "and". */
	char *last = strrchr(buf, ',');
	if (last && strlen(buf) + 4 < size) {
		memmove(last + 4, last + 1, strlen(last + 1) + 1);
		memcpy(last, " and", 4);
	}
	return n;
}

bool cli_slots_words(struct hep_ctx *ctx, const struct rx_exercise *e,
                     bool later, char *buf, size_t size)
{
	unsigned taken = 0;
	int cur =
	    rx_slot_current(e, ctx->now.minute, ctx->rx->program.day_starts);
	record_slots_taken(ctx, e, ctx->today, &taken);
	char list[160], label[8];
	bool waiting = cur >= 0 && !(taken & (1u << cur));
	buf[0] = '\0';
	if (waiting && rx_at_label(e, cur, label, sizeof label))
		strpart(buf, size, "; ", "%s due", label);
	if (slot_list(e, taken, 0, cur, list, sizeof list))
		strpart(buf, size, "; ", "%s missed", list);
	if ((later || !buf[0]) &&
	    slot_list(e, taken, cur + 1, RX_MAX_AT, list, sizeof list))
		strpart(buf, size, "; ", "%s later today", list);
	return waiting;
}

/* ---- today ------------------------------------------------------------- */

/* Writes s padded with spaces to width display columns. */
static void pad(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = text_width(s); w < width; w++)
		fputc(' ', stdout);
}

/* What `today --json` gives of each exercise after its day's counts, in
 * its order (SPEC section 4): keys of the prescription, each written by
 * the field table (rx_field_json), and the week's sessions done (NULL:
 * an item's count, not a field). */
static const char *const today_keys[] = {
    "sets",     "reps", "hold",  "rest",      "side",   "per_day",
    "per_week", NULL,   "pause", "duration",  "load",   "tempo",
    "link",     "at",   "every", "as_needed", "effort",
};

/* The day's standing sessions of id, as `today --json` gives them (SPEC
 * 2.2, settled point 14): "sessions": [{"n", "slot", "pain",
 * "pain_before", "effort", "late"}], the slot a timed session took (null
 * for others), each value as last corrected. */
static void sessions_json(const struct hep_ctx *ctx, const char *id,
                          cal_day day)
{
	struct store_day d;
	fputs(", \"sessions\": [", stdout);
	if (store_day_read(ctx->store, id, day, &d) == 0) {
		for (size_t i = 0; i < d.state.n_sessions; i++) {
			const struct diary_session *s = &d.state.sessions[i];
			printf("%s{\"n\": %zu, \"slot\": ", i ? ", " : "",
			       i + 1);
			if (s->entry->slot[0])
				json_string(stdout, s->entry->slot);
			else
				fputs("null", stdout);
			fputs(", \"pain\": ", stdout);
			json_int(stdout, s->pain, s->pain >= 0);
			fputs(", \"pain_before\": ", stdout);
			json_int(stdout, s->pain_before, s->pain_before >= 0);
			fputs(", \"effort\": ", stdout);
			json_int(stdout, s->effort, s->effort >= 0);
			printf(", \"late\": %s}",
			       s->entry->late ? "true" : "false");
		}
		store_day_free(&d);
	}
	fputs("]", stdout);
}

/* The summary of an ended program, as today --json's "summary". */
static void summary_json(const struct program_summary *s)
{
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	double r;
	printf(",\n \"summary\": {\"start\": \"%s\", \"end\": \"%s\", "
	       "\"weeks\": %d, \"due\": %d, \"done\": %d, \"adherence\": ",
	       cal_format(s->start, a), cal_format(s->end, b), s->weeks, s->due,
	       s->done);
	if (progress_ratio(s->due, s->done, &r))
		printf("%.3f", r);
	else
		fputs("null", stdout);
	printf(", \"longest\": %d, \"measures\": [", s->longest);
	for (size_t i = 0; i < s->n; i++) {
		printf("%s{\"id\": ", i ? ", " : "");
		json_string(stdout, s->measures[i].m->id);
		for (int k = 0; k < 2; k++) {
			int32_t v =
			    k ? s->measures[i].latest : s->measures[i].first;
			char t[24];
			printf(", \"%s\": %s", k ? "latest" : "first",
			       v == RX_NO_VALUE
			           ? "null"
			           : rx_tenths_text(v, t, sizeof t));
		}
		fputc('}', stdout);
	}
	fputs("]}", stdout);
}

/* An item with earned steps (SPEC 2.2 point 1): "progress" (the step in
 * force: since when, earned by what; null before the first) and "ready"
 * (the step that is ready, back or not, why; null when none is). Items
 * without earned steps have neither key. */
static void earned_json(struct hep_ctx *ctx, const struct day_item *it,
                        cal_day day)
{
	const struct rx_exercise *e = it->ex;
	struct step_readiness r;
	char err[256], d[CAL_DATE_LEN], text[128];
	if (!ctx_earned_base(ctx, it, day))
		return;
	fputs(", \"progress\": ", stdout);
	if (e->step > 0) {
		fputs("{\"since\": ", stdout);
		if (it->step_since == CAL_NONE)
			fputs("null", stdout);
		else
			printf("\"%s\"", cal_format(it->step_since, d));
		fputs(", \"earned\": ", stdout);
		json_string(stdout,
		            rx_when_text(&e->when, false, text, sizeof text));
		fputs("}", stdout);
	} else {
		fputs("null", stdout);
	}
	fputs(", \"ready\": ", stdout);
	if (ctx_readiness(ctx, it, day, false, &r, err, sizeof err) != 0 ||
	    r.step < 0 || (!r.back && e->advance == RX_ADVANCE_THERAPIST)) {
		fputs("null", stdout);
		return;
	}
	printf("{\"step\": %d, \"back\": %s, \"why\": ", r.step,
	       r.back ? "true" : "false");
	json_string(stdout, r.why);
	fputs("}", stdout);
}

static void today_json(struct hep_ctx *ctx, cal_day day, enum day_status status,
                       const struct day_item *items, size_t n,
                       const struct program_summary *sum)
{
	char d[CAL_DATE_LEN];
	printf("{\"date\": \"%s\", \"status\": \"%s\",\n \"items\": [",
	       cal_format(day, d), day_status_name(status));
	for (size_t i = 0; i < n; i++) {
		const struct day_item *it = &items[i];
		const struct rx_exercise *e = it->ex;
		printf("%s\n  {\"id\": ", i ? "," : "");
		json_string(stdout, e->id);
		fputs(", \"name\": ", stdout);
		json_string(stdout, e->name);
		printf(", \"due\": %d, \"done\": %d, \"skip\": ", it->due,
		       it->done);
		json_string(stdout, skip_reason_name(it->skip));
		/* The prescription's fields, each as the field table writes
		 * it; an as-needed exercise has no schedule (null). */
		for (size_t k = 0; k < sizeof today_keys / sizeof *today_keys;
		     k++) {
			const struct rx_field *f =
			    today_keys[k] ? rx_field_named(today_keys[k])
			                  : NULL;
			printf(", \"%s\": ", f ? f->name : "week_done");
			if (!f)
				json_int(stdout, it->week_done, e->per_week);
			else if (e->as_needed && (f->rules & RX_RULE_NEVER_DUE))
				fputs("null", stdout);
			else
				rx_field_json(stdout, e, f);
		}
		fputs(", \"step\": ", stdout);
		json_int(stdout, e->step, e->step_count > 0);
		earned_json(ctx, it, day);
		/* SPEC 6.2: sessions beyond those prescribed (two copies
		 * each recorded the last), and whether the skip was late. */
		printf(", \"extra\": %d, \"skip_late\": ", it->extra);
		if (it->skip == SKIP_NONE)
			fputs("null", stdout);
		else
			fputs(it->skip_late ? "true" : "false", stdout);
		sessions_json(ctx, e->id, day);
		fputs("}", stdout);
	}
	struct streak st = progress_day_streak(&ctx->hist);
	printf("],\n \"streak\": {\"current\": %d, \"longest\": %d}",
	       st.current, st.longest);
	if (sum)
		summary_json(sum);
	fputs("}\n", stdout);
}

/* What today's check-in still asks for, in names ("Knee bend, PSFS");
 * false when nothing is due (or the data file cannot say). */
bool cli_checkin_due_names(struct hep_ctx *ctx, char *buf, size_t size)
{
	struct checkin c;
	char err[256];
	buf[0] = '\0';
	if (ctx_checkin(ctx, false, &c, err, sizeof err) != 0)
		return false;
	for (size_t i = 0; i < c.n; i++)
		if (c.item[i].due)
			strpart(buf, size, ", ", "%s",
			        c.item[i].m ? c.item[i].m->name : "PSFS");
	checkin_free(&c);
	return buf[0] != '\0';
}

static void today_text(struct hep_ctx *ctx, cal_day day, enum day_status status,
                       const struct day_item *items, size_t n,
                       const struct program_summary *sum)
{
	char d[CAL_DATE_LEN];
	int pday = ctx_program_day(ctx, day);
	printf("%s, %s %s", ctx->rx->program.title,
	       cal_weekday_name(cal_weekday(day)), cal_format(day, d));
	if (pday > 0)
		printf(", day %d", pday);
	/* Only flexible or as-needed work listed: no fixed day to judge, but
	 * not a rest day either. */
	bool work = false;
	for (size_t i = 0; i < n; i++)
		work = work || items[i].due > items[i].done;
	/* Every fixed exercise skipped for an excused reason: not a rest
	 * day the program gave, and said so. */
	if (progress_day_cell(&ctx->hist, day) == CELL_EXCUSED)
		printf(" (%s)\n", progress_boxes[BOX_EXCUSED].word);
	else if (status == DAY_REST && work)
		printf(" (no fixed exercises today)\n");
	else
		printf(" (%s)\n", day_status_name(status));
	struct streak st = progress_day_streak(&ctx->hist);
	char line[96];
	if (st.longest > 0)
		printf("Streak: %s\n",
		       progress_streak_text(&st, line, sizeof line));
	char notice[512];
	if (ctx_change_notice(ctx, ctx->ascii, notice, sizeof notice))
		printf("%s\n", notice);
	if (day == ctx->today &&
	    cli_checkin_due_names(ctx, notice, sizeof notice))
		printf("Check-in due: %s ('hep measure', 'hep psfs' or c on "
		       "the screen)\n",
		       notice);
	if (sum) {
		char text[2048];
		fputs(ctx_summary_text(ctx, sum, text, sizeof text), stdout);
		return;
	}
	if (n == 0) {
		puts(pday > 0 ? "Nothing is due: a rest day."
		              : "The program has not started yet.");
		return;
	}
	int name_w = 4, id_w = 2, dose_w = 30;
	for (size_t i = 0; i < n; i++) {
		char dose[128];
		if (text_width(items[i].ex->name) > name_w)
			name_w = text_width(items[i].ex->name);
		if ((int)strlen(items[i].ex->id) > id_w)
			id_w = (int)strlen(items[i].ex->id);
		rx_dose(items[i].ex, ctx->ascii, dose, sizeof dose);
		if (text_width(dose) > dose_w)
			dose_w = text_width(dose);
	}
	for (size_t i = 0; i < n; i++) {
		const struct day_item *it = &items[i];
		char dose[128], count[32];
		printf("%s ", progress_boxes[progress_box(it)].text);
		pad(it->ex->name, name_w);
		fputs("  ", stdout);
		pad(it->ex->id, id_w);
		fputs("  ", stdout);
		pad(rx_dose(it->ex, ctx->ascii, dose, sizeof dose), dose_w);
		/* The count padded only where more follows: no line ends in
		 * spaces. */
		progress_item_count(it, count, sizeof count);
		char more[400], ready[256];
		bool any = progress_item_more(it, more, sizeof more);
		char slots[240];
		/* A timed exercise today: its slots (SPEC 2.2). */
		if (rx_timed(it->ex) && it->skip == SKIP_NONE &&
		    day == ctx->today && it->done < it->due) {
			cli_slots_words(ctx, it->ex, true, slots, sizeof slots);
			strpart(more, sizeof more, ", ", "%s", slots);
			any = more[0] != '\0';
		}
		if (any)
			printf("  %-5s  %s\n", count, more);
		else
			printf("  %s\n", count);
		if (ctx_ready_line(ctx, it, day, ctx->ascii, ready,
		                   sizeof ready))
			printf("    %s\n", ready);
	}
}

int cmd_today(const struct cli_opts *o, struct hep_ctx *ctx)
{
	cal_day day = o->day != CAL_NONE ? o->day : ctx->today;
	struct day_item *items;
	size_t n;
	enum day_status status = progress_day(&ctx->hist, day, &items, &n);
	/* After the program's end: its summary (SPEC 2.2). */
	struct program_summary sum;
	char err[512];
	int ended = ctx_summary(ctx, day, &sum, err, sizeof err);
	if (ended < 0) {
		free(items);
		return cli_fail("%s", err);
	}
	if (o->json)
		today_json(ctx, day, status, items, n, ended ? &sum : NULL);
	else
		today_text(ctx, day, status, items, n, ended ? &sum : NULL);
	free(items);
	return 0;
}

/* ---- week and streak ---------------------------------------------------- */

static const char *unit_name(bool weeks)
{
	return weeks ? "weeks" : "days";
}

static void json_streak(const struct streak *s, const char *unit)
{
	printf("{\"current\": %d, \"longest\": %d", s->current, s->longest);
	if (unit)
		printf(", \"unit\": \"%s\"", unit);
	fputc('}', stdout);
}

static void json_ints(const int *v)
{
	for (int k = 0; k < 7; k++)
		printf("%s%d", k ? ", " : "[", v[k]);
	fputc(']', stdout);
}

static void week_json(const struct week_view *w)
{
	char d[CAL_DATE_LEN];
	printf("{\"start\": \"%s\",\n \"days\": [", cal_format(w->first, d));
	for (int k = 0; k < 7; k++)
		printf("%s\"%s\"", k ? ", " : "", cal_format(w->first + k, d));
	fputs("],\n \"status\": [", stdout);
	for (int k = 0; k < 7; k++)
		printf("%s\"%s\"", k ? ", " : "",
		       day_status_name(w->status[k]));
	fputs("],\n \"exercises\": [", stdout);
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct week_row *r = &w->rows[i];
		printf("%s\n  {\"id\": ", i ? "," : "");
		json_string(stdout, r->ex->id);
		fputs(", \"due\": ", stdout);
		json_ints(r->due);
		fputs(", \"done\": ", stdout);
		json_ints(r->done);
		fputs(", \"skip\": [", stdout);
		for (int k = 0; k < 7; k++) {
			fputs(k ? ", " : "", stdout);
			json_string(stdout, skip_reason_name(r->skip[k]));
		}
		fputs("], \"target\": ", stdout);
		json_int(stdout, r->target, r->ex->per_week);
		fputs(", \"met\": ", stdout);
		json_int(stdout, r->met, r->ex->per_week);
		fputs(", \"streak\": ", stdout);
		if (r->ex->as_needed)
			fputs("null", stdout);
		else
			json_streak(&r->streak, unit_name(r->weeks));
		fputc('}', stdout);
	}
	double ratio;
	printf("],\n \"due\": %d, \"done\": %d, \"adherence\": ", w->due,
	       w->done);
	if (progress_ratio(w->due, w->done, &ratio))
		printf("%.3f", ratio);
	else
		fputs("null", stdout);
	fputs(",\n \"streak\": ", stdout);
	json_streak(&w->streak, NULL);
	fputs("}\n", stdout);
}

static const char *plural(int n, const char *unit)
{
	static char buf[32];
	size_t len = strlen(unit);
	strfmt(buf, sizeof buf, "%.*s", (int)(n == 1 ? len - 1 : len), unit);
	return buf;
}

/* A legend ("x done  ~ partial ..."), its items kept whole on lines of
 * at most 80 columns. */
static void legend_lines(const char *legend)
{
	int col = 0;
	for (const char *p = legend; *p;) {
		const char *end = strstr(p, "  ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (col > 0 && col + 2 + (int)len > 80) {
			fputc('\n', stdout);
			col = 0;
		}
		printf("%s%.*s", col ? "  " : "", (int)len, p);
		col += (col ? 2 : 0) + (int)len;
		p += len + (end ? 2 : 0);
	}
	fputc('\n', stdout);
}

static void week_text(const struct hep_ctx *ctx, const struct week_view *w)
{
	char d[CAL_DATE_LEN];
	double ratio;
	/* A week other than the clock's is "that week", never "this week". */
	bool current = w->current;
	const char *which = current ? "this week" : "that week";
	printf("%s, week of %s %s\n", ctx->rx->program.title,
	       cal_weekday_name(cal_weekday(w->first)),
	       cal_format(w->first, d));
	int name_w = 8;
	for (size_t i = 0; i < w->n_rows; i++)
		if (text_width(w->rows[i].ex->name) > name_w)
			name_w = text_width(w->rows[i].ex->name);
	pad("", name_w);
	for (int k = 0; k < 7; k++)
		printf("  %s", cal_weekday_name(cal_weekday(w->first + k)));
	/* A row's streak is as of today, whatever week is shown. */
	printf("  streak%s\n", current ? "" : " now");
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct week_row *r = &w->rows[i];
		pad(r->ex->name, name_w);
		for (int k = 0; k < 7; k++)
			printf("   %s ", progress_cell_glyph(
			                     progress_week_cell(r, k, w->first,
			                                        ctx->today),
			                     ctx->ascii));
		if (r->ex->as_needed)
			printf(" as needed");
		else
			printf(" %d %s", r->streak.current,
			       plural(r->streak.current, unit_name(r->weeks)));
		if (r->ex->per_week)
			printf(", %d/%d %s", r->met, r->target, which);
		fputc('\n', stdout);
	}
	pad("The day", name_w);
	/* No line ends in a space. */
	for (int k = 0; k < 7; k++)
		printf("   %s%s", progress_cell_glyph(w->cells[k], ctx->ascii),
		       k < 6 ? " " : "");
	fputc('\n', stdout);
	if (progress_ratio(w->due, w->done, &ratio))
		printf("Adherence: %.1f%% (%d of %d sessions%s)\n", ratio * 100,
		       w->done, w->due, current ? " so far" : "");
	else
		printf("Adherence: nothing counted %s\n",
		       current ? "yet this week" : "that week");
	char line[96];
	printf("Streak: %s\n",
	       progress_streak_text(&w->streak, line, sizeof line));
	char legend[256];
	legend_lines(progress_cell_legend(ctx->ascii, legend, sizeof legend));
}

int cmd_week(const struct cli_opts *o, struct hep_ctx *ctx)
{
	struct week_view w;
	progress_week(&ctx->hist, o->day != CAL_NONE ? o->day : ctx->today, &w);
	if (o->json)
		week_json(&w);
	else
		week_text(ctx, &w);
	progress_week_free(&w);
	return 0;
}

int cmd_streak(const struct cli_opts *o, struct hep_ctx *ctx)
{
	struct streak all = progress_day_streak(&ctx->hist);
	const struct rx *rx = ctx->rx;
	if (o->json) {
		printf("{\"current\": %d, \"longest\": %d,\n \"exercises\": {",
		       all.current, all.longest);
	} else {
		char line[96];
		printf("Streak: %s\n",
		       progress_streak_text(&all, line, sizeof line));
	}
	int name_w = 8;
	for (size_t i = 0; i < rx->n_ex; i++)
		if (text_width(rx->ex[i].name) > name_w)
			name_w = text_width(rx->ex[i].name);
	for (size_t i = 0, listed = 0; i < rx->n_ex; i++) {
		bool weeks;
		if (rx->ex[i].as_needed)
			continue; /* never due: no streak (SPEC 2.1) */
		struct streak s =
		    progress_exercise_streak(&ctx->hist, rx->ex[i].id, &weeks);
		if (o->json) {
			printf("%s\n  ", listed++ ? "," : "");
			json_string(stdout, rx->ex[i].id);
			fputs(": ", stdout);
			json_streak(&s, unit_name(weeks));
		} else {
			fputs("  ", stdout);
			pad(rx->ex[i].name, name_w);
			printf("  %d %s", s.current,
			       plural(s.current, unit_name(weeks)));
			printf(" (longest %d)\n", s.longest);
		}
	}
	if (o->json)
		fputs("}}\n", stdout);
	return 0;
}
