/*
 * The status-line prompts, shared by the screens: the line editor (UTF-8
 * text, Backspace and Delete, cursor keys, Home and End, Enter to save,
 * Esc to cancel), the question drawn, and the correction of a session's
 * pain or note, asked from the day's list and from the diary alike.
 */
#include <stdlib.h>
#include <string.h>

#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* What a line editor holds before it holds anything of its own: never
 * written but for its terminating zero. */
static char no_text[1];

bool ui_edit_start(struct line_edit *e, const char *text, bool digits)
{
	size_t n = text ? strlen(text) : 0;
	if (e->size <= n) {
		/* Room for the text whole, and for typing up to the limit. */
		size_t want = n + 1 > 64 ? n + 1 : 64;
		char *p = e->size ? realloc(e->buf, want) : malloc(want);
		if (!p) {
			ui_edit_free(e);
			e->digits = digits;
			return false;
		}
		e->buf = p;
		e->size = want;
	}
	memcpy(e->buf, text ? text : "", n);
	e->buf[n] = '\0';
	e->len = e->cur = n;
	e->digits = digits;
	e->fresh = digits && n > 0;
	e->changed = false;
	e->said[0] = '\0';
	return true;
}

void ui_edit_free(struct line_edit *e)
{
	if (e->size)
		free(e->buf);
	e->buf = no_text;
	e->size = e->len = e->cur = 0;
	e->fresh = e->changed = false;
	e->said[0] = '\0';
}

/* Makes room for n more bytes; false, said, when there is none. */
static bool room(struct line_edit *e, size_t n)
{
	if (e->len + n > TEXT_NOTE_MAX) {
		strfmt(e->said, sizeof e->said,
		       "The note is full: a note holds at most %d bytes.",
		       TEXT_NOTE_MAX);
		return false;
	}
	if (e->len + n < e->size)
		return true;
	size_t want =
	    e->size * 2 > e->len + n + 1 ? e->size * 2 : e->len + n + 1;
	char *p = e->size ? realloc(e->buf, want) : malloc(want);
	if (!p) {
		strfmt(e->said, sizeof e->said, "Out of memory: not taken.");
		return false;
	}
	if (!e->size)
		p[0] = '\0';
	e->buf = p;
	e->size = want;
	return true;
}

/* The byte offset of the code point before (or after) off. */
static size_t prev_cp(const struct line_edit *e, size_t off)
{
	while (off > 0 && ((unsigned char)e->buf[--off] & 0xC0) == 0x80)
		;
	return off;
}

static size_t next_cp(const struct line_edit *e, size_t off)
{
	if (off >= e->len)
		return e->len;
	uint32_t cp;
	return off + (size_t)text_utf8_next(e->buf + off, &cp);
}

static void cut(struct line_edit *e, size_t from, size_t to)
{
	if (to > from)
		e->changed = true;
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

int ui_edit_key(struct line_edit *e, int key, bool fkey)
{
	bool fresh = e->fresh;
	e->fresh = false;
	e->said[0] = '\0';
	if (!fkey) {
		if (key == 27)
			return -1;
		if (key == '\n' || key == '\r')
			return 1;
		if (key == 127 || key == 8) {
			if (e->cur > 0)
				cut(e, prev_cp(e, e->cur), e->cur);
			return 0;
		}
		if (key == 1) { /* Ctrl-A */
			e->cur = 0;
			return 0;
		}
		if (key == 5) { /* Ctrl-E */
			e->cur = e->len;
			return 0;
		}
		if (key == 21) { /* Ctrl-U: erase to the start */
			cut(e, 0, e->cur);
			return 0;
		}
		char bytes[4];
		if (fresh && e->digits && key >= '0' && key <= '9')
			cut(e, 0, e->len); /* a new score replaces the old */
		if (key < 0 || (key >= 0xD800 && key <= 0xDFFF) ||
		    key > 0x10FFFF || (e->digits && (key < '0' || key > '9')))
			return 0;
		if (text_cp_forbidden((uint32_t)key)) {
			/* Typed or pasted, it is never stored (SPEC 6.2). */
			strfmt(e->said, sizeof e->said,
			       "U+%04X not taken: a note may not hold control "
			       "characters.",
			       (unsigned)key);
			return 0;
		}
		if (text_cp_width((uint32_t)key) < 0)
			return 0; /* a tab: a key here, not a character */
		int n = text_utf8_put((uint32_t)key, bytes);
		if (!room(e, (size_t)n))
			return 0;
		e->changed = true;
		memmove(e->buf + e->cur + n, e->buf + e->cur,
		        e->len - e->cur + 1);
		memcpy(e->buf + e->cur, bytes, (size_t)n);
		e->cur += (size_t)n;
		e->len += (size_t)n;
		return 0;
	}
	switch (key) {
	case KEY_ENTER:
		return 1;
	case KEY_BACKSPACE:
		if (e->cur > 0)
			cut(e, prev_cp(e, e->cur), e->cur);
		return 0;
	case KEY_DC:
		if (e->cur < e->len)
			cut(e, e->cur, next_cp(e, e->cur));
		return 0;
	case KEY_LEFT:
		e->cur = prev_cp(e, e->cur);
		return 0;
	case KEY_RIGHT:
		e->cur = next_cp(e, e->cur);
		return 0;
	case KEY_HOME:
		e->cur = 0;
		return 0;
	case KEY_END:
		e->cur = e->len;
		return 0;
	default:
		return 0;
	}
}

/* Columns of the code point at off, as ui_text draws it. */
static int cp_cols(const struct ui *ui, const struct line_edit *e, size_t off)
{
	uint32_t cp;
	text_utf8_next(e->buf + off, &cp);
	return ui_cp_width(ui, cp);
}

void ui_edit_draw(const struct ui *ui, int y, int x, int width,
                  const struct line_edit *e)
{
	if (width < 2)
		return;
	/* Scroll so that the cursor stays in view, a column left for it:
	 * back from the cursor as far as fits (a note of 2,000 bytes is
	 * walked once, not once per column). Text scrolled out on the left
	 * is marked, as text cut on the right is. */
	size_t start = e->cur;
	int cols = 0;
	while (start > 0) {
		size_t p = prev_cp(e, start);
		if (cols + cp_cols(ui, e, p) > width - 1)
			break;
		cols += cp_cols(ui, e, p);
		start = p;
	}
	int mark = 0;
	if (start > 0) {
		while (start < e->cur && cols > width - 2) {
			cols -= cp_cols(ui, e, start);
			start = next_cp(e, start);
		}
		mark = ui_text(ui, y, x, ui_glyph(ui, GLYPH_CUT_LEFT), 1);
	}
	ui_text(ui, y, x + mark, e->buf + start, width - mark);
	move(y, x + mark + cols);
}

void ui_ask(struct ui *ui, const char *before, const char *name,
            const char *after, int answer)
{
	int y = LINES - 1, width = COLS - 2;
	int fixed = text_width(before) + text_width(after);
	int room = width - answer - fixed; /* for the name */
	attron(A_BOLD);
	int used;
	if (room >= (name[0] ? 4 : 0)) {
		used = ui_text(ui, y, 1, before, width);
		used += ui_text(ui, y, 1 + used, name, room);
		used += ui_text(ui, y, 1 + used, after, width - used);
	} else {
		/* Too narrow for the question whole: it is cut, marked. */
		char all[400];
		strfmt(all, sizeof all, "%s%s%s", before, name, after);
		used = ui_text(ui, y, 1, all, width - answer);
	}
	attroff(A_BOLD);
	ui_edit_draw(ui, y, 1 + used, width - used, &ui->edit);
}

enum ui_prompt ui_correction_prompt(enum action a)
{
	return a == ACT_PAIN     ? PROMPT_PAIN
	       : a == ACT_EFFORT ? PROMPT_EFFORT
	                         : PROMPT_NOTE;
}

/* Whether p asks a number 0 to 10 (a pain or an effort), not a note. */
static bool asks_score(enum ui_prompt p)
{
	return p == PROMPT_PAIN || p == PROMPT_EFFORT;
}

int ui_ask_correction(struct ui *ui, const char *id, int n, enum ui_prompt what)
{
	bool pain = asks_score(what);
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
	int score = what == PROMPT_EFFORT ? s[k - 1].effort : s[k - 1].pain;
	if (pain && score >= 0)
		strfmt(painbuf, sizeof painbuf, "%d", score);
	/* The note whole, whatever its length (SPEC 6.2): never an empty
	 * editor over one, whose Enter would remove it. */
	bool opened =
	    ui_edit_start(&ui->edit, pain ? painbuf : s[k - 1].note, pain);
	store_sessions_free(s, count);
	if (!opened) {
		ui_message(ui, true, "Out of memory: the %s cannot be edited.",
		           what == PROMPT_EFFORT ? "effort"
		           : pain                ? "pain"
		                                 : "note");
		return DIRTY_SCREEN;
	}
	strfmt(ui->edit_id, sizeof ui->edit_id, "%s", id);
	ui->edit_session = (int)k;
	ui->prompt = what;
	return DIRTY_SCREEN;
}

void ui_draw_question(struct ui *ui, const char *before, const char *name,
                      const char *after, bool note)
{
	int y = LINES - 1;
	if (ui->message[0] && ui->message_error) {
		/* Why the answer was not taken, above the answer kept. */
		move(y - 1, 0);
		clrtoeol();
		ui_color_on(ui, PAIR_ERROR);
		ui_text(ui, y - 1, 1, ui->message, COLS - 2);
		ui_color_off(ui, PAIR_ERROR);
	}
	ui_ask(ui, before, name, after,
	       note ? (COLS / 3 > 16 ? COLS / 3 : 16) : 4);
}

bool ui_draw_prompt(struct ui *ui)
{
	if (ui->prompt != PROMPT_PAIN && ui->prompt != PROMPT_NOTE &&
	    ui->prompt != PROMPT_EFFORT)
		return false;
	char after[120];
	const struct rx_exercise *e =
	    record_find(ui->ctx, ui->edit_id, ui->day);
	bool pain = asks_score(ui->prompt);
	strfmt(after, sizeof after,
	       pain ? ", session %d, 0 to 10 (empty: none): "
	            : ", session %d (empty: none): ",
	       ui->edit_session);
	ui_draw_question(ui,
	                 ui->prompt == PROMPT_EFFORT ? "Effort of "
	                 : pain                      ? "Pain after "
	                                             : "Note on ",
	                 e ? e->name : ui->edit_id, after, !pain);
	return true;
}

int ui_typed_pain(const struct line_edit *e)
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

int ui_prompt_pain(struct ui *ui, enum ui_prompt was)
{
	int pain = ui_typed_pain(&ui->edit);
	if (pain == -2) {
		ui_message(ui, true,
		           "%s is a number from 0 to 10 (empty: none), not %s.",
		           was == PROMPT_EFFORT ? "Effort" : "Pain",
		           ui->edit.buf);
		ui->prompt = was; /* the answer stays, to mend */
	}
	return pain;
}

int ui_prompt_edit(struct ui *ui, int key, bool fkey)
{
	int r = ui_edit_key(&ui->edit, key, fkey);
	if (r == 0 && ui->edit.said[0])
		ui_message(ui, true, "%s", ui->edit.said);
	if (r > 0 &&
	    (ui->prompt == PROMPT_NOTE || ui->prompt == PROMPT_SKIP_NOTE) &&
	    note_refused(ui))
		return 0; /* the note stays, to mend */
	return r;
}

int ui_prompt_key(struct ui *ui, int key, bool fkey)
{
	if (ui->prompt != PROMPT_PAIN && ui->prompt != PROMPT_NOTE &&
	    ui->prompt != PROMPT_EFFORT)
		return DIRTY_NONE; /* the screen's own question */
	int r = ui_prompt_edit(ui, key, fkey);
	if (r == 0)
		return DIRTY_SCREEN;
	enum ui_prompt was = ui->prompt;
	ui->prompt = PROMPT_NONE;
	bool then_effort = ui->then_effort && was == PROMPT_PAIN;
	ui->then_effort = false;
	if (r < 0)
		return DIRTY_SCREEN;
	int pain = -1;
	if (asks_score(was)) {
		pain = ui_prompt_pain(ui, was);
		if (pain == -2)
			return DIRTY_SCREEN;
	}
	char msg[512];
	struct record_fix fix = {ui->edit_session, 0, pain, -1, NULL, -1};
	if (was == PROMPT_PAIN) {
		fix.fixes = FIX_PAIN;
	} else if (was == PROMPT_EFFORT) {
		fix.fixes = FIX_EFFORT;
		fix.pain = -1;
		fix.effort = pain;
	} else {
		fix.fixes = FIX_NOTE;
		fix.note = ui->edit.buf;
	}
	enum record_result res =
	    record_edit(ui->ctx, ui->edit_id, ui->day, &fix, msg, sizeof msg);
	int dirty = ui_after_write(ui, res, ui->edit_id, "correction", msg);
	char id[RX_ID_MAX + 1]; /* ui_ask_correction sets ui->edit_id */
	strfmt(id, sizeof id, "%s", ui->edit_id);
	if (then_effort && res != REC_FAILED)
		dirty |=
		    ui_ask_correction(ui, id, ui->edit_session, PROMPT_EFFORT);
	return dirty;
}
