/*
 * Allocation wrappers that exit on failure, so that callers need not check,
 * and fatal(), which restores the terminal through a hook before it exits.
 */
#include "config.h"

#include "xmalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

/* Allocate size bytes or die. */
void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory allocating %zu bytes", size);
	return p;
}

/* Allocate a zeroed array or die. */
void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory allocating %zu*%zu bytes", n, size);
	return p;
}

/* Resize an array of n elements of size bytes, checking for overflow. */
void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		fatal("array of %zu*%zu bytes is too large", n, size);
	if ((p = realloc(old, n * size)) == NULL)
		fatal("out of memory allocating %zu*%zu bytes", n, size);
	return p;
}

/* Make room for element n, doubling the capacity when the array is full. */
void *
xgrowarray(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	if (*cap > SIZE_MAX / 2)
		fatal("array of %zu elements is too large", *cap);
	*cap = *cap == 0 ? 16 : *cap * 2;
	return xreallocarray(v, *cap, size);
}

/* Copy a string or die. */
char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory copying a string");
	return p;
}

/* Copy a string that may be NULL (NULL stays NULL) or die. */
char *
xstrdup_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

/* Copy at most n bytes of a string or die. */
char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		fatal("out of memory copying a string");
	return p;
}

/* Wipe a string with a secret or a token before freeing it. */
void
xfree_secret(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* Print into a newly allocated string or die. */
int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return n;
}

/* Print into a newly allocated string or die, from a va_list. */
int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int n;

	if ((n = vasprintf(ret, fmt, ap)) == -1)
		fatal("out of memory formatting a string");
	return n;
}

/* Set the function fatal() calls first, such as one that ends curses. */
void
fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Restore the terminal, print a message and exit with status 1. */
void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL)
		fatal_hook();
	fputs("teamtop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}
