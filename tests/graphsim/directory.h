/*
 * The directory routes: /users (with $select, $top, $filter, $search,
 * $count and paging), /users/{id|upn}, /users/$count, /groups,
 * /groups/{id}, members and transitiveMembers. Called from any connection
 * thread; the directory is read-only.
 */
#ifndef DIRECTORY_H
#define DIRECTORY_H

struct req;
struct resp;

void directory_users(struct req *, struct resp *);
void directory_users_count(struct req *, struct resp *);
void directory_user(struct req *, struct resp *);
void directory_groups(struct req *, struct resp *);
void directory_group(struct req *, struct resp *);
void directory_members(struct req *, struct resp *);
void directory_transitive(struct req *, struct resp *);

#endif
