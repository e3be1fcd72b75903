/*
 * Unit tests for the credentials: where the secret comes from and the
 * rules on secret_file and secret_command. The token requests themselves
 * are tested against a local server in test_http.c.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "cfg.h"
#include "cred.h"
#include "graph_error.h"
#include "helpers.h"
#include "http.h"
#include "state.h"
#include "xmalloc.h"

struct fixture {
	char dir[4096];
	char *path;
};

/* Make a temporary directory with a secret file path in it. */
static int
setup(void **state)
{
	struct fixture *f;

	f = xcalloc(1, sizeof *f);
	tmpdir_make(f->dir, sizeof f->dir, "test_cred");
	xasprintf(&f->path, "%s/secret", f->dir);
	*state = f;
	return 0;
}

/* Remove the temporary directory. */
static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd;

	xasprintf(&cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* A configuration with a tenant and an app but no secret. */
static void
base_cfg(struct cfg *cfg)
{
	char *cause = NULL;

	cfg_init(cfg);
	cfg->tenant = xstrdup("contoso.example");
	cfg->client_id = xstrdup("app-id");
	assert_int_equal(cfg_finish(cfg, &cause), 0);
}

/* cred_new must fail with a message containing want. */
static void
check_refused(const struct cfg *cfg, const char *want)
{
	struct cred *c;
	char *cause = NULL;

	c = cred_new(cfg, &cause);
	assert_null(c);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("'%s' does not contain '%s'", cause, want);
	free(cause);
}

/* cred_new must succeed. */
static void
check_accepted(const struct cfg *cfg)
{
	struct cred *c;
	char *cause = NULL;

	c = cred_new(cfg, &cause);
	if (c == NULL)
		fail_msg("refused: %s", cause);
	assert_int_equal(cred_expires_in(c), -1);
	cred_free(c);
}

static void
test_secret_file_modes(void **state)
{
	struct fixture *f = *state;
	struct cfg cfg;

	base_cfg(&cfg);
	cfg.secret_file = xstrdup(f->path);

	write_file(f->path, "s3cret\n", 0644);
	check_refused(&cfg,
	    "readable or writable by others (mode 644); run "
	    "chmod 600");
	write_file(f->path, "s3cret\n", 0640);
	check_refused(&cfg, "chmod 600");
	write_file(f->path, "s3cret\n", 0604);
	check_refused(&cfg, "chmod 600");
	write_file(f->path, "s3cret\n", 0620);
	check_refused(&cfg, "chmod 600");
	write_file(f->path, "s3cret\n", 0600);
	check_accepted(&cfg);
	write_file(f->path, "s3cret", 0400);
	check_accepted(&cfg);
	cfg_done(&cfg);
}

static void
test_secret_file_kinds(void **state)
{
	struct fixture *f = *state;
	struct cfg cfg;
	char *link;

	base_cfg(&cfg);
	/* Not a regular file. */
	cfg.secret_file = xstrdup(f->dir);
	check_refused(&cfg, "not a regular file");
	free(cfg.secret_file);

	/* Missing. */
	cfg.secret_file = xstrdup(f->path);
	unlink(f->path);
	check_refused(&cfg, "No such file or directory");

	/* Empty, or only a newline. */
	write_file(f->path, "\n", 0600);
	check_refused(&cfg, "is empty");

	/* A symbolic link is not followed. */
	write_file(f->path, "s3cret\n", 0600);
	xasprintf(&link, "%s/link", f->dir);
	assert_int_equal(symlink(f->path, link), 0);
	free(cfg.secret_file);
	cfg.secret_file = link;
	check_refused(&cfg, "symbolic link");
	cfg_done(&cfg);
}

/*
 * A FIFO (or a device) as secret_file or certificate is refused at once:
 * opening a FIFO for reading would wait for ever for a writer.
 */
static void
test_secret_file_fifo_refused(void **state)
{
	struct fixture *f = *state;
	struct cfg cfg;
	char *fifo;

	xasprintf(&fifo, "%s/fifo", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	base_cfg(&cfg);
	cfg.secret_file = xstrdup(fifo);
	alarm(10); /* A hang is a failure, not a stuck test. */
	check_refused(&cfg, "not a regular file (a FIFO)");
	free(cfg.secret_file);
	cfg.secret_file = NULL;

	cfg.certificate_path = xstrdup(fifo);
	cfg.certificate_source = CFG_SOURCE_ENV;
	check_refused(&cfg, "not a regular file (a FIFO)");
	free(cfg.certificate_path);
	cfg.certificate_path = xstrdup("/dev/null");
	check_refused(&cfg, "not a regular file (a device)");
	alarm(0);
	cfg_done(&cfg);
	free(fifo);
}

static void
test_secret_command(void **state)
{
	struct cfg cfg;

	(void)state;
	base_cfg(&cfg);
	cfg.secret_command = xstrdup("echo s3cret");
	check_accepted(&cfg);
	free(cfg.secret_command);

	cfg.secret_command = xstrdup("echo s3cret; exit 3");
	check_refused(&cfg, "secret_command failed with exit status 3");
	free(cfg.secret_command);

	cfg.secret_command = xstrdup("true");
	check_refused(&cfg, "secret_command printed no secret");
	free(cfg.secret_command);

	cfg.secret_command = xstrdup("/nonexistent/vault-get");
	check_refused(&cfg, "exit status 127: ");
	check_refused(&cfg, "/nonexistent/vault-get");
	free(cfg.secret_command);

	/* Much output on standard error does not block the command. */
	cfg.secret_command = xstrdup("yes error | head -c 200000 >&2; "
	                             "echo s3cret");
	check_accepted(&cfg);
	free(cfg.secret_command);

	cfg.secret_command = xstrdup("kill -TERM $$");
	check_refused(&cfg, "killed by signal 15");
	cfg_done(&cfg);
}

static void
test_secret_precedence(void **state)
{
	struct fixture *f = *state;
	struct cfg cfg;

	base_cfg(&cfg);
	/* A secret from elsewhere means the file is not even read. */
	cfg.client_secret = xstrdup("from-env");
	cfg.secret_file = xstrdup(f->path);
	write_file(f->path, "s3cret\n", 0644);
	check_accepted(&cfg);
	free(cfg.secret_file);
	cfg.secret_file = NULL;
	cfg.secret_command = xstrdup("exit 1");
	check_accepted(&cfg);
	cfg_done(&cfg);
}

static void
test_certificate_file(void **state)
{
	struct fixture *f = *state;
	struct cfg cfg;
	char *cmd;

	base_cfg(&cfg);
	cfg.certificate_path = xstrdup(f->path);
	cfg.certificate_source = CFG_SOURCE_ENV;

	write_file(f->path, "not a certificate\n", 0600);
	check_refused(&cfg, "no PEM certificate found");

	xasprintf(&cmd,
	    "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=t -days 1 "
	    "-keyout '%s' -out '%s.crt' 2>/dev/null && cat '%s.crt' >> '%s'",
	    f->path, f->path, f->path, f->path);
	if (system(cmd) != 0) {
		/* No openssl tool: report a skip, not a pass. */
		free(cmd);
		cfg_done(&cfg);
		skip();
	}
	free(cmd);
	chmod(f->path, 0644);
	check_refused(&cfg,
	    "holds a private key but is readable or writable "
	    "by others (mode 644); run chmod 600");
	chmod(f->path, 0600);
	check_accepted(&cfg);

	/* A certificate from the environment beats the file's secret_file,
	 * which is then not even read. */
	cfg.secret_file = xstrdup("/nonexistent/secret");
	check_accepted(&cfg);
	/* From the file, a secret source in the same file wins. */
	cfg.certificate_source = CFG_SOURCE_FILE;
	check_refused(&cfg, "secret_file /nonexistent/secret");
	cfg_done(&cfg);
}

static void
test_missing_settings(void **state)
{
	struct cfg cfg;
	char *cause = NULL;

	(void)state;
	base_cfg(&cfg);
	cfg.auth = xstrdup("app");
	check_refused(&cfg, "no client secret: set AZURE_CLIENT_SECRET");
	check_refused(&cfg, "--auth delegated and 'teamtop login'");
	cfg.certificate_path = xstrdup("/nonexistent/app.pem");
	check_refused(&cfg,
	    "certificate /nonexistent/app.pem: No such file or directory");
	cfg_done(&cfg);

	cfg_init(&cfg);
	cfg.client_id = xstrdup("app");
	cfg.client_secret = xstrdup("x");
	check_refused(&cfg, "no tenant");
	cfg_done(&cfg);

	cfg_init(&cfg);
	cfg.tenant = xstrdup("t");
	cfg.client_secret = xstrdup("x");
	check_refused(&cfg, "no application");
	cfg_done(&cfg);

	/* The secret is never sent over plain http to another host. */
	base_cfg(&cfg);
	cfg.client_secret = xstrdup("s3cret");
	free(cfg.login_url);
	cfg.login_url = xstrdup("http://login.example.com");
	check_refused(&cfg, "plain http");
	free(cfg.login_url);
	cfg.login_url = xstrdup("http://127.0.0.1:9");
	check_accepted(&cfg);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	cfg_done(&cfg);
}

/* cred_token must fail at once (no request) with a message with want. */
static void
check_token_refused(const struct cfg *cfg, const char *want)
{
	struct http_options ho;
	struct graph_error e;
	struct http *h;
	struct cred *c;
	char *cause = NULL;

	c = cred_new(cfg, &cause);
	assert_non_null(c);
	assert_true(cred_delegated(c));
	memset(&ho, 0, sizeof ho);
	h = http_new(&ho);
	graph_error_init(&e);
	assert_null(cred_token(c, h, &e));
	assert_int_equal(e.kind, GRAPH_ERR_AUTH);
	if (e.message == NULL || strstr(e.message, want) == NULL)
		fail_msg("'%s' does not contain '%s'",
		    e.message != NULL ? e.message : "(null)", want);
	graph_error_done(&e);
	http_free(h);
	cred_free(c);
}

/*
 * Without a secret or certificate teamtop signs in as the user; auth
 * chooses either way. The stored sign-in must exist, be private, and
 * belong to this authority, tenant and application.
 */
static void
test_delegated(void **state)
{
	struct fixture *f = *state;
	struct cfg cfg;
	struct cred *c;
	char *cause = NULL, *words, path[4096];
	const char *good = "{\"authority\": \"http://127.0.0.1:9\", "
	                   "\"tenant\": \"contoso.example\", "
	                   "\"client_id\": \"app-id\", "
	                   "\"refresh_token\": \"rt\"}";

	setenv("XDG_STATE_HOME", f->dir, 1);
	base_cfg(&cfg);
	free(cfg.login_url);
	cfg.login_url = xstrdup("http://127.0.0.1:9");
	assert_true(cfg_delegated(&cfg));
	check_token_refused(&cfg, "not signed in: run teamtop login");

	assert_int_equal(state_write(CRED_TOKEN_FILE, good, strlen(good),
	                     &cause),
	    0);
	assert_non_null(state_path(CRED_TOKEN_FILE, path, sizeof path));
	chmod(path, 0644);
	check_token_refused(&cfg, "(mode 644); run chmod 600");
	chmod(path, 0600);
	free(cfg.tenant);
	cfg.tenant = xstrdup("fabrikam.example");
	check_token_refused(&cfg, "for another application, tenant or cloud");
	free(cfg.tenant);
	cfg.tenant = xstrdup("contoso.example");
	free(cfg.login_url);
	cfg.login_url = xstrdup("http://127.0.0.2:9");
	check_token_refused(&cfg, "for another application, tenant or cloud");

	/* No tenant: the user's own, "organizations". */
	free(cfg.tenant);
	cfg.tenant = NULL;
	c = cred_new(&cfg, &cause);
	assert_non_null(c);
	cred_free(c);

	/* A secret makes it the application, unless auth says otherwise. */
	cfg.client_secret = xstrdup("s3cret");
	assert_false(cfg_delegated(&cfg));
	cfg.auth = xstrdup("delegated");
	assert_true(cfg_delegated(&cfg));
	cfg_done(&cfg);

	words = cred_scope_words(CRED_SCOPE_LOGIN);
	assert_string_equal(words,
	    "Presence.Read.All, Presence.ReadWrite, "
	    "User.ReadBasic.All, GroupMember.Read.All");
	free(words);
	unsetenv("XDG_STATE_HOME");
}

/* The PKCE verifier and its challenge, and the authorization request. */
static void
test_pkce(void **state)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char verifier[64], challenge[64], other[64], ch2[64], st[64], *url;
	char b64[128], *cause = NULL;
	struct cfg cfg;
	struct cred *c;
	int i, n;

	(void)state;
	cred_pkce(verifier, sizeof verifier, challenge, sizeof challenge);
	assert_int_equal(strlen(verifier), 43);
	assert_int_equal(strspn(verifier,
	                     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
	                     "wxyz0123456789-_"),
	    43);
	assert_int_equal(EVP_Digest(verifier, strlen(verifier), md, &mdlen,
	                     EVP_sha256(), NULL),
	    1);
	n = EVP_EncodeBlock((unsigned char *)b64, md, (int)mdlen);
	while (n > 0 && b64[n - 1] == '=')
		n--;
	b64[n] = '\0';
	for (i = 0; i < n; i++)
		b64[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
	assert_string_equal(challenge, b64);
	cred_pkce(other, sizeof other, ch2, sizeof ch2);
	assert_string_not_equal(verifier, other);
	cred_random_state(st, sizeof st);
	assert_true(strlen(st) >= 20);

	base_cfg(&cfg);
	free(cfg.login_url);
	cfg.login_url = xstrdup("https://login.example.com");
	c = cred_new(&cfg, &cause);
	assert_non_null(c);
	url = cred_authorize_url(c, "http://localhost:4242/", st, challenge);
	assert_non_null(strstr(url,
	    "https://login.example.com/contoso.example/oauth2/v2.0/"
	    "authorize?client_id=app-id&response_type=code&redirect_uri="
	    "http%3A%2F%2Flocalhost%3A4242%2F&response_mode=query&scope="
	    "offline_access%20https%3A%2F%2Fgraph.microsoft.com%2F"
	    "Presence.Read.All%20"));
	assert_non_null(strstr(url, "&code_challenge_method=S256"));
	assert_null(strstr(url, verifier));
	free(url);
	cred_free(c);
	cfg_done(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_secret_file_modes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_secret_file_kinds, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_secret_file_fifo_refused,
		    setup, teardown),
		cmocka_unit_test(test_secret_command),
		cmocka_unit_test_setup_teardown(test_secret_precedence, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_certificate_file, setup,
		    teardown),
		cmocka_unit_test(test_missing_settings),
		cmocka_unit_test_setup_teardown(test_delegated, setup,
		    teardown),
		cmocka_unit_test(test_pkce),
	};

	return cmocka_run_group_tests_name("cred", tests, NULL, NULL);
}
