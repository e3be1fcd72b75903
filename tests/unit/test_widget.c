/*
 * The widgets of the forms: the keys of each kind of field, the focus that
 * skips hidden fields, a duration's presets and typed value read by its
 * parser, and the drawing at 80x24, in full and compact, in ASCII.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "duration.h"
#include "keys.h"
#include "screen.h"
#include "theme.h"
#include "widget.h"
#include "widget_draw.h"
#include "xmalloc.h"

/* A parser of durations bounded to 5 minutes .. 4 hours, as setPresence. */
static int
parse_bounded(const char *text, long *out, char **cause, void *arg)
{
	(void)arg;
	if (duration_parse(text, out, cause) != 0)
		return -1;
	if (*out < 300 || *out > 14400) {
		*cause = xstrdup("5 min to 4 h");
		return -1;
	}
	return 0;
}

/* A form like the set presence form: a choice, a duration, a text. */
static void
make_form(struct widget_form *f)
{
	struct widget *w;

	widget_form_init(f, "Set presence");
	w = widget_add_choice(f, "Presence");
	widget_option(w, "Available / Available", NULL);
	widget_option(w, "Busy / InACall", NULL);
	widget_option(w, "Away / Away", NULL);
	w = widget_add_duration(f, "For", 32, parse_bounded, NULL);
	widget_option(w, "5 min", "5m");
	widget_option(w, "1 h", "1h");
	widget_option(w, "4 h", "4h");
	w->chosen = 1;
	widget_add_text(f, "Session", 64, 0);
}

/* Type each character of s. */
static void
type(struct widget_form *f, const char *s)
{
	for (; *s != '\0'; s++)
		widget_form_key(f, (unsigned char)*s);
}

static void
test_widget_choice_moves_and_takes_digits(void **state)
{
	struct widget_form f;

	(void)state;
	make_form(&f);
	assert_int_equal(f.focus, 0);
	assert_int_equal(widget_form_key(&f, '2'), WIDGET_KEY_CHANGED);
	assert_int_equal(f.v[0].chosen, 1);
	assert_int_equal(widget_form_key(&f, '9'), WIDGET_KEY_NONE);
	assert_int_equal(widget_form_key(&f, KEYS_FN | KEY_DOWN),
	    WIDGET_KEY_CHANGED);
	assert_int_equal(f.v[0].chosen, 2);
	/* Down at the last stays; Space wraps. */
	assert_int_equal(widget_form_key(&f, KEYS_FN | KEY_DOWN),
	    WIDGET_KEY_MOVED);
	assert_int_equal(widget_form_key(&f, ' '), WIDGET_KEY_CHANGED);
	assert_int_equal(f.v[0].chosen, 0);
	/* A letter a choice does not know is the form's. */
	assert_int_equal(widget_form_key(&f, 'h'), WIDGET_KEY_NONE);
	assert_int_equal(widget_form_key(&f, '\n'), WIDGET_KEY_SUBMIT);
	assert_int_equal(widget_form_key(&f, KEYS_ESCAPE), WIDGET_KEY_CANCEL);
	widget_form_done(&f);
}

static void
test_widget_tab_skips_hidden_fields(void **state)
{
	struct widget_form f;

	(void)state;
	make_form(&f);
	assert_int_equal(widget_form_key(&f, '\t'), WIDGET_KEY_MOVED);
	assert_int_equal(f.focus, 1);
	f.v[1].hidden = 1;
	widget_form_key(&f, KEYS_FN | KEY_BTAB);
	assert_int_equal(f.focus, 0);
	widget_form_key(&f, '\t');
	assert_int_equal(f.focus, 2);
	widget_form_key(&f, '\t');
	assert_int_equal(f.focus, 0);
	widget_form_key(&f, KEYS_FN | KEY_BTAB);
	assert_int_equal(f.focus, 2);
	/* Up and Down in a text move between fields too. */
	widget_form_key(&f, KEYS_FN | KEY_UP);
	assert_int_equal(f.focus, 0);
	widget_focus(&f, 1);
	assert_int_equal(f.focus, 0);
	widget_form_done(&f);
}

static void
test_widget_duration_presets_and_typed_value(void **state)
{
	struct widget_form f;
	struct widget *d;
	char *cause = NULL;
	long v;

	(void)state;
	make_form(&f);
	d = &f.v[1];
	widget_focus(&f, 1);
	assert_int_equal(widget_value(d, &v, &cause), 0);
	assert_int_equal(v, 3600);
	widget_form_key(&f, KEYS_FN | KEY_RIGHT);
	assert_int_equal(widget_value(d, &v, &cause), 0);
	assert_int_equal(v, 14400);
	/* Typing takes the typed value, fresh. */
	type(&f, "90m");
	assert_true(widget_typed(d));
	assert_string_equal(widget_text(d), "90m");
	assert_int_equal(widget_value(d, &v, &cause), 0);
	assert_int_equal(v, 5400);
	/* The arrows edit the typed text; Up goes back to the presets. */
	widget_form_key(&f, KEYS_FN | KEY_LEFT);
	widget_form_key(&f, KEYS_FN | KEY_BACKSPACE);
	assert_string_equal(widget_text(d), "9m");
	type(&f, "0");
	widget_form_key(&f, 11); /* C-k */
	type(&f, "h");
	assert_string_equal(widget_text(d), "90h");
	assert_int_equal(widget_value(d, &v, &cause), -1);
	assert_string_equal(cause, "5 min to 4 h");
	free(cause);
	cause = NULL;
	widget_form_key(&f, KEYS_FN | KEY_UP);
	assert_false(widget_typed(d));
	assert_int_equal(d->chosen, 2);
	/* Down again finds the text as it was left. */
	widget_form_key(&f, KEYS_FN | KEY_DOWN);
	assert_true(widget_typed(d));
	assert_string_equal(widget_text(d), "90h");
	widget_form_key(&f, KEYS_FN | KEY_HOME);
	widget_form_key(&f, KEYS_FN | KEY_UP);
	widget_form_key(&f, KEYS_FN | KEY_HOME);
	assert_int_equal(d->chosen, 0);
	widget_form_done(&f);
}

static void
test_widget_errors_and_notes(void **state)
{
	struct widget_form f;

	(void)state;
	make_form(&f);
	assert_int_equal(widget_first_error(&f), -1);
	widget_error(&f.v[2], "no spaces in a session id");
	widget_note(&f.v[1], "until %s", "15:00");
	assert_int_equal(widget_first_error(&f), 2);
	assert_string_equal(f.v[1].note, "until 15:00");
	widget_error(&f.v[2], NULL);
	assert_null(f.v[2].error);
	widget_line(&f, "line %d", 1);
	widget_line(&f, "line %d", 2);
	assert_int_equal(f.nlines, 2);
	widget_lines_clear(&f);
	assert_int_equal(f.nlines, 0);
	widget_form_done(&f);
}

/* Does any of rows y..y+h contain s? */
static int
rows_have(int y, int h, int width, const char *s)
{
	char row[2048];
	int i;

	for (i = 0; i < h; i++) {
		screen_read_row(stdscr, y + i, width, row, sizeof row);
		if (strstr(row, s) != NULL)
			return 1;
	}
	return 0;
}

static void
test_widget_draws_in_full_and_compact(void **state)
{
	struct widget_form f;
	struct screen sc;
	char row[2048];
	int cy, cx;

	(void)state;
	if (screen_open(&sc, 24, 80) != 0)
		skip();
	make_form(&f);
	widget_error(&f.v[1], "5 min to 4 h");
	widget_line(&f,
	    "Graph ends an app session at its expiry; the "
	    "person's own presence or a preferred presence "
	    "outranks it.");

	/* In full, at 80x24, in ASCII: every option with its mark. */
	widget_draw(stdscr, &f, 2, 21, 80, 1, &cy, &cx);
	screen_read_row(stdscr, 2, 80, row, sizeof row);
	assert_non_null(strstr(row, "== Set presence"));
	assert_true(rows_have(3, 20, 80, "> Presence"));
	assert_true(rows_have(3, 20, 80, "(*) Available / Available"));
	assert_true(rows_have(3, 20, 80, "( ) Busy / InACall"));
	assert_true(rows_have(3, 20, 80, "(*) 1 h"));
	assert_true(rows_have(3, 20, 80, "( ) other:"));
	assert_true(rows_have(3, 20, 80, "! 5 min to 4 h"));
	assert_true(rows_have(3, 20, 80, "outranks it."));
	/* The cursor is on the chosen option of the focused field. */
	assert_int_equal(cy, 3);
	screen_read_row(stdscr, cy, 80, row, sizeof row);
	assert_int_equal(row[cx], '*');
	assert_true(widget_draw_rows(&f, 80, 0) <= 21);

	/* Compact in 6 rows: each field on one row, its choice alone. */
	werase(stdscr);
	widget_draw(stdscr, &f, 0, 6, 40, 0, &cy, &cx);
	assert_true(rows_have(0, 6, 40,
	    "\xe2\x80\xb9 Available / Available \xe2\x80\xba"));
	assert_true(rows_have(0, 6, 40, "\xe2\x80\xb9 1 h \xe2\x80\xba"));
	assert_false(rows_have(0, 6, 40, "Busy / InACall"));
	/* Nothing is drawn past the rows given. */
	assert_true(rows_have(0, 6, 40, "Session"));
	assert_false(rows_have(0, 24, 40, "outranks it."));

	widget_form_done(&f);
	screen_close(&sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widget_choice_moves_and_takes_digits),
		cmocka_unit_test(test_widget_tab_skips_hidden_fields),
		cmocka_unit_test(test_widget_duration_presets_and_typed_value),
		cmocka_unit_test(test_widget_errors_and_notes),
		cmocka_unit_test(test_widget_draws_in_full_and_compact),
	};

	return cmocka_run_group_tests_name("widget", tests, NULL, NULL);
}
