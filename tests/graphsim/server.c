/*
 * libmicrohttpd glue and the router. The daemon listens on loopback with
 * an internal polling thread and one thread per connection, so that a
 * delayed answer (--latency, a fault's delay_ms) holds up nobody else.
 * Each request is turned into a struct req, routed by "METHOD TEMPLATE",
 * faulted, delayed, authenticated, throttled, handled and counted; $batch
 * sub-requests take the same path through server_dispatch. Stats, fault
 * rules and the throttling window each have their own mutex.
 */
#include "config.h"

#include "server.h"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "auth.h"
#include "batch.h"
#include "clock.h"
#include "control.h"
#include "directory.h"
#include "login.h"
#include "presence_api.h"
#include "rng.h"
#include "xmalloc.h"

/* Largest request body accepted, bytes. */
#define SERVER_MAX_BODY (16 * 1024 * 1024)
/* The throttling window, milliseconds. */
#define SERVER_WINDOW 30000

/* Route flags. */
#define ROUTE_AUTH 0x1   /* Needs a bearer token. */
#define ROUTE_LOGIN 0x2  /* A sign-in endpoint: no version, no token. */
#define ROUTE_USERS 0x4  /* Delegated: needs a scope that reads users. */
#define ROUTE_GROUPS 0x8 /* Delegated: needs a scope that reads groups. */

/* A route of the Graph API. */
struct route {
	const char *method;
	const char *tmpl;
	void (*fn)(struct req *, struct resp *);
	int flags;
};

static const struct route server_routes[] = {
	{ "GET", "/me", presence_api_me, ROUTE_AUTH },
	{ "GET", "/me/presence", presence_api_me, ROUTE_AUTH },
	{ "POST", "/me/presence/setPresence", presence_api_me, ROUTE_AUTH },
	{ "POST", "/me/presence/clearPresence", presence_api_me, ROUTE_AUTH },
	{ "POST", "/me/presence/setUserPreferredPresence", presence_api_me,
	    ROUTE_AUTH },
	{ "POST", "/me/presence/clearUserPreferredPresence", presence_api_me,
	    ROUTE_AUTH },
	{ "POST", "/me/presence/setStatusMessage", presence_api_me,
	    ROUTE_AUTH },
	{ "POST", "/me/presence/setManualLocation", presence_api_me,
	    ROUTE_AUTH },
	{ "POST", "/me/presence/setAutomaticLocation", presence_api_me,
	    ROUTE_AUTH },
	{ "POST", "/me/presence/clearLocation", presence_api_me, ROUTE_AUTH },
	{ "POST", "/me/presence/clearAutomaticLocation", presence_api_me,
	    ROUTE_AUTH },
	{ "GET", "/users/{id}/presence", presence_api_get, ROUTE_AUTH },
	{ "GET", "/communications/presences/{id}", presence_api_get_comm,
	    ROUTE_AUTH },
	{ "POST", "/communications/getPresencesByUserId", presence_api_many,
	    ROUTE_AUTH },
	{ "POST", "/users/{id}/presence/setPresence", presence_api_set,
	    ROUTE_AUTH },
	{ "POST", "/users/{id}/presence/clearPresence", presence_api_clear,
	    ROUTE_AUTH },
	{ "POST", "/users/{id}/presence/setUserPreferredPresence",
	    presence_api_set_preferred, ROUTE_AUTH },
	{ "POST", "/users/{id}/presence/clearUserPreferredPresence",
	    presence_api_clear_preferred, ROUTE_AUTH },
	{ "POST", "/users/{id}/presence/setStatusMessage",
	    presence_api_set_status, ROUTE_AUTH },
	{ "POST", "/communications/presences/{id}/setPresence",
	    presence_api_set, ROUTE_AUTH },
	{ "POST", "/communications/presences/{id}/clearPresence",
	    presence_api_clear, ROUTE_AUTH },
	{ "POST", "/communications/presences/{id}/setUserPreferredPresence",
	    presence_api_set_preferred, ROUTE_AUTH },
	{ "POST", "/communications/presences/{id}/clearUserPreferredPresence",
	    presence_api_clear_preferred, ROUTE_AUTH },
	{ "POST", "/communications/presences/{id}/setStatusMessage",
	    presence_api_set_status, ROUTE_AUTH },
	{ "GET", "/users", directory_users, ROUTE_AUTH | ROUTE_USERS },
	{ "GET", "/users/$count", directory_users_count,
	    ROUTE_AUTH | ROUTE_USERS },
	{ "GET", "/users/{id}", directory_user, ROUTE_AUTH | ROUTE_USERS },
	{ "GET", "/groups", directory_groups, ROUTE_AUTH | ROUTE_GROUPS },
	{ "GET", "/groups/{id}", directory_group, ROUTE_AUTH | ROUTE_GROUPS },
	{ "GET", "/groups/{id}/members", directory_members,
	    ROUTE_AUTH | ROUTE_GROUPS },
	{ "GET", "/groups/{id}/transitiveMembers", directory_transitive,
	    ROUTE_AUTH | ROUTE_GROUPS },
	{ "POST", "/$batch", batch_handle, ROUTE_AUTH },
	/* The sign-in endpoints, last: served without a version. */
	{ "POST", "/{tenant}/oauth2/v2.0/token", auth_token, ROUTE_LOGIN },
	{ "POST", "/{tenant}/oauth2/v2.0/devicecode", login_devicecode,
	    ROUTE_LOGIN },
	{ "GET", "/{tenant}/oauth2/v2.0/authorize", login_authorize,
	    ROUTE_LOGIN },
};
#define SERVER_NROUTES (sizeof server_routes / sizeof server_routes[0])
/* The first sign-in route; the Graph routes come before it. */
#define SERVER_LOGIN_ROUTES (SERVER_NROUTES - 3)

/* What a fault rule does to the connection. */
enum server_action {
	ACTION_NONE,
	ACTION_DROP,
	ACTION_TRUNCATE,
	ACTION_MALFORMED,
};

/* A fault rule. */
struct server_fault {
	char *route; /* Route key or "*". */
	long count;  /* Matching requests left. */
	int status;  /* 0 for none. */
	long retry_after;
	char *code;
	long delay_ms;
	enum server_action action;
};

/* The per-connection state while a body arrives. */
struct server_conn {
	struct jbuf body;
	int too_big;
};

/* What the answer to a connection needs to know besides struct resp. */
struct server_trunc {
	char *data;
	size_t len; /* Bytes to send before failing. */
};

static struct MHD_Daemon *server_daemon;
static struct server_config server_cfg;
static char server_base_url[64];

static pthread_mutex_t server_stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long server_stat_requests;              /* Stats mutex. */
static unsigned long server_stat_route[SERVER_NROUTES]; /* Stats mutex. */
static unsigned long server_stat_status[600];           /* Stats mutex. */
static unsigned long server_stat_version[2];            /* Stats mutex. */
static unsigned long server_stat_gzip;     /* Answers gzipped. Stats. */
static unsigned long server_stat_gzip_in;  /* Their bytes before. Stats. */
static unsigned long server_stat_gzip_out; /* Their bytes sent. Stats. */

static pthread_mutex_t server_fault_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct server_fault *server_faults; /* Fault mutex. */
static size_t server_nfaults;              /* Fault mutex. */

static pthread_mutex_t server_throttle_mutex = PTHREAD_MUTEX_INITIALIZER;
static int64_t *server_window;    /* Admitted times, ms; throttle mutex. */
static size_t server_window_head; /* Throttle mutex. */
static size_t server_window_n;    /* Throttle mutex. */

static _Atomic uint64_t server_guid_counter;
static _Atomic int64_t server_last_ms; /* Last request seen, monotonic. */
static _Atomic int server_active;      /* Requests being served. */
static uint64_t server_guid_key;

/* The emulator's root URL, "http://127.0.0.1:PORT". */
const char *
server_base(void)
{
	return server_base_url;
}

/* A new random-looking GUID (request ids, trace ids). */
void
server_new_guid(char *out)
{
	struct rng r;

	rng_seed(&r, server_guid_key,
	    atomic_fetch_add(&server_guid_counter, 1));
	rng_guid(&r, out);
}

/* Decode %XX escapes in place (and + as space when plus is set). */
void
server_url_decode(char *s, int plus)
{
	char *o = s;
	int hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2])) {
			hi = isdigit((unsigned char)s[1])
			    ? s[1] - '0'
			    : tolower((unsigned char)s[1]) - 'a' + 10;
			lo = isdigit((unsigned char)s[2])
			    ? s[2] - '0'
			    : tolower((unsigned char)s[2]) - 'a' + 10;
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else if (*s == '+' && plus)
			*o++ = ' ';
		else
			*o++ = *s;
	}
	*o = '\0';
}

/*
 * Append s percent-encoded; keep is a mask of SERVER_KEEP_DOLLAR and
 * SERVER_KEEP_SLASH.
 */
void
server_url_encode(struct jbuf *b, const char *s, int keep)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '.' || c == '_' ||
		    c == '~' || c == ',' || c == ':' ||
		    (c == '$' && (keep & SERVER_KEEP_DOLLAR)) ||
		    (c == '/' && (keep & SERVER_KEEP_SLASH)))
			jbuf_addc(b, (char)c);
		else {
			jbuf_addc(b, '%');
			jbuf_addc(b, hex[c >> 4]);
			jbuf_addc(b, hex[c & 15]);
		}
	}
}

/* A query argument, or NULL. */
const char *
req_arg(const struct req *req, const char *key)
{
	size_t i;

	for (i = 0; i < req->nargs; i++) {
		if (strcasecmp(req->args[i].key, key) == 0)
			return req->args[i].value;
	}
	return NULL;
}

/* A header, or NULL. */
const char *
req_header(const struct req *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->nheaders; i++) {
		if (strcasecmp(req->headers[i].key, name) == 0)
			return req->headers[i].value;
	}
	return NULL;
}

/* Free a request's members. */
void
req_done(struct req *req)
{
	size_t i;

	for (i = 0; i < req->nargs; i++) {
		free(req->args[i].key);
		free(req->args[i].value);
	}
	for (i = 0; i < req->nheaders; i++) {
		free(req->headers[i].key);
		free(req->headers[i].value);
	}
	free(req->args);
	free(req->headers);
	free(req->method);
	free(req->path);
	free(req->params[0]);
	free(req->params[1]);
	free(req->client_id);
	free(req->scopes);
}

/* Start an answer. */
void
resp_init(struct resp *resp)
{
	memset(resp, 0, sizeof *resp);
	jbuf_init(&resp->body);
	resp->retry_after = -1;
}

/* Free an answer. */
void
resp_done(struct resp *resp)
{
	jbuf_done(&resp->body);
	free(resp->location);
	resp->location = NULL;
}

/* Make the answer a JSON body with status; empties the body. */
void
resp_json(struct resp *resp, int status)
{
	resp->status = status;
	resp->has_body = 1;
	resp->content_type =
	    "application/json;odata.metadata=minimal;"
	    "odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
	resp->body.len = 0;
	if (resp->body.p != NULL)
		resp->body.p[0] = '\0';
}

/* Make the answer Graph's error body. */
void
resp_error(struct resp *resp, const struct req *req, int status,
    const char *code, const char *fmt, ...)
{
	char date[CLOCK_ISO_SIZE], *msg;
	const char *crid = req_header(req, "client-request-id");
	va_list ap;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	clock_graph_date(clock_now(), date);
	resp_json(resp, status);
	jbuf_adds(&resp->body, "{\"error\":{\"code\":");
	jbuf_str(&resp->body, code);
	jbuf_adds(&resp->body, ",\"message\":");
	jbuf_str(&resp->body, msg);
	jbuf_printf(&resp->body,
	    ",\"innerError\":{\"date\":\"%s\","
	    "\"request-id\":\"%s\",\"client-request-id\":",
	    date, req->request_id);
	jbuf_str(&resp->body, crid != NULL ? crid : req->request_id);
	jbuf_adds(&resp->body, "}}}");
	free(msg);
}

/* Match path against a template; captures {id}/{tenant} into params. */
static int
server_match(const char *tmpl, const char *path, struct req *req)
{
	const char *t = tmpl, *p = path, *te, *pe;
	char *cap[2] = { NULL, NULL };
	size_t ncap = 0, tl, pl;

	for (;;) {
		if (*t != '/' || *p != '/')
			break;
		t++;
		p++;
		te = strchr(t, '/');
		pe = strchr(p, '/');
		tl = te != NULL ? (size_t)(te - t) : strlen(t);
		pl = pe != NULL ? (size_t)(pe - p) : strlen(p);
		if (pl == 0)
			goto fail;
		if (*t == '{') {
			if (ncap < 2)
				cap[ncap++] = xstrndup(p, pl);
		} else if (tl != pl || strncasecmp(t, p, tl) != 0)
			goto fail;
		t += tl;
		p += pl;
		if (*t == '\0' && *p == '\0') {
			free(req->params[0]);
			free(req->params[1]);
			req->params[0] = cap[0];
			req->params[1] = cap[1];
			return 1;
		}
	}
fail:
	free(cap[0]);
	free(cap[1]);
	return 0;
}

/* Find the route of a request: its index, -1 for none, -2 for 405. */
static int
server_route(struct req *req)
{
	size_t i, first = req->version != NULL ? 0 : SERVER_LOGIN_ROUTES;
	size_t last =
	    req->version != NULL ? SERVER_LOGIN_ROUTES : SERVER_NROUTES;
	int other = 0;

	for (i = first; i < last; i++) {
		if (!server_match(server_routes[i].tmpl, req->path, req))
			continue;
		if (strcmp(server_routes[i].method, req->method) == 0)
			return (int)i;
		other = 1;
	}
	return other ? -2 : -1;
}

/* Do segments 0..k of path[0..end) begin some versioned route template? */
static int
server_segment_known(size_t k, const char *path, size_t end)
{
	const char *t, *p, *te, *pe;
	size_t i, j, tl, pl;

	for (i = 0; i < SERVER_LOGIN_ROUTES; i++) {
		t = server_routes[i].tmpl;
		p = path;
		for (j = 0; j <= k; j++) {
			if (*t != '/' || *p != '/')
				break;
			t++;
			p++;
			te = strchr(t, '/');
			pe = memchr(p, '/', end - (size_t)(p - path));
			tl = te != NULL ? (size_t)(te - t) : strlen(t);
			pl = pe != NULL ? (size_t)(pe - p)
			                : end - (size_t)(p - path);
			if (*t != '{' &&
			    (tl != pl || strncasecmp(t, p, tl) != 0))
				break;
			t += tl;
			p += pl;
		}
		if (j > k)
			return 1;
	}
	return 0;
}

/*
 * The first segment of a versioned path that no route has in its place,
 * as Graph names it in "Resource not found for the segment '...'", into
 * buf; 0 when every segment is known (the path is only incomplete).
 */
static int
server_unknown_segment(const char *path, char *buf, size_t len)
{
	const char *p = path, *e;
	size_t k, end = strlen(path);

	for (k = 0; *p == '/'; k++) {
		e = strchr(p + 1, '/');
		if (e == NULL)
			e = path + end;
		if (!server_segment_known(k, path, (size_t)(e - path))) {
			snprintf(buf, len, "%.*s", (int)(e - p - 1), p + 1);
			return 1;
		}
		p = e;
	}
	return 0;
}

/* The route key "METHOD TEMPLATE" of route i into buf. */
static void
server_key(size_t i, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s", server_routes[i].method,
	    server_routes[i].tmpl);
}

/* Count a finished request. */
static void
server_count(const struct req *req, int route, int status)
{
	pthread_mutex_lock(&server_stats_mutex);
	server_stat_requests++;
	if (route >= 0)
		server_stat_route[route]++;
	if (status > 0 && status < 600)
		server_stat_status[status]++;
	if (req->version != NULL)
		server_stat_version[strcmp(req->version, "beta") == 0]++;
	pthread_mutex_unlock(&server_stats_mutex);
}

/* Render the stats. */
void
server_stats_json(struct jbuf *b)
{
	char key[128];
	size_t i;
	int first = 1;

	pthread_mutex_lock(&server_stats_mutex);
	jbuf_printf(b, "{\"requests\":%lu,\"by_route\":{",
	    server_stat_requests);
	for (i = 0; i < SERVER_NROUTES; i++) {
		if (server_stat_route[i] == 0)
			continue;
		server_key(i, key, sizeof key);
		if (!first)
			jbuf_addc(b, ',');
		first = 0;
		jbuf_str(b, key);
		jbuf_printf(b, ":%lu", server_stat_route[i]);
	}
	jbuf_adds(b, "},\"by_status\":{");
	first = 1;
	for (i = 0; i < 600; i++) {
		if (server_stat_status[i] == 0)
			continue;
		jbuf_printf(b, "%s\"%zu\":%lu", first ? "" : ",", i,
		    server_stat_status[i]);
		first = 0;
	}
	jbuf_adds(b, "},\"by_version\":{");
	first = 1;
	for (i = 0; i < 2; i++) {
		if (server_stat_version[i] == 0)
			continue;
		jbuf_printf(b, "%s\"%s\":%lu", first ? "" : ",",
		    i == 0 ? "v1.0" : "beta", server_stat_version[i]);
		first = 0;
	}
	jbuf_printf(b,
	    "},\"gzip\":{\"answers\":%lu,\"bytes_in\":%lu,"
	    "\"bytes_out\":%lu}}",
	    server_stat_gzip, server_stat_gzip_in, server_stat_gzip_out);
	pthread_mutex_unlock(&server_stats_mutex);
}

/* Zero the stats. */
void
server_stats_reset(void)
{
	pthread_mutex_lock(&server_stats_mutex);
	server_stat_requests = 0;
	memset(server_stat_route, 0, sizeof server_stat_route);
	memset(server_stat_status, 0, sizeof server_stat_status);
	memset(server_stat_version, 0, sizeof server_stat_version);
	server_stat_gzip = server_stat_gzip_in = server_stat_gzip_out = 0;
	pthread_mutex_unlock(&server_stats_mutex);
}

/* Free a fault rule's members. */
static void
server_fault_free(struct server_fault *f)
{
	free(f->route);
	free(f->code);
}

/* Read one fault rule; -1 with *cause when it is wrong. */
static int
server_fault_parse(const cJSON *o, struct server_fault *f, char **cause)
{
	const cJSON *v;
	int kinds = 0;
	char key[128];
	size_t i;

	memset(f, 0, sizeof *f);
	f->count = 1;
	f->retry_after = -1;
	if (!cJSON_IsObject(o)) {
		*cause = xstrdup("a rule must be an object");
		return -1;
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "route");
	if (!cJSON_IsString(v)) {
		*cause = xstrdup("a rule needs a route");
		return -1;
	}
	if (strcmp(v->valuestring, "*") != 0) {
		for (i = 0; i < SERVER_NROUTES; i++) {
			server_key(i, key, sizeof key);
			if (strcmp(key, v->valuestring) == 0)
				break;
		}
		if (i == SERVER_NROUTES) {
			xasprintf(cause, "unknown route: %s", v->valuestring);
			return -1;
		}
	}
	f->route = xstrdup(v->valuestring);
	cJSON_ArrayForEach(v, o) {
		const char *k = v->string;

		if (strcmp(k, "route") == 0)
			continue;
		if (strcmp(k, "count") == 0 || strcmp(k, "status") == 0 ||
		    strcmp(k, "retry_after") == 0 ||
		    strcmp(k, "delay_ms") == 0) {
			if (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
			    v->valuedouble > 1e9) {
				xasprintf(cause, "%s must be a number >= 0", k);
				goto fail;
			}
			if (strcmp(k, "count") == 0)
				f->count = (long)v->valuedouble;
			else if (strcmp(k, "status") == 0) {
				f->status = (int)v->valuedouble;
				if (f->status < 100 || f->status > 599) {
					*cause =
					    xstrdup("status must be 100..599");
					goto fail;
				}
				kinds++;
			} else if (strcmp(k, "retry_after") == 0)
				f->retry_after = (long)v->valuedouble;
			else
				f->delay_ms = (long)v->valuedouble;
		} else if (strcmp(k, "code") == 0) {
			if (!cJSON_IsString(v)) {
				*cause = xstrdup("code must be a string");
				goto fail;
			}
			free(f->code);
			f->code = xstrdup(v->valuestring);
		} else if (strcmp(k, "drop") == 0 ||
		    strcmp(k, "truncate") == 0 || strcmp(k, "malformed") == 0) {
			if (!cJSON_IsBool(v)) {
				xasprintf(cause, "%s must be true or false", k);
				goto fail;
			}
			if (cJSON_IsTrue(v)) {
				kinds++;
				f->action = k[0] == 'd' ? ACTION_DROP
				    : k[0] == 't'       ? ACTION_TRUNCATE
				                        : ACTION_MALFORMED;
			}
		} else {
			xasprintf(cause, "unknown field: %s", k);
			goto fail;
		}
	}
	if (kinds > 1) {
		*cause = xstrdup("a rule does one of status, drop, truncate "
		                 "and malformed");
		goto fail;
	}
	if (kinds == 0 && f->delay_ms == 0) {
		*cause = xstrdup("a rule needs status, drop, truncate, "
		                 "malformed or delay_ms");
		goto fail;
	}
	if (f->count == 0) {
		*cause = xstrdup("count must be at least 1");
		goto fail;
	}
	return 0;
fail:
	server_fault_free(f);
	return -1;
}

/* Append the rules of a JSON array; all or none. */
int
server_faults_add(const char *body, size_t len, int *total, char **cause)
{
	struct server_fault *add = NULL;
	size_t n = 0, i;
	cJSON *root, *item;
	int rc = -1;

	root = cJSON_ParseWithLength(body, len);
	if (cJSON_IsObject(root)) {
		cJSON *arr = cJSON_CreateArray();

		cJSON_AddItemToArray(arr, root);
		root = arr;
	}
	if (!cJSON_IsArray(root)) {
		*cause = xstrdup("the body must be a JSON array of rules");
		goto out;
	}
	add = xcalloc((size_t)cJSON_GetArraySize(root) + 1, sizeof *add);
	cJSON_ArrayForEach(item, root) {
		if (server_fault_parse(item, &add[n], cause) != 0) {
			for (i = 0; i < n; i++)
				server_fault_free(&add[i]);
			goto out;
		}
		n++;
	}
	pthread_mutex_lock(&server_fault_mutex);
	server_faults = xreallocarray(server_faults, server_nfaults + n + 1,
	    sizeof *server_faults);
	memcpy(server_faults + server_nfaults, add, n * sizeof *add);
	server_nfaults += n;
	*total = (int)server_nfaults;
	pthread_mutex_unlock(&server_fault_mutex);
	rc = 0;
out:
	free(add);
	cJSON_Delete(root);
	return rc;
}

/* Remove every rule. */
void
server_faults_clear(void)
{
	size_t i;

	pthread_mutex_lock(&server_fault_mutex);
	for (i = 0; i < server_nfaults; i++)
		server_fault_free(&server_faults[i]);
	free(server_faults);
	server_faults = NULL;
	server_nfaults = 0;
	pthread_mutex_unlock(&server_fault_mutex);
}

/*
 * Take the first rule matching route i, if any, into *out (which the
 * caller frees). Rules that act on the connection are skipped inside a
 * $batch; "*" matches every Graph route but not the token endpoint.
 */
static int
server_fault_take(size_t i, int in_batch, struct server_fault *out)
{
	struct server_fault *f;
	char key[128];
	size_t k;
	int found = 0;

	server_key(i, key, sizeof key);
	pthread_mutex_lock(&server_fault_mutex);
	for (k = 0; k < server_nfaults; k++) {
		f = &server_faults[k];
		if (strcmp(f->route, key) != 0 &&
		    (strcmp(f->route, "*") != 0 || i >= SERVER_LOGIN_ROUTES))
			continue;
		if (in_batch && f->action != ACTION_NONE)
			continue;
		*out = *f;
		out->route = xstrdup(f->route);
		out->code = xstrdup_null(f->code);
		if (--f->count <= 0) {
			server_fault_free(f);
			memmove(f, f + 1, (server_nfaults - k - 1) * sizeof *f);
			server_nfaults--;
		}
		found = 1;
		break;
	}
	pthread_mutex_unlock(&server_fault_mutex);
	return found;
}

/* Graph's usual code for a status. */
static const char *
server_status_code(int status)
{
	switch (status) {
	case 400:
		return "BadRequest";
	case 401:
		return "InvalidAuthenticationToken";
	case 403:
		return "Forbidden";
	case 404:
		return "NotFound";
	case 409:
		return "Conflict";
	case 429:
		return "activityLimitReached";
	case 500:
		return "generalException";
	case 502:
		return "BadGateway";
	case 503:
		return "serviceNotAvailable";
	case 504:
		return "GatewayTimeout";
	}
	return "UnknownError";
}

/* Sleep ms milliseconds. */
static void
server_sleep(long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Admit a request into the throttling window; -1 with *wait when full. */
static int
server_throttle(long *wait)
{
	int64_t now = clock_now(), oldest;
	size_t cap = (size_t)server_cfg.throttle;
	int rc = 0;

	if (cap == 0)
		return 0;
	pthread_mutex_lock(&server_throttle_mutex);
	while (server_window_n > 0 &&
	    now - server_window[server_window_head] >= SERVER_WINDOW) {
		server_window_head = (server_window_head + 1) % cap;
		server_window_n--;
	}
	if (server_window_n >= cap) {
		oldest = server_window[server_window_head];
		*wait = (long)((oldest + SERVER_WINDOW - now + 999) / 1000);
		if (*wait < 1)
			*wait = 1;
		rc = -1;
	} else {
		server_window[(server_window_head + server_window_n) % cap] =
		    now;
		server_window_n++;
	}
	pthread_mutex_unlock(&server_throttle_mutex);
	return rc;
}

/* Route, fault, delay, authenticate, throttle, handle and count. */
static enum server_action
server_process(struct req *req, struct resp *resp)
{
	struct server_fault f;
	enum server_action action = ACTION_NONE;
	char segment[256];
	int route, faulted;
	long wait;

	if (req->version == NULL &&
	    strncmp(req->path, "/_graphsim/", 11) == 0) {
		control_handle(req, resp);
		return ACTION_NONE;
	}
	route = server_route(req);
	if (route == -1 && req->version == NULL &&
	    strcmp(req->path, "/_graphsim") == 0) {
		control_handle(req, resp);
		return ACTION_NONE;
	}
	if (route < 0) {
		if (!req->in_batch)
			server_sleep(server_cfg.latency_ms);
		if (route == -2)
			resp_error(resp, req, 405, "Request_BadRequest",
			    "Specified HTTP method is not allowed for the "
			    "request target.");
		else if (req->version != NULL &&
		    server_unknown_segment(req->path, segment, sizeof segment))
			resp_error(resp, req, 400, "BadRequest",
			    "Resource not found for the segment '%s'.",
			    segment);
		else
			resp_error(resp, req, 404, "UnknownError",
			    "Resource not found for the segment '%s'.",
			    req->path);
		server_count(req, -1, resp->status);
		return ACTION_NONE;
	}
	faulted = server_fault_take((size_t)route, req->in_batch, &f);
	if (faulted)
		server_sleep(f.delay_ms);
	if (!req->in_batch)
		server_sleep(server_cfg.latency_ms);
	if (faulted && f.action == ACTION_DROP) {
		action = ACTION_DROP;
		resp->status = 0;
		goto out;
	}
	if (faulted && f.status != 0) {
		resp_error(resp, req, f.status,
		    f.code != NULL ? f.code : server_status_code(f.status),
		    "The service is not available (a graphsim fault rule).");
		resp->retry_after = f.retry_after;
		goto out;
	}
	if (faulted)
		action = f.action;
	if ((server_routes[route].flags & ROUTE_AUTH) &&
	    auth_check(req, resp) != 0)
		goto out;
	if ((server_routes[route].flags & ROUTE_USERS) &&
	    auth_permit_users(req, resp) != 0)
		goto out;
	if ((server_routes[route].flags & ROUTE_GROUPS) &&
	    auth_permit_groups(req, resp) != 0)
		goto out;
	if ((server_routes[route].flags & ROUTE_AUTH) &&
	    server_throttle(&wait) != 0) {
		resp_error(resp, req, 429, "activityLimitReached",
		    "The "
		    "request has been throttled");
		resp->retry_after = wait;
		goto out;
	}
	server_routes[route].fn(req, resp);
out:
	server_count(req, route, resp->status);
	if (faulted) {
		free(f.route);
		free(f.code);
	}
	return action;
}

/* Dispatch a $batch sub-request. */
void
server_dispatch(struct req *req, struct resp *resp)
{
	server_new_guid(req->request_id);
	server_process(req, resp);
}

/* Collect a query argument or header into a request. */
static enum MHD_Result
server_collect(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct req *req = cls;
	struct kv **v;
	size_t *n;

	if (kind == MHD_GET_ARGUMENT_KIND) {
		v = &req->args;
		n = &req->nargs;
	} else {
		v = &req->headers;
		n = &req->nheaders;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].value = xstrdup(value != NULL ? value : "");
	(*n)++;
	return MHD_YES;
}

/* Send the first len bytes of a body, then fail the connection. */
static ssize_t
server_trunc_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct server_trunc *t = cls;
	size_t n;

	if (pos >= t->len)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = t->len - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, t->data + pos, n);
	return (ssize_t)n;
}

/* Free a truncation's state. */
static void
server_trunc_free(void *cls)
{
	struct server_trunc *t = cls;

	free(t->data);
	free(t);
}

/*
 * Does an Accept-Encoding header take gzip? It does when it names gzip
 * (or x-gzip, or *) without q=0; names are matched without case.
 */
static int
server_takes_gzip(const char *ae)
{
	const char *p = ae, *end, *semi, *q;
	size_t n;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		semi = memchr(p, ';', (size_t)(end - p));
		n = (size_t)((semi != NULL ? semi : end) - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if ((n == 4 && strncasecmp(p, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(p, "x-gzip", 6) == 0) ||
		    (n == 1 && *p == '*')) {
			q = semi != NULL ? strstr(semi, "q=") : NULL;
			if (q == NULL || q > end || strtod(q + 2, NULL) > 0)
				return 1;
		}
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

/*
 * Compress a body with gzip (RFC 1952) as Graph does when asked; 0 with
 * *out (allocated) and *outlen, -1 when zlib failed (send it plain).
 */
static int
server_gzip(const char *data, size_t len, char **out, size_t *outlen)
{
	z_stream z;
	size_t cap;
	char *buf;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	        Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)len);
	buf = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(buf);
		return -1;
	}
	*outlen = (size_t)z.total_out;
	deflateEnd(&z);
	*out = buf;
	return 0;
}

/* Turn an answer into an MHD response and queue it. */
static enum MHD_Result
server_reply(struct MHD_Connection *c, struct req *req, struct resp *resp,
    enum server_action action)
{
	static const char garbage[] = "{\"value\":[{\"id\":\"<html><body>"
	                              "502 Bad Gateway</body></html>\x01, ]]";
	struct MHD_Response *r;
	struct server_trunc *t;
	const char *crid = req_header(req, "client-request-id");
	const char *ae = req_header(req, "Accept-Encoding");
	char ra[32], *gz;
	size_t len, gzlen;
	char *data;
	int gzipped = 0;
	enum MHD_Result rc;

	if (action == ACTION_MALFORMED) {
		resp->status = 200;
		resp->has_body = 1;
		resp->body.len = 0;
		jbuf_adds(&resp->body, garbage);
		resp->content_type = "application/json";
	}
	if (!resp->has_body)
		resp->body.len = 0;
	data = jbuf_steal(&resp->body, &len);
	if (len > 0 && action != ACTION_TRUNCATE && ae != NULL &&
	    server_takes_gzip(ae) && server_gzip(data, len, &gz, &gzlen) == 0) {
		pthread_mutex_lock(&server_stats_mutex);
		server_stat_gzip++;
		server_stat_gzip_in += len;
		server_stat_gzip_out += gzlen;
		pthread_mutex_unlock(&server_stats_mutex);
		free(data);
		data = gz;
		len = gzlen;
		gzipped = 1;
	}
	if (action == ACTION_TRUNCATE && len > 1) {
		t = xmalloc(sizeof *t);
		t->data = data;
		t->len = len / 2;
		r = MHD_create_response_from_callback(len, 65536,
		    server_trunc_read, t, server_trunc_free);
	} else
		r = MHD_create_response_from_buffer(len, data,
		    MHD_RESPMEM_MUST_FREE);
	if (r == NULL)
		return MHD_NO;
	if (resp->has_body && resp->content_type != NULL)
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	if (gzipped)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	if (ae != NULL)
		MHD_add_response_header(r, "Vary", "Accept-Encoding");
	if (req->request_id[0] != '\0') {
		MHD_add_response_header(r, "request-id", req->request_id);
		MHD_add_response_header(r, "client-request-id",
		    crid != NULL ? crid : req->request_id);
	}
	if (resp->retry_after >= 0) {
		snprintf(ra, sizeof ra, "%ld", resp->retry_after);
		MHD_add_response_header(r, "Retry-After", ra);
	}
	if (resp->www_authenticate != NULL)
		MHD_add_response_header(r, "WWW-Authenticate",
		    resp->www_authenticate);
	if (resp->location != NULL)
		MHD_add_response_header(r, "Location", resp->location);
	rc = MHD_queue_response(c, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Split "/v1.0/..." into version and path. */
static void
server_version(struct req *req, const char *url)
{
	static const char *const versions[] = { "v1.0", "beta" };
	size_t i, n;

	for (i = 0; i < 2; i++) {
		n = strlen(versions[i]);
		if (url[0] == '/' &&
		    strncasecmp(url + 1, versions[i], n) == 0 &&
		    (url[n + 1] == '/' || url[n + 1] == '\0')) {
			req->version = versions[i];
			req->path =
			    xstrdup(url[n + 1] == '\0' ? "/" : url + n + 1);
			return;
		}
	}
	req->path = xstrdup(url);
}

/* Now on the monotonic clock, milliseconds. */
static int64_t
server_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds since the last request ended; 0 while one is served. */
int64_t
server_idle_ms(void)
{
	if (atomic_load(&server_active) > 0)
		return 0;
	return server_mono_ms() - atomic_load(&server_last_ms);
}

/* libmicrohttpd's request callback. */
static enum MHD_Result
server_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server_conn *conn = *con_cls;
	struct req req;
	struct resp resp;
	enum server_action action;
	enum MHD_Result rc;

	(void)cls;
	(void)version;
	if (conn == NULL) {
		atomic_fetch_add(&server_active, 1);
		atomic_store(&server_last_ms, server_mono_ms());
		conn = xcalloc(1, sizeof *conn);
		jbuf_init(&conn->body);
		*con_cls = conn;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (conn->body.len + *upload_size > SERVER_MAX_BODY)
			conn->too_big = 1;
		else
			jbuf_add(&conn->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	memset(&req, 0, sizeof req);
	req.method = xstrdup(method);
	server_version(&req, url);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, server_collect,
	    &req);
	MHD_get_connection_values(c, MHD_HEADER_KIND, server_collect, &req);
	req.body = conn->body.p != NULL ? conn->body.p : "";
	req.body_len = conn->body.len;
	server_new_guid(req.request_id);
	resp_init(&resp);
	if (conn->too_big) {
		resp_error(&resp, &req, 413, "RequestEntityTooLarge",
		    "The request body is larger than %d bytes.",
		    SERVER_MAX_BODY);
		action = ACTION_NONE;
	} else
		action = server_process(&req, &resp);
	if (action == ACTION_DROP)
		rc = MHD_NO;
	else
		rc = server_reply(c, &req, &resp, action);
	resp_done(&resp);
	req_done(&req);
	return rc;
}

/* Free a connection's state when its request ends. */
static void
server_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server_conn *conn = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (conn != NULL) {
		jbuf_done(&conn->body);
		free(conn);
		*con_cls = NULL;
		atomic_store(&server_last_ms, server_mono_ms());
		atomic_fetch_sub(&server_active, 1);
	}
}

/*
 * Bind and listen on the address ourselves, so that the port (and the
 * base URL) is known before the daemon's threads start.
 */
static int
server_listen(const struct server_config *cfg, unsigned short *port,
    char **cause)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	int fd, one = 1, v6 = strchr(cfg->host, ':') != NULL;

	memset(&ss, 0, sizeof ss);
	if (v6) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(cfg->port);
		inet_pton(AF_INET6, cfg->host, &sin6->sin6_addr);
		len = sizeof *sin6;
	} else {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(cfg->port);
		inet_pton(AF_INET, cfg->host, &sin->sin_addr);
		len = sizeof *sin;
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		goto fail;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) != 0 ||
	    listen(fd, 128) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		close(fd);
		goto fail;
	}
	*port = ntohs(v6 ? sin6->sin6_port : sin->sin_port);
	snprintf(server_base_url, sizeof server_base_url,
	    v6 ? "http://[%s]:%u" : "http://%s:%u", cfg->host, (unsigned)*port);
	return fd;
fail:
	xasprintf(cause, "cannot listen on %s:%u: %s", cfg->host,
	    (unsigned)cfg->port, strerror(errno));
	return -1;
}

/* Start listening on cfg->host:cfg->port; *port gets the bound port. */
int
server_start(const struct server_config *cfg, unsigned short *port,
    char **cause)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
	int fd;

	server_cfg = *cfg;
	atomic_store(&server_last_ms, server_mono_ms());
	server_guid_key = (uint64_t)clock_real() ^ ((uint64_t)getpid() << 32);
	if (cfg->throttle > 0)
		server_window =
		    xcalloc((size_t)cfg->throttle, sizeof *server_window);
	if ((fd = server_listen(cfg, port, cause)) == -1)
		return -1;
	if (strchr(cfg->host, ':') != NULL)
		flags |= MHD_USE_IPv6;
	server_daemon = MHD_start_daemon(flags, 0, NULL, NULL, server_access,
	    NULL, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_NOTIFY_COMPLETED,
	    server_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned int)120, MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
	    MHD_OPTION_END);
	if (server_daemon == NULL) {
		close(fd);
		xasprintf(cause, "cannot start the HTTP server on %s:%u",
		    cfg->host, (unsigned)*port);
		return -1;
	}
	return 0;
}

/* Stop the server and free its state. */
void
server_stop(void)
{
	if (server_daemon != NULL)
		MHD_stop_daemon(server_daemon);
	server_daemon = NULL;
	server_faults_clear();
	free(server_window);
	server_window = NULL;
}
