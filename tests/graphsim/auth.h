/*
 * The token endpoint, the check of bearer tokens (HMAC-SHA256 with a key
 * made at start-up) and of the scopes a delegated token carries. Safe
 * from any thread.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>
#include <stdint.h>

struct req;
struct resp;

void auth_init(long);
void auth_token(struct req *, struct resp *);
int auth_check(struct req *, struct resp *);
int auth_check_client(struct req *, struct resp *, const char *);
void auth_error(struct resp *, int, const char *, int, const char *, ...)
    __attribute__((format(printf, 5, 6)));
char *auth_form(const char *, size_t, const char *);
char *auth_make_user(const char *, size_t, const char *);
long auth_token_lifetime(void);
int auth_has_scope(const struct req *, const char *const *);
int auth_permit_users(struct req *, struct resp *);
int auth_permit_groups(struct req *, struct resp *);

#endif
