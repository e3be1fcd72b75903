/*
 * The poller: two threads, each with its own struct graph (and so its own
 * curl handles). The refresh thread resolves the roster and refreshes
 * everyone's presence each interval; between cycles it sleeps on a
 * condition variable (CLOCK_MONOTONIC), so quitting and "refresh now" wake
 * it at once. The action thread sends queued actions as they come, never
 * behind a refresh or its throttling, and re-reads the people they
 * touched. Both tell the UI through the store and one byte on a
 * non-blocking pipe.
 */
#include "config.h"

#include "poller.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "audit.h"
#include "cfg.h"
#include "cred.h"
#include "graph.h"
#include "http.h"
#include "log.h"
#include "presence.h"
#include "recorder.h"
#include "roster.h"
#include "source.h"
#include "store.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* A queued action, with its own copy. */
struct poller_item {
	struct action *action;
	struct poller_item *next;
};

struct poller {
	const struct cfg *cfg;
	struct store *store;
	struct graph *graph;     /* Refresh thread only. */
	struct graph *act_graph; /* Action thread only. */
	int refresh;             /* Seconds between refreshes. */

	pthread_t thread;     /* Refreshes. */
	pthread_t act_thread; /* Sends actions. */
	pthread_mutex_t lock;
	pthread_cond_t cond;      /* Refresh thread; on CLOCK_MONOTONIC. */
	pthread_cond_t act_cond;  /* Action thread. */
	int quit;                 /* Protected by lock; read atomically too. */
	int refresh_now;          /* Protected by lock. */
	struct poller_item *head; /* Protected by lock. */
	struct poller_item *tail; /* Protected by lock. */
	size_t pending;           /* Queued or under way. Protected by lock. */

	int pipe[2]; /* [0] for the UI, [1] written by the poller. */

	int have_roster;  /* Poller thread only. */
	int failures;     /* Consecutive failed cycles. */
	int audit_warned; /* Action thread only: said the trail failed. */
	struct recorder *recorder; /* Refresh thread only; NULL: no history. */
	unsigned int seed;         /* For the backoff jitter. */
	struct timespec last_progress; /* Of the last progress wake-up. */
	struct user me; /* Refresh thread only: the signed-in user. */
	int me_asked;   /* Refresh thread only: GET /me was sent. */

	/* The people of the roster (the store holds them). Poller thread. */
	size_t people;
};

/* Seconds on the monotonic clock. */
static double
poller_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wake the UI: one byte on the pipe; a full pipe already wakes it. */
static void
poller_wake(struct poller *p)
{
	ssize_t n;

	do
		n = write(p->pipe[1], "", 1);
	while (n == -1 && errno == EINTR);
}

/* Has quitting been asked for? For graph's cancel callback. */
static int
poller_cancelled(void *arg)
{
	struct poller *p = arg;

	return __atomic_load_n(&p->quit, __ATOMIC_ACQUIRE);
}

/* A roster being resolved, for poller_roster_page. */
struct poller_roster {
	struct poller *p;
	struct store_roster *sr;
	size_t n;
};

/* Status changes made under the store's lock. */
struct poller_status_arg {
	int what;
	size_t done, total;
	time_t now, next;
	double rtt;
	int throttled, offline;
	int asked;   /* POLLER_ST_WAIT: Graph asked for the wait. */
	long budget; /* POLLER_ST_NEXT: the stretched interval, or 0. */
	const char *error;
	int own_write;      /* POLLER_ST_ME. */
	const char *scopes; /* POLLER_ST_ME. */
};

enum {
	POLLER_ST_ROSTER,
	POLLER_ST_RUNNING,
	POLLER_ST_BUSY,
	POLLER_ST_OK,
	POLLER_ST_FAILED,
	POLLER_ST_NEXT,
	POLLER_ST_WAIT,
	POLLER_ST_ME,
};

/* Apply a status change. */
static void
poller_status_fn(struct store_status *st, void *arg)
{
	struct poller_status_arg *a = arg;

	switch (a->what) {
	case POLLER_ST_ROSTER:
		st->phase = STORE_ROSTER;
		st->roster_done = a->done;
		st->roster_total = a->total;
		break;
	case POLLER_ST_RUNNING:
		st->phase = STORE_RUNNING;
		break;
	case POLLER_ST_BUSY:
		st->busy = 1;
		break;
	case POLLER_ST_OK:
		st->busy = 0;
		st->waiting = 0;
		st->throttled_until = 0;
		st->last_ok = a->now;
		st->rtt = a->rtt;
		st->throttled = a->throttled;
		st->stale = 0;
		st->offline = 0;
		st->error[0] = '\0';
		break;
	case POLLER_ST_FAILED:
		st->busy = 0;
		st->waiting = 0;
		st->throttled_until = 0;
		st->rtt = a->rtt;
		st->throttled = a->throttled;
		st->stale = 1;
		st->offline = a->offline;
		snprintf(st->error, sizeof st->error, "%s", a->error);
		break;
	case POLLER_ST_NEXT:
		st->next_refresh = a->next;
		st->budget_refresh = a->budget;
		break;
	case POLLER_ST_WAIT:
		st->waiting = a->next != 0;
		st->throttled_until = a->asked ? a->next : 0;
		if (a->throttled)
			st->throttled = 1;
		break;
	case POLLER_ST_ME:
		st->own_write = a->own_write;
		snprintf(st->scopes, sizeof st->scopes, "%s", a->scopes);
		snprintf(st->me_error, sizeof st->me_error, "%s",
		    a->error != NULL ? a->error : "");
		break;
	}
}

/* Change the status. */
static void
poller_status(struct poller *p, struct poller_status_arg *a)
{
	store_set_status(p->store, poller_status_fn, a);
}

/*
 * The refresh thread's requests wait before they ask again (ms > 0), or
 * no longer (ms 0): show it while it lasts, THROTTLED with its end when
 * Graph asked for it.
 */
static void
poller_waiting(void *arg, long ms, long status)
{
	struct poller *p = arg;
	struct poller_status_arg a;

	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_WAIT;
	if (ms > 0) {
		a.next = time(NULL) + (ms + 999) / 1000;
		a.asked = status != 0;
		a.throttled = status == 429;
	}
	poller_status(p, &a);
	poller_wake(p);
}

/* An action waits as Graph asked: say so, since it may take long. */
static void
poller_act_waiting(void *arg, long ms, long status)
{
	struct poller *p = arg;

	if (ms >= 1000 && status != 0)
		store_notice(p->store,
		    "Graph answered %ld and asked to wait %ld s: the action "
		    "is sent again then",
		    status, (ms + 999) / 1000);
}

/* Roster progress: tell the UI, at most every 100 ms. */
static void
poller_progress(void *arg, size_t done, size_t total)
{
	struct poller *p = arg;
	struct poller_status_arg a;
	struct timespec now;
	long ms;

	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_ROSTER;
	a.done = done;
	a.total = total;
	poller_status(p, &a);
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - p->last_progress.tv_sec) * 1000 +
	    (now.tv_nsec - p->last_progress.tv_nsec) / 1000000;
	if (ms >= 100) {
		p->last_progress = now;
		poller_wake(p);
	}
}

/* Record a failed cycle. */
static void
poller_failed(struct poller *p, const struct graph_error *e, const char *what)
{
	struct poller_status_arg a;
	char *s, *msg;

	/* Graph's code first: the status bar may have room for little. */
	s = graph_error_string(e);
	if (e->code != NULL && e->status != 0)
		xasprintf(&msg, "%s: %s (%ld): %s", what, e->code, e->status,
		    e->message != NULL ? e->message : "");
	else if (e->code != NULL)
		xasprintf(&msg, "%s: %s: %s", what, e->code,
		    e->message != NULL ? e->message : "");
	else
		xasprintf(&msg, "%s: %s", what, s);
	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_FAILED;
	a.rtt = graph_last_rtt(p->graph);
	a.throttled = e->throttled || e->status == 429;
	a.offline = e->kind == GRAPH_ERR_NETWORK && e->status == 0;
	a.error = msg;
	poller_status(p, &a);
	log_debug("poller: %s: %s", what, s);
	free(msg);
	free(s);
	p->failures++;
}

/* Make the rows of a part of the roster as it comes. */
static int
poller_roster_page(void *arg, struct user_list *users, struct graph_error *e)
{
	struct poller_roster *r = arg;

	(void)e;
	store_roster_add(r->sr, users);
	r->n += users->n;
	poller_progress(r->p, r->n, 0);
	return 0;
}

/*
 * Resolve the roster; 0 on success. Its people go to the store a page at
 * a time, so that the directory is never held twice.
 */
static int
poller_roster(struct poller *p)
{
	struct poller_status_arg a;
	struct poller_roster r;
	struct graph_error e;
	int rc;

	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_ROSTER;
	poller_status(p, &a);
	poller_wake(p);
	graph_error_init(&e);
	r.p = p;
	r.n = 0;
	r.sr = store_roster_new(p->store, time(NULL));
	rc = roster_each(p->graph, p->cfg, poller_roster_page, &r, NULL, &e);
	if (rc != 0) {
		store_roster_free(r.sr);
		if (!poller_cancelled(p))
			poller_failed(p, &e, "roster");
		graph_error_done(&e);
		return -1;
	}
	graph_error_done(&e);
	poller_progress(p, r.n, r.n);
	p->have_roster = 1;
	p->people = store_roster_publish(r.sr);
	log_debug("poller: roster of %zu people", p->people);
	a.what = POLLER_ST_RUNNING;
	poller_status(p, &a);
	return 0;
}

/* Record what changed in the history; on an error, say so and stop. */
static void
poller_record(struct poller *p)
{
	char *cause = NULL;

	if (p->recorder == NULL ||
	    recorder_run(p->recorder, time(NULL), &cause) == 0)
		return;
	store_notice(p->store, "%s; the history is off until restart", cause);
	log_debug("poller: %s", cause);
	free(cause);
	recorder_free(p->recorder);
	p->recorder = NULL;
}

/* Open the history, if it is kept; say why when it cannot be. */
static void
poller_history(struct poller *p)
{
	char *cause = NULL;

	if (!p->cfg->history)
		return;
	if ((p->recorder = recorder_new(p->cfg, p->store, &cause)) == NULL) {
		store_notice(p->store, "%s; the history is off", cause);
		free(cause);
	}
}

/*
 * Signed in as a user: read one's own presence (GET /me/presence) with g,
 * publish it with who they are (u; NULL keeps who the store has), and say
 * what the token may write. 0 with *out filled, or -1.
 */
static int
poller_me(struct poller *p, struct graph *g, const struct user *u,
    struct presence *out)
{
	struct poller_status_arg a;
	struct graph_error e;
	struct snapshot *s;
	struct user only;
	unsigned int granted;
	char *err = NULL, *words;
	int rc;

	graph_error_init(&e);
	memset(out, 0, sizeof *out);
	rc = graph_get_me(g, out, &e);
	if (rc == 0) {
		memset(&only, 0, sizeof only);
		only.id = out->id;
		s = store_acquire(p->store);
		if (u == NULL && s->me == NULL)
			u = &only; /* Nothing known of them yet but the id. */
		snapshot_release(s);
		store_publish_me(p->store, u, out, time(NULL));
	} else {
		words = graph_error_string(&e);
		log_debug("poller: /me/presence: %s", words);
		/* Made inert here, as the store does with all of Graph's. */
		err = text_sanitize(words);
		free(words);
	}
	granted = graph_granted(g);
	words = cred_scope_words(granted);
	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_ME;
	if (granted & CRED_SCOPE_KNOWN)
		a.own_write = (granted & CRED_SCOPE_WRITE) ? 1 : -1;
	a.scopes = words;
	a.error = err;
	poller_status(p, &a);
	free(words);
	free(err);
	graph_error_done(&e);
	return rc;
}

/*
 * The refresh thread's read of one's own presence, once a refresh: who
 * the signed-in user is comes from GET /me the first time (the roster's
 * row when that is refused).
 */
static void
poller_me_refresh(struct poller *p)
{
	struct graph_error e;
	struct presence pr;
	const struct store_row *r;
	struct snapshot *s;
	struct user known;

	if (!graph_delegated(p->graph))
		return;
	if (!p->me_asked) {
		p->me_asked = 1;
		graph_error_init(&e);
		if (graph_get_me_user(p->graph, &p->me, &e) != 0)
			log_debug("poller: /me: %s", e.message);
		graph_error_done(&e);
	}
	if (poller_me(p, p->graph, p->me.id != NULL ? &p->me : NULL, &pr) ==
	        0 &&
	    p->me.id == NULL && pr.id != NULL) {
		/* GET /me refused: who they are as the roster has them. */
		s = store_acquire(p->store);
		if ((r = snapshot_find(s, pr.id)) != NULL) {
			memset(&known, 0, sizeof known);
			known.id = r->id;
			known.display_name = r->name;
			known.upn = r->upn;
			known.mail = r->mail;
			known.department = r->department;
			known.job_title = r->job_title;
			user_copy(&p->me, &known);
			store_publish_me(p->store, &p->me, &pr, time(NULL));
		}
		snapshot_release(s);
	}
	presence_done(&pr);
	poller_wake(p);
}

/*
 * Rows a refresh changes before they are published, even though the
 * refresh goes on: the first one shows presence as it comes and frees
 * the rows without presence as it goes.
 */
#define POLLER_FLUSH 20000

/* A refresh under way, for poller_chunk. */
struct poller_refresh {
	struct poller *p;
	struct store_batch *b;
};

/* Apply one chunk's presences to the refresh being built. */
static int
poller_chunk(void *arg, struct presence_list *pl)
{
	struct poller_refresh *r = arg;

	store_batch_add(r->b, pl, time(NULL));
	if (store_batch_pending(r->b) >= POLLER_FLUSH) {
		store_batch_flush(r->b);
		poller_wake(r->p);
	}
	return 0;
}

/* Is this presence known unchanged (graph_parse_known_cb)? */
static int
poller_known(void *arg, const char *id, const char *sequence)
{
	struct poller_refresh *r = arg;

	return store_batch_known(r->b, id, sequence);
}

/*
 * Fetch everyone's presence and publish it; 0 on success. The answers are
 * applied as they come, a few chunks at a time, and presences Graph says
 * are unchanged (the same sequenceNumber) are not even built.
 */
static int
poller_cycle(struct poller *p)
{
	struct poller_status_arg a;
	struct poller_refresh r;
	struct store_batch *b;
	struct snapshot *held;
	struct graph_error e;
	const char **ids;
	char *buf;
	size_t i, n, len, changed;
	int rc;

	if (!p->have_roster && poller_roster(p) != 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_BUSY;
	poller_status(p, &a);

	/*
	 * The ids asked for, copied: the batch publishes as it goes, so the
	 * rows they came from may be gone before the last chunk is asked.
	 */
	held = store_acquire(p->store);
	n = held->n;
	for (i = 0, len = 0; i < n; i++)
		len += strlen(held->rows[i]->id) + 1;
	ids = xreallocarray(NULL, n + 1, sizeof *ids);
	buf = xmalloc(len + 1);
	for (i = 0, len = 0; i < n; i++) {
		ids[i] = buf + len;
		strcpy(buf + len, held->rows[i]->id);
		len += strlen(held->rows[i]->id) + 1;
	}
	snapshot_release(held);
	b = store_batch_new(p->store);
	graph_error_init(&e);
	r.p = p;
	r.b = b;
	rc = graph_each_presences(p->graph, ids, n, poller_known, poller_chunk,
	    &r, &e);
	free(ids);
	free(buf);
	if (rc != 0) {
		store_batch_free(b);
		if (!poller_cancelled(p))
			poller_failed(p, &e, "refresh");
		graph_error_done(&e);
		return -1;
	}
	changed = store_batch_publish(b, time(NULL));
	poller_record(p);
	memset(&a, 0, sizeof a);
	a.what = POLLER_ST_OK;
	a.now = time(NULL);
	a.rtt = graph_last_rtt(p->graph);
	a.throttled = e.throttled;
	poller_status(p, &a);
	graph_error_done(&e);
	log_debug("poller: refreshed %zu people, %zu changed, %.3f s", n,
	    changed, a.rtt);
	p->failures = 0;
	return 0;
}

/* Does an action write the signed-in user's own presence? */
static int
poller_is_me(struct poller *p, const struct action *a)
{
	struct snapshot *s;
	int me;

	if (!action_writes(a->kind))
		return 0;
	if (action_to_me(a))
		return 1;
	s = store_acquire(p->store);
	me = s->me != NULL && s->me->id != NULL && a->id != NULL &&
	    strcmp(s->me->id, a->id) == 0;
	snapshot_release(s);
	return me;
}

/* The display name of a user id for messages (sanitised), or the id. */
static char *
poller_who(struct poller *p, const char *id)
{
	struct snapshot *s;
	const struct store_row *r;
	char *who;

	s = store_acquire(p->store);
	r = snapshot_find(s, id);
	if (r == NULL && s->me != NULL &&
	    (id == NULL || (s->me->id != NULL && strcmp(s->me->id, id) == 0)))
		r = s->me;
	who = xstrdup(r != NULL ? r->d_name : id != NULL ? id : "you");
	snapshot_release(s);
	return who;
}

/*
 * Why a write Graph refused with 403 was refused, and which permission
 * would allow it: who is signed in and what the token holds, as known.
 */
static char *
poller_permission(struct poller *p, const struct action *a)
{
	struct store_status st;
	struct snapshot *s;
	char *user = NULL, *why;

	store_get_status(p->store, &st);
	s = store_acquire(p->store);
	if (s->me != NULL && *s->me->d_upn != '\0')
		xasprintf(&user, "%s <%s>", s->me->d_name, s->me->d_upn);
	else if (s->me != NULL)
		user = xstrdup(s->me->d_name);
	snapshot_release(s);
	why = action_permission(graph_delegated(p->act_graph),
	    poller_is_me(p, a), user, st.scopes);
	free(user);
	return why;
}

/*
 * Read one person fresh (GET presence, not the bulk call a refresh uses)
 * and update their row; 0 on success with *pr filled.
 */
static int
poller_read(struct poller *p, const char *id, struct presence *pr,
    struct graph_error *e)
{
	struct presence_list pl;
	struct action read;

	memset(&read, 0, sizeof read);
	read.kind = ACTION_READ;
	read.id = id;
	if (action_perform(p->act_graph, &read, pr, e) != 0)
		return -1;
	memset(&pl, 0, sizeof pl);
	presence_copy(presence_list_add(&pl), pr);
	if (pl.v[0].id == NULL)
		pl.v[0].id = xstrdup(id);
	store_update(p->store, &pl, time(NULL));
	presence_list_done(&pl);
	return 0;
}

/* Tell the outcome of an action as an event. */
static void
poller_outcome(struct poller *p, const struct action *a, int ok,
    const struct presence *read, const struct graph_error *e)
{
	struct store_event ev;
	struct graph_error bare;
	char *who, *why, *err = NULL;

	memset(&ev, 0, sizeof ev);
	ev.kind =
	    a->kind == ACTION_READ ? STORE_EVENT_DETAIL : STORE_EVENT_OUTCOME;
	ev.action = (int)a->kind;
	ev.tag = a->tag;
	ev.ok = ok;
	ev.id = (char *)a->id;
	if (ok != 1)
		err = graph_error_string(e);
	if (a->kind == ACTION_READ) {
		if (ok) {
			ev.have_presence = 1;
			ev.presence = *read;
		}
		ev.text = err != NULL ? err : (char *)"";
	} else {
		who = poller_who(p, a->id);
		if (ok == 1)
			xasprintf(&ev.text, "%s for %s: done",
			    action_name(a->kind), who);
		else if (ok == -1)
			xasprintf(&ev.text,
			    "%s for %s: outcome unknown, no answer came (%s); "
			    "the row shows the presence read again",
			    action_name(a->kind), who, err);
		else if (e->status == 403) {
			/* Graph's code and ids, then the permission needed. */
			bare = *e;
			bare.message = NULL;
			free(err);
			err = graph_error_string(&bare);
			why = poller_permission(p, a);
			xasprintf(&ev.text, "%s for %s failed: %s; %s",
			    action_name(a->kind), who, err, why);
			free(why);
		} else
			xasprintf(&ev.text, "%s for %s failed: %s",
			    action_name(a->kind), who, err);
		free(who);
	}
	store_push_event(p->store, &ev);
	if (a->kind != ACTION_READ)
		free(ev.text);
	free(err);
}

/*
 * Tell what Graph shows of the person a write touched, read again after
 * it (without a presence when the read failed), with the write's tag.
 */
static void
poller_reread(struct poller *p, const struct action *a, int ok,
    const struct presence *read)
{
	struct store_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = STORE_EVENT_REREAD;
	ev.action = (int)a->kind;
	ev.tag = a->tag;
	ev.ok = ok;
	ev.id = (char *)a->id;
	ev.text = (char *)"";
	if (ok) {
		ev.have_presence = 1;
		ev.presence = *read;
	}
	store_push_event(p->store, &ev);
}

/* Record a write in the audit trail; say once if that cannot be done. */
static void
poller_audit(struct poller *p, const struct action *a, int ok,
    const struct graph_error *e)
{
	char *cause = NULL;

	if (audit_append(a, graph_client_id(p->act_graph), ok, e, &cause) == 0)
		return;
	if (!p->audit_warned)
		store_notice(p->store, "%s", cause);
	p->audit_warned = 1;
	log_debug("poller: %s", cause);
	free(cause);
}

/*
 * Read one's own presence again after writing it (GET /me/presence), for
 * the header and for one's row; 0 on success with *pr filled.
 */
static int
poller_read_me(struct poller *p, struct presence *pr)
{
	struct presence_list pl;

	if (poller_me(p, p->act_graph, NULL, pr) != 0)
		return -1;
	memset(&pl, 0, sizeof pl);
	presence_copy(presence_list_add(&pl), pr);
	if (pl.v[0].id != NULL)
		store_update(p->store, &pl, time(NULL));
	presence_list_done(&pl);
	return 0;
}

/* Send one action, re-read the person it touched, and report. */
static void
poller_act(struct poller *p, const struct action *a)
{
	struct graph_error e;
	struct presence pr;
	int rc, ok, rr;

	graph_error_init(&e);
	memset(&pr, 0, sizeof pr);
	/* An action is answered within the deadline, as a command is. */
	graph_set_deadline(p->act_graph, p->cfg->deadline);
	if (a->kind == ACTION_READ)
		rc = poller_read(p, a->id, &pr, &e);
	else
		rc = action_perform(p->act_graph, a, NULL, &e);
	ok = action_outcome(a, rc, &e);
	if (action_writes(a->kind))
		poller_audit(p, a, ok, &e);
	/* The outcome first: the re-read may have to wait its turn. */
	poller_outcome(p, a, ok, &pr, &e);
	poller_wake(p);
	if (a->kind != ACTION_READ && ok != 0) {
		graph_error_done(&e);
		graph_error_init(&e);
		presence_done(&pr);
		memset(&pr, 0, sizeof pr);
		graph_set_deadline(p->act_graph, p->cfg->deadline);
		if (poller_is_me(p, a))
			rr = poller_read_me(p, &pr);
		else
			rr = poller_read(p, a->id, &pr, &e);
		poller_reread(p, a, rr == 0, &pr);
	}
	log_debug("poller: %s %s", action_name(a->kind),
	    rc == 0 ? "done" : "failed");
	presence_done(&pr);
	graph_error_done(&e);
	poller_wake(p);
}

/* The most writes the action thread sends together. */
#define POLLER_WRITES ACTION_GROUP

/*
 * Send writes queued together several at a time (a bulk write from the
 * dashboard), each with its own outcome, then read the people written to
 * again in one request.
 */
static void
poller_act_many(struct poller *p, struct action **a, size_t n)
{
	struct graph_write w[POLLER_WRITES];
	struct graph_error e, refused[POLLER_WRITES]; /* Each one's error. */
	struct presence_list pl;
	const struct presence *pr;
	const char *ids[POLLER_WRITES];
	char *bodies[POLLER_WRITES];
	size_t i, k, nids = 0, nsent = 0, at[POLLER_WRITES];
	int ok[POLLER_WRITES], rc[POLLER_WRITES];

	graph_set_deadline(p->act_graph, p->cfg->deadline);
	/* Checked writes go out; a refused one has its error already. */
	for (i = 0; i < n; i++) {
		graph_error_init(&e);
		bodies[i] = NULL;
		if (action_check(a[i], &e) == 0)
			bodies[i] =
			    action_body(a[i], graph_client_id(p->act_graph));
		if (bodies[i] == NULL) {
			refused[i] = e;
			continue;
		}
		graph_error_done(&e);
		at[nsent] = i;
		w[nsent].id = a[i]->id;
		w[nsent].method = action_name(a[i]->kind);
		w[nsent].body = bodies[i];
		nsent++;
	}
	graph_post_writes(p->act_graph, w, nsent);
	for (k = 0; k < nsent; k++) {
		rc[at[k]] = w[k].rc;
		refused[at[k]] = w[k].e;
	}
	for (i = 0; i < n; i++) {
		if (bodies[i] == NULL)
			rc[i] = -1;
		ok[i] = action_outcome(a[i], rc[i], &refused[i]);
		poller_audit(p, a[i], ok[i], &refused[i]);
		poller_outcome(p, a[i], ok[i], NULL, &refused[i]);
		if (ok[i] != 0)
			ids[nids++] = a[i]->id;
		free(bodies[i]);
	}
	poller_wake(p);
	if (nids == 0)
		goto out;
	memset(&pl, 0, sizeof pl);
	graph_error_init(&e);
	graph_set_deadline(p->act_graph, p->cfg->deadline);
	if (graph_get_presences(p->act_graph, ids, nids, &pl, &e) == 0)
		store_update(p->store, &pl, time(NULL));
	for (i = 0; i < n; i++) {
		if (ok[i] == 0)
			continue;
		for (pr = NULL, k = 0; k < pl.n && pr == NULL; k++) {
			if (pl.v[k].id != NULL &&
			    strcmp(pl.v[k].id, a[i]->id) == 0)
				pr = &pl.v[k];
		}
		poller_reread(p, a[i], pr != NULL, pr);
	}
	presence_list_done(&pl);
	graph_error_done(&e);
out:
	for (i = 0; i < n; i++)
		graph_error_done(&refused[i]);
	poller_wake(p);
}

/* Free a queued action. */
static void
poller_item_free(struct poller_item *it)
{
	free(it->action);
	free(it);
}

/*
 * The interval between refreshes: the refresh setting, stretched when
 * the roster's requests would take more than graph_share percent of the
 * app's Graph budget (then *budget is the interval, else 0).
 */
static long
poller_every(struct poller *p, long *budget)
{
	long floor;

	floor = graph_budget_interval(p->people, (int)p->cfg->graph_share);
	*budget = floor > p->refresh ? floor : 0;
	return floor > p->refresh ? floor : p->refresh;
}

/* Seconds to wait before the next cycle, with backoff after failures. */
static double
poller_interval(struct poller *p)
{
	long budget, every = poller_every(p, &budget);
	double wait = (double)every, cap;
	int i;

	if (p->failures > 0) {
		cap = every * 6 < 60 ? every * 6 : 60;
		if (cap < every)
			cap = every;
		for (i = 1; i < p->failures && wait < cap; i++)
			wait *= 2;
		if (wait > cap)
			wait = cap;
		/* Up to 10% of jitter, so many clients do not align. */
		wait += wait * 0.1 * (rand_r(&p->seed) % 1000) / 1000.0;
	}
	return wait;
}

/* The refresh thread: refresh, sleep, until told to quit. */
static void *
poller_main(void *arg)
{
	struct poller *p = arg;
	struct poller_status_arg a;
	struct timespec ts;
	double next = 0, now, wait;

	poller_history(p);
	for (;;) {
		pthread_mutex_lock(&p->lock);
		for (;;) {
			if (p->quit || p->refresh_now)
				break;
			now = poller_now();
			if (now >= next)
				break;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			wait = next - now;
			ts.tv_sec += (time_t)wait;
			ts.tv_nsec +=
			    (long)((wait - (double)(time_t)wait) * 1e9);
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&p->cond, &p->lock, &ts);
		}
		if (p->quit) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		p->refresh_now = 0;
		pthread_mutex_unlock(&p->lock);

		poller_cycle(p);
		if (poller_cancelled(p))
			break;
		poller_me_refresh(p);
		wait = poller_interval(p);
		next = poller_now() + wait;
		memset(&a, 0, sizeof a);
		a.what = POLLER_ST_NEXT;
		a.next = time(NULL) + (time_t)(wait + 0.5);
		poller_every(p, &a.budget);
		poller_status(p, &a);
		poller_wake(p);
	}
	return NULL;
}

/*
 * The action thread: send each queued action at once, with its own Graph
 * client, so that a write never waits behind a refresh (or its throttling).
 */
static void *
poller_act_main(void *arg)
{
	struct poller *p = arg;
	struct poller_item *it, *items[POLLER_WRITES];
	struct action *acts[POLLER_WRITES];
	struct timespec step = { 0, 20 * 1000000L };
	long long start;
	size_t i, n;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->quit && p->head == NULL)
			pthread_cond_wait(&p->act_cond, &p->lock);
		if (p->quit) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		/* A read alone; writes queued together, up to a group. */
		n = 0;
		do {
			it = p->head;
			p->head = it->next;
			if (p->head == NULL)
				p->tail = NULL;
			items[n++] = it;
		} while (action_writes(it->action->kind) &&
		    !action_to_me(it->action) && p->head != NULL &&
		    action_writes(p->head->action->kind) &&
		    !action_to_me(p->head->action) && n < POLLER_WRITES);
		pthread_mutex_unlock(&p->lock);

		if (n == 1)
			poller_act(p, items[0]->action);
		else {
			start = http_now_ms();
			for (i = 0; i < n; i++)
				acts[i] = items[i]->action;
			poller_act_many(p, acts, n);
			/* Within the budget: a group takes its time at least. */
			while (!poller_cancelled(p) &&
			    http_now_ms() - start < ACTION_GROUP_MS)
				nanosleep(&step, NULL);
		}
		for (i = 0; i < n; i++)
			poller_item_free(items[i]);
		pthread_mutex_lock(&p->lock);
		p->pending -= n;
		pthread_mutex_unlock(&p->lock);
		poller_wake(p);
	}
	return NULL;
}

/* Tell both threads to quit, aborting transfers under way. */
static void
poller_quit(struct poller *p)
{
	pthread_mutex_lock(&p->lock);
	__atomic_store_n(&p->quit, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&p->cond);
	pthread_cond_broadcast(&p->act_cond);
	pthread_mutex_unlock(&p->lock);
}

/* Start the poller's threads. */
struct poller *
poller_start(const struct cfg *cfg, struct store *store, int refresh,
    char **cause)
{
	struct poller *p;
	pthread_condattr_t ca;
	sigset_t all, old;
	int i, rc;

	p = xcalloc(1, sizeof *p);
	p->cfg = cfg;
	p->store = store;
	p->refresh = refresh > 0 ? refresh : 10;
	p->seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	if ((p->graph = graph_new(cfg, cause)) == NULL) {
		free(p);
		return NULL;
	}
	if ((p->act_graph = graph_new(cfg, cause)) == NULL) {
		graph_free(p->graph);
		free(p);
		return NULL;
	}
	graph_set_cancel(p->graph, poller_cancelled, p);
	graph_set_cancel(p->act_graph, poller_cancelled, p);
	/* The dashboard waits as long as Graph asks; quitting cuts it short. */
	graph_set_wait_limit(p->graph, -1);
	graph_set_wait_limit(p->act_graph, -1);
	graph_set_wait_hook(p->graph, poller_waiting, p);
	graph_set_wait_hook(p->act_graph, poller_act_waiting, p);
	if (pipe(p->pipe) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		graph_free(p->act_graph);
		graph_free(p->graph);
		free(p);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		fcntl(p->pipe[i], F_SETFL,
		    fcntl(p->pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(p->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cond, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&p->act_cond, NULL);

	/* Signals go to the UI thread, never to these. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&p->thread, NULL, poller_main, p);
	if (rc == 0) {
		rc = pthread_create(&p->act_thread, NULL, poller_act_main, p);
		if (rc != 0) {
			poller_quit(p);
			pthread_join(p->thread, NULL);
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		xasprintf(cause, "cannot start the poller: %s", strerror(rc));
		pthread_cond_destroy(&p->act_cond);
		pthread_cond_destroy(&p->cond);
		pthread_mutex_destroy(&p->lock);
		close(p->pipe[0]);
		close(p->pipe[1]);
		graph_free(p->act_graph);
		graph_free(p->graph);
		free(p);
		return NULL;
	}
	return p;
}

/* Stop the thread and free everything. */
void
poller_stop(struct poller *p)
{
	struct poller_item *it;

	if (p == NULL)
		return;
	poller_quit(p);
	pthread_join(p->thread, NULL);
	pthread_join(p->act_thread, NULL);

	while ((it = p->head) != NULL) {
		p->head = it->next;
		poller_item_free(it);
	}
	user_done(&p->me);
	recorder_free(p->recorder);
	graph_free(p->act_graph);
	graph_free(p->graph);
	pthread_cond_destroy(&p->act_cond);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	close(p->pipe[0]);
	close(p->pipe[1]);
	free(p);
}

/* The read end of the wake pipe. */
int
poller_fd(const struct poller *p)
{
	return p->pipe[0];
}

/* Empty the wake pipe. */
void
poller_drain(struct poller *p)
{
	char buf[256];

	while (read(p->pipe[0], buf, sizeof buf) > 0)
		continue;
}

/* Refresh now. */
void
poller_refresh(struct poller *p)
{
	pthread_mutex_lock(&p->lock);
	p->refresh_now = 1;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Queue an action and wake the thread. */
void
poller_submit(struct poller *p, const struct action *a)
{
	struct poller_item *it;

	it = xcalloc(1, sizeof *it);
	it->action = action_copy(a);

	pthread_mutex_lock(&p->lock);
	if (p->tail != NULL)
		p->tail->next = it;
	else
		p->head = it;
	p->tail = it;
	p->pending++;
	pthread_cond_signal(&p->act_cond);
	pthread_mutex_unlock(&p->lock);
}

/* Actions queued or under way. */
size_t
poller_pending(struct poller *p)
{
	size_t n;

	pthread_mutex_lock(&p->lock);
	n = p->pending;
	pthread_mutex_unlock(&p->lock);
	return n;
}

/* The source's wake-up descriptor: the pipe. */
static int
poller_source_fd(void *data)
{
	return poller_fd(data);
}

/* The source's drain: empty the pipe. */
static void
poller_source_drain(void *data)
{
	poller_drain(data);
}

/* The source's refresh: wake the thread for a cycle. */
static void
poller_source_refresh(void *data)
{
	poller_refresh(data);
}

/* The source's submit: queue the action. */
static void
poller_source_submit(void *data, const struct action *a)
{
	poller_submit(data, a);
}

/* The source's count of actions not yet done. */
static size_t
poller_source_pending(void *data)
{
	return poller_pending(data);
}

/* The source's stop: end the thread. */
static void
poller_source_stop(void *data)
{
	poller_stop(data);
}

static const struct source_ops poller_source_ops = {
	.name = "graph",
	.fd = poller_source_fd,
	.drain = poller_source_drain,
	.refresh = poller_source_refresh,
	.submit = poller_source_submit,
	.pending = poller_source_pending,
	.stop = poller_source_stop,
};

/* The poller as the dashboard's data source, with a store of its own. */
struct source *
poller_source_new(const struct cfg *cfg, char **cause)
{
	struct store *store;
	struct poller *p;

	store = store_new();
	if ((p = poller_start(cfg, store, (int)cfg->refresh, cause)) == NULL) {
		store_free(store);
		return NULL;
	}
	return source_new(&poller_source_ops, p, store);
}
