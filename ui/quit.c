/*
 * Quitting. With sessions held, q first asks whether to release them (r
 * clears them) or keep them to run out (k). With writes still pending (a
 * write held up by throttling or a slow network, or those releases), q
 * does not drop them: the dashboard waits for them with a count on the
 * last line, then quits and reports their outcomes once the terminal is
 * given back. A second q or Ctrl-C quits anyway, and says how many writes
 * were left; Escape stays. UI thread only.
 */
#include "config.h"

#include <stdio.h>

#include "source.h"
#include "ui_int.h"

/*
 * q or a first Ctrl-C: quit now, ask about the sessions held, or wait for
 * the writes. 1 to quit now.
 */
int
quit_ask(struct ui *ui)
{
	if (ui->mode == MODE_QUIT_HOLDS)
		return 1;
	if (ui->hold.n != 0 && !ui->holds_decided && ui->mode != MODE_QUIT) {
		ui->holds_back = ui->mode;
		ui->mode = MODE_QUIT_HOLDS;
		return 0;
	}
	if (ui->mode == MODE_QUIT || source_pending(ui->src) == 0)
		return 1;
	ui->quit_mark = ui->log.added;
	ui->quit_back = ui->mode;
	ui->mode = MODE_QUIT;
	return 0;
}

/* A key while waiting to quit: q quits anyway, Escape stays. */
int
quit_key(struct ui *ui, int key)
{
	if (key == 'q' || keys_lookup(&ui->keys, key) == KA_QUIT)
		return 1;
	if (key == KEYS_ESCAPE) {
		ui->mode =
		    ui->quit_back == MODE_QUIT ? MODE_GRID : ui->quit_back;
		msglog_add(&ui->log, "not quitting");
	}
	return 0;
}

/*
 * A key while asked about the sessions held: r releases them and quits, k
 * keeps them and quits, both once the writes are done; q quits at once,
 * keeping them; Escape stays. 1 to quit now.
 */
int
quit_holds_key(struct ui *ui, int key)
{
	size_t n = ui->hold.n;

	switch (key) {
	case 'r':
	case 'R':
		ui->mode = ui->holds_back;
		holds_release_all(ui);
		ui->holds_decided = 1;
		return quit_ask(ui);
	case 'k':
	case 'K':
		ui->mode = ui->holds_back;
		hold_done(&ui->hold);
		ui->holds_decided = 1;
		msglog_add(&ui->log, "%zu held session%s left to run out", n,
		    n == 1 ? "" : "s");
		return quit_ask(ui);
	case KEYS_ESCAPE:
		ui->mode = ui->holds_back;
		msglog_add(&ui->log, "not quitting");
		return 0;
	}
	if (key == 'q' || keys_lookup(&ui->keys, key) == KA_QUIT)
		return 1;
	return 0;
}

/* Waiting to quit, and nothing is pending any more? */
int
quit_ready(struct ui *ui)
{
	return ui->mode == MODE_QUIT && source_pending(ui->src) == 0;
}

/* The last line while waiting: how many writes, and the way out. */
void
quit_draw(struct ui *ui)
{
	char buf[256];
	size_t n = source_pending(ui->src);

	if (ui->mode == MODE_QUIT_HOLDS) {
		n = ui->hold.n;
		snprintf(buf, sizeof buf,
		    " Quit: r releases the %zu held session%s, k lets %s run "
		    "out; Escape stays",
		    n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
		grid_put(stdscr, ui->height - 1, 0, ui->width, buf,
		    theme_attr(ROLE_WARNING));
		return;
	}
	snprintf(buf, sizeof buf,
	    " Quitting: %zu write%s still pending, waiting for %s "
	    "(q quits anyway, Escape stays)",
	    n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
	grid_put(stdscr, ui->height - 1, 0, ui->width, buf,
	    theme_attr(ROLE_WARNING));
}

/*
 * After the terminal is given back: what came while waiting to quit, and
 * the writes left behind by quitting anyway.
 */
void
quit_report(struct ui *ui)
{
	const struct msglog_entry *m;
	size_t i, n, left;

	if (ui->quit_back == MODE_QUIT)
		return; /* Never waited. */
	n = (size_t)(ui->log.added - ui->quit_mark);
	if (n > ui->log.n)
		n = ui->log.n;
	for (i = n; i-- > 0;) {
		m = msglog_get(&ui->log, i);
		fprintf(stderr, "teamtop: %s\n", m->text);
	}
	if ((left = source_pending(ui->src)) != 0)
		fprintf(stderr,
		    "teamtop: quit with %zu write%s still pending: %s outcome "
		    "is unknown\n",
		    left, left == 1 ? "" : "s", left == 1 ? "its" : "their");
}
