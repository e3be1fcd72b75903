/*
 * The mouse: a click on a row selects the person, a click on a column
 * heading sorts by that column (again reverses). UI thread only.
 */
#include "config.h"

#include "ui_int.h"

/* The screen row of the headings, and of the first grid row. */
#define MOUSE_HEADINGS_Y 1
#define MOUSE_GRID_Y 2

/* Handle the mouse event curses has queued. */
void
mouse_event(struct ui *ui)
{
	MEVENT ev;
	int col;

	if (getmouse(&ev) != OK || ui->mode != MODE_GRID)
		return;
	if (!(ev.bstate &
	        (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)))
		return;
	if (ev.y == MOUSE_HEADINGS_Y) {
		if (ev.bstate & BUTTON1_RELEASED)
			return;
		if ((col = grid_col_at(ui->cols, ui->ncols, ev.x)) == -1)
			return;
		menu_sort(ui, (enum view_col)col,
		    ui->view.sort == (enum view_col)col ? !ui->view.reverse
		                                        : 0);
		return;
	}
	if (ev.y >= MOUSE_GRID_Y && ev.y < MOUSE_GRID_Y + selection_rows(ui))
		selection_set(ui, ui->sel.top + (size_t)(ev.y - MOUSE_GRID_Y));
}
