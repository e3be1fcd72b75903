/*
 * The status messages this dashboard set, by person, with the expiry it
 * gave. Graph does not return the expiry of another user's status message,
 * so the details pane shows this one when the message is still the same.
 * Pure, no curses; UI thread only.
 */
#ifndef SENT_H
#define SENT_H

#include <stddef.h>
#include <time.h>

/* One status message set. */
struct sent_status {
	char *id;      /* The person's object id. */
	char *message; /* As sent, UTF-8. */
	time_t expiry; /* As sent; 0 for none (it never expires). */
};

struct sent {
	struct sent_status *v;
	size_t n;
};

/* Remember the message set for id, in place of any before. */
void sent_record(struct sent *, const char *id, const char *message,
    time_t expiry);
/* Forget what was set for id (the write failed). */
void sent_forget(struct sent *, const char *id);
/* What was set for id, or NULL. */
const struct sent_status *sent_find(const struct sent *, const char *id);
void sent_done(struct sent *);

#endif
