/*
 * What this dashboard set, by person: the status message with the expiry
 * it gave, this app's presence session and the preferred presence, each
 * with when Graph ends it. Graph does not return the expiry of another
 * user's status message, nor tell whose session shows: the details pane
 * and the marks on the rows come from here. Pure, no curses; UI thread
 * only.
 */
#ifndef SENT_H
#define SENT_H

#include <stddef.h>
#include <time.h>

/* A presence set: this app's session, or the preferred presence. */
struct sent_pair {
	char *pair;   /* "Busy/InACall"; NULL for none. */
	time_t until; /* When Graph ends it. */
};

/* What was set for one person. */
struct sent_status {
	char *id;      /* The person's object id. */
	char *message; /* As sent, UTF-8; NULL when none was set. */
	time_t expiry; /* As sent; 0 for none (it never expires). */
	struct sent_pair session;
	struct sent_pair preferred;
};

struct sent {
	struct sent_status *v; /* Sorted by id. */
	size_t n;
	size_t cap;
};

/* Remember the message set for id, in place of any before. */
void sent_record(struct sent *, const char *id, const char *message,
    time_t expiry);
/* Forget the message set for id (the write failed). */
void sent_forget(struct sent *, const char *id);
/*
 * Remember this app's session (preferred 0) or the preferred presence
 * (1) set for id until a time, or forget it (pair NULL: cleared, or the
 * write failed).
 */
void sent_pair(struct sent *, const char *id, int preferred, const char *pair,
    time_t until);
/* What was set for id, or NULL. */
const struct sent_status *sent_find(const struct sent *, const char *id);
/*
 * The mark of what was set for id and still lasts at now: "S 17:00" for
 * a session (held: "S held"), "P Fri 09:00" for a preferred presence,
 * "M 17:00" or "M" for a message; "" for nothing.
 */
void sent_mark(const struct sent *, const char *id, time_t now, int held,
    char *buf, size_t len);
void sent_done(struct sent *);

#endif
