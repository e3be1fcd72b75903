/*
 * The one-shot commands with --db: get, export, history and wait read what
 * teamtop serve wrote to the database; set, clear, prefer, unprefer and
 * status queue their writes as actions and print each outcome once serve
 * has done it. No Graph credential is used.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "action.h"
#include "cfg.h"
#include "cmd.h"
#include "duration.h"
#include "history.h"
#include "output.h"
#include "pg.h"
#include "presence.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* The exit status when the database cannot be reached, as for Graph. */
#define CMD_DB_UNREACHABLE 4
/* ... when the database refuses the role. */
#define CMD_DB_REFUSED 3
/* wait's, when the time given runs out. */
#define CMD_DB_TIMEOUT 5

/* Connect; NULL with the error said and *rc set. */
static struct pg_conn *
cmd_db_open(struct cmd_args *args, int *rc)
{
	struct pg_conn *pc;
	char *cause = NULL;

	if ((pc = pg_open(args->cfg->db, &cause)) == NULL) {
		fprintf(stderr, "teamtop %s: %s\n", args->entry->name, cause);
		free(cause);
		*rc = CMD_DB_UNREACHABLE;
	}
	return pc;
}

/* Say a failed query; the status to exit with. */
static int
cmd_db_fail(struct cmd_args *args, struct pg_conn *pc)
{
	PGconn *conn = pg_handle(pc);
	char *msg;

	msg = xstrdup(PQerrorMessage(conn));
	msg[strcspn(msg, "\n")] = '\0';
	fprintf(stderr, "teamtop %s: database: %s\n", args->entry->name, msg);
	free(msg);
	if (!pg_ok(pc))
		return CMD_DB_UNREACHABLE;
	return CMD_DB_REFUSED;
}

/* A query; NULL when it failed, with *rc set. */
static PGresult *
cmd_db_query(struct cmd_args *args, struct pg_conn *pc, const char *sql, int n,
    const char *const *p, int *rc)
{
	PGresult *res;

	res = PQexecParams(pg_handle(pc), sql, n, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)
		return res;
	PQclear(res);
	*rc = cmd_db_fail(args, pc);
	return NULL;
}

/* Add a person read to the users and presences. */
static void
cmd_db_add(struct user_list *users, struct presence_list *pl,
    struct pg_person *p)
{
	struct presence *pr;

	*user_list_add(users) = p->user;
	pr = presence_list_add(pl);
	if (p->have_presence)
		*pr = p->presence;
	else {
		presence_done(&p->presence);
		pr->id = xstrdup(p->user.id);
	}
	memset(p, 0, sizeof *p);
}

/* The people matched by each reference, in order. */
struct cmd_db_found {
	struct user_list users;
	struct presence_list pl;
	struct output_error *errors; /* The references matching nobody. */
	char **messages;
	size_t nerrors;
};

/* Free what was found. */
static void
cmd_db_found_done(struct cmd_db_found *f)
{
	size_t i;

	user_list_done(&f->users);
	presence_list_done(&f->pl);
	for (i = 0; i < f->nerrors; i++)
		free(f->messages[i]);
	free(f->messages);
	free(f->errors);
}

/* How a person is named in the lines printed. */
static const char *
cmd_db_who(const struct user *u)
{
	if (u->upn != NULL)
		return u->upn;
	if (u->mail != NULL)
		return u->mail;
	return u->id;
}

/*
 * Find each reference (an id, a user principal name, a mail address or a
 * display name, whole but for case) among the people in the database. A
 * display name of several people is refused (2), as the other commands
 * do; a reference matching nobody is recorded and said.
 */
static int
cmd_db_find(struct cmd_args *args, struct pg_conn *pc, char *const *refs,
    size_t n, struct cmd_db_found *f)
{
	struct pg_person p;
	PGresult *res;
	const char *params[1];
	char *sql, *clean, *line;
	size_t i;
	int rc = 0, k;

	memset(f, 0, sizeof *f);
	f->errors = xcalloc(n + 1, sizeof *f->errors);
	f->messages = xcalloc(n + 1, sizeof *f->messages);
	xasprintf(&sql,
	    "SELECT %s FROM people WHERE id = $1 OR lower(upn) = lower($1)"
	    " OR lower(mail) = lower($1) OR lower(name) = lower($1)"
	    " ORDER BY name, id",
	    pg_person_columns);
	for (i = 0; i < n && rc == 0; i++) {
		params[0] = refs[i];
		if ((res = cmd_db_query(args, pc, sql, 1, params, &rc)) == NULL)
			break;
		if (PQntuples(res) == 0) {
			xasprintf(&f->messages[f->nerrors],
			    "no one in the database matches '%s'", refs[i]);
			clean = text_sanitize(f->messages[f->nerrors]);
			fprintf(stderr, "teamtop %s: %s\n", args->entry->name,
			    clean);
			free(clean);
			f->errors[f->nerrors].user = refs[i];
			f->errors[f->nerrors].code = "NotFound";
			f->errors[f->nerrors].message = f->messages[f->nerrors];
			f->nerrors++;
		} else if (PQntuples(res) > 1) {
			fprintf(stderr, "teamtop %s: '%s' names %d people:\n",
			    args->entry->name, refs[i], PQntuples(res));
			for (k = 0; k < PQntuples(res); k++) {
				pg_person_read(res, k, &p);
				xasprintf(&line, "  %s (%s)",
				    p.user.display_name != NULL
				        ? p.user.display_name
				        : "",
				    cmd_db_who(&p.user));
				clean = text_sanitize(line);
				fprintf(stderr, "%s\n", clean);
				free(clean);
				free(line);
				pg_person_done(&p);
			}
			rc = 2;
		} else {
			pg_person_read(res, 0, &p);
			cmd_db_add(&f->users, &f->pl, &p);
		}
		PQclear(res);
	}
	free(sql);
	return rc;
}

/* get [USER...] and export: the people asked for, or the whole roster. */
static int
cmd_db_get(struct cmd_args *args)
{
	struct cmd_db_found f;
	struct pg_person p;
	struct pg_conn *pc;
	PGresult *res;
	char *sql;
	int rc = 0, i;

	if (args->entry->exec == cmd_export_exec && args->argc != 0)
		return cmd_usage_error(args->entry, "too many arguments");
	if ((pc = cmd_db_open(args, &rc)) == NULL)
		return rc;
	if (args->argc > 0)
		rc = cmd_db_find(args, pc, args->argv, (size_t)args->argc, &f);
	else {
		memset(&f, 0, sizeof f);
		xasprintf(&sql,
		    "SELECT %s FROM roster JOIN people USING (id)"
		    " ORDER BY position",
		    pg_person_columns);
		res = cmd_db_query(args, pc, sql, 0, NULL, &rc);
		free(sql);
		for (i = 0; res != NULL && i < PQntuples(res); i++) {
			pg_person_read(res, i, &p);
			cmd_db_add(&f.users, &f.pl, &p);
		}
		PQclear(res);
	}
	if (rc == 0) {
		rc = cmd_print(args, &f.users, &f.pl, f.errors, f.nerrors);
		if (rc == 0 && f.nerrors != 0)
			rc = 1;
	}
	cmd_db_found_done(&f);
	pg_close(pc);
	return rc;
}

/* history USER... [--since W] [--until W]: the transitions serve wrote. */
static int
cmd_db_history(struct cmd_args *args)
{
	static const char *const headers[] = { "time", "user", "availability",
		"activity", "statusMessage", "outOfOffice", "workLocation" };
	struct cmd_db_found f;
	struct history_list l;
	struct history_entry *e;
	struct pg_conn *pc;
	struct table *t;
	PGresult *res;
	time_t now = time(NULL), since = 0, until = 0;
	char *cause = NULL, s1[32], s2[32];
	const char *params[3];
	size_t i;
	int rc = 0, k;

	if (args->argc < 1)
		return cmd_usage_error(args->entry, "no user given");
	if (args->forget)
		return cmd_usage_error(args->entry,
		    "--forget is for the local history, not --db");
	if ((args->since != NULL &&
	        duration_parse_ago(args->since, now, &since, &cause) != 0) ||
	    (args->until != NULL &&
	        duration_parse_ago(args->until, now, &until, &cause) != 0)) {
		rc = cmd_usage_error(args->entry, "%s", cause);
		free(cause);
		return rc;
	}
	if ((pc = cmd_db_open(args, &rc)) == NULL)
		return rc;
	if ((rc = cmd_db_find(args, pc, args->argv, (size_t)args->argc, &f)) !=
	    0)
		goto out;
	if (f.nerrors != 0)
		rc = 1;
	snprintf(s1, sizeof s1, "%lld", (long long)since);
	snprintf(s2, sizeof s2, "%lld", (long long)until);
	t = table_new(sizeof headers / sizeof headers[0], headers);
	for (i = 0; i < f.users.n; i++) {
		params[0] = f.users.v[i].id;
		params[1] = s1;
		params[2] = s2;
		res = cmd_db_query(args, pc,
		    "SELECT at, availability, activity, status, ooo, location"
		    " FROM transitions WHERE id = $1 AND at >= $2::bigint"
		    " AND ($3::bigint = 0 OR at <= $3::bigint) ORDER BY at",
		    3, params, &rc);
		if (res == NULL)
			break;
		memset(&l, 0, sizeof l);
		l.n = (size_t)PQntuples(res);
		l.v = xcalloc(l.n + 1, sizeof *l.v);
		for (k = 0; k < PQntuples(res); k++) {
			e = &l.v[k];
			e->at =
			    (time_t)strtoll(PQgetvalue(res, k, 0), NULL, 10);
			e->availability = PQgetisnull(res, k, 1)
			    ? NULL
			    : xstrdup(PQgetvalue(res, k, 1));
			e->activity = PQgetisnull(res, k, 2)
			    ? NULL
			    : xstrdup(PQgetvalue(res, k, 2));
			e->status = PQgetisnull(res, k, 3)
			    ? NULL
			    : xstrdup(PQgetvalue(res, k, 3));
			e->ooo = PQgetisnull(res, k, 4)
			    ? -1
			    : atoi(PQgetvalue(res, k, 4));
			e->location = PQgetisnull(res, k, 5)
			    ? NULL
			    : xstrdup(PQgetvalue(res, k, 5));
		}
		PQclear(res);
		cmd_history_rows(t, &f.users.v[i], &l,
		    args->format == CMD_FORMAT_TABLE);
		history_list_done(&l);
	}
	if (i == f.users.n && cmd_print_table(args, t) != 0 && rc == 0)
		rc = 1;
	table_free(t);
out:
	cmd_db_found_done(&f);
	pg_close(pc);
	return rc;
}

/* Nothing to do with a notification: it only wakes the wait. */
static void
cmd_db_ignore(const char *channel, const char *payload, void *arg)
{
	(void)channel;
	(void)payload;
	(void)arg;
}

/* Wait for a notification or for ms; -1 when the connection broke. */
static int
cmd_db_sleep(struct pg_conn *pc, int ms)
{
	struct pollfd pfd;

	pfd.fd = pg_fd(pc);
	pfd.events = POLLIN;
	if (poll(&pfd, 1, ms) > 0)
		return pg_notifications(pc, cmd_db_ignore, NULL);
	return 0;
}

/*
 * wait USER... --until AVAILABILITY [--any] [--timeout D]: print each
 * change as serve writes it, until the condition is met.
 */
static int
cmd_db_wait(struct cmd_args *args)
{
	struct cmd_db_found f, now_f;
	struct pg_conn *pc;
	char **last = NULL, *line, *clean, when[16];
	const char *canon, *a, *act;
	enum avail want;
	time_t start = time(NULL), now;
	long timeout = 0;
	char *cause = NULL;
	size_t i, met;
	struct tm tm;
	int rc = 0;

	if (args->argc < 1)
		return cmd_usage_error(args->entry, "no user given");
	if (args->until == NULL)
		return cmd_usage_error(args->entry,
		    "--until AVAILABILITY is needed");
	canon = presence_canonical(args->until);
	if (canon == NULL || presence_avail(canon) == AVAIL_UNKNOWN)
		return cmd_usage_error(args->entry,
		    "--until: '%s' is not an availability (Available, Busy, "
		    "DoNotDisturb, BeRightBack, Away, Offline)",
		    args->until);
	want = presence_avail(canon);
	if (args->wait_timeout != NULL &&
	    cmd_parse_duration(args->wait_timeout, &timeout, &cause) != 0) {
		rc = cmd_usage_error(args->entry, "--timeout: %s", cause);
		free(cause);
		return rc;
	}
	if ((pc = cmd_db_open(args, &rc)) == NULL)
		return rc;
	if (pg_exec(pc, "LISTEN " PG_CHANNEL_PEOPLE, &cause) != 0) {
		fprintf(stderr, "teamtop wait: %s\n", cause);
		free(cause);
		pg_close(pc);
		return CMD_DB_UNREACHABLE;
	}
	if ((rc = cmd_db_find(args, pc, args->argv, (size_t)args->argc, &f)) !=
	        0 ||
	    f.nerrors != 0) {
		rc = rc != 0 ? rc : 1;
		cmd_db_found_done(&f);
		pg_close(pc);
		return rc;
	}
	last = xcalloc(f.users.n + 1, sizeof *last);
	for (;;) {
		now = time(NULL);
		localtime_r(&now, &tm);
		strftime(when, sizeof when, "%H:%M:%S", &tm);
		if ((rc = cmd_db_find(args, pc, args->argv, (size_t)args->argc,
		         &now_f)) != 0) {
			cmd_db_found_done(&now_f);
			break;
		}
		for (i = 0, met = 0; i < now_f.pl.n; i++) {
			a = now_f.pl.v[i].availability;
			act = now_f.pl.v[i].activity;
			xasprintf(&line, "%s/%s", a != NULL ? a : "?",
			    act != NULL ? act : "?");
			if (last[i] == NULL || strcmp(last[i], line) != 0) {
				xasprintf(&clean, "%s %s: %s%s%s", when,
				    cmd_db_who(&now_f.users.v[i]),
				    last[i] != NULL ? last[i] : "",
				    last[i] != NULL ? " -> " : "", line);
				free(line);
				line = text_sanitize(clean);
				free(clean);
				printf("%s\n", line);
				fflush(stdout);
				free(last[i]);
				xasprintf(&last[i], "%s/%s",
				    a != NULL ? a : "?",
				    act != NULL ? act : "?");
			}
			free(line);
			if (a != NULL && presence_avail(a) == want)
				met++;
		}
		cmd_db_found_done(&now_f);
		if (args->any ? met > 0 : met == f.users.n)
			break;
		if (timeout != 0 && now >= start + timeout) {
			fprintf(stderr,
			    "teamtop wait: not %s%s after %ld s; giving up\n",
			    canon, args->any ? " (anyone)" : "", timeout);
			rc = CMD_DB_TIMEOUT;
			break;
		}
		if (cmd_db_sleep(pc, 1000) != 0) {
			rc = cmd_db_fail(args, pc);
			break;
		}
	}
	for (i = 0; i < f.users.n; i++)
		free(last[i]);
	free(last);
	cmd_db_found_done(&f);
	pg_close(pc);
	return rc;
}

/* One write queued. */
struct cmd_db_queued {
	const struct user *user;
	char id[32]; /* In the actions table. */
	int done;
};

/*
 * Queue a checked write for each person named (refs: the operands and
 * --from) and print each outcome when serve has done it, within the
 * deadline; what is not done by then stays queued and is said.
 */
int
cmd_db_write(struct cmd_args *args, const char *name, struct action *a,
    char *const *refs, size_t nrefs)
{
	struct cmd_db_queued *q;
	struct cmd_db_found f;
	struct pg_conn *pc;
	PGresult *res;
	const char *p[3];
	char *body, *clean, *cause = NULL, *arr, *s;
	time_t deadline;
	size_t i, left, k;
	int rc = 0, r, j, ok;

	if (args->hold)
		return cmd_usage_error(args->entry,
		    "--hold is not available with --db (serve performs "
		    "each write once)");
	if (nrefs == 0) {
		fprintf(stderr,
		    "teamtop %s: name the people to write to "
		    "(with --db, --user and --group are not read)\n",
		    name);
		return 2;
	}
	if ((pc = cmd_db_open(args, &rc)) == NULL)
		return rc;
	if ((rc = cmd_db_find(args, pc, refs, nrefs, &f)) != 0) {
		cmd_db_found_done(&f);
		pg_close(pc);
		return rc;
	}
	if (f.nerrors != 0)
		rc = 1;
	body = pg_action_body(a);
	if (args->dry_run) {
		for (i = 0; i < f.users.n; i++) {
			clean = text_sanitize(body);
			printf("%s: would queue %s %s\n",
			    cmd_db_who(&f.users.v[i]), action_name(a->kind),
			    clean);
			free(clean);
		}
		goto out;
	}
	if (pg_exec(pc, "LISTEN " PG_CHANNEL_OUTCOME, &cause) != 0) {
		fprintf(stderr, "teamtop %s: %s\n", name, cause);
		free(cause);
		rc = CMD_DB_UNREACHABLE;
		goto out;
	}
	q = xcalloc(f.users.n + 1, sizeof *q);
	p[0] = action_name(a->kind);
	p[2] = body;
	for (i = 0; i < f.users.n; i++) {
		p[1] = f.users.v[i].id;
		res = cmd_db_query(args, pc,
		    "INSERT INTO actions (kind, target, body)"
		    " VALUES ($1, $2, $3) RETURNING id",
		    3, p, &r);
		if (res == NULL) {
			rc = r;
			break;
		}
		q[i].user = &f.users.v[i];
		snprintf(q[i].id, sizeof q[i].id, "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
	}
	left = i;
	deadline = time(NULL) +
	    (args->cfg->deadline > 0 ? args->cfg->deadline : 60) +
	    2 * args->cfg->refresh;
	while (left > 0 && time(NULL) < deadline) {
		arr = xstrdup("{");
		for (k = 0; k < i; k++) {
			if (q[k].done)
				continue;
			xasprintf(&s, "%s%s%s", arr, arr[1] ? "," : "",
			    q[k].id);
			free(arr);
			arr = s;
		}
		xasprintf(&s, "%s}", arr);
		free(arr);
		p[0] = s;
		res = cmd_db_query(args, pc,
		    "SELECT id, state, outcome FROM actions"
		    " WHERE id = ANY($1::bigint[])"
		    " AND state IN ('done', 'failed', 'unknown')",
		    1, p, &r);
		free(s);
		if (res == NULL) {
			rc = r;
			break;
		}
		for (j = 0; j < PQntuples(res); j++) {
			for (k = 0; k < i; k++) {
				if (strcmp(q[k].id, PQgetvalue(res, j, 0)) == 0)
					break;
			}
			if (k == i || q[k].done)
				continue;
			q[k].done = 1;
			left--;
			ok = strcmp(PQgetvalue(res, j, 1), "done") == 0;
			clean = text_sanitize(PQgetvalue(res, j, 2));
			if (ok)
				printf("%s: %s\n", cmd_db_who(q[k].user),
				    action_done_word(a->kind));
			else {
				fprintf(stderr, "teamtop %s: %s: %s\n", name,
				    cmd_db_who(q[k].user), clean);
				if (rc == 0)
					rc = 1;
			}
			free(clean);
		}
		PQclear(res);
		fflush(stdout);
		if (left > 0 && cmd_db_sleep(pc, 1000) != 0) {
			rc = cmd_db_fail(args, pc);
			break;
		}
	}
	for (k = 0; k < i; k++) {
		if (q[k].done)
			continue;
		fprintf(stderr,
		    "teamtop %s: %s: queued as action %s; teamtop serve has "
		    "not done it yet\n",
		    name, cmd_db_who(q[k].user), q[k].id);
		if (rc == 0)
			rc = CMD_DB_UNREACHABLE;
	}
	free(q);
out:
	free(body);
	cmd_db_found_done(&f);
	pg_close(pc);
	return rc;
}

/* A command with --db. */
int
cmd_db_exec(struct cmd_args *args)
{
	int (*exec)(struct cmd_args *) = args->entry->exec;

	if (exec == cmd_get_exec || exec == cmd_export_exec)
		return cmd_db_get(args);
	if (exec == cmd_history_exec)
		return cmd_db_history(args);
	if (exec == cmd_wait_exec)
		return cmd_db_wait(args);
	if (exec == cmd_set_exec || exec == cmd_clear_exec ||
	    exec == cmd_prefer_exec || exec == cmd_unprefer_exec ||
	    exec == cmd_status_exec || exec == cmd_serve_exec ||
	    exec == cmd_demo_exec)
		return exec(args);
	if (exec == cmd_report_exec) {
		fprintf(stderr,
		    "teamtop report: not available with --db: it reads this "
		    "machine's history (teamtop history --db lists serve's)\n");
		return 2;
	}
	fprintf(stderr,
	    "teamtop %s: not available with --db: it needs Graph itself\n",
	    args->entry->name);
	return 2;
}
