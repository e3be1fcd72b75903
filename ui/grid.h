/*
 * The grid: the column layout (pure) and the drawing of the counts line,
 * the column headings and one line a person. UI thread only.
 */
#ifndef GRID_H
#define GRID_H

#include <curses.h>
#include <stddef.h>
#include <time.h>

#include "theme.h"
#include "view.h"

/* A placed column. */
struct grid_col {
	enum view_col col;
	int x; /* Cells from the left. */
	int w; /* Cells. */
};

/*
 * Place the columns cols[0..n) in width cells, dropping the least
 * important ones that do not fit and sharing out the space left.
 * Returns the number placed into out (at most n).
 */
size_t grid_layout(const enum view_col *cols, size_t n, int width,
    struct grid_col *out);

/* How the grid draws. */
struct grid_opts {
	int ascii; /* ASCII glyphs only (--plain or not UTF-8). */
	int plain; /* No colour and no line drawing. */
};

/* What teamtop adds to a person's line. */
struct grid_marks {
	int tagged;      /* Tagged: the tagged glyph before the name. */
	const char *set; /* What teamtop set there and until when, before
			    the status message ("S 17:00"); NULL or "". */
};

/* The text of one cell of a person, before fitting (pure). */
void grid_cell(const struct store_row *, enum view_col, time_t now,
    const struct grid_opts *, char *buf, size_t len);

/* Curses drawing. */
/* The counts line, with the number of people tagged when there are. */
void grid_draw_counts(WINDOW *, int y, int width, const struct view *,
    size_t tagged, const struct grid_opts *);
void grid_draw_headings(WINDOW *, int y, const struct grid_col *, size_t ncols,
    int width, const struct view *, const struct grid_opts *);
/* One line, a person or a heading; marks may be NULL. */
void grid_draw_line(WINDOW *, int y, const struct grid_col *, size_t ncols,
    int width, const struct snapshot *, const struct view_line *, int selected,
    time_t now, const struct grid_marks *, const struct grid_opts *);
/* Draw text fitted to exactly w cells at y, x with attributes. */
void grid_put(WINDOW *, int y, int x, int w, const char *s,
    unsigned long attrs);
/* Fit every string with ASCII only (for terminals that are not UTF-8). */
void grid_set_ascii(int);
/* Cut every string with "..." rather than "…" (--plain). */
void grid_set_plain(int);
/* The theme role of an availability category (enum avail). */
enum theme_role grid_role(int avail);
/* The column at cell x, or -1. */
int grid_col_at(const struct grid_col *, size_t ncols, int x);

#endif
