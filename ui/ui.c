/*
 * The dashboard's event loop. Only this thread calls curses. It poll()s the
 * terminal and the poller's wake pipe, keeps the snapshot it draws, and
 * draws every frame into stdscr so that wnoutrefresh/doupdate send only the
 * cells that changed: no clear() in the steady state.
 */
#include "config.h"

#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "action.h"
#include "cfg.h"
#include "details.h"
#include "grid.h"
#include "keys.h"
#include "pane.h"
#include "poller.h"
#include "presence.h"
#include "roster.h"
#include "source.h"
#include "statusbar.h"
#include "store.h"
#include "text.h"
#include "theme.h"
#include "view.h"
#include "xmalloc.h"

/* The smallest terminal the grid is drawn in. */
#define UI_MIN_COLS 30
#define UI_MIN_LINES 6

enum ui_mode {
	MODE_GRID,
	MODE_SEARCH,
	MODE_HELP,
	MODE_DETAILS,
	MODE_MENU_SORT,
	MODE_MENU_FILTER,
	MODE_MENU_SET,     /* setPresence: a pair, or clear. */
	MODE_MENU_PREFER,  /* setUserPreferredPresence: a pair, or clear. */
	MODE_PROMPT_STATUS /* setStatusMessage: the text. */
};

/* How long a presence set from the dashboard lasts. Seconds. */
#define UI_SET_EXPIRY 3600L
/* The most pairs a method allows. */
#define UI_MAX_PAIRS 16

struct ui {
	struct cfg *cfg;
	struct source *src;
	struct snapshot *snap; /* The snapshot drawn, with a reference. */
	struct store_status st;
	struct view view;
	struct keys keys;
	struct grid_opts opts;

	enum view_col want[COL__COUNT]; /* Configured columns. */
	size_t nwant;
	struct grid_col cols[COL__COUNT]; /* Placed for the width. */
	size_t ncols;
	int width, height;

	size_t sel; /* Selected line. */
	size_t top; /* First line shown. */
	char *sel_id;

	enum ui_mode mode;
	char search[256]; /* Being typed. */
	char search_saved[256];

	struct pane pane;
	char *action_id;              /* Whom the open form acts on. */
	char prompt[256];             /* The status message being typed. */
	char *pairs[UI_MAX_PAIRS][2]; /* The open menu's pairs. */
	size_t npairs;
	char *detail_id;

	struct theme theme;
	int colour;
	int ncolours;

	char message[256]; /* A transient message of the UI itself. */
	time_t message_at;
	char error[256];     /* The poller's last error, sanitised. */
	char error_raw[256]; /* ... as it came. */

	int too_small;
	SCREEN *screen;
};

static volatile sig_atomic_t ui_quit_signal;
static int ui_curses_up;
static struct store *ui_warn_store;

/* The roster's warnings (on the poller thread) go to the status bar. */
static void
ui_warn(const char *message)
{
	if (ui_warn_store != NULL)
		store_notice(ui_warn_store, "%s", message);
}

/* Restore the terminal before a fatal error prints. */
static void
ui_fatal_hook(void)
{
	if (ui_curses_up) {
		endwin();
		ui_curses_up = 0;
	}
}

/* Ask the loop to quit (SIGINT, SIGTERM, SIGHUP). */
static void
ui_signal(int sig)
{
	ui_quit_signal = sig;
}

/* Show a transient message in the status bar. */
static void ui_message(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Show a transient message in the status bar. */
static void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_at = time(NULL);
}

/* Apply the dashboard settings of the configuration. */
static void
ui_configure(struct ui *ui)
{
	const struct cfg *cfg = ui->cfg;
	char *cause;
	size_t i;
	int c;

	keys_init(&ui->keys);
	for (i = 0; i < cfg->nkeys; i++) {
		if (keys_bind(&ui->keys, cfg->keys[i].action, cfg->keys[i].key,
		        &cause) != 0) {
			ui_message(ui, "keys: %s", cause);
			free(cause);
		}
	}
	ui->nwant = 0;
	for (i = 0; i < cfg->ncolumns && ui->nwant < COL__COUNT; i++) {
		if ((c = view_col_find(cfg->columns[i])) == -1) {
			ui_message(ui, "unknown column \"%s\"",
			    cfg->columns[i]);
			continue;
		}
		ui->want[ui->nwant++] = (enum view_col)c;
	}
	if (ui->nwant == 0) {
		ui->want[ui->nwant++] = COL_AVAILABILITY;
		ui->want[ui->nwant++] = COL_ACTIVITY;
		ui->want[ui->nwant++] = COL_NAME;
		ui->want[ui->nwant++] = COL_STATUS;
		ui->want[ui->nwant++] = COL_OOO;
		ui->want[ui->nwant++] = COL_LOCATION;
		ui->want[ui->nwant++] = COL_SINCE;
	}
	if (cfg->sort != NULL && *cfg->sort != '\0') {
		const char *name = cfg->sort;

		if (*name == '-') {
			ui->view.reverse = 1;
			name++;
		}
		if ((c = view_col_find(name)) == -1)
			ui_message(ui, "unknown sort column \"%s\"", name);
		else
			ui->view.sort = (enum view_col)c;
	}
	if (cfg->sort_reverse)
		ui->view.reverse = 1;
	if (cfg->group_by != NULL && *cfg->group_by != '\0') {
		c = view_col_find(cfg->group_by);
		if (c == COL_AVAILABILITY)
			ui->view.group = GROUP_AVAILABILITY;
		else if (c == COL_DEPARTMENT)
			ui->view.group = GROUP_DEPARTMENT;
		else if (strcmp(cfg->group_by, "none") != 0)
			ui_message(ui, "cannot group by \"%s\"", cfg->group_by);
	}
	ui->opts.plain = cfg->plain;
}

/* Load a theme by name, falling back to the built-in one. */
static void
ui_theme(struct ui *ui, const char *name, int asked)
{
	struct theme t;
	char *cause;

	if (theme_load_name(&t, name, &cause) != 0) {
		/* The built-in look stands in; say so if it was asked for. */
		if (asked)
			ui_message(ui, "theme: %s", cause);
		free(cause);
		theme_builtin(&t, strcmp(name, "mono") == 0);
	}
	theme_done(&ui->theme);
	ui->theme = t;
	theme_apply(&ui->theme, ui->ncolours, ui->colour);
}

/* Switch to the next theme found. */
static void
ui_next_theme(struct ui *ui)
{
	char **names;
	size_t n, i;

	names = theme_list(&n);
	if (n == 0) {
		ui_message(ui, "no themes found");
		theme_list_free(names, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (ui->theme.name != NULL &&
		    strcmp(names[i], ui->theme.name) == 0)
			break;
	}
	i = (i >= n) ? 0 : (i + 1) % n;
	ui_theme(ui, names[i], 1);
	ui_message(ui, "theme %s%s", ui->theme.name,
	    ui->colour ? "" : " (no colour)");
	theme_list_free(names, n);
}

/* The number of grid rows. */
static int
ui_rows(const struct ui *ui)
{
	return ui->height - 3;
}

/* Keep the selection on a person and in sight. */
static void
ui_clamp(struct ui *ui)
{
	const struct view *v = &ui->view;
	size_t h = ui_rows(ui) > 0 ? (size_t)ui_rows(ui) : 1;

	if (v->n == 0) {
		ui->sel = ui->top = 0;
		return;
	}
	if (ui->sel >= v->n)
		ui->sel = v->n - 1;
	while (ui->sel < v->n && v->lines[ui->sel].heading)
		ui->sel++;
	if (ui->sel >= v->n) {
		ui->sel = v->n - 1;
		while (ui->sel > 0 && v->lines[ui->sel].heading)
			ui->sel--;
	}
	if (ui->top > ui->sel)
		ui->top = ui->sel;
	if (ui->sel >= ui->top + h)
		ui->top = ui->sel - h + 1;
	if (ui->top + h > v->n)
		ui->top = v->n > h ? v->n - h : 0;
	/* Show the heading just above the selection when there is one. */
	if (ui->top == ui->sel && ui->top > 0 && v->lines[ui->top - 1].heading)
		ui->top--;
}

/* Remember who is selected. */
static void
ui_remember(struct ui *ui)
{
	const struct view_line *l;

	free(ui->sel_id);
	ui->sel_id = NULL;
	if (ui->sel < ui->view.n) {
		l = &ui->view.lines[ui->sel];
		if (!l->heading)
			ui->sel_id = xstrdup(ui->snap->rows[l->row]->id);
	}
}

/* Rebuild the view, keeping the selected person on the same screen row. */
static void
ui_rebuild(struct ui *ui)
{
	long found;
	size_t offset;

	offset = ui->sel >= ui->top ? ui->sel - ui->top : 0;
	view_build(&ui->view, ui->snap);
	found = view_find(&ui->view, ui->snap, ui->sel_id);
	if (found >= 0) {
		ui->sel = (size_t)found;
		ui->top = ui->sel >= offset ? ui->sel - offset : 0;
	}
	ui_clamp(ui);
	ui_remember(ui);
}

/* Move the selection by delta person lines. */
static void
ui_move(struct ui *ui, long delta)
{
	const struct view *v = &ui->view;
	long s = (long)ui->sel, step = delta < 0 ? -1 : 1, moved = 0;

	if (v->n == 0)
		return;
	while (moved != delta) {
		long next = s + step;

		while (next >= 0 && next < (long)v->n && v->lines[next].heading)
			next += step;
		if (next < 0 || next >= (long)v->n)
			break;
		s = next;
		moved += step;
	}
	ui->sel = (size_t)s;
	ui_clamp(ui);
	ui_remember(ui);
}

/* Lay the columns out for the width. */
static void
ui_layout(struct ui *ui)
{
	getmaxyx(stdscr, ui->height, ui->width);
	ui->too_small = ui->width < UI_MIN_COLS || ui->height < UI_MIN_LINES;
	ui->ncols = grid_layout(ui->want, ui->nwant, ui->width, ui->cols);
	ui_clamp(ui);
}

/* Take the newest snapshot and status from the store. */
static void
ui_update(struct ui *ui)
{
	struct snapshot *s;
	struct store_event ev;
	char *clean;

	s = source_acquire(ui->src);
	if (ui->snap == NULL || s->generation != ui->snap->generation) {
		if (ui->snap == NULL ||
		    (ui->snap->fetched == 0 && s->fetched != 0)) {
			/* The first presence: start at the top. */
			free(ui->sel_id);
			ui->sel_id = NULL;
			ui->sel = ui->top = 0;
		}
		snapshot_release(ui->snap);
		ui->snap = s;
		ui_rebuild(ui);
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
	while (source_next_event(ui->src, &ev)) {
		if (ev.kind != STORE_EVENT_DETAIL)
			ui_message(ui, "%s", ev.text);
		else if (ui->mode == MODE_DETAILS && ui->detail_id != NULL &&
		    ev.id != NULL && strcmp(ev.id, ui->detail_id) == 0)
			details_build(&ui->pane, ui->snap, ui->detail_id, &ev,
			    time(NULL), &ui->opts);
		store_event_done(&ev);
	}
}

/* Open the details of the selected person and ask for a fresh read. */
static void
ui_details(struct ui *ui)
{
	struct action a;

	if (ui->sel_id == NULL)
		return;
	free(ui->detail_id);
	ui->detail_id = xstrdup(ui->sel_id);
	pane_done(&ui->pane);
	pane_init(&ui->pane, "Details");
	details_build(&ui->pane, ui->snap, ui->detail_id, NULL, time(NULL),
	    &ui->opts);
	ui->mode = MODE_DETAILS;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_READ;
	a.id = ui->detail_id;
	source_submit(ui->src, &a);
}

/* Open the help pane. */
static void
ui_help(struct ui *ui)
{
	char keys[128];
	int a;

	pane_done(&ui->pane);
	pane_init(&ui->pane, "Keys (any key closes)");
	for (a = KA_NONE + 1; a < KA__COUNT; a++) {
		keys_describe(&ui->keys, (enum keys_action)a, keys,
		    sizeof keys);
		if (*keys == '\0')
			continue;
		pane_add(&ui->pane, "  %-16s %s", keys,
		    keys_action_help((enum keys_action)a));
	}
	pane_add(&ui->pane, "%s", "");
	pane_add(&ui->pane, "  %-16s %s", "Mouse",
	    "click a row to select it, a heading to sort by it");
	pane_add(&ui->pane, "  %-16s %s", "Search",
	    "Enter keeps the search, Escape drops it");
	ui->mode = MODE_HELP;
}

/* Open a menu of sort columns or of availabilities. */
static void
ui_menu(struct ui *ui, enum ui_mode mode)
{
	int i;

	pane_done(&ui->pane);
	if (mode == MODE_MENU_SORT) {
		pane_init(&ui->pane, "Sort by (Enter or a digit chooses)");
		for (i = 0; i < COL__COUNT; i++) {
			pane_add(&ui->pane, " %d  %s", (i + 1) % 10,
			    view_col_name((enum view_col)i));
		}
		ui->pane.sel = ui->view.sort;
	} else {
		pane_init(&ui->pane, "Show (Enter or a digit chooses)");
		pane_add(&ui->pane, " 0  everyone");
		for (i = 0; i < AVAIL__COUNT; i++) {
			pane_add(&ui->pane, " %d  %s (%zu)", i + 1,
			    presence_avail_name((enum avail)i),
			    ui->view.counts[i]);
		}
		ui->pane.sel = ui->view.filter + 1;
	}
	ui->mode = mode;
}

/* Choose item i of the open menu. */
static void
ui_menu_choose(struct ui *ui, long i)
{
	if (ui->mode == MODE_MENU_SORT) {
		if (i < 0 || i >= COL__COUNT)
			return;
		ui->view.sort = (enum view_col)i;
		ui_message(ui, "sorted by %s", view_col_name(ui->view.sort));
	} else {
		if (i < 0 || i > AVAIL__COUNT)
			return;
		ui->view.filter = (int)i - 1;
		ui_message(ui, "showing %s",
		    i == 0 ? "everyone"
		           : presence_avail_name((enum avail)(i - 1)));
	}
	ui->mode = MODE_GRID;
	ui_rebuild(ui);
}

/* Free the pairs of the open menu. */
static void
ui_pairs_free(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->npairs; i++) {
		free(ui->pairs[i][0]);
		free(ui->pairs[i][1]);
	}
	ui->npairs = 0;
}

/* Fill the pairs a method allows from the model's list. */
static void
ui_pairs_load(struct ui *ui, enum presence_method method)
{
	char *copy, *item, *last, *slash;

	ui_pairs_free(ui);
	copy = xstrdup(presence_pairs_string(method));
	for (item = strtok_r(copy, ", ", &last); item != NULL;
	     item = strtok_r(NULL, ", ", &last)) {
		if ((slash = strchr(item, '/')) == NULL ||
		    ui->npairs == UI_MAX_PAIRS)
			continue;
		*slash = '\0';
		ui->pairs[ui->npairs][0] = xstrdup(item);
		ui->pairs[ui->npairs][1] = xstrdup(slash + 1);
		ui->npairs++;
	}
	free(copy);
}

/* The selected person's sanitised name, for titles. */
static const char *
ui_selected_name(const struct ui *ui)
{
	const struct store_row *r;

	r = ui->action_id == NULL ? NULL
	                          : snapshot_find(ui->snap, ui->action_id);
	return r != NULL ? r->d_name : "?";
}

/* Open a form on the selected person: a menu of pairs or a prompt. */
static void
ui_form(struct ui *ui, enum ui_mode mode)
{
	char title[256];
	size_t i;

	if (ui->sel_id == NULL)
		return;
	free(ui->action_id);
	ui->action_id = xstrdup(ui->sel_id);
	if (mode == MODE_PROMPT_STATUS) {
		ui->prompt[0] = '\0';
		ui->mode = mode;
		return;
	}
	ui_pairs_load(ui,
	    mode == MODE_MENU_SET ? PRESENCE_SET : PRESENCE_PREFERRED);
	pane_done(&ui->pane);
	if (mode == MODE_MENU_SET)
		snprintf(title, sizeof title,
		    "Set the presence of %s for an hour (Enter or a digit)",
		    ui_selected_name(ui));
	else
		snprintf(title, sizeof title,
		    "Preferred presence of %s (Enter or a digit)",
		    ui_selected_name(ui));
	pane_init(&ui->pane, title);
	for (i = 0; i < ui->npairs; i++)
		pane_add(&ui->pane, " %zu  %s / %s", i + 1, ui->pairs[i][0],
		    ui->pairs[i][1]);
	pane_add(&ui->pane, " %zu  %s", ui->npairs + 1,
	    mode == MODE_MENU_SET ? "clear this app's presence session"
	                          : "clear the preferred presence");
	ui->pane.sel = 0;
	ui->mode = mode;
}

/* Send the action chosen in a form; the poller reports the result. */
static void
ui_form_send(struct ui *ui, long i)
{
	struct action a;

	memset(&a, 0, sizeof a);
	a.id = ui->action_id;
	if (ui->mode == MODE_PROMPT_STATUS) {
		a.kind = ACTION_SET_STATUS;
		a.message = ui->prompt;
	} else if (i >= 0 && (size_t)i < ui->npairs) {
		a.kind = ui->mode == MODE_MENU_SET ? ACTION_SET_PRESENCE
		                                   : ACTION_SET_PREFERRED;
		a.availability = ui->pairs[i][0];
		a.activity = ui->pairs[i][1];
		a.expiry_seconds =
		    ui->mode == MODE_MENU_SET ? UI_SET_EXPIRY : 0;
	} else if (i >= 0 && (size_t)i == ui->npairs) {
		a.kind = ui->mode == MODE_MENU_SET ? ACTION_CLEAR_PRESENCE
		                                   : ACTION_CLEAR_PREFERRED;
	} else
		return;
	source_submit(ui->src, &a);
	ui_message(ui, "sending %s for %s", action_name(a.kind),
	    ui_selected_name(ui));
	ui->mode = MODE_GRID;
}

/* Keys while typing a status message. */
static void
ui_key_prompt(struct ui *ui, int key)
{
	char mb[MB_LEN_MAX + 1];
	size_t len = strlen(ui->prompt);
	int n;

	switch (key) {
	case 27:
		ui->mode = MODE_GRID;
		break;
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		ui_form_send(ui, 0);
		break;
	case KEYS_FN | KEY_BACKSPACE:
	case 0x7f:
	case 8:
		while (len > 0) {
			len--;
			if (((unsigned char)ui->prompt[len] & 0xc0) != 0x80)
				break;
		}
		ui->prompt[len] = '\0';
		break;
	case 21: /* C-u */
		ui->prompt[0] = '\0';
		break;
	default:
		if ((key & KEYS_FN) || key < 0x20 || key == 0x7f)
			break;
		n = wctomb(mb, (wchar_t)key);
		if (n > 0 && len + (size_t)n < sizeof ui->prompt) {
			memcpy(ui->prompt + len, mb, (size_t)n);
			ui->prompt[len + (size_t)n] = '\0';
		}
		break;
	}
}

/* Keys in a menu. */
static void
ui_key_menu(struct ui *ui, int key)
{
	long n = (long)ui->pane.n;

	if (key >= '0' && key <= '9') {
		if (ui->mode == MODE_MENU_SET || ui->mode == MODE_MENU_PREFER)
			ui_form_send(ui, key - '1');
		else if (ui->mode == MODE_MENU_SORT)
			ui_menu_choose(ui, key == '0' ? 9 : key - '1');
		else
			ui_menu_choose(ui, key - '0');
		return;
	}
	switch (key) {
	case KEYS_FN | KEY_UP:
	case 'k':
		if (ui->pane.sel > 0)
			ui->pane.sel--;
		break;
	case KEYS_FN | KEY_DOWN:
	case 'j':
		if (ui->pane.sel + 1 < n)
			ui->pane.sel++;
		break;
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		if (ui->mode == MODE_MENU_SET || ui->mode == MODE_MENU_PREFER)
			ui_form_send(ui, ui->pane.sel);
		else
			ui_menu_choose(ui, ui->pane.sel);
		break;
	default:
		ui->mode = MODE_GRID;
		break;
	}
}

/* Append a character to the search being typed. */
static void
ui_search_add(struct ui *ui, int key)
{
	char mb[MB_LEN_MAX + 1];
	size_t len = strlen(ui->search);
	int n;

	if (key < 0x20 || key == 0x7f)
		return;
	n = wctomb(mb, (wchar_t)key);
	if (n <= 0 || len + (size_t)n >= sizeof ui->search)
		return;
	memcpy(ui->search + len, mb, (size_t)n);
	ui->search[len + (size_t)n] = '\0';
}

/* Remove the last character of the search. */
static void
ui_search_back(struct ui *ui)
{
	size_t len = strlen(ui->search);

	while (len > 0) {
		len--;
		if (((unsigned char)ui->search[len] & 0xc0) != 0x80)
			break;
	}
	ui->search[len] = '\0';
}

/* Keys while typing a search: every keystroke narrows the rows. */
static void
ui_key_search(struct ui *ui, int key)
{
	switch (key) {
	case 27:
		snprintf(ui->search, sizeof ui->search, "%s", ui->search_saved);
		ui->mode = MODE_GRID;
		break;
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		ui->mode = MODE_GRID;
		break;
	case KEYS_FN | KEY_BACKSPACE:
	case 0x7f:
	case 8:
		ui_search_back(ui);
		break;
	case 21: /* C-u */
		ui->search[0] = '\0';
		break;
	case KEYS_FN | KEY_UP:
	case KEYS_FN | KEY_DOWN:
		ui->mode = MODE_GRID;
		ui_move(ui, key == (KEYS_FN | KEY_UP) ? -1 : 1);
		return;
	default:
		if (key & KEYS_FN)
			return;
		ui_search_add(ui, key);
		break;
	}
	view_set_search(&ui->view, ui->search);
	ui->top = 0;
	ui->sel = 0;
	ui_rebuild(ui);
	if (ui->sel_id == NULL ||
	    view_find(&ui->view, ui->snap, ui->sel_id) < 0)
		ui->sel = 0;
	ui_clamp(ui);
	ui_remember(ui);
}

/* Sort by a column; the same column again reverses. */
static void
ui_sort_by(struct ui *ui, enum view_col col)
{
	if (ui->view.sort == col)
		ui->view.reverse = !ui->view.reverse;
	else {
		ui->view.sort = col;
		ui->view.reverse = 0;
	}
	ui_message(ui, "sorted by %s%s", view_col_name(col),
	    ui->view.reverse ? ", reversed" : "");
	ui_rebuild(ui);
}

/* A mouse event: a click selects a row or sorts by a heading. */
static void
ui_mouse(struct ui *ui)
{
	MEVENT ev;
	size_t line;
	int col;

	if (getmouse(&ev) != OK || ui->mode != MODE_GRID)
		return;
	if (!(ev.bstate &
	        (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)))
		return;
	if (ev.y == 1) {
		if (!(ev.bstate & BUTTON1_RELEASED) &&
		    (col = grid_col_at(ui->cols, ui->ncols, ev.x)) != -1)
			ui_sort_by(ui, (enum view_col)col);
		return;
	}
	if (ev.y >= 2 && ev.y < 2 + ui_rows(ui)) {
		line = ui->top + (size_t)(ev.y - 2);
		if (line < ui->view.n && !ui->view.lines[line].heading) {
			ui->sel = line;
			ui_clamp(ui);
			ui_remember(ui);
		}
	}
}

/* Handle one key; returns 1 to quit. */
static int
ui_key(struct ui *ui, int key)
{
	long page = ui_rows(ui) > 1 ? ui_rows(ui) - 1 : 1;
	enum keys_action a;

	if (key == (KEYS_FN | KEY_RESIZE)) {
		ui_layout(ui);
		return 0;
	}
	if (key == (KEYS_FN | KEY_MOUSE)) {
		ui_mouse(ui);
		return 0;
	}
	switch (ui->mode) {
	case MODE_SEARCH:
		ui_key_search(ui, key);
		return 0;
	case MODE_HELP:
		ui->mode = MODE_GRID;
		return 0;
	case MODE_MENU_SORT:
	case MODE_MENU_FILTER:
	case MODE_MENU_SET:
	case MODE_MENU_PREFER:
		ui_key_menu(ui, key);
		return 0;
	case MODE_PROMPT_STATUS:
		ui_key_prompt(ui, key);
		return 0;
	case MODE_DETAILS:
		a = keys_lookup(&ui->keys, key);
		if (a == KA_UP || a == KA_DOWN) {
			pane_scroll(&ui->pane, a == KA_UP ? -1 : 1,
			    ui_rows(ui));
			return 0;
		}
		if (a == KA_REFRESH) {
			ui_details(ui);
			return 0;
		}
		ui->mode = MODE_GRID;
		return 0;
	default:
		break;
	}

	switch (keys_lookup(&ui->keys, key)) {
	case KA_UP:
		ui_move(ui, -1);
		break;
	case KA_DOWN:
		ui_move(ui, 1);
		break;
	case KA_PAGE_UP:
		ui_move(ui, -page);
		break;
	case KA_PAGE_DOWN:
		ui_move(ui, page);
		break;
	case KA_HOME:
		ui_move(ui, -(long)ui->view.n);
		break;
	case KA_END:
		ui_move(ui, (long)ui->view.n);
		break;
	case KA_SEARCH:
		snprintf(ui->search_saved, sizeof ui->search_saved, "%s",
		    ui->search);
		ui->mode = MODE_SEARCH;
		break;
	case KA_FILTER:
		ui->view.filter++;
		if (ui->view.filter >= AVAIL__COUNT)
			ui->view.filter = -1;
		ui_message(ui, "showing %s",
		    ui->view.filter < 0
		        ? "everyone"
		        : presence_avail_name((enum avail)ui->view.filter));
		ui_rebuild(ui);
		break;
	case KA_FILTER_MENU:
		ui_menu(ui, MODE_MENU_FILTER);
		break;
	case KA_SORT:
		ui_menu(ui, MODE_MENU_SORT);
		break;
	case KA_SORT_REVERSE:
		ui->view.reverse = !ui->view.reverse;
		ui_message(ui, "sorted by %s%s", view_col_name(ui->view.sort),
		    ui->view.reverse ? ", reversed" : "");
		ui_rebuild(ui);
		break;
	case KA_GROUP:
		ui->view.group = (ui->view.group + 1) % GROUP__COUNT;
		ui_message(ui, "grouped by %s",
		    view_group_name(ui->view.group));
		ui_rebuild(ui);
		break;
	case KA_DETAILS:
		ui_details(ui);
		break;
	case KA_REFRESH:
		/* The status bar's "Updated" time tells when it is done. */
		source_refresh(ui->src);
		break;
	case KA_THEME:
		ui_next_theme(ui);
		break;
	case KA_SET_PRESENCE:
		ui_form(ui, MODE_MENU_SET);
		break;
	case KA_SET_PREFERRED:
		ui_form(ui, MODE_MENU_PREFER);
		break;
	case KA_STATUS_MESSAGE:
		ui_form(ui, MODE_PROMPT_STATUS);
		break;
	case KA_CLEAR_PRESENCE:
		if (ui->sel_id != NULL) {
			free(ui->action_id);
			ui->action_id = xstrdup(ui->sel_id);
			ui->mode = MODE_MENU_SET;
			ui_form_send(ui, (long)ui->npairs);
		}
		break;
	case KA_HELP:
		ui_help(ui);
		break;
	case KA_REDRAW:
		clearok(curscr, TRUE);
		break;
	case KA_QUIT:
		return 1;
	default:
		if (key == 27 &&
		    (ui->search[0] != '\0' || ui->view.filter >= 0)) {
			/* Escape drops the search and the filter. */
			ui->search[0] = '\0';
			view_set_search(&ui->view, "");
			ui->view.filter = -1;
			ui_message(ui, "showing everyone");
			ui_rebuild(ui);
		}
		break;
	}
	return 0;
}

/* Draw the whole screen into stdscr; curses sends only what changed. */
static void
ui_draw(struct ui *ui)
{
	char buf[1024];
	time_t now = time(NULL);
	int rows = ui_rows(ui), i, cy = 2, cx = 0;
	const struct view_line *l;
	size_t k;

	if (ui->too_small) {
		werase(stdscr);
		grid_put(stdscr, 0, 0, ui->width, "Terminal too small",
		    theme_attr(ROLE_ERROR));
		snprintf(buf, sizeof buf, "%dx%d, needs %dx%d", ui->width,
		    ui->height, UI_MIN_COLS, UI_MIN_LINES);
		if (ui->height > 1)
			grid_put(stdscr, 1, 0, ui->width, buf,
			    theme_attr(ROLE_DEFAULT));
		wmove(stdscr, 0, 0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	grid_draw_counts(stdscr, 0, ui->width, &ui->view, &ui->opts);
	grid_draw_headings(stdscr, 1, ui->cols, ui->ncols, ui->width, &ui->view,
	    &ui->opts);
	switch (ui->mode) {
	case MODE_HELP:
	case MODE_DETAILS:
	case MODE_MENU_SORT:
	case MODE_MENU_FILTER:
	case MODE_MENU_SET:
	case MODE_MENU_PREFER:
		pane_draw(stdscr, &ui->pane, 2, rows, ui->width,
		    ui->opts.ascii);
		if (ui->pane.sel >= 0 &&
		    (size_t)ui->pane.sel >= ui->pane.scroll)
			cy = 3 + (int)((size_t)ui->pane.sel - ui->pane.scroll);
		break;
	default:
		for (i = 0; i < rows; i++) {
			k = ui->top + (size_t)i;
			l = k < ui->view.n ? &ui->view.lines[k] : NULL;
			grid_draw_line(stdscr, 2 + i, ui->cols, ui->ncols,
			    ui->width, ui->snap, l, k == ui->sel, now,
			    &ui->opts);
		}
		if (ui->view.n == 0)
			statusbar_empty(stdscr, 2, rows, ui->width, &ui->st,
			    ui->snap->n, &ui->view);
		cy = 2 + (int)(ui->sel - ui->top);
		break;
	}
	if (ui->mode == MODE_PROMPT_STATUS) {
		snprintf(buf, sizeof buf,
		    "Status message for %s (Enter sends, "
		    "empty clears, Escape cancels): %s",
		    ui_selected_name(ui), ui->prompt);
		grid_put(stdscr, ui->height - 1, 0, ui->width, buf,
		    theme_attr(ROLE_SEARCH));
		cy = ui->height - 1;
		cx = text_width(buf);
		if (cx >= ui->width)
			cx = ui->width - 1;
	} else if (ui->mode == MODE_SEARCH) {
		snprintf(buf, sizeof buf, "Search: %s", ui->search);
		grid_put(stdscr, ui->height - 1, 0, ui->width, buf,
		    theme_attr(ROLE_SEARCH));
		cy = ui->height - 1;
		cx = text_width(buf);
		if (cx >= ui->width)
			cx = ui->width - 1;
	} else {
		if (ui->message_at != 0 && now - ui->message_at > 5)
			ui->message[0] = '\0';
		statusbar_draw(stdscr, ui->height - 1, ui->width, &ui->st,
		    ui->snap, &ui->view, ui->message, ui->error, now,
		    &ui->opts);
	}
	if (cy >= ui->height)
		cy = ui->height - 1;
	wmove(stdscr, cy, cx);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Milliseconds to the next whole second, when the ages tick. */
static int
ui_timeout(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int)(1000 - tv.tv_usec / 1000) + 5;
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
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "teamtop: the dashboard needs a terminal\n");
		return -1;
	}
	if ((ui->screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr,
		    "teamtop: cannot drive the terminal (TERM=%s)\n",
		    getenv("TERM") == NULL ? "" : getenv("TERM"));
		return -1;
	}
	ui_curses_up = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	leaveok(stdscr, FALSE);
	curs_set(1);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
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
	if (!ui->colour)
		ui_theme(ui, "mono", 0);
	else if (ui->cfg->theme != NULL && *ui->cfg->theme != '\0' &&
	    strcmp(ui->cfg->theme, "default") != 0)
		ui_theme(ui, ui->cfg->theme, 1);
	else
		ui_theme(ui, "default", 0);
	ui_layout(ui);
	return 0;
}

/* Read every pending key. Returns 1 to quit. */
static int
ui_input(struct ui *ui)
{
	wint_t wc;
	int r, key;

	while ((r = wget_wch(stdscr, &wc)) != ERR) {
		if (r == KEY_CODE_YES)
			key = KEYS_FN | (int)wc;
		else
			key = (int)wc;
		if (key == '\r' && ui->mode != MODE_SEARCH &&
		    ui->mode != MODE_PROMPT_STATUS)
			key = '\n';
		if (ui_key(ui, key))
			return 1;
	}
	return 0;
}

/* Run the dashboard. */
int
ui_run(struct cfg *cfg)
{
	struct ui ui;
	struct pollfd pfd[2];
	struct sigaction sa;
	char *cause;
	int n;

	setlocale(LC_ALL, "");
	memset(&ui, 0, sizeof ui);
	ui.cfg = cfg;
	view_init(&ui.view);
	ui_configure(&ui);
	ui.src = poller_source_new(cfg, &cause);
	if (ui.src == NULL) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		return 2;
	}
	ui_warn_store = ui.src->store;
	roster_set_warn(ui_warn);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	fatal_set_hook(ui_fatal_hook);

	if (ui_curses_start(&ui) != 0) {
		fatal_set_hook(NULL);
		source_free(ui.src);
		roster_set_warn(NULL);
		ui_warn_store = NULL;
		view_done(&ui.view);
		return 2;
	}
	ui_update(&ui);
	ui_draw(&ui);
	for (;;) {
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = source_fd(ui.src);
		pfd[1].events = POLLIN;
		n = poll(pfd, 2, ui_timeout());
		if (ui_quit_signal)
			break;
		if (n == -1 && errno != EINTR)
			break;
		if (n > 0 && (pfd[1].revents & POLLIN))
			source_drain(ui.src);
		ui_update(&ui);
		if (ui_input(&ui))
			break;
		if (n > 0 && (pfd[0].revents & (POLLHUP | POLLERR)))
			break;
		ui_draw(&ui);
	}

	endwin();
	delscreen(ui.screen);
	ui_curses_up = 0;
	fatal_set_hook(NULL);
	snapshot_release(ui.snap);
	source_free(ui.src);
	roster_set_warn(NULL);
	ui_warn_store = NULL;
	view_done(&ui.view);
	pane_done(&ui.pane);
	theme_done(&ui.theme);
	free(ui.sel_id);
	free(ui.detail_id);
	free(ui.action_id);
	ui_pairs_free(&ui);
	return 0;
}
