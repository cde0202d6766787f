/*
 * text: UTF-8 facts the model and the screen share.
 */
#ifndef HEP_TEXT_H
#define HEP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * True if s[0..len) is strict UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF). If not and bad is given, *bad is the offset of the first
 * invalid byte.
 */
bool text_utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * Decodes one code point of valid UTF-8 at s; returns its length in bytes
 * (at least 1: an invalid byte decodes as U+FFFD of length 1).
 */
int text_utf8_next(const char *s, uint32_t *cp);

/* Display columns of one code point: 0, 1 or 2; -1 for a control character. */
int text_cp_width(uint32_t cp);

/* Display columns of a UTF-8 string (control characters count 1). */
int text_width(const char *s);

/* Writes cp as UTF-8 into p (4 bytes room); returns the length. */
int text_utf8_put(uint32_t cp, char *p);

/* Cuts an incomplete UTF-8 sequence off the end of s (text cut short to
 * fit a buffer). */
void text_trim_partial(char *s);

/* True if the string holds a control character (C0, DEL or C1). */
bool text_has_control(const char *s);

/* The longest note, in bytes, on every path in (SPEC section 6.2). */
#define TEXT_NOTE_MAX 2000

/*
 * Whether a code point is one a stored text may not hold (SPEC section
 * 6.2): a C0 control other than tab and newline, DEL, a C1 control
 * (U+0080..U+009F), or a bidirectional control (U+202A..U+202E,
 * U+2066..U+2069).
 */
bool text_cp_forbidden(uint32_t cp);

/*
 * The first code point of s a stored text may not hold (text_cp_forbidden),
 * with its column (1-based, counted in code points) in *column; 0 when s
 * holds none. s is UTF-8 (invalid bytes count as U+FFFD, allowed).
 */
uint32_t text_forbidden(const char *s, size_t *column);

/*
 * Writes s into out (size bytes, always terminated, cut on a whole
 * character) with every control character escaped, as a message that
 * quotes input shows it: ESC as "\e", tab "\t", newline "\n", other C0,
 * DEL and C1 as "\xHH" (C1 by its code point: U+009B is "\x9b"), the
 * bidirectional controls as "\uXXXX" ("\u202e"), a byte that is not
 * UTF-8 as "\xHH", a backslash as "\\" only when escape_backslash.
 * Returns out.
 */
char *text_escape(const char *s, bool escape_backslash, char *out, size_t size);

/* s escaped whole as text_escape(s, false, ...) does, in a new string the
 * caller frees. */
char *text_escape_dup(const char *s);

/*
 * Input quoted in a message: s escaped as text_escape does (backslashes
 * as they are), cut on a whole character (and a whole escape) to at most
 * n bytes. n is a constant; the text is a compound literal, valid until
 * the end of the enclosing block, so use it inside the call that prints.
 */
#define TEXT_QUOTE(s, n) text_escape((s), false, (char[(n) + 1]){0}, (n) + 1)

/* The widest a value quoted in a message is shown whole (SPEC 2.2), and
 * the bytes text_quote needs for it. */
#define TEXT_QUOTE_COLUMNS 120
#define TEXT_QUOTE_SIZE    1024

/*
 * A value quoted in a message (SPEC 2.2): s escaped as text_escape does
 * (backslashes as they are), shown whole when it is at most
 * TEXT_QUOTE_COLUMNS columns wide (and fits in size bytes), else cut on a
 * whole character and a whole escape and ended with "…", the whole at
 * most TEXT_QUOTE_COLUMNS wide. Into out (size bytes, at least 8);
 * returns out. The edge that prints it makes the "…" "..." where the
 * locale is not UTF-8 (text_quote_ascii).
 */
char *text_quote(const char *s, char *out, size_t size);

/* text_quote(s) in a compound literal, valid until the end of the
 * enclosing block: use it inside the call that prints. */
#define TEXT_QUOTED(s)                                                         \
	text_quote((s), (char[TEXT_QUOTE_SIZE]){0}, TEXT_QUOTE_SIZE)

/* msg with every "…" of text_quote as "..." (ASCII), in a new string the
 * caller frees. */
char *text_quote_ascii(const char *msg);

/*
 * Whether s may be stored as a text of at most max bytes (0: any
 * length): strict UTF-8 holding no code point text_cp_forbidden. If not,
 * says why in msg, naming the text as what ("a note"): "a note may not
 * hold control characters (U+001B at column 12)", "a note may be at most
 * 2000 bytes long; this one is 2345".
 */
bool text_check(const char *s, const char *what, size_t max, char *msg,
                size_t size);

/* Makes every CRLF and every lone CR of s an LF, in place. */
void text_lf(char *s);

/*
 * The closest of the n candidates to word, as a list for a person ("a",
 * "a or b", "a, b or c") in out, or "" when none is close: those word is a
 * prefix of first (in the order given), then those within an edit distance
 * of 2 (nearest first), at most three in all.
 */
void text_closest(const char *word, const char *const *cand, size_t n,
                  char *out, size_t size);

/* The other glyphs hep draws, one row each: what it is, in UTF-8, and its
 * ASCII stand-in where the use has one of its own. */
enum glyph {
	GLYPH_DOT,      /* "·" between parts of a line; ASCII "-" */
	GLYPH_DASH,     /* "–" of a range ("20–30"); ASCII "-" */
	GLYPH_CUT,      /* "…" text cut on the right; ASCII ">" (as less) */
	GLYPH_CUT_LEFT, /* "…" text scrolled out on the left; ASCII "<" */
	GLYPH_BLOCK,    /* "█" a big digit's block, a bar's fill; "#" */
	GLYPH_SHADE,    /* "░" a bar's empty part; ASCII "-" */
	GLYPH_ARROW,    /* "→" from a value to the next; ASCII "->" */
	GLYPH_MINUS,    /* "−" a thing taken away; ASCII "-" */
	GLYPH_TIMES,    /* "×" sets times reps; ASCII "x" */
	GLYPH_DEGREE,   /* "°" in a measure's unit; ASCII "deg" */
	GLYPH_ELLIPSIS, /* "…" a quoted value cut in a message; "..." */
	GLYPH_AT_MOST,  /* "≤" in an earned step's criteria; ASCII "<=" */
	GLYPH_UP,       /* "▲" the next step is ready; ASCII "^" */
	GLYPH_DOWN,     /* "▼" a step back is suggested; ASCII "v" */
	GLYPH_COUNT
};

/* The glyph g: UTF-8, or its ASCII stand-in when ascii. One table for the
 * screen, the command line and the prescription's dose (the week's cells
 * are progress_cell_glyph's; the names of keys are the screen's,
 * ui/keys.c). */
const char *text_glyph(enum glyph g, bool ascii);

/* s into buf (at most size bytes), with ascii each glyph of text_glyph's
 * table in it replaced by its ASCII stand-in ("°" "deg"): how a measure's
 * unit is shown outside UTF-8. Returns buf. */
char *text_ascii_form(const char *s, bool ascii, char *buf, size_t size);

/* Whether text is written in ASCII: true unless the locale's character set
 * (nl_langinfo(CODESET), after setlocale) is UTF-8. The one rule for the
 * screen and the command line (SPEC 2.1, 5). */
bool text_locale_ascii(void);

#endif
