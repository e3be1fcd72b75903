/*
 * The shared database as a data source. One thread owns the connection and
 * the people read; the UI thread submits actions under the lock and is
 * woken by one byte on a pipe, as with the poller.
 */
#include "config.h"

#include "pgsource.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
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
#include "presence.h"
#include "source.h"
#include "store.h"
#include "xmalloc.h"

/* A person's last transitions, oldest first. */
struct pgsource_history {
	struct store_transition v[STORE_HISTORY];
	size_t n;
};

/* An action submitted: queued here, then in the database. */
struct pgsource_item {
	struct action *action;
	long long id; /* In the actions table, once inserted. */
	struct pgsource_item *next;
};

struct pgsource {
	const struct cfg *cfg;
	struct store *store;
	int refresh; /* Seconds: serve is late after a few of these. */

	pthread_t thread;
	pthread_mutex_t lock;
	int quit;                   /* Protected by lock. */
	int reload;                 /* Protected by lock. */
	struct pgsource_item *head; /* Protected by lock: to insert. */
	struct pgsource_item *tail; /* Protected by lock. */
	size_t pending;             /* Protected by lock. */
	int wake[2];                /* To the UI. */
	int ctl[2];                 /* To the thread. */

	/* The thread's own. */
	struct pg_conn *pc;
	struct pgsource_item *waiting; /* Inserted, outcome awaited. */
	struct pg_person *v;           /* The roster, in order. */
	struct pgsource_history *hist; /* Theirs, by the same index. */
	size_t n;
	size_t *by_id; /* Indices of v sorted by id. */
	char **ids;    /* Ids NOTIFYed, to read again. */
	size_t nids, capids;
	time_t fetched;
	time_t next_try;    /* Of a connection. */
	time_t next_status; /* Of a read of serve_status. */
	int check_outcomes;
	int said;    /* Said that the database is unreachable. */
	int loaded;  /* The roster was read once. */
	int refused; /* Inserting actions is not allowed to this role. */
};

/* Wake the UI. */
static void
pgsource_wake(struct pgsource *ps)
{
	ssize_t n;

	do
		n = write(ps->wake[1], "", 1);
	while (n == -1 && errno == EINTR);
}

/* Wake the thread. */
static void
pgsource_poke(struct pgsource *ps)
{
	ssize_t n;

	do
		n = write(ps->ctl[1], "", 1);
	while (n == -1 && errno == EINTR);
}

/* Has quitting been asked for? */
static int
pgsource_quitting(struct pgsource *ps)
{
	return __atomic_load_n(&ps->quit, __ATOMIC_ACQUIRE);
}

/* A status change. */
struct pgsource_status {
	int connected;
	int loaded;
	time_t last_ok, next;
	int stale, offline;
	const char *error;
};

/* Apply a status change under the store's lock. */
static void
pgsource_status_fn(struct store_status *st, void *arg)
{
	struct pgsource_status *a = arg;

	st->phase = a->loaded ? STORE_RUNNING : STORE_STARTING;
	st->busy = 0;
	if (a->last_ok != 0)
		st->last_ok = a->last_ok;
	st->next_refresh = a->next;
	st->stale = a->stale;
	st->offline = a->offline;
	snprintf(st->error, sizeof st->error, "%s",
	    a->error != NULL ? a->error : "");
}

/* Say the database is unreachable: STALE, with why. */
static void
pgsource_down(struct pgsource *ps, const char *cause)
{
	struct pgsource_status a;
	char *msg;

	xasprintf(&msg, "%s; connecting again", cause);
	memset(&a, 0, sizeof a);
	a.loaded = ps->loaded;
	a.stale = 1;
	a.offline = 1;
	a.error = msg;
	store_set_status(ps->store, pgsource_status_fn, &a);
	if (!ps->said)
		log_debug("pgsource: %s", msg);
	ps->said = 1;
	free(msg);
	pgsource_wake(ps);
}

/* The connection broke: drop it and say so. */
static void
pgsource_lost(struct pgsource *ps, const char *cause)
{
	pg_close(ps->pc);
	ps->pc = NULL;
	ps->next_try = time(NULL) + 1;
	pgsource_down(ps, cause);
}

/* Run a query; NULL when it failed (the connection dropped if broken). */
static PGresult *
pgsource_query(struct pgsource *ps, const char *sql, int n,
    const char *const *p, char **error)
{
	PGresult *res;
	char *cause;

	res = PQexecParams(pg_handle(ps->pc), sql, n, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)
		return res;
	xasprintf(&cause, "database: %s", PQerrorMessage(pg_handle(ps->pc)));
	cause[strcspn(cause, "\n")] = '\0';
	PQclear(res);
	if (!pg_ok(ps->pc))
		pgsource_lost(ps, cause);
	else if (error != NULL) {
		*error = cause;
		return NULL;
	} else
		store_notice(ps->store, "%s", cause);
	free(cause);
	return NULL;
}

/* Order indices of v by id. */
static int
pgsource_cmp(const void *a, const void *b, void *arg)
{
	const struct pgsource *ps = arg;

	return strcmp(ps->v[*(const size_t *)a].user.id,
	    ps->v[*(const size_t *)b].user.id);
}

/* The index in v of an id, or (size_t)-1. */
static size_t
pgsource_find(const struct pgsource *ps, const char *id)
{
	size_t lo = 0, hi = ps->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, ps->v[ps->by_id[mid]].user.id);
		if (c == 0)
			return ps->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (size_t)-1;
}

/* Publish the people read to the store. */
static void
pgsource_publish(struct pgsource *ps)
{
	struct store_import *im;
	size_t i;

	im = xcalloc(ps->n + 1, sizeof *im);
	for (i = 0; i < ps->n; i++) {
		im[i].user = &ps->v[i].user;
		im[i].presence =
		    ps->v[i].have_presence ? &ps->v[i].presence : NULL;
		im[i].since = ps->v[i].since;
		im[i].since_seen = ps->v[i].since_seen;
		im[i].history = ps->hist[i].v;
		im[i].nhistory = ps->hist[i].n;
	}
	store_import(ps->store, im, ps->n, ps->fetched);
	free(im);
	pgsource_wake(ps);
}

/* Free a person's transitions. */
static void
pgsource_history_done(struct pgsource_history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].availability);
		free(h->v[i].activity);
	}
	h->n = 0;
}

/*
 * Read the last transitions of availability (or activity) of the people
 * whose ids are in the text[] literal arr, or of the whole roster.
 */
static void
pgsource_history(struct pgsource *ps, const char *arr)
{
	static const char head[] =
	    "SELECT id, at, availability, activity FROM ("
	    " SELECT id, at, availability, activity, row_number() OVER"
	    "  (PARTITION BY id ORDER BY at DESC) AS rn FROM ("
	    "  SELECT id, at, availability, activity,"
	    "   lag(at) OVER w AS pt, lag(availability) OVER w AS pa,"
	    "   lag(activity) OVER w AS pc FROM transitions WHERE ";
	static const char tail[] =
	    "   WINDOW w AS (PARTITION BY id ORDER BY at)) c"
	    "  WHERE pt IS NULL OR pa IS DISTINCT FROM availability"
	    "   OR pc IS DISTINCT FROM activity) x"
	    " WHERE rn <= %d ORDER BY id, at";
	struct pgsource_history *h;
	struct store_transition *t;
	const char *params[1] = { arr };
	PGresult *res;
	char *sql, *fmt;
	size_t k;
	int i;

	xasprintf(&fmt, "%s%s%s", head,
	    arr != NULL ? "id = ANY($1::text[])"
	                : "id IN (SELECT id FROM roster)",
	    tail);
	xasprintf(&sql, fmt, STORE_HISTORY);
	free(fmt);
	res = pgsource_query(ps, sql, arr != NULL ? 1 : 0,
	    arr != NULL ? params : NULL, NULL);
	free(sql);
	if (res == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		if ((k = pgsource_find(ps, PQgetvalue(res, i, 0))) ==
		    (size_t)-1)
			continue;
		h = &ps->hist[k];
		if (h->n == STORE_HISTORY)
			continue;
		t = &h->v[h->n++];
		t->at = (time_t)strtoll(PQgetvalue(res, i, 1), NULL, 10);
		t->availability = PQgetisnull(res, i, 2)
		    ? NULL
		    : xstrdup(PQgetvalue(res, i, 2));
		t->activity = PQgetisnull(res, i, 3)
		    ? NULL
		    : xstrdup(PQgetvalue(res, i, 3));
	}
	PQclear(res);
}

/* Free the people read. */
static void
pgsource_forget(struct pgsource *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		pg_person_done(&ps->v[i]);
		pgsource_history_done(&ps->hist[i]);
	}
	free(ps->v);
	free(ps->hist);
	ps->hist = NULL;
	free(ps->by_id);
	ps->v = NULL;
	ps->by_id = NULL;
	ps->n = 0;
}

/* Read the whole roster. */
static void
pgsource_load(struct pgsource *ps)
{
	PGresult *res;
	char *sql;
	size_t i;

	xasprintf(&sql,
	    "SELECT %s FROM roster JOIN people USING (id) ORDER BY position",
	    pg_person_columns);
	res = pgsource_query(ps, sql, 0, NULL, NULL);
	free(sql);
	if (res == NULL)
		return;
	pgsource_forget(ps);
	ps->n = (size_t)PQntuples(res);
	ps->v = xcalloc(ps->n + 1, sizeof *ps->v);
	ps->hist = xcalloc(ps->n + 1, sizeof *ps->hist);
	ps->by_id = xcalloc(ps->n + 1, sizeof *ps->by_id);
	for (i = 0; i < ps->n; i++) {
		pg_person_read(res, (int)i, &ps->v[i]);
		if (ps->v[i].user.id == NULL)
			ps->v[i].user.id = xstrdup("");
		ps->by_id[i] = i;
	}
	PQclear(res);
	qsort_r(ps->by_id, ps->n, sizeof *ps->by_id, pgsource_cmp, ps);
	if (ps->pc != NULL)
		pgsource_history(ps, NULL);
	ps->loaded = 1;
	pgsource_publish(ps);
}

/* A text[] literal of ids. */
static char *
pgsource_array(char *const *ids, size_t n)
{
	size_t i, len = 3, at = 0;
	const char *p;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(ids[i]) * 2 + 3;
	s = xmalloc(len);
	s[at++] = '{';
	for (i = 0; i < n; i++) {
		if (i != 0)
			s[at++] = ',';
		s[at++] = '"';
		for (p = ids[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				s[at++] = '\\';
			s[at++] = *p;
		}
		s[at++] = '"';
	}
	s[at++] = '}';
	s[at] = '\0';
	return s;
}

/* Forget the ids NOTIFYed. */
static void
pgsource_clear_ids(struct pgsource *ps)
{
	size_t i;

	for (i = 0; i < ps->nids; i++)
		free(ps->ids[i]);
	ps->nids = 0;
}

/* Read again the people NOTIFYed. */
static void
pgsource_update(struct pgsource *ps)
{
	PGresult *res;
	struct pg_person p;
	const char *params[1];
	char *sql, *arr;
	size_t i, k;
	int j;

	if (ps->nids == 0)
		return;
	arr = pgsource_array(ps->ids, ps->nids);
	params[0] = arr;
	xasprintf(&sql, "SELECT %s FROM people WHERE id = ANY($1::text[])",
	    pg_person_columns);
	res = pgsource_query(ps, sql, 1, params, NULL);
	free(sql);
	if (res == NULL) {
		free(arr);
		pgsource_clear_ids(ps);
		return;
	}
	for (j = 0; j < PQntuples(res); j++) {
		pg_person_read(res, j, &p);
		if (p.user.id == NULL ||
		    (k = pgsource_find(ps, p.user.id)) == (size_t)-1) {
			pg_person_done(&p);
			continue;
		}
		pg_person_done(&ps->v[k]);
		ps->v[k] = p;
	}
	PQclear(res);
	for (i = 0; i < ps->nids; i++) {
		if ((k = pgsource_find(ps, ps->ids[i])) != (size_t)-1)
			pgsource_history_done(&ps->hist[k]);
	}
	if (ps->pc != NULL)
		pgsource_history(ps, arr);
	free(arr);
	pgsource_clear_ids(ps);
	pgsource_publish(ps);
}

/* Read serve's status: when it refreshed, and whether it is late. */
static void
pgsource_status(struct pgsource *ps)
{
	struct pgsource_status a;
	PGresult *res;
	long long age;
	char *late = NULL;

	ps->next_status = time(NULL) + ps->refresh;
	res = pgsource_query(ps,
	    "SELECT fetched, last_ok, next_refresh, stale,"
	    " extract(epoch FROM now() - updated_at)::bigint, error"
	    " FROM serve_status",
	    0, NULL, NULL);
	if (res == NULL)
		return;
	memset(&a, 0, sizeof a);
	a.loaded = ps->loaded;
	if (PQntuples(res) == 1) {
		ps->fetched = (time_t)strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		a.last_ok = (time_t)strtoll(PQgetvalue(res, 0, 1), NULL, 10);
		a.next = (time_t)strtoll(PQgetvalue(res, 0, 2), NULL, 10);
		a.stale = *PQgetvalue(res, 0, 3) == 't';
		if (!PQgetisnull(res, 0, 5)) {
			/* Graph's error, as serve had it. */
			xasprintf(&late, "teamtop serve: %s",
			    PQgetvalue(res, 0, 5));
			a.error = late;
		}
		age = strtoll(PQgetvalue(res, 0, 4), NULL, 10);
		if (age > 3LL * ps->refresh + 5) {
			a.stale = 1;
			free(late);
			xasprintf(&late,
			    "teamtop serve has written nothing for %lld s",
			    age);
			a.error = late;
		}
	} else {
		a.stale = 1;
		a.error = "no teamtop serve has written to this database yet";
	}
	PQclear(res);
	store_set_status(ps->store, pgsource_status_fn, &a);
	free(late);
	pgsource_wake(ps);
}

/* Tell the outcome of an action. */
static void
pgsource_outcome(struct pgsource *ps, const struct action *a, int ok,
    const char *text)
{
	struct store_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = STORE_EVENT_OUTCOME;
	ev.action = (int)a->kind;
	ev.tag = a->tag;
	ev.ok = ok;
	ev.id = (char *)a->id;
	ev.text = (char *)text;
	store_push_event(ps->store, &ev);
	pthread_mutex_lock(&ps->lock);
	ps->pending--;
	pthread_mutex_unlock(&ps->lock);
	pgsource_wake(ps);
}

/* A fresh read for details: the person as the database has them. */
static void
pgsource_detail(struct pgsource *ps, const struct action *a)
{
	struct store_event ev;
	size_t k;

	memset(&ev, 0, sizeof ev);
	ev.kind = STORE_EVENT_DETAIL;
	ev.action = (int)a->kind;
	ev.tag = a->tag;
	ev.id = (char *)a->id;
	k = pgsource_find(ps, a->id);
	ev.ok = k != (size_t)-1 && ps->v[k].have_presence;
	ev.text = ev.ok ? (char *)"" : (char *)"not in the database";
	if (ev.ok) {
		ev.have_presence = 1;
		ev.presence = ps->v[k].presence;
	}
	store_push_event(ps->store, &ev);
	pthread_mutex_lock(&ps->lock);
	ps->pending--;
	pthread_mutex_unlock(&ps->lock);
	pgsource_wake(ps);
}

/* Insert the actions submitted; they stay queued here until that works. */
static void
pgsource_send(struct pgsource *ps)
{
	struct pgsource_item *it;
	const char *p[3];
	PGresult *res;
	char *body, *error = NULL, *text;

	for (;;) {
		pthread_mutex_lock(&ps->lock);
		it = ps->head;
		pthread_mutex_unlock(&ps->lock);
		if (it == NULL || ps->pc == NULL)
			return;
		if (it->action->kind != ACTION_READ) {
			body = pg_action_body(it->action);
			p[0] = action_name(it->action->kind);
			p[1] = it->action->id;
			p[2] = body;
			res = pgsource_query(ps,
			    "INSERT INTO actions (kind, target, body)"
			    " VALUES ($1, $2, $3) RETURNING id",
			    3, p, &error);
			free(body);
			if (res == NULL && ps->pc == NULL)
				return; /* Kept: sent once connected again. */
		} else
			res = NULL;
		pthread_mutex_lock(&ps->lock);
		ps->head = it->next;
		if (ps->head == NULL)
			ps->tail = NULL;
		pthread_mutex_unlock(&ps->lock);
		it->next = NULL;
		if (it->action->kind == ACTION_READ) {
			pgsource_detail(ps, it->action);
			free(it->action);
			free(it);
		} else if (res == NULL) {
			xasprintf(&text, "%s for %s not queued: %s",
			    action_name(it->action->kind), it->action->id,
			    error);
			pgsource_outcome(ps, it->action, 0, text);
			free(text);
			free(error);
			error = NULL;
			free(it->action);
			free(it);
		} else {
			it->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
			PQclear(res);
			log_debug("pgsource: queued action %lld", it->id);
			it->next = ps->waiting;
			ps->waiting = it;
		}
	}
}

/* Tell the outcomes of the actions serve has done. */
static void
pgsource_outcomes(struct pgsource *ps)
{
	struct pgsource_item **pp, *it;
	PGresult *res;
	const char *p[1];
	char *arr, **ids, *t;
	size_t n = 0, i;
	int j, ok;

	ps->check_outcomes = 0;
	for (it = ps->waiting; it != NULL; it = it->next)
		n++;
	if (n == 0)
		return;
	ids = xcalloc(n, sizeof *ids);
	for (i = 0, it = ps->waiting; it != NULL; it = it->next)
		xasprintf(&ids[i++], "%lld", it->id);
	arr = pgsource_array(ids, n);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	p[0] = arr;
	res = pgsource_query(ps,
	    "SELECT id, state, outcome, attempts FROM actions"
	    " WHERE id = ANY($1::bigint[])"
	    " AND state IN ('done', 'failed', 'unknown')",
	    1, p, NULL);
	free(arr);
	if (res == NULL)
		return;
	for (j = 0; j < PQntuples(res); j++) {
		long long id = strtoll(PQgetvalue(res, j, 0), NULL, 10);
		const char *state = PQgetvalue(res, j, 1);

		for (pp = &ps->waiting; (it = *pp) != NULL; pp = &it->next) {
			if (it->id == id)
				break;
		}
		if (it == NULL)
			continue;
		*pp = it->next;
		ok = strcmp(state, "done") == 0    ? 1
		    : strcmp(state, "failed") == 0 ? 0
		                                   : -1;
		if (PQgetisnull(res, j, 2))
			xasprintf(&t, "%s for %s: %s",
			    action_name(it->action->kind), it->action->id,
			    state);
		else
			t = xstrdup(PQgetvalue(res, j, 2));
		pgsource_outcome(ps, it->action, ok, t);
		free(t);
		free(it->action);
		free(it);
	}
	PQclear(res);
}

/* Register what this dashboard watches, for serve to poll it too. */
static void
pgsource_register(struct pgsource *ps)
{
	const char *p[2];
	PGresult *res;
	size_t i;
	char *error = NULL;

	for (i = 0; i < ps->cfg->nusers + ps->cfg->ngroups && ps->pc; i++) {
		p[0] = i < ps->cfg->nusers ? "user" : "group";
		p[1] = i < ps->cfg->nusers
		    ? ps->cfg->users[i]
		    : ps->cfg->groups[i - ps->cfg->nusers];
		res = pgsource_query(ps,
		    "INSERT INTO watches (kind, value) VALUES ($1, $2)"
		    " ON CONFLICT (kind, value, registered_by)"
		    " DO UPDATE SET registered_at = now()",
		    2, p, &error);
		if (res == NULL && error != NULL) {
			store_notice(ps->store, "%s", error);
			free(error);
			return;
		}
		PQclear(res);
	}
}

/* A notification. */
static void
pgsource_notified(const char *channel, const char *payload, void *arg)
{
	struct pgsource *ps = arg;
	const char *p, *end;

	if (strcmp(channel, PG_CHANNEL_ROSTER) == 0) {
		pthread_mutex_lock(&ps->lock);
		ps->reload = 1;
		pthread_mutex_unlock(&ps->lock);
	} else if (strcmp(channel, PG_CHANNEL_OUTCOME) == 0)
		ps->check_outcomes = 1;
	else if (strcmp(channel, PG_CHANNEL_STATUS) == 0)
		ps->next_status = 0;
	else if (strcmp(channel, PG_CHANNEL_PEOPLE) == 0) {
		for (p = payload; *p != '\0'; p = *end ? end + 1 : end) {
			end = p + strcspn(p, ",");
			if (end == p)
				continue;
			ps->ids = xgrowarray(ps->ids, ps->nids, &ps->capids,
			    sizeof *ps->ids);
			ps->ids[ps->nids++] = xstrndup(p, (size_t)(end - p));
		}
	}
}

/* Connect, listen, register, and read everything. */
static void
pgsource_connect(struct pgsource *ps)
{
	char *cause = NULL;

	ps->next_try = time(NULL) + 2;
	if ((ps->pc = pg_open(ps->cfg->db, &cause)) == NULL) {
		pgsource_down(ps, cause);
		free(cause);
		return;
	}
	if (pg_exec(ps->pc,
	        "LISTEN " PG_CHANNEL_PEOPLE "; LISTEN " PG_CHANNEL_ROSTER
	        "; LISTEN " PG_CHANNEL_STATUS "; LISTEN " PG_CHANNEL_OUTCOME,
	        &cause) != 0) {
		pgsource_lost(ps, cause);
		free(cause);
		return;
	}
	ps->said = 0;
	log_debug("pgsource: connected");
	pgsource_register(ps);
	if (ps->pc != NULL)
		pgsource_load(ps);
	ps->next_status = 0;
	ps->check_outcomes = 1;
}

/* The thread: connect, read, listen, until told to quit. */
static void *
pgsource_main(void *arg)
{
	struct pgsource *ps = arg;
	struct pollfd pfd[2];
	char buf[64];
	nfds_t n;
	int reload;

	while (!pgsource_quitting(ps)) {
		if (ps->pc == NULL && time(NULL) >= ps->next_try)
			pgsource_connect(ps);
		if (ps->pc != NULL)
			pgsource_send(ps);
		pthread_mutex_lock(&ps->lock);
		reload = ps->reload;
		ps->reload = 0;
		pthread_mutex_unlock(&ps->lock);
		if (ps->pc != NULL && reload) {
			for (; ps->nids > 0; ps->nids--)
				free(ps->ids[ps->nids - 1]);
			pgsource_load(ps);
		}
		if (ps->pc != NULL)
			pgsource_update(ps);
		if (ps->pc != NULL && ps->check_outcomes)
			pgsource_outcomes(ps);
		if (ps->pc != NULL && time(NULL) >= ps->next_status) {
			pgsource_status(ps);
			/* Outcomes NOTIFYed while away are found too. */
			ps->check_outcomes = 1;
		}

		n = 0;
		pfd[n].fd = ps->ctl[0];
		pfd[n++].events = POLLIN;
		if (ps->pc != NULL) {
			pfd[n].fd = pg_fd(ps->pc);
			pfd[n++].events = POLLIN;
		}
		if (poll(pfd, n, 1000) < 0 && errno != EINTR)
			continue;
		if (pfd[0].revents & POLLIN) {
			while (read(ps->ctl[0], buf, sizeof buf) > 0)
				continue;
		}
		if (ps->pc != NULL && n > 1 && pfd[1].revents != 0 &&
		    pg_notifications(ps->pc, pgsource_notified, ps) != 0)
			pgsource_lost(ps, "database: the connection was lost");
	}
	return NULL;
}

/* The source's descriptor. */
static int
pgsource_fd(void *data)
{
	struct pgsource *ps = data;

	return ps->wake[0];
}

/* Empty the wake pipe. */
static void
pgsource_drain(void *data)
{
	struct pgsource *ps = data;
	char buf[256];

	while (read(ps->wake[0], buf, sizeof buf) > 0)
		continue;
}

/* Read everything again. */
static void
pgsource_refresh(void *data)
{
	struct pgsource *ps = data;

	pthread_mutex_lock(&ps->lock);
	ps->reload = 1;
	pthread_mutex_unlock(&ps->lock);
	pgsource_poke(ps);
}

/* Queue an action for the thread. */
static void
pgsource_submit(void *data, const struct action *a)
{
	struct pgsource *ps = data;
	struct pgsource_item *it;

	it = xcalloc(1, sizeof *it);
	it->action = action_copy(a);
	pthread_mutex_lock(&ps->lock);
	if (ps->tail != NULL)
		ps->tail->next = it;
	else
		ps->head = it;
	ps->tail = it;
	ps->pending++;
	pthread_mutex_unlock(&ps->lock);
	pgsource_poke(ps);
}

/* Actions not yet done. */
static size_t
pgsource_pending(void *data)
{
	struct pgsource *ps = data;
	size_t n;

	pthread_mutex_lock(&ps->lock);
	n = ps->pending;
	pthread_mutex_unlock(&ps->lock);
	return n;
}

/* Free a list of items. */
static void
pgsource_items_free(struct pgsource_item *it)
{
	struct pgsource_item *next;

	for (; it != NULL; it = next) {
		next = it->next;
		free(it->action);
		free(it);
	}
}

/* Stop the thread and free everything. */
static void
pgsource_stop(void *data)
{
	struct pgsource *ps = data;
	size_t i;

	pthread_mutex_lock(&ps->lock);
	__atomic_store_n(&ps->quit, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&ps->lock);
	pgsource_poke(ps);
	pthread_join(ps->thread, NULL);
	pgsource_items_free(ps->head);
	pgsource_items_free(ps->waiting);
	pgsource_forget(ps);
	for (i = 0; i < ps->nids; i++)
		free(ps->ids[i]);
	free(ps->ids);
	pg_close(ps->pc);
	pthread_mutex_destroy(&ps->lock);
	for (i = 0; i < 2; i++) {
		close(ps->wake[i]);
		close(ps->ctl[i]);
	}
	free(ps);
}

static const struct source_ops pgsource_ops = {
	.name = "database",
	.fd = pgsource_fd,
	.drain = pgsource_drain,
	.refresh = pgsource_refresh,
	.submit = pgsource_submit,
	.pending = pgsource_pending,
	.stop = pgsource_stop,
};

/* The database as a source. */
struct source *
pgsource_new(const struct cfg *cfg, char **cause)
{
	struct pgsource *ps;
	struct pgsource_status a;
	sigset_t all, old;
	int i, rc;

	ps = xcalloc(1, sizeof *ps);
	ps->cfg = cfg;
	ps->refresh =
	    cfg->refresh > 0 ? (int)cfg->refresh : CFG_REFRESH_DEFAULT;
	if (pipe(ps->wake) != 0 || pipe(ps->ctl) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		free(ps);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		fcntl(ps->wake[i], F_SETFL,
		    fcntl(ps->wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(ps->wake[i], F_SETFD, FD_CLOEXEC);
		fcntl(ps->ctl[i], F_SETFL,
		    fcntl(ps->ctl[i], F_GETFL) | O_NONBLOCK);
		fcntl(ps->ctl[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&ps->lock, NULL);
	ps->store = store_new();
	memset(&a, 0, sizeof a);
	store_set_status(ps->store, pgsource_status_fn, &a);

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&ps->thread, NULL, pgsource_main, ps);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		xasprintf(cause, "cannot start the database reader: %s",
		    strerror(rc));
		store_free(ps->store);
		pthread_mutex_destroy(&ps->lock);
		for (i = 0; i < 2; i++) {
			close(ps->wake[i]);
			close(ps->ctl[i]);
		}
		free(ps);
		return NULL;
	}
	return source_new(&pgsource_ops, ps, ps->store);
}
