/*
 * The dashboard: everything that touches curses. Runs on the main thread,
 * the only one that calls curses; it takes its data from a data source
 * (source.h) and nothing else.
 */
#ifndef UI_H
#define UI_H

struct cfg;
struct source;

/*
 * Can the dashboard run on this terminal? Call before starting anything:
 * -1 with *cause (a sentence with a hint) when it cannot.
 */
int ui_check_terminal(char **cause);
/* Run the dashboard on src until the user quits; returns the exit status. */
int ui_run(struct cfg *, struct source *);

/*
 * Check the dashboard's settings (columns, sort, group_by, theme, keys)
 * before anything starts: -1 with "FILE:LINE: setting: why" in *cause for
 * the first bad one. Needs no terminal.
 */
int ui_check_config(const struct cfg *, char **cause);

#endif
