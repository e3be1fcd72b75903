/*
 * The shared database's pure parts: a password in a URL on the command
 * line, NOTIFY payloads cut under PostgreSQL's limit, an action queued and
 * read back, the migrations' version and the roles' grants.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "pg.h"
#include "xmalloc.h"

/* A password is refused on argv only, and never repeated. */
static void
test_check_url_refuses_a_password_on_argv(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(pg_check_url("postgresql://op:s3cret@db/teamtop", 1,
	                     &cause),
	    -1);
	assert_non_null(strstr(cause, "PGPASSWORD"));
	assert_null(strstr(cause, "s3cret"));
	free(cause);
	cause = NULL;
	assert_int_equal(pg_check_url("host=db password=s3cret", 1, &cause),
	    -1);
	free(cause);
	cause = NULL;
	assert_int_equal(pg_check_url("postgresql://op:s3cret@db/teamtop", 0,
	                     &cause),
	    0);
	assert_int_equal(pg_check_url("postgresql://op@db/teamtop"
	                              "?sslmode=verify-full",
	                     1, &cause),
	    0);
	assert_int_equal(pg_check_url("postgresql://[broken", 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

/* What chunk_collect gathers. */
struct chunks {
	char *joined;
	size_t n;
	size_t longest;
};

/* Collect a payload. */
static int
chunk_collect(const char *payload, void *arg)
{
	struct chunks *c = arg;
	char *s;

	if (strlen(payload) > c->longest)
		c->longest = strlen(payload);
	xasprintf(&s, "%s%s%s", c->joined != NULL ? c->joined : "",
	    c->joined != NULL ? "," : "", payload);
	free(c->joined);
	c->joined = s;
	c->n++;
	return 0;
}

/* 5,000 ids go in payloads under the limit, all of them, in order. */
static void
test_chunks_stay_under_the_limit(void **state)
{
	static char ids[5000][37];
	const char *v[5000];
	struct chunks c = { NULL, 0, 0 };
	char *want = NULL, *s;
	size_t i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(ids[i], sizeof ids[i], "%08zx-0000-4000-8000-%012zx",
		    i, i * 7);
		v[i] = ids[i];
		xasprintf(&s, "%s%s%s", want != NULL ? want : "",
		    want != NULL ? "," : "", ids[i]);
		free(want);
		want = s;
	}
	assert_int_equal(pg_chunk_ids(v, 5000, PG_PAYLOAD_MAX, chunk_collect,
	                     &c),
	    0);
	assert_true(c.longest <= PG_PAYLOAD_MAX);
	assert_true(PG_PAYLOAD_MAX < 8000);
	/* 37 bytes an id with its comma: 213 a payload. */
	assert_int_equal(c.n, (5000 + 212) / 213);
	assert_string_equal(c.joined, want);
	free(c.joined);
	free(want);
	/* None: no payload at all. */
	memset(&c, 0, sizeof c);
	assert_int_equal(pg_chunk_ids(v, 0, PG_PAYLOAD_MAX, chunk_collect, &c),
	    0);
	assert_int_equal(c.n, 0);
}

/* An action queued as kind, target and body comes back the same. */
static void
test_action_round_trip(void **state)
{
	struct action a, *b;
	char *body, *cause = NULL;

	(void)state;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_PRESENCE;
	a.id = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
	a.session = "s-1";
	a.availability = "Busy";
	a.activity = "InACall";
	a.expiry_seconds = 3600;
	body = pg_action_body(&a);
	b = pg_action_decode("setPresence", a.id, body, &cause);
	assert_non_null(b);
	assert_int_equal(b->kind, ACTION_SET_PRESENCE);
	assert_string_equal(b->id, a.id);
	assert_string_equal(b->session, "s-1");
	assert_string_equal(b->availability, "Busy");
	assert_string_equal(b->activity, "InACall");
	assert_int_equal(b->expiry_seconds, 3600);
	assert_null(b->message);
	free(b);
	free(body);

	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.id = "x";
	a.message = "Back at \"three\" \xc3\xa0 15h";
	a.expiry = 1800000000;
	body = pg_action_body(&a);
	b = pg_action_decode("setStatusMessage", "x", body, &cause);
	assert_non_null(b);
	assert_string_equal(b->message, a.message);
	assert_int_equal(b->expiry, 1800000000);
	free(b);
	free(body);
}

/* A row teamtop does not understand is refused in words. */
static void
test_action_decode_refuses(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_null(pg_action_decode("deleteUser", "x", "{}", &cause));
	assert_non_null(strstr(cause, "deleteUser"));
	free(cause);
	cause = NULL;
	assert_null(pg_action_decode("read", "x", "{}", &cause));
	free(cause);
	cause = NULL;
	assert_null(pg_action_decode("setPresence", "x", "[1", &cause));
	assert_non_null(strstr(cause, "JSON"));
	free(cause);
}

/* The roles: the operator inserts only kind, target and body. */
static void
test_roles(void **state)
{
	const char *sql = pg_roles_sql();

	(void)state;
	assert_true(pg_schema_version() >= 1);
	assert_non_null(strstr(sql, "CREATE ROLE teamtop_reader NOLOGIN"));
	assert_non_null(strstr(sql,
	    "GRANT INSERT (kind, target, body) ON actions TO "
	    "teamtop_operator"));
	assert_null(strstr(sql, "INSERT ON actions TO teamtop_reader"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_url_refuses_a_password_on_argv),
		cmocka_unit_test(test_chunks_stay_under_the_limit),
		cmocka_unit_test(test_action_round_trip),
		cmocka_unit_test(test_action_decode_refuses),
		cmocka_unit_test(test_roles),
	};

	return cmocka_run_group_tests_name("pg", tests, NULL, NULL);
}
