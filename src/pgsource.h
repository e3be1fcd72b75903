/*
 * The shared database as the dashboard's data source: a thread reads the
 * roster and presence that teamtop serve writes, LISTENs for what changed,
 * queues the dashboard's writes as actions and tells their outcome when
 * serve has done them. No Graph credential is needed. An unreachable
 * database is shown as STALE and connected to again; writes wait for it.
 */
#ifndef PGSOURCE_H
#define PGSOURCE_H

struct cfg;
struct source;

/* The database of cfg->db as a source, with a store of its own. */
struct source *pgsource_new(const struct cfg *, char **cause);

#endif
