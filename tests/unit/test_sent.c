/*
 * The status messages set from the dashboard: one a person, the newest in
 * place of the one before, forgotten when the write failed.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

#include "sent.h"

static void
test_sent_keeps_one_message_a_person(void **state)
{
	struct sent s;
	const struct sent_status *e;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_null(sent_find(&s, "a"));
	assert_null(sent_find(&s, NULL));
	sent_record(&s, "a", "Lunch", 1000);
	sent_record(&s, "b", "In the lab", 0);
	sent_record(&s, "a", "Back at three", 2000);
	assert_int_equal(s.n, 2);
	e = sent_find(&s, "a");
	assert_non_null(e);
	assert_string_equal(e->message, "Back at three");
	assert_int_equal(e->expiry, 2000);
	e = sent_find(&s, "b");
	assert_non_null(e);
	assert_string_equal(e->message, "In the lab");
	assert_int_equal(e->expiry, 0);
	sent_done(&s);
	assert_int_equal(s.n, 0);
}

static void
test_sent_forgets_a_failed_write(void **state)
{
	struct sent s;

	(void)state;
	memset(&s, 0, sizeof s);
	sent_record(&s, "a", "one", 0);
	sent_record(&s, "b", "two", 0);
	sent_record(&s, "c", "three", 0);
	sent_forget(&s, "a");
	sent_forget(&s, "nobody");
	assert_null(sent_find(&s, "a"));
	assert_string_equal(sent_find(&s, "b")->message, "two");
	assert_string_equal(sent_find(&s, "c")->message, "three");
	assert_int_equal(s.n, 2);
	sent_done(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sent_keeps_one_message_a_person),
		cmocka_unit_test(test_sent_forgets_a_failed_write),
	};

	return cmocka_run_group_tests_name("sent", tests, NULL, NULL);
}
