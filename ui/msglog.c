/*
 * The message log: a ring of the last MSGLOG_SIZE messages, the oldest
 * overwritten first. UI thread only.
 */
#include "config.h"

#include "msglog.h"

#include <stdarg.h>
#include <stdio.h>

/* Add a message. */
void
msglog_add(struct msglog *l, const char *fmt, ...)
{
	struct msglog_entry *m = &l->ring[l->next];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->text, sizeof m->text, fmt, ap);
	va_end(ap);
	m->at = time(NULL);
	l->next = (l->next + 1) % MSGLOG_SIZE;
	if (l->n < MSGLOG_SIZE)
		l->n++;
}

/* Message i back from the newest. */
const struct msglog_entry *
msglog_get(const struct msglog *l, size_t i)
{
	if (i >= l->n)
		return NULL;
	return &l->ring[(l->next + MSGLOG_SIZE - 1 - i) % MSGLOG_SIZE];
}

/* The newest message while it is fresh. */
const char *
msglog_current(const struct msglog *l, time_t now)
{
	const struct msglog_entry *m = msglog_get(l, 0);

	if (m == NULL || now - m->at > MSGLOG_SHOW)
		return "";
	return m->text;
}
