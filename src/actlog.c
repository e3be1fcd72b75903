/*
 * The log of this session's writes, their progress and their undoing. One
 * thread.
 */
#include "config.h"

#include "actlog.h"

#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "duration.h"
#include "presence.h"
#include "xmalloc.h"

/* An empty log. */
void
actlog_init(struct actlog *l)
{
	memset(l, 0, sizeof *l);
}

/* Free the log. */
void
actlog_done(struct actlog *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].action);
		free(l->v[i].who);
		free(l->v[i].result);
		free(l->v[i].old_availability);
		free(l->v[i].old_activity);
		free(l->v[i].old_message);
		free(l->v[i].shown);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* A new batch number. */
unsigned long
actlog_batch(struct actlog *l)
{
	return ++l->last_batch;
}

/* Log a write about to be queued. */
unsigned long
actlog_add(struct actlog *l, unsigned long batch, const struct action *a,
    const char *who, const struct presence *before)
{
	struct actlog_entry *e;
	char *cause = NULL;

	l->v = xgrowarray(l->v, l->n, &l->cap, sizeof *l->v);
	e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	e->tag = ++l->last_tag;
	e->batch = batch;
	e->at = time(NULL);
	e->action = action_copy(a);
	e->action->tag = e->tag;
	e->who = xstrdup(who != NULL ? who : a->id);
	if (before != NULL) {
		e->had_presence = 1;
		e->old_availability = xstrdup_null(before->availability);
		e->old_activity = xstrdup_null(before->activity);
		e->old_message = xstrdup_null(before->status_message);
		if (before->status_expiry != NULL &&
		    !presence_expiry_is_never(before->status_expiry) &&
		    duration_parse_graph(before->status_expiry,
		        before->status_expiry_zone, &e->old_expiry,
		        &cause) != 0) {
			e->old_expiry = 0;
			free(cause);
		}
	}
	return e->tag;
}

/* The entry of a tag. */
struct actlog_entry *
actlog_find(struct actlog *l, unsigned long tag)
{
	size_t i;

	for (i = l->n; i > 0; i--) {
		if (l->v[i - 1].tag == tag)
			return &l->v[i - 1];
	}
	return NULL;
}

/* Record an outcome. */
struct actlog_entry *
actlog_outcome(struct actlog *l, unsigned long tag, int ok, const char *text)
{
	struct actlog_entry *e;

	if ((e = actlog_find(l, tag)) == NULL)
		return NULL;
	e->state = ok == 1 ? ACTLOG_DONE
	    : ok == -1     ? ACTLOG_UNKNOWN
	                   : ACTLOG_FAILED;
	free(e->result);
	e->result = xstrdup(text != NULL ? text : "");
	return e;
}

/* Record what Graph showed after a write. */
struct actlog_entry *
actlog_shown(struct actlog *l, unsigned long tag, const char *text, int differs)
{
	struct actlog_entry *e;

	if ((e = actlog_find(l, tag)) == NULL)
		return NULL;
	free(e->shown);
	e->shown = xstrdup(text != NULL ? text : "");
	e->differs = differs;
	return e;
}

/* How many done writes of a batch were read again, and differ. */
void
actlog_checked(const struct actlog *l, unsigned long batch, size_t *done,
    size_t *read, size_t *differ)
{
	size_t i;

	*done = *read = *differ = 0;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].batch != batch || l->v[i].state != ACTLOG_DONE)
			continue;
		(*done)++;
		if (l->v[i].shown != NULL) {
			(*read)++;
			if (l->v[i].differs)
				(*differ)++;
		}
	}
}

/* A batch's progress. */
void
actlog_progress(const struct actlog *l, unsigned long batch, size_t *total,
    size_t *done, size_t *failed, size_t *pending)
{
	size_t i;

	*total = *done = *failed = *pending = 0;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].batch != batch)
			continue;
		(*total)++;
		switch (l->v[i].state) {
		case ACTLOG_PENDING:
			(*pending)++;
			break;
		case ACTLOG_DONE:
			(*done)++;
			break;
		case ACTLOG_FAILED:
		case ACTLOG_UNKNOWN:
			(*failed)++;
			break;
		}
	}
}

/* The write that undoes one that can be undone. */
static struct action *
actlog_inverse(const struct actlog_entry *e, time_t now)
{
	struct action u;

	memset(&u, 0, sizeof u);
	u.id = e->action->id;
	u.me = e->action->me; /* One's own goes back to /me too. */
	switch (e->action->kind) {
	case ACTION_SET_STATUS:
		u.kind = ACTION_SET_STATUS;
		u.message = e->old_message != NULL ? e->old_message : "";
		u.expiry = e->old_expiry;
		/* An old message past its expiry would be gone by now. */
		if (u.expiry != 0 && u.expiry <= now) {
			u.message = "";
			u.expiry = 0;
		}
		break;
	case ACTION_SET_PRESENCE:
		u.kind = ACTION_CLEAR_PRESENCE;
		u.session = e->action->session;
		break;
	default:
		u.kind = ACTION_CLEAR_PREFERRED;
		break;
	}
	return action_copy(&u);
}

/* Can this write be undone now? */
static int
actlog_undoable(const struct actlog_entry *e)
{
	if (e->state != ACTLOG_DONE || e->undone)
		return 0;
	switch (e->action->kind) {
	case ACTION_SET_STATUS:
		return e->had_presence;
	case ACTION_SET_PRESENCE:
	case ACTION_SET_PREFERRED:
		return 1;
	default:
		return 0;
	}
}

/* The newest batch with a write that can still be undone. */
unsigned long
actlog_last_undoable(const struct actlog *l)
{
	size_t i;

	for (i = l->n; i > 0; i--) {
		if (actlog_undoable(&l->v[i - 1]))
			return l->v[i - 1].batch;
	}
	return 0;
}

/* The writes that undo a batch. */
size_t
actlog_undo(struct actlog *l, unsigned long batch, time_t now,
    struct action ***out, size_t *cannot)
{
	struct action *u;
	size_t i, n = 0;

	*out = NULL;
	*cannot = 0;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].batch != batch || l->v[i].state != ACTLOG_DONE ||
		    l->v[i].undone)
			continue;
		if (!actlog_undoable(&l->v[i])) {
			(*cannot)++;
			continue;
		}
		u = actlog_inverse(&l->v[i], now);
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = u;
		l->v[i].undone = 1;
	}
	return n;
}
