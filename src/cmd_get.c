/*
 * The reading commands: get (named people, or the roster), export (the
 * whole roster with everyone's presence) and me (the signed-in user).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg.h"
#include "cmd.h"
#include "graph.h"
#include "output.h"
#include "presence.h"
#include "roster.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/*
 * Give every user a row, in the users' order: Graph may leave out a person
 * it has no presence for (no Teams licence); they are shown without one.
 */
static void
cmd_get_align(const struct user_list *users, struct presence_list *list)
{
	struct presence_list aligned;
	struct presence *p;
	size_t i, j = 0;

	if (list->n == users->n)
		return;
	memset(&aligned, 0, sizeof aligned);
	for (i = 0; i < users->n; i++) {
		p = presence_list_add(&aligned);
		if (j < list->n && list->v[j].id != NULL &&
		    strcasecmp(list->v[j].id, users->v[i].id) == 0) {
			*p = list->v[j];
			memset(&list->v[j], 0, sizeof list->v[j]);
			j++;
		} else
			p->id = xstrdup(users->v[i].id);
	}
	presence_list_done(list);
	*list = aligned;
}

/*
 * Say on stderr who matched nobody and fill the error records for JSON;
 * refs are the references resolved. Returns the number of records.
 */
static size_t
cmd_get_missing(const char *name, char *const *refs,
    const struct roster_missing *missing, struct output_error **errors,
    char ***messages)
{
	char *clean;
	size_t i;

	*errors = xcalloc(missing->n + 1, sizeof **errors);
	*messages = xcalloc(missing->n + 1, sizeof **messages);
	for (i = 0; i < missing->n; i++) {
		(*messages)[i] = xstrdup(missing->why[i]);
		clean = text_sanitize((*messages)[i]);
		fprintf(stderr, "teamtop %s: %s\n", name, clean);
		free(clean);
		(*errors)[i].user = refs[missing->v[i]];
		(*errors)[i].code = "NotFound";
		(*errors)[i].message = (*messages)[i];
	}
	return missing->n;
}

/*
 * Read the presence of every user in the list and print the rows, with the
 * references that matched nobody (indices into refs) reported: then the
 * status is 1.
 */
static int
cmd_get_print(struct cmd_args *args, const char *name, struct graph *g,
    const struct user_list *users, char *const *refs,
    const struct roster_missing *missing)
{
	struct presence_list list;
	struct output_error *errors;
	struct graph_error e;
	const char **ids;
	char **messages;
	size_t i, nerrors;
	int rc = 0;

	memset(&list, 0, sizeof list);
	graph_error_init(&e);
	ids = xcalloc(users->n > 0 ? users->n : 1, sizeof *ids);
	for (i = 0; i < users->n; i++)
		ids[i] = users->v[i].id;
	if (users->n == 1)
		rc =
		    graph_get_presence(g, ids[0], presence_list_add(&list), &e);
	else if (users->n > 1)
		rc = graph_get_presences(g, ids, users->n, &list, &e);
	free(ids);
	if (rc != 0) {
		rc = cmd_fail(name, &e);
		graph_error_done(&e);
		presence_list_done(&list);
		return rc;
	}
	cmd_get_align(users, &list);
	nerrors = cmd_get_missing(name, refs, missing, &errors, &messages);
	rc = cmd_print(args, users, &list, errors, nerrors);
	if (rc == 0 && nerrors != 0)
		rc = 1;
	for (i = 0; i < nerrors; i++)
		free(messages[i]);
	free(messages);
	free(errors);
	presence_list_done(&list);
	return rc;
}

/* teamtop get [USER...] and export: resolve the people, print them. */
static int
cmd_get_run(struct cmd_args *args, const char *name)
{
	struct roster_missing missing;
	struct user_list users;
	struct graph_error e;
	struct graph *g;
	char *const *refs;
	int rc;

	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	memset(&users, 0, sizeof users);
	memset(&missing, 0, sizeof missing);
	graph_error_init(&e);
	if (args->argc > 0) {
		refs = args->argv;
		rc = roster_resolve_users(g, (const char *const *)refs,
		    (size_t)args->argc, &users, &missing, &e);
	} else {
		refs = args->cfg->users;
		rc = roster_resolve(g, args->cfg, &users, NULL, NULL, &missing,
		    &e);
	}
	if (rc != 0)
		rc = cmd_fail(name, &e);
	else
		rc = cmd_get_print(args, name, g, &users, refs, &missing);
	roster_missing_done(&missing);
	graph_error_done(&e);
	user_list_done(&users);
	graph_free(g);
	return rc;
}

/* teamtop get [USER...]: the presence of people. */
int
cmd_get_exec(struct cmd_args *args)
{
	return cmd_get_run(args, "get");
}

/* Users read a few chunks of Graph's at a time by export. */
#define CMD_EXPORT_BATCH (650 * 8)

/* The state of an export: people found and not yet printed. */
struct cmd_export {
	struct graph *g;
	struct output_stream *os;
	struct user_list pending;
	size_t done; /* People printed. */
};

/*
 * Read and print the first n people pending, as `get` prints them
 * (one person alone is read with GET /users/{id}/presence).
 */
static int
cmd_export_flush(struct cmd_export *x, size_t n, struct graph_error *e)
{
	struct user_list some;
	struct presence_list list;
	const char **ids;
	size_t i;
	int rc;

	if (n == 0)
		return 0;
	memset(&list, 0, sizeof list);
	ids = xcalloc(n, sizeof *ids);
	for (i = 0; i < n; i++)
		ids[i] = x->pending.v[i].id;
	if (n == 1 && x->done == 0 && x->pending.n == 1)
		rc = graph_get_presence(x->g, ids[0], presence_list_add(&list),
		    e);
	else
		rc = graph_get_presences(x->g, ids, n, &list, e);
	free(ids);
	if (rc == 0) {
		memset(&some, 0, sizeof some);
		some.v = x->pending.v;
		some.n = n;
		cmd_get_align(&some, &list);
		output_stream_add(x->os, &some, &list);
		x->done += n;
	}
	presence_list_done(&list);
	for (i = 0; i < n; i++)
		user_done(&x->pending.v[i]);
	memmove(x->pending.v, x->pending.v + n,
	    (x->pending.n - n) * sizeof *x->pending.v);
	x->pending.n -= n;
	return rc;
}

/* Take a part of the roster; print whole chunks' worth when enough. */
static int
cmd_export_page(void *arg, struct user_list *users, struct graph_error *e)
{
	struct cmd_export *x = arg;
	size_t i;

	for (i = 0; i < users->n; i++) {
		*user_list_add(&x->pending) = users->v[i];
		memset(&users->v[i], 0, sizeof users->v[i]);
	}
	users->n = 0;
	if (x->pending.n < CMD_EXPORT_BATCH)
		return 0;
	return cmd_export_flush(x, x->pending.n - x->pending.n % 650, e);
}

/*
 * teamtop export: every person of the roster with their presence, printed
 * a few thousand at a time as the directory's pages come, with exactly
 * the requests and the bytes of printing them all at once.
 */
int
cmd_export_exec(struct cmd_args *args)
{
	struct cmd_export x;
	struct roster_missing missing;
	struct output_error *errors;
	struct output_opts o;
	struct graph_error e;
	char **messages;
	size_t i, nerrors = 0;
	int rc;

	if (args->argc != 0)
		return cmd_usage_error(cmd_find("export"),
		    "too many arguments");
	memset(&x, 0, sizeof x);
	if ((x.g = cmd_graph(args, &rc)) == NULL)
		return rc;
	memset(&missing, 0, sizeof missing);
	graph_error_init(&e);
	cmd_output_opts(args, &o);
	x.os = output_stream_new(stdout, (enum output_format)args->format, &o);
	rc = roster_each(x.g, args->cfg, cmd_export_page, &x, &missing, &e);
	if (rc == 0)
		rc = cmd_export_flush(&x, x.pending.n, &e);
	if (rc != 0) {
		fflush(stdout);
		rc = cmd_fail("export", &e);
		output_stream_free(x.os);
	} else {
		nerrors = cmd_get_missing("export", args->cfg->users, &missing,
		    &errors, &messages);
		rc = output_stream_end(x.os, errors, nerrors);
		if (rc == 0 && nerrors != 0)
			rc = 1;
		for (i = 0; i < nerrors; i++)
			free(messages[i]);
		free(messages);
		free(errors);
	}
	roster_missing_done(&missing);
	graph_error_done(&e);
	user_list_done(&x.pending);
	graph_free(x.g);
	return rc;
}

/* teamtop me: the signed-in user's own presence. */
int
cmd_me_exec(struct cmd_args *args)
{
	struct graph *g;
	struct presence_list list;
	struct graph_error e;
	int rc;

	if (args->argc != 0)
		return cmd_usage_error(cmd_find("me"), "too many arguments");
	if (!cfg_delegated(args->cfg)) {
		fprintf(stderr, "teamtop me: %s\n", GRAPH_ME_APP_ONLY);
		return 2;
	}
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	memset(&list, 0, sizeof list);
	graph_error_init(&e);
	if (graph_get_me(g, presence_list_add(&list), &e) != 0)
		rc = cmd_fail("me", &e);
	else
		rc = cmd_print(args, NULL, &list, NULL, 0);
	graph_error_done(&e);
	presence_list_done(&list);
	graph_free(g);
	return rc;
}
