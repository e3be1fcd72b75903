/*
 * The writing commands: set and clear (the app's presence session), prefer
 * and unprefer (the user's preferred presence) and status (the status
 * message), on one person or many: the operands, --from FILE and the
 * command line's --user and --group. Everything is checked before anything
 * is sent; each person gets one result line (or JSON record), and one
 * token serves the whole run.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "action.h"
#include "audit.h"
#include "cfg.h"
#include "cmd.h"
#include "graph.h"
#include "http.h"
#include "presence.h"
#include "roster.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* The people a run writes to, and the references that matched nobody. */
struct cmd_set_targets {
	struct user_list users;
	char **refs; /* Of the people named one by one; missing index it. */
	size_t nrefs;
	struct roster_missing missing;
};

/*
 * Record a write in the audit trail (rc is action_perform's); a trail that
 * cannot be written is said on stderr, once, and does not stop the writes.
 */
static void
cmd_set_audit(struct graph *g, const struct action *a, int rc,
    const struct graph_error *e)
{
	static int warned;
	char *cause = NULL;

	if (audit_append(a, graph_client_id(g), action_outcome(a, rc, e), e,
	        &cause) == 0)
		return;
	if (!warned)
		fprintf(stderr, "teamtop: warning: %s\n", cause);
	warned = 1;
	free(cause);
}

/* Free the targets. */
static void
cmd_set_targets_done(struct cmd_set_targets *t)
{
	size_t i;

	user_list_done(&t->users);
	for (i = 0; i < t->nrefs; i++)
		free(t->refs[i]);
	free(t->refs);
	roster_missing_done(&t->missing);
}

/* Add a reference named one by one. */
static void
cmd_set_ref(struct cmd_set_targets *t, const char *ref)
{
	t->refs = xreallocarray(t->refs, t->nrefs + 1, sizeof *t->refs);
	t->refs[t->nrefs++] = xstrdup(ref);
}

/*
 * Read references from a file, one a line ("-" for standard input);
 * blank lines and lines starting with # are skipped.
 */
static int
cmd_set_from(struct cmd_set_targets *t, const char *path, char **cause)
{
	FILE *f;
	char *line = NULL, *s, *e;
	size_t size = 0;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "--from %s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &size, f) != -1) {
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		e = s + strlen(s);
		while (e > s &&
		    (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' ||
		        e[-1] == '\t'))
			*--e = '\0';
		if (*s != '\0' && *s != '#')
			cmd_set_ref(t, s);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

/*
 * Resolve the people to write to: the references (operands and --from)
 * and the --user and --group given on the command line (never the
 * configuration file's roster: a write needs its people named).
 */
static int
cmd_set_resolve(struct cmd_args *args, struct graph *g,
    struct cmd_set_targets *t, struct graph_error *e)
{
	const struct cfg *cfg = args->cfg;
	const char *o;
	struct cfg view;
	struct user_list more;
	size_t i;
	int rc;

	if (t->nrefs != 0 &&
	    roster_resolve_users(g, (const char *const *)t->refs, t->nrefs,
	        &t->users, &t->missing, e) != 0)
		return -1;
	view = *cfg;
	o = cfg_origin(cfg, "users");
	if (o == NULL || *o != '-') {
		view.users = NULL;
		view.nusers = 0;
	}
	o = cfg_origin(cfg, "groups");
	if (o == NULL || *o != '-') {
		view.groups = NULL;
		view.ngroups = 0;
	}
	if (view.nusers == 0 && view.ngroups == 0)
		return 0;
	memset(&more, 0, sizeof more);
	rc = roster_resolve(g, &view, &more, NULL, NULL, NULL, e);
	for (i = 0; rc == 0 && i < more.n; i++) {
		if (user_list_find(&t->users, more.v[i].id) == NULL)
			user_copy(user_list_add(&t->users), &more.v[i]);
	}
	user_list_done(&more);
	return rc;
}

/* How a person is named in the result lines. */
static const char *
cmd_set_who(const struct user *u)
{
	if (u->upn != NULL)
		return u->upn;
	if (u->mail != NULL)
		return u->mail;
	return u->id;
}

/* Print one result record as JSON Lines. */
static void
cmd_set_json(const char *who, const char *id, const struct action *a,
    const char *outcome, const char *body, const struct graph_error *e)
{
	cJSON *root, *err;
	char *s;

	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "user", who);
	if (id != NULL)
		cJSON_AddStringToObject(root, "id", id);
	cJSON_AddStringToObject(root, "method", action_name(a->kind));
	cJSON_AddStringToObject(root, "outcome", outcome);
	if (body != NULL)
		cJSON_AddItemToObject(root, "body", cJSON_Parse(body));
	if (e != NULL) {
		err = cJSON_AddObjectToObject(root, "error");
		if (e->status != 0)
			cJSON_AddNumberToObject(err, "status",
			    (double)e->status);
		if (e->code != NULL)
			cJSON_AddStringToObject(err, "code", e->code);
		s = graph_error_string(e);
		cJSON_AddStringToObject(err, "message", s);
		free(s);
	}
	if ((s = cJSON_PrintUnformatted(root)) == NULL)
		fatal("out of memory");
	printf("%s\n", s);
	free(s);
	cJSON_Delete(root);
}

/* Report a person who could not be written to; returns the status. */
static int
cmd_set_failed(struct cmd_args *args, const char *name, const char *who,
    const char *id, const struct action *a, const struct graph_error *e)
{
	char *s, *clean;

	if (args->format == CMD_FORMAT_JSON)
		cmd_set_json(who, id, a, "failed", NULL, e);
	s = graph_error_string(e);
	xasprintf(&clean, "%s", s);
	free(s);
	s = text_sanitize(clean);
	fprintf(stderr, "teamtop %s: %s: %s\n", name, who, s);
	free(s);
	free(clean);
	return e->kind == GRAPH_OK ? 1 : (int)e->kind;
}

/* Report the outcome of one write to a person; returns the status. */
static int
cmd_set_report(struct cmd_args *args, const char *name, struct graph *g,
    const struct user *u, const struct action *a, int rc,
    const struct graph_error *e)
{
	const char *who = cmd_set_who(u);

	cmd_set_audit(g, a, rc, e);
	if (rc != 0)
		return cmd_set_failed(args, name, who, u->id, a, e);
	if (args->format == CMD_FORMAT_JSON)
		cmd_set_json(who, u->id, a, "done", NULL, NULL);
	else if (args->format == CMD_FORMAT_TABLE)
		printf("%s: %s\n", who,
		    a->kind == ACTION_SET_STATUS &&
		            (a->message == NULL || *a->message == '\0')
		        ? "status message cleared"
		        : action_done_word(a->kind));
	return 0;
}

/* Say what would be sent to each target (--dry-run). */
static void
cmd_set_dry_run(struct cmd_args *args, struct graph *g,
    struct cmd_set_targets *t, struct action *a)
{
	const struct user *u;
	char *body, *clean;
	size_t i;

	body = action_body(a, graph_client_id(g));
	for (i = 0; i < t->users.n; i++) {
		u = &t->users.v[i];
		if (args->format == CMD_FORMAT_JSON) {
			a->id = u->id;
			cmd_set_json(cmd_set_who(u), u->id, a, "dry-run", body,
			    NULL);
			continue;
		}
		clean = text_sanitize(body);
		printf("%s: would send %s %s\n", cmd_set_who(u),
		    action_name(a->kind), clean);
		free(clean);
	}
	free(body);
}

/* Write a (checked) to every target, a group at a time, several at once. */
static int
cmd_set_each(struct cmd_args *args, const char *name, struct graph *g,
    struct cmd_set_targets *t, struct action *a)
{
	struct graph_write w[ACTION_GROUP];
	struct graph_error e;
	struct timespec pause;
	long long start, left;
	char *body;
	size_t i, k, n;
	int rc = 0, r;

	for (i = 0; i < t->missing.n; i++) {
		graph_error_init(&e);
		graph_error_set(&e, GRAPH_ERR_REFUSED, "%s", t->missing.why[i]);
		e.code = xstrdup("NotFound");
		r = cmd_set_failed(args, name, t->refs[t->missing.v[i]], NULL,
		    a, &e);
		if (rc == 0)
			rc = r;
		graph_error_done(&e);
	}
	if (args->dry_run) {
		cmd_set_dry_run(args, g, t, a);
		return rc;
	}
	body = action_body(a, graph_client_id(g));
	for (i = 0; i < t->users.n; i += n) {
		start = http_now_ms();
		n = t->users.n - i < ACTION_GROUP ? t->users.n - i
		                                  : ACTION_GROUP;
		for (k = 0; k < n; k++) {
			w[k].id = t->users.v[i + k].id;
			w[k].method = action_name(a->kind);
			w[k].body = body;
		}
		graph_post_writes(g, w, n);
		for (k = 0; k < n; k++) {
			a->id = w[k].id;
			r = cmd_set_report(args, name, g, &t->users.v[i + k], a,
			    w[k].rc, &w[k].e);
			if (r != 0 && rc == 0)
				rc = r;
			graph_error_done(&w[k].e);
		}
		fflush(stdout);
		left = ACTION_GROUP_MS - (http_now_ms() - start);
		if (i + n < t->users.n && left > 0) {
			pause.tv_sec = (time_t)(left / 1000);
			pause.tv_nsec = (long)(left % 1000) * 1000000L;
			nanosleep(&pause, NULL);
		}
	}
	free(body);
	return rc;
}

/* Set by SIGINT, SIGTERM or SIGHUP while a hold runs. */
static volatile sig_atomic_t cmd_set_stop;

/* Ask a hold to end. */
static void
cmd_set_signal(int sig)
{
	cmd_set_stop = sig;
}

/*
 * Hold the sessions just set: send setPresence again before each expiry
 * until a signal, then clear them (unless --keep). The people whose first
 * write failed are not held.
 */
static int
cmd_set_hold(struct cmd_args *args, struct graph *g, struct cmd_set_targets *t,
    struct action *a)
{
	struct sigaction sa, old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	struct timespec step = { 1, 0 };
	struct graph_error e;
	struct action c;
	long left;
	size_t i;
	int k, rc = 0, r;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cmd_set_signal;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < 3; k++)
		sigaction(sigs[k], &sa, &old[k]);
	fprintf(stderr, "teamtop set: holding %s/%s for %zu %s; Ctrl-C %s\n",
	    a->availability, a->activity, t->users.n,
	    t->users.n == 1 ? "person" : "people",
	    args->keep ? "stops (the sessions run out)" : "releases");
	while (!cmd_set_stop) {
		for (left = action_hold_interval(a->expiry_seconds,
		         a->availability);
		     left > 0 && !cmd_set_stop; left--)
			nanosleep(&step, NULL);
		if (cmd_set_stop)
			break;
		for (i = 0; i < t->users.n; i++) {
			a->id = t->users.v[i].id;
			graph_error_init(&e);
			r = action_perform(g, a, NULL, &e);
			cmd_set_audit(g, a, r, &e);
			if (r != 0)
				cmd_set_failed(args, "set",
				    cmd_set_who(&t->users.v[i]), a->id, a, &e);
			graph_error_done(&e);
		}
	}
	if (!args->keep) {
		memset(&c, 0, sizeof c);
		c.kind = ACTION_CLEAR_PRESENCE;
		c.session = a->session;
		rc = cmd_set_each(args, "set", g, t, &c);
	}
	for (k = 0; k < 3; k++)
		sigaction(sigs[k], &old[k], NULL);
	return rc;
}

/* Does the command line name people besides the operands? */
static int
cmd_set_named(const struct cmd_args *args)
{
	const char *u = cfg_origin(args->cfg, "users");
	const char *g = cfg_origin(args->cfg, "groups");

	return args->from != NULL || (u != NULL && *u == '-') ||
	    (g != NULL && *g == '-');
}

/* Check a, find the people and write to each. */
static int
cmd_set_go(struct cmd_args *args, const char *name, struct action *a,
    int nusers)
{
	struct cmd_set_targets t;
	struct graph_error e;
	struct graph *g;
	char *cause = NULL;
	int i, rc, r;

	graph_error_init(&e);
	if (action_check(a, &e) != 0) {
		rc = cmd_fail(name, &e);
		graph_error_done(&e);
		return rc;
	}
	memset(&t, 0, sizeof t);
	for (i = 0; i < nusers; i++)
		cmd_set_ref(&t, args->argv[i]);
	if (args->from != NULL && cmd_set_from(&t, args->from, &cause) != 0) {
		fprintf(stderr, "teamtop %s: %s\n", name, cause);
		free(cause);
		cmd_set_targets_done(&t);
		return 2;
	}
	/* With --db, the write is queued for teamtop serve. */
	if (args->cfg->db != NULL) {
		rc = cmd_db_write(args, name, a, t.refs, t.nrefs);
		cmd_set_targets_done(&t);
		return rc;
	}
	if ((g = cmd_graph(args, &rc)) == NULL) {
		cmd_set_targets_done(&t);
		return rc;
	}
	if (cmd_set_resolve(args, g, &t, &e) != 0)
		rc = cmd_fail(name, &e);
	else if (t.users.n == 0 && t.missing.n == 0) {
		fprintf(stderr, "teamtop %s: nobody to write to\n", name);
		rc = 1;
	} else {
		rc = cmd_set_each(args, name, g, &t, a);
		if (args->hold && !args->dry_run && t.users.n != 0) {
			r = cmd_set_hold(args, g, &t, a);
			if (rc == 0)
				rc = r;
		}
	}
	graph_error_done(&e);
	cmd_set_targets_done(&t);
	graph_free(g);
	return rc;
}

/* Run one writing operation on each user named. */
static int
cmd_set_run(struct cmd_args *args, const char *name, enum action_kind op)
{
	const struct cmd_entry *ce = cmd_find(name);
	struct action a;
	long secs = 0;
	char *cause = NULL;
	int rc;

	if (args->argc < 1 && !cmd_set_named(args))
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
	if ((args->hold || args->keep) && op != ACTION_SET_PRESENCE)
		return cmd_usage_error(ce, "only set takes --hold");
	if (args->keep && !args->hold)
		return cmd_usage_error(ce, "--keep goes with --hold");
	if (args->expires != NULL &&
	    cmd_parse_duration(args->expires, &secs, &cause) != 0) {
		rc = cmd_usage_error(ce, "%s", cause);
		free(cause);
		return rc;
	}
	if (args->hold && args->expires == NULL)
		secs = 3600; /* Re-sent every 55 minutes. */
	memset(&a, 0, sizeof a);
	a.kind = op;
	a.session = args->session;
	a.availability = args->availability;
	a.activity = args->activity;
	a.expiry_seconds = secs;
	return cmd_set_go(args, name, &a, args->argc);
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

/*
 * teamtop status USER [--expires WHEN] MESSAGE, or with the people named
 * by --from, --user or --group, status [--expires WHEN] MESSAGE.
 */
int
cmd_status_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("status");
	struct action a;
	time_t when = 0;
	char *cause = NULL;
	int nusers = cmd_set_named(args) ? 0 : 1, rc;

	if (args->argc > nusers + 1)
		return cmd_usage_error(ce,
		    "the message is one argument: quote it, as in "
		    "teamtop status %s '%s ...'",
		    args->argv[0], args->argv[nusers]);
	if (args->argc != nusers + 1)
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
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.message = args->argv[nusers];
	a.expiry = when;
	return cmd_set_go(args, "status", &a, nusers);
}
