/*
 * The shared database: a PostgreSQL connection (libpq), the schema that
 * teamtop serve creates and upgrades with versioned migrations, and the
 * one description of a person's row that the writer (serve) and the
 * readers (the --db dashboard and commands) share. A struct pg_conn is
 * used by one thread.
 */
#ifndef PG_H
#define PG_H

#include <stddef.h>
#include <time.h>

#include "presence.h"
#include "user.h"

struct action;
struct cfg;
struct pg_conn;
struct store_row;

/* The channels NOTIFY speaks on. */
#define PG_CHANNEL_PEOPLE "teamtop_people"   /* Ids that changed, ",". */
#define PG_CHANNEL_ROSTER "teamtop_roster"   /* The roster changed. */
#define PG_CHANNEL_QUEUED "teamtop_queued"   /* An action was queued. */
#define PG_CHANNEL_OUTCOME "teamtop_outcome" /* An action's id, done. */
#define PG_CHANNEL_STATUS "teamtop_status"   /* A refresh ended. */
/* Payloads stay under PostgreSQL's 8,000 bytes. */
#define PG_PAYLOAD_MAX 7900

/* The advisory lock that the active serve holds. */
#define PG_SERVE_LOCK 7377626373LL

/* The schema's version once every migration is applied. */
int pg_schema_version(void);

/*
 * Is url acceptable from where it came? A password in it is refused on
 * the command line (argv is public); -1 with *cause then, or when it
 * cannot be parsed.
 */
int pg_check_url(const char *url, int from_argv, char **cause);

/* Connect; NULL with *cause (never holding a password) when it cannot. */
struct pg_conn *pg_open(const char *url, char **cause);
void pg_close(struct pg_conn *);
/* The libpq connection (PGconn *). */
void *pg_handle(struct pg_conn *);
/* Is the connection still good? */
int pg_ok(struct pg_conn *);
/* Reconnect; 0 on success. */
int pg_reset(struct pg_conn *, char **cause);
/* The descriptor to poll() for notifications, or -1. */
int pg_fd(struct pg_conn *);

/* Run SQL without rows; -1 with *cause. */
int pg_exec(struct pg_conn *, const char *sql, char **cause);
/* Apply the migrations not yet applied, each once in a transaction. */
int pg_migrate(struct pg_conn *, char **cause);

/*
 * Take the notifications that arrived (reading the socket first): fn is
 * called with each one's channel and payload. -1 when the connection
 * broke.
 */
int pg_notifications(struct pg_conn *,
    void (*fn)(const char *channel, const char *payload, void *), void *arg);
/*
 * Cut ids into comma-separated payloads of at most max bytes, in order:
 * fn is called with each, and its first non-zero return is returned.
 */
int pg_chunk_ids(const char *const *ids, size_t n, size_t max,
    int (*fn)(const char *payload, void *), void *arg);
/* NOTIFY ids on a channel, in payloads under PG_PAYLOAD_MAX. */
int pg_notify_ids(struct pg_conn *, const char *channel, const char *const *ids,
    size_t n, char **cause);

/* A person as a reader sees them. */
struct pg_person {
	struct user user;
	int have_presence;
	struct presence presence;
	time_t since;
	int since_seen;
};
void pg_person_done(struct pg_person *);

/* The columns of a person, in the order pg_person_read takes them. */
extern const char pg_person_columns[];
/* Read a person from row i of a result (a PGresult *). */
void pg_person_read(const void *res, int i, struct pg_person *);
/*
 * Append a store row to a VALUES list (as an SQL tuple of literals in
 * pg_person_columns' order); -1 when escaping failed.
 */
int pg_person_values(struct pg_conn *, const struct store_row *, time_t fetched,
    char **sql, size_t *len, size_t *cap);

/*
 * An action as queued: its kind (Graph's method name, action_name), its
 * target (the user's id) and its parameters as a JSON body.
 * pg_action_decode makes the action back in one allocation (free with
 * free()), or NULL with *cause when the row is not understood.
 */
char *pg_action_body(const struct action *);
struct action *pg_action_decode(const char *kind, const char *target,
    const char *body, char **cause);

/* The SQL that creates the reader and operator roles, with grants. */
const char *pg_roles_sql(void);

#endif
