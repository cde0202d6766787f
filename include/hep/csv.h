/*
 * csv: the cells of every CSV hep writes (the export and the report) and
 * the one rule that guards them (SPEC section 6.2, settled point 11).
 */
#ifndef HEP_CSV_H
#define HEP_CSV_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Whether a cell starting with c is one a spreadsheet would run as a
 * formula, or one that starts with the guard itself: '=', '+', '-', '@',
 * tab, CR or '\''.
 */
bool csv_guarded(char c);

/*
 * Writes s as one CSV cell: every code point a stored text may not hold
 * (text_cp_forbidden) as U+FFFD, then a leading '\'' when it starts with
 * a character csv_guarded names, quoted as RFC 4180 says when it holds a
 * comma, a quote or a line break, or was guarded. NULL is an empty cell.
 */
void csv_cell(FILE *f, const char *s);

/*
 * Undoes csv_cell's guard on a cell read back, in place: one leading '\''
 * goes when what follows starts with a character csv_guarded names, so
 * that export -> import -> export gives the same bytes.
 */
void csv_unguard(char *s);

#endif
