/*
 * The grid's rows as the dashboard draws them: each person's line with the
 * marks only the dashboard knows (tagged, the sessions it set or holds,
 * watched), or the empty grid's explanation. UI thread only.
 *
 * A line is drawn again only when what it shows changed since it was
 * last drawn: a refresh in which nobody on screen changed puts nothing
 * into curses for the grid. What a line showed is remembered (the row,
 * which the snapshot drawn keeps alive, its marks and time in state),
 * with what all lines depend on (the size, the columns, the options and
 * the theme); any other frame forgets it (rows_forget).
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "statusbar.h"
#include "ui_int.h"
#include "xmalloc.h"

/* What one screen line of the grid showed. */
struct rows_line {
	int drawn; /* 0: draw it whatever it shows. */
	int heading;
	const struct store_row *row;
	size_t count;
	int selected;
	int tagged, watched, flash;
	char label[128];
	char set[128];
	char since[64];
};

struct rows_drawn {
	struct snapshot *snap; /* Keeps the rows compared alive. */
	int width, height, nlines;
	struct grid_col cols[COL__COUNT];
	size_t ncols;
	struct grid_opts opts;
	unsigned long theme; /* theme's signature (rows_theme). */
	struct rows_line *lines;
};

/* A signature of what the theme draws with: each role's attribute, glyphs. */
static unsigned long
rows_theme(void)
{
	unsigned long h = 5381;
	const char *g;
	int role, ascii;

	for (role = 0; role < ROLE__COUNT; role++) {
		h = h * 33 ^ theme_attr((enum theme_role)role);
		for (ascii = 0; ascii < 2; ascii++) {
			g = theme_glyph((enum theme_role)role, ascii);
			for (; g != NULL && *g != '\0'; g++)
				h = h * 33 ^ (unsigned char)*g;
			h = h * 33 ^ 0xff;
		}
	}
	return h;
}

void
rows_forget(struct ui *ui)
{
	struct rows_drawn *d = ui->rows_drawn;

	if (d == NULL)
		return;
	snapshot_release(d->snap);
	free(d->lines);
	free(d);
	ui->rows_drawn = NULL;
}

/* Is everything all lines depend on as it was? Else start afresh. */
static struct rows_drawn *
rows_same_frame(struct ui *ui, int rows)
{
	struct rows_drawn *d = ui->rows_drawn;
	unsigned long theme = rows_theme();

	if (d != NULL &&
	    (d->width != ui->width || d->height != ui->height ||
	        d->nlines != rows || d->ncols != ui->ncols ||
	        memcmp(d->cols, ui->cols, ui->ncols * sizeof *d->cols) != 0 ||
	        memcmp(&d->opts, &ui->opts, sizeof d->opts) != 0 ||
	        d->theme != theme))
		rows_forget(ui);
	if ((d = ui->rows_drawn) == NULL) {
		d = ui->rows_drawn = xcalloc(1, sizeof *d);
		d->width = ui->width;
		d->height = ui->height;
		d->nlines = rows;
		d->ncols = ui->ncols;
		memcpy(d->cols, ui->cols, ui->ncols * sizeof *d->cols);
		d->opts = ui->opts;
		d->theme = theme;
		d->lines =
		    xcalloc((size_t)(rows > 0 ? rows : 1), sizeof *d->lines);
	}
	return d;
}

/*
 * What line l shows, in *now_shows; 1 if it is what *was showed (and so
 * need not be drawn), or 0 when it is not, or is too long to remember.
 */
static int
rows_same_line(struct ui *ui, const struct view_line *l, int selected,
    const struct grid_marks *m, time_t now, const struct rows_line *was,
    struct rows_line *shows)
{
	const struct store_row *r;
	const char *set = m->set != NULL ? m->set : "";
	size_t n;

	memset(shows, 0, sizeof *shows);
	shows->selected = selected;
	if (l != NULL && l->heading) {
		shows->heading = 1;
		shows->count = l->count;
		if ((n = strlen(l->label)) >= sizeof shows->label)
			return 0;
		memcpy(shows->label, l->label, n + 1);
	} else if (l != NULL) {
		r = shows->row = ui->snap->rows[l->row];
		shows->tagged = m->tagged;
		shows->watched = m->watched;
		shows->flash = m->flash;
		if ((n = strlen(set)) >= sizeof shows->set)
			return 0;
		memcpy(shows->set, set, n + 1);
		grid_cell(r, COL_SINCE, now, &ui->opts, shows->since,
		    sizeof shows->since);
	}
	shows->drawn = 1;
	return was->drawn && was->heading == shows->heading &&
	    was->row == shows->row && was->count == shows->count &&
	    was->selected == shows->selected && was->tagged == shows->tagged &&
	    was->watched == shows->watched && was->flash == shows->flash &&
	    strcmp(was->label, shows->label) == 0 &&
	    strcmp(was->set, shows->set) == 0 &&
	    strcmp(was->since, shows->since) == 0;
}

/* Draw the grid's rows; the cursor goes to the selected one. */
int
rows_draw(struct ui *ui, time_t now)
{
	int rows = selection_rows(ui), i;
	const struct view_line *l;
	struct grid_marks marks;
	struct rows_drawn *d;
	struct rows_line shows;
	const char *id;
	char set[128];
	size_t k;

	if (ui->view.n == 0)
		rows_forget(ui); /* The explanation goes over the lines. */
	d = rows_same_frame(ui, rows);
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
		if (rows_same_line(ui, l, k == ui->sel.line, &marks, now,
		        &d->lines[i], &shows))
			continue;
		grid_draw_line(stdscr, 2 + i, ui->cols, ui->ncols, ui->width,
		    ui->snap, l, k == ui->sel.line, now, &marks, &ui->opts);
		d->lines[i] = shows;
	}
	if (ui->view.n == 0) {
		statusbar_empty(stdscr, 2, rows, ui->width, &ui->st,
		    ui->snap->n, &ui->view);
		rows_forget(ui);
	} else if (d->snap != ui->snap) {
		/* Only now may the rows compared above be freed. */
		snapshot_release(d->snap);
		d->snap = snapshot_ref(ui->snap);
	}
	return 2 + (int)(ui->sel.line - ui->sel.top);
}
