/*
 * Helpers shared by the unit tests, linked into each test that needs them.
 * Called from the test's main thread only.
 */
#include "config.h"

#include "helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <curl/curl.h>

#include "cfg.h"

/* graphsim's documented demo app (graphsim(1)). */
#define GRAPHSIM_TENANT "demo"
#define GRAPHSIM_CLIENT_ID "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17"
#define GRAPHSIM_CLIENT_SECRET "graphsim-demo-secret"

/* How long graphsim may take to write its port file: 500 x 20 ms. */
#define GRAPHSIM_TRIES 500
#define GRAPHSIM_TRY_USEC 20000

/* Make a fresh temporary directory, stem.RANDOM, and put its path in buf. */
void
tmpdir_make(char *buf, size_t len, const char *stem)
{
	const char *tmp = getenv("TMPDIR");
	int n;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	n = snprintf(buf, len, "%s/%s.", tmp, stem);
	assert_true(n > 0 && (size_t)n + 7 <= len);
	memset(buf + n, 'X', 6); /* The template mkdtemp fills in. */
	buf[n + 6] = '\0';
	assert_non_null(mkdtemp(buf));
}

/* Write a file afresh with a mode (replacing one that may be read-only). */
void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp;

	unlink(path);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

/* Read the port graphsim wrote to path; 0 while there is none yet. */
static int
graphsim_read_port(const char *path)
{
	FILE *fp;
	int port = 0;

	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(fp, "%d", &port) != 1)
		port = 0;
	fclose(fp);
	return port;
}

/*
 * Start $GRAPHSIM with users people on a free loopback port, its port file
 * in a temporary directory named after stem, and wait for its URL. Returns
 * 0, or -1 with a message when GRAPHSIM is unset or graphsim does not start.
 */
int
graphsim_start(struct graphsim *gs, const char *stem, const char *users)
{
	const char *bin = getenv("GRAPHSIM");
	char path[4200];
	int i, port = 0;

	memset(gs, 0, sizeof *gs);
	gs->pid = -1;
	if (bin == NULL || access(bin, X_OK) != 0) {
		print_message("GRAPHSIM is not set to an executable\n");
		return -1;
	}
	tmpdir_make(gs->dir, sizeof gs->dir, stem);
	snprintf(path, sizeof path, "%s/port", gs->dir);
	if ((gs->pid = fork()) == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execl(bin, "graphsim", "--listen", "127.0.0.1:0", "--port-file",
		    path, "--users", users, "--quiet", (char *)NULL);
		_exit(127);
	}
	assert_true(gs->pid > 0);
	for (i = 0; i < GRAPHSIM_TRIES; i++) {
		if ((port = graphsim_read_port(path)) != 0)
			break;
		if (waitpid(gs->pid, NULL, WNOHANG) == gs->pid) {
			gs->pid = -1;
			break;
		}
		usleep(GRAPHSIM_TRY_USEC);
	}
	if (port == 0) {
		print_message("graphsim did not start\n");
		graphsim_stop(gs);
		return -1;
	}
	snprintf(gs->url, sizeof gs->url, "http://127.0.0.1:%d", port);
	return 0;
}

/* Stop graphsim and remove its temporary directory. */
void
graphsim_stop(struct graphsim *gs)
{
	char path[4200];

	if (gs->pid > 0) {
		kill(gs->pid, SIGTERM);
		waitpid(gs->pid, NULL, 0);
		gs->pid = -1;
	}
	if (*gs->dir != '\0') {
		snprintf(path, sizeof path, "%s/port", gs->dir);
		unlink(path);
		rmdir(gs->dir);
		*gs->dir = '\0';
	}
}

/*
 * Initialise cfg for graphsim at url, signing in as its demo app, and
 * finish it. The caller calls cfg_done whatever this returns.
 */
int
graphsim_cfg(struct cfg *cfg, const char *url, char **cause)
{
	cfg_init(cfg);
	if (cfg_set_option(cfg, "graph-url", url, cause) != 0 ||
	    cfg_set_option(cfg, "login-url", url, cause) != 0 ||
	    cfg_set_option(cfg, "tenant", GRAPHSIM_TENANT, cause) != 0 ||
	    cfg_set_option(cfg, "client-id", GRAPHSIM_CLIENT_ID, cause) != 0 ||
	    cfg_set_option(cfg, "client-secret", GRAPHSIM_CLIENT_SECRET,
	        cause) != 0)
		return -1;
	return cfg_finish(cfg, cause);
}

/* Keep a response body, growing a NUL-terminated buffer. */
static size_t
graphsim_keep(char *ptr, size_t size, size_t n, void *arg)
{
	char **buf = arg;
	size_t old = *buf != NULL ? strlen(*buf) : 0;

	*buf = realloc(*buf, old + size * n + 1);
	assert_non_null(*buf);
	memcpy(*buf + old, ptr, size * n);
	(*buf)[old + size * n] = '\0';
	return size * n;
}

/* How many requests graphsim counted for a route key since its reset. */
long
graphsim_count(const struct graphsim *gs, const char *route)
{
	CURL *c = curl_easy_init();
	cJSON *root, *v;
	char url[256], *body = NULL;
	long n = 0;

	snprintf(url, sizeof url, "%s/_graphsim/stats", gs->url);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, graphsim_keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
	root = cJSON_Parse(body != NULL ? body : "");
	v = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(root, "by_route"), route);
	if (cJSON_IsNumber(v))
		n = (long)v->valuedouble;
	cJSON_Delete(root);
	free(body);
	return n;
}

/* Discard a response body. */
static size_t
graphsim_discard(char *ptr, size_t size, size_t n, void *arg)
{
	(void)ptr;
	(void)arg;
	return size * n;
}

/* Send a JSON body (or none) to one of graphsim's control endpoints. */
void
graphsim_control(const struct graphsim *gs, const char *method,
    const char *path, const char *body)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h;
	char url[256];
	long status = 0;

	snprintf(url, sizeof url, "%s%s", gs->url, path);
	h = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, graphsim_discard);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	assert_int_equal(status, 200);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
}
