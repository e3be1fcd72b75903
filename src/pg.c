/*
 * The shared database on PostgreSQL: connections, migrations, rows.
 */
#include "config.h"

#include "pg.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "action.h"
#include "store.h"
#include "xmalloc.h"

struct pg_conn {
	PGconn *conn;
};

/*
 * The migrations, in order: each is applied once, in a transaction, and
 * its index plus one is the schema's version after it. Append, never edit.
 */
static const char *const pg_migrations[] = {
	/* 1: people, the roster, transitions, watches, actions, the audit. */
	"CREATE TABLE people ("
	" id text PRIMARY KEY,"
	" name text, upn text, mail text, department text, job_title text,"
	" have_presence boolean NOT NULL DEFAULT false,"
	" availability text, activity text, sequence text,"
	" status_message text, status_content_type text,"
	" status_expiry text, status_expiry_zone text, status_published text,"
	" has_ooo boolean NOT NULL DEFAULT false,"
	" is_ooo boolean NOT NULL DEFAULT false, ooo_message text,"
	" work_location_type text, work_location_source text,"
	" work_location_place text,"
	" since bigint NOT NULL DEFAULT 0,"
	" since_seen boolean NOT NULL DEFAULT false,"
	" fetched bigint NOT NULL DEFAULT 0,"
	" updated_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE roster ("
	" position integer PRIMARY KEY,"
	" id text NOT NULL UNIQUE);"
	"CREATE TABLE transitions ("
	" id text NOT NULL, at bigint NOT NULL,"
	" availability text, activity text, status text, ooo integer,"
	" location text);"
	"CREATE INDEX transitions_id_at ON transitions (id, at);"
	"CREATE INDEX transitions_at ON transitions (at);"
	"CREATE TABLE watches ("
	" kind text NOT NULL CHECK (kind IN ('user', 'group')),"
	" value text NOT NULL,"
	" registered_by text NOT NULL DEFAULT current_user,"
	" registered_at timestamptz NOT NULL DEFAULT now(),"
	" PRIMARY KEY (kind, value, registered_by));"
	"CREATE TABLE actions ("
	" id bigserial PRIMARY KEY,"
	" kind text NOT NULL, target text NOT NULL, body text,"
	" queued_by text NOT NULL DEFAULT current_user,"
	" queued_at timestamptz NOT NULL DEFAULT now(),"
	" state text NOT NULL DEFAULT 'queued' CHECK (state IN"
	"  ('queued', 'running', 'done', 'failed', 'unknown')),"
	" attempts integer NOT NULL DEFAULT 0,"
	" outcome text, error text, done_at timestamptz);"
	"CREATE INDEX actions_queued ON actions (id) WHERE state = 'queued';"
	"CREATE TABLE audit ("
	" at timestamptz NOT NULL DEFAULT now(),"
	" action bigint NOT NULL REFERENCES actions (id),"
	" kind text NOT NULL, target text NOT NULL, body text,"
	" queued_by text NOT NULL, queued_at timestamptz NOT NULL,"
	" attempt integer NOT NULL, retry boolean NOT NULL,"
	" application text, outcome text NOT NULL, error text);"
	"CREATE TABLE serve_status ("
	" one boolean PRIMARY KEY DEFAULT true CHECK (one),"
	" host text, fetched bigint NOT NULL DEFAULT 0,"
	" last_ok bigint NOT NULL DEFAULT 0,"
	" next_refresh bigint NOT NULL DEFAULT 0,"
	" stale boolean NOT NULL DEFAULT false, error text,"
	" people integer NOT NULL DEFAULT 0,"
	" updated_at timestamptz NOT NULL DEFAULT now());"
	"CREATE FUNCTION teamtop_queued() RETURNS trigger LANGUAGE plpgsql AS"
	" $$BEGIN PERFORM pg_notify('" PG_CHANNEL_QUEUED "', NEW.id::text);"
	" RETURN NEW; END$$;"
	"CREATE TRIGGER actions_queued AFTER INSERT ON actions"
	" FOR EACH ROW EXECUTE FUNCTION teamtop_queued();",
};

#define PG_NMIGRATIONS (sizeof pg_migrations / sizeof pg_migrations[0])

/* The roles, printed by teamtop serve --init-roles. */
static const char pg_roles[] =
    "-- The roles of teamtop's shared database. Run as the owner of the\n"
    "-- schema (the role teamtop serve connects as), after its first start.\n"
    "-- Give people a login role of their own that is a member of one:\n"
    "--   CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE teamtop_operator;\n"
    "\n"
    "-- Readers see people, presence, the roster, transitions and actions\n"
    "-- and register what they watch.\n"
    "CREATE ROLE teamtop_reader NOLOGIN;\n"
    "GRANT USAGE ON SCHEMA public TO teamtop_reader;\n"
    "GRANT SELECT ON schema_version, people, roster, transitions, actions,\n"
    "    serve_status TO teamtop_reader;\n"
    "GRANT SELECT, INSERT, UPDATE ON watches TO teamtop_reader;\n"
    "\n"
    "-- Operators read, and queue writes: only the kind, the target and the\n"
    "-- body, so that who queued it and when are the database's word.\n"
    "CREATE ROLE teamtop_operator NOLOGIN IN ROLE teamtop_reader;\n"
    "GRANT INSERT (kind, target, body) ON actions TO teamtop_operator;\n"
    "GRANT USAGE ON SEQUENCE actions_id_seq TO teamtop_operator;\n"
    "GRANT SELECT ON audit TO teamtop_operator;\n";

/* The schema's version once every migration is applied. */
int
pg_schema_version(void)
{
	return (int)PG_NMIGRATIONS;
}

/* A libpq error in words, on one line, without the trailing newline. */
static char *
pg_message(const char *what, const char *msg)
{
	char *s, *p;

	xasprintf(&s, "%s: %s", what,
	    msg != NULL && *msg != '\0' ? msg : "unknown error");
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	}
	while (p > s && p[-1] == ' ')
		*--p = '\0';
	return s;
}

/* Refuse a password on the command line; check that the URL parses. */
int
pg_check_url(const char *url, int from_argv, char **cause)
{
	PQconninfoOption *opts, *o;
	char *err = NULL;
	int rc = 0;

	if ((opts = PQconninfoParse(url, &err)) == NULL) {
		*cause =
		    pg_message("db: not a PostgreSQL URL or conninfo", err);
		PQfreemem(err);
		return -1;
	}
	for (o = opts; o->keyword != NULL; o++) {
		if (from_argv && strcmp(o->keyword, "password") == 0 &&
		    o->val != NULL && *o->val != '\0') {
			*cause =
			    xstrdup("db: a password on the command line is "
			            "visible to every user: give it in "
			            "PGPASSWORD, ~/.pgpass or a service file");
			rc = -1;
		}
	}
	PQconninfoFree(opts);
	return rc;
}

/* Connect. */
struct pg_conn *
pg_open(const char *url, char **cause)
{
	const char *keys[] = { "dbname", "application_name", "connect_timeout",
		NULL };
	const char *vals[] = { url, "teamtop", "10", NULL };
	struct pg_conn *pc;

	pc = xcalloc(1, sizeof *pc);
	pc->conn = PQconnectdbParams(keys, vals, 1);
	if (pc->conn == NULL || PQstatus(pc->conn) != CONNECTION_OK) {
		*cause = pg_message("database",
		    pc->conn != NULL ? PQerrorMessage(pc->conn) : NULL);
		pg_close(pc);
		return NULL;
	}
	PQsetnonblocking(pc->conn, 0);
	return pc;
}

/* Disconnect. */
void
pg_close(struct pg_conn *pc)
{
	if (pc == NULL)
		return;
	if (pc->conn != NULL)
		PQfinish(pc->conn);
	free(pc);
}

/* The libpq connection. */
void *
pg_handle(struct pg_conn *pc)
{
	return pc->conn;
}

/* Is the connection good? */
int
pg_ok(struct pg_conn *pc)
{
	return PQstatus(pc->conn) == CONNECTION_OK;
}

/* Connect again. */
int
pg_reset(struct pg_conn *pc, char **cause)
{
	PQreset(pc->conn);
	if (PQstatus(pc->conn) != CONNECTION_OK) {
		*cause = pg_message("database", PQerrorMessage(pc->conn));
		return -1;
	}
	return 0;
}

/* The socket. */
int
pg_fd(struct pg_conn *pc)
{
	return PQsocket(pc->conn);
}

/* Run SQL without rows. */
int
pg_exec(struct pg_conn *pc, const char *sql, char **cause)
{
	PGresult *res;
	int rc = 0;

	res = PQexec(pc->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		*cause = pg_message("database", PQerrorMessage(pc->conn));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/* The version of the schema in the database (0 for none); -1 on error. */
static int
pg_version(struct pg_conn *pc, char **cause)
{
	PGresult *res;
	int v = -1;

	res = PQexec(pc->conn,
	    "SELECT coalesce(max(version), 0) FROM "
	    "schema_version");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		v = atoi(PQgetvalue(res, 0, 0));
	else
		*cause = pg_message("database", PQerrorMessage(pc->conn));
	PQclear(res);
	return v;
}

/* Apply each migration not yet applied, in a transaction of its own. */
int
pg_migrate(struct pg_conn *pc, char **cause)
{
	char *sql;
	int v;
	size_t i;

	/* Two serves starting together: one migrates, the other waits. */
	if (pg_exec(pc,
	        "BEGIN; SELECT pg_advisory_xact_lock(7377626374);"
	        "CREATE TABLE IF NOT EXISTS schema_version ("
	        " version integer NOT NULL,"
	        " applied_at timestamptz NOT NULL DEFAULT now());",
	        cause) != 0)
		goto fail;
	if ((v = pg_version(pc, cause)) < 0)
		goto fail;
	if (v > (int)PG_NMIGRATIONS) {
		xasprintf(cause,
		    "database: the schema is version %d, newer than this "
		    "teamtop's %d: upgrade teamtop",
		    v, (int)PG_NMIGRATIONS);
		goto fail;
	}
	for (i = (size_t)v; i < PG_NMIGRATIONS; i++) {
		if (pg_exec(pc, pg_migrations[i], cause) != 0)
			goto fail;
		xasprintf(&sql,
		    "INSERT INTO schema_version (version) VALUES (%zu)", i + 1);
		v = pg_exec(pc, sql, cause);
		free(sql);
		if (v != 0)
			goto fail;
	}
	return pg_exec(pc, "COMMIT", cause);
fail:
	PQclear(PQexec(pc->conn, "ROLLBACK"));
	return -1;
}

/* Take the notifications that arrived. */
int
pg_notifications(struct pg_conn *pc,
    void (*fn)(const char *, const char *, void *), void *arg)
{
	PGnotify *n;

	if (PQconsumeInput(pc->conn) == 0)
		return -1;
	while ((n = PQnotifies(pc->conn)) != NULL) {
		fn(n->relname, n->extra, arg);
		PQfreemem(n);
	}
	return PQstatus(pc->conn) == CONNECTION_OK ? 0 : -1;
}

/* Send one NOTIFY. */
static int
pg_notify(struct pg_conn *pc, const char *channel, const char *payload,
    char **cause)
{
	const char *params[2] = { channel, payload };
	PGresult *res;
	int rc = 0;

	res = PQexecParams(pc->conn, "SELECT pg_notify($1, $2)", 2, NULL,
	    params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		*cause = pg_message("database", PQerrorMessage(pc->conn));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/* Cut ids into comma-separated payloads of at most max bytes. */
int
pg_chunk_ids(const char *const *ids, size_t n, size_t max,
    int (*fn)(const char *, void *), void *arg)
{
	char *buf;
	size_t i, len = 0, l;
	int rc = 0;

	buf = xmalloc(max + 1);
	for (i = 0; i < n && rc == 0; i++) {
		l = strlen(ids[i]);
		if (l == 0 || l > max)
			continue; /* No id is empty or that long. */
		if (len != 0 && len + 1 + l > max) {
			buf[len] = '\0';
			rc = fn(buf, arg);
			len = 0;
		}
		if (len != 0)
			buf[len++] = ',';
		memcpy(buf + len, ids[i], l);
		len += l;
	}
	if (rc == 0 && len != 0) {
		buf[len] = '\0';
		rc = fn(buf, arg);
	}
	free(buf);
	return rc;
}

/* What pg_notify_ids passes through pg_chunk_ids. */
struct pg_notify_arg {
	struct pg_conn *pc;
	const char *channel;
	char **cause;
};

/* NOTIFY one payload. */
static int
pg_notify_one(const char *payload, void *arg)
{
	struct pg_notify_arg *a = arg;

	return pg_notify(a->pc, a->channel, payload, a->cause);
}

/* NOTIFY ids, comma-separated, in payloads under PG_PAYLOAD_MAX. */
int
pg_notify_ids(struct pg_conn *pc, const char *channel, const char *const *ids,
    size_t n, char **cause)
{
	struct pg_notify_arg a = { pc, channel, cause };

	return pg_chunk_ids(ids, n, PG_PAYLOAD_MAX, pg_notify_one, &a);
}

/* Free a person. */
void
pg_person_done(struct pg_person *p)
{
	user_done(&p->user);
	presence_done(&p->presence);
	memset(p, 0, sizeof *p);
}

const char pg_person_columns[] =
    "id, name, upn, mail, department, job_title, have_presence,"
    " availability, activity, sequence, status_message,"
    " status_content_type, status_expiry, status_expiry_zone,"
    " status_published, has_ooo, is_ooo, ooo_message, work_location_type,"
    " work_location_source, work_location_place, since, since_seen, fetched";

/* A text column, NULL when NULL. */
static char *
pg_text(const PGresult *res, int i, int col)
{
	if (PQgetisnull(res, i, col))
		return NULL;
	return xstrdup(PQgetvalue(res, i, col));
}

/* A boolean column. */
static int
pg_bool(const PGresult *res, int i, int col)
{
	return !PQgetisnull(res, i, col) && *PQgetvalue(res, i, col) == 't';
}

/* Read a person from a row in pg_person_columns' order. */
void
pg_person_read(const void *r, int i, struct pg_person *p)
{
	const PGresult *res = r;
	struct presence *pr = &p->presence;

	memset(p, 0, sizeof *p);
	p->user.id = pg_text(res, i, 0);
	p->user.display_name = pg_text(res, i, 1);
	p->user.upn = pg_text(res, i, 2);
	p->user.mail = pg_text(res, i, 3);
	p->user.department = pg_text(res, i, 4);
	p->user.job_title = pg_text(res, i, 5);
	p->have_presence = pg_bool(res, i, 6);
	pr->id = xstrdup_null(p->user.id);
	pr->availability = pg_text(res, i, 7);
	pr->activity = pg_text(res, i, 8);
	pr->sequence = pg_text(res, i, 9);
	pr->status_message = pg_text(res, i, 10);
	pr->status_content_type = pg_text(res, i, 11);
	pr->status_expiry = pg_text(res, i, 12);
	pr->status_expiry_zone = pg_text(res, i, 13);
	pr->status_published = pg_text(res, i, 14);
	pr->has_ooo = pg_bool(res, i, 15);
	pr->is_ooo = pg_bool(res, i, 16);
	pr->ooo_message = pg_text(res, i, 17);
	pr->work_location_type = pg_text(res, i, 18);
	pr->work_location_source = pg_text(res, i, 19);
	pr->work_location_place = pg_text(res, i, 20);
	p->since = (time_t)strtoll(PQgetvalue(res, i, 21), NULL, 10);
	p->since_seen = pg_bool(res, i, 22);
}

/* Append text to a growing string. */
static void
pg_append(char **s, size_t *len, size_t *cap, const char *t)
{
	size_t l = strlen(t);

	if (*len + l + 1 > *cap) {
		while (*len + l + 1 > *cap)
			*cap = *cap < 4096 ? 4096 : *cap * 2;
		*s = xreallocarray(*s, *cap, 1);
	}
	memcpy(*s + *len, t, l + 1);
	*len += l;
}

/* Append a literal (or NULL) and a separator. */
static int
pg_append_literal(struct pg_conn *pc, char **s, size_t *len, size_t *cap,
    const char *v, const char *sep)
{
	char *lit;

	if (v == NULL)
		pg_append(s, len, cap, "NULL");
	else {
		if ((lit = PQescapeLiteral(pc->conn, v, strlen(v))) == NULL)
			return -1;
		pg_append(s, len, cap, lit);
		PQfreemem(lit);
	}
	pg_append(s, len, cap, sep);
	return 0;
}

/* Append a store row as a tuple of literals. */
int
pg_person_values(struct pg_conn *pc, const struct store_row *r, time_t fetched,
    char **s, size_t *len, size_t *cap)
{
	const struct presence *pr = &r->presence;
	const char *text[] = { r->id, r->name, r->upn, r->mail, r->department,
		r->job_title };
	const char *ptext[] = { pr->availability, pr->activity, pr->sequence,
		pr->status_message, pr->status_content_type, pr->status_expiry,
		pr->status_expiry_zone, pr->status_published };
	const char *wtext[] = { pr->work_location_type,
		pr->work_location_source, pr->work_location_place };
	char num[128];
	size_t i;

	pg_append(s, len, cap, "(");
	for (i = 0; i < 6; i++) {
		if (pg_append_literal(pc, s, len, cap, text[i], ",") != 0)
			return -1;
	}
	pg_append(s, len, cap, r->have_presence ? "true," : "false,");
	for (i = 0; i < 8; i++) {
		if (pg_append_literal(pc, s, len, cap,
		        r->have_presence ? ptext[i] : NULL, ",") != 0)
			return -1;
	}
	pg_append(s, len, cap, pr->has_ooo ? "true," : "false,");
	pg_append(s, len, cap, pr->is_ooo ? "true," : "false,");
	if (pg_append_literal(pc, s, len, cap,
	        r->have_presence ? pr->ooo_message : NULL, ",") != 0)
		return -1;
	for (i = 0; i < 3; i++) {
		if (pg_append_literal(pc, s, len, cap,
		        r->have_presence ? wtext[i] : NULL, ",") != 0)
			return -1;
	}
	snprintf(num, sizeof num, "%lld,%s,%lld)", (long long)r->since,
	    r->since_seen ? "true" : "false", (long long)fetched);
	pg_append(s, len, cap, num);
	return 0;
}

/* The action's parameters as JSON. */
char *
pg_action_body(const struct action *a)
{
	cJSON *o;
	char *s;

	o = cJSON_CreateObject();
	if (a->session != NULL)
		cJSON_AddStringToObject(o, "session", a->session);
	if (a->availability != NULL)
		cJSON_AddStringToObject(o, "availability", a->availability);
	if (a->activity != NULL)
		cJSON_AddStringToObject(o, "activity", a->activity);
	if (a->expiry_seconds != 0)
		cJSON_AddNumberToObject(o, "expiry_seconds",
		    (double)a->expiry_seconds);
	if (a->message != NULL)
		cJSON_AddStringToObject(o, "message", a->message);
	if (a->expiry != 0)
		cJSON_AddNumberToObject(o, "expiry", (double)a->expiry);
	if (a->location != NULL)
		cJSON_AddStringToObject(o, "location", a->location);
	if (a->place != NULL)
		cJSON_AddStringToObject(o, "place", a->place);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (s == NULL)
		fatal("out of memory");
	return s;
}

/* A string member, or NULL. */
static const char *
pg_json_string(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A number member, or 0. */
static double
pg_json_number(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* The action of a queued row. */
struct action *
pg_action_decode(const char *kind, const char *target, const char *body,
    char **cause)
{
	struct action a, *c;
	cJSON *o = NULL;
	int k;

	memset(&a, 0, sizeof a);
	for (k = 0; k < ACTION__COUNT; k++) {
		if (strcmp(kind, action_name((enum action_kind)k)) == 0)
			break;
	}
	if (k == ACTION__COUNT || k == ACTION_READ) {
		xasprintf(cause, "'%s' is not a write teamtop performs", kind);
		return NULL;
	}
	if (body != NULL && *body != '\0' &&
	    ((o = cJSON_Parse(body)) == NULL || !cJSON_IsObject(o))) {
		cJSON_Delete(o);
		*cause = xstrdup("the body is not a JSON object");
		return NULL;
	}
	a.kind = (enum action_kind)k;
	a.id = target;
	a.session = pg_json_string(o, "session");
	a.availability = pg_json_string(o, "availability");
	a.activity = pg_json_string(o, "activity");
	a.expiry_seconds = (long)pg_json_number(o, "expiry_seconds");
	a.message = pg_json_string(o, "message");
	a.expiry = (time_t)pg_json_number(o, "expiry");
	a.location = pg_json_string(o, "location");
	a.place = pg_json_string(o, "place");
	c = action_copy(&a);
	cJSON_Delete(o);
	return c;
}

/* The roles' SQL. */
const char *
pg_roles_sql(void)
{
	return pg_roles;
}
