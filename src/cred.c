/*
 * Credentials and the access-token cache. As the application, the client
 * secret comes from the configuration (command line, environment or
 * file), or else from a secret_file or a secret_command, and tokens are
 * asked for with the client credentials grant. As a user (delegated),
 * teamtop login signs in with the device code or the authorization code
 * grant and keeps the refresh token in the state directory; each access
 * token is then asked for with it, for the least scopes the caller needs,
 * and the refresh token the answer carries replaces the stored one. Tokens
 * are kept until shortly before they expire. A struct cred has no lock:
 * each thread makes its own (as struct graph does).
 */
#include "config.h"

#include "cred.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "cfg.h"
#include "graph_error.h"
#include "graph_parse.h"
#include "http.h"
#include "log.h"
#include "state.h"
#include "xmalloc.h"

/* Renew when fewer than this many seconds remain (or 10% of the lifetime). */
#define CRED_MARGIN 300
/* The longest secret read from a file or a command. */
#define CRED_MAX_SECRET 8192
/* The longest refresh token file read. */
#define CRED_MAX_STORE 65536

/* The delegated permissions, in the order of the CRED_SCOPE_ bits. */
static const char *const cred_scope_names[] = {
	"Presence.Read",
	"Presence.Read.All",
	"Presence.ReadWrite",
	"User.ReadBasic.All",
	"GroupMember.Read.All",
};

struct cred {
	char *tenant;
	char *client_id;
	char *secret;  /* Wiped on free; NULL with a certificate. */
	EVP_PKEY *key; /* The certificate's private key, or NULL. */
	char *x5t;     /* Base64url SHA-1 thumbprint of the certificate. */
	char *x5t256;  /* Base64url SHA-256 thumbprint. */
	char *token_url;
	char *scope;

	char *token;          /* Wiped on free and on renewal. */
	long long expires_ms; /* Monotonic milliseconds. */
	long long renew_ms;   /* When to ask for a new one. */

	int delegated; /* Signed in as a user, with a refresh token. */
	char *login;   /* The authority root, e.g. login.microsoftonline.com. */
	char *graph_root;     /* Graph's root, for the scope names. */
	unsigned int scopes;  /* CRED_SCOPE_ bits access tokens ask for. */
	unsigned int granted; /* What the last one holds; cred_granted. */
	char *refused_rt;     /* A refresh token the server refused; wiped. */
	char *refused_msg; /* What was said then, said again without asking. */
};

/* Cut a secret at its first line end. */
static void
cred_first_line(char *s)
{
	s[strcspn(s, "\r\n")] = '\0';
}

/* What a file that is not a regular file is, for a message. */
static const char *
cred_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "of an unknown kind";
}

/*
 * Open a file that must be a regular file only its owner may read or
 * write: what names it in messages ("secret_file"), risk says what others
 * could see. The open never blocks (a FIFO would wait for a writer for
 * ever); a symbolic link is refused when nofollow is set. Returns the
 * descriptor, or -1 with *cause set.
 */
static int
cred_open(const char *what, const char *path, int nofollow, const char *risk,
    char **cause)
{
	struct stat sb;
	int fd, flags;

	flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
	if (nofollow)
		flags |= O_NOFOLLOW;
	if ((fd = open(path, flags)) == -1) {
		if (errno == ELOOP && nofollow)
			xasprintf(cause,
			    "%s %s: is a symbolic link; name the file itself",
			    what, path);
		else
			xasprintf(cause, "%s %s: %s", what, path,
			    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		xasprintf(cause, "%s %s: %s", what, path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s %s: not a regular file (%s)", what, path,
		    cred_file_kind(sb.st_mode));
		goto fail;
	}
	if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		xasprintf(cause,
		    "%s %s: %sreadable or writable by others (mode %03o); "
		    "run chmod 600 %s",
		    what, path, risk, (unsigned int)(sb.st_mode & 0777), path);
		goto fail;
	}
	/* A regular file: reads may block as usual again. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
fail:
	close(fd);
	return -1;
}

/*
 * Read the secret from a file that only its owner may read. Returns the
 * secret, or NULL with *cause set.
 */
static char *
cred_read_file(const char *path, char **cause)
{
	char *buf;
	ssize_t n;
	size_t len = 0;
	int fd;

	if ((fd = cred_open("secret_file", path, 1, "", cause)) == -1)
		return NULL;
	buf = xmalloc(CRED_MAX_SECRET + 1);
	while (len < CRED_MAX_SECRET) {
		n = read(fd, buf + len, CRED_MAX_SECRET - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	cred_first_line(buf);
	if (*buf == '\0') {
		xasprintf(cause, "secret_file %s: is empty", path);
		xfree_secret(buf);
		return NULL;
	}
	return buf;
}

/*
 * Run a command with /bin/sh -c and take the first line of its output as
 * the secret. The secret is never in an argument. The command's standard
 * error is captured (never written to the terminal, which curses may own)
 * and its first line is shown when the command fails.
 */
static char *
cred_run_command(const char *command, char **cause)
{
	struct sigaction sa, oldsa;
	struct pollfd pfd[2];
	char *buf, errbuf[256], sink[512];
	size_t len = 0, elen = 0;
	ssize_t n;
	pid_t pid;
	int out[2], err[2], status, devnull, i, open_fds;

	if (pipe2(out, O_CLOEXEC) != 0) {
		xasprintf(cause, "secret_command: pipe: %s", strerror(errno));
		return NULL;
	}
	if (pipe2(err, O_CLOEXEC) != 0) {
		xasprintf(cause, "secret_command: pipe: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return NULL;
	}
	/* waitpid needs SIGCHLD not to be ignored. */
	sigaction(SIGCHLD, NULL, &oldsa);
	if (oldsa.sa_handler == SIG_IGN) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGCHLD, &sa, NULL);
	}
	if ((pid = fork()) == -1) {
		xasprintf(cause, "secret_command: fork: %s", strerror(errno));
		for (i = 0; i < 2; i++) {
			close(out[i]);
			close(err[i]);
		}
		sigaction(SIGCHLD, &oldsa, NULL);
		return NULL;
	}
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		if ((devnull = open("/dev/null", O_RDONLY)) != -1)
			dup2(devnull, STDIN_FILENO);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	buf = xmalloc(CRED_MAX_SECRET + 1);
	pfd[0].fd = out[0];
	pfd[1].fd = err[0];
	pfd[0].events = pfd[1].events = POLLIN;
	open_fds = 2;
	while (open_fds > 0) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			if (i == 0 && len < CRED_MAX_SECRET)
				n = read(pfd[i].fd, buf + len,
				    CRED_MAX_SECRET - len);
			else if (i == 1 && elen < sizeof errbuf - 1)
				n = read(pfd[i].fd, errbuf + elen,
				    sizeof errbuf - 1 - elen);
			else
				n = read(pfd[i].fd, sink, sizeof sink);
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open_fds--;
				continue;
			}
			if (i == 0 && len < CRED_MAX_SECRET)
				len += (size_t)n;
			else if (i == 1 && elen < sizeof errbuf - 1)
				elen += (size_t)n;
		}
	}
	explicit_bzero(sink, sizeof sink);
	for (i = 0; i < 2; i++) {
		if (pfd[i].fd != -1)
			close(pfd[i].fd);
	}
	buf[len] = '\0';
	errbuf[elen] = '\0';
	cred_first_line(errbuf);
	for (i = 0; errbuf[i] != '\0'; i++) {
		if ((unsigned char)errbuf[i] < 0x20 || errbuf[i] == 0x7f)
			errbuf[i] = '?';
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (oldsa.sa_handler == SIG_IGN)
		sigaction(SIGCHLD, &oldsa, NULL);
	cred_first_line(buf);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status))
			xasprintf(cause,
			    "secret_command failed with exit "
			    "status %d%s%s",
			    WEXITSTATUS(status), *errbuf != '\0' ? ": " : "",
			    errbuf);
		else
			xasprintf(cause,
			    "secret_command was killed by signal "
			    "%d",
			    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		xfree_secret(buf);
		return NULL;
	}
	if (*buf == '\0') {
		xasprintf(cause, "secret_command printed no secret%s%s",
		    *errbuf != '\0' ? ": " : "", errbuf);
		xfree_secret(buf);
		return NULL;
	}
	return buf;
}

/* Base64url without padding. */
static char *
cred_b64url(const unsigned char *data, size_t len)
{
	char *out, *p;
	int n;

	out = xmalloc(4 * ((len + 2) / 3) + 1);
	n = EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	out[n] = '\0';
	for (p = out; *p != '\0'; p++) {
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=') {
			*p = '\0';
			break;
		}
	}
	return out;
}

/*
 * Load a PEM file with a certificate and its RSA private key, refusing it
 * when others may read it.
 */
static int
cred_load_certificate(struct cred *c, const char *path, char **cause)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	X509 *cert = NULL;
	FILE *f;
	int fd, rc = -1;

	fd = cred_open("certificate", path, 0, "holds a private key but is ",
	    cause);
	if (fd == -1)
		return -1;
	if ((f = fdopen(fd, "r")) == NULL) {
		xasprintf(cause, "certificate %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	cert = PEM_read_X509(f, NULL, NULL, NULL);
	rewind(f);
	c->key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (cert == NULL) {
		xasprintf(cause, "certificate %s: no PEM certificate found",
		    path);
		goto out;
	}
	if (c->key == NULL) {
		xasprintf(cause,
		    "certificate %s: no unencrypted PEM private key "
		    "found",
		    path);
		goto out;
	}
	if (EVP_PKEY_base_id(c->key) != EVP_PKEY_RSA) {
		xasprintf(cause, "certificate %s: the private key must be RSA",
		    path);
		goto out;
	}
	if (X509_digest(cert, EVP_sha1(), md, &mdlen) != 1)
		goto digest;
	c->x5t = cred_b64url(md, mdlen);
	if (X509_digest(cert, EVP_sha256(), md, &mdlen) != 1)
		goto digest;
	c->x5t256 = cred_b64url(md, mdlen);
	rc = 0;
	goto out;
digest:
	xasprintf(cause, "certificate %s: cannot compute its thumbprint", path);
out:
	X509_free(cert);
	if (rc != 0) {
		EVP_PKEY_free(c->key);
		c->key = NULL;
	}
	return rc;
}

/*
 * Make a signed client assertion (a JWT, PS256) for the token endpoint.
 * Returns NULL with *cause set when signing fails.
 */
static char *
cred_assertion(struct cred *c, char **cause)
{
	cJSON *hdr, *claims;
	EVP_MD_CTX *ctx = NULL;
	EVP_PKEY_CTX *pctx;
	unsigned char *sig = NULL;
	size_t siglen = 0;
	char *h = NULL, *p = NULL, *eh, *ep, *input, *esig, *jwt = NULL;
	char jti[37];
	time_t now = time(NULL);

	hdr = cJSON_CreateObject();
	cJSON_AddStringToObject(hdr, "alg", "PS256");
	cJSON_AddStringToObject(hdr, "typ", "JWT");
	cJSON_AddStringToObject(hdr, "x5t#S256", c->x5t256);
	cJSON_AddStringToObject(hdr, "x5t", c->x5t);
	http_uuid(jti);
	claims = cJSON_CreateObject();
	cJSON_AddStringToObject(claims, "aud", c->token_url);
	cJSON_AddStringToObject(claims, "iss", c->client_id);
	cJSON_AddStringToObject(claims, "sub", c->client_id);
	cJSON_AddStringToObject(claims, "jti", jti);
	cJSON_AddNumberToObject(claims, "nbf", (double)now);
	cJSON_AddNumberToObject(claims, "iat", (double)now);
	cJSON_AddNumberToObject(claims, "exp", (double)(now + 600));
	h = cJSON_PrintUnformatted(hdr);
	p = cJSON_PrintUnformatted(claims);
	cJSON_Delete(hdr);
	cJSON_Delete(claims);
	eh = cred_b64url((unsigned char *)h, strlen(h));
	ep = cred_b64url((unsigned char *)p, strlen(p));
	xasprintf(&input, "%s.%s", eh, ep);
	free(eh);
	free(ep);
	cJSON_free(h);
	cJSON_free(p);

	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, c->key) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) !=
	        1 ||
	    EVP_DigestSign(ctx, NULL, &siglen, (unsigned char *)input,
	        strlen(input)) != 1)
		goto fail;
	sig = xmalloc(siglen);
	if (EVP_DigestSign(ctx, sig, &siglen, (unsigned char *)input,
	        strlen(input)) != 1)
		goto fail;
	esig = cred_b64url(sig, siglen);
	xasprintf(&jwt, "%s.%s", input, esig);
	free(esig);
	goto out;
fail:
	*cause = xstrdup("cannot sign the client assertion with the "
	                 "certificate's key");
out:
	EVP_MD_CTX_free(ctx);
	free(sig);
	free(input);
	return jwt;
}

/* Make the credentials from the configuration. */
struct cred *
cred_new(const struct cfg *cfg, char **cause)
{
	struct cred *c;
	const char *login, *graph;
	char *secret = NULL;
	int has_secret, has_cert, delegated;

	delegated = cfg_delegated(cfg);
	if (!delegated && (cfg->tenant == NULL || *cfg->tenant == '\0')) {
		*cause = xstrdup("no tenant: set tenant in the configuration, "
		                 "AZURE_TENANT_ID or --tenant");
		return NULL;
	}
	if (cfg->client_id == NULL || *cfg->client_id == '\0') {
		*cause = xstrdup("no application: set client_id in the "
		                 "configuration, AZURE_CLIENT_ID or "
		                 "--client-id");
		return NULL;
	}
	login = cfg->login_url != NULL ? cfg->login_url
	                               : "https://login.microsoftonline.com";
	graph = cfg->graph_url != NULL ? cfg->graph_url
	                               : "https://graph.microsoft.com";
	if (strncasecmp(login, "http://", 7) == 0 &&
	    !http_url_is_loopback(login)) {
		xasprintf(cause,
		    "login_url %s: refusing to send the client "
		    "credentials over plain http; use https",
		    login);
		return NULL;
	}
	if (delegated) {
		c = xcalloc(1, sizeof *c);
		c->delegated = 1;
		/* Any work or school account's own tenant, when none is set. */
		c->tenant = xstrdup(cfg->tenant != NULL && *cfg->tenant != '\0'
		        ? cfg->tenant
		        : "organizations");
		c->client_id = xstrdup(cfg->client_id);
		c->login = xstrdup(login);
		c->graph_root = xstrdup(graph);
		xasprintf(&c->token_url, "%s/%s/oauth2/v2.0/token", login,
		    c->tenant);
		return c;
	}

	/*
	 * The command line and the environment beat the file; in the file a
	 * secret beats a certificate.
	 */
	has_secret = cfg->client_secret != NULL && *cfg->client_secret != '\0';
	has_cert = cfg->certificate_path != NULL;
	if (has_secret && cfg->secret_source > CFG_SOURCE_FILE)
		secret = xstrdup(cfg->client_secret);
	else if (has_cert && cfg->certificate_source > CFG_SOURCE_FILE)
		secret = NULL;
	else if (has_secret)
		secret = xstrdup(cfg->client_secret);
	else if (cfg->secret_file != NULL) {
		if ((secret = cred_read_file(cfg->secret_file, cause)) == NULL)
			return NULL;
	} else if (cfg->secret_command != NULL) {
		secret = cred_run_command(cfg->secret_command, cause);
		if (secret == NULL)
			return NULL;
	} else if (!has_cert) {
		*cause = xstrdup("no client secret: set AZURE_CLIENT_SECRET, "
		                 "AZURE_CLIENT_CERTIFICATE_PATH, or "
		                 "secret_file or secret_command in the "
		                 "configuration; or sign in as yourself with "
		                 "--auth delegated and 'teamtop login'");
		return NULL;
	}
	/* Otherwise the certificate is loaded below, once c exists. */

	c = xcalloc(1, sizeof *c);
	c->tenant = xstrdup(cfg->tenant);
	c->client_id = xstrdup(cfg->client_id);
	c->secret = secret;
	xasprintf(&c->token_url, "%s/%s/oauth2/v2.0/token", login, c->tenant);
	xasprintf(&c->scope, "%s/.default", graph);
	if (secret == NULL &&
	    cred_load_certificate(c, cfg->certificate_path, cause) != 0) {
		cred_free(c);
		return NULL;
	}
	return c;
}

/* Free the credentials, wiping the secret and the token. */
void
cred_free(struct cred *c)
{
	if (c == NULL)
		return;
	free(c->tenant);
	free(c->client_id);
	xfree_secret(c->secret);
	EVP_PKEY_free(c->key);
	free(c->x5t);
	free(c->x5t256);
	free(c->token_url);
	free(c->scope);
	xfree_secret(c->token);
	free(c->login);
	free(c->graph_root);
	xfree_secret(c->refused_rt);
	free(c->refused_msg);
	free(c);
}

/* Forget the cached token. */
void
cred_invalidate(struct cred *c)
{
	xfree_secret(c->token);
	c->token = NULL;
	c->expires_ms = c->renew_ms = 0;
}

/* Seconds until the cached token expires, or -1 when there is none. */
long
cred_expires_in(const struct cred *c)
{
	long long left;

	if (c->token == NULL)
		return -1;
	left = c->expires_ms - http_now_ms();
	return left > 0 ? (long)(left / 1000) : 0;
}

/* Append one form field, percent-encoded. */
static void
cred_form_add(char **buf, size_t *len, size_t *cap, const char *name,
    const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t need;
	char *nb;

	need = *len + strlen(name) + 3 * strlen(value) + 3;
	if (need > *cap) {
		/* Grow by copying, wiping the old buffer. */
		nb = xmalloc(need * 2);
		if (*buf != NULL) {
			memcpy(nb, *buf, *len);
			explicit_bzero(*buf, *cap);
			free(*buf);
		}
		*buf = nb;
		*cap = need * 2;
	}
	if (*len > 0)
		(*buf)[(*len)++] = '&';
	memcpy(*buf + *len, name, strlen(name));
	*len += strlen(name);
	(*buf)[(*len)++] = '=';
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			(*buf)[(*len)++] = (char)*p;
		else {
			(*buf)[(*len)++] = '%';
			(*buf)[(*len)++] = hex[*p >> 4];
			(*buf)[(*len)++] = hex[*p & 15];
		}
	}
	(*buf)[*len] = '\0';
}

/* Copy text from the server for a message: one line, printable, short. */
static char *
cred_clean(const struct cred *c, const char *s)
{
	char *out, *p, *hit;
	size_t i, n;

	n = strcspn(s, "\r\n");
	/* Entra appends trace and correlation ids: not for the user. */
	if ((hit = strstr(s, " Trace ID:")) != NULL && (size_t)(hit - s) < n)
		n = (size_t)(hit - s);
	if (n > 300)
		n = 300;
	out = xstrndup(s, n);
	for (i = 0; out[i] != '\0'; i++) {
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
	}
	/* Never repeat the secret, should the server echo it. */
	if (c->secret != NULL && *c->secret != '\0') {
		while ((hit = strstr(out, c->secret)) != NULL) {
			for (p = hit; p < hit + strlen(c->secret); p++)
				*p = '*';
		}
	}
	return out;
}

/* Is a token made only of the characters a bearer token may hold? */
static int
cred_token_ok(const char *t)
{
	const char *p;

	for (p = t; *p != '\0'; p++) {
		if ((*p < 'a' || *p > 'z') && (*p < 'A' || *p > 'Z') &&
		    (*p < '0' || *p > '9') && strchr("-._~+/=", *p) == NULL)
			return 0;
	}
	return p != t;
}

/* The AADSTS number of a token error, from error_codes or the text. */
static long
cred_aadsts(const struct token_response *tr, const char *desc)
{
	const char *p;

	if (tr->error_code > 0)
		return tr->error_code;
	if (desc != NULL && (p = strstr(desc, "AADSTS")) != NULL)
		return strtol(p + 6, NULL, 10);
	return 0;
}

/* What to do about the usual sign-in refusals. */
static const char *
cred_hint(long aadsts)
{
	switch (aadsts) {
	case 7000215:
		return "Check the client secret (the value, not its id).";
	case 7000222:
		return "The client secret has expired: create a new one.";
	case 700016:
		return "Check client_id, and that the application is in this "
		       "tenant.";
	case 90002:
	case 900023:
		return "Check the tenant.";
	case 500011:
		return "Check graph_url and cloud.";
	case 7000218:
		return "The client secret was not sent.";
	}
	return NULL;
}

/* Keep a new token for lifetime seconds, and when to renew it. */
static void
cred_keep(struct cred *c, const char *token, long long lifetime)
{
	long long now, margin;

	xfree_secret(c->token);
	c->token = xstrdup(token);
	now = http_now_ms();
	margin = lifetime * 100; /* 10%, in milliseconds. */
	if (margin > CRED_MARGIN * 1000LL)
		margin = CRED_MARGIN * 1000LL;
	c->expires_ms = now + lifetime * 1000;
	c->renew_ms = c->expires_ms - margin;
	log_debug("cred: new access token, lifetime %lld s", lifetime);
}

/* Fill err from a refusal of the token endpoint. */
static void
cred_refused(const struct cred *c, long status, const struct token_response *tr,
    struct graph_error *err)
{
	enum graph_err_kind kind;
	char *desc = NULL, *ecode;
	const char *hint;
	long aad;

	if (tr->error_description != NULL)
		desc = cred_clean(c, tr->error_description);
	if (status == 429 || status >= 500 ||
	    (tr->error != NULL &&
	        strcmp(tr->error, "temporarily_unavailable") == 0))
		kind = GRAPH_ERR_NETWORK;
	else
		kind = GRAPH_ERR_AUTH;
	ecode = tr->error != NULL ? cred_clean(c, tr->error) : NULL;
	aad = cred_aadsts(tr, desc);
	hint = cred_hint(aad);
	if (desc == NULL && aad != 0)
		xasprintf(&desc, "AADSTS%ld", aad);
	if (kind == GRAPH_ERR_NETWORK) {
		graph_error_set(err, kind,
		    "sign-in failed: the token endpoint answered %ld%s%s%s%s",
		    status, ecode != NULL ? " " : "",
		    ecode != NULL ? ecode : "", desc != NULL ? ": " : "",
		    desc != NULL ? desc : "");
	} else {
		graph_error_set(err, kind,
		    "sign-in refused for application %s in tenant %s (%s): "
		    "%s%s%s",
		    c->client_id, c->tenant,
		    ecode != NULL ? ecode : "no error code",
		    desc != NULL ? desc : "no description",
		    hint == NULL ? ""
		        : (desc != NULL && *desc != '\0' &&
		              desc[strlen(desc) - 1] == '.')
		        ? " "
		        : ". ",
		    hint != NULL ? hint : "");
	}
	err->status = status;
	err->code = ecode;
	free(desc);
}

/* Read the token answer: 0 with the token kept, or -1 with err filled. */
static int
cred_parse(struct cred *c, const struct http_response *resp,
    struct graph_error *err)
{
	struct token_response tr;
	int rc = -1;

	if (graph_parse_token(resp->body, resp->len, &tr, NULL) != 0 &&
	    resp->status == 200) {
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "the token endpoint answered without an access_token");
		err->status = resp->status;
	} else if (resp->status != 200)
		cred_refused(c, resp->status, &tr, err);
	else if (!cred_token_ok(tr.access_token)) {
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "the token endpoint answered a malformed access_token");
		err->status = resp->status;
	} else {
		cred_keep(c, tr.access_token,
		    tr.expires_in > 0 ? tr.expires_in : 3600);
		rc = 0;
	}
	token_response_done(&tr);
	return rc;
}

/* Is the credential a user's (delegated)? */
int
cred_delegated(const struct cred *c)
{
	return c->delegated;
}

/* Ask for these scopes from the next delegated access token on. */
void
cred_set_scopes(struct cred *c, unsigned int scopes)
{
	if (scopes != c->scopes && c->token != NULL)
		cred_invalidate(c);
	c->scopes = scopes;
}

/* The scope parameter: offline_access (when asked) and Graph's names. */
static char *
cred_scope_text(const struct cred *c, unsigned int bits, int offline)
{
	char *s = xstrdup(offline ? "offline_access" : ""), *t;
	size_t i;

	if (bits == 0)
		bits = CRED_SCOPE_LOGIN;
	for (i = 0; i < sizeof cred_scope_names / sizeof cred_scope_names[0];
	     i++) {
		if (!(bits & (1U << i)))
			continue;
		xasprintf(&t, "%s%s%s/%s", s, *s != '\0' ? " " : "",
		    c->graph_root, cred_scope_names[i]);
		free(s);
		s = t;
	}
	return s;
}

/* The scopes of bits by their short names, for messages. */
char *
cred_scope_words(unsigned int bits)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < sizeof cred_scope_names / sizeof cred_scope_names[0];
	     i++) {
		if (!(bits & (1U << i)))
			continue;
		xasprintf(&t, "%s%s%s", s, *s != '\0' ? ", " : "",
		    cred_scope_names[i]);
		free(s);
		s = t;
	}
	return s;
}

/*
 * The CRED_SCOPE_ bits of a token answer's scope list (space-separated,
 * each bare or under Graph's root), with CRED_SCOPE_KNOWN; 0 for none.
 */
static unsigned int
cred_scope_bits(const char *scope)
{
	const char *p, *e, *name;
	unsigned int bits = CRED_SCOPE_KNOWN;
	size_t i, n;

	if (scope == NULL || *scope == '\0')
		return 0;
	for (p = scope; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		e = p + strcspn(p, " ");
		for (name = e; name > p && name[-1] != '/'; name--)
			continue;
		n = (size_t)(e - name);
		for (i = 0;
		     i < sizeof cred_scope_names / sizeof cred_scope_names[0];
		     i++) {
			if (strlen(cred_scope_names[i]) == n &&
			    strncasecmp(name, cred_scope_names[i], n) == 0)
				bits |= 1U << i;
		}
	}
	return bits;
}

/* The scopes the last delegated access token holds. */
unsigned int
cred_granted(const struct cred *c)
{
	return c->granted;
}

/* The flows of a delegated sign-in, for what their refusals mean. */
enum cred_flow {
	CRED_FLOW_DEVICE,
	CRED_FLOW_CODE,
	CRED_FLOW_REFRESH
};

/* Is an AADSTS number a Conditional Access refusal? */
static int
cred_aadsts_ca(long aad)
{
	return aad == 53000 || aad == 53001 || aad == 53002 || aad == 53003 ||
	    aad == 530032 || aad == 530033 || aad == 530034 || aad == 530035;
}

/*
 * What a refusal of a delegated sign-in means, in words, from the OAuth
 * error and the AADSTS number; NULL when there is nothing better than the
 * server's own description.
 */
static const char *
cred_signin_words(const struct cred *c, enum cred_flow flow, const char *error,
    long aad)
{
	(void)c;
	if (cred_aadsts_ca(aad)) {
		if (flow == CRED_FLOW_DEVICE)
			return "your organisation's Conditional Access policy "
			       "blocks signing in with a device code; sign in "
			       "with a browser instead: teamtop login --browser";
		return "your organisation's Conditional Access policy "
		       "blocked the sign-in";
	}
	switch (aad) {
	case 90002:
	case 900023:
	case 90072:
		return "the tenant is wrong: no such tenant (check tenant, "
		       "and cloud)";
	case 700016:
		return "the application is unknown: client_id is not an "
		       "application of this tenant (check client_id and "
		       "tenant)";
	case 65001:
		return "consent is missing: neither you nor an administrator "
		       "has granted teamtop's permissions to the application "
		       "(an administrator can grant them for everyone under "
		       "API permissions)";
	case 65004:
		return "the sign-in was cancelled: the user declined it";
	case 70019:
	case 70020:
		return "the code expired before the sign-in was completed; "
		       "run teamtop login again";
	case 7000218:
	case 7000216:
		return "the application does not allow public client flows: "
		       "in its registration, under Authentication, set "
		       "'Allow public client flows' to Yes";
	case 700024:
	case 500133:
	case 50058:
		return "a time is out of range: check this computer's clock "
		       "(clock skew)";
	case 50011:
		return "the redirect URI is not registered: add "
		       "http://localhost as a Mobile and desktop "
		       "applications redirect URI of the application";
	case 501481:
	case 50148:
		return "the PKCE code verifier did not match";
	case 54005:
		return "the code was used already";
	case 70011:
		return "the permissions asked for are not valid for this "
		       "application";
	case 50076:
	case 50079:
	case 50074:
	case 50158:
		return "the sign-in must be completed interactively "
		       "(multi-factor or a policy): sign in again with "
		       "teamtop login";
	}
	if (error == NULL)
		return NULL;
	if (strcmp(error, "authorization_declined") == 0 ||
	    strcmp(error, "access_denied") == 0)
		return "the sign-in was cancelled: the user declined it";
	if (strcmp(error, "expired_token") == 0)
		return "the code expired before the sign-in was completed; "
		       "run teamtop login again";
	if (strcmp(error, "bad_verification_code") == 0)
		return "the sign-in service did not recognise the device code";
	if (flow == CRED_FLOW_REFRESH &&
	    (strcmp(error, "invalid_grant") == 0 ||
	        strcmp(error, "interaction_required") == 0))
		return "your sign-in is no longer accepted (it expired or was "
		       "revoked); sign in again with teamtop login";
	if (strcmp(error, "consent_required") == 0)
		return "consent is missing for the permissions teamtop asks "
		       "for";
	return NULL;
}

/*
 * Fill err from a refusal of a delegated sign-in: the cause in words, the
 * error and AADSTS number, the correlation id; never a token.
 */
static void
cred_signin_refused(const struct cred *c, enum cred_flow flow, long status,
    const struct token_response *tr, struct graph_error *err)
{
	const char *words;
	char *desc = NULL, *ecode = NULL, *cid = NULL, *aadtext = NULL;
	long aad;

	if (tr->error_description != NULL)
		desc = cred_clean(c, tr->error_description);
	if (tr->error != NULL)
		ecode = cred_clean(c, tr->error);
	if (tr->correlation_id != NULL)
		cid = cred_clean(c, tr->correlation_id);
	aad = cred_aadsts(tr, desc);
	if (aad != 0)
		xasprintf(&aadtext, ", AADSTS%ld", aad);
	if (status == 429 || status >= 500 ||
	    (ecode != NULL && strcmp(ecode, "temporarily_unavailable") == 0)) {
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "sign-in failed: the sign-in service answered %ld%s%s%s%s",
		    status, desc != NULL ? ": " : "", desc != NULL ? desc : "",
		    cid != NULL ? "; correlation id " : "",
		    cid != NULL ? cid : "");
	} else {
		words = cred_signin_words(c, flow, ecode, aad);
		graph_error_set(err, GRAPH_ERR_AUTH, "%s (%s%s%s%s)",
		    words != NULL ? words
		                  : (desc != NULL ? desc : "sign-in refused"),
		    ecode != NULL ? ecode : "no error code",
		    aadtext != NULL ? aadtext : "",
		    cid != NULL ? ", correlation id " : "",
		    cid != NULL ? cid : "");
	}
	free(desc);
	free(ecode);
	free(cid);
	free(aadtext);
}

/* POST a form to url; 0 with resp, or -1 with err when no answer came. */
static int
cred_post(struct cred *c, struct http *h, const char *url, const char *body,
    size_t len, const char *secret, struct http_response *resp,
    struct graph_error *err)
{
	struct http_request req;
	char *cause = NULL;

	(void)c;
	memset(&req, 0, sizeof req);
	req.method = "POST";
	req.url = url;
	req.body = body;
	req.body_len = len;
	req.content_type = "application/x-www-form-urlencoded";
	req.secret = secret;
	if (http_perform(h, &req, resp, &cause) != 0) {
		graph_error_set(err,
		    resp->refused ? GRAPH_ERR_USAGE : GRAPH_ERR_NETWORK,
		    "sign-in failed: %s", cause != NULL ? cause : "no answer");
		err->throttled = resp->throttled;
		free(cause);
		http_response_done(resp);
		return -1;
	}
	return 0;
}

/* Wipe and free a form body. */
static void
cred_form_free(char *body, size_t cap)
{
	if (body != NULL)
		explicit_bzero(body, cap);
	free(body);
}

/* Does the stored sign-in's member name say want (ignoring case)? */
static int
cred_store_same(const cJSON *root, const char *name, const char *want)
{
	const char *got;

	got =
	    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, name));
	return got != NULL && strcasecmp(got, want) == 0;
}

/*
 * Read the stored refresh token, refusing one kept for another authority,
 * tenant or application (it is never sent elsewhere than where it came
 * from). 0 with *rt, or -1 with err.
 */
static int
cred_store_load(const struct cred *c, char **rt, struct graph_error *err)
{
	const char *v;
	char *text, *cause = NULL, path[4096];
	cJSON *root;
	size_t len = 0;
	int ok;

	*rt = NULL;
	if (state_path(CRED_TOKEN_FILE, path, sizeof path) == NULL)
		snprintf(path, sizeof path, "%s", CRED_TOKEN_FILE);
	text = state_read(CRED_TOKEN_FILE, CRED_MAX_STORE, &len, &cause);
	if (text == NULL && cause == NULL) {
		graph_error_set(err, GRAPH_ERR_AUTH,
		    "not signed in: run teamtop login to sign in as yourself "
		    "(or configure a client secret or certificate to sign in "
		    "as the application)");
		return -1;
	}
	if (text == NULL) {
		graph_error_set(err, GRAPH_ERR_AUTH,
		    "the stored sign-in cannot be used: %s", cause);
		free(cause);
		return -1;
	}
	root = cJSON_ParseWithLength(text, len);
	explicit_bzero(text, len);
	free(text);
	v = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(root, "refresh_token"));
	if (v == NULL || *v == '\0') {
		graph_error_set(err, GRAPH_ERR_AUTH,
		    "%s: not a sign-in teamtop can read; run teamtop login",
		    path);
		goto out;
	}
	ok = cred_store_same(root, "authority", c->login) &&
	    cred_store_same(root, "tenant", c->tenant) &&
	    cred_store_same(root, "client_id", c->client_id);
	if (!ok) {
		graph_error_set(err, GRAPH_ERR_AUTH,
		    "the stored sign-in is for another application, tenant or "
		    "cloud; run teamtop login to sign in for client %s in "
		    "tenant %s",
		    c->client_id, c->tenant);
		goto out;
	}
	*rt = xstrdup(v);
out:
	if (root != NULL) {
		/* Wipe the token inside the tree before freeing it. */
		v = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(root, "refresh_token"));
		if (v != NULL)
			explicit_bzero((char *)v, strlen(v));
	}
	cJSON_Delete(root);
	return *rt != NULL ? 0 : -1;
}

/* Keep a refresh token in the state directory (0600), replacing the old. */
static int
cred_store_save(const struct cred *c, const char *rt, char **cause)
{
	cJSON *root;
	char *text, when[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "authority", c->login);
	cJSON_AddStringToObject(root, "tenant", c->tenant);
	cJSON_AddStringToObject(root, "client_id", c->client_id);
	cJSON_AddStringToObject(root, "saved", when);
	cJSON_AddStringToObject(root, "refresh_token", rt);
	text = cJSON_Print(root);
	explicit_bzero(cJSON_GetStringValue(
	                   cJSON_GetObjectItemCaseSensitive(root,
	                       "refresh_token")),
	    strlen(rt));
	cJSON_Delete(root);
	if (text == NULL)
		fatal("out of memory");
	rc = state_write(CRED_TOKEN_FILE, text, strlen(text), cause);
	explicit_bzero(text, strlen(text));
	cJSON_free(text);
	return rc;
}

/* Is there a stored sign-in (a refresh token file, whatever its state)? */
int
cred_signed_in(void)
{
	char path[4096];
	struct stat sb;

	return state_path(CRED_TOKEN_FILE, path, sizeof path) != NULL &&
	    lstat(path, &sb) == 0;
}

/* Forget the stored sign-in: 1 removed, 0 there was none, -1 failed. */
int
cred_logout(char **cause)
{
	return state_remove(CRED_TOKEN_FILE, cause);
}

/*
 * Take the tokens of a delegated sign-in: keep the access token and store
 * the refresh token (a new one replaces the old; must is set when there
 * has to be one, after an interactive sign-in). 0, or -1 with err.
 */
static int
cred_accept(struct cred *c, const struct token_response *tr, int must,
    struct graph_error *err)
{
	char *cause = NULL;

	if (!cred_token_ok(tr->access_token)) {
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "the sign-in service answered a malformed access_token");
		return -1;
	}
	if (tr->refresh_token == NULL || *tr->refresh_token == '\0') {
		if (must) {
			graph_error_set(err, GRAPH_ERR_AUTH,
			    "the sign-in service answered no refresh token "
			    "(offline_access was not granted)");
			return -1;
		}
	} else if (cred_store_save(c, tr->refresh_token, &cause) != 0) {
		if (must) {
			graph_error_set(err, GRAPH_ERR_AUTH,
			    "signed in, but the sign-in cannot be kept: %s",
			    cause);
			free(cause);
			return -1;
		}
		log_debug("cred: the new refresh token was not kept: %s",
		    cause);
		free(cause);
	} else
		log_debug("cred: refresh token %s", must ? "kept" : "rotated");
	cred_keep(c, tr->access_token,
	    tr->expires_in > 0 ? tr->expires_in : 3600);
	c->granted = cred_scope_bits(tr->scope);
	xfree_secret(c->refused_rt);
	c->refused_rt = NULL;
	return 0;
}

/*
 * An access token from the stored refresh token. A refresh token the
 * server refused is not sent again: the same message comes back at once,
 * until another one is stored (teamtop login elsewhere).
 */
static const char *
cred_token_delegated(struct cred *c, struct http *h, struct graph_error *err)
{
	struct http_response resp;
	struct token_response tr;
	char *rt, *body = NULL, *scope;
	size_t len = 0, cap = 0;
	int rc;

	if (cred_store_load(c, &rt, err) != 0) {
		cred_invalidate(c);
		return NULL;
	}
	if (c->refused_rt != NULL && strcmp(rt, c->refused_rt) == 0) {
		xfree_secret(rt);
		cred_invalidate(c);
		graph_error_set(err, GRAPH_ERR_AUTH, "%s", c->refused_msg);
		return NULL;
	}
	scope = cred_scope_text(c, c->scopes, 1);
	cred_form_add(&body, &len, &cap, "grant_type", "refresh_token");
	cred_form_add(&body, &len, &cap, "client_id", c->client_id);
	cred_form_add(&body, &len, &cap, "refresh_token", rt);
	cred_form_add(&body, &len, &cap, "scope", scope);
	free(scope);
	rc = cred_post(c, h, c->token_url, body, len, "the refresh token",
	    &resp, err);
	cred_form_free(body, cap);
	if (rc != 0) {
		xfree_secret(rt);
		if (c->token != NULL && http_now_ms() < c->expires_ms &&
		    err->kind == GRAPH_ERR_NETWORK) {
			graph_error_done(err);
			return c->token;
		}
		cred_invalidate(c);
		return NULL;
	}
	graph_parse_token(resp.body, resp.len, &tr, NULL);
	if (resp.status == 200 && tr.access_token != NULL)
		rc = cred_accept(c, &tr, 0, err);
	else if (resp.status == 200) {
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "the sign-in service answered without an access_token");
		rc = -1;
	} else {
		cred_signin_refused(c, CRED_FLOW_REFRESH, resp.status, &tr,
		    err);
		rc = -1;
		if (err->kind == GRAPH_ERR_AUTH) {
			xfree_secret(c->refused_rt);
			c->refused_rt = xstrdup(rt);
			free(c->refused_msg);
			c->refused_msg = xstrdup(err->message);
		}
	}
	err->throttled = resp.throttled;
	token_response_done(&tr);
	explicit_bzero(resp.body, resp.len);
	http_response_done(&resp);
	xfree_secret(rt);
	if (rc != 0) {
		cred_invalidate(c);
		return NULL;
	}
	return c->token;
}

/* Start a device code sign-in. */
int
cred_device_start(struct cred *c, struct http *h,
    struct device_code_response *dc, struct graph_error *err)
{
	struct http_response resp;
	struct token_response tr;
	char *body = NULL, *scope, *url, *cause = NULL;
	size_t len = 0, cap = 0;
	int rc = -1;

	memset(dc, 0, sizeof *dc);
	scope = cred_scope_text(c, CRED_SCOPE_LOGIN, 1);
	cred_form_add(&body, &len, &cap, "client_id", c->client_id);
	cred_form_add(&body, &len, &cap, "scope", scope);
	free(scope);
	xasprintf(&url, "%s/%s/oauth2/v2.0/devicecode", c->login, c->tenant);
	if (cred_post(c, h, url, body, len, NULL, &resp, err) != 0)
		goto out;
	if (resp.status == 200) {
		if (graph_parse_device_code(resp.body, resp.len, dc, &cause) !=
		        0 ||
		    dc->user_code == NULL || dc->verification_uri == NULL) {
			graph_error_set(err, GRAPH_ERR_NETWORK,
			    "the sign-in service answered no device code: %s",
			    cause != NULL ? cause : "no user_code");
			free(cause);
			device_code_response_done(dc);
		} else
			rc = 0;
	} else {
		graph_parse_token(resp.body, resp.len, &tr, NULL);
		cred_signin_refused(c, CRED_FLOW_DEVICE, resp.status, &tr, err);
		token_response_done(&tr);
	}
	explicit_bzero(resp.body, resp.len);
	http_response_done(&resp);
out:
	cred_form_free(body, cap);
	free(url);
	return rc;
}

/* Redeem a grant at the token endpoint: the tokens, or what refused them. */
static enum cred_poll
cred_redeem(struct cred *c, struct http *h, enum cred_flow flow,
    const char *body, size_t len, const char *secret, struct graph_error *err)
{
	struct http_response resp;
	struct token_response tr;
	enum cred_poll rc = CRED_POLL_FAILED;
	long aad;

	if (cred_post(c, h, c->token_url, body, len, secret, &resp, err) != 0)
		return CRED_POLL_FAILED;
	graph_parse_token(resp.body, resp.len, &tr, NULL);
	aad = cred_aadsts(&tr, tr.error_description);
	if (resp.status == 200 && tr.access_token != NULL) {
		if (cred_accept(c, &tr, 1, err) == 0)
			rc = CRED_POLL_DONE;
	} else if (resp.status == 200)
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "the sign-in service answered without an access_token");
	else if (flow == CRED_FLOW_DEVICE && tr.error != NULL &&
	    strcmp(tr.error, "authorization_pending") == 0)
		rc = CRED_POLL_PENDING;
	else if (flow == CRED_FLOW_DEVICE &&
	    ((tr.error != NULL && strcmp(tr.error, "slow_down") == 0) ||
	        aad == 50196))
		rc = CRED_POLL_SLOW_DOWN;
	else
		cred_signin_refused(c, flow, resp.status, &tr, err);
	token_response_done(&tr);
	explicit_bzero(resp.body, resp.len);
	http_response_done(&resp);
	return rc;
}

/* Poll the token endpoint once for a device code. */
enum cred_poll
cred_device_poll(struct cred *c, struct http *h, const char *device_code,
    struct graph_error *err)
{
	enum cred_poll rc;
	char *body = NULL;
	size_t len = 0, cap = 0;

	cred_form_add(&body, &len, &cap, "grant_type",
	    "urn:ietf:params:oauth:grant-type:device_code");
	cred_form_add(&body, &len, &cap, "client_id", c->client_id);
	cred_form_add(&body, &len, &cap, "device_code", device_code);
	rc = cred_redeem(c, h, CRED_FLOW_DEVICE, body, len, "the device code",
	    err);
	cred_form_free(body, cap);
	return rc;
}

/* Make a PKCE verifier (43 base64url characters) and its S256 challenge. */
void
cred_pkce(char *verifier, size_t vlen, char *challenge, size_t clen)
{
	unsigned char raw[32], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *v, *ch;

	if (RAND_bytes(raw, sizeof raw) != 1)
		fatal("cannot make a random PKCE verifier");
	v = cred_b64url(raw, sizeof raw);
	explicit_bzero(raw, sizeof raw);
	if (EVP_Digest(v, strlen(v), md, &mdlen, EVP_sha256(), NULL) != 1)
		fatal("cannot hash the PKCE verifier");
	ch = cred_b64url(md, mdlen);
	snprintf(verifier, vlen, "%s", v);
	snprintf(challenge, clen, "%s", ch);
	xfree_secret(v);
	free(ch);
}

/* Make a random state for an authorization request. */
void
cred_random_state(char *state, size_t len)
{
	unsigned char raw[16];
	char *s;

	if (RAND_bytes(raw, sizeof raw) != 1)
		fatal("cannot make a random state");
	s = cred_b64url(raw, sizeof raw);
	snprintf(state, len, "%s", s);
	free(s);
}

/* Append name=value (percent-encoded) to a URL's query. */
static void
cred_query_add(char **url, const char *name, const char *value)
{
	char *buf = NULL, *t;
	size_t len = 0, cap = 0;

	cred_form_add(&buf, &len, &cap, name, value);
	xasprintf(&t, "%s%c%s", *url, strchr(*url, '?') != NULL ? '&' : '?',
	    buf);
	free(*url);
	free(buf);
	*url = t;
}

/* The address of the authorization request of the code grant with PKCE. */
char *
cred_authorize_url(const struct cred *c, const char *redirect_uri,
    const char *state, const char *challenge)
{
	char *url, *scope;

	xasprintf(&url, "%s/%s/oauth2/v2.0/authorize", c->login, c->tenant);
	scope = cred_scope_text(c, CRED_SCOPE_LOGIN, 1);
	cred_query_add(&url, "client_id", c->client_id);
	cred_query_add(&url, "response_type", "code");
	cred_query_add(&url, "redirect_uri", redirect_uri);
	cred_query_add(&url, "response_mode", "query");
	cred_query_add(&url, "scope", scope);
	cred_query_add(&url, "state", state);
	cred_query_add(&url, "code_challenge", challenge);
	cred_query_add(&url, "code_challenge_method", "S256");
	free(scope);
	return url;
}

/* Redeem an authorization code with its PKCE verifier. */
int
cred_code_redeem(struct cred *c, struct http *h, const char *code,
    const char *verifier, const char *redirect_uri, struct graph_error *err)
{
	enum cred_poll rc;
	char *body = NULL;
	size_t len = 0, cap = 0;

	cred_form_add(&body, &len, &cap, "grant_type", "authorization_code");
	cred_form_add(&body, &len, &cap, "client_id", c->client_id);
	cred_form_add(&body, &len, &cap, "code", code);
	cred_form_add(&body, &len, &cap, "redirect_uri", redirect_uri);
	cred_form_add(&body, &len, &cap, "code_verifier", verifier);
	rc = cred_redeem(c, h, CRED_FLOW_CODE, body, len,
	    "the authorization code", err);
	cred_form_free(body, cap);
	return rc == CRED_POLL_DONE ? 0 : -1;
}

/* Fill err from the error a browser sign-in came back with. */
void
cred_code_refused(const struct cred *c, const char *error,
    const char *description, struct graph_error *err)
{
	struct token_response tr;

	memset(&tr, 0, sizeof tr);
	tr.error = (char *)error;
	tr.error_description = (char *)description;
	cred_signin_refused(c, CRED_FLOW_CODE, 400, &tr, err);
}

/* The cached access token, renewed when it is close to expiry. */
const char *
cred_token(struct cred *c, struct http *h, struct graph_error *err)
{
	struct http_request req;
	struct http_response resp;
	char *body = NULL, *cause = NULL, *assertion;
	size_t len = 0, cap = 0;
	int rc;

	if (c->token != NULL && http_now_ms() < c->renew_ms)
		return c->token;
	if (c->delegated)
		return cred_token_delegated(c, h, err);

	cred_form_add(&body, &len, &cap, "grant_type", "client_credentials");
	cred_form_add(&body, &len, &cap, "client_id", c->client_id);
	if (c->secret != NULL)
		cred_form_add(&body, &len, &cap, "client_secret", c->secret);
	else {
		if ((assertion = cred_assertion(c, &cause)) == NULL) {
			graph_error_set(err, GRAPH_ERR_AUTH, "%s", cause);
			free(cause);
			explicit_bzero(body, cap);
			free(body);
			return NULL;
		}
		cred_form_add(&body, &len, &cap, "client_assertion_type",
		    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		cred_form_add(&body, &len, &cap, "client_assertion", assertion);
		xfree_secret(assertion);
	}
	cred_form_add(&body, &len, &cap, "scope", c->scope);

	memset(&req, 0, sizeof req);
	req.method = "POST";
	req.url = c->token_url;
	req.body = body;
	req.body_len = len;
	req.content_type = "application/x-www-form-urlencoded";
	req.secret = c->secret != NULL ? "the client secret"
	                               : "the signed client assertion";
	rc = http_perform(h, &req, &resp, &cause);
	explicit_bzero(body, cap);
	free(body);

	if (rc != 0) {
		graph_error_set(err,
		    resp.refused ? GRAPH_ERR_USAGE : GRAPH_ERR_NETWORK,
		    "sign-in failed: %s", cause != NULL ? cause : "no answer");
		err->throttled = resp.throttled;
		free(cause);
		http_response_done(&resp);
		return NULL;
	}
	rc = cred_parse(c, &resp, err);
	err->throttled = resp.throttled;
	if (rc != 0 && resp.wait_refused > 0) {
		graph_error_set(err, GRAPH_ERR_NETWORK,
		    "sign-in failed: the token endpoint answered %ld and asked "
		    "to wait %ld s; giving up (limit %ld s)",
		    resp.status, resp.wait_refused, resp.wait_limit);
		err->status = resp.status;
	}
	explicit_bzero(resp.body, resp.len);
	http_response_done(&resp);
	if (rc != 0) {
		/* Keep a token that has not expired yet. */
		if (c->token != NULL && http_now_ms() < c->expires_ms &&
		    err->kind == GRAPH_ERR_NETWORK) {
			log_debug("cred: renewal failed, keeping the token "
			          "until it expires");
			graph_error_done(err);
			return c->token;
		}
		cred_invalidate(c);
		return NULL;
	}
	return c->token;
}
