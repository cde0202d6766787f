#include "hep/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hep/advance.h"
#include "hep/backup.h"
#include "hep/json.h"
#include "hep/paths.h"
#include "hep/record.h"
#include "hep/report.h"
#include "hep/text.h"
#include "cli_impl.h"
#include "hep/util.h"

/* ---- the tables ---------------------------------------------------------- */

#define BIT(o) (1u << (o))

/* Where parsing stores an option: a string (a valued option's value) or
 * a flag in struct cli_opts. */
#define VALUE(m) offsetof(struct cli_opts, m), true
#define FLAG(m)  offsetof(struct cli_opts, m), false

/* Every option once: its name, where its value goes (and whether one
 * follows), the value's name, and (for those every command takes) what
 * `hep --help` says of it. */
static const struct {
	const char *name;
	size_t at; /* the member of struct cli_opts it sets */
	bool valued;
	const char *meta; /* the value's name in --help and usages */
	const char *help; /* NULL: shown in the usage of its commands */
} option_info[OPT_COUNT] = {
    [OPT_CONFIG] = {"--config", VALUE(config), "FILE",
                    "the prescription (else $HEP_CONFIG, else\n"
                    "$XDG_CONFIG_HOME/hep/prescription.cfg, else the "
                    "sample)"},
    [OPT_DB] = {"--db", VALUE(db), "FILE",
                "the data file (else $HEP_DB, else\n"
                "$XDG_DATA_HOME/hep/hep.db)"},
    [OPT_DATE] = {"--date", VALUE(date), "DATE",
                  "the day to show or record, as YYYY-MM-DD"},
    [OPT_JSON] = {"--json", FLAG(json), NULL, "machine-readable output"},
    [OPT_HELP] = {"--help", FLAG(help), NULL, "show this help and exit"},
    [OPT_VERSION] = {"--version", FLAG(version), NULL,
                     "show the version and exit"},
    [OPT_ALL] = {"--all", FLAG(all), NULL, NULL},
    [OPT_QUIET] = {"--quiet", FLAG(quiet), NULL, NULL},
    [OPT_SINCE_VISIT] = {"--since-visit", FLAG(since_visit), NULL, NULL},
    [OPT_PAIN] = {"--pain", VALUE(pain_text), "N", NULL},
    [OPT_PAIN_BEFORE] = {"--pain-before", VALUE(pain_before_text), "N", NULL},
    [OPT_SESSION] = {"--session", VALUE(session_text), "N", NULL},
    [OPT_NOTE] = {"--note", VALUE(note), "TEXT", NULL},
    [OPT_NO_NOTE] = {"--no-note", FLAG(no_note), NULL, NULL},
    [OPT_REASON] = {"--reason", VALUE(reason), "R", NULL},
    [OPT_FORMAT] = {"--format", VALUE(format), "F", NULL},
    [OPT_FROM] = {"--from", VALUE(from), "D", NULL},
    [OPT_TO] = {"--to", VALUE(to), "D", NULL},
    [OPT_EXAMPLE] = {"--example", VALUE(example), "NAME", NULL},
    [OPT_LIST] = {"--list", FLAG(list), NULL, NULL},
    [OPT_ENTRIES_ONLY] = {"--entries-only", FLAG(entries_only), NULL, NULL},
    [OPT_EFFORT] = {"--effort", VALUE(effort_text), "N", NULL},
    [OPT_SLOT] = {"--slot", VALUE(slot), "HH:MM", NULL},
    [OPT_NOW] = {"--now", FLAG(now), NULL, NULL},
    [OPT_BACK] = {"--back", FLAG(back), NULL, NULL},
};

/* Options every command takes. */
#define COMMON                                                                 \
	(BIT(OPT_CONFIG) | BIT(OPT_DB) | BIT(OPT_DATE) | BIT(OPT_HELP) |       \
	 BIT(OPT_VERSION))
/* --json: every command but remind, whose answer is one line and its exit
 * status. */
#define JSON BIT(OPT_JSON)

/* What a command takes after its name: nothing, an exercise id, a file,
 * a measure id and a value, or the PSFS ratings. */
enum cli_arg { ARG_NONE, ARG_ID, ARG_FILE, ARG_MEASURE, ARG_RATINGS };

static int cmd_done(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_undo(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_redo(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_edit(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_log(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_skip(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_export(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_import(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_measure(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_psfs(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_advance(const struct cli_opts *o, struct hep_ctx *ctx);
static int cmd_check(const struct cli_opts *o);

/* A command that only reads the data file, or never opens it (its
 * writes field). */
#define READS NULL

/*
 * A command's usage after its argument: the options it takes besides
 * COMMON and --json, each USE(option), in the order --help shows them,
 * "[--pain N]"; with REQUIRED without brackets ("--reason R"); with OR
 * inside the brackets of the one before ("[--to D | --since-visit]"), or
 * TIGHT_OR ("[--note TEXT|--no-note]"); with ARG_OR beside the argument
 * ("ID|--all").
 */
#define USE(o) ((o) + 1)
enum { REQUIRED = 0x100, OR = 0x200, TIGHT_OR = 0x400, ARG_OR = 0x800 };
#define USE_MAX 6
#define USES(...)                                                              \
	{                                                                      \
		__VA_ARGS__                                                    \
	}

static bool format_of_report(const char *f)
{
	enum report_format rf;
	return report_format_parse(f, &rf);
}

static bool format_of_export(const char *f)
{
	return !strcmp(f, "csv") || !strcmp(f, "json");
}

static const char *export_format_names(char *buf, size_t size)
{
	strfmt(buf, size, "csv or json");
	return buf;
}

/* The rules of a command's options, beside its row. */
struct cli_rules {
	/* --pain and --pain-before may be "none" (its usage: "N|none") */
	bool pain_none;
	unsigned needs_one; /* it needs one of these options */
	/* --format's values: a test, in words, in its usage (or "F") */
	bool (*format_ok)(const char *f);
	const char *(*formats)(char *buf, size_t size);
	const char *format_meta;
	/* a span may end before it starts (the command refuses it as
	 * data, not as a usage error) */
	bool span_any_order;
	bool exit_left; /* its exit 1 means "something is left": errors are 2 */
	/* it writes for today: the "auto" steps follow it (SPEC 2.2) */
	bool steps_follow;
};

static const struct cli_rules writes_today = {.steps_follow = true};

static const struct cli_rules edit_rules = {
    .steps_follow = true,
    .pain_none = true,
    .needs_one = BIT(OPT_PAIN) | BIT(OPT_PAIN_BEFORE) | BIT(OPT_NOTE) |
                 BIT(OPT_NO_NOTE) | BIT(OPT_EFFORT),
};
static const struct cli_rules log_rules = {.span_any_order = true};
static const struct cli_rules remind_rules = {.exit_left = true};
static const struct cli_rules report_rules = {
    .format_ok = format_of_report,
    .formats = report_format_names,
};
static const struct cli_rules export_rules = {
    .format_ok = format_of_export,
    .formats = export_format_names,
    .format_meta = "json|csv",
};

/* Every command once: parsing, dispatch, --help and the rules of its
 * options come from here. */
struct cli_command {
	const char *name;
	int (*run)(const struct cli_opts *o, struct hep_ctx *ctx);
	int (*alone)(const struct cli_opts *o); /* without the data file */
	/* Whether it writes to the data file: what it records, as a write
	 * that gives up on a lock names it ("the session of Quad sets was
	 * not recorded"), or READS. A command that only reads still answers
	 * from a file that cannot be written (SPEC section 6.2). */
	const char *writes;
	unsigned opts; /* besides COMMON and its usage's: JSON or 0 */
	enum cli_arg arg;
	unsigned short use[USE_MAX];   /* its usage's options, 0 after them */
	const char *help;              /* lines for --help */
	const struct cli_rules *rules; /* or NULL: none */
};

static const struct cli_command commands[] = {
    {"today", cmd_today, NULL, READS, JSON, ARG_NONE, USES(0),
     "the day's checklist", NULL},
    {"done", cmd_done, NULL, "session", JSON, ARG_ID,
     USES(USE(OPT_PAIN), USE(OPT_PAIN_BEFORE), USE(OPT_EFFORT), USE(OPT_NOTE),
          USE(OPT_SLOT)),
     "record one session of exercise ID (pain after it\n"
     "and before it, effort, each 0 to 10; the time slot it takes)",
     &writes_today},
    {"undo", cmd_undo, NULL, "undo", JSON, ARG_ID, USES(0),
     "take back the latest session, skip or correction\nof ID that day", NULL},
    {"redo", cmd_redo, NULL, "redo", JSON, ARG_ID, USES(0),
     "bring back what the last undo of ID took back", NULL},
    {"edit", cmd_edit, NULL, "correction", JSON, ARG_ID,
     USES(USE(OPT_SESSION), USE(OPT_PAIN), USE(OPT_PAIN_BEFORE),
          USE(OPT_EFFORT), USE(OPT_NOTE), USE(OPT_NO_NOTE) | TIGHT_OR),
     "correct a session of ID (the latest by default);\n"
     "the old value stays in the diary",
     &edit_rules},
    {"log", cmd_log, NULL, READS, JSON, ARG_NONE,
     USES(USE(OPT_FROM), USE(OPT_TO)),
     "the diary: every entry, oldest first, with when it\n"
     "was made and what it replaced",
     &log_rules},
    {"skip", cmd_skip, NULL, "skip", JSON, ARG_ID,
     USES(USE(OPT_ALL) | ARG_OR, USE(OPT_REASON) | REQUIRED, USE(OPT_PAIN),
          USE(OPT_NOTE)),
     "record why ID was not done (R: rest, pain,\n"
     "sick excuse it; travel, time, other do not)",
     &writes_today},
    {"advance", cmd_advance, NULL, "step", JSON, ARG_ID, USES(USE(OPT_BACK)),
     "take the earned step of ID that is ready, or step\n"
     "back; from today, or tomorrow if ID has anything\n"
     "recorded today",
     &writes_today},
    {"measure", cmd_measure, NULL, "value", JSON, ARG_MEASURE,
     USES(USE(OPT_NOTE)),
     "record a value of measure ID (a second one that\n"
     "day corrects it)",
     &writes_today},
    {"psfs", cmd_psfs, NULL, "PSFS check-in", JSON, ARG_RATINGS, USES(0),
     "rate each PSFS activity, 0 (unable) to 10 (as\n"
     "before the problem), in order",
     &writes_today},
    {"outcomes", cmd_outcomes, NULL, READS, JSON, ARG_NONE,
     USES(USE(OPT_FROM), USE(OPT_TO)),
     "the measures, the PSFS and pain around sessions,\n"
     "first to latest (from the program's start to today)",
     NULL},
    {"week", cmd_week, NULL, READS, JSON, ARG_NONE, USES(0),
     "the week grid, streaks and adherence", NULL},
    {"streak", cmd_streak, NULL, READS, JSON, ARG_NONE, USES(0),
     "current and longest streaks", NULL},
    {"history", cmd_history, NULL, READS, JSON, ARG_NONE, USES(0),
     "the prescription's versions and what changed", NULL},
    {"remind", cmd_remind, NULL, READS, 0, ARG_NONE,
     USES(USE(OPT_QUIET), USE(OPT_NOW)),
     "what is left today, in one line (exit 1 if\n"
     "something is left, 0 if not, 2 on an error;\n"
     "--now: a time slot due now)",
     &remind_rules},
    {"report", cmd_report, NULL, READS, JSON, ARG_NONE,
     USES(USE(OPT_FROM), USE(OPT_TO), USE(OPT_SINCE_VISIT) | OR,
          USE(OPT_FORMAT)),
     "adherence for your therapist (F: text, md,\n"
     "csv, json, html); the last 4 weeks by default",
     &report_rules},
    {"export", cmd_export, NULL, READS, JSON, ARG_NONE, USES(USE(OPT_FORMAT)),
     "the whole record, for a back-up (JSON; CSV is the\n"
     "state only, for a spreadsheet)",
     &export_rules},
    {"import", cmd_import, NULL, "import", JSON, ARG_FILE,
     USES(USE(OPT_ENTRIES_ONLY)),
     "restore a back-up (JSON or CSV; - reads standard\n"
     "input); adds only what is not already there;\n"
     "--entries-only keeps this file's prescription",
     NULL},
    {"check", NULL, cmd_check, READS, JSON, ARG_NONE, USES(0),
     "validate the prescription", NULL},
    {"init", NULL, cmd_init, READS, 0, ARG_NONE,
     USES(USE(OPT_EXAMPLE), USE(OPT_LIST) | OR),
     "write the sample prescription (or a published\n"
     "program, starting today) to your path; --list\n"
     "names the programs",
     NULL},
};

#define N_COMMANDS (sizeof commands / sizeof *commands)

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* c's rules (none when its row has none). */
static const struct cli_rules *rules_of(const struct cli_command *c)
{
	static const struct cli_rules none;
	return c && c->rules ? c->rules : &none;
}

/* The options c takes besides COMMON: its opts and its usage's. */
static unsigned command_opts(const struct cli_command *c)
{
	unsigned opts = c->opts;
	for (size_t i = 0; i < USE_MAX && c->use[i]; i++)
		opts |= BIT((c->use[i] & 0xff) - 1);
	return opts;
}

/* Appends to the text in buf, never past size. */
static void append(char *buf, size_t size, const char *fmt, ...)
    HEP_PRINTF(3, 4);

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* Option k as c's usage writes it: "--pain N", "--pain N|none". */
static void usage_option(const struct cli_command *c, enum cli_option k,
                         char *buf, size_t size)
{
	const char *meta = option_info[k].valued ? option_info[k].meta : NULL;
	if (k == OPT_FORMAT && rules_of(c)->format_meta)
		meta = rules_of(c)->format_meta;
	bool none = rules_of(c)->pain_none &&
	            (k == OPT_PAIN || k == OPT_PAIN_BEFORE || k == OPT_EFFORT);
	strfmt(buf, size, "%s%s%s%s", option_info[k].name, meta ? " " : "",
	       meta ? meta : "", none ? "|none" : "");
}

/* What follows c's name in --help: its argument and its options (from
 * use[] and option_info), each line within 80 columns after "  NAME". */
static void usage_text(const struct cli_command *c, char *buf, size_t size)
{
	static const char *const args[] = {
	    [ARG_NONE] = "",         [ARG_ID] = " ID",
	    [ARG_FILE] = " FILE|-",  [ARG_MEASURE] = " ID VALUE",
	    [ARG_RATINGS] = " N...",
	};
	enum { COLUMNS = 80, INDENT = 7 };
	strfmt(buf, size, "%s", args[c->arg]);
	size_t line = 2 + strlen(c->name) + strlen(buf); /* its width */
	for (size_t i = 0; i < USE_MAX && c->use[i];) {
		char group[96], one[48];
		unsigned u = c->use[i++];
		usage_option(c, (enum cli_option)((u & 0xff) - 1), one,
		             sizeof one);
		if (u & ARG_OR) {
			append(buf, size, "|%s", one);
			line += 1 + strlen(one);
			continue;
		}
		bool brackets = !(u & REQUIRED);
		strfmt(group, sizeof group, "%s%s", brackets ? "[" : "", one);
		while (i < USE_MAX && (c->use[i] & (OR | TIGHT_OR))) {
			unsigned alt = c->use[i++];
			usage_option(c, (enum cli_option)((alt & 0xff) - 1),
			             one, sizeof one);
			append(group, sizeof group, "%s%s",
			       alt & OR ? " | " : "|", one);
		}
		if (brackets)
			append(group, sizeof group, "]");
		if (line + 1 + strlen(group) > COLUMNS) {
			append(buf, size, "\n%*s%s", INDENT, "", group);
			line = INDENT + strlen(group);
		} else {
			append(buf, size, " %s", group);
			line += 1 + strlen(group);
		}
	}
}

/* ---- parsing ------------------------------------------------------------- */

/*
 * The one way a command says what went wrong: "hep: ", the message, a new
 * line, on stderr. fail returns 1 (a refusal), usage_error 2 after a
 * pointer to --help. (The FILE:LINE lines of a prescription or a back-up
 * are lists of their own: print_errors.)
 */
static void vreport(const char *fmt, va_list ap) HEP_PRINTF(1, 0);

static void vreport(const char *fmt, va_list ap)
{
	fputs("hep: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return 1;
}

static int usage_error(const char *fmt, ...) HEP_PRINTF(1, 2);

/* What a value a person meant is written as: "95." is 95, ".5" is 0.5,
 * "92,5" is 92.5; "" for anything else. */
static const char *value_hint(const char *v)
{
	static char hint[64];
	size_t n = strlen(v);
	int32_t t;
	char fixed[32];
	hint[0] = '\0';
	if (n == 0 || n + 2 > sizeof fixed)
		return hint;
	if (v[n - 1] == '.')
		strfmt(fixed, sizeof fixed, "%.*s", (int)n - 1, v);
	else if (v[0] == '.' || (v[0] == '-' && v[1] == '.'))
		strfmt(fixed, sizeof fixed, "%s0%s", v[0] == '-' ? "-" : "",
		       v + (v[0] == '-'));
	else if (strchr(v, ','))
		strfmt(fixed, sizeof fixed, "%s", v);
	else
		return hint;
	char *comma = strchr(fixed, ',');
	if (comma)
		*comma = '.';
	if (rx_tenths_parse(fixed, &t))
		strfmt(hint, sizeof hint, " (write it as %s)", fixed);
	return hint;
}

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	fputs("Try 'hep --help' for more information.\n", stderr);
	return 2;
}

/* The option arg names ("--pain" or "--pain=3"), or OPT_COUNT. */
static enum cli_option find_option(const char *arg)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		size_t n = strlen(option_info[i].name);
		if (strncmp(arg, option_info[i].name, n) == 0 &&
		    (arg[n] == '\0' ||
		     (arg[n] == '=' && option_info[i].valued)))
			return (enum cli_option)i;
	}
	return OPT_COUNT;
}

/* A pain score: 0..10, or with none_ok "none" (-1). False if malformed. */
static bool parse_pain(const char *s, bool none_ok, int *out)
{
	if (none_ok && strcmp(s, "none") == 0) {
		*out = -1;
		return true;
	}
	char *end;
	errno = 0;
	long p = strtol(s, &end, 10);
	if (errno || *end || end == s || p < 0 || p > 10 || *s == '-' ||
	    *s == '+' || *s == ' ')
		return false;
	*out = (int)p;
	return true;
}

/* Stores option k (its value val) where option_info says. */
static void set_option(struct cli_opts *o, enum cli_option k, const char *val)
{
	char *at = (char *)o + option_info[k].at;
	if (option_info[k].valued)
		memcpy(at, &val, sizeof val); /* a const char * member */
	else
		*(bool *)(void *)at = true;
}

/* The commands that take option k, as "'a' or 'b'", into buf. */
static void takers(enum cli_option k, char *buf, size_t size)
{
	size_t n = 0, seen = 0;
	for (size_t i = 0; i < N_COMMANDS; i++)
		n += (command_opts(&commands[i]) & BIT(k)) != 0;
	buf[0] = '\0';
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (!(command_opts(&commands[i]) & BIT(k)))
			continue;
		seen++;
		strfmt(buf + strlen(buf), size - strlen(buf), "%s'%s'",
		       seen == 1   ? ""
		       : seen == n ? " or "
		                   : ", ",
		       commands[i].name);
	}
}

/* A note on the command line: UTF-8, no control character and at most
 * TEXT_NOTE_MAX bytes (SPEC section 6.2); 0, or a usage error. */
static int check_note(const char *note)
{
	char why[160];
	if (!text_utf8_valid(note, strlen(note), NULL))
		return usage_error("--note is not valid UTF-8");
	if (!text_check(note, "a note", TEXT_NOTE_MAX, why, sizeof why))
		return usage_error("%s", why);
	return 0;
}

/* A session number, 1 to 999; false if malformed. */
static bool parse_session(const char *s, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || *end || end == s || n < 1 || n > 999 || *s == '+')
		return false;
	*out = (int)n;
	return true;
}

/* The names of the options in mask, as "--a, --b or --c", into buf. */
static const char *option_names(unsigned mask, char *buf, size_t size)
{
	size_t n = 0, seen = 0;
	for (int k = 0; k < OPT_COUNT; k++)
		n += (mask & BIT(k)) != 0;
	buf[0] = '\0';
	for (int k = 0; k < OPT_COUNT; k++)
		if (mask & BIT(k))
			append(buf, size, "%s%s",
			       ++seen == 1 ? ""
			       : seen == n ? " or "
			                   : ", ",
			       option_info[k].name);
	return buf;
}

/* The checks of the options' own values. */
static int check_options(struct cli_opts *o)
{
	const struct cli_command *c = o->cmd;
	const struct cli_rules *rules = rules_of(c);
	bool none = rules->pain_none;
	if (o->date && !cal_parse_date(o->date, &o->day))
		return usage_error(
		    "--date needs a real date as YYYY-MM-DD, not '%s'",
		    QUOTE(o->date));
	if (o->pain_text && !parse_pain(o->pain_text, none, &o->pain))
		return usage_error(
		    "--pain needs a whole number from 0 to 10%s, "
		    "not '%s'",
		    none ? " or none" : "", QUOTE(o->pain_text));
	if (o->pain_before_text &&
	    !parse_pain(o->pain_before_text, none, &o->pain_before))
		return usage_error("--pain-before needs a whole number from 0 "
		                   "to 10%s, not '%s'",
		                   none ? " or none" : "",
		                   QUOTE(o->pain_before_text));
	if (o->effort_text && !parse_pain(o->effort_text, none, &o->effort))
		return usage_error("--effort needs a whole number from 0 to "
		                   "10%s, not '%s'",
		                   none ? " or none" : "",
		                   QUOTE(o->effort_text));
	if (o->session_text && !parse_session(o->session_text, &o->session))
		return usage_error("--session needs a session number from 1, "
		                   "not '%s'",
		                   QUOTE(o->session_text));
	enum skip_reason r;
	char reasons[80];
	if (o->reason && !skip_reason_parse(o->reason, &r))
		return usage_error(
		    "--reason must be %s, not '%s'",
		    skip_reasons_text(", ", " or ", reasons, sizeof reasons),
		    QUOTE(o->reason));
	char names[64];
	if (o->format && rules->format_ok && !rules->format_ok(o->format))
		return usage_error("--format for '%s' is %s, not '%s'", c->name,
		                   rules->formats(names, sizeof names),
		                   QUOTE(o->format));
	if ((o->to || o->from) && o->since_visit)
		return usage_error("--%s and --since-visit cannot be combined",
		                   o->to ? "to" : "from");
	o->from_day = o->to_day = CAL_NONE;
	if (o->from && !cal_parse_date(o->from, &o->from_day))
		return usage_error(
		    "--from needs a real date as YYYY-MM-DD, not '%s'",
		    QUOTE(o->from));
	if (o->to && !cal_parse_date(o->to, &o->to_day))
		return usage_error(
		    "--to needs a real date as YYYY-MM-DD, not '%s'",
		    QUOTE(o->to));
	/* For log, a span that ends before it starts is refused data
	 * (exit 1, in cmd_log); for report, a usage error. */
	if (o->from && o->to && o->to_day < o->from_day &&
	    !rules->span_any_order)
		return usage_error("--to is before --from");
	return 0;
}

/* The checks of the arguments, and of what the command needs. */
static int check_arguments(struct cli_opts *o)
{
	const struct cli_command *c = o->cmd;
	const char *cmd = c ? c->name : "";
	if (c && c->arg == ARG_FILE && !o->id)
		return usage_error("'%s' needs a file", cmd);
	if (c && c->arg == ARG_MEASURE &&
	    (o->n_args != 2 || !rx_tenths_parse(o->args[1], &o->value)))
		return usage_error(
		    o->n_args < 2
		        ? "'%s' needs a measure id and a value"
		        : "'%s' needs a value as a number with at most "
		          "one decimal place (such as 92.5), not '%s'%s",
		    cmd, o->n_args < 2 ? "" : QUOTE(o->args[1]),
		    o->n_args < 2 ? "" : value_hint(o->args[1]));
	if (c && c->arg == ARG_RATINGS) {
		if (o->n_args == 0)
			return usage_error("'%s' needs a rating, 0 to 10, for "
			                   "each PSFS activity",
			                   cmd);
		for (size_t i = 0; i < o->n_args; i++)
			if (!parse_pain(o->args[i], false, &o->rating[i]))
				return usage_error(
				    "a PSFS rating is a whole number from 0 "
				    "(unable) to 10, not '%s'",
				    QUOTE(o->args[i]));
	}
	if (c && c->arg == ARG_ID && !o->id && !o->all)
		return usage_error("'%s' needs an exercise id", cmd);
	if (o->id && (!c || c->arg == ARG_NONE))
		return usage_error("unexpected argument '%s'", QUOTE(o->id));
	for (size_t i = 0; c && i < USE_MAX && c->use[i]; i++) {
		enum cli_option k = (enum cli_option)((c->use[i] & 0xff) - 1);
		char reasons[80];
		if ((c->use[i] & REQUIRED) && !(o->given & BIT(k)))
			return usage_error("'%s' needs %s %s", cmd,
			                   option_info[k].name,
			                   skip_reasons_text("|", "|", reasons,
			                                     sizeof reasons));
	}
	if (o->all && o->id)
		return usage_error("'%s' takes an id or --all, not both", cmd);
	if (o->note && o->no_note)
		return usage_error("--note and --no-note cannot be combined");
	char names[96];
	unsigned needs = rules_of(c)->needs_one;
	if (needs && !(o->given & needs))
		return usage_error("'%s' needs what to correct: %s", cmd,
		                   option_names(needs, names, sizeof names));
	return o->note ? check_note(o->note) : 0;
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
	memset(o, 0, sizeof *o);
	o->pain = o->pain_before = o->effort = -1;
	o->day = CAL_NONE;
	const char *bad_option = NULL, *extra = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		/* A negative number is a value (hep measure ID -3.5; "-.5"
		 * too, to be told how to write it). */
		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0' ||
		    (a[1] >= '0' && a[1] <= '9') || a[1] == '.') {
			if (!o->command)
				o->command = a;
			else if (o->n_args < sizeof o->args / sizeof *o->args)
				o->args[o->n_args++] = a;
			else if (!extra)
				extra = a;
			continue;
		}
		enum cli_option k =
		    strcmp(a, "-h") == 0 ? OPT_HELP : find_option(a);
		if (k == OPT_COUNT) {
			if (!bad_option)
				bad_option = a;
			continue;
		}
		char *val = NULL;
		if (option_info[k].valued) {
			size_t n = strlen(option_info[k].name);
			if (a[n] == '=')
				val = argv[i] + n + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return usage_error("option '%s' needs a value",
				                   option_info[k].name);
		}
		if (k == OPT_NOTE)
			text_lf(val); /* a note is stored with LF alone */
		o->given |= BIT(k);
		set_option(o, k, val);
	}
	if (o->help || o->version) {
		/* `hep COMMAND --help`: that command's own help (an unknown
		 * one: the whole help). */
		o->cmd = o->command ? find_command(o->command) : NULL;
		return 0;
	}
	/* An unknown option first: its value is then the stray argument. */
	if (bad_option)
		return usage_error("unknown option '%s'", QUOTE(bad_option));
	if (o->command && !(o->cmd = find_command(o->command)))
		return usage_error("unknown command '%s'", QUOTE(o->command));
	/* One argument (an id, a file), two (a measure and its value), or
	 * one rating per PSFS activity. */
	size_t takes = !o->cmd                      ? 1
	               : o->cmd->arg == ARG_MEASURE ? 2
	               : o->cmd->arg == ARG_RATINGS ? o->n_args
	                                            : 1;
	o->id = o->n_args ? o->args[0] : NULL;
	if (!extra && o->n_args > takes)
		extra = o->args[takes];
	if (extra)
		return usage_error("unexpected argument '%s'", QUOTE(extra));
	unsigned allowed = COMMON | (o->cmd ? command_opts(o->cmd) : 0);
	for (int k = 0; k < OPT_COUNT; k++) {
		if (!(o->given & BIT(k)) || (allowed & BIT(k)))
			continue;
		/* (--json without a command: the screen has none either) */
		if (k == OPT_JSON && o->cmd)
			return usage_error("'%s' has no --json: its answer is "
			                   "one line and its exit status",
			                   o->cmd->name);
		char who[400];
		takers((enum cli_option)k, who, sizeof who);
		return usage_error("%s goes with %s", option_info[k].name, who);
	}
	int rc = check_options(o);
	return rc ? rc : check_arguments(o);
}

bool cli_alone(const struct cli_opts *o)
{
	return o->cmd && o->cmd->alone;
}

int cli_run_alone(const struct cli_opts *o)
{
	return o->cmd->alone(o);
}

int cli_error_status(const struct cli_opts *o, int rc)
{
	/* remind's 1 means "something is left": any error is 2 there. */
	return rules_of(o->cmd)->exit_left ? 2 : rc;
}

int cli_finish(const struct cli_opts *o, int rc)
{
	/* Failed already, and said why (remind's 1 means "left"). */
	bool failed = rc != 0 && !(rc == 1 && rules_of(o->cmd)->exit_left);
	errno = 0;
	if ((fflush(stdout) == 0 && !ferror(stdout)) || failed)
		return rc;
	cli_fail("cannot write the output: %s", strerror(errno ? errno : EIO));
	return cli_error_status(o, 1);
}

/* Reads the clock; returns the malformed value (or NULL when fine). */
static const char *read_clock(struct cal_now *now, char *buf, size_t size)
{
	const char *v = getenv("HEP_NOW");
#ifdef HEP_TEST_HOOKS
	/* Test seam (test builds only): HEP_NOW_FILE names a file holding a
	 * HEP_NOW value, read at every reading of the clock, so that a test
	 * can move the clock of a running screen (across day_starts, say). */
	const char *file = getenv("HEP_NOW_FILE");
	if (file && *file) {
		FILE *f = fopen(file, "r");
		size_t n = f ? fread(buf, 1, size - 1, f) : 0;
		if (f)
			fclose(f);
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
			n--;
		buf[n] = '\0';
		v = buf;
	}
#else
	(void)buf;
	(void)size;
#endif
	if (v && *v)
		return cal_parse_now(v, now) ? NULL : v;
	cal_now_read(now);
	return NULL;
}

int cli_clock(struct cal_now *now)
{
	char buf[32];
	const char *bad = read_clock(now, buf, sizeof buf);
	if (bad) {
		cli_fail(
		    "HEP_NOW must be YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, "
		    "not '%s'",
		    QUOTE(bad));
		return 2;
	}
	return 0;
}

int cli_clock_quiet(struct cal_now *now)
{
	char buf[32];
	return read_clock(now, buf, sizeof buf) ? 2 : 0;
}

/* Prints text whose lines after the first are indented by indent. */
static void print_lines(const char *text, int indent)
{
	for (const char *p = text; *p; p++) {
		fputc(*p, stdout);
		if (*p == '\n')
			printf("%*s", indent, "");
	}
	fputc('\n', stdout);
}

/* The options with a help line of their own that go with a command
 * taking allowed, one a line. */
static void print_options(unsigned allowed)
{
	for (int k = 0; k < OPT_COUNT; k++) {
		if (!option_info[k].help || !(allowed & BIT(k)))
			continue;
		char head[64];
		strfmt(head, sizeof head, "  %s%s%s", option_info[k].name,
		       option_info[k].meta ? " " : "",
		       option_info[k].meta ? option_info[k].meta : "");
		printf("%-18s", head);
		print_lines(option_info[k].help, 18);
	}
}

/* `hep COMMAND --help`: c's usage, what it does, the options it takes. */
static void command_help(const struct cli_command *c)
{
	char usage[160];
	usage_text(c, usage, sizeof usage);
	printf("Usage: hep %s", c->name);
	print_lines(usage, 0);
	fputs("  ", stdout);
	print_lines(c->help, 2);
	fputs("\nOptions:\n", stdout);
	print_options(COMMON | command_opts(c));
}

void cli_help(const struct cli_opts *o)
{
	enum { COL = 29 }; /* where the help of a command starts */
	if (o->cmd) {
		command_help(o->cmd);
		return;
	}
	fputs("Usage: hep [COMMAND] [OPTIONS]\n"
	      "Your home exercise program: today's checklist, ticked off as "
	      "you go.\n"
	      "\n"
	      "With no command, hep opens the Today screen.\n"
	      "\n"
	      "Commands:\n",
	      stdout);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct cli_command *c = &commands[i];
		char usage[160], head[176];
		usage_text(c, usage, sizeof usage);
		strfmt(head, sizeof head, "  %s%s", c->name, usage);
		if (strchr(head, '\n') || (int)strlen(head) > COL - 1) {
			print_lines(head, 2);
			printf("%*s", COL, "");
		} else {
			printf("%-*s", COL, head);
		}
		print_lines(c->help, COL);
	}
	fputs("\nOptions:\n", stdout);
	print_options(~0u);
	fputs("\n"
	      "Exit status: 0 success, 1 refused or invalid data, 2 usage "
	      "error.\n"
	      "HEP_NOW=YYYY-MM-DDTHH:MM[:SS] sets the clock (for tests).\n",
	      stdout);
}

void cli_version(void)
{
	fputs("hep " HEP_VERSION "\n", stdout);
}

/* The prescription's faults, one a line; a quoted value's "…" is "..."
 * where the locale is not UTF-8 (SPEC 2.2). */
static void print_errors(struct rx_errors *errs)
{
	bool ascii = text_locale_ascii();
	for (size_t i = 0; i < errs->n; i++) {
		char *line = ascii ? text_quote_ascii(errs->msgs[i]) : NULL;
		fprintf(stderr, "%s\n", line ? line : errs->msgs[i]);
		free(line);
	}
}

/* The prescription (NULL, told, when it cannot be read; *sample: it is
 * the bundled one), and then the data file's path in *db (the caller's to
 * free; NULL, with why in dberr, when there is none). */
static struct rx *load_rx(const struct cli_opts *o, bool *sample, char **db,
                          char *dberr, size_t dberrlen)
{
	*db = NULL;
	char err[512];
	char *path = paths_config(o->config, sample, err, sizeof err);
	if (!path) {
		cli_fail("%s", err);
		return NULL;
	}
	struct rx *rx;
	struct rx_errors errs = {0};
	if (rx_load(path, &rx, &errs) != 0)
		print_errors(&errs);
	rx_errors_free(&errs);
	free(path);
	if (rx)
		*db = paths_db(o->db, dberr, dberrlen);
	return rx;
}

static int cmd_check(const struct cli_opts *o)
{
	bool sample;
	/* An id keeps its kind: asked of the data file, read-only. */
	char err[512], *db;
	struct rx *rx = load_rx(o, &sample, &db, err, sizeof err);
	if (!rx)
		return 1;
	bool *known = xcalloc(rx->n_ex, sizeof *known);
	enum rx_kind *kinds = xcalloc(rx->n_ex, sizeof *kinds);
	int bad = 0;
	if (db && store_peek_kinds(db, rx->ex, rx->n_ex, known, kinds, err,
	                           sizeof err) != 0)
		bad = cli_fail("%s", err);
	for (size_t i = 0; db && !bad && i < rx->n_ex; i++)
		if (known[i] && kinds[i] != rx_kind(&rx->ex[i]))
			bad = cli_fail(
			    "%s: exercise \"%s\" was recorded as a %s "
			    "exercise; give the %s version a new id",
			    rx->path, rx->ex[i].id, rx_kind_name(kinds[i]),
			    rx_kind_name(rx_kind(&rx->ex[i])));
	free(db);
	free(known);
	free(kinds);
	if (bad) {
		rx_free(rx);
		return 1;
	}
	printf("%s: ok, %zu exercise%s", rx->path, rx->n_ex,
	       rx->n_ex == 1 ? "" : "s");
	/* What it asks to measure, too (SPEC section 8). */
	const struct rx_program *p = &rx->program;
	if (p->n_measures)
		printf(", %zu measure%s", p->n_measures,
		       p->n_measures == 1 ? "" : "s");
	if (p->n_psfs)
		printf(", the PSFS (%zu activit%s)", p->n_psfs,
		       p->n_psfs == 1 ? "y" : "ies");
	printf("%s\n", sample ? " (the bundled sample)" : "");
	rx_free(rx);
	return 0;
}

/* ---- waiting for the data file ------------------------------------------ */

/* Set when a write gave up waiting for another program's lock. */
static bool gave_up;

/* The command line's waiter (SPEC section 6.2): a wait is said on stderr
 * after a second; a give-up is remembered (arg: gave_up), so that the
 * failure names what was not recorded. */
static void waited(void *arg, enum store_wait what)
{
	if (what == STORE_WAITING)
		fputs("hep: waiting for the data file: another program holds "
		      "it\n",
		      stderr);
	else
		*(bool *)arg = true;
}

static const struct store_waiter cli_waiter = {waited, &gave_up};

/* The name rx gives the exercise or measure id, or id itself (escaped)
 * when it names neither; NULL for a NULL id. */
static const char *name_of(const struct rx *rx, const char *id, char *buf,
                           size_t size)
{
	if (!id)
		return NULL;
	const struct rx_exercise *e = rx_find(rx->ex, rx->n_ex, id);
	if (e)
		return e->name;
	for (size_t i = 0; i < rx->program.n_measures; i++)
		if (strcmp(rx->program.measures[i].id, id) == 0)
			return rx->program.measures[i].name;
	return text_escape(id, false, buf, size);
}

/* A write of o's command that gave up on a lock: why, and what it did
 * not record (of name, or NULL). Returns 1. */
static int not_recorded(const struct cli_opts *o, const char *name,
                        const char *why)
{
	if (o->cmd->arg == ARG_FILE)
		return cli_fail("%s; nothing was imported", why);
	char msg[640];
	ctx_not_recorded(why, o->cmd->writes, name, msg, sizeof msg);
	return cli_fail("%s", msg);
}

int cli_open(const struct cli_opts *o, const struct cal_now *now,
             struct hep_ctx *ctx)
{
	bool sample;
	char err[512], *db;
	struct rx *rx = load_rx(o, &sample, &db, err, sizeof err);
	if (!rx)
		return 1;
	if (!db) {
		rx_free(rx);
		return cli_fail("%s", err);
	}
	enum store_mode mode =
	    o->cmd && o->cmd->writes == READS ? STORE_READ : STORE_WRITE;
	/* Named now: ctx_open frees rx when it fails. */
	char buf[4 * RX_ID_MAX + 8], name[256] = "";
	if (o->cmd && o->cmd->writes && o->id)
		strfmt(name, sizeof name, "%s",
		       name_of(rx, o->id, buf, sizeof buf));
	int rc = ctx_open(ctx, rx, sample, db, now, mode, &cli_waiter, err,
	                  sizeof err);
	free(db);
	/* --date may ask for a week older than the streak mark. */
	if (rc == 0 && o->day != CAL_NONE &&
	    ctx_cover(ctx, cal_week_start(o->day, ctx->hist.week_starts), err,
	              sizeof err) != 0) {
		ctx_close(ctx);
		rc = -1;
	}
	if (rc != 0 && gave_up && o->cmd && o->cmd->writes)
		return not_recorded(o, name[0] ? name : NULL, err);
	if (rc != 0)
		return cli_fail("%s", err);
	ctx->ascii = text_locale_ascii(); /* every text written (SPEC 2.1) */
	/* Said once, and the command answers all the same (SPEC 6.2). */
	const char *why = store_read_only(ctx->store);
	if (why)
		cli_fail(
		    "the data file cannot be written (%s); today's check of "
		    "the prescription was not stored",
		    why);
	return 0;
}

/* ---- writes ------------------------------------------------------------ */

/* The outcome of a write of id (or NULL): its message, and the pain
 * advice if a pain above the limit was just recorded (stdout, exit 0: SPEC
 * 2.1); given up on a lock, what was not recorded (SPEC 6.2). */
static int written(const struct cli_opts *o, struct hep_ctx *ctx,
                   const char *id, enum record_result r, const char *msg)
{
	if (r == REC_OK) {
		printf("%s\n", msg);
		if (ctx->advice[0])
			printf("%s\n", ctx->advice);
		ctx->advice[0] = '\0';
		return 0;
	}
	if (r == REC_FAILED && gave_up) {
		char buf[4 * RX_ID_MAX + 8];
		return not_recorded(o, name_of(ctx->rx, id, buf, sizeof buf),
		                    store_error(ctx->store));
	}
	cli_fail("%s", msg);
	return 1;
}

/* The day a write is for: --date, else today. */
static cal_day write_day(const struct cli_opts *o, const struct hep_ctx *ctx)
{
	return o->day != CAL_NONE ? o->day : ctx->today;
}

static int cmd_done(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	struct record_rating rate = {o->pain, o->pain_before, o->effort};
	return written(o, ctx, o->id,
	               record_done_rated(ctx, o->id, write_day(o, ctx), &rate,
	                                 o->note, o->slot, msg, sizeof msg),
	               msg);
}

static int cmd_measure(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	return written(o, ctx, o->id,
	               record_measure(ctx, o->id, write_day(o, ctx), o->value,
	                              o->note, msg, sizeof msg),
	               msg);
}

static int cmd_psfs(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	size_t want = ctx->rx->program.n_psfs;
	if (want && o->n_args != want)
		return usage_error("%zu rating%s for %zu PSFS activit%s: one "
		                   "rating, 0 to 10, for each, in order",
		                   o->n_args, o->n_args == 1 ? "" : "s", want,
		                   want == 1 ? "y" : "ies");
	return written(o, ctx, NULL,
	               record_psfs(ctx, write_day(o, ctx), o->rating, o->n_args,
	                           msg, sizeof msg),
	               msg);
}

static int cmd_advance(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	if (o->day != CAL_NONE && o->day != ctx->today) {
		cli_fail("a step is taken for today only, not with --date");
		return 1;
	}
	return written(o, ctx, o->id,
	               advance_take(ctx, o->id, o->back, msg, sizeof msg), msg);
}

/* After a command that wrote for today (SPEC 2.2 point 3): the "auto"
 * steps that are ready, taken and said after the command's own line. */
static void steps_follow(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char said[1024], err[256];
	bool any = false;
	for (size_t i = 0; i < ctx->rx->n_ex; i++)
		any = any || ctx->rx->ex[i].advance == RX_ADVANCE_AUTO;
	if (!any || (o->day != CAL_NONE && o->day != ctx->today))
		return;
	if (ctx_refresh(ctx, &ctx->now, err, sizeof err) != 0 ||
	    advance_auto(ctx, said, sizeof said, err, sizeof err) != 0) {
		cli_fail("%s", err);
		return;
	}
	if (said[0] && !o->json)
		printf("%s\n", said);
}

static int cmd_undo(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	return written(
	    o, ctx, o->id,
	    record_undo(ctx, o->id, write_day(o, ctx), msg, sizeof msg), msg);
}

static int cmd_redo(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	return written(
	    o, ctx, o->id,
	    record_redo(ctx, o->id, write_day(o, ctx), msg, sizeof msg), msg);
}

static int cmd_edit(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	struct record_fix fix = {o->session,     0,       o->pain,
	                         o->pain_before, o->note, o->effort};
	if (o->given & BIT(OPT_PAIN))
		fix.fixes |= FIX_PAIN;
	if (o->given & BIT(OPT_PAIN_BEFORE))
		fix.fixes |= FIX_PAIN_BEFORE;
	if (o->given & BIT(OPT_EFFORT))
		fix.fixes |= FIX_EFFORT;
	if (o->note || o->no_note)
		fix.fixes |= FIX_NOTE;
	return written(
	    o, ctx, o->id,
	    record_edit(ctx, o->id, write_day(o, ctx), &fix, msg, sizeof msg),
	    msg);
}

static int cmd_skip(const struct cli_opts *o, struct hep_ctx *ctx)
{
	enum skip_reason reason;
	skip_reason_parse(o->reason, &reason);
	cal_day day = write_day(o, ctx);
	char msg[512];
	if (!o->all)
		return written(o, ctx, o->id,
		               record_skip(ctx, o->id, day, reason, o->pain,
		                           o->note, msg, sizeof msg),
		               msg);
	struct day_item *items;
	size_t n;
	progress_day(&ctx->hist, day, &items, &n);
	int skipped = 0, rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* What is left, as remind says: not an as-needed exercise,
		 * nor a per-week one whose week is met. */
		if (!progress_left(&items[i]))
			continue;
		enum record_result r =
		    record_skip(ctx, items[i].ex->id, day, reason, o->pain,
		                o->note, msg, sizeof msg);
		if (r == REC_FAILED)
			rc = written(o, ctx, items[i].ex->id, r, msg);
		else if (r == REC_OK)
			skipped +=
			    written(o, ctx, items[i].ex->id, r, msg) == 0;
	}
	free(items);
	if (rc == 0 && skipped == 0) {
		cli_fail("nothing left to skip on that day");
		rc = 1;
	}
	return rc;
}

static int cmd_export(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	/* The whole record by default (SPEC section 6.2): JSON. */
	bool json = !o->format || strcmp(o->format, "csv") != 0;
	if (backup_export(ctx, stdout, json, msg, sizeof msg) != 0) {
		cli_fail("%s", msg);
		return 1;
	}
	return 0;
}

static int cmd_import(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char msg[512];
	struct rx_errors errs = {0};
	bool csv;
	int rc = backup_import(ctx, o->id, o->entries_only, &errs, msg,
	                       sizeof msg, &csv);
	if (rc != 0 && gave_up) {
		rx_errors_free(&errs);
		return not_recorded(o, NULL, store_error(ctx->store));
	}
	print_errors(&errs);
	rx_errors_free(&errs);
	if (rc != 0)
		return 1;
	printf("%s\n", msg);
	if (csv)
		fputs(
		    "hep: a CSV back-up holds the state only: not the diary's "
		    "undo, redo and corrections, the pain before, the "
		    "lateness of skips, the measures, the PSFS or the "
		    "prescription's versions; 'hep export' (JSON) keeps them "
		    "all\n",
		    stderr);
	/* Re-read: this walks the imported years once and stores a streak
	 * mark, so the next start does not. */
	char err[512];
	if (ctx_refresh(ctx, &ctx->now, err, sizeof err) != 0)
		cli_fail("%s", err);
	return 0;
}

/* ---- log ---------------------------------------------------------------- */

struct log_walk {
	struct hep_ctx *ctx;
	bool json;
	size_t n;
};

static void log_text(struct log_walk *w, const struct diary_entry *e)
{
	char day[CAL_DATE_LEN], made[CAL_DATE_LEN], what[1200];
	struct cal_now at;
	cal_now_at(e->made_utc, &at);
	/* The line shows when it was made: a late entry says only "(late)". */
	record_describe(w->ctx, e, false, what, sizeof what);
	printf("%5lld  %s %02d:%02d  for %s  %s  %s\n", (long long)e->seq,
	       cal_format(at.date, made), at.minute / 60, at.minute % 60,
	       cal_format(e->day, day),
	       e->kind == ENTRY_PSFS ? "psfs" : e->exercise, what);
}

static int log_entry(void *arg, const struct diary_entry *e)
{
	struct log_walk *w = arg;
	if (w->json) {
		fputs(w->n ? ",\n  " : "\n  ", stdout);
		backup_write_entry(stdout, e, e->seq);
	} else {
		log_text(w, e);
	}
	w->n++;
	return 0;
}

static int cmd_log(const struct cli_opts *o, struct hep_ctx *ctx)
{
	cal_day from = o->from_day != CAL_NONE ? o->from_day : CAL_FIRST;
	cal_day to = o->to_day != CAL_NONE ? o->to_day : CAL_LAST;
	if (to < from) {
		cli_fail("--to is before --from");
		return 1;
	}
	struct log_walk w = {ctx, o->json, 0};
	if (o->json)
		fputs("{\"entries\": [", stdout);
	if (store_each_diary(ctx->store, from, to, log_entry, &w) != 0) {
		fflush(stdout);
		cli_fail("%s", store_error(ctx->store));
		return 1;
	}
	if (o->json)
		fputs("]}\n", stdout);
	else if (w.n == 0)
		puts(o->from || o->to
		         ? "The diary has no entries for those days."
		         : "The diary is empty: nothing recorded yet.");
	return 0;
}

int cli_run(const struct cli_opts *o, struct hep_ctx *ctx)
{
	/* A clock behind the record (SPEC section 6.2): a write is refused
	 * with it (record.c, backup.c say so); a read answers, and says it. */
	if (ctx->clock_behind[0] && !o->cmd->writes)
		cli_fail("%s", ctx->clock_behind);
	int rc = o->cmd->run(o, ctx);
	if (rc == 0 && rules_of(o->cmd)->steps_follow)
		steps_follow(o, ctx);
	return rc;
}
