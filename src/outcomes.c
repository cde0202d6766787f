#include "hep/outcomes.h"

#include <stdlib.h>
#include <string.h>

#include "hep/util.h"

char *psfs_items_format(const int *rating, char *const *activity, size_t n)
{
	size_t size = 1;
	for (size_t i = 0; i < n; i++)
		size += strlen(activity[i]) + 5;
	char *buf = xcalloc(size, 1);
	for (size_t i = 0; i < n; i++)
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%d %s",
		       i ? "\n" : "", rating[i], activity[i]);
	return buf;
}

void psfs_checkin_free(struct psfs_checkin *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->activity[i]);
	memset(c, 0, sizeof *c);
}

bool psfs_items_parse(const char *items, struct psfs_checkin *out)
{
	memset(out, 0, sizeof *out);
	const char *p = items;
	while (p && *p) {
		int r = 0, digits = 0;
		for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
			r = r * 10 + (*p - '0');
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (digits == 0 || r > 10 || *p != ' ' || len < 2 ||
		    out->n == RX_MAX_PSFS) {
			psfs_checkin_free(out);
			return false;
		}
		out->rating[out->n] = r;
		out->activity[out->n++] =
		    xasprintf("%.*s", (int)(len - 1), p + 1);
		p = end ? end + 1 : NULL;
	}
	if (out->n == 0)
		return false;
	return true;
}

double psfs_score(const struct psfs_checkin *c)
{
	int sum = 0;
	for (size_t i = 0; i < c->n; i++)
		sum += c->rating[i];
	return c->n ? (double)sum / (double)c->n : 0;
}
