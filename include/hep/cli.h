/*
 * cli: the command line (SPEC section 4): parsing, and the commands that
 * print text or JSON. Exit status: 0 success, 1 refused or invalid data,
 * 2 usage error.
 */
#ifndef HEP_CLI_H
#define HEP_CLI_H

#include <stdbool.h>

#include "hep/calendar.h"
#include "hep/context.h"

struct cli_opts {
	const char *command; /* NULL: open the screen */
	const char *id;
	const char *config;
	const char *db;
	const char *date;
	bool json;
	bool help;
	bool version;
	bool all;
	bool quiet;
	int pain; /* -1 when not given */
	const char *note;
	const char *reason;
	const char *format;    /* --format, or NULL */
	const char *from, *to; /* report span, or NULL */
	cal_day from_day, to_day;
	bool since_visit;
	cal_day day; /* --date parsed, or CAL_NONE */
};

/* Parses argv; returns 0, or 2 after printing a usage error. */
int cli_parse(int argc, char **argv, struct cli_opts *o);

/* The clock: HEP_NOW if set, else the system clock. Returns 0, or 2 after
 * printing an error for a malformed HEP_NOW. */
int cli_clock(struct cal_now *now);

/* As cli_clock, printing nothing (for the screen, which reads it often). */
int cli_clock_quiet(struct cal_now *now);

void cli_help(void);
void cli_version(void);

/* Commands that need neither the data file nor a valid prescription. */
int cli_check(const struct cli_opts *o);
int cli_init(const struct cli_opts *o);

/* Loads the prescription and opens the data file; prints errors; returns
 * 0 or the exit status. */
int cli_open(const struct cli_opts *o, const struct cal_now *now,
             struct hep_ctx *ctx);

/* Runs a command on an open context; returns the exit status. */
int cli_run(const struct cli_opts *o, struct hep_ctx *ctx);

#endif
