/*
 * json: writing JSON text. Readers compare parsed JSON, so the layout is
 * free; strings are always escaped here and nowhere else.
 */
#ifndef HEP_JSON_H
#define HEP_JSON_H

#include <stdio.h>

/* Writes s as a JSON string (quoted, escaped); null for NULL. */
void json_string(FILE *f, const char *s);

/* Writes v, or null when present is 0. */
void json_int(FILE *f, int v, int present);

#endif
