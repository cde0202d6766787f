/* Unit tests of the text rules of SPEC section 6.2: which code points a
 * stored text may not hold, the first of them and its column, how a
 * message shows input (escaped, cut on whole characters), the check of a
 * note, and line ends made LF. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/prescription.h"
#include "hep/text.h"

static void forbidden_code_points(void **state)
{
	(void)state;
	/* C0 but tab and newline, DEL, C1, the bidirectional controls. */
	for (uint32_t cp = 0; cp < 0x20; cp++)
		assert_int_equal(text_cp_forbidden(cp),
		                 cp != '\t' && cp != '\n');
	assert_false(text_cp_forbidden(' '));
	assert_false(text_cp_forbidden('~'));
	assert_true(text_cp_forbidden(0x7F));
	assert_true(text_cp_forbidden(0x80));
	assert_true(text_cp_forbidden(0x9B));
	assert_true(text_cp_forbidden(0x9F));
	assert_false(text_cp_forbidden(0xA0));
	assert_false(text_cp_forbidden(0xE9));
	assert_false(text_cp_forbidden(0x2029));
	for (uint32_t cp = 0x202A; cp <= 0x202E; cp++)
		assert_true(text_cp_forbidden(cp));
	assert_false(text_cp_forbidden(0x202F));
	assert_false(text_cp_forbidden(0x2065));
	for (uint32_t cp = 0x2066; cp <= 0x2069; cp++)
		assert_true(text_cp_forbidden(cp));
	assert_false(text_cp_forbidden(0x206A));
	assert_false(text_cp_forbidden(0xFFFD));
}

static void first_forbidden_and_its_column(void **state)
{
	(void)state;
	size_t col = 99;
	assert_int_equal(text_forbidden("", &col), 0);
	assert_int_equal(col, 0);
	assert_int_equal(text_forbidden("knee\tfine\nok", &col), 0);
	assert_int_equal(col, 0);
	assert_int_equal(text_forbidden("sore knee \x1b]0;x", &col), 0x1B);
	assert_int_equal(col, 11);
	/* Columns count code points: "é" is one. */
	assert_int_equal(text_forbidden("\xc3\xa9t\xc3\xa9\xc2\x9b", &col),
	                 0x9B);
	assert_int_equal(col, 4);
	assert_int_equal(text_forbidden("ab\xe2\x80\xae", &col), 0x202E);
	assert_int_equal(col, 3);
	assert_int_equal(text_forbidden("\xe2\x81\xa9", &col), 0x2069);
	assert_int_equal(col, 1);
	assert_int_equal(text_forbidden("a\x7f", NULL), 0x7F);
	assert_int_equal(text_forbidden("\r\n", &col), '\r');
	assert_int_equal(col, 1);
	/* A byte that is not UTF-8 counts as U+FFFD, allowed. */
	assert_int_equal(text_forbidden("a\xff", &col), 0);
}

static void escaped_as_a_message_shows_it(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(text_escape("plain é", false, out, sizeof out),
	                    "plain é");
	assert_string_equal(
	    text_escape("\x1b]0;title\x07", false, out, sizeof out),
	    "\\e]0;title\\x07");
	assert_string_equal(
	    text_escape("a\tb\nc\rd\x7f", false, out, sizeof out),
	    "a\\tb\\nc\\x0dd\\x7f");
	assert_string_equal(text_escape("\xc2\x9b"
	                                "2J",
	                                false, out, sizeof out),
	                    "\\x9b2J");
	assert_string_equal(
	    text_escape("x\xe2\x80\xaey\xe2\x81\xa6", false, out, sizeof out),
	    "x\\u202ey\\u2066");
	/* Bytes that are not UTF-8 (a raw C1 byte, a cut sequence). */
	assert_string_equal(
	    text_escape("\x9b\xff\xe2\x80", false, out, sizeof out),
	    "\\x9b\\xff\\xe2\\x80");
	assert_string_equal(text_escape("a\\e", false, out, sizeof out),
	                    "a\\e");
	assert_string_equal(text_escape("a\\e", true, out, sizeof out),
	                    "a\\\\e");
}

static void escape_cuts_on_whole_characters(void **state)
{
	(void)state;
	char out[8];
	/* Never half an escape nor half a character. */
	assert_string_equal(text_escape("abcdef\x1b", false, out, 8), "abcdef");
	assert_string_equal(text_escape("abcde\xc3\xa9\xc3\xa9", false, out, 8),
	                    "abcde\xc3\xa9");
	assert_string_equal(text_escape("abc\xe2\x80\xae", false, out, 8),
	                    "abc");
	assert_string_equal(text_escape("\xe2\x80\xae", false, out, 7),
	                    "\\u202e");
	assert_string_equal(text_escape("xyz", false, out, 1), "");
	out[0] = 'q';
	text_escape("xyz", false, out, 0);
	assert_int_equal(out[0], 'q');
}

static void quote_for_a_message(void **state)
{
	(void)state;
	assert_string_equal(TEXT_QUOTE("\x1b]52;c;aGk=\x07", 40),
	                    "\\e]52;c;aGk=\\x07");
	assert_string_equal(TEXT_QUOTE("0123456789", 4), "0123");
	/* 3 bytes of "é" fit in 4 only as one. */
	assert_string_equal(TEXT_QUOTE("a\xc3\xa9\xc3\xa9", 4), "a\xc3\xa9");
	const char *q = TEXT_QUOTE("", 40);
	assert_string_equal(q, "");
}

/* SPEC 2.2: a quoted value is whole up to 120 columns, then cut on a
 * whole character and a whole escape, with "…", 120 columns in all. */
static void quote_cut_at_120_columns(void **state)
{
	(void)state;
	char v[400], want[400];
	memset(v, 'a', 120);
	v[120] = '\0';
	assert_string_equal(TEXT_QUOTED(v), v); /* 120: whole */
	strcat(v, "b");
	memset(want, 'a', 119);
	strcpy(want + 119, "\xE2\x80\xA6");
	assert_string_equal(TEXT_QUOTED(v), want); /* 121: 119 and "…" */
	/* An escape ("\e", two columns) is never split. */
	memset(v, 'a', 118);
	strcpy(v + 118, "\x1b"
	                "bb");
	memset(want, 'a', 118);
	strcpy(want + 118, "\xE2\x80\xA6");
	assert_string_equal(TEXT_QUOTED(v), want);
	/* Wide characters count two columns: 60 CJK are 120, whole. */
	v[0] = '\0';
	for (int i = 0; i < 60; i++)
		strcat(v, "\xE4\xB8\xAD");
	assert_string_equal(TEXT_QUOTED(v), v);
	strcat(v, "x");
	assert_int_equal(text_width(TEXT_QUOTED(v)), 119);
	char *ascii = text_quote_ascii(TEXT_QUOTED(v));
	assert_string_equal(ascii + strlen(ascii) - 3, "...");
	free(ascii);
}

static void a_note_checked(void **state)
{
	(void)state;
	char msg[128];
	assert_true(text_check("fine\tthen\nbetter", "a note", TEXT_NOTE_MAX,
	                       msg, sizeof msg));
	assert_false(text_check("hurt a bit\x1b[2J", "a note", TEXT_NOTE_MAX,
	                        msg, sizeof msg));
	assert_string_equal(
	    msg,
	    "a note may not hold control characters (U+001B at column 11)");
	assert_false(text_check("\xe2\x80\xae", "a note", TEXT_NOTE_MAX, msg,
	                        sizeof msg));
	assert_string_equal(
	    msg, "a note may not hold control characters (U+202E at column 1)");
	assert_false(text_check("\xff", "a note", 0, msg, sizeof msg));
	assert_string_equal(msg, "a note is not valid UTF-8");
	char *big = malloc(TEXT_NOTE_MAX + 2);
	memset(big, 'x', TEXT_NOTE_MAX);
	big[TEXT_NOTE_MAX] = '\0';
	assert_true(text_check(big, "a note", TEXT_NOTE_MAX, msg, sizeof msg));
	big[TEXT_NOTE_MAX] = 'y';
	big[TEXT_NOTE_MAX + 1] = '\0';
	assert_false(text_check(big, "a note", TEXT_NOTE_MAX, msg, sizeof msg));
	assert_string_equal(
	    msg, "a note may be at most 2000 bytes long; this one is 2001");
	assert_true(text_check(big, "a note", 0, msg, sizeof msg));
	free(big);
}

static void line_ends_become_lf(void **state)
{
	(void)state;
	char a[] = "one\r\ntwo\rthree\n\r\nfour\r";
	text_lf(a);
	assert_string_equal(a, "one\ntwo\nthree\n\nfour\n");
	char b[] = "\r\r\n";
	text_lf(b);
	assert_string_equal(b, "\n\n");
	char c[] = "";
	text_lf(c);
	assert_string_equal(c, "");
}

/* A measure's unit outside UTF-8: each glyph of the table in its ASCII
 * form ("°" "deg"), the rest as it is; in UTF-8 the unit unchanged. */
static void a_unit_in_ascii(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(text_ascii_form("\xC2\xB0", true, buf, sizeof buf),
	                    "deg");
	assert_string_equal(text_ascii_form("\xC2\xB0", false, buf, sizeof buf),
	                    "\xC2\xB0");
	assert_string_equal(text_ascii_form("cm", true, buf, sizeof buf), "cm");
	assert_string_equal(text_ascii_form("\xC2\xB0"
	                                    "C",
	                                    true, buf, 4),
	                    "deg");
	char unit[] = "\xC2\xB0", name[] = "Knee bend";
	struct rx_measure m = {.name = name, .unit = unit};
	assert_string_equal(rx_measure_shown(&m, 925, true, buf, sizeof buf),
	                    "92.5 deg");
	assert_string_equal(rx_measure_text(&m, 925, buf, sizeof buf),
	                    "92.5 \xC2\xB0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(forbidden_code_points),
	    cmocka_unit_test(first_forbidden_and_its_column),
	    cmocka_unit_test(escaped_as_a_message_shows_it),
	    cmocka_unit_test(escape_cuts_on_whole_characters),
	    cmocka_unit_test(quote_for_a_message),
	    cmocka_unit_test(quote_cut_at_120_columns),
	    cmocka_unit_test(a_note_checked),
	    cmocka_unit_test(line_ends_become_lf),
	    cmocka_unit_test(a_unit_in_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
