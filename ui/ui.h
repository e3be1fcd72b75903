/*
 * The dashboard: everything that touches curses. Runs on the main thread,
 * the only one that calls curses; the poller thread feeds it through the
 * store.
 */
#ifndef UI_H
#define UI_H

struct cfg;

/* Run the dashboard until the user quits; returns the exit status. */
int ui_run(struct cfg *);

#endif
