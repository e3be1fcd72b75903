/*
 * The mouse: a click on a row selects the person, a click on a column
 * heading sorts by that column (again reverses), a click on a hint does
 * what its key does, the wheel scrolls. Not
 * taken at all with mouse = false. UI thread only.
 */
#include "config.h"

#include "ui_int.h"

/* The screen row of the headings, and of the first grid row. */
#define MOUSE_HEADINGS_Y 1
#define MOUSE_GRID_Y 2
/* Lines one notch of the wheel scrolls. */
#define MOUSE_WHEEL_LINES 3

/* Handle the mouse event curses has queued. */
void
mouse_event(struct ui *ui)
{
	MEVENT ev;
	int col;

	if (getmouse(&ev) != OK || ui->mode != MODE_GRID)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		selection_move(ui, -MOUSE_WHEEL_LINES);
		return;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		selection_move(ui, MOUSE_WHEEL_LINES);
		return;
	}
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
	if (ev.y == ui->height - 2 && hints_shown(ui)) {
		/* A hint: its key, once a click. */
		if (!(ev.bstate & BUTTON1_RELEASED))
			hints_click(ui, ev.x);
		return;
	}
	if (ev.y >= MOUSE_GRID_Y && ev.y < MOUSE_GRID_Y + selection_rows(ui))
		selection_set(ui, ui->sel.top + (size_t)(ev.y - MOUSE_GRID_Y));
}
