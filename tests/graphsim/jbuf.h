/*
 * A growable byte buffer with JSON string escaping, used to build every
 * answer. Not shared between threads.
 */
#ifndef JBUF_H
#define JBUF_H

#include <stddef.h>

struct jbuf {
	char *p;    /* Always NUL-terminated when cap > 0. */
	size_t len; /* Bytes. */
	size_t cap; /* Bytes allocated. */
};

void jbuf_init(struct jbuf *);
void jbuf_done(struct jbuf *);
void jbuf_reserve(struct jbuf *, size_t);
void jbuf_add(struct jbuf *, const char *, size_t);
void jbuf_adds(struct jbuf *, const char *);
void jbuf_addc(struct jbuf *, char);
void jbuf_printf(struct jbuf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void jbuf_str(struct jbuf *, const char *);
void jbuf_strn(struct jbuf *, const char *, size_t);
void jbuf_str_or_null(struct jbuf *, const char *);
char *jbuf_steal(struct jbuf *, size_t *);

#endif
