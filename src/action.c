/*
 * The actions: their names and the Graph call each one makes. Any thread
 * that owns the struct graph it is given may call action_perform.
 */
#include "config.h"

#include "action.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "duration.h"
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
	[ACTION_SET_LOCATION] = { "setManualLocation",
	    "work location set for today" },
	[ACTION_SET_AUTOMATIC_LOCATION] = { "setAutomaticLocation",
	    "automatic work location set" },
	[ACTION_CLEAR_LOCATION] = { "clearLocation", "work location cleared" },
	[ACTION_CLEAR_AUTOMATIC_LOCATION] = { "clearAutomaticLocation",
	    "automatic work location cleared" },
};

/* The work location types a person may set, as Graph spells them. */
static const char *const action_locations[] = { "office", "remote", "timeOff" };

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

/* Is it a method of /me only, the work location? */
int
action_own(enum action_kind kind)
{
	return kind == ACTION_SET_LOCATION ||
	    kind == ACTION_SET_AUTOMATIC_LOCATION ||
	    kind == ACTION_CLEAR_LOCATION ||
	    kind == ACTION_CLEAR_AUTOMATIC_LOCATION;
}

/* Is it sent to /me/presence? */
int
action_to_me(const struct action *a)
{
	return a->me || action_own(a->kind);
}

/* Which permission a write needs, in words. */
char *
action_permission(int delegated, int own, const char *user, const char *scopes)
{
	char *who, *s;

	if (!delegated)
		return xstrdup("writing presence as the application needs the "
		               "application permission Presence.ReadWrite.All, "
		               "with admin consent, for its client id");
	if (scopes != NULL && *scopes != '\0')
		xasprintf(&who,
		    "signed in as %s with the delegated "
		    "permissions %s",
		    user != NULL ? user : "yourself", scopes);
	else
		xasprintf(&who, "signed in as %s (delegated)",
		    user != NULL ? user : "yourself");
	if (own)
		xasprintf(&s,
		    "%s: writing your own presence needs the "
		    "delegated permission Presence.ReadWrite; once "
		    "it is consented to, run teamtop login again",
		    who);
	else
		xasprintf(&s,
		    "%s: a signed-in user may write only their own "
		    "presence (M); writing other people's needs the "
		    "application permission Presence.ReadWrite.All "
		    "with admin consent: run teamtop with --auth app "
		    "and the app's client secret or certificate",
		    who);
	free(who);
	return s;
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
	    action_size(a->message) + action_size(a->location) +
	    action_size(a->place);
	c = xmalloc(size);
	*c = *a;
	p = (char *)(c + 1);
	c->id = action_put(&p, a->id);
	c->session = action_put(&p, a->session);
	c->availability = action_put(&p, a->availability);
	c->activity = action_put(&p, a->activity);
	c->message = action_put(&p, a->message);
	c->location = action_put(&p, a->location);
	c->place = action_put(&p, a->place);
	return c;
}

/* Check a work location's type, and take Graph's spelling of it. */
static int
action_check_location(struct action *a, struct graph_error *e)
{
	size_t i;

	for (i = 0; a->location != NULL &&
	     i < sizeof action_locations / sizeof action_locations[0];
	     i++) {
		if (strcasecmp(a->location, action_locations[i]) == 0) {
			a->location = action_locations[i];
			break;
		}
	}
	if (a->location == NULL ||
	    i == sizeof action_locations / sizeof action_locations[0]) {
		graph_error_set(e, GRAPH_ERR_USAGE,
		    "'%s' is not a work location: office, remote or timeOff",
		    a->location != NULL ? a->location : "");
		return -1;
	}
	if (a->place != NULL && *a->place == '\0') {
		graph_error_set(e, GRAPH_ERR_USAGE, "%s", "an empty place id");
		return -1;
	}
	return 0;
}

/* Check a write before anything is sent. */
int
action_check(struct action *a, struct graph_error *e)
{
	enum presence_method m = PRESENCE_SET;
	char *cause = NULL;

	switch (a->kind) {
	case ACTION_SET_PREFERRED:
		m = PRESENCE_PREFERRED;
		/* FALLTHROUGH */
	case ACTION_SET_PRESENCE:
		if (a->expiry_seconds < 0) {
			graph_error_set(e, GRAPH_ERR_USAGE, "%s",
			    "a negative expiry");
			return -1;
		}
		if (presence_check(m, &a->availability, &a->activity,
		        a->expiry_seconds, &cause) != 0) {
			graph_error_set(e, GRAPH_ERR_USAGE, "%s",
			    cause != NULL ? cause : "invalid presence");
			free(cause);
			return -1;
		}
		return 0;
	case ACTION_SET_STATUS:
		if (presence_check_status(a->message, &cause) != 0) {
			graph_error_set(e, GRAPH_ERR_USAGE, "%s", cause);
			free(cause);
			return -1;
		}
		return 0;
	case ACTION_SET_LOCATION:
	case ACTION_SET_AUTOMATIC_LOCATION:
		return action_check_location(a, e);
	case ACTION_READ:
	case ACTION_CLEAR_PRESENCE:
	case ACTION_CLEAR_PREFERRED:
	case ACTION_CLEAR_LOCATION:
	case ACTION_CLEAR_AUTOMATIC_LOCATION:
		return 0;
	case ACTION__COUNT:
		break;
	}
	graph_error_set(e, GRAPH_ERR_USAGE, "%s", "unknown action");
	return -1;
}

/* Add a pair and its expirationDuration (none for 0) to a body. */
static void
action_add_pair(cJSON *body, const struct action *a)
{
	char d[DURATION_BUFSIZE];

	cJSON_AddStringToObject(body, "availability", a->availability);
	cJSON_AddStringToObject(body, "activity", a->activity);
	if (a->expiry_seconds != 0) {
		cJSON_AddStringToObject(body, "expirationDuration",
		    duration_format_iso(a->expiry_seconds, d, sizeof d));
	}
}

/* The JSON body of a write, as it is sent. */
char *
action_body(const struct action *a, const char *app_id)
{
	cJSON *body, *sm, *msg, *exp;
	char buf[DURATION_BUFSIZE], *s;

	if (a->kind == ACTION_READ || a->kind == ACTION_CLEAR_LOCATION ||
	    a->kind == ACTION_CLEAR_AUTOMATIC_LOCATION ||
	    (unsigned int)a->kind >= ACTION__COUNT)
		return NULL;
	body = cJSON_CreateObject();
	switch (a->kind) {
	case ACTION_SET_PRESENCE:
	case ACTION_CLEAR_PRESENCE:
		cJSON_AddStringToObject(body, "sessionId",
		    a->session != NULL ? a->session : app_id);
		if (a->kind == ACTION_SET_PRESENCE)
			action_add_pair(body, a);
		break;
	case ACTION_SET_PREFERRED:
		action_add_pair(body, a);
		break;
	case ACTION_SET_STATUS:
		sm = cJSON_AddObjectToObject(body, "statusMessage");
		msg = cJSON_AddObjectToObject(sm, "message");
		cJSON_AddStringToObject(msg, "content",
		    a->message != NULL ? a->message : "");
		cJSON_AddStringToObject(msg, "contentType", "text");
		if (a->expiry != 0) {
			exp = cJSON_AddObjectToObject(sm, "expiryDateTime");
			cJSON_AddStringToObject(exp, "dateTime",
			    duration_format_graph(a->expiry, buf, sizeof buf));
			cJSON_AddStringToObject(exp, "timeZone", "UTC");
		}
		break;
	case ACTION_SET_LOCATION:
	case ACTION_SET_AUTOMATIC_LOCATION:
		cJSON_AddStringToObject(body, "workLocationType",
		    a->location != NULL ? a->location : "");
		if (a->place != NULL)
			cJSON_AddStringToObject(body, "placeId", a->place);
		break;
	default:
		/* clearUserPreferredPresence: an empty object. */
		break;
	}
	if ((s = cJSON_PrintUnformatted(body)) == NULL)
		fatal("out of memory");
	cJSON_Delete(body);
	return s;
}

/* Done, failed, or unknown. */
int
action_outcome(const struct action *a, int rc, const struct graph_error *e)
{
	if (rc == 0)
		return 1;
	if (action_writes(a->kind) && e->kind == GRAPH_ERR_NETWORK &&
	    e->status == 0)
		return -1;
	return 0;
}

/* When to send a held setPresence again. */
long
action_hold_interval(long expiry_seconds, const char *availability)
{
	long every;

	if (expiry_seconds <= 0)
		expiry_seconds = PRESENCE_SET_DEFAULT;
	if (expiry_seconds > 25 * 60)
		every = expiry_seconds - 5 * 60;
	else
		every = expiry_seconds * 4 / 5;
	if (availability != NULL &&
	    strcasecmp(availability, "Available") == 0 &&
	    every > PRESENCE_AVAILABLE_FADE * 4 / 5)
		every = PRESENCE_AVAILABLE_FADE * 4 / 5;
	return every;
}

/* Check the action, then make the Graph call it stands for. */
int
action_perform(struct graph *g, const struct action *a, struct presence *read,
    struct graph_error *e)
{
	struct action c = *a;
	char *body;
	int rc;

	if (a->kind == ACTION_READ)
		return graph_get_presence(g, a->id, read, e);
	if (action_check(&c, e) != 0)
		return -1;
	body = action_body(&c, graph_client_id(g));
	if (action_to_me(&c))
		rc = graph_post_me(g, action_name(c.kind), body, e);
	else
		rc = graph_post_write(g, c.id, action_name(c.kind), body, e);
	free(body);
	return rc;
}
