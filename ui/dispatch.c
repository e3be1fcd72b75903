/*
 * Key dispatch: the keys read from curses and what each does in the mode
 * the dashboard is in. The grid's keys go through the key map to an
 * action; searches, menus and forms take their keys themselves. UI thread
 * only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "clipboard.h"
#include "details.h"
#include "source.h"
#include "timeline.h"
#include "ui_int.h"

/* Switch to the next theme found. */
static void
dispatch_theme(struct ui *ui)
{
	char **names, *cause;
	size_t n, i;

	names = theme_list(&n);
	if (n == 0) {
		msglog_add(&ui->log, "no themes found");
		theme_list_free(names, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (ui->theme.name != NULL &&
		    strcmp(names[i], ui->theme.name) == 0)
			break;
	}
	i = (i >= n) ? 0 : (i + 1) % n;
	if (theme_use(&ui->theme, names[i], ui->ncolours, ui->colour, &cause) !=
	    0) {
		msglog_fail(&ui->log, "theme: %s", cause);
		free(cause);
	}
	msglog_add(&ui->log, "theme %s%s", ui->theme.name,
	    ui->colour ? "" : " (no colour)");
	theme_list_free(names, n);
}

/* A key in the details pane: scroll, read again, or close. */
static void
dispatch_details_key(struct ui *ui, int key)
{
	if (pane_scroll_key(&ui->pane, &ui->keys, key, selection_rows(ui)))
		return;
	if (keys_lookup(&ui->keys, key) == KA_REFRESH)
		details_open(ui);
	else
		ui->mode = MODE_GRID;
}

/* Escape in the grid: drop the search and the filter, if any. */
static void
dispatch_escape(struct ui *ui)
{
	if (*editor_text(&ui->search.line) == '\0' && !view_filtered(&ui->view))
		return;
	editor_clear(&ui->search.line);
	view_set_search(&ui->view, "");
	view_search_done(&ui->view);
	menu_filter(ui, 0, NULL);
}

/* A key in the grid, through the key map. Returns 1 to quit. */
static int
dispatch_grid(struct ui *ui, int key)
{
	long page = selection_rows(ui) > 1 ? selection_rows(ui) - 1 : 1;

	switch (keys_lookup(&ui->keys, key)) {
	case KA_UP:
		selection_move(ui, -1);
		break;
	case KA_DOWN:
		selection_move(ui, 1);
		break;
	case KA_PAGE_UP:
		selection_move(ui, -page);
		break;
	case KA_PAGE_DOWN:
		selection_move(ui, page);
		break;
	case KA_HOME:
		selection_move(ui, -(long)ui->view.n);
		break;
	case KA_END:
		selection_move(ui, (long)ui->view.n);
		break;
	case KA_SEARCH:
		search_start(ui);
		break;
	case KA_FILTER:
		menu_filter_next(ui);
		break;
	case KA_FILTER_MENU:
		menu_open(ui, MODE_MENU_FILTER);
		break;
	case KA_SORT:
		menu_open(ui, MODE_MENU_SORT);
		break;
	case KA_SORT_REVERSE:
		menu_sort(ui, ui->view.sort, !ui->view.reverse);
		break;
	case KA_GROUP:
		ui->view.group = (ui->view.group + 1) % GROUP__COUNT;
		msglog_add(&ui->log, "grouped by %s",
		    view_group_name(ui->view.group));
		selection_rebuild(ui);
		break;
	case KA_COLUMNS:
		columns_open(ui);
		break;
	case KA_DETAILS:
		details_open(ui);
		break;
	case KA_DAYS:
		timeline_team_open(ui);
		break;
	case KA_REFRESH:
		/* The status bar's "Updated" time tells when it is done. */
		source_refresh(ui->src);
		break;
	case KA_THEME:
		dispatch_theme(ui);
		break;
	case KA_SET_PRESENCE:
		form_open(ui, FORM_SET);
		break;
	case KA_SET_PREFERRED:
		form_open(ui, FORM_PREFER);
		break;
	case KA_STATUS_MESSAGE:
		form_open(ui, FORM_STATUS);
		break;
	case KA_CLEAR_PRESENCE:
		form_clear_presence(ui);
		break;
	case KA_OWN_PRESENCE:
		own_open(ui);
		break;
	case KA_TAG:
		targets_tag(ui);
		break;
	case KA_TAG_ALL:
		targets_tag_all(ui);
		break;
	case KA_UNTAG_ALL:
		targets_untag_all(ui);
		break;
	case KA_UNDO:
		confirm_undo(ui);
		break;
	case KA_HOLDS:
		holds_open(ui);
		break;
	case KA_WATCH:
		watches_form_open(ui);
		break;
	case KA_WATCHES:
		watches_open(ui);
		break;
	case KA_MESSAGES:
		logview_open(ui);
		break;
	case KA_COPY:
		clipboard_selected(ui);
		break;
	case KA_HELP:
		help_open(ui);
		break;
	case KA_REDRAW:
		clearok(curscr, TRUE);
		rows_forget(ui);
		break;
	case KA_QUIT:
		return quit_ask(ui);
	default:
		if (key == KEYS_ESCAPE)
			dispatch_escape(ui);
		break;
	}
	return 0;
}

/* Handle one key in the current mode. Returns 1 to quit. */
static int
dispatch_key(struct ui *ui, int key)
{
	if (key == (KEYS_FN | KEY_RESIZE)) {
		ui_layout(ui);
		rows_forget(ui);
		return 0;
	}
	if (key == (KEYS_FN | KEY_MOUSE)) {
		mouse_event(ui);
		return 0;
	}
	switch (ui->mode) {
	case MODE_GRID:
		return dispatch_grid(ui, key);
	case MODE_SEARCH:
		search_key(ui, key);
		break;
	case MODE_HELP:
		help_key(ui, key);
		break;
	case MODE_DETAILS:
		dispatch_details_key(ui, key);
		break;
	case MODE_DAYS:
		timeline_team_key(ui, key);
		break;
	case MODE_LOG:
		logview_key(ui, key);
		break;
	case MODE_QUIT:
		return quit_key(ui, key);
	case MODE_QUIT_HOLDS:
		return quit_holds_key(ui, key);
	case MODE_MENU_SORT:
	case MODE_MENU_FILTER:
		menu_key(ui, key);
		break;
	case MODE_COLUMNS:
		columns_key(ui, key);
		break;
	case MODE_FORM:
		form_key(ui, key);
		break;
	case MODE_CONFIRM:
		confirm_key(ui, key);
		break;
	case MODE_OWN:
		own_key(ui, key);
		break;
	case MODE_NOTE:
		own_note_key(ui, key);
		break;
	case MODE_HOLDS:
		holds_key(ui, key);
		break;
	case MODE_WATCH_FORM:
		watches_form_key(ui, key);
		break;
	case MODE_WATCHES:
		watches_key(ui, key);
		break;
	}
	return 0;
}

/*
 * A function key as the key map knows it: the Find and Select keys of a
 * VT220 keyboard are where Home and End are on a PC's, and terminals
 * such as tmux's send them for Home and End under some TERMs.
 */
static int
dispatch_fn_key(int key)
{
	if (key == KEY_FIND)
		return KEY_HOME;
	if (key == KEY_SELECT)
		return KEY_END;
	return key;
}

/* Read every pending key and act on it. Returns 1 to quit. */
int
dispatch_input(struct ui *ui)
{
	wint_t wc;
	int r, key;

	while ((r = wget_wch(stdscr, &wc)) != ERR) {
		if (r == KEY_CODE_YES)
			key = KEYS_FN | dispatch_fn_key((int)wc);
		else
			key = (int)wc;
		/* A key pressed: the failures shown long enough are read. */
		if (key != (KEYS_FN | KEY_RESIZE))
			msglog_key(&ui->log, time(NULL));
		/* Enter is '\n' except to the search, which sees it raw. */
		if (key == '\r' && ui->mode != MODE_SEARCH)
			key = '\n';
		if (dispatch_key(ui, key))
			return 1;
	}
	return 0;
}
