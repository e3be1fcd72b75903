/*
 * The hint bar: one line of the most useful keys, as bound, above the
 * status bar (htop's function-key bar). UI thread only.
 */
#ifndef HINTS_H
#define HINTS_H

#include <stddef.h>

struct keys;

/* One hint: a key and what it does. */
struct hints_item {
	char key[32];
	const char *label;
};

/* The most hints a bar has. */
#define HINTS_MAX 16

/*
 * The grid's hints that fit in width cells, in the bar's order: the least
 * useful are left out until the rest fit whole (pure). Returns how many.
 */
size_t hints_grid(const struct keys *, int width, struct hints_item *out);
/* The width of a bar of n hints. Cells. */
int hints_width(const struct hints_item *, size_t n);

#endif
