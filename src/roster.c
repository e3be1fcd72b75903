/*
 * The roster: users by UPN, mail or object id, resolved in $batch requests
 * of up to 20; groups by display name or id, expanded through members (or
 * transitiveMembers), following @odata.nextLink to the end, nested groups
 * expanded once; or the whole directory. Duplicates are removed and the
 * order given is kept. Runs on the thread that owns the struct graph.
 */
#include "config.h"

#include "roster.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cfg.h"
#include "graph.h"
#include "log.h"
#include "user.h"
#include "xmalloc.h"

/* The most requests one $batch may carry. */
#define ROSTER_BATCH 20
/* The largest page /users and members allow. */
#define ROSTER_TOP "999"
/* The properties the roster keeps. */
#define ROSTER_SELECT                                                          \
	"id,displayName,userPrincipalName,mail,department,jobTitle"

/* Where warnings go; NULL for stderr. Set before threads start. */
static void (*roster_warn_fn)(const char *);

/* A set of ids (case-insensitive), open addressing. */
struct roster_set {
	char **v;
	size_t n;
	size_t cap;
};

/* A hash of an id, case-insensitive (FNV-1a). */
static uint64_t
roster_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)tolower((unsigned char)*s);
		h *= 1099511628211ULL;
	}
	return h;
}

/* Add an id to the set; returns 0 when it was there already. */
static int
roster_set_add(struct roster_set *set, const char *id)
{
	char **old;
	size_t oldcap, i, j;

	if (set->n * 2 >= set->cap) {
		old = set->v;
		oldcap = set->cap;
		set->cap = (oldcap == 0) ? 64 : oldcap * 2;
		set->v = xcalloc(set->cap, sizeof *set->v);
		set->n = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			j = roster_hash(old[i]) & (set->cap - 1);
			while (set->v[j] != NULL)
				j = (j + 1) & (set->cap - 1);
			set->v[j] = old[i];
			set->n++;
		}
		free(old);
	}
	j = roster_hash(id) & (set->cap - 1);
	while (set->v[j] != NULL) {
		if (strcasecmp(set->v[j], id) == 0)
			return 0;
		j = (j + 1) & (set->cap - 1);
	}
	set->v[j] = xstrdup(id);
	set->n++;
	return 1;
}

/* Send warnings to a function instead of stderr. */
void
roster_set_warn(void (*warn)(const char *message))
{
	roster_warn_fn = warn;
}

/* Print or hand on a warning. */
static void roster_warn(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void
roster_warn(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	log_debug("%s", s);
	if (roster_warn_fn != NULL)
		roster_warn_fn(s);
	else
		fprintf(stderr, "teamtop: warning: %s\n", s);
	free(s);
}

/* Free a set. */
static void
roster_set_done(struct roster_set *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->v[i]);
	free(set->v);
	memset(set, 0, sizeof *set);
}

/* Set an error of a kind with a formatted message. */
static void roster_error(struct graph_error *e, enum graph_err_kind kind,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void
roster_error(struct graph_error *e, enum graph_err_kind kind, const char *fmt,
    ...)
{
	va_list ap;

	graph_error_done(e);
	e->kind = kind;
	va_start(ap, fmt);
	xvasprintf(&e->message, fmt, ap);
	va_end(ap);
}

/* A string member of a JSON object, or NULL. */
static const char *
roster_str(const cJSON *obj, const char *name)
{
	const cJSON *item;

	item = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* Duplicate a possibly NULL string. */
static char *
roster_dup(const char *s)
{
	return (s != NULL) ? xstrdup(s) : NULL;
}

/* Fill a user from a directory object. */
static void
roster_user_from(struct user *u, const cJSON *obj)
{
	u->id = roster_dup(roster_str(obj, "id"));
	u->display_name = roster_dup(roster_str(obj, "displayName"));
	u->upn = roster_dup(roster_str(obj, "userPrincipalName"));
	u->mail = roster_dup(roster_str(obj, "mail"));
	u->department = roster_dup(roster_str(obj, "department"));
	u->job_title = roster_dup(roster_str(obj, "jobTitle"));
}

/* What kind of directory object this is: user, group or other. */
static const char *
roster_kind(const cJSON *obj)
{
	const char *type;

	if ((type = roster_str(obj, "@odata.type")) == NULL)
		return "user"; /* /users pages carry no type. */
	if (strcmp(type, "#microsoft.graph.user") == 0)
		return "user";
	if (strcmp(type, "#microsoft.graph.group") == 0)
		return "group";
	return "other";
}

/* Add a user unless its id was seen; report progress. */
static void
roster_add(struct user_list *out, struct roster_set *seen, const cJSON *obj)
{
	const char *id;

	if ((id = roster_str(obj, "id")) == NULL || !roster_set_add(seen, id))
		return;
	roster_user_from(user_list_add(out), obj);
}

/*
 * Quote a value for an OData string literal ('' for ') and percent-encode
 * it with the rest of a query: the result goes into a URL.
 */
static char *
roster_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out, *p;
	unsigned char c;

	out = p = xmalloc(strlen(s) * 6 + 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '\'') {
			memcpy(p, "%27%27", 6);
			p += 6;
		} else if (isalnum(c) || strchr("-._~@", c) != NULL)
			*p++ = c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

/* Percent-encode a path segment. */
static char *
roster_segment(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out, *p;
	unsigned char c;

	out = p = xmalloc(strlen(s) * 3 + 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~@'", c) != NULL)
			*p++ = c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

/*
 * GET a collection from path to its end through @odata.nextLink, calling
 * fn for each object. Returns 0 or -1 with the error filled.
 */
static int
roster_pages(struct graph *g, const char *path,
    void (*fn)(void *, const cJSON *), void *arg, struct graph_error *e)
{
	char *url, *body, *next;
	cJSON *root, *value, *item;
	const char *link;

	url = xstrdup(path);
	while (url != NULL) {
		if (graph_request(g, "GET", url, NULL, NULL, &body, e) != 0) {
			free(url);
			return -1;
		}
		root = cJSON_Parse(body);
		free(body);
		value = cJSON_GetObjectItemCaseSensitive(root, "value");
		if (!cJSON_IsArray(value)) {
			cJSON_Delete(root);
			roster_error(e, GRAPH_ERR_NETWORK,
			    "directory page from %s has no \"value\" array",
			    url);
			free(url);
			return -1;
		}
		cJSON_ArrayForEach(item, value) {
			if (cJSON_IsObject(item))
				fn(arg, item);
		}
		link = roster_str(root, "@odata.nextLink");
		next = (link != NULL) ? xstrdup(link) : NULL;
		cJSON_Delete(root);
		free(url);
		url = next;
	}
	return 0;
}

/* State while collecting users from pages. */
struct roster_collect {
	struct user_list *out;
	struct roster_set *seen;
	size_t max; /* Warn past this many; 0 for never. */
	int warned;
	char **groups; /* Nested groups found, to expand next. */
	size_t ngroups;
	roster_progress_cb progress;
	void *arg;
	size_t total;
};

/* Take one object of a members or /users page. */
static void
roster_collect_one(void *arg, const cJSON *obj)
{
	struct roster_collect *c = arg;
	const char *kind, *id;

	kind = roster_kind(obj);
	if (strcmp(kind, "group") == 0) {
		if ((id = roster_str(obj, "id")) != NULL) {
			c->groups = xreallocarray(c->groups, c->ngroups + 1,
			    sizeof *c->groups);
			c->groups[c->ngroups++] = xstrdup(id);
		}
		return;
	}
	if (strcmp(kind, "user") != 0)
		return;
	roster_add(c->out, c->seen, obj);
	if (c->max != 0 && c->out->n > c->max && !c->warned) {
		c->warned = 1;
		roster_warn(
		    "the directory has more than %zu users; name "
		    "users or groups in the configuration to watch fewer",
		    c->max);
	}
	if (c->progress != NULL && c->out->n % 100 == 0)
		c->progress(c->arg, c->out->n, c->total);
}

/* Resolve a group name or id to its object id. */
static int
roster_group_id(struct graph *g, const char *ref, char **id,
    struct graph_error *e)
{
	char *path, *body, *q;
	cJSON *root, *value, *first;
	const char *gid;
	int n;

	if (graph_is_guid(ref)) {
		*id = xstrdup(ref);
		return 0;
	}
	q = roster_encode(ref);
	xasprintf(&path,
	    "/groups?$filter=displayName%%20eq%%20%%27%s%%27"
	    "&$select=id,displayName",
	    q);
	free(q);
	if (graph_request(g, "GET", path, NULL, NULL, &body, e) != 0) {
		free(path);
		return -1;
	}
	free(path);
	root = cJSON_Parse(body);
	free(body);
	value = cJSON_GetObjectItemCaseSensitive(root, "value");
	n = cJSON_IsArray(value) ? cJSON_GetArraySize(value) : 0;
	first = (n > 0) ? cJSON_GetArrayItem(value, 0) : NULL;
	gid = (first != NULL) ? roster_str(first, "id") : NULL;
	if (n == 0 || gid == NULL) {
		roster_error(e, GRAPH_ERR_REFUSED, "no group named '%s'", ref);
		cJSON_Delete(root);
		return -1;
	}
	if (n > 1) {
		roster_error(e, GRAPH_ERR_REFUSED,
		    "%d groups are named '%s'; "
		    "give the group's id instead",
		    n, ref);
		cJSON_Delete(root);
		return -1;
	}
	*id = xstrdup(gid);
	cJSON_Delete(root);
	return 0;
}

/* Expand a group (and the groups nested in it, once) into users. */
static int
roster_group(struct graph *g, const char *ref, int transitive,
    struct roster_collect *c, struct roster_set *visited, struct graph_error *e)
{
	char *id, *path;
	size_t i, first;
	int rc = -1;

	if (roster_group_id(g, ref, &id, e) != 0)
		return -1;
	first = c->ngroups;
	c->groups = xreallocarray(c->groups, c->ngroups + 1, sizeof *c->groups);
	c->groups[c->ngroups++] = id;
	for (i = first; i < c->ngroups; i++) {
		if (!roster_set_add(visited, c->groups[i]))
			continue;
		xasprintf(&path,
		    "/groups/%s/%s?$select=" ROSTER_SELECT "&$top=" ROSTER_TOP,
		    c->groups[i], transitive ? "transitiveMembers" : "members");
		if (roster_pages(g, path, roster_collect_one, c, e) != 0) {
			free(path);
			goto out;
		}
		free(path);
	}
	rc = 0;
out:
	for (i = first; i < c->ngroups; i++)
		free(c->groups[i]);
	c->ngroups = first;
	return rc;
}

/* One sub-request of a batch and its outcome. */
struct roster_sub {
	const char *ref;
	char *url;
	long status;
	long retry_after;
	cJSON *body; /* Owned. */
};

/* The batch URL that looks a reference up: by id/UPN, or by mail. */
static char *
roster_sub_url(const char *ref, int by_mail)
{
	char *url, *q;

	if (by_mail) {
		q = roster_encode(ref);
		xasprintf(&url,
		    "/users?$filter=mail%%20eq%%20%%27%s%%27"
		    "&$select=" ROSTER_SELECT,
		    q);
	} else {
		q = roster_segment(ref);
		xasprintf(&url, "/users/%s?$select=" ROSTER_SELECT, q);
	}
	free(q);
	return url;
}

/* Build the $batch bodies for the subs without an answer yet. */
static size_t
roster_batch_bodies(struct roster_sub *subs, size_t n, char ***bodies)
{
	cJSON *root = NULL, *reqs = NULL, *r;
	char idbuf[32];
	size_t i, k = 0, nb = 0;

	*bodies = NULL;
	for (i = 0; i <= n; i++) {
		if (root != NULL && (i == n || k == ROSTER_BATCH)) {
			*bodies =
			    xreallocarray(*bodies, nb + 1, sizeof **bodies);
			if (((*bodies)[nb++] = cJSON_PrintUnformatted(root)) ==
			    NULL)
				fatal("out of memory");
			cJSON_Delete(root);
			root = NULL;
			k = 0;
		}
		if (i == n || subs[i].status != 0)
			continue;
		if (root == NULL) {
			root = cJSON_CreateObject();
			reqs = cJSON_AddArrayToObject(root, "requests");
		}
		r = cJSON_CreateObject();
		snprintf(idbuf, sizeof idbuf, "%zu", i + 1);
		cJSON_AddStringToObject(r, "id", idbuf);
		cJSON_AddStringToObject(r, "method", "GET");
		cJSON_AddStringToObject(r, "url", subs[i].url);
		cJSON_AddItemToArray(reqs, r);
		k++;
	}
	return nb;
}

/* Record the answers of one $batch response in subs. */
static int
roster_batch_answers(struct roster_sub *subs, size_t n, const char *body,
    struct graph_error *e)
{
	cJSON *root, *resps, *item, *h;
	const char *sid, *ra;
	size_t i;

	root = cJSON_Parse(body);
	resps = cJSON_GetObjectItemCaseSensitive(root, "responses");
	if (!cJSON_IsArray(resps)) {
		cJSON_Delete(root);
		roster_error(e, GRAPH_ERR_NETWORK,
		    "$batch answer has no \"responses\" array");
		return -1;
	}
	cJSON_ArrayForEach(item, resps) {
		if ((sid = roster_str(item, "id")) == NULL)
			continue;
		i = (size_t)strtoul(sid, NULL, 10);
		if (i == 0 || i > n || subs[i - 1].status != 0)
			continue;
		i--;
		h = cJSON_GetObjectItemCaseSensitive(item, "status");
		subs[i].status = cJSON_IsNumber(h) ? (long)h->valuedouble : 500;
		h = cJSON_GetObjectItemCaseSensitive(item, "headers");
		ra = (h != NULL) ? roster_str(h, "Retry-After") : NULL;
		if (ra == NULL && h != NULL)
			ra = roster_str(h, "retry-after");
		subs[i].retry_after = (ra != NULL) ? atol(ra) : -1;
		subs[i].body =
		    cJSON_DetachItemFromObjectCaseSensitive(item, "body");
	}
	cJSON_Delete(root);
	return 0;
}

/*
 * Send the subs without an answer in $batch requests of 20, several in
 * flight, waiting out and resending throttled or failed sub-requests a few
 * times. Every sub ends with a status (0 when none ever came).
 */
static int
roster_batch(struct graph *g, struct roster_sub *subs, size_t n,
    struct graph_error *e)
{
	char **bodies, **outs;
	size_t i, nb;
	long wait;
	int round, rc;

	for (round = 0; round < 4; round++) {
		if ((nb = roster_batch_bodies(subs, n, &bodies)) == 0)
			return 0;
		outs = xcalloc(nb, sizeof *outs);
		rc = graph_post_many(g, "/$batch", bodies, nb, outs, e);
		for (i = 0; i < nb; i++) {
			if (rc == 0 &&
			    roster_batch_answers(subs, n, outs[i], e) != 0)
				rc = -1;
			free(outs[i]);
			free(bodies[i]);
		}
		free(outs);
		free(bodies);
		if (rc != 0)
			return -1;

		wait = 0;
		for (i = 0; i < n; i++) {
			if (subs[i].status != 429 && subs[i].status < 500 &&
			    subs[i].status != 0)
				continue;
			if (round == 3)
				break;
			if (subs[i].retry_after > wait)
				wait = subs[i].retry_after;
			if (subs[i].retry_after < 0 && wait < (1L << round))
				wait = 1L << round;
			subs[i].status = 0;
			cJSON_Delete(subs[i].body);
			subs[i].body = NULL;
		}
		if (wait == 0)
			return 0;
		log_debug("$batch: waiting %ld s for throttled lookups", wait);
		sleep((unsigned int)(wait > 120 ? 120 : wait));
	}
	return 0;
}

/* Fill an error from a failed sub-request. */
static void
roster_sub_error(struct graph_error *e, const struct roster_sub *sub)
{
	const cJSON *err;
	const char *code = NULL, *msg = NULL;

	err = cJSON_GetObjectItemCaseSensitive(sub->body, "error");
	if (err != NULL) {
		code = roster_str(err, "code");
		msg = roster_str(err, "message");
	}
	if (sub->status == 404 || sub->status == 200)
		roster_error(e, GRAPH_ERR_REFUSED,
		    "no user '%s' in the "
		    "directory",
		    sub->ref);
	else
		roster_error(e,
		    (sub->status == 429 || sub->status >= 500 ||
		        sub->status == 0)
		        ? GRAPH_ERR_NETWORK
		        : GRAPH_ERR_REFUSED,
		    "looking up '%s': %s", sub->ref,
		    msg != NULL && *msg != '\0' ? msg : "failed");
	e->status = (sub->status == 200) ? 404 : sub->status;
	if (code != NULL)
		e->code = xstrdup(code);
	else if (sub->status == 404 || sub->status == 200)
		e->code = xstrdup("NotFound");
}

/* Free the sub-requests' URLs and bodies. */
static void
roster_subs_done(struct roster_sub *subs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(subs[i].url);
		cJSON_Delete(subs[i].body);
	}
}

/*
 * Resolve references to users in $batch requests of 20 (and one more
 * round for the ones that are mail addresses rather than UPNs).
 */
int
roster_resolve_users(struct graph *g, const char *const *refs, size_t n,
    struct user_list *out, struct graph_error *e)
{
	struct roster_set seen;
	struct roster_sub *subs;
	const cJSON *value, *obj;
	cJSON **found;
	size_t i, nmail = 0;
	int rc = -1;

	memset(&seen, 0, sizeof seen);
	if (n == 0)
		return 0;
	subs = xcalloc(n, sizeof *subs);
	found = xcalloc(n, sizeof *found);
	for (i = 0; i < n; i++) {
		subs[i].ref = refs[i];
		subs[i].url = roster_sub_url(refs[i], 0);
	}
	if (roster_batch(g, subs, n, e) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (subs[i].status == 200 && cJSON_IsObject(subs[i].body)) {
			found[i] = subs[i].body;
			subs[i].body = NULL;
			subs[i].status = -1; /* Done. */
			continue;
		}
		if (subs[i].status == 404 && strchr(refs[i], '@') != NULL) {
			/* Not a UPN: maybe a mail address. */
			free(subs[i].url);
			subs[i].url = roster_sub_url(refs[i], 1);
			subs[i].status = 0;
			cJSON_Delete(subs[i].body);
			subs[i].body = NULL;
			nmail++;
			continue;
		}
		roster_sub_error(e, &subs[i]);
		goto out;
	}
	if (nmail != 0) {
		if (roster_batch(g, subs, n, e) != 0)
			goto out;
		for (i = 0; i < n; i++) {
			if (found[i] != NULL)
				continue;
			value = cJSON_GetObjectItemCaseSensitive(subs[i].body,
			    "value");
			obj = cJSON_IsArray(value)
			    ? cJSON_GetArrayItem(value, 0)
			    : NULL;
			if (subs[i].status != 200 || obj == NULL) {
				roster_sub_error(e, &subs[i]);
				goto out;
			}
			found[i] = cJSON_Duplicate(obj, 1);
		}
	}
	for (i = 0; i < n; i++)
		roster_add(out, &seen, found[i]);
	rc = 0;
out:
	for (i = 0; i < n; i++)
		cJSON_Delete(found[i]);
	free(found);
	roster_subs_done(subs, n);
	free(subs);
	roster_set_done(&seen);
	return rc;
}

/* Resolve one reference to its object id. */
int
roster_resolve_id(struct graph *g, const char *ref, char **id,
    struct graph_error *e)
{
	struct user_list list;

	if (graph_is_guid(ref)) {
		*id = xstrdup(ref);
		return 0;
	}
	memset(&list, 0, sizeof list);
	if (roster_resolve_users(g, &ref, 1, &list, e) != 0) {
		user_list_done(&list);
		return -1;
	}
	*id = xstrdup(list.v[0].id);
	user_list_done(&list);
	return 0;
}

/* Resolve the configured roster, or the whole directory. */
int
roster_resolve(struct graph *g, const struct cfg *cfg, struct user_list *out,
    roster_progress_cb progress, void *arg, struct graph_error *e)
{
	struct roster_set seen, visited;
	struct roster_collect c;
	struct user_list users;
	size_t i;
	int rc = -1;

	memset(&seen, 0, sizeof seen);
	memset(&visited, 0, sizeof visited);
	memset(&users, 0, sizeof users);
	memset(&c, 0, sizeof c);
	c.out = out;
	c.seen = &seen;
	c.progress = progress;
	c.arg = arg;

	if (cfg->nusers == 0 && cfg->ngroups == 0) {
		c.max =
		    (cfg->max_directory > 0) ? (size_t)cfg->max_directory : 0;
		if (roster_pages(g,
		        "/users?$select=" ROSTER_SELECT "&$top=" ROSTER_TOP,
		        roster_collect_one, &c, e) != 0)
			goto out;
		rc = 0;
		goto out;
	}

	if (cfg->nusers != 0) {
		if (roster_resolve_users(g, (const char *const *)cfg->users,
		        cfg->nusers, &users, e) != 0)
			goto out;
		for (i = 0; i < users.n; i++) {
			if (!roster_set_add(&seen, users.v[i].id))
				continue;
			user_copy(user_list_add(out), &users.v[i]);
		}
		if (progress != NULL)
			progress(arg, out->n, 0);
	}
	for (i = 0; i < cfg->ngroups; i++) {
		if (roster_group(g, cfg->groups[i], cfg->transitive, &c,
		        &visited, e) != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc == 0 && progress != NULL)
		progress(arg, out->n, out->n);
	free(c.groups);
	user_list_done(&users);
	roster_set_done(&seen);
	roster_set_done(&visited);
	return rc;
}
