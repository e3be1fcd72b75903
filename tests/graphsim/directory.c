/*
 * The directory routes over the read-only synthetic tenant. Lists are
 * paged with an opaque $skiptoken that holds the position in the list
 * (users in directory order; members as users, then groups), and every
 * @odata.nextLink is an absolute URL that keeps the original query
 * options. $filter understands startswith(prop,'x'), prop eq 'x' and
 * prop in ('a','b'), joined with and/or (and binds tighter); $search
 * understands "prop:term" clauses joined with OR/AND and matches
 * substrings, ignoring ASCII case. Called from any connection thread.
 */
#include "config.h"

#include "directory.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server.h"
#include "tenant.h"
#include "xmalloc.h"

#define DIR_TOP_DEFAULT 100
#define DIR_TOP_MAX 999
#define DIR_TOKEN_PREFIX "RFNwdAIAAQAAAB"

/* User properties. */
enum dir_uprop {
	UP_ID,
	UP_DISPLAY_NAME,
	UP_GIVEN_NAME,
	UP_SURNAME,
	UP_UPN,
	UP_MAIL,
	UP_JOB_TITLE,
	UP_DEPARTMENT,
	UP_OFFICE,
	UP_MOBILE,
	UP_PHONES,
	UP_LANGUAGE,
	UP_ENABLED,
	UP__COUNT
};

static const char *const dir_uprops[UP__COUNT] = { "id", "displayName",
	"givenName", "surname", "userPrincipalName", "mail", "jobTitle",
	"department", "officeLocation", "mobilePhone", "businessPhones",
	"preferredLanguage", "accountEnabled" };

/* Graph's default user properties, in its order. */
static const int dir_udefault[] = { UP_PHONES, UP_DISPLAY_NAME, UP_GIVEN_NAME,
	UP_JOB_TITLE, UP_MAIL, UP_MOBILE, UP_OFFICE, UP_LANGUAGE, UP_SURNAME,
	UP_UPN, UP_ID };

/* Group properties. */
enum dir_gprop {
	GP_ID,
	GP_DISPLAY_NAME,
	GP_DESCRIPTION,
	GP_MAIL,
	GP_MAIL_ENABLED,
	GP_MAIL_NICKNAME,
	GP_SECURITY_ENABLED,
	GP_GROUP_TYPES,
	GP_VISIBILITY,
	GP__COUNT
};

static const char *const dir_gprops[GP__COUNT] = { "id", "displayName",
	"description", "mail", "mailEnabled", "mailNickname", "securityEnabled",
	"groupTypes", "visibility" };

/* An entry of a list: a user or a group. */
struct dir_item {
	int is_group;
	size_t idx;
};

/* Condition kinds. */
enum dir_kind {
	COND_STARTS,
	COND_EQ,
	COND_IN,
	COND_CONTAINS,
};

/* One condition of $filter or $search. */
struct dir_cond {
	enum dir_kind kind;
	char *prop;
	char **vals;
	size_t nvals;
	int or_next; /* Joined to the next condition with or. */
};

/* A parsed $filter or $search. */
struct dir_filter {
	struct dir_cond *c;
	size_t n;
};

/* A parsed $select: property indices, -1 where not applicable. */
struct dir_select {
	int user[32];
	int group[32];
	size_t n;
	int given;
};

/* Everything a list request asked for. */
struct dir_query {
	struct dir_select sel;
	struct dir_filter filter;
	struct dir_filter search;
	size_t top;
	size_t pos;
	int count;
};

/* Free a filter. */
static void
dir_filter_done(struct dir_filter *f)
{
	size_t i, j;

	for (i = 0; i < f->n; i++) {
		free(f->c[i].prop);
		for (j = 0; j < f->c[i].nvals; j++)
			free(f->c[i].vals[j]);
		free(f->c[i].vals);
	}
	free(f->c);
	f->c = NULL;
	f->n = 0;
}

/* Skip spaces. */
static void
dir_space(const char **s)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
}

/* Read an identifier; NULL when there is none. */
static char *
dir_ident(const char **s)
{
	const char *p = *s;

	dir_space(&p);
	*s = p;
	while (
	    isalnum((unsigned char)*p) || *p == '_' || *p == '/' || *p == '.')
		p++;
	if (p == *s)
		return NULL;
	{
		char *id = xstrndup(*s, (size_t)(p - *s));

		*s = p;
		return id;
	}
}

/* Read a quoted OData string ('' for a quote); NULL when malformed. */
static char *
dir_string(const char **s)
{
	struct jbuf b;
	const char *p = *s;

	dir_space(&p);
	if (*p != '\'')
		return NULL;
	p++;
	jbuf_init(&b);
	jbuf_adds(&b, "");
	for (;;) {
		if (*p == '\0') {
			jbuf_done(&b);
			return NULL;
		}
		if (*p == '\'') {
			if (p[1] != '\'')
				break;
			p++;
		}
		jbuf_addc(&b, *p++);
	}
	*s = p + 1;
	return jbuf_steal(&b, NULL);
}

/* Read one punctuation byte. */
static int
dir_punct(const char **s, char c)
{
	dir_space(s);
	if (**s != c)
		return -1;
	(*s)++;
	return 0;
}

/* Add a condition. */
static struct dir_cond *
dir_add(struct dir_filter *f, enum dir_kind kind, char *prop)
{
	struct dir_cond *c;

	f->c = xreallocarray(f->c, f->n + 1, sizeof *f->c);
	c = &f->c[f->n++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->prop = prop;
	return c;
}

/* Add a value to a condition. */
static void
dir_add_val(struct dir_cond *c, char *v)
{
	c->vals = xreallocarray(c->vals, c->nvals + 1, sizeof *c->vals);
	c->vals[c->nvals++] = v;
}

/* Whether prop names a filterable property. */
static int
dir_filterable(const char *prop, int groups)
{
	static const char *const u[] = { "id", "displayName", "mail",
		"userPrincipalName", "givenName", "surname", "jobTitle",
		"department" };
	static const char *const g[] = { "id", "displayName", "mail",
		"mailNickname" };
	const char *const *t = groups ? g : u;
	size_t i, n = groups ? 4 : 8;

	for (i = 0; i < n; i++) {
		if (strcasecmp(prop, t[i]) == 0)
			return 1;
	}
	return 0;
}

/* Parse $filter; -1 with *cause (and *code) when it is not understood. */
static int
dir_parse_filter(const char *s, int groups, struct dir_filter *f,
    const char **code, char **cause)
{
	struct dir_cond *c;
	char *id, *v, *prop;

	for (;;) {
		if ((id = dir_ident(&s)) == NULL)
			goto bad;
		dir_space(&s);
		if (*s == '(' && strcasecmp(id, "startswith") != 0) {
			*code = "Request_UnsupportedQuery";
			xasprintf(cause,
			    "Unsupported query function '%s' in "
			    "$filter.",
			    id);
			free(id);
			return -1;
		}
		if (strcasecmp(id, "startswith") == 0) {
			free(id);
			if (dir_punct(&s, '(') != 0 ||
			    (prop = dir_ident(&s)) == NULL)
				goto bad;
			c = dir_add(f, COND_STARTS, prop);
			if (dir_punct(&s, ',') != 0 ||
			    (v = dir_string(&s)) == NULL)
				goto bad;
			dir_add_val(c, v);
			if (dir_punct(&s, ')') != 0)
				goto bad;
		} else {
			prop = id;
			if ((id = dir_ident(&s)) == NULL) {
				free(prop);
				goto bad;
			}
			if (strcasecmp(id, "eq") == 0) {
				c = dir_add(f, COND_EQ, prop);
				if ((v = dir_string(&s)) == NULL) {
					free(id);
					goto bad;
				}
				dir_add_val(c, v);
			} else if (strcasecmp(id, "in") == 0) {
				c = dir_add(f, COND_IN, prop);
				if (dir_punct(&s, '(') != 0) {
					free(id);
					goto bad;
				}
				do {
					if ((v = dir_string(&s)) == NULL) {
						free(id);
						goto bad;
					}
					dir_add_val(c, v);
				} while (dir_punct(&s, ',') == 0);
				if (dir_punct(&s, ')') != 0) {
					free(id);
					goto bad;
				}
			} else {
				free(prop);
				free(id);
				*code = "Request_UnsupportedQuery";
				xasprintf(cause,
				    "Unsupported or invalid query "
				    "filter clause specified.");
				return -1;
			}
			free(id);
		}
		if (!dir_filterable(c->prop, groups)) {
			*code = "Request_UnsupportedQuery";
			xasprintf(cause,
			    "Unsupported or invalid query filter "
			    "clause specified for property '%s' of resource "
			    "'%s'.",
			    c->prop, groups ? "Group" : "User");
			return -1;
		}
		dir_space(&s);
		if (*s == '\0')
			return 0;
		if ((id = dir_ident(&s)) == NULL)
			goto bad;
		if (strcasecmp(id, "or") == 0)
			c->or_next = 1;
		else if (strcasecmp(id, "and") != 0) {
			free(id);
			goto bad;
		}
		free(id);
	}
bad:
	*code = "Request_BadRequest";
	xasprintf(cause, "Invalid filter clause");
	return -1;
}

/* Parse $search: "prop:term" clauses joined with OR or AND. */
static int
dir_parse_search(const char *s, struct dir_filter *f, char **cause)
{
	struct dir_cond *c = NULL;
	const char *q, *colon;
	char *prop, *word;

	for (;;) {
		dir_space(&s);
		if (*s != '"' || (q = strchr(s + 1, '"')) == NULL ||
		    (colon = memchr(s + 1, ':', (size_t)(q - s - 1))) == NULL)
			goto bad;
		prop = xstrndup(s + 1, (size_t)(colon - s - 1));
		if (!dir_filterable(prop, 0) || strcmp(prop, "id") == 0) {
			free(prop);
			goto bad;
		}
		c = dir_add(f, COND_CONTAINS, prop);
		dir_add_val(c, xstrndup(colon + 1, (size_t)(q - colon - 1)));
		s = q + 1;
		dir_space(&s);
		if (*s == '\0')
			return 0;
		if ((word = dir_ident(&s)) == NULL)
			goto bad;
		if (strcmp(word, "OR") == 0)
			c->or_next = 1;
		else if (strcmp(word, "AND") != 0) {
			free(word);
			goto bad;
		}
		free(word);
	}
bad:
	xasprintf(cause,
	    "Syntax error: character '%c' is not valid at "
	    "position 0 in the $search query; use \"property:term\".",
	    *s != '\0' ? *s : '"');
	return -1;
}

/* The value of a filterable property of an item. */
static const char *
dir_value(const struct dir_item *it, const char *prop)
{
	const struct user *u;
	const struct group *g;

	if (it->is_group) {
		g = &tenant.groups[it->idx];
		if (strcasecmp(prop, "id") == 0)
			return g->id;
		if (strcasecmp(prop, "displayName") == 0)
			return g->display_name;
		if (strcasecmp(prop, "mailNickname") == 0)
			return g->mail_nickname;
		return NULL;
	}
	u = &tenant.users[it->idx];
	if (strcasecmp(prop, "id") == 0)
		return u->id;
	if (strcasecmp(prop, "displayName") == 0)
		return u->display_name;
	if (strcasecmp(prop, "mail") == 0)
		return u->mail;
	if (strcasecmp(prop, "userPrincipalName") == 0)
		return u->upn;
	if (strcasecmp(prop, "givenName") == 0)
		return u->given_name;
	if (strcasecmp(prop, "surname") == 0)
		return u->surname;
	if (strcasecmp(prop, "jobTitle") == 0)
		return u->job_title;
	if (strcasecmp(prop, "department") == 0)
		return u->department;
	return NULL;
}

/* Whether hay contains needle, ignoring ASCII case. */
static int
dir_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	}
	return n == 0;
}

/* Whether one condition holds. */
static int
dir_cond_holds(const struct dir_cond *c, const struct dir_item *it)
{
	const char *v = dir_value(it, c->prop);
	size_t i;

	if (v == NULL)
		return 0;
	switch (c->kind) {
	case COND_STARTS:
		return strncasecmp(v, c->vals[0], strlen(c->vals[0])) == 0;
	case COND_EQ:
		return strcasecmp(v, c->vals[0]) == 0;
	case COND_IN:
		for (i = 0; i < c->nvals; i++) {
			if (strcasecmp(v, c->vals[i]) == 0)
				return 1;
		}
		return 0;
	case COND_CONTAINS:
		return dir_contains(v, c->vals[0]);
	}
	return 0;
}

/* Whether a filter holds (or of and-groups); an empty filter holds. */
static int
dir_filter_holds(const struct dir_filter *f, const struct dir_item *it)
{
	size_t i;
	int group = 1;

	if (f->n == 0)
		return 1;
	for (i = 0; i < f->n; i++) {
		if (group && !dir_cond_holds(&f->c[i], it))
			group = 0;
		if (f->c[i].or_next || i + 1 == f->n) {
			if (group)
				return 1;
			group = 1;
		}
	}
	return 0;
}

/* Parse $select for users and/or groups. */
static int
dir_parse_select(const char *s, int users, int groups, struct dir_select *sel,
    char **cause)
{
	char *copy, *tok, *save;
	size_t i;
	int u, g;

	sel->n = 0;
	sel->given = 0;
	if (s == NULL)
		return 0;
	copy = xstrdup(s);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		u = g = -1;
		for (i = 0; users && i < UP__COUNT; i++) {
			if (strcasecmp(tok, dir_uprops[i]) == 0)
				u = (int)i;
		}
		for (i = 0; groups && i < GP__COUNT; i++) {
			if (strcasecmp(tok, dir_gprops[i]) == 0)
				g = (int)i;
		}
		if (u == -1 && g == -1) {
			xasprintf(cause,
			    "Could not find a property named '%s' "
			    "on type 'Microsoft.DirectoryServices.%s'.",
			    tok, users ? "User" : "Group");
			free(copy);
			return -1;
		}
		if (sel->n < 32) {
			sel->user[sel->n] = u;
			sel->group[sel->n] = g;
			sel->n++;
		}
	}
	free(copy);
	sel->given = sel->n > 0;
	return 0;
}

/* Append a user property. */
static void
dir_uprop(struct jbuf *b, const struct user *u, int p)
{
	jbuf_str(b, dir_uprops[p]);
	jbuf_addc(b, ':');
	switch (p) {
	case UP_ID:
		jbuf_str(b, u->id);
		break;
	case UP_DISPLAY_NAME:
		jbuf_str(b, u->display_name);
		break;
	case UP_GIVEN_NAME:
		jbuf_str(b, u->given_name);
		break;
	case UP_SURNAME:
		jbuf_str(b, u->surname);
		break;
	case UP_UPN:
		jbuf_str(b, u->upn);
		break;
	case UP_MAIL:
		jbuf_str(b, u->mail);
		break;
	case UP_JOB_TITLE:
		jbuf_str(b, u->job_title);
		break;
	case UP_DEPARTMENT:
		jbuf_str(b, u->department);
		break;
	case UP_OFFICE:
		jbuf_str(b, u->office);
		break;
	case UP_MOBILE:
		jbuf_str_or_null(b, u->mobile[0] != '\0' ? u->mobile : NULL);
		break;
	case UP_PHONES:
		jbuf_addc(b, '[');
		jbuf_str(b, u->phone);
		jbuf_addc(b, ']');
		break;
	case UP_LANGUAGE:
		jbuf_str(b, u->locale);
		break;
	case UP_ENABLED:
		jbuf_adds(b, "true");
		break;
	}
}

/* Append a group property. */
static void
dir_gprop(struct jbuf *b, const struct group *g, int p)
{
	jbuf_str(b, dir_gprops[p]);
	jbuf_addc(b, ':');
	switch (p) {
	case GP_ID:
		jbuf_str(b, g->id);
		break;
	case GP_DISPLAY_NAME:
		jbuf_str(b, g->display_name);
		break;
	case GP_DESCRIPTION:
		jbuf_str(b, g->description);
		break;
	case GP_MAIL:
		if (g->unified)
			jbuf_printf(b, "\"%s@%s\"", g->mail_nickname,
			    tenant.domain);
		else
			jbuf_adds(b, "null");
		break;
	case GP_MAIL_ENABLED:
		jbuf_adds(b, g->unified ? "true" : "false");
		break;
	case GP_MAIL_NICKNAME:
		jbuf_str(b, g->mail_nickname);
		break;
	case GP_SECURITY_ENABLED:
		jbuf_adds(b, g->unified ? "false" : "true");
		break;
	case GP_GROUP_TYPES:
		jbuf_adds(b, g->unified ? "[\"Unified\"]" : "[]");
		break;
	case GP_VISIBILITY:
		jbuf_adds(b, g->unified ? "\"Private\"" : "null");
		break;
	}
}

/* Append an item as a JSON object; typed adds its @odata.type. */
static void
dir_item_json(struct jbuf *b, const struct dir_item *it,
    const struct dir_select *sel, int typed)
{
	size_t i;
	int first = 1;

	jbuf_addc(b, '{');
	if (typed) {
		jbuf_adds(b,
		    it->is_group ? "\"@odata.type\":\"#microsoft.graph.group\""
		                 : "\"@odata.type\":\"#microsoft.graph.user\"");
		first = 0;
	}
	if (it->is_group) {
		for (i = 0; i < (sel->given ? sel->n : GP__COUNT); i++) {
			int p = sel->given ? sel->group[i] : (int)i;

			if (p < 0)
				continue;
			if (!first)
				jbuf_addc(b, ',');
			first = 0;
			dir_gprop(b, &tenant.groups[it->idx], p);
		}
	} else {
		size_t n = sizeof dir_udefault / sizeof dir_udefault[0];

		for (i = 0; i < (sel->given ? sel->n : n); i++) {
			int p = sel->given ? sel->user[i] : dir_udefault[i];

			if (p < 0)
				continue;
			if (!first)
				jbuf_addc(b, ',');
			first = 0;
			dir_uprop(b, &tenant.users[it->idx], p);
		}
	}
	jbuf_addc(b, '}');
}

/* Whether ConsistencyLevel: eventual was sent. */
static int
dir_eventual(const struct req *req)
{
	const char *h = req_header(req, "ConsistencyLevel");

	return h != NULL && strcasecmp(h, "eventual") == 0;
}

/* Parse the query options of a list; answers 400 and returns -1. */
static int
dir_query(struct req *req, struct resp *resp, int users, int groups,
    struct dir_query *q)
{
	const char *v, *code = NULL;
	char *cause = NULL, *end;
	unsigned long long pos;
	long top;
	size_t i;

	memset(q, 0, sizeof *q);
	q->top = DIR_TOP_DEFAULT;
	for (i = 0; i < req->nargs; i++) {
		const char *k = req->args[i].key;

		if (strcasecmp(k, "$skip") == 0) {
			resp_error(resp, req, 400, "Request_BadRequest",
			    "'$skip' is not supported by the service.");
			return -1;
		}
		if (strcasecmp(k, "$expand") == 0) {
			resp_error(resp, req, 400, "Request_UnsupportedQuery",
			    "'$expand' is not supported by graphsim.");
			return -1;
		}
	}
	if ((v = req_arg(req, "$top")) != NULL) {
		top = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || top < 1 ||
		    top > DIR_TOP_MAX) {
			resp_error(resp, req, 400, "Request_BadRequest",
			    "Invalid page size specified: '%s'. Must be "
			    "between 1 and %d inclusive.",
			    v, DIR_TOP_MAX);
			return -1;
		}
		q->top = (size_t)top;
	}
	if ((v = req_arg(req, "$count")) != NULL) {
		if (strcasecmp(v, "true") != 0 && strcasecmp(v, "false") != 0) {
			resp_error(resp, req, 400, "Request_BadRequest",
			    "Invalid value '%s' for $count.", v);
			return -1;
		}
		q->count = strcasecmp(v, "true") == 0;
	}
	if ((q->count || req_arg(req, "$search") != NULL) &&
	    !dir_eventual(req)) {
		resp_error(resp, req, 400, "Request_UnsupportedQuery",
		    "Request with $search or $count query parameter only "
		    "works through MSGraph with a special request header: "
		    "'ConsistencyLevel: eventual'");
		return -1;
	}
	if (dir_parse_select(req_arg(req, "$select"), users, groups, &q->sel,
	        &cause) != 0) {
		resp_error(resp, req, 400, "Request_BadRequest", "%s", cause);
		free(cause);
		return -1;
	}
	if ((v = req_arg(req, "$filter")) != NULL &&
	    dir_parse_filter(v, !users, &q->filter, &code, &cause) != 0) {
		resp_error(resp, req, 400, code, "%s", cause);
		free(cause);
		dir_filter_done(&q->filter);
		return -1;
	}
	if ((v = req_arg(req, "$search")) != NULL &&
	    dir_parse_search(v, &q->search, &cause) != 0) {
		resp_error(resp, req, 400, "Request_UnsupportedQuery", "%s",
		    cause);
		free(cause);
		dir_filter_done(&q->filter);
		dir_filter_done(&q->search);
		return -1;
	}
	if ((v = req_arg(req, "$skiptoken")) != NULL) {
		if (strncmp(v, DIR_TOKEN_PREFIX, strlen(DIR_TOKEN_PREFIX)) !=
		        0 ||
		    (pos = strtoull(v + strlen(DIR_TOKEN_PREFIX), &end, 16),
		        *end != '\0')) {
			resp_error(resp, req, 400, "Request_BadRequest",
			    "The specified page token value has expired or "
			    "is invalid.");
			dir_filter_done(&q->filter);
			dir_filter_done(&q->search);
			return -1;
		}
		q->pos = (size_t)pos;
	}
	return 0;
}

/* Append the @odata.nextLink for position pos. */
static void
dir_next_link(struct jbuf *b, const struct req *req, size_t pos)
{
	size_t i;

	jbuf_adds(b, ",\"@odata.nextLink\":\"");
	jbuf_adds(b, server_base());
	jbuf_addc(b, '/');
	jbuf_adds(b, req->version);
	server_url_encode(b, req->path, SERVER_KEEP_DOLLAR | SERVER_KEEP_SLASH);
	jbuf_addc(b, '?');
	for (i = 0; i < req->nargs; i++) {
		if (strcasecmp(req->args[i].key, "$skiptoken") == 0)
			continue;
		server_url_encode(b, req->args[i].key, SERVER_KEEP_DOLLAR);
		jbuf_addc(b, '=');
		server_url_encode(b, req->args[i].value, 0);
		jbuf_addc(b, '&');
	}
	jbuf_printf(b, "$skiptoken=%s%llx\"", DIR_TOKEN_PREFIX,
	    (unsigned long long)pos);
}

/* The item at position i: from items, or user i, or group i. */
static struct dir_item
dir_at(const struct dir_item *items, int groups, size_t i)
{
	struct dir_item it;

	if (items != NULL)
		return items[i];
	it.is_group = groups;
	it.idx = i;
	return it;
}

/* Answer a page of a list of n items (items NULL: all users or groups). */
static void
dir_page(struct req *req, struct resp *resp, struct dir_query *q,
    const struct dir_item *items, size_t n, int groups, const char *ctx,
    int typed)
{
	struct jbuf *b = &resp->body;
	struct dir_item it;
	size_t i, shown = 0, total = 0, next = 0;
	int more = 0;

	resp_json(resp, 200);
	jbuf_reserve(b, q->top * 300);
	jbuf_printf(b, "{\"@odata.context\":\"%s/%s/$metadata#%s",
	    server_base(), req->version, ctx);
	if (q->sel.given && items == NULL) {
		jbuf_addc(b, '(');
		jbuf_adds(b, req_arg(req, "$select"));
		jbuf_addc(b, ')');
	}
	jbuf_addc(b, '"');
	if (q->count) {
		for (i = 0; i < n; i++) {
			it = dir_at(items, groups, i);
			if (dir_filter_holds(&q->filter, &it) &&
			    dir_filter_holds(&q->search, &it))
				total++;
		}
		jbuf_printf(b, ",\"@odata.count\":%zu", total);
	}
	jbuf_adds(b, ",\"value\":[");
	for (i = q->pos; i < n; i++) {
		it = dir_at(items, groups, i);
		if (!dir_filter_holds(&q->filter, &it) ||
		    !dir_filter_holds(&q->search, &it))
			continue;
		if (shown == q->top) {
			more = 1;
			next = i;
			break;
		}
		if (shown > 0)
			jbuf_addc(b, ',');
		dir_item_json(b, &it, &q->sel, typed);
		shown++;
	}
	jbuf_addc(b, ']');
	if (more)
		dir_next_link(b, req, next);
	jbuf_addc(b, '}');
}

/* Free a query. */
static void
dir_query_done(struct dir_query *q)
{
	dir_filter_done(&q->filter);
	dir_filter_done(&q->search);
}

/* Answer one item with its @odata.context. */
static void
dir_entity(struct req *req, struct resp *resp, const struct dir_item *it,
    const struct dir_select *sel, const char *set)
{
	struct jbuf obj;

	jbuf_init(&obj);
	dir_item_json(&obj, it, sel, 0);
	resp_json(resp, 200);
	jbuf_printf(&resp->body,
	    "{\"@odata.context\":\"%s/%s/$metadata#"
	    "%s/$entity\"",
	    server_base(), req->version, set);
	if (obj.len > 2) {
		jbuf_addc(&resp->body, ',');
		jbuf_add(&resp->body, obj.p + 1, obj.len - 1);
	} else
		jbuf_addc(&resp->body, '}');
	jbuf_done(&obj);
}

/* GET /users. */
void
directory_users(struct req *req, struct resp *resp)
{
	struct dir_query q;

	if (dir_query(req, resp, 1, 0, &q) != 0)
		return;
	dir_page(req, resp, &q, NULL, tenant.nusers, 0, "users", 0);
	dir_query_done(&q);
}

/* GET /users/$count: a plain-text number. */
void
directory_users_count(struct req *req, struct resp *resp)
{
	struct dir_query q;
	struct dir_item it;
	size_t i, n = 0;

	if (!dir_eventual(req)) {
		resp_error(resp, req, 400, "Request_BadRequest",
		    "Count is not "
		    "currently supported without the header "
		    "'ConsistencyLevel: eventual'.");
		return;
	}
	if (dir_query(req, resp, 1, 0, &q) != 0)
		return;
	for (i = 0; i < tenant.nusers; i++) {
		it.is_group = 0;
		it.idx = i;
		if (dir_filter_holds(&q.filter, &it) &&
		    dir_filter_holds(&q.search, &it))
			n++;
	}
	resp->status = 200;
	resp->has_body = 1;
	resp->content_type = "text/plain";
	jbuf_printf(&resp->body, "%zu", n);
	dir_query_done(&q);
}

/* GET /users/{id or userPrincipalName}. */
void
directory_user(struct req *req, struct resp *resp)
{
	struct dir_select sel;
	struct dir_item it;
	char *cause = NULL;
	long idx;

	if (dir_parse_select(req_arg(req, "$select"), 1, 0, &sel, &cause) !=
	    0) {
		resp_error(resp, req, 400, "Request_BadRequest", "%s", cause);
		free(cause);
		return;
	}
	if ((idx = tenant_find_user(req->params[0])) == -1) {
		resp_error(resp, req, 404, "Request_ResourceNotFound",
		    "Resource '%s' does not exist or one of its queried "
		    "reference-property objects are not present.",
		    req->params[0]);
		return;
	}
	it.is_group = 0;
	it.idx = (size_t)idx;
	dir_entity(req, resp, &it, &sel, "users");
}

/* GET /groups. */
void
directory_groups(struct req *req, struct resp *resp)
{
	struct dir_query q;

	if (dir_query(req, resp, 0, 1, &q) != 0)
		return;
	dir_page(req, resp, &q, NULL, tenant.ngroups, 1, "groups", 0);
	dir_query_done(&q);
}

/* The group named by {id}; answers 404 and returns -1 when unknown. */
static long
dir_group(struct req *req, struct resp *resp)
{
	long g = tenant_find_group(req->params[0]);

	if (g == -1)
		resp_error(resp, req, 404, "Request_ResourceNotFound",
		    "Resource '%s' does not exist or one of its queried "
		    "reference-property objects are not present.",
		    req->params[0]);
	return g;
}

/* GET /groups/{id}. */
void
directory_group(struct req *req, struct resp *resp)
{
	struct dir_select sel;
	struct dir_item it;
	char *cause = NULL;
	long g;

	if (dir_parse_select(req_arg(req, "$select"), 0, 1, &sel, &cause) !=
	    0) {
		resp_error(resp, req, 400, "Request_BadRequest", "%s", cause);
		free(cause);
		return;
	}
	if ((g = dir_group(req, resp)) == -1)
		return;
	it.is_group = 1;
	it.idx = (size_t)g;
	dir_entity(req, resp, &it, &sel, "groups");
}

/* Answer a members list. */
static void
dir_members(struct req *req, struct resp *resp, struct dir_item *items,
    size_t n)
{
	struct dir_query q;

	if (dir_query(req, resp, 1, 1, &q) != 0)
		return;
	dir_page(req, resp, &q, items, n, 0, "directoryObjects", 1);
	dir_query_done(&q);
}

/* GET /groups/{id}/members: users, then nested groups. */
void
directory_members(struct req *req, struct resp *resp)
{
	struct dir_item *items;
	const struct group *g;
	size_t n = 0, i;
	long gi;

	if ((gi = dir_group(req, resp)) == -1)
		return;
	g = &tenant.groups[gi];
	items = xcalloc(g->nusers + g->ngroups + 1, sizeof *items);
	for (i = 0; i < g->nusers; i++) {
		items[n].is_group = 0;
		items[n++].idx = g->users[i];
	}
	for (i = 0; i < g->ngroups; i++) {
		items[n].is_group = 1;
		items[n++].idx = g->groups[i];
	}
	dir_members(req, resp, items, n);
	free(items);
}

/* Collect the transitive members of group gi, each once. */
static void
dir_walk(size_t gi, unsigned char *useen, unsigned char *gseen,
    struct dir_item *users, size_t *nu, struct dir_item *groups, size_t *ng)
{
	const struct group *g = &tenant.groups[gi];
	size_t i, x;

	for (i = 0; i < g->nusers; i++) {
		x = g->users[i];
		if (useen[x / 8] & (1 << (x % 8)))
			continue;
		useen[x / 8] |= (unsigned char)(1 << (x % 8));
		users[*nu].is_group = 0;
		users[(*nu)++].idx = x;
	}
	for (i = 0; i < g->ngroups; i++) {
		x = g->groups[i];
		if (gseen[x / 8] & (1 << (x % 8)))
			continue;
		gseen[x / 8] |= (unsigned char)(1 << (x % 8));
		groups[*ng].is_group = 1;
		groups[(*ng)++].idx = x;
		dir_walk(x, useen, gseen, users, nu, groups, ng);
	}
}

/* GET /groups/{id}/transitiveMembers: all users, then all groups. */
void
directory_transitive(struct req *req, struct resp *resp)
{
	unsigned char *useen, *gseen;
	struct dir_item *items, *groups;
	size_t nu = 0, ng = 0;
	long gi;

	if ((gi = dir_group(req, resp)) == -1)
		return;
	useen = xcalloc(tenant.nusers / 8 + 1, 1);
	gseen = xcalloc(tenant.ngroups / 8 + 1, 1);
	items = xcalloc(tenant.nusers + tenant.ngroups + 1, sizeof *items);
	groups = xcalloc(tenant.ngroups + 1, sizeof *groups);
	gseen[gi / 8] |= (unsigned char)(1 << (gi % 8));
	dir_walk((size_t)gi, useen, gseen, items, &nu, groups, &ng);
	memcpy(items + nu, groups, ng * sizeof *groups);
	dir_members(req, resp, items, nu + ng);
	free(groups);
	free(items);
	free(useen);
	free(gseen);
}
