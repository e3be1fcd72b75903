/*
 * The search line: every keystroke narrows the grid to the people whose
 * name, address, status message, department or job title matches,
 * ignoring case and accents (text_fold); Enter keeps the search, Escape
 * puts back the one there was. UI thread only.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "grid.h"
#include "text.h"
#include "theme.h"
#include "ui_int.h"
#include "xmalloc.h"

/* An empty search. */
void
search_init(struct ui *ui)
{
	editor_init(&ui->search.line, UI_TEXT_MAX);
	ui->search.saved = NULL;
}

/* Free the search. */
void
search_done(struct ui *ui)
{
	editor_done(&ui->search.line);
	free(ui->search.saved);
	ui->search.saved = NULL;
}

/* Start typing a search, keeping the one there is for Escape. */
void
search_start(struct ui *ui)
{
	free(ui->search.saved);
	ui->search.saved = xstrdup(editor_text(&ui->search.line));
	ui->mode = MODE_SEARCH;
	view_search_ready(&ui->view, ui->snap);
}

/* Show whom the search finds, keeping the selection when it still shows. */
static void
search_apply(struct ui *ui)
{
	view_set_search(&ui->view, editor_text(&ui->search.line));
	ui->sel.top = 0;
	ui->sel.line = 0;
	selection_rebuild(ui);
	if (ui->sel.id == NULL ||
	    view_find(&ui->view, ui->snap, ui->sel.id) < 0)
		ui->sel.line = 0;
	selection_clamp(ui);
	selection_remember(ui);
}

/* A key while typing a search. */
void
search_key(struct ui *ui, int key)
{
	switch (key) {
	case KEYS_ESCAPE:
		editor_set(&ui->search.line,
		    ui->search.saved == NULL ? "" : ui->search.saved);
		ui->mode = MODE_GRID;
		break;
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		ui->mode = MODE_GRID;
		break;
	case KEYS_FN | KEY_UP:
	case KEYS_FN | KEY_DOWN:
		ui->mode = MODE_GRID;
		selection_move(ui, key == (KEYS_FN | KEY_UP) ? -1 : 1);
		view_search_done(&ui->view);
		return;
	default:
		if (!editor_key(&ui->search.line, key))
			return;
		break;
	}
	search_apply(ui);
	if (ui->mode != MODE_SEARCH)
		view_search_done(&ui->view);
}

/* How many people the search finds, in words; "" before any text. */
void
search_count(const struct ui *ui, char *buf, size_t len)
{
	size_t n = ui->view.people;

	if (*editor_text(&ui->search.line) == '\0')
		snprintf(buf, len, "%s", "");
	else if (n == 0)
		snprintf(buf, len, " no match ");
	else
		snprintf(buf, len, " %zu %s ", n, n == 1 ? "match" : "matches");
}

/* Draw the search line, with the number of matches at its right. */
void
search_draw(struct ui *ui, int *cy, int *cx)
{
	char count[64];
	int end, w;

	end = field_draw(ui, "Search: ", ROLE_SEARCH, &ui->search.line, cy, cx);
	search_count(ui, count, sizeof count);
	w = text_width(count);
	if (w > 0 && ui->width - w > end + 1 && ui->width - w > *cx + 1)
		grid_put(stdscr, ui->height - 1, ui->width - w, w, count,
		    theme_attr(ROLE_STATUS_BAR));
}
