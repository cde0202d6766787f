/* The prescription file before libconfig reads it: the errors list, the
 * pre-scan of what libconfig 1.5 would silently get wrong, and the name a
 * "duplicate setting name" is about. No libconfig here (rx_impl.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/prescription.h"
#include "hep/text.h"
#include "hep/util.h"
#include "rx_impl.h"

/* ---- errors ---------------------------------------------------------- */

void rx_add_error(struct rx_errors *errs, const char *file, int line,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* What the file says, quoted, is shown escaped, never raw (SPEC
	 * section 6.2). */
	char *shown = text_escape_dup(msg);
	char *text = line > 0 ? xasprintf("%s:%d: %s", file, line, shown)
	                      : xasprintf("%s: %s", file, shown);
	free(shown);
	free(msg);
	errs->msgs = xrealloc(errs->msgs, (errs->n + 1) * sizeof *errs->msgs);
	errs->line = xrealloc(errs->line, (errs->n + 1) * sizeof *errs->line);
	errs->line[errs->n] = line;
	errs->msgs[errs->n++] = text;
}

/* Orders the messages from first..n by line, keeping the order of ties. */
void rx_sort_errors(struct rx_errors *errs, size_t first)
{
	for (size_t i = first + 1; i < errs->n; i++) {
		for (size_t k = i;
		     k > first && errs->line[k - 1] > errs->line[k]; k--) {
			int l = errs->line[k];
			char *m = errs->msgs[k];
			errs->line[k] = errs->line[k - 1];
			errs->msgs[k] = errs->msgs[k - 1];
			errs->line[k - 1] = l;
			errs->msgs[k - 1] = m;
		}
	}
}

void rx_errors_free(struct rx_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++)
		free(errs->msgs[i]);
	free(errs->msgs);
	free(errs->line);
	errs->msgs = NULL;
	errs->line = NULL;
	errs->n = 0;
}

/* ---- the pre-scan: what libconfig 1.5 would silently get wrong -------- */

struct scan {
	const char *file;
	const char *buf;
	size_t len, i;
	int line;
	struct rx_errors *errs;
};

static int scan_peek(const struct scan *s, size_t ahead)
{
	return s->i + ahead < s->len ? (unsigned char)s->buf[s->i + ahead] : -1;
}

static void scan_advance(struct scan *s)
{
	if (s->buf[s->i] == '\n')
		s->line++;
	s->i++;
}

/*
 * An integer token: libconfig 1.5 (as Debian builds it) keeps only the low
 * 32 bits of a decimal or hex literal, so 4294967308 reads as 12. Reject any
 * integer literal whose value does not fit: decimals in int32, hex in 32
 * bits (0xFFFFFFFF reads as -1, which the range checks then catch).
 */
static void scan_number(struct scan *s)
{
	size_t start = s->i;
	bool neg = false, hex = false, too_big = false;
	uint64_t v = 0;
	if (scan_peek(s, 0) == '-' || scan_peek(s, 0) == '+') {
		neg = scan_peek(s, 0) == '-';
		s->i++;
	}
	if (scan_peek(s, 0) == '0' &&
	    (scan_peek(s, 1) == 'x' || scan_peek(s, 1) == 'X')) {
		hex = true;
		s->i += 2;
		while (is_hex(scan_peek(s, 0))) {
			int c = scan_peek(s, 0);
			int d = is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
			if (v > (UINT64_MAX >> 4))
				too_big = true;
			else
				v = v * 16 + (uint64_t)d;
			s->i++;
		}
	} else {
		while (is_digit(scan_peek(s, 0))) {
			if (v > (UINT64_MAX - 9) / 10)
				too_big = true;
			else
				v = v * 10 + (uint64_t)(scan_peek(s, 0) - '0');
			s->i++;
		}
		int c = scan_peek(s, 0);
		if (c == '.' || c == 'e' || c == 'E') {
			/* A float: its type is checked after parsing. */
			while (is_digit(scan_peek(s, 0)) ||
			       scan_peek(s, 0) == '.' ||
			       scan_peek(s, 0) == 'e' ||
			       scan_peek(s, 0) == 'E' ||
			       ((scan_peek(s, 0) == '-' ||
			         scan_peek(s, 0) == '+') &&
			        (s->buf[s->i - 1] | 0x20) == 'e'))
				s->i++;
			return;
		}
	}
	if (hex)
		too_big = too_big || neg || v > 0x7FFFFFFFu;
	else
		too_big = too_big || (neg ? v > 2147483648u : v > 2147483647u);
	if (too_big) {
		/* As written, cut as any quoted value (SPEC 2.2). */
		char written[TEXT_QUOTE_SIZE];
		size_t n = s->i - start;
		strfmt(written, sizeof written, "%.*s",
		       n < sizeof written ? (int)n : (int)sizeof written - 1,
		       s->buf + start);
		rx_add_error(s->errs, s->file, s->line,
		             "number %s does not fit in 32 bits",
		             TEXT_QUOTED(written));
	}
	while (scan_peek(s, 0) == 'L')
		s->i++;
}

static void scan_string(struct scan *s)
{
	int open_line = s->line;
	s->i++; /* the opening quote */
	while (s->i < s->len) {
		char c = s->buf[s->i];
		if (c == '"') {
			s->i++;
			return;
		}
		if (c == '\\' && s->i + 1 < s->len) {
			if (s->buf[s->i + 1] == 'x' && s->i + 3 < s->len &&
			    s->buf[s->i + 2] == '0' && s->buf[s->i + 3] == '0')
				rx_add_error(
				    s->errs, s->file, s->line,
				    "a string holds a NUL escape (\\x00)");
			s->i++;
		}
		scan_advance(s);
	}
	rx_add_error(s->errs, s->file, open_line, "unterminated string");
}

static void scan_block_comment(struct scan *s)
{
	int open_line = s->line;
	s->i += 2;
	while (s->i < s->len) {
		if (s->buf[s->i] == '*' && scan_peek(s, 1) == '/') {
			s->i += 2;
			return;
		}
		scan_advance(s);
	}
	rx_add_error(s->errs, s->file, open_line, "unterminated /* comment");
}

static bool at_line_start(const struct scan *s)
{
	for (size_t k = s->i; k > 0; k--) {
		char c = s->buf[k - 1];
		if (c == '\n')
			return true;
		if (c != ' ' && c != '\t')
			return false;
	}
	return true;
}

/* The offset of the first byte at or after i that is neither blank nor in
 * a comment (len when there is none). */
static size_t next_token(const struct scan *s, size_t i)
{
	const char *b = s->buf;
	while (i < s->len) {
		if (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
		    b[i] == '\n' || b[i] == '\f' || b[i] == '\v') {
			i++;
		} else if (b[i] == '#' ||
		           (b[i] == '/' && i + 1 < s->len && b[i + 1] == '/')) {
			while (i < s->len && b[i] != '\n')
				i++;
		} else if (b[i] == '/' && i + 1 < s->len && b[i + 1] == '*') {
			for (i += 2; i + 1 < s->len &&
			             !(b[i] == '*' && b[i + 1] == '/');
			     i++)
				;
			i += 2;
		} else {
			return i;
		}
	}
	return s->len;
}

/*
 * The two commonest slips, which libconfig 1.5 calls only "syntax error"
 * at a later line (SPEC 2.2): a list of groups in [ ] (an array cannot
 * hold groups), said at the '[', naming the setting (name, n bytes); and
 * two groups with no comma between them, said at the first one's '}'.
 */
static void scan_slip(struct scan *s, int c, const char *name, size_t n)
{
	size_t next = next_token(s, s->i + 1);
	if (next >= s->len || s->buf[next] != '{')
		return;
	if (c == '}')
		rx_add_error(s->errs, s->file, s->line,
		             "a comma is missing after this group");
	else if (n > 0)
		rx_add_error(s->errs, s->file, s->line,
		             "the %.*s list is written with ( ), not [ ]",
		             (int)n, name);
	else
		rx_add_error(s->errs, s->file, s->line,
		             "a list of groups is written with ( ), not [ ]");
}

/* The bytes before any token: a BOM, a NUL, invalid UTF-8; false (one
 * fault said) when the file holds one. */
static bool scan_bytes(const char *file, const char *buf, size_t len,
                       struct rx_errors *errs)
{
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		rx_add_error(
		    errs, file, 1,
		    "the file starts with a byte order mark (BOM); save "
		    "it as UTF-8 without one");
		return false;
	}
	const char *nul = memchr(buf, '\0', len);
	size_t bad;
	if (nul) {
		int line = 1;
		for (const char *p = buf; p < nul; p++)
			line += *p == '\n';
		rx_add_error(errs, file, line, "the file holds a NUL byte");
		return false;
	}
	if (!text_utf8_valid(buf, len, &bad)) {
		int line = 1;
		for (size_t k = 0; k < bad; k++)
			line += buf[k] == '\n';
		rx_add_error(errs, file, line, "invalid UTF-8");
		return false;
	}
	return true;
}

/* Returns the number of errors it added. */
size_t rx_prescan(const char *file, const char *buf, size_t len,
                  struct rx_errors *errs)
{
	size_t before = errs->n;
	if (!scan_bytes(file, buf, len, errs))
		return errs->n - before;

	struct scan s = {file, buf, len, 0, 1, errs};
	/* Lines where the open ( [ { are, to name one never closed. */
	int open_at[RX_MAX_DEPTH];
	char open_ch[RX_MAX_DEPTH];
	int depth = 0;
	bool too_deep = false;
	/* The latest name followed by '=' or ':', for a slip's message. */
	const char *name = NULL;
	size_t name_len = 0;
	while (s.i < s.len) {
		int c = scan_peek(&s, 0);
		if (c == '[' || c == '}')
			scan_slip(&s, c, name, name_len);
		if (c == '(' || c == '[' || c == '{') {
			if (depth == RX_MAX_DEPTH) {
				if (!too_deep)
					rx_add_error(
					    errs, file, s.line,
					    "lists and groups are nested "
					    "too deeply");
				too_deep = true;
			} else {
				open_ch[depth] = (char)c;
				open_at[depth++] = s.line;
			}
			s.i++;
			continue;
		}
		if ((c == ')' || c == ']' || c == '}') && !too_deep) {
			char want = c == ')' ? '(' : c == ']' ? '[' : '{';
			int k = depth - 1;
			while (k >= 0 && open_ch[k] != want)
				k--;
			/* A closer with no opener is libconfig's syntax error.
			 */
			if (k >= 0) {
				for (int j = k + 1; j < depth; j++)
					rx_add_error(errs, file, open_at[j],
					             "'%c' is never closed",
					             open_ch[j]);
				depth = k;
			}
			s.i++;
			continue;
		}
		if (c == '#' || (c == '/' && scan_peek(&s, 1) == '/')) {
			while (s.i < s.len && s.buf[s.i] != '\n')
				s.i++;
		} else if (c == '/' && scan_peek(&s, 1) == '*') {
			scan_block_comment(&s);
		} else if (c == '"') {
			scan_string(&s);
		} else if (c == '@') {
			if (s.len - s.i >= 8 &&
			    memcmp(s.buf + s.i, "@include", 8) == 0)
				rx_add_error(errs, file, s.line,
				             "@include is not allowed in a "
				             "prescription");
			else if (at_line_start(&s))
				rx_add_error(errs, file, s.line,
				             "unexpected '@'");
			s.i++;
		} else if (is_name_start(c)) {
			size_t start = s.i;
			while (is_name_char(scan_peek(&s, 0)))
				s.i++;
			size_t after = next_token(&s, s.i);
			if (after < s.len &&
			    (s.buf[after] == '=' || s.buf[after] == ':')) {
				name = s.buf + start;
				name_len = s.i - start;
			}
		} else if (is_digit(c) || ((c == '-' || c == '+') &&
		                           is_digit(scan_peek(&s, 1)))) {
			scan_number(&s);
		} else {
			scan_advance(&s);
		}
	}
	/* An unterminated comment or string swallows closers: say only that. */
	for (int k = 0; !too_deep && errs->n == before && k < depth; k++)
		rx_add_error(errs, file, open_at[k], "'%c' is never closed",
		             open_ch[k]);
	rx_sort_errors(errs, before);
	return errs->n - before;
}

/*
 * libconfig 1.5 says "duplicate setting name" with the line but not the
 * name: the setting on that line whose name an earlier setting of the same
 * group holds. Copies it into out (size bytes) and returns true, or false
 * if the line holds none.
 */
bool rx_duplicate_name(const char *text, int line, char *out, size_t size)
{
	struct seen {
		size_t at, len;
		int group;
	} *names = NULL;
	size_t n = 0;
	int stack[64], depth = 0, groups = 0, ln = 1;
	stack[0] = 0;
	bool found = false;
	for (const char *p = text; *p && !found; p++) {
		if (*p == '\n') {
			ln++;
		} else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
				ln += *p == '\n';
			if (!*p)
				break;
			p++;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				ln += *p == '\n';
			}
			if (!*p)
				break;
		} else if (strchr("{([", *p)) {
			if (depth < 63)
				stack[++depth] = ++groups;
		} else if (strchr("})]", *p)) {
			if (depth > 0)
				depth--;
		} else if (isalpha((unsigned char)*p) || *p == '*') {
			const char *q = p;
			while (isalnum((unsigned char)*q) || strchr("-_*", *q))
				q++;
			const char *r = q;
			while (*r == ' ' || *r == '\t')
				r++;
			size_t len = (size_t)(q - p);
			if (*r == '=' || *r == ':') {
				for (size_t i = 0;
				     i < n && ln == line && !found; i++)
					found =
					    names[i].group == stack[depth] &&
					    names[i].len == len &&
					    !memcmp(text + names[i].at, p, len);
				if (found)
					strfmt(out, size, "%.*s", (int)len, p);
				if ((n & (n - 1)) == 0)
					names =
					    xrealloc(names, (n ? 2 * n : 1) *
					                        sizeof *names);
				names[n++] = (struct seen){(size_t)(p - text),
				                           len, stack[depth]};
			}
			p = q - 1;
		}
	}
	free(names);
	return found;
}
