/* wcwidth() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "hep/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hep/util.h"

bool text_utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		uint32_t cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4, cp = c & 0x07, min = 0x10000;
		} else {
			goto invalid;
		}
		if (i + n > len)
			goto invalid;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto invalid;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto invalid;
		i += n;
	}
	return true;
invalid:
	if (bad)
		*bad = i;
	return false;
}

int text_utf8_next(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t bad;
	int n = s[0] < 0x80             ? 1
	        : (s[0] & 0xE0) == 0xC0 ? 2
	        : (s[0] & 0xF0) == 0xE0 ? 3
	        : (s[0] & 0xF8) == 0xF0 ? 4
	                                : 0;
	for (int k = 1; k < n; k++)
		if (s[k] == '\0')
			n = 0;
	if (n == 0 || !text_utf8_valid(str, (size_t)n, &bad)) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t v = n == 1   ? s[0]
	             : n == 2 ? s[0] & 0x1Fu
	             : n == 3 ? s[0] & 0x0Fu
	                      : s[0] & 0x07u;
	for (int k = 1; k < n; k++)
		v = (v << 6) | (s[k] & 0x3Fu);
	*cp = v;
	return n;
}

/*
 * wcwidth() depends on the locale; the model must give the same answer
 * whatever locale the user runs in, so it asks the C.UTF-8 locale, which
 * glibc always has built in.
 */
static locale_t utf8_locale(void)
{
	static locale_t loc = (locale_t)0;
	static bool tried;
	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

int text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return -1;
	locale_t loc = utf8_locale();
	if (loc == (locale_t)0)
		return 1;
	locale_t old = uselocale(loc);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	int total = 0;
	while (*s) {
		uint32_t cp;
		s += text_utf8_next(s, &cp);
		int w = text_cp_width(cp);
		total += w < 0 ? 1 : w;
	}
	return total;
}

void text_trim_partial(char *s)
{
	size_t n = strlen(s), k = n;
	while (k > 0 && n - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--; /* continuation bytes */
	if (k == 0 || ((unsigned char)s[k - 1] & 0x80) == 0)
		return;
	unsigned char lead = (unsigned char)s[k - 1];
	size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (k - 1) < len)
		s[k - 1] = '\0';
}

bool text_has_control(const char *s)
{
	while (*s) {
		uint32_t cp;
		s += text_utf8_next(s, &cp);
		if (text_cp_width(cp) < 0)
			return true;
	}
	return false;
}

bool text_cp_forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	       (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

uint32_t text_forbidden(const char *s, size_t *column)
{
	size_t col = 0;
	while (*s) {
		uint32_t cp;
		s += text_utf8_next(s, &cp);
		col++;
		if (text_cp_forbidden(cp) || cp == 0) {
			if (column)
				*column = col;
			return cp;
		}
	}
	if (column)
		*column = 0;
	return 0;
}

char *text_escape(const char *s, bool escape_backslash, char *out, size_t size)
{
	size_t used = 0;
	if (size == 0)
		return out;
	out[0] = '\0';
	while (*s) {
		uint32_t cp;
		int n = text_utf8_next(s, &cp);
		char piece[16];
		if (cp == 0x1B)
			strcpy(piece, "\\e");
		else if (cp == '\t' || cp == '\n')
			strcpy(piece, cp == '\t' ? "\\t" : "\\n");
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
			snprintf(piece, sizeof piece, "\\x%02x", (unsigned)cp);
		else if (text_cp_forbidden(cp))
			snprintf(piece, sizeof piece, "\\u%04x", (unsigned)cp);
		else if (cp == 0xFFFD && n == 1) /* an invalid byte */
			snprintf(piece, sizeof piece, "\\x%02x",
			         (unsigned char)*s);
		else if (cp == '\\' && escape_backslash)
			strcpy(piece, "\\\\");
		else
			snprintf(piece, sizeof piece, "%.*s", n, s);
		size_t len = strlen(piece);
		if (used + len + 1 > size)
			break;
		memcpy(out + used, piece, len + 1);
		used += len;
		s += n;
	}
	return out;
}

bool text_check(const char *s, const char *what, size_t max, char *msg,
                size_t size)
{
	size_t len = strlen(s), column;
	if (!text_utf8_valid(s, len, NULL)) {
		snprintf(msg, size, "%s is not valid UTF-8", what);
		return false;
	}
	uint32_t cp = text_forbidden(s, &column);
	if (cp) {
		snprintf(msg, size,
		         "%s may not hold control characters (U+%04X at column "
		         "%zu)",
		         what, (unsigned)cp, column);
		return false;
	}
	if (max > 0 && len > max) {
		snprintf(msg, size,
		         "%s may be at most %zu bytes long; this one is %zu",
		         what, max, len);
		return false;
	}
	return true;
}

void text_lf(char *s)
{
	char *w = s;
	for (; *s; s++) {
		if (*s == '\r') {
			*w++ = '\n';
			if (s[1] == '\n')
				s++;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

int text_utf8_put(uint32_t cp, char *p)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Levenshtein distance of a and b, stopping early above 3. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > lb + 3 || lb > la + 3 || lb >= 64)
		return 4;
	int row[64];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void text_closest(const char *word, const char *const *cand, size_t n,
                  char *out, size_t size)
{
	enum { MOST = 3 };
	const char *pick[MOST];
	size_t k = 0, len = strlen(word);
	for (size_t i = 0; i < n && k < MOST; i++)
		if (len > 0 && strncmp(cand[i], word, len) == 0 &&
		    strcmp(cand[i], word) != 0)
			pick[k++] = cand[i];
	for (int d = 1; d <= 2 && k < MOST; d++)
		for (size_t i = 0; i < n && k < MOST; i++)
			if (strncmp(cand[i], word, len) != 0 &&
			    distance(word, cand[i]) == d)
				pick[k++] = cand[i];
	out[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < k && used + 1 < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == k ? " or " : ", ";
		int w = snprintf(out + used, size - used, "%s%s", sep, pick[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

char *text_escape_dup(const char *s)
{
	/* An escape is at most 4 bytes a byte. */
	size_t size = 4 * strlen(s) + 1;
	return text_escape(s, false, xmalloc(size), size);
}

char *text_quote(const char *s, char *out, size_t size)
{
	const char *cut = text_glyph(GLYPH_ELLIPSIS, false);
	char *all = text_escape_dup(s);
	if (strlen(all) < size && text_width(all) <= TEXT_QUOTE_COLUMNS) {
		memcpy(out, all, strlen(all) + 1);
		free(all);
		return out;
	}
	free(all);
	/* Whole escaped pieces while one column and the mark still fit. */
	size_t room = size - strlen(cut) - 1, used = 0;
	int width = 0;
	out[0] = '\0';
	char piece[TEXT_QUOTE_SIZE];
	while (*s) {
		uint32_t cp;
		int n = text_utf8_next(s, &cp);
		char one[8];
		snprintf(one, sizeof one, "%.*s", n, s);
		text_escape(one, false, piece, sizeof piece);
		size_t len = strlen(piece);
		int w = text_width(piece);
		if (used + len > room || width + w > TEXT_QUOTE_COLUMNS - 1)
			break;
		memcpy(out + used, piece, len + 1);
		used += len;
		width += w;
		s += n;
	}
	memcpy(out + used, cut, strlen(cut) + 1);
	return out;
}

char *text_quote_ascii(const char *msg)
{
	const char *from = text_glyph(GLYPH_ELLIPSIS, false);
	const char *to = text_glyph(GLYPH_ELLIPSIS, true);
	size_t n = strlen(from), size = strlen(msg) + 1;
	char *out = xmalloc(size), *o = out;
	for (const char *p = msg; *p;) {
		if (strncmp(p, from, n) == 0) {
			memcpy(o, to, strlen(to)); /* as long: 3 bytes */
			o += strlen(to);
			p += n;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* ---- glyphs -------------------------------------------------------------- */

static const struct {
	const char *utf8, *ascii;
} glyphs[GLYPH_COUNT] = {
    [GLYPH_DOT] = {"\xC2\xB7", "-"},      /* · */
    [GLYPH_DASH] = {"\xE2\x80\x93", "-"}, /* – */
    [GLYPH_CUT] = {"\xE2\x80\xA6", ">"},  /* … */
    [GLYPH_CUT_LEFT] = {"\xE2\x80\xA6", "<"},
    [GLYPH_BLOCK] = {"\xE2\x96\x88", "#"},  /* █ */
    [GLYPH_SHADE] = {"\xE2\x96\x91", "-"},  /* ░ */
    [GLYPH_ARROW] = {"\xE2\x86\x92", "->"}, /* → */
    [GLYPH_MINUS] = {"\xE2\x88\x92", "-"},  /* − */
    [GLYPH_TIMES] = {"\xC3\x97", "x"},      /* × */
    [GLYPH_DEGREE] = {"\xC2\xB0", "deg"},   /* ° */
    [GLYPH_ELLIPSIS] = {"\xE2\x80\xA6", "..."},
    [GLYPH_AT_MOST] = {"\xE2\x89\xA4", "<="}, /* ≤ */
    [GLYPH_UP] = {"\xE2\x96\xB2", "^"},       /* ▲ */
    [GLYPH_DOWN] = {"\xE2\x96\xBC", "v"},     /* ▼ */
};

const char *text_glyph(enum glyph g, bool ascii)
{
	return ascii ? glyphs[g].ascii : glyphs[g].utf8;
}

char *text_ascii_form(const char *s, bool ascii, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	while (*s) {
		const char *put = NULL;
		size_t skip = 1;
		for (int g = 0; ascii && g < GLYPH_COUNT && !put; g++) {
			size_t n = strlen(glyphs[g].utf8);
			if (strncmp(s, glyphs[g].utf8, n) == 0) {
				put = glyphs[g].ascii;
				skip = n;
			}
		}
		size_t n = put ? strlen(put) : 1;
		if (len + n >= size)
			break;
		memcpy(buf + len, put ? put : s, n);
		len += n;
		s += skip;
	}
	buf[len] = '\0';
	return buf;
}

bool text_locale_ascii(void)
{
	const char *codeset = nl_langinfo(CODESET);
	return !codeset || strcmp(codeset, "UTF-8") != 0;
}
