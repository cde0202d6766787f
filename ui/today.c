/*
 * The Today screen: the day's checklist, the selected exercise's details
 * beside it (or below, on a narrow terminal), the skip asked on the
 * status line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#include "hep/advance.h"
#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* The screen's own state. */
struct today {
	size_t sel;                   /* selected item */
	char sel_id[RX_ID_MAX + 1];   /* its id: the selection follows it */
	size_t top;                   /* first item shown */
	enum skip_reason skip_reason; /* a skip being asked */
	int skip_pain;
	bool skip_all; /* ... of every exercise left (S), not the selection */
	bool to_left;  /* '.': select the first exercise left once re-read */
};

/* The first row of the list, and the width of the details pane beside it
 * (0: the details go below the list, on a terminal under 90 columns). */
enum { LIST_TOP = 2 };

static int details_pane(void)
{
	if (COLS < 90)
		return 0;
	return COLS / 3 < 48 ? COLS / 3 : 48;
}

/* Selects item i of the checklist: the selection follows its exercise. */
static void select_item(const struct ui *ui, struct today *t, size_t i)
{
	t->sel = i;
	if (i < ui->n_items)
		strfmt(t->sel_id, sizeof t->sel_id, "%s", ui->items[i].ex->id);
}

/* How many exercises of the day shown are left to do (progress_left),
 * and the first of them in *first (0 when none is). */
static size_t left_items(const struct ui *ui, size_t *first)
{
	size_t n = 0;
	*first = 0;
	for (size_t i = ui->n_items; i > 0; i--)
		if (progress_left(&ui->items[i - 1])) {
			*first = i - 1;
			n++;
		}
	return n;
}

/* The day's list was re-read: the selection follows the exercise
 * (t->sel_id), not the row number, when the day or the list changes;
 * after '.', it goes to the first exercise still to do (the first when
 * none is). */
static void follow(struct ui *ui, void *st)
{
	struct today *t = st;
	if (t->to_left) {
		size_t first;
		left_items(ui, &first);
		t->to_left = false;
		select_item(ui, t, first);
		return;
	}
	for (size_t i = 0; i < ui->n_items; i++)
		if (strcmp(ui->items[i].ex->id, t->sel_id) == 0)
			t->sel = i;
	if (t->sel >= ui->n_items)
		t->sel = ui->n_items ? ui->n_items - 1 : 0;
	if (!t->sel_id[0])
		select_item(ui, t, t->sel);
}

/* The colour of a box (the model decides the box). */
static int box_pair(enum box b)
{
	static const int pairs[BOX_KINDS] = {
	    [BOX_OPEN] = 0,           [BOX_PARTIAL] = PAIR_PARTIAL,
	    [BOX_DONE] = PAIR_DONE,   [BOX_WEEK_MET] = PAIR_DONE,
	    [BOX_EXCUSED] = PAIR_DIM, [BOX_SKIPPED] = PAIR_PARTIAL,
	};
	return pairs[b];
}

static void draw_header(struct ui *ui)
{
	struct hep_ctx *ctx = ui->ctx;
	char right[96], d[CAL_DATE_LEN];
	int y, m, md;
	cal_to_ymd(ui->day, &y, &m, &md);
	int pday = ctx_program_day(ctx, ui->day);
	const char *dot = ui_glyph(ui, GLYPH_DOT);
	/* The streak is always today's: on another day it says "now". */
	const char *now = ui->day == ctx->today ? "" : " now";
	if (pday > 0)
		strfmt(right, sizeof right,
		       "%s %d %s %d %s day %d %s streak%s %d",
		       cal_weekday_name(cal_weekday(ui->day)), md,
		       cal_month_name(m, true), y, dot, pday, dot, now,
		       ui->streak.current);
	else
		strfmt(right, sizeof right, "%s %s",
		       cal_weekday_name(cal_weekday(ui->day)),
		       cal_format(ui->day, d));
	int rw = text_width(right);
	int avail = COLS - 2 - rw - 2;
	if (avail < 12 && pday > 0) {
		/* Narrow: the date and the streak, the title cut first. */
		strfmt(right, sizeof right, "%d %s %s streak%s %d", md,
		       cal_month_name(m, true), dot, now, ui->streak.current);
		rw = text_width(right);
		avail = COLS - 2 - rw - 2;
	}
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	ui_text(ui, 0, 1, ctx->rx->program.title, avail > 0 ? avail : COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	if (avail > 0)
		ui_text(ui, 0, COLS - 1 - rw, right, rw);
	ui_hline(ui, 1, 0, COLS);
	/* On the rule: another day, or a check-in due today (there, not on
	 * the title's line, so that the title has the room). */
	char label[64] = "", key[16];
	if (ui->day != ctx->today)
		strfmt(label, sizeof label, " %s, not today: '.' goes back ",
		       ui->day < ctx->today ? "an earlier day" : "a later day");
	else if (ui->status == DAY_ENDED)
		strfmt(label, sizeof label, " (ended) ");
	else if (ui->checkin_due)
		strfmt(label, sizeof label, " check-in due: press %s ",
		       ui_key_name(ui, SCREEN_TODAY, ACT_CHECKIN, key,
		                   sizeof key));
	if (label[0]) {
		attron(A_REVERSE);
		ui_text(ui, 1, 2, label, COLS - 4);
		attroff(A_REVERSE);
	}
}

/* The sessions of the selection on the day shown (caller frees). */
static size_t selected_sessions(const struct ui *ui, const struct today *t,
                                struct session **out)
{
	size_t n = 0;
	*out = NULL;
	if (ui->n_items == 0 ||
	    store_sessions(ui->ctx->store, ui->items[t->sel].ex->id, ui->day,
	                   out, &n) != 0)
		return 0;
	return n;
}

/* When the exercise is due, in words: "Twice a day on Mon, Thu". */
static void schedule_text(const struct day_item *it, char *line, size_t size)
{
	const struct rx_exercise *e = it->ex;
	char times[16];
	strfmt(times, sizeof times, "%d times", e->per_day);
	if (e->per_day_max) /* a range: "3 to 5 times" */
		strfmt(times, sizeof times, "%d to %d times", e->per_day,
		       e->per_day_max);
	else if (e->per_day <= 2)
		strfmt(times, sizeof times, "%s",
		       e->per_day == 1 ? "once" : "twice");
	if (e->as_needed)
		strfmt(line, size, "as needed, up to %d a day", e->per_day);
	else if (e->per_week_max)
		strfmt(line, size,
		       "any %d to %d days a week, %s a day; %d done this week",
		       e->per_week, e->per_week_max, times, it->week_done);
	else if (e->per_week)
		strfmt(line, size,
		       "any %d day%s a week, %s a day; %d done this week",
		       e->per_week, e->per_week == 1 ? "" : "s", times,
		       it->week_done);
	else if (e->every)
		strfmt(line, size, "every %d days, %s a day", e->every, times);
	else if (e->days != RX_ALL_DAYS) {
		char days[64] = "";
		for (int w = 0; w < 7; w++)
			if (e->days & (1 << w))
				strfmt(days + strlen(days),
				       sizeof days - strlen(days), "%s%s",
				       days[0] ? ", " : "",
				       cal_weekday_name((enum cal_weekday)w));
		strfmt(line, size, "%s a day on %s", times, days);
	} else
		strfmt(line, size, "%s a day", times);
	line[0] =
	    (char)(line[0] >= 'a' && line[0] <= 'z' ? line[0] - 32 : line[0]);
}

/* What was recorded of the selection on the day shown, from row on:
 * each session's time, pain and note. Returns the row after them. */
static int draw_sessions(const struct ui *ui, const struct today *t, int y,
                         int x, int width, int rows, int row)
{
	char line[256];
	struct session *ss;
	size_t n = selected_sessions(ui, t, &ss);
	for (size_t i = 0; i < n && row < rows; i++) {
		int64_t utc = 0;
		struct cal_now at = {0};
		if (cal_parse_utc(ss[i].logged_at, &utc))
			cal_now_at(utc, &at);
		char when[CAL_MOMENT_LEN];
		if (ss[i].late)
			strfmt(line, sizeof line,
			       "Session %d (logged late, %s)", ss[i].n,
			       cal_moment_text(utc, when));
		else
			strfmt(line, sizeof line, "Session %d at %02d:%02d",
			       ss[i].n, at.minute / 60, at.minute % 60);
		if (ss[i].pain >= 0)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       ", pain %d", ss[i].pain);
		if (ss[i].pain_before >= 0)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       " (before %d)", ss[i].pain_before);
		if (ss[i].effort >= 0)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       ", effort %d", ss[i].effort);
		if (ss[i].note)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       ": %s", ss[i].note);
		attron(A_DIM);
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
		attroff(A_DIM);
	}
	store_sessions_free(ss, n);
	return row;
}

/* A timed exercise's slots (SPEC 2.2) from row on: each with its box,
 * done or not (taken, read at load: "[x] 08:00  [ ] 10:00"), the current
 * one (today) in reverse video, wrapped at width. Returns the row after
 * them. */
static int draw_slots(struct ui *ui, const struct rx_exercise *e,
                      unsigned taken, int y, int x, int width, int rows,
                      int row)
{
	int cur = ui->day == ui->ctx->today
	              ? rx_slot_current(e, ui->ctx->now.minute,
	                                ui->ctx->rx->program.day_starts)
	              : -1;
	char label[RX_AT_COLUMNS * 4 + 1], cell[64];
	int col = 0;
	for (int k = 0; rx_at_label(e, k, label, sizeof label) && row < rows;
	     k++) {
		enum box b = taken & (1u << k) ? BOX_DONE : BOX_OPEN;
		strfmt(cell, sizeof cell, "%s %s", progress_boxes[b].text,
		       label);
		int w = text_width(cell);
		if (col > 0 && col + 2 + w > width) {
			row++;
			col = 0;
		}
		if (row >= rows)
			break;
		col += col > 0 ? 2 : 0;
		if (k == cur)
			attron(A_REVERSE);
		ui_text(ui, y + row, x + col, cell, width - col);
		if (k == cur)
			attroff(A_REVERSE);
		col += w;
	}
	return row + (col > 0);
}

/* The instructions of the selected exercise. */
static void draw_details(struct ui *ui, const struct today *t, int y, int x,
                         int width, int rows)
{
	if (ui->n_items == 0 || rows <= 0 || width <= 0)
		return;
	const struct day_item *it = &ui->items[t->sel];
	const struct rx_exercise *e = it->ex;
	char line[256], dose[128];
	int row = 0;
	attron(A_BOLD);
	row += ui_wrap(ui, y + row, x, width, rows - row, e->name);
	attroff(A_BOLD);
	strfmt(line, sizeof line, "%s",
	       rx_dose(e, ui->ascii, dose, sizeof dose));
	row += ui_wrap(ui, y + row, x, width, rows - row, line);
	schedule_text(it, line, sizeof line);
	row += ui_wrap(ui, y + row, x, width, rows - row, line);
	if (rx_timed(e)) {
		row = draw_slots(ui, e, ui->slots ? ui->slots[t->sel] : 0, y, x,
		                 width, rows, row);
	} else if (e->at) {
		char label[RX_AT_COLUMNS * 4 + 1];
		strfmt(line, sizeof line, "Sessions: ");
		for (int k = 0; rx_at_label(e, k, label, sizeof label); k++)
			strpart(line, sizeof line, ", ", "%s", label);
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
	if (progress_step_text(it, line, sizeof line)) {
		line[0] = 'S'; /* "Step 2 of 2, since week 7" */
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
	if (ui->ready && ui->ready[t->sel])
		row += ui_wrap(ui, y + row, x, width, rows - row,
		               ui->ready[t->sel]);
	if (e->link) {
		strfmt(line, sizeof line, "o opens the demonstration: %s",
		       e->link);
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
	if (e->until != CAL_NONE) {
		char d[CAL_DATE_LEN];
		strfmt(line, sizeof line, "until %s", cal_format(e->until, d));
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
	if (it->skip != SKIP_NONE) {
		strfmt(line, sizeof line, "Skipped: %s (%s)",
		       skip_reason_name(it->skip),
		       skip_excused(it->skip) ? "excused" : "not excused");
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
	row = draw_sessions(ui, t, y, x, width, rows, row);
	if (e->notes && row + 1 < rows)
		ui_wrap(ui, y + row + 1, x, width, rows - row - 1, e->notes);
}

/* The boxes the day's list shows, in the table's order, with their words
 * ("[x] done  [ ] to do"): every glyph on the screen in its legend. */
static char *box_legend(const struct ui *ui, char *buf, size_t size)
{
	bool seen[BOX_KINDS] = {false};
	for (size_t i = 0; i < ui->n_items; i++)
		seen[progress_box(&ui->items[i])] = true;
	buf[0] = '\0';
	for (int b = 0; b < BOX_KINDS; b++)
		if (seen[b])
			strpart(buf, size, "  ", "%s %s",
			        progress_boxes[b].text, progress_boxes[b].word);
	return buf;
}

/* The rows the list takes in width columns: its items, a blank row and
 * its legend. */
static int list_rows(const struct ui *ui, int width)
{
	char legend[256];
	return (int)ui->n_items + 1 +
	       ui_legend(ui, 0, 1, width - 2,
	                 box_legend(ui, legend, sizeof legend), false);
}

static void draw_list(struct ui *ui, struct today *t, int y, int width,
                      int rows)
{
	if (ui->n_items == 0) {
		const char *msg =
		    ctx_program_day(ui->ctx, ui->day) > 0
		        ? "Nothing is due: a rest day."
		        : "The program has not started on this day.";
		ui_text(ui, y + 1, 2, msg, width - 2);
		return;
	}
	/* The legend below the items, after a blank row if there is room;
	 * a terminal too short for it and three items leaves it to ?. */
	char legend[256];
	box_legend(ui, legend, sizeof legend);
	int lr = ui_legend(ui, 0, 1, width - 2, legend, false);
	int gap = rows - lr - 1 >= (int)ui->n_items || rows - lr - 1 >= 4;
	if (rows - lr - gap < 3)
		lr = gap = 0;
	rows -= lr + gap;
	int shown = (int)ui->n_items < rows ? (int)ui->n_items : rows;
	if (lr) {
		attron(A_DIM);
		ui_legend(ui, y + shown + gap, 1, width - 2, legend, true);
		attroff(A_DIM);
	}
	if (t->sel < t->top)
		t->top = t->sel;
	if (rows > 0 && t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
	int name_w = 4;
	for (size_t i = 0; i < ui->n_items; i++) {
		int w = text_width(ui->items[i].ex->name);
		name_w = w > name_w ? w : name_w;
	}
	int count_w = 5; /* "10/12"; wider for the widest "3/3 +1" */
	for (size_t i = 0; i < ui->n_items; i++) {
		char c[24];
		int w =
		    text_width(progress_item_count(&ui->items[i], c, sizeof c));
		count_w = w > count_w ? w : count_w;
	}
	int fixed = 1 + 3 + 1 + 2 + count_w + 1;
	if (name_w > width - fixed)
		name_w = width - fixed;
	int dose_w = width - fixed - name_w - 2;
	for (size_t i = t->top; i < ui->n_items && (int)(i - t->top) < rows;
	     i++) {
		const struct day_item *it = &ui->items[i];
		int row = y + (int)(i - t->top);
		bool sel = i == t->sel;
		char count[24], dose[128];
		if (sel)
			attron(A_REVERSE);
		if (sel)
			mvhline(row, 0, ' ', width);
		enum box box = progress_box(it);
		int pair = box_pair(box);
		ui_color_on(ui, pair);
		if (pair == PAIR_DONE)
			attron(A_BOLD);
		ui_text(ui, row, 1, progress_boxes[box].text, 3);
		attroff(A_BOLD);
		ui_color_off(ui, pair);
		ui_text(ui, row, 5, it->ex->name, name_w);
		if (dose_w >= 8)
			ui_text(ui, row, 5 + name_w + 2,
			        rx_dose(it->ex, ui->ascii, dose, sizeof dose),
			        dose_w);
		ui_text(ui, row, width - count_w - 1,
		        progress_item_count(it, count, sizeof count), count_w);
		/* A step ready (▲) or a step back suggested (▼), in the last
		 * column: its words are in the details (SPEC 2.2). */
		if (ui->ready && ui->ready[i]) {
			const char *down = text_glyph(GLYPH_DOWN, ui->ascii);
			bool back =
			    strncmp(ui->ready[i], down, strlen(down)) == 0;
			ui_text(
			    ui, row, width - 1,
			    text_glyph(back ? GLYPH_DOWN : GLYPH_UP, ui->ascii),
			    1);
		}
		if (sel)
			attroff(A_REVERSE);
	}
}

/* The pain, then the note, of a skip being asked, if one is. */
static bool draw_skip_prompt(struct ui *ui, const struct today *t)
{
	if (ui->prompt != PROMPT_SKIP_PAIN && ui->prompt != PROMPT_SKIP_NOTE)
		return false;
	char after[120];
	bool note = ui->prompt == PROMPT_SKIP_NOTE;
	strfmt(after, sizeof after,
	       note ? "Skip%s (%s): a note, or Enter: "
	            : "Skip%s (%s): pain 0 to 10, or Enter: ",
	       t->skip_all ? " all" : "", skip_reason_name(t->skip_reason));
	ui_draw_question(ui, "", "", after, note);
	return true;
}

static void draw_status(struct ui *ui, const struct today *t)
{
	int y = LINES - 1;
	if (ui_draw_prompt(ui) || draw_skip_prompt(ui, t))
		return;
	if (ui->prompt == PROMPT_SKIP && ui->n_items) {
		/* The reasons are the answer: they stay whole, the name is
		 * cut, and on a narrow terminal the question takes the line
		 * above them. */
		static const char reasons[] =
		    "r rest  p pain  s sick  t travel  i time  o other  Esc no";
		const char *name = ui->items[t->sel].ex->name;
		char all[32];
		size_t first, n = left_items(ui, &first);
		if (t->skip_all) {
			strfmt(all, sizeof all, "all %zu left", n);
			name = n == 1 ? "the one left" : all;
		}
		int room = COLS - 2 - text_width(reasons) - 7; /* "Skip ? " */
		attron(A_BOLD);
		if (room >= 8 || room >= text_width(name)) {
			int x = 1 + ui_text(ui, y, 1, "Skip ", 5);
			x += ui_text(ui, y, x, name, room);
			x += ui_text(ui, y, x, "? ", 2);
			ui_text(ui, y, x, reasons, COLS - 1 - x);
		} else {
			move(y - 1, 0);
			clrtoeol();
			int x = 1 + ui_text(ui, y - 1, 1, "Skip ", 5);
			x += ui_text(ui, y - 1, x, name, COLS - 2 - x - 5);
			ui_text(ui, y - 1, x, "? Why:", 6);
			ui_text(ui, y, 1, reasons, COLS - 2);
		}
		attroff(A_BOLD);
		return;
	}
	if (ui->message[0]) {
		if (ui->message_error) {
			attron(A_BOLD);
			ui_color_on(ui, PAIR_ERROR);
		}
		ui_text(ui, y, 1, ui->message, COLS - 2);
		if (ui->message_error) {
			ui_color_off(ui, PAIR_ERROR);
			attroff(A_BOLD);
		}
		return;
	}
	static const struct hint hints[] = {
	    {{' '}, "tick"},  {{'u'}, "undo"}, {{'U'}, "redo"},
	    {{'l'}, "diary"}, {{'?'}, "help"}, {{'q'}, "quit"},
	};
	char hint[200];
	ui_footer(ui, hints, sizeof hints / sizeof *hints, hint, sizeof hint);
	attron(A_DIM);
	ui_text(ui, y, 1, hint, COLS - 2);
	attroff(A_DIM);
}

/* The program's summary, line by line, instead of the list, once it has
 * ended (SPEC 2.2). */
static void draw_summary(struct ui *ui, int top, int bottom)
{
	const char *p = ui->summary;
	for (int y = top + 1; *p && y <= bottom; y++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];
		strfmt(line, sizeof line, "%.*s", (int)len, p);
		ui_text(ui, y, 2, line, COLS - 4);
		p += len + (nl ? 1 : 0);
	}
}

static void draw(struct ui *ui, void *st)
{
	struct today *t = st;
	draw_header(ui);
	int top = LIST_TOP, bottom = LINES - 2; /* rows top..bottom: the body */
	if (ui->summary[0]) {
		draw_summary(ui, top, bottom);
		draw_status(ui, t);
		return;
	}
	int body = bottom - top + 1;
	int pane = details_pane();
	if (pane) {
		int list_w = COLS - pane - 1;
		draw_list(ui, t, top, list_w, body);
		move(top, list_w);
		if (ui->ascii)
			vline('|', body);
		else
			vline(ACS_VLINE, body);
		draw_details(ui, t, top, list_w + 2, pane - 2, body);
	} else {
		int rows = list_rows(ui, COLS);
		int detail_rows = body - rows - 1;
		if (detail_rows < 3) {
			rows = body;
			detail_rows = 0;
		}
		draw_list(ui, t, top, COLS, rows);
		if (detail_rows > 0) {
			ui_hline(ui, top + rows, 0, COLS);
			draw_details(ui, t, top + rows + 1, 2, COLS - 4,
			             detail_rows);
		}
	}
	draw_status(ui, t);
}

/* s: asks why, unless the exercise cannot be skipped (it is said at once,
 * not after the questions; record_skip decides all the same). */
static int ask_skip(struct ui *ui, const struct today *t)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[t->sel];
	if (it->ex->as_needed)
		ui_message(ui, false,
		           "%s is done as needed: there is nothing to skip.",
		           it->ex->name);
	else if (it->skip != SKIP_NONE)
		ui_message(ui, false,
		           "%s is skipped (%s); u takes the skip back.",
		           it->ex->name, skip_reason_name(it->skip));
	else if (it->done >= it->scheduled)
		ui_message(ui, false,
		           "%s is done for the day: there is nothing to skip.",
		           it->ex->name);
	else
		ui->prompt = PROMPT_SKIP;
	return DIRTY_SCREEN;
}

/* S: asks once why every exercise left is skipped, unless none is. */
static int ask_skip_all(struct ui *ui, struct today *t)
{
	size_t first;
	if (left_items(ui, &first) == 0) {
		ui_message(ui, false, "Nothing is left to skip %s.",
		           ui->day == ui->ctx->today ? "today" : "on this day");
		return DIRTY_SCREEN;
	}
	t->skip_all = true;
	ui->prompt = PROMPT_SKIP;
	return DIRTY_SCREEN;
}

/* Remembers the exercise each skip of S was tried on: the one a failure
 * names. */
static bool skip_tried(void *arg, const char *id, enum record_result r,
                       const char *msg)
{
	(void)r;
	(void)msg;
	strfmt(arg, RX_ID_MAX + 1, "%s", id);
	return true;
}

/* The skips of S, one per exercise left, each committed; the status line
 * says how many. */
static int skip_all(struct ui *ui, const struct today *t)
{
	char msg[512], id[RX_ID_MAX + 1] = "";
	int n;
	enum record_result r =
	    record_skip_all(ui->ctx, ui->day, t->skip_reason, t->skip_pain,
	                    ui->edit.buf, skip_tried, id, &n, msg, sizeof msg);
	int dirty = ui_after_write(ui, r, id, "skip", msg);
	/* Several exercises changed: the whole day is re-read. */
	ui->wrote = false;
	return dirty;
}

static void rated_step(struct ui *ui, const struct day_item *it, bool *pain,
                       bool *effort);

static int tick(struct ui *ui, const struct today *t)
{
	struct hep_ctx *ctx = ui->ctx;
	char msg[512];
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[t->sel];
	/* One key press never erases anything: Space on a done exercise
	 * records nothing and says how to take a session back. */
	if (it->done >= it->ex->per_day + rx_per_day_welcome(it->ex) &&
	    it->done > 0) {
		ui_message(
		    ui, false,
		    "%s is done for today; u takes the last session back.",
		    it->ex->name);
		return DIRTY_SCREEN;
	}
	if (skip_excused(it->skip) && it->done < it->scheduled) {
		ui_message(ui, false,
		           "%s is skipped (%s); u takes the skip back.",
		           it->ex->name, skip_reason_name(it->skip));
		return DIRTY_SCREEN;
	}
	/* An earned step counted by pain (or effort): asked at once, Enter
	 * leaving it empty (SPEC 2.2 point 5). */
	bool pain, effort;
	rated_step(ui, it, &pain, &effort);
	char id[RX_ID_MAX + 1];
	strfmt(id, sizeof id, "%s", it->ex->id);
	enum record_result r =
	    record_done(ctx, id, ui->day, -1, -1, NULL, msg, sizeof msg);
	ui->ticked = r == REC_OK;
	int dirty = ui_after_write(ui, r, id, "session", msg);
	if (r == REC_OK && (pain || effort)) {
		ui->then_effort = pain && effort;
		dirty |= ui_ask_correction(ui, id, 0,
		                           pain ? PROMPT_PAIN : PROMPT_EFFORT);
	}
	return dirty;
}

/* Whether the earned step of it counts the pain, the effort of a session:
 * the next step's criteria, or a back_off (pain). */
static void rated_step(struct ui *ui, const struct day_item *it, bool *pain,
                       bool *effort)
{
	const struct rx_exercise *base = ctx_earned_base(ui->ctx, it, ui->day);
	*pain = *effort = false;
	if (!base)
		return;
	*pain = base->back_off_sessions > 0 && it->ex->step > 0;
	if ((size_t)it->ex->step < base->n_steps) {
		const struct rx_when *w =
		    &rx_step(base, it->ex->step + 1)->when;
		*pain = *pain || w->pain_at_most >= 0;
		*effort = w->effort_at_most >= 0;
	}
}

/* a: the step the details show (SPEC 2.2 point 10), ▼ when a step back
 * is suggested, else the next (refused with why when it is not ready). */
static int take_step(struct ui *ui, const struct today *t)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[t->sel];
	if (ui->day != ui->ctx->today) {
		ui_message(ui, true, "A step is taken for today only.");
		return DIRTY_SCREEN;
	}
	struct step_readiness r;
	char msg[512], id[RX_ID_MAX + 1];
	bool back = ctx_readiness(ui->ctx, it, ui->day, ui->ascii, &r, msg,
	                          sizeof msg) == 0 &&
	            r.step >= 0 && r.back;
	strfmt(id, sizeof id, "%s", it->ex->id);
	enum record_result res =
	    advance_take(ui->ctx, id, back, msg, sizeof msg);
	return ui_after_write(ui, res, id, "step", msg);
}

/*
 * Runs xdg-open on link, directly (no shell), detached, its output thrown
 * away. Returns 0 once it runs, else the errno of why it could not start
 * (told through a pipe that its start closes).
 */
static int run_opener(char *link)
{
	int fd[2];
	if (pipe(fd) != 0)
		return errno;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	pid_t child = fork();
	if (child == 0) {
		/* The grandchild runs xdg-open; the child leaves at once, so
		 * nothing waits on the browser. */
		if (fork() == 0) {
			int null = open("/dev/null", O_RDWR | O_CLOEXEC);
			if (null >= 0) {
				dup2(null, 0);
				dup2(null, 1);
				dup2(null, 2);
			}
			setsid();
			char *const argv[] = {(char *)"xdg-open", link, NULL};
			execvp(argv[0], argv);
			int err = errno;
			ssize_t w = write(fd[1], &err, sizeof err);
			(void)w;
			_exit(127);
		}
		_exit(0);
	}
	int err = child < 0 ? errno : 0;
	close(fd[1]);
	if (child > 0) {
		waitpid(child, NULL, 0);
		/* The end of the pipe (xdg-open started) or why it did not. */
		if (read(fd[0], &err, sizeof err) != (ssize_t)sizeof err)
			err = 0;
	}
	close(fd[0]);
	return err;
}

/*
 * o: opens the selected exercise's link with xdg-open; only an https://
 * address, only the one the prescription gives (SPEC 2.1). When nothing
 * could open it, says so and shows the link whole, to be copied.
 */
static int open_link(struct ui *ui, const struct today *t)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct rx_exercise *e = ui->items[t->sel].ex;
	if (!rx_link_valid(e->link)) {
		ui_message(ui, false, "%s has no demonstration link.", e->name);
		return DIRTY_SCREEN;
	}
	char link[RX_LINK_MAX + 1];
	strfmt(link, sizeof link, "%s", e->link);
	int err = run_opener(link);
	if (!err) {
		ui_message(ui, false, "Opening %s in your browser.", e->link);
		return DIRTY_SCREEN;
	}
	strfmt(ui->notice, sizeof ui->notice,
	       "Nothing could open the link: %s%s. Copy it from here:\n%s",
	       err == ENOENT ? "xdg-open was not found" : "xdg-open failed: ",
	       err == ENOENT ? "" : strerror(err), e->link);
	return DIRTY_SCREEN;
}

static int undo(struct ui *ui, const struct today *t, bool redo)
{
	char msg[512];
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const char *id = ui->items[t->sel].ex->id;
	enum record_result r =
	    redo ? record_redo(ui->ctx, id, ui->day, msg, sizeof msg)
	         : record_undo(ui->ctx, id, ui->day, msg, sizeof msg);
	return ui_after_write(ui, r, id, redo ? "redo" : "undo", msg);
}

static int move_day(struct ui *ui, int step)
{
	struct hep_ctx *ctx = ui->ctx;
	cal_day to = ui->day + step;
	if (to > ctx->today) {
		ui_message(ui, true, "Later days cannot be filled in yet.");
		return DIRTY_SCREEN;
	}
	if (ctx->hist.start == CAL_NONE || to < ctx->hist.start) {
		ui_message(ui, true, "That is before the program started.");
		return DIRTY_SCREEN;
	}
	ui->day = to;
	ui->message[0] = '\0';
	return DIRTY_SCREEN | DIRTY_DAY;
}

/* The reason key of the skip prompt: then an optional pain. */
static int skip_answer(struct ui *ui, struct today *t, int key)
{
	static const struct {
		int key;
		enum skip_reason reason;
	} answers[] = {{'r', SKIP_REST},   {'p', SKIP_PAIN}, {'s', SKIP_SICK},
	               {'t', SKIP_TRAVEL}, {'i', SKIP_TIME}, {'o', SKIP_OTHER}};
	ui->prompt = PROMPT_NONE;
	for (size_t i = 0; i < sizeof answers / sizeof *answers; i++) {
		if (answers[i].key != key || ui->n_items == 0)
			continue;
		t->skip_reason = answers[i].reason;
		ui->prompt = PROMPT_SKIP_PAIN;
		ui_edit_start(&ui->edit, "", true);
		return DIRTY_SCREEN;
	}
	ui_message(ui, false, "Nothing skipped.");
	return DIRTY_SCREEN;
}

/* The pain, then the note, of a skip: dirty flags, or -1 when no skip is
 * being asked. */
static int skip_key(struct ui *ui, void *st, int key, bool fkey)
{
	struct today *t = st;
	if (ui->prompt == PROMPT_SKIP)
		return fkey ? DIRTY_NONE : skip_answer(ui, t, key);
	if (ui->prompt != PROMPT_SKIP_PAIN && ui->prompt != PROMPT_SKIP_NOTE)
		return -1;
	int r = ui_prompt_edit(ui, key, fkey);
	if (r == 0)
		return DIRTY_SCREEN;
	enum ui_prompt was = ui->prompt;
	ui->prompt = PROMPT_NONE;
	if (r < 0) {
		ui_message(ui, false, "Nothing skipped.");
		return DIRTY_SCREEN;
	}
	if (was == PROMPT_SKIP_PAIN) {
		int pain = ui_prompt_pain(ui, was);
		if (pain == -2)
			return DIRTY_SCREEN;
		t->skip_pain = pain;
		ui->prompt = PROMPT_SKIP_NOTE;
		ui_edit_start(&ui->edit, "", false);
		return DIRTY_SCREEN;
	}
	if (ui->n_items == 0)
		return DIRTY_SCREEN;
	if (t->skip_all)
		return skip_all(ui, t);
	char msg[512];
	const char *id = ui->items[t->sel].ex->id;
	enum record_result res =
	    record_skip(ui->ctx, id, ui->day, t->skip_reason, t->skip_pain,
	                ui->edit.buf, msg, sizeof msg);
	return ui_after_write(ui, res, id, "skip", msg);
}

/* t: the guided timer of the selection, unless it is done for the day. */
static int start_timer(struct ui *ui, const struct today *t)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[t->sel];
	if (it->done >= (it->ex->as_needed
	                     ? it->ex->per_day
	                     : it->due + rx_per_day_welcome(it->ex))) {
		ui_message(ui, true, "%s is done for the day.", it->ex->name);
		return DIRTY_SCREEN;
	}
	return ui_goto(ui, SCREEN_TIMER, CAL_NONE, it->ex->id);
}

/* Whether a acts on the selected exercise (what the summary of an ended
 * program hides). */
static bool on_selection(enum action a)
{
	switch (a) {
	case ACT_TICK:
	case ACT_UNDO:
	case ACT_REDO:
	case ACT_LINK:
	case ACT_ADVANCE:
	case ACT_SKIP:
	case ACT_SKIP_ALL:
	case ACT_PAIN:
	case ACT_NOTE:
	case ACT_EFFORT:
	case ACT_TIMER:
		return true;
	default:
		return false;
	}
}

static int handle(struct ui *ui, void *st, enum action a)
{
	struct today *t = st;
	/* After the end the summary stands where the list was: a key never
	 * acts on an exercise the patient cannot see (SPEC 2.2). */
	if (ui->summary[0] && on_selection(a)) {
		ui_message(ui, false,
		           "The program has ended: nothing is due. `hep done "
		           "ID` still records a session you keep up.");
		return DIRTY_SCREEN;
	}
	switch (a) {
	case ACT_UP:
		if (t->sel > 0)
			select_item(ui, t, t->sel - 1);
		return DIRTY_SCREEN;
	case ACT_DOWN:
		if (t->sel + 1 < ui->n_items)
			select_item(ui, t, t->sel + 1);
		return DIRTY_SCREEN;
	case ACT_FIRST:
	case ACT_LAST:
		if (ui->n_items > 0)
			select_item(ui, t,
			            a == ACT_FIRST ? 0 : ui->n_items - 1);
		return DIRTY_SCREEN;
	case ACT_TICK:
		return tick(ui, t);
	case ACT_UNDO:
	case ACT_REDO:
		return undo(ui, t, a == ACT_REDO);
	case ACT_LINK:
		return open_link(ui, t);
	case ACT_ADVANCE:
		return take_step(ui, t);
	case ACT_DIARY:
		return ui_goto(ui, SCREEN_DIARY, CAL_NONE, NULL);
	case ACT_SKIP:
		t->skip_all = false;
		return ask_skip(ui, t);
	case ACT_SKIP_ALL:
		return ask_skip_all(ui, t);
	case ACT_PAIN:
	case ACT_NOTE:
	case ACT_EFFORT:
		if (ui->n_items == 0)
			return DIRTY_NONE;
		return ui_ask_correction(ui, ui->items[t->sel].ex->id, 0,
		                         ui_correction_prompt(a));
	case ACT_TIMER:
		return start_timer(ui, t);
	case ACT_CHECKIN:
		return ui_goto(ui, SCREEN_CHECKIN, CAL_NONE, NULL);
	case ACT_PREV:
		return move_day(ui, -1);
	case ACT_NEXT:
		return move_day(ui, 1);
	case ACT_TODAY:
		/* Back to today, the selection on the first exercise still
		 * to do there (follow), not on one chosen on another day. */
		ui->day = ui->ctx->today;
		ui->message[0] = '\0';
		t->to_left = true;
		return DIRTY_SCREEN | DIRTY_DAY;
	case ACT_WEEK:
		return ui_goto(ui, SCREEN_WEEK, ui->day, NULL);
	case ACT_MONTH:
		return ui_goto(ui, SCREEN_MONTH, ui->day, NULL);
	case ACT_BACK:
		return DIRTY_SCREEN;
	default:
		return DIRTY_NONE;
	}
}

/* A click on an exercise selects it; on its box, ticks it too. */
static int click(struct ui *ui, void *st, int y, int x)
{
	struct today *t = st;
	if (y < LIST_TOP || y >= LIST_TOP + (int)(ui->n_items - t->top))
		return DIRTY_NONE;
	int pane = details_pane();
	if (pane && x >= COLS - pane)
		return DIRTY_NONE;
	select_item(ui, t, t->top + (size_t)(y - LIST_TOP));
	if (x >= 1 && x <= 3)
		return handle(ui, t, ACT_TICK);
	return DIRTY_SCREEN;
}

/* Opened from another screen: on the day it names, if it names one. */
static void enter(struct ui *ui, void *st, const struct ui_go *go)
{
	(void)st;
	if (go->day != CAL_NONE)
		ui->day = go->day;
}

static char *symbols(const struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	return progress_box_legend(buf, size);
}

static const struct help_note notes[] = {
    {"Name", "reversed: the exercise the keys act on"},
    {"\xE2\x96\xB2",
     "after the count: the next step is ready (a takes it; the details say why)"},
    {"\xE2\x96\xBC", "after the count: a step back is suggested (a takes it)"},
    {NULL, NULL},
};

const struct screen ui_today_screen = {
    .name = "the day's list",
    .mouse = "Click an exercise to select it; click its box to tick it.",
    .notes = notes,
    .size = sizeof(struct today),
    .enter = enter,
    .follow = follow,
    .draw = draw,
    .key = skip_key,
    .handle = handle,
    .click = click,
    .symbols = symbols,
};
