/*
 * What was set from this dashboard: a small array searched by id, one
 * entry a person, dropped when nothing is left in it. UI thread only.
 */
#include "config.h"

#include "sent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
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

/* The entry of id, made when there is none. */
static struct sent_status *
sent_entry(struct sent *s, const char *id)
{
	struct sent_status *e;

	if ((e = sent_lookup(s, id)) != NULL)
		return e;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(id);
	return e;
}

/* Drop an entry with nothing left in it. */
static void
sent_tidy(struct sent *s, struct sent_status *e)
{
	if (e->message != NULL || e->session.pair != NULL ||
	    e->preferred.pair != NULL)
		return;
	free(e->id);
	*e = s->v[--s->n];
}

/* Remember a message set. */
void
sent_record(struct sent *s, const char *id, const char *message, time_t expiry)
{
	struct sent_status *e = sent_entry(s, id);

	free(e->message);
	e->message = xstrdup(message);
	e->expiry = expiry;
}

/* Forget the message set for id. */
void
sent_forget(struct sent *s, const char *id)
{
	struct sent_status *e;

	if ((e = sent_lookup(s, id)) == NULL)
		return;
	free(e->message);
	e->message = NULL;
	e->expiry = 0;
	sent_tidy(s, e);
}

/* Remember or forget a session or preferred presence set. */
void
sent_pair(struct sent *s, const char *id, int preferred, const char *pair,
    time_t until)
{
	struct sent_status *e;
	struct sent_pair *p;

	if (pair == NULL && (e = sent_lookup(s, id)) == NULL)
		return;
	e = sent_entry(s, id);
	p = preferred ? &e->preferred : &e->session;
	free(p->pair);
	p->pair = xstrdup_null(pair);
	p->until = until;
	sent_tidy(s, e);
}

/* What was set for id. */
const struct sent_status *
sent_find(const struct sent *s, const char *id)
{
	return id == NULL ? NULL : sent_lookup(s, id);
}

/* Add "L until" to the mark in buf. */
static void
sent_mark_add(char *buf, size_t len, const char *letter, time_t until,
    time_t now, const char *instead)
{
	char when[DURATION_BUFSIZE];
	size_t used = strlen(buf);

	if (instead != NULL)
		snprintf(when, sizeof when, " %s", instead);
	else if (until != 0) {
		when[0] = ' ';
		duration_format_until(until, now, when + 1, sizeof when - 1);
	} else
		when[0] = '\0';
	snprintf(buf + used, len - used, "%s%s%s", used != 0 ? " " : "", letter,
	    when);
}

/* The mark of what was set and still lasts. */
void
sent_mark(const struct sent *s, const char *id, time_t now, int held, char *buf,
    size_t len)
{
	const struct sent_status *e = sent_find(s, id);

	*buf = '\0';
	if (e == NULL)
		return;
	if (e->session.pair != NULL && (held || e->session.until > now))
		sent_mark_add(buf, len, "S", e->session.until, now,
		    held ? "held" : NULL);
	if (e->preferred.pair != NULL && e->preferred.until > now)
		sent_mark_add(buf, len, "P", e->preferred.until, now, NULL);
	if (e->message != NULL && *e->message != '\0' &&
	    (e->expiry == 0 || e->expiry > now))
		sent_mark_add(buf, len, "M", e->expiry, now, NULL);
}

/* Free everything. */
void
sent_done(struct sent *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].message);
		free(s->v[i].session.pair);
		free(s->v[i].preferred.pair);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
