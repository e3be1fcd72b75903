/*
 * The roster: users by UPN, mail, object id or display name, resolved in
 * $batch requests of up to 20; groups by display name or id, expanded
 * through members (or transitiveMembers), following @odata.nextLink to the
 * end, nested groups expanded once; or the whole directory. Duplicates are
 * removed and the order given is kept. A name that matches nobody is
 * answered with the nearest names: those Graph finds by the start of its
 * words ($search) or by its first letter (startswith), ranked by edit
 * distance ignoring case and accents. Also the directory's groups and
 * their member counts. Runs on the thread that owns the struct graph.
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

#include <cjson/cJSON.h>

#include "cfg.h"
#include "graph.h"
#include "graph_parse.h"
#include "log.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* The most requests one $batch may carry. */
#define ROSTER_BATCH 20
/* The largest page /users and members allow. */
#define ROSTER_TOP "999"
/* The properties the roster keeps. */
#define ROSTER_SELECT                                                          \
	"id,displayName,userPrincipalName,mail,department,jobTitle"
/* The most people a name of several lists. */
#define ROSTER_LIST_MAX 20
/* The most names "did you mean" offers. */
#define ROSTER_NEAR_MAX 3
/* The words of a name whose first letters are searched for. */
#define ROSTER_NEAR_WORDS 4
/* The letters of each word searched for. */
#define ROSTER_NEAR_LETTERS 3

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

/* Move a user into out unless its id was seen; u is left empty. */
static void
roster_take(struct user_list *out, struct roster_set *seen, struct user *u)
{
	if (u->id == NULL || !roster_set_add(seen, u->id)) {
		user_done(u);
		return;
	}
	*user_list_add(out) = *u;
	memset(u, 0, sizeof *u);
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

/*
 * Percent-encode a $search term: it goes between double quotes, so those
 * and backslashes are left out (there is no quoting them).
 */
static char *
roster_encode_search(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out, *p;
	unsigned char c;

	out = p = xmalloc(strlen(s) * 3 + 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			continue;
		if (isalnum(c) || strchr("-._~@", c) != NULL)
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

/* State while collecting users from pages. */
struct roster_collect {
	struct user_list *out;
	struct roster_set *seen;
	size_t max; /* Warn past this many; 0 for never. */
	int warned;
	struct group_list nested; /* Groups found among members. */
	roster_progress_cb progress;
	void *arg;
	size_t count;        /* Users found so far. */
	roster_page_cb page; /* When set, given out after each page. */
	void *page_arg;
};

/* Hand the users found so far to the page callback, if any; 0 or -1. */
static int
roster_flush(struct roster_collect *c, struct graph_error *e)
{
	int rc;

	if (c->page == NULL || c->out->n == 0)
		return 0;
	rc = c->page(c->page_arg, c->out, e);
	user_list_done(c->out);
	return rc;
}

/*
 * GET a members or /users collection from path to its end through
 * @odata.nextLink, adding new users to c->out and nested groups to
 * c->nested.
 */
static int
roster_pages(struct graph *g, const char *path, struct roster_collect *c,
    struct graph_error *e)
{
	struct user_list page;
	char *url, *body, *next, *cause = NULL;
	size_t i, before;
	int rc;

	url = xstrdup(path);
	while (url != NULL) {
		if (graph_request(g, "GET", url, NULL, NULL, &body, e) != 0) {
			free(url);
			return -1;
		}
		memset(&page, 0, sizeof page);
		next = NULL;
		rc = graph_parse_members(body, strlen(body), &page, &c->nested,
		    &next, &cause);
		free(body);
		if (rc != 0) {
			graph_error_set(e, GRAPH_ERR_NETWORK, "%s: %s", url,
			    cause != NULL ? cause : "unreadable page");
			free(cause);
			free(url);
			user_list_done(&page);
			return -1;
		}
		before = c->out->n;
		for (i = 0; i < page.n; i++)
			roster_take(c->out, c->seen, &page.v[i]);
		user_list_done(&page);
		c->count += c->out->n - before;
		if (c->max != 0 && c->count > c->max && !c->warned) {
			c->warned = 1;
			roster_warn(
			    "the directory has more than %zu users; "
			    "name users or groups in the configuration to "
			    "watch fewer",
			    c->max);
		}
		if (c->progress != NULL)
			c->progress(c->arg, c->count, 0);
		free(url);
		url = next;
		if (roster_flush(c, e) != 0) {
			free(url);
			return -1;
		}
	}
	return 0;
}

static char *roster_near(struct graph *, const char *, int);

/* Fail with the groups a name is, one a line by id. */
static void
roster_groups_ambiguous(struct graph_error *e, const char *ref,
    const struct group_list *groups)
{
	char *msg, *tmp;
	size_t i;

	xasprintf(&msg,
	    "%zu groups are named '%s'; which one? Name it by id:", groups->n,
	    ref);
	for (i = 0; i < groups->n && i < ROSTER_LIST_MAX; i++) {
		xasprintf(&tmp, "%s\n  %s%s%s%s", msg, groups->v[i].id,
		    groups->v[i].mail != NULL ? " (" : "",
		    groups->v[i].mail != NULL ? groups->v[i].mail : "",
		    groups->v[i].mail != NULL ? ")" : "");
		free(msg);
		msg = tmp;
	}
	if (groups->n > ROSTER_LIST_MAX) {
		xasprintf(&tmp, "%s\n  and %zu more", msg,
		    groups->n - ROSTER_LIST_MAX);
		free(msg);
		msg = tmp;
	}
	graph_error_set(e, GRAPH_ERR_USAGE, "%s", msg);
	free(msg);
}

/*
 * Resolve a group name or id to its object id. A name of nobody is
 * answered with the nearest group names, one of several groups with
 * their ids (GRAPH_ERR_USAGE).
 */
static int
roster_group_id(struct graph *g, const char *ref, char **id,
    struct graph_error *e)
{
	struct group_list groups;
	char *path, *body, *q, *next = NULL, *cause = NULL, *hint;
	int rc;

	if (graph_is_guid(ref)) {
		*id = xstrdup(ref);
		return 0;
	}
	q = roster_encode(ref);
	xasprintf(&path,
	    "/groups?$filter=displayName%%20eq%%20%%27%s%%27"
	    "&$select=id,displayName,mail",
	    q);
	free(q);
	rc = graph_request(g, "GET", path, NULL, NULL, &body, e);
	free(path);
	if (rc != 0)
		return -1;
	memset(&groups, 0, sizeof groups);
	rc = graph_parse_groups(body, strlen(body), &groups, &next, &cause);
	free(body);
	free(next);
	if (rc != 0) {
		graph_error_set(e, GRAPH_ERR_NETWORK,
		    "looking up group '%s': %s", ref,
		    cause != NULL ? cause : "unreadable answer");
		free(cause);
	} else if (groups.n == 0) {
		hint = roster_near(g, ref, 1);
		graph_error_set(e, GRAPH_ERR_REFUSED, "no group named '%s'%s%s",
		    ref, hint != NULL ? "; " : "", hint != NULL ? hint : "");
		free(hint);
		rc = -1;
	} else if (groups.n > 1) {
		roster_groups_ambiguous(e, ref, &groups);
		rc = -1;
	} else
		*id = xstrdup(groups.v[0].id);
	group_list_done(&groups);
	return rc;
}

/* Expand a group (and the groups nested in it, once) into users. */
static int
roster_group(struct graph *g, const char *ref, int transitive,
    struct roster_collect *c, struct roster_set *visited, struct graph_error *e)
{
	struct group_list todo;
	char *id, *path;
	size_t i;
	int rc = -1;

	if (roster_group_id(g, ref, &id, e) != 0)
		return -1;
	memset(&todo, 0, sizeof todo);
	todo.v = xcalloc(1, sizeof *todo.v);
	todo.v[0].id = id;
	todo.n = todo.cap = 1;
	for (i = 0; i < todo.n; i++) {
		if (!roster_set_add(visited, todo.v[i].id))
			continue;
		xasprintf(&path,
		    "/groups/%s/%s?$select=" ROSTER_SELECT "&$top=" ROSTER_TOP,
		    todo.v[i].id, transitive ? "transitiveMembers" : "members");
		rc = roster_pages(g, path, c, e);
		free(path);
		if (rc != 0)
			goto out;
		/* Queue the nested groups found; visited ones are skipped. */
		while (c->nested.n > 0) {
			todo.v = xgrowarray(todo.v, todo.n, &todo.cap,
			    sizeof *todo.v);
			todo.v[todo.n++] = c->nested.v[--c->nested.n];
		}
	}
	rc = 0;
out:
	group_list_done(&todo);
	return rc;
}

/* One sub-request of a batch and its outcome. */
struct roster_sub {
	const char *ref; /* The first reference it looks up, for errors. */
	char *url;
	int eventual; /* Send ConsistencyLevel: eventual ($search, $count). */
	long status;  /* 0 to send, -1 when done. */
	long retry_after;
	char *body; /* The answer's body as JSON text, or NULL. */
};

/* The most values one $filter ... in (...) may carry. */
#define ROSTER_IN 15

/* What a lookup matches a reference by. */
enum roster_by {
	ROSTER_BY_ID,
	ROSTER_BY_UPN,
	ROSTER_BY_MAIL,
	ROSTER_BY_NAME
};

/* The property a lookup filters on. */
static const char *
roster_by_name(enum roster_by by)
{
	switch (by) {
	case ROSTER_BY_ID:
		return "id";
	case ROSTER_BY_UPN:
		return "userPrincipalName";
	case ROSTER_BY_MAIL:
		return "mail";
	case ROSTER_BY_NAME:
		return "displayName";
	}
	return "id";
}

/* The batch URL that looks up to 15 references by one property. */
static char *
roster_sub_url(const char *const *refs, const size_t *idx, size_t n,
    enum roster_by by)
{
	char *url, *q, *tmp;
	size_t i;

	xasprintf(&url,
	    "/users?$select=" ROSTER_SELECT "&$filter=%s%%20in%%20(",
	    roster_by_name(by));
	for (i = 0; i < n; i++) {
		q = roster_encode(refs[idx[i]]);
		xasprintf(&tmp, "%s%s%%27%s%%27", url, i == 0 ? "" : ",", q);
		free(q);
		free(url);
		url = tmp;
	}
	/* A name may be several people's. */
	xasprintf(&tmp, "%s)%s", url,
	    by == ROSTER_BY_NAME ? "&$top=" ROSTER_TOP : "");
	free(url);
	return tmp;
}

/* Build the $batch bodies for the subs to send. */
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
		if (subs[i].eventual)
			cJSON_AddStringToObject(cJSON_AddObjectToObject(r,
			                            "headers"),
			    "ConsistencyLevel", "eventual");
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
	struct batch_list list;
	struct batch_response *r;
	char *cause = NULL;
	size_t i, k;

	memset(&list, 0, sizeof list);
	if (graph_parse_batch(body, strlen(body), &list, &cause) != 0) {
		graph_error_set(e, GRAPH_ERR_NETWORK, "$batch: %s",
		    cause != NULL ? cause : "unreadable answer");
		free(cause);
		batch_list_done(&list);
		return -1;
	}
	for (k = 0; k < list.n; k++) {
		r = &list.v[k];
		if (r->id == NULL)
			continue;
		i = (size_t)strtoul(r->id, NULL, 10);
		if (i == 0 || i > n || subs[i - 1].status != 0)
			continue;
		i--;
		subs[i].status = (r->status != 0) ? r->status : 500;
		subs[i].retry_after = r->retry_after;
		subs[i].body = r->body;
		r->body = NULL;
	}
	batch_list_done(&list);
	return 0;
}

/*
 * Send the subs without an answer in $batch requests of 20, several in
 * flight, waiting out and resending throttled or failed sub-requests a few
 * times, and resending once with a new token those refused for an expired
 * one. Every sub ends with a status (0 when none ever came).
 */
static int
roster_batch(struct graph *g, struct roster_sub *subs, size_t n,
    struct graph_error *e)
{
	char **bodies, **outs;
	size_t i, nb;
	long wait, asked;
	int round = 0, rc, renewed = 0, refused, again;

	for (;;) {
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

		/*
		 * The token may run out between the batch and its
		 * sub-requests, each checked on its own: renew it once.
		 */
		refused = 0;
		for (i = 0; i < n && !renewed; i++) {
			if (subs[i].status <= 0 ||
			    !graph_token_refused(subs[i].status, subs[i].body,
			        subs[i].body != NULL ? strlen(subs[i].body)
			                             : 0))
				continue;
			refused = 1;
			subs[i].status = 0;
			free(subs[i].body);
			subs[i].body = NULL;
		}
		if (refused) {
			log_debug("$batch: the token was refused inside the "
			          "batch; asking for a new one");
			graph_renew_token(g);
			renewed = 1;
			continue;
		}

		wait = 0;
		asked = again = 0;
		for (i = 0; i < n; i++) {
			if (subs[i].status != 429 && subs[i].status < 500 &&
			    subs[i].status != 0)
				continue;
			if (round == 3)
				break;
			if (subs[i].retry_after >= 0 &&
			    subs[i].retry_after >= wait) {
				wait = subs[i].retry_after;
				asked = subs[i].status;
			}
			if (subs[i].retry_after < 0 && wait < (1L << round)) {
				wait = 1L << round;
				asked = 0;
			}
			subs[i].status = 0;
			free(subs[i].body);
			subs[i].body = NULL;
			again = 1;
		}
		if (!again)
			return 0;
		log_debug("$batch: waiting %ld s for throttled lookups", wait);
		if (wait > 0 && graph_wait(g, wait, asked, e) != 0)
			return -1;
		round++;
	}
}

/* Fill an error from a failed sub-request. */
static void
roster_sub_error(struct graph_error *e, const struct roster_sub *sub)
{
	char *code = NULL, *msg = NULL;
	int missing;

	if (sub->body != NULL)
		graph_parse_error(sub->body, strlen(sub->body), &code, &msg,
		    NULL);
	missing = (sub->status == 404 || sub->status == 200);
	if (missing)
		graph_error_set(e, GRAPH_ERR_REFUSED,
		    "no user '%s' in the directory", sub->ref);
	else
		graph_error_set(e,
		    (sub->status == 429 || sub->status >= 500 ||
		        sub->status == 0)
		        ? GRAPH_ERR_NETWORK
		        : sub->status == 401 ? GRAPH_ERR_AUTH
		                             : GRAPH_ERR_REFUSED,
		    "looking up '%s': %s", sub->ref,
		    msg != NULL && *msg != '\0' ? msg : "failed");
	e->status = missing ? 404 : sub->status;
	if (code != NULL)
		e->code = code;
	else if (missing)
		e->code = xstrdup("NotFound");
	free(msg);
}

/* Free the sub-requests' URLs and bodies. */
static void
roster_subs_done(struct roster_sub *subs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(subs[i].url);
		free(subs[i].body);
	}
}

/* Does a user answer a reference by this property? */
static int
roster_matches(const struct user *u, const char *ref, enum roster_by by)
{
	const char *v;

	switch (by) {
	case ROSTER_BY_ID:
		v = u->id;
		break;
	case ROSTER_BY_UPN:
		v = u->upn;
		break;
	case ROSTER_BY_NAME:
		v = u->display_name;
		break;
	default:
		v = u->mail;
		break;
	}
	return v != NULL && strcasecmp(v, ref) == 0;
}

/*
 * Fail with the people a display name is: one a line, by UPN (the id when
 * they have none) with their department.
 */
static void
roster_ambiguous(struct graph_error *e, const char *ref,
    const struct user_list *page, size_t nmatch)
{
	const struct user *u;
	char *msg, *tmp;
	size_t m, shown = 0;

	xasprintf(&msg,
	    "'%s' is %zu people; which one? Give their user principal name:",
	    ref, nmatch);
	for (m = 0; m < page->n && shown < ROSTER_LIST_MAX; m++) {
		u = &page->v[m];
		if (u->id == NULL || !roster_matches(u, ref, ROSTER_BY_NAME))
			continue;
		xasprintf(&tmp, "%s\n  %s (%s)", msg,
		    u->upn != NULL ? u->upn : u->id,
		    u->department != NULL && *u->department != '\0'
		        ? u->department
		        : "no department");
		free(msg);
		msg = tmp;
		shown++;
	}
	if (nmatch > shown) {
		xasprintf(&tmp, "%s\n  and %zu more", msg, nmatch - shown);
		free(msg);
		msg = tmp;
	}
	graph_error_set(e, GRAPH_ERR_USAGE, "%s", msg);
	free(msg);
}

/*
 * Look up the references idx[0..n) by one property, 15 to a $filter and
 * 20 filters to a $batch, moving each user found into found[]. A display
 * name of several people fails the lookup (roster_ambiguous), or when
 * lenient is warned about and left out.
 */
static int
roster_lookup(struct graph *g, const char *const *refs, const size_t *idx,
    size_t n, enum roster_by by, struct user *found, int lenient,
    struct graph_error *e)
{
	struct graph_error amb;
	struct roster_sub *subs;
	struct user_list page;
	char *next, *cause;
	size_t nsubs, i, j, k, m, cnt, nmatch;
	int rc = -1;

	if (n == 0)
		return 0;
	nsubs = (n + ROSTER_IN - 1) / ROSTER_IN;
	subs = xcalloc(nsubs, sizeof *subs);
	for (i = 0; i < nsubs; i++) {
		cnt = (n - i * ROSTER_IN < ROSTER_IN) ? n - i * ROSTER_IN
		                                      : ROSTER_IN;
		subs[i].ref = refs[idx[i * ROSTER_IN]];
		subs[i].url =
		    roster_sub_url(refs, idx + i * ROSTER_IN, cnt, by);
	}
	if (roster_batch(g, subs, nsubs, e) != 0)
		goto out;
	for (i = 0; i < nsubs; i++) {
		memset(&page, 0, sizeof page);
		next = cause = NULL;
		if (subs[i].status != 200 || subs[i].body == NULL ||
		    graph_parse_users(subs[i].body, strlen(subs[i].body), &page,
		        &next, &cause) != 0) {
			free(cause);
			user_list_done(&page);
			if (subs[i].status == 200)
				subs[i].status = 502;
			roster_sub_error(e, &subs[i]);
			goto out;
		}
		free(next);
		cnt = (n - i * ROSTER_IN < ROSTER_IN) ? n - i * ROSTER_IN
		                                      : ROSTER_IN;
		for (j = 0; j < cnt; j++) {
			k = idx[i * ROSTER_IN + j];
			if (found[k].id != NULL)
				continue;
			nmatch = 0;
			for (m = 0; m < page.n; m++) {
				if (page.v[m].id == NULL ||
				    !roster_matches(&page.v[m], refs[k], by))
					continue;
				if (nmatch++ == 0)
					user_copy(&found[k], &page.v[m]);
			}
			if (nmatch > 1 && by == ROSTER_BY_NAME && lenient) {
				/* Left out, named: the others still count. */
				graph_error_init(&amb);
				roster_ambiguous(&amb, refs[k], &page, nmatch);
				roster_warn("%s", amb.message);
				graph_error_done(&amb);
				user_done(&found[k]);
				memset(&found[k], 0, sizeof found[k]);
				found[k].id =
				    xstrdup(""); /* Said: not missing. */
				continue;
			}
			if (nmatch > 1 && by == ROSTER_BY_NAME) {
				roster_ambiguous(e, refs[k], &page, nmatch);
				user_list_done(&page);
				goto out;
			}
		}
		user_list_done(&page);
	}
	rc = 0;
out:
	roster_subs_done(subs, nsubs);
	free(subs);
	return rc;
}

/* A name found near a reference, for "did you mean". */
struct roster_near {
	const char *name;   /* The display name, as Graph gave it. */
	const char *detail; /* A person's UPN; NULL for a group. */
	int distance;       /* From the reference, folded (text_fold). */
};

/* Order names found by their distance, then by name. */
static int
roster_near_cmp(const void *pa, const void *pb)
{
	const struct roster_near *a = pa, *b = pb;

	if (a->distance != b->distance)
		return a->distance < b->distance ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The bytes of the first n characters of a UTF-8 string. */
static size_t
roster_prefix(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (k++ == n)
			break;
	}
	return i;
}

/*
 * The requests that find names near ref among users or groups: a $search
 * for the first letters of each of its words, which Graph matches at the
 * start of words (NULL when no word has two letters), and a startswith
 * $filter on its first letter.
 */
static void
roster_near_urls(const char *ref, int groups, char **search, char **starts)
{
	const char *set = groups ? "groups" : "users";
	const char *sel = groups ? "id,displayName" : ROSTER_SELECT;
	char *copy, *word, *save, *cut, *q, *terms = NULL, *tmp;
	size_t nwords = 0;

	copy = xstrdup(ref);
	for (word = strtok_r(copy, " \t", &save);
	     word != NULL && nwords < ROSTER_NEAR_WORDS;
	     word = strtok_r(NULL, " \t", &save)) {
		if (word[roster_prefix(word, 1)] == '\0')
			continue; /* One letter finds too many. */
		cut = xstrndup(word, roster_prefix(word, ROSTER_NEAR_LETTERS));
		q = roster_encode_search(cut);
		free(cut);
		if (*q != '\0') {
			xasprintf(&tmp, "%s%s%%22displayName%%3A%s%%22",
			    terms != NULL ? terms : "",
			    terms != NULL ? "%20OR%20" : "", q);
			free(terms);
			terms = tmp;
			nwords++;
		}
		free(q);
	}
	free(copy);
	*search = NULL;
	if (terms != NULL)
		xasprintf(search, "/%s?$search=%s&$select=%s&$top=" ROSTER_TOP,
		    set, terms, sel);
	free(terms);
	cut = xstrndup(ref, roster_prefix(ref, 1));
	q = roster_encode(cut);
	xasprintf(starts,
	    "/%s?$filter=startswith(displayName,%%27%s%%27)&$select=%s"
	    "&$top=" ROSTER_TOP,
	    set, q, sel);
	free(q);
	free(cut);
}

/*
 * "did you mean 'A' (a@x), 'B' (b@x) or 'C' (c@x)?" for the names nearest
 * ref among those found, or NULL when none is near enough: within a third
 * of ref's length (at least 2) in edit distance, or holding it whole.
 */
static char *
roster_near_words(const char *ref, struct roster_near *v, size_t n)
{
	char *fref, *f, *s = NULL, *tmp;
	size_t i, k = 0, len;
	int limit;

	fref = text_fold(ref);
	for (i = 0, len = 0; fref[i] != '\0'; i++)
		len += ((unsigned char)fref[i] & 0xc0) != 0x80;
	limit = len / 3 > 2 ? (int)(len / 3) : 2;
	for (i = 0; i < n; i++) {
		f = text_fold(v[i].name);
		if (*fref != '\0' && strstr(f, fref) != NULL)
			v[i].distance = 0;
		else
			v[i].distance = text_distance(fref, f);
		free(f);
		if (v[i].distance <= limit)
			v[k++] = v[i];
	}
	free(fref);
	qsort(v, k, sizeof *v, roster_near_cmp);
	if (k > ROSTER_NEAR_MAX)
		k = ROSTER_NEAR_MAX;
	for (i = 0; i < k; i++) {
		xasprintf(&tmp, "%s%s'%s'%s%s%s",
		    s == NULL ? "did you mean " : s,
		    i == 0 ? "" : (i + 1 == k ? " or " : ", "), v[i].name,
		    v[i].detail != NULL ? " (" : "",
		    v[i].detail != NULL ? v[i].detail : "",
		    v[i].detail != NULL ? ")" : "");
		free(s);
		s = tmp;
	}
	if (s != NULL) {
		xasprintf(&tmp, "%s?", s);
		free(s);
		s = tmp;
	}
	return s;
}

/*
 * The users (or groups) whose names are nearest ref, in words ("did you
 * mean ..."), or NULL. Asking is best effort: a failure means no names.
 */
static char *
roster_near(struct graph *g, const char *ref, int groups)
{
	struct roster_sub subs[2];
	struct roster_near *v = NULL;
	struct roster_set seen;
	struct user_list users;
	struct group_list gl;
	struct graph_error e;
	char *search, *starts, *next, *cause, *hint = NULL;
	size_t nsubs = 0, n = 0, i;

	if (*ref == '\0')
		return NULL;
	memset(subs, 0, sizeof subs);
	memset(&seen, 0, sizeof seen);
	memset(&users, 0, sizeof users);
	memset(&gl, 0, sizeof gl);
	graph_error_init(&e);
	roster_near_urls(ref, groups, &search, &starts);
	if (search != NULL) {
		subs[nsubs].url = search;
		subs[nsubs].ref = ref;
		subs[nsubs++].eventual = 1;
	}
	subs[nsubs].url = starts;
	subs[nsubs++].ref = ref;
	if (roster_batch(g, subs, nsubs, &e) != 0) {
		log_debug("no names near '%s': %s", ref,
		    e.message != NULL ? e.message : "failed");
		goto out;
	}
	for (i = 0; i < nsubs; i++) {
		next = cause = NULL;
		if (subs[i].status == 200 && subs[i].body != NULL) {
			if (groups)
				graph_parse_groups(subs[i].body,
				    strlen(subs[i].body), &gl, &next, &cause);
			else
				graph_parse_users(subs[i].body,
				    strlen(subs[i].body), &users, &next,
				    &cause);
		}
		free(next);
		free(cause);
	}
	v = xcalloc(users.n + gl.n + 1, sizeof *v);
	for (i = 0; i < users.n; i++) {
		if (users.v[i].display_name == NULL ||
		    !roster_set_add(&seen, users.v[i].id))
			continue;
		v[n].name = users.v[i].display_name;
		v[n++].detail = users.v[i].upn;
	}
	for (i = 0; i < gl.n; i++) {
		if (gl.v[i].display_name != NULL &&
		    roster_set_add(&seen, gl.v[i].id))
			v[n++].name = gl.v[i].display_name;
	}
	hint = roster_near_words(ref, v, n);
out:
	free(v);
	roster_subs_done(subs, nsubs);
	user_list_done(&users);
	group_list_done(&gl);
	roster_set_done(&seen);
	graph_error_done(&e);
	return hint;
}

/* Could a reference be a display name (not an address, nor an id)? */
static int
roster_is_name(const char *ref)
{
	return *ref != '\0' && strchr(ref, '@') == NULL && !graph_is_guid(ref);
}

/* What to tell of a user reference that matched nobody (allocated). */
static char *
roster_why(struct graph *g, const char *ref)
{
	char *hint = roster_is_name(ref) ? roster_near(g, ref, 0) : NULL;
	char *why;

	xasprintf(&why, "no user '%s' in the directory%s%s", ref,
	    hint != NULL ? "; " : "", hint != NULL ? hint : "");
	free(hint);
	return why;
}

/* Add a reference that matched nobody, and what to tell of it, to m. */
static void
roster_miss(struct roster_missing *m, size_t i, char *why)
{
	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->why = xreallocarray(m->why, m->n + 1, sizeof *m->why);
	m->v[m->n] = i;
	m->why[m->n++] = why;
}

/*
 * Resolve references to users: object ids and UPNs with $filter ... in
 * (15 values) inside $batch requests of 20, several in flight; then what
 * was not found as a UPN, by mail address, then by display name. When
 * lenient, a display name of several people is warned about and left out.
 */
static int
roster_users(struct graph *g, const char *const *refs, size_t n,
    struct user_list *out, struct roster_missing *missing, int lenient,
    struct graph_error *e)
{
	struct roster_set seen;
	struct roster_sub none;
	struct user *found;
	size_t *ids, *upns, nids = 0, nupns = 0, i;
	int rc = -1;

	memset(&seen, 0, sizeof seen);
	if (n == 0)
		return 0;
	found = xcalloc(n, sizeof *found);
	ids = xcalloc(n, sizeof *ids);
	upns = xcalloc(n, sizeof *upns);
	for (i = 0; i < n; i++) {
		if (graph_is_guid(refs[i]))
			ids[nids++] = i;
		else
			upns[nupns++] = i;
	}
	if (roster_lookup(g, refs, ids, nids, ROSTER_BY_ID, found, lenient,
	        e) != 0 ||
	    roster_lookup(g, refs, upns, nupns, ROSTER_BY_UPN, found, lenient,
	        e) != 0)
		goto out;
	/* Not a UPN: maybe a mail address. */
	nupns = 0;
	for (i = 0; i < n; i++) {
		if (found[i].id == NULL && strchr(refs[i], '@') != NULL)
			upns[nupns++] = i;
	}
	if (roster_lookup(g, refs, upns, nupns, ROSTER_BY_MAIL, found, lenient,
	        e) != 0)
		goto out;
	/* Not an address: maybe a display name. */
	nupns = 0;
	for (i = 0; i < n; i++) {
		if (found[i].id == NULL && roster_is_name(refs[i]))
			upns[nupns++] = i;
	}
	if (roster_lookup(g, refs, upns, nupns, ROSTER_BY_NAME, found, lenient,
	        e) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (found[i].id != NULL)
			continue;
		if (missing != NULL) {
			roster_miss(missing, i, roster_why(g, refs[i]));
			continue;
		}
		memset(&none, 0, sizeof none);
		none.ref = refs[i];
		none.status = 404;
		roster_sub_error(e, &none);
		free(e->message);
		e->message = roster_why(g, refs[i]);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (found[i].id != NULL && *found[i].id != '\0')
			roster_take(out, &seen, &found[i]);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		user_done(&found[i]);
	free(found);
	free(ids);
	free(upns);
	roster_set_done(&seen);
	return rc;
}

/* Free the list of references that matched nobody. */
void
roster_missing_done(struct roster_missing *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->why[i]);
	free(m->why);
	free(m->v);
	m->v = NULL;
	m->why = NULL;
	m->n = 0;
}

/* Resolve references to users; a name of several people fails. */
int
roster_resolve_users(struct graph *g, const char *const *refs, size_t n,
    struct user_list *out, struct roster_missing *missing,
    struct graph_error *e)
{
	return roster_users(g, refs, n, out, missing, 0, e);
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
	if (roster_resolve_users(g, &ref, 1, &list, NULL, e) != 0) {
		user_list_done(&list);
		return -1;
	}
	*id = xstrdup(list.v[0].id);
	user_list_done(&list);
	return 0;
}

/*
 * Resolve the configured roster, or the whole directory, into out, or,
 * with page, handing each part to it as it is found.
 */
static int
roster_run(struct graph *g, const struct cfg *cfg, struct user_list *out,
    roster_progress_cb progress, void *arg, roster_page_cb page, void *page_arg,
    struct roster_missing *missing, struct graph_error *e)
{
	struct roster_set seen, visited;
	struct roster_collect c;
	struct roster_missing none;
	struct user_list users;
	size_t i;
	int rc = -1;

	memset(&none, 0, sizeof none);
	memset(&seen, 0, sizeof seen);
	memset(&visited, 0, sizeof visited);
	memset(&users, 0, sizeof users);
	memset(&c, 0, sizeof c);
	c.out = out;
	c.seen = &seen;
	c.progress = progress;
	c.arg = arg;
	c.page = page;
	c.page_arg = page_arg;

	if (cfg->nusers == 0 && cfg->ngroups == 0) {
		c.max =
		    (cfg->max_directory > 0) ? (size_t)cfg->max_directory : 0;
		if (roster_pages(g,
		        "/users?$select=" ROSTER_SELECT "&$top=" ROSTER_TOP, &c,
		        e) != 0)
			goto out;
		rc = 0;
		goto out;
	}

	if (cfg->nusers != 0) {
		if (roster_users(g, (const char *const *)cfg->users,
		        cfg->nusers, &users, &none, missing == NULL, e) != 0)
			goto out;
		for (i = 0; missing == NULL && i < none.n; i++)
			roster_warn("%s: left out", none.why[i]);
		for (i = 0; i < users.n; i++)
			roster_take(out, &seen, &users.v[i]);
		c.count = out->n;
		if (progress != NULL)
			progress(arg, c.count, 0);
		if (roster_flush(&c, e) != 0)
			goto out;
	}
	for (i = 0; i < cfg->ngroups; i++) {
		if (roster_group(g, cfg->groups[i], cfg->transitive, &c,
		        &visited, e) != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc == 0 && progress != NULL)
		progress(arg, c.count, c.count);
	if (rc == 0 && missing != NULL) {
		*missing = none;
		memset(&none, 0, sizeof none);
	}
	roster_missing_done(&none);
	group_list_done(&c.nested);
	user_list_done(&users);
	roster_set_done(&seen);
	roster_set_done(&visited);
	return rc;
}

/* Resolve the configured roster, or the whole directory. */
int
roster_resolve(struct graph *g, const struct cfg *cfg, struct user_list *out,
    roster_progress_cb progress, void *arg, struct roster_missing *missing,
    struct graph_error *e)
{
	return roster_run(g, cfg, out, progress, arg, NULL, NULL, missing, e);
}

/* Resolve the roster a part at a time. */
int
roster_each(struct graph *g, const struct cfg *cfg, roster_page_cb page,
    void *arg, struct roster_missing *missing, struct graph_error *e)
{
	struct user_list out;
	int rc;

	memset(&out, 0, sizeof out);
	rc = roster_run(g, cfg, &out, NULL, NULL, page, arg, missing, e);
	user_list_done(&out);
	return rc;
}

/* Every group of the directory, page by page. */
int
roster_groups(struct graph *g, struct group_list *out, struct graph_error *e)
{
	char *url, *body, *next, *cause = NULL;
	int rc;

	url = xstrdup("/groups?$select=id,displayName,mail&$top=" ROSTER_TOP);
	while (url != NULL) {
		if (graph_request(g, "GET", url, NULL, NULL, &body, e) != 0) {
			free(url);
			return -1;
		}
		next = NULL;
		rc = graph_parse_groups(body, strlen(body), out, &next, &cause);
		free(body);
		if (rc != 0) {
			graph_error_set(e, GRAPH_ERR_NETWORK, "%s: %s", url,
			    cause != NULL ? cause : "unreadable page");
			free(cause);
			free(url);
			return -1;
		}
		free(url);
		url = next;
	}
	return 0;
}

/* Count each group's members with $count, 20 groups to a $batch. */
int
roster_count_members(struct graph *g, const struct group_list *groups,
    long *counts, struct graph_error *e)
{
	struct roster_sub *subs;
	char *cause;
	size_t i;
	int rc;

	if (groups->n == 0)
		return 0;
	subs = xcalloc(groups->n, sizeof *subs);
	for (i = 0; i < groups->n; i++) {
		subs[i].ref = groups->v[i].display_name != NULL
		    ? groups->v[i].display_name
		    : groups->v[i].id;
		xasprintf(&subs[i].url,
		    "/groups/%s/members?$count=true&$top=1&$select=id",
		    groups->v[i].id);
		subs[i].eventual = 1;
	}
	rc = roster_batch(g, subs, groups->n, e);
	for (i = 0; i < groups->n; i++) {
		counts[i] = -1;
		cause = NULL;
		if (rc == 0 && subs[i].status == 200 && subs[i].body != NULL &&
		    graph_parse_count(subs[i].body, strlen(subs[i].body),
		        &counts[i], &cause) != 0)
			counts[i] = -1;
		free(cause);
	}
	roster_subs_done(subs, groups->n);
	free(subs);
	return rc;
}
