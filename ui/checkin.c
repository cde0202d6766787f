/*
 * The Check-in screen (SPEC section 8): each measure and the PSFS due this
 * period, with its latest value, typed in place; Enter saves each as its
 * own entry of the diary.
 */
#include <stdlib.h>
#include <string.h>

#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

void ui_checkin_load(struct ui *ui)
{
	char err[256];
	checkin_free(&ui->checkin);
	if (ctx_checkin(ui->ctx, true, &ui->checkin, err, sizeof err) != 0) {
		ui_message(ui, true, "%s", err);
		ui->checkin_due = false;
		return;
	}
	ui->checkin_due = ui->checkin.n_due > 0;
}

int ui_checkin_open(struct ui *ui)
{
	ui_checkin_load(ui);
	const struct checkin *c = &ui->checkin;
	ui->n_fields = ui->field_sel = 0;
	ui->checkin_warned = false;
	for (size_t i = 0; i < c->n; i++) {
		const struct checkin_item *x = &c->item[i];
		if (!x->due)
			continue;
		size_t n = x->m ? 1 : ui->ctx->rx->program.n_psfs;
		for (size_t k = 0; k < n; k++) {
			struct checkin_field *f = &ui->field[ui->n_fields++];
			memset(f, 0, sizeof *f);
			f->item = i;
			f->activity = x->m ? -1 : (int)k;
			ui_edit_start(&f->edit, "", false);
		}
	}
	ui->screen = SCREEN_CHECKIN;
	return DIRTY_SCREEN;
}

/* A field's label and what was there before, in words. */
static void field_words(const struct ui *ui, const struct checkin_field *f,
                        char *label, size_t lsize, char *last, size_t size)
{
	const struct checkin_item *x = &ui->checkin.item[f->item];
	char d[CAL_DATE_LEN], v[64];
	last[0] = '\0';
	if (x->m) {
		/* Its range, so that a value outside is not a surprise. */
		char lo[24], hi[40];
		strfmt(label, lsize, "%s (%s%s%s)", x->m->name,
		       rx_tenths_text(x->m->min, lo, sizeof lo),
		       ui->ascii ? "-" : "\xE2\x80\x93",
		       rx_measure_text(x->m, x->m->max, hi, sizeof hi));
		if (x->last_day != CAL_NONE)
			strfmt(
			    last, size, "last %s on %s",
			    rx_measure_text(x->m, x->last_value, v, sizeof v),
			    cal_format(x->last_day, d));
		return;
	}
	strfmt(label, lsize, "%s", ui->ctx->rx->program.psfs[f->activity]);
	/* The same activity rated before, by its text. */
	for (size_t k = 0; k < x->last.n; k++)
		if (strcmp(x->last.activity[k], label) == 0)
			strfmt(last, size, "last %d on %s", x->last.rating[k],
			       cal_format(x->last_day, d));
}

void ui_checkin_draw(struct ui *ui)
{
	char line[256], label[128], last[64];
	int y, m, md;
	cal_to_ymd(ui->ctx->today, &y, &m, &md);
	strfmt(line, sizeof line, "Check-in %s %s %d %s %d",
	       ui->ascii ? "-" : "\xC2\xB7",
	       cal_weekday_name(cal_weekday(ui->ctx->today)), md,
	       cal_month_name(m, true), y);
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	ui_text(ui, 0, 1, line, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	ui_hline(ui, 1, 0, COLS);
	int row = 2;
	if (ui->n_fields == 0) {
		ui_wrap(ui, row + 1, 2, COLS - 4, LINES - 5,
		        ui->checkin.n == 0
		            ? "The prescription asks for no measures and no "
		              "PSFS."
		            : "Nothing is due: every measure and the PSFS "
		              "are checked in for now.");
	}
	/* Columns: the label, the value typed, then the last value; on a
	 * narrow terminal the label gives way first (cut, marked). */
	int value_w = 8, last_w = 24;
	int label_w = COLS - 2 - 2 - value_w - 2 - last_w - 1;
	if (label_w < 12) {
		last_w -= 12 - label_w;
		label_w = 12;
	}
	if (label_w > 40) {
		last_w += label_w - 40;
		label_w = 40;
	}
	if (last_w < 0)
		last_w = 0;
	int value_x = 2 + label_w + 2, last_x = value_x + value_w + 2;
	size_t top = 0;
	int rows = LINES - 3 - row;
	if (rows < 1)
		rows = 1;
	if (ui->field_sel >= (size_t)rows)
		top = ui->field_sel - (size_t)rows + 1;
	bool psfs_head = false;
	for (size_t i = top; i < ui->n_fields && row < LINES - 2; i++) {
		struct checkin_field *f = &ui->field[i];
		if (f->activity >= 0 && !psfs_head && row < LINES - 3) {
			attron(A_BOLD);
			ui_text(
			    ui, row++, 1,
			    "PSFS: 0 (unable) to 10 (as before the problem)",
			    COLS - 2);
			attroff(A_BOLD);
			psfs_head = true;
		}
		field_words(ui, f, label, sizeof label, last, sizeof last);
		bool sel = i == ui->field_sel;
		ui_text(ui, row, 2, label, label_w);
		ui_text(ui, row, value_x - 1, "[", 1);
		ui_text(ui, row, value_x + value_w, "]", 1);
		if (!sel)
			ui_text(ui, row, value_x, f->edit.buf, value_w);
		if (last_w > 0)
			ui_text(ui, row, last_x, f->saved[0] ? f->saved : last,
			        last_w);
		if (sel)
			ui->edit_row = row;
		row++;
	}
	static const struct hint hints[] = {
	    {{'\t'}, "next"},
	    {{'\n'}, "save"},
	    {{27}, "back"},
	    {{'?'}, "help"},
	};
	ui_footer(ui, hints, sizeof hints / sizeof *hints, line, sizeof line);
	if (ui->message[0]) {
		if (ui->message_error)
			ui_color_on(ui, PAIR_ERROR);
		ui_text(ui, LINES - 1, 1, ui->message, COLS - 2);
		if (ui->message_error)
			ui_color_off(ui, PAIR_ERROR);
	} else {
		attron(A_DIM);
		ui_text(ui, LINES - 1, 1, line, COLS - 2);
		attroff(A_DIM);
	}
	/* The field being typed in last: the cursor stays there. */
	if (ui->n_fields && ui->edit_row >= 2)
		ui_edit_draw(ui, ui->edit_row, value_x, value_w,
		             &ui->field[ui->field_sel].edit);
}

/* The PSFS fields' ratings, if every one is typed; false otherwise. */
static bool psfs_ratings(const struct ui *ui, int *rating, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < ui->n_fields; i++) {
		const struct checkin_field *f = &ui->field[i];
		if (f->activity < 0)
			continue;
		char *end;
		long r = strtol(f->edit.buf, &end, 10);
		if (!f->edit.buf[0] || *end || r < 0 || r > 10)
			return false;
		rating[(*n)++] = (int)r;
	}
	return *n > 0;
}

static int save(struct ui *ui)
{
	if (ui->n_fields == 0)
		return DIRTY_NONE;
	struct checkin_field *f = &ui->field[ui->field_sel];
	const struct checkin_item *x = &ui->checkin.item[f->item];
	char msg[512];
	enum record_result r;
	if (!f->edit.buf[0]) {
		ui_message(ui, true,
		           "Type a value first (Tab moves on, Esc goes back)");
		return DIRTY_SCREEN;
	}
	if (x->m) {
		int32_t v;
		if (!rx_tenths_parse(f->edit.buf, &v)) {
			ui_message(ui, true,
			           "%s: a number with at most one decimal "
			           "place, such as 92.5",
			           x->m->name);
			return DIRTY_SCREEN;
		}
		r = record_measure(ui->ctx, x->m->id, ui->ctx->today, v, NULL,
		                   msg, sizeof msg);
		if (r == REC_OK)
			strfmt(f->saved, sizeof f->saved, "saved %s",
			       f->edit.buf);
	} else {
		int rating[RX_MAX_PSFS];
		size_t n;
		if (!psfs_ratings(ui, rating, &n)) {
			ui_message(
			    ui, true,
			    "Rate every activity from 0 to 10; Enter then "
			    "saves the PSFS.");
			ui->field_sel = (ui->field_sel + 1) % ui->n_fields;
			return DIRTY_SCREEN;
		}
		r = record_psfs(ui->ctx, ui->ctx->today, rating, n, msg,
		                sizeof msg);
		for (size_t i = 0; r == REC_OK && i < ui->n_fields; i++)
			if (ui->field[i].activity >= 0)
				strfmt(ui->field[i].saved,
				       sizeof ui->field[i].saved, "saved %s",
				       ui->field[i].edit.buf);
	}
	if (r == REC_FAILED && ui->gave_up) /* a lock: what was lost */
		ctx_not_recorded(store_error(ui->ctx->store),
		                 x->m ? "value" : "PSFS check-in",
		                 x->m ? x->m->name : NULL, msg, sizeof msg);
	ui->gave_up = false;
	ui_message(ui, r != REC_OK, "%s", msg);
	if (r == REC_OK && ui->field_sel + 1 < ui->n_fields)
		ui->field_sel++;
	if (r == REC_OK)
		ui_checkin_load(ui); /* the header's "check-in due" */
	return DIRTY_SCREEN;
}

/* The fields typed in and not saved, named ("Knee bend 95, Stairs 3");
 * false if none. */
static bool unsaved(const struct ui *ui, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < ui->n_fields; i++) {
		const struct checkin_field *f = &ui->field[i];
		if (!f->edit.buf[0] || f->saved[0])
			continue;
		const struct checkin_item *x = &ui->checkin.item[f->item];
		strpart(buf, size, ", ", "%s %s",
		        x->m ? x->m->name
		             : ui->ctx->rx->program.psfs[f->activity],
		        f->edit.buf);
	}
	return buf[0] != '\0';
}

int ui_checkin_key(struct ui *ui, int key, bool fkey)
{
	struct checkin_field *f =
	    ui->n_fields ? &ui->field[ui->field_sel] : NULL;
	/* What a value is made of goes into the field; so do the editing
	 * keys (Backspace, Delete, Left, Right, Home, End). */
	bool text =
	    !fkey && ((key >= '0' && key <= '9') ||
	              (f && f->activity < 0 && (key == '.' || key == '-')) ||
	              key == 127 || key == 8);
	bool edit =
	    fkey && (key == KEY_BACKSPACE || key == KEY_DC || key == KEY_LEFT ||
	             key == KEY_RIGHT || key == KEY_HOME || key == KEY_END);
	if (f && (text || edit))
		ui->checkin_warned = false;
	if (f && (text || edit)) {
		/* A saved value is replaced by what is typed next, as a
		 * correction; the editing keys change it instead. */
		if (f->saved[0] && text && key != 127 && key != 8)
			ui_edit_start(&f->edit, "", false);
		ui_edit_key(&f->edit, key, fkey);
		f->saved[0] = '\0';
		return DIRTY_SCREEN;
	}
	switch (ui_key_action(SCREEN_CHECKIN, key, fkey)) {
	case ACT_DOWN:
		if (ui->n_fields)
			ui->field_sel = (ui->field_sel + 1) % ui->n_fields;
		return DIRTY_SCREEN;
	case ACT_UP:
		if (ui->n_fields)
			ui->field_sel =
			    (ui->field_sel + ui->n_fields - 1) % ui->n_fields;
		return DIRTY_SCREEN;
	case ACT_SAVE:
		return save(ui);
	case ACT_BACK:
	case ACT_QUIT: {
		/* Nothing typed is lost without a word: the first Esc (or q)
		 * says what is not saved, the second leaves. */
		char what[300];
		if (!ui->checkin_warned && unsaved(ui, what, sizeof what)) {
			ui->checkin_warned = true;
			ui_message(
			    ui, true,
			    "Not saved (Enter saves; %s again leaves): %s.",
			    key == 'q' ? "q" : "Esc", what);
			return DIRTY_SCREEN;
		}
		ui->checkin_warned = false;
		if (ui_key_action(SCREEN_CHECKIN, key, fkey) == ACT_QUIT)
			return -1; /* the loop quits */
		ui->screen = SCREEN_TODAY;
		return DIRTY_SCREEN;
	}
	default:
		return -1; /* the loop's: help, an unbound key */
	}
}
