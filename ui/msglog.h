/*
 * The message log: the status bar's messages, the UI's own and the data
 * source's notices and outcomes, kept so that none is lost when several
 * arrive between two frames, and read back in the message log viewer.
 * A routine message shows in the status bar for a few seconds while it is
 * the newest; a failure stays there, before any routine message, until
 * the user has had the chance to read it: a key pressed a little while
 * after it appeared, or the viewer opened. Pure, no curses; UI thread only.
 */
#ifndef MSGLOG_H
#define MSGLOG_H

#include <stddef.h>
#include <time.h>

/* The messages kept; the oldest go first. */
#define MSGLOG_SIZE 1000
/* The longest message kept. Bytes. */
#define MSGLOG_TEXT_MAX 2048
/* How long the status bar shows a routine message. Seconds. */
#define MSGLOG_SHOW 5
/*
 * How long a failure must have been on the screen before a key press
 * counts as having read it, so that a key typed as it appears does not
 * wipe it. Seconds.
 */
#define MSGLOG_READ 2

struct msglog_entry {
	char *text;   /* Safe for a terminal. */
	time_t at;    /* Wall clock, seconds. */
	int failure;  /* A failure: kept in the status bar until read. */
	int read;     /* A failure the user has had the chance to read. */
	time_t shown; /* When the status bar first showed it; 0 not yet. */
};

struct msglog {
	struct msglog_entry *ring; /* MSGLOG_SIZE entries, made when needed. */
	size_t next;               /* Where the next message goes. */
	size_t n;                  /* Messages kept, at most MSGLOG_SIZE. */
	size_t unread;             /* Failures kept and not read. */
	unsigned long added;       /* Messages ever added. */
};

/* Free the messages; the log is empty and usable again. */
void msglog_done(struct msglog *);
/* Add a routine message, made now. */
void msglog_add(struct msglog *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Add a failure, made now: the status bar keeps it until it is read. */
void msglog_fail(struct msglog *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Message i, 0 the newest, or NULL. */
const struct msglog_entry *msglog_get(const struct msglog *, size_t i);
/*
 * What the status bar shows at now, marked as shown, or NULL: the newest
 * failure not read, with *more set to the number of other failures not
 * read; else the newest message while it is fresh.
 */
const struct msglog_entry *msglog_show(struct msglog *, time_t now,
    size_t *more);
/* A key was pressed at now: the failures shown long enough are read. */
void msglog_key(struct msglog *, time_t now);
/* Every failure is read (the viewer shows them all). */
void msglog_read_all(struct msglog *);

#endif
