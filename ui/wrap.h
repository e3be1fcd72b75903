/*
 * Wrapping text to a width in terminal cells: at a space when there is
 * one, never inside a character. Pure, no curses; UI thread only.
 */
#ifndef WRAP_H
#define WRAP_H

#include <stddef.h>

/*
 * The bytes of s that go on a line of width cells: at least one character,
 * cut at the last space that fits when the rest does not. *next is set to
 * where the next line starts (the spaces at the break skipped), at the
 * terminating NUL when s is all on this line.
 */
size_t wrap_line(const char *s, int width, const char **next);

#endif
