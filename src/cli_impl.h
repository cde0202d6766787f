/*
 * cli_impl: what the command line's files (cli.c: the tables, parsing and
 * the commands that write and log; cli_report.c: remind, report,
 * outcomes; cli_views.c: today,
 * week, streak; cli_history.c: history; cli_init.c: init) share, and
 * no one else sees.
 */
#ifndef HEP_CLI_IMPL_H
#define HEP_CLI_IMPL_H

#include "hep/cli.h"
#include "hep/context.h"
#include "hep/text.h"

/* A timed exercise's slots today in words (SPEC 2.2): the current one if
 * not done, the earlier ones missed, and (with later, or when nothing
 * else is said) those to come: "12:00 due; 08:00 missed; 14:00 later
 * today". Returns whether the current slot is waiting (cli_views.c). */
bool cli_slots_words(struct hep_ctx *ctx, const struct rx_exercise *e,
                     bool later, char *buf, size_t size);
#include "hep/util.h"

/* An argument, an option's value or a variable quoted in a message: its
 * control characters escaped, cut to 60 bytes (SPEC section 6.2). */
#define QUOTE(s) TEXT_QUOTE((s), 60)

/* The one way a command says what went wrong: "hep: ", the message, a new
 * line, on stderr. Returns 1 (a refusal). */
int cli_fail(const char *fmt, ...) HEP_PRINTF(1, 2);

/* `hep init`: writes the sample or an example (--example NAME) to the
 * prescription's path, or lists the examples (--list); returns the exit
 * status (cli_init.c). */
int cmd_init(const struct cli_opts *o);

/* `hep history`: the versions of the prescription and of the measures
 * (cli_history.c). */
int cmd_history(const struct cli_opts *o, struct hep_ctx *ctx);

/* `hep today`, `hep week`, `hep streak` (cli_views.c). */
int cmd_today(const struct cli_opts *o, struct hep_ctx *ctx);
int cmd_week(const struct cli_opts *o, struct hep_ctx *ctx);
int cmd_streak(const struct cli_opts *o, struct hep_ctx *ctx);

/* `hep remind`, `hep report`, `hep outcomes` (cli_report.c). */
int cmd_remind(const struct cli_opts *o, struct hep_ctx *ctx);
int cmd_report(const struct cli_opts *o, struct hep_ctx *ctx);
int cmd_outcomes(const struct cli_opts *o, struct hep_ctx *ctx);

/* What today's check-in still asks for, in names ("Knee bend, PSFS");
 * false when nothing is due (or the data file cannot say). */
bool cli_checkin_due_names(struct hep_ctx *ctx, char *buf, size_t size);

#endif
