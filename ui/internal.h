/*
 * The screen layer's shared state, actions and drawing helpers, and the
 * shape of a screen: one entry of the table the loop (ui.c) dispatches
 * through. The screens call only the shared modules declared here (day,
 * draw, help, keys, prompt), which call no screen.
 */
#ifndef HEP_UI_INTERNAL_H
#define HEP_UI_INTERNAL_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hep/context.h"
#include "hep/progress.h"
#include "hep/record.h"
#include "hep/text.h"
#include "hep/timer.h"

/* What a key asks for. Screens handle actions, never raw keys. */
enum action {
	ACT_NONE,
	ACT_UP,
	ACT_DOWN,
	ACT_FIRST,
	ACT_LAST,
	ACT_TICK,
	ACT_UNDO,
	ACT_REDO,
	ACT_DIARY,
	ACT_PREV,
	ACT_NEXT,
	ACT_PREV_PAGE, /* the month before (Month) */
	ACT_NEXT_PAGE,
	ACT_OPEN,    /* the day under the cursor (Month) */
	ACT_PAUSE,   /* start, pause or go on (Timer) */
	ACT_STEP,    /* the next step (Timer) */
	ACT_CHECKIN, /* the Check-in screen */
	ACT_SAVE,    /* save what is typed (Check-in) */
	ACT_TODAY,
	ACT_WEEK,
	ACT_MONTH,
	ACT_SKIP,
	ACT_SKIP_ALL, /* skip every exercise left (Today) */
	ACT_PAIN,
	ACT_NOTE,
	ACT_EFFORT,  /* a session's effort, Borg CR10 (SPEC 2.2) */
	ACT_ADVANCE, /* take the earned step shown, or the step back */
	ACT_TIMER,
	ACT_LINK,
	ACT_BACK,
	ACT_HELP,
	ACT_QUIT,
};

/* What an action changed: the loop redraws once for all of it. */
enum {
	DIRTY_NONE = 0,
	DIRTY_SCREEN = 1 << 0,
	DIRTY_DATA = 1 << 1, /* re-read the data file, then redraw */
	DIRTY_QUIT = 1 << 2,
	DIRTY_GO = 1 << 3,  /* open the screen ui->go names */
	DIRTY_DAY = 1 << 4, /* re-read the day shown (ui->day) */
};

/* A question asked on the status line. */
enum ui_prompt {
	PROMPT_NONE,
	PROMPT_SKIP,      /* the reason */
	PROMPT_SKIP_PAIN, /* then an optional pain */
	PROMPT_SKIP_NOTE, /* then an optional note */
	PROMPT_PAIN,      /* a correction of a session's pain */
	PROMPT_NOTE,      /* ... or of its note */
	PROMPT_EFFORT,    /* ... or of its effort (SPEC 2.2) */
	PROMPT_TIMER_PAIN /* pain before a guided session (the timer not
	                     yet done), and after it */
};

/* A one-line text editor: UTF-8, the cursor a byte offset. Typing stops
 * at TEXT_NOTE_MAX bytes; a longer text given at the start is kept whole. */
struct line_edit {
	char *buf;   /* the text, terminated (owned: ui_edit_free) */
	size_t size; /* bytes allocated to buf; 0 while it is a shared "" */
	size_t len;
	size_t cur;
	bool digits;   /* accept only 0-9 */
	bool fresh;    /* the text given at the start is untouched: the first
	                  digit typed replaces it (a pain score, say) */
	bool changed;  /* a key changed the text given at the start */
	char said[96]; /* why the last key was not taken, or "" */
};

enum ui_screen {
	SCREEN_TODAY,
	SCREEN_WEEK,
	SCREEN_MONTH,
	SCREEN_TIMER,
	SCREEN_DIARY,
	SCREEN_CHECKIN,
	SCREEN_COUNT
};

/* Colour pairs (used only when colour is on). */
enum { PAIR_DONE = 1, PAIR_PARTIAL, PAIR_ERROR, PAIR_TITLE, PAIR_DIM };

/* Where a screen's handler asks to go (DIRTY_GO): the screen, and what it
 * opens on. The loop opens it; no screen calls another. */
struct ui_go {
	enum ui_screen to;
	cal_day day; /* the day it opens on (Week, Month); Today: the day to
	                show (DIRTY_DAY re-reads it), or CAL_NONE */
	char id[RX_ID_MAX + 1]; /* the exercise it guides (Timer) */
};

/* The help shown over the screen (help.c). */
struct help_view {
	bool on;      /* shown */
	size_t top;   /* its first line shown */
	bool more;    /* lines below the last one shown */
	size_t shown; /* lines shown: a page */
};

/*
 * What every screen shares: the context, the day shown and its checklist,
 * the prompt on the status line, the message, the terminal. Each screen's
 * own state is its own struct (state[screen], made and freed through the
 * screen table).
 */
struct ui {
	struct hep_ctx *ctx;
	int (*clock)(struct cal_now *now);
	enum ui_screen screen;
	void *state[SCREEN_COUNT]; /* each screen's own (owned) */
	struct ui_go go;           /* where a handler asks to go */
	struct help_view help;
	enum ui_prompt prompt; /* a question on the status line, or none */
	struct line_edit edit; /* the answer being typed */
	/* What a pain or note prompt corrects. */
	char edit_id[RX_ID_MAX + 1];
	int edit_session; /* 0: the latest */
	/* A tick of an exercise whose earned step counts pain and effort:
	 * the pain prompt is followed by the effort's (SPEC 2.2 point 5). */
	bool then_effort;
	cal_day day;            /* the day shown */
	struct day_item *items; /* its checklist (owned) */
	size_t n_items;
	/* Per item of items: its earned step's line when a step is ready
	 * ("▲ ready: +5 kg backpack, ..." or ▼ a step back), else NULL;
	 * worked out once per load (owned, as items). */
	char **ready;
	/* Per item: the slots of a timed exercise its standing sessions
	 * took (bit k: slot k), read once per load as ready is (owned). */
	unsigned *slots;
	enum day_status status;
	struct streak streak;   /* days in a row, as of today */
	struct checkin checkin; /* today's check-in (owned) */
	bool checkin_due;       /* something is due: the header says so */
	char summary[2048];     /* after the program's end, its summary
	                           (ctx_summary_text), else "" (SPEC 2.2) */
	bool ticked; /* a tick was just recorded: say if it ended the day */
	char message[256]; /* status line message, or "" */
	bool message_error;
	/* A text too important to cut (a prescription change, a link that
	 * nothing could open): shown whole above the status line until the
	 * next key, or "". */
	char notice[1024];
	/* The advice for a pain above the limit: a box in the middle of the
	 * screen until a key is pressed (the key does nothing else), or "". */
	char advice[sizeof((struct hep_ctx *)0)->advice];
	bool ascii; /* no UTF-8: ASCII glyphs */
	bool color;
	int64_t data_version;
	bool gave_up; /* a write gave up waiting for the data file */
	bool wrote;   /* our own write committed: re-read ... */
	char wrote_id[RX_ID_MAX + 1]; /* ... only this exercise's day */
	cal_day wrote_day;
	int ack_fd; /* HEP_TEST_FIFO, or -1 */
	unsigned frame;
};

/* A line of a screen's help beside its keys and symbols: a key (or a
 * sample of the screen) and what it means there. */
struct help_note {
	const char *key;
	const char *text;
};

/*
 * A screen: one entry of the table the loop (ui.c) dispatches through.
 * Each operation gets the screen's own state (size bytes, zeroed at the
 * start); the operations a screen has no use for are NULL. A handler
 * returns dirty flags; to open another screen it fills ui->go and adds
 * DIRTY_GO (ui_goto), and to have the day shown re-read, DIRTY_DAY.
 */
struct screen {
	const char *name;  /* as the help's title names it */
	const char *mouse; /* what the mouse does there, in the help */
	const struct help_note *notes; /* more help lines ({NULL} ends) */
	size_t size;                   /* of its state */
	/* Opened on what go says (the screen shown is already this one). */
	void (*enter)(struct ui *ui, void *st, const struct ui_go *go);
	/* The day's checklist was re-read: every screen's, shown or not. */
	void (*follow)(struct ui *ui, void *st);
	/* The data were re-read while it is shown: what it reads itself. */
	void (*load)(struct ui *ui, void *st);
	void (*draw)(struct ui *ui, void *st);
	/* A key before the key table (a field typed in, the answer to a
	 * question it asked): dirty flags, or -1 when not taken. */
	int (*key)(struct ui *ui, void *st, int key, bool fkey);
	/* An action of the key table. */
	int (*handle)(struct ui *ui, void *st, enum action a);
	/* A click at y, x. */
	int (*click)(struct ui *ui, void *st, int y, int x);
	/* An idle tick (a tenth of a second while the screen has one). */
	int (*tick)(struct ui *ui, void *st);
	/* True when the cursor shows where typing goes. */
	bool (*typing)(const struct ui *ui, const void *st);
	/* Every symbol it draws, as its legend ("● done  ◐ partial ...") and
	 * its help list them; returns buf. */
	char *(*symbols)(const struct ui *ui, char *buf, size_t size);
	/* Frees what the state holds (not the state itself). */
	void (*free)(void *st);
};

/* The screens, one entry each (their files); the loop's table. */
extern const struct screen ui_today_screen, ui_week_screen, ui_month_screen,
    ui_timer_screen, ui_diary_screen, ui_checkin_screen;

/* One binding of the key table; each screen's help is made from it. */
struct binding {
	int key;
	enum action action;
	unsigned on;      /* the screens it applies to: bit 1 << screen */
	const char *keys; /* as shown in help, or NULL for an alias */
	const char *help;
};

extern const struct binding ui_bindings[];

/* The action a key asks for on a screen: a curses key code (fkey) or a
 * character; ACT_NONE if it is not bound there. */
enum action ui_key_action(enum ui_screen on, int key, bool fkey);

/* One part of a screen's footer: the keys (characters; 0 ends) and what
 * they do there. */
struct hint {
	int keys[3];
	const char *what;
};

/*
 * Writes a footer ("Space tick · u undo · ? help") made of the hints
 * whose keys the key table binds on the screen shown, so that a footer
 * never shows a key that does nothing; the hints that do not fit whole in
 * the width are left out, "? help" last of all. Returns buf.
 */
char *ui_footer(const struct ui *ui, const struct hint *h, size_t n, char *buf,
                size_t size);

/* ---- the line editor (prompt.c) ---- */

/*
 * Starts editing text (NULL: ""), whole whatever its length. False, with
 * e holding "", when there is no memory for it.
 */
bool ui_edit_start(struct line_edit *e, const char *text, bool digits);

/* Frees what e holds; e then holds "" (a zeroed line_edit may be freed). */
void ui_edit_free(struct line_edit *e);

/* Feeds a key; returns 1 when Enter accepts, -1 when Esc cancels, else 0.
 * A character not taken (a control character a stored text may not hold,
 * or one past TEXT_NOTE_MAX bytes) leaves the reason in e->said. */
int ui_edit_key(struct line_edit *e, int key, bool fkey);

/* Draws the text from y, x in width columns (scrolled to show the cursor)
 * and leaves the cursor where typing goes. */
void ui_edit_draw(const struct ui *ui, int y, int x, int width,
                  const struct line_edit *e);

/*
 * Asks a question on the last line, the answer typed after it: before,
 * name and after in a row, the name cut (marked) so that the rest is
 * whole and answer columns are left to type in; on a terminal too
 * narrow for that, the question cut, marked.
 */
void ui_ask(struct ui *ui, const char *before, const char *name,
            const char *after, int answer);

/*
 * Feeds a key to the prompt's editor: 0 while the answer is typed (a key
 * not taken, or a note that may not be stored, said), 1 when Enter
 * accepts it, -1 when Esc cancels.
 */
int ui_prompt_edit(struct ui *ui, int key, bool fkey);

/* The pain typed: 0..10, -1 when nothing was typed, -2 when not a pain
 * score (the field takes digits only). */
int ui_typed_pain(const struct line_edit *e);

/* The pain answered to question was: 0..10, -1 for none; -2 when it is
 * not a pain score, said, the question (was) kept open to mend it. */
int ui_prompt_pain(struct ui *ui, enum ui_prompt was);

/* Opens the prompt what (PROMPT_PAIN, PROMPT_NOTE or PROMPT_EFFORT) for
 * session n (0: the latest) of id on the day shown; a day without one
 * says so. Returns dirty flags. */
int ui_ask_correction(struct ui *ui, const char *id, int n,
                      enum ui_prompt what);
/* The prompt that action a (ACT_PAIN, ACT_NOTE, ACT_EFFORT) opens. */
enum ui_prompt ui_correction_prompt(enum action a);

/* Answers the pain or note prompt of a correction: dirty flags. */
int ui_prompt_key(struct ui *ui, int key, bool fkey);

/*
 * Draws a question and its answer on the last line (ui_ask), the reason
 * an answer was refused on the line above it; a note gets a third of the
 * line to be typed in, a pain two digits and the cursor.
 */
void ui_draw_question(struct ui *ui, const char *before, const char *name,
                      const char *after, bool note);

/* Draws the pain or note prompt of a correction, if one is open. */
bool ui_draw_prompt(struct ui *ui);

/* ---- drawing helpers (draw.c) ---- */

/*
 * Draws UTF-8 text at y, x, clipped to width columns. Control characters
 * (bidirectional ones too) show as '?', and so does anything not ASCII
 * when ui->ascii. Returns the columns used.
 */
int ui_text(const struct ui *ui, int y, int x, const char *s, int width);

/* The columns ui_text gives a code point: 1 where it draws '?'. */
int ui_cp_width(const struct ui *ui, uint32_t cp);

/* The mark of text cut to fit: "…", or ">" in ASCII. */
const char *ui_cut_mark(const struct ui *ui);

/* Draws a line of '-' (or a box line) across width columns. */
void ui_hline(const struct ui *ui, int y, int x, int width);

/*
 * Draws text word-wrapped into width columns from row y, at most rows
 * rows, the last ending in "…" if more did not fit; returns the rows used.
 */
int ui_wrap(const struct ui *ui, int y, int x, int width, int rows,
            const char *s);

/* The rows ui_wrap takes for the whole of s in width columns. */
int ui_wrap_rows(int width, const char *s);

/*
 * Draws ui->notice, if any, whole above the last line: wrapped over the
 * rows it needs (a word wider than the line, a link, broken over lines,
 * not cut), under a rule, over the bottom of the screen; the title and
 * its rule stay.
 */
void ui_draw_notice(const struct ui *ui);

/*
 * Draws ui->advice, if any, in a box in the middle of the screen: the
 * whole text wrapped, and that any key closes it.
 */
void ui_draw_advice(const struct ui *ui);

/* Sets a colour pair and attributes only when colour is on. */
void ui_color_on(const struct ui *ui, int pair);
void ui_color_off(const struct ui *ui, int pair);

/*
 * Makes the history hold the days from the week of day on, before a screen
 * asks about them. False, with the reason as the message, if the data
 * file could not be read.
 */
bool ui_cover(struct ui *ui, cal_day day);

/*
 * After a write of id on the day shown: shows the message (a refusal
 * naming the exercise by its name; a write that gave up on a lock naming
 * what it was, as "the session of Quad sets was not recorded": what is
 * "session"), and says what to re-read (one day after a commit, nothing
 * after a refusal, the whole file after a failure, whose outcome is
 * unknown).
 */
/* The "auto" steps after a write for today, or when the screen opens
 * (SPEC 2.2 point 3): each one taken is said in ui->notice (after what is
 * there); a failure on the status line. The history is read anew when a
 * step is taken: the caller re-reads the day shown. */
void ui_steps_follow(struct ui *ui);

int ui_after_write(struct ui *ui, enum record_result r, const char *id,
                   const char *what, const char *msg);

/*
 * A legend ("● done  ◐ partial ...", items two spaces apart) from row, x
 * on in width columns, its items kept whole: a narrow screen wraps between
 * them, so that nothing of it is lost. Draws only when draw (never on the
 * status line); returns the rows it takes.
 */
int ui_legend(const struct ui *ui, int row, int x, int width,
              const char *legend, bool draw);

/* Shows a message on the status line. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True if the terminal holds a screen of cols x lines; if not, says so
 * in place of the screen. */
bool ui_fits(const struct ui *ui, const char *screen, int min_cols,
             int min_lines);

/* The smallest terminal the screens are drawn in (the Week and Month
 * need more). */
#define UI_MIN_COLS    30
#define UI_MIN_LINES   8
#define WEEK_MIN_COLS  40
#define WEEK_MIN_LINES 14
#define MONTH_MIN_COLS 38 /* and the rows its calendar and legend take */

/* The glyphs the screens draw besides the cells' (text_glyph): each
 * in UTF-8, or in ASCII when ui->ascii. */
const char *ui_glyph(const struct ui *ui, enum glyph g);

/* The glyph of a cell kind (UTF-8 or ASCII) and its colour pair. */
const char *ui_cell_glyph(const struct ui *ui, enum cell_kind k);
int ui_cell_pair(enum cell_kind k);

/*
 * The adherence line of a span ("week", "month"): percentage, a bar and
 * "done of due sessions", or a note that nothing counts yet.
 */
void ui_adherence(const struct ui *ui, int row, int due, int done,
                  const char *span);

/*
 * Asks the loop to open screen to on day (CAL_NONE: as the screen
 * wants) and, for the timer, exercise id (NULL: none). Returns the
 * flags that say so (DIRTY_GO | DIRTY_SCREEN).
 */
int ui_goto(struct ui *ui, enum ui_screen to, cal_day day, const char *id);

/* ---- the day shown (day.c) ---- */

/*
 * Re-reads the checklist of the day shown (ui->day) and today's
 * check-in. False when the day cannot be read: the list is left empty,
 * the reason as the message.
 */
bool ui_day_load(struct ui *ui);

/* Frees the checklist of the day shown and its ready lines (the list is
 * then empty). */
void ui_day_free(struct ui *ui);

/* Re-reads today's check-in (what is due, the latest values). */
void ui_checkin_read(struct ui *ui);

/* ---- the help (help.c) ---- */

/* The screen the help is shown over, as the loop hands it: its table
 * entry and the symbols it draws. */
void ui_help_draw(struct ui *ui, const struct screen *s, const char *symbols);

/* A key on the help: Up/Down (k/j) scroll it a line, Page Up/Down and
 * Space a page; any other key closes it (any key at all, when it fits). */
int ui_help_key(struct ui *ui, int key, bool fkey);

/* ---- key names (keys.c) ---- */

/*
 * The key that asks for action a on screen s, as a sentence names it: a
 * key's glyph ("←") unless ui->ascii, else its character ("h"); "" if
 * none. Returns buf.
 */
char *ui_key_name(const struct ui *ui, enum ui_screen s, enum action a,
                  char *buf, size_t size);

#endif
