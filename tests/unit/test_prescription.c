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
#include "hep/text.h"

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

/* The key effort (SPEC 2.2): one value or [MIN, MAX] of the Borg CR10
 * scale, a step may give it, shown with the dose, compared and diffed. */
static void effort_target(void **state)
{
	(void)state;
	struct rx *rx = load_ok(
	    HEAD
	    "exercises = ({ id = \"a\"; name = \"A\"; sets = 3; reps = 15;\n"
	    "  effort = [5, 7];\n"
	    "  steps = ({ from = \"2026-12-08\"; effort = 8; }); },\n"
	    " { id = \"b\"; name = \"B\"; });\n");
	assert_int_equal(rx->ex[0].effort.lo, 5);
	assert_int_equal(rx->ex[0].effort.hi, 7);
	assert_int_equal(rx->ex[0].steps[0].effort.lo, 8);
	assert_int_equal(rx->ex[1].effort.lo, -1); /* none: 0 is a value */
	char dose[128];
	assert_string_equal(rx_dose(&rx->ex[0], false, dose, sizeof dose),
	                    "3 × 15, effort 5–7/10");
	assert_string_equal(rx_dose(&rx->ex[0], true, dose, sizeof dose),
	                    "3 x 15, effort 5-7/10");
	assert_string_equal(
	    rx_dose(&rx->ex[0].steps[0], false, dose, sizeof dose),
	    "3 × 15, effort 8/10");
	struct rx_exercise b = rx->ex[1]; /* shares its strings */
	b.effort = (struct rx_range){6, 6};
	assert_false(rx_exercise_equal(&rx->ex[1], &b));
	struct rx_change ch[RX_DIFF_MAX];
	assert_int_equal(rx_diff(&rx->ex[1], &b, ch), 1);
	assert_string_equal(ch[0].field, "effort");
	assert_string_equal(ch[0].after, "6");
	rx_free(rx);
	EXPECT_BAD(
	    HEAD "exercises = ({ id = \"a\"; name = \"A\"; effort = 11; "
	         "});\n",
	    "t.cfg:3: 'effort' must be a whole number from 0 to 10 or [MIN, MAX], not 11\n");
	EXPECT_BAD(HEAD "exercises = ({ id = \"a\"; name = \"A\"; effort = [7, "
	                "5]; });\n",
	           "t.cfg:3: 'effort' as a range must be [MIN, MAX] with MIN "
	           "below MAX\n");
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
	    "t.cfg:4: 'sets' must be a whole number from 1 to 999 or [MIN, "
	    "MAX], not 0\n"
	    "t.cfg:5: unknown setting 'colour' in exercise 2\n"
	    "t.cfg:5: 'reps' must be a whole number or [MIN, MAX], not \"3\"\n"
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
	    "t.cfg:3: 'reps' must be a whole number or [MIN, MAX], not a 64-bit "
	    "number\n");
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
	           "t.cfg:3: 'from' must be a date (YYYY-MM-DD), \"day N\" or "
	           "\"week N\", not \"2026-02-30\"\n");
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

/* Values of SPEC 8.1: at most one decimal place as written, in tenths. */
static void tenths_parsed_and_printed(void **state)
{
	(void)state;
	static const struct {
		const char *token;
		int32_t tenths;
	} good[] = {
	    {"120", 1200},
	    {"92.5", 925},
	    {"-3.5", -35},
	    {"0.5", 5},
	    {"0", 0},
	    {"-0", 0},
	    {"92.0", 920},
	    {"007", 70},
	    {"-0.1", -1},
	    {"100000000", 1000000000},
	    {"-100000000.0", -1000000000},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int32_t v = 12345;
		if (!rx_tenths_parse(good[i].token, &v))
			fail_msg("refused \"%s\"", good[i].token);
		assert_int_equal(v, good[i].tenths);
	}
	static const char *const bad[] = {
	    "92.25",
	    "92.50",
	    "1e3",
	    "",
	    " 5",
	    "5 ",
	    "+5",
	    ".5",
	    "5.",
	    "-",
	    "-.5",
	    "1.2.3",
	    "0x10",
	    "--5",
	    "5-",
	    "1,5",
	    "12L",
	    "nan",
	    "inf",
	    "100000000.1",
	    "2147483648",
	    "-100000001",
	    "99999999999999999999",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int32_t v = 12345;
		if (rx_tenths_parse(bad[i], &v))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(v, 12345); /* untouched */
	}
	char buf[32];
	assert_string_equal(rx_tenths_text(1200, buf, sizeof buf), "120");
	assert_string_equal(rx_tenths_text(925, buf, sizeof buf), "92.5");
	assert_string_equal(rx_tenths_text(-35, buf, sizeof buf), "-3.5");
	assert_string_equal(rx_tenths_text(5, buf, sizeof buf), "0.5");
	assert_string_equal(rx_tenths_text(-5, buf, sizeof buf), "-0.5");
	assert_string_equal(rx_tenths_text(0, buf, sizeof buf), "0");
	assert_string_equal(rx_tenths_text(-1200, buf, sizeof buf), "-120");
	assert_string_equal(rx_tenths_text(1000000000, buf, sizeof buf),
	                    "100000000");
	assert_string_equal(rx_tenths_text(INT32_MAX, buf, sizeof buf),
	                    "214748364.7");
	assert_string_equal(rx_tenths_text(INT32_MIN + 1, buf, sizeof buf),
	                    "-214748364.7");
	assert_string_equal(rx_tenths_text(RX_NO_VALUE, buf, sizeof buf), "");
	/* Cut to the buffer, still a string. */
	char small[4];
	rx_tenths_text(925, small, sizeof small);
	assert_string_equal(small, "92.");
	/* Every printed value reads back as itself. */
	for (int32_t v = -2005; v <= 2005; v += 7) {
		int32_t back;
		assert_true(
		    rx_tenths_parse(rx_tenths_text(v, buf, sizeof buf), &back));
		assert_int_equal(back, v);
	}
	assert_string_equal(rx_every_name(RX_EVERY_DAY), "day");
	assert_string_equal(rx_every_name(RX_EVERY_WEEK), "week");
	assert_string_equal(rx_every_name(RX_EVERY_VISIT), "visit");
}

/* The example of SPEC section 8, every field read. */
static void measures_and_psfs_read(void **state)
{
	(void)state;
	struct rx *rx = load_ok(
	    "version = 1;\n"
	    "program: { title = \"T\"; visits = [\"2026-11-02\"];\n"
	    "  measures = (\n"
	    "    { id = \"knee-bend\"; name = \"Knee bend\"; unit = \"\xC2\xB0\"; "
	    "min = 0; max = 160;\n"
	    "      every = \"week\"; goal = 120; better = \"higher\"; },\n"
	    "    { id = \"chair-stand\"; name = \"30-second chair stand\"; unit "
	    "= \"stands\";\n"
	    "      min = 0; max = 60; every = \"week\"; better = \"higher\"; "
	    "},\n"
	    "    { id = \"weight\"; name = \"Weight\"; unit = \"\"; min = -20.5; "
	    "max =\n"
	    "      150.0; every = \"visit\"; goal = 92.5; better = \"lower\"; "
	    "},\n"
	    "    { id = \"lag\"; name = \"Lag\"; unit = \"cm\"; min = /* c */ "
	    "-3.5; max = 0.5; every = \"day\"; } );\n"
	    "  psfs = [\"Climbing the stairs at home\", \"Kneeling in the "
	    "garden\", \"Walking 1 km\"];\n"
	    "};\n"
	    "exercises = ({ id = \"quad-set\"; name = \"Quad sets\"; });\n");
	const struct rx_program *p = &rx->program;
	assert_int_equal(p->n_measures, 4);
	const struct rx_measure *m = &p->measures[0];
	assert_string_equal(m->id, "knee-bend");
	assert_string_equal(m->name, "Knee bend");
	assert_string_equal(m->unit, "\xC2\xB0");
	assert_int_equal(m->min, 0);
	assert_int_equal(m->max, 1600);
	assert_int_equal(m->every, RX_EVERY_WEEK);
	assert_int_equal(m->goal, 1200);
	assert_false(m->lower_better);
	m = &p->measures[1];
	assert_string_equal(m->id, "chair-stand");
	assert_string_equal(m->name, "30-second chair stand");
	assert_string_equal(m->unit, "stands");
	assert_int_equal(m->min, 0);
	assert_int_equal(m->max, 600);
	assert_int_equal(m->every, RX_EVERY_WEEK);
	assert_int_equal(m->goal, RX_NO_VALUE);
	assert_false(m->lower_better);
	m = &p->measures[2];
	assert_string_equal(m->unit, "");
	assert_int_equal(m->min, -205);
	assert_int_equal(m->max, 1500);
	assert_int_equal(m->every, RX_EVERY_VISIT);
	assert_int_equal(m->goal, 925);
	assert_true(m->lower_better);
	m = &p->measures[3];
	assert_int_equal(m->min, -35);
	assert_int_equal(m->max, 5);
	assert_int_equal(m->every, RX_EVERY_DAY);
	assert_int_equal(m->goal, RX_NO_VALUE);
	assert_int_equal(p->n_psfs, 3);
	assert_string_equal(p->psfs[0], "Climbing the stairs at home");
	assert_string_equal(p->psfs[1], "Kneeling in the garden");
	assert_string_equal(p->psfs[2], "Walking 1 km");

	assert_ptr_equal(rx_find_measure(rx, "weight"), &p->measures[2]);
	assert_null(rx_find_measure(rx, "quad-set"));
	assert_null(rx_find_measure(rx, ""));
	assert_true(rx_measure_equal(&p->measures[0], &p->measures[0]));
	assert_false(rx_measure_equal(&p->measures[0], &p->measures[1]));
	struct rx_measure copy = p->measures[0]; /* shares the strings */
	copy.goal = RX_NO_VALUE;
	assert_false(rx_measure_equal(&copy, &p->measures[0]));
	copy = p->measures[0];
	copy.lower_better = true;
	assert_false(rx_measure_equal(&copy, &p->measures[0]));
	char deg[] = "deg";
	copy = p->measures[0];
	copy.unit = deg;
	assert_false(rx_measure_equal(&copy, &p->measures[0]));

	/* The diff names each key that differs, in rx_measure_keys' order,
	 * the goal "" when absent. */
	struct rx_change ch[RX_MEASURE_KEYS];
	copy = p->measures[0];
	copy.goal = RX_NO_VALUE;
	copy.unit = deg;
	assert_int_equal(rx_measure_diff(&p->measures[0], &copy, ch), 2);
	assert_string_equal(ch[0].field, "unit");
	assert_string_equal(ch[0].after, "deg");
	assert_string_equal(ch[1].field, "goal");
	assert_string_equal(ch[1].after, "");
	assert_int_equal(rx_measure_diff(&copy, &copy, ch), 0);
	/* A name longer than a change holds is cut on a character, never
	 * inside one (30 of "膝", 3 bytes each: 90 bytes). */
	char long_name[128] = "";
	for (int i = 0; i < 30; i++)
		strcat(long_name, "\xE8\x86\x9D");
	copy = p->measures[0];
	copy.name = long_name;
	assert_int_equal(rx_measure_diff(&p->measures[0], &copy, ch), 1);
	assert_true(text_utf8_valid(ch[0].after, strlen(ch[0].after), NULL));
	assert_int_equal(strlen(ch[0].after) % 3, 0);
	assert_true(strlen(ch[0].after) >= 75);

	/* A plan compares every measure, in order, and the activities. */
	struct rx_outcome_plan a = rx_outcome_plan_of(p), b = a;
	assert_true(rx_outcome_plan_equal(&a, &b));
	b.n_psfs = 2;
	assert_false(rx_outcome_plan_equal(&a, &b));
	b = a;
	b.measures = &copy;
	b.n_measures = 1;
	a.n_measures = 1;
	assert_false(rx_outcome_plan_equal(&a, &b));
	rx_free(rx);

	/* Both keys are optional. */
	rx = load_ok(HEAD "exercises = ({ id = \"a\"; name = \"A\"; });\n");
	assert_int_equal(rx->program.n_measures, 0);
	assert_null(rx->program.measures);
	assert_int_equal(rx->program.n_psfs, 0);
	assert_null(rx->program.psfs);
	assert_null(rx_find_measure(rx, "a"));
	rx_free(rx);
}

/* Decimals are checked on the token as written, wherever it stands. */
static void measure_decimals_as_written(void **state)
{
	(void)state;
#define PROG "version = 1;\nprogram: { title = \"T\"; measures = (\n"
#define TAIL ");\n};\nexercises = ({ id = \"a\"; name = \"A\"; });\n"
	EXPECT_BAD(PROG "{ id = \"m\"; name = \"M\"; unit = \"\"; min = 92.25; "
	                "max = 92.50; every = \"day\"; goal = 92.3; }\n" TAIL,
	           "t.cfg:3: 'min' must be a number with at most one decimal "
	           "place (such as 92.5), not 92.25\n"
	           "t.cfg:3: 'max' must be a number with at most one decimal "
	           "place (such as 92.5), not 92.50\n");
	/* Two measures on one line: the second one's token is found. */
	EXPECT_BAD(PROG "{ id = \"m\"; name = \"M\"; unit = \"\"; min = 1.5; "
	                "max = 9; every = \"day\"; }, { id = \"n\"; name = "
	                "\"N\"; unit = \"\"; min = 1.55; max = 9; every = "
	                "\"day\"; }\n" TAIL,
	           "t.cfg:3: 'min' must be a number with at most one decimal "
	           "place (such as 92.5), not 1.55\n");
	/* The value on a later line than its name, after a comment; names
	 * inside strings and comments are text. */
	EXPECT_BAD(PROG
	           "{ id = \"m\"; name = \"min = 1\"; unit = \"\"; # min = 2\n"
	           " min\n = /* min = 3 */\n 0.125; max = 9; every = "
	           "\"day\"; }\n" TAIL,
	           "t.cfg:4: 'min' must be a number with at most one decimal "
	           "place (such as 92.5), not 0.125\n");
	EXPECT_BAD(PROG "{ id = \"m\"; name = \"M\"; unit = \"\"; min = 0; "
	                "max = 1e2; every = \"day\"; goal = -0.05; }\n" TAIL,
	           "t.cfg:3: 'max' must be a number with at most one decimal "
	           "place (such as 92.5), not 1e2\n"
	           "t.cfg:3: 'goal' must be a number with at most one decimal "
	           "place (such as 92.5), not -0.05\n");
	/* A measure may not share an exercise's id; every="visit" needs
	 * visits. */
	EXPECT_BAD(PROG "{ id = \"a\"; name = \"M\"; unit = \"\"; min = 0; "
	                "max = 9; every = \"visit\"; }\n" TAIL,
	           "t.cfg:3: 'every' = \"visit\" is due on the days of clinic "
	           "visits: set 'visits' in 'program'\n"
	           "t.cfg:3: measure id \"a\" is also an exercise id (line "
	           "6)\n");
#undef PROG
#undef TAIL
}

/* Sessions at times of day (SPEC 2.2): the slot a tick takes is the
 * untaken one nearest the clock, ties to the earlier; the current slot
 * runs from its time to the next one's; with day_starts 03:00, "02:00"
 * may follow "22:00" and belongs to the same logical day. */
static void timed_slots(void **state)
{
	(void)state;
	struct rx *rx = load_ok(
	    "version = 1;\nprogram: { title = \"T\"; day_starts = \"03:00\"; };\n"
	    "exercises = ( { id = \"spiro\"; name = \"Spirometer\"; reps = 10;\n"
	    "  at = [\"08:00\", \"10:00\", \"12:00\", \"22:00\", \"02:00\"]; },\n"
	    "  { id = \"nod\"; name = \"Nods\"; at = [\"morning\", \"evening\"]; } );\n");
	const struct rx_exercise *e = &rx->ex[0];
	int ds = 180, m;
	assert_true(rx_timed(e));
	assert_false(rx_timed(&rx->ex[1]));
	assert_true(rx_slot_minutes(e, 4, &m));
	assert_int_equal(m, 120);
	/* Nearest untaken: 09:10 is nearer 10:00; 09:00 is a tie: the
	 * earlier, 08:00; once 08:00 is taken, 10:00. */
	assert_int_equal(rx_slot_nearest(e, 0, 9 * 60 + 10, ds), 1);
	assert_int_equal(rx_slot_nearest(e, 0, 9 * 60, ds), 0);
	assert_int_equal(rx_slot_nearest(e, 1u << 0, 9 * 60, ds), 1);
	/* After midnight, in the same logical day: 01:30 is nearest 02:00,
	 * not 08:00 (6.5 h "later" by the wall clock's minutes). */
	assert_int_equal(rx_slot_nearest(e, 0, 90, ds), 4);
	/* 23:30: 22:00 (1.5 h) before 02:00 (2.5 h). */
	assert_int_equal(rx_slot_nearest(e, 0, 23 * 60 + 30, ds), 3);
	/* Every slot taken: none. */
	assert_int_equal(rx_slot_nearest(e, 0x1F, 90, ds), -1);
	/* The current slot. */
	assert_int_equal(rx_slot_current(e, 7 * 60 + 59, ds), -1);
	assert_int_equal(rx_slot_current(e, 8 * 60, ds), 0);
	assert_int_equal(rx_slot_current(e, 11 * 60 + 59, ds), 1);
	assert_int_equal(rx_slot_current(e, 23 * 60, ds), 3);
	assert_int_equal(rx_slot_current(e, 2 * 60 + 59, ds), 4);
	assert_int_equal(rx_slot_find(e, "12:00"), 2);
	assert_int_equal(rx_slot_find(e, "12:30"), -1);
	rx_free(rx);
	EXPECT_BAD(HEAD "exercises = ( { id = \"a\"; name = \"A\";\n"
	                "  at = [\"08:00\", \"evening\"]; } );\n",
	           "t.cfg:4: 'at' must hold times (\"08:00\") or other labels "
	           "(\"morning\"), not both\n");
	EXPECT_BAD(HEAD "exercises = ( { id = \"a\"; name = \"A\";\n"
	                "  at = [\"10:00\", \"08:00\"]; } );\n",
	           "t.cfg:4: the times of 'at' must rise through the day (it "
	           "starts at 00:00): \"08:00\" cannot follow \"10:00\"\n");
}

/* SPEC 2.2: earned steps, their criteria and the exercise's keys for
 * them are read, the program's advance filling an exercise's. */
static void earned_steps_read(void **state)
{
	(void)state;
	struct rx *rx = load_ok(
	    "version = 1;\nprogram: { title = \"T\"; start = \"2026-11-02\"; "
	    "advance = \"auto\"; };\nexercises = (\n"
	    "{ id = \"a\"; name = \"A\"; reps = 15; load = \"body weight\";\n"
	    "  steps = ( { when = { sessions = 6; pain_at_most = 2; }; "
	    "load = \"+5 kg\"; },\n"
	    "            { when = { sessions = 4; effort_at_most = 7; "
	    "not_before = \"week 6\"; }; load = \"+10 kg\"; } );\n"
	    "  back_off = { pain_above = 5; sessions = 2; }; step = 1; },\n"
	    "{ id = \"b\"; name = \"B\"; reps = 5; advance = \"therapist\";\n"
	    "  steps = ( { when = { sessions = 1; }; reps = 8; } ); },\n"
	    "{ id = \"c\"; name = \"C\"; reps = 5;\n"
	    "  steps = ( { from = \"week 2\"; reps = 8; } ); } );\n");
	const struct rx_exercise *a = &rx->ex[0];
	assert_true(rx_earned(a));
	assert_int_equal(a->n_steps, 2);
	assert_int_equal(a->advance, RX_ADVANCE_AUTO);
	assert_int_equal(a->back_off_pain, 5);
	assert_int_equal(a->back_off_sessions, 2);
	assert_int_equal(a->step_set, 1);
	assert_int_equal(a->when.sessions, 0);
	assert_int_equal(a->steps[0].when.sessions, 6);
	assert_int_equal(a->steps[0].when.pain_at_most, 2);
	assert_int_equal(a->steps[0].when.effort_at_most, -1);
	assert_int_equal(a->steps[1].when.effort_at_most, 7);
	assert_int_equal(a->steps[1].when.pain_at_most, -1);
	assert_string_equal(a->steps[1].when.not_before_label, "week 6");
	cal_day d;
	assert_true(cal_parse_date("2026-12-07", &d));
	assert_int_equal(a->steps[1].when.not_before, d);
	assert_string_equal(a->steps[1].load, "+10 kg");
	assert_int_equal(a->steps[1].advance, RX_ADVANCE_AUTO);
	/* No from: the calendar never brings an earned step in. */
	assert_ptr_equal(rx_on(a, d + 400), a);
	assert_ptr_equal(rx_step(a, 2), &a->steps[1]);
	assert_ptr_equal(rx_step(a, 7), &a->steps[1]); /* clamped */
	assert_ptr_equal(rx_step(a, 0), a);
	char buf[96];
	assert_string_equal(
	    rx_when_text(&a->steps[0].when, false, buf, sizeof buf),
	    "6 sessions with pain \xE2\x89\xA4 2");
	assert_string_equal(
	    rx_when_text(&a->steps[1].when, true, buf, sizeof buf),
	    "4 sessions with effort <= 7, not before 2026-12-07");
	/* Alfredson's "when it is pain-free": pain_at_most = 0. */
	struct rx_when free_of_pain = a->steps[0].when;
	free_of_pain.pain_at_most = 0;
	assert_string_equal(rx_when_text(&free_of_pain, false, buf, sizeof buf),
	                    "6 sessions without pain");
	assert_int_equal(rx->ex[1].advance, RX_ADVANCE_THERAPIST);
	assert_false(rx_earned(&rx->ex[2]));
	assert_int_equal(rx->ex[2].advance, RX_ADVANCE_NONE);
	/* What earns a step is part of the prescription. */
	struct rx *b = load_ok(
	    "version = 1;\nprogram: { title = \"T\"; start = \"2026-11-02\"; "
	    "advance = \"auto\"; };\nexercises = (\n"
	    "{ id = \"a\"; name = \"A\"; reps = 15; load = \"body weight\";\n"
	    "  steps = ( { when = { sessions = 6; pain_at_most = 3; }; "
	    "load = \"+5 kg\"; },\n"
	    "            { when = { sessions = 4; effort_at_most = 7; "
	    "not_before = \"week 6\"; }; load = \"+10 kg\"; } );\n"
	    "  back_off = { pain_above = 5; sessions = 2; }; step = 1; } );\n");
	assert_false(rx_exercise_equal(a, &b->ex[0]));
	rx_free(b);
	rx_free(rx);
}

/* SPEC 2.2 settled point 9: each fault of earned steps at its line. */
static void earned_steps_refused(void **state)
{
	(void)state;
#define PROG                                                                   \
	"version = 1;\nprogram: { title = \"T\"; start = \"2026-11-02\"; };\n" \
	"exercises = (\n"
	EXPECT_BAD(
	    PROG "{ id = \"a\"; name = \"A\"; reps = 1; until = \"week 4\";\n"
	         "  steps = ( { when = { sessions = 0; pain_at_most = 11; "
	         "}; },\n"
	         "    { from = \"week 2\"; },\n"
	         "    { when = { sessions = 3; not_before = \"week 6\"; }; },\n"
	         "    { load = \"z\"; },\n"
	         "    { from = \"week 3\"; when = { sessions = 2; }; } );\n"
	         "  advance = \"sometimes\"; back_off = { pain_above = 10; };"
	         " step = 9; },\n"
	         "{ id = \"b\"; name = \"B\"; reps = 1; advance = \"ask\";\n"
	         "  back_off = { pain_above = 3; sessions = 2; }; step = 1;\n"
	         "  steps = ( { from = \"week 2\"; reps = 2; } ); },\n"
	         "{ id = \"c\"; name = \"C\"; as_needed = true; "
	         "advance = \"ask\";\n"
	         "  steps = ( { when = { sessions = 101; }; reps = 2; } ); } "
	         ");\n",
	    "t.cfg:5: 'sessions' must be a whole number from 1 to 100, not 0\n"
	    "t.cfg:5: 'pain_at_most' must be a whole number from 0 to 10, not 11\n"
	    "t.cfg:6: step 2 is dated but step 1 is earned: the steps "
	    "of an exercise are all dated ('from') or all earned "
	    "('when')\n"
	    "t.cfg:7: step 3's 'not_before' (2026-12-07) is after the "
	    "exercise's 'until' (2026-11-29): it could never be earned\n"
	    "t.cfg:8: step 4 needs a 'from' (a dated step) or a 'when' "
	    "(an earned step)\n"
	    "t.cfg:9: step 5 has both 'from' and 'when': a step is "
	    "dated ('from') or earned ('when'), not both\n"
	    "t.cfg:10: 'advance' must be \"ask\", \"auto\" or "
	    "\"therapist\", not \"sometimes\"\n"
	    "t.cfg:10: 'pain_above' must be a whole number from 0 to 9, not 10\n"
	    "t.cfg:10: 'back_off' needs 'sessions' (1 to 100)\n"
	    "t.cfg:10: 'step' must be 0 to 5 (its steps), not 9\n"
	    "t.cfg:11: 'advance' needs earned steps (steps with "
	    "'when')\n"
	    "t.cfg:12: 'back_off' needs earned steps (steps with "
	    "'when')\n"
	    "t.cfg:12: 'step' needs earned steps (steps with 'when')\n"
	    "t.cfg:14: 'advance' cannot be given to an as-needed "
	    "exercise (never due, it earns no step)\n"
	    "t.cfg:15: 'sessions' must be a whole number from 1 to 100, not 101\n"
	    "t.cfg:15: an as-needed exercise cannot have earned steps "
	    "(never due, it earns no step)\n");
	EXPECT_BAD(PROG "{ id = \"a\"; name = \"A\"; reps = 1;\n"
	                "  steps = ( { when = { pain_at_most = 1; often = 2; "
	                "}; } ); } );\n",
	           "t.cfg:5: unknown setting 'often' in 'when' of step 1\n"
	           "t.cfg:5: 'when' of step 1 needs 'sessions' (1 to 100)\n");
	EXPECT_BAD("version = 1;\nprogram: { title = \"T\"; advance = 1; };\n"
	           "exercises = ( { id = \"a\"; name = \"A\"; reps = 1; } );\n",
	           "t.cfg:2: 'advance' must be a string, not a whole number\n");
#undef PROG
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sample_loads),
	    cmocka_unit_test(timed_slots),
	    cmocka_unit_test(earned_steps_read),
	    cmocka_unit_test(earned_steps_refused),
	    cmocka_unit_test(defaults_and_fields),
	    cmocka_unit_test(effort_target),
	    cmocka_unit_test(every_problem_reported),
	    cmocka_unit_test(wrapping_numbers_refused),
	    cmocka_unit_test(include_and_comments_refused),
	    cmocka_unit_test(bytes_refused),
	    cmocka_unit_test(names_measured_in_columns),
	    cmocka_unit_test(missing_pieces),
	    cmocka_unit_test(dose_text_of_the_new_keys),
	    cmocka_unit_test(tenths_parsed_and_printed),
	    cmocka_unit_test(measures_and_psfs_read),
	    cmocka_unit_test(measure_decimals_as_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
