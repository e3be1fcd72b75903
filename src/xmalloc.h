/*
 * Allocation that cannot fail, and fatal errors. Safe from any thread.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
/*
 * Make room for one more element after the n in an array of elements of
 * size bytes: when n reaches *cap, *cap doubles (from 16). Returns the
 * array, which may have moved; the new room is not cleared.
 */
void *xgrowarray(void *, size_t n, size_t *cap, size_t size);
char *xstrdup(const char *);
/* A copy of a string, or NULL for NULL. */
char *xstrdup_null(const char *);
char *xstrndup(const char *, size_t);
/* Wipe a string that holds a secret, then free it; NULL is fine. */
void xfree_secret(char *);
int xasprintf(char **, const char *, ...) __attribute__((format(printf, 2, 3)));
int xvasprintf(char **, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

/* Called by fatal() before it exits, to restore the terminal. */
void fatal_set_hook(void (*)(void));
void fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
