/*
 * The status bar: the last good refresh and its age, the next one, the
 * round trip, the number of people, throttled/stale/offline markers and the
 * last error in words. UI thread only.
 */
#ifndef STATUSBAR_H
#define STATUSBAR_H

#include <curses.h>
#include <time.h>

#include "grid.h"
#include "store.h"
#include "view.h"

/*
 * Draw the status bar. A message that is a failure goes first, in the
 * error role, so that a narrow terminal still shows it; a routine one
 * after the refresh's state.
 */
void statusbar_draw(WINDOW *, int y, int width, const struct store_status *,
    const struct snapshot *, const struct view *, const char *message,
    int failure, const char *error, time_t now, const struct grid_opts *);
/* What the grid says when it has no line: loading, or nobody matches. */
void statusbar_empty(WINDOW *, int y, int rows, int width,
    const struct store_status *, size_t people, const struct view *);

#endif
