/*
 * The message log: every message kept up to its size, the newest first,
 * the oldest overwritten, and the status bar's message going stale.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "msglog.h"

static void
test_msglog_keeps_every_message_newest_first(void **state)
{
	struct msglog l;

	(void)state;
	memset(&l, 0, sizeof l);
	assert_null(msglog_get(&l, 0));
	assert_string_equal(msglog_current(&l, time(NULL)), "");
	msglog_add(&l, "setPresence for %s done", "Ann");
	msglog_add(&l, "clearPresence for %s done", "Bob");
	msglog_add(&l, "warning: %d people", 3);
	assert_string_equal(msglog_get(&l, 0)->text, "warning: 3 people");
	assert_string_equal(msglog_get(&l, 1)->text,
	    "clearPresence for Bob done");
	assert_string_equal(msglog_get(&l, 2)->text,
	    "setPresence for Ann done");
	assert_null(msglog_get(&l, 3));
	assert_string_equal(msglog_current(&l, time(NULL)),
	    "warning: 3 people");
}

static void
test_msglog_overwrites_the_oldest_when_full(void **state)
{
	struct msglog l;
	char want[32];
	size_t i;

	(void)state;
	memset(&l, 0, sizeof l);
	for (i = 0; i < MSGLOG_SIZE + 3; i++)
		msglog_add(&l, "message %zu", i);
	assert_int_equal(l.n, MSGLOG_SIZE);
	snprintf(want, sizeof want, "message %d", MSGLOG_SIZE + 2);
	assert_string_equal(msglog_get(&l, 0)->text, want);
	assert_string_equal(msglog_get(&l, MSGLOG_SIZE - 1)->text, "message 3");
	assert_null(msglog_get(&l, MSGLOG_SIZE));
}

static void
test_msglog_current_goes_stale(void **state)
{
	struct msglog l;
	time_t now = time(NULL);

	(void)state;
	memset(&l, 0, sizeof l);
	msglog_add(&l, "sorted by name");
	assert_string_equal(msglog_current(&l, now + MSGLOG_SHOW - 1),
	    "sorted by name");
	assert_string_equal(msglog_current(&l, now + MSGLOG_SHOW + 2), "");
	/* Still in the log. */
	assert_string_equal(msglog_get(&l, 0)->text, "sorted by name");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msglog_keeps_every_message_newest_first),
		cmocka_unit_test(test_msglog_overwrites_the_oldest_when_full),
		cmocka_unit_test(test_msglog_current_goes_stale),
	};

	return cmocka_run_group_tests_name("msglog", tests, NULL, NULL);
}
