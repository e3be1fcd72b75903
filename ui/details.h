/*
 * The details pane: every presence field of one person, read fresh from
 * Graph through the data source, and the transitions teamtop saw since
 * start. UI thread only.
 */
#ifndef DETAILS_H
#define DETAILS_H

#include <stddef.h>
#include <time.h>

#include "grid.h"
#include "pane.h"
#include "store.h"

struct sent_status;
struct timeline_day;
struct ui;

/*
 * Fill the pane for id from the snapshot and, when given, a fresh read;
 * sent is what this dashboard set for id, or NULL; held says that this
 * app's session of id is held; day is id's day from the history, or NULL.
 */
void details_build(struct pane *, const struct snapshot *, const char *id,
    const struct store_event *fresh, const struct sent_status *sent, int held,
    time_t now, const struct grid_opts *, const struct timeline_day *day);

/*
 * The link that opens a Teams chat with a user, by UPN (or mail),
 * percent-encoded (pure): https://teams.microsoft.com/l/chat/0/0?users=...
 */
void details_chat_link(const char *upn, char *buf, size_t len);

/* Open the pane on the selected person and ask the source for a fresh read. */
void details_open(struct ui *);
/* A fresh read came: fill the pane again if it is open on that person. */
void details_fresh(struct ui *, const struct store_event *);

#endif
