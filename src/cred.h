/*
 * Credentials and the access-token cache: the client secret (from the
 * configuration, a secret_file or a secret_command) and client-credentials
 * token requests to the cloud's token endpoint. A struct cred belongs to
 * one thread at a time (each thread makes its own); it has no lock.
 */
#ifndef CRED_H
#define CRED_H

struct cfg;
struct graph_error;
struct http;

/*
 * Make the credentials from the configuration, reading a secret_file or
 * running a secret_command when no secret came from elsewhere.
 */
struct cred *cred_new(const struct cfg *, char **cause);
void cred_free(struct cred *);

/*
 * The cached access token, renewed through http when fewer than 5 minutes
 * (10% of the lifetime for short ones) remain. NULL with err filled on
 * failure: GRAPH_ERR_AUTH when refused (wrong secret, tenant, app, ...),
 * GRAPH_ERR_NETWORK when no answer came, throttled or a server error. The
 * string is valid until the next cred_* call.
 */
const char *cred_token(struct cred *, struct http *, struct graph_error *err);

/* Forget the cached token (after a 401), so the next call asks again. */
void cred_invalidate(struct cred *);

/* Seconds until the cached token expires, or -1 when there is none. */
long cred_expires_in(const struct cred *);

#endif
