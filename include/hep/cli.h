/*
 * cli: the command line (SPEC section 4): parsing, and the commands that
 * print text or JSON. Every command is one row of a table in cli.c (its
 * name, handler, the options it takes, its argument, its usage line and
 * help), and parsing, dispatch and `hep --help` are made from that table.
 * Exit status: 0 success, 1 refused or invalid data, 2 usage error.
 */
#ifndef HEP_CLI_H
#define HEP_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "hep/calendar.h"
#include "hep/context.h"

struct cli_command; /* a row of the command table */

struct cli_opts {
	const char *command; /* NULL: open the screen */
	const struct cli_command *cmd;
	const char *id; /* the exercise or measure id, or import's file */
	/* What follows the command's first argument: measure's value, or
	 * psfs's ratings (all of them, id included, in args). */
	const char *args[8];
	size_t n_args;
	int32_t value; /* measure: the value in whole tenths */
	int rating[8]; /* psfs: the ratings, 0..10 */
	const char *config;
	const char *db;
	const char *date;
	bool json;
	bool help;
	bool version;
	bool all;
	bool quiet;
	unsigned given; /* which options were given (1 << enum cli_option) */
	/* --pain, --pain-before and --session as given (or NULL), which
	 * cli_parse checks into pain, pain_before and session. */
	const char *pain_text, *pain_before_text, *session_text;
	int pain;        /* 0..10, -1 when not given or "none" */
	int pain_before; /* the same */
	int session;     /* --session N, 0 when not given */
	/* --effort as given (or NULL), checked into effort: 0..10 (Borg
	 * CR10), -1 when not given or "none" (SPEC 2.2). */
	const char *effort_text;
	int effort;
	const char *note;
	bool no_note;
	const char *reason;
	const char *format;    /* --format, or NULL */
	const char *from, *to; /* report or log span, or NULL */
	cal_day from_day, to_day;
	bool since_visit;
	const char *example; /* init --example NAME, or NULL */
	bool list;           /* init --list */
	bool entries_only;   /* import --entries-only (SPEC 6.2) */
	const char *slot;    /* done --slot HH:MM (SPEC 2.2), or NULL */
	bool now;            /* remind --now: only a current slot (SPEC 2.2) */
	bool back;           /* advance --back: step back (SPEC 2.2) */
	cal_day day;         /* --date parsed, or CAL_NONE */
};

/* The options, each named once (their table is in cli.c). */
enum cli_option {
	OPT_CONFIG,
	OPT_DB,
	OPT_DATE,
	OPT_JSON,
	OPT_HELP,
	OPT_VERSION,
	OPT_ALL,
	OPT_QUIET,
	OPT_SINCE_VISIT,
	OPT_PAIN,
	OPT_PAIN_BEFORE,
	OPT_SESSION,
	OPT_NOTE,
	OPT_NO_NOTE,
	OPT_REASON,
	OPT_FORMAT,
	OPT_FROM,
	OPT_TO,
	OPT_EXAMPLE,
	OPT_LIST,
	OPT_ENTRIES_ONLY,
	OPT_EFFORT,
	OPT_SLOT,
	OPT_NOW,
	OPT_BACK,
	OPT_COUNT
};

/* Parses argv; returns 0, or 2 after printing a usage error. */
int cli_parse(int argc, char **argv, struct cli_opts *o);

/* The clock: HEP_NOW if set, else the system clock. Returns 0, or 2 after
 * printing an error for a malformed HEP_NOW. */
int cli_clock(struct cal_now *now);

/* As cli_clock, printing nothing (for the screen, which reads it often). */
int cli_clock_quiet(struct cal_now *now);

/* `hep --help`: every command, its usage and the options every command
 * takes; with a command parsed (`hep report --help`), only its own usage,
 * what it does and the options it takes. */
void cli_help(const struct cli_opts *o);
void cli_version(void);

/* True if the parsed command runs without the data file (check, init);
 * cli_run_alone runs it and returns the exit status. */
bool cli_alone(const struct cli_opts *o);
int cli_run_alone(const struct cli_opts *o);

/* The exit status for an error before the command ran: 2 for remind,
 * whose 1 means "something is left", else rc. */
int cli_error_status(const struct cli_opts *o, int rc);

/*
 * Ends a run that printed to stdout (a command, --help, --version): checks
 * that all of it arrived (fflush and ferror: a full disk, a closed pipe).
 * Returns rc, or, after "hep: cannot write the output: REASON", 1 (2 for
 * remind), unless the command had already failed and said why.
 */
int cli_finish(const struct cli_opts *o, int rc);

/* Loads the prescription and opens the data file (read-only, saying so
 * once, for a command that only reads a file that cannot be written);
 * prints errors; returns 0 or the exit status. */
int cli_open(const struct cli_opts *o, const struct cal_now *now,
             struct hep_ctx *ctx);

/* Runs a command on an open context; returns the exit status. */
int cli_run(const struct cli_opts *o, struct hep_ctx *ctx);

#endif
