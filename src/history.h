/*
 * The history of presence: every change teamtop observes (availability,
 * activity, status message, out of office, work location), one row each
 * with its time, in an SQLite database in the state directory
 * (history.db: WAL, 0600), kept for a retention period. A struct history
 * belongs to the thread that opened it.
 */
#ifndef HISTORY_H
#define HISTORY_H

#include <stddef.h>
#include <time.h>

struct history;
struct presence;

/* One recorded state of a person, from the time it was seen. */
struct history_entry {
	char *id;
	time_t at;
	char *availability;
	char *activity;
	char *status; /* The status message, or NULL. */
	int ooo;      /* Out of office: 1, 0, or -1 when not reported. */
	char *location;
};

struct history_list {
	struct history_entry *v;
	size_t n;
	size_t cap;
};

/*
 * Open (creating it 0600) the database at path, or, for a path that is not
 * absolute, that file of the state directory (history.db when NULL); days
 * is the retention. NULL with *cause.
 */
struct history *history_open(const char *path, long days, char **cause);
void history_close(struct history *);

/* The file of the state directory for a configuration: the demo's own. */
#define HISTORY_FILE(demo) ((demo) ? "history-demo.db" : "history.db")

/*
 * Open the database at path (as history_open) to read only, for the
 * dashboard's thread: it never waits for a lock. A query that meets one
 * fails at once with a cause that history_busy recognises.
 */
struct history *history_open_reader(const char *path, char **cause);
/* Did the last call fail because another connection held a lock? */
int history_busy(struct history *);

/* Start and end a batch of records (one transaction). */
int history_begin(struct history *, char **cause);
int history_commit(struct history *, char **cause);
/* Give up a batch. */
void history_rollback(struct history *);

/* Record that person id was seen in presence p at time at. */
int history_record(struct history *, const char *id, const struct presence *p,
    time_t at, char **cause);

/*
 * The last recorded state of id at or before now into *e (free with
 * history_entry_done); 1 when there is one, 0 when none, -1 on error.
 */
int history_last(struct history *, const char *id, struct history_entry *e,
    char **cause);

/*
 * Since when id has been in availability without a break, as recorded:
 * 1 with *since, 0 when the last recorded state is not in it.
 */
int history_since(struct history *, const char *id, const char *availability,
    time_t *since, char **cause);

/* The states of id from since to until (0: no bound), oldest first. */
int history_list(struct history *, const char *id, time_t since, time_t until,
    struct history_list *out, char **cause);

/*
 * The states of id that make its day from..to: the one in force at from
 * (recorded before), then those after, oldest first.
 */
int history_day(struct history *, const char *id, time_t from, time_t to,
    struct history_list *out, char **cause);

/* When a teamtop recorded: from, to. Seconds. */
struct history_span {
	time_t from;
	time_t to;
};

struct history_spans {
	struct history_span *v;
	size_t n;
	size_t cap;
};

/*
 * A recording starts at now: *run names it for history_run_reach. Each
 * refresh notes how far it reached, so that a time when no teamtop ran
 * is known as such.
 */
int history_run_start(struct history *, time_t now, long long *run,
    char **cause);
int history_run_reach(struct history *, long long run, time_t now,
    char **cause);
/* The recordings that overlap from..to, by start. */
int history_spans(struct history *, time_t from, time_t to,
    struct history_spans *out, char **cause);
void history_spans_done(struct history_spans *);

/* Delete everything about id; the number of rows deleted, or -1. */
long history_forget(struct history *, const char *id, char **cause);

/* Delete what is older than the retention; the number deleted, or -1. */
long history_prune(struct history *, time_t now, char **cause);

void history_entry_done(struct history_entry *);
void history_list_done(struct history_list *);

#endif
