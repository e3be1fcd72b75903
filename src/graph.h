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
#include "graph_parse.h"

struct cfg;
struct cred;
struct graph;
struct http;
struct presence;
struct presence_list;
struct user;

struct graph *graph_new(const struct cfg *, char **cause);
void graph_free(struct graph *);
void graph_set_cancel(struct graph *, int (*cancel)(void *), void *arg);
/*
 * The longest wait Graph may ask for with Retry-After (on a 429 or 503,
 * or inside a $batch answer) that is honoured, in seconds: a longer one
 * fails the call at once with GRAPH_WAIT_REFUSED. The default is
 * GRAPH_WAIT_LIMIT, for the one-shot commands; -1 honours every wait (the
 * dashboard, where quitting cuts it short).
 */
void graph_set_wait_limit(struct graph *, long seconds);
#define GRAPH_WAIT_LIMIT 120
/*
 * From now, calls give up once seconds have passed (0: never), not
 * counting the waits Graph asks for with Retry-After: a one-shot command
 * sets it once, the dashboard before each action.
 */
void graph_set_deadline(struct graph *, long seconds);
/* The message of a wait over the limit: seconds asked for, the limit. */
#define GRAPH_WAIT_REFUSED "Graph asked to wait %ld s; giving up (limit %ld s)"
/* The base URL of the API in use, e.g. "https://graph.microsoft.com/v1.0". */
const char *graph_base(const struct graph *);
/* The app's client id (the default setPresence session). */
const char *graph_client_id(const struct graph *);
/* Is the client signed in as a user (delegated)? */
int graph_delegated(const struct graph *);
/*
 * The delegated permissions (CRED_SCOPE_ bits of cred.h) its access tokens
 * ask for, the least the caller needs; 0 for all that teamtop login asked
 * for. Nothing for an application's sign-in.
 */
void graph_set_scopes(struct graph *, unsigned int);
/*
 * The delegated permissions the last access token holds, as cred_granted
 * says (CRED_SCOPE_ bits with CRED_SCOPE_KNOWN); 0 unknown or as the
 * application.
 */
unsigned int graph_granted(const struct graph *);
/* The credentials and the HTTP client, for teamtop login. */
struct cred *graph_cred(struct graph *);
struct http *graph_http(struct graph *);
/*
 * Seconds of the last call's own round trip: its last attempt, without
 * the waits before it (the longest, for calls sent in parallel).
 */
double graph_last_rtt(const struct graph *);
/*
 * Set the hook told when calls start waiting before they are sent again
 * (ms until the wait ends; status 429 or 503 when Graph asked for it with
 * Retry-After, 0 for a back-off) and when they resume (ms 0). It is
 * called on the thread that owns the struct graph.
 */
void graph_set_wait_hook(struct graph *,
    void (*wait)(void *arg, long ms, long status), void *arg);

/*
 * Is an answer a refusal of the access token: 401 with the code
 * InvalidAuthenticationToken, or none? For the answers inside a $batch;
 * every call of this module renews the token once on such an answer.
 */
int graph_token_refused(long status, const char *body, size_t len);
/* Forget the access token, so that the next call asks for a new one. */
void graph_renew_token(struct graph *);

/*
 * Wait seconds before asking again, the way the HTTP layer waits before a
 * retry: as Graph asked when status is that of the answer that asked (a
 * Retry-After inside a $batch answer: within the limit of
 * graph_set_wait_limit, not counted against the deadline), else (0) as a
 * back-off of our own, which must end before the deadline; quitting cuts
 * it short. 0, or -1 with the error filled.
 */
int graph_wait(struct graph *, long seconds, long status, struct graph_error *);

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
/* GET /me: who is signed in (u is zeroed first); delegated only. */
int graph_get_me_user(struct graph *, struct user *, struct graph_error *);

/*
 * The presence budget of an application: GRAPH_BUDGET requests per
 * GRAPH_BUDGET_WINDOW seconds for the whole tenant (the stricter of the
 * documented figures), at GRAPH_CHUNK ids a request.
 */
#define GRAPH_BUDGET 1500
#define GRAPH_BUDGET_WINDOW 30
#define GRAPH_CHUNK 650
/*
 * The shortest interval, in whole seconds (rounded up), at which n people
 * can be refreshed with ceil(n/650) requests each time using no more than
 * share percent of the budget: 0 for nobody. At 100% it is the physical
 * floor, n/32,500 s.
 */
long graph_budget_interval(size_t n, int share);

/* Given each chunk's presences; non-zero stops (graph_each_presences -1). */
typedef int (*graph_each_cb)(void *arg, struct presence_list *);
/*
 * POST /communications/getPresencesByUserId in chunks of 650 ids, exactly
 * ceil(n/650) requests as graph_get_presences, but a few chunks at a time:
 * each answer is parsed and given to each (in any order, as Graph answered;
 * the list is emptied after), never all of them at once. A presence whose
 * sequenceNumber known (may be NULL) says is known is left out.
 */
int graph_each_presences(struct graph *, const char *const *ids, size_t n,
    graph_parse_known_cb known, graph_each_cb each, void *arg,
    struct graph_error *);

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

/*
 * POST a body (NULL for none) to /me/presence/{method}: the methods only a
 * signed-in user may call (the work location).
 */
int graph_post_me(struct graph *, const char *method, const char *body,
    struct graph_error *);

/* One write of graph_post_writes, with its outcome. */
struct graph_write {
	const char *id;     /* The user's object id. */
	const char *method; /* setPresence, clearPresence, ... */
	const char *body;   /* The JSON body. */
	int rc;             /* Out: 0 done, -1 failed with e. */
	struct graph_error e;
};

/*
 * POST n writes with several in flight, each with the retry policy and
 * its own outcome; a token found stale is renewed once and the writes it
 * refused sent again. One token serves them all.
 */
void graph_post_writes(struct graph *, struct graph_write *, size_t n);

/* Is s an object id (a GUID)? */
int graph_is_guid(const char *s);

#endif
