#include "hep/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"

bool csv_guarded(char c)
{
	return c != '\0' && strchr("=+-@\t\r'", c) != NULL;
}

void csv_cell(FILE *f, const char *s)
{
	if (!s)
		return;
	/* Each forbidden code point as U+FFFD (3 bytes, from 1 at least). */
	char *clean = xmalloc(3 * strlen(s) + 1), *w = clean;
	while (*s) {
		uint32_t cp;
		int n = text_utf8_next(s, &cp);
		if (text_cp_forbidden(cp)) {
			w += text_utf8_put(0xFFFD, w);
		} else {
			memcpy(w, s, (size_t)n);
			w += n;
		}
		s += n;
	}
	*w = '\0';
	bool guard = csv_guarded(clean[0]);
	bool quote = guard || strpbrk(clean, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (const char *p = clean; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
	free(clean);
}

void csv_unguard(char *s)
{
	if (s[0] == '\'' && csv_guarded(s[1]))
		memmove(s, s + 1, strlen(s));
}
