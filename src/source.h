/*
 * A data source: where a dashboard's data comes from. It publishes
 * snapshots (people, presence, time in state, transitions), its status and
 * events (notices, action outcomes, fresh reads: a queue that never drops
 * one) to a store, and takes actions. The local poller is one source; a
 * shared database is another. The UI knows only this interface. Every
 * function is for the UI thread.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stddef.h>

struct action;
struct snapshot;
struct store;
struct store_event;
struct store_status;

/* What an implementation provides; data is its own. */
struct source_ops {
	const char *name;
	/* A descriptor readable after a change, for poll(), and its drain. */
	int (*fd)(void *data);
	void (*drain)(void *data);
	/* Fetch everything again now. */
	void (*refresh)(void *data);
	/* Queue an action; its outcome comes back as an event. */
	void (*submit)(void *data, const struct action *);
	/* Actions queued or under way. */
	size_t (*pending)(void *data);
	/* Stop and free data. */
	void (*stop)(void *data);
};

struct source {
	const struct source_ops *ops;
	void *data;
	struct store *store; /* Owned: where the source publishes. */
};

/* A source over an implementation and a new store. */
struct source *source_new(const struct source_ops *, void *data,
    struct store *);
/* Stop the implementation and free the store. */
void source_free(struct source *);

/* The current snapshot, with a reference taken; never NULL. */
struct snapshot *source_acquire(struct source *);
/* A copy of the status for the status bar. */
void source_status(struct source *, struct store_status *);
/* Take the oldest event; 1 when there was one. Free with store_event_done. */
int source_next_event(struct source *, struct store_event *);

int source_fd(struct source *);
void source_drain(struct source *);
void source_refresh(struct source *);
void source_submit(struct source *, const struct action *);
size_t source_pending(struct source *);

#endif
