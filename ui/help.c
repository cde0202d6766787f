/*
 * Each screen's help: its keys, from the key table, its symbols, from the
 * legend the screen draws, and what the mouse does there.
 */
#include <string.h>

#include "hep/progress.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* What each screen is called, and what the mouse does there. */
static const struct {
	const char *name;
	const char *mouse;
} screens[] = {
    [SCREEN_TODAY] = {"the day's list",
                      "Click an exercise to select it; click its box to "
                      "tick it."},
    [SCREEN_WEEK] = {"the week", "The mouse does nothing here."},
    [SCREEN_MONTH] = {"the month", "Click a day to put the cursor on it."},
    [SCREEN_TIMER] = {"the guided timer", "The mouse does nothing here."},
    [SCREEN_DIARY] = {"the day's diary", "The mouse does nothing here."},
    [SCREEN_CHECKIN] = {"the check-in", "The mouse does nothing here."},
};

char *ui_symbols(const struct ui *ui, enum ui_screen s, char *buf, size_t size)
{
	buf[0] = '\0';
	switch (s) {
	case SCREEN_TODAY:
		return progress_box_legend(buf, size);
	case SCREEN_WEEK:
		progress_cell_legend(ui->ascii, false, buf, size);
		strpart(buf, size, "  ", "* pain/note");
		return buf;
	case SCREEN_MONTH:
		return progress_cell_legend(ui->ascii, true, buf, size);
	default:
		return buf;
	}
}

/* One line of the help: a key (or a symbol) and its words, or a heading. */
struct help_line {
	enum { KEYED, HEADING, WHOLE } kind;
	char key[32];
	char text[160];
};

/* The help of the screen shown, line by line; returns how many. */
static size_t help_lines(const struct ui *ui, struct help_line *out, size_t max)
{
	size_t n = 0;
#define LINE(how, k, ...)                                                      \
	do {                                                                   \
		if (n < max) {                                                 \
			out[n].kind = how;                                     \
			strfmt(out[n].key, sizeof out[n].key, "%s", k);        \
			strfmt(out[n].text, sizeof out[n].text, __VA_ARGS__);  \
			n++;                                                   \
		}                                                              \
	} while (0)
	unsigned on = 1u << ui->screen;
	LINE(HEADING, "", "Keys");
	for (const struct binding *b = ui_bindings; b->key; b++)
		if (b->keys && (b->on & on))
			LINE(KEYED, b->keys, "%s", b->help);
	char legend[512];
	ui_symbols(ui, ui->screen, legend, sizeof legend);
	LINE(HEADING, "", "Symbols");
	/* The legend's items ("● done"), the glyph before the first space. */
	for (const char *p = legend; *p;) {
		const char *end = strstr(p, "  ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *space = memchr(p + 1, ' ', len - 1);
		size_t glyph = space ? (size_t)(space - p) : len;
		/* "[ ] to do": a box's glyph holds a space. */
		if (p[0] == '[' && len > 3 && p[2] == ']')
			glyph = 3;
		char g[32];
		strfmt(g, sizeof g, "%.*s", (int)glyph, p);
		LINE(KEYED, g, "%.*s", (int)(len - glyph - (glyph < len)),
		     p + glyph + (glyph < len));
		p += len;
		while (*p == ' ')
			p++;
	}
	if (ui->screen == SCREEN_WEEK)
		LINE(KEYED, "Mon", "underlined: today");
	if (ui->screen == SCREEN_MONTH) {
		LINE(KEYED, "1", "underlined: today");
		LINE(KEYED, "1", "reversed: the cursor; Enter opens its day");
	}
	if (ui->screen == SCREEN_TODAY)
		LINE(KEYED, "Name", "reversed: the exercise the keys act on");
	if (ui->screen == SCREEN_CHECKIN) {
		LINE(KEYED, "last", "the latest value before, and its day");
		LINE(KEYED, "saved",
		     "what Enter recorded; typing again corrects it");
	}
	LINE(KEYED, ui_cut_mark(ui), "more than fits: a wider window shows it");
	if (ui->ascii)
		LINE(KEYED, "?",
		     "in a name or a unit: a character this terminal cannot "
		     "show (a UTF-8 locale shows it)");
	LINE(HEADING, "", "Mouse");
	LINE(WHOLE, "", "%s", screens[ui->screen].mouse);
#undef LINE
	return n;
}

/* The rows one line takes, its words in text columns. */
static int help_rows(const struct help_line *l, int text)
{
	int r = ui_wrap_rows(l->kind == WHOLE ? COLS - 4 : text, l->text);
	return r > 0 ? r : 1;
}

void ui_help_draw(struct ui *ui)
{
	struct help_line lines[96];
	size_t n = help_lines(ui, lines, sizeof lines / sizeof *lines);
	char title[96];
	strfmt(title, sizeof title, "Help: %s", screens[ui->screen].name);
	attron(A_BOLD);
	ui_text(ui, 0, 1, title, COLS - 2);
	attroff(A_BOLD);
	ui_hline(ui, 1, 0, COLS);
	int key_w = 0;
	for (size_t i = 0; i < n; i++)
		if (text_width(lines[i].key) > key_w)
			key_w = text_width(lines[i].key);
	if (key_w > COLS / 3)
		key_w = COLS / 3;
	int text_x = 2 + key_w + 2, text_w = COLS - text_x - 1;
	int y = 2, last = LINES - 2;
	/* Paged past the end: back up until the last page is full. */
	if (ui->help_top >= n)
		ui->help_top = n ? n - 1 : 0;
	while (ui->help_top > 0) {
		int rows = 0;
		for (size_t k = ui->help_top - 1; k < n; k++)
			rows += help_rows(&lines[k], text_w);
		if (rows > last - y + 1)
			break;
		ui->help_top--;
	}
	size_t i = ui->help_top;
	for (; i < n; i++) {
		const struct help_line *l = &lines[i];
		int rows = help_rows(l, text_w);
		if (y + rows - 1 > last)
			break;
		if (l->kind == HEADING) {
			attron(A_BOLD);
			ui_text(ui, y, 1, l->text, COLS - 2);
			attroff(A_BOLD);
		} else if (l->kind == WHOLE) {
			ui_wrap(ui, y, 2, COLS - 4, rows, l->text);
		} else {
			attron(A_BOLD);
			ui_text(ui, y, 2, l->key, key_w);
			attroff(A_BOLD);
			ui_wrap(ui, y, text_x, text_w, rows, l->text);
		}
		y += rows;
	}
	ui->help_more = i < n;
	ui->help_shown = i - ui->help_top;
	const char *end = ui->help_more ? "Space or Down: more; Esc goes back."
	                  : ui->help_top > 0
	                      ? "Up: back to the top; Esc goes back."
	                      : "Press any key to go back.";
	attron(A_DIM);
	ui_text(ui, LINES - 1, 1, end, COLS - 2);
	attroff(A_DIM);
}

int ui_help_key(struct ui *ui, int key, bool fkey)
{
	bool line_down = fkey ? key == KEY_DOWN : key == 'j';
	bool line_up = fkey ? key == KEY_UP : key == 'k';
	bool page_down = fkey ? key == KEY_NPAGE : key == ' ';
	bool page_up = fkey && key == KEY_PPAGE;
	if (!ui->help_more && ui->help_top == 0)
		line_down = line_up = page_down = page_up = false;
	if (line_down || page_down) {
		if (ui->help_more)
			ui->help_top += line_down ? 1 : ui->help_shown;
		return DIRTY_SCREEN;
	}
	if (line_up || page_up) {
		size_t by = line_up ? 1 : ui->help_shown;
		ui->help_top = ui->help_top > by ? ui->help_top - by : 0;
		return DIRTY_SCREEN;
	}
	ui->help = false;
	return DIRTY_SCREEN;
}
