#include <string.h>

#include "hep/text.h"
#include "hep/util.h"
#include "internal.h"

/* Where a binding applies: a set of screens. */
#define TODAY   (1u << SCREEN_TODAY)
#define WEEK    (1u << SCREEN_WEEK)
#define MONTH   (1u << SCREEN_MONTH)
#define TIMER   (1u << SCREEN_TIMER)
#define DIARY   (1u << SCREEN_DIARY)
#define CHECKIN (1u << SCREEN_CHECKIN)
#define LISTS   (TODAY | DIARY)
#define ALL     (TODAY | WEEK | MONTH | TIMER | DIARY | CHECKIN)

/*
 * The one key table: keys, the action each asks for on which screens, and
 * the help text they show there. A row with keys text opens a line of a
 * screen's help; the rows after it without one are its aliases there. The
 * first row of a key whose screens hold the screen shown decides.
 */
const struct binding ui_bindings[] = {
    {KEY_UP, ACT_UP, TODAY, "Up/k", "previous exercise"},
    {KEY_UP, ACT_UP, DIARY, "Up/k", "previous entry"},
    {KEY_UP, ACT_UP, MONTH, "Up/k", "the cursor a week back"},
    {'k', ACT_UP, LISTS | MONTH, NULL, NULL},
    {KEY_DOWN, ACT_DOWN, TODAY, "Down/j", "next exercise"},
    {KEY_DOWN, ACT_DOWN, DIARY, "Down/j", "next entry"},
    {KEY_DOWN, ACT_DOWN, MONTH, "Down/j", "the cursor a week on"},
    {'j', ACT_DOWN, LISTS | MONTH, NULL, NULL},
    {'g', ACT_FIRST, TODAY, "g/Home", "first exercise"},
    {'g', ACT_FIRST, DIARY, "g/Home", "first entry"},
    {'g', ACT_FIRST, MONTH, "g/Home", "the cursor on the month's first day"},
    {KEY_HOME, ACT_FIRST, LISTS | MONTH, NULL, NULL},
    {'G', ACT_LAST, TODAY, "G/End", "last exercise"},
    {'G', ACT_LAST, DIARY, "G/End", "last entry"},
    {'G', ACT_LAST, MONTH, "G/End", "the cursor on the month's last day"},
    {KEY_END, ACT_LAST, LISTS | MONTH, NULL, NULL},
    {' ', ACT_TICK, TODAY, "Space/Enter",
     "tick the next session of the exercise"},
    {'\n', ACT_TICK, TODAY, NULL, NULL},
    {'\r', ACT_TICK, TODAY, NULL, NULL},
    {KEY_ENTER, ACT_TICK, TODAY, NULL, NULL},
    {'\n', ACT_OPEN, MONTH, "Enter", "open the day under the cursor"},
    {'\r', ACT_OPEN, MONTH, NULL, NULL},
    {KEY_ENTER, ACT_OPEN, MONTH, NULL, NULL},
    {' ', ACT_PAUSE, TIMER, "Space/p", "start; then pause, or go on"},
    {'p', ACT_PAUSE, TIMER, NULL, NULL},
    {'\n', ACT_STEP, TIMER, "Enter/n",
     "the next step: this set or rest is done"},
    {'\r', ACT_STEP, TIMER, NULL, NULL},
    {KEY_ENTER, ACT_STEP, TIMER, NULL, NULL},
    {'n', ACT_STEP, TIMER, NULL, NULL},
    {'\t', ACT_DOWN, CHECKIN, "Tab/Down", "the next field"},
    {KEY_DOWN, ACT_DOWN, CHECKIN, NULL, NULL},
    {KEY_BTAB, ACT_UP, CHECKIN, "Shift-Tab/Up", "the field before"},
    {KEY_UP, ACT_UP, CHECKIN, NULL, NULL},
    {'\n', ACT_SAVE, CHECKIN, "Enter",
     "save the value typed (the PSFS once every activity is rated) and "
     "go on; on the last field, save and close"},
    {'\r', ACT_SAVE, CHECKIN, NULL, NULL},
    {KEY_ENTER, ACT_SAVE, CHECKIN, NULL, NULL},
    {27, ACT_BACK, CHECKIN, "Esc",
     "back to the day's list (twice if a value is not saved)"},
    {KEY_LEFT, ACT_NONE, CHECKIN, "Left/Right",
     "move in the field; Backspace and Delete erase"},
    {'c', ACT_CHECKIN, TODAY, "c",
     "check-in: the measures and the PSFS due, typed in"},
    {'u', ACT_UNDO, TODAY, "u",
     "undo: take back the latest session, skip, correction or step"},
    {'U', ACT_REDO, TODAY, "U", "redo: bring back what u took back"},
    {'a', ACT_ADVANCE, TODAY, "a",
     "take the earned step shown in the details, or the step back"},
    {'s', ACT_SKIP, TODAY, "s",
     "skip the exercise: a reason, then a pain and a note"},
    {'S', ACT_SKIP_ALL, TODAY, "S",
     "skip every exercise left: one reason, pain and note for all"},
    {'p', ACT_PAIN, TODAY, "p",
     "pain 0-10 after the latest session (empty: none)"},
    {'p', ACT_PAIN, DIARY, "p", "correct the pain of the session chosen"},
    {'n', ACT_NOTE, TODAY, "n", "a note on the latest session"},
    {'n', ACT_NOTE, DIARY, "n", "correct the note of the session chosen"},
    {'e', ACT_EFFORT, TODAY, "e",
     "effort 0-10 of the latest session (empty: none)"},
    {'e', ACT_EFFORT, DIARY, "e", "correct the effort of the session chosen"},
    {'t', ACT_TIMER, TODAY, "t",
     "guided timer: holds, tempo, pauses and rests"},
    {'o', ACT_LINK, TODAY, "o", "open the exercise's demonstration link"},
    {'l', ACT_DIARY, TODAY, "l",
     "the day's diary: correct any session's pain or note"},
    {'l', ACT_DIARY, DIARY, "l/Esc", "back to the day's list"},
    {KEY_LEFT, ACT_PREV, LISTS, "Left/h/[", "the day before"},
    {KEY_LEFT, ACT_PREV, WEEK, "Left/h/[", "the week before"},
    {KEY_LEFT, ACT_PREV, MONTH, "Left/h", "the cursor a day back"},
    {'h', ACT_PREV, LISTS | WEEK | MONTH, NULL, NULL},
    {'[', ACT_PREV, LISTS | WEEK, NULL, NULL},
    {'[', ACT_PREV_PAGE, MONTH, "[", "the month before"},
    {KEY_RIGHT, ACT_NEXT, LISTS, "Right/]", "the day after"},
    {KEY_RIGHT, ACT_NEXT, WEEK, "Right/]", "the week after"},
    {KEY_RIGHT, ACT_NEXT, MONTH, "Right/l", "the cursor a day on"},
    {'l', ACT_NEXT, MONTH, NULL, NULL},
    {']', ACT_NEXT, LISTS | WEEK, NULL, NULL},
    {']', ACT_NEXT_PAGE, MONTH, "]", "the month after"},
    {'.', ACT_TODAY, LISTS, ".", "back to today"},
    {'.', ACT_TODAY, WEEK, ".", "this week"},
    {'.', ACT_TODAY, MONTH, ".", "this month, the cursor on today"},
    {'w', ACT_WEEK, TODAY | DIARY, "w", "the week: every exercise, seven days"},
    {'w', ACT_WEEK, MONTH, "w", "the week of the day under the cursor"},
    {'w', ACT_WEEK, WEEK, "w/Esc", "back to the day's list"},
    {'m', ACT_MONTH, TODAY | WEEK | DIARY, "m",
     "the month: a calendar of your days"},
    {'m', ACT_MONTH, MONTH, "m/Esc", "back to the day's list"},
    {27, ACT_BACK, WEEK | MONTH | DIARY, NULL, NULL},
    {27, ACT_BACK, TIMER, "Esc", "stop the timer; nothing is recorded"},
    {'?', ACT_HELP, ALL, "?", "this help"},
    {'q', ACT_QUIT, ALL, "q", "quit"},
    {0, ACT_NONE, 0, NULL, NULL},
};

enum action ui_key_action(enum ui_screen on, int key, bool fkey)
{
	for (const struct binding *b = ui_bindings; b->key; b++)
		if (b->key == key && (b->key >= KEY_MIN) == fkey &&
		    (b->on & (1u << on)))
			return b->action;
	return ACT_NONE;
}

char *ui_key_name(const struct ui *ui, enum ui_screen s, enum action a,
                  char *buf, size_t size)
{
	/* The keys a sentence names by a glyph, in UTF-8. */
	static const struct {
		int key;
		const char *glyph;
	} glyphs[] = {{KEY_LEFT, "\xE2\x86\x90"}}; /* ← */
	buf[0] = '\0';
	for (const struct binding *b = ui_bindings; b->key; b++) {
		if (b->action != a || !(b->on & (1u << s)))
			continue;
		for (size_t i = 0; i < sizeof glyphs / sizeof *glyphs; i++) {
			if (glyphs[i].key == b->key && b->key >= KEY_MIN &&
			    !ui->ascii) {
				strfmt(buf, size, "%s", glyphs[i].glyph);
				return buf;
			}
		}
		if (b->key < KEY_MIN && b->key > ' ' && b->key < 0x7F) {
			strfmt(buf, size, "%c", b->key);
			return buf;
		}
	}
	return buf;
}

/* How a character key is written in a footer. */
static const char *footer_key(int key, char *buf)
{
	switch (key) {
	case ' ':
		return "Space";
	case 27:
		return "Esc";
	case '\n':
		return "Enter";
	case '\t':
		return "Tab";
	default:
		buf[0] = (char)key;
		buf[1] = '\0';
		return buf;
	}
}

char *ui_footer(const struct ui *ui, const struct hint *h, size_t n, char *buf,
                size_t size)
{
	char dot[8];
	strfmt(dot, sizeof dot, " %s ", ui_glyph(ui, GLYPH_DOT));
	char part[16][64];
	int width[16], help = -1;
	n = n < 16 ? n : 16;
	for (size_t i = 0; i < n; i++) {
		/* "w/Esc" for alternatives, "[/]" for a pair of opposites
		 * (never "[ ]": that reads as an unticked box). */
		const char *sep = "/";
		char keys[32] = "", one[2];
		for (int k = 0; k < 3 && h[i].keys[k]; k++) {
			if (ui_key_action(ui->screen, h[i].keys[k], false) ==
			    ACT_NONE)
				continue; /* not bound: never shown */
			strfmt(keys + strlen(keys), sizeof keys - strlen(keys),
			       "%s%s", keys[0] ? sep : "",
			       footer_key(h[i].keys[k], one));
		}
		part[i][0] = '\0';
		if (keys[0])
			strfmt(part[i], sizeof part[i], "%s %s", keys,
			       h[i].what);
		width[i] = text_width(part[i]);
		if (h[i].keys[0] == '?')
			help = (int)i;
	}
	/* The hints that fit whole, in order; "? help" kept whatever else
	 * is left out, as it lists them all. */
	int room = COLS - 2, sep_w = text_width(dot);
	if (help >= 0)
		room -= width[help];
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!part[i][0])
			continue;
		int need = width[i] + (buf[0] ? sep_w : 0);
		if ((int)i != help) {
			if (need + (help >= 0 ? sep_w : 0) > room)
				continue;
			room -= need;
		}
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%s",
		       buf[0] ? dot : "", part[i]);
	}
	return buf;
}
