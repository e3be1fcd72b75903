/* Unit tests for the error of a failed call. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph_error.h"
#include "xmalloc.h"

/* An error prints its message, code, status and request id. */
static void
test_error_string_has_code_and_request_id(void **state)
{
	struct graph_error e;
	char *s;

	(void)state;
	graph_error_init(&e);
	e.kind = GRAPH_ERR_REFUSED;
	e.status = 404;
	e.code = strdup("NotFound");
	e.message = strdup("no such session");
	e.request_id = strdup("93b6f17e");
	s = graph_error_string(&e);
	assert_string_equal(s,
	    "no such session (NotFound, HTTP 404, request-id 93b6f17e)");
	free(s);
	graph_error_done(&e);
	assert_null(e.code);
}

/* Without a message the kind says refused or failed. */
static void
test_error_string_without_message(void **state)
{
	struct graph_error e;
	char *s;

	(void)state;
	graph_error_init(&e);
	e.kind = GRAPH_ERR_REFUSED;
	e.status = 403;
	s = graph_error_string(&e);
	assert_string_equal(s, "request refused (HTTP 403)");
	free(s);
	e.kind = GRAPH_ERR_NETWORK;
	e.status = 0;
	e.request_id = xstrdup("r1");
	s = graph_error_string(&e);
	assert_string_equal(s, "request failed (request-id r1)");
	free(s);
	graph_error_done(&e);
	graph_error_done(NULL);
}

/* Setting an error forgets what it held and keeps the kind's status. */
static void
test_error_set_replaces(void **state)
{
	struct graph_error e;
	char *s;

	(void)state;
	graph_error_init(&e);
	e.code = xstrdup("old");
	e.request_id = xstrdup("r0");
	e.status = 429;
	e.throttled = 1;
	graph_error_set(&e, GRAPH_ERR_AUTH, "sign-in refused for %s", "app");
	assert_int_equal(e.kind, GRAPH_ERR_AUTH);
	assert_int_equal(e.kind, 3);
	assert_int_equal(GRAPH_ERR_NETWORK, 4);
	assert_null(e.code);
	assert_null(e.request_id);
	assert_int_equal(e.status, 0);
	assert_int_equal(e.throttled, 0);
	s = graph_error_string(&e);
	assert_string_equal(s, "sign-in refused for app");
	free(s);
	graph_error_done(&e);
	assert_null(e.message);
	assert_int_equal(e.kind, GRAPH_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_string_has_code_and_request_id),
		cmocka_unit_test(test_error_string_without_message),
		cmocka_unit_test(test_error_set_replaces),
	};

	return cmocka_run_group_tests_name("graph_error", tests, NULL, NULL);
}
