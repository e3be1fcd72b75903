/*
 * The details pane's timeline of a day: the hours, one band an hour in
 * the glyph of the availability that took most of it (ASCII with
 * --plain), the time spent in each, the states recorded (the one from
 * before marked), an error in words, and the bands drawn in their roles.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "pane.h"
#include "screen.h"
#include "timeline.h"

#define DAY ((time_t)1772409600) /* 2026-03-02 00:00:00 UTC */
#define AT(h, m) (DAY + (h)*3600 + (m)*60)

/* A state. */
static struct history_entry
st(time_t at, const char *availability, const char *activity)
{
	struct history_entry e;

	memset(&e, 0, sizeof e);
	e.at = at;
	e.availability = (char *)availability;
	e.activity = (char *)activity;
	return e;
}

/*
 * Busy since before the day, Available at 09:15, Away at 10:20; recorded
 * 07:00-12:00, seen at 12:30, working hours 08:00-13:00.
 */
static void
make_day(struct timeline_day *day)
{
	static struct history_entry v[3];
	struct history_span span = { AT(7, 0), AT(12, 0) };
	struct workday w;
	char *cause = NULL;

	v[0] = st(AT(7, 30), "Busy", "InACall");
	v[1] = st(AT(9, 15), "Available", "Available");
	v[2] = st(AT(10, 20), "Away", "Away");
	memset(day, 0, sizeof *day);
	assert_int_equal(workday_parse("08:00-13:00", &w, &cause), 0);
	daybands_compute(&day->d, &w, AT(12, 30), v, 3, &span, 1, AT(12, 30));
	day->states.v = v;
	day->states.n = 3;
	day->ok = 1;
}

/* The line of the pane that starts with prefix. */
static const char *
line(const struct pane *p, const char *prefix)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (strncmp(p->lines[i], prefix, strlen(prefix)) == 0)
			return p->lines[i];
	}
	return "";
}

/* The block reads as the day went, in glyphs and in words. */
static void
test_details_block(void **state)
{
	struct timeline_day day;
	struct screen sc;
	struct pane p;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	if (screen_open(&sc, 30, 100) != 0)
		skip();
	make_day(&day);
	pane_init(&p, "Details");
	timeline_details(&p, &day, 0);
	assert_string_equal(line(&p, "  Today"),
	    "  Today, 08:00-13:00 (the working hours recorded):");
	assert_string_equal(line(&p, "  Hour"),
	    "  Hour               08 09 10 11 12 ");
	assert_string_equal(line(&p, "  Band"),
	    "  Band               \xe2\x97\x8f\xe2\x97\x8f "
	    "\xe2\x9c\x93\xe2\x9c\x93 \xe2\x97\x90\xe2\x97\x90 "
	    "\xe2\x97\x90\xe2\x97\x90 \xc2\xb7\xc2\xb7 ");
	assert_string_equal(line(&p, "  Time spent"),
	    "  Time spent         \xe2\x9c\x93 Available 1h05m "
	    "\xe2\x97\x8f Busy 1h15m \xe2\x97\x90 Away 1h40m "
	    "\xc2\xb7 not recorded 30m");
	assert_string_equal(line(&p, "    2026"),
	    "    2026-03-02 07:30  Busy / InACall (before)");
	assert_string_equal(line(&p, "    09"),
	    "    09:15:00  Available / Available");
	pane_done(&p);

	/* --plain: ASCII glyphs. */
	pane_init(&p, "Details");
	timeline_details(&p, &day, 1);
	assert_string_equal(line(&p, "  Band"),
	    "  Band               ** ++ -- -- .. ");
	pane_done(&p);
	screen_close(&sc);
}

/* Drawn, each band in its availability's role, the label in the default. */
static void
test_details_block_drawn_in_roles(void **state)
{
	struct timeline_day day;
	struct screen sc;
	struct pane p;
	cchar_t cell;
	wchar_t wc[8];
	attr_t attrs;
	short pair;
	int y, x;
	char row[512];

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	if (screen_open(&sc, 30, 100) != 0)
		skip();
	make_day(&day);
	pane_init(&p, "Details");
	timeline_details(&p, &day, 0);
	pane_draw(stdscr, &p, 0, 30, 100, 0);
	for (y = 0; y < 30; y++) {
		screen_read_row(stdscr, y, 100, row, sizeof row);
		if (strncmp(row, "  Band", 6) == 0)
			break;
	}
	assert_true(y < 30);
	x = 21 + 3; /* The second band: Available, bold in the mono theme. */
	mvwin_wch(stdscr, y, x, &cell);
	getcchar(&cell, wc, &attrs, &pair, NULL);
	assert_true(wc[0] == 0x2713);
	assert_true(
	    (attrs & theme_attr(ROLE_AVAILABLE)) == theme_attr(ROLE_AVAILABLE));
	assert_true((theme_attr(ROLE_AVAILABLE) & A_BOLD) != 0);
	mvwin_wch(stdscr, y, 2, &cell);
	getcchar(&cell, wc, &attrs, &pair, NULL);
	assert_true(wc[0] == L'B');
	assert_true((attrs & A_BOLD) == 0);
	pane_done(&p);
	screen_close(&sc);
}

/* A day that could not be read says why, on one line. */
static void
test_details_error(void **state)
{
	struct timeline_day day;
	struct pane p;

	(void)state;
	memset(&day, 0, sizeof day);
	snprintf(day.error, sizeof day.error,
	    "history busy (database is locked); shown when it is free");
	pane_init(&p, "Details");
	timeline_details(&p, &day, 0);
	assert_string_equal(line(&p, "  Today"),
	    "  Today              history busy (database is locked); shown "
	    "when it is free");
	pane_done(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_details_block),
		cmocka_unit_test(test_details_block_drawn_in_roles),
		cmocka_unit_test(test_details_error),
	};

	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
