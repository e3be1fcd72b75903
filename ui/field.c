/*
 * A one-line text field on the last line of the screen: its label, then as
 * much of the editor's text as fits around the cursor, scrolled sideways
 * by display width; the column after the text shown is returned. UI
 * thread.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "editor.h"
#include "grid.h"
#include "text.h"
#include "theme.h"
#include "ui_int.h"
#include "xmalloc.h"

/*
 * Draw a text field on the last line: a label, then as much of the text as
 * fits around the cursor, scrolled sideways by display width.
 */
int
field_draw(struct ui *ui, const char *label, enum theme_role role,
    struct editor *e, int *cy, int *cx)
{
	size_t from, to;
	char *shown;
	int lw, x, end, y = ui->height - 1;

	lw = text_width(label);
	if (lw > ui->width - 1)
		lw = ui->width - 1;
	grid_put(stdscr, y, 0, lw, label, theme_attr(role));
	x = editor_view(e, ui->width - lw, &from, &to);
	shown = xstrndup(editor_text(e) + from, to - from);
	grid_put(stdscr, y, lw, ui->width - lw, shown, theme_attr(ROLE_SEARCH));
	end = lw + text_width(shown);
	free(shown);
	*cy = y;
	*cx = lw + x;
	if (*cx >= ui->width)
		*cx = ui->width - 1;
	return end;
}
