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
#include "presence.h"

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
test_editor_ctrl_k_and_ctrl_w_delete_after_and_a_word(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	/* "中文 😀 e\u0301t\u00e9": CJK, an emoji, a combining mark. */
	editor_set(&e,
	    "\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 "
	    "e\xcc\x81t\xc3\xa9");
	editor_home(&e);
	editor_right(&e);
	editor_right(&e);
	assert_int_equal(editor_key(&e, 11), 1); /* C-k */
	assert_string_equal(editor_text(&e), "\xe4\xb8\xad\xe6\x96\x87");
	assert_int_equal(e.len, 6);
	editor_set(&e, "one two  \xf0\x9f\x98\x80three  ");
	assert_int_equal(editor_key(&e, 23), 1); /* C-w */
	assert_string_equal(editor_text(&e), "one two  ");
	editor_kill_word(&e);
	assert_string_equal(editor_text(&e), "one ");
	editor_left(&e);
	editor_left(&e);
	editor_kill_word(&e);
	assert_string_equal(editor_text(&e), "e ");
	assert_int_equal(e.cursor, 0);
	editor_kill_word(&e);
	assert_string_equal(editor_text(&e), "e ");
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

static void
test_editor_holds_a_status_message_of_four_byte_characters(void **state)
{
	struct editor e;
	int i;

	(void)state;
	editor_init(&e, PRESENCE_STATUS_MAX_BYTES);
	for (i = 0; i < PRESENCE_STATUS_MAX; i++)
		assert_int_equal(editor_insert(&e, GRINNING), 0);
	assert_int_equal(e.len, PRESENCE_STATUS_MAX * 4);
	assert_int_equal(presence_status_length(editor_text(&e)),
	    PRESENCE_STATUS_MAX);
	editor_done(&e);
}

static void
test_editor_moves_and_deletes_with_keys(void **state)
{
	struct editor e;

	(void)state;
	editor_init(&e, 64);
	editor_set(&e,
	    "a\xe4\xb8\xad"
	    "b");
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_HOME), 1);
	assert_int_equal(e.cursor, 0);
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_RIGHT), 1);
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_DC), 1);
	assert_string_equal(editor_text(&e), "ab");
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_END), 1);
	assert_int_equal(e.cursor, 2);
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_LEFT), 1);
	assert_int_equal(e.cursor, 1);
	assert_int_equal(editor_key(&e, 1), 1); /* C-a */
	assert_int_equal(e.cursor, 0);
	assert_int_equal(editor_key(&e, 5), 1); /* C-e */
	assert_int_equal(e.cursor, 2);
	/* Delete at the end does nothing. */
	assert_int_equal(editor_key(&e, KEYS_FN | KEY_DC), 1);
	assert_string_equal(editor_text(&e), "ab");
	editor_done(&e);
}

static void
test_editor_view_keeps_the_end_in_sight(void **state)
{
	struct editor e;
	size_t from, to;
	int i, x;

	(void)state;
	editor_init(&e, 64);
	for (i = 0; i < 25; i++)
		editor_insert(&e, (unsigned int)('a' + i));
	/* Nine characters and the cursor's blank cell. */
	x = editor_view(&e, 10, &from, &to);
	assert_int_equal(x, 9);
	assert_int_equal(from, 16);
	assert_int_equal(to, 25);
	/* Moving left inside the field does not scroll. */
	for (i = 0; i < 5; i++)
		editor_left(&e);
	x = editor_view(&e, 10, &from, &to);
	assert_int_equal(from, 16);
	assert_int_equal(x, 4);
	/* Home scrolls back to the start, the rest cut at the edge. */
	editor_home(&e);
	x = editor_view(&e, 10, &from, &to);
	assert_int_equal(x, 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, 10);
	/* Everything fits again after a deletion: no hidden start. */
	editor_end(&e);
	editor_view(&e, 10, &from, &to);
	editor_kill(&e);
	editor_insert(&e, 'z');
	x = editor_view(&e, 10, &from, &to);
	assert_int_equal(from, 0);
	assert_int_equal(x, 1);
	editor_done(&e);
}

static void
test_editor_view_never_splits_a_wide_character(void **state)
{
	struct editor e;
	size_t from, to;
	int i, x, w;

	(void)state;
	editor_init(&e, 64);
	for (i = 0; i < 6; i++)
		editor_insert(&e, ZHONG);
	/* 5 cells: two wide characters and the cursor's cell. */
	x = editor_view(&e, 5, &from, &to);
	assert_int_equal(x, 4);
	assert_int_equal(from, 12);
	assert_int_equal(to, 18);
	/* At the start, 5 cells show two whole characters, not two and a half. */
	editor_home(&e);
	x = editor_view(&e, 5, &from, &to);
	assert_int_equal(x, 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, 6);
	/* The cursor on a wide character shows all of it. */
	for (i = 0; i < 4; i++)
		editor_right(&e);
	x = editor_view(&e, 5, &from, &to);
	assert_int_equal(from % 3, 0);
	assert_true(x + 2 <= 5);
	assert_true(e.cursor >= from && e.cursor < to);
	/* Odd widths everywhere: always inside the field, whole characters. */
	for (w = 1; w < 14; w++) {
		editor_end(&e);
		for (i = 0; i <= 6; i++) {
			x = editor_view(&e, w, &from, &to);
			assert_int_equal(from % 3, 0);
			assert_int_equal(to % 3, 0);
			assert_true(
			    (int)(to - from) / 3 * 2 <= (w < 2 ? 2 : w));
			assert_true(x < (w < 2 ? 2 : w));
			editor_left(&e);
		}
	}
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
		cmocka_unit_test(
		    test_editor_ctrl_k_and_ctrl_w_delete_after_and_a_word),
		cmocka_unit_test(test_editor_keeps_to_the_byte_limit),
		cmocka_unit_test(
		    test_editor_refuses_controls_and_non_characters),
		cmocka_unit_test(test_editor_key_takes_editing_keys_only),
		cmocka_unit_test(
		    test_editor_holds_a_status_message_of_four_byte_characters),
		cmocka_unit_test(test_editor_moves_and_deletes_with_keys),
		cmocka_unit_test(test_editor_view_keeps_the_end_in_sight),
		cmocka_unit_test(
		    test_editor_view_never_splits_a_wide_character),
	};

	return cmocka_run_group_tests_name("editor", tests, NULL, NULL);
}
