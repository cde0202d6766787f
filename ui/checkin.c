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

/* A field of the screen: a measure's value, or the rating of one PSFS
 * activity. What was saved from it changes only by a new value typed
 * into it: a field left, emptied or entered over shows it again. */
struct checkin_field {
	size_t item;  /* in struct checkin */
	int activity; /* the PSFS activity, or -1 for a measure */
	struct line_edit edit;
	bool typed;     /* a new value is being typed into it */
	char value[24]; /* the value saved from it ("95", "7"), or "" */
};

/* The screen's own state. */
struct checkin_view {
	struct checkin_field field[RX_MAX_MEASURES + RX_MAX_PSFS];
	size_t n_fields, field_sel;
	int edit_row; /* the row of the field being typed in */
	bool warned;  /* Esc (q) said what is not saved: again leaves */
};

/* Opened on the items due, each a field to type in. */
static void enter(struct ui *ui, void *st, const struct ui_go *go)
{
	struct checkin_view *k = st;
	(void)go;
	ui_checkin_read(ui);
	const struct checkin *c = &ui->checkin;
	k->n_fields = k->field_sel = 0;
	k->warned = false;
	for (size_t i = 0; i < c->n; i++) {
		const struct checkin_item *x = &c->item[i];
		if (!x->due)
			continue;
		size_t n = x->m ? 1 : ui->ctx->rx->program.n_psfs;
		for (size_t a = 0; a < n; a++) {
			struct checkin_field *f = &k->field[k->n_fields++];
			ui_edit_free(&f->edit);
			memset(f, 0, sizeof *f);
			f->item = i;
			f->activity = x->m ? -1 : (int)a;
			ui_edit_start(&f->edit, "", false);
		}
	}
}

static void checkin_view_free(void *st)
{
	struct checkin_view *k = st;
	for (size_t i = 0; i < sizeof k->field / sizeof *k->field; i++)
		ui_edit_free(&k->field[i].edit);
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
		       ui_glyph(ui, GLYPH_DASH),
		       rx_measure_shown(x->m, x->m->max, ui->ascii, hi,
		                        sizeof hi));
		if (x->last_day != CAL_NONE)
			strfmt(last, size, "last %s on %s",
			       rx_measure_shown(x->m, x->last_value, ui->ascii,
			                        v, sizeof v),
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

/* The title: "Check-in · Wed 18 Nov 2026", and its rule. */
static void draw_title(struct ui *ui)
{
	char line[96];
	int y, m, md;
	cal_to_ymd(ui->ctx->today, &y, &m, &md);
	strfmt(line, sizeof line, "Check-in %s %s %d %s %d",
	       ui_glyph(ui, GLYPH_DOT),
	       cal_weekday_name(cal_weekday(ui->ctx->today)), md,
	       cal_month_name(m, true), y);
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	ui_text(ui, 0, 1, line, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	ui_hline(ui, 1, 0, COLS);
}

/* The status line: the message, on two rows (the one above is free) when
 * one would cut it; else the footer's keys. */
static void draw_status(struct ui *ui, const char *footer)
{
	if (!ui->message[0]) {
		attron(A_DIM);
		ui_text(ui, LINES - 1, 1, footer, COLS - 2);
		attroff(A_DIM);
		return;
	}
	if (ui->message_error)
		ui_color_on(ui, PAIR_ERROR);
	if (text_width(ui->message) > COLS - 2 && LINES > 4)
		ui_wrap(ui, LINES - 2, 1, COLS - 2, 2, ui->message);
	else
		ui_text(ui, LINES - 1, 1, ui->message, COLS - 2);
	if (ui->message_error)
		ui_color_off(ui, PAIR_ERROR);
}

static void draw(struct ui *ui, void *st)
{
	struct checkin_view *k = st;
	char line[256], label[128], last[64];
	draw_title(ui);
	int row = 2;
	if (k->n_fields == 0) {
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
	if (k->field_sel >= (size_t)rows)
		top = k->field_sel - (size_t)rows + 1;
	bool psfs_head = false;
	for (size_t i = top; i < k->n_fields && row < LINES - 2; i++) {
		struct checkin_field *f = &k->field[i];
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
		bool sel = i == k->field_sel;
		/* The field in focus in reverse video, its label too: seen
		 * without colour and in ASCII alike. */
		if (sel) {
			attron(A_REVERSE);
			mvprintw(row, 1, "%*s", label_w + 2, "");
			mvprintw(row, value_x, "%*s", value_w, "");
		}
		ui_text(ui, row, 2, label, label_w);
		attroff(A_REVERSE);
		ui_text(ui, row, value_x - 1, "[", 1);
		ui_text(ui, row, value_x + value_w, "]", 1);
		if (!sel)
			ui_text(ui, row, value_x, f->edit.buf, value_w);
		if (f->value[0])
			strfmt(last, sizeof last, "saved %s", f->value);
		if (last_w > 0)
			ui_text(ui, row, last_x, last, last_w);
		if (sel)
			k->edit_row = row;
		row++;
	}
	static const struct hint hints[] = {
	    {{'\t'}, "next"},
	    {{'\n'}, "save"},
	    {{27}, "back"},
	    {{'?'}, "help"},
	};
	ui_footer(ui, hints, sizeof hints / sizeof *hints, line, sizeof line);
	draw_status(ui, line);
	/* The field being typed in last: the cursor stays there. */
	if (k->n_fields && k->edit_row >= 2) {
		attron(A_REVERSE);
		ui_edit_draw(ui, k->edit_row, value_x, value_w,
		             &k->field[k->field_sel].edit);
		attroff(A_REVERSE);
	}
}

/* A new value is typed in f, not saved yet. */
static bool pending(const struct checkin_field *f)
{
	return f->typed && f->edit.len > 0 && strcmp(f->edit.buf, f->value);
}

/* Focus leaves f (or Enter passed over it): unless a new value is typed
 * in it, it shows what was saved from it again. */
static void settle(struct checkin_field *f)
{
	if (!pending(f)) {
		ui_edit_start(&f->edit, f->value, false);
		f->typed = false;
	}
}

/* Moves the focus to field i. */
static void focus(struct checkin_view *k, size_t i)
{
	settle(&k->field[k->field_sel]);
	k->field_sel = i;
}

/* The rating typed or saved in a PSFS field, 0..10; -1 if none, -2 (said,
 * naming it as the command line would) if out of range. */
static int rating(struct ui *ui, const struct checkin_field *f)
{
	const char *t = pending(f) ? f->edit.buf : f->value;
	if (!t[0])
		return -1;
	char *end;
	long r = strtol(t, &end, 10);
	if (*end || r < 0 || r > 10) {
		ui_message(ui, true, "%s: %s is not 0 to 10.",
		           ui->ctx->rx->program.psfs[f->activity], t);
		return -2;
	}
	return (int)r;
}

/* Records the PSFS once every activity has a rating and one is new;
 * REC_OK without a write otherwise (*missing: the first field unrated). */
/* After a write: one that gave up waiting for the data file says what
 * was not recorded (the store's waiter set ui->gave_up). */
static void lost_to_a_lock(struct ui *ui, enum record_result r,
                           const char *what, const char *name, char *msg,
                           size_t size)
{
	if (r == REC_FAILED && ui->gave_up)
		ctx_not_recorded(store_error(ui->ctx->store), what, name, msg,
		                 size);
	ui->gave_up = false;
}

static enum record_result save_psfs(struct ui *ui, struct checkin_view *k,
                                    size_t *missing, char *msg, size_t size)
{
	int r[RX_MAX_PSFS];
	size_t n = 0;
	bool new = false;
	*missing = k->n_fields;
	msg[0] = '\0';
	for (size_t i = 0; i < k->n_fields; i++) {
		const struct checkin_field *f = &k->field[i];
		if (f->activity < 0)
			continue;
		int v = rating(ui, f);
		if (v == -2) {
			*missing = i;
			return REC_REFUSED;
		}
		if (v < 0 && *missing == k->n_fields)
			*missing = i;
		new |= pending(f);
		r[n++] = v;
	}
	if (!new || *missing < k->n_fields)
		return REC_OK;
	enum record_result res =
	    record_psfs(ui->ctx, ui->ctx->today, r, n, msg, size);
	lost_to_a_lock(ui, res, "PSFS check-in", NULL, msg, size);
	for (size_t i = 0; res == REC_OK && i < k->n_fields; i++) {
		struct checkin_field *f = &k->field[i];
		if (f->activity >= 0 && pending(f)) {
			strfmt(f->value, sizeof f->value, "%d", r[f->activity]);
			f->typed = false;
			settle(f);
		}
	}
	return res;
}

/* Records the new value typed in measure field f, if any; REC_OK without
 * a write otherwise. Out of range, refused as the command line words it. */
static enum record_result save_measure(struct ui *ui, struct checkin_field *f,
                                       char *msg, size_t size)
{
	const struct rx_measure *m = ui->checkin.item[f->item].m;
	int32_t v;
	msg[0] = '\0';
	if (!pending(f))
		return REC_OK;
	if (!rx_tenths_parse(f->edit.buf, &v)) {
		strfmt(msg, size,
		       "%s: a number with at most one decimal place, such as "
		       "92.5",
		       m->name);
		return REC_REFUSED;
	}
	enum record_result r =
	    record_measure(ui->ctx, m->id, ui->ctx->today, v, NULL, msg, size);
	lost_to_a_lock(ui, r, "value", m->name, msg, size);
	if (r == REC_OK) {
		rx_tenths_text(v, f->value, sizeof f->value);
		f->typed = false;
		settle(f);
	}
	return r;
}

/* The PSFS rated in part: a rating typed and not saved, another activity
 * unrated. Says "PSFS not saved: rate all 3 activities" after what (if
 * anything) was saved into msg, with the focus on the first unrated. */
static bool psfs_part(struct checkin_view *k, const char *what, char *msg,
                      size_t size)
{
	size_t first = k->n_fields, n = 0;
	bool typed = false;
	for (size_t i = 0; i < k->n_fields; i++) {
		const struct checkin_field *f = &k->field[i];
		if (f->activity < 0)
			continue;
		n++;
		typed |= pending(f);
		if (!(pending(f) ? f->edit.buf : f->value)[0] &&
		    first == k->n_fields)
			first = i;
	}
	if (!typed || first == k->n_fields)
		return false;
	char said[512];
	strfmt(said, sizeof said, "%s", what);
	strfmt(msg, size, "%s%sPSFS not saved: rate all %zu activities.", said,
	       said[0] ? "; " : "", n);
	focus(k, first);
	return true;
}

/* A save refused: the focus on the field at fault (missing, when it names
 * one), the reason said; the screen stays. */
static int refused(struct ui *ui, struct checkin_view *k, size_t missing,
                   const char *msg)
{
	if (missing < k->n_fields)
		focus(k, missing);
	if (msg[0])
		ui_message(ui, true, "%s", msg);
	return DIRTY_SCREEN;
}

/* Saves every new value typed (the PSFS if every activity is rated) and
 * closes the screen; a value refused, or a PSFS not rated through, keeps it
 * open with the focus on that field. */
static int save_all(struct ui *ui, struct checkin_view *k)
{
	char msg[512], said[512] = "";
	size_t missing;
	for (size_t i = 0; i < k->n_fields; i++) {
		struct checkin_field *f = &k->field[i];
		if (f->activity >= 0)
			continue;
		enum record_result r = save_measure(ui, f, msg, sizeof msg);
		if (r != REC_OK) {
			focus(k, i);
			ui_message(ui, true, "%s", msg);
			return DIRTY_SCREEN;
		}
		if (msg[0])
			strfmt(said, sizeof said, "%s", msg);
	}
	enum record_result r = save_psfs(ui, k, &missing, msg, sizeof msg);
	/* Rated in part: the screen stays, saying what was saved and that
	 * the PSFS was not. */
	if (r == REC_OK && psfs_part(k, said, msg, sizeof msg)) {
		ui_checkin_read(ui); /* the header's "check-in due" */
		ui_message(ui, true, "%s", msg);
		return DIRTY_SCREEN;
	}
	if (r != REC_OK)
		return refused(ui, k, missing, msg);
	if (msg[0])
		strfmt(said, sizeof said, "%s", msg);
	ui_checkin_read(ui); /* the header's "check-in due" */
	settle(&k->field[k->field_sel]);
	k->warned = false;
	if (said[0])
		ui_message(ui, false, "%s", said);
	return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
}

/* Enter: saves the new value typed in the field in focus (the PSFS once
 * every activity is rated) and moves on; on the last field, saves what is
 * typed anywhere and closes. A value refused keeps the focus. */
static int save(struct ui *ui, struct checkin_view *k)
{
	if (k->n_fields == 0)
		return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
	if (k->field_sel + 1 == k->n_fields)
		return save_all(ui, k);
	struct checkin_field *f = &k->field[k->field_sel];
	char msg[512] = "";
	enum record_result r = REC_OK;
	size_t missing = k->n_fields;
	if (f->activity < 0)
		r = save_measure(ui, f, msg, sizeof msg);
	else if (rating(ui, f) == -2)
		return DIRTY_SCREEN; /* said, the focus kept */
	else if (pending(f))
		r = save_psfs(ui, k, &missing, msg, sizeof msg);
	if (r != REC_OK)
		return refused(ui, k, missing, msg);
	if (msg[0])
		ui_checkin_read(ui); /* the header's "check-in due" */
	/* A measure saved with the PSFS rated in part: said, the focus on
	 * the first activity unrated. */
	char said[512];
	strfmt(said, sizeof said, "%s", msg);
	if (f->activity < 0 && said[0] && psfs_part(k, said, msg, sizeof msg)) {
		ui_message(ui, true, "%s", msg);
		return DIRTY_SCREEN;
	}
	if (msg[0])
		ui_message(ui, false, "%s", msg);
	else if (f->activity >= 0 && missing < k->n_fields)
		ui_message(ui, false,
		           "Rate every activity from 0 to 10; Enter then saves "
		           "the PSFS.");
	focus(k, k->field_sel + 1);
	return DIRTY_SCREEN;
}

/* The fields typed in and not saved, named ("Knee bend 95, Stairs 3");
 * false if none. */
static bool unsaved(const struct ui *ui, const struct checkin_view *k,
                    char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < k->n_fields; i++) {
		const struct checkin_field *f = &k->field[i];
		if (!pending(f))
			continue;
		const struct checkin_item *x = &ui->checkin.item[f->item];
		strpart(buf, size, ", ", "%s %s",
		        x->m ? x->m->name
		             : ui->ctx->rx->program.psfs[f->activity],
		        f->edit.buf);
	}
	return buf[0] != '\0';
}

/* A key on the screen: typed into the field, or an action; -1 for the
 * loop's (help, an unbound key, q to quit). */
static int checkin_key(struct ui *ui, void *st, int key, bool fkey)
{
	struct checkin_view *k = st;
	struct checkin_field *f = k->n_fields ? &k->field[k->field_sel] : NULL;
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
		k->warned = false;
	if (f && (text || edit)) {
		/* A value typed over the one saved starts afresh, as a
		 * correction; the editing keys alone never make a new value
		 * (a field emptied shows the saved one again when left). */
		bool typing = text && key != 127 && key != 8;
		if (typing && !f->typed)
			ui_edit_start(&f->edit, "", false);
		f->typed |= typing;
		ui_edit_key(&f->edit, key, fkey);
		return DIRTY_SCREEN;
	}
	switch (ui_key_action(SCREEN_CHECKIN, key, fkey)) {
	/* The ends stop the focus, never wrap round (as Enter on the last
	 * field saves and closes): what is typed next goes where it is
	 * seen. */
	case ACT_DOWN:
		if (k->field_sel + 1 < k->n_fields)
			focus(k, k->field_sel + 1);
		else if (k->n_fields)
			ui_message(ui, false,
			           "The last field: Enter saves and closes.");
		return DIRTY_SCREEN;
	case ACT_UP:
		if (k->field_sel > 0)
			focus(k, k->field_sel - 1);
		return DIRTY_SCREEN;
	case ACT_SAVE:
		return save(ui, k);
	case ACT_BACK:
	case ACT_QUIT: {
		/* Nothing typed is lost without a word: the first Esc (or q)
		 * says what is not saved, the second leaves. */
		char what[300];
		if (!k->warned && unsaved(ui, k, what, sizeof what)) {
			k->warned = true;
			ui_message(
			    ui, true,
			    "Not saved (Enter saves; %s again leaves): %s.",
			    key == 'q' ? "q" : "Esc", what);
			return DIRTY_SCREEN;
		}
		k->warned = false;
		if (ui_key_action(SCREEN_CHECKIN, key, fkey) == ACT_QUIT)
			return -1; /* the loop quits */
		return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
	}
	default:
		return -1; /* the loop's: help, an unbound key */
	}
}

/* The cursor shows in the field in focus, if there is one. */
static bool typing(const struct ui *ui, const void *st)
{
	(void)ui;
	return ((const struct checkin_view *)st)->n_fields > 0;
}

static const struct help_note notes[] = {
    {"last", "the latest value before, and its day"},
    {"saved", "what Enter recorded; typing again corrects it"},
    {NULL, NULL},
};

const struct screen ui_checkin_screen = {
    .name = "the check-in",
    .mouse = "The mouse does nothing here.",
    .notes = notes,
    .size = sizeof(struct checkin_view),
    .enter = enter,
    .draw = draw,
    .key = checkin_key,
    .typing = typing,
    .free = checkin_view_free,
};
