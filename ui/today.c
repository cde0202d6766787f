#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

void ui_select(struct ui *ui, size_t i)
{
	ui->sel = i;
	if (i < ui->n_items)
		strfmt(ui->sel_id, sizeof ui->sel_id, "%s",
		       ui->items[i].ex->id);
}

void ui_today_load(struct ui *ui)
{
	/* The selection follows the exercise (ui->sel_id), not the row
	 * number, when the day or the list changes. (The old items may point
	 * into snapshots a refresh has freed: they are not read here.) */
	free(ui->items);
	ui->items = NULL;
	ui->n_items = 0;
	if (!ui_cover(ui, ui->day))
		return;
	ui->status =
	    progress_day(&ui->ctx->hist, ui->day, &ui->items, &ui->n_items);
	ui_checkin_load(ui);
	for (size_t i = 0; i < ui->n_items; i++)
		if (strcmp(ui->items[i].ex->id, ui->sel_id) == 0)
			ui->sel = i;
	if (ui->sel >= ui->n_items)
		ui->sel = ui->n_items ? ui->n_items - 1 : 0;
	if (!ui->sel_id[0])
		ui_select(ui, ui->sel);
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
	const char *dot = ui->ascii ? "-" : "\xC2\xB7";
	/* The streak is always today's: on another day it says "now". */
	const char *now = ui->day == ctx->today ? "" : " now";
	char due[40] = "";
	if (ui->checkin_due && ui->day == ctx->today)
		strfmt(due, sizeof due, " %s check-in due", dot);
	if (pday > 0)
		strfmt(right, sizeof right,
		       "%s %d %s %d %s day %d %s streak%s %d%s",
		       cal_weekday_name(cal_weekday(ui->day)), md,
		       cal_month_name(m, true), y, dot, pday, dot, now,
		       ui->streak.current, due);
	else
		strfmt(right, sizeof right, "%s %s",
		       cal_weekday_name(cal_weekday(ui->day)),
		       cal_format(ui->day, d));
	int rw = text_width(right);
	int avail = COLS - 2 - rw - 2;
	if (avail < 12 && pday > 0) {
		/* Narrow: the date and the streak, the title cut first. */
		strfmt(right, sizeof right, "%d %s %s streak%s %d%s", md,
		       cal_month_name(m, true), dot, now, ui->streak.current,
		       due);
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
	if (ui->day != ctx->today) {
		char label[64];
		strfmt(label, sizeof label, " %s, not today: '.' goes back ",
		       ui->day < ctx->today ? "an earlier day" : "a later day");
		attron(A_REVERSE);
		ui_text(ui, 1, 2, label, COLS - 4);
		attroff(A_REVERSE);
	}
}

/* The sessions of the selection on the day shown (caller frees). */
static size_t selected_sessions(const struct ui *ui, struct session **out)
{
	size_t n = 0;
	*out = NULL;
	if (ui->n_items == 0 ||
	    store_sessions(ui->ctx->store, ui->items[ui->sel].ex->id, ui->day,
	                   out, &n) != 0)
		return 0;
	return n;
}

/* The instructions of the selected exercise. */
static void draw_details(struct ui *ui, int y, int x, int width, int rows)
{
	if (ui->n_items == 0 || rows <= 0 || width <= 0)
		return;
	const struct day_item *it = &ui->items[ui->sel];
	const struct rx_exercise *e = it->ex;
	char line[256], dose[128];
	int row = 0;
	attron(A_BOLD);
	row += ui_wrap(ui, y + row, x, width, rows - row, e->name);
	attroff(A_BOLD);
	strfmt(line, sizeof line, "%s",
	       rx_dose(e, ui->ascii, dose, sizeof dose));
	row += ui_wrap(ui, y + row, x, width, rows - row, line);
	char times[16];
	strfmt(times, sizeof times, "%d times", e->per_day);
	if (e->per_day <= 2)
		strfmt(times, sizeof times, "%s",
		       e->per_day == 1 ? "once" : "twice");
	if (e->as_needed)
		strfmt(line, sizeof line, "as needed, up to %d a day",
		       e->per_day);
	else if (e->per_week)
		strfmt(line, sizeof line,
		       "any %d day%s a week, %s a day; %d done this week",
		       e->per_week, e->per_week == 1 ? "" : "s", times,
		       it->week_done);
	else if (e->every)
		strfmt(line, sizeof line, "every %d days, %s a day", e->every,
		       times);
	else if (e->days != RX_ALL_DAYS) {
		char days[64] = "";
		for (int w = 0; w < 7; w++)
			if (e->days & (1 << w))
				strfmt(days + strlen(days),
				       sizeof days - strlen(days), "%s%s",
				       days[0] ? ", " : "",
				       cal_weekday_name((enum cal_weekday)w));
		strfmt(line, sizeof line, "%s a day on %s", times, days);
	} else
		strfmt(line, sizeof line, "%s a day", times);
	line[0] =
	    (char)(line[0] >= 'a' && line[0] <= 'z' ? line[0] - 32 : line[0]);
	row += ui_wrap(ui, y + row, x, width, rows - row, line);
	if (e->at) {
		char label[RX_AT_COLUMNS * 4 + 1];
		strfmt(line, sizeof line, "Sessions: ");
		for (int k = 0; rx_at_label(e, k, label, sizeof label); k++)
			strpart(line, sizeof line, ", ", "%s", label);
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
	if (e->step > 0) {
		strfmt(line, sizeof line, "Step %d of %d, since %s", e->step,
		       e->step_count, e->step_label ? e->step_label : "");
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
	}
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
	/* What was recorded: each session's time, pain and note. */
	struct session *ss;
	size_t n = selected_sessions(ui, &ss);
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
		if (ss[i].note)
			strfmt(line + strlen(line), sizeof line - strlen(line),
			       ": %s", ss[i].note);
		attron(A_DIM);
		row += ui_wrap(ui, y + row, x, width, rows - row, line);
		attroff(A_DIM);
	}
	store_sessions_free(ss, n);
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

static void draw_list(struct ui *ui, int y, int width, int rows)
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
	if (ui->sel < ui->top)
		ui->top = ui->sel;
	if (rows > 0 && ui->sel >= ui->top + (size_t)rows)
		ui->top = ui->sel - (size_t)rows + 1;
	int name_w = 4;
	for (size_t i = 0; i < ui->n_items; i++) {
		int w = text_width(ui->items[i].ex->name);
		name_w = w > name_w ? w : name_w;
	}
	int count_w = 5;
	int fixed = 1 + 3 + 1 + 2 + count_w + 1;
	if (name_w > width - fixed)
		name_w = width - fixed;
	int dose_w = width - fixed - name_w - 2;
	for (size_t i = ui->top; i < ui->n_items && (int)(i - ui->top) < rows;
	     i++) {
		const struct day_item *it = &ui->items[i];
		int row = y + (int)(i - ui->top);
		bool sel = i == ui->sel;
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
		if (sel)
			attroff(A_REVERSE);
	}
}

static void draw_status(struct ui *ui)
{
	int y = LINES - 1;
	if (ui_draw_prompt(ui))
		return;
	if (ui->prompt == PROMPT_SKIP && ui->n_items) {
		/* The reasons are the answer: they stay whole, the name is
		 * cut, and on a narrow terminal the question takes the line
		 * above them. */
		static const char reasons[] =
		    "r rest  p pain  s sick  t travel  i time  o other  Esc no";
		const char *name = ui->items[ui->sel].ex->name;
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

void ui_today_draw(struct ui *ui)
{
	draw_header(ui);
	int top = 2, bottom = LINES - 2; /* rows top..bottom for the body */
	int body = bottom - top + 1;
	if (COLS >= 90) {
		int pane = COLS / 3 < 48 ? COLS / 3 : 48;
		int list_w = COLS - pane - 1;
		draw_list(ui, top, list_w, body);
		move(top, list_w);
		if (ui->ascii)
			vline('|', body);
		else
			vline(ACS_VLINE, body);
		draw_details(ui, top, list_w + 2, pane - 2, body);
	} else {
		int rows = list_rows(ui, COLS);
		int detail_rows = body - rows - 1;
		if (detail_rows < 3) {
			rows = body;
			detail_rows = 0;
		}
		draw_list(ui, top, COLS, rows);
		if (detail_rows > 0) {
			ui_hline(ui, top + rows, 0, COLS);
			draw_details(ui, top + rows + 1, 2, COLS - 4,
			             detail_rows);
		}
	}
	draw_status(ui);
}

/* s: asks why, unless the exercise cannot be skipped (it is said at once,
 * not after the questions; record_skip decides all the same). */
static int ask_skip(struct ui *ui)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[ui->sel];
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

static int tick(struct ui *ui)
{
	struct hep_ctx *ctx = ui->ctx;
	char msg[512];
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[ui->sel];
	/* One key press never erases anything: Space on a done exercise
	 * records nothing and says how to take a session back. */
	if (it->done >= it->ex->per_day && it->done > 0) {
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
	enum record_result r = record_done(ctx, it->ex->id, ui->day, -1, -1,
	                                   NULL, msg, sizeof msg);
	ui->ticked = r == REC_OK;
	return ui_after_write(ui, r, it->ex->id, "session", msg);
}

/*
 * o: opens the selected exercise's link with xdg-open, run directly (no
 * shell), detached, its output thrown away; only an https:// address,
 * only the one the prescription gives (SPEC 2.1).
 */
static int open_link(struct ui *ui)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct rx_exercise *e = ui->items[ui->sel].ex;
	if (!rx_link_valid(e->link)) {
		ui_message(ui, false, "%s has no demonstration link.", e->name);
		return DIRTY_SCREEN;
	}
	char link[RX_LINK_MAX + 1];
	strfmt(link, sizeof link, "%s", e->link);
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
			_exit(127);
		}
		_exit(0);
	}
	if (child > 0)
		waitpid(child, NULL, 0);
	ui_message(ui, child < 0,
	           child < 0 ? "Could not open %s."
	                     : "Opening %s in your browser.",
	           e->link);
	return DIRTY_SCREEN;
}

static int undo(struct ui *ui, bool redo)
{
	char msg[512];
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const char *id = ui->items[ui->sel].ex->id;
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
	ui_today_load(ui);
	return DIRTY_SCREEN;
}

/* The reason key of the skip prompt: then an optional pain. */
static int skip_answer(struct ui *ui, int key)
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
		ui->skip_reason = answers[i].reason;
		ui->prompt = PROMPT_SKIP_PAIN;
		ui_edit_start(&ui->edit, "", true);
		return DIRTY_SCREEN;
	}
	ui_message(ui, false, "Nothing skipped.");
	return DIRTY_SCREEN;
}

int ui_ask_correction(struct ui *ui, const char *id, int n, bool pain)
{
	struct session *s;
	size_t count = 0;
	if (store_sessions(ui->ctx->store, id, ui->day, &s, &count) != 0)
		count = 0;
	size_t k = n > 0 ? (size_t)n : count;
	if (count == 0 || k > count) {
		const struct rx_exercise *e = record_find(ui->ctx, id, ui->day);
		ui_message(
		    ui, true,
		    "No session of %s stands on this day: tick one first.",
		    e ? e->name : id);
		store_sessions_free(s, count);
		return DIRTY_SCREEN;
	}
	char painbuf[8] = "";
	if (pain && s[k - 1].pain >= 0)
		strfmt(painbuf, sizeof painbuf, "%d", s[k - 1].pain);
	/* The note whole, whatever its length (SPEC 6.2): never an empty
	 * editor over one, whose Enter would remove it. */
	bool opened =
	    ui_edit_start(&ui->edit, pain ? painbuf : s[k - 1].note, pain);
	store_sessions_free(s, count);
	if (!opened) {
		ui_message(ui, true, "Out of memory: the %s cannot be edited.",
		           pain ? "pain" : "note");
		return DIRTY_SCREEN;
	}
	strfmt(ui->edit_id, sizeof ui->edit_id, "%s", id);
	ui->edit_session = (int)k;
	ui->prompt = pain ? PROMPT_PAIN : PROMPT_NOTE;
	return DIRTY_SCREEN;
}

bool ui_draw_prompt(struct ui *ui)
{
	char after[120];
	const char *before = "", *name = "";
	switch (ui->prompt) {
	case PROMPT_PAIN:
	case PROMPT_NOTE: {
		const struct rx_exercise *e =
		    record_find(ui->ctx, ui->edit_id, ui->day);
		before = ui->prompt == PROMPT_PAIN ? "Pain after " : "Note on ";
		name = e ? e->name : ui->edit_id;
		strfmt(after, sizeof after,
		       ui->prompt == PROMPT_PAIN
		           ? ", session %d, 0 to 10 (empty: none): "
		           : ", session %d (empty: none): ",
		       ui->edit_session);
		break;
	}
	case PROMPT_SKIP_PAIN:
	case PROMPT_SKIP_NOTE:
		strfmt(after, sizeof after,
		       ui->prompt == PROMPT_SKIP_PAIN
		           ? "Skip (%s): pain 0 to 10, or Enter: "
		           : "Skip (%s): a note, or Enter: ",
		       skip_reason_name(ui->skip_reason));
		break;
	default:
		return false;
	}
	int y = LINES - 1;
	if (ui->message[0] && ui->message_error) {
		/* Why the answer was not taken, above the answer kept. */
		move(y - 1, 0);
		clrtoeol();
		ui_color_on(ui, PAIR_ERROR);
		ui_text(ui, y - 1, 1, ui->message, COLS - 2);
		ui_color_off(ui, PAIR_ERROR);
	}
	/* A note gets a third of the line to be typed in; a pain, two
	 * digits and the cursor. */
	bool note = ui->prompt == PROMPT_NOTE || ui->prompt == PROMPT_SKIP_NOTE;
	ui_ask(ui, before, name, after,
	       note ? (COLS / 3 > 16 ? COLS / 3 : 16) : 4);
	return true;
}

/* The pain typed: 0..10, -1 when nothing was typed, -2 when not a pain
 * score (the field takes digits only). */
static int typed_pain(const struct line_edit *e)
{
	if (e->len == 0)
		return -1;
	int pain = atoi(e->buf);
	return e->len > 2 || pain > 10 ? -2 : pain;
}

/* A note changed in the editor that may not be stored (SPEC 6.2: at most
 * TEXT_NOTE_MAX bytes, no control characters), said; false if it may. A
 * note left as it was passes: the correction then changes nothing. */
static bool note_refused(struct ui *ui)
{
	const struct line_edit *e = &ui->edit;
	size_t column;
	uint32_t cp = e->changed ? text_forbidden(e->buf, &column) : 0;
	if (cp)
		ui_message(ui, true,
		           "A note may not hold control characters (U+%04X at "
		           "column %zu): delete it, or Esc.",
		           (unsigned)cp, column);
	else if (e->changed && e->len > TEXT_NOTE_MAX)
		ui_message(ui, true,
		           "The note has %zu bytes and a note holds at most "
		           "%d: shorten it, or Esc.",
		           e->len, TEXT_NOTE_MAX);
	return cp || (e->changed && e->len > TEXT_NOTE_MAX);
}

int ui_prompt_key(struct ui *ui, int key, bool fkey)
{
	if (ui->prompt == PROMPT_SKIP)
		return fkey ? DIRTY_NONE : skip_answer(ui, key);
	int r = ui_edit_key(&ui->edit, key, fkey);
	if (r == 0 && ui->edit.said[0])
		ui_message(ui, true, "%s", ui->edit.said);
	if (r == 0)
		return DIRTY_SCREEN;
	enum ui_prompt was = ui->prompt;
	if (r > 0 && (was == PROMPT_NOTE || was == PROMPT_SKIP_NOTE) &&
	    note_refused(ui))
		return DIRTY_SCREEN; /* the note stays, to mend */
	if (was == PROMPT_TIMER_PAIN) {
		/* The session was done: Esc or an empty answer records it
		 * without a pain score. */
		int pain = r > 0 ? typed_pain(&ui->edit) : -1;
		if (pain == -2) {
			ui_message(ui, true,
			           "Pain is a number from 0 to 10, "
			           "not %s.",
			           ui->edit.buf);
			return DIRTY_SCREEN; /* the answer stays, to mend */
		}
		ui->prompt = PROMPT_NONE;
		return ui_timer_finish(ui, pain);
	}
	ui->prompt = PROMPT_NONE;
	if (r < 0) {
		if (was == PROMPT_SKIP_PAIN || was == PROMPT_SKIP_NOTE)
			ui_message(ui, false, "Nothing skipped.");
		return DIRTY_SCREEN;
	}
	int pain = -1;
	if (was == PROMPT_PAIN || was == PROMPT_SKIP_PAIN) {
		pain = typed_pain(&ui->edit);
		if (pain == -2) {
			ui_message(
			    ui, true,
			    "Pain is a number from 0 to 10 (empty: none), "
			    "not %s.",
			    ui->edit.buf);
			ui->prompt = was; /* the answer stays, to mend */
			return DIRTY_SCREEN;
		}
	}
	char msg[512];
	if (was == PROMPT_SKIP_PAIN) {
		ui->skip_pain = pain;
		ui->prompt = PROMPT_SKIP_NOTE;
		ui_edit_start(&ui->edit, "", false);
		return DIRTY_SCREEN;
	}
	if (was == PROMPT_SKIP_NOTE) {
		if (ui->n_items == 0)
			return DIRTY_SCREEN;
		const char *id = ui->items[ui->sel].ex->id;
		enum record_result res =
		    record_skip(ui->ctx, id, ui->day, ui->skip_reason,
		                ui->skip_pain, ui->edit.buf, msg, sizeof msg);
		return ui_after_write(ui, res, id, "skip", msg);
	}
	struct record_fix fix = {ui->edit_session, 0, pain, -1, NULL};
	if (was == PROMPT_PAIN) {
		fix.fixes = FIX_PAIN;
	} else {
		fix.fixes = FIX_NOTE;
		fix.note = ui->edit.buf;
	}
	enum record_result res =
	    record_edit(ui->ctx, ui->edit_id, ui->day, &fix, msg, sizeof msg);
	return ui_after_write(ui, res, ui->edit_id, "correction", msg);
}

int ui_today_handle(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_UP:
		if (ui->sel > 0)
			ui_select(ui, ui->sel - 1);
		return DIRTY_SCREEN;
	case ACT_DOWN:
		if (ui->sel + 1 < ui->n_items)
			ui_select(ui, ui->sel + 1);
		return DIRTY_SCREEN;
	case ACT_FIRST:
	case ACT_LAST:
		if (ui->n_items > 0)
			ui_select(ui, a == ACT_FIRST ? 0 : ui->n_items - 1);
		return DIRTY_SCREEN;
	case ACT_TICK:
		return tick(ui);
	case ACT_UNDO:
	case ACT_REDO:
		return undo(ui, a == ACT_REDO);
	case ACT_LINK:
		return open_link(ui);
	case ACT_DIARY:
		ui->screen = SCREEN_DIARY;
		ui->diary_sel = ui->diary_top = 0;
		ui_diary_load(ui);
		return DIRTY_SCREEN;
	case ACT_SKIP:
		return ask_skip(ui);
	case ACT_PAIN:
	case ACT_NOTE:
		if (ui->n_items == 0)
			return DIRTY_NONE;
		return ui_ask_correction(ui, ui->items[ui->sel].ex->id, 0,
		                         a == ACT_PAIN);
	case ACT_TIMER:
		return ui_timer_start(ui);
	case ACT_CHECKIN:
		return ui_checkin_open(ui);
	case ACT_PREV:
		return move_day(ui, -1);
	case ACT_NEXT:
		return move_day(ui, 1);
	case ACT_TODAY:
		ui->day = ui->ctx->today;
		ui->message[0] = '\0';
		ui_today_load(ui);
		return DIRTY_SCREEN;
	default:
		return ui_switch(ui, a, ui->day);
	}
}
