#include <string.h>

#include "hep/util.h"
#include "internal.h"

/* The one key table: keys, actions and the help text they show. */
const struct binding ui_bindings[] = {
    {KEY_UP, ACT_UP, "Up/k", "previous exercise"},
    {'k', ACT_UP, NULL, NULL},
    {KEY_DOWN, ACT_DOWN, "Down/j", "next exercise"},
    {'j', ACT_DOWN, NULL, NULL},
    {'g', ACT_FIRST, "g/Home", "first exercise (entry)"},
    {KEY_HOME, ACT_FIRST, NULL, NULL},
    {'G', ACT_LAST, "G/End", "last exercise (entry)"},
    {KEY_END, ACT_LAST, NULL, NULL},
    {' ', ACT_TICK, "Space/Enter", "tick the next session"},
    {'\n', ACT_TICK, NULL, NULL},
    {'\r', ACT_TICK, NULL, NULL},
    {KEY_ENTER, ACT_TICK, NULL, NULL},
    {'u', ACT_UNDO, "u",
     "undo: take back the latest session, skip or correction"},
    {'U', ACT_REDO, "U", "redo: bring back what u took back"},
    {'l', ACT_DIARY, "l",
     "the day's diary: correct any session's pain or note"},
    {KEY_LEFT, ACT_PREV, "Left/h/[", "previous day (or week, month)"},
    {'h', ACT_PREV, NULL, NULL},
    {'[', ACT_PREV, NULL, NULL},
    {KEY_RIGHT, ACT_NEXT, "Right/]", "next day (or week, month)"},
    {']', ACT_NEXT, NULL, NULL},
    {'.', ACT_TODAY, ".", "back to today (this week, this month)"},
    {'s', ACT_SKIP, "s",
     "skip the selected exercise (a reason, then pain and a note)"},
    {'p', ACT_PAIN, "p", "pain 0-10 of the latest session (empty: none)"},
    {'n', ACT_NOTE, "n", "a note on the latest session (empty: none)"},
    {'t', ACT_TIMER, "t", "guided timer: tempo, holds, pauses and rests timed"},
    {'o', ACT_LINK, "o", "open the exercise's demonstration (its link)"},
    {'w', ACT_WEEK, "w", "the week: every exercise, seven days"},
    {'m', ACT_MONTH, "m", "the month: a calendar of your days"},
    {27, ACT_BACK, "Esc", "back to the day's list"},
    {'?', ACT_HELP, "?", "this help"},
    {'q', ACT_QUIT, "q", "quit"},
    {0, ACT_NONE, NULL, NULL},
};

enum action ui_key_action(int key, bool fkey)
{
	for (const struct binding *b = ui_bindings; b->key; b++)
		if (b->key == key && (b->key >= KEY_MIN) == fkey)
			return b->action;
	return ACT_NONE;
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
	default:
		buf[0] = (char)key;
		buf[1] = '\0';
		return buf;
	}
}

char *ui_footer(const struct ui *ui, const struct hint *h, size_t n, char *buf,
                size_t size)
{
	const char *dot = ui->ascii ? " - " : " \xC2\xB7 ";
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		/* "[ ]" for a pair of opposites, "w/Esc" for alternatives. */
		const char *sep = h[i].keys[0] == '[' ? " " : "/";
		char keys[32] = "", one[2];
		for (int k = 0; k < 3 && h[i].keys[k]; k++) {
			if (ui_key_action(h[i].keys[k], false) == ACT_NONE)
				continue; /* not bound: never shown */
			strfmt(keys + strlen(keys), sizeof keys - strlen(keys),
			       "%s%s", keys[0] ? sep : "",
			       footer_key(h[i].keys[k], one));
		}
		if (keys[0])
			strfmt(buf + strlen(buf), size - strlen(buf), "%s%s %s",
			       buf[0] ? dot : "", keys, h[i].what);
	}
	return buf;
}
