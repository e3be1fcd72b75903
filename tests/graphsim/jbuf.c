/*
 * A growable byte buffer and JSON string escaping. Each thread builds its
 * own answers in its own buffers; nothing here is shared.
 */
#include "config.h"

#include "jbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Start an empty buffer. */
void
jbuf_init(struct jbuf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

/* Free a buffer's memory. */
void
jbuf_done(struct jbuf *b)
{
	free(b->p);
	jbuf_init(b);
}

/* Make room for n more bytes and a terminating NUL. */
void
jbuf_reserve(struct jbuf *b, size_t n)
{
	size_t want = b->len + n + 1;

	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < want)
		b->cap *= 2;
	b->p = xreallocarray(b->p, 1, b->cap);
}

/* Append n bytes. */
void
jbuf_add(struct jbuf *b, const char *s, size_t n)
{
	jbuf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Append a C string. */
void
jbuf_adds(struct jbuf *b, const char *s)
{
	jbuf_add(b, s, strlen(s));
}

/* Append one byte. */
void
jbuf_addc(struct jbuf *b, char c)
{
	jbuf_reserve(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* Append formatted text. */
void
jbuf_printf(struct jbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	jbuf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Append n bytes as a quoted JSON string. */
void
jbuf_strn(struct jbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i, start = 0;

	jbuf_reserve(b, n + 2);
	jbuf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = u[i];
		char esc[6];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		jbuf_add(b, s + start, i - start);
		start = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':
			esc[1] = '"';
			break;
		case '\\':
			esc[1] = '\\';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
			break;
		}
		jbuf_add(b, esc, elen);
	}
	jbuf_add(b, s + start, n - start);
	jbuf_addc(b, '"');
}

/* Append a C string as a quoted JSON string. */
void
jbuf_str(struct jbuf *b, const char *s)
{
	jbuf_strn(b, s, strlen(s));
}

/* Append a quoted JSON string, or null for NULL. */
void
jbuf_str_or_null(struct jbuf *b, const char *s)
{
	if (s == NULL)
		jbuf_adds(b, "null");
	else
		jbuf_str(b, s);
}

/* Take the buffer's memory (never NULL); the buffer is left empty. */
char *
jbuf_steal(struct jbuf *b, size_t *len)
{
	char *p;

	if (b->p == NULL) {
		jbuf_reserve(b, 0);
		b->p[0] = '\0';
	}
	p = b->p;
	if (len != NULL)
		*len = b->len;
	jbuf_init(b);
	return p;
}
