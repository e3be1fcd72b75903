/*
 * The recorder: writes the history of presence from a data source's
 * snapshots. Each run compares the store's current snapshot with the one
 * last recorded (unchanged rows are shared, so this costs a pointer
 * comparison a person) and records every person whose presence changed;
 * the first run also gives the store, for each person, how long they have
 * been in their availability as the history knows it, across restarts.
 * For the one thread that runs it (the poller's refresh thread).
 */
#ifndef RECORDER_H
#define RECORDER_H

#include <time.h>

struct cfg;
struct recorder;
struct store;

/* Open the history for a store; NULL with *cause when it cannot be. */
struct recorder *recorder_new(const struct cfg *, struct store *, char **cause);
void recorder_free(struct recorder *);

/* Record what changed since the last run; -1 with *cause on an error. */
int recorder_run(struct recorder *, time_t now, char **cause);

#endif
