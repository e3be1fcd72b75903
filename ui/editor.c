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

/* Control keys, as typed. */
#define EDITOR_CTRL_A 1
#define EDITOR_CTRL_E 5
#define EDITOR_CTRL_K 11
#define EDITOR_CTRL_U 21
#define EDITOR_CTRL_W 23

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

/*
 * The code point at s (len bytes left) and its length in *n; an invalid
 * byte is one character of its own.
 */
static unsigned int
editor_decode(const char *s, size_t len, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int cp;
	size_t want, i;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		want = 2;
		cp = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		want = 3;
		cp = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		want = 4;
		cp = p[0] & 0x07;
	} else {
		*n = 1;
		return 0xfffd;
	}
	for (i = 1; i < want; i++) {
		if (i >= len || editor_is_start(p[i])) {
			*n = i;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	*n = want;
	return cp;
}

/* The display width of the character at byte at, and its length in *n. */
static int
editor_char_cells(const struct editor *e, size_t at, size_t *n)
{
	unsigned int cp;

	cp = editor_decode(e->buf + at, e->len - at, n);
	return cp == 0xfffd ? 1 : text_cp_width(cp);
}

/* The display width of the bytes from..to. */
static int
editor_cells(const struct editor *e, size_t from, size_t to)
{
	size_t n;
	int w = 0;

	while (from < to) {
		w += editor_char_cells(e, from, &n);
		from += n;
	}
	return w;
}

/* The start of the character before byte at. */
static size_t
editor_prev(const struct editor *e, size_t at)
{
	while (at > 0) {
		at--;
		if (editor_is_start((unsigned char)e->buf[at]))
			break;
	}
	return at;
}

/* An empty line of at most max bytes. */
void
editor_init(struct editor *e, size_t max)
{
	e->buf = xcalloc(1, max + 1);
	e->len = e->cursor = e->scroll = 0;
	e->max = max;
}

/* Free the buffer. */
void
editor_done(struct editor *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cursor = e->scroll = 0;
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
	e->scroll = 0;
}

/* Empty the line. */
void
editor_clear(struct editor *e)
{
	e->buf[0] = '\0';
	e->len = e->cursor = e->scroll = 0;
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

/* Delete the whole character at the cursor. */
static int
editor_delete(struct editor *e)
{
	size_t n;

	if (e->cursor == e->len)
		return -1;
	editor_decode(e->buf + e->cursor, e->len - e->cursor, &n);
	memmove(e->buf + e->cursor, e->buf + e->cursor + n,
	    e->len - e->cursor - n + 1);
	e->len -= n;
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

/* Delete from the cursor to the end of the line. */
void
editor_kill_end(struct editor *e)
{
	e->buf[e->cursor] = '\0';
	e->len = e->cursor;
}

/* Delete the word before the cursor, with the spaces between. */
void
editor_kill_word(struct editor *e)
{
	size_t from = e->cursor;

	while (from > 0 && e->buf[from - 1] == ' ')
		from--;
	while (from > 0 && e->buf[from - 1] != ' ')
		from--;
	memmove(e->buf + from, e->buf + e->cursor, e->len - e->cursor + 1);
	e->len -= e->cursor - from;
	e->cursor = from;
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

/* Move the cursor to the start of the line. */
void
editor_home(struct editor *e)
{
	e->cursor = 0;
}

/* Move the cursor to the end of the line. */
void
editor_end(struct editor *e)
{
	e->cursor = e->len;
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

/* Scroll to keep the cursor in cells columns; the bytes to draw. */
int
editor_view(struct editor *e, int cells, size_t *from, size_t *to)
{
	size_t n, at;
	int w, cw, cur;

	if (cells < 1)
		cells = 1;
	if (e->scroll > e->cursor)
		e->scroll = e->cursor;
	/* Fill the field from the left when the text after fits. */
	while (e->scroll > 0 &&
	    editor_cells(e, editor_prev(e, e->scroll), e->len) + 1 <= cells)
		e->scroll = editor_prev(e, e->scroll);
	/* The cell under the cursor: its character, or a blank at the end. */
	if (e->cursor < e->len)
		cur = editor_char_cells(e, e->cursor, &n);
	else
		cur = 1;
	if (cur < 1)
		cur = 1;
	/* Move right until the cursor's cell is in the field. */
	while (e->scroll < e->cursor &&
	    editor_cells(e, e->scroll, e->cursor) + cur > cells) {
		editor_char_cells(e, e->scroll, &n);
		e->scroll += n;
		/* Never start on a combining mark. */
		while (e->scroll < e->cursor &&
		    editor_char_cells(e, e->scroll, &n) == 0)
			e->scroll += n;
	}
	/* Whole characters that fit. */
	at = e->scroll;
	w = 0;
	while (at < e->len) {
		cw = editor_char_cells(e, at, &n);
		if (w + cw > cells)
			break;
		w += cw;
		at += n;
	}
	*from = e->scroll;
	*to = at;
	return editor_cells(e, e->scroll, e->cursor);
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
	case KEYS_FN | KEY_DC:
		editor_delete(e);
		return 1;
	case EDITOR_CTRL_U:
		editor_kill(e);
		return 1;
	case EDITOR_CTRL_K:
		editor_kill_end(e);
		return 1;
	case EDITOR_CTRL_W:
		editor_kill_word(e);
		return 1;
	case KEYS_FN | KEY_LEFT:
		editor_left(e);
		return 1;
	case KEYS_FN | KEY_RIGHT:
		editor_right(e);
		return 1;
	case KEYS_FN | KEY_HOME:
	case EDITOR_CTRL_A:
		editor_home(e);
		return 1;
	case KEYS_FN | KEY_END:
	case EDITOR_CTRL_E:
		editor_end(e);
		return 1;
	default:
		if (key & KEYS_FN)
			return 0;
		editor_insert(e, (unsigned int)key);
		return 1;
	}
}
