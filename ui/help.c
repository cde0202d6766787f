#include "internal.h"

void ui_help_draw(struct ui *ui)
{
	int y = 0;
	attron(A_BOLD);
	ui_text(ui, y++, 1, "hep keys", COLS - 2);
	attroff(A_BOLD);
	ui_hline(ui, y++, 0, COLS);
	for (const struct binding *b = ui_bindings; b->key && y < LINES - 1;
	     b++) {
		if (!b->keys)
			continue;
		attron(A_BOLD);
		ui_text(ui, y, 2, b->keys, 14);
		attroff(A_BOLD);
		ui_text(ui, y++, 17, b->help, COLS - 18);
	}
	ui_text(ui, LINES - 1, 1, "Press any key to go back.", COLS - 2);
}
