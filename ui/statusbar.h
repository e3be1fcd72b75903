/*
 * The status bar: the time of the last good refresh and of the next one,
 * the round trip, the number of people, throttled/stale/offline markers
 * and the last error in words. Nothing in it counts seconds, so that it
 * is rewritten only when something changed. UI thread only.
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
/* Is the data stale: the last refresh failed, or the next is late? */
int statusbar_stale(const struct store_status *, time_t now);
/* What the grid says when it has no line: loading, or nobody matches. */
void statusbar_empty(WINDOW *, int y, int rows, int width,
    const struct store_status *, size_t people, const struct view *);

#endif
