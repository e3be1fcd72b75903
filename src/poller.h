/*
 * The poller: the dashboard's two background threads, one refreshing (it
 * resolves the roster, fetches everyone's presence each interval and
 * publishes snapshots to the store), one sending the actions queued by the
 * UI at once; each owns its struct graph (and so its curl handles). It
 * wakes the UI with one byte on a self-pipe. It is the local data source of the dashboard. poller_start,
 * poller_stop and poller_source_new are for the UI thread; the other calls
 * are safe from any thread.
 */
#ifndef POLLER_H
#define POLLER_H

#include <time.h>

struct action;
struct cfg;
struct poller;
struct source;
struct store;

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
/* Queue an action; its outcome comes back as an event of the store. */
void poller_submit(struct poller *, const struct action *);
/* Actions queued or under way. */
size_t poller_pending(struct poller *);

/*
 * The poller as a data source, publishing to a store of its own, with the
 * refresh interval of the configuration.
 */
struct source *poller_source_new(const struct cfg *, char **cause);

#endif
