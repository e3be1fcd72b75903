/*
 * teamtop history: the presence history the dashboard recorded, for some
 * people and a period (a table, --json or --csv), and --forget to delete a
 * person's records.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cfg.h"
#include "cmd.h"
#include "duration.h"
#include "graph.h"
#include "history.h"
#include "output.h"
#include "roster.h"
#include "user.h"
#include "xmalloc.h"

/* The columns of the output. */
static const char *const cmd_history_headers[] = { "time", "user",
	"availability", "activity", "statusMessage", "outOfOffice",
	"workLocation" };
#define CMD_HISTORY_COLUMNS                                                    \
	((int)(sizeof cmd_history_headers / sizeof cmd_history_headers[0]))

/* Add one person's states to the table. */
void
cmd_history_rows(struct table *t, const struct user *u,
    const struct history_list *l, int local)
{
	const char *row[CMD_HISTORY_COLUMNS];
	char when[32];
	struct tm tm;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (local) {
			localtime_r(&l->v[i].at, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		} else {
			gmtime_r(&l->v[i].at, &tm);
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		}
		row[0] = when;
		row[1] = u->upn != NULL ? u->upn : u->id;
		row[2] = l->v[i].availability;
		row[3] = l->v[i].activity;
		row[4] = l->v[i].status;
		row[5] = l->v[i].ooo < 0 ? NULL
		    : l->v[i].ooo        ? "true"
		                         : "false";
		row[6] = l->v[i].location;
		table_add_row(t, row);
	}
}

/* teamtop history USER... [--since W] [--until W] or --forget USER... */
int
cmd_history_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("history");
	struct roster_missing missing;
	struct history_list l;
	struct user_list users;
	struct graph_error e;
	struct history *h;
	struct graph *g;
	struct table *t;
	time_t now = time(NULL), since = 0, until = 0;
	char *cause = NULL;
	size_t i;
	long n;
	int rc = 0;

	if (args->argc < 1)
		return cmd_usage_error(ce, "no user given");
	if ((args->since != NULL &&
	        duration_parse_ago(args->since, now, &since, &cause) != 0) ||
	    (args->until != NULL &&
	        duration_parse_ago(args->until, now, &until, &cause) != 0)) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}
	if ((h = history_open(HISTORY_FILE(args->cfg->demo),
	         args->cfg->history_days, &cause)) == NULL) {
		fprintf(stderr, "teamtop history: %s\n", cause);
		free(cause);
		return 2;
	}
	if ((g = cmd_graph(args, &rc)) == NULL) {
		history_close(h);
		return rc;
	}
	memset(&users, 0, sizeof users);
	memset(&missing, 0, sizeof missing);
	graph_error_init(&e);
	if (roster_resolve_users(g, (const char *const *)args->argv,
	        (size_t)args->argc, &users, &missing, &e) != 0) {
		rc = cmd_fail("history", &e);
		goto out;
	}
	for (i = 0; i < missing.n; i++) {
		fprintf(stderr,
		    "teamtop history: no user '%s' in the directory\n",
		    args->argv[missing.v[i]]);
		rc = 1;
	}
	if (args->forget) {
		for (i = 0; i < users.n; i++) {
			if ((n = history_forget(h, users.v[i].id, &cause)) < 0)
				goto fail;
			printf("%s: %ld records forgotten\n",
			    users.v[i].upn != NULL ? users.v[i].upn
			                           : users.v[i].id,
			    n);
		}
		goto out;
	}
	t = table_new(CMD_HISTORY_COLUMNS, cmd_history_headers);
	for (i = 0; i < users.n; i++) {
		memset(&l, 0, sizeof l);
		if (history_list(h, users.v[i].id, since, until, &l, &cause) !=
		    0) {
			history_list_done(&l);
			table_free(t);
			goto fail;
		}
		cmd_history_rows(t, &users.v[i], &l,
		    args->format == CMD_FORMAT_TABLE);
		history_list_done(&l);
	}
	if (cmd_print_table(args, t) != 0 && rc == 0)
		rc = 1;
	table_free(t);
	goto out;
fail:
	fprintf(stderr, "teamtop history: %s\n", cause);
	free(cause);
	rc = 2;
out:
	roster_missing_done(&missing);
	graph_error_done(&e);
	user_list_done(&users);
	graph_free(g);
	history_close(h);
	return rc;
}
