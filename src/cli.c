#include "hep/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hep/backup.h"
#include "hep/json.h"
#include "hep/paths.h"
#include "hep/record.h"
#include "hep/report.h"
#include "hep/text.h"
#include "hep/util.h"

static const char *const commands[] = {
    "today",  "done",   "undo",   "skip",   "week",  "streak", "history",
    "remind", "report", "export", "import", "check", "init",   NULL};

static int usage_error(const char *fmt, ...) HEP_PRINTF(1, 2);

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("hep: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'hep --help' for more information.\n", stderr);
	return 2;
}

/* Option value: "--opt=value" or "--opt value". */
static const char *option_value(int argc, char **argv, int *i, const char *name,
                                bool *missing)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	*missing = false;
	if (arg[n] == '=')
		return arg + n + 1;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
	static const char *const valued[] = {
	    "--config", "--db",     "--date", "--pain", "--note",
	    "--reason", "--format", "--from", "--to",   NULL};
	memset(o, 0, sizeof *o);
	o->pain = -1;
	o->day = CAL_NONE;
	const char *pain = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0') {
			if (!o->command)
				o->command = a;
			else if (!o->id)
				o->id = a;
			else
				return usage_error("unexpected argument '%s'",
				                   a);
			continue;
		}
		if (strcmp(a, "--json") == 0)
			o->json = true;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			o->help = true;
		else if (strcmp(a, "--version") == 0)
			o->version = true;
		else if (strcmp(a, "--all") == 0)
			o->all = true;
		else if (strcmp(a, "--quiet") == 0)
			o->quiet = true;
		else if (strcmp(a, "--since-visit") == 0)
			o->since_visit = true;
		else {
			const char *const *v;
			for (v = valued; *v; v++) {
				size_t n = strlen(*v);
				if (strncmp(a, *v, n) == 0 &&
				    (a[n] == '\0' || a[n] == '='))
					break;
			}
			if (!*v)
				return usage_error("unknown option '%s'", a);
			bool missing;
			const char *val =
			    option_value(argc, argv, &i, *v, &missing);
			if (missing)
				return usage_error("option '%s' needs a value",
				                   *v);
			if (strcmp(*v, "--config") == 0)
				o->config = val;
			else if (strcmp(*v, "--db") == 0)
				o->db = val;
			else if (strcmp(*v, "--date") == 0)
				o->date = val;
			else if (strcmp(*v, "--pain") == 0)
				pain = val;
			else if (strcmp(*v, "--note") == 0)
				o->note = val;
			else if (strcmp(*v, "--format") == 0)
				o->format = val;
			else if (strcmp(*v, "--from") == 0)
				o->from = val;
			else if (strcmp(*v, "--to") == 0)
				o->to = val;
			else
				o->reason = val;
		}
	}
	if (o->help || o->version)
		return 0;
	if (o->command) {
		const char *const *c;
		for (c = commands; *c && strcmp(*c, o->command) != 0; c++)
			;
		if (!*c)
			return usage_error("unknown command '%s'", o->command);
	}
	if (o->date && !cal_parse_date(o->date, &o->day))
		return usage_error(
		    "--date needs a real date as YYYY-MM-DD, not '%s'",
		    o->date);
	if (pain) {
		char *end;
		errno = 0;
		long p = strtol(pain, &end, 10);
		if (errno || *end || end == pain || p < 0 || p > 10)
			return usage_error("--pain needs a whole number from 0 "
			                   "to 10, not '%s'",
			                   pain);
		o->pain = (int)p;
	}
	enum skip_reason r;
	if (o->reason && !skip_reason_parse(o->reason, &r))
		return usage_error("--reason must be rest, pain, sick, travel, "
		                   "time or other, not '%s'",
		                   o->reason);
	const char *cmd = o->command ? o->command : "";
	bool takes_id = !strcmp(cmd, "done") || !strcmp(cmd, "undo") ||
	                !strcmp(cmd, "skip");
	if (!strcmp(cmd, "import")) {
		if (!o->id)
			return usage_error("'import' needs a file");
		takes_id = true;
	}
	if (o->format && strcmp(cmd, "export") && strcmp(cmd, "report"))
		return usage_error("--format goes with 'export' or 'report'");
	enum report_format rf;
	if (o->format && !strcmp(cmd, "report") &&
	    !report_format_parse(o->format, &rf))
		return usage_error(
		    "--format for 'report' is text, md, csv, json or "
		    "html, not '%s'",
		    o->format);
	if ((o->from || o->to || o->since_visit) && strcmp(cmd, "report"))
		return usage_error(
		    "--from, --to and --since-visit go with 'report'");
	if (o->to && o->since_visit)
		return usage_error("--to and --since-visit cannot be combined");
	o->from_day = o->to_day = CAL_NONE;
	if (o->from && !cal_parse_date(o->from, &o->from_day))
		return usage_error(
		    "--from needs a real date as YYYY-MM-DD, not '%s'",
		    o->from);
	if (o->to && !cal_parse_date(o->to, &o->to_day))
		return usage_error(
		    "--to needs a real date as YYYY-MM-DD, not '%s'", o->to);
	if (o->from && o->to && o->to_day < o->from_day)
		return usage_error("--to is before --from");
	if (o->format && !strcmp(cmd, "export") && strcmp(o->format, "csv") &&
	    strcmp(o->format, "json"))
		return usage_error(
		    "--format for 'export' is csv or json, not '%s'",
		    o->format);
	if (o->id && !takes_id)
		return usage_error("unexpected argument '%s'", o->id);
	if (takes_id && !o->id && !(o->all && !strcmp(cmd, "skip")))
		return usage_error("'%s' needs an exercise id", cmd);
	if (!strcmp(cmd, "skip") && !o->reason)
		return usage_error(
		    "'%s' needs --reason rest|pain|sick|travel|time|other",
		    cmd);
	if (!strcmp(cmd, "skip") && o->all && o->id)
		return usage_error("'skip' takes an id or --all, not both");
	if ((pain || (o->note && strcmp(cmd, "skip"))) && strcmp(cmd, "done"))
		return usage_error(
		    "--pain goes with 'done', --note with 'done' or 'skip'");
	if (o->note && !text_utf8_valid(o->note, strlen(o->note), NULL))
		return usage_error("--note is not valid UTF-8");
	return 0;
}

/* Reads the clock; returns the malformed value (or NULL when fine). */
static const char *read_clock(struct cal_now *now, char *buf, size_t size)
{
	const char *v = getenv("HEP_NOW");
	/* Test seam: HEP_NOW_FILE names a file holding a HEP_NOW value, read
	 * at every reading of the clock, so that a test can move the clock of
	 * a running screen (across day_starts, say). */
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
		fprintf(stderr,
		        "hep: HEP_NOW must be YYYY-MM-DDTHH:MM or "
		        "YYYY-MM-DDTHH:MM:SS, not '%s'\n",
		        bad);
		return 2;
	}
	return 0;
}

int cli_clock_quiet(struct cal_now *now)
{
	char buf[32];
	return read_clock(now, buf, sizeof buf) ? 2 : 0;
}

void cli_help(void)
{
	fputs("Usage: hep [COMMAND] [OPTIONS]\n"
	      "Your home exercise program: today's checklist, ticked off as "
	      "you go.\n"
	      "\n"
	      "With no command, hep opens the Today screen.\n"
	      "\n"
	      "Commands:\n"
	      "  today                      the day's checklist\n"
	      "  done ID [--pain N] [--note TEXT]\n"
	      "                             record one session of exercise ID\n"
	      "  undo ID                    take back the last session or skip "
	      "of ID\n"
	      "  skip ID|--all --reason R [--note TEXT]\n"
	      "                             record why ID was not done (R: "
	      "rest, pain,\n"
	      "                             sick excuse it; travel, time, "
	      "other do not)\n"
	      "  week                       the week grid, streaks and "
	      "adherence\n"
	      "  streak                     current and longest streaks\n"
	      "  history                    the prescription's versions and "
	      "what changed\n"
	      "  remind [--quiet]           what is left today, in one line "
	      "(exit 1 if\n"
	      "                             something is left, 0 if not, 2 on "
	      "an error)\n"
	      "  report [--from D] [--to D | --since-visit] [--format F]\n"
	      "                             adherence for your therapist (F: "
	      "text, md,\n"
	      "                             csv, json, html); the last 4 weeks "
	      "by default\n"
	      "  export [--format csv|json] the whole record, for a back-up\n"
	      "  import FILE                restore a back-up (CSV or JSON); "
	      "adds only\n"
	      "                             what is not already there\n"
	      "  check                      validate the prescription\n"
	      "  init                       write the sample prescription to "
	      "your path\n"
	      "\n"
	      "Options:\n"
	      "  --config FILE   the prescription (else $HEP_CONFIG, else\n"
	      "                  $XDG_CONFIG_HOME/hep/prescription.cfg, else "
	      "the sample)\n"
	      "  --db FILE       the data file (else $HEP_DB, else\n"
	      "                  $XDG_DATA_HOME/hep/hep.db)\n"
	      "  --date DATE     the day to show or record, as YYYY-MM-DD\n"
	      "  --json          machine-readable output\n"
	      "  --help          show this help and exit\n"
	      "  --version       show the version and exit\n"
	      "\n"
	      "Exit status: 0 success, 1 refused or invalid data, 2 usage "
	      "error.\n"
	      "HEP_NOW=YYYY-MM-DDTHH:MM[:SS] sets the clock (for tests).\n",
	      stdout);
}

void cli_version(void)
{
	fputs("hep " HEP_VERSION "\n", stdout);
}

static void print_errors(struct rx_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++)
		fprintf(stderr, "%s\n", errs->msgs[i]);
}

static struct rx *load_rx(const struct cli_opts *o, bool *sample)
{
	char err[512];
	char *path = paths_config(o->config, sample, err, sizeof err);
	if (!path) {
		fprintf(stderr, "%s\n", err);
		return NULL;
	}
	struct rx *rx;
	struct rx_errors errs = {0};
	if (rx_load(path, &rx, &errs) != 0)
		print_errors(&errs);
	rx_errors_free(&errs);
	free(path);
	return rx;
}

int cli_check(const struct cli_opts *o)
{
	bool sample;
	struct rx *rx = load_rx(o, &sample);
	if (!rx)
		return 1;
	printf("%s: ok, %zu exercise%s%s\n", rx->path, rx->n_ex,
	       rx->n_ex == 1 ? "" : "s", sample ? " (the bundled sample)" : "");
	rx_free(rx);
	return 0;
}

int cli_init(const struct cli_opts *o)
{
	char err[512];
	char *path = paths_config_target(o->config, err, sizeof err);
	if (!path) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	const char *sample = paths_sample();
	char failed[4096];
	int rc = 1, in = -1, out = -1;
	if (access(path, F_OK) == 0) {
		fprintf(stderr,
		        "hep: %s already exists; it was left as it is\n", path);
		goto done;
	}
	if ((in = open(sample, O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "hep: cannot read the sample %s: %s\n", sample,
		        strerror(errno));
		goto done;
	}
	if (make_parents(path, failed, sizeof failed) != 0 ||
	    (out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) <
	        0) {
		fprintf(stderr, "hep: cannot create %s: %s\n", path,
		        strerror(errno));
		goto done;
	}
	char buf[8192];
	ssize_t r;
	while ((r = read(in, buf, sizeof buf)) > 0) {
		if (write(out, buf, (size_t)r) != r) {
			fprintf(stderr, "hep: cannot write %s: %s\n", path,
			        strerror(errno));
			unlink(path);
			goto done;
		}
	}
	if (r < 0 || fsync(out) != 0) {
		fprintf(stderr, "hep: cannot write %s: %s\n", path,
		        strerror(errno));
		unlink(path);
		goto done;
	}
	printf("wrote %s\nedit it to match your therapist's prescription, then "
	       "run 'hep check'\n",
	       path);
	rc = 0;
done:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	free(path);
	return rc;
}

int cli_open(const struct cli_opts *o, const struct cal_now *now,
             struct hep_ctx *ctx)
{
	bool sample;
	struct rx *rx = load_rx(o, &sample);
	if (!rx)
		return 1;
	char err[512];
	char *db = paths_db(o->db, err, sizeof err);
	if (!db) {
		fprintf(stderr, "%s\n", err);
		rx_free(rx);
		return 1;
	}
	int rc = ctx_open(ctx, rx, sample, db, now, err, sizeof err);
	free(db);
	/* --date may ask for a week older than the streak mark. */
	if (rc == 0 && o->day != CAL_NONE &&
	    ctx_cover(ctx, cal_week_start(o->day, ctx->hist.week_starts), err,
	              sizeof err) != 0) {
		ctx_close(ctx);
		rc = -1;
	}
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	return 0;
}

/* ---- today ------------------------------------------------------------- */

/* Writes s padded with spaces to width display columns. */
static void pad(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = text_width(s); w < width; w++)
		fputc(' ', stdout);
}

static void today_json(const struct hep_ctx *ctx, cal_day day,
                       enum day_status status, const struct day_item *items,
                       size_t n)
{
	char d[CAL_DATE_LEN];
	printf("{\"date\": \"%s\", \"status\": \"%s\",\n \"items\": [",
	       cal_format(day, d), day_status_name(status));
	for (size_t i = 0; i < n; i++) {
		const struct day_item *it = &items[i];
		const struct rx_exercise *e = it->ex;
		printf("%s\n  {\"id\": ", i ? "," : "");
		json_string(stdout, e->id);
		fputs(", \"name\": ", stdout);
		json_string(stdout, e->name);
		printf(", \"due\": %d, \"done\": %d, \"skip\": ", it->due,
		       it->done);
		json_string(stdout, skip_reason_name(it->skip));
		printf(", \"sets\": %d, \"reps\": ", e->sets);
		json_int(stdout, e->reps, e->reps);
		fputs(", \"hold\": ", stdout);
		json_int(stdout, e->hold, e->hold);
		fputs(", \"side\": ", stdout);
		json_string(stdout, rx_side_name(e->side));
		fputs(", \"per_week\": ", stdout);
		json_int(stdout, e->per_week, e->per_week);
		fputs(", \"week_done\": ", stdout);
		json_int(stdout, it->week_done, e->per_week);
		fputs("}", stdout);
	}
	struct streak st = progress_day_streak(&ctx->hist);
	printf("],\n \"streak\": {\"current\": %d, \"longest\": %d}}\n",
	       st.current, st.longest);
}

static void today_text(const struct hep_ctx *ctx, cal_day day,
                       enum day_status status, const struct day_item *items,
                       size_t n)
{
	char d[CAL_DATE_LEN];
	int pday = ctx_program_day(ctx, day);
	printf("%s, %s %s", ctx->rx->program.title,
	       cal_weekday_name(cal_weekday(day)), cal_format(day, d));
	if (pday > 0)
		printf(", day %d", pday);
	printf(" (%s)\n", day_status_name(status));
	struct streak st = progress_day_streak(&ctx->hist);
	if (st.longest > 0)
		printf("Streak: %d day%s in a row (longest %d)\n", st.current,
		       st.current == 1 ? "" : "s", st.longest);
	if (n == 0) {
		puts(pday > 0 ? "Nothing is due: a rest day."
		              : "The program has not started yet.");
		return;
	}
	int name_w = 4;
	for (size_t i = 0; i < n; i++)
		if (text_width(items[i].ex->name) > name_w)
			name_w = text_width(items[i].ex->name);
	for (size_t i = 0; i < n; i++) {
		const struct day_item *it = &items[i];
		char dose[128], count[32];
		const char *box = it->skip != SKIP_NONE ? "[-]"
		                  : it->done >= it->due ? "[x]"
		                  : it->done > 0        ? "[~]"
		                                        : "[ ]";
		printf("%s ", box);
		pad(it->ex->name, name_w);
		fputs("  ", stdout);
		pad(rx_dose(it->ex, false, dose, sizeof dose), 30);
		strfmt(count, sizeof count, "%d/%d", it->done, it->due);
		printf("  %-5s", count);
		if (it->ex->per_week)
			printf("  week %d/%d", it->week_done, it->ex->per_week);
		if (it->skip != SKIP_NONE)
			printf("  skipped: %s", skip_reason_name(it->skip));
		fputc('\n', stdout);
	}
}

static int cmd_today(const struct cli_opts *o, struct hep_ctx *ctx)
{
	cal_day day = o->day != CAL_NONE ? o->day : ctx->today;
	struct day_item *items;
	size_t n;
	enum day_status status = progress_day(&ctx->hist, day, &items, &n);
	if (o->json)
		today_json(ctx, day, status, items, n);
	else
		today_text(ctx, day, status, items, n);
	free(items);
	return 0;
}

/* ---- week and streak ---------------------------------------------------- */

static const char *unit_name(bool weeks)
{
	return weeks ? "weeks" : "days";
}

static void json_streak(const struct streak *s, const char *unit)
{
	printf("{\"current\": %d, \"longest\": %d", s->current, s->longest);
	if (unit)
		printf(", \"unit\": \"%s\"", unit);
	fputc('}', stdout);
}

static void json_ints(const int *v)
{
	for (int k = 0; k < 7; k++)
		printf("%s%d", k ? ", " : "[", v[k]);
	fputc(']', stdout);
}

static void week_json(const struct week_view *w)
{
	char d[CAL_DATE_LEN];
	printf("{\"start\": \"%s\",\n \"days\": [", cal_format(w->first, d));
	for (int k = 0; k < 7; k++)
		printf("%s\"%s\"", k ? ", " : "", cal_format(w->first + k, d));
	fputs("],\n \"status\": [", stdout);
	for (int k = 0; k < 7; k++)
		printf("%s\"%s\"", k ? ", " : "",
		       day_status_name(w->status[k]));
	fputs("],\n \"exercises\": [", stdout);
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct week_row *r = &w->rows[i];
		printf("%s\n  {\"id\": ", i ? "," : "");
		json_string(stdout, r->ex->id);
		fputs(", \"due\": ", stdout);
		json_ints(r->due);
		fputs(", \"done\": ", stdout);
		json_ints(r->done);
		fputs(", \"skip\": [", stdout);
		for (int k = 0; k < 7; k++) {
			fputs(k ? ", " : "", stdout);
			json_string(stdout, skip_reason_name(r->skip[k]));
		}
		fputs("], \"target\": ", stdout);
		json_int(stdout, r->target, r->ex->per_week);
		fputs(", \"met\": ", stdout);
		json_int(stdout, r->met, r->ex->per_week);
		fputs(", \"streak\": ", stdout);
		json_streak(&r->streak, unit_name(r->weeks));
		fputc('}', stdout);
	}
	double ratio;
	printf("],\n \"due\": %d, \"done\": %d, \"adherence\": ", w->due,
	       w->done);
	if (progress_ratio(w->due, w->done, &ratio))
		printf("%.3f", ratio);
	else
		fputs("null", stdout);
	fputs(",\n \"streak\": ", stdout);
	json_streak(&w->streak, NULL);
	fputs("}\n", stdout);
}

/* One cell of the text week: what a day was for one exercise. */
/* The text week's letter for each kind of cell (enum cell_kind order). */
static char week_cell(const struct week_row *r, int k, cal_day first,
                      cal_day today)
{
	static const char cells[] = {' ', '-', 'x', '~', 'o', 's', ' ', '.'};
	return cells[progress_week_cell(r, k, first, today)];
}

static char status_cell(enum day_status s)
{
	static const char cells[] = {' ', '-', 'x', ' ', '~', 'o', '.'};
	return cells[s];
}

static const char *plural(int n, const char *unit)
{
	static char buf[32];
	size_t len = strlen(unit);
	strfmt(buf, sizeof buf, "%.*s", (int)(n == 1 ? len - 1 : len), unit);
	return buf;
}

static void week_text(const struct hep_ctx *ctx, const struct week_view *w)
{
	char d[CAL_DATE_LEN];
	double ratio;
	printf("%s, week of %s %s\n", ctx->rx->program.title,
	       cal_weekday_name(cal_weekday(w->first)),
	       cal_format(w->first, d));
	int name_w = 8;
	for (size_t i = 0; i < w->n_rows; i++)
		if (text_width(w->rows[i].ex->name) > name_w)
			name_w = text_width(w->rows[i].ex->name);
	pad("", name_w);
	for (int k = 0; k < 7; k++)
		printf("  %s", cal_weekday_name(cal_weekday(w->first + k)));
	printf("  streak\n");
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct week_row *r = &w->rows[i];
		pad(r->ex->name, name_w);
		for (int k = 0; k < 7; k++)
			printf("   %c ", week_cell(r, k, w->first, ctx->today));
		printf(" %d %s", r->streak.current,
		       plural(r->streak.current, unit_name(r->weeks)));
		if (r->ex->per_week)
			printf(", %d/%d this week", r->met, r->target);
		fputc('\n', stdout);
	}
	pad("The day", name_w);
	for (int k = 0; k < 7; k++)
		printf("   %c ", status_cell(w->status[k]));
	fputc('\n', stdout);
	if (progress_ratio(w->due, w->done, &ratio))
		printf("Adherence: %.1f%% (%d of %d sessions so far)\n",
		       ratio * 100, w->done, w->due);
	else
		printf("Adherence: nothing counted yet this week\n");
	printf("Streak: %d day%s in a row (longest %d)\n", w->streak.current,
	       w->streak.current == 1 ? "" : "s", w->streak.longest);
	printf(
	    "x done  ~ partial  o missed  s skipped  - not due  . to come\n");
}

static int cmd_week(const struct cli_opts *o, struct hep_ctx *ctx)
{
	struct week_view w;
	progress_week(&ctx->hist, o->day != CAL_NONE ? o->day : ctx->today, &w);
	if (o->json)
		week_json(&w);
	else
		week_text(ctx, &w);
	progress_week_free(&w);
	return 0;
}

static int cmd_streak(const struct cli_opts *o, struct hep_ctx *ctx)
{
	struct streak all = progress_day_streak(&ctx->hist);
	const struct rx *rx = ctx->rx;
	if (o->json) {
		printf("{\"current\": %d, \"longest\": %d,\n \"exercises\": {",
		       all.current, all.longest);
	} else {
		printf("Streak: %d day%s in a row (longest %d)\n", all.current,
		       all.current == 1 ? "" : "s", all.longest);
	}
	int name_w = 8;
	for (size_t i = 0; i < rx->n_ex; i++)
		if (text_width(rx->ex[i].name) > name_w)
			name_w = text_width(rx->ex[i].name);
	for (size_t i = 0; i < rx->n_ex; i++) {
		bool weeks;
		struct streak s =
		    progress_exercise_streak(&ctx->hist, rx->ex[i].id, &weeks);
		if (o->json) {
			printf("%s\n  ", i ? "," : "");
			json_string(stdout, rx->ex[i].id);
			fputs(": ", stdout);
			json_streak(&s, unit_name(weeks));
		} else {
			fputs("  ", stdout);
			pad(rx->ex[i].name, name_w);
			printf("  %d %s", s.current,
			       plural(s.current, unit_name(weeks)));
			printf(" (longest %d)\n", s.longest);
		}
	}
	if (o->json)
		fputs("}}\n", stdout);
	return 0;
}

/* ---- history ------------------------------------------------------------ */

/* A change's value as JSON: a string, or null when absent. */
static void json_value(const char *v)
{
	json_string(stdout, *v ? v : NULL);
}

static void history_json(const struct rx_snapshot *s, size_t n)
{
	fputs("{\"snapshots\": [", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct rx_snapshot *prev = i ? &s[i - 1] : NULL;
		char d[CAL_DATE_LEN];
		printf("%s\n  {\"from\": \"%s\", \"exercises\": [",
		       i ? "," : "", cal_format(s[i].from, d));
		for (size_t k = 0; k < s[i].n; k++) {
			fputs(k ? ", " : "", stdout);
			json_string(stdout, s[i].ex[k].id);
		}
		fputs("],\n   \"added\": [", stdout);
		int first = 1;
		for (size_t k = 0; prev && k < s[i].n; k++) {
			if (rx_find(prev->ex, prev->n, s[i].ex[k].id))
				continue;
			fputs(first ? "" : ", ", stdout);
			json_string(stdout, s[i].ex[k].id);
			first = 0;
		}
		fputs("], \"removed\": [", stdout);
		first = 1;
		for (size_t k = 0; prev && k < prev->n; k++) {
			if (rx_find(s[i].ex, s[i].n, prev->ex[k].id))
				continue;
			fputs(first ? "" : ", ", stdout);
			json_string(stdout, prev->ex[k].id);
			first = 0;
		}
		fputs("], \"changed\": [", stdout);
		first = 1;
		for (size_t k = 0; prev && k < s[i].n; k++) {
			const struct rx_exercise *old =
			    rx_find(prev->ex, prev->n, s[i].ex[k].id);
			struct rx_change ch[RX_FIELDS];
			size_t nc = old ? rx_diff(old, &s[i].ex[k], ch) : 0;
			if (nc == 0)
				continue;
			fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ",
			      stdout);
			json_string(stdout, s[i].ex[k].id);
			fputs(", \"changes\": [", stdout);
			for (size_t c = 0; c < nc; c++) {
				printf("%s{\"field\": \"%s\", \"before\": ",
				       c ? ", " : "", ch[c].field);
				json_value(ch[c].before);
				fputs(", \"after\": ", stdout);
				json_value(ch[c].after);
				fputc('}', stdout);
			}
			fputs("]}", stdout);
			first = 0;
		}
		fputs("]}", stdout);
	}
	fputs("]}\n", stdout);
}

static void history_text(const struct rx_snapshot *s, size_t n)
{
	printf("The prescription has had %zu version%s.\n", n,
	       n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const struct rx_snapshot *prev = i ? &s[i - 1] : NULL;
		char d[CAL_DATE_LEN];
		printf("\n%s  %s\n", cal_format(s[i].from, d),
		       prev ? "changed:"
		            : "the first prescription (it also rules every "
		              "earlier day):");
		for (size_t k = 0; k < s[i].n; k++) {
			const struct rx_exercise *e = &s[i].ex[k];
			const struct rx_exercise *old =
			    prev ? rx_find(prev->ex, prev->n, e->id) : NULL;
			char dose[128];
			if (!prev)
				printf("  %s (%s): %s\n", e->name, e->id,
				       rx_dose(e, false, dose, sizeof dose));
			else if (!old)
				printf("  added %s (%s): %s\n", e->name, e->id,
				       rx_dose(e, false, dose, sizeof dose));
			struct rx_change ch[RX_FIELDS];
			size_t nc = old ? rx_diff(old, e, ch) : 0;
			for (size_t c = 0; c < nc; c++) {
				bool long_text = !strcmp(ch[c].field, "notes");
				printf("  %s: %s ", e->id, ch[c].field);
				if (long_text)
					printf("changed\n");
				else
					printf("%s -> %s\n",
					       *ch[c].before ? ch[c].before
					                     : "(none)",
					       *ch[c].after ? ch[c].after
					                    : "(none)");
			}
		}
		for (size_t k = 0; prev && k < prev->n; k++)
			if (!rx_find(s[i].ex, s[i].n, prev->ex[k].id))
				printf(
				    "  removed %s (%s); its history is kept\n",
				    prev->ex[k].name, prev->ex[k].id);
	}
}

static int cmd_history(const struct cli_opts *o, struct hep_ctx *ctx)
{
	char err[512];
	if (ctx_all_snapshots(ctx, err, sizeof err) != 0) {
		fprintf(stderr, "hep: %s\n", err);
		return 1;
	}
	if (o->json)
		history_json(ctx->snaps, ctx->n_snaps);
	else
		history_text(ctx->snaps, ctx->n_snaps);
	return 0;
}

/* ---- remind ------------------------------------------------------------- */

/*
 * What is left today: a fixed exercise with sessions still due, or a
 * per-week one whose week is not met, that is neither done nor skipped
 * today. Exit 0 when nothing is left, 1 otherwise.
 */
static int cmd_remind(const struct cli_opts *o, struct hep_ctx *ctx)
{
	struct day_item *items;
	size_t n;
	progress_day(&ctx->hist, ctx->today, &items, &n);
	char line[1024] = "";
	int left = 0;
	for (size_t i = 0; i < n; i++) {
		const struct day_item *it = &items[i];
		const struct rx_exercise *e = it->ex;
		char part[160];
		if (it->skip != SKIP_NONE || it->done >= it->due)
			continue;
		if (e->per_week) {
			int target, met;
			progress_week_target(
			    &ctx->hist, e->id,
			    cal_week_start(ctx->today, ctx->hist.week_starts),
			    &target, &met);
			if (met >= target)
				continue;
			strfmt(part, sizeof part, "%s (%d of %d this week)",
			       e->name, met, target);
		} else if (it->done > 0) {
			strfmt(part, sizeof part, "%s (%d of %d done)", e->name,
			       it->done, it->due);
		} else {
			strfmt(part, sizeof part, "%s", e->name);
		}
		strfmt(line + strlen(line), sizeof line - strlen(line), "%s%s",
		       left ? ", " : "", part);
		left++;
	}
	free(items);
	if (!o->quiet) {
		if (left)
			printf("%d left today: %s\n", left, line);
		else
			printf("All done for today.\n");
	}
	return left ? 1 : 0;
}

/* ---- report ------------------------------------------------------------- */

static int cmd_report(const struct cli_opts *o, struct hep_ctx *ctx)
{
	enum report_format fmt = REPORT_TEXT;
	if (o->format)
		report_format_parse(o->format, &fmt);
	cal_day to = o->to_day != CAL_NONE ? o->to_day : ctx->today;
	cal_day from = o->from_day != CAL_NONE ? o->from_day : to - 27;
	if (o->since_visit) {
		const struct rx_program *p = &ctx->rx->program;
		cal_day last = CAL_NONE;
		for (size_t i = 0; i < p->n_visits; i++)
			if (p->visits[i] <= ctx->today)
				last = p->visits[i];
		if (last == CAL_NONE) {
			fprintf(
			    stderr,
			    "hep: the prescription lists no clinic visit on "
			    "or before today (program.visits)\n");
			return 1;
		}
		from = last;
		to = ctx->today;
	}
	if (from > to) {
		fprintf(stderr, "hep: the report would end before it starts\n");
		return 1;
	}
	struct report r;
	char err[512];
	if (ctx_cover_snapshots(ctx, from, err, sizeof err) != 0 ||
	    report_build(ctx, from, to, &r, err, sizeof err) != 0) {
		fprintf(stderr, "hep: %s\n", err);
		return 1;
	}
	r.since_visit = o->since_visit;
	report_write(stdout, &r, fmt);
	report_free(&r);
	return 0;
}

/* ---- writes ------------------------------------------------------------ */

static int report(enum record_result r, const char *msg)
{
	if (r == REC_OK) {
		printf("%s\n", msg);
		return 0;
	}
	fprintf(stderr, "hep: %s\n", msg);
	return 1;
}

static int cmd_skip_all(const struct cli_opts *o, struct hep_ctx *ctx,
                        cal_day day, enum skip_reason reason)
{
	struct day_item *items;
	size_t n;
	progress_day(&ctx->hist, day, &items, &n);
	int skipped = 0, rc = 0;
	char msg[512];
	for (size_t i = 0; i < n && rc == 0; i++) {
		int per_day = items[i].ex->per_day;
		if (items[i].skip != SKIP_NONE || items[i].done >= per_day)
			continue;
		enum record_result r =
		    record_skip(ctx, items[i].ex->id, day, reason, o->note, msg,
		                sizeof msg);
		if (r == REC_FAILED)
			rc = report(r, msg);
		else if (r == REC_OK)
			skipped += report(r, msg) == 0;
	}
	free(items);
	if (rc == 0 && skipped == 0) {
		fprintf(stderr, "hep: nothing left to skip on that day\n");
		rc = 1;
	}
	return rc;
}

int cli_run(const struct cli_opts *o, struct hep_ctx *ctx)
{
	const char *cmd = o->command;
	cal_day day = o->day != CAL_NONE ? o->day : ctx->today;
	char msg[512];
	if (strcmp(cmd, "today") == 0)
		return cmd_today(o, ctx);
	if (strcmp(cmd, "week") == 0)
		return cmd_week(o, ctx);
	if (strcmp(cmd, "streak") == 0)
		return cmd_streak(o, ctx);
	if (strcmp(cmd, "history") == 0)
		return cmd_history(o, ctx);
	if (strcmp(cmd, "remind") == 0)
		return cmd_remind(o, ctx);
	if (strcmp(cmd, "report") == 0)
		return cmd_report(o, ctx);
	if (strcmp(cmd, "export") == 0) {
		bool json = o->format && strcmp(o->format, "json") == 0;
		if (backup_export(ctx, stdout, json, msg, sizeof msg) != 0) {
			fprintf(stderr, "hep: %s\n", msg);
			return 1;
		}
		return 0;
	}
	if (strcmp(cmd, "import") == 0) {
		struct rx_errors errs = {0};
		int rc = backup_import(ctx, o->id, &errs, msg, sizeof msg);
		print_errors(&errs);
		rx_errors_free(&errs);
		if (rc != 0)
			return 1;
		printf("%s\n", msg);
		/* Re-read: this walks the imported years once and stores a
		 * streak mark, so the next start does not. */
		char err[512];
		if (ctx_refresh(ctx, &ctx->now, err, sizeof err) != 0)
			fprintf(stderr, "hep: %s\n", err);
		return 0;
	}
	if (strcmp(cmd, "done") == 0)
		return report(record_done(ctx, o->id, day, o->pain, o->note,
		                          msg, sizeof msg),
		              msg);
	if (strcmp(cmd, "undo") == 0)
		return report(record_undo(ctx, o->id, day, msg, sizeof msg),
		              msg);
	if (strcmp(cmd, "skip") == 0) {
		enum skip_reason reason;
		skip_reason_parse(o->reason, &reason);
		if (o->all)
			return cmd_skip_all(o, ctx, day, reason);
		return report(record_skip(ctx, o->id, day, reason, o->note, msg,
		                          sizeof msg),
		              msg);
	}
	fprintf(stderr, "hep: unknown command '%s'\n", cmd);
	return 2;
}
