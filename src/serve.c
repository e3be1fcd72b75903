/*
 * teamtop serve. One thread of its own (this one) talks to PostgreSQL; the
 * poller's threads talk to Graph and publish to a store, whose snapshots
 * this thread compares (unchanged rows are shared, so a change costs a
 * pointer comparison) and writes. Actions are claimed with FOR UPDATE
 * SKIP LOCKED, marked running (an attempt more) in a committed
 * transaction, then handed to the poller, which checks, sends, retries
 * and paces them as the dashboard does; each outcome is written with its
 * audit row and NOTIFYed.
 */
#include "config.h"

#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "action.h"
#include "cfg.h"
#include "log.h"
#include "pg.h"
#include "poller.h"
#include "presence.h"
#include "roster.h"
#include "store.h"
#include "xmalloc.h"

/* An action handed to the poller, or done and not yet written. */
struct serve_item {
	long long id; /* In the actions table. */
	int attempt;  /* 1 the first time, more for a retry. */
	char *kind;   /* As queued. */
	char *target;
	char *body;
	char *queued_by;
	char *queued_at;
	int ok;     /* Done: 1, 0 failed, -1 unknown. */
	char *text; /* Done: the outcome in words. */
	struct serve_item *next;
};

struct serve {
	const struct cfg *cfg;
	struct cfg poll_cfg;    /* cfg with the union of the rosters. */
	char **users, **groups; /* poll_cfg's lists, owned. */
	size_t nusers, ngroups;
	const char *url;
	struct pg_conn *pc; /* NULL while disconnected. */
	int active;         /* Holds the lock. */
	int refresh;

	struct store *store;
	struct poller *poller;
	struct snapshot *last; /* The snapshot last written, or NULL. */

	struct serve_item *running; /* Handed to the poller. */
	struct serve_item *done;    /* Outcomes not yet written. */
	size_t nrunning;

	int queued;        /* A NOTIFY said an action was queued. */
	time_t next_try;   /* Of the lock or of a connection. */
	time_t next_watch; /* When the watches are read again. */
	time_t next_prune; /* When old transitions are removed again. */
	int said_down;     /* Said that the database is unreachable. */
	char host[300]; /* This serve, as serve_status names it: a literal. */
	int failed;     /* Cannot poll (the configuration): exit 2. */
	int restored;   /* The times in state were read back. */
};

/* Set by SIGINT and SIGTERM. */
static volatile sig_atomic_t serve_stop;
static int serve_pipe[2] = { -1, -1 };

/* Ask the loop to end. */
static void
serve_signal(int sig)
{
	int saved = errno;

	serve_stop = sig;
	if (serve_pipe[1] != -1)
		(void)write(serve_pipe[1], "", 1);
	errno = saved;
}

/* Say something on standard error, with the time. */
static void __attribute__((format(printf, 1, 2)))
serve_say(const char *fmt, ...)
{
	char when[32];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "teamtop serve: %s: ", when);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* Free an item. */
static void
serve_item_free(struct serve_item *it)
{
	free(it->kind);
	free(it->target);
	free(it->body);
	free(it->queued_by);
	free(it->queued_at);
	free(it->text);
	free(it);
}

/* Free a list of items. */
static void
serve_items_free(struct serve_item **head)
{
	struct serve_item *it;

	while ((it = *head) != NULL) {
		*head = it->next;
		serve_item_free(it);
	}
}

/* The database broke: drop the connection, to be made again. */
static void
serve_lost(struct serve *sv, const char *cause)
{
	if (!sv->said_down)
		serve_say("%s; connecting again", cause);
	sv->said_down = 1;
	pg_close(sv->pc);
	sv->pc = NULL;
	sv->next_try = time(NULL) + 1;
}

/* Run SQL; on an error say it, and drop the connection if it broke. */
static int
serve_exec(struct serve *sv, const char *sql)
{
	char *cause = NULL;

	if (pg_exec(sv->pc, sql, &cause) == 0)
		return 0;
	if (!pg_ok(sv->pc))
		serve_lost(sv, cause);
	else
		serve_say("%s", cause);
	free(cause);
	if (sv->pc != NULL)
		PQclear(PQexec(pg_handle(sv->pc), "ROLLBACK"));
	return -1;
}

/* A result, or NULL (said, and the connection dropped if it broke). */
static PGresult *
serve_query(struct serve *sv, const char *sql, int n, const char *const *p)
{
	PGresult *res;
	char *cause;

	res = PQexecParams(pg_handle(sv->pc), sql, n, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)
		return res;
	xasprintf(&cause, "database: %s", PQerrorMessage(pg_handle(sv->pc)));
	cause[strcspn(cause, "\n")] = '\0';
	PQclear(res);
	if (!pg_ok(sv->pc))
		serve_lost(sv, cause);
	else {
		serve_say("%s", cause);
		PQclear(PQexec(pg_handle(sv->pc), "ROLLBACK"));
	}
	free(cause);
	return NULL;
}

/* Do two strings (either NULL) differ? */
static int
serve_differ(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* Does a presence differ in anything a transition keeps? */
static int
serve_transition(const struct store_row *old, const struct store_row *r)
{
	const struct presence *a = &old->presence, *b = &r->presence;

	if (!r->have_presence)
		return 0;
	if (!old->have_presence)
		return 1;
	return serve_differ(a->availability, b->availability) ||
	    serve_differ(a->activity, b->activity) ||
	    serve_differ(a->status_message, b->status_message) ||
	    a->has_ooo != b->has_ooo || a->is_ooo != b->is_ooo ||
	    serve_differ(a->work_location_type, b->work_location_type);
}

/* Append one transition tuple. */
static int
serve_transition_values(struct serve *sv, const struct store_row *r, time_t now,
    char **s, size_t *len, size_t *cap)
{
	const struct presence *p = &r->presence;
	const char *v[] = { r->id, p->availability, p->activity,
		p->status_message, p->work_location_type };
	char *lit[5], *t;
	size_t i;
	int rc = 0;

	for (i = 0; i < 5; i++) {
		lit[i] = v[i] == NULL
		    ? NULL
		    : PQescapeLiteral(pg_handle(sv->pc), v[i], strlen(v[i]));
		if (v[i] != NULL && lit[i] == NULL)
			rc = -1;
	}
	if (rc == 0) {
		xasprintf(&t, "%s(%s,%lld,%s,%s,%s,%s,%s)",
		    *len != 0 ? "," : "", lit[0], (long long)now,
		    lit[1] ? lit[1] : "NULL", lit[2] ? lit[2] : "NULL",
		    lit[3] ? lit[3] : "NULL",
		    p->has_ooo ? (p->is_ooo ? "1" : "0") : "NULL",
		    lit[4] ? lit[4] : "NULL");
		if (*len + strlen(t) + 1 > *cap) {
			*cap = (*len + strlen(t) + 1) * 2;
			*s = xreallocarray(*s, *cap, 1);
		}
		memcpy(*s + *len, t, strlen(t) + 1);
		*len += strlen(t);
		free(t);
	}
	for (i = 0; i < 5; i++)
		PQfreemem(lit[i]);
	return rc;
}

/* How often old transitions are removed, in seconds. */
#define SERVE_PRUNE_EVERY 3600

/* The rows of people upserted per statement. */
#define SERVE_BATCH 500

/* Upsert people rows [0, n) of changed. */
static int
serve_write_people(struct serve *sv, const struct store_row **changed, size_t n,
    time_t fetched)
{
	static const char head[] = "INSERT INTO people (%s) VALUES ";
	static const char tail[] =
	    " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
	    " upn = EXCLUDED.upn, mail = EXCLUDED.mail,"
	    " department = EXCLUDED.department,"
	    " job_title = EXCLUDED.job_title,"
	    " have_presence = EXCLUDED.have_presence,"
	    " availability = EXCLUDED.availability,"
	    " activity = EXCLUDED.activity, sequence = EXCLUDED.sequence,"
	    " status_message = EXCLUDED.status_message,"
	    " status_content_type = EXCLUDED.status_content_type,"
	    " status_expiry = EXCLUDED.status_expiry,"
	    " status_expiry_zone = EXCLUDED.status_expiry_zone,"
	    " status_published = EXCLUDED.status_published,"
	    " has_ooo = EXCLUDED.has_ooo, is_ooo = EXCLUDED.is_ooo,"
	    " ooo_message = EXCLUDED.ooo_message,"
	    " work_location_type = EXCLUDED.work_location_type,"
	    " work_location_source = EXCLUDED.work_location_source,"
	    " work_location_place = EXCLUDED.work_location_place,"
	    " since = EXCLUDED.since, since_seen = EXCLUDED.since_seen,"
	    " fetched = EXCLUDED.fetched, updated_at = now()";
	char *sql = NULL, *h;
	size_t i, k, len, cap = 0;
	int rc = 0;

	xasprintf(&h, head, pg_person_columns);
	for (i = 0; i < n && rc == 0; i += SERVE_BATCH) {
		len = 0;
		if (sql != NULL)
			sql[0] = '\0';
		for (k = i; k < n && k < i + SERVE_BATCH && rc == 0; k++) {
			if (k == i) {
				cap = cap < 65536 ? 65536 : cap;
				sql = xreallocarray(sql, cap, 1);
				memcpy(sql, h, strlen(h) + 1);
				len = strlen(h);
			} else {
				memcpy(sql + len, ",", 2);
				len++;
			}
			rc = pg_person_values(sv->pc, changed[k], fetched, &sql,
			    &len, &cap);
		}
		if (rc != 0) {
			serve_say("database: cannot quote a person's row");
			break;
		}
		if (len + sizeof tail > cap) {
			cap = len + sizeof tail;
			sql = xreallocarray(sql, cap, 1);
		}
		memcpy(sql + len, tail, sizeof tail);
		rc = serve_exec(sv, sql);
	}
	free(sql);
	free(h);
	return rc;
}

/* Has the roster (the ids, in order) changed since the last write? */
static int
serve_roster_changed(const struct snapshot *old, const struct snapshot *s)
{
	size_t i;

	if (old == NULL || old->n != s->n)
		return 1;
	for (i = 0; i < s->n; i++) {
		if (old->rows[i] != s->rows[i] &&
		    strcmp(old->rows[i]->id, s->rows[i]->id) != 0)
			return 1;
	}
	return 0;
}

/* Replace the roster. */
static int
serve_write_roster(struct serve *sv, const struct snapshot *s)
{
	char *sql = NULL, *lit, num[32];
	size_t i, len = 0, cap = 0, l;
	int rc;

	if (serve_exec(sv, "DELETE FROM roster") != 0)
		return -1;
	for (i = 0; i < s->n; i += SERVE_BATCH) {
		size_t k;

		len = 0;
		for (k = i; k < s->n && k < i + SERVE_BATCH; k++) {
			lit = PQescapeLiteral(pg_handle(sv->pc), s->rows[k]->id,
			    strlen(s->rows[k]->id));
			if (lit == NULL)
				continue;
			snprintf(num, sizeof num, "%s(%zu,", k == i ? "" : ",",
			    k);
			l = strlen(num) + strlen(lit) + 2;
			if (len + l + 64 > cap) {
				cap = (len + l + 64) * 2;
				sql = xreallocarray(sql, cap, 1);
			}
			if (len == 0)
				len = (size_t)snprintf(sql, cap,
				    "INSERT INTO roster (position, id) VALUES ");
			len += (size_t)snprintf(sql + len, cap - len, "%s%s)",
			    num, lit);
			PQfreemem(lit);
		}
		if (len != 0 && (rc = serve_exec(sv, sql)) != 0) {
			free(sql);
			return -1;
		}
	}
	free(sql);
	return 0;
}

/*
 * The first write after taking over: people keep the time they have been
 * in their availability as the database knows it.
 */
static void
serve_restore_since(struct serve *sv)
{
	struct snapshot *s;
	const struct store_row *r;
	PGresult *res;
	const char **ids;
	time_t *since, t;
	size_t n = 0;
	int i;

	res = serve_query(sv,
	    "SELECT id, availability, since FROM people WHERE since_seen", 0,
	    NULL);
	if (res == NULL)
		return;
	s = store_acquire(sv->store);
	ids = xcalloc((size_t)PQntuples(res) + 1, sizeof *ids);
	since = xcalloc((size_t)PQntuples(res) + 1, sizeof *since);
	for (i = 0; i < PQntuples(res); i++) {
		r = snapshot_find(s, PQgetvalue(res, i, 0));
		t = (time_t)strtoll(PQgetvalue(res, i, 2), NULL, 10);
		if (r == NULL || !r->have_presence || PQgetisnull(res, i, 1) ||
		    serve_differ(r->presence.availability,
		        PQgetvalue(res, i, 1)) ||
		    t <= 0 || t >= r->since)
			continue;
		ids[n] = r->id;
		since[n++] = t;
	}
	if (n != 0)
		store_set_since(sv->store, ids, since, n);
	snapshot_release(s);
	free(ids);
	free(since);
	PQclear(res);
}

/* Write what changed since the last write, and NOTIFY it. */
static int
serve_write(struct serve *sv)
{
	struct snapshot *s;
	struct store_status st;
	const struct store_row **changed, *old;
	char *tsql = NULL, *cause = NULL, *sql, *error;
	const char **ids;
	size_t i, n = 0, nt = 0, tlen = 0, tcap = 0;
	time_t now = time(NULL);
	int roster, rc = -1;

	s = store_acquire(sv->store);
	/*
	 * Nothing before the first presences: a roster alone would write
	 * people without the presence the database has for them.
	 */
	if (s->fetched == 0) {
		snapshot_release(s);
		return 0;
	}
	if (!sv->restored) {
		snapshot_release(s);
		serve_restore_since(sv);
		sv->restored = 1;
		s = store_acquire(sv->store);
	}
	if (sv->pc == NULL) {
		snapshot_release(s);
		return -1;
	}
	store_get_status(sv->store, &st);
	changed = xcalloc(s->n + 1, sizeof *changed);
	ids = xcalloc(s->n + 1, sizeof *ids);
	for (i = 0; i < s->n; i++) {
		const struct store_row *r = s->rows[i];

		if (sv->last != NULL && i < sv->last->n &&
		    sv->last->rows[i] == r)
			continue;
		old = sv->last != NULL ? snapshot_find(sv->last, r->id) : NULL;
		if (old == r)
			continue;
		changed[n] = r;
		ids[n++] = r->id;
		if ((old == NULL && r->have_presence) ||
		    (old != NULL && serve_transition(old, r))) {
			if (serve_transition_values(sv, r, now, &tsql, &tlen,
			        &tcap) != 0)
				goto out;
			nt++;
		}
	}
	roster = serve_roster_changed(sv->last, s);
	if (serve_exec(sv, "BEGIN") != 0)
		goto out;
	if (n != 0 && serve_write_people(sv, changed, n, s->fetched) != 0)
		goto out;
	if (nt != 0) {
		xasprintf(&sql,
		    "INSERT INTO transitions (id, at, availability, activity,"
		    " status, ooo, location) VALUES %s",
		    tsql);
		rc = serve_exec(sv, sql);
		free(sql);
		if (rc != 0)
			goto out;
		rc = -1;
	}
	if (roster && serve_write_roster(sv, s) != 0)
		goto out;
	error = st.error[0] == '\0'
	    ? NULL
	    : PQescapeLiteral(pg_handle(sv->pc), st.error, strlen(st.error));
	xasprintf(&sql,
	    "INSERT INTO serve_status (one, host, fetched, last_ok,"
	    " next_refresh, stale, error, people, updated_at) VALUES (true,"
	    " %s, %lld, %lld, %lld, %s, %s, %zu, now()) ON CONFLICT (one)"
	    " DO UPDATE SET host = EXCLUDED.host, fetched = EXCLUDED.fetched,"
	    " last_ok = EXCLUDED.last_ok,"
	    " next_refresh = EXCLUDED.next_refresh, stale = EXCLUDED.stale,"
	    " error = EXCLUDED.error, people = EXCLUDED.people,"
	    " updated_at = now()",
	    sv->host, (long long)s->fetched, (long long)st.last_ok,
	    (long long)st.next_refresh, st.stale ? "true" : "false",
	    error != NULL ? error : "NULL", s->n);
	PQfreemem(error);
	rc = serve_exec(sv, sql);
	free(sql);
	if (rc != 0)
		goto out;
	rc = -1;
	if (roster && serve_exec(sv, "NOTIFY " PG_CHANNEL_ROSTER) != 0)
		goto out;
	if (n != 0 &&
	    pg_notify_ids(sv->pc, PG_CHANNEL_PEOPLE, ids, n, &cause) != 0)
		goto fail;
	if (serve_exec(sv, "NOTIFY " PG_CHANNEL_STATUS "; COMMIT") != 0)
		goto out;
	log_debug("serve: wrote %zu people, %zu transitions%s", n, nt,
	    roster ? ", the roster" : "");
	snapshot_release(sv->last);
	sv->last = s;
	s = NULL;
	rc = 0;
	goto out;
fail:
	if (!pg_ok(sv->pc))
		serve_lost(sv, cause);
	else {
		serve_say("%s", cause);
		serve_exec(sv, "ROLLBACK");
	}
	free(cause);
out:
	snapshot_release(s);
	free(changed);
	free(ids);
	free(tsql);
	return rc;
}

/* Read the watches registered; 1 when the union changed. */
static int
serve_watches(struct serve *sv)
{
	PGresult *res;
	char **users = NULL, **groups = NULL;
	size_t nu = 0, ng = 0, i;
	int changed, k;

	/* None configured is the whole directory, which holds the rest. */
	if (sv->cfg->nusers == 0 && sv->cfg->ngroups == 0)
		return 0;
	res = serve_query(sv,
	    "SELECT DISTINCT kind, value FROM watches ORDER BY 1, 2", 0, NULL);
	if (res == NULL)
		return 0;
	users = xcalloc(sv->cfg->nusers + (size_t)PQntuples(res) + 1,
	    sizeof *users);
	groups = xcalloc(sv->cfg->ngroups + (size_t)PQntuples(res) + 1,
	    sizeof *groups);
	for (i = 0; i < sv->cfg->nusers; i++)
		users[nu++] = xstrdup(sv->cfg->users[i]);
	for (i = 0; i < sv->cfg->ngroups; i++)
		groups[ng++] = xstrdup(sv->cfg->groups[i]);
	for (k = 0; k < PQntuples(res); k++) {
		const char *kind = PQgetvalue(res, k, 0);
		const char *v = PQgetvalue(res, k, 1);
		char **list = *kind == 'u' ? users : groups;
		size_t *nl = *kind == 'u' ? &nu : &ng;

		for (i = 0; i < *nl; i++) {
			if (strcmp(list[i], v) == 0)
				break;
		}
		if (i == *nl)
			list[(*nl)++] = xstrdup(v);
	}
	PQclear(res);
	changed = nu != sv->nusers || ng != sv->ngroups;
	for (i = 0; !changed && i < nu; i++)
		changed = strcmp(users[i], sv->users[i]) != 0;
	for (i = 0; !changed && i < ng; i++)
		changed = strcmp(groups[i], sv->groups[i]) != 0;
	if (!changed) {
		for (i = 0; i < nu; i++)
			free(users[i]);
		for (i = 0; i < ng; i++)
			free(groups[i]);
		free(users);
		free(groups);
		return 0;
	}
	for (i = 0; i < sv->nusers; i++)
		free(sv->users[i]);
	for (i = 0; i < sv->ngroups; i++)
		free(sv->groups[i]);
	free(sv->users);
	free(sv->groups);
	sv->users = users;
	sv->nusers = nu;
	sv->groups = groups;
	sv->ngroups = ng;
	return 1;
}

/* Start polling the union of the rosters (again). */
static int
serve_poll(struct serve *sv)
{
	char *cause = NULL;

	poller_stop(sv->poller);
	sv->poller = NULL;
	sv->poll_cfg = *sv->cfg;
	sv->poll_cfg.users = sv->users;
	sv->poll_cfg.nusers = sv->nusers;
	sv->poll_cfg.groups = sv->groups;
	sv->poll_cfg.ngroups = sv->ngroups;
	/* The history is the database's. */
	sv->poll_cfg.history = 0;
	sv->poller =
	    poller_start(&sv->poll_cfg, sv->store, sv->refresh, &cause);
	if (sv->poller == NULL) {
		/* Holding the lock without polling would stop the others. */
		serve_say("%s; stopping", cause);
		free(cause);
		sv->failed = 1;
		serve_stop = 1;
		return -1;
	}
	serve_say("polling %zu users and %zu groups every %d s", sv->nusers,
	    sv->ngroups, sv->refresh);
	return 0;
}

/* Write an outcome, its audit row, and NOTIFY it; 0 when written. */
static int
serve_record(struct serve *sv, struct serve_item *it)
{
	static const char *const states[] = { "unknown", "failed", "done" };
	char id[32], attempt[32];
	const char *p[5];
	PGresult *res;

	snprintf(id, sizeof id, "%lld", it->id);
	snprintf(attempt, sizeof attempt, "%d", it->attempt);
	p[0] = id;
	p[1] = states[it->ok + 1];
	p[2] = it->text;
	p[3] = attempt;
	p[4] = sv->cfg->client_id;
	if (serve_exec(sv, "BEGIN") != 0)
		return -1;
	res = serve_query(sv,
	    "UPDATE actions SET state = $2, outcome = $3,"
	    " error = CASE WHEN $2 = 'done' THEN NULL ELSE $3 END,"
	    " done_at = now() WHERE id = $1::bigint",
	    3, p);
	if (res == NULL)
		return -1;
	PQclear(res);
	res = serve_query(sv,
	    "INSERT INTO audit (action, kind, target, body, queued_by,"
	    " queued_at, attempt, retry, application, outcome, error)"
	    " SELECT id, kind, target, body, queued_by, queued_at,"
	    " $4::integer, $4::integer > 1, $5, $2,"
	    " CASE WHEN $2 = 'done' THEN NULL ELSE $3 END"
	    " FROM actions WHERE id = $1::bigint",
	    5, p);
	if (res == NULL)
		return -1;
	PQclear(res);
	res = serve_query(sv, "SELECT pg_notify('" PG_CHANNEL_OUTCOME "', $1)",
	    1, p);
	if (res == NULL)
		return -1;
	PQclear(res);
	return serve_exec(sv, "COMMIT");
}

/* Write the outcomes kept while the database was away. */
static void
serve_flush(struct serve *sv)
{
	struct serve_item *it;

	while (sv->pc != NULL && (it = sv->done) != NULL) {
		if (serve_record(sv, it) != 0)
			return;
		sv->done = it->next;
		serve_item_free(it);
	}
}

/* An outcome came from the poller. */
static void
serve_outcome(struct serve *sv, const struct store_event *ev)
{
	struct serve_item **pp, *it;

	for (pp = &sv->running; (it = *pp) != NULL; pp = &it->next) {
		if ((unsigned long)it->id == ev->tag)
			break;
	}
	if (it == NULL)
		return;
	*pp = it->next;
	sv->nrunning--;
	it->ok = ev->ok;
	if (it->attempt > 1)
		xasprintf(&it->text,
		    "%s (attempt %d: sent again after a "
		    "serve stopped while sending it)",
		    ev->text, it->attempt);
	else
		it->text = xstrdup(ev->text);
	serve_say("action %lld: %s", it->id, it->text);
	it->next = sv->done;
	sv->done = it;
	serve_flush(sv);
}

/* Take the poller's events: outcomes are written, notices said. */
static void
serve_events(struct serve *sv)
{
	struct store_event ev;

	while (store_pop_event(sv->store, &ev)) {
		if (ev.kind == STORE_EVENT_OUTCOME)
			serve_outcome(sv, &ev);
		else if (ev.kind == STORE_EVENT_NOTICE)
			serve_say("%s", ev.text);
		store_event_done(&ev);
	}
}

/*
 * Claim queued actions (FOR UPDATE SKIP LOCKED), mark them running with an
 * attempt more in a committed transaction, then hand them to the poller.
 */
static void
serve_claim(struct serve *sv)
{
	struct serve_item *claimed = NULL, *it;
	struct store_event ev;
	struct action *a;
	PGresult *res;
	char *cause = NULL, lim[32];
	const char *p[1];
	int i;

	sv->queued = 0;
	if (sv->nrunning >= ACTION_GROUP)
		return;
	snprintf(lim, sizeof lim, "%zu", ACTION_GROUP - sv->nrunning);
	p[0] = lim;
	if (serve_exec(sv, "BEGIN") != 0)
		return;
	res = serve_query(sv,
	    "UPDATE actions SET state = 'running', attempts = attempts + 1"
	    " WHERE id IN (SELECT id FROM actions WHERE state = 'queued'"
	    " ORDER BY id LIMIT $1::integer FOR UPDATE SKIP LOCKED)"
	    " RETURNING id, attempts, kind, target, body, queued_by,"
	    " queued_at",
	    1, p);
	if (res == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		it = xcalloc(1, sizeof *it);
		it->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		it->attempt = atoi(PQgetvalue(res, i, 1));
		it->kind = xstrdup(PQgetvalue(res, i, 2));
		it->target = xstrdup(PQgetvalue(res, i, 3));
		it->body = PQgetisnull(res, i, 4)
		    ? NULL
		    : xstrdup(PQgetvalue(res, i, 4));
		it->queued_by = xstrdup(PQgetvalue(res, i, 5));
		it->queued_at = xstrdup(PQgetvalue(res, i, 6));
		it->next = claimed;
		claimed = it;
	}
	PQclear(res);
	/* Running, committed, before anything is sent. */
	if (serve_exec(sv, "COMMIT") != 0) {
		serve_items_free(&claimed);
		return;
	}
	/* Oldest first. */
	while ((it = claimed) != NULL) {
		claimed = it->next;
		serve_say("action %lld: %s for %s queued by %s%s", it->id,
		    it->kind, it->target, it->queued_by,
		    it->attempt > 1 ? " (sent again)" : "");
		a = pg_action_decode(it->kind, it->target, it->body, &cause);
		if (a == NULL) {
			memset(&ev, 0, sizeof ev);
			ev.kind = STORE_EVENT_OUTCOME;
			ev.tag = (unsigned long)it->id;
			ev.ok = 0;
			xasprintf(&ev.text, "%s for %s failed: %s", it->kind,
			    it->target, cause);
			it->next = sv->running;
			sv->running = it;
			sv->nrunning++;
			serve_outcome(sv, &ev);
			free(ev.text);
			free(cause);
			cause = NULL;
			continue;
		}
		a->tag = (unsigned long)it->id;
		it->next = sv->running;
		sv->running = it;
		sv->nrunning++;
		poller_submit(sv->poller, a);
		free(a);
	}
}

/* Listen for what wakes this serve. */
static int
serve_listen(struct serve *sv)
{
	return serve_exec(sv, "LISTEN " PG_CHANNEL_QUEUED);
}

/*
 * Try to become the active serve. On taking over, the actions left running
 * by a serve that stopped are queued again: they are sent again, and their
 * attempt count says so.
 */
static void
serve_try_lock(struct serve *sv)
{
	struct serve_item *it;
	PGresult *res;
	char *ids = NULL, *t;
	const char *p[1];
	int got;

	sv->next_try = time(NULL) + sv->refresh;
	res =
	    serve_query(sv, "SELECT pg_try_advisory_lock(7377626373)", 0, NULL);
	if (res == NULL)
		return;
	got = PQntuples(res) == 1 && *PQgetvalue(res, 0, 0) == 't';
	PQclear(res);
	if (!got) {
		if (sv->active) {
			/* Another took over while this one was away. */
			serve_say("another serve is active; standing by");
			poller_stop(sv->poller);
			sv->poller = NULL;
			serve_items_free(&sv->running);
			sv->nrunning = 0;
			sv->active = 0;
		}
		return;
	}
	/* Ours are still under way; the others' are queued again. */
	ids = xstrdup("{");
	for (it = sv->running; it != NULL; it = it->next) {
		xasprintf(&t, "%s%s%lld", ids, ids[1] != '\0' ? "," : "",
		    it->id);
		free(ids);
		ids = t;
	}
	xasprintf(&t, "%s}", ids);
	free(ids);
	ids = t;
	p[0] = ids;
	res = serve_query(sv,
	    "UPDATE actions SET state = 'queued' WHERE state = 'running'"
	    " AND NOT id = ANY($1::bigint[])",
	    1, p);
	free(ids);
	if (res == NULL)
		return;
	if (atoi(PQcmdTuples(res)) > 0)
		serve_say("%s actions left running by a serve that stopped "
		          "are queued again",
		    PQcmdTuples(res));
	PQclear(res);
	if (serve_listen(sv) != 0)
		return;
	sv->queued = 1;
	if (sv->active) {
		serve_say("active again");
		return;
	}
	sv->active = 1;
	serve_say("active: this serve polls Graph");
	serve_watches(sv);
	sv->next_watch = time(NULL) + sv->refresh;
	snapshot_release(sv->last);
	sv->last = NULL;
	sv->restored = 0;
	serve_poll(sv);
}

/* Connect (again) and make sure of the schema. */
static void
serve_connect(struct serve *sv)
{
	char *cause = NULL;

	sv->next_try = time(NULL) + 1;
	if ((sv->pc = pg_open(sv->url, &cause)) == NULL ||
	    pg_migrate(sv->pc, &cause) != 0) {
		if (!sv->said_down)
			serve_say("%s; trying again", cause);
		sv->said_down = 1;
		free(cause);
		pg_close(sv->pc);
		sv->pc = NULL;
		return;
	}
	serve_say("connected to the database (schema version %d)",
	    pg_schema_version());
	sv->said_down = 0;
	serve_flush(sv);
	if (sv->pc != NULL)
		serve_try_lock(sv);
	/* A write missed while away is made now. */
	if (sv->pc != NULL && sv->active && sv->last != NULL)
		serve_write(sv);
}

/* A notification: a queued action wakes the claim. */
static void
serve_notified(const char *channel, const char *payload, void *arg)
{
	struct serve *sv = arg;

	(void)payload;
	if (strcmp(channel, PG_CHANNEL_QUEUED) == 0)
		sv->queued = 1;
}

/* Remove the transitions older than history_days, once an hour. */
static void
serve_prune(struct serve *sv, time_t now)
{
	long days = sv->cfg->history_days > 0 ? sv->cfg->history_days : 7;
	char *sql;

	sv->next_prune = now + SERVE_PRUNE_EVERY;
	xasprintf(&sql, "DELETE FROM transitions WHERE at < %lld",
	    (long long)(now - days * 86400L));
	serve_exec(sv, sql);
	free(sql);
}

/* One turn of the loop: wait for something, then do what it asks. */
static void
serve_turn(struct serve *sv)
{
	struct pollfd pfd[3];
	time_t now;
	nfds_t n = 0;
	int pipe_at = -1, db_at = -1, timeout = 1000;

	pfd[n].fd = serve_pipe[0];
	pfd[n++].events = POLLIN;
	if (sv->poller != NULL) {
		pipe_at = (int)n;
		pfd[n].fd = poller_fd(sv->poller);
		pfd[n++].events = POLLIN;
	}
	if (sv->pc != NULL && pg_fd(sv->pc) != -1) {
		db_at = (int)n;
		pfd[n].fd = pg_fd(sv->pc);
		pfd[n++].events = POLLIN;
	}
	if (poll(pfd, n, timeout) < 0 && errno != EINTR)
		return;
	if (serve_stop)
		return;
	now = time(NULL);
	if (pipe_at != -1 && (pfd[pipe_at].revents & POLLIN)) {
		poller_drain(sv->poller);
		serve_events(sv);
		if (sv->pc != NULL && sv->active)
			serve_write(sv);
	}
	if (sv->pc != NULL && db_at != -1 && pfd[db_at].revents != 0 &&
	    pg_notifications(sv->pc, serve_notified, sv) != 0)
		serve_lost(sv, "database: the connection was lost");
	if (sv->pc == NULL) {
		if (now >= sv->next_try)
			serve_connect(sv);
		return;
	}
	/* A standby tries the lock each interval; the active one holds it. */
	if (!sv->active) {
		if (now >= sv->next_try)
			serve_try_lock(sv);
		if (!sv->active)
			return;
	}
	if (sv->pc != NULL && now >= sv->next_prune)
		serve_prune(sv, now);
	if (sv->pc != NULL && now >= sv->next_watch) {
		sv->next_watch = now + sv->refresh;
		if (serve_watches(sv))
			serve_poll(sv);
	}
	/* Every second, queued or not: a NOTIFY lost with a connection. */
	if (sv->pc != NULL && sv->poller != NULL)
		serve_claim(sv);
}

/* How long a serve stopping waits for the writes it is sending. */
#define SERVE_FINISH_WAIT 15

/*
 * Let the writes under way end and write their outcomes, for a while:
 * cut short, they would be sent again by the next serve.
 */
static void
serve_finish(struct serve *sv)
{
	struct pollfd pfd;
	time_t end = time(NULL) + SERVE_FINISH_WAIT;

	if (sv->running != NULL)
		serve_say("finishing %zu writes under way", sv->nrunning);
	while (sv->running != NULL && sv->poller != NULL && time(NULL) < end) {
		pfd.fd = poller_fd(sv->poller);
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 200) > 0) {
			poller_drain(sv->poller);
			serve_events(sv);
		}
	}
}

/* Name this serve for serve_status: its host and process, quoted. */
static void
serve_host(struct serve *sv)
{
	char host[256], *p;

	if (gethostname(host, sizeof host) != 0)
		strcpy(host, "unknown");
	host[sizeof host - 1] = '\0';
	for (p = host; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\\' || (unsigned char)*p < ' ')
			*p = '?';
	}
	snprintf(sv->host, sizeof sv->host, "'%s pid %ld'", host,
	    (long)getpid());
}

/* Run serve. */
int
serve_run(const struct cfg *cfg, const char *url)
{
	struct serve sv;
	struct sigaction sa, old[2];
	static const int sigs[2] = { SIGINT, SIGTERM };
	size_t i;
	int k;

	memset(&sv, 0, sizeof sv);
	sv.cfg = cfg;
	sv.url = url;
	sv.refresh = cfg->refresh > 0 ? (int)cfg->refresh : CFG_REFRESH_DEFAULT;
	sv.store = store_new();
	serve_host(&sv);
	if (pipe(serve_pipe) != 0) {
		fprintf(stderr, "teamtop serve: pipe: %s\n", strerror(errno));
		store_free(sv.store);
		return 1;
	}
	for (k = 0; k < 2; k++) {
		fcntl(serve_pipe[k], F_SETFL,
		    fcntl(serve_pipe[k], F_GETFL) | O_NONBLOCK);
		fcntl(serve_pipe[k], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = serve_signal;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < 2; k++)
		sigaction(sigs[k], &sa, &old[k]);

	serve_connect(&sv);
	while (!serve_stop)
		serve_turn(&sv);
	serve_say("stopping");
	serve_finish(&sv);
	poller_stop(sv.poller);
	/* What the poller finished is written; the rest stays running. */
	serve_events(&sv);
	serve_flush(&sv);
	for (k = 0; k < 2; k++)
		sigaction(sigs[k], &old[k], NULL);
	snapshot_release(sv.last);
	serve_items_free(&sv.running);
	serve_items_free(&sv.done);
	pg_close(sv.pc);
	store_free(sv.store);
	for (i = 0; i < sv.nusers; i++)
		free(sv.users[i]);
	for (i = 0; i < sv.ngroups; i++)
		free(sv.groups[i]);
	free(sv.users);
	free(sv.groups);
	close(serve_pipe[0]);
	close(serve_pipe[1]);
	serve_pipe[0] = serve_pipe[1] = -1;
	serve_stop = 0;
	return sv.failed ? 2 : 0;
}
