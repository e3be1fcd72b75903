/*
 * The store: immutable, reference-counted snapshots of everyone's presence
 * and what teamtop learned about it (when the availability last changed, a
 * short history of transitions), the source's status for the status bar,
 * and a queue of events (notices, action outcomes, fresh reads) that keeps
 * every one until it is taken. A source's thread publishes, the UI thread
 * acquires the snapshot it draws; every function is safe from any thread.
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <time.h>

#include "presence.h"

struct store;
struct user;
struct user_list;

/* The transitions kept per person. */
#define STORE_HISTORY 8

/* One change of availability seen by teamtop. */
struct store_transition {
	time_t at; /* Wall clock, seconds. */
	char *availability;
	char *activity;
};

struct store_person;

/*
 * One person. Immutable once published and shared between snapshots while
 * nothing about the person changes, so a pointer comparison tells a change.
 * Compact: the row and every string of its own are one allocation; the
 * strings of the directory entry (the user, sanitised, folded and the sort
 * key) are one more, shared by every row of that person while the entry
 * does not change; the small vocabularies (availability, activity, work
 * location, department, job title ...) are interned (intern.h). Nothing
 * here is freed or written by anyone but the store.
 */
struct store_row {
	int refs;                    /* Atomic. */
	int avail;                   /* enum avail of the availability. */
	struct store_person *person; /* Private to the store. */
	/*
	 * What a search looks in, folded (text_fold), near avail so that a
	 * search over everyone reads one cache line of each row: the name,
	 * UPN and mail (when it is not the UPN), a line each; the status
	 * message (NULL without one); the department and job title, a line
	 * each, interned where it can be so that the rows alike share it
	 * and a search looks at each such pair once (view.c).
	 */
	char *search;
	char *search_status;
	char *search_words;
	char *d_department; /* Sanitised, as d_name below. */

	/* The user, as the roster resolved it (raw strings). */
	char *id;
	char *name;
	char *upn;
	char *mail;
	char *department;
	char *job_title;

	int have_presence;        /* 0 until Graph answered for this person. */
	struct presence presence; /* Raw, as Graph sent it. */

	time_t since;   /* When the availability last changed (wall clock). */
	int since_seen; /* 1 when the change was seen, 0 when since is only
			   when teamtop first saw this availability. */
	struct store_transition *history; /* Oldest first, nhistory. */
	size_t nhistory;                  /* At most STORE_HISTORY. */

	/* Sanitised once, safe for a terminal. */
	char *d_name;
	char *d_upn;
	char *d_mail;
	char *d_job_title;
	char *d_availability;
	char *d_activity;
	char *d_status;
	char *d_location;
	/* The name's sort key in the locale's collation (strxfrm). */
	char *collate;
};

/* A complete picture of the roster at one moment. Never modified. */
struct snapshot {
	int refs; /* Atomic. */
	unsigned long generation;
	struct store_row **rows; /* In roster order. */
	size_t n;
	size_t *by_id;  /* Indices of rows sorted by id. */
	time_t fetched; /* Wall clock of the presences, 0 before any. */
	/*
	 * The signed-in user (delegated): their own presence from
	 * /me/presence, as one row; NULL as the application, or before
	 * the first answer.
	 */
	struct store_row *me;
};

/* Where the poller is, for the status bar. Copied out whole. */
enum store_phase {
	STORE_STARTING,
	STORE_ROSTER,  /* Resolving the roster. */
	STORE_RUNNING, /* Polling presence. */
};

struct store_status {
	enum store_phase phase;
	size_t roster_done;
	size_t roster_total; /* 0 when unknown. */
	time_t last_ok;      /* Wall clock of the last good refresh; 0 none. */
	time_t next_refresh; /* Wall clock of the next one; 0 unknown. */
	double rtt;          /* Seconds of the last request's own round trip. */
	int busy;            /* A refresh is under way. */
	int throttled;       /* The last refresh was throttled (429). */
	int stale;           /* The last refresh failed; data is old. */
	int offline;         /* ... because no answer came at all. */
	char error[256];     /* The last error in words, "" for none. */
	/*
	 * The refresh under way waits before it asks again (Retry-After or
	 * a back-off). When Graph asked for the wait with Retry-After,
	 * throttled_until is when it ends (wall clock; 0 for none), and for
	 * a 429 throttled is set at once.
	 */
	int waiting;
	time_t throttled_until;
	/*
	 * Signed in as a user: whether the token holds Presence.ReadWrite
	 * (one's own writes): 1 yes, -1 no, 0 not known; the permissions it
	 * holds in words ("" not known); why one's own presence could not be
	 * read, "" when it was.
	 */
	int own_write;
	char scopes[160];
	char me_error[256];
	/*
	 * Seconds between refreshes when the Graph budget (graph_share)
	 * stretched the refresh interval; 0 when it did not.
	 */
	long budget_refresh;
};

/* What an event tells. */
enum store_event_kind {
	STORE_EVENT_NOTICE,  /* A warning or message for the operator. */
	STORE_EVENT_OUTCOME, /* The outcome of a write. */
	STORE_EVENT_DETAIL,  /* A fresh read of one person, for details. */
	STORE_EVENT_REREAD   /* The person read again after a write. */
};

/* One event; the queue owns its copies until store_pop_event. */
struct store_event {
	enum store_event_kind kind;
	int action;        /* Not NOTICE: the enum action_kind. */
	unsigned long tag; /* Not NOTICE: the action's tag. */
	int ok;            /* Not NOTICE: 1 when it succeeded. */
	char *id;          /* The person, or NULL. */
	char *text;        /* In words, sanitised for a terminal; never NULL. */
	int have_presence;
	struct presence presence; /* DETAIL, REREAD when ok: raw, as sent. */
	time_t at;                /* Wall clock. */
	struct store_event *next; /* Private to the queue. */
};

/*
 * One person as another source knows them, for store_import: what time in
 * state and transitions are is said by the source, not recomputed.
 */
struct store_import {
	const struct user *user;
	const struct presence *presence; /* NULL before any answer. */
	time_t since;
	int since_seen;
	const struct store_transition *history; /* Oldest first. */
	size_t nhistory;
};

struct store *store_new(void);
void store_free(struct store *);

/*
 * Poller: publish a snapshot built from the roster and the presences fetched
 * (any order; people Graph did not answer for keep their last row).
 * Stale data (a lower sequenceNumber) is ignored. pl may be NULL to
 * publish the roster alone. Returns the number of people whose row changed.
 */
size_t store_publish(struct store *, const struct user_list *roster,
    const struct presence_list *pl, time_t now);

/*
 * Poller: publish the signed-in user's own presence, read from
 * /me/presence (p), with who they are (u). Returns 1 when it changed.
 */
size_t store_publish_me(struct store *, const struct user *u,
    const struct presence *p, time_t now);

/*
 * Poller: publish a roster as store_publish does without presences, but
 * given a part at a time as the directory's pages come (so that the whole
 * directory is never held twice): store_roster_add makes the rows of some
 * people (in order, no duplicates), store_roster_publish swaps them in,
 * frees sr and returns the number of people; store_roster_free abandons.
 */
struct store_roster;
struct store_roster *store_roster_new(struct store *, time_t now);
void store_roster_add(struct store_roster *, const struct user_list *);
size_t store_roster_publish(struct store_roster *);
void store_roster_free(struct store_roster *);

/*
 * Poller: a refresh built a few answers at a time, so that the presences
 * are never all held at once. store_batch_new starts from the current
 * snapshot (ask for the ids of a snapshot acquired before); store_batch_add
 * applies some presences (people not given keep their row, stale
 * sequences are ignored) and returns how many rows changed;
 * store_batch_known, a graph_parse_known_cb, tells a presence the base
 * already has at that sequenceNumber, which need not be parsed;
 * store_batch_publish swaps the result in (fetched now), frees the batch
 * and returns the number of rows changed; store_batch_free abandons it.
 */
struct store_batch;
struct store_batch *store_batch_new(struct store *);
size_t store_batch_add(struct store_batch *, const struct presence_list *,
    time_t now);
int store_batch_known(void *batch, const char *id, const char *sequence);
/*
 * Publish what the refresh changed so far and go on (so that a refresh
 * in which many people change, the first above all, never holds two
 * full sets of rows); store_batch_pending says how many rows that is.
 */
void store_batch_flush(struct store_batch *);
size_t store_batch_pending(const struct store_batch *);
size_t store_batch_publish(struct store_batch *, time_t now);
void store_batch_free(struct store_batch *);

/* Poller: replace the rows of the given presences (after an action). */
size_t store_update(struct store *, const struct presence_list *pl, time_t now);

/*
 * Give some people the time they have been in their availability, as
 * another source knows it (history across restarts): since[i] for ids[i],
 * seen. Returns the number of rows changed.
 */
size_t store_set_since(struct store *, const char *const *ids,
    const time_t *since, size_t n);

/*
 * Publish n people exactly as given, with their time in state and
 * transitions (the last STORE_HISTORY are kept). fetched is when the
 * presences were read, 0 if never. Returns the number of rows that changed.
 */
size_t store_import(struct store *, const struct store_import *, size_t n,
    time_t fetched);

/* The current snapshot with a reference taken, never NULL. */
struct snapshot *store_acquire(struct store *);
/* Another reference to a snapshot (its count is its only mutable part). */
struct snapshot *snapshot_ref(const struct snapshot *);
void snapshot_release(struct snapshot *);
/* The row with this id in the snapshot, or NULL. O(log n). */
const struct store_row *snapshot_find(const struct snapshot *, const char *id);

void store_get_status(struct store *, struct store_status *);
/* Change the status under the lock: fn is called with it. */
void store_set_status(struct store *, void (*fn)(struct store_status *, void *),
    void *arg);
/*
 * Queue an event. ev is copied (its text sanitised, its time set when 0);
 * its next is ignored. The queue has no bound: an event is never dropped.
 */
void store_push_event(struct store *, const struct store_event *ev);
/* Queue a notice. */
void store_notice(struct store *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Take the oldest event into *ev; 1 when there was one, 0 when empty. */
int store_pop_event(struct store *, struct store_event *ev);
/* The number of events queued. */
size_t store_events(struct store *);
/* Free what an event taken holds. */
void store_event_done(struct store_event *);

/* A row with a reference taken, and its release. */
void store_row_release(struct store_row *);

#endif
