/*
 * The guided timer screen: the selected exercise's dose walked through set
 * by set (src/timer.c builds the walk). It asks the pain before it starts,
 * waits on "get into position" until Space, then counts each tempo phase,
 * hold, pause, bout and rest down in big digits, the rep count of a set
 * that has nothing to time, the session's time left, and what comes next;
 * the bell (and a flash, except between tempo phases) at every change,
 * Space or p to pause, n (or Enter) to move on, Esc to stop without
 * recording. It records a session only when the last step ends or the
 * patient says it was done: n cutting the last timed step short asks
 * "Record the walk as done? y/n" with half the session behind, and goes
 * on without it before. At the end it asks the pain after and records the
 * session with both; Esc there records nothing.
 *
 * Time is the monotonic clock, read here and handed to the model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hep/record.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/*
 * The monotonic clock in milliseconds. Test seam (test builds only):
 * HEP_TEST_MONO_FILE names a file holding the clock's value in
 * milliseconds, read at every reading, so that a test moves the timer's
 * time by replacing the file (as HEP_NOW_FILE moves the day). A file that
 * cannot be read reads as 0.
 */
static int64_t now_ms(void)
{
#ifdef HEP_TEST_HOOKS
	const char *file = getenv("HEP_TEST_MONO_FILE");
	if (file && *file) {
		long long v = 0;
		FILE *f = fopen(file, "r");
		if (f) {
			if (fscanf(f, "%lld", &v) != 1)
				v = 0;
			fclose(f);
		}
		return (int64_t)v;
	}
#endif
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The screen's own state. */
struct guide {
	struct timer *timer;    /* the guided session (owned), or NULL */
	char id[RX_ID_MAX + 1]; /* the exercise it guides */
	bool asking;            /* "Record the walk as done? y/n" is open */
	bool was_paused;        /* ... and the walk was paused before it */
	int64_t cut_ms; /* the session behind when the patient said it was
	                   done before its end; -1 when it ran to the end */
	/* At the end, for an exercise with an effort (SPEC 2.2): the pain
	 * after, kept while the effort is asked; -2 before it is given. */
	int pain_after;
};

static const struct rx_exercise *selected(const struct ui *ui,
                                          const struct guide *g)
{
	for (size_t i = 0; i < ui->n_items; i++)
		if (strcmp(ui->items[i].ex->id, g->id) == 0)
			return ui->items[i].ex;
	return NULL;
}

/* Opens the pain question: before the walk while it has not ended, after
 * it once done (finish takes the answer). */
static void ask_pain(struct ui *ui)
{
	ui_edit_start(&ui->edit, "", true);
	ui->prompt = PROMPT_TIMER_PAIN;
}

/* Opened on the exercise go names (Today checked it is not done). */
static void enter(struct ui *ui, void *st, const struct ui_go *go)
{
	struct guide *g = st;
	strfmt(g->id, sizeof g->id, "%s", go->id);
	timer_free(g->timer);
	g->timer = NULL;
	g->asking = false;
	g->cut_ms = -1;
	g->pain_after = -2;
	const struct rx_exercise *e = selected(ui, g);
	if (e)
		g->timer = timer_new(e, now_ms());
	ask_pain(ui);
}

static void guide_free(void *st)
{
	struct guide *g = st;
	timer_free(g->timer);
	g->timer = NULL;
}

/* Stops the walk and goes back to the day's list. */
static int stop(struct ui *ui, struct guide *g)
{
	guide_free(g);
	return ui_goto(ui, SCREEN_TODAY, CAL_NONE, NULL);
}

static bool tempo_phase(enum timer_kind k)
{
	return k == TIMER_DOWN || k == TIMER_BOTTOM || k == TIMER_UP;
}

/* Moves the timer on (idle ticks); rings the bell at each transition. */
static int tick(struct ui *ui, void *st)
{
	struct guide *g = st;
	if (!g->timer || ui->prompt == PROMPT_TIMER_PAIN)
		return DIRTY_NONE;
	int changes = timer_advance(g->timer, now_ms());
	if (changes > 0) {
		beep();
		/* A flash a second through a tempo would only dazzle. */
		if (!tempo_phase(timer_current(g->timer).kind))
			flash();
	}
	if (timer_done(g->timer))
		ask_pain(ui);
	return DIRTY_SCREEN;
}

/* Takes the answer to PROMPT_TIMER_PAIN (-1 none): before the walk, the
 * pain before (kept by the timer, its advice shown at once); at its end,
 * the pain after, and records the session with both. */
static int finish(struct ui *ui, struct guide *g, int pain)
{
	if (!timer_done(g->timer)) {
		/* The pain before: kept for the record at the end, and a pain
		 * above the limit says so at once (SPEC 2.1), before a set. */
		timer_set_pain_before(g->timer, pain);
		const struct rx_exercise *e = selected(ui, g);
		/* Above the limit: the whole advice in its box, until a key
		 * (as after a tick), not a status line the next key clears. */
		if (e)
			record_advice(ui->ctx, e, pain, "before", ui->advice,
			              sizeof ui->advice);
		return DIRTY_SCREEN;
	}
	/* The effort next, when the exercise has a target (SPEC 2.2). */
	const struct rx_exercise *e = selected(ui, g);
	if (g->pain_after == -2 && e && e->effort.lo >= 0) {
		g->pain_after = pain;
		ask_pain(ui);
		return DIRTY_SCREEN;
	}
	struct record_rating rate = {pain, timer_pain_before(g->timer), -1};
	if (g->pain_after != -2) {
		rate.pain = g->pain_after;
		rate.effort = pain;
	}
	char msg[512];
	enum record_result r = record_done_rated(ui->ctx, g->id, ui->day, &rate,
	                                         NULL, NULL, msg, sizeof msg);
	char id[RX_ID_MAX + 1];
	strfmt(id, sizeof id, "%s", g->id);
	int go = stop(ui, g);
	return go | ui_after_write(ui, r, id, "session", msg);
}

/* "the walk": the exercise's name after "the", its first letter small
 * unless the second is a capital too ("the ACL stretch"). */
static char *the_name(const struct rx_exercise *e, char *buf, size_t size)
{
	strfmt(buf, size, "the %s", e ? e->name : "exercise");
	char *n = buf + 4;
	if (n[0] >= 'A' && n[0] <= 'Z' && !(n[1] >= 'A' && n[1] <= 'Z'))
		n[0] = (char)(n[0] - 'A' + 'a');
	return buf;
}

/* The answer to "Record the walk as done? y/n": y ends the walk as done
 * (the pain after, then the record), n goes on with the step, Esc stops
 * without recording; any other key says so. */
static int record_key(struct ui *ui, struct guide *g, int key, bool fkey)
{
	int64_t now = now_ms();
	char name[256];
	const struct rx_exercise *e = selected(ui, g);
	the_name(e, name, sizeof name);
	if (!fkey && (key == 'y' || key == 'Y')) {
		g->asking = false;
		g->cut_ms =
		    timer_total_ms(g->timer) - timer_left_ms(g->timer, now);
		timer_resume(g->timer, now);
		timer_next(g->timer, now);
		return tick(ui, g);
	}
	if (!fkey && (key == 'n' || key == 'N')) {
		g->asking = false;
		if (!g->was_paused)
			timer_resume(g->timer, now);
		ui_message(ui, false, "Not recorded yet: %s goes on.", name);
		return DIRTY_SCREEN;
	}
	if (!fkey && key == 27) {
		int go = stop(ui, g);
		ui_message(ui, false, "Timer stopped; nothing was recorded.");
		return go;
	}
	ui_message(ui, false,
	           "y records %s as done, n goes on, Esc stops without "
	           "recording.",
	           name);
	return DIRTY_SCREEN;
}

/* The answer to the pain question (or to the y/n of a walk cut short):
 * dirty flags, or -1 when none is asked. */
static int pain_key(struct ui *ui, void *st, int key, bool fkey)
{
	struct guide *g = st;
	if (g->asking && g->timer && !(!fkey && (key == '?' || key == 'q')))
		return record_key(ui, g, key, fkey);
	if (ui->prompt != PROMPT_TIMER_PAIN)
		return -1;
	int r = ui_prompt_edit(ui, key, fkey);
	if (r == 0)
		return DIRTY_SCREEN;
	if (r < 0 && timer_done(g->timer)) {
		/* Esc at the pain after: the patient takes it back. */
		char name[256];
		const struct rx_exercise *e = selected(ui, g);
		strfmt(name, sizeof name, "%s", e ? e->name : g->id);
		ui->prompt = PROMPT_NONE;
		int go = stop(ui, g);
		ui_message(ui, false,
		           "Esc: nothing was recorded. If it was done, Space "
		           "on Today ticks %s.",
		           name);
		return go;
	}
	/* Before the walk Esc or an empty answer starts it without a pain
	 * score; at its end an empty answer records it without one. */
	int pain = r > 0 ? ui_typed_pain(&ui->edit) : -1;
	if (pain == -2) {
		ui_message(ui, true, "%s is a number from 0 to 10, not %s.",
		           g->pain_after != -2 ? "Effort" : "Pain",
		           ui->edit.buf);
		return DIRTY_SCREEN; /* the answer stays, to mend */
	}
	ui->prompt = PROMPT_NONE;
	return finish(ui, st, pain);
}

/* n on the last timed step before its end: before half the session it
 * goes on (said), from half the patient is asked whether it was done.
 * Returns dirty flags, or -1 when n moves on as usual. */
static int cut_short(struct ui *ui, struct guide *g, int64_t now)
{
	enum timer_end end = timer_next_end(g->timer, now);
	if (end == TIMER_END_ON)
		return -1;
	const struct rx_exercise *e = selected(ui, g);
	char name[256];
	the_name(e, name, sizeof name);
	if (end == TIMER_END_EARLY) {
		ui_message(ui, false,
		           "Less than half of %s is done: it goes on, not "
		           "recorded. Esc stops without recording.",
		           name);
		return DIRTY_SCREEN;
	}
	g->asking = true;
	g->was_paused = timer_paused(g->timer);
	timer_pause(g->timer, now);
	ui_edit_start(&ui->edit, "", true);
	return DIRTY_SCREEN;
}

static int handle(struct ui *ui, void *st, enum action a)
{
	struct guide *g = st;
	int64_t now = now_ms();
	switch (a) {
	case ACT_BACK: {
		int go = stop(ui, g);
		ui_message(ui, false, "Timer stopped; nothing was recorded.");
		return go;
	}
	case ACT_PAUSE:
	case ACT_STEP:
		/* In position: Space (or Enter, n) starts the first set. */
		if (a == ACT_STEP ||
		    timer_current(g->timer).kind == TIMER_GET_READY) {
			int cut = cut_short(ui, g, now);
			if (cut >= 0)
				return cut;
			/* Going on means going on: the next step runs. */
			if (timer_paused(g->timer))
				timer_resume(g->timer, now);
			timer_next(g->timer, now);
			beep();
			return tick(ui, g);
		}
		if (!timer_pause(g->timer, now))
			timer_resume(g->timer, now);
		return DIRTY_SCREEN;
	default:
		return DIRTY_NONE;
	}
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
	const char *block = ui_glyph(ui, GLYPH_BLOCK);
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

/* Milliseconds as "m:ss", or "h:mm:ss" from an hour on; rounded up when
 * counting down (the last second shows 0:01, never 0:00). */
static char *clock_text(int64_t ms, bool up, char *buf, size_t size)
{
	long long s = (ms + (up ? 999 : 0)) / 1000;
	if (s >= 3600)
		strfmt(buf, size, "%lld:%02lld:%02lld", s / 3600 % 100,
		       s / 60 % 60, s % 60);
	else
		strfmt(buf, size, "%lld:%02lld", s / 60, s % 60);
	return buf;
}

/* What the big figure shows and the line under it. */
struct figure {
	char big[16];     /* digits and ':', or "" for none */
	char caption[96]; /* or "" */
	int pair;         /* colour pair of the digits */
};

static void figure_of(const struct timer *t, const struct timer_step *st,
                      int64_t now, struct figure *f)
{
	char clock[16], range[64];
	f->big[0] = f->caption[0] = '\0';
	f->pair = PAIR_TITLE;
	switch (st->kind) {
	case TIMER_GET_READY:
	case TIMER_DONE:
		return; /* nothing counts: no clock at all */
	case TIMER_REPS:
		/* Nothing to time: the count to do, and the set's time so far
		 * counting up. */
		if (st->reps > 0) {
			strfmt(f->big, sizeof f->big, "%d", st->reps);
			if (st->reps_hi > st->reps)
				strfmt(range, sizeof range, " (up to %d)",
				       st->reps_hi);
			else
				range[0] = '\0';
			strfmt(f->caption, sizeof f->caption,
			       "rep%s%s%s, %s on this set",
			       st->reps == 1 ? "" : "s", range,
			       st->side == RX_SIDE_ALTERNATE ? " a side" : "",
			       clock_text(timer_elapsed_ms(t, now), false,
			                  clock, sizeof clock));
		} else {
			clock_text(timer_elapsed_ms(t, now), false, f->big,
			           sizeof f->big);
			strfmt(f->caption, sizeof f->caption, "on this set");
		}
		return;
	default:
		break;
	}
	if (st->duration_ms == 0) {
		/* Untimed (a rep, a switch, a rest as needed): counts up. */
		clock_text(timer_elapsed_ms(t, now), false, f->big,
		           sizeof f->big);
		strfmt(f->caption, sizeof f->caption, "so far");
		return;
	}
	/* A rest's or pause's range counts its lower bound; the patient may
	 * go on. A hold's or duration's counts to its top, its bottom marked
	 * where the patient may stop. */
	clock_text(timer_remaining_ms(t, now), true, f->big, sizeof f->big);
	char upto[64] = "";
	rx_time_text((int)(st->least_ms / 1000), range, sizeof range);
	if (st->least_ms < st->duration_ms &&
	    timer_elapsed_ms(t, now) >= st->least_ms)
		strfmt(upto, sizeof upto, "; %s done: stop here if you must",
		       range);
	else if (st->least_ms < st->duration_ms)
		strfmt(upto, sizeof upto, " (stop at %s if you must)", range);
	else if (st->upto_ms > st->duration_ms)
		strfmt(upto, sizeof upto, " (up to %s if you can)",
		       rx_time_text((int)(st->upto_ms / 1000), range,
		                    sizeof range));
	strfmt(f->caption, sizeof f->caption, "left of %s%s",
	       rx_time_text((int)(st->duration_ms / 1000), clock, sizeof clock),
	       upto);
	f->pair = st->kind == TIMER_REST || st->kind == TIMER_PAUSE
	              ? PAIR_PARTIAL
	              : PAIR_DONE;
}

/*
 * Draws s at y, x in at most two lines of width columns, broken at the last
 * space that fits (the second line cut with "…" if need be); returns the
 * lines used.
 */
static int fit2(const struct ui *ui, int y, int x, const char *s, int width)
{
	if (text_width(s) <= width) {
		ui_text(ui, y, x, s, width);
		return 1;
	}
	size_t brk = 0;
	int w = 0;
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		int n = text_utf8_next(s + i, &cp);
		int cw = text_cp_width(cp);
		w += cw < 0 ? 1 : cw;
		if (w > width)
			break;
		i += (size_t)n;
		if (s[i] == ' ')
			brk = i;
	}
	if (brk == 0) {
		ui_text(ui, y, x, s, width);
		return 1;
	}
	char first[256];
	strfmt(first, sizeof first, "%.*s", (int)brk, s);
	ui_text(ui, y, x, first, width);
	ui_text(ui, y + 1, x, s + brk + 1, width);
	return 2;
}

/* The pain question (or the y/n of a walk cut short) on the last line. */
static void draw_prompt(struct ui *ui, const struct guide *g,
                        const struct rx_exercise *e)
{
	const struct timer *t = g->timer;
	if (g->asking) {
		char name[256];
		ui_ask(ui, "Record ", the_name(e, name, sizeof name),
		       " as done? y/n ", 2);
		return;
	}
	const char *ask =
	    !timer_done(t) ? "Pain now, before you start? 0 to 10 (Enter "
	                     "skips): "
	    : g->pain_after != -2
	        ? "How hard was it? Effort 0 to 10 (Enter skips): "
	        : "Done! Pain after? 0 to 10 (Enter skips): ";
	ui_ask(ui, "", "", ask, 4);
}

/* "When you are in position, Space starts the first set.", in the words
 * of what the exercise has: sets, bouts, one set, or a walk. */
static void ready_hint(const struct rx_exercise *e, const struct timer_step *st,
                       char *buf, size_t size)
{
	char name[256];
	const char *what = st->bouts ? "first bout" : "first set";
	if (st->sets == 1)
		what = st->bouts ? the_name(e, name, sizeof name) : "the set";
	strfmt(buf, size, "When you are %s, Space starts %s%s.",
	       st->bouts ? "ready" : "in position", st->sets > 1 ? "the " : "",
	       what);
}

/* What the patient does now, when the walk waits, is paused, asks or
 * ends. */
static void draw_hint(const struct ui *ui, const struct guide *g,
                      const struct rx_exercise *e, int row,
                      const struct timer_step *st)
{
	const struct timer *t = g->timer;
	const char *hint = NULL;
	char line[320];
	if (g->asking) {
		const char *dot = ui_glyph(ui, GLYPH_DOT);
		strfmt(line, sizeof line,
		       "y records it %s n goes on %s Esc stops without "
		       "recording",
		       dot, dot);
		hint = line;
	} else if (timer_paused(t)) {
		attron(A_REVERSE);
		ui_text(ui, row, 2, " Paused: Space or p goes on ", COLS - 4);
		attroff(A_REVERSE);
		return;
	} else if (st->kind == TIMER_GET_READY)
		hint = (ready_hint(e, st, line, sizeof line), line);
	else if (st->kind == TIMER_DONE)
		hint = "Enter records it (the pain is optional); Esc records "
		       "nothing.";
	else if (st->kind == TIMER_REPS)
		hint = "Press Enter (or n) when the set is done.";
	else if (!st->duration_ms)
		hint = "Press Enter (or n) when you are ready to go on.";
	if (!hint)
		return;
	attron(A_BOLD);
	ui_text(ui, row, 2, hint, COLS - 4);
	attroff(A_BOLD);
}

/* The exercise and its dose, and the rule under them. */
static void draw_title(const struct ui *ui, const struct rx_exercise *e)
{
	char dose[128];
	attron(A_BOLD);
	ui_color_on(ui, PAIR_TITLE);
	ui_text(ui, 0, 1, e->name, COLS - 2);
	ui_color_off(ui, PAIR_TITLE);
	attroff(A_BOLD);
	ui_text(ui, 1, 1, rx_dose(e, ui->ascii, dose, sizeof dose), COLS - 2);
	ui_hline(ui, 2, 0, COLS);
}

/* The big figure (a countdown, the reps to do, or a count up) and what
 * it counts from row on, or while getting ready the exercise's notes;
 * returns the row after it. */
static int draw_figure(const struct ui *ui, const struct timer *t,
                       const struct rx_exercise *e, const struct timer_step *st,
                       int64_t now, int row, bool tall)
{
	struct figure f;
	char line[256];
	figure_of(t, st, now, &f);
	int width = (int)strlen(f.big) * 4;
	if (tall && f.big[0] && COLS >= width + 4) {
		ui_color_on(ui, f.pair);
		big_text(ui, row, (COLS - width) / 2, f.big);
		ui_color_off(ui, f.pair);
		row += 5;
		int cw = text_width(f.caption);
		ui_text(ui, row, cw < COLS - 4 ? (COLS - cw) / 2 : 2, f.caption,
		        COLS - 4);
		row += 2;
	} else if (f.big[0]) {
		strfmt(line, sizeof line, "%s %s", f.big, f.caption);
		ui_text(ui, row++, 2, line, COLS - 4);
	} else if (tall && st->kind == TIMER_GET_READY && e->notes) {
		/* While the patient gets into position: how it is done. */
		ui_wrap(ui, row, 2, COLS - 4, 4, e->notes);
		row += 6;
	} else if (tall) {
		row += 2;
	}
	return row;
}

/* The session from row on, above last: where in the walk, and its time
 * left counting down (left out when nothing in it is timed, and at the
 * end); what comes next. */
static void draw_session(const struct ui *ui, const struct guide *g,
                         const struct timer_step *st, int64_t now, int row,
                         int last)
{
	const struct timer *t = g->timer;
	char line[256], left[16], all[16], dot[8];
	strfmt(dot, sizeof dot, " %s ", ui_glyph(ui, GLYPH_DOT));
	int64_t total = timer_total_ms(t);
	if (st->kind == TIMER_DONE && g->cut_ms >= 0)
		strfmt(line, sizeof line, "Well done: %s of %s.",
		       clock_text(g->cut_ms, false, left, sizeof left),
		       clock_text(total, false, all, sizeof all));
	else if (st->kind == TIMER_DONE)
		strfmt(line, sizeof line, "Well done: every set is done.");
	else if (total > 0)
		strfmt(
		    line, sizeof line, "Step %zu of %zu%s%s left in all",
		    timer_index(t) + 1, timer_count(t), dot,
		    clock_text(timer_left_ms(t, now), true, left, sizeof left));
	else
		strfmt(line, sizeof line, "Step %zu of %zu", timer_index(t) + 1,
		       timer_count(t));
	if (row < last)
		ui_text(ui, row++, 2, line, COLS - 4);
	if (row < last && timer_index(t) + 1 < timer_count(t)) {
		struct timer_step next = timer_step_at(t, timer_index(t) + 1);
		char what[200];
		strfmt(
		    line, sizeof line, "Next: %s",
		    timer_describe_step(&next, ui->ascii, what, sizeof what));
		attron(A_DIM);
		ui_text(ui, row, 2, line, COLS - 4);
		attroff(A_DIM);
	}
}

/* The last lines: a message above the footer, then the footer or the
 * pain question. */
static void draw_bottom(struct ui *ui, const struct guide *g,
                        const struct rx_exercise *e,
                        const struct timer_step *st, int msg_rows)
{
	const struct timer *t = g->timer;
	char line[256], dot[8];
	strfmt(dot, sizeof dot, " %s ", ui_glyph(ui, GLYPH_DOT));
	if (ui->message[0]) {
		/* Why an answer was refused, or advice, above the footer. */
		int pair = ui->message_error ? PAIR_ERROR : PAIR_TITLE;
		ui_color_on(ui, pair);
		fit2(ui, LINES - 1 - msg_rows, 1, ui->message, COLS - 2);
		ui_color_off(ui, pair);
	}
	if (ui->prompt == PROMPT_TIMER_PAIN || g->asking) {
		draw_prompt(ui, g, e);
		return;
	}
	if (st->kind == TIMER_GET_READY)
		strfmt(line, sizeof line,
		       "Space start%sEsc stop without recording", dot);
	else
		strfmt(line, sizeof line,
		       "Space/p %s%sn next step%sEsc stop without recording",
		       timer_paused(t) ? "go on" : "pause", dot, dot);
	attron(A_DIM);
	ui_text(ui, LINES - 1, 1, line, COLS - 2);
	attroff(A_DIM);
}

/*
 * The screen, top down: the exercise and its dose; the step in words; the
 * big figure (a countdown, the reps to do, or a count up) and what it
 * counts, or while getting ready the exercise's notes; what to do now; the
 * step and the session's time left; what comes next; the footer or the
 * pain question. From 18 rows (60x20 has them) the figure is in big digits;
 * below, everything is one line.
 */
static void draw(struct ui *ui, void *st)
{
	struct guide *g = st;
	const struct rx_exercise *e = selected(ui, g);
	if (!g->timer || !e) {
		ui_text(ui, 0, 1, "The exercise is no longer on the list.",
		        COLS - 2);
		return;
	}
	const struct timer *t = g->timer;
	int64_t now = now_ms();
	struct timer_step step = timer_current(t);
	char line[256];
	draw_title(ui, e);
	/* A message (a pain above the limit, say) takes up to two lines
	 * above the footer. */
	int msg_rows = !ui->message[0]                       ? 0
	               : text_width(ui->message) <= COLS - 2 ? 1
	                                                     : 2;
	int last = LINES - 1 - msg_rows; /* the rows free above it */
	bool tall = LINES >= 18;
	int row = tall ? 4 : 3;
	timer_describe(t, ui->ascii, line, sizeof line);
	attron(A_BOLD);
	if (tall || LINES >= 10)
		row += fit2(ui, row, 2, line, COLS - 4);
	else
		ui_text(ui, row++, 2, line, COLS - 4);
	attroff(A_BOLD);
	row = tall ? 7 : row;
	row = draw_figure(ui, t, e, &step, now, row, tall);
	if (row < last)
		draw_hint(ui, g, e, row++, &step);
	draw_session(ui, g, &step, now, row, last);
	draw_bottom(ui, g, e, &step, msg_rows);
}

const struct screen ui_timer_screen = {
    .name = "the guided timer",
    .mouse = "The mouse does nothing here.",
    .size = sizeof(struct guide),
    .enter = enter,
    .draw = draw,
    .key = pain_key,
    .handle = handle,
    .tick = tick,
    .free = guide_free,
};
