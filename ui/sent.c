/*
 * The status messages set from this dashboard: a small array searched by
 * id, one entry a person. UI thread only.
 */
#include "config.h"

#include "sent.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* The entry of id, or NULL. */
static struct sent_status *
sent_lookup(const struct sent *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i].id, id) == 0)
			return &s->v[i];
	}
	return NULL;
}

/* Remember a message set. */
void
sent_record(struct sent *s, const char *id, const char *message, time_t expiry)
{
	struct sent_status *e;

	if ((e = sent_lookup(s, id)) == NULL) {
		s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
		e = &s->v[s->n++];
		e->id = xstrdup(id);
	} else
		free(e->message);
	e->message = xstrdup(message);
	e->expiry = expiry;
}

/* Forget what was set for id. */
void
sent_forget(struct sent *s, const char *id)
{
	struct sent_status *e;

	if ((e = sent_lookup(s, id)) == NULL)
		return;
	free(e->id);
	free(e->message);
	*e = s->v[--s->n];
}

/* What was set for id. */
const struct sent_status *
sent_find(const struct sent *s, const char *id)
{
	return id == NULL ? NULL : sent_lookup(s, id);
}

/* Free everything. */
void
sent_done(struct sent *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].message);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
