/*
 * The synthetic tenant: its name, ids and app credentials, and the
 * directory of people and groups, generated deterministically from a seed
 * at start-up and read-only afterwards (so any thread may read it without
 * a lock).
 */
#ifndef TENANT_H
#define TENANT_H

#include <stddef.h>
#include <stdint.h>

/* A person of the directory. */
struct user {
	char id[37];
	char *display_name;
	char *given_name;
	char *surname;
	char *upn;
	char *mail; /* The upn, or an alias for every 7th person. */
	const char *department;
	const char *job_title;
	const char *office;
	const char *locale;
	char phone[24];
	char mobile[24];
};

/* A group; members are user and group indices. */
struct group {
	char id[37];
	char *display_name;
	char *description;
	char *mail_nickname;
	int unified; /* Microsoft 365 group, else security group. */
	size_t *users;
	size_t nusers;
	size_t *groups;
	size_t ngroups;
};

/* A lookup table of strings to indices. */
struct tenant_index {
	uint32_t *slots; /* Index + 1, 0 for empty. */
	size_t mask;
};

struct tenant {
	char *name;
	char tenant_id[37];
	char *domain;
	char *client_id;
	char *client_secret;
	uint64_t seed;
	struct user *users;
	size_t nusers;
	struct group *groups;
	size_t ngroups;
	struct tenant_index by_id;
	struct tenant_index by_upn;
	struct tenant_index group_by_id;
};

extern struct tenant tenant;

void tenant_init(const char *, const char *, const char *, uint64_t, size_t,
    size_t);
void tenant_done(void);
long tenant_find_user(const char *);
long tenant_find_user_id(const char *);
long tenant_find_group(const char *);
int tenant_is_guid(const char *);
int tenant_names_tenant(const char *);

#endif
