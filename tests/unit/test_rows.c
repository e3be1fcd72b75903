/*
 * The grid's lines are drawn again only when what they show changed: a
 * line left alone keeps what stdscr holds (a mark written over it here
 * stays), and each thing a line shows (the person's row, the time in
 * state, the selection, a tag, the grouping's heading, the columns, the
 * size, the theme, another mode) draws it again.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grid.h"
#include "presence.h"
#include "screen.h"
#include "store.h"
#include "ui_int.h"
#include "user.h"
#include "view.h"
#include "xmalloc.h"

#define WIDTH 120
#define HEIGHT 20
#define PEOPLE 40
/* Monday 2026-03-02 10:00:00 UTC. */
#define T0 ((time_t)1772445600)

/* Publish everyone at now; person 'changed' (-1: none) has a message. */
static void
publish(struct store *st, long changed, time_t now)
{
	struct user_list ul;
	struct presence_list pl;
	struct user *u;
	struct presence *p;
	size_t i;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < PEOPLE; i++) {
		u = user_list_add(&ul);
		xasprintf(&u->id, "id-%04zu", i);
		xasprintf(&u->display_name, "Person %02zu", i);
		xasprintf(&u->upn, "p%zu@example.com", i);
		u->department = xstrdup(i % 2 ? "Support" : "Sales");
		p = presence_list_add(&pl);
		p->id = xstrdup(u->id);
		p->availability = xstrdup(i % 3 ? "Busy" : "Available");
		p->activity = xstrdup(p->availability);
		p->sequence = xstrdup("1");
		if ((long)i == changed)
			p->status_message = xstrdup("Back at three");
	}
	store_publish(st, &ul, &pl, now);
	user_list_done(&ul);
	presence_list_done(&pl);
}

struct fixture {
	struct screen sc;
	struct store *st;
	struct ui ui;
};

/* Take the store's newest snapshot into the ui, as ui_update does. */
static void
take(struct fixture *f)
{
	snapshot_release(f->ui.snap);
	f->ui.snap = store_acquire(f->st);
	view_build(&f->ui.view, f->ui.snap);
}

/* Set the columns for a width. */
static void
layout(struct fixture *f, int width)
{
	static const enum view_col want[] = { COL_AVAILABILITY, COL_NAME,
		COL_STATUS, COL_SINCE, COL_DEPARTMENT };

	f->ui.width = width;
	f->ui.ncols =
	    grid_layout(want, sizeof want / sizeof want[0], width, f->ui.cols);
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	setenv("TZ", "UTC", 1);
	tzset();
	if (screen_open(&f->sc, HEIGHT, WIDTH) != 0) {
		free(f);
		*state = NULL;
		return 0;
	}
	f->st = store_new();
	publish(f->st, -1, T0);
	view_init(&f->ui.view);
	f->ui.view.sort = COL_NAME;
	f->ui.height = HEIGHT;
	f->ui.mode = MODE_GRID;
	layout(f, WIDTH);
	take(f);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	rows_forget(&f->ui);
	snapshot_release(f->ui.snap);
	view_done(&f->ui.view);
	tags_clear(&f->ui.tags);
	store_free(f->st);
	screen_close(&f->sc);
	free(f);
	return 0;
}

/* Write a mark over the start of screen line y (grid line y - 2). */
static void
scribble(int y)
{
	mvwaddstr(stdscr, y, 0, "####");
}

/* Does screen line y still hold the mark? */
static int
scribbled(int y)
{
	char row[1024];

	screen_read_row(stdscr, y, WIDTH, row, sizeof row);
	return strncmp(row, "####", 4) == 0;
}

/* The text of screen line y. */
static void
line(int y, char *buf, size_t len)
{
	screen_read_row(stdscr, y, WIDTH, buf, len);
}

/* Nothing changed: no line is drawn again. */
static void
test_unchanged_lines_are_left(void **state)
{
	struct fixture *f = *state;
	char row[1024];

	if (f == NULL)
		skip();
	rows_draw(&f->ui, T0);
	line(3, row, sizeof row);
	assert_non_null(strstr(row, "Person 01"));
	scribble(3);
	scribble(9);
	/* A refresh in which nobody changed, a second later. */
	publish(f->st, -1, T0 + 3);
	take(f);
	rows_draw(&f->ui, T0 + 3);
	assert_true(scribbled(3));
	assert_true(scribbled(9));
}

/* A person's new row, and their time in state, draw their line again. */
static void
test_changed_row_and_time_are_drawn(void **state)
{
	struct fixture *f = *state;
	char row[1024];

	if (f == NULL)
		skip();
	rows_draw(&f->ui, T0);
	scribble(2);
	scribble(3);
	scribble(4);
	/* Person 01 has a message now; the others are as they were. */
	publish(f->st, 1, T0 + 3);
	take(f);
	rows_draw(&f->ui, T0 + 3);
	assert_true(scribbled(2));
	assert_false(scribbled(3));
	line(3, row, sizeof row);
	assert_non_null(strstr(row, "Back at three"));
	assert_true(scribbled(4));
	/* Ninety seconds on, every time in state says 1m: all drawn. */
	rows_draw(&f->ui, T0 + 90);
	assert_false(scribbled(2));
	assert_false(scribbled(4));
}

/* The selection, a tag and the grouping draw the lines they touch. */
static void
test_selection_tags_and_headings(void **state)
{
	struct fixture *f = *state;
	char row[1024];

	if (f == NULL)
		skip();
	rows_draw(&f->ui, T0);
	scribble(2);
	scribble(3);
	scribble(6);
	f->ui.sel.line = 1; /* From line 0 to line 1. */
	rows_draw(&f->ui, T0);
	assert_false(scribbled(2));
	assert_false(scribbled(3));
	assert_true(scribbled(6));
	tags_add(&f->ui.tags, "id-0004");
	rows_draw(&f->ui, T0);
	assert_false(scribbled(6));
	/* Grouped by department: a heading on the first line. */
	scribble(2);
	f->ui.view.group = GROUP_DEPARTMENT;
	view_build(&f->ui.view, f->ui.snap);
	rows_draw(&f->ui, T0);
	line(2, row, sizeof row);
	assert_non_null(strstr(row, "Sales (20)"));
}

/* The columns, the size, the theme and another mode draw every line. */
static void
test_what_every_line_depends_on(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		skip();
	rows_draw(&f->ui, T0);
	scribble(5);
	layout(f, WIDTH - 20);
	rows_draw(&f->ui, T0);
	assert_false(scribbled(5));

	scribble(5);
	f->ui.height = HEIGHT - 1;
	rows_draw(&f->ui, T0);
	assert_false(scribbled(5));
	f->ui.height = HEIGHT;
	rows_draw(&f->ui, T0);

	scribble(5);
	f->ui.opts.ascii = 1;
	rows_draw(&f->ui, T0);
	assert_false(scribbled(5));

	/* Something else drew on the lines (a pane, a form). */
	scribble(5);
	rows_forget(&f->ui);
	rows_draw(&f->ui, T0);
	assert_false(scribbled(5));

	/* Another theme: the same lines in other attributes, glyphs. */
	scribble(5);
	f->sc.theme.roles[ROLE_BUSY].attrs ^= THEME_ATTR_BOLD;
	theme_apply(&f->sc.theme, 0, 0);
	rows_draw(&f->ui, T0);
	assert_false(scribbled(5));
	scribble(5);
	snprintf(f->sc.theme.roles[ROLE_AVAILABLE].glyph,
	    sizeof f->sc.theme.roles[ROLE_AVAILABLE].glyph, "%s", "+");
	theme_apply(&f->sc.theme, 0, 0);
	rows_draw(&f->ui, T0);
	assert_false(scribbled(5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unchanged_lines_are_left,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_changed_row_and_time_are_drawn, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_selection_tags_and_headings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_what_every_line_depends_on,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
