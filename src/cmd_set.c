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

#include "cfg.h"
#include "cmd.h"
#include "graph.h"
#include "presence.h"
#include "roster.h"
#include "xmalloc.h"

/* What a writing command does to one user. */
enum cmd_set_op {
	CMD_SET_PRESENCE,
	CMD_SET_CLEAR,
	CMD_SET_PREFER,
	CMD_SET_UNPREFER
};

/* The past-tense report of an operation, for the terminal. */
static const char *
cmd_set_done_word(enum cmd_set_op op)
{
	switch (op) {
	case CMD_SET_PRESENCE:
		return "presence set";
	case CMD_SET_CLEAR:
		return "presence session cleared";
	case CMD_SET_PREFER:
		return "preferred presence set";
	case CMD_SET_UNPREFER:
		return "preferred presence cleared";
	}
	return "done";
}

/* Run one writing operation on each user named. */
static int
cmd_set_run(struct cmd_args *args, const char *name, enum cmd_set_op op)
{
	const struct cmd_entry *ce = cmd_find(name);
	struct graph *g;
	struct graph_error e;
	long secs = 0;
	char *cause = NULL, *id;
	int i, rc = 0, r;

	if (args->argc < 1)
		return cmd_usage_error(ce, "no user given");
	if (op == CMD_SET_PRESENCE || op == CMD_SET_PREFER) {
		if (args->availability == NULL || args->activity == NULL)
			return cmd_usage_error(ce,
			    "--availability and "
			    "--activity are both needed");
	} else if (args->availability != NULL || args->activity != NULL ||
	    args->expires != NULL)
		return cmd_usage_error(ce, "%s takes no presence or expiry",
		    name);
	if (args->session != NULL && op != CMD_SET_PRESENCE &&
	    op != CMD_SET_CLEAR)
		return cmd_usage_error(ce, "%s takes no --session", name);
	if (args->expires != NULL &&
	    cmd_parse_duration(args->expires, &secs, &cause) != 0) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}

	graph_error_init(&e);
	if ((op == CMD_SET_PRESENCE || op == CMD_SET_PREFER) &&
	    graph_validate(op == CMD_SET_PREFER, args->availability,
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
		switch (op) {
		case CMD_SET_PRESENCE:
			r = graph_set_presence(g, id, args->session,
			    args->availability, args->activity, secs, &e);
			break;
		case CMD_SET_CLEAR:
			r = graph_clear_presence(g, id, args->session, &e);
			break;
		case CMD_SET_PREFER:
			r = graph_set_preferred(g, id, args->availability,
			    args->activity, secs, &e);
			break;
		case CMD_SET_UNPREFER:
			r = graph_clear_preferred(g, id, &e);
			break;
		default:
			r = -1;
			break;
		}
		free(id);
		if (r != 0) {
			r = cmd_fail(name, &e);
			graph_error_done(&e);
			if (rc == 0)
				rc = r;
			continue;
		}
		if (args->format == CMD_FORMAT_TABLE)
			printf("%s: %s\n", args->argv[i],
			    cmd_set_done_word(op));
	}
	graph_free(g);
	return rc;
}

/* teamtop set USER --availability A --activity B [--expires D]. */
int
cmd_set_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "set", CMD_SET_PRESENCE);
}

/* teamtop clear USER [--session ID]. */
int
cmd_clear_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "clear", CMD_SET_CLEAR);
}

/* teamtop prefer USER --availability A --activity B [--expires D]. */
int
cmd_prefer_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "prefer", CMD_SET_PREFER);
}

/* teamtop unprefer USER. */
int
cmd_unprefer_exec(struct cmd_args *args)
{
	return cmd_set_run(args, "unprefer", CMD_SET_UNPREFER);
}

/* teamtop status USER [--expires WHEN] MESSAGE. */
int
cmd_status_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("status");
	struct graph *g;
	struct graph_error e;
	time_t when = 0;
	char *cause = NULL, *id;
	int rc = 0;

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
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	graph_error_init(&e);
	if (roster_resolve_id(g, args->argv[0], &id, &e) != 0)
		rc = cmd_fail("status", &e);
	else {
		if (graph_set_status(g, id, args->argv[1], when, &e) != 0)
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
