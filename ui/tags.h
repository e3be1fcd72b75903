/*
 * The people tagged for a write to many at once: a set of object ids,
 * kept sorted. Pure, no curses; UI thread only.
 */
#ifndef TAGS_H
#define TAGS_H

#include <stddef.h>

struct tags {
	char **ids; /* Sorted, each once. */
	size_t n;
	size_t cap;
};

/* Is id tagged? O(log n). */
int tags_has(const struct tags *, const char *id);
/* Tag id (no change when it is). */
void tags_add(struct tags *, const char *id);
/* Tag or untag id; returns 1 when it is tagged now. */
int tags_toggle(struct tags *, const char *id);
/* Untag everyone. */
void tags_clear(struct tags *);

#endif
