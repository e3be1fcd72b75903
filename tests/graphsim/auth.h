/*
 * The client-credentials token endpoint and the check of bearer tokens
 * (HMAC-SHA256 with a key made at start-up). Safe from any thread.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdint.h>

struct req;
struct resp;

void auth_init(long);
void auth_token(struct req *, struct resp *);
int auth_check(struct req *, struct resp *);

#endif
