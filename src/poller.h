/*
 * The poller: the one background thread of the dashboard. It owns its own
 * struct graph (and so its curl handles), resolves the roster, fetches
 * everyone's presence each interval, publishes snapshots to the store,
 * sends the actions queued by the UI, and wakes the UI with one byte on a
 * self-pipe. poller_start and poller_stop are for the UI thread; the other
 * calls are safe from any thread.
 */
#ifndef POLLER_H
#define POLLER_H

#include <time.h>

struct cfg;
struct poller;
struct store;

/* What an action does. */
enum poller_action_kind {
	POLLER_READ,           /* Read one person's presence fresh (details). */
	POLLER_SET_PRESENCE,   /* setPresence */
	POLLER_CLEAR_PRESENCE, /* clearPresence */
	POLLER_SET_PREFERRED,  /* setUserPreferredPresence */
	POLLER_CLEAR_PREFERRED, /* clearUserPreferredPresence */
	POLLER_SET_STATUS,      /* setStatusMessage */
};

/* One action on one user; the strings are copied by poller_submit. */
struct poller_action {
	enum poller_action_kind kind;
	const char *id;           /* The user's object id. */
	const char *session;      /* setPresence/clearPresence; NULL = app. */
	const char *availability; /* set and prefer. */
	const char *activity;     /* set and prefer. */
	long expiry_seconds;      /* set and prefer; 0 = server default. */
	const char *message;      /* status; "" clears. */
	time_t expiry;            /* status; 0 = none. */
};

/*
 * Start the thread with its own Graph client. refresh is the interval in
 * seconds. Signals are blocked in the new thread.
 */
struct poller *poller_start(const struct cfg *, struct store *, int refresh,
    char **cause);
/* Stop the thread (aborting transfers under way) and free everything. */
void poller_stop(struct poller *);

/* The read end of the wake pipe, for poll(); readable after a change. */
int poller_fd(const struct poller *);
/* Empty the wake pipe. */
void poller_drain(struct poller *);

/* Refresh now. */
void poller_refresh(struct poller *);
/* Queue an action; the result comes back as the store's notice. */
void poller_submit(struct poller *, const struct poller_action *);
/* The name of an action kind, for messages. */
const char *poller_action_name(enum poller_action_kind);

#endif
