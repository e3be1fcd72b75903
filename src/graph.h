/*
 * The Graph presence calls: the nine presence methods on v1.0 or beta, with
 * the bearer token, the retry policy and Graph's errors mapped to the exit
 * statuses of the one-shot commands. A struct graph belongs to one thread
 * at a time: it owns its struct http and struct cred.
 */
#ifndef GRAPH_H
#define GRAPH_H

#include <stddef.h>
#include <time.h>

#include "graph_error.h"

struct cfg;
struct graph;
struct presence;
struct presence_list;

struct graph *graph_new(const struct cfg *, char **cause);
void graph_free(struct graph *);
void graph_set_cancel(struct graph *, int (*cancel)(void *), void *arg);
/* The base URL of the API in use, e.g. "https://graph.microsoft.com/v1.0". */
const char *graph_base(const struct graph *);
/* The app's client id (the default setPresence session). */
const char *graph_client_id(const struct graph *);
/* Seconds of the last call (all its attempts). */
double graph_last_rtt(const struct graph *);

/*
 * A raw call against the API: path is relative to the base ("/users?...")
 * or an absolute URL (a nextLink). On success *body is the allocated body.
 * Used by the roster.
 */
int graph_request(struct graph *, const char *method, const char *path,
    const char *body, const char *const *headers, char **out,
    struct graph_error *);

/*
 * POST n bodies to one path (relative to the base), several in flight; on
 * success outs[i] is the allocated body of each answer.
 */
int graph_post_many(struct graph *, const char *path, char *const *bodies,
    size_t n, char **outs, struct graph_error *);

/* GET /users/{id}/presence. */
int graph_get_presence(struct graph *, const char *id, struct presence *,
    struct graph_error *);
/* GET /communications/presences/{id} (a plain object or a value wrapper). */
int graph_get_presence_comm(struct graph *, const char *id, struct presence *,
    struct graph_error *);
/* Why /me/presence cannot be read when signed in as the application. */
#define GRAPH_ME_APP_ONLY                                                      \
	"/me/presence needs a delegated sign-in (a signed-in user), but "      \
	"teamtop signs in as the application (client credentials); use "       \
	"'teamtop get USER' instead"

/* GET /me/presence: delegated sign-in only. */
int graph_get_me(struct graph *, struct presence *, struct graph_error *);

/*
 * POST /communications/getPresencesByUserId in chunks of 650 ids, several
 * in flight, exactly ceil(n/650) requests; results in the order of ids
 * (an id Graph did not answer for is left out).
 */
int graph_get_presences(struct graph *, const char *const *ids, size_t n,
    struct presence_list *, struct graph_error *);

/*
 * POST a write's JSON body to /users/{id}/presence/{method} (setPresence,
 * clearPresence, ...). action_perform builds the bodies and checks them.
 */
int graph_post_write(struct graph *, const char *id, const char *method,
    const char *body, struct graph_error *);

/* Is s an object id (a GUID)? */
int graph_is_guid(const char *s);

#endif
