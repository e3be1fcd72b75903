/*
 * The message log: a ring of the last MSGLOG_SIZE messages, the oldest
 * overwritten first, and which of its failures the user has had the
 * chance to read. UI thread only.
 */
#include "config.h"

#include "msglog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Add a message made now, a failure or not. */
static void
msglog_addv(struct msglog *l, int failure, const char *fmt, va_list ap)
{
	struct msglog_entry *m;
	char *text;
	size_t cut;

	if (l->ring == NULL)
		l->ring = xcalloc(MSGLOG_SIZE, sizeof *l->ring);
	xvasprintf(&text, fmt, ap);
	/* Very long: cut, on a character boundary. */
	if ((cut = strlen(text)) > MSGLOG_TEXT_MAX) {
		cut = MSGLOG_TEXT_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;
		text[cut] = '\0';
	}
	m = &l->ring[l->next];
	if (l->n == MSGLOG_SIZE && m->failure && !m->read)
		l->unread--;
	free(m->text);
	m->text = text;
	m->at = time(NULL);
	m->failure = failure;
	m->read = 0;
	m->shown = 0;
	if (failure)
		l->unread++;
	l->next = (l->next + 1) % MSGLOG_SIZE;
	if (l->n < MSGLOG_SIZE)
		l->n++;
	l->added++;
}

/* Free the messages. */
void
msglog_done(struct msglog *l)
{
	size_t i;

	if (l->ring != NULL) {
		for (i = 0; i < MSGLOG_SIZE; i++)
			free(l->ring[i].text);
		free(l->ring);
	}
	l->ring = NULL;
	l->next = l->n = l->unread = 0;
	l->added = 0;
}

/* Add a routine message. */
void
msglog_add(struct msglog *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msglog_addv(l, 0, fmt, ap);
	va_end(ap);
}

/* Add a failure. */
void
msglog_fail(struct msglog *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msglog_addv(l, 1, fmt, ap);
	va_end(ap);
}

/* Message i back from the newest. */
const struct msglog_entry *
msglog_get(const struct msglog *l, size_t i)
{
	if (i >= l->n)
		return NULL;
	return &l->ring[(l->next + MSGLOG_SIZE - 1 - i) % MSGLOG_SIZE];
}

/* The entry i back from the newest, to change. */
static struct msglog_entry *
msglog_at(struct msglog *l, size_t i)
{
	return &l->ring[(l->next + MSGLOG_SIZE - 1 - i) % MSGLOG_SIZE];
}

/* The newest failure not read, or the newest message while fresh. */
const struct msglog_entry *
msglog_show(struct msglog *l, time_t now, size_t *more)
{
	struct msglog_entry *m = NULL;
	size_t i;

	*more = 0;
	if (l->n == 0)
		return NULL;
	if (l->unread != 0) {
		for (i = 0; i < l->n; i++) {
			m = msglog_at(l, i);
			if (m->failure && !m->read)
				break;
		}
		*more = l->unread - 1;
	} else {
		m = msglog_at(l, 0);
		if (now - m->at > MSGLOG_SHOW)
			return NULL;
	}
	if (m->shown == 0)
		m->shown = now;
	return m;
}

/* A key press reads the failures that have been shown long enough. */
void
msglog_key(struct msglog *l, time_t now)
{
	struct msglog_entry *m;
	size_t i;

	for (i = 0; i < l->n && l->unread != 0; i++) {
		m = msglog_at(l, i);
		if (m->failure && !m->read && m->shown != 0 &&
		    now - m->shown >= MSGLOG_READ) {
			m->read = 1;
			l->unread--;
		}
	}
}

/* Every failure is read. */
void
msglog_read_all(struct msglog *l)
{
	size_t i;

	for (i = 0; i < l->n && l->unread != 0; i++) {
		if (msglog_at(l, i)->failure && !msglog_at(l, i)->read) {
			msglog_at(l, i)->read = 1;
			l->unread--;
		}
	}
}
