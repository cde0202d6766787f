/*
 * verify FILE: replays every entry of a data file from scratch and
 * compares what stands, the statuses and the tallies with the file's own
 * rows (store_verify). A test tool, built only with the tests: exit 0 when
 * they agree, 1 with the difference on standard error.
 */
#include <stdio.h>

#include "hep/calendar.h"
#include "hep/store.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: verify FILE\n");
		return 2;
	}
	cal_day today;
	if (!cal_parse_date("2026-01-01", &today))
		return 2;
	struct store *st;
	char err[512];
	if (store_open(argv[1], today, STORE_READ, NULL, &st, err,
	               sizeof err) != 0) {
		fprintf(stderr, "verify: %s\n", err);
		return 1;
	}
	int rc = store_verify(st);
	if (rc != 0)
		fprintf(stderr, "verify: %s\n", store_error(st));
	store_close(st);
	return rc == 0 ? 0 : 1;
}
