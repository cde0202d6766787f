/*
 * json: writing JSON text. Readers compare parsed JSON, so the layout is
 * free; strings are always escaped here and nowhere else.
 */
#ifndef HEP_JSON_H
#define HEP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes s as a JSON string (quoted, escaped: C0 controls, DEL, C1
 * controls and the bidirectional controls as \u0080..., never raw);
 * null for NULL. */
void json_string(FILE *f, const char *s);

/* Writes v, or null when present is 0. */
void json_int(FILE *f, int v, int present);

/* Writes lines joined by '\n' (labels) as an array of strings; null for
 * NULL. */
void json_lines(FILE *f, const char *joined);

/* Writes a value or a range: null when lo is 0, lo when hi is not above
 * it, else [lo, hi]. */
void json_range(FILE *f, int lo, int hi);

/* ---- reading (untrusted input) ---- */

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
};

struct json_value {
	enum json_type type;
	int line; /* where the value starts, from 1 */
	bool b;
	bool integer; /* a number written without . or e */
	long long i;  /* its value when integer (clamped) */
	double num;   /* NaN when beyond a double (1e999, 1e-999) */
	char *str;    /* a string: UTF-8, no NUL inside; a number: as written
	                 ("92.50"), for a reader that checks its form */
	struct json_value *items; /* array elements or object values */
	char **keys;              /* object keys, parallel to items */
	size_t n;
};

#define JSON_MAX_DEPTH 32

/* Frees a parsed value and everything it holds. */
void json_free(struct json_value *v);

/* Called with each element of a streamed array, the root member's key it
 * is in, and the number of bytes parsed so far; the element is freed after
 * the call. */
typedef void json_each_fn(void *arg, const char *key,
                          const struct json_value *item, size_t parsed);

/*
 * Parses len bytes of strict JSON (UTF-8, at most JSON_MAX_DEPTH levels,
 * no \u0000, nothing after the value), handing the elements of every array
 * that is a member of the root object to each, one at a time, instead of
 * keeping them (those arrays are left empty): a back-up of any length is
 * read in the memory of one element. On success returns 0 and *out (free
 * with json_free); on failure -1 and a message and its line.
 */
int json_parse_each(const char *text, size_t len, json_each_fn *each, void *arg,
                    struct json_value **out, int *line, char *err,
                    size_t errlen);

/* The member key of an object, or NULL. */
const struct json_value *json_get(const struct json_value *obj,
                                  const char *key);

#endif
