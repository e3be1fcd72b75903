/*
 * Credentials and the access-token cache: as the application, the client
 * secret (from the configuration, a secret_file or a secret_command) or a
 * certificate and client-credentials token requests; as a user
 * (delegated), the device code and authorization code sign-ins and the
 * refresh token kept in the state directory. A struct cred belongs to one
 * thread at a time (each thread makes its own); it has no lock.
 */
#ifndef CRED_H
#define CRED_H

#include <stddef.h>

struct cfg;
struct device_code_response;
struct graph_error;
struct http;

/* The delegated permissions an access token may ask for. */
#define CRED_SCOPE_READ 0x1     /* Presence.Read: one's own presence. */
#define CRED_SCOPE_READ_ALL 0x2 /* Presence.Read.All: everyone's. */
#define CRED_SCOPE_WRITE 0x4    /* Presence.ReadWrite: one's own. */
#define CRED_SCOPE_USERS 0x8    /* User.ReadBasic.All: the directory. */
#define CRED_SCOPE_GROUPS 0x10  /* GroupMember.Read.All: groups. */
/* Set in cred_granted's answer when the sign-in service named the scopes. */
#define CRED_SCOPE_KNOWN 0x80000000U
/* What teamtop login asks consent for: everything teamtop does. */
#define CRED_SCOPE_LOGIN                                                       \
	(CRED_SCOPE_READ_ALL | CRED_SCOPE_WRITE | CRED_SCOPE_USERS |           \
	    CRED_SCOPE_GROUPS)

/* The refresh token's file in the state directory (state.h). */
#define CRED_TOKEN_FILE "refresh-token.json"

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

/* Is the credential a user's (delegated) rather than the application's? */
int cred_delegated(const struct cred *);

/*
 * The CRED_SCOPE_ bits that delegated access tokens ask for from now on
 * (0: CRED_SCOPE_LOGIN); each a subset of what teamtop login asked for.
 */
void cred_set_scopes(struct cred *, unsigned int);

/*
 * The CRED_SCOPE_ bits the last delegated access token holds, as the
 * sign-in service's answer named them, with CRED_SCOPE_KNOWN; 0 when it
 * did not name them (or before the first token, or as the application).
 */
unsigned int cred_granted(const struct cred *);

/* The names of CRED_SCOPE_ bits, comma-separated, for messages. */
char *cred_scope_words(unsigned int);

/* What a poll of a sign-in in progress found. */
enum cred_poll {
	CRED_POLL_DONE,      /* Signed in: tokens kept. */
	CRED_POLL_PENDING,   /* Not yet: poll again after the interval. */
	CRED_POLL_SLOW_DOWN, /* Poll 5 s less often from now on. */
	CRED_POLL_FAILED     /* Refused or no answer: err says why. */
};

/*
 * Start a device code sign-in for the scopes of CRED_SCOPE_LOGIN and
 * offline_access. 0 with dc filled, or -1 with err.
 */
int cred_device_start(struct cred *, struct http *,
    struct device_code_response *dc, struct graph_error *err);

/*
 * Poll once for the device code. On CRED_POLL_DONE the access token is
 * cached and the refresh token stored (0600); every refusal is told in
 * words, with the server's error, AADSTS number and correlation id.
 */
enum cred_poll cred_device_poll(struct cred *, struct http *,
    const char *device_code, struct graph_error *err);

/*
 * Make a PKCE code verifier and its S256 challenge (each needs 64 bytes),
 * and a random state, for the authorization code grant.
 */
void cred_pkce(char *verifier, size_t vlen, char *challenge, size_t clen);
void cred_random_state(char *state, size_t len);

/*
 * The address to open in a browser: the authorization request for the
 * scopes of CRED_SCOPE_LOGIN and offline_access, with the challenge.
 */
char *cred_authorize_url(const struct cred *, const char *redirect_uri,
    const char *state, const char *challenge);

/*
 * Redeem the code the browser came back with, with the verifier of its
 * challenge: 0 with the tokens kept as cred_device_poll keeps them, or -1
 * with err.
 */
int cred_code_redeem(struct cred *, struct http *, const char *code,
    const char *verifier, const char *redirect_uri, struct graph_error *err);

/* Fill err, in words, from the error the browser came back with. */
void cred_code_refused(const struct cred *, const char *error,
    const char *description, struct graph_error *err);

/* Is there a stored sign-in (a refresh token file, usable or not)? */
int cred_signed_in(void);

/*
 * Forget the stored sign-in (the refresh token file): 1 removed, 0 there
 * was none, -1 with *cause.
 */
int cred_logout(char **cause);

#endif
