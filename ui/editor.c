/*
 * The line editor: a UTF-8 buffer with a cursor. Characters are encoded
 * here, not through the locale, and the buffer only ever holds whole
 * characters, so a cut or a deletion cannot leave half of one. UI thread
 * only.
 */
#include "config.h"

#include "editor.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "xmalloc.h"

/* C-u, as a typed character. */
#define EDITOR_CTRL_U 21

/* Is this byte the start of a character (not a continuation byte)? */
static int
editor_is_start(unsigned char c)
{
	return (c & 0xc0) != 0x80;
}

/* Encode a code point as UTF-8; the number of bytes, 0 when invalid. */
static size_t
editor_encode(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0; /* A surrogate is no character. */
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp <= 0x10ffff) {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		return 4;
	}
	return 0;
}

/* An empty line of at most max bytes. */
void
editor_init(struct editor *e, size_t max)
{
	e->buf = xcalloc(1, max + 1);
	e->len = e->cursor = 0;
	e->max = max;
}

/* Free the buffer. */
void
editor_done(struct editor *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cursor = 0;
}

/* The text. */
const char *
editor_text(const struct editor *e)
{
	return e->buf == NULL ? "" : e->buf;
}

/* Replace the text, keeping whole characters only; cursor at the end. */
void
editor_set(struct editor *e, const char *s)
{
	size_t n = strlen(s);

	if (n > e->max) {
		n = e->max;
		while (n > 0 && !editor_is_start((unsigned char)s[n]))
			n--;
	}
	memcpy(e->buf, s, n);
	e->buf[n] = '\0';
	e->len = e->cursor = n;
}

/* Empty the line. */
void
editor_clear(struct editor *e)
{
	e->buf[0] = '\0';
	e->len = e->cursor = 0;
}

/* Insert a character at the cursor. */
int
editor_insert(struct editor *e, unsigned int cp)
{
	char mb[4];
	size_t n;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return -1; /* C0, DEL and C1 controls. */
	if ((n = editor_encode(cp, mb)) == 0 || e->len + n > e->max)
		return -1;
	memmove(e->buf + e->cursor + n, e->buf + e->cursor,
	    e->len - e->cursor + 1);
	memcpy(e->buf + e->cursor, mb, n);
	e->len += n;
	e->cursor += n;
	return 0;
}

/* Delete the whole character before the cursor. */
int
editor_backspace(struct editor *e)
{
	size_t from = e->cursor;

	if (from == 0)
		return -1;
	while (from > 0) {
		from--;
		if (editor_is_start((unsigned char)e->buf[from]))
			break;
	}
	memmove(e->buf + from, e->buf + e->cursor, e->len - e->cursor + 1);
	e->len -= e->cursor - from;
	e->cursor = from;
	return 0;
}

/* Delete from the start of the line to the cursor. */
void
editor_kill(struct editor *e)
{
	memmove(e->buf, e->buf + e->cursor, e->len - e->cursor + 1);
	e->len -= e->cursor;
	e->cursor = 0;
}

/* Move the cursor back over one character. */
int
editor_left(struct editor *e)
{
	if (e->cursor == 0)
		return -1;
	do
		e->cursor--;
	while (e->cursor > 0 &&
	    !editor_is_start((unsigned char)e->buf[e->cursor]));
	return 0;
}

/* Move the cursor forward over one character. */
int
editor_right(struct editor *e)
{
	if (e->cursor == e->len)
		return -1;
	do
		e->cursor++;
	while (e->cursor < e->len &&
	    !editor_is_start((unsigned char)e->buf[e->cursor]));
	return 0;
}

/* The display width of the text before the cursor. */
int
editor_cursor_cells(const struct editor *e)
{
	char *before;
	int w;

	before = xstrndup(editor_text(e), e->cursor);
	w = text_width(before);
	free(before);
	return w;
}

/* Apply a typed key. */
int
editor_key(struct editor *e, int key)
{
	switch (key) {
	case KEYS_FN | KEY_BACKSPACE:
	case 0x7f:
	case 8:
		editor_backspace(e);
		return 1;
	case EDITOR_CTRL_U:
		editor_kill(e);
		return 1;
	default:
		if (key & KEYS_FN)
			return 0;
		editor_insert(e, (unsigned int)key);
		return 1;
	}
}
