/*
 * teamtop report: for each person, the time spent in each availability
 * during the working hours of a day, from the presence history the
 * dashboard recorded (a table, --json or --csv).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg.h"
#include "cmd.h"
#include "daybands.h"
#include "duration.h"
#include "graph.h"
#include "history.h"
#include "output.h"
#include "roster.h"
#include "user.h"
#include "xmalloc.h"

/* The columns of the output. */
static const char *const cmd_report_headers[] = { "user", "availability",
	"time", "seconds", "share" };
#define CMD_REPORT_COLUMNS                                                     \
	((int)(sizeof cmd_report_headers / sizeof cmd_report_headers[0]))

/*
 * The people: those named, with --user and --group from the command line;
 * with none of them, the configured roster.
 */
static int
cmd_report_people(struct cmd_args *args, struct graph *g,
    struct user_list *users, struct roster_missing *missing,
    struct graph_error *e)
{
	const struct cfg *cfg = args->cfg;
	struct user_list more;
	struct cfg view;
	const char *o;
	size_t i;
	int rc;

	view = *cfg;
	o = cfg_origin(cfg, "users");
	if (args->argc > 0 && (o == NULL || *o != '-')) {
		view.users = NULL;
		view.nusers = 0;
	}
	o = cfg_origin(cfg, "groups");
	if (args->argc > 0 && (o == NULL || *o != '-')) {
		view.groups = NULL;
		view.ngroups = 0;
	}
	if (args->argc > 0 &&
	    roster_resolve_users(g, (const char *const *)args->argv,
	        (size_t)args->argc, users, missing, e) != 0)
		return -1;
	if (args->argc > 0 && view.nusers == 0 && view.ngroups == 0)
		return 0;
	memset(&more, 0, sizeof more);
	rc = roster_resolve(g, &view, &more, NULL, NULL,
	    args->argc > 0 ? NULL : missing, e);
	for (i = 0; rc == 0 && i < more.n; i++) {
		if (user_list_find(users, more.v[i].id) == NULL)
			user_copy(user_list_add(users), &more.v[i]);
	}
	user_list_done(&more);
	return rc;
}

/* Add one person's day to the table. */
static void
cmd_report_rows(struct table *t, const struct user *u, const struct daybands *d)
{
	const char *row[CMD_REPORT_COLUMNS];
	char time[DURATION_BUFSIZE], secs[32], share[16];
	long total = 0;
	int i;

	for (i = 0; i < DAYBANDS_SLOTS; i++)
		total += d->seconds[i];
	for (i = 0; i < DAYBANDS_SLOTS; i++) {
		if (d->seconds[i] == 0)
			continue;
		duration_format_short(d->seconds[i], time, sizeof time);
		snprintf(secs, sizeof secs, "%ld", d->seconds[i]);
		snprintf(share, sizeof share, "%ld%%",
		    (d->seconds[i] * 100 + total / 2) / total);
		row[0] = u->upn != NULL ? u->upn : u->id;
		row[1] = daybands_slot_name(i);
		row[2] = time;
		row[3] = secs;
		row[4] = share;
		table_add_row(t, row);
	}
}

/* One person's day from the history. */
static int
cmd_report_day(struct history *h, const char *id, const struct workday *w,
    time_t day, const struct history_spans *sp, time_t now, struct daybands *d,
    char **cause)
{
	struct history_list l;
	time_t start, end;

	daybands_hours(w, day, &start, &end);
	memset(&l, 0, sizeof l);
	if (history_day(h, id, start, end, &l, cause) != 0) {
		history_list_done(&l);
		return -1;
	}
	daybands_compute(d, w, day, l.v, l.n, sp->v, sp->n, now);
	history_list_done(&l);
	return 0;
}

/* teamtop report [USER...] [--group G] [--day DATE] */
int
cmd_report_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("report");
	struct roster_missing missing;
	struct history_spans sp;
	struct user_list users;
	struct graph_error e;
	struct daybands d;
	struct workday w;
	struct history *h;
	struct graph *g;
	struct table *t;
	time_t now = time(NULL), day, start, end;
	char *cause = NULL;
	size_t i;
	int rc = 0;

	if (args->day == NULL)
		day = now;
	else if (duration_parse_ago(args->day, now, &day, &cause) != 0) {
		rc = cmd_usage_error(ce, "--day: %s", cause);
		free(cause);
		return rc;
	}
	if (workday_parse(args->cfg->workday, &w, &cause) != 0) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}
	daybands_hours(&w, day, &start, &end);
	if (start >= now)
		return cmd_usage_error(ce,
		    "the working hours of that day have not begun");
	if ((h = history_open(HISTORY_FILE(args->cfg->demo),
	         args->cfg->history_days, &cause)) == NULL) {
		fprintf(stderr, "teamtop report: %s\n", cause);
		free(cause);
		return 2;
	}
	if ((g = cmd_graph(args, &rc)) == NULL) {
		history_close(h);
		return rc;
	}
	memset(&users, 0, sizeof users);
	memset(&missing, 0, sizeof missing);
	memset(&sp, 0, sizeof sp);
	graph_error_init(&e);
	if (cmd_report_people(args, g, &users, &missing, &e) != 0) {
		rc = cmd_fail("report", &e);
		goto out;
	}
	for (i = 0; i < missing.n; i++) {
		fprintf(stderr,
		    "teamtop report: no user '%s' in the directory\n",
		    args->argc > 0 ? args->argv[missing.v[i]]
		                   : args->cfg->users[missing.v[i]]);
		rc = 1;
	}
	if (history_spans(h, start, end, &sp, &cause) != 0)
		goto fail;
	/* A dashboard recording now notes its reach once a refresh. */
	daybands_live(sp.v, sp.n, now, 2 * args->cfg->refresh + 5);
	t = table_new(CMD_REPORT_COLUMNS, cmd_report_headers);
	for (i = 0; i < users.n; i++) {
		if (cmd_report_day(h, users.v[i].id, &w, day, &sp, now, &d,
		        &cause) != 0) {
			table_free(t);
			goto fail;
		}
		cmd_report_rows(t, &users.v[i], &d);
	}
	if (cmd_print_table(args, t) != 0 && rc == 0)
		rc = 1;
	table_free(t);
	goto out;
fail:
	fprintf(stderr, "teamtop report: %s\n", cause);
	free(cause);
	rc = 2;
out:
	history_spans_done(&sp);
	roster_missing_done(&missing);
	graph_error_done(&e);
	user_list_done(&users);
	graph_free(g);
	history_close(h);
	return rc;
}
