/*
 * Credentials and the access-token cache: the client secret (from the
 * configuration, a secret_file or a secret_command) and client-credentials
 * token requests to the cloud's token endpoint. A struct cred belongs to
 * one thread at a time (each thread makes its own); it has no lock.
 */
#ifndef CRED_H
#define CRED_H

struct cfg;
struct http;

/* The kinds of failure; the values are the commands' exit statuses. */
enum cred_err_kind {
	CRED_OK = 0,
	CRED_ERR_AUTH = 3,   /* Refused: wrong secret, tenant, app, ... */
	CRED_ERR_NETWORK = 4 /* No answer, throttled, server error. */
};

struct cred_error {
	enum cred_err_kind kind;
	long status;   /* HTTP status of the token endpoint, 0 if none. */
	char *code;    /* OAuth error, e.g. "invalid_client", or NULL. */
	char *message; /* For the user; never contains a secret or token. */
	int throttled; /* A 429 was seen. */
};

/*
 * Make the credentials from the configuration, reading a secret_file or
 * running a secret_command when no secret came from elsewhere.
 */
struct cred *cred_new(const struct cfg *, char **cause);
void cred_free(struct cred *);

/*
 * The cached access token, renewed through http when fewer than 5 minutes
 * (10% of the lifetime for short ones) remain. NULL with err filled on
 * failure. The string is valid until the next cred_* call.
 */
const char *cred_token(struct cred *, struct http *, struct cred_error *err);

/* Forget the cached token (after a 401), so the next call asks again. */
void cred_invalidate(struct cred *);

/* Seconds until the cached token expires, or -1 when there is none. */
long cred_expires_in(const struct cred *);

void cred_error_init(struct cred_error *);
void cred_error_done(struct cred_error *);

#endif
