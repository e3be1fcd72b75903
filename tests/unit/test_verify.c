/*
 * What Graph shows after a write, in words: as asked, or what shows
 * instead and why.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

#include "action.h"
#include "presence.h"
#include "verify.h"

/* A presence showing availability/activity and a message. */
static struct presence
shows(const char *availability, const char *activity, const char *message)
{
	struct presence p;

	memset(&p, 0, sizeof p);
	p.availability = (char *)availability;
	p.activity = (char *)activity;
	p.status_message = (char *)message;
	return p;
}

/* A write of kind asking for availability/activity. */
static struct action
asks(enum action_kind kind, const char *availability, const char *activity)
{
	struct action a;

	memset(&a, 0, sizeof a);
	a.kind = kind;
	a.id = "id";
	a.availability = availability;
	a.activity = activity;
	return a;
}

/* A work location: what Graph shows, and a set one that does not show. */
static void
test_verify_work_location(void **state)
{
	struct action a = asks(ACTION_SET_AUTOMATIC_LOCATION, NULL, NULL);
	struct presence p = shows("Available", "Available", NULL);
	char buf[512];

	(void)state;
	a.location = "remote";
	p.work_location_type = (char *)"remote";
	p.work_location_source = (char *)"automatic";
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_string_equal(buf,
	    "Graph shows the work location remote (automatic)");
	p.work_location_type = (char *)"office";
	p.work_location_source = (char *)"manual";
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "office (manual), not remote"));
	a = asks(ACTION_CLEAR_LOCATION, NULL, NULL);
	p.work_location_type = NULL;
	p.work_location_source = NULL;
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_string_equal(buf,
	    "Graph shows the work location unspecified (none)");
}

static void
test_verify_says_as_asked(void **state)
{
	struct action a = asks(ACTION_SET_PRESENCE, "Busy", "InACall");
	struct presence p = shows("Busy", "InACall", NULL);
	char buf[512];

	(void)state;
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_string_equal(buf, "Graph shows Busy/InACall, as asked");
	a = asks(ACTION_SET_PREFERRED, "Offline", "OffWork");
	p = shows("Offline", "OffWork", NULL);
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	/* Available matches, and will fade unless held. */
	a = asks(ACTION_SET_PRESENCE, "Available", "Available");
	p = shows("Available", "Available", NULL);
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_non_null(strstr(buf, "fades to Away"));
}

static void
test_verify_says_what_outranks_a_session(void **state)
{
	struct action a = asks(ACTION_SET_PRESENCE, "Away", "Away");
	struct presence p = shows("Available", "Available", NULL);
	char buf[512];

	(void)state;
	/* The person's own Available in Teams ranks above Away. */
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf,
	    "Graph shows Available/Available, not "
	    "Away/Away"));
	assert_non_null(strstr(buf, "a session that ranks higher"));
	/* Lower than asked: only a preferred presence does that. */
	a = asks(ACTION_SET_PRESENCE, "DoNotDisturb", "Presenting");
	p = shows("BeRightBack", "BeRightBack", NULL);
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "a preferred presence outranks"));
	/* An Available session that faded. */
	a = asks(ACTION_SET_PRESENCE, "Available", "Available");
	p = shows("Available", "AvailableInactive", NULL);
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "fades to AvailableInactive"));
	p = shows("Away", "Away", NULL);
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "fades"));
}

static void
test_verify_preferred_needs_a_session(void **state)
{
	struct action a = asks(ACTION_SET_PREFERRED, "Busy", "Busy");
	struct presence p = shows("Offline", "Offline", NULL);
	char buf[512];

	(void)state;
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "only while the person has a session"));
}

static void
test_verify_status_messages_and_clears(void **state)
{
	struct action a = asks(ACTION_SET_STATUS, NULL, NULL);
	struct presence p = shows("Busy", "InACall", "\xe4\xb8\xad e\xcc\x81");
	char buf[512];

	(void)state;
	a.message = "\xe4\xb8\xad e\xcc\x81";
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_string_equal(buf, "Graph shows the status message, as set");
	a.message = "other";
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "another status message"));
	a.message = "";
	p.status_message = NULL;
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_non_null(strstr(buf, "no status message"));
	/* A clear asks for nothing in particular; escapes are made inert. */
	a = asks(ACTION_CLEAR_PRESENCE, NULL, NULL);
	p = shows("Away\x1b[2J", "Away", NULL);
	assert_int_equal(verify_explain(&a, &p, buf, sizeof buf), 0);
	assert_null(strchr(buf, '\x1b'));
	assert_non_null(strstr(buf, "Graph now shows Away"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_says_as_asked),
		cmocka_unit_test(test_verify_work_location),
		cmocka_unit_test(test_verify_says_what_outranks_a_session),
		cmocka_unit_test(test_verify_preferred_needs_a_session),
		cmocka_unit_test(test_verify_status_messages_and_clears),
	};

	return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
