/*
 * The data source interface: a store plus the implementation that fills
 * it. UI thread.
 */
#include "config.h"

#include "source.h"

#include <stdlib.h>

#include "store.h"
#include "xmalloc.h"

/* Wrap an implementation that publishes to store. */
struct source *
source_new(const struct source_ops *ops, void *data, struct store *store)
{
	struct source *src;

	src = xcalloc(1, sizeof *src);
	src->ops = ops;
	src->data = data;
	src->store = store;
	return src;
}

/* Stop the implementation, then free the store. */
void
source_free(struct source *src)
{
	if (src == NULL)
		return;
	src->ops->stop(src->data);
	store_free(src->store);
	free(src);
}

/* The current snapshot. */
struct snapshot *
source_acquire(struct source *src)
{
	return store_acquire(src->store);
}

/* The status. */
void
source_status(struct source *src, struct store_status *st)
{
	store_get_status(src->store, st);
}

/* The oldest event not yet taken. */
int
source_next_event(struct source *src, struct store_event *ev)
{
	return store_pop_event(src->store, ev);
}

/* The wake-up descriptor. */
int
source_fd(struct source *src)
{
	return src->ops->fd(src->data);
}

/* Empty the wake-up descriptor. */
void
source_drain(struct source *src)
{
	src->ops->drain(src->data);
}

/* Refresh now. */
void
source_refresh(struct source *src)
{
	src->ops->refresh(src->data);
}

/* Queue an action. */
void
source_submit(struct source *src, const struct action *a)
{
	src->ops->submit(src->data, a);
}

/* Actions not yet done. */
size_t
source_pending(struct source *src)
{
	return src->ops->pending(src->data);
}
