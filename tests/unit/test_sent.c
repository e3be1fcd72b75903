/*
 * What the dashboard set: one status message a person, the newest in
 * place of the one before, forgotten when the write failed; sessions and
 * preferred presences with when they end; the mark a row shows.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sent.h"

#define NOW ((time_t)1772445600) /* Mon 2026-03-02 10:00:00 UTC */

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

static void
test_sent_keeps_pairs_and_marks_what_lasts(void **state)
{
	struct sent s;
	char mark[128];

	(void)state;
	memset(&s, 0, sizeof s);
	sent_pair(&s, "a", 0, "Busy/InACall", NOW + 3600);
	sent_pair(&s, "a", 1, "DoNotDisturb/DoNotDisturb", NOW + 4 * 86400);
	sent_record(&s, "a", "Lunch", 0);
	sent_mark(&s, "a", NOW, 0, mark, sizeof mark);
	assert_string_equal(mark, "S 11:00 P Fri 10:00 M");
	sent_mark(&s, "a", NOW, 1, mark, sizeof mark);
	assert_string_equal(mark, "S held P Fri 10:00 M");
	/* Past its end a session is no longer marked, unless held. */
	sent_mark(&s, "a", NOW + 7200, 0, mark, sizeof mark);
	assert_string_equal(mark, "P Fri 10:00 M");
	/* Forgetting the message keeps the rest; forgetting all drops it. */
	sent_forget(&s, "a");
	assert_null(sent_find(&s, "a")->message);
	sent_pair(&s, "a", 0, NULL, 0);
	sent_pair(&s, "a", 1, NULL, 0);
	assert_null(sent_find(&s, "a"));
	assert_int_equal(s.n, 0);
	sent_pair(&s, "nobody", 0, NULL, 0);
	assert_int_equal(s.n, 0);
	sent_record(&s, "b", "Back at 3", NOW + 1800);
	sent_mark(&s, "b", NOW, 0, mark, sizeof mark);
	assert_string_equal(mark, "M 10:30");
	sent_mark(&s, "c", NOW, 0, mark, sizeof mark);
	assert_string_equal(mark, "");
	sent_done(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sent_keeps_one_message_a_person),
		cmocka_unit_test(test_sent_forgets_a_failed_write),
		cmocka_unit_test(test_sent_keeps_pairs_and_marks_what_lasts),
	};

	setenv("TZ", "UTC0", 1);
	tzset();
	return cmocka_run_group_tests_name("sent", tests, NULL, NULL);
}
