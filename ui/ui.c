/* get_wch() and wint_t: the wide-character curses interface. */
#define _XOPEN_SOURCE_EXTENDED 1

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "hep/store.h"
#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"
#include "ui.h"

/* Set by SIGINT, SIGTERM and SIGHUP; the loop notices and quits cleanly. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/*
 * On a crash the terminal must not be left in raw mode on the alternate
 * screen. The handler may only use async-signal-safe calls, so the escape
 * sequences and the terminal modes are prepared before the screen starts.
 */
static struct termios saved_modes;
static bool have_saved_modes;
static char restore_seq[256];
static size_t restore_len;

static void append_cap(const char *name)
{
	char *cap = tigetstr(name);
	if (!cap || cap == (char *)-1)
		return;
	size_t n = strlen(cap);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, cap, n);
		restore_len += n;
	}
}

static void on_crash(int sig)
{
	if (restore_len) {
		ssize_t r = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)r;
	}
	if (have_saved_modes)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_crashes(void)
{
	restore_len = 0;
	append_cap("sgr0");
	append_cap("cnorm");
	append_cap("rmcup");
	struct sigaction sa = {0};
	sa.sa_handler = on_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	int fatal[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
		sigaction(fatal[i], &sa, NULL);
}

int ui_check_terminal(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("hep: the screen needs a terminal; for scripts use 'hep "
		      "today' (see 'hep --help')\n",
		      stderr);
		return 1;
	}
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr,
		        "hep: the terminal '%s' cannot move the cursor; use "
		        "'hep today' instead\n",
		        term && *term ? term : "(TERM is not set)");
		return 1;
	}
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr,
		        "hep: the terminal type '%s' is unknown here; use 'hep "
		        "today' instead\n",
		        term);
		return 1;
	}
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!ok) {
		fprintf(stderr,
		        "hep: the terminal '%s' cannot move the cursor; use "
		        "'hep today' instead\n",
		        term);
		return 1;
	}
	return 0;
}

/* Tells a waiting test that a frame is on the screen (HEP_TEST_FIFO). */
static void ack_frame(struct ui *ui)
{
	ui->frame++;
	if (ui->ack_fd < 0)
		return;
	char line[64];
	strfmt(line, sizeof line, "frame %u %dx%d\n", ui->frame, COLS, LINES);
	ssize_t r = write(ui->ack_fd, line, strlen(line));
	(void)r;
}

/* The screens, one entry each: the loop dispatches through this table. */
static const struct screen *const screens[SCREEN_COUNT] = {
    [SCREEN_TODAY] = &ui_today_screen, [SCREEN_WEEK] = &ui_week_screen,
    [SCREEN_MONTH] = &ui_month_screen, [SCREEN_TIMER] = &ui_timer_screen,
    [SCREEN_DIARY] = &ui_diary_screen, [SCREEN_CHECKIN] = &ui_checkin_screen,
};

/* The screen shown and its state. */
static const struct screen *shown(const struct ui *ui)
{
	return screens[ui->screen];
}

static void *shown_state(const struct ui *ui)
{
	return ui->state[ui->screen];
}

static void draw(struct ui *ui)
{
	const struct screen *s = shown(ui);
	erase();
	bool fits = COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES;
	if (!fits) {
		char msg[96];
		strfmt(msg, sizeof msg, "Terminal too small: %dx%d, need %dx%d",
		       COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
		ui_wrap(ui, 0, 0, COLS, LINES, msg);
	} else if (ui->help.on) {
		char symbols[512] = "";
		if (s->symbols)
			s->symbols(ui, symbols, sizeof symbols);
		ui_help_draw(ui, s, symbols);
	} else {
		s->draw(ui, shown_state(ui));
		ui_draw_notice(ui);
	}
	if (fits)
		ui_draw_advice(ui);
	/* The cursor shows only where typing goes: a prompt, or a field
	 * the screen types in (with the field's reverse video). */
	bool typing = ui->prompt != PROMPT_NONE && ui->prompt != PROMPT_SKIP;
	if (s->typing && !ui->help.on && fits && s->typing(ui, shown_state(ui)))
		typing = true;
	if (ui->advice[0])
		typing = false;
	curs_set(typing ? 1 : 0);
	wnoutrefresh(stdscr);
	doupdate();
	ack_frame(ui);
}

/* Re-reads the day shown; every screen follows its list, and the screen
 * shown re-reads what it reads itself. */
static void load_shown(struct ui *ui)
{
	if (ui_day_load(ui))
		for (int i = 0; i < SCREEN_COUNT; i++)
			if (screens[i]->follow)
				screens[i]->follow(ui, ui->state[i]);
	if (shown(ui)->load)
		shown(ui)->load(ui, shown_state(ui));
}

/*
 * Once a day: the latest of the last seven days left undone or partly
 * done, and the key that goes back to it ("Sat 14 Nov was left undone: ←
 * twice goes back to fill it in."); false if none, or already said today.
 */
static bool missed_notice(struct ui *ui, char *buf, size_t size)
{
	struct missed_day m;
	char key[16], times[16];
	int y, mo, md;
	buf[0] = '\0';
	if (!ctx_missed_day(ui->ctx, &m))
		return false;
	cal_to_ymd(m.day, &y, &mo, &md);
	if (m.back <= 2)
		strfmt(times, sizeof times, "%s",
		       m.back == 1 ? "once" : "twice");
	else
		strfmt(times, sizeof times, "%d times", m.back);
	const char *day = cal_weekday_name(cal_weekday(m.day)),
	           *left = m.status == DAY_MISSED ? "undone" : "partly done";
	ui_key_name(ui, SCREEN_TODAY, ACT_PREV, key, sizeof key);
	strfmt(buf, size,
	       "%s %d %s was left %s: %s %s goes back to fill it in.", day, md,
	       cal_month_name(mo, true), left, key, times);
	/* Shorter where the status line would cut it (60 columns). */
	if (text_width(buf) > COLS - 2)
		strfmt(buf, size, "%s %d %s left %s: %s %s to fill it in.", day,
		       md, cal_month_name(mo, true), left, key, times);
	if (m.note)
		ctx_note_missed_said(ui->ctx);
	return true;
}

/* Re-reads the data file; keeps the shown day unless it was today. */
static void reload(struct ui *ui)
{
	struct cal_now now;
	char err[512];
	cal_day old_today = ui->ctx->today;
	if (ui->clock(&now) != 0)
		now = ui->ctx->now;
	bool same_day = cal_logical_today(
	                    &now, ui->ctx->rx->program.day_starts) == old_today;
	/* Our own committed write: one day changed, re-read only that. */
	bool one = ui->wrote && same_day &&
	           ctx_refresh_entry(ui->ctx, ui->wrote_id, ui->wrote_day, err,
	                             sizeof err) == 0;
	ui->wrote = false;
	if (!one && ctx_refresh(ui->ctx, &now, err, sizeof err) != 0)
		ui_message(ui, true, "%s", err);
	if (ui->day == old_today)
		ui->day = ui->ctx->today;
	store_data_version(ui->ctx->store, &ui->data_version);
	/* As of today, whatever day is shown: only new data changes it. */
	ui->streak = progress_day_streak(&ui->ctx->hist);
	load_shown(ui);
	/* The tick that finished today says so, with the streak (SPEC 5);
	 * an error shown instead is not covered up (a pain advice is in its
	 * own box). */
	if (ui->ticked && ui->day == ui->ctx->today && ui->status == DAY_DONE &&
	    !ui->message_error)
		ui_message(ui, false, "All done for today: %d day%s in a row.",
		           ui->streak.current,
		           ui->streak.current == 1 ? "" : "s");
	ui->ticked = false;
	/* A new day: a prescription change taking effect today says so,
	 * whole; else a day left undone. */
	char notice[256];
	if (!same_day && !ui->message[0] &&
	    !ctx_change_notice(ui->ctx, ui->ascii, ui->notice,
	                       sizeof ui->notice) &&
	    missed_notice(ui, notice, sizeof notice))
		ui_message(ui, false, "%s", notice);
}

/* On an idle tick: a new day, or another program's write, shows up. */
static int poll_changes(struct ui *ui)
{
	struct cal_now now;
	int64_t version = ui->data_version;
	if (ui->clock(&now) == 0 &&
	    cal_logical_today(&now, ui->ctx->rx->program.day_starts) !=
	        ui->ctx->today)
		return DIRTY_DATA;
	if (store_data_version(ui->ctx->store, &version) == 0 &&
	    version != ui->data_version)
		return DIRTY_DATA;
	return DIRTY_NONE;
}

static int handle_mouse(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || ui->help.on || ui->prompt != PROMPT_NONE)
		return DIRTY_NONE;
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return DIRTY_NONE;
	if (!shown(ui)->click)
		return DIRTY_NONE;
	return shown(ui)->click(ui, shown_state(ui), ev.y, ev.x);
}

/* A key as a patient knows it: 'z', Enter, Tab, Ctrl-A, F1, Page Down. */
static const char *spoken_key(int key, bool fkey, char *buf, size_t size)
{
	static const struct {
		int key;
		bool fkey;
		const char *name;
	} names[] = {
	    {' ', false, "Space"},        {27, false, "Esc"},
	    {'\n', false, "Enter"},       {'\r', false, "Enter"},
	    {'\t', false, "Tab"},         {127, false, "Backspace"},
	    {8, false, "Backspace"},      {KEY_BACKSPACE, true, "Backspace"},
	    {KEY_ENTER, true, "Enter"},   {KEY_DC, true, "Delete"},
	    {KEY_IC, true, "Insert"},     {KEY_NPAGE, true, "Page Down"},
	    {KEY_PPAGE, true, "Page Up"}, {KEY_BTAB, true, "Shift-Tab"},
	    {KEY_UP, true, "Up"},         {KEY_DOWN, true, "Down"},
	    {KEY_LEFT, true, "Left"},     {KEY_RIGHT, true, "Right"},
	    {KEY_HOME, true, "Home"},     {KEY_END, true, "End"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].key == key && names[i].fkey == fkey)
			return names[i].name;
	if (fkey && key >= KEY_F(1) && key <= KEY_F(63))
		strfmt(buf, size, "F%d", key - KEY_F0);
	else if (!fkey && key > 0 && key < ' ')
		strfmt(buf, size, "Ctrl-%c", '@' + key);
	else if (!fkey && key > ' ' && key < 0x7F)
		strfmt(buf, size, "'%c'", key);
	else if (!fkey && key > 0x9F && key <= 0x10FFFF &&
	         text_cp_width((uint32_t)key) > 0) {
		char ch[5] = "";
		ch[text_utf8_put((uint32_t)key, ch)] = '\0';
		strfmt(buf, size, "'%s'", ch);
	} else
		strfmt(buf, size, "That key");
	return buf;
}

/*
 * The screen's waiter (SPEC section 6.2): while a write waits for another
 * program's lock, the status line says so at once, the write still
 * waiting; a give-up is kept for the message that names what was lost.
 * Only the bottom row is drawn: a whole screen reads the data file, and
 * SQLite, which calls this, must not be called again meanwhile.
 */
static void waited(void *arg, enum store_wait what)
{
	struct ui *ui = arg;
	if (what == STORE_GAVE_UP) {
		ui->gave_up = true;
		return;
	}
	ui_message(ui, false,
	           "waiting for the data file: another program holds it");
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES)
		return;
	move(LINES - 1, 0);
	clrtoeol();
	ui_text(ui, LINES - 1, 1, ui->message, COLS - 2);
	wnoutrefresh(stdscr);
	doupdate();
	ack_frame(ui);
}

static int handle_key(struct ui *ui, int key, bool fkey)
{
	ui->gave_up = false;
	if (fkey && key == KEY_RESIZE)
		return DIRTY_SCREEN;
	if (ui->advice[0]) {
		/* The pain advice stays until a key, which does nothing else
		 * (a click is no key: it is let go). */
		MEVENT ev;
		if (fkey && key == KEY_MOUSE) {
			getmouse(&ev);
			return DIRTY_NONE;
		}
		ui->advice[0] = '\0';
		return DIRTY_SCREEN;
	}
	if (fkey && key == KEY_MOUSE)
		return handle_mouse(ui);
	ui->message[0] = '\0';
	ui->message_error = false;
	ui->notice[0] = '\0';
	if (ui->help.on)
		return ui_help_key(ui, key, fkey);
	const struct screen *s = shown(ui);
	if (s->key) {
		int r = s->key(ui, shown_state(ui), key, fkey);
		if (r >= 0)
			return r;
	}
	if (ui->prompt != PROMPT_NONE)
		return ui_prompt_key(ui, key, fkey);
	enum action a = ui_key_action(ui->screen, key, fkey);
	switch (a) {
	case ACT_NONE: {
		/* An unbound key is answered, never silently ignored. */
		char name[32];
		ui_message(ui, false, "%s does nothing here; ? lists the keys.",
		           spoken_key(key, fkey, name, sizeof name));
		return DIRTY_SCREEN;
	}
	case ACT_QUIT:
		return DIRTY_QUIT;
	case ACT_HELP:
		ui->help.on = true;
		ui->help.top = 0;
		return DIRTY_SCREEN;
	default:
		return s->handle ? s->handle(ui, shown_state(ui), a)
		                 : DIRTY_NONE;
	}
}

/* What a handler asked for besides a redraw: another screen opened (on
 * what it names), the day shown re-read. */
static int follow_up(struct ui *ui, int dirty)
{
	if (dirty & DIRTY_GO) {
		struct ui_go go = ui->go;
		ui->screen = go.to;
		if (shown(ui)->enter)
			shown(ui)->enter(ui, shown_state(ui), &go);
	}
	if (dirty & DIRTY_DAY)
		load_shown(ui);
	return dirty & ~(DIRTY_GO | DIRTY_DAY);
}

static void start_colors(struct ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	ui->color = has_colors() && !(no_color && *no_color);
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_DONE, COLOR_GREEN, -1);
	init_pair(PAIR_PARTIAL, COLOR_YELLOW, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
}

/* What the first screen says, if anything: the file is read-only, or the
 * sample, or what changed (whole, above the status line), or a day left
 * undone. */
static void first_notice(struct ui *ui)
{
	struct hep_ctx *ctx = ui->ctx;
	char notice[256];
	if (ctx->clock_behind[0])
		ui_message(ui, true, "Read-only: %s", ctx->clock_behind);
	else if (ctx->sample)
		ui_message(ui, false,
		           "This is the sample program: 'hep init' makes your "
		           "own copy to edit.");
	else if (!ctx_change_notice(ctx, ui->ascii, ui->notice,
	                            sizeof ui->notice) &&
	         missed_notice(ui, notice, sizeof notice))
		ui_message(ui, false, "%s", notice);
}

/* The terminal in the screen's modes, the signals and colours set; NULL
 * (told) when this terminal cannot be started. */
static SCREEN *start_terminal(struct ui *ui)
{
	/* Exported LINES/COLUMNS would freeze the size; resizes must count. */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	have_saved_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		fputs("hep: cannot start the screen on this terminal\n",
		      stderr);
		return NULL;
	}
	set_term(screen);
	struct sigaction sa = {0};
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	catch_crashes();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	timeout(500);
	start_colors(ui);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	return screen;
}

int ui_run(struct hep_ctx *ctx, int (*clock)(struct cal_now *now))
{
	struct ui ui = {0};
	ui.ctx = ctx;
	ui.clock = clock;
	ui.day = ctx->today;
	ui.ack_fd = -1;
	/* One rule for the screen and the command line (text.h). */
	ui.ascii = text_locale_ascii();
	ctx->ascii = ui.ascii; /* the model's messages shown here */
#ifdef HEP_TEST_HOOKS
	/* Test seam (test builds only): a FIFO told each key's handling. */
	const char *fifo = getenv("HEP_TEST_FIFO");
	if (fifo && *fifo)
		ui.ack_fd = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
#endif

	SCREEN *screen = start_terminal(&ui);
	if (!screen)
		return 1;

	for (int i = 0; i < SCREEN_COUNT; i++)
		ui.state[i] = xcalloc(1, screens[i]->size);
	struct store_waiter waiter = {waited, &ui};
	store_set_waiter(ctx->store, &waiter);
	store_data_version(ctx->store, &ui.data_version);
	ui.streak = progress_day_streak(&ctx->hist);
	load_shown(&ui);
	first_notice(&ui);
	/* The screen opening is a write for today: the "auto" steps ready
	 * are taken (SPEC 2.2 point 3), and said. */
	if (!ctx->clock_behind[0] && !store_read_only(ctx->store)) {
		ui_steps_follow(&ui);
		if (ui.notice[0])
			load_shown(&ui);
	}

	int dirty = DIRTY_SCREEN;
	while (!stop_signal) {
		if (dirty & DIRTY_QUIT)
			break;
		if (dirty & DIRTY_DATA)
			reload(&ui);
		if (dirty)
			draw(&ui);
		/* Counting down wants a tenth of a second; idle, half a second
		 * is enough to notice a new day or another window's tick. */
		const struct screen *s = shown(&ui);
		timeout(s->tick ? 100 : 500);
		wint_t wch;
		int got = get_wch(&wch);
		if (stop_signal)
			break;
		if (got == ERR) {
			dirty = poll_changes(&ui);
			if (s->tick)
				dirty |= s->tick(&ui, shown_state(&ui));
		} else {
			dirty = handle_key(&ui, (int)wch, got == KEY_CODE_YES);
		}
		dirty = follow_up(&ui, dirty);
	}
	store_set_waiter(ctx->store, NULL);
	endwin();
	delscreen(screen);
	for (int i = 0; i < SCREEN_COUNT; i++) {
		if (screens[i]->free)
			screens[i]->free(ui.state[i]);
		free(ui.state[i]);
	}
	ui_day_free(&ui);
	checkin_free(&ui.checkin);
	ui_edit_free(&ui.edit);
	if (ui.ack_fd >= 0)
		close(ui.ack_fd);
	return stop_signal ? 128 + stop_signal : 0;
}
