/*
 * The held sessions: a small array, searched by id. UI thread only.
 */
#include "config.h"

#include "hold.h"

#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "xmalloc.h"

/* The index of id's entry, or -1. */
static long
hold_index(const struct hold *h, const char *id)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (strcmp(h->v[i].action->id, id) == 0)
			return (long)i;
	}
	return -1;
}

/* Free what an entry holds. */
static void
hold_free(struct hold_entry *e)
{
	free(e->action);
	free(e->who);
}

/* Hold a session just sent. */
void
hold_add(struct hold *h, const struct action *a, const char *who,
    unsigned long tag, time_t now)
{
	struct hold_entry *e;
	long i = hold_index(h, a->id);

	if (i >= 0) {
		e = &h->v[i];
		hold_free(e);
	} else {
		h->v = xreallocarray(h->v, h->n + 1, sizeof *h->v);
		e = &h->v[h->n++];
	}
	memset(e, 0, sizeof *e);
	e->action = action_copy(a);
	e->action->tag = 0;
	e->who = xstrdup(who != NULL ? who : a->id);
	e->since = now;
	e->every = action_hold_interval(a->expiry_seconds, a->availability);
	e->next = now + e->every;
	e->tag = tag;
}

/* Stop holding id's session. */
int
hold_drop(struct hold *h, const char *id)
{
	long i = hold_index(h, id);

	if (i < 0)
		return 0;
	hold_free(&h->v[i]);
	memmove(h->v + i, h->v + i + 1, (h->n - (size_t)i - 1) * sizeof *h->v);
	h->n--;
	return 1;
}

/* The held session of id. */
const struct hold_entry *
hold_find(const struct hold *h, const char *id)
{
	long i;

	if (id == NULL || (i = hold_index(h, id)) < 0)
		return NULL;
	return &h->v[i];
}

/* The held session of a first write. */
const struct hold_entry *
hold_find_tag(const struct hold *h, unsigned long tag)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (h->v[i].tag == tag)
			return &h->v[i];
	}
	return NULL;
}

/* The sessions due, scheduled again. */
size_t
hold_due(struct hold *h, time_t now, const struct action ***out)
{
	size_t i, n = 0;

	*out = NULL;
	for (i = 0; i < h->n; i++) {
		if (h->v[i].next > now)
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = h->v[i].action;
		h->v[i].next = now + h->v[i].every;
	}
	return n;
}

/* The soonest next send. */
time_t
hold_next(const struct hold *h)
{
	time_t next = 0;
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (next == 0 || h->v[i].next < next)
			next = h->v[i].next;
	}
	return next;
}

/* Free everything. */
void
hold_done(struct hold *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		hold_free(&h->v[i]);
	free(h->v);
	h->v = NULL;
	h->n = 0;
}
