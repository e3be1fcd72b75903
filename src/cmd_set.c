/*
 * The writing commands: set and clear (the app's presence session), prefer
 * and unprefer (the user's preferred presence) and status (the status
 * message). The pair and the duration are checked before anything is sent.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "cfg.h"
#include "cmd.h"
#include "graph.h"
#include "presence.h"
#include "roster.h"
#include "xmalloc.h"

/* Run one writing operation on each user named. */
static int
cmd_set_run(struct cmd_args *args, const char *name, enum action_kind op)
{
	const struct cmd_entry *ce = cmd_find(name);
	struct graph *g;
	struct graph_error e;
	struct action a;
	long secs = 0;
	char *cause = NULL, *id;
	int i, rc = 0, r;

	if (args->argc < 1)
		return cmd_usage_error(ce, "no user given");
	if (op == ACTION_SET_PRESENCE || op == ACTION_SET_PREFERRED) {
		if (args->availability == NULL || args->activity == NULL)
			return cmd_usage_error(ce,
			    "--availability and "
			    "--activity are both needed");
	} else if (args->availability != NULL || args->activity != NULL ||
	    args->expires != NULL)
		return cmd_usage_error(ce, "%s takes no presence or expiry",
		    name);
	if (args->session != NULL && op != ACTION_SET_PRESENCE &&
	    op != ACTION_CLEAR_PRESENCE)
		return cmd_usage_error(ce, "%s takes no --session", name);
	if (args->expires != NULL &&
	    cmd_parse_duration(args->expires, &secs, &cause) != 0) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}

	graph_error_init(&e);
	if ((op == ACTION_SET_PRESENCE || op == ACTION_SET_PREFERRED) &&
	    graph_validate(op == ACTION_SET_PREFERRED, args->availability,
	        args->activity, secs, &e) != 0) {
		rc = cmd_fail(name, &e);
		graph_error_done(&e);
		return rc;
	}

	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	for (i = 0; i < args->argc; i++) {
		if (roster_resolve_id(g, args->argv[i], &id, &e) != 0) {
			r = cmd_fail(name, &e);
			graph_error_done(&e);
			if (rc == 0)
				rc = r;
			continue;
		}
		memset(&a, 0, sizeof a);
		a.kind = op;
		a.id = id;
		a.session = args->session;
		a.availability = args->availability;
		a.activity = args->activity;
		a.expiry_seconds = secs;
		r = action_perform(g, &a, NULL, &e);
		free(id);
		if (r != 0) {
			r = cmd_fail(name, &e);
			graph_error_done(&e);
			if (rc == 0)
				rc = r;
			continue;
		}
		if (args->format == CMD_FORMAT_TABLE)
			printf("%s: %s\n", args->argv[i], action_done_word(op));
	}
	graph_free(g);
	return rc;
}

/* teamtop set USER --availability A --activity B [--expires D]. */
int
cmd_set_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "set", ACTION_SET_PRESENCE);
}

/* teamtop clear USER [--session ID]. */
int
cmd_clear_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "clear", ACTION_CLEAR_PRESENCE);
}

/* teamtop prefer USER --availability A --activity B [--expires D]. */
int
cmd_prefer_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "prefer", ACTION_SET_PREFERRED);
}

/* teamtop unprefer USER. */
int
cmd_unprefer_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "unprefer", ACTION_CLEAR_PREFERRED);
}

/* teamtop status USER [--expires WHEN] MESSAGE. */
int
cmd_status_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("status");
	struct graph *g;
	struct graph_error e;
	struct action a;
	time_t when = 0;
	char *cause = NULL, *id;
	int rc = 0;

	if (args->argc > 2)
		return cmd_usage_error(ce,
		    "the message is one argument: quote it, as in "
		    "teamtop status %s '%s ...'",
		    args->argv[0], args->argv[1]);
	if (args->argc != 2)
		return cmd_usage_error(ce,
		    "a user and a message are needed "
		    "(\"\" clears the message)");
	if (args->availability != NULL || args->activity != NULL ||
	    args->session != NULL)
		return cmd_usage_error(ce, "status takes only --expires");
	if (args->expires != NULL &&
	    cmd_parse_when(args->expires, time(NULL), &when, &cause) != 0) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}
	if (presence_check_status(args->argv[1], &cause) != 0) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	graph_error_init(&e);
	if (roster_resolve_id(g, args->argv[0], &id, &e) != 0)
		rc = cmd_fail("status", &e);
	else {
		memset(&a, 0, sizeof a);
		a.kind = ACTION_SET_STATUS;
		a.id = id;
		a.message = args->argv[1];
		a.expiry = when;
		if (action_perform(g, &a, NULL, &e) != 0)
			rc = cmd_fail("status", &e);
		else if (args->format == CMD_FORMAT_TABLE)
			printf("%s: status message %s\n", args->argv[0],
			    *args->argv[1] == '\0' ? "cleared" : "set");
		free(id);
	}
	graph_error_done(&e);
	graph_free(g);
	return rc;
}
