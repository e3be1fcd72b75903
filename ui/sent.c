/*
 * What was set from this dashboard: an array sorted by id and searched by
 * bisection (a bulk write marks thousands of rows, drawn every second),
 * one entry a person, dropped when nothing is left in it. UI thread only.
 */
#include "config.h"

#include "sent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "xmalloc.h"

/* Where id is, or would go; *found says whether it is there. */
static size_t
sent_index(const struct sent *s, const char *id, int *found)
{
	size_t lo = 0, hi = s->n, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(s->v[mid].id, id);
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

/* The entry of id, or NULL. */
static struct sent_status *
sent_lookup(const struct sent *s, const char *id)
{
	size_t at;
	int found;

	at = sent_index(s, id, &found);
	return found ? &s->v[at] : NULL;
}

/* The entry of id, made when there is none. */
static struct sent_status *
sent_entry(struct sent *s, const char *id)
{
	struct sent_status *e;
	size_t at;
	int found;

	at = sent_index(s, id, &found);
	if (found)
		return &s->v[at];
	s->v = xgrowarray(s->v, s->n, &s->cap, sizeof *s->v);
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
	s->n++;
	e = &s->v[at];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(id);
	return e;
}

/* Drop an entry with nothing left in it. */
static void
sent_tidy(struct sent *s, struct sent_status *e)
{
	size_t at = (size_t)(e - s->v);

	if (e->message != NULL || e->session.pair != NULL ||
	    e->preferred.pair != NULL)
		return;
	free(e->id);
	memmove(s->v + at, s->v + at + 1, (s->n - at - 1) * sizeof *s->v);
	s->n--;
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
	s->n = s->cap = 0;
}
