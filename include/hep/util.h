/*
 * util: allocation that never returns NULL, and small string helpers.
 * Running out of memory ends the program with a message (as htop and
 * calcurse do): a half-built state is worse than a clean exit, and every
 * write is a committed transaction, so nothing acknowledged is lost.
 */
#ifndef HEP_UTIL_H
#define HEP_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define HEP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define HEP_PRINTF(f, a)
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* A new string formatted as by printf; the caller frees it. */
char *xasprintf(const char *fmt, ...) HEP_PRINTF(1, 2);
/* xasprintf with the arguments in ap (which it uses up). */
char *xvasprintf(const char *fmt, va_list ap) HEP_PRINTF(1, 0);

/*
 * Creates the folders leading to the file path, new ones 0700. Returns 0,
 * or -1 with errno set and the folder that failed in failed (size bytes).
 */
int make_parents(const char *path, char *failed, size_t size);

/* Fills buf with n bytes from the system's random source (getrandom).
 * Returns 0, or -1 with errno set. */
int util_random(void *buf, size_t n);

/* Formats into buf of size bytes, always NUL-terminated (truncating). */
void strfmt(char *buf, size_t size, const char *fmt, ...) HEP_PRINTF(3, 4);

/* Appends to the text in buf: sep first, unless buf is empty or ends in a
 * space, then the formatted part; never past size. */
void strpart(char *buf, size_t size, const char *sep, const char *fmt, ...)
    HEP_PRINTF(4, 5);

#endif
