/*
 * Delegated sign-in as Entra ID answers it. Device codes (RFC 8628 as
 * Microsoft documents it: authorization_pending until a test approves the
 * code through /_graphsim/devicecode/approve, authorization_declined or
 * access_denied after /deny, expired_token after expires_in on the
 * internal clock, slow_down when polled sooner than the interval in real
 * time), authorization codes bound to a PKCE challenge and a loopback
 * redirect URI, and refresh tokens: each use answers a new one (the old
 * one stays valid, as Entra's do) until the user's tokens are revoked
 * through /_graphsim/refresh/revoke or they go unused for 90 days of the
 * internal clock. Everything lives in tables behind login_mutex; entries
 * are never removed (a test makes few).
 */
#include "config.h"

#include "login.h"

#include <cjson/cJSON.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "clock.h"
#include "server.h"
#include "tenant.h"
#include "xmalloc.h"

/* The delegated permissions graphsim knows, as Entra spells them. */
static const char *const login_known[] = {
	"Presence.Read",
	"Presence.Read.All",
	"Presence.ReadWrite",
	"User.Read",
	"User.ReadBasic.All",
	"User.Read.All",
	"GroupMember.Read.All",
	"Group.Read.All",
	"Directory.Read.All",
};
#define LOGIN_NKNOWN (sizeof login_known / sizeof login_known[0])

/* What .default stands for: the app's configured delegated permissions. */
#define LOGIN_DEFAULT_SCOPES ((1U << 1) | (1U << 2) | (1U << 4) | (1U << 6))

/* Where a device code is in its life. */
enum login_state {
	LOGIN_PENDING,
	LOGIN_APPROVED,
	LOGIN_DENIED,
	LOGIN_REDEEMED,
};

/* A device code. */
struct login_device {
	char device_code[64];
	char user_code[16];
	unsigned int scopes; /* Bits of login_known. */
	int offline;         /* offline_access was asked for. */
	int64_t expires;     /* Ms on the internal clock. */
	int64_t last_poll;   /* Ms of real time; 0 before the first. */
	long interval;       /* Seconds. */
	enum login_state state;
	size_t user;      /* Who approved it. */
	const char *deny; /* The error a denial answers. */
	int slow_next;    /* Answer the next poll slow_down. */
	unsigned long polls;
	unsigned long too_fast;
};

/* An authorization code. */
struct login_code {
	char code[64];
	unsigned int scopes;
	int offline;
	size_t user;
	char *redirect_uri;
	char *challenge;
	int s256;        /* The challenge is S256, else plain. */
	int64_t expires; /* Ms on the internal clock. */
	int used;
};

/* A refresh token. */
struct login_refresh {
	char token[96];
	unsigned int scopes; /* What the user consented to. */
	size_t user;
	int64_t issued;           /* Ms on the internal clock. */
	int64_t last_used;        /* Ms; issued until used. */
	unsigned int last_scopes; /* Of the access token it last gave. */
	unsigned long uses;
	int revoked;
};

/* Seconds a refresh token may go unused (Entra's documented 90 days). */
#define LOGIN_REFRESH_IDLE (90 * 86400LL)
/* Seconds an authorization code is valid. */
#define LOGIN_CODE_LIFETIME 600

static pthread_mutex_t login_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct login_device *login_devices; /* Protected by mutex. */
static size_t login_ndevices;              /* Protected by mutex. */
static struct login_code *login_codes;     /* Protected by mutex. */
static size_t login_ncodes;                /* Protected by mutex. */
static struct login_refresh *login_tokens; /* Protected by mutex. */
static size_t login_ntokens;               /* Protected by mutex. */
static int login_block_device;             /* Protected by mutex. */
static long login_interval;                /* Seconds; set before start. */
static long login_expiry;                  /* Seconds; set before start. */

/* Set the device code interval and lifetime, and the Conditional Access switch. */
void
login_init(long interval, long expiry, int block_device_code)
{
	login_interval = interval;
	login_expiry = expiry;
	login_block_device = block_device_code;
}

/* Free every table. */
void
login_done(void)
{
	size_t i;

	for (i = 0; i < login_ncodes; i++) {
		free(login_codes[i].redirect_uri);
		free(login_codes[i].challenge);
	}
	free(login_codes);
	free(login_devices);
	if (login_tokens != NULL)
		explicit_bzero(login_tokens,
		    login_ntokens * sizeof *login_tokens);
	free(login_tokens);
	login_codes = NULL;
	login_devices = NULL;
	login_tokens = NULL;
	login_ncodes = login_ndevices = login_ntokens = 0;
}

/* Fill out with n random bytes as base64url, without padding. */
static void
login_random(char *out, size_t size, size_t n)
{
	unsigned char raw[64], b64[96];
	size_t i;
	int len;

	if (n > sizeof raw)
		n = sizeof raw;
	if (RAND_bytes(raw, (int)n) != 1) {
		for (i = 0; i < n; i++)
			raw[i] = (unsigned char)(clock_real() >> (i % 8)) ^
			    (unsigned char)i;
	}
	len = EVP_EncodeBlock(b64, raw, (int)n);
	while (len > 0 && b64[len - 1] == '=')
		len--;
	for (i = 0; i < (size_t)len; i++) {
		if (b64[i] == '+')
			b64[i] = '-';
		else if (b64[i] == '/')
			b64[i] = '_';
	}
	snprintf(out, size, "%.*s", len, (char *)b64);
}

/* A user code: nine letters and digits, easy to read out and type. */
static void
login_user_code(char *out)
{
	static const char set[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char raw[9];
	size_t i;

	if (RAND_bytes(raw, sizeof raw) != 1) {
		for (i = 0; i < sizeof raw; i++)
			raw[i] = (unsigned char)(clock_real() >> i);
	}
	for (i = 0; i < sizeof raw; i++)
		out[i] = set[raw[i] % (sizeof set - 1)];
	out[sizeof raw] = '\0';
}

/*
 * Read a space-separated scope list: Graph permissions, bare or under
 * https://graph.microsoft.com/ or graphsim's own root, .default, and the
 * OpenID scopes. Sets *bits and *offline; returns -1 with the first scope
 * that is not known in *bad (allocated).
 */
static int
login_scopes(const char *scope, unsigned int *bits, int *offline, char **bad)
{
	const char *p, *e, *name;
	char *word, own[128];
	size_t i, len;

	*bits = 0;
	*offline = 0;
	snprintf(own, sizeof own, "%s/", server_base());
	for (p = scope; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		e = p + strcspn(p, " ");
		word = xstrndup(p, (size_t)(e - p));
		name = word;
		len = strlen("https://graph.microsoft.com/");
		if (strncasecmp(name, "https://graph.microsoft.com/", len) == 0)
			name += len;
		else if (strncasecmp(name, own, strlen(own)) == 0)
			name += strlen(own);
		if (strcasecmp(name, "offline_access") == 0)
			*offline = 1;
		else if (strcasecmp(name, "openid") == 0 ||
		    strcasecmp(name, "profile") == 0 ||
		    strcasecmp(name, "email") == 0)
			;
		else if (strcmp(name, ".default") == 0 && name != word)
			*bits |= LOGIN_DEFAULT_SCOPES;
		else {
			for (i = 0; i < LOGIN_NKNOWN; i++) {
				if (strcasecmp(name, login_known[i]) == 0)
					break;
			}
			if (i == LOGIN_NKNOWN) {
				*bad = word;
				return -1;
			}
			*bits |= 1U << i;
		}
		free(word);
	}
	return 0;
}

/* Write the scopes of bits, space-separated, as Entra returns them. */
static void
login_scope_text(struct jbuf *b, unsigned int bits)
{
	size_t i;
	int first = 1;

	for (i = 0; i < LOGIN_NKNOWN; i++) {
		if (!(bits & (1U << i)))
			continue;
		if (!first)
			jbuf_addc(b, ' ');
		jbuf_adds(b, login_known[i]);
		first = 0;
	}
}

/*
 * Check the scope parameter of a sign-in request; answers invalid_scope
 * and returns -1 when it is missing, names something unknown or no Graph
 * permission.
 */
static int
login_check_scope(struct resp *resp, const char *scope, unsigned int *bits,
    int *offline)
{
	char *bad = NULL;

	if (scope == NULL || *scope == '\0') {
		auth_error(resp, 400, "invalid_request", 900144,
		    "The request body must contain the following parameter: "
		    "'scope'.");
		return -1;
	}
	if (login_scopes(scope, bits, offline, &bad) != 0) {
		auth_error(resp, 400, "invalid_scope", 70011,
		    "The provided value for the input parameter 'scope' is not "
		    "valid. The scope '%s' does not exist.",
		    bad);
		free(bad);
		return -1;
	}
	if (*bits == 0) {
		auth_error(resp, 400, "invalid_scope", 70011,
		    "The provided value for the input parameter 'scope' is not "
		    "valid: it names no permission of Microsoft Graph.");
		return -1;
	}
	return 0;
}

/* Add a refresh token for user with bits. Mutex held. */
static const char *
login_refresh_add(size_t user, unsigned int bits)
{
	struct login_refresh *t;

	login_tokens = xreallocarray(login_tokens, login_ntokens + 1,
	    sizeof *login_tokens);
	t = &login_tokens[login_ntokens++];
	memset(t, 0, sizeof *t);
	login_random(t->token, sizeof t->token, 48);
	t->scopes = bits;
	t->user = user;
	t->issued = t->last_used = clock_now();
	return t->token;
}

/*
 * Answer the tokens of a delegated sign-in: an access token with scp
 * bits, and a refresh token (consent consent) when offline. Mutex held.
 */
static void
login_issue(struct resp *resp, size_t user, unsigned int bits,
    unsigned int consent, int offline)
{
	struct jbuf scp;
	char *at;
	long life = auth_token_lifetime();

	jbuf_init(&scp);
	login_scope_text(&scp, bits);
	if (scp.p == NULL)
		jbuf_adds(&scp, "");
	at = auth_make_user(tenant.client_id, user, scp.p);
	resp_json(resp, 200);
	resp->content_type = "application/json; charset=utf-8";
	jbuf_adds(&resp->body, "{\"token_type\":\"Bearer\",\"scope\":");
	jbuf_str(&resp->body, scp.p);
	jbuf_printf(&resp->body,
	    ",\"expires_in\":%ld,\"ext_expires_in\":%ld,"
	    "\"access_token\":\"%s\"",
	    life, life, at);
	if (offline) {
		jbuf_printf(&resp->body, ",\"refresh_token\":\"%s\"",
		    login_refresh_add(user, consent));
	}
	jbuf_addc(&resp->body, '}');
	free(at);
	jbuf_done(&scp);
}

/* POST /{tenant}/oauth2/v2.0/devicecode. */
void
login_devicecode(struct req *req, struct resp *resp)
{
	struct login_device *d;
	char *id, *scope;
	unsigned int bits;
	int offline;

	id = auth_form(req->body, req->body_len, "client_id");
	scope = auth_form(req->body, req->body_len, "scope");
	if (auth_check_client(req, resp, id) != 0 ||
	    login_check_scope(resp, scope, &bits, &offline) != 0)
		goto out;
	pthread_mutex_lock(&login_mutex);
	login_devices = xreallocarray(login_devices, login_ndevices + 1,
	    sizeof *login_devices);
	d = &login_devices[login_ndevices++];
	memset(d, 0, sizeof *d);
	login_random(d->device_code, sizeof d->device_code, 40);
	login_user_code(d->user_code);
	d->scopes = bits;
	d->offline = offline;
	d->expires = clock_now() + login_expiry * 1000;
	d->interval = login_interval;
	d->state = LOGIN_PENDING;
	resp_json(resp, 200);
	resp->content_type = "application/json; charset=utf-8";
	jbuf_printf(&resp->body,
	    "{\"user_code\":\"%s\",\"device_code\":\"%s\","
	    "\"verification_uri\":\"https://microsoft.com/devicelogin\","
	    "\"expires_in\":%ld,\"interval\":%ld,"
	    "\"message\":\"To sign in, use a web browser to open the page "
	    "https://microsoft.com/devicelogin and enter the code %s to "
	    "authenticate.\"}",
	    d->user_code, d->device_code, login_expiry, d->interval,
	    d->user_code);
	pthread_mutex_unlock(&login_mutex);
out:
	free(id);
	free(scope);
}

/* The device code of a token request. Mutex held. */
static struct login_device *
login_find_device(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < login_ndevices; i++) {
		if (strcmp(login_devices[i].device_code, code) == 0)
			return &login_devices[i];
	}
	return NULL;
}

/* The token grant of the device code flow: one poll. */
void
login_grant_device(struct req *req, struct resp *resp)
{
	struct login_device *d;
	char *code;
	int64_t real = clock_real(), gap;

	code = auth_form(req->body, req->body_len, "device_code");
	pthread_mutex_lock(&login_mutex);
	if (code == NULL || *code == '\0') {
		auth_error(resp, 400, "invalid_request", 900144,
		    "The request body must contain the following parameter: "
		    "'device_code'.");
		goto out;
	}
	if ((d = login_find_device(code)) == NULL) {
		auth_error(resp, 400, "bad_verification_code", 70018,
		    "The provided value for the input parameter 'device_code' "
		    "is not valid.");
		goto out;
	}
	d->polls++;
	gap = d->last_poll != 0 ? real - d->last_poll : -1;
	d->last_poll = real;
	if (d->state == LOGIN_REDEEMED) {
		auth_error(resp, 400, "invalid_grant", 54005,
		    "OAuth2 Authorization code was already redeemed, please "
		    "retry with a new valid code or use an existing refresh "
		    "token.");
		goto out;
	}
	if (clock_now() >= d->expires) {
		auth_error(resp, 400, "expired_token", 70019,
		    "The provided value for the input parameter 'device_code' "
		    "is not valid. This device code has expired.");
		goto out;
	}
	if (d->slow_next || (gap >= 0 && gap + 50 < d->interval * 1000)) {
		if (!d->slow_next)
			d->too_fast++;
		d->slow_next = 0;
		d->interval += 5;
		auth_error(resp, 400, "slow_down", 0,
		    "The client is polling too quickly: wait at least %ld "
		    "seconds between polls.",
		    d->interval);
		goto out;
	}
	switch (d->state) {
	case LOGIN_PENDING:
		auth_error(resp, 400, "authorization_pending", 70016,
		    "OAuth 2.0 device flow error. Authorization is pending. "
		    "Continue polling.");
		break;
	case LOGIN_DENIED:
		auth_error(resp, 400, d->deny, 65004,
		    "User declined to consent to access the app.");
		break;
	case LOGIN_APPROVED:
		if (login_block_device) {
			auth_error(resp, 400, "invalid_grant", 53003,
			    "Access has been blocked by Conditional Access "
			    "policies. The access policy does not allow token "
			    "issuance.");
			break;
		}
		d->state = LOGIN_REDEEMED;
		login_issue(resp, d->user, d->scopes, d->scopes, d->offline);
		break;
	case LOGIN_REDEEMED:
		break;
	}
out:
	pthread_mutex_unlock(&login_mutex);
	xfree_secret(code);
}

/* The token grant of a refresh token. */
void
login_grant_refresh(struct req *req, struct resp *resp, const char *scope)
{
	struct login_refresh *t = NULL;
	unsigned int bits = 0, consent;
	int offline = 1;
	char *rt, *bad = NULL, issued[CLOCK_ISO_SIZE];
	int64_t now = clock_now();
	size_t i, user;

	rt = auth_form(req->body, req->body_len, "refresh_token");
	if (rt == NULL || *rt == '\0') {
		auth_error(resp, 400, "invalid_request", 900144,
		    "The request body must contain the following parameter: "
		    "'refresh_token'.");
		goto out;
	}
	if (scope != NULL && *scope != '\0' &&
	    login_scopes(scope, &bits, &offline, &bad) != 0) {
		auth_error(resp, 400, "invalid_scope", 70011,
		    "The provided value for the input parameter 'scope' is not "
		    "valid. The scope '%s' does not exist.",
		    bad);
		free(bad);
		goto out;
	}
	pthread_mutex_lock(&login_mutex);
	for (i = 0; i < login_ntokens; i++) {
		if (strcmp(login_tokens[i].token, rt) == 0) {
			t = &login_tokens[i];
			break;
		}
	}
	if (t == NULL) {
		auth_error(resp, 400, "invalid_grant", 9002313,
		    "Invalid request. Request is malformed or invalid.");
	} else if (t->revoked) {
		auth_error(resp, 400, "invalid_grant", 50173,
		    "The provided grant has expired due to it being revoked, a "
		    "fresh auth token is needed. The user might have changed "
		    "or reset their password. The grant was issued on '%s'.",
		    (clock_iso(t->issued, issued, 0), issued));
	} else if (now - t->last_used > LOGIN_REFRESH_IDLE * 1000) {
		auth_error(resp, 400, "invalid_grant", 700082,
		    "The refresh token has expired due to inactivity. The "
		    "token was issued on %s and was inactive for "
		    "90.00:00:00.",
		    (clock_iso(t->issued, issued, 0), issued));
	} else if ((bits & ~t->scopes) != 0) {
		auth_error(resp, 400, "invalid_grant", 65001,
		    "The user or administrator has not consented to use the "
		    "application with ID '%s'. Send an interactive "
		    "authorization request for this user and resource.",
		    tenant.client_id);
	} else {
		t->uses++;
		t->last_used = now;
		t->last_scopes = bits != 0 ? bits : t->scopes;
		user = t->user;
		consent = t->scopes;
		/* t may move when the new token is added. */
		login_issue(resp, user, bits != 0 ? bits : consent, consent, 1);
	}
	pthread_mutex_unlock(&login_mutex);
out:
	xfree_secret(rt);
}

/* Is uri a loopback redirect URI (http://127.0.0.1:PORT/..., localhost)? */
static int
login_loopback(const char *uri)
{
	static const char *const roots[] = { "http://127.0.0.1",
		"http://localhost", "http://[::1]" };
	size_t i, n;

	for (i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		n = strlen(roots[i]);
		if (strncasecmp(uri, roots[i], n) == 0 &&
		    (uri[n] == ':' || uri[n] == '/' || uri[n] == '\0'))
			return 1;
	}
	return 0;
}

/* Redirect to uri with a query of name=value pairs (NULL-terminated). */
static void
login_redirect(struct resp *resp, const char *uri, ...)
{
	struct jbuf b;
	const char *name, *value;
	va_list ap;
	int first = strchr(uri, '?') == NULL;

	jbuf_init(&b);
	jbuf_adds(&b, uri);
	va_start(ap, uri);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		if (value == NULL)
			continue;
		jbuf_addc(&b, first ? '?' : '&');
		first = 0;
		jbuf_adds(&b, name);
		jbuf_addc(&b, '=');
		server_url_encode(&b, value, 0);
	}
	va_end(ap);
	resp->status = 302;
	resp->has_body = 1;
	resp->content_type = "text/html; charset=utf-8";
	resp->body.len = 0;
	jbuf_adds(&resp->body,
	    "<html><body>Signed in; returning to the application."
	    "</body></html>\n");
	free(resp->location);
	resp->location = jbuf_steal(&b, NULL);
}

/* GET /{tenant}/oauth2/v2.0/authorize: sign in and redirect with a code. */
void
login_authorize(struct req *req, struct resp *resp)
{
	const char *id = req_arg(req, "client_id");
	const char *uri = req_arg(req, "redirect_uri");
	const char *type = req_arg(req, "response_type");
	const char *scope = req_arg(req, "scope");
	const char *state = req_arg(req, "state");
	const char *challenge = req_arg(req, "code_challenge");
	const char *method = req_arg(req, "code_challenge_method");
	const char *hint = req_arg(req, "login_hint");
	struct login_code *c;
	unsigned int bits;
	int offline;
	char *bad = NULL, *msg, session[37];
	long user = 0;

	if (auth_check_client(req, resp, id) != 0)
		return;
	if (uri == NULL || !login_loopback(uri)) {
		auth_error(resp, 400, "invalid_request", 50011,
		    "The redirect URI '%s' specified in the request does not "
		    "match the redirect URIs configured for the application "
		    "'%s'.",
		    uri != NULL ? uri : "", tenant.client_id);
		return;
	}
	if (type == NULL || strcmp(type, "code") != 0) {
		login_redirect(resp, uri, "error", "unsupported_response_type",
		    "error_description",
		    "AADSTS700054: response_type must be 'code'.", "state",
		    state, NULL);
		return;
	}
	if (challenge == NULL || *challenge == '\0' ||
	    (method != NULL && strcmp(method, "S256") != 0 &&
	        strcmp(method, "plain") != 0)) {
		login_redirect(resp, uri, "error", "invalid_request",
		    "error_description",
		    "AADSTS9002325: Proof Key for Code Exchange is required: "
		    "send code_challenge with code_challenge_method S256.",
		    "state", state, NULL);
		return;
	}
	if (scope == NULL || login_scopes(scope, &bits, &offline, &bad) != 0 ||
	    bits == 0) {
		xasprintf(&msg,
		    "AADSTS70011: The provided value for the input parameter "
		    "'scope' is not valid. The scope '%s' does not exist.",
		    bad != NULL ? bad : (scope != NULL ? scope : ""));
		login_redirect(resp, uri, "error", "invalid_scope",
		    "error_description", msg, "state", state, NULL);
		free(msg);
		free(bad);
		return;
	}
	if (tenant.nusers == 0 ||
	    (hint != NULL && (user = tenant_find_user(hint)) == -1)) {
		xasprintf(&msg,
		    "AADSTS50034: The user account %s does not exist in the "
		    "'%s' directory.",
		    hint != NULL ? hint : "(none)", tenant.name);
		login_redirect(resp, uri, "error", "access_denied",
		    "error_description", msg, "state", state, NULL);
		free(msg);
		return;
	}
	pthread_mutex_lock(&login_mutex);
	login_codes =
	    xreallocarray(login_codes, login_ncodes + 1, sizeof *login_codes);
	c = &login_codes[login_ncodes++];
	memset(c, 0, sizeof *c);
	login_random(c->code, sizeof c->code, 40);
	c->scopes = bits;
	c->offline = offline;
	c->user = (size_t)user;
	c->redirect_uri = xstrdup(uri);
	c->challenge = xstrdup(challenge);
	c->s256 = method != NULL && strcmp(method, "S256") == 0;
	c->expires = clock_now() + LOGIN_CODE_LIFETIME * 1000LL;
	server_new_guid(session);
	login_redirect(resp, uri, "code", c->code, "state", state,
	    "session_state", session, NULL);
	pthread_mutex_unlock(&login_mutex);
}

/* Does verifier answer the challenge of c? */
static int
login_pkce_ok(const struct login_code *c, const char *verifier)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char b64[128];
	size_t i;
	int len;

	if (!c->s256)
		return strcmp(c->challenge, verifier) == 0;
	if (EVP_Digest(verifier, strlen(verifier), md, &mdlen, EVP_sha256(),
	        NULL) != 1)
		return 0;
	len = EVP_EncodeBlock((unsigned char *)b64, md, (int)mdlen);
	while (len > 0 && b64[len - 1] == '=')
		len--;
	b64[len] = '\0';
	for (i = 0; i < (size_t)len; i++) {
		if (b64[i] == '+')
			b64[i] = '-';
		else if (b64[i] == '/')
			b64[i] = '_';
	}
	return strcmp(c->challenge, b64) == 0;
}

/* The token grant of an authorization code. */
void
login_grant_code(struct req *req, struct resp *resp)
{
	struct login_code *c = NULL;
	char *code, *uri, *verifier;
	size_t i;

	code = auth_form(req->body, req->body_len, "code");
	uri = auth_form(req->body, req->body_len, "redirect_uri");
	verifier = auth_form(req->body, req->body_len, "code_verifier");
	pthread_mutex_lock(&login_mutex);
	for (i = 0; code != NULL && i < login_ncodes; i++) {
		if (strcmp(login_codes[i].code, code) == 0) {
			c = &login_codes[i];
			break;
		}
	}
	if (code == NULL || *code == '\0')
		auth_error(resp, 400, "invalid_request", 900144,
		    "The request body must contain the following parameter: "
		    "'code'.");
	else if (c == NULL)
		auth_error(resp, 400, "invalid_grant", 9002313,
		    "Invalid request. Request is malformed or invalid.");
	else if (c->used)
		auth_error(resp, 400, "invalid_grant", 54005,
		    "OAuth2 Authorization code was already redeemed, please "
		    "retry with a new valid code or use an existing refresh "
		    "token.");
	else if (clock_now() >= c->expires)
		auth_error(resp, 400, "invalid_grant", 70008,
		    "The provided authorization code or refresh token has "
		    "expired due to inactivity. Send a new interactive "
		    "authorization request for this user and resource.");
	else if (uri == NULL || strcmp(uri, c->redirect_uri) != 0)
		auth_error(resp, 400, "invalid_grant", 50011,
		    "The redirect URI '%s' specified in the request does not "
		    "match the redirect URI of the authorization request.",
		    uri != NULL ? uri : "");
	else if (verifier == NULL || *verifier == '\0')
		auth_error(resp, 400, "invalid_grant", 501481,
		    "The Code_Verifier is missing: the authorization request "
		    "had a code_challenge.");
	else if (!login_pkce_ok(c, verifier))
		auth_error(resp, 400, "invalid_grant", 501481,
		    "The Code_Verifier does not match the code_challenge "
		    "supplied in the authorization request.");
	else {
		c->used = 1;
		login_issue(resp, c->user, c->scopes, c->scopes, c->offline);
	}
	pthread_mutex_unlock(&login_mutex);
	xfree_secret(code);
	free(uri);
	xfree_secret(verifier);
}

/* Parse a control body as a JSON object; answers 400 and NULL if not. */
static cJSON *
login_body(struct req *req, struct resp *resp)
{
	cJSON *root = cJSON_ParseWithLength(req->body, req->body_len);

	if (req->body_len == 0 && root == NULL)
		return cJSON_CreateObject();
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		resp_error(resp, req, 400, "BadRequest",
		    "The body must be a JSON object.");
		return NULL;
	}
	return root;
}

/* A string member of a control body, or NULL. */
static const char *
login_string(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The state of a device code in words. */
static const char *
login_state_name(const struct login_device *d)
{
	switch (d->state) {
	case LOGIN_PENDING:
		return "pending";
	case LOGIN_APPROVED:
		return "approved";
	case LOGIN_DENIED:
		return "denied";
	case LOGIN_REDEEMED:
		return "redeemed";
	}
	return "?";
}

/* GET /_graphsim/devicecode: the codes neither redeemed nor expired. */
static void
login_list_devices(struct resp *resp)
{
	struct login_device *d;
	int64_t now = clock_now();
	size_t i;
	int first = 1;

	resp_json(resp, 200);
	jbuf_adds(&resp->body, "{\"value\":[");
	pthread_mutex_lock(&login_mutex);
	for (i = 0; i < login_ndevices; i++) {
		d = &login_devices[i];
		if (d->state == LOGIN_REDEEMED || now >= d->expires)
			continue;
		jbuf_printf(&resp->body,
		    "%s{\"user_code\":\"%s\",\"expires_in\":%lld,"
		    "\"interval\":%ld,\"state\":\"%s\",\"scope\":",
		    first ? "" : ",", d->user_code,
		    (long long)((d->expires - now + 999) / 1000), d->interval,
		    login_state_name(d));
		jbuf_addc(&resp->body, '"');
		login_scope_text(&resp->body, d->scopes);
		jbuf_printf(&resp->body, "\",\"polls\":%lu,\"too_fast\":%lu}",
		    d->polls, d->too_fast);
		first = 0;
	}
	pthread_mutex_unlock(&login_mutex);
	jbuf_adds(&resp->body, "]}");
}

/*
 * POST /_graphsim/devicecode/{approve,deny,slow_down}: act on a pending
 * code named by user_code.
 */
static void
login_act(struct req *req, struct resp *resp, const char *what)
{
	struct login_device *d = NULL;
	const char *code, *who, *err;
	cJSON *root;
	long user = -1;
	size_t i;

	if ((root = login_body(req, resp)) == NULL)
		return;
	code = login_string(root, "user_code");
	who = login_string(root, "user");
	err = login_string(root, "error");
	if (code == NULL) {
		resp_error(resp, req, 400, "BadRequest",
		    "The body needs \"user_code\".");
		goto out;
	}
	if (strcmp(what, "approve") == 0) {
		if (who == NULL) {
			resp_error(resp, req, 400, "BadRequest",
			    "The body needs \"user\": a userPrincipalName or "
			    "an object id.");
			goto out;
		}
		if ((user = tenant_find_user(who)) == -1) {
			resp_error(resp, req, 404, "NotFound",
			    "No person '%s'.", who);
			goto out;
		}
	}
	if (err != NULL && strcmp(err, "access_denied") != 0 &&
	    strcmp(err, "authorization_declined") != 0) {
		resp_error(resp, req, 400, "BadRequest",
		    "\"error\" must be access_denied or "
		    "authorization_declined.");
		goto out;
	}
	pthread_mutex_lock(&login_mutex);
	for (i = 0; i < login_ndevices; i++) {
		if (strcasecmp(login_devices[i].user_code, code) == 0 &&
		    login_devices[i].state == LOGIN_PENDING &&
		    clock_now() < login_devices[i].expires) {
			d = &login_devices[i];
			break;
		}
	}
	if (d == NULL) {
		pthread_mutex_unlock(&login_mutex);
		resp_error(resp, req, 404, "NotFound",
		    "No pending device code '%s'.", code);
		goto out;
	}
	if (strcmp(what, "approve") == 0) {
		d->state = LOGIN_APPROVED;
		d->user = (size_t)user;
	} else if (strcmp(what, "deny") == 0) {
		d->state = LOGIN_DENIED;
		d->deny = err != NULL && strcmp(err, "access_denied") == 0
		    ? "access_denied"
		    : "authorization_declined";
	} else
		d->slow_next = 1;
	resp_json(resp, 200);
	jbuf_printf(&resp->body, "{\"user_code\":\"%s\",\"state\":\"%s\"}",
	    d->user_code, login_state_name(d));
	pthread_mutex_unlock(&login_mutex);
out:
	cJSON_Delete(root);
}

/* GET and POST /_graphsim/conditionalaccess. */
static void
login_policy(struct req *req, struct resp *resp)
{
	const cJSON *v;
	cJSON *root;

	if (strcmp(req->method, "POST") == 0) {
		if ((root = login_body(req, resp)) == NULL)
			return;
		v = cJSON_GetObjectItemCaseSensitive(root, "block_device_code");
		if (!cJSON_IsBool(v)) {
			cJSON_Delete(root);
			resp_error(resp, req, 400, "BadRequest",
			    "The body must be {\"block_device_code\": true or "
			    "false}.");
			return;
		}
		pthread_mutex_lock(&login_mutex);
		login_block_device = cJSON_IsTrue(v);
		pthread_mutex_unlock(&login_mutex);
		cJSON_Delete(root);
	}
	resp_json(resp, 200);
	pthread_mutex_lock(&login_mutex);
	jbuf_printf(&resp->body, "{\"block_device_code\":%s}",
	    login_block_device ? "true" : "false");
	pthread_mutex_unlock(&login_mutex);
}

/* GET /_graphsim/refresh: the refresh tokens issued, without their values. */
static void
login_list_tokens(struct resp *resp)
{
	struct login_refresh *t;
	char issued[CLOCK_ISO_SIZE], used[CLOCK_ISO_SIZE];
	size_t i;

	resp_json(resp, 200);
	jbuf_adds(&resp->body, "{\"value\":[");
	pthread_mutex_lock(&login_mutex);
	for (i = 0; i < login_ntokens; i++) {
		t = &login_tokens[i];
		clock_iso(t->issued, issued, 3);
		clock_iso(t->last_used, used, 3);
		jbuf_adds(&resp->body, i == 0 ? "{\"user\":" : ",{\"user\":");
		jbuf_str(&resp->body, tenant.users[t->user].upn);
		jbuf_adds(&resp->body, ",\"scope\":\"");
		login_scope_text(&resp->body, t->scopes);
		jbuf_printf(&resp->body,
		    "\",\"issued\":\"%s\",\"lastUsed\":\"%s\",\"uses\":%lu,"
		    "\"revoked\":%s,\"lastScope\":\"",
		    issued, used, t->uses, t->revoked ? "true" : "false");
		login_scope_text(&resp->body, t->last_scopes);
		jbuf_adds(&resp->body, "\"}");
	}
	pthread_mutex_unlock(&login_mutex);
	jbuf_adds(&resp->body, "]}");
}

/* POST /_graphsim/refresh/revoke: a user's refresh tokens, or everyone's. */
static void
login_revoke(struct req *req, struct resp *resp)
{
	const char *who;
	cJSON *root;
	long user = -1;
	size_t i, n = 0;

	if ((root = login_body(req, resp)) == NULL)
		return;
	if ((who = login_string(root, "user")) != NULL &&
	    (user = tenant_find_user(who)) == -1) {
		resp_error(resp, req, 404, "NotFound", "No person '%s'.", who);
		cJSON_Delete(root);
		return;
	}
	pthread_mutex_lock(&login_mutex);
	for (i = 0; i < login_ntokens; i++) {
		if ((user == -1 || login_tokens[i].user == (size_t)user) &&
		    !login_tokens[i].revoked) {
			login_tokens[i].revoked = 1;
			n++;
		}
	}
	pthread_mutex_unlock(&login_mutex);
	resp_json(resp, 200);
	jbuf_printf(&resp->body, "{\"revoked\":%zu}", n);
	cJSON_Delete(root);
}

/* Handle the sign-in control endpoints; 0 when path is not one of them. */
int
login_control(struct req *req, struct resp *resp)
{
	const char *p = req->path, *m = req->method;

	if (strcmp(p, "/_graphsim/devicecode") == 0 && strcmp(m, "GET") == 0)
		login_list_devices(resp);
	else if (strcmp(p, "/_graphsim/devicecode/approve") == 0 &&
	    strcmp(m, "POST") == 0)
		login_act(req, resp, "approve");
	else if (strcmp(p, "/_graphsim/devicecode/deny") == 0 &&
	    strcmp(m, "POST") == 0)
		login_act(req, resp, "deny");
	else if (strcmp(p, "/_graphsim/devicecode/slow_down") == 0 &&
	    strcmp(m, "POST") == 0)
		login_act(req, resp, "slow_down");
	else if (strcmp(p, "/_graphsim/conditionalaccess") == 0 &&
	    (strcmp(m, "GET") == 0 || strcmp(m, "POST") == 0))
		login_policy(req, resp);
	else if (strcmp(p, "/_graphsim/refresh") == 0 && strcmp(m, "GET") == 0)
		login_list_tokens(resp);
	else if (strcmp(p, "/_graphsim/refresh/revoke") == 0 &&
	    strcmp(m, "POST") == 0)
		login_revoke(req, resp);
	else
		return 0;
	return 1;
}
