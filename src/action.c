/*
 * The actions: their names and the Graph call each one makes. Any thread
 * that owns the struct graph it is given may call action_perform.
 */
#include "config.h"

#include "action.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "presence.h"
#include "xmalloc.h"

/* Every action kind: Graph's method and the past tense of it. */
static const struct {
	const char *name;
	const char *done;
} action_table[ACTION__COUNT] = {
	[ACTION_READ] = { "read", "presence read" },
	[ACTION_SET_PRESENCE] = { "setPresence", "presence set" },
	[ACTION_CLEAR_PRESENCE] = { "clearPresence",
	    "presence session cleared" },
	[ACTION_SET_PREFERRED] = { "setUserPreferredPresence",
	    "preferred presence set" },
	[ACTION_CLEAR_PREFERRED] = { "clearUserPreferredPresence",
	    "preferred presence cleared" },
	[ACTION_SET_STATUS] = { "setStatusMessage", "status message set" },
};

/* Graph's name of an action's method. */
const char *
action_name(enum action_kind kind)
{
	if ((unsigned int)kind >= ACTION__COUNT)
		return "?";
	return action_table[kind].name;
}

/* What an action did, in words. */
const char *
action_done_word(enum action_kind kind)
{
	if ((unsigned int)kind >= ACTION__COUNT)
		return "done";
	return action_table[kind].done;
}

/* Does the action write? */
int
action_writes(enum action_kind kind)
{
	return kind != ACTION_READ;
}

/* The length of a string that may be NULL, with its terminator. */
static size_t
action_size(const char *s)
{
	return s == NULL ? 0 : strlen(s) + 1;
}

/* Put s (which may be NULL) at *p and advance *p past it. */
static const char *
action_put(char **p, const char *s)
{
	char *out = *p;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	memcpy(out, s, n);
	*p += n;
	return out;
}

/* A copy of an action, its strings in the same allocation. */
struct action *
action_copy(const struct action *a)
{
	struct action *c;
	size_t size;
	char *p;

	size = sizeof *c + action_size(a->id) + action_size(a->session) +
	    action_size(a->availability) + action_size(a->activity) +
	    action_size(a->message);
	c = xmalloc(size);
	*c = *a;
	p = (char *)(c + 1);
	c->id = action_put(&p, a->id);
	c->session = action_put(&p, a->session);
	c->availability = action_put(&p, a->availability);
	c->activity = action_put(&p, a->activity);
	c->message = action_put(&p, a->message);
	return c;
}

/* Make the Graph call an action stands for. */
int
action_perform(struct graph *g, const struct action *a, struct presence *read,
    struct graph_error *e)
{
	switch (a->kind) {
	case ACTION_READ:
		return graph_get_presence(g, a->id, read, e);
	case ACTION_SET_PRESENCE:
		return graph_set_presence(g, a->id, a->session, a->availability,
		    a->activity, a->expiry_seconds, e);
	case ACTION_CLEAR_PRESENCE:
		return graph_clear_presence(g, a->id, a->session, e);
	case ACTION_SET_PREFERRED:
		return graph_set_preferred(g, a->id, a->availability,
		    a->activity, a->expiry_seconds, e);
	case ACTION_CLEAR_PREFERRED:
		return graph_clear_preferred(g, a->id, e);
	case ACTION_SET_STATUS:
		return graph_set_status(g, a->id,
		    a->message == NULL ? "" : a->message, a->expiry, e);
	case ACTION__COUNT:
		break;
	}
	e->kind = GRAPH_ERR_USAGE;
	e->message = xstrdup("unknown action");
	return -1;
}
