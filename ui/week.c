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

void ui_week_draw(struct ui *ui)
{
	struct hep_ctx *ctx = ui->ctx;
	struct week_view w;
	if (!ui_fits(ui, "week", WEEK_MIN_COLS, WEEK_MIN_LINES))
		return;
	if (!ui_cover(ui, ui->week_day)) {
		ui_wrap(ui, 0, 1, COLS - 2, LINES, ui->message);
		return;
	}
	progress_week(&ctx->hist, ui->week_day, &w);
	char line[160];
	int y, m, d;
	cal_to_ymd(w.first, &y, &m, &d);
	strfmt(line, sizeof line, "Week of %s %d %s %d",
	       cal_weekday_name(cal_weekday(w.first)), d,
	       cal_month_name(m, true), y);
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	int used = ui_text(ui, 0, 1, line, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	const char *dot = ui->ascii ? "-" : "\xC2\xB7";
	strfmt(line, sizeof line, "streak %d %s longest %d", w.streak.current,
	       dot, w.streak.longest);
	int rw = text_width(line);
	if (used + rw + 4 < COLS)
		ui_text(ui, 0, COLS - 1 - rw, line, rw);
	ui_hline(ui, 1, 0, COLS);

	/* Columns: name, seven days, then the row's streak. */
	/* Columns: name, seven days (weekday over date), the row's streak. */
	int cell = COLS >= 56 ? 5 : 4;
	int tail = COLS >= 60 ? 14 : 0;
	int name_w = COLS - 2 - 7 * cell - tail;
	if (name_w > 28)
		name_w = 28;
	int x0 = 1 + name_w + 1;
	for (int k = 0; k < 7; k++) {
		cal_day day = w.first + k;
		cal_to_ymd(day, &y, &m, &d);
		if (day == ctx->today)
			attron(A_BOLD | A_UNDERLINE);
		ui_text(ui, 2, x0 + k * cell + (cell - 3) / 2,
		        cal_weekday_name(cal_weekday(day)), cell);
		strfmt(line, sizeof line, "%2d", d);
		ui_text(ui, 3, x0 + k * cell + (cell - 2) / 2, line, cell);
		attroff(A_BOLD | A_UNDERLINE);
	}
	/* A row's streak is as of today, whatever week is shown. */
	if (tail)
		ui_text(ui, 2, x0 + 7 * cell + 1,
		        w.current ? "streak" : "streak now", tail - 1);

	/* Below the rows: a line, the day's row, the adherence, the legend
	 * (all of it) and the footer. Rows that do not fit are counted. */
	char legend[256];
	ui_symbols(ui, SCREEN_WEEK, legend, sizeof legend);
	int legend_rows = ui_legend(ui, 0, 1, COLS - 2, legend, false);
	int row = 4, last = LINES - 1 - legend_rows - 3 - 1;
	size_t shown = w.n_rows;
	if (row + (int)shown - 1 > last)
		shown = last >= row ? (size_t)(last - row) : 0;
	for (size_t i = 0; i < shown; i++, row++) {
		const struct week_row *r = &w.rows[i];
		ui_text(ui, row, 1, r->ex->name, name_w);
		for (int k = 0; k < 7; k++) {
			draw_cell(
			    ui, row, x0 + k * cell, cell,
			    progress_week_cell(r, k, w.first, ctx->today));
			if (r->marked[k])
				ui_text(ui, row,
				        x0 + k * cell + (cell - 1) / 2 + 1, "*",
				        1);
		}
		if (!tail)
			continue;
		if (r->ex->as_needed)
			strfmt(line, sizeof line, "as needed");
		else if (r->ex->per_week)
			strfmt(line, sizeof line, "%d/%d %s %d wk", r->met,
			       r->target, dot, r->streak.current);
		else
			strfmt(line, sizeof line, "%d %s", r->streak.current,
			       r->weeks
			           ? "wk"
			           : (r->streak.current == 1 ? "day" : "days"));
		ui_text(ui, row, x0 + 7 * cell + 1, line, tail - 1);
	}
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
	ui_text(ui, row, 1, "The day", name_w);
	for (int k = 0; k < 7; k++)
		draw_cell(ui, row, x0 + k * cell, cell,
		          progress_status_cell(w.status[k]));
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

int ui_week_handle(struct ui *ui, enum action a)
{
	struct hep_ctx *ctx = ui->ctx;
	cal_day now = cal_week_start(ctx->today, ctx->hist.week_starts);
	cal_day shown = cal_week_start(ui->week_day, ctx->hist.week_starts);
	switch (a) {
	case ACT_PREV:
		if (ctx->hist.start == CAL_NONE ||
		    shown <= cal_week_start(ctx->hist.start,
		                            ctx->hist.week_starts)) {
			ui_message(ui, true,
			           "That is before the program started.");
			return DIRTY_SCREEN;
		}
		ui->week_day = shown - 7;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_NEXT:
		if (shown >= now) {
			ui_message(ui, true, "This is the current week.");
			return DIRTY_SCREEN;
		}
		ui->week_day = shown + 7;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_TODAY:
		ui->week_day = ctx->today;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_WEEK:
		return ui_switch(ui, ACT_BACK, ui->day);
	default:
		return ui_switch(ui, a, ui->week_day);
	}
}
