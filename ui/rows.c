/*
 * The grid's rows as the dashboard draws them: each person's line with the
 * marks only the dashboard knows (tagged, the sessions it set or holds,
 * watched), or the empty grid's explanation. UI thread only.
 */
#include "config.h"

#include <curses.h>
#include <string.h>
#include <time.h>

#include "statusbar.h"
#include "ui_int.h"

/* Draw the grid's rows; the cursor goes to the selected one. */
int
rows_draw(struct ui *ui, time_t now)
{
	int rows = selection_rows(ui), i;
	const struct view_line *l;
	struct grid_marks marks;
	const char *id;
	char set[128];
	size_t k;

	for (i = 0; i < rows; i++) {
		k = ui->sel.top + (size_t)i;
		l = k < ui->view.n ? &ui->view.lines[k] : NULL;
		memset(&marks, 0, sizeof marks);
		if (l != NULL && !l->heading) {
			id = ui->snap->rows[l->row]->id;
			marks.tagged = tags_has(&ui->tags, id);
			sent_mark(&ui->sent, id, now,
			    hold_find(&ui->hold, id) != NULL, set, sizeof set);
			marks.set = set;
			watches_mark(ui, id, now, &marks);
		}
		grid_draw_line(stdscr, 2 + i, ui->cols, ui->ncols, ui->width,
		    ui->snap, l, k == ui->sel.line, now, &marks, &ui->opts);
	}
	if (ui->view.n == 0)
		statusbar_empty(stdscr, 2, rows, ui->width, &ui->st,
		    ui->snap->n, &ui->view);
	return 2 + (int)(ui->sel.line - ui->sel.top);
}
