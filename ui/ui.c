/*
 * The dashboard's event loop. Only this thread calls curses. It starts and
 * stops curses, poll()s the terminal and the data source's descriptor,
 * keeps the snapshot it draws, and draws every frame into stdscr so that
 * wnoutrefresh/doupdate send only the cells that changed: no clear() in
 * the steady state.
 */
#include "config.h"

#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "action.h"
#include "cfg.h"
#include "details.h"
#include "source.h"
#include "statusbar.h"
#include "text.h"
#include "timeline.h"
#include "tty.h"
#include "ui_int.h"
#include "xmalloc.h"

/* The smallest terminal the grid is drawn in. */
#define UI_MIN_COLS 30
#define UI_MIN_LINES 6

static volatile sig_atomic_t ui_quit_signal;

/* Ask the loop to quit (SIGINT, SIGTERM, SIGHUP, SIGQUIT). */
static void
ui_signal(int sig)
{
	ui_quit_signal = sig;
}

/* Lay the columns out for the width. */
void
ui_layout(struct ui *ui)
{
	getmaxyx(stdscr, ui->height, ui->width);
	ui->too_small = ui->width < UI_MIN_COLS || ui->height < UI_MIN_LINES;
	ui->ncols = grid_layout(ui->want, ui->nwant, ui->width, ui->cols);
	selection_clamp(ui);
}

/* Take the newest snapshot, status and events from the source. */
static void
ui_update(struct ui *ui)
{
	struct snapshot *s;
	char *clean;

	s = source_acquire(ui->src);
	watches_update(ui, s);
	if (ui->snap == NULL || s->generation != ui->snap->generation) {
		/* The first presence: start at the top. */
		if (ui->snap == NULL ||
		    (ui->snap->fetched == 0 && s->fetched != 0))
			selection_reset(ui);
		snapshot_release(ui->snap);
		ui->snap = s;
		selection_rebuild(ui);
	} else
		snapshot_release(s);
	source_status(ui->src, &ui->st);
	if (strcmp(ui->st.error, ui->error_raw) != 0) {
		/* Sanitised once per new error, not every frame. */
		memcpy(ui->error_raw, ui->st.error, sizeof ui->error_raw);
		clean = text_sanitize(ui->st.error);
		snprintf(ui->error, sizeof ui->error, "%s", clean);
		free(clean);
	}
	events_take(ui);
}

/* Draw what the terminal says when it is too small for the grid. */
static void
ui_draw_too_small(struct ui *ui)
{
	char buf[64];

	werase(stdscr);
	grid_put(stdscr, 0, 0, ui->width, "Terminal too small",
	    theme_attr(ROLE_ERROR));
	snprintf(buf, sizeof buf, "%dx%d, needs %dx%d", ui->width, ui->height,
	    UI_MIN_COLS, UI_MIN_LINES);
	if (ui->height > 1)
		grid_put(stdscr, 1, 0, ui->width, buf,
		    theme_attr(ROLE_DEFAULT));
	wmove(stdscr, 0, 0);
}

/* Draw the whole screen into stdscr; curses sends only what changed. */
static void
ui_draw(struct ui *ui)
{
	time_t now = time(NULL);
	int cy = 2, cx = 0, row;

	if (ui->too_small || (ui->mode != MODE_GRID && ui->mode != MODE_SEARCH))
		rows_forget(ui); /* The grid's lines are drawn over. */
	if (ui->too_small) {
		ui_draw_too_small(ui);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	own_draw_header(ui);
	grid_draw_headings(stdscr, 1, ui->cols, ui->ncols, ui->width, &ui->view,
	    &ui->opts);
	if (ui->mode == MODE_GRID || ui->mode == MODE_SEARCH ||
	    ui->mode == MODE_QUIT || ui->mode == MODE_QUIT_HOLDS)
		cy = rows_draw(ui, now);
	else if (ui->mode == MODE_FORM)
		form_draw(ui, &cy, &cx);
	else if (ui->mode == MODE_WATCH_FORM)
		watches_form_draw(ui, &cy, &cx);
	else if (ui->mode == MODE_OWN)
		own_draw(ui, &cy, &cx);
	else if (ui->mode == MODE_DAYS)
		cy = timeline_team_draw(ui, now);
	else if ((row = pane_draw(stdscr, &ui->pane, 2, selection_rows(ui),
	              ui->width, ui->opts.ascii)) >= 0)
		cy = row;
	hints_draw(ui);
	if (ui->mode == MODE_SEARCH)
		search_draw(ui, &cy, &cx);
	else if (ui->mode == MODE_QUIT || ui->mode == MODE_QUIT_HOLDS)
		quit_draw(ui);
	else
		message_draw(ui, now);
	if (cy >= ui->height)
		cy = ui->height - 1;
	wmove(stdscr, cy, cx);
	wnoutrefresh(stdscr);
	doupdate();
	redraw_done(ui, now);
}

/* Milliseconds to the next whole second, when the ages tick. */
static int
ui_timeout(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int)(1000 - tv.tv_usec / 1000) + 5;
}

/* Can the dashboard run on this terminal? */
int
ui_check_terminal(char **cause)
{
	return tty_usable(cause);
}

/* Set up the terminal; -1 when there is none that curses can drive. */
static int
ui_curses_start(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	const char *cs = nl_langinfo(CODESET);

	ui->opts.ascii =
	    ui->opts.plain || cs == NULL || strcmp(cs, "UTF-8") != 0;
	grid_set_ascii(cs == NULL || strcmp(cs, "UTF-8") != 0);
	grid_set_plain(ui->opts.plain);
	tty_save();
	if ((ui->screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr,
		    "teamtop: cannot drive the terminal (TERM=%s)\n",
		    getenv("TERM") == NULL ? "" : getenv("TERM"));
		return -1;
	}
	tty_started();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	keys_terminal();
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	leaveok(stdscr, FALSE);
	curs_set(1);
	if (ui->cfg->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
		        BUTTON5_PRESSED,
		    NULL);
	mouseinterval(0);
	ui->colour =
	    !ui->opts.plain && (nc == NULL || *nc == '\0') && has_colors();
	ui->ncolours = 0;
	if (ui->colour) {
		start_color();
		use_default_colors();
		ui->ncolours = COLORS;
		if (ui->ncolours < 8)
			ui->colour = 0;
	}
	settings_theme(ui);
	views_started(ui);
	ui_layout(ui);
	return 0;
}

/* Give the terminal back. */
static void
ui_curses_stop(struct ui *ui)
{
	endwin();
	delscreen(ui->screen);
	tty_stopped();
}

/* Wait for a key, a change or the next second, and draw; until quit. */
static void
ui_loop(struct ui *ui)
{
	struct pollfd pfd[2];
	int n;

	ui_update(ui);
	ui_draw(ui);
	for (;;) {
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = source_fd(ui->src);
		pfd[1].events = POLLIN;
		n = poll(pfd, 2, ui_timeout());
		/* Ctrl-C is q: the first waits for the writes pending. */
		if (ui_quit_signal == SIGINT && !quit_ask(ui))
			ui_quit_signal = 0;
		if (ui_quit_signal)
			break;
		if (n == -1 && errno != EINTR)
			break;
		if (n > 0 && (pfd[1].revents & POLLIN))
			source_drain(ui->src);
		ui_update(ui);
		holds_tick(ui, time(NULL));
		if (dispatch_input(ui) || quit_ready(ui))
			break;
		if (n > 0 && (pfd[0].revents & (POLLHUP | POLLERR)))
			break;
		/* A second that brought nothing draws only what it changes. */
		if (n != 0 || redraw_due(ui, time(NULL)))
			ui_draw(ui);
	}
	/* What came since the last frame, for the report. */
	events_take(ui);
}

/* Run the dashboard. */
int
ui_run(struct cfg *cfg, struct source *src)
{
	struct ui ui;
	struct sigaction sa;
	char *cause;
	int rc = 0;

	setlocale(LC_ALL, "");
	memset(&ui, 0, sizeof ui);
	ui.cfg = cfg;
	ui.src = src;
	view_init(&ui.view);
	search_init(&ui);
	writes_init(&ui);
	settings_apply(&ui);
	views_load(&ui);
	ui.quit_back = MODE_QUIT;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	tty_catch_crashes();
	fatal_set_hook(tty_restore);

	if (ui_curses_start(&ui) != 0)
		rc = 2;
	else {
		ui_loop(&ui);
		ui_curses_stop(&ui);
		if (views_save(&ui, &cause) != 0) {
			fprintf(stderr, "teamtop: view not saved: %s\n", cause);
			free(cause);
		}
		quit_report(&ui);
	}
	fatal_set_hook(NULL);
	rows_forget(&ui);
	snapshot_release(ui.snap);
	view_done(&ui.view);
	menu_done(&ui);
	pane_done(&ui.pane);
	theme_done(&ui.theme);
	selection_reset(&ui);
	search_done(&ui);
	form_done(&ui);
	own_done(&ui);
	confirm_done(&ui);
	writes_done(&ui);
	tags_clear(&ui.tags);
	hold_done(&ui.hold);
	sent_done(&ui.sent);
	watches_done(&ui);
	msglog_done(&ui.log);
	free(ui.detail_id);
	free(ui.theme_want);
	views_done(&ui);
	timeline_done(&ui);
	return rc;
}
