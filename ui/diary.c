/*
 * The Diary screen (`l`): every entry of the day shown, for every exercise,
 * oldest first, as `hep log` words them. A session that still stands can
 * be corrected here (p, n): the correction is a new entry, and the old
 * value stays in the diary.
 */
#include <stdlib.h>
#include <string.h>

#include "hep/record.h"
#include "hep/util.h"
#include "internal.h"

/* One line of the day's diary. */
struct diary_line {
	struct diary_entry e; /* its texts owned */
	const char *name;     /* the exercise's name, or its id */
	int stands_as;        /* a session entry standing: its number now */
	char text[600];       /* the entry in words (record_describe) */
};

/* The screen's own state. */
struct diary {
	struct diary_line *lines; /* (owned) */
	size_t n, sel, top;
};

static void diary_free(void *st)
{
	struct diary *d = st;
	for (size_t i = 0; i < d->n; i++) {
		diary_entry_drop(&d->lines[i].e);
	}
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

static int collect(void *arg, const struct diary_entry *e)
{
	struct diary *d = arg;
	d->lines = xrealloc(d->lines, (d->n + 1) * sizeof *d->lines);
	struct diary_line *l = &d->lines[d->n++];
	memset(l, 0, sizeof *l);
	l->e = *e;
	diary_entry_keep(&l->e);
	return 0;
}

/* Reads the entries of the day shown. */
static void load(struct ui *ui, void *st)
{
	struct diary *d = st;
	diary_free(d);
	if (store_each_diary(ui->ctx->store, ui->day, ui->day, collect, d) != 0)
		ui_message(ui, true, "%s", store_error(ui->ctx->store));
	for (size_t i = 0; i < d->n; i++) {
		struct diary_line *l = &d->lines[i];
		const struct rx_exercise *ex =
		    record_find(ui->ctx, l->e.exercise, ui->day);
		l->name = ex ? ex->name : l->e.exercise;
		record_describe(ui->ctx, &l->e, true, l->text, sizeof l->text);
		if (l->e.kind != ENTRY_SESSION)
			continue;
		/* Does this session still stand, and as which? */
		struct store_day day;
		if (store_day_read(ui->ctx->store, l->e.exercise, ui->day,
		                   &day) != 0)
			continue;
		for (size_t k = 0; k < day.state.n_sessions; k++)
			if (day.state.sessions[k].entry->seq == l->e.seq)
				l->stands_as = (int)k + 1;
		store_day_free(&day);
	}
	if (d->sel >= d->n)
		d->sel = d->n ? d->n - 1 : 0;
}

static void draw(struct ui *ui, void *st)
{
	struct diary *d = st;
	char title[96];
	int y, m, md;
	cal_to_ymd(ui->day, &y, &m, &md);
	strfmt(title, sizeof title, "Diary of %s %d %s %d",
	       cal_weekday_name(cal_weekday(ui->day)), md,
	       cal_month_name(m, true), y);
	attron(A_BOLD);
	ui_text(ui, 0, 1, title, COLS - 2);
	attroff(A_BOLD);
	ui_hline(ui, 1, 0, COLS);
	int top = 2, rows = LINES - 4;
	if (d->n == 0)
		ui_text(ui, top + 1, 2, "Nothing is recorded for this day.",
		        COLS - 4);
	if (d->sel < d->top)
		d->top = d->sel;
	if (rows > 0 && d->sel >= d->top + (size_t)rows)
		d->top = d->sel - (size_t)rows + 1;
	int name_w = 4;
	for (size_t i = 0; i < d->n; i++) {
		int w = (int)strlen(d->lines[i].name);
		name_w = w > name_w ? w : name_w;
	}
	if (name_w > COLS / 3)
		name_w = COLS / 3;
	for (size_t i = d->top; i < d->n && (int)(i - d->top) < rows; i++) {
		const struct diary_line *l = &d->lines[i];
		int row = top + (int)(i - d->top);
		bool sel = i == d->sel;
		bool gone = l->e.kind == ENTRY_SESSION && l->stands_as == 0;
		struct cal_now at;
		cal_now_at(l->e.made_utc, &at);
		char when[16];
		/* An entry made on a later day is not at that time of this
		 * one: its text says when it was logged. */
		strfmt(when, sizeof when, "%02d:%02d", at.minute / 60,
		       at.minute % 60);
		if (l->e.late)
			strfmt(when, sizeof when, "late");
		if (sel) {
			attron(A_REVERSE);
			mvhline(row, 0, ' ', COLS);
		}
		if (gone)
			attron(A_DIM);
		ui_text(ui, row, 1, when, 5);
		ui_text(ui, row, 8, l->name, name_w);
		char text[700];
		strfmt(text, sizeof text, "%s%s", l->text,
		       gone ? " (taken back)" : "");
		ui_text(ui, row, 10 + name_w, text, COLS - 11 - name_w);
		if (gone)
			attroff(A_DIM);
		if (sel)
			attroff(A_REVERSE);
	}
	ui_hline(ui, LINES - 2, 0, COLS);
	if (ui_draw_prompt(ui))
		return;
	if (ui->message[0]) {
		ui_text(ui, LINES - 1, 1, ui->message, COLS - 2);
		return;
	}
	static const struct hint hints[] = {
	    {{'p'}, "pain"},     {{'n'}, "note (of a session)"},
	    {{'l', 27}, "back"}, {{'[', ']'}, "day"},
	    {{'?'}, "help"},
	};
	char hint[200];
	ui_footer(ui, hints, sizeof hints / sizeof *hints, hint, sizeof hint);
	attron(A_DIM);
	ui_text(ui, LINES - 1, 1, hint, COLS - 2);
	attroff(A_DIM);
}

static int handle(struct ui *ui, void *st, enum action a)
{
	struct diary *d = st;
	struct hep_ctx *ctx = ui->ctx;
	switch (a) {
	case ACT_UP:
		if (d->sel > 0)
			d->sel--;
		return DIRTY_SCREEN;
	case ACT_DOWN:
		if (d->sel + 1 < d->n)
			d->sel++;
		return DIRTY_SCREEN;
	case ACT_FIRST:
	case ACT_LAST:
		if (d->n > 0)
			d->sel = a == ACT_FIRST ? 0 : d->n - 1;
		return DIRTY_SCREEN;
	case ACT_PAIN:
	case ACT_NOTE:
	case ACT_EFFORT: {
		if (d->n == 0) {
			ui_message(ui, false,
			           "Nothing is recorded on this day: there is "
			           "nothing to correct.");
			return DIRTY_SCREEN;
		}
		const struct diary_line *l = &d->lines[d->sel];
		if (l->stands_as == 0) {
			ui_message(ui, true,
			           l->e.kind == ENTRY_SESSION
			               ? "That session was taken back; U on "
			                 "the day's list brings it back."
			               : "Choose a session: pain, effort and "
			                 "notes are corrected on sessions.");
			return DIRTY_SCREEN;
		}
		return ui_ask_correction(ui, l->e.exercise, l->stands_as,
		                         ui_correction_prompt(a));
	}
	case ACT_PREV:
	case ACT_NEXT: {
		cal_day to = ui->day + (a == ACT_PREV ? -1 : 1);
		if (to > ctx->today || ctx->hist.start == CAL_NONE ||
		    to < ctx->hist.start)
			return DIRTY_NONE;
		ui->day = to;
		d->sel = d->top = 0;
		return DIRTY_SCREEN | DIRTY_DAY;
	}
	case ACT_TODAY:
		ui->day = ctx->today;
		return DIRTY_SCREEN | DIRTY_DAY;
	case ACT_DIARY:
	case ACT_BACK:
		return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
	case ACT_WEEK:
		return ui_goto(ui, SCREEN_WEEK, ui->day, NULL);
	case ACT_MONTH:
		return ui_goto(ui, SCREEN_MONTH, ui->day, NULL);
	default:
		return DIRTY_NONE;
	}
}

/* Opened on the day shown, its first entry selected. */
static void enter(struct ui *ui, void *st, const struct ui_go *go)
{
	struct diary *d = st;
	(void)go;
	d->sel = d->top = 0;
	load(ui, d);
}

const struct screen ui_diary_screen = {
    .name = "the day's diary",
    .mouse = "The mouse does nothing here.",
    .size = sizeof(struct diary),
    .enter = enter,
    .load = load,
    .draw = draw,
    .handle = handle,
    .free = diary_free,
};
