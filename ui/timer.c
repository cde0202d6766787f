/*
 * The guided timer screen: the selected exercise's dose walked through set
 * by set, each hold and rest counted down in big digits, the bell (and a
 * flash) at every change, Space to pause, n to skip ahead, Esc to stop
 * without recording. At the end it asks for pain and records the session.
 * Time is the monotonic clock, read here and handed to the model.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const struct rx_exercise *selected(const struct ui *ui)
{
	for (size_t i = 0; i < ui->n_items; i++)
		if (strcmp(ui->items[i].ex->id, ui->timer_id) == 0)
			return ui->items[i].ex;
	return NULL;
}

int ui_timer_start(struct ui *ui)
{
	if (ui->n_items == 0)
		return DIRTY_NONE;
	const struct day_item *it = &ui->items[ui->sel];
	if (it->done >= it->due) {
		ui_message(ui, true, "%s is done for the day.", it->ex->name);
		return DIRTY_SCREEN;
	}
	timer_free(ui->timer);
	ui->timer = timer_new(it->ex, now_ms());
	strfmt(ui->timer_id, sizeof ui->timer_id, "%s", it->ex->id);
	ui->screen = SCREEN_TIMER;
	return DIRTY_SCREEN;
}

static void stop(struct ui *ui)
{
	timer_free(ui->timer);
	ui->timer = NULL;
	ui->screen = SCREEN_TODAY;
}

int ui_timer_tick(struct ui *ui)
{
	if (!ui->timer || ui->prompt == PROMPT_TIMER_PAIN)
		return DIRTY_NONE;
	int changes = timer_advance(ui->timer, now_ms());
	if (changes > 0) {
		beep();
		flash();
	}
	if (timer_done(ui->timer)) {
		ui_edit_start(&ui->edit, "", true);
		ui->prompt = PROMPT_TIMER_PAIN;
	}
	return DIRTY_SCREEN;
}

int ui_timer_finish(struct ui *ui, int pain)
{
	char msg[512];
	enum record_result r = record_done(ui->ctx, ui->timer_id, ui->day, pain,
	                                   -1, NULL, msg, sizeof msg);
	char id[RX_ID_MAX + 1];
	strfmt(id, sizeof id, "%s", ui->timer_id);
	stop(ui);
	return ui_after_write(ui, r, id, msg);
}

int ui_timer_handle(struct ui *ui, enum action a, int key)
{
	int64_t now = now_ms();
	if (key == 27 || a == ACT_BACK) {
		stop(ui);
		ui_message(ui, false, "Timer stopped; nothing was recorded.");
		return DIRTY_SCREEN;
	}
	if (a == ACT_TICK && key == ' ') {
		if (!timer_pause(ui->timer, now))
			timer_resume(ui->timer, now);
		return DIRTY_SCREEN;
	}
	if (key == 'n' || a == ACT_TICK) {
		timer_next(ui->timer, now);
		beep();
		return ui_timer_tick(ui);
	}
	return DIRTY_NONE;
}

/* Big digits, 3 columns by 5 rows each, drawn with blocks or '#'. */
static const char *const font[11][5] = {
    {"###", "# #", "# #", "# #", "###"}, {" # ", "## ", " # ", " # ", "###"},
    {"###", "  #", "###", "#  ", "###"}, {"###", "  #", "###", "  #", "###"},
    {"# #", "# #", "###", "  #", "  #"}, {"###", "#  ", "###", "  #", "###"},
    {"###", "#  ", "###", "# #", "###"}, {"###", "  #", "  #", "  #", "  #"},
    {"###", "# #", "###", "# #", "###"}, {"###", "# #", "###", "  #", "###"},
    {"   ", " # ", "   ", " # ", "   "}};

static void big_text(const struct ui *ui, int y, int x, const char *s)
{
	const char *block = ui->ascii ? "#" : "\xE2\x96\x88";
	for (; *s; s++, x += 4) {
		int g = *s == ':' ? 10 : *s - '0';
		if (g < 0 || g > 10)
			continue;
		for (int r = 0; r < 5; r++)
			for (int c = 0; c < 3; c++)
				if (font[g][r][c] == '#')
					ui_text(ui, y + r, x + c, block, 1);
	}
}

void ui_timer_draw(struct ui *ui)
{
	const struct rx_exercise *e = selected(ui);
	if (!ui->timer || !e) {
		ui_text(ui, 0, 1, "The exercise is no longer on the list.",
		        COLS - 2);
		return;
	}
	int64_t now = now_ms();
	struct timer_step st = timer_current(ui->timer);
	char line[200], dose[128];
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	ui_text(ui, 0, 1, e->name, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	ui_text(ui, 1, 1, rx_dose(e, ui->ascii, dose, sizeof dose), COLS - 2);
	ui_hline(ui, 2, 0, COLS);

	attron(A_BOLD);
	ui_text(ui, 4, 2, timer_describe(ui->timer, line, sizeof line),
	        COLS - 4);
	attroff(A_BOLD);

	/* A countdown for a timed step; time spent for an untimed one. */
	int64_t ms = st.duration_ms ? timer_remaining_ms(ui->timer, now)
	                            : timer_elapsed_ms(ui->timer, now);
	long secs = (long)((ms + (st.duration_ms ? 999 : 0)) / 1000);
	char clock[16];
	strfmt(clock, sizeof clock, "%ld:%02ld", secs / 60 % 100, secs % 60);
	int width = (int)strlen(clock) * 4;
	if (LINES >= 14 && COLS >= width + 4) {
		int pair = st.kind == TIMER_HOLD   ? PAIR_DONE
		           : st.kind == TIMER_REST ? PAIR_PARTIAL
		                                   : PAIR_TITLE;
		ui_color_on(ui, pair);
		big_text(ui, 6, (COLS - width) / 2, clock);
		ui_color_off(ui, pair);
	} else {
		ui_text(ui, 6, 2, clock, COLS - 4);
	}
	int row = LINES >= 14 ? 12 : 8;
	if (timer_paused(ui->timer)) {
		attron(A_REVERSE);
		ui_text(ui, row, 2, " Paused: Space goes on ", COLS - 4);
		attroff(A_REVERSE);
	} else if (!st.duration_ms && st.kind != TIMER_DONE) {
		ui_text(ui, row, 2,
		        "Press Enter (or n) when you are ready to go on.",
		        COLS - 4);
	}
	strfmt(line, sizeof line, "Step %zu of %zu, about %ld min in all",
	       timer_index(ui->timer) + 1, timer_count(ui->timer),
	       (long)((timer_total_ms(ui->timer) + 59999) / 60000));
	if (row + 1 < LINES - 1)
		ui_text(ui, row + 1, 2, line, COLS - 4);
	if (ui->prompt == PROMPT_TIMER_PAIN) {
		const char *ask =
		    "Done! Pain 0 to 10 (Enter without a number: none): ";
		attron(A_BOLD);
		int used = ui_text(ui, LINES - 1, 1, ask, COLS / 2 + 10);
		attroff(A_BOLD);
		ui_edit_draw(ui, LINES - 1, 1 + used, COLS - 2 - used,
		             &ui->edit);
		return;
	}
	const char *dot = ui->ascii ? " - " : " \xC2\xB7 ";
	strfmt(line, sizeof line,
	       "Space pause%sn next step%sEsc stop without recording", dot,
	       dot);
	attron(A_DIM);
	ui_text(ui, LINES - 1, 1, line, COLS - 2);
	attroff(A_DIM);
}
