/* Unit tests for the allocation wrappers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xmalloc.h"

static void
test_xasprintf_formats(void **state)
{
	char *s;

	(void)state;
	assert_int_equal(xasprintf(&s, "%s=%d", "n", 42), 4);
	assert_string_equal(s, "n=42");
	free(s);
}

static void
test_xstrndup_stops_at_n(void **state)
{
	char *s;

	(void)state;
	s = xstrndup("availability", 5);
	assert_string_equal(s, "avail");
	free(s);
}

static void
test_xstrdup_null_keeps_null(void **state)
{
	char *s;

	(void)state;
	assert_null(xstrdup_null(NULL));
	s = xstrdup_null("Busy");
	assert_string_equal(s, "Busy");
	free(s);
	s = xstrdup_null("");
	assert_string_equal(s, "");
	free(s);
}

/* A secret is freed (under valgrind or ASan: no leak); NULL is fine. */
static void
test_xfree_secret_frees(void **state)
{
	(void)state;
	xfree_secret(xstrdup("s3cr3t"));
	xfree_secret(xstrdup(""));
	xfree_secret(NULL);
}

static void
test_xreallocarray_grows(void **state)
{
	int *a;

	(void)state;
	a = xreallocarray(NULL, 4, sizeof *a);
	a[3] = 7;
	a = xreallocarray(a, 1000, sizeof *a);
	assert_int_equal(a[3], 7);
	free(a);
}

/* Growing one at a time doubles from 16 and keeps what was there. */
static void
test_xgrowarray_doubles(void **state)
{
	int *a = NULL;
	size_t n, cap = 0;

	(void)state;
	for (n = 0; n < 100; n++) {
		a = xgrowarray(a, n, &cap, sizeof *a);
		assert_true(n < cap);
		a[n] = (int)n;
		if (n < 16)
			assert_int_equal(cap, 16);
	}
	assert_int_equal(cap, 128);
	for (n = 0; n < 100; n++)
		assert_int_equal(a[n], (int)n);
	/* With room left the array is returned as it is. */
	assert_ptr_equal(xgrowarray(a, 100, &cap, sizeof *a), a);
	assert_int_equal(cap, 128);
	free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xasprintf_formats),
		cmocka_unit_test(test_xstrndup_stops_at_n),
		cmocka_unit_test(test_xstrdup_null_keeps_null),
		cmocka_unit_test(test_xfree_secret_frees),
		cmocka_unit_test(test_xreallocarray_grows),
		cmocka_unit_test(test_xgrowarray_doubles),
	};

	return cmocka_run_group_tests_name("xmalloc", tests, NULL, NULL);
}
