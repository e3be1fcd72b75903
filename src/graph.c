/*
 * The Graph presence calls. Each call gets a bearer token from the
 * credentials, performs the request through the HTTP wrapper (which waits
 * out Retry-After and backs off on 5xx), retries once with a fresh token on
 * a 401 InvalidAuthenticationToken, and maps failures to struct graph_error.
 * Request bodies are built with cJSON. A struct graph belongs to one thread.
 */
#include "config.h"

#include "graph.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cfg.h"
#include "cred.h"
#include "duration.h"
#include "graph_parse.h"
#include "http.h"
#include "log.h"
#include "presence.h"
#include "user.h"
#include "xmalloc.h"

/* The most ids getPresencesByUserId takes in one request. */
/* How many getPresencesByUserId requests are in flight at once. */
#define GRAPH_PARALLEL 4
/*
 * Chunks asked for at a time by graph_each_presences: enough to keep
 * GRAPH_PARALLEL in flight, few enough that answers are not all held.
 */
#define GRAPH_WINDOW (2 * GRAPH_PARALLEL)

struct graph {
	char *base;      /* graph_url + "/" + api, no trailing slash. */
	char *client_id; /* The app's client id. */
	int delegated;   /* Signed in as a user (teamtop login). */
	struct http *http;
	struct cred *cred;
	double rtt; /* Seconds of the last call. */

	int (*cancel)(void *);
	void *cancel_arg;
	void (*wait)(void *, long, long);
	void *wait_arg;
};

/* Forward the HTTP wrapper's cancel poll to the caller's hook. */
static int
graph_cancelled(void *arg)
{
	struct graph *g = arg;

	if (g->cancel == NULL)
		return 0;
	return g->cancel(g->cancel_arg);
}

/* Forward the HTTP wrapper's waits to the caller's hook. */
static void
graph_waiting(void *arg, long ms, long status)
{
	struct graph *g = arg;

	if (g->wait != NULL)
		g->wait(g->wait_arg, ms, status);
}

/* Create a Graph client from the configuration. */
struct graph *
graph_new(const struct cfg *cfg, char **cause)
{
	struct graph *g;
	struct http_options ho;
	const char *url, *api;
	size_t len;

	g = xcalloc(1, sizeof *g);
	url = (cfg->graph_url != NULL) ? cfg->graph_url
	                               : "https://graph.microsoft.com";
	api = (cfg->api != NULL) ? cfg->api : "v1.0";
	len = strlen(url);
	while (len > 0 && url[len - 1] == '/')
		len--;
	xasprintf(&g->base, "%.*s/%s", (int)len, url, api);
	g->client_id = xstrdup(cfg->client_id != NULL ? cfg->client_id : "");
	g->delegated = cfg_delegated(cfg);

	memset(&ho, 0, sizeof ho);
	ho.ca_file = cfg->ca_file;
	ho.proxy = cfg->proxy;
	ho.timeout_ms = cfg->timeout * 1000;
	ho.max_retries = -1;
	ho.max_retry_wait_ms = GRAPH_WAIT_LIMIT * 1000L;
	ho.cancel = graph_cancelled;
	ho.cancel_arg = g;
	ho.wait = graph_waiting;
	ho.wait_arg = g;
	g->http = http_new(&ho);

	if ((g->cred = cred_new(cfg, cause)) == NULL) {
		graph_free(g);
		return NULL;
	}
	return g;
}

/* Free a Graph client. */
void
graph_free(struct graph *g)
{
	if (g == NULL)
		return;
	cred_free(g->cred);
	http_free(g->http);
	free(g->client_id);
	free(g->base);
	free(g);
}

/* Set the hook told about waits before a retry. */
void
graph_set_wait_hook(struct graph *g, void (*wait)(void *, long, long),
    void *arg)
{
	g->wait = wait;
	g->wait_arg = arg;
}

/* Give up on calls once seconds have passed from now; 0 for never. */
void
graph_set_deadline(struct graph *g, long seconds)
{
	http_set_deadline(g->http, seconds > 0 ? seconds * 1000 : 0);
}

/* Change the longest Retry-After honoured; -1 for no limit. */
void
graph_set_wait_limit(struct graph *g, long seconds)
{
	http_set_wait_limit(g->http, seconds < 0 ? -1 : seconds * 1000);
}

/* Set the hook polled while waiting, to abort on quit. */
void
graph_set_cancel(struct graph *g, int (*cancel)(void *), void *arg)
{
	g->cancel = cancel;
	g->cancel_arg = arg;
}

/* The base URL of the API in use. */
const char *
graph_base(const struct graph *g)
{
	return g->base;
}

/* The app's client id. */
const char *
graph_client_id(const struct graph *g)
{
	return g->client_id;
}

/* Is the client signed in as a user? */
int
graph_delegated(const struct graph *g)
{
	return g->delegated;
}

/* The delegated permissions the access tokens ask for. */
void
graph_set_scopes(struct graph *g, unsigned int scopes)
{
	if (g->delegated)
		cred_set_scopes(g->cred, scopes);
}

/* The delegated permissions the last access token holds. */
unsigned int
graph_granted(const struct graph *g)
{
	return g->delegated ? cred_granted(g->cred) : 0;
}

/* The credentials. */
struct cred *
graph_cred(struct graph *g)
{
	return g->cred;
}

/* The HTTP client. */
struct http *
graph_http(struct graph *g)
{
	return g->http;
}

/* Seconds of the last call. */
double
graph_last_rtt(const struct graph *g)
{
	return g->rtt;
}

/* Is s an object id: 8-4-4-4-12 hexadecimal digits? */
int
graph_is_guid(const char *s)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	size_t i;
	int j;

	for (i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		for (j = 0; j < groups[i]; j++) {
			if (!isxdigit((unsigned char)*s))
				return 0;
			s++;
		}
		if (i < 4 && *s++ != '-')
			return 0;
	}
	return *s == '\0';
}

/* Fill an error from a Graph error body, or from the status alone. */
static void
graph_error_from(struct graph_error *e, const struct http_response *resp)
{
	char *code = NULL, *message = NULL, *rid = NULL, *tmp;
	long st = resp->status;

	graph_error_done(e);
	graph_parse_error(resp->body, resp->len, &code, &message, &rid);
	e->status = st;
	e->code = code;
	e->message = message;
	e->request_id = (rid != NULL) ? rid : xstrdup_null(resp->request_id);
	e->throttled = resp->throttled;
	if ((st == 429 || st >= 500) && resp->wait_refused > 0) {
		e->kind = GRAPH_ERR_NETWORK;
		tmp = e->message;
		xasprintf(&e->message, GRAPH_WAIT_REFUSED "%s%s",
		    resp->wait_refused, resp->wait_limit,
		    tmp != NULL ? ": " : "", tmp != NULL ? tmp : "");
		free(tmp);
	} else if (st == 429 || st >= 500 || st == 0) {
		e->kind = GRAPH_ERR_NETWORK;
		tmp = e->message;
		xasprintf(&e->message, "%s, gave up after retrying%s%s",
		    st == 429 ? "throttled by Graph" : "Graph is unavailable",
		    tmp != NULL ? ": " : "", tmp != NULL ? tmp : "");
		free(tmp);
	} else if (st == 401) {
		e->kind = GRAPH_ERR_AUTH;
		if (e->message == NULL)
			e->message = xstrdup("the access token was refused");
	} else
		e->kind = GRAPH_ERR_REFUSED;
}

/*
 * Say what a 403 means signed in as a user: what the delegated permissions
 * allow, and what would.
 */
static void
graph_explain(const struct graph *g, struct graph_error *e, int write)
{
	char *tmp;

	if (!g->delegated || e->status != 403)
		return;
	tmp = e->message;
	xasprintf(&e->message, "%s%s%s",
	    write ? "signed in as yourself you may write only your own "
	            "presence, with the delegated permission "
	            "Presence.ReadWrite; someone else's needs the application "
	            "permission Presence.ReadWrite.All (--auth app)"
	          : "signed in as yourself, reading other people needs the "
	            "delegated permission Presence.Read.All (and "
	            "User.ReadBasic.All to find them)",
	    tmp != NULL && *tmp != '\0' ? ": " : "", tmp != NULL ? tmp : "");
	free(tmp);
}

/* Is this answer a 401 for an expired or revoked token? */
int
graph_token_refused(long status, const char *body, size_t len)
{
	char *code = NULL, *message = NULL, *rid = NULL;
	int yes;

	if (status != 401)
		return 0;
	if (body != NULL)
		graph_parse_error(body, len, &code, &message, &rid);
	yes = (code == NULL || strcmp(code, "InvalidAuthenticationToken") == 0);
	free(code);
	free(message);
	free(rid);
	return yes;
}

/* Forget the access token, so that the next call asks for a new one. */
void
graph_renew_token(struct graph *g)
{
	cred_invalidate(g->cred);
}

/*
 * Wait seconds before sending again: as Graph asked (within the limit) or
 * as a back-off of our own (within the deadline); quitting cuts it short.
 */
int
graph_wait(struct graph *g, long seconds, long status, struct graph_error *e)
{
	long limit = http_wait_limit(g->http);
	char *cause = NULL;

	if (status != 0 && limit >= 0 && seconds > limit / 1000) {
		graph_error_set(e, GRAPH_ERR_NETWORK, GRAPH_WAIT_REFUSED,
		    seconds, limit / 1000);
		e->status = 429;
		e->throttled = 1;
		return -1;
	}
	if (http_wait(g->http, seconds * 1000, status, &cause) != 0) {
		graph_error_set(e, GRAPH_ERR_NETWORK,
		    "waiting %ld s to ask "
		    "again: %s",
		    seconds, cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Build the full URL of a path relative to the base, or keep an absolute one. */
static char *
graph_url(struct graph *g, const char *path)
{
	char *url;

	if (strncmp(path, "http://", 7) == 0 ||
	    strncmp(path, "https://", 8) == 0)
		return xstrdup(path);
	xasprintf(&url, "%s%s", g->base, path);
	return url;
}

/*
 * Perform one call with a token, retrying once with a fresh token on a
 * 401. On success returns 0 with resp filled (status 2xx); otherwise -1
 * with the error filled and resp freed.
 */
static int
graph_call(struct graph *g, const char *method, const char *path,
    const char *body, const char *const *headers, struct http_response *resp,
    struct graph_error *e)
{
	struct http_request req;
	const char *token;
	char *url, *cause = NULL;
	int try;

	url = graph_url(g, path);
	for (try = 0; try < 2; try++) {
		if ((token = cred_token(g->cred, g->http, e)) == NULL)
			goto fail;
		memset(&req, 0, sizeof req);
		req.method = method;
		req.url = url;
		req.body = body;
		req.body_len = (body != NULL) ? strlen(body) : 0;
		req.bearer = token;
		req.headers = headers;
		memset(resp, 0, sizeof *resp);
		if (http_perform(g->http, &req, resp, &cause) != 0) {
			g->rtt = resp->rtt;
			graph_error_set(e,
			    resp->refused ? GRAPH_ERR_USAGE : GRAPH_ERR_NETWORK,
			    "%s %s: %s", method, path,
			    cause != NULL ? cause : "failed");
			e->throttled = resp->throttled;
			free(cause);
			http_response_done(resp);
			goto fail;
		}
		g->rtt = resp->rtt;
		log_debug("%s %s -> %ld (%.3f s)", method, url, resp->status,
		    resp->elapsed);
		if (resp->status >= 200 && resp->status < 300) {
			free(url);
			return 0;
		}
		if (try == 0 &&
		    graph_token_refused(resp->status, resp->body, resp->len)) {
			cred_invalidate(g->cred);
			http_response_done(resp);
			continue;
		}
		graph_error_from(e, resp);
		graph_explain(g, e, strcmp(method, "GET") != 0);
		http_response_done(resp);
		goto fail;
	}
fail:
	free(url);
	return -1;
}

/* A raw call: GET or POST a path (or absolute URL), returning the body. */
int
graph_request(struct graph *g, const char *method, const char *path,
    const char *body, const char *const *headers, char **out,
    struct graph_error *e)
{
	struct http_response resp;

	if (graph_call(g, method, path, body, headers, &resp, e) != 0)
		return -1;
	if (out != NULL) {
		*out = resp.body;
		resp.body = NULL;
	}
	http_response_done(&resp);
	return 0;
}

/* Parse a single presence body into p: a plain object or a value wrapper. */
static int
graph_parse_one(const char *body, size_t len, struct presence *p,
    struct graph_error *e)
{
	char *cause = NULL;

	memset(p, 0, sizeof *p);
	if (graph_parse_presence(body, len, p, &cause) != 0) {
		graph_error_set(e, GRAPH_ERR_NETWORK,
		    "bad presence from "
		    "Graph: %s",
		    cause != NULL ? cause : "unreadable");
		free(cause);
		return -1;
	}
	return 0;
}

/* GET a presence path and parse it. */
static int
graph_get_one(struct graph *g, const char *path, struct presence *p,
    struct graph_error *e)
{
	struct http_response resp;
	int rc;

	if (graph_call(g, "GET", path, NULL, NULL, &resp, e) != 0)
		return -1;
	rc = graph_parse_one(resp.body, resp.len, p, e);
	http_response_done(&resp);
	return rc;
}

/* Refuse an id that is not an object id before it reaches a presence path. */
static int
graph_check_id(const char *id, struct graph_error *e)
{
	if (id == NULL || !graph_is_guid(id)) {
		graph_error_set(e, GRAPH_ERR_USAGE,
		    "'%s' is not a user object id", id != NULL ? id : "");
		return -1;
	}
	return 0;
}

/* Check an id, then GET the presence at before + id + after. */
static int
graph_get_by_id(struct graph *g, const char *before, const char *id,
    const char *after, struct presence *p, struct graph_error *e)
{
	char *path;
	int rc;

	if (graph_check_id(id, e) != 0)
		return -1;
	xasprintf(&path, "%s%s%s", before, id, after);
	rc = graph_get_one(g, path, p, e);
	free(path);
	return rc;
}

/* GET /users/{id}/presence. */
int
graph_get_presence(struct graph *g, const char *id, struct presence *p,
    struct graph_error *e)
{
	return graph_get_by_id(g, "/users/", id, "/presence", p, e);
}

/* GET /communications/presences/{id}. */
int
graph_get_presence_comm(struct graph *g, const char *id, struct presence *p,
    struct graph_error *e)
{
	return graph_get_by_id(g, "/communications/presences/", id, "", p, e);
}

/* GET /me/presence, which needs a signed-in user. */
int
graph_get_me(struct graph *g, struct presence *p, struct graph_error *e)
{
	if (!g->delegated) {
		graph_error_set(e, GRAPH_ERR_USAGE, "%s", GRAPH_ME_APP_ONLY);
		return -1;
	}
	if (graph_get_one(g, "/me/presence", p, e) == 0)
		return 0;
	if (e->status == 403) {
		free(e->message);
		e->message = xstrdup("reading your own presence needs the "
		                     "delegated permission Presence.Read (or "
		                     "Presence.Read.All)");
	}
	return -1;
}

/* GET /me: who is signed in (id, names, address); delegated only. */
int
graph_get_me_user(struct graph *g, struct user *u, struct graph_error *e)
{
	cJSON *root;
	char *body = NULL;
	int rc = -1;

	memset(u, 0, sizeof *u);
	if (!g->delegated) {
		graph_error_set(e, GRAPH_ERR_USAGE, "%s", GRAPH_ME_APP_ONLY);
		return -1;
	}
	if (graph_request(g, "GET",
	        "/me?$select=id,displayName,userPrincipalName,mail,"
	        "department,jobTitle",
	        NULL, NULL, &body, e) != 0)
		return -1;
	root = cJSON_Parse(body);
	if (root == NULL || graph_parse_user_object(root, u) != 0) {
		user_done(u);
		graph_error_set(e, GRAPH_ERR_NETWORK, "%s",
		    "bad answer from Graph to /me: no user id");
	} else
		rc = 0;
	cJSON_Delete(root);
	free(body);
	return rc;
}

/* Compare two presences by id, for sorting and searching. */
static int
graph_cmp_presence(const void *a, const void *b)
{
	const struct presence *pa = a, *pb = b;

	return strcasecmp(pa->id != NULL ? pa->id : "",
	    pb->id != NULL ? pb->id : "");
}

/*
 * Build the body of one getPresencesByUserId chunk, {"ids":["...",...]}:
 * the ids are checked object ids (graph_check_id), with nothing to escape.
 */
static char *
graph_ids_body(const char *const *ids, size_t n)
{
	static const char head[] = "{\"ids\":[", tail[] = "]}";
	size_t i, k, len = sizeof head + sizeof tail;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(ids[i]) + 3;
	s = xmalloc(len);
	memcpy(s, head, sizeof head - 1);
	len = sizeof head - 1;
	for (i = 0; i < n; i++) {
		if (i != 0)
			s[len++] = ',';
		s[len++] = '"';
		k = strlen(ids[i]);
		memcpy(s + len, ids[i], k);
		len += k;
		s[len++] = '"';
	}
	memcpy(s + len, tail, sizeof tail);
	return s;
}

/*
 * POST n bodies to one path with several in flight, retrying them all once
 * with a fresh token when one was refused. On success outs[i] holds each
 * answer's body; on failure the error of the first that failed.
 */
int
graph_post_many(struct graph *g, const char *path, char *const *bodies,
    size_t n, char **outs, struct graph_error *e)
{
	struct http_request *reqs;
	struct http_response *resps;
	char **causes, *url;
	const char *token;
	size_t i, failed;
	int rc = -1, try, throttled = 0;

	if (n == 0)
		return 0;
	reqs = xcalloc(n, sizeof *reqs);
	resps = xcalloc(n, sizeof *resps);
	causes = xcalloc(n, sizeof *causes);
	url = graph_url(g, path);
	for (try = 0; try < 2; try++) {
		if ((token = cred_token(g->cred, g->http, e)) == NULL)
			goto out;
		for (i = 0; i < n; i++) {
			reqs[i].method = "POST";
			reqs[i].url = url;
			reqs[i].body = bodies[i];
			reqs[i].body_len = strlen(bodies[i]);
			reqs[i].bearer = token;
		}
		failed = http_perform_many(g->http, reqs, resps, causes, n,
		    GRAPH_PARALLEL);
		g->rtt = 0;
		for (i = 0; i < n; i++) {
			if (resps[i].rtt > g->rtt)
				g->rtt = resps[i].rtt;
		}
		log_debug("POST %s x %zu (%.3f s)", url, n, g->rtt);
		for (i = 0; i < n; i++) {
			if (resps[i].throttled)
				throttled = 1;
		}
		if (failed != 0) {
			for (i = 0; i < n - 1 && causes[i] == NULL; i++)
				;
			graph_error_set(e,
			    resps[i].refused ? GRAPH_ERR_USAGE
			                     : GRAPH_ERR_NETWORK,
			    "POST %s: %s", path,
			    causes[i] != NULL ? causes[i] : "failed");
			goto out;
		}
		for (i = 0; i < n; i++) {
			if (graph_token_refused(resps[i].status, resps[i].body,
			        resps[i].len))
				break;
		}
		if (i == n || try == 1)
			break;
		/* The token went stale: ask again for every body. */
		cred_invalidate(g->cred);
		for (i = 0; i < n; i++)
			http_response_done(&resps[i]);
		memset(resps, 0, n * sizeof *resps);
	}
	for (i = 0; i < n; i++) {
		if (resps[i].status < 200 || resps[i].status >= 300) {
			graph_error_from(e, &resps[i]);
			graph_explain(g, e, 0);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		outs[i] = resps[i].body;
		resps[i].body = NULL;
	}
	rc = 0;
out:
	/* Throttled on the way counts even when the retries succeeded. */
	if (throttled)
		e->throttled = 1;
	for (i = 0; i < n; i++) {
		http_response_done(&resps[i]);
		free(causes[i]);
	}
	free(reqs);
	free(resps);
	free(causes);
	free(url);
	return rc;
}

/*
 * POST getPresencesByUserId in chunks of 650, GRAPH_WINDOW chunks at a time
 * with several in flight; each answer is parsed (known presences left
 * out) and handed to each, then freed.
 */
int
graph_each_presences(struct graph *g, const char *const *ids, size_t n,
    graph_parse_known_cb known, graph_each_cb each, void *arg,
    struct graph_error *e)
{
	struct presence_list pl;
	char *bodies[GRAPH_WINDOW], *outs[GRAPH_WINDOW], *cause;
	size_t nchunks, first, nw, i, off, cnt;
	int rc = 0;

	for (i = 0; i < n; i++) {
		if (graph_check_id(ids[i], e) != 0)
			return -1;
	}
	nchunks = (n + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
	memset(&pl, 0, sizeof pl);
	for (first = 0; rc == 0 && first < nchunks; first += nw) {
		nw = nchunks - first < GRAPH_WINDOW ? nchunks - first
		                                    : GRAPH_WINDOW;
		for (i = 0; i < nw; i++) {
			off = (first + i) * GRAPH_CHUNK;
			cnt = (n - off < GRAPH_CHUNK) ? n - off : GRAPH_CHUNK;
			bodies[i] = graph_ids_body(ids + off, cnt);
			outs[i] = NULL;
		}
		rc = graph_post_many(g, "/communications/getPresencesByUserId",
		    bodies, nw, outs, e);
		for (i = 0; i < nw; i++) {
			cause = NULL;
			if (rc == 0 &&
			    graph_parse_presences_known(outs[i],
			        strlen(outs[i]), &pl, known, arg, NULL,
			        &cause) != 0) {
				graph_error_set(e, GRAPH_ERR_NETWORK,
				    "bad getPresencesByUserId answer: %s",
				    cause != NULL ? cause : "unreadable");
				free(cause);
				rc = -1;
			}
			if (rc == 0 && each(arg, &pl) != 0)
				rc = -1;
			presence_list_done(&pl);
			free(bodies[i]);
			free(outs[i]);
		}
	}
	return rc;
}

/*
 * POST getPresencesByUserId in chunks of 650 with several in flight, and
 * put the answers in the order of ids.
 */
int
graph_get_presences(struct graph *g, const char *const *ids, size_t n,
    struct presence_list *out, struct graph_error *e)
{
	struct presence_list all;
	struct presence key, *found;
	char **bodies, **outs, *cause;
	size_t nchunks, i, off, cnt;
	int rc = -1;

	for (i = 0; i < n; i++) {
		if (graph_check_id(ids[i], e) != 0)
			return -1;
	}
	if (n == 0)
		return 0;
	memset(&all, 0, sizeof all);
	nchunks = (n + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
	bodies = xcalloc(nchunks, sizeof *bodies);
	outs = xcalloc(nchunks, sizeof *outs);
	for (i = 0; i < nchunks; i++) {
		off = i * GRAPH_CHUNK;
		cnt = (n - off < GRAPH_CHUNK) ? n - off : GRAPH_CHUNK;
		bodies[i] = graph_ids_body(ids + off, cnt);
	}
	if (graph_post_many(g, "/communications/getPresencesByUserId", bodies,
	        nchunks, outs, e) != 0)
		goto out;
	for (i = 0; i < nchunks; i++) {
		cause = NULL;
		if (graph_parse_presences(outs[i], strlen(outs[i]), &all,
		        &cause) != 0) {
			graph_error_set(e, GRAPH_ERR_NETWORK,
			    "bad getPresencesByUserId answer: %s",
			    cause != NULL ? cause : "unreadable");
			free(cause);
			goto out;
		}
	}

	qsort(all.v, all.n, sizeof *all.v, graph_cmp_presence);
	memset(&key, 0, sizeof key);
	for (i = 0; i < n; i++) {
		key.id = (char *)ids[i];
		found = bsearch(&key, all.v, all.n, sizeof *all.v,
		    graph_cmp_presence);
		if (found != NULL)
			presence_copy(presence_list_add(out), found);
	}
	rc = 0;
out:
	presence_list_done(&all);
	for (i = 0; i < nchunks; i++) {
		free(bodies[i]);
		free(outs[i]);
	}
	free(bodies);
	free(outs);
	return rc;
}

/* POST a write's body to /users/{id}/presence/{method}. */
int
graph_post_write(struct graph *g, const char *id, const char *method,
    const char *body, struct graph_error *e)
{
	char *path;
	int rc;

	if (graph_check_id(id, e) != 0)
		return -1;
	xasprintf(&path, "/users/%s/presence/%s", id, method);
	rc = graph_request(g, "POST", path, body, NULL, NULL, e);
	free(path);
	return rc;
}

/* POST to /me/presence/{method}, with a body or none. */
int
graph_post_me(struct graph *g, const char *method, const char *body,
    struct graph_error *e)
{
	char *path;
	int rc;

	if (!g->delegated) {
		graph_error_set(e, GRAPH_ERR_USAGE,
		    "/me/presence/%s needs a delegated sign-in (a signed-in "
		    "user); the application's own credentials cannot call it",
		    method);
		return -1;
	}
	xasprintf(&path, "/me/presence/%s", method);
	rc = graph_request(g, "POST", path, body, NULL, NULL, e);
	free(path);
	return rc;
}

/* POST several writes, several in flight, each with its own outcome. */
void
graph_post_writes(struct graph *g, struct graph_write *w, size_t n)
{
	struct http_request *reqs;
	struct http_response *resps;
	char **causes, **urls;
	const char *token;
	size_t *todo, ntodo = 0, nretry, i, k;
	struct graph_error e;
	int try;

	reqs = xcalloc(n + 1, sizeof *reqs);
	resps = xcalloc(n + 1, sizeof *resps);
	causes = xcalloc(n + 1, sizeof *causes);
	urls = xcalloc(n + 1, sizeof *urls);
	todo = xcalloc(n + 1, sizeof *todo);
	for (i = 0; i < n; i++) {
		graph_error_init(&w[i].e);
		w[i].rc = -1;
		if (graph_check_id(w[i].id, &w[i].e) != 0)
			continue;
		xasprintf(&urls[i], "%s/users/%s/presence/%s", g->base, w[i].id,
		    w[i].method);
		todo[ntodo++] = i;
	}
	for (try = 0; try < 2 && ntodo != 0; try++) {
		graph_error_init(&e);
		if ((token = cred_token(g->cred, g->http, &e)) == NULL) {
			for (k = 0; k < ntodo; k++) {
				graph_error_done(&w[todo[k]].e);
				graph_error_set(&w[todo[k]].e, e.kind, "%s",
				    e.message != NULL ? e.message : "no token");
			}
			graph_error_done(&e);
			break;
		}
		graph_error_done(&e);
		for (k = 0; k < ntodo; k++) {
			i = todo[k];
			memset(&reqs[k], 0, sizeof reqs[k]);
			reqs[k].method = "POST";
			reqs[k].url = urls[i];
			reqs[k].body = w[i].body;
			reqs[k].body_len = strlen(w[i].body);
			reqs[k].bearer = token;
			memset(&resps[k], 0, sizeof resps[k]);
			causes[k] = NULL;
		}
		http_perform_many(g->http, reqs, resps, causes, ntodo,
		    GRAPH_PARALLEL);
		nretry = 0;
		for (k = 0; k < ntodo; k++) {
			i = todo[k];
			log_debug("POST %s -> %ld (%.3f s)", urls[i],
			    resps[k].status, resps[k].elapsed);
			if (resps[k].rtt > g->rtt)
				g->rtt = resps[k].rtt;
			if (causes[k] != NULL) {
				graph_error_set(&w[i].e,
				    resps[k].refused ? GRAPH_ERR_USAGE
				                     : GRAPH_ERR_NETWORK,
				    "POST %s: %s", w[i].method, causes[k]);
				w[i].e.throttled = resps[k].throttled;
			} else if (resps[k].status >= 200 &&
			    resps[k].status < 300)
				w[i].rc = 0;
			else if (try == 0 &&
			    graph_token_refused(resps[k].status, resps[k].body,
			        resps[k].len))
				todo[nretry++] =
				    i; /* Again, with a new token. */
			else {
				graph_error_from(&w[i].e, &resps[k]);
				graph_explain(g, &w[i].e, 1);
			}
			free(causes[k]);
			http_response_done(&resps[k]);
		}
		if (nretry != 0)
			cred_invalidate(g->cred);
		ntodo = nretry;
	}
	for (i = 0; i < n; i++)
		free(urls[i]);
	free(urls);
	free(todo);
	free(reqs);
	free(resps);
	free(causes);
}

/* The shortest refresh interval of n people within share% of the budget. */
long
graph_budget_interval(size_t n, int share)
{
	unsigned long long requests, num, den;

	if (share < 1)
		share = 1;
	if (share > 100)
		share = 100;
	requests = (n + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
	/* requests / (GRAPH_BUDGET * share / 100) windows, rounded up. */
	num = requests * GRAPH_BUDGET_WINDOW * 100;
	den = (unsigned long long)GRAPH_BUDGET * (unsigned)share;
	return (long)((num + den - 1) / den);
}
