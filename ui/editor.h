/*
 * A line editor: one UTF-8 line with a cursor, edited a character at a time
 * (insert at the cursor, backspace and Delete that never split a character,
 * C-u, C-k, C-w, the cursor keys, Home and End or C-a and C-e), up to a
 * limit in bytes, and scrolled sideways by display width to keep the
 * cursor in view. The editor of every text field of the dashboard. It
 * draws nothing; UI thread only.
 */
#ifndef EDITOR_H
#define EDITOR_H

#include <stddef.h>

struct editor {
	char *buf;     /* UTF-8, NUL-terminated. */
	size_t len;    /* Bytes used. */
	size_t cursor; /* Bytes before the cursor, on a character boundary. */
	size_t max;    /* The most bytes the text may have (without the NUL). */
	size_t scroll; /* First byte shown, on a character boundary. */
};

void editor_init(struct editor *, size_t max);
void editor_done(struct editor *);
/* The text, never NULL. */
const char *editor_text(const struct editor *);
/* Replace the text (cut at max on a character boundary); cursor at the end. */
void editor_set(struct editor *, const char *);
void editor_clear(struct editor *);

/* Insert a character at the cursor; -1 for a control or when full. */
int editor_insert(struct editor *, unsigned int cp);
/* Delete the character before the cursor; -1 at the start. */
int editor_backspace(struct editor *);
/* Delete everything before the cursor (C-u). */
void editor_kill(struct editor *);
/* Delete everything from the cursor to the end (C-k). */
void editor_kill_end(struct editor *);
/* Delete the word before the cursor and the spaces after it (C-w). */
void editor_kill_word(struct editor *);
/* Move the cursor one character; -1 at the end it moves to. */
int editor_left(struct editor *);
int editor_right(struct editor *);

/* Move the cursor to the start or the end of the line. */
void editor_home(struct editor *);
void editor_end(struct editor *);

/* Terminal cells before the cursor, for placing it. */
int editor_cursor_cells(const struct editor *);

/*
 * Scroll the text sideways to keep the cursor in a field of cells columns,
 * by display width: *from and *to are set to the bytes to draw, whole
 * characters only, never half of a wide one and never more than cells
 * columns. Returns the column of the cursor in the field. The scrolling is
 * kept between calls: the text moves only when the cursor would leave the
 * field, or to fill the field when text was deleted.
 */
int editor_view(struct editor *, int cells, size_t *from, size_t *to);

/*
 * A key typed into the field (a character or KEYS_FN | a curses key): the
 * editing keys act, other characters are inserted. Returns 0 for a key
 * that is not the editor's (a function key it does not know), 1 otherwise,
 * even when the character is refused.
 */
int editor_key(struct editor *, int key);

#endif
