/*
 * Actions: the names, the checks before sending, the bodies exactly as
 * Graph wants them, and a copy that owns its strings.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "graph.h"

#define APP "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17"
#define ID "fa8bf3dc-eca7-46b7-bad1-db199b62afc3"

/* Check an action and return its body (NULL if refused). */
static char *
checked_body(struct action *a)
{
	struct graph_error e;
	char *body = NULL;

	graph_error_init(&e);
	if (action_check(a, &e) == 0)
		body = action_body(a, APP);
	graph_error_done(&e);
	return body;
}

/* Each write's body is what the API reference shows. */
static void
test_bodies_as_graph_wants_them(void **state)
{
	struct action a;
	char *b;

	(void)state;
	memset(&a, 0, sizeof a);
	a.id = ID;
	a.kind = ACTION_SET_PRESENCE;
	a.availability = "busy";
	a.activity = "inacall";
	a.expiry_seconds = 5400;
	b = checked_body(&a);
	assert_string_equal(b,
	    "{\"sessionId\":\"" APP "\",\"availability\":\"Busy\","
	    "\"activity\":\"InACall\",\"expirationDuration\":\"PT1H30M\"}");
	free(b);

	a.kind = ACTION_CLEAR_PRESENCE;
	a.session = "22553876-f5ab-4529-bffb-cfe50aa89f87";
	b = checked_body(&a);
	assert_string_equal(b,
	    "{\"sessionId\":\"22553876-f5ab-4529-bffb-cfe50aa89f87\"}");
	free(b);

	memset(&a, 0, sizeof a);
	a.id = ID;
	a.kind = ACTION_SET_PREFERRED;
	a.availability = "DoNotDisturb";
	a.activity = "DoNotDisturb";
	b = checked_body(&a);
	assert_string_equal(b,
	    "{\"availability\":\"DoNotDisturb\",\"activity\":"
	    "\"DoNotDisturb\"}");
	free(b);

	a.kind = ACTION_CLEAR_PREFERRED;
	b = checked_body(&a);
	assert_string_equal(b, "{}");
	free(b);

	memset(&a, 0, sizeof a);
	a.id = ID;
	a.kind = ACTION_SET_STATUS;
	a.message = "In the lab, \"back\" at 3";
	a.expiry = (time_t)1772470800; /* 2026-03-02 17:00 UTC */
	b = checked_body(&a);
	assert_string_equal(b,
	    "{\"statusMessage\":{\"message\":{\"content\":\"In the lab, "
	    "\\\"back\\\" at 3\",\"contentType\":\"text\"},\"expiryDateTime\":"
	    "{\"dateTime\":\"2026-03-02T17:00:00.0000000\",\"timeZone\":"
	    "\"UTC\"}}}");
	free(b);

	a.kind = ACTION_READ;
	assert_null(action_body(&a, APP));
}

/* A pair or a duration the method does not allow is refused. */
static void
test_check_refuses_before_sending(void **state)
{
	struct graph_error e;
	struct action a;

	(void)state;
	memset(&a, 0, sizeof a);
	a.id = ID;
	a.kind = ACTION_SET_PRESENCE;
	a.availability = "Busy";
	a.activity = "Busy";
	graph_error_init(&e);
	assert_int_equal(action_check(&a, &e), -1);
	assert_int_equal(e.kind, GRAPH_ERR_USAGE);
	assert_non_null(strstr(e.message, "Busy/InACall"));
	graph_error_done(&e);

	a.activity = "InACall";
	a.expiry_seconds = 5 * 3600;
	graph_error_init(&e);
	assert_int_equal(action_check(&a, &e), -1);
	assert_int_equal(e.kind, GRAPH_ERR_USAGE);
	graph_error_done(&e);
}

/* Names, words, and a copy that outlives the strings it was made from. */
static void
test_names_and_copy(void **state)
{
	struct action a, *c;
	char id[] = ID, msg[] = "hello";

	(void)state;
	assert_string_equal(action_name(ACTION_SET_PREFERRED),
	    "setUserPreferredPresence");
	assert_string_equal(action_done_word(ACTION_CLEAR_PRESENCE),
	    "presence session cleared");
	assert_string_equal(action_name(ACTION__COUNT), "?");
	assert_false(action_writes(ACTION_READ));
	assert_true(action_writes(ACTION_SET_STATUS));
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.id = id;
	a.message = msg;
	c = action_copy(&a);
	memset(id, 'x', sizeof id - 1);
	memset(msg, 'y', sizeof msg - 1);
	assert_string_equal(c->id, ID);
	assert_string_equal(c->message, "hello");
	assert_null(c->availability);
	free(c);
}

/*
 * The work-location methods: their bodies as the reference shows them,
 * none for the clears, the type in Graph's spelling, all on /me.
 */
static void
test_location_bodies(void **state)
{
	struct graph_error e;
	struct action a, *c;
	char *b;

	(void)state;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_LOCATION;
	a.location = "OFFICE";
	a.place = "bldg-7";
	b = checked_body(&a);
	assert_string_equal(b,
	    "{\"workLocationType\":\"office\",\"placeId\":\"bldg-7\"}");
	free(b);
	assert_string_equal(action_name(a.kind), "setManualLocation");
	assert_true(action_own(a.kind));

	a.kind = ACTION_SET_AUTOMATIC_LOCATION;
	a.location = "timeoff";
	a.place = NULL;
	b = checked_body(&a);
	assert_string_equal(b, "{\"workLocationType\":\"timeOff\"}");
	free(b);
	assert_string_equal(action_name(a.kind), "setAutomaticLocation");

	graph_error_init(&e);
	a.location = "unspecified";
	assert_int_equal(action_check(&a, &e), -1);
	assert_int_equal(e.kind, GRAPH_ERR_USAGE);
	graph_error_done(&e);
	a.location = NULL;
	assert_int_equal(action_check(&a, &e), -1);
	graph_error_done(&e);
	a.location = "office";
	a.place = "";
	assert_int_equal(action_check(&a, &e), -1);
	graph_error_done(&e);

	memset(&a, 0, sizeof a);
	a.kind = ACTION_CLEAR_LOCATION;
	assert_int_equal(action_check(&a, &e), 0);
	assert_null(action_body(&a, APP));
	assert_string_equal(action_name(a.kind), "clearLocation");
	a.kind = ACTION_CLEAR_AUTOMATIC_LOCATION;
	assert_null(action_body(&a, APP));
	assert_string_equal(action_name(a.kind), "clearAutomaticLocation");
	assert_true(action_writes(a.kind));
	assert_false(action_own(ACTION_SET_PRESENCE));

	a.kind = ACTION_SET_LOCATION;
	a.location = "remote";
	a.place = "home";
	c = action_copy(&a);
	assert_string_equal(c->location, "remote");
	assert_string_equal(c->place, "home");
	assert_ptr_not_equal(c->place, a.place);
	free(c);
}

/*
 * One's own writes go to /me/presence: the work location always, the
 * others when marked so, and the mark survives a copy.
 */
static void
test_own_writes_go_to_me(void **state)
{
	struct action a, *c;

	(void)state;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_PRESENCE;
	a.id = ID;
	assert_false(action_to_me(&a));
	a.me = 1;
	assert_true(action_to_me(&a));
	c = action_copy(&a);
	assert_true(action_to_me(c));
	free(c);
	a.me = 0;
	a.kind = ACTION_CLEAR_LOCATION;
	assert_true(action_to_me(&a));
}

/*
 * Which permission a refused write needs: the application's own, or, for
 * a signed-in user, Presence.ReadWrite for one's own presence and the
 * application permission for anyone else's, with who and what is held.
 */
static void
test_permission_in_words(void **state)
{
	char *s;

	(void)state;
	s = action_permission(0, 0, NULL, NULL);
	assert_non_null(strstr(s,
	    "application permission "
	    "Presence.ReadWrite.All"));
	assert_non_null(strstr(s, "admin consent"));
	free(s);
	s = action_permission(1, 0, "Ann Lee <ann@example.com>",
	    "Presence.Read.All, Presence.ReadWrite");
	assert_non_null(strstr(s,
	    "signed in as Ann Lee <ann@example.com> "
	    "with the delegated permissions "
	    "Presence.Read.All, Presence.ReadWrite"));
	assert_non_null(strstr(s, "only their own presence"));
	assert_non_null(strstr(s,
	    "application permission "
	    "Presence.ReadWrite.All with admin consent"));
	assert_non_null(strstr(s, "--auth app"));
	free(s);
	s = action_permission(1, 1, NULL, "");
	assert_non_null(strstr(s, "signed in as yourself (delegated)"));
	assert_non_null(strstr(s, "delegated permission Presence.ReadWrite;"));
	assert_null(strstr(s, "ReadWrite.All"));
	free(s);
}

/*
 * A held session is sent again five minutes before it expires, or at four
 * fifths of a shorter one; an Available one before it would fade.
 */
static void
test_hold_interval(void **state)
{
	(void)state;
	assert_int_equal(action_hold_interval(3600, "Busy"), 3300);
	assert_int_equal(action_hold_interval(4 * 3600, "DoNotDisturb"),
	    4 * 3600 - 300);
	assert_int_equal(action_hold_interval(1800, "Away"), 1500);
	assert_int_equal(action_hold_interval(300, "Busy"), 240);
	assert_int_equal(action_hold_interval(0, "Busy"), 240);
	assert_int_equal(action_hold_interval(3600, "Available"), 240);
	assert_int_equal(action_hold_interval(300, "available"), 240);
	assert_int_equal(action_hold_interval(3600, NULL), 3300);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hold_interval),
		cmocka_unit_test(test_bodies_as_graph_wants_them),
		cmocka_unit_test(test_check_refuses_before_sending),
		cmocka_unit_test(test_names_and_copy),
		cmocka_unit_test(test_location_bodies),
		cmocka_unit_test(test_own_writes_go_to_me),
		cmocka_unit_test(test_permission_in_words),
	};

	return cmocka_run_group_tests_name("action", tests, NULL, NULL);
}
