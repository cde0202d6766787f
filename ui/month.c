#include <stdio.h>

#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* The first day of the month holding d, and of the month after it. */
static void month_bounds(cal_day d, cal_day *first, cal_day *next)
{
	int y, m, md;
	cal_to_ymd(d, &y, &m, &md);
	cal_from_ymd(y, m, 1, first);
	cal_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, next);
}

void ui_month_draw(struct ui *ui)
{
	struct hep_ctx *ctx = ui->ctx;
	const struct history *h = &ctx->hist;
	cal_day first, next;
	month_bounds(ui->month_day, &first, &next);
	if (!ui_cover(ui, first)) {
		ui_wrap(ui, 0, 1, COLS - 2, LINES, ui->message);
		return;
	}
	int y, m, d;
	char line[160];
	cal_to_ymd(first, &y, &m, &d);
	strfmt(line, sizeof line, "%s %d", cal_month_name(m, false), y);
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	ui_text(ui, 0, 1, line, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	ui_hline(ui, 1, 0, COLS);

	/* A calendar: one row a week, each day its number and its mark. */
	int cell = 5, x0 = 2;
	cal_day start = cal_week_start(first, h->week_starts);
	for (int k = 0; k < 7; k++)
		ui_text(ui, 2, x0 + k * cell + 1,
		        cal_weekday_name(cal_weekday(start + k)), cell - 1);
	int row = 3;
	for (cal_day w = start; w < next && row < LINES - 5; w += 7, row++) {
		for (int k = 0; k < 7; k++) {
			cal_day day = w + k;
			if (day < first || day >= next)
				continue;
			cal_to_ymd(day, &y, &m, &d);
			enum cell_kind kind =
			    progress_status_cell(progress_day_status(h, day));
			int pair = ui_cell_pair(kind);
			strfmt(line, sizeof line, "%2d", d);
			if (day == ctx->today)
				attron(A_UNDERLINE | A_BOLD);
			ui_text(ui, row, x0 + k * cell, line, 2);
			attroff(A_UNDERLINE | A_BOLD);
			ui_color_on(ui, pair);
			ui_text(ui, row, x0 + k * cell + 2,
			        ui_cell_glyph(ui, kind), 1);
			ui_color_off(ui, pair);
		}
	}
	row++;
	int due, done;
	progress_month_adherence(h, first, next - 1, &due, &done);
	ui_adherence(ui, row, due, done, "month");
	row++;
	struct streak s = progress_day_streak_span(h, first, next - 1);
	strfmt(line, sizeof line, "Longest streak this month: %d day%s",
	       s.longest, s.longest == 1 ? "" : "s");
	if (row < LINES - 1)
		ui_text(ui, row++, 1, line, COLS - 2);
	ui_legend(ui, row,
	          progress_cell_legend(ui->ascii, true, line, sizeof line));
	static const struct hint hints[] = {
	    {{'[', ']'}, "month"}, {{'.'}, "this month"}, {{'w'}, "week"},
	    {{'m', 27}, "back"},   {{'?'}, "help"},
	};
	ui_footer(ui, hints, sizeof hints / sizeof *hints, line, sizeof line);
	attron(A_DIM);
	ui_text(ui, LINES - 1, 1, ui->message[0] ? ui->message : line,
	        COLS - 2);
	attroff(A_DIM);
}

int ui_month_handle(struct ui *ui, enum action a)
{
	struct hep_ctx *ctx = ui->ctx;
	cal_day first, next, now, ignore;
	month_bounds(ui->month_day, &first, &next);
	month_bounds(ctx->today, &now, &ignore);
	switch (a) {
	case ACT_PREV:
		if (ctx->hist.start == CAL_NONE || first <= ctx->hist.start) {
			ui_message(ui, true,
			           "That is before the program started.");
			return DIRTY_SCREEN;
		}
		ui->month_day = first - 1;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_NEXT:
		if (first >= now) {
			ui_message(ui, true, "This is the current month.");
			return DIRTY_SCREEN;
		}
		ui->month_day = next;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	case ACT_TODAY:
		ui->month_day = ctx->today;
		ui->message[0] = '\0';
		return DIRTY_SCREEN;
	default:
		return DIRTY_NONE;
	}
}
