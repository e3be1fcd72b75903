/*
 * A directory user as the roster and the commands see it, and a growable
 * list of them. Pure data, safe from any thread.
 */
#ifndef USER_H
#define USER_H

#include <stddef.h>

/* A user. Every string is allocated, or NULL when Graph did not give it. */
struct user {
	char *id; /* The object id (GUID). */
	char *display_name;
	char *upn; /* userPrincipalName */
	char *mail;
	char *department;
	char *job_title;
};

/* A growable array of users. */
struct user_list {
	struct user *v;
	size_t n;
	size_t cap;
};

void user_done(struct user *);
void user_copy(struct user *dst, const struct user *src);
struct user *user_list_add(struct user_list *);
void user_list_drop_last(struct user_list *);
void user_list_done(struct user_list *);
const struct user *user_list_find(const struct user_list *, const char *id);

#endif
