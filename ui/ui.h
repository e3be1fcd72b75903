/*
 * The dashboard: everything that touches curses. Runs on the main thread,
 * the only one that calls curses; it takes its data from a data source
 * (source.h) and nothing else.
 */
#ifndef UI_H
#define UI_H

struct cfg;
struct source;

/* Run the dashboard on src until the user quits; returns the exit status. */
int ui_run(struct cfg *, struct source *);

#endif
