/*
 * A line editor: one UTF-8 line with a cursor, edited a character at a time
 * (insert at the cursor, backspace that never splits a character, C-u), up
 * to a limit in bytes. The editor of every text field of the dashboard.
 * It draws nothing; UI thread only.
 */
#ifndef EDITOR_H
#define EDITOR_H

#include <stddef.h>

struct editor {
	char *buf;     /* UTF-8, NUL-terminated. */
	size_t len;    /* Bytes used. */
	size_t cursor; /* Bytes before the cursor, on a character boundary. */
	size_t max;    /* The most bytes the text may have (without the NUL). */
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
/* Move the cursor one character; -1 at the end it moves to. */
int editor_left(struct editor *);
int editor_right(struct editor *);

/* Terminal cells before the cursor, for placing it. */
int editor_cursor_cells(const struct editor *);

/*
 * A key typed into the field (a character or KEYS_FN | a curses key): the
 * editing keys act, other characters are inserted. Returns 0 for a key
 * that is not the editor's (a function key it does not know), 1 otherwise,
 * even when the character is refused.
 */
int editor_key(struct editor *, int key);

#endif
