#include "hep/json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"

void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7F) {
				fprintf(f, "\\u%04x", *p);
			} else if (*p >= 0x80) {
				/* C1 and bidirectional controls a stored
				 * text from an old file may hold: escaped,
				 * never raw (SPEC section 6.2). */
				uint32_t cp;
				int n = text_utf8_next((const char *)p, &cp);
				if (n > 1 && text_cp_forbidden(cp))
					fprintf(f, "\\u%04x", (unsigned)cp);
				else
					fwrite(p, 1, (size_t)n, f);
				p += n - 1;
			} else {
				fputc(*p, f);
			}
		}
	}
	fputc('"', f);
}

void json_int(FILE *f, int v, int present)
{
	if (present)
		fprintf(f, "%d", v);
	else
		fputs("null", f);
}

void json_lines(FILE *f, const char *joined)
{
	if (!joined) {
		fputs("null", f);
		return;
	}
	fputc('[', f);
	for (const char *p = joined;;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *one = xmalloc(n + 1);
		memcpy(one, p, n);
		one[n] = '\0';
		fputs(p == joined ? "" : ", ", f);
		json_string(f, one);
		free(one);
		if (!end)
			break;
		p = end + 1;
	}
	fputc(']', f);
}

void json_range(FILE *f, int lo, int hi)
{
	if (lo == 0)
		fputs("null", f);
	else if (hi <= lo)
		fprintf(f, "%d", lo);
	else
		fprintf(f, "[%d, %d]", lo, hi);
}

/* ---- reading ------------------------------------------------------------- */

struct reader {
	const char *s;
	size_t len, i;
	int line;
	char *err;
	size_t errlen;
	int err_line;
	/* json_parse_each: the elements of the root object's arrays are
	 * handed to each, one at a time, with the member's key; stream: the
	 * value being parsed is such an array. */
	const char *each_key;
	json_each_fn *each;
	void *each_arg;
	bool stream;
};

static int fail_at(struct reader *r, const char *msg)
{
	if (!r->err[0]) {
		strfmt(r->err, r->errlen, "%s", msg);
		r->err_line = r->line;
	}
	return -1;
}

static void skip_space(struct reader *r)
{
	while (r->i < r->len) {
		char c = r->s[r->i];
		if (c == '\n')
			r->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return;
		r->i++;
	}
}

static int hex4(struct reader *r, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		if (r->i >= r->len)
			return fail_at(r, "unterminated string");
		char c = r->s[r->i++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail_at(r, "bad \\u escape in a string");
	}
	*out = v;
	return 0;
}

static int parse_string(struct reader *r, char **out)
{
	size_t start = ++r->i; /* past the quote */
	size_t end = start;
	while (end < r->len && r->s[end] != '"') {
		if (r->s[end] == '\\')
			end++;
		end++;
	}
	if (end >= r->len)
		return fail_at(r, "unterminated string");
	if (!text_utf8_valid(r->s + start, end - start, NULL))
		return fail_at(r, "a string is not valid UTF-8");
	/* The decoded text is never longer than the escaped one. */
	char *buf = xmalloc(end - start + 1);
	size_t n = 0;
	while (r->i < end) {
		char c = r->s[r->i++];
		if ((unsigned char)c < 0x20) {
			free(buf);
			return fail_at(r,
			               "a control character inside a string");
		}
		if (c != '\\') {
			buf[n++] = c;
			continue;
		}
		char e = r->s[r->i++];
		unsigned cp;
		switch (e) {
		case '"':
			buf[n++] = '"';
			break;
		case '\\':
			buf[n++] = '\\';
			break;
		case '/':
			buf[n++] = '/';
			break;
		case 'b':
			buf[n++] = '\b';
			break;
		case 'f':
			buf[n++] = '\f';
			break;
		case 'n':
			buf[n++] = '\n';
			break;
		case 'r':
			buf[n++] = '\r';
			break;
		case 't':
			buf[n++] = '\t';
			break;
		case 'u':
			if (hex4(r, &cp) != 0) {
				free(buf);
				return -1;
			}
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				unsigned lo;
				if (r->i + 1 >= end || r->s[r->i] != '\\' ||
				    r->s[r->i + 1] != 'u') {
					free(buf);
					return fail_at(
					    r, "a lone surrogate in a string");
				}
				r->i += 2;
				if (hex4(r, &lo) != 0 || lo < 0xDC00 ||
				    lo > 0xDFFF) {
					free(buf);
					return fail_at(
					    r, "a lone surrogate in a string");
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     (lo - 0xDC00);
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				free(buf);
				return fail_at(r,
				               "a lone surrogate in a string");
			}
			if (cp == 0) {
				free(buf);
				return fail_at(
				    r, "a NUL character (\\u0000) in a string");
			}
			n += (size_t)text_utf8_put(cp, buf + n);
			break;
		default:
			free(buf);
			return fail_at(r, "a bad escape in a string");
		}
	}
	r->i = end + 1;
	buf[n] = '\0';
	*out = buf;
	return 0;
}

static int parse_value(struct reader *r, struct json_value *v, int depth);

static int parse_number(struct reader *r, struct json_value *v)
{
	size_t start = r->i;
	if (r->s[r->i] == '-')
		r->i++;
	size_t digits = r->i;
	while (r->i < r->len && r->s[r->i] >= '0' && r->s[r->i] <= '9')
		r->i++;
	if (r->i == digits || (r->s[digits] == '0' && r->i - digits > 1))
		return fail_at(r, "a malformed number");
	v->integer = true;
	if (r->i < r->len && r->s[r->i] == '.') {
		v->integer = false;
		size_t frac = ++r->i;
		while (r->i < r->len && r->s[r->i] >= '0' && r->s[r->i] <= '9')
			r->i++;
		if (r->i == frac)
			return fail_at(r, "a malformed number");
	}
	if (r->i < r->len && (r->s[r->i] == 'e' || r->s[r->i] == 'E')) {
		v->integer = false;
		r->i++;
		if (r->i < r->len && (r->s[r->i] == '+' || r->s[r->i] == '-'))
			r->i++;
		size_t exp = r->i;
		while (r->i < r->len && r->s[r->i] >= '0' && r->s[r->i] <= '9')
			r->i++;
		if (r->i == exp)
			return fail_at(r, "a malformed number");
	}
	char buf[64];
	size_t n = r->i - start;
	if (n >= sizeof buf)
		return fail_at(r, "a number too long");
	memcpy(buf, r->s + start, n);
	buf[n] = '\0';
	v->type = JSON_NUMBER;
	errno = 0;
	v->str = xstrdup(buf); /* as written, for a reader of its form */
	v->num = strtod(buf, NULL);
	if (errno == ERANGE)
		v->num = NAN; /* beyond a double (1e999, 1e-999): none fits */
	if (v->integer) {
		char *end;
		v->i = strtoll(buf, &end, 10); /* clamps to LLONG_MIN/MAX */
	}
	return 0;
}

static int expect_word(struct reader *r, const char *w)
{
	size_t n = strlen(w);
	if (r->len - r->i < n || memcmp(r->s + r->i, w, n) != 0)
		return fail_at(r, "unexpected text");
	r->i += n;
	return 0;
}

/* The keys of an object being read, hashed once it has many (slot:
 * index + 1, 0 for empty; cap a power of two). */
struct key_set {
	size_t *slot;
	size_t cap;
};

static uint64_t key_hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Puts key i of keys into the set; true if an equal key is there. */
static bool key_put(struct key_set *ks, char **keys, size_t i)
{
	size_t mask = ks->cap - 1;
	for (size_t j = key_hash(keys[i]) & mask;; j = (j + 1) & mask) {
		if (!ks->slot[j]) {
			ks->slot[j] = i + 1;
			return false;
		}
		if (strcmp(keys[ks->slot[j] - 1], keys[i]) == 0)
			return true;
	}
}

/* Whether keys[n] is one of keys[0..n) (which are all different): a
 * look along a small object, a hash of a large one, so that an object of
 * any size is read in linear time. */
static bool key_twice(struct key_set *ks, char **keys, size_t n)
{
	if (n < 16) {
		for (size_t i = 0; i < n; i++)
			if (strcmp(keys[i], keys[n]) == 0)
				return true;
		return false;
	}
	if (ks->cap < 2 * (n + 1)) {
		free(ks->slot);
		ks->cap = 64;
		while (ks->cap < 4 * (n + 1))
			ks->cap *= 2;
		ks->slot = xcalloc(ks->cap, sizeof *ks->slot);
		for (size_t i = 0; i < n; i++)
			key_put(ks, keys, i);
	}
	return key_put(ks, keys, n);
}

static int parse_members(struct reader *r, struct json_value *v, int depth,
                         struct key_set *ks);

static int parse_container(struct reader *r, struct json_value *v, int depth)
{
	struct key_set ks = {NULL, 0};
	int rc = parse_members(r, v, depth, &ks);
	free(ks.slot);
	return rc;
}

/* An object's members or an array's elements, up to the closing bracket;
 * an object with a key twice is refused (SPEC section 6.2). */
static int parse_members(struct reader *r, struct json_value *v, int depth,
                         struct key_set *ks)
{
	bool object = r->s[r->i] == '{';
	char close = object ? '}' : ']';
	v->type = object ? JSON_OBJECT : JSON_ARRAY;
	r->i++;
	skip_space(r);
	if (r->i < r->len && r->s[r->i] == close) {
		r->i++;
		return 0;
	}
	size_t cap = 0;
	for (;;) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 4;
			v->items = xrealloc(v->items, cap * sizeof *v->items);
			if (object)
				v->keys =
				    xrealloc(v->keys, cap * sizeof *v->keys);
		}
		skip_space(r);
		if (object) {
			if (r->i >= r->len || r->s[r->i] != '"')
				return fail_at(r, "expected a \"key\"");
			if (parse_string(r, &v->keys[v->n]) != 0)
				return -1;
			if (key_twice(ks, v->keys, v->n)) {
				char msg[80];
				strfmt(msg, sizeof msg,
				       "\"%s\" appears twice in one object",
				       TEXT_QUOTE(v->keys[v->n], 40));
				free(v->keys[v->n]);
				return fail_at(r, msg);
			}
			skip_space(r);
			if (r->i >= r->len || r->s[r->i] != ':') {
				free(v->keys[v->n]);
				return fail_at(r, "expected ':'");
			}
			r->i++;
		}
		memset(&v->items[v->n], 0, sizeof *v->items);
		v->n++;
		r->stream = object && depth == 0 && r->each;
		if (r->stream)
			r->each_key = v->keys[v->n - 1];
		if (parse_value(r, &v->items[v->n - 1], depth + 1) != 0)
			return -1;
		skip_space(r);
		if (r->i < r->len && r->s[r->i] == ',') {
			r->i++;
			continue;
		}
		if (r->i < r->len && r->s[r->i] == close) {
			r->i++;
			return 0;
		}
		return fail_at(r, object ? "expected ',' or '}'"
		                         : "expected ',' or ']'");
	}
}

static void free_inside(struct json_value *v);

/* The elements of a streamed array: each in turn, then freed. */
static int parse_stream(struct reader *r, struct json_value *v, int depth)
{
	v->type = JSON_ARRAY;
	r->i++;
	skip_space(r);
	if (r->i < r->len && r->s[r->i] == ']') {
		r->i++;
		return 0;
	}
	for (;;) {
		struct json_value item;
		memset(&item, 0, sizeof item);
		int rc = parse_value(r, &item, depth + 1);
		if (rc == 0)
			r->each(r->each_arg, r->each_key, &item, r->i);
		free_inside(&item);
		if (rc != 0)
			return -1;
		skip_space(r);
		if (r->i < r->len && r->s[r->i] == ',') {
			r->i++;
			continue;
		}
		if (r->i < r->len && r->s[r->i] == ']') {
			r->i++;
			return 0;
		}
		return fail_at(r, "expected ',' or ']'");
	}
}

static int parse_value(struct reader *r, struct json_value *v, int depth)
{
	bool stream = r->stream;
	r->stream = false;
	skip_space(r);
	v->line = r->line;
	if (depth > JSON_MAX_DEPTH)
		return fail_at(r, "nested too deeply");
	if (r->i >= r->len)
		return fail_at(r, "unexpected end of the file");
	char c = r->s[r->i];
	if (c == '[' && stream)
		return parse_stream(r, v, depth);
	if (c == '{' || c == '[')
		return parse_container(r, v, depth);
	if (c == '"') {
		v->type = JSON_STRING;
		return parse_string(r, &v->str);
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(r, v);
	if (c == 't' || c == 'f') {
		v->type = JSON_BOOL;
		v->b = c == 't';
		return expect_word(r, c == 't' ? "true" : "false");
	}
	if (c == 'n') {
		v->type = JSON_NULL;
		return expect_word(r, "null");
	}
	return fail_at(r, "unexpected character");
}

static void free_inside(struct json_value *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free_inside(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

void json_free(struct json_value *v)
{
	if (!v)
		return;
	free_inside(v);
	free(v);
}

int json_parse_each(const char *text, size_t len, json_each_fn *each, void *arg,
                    struct json_value **out, int *line, char *err,
                    size_t errlen)
{
	struct reader r = {text, len,  0,    1,   err,  errlen,
	                   0,    NULL, each, arg, false};
	struct json_value *v = xcalloc(1, sizeof *v);
	err[0] = '\0';
	*out = NULL;
	int rc = parse_value(&r, v, 0);
	if (rc == 0) {
		skip_space(&r);
		if (r.i != len)
			rc =
			    fail_at(&r, "text after the end of the JSON value");
	}
	if (rc != 0) {
		*line = r.err_line;
		json_free(v);
		return -1;
	}
	*out = v;
	return 0;
}

const struct json_value *json_get(const struct json_value *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->items[i];
	return NULL;
}
