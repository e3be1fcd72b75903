/* Unit tests for the Graph calls' checks that need no network. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "action.h"
#include "cmd.h"
#include "graph.h"

/* Object ids are GUIDs in their 8-4-4-4-12 form only. */
static void
test_guid_accepts_object_ids_only(void **state)
{
	(void)state;
	assert_true(graph_is_guid("fa8bf3dc-eca7-46b7-bad1-db199b62afc3"));
	assert_true(graph_is_guid("FA8BF3DC-ECA7-46B7-BAD1-DB199B62AFC3"));
	assert_false(graph_is_guid("alice@contoso.com"));
	assert_false(graph_is_guid("fa8bf3dc-eca7-46b7-bad1-db199b62afc"));
	assert_false(graph_is_guid("fa8bf3dc-eca7-46b7-bad1-db199b62afc30"));
	assert_false(graph_is_guid("fa8bf3dceeca7-46b7-bad1-db199b62afc3"));
	assert_false(graph_is_guid(""));
}

/* Check a setPresence (or preferred) pair and duration as a write is. */
static int
graph_validate(int preferred, const char *availability, const char *activity,
    long expiry_seconds, struct graph_error *e)
{
	struct action a;

	memset(&a, 0, sizeof a);
	a.kind = preferred ? ACTION_SET_PREFERRED : ACTION_SET_PRESENCE;
	a.id = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
	a.availability = availability;
	a.activity = activity;
	a.expiry_seconds = expiry_seconds;
	return action_check(&a, e);
}

/* The five setPresence pairs pass, in any case. */
static void
test_validate_accepts_set_pairs(void **state)
{
	struct graph_error e;

	(void)state;
	graph_error_init(&e);
	assert_int_equal(graph_validate(0, "Busy", "InACall", 0, &e), 0);
	assert_int_equal(graph_validate(0, "busy", "inaconferencecall", 3600,
	                     &e),
	    0);
	assert_int_equal(graph_validate(0, "DoNotDisturb", "Presenting", 300,
	                     &e),
	    0);
	assert_int_equal(graph_validate(0, "Away", "Away", 4 * 3600, &e), 0);
	assert_int_equal(e.kind, GRAPH_OK);
}

/* Busy/Busy is for preferred presence only; the message lists the pairs. */
static void
test_validate_refuses_busy_busy_for_set(void **state)
{
	struct graph_error e;

	(void)state;
	graph_error_init(&e);
	assert_int_equal(graph_validate(0, "Busy", "Busy", 0, &e), -1);
	assert_int_equal(e.kind, GRAPH_ERR_USAGE);
	assert_non_null(strstr(e.message, "Busy/InACall"));
	assert_non_null(strstr(e.message, "DoNotDisturb/Presenting"));
	graph_error_done(&e);
	assert_int_equal(graph_validate(1, "Busy", "Busy", 0, &e), 0);
	assert_int_equal(graph_validate(1, "Offline", "OffWork", 8 * 3600, &e),
	    0);
	assert_int_equal(graph_validate(1, "DoNotDisturb", "Presenting", 0, &e),
	    -1);
	assert_non_null(strstr(e.message, "Offline/OffWork"));
	graph_error_done(&e);
}

/* setPresence durations are 5 minutes to 4 hours. */
static void
test_validate_bounds_set_duration(void **state)
{
	struct graph_error e;

	(void)state;
	graph_error_init(&e);
	assert_int_equal(graph_validate(0, "Available", "Available", 299, &e),
	    -1);
	assert_int_equal(e.kind, GRAPH_ERR_USAGE);
	graph_error_done(&e);
	assert_int_equal(graph_validate(0, "Available", "Available",
	                     4 * 3600 + 1, &e),
	    -1);
	graph_error_done(&e);
	assert_int_equal(graph_validate(0, "Available", NULL, 0, &e), -1);
	graph_error_done(&e);
}

/* WHEN: a date-time in local time, a time today, or a duration. */
static void
test_when_parses_local_times(void **state)
{
	struct tm tm;
	time_t now, when;
	char *cause = NULL;

	(void)state;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 2;
	tm.tm_hour = 9;
	tm.tm_isdst = -1;
	now = mktime(&tm);
	assert_int_equal(cmd_parse_when("2026-03-02 17:00", now, &when, &cause),
	    0);
	assert_int_equal(when - now, 8 * 3600);
	assert_int_equal(cmd_parse_when("2026-03-02T17:30:00", now, &when,
	                     &cause),
	    0);
	assert_int_equal(when - now, 8 * 3600 + 1800);
	assert_int_equal(cmd_parse_when("17:00", now, &when, &cause), 0);
	assert_int_equal(when - now, 8 * 3600);
	assert_int_equal(cmd_parse_when("90m", now, &when, &cause), 0);
	assert_int_equal(when - now, 5400);
	assert_int_equal(cmd_parse_when("2026-03-01 17:00", now, &when, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(cmd_parse_when("tomorrowish", now, &when, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

/*
 * The budget: ceil(N/650) requests a refresh within share% of 1,500 per
 * 30 s; at 100% the floor is N/32,500 s.
 */
static void
test_budget_interval_is_the_share_of_1500_per_30s(void **state)
{
	(void)state;
	assert_int_equal(graph_budget_interval(0, 50), 0);
	assert_int_equal(graph_budget_interval(650, 100), 1);
	assert_int_equal(graph_budget_interval(10000, 50), 1);
	/* 154 requests: 6.16 s at 50%, rounded up. */
	assert_int_equal(graph_budget_interval(100000, 50), 7);
	/* A million people: 1,539 requests, 30.8 s at 100%. */
	assert_int_equal(graph_budget_interval(1000000, 100), 31);
	assert_int_equal(graph_budget_interval(1000000, 50), 62);
	assert_int_equal(graph_budget_interval(2000, 1), 8);
	/* Out of range shares are clamped. */
	assert_int_equal(graph_budget_interval(2000, 0), 8);
	assert_int_equal(graph_budget_interval(650 * 50, 500), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guid_accepts_object_ids_only),
		cmocka_unit_test(test_validate_accepts_set_pairs),
		cmocka_unit_test(test_validate_refuses_busy_busy_for_set),
		cmocka_unit_test(test_validate_bounds_set_duration),
		cmocka_unit_test(test_when_parses_local_times),
		cmocka_unit_test(
		    test_budget_interval_is_the_share_of_1500_per_30s),
	};

	return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
