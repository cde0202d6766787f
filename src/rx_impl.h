/*
 * What the prescription's own files share and nobody else sees:
 * prescription.c (the field table, the dose text, the diff), rx_scan.c
 * (the errors list and the pre-scan), rx_file.c (the libconfig reader, the
 * only file that includes <libconfig.h>) and rx_measure.c (the measures).
 */
#ifndef HEP_RX_IMPL_H
#define HEP_RX_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "hep/prescription.h"
#include "hep/util.h"

/* Characters as the file and its pre-scan class them (ASCII only). */
static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline bool is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*';
}

static inline bool is_name_char(int c)
{
	return is_name_start(c) || is_digit(c) || c == '-' || c == '_';
}

/* Whether two texts, either NULL, are the same (both NULL: yes). */
static inline bool str_equal(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether a field of type t holds a char * (text, labels, tempo). */
bool rx_type_is_text(enum rx_type t);

/* Whether a field of type t holds a struct rx_range (count, time). */
bool rx_type_is_range(enum rx_type t);

/* Copies one version into dst (its own copies of the texts): everything
 * but the steps. dst's old texts are not freed. */
void rx_copy_version(struct rx_exercise *dst, const struct rx_exercise *src);

/* Appends "FILE:LINE: message" (or "FILE: message" for line 0) to errs,
 * what the file says shown escaped. */
void rx_add_error(struct rx_errors *errs, const char *file, int line,
                  const char *fmt, ...) HEP_PRINTF(4, 5);

/* Orders the messages from first on by line, keeping ties in order. */
void rx_sort_errors(struct rx_errors *errs, size_t first);

/* The pre-scan of buf (len bytes, the file name): says into errs what
 * libconfig 1.5 would get wrong; returns how many faults it added. */
size_t rx_prescan(const char *file, const char *buf, size_t len,
                  struct rx_errors *errs);

/* The name of the setting on line that an earlier one of its group holds
 * (libconfig says "duplicate setting name" without it), into out; false if
 * the line holds none. */
bool rx_duplicate_name(const char *text, int line, char *out, size_t size);

#endif
