/*
 * The bytes the dashboard's screen costs the terminal: a fixed screen of
 * 200x50 (the counts line, the headings, 47 people, the status bar) drawn
 * with a headless curses that keeps what it writes, then drawn again as
 * the clock and the data move. No timing: the clock is given.
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
#include "msglog.h"
#include "presence.h"
#include "screen.h"
#include "statusbar.h"
#include "store.h"
#include "ui_int.h"
#include "user.h"
#include "view.h"
#include "xmalloc.h"

#define WIDTH 200
#define HEIGHT 50
#define PEOPLE 300
/* Monday 2026-03-02 10:00:00 UTC. */
#define T0 ((time_t)1772445600)

static const char *const avails[] = { "Available", "Busy", "DoNotDisturb",
	"Away", "BeRightBack", "Offline" };

/*
 * Publish everyone; person 'changed' (if not -1) has a new message, and
 * person 'moved' (if not -1) is Available.
 */
static void
publish_moved(struct store *st, long changed, long moved, time_t now)
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
		xasprintf(&u->display_name, "Person Number %zu", i);
		xasprintf(&u->upn, "p%zu@example.com", i);
		u->department = xstrdup(i % 2 ? "Support" : "Sales");
		p = presence_list_add(&pl);
		p->id = xstrdup(u->id);
		p->availability =
		    xstrdup((long)i == moved ? "Available" : avails[i % 6]);
		p->activity = xstrdup(p->availability);
		p->sequence =
		    xstrdup((long)i == changed || (long)i == moved ? "2" : "1");
		if (i % 3 == 0 || (long)i == changed)
			xasprintf(&p->status_message, "%s %zu",
			    (long)i == changed ? "Back at 3, ask Kim"
			                       : "In the lab",
			    i);
	}
	store_publish(st, &ul, &pl, now);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* Publish everyone; person 'changed' (if not -1) has a new message. */
static void
publish(struct store *st, long changed, time_t now)
{
	publish_moved(st, changed, -1, now);
}

/* The dashboard's screen. */
struct frame {
	struct screen sc;
	struct store *st;
	struct view v;
	struct grid_col cols[COL__COUNT];
	size_t ncols;
	struct store_status status;
	struct grid_opts o;
};

/* Draw the frame at now from the store's snapshot; the bytes it cost. */
static long
frame_draw(struct frame *f, time_t now)
{
	struct snapshot *s = store_acquire(f->st);
	long before = screen_bytes(&f->sc);
	size_t i;

	view_build(&f->v, s);
	grid_draw_counts(stdscr, 0, WIDTH, &f->v, 0, &f->o);
	grid_draw_headings(stdscr, 1, f->cols, f->ncols, WIDTH, &f->v, &f->o);
	for (i = 0; i < HEIGHT - 3; i++)
		grid_draw_line(stdscr, 2 + (int)i, f->cols, f->ncols, WIDTH, s,
		    i < f->v.n ? &f->v.lines[i] : NULL, i == 0, now, NULL,
		    &f->o);
	statusbar_draw(stdscr, HEIGHT - 1, WIDTH, &f->status, s, &f->v, NULL, 0,
	    "", now, &f->o);
	wmove(stdscr, 2, 0);
	wnoutrefresh(stdscr);
	doupdate();
	snapshot_release(s);
	return screen_bytes(&f->sc) - before;
}

/* A refresh that came at now, due again in 3 s. */
static void
frame_refreshed(struct frame *f, time_t now)
{
	f->status.last_ok = now;
	f->status.next_refresh = now + 3;
}

/* Set up the frame and draw it once, at T0. */
static int
frame_open(struct frame *f)
{
	static const enum view_col want[] = { COL_AVAILABILITY, COL_ACTIVITY,
		COL_NAME, COL_STATUS, COL_OOO, COL_LOCATION, COL_SINCE };

	memset(f, 0, sizeof *f);
	setenv("TZ", "UTC", 1);
	tzset();
	if (screen_open_counted(&f->sc, HEIGHT, WIDTH) != 0)
		return -1;
	f->st = store_new();
	publish(f->st, -1, T0);
	view_init(&f->v);
	f->ncols =
	    grid_layout(want, sizeof want / sizeof want[0], WIDTH, f->cols);
	f->status.phase = STORE_RUNNING;
	f->status.rtt = 0.012;
	frame_refreshed(f, T0);
	assert_true(frame_draw(f, T0) > 2000);
	return 0;
}

/* Free the frame. */
static void
frame_close(struct frame *f)
{
	view_done(&f->v);
	store_free(f->st);
	screen_close(&f->sc);
}

/* The text of a screen row. */
static void
frame_row(int y, char *buf, size_t len)
{
	screen_read_row(stdscr, y, WIDTH, buf, len);
}

/* The seconds between refreshes write nothing, in the first minute too. */
static void
test_quiet_seconds_write_nothing(void **state)
{
	struct frame f;
	char row[1024];
	time_t t;

	(void)state;
	if (frame_open(&f) != 0)
		skip();
	frame_row(HEIGHT - 1, row, sizeof row);
	assert_non_null(strstr(row, "Updated 10:00:00"));
	assert_non_null(strstr(row, "next 10:00:03"));
	frame_row(2, row, sizeof row);
	assert_non_null(strstr(row, ">0m"));
	for (t = T0 + 1; t < T0 + 3; t++)
		assert_int_equal(frame_draw(&f, t), 0);
	frame_close(&f);
}

/* A refresh in which nothing changed: the two times alone. */
static void
test_quiet_refresh_writes_the_times(void **state)
{
	struct frame f;
	char row[1024];
	long b;

	(void)state;
	if (frame_open(&f) != 0)
		skip();
	publish(f.st, -1, T0 + 3);
	frame_refreshed(&f, T0 + 3);
	b = frame_draw(&f, T0 + 3);
	print_message("quiet refresh: %ld bytes\n", b);
	assert_true(b > 0 && b < 100);
	frame_row(HEIGHT - 1, row, sizeof row);
	assert_non_null(strstr(row, "Updated 10:00:03"));
	assert_non_null(strstr(row, "next 10:00:06"));
	/* Past the first minute, too. */
	publish(f.st, -1, T0 + 93);
	frame_refreshed(&f, T0 + 93);
	b = frame_draw(&f, T0 + 93);
	frame_row(2, row, sizeof row);
	assert_non_null(strstr(row, ">1m"));
	publish(f.st, -1, T0 + 96);
	frame_refreshed(&f, T0 + 96);
	b = frame_draw(&f, T0 + 96);
	print_message("quiet refresh past a minute: %ld bytes\n", b);
	assert_true(b > 0 && b < 100);
	frame_close(&f);
}

/* One visible person's new status message. */
static void
test_one_new_message(void **state)
{
	struct frame f;
	char row[1024];
	long b;
	int y, found = 0;

	(void)state;
	if (frame_open(&f) != 0)
		skip();
	/* Person 6 is Available, in sight on the first screen. */
	publish(f.st, 6, T0 + 3);
	frame_refreshed(&f, T0 + 3);
	b = frame_draw(&f, T0 + 3);
	print_message("one new message: %ld bytes\n", b);
	assert_true(b > 18 && b < 300);
	for (y = 2; y < HEIGHT - 1; y++) {
		frame_row(y, row, sizeof row);
		found |= strstr(row, "Back at 3, ask Kim 6") != NULL;
	}
	assert_true(found);
	frame_close(&f);
}

/*
 * Time in state not seen begin is a lower bound in steps: every such row
 * started with teamtop, and would change at once every minute.
 */
static void
test_lower_bounds_change_in_steps(void **state)
{
	struct frame f;
	char row[1024];
	time_t t;
	long b;

	(void)state;
	if (frame_open(&f) != 0)
		skip();
	/* No refresh here: the clock alone. */
	f.status.next_refresh = 0;
	assert_true(frame_draw(&f, T0 + 60) > 47 * 3);
	frame_row(2, row, sizeof row);
	assert_non_null(strstr(row, ">1m"));
	for (t = T0 + 61; t < T0 + 300; t += 30)
		assert_int_equal(frame_draw(&f, t), 0);
	b = frame_draw(&f, T0 + 300);
	assert_true(b > 0);
	frame_row(HEIGHT - 2, row, sizeof row);
	assert_non_null(strstr(row, ">5m"));
	assert_int_equal(frame_draw(&f, T0 + 899), 0);
	frame_draw(&f, T0 + 3600 * 5);
	frame_row(2, row, sizeof row);
	assert_non_null(strstr(row, ">4h"));
	frame_close(&f);
}

/*
 * The dashboard draws a second that brought nothing only when the clock
 * changes something in sight: here a person's time in state.
 */
static void
test_redraw_when_a_time_ticks(void **state)
{
	struct store *st = store_new();
	struct ui ui;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	publish(st, -1, T0);
	/* Person 1 becomes Available at T0 + 17, seen: "<1m", then "1m". */
	publish_moved(st, -1, 1, T0 + 17);
	memset(&ui, 0, sizeof ui);
	ui.snap = store_acquire(st);
	ui.width = WIDTH;
	ui.height = HEIGHT;
	ui.mode = MODE_GRID;
	ui.st.phase = STORE_RUNNING;
	ui.st.last_ok = T0 + 17;
	view_init(&ui.view);
	view_build(&ui.view, ui.snap);
	assert_true(ui.snap->rows[1]->since_seen);
	assert_int_equal(view_find(&ui.view, ui.snap, "id-0001"), 1);
	/* Nothing drawn yet: draw. */
	assert_true(redraw_due(&ui, T0 + 61));
	redraw_done(&ui, T0 + 61);
	assert_false(redraw_due(&ui, T0 + 62));
	assert_false(redraw_due(&ui, T0 + 76));
	assert_true(redraw_due(&ui, T0 + 77));
	redraw_done(&ui, T0 + 77);
	assert_false(redraw_due(&ui, T0 + 78));
	/* A refresh due and not come: every second, for its STALE mark. */
	ui.st.next_refresh = T0 + 80;
	redraw_done(&ui, T0 + 78);
	assert_false(redraw_due(&ui, T0 + 79));
	assert_true(redraw_due(&ui, T0 + 80));
	/* A new status, a message, another mode: draw. */
	ui.st.next_refresh = 0;
	redraw_done(&ui, T0 + 81);
	ui.st.rtt = 0.5;
	assert_true(redraw_due(&ui, T0 + 82));
	redraw_done(&ui, T0 + 82);
	msglog_add(&ui.log, "%s", "Sent");
	assert_true(redraw_due(&ui, T0 + 82));
	msglog_done(&ui.log);
	memset(&ui.log, 0, sizeof ui.log);
	redraw_done(&ui, T0 + 83);
	/* A watched row flashing: every second, until the flash ends. */
	ui.watches.flash_id = "id-0001";
	assert_true(redraw_due(&ui, T0 + 84));
	ui.watches.flash_id = NULL;
	redraw_done(&ui, T0 + 84);
	assert_false(redraw_due(&ui, T0 + 85));
	ui.mode = MODE_HELP;
	assert_true(redraw_due(&ui, T0 + 85));
	view_done(&ui.view);
	snapshot_release(ui.snap);
	store_free(st);
}

/* A STALE mark when the refresh is late, in whole minutes. */
static void
test_late_refresh_is_stale(void **state)
{
	struct frame f;
	char row[1024];

	(void)state;
	if (frame_open(&f) != 0)
		skip();
	/* A refresh under way, even a slow one, rewrites nothing. */
	f.status.busy = 1;
	assert_int_equal(frame_draw(&f, T0 + 3), 0);
	assert_int_equal(frame_draw(&f, T0 + 10), 0);
	frame_draw(&f, T0 + 17);
	frame_row(HEIGHT - 1, row, sizeof row);
	assert_null(strstr(row, "STALE"));
	frame_draw(&f, T0 + 18);
	frame_row(HEIGHT - 1, row, sizeof row);
	assert_non_null(strstr(row, "STALE <1m"));
	assert_non_null(strstr(row, "refreshing"));
	assert_null(strstr(row, "next 10:00:03"));
	assert_true(statusbar_stale(&f.status, T0 + 18));
	/* Then nothing until the minute. */
	assert_int_equal(frame_draw(&f, T0 + 30), 0);
	frame_draw(&f, T0 + 60);
	frame_row(HEIGHT - 1, row, sizeof row);
	assert_non_null(strstr(row, "STALE 1m"));
	frame_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_seconds_write_nothing),
		cmocka_unit_test(test_quiet_refresh_writes_the_times),
		cmocka_unit_test(test_one_new_message),
		cmocka_unit_test(test_lower_bounds_change_in_steps),
		cmocka_unit_test(test_redraw_when_a_time_ticks),
		cmocka_unit_test(test_late_refresh_is_stale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
