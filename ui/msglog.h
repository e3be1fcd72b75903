/*
 * The message log: the status bar's messages, the UI's own and the data
 * source's notices and outcomes, kept in a ring so that none is lost when
 * several arrive between two frames. The status bar shows the newest for a
 * few seconds. Pure, no curses; UI thread only.
 */
#ifndef MSGLOG_H
#define MSGLOG_H

#include <stddef.h>
#include <time.h>

/* The messages kept. */
#define MSGLOG_SIZE 32
/* How long the status bar shows a message. Seconds. */
#define MSGLOG_SHOW 5

struct msglog_entry {
	char text[256]; /* Safe for a terminal. */
	time_t at;      /* Wall clock, seconds. */
};

struct msglog {
	struct msglog_entry ring[MSGLOG_SIZE];
	size_t next; /* Where the next message goes. */
	size_t n;    /* Messages kept, at most MSGLOG_SIZE. */
};

/* Add a message, made now. */
void msglog_add(struct msglog *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Message i, 0 the newest, or NULL. */
const struct msglog_entry *msglog_get(const struct msglog *, size_t i);
/* What the status bar shows at now: the newest message, or "". */
const char *msglog_current(const struct msglog *, time_t now);

#endif
