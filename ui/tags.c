/*
 * The tagged people: a sorted array of ids, searched by bisection, so that
 * drawing a row asks in O(log n) and tagging everyone shown costs
 * O(n log n). UI thread only.
 */
#include "config.h"

#include "tags.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Where id is, or would go; *found says whether it is there. */
static size_t
tags_find(const struct tags *t, const char *id, int *found)
{
	size_t lo = 0, hi = t->n, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(t->ids[mid], id);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Is id tagged? */
int
tags_has(const struct tags *t, const char *id)
{
	int found;

	if (id == NULL || t->n == 0)
		return 0;
	tags_find(t, id, &found);
	return found;
}

/* Tag id. */
void
tags_add(struct tags *t, const char *id)
{
	size_t at;
	int found;

	at = tags_find(t, id, &found);
	if (found)
		return;
	t->ids = xgrowarray(t->ids, t->n, &t->cap, sizeof *t->ids);
	memmove(t->ids + at + 1, t->ids + at, (t->n - at) * sizeof *t->ids);
	t->ids[at] = xstrdup(id);
	t->n++;
}

/* Tag or untag id. */
int
tags_toggle(struct tags *t, const char *id)
{
	size_t at;
	int found;

	at = tags_find(t, id, &found);
	if (!found) {
		tags_add(t, id);
		return 1;
	}
	free(t->ids[at]);
	memmove(t->ids + at, t->ids + at + 1, (t->n - at - 1) * sizeof *t->ids);
	t->n--;
	return 0;
}

/* Untag everyone. */
void
tags_clear(struct tags *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->ids[i]);
	free(t->ids);
	memset(t, 0, sizeof *t);
}
