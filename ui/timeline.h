/*
 * The history views: a person's day as a timeline of hourly bands in the
 * details pane, and the team view (v) of everyone shown as rows of such
 * bands for today, read from the presence history. UI thread only.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <time.h>

#include "daybands.h"
#include "history.h"
#include "pane.h"

struct ui;

/* One person's day as read for the details pane. */
struct timeline_day {
	int ok;          /* Read; else why not in error. */
	char error[160]; /* Sanitised. */
	struct daybands d;
	struct history_list states; /* The one carried in, then today's. */
};

/* Read id's day; day->ok says whether it could be. */
void timeline_read(struct ui *, const char *id, time_t now,
    struct timeline_day *);
void timeline_day_done(struct timeline_day *);
/* Add the day's block to the details pane: bands, times, transitions. */
void timeline_details(struct pane *, const struct timeline_day *, int ascii);

/* The team view: open it, take a key, draw it; the row of the cursor. */
void timeline_team_open(struct ui *);
void timeline_team_key(struct ui *, int key);
int timeline_team_draw(struct ui *, time_t now);
/* Close the history and free what the views keep. */
void timeline_done(struct ui *);

#endif
