/*
 * The line editor: multibyte and wide characters, backspace that never
 * splits a UTF-8 sequence, C-u, the cursor and the byte limit.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <curses.h>
#include <string.h>

#include "editor.h"
#include "keys.h"

#define E_ACUTE 0xe9u     /* é, two bytes. */
#define EURO 0x20acu      /* €, three bytes. */
#define ZHONG 0x4e2du     /* 中, three bytes, two cells. */
#define GRINNING 0x1f600u /* 😀, four bytes, two cells. */

static void
test_editor_inserts_multibyte_characters(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	assert_int_equal(editor_insert(&e, 'a'), 0);
	assert_int_equal(editor_insert(&e, E_ACUTE), 0);
	assert_int_equal(editor_insert(&e, EURO), 0);
	assert_int_equal(editor_insert(&e, GRINNING), 0);
	assert_string_equal(editor_text(&e),
	    "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_int_equal(e.len, 10);
	assert_int_equal(e.cursor, 10);
	editor_done(&e);
}

static void
test_editor_counts_wide_characters_as_two_cells(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	editor_insert(&e, ZHONG);
	editor_insert(&e, 'x');
	editor_insert(&e, GRINNING);
	assert_string_equal(editor_text(&e), "\xe4\xb8\xadx\xf0\x9f\x98\x80");
	assert_int_equal(editor_cursor_cells(&e), 5);
	editor_left(&e);
	assert_int_equal(editor_cursor_cells(&e), 3);
	editor_left(&e);
	assert_int_equal(editor_cursor_cells(&e), 2);
	editor_done(&e);
}

static void
test_editor_backspace_removes_whole_characters(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	editor_set(&e, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_int_equal(editor_backspace(&e), 0);
	assert_string_equal(editor_text(&e), "a\xc3\xa9\xe2\x82\xac");
	assert_int_equal(editor_backspace(&e), 0);
	assert_string_equal(editor_text(&e), "a\xc3\xa9");
	assert_int_equal(editor_backspace(&e), 0);
	assert_string_equal(editor_text(&e), "a");
	assert_int_equal(editor_backspace(&e), 0);
	assert_string_equal(editor_text(&e), "");
	assert_int_equal(editor_backspace(&e), -1);
	assert_int_equal(e.len, 0);
	assert_int_equal(e.cursor, 0);
	editor_done(&e);
}

static void
test_editor_edits_at_the_cursor(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	editor_set(&e,
	    "a\xe4\xb8\xad"
	    "b");
	assert_int_equal(editor_left(&e), 0);
	assert_int_equal(e.cursor, 4);
	assert_int_equal(editor_left(&e), 0);
	assert_int_equal(e.cursor, 1);
	editor_insert(&e, E_ACUTE);
	assert_string_equal(editor_text(&e),
	    "a\xc3\xa9\xe4\xb8\xad"
	    "b");
	assert_int_equal(editor_right(&e), 0);
	assert_int_equal(e.cursor, 6);
	editor_backspace(&e);
	assert_string_equal(editor_text(&e),
	    "a\xc3\xa9"
	    "b");
	assert_int_equal(e.cursor, 3);
	assert_int_equal(editor_right(&e), 0);
	assert_int_equal(editor_right(&e), -1);
	editor_done(&e);
}

static void
test_editor_ctrl_u_deletes_before_the_cursor(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	editor_set(&e,
	    "back at \xe2\x82\xac"
	    "3");
	assert_int_equal(editor_key(&e, 21), 1);
	assert_string_equal(editor_text(&e), "");
	editor_set(&e, "one two");
	editor_left(&e);
	editor_left(&e);
	editor_left(&e);
	editor_kill(&e);
	assert_string_equal(editor_text(&e), "two");
	assert_int_equal(e.cursor, 0);
	assert_int_equal(e.len, 3);
	editor_done(&e);
}

static void
test_editor_keeps_to_the_byte_limit(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 5);
	editor_set(&e, "abcd");
	/* é needs two bytes, one is left. */
	assert_int_equal(editor_insert(&e, E_ACUTE), -1);
	assert_string_equal(editor_text(&e), "abcd");
	assert_int_equal(editor_insert(&e, 'e'), 0);
	assert_int_equal(editor_insert(&e, 'f'), -1);
	assert_string_equal(editor_text(&e), "abcde");
	/* A text set too long is cut before the character that overflows. */
	editor_set(&e, "abc\xe2\x82\xac");
	assert_string_equal(editor_text(&e), "abc");
	assert_int_equal(e.cursor, 3);
	editor_set(&e, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
	assert_string_equal(editor_text(&e), "\xf0\x9f\x98\x80");
	editor_done(&e);
}

static void
test_editor_refuses_controls_and_non_characters(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	assert_int_equal(editor_insert(&e, 0x1b), -1);
	assert_int_equal(editor_insert(&e, '\n'), -1);
	assert_int_equal(editor_insert(&e, 0x7f), -1);
	assert_int_equal(editor_insert(&e, 0x9b), -1); /* C1 CSI. */
	assert_int_equal(editor_insert(&e, 0xd800), -1);
	assert_int_equal(editor_insert(&e, 0x110000), -1);
	assert_string_equal(editor_text(&e), "");
	editor_done(&e);
}

static void
test_editor_key_takes_editing_keys_only(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	assert_int_equal(editor_key(&e, 'h'), 1);
	assert_int_equal(editor_key(&e, (int)ZHONG), 1);
	assert_string_equal(editor_text(&e), "h\xe4\xb8\xad");
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_BACKSPACE), 1);
	assert_string_equal(editor_text(&e), "h");
	assert_int_equal(editor_key(&e, 0x7f), 1);
	assert_string_equal(editor_text(&e), "");
	editor_set(&e, "ab");
	assert_int_equal(editor_key(&e, 8), 1);
	assert_string_equal(editor_text(&e), "a");
	/* A control is the editor's but is not inserted. */
	assert_int_equal(editor_key(&e, 1), 1);
	assert_string_equal(editor_text(&e), "a");
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_F(5)), 0);
	assert_string_equal(editor_text(&e), "a");
	editor_done(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editor_inserts_multibyte_characters),
		cmocka_unit_test(
		    test_editor_counts_wide_characters_as_two_cells),
		cmocka_unit_test(
		    test_editor_backspace_removes_whole_characters),
		cmocka_unit_test(test_editor_edits_at_the_cursor),
		cmocka_unit_test(test_editor_ctrl_u_deletes_before_the_cursor),
		cmocka_unit_test(test_editor_keeps_to_the_byte_limit),
		cmocka_unit_test(
		    test_editor_refuses_controls_and_non_characters),
		cmocka_unit_test(test_editor_key_takes_editing_keys_only),
	};

	return cmocka_run_group_tests_name("editor", tests, NULL, NULL);
}
