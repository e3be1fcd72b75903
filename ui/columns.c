/*
 * The column chooser: every column the grid can show, those shown first in
 * their order, to show, hide and move. The grid's headings follow each
 * change; Enter keeps them (and the saved view takes them on quitting),
 * Escape puts back the columns there were. UI thread only.
 */
#include "config.h"

#include <string.h>

#include "ui_int.h"

/* Make the columns ticked in the chooser's order the grid's. */
static void
columns_apply(struct ui *ui)
{
	size_t i;

	ui->nwant = 0;
	for (i = 0; i < COL__COUNT; i++) {
		if (ui->cmenu.shown[ui->cmenu.order[i]])
			ui->want[ui->nwant++] = ui->cmenu.order[i];
	}
	ui_layout(ui);
}

/* Fill the pane with the columns, keeping the highlight. */
static void
columns_pane(struct ui *ui)
{
	long sel = ui->pane.sel;
	enum view_col c;
	size_t i;

	pane_done(&ui->pane);
	pane_init(&ui->pane,
	    "Columns (Space shows or hides; - and + move; Enter keeps, "
	    "Escape undoes)");
	for (i = 0; i < COL__COUNT; i++) {
		c = ui->cmenu.order[i];
		pane_add(&ui->pane, " [%c] %s", ui->cmenu.shown[c] ? 'x' : ' ',
		    view_col_name(c));
	}
	ui->pane.sel = sel;
}

/* Open the chooser on the columns shown. */
void
columns_open(struct ui *ui)
{
	size_t i, n = 0;
	int c;

	memset(&ui->cmenu, 0, sizeof ui->cmenu);
	memcpy(ui->cmenu.saved, ui->want, sizeof ui->want);
	ui->cmenu.nsaved = ui->nwant;
	for (i = 0; i < ui->nwant; i++) {
		ui->cmenu.order[n++] = ui->want[i];
		ui->cmenu.shown[ui->want[i]] = 1;
	}
	for (c = 0; c < COL__COUNT; c++) {
		if (!ui->cmenu.shown[c])
			ui->cmenu.order[n++] = (enum view_col)c;
	}
	ui->pane.sel = 0;
	columns_pane(ui);
	ui->mode = MODE_COLUMNS;
}

/* Show or hide the highlighted column; the last one shown stays. */
static void
columns_toggle(struct ui *ui)
{
	enum view_col c = ui->cmenu.order[ui->pane.sel];

	if (ui->cmenu.shown[c] && ui->nwant == 1) {
		msglog_add(&ui->log, "the grid needs a column");
		return;
	}
	ui->cmenu.shown[c] = !ui->cmenu.shown[c];
}

/* Move the highlighted column up (delta -1) or down (1) the order. */
static void
columns_move(struct ui *ui, long delta)
{
	long to = ui->pane.sel + delta;
	enum view_col c;

	if (to < 0 || to >= COL__COUNT)
		return;
	c = ui->cmenu.order[to];
	ui->cmenu.order[to] = ui->cmenu.order[ui->pane.sel];
	ui->cmenu.order[ui->pane.sel] = c;
	ui->pane.sel = to;
}

/* A key in the chooser. */
void
columns_key(struct ui *ui, int key)
{
	if (key == ' ' || key == 'x')
		columns_toggle(ui);
	else if (key == '-' || key == 'K')
		columns_move(ui, -1);
	else if (key == '+' || key == 'J')
		columns_move(ui, 1);
	else if (key == KEYS_ESCAPE || key == 'q') {
		memcpy(ui->want, ui->cmenu.saved, sizeof ui->want);
		ui->nwant = ui->cmenu.nsaved;
		ui_layout(ui);
		ui->mode = MODE_GRID;
		return;
	} else if (pane_key(&ui->pane, key) != PANE_KEY_MOVED) {
		ui->mode = MODE_GRID;
		return;
	}
	columns_apply(ui);
	columns_pane(ui);
}
