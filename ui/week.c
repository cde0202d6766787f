/*
 * The Week screen: every exercise over the seven days of a week, the
 * day's row under them, the week's adherence, each row's streak.
 */
#include <stdio.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

static void draw_cell(const struct ui *ui, int y, int x, int w,
                      enum cell_kind k)
{
	int pair = ui_cell_pair(k);
	ui_color_on(ui, pair);
	if (k == CELL_DONE)
		attron(A_BOLD);
	ui_text(ui, y, x + (w - 1) / 2, ui_cell_glyph(ui, k), 1);
	attroff(A_BOLD);
	ui_color_off(ui, pair);
}

/* The screen's own state. */
struct week {
	cal_day day; /* a day of the week shown */
};

/* The columns: the names, seven days (weekday over date) from x0, and a
 * tail with the row's streak (0: none). */
struct columns {
	int name_w, cell, tail, x0;
};

static struct columns columns(void)
{
	struct columns c;
	c.cell = COLS >= 56 ? 5 : 4;
	c.tail = COLS >= 60 ? 14 : 0;
	c.name_w = COLS - 2 - 7 * c.cell - c.tail;
	if (c.name_w > 28)
		c.name_w = 28;
	c.x0 = 1 + c.name_w + 1;
	return c;
}

/* The title, the streaks, the rule, and the days over the columns. */
static void draw_head(struct ui *ui, const struct week_view *w,
                      const struct columns *c)
{
	char line[160];
	int y, m, d;
	cal_to_ymd(w->first, &y, &m, &d);
	strfmt(line, sizeof line, "Week of %s %d %s %d",
	       cal_weekday_name(cal_weekday(w->first)), d,
	       cal_month_name(m, true), y);
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	int used = ui_text(ui, 0, 1, line, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	strfmt(line, sizeof line, "streak %d %s longest %d", w->streak.current,
	       ui_glyph(ui, GLYPH_DOT), w->streak.longest);
	int rw = text_width(line);
	if (used + rw + 4 < COLS)
		ui_text(ui, 0, COLS - 1 - rw, line, rw);
	ui_hline(ui, 1, 0, COLS);
	for (int k = 0; k < 7; k++) {
		cal_day day = w->first + k;
		cal_to_ymd(day, &y, &m, &d);
		if (day == ui->ctx->today)
			attron(A_BOLD | A_UNDERLINE);
		ui_text(ui, 2, c->x0 + k * c->cell + (c->cell - 3) / 2,
		        cal_weekday_name(cal_weekday(day)), c->cell);
		strfmt(line, sizeof line, "%2d", d);
		ui_text(ui, 3, c->x0 + k * c->cell + (c->cell - 2) / 2, line,
		        c->cell);
		attroff(A_BOLD | A_UNDERLINE);
	}
	/* A row's streak is as of today, whatever week is shown. */
	if (c->tail)
		ui_text(ui, 2, c->x0 + 7 * c->cell + 1,
		        w->current ? "streak" : "streak now", c->tail - 1);
}

/* An exercise's row at row: its name, its seven cells, its streak. */
static void draw_row(const struct ui *ui, const struct week_view *w,
                     const struct week_row *r, const struct columns *c, int row)
{
	char line[160];
	const char *dot = ui_glyph(ui, GLYPH_DOT);
	ui_text(ui, row, 1, r->ex->name, c->name_w);
	for (int k = 0; k < 7; k++) {
		int x = c->x0 + k * c->cell;
		draw_cell(ui, row, x, c->cell,
		          progress_week_cell(r, k, w->first, ui->ctx->today));
		if (r->marked[k])
			ui_text(ui, row, x + (c->cell - 1) / 2 + 1, "*", 1);
	}
	if (!c->tail)
		return;
	if (r->ex->as_needed)
		strfmt(line, sizeof line, "as needed");
	else if (r->ex->per_week)
		strfmt(line, sizeof line, "%d/%d %s %d wk", r->met, r->target,
		       dot, r->streak.current);
	else
		strfmt(line, sizeof line, "%d %s", r->streak.current,
		       r->weeks ? "wk"
		                : (r->streak.current == 1 ? "day" : "days"));
	ui_text(ui, row, c->x0 + 7 * c->cell + 1, line, c->tail - 1);
}

static char *symbols(const struct ui *ui, char *buf, size_t size)
{
	progress_cell_legend(ui->ascii, buf, size);
	strpart(buf, size, "  ", "* pain/note");
	return buf;
}

static void draw(struct ui *ui, void *st)
{
	struct week *wk = st;
	struct week_view w;
	if (!ui_fits(ui, "week", WEEK_MIN_COLS, WEEK_MIN_LINES))
		return;
	if (!ui_cover(ui, wk->day)) {
		ui_wrap(ui, 0, 1, COLS - 2, LINES, ui->message);
		return;
	}
	progress_week(&ui->ctx->hist, wk->day, &w);
	struct columns c = columns();
	draw_head(ui, &w, &c);
	/* Below the rows: a line, the day's row, the adherence, the legend
	 * (all of it) and the footer. Rows that do not fit are counted. */
	char line[160], legend[256];
	symbols(ui, legend, sizeof legend);
	int legend_rows = ui_legend(ui, 0, 1, COLS - 2, legend, false);
	int row = 4, last = LINES - 1 - legend_rows - 3 - 1;
	size_t shown = w.n_rows;
	if (row + (int)shown - 1 > last)
		shown = last >= row ? (size_t)(last - row) : 0;
	for (size_t i = 0; i < shown; i++, row++)
		draw_row(ui, &w, &w.rows[i], &c, row);
	if (w.n_rows == 0)
		ui_text(ui, row++, 2, "Nothing was prescribed this week.",
		        COLS - 4);
	if (shown < w.n_rows) {
		strfmt(line, sizeof line,
		       "%s %zu more: a taller window shows them",
		       ui_cut_mark(ui), w.n_rows - shown);
		ui_text(ui, row++, 1, line, COLS - 2);
	}
	ui_hline(ui, row++, 0, COLS);
	ui_text(ui, row, 1, "The day", c.name_w);
	for (int k = 0; k < 7; k++)
		draw_cell(ui, row, c.x0 + k * c.cell, c.cell, w.cells[k]);
	row++;
	ui_adherence(ui, row++, w.due, w.done, "week");
	ui_legend(ui, row, 1, COLS - 2, legend, true);
	static const struct hint hints[] = {
	    {{'[', ']'}, "week"}, {{'.'}, "this week"}, {{'m'}, "month"},
	    {{'w', 27}, "back"},  {{'?'}, "help"},
	};
	attron(A_DIM);
	ui_footer(ui, hints, sizeof hints / sizeof *hints, line, sizeof line);
	ui_text(ui, LINES - 1, 1, ui->message[0] ? ui->message : line,
	        COLS - 2);
	attroff(A_DIM);
	progress_week_free(&w);
}

static int handle(struct ui *ui, void *st, enum action a)
{
	struct week *wk = st;
	struct hep_ctx *ctx = ui->ctx;
	cal_day now = cal_week_start(ctx->today, ctx->hist.week_starts);
	cal_day shown = cal_week_start(wk->day, ctx->hist.week_starts);
	switch (a) {
	case ACT_PREV:
		if (ctx->hist.start == CAL_NONE ||
		    shown <= cal_week_start(ctx->hist.start,
		                            ctx->hist.week_starts)) {
			ui_message(ui, true,
			           "That is before the program started.");
			return DIRTY_SCREEN;
		}
		wk->day = shown - 7;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_NEXT:
		if (shown >= now) {
			ui_message(ui, true, "This is the current week.");
			return DIRTY_SCREEN;
		}
		wk->day = shown + 7;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_TODAY:
		wk->day = ctx->today;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_WEEK:
	case ACT_BACK:
		return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
	case ACT_MONTH:
		return ui_goto(ui, SCREEN_MONTH, wk->day, NULL);
	default:
		return DIRTY_NONE;
	}
}

/* Opened on a day of the week to show. */
static void enter(struct ui *ui, void *st, const struct ui_go *go)
{
	(void)ui;
	((struct week *)st)->day = go->day;
}

static const struct help_note notes[] = {
    {"Mon", "underlined: today"},
    {NULL, NULL},
};

const struct screen ui_week_screen = {
    .name = "the week",
    .mouse = "The mouse does nothing here.",
    .notes = notes,
    .size = sizeof(struct week),
    .enter = enter,
    .draw = draw,
    .handle = handle,
    .symbols = symbols,
};
