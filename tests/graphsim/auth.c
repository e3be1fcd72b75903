/*
 * POST /{tenant}/oauth2/v2.0/token: the client-credentials grant (the
 * secret in the form or in HTTP Basic) here, the delegated grants (device
 * code, authorization code, refresh token) handed to login.c after the
 * checks they share; answered and refused as Entra ID does. And the bearer
 * check of every Graph request, with the scopes a delegated token carries.
 * A token is a JWT signed with HMAC-SHA256 under a random per-process key,
 * so that a token of another graphsim process, a changed byte or an
 * expired lifetime (on the internal clock) is refused. The key is written
 * once by the main thread before the server starts.
 */
#include "config.h"

#include "auth.h"

#include <cjson/cJSON.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "login.h"
#include "server.h"
#include "tenant.h"
#include "xmalloc.h"

static unsigned char auth_key[32];
static long auth_lifetime; /* Seconds. */

/* Make the signing key. */
void
auth_init(long lifetime)
{
	size_t i;

	auth_lifetime = lifetime;
	if (RAND_bytes(auth_key, sizeof auth_key) != 1) {
		for (i = 0; i < sizeof auth_key; i++)
			auth_key[i] = (unsigned char)(clock_real() >> (i % 8));
	}
}

/* Append n bytes as base64url without padding. */
static void
auth_b64(struct jbuf *b, const unsigned char *in, size_t n)
{
	unsigned char *out = xmalloc(4 * ((n + 2) / 3) + 1);
	int len, i;

	len = EVP_EncodeBlock(out, in, (int)n);
	while (len > 0 && out[len - 1] == '=')
		len--;
	for (i = 0; i < len; i++) {
		if (out[i] == '+')
			out[i] = '-';
		else if (out[i] == '/')
			out[i] = '_';
	}
	jbuf_add(b, (char *)out, (size_t)len);
	free(out);
}

/* Decode base64url; NULL when it is not. */
static char *
auth_unb64(const char *in, size_t n, size_t *outlen)
{
	char *tmp, *out;
	size_t i, pad = (4 - n % 4) % 4;
	int len;

	if (pad == 3)
		return NULL;
	tmp = xmalloc(n + pad + 1);
	for (i = 0; i < n; i++) {
		if (in[i] == '-')
			tmp[i] = '+';
		else if (in[i] == '_')
			tmp[i] = '/';
		else if (in[i] == '+' || in[i] == '/' || in[i] == '=') {
			free(tmp);
			return NULL;
		} else
			tmp[i] = in[i];
	}
	memset(tmp + n, '=', pad);
	tmp[n + pad] = '\0';
	out = xmalloc(n + 4);
	len = EVP_DecodeBlock((unsigned char *)out, (unsigned char *)tmp,
	    (int)(n + pad));
	free(tmp);
	if (len < 0) {
		free(out);
		return NULL;
	}
	*outlen = (size_t)len - pad;
	out[*outlen] = '\0';
	return out;
}

/* Append the base64url HMAC of n bytes. */
static void
auth_sign(struct jbuf *b, const char *data, size_t n)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;

	HMAC(EVP_sha256(), auth_key, sizeof auth_key,
	    (const unsigned char *)data, n, mac, &maclen);
	auth_b64(b, mac, maclen);
}

/* Sign claims into a JWT. */
static char *
auth_jwt(const struct jbuf *claims)
{
	static const char header[] = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
	struct jbuf tok;
	size_t signed_len;
	char *copy;

	jbuf_init(&tok);
	auth_b64(&tok, (const unsigned char *)header, strlen(header));
	jbuf_addc(&tok, '.');
	auth_b64(&tok, (const unsigned char *)claims->p, claims->len);
	jbuf_reserve(&tok, 64);
	signed_len = tok.len;
	copy = xstrndup(tok.p, signed_len);
	jbuf_addc(&tok, '.');
	auth_sign(&tok, copy, signed_len);
	free(copy);
	return jbuf_steal(&tok, NULL);
}

/* Make a token for the app, valid until exp (seconds). */
static char *
auth_make(const char *client_id, int64_t now, int64_t exp)
{
	struct jbuf claims;
	char uti[37], *tok;

	server_new_guid(uti);
	jbuf_init(&claims);
	jbuf_printf(&claims,
	    "{\"aud\":\"https://graph.microsoft.com\","
	    "\"iss\":\"https://sts.windows.net/%s/\",\"iat\":%lld,"
	    "\"nbf\":%lld,\"exp\":%lld,\"appid\":",
	    tenant.tenant_id, (long long)now, (long long)now, (long long)exp);
	jbuf_str(&claims, client_id);
	jbuf_printf(&claims,
	    ",\"idtyp\":\"app\",\"roles\":["
	    "\"Presence.ReadWrite.All\",\"User.Read.All\","
	    "\"GroupMember.Read.All\"],\"tid\":\"%s\",\"uti\":\"%s\"}",
	    tenant.tenant_id, uti);
	tok = auth_jwt(&claims);
	jbuf_done(&claims);
	return tok;
}

/*
 * Make an access token for person user signed in to the app with the
 * delegated scopes scp (space-separated), valid for the token lifetime.
 */
char *
auth_make_user(const char *client_id, size_t user, const char *scp)
{
	const struct user *u = &tenant.users[user];
	struct jbuf claims;
	char uti[37], *tok;
	int64_t now = clock_now() / 1000;

	server_new_guid(uti);
	jbuf_init(&claims);
	jbuf_printf(&claims,
	    "{\"aud\":\"https://graph.microsoft.com\","
	    "\"iss\":\"https://sts.windows.net/%s/\",\"iat\":%lld,"
	    "\"nbf\":%lld,\"exp\":%lld,\"appid\":",
	    tenant.tenant_id, (long long)now, (long long)now,
	    (long long)(now + auth_lifetime));
	jbuf_str(&claims, client_id);
	jbuf_adds(&claims, ",\"idtyp\":\"user\",\"oid\":");
	jbuf_str(&claims, u->id);
	jbuf_adds(&claims, ",\"upn\":");
	jbuf_str(&claims, u->upn);
	jbuf_adds(&claims, ",\"scp\":");
	jbuf_str(&claims, scp);
	jbuf_printf(&claims, ",\"tid\":\"%s\",\"uti\":\"%s\"}",
	    tenant.tenant_id, uti);
	tok = auth_jwt(&claims);
	jbuf_done(&claims);
	return tok;
}

/* The lifetime of access tokens, in seconds. */
long
auth_token_lifetime(void)
{
	return auth_lifetime;
}

/*
 * Answer an Entra ID error: code is the AADSTS number, 0 for none (then
 * error_codes is empty and the description has no AADSTS prefix).
 */
void
auth_error(struct resp *resp, int status, const char *error, int code,
    const char *fmt, ...)
{
	char ts[CLOCK_ISO_SIZE], trace[37], corr[37], *msg;
	va_list ap;
	int64_t now = clock_now();

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	server_new_guid(trace);
	server_new_guid(corr);
	clock_iso(now, ts, 0);
	ts[10] = ' ';
	resp_json(resp, status);
	resp->content_type = "application/json; charset=utf-8";
	jbuf_adds(&resp->body, "{\"error\":");
	jbuf_str(&resp->body, error);
	jbuf_adds(&resp->body, ",\"error_description\":");
	{
		char *d;

		if (code != 0)
			xasprintf(&d,
			    "AADSTS%d: %s Trace ID: %s Correlation ID: %s "
			    "Timestamp: %s",
			    code, msg, trace, corr, ts);
		else
			xasprintf(&d,
			    "%s Trace ID: %s Correlation ID: %s "
			    "Timestamp: %s",
			    msg, trace, corr, ts);
		jbuf_str(&resp->body, d);
		free(d);
	}
	if (code != 0)
		jbuf_printf(&resp->body, ",\"error_codes\":[%d]", code);
	else
		jbuf_adds(&resp->body, ",\"error_codes\":[]");
	jbuf_printf(&resp->body,
	    ",\"timestamp\":\"%s\","
	    "\"trace_id\":\"%s\",\"correlation_id\":\"%s\","
	    "\"error_uri\":\"https://login.microsoftonline.com/error?code=%d\"}",
	    ts, trace, corr, code);
	free(msg);
}

/* Find a form field in an urlencoded body; returns an allocated value. */
char *
auth_form(const char *body, size_t len, const char *name)
{
	const char *p = body, *end = body + len, *amp, *eq;
	size_t nlen = strlen(name);
	char *v;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && (size_t)(eq - p) == nlen &&
		    memcmp(p, name, nlen) == 0) {
			v = xstrndup(eq + 1, (size_t)(amp - eq - 1));
			server_url_decode(v, 1);
			return v;
		}
		p = amp + 1;
	}
	return NULL;
}

/* Whether scope is one the emulator accepts. */
static int
auth_scope_ok(const char *scope)
{
	char *own;
	int ok;

	if (strcasecmp(scope, "https://graph.microsoft.com/.default") == 0)
		return 1;
	xasprintf(&own, "%s/.default", server_base());
	ok = strcasecmp(scope, own) == 0;
	free(own);
	return ok;
}

/* Read client id and secret from an HTTP Basic header. */
static void
auth_basic(const struct req *req, char **id, char **secret)
{
	const char *h = req_header(req, "Authorization");
	size_t n;
	char *dec, *colon;

	if (h == NULL || strncasecmp(h, "Basic ", 6) != 0)
		return;
	h += 6;
	while (*h == ' ')
		h++;
	n = strlen(h);
	while (n > 0 && h[n - 1] == '=')
		n--;
	{
		char *tmp = xstrndup(h, n), *p;

		for (p = tmp; *p != '\0'; p++) {
			if (*p == '+')
				*p = '-';
			else if (*p == '/')
				*p = '_';
		}
		dec = auth_unb64(tmp, n, &n);
		free(tmp);
	}
	if (dec == NULL)
		return;
	if ((colon = strchr(dec, ':')) != NULL) {
		*colon = '\0';
		free(*id);
		free(*secret);
		*id = xstrdup(dec);
		*secret = xstrdup(colon + 1);
		server_url_decode(*id, 1);
		server_url_decode(*secret, 1);
	}
	free(dec);
}

/* The client-credentials grant, once the client id is known to be right. */
static void
auth_client_credentials(struct resp *resp, const char *scope,
    const char *secret)
{
	int64_t now = clock_now() / 1000;
	char *tok;

	if (scope == NULL || *scope == '\0') {
		auth_error(resp, 400, "invalid_scope", 70011,
		    "The provided "
		    "request must include a 'scope' input parameter.");
	} else if (!auth_scope_ok(scope)) {
		auth_error(resp, 400, "invalid_scope", 70011,
		    "The provided "
		    "value for the input parameter 'scope' is not valid. The "
		    "scope %s is not valid.",
		    scope);
	} else if (secret == NULL || *secret == '\0') {
		auth_error(resp, 401, "invalid_client", 7000216,
		    "'client_"
		    "assertion', 'client_secret' or 'request' is required for "
		    "the 'client_credentials' grant type.");
	} else if (strlen(secret) != strlen(tenant.client_secret) ||
	    CRYPTO_memcmp(secret, tenant.client_secret, strlen(secret)) != 0) {
		auth_error(resp, 401, "invalid_client", 7000215,
		    "Invalid client "
		    "secret provided. Ensure the secret being sent in the "
		    "request is the client secret value, not the client secret "
		    "ID, for a secret added to app '%s'.",
		    tenant.client_id);
	} else {
		tok = auth_make(tenant.client_id, now, now + auth_lifetime);
		resp_json(resp, 200);
		resp->content_type = "application/json; charset=utf-8";
		jbuf_printf(&resp->body,
		    "{\"token_type\":\"Bearer\","
		    "\"expires_in\":%ld,\"ext_expires_in\":%ld,"
		    "\"access_token\":\"%s\"}",
		    auth_lifetime, auth_lifetime, tok);
		free(tok);
	}
}

/*
 * Check what every request of the sign-in endpoints shares: the tenant and
 * the client id. Answers the refusal and returns -1 when one is wrong.
 */
int
auth_check_client(struct req *req, struct resp *resp, const char *id)
{
	if (!tenant_names_tenant(req->params[0])) {
		auth_error(resp, 400, "invalid_request", 90002,
		    "Tenant '%s' "
		    "not found. Check to make sure you have the correct tenant "
		    "ID and are signing into the correct cloud. Check with your "
		    "subscription administrator, this may happen if there are "
		    "no active subscriptions for the tenant.",
		    req->params[0]);
		return -1;
	}
	if (id == NULL || *id == '\0') {
		auth_error(resp, 400, "invalid_request", 900144,
		    "The request "
		    "body must contain the following parameter: 'client_id'.");
		return -1;
	}
	if (strcasecmp(id, tenant.client_id) != 0) {
		auth_error(resp, 400, "unauthorized_client", 700016,
		    "Application with identifier '%s' was not found in the "
		    "directory '%s'. This can happen if the application has not "
		    "been installed by the administrator of the tenant or "
		    "consented to by any user in the tenant. You may have sent "
		    "your authentication request to the wrong tenant.",
		    id, tenant.name);
		return -1;
	}
	return 0;
}

/* POST /{tenant}/oauth2/v2.0/token. */
void
auth_token(struct req *req, struct resp *resp)
{
	const char *b = req->body;
	size_t n = req->body_len;
	char *grant, *id, *secret, *scope;

	grant = auth_form(b, n, "grant_type");
	id = auth_form(b, n, "client_id");
	secret = auth_form(b, n, "client_secret");
	scope = auth_form(b, n, "scope");
	auth_basic(req, &id, &secret);

	if (!tenant_names_tenant(req->params[0]))
		auth_check_client(req, resp, id);
	else if (grant == NULL || *grant == '\0') {
		auth_error(resp, 400, "invalid_request", 900144,
		    "The request "
		    "body must contain the following parameter: 'grant_type'.");
	} else if (strcmp(grant, "client_credentials") != 0 &&
	    strcmp(grant, LOGIN_GRANT_DEVICE) != 0 &&
	    strcmp(grant, "refresh_token") != 0 &&
	    strcmp(grant, "authorization_code") != 0) {
		auth_error(resp, 400, "unsupported_grant_type", 70003,
		    "The app "
		    "requested an unsupported grant type '%s'.",
		    grant);
	} else if (auth_check_client(req, resp, id) != 0)
		;
	else if (strcmp(grant, "client_credentials") == 0)
		auth_client_credentials(resp, scope, secret);
	else if (strcmp(grant, LOGIN_GRANT_DEVICE) == 0)
		login_grant_device(req, resp);
	else if (strcmp(grant, "refresh_token") == 0)
		login_grant_refresh(req, resp, scope);
	else
		login_grant_code(req, resp);
	free(grant);
	free(id);
	xfree_secret(secret);
	free(scope);
}

/* Refuse with 401 InvalidAuthenticationToken. */
static int
auth_refuse(struct req *req, struct resp *resp, const char *msg)
{
	resp_error(resp, req, 401, "InvalidAuthenticationToken", "%s", msg);
	resp->www_authenticate =
	    "Bearer realm=\"\", authorization_uri=\""
	    "https://login.microsoftonline.com/common/oauth2/authorize\", "
	    "client_id=\"00000003-0000-0000-c000-000000000000\"";
	return -1;
}

/* Verify the bearer token of a Graph request; sets req->client_id. */
int
auth_check(struct req *req, struct resp *resp)
{
	const char *h = req_header(req, "Authorization"), *d1, *d2;
	struct jbuf mac;
	char *payload;
	size_t plen;
	cJSON *claims, *exp, *appid, *idtyp, *oid, *scp;
	long user;
	int ok;

	if (h == NULL || strncasecmp(h, "Bearer", 6) != 0)
		return auth_refuse(req, resp, "Access token is empty.");
	h += 6;
	while (*h == ' ')
		h++;
	if (*h == '\0')
		return auth_refuse(req, resp, "Access token is empty.");
	if ((d1 = strchr(h, '.')) == NULL || (d2 = strchr(d1 + 1, '.')) == NULL)
		return auth_refuse(req, resp,
		    "IDX14100: JWT is not well "
		    "formed, there are no dots (.).");
	jbuf_init(&mac);
	auth_sign(&mac, h, (size_t)(d2 - h));
	ok = strlen(d2 + 1) == mac.len &&
	    CRYPTO_memcmp(d2 + 1, mac.p, mac.len) == 0;
	jbuf_done(&mac);
	if (!ok)
		return auth_refuse(req, resp,
		    "Access token validation "
		    "failure. Invalid audience.");
	payload = auth_unb64(d1 + 1, (size_t)(d2 - d1 - 1), &plen);
	claims = payload != NULL ? cJSON_ParseWithLength(payload, plen) : NULL;
	free(payload);
	exp = cJSON_GetObjectItemCaseSensitive(claims, "exp");
	appid = cJSON_GetObjectItemCaseSensitive(claims, "appid");
	idtyp = cJSON_GetObjectItemCaseSensitive(claims, "idtyp");
	oid = cJSON_GetObjectItemCaseSensitive(claims, "oid");
	scp = cJSON_GetObjectItemCaseSensitive(claims, "scp");
	user = -1;
	if (cJSON_IsString(idtyp) && strcmp(idtyp->valuestring, "user") == 0) {
		if (cJSON_IsString(oid) && cJSON_IsString(scp))
			user = tenant_find_user_id(oid->valuestring);
		if (user == -1) {
			cJSON_Delete(claims);
			return auth_refuse(req, resp,
			    "Access token validation "
			    "failure. Invalid audience.");
		}
	}
	if (!cJSON_IsNumber(exp) || !cJSON_IsString(appid)) {
		cJSON_Delete(claims);
		return auth_refuse(req, resp,
		    "Access token validation "
		    "failure. Invalid audience.");
	}
	if ((int64_t)exp->valuedouble * 1000 <= clock_now()) {
		cJSON_Delete(claims);
		return auth_refuse(req, resp,
		    "Lifetime validation failed, "
		    "the token is expired.");
	}
	free(req->client_id);
	req->client_id = xstrdup(appid->valuestring);
	free(req->scopes);
	req->scopes = NULL;
	req->delegated = user != -1;
	if (req->delegated) {
		req->user = (size_t)user;
		req->scopes = xstrdup(scp->valuestring);
	}
	cJSON_Delete(claims);
	return 0;
}

/*
 * Does the request's token carry one of the delegated scopes of the
 * NULL-terminated list? An app token has every role graphsim knows.
 */
int
auth_has_scope(const struct req *req, const char *const *names)
{
	const char *p, *e;
	size_t i, len;

	if (!req->delegated)
		return 1;
	for (p = req->scopes; p != NULL && *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		e = p + strcspn(p, " ");
		len = (size_t)(e - p);
		for (i = 0; names[i] != NULL; i++) {
			if (strlen(names[i]) == len &&
			    strncasecmp(names[i], p, len) == 0)
				return 1;
		}
	}
	return 0;
}

/* Refuse a directory request for want of a scope. */
static int
auth_denied(struct req *req, struct resp *resp)
{
	resp_error(resp, req, 403, "Authorization_RequestDenied",
	    "Insufficient privileges to complete the operation.");
	return -1;
}

/* May the token read users? */
int
auth_permit_users(struct req *req, struct resp *resp)
{
	static const char *const any[] = { "User.ReadBasic.All",
		"User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
		NULL };

	return auth_has_scope(req, any) ? 0 : auth_denied(req, resp);
}

/* May the token read groups and their members? */
int
auth_permit_groups(struct req *req, struct resp *resp)
{
	static const char *const any[] = { "GroupMember.Read.All",
		"Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All",
		NULL };

	return auth_has_scope(req, any) ? 0 : auth_denied(req, resp);
}
