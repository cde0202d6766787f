/*
 * ui: the ncurses screens. The only code that includes <curses.h>.
 */
#ifndef HEP_UI_H
#define HEP_UI_H

#include "hep/calendar.h"
#include "hep/context.h"

/*
 * Checks, before anything is opened, that stdin and stdout are a terminal
 * that can address the cursor. Prints a one-line message and returns 1 if
 * not; returns 0 if the screen can start.
 */
int ui_check_terminal(void);

/*
 * Runs the screen on ctx until the user quits or a signal asks to; clock
 * reads the time (it is called again so that the screen moves on to a new
 * day). Restores the terminal on every exit. Returns the exit status.
 */
int ui_run(struct hep_ctx *ctx, int (*clock)(struct cal_now *now));

#endif
