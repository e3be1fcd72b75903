/*
 * Helpers shared by the unit tests that draw with curses on a headless
 * screen: opening and closing one, and reading the cells of a row back as
 * text.
 */
#ifndef SCREEN_H
#define SCREEN_H

#include <curses.h>
#include <stddef.h>
#include <stdio.h>

#include "theme.h"

/* A headless screen of the given size, in C.UTF-8, with the mono theme. */
struct screen {
	SCREEN *scr;
	FILE *out;
	FILE *in;
	struct theme theme;
};

/* Open it; -1 when the C.UTF-8 locale is missing (the test skips). */
int screen_open(struct screen *, int lines, int cols);
/* Open one that keeps what curses writes to the terminal, to count. */
int screen_open_counted(struct screen *, int lines, int cols);
/* The bytes written to the terminal so far. */
long screen_bytes(struct screen *);
/* Close it and free the theme. */
void screen_close(struct screen *);

/* Read back row y of w, width cells, as a UTF-8 string into buf. */
void screen_read_row(WINDOW *w, int y, int width, char *buf, size_t len);

#endif /* SCREEN_H */
