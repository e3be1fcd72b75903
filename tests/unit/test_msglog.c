/*
 * The message log: every message kept up to its size, the newest first,
 * the oldest overwritten, the status bar's routine message going stale,
 * and a failure kept in the status bar until the user has had the chance
 * to read it.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msglog.h"

/* The text the status bar shows at now, or "". */
static const char *
shown(struct msglog *l, time_t now, size_t *more)
{
	const struct msglog_entry *m = msglog_show(l, now, more);

	return m == NULL ? "" : m->text;
}

static void
test_msglog_keeps_every_message_newest_first(void **state)
{
	struct msglog l;
	size_t more;

	(void)state;
	memset(&l, 0, sizeof l);
	assert_null(msglog_get(&l, 0));
	assert_string_equal(shown(&l, time(NULL), &more), "");
	msglog_add(&l, "setPresence for %s done", "Ann");
	msglog_add(&l, "clearPresence for %s done", "Bob");
	msglog_add(&l, "warning: %d people", 3);
	assert_string_equal(msglog_get(&l, 0)->text, "warning: 3 people");
	assert_string_equal(msglog_get(&l, 1)->text,
	    "clearPresence for Bob done");
	assert_string_equal(msglog_get(&l, 2)->text,
	    "setPresence for Ann done");
	assert_null(msglog_get(&l, 3));
	assert_string_equal(shown(&l, time(NULL), &more), "warning: 3 people");
	assert_int_equal(more, 0);
	msglog_done(&l);
}

static void
test_msglog_keeps_a_thousand_and_overwrites_the_oldest(void **state)
{
	struct msglog l;
	char want[32];
	size_t i;

	(void)state;
	assert_true(MSGLOG_SIZE >= 1000);
	memset(&l, 0, sizeof l);
	for (i = 0; i < MSGLOG_SIZE + 3; i++)
		msglog_add(&l, "message %zu", i);
	assert_int_equal(l.n, MSGLOG_SIZE);
	assert_int_equal(l.added, MSGLOG_SIZE + 3);
	snprintf(want, sizeof want, "message %d", MSGLOG_SIZE + 2);
	assert_string_equal(msglog_get(&l, 0)->text, want);
	assert_string_equal(msglog_get(&l, MSGLOG_SIZE - 1)->text, "message 3");
	assert_null(msglog_get(&l, MSGLOG_SIZE));
	msglog_done(&l);
}

static void
test_msglog_routine_message_goes_stale(void **state)
{
	struct msglog l;
	time_t now = time(NULL);
	size_t more;

	(void)state;
	memset(&l, 0, sizeof l);
	msglog_add(&l, "sorted by name");
	assert_string_equal(shown(&l, now + MSGLOG_SHOW - 1, &more),
	    "sorted by name");
	assert_string_equal(shown(&l, now + MSGLOG_SHOW + 2, &more), "");
	/* Still in the log. */
	assert_string_equal(msglog_get(&l, 0)->text, "sorted by name");
	msglog_done(&l);
}

static void
test_msglog_failure_stays_until_read(void **state)
{
	struct msglog l;
	time_t now = time(NULL);
	size_t more;

	(void)state;
	memset(&l, 0, sizeof l);
	msglog_fail(&l, "setStatusMessage for Ann failed: Forbidden");
	/* A key before it was ever shown does not read it. */
	msglog_key(&l, now);
	assert_string_equal(shown(&l, now, &more),
	    "setStatusMessage for Ann failed: Forbidden");
	/* Routine messages after it do not replace it, however old. */
	msglog_add(&l, "setPresence for Ann: done");
	msglog_add(&l, "sorted by name");
	assert_string_equal(shown(&l, now + 60, &more),
	    "setStatusMessage for Ann failed: Forbidden");
	assert_int_equal(more, 0);
	/* A key typed as it appeared does not read it either. */
	msglog_key(&l, now + MSGLOG_READ - 1);
	assert_string_equal(shown(&l, now + 60, &more),
	    "setStatusMessage for Ann failed: Forbidden");
	/* A key a while after does; the newest message shows again. */
	msglog_key(&l, now + MSGLOG_READ);
	assert_int_equal(l.unread, 0);
	assert_string_equal(shown(&l, time(NULL), &more), "sorted by name");
	msglog_done(&l);
}

static void
test_msglog_each_failure_gets_its_turn(void **state)
{
	struct msglog l;
	time_t now = time(NULL);
	size_t more;

	(void)state;
	memset(&l, 0, sizeof l);
	msglog_fail(&l, "first failed");
	msglog_add(&l, "routine");
	msglog_fail(&l, "second failed");
	assert_string_equal(shown(&l, now, &more), "second failed");
	assert_int_equal(more, 1);
	/* Only the one shown is read by a key. */
	msglog_key(&l, now + MSGLOG_READ);
	assert_string_equal(shown(&l, now + MSGLOG_READ, &more),
	    "first failed");
	assert_int_equal(more, 0);
	msglog_key(&l, now + MSGLOG_READ + 1);
	assert_int_equal(l.unread, 1);
	msglog_key(&l, now + 2 * MSGLOG_READ);
	assert_int_equal(l.unread, 0);
	/* Opening the viewer reads them all at once. */
	msglog_fail(&l, "third failed");
	msglog_fail(&l, "fourth failed");
	assert_int_equal(l.unread, 2);
	msglog_read_all(&l);
	assert_int_equal(l.unread, 0);
	msglog_done(&l);
}

static void
test_msglog_overwritten_failure_is_not_counted(void **state)
{
	struct msglog l;
	size_t i, more;

	(void)state;
	memset(&l, 0, sizeof l);
	msglog_fail(&l, "lost in the end");
	for (i = 0; i < MSGLOG_SIZE; i++)
		msglog_add(&l, "message %zu", i);
	assert_int_equal(l.unread, 0);
	assert_non_null(msglog_show(&l, time(NULL), &more));
	msglog_done(&l);
}

static void
test_msglog_cuts_long_text_on_a_character(void **state)
{
	struct msglog l;
	char *big;
	size_t i, n = MSGLOG_TEXT_MAX + 100;

	(void)state;
	memset(&l, 0, sizeof l);
	big = malloc(n + 1);
	assert_non_null(big);
	/* 'a' then three-byte characters: the cut falls inside one. */
	big[0] = 'a';
	for (i = 1; i + 3 <= n; i += 3)
		memcpy(big + i, "\xe4\xb8\xad", 3);
	big[i] = '\0';
	msglog_add(&l, "%s", big);
	assert_true(strlen(msglog_get(&l, 0)->text) <= MSGLOG_TEXT_MAX);
	assert_int_equal((strlen(msglog_get(&l, 0)->text) - 1) % 3, 0);
	free(big);
	msglog_done(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msglog_keeps_every_message_newest_first),
		cmocka_unit_test(
		    test_msglog_keeps_a_thousand_and_overwrites_the_oldest),
		cmocka_unit_test(test_msglog_routine_message_goes_stale),
		cmocka_unit_test(test_msglog_failure_stays_until_read),
		cmocka_unit_test(test_msglog_each_failure_gets_its_turn),
		cmocka_unit_test(
		    test_msglog_overwritten_failure_is_not_counted),
		cmocka_unit_test(test_msglog_cuts_long_text_on_a_character),
	};

	return cmocka_run_group_tests_name("msglog", tests, NULL, NULL);
}
