/*
 * The recorder of presence history. One thread.
 */
#include "config.h"

#include "recorder.h"

#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "history.h"
#include "presence.h"
#include "store.h"
#include "xmalloc.h"

struct recorder {
	struct store *store;
	struct history *history;
	struct snapshot *last; /* The snapshot last recorded, or NULL. */
	time_t pruned;         /* When the old records were last pruned. */
	long long run;         /* This recording in the history; 0 before. */
};

/* How often old records are pruned. Seconds. */
#define RECORDER_PRUNE_EVERY 3600

/* Open the history for a store. */
struct recorder *
recorder_new(const struct cfg *cfg, struct store *store, char **cause)
{
	struct recorder *r;
	struct history *h;

	if ((h = history_open(HISTORY_FILE(cfg->demo), cfg->history_days,
	         cause)) == NULL)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->store = store;
	r->history = h;
	return r;
}

/* Close the history. */
void
recorder_free(struct recorder *r)
{
	if (r == NULL)
		return;
	snapshot_release(r->last);
	history_close(r->history);
	free(r);
}

/* Compare two strings that may be NULL. */
static int
recorder_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Do two presences differ in anything the history keeps? */
static int
recorder_differ(const struct presence *a, const struct presence *b)
{
	return !recorder_same(a->availability, b->availability) ||
	    !recorder_same(a->activity, b->activity) ||
	    !recorder_same(a->status_message, b->status_message) ||
	    a->has_ooo != b->has_ooo || a->is_ooo != b->is_ooo ||
	    !recorder_same(a->work_location_type, b->work_location_type);
}

/* Does a presence differ from the last recorded state? */
static int
recorder_differ_entry(const struct presence *p, const struct history_entry *e)
{
	int ooo = p->has_ooo ? p->is_ooo : -1;

	return !recorder_same(p->availability, e->availability) ||
	    !recorder_same(p->activity, e->activity) ||
	    !recorder_same(p->status_message, e->status) || ooo != e->ooo ||
	    !recorder_same(p->work_location_type, e->location);
}

/*
 * The first run: record whoever is not as the history last saw them, and
 * tell the store since when the others have been in their availability.
 */
static int
recorder_first(struct recorder *r, const struct snapshot *s, time_t now,
    char **cause)
{
	struct history_entry e;
	const char **ids;
	time_t *since;
	size_t i, n = 0;
	int rc = 0, found;

	ids = xcalloc(s->n + 1, sizeof *ids);
	since = xcalloc(s->n + 1, sizeof *since);
	for (i = 0; i < s->n && rc == 0; i++) {
		const struct store_row *row = s->rows[i];

		if (!row->have_presence)
			continue;
		if ((found = history_last(r->history, row->id, &e, cause)) < 0)
			rc = -1;
		else if (found == 0 ||
		    recorder_differ_entry(&row->presence, &e))
			rc = history_record(r->history, row->id, &row->presence,
			    now, cause);
		if (found == 1)
			history_entry_done(&e);
		if (rc == 0 &&
		    history_since(r->history, row->id,
		        row->presence.availability, &since[n], cause) == 1 &&
		    since[n] < now)
			ids[n++] = row->id;
	}
	if (rc == 0 && n != 0)
		store_set_since(r->store, ids, since, n);
	free(ids);
	free(since);
	return rc;
}

/* Record what changed since the last run. */
int
recorder_run(struct recorder *r, time_t now, char **cause)
{
	struct snapshot *s;
	const struct store_row *row, *old;
	size_t i;
	int rc = 0;

	s = store_acquire(r->store);
	if (s->fetched == 0) {
		snapshot_release(s);
		return 0;
	}
	if (history_begin(r->history, cause) != 0) {
		snapshot_release(s);
		return -1;
	}
	if (r->last == NULL)
		rc = recorder_first(r, s, now, cause);
	/* How far this recording reached: later, a gap is known as one. */
	if (rc == 0 && r->run == 0)
		rc = history_run_start(r->history, now, &r->run, cause);
	else if (rc == 0)
		rc = history_run_reach(r->history, r->run, now, cause);
	for (i = 0; r->last != NULL && i < s->n && rc == 0; i++) {
		row = s->rows[i];
		if (!row->have_presence)
			continue;
		if (i < r->last->n && r->last->rows[i] == row)
			continue; /* The same row: nothing changed. */
		old = snapshot_find(r->last, row->id);
		if (old != NULL && old->have_presence &&
		    !recorder_differ(&old->presence, &row->presence))
			continue;
		rc = history_record(r->history, row->id, &row->presence, now,
		    cause);
	}
	if (rc == 0)
		rc = history_commit(r->history, cause);
	else
		history_rollback(r->history);
	if (rc == 0 && now - r->pruned >= RECORDER_PRUNE_EVERY) {
		if (history_prune(r->history, now, cause) < 0)
			rc = -1;
		r->pruned = now;
	}
	/* The first run changed the store: start from what it is now. */
	snapshot_release(s);
	snapshot_release(r->last);
	r->last = rc == 0 ? store_acquire(r->store) : NULL;
	return rc;
}
