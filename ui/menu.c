/*
 * The sort and filter menus, and the one place where the grid's sort or
 * filter changes and the status bar says so. UI thread only.
 */
#include "config.h"

#include "ui_int.h"

/* Open the menu of sort columns or of availabilities. */
void
menu_open(struct ui *ui, enum ui_mode mode)
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

/* Sort by a column, in reverse or not. */
void
menu_sort(struct ui *ui, enum view_col col, int reverse)
{
	ui->view.sort = col;
	ui->view.reverse = reverse;
	msglog_add(&ui->log, "sorted by %s%s", view_col_name(col),
	    reverse ? ", reversed" : "");
	selection_rebuild(ui);
}

/* Show everyone (-1) or only the people of one availability. */
void
menu_filter(struct ui *ui, int filter)
{
	ui->view.filter = filter;
	msglog_add(&ui->log, "showing %s",
	    filter < 0 ? "everyone" : presence_avail_name((enum avail)filter));
	selection_rebuild(ui);
}

/* Choose line i of the open menu; out of range keeps the menu open. */
static void
menu_choose(struct ui *ui, long i)
{
	if (ui->mode == MODE_MENU_SORT) {
		if (i < 0 || i >= COL__COUNT)
			return;
		ui->mode = MODE_GRID;
		menu_sort(ui, (enum view_col)i, ui->view.reverse);
	} else {
		if (i < 0 || i > AVAIL__COUNT)
			return;
		ui->mode = MODE_GRID;
		menu_filter(ui, (int)i - 1);
	}
}

/* A key in the sort or filter menu. */
void
menu_key(struct ui *ui, int key)
{
	switch (pane_key(&ui->pane, key)) {
	case PANE_KEY_DIGIT:
		/* Sort lines are numbered from 1 with 0 tenth; filters from 0. */
		if (ui->mode == MODE_MENU_SORT)
			menu_choose(ui, key == '0' ? 9 : key - '1');
		else
			menu_choose(ui, key - '0');
		break;
	case PANE_KEY_ENTER:
		menu_choose(ui, ui->pane.sel);
		break;
	case PANE_KEY_OTHER:
		ui->mode = MODE_GRID;
		break;
	case PANE_KEY_MOVED:
		break;
	}
}
