/*
 * What y copies and how: the OSC 52 sequence with the text in base64, the
 * UPN or else the mail; and the Teams chat link of the details pane,
 * percent-encoded.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "clipboard.h"
#include "details.h"
#include "store.h"

/* The sequence is ESC ] 52 ; c ; base64 ST, padded as base64 is. */
static void
test_osc52_sequence(void **state)
{
	static const char *const cases[][2] = {
		{ "alice@contoso.com", "YWxpY2VAY29udG9zby5jb20=" },
		{ "", "" },
		{ "f", "Zg==" },
		{ "fo", "Zm8=" },
		{ "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
		{ "j\xc3\xbcrgen@contoso.com", "asO8cmdlbkBjb250b3NvLmNvbQ==" },
	};
	char want[128], *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(want, sizeof want, "\033]52;c;%s\033\\", cases[i][1]);
		got = clipboard_osc52(cases[i][0]);
		assert_string_equal(got, want);
		free(got);
	}
}

/* The UPN is copied; the mail when there is no UPN; nothing for neither. */
static void
test_copy_upn_else_mail(void **state)
{
	struct store_row r;

	(void)state;
	memset(&r, 0, sizeof r);
	r.d_upn = (char *)"alice@contoso.com";
	r.d_mail = (char *)"alice.smith@contoso.com";
	assert_string_equal(clipboard_what(&r), "alice@contoso.com");
	r.d_upn = (char *)"";
	assert_string_equal(clipboard_what(&r), "alice.smith@contoso.com");
	r.d_upn = NULL;
	assert_string_equal(clipboard_what(&r), "alice.smith@contoso.com");
	r.d_mail = (char *)"";
	assert_null(clipboard_what(&r));
}

/* The chat link percent-encodes everything but the unreserved characters. */
static void
test_chat_link_percent_encoded(void **state)
{
	char buf[256], small[60];

	(void)state;
	details_chat_link("alice@contoso.com", buf, sizeof buf);
	assert_string_equal(buf,
	    "https://teams.microsoft.com/l/chat/0/0?users=alice%40contoso.com");
	details_chat_link("o'brien+it&x=1 j\xc3\xbcrgen@contoso.com", buf,
	    sizeof buf);
	assert_string_equal(buf,
	    "https://teams.microsoft.com/l/chat/0/0?users="
	    "o%27brien%2Bit%26x%3D1%20j%C3%BCrgen%40contoso.com");
	details_chat_link("a.b-c_d~e@x.org", buf, sizeof buf);
	assert_string_equal(buf,
	    "https://teams.microsoft.com/l/chat/0/0?users=a.b-c_d~e%40x.org");
	/* Too small: cut, never overrun, never half an escape. */
	details_chat_link("alice@contoso.com", small, sizeof small);
	assert_true(strlen(small) < sizeof small);
	assert_null(strchr(small + strlen(small) - 2, '%'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_osc52_sequence),
		cmocka_unit_test(test_copy_upn_else_mail),
		cmocka_unit_test(test_chat_link_percent_encoded),
	};

	return cmocka_run_group_tests_name("clipboard", tests, NULL, NULL);
}
