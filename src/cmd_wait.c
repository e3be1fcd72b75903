/*
 * teamtop wait: poll the presence of some people (one getPresencesByUserId
 * call for all of them each refresh) until all of them (or, with --any,
 * one) have an availability, printing each change on the way. For
 * scripts: exit 0 when met, 5 on timeout.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "cmd.h"
#include "duration.h"
#include "graph.h"
#include "presence.h"
#include "roster.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* The exit status when the time given runs out. */
#define CMD_WAIT_TIMEOUT 5

/* What is known of each person waited for. */
struct cmd_wait_person {
	const struct user *user;
	char *availability; /* The last seen; NULL before any. */
	char *activity;
};

/* How a person is named in the lines printed. */
static const char *
cmd_wait_who(const struct user *u)
{
	return u->upn != NULL ? u->upn : u->id;
}

/* Print one change (or the first state seen) with the local time. */
static void
cmd_wait_print(const struct cmd_wait_person *w, const struct presence *p,
    time_t now)
{
	char when[16], *line, *clean;
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	if (w->availability == NULL)
		xasprintf(&line, "%s %s: %s/%s", when, cmd_wait_who(w->user),
		    p->availability != NULL ? p->availability : "?",
		    p->activity != NULL ? p->activity : "?");
	else
		xasprintf(&line, "%s %s: %s/%s -> %s/%s", when,
		    cmd_wait_who(w->user), w->availability,
		    w->activity != NULL ? w->activity : "?",
		    p->availability != NULL ? p->availability : "?",
		    p->activity != NULL ? p->activity : "?");
	clean = text_sanitize(line);
	printf("%s\n", clean);
	fflush(stdout);
	free(clean);
	free(line);
}

/*
 * Take a round of presences: print the changes, and say whether the
 * condition is met (all, or with any one, of the people in want).
 */
static int
cmd_wait_round(struct cmd_wait_person *w, size_t n,
    const struct presence_list *pl, enum avail want, int any, time_t now)
{
	const struct presence *p;
	size_t i, k = 0, met = 0;

	/* The answers are in the order of the ids, some left out. */
	for (i = 0; i < n; i++) {
		if (k >= pl->n || pl->v[k].id == NULL ||
		    strcasecmp(pl->v[k].id, w[i].user->id) != 0)
			continue;
		p = &pl->v[k++];
		if (w[i].availability == NULL || p->availability == NULL ||
		    strcmp(w[i].availability, p->availability) != 0 ||
		    (p->activity != NULL &&
		        (w[i].activity == NULL ||
		            strcmp(w[i].activity, p->activity) != 0))) {
			cmd_wait_print(&w[i], p, now);
			free(w[i].availability);
			free(w[i].activity);
			w[i].availability = xstrdup_null(p->availability);
			w[i].activity = xstrdup_null(p->activity);
		}
		if (w[i].availability != NULL &&
		    presence_avail(w[i].availability) == want)
			met++;
	}
	return any ? met > 0 : met == n;
}

/* teamtop wait USER... --until AVAILABILITY [--any] [--timeout D]. */
int
cmd_wait_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("wait");
	struct cmd_wait_person *w = NULL;
	struct roster_missing missing;
	struct presence_list pl;
	struct user_list users;
	struct graph_error e;
	struct graph *g;
	const char **ids = NULL;
	const char *canon;
	enum avail want;
	time_t start = time(NULL), now;
	long timeout = 0, left;
	char *cause = NULL;
	size_t i;
	int rc = 0, met = 0;

	if (args->argc < 1)
		return cmd_usage_error(ce, "no user given");
	if (args->until == NULL)
		return cmd_usage_error(ce, "--until AVAILABILITY is needed");
	canon = presence_canonical(args->until);
	if (canon == NULL || presence_avail(canon) == AVAIL_UNKNOWN)
		return cmd_usage_error(ce,
		    "--until: '%s' is not an availability (Available, Busy, "
		    "DoNotDisturb, BeRightBack, Away, Offline)",
		    args->until);
	want = presence_avail(canon);
	if (args->wait_timeout != NULL &&
	    cmd_parse_duration(args->wait_timeout, &timeout, &cause) != 0) {
		rc = cmd_usage_error(ce, "--timeout: %s", cause);
		free(cause);
		return rc;
	}
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	memset(&users, 0, sizeof users);
	memset(&missing, 0, sizeof missing);
	graph_error_init(&e);
	if (roster_resolve_users(g, (const char *const *)args->argv,
	        (size_t)args->argc, &users, &missing, &e) != 0) {
		rc = cmd_fail("wait", &e);
		goto out;
	}
	for (i = 0; i < missing.n; i++)
		fprintf(stderr, "teamtop wait: no user '%s' in the directory\n",
		    args->argv[missing.v[i]]);
	if (missing.n != 0) {
		rc = 1;
		goto out;
	}
	w = xcalloc(users.n, sizeof *w);
	ids = xcalloc(users.n, sizeof *ids);
	for (i = 0; i < users.n; i++) {
		w[i].user = &users.v[i];
		ids[i] = users.v[i].id;
	}
	for (;;) {
		memset(&pl, 0, sizeof pl);
		graph_error_done(&e);
		graph_error_init(&e);
		if (graph_get_presences(g, ids, users.n, &pl, &e) != 0) {
			rc = cmd_fail("wait", &e);
			presence_list_done(&pl);
			break;
		}
		now = time(NULL);
		met = cmd_wait_round(w, users.n, &pl, want, args->any, now);
		presence_list_done(&pl);
		if (met)
			break;
		left = args->cfg->refresh;
		if (timeout != 0) {
			if (now >= start + timeout) {
				fprintf(stderr,
				    "teamtop wait: not %s%s after %ld s; "
				    "giving up\n",
				    canon, args->any ? " (anyone)" : "",
				    timeout);
				rc = CMD_WAIT_TIMEOUT;
				break;
			}
			/* Look once more when the time given is up. */
			if (start + timeout - now < left)
				left = (long)(start + timeout - now);
		}
		sleep((unsigned int)left);
	}
out:
	for (i = 0; w != NULL && i < users.n; i++) {
		free(w[i].availability);
		free(w[i].activity);
	}
	free(w);
	free(ids);
	roster_missing_done(&missing);
	graph_error_done(&e);
	user_list_done(&users);
	graph_free(g);
	return rc;
}
