/*
 * The Month screen: a calendar of the days, a cursor on one of them, the
 * month's adherence and longest streak, the latest measures.
 */
#include <stdio.h>

#include "hep/outcomes.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* The screen's own state. */
struct month {
	cal_day day; /* the cursor: a day of the month shown, from program
	                start to today */
};

/* The first day of the month holding d, and of the month after it. */
static void month_bounds(cal_day d, cal_day *first, cal_day *next)
{
	int y, m, md;
	cal_to_ymd(d, &y, &m, &md);
	cal_from_ymd(y, m, 1, first);
	cal_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, next);
}

/* The latest value of each measure and the PSFS score, as of today, in
 * one sentence ("" when the prescription asks for none). */
static const char *latest_values(const struct ui *ui, char *buf, size_t size)
{
	const struct checkin *c = &ui->checkin;
	char v[64], d[32], n[48];
	buf[0] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		const struct checkin_item *x = &c->item[i];
		int y, m, md;
		if (x->last_day == CAL_NONE) {
			strfmt(d, sizeof d, "none yet");
			v[0] = '\0';
		} else {
			cal_to_ymd(x->last_day, &y, &m, &md);
			strfmt(d, sizeof d, "on %d %s", md,
			       cal_month_name(m, true));
			if (x->m)
				strfmt(v, sizeof v, "%s ",
				       rx_measure_shown(x->m, x->last_value,
				                        ui->ascii, n,
				                        sizeof n));
			else
				strfmt(v, sizeof v, "%s ",
				       outcome_mean_text(psfs_score(&x->last),
				                         false, n, sizeof n));
		}
		strpart(buf, size, "; ", "%s%s %s%s",
		        buf[0] ? "" : "Latest, as of today: ",
		        x->m ? x->m->name : "PSFS", v, d);
	}
	if (buf[0])
		strpart(buf, size, "", ".");
	return buf;
}

/* The calendar's geometry: where its days are drawn. */
enum { CAL_X0 = 2, CAL_CELL = 5, CAL_ROW0 = 3 };

static char *symbols(const struct ui *ui, char *buf, size_t size)
{
	return progress_cell_legend(ui->ascii, buf, size);
}

static void draw(struct ui *ui, void *st)
{
	struct month *mo = st;
	struct hep_ctx *ctx = ui->ctx;
	const struct history *h = &ctx->hist;
	cal_day first, next;
	month_bounds(mo->day, &first, &next);
	/* The calendar (up to six weeks), a blank row, the adherence and the
	 * longest streak, the legend whole, the footer. */
	char legend[256], latest[600];
	symbols(ui, legend, sizeof legend);
	int legend_rows = ui_legend(ui, 0, 1, COLS - 2, legend, false);
	int latest_rows =
	    ui_wrap_rows(COLS - 2, latest_values(ui, latest, sizeof latest));
	if (!ui_fits(ui, "month", MONTH_MIN_COLS,
	             CAL_ROW0 + 6 + 3 + latest_rows + legend_rows + 1))
		return;
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
	int cell = CAL_CELL, x0 = CAL_X0;
	cal_day start = cal_week_start(first, h->week_starts);
	for (int k = 0; k < 7; k++)
		ui_text(ui, 2, x0 + k * cell + 1,
		        cal_weekday_name(cal_weekday(start + k)), cell - 1);
	int row = CAL_ROW0;
	for (cal_day w = start; w < next; w += 7, row++) {
		for (int k = 0; k < 7; k++) {
			cal_day day = w + k;
			if (day < first || day >= next)
				continue;
			cal_to_ymd(day, &y, &m, &d);
			enum cell_kind kind = progress_day_cell(h, day);
			int pair = ui_cell_pair(kind);
			strfmt(line, sizeof line, "%2d", d);
			bool cursor = day == mo->day;
			if (cursor)
				attron(A_REVERSE);
			if (day == ctx->today)
				attron(A_UNDERLINE | A_BOLD);
			ui_text(ui, row, x0 + k * cell, line, 2);
			attroff(A_UNDERLINE | A_BOLD);
			ui_color_on(ui, pair);
			ui_text(ui, row, x0 + k * cell + 2,
			        ui_cell_glyph(ui, kind), 1);
			ui_color_off(ui, pair);
			attroff(A_REVERSE);
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
	row += ui_wrap(ui, row, 1, COLS - 2, latest_rows, latest);
	ui_legend(ui, row, 1, COLS - 2, legend, true);
	/* In the order they are left out of a narrow footer, last first. */
	static const struct hint hints[] = {
	    {{'\n'}, "open the day"}, {{'m', 27}, "back"},
	    {{'[', ']'}, "month"},    {{'w'}, "week"},
	    {{'.'}, "today"},         {{'?'}, "help"},
	};
	ui_footer(ui, hints, sizeof hints / sizeof *hints, line, sizeof line);
	attron(A_DIM);
	ui_text(ui, LINES - 1, 1, ui->message[0] ? ui->message : line,
	        COLS - 2);
	attroff(A_DIM);
}

/* Puts the cursor on day, kept from program start to today. */
static int move_cursor(struct ui *ui, struct month *mo, cal_day day)
{
	struct hep_ctx *ctx = ui->ctx;
	if (ctx->hist.start == CAL_NONE || day < ctx->hist.start) {
		ui_message(ui, true, "That is before the program started.");
		return DIRTY_SCREEN;
	}
	if (day > ctx->today) {
		ui_message(ui, true, "That is after today.");
		return DIRTY_SCREEN;
	}
	mo->day = day;
	return DIRTY_SCREEN;
}

/* The same day of the month before (step -1) or after, or the nearest
 * day of that month the cursor may take. */
static int move_month(struct ui *ui, struct month *mo, int step)
{
	struct hep_ctx *ctx = ui->ctx;
	int y, m, d;
	cal_to_ymd(mo->day, &y, &m, &d);
	m += step;
	if (m < 1)
		m = 12, y--;
	if (m > 12)
		m = 1, y++;
	cal_day first, next, day;
	cal_from_ymd(y, m, 1, &first);
	month_bounds(first, &first, &next);
	day = first + d - 1 < next ? first + d - 1 : next - 1;
	if (ctx->hist.start != CAL_NONE && step < 0 && day < ctx->hist.start &&
	    next > ctx->hist.start)
		day = ctx->hist.start;
	if (step > 0 && day > ctx->today && first <= ctx->today)
		day = ctx->today;
	if (step > 0 && first > ctx->today) {
		ui_message(ui, true, "This is the current month.");
		return DIRTY_SCREEN;
	}
	return move_cursor(ui, mo, day);
}

static int handle(struct ui *ui, void *st, enum action a)
{
	struct month *mo = st;
	struct hep_ctx *ctx = ui->ctx;
	cal_day first, next;
	month_bounds(mo->day, &first, &next);
	switch (a) {
	case ACT_PREV:
	case ACT_NEXT:
		return move_cursor(ui, mo, mo->day + (a == ACT_PREV ? -1 : 1));
	case ACT_UP:
	case ACT_DOWN:
		return move_cursor(ui, mo, mo->day + (a == ACT_UP ? -7 : 7));
	case ACT_FIRST:
	case ACT_LAST: {
		cal_day end = a == ACT_FIRST ? first : next - 1, to = end;
		/* Kept to the days the cursor may take, and said so when it
		 * stays put. */
		if (to < ctx->hist.start)
			to = ctx->hist.start;
		if (to > ctx->today)
			to = ctx->today;
		if (to == mo->day && to != end) {
			ui_message(ui, false,
			           a == ACT_FIRST
			               ? "The cursor is on the program's first "
			                 "day."
			               : "The cursor is on today: the days "
			                 "after it are still to come.");
			return DIRTY_SCREEN;
		}
		return move_cursor(ui, mo, to);
	}
	case ACT_PREV_PAGE:
	case ACT_NEXT_PAGE:
		return move_month(ui, mo, a == ACT_PREV_PAGE ? -1 : 1);
	case ACT_TODAY:
		mo->day = ctx->today;
		return DIRTY_SCREEN;
	case ACT_OPEN:
		return ui_goto(ui, SCREEN_TODAY, mo->day, NULL) | DIRTY_DAY;
	case ACT_MONTH:
	case ACT_BACK:
		return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
	case ACT_WEEK:
		return ui_goto(ui, SCREEN_WEEK, mo->day, NULL);
	default:
		return DIRTY_NONE;
	}
}

/* A click on a day puts the cursor on it. */
static int click(struct ui *ui, void *st, int y, int x)
{
	struct month *mo = st;
	cal_day first, next;
	month_bounds(mo->day, &first, &next);
	cal_day start = cal_week_start(first, ui->ctx->hist.week_starts);
	if (y < CAL_ROW0 || x < CAL_X0 || x >= CAL_X0 + 7 * CAL_CELL - 1)
		return DIRTY_NONE;
	cal_day day = start + (y - CAL_ROW0) * 7 + (x - CAL_X0) / CAL_CELL;
	if (day < first || day >= next)
		return DIRTY_NONE;
	return move_cursor(ui, mo, day);
}

/* Opened with the cursor on a day. */
static void enter(struct ui *ui, void *st, const struct ui_go *go)
{
	(void)ui;
	((struct month *)st)->day = go->day;
}

static const struct help_note notes[] = {
    {"1", "underlined: today"},
    {"1", "reversed: the cursor; Enter opens its day"},
    {NULL, NULL},
};

const struct screen ui_month_screen = {
    .name = "the month",
    .mouse = "Click a day to put the cursor on it.",
    .notes = notes,
    .size = sizeof(struct month),
    .enter = enter,
    .draw = draw,
    .handle = handle,
    .click = click,
    .symbols = symbols,
};
