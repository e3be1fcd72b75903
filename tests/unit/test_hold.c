/*
 * The held sessions: sent again five minutes before each expiry (at four
 * fifths of a shorter one, and before an Available one fades), one a
 * person, until dropped.
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
#include "hold.h"

#define NOW ((time_t)1772445600)

/* A setPresence of id for seconds. */
static struct action
set_presence(const char *id, const char *availability, long seconds)
{
	struct action a;

	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_PRESENCE;
	a.id = id;
	a.availability = availability;
	a.activity = "InACall";
	a.expiry_seconds = seconds;
	a.tag = 7;
	return a;
}

static void
test_hold_sends_again_before_each_expiry(void **state)
{
	struct hold h;
	struct action a = set_presence("ann", "Busy", 3600);
	const struct action **due;
	time_t t;
	int sends = 0;

	(void)state;
	memset(&h, 0, sizeof h);
	hold_add(&h, &a, "Ann", 7, NOW);
	assert_int_equal(hold_next(&h), NOW + 3300);
	assert_int_equal(hold_due(&h, NOW + 3299, &due), 0);
	assert_null(due);
	assert_int_equal(hold_due(&h, NOW + 3300, &due), 1);
	assert_string_equal(due[0]->id, "ann");
	assert_string_equal(due[0]->availability, "Busy");
	assert_int_equal(due[0]->expiry_seconds, 3600);
	assert_int_equal(due[0]->tag, 0);
	free(due);
	assert_int_equal(hold_next(&h), NOW + 6600);
	/* Over four hours, sent again every 55 minutes: 4 times. */
	for (t = NOW + 3301; t <= NOW + 4 * 3600; t += 60) {
		sends += (int)hold_due(&h, t, &due);
		free(due);
	}
	assert_int_equal(sends, 3);
	hold_done(&h);
}

static void
test_hold_keeps_available_from_fading(void **state)
{
	struct hold h;
	struct action a = set_presence("bob", "Available", 3600);
	struct action b = set_presence("cy", "Busy", 300);

	(void)state;
	memset(&h, 0, sizeof h);
	hold_add(&h, &a, "Bob", 1, NOW);
	hold_add(&h, &b, "Cy", 2, NOW);
	assert_int_equal(hold_find(&h, "bob")->every, 240);
	assert_int_equal(hold_find(&h, "cy")->every, 240);
	assert_int_equal(hold_next(&h), NOW + 240);
	hold_done(&h);
}

static void
test_hold_one_a_person_until_dropped(void **state)
{
	struct hold h;
	struct action a = set_presence("ann", "Busy", 3600);

	(void)state;
	memset(&h, 0, sizeof h);
	hold_add(&h, &a, "Ann", 1, NOW);
	a.availability = "DoNotDisturb";
	a.expiry_seconds = 1800;
	hold_add(&h, &a, "Ann", 2, NOW + 10);
	assert_int_equal(h.n, 1);
	assert_string_equal(hold_find(&h, "ann")->action->availability,
	    "DoNotDisturb");
	assert_int_equal(hold_find(&h, "ann")->next, NOW + 10 + 1500);
	assert_non_null(hold_find_tag(&h, 2));
	assert_null(hold_find_tag(&h, 1));
	assert_null(hold_find(&h, "bob"));
	assert_int_equal(hold_drop(&h, "bob"), 0);
	assert_int_equal(hold_drop(&h, "ann"), 1);
	assert_int_equal(h.n, 0);
	assert_int_equal(hold_next(&h), 0);
	hold_done(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hold_sends_again_before_each_expiry),
		cmocka_unit_test(test_hold_keeps_available_from_fading),
		cmocka_unit_test(test_hold_one_a_person_until_dropped),
	};

	return cmocka_run_group_tests_name("hold", tests, NULL, NULL);
}
