/*
 * The roster: the people to show, from users (UPN, mail, id or display
 * name) and groups (display name or id, expanded through their members) in
 * the configuration, or the whole directory when none is configured; and
 * the directory's groups with their member counts. A name that matches
 * nobody is answered with the names nearest to it. Runs on the thread that
 * owns the struct graph.
 */
#ifndef ROSTER_H
#define ROSTER_H

#include <stddef.h>

struct cfg;
struct graph;
struct graph_error;
struct group_list;
struct user;
struct user_list;

/* Called as users are found: done so far, total when known (else 0). */
typedef void (*roster_progress_cb)(void *arg, size_t done, size_t total);

/*
 * Where warnings go (a directory past cfg->max_directory users): stderr
 * by default. A caller that owns the terminal sets its own before any
 * thread starts; NULL restores stderr.
 */
void roster_set_warn(void (*warn)(const char *message));

/*
 * The user references that matched nobody: indices into those given, and
 * for each what to tell ("no user 'X' in the directory", with "did you
 * mean" and the nearest names when there are some).
 */
struct roster_missing {
	size_t *v;
	char **why;
	size_t n;
};

void roster_missing_done(struct roster_missing *);

/*
 * Resolve cfg->users and cfg->groups (or the whole directory when both are
 * empty) to users with object ids, without duplicates, in the order given.
 * A user reference that matches nobody is left out and listed in missing
 * (indices into cfg->users), or, when missing is NULL, warned about.
 */
int roster_resolve(struct graph *, const struct cfg *, struct user_list *out,
    roster_progress_cb progress, void *arg, struct roster_missing *missing,
    struct graph_error *);

/*
 * Given each part of the roster as it is found (a page of the directory
 * or of a group, or the users named), without duplicates, in order; it
 * may take the users (moving them out and setting n to 0). Non-zero, with
 * e set, stops roster_each.
 */
typedef int (
    *roster_page_cb)(void *arg, struct user_list *, struct graph_error *e);
/*
 * roster_resolve a part at a time, never holding the whole roster: for
 * `teamtop export`.
 */
int roster_each(struct graph *, const struct cfg *, roster_page_cb page,
    void *arg, struct roster_missing *missing, struct graph_error *);

/*
 * Resolve n user references (UPN, mail, object id, or a display name,
 * matched whole but for case) to users, in order, in as few requests as
 * the API allows. A reference that matches nobody is listed in missing
 * (with the display names nearest to it, for one that is not an address);
 * when missing is NULL it fails the whole call with GRAPH_ERR_REFUSED
 * naming it. A display name of several people fails the whole call with
 * GRAPH_ERR_USAGE, the message listing them one a line with their UPN and
 * department.
 */
int roster_resolve_users(struct graph *, const char *const *refs, size_t n,
    struct user_list *out, struct roster_missing *missing,
    struct graph_error *);

/* Resolve one user reference to its object id (allocated). */
int roster_resolve_id(struct graph *, const char *ref, char **id,
    struct graph_error *);

/* Every group of the directory (id, display name, mail), page by page. */
int roster_groups(struct graph *, struct group_list *out, struct graph_error *);

/*
 * The members of each group (direct members: people and groups), counted
 * by Graph ($count, in $batch requests); -1 where Graph gave no count.
 */
int roster_count_members(struct graph *, const struct group_list *,
    long *counts, struct graph_error *);

#endif
