/*
 * teamtop location: one's own work location, through the four methods
 * only a signed-in user may call (setManualLocation, setAutomaticLocation,
 * clearLocation, clearAutomaticLocation), then the location Graph shows.
 * Main thread, no curses.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "audit.h"
#include "cfg.h"
#include "cmd.h"
#include "graph.h"
#include "presence.h"
#include "text.h"
#include "xmalloc.h"

/* Read the location back and say what Graph now shows. */
static void
cmd_location_show(struct graph *g, struct action *a)
{
	struct presence p;
	struct graph_error e;
	char *type, *source, *place;

	graph_error_init(&e);
	memset(&p, 0, sizeof p);
	if (graph_get_me(g, &p, &e) != 0) {
		graph_error_done(&e);
		return;
	}
	if (p.id != NULL)
		a->id = xstrdup(p.id);
	type = text_sanitize(p.work_location_type != NULL ? p.work_location_type
	                                                  : "unspecified");
	source = text_sanitize(
	    p.work_location_source != NULL ? p.work_location_source : "none");
	place = p.work_location_place != NULL
	    ? text_sanitize(p.work_location_place)
	    : NULL;
	printf("Your work location is now %s (source %s%s%s).\n", type, source,
	    place != NULL ? ", place " : "", place != NULL ? place : "");
	if (a->kind == ACTION_SET_AUTOMATIC_LOCATION &&
	    p.work_location_source != NULL &&
	    strcmp(p.work_location_source, "manual") == 0)
		printf("A location you set for today (--until-today) "
		       "wins over the automatic one until the day ends or "
		       "'teamtop location clear'.\n");
	free(type);
	free(source);
	free(place);
	presence_done(&p);
	graph_error_done(&e);
}

/* teamtop location set TYPE [--place ID] [--until-today] | clear. */
int
cmd_location_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("location");
	struct action a;
	struct graph_error e;
	struct graph *g;
	const char *word;
	char *cause = NULL, *id = NULL;
	int rc, set;

	if (args->argc < 1)
		return cmd_usage_error(ce, "set or clear?");
	set = strcmp(args->argv[0], "set") == 0;
	if (!set && strcmp(args->argv[0], "clear") != 0)
		return cmd_usage_error(ce, "'%s': expected set or clear",
		    args->argv[0]);
	if (set && args->argc != 2)
		return cmd_usage_error(ce,
		    "set takes one work location: office, remote or timeOff");
	if (!set && args->argc != 1)
		return cmd_usage_error(ce, "clear takes no argument");
	if (set && args->automatic)
		return cmd_usage_error(ce, "--automatic goes with clear");
	if (!set && (args->place != NULL || args->until_today))
		return cmd_usage_error(ce,
		    "--place and --until-today go with set");
	if (!cfg_delegated(args->cfg)) {
		fprintf(stderr,
		    "teamtop location: your work location can only be set "
		    "signed in as yourself (Graph does not let an application "
		    "set it): use --auth delegated and teamtop login\n");
		return 2;
	}

	memset(&a, 0, sizeof a);
	if (set) {
		a.kind = args->until_today ? ACTION_SET_LOCATION
		                           : ACTION_SET_AUTOMATIC_LOCATION;
		a.location = args->argv[1];
		a.place = args->place;
	} else
		a.kind = args->automatic ? ACTION_CLEAR_AUTOMATIC_LOCATION
		                         : ACTION_CLEAR_LOCATION;
	graph_error_init(&e);
	if (action_check(&a, &e) != 0) {
		rc = cmd_usage_error(ce, "%s", e.message);
		graph_error_done(&e);
		return rc;
	}
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	if (action_perform(g, &a, NULL, &e) != 0) {
		rc = cmd_fail("location", &e);
		if (audit_append(&a, graph_client_id(g),
		        action_outcome(&a, -1, &e), &e, &cause) != 0) {
			fprintf(stderr, "teamtop location: %s\n", cause);
			free(cause);
		}
	} else {
		word = action_done_word(a.kind);
		if (set)
			printf("%c%s: %s%s%s.\n", toupper((unsigned char)*word),
			    word + 1, a.location,
			    a.place != NULL ? ", place " : "",
			    a.place != NULL ? a.place : "");
		else
			printf("%c%s.\n", toupper((unsigned char)*word),
			    word + 1);
		cmd_location_show(g, &a);
		id = (char *)a.id;
		if (audit_append(&a, graph_client_id(g), 1, NULL, &cause) !=
		    0) {
			fprintf(stderr, "teamtop location: %s\n", cause);
			free(cause);
		}
		rc = 0;
	}
	free(id);
	graph_error_done(&e);
	graph_free(g);
	return rc;
}
