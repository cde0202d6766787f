/*
 * `hep init` (SPEC section 4): the sample prescription, or a published
 * program starting today, written to the prescription's path; --list
 * names the programs. It runs without the data file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hep/paths.h"
#include "hep/prescription.h"
#include "hep/text.h"
#include "cli_impl.h"
#include "hep/util.h"

/* The first line of an example, its title: "# Title" (without "# "). */
static void example_title(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	buf[0] = '\0';
	if (f && fgets(buf, (int)size, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		if (strncmp(buf, "# ", 2) == 0)
			memmove(buf, buf + 2, strlen(buf + 2) + 1);
	}
	if (f)
		fclose(f);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* init --list: each example's name and title. */
static int list_examples(void)
{
	const char *dir = paths_examples();
	DIR *d = opendir(dir);
	if (!d)
		return cli_fail("cannot read the examples in %s: %s", dir,
		                strerror(errno));
	char **names = NULL;
	size_t n = 0;
	struct dirent *x;
	while ((x = readdir(d))) {
		size_t len = strlen(x->d_name);
		if (len > 4 && strcmp(x->d_name + len - 4, ".cfg") == 0) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] =
			    xasprintf("%.*s", (int)(len - 4), x->d_name);
		}
	}
	closedir(d);
	if (n > 1) /* names is NULL when there is none: qsort wants an array */
		qsort(names, n, sizeof *names, name_cmp);
	int width = 4;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(names[i]) > width)
			width = (int)strlen(names[i]);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s.cfg", dir, names[i]);
		char title[256];
		example_title(path, title, sizeof title);
		printf("%-*s  %s\n", width, names[i], title);
		free(path);
		free(names[i]);
	}
	free(names);
	printf("\n'hep init --example NAME' writes one to your path, starting "
	       "today.\n");
	return 0;
}

/* The date of the first line `start = "YYYY-MM-DD"` (spaces allowed
 * around "="), or NULL. */
static char *start_date(char *text)
{
	for (char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		char *q = p + strspn(p, " \t");
		if (strncmp(q, "start", 5) != 0)
			continue;
		q += 5 + strspn(q + 5, " \t");
		if (*q != '=')
			continue;
		q += 1 + strspn(q + 1, " \t");
		cal_day day;
		char d[CAL_DATE_LEN];
		if (*q == '"' && strlen(q) > CAL_DATE_LEN &&
		    q[CAL_DATE_LEN] == '"' &&
		    (strfmt(d, sizeof d, "%.10s", q + 1),
		     cal_parse_date(d, &day)))
			return q + 1;
	}
	return NULL;
}

/*
 * The text init writes: the sample, or an example with its program start
 * set to today (its relative dates count from it). NULL after a message.
 */
static char *init_text(const struct cli_opts *o, size_t *len)
{
	const char *from = paths_sample();
	char *path = NULL;
	/* An example's name is an id: never a path out of the folder. */
	if (o->example)
		from = path =
		    rx_valid_id(o->example)
		        ? xasprintf("%s/%s.cfg", paths_examples(), o->example)
		        : NULL;
	FILE *f = from ? fopen(from, "r") : NULL;
	if (!f) {
		if (o->example)
			cli_fail(
			    "no example named \"%s\" (hep init --list names "
			    "them)",
			    QUOTE(o->example));
		else
			cli_fail("cannot read the sample %s: %s", from,
			         strerror(errno));
		free(path);
		return NULL;
	}
	char *text = xmalloc(RX_MAX_BYTES + 1);
	*len = fread(text, 1, RX_MAX_BYTES, f);
	text[*len] = '\0';
	fclose(f);
	free(path);
	/* An example starts today: its line `start = "YYYY-MM-DD";`. */
	char *date = o->example ? start_date(text) : NULL;
	struct cal_now now;
	if (date && cli_clock(&now) == 0) {
		char d[CAL_DATE_LEN];
		cal_format(cal_logical_today(&now, 0), d);
		memcpy(date, d, CAL_DATE_LEN - 1);
	}
	return text;
}

int cmd_init(const struct cli_opts *o)
{
	if (o->list && o->example) {
		cli_fail("--list and --example cannot be combined");
		return 2;
	}
	if (o->list)
		return list_examples();
	char err[512];
	char *path = paths_config_target(o->config, err, sizeof err);
	if (!path)
		return cli_fail("%s", err);
	char failed[4096];
	int rc = 1, out = -1;
	size_t len = 0;
	char *text = NULL;
	if (access(path, F_OK) == 0) {
		cli_fail("%s already exists; it was left as it is", path);
		goto done;
	}
	if (!(text = init_text(o, &len)))
		goto done;
	if (make_parents(path, failed, sizeof failed) != 0 ||
	    (out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) <
	        0) {
		cli_fail("cannot create %s: %s", path, strerror(errno));
		goto done;
	}
	if (write(out, text, len) != (ssize_t)len || fsync(out) != 0) {
		cli_fail("cannot write %s: %s", path, strerror(errno));
		unlink(path);
		goto done;
	}
	printf("wrote %s\nedit it to match your therapist's prescription, then "
	       "run 'hep check'\n",
	       path);
	rc = 0;
done:
	free(text);
	if (out >= 0)
		close(out);
	free(path);
	return rc;
}
