/*
 * The tagged people: each once, found by id, untagged one by one or all.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tags.h"

static void
test_tags_toggle_and_clear(void **state)
{
	struct tags t;
	char id[32];
	int i;

	(void)state;
	memset(&t, 0, sizeof t);
	assert_false(tags_has(&t, "a"));
	assert_false(tags_has(&t, NULL));
	assert_int_equal(tags_toggle(&t, "b"), 1);
	assert_int_equal(tags_toggle(&t, "a"), 1);
	assert_int_equal(tags_toggle(&t, "c"), 1);
	tags_add(&t, "a");
	assert_int_equal(t.n, 3);
	assert_string_equal(t.ids[0], "a");
	assert_string_equal(t.ids[2], "c");
	assert_int_equal(tags_toggle(&t, "b"), 0);
	assert_false(tags_has(&t, "b"));
	assert_true(tags_has(&t, "c"));
	assert_int_equal(t.n, 2);
	/* Many, in any order: all found. */
	for (i = 999; i >= 0; i--) {
		snprintf(id, sizeof id, "id-%04d", (i * 7) % 1000);
		tags_add(&t, id);
	}
	assert_int_equal(t.n, 1002);
	assert_true(tags_has(&t, "id-0500"));
	for (i = 1; i < (int)t.n; i++)
		assert_true(strcmp(t.ids[i - 1], t.ids[i]) < 0);
	tags_clear(&t);
	assert_int_equal(t.n, 0);
	assert_false(tags_has(&t, "a"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tags_toggle_and_clear),
	};

	return cmocka_run_group_tests_name("tags", tests, NULL, NULL);
}
