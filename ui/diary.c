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

void ui_diary_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_diary; i++) {
		diary_entry_drop(&ui->diary[i].e);
	}
	free(ui->diary);
	ui->diary = NULL;
	ui->n_diary = 0;
}

static int collect(void *arg, const struct diary_entry *e)
{
	struct ui *ui = arg;
	ui->diary = xrealloc(ui->diary, (ui->n_diary + 1) * sizeof *ui->diary);
	struct diary_line *l = &ui->diary[ui->n_diary++];
	memset(l, 0, sizeof *l);
	l->e = *e;
	diary_entry_keep(&l->e);
	return 0;
}

void ui_diary_load(struct ui *ui)
{
	ui_diary_free(ui);
	if (store_each_diary(ui->ctx->store, ui->day, ui->day, collect, ui) !=
	    0)
		ui_message(ui, true, "%s", store_error(ui->ctx->store));
	for (size_t i = 0; i < ui->n_diary; i++) {
		struct diary_line *l = &ui->diary[i];
		const struct rx_exercise *ex =
		    record_find(ui->ctx, l->e.exercise, ui->day);
		l->name = ex ? ex->name : l->e.exercise;
		record_describe(ui->ctx, &l->e, l->text, sizeof l->text);
		if (l->e.kind != ENTRY_SESSION)
			continue;
		/* Does this session still stand, and as which? */
		struct store_day d;
		if (store_day_read(ui->ctx->store, l->e.exercise, ui->day,
		                   &d) != 0)
			continue;
		for (size_t k = 0; k < d.state.n_sessions; k++)
			if (d.state.sessions[k].entry->seq == l->e.seq)
				l->stands_as = (int)k + 1;
		store_day_free(&d);
	}
	if (ui->diary_sel >= ui->n_diary)
		ui->diary_sel = ui->n_diary ? ui->n_diary - 1 : 0;
}

void ui_diary_draw(struct ui *ui)
{
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
	if (ui->n_diary == 0)
		ui_text(ui, top + 1, 2, "Nothing is recorded for this day.",
		        COLS - 4);
	if (ui->diary_sel < ui->diary_top)
		ui->diary_top = ui->diary_sel;
	if (rows > 0 && ui->diary_sel >= ui->diary_top + (size_t)rows)
		ui->diary_top = ui->diary_sel - (size_t)rows + 1;
	int name_w = 4;
	for (size_t i = 0; i < ui->n_diary; i++) {
		int w = (int)strlen(ui->diary[i].name);
		name_w = w > name_w ? w : name_w;
	}
	if (name_w > COLS / 3)
		name_w = COLS / 3;
	for (size_t i = ui->diary_top;
	     i < ui->n_diary && (int)(i - ui->diary_top) < rows; i++) {
		const struct diary_line *l = &ui->diary[i];
		int row = top + (int)(i - ui->diary_top);
		bool sel = i == ui->diary_sel;
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

int ui_diary_handle(struct ui *ui, enum action a)
{
	struct hep_ctx *ctx = ui->ctx;
	switch (a) {
	case ACT_UP:
		if (ui->diary_sel > 0)
			ui->diary_sel--;
		return DIRTY_SCREEN;
	case ACT_DOWN:
		if (ui->diary_sel + 1 < ui->n_diary)
			ui->diary_sel++;
		return DIRTY_SCREEN;
	case ACT_FIRST:
	case ACT_LAST:
		if (ui->n_diary > 0)
			ui->diary_sel = a == ACT_FIRST ? 0 : ui->n_diary - 1;
		return DIRTY_SCREEN;
	case ACT_PAIN:
	case ACT_NOTE: {
		if (ui->n_diary == 0) {
			ui_message(ui, false,
			           "Nothing is recorded on this day: there is "
			           "nothing to correct.");
			return DIRTY_SCREEN;
		}
		const struct diary_line *l = &ui->diary[ui->diary_sel];
		if (l->stands_as == 0) {
			ui_message(ui, true,
			           l->e.kind == ENTRY_SESSION
			               ? "That session was taken back; U on "
			                 "the day's list brings it back."
			               : "Choose a session: pain and notes are "
			                 "corrected on sessions.");
			return DIRTY_SCREEN;
		}
		return ui_ask_correction(ui, l->e.exercise, l->stands_as,
		                         a == ACT_PAIN);
	}
	case ACT_PREV:
	case ACT_NEXT: {
		cal_day to = ui->day + (a == ACT_PREV ? -1 : 1);
		if (to > ctx->today || ctx->hist.start == CAL_NONE ||
		    to < ctx->hist.start)
			return DIRTY_NONE;
		ui->day = to;
		ui->diary_sel = ui->diary_top = 0;
		ui_today_load(ui);
		ui_diary_load(ui);
		return DIRTY_SCREEN;
	}
	case ACT_TODAY:
		ui->day = ctx->today;
		ui_today_load(ui);
		ui_diary_load(ui);
		return DIRTY_SCREEN;
	case ACT_DIARY:
		return ui_switch(ui, ACT_BACK, ui->day);
	default:
		return ui_switch(ui, a, ui->day);
	}
}
