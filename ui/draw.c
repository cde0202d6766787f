#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hep/advance.h"
#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* Whether cp is drawn as itself (else as '?'), and its columns then. */
static bool plain_cp(const struct ui *ui, uint32_t cp, int *w)
{
	*w = text_cp_width(cp);
	/* A bidirectional control is never written raw (SPEC 7). */
	return *w >= 0 && cp != 0xFFFD && !text_cp_forbidden(cp) &&
	       (!ui->ascii || cp < 0x80);
}

int ui_cp_width(const struct ui *ui, uint32_t cp)
{
	int w;
	return plain_cp(ui, cp, &w) ? w : 1;
}

/* The columns s takes as ui_text draws it (a mark that cannot be shown
 * takes one). */
static int drawn_width(const struct ui *ui, const char *s)
{
	int used = 0;
	while (*s) {
		uint32_t cp;
		s += text_utf8_next(s, &cp);
		used += ui_cp_width(ui, cp);
	}
	return used;
}

const char *ui_glyph(const struct ui *ui, enum glyph g)
{
	return text_glyph(g, ui->ascii);
}

const char *ui_cut_mark(const struct ui *ui)
{
	return ui_glyph(ui, GLYPH_CUT);
}

int ui_text(const struct ui *ui, int y, int x, const char *s, int width)
{
	int used = 0;
	if (width <= 0 || !s)
		return 0;
	/* Text that does not fit is cut with a mark, never silently. */
	bool cut = drawn_width(ui, s) > width;
	int room = cut ? width - 1 : width;
	move(y, x);
	while (*s) {
		uint32_t cp;
		const char *start = s;
		int len = text_utf8_next(s, &cp);
		s += len;
		int w;
		bool plain = plain_cp(ui, cp, &w);
		if (!plain)
			w = 1;
		if (w == 0 && plain) {
			if (used > 0)
				addnstr(start, len); /* a combining mark */
			continue;
		}
		if (used + w > room)
			break;
		if (plain)
			addnstr(start, len);
		else
			addch('?');
		used += w;
	}
	if (cut) {
		addstr(ui_cut_mark(ui));
		used++;
	}
	return used;
}

void ui_hline(const struct ui *ui, int y, int x, int width)
{
	if (width <= 0)
		return;
	move(y, x);
	if (ui->ascii)
		hline('-', width);
	else
		hline(ACS_HLINE, width);
}

void ui_color_on(const struct ui *ui, int pair)
{
	if (ui->color)
		attron(COLOR_PAIR(pair));
}

void ui_color_off(const struct ui *ui, int pair)
{
	if (ui->color)
		attroff(COLOR_PAIR(pair));
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_error = error;
}

/* Columns of the next word (up to a space or newline) and its bytes. */
static int word_extent(const char *s, size_t *bytes)
{
	int w = 0;
	const char *p = s;
	while (*p && *p != ' ' && *p != '\n') {
		uint32_t cp;
		p += text_utf8_next(p, &cp);
		int cw = text_cp_width(cp);
		w += cw < 0 ? 1 : cw;
	}
	*bytes = (size_t)(p - s);
	return w;
}

/* The bytes of the first n of a word's bytes that fit in room columns (at
 * least one character), and their columns in *cols. */
static size_t word_fit(const char *s, size_t n, int room, int *cols)
{
	size_t used = 0;
	*cols = 0;
	while (used < n) {
		uint32_t cp;
		int len = text_utf8_next(s + used, &cp);
		int cw = text_cp_width(cp);
		cw = cw < 0 ? 1 : cw;
		if (used > 0 && *cols + cw > room)
			break;
		used += (size_t)len;
		*cols += cw;
	}
	return used;
}

/* The wrap of ui_wrap; draws only when ui is not NULL. A word wider than
 * the line is cut at the edge, or broken over lines when split. */
static int wrap(const struct ui *ui, int y, int x, int width, int rows,
                const char *s, bool split)
{
	int row = 0, col = 0;
	char word[1024];
	if (width <= 0 || rows <= 0 || !s)
		return 0;
	while (*s && row < rows) {
		if (*s == '\n') {
			if (row + 1 >= rows && s[1] && ui)
				ui_text(ui, y + row,
				        x + (col < width ? col : width - 1),
				        ui_cut_mark(ui), 1);
			row++, col = 0, s++;
			continue;
		}
		if (*s == ' ') {
			if (col > 0 && col < width)
				col++;
			s++;
			continue;
		}
		size_t bytes;
		int w = word_extent(s, &bytes);
		if (col > 0 && col + w > width) {
			if (row + 1 >= rows) {
				/* Out of rows: the last one says there is
				 * more. */
				if (ui)
					ui_text(
					    ui, y + row,
					    x + (col < width ? col : width - 1),
					    ui_cut_mark(ui), 1);
				row++, col = 0;
				break;
			}
			row++, col = 0;
		}
		if (split && w > width - col)
			bytes = word_fit(s, bytes, width - col, &w);
		size_t n = bytes < sizeof word - 1 ? bytes : sizeof word - 1;
		for (size_t i = 0; i < n; i++)
			word[i] = s[i];
		word[n] = '\0';
		/* A word longer than the line is cut at the edge. */
		if (ui)
			col += ui_text(ui, y + row, x + col, word, width - col);
		else
			col += w < width - col ? w : width - col;
		s += bytes;
	}
	return col > 0 ? row + 1 : row;
}

int ui_wrap(const struct ui *ui, int y, int x, int width, int rows,
            const char *s)
{
	return wrap(ui, y, x, width, rows, s, false);
}

int ui_wrap_rows(int width, const char *s)
{
	return wrap(NULL, 0, 0, width, 1 << 20, s, false);
}

/* Clears rows rows of width columns from y, x. */
static void clear_area(int y, int x, int width, int rows)
{
	for (int r = 0; r < rows; r++)
		mvhline(y + r, x, ' ', width);
}

void ui_draw_notice(const struct ui *ui)
{
	if (!ui->notice[0])
		return;
	int width = COLS - 2;
	int rows = wrap(NULL, 0, 0, width, 1 << 20, ui->notice, true);
	/* The title, its rule, the notice's rule and the last line stay. */
	if (rows > LINES - 4)
		rows = LINES - 4;
	if (rows <= 0)
		return;
	int y = LINES - 1 - rows;
	clear_area(y, 0, COLS, rows);
	ui_hline(ui, y - 1, 0, COLS);
	wrap(ui, y, 1, width, rows, ui->notice, true);
}

/* A box's border: rows x cols from y, x, in line glyphs or ASCII. */
static void border_box(const struct ui *ui, int y, int x, int rows, int cols)
{
	bool a = ui->ascii;
	mvaddch(y, x, a ? '+' : ACS_ULCORNER);
	mvaddch(y, x + cols - 1, a ? '+' : ACS_URCORNER);
	mvaddch(y + rows - 1, x, a ? '+' : ACS_LLCORNER);
	mvaddch(y + rows - 1, x + cols - 1, a ? '+' : ACS_LRCORNER);
	ui_hline(ui, y, x + 1, cols - 2);
	ui_hline(ui, y + rows - 1, x + 1, cols - 2);
	mvvline(y + 1, x, a ? '|' : ACS_VLINE, rows - 2);
	mvvline(y + 1, x + cols - 1, a ? '|' : ACS_VLINE, rows - 2);
}

void ui_draw_advice(const struct ui *ui)
{
	static const char close[] = "Any key closes this.";
	if (!ui->advice[0])
		return;
	int cols = COLS - 4 < 64 ? COLS - 4 : 64;
	int inner = cols - 4; /* a border and a space each side */
	int text = wrap(NULL, 0, 0, inner, 1 << 20, ui->advice, true);
	/* The borders, the text, a blank row and the closing line; a screen
	 * too short for all of it cuts the text, marked. */
	if (text > LINES - 4)
		text = LINES - 4;
	int rows = text + 4;
	int y = (LINES - rows) / 2, x = (COLS - cols) / 2;
	clear_area(y, x, cols, rows);
	attron(A_BOLD);
	ui_color_on(ui, PAIR_ERROR);
	border_box(ui, y, x, rows, cols);
	ui_color_off(ui, PAIR_ERROR);
	wrap(ui, y + 1, x + 2, inner, text, ui->advice, true);
	attroff(A_BOLD);
	ui_text(ui, y + rows - 2, x + 2, close, inner);
}

const char *ui_cell_glyph(const struct ui *ui, enum cell_kind k)
{
	return progress_cell_glyph(k, ui->ascii);
}

int ui_cell_pair(enum cell_kind k)
{
	switch (k) {
	case CELL_DONE:
		return PAIR_DONE;
	case CELL_PARTIAL:
		return PAIR_PARTIAL;
	case CELL_MISSED:
		return PAIR_ERROR;
	case CELL_EXCUSED:
		return PAIR_DIM;
	case CELL_SKIPPED:
		return PAIR_PARTIAL;
	default:
		return 0;
	}
}

/* A bar of width columns, filled in proportion to ratio (0..1). */
static void ui_bar(const struct ui *ui, int y, int x, int width, double ratio)
{
	int fill = (int)(ratio * width + 0.5);
	ui_color_on(ui, PAIR_DONE);
	for (int i = 0; i < width; i++) {
		if (i == fill)
			ui_color_off(ui, PAIR_DONE);
		ui_text(ui, y, x + i,
		        ui_glyph(ui, i < fill ? GLYPH_BLOCK : GLYPH_SHADE), 1);
	}
	ui_color_off(ui, PAIR_DONE);
}

void ui_adherence(const struct ui *ui, int row, int due, int done,
                  const char *span)
{
	char line[96];
	double ratio;
	if (!progress_ratio(due, done, &ratio)) {
		strfmt(line, sizeof line,
		       "Adherence: nothing to count yet this %s.", span);
		ui_text(ui, row, 1, line, COLS - 2);
		return;
	}
	strfmt(line, sizeof line, "Adherence %3.0f%%", ratio * 100);
	int x = 1 + ui_text(ui, row, 1, line, COLS - 2) + 2;
	int bar = COLS - x - 22;
	if (bar > 30)
		bar = 30;
	if (bar >= 5) {
		ui_bar(ui, row, x, bar, ratio);
		x += bar + 2;
	}
	strfmt(line, sizeof line, "%d of %d sessions", done, due);
	ui_text(ui, row, x, line, COLS - x - 1);
}

int ui_after_write(struct ui *ui, enum record_result r, const char *id,
                   const char *what, const char *msg)
{
	/* A pain above the limit: the advice comes first, at once. */
	char quoted[RX_ID_MAX + 3];
	const char *at;
	const struct rx_exercise *e = record_find(ui->ctx, id, ui->day);
	strfmt(quoted, sizeof quoted, "\"%s\"", id);
	if (r == REC_OK && ui->ctx->advice[0]) {
		/* Whole, in a box until a key; what was recorded below it. */
		strfmt(ui->advice, sizeof ui->advice, "%s", ui->ctx->advice);
		ui_message(ui, false, "%s", msg);
	} else if (r == REC_FAILED && ui->gave_up) {
		char lost[sizeof ui->message];
		ctx_not_recorded(store_error(ui->ctx->store), what,
		                 e ? e->name : id, lost, sizeof lost);
		ui_message(ui, true, "%s", lost);
	} else if (r != REC_OK && e && (at = strstr(msg, quoted)))
		/* A refusal names the exercise as the screen does, not by
		 * the id the command line takes. */
		ui_message(ui, true, "%.*s%s%s", (int)(at - msg), msg, e->name,
		           at + strlen(quoted));
	else
		ui_message(ui, r != REC_OK, "%s", msg);
	ui->ctx->advice[0] = '\0';
	ui->gave_up = false;
	if (r == REC_REFUSED)
		return DIRTY_SCREEN;
	ui->wrote = r == REC_OK;
	strfmt(ui->wrote_id, sizeof ui->wrote_id, "%s", id);
	ui->wrote_day = ui->day;
	if (r == REC_OK && ui->day == ui->ctx->today)
		ui_steps_follow(ui);
	return DIRTY_DATA;
}

void ui_steps_follow(struct ui *ui)
{
	char said[sizeof ui->notice], err[256];
	if (advance_auto(ui->ctx, said, sizeof said, err, sizeof err) != 0) {
		ui_message(ui, true, "%s", err);
		return;
	}
	if (!said[0])
		return;
	size_t at = strlen(ui->notice);
	strfmt(ui->notice + at, sizeof ui->notice - at, "%s%s", at ? "\n" : "",
	       said);
}

int ui_goto(struct ui *ui, enum ui_screen to, cal_day day, const char *id)
{
	ui->go.to = to;
	ui->go.day = day;
	strfmt(ui->go.id, sizeof ui->go.id, "%s", id ? id : "");
	return DIRTY_GO | DIRTY_SCREEN;
}

bool ui_cover(struct ui *ui, cal_day day)
{
	char err[512];
	cal_day first = cal_week_start(day, ui->ctx->hist.week_starts);
	if (ctx_cover(ui->ctx, first, err, sizeof err) == 0)
		return true;
	ui_message(ui, true, "%s", err);
	return false;
}

/* The legend from row on, its items ("● done") kept whole: a narrow
 * screen wraps between them, so that nothing of it is lost. */
int ui_legend(const struct ui *ui, int row, int x, int width,
              const char *legend, bool draw)
{
	int col = x, rows = 1;
	for (const char *p = legend; *p;) {
		const char *end = strstr(p, "  ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char item[64];
		strfmt(item, sizeof item, "%.*s", (int)n, p);
		int w = text_width(item);
		if (col > x && col + w > x + width) {
			rows++;
			col = x;
		}
		if (draw && row + rows - 1 < LINES - 1)
			ui_text(ui, row + rows - 1, col, item, x + width - col);
		col += w + 2;
		p += n;
		while (*p == ' ')
			p++;
	}
	return legend[0] ? rows : 0;
}

bool ui_fits(const struct ui *ui, const char *screen, int min_cols,
             int min_lines)
{
	if (COLS >= min_cols && LINES >= min_lines)
		return true;
	char msg[160];
	strfmt(msg, sizeof msg,
	       "The %s needs a window of %dx%d or more; this one is %dx%d. "
	       "Esc goes back.",
	       screen, min_cols, min_lines, COLS, LINES);
	ui_wrap(ui, 0, 1, COLS - 2, LINES, msg);
	return false;
}
