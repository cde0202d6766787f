/* Unit tests of the prescription loader: the bundled sample, defaults,
 * every problem reported with its line, and the untrusted-input guards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hep/prescription.h"

#define HEAD "version = 1;\nprogram: { title = \"T\"; };\n"

static struct rx *load_ok(const char *text)
{
	struct rx *rx;
	struct rx_errors errs = {0};
	int rc = rx_load_buffer("t.cfg", text, strlen(text), &rx, &errs);
	for (size_t i = 0; i < errs.n; i++)
		print_error("unexpected: %s\n", errs.msgs[i]);
	assert_int_equal(rc, 0);
	assert_int_equal(errs.n, 0);
	rx_errors_free(&errs);
	return rx;
}

/* Loads text that must fail; returns the messages joined by newlines. */
static char *load_bad(const char *text, size_t len)
{
	struct rx *rx = (struct rx *)1;
	struct rx_errors errs = {0};
	assert_int_equal(rx_load_buffer("t.cfg", text, len, &rx, &errs), -1);
	assert_null(rx);
	assert_true(errs.n > 0);
	size_t total = 1;
	for (size_t i = 0; i < errs.n; i++)
		total += strlen(errs.msgs[i]) + 1;
	char *out = calloc(1, total);
	for (size_t i = 0; i < errs.n; i++) {
		strcat(out, errs.msgs[i]);
		strcat(out, "\n");
	}
	rx_errors_free(&errs);
	return out;
}

#define EXPECT_BAD(text, expected)                                             \
	do {                                                                   \
		char *got_ = load_bad(text, strlen(text));                     \
		assert_string_equal(got_, expected);                           \
		free(got_);                                                    \
	} while (0)

static void sample_loads(void **state)
{
	(void)state;
	struct rx *rx;
	struct rx_errors errs = {0};
	assert_int_equal(
	    rx_load(HEP_SOURCE_DIR "/config/prescription.cfg", &rx, &errs), 0);
	assert_non_null(rx);
	/* The sample is what the README promises: 5 to 7 exercises with a
	 * days-restricted one, a per-week one, a phase and instructions. */
	assert_in_range(rx->n_ex, 5, 7);
	bool days = false, per_week = false, phase = false, per_day = false;
	for (size_t i = 0; i < rx->n_ex; i++) {
		const struct rx_exercise *e = &rx->ex[i];
		days = days || (e->days != RX_ALL_DAYS && !e->per_week);
		per_week = per_week || e->per_week > 0;
		phase = phase || (e->from != CAL_NONE && e->until != CAL_NONE);
		per_day = per_day || e->per_day > 1;
		assert_non_null(e->notes);
		assert_true(strlen(e->notes) > 40);
	}
	assert_true(days && per_week && phase && per_day);
	assert_string_equal(rx->program.title, "Knee rehab, phase 2");
	assert_int_equal(rx->program.day_starts, 240);
	assert_int_equal(rx->program.week_starts, CAL_MON);
	rx_free(rx);
}

static void defaults_and_fields(void **state)
{
	(void)state;
	struct rx *rx = load_ok(
	    "version = 1;\n"
	    "program: { title = \"Back\"; start = \"2026-11-02\"; day_starts = "
	    "\"04:30\";\n"
	    "  week_starts = \"sunday\"; visits = [\"2026-11-16\", "
	    "\"2026-11-02\"]; };\n"
	    "exercises = (\n"
	    "  { id = \"a\"; name = \"A\"; },\n"
	    "  { id = \"b-2\"; name = \"B\"; sets = 3; reps = 12; hold = 5; "
	    "rest = 30;\n"
	    "    side = \"both\"; per_day = 2; days = [\"mon\", \"fri\"];\n"
	    "    from = \"2026-11-16\"; until = \"2026-12-31\"; notes = "
	    "\"x\\ny\"; },\n"
	    "  { id = \"c\"; name = \"C\"; per_week = 3; }\n"
	    ");\n");
	assert_int_equal(rx->n_ex, 3);
	const struct rx_exercise *a = &rx->ex[0], *b = &rx->ex[1],
	                         *c = &rx->ex[2];
	assert_int_equal(a->sets.lo, 1);
	assert_int_equal(a->reps.lo, 0);
	assert_int_equal(a->per_day, 1);
	assert_int_equal(a->days, RX_ALL_DAYS);
	assert_int_equal(a->per_week, 0);
	assert_int_equal(a->from, CAL_NONE);
	assert_null(a->notes);
	assert_int_equal(b->days, (1 << CAL_MON) | (1 << CAL_FRI));
	assert_int_equal(b->side, RX_SIDE_BOTH);
	assert_string_equal(b->notes, "x\ny");
	assert_int_equal(c->per_week, 3);
	assert_int_equal(rx->program.week_starts, CAL_SUN);
	assert_int_equal(rx->program.day_starts, 270);
	assert_int_equal(rx->program.n_visits, 2);
	assert_true(rx->program.visits[0] < rx->program.visits[1]);
	char buf[128];
	assert_string_equal(rx_dose(b, false, buf, sizeof buf),
	                    "3 \xC3\x97 12, hold 5 s, rest 30 s, each side");
	assert_string_equal(rx_dose(b, true, buf, sizeof buf),
	                    "3 x 12, hold 5 s, rest 30 s, each side");
	assert_string_equal(rx_dose(a, true, buf, sizeof buf), "1 set");
	assert_true(rx_exercise_equal(a, a));
	assert_false(rx_exercise_equal(a, b));
	struct rx_exercise copy = *b; /* shares b's strings; never cleared */
	assert_true(rx_exercise_equal(&copy, b));
	copy.per_day = 3;
	assert_false(rx_exercise_equal(&copy, b));
	rx_free(rx);
}

static void every_problem_reported(void **state)
{
	(void)state;
	EXPECT_BAD(
	    HEAD
	    "exercises = (\n"
	    "  { id = \"A\"; name = \"x\"; sets = 0; },\n"
	    "  { id = \"b\"; name = \"y\"; reps = \"3\"; colour = 1; },\n"
	    "  { id = \"b\"; name = \"z\"; per_week = 3; days = [\"mon\"]; }\n"
	    ");\n",
	    "t.cfg:4: 'id' must be 1 to 32 of a-z, 0-9 and '-', not \"A\"\n"
	    "t.cfg:4: 'sets' must be from 1 to 999, not 0\n"
	    "t.cfg:5: unknown setting 'colour' in exercise 2\n"
	    "t.cfg:5: 'reps' must be a whole number, not a string\n"
	    "t.cfg:6: 'days' cannot be combined with 'per_week' (flexible "
	    "days)\n"
	    "t.cfg:6: duplicate id \"b\" (first on line 5)\n");
}

static void wrapping_numbers_refused(void **state)
{
	(void)state;
	EXPECT_BAD(
	    HEAD
	    "exercises = ({ id = \"a\"; name = \"A\"; reps = 4294967308; });\n",
	    "t.cfg:3: number 4294967308 does not fit in 32 bits\n");
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = \"A\"; reps = "
	                "0x10000000C; });\n",
	           "t.cfg:3: number 0x10000000C does not fit in 32 bits\n");
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = \"A\";\n reps = "
	                "-4294967284; });\n",
	           "t.cfg:4: number -4294967284 does not fit in 32 bits\n");
	/* In strings and comments, digits are text. */
	struct rx *rx =
	    load_ok(HEAD "# 99999999999\n/* 4294967308 */\n"
	                 "exercises = ({ id = \"a\"; name = \"A\"; reps = 12;\n"
	                 " notes = \"call 4294967308\"; });\n");
	assert_int_equal(rx->ex[0].reps.lo, 12);
	rx_free(rx);
	/* A 64-bit literal is a wrong type, not a number to narrow. */
	EXPECT_BAD(
	    HEAD "exercises = ({ id = \"a\"; name = \"A\"; reps = 12L; });\n",
	    "t.cfg:3: 'reps' must be a whole number, not a 64-bit number\n");
}

static void include_and_comments_refused(void **state)
{
	(void)state;
	EXPECT_BAD(HEAD "@include \"/etc/passwd\"\nexercises = ();\n",
	           "t.cfg:3: @include is not allowed in a prescription\n");
	/* An unterminated comment must not leave a shorter "valid" file. */
	EXPECT_BAD(HEAD
	           "exercises = ({ id = \"a\"; name = \"A\"; });\n/* trailing\n"
	           "x = 1;\n",
	           "t.cfg:4: unterminated /* comment\n");
	EXPECT_BAD("version = 1;\n/*\nprogram: { title = \"T\"; };\n"
	           "exercises = ({ id = \"a\"; name = \"A\"; });\n",
	           "t.cfg:2: unterminated /* comment\n");
}

static void bytes_refused(void **state)
{
	(void)state;
	static const char bom[] = "\xEF\xBB\xBFversion = 1;\n";
	char *got = load_bad(bom, sizeof bom - 1);
	assert_string_equal(got, "t.cfg:1: the file starts with a byte order "
	                         "mark (BOM); save it as UTF-8 without one\n");
	free(got);
	static const char nul[] = "version = 1;\n\n\0x";
	got = load_bad(nul, sizeof nul - 1);
	assert_string_equal(got, "t.cfg:3: the file holds a NUL byte\n");
	free(got);
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = \"\xC3\x28\"; });\n",
	           "t.cfg:3: invalid UTF-8\n");
	EXPECT_BAD(HEAD
	           "exercises = ({ id = \"a\"; name = \"ab\\x00cd\"; });\n",
	           "t.cfg:3: a string holds a NUL escape (\\x00)\n");
	char *big = malloc(RX_MAX_BYTES + 2);
	memset(big, '#', RX_MAX_BYTES + 1);
	got = load_bad(big, RX_MAX_BYTES + 1);
	assert_string_equal(
	    got, "t.cfg: the file is larger than 1 MiB (1048577 bytes)\n");
	free(got);
	free(big);
}

static void names_measured_in_columns(void **state)
{
	(void)state;
	/* 32 CJK characters are 64 columns: allowed; 33 are not. */
	char text[1024], name[200] = "";
	for (int i = 0; i < 32; i++)
		strcat(name, "\xE8\x86\x9D"); /* U+819D, 2 columns */
	snprintf(text, sizeof text,
	         HEAD "exercises = ({ id = \"a\"; name = \"%s\"; });\n", name);
	rx_free(load_ok(text));
	strcat(name, "\xE8\x86\x9D");
	snprintf(text, sizeof text,
	         HEAD "exercises = ({ id = \"a\"; name = \"%s\"; });\n", name);
	EXPECT_BAD(text, "t.cfg:3: 'name' is 66 columns wide; at most 64\n");
}

static void missing_pieces(void **state)
{
	(void)state;
	EXPECT_BAD("", "t.cfg:1: missing 'version = 1;'\n"
	               "t.cfg:1: missing 'program' group\n"
	               "t.cfg:1: missing 'exercises' list\n");
	EXPECT_BAD(HEAD "exercises = ();\n", "t.cfg:3: 'exercises' is empty\n");
	EXPECT_BAD("version = 2;\nprogram: { title = \"T\"; };\nexercises = ({ "
	           "id = \"a\"; name = \"A\"; });\n",
	           "t.cfg:1: 'version' must be 1, not 2\n");
	EXPECT_BAD(
	    HEAD "exercises = ({ id = \"a\"; name = \"A\"; from = "
	         "\"2026-12-01\"; until = \"2026-11-30\"; });\n",
	    "t.cfg:3: 'until' (2026-11-30) is before 'from' (2026-12-01)\n");
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = \"A\"; from = "
	                "\"2026-02-30\"; });\n",
	           "t.cfg:3: 'from' must be a date as YYYY-MM-DD, not "
	           "\"2026-02-30\"\n");
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = \"A\";\n);\n",
	           "t.cfg:3: '{' is never closed\n");
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = ; });\n",
	           "t.cfg:3: syntax error\n");
	/* Nesting is bounded before libconfig's parser sees it. */
	char deep[200] = HEAD "x = ";
	for (int i = 0; i < 20; i++)
		strcat(deep, "(");
	EXPECT_BAD(deep, "t.cfg:3: lists and groups are nested too deeply\n");
}

/* The dose text of SPEC 2.1, in its order, in UTF-8 and in ASCII; times
 * normalised to seconds whatever their writing. */
static void dose_text_of_the_new_keys(void **state)
{
	(void)state;
	struct rx *rx = load_ok(
	    HEAD
	    "exercises = (\n"
	    "  { id = \"a\"; name = \"A\"; sets = 3; reps = [12, 15]; hold "
	    "= 5; pause = \"10 s\"; tempo = \"3-0-1\"; side = \"right\"; "
	    "load = \"+5 kg backpack\"; },\n"
	    "  { id = \"b\"; name = \"B\"; duration = [\"20 min\", \"30 "
	    "min\"]; },\n"
	    "  { id = \"c\"; name = \"C\"; sets = 3; duration = \"1 min 30 "
	    "s\"; side = \"alternate\"; },\n"
	    "  { id = \"d\"; name = \"D\"; hold = 90; }\n"
	    ");\n");
	char buf[160];
	assert_string_equal(
	    rx_dose(&rx->ex[0], false, buf, sizeof buf),
	    "3 \xC3\x97 12\xE2\x80\x93"
	    "15, hold 5 s, pause 10 s, tempo 3-0-1, right side, "
	    "+5 kg backpack");
	assert_string_equal(rx_dose(&rx->ex[0], true, buf, sizeof buf),
	                    "3 x 12-15, hold 5 s, pause 10 s, tempo 3-0-1, "
	                    "right side, +5 kg backpack");
	assert_string_equal(rx_dose(&rx->ex[1], false, buf, sizeof buf),
	                    "20\xE2\x80\x93"
	                    "30 min");
	assert_string_equal(rx_dose(&rx->ex[1], true, buf, sizeof buf),
	                    "20-30 min");
	assert_string_equal(rx_dose(&rx->ex[2], true, buf, sizeof buf),
	                    "3 x 1 min 30 s, sides in turn");
	assert_string_equal(rx_dose(&rx->ex[3], true, buf, sizeof buf),
	                    "1 set, hold 1 min 30 s");
	assert_int_equal(rx->ex[3].hold.lo, 90);
	assert_int_equal(rx->ex[1].duration.hi, 1800);
	rx_free(rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sample_loads),
	    cmocka_unit_test(defaults_and_fields),
	    cmocka_unit_test(every_problem_reported),
	    cmocka_unit_test(wrapping_numbers_refused),
	    cmocka_unit_test(include_and_comments_refused),
	    cmocka_unit_test(bytes_refused),
	    cmocka_unit_test(names_measured_in_columns),
	    cmocka_unit_test(missing_pieces),
	    cmocka_unit_test(dose_text_of_the_new_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
