/*
 * Delegated sign-in: the device authorization endpoint and its polling,
 * the authorization endpoint of the code grant with PKCE, refresh tokens
 * (rotated on use, revocable), the switch that blocks device code as
 * Conditional Access would, and their control endpoints. State is behind
 * one mutex taken inside these functions; any thread may call them.
 */
#ifndef LOGIN_H
#define LOGIN_H

struct req;
struct resp;

/* The grant_type of the device code flow (RFC 8628). */
#define LOGIN_GRANT_DEVICE "urn:ietf:params:oauth:grant-type:device_code"

void login_init(long, long, int);
void login_done(void);
void login_devicecode(struct req *, struct resp *);
void login_authorize(struct req *, struct resp *);
void login_grant_device(struct req *, struct resp *);
void login_grant_refresh(struct req *, struct resp *, const char *);
void login_grant_code(struct req *, struct resp *);
int login_control(struct req *, struct resp *);

#endif
