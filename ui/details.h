/*
 * The details pane: every presence field of one person, read fresh from
 * Graph through the poller, and the transitions teamtop saw since start.
 * UI thread only.
 */
#ifndef DETAILS_H
#define DETAILS_H

#include <time.h>

#include "grid.h"
#include "pane.h"
#include "store.h"

/* Fill the pane for id from the snapshot and, when given, a fresh read. */
void details_build(struct pane *, const struct snapshot *, const char *id,
    const struct store_event *fresh, time_t now, const struct grid_opts *);

#endif
