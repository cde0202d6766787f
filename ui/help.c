/*
 * Each screen's help: its keys, from the key table, its symbols, from the
 * legend the screen draws, and what the mouse does there.
 */
#include <string.h>

#include "hep/progress.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* One line of the help: a key (or a symbol) and its words, or a heading. */
struct help_line {
	enum { KEYED, HEADING, WHOLE } kind;
	char key[32];
	char text[160];
};

/* The help of the screen shown, line by line; returns how many. */
static size_t help_lines(const struct ui *ui, const struct screen *s,
                         const char *legend, struct help_line *out, size_t max)
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
	for (const struct help_note *h = s->notes; h && h->key; h++) {
		char k[32]; /* a glyph in its ASCII form where it has one */
		LINE(KEYED, text_ascii_form(h->key, ui->ascii, k, sizeof k),
		     "%s", h->text);
	}
	LINE(KEYED, ui_cut_mark(ui), "more than fits: a wider window shows it");
	if (ui->ascii)
		LINE(KEYED, "?",
		     "in a name or a unit: a character this terminal cannot "
		     "show (a UTF-8 locale shows it)");
	LINE(HEADING, "", "Mouse");
	LINE(WHOLE, "", "%s", s->mouse);
#undef LINE
	return n;
}

/* The rows one line takes, its words in text columns. */
static int help_rows(const struct help_line *l, int text)
{
	int r = ui_wrap_rows(l->kind == WHOLE ? COLS - 4 : text, l->text);
	return r > 0 ? r : 1;
}

void ui_help_draw(struct ui *ui, const struct screen *s, const char *symbols)
{
	struct help_line lines[96];
	size_t n =
	    help_lines(ui, s, symbols, lines, sizeof lines / sizeof *lines);
	char title[96];
	strfmt(title, sizeof title, "Help: %s", s->name);
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
	if (ui->help.top >= n)
		ui->help.top = n ? n - 1 : 0;
	while (ui->help.top > 0) {
		int rows = 0;
		for (size_t k = ui->help.top - 1; k < n; k++)
			rows += help_rows(&lines[k], text_w);
		if (rows > last - y + 1)
			break;
		ui->help.top--;
	}
	size_t i = ui->help.top;
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
	ui->help.more = i < n;
	ui->help.shown = i - ui->help.top;
	const char *end = ui->help.more ? "Space or Down: more; Esc goes back."
	                  : ui->help.top > 0
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
	if (!ui->help.more && ui->help.top == 0)
		line_down = line_up = page_down = page_up = false;
	if (line_down || page_down) {
		if (ui->help.more)
			ui->help.top += line_down ? 1 : ui->help.shown;
		return DIRTY_SCREEN;
	}
	if (line_up || page_up) {
		size_t by = line_up ? 1 : ui->help.shown;
		ui->help.top = ui->help.top > by ? ui->help.top - by : 0;
		return DIRTY_SCREEN;
	}
	ui->help.on = false;
	return DIRTY_SCREEN;
}
