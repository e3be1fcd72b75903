/*
 * One's own presence in the dashboard, headless: the header at several
 * widths, and which writes may be sent signed in as oneself, with the
 * note that says why not.
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

#include "cfg.h"
#include "presence.h"
#include "screen.h"
#include "store.h"
#include "ui_int.h"
#include "user.h"
#include "xmalloc.h"

/* A dashboard's state with a snapshot in which "id-me" is signed in. */
struct fixture {
	struct cfg cfg;
	struct store *st;
	struct ui ui;
};

/* Signed in as Ann Lee, busy in a call, at the office, with a message. */
static void
fixture_init(struct fixture *f, const char *auth)
{
	struct user me;
	struct presence p;

	memset(f, 0, sizeof *f);
	f->cfg.auth = (char *)auth;
	f->st = store_new();
	memset(&me, 0, sizeof me);
	me.id = (char *)"id-me";
	me.display_name = (char *)"Ann Lee";
	me.upn = (char *)"ann@example.com";
	memset(&p, 0, sizeof p);
	p.id = (char *)"id-me";
	p.availability = (char *)"Busy";
	p.activity = (char *)"InACall";
	p.status_message = (char *)"On the bridge";
	p.work_location_type = (char *)"office";
	store_publish_me(f->st, &me, &p, 100);
	f->ui.cfg = &f->cfg;
	f->ui.snap = store_acquire(f->st);
	f->ui.width = 120;
	f->ui.height = 30;
	view_init(&f->ui.view);
	keys_init(&f->ui.keys);
	snprintf(f->ui.st.scopes, sizeof f->ui.st.scopes, "%s",
	    "Presence.Read.All, Presence.ReadWrite");
}

static void
fixture_done(struct fixture *f)
{
	pane_done(&f->ui.pane);
	msglog_done(&f->ui.log);
	view_done(&f->ui.view);
	snapshot_release(f->ui.snap);
	store_free(f->st);
}

/* The text of every line of the pane, one a line. */
static void
pane_text(const struct pane *p, char *buf, size_t len)
{
	size_t i, at = 0;

	*buf = '\0';
	for (i = 0; i < p->n && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s\n", p->lines[i]);
}

/*
 * The header has one's own presence at the right: with the name when it
 * fits, else without; the counts keep the rest; nothing as the
 * application.
 */
static void
test_header_shows_own_presence(void **state)
{
	struct screen sc;
	struct fixture f;
	char row[1024];

	(void)state;
	if (screen_open(&sc, 30, 120) != 0)
		skip();
	fixture_init(&f, "delegated");
	f.ui.view.counts[AVAIL_BUSY] = 1;

	werase(stdscr);
	own_draw_header(&f.ui);
	screen_read_row(stdscr, 0, 120, row, sizeof row);
	assert_non_null(strstr(row, "Ann Lee: "));
	assert_non_null(strstr(row, "Busy/InACall (In a call)"));
	assert_non_null(strstr(row, "office"));
	assert_non_null(strstr(row, "\"On the bridge\""));
	assert_non_null(strstr(row, " teamtop "));

	f.ui.width = 80;
	werase(stdscr);
	own_draw_header(&f.ui);
	screen_read_row(stdscr, 0, 80, row, sizeof row);
	assert_null(strstr(row, "Ann Lee"));
	assert_non_null(strstr(row, "Busy/InACall"));
	assert_non_null(strstr(row, "Busy 1"));

	f.ui.width = 40;
	werase(stdscr);
	own_draw_header(&f.ui);
	screen_read_row(stdscr, 0, 40, row, sizeof row);
	assert_null(strstr(row, "InACall"));

	f.ui.width = 120;
	f.cfg.auth = (char *)"app";
	werase(stdscr);
	own_draw_header(&f.ui);
	screen_read_row(stdscr, 0, 120, row, sizeof row);
	assert_null(strstr(row, "InACall"));
	fixture_done(&f);
	screen_close(&sc);
}

/*
 * Signed in as oneself: one's own presence may be written, anyone else's
 * not (the note names the application permission, who and what is
 * held); one's own not either without Presence.ReadWrite. As the
 * application everything goes to Graph.
 */
static void
test_may_write_only_oneself(void **state)
{
	struct fixture f;
	struct targets to;
	char *ids[2] = { (char *)"id-me", (char *)"id-other" }, text[4096];

	(void)state;
	fixture_init(&f, "delegated");
	to.ids = ids;
	to.n = 1;
	assert_true(own_may_write(&f.ui, &to));
	assert_int_equal(f.ui.mode, MODE_GRID);

	to.n = 2;
	assert_false(own_may_write(&f.ui, &to));
	assert_int_equal(f.ui.mode, MODE_NOTE);
	pane_text(&f.ui.pane, text, sizeof text);
	assert_non_null(strstr(text, "Ann Lee <ann@example.com>"));
	assert_non_null(strstr(text, "Presence.Read.All, Presence.ReadWrite"));
	assert_non_null(strstr(text, "Presence.ReadWrite.All"));
	assert_string_equal(f.ui.pane.title,
	    "Permission needed: nothing was sent");

	f.ui.mode = MODE_GRID;
	to.ids = &ids[1];
	to.n = 1;
	assert_false(own_may_write(&f.ui, &to));

	f.ui.mode = MODE_GRID;
	to.ids = ids;
	f.ui.st.own_write = -1;
	snprintf(f.ui.st.scopes, sizeof f.ui.st.scopes, "%s",
	    "Presence.Read.All");
	assert_false(own_may_write(&f.ui, &to));
	pane_text(&f.ui.pane, text, sizeof text);
	assert_non_null(strstr(text, "Presence.ReadWrite;"));
	assert_null(strstr(text, "ReadWrite.All"));

	f.ui.mode = MODE_GRID;
	f.cfg.auth = (char *)"app";
	to.n = 2;
	assert_true(own_may_write(&f.ui, &to));
	assert_int_equal(f.ui.mode, MODE_GRID);
	fixture_done(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_shows_own_presence),
		cmocka_unit_test(test_may_write_only_oneself),
	};

	return cmocka_run_group_tests_name("own", tests, NULL, NULL);
}
