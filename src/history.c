/*
 * The history of presence in SQLite. One connection per struct history,
 * used by one thread: the poller's refresh thread records, a command
 * reads. WAL lets a reader and the writer work at once.
 */
#include "config.h"

#include "history.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "presence.h"
#include "state.h"
#include "xmalloc.h"

struct history {
	sqlite3 *db;
	long days; /* Retention. */
};

/* The schema, created if missing. */
static const char history_schema[] =
    "CREATE TABLE IF NOT EXISTS states ("
    " id TEXT NOT NULL, at INTEGER NOT NULL,"
    " availability TEXT, activity TEXT, status TEXT, ooo INTEGER,"
    " location TEXT);"
    "CREATE INDEX IF NOT EXISTS states_id_at ON states (id, at);"
    "CREATE INDEX IF NOT EXISTS states_at ON states (at);"
    "CREATE TABLE IF NOT EXISTS runs ("
    " start INTEGER NOT NULL, reach INTEGER NOT NULL);";

/* An SQLite error in words. */
static int
history_fail(struct history *h, const char *what, char **cause)
{
	xasprintf(cause, "history: %s: %s", what, sqlite3_errmsg(h->db));
	return -1;
}

/* Open the database, private, and make sure of its schema. */
struct history *
history_open(const char *path, long days, char **cause)
{
	struct history *h;
	const char *name;
	char buf[4096], *cause2 = NULL;
	int fd;

	if (path == NULL || *path != '/') {
		/* Created 0600 in a 0700 directory, refused if not private. */
		name = path != NULL ? path : "history.db";
		if ((fd = state_open(name, O_RDWR | O_CREAT, &cause2)) == -1) {
			xasprintf(cause, "history: %s", cause2);
			free(cause2);
			return NULL;
		}
		close(fd);
		if ((path = state_path(name, buf, sizeof buf)) == NULL) {
			*cause = xstrdup("history: the path is too long");
			return NULL;
		}
	}
	h = xcalloc(1, sizeof *h);
	h->days = days > 0 ? days : 7;
	if (sqlite3_open_v2(path, &h->db,
	        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	            SQLITE_OPEN_NOMUTEX,
	        NULL) != SQLITE_OK) {
		history_fail(h, path, cause);
		history_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h->db, 2000);
	if (sqlite3_exec(h->db, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(h->db, history_schema, NULL, NULL, NULL) !=
	        SQLITE_OK) {
		history_fail(h, path, cause);
		history_close(h);
		return NULL;
	}
	return h;
}

/*
 * Open to read only, for the dashboard's thread. The UI does not wait on
 * SQLite: with no busy timeout a query that meets a lock fails at once and
 * the view says "history busy" until the next try. A query through the
 * poller thread would not wait either, but it would queue behind that
 * thread's network round trips, and in WAL a reader meets a lock only
 * when another connection holds the file exclusively (or recovers it), so
 * the reads stay on the UI thread: one indexed query a person, a few
 * milliseconds for a team.
 */
struct history *
history_open_reader(const char *path, char **cause)
{
	struct history *h;
	char buf[4096];

	if (path == NULL || *path != '/') {
		if ((path = state_path(path != NULL ? path : "history.db", buf,
		         sizeof buf)) == NULL) {
			*cause = xstrdup("history: the path is too long");
			return NULL;
		}
	}
	if (access(path, F_OK) != 0) {
		*cause = xstrdup("no history recorded yet");
		return NULL;
	}
	h = xcalloc(1, sizeof *h);
	if (sqlite3_open_v2(path, &h->db,
	        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	        NULL) != SQLITE_OK) {
		history_fail(h, path, cause);
		history_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h->db, 0);
	return h;
}

/* Did the last call meet a lock? */
int
history_busy(struct history *h)
{
	int rc = sqlite3_errcode(h->db);

	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/* Close the database. */
void
history_close(struct history *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h);
}

/* Run a statement without results. */
static int
history_exec(struct history *h, const char *sql, char **cause)
{
	if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return history_fail(h, sql, cause);
	return 0;
}

/* Start a batch. */
int
history_begin(struct history *h, char **cause)
{
	return history_exec(h, "BEGIN", cause);
}

/* End a batch. */
int
history_commit(struct history *h, char **cause)
{
	return history_exec(h, "COMMIT", cause);
}

/* Give up a batch. */
void
history_rollback(struct history *h)
{
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Bind a string that may be NULL. */
static void
history_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Record a state. */
int
history_record(struct history *h, const char *id, const struct presence *p,
    time_t at, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db,
	        "INSERT INTO states (id, at, availability, activity, status,"
	        " ooo, location) VALUES (?, ?, ?, ?, ?, ?, ?)",
	        -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "insert", cause);
	history_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	history_bind_text(st, 3, p->availability);
	history_bind_text(st, 4, p->activity);
	history_bind_text(st, 5, p->status_message);
	if (p->has_ooo)
		sqlite3_bind_int(st, 6, p->is_ooo);
	else
		sqlite3_bind_null(st, 6);
	history_bind_text(st, 7, p->work_location_type);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return history_fail(h, "insert", cause);
	return 0;
}

/* A column that may be NULL, copied. */
static char *
history_column(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s == NULL ? NULL : xstrdup((const char *)s);
}

/* Fill an entry from a row of id, at, availability, ... */
static void
history_fill(sqlite3_stmt *st, struct history_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = history_column(st, 0);
	e->at = (time_t)sqlite3_column_int64(st, 1);
	e->availability = history_column(st, 2);
	e->activity = history_column(st, 3);
	e->status = history_column(st, 4);
	e->ooo = sqlite3_column_type(st, 5) == SQLITE_NULL
	    ? -1
	    : sqlite3_column_int(st, 5);
	e->location = history_column(st, 6);
}

#define HISTORY_COLUMNS "id, at, availability, activity, status, ooo, location"

/* The last state recorded for id. */
int
history_last(struct history *h, const char *id, struct history_entry *e,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db,
	        "SELECT " HISTORY_COLUMNS " FROM states WHERE id = ?"
	        " ORDER BY at DESC, rowid DESC LIMIT 1",
	        -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "select", cause);
	history_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		history_fill(st, e);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return history_fail(h, "select", cause);
}

/* Since when id has been in availability, as recorded. */
int
history_since(struct history *h, const char *id, const char *availability,
    time_t *since, char **cause)
{
	struct history_entry last;
	sqlite3_stmt *st;
	int rc;

	if ((rc = history_last(h, id, &last, cause)) != 1)
		return rc;
	rc = last.availability != NULL && availability != NULL &&
	    strcmp(last.availability, availability) == 0;
	history_entry_done(&last);
	if (!rc)
		return 0;
	/* The first state after the last one in another availability. */
	if (sqlite3_prepare_v2(h->db,
	        "SELECT MIN(at) FROM states WHERE id = ?1 AND at > "
	        "COALESCE((SELECT MAX(at) FROM states WHERE id = ?1 AND "
	        "availability IS NOT ?2), -1)",
	        -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "select", cause);
	history_bind_text(st, 1, id);
	history_bind_text(st, 2, availability);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*since = (time_t)sqlite3_column_int64(st, 0);
		rc = 1;
	} else
		rc = rc == SQLITE_ROW ? 0 : -1;
	sqlite3_finalize(st);
	if (rc == -1)
		return history_fail(h, "select", cause);
	return rc;
}

/* The states of id in a period. */
int
history_list(struct history *h, const char *id, time_t since, time_t until,
    struct history_list *out, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db,
	        "SELECT " HISTORY_COLUMNS " FROM states WHERE id = ?"
	        " AND at >= ? AND (? = 0 OR at <= ?) ORDER BY at, rowid",
	        -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "select", cause);
	history_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)until);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrowarray(out->v, out->n, &out->cap, sizeof *out->v);
		history_fill(st, &out->v[out->n++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return history_fail(h, "select", cause);
	return 0;
}

/* The states that make a day. */
int
history_day(struct history *h, const char *id, time_t from, time_t to,
    struct history_list *out, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db,
	        "SELECT " HISTORY_COLUMNS " FROM states WHERE id = ?"
	        " AND at <= ? ORDER BY at DESC, rowid DESC LIMIT 1",
	        -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "select", cause);
	history_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)from);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->v = xgrowarray(out->v, out->n, &out->cap, sizeof *out->v);
		history_fill(st, &out->v[out->n++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return history_fail(h, "select", cause);
	if (to <= from + 1)
		return 0;
	return history_list(h, id, from + 1, to - 1, out, cause);
}

/* Run an INSERT or UPDATE with one or two numbers bound (?1, ?2). */
static int
history_write(struct history *h, const char *what, const char *sql,
    sqlite3_int64 a, sqlite3_int64 b, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, what, cause);
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return history_fail(h, what, cause);
	return 0;
}

/* A recording starts. */
int
history_run_start(struct history *h, time_t now, long long *run, char **cause)
{
	if (history_write(h, "insert",
	        "INSERT INTO runs (start, reach) VALUES (?1, ?1)",
	        (sqlite3_int64)now, 0, cause) != 0)
		return -1;
	*run = (long long)sqlite3_last_insert_rowid(h->db);
	return 0;
}

/* A recording reached now. */
int
history_run_reach(struct history *h, long long run, time_t now, char **cause)
{
	return history_write(h, "update",
	    "UPDATE runs SET reach = ?1 WHERE rowid = ?2", (sqlite3_int64)now,
	    (sqlite3_int64)run, cause);
}

/* The recordings in a period. */
int
history_spans(struct history *h, time_t from, time_t to,
    struct history_spans *out, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db,
	        "SELECT start, reach FROM runs WHERE reach >= ? AND start <= ?"
	        " ORDER BY start",
	        -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "select", cause);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrowarray(out->v, out->n, &out->cap, sizeof *out->v);
		out->v[out->n].from = (time_t)sqlite3_column_int64(st, 0);
		out->v[out->n++].to = (time_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return history_fail(h, "select", cause);
	return 0;
}

/* Free the spans. */
void
history_spans_done(struct history_spans *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Run a DELETE with one bound value; the rows deleted, or -1. */
static long
history_delete(struct history *h, const char *sql, const char *text,
    sqlite3_int64 number, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, "delete", cause);
	if (text != NULL)
		history_bind_text(st, 1, text);
	else
		sqlite3_bind_int64(st, 1, number);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return history_fail(h, "delete", cause);
	return (long)sqlite3_changes(h->db);
}

/* Forget a person. */
long
history_forget(struct history *h, const char *id, char **cause)
{
	return history_delete(h, "DELETE FROM states WHERE id = ?", id, 0,
	    cause);
}

/* Delete what is past the retention. */
long
history_prune(struct history *h, time_t now, char **cause)
{
	sqlite3_int64 before = (sqlite3_int64)(now - h->days * 86400L);

	if (history_delete(h, "DELETE FROM runs WHERE reach < ?", NULL, before,
	        cause) < 0)
		return -1;
	return history_delete(h, "DELETE FROM states WHERE at < ?", NULL,
	    before, cause);
}

/* Free an entry. */
void
history_entry_done(struct history_entry *e)
{
	free(e->id);
	free(e->availability);
	free(e->activity);
	free(e->status);
	free(e->location);
	memset(e, 0, sizeof *e);
}

/* Free a list. */
void
history_list_done(struct history_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		history_entry_done(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}
