/*
 * Helpers shared by the unit tests that draw with curses on a headless
 * screen: reading the cells of a row back as text.
 */
#ifndef SCREEN_H
#define SCREEN_H

#include <curses.h>
#include <stddef.h>

/* Read back row y of w, width cells, as a UTF-8 string into buf. */
void screen_read_row(WINDOW *w, int y, int width, char *buf, size_t len);

#endif /* SCREEN_H */
