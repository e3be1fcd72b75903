/*
 * teamtop serve: one process polls Graph for every operator and keeps the
 * shared database up to date. The active serve holds an advisory lock,
 * polls the union of the rosters watched (its configuration's users and
 * groups plus what dashboards registered) with the poller, writes what
 * changed (people, transitions, the roster) and NOTIFYs it, and performs
 * the writes queued in the actions table. Standbys try the lock each
 * refresh interval. Main thread.
 */
#ifndef SERVE_H
#define SERVE_H

struct cfg;

/* Run until SIGINT or SIGTERM; the exit status. */
int serve_run(const struct cfg *, const char *url);

#endif
