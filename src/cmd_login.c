/*
 * teamtop login and teamtop logout: signing in as oneself (delegated)
 * with the device authorization grant, readable over SSH with no browser
 * on the host, and forgetting the stored sign-in. Main thread, no curses.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cfg.h"
#include "cmd.h"
#include "cred.h"
#include "graph.h"
#include "graph_error.h"
#include "graph_parse.h"
#include "http.h"
#include "state.h"
#include "text.h"
#include "xmalloc.h"

/* The interval and lifetime of a device code when the answer lacks them. */
#define CMD_LOGIN_INTERVAL 5
#define CMD_LOGIN_EXPIRY 900

/* Sleep whole seconds, through interruptions that do not end teamtop. */
static void
cmd_login_sleep(long seconds)
{
	struct timespec ts = { seconds, 0 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Say who signed in, from /me; just "Signed in." when it cannot be read. */
static void
cmd_login_who(struct graph *g)
{
	struct graph_error e;
	const char *name, *upn;
	char *body = NULL, *cname = NULL, *cupn = NULL, *path;
	cJSON *root = NULL;

	graph_error_init(&e);
	path = xstrdup("/me?$select=displayName,userPrincipalName");
	if (graph_request(g, "GET", path, NULL, NULL, &body, &e) == 0)
		root = cJSON_Parse(body);
	free(path);
	name = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(root, "displayName"));
	upn = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(root, "userPrincipalName"));
	if (name != NULL)
		cname = text_sanitize(name);
	if (upn != NULL)
		cupn = text_sanitize(upn);
	if (cname != NULL && cupn != NULL)
		printf("Signed in as %s <%s>.\n", cname, cupn);
	else if (cupn != NULL || cname != NULL)
		printf("Signed in as %s.\n", cupn != NULL ? cupn : cname);
	else
		printf("Signed in.\n");
	free(cname);
	free(cupn);
	cJSON_Delete(root);
	free(body);
	graph_error_done(&e);
}

/* Say where the sign-in is kept. */
static void
cmd_login_kept(void)
{
	char path[4096];

	if (state_path(CRED_TOKEN_FILE, path, sizeof path) != NULL)
		printf(
		    "The sign-in is kept in %s; teamtop logout forgets it.\n",
		    path);
}

/*
 * Show the code and where to enter it: plain lines that read the same in
 * any terminal, over SSH, or in a log.
 */
static void
cmd_login_show(const struct device_code_response *dc, long expires)
{
	char *uri, *code;

	uri = text_sanitize(dc->verification_uri);
	code = text_sanitize(dc->user_code);
	printf("To sign in, open this page in a browser on any device:\n"
	       "\n"
	       "    %s\n"
	       "\n"
	       "and enter the code:\n"
	       "\n"
	       "    %s\n"
	       "\n",
	    uri, code);
	if (expires >= 120)
		printf("The code expires in %ld minutes. Waiting for the "
		       "sign-in...\n",
		    expires / 60);
	else
		printf("The code expires in %ld seconds. Waiting for the "
		       "sign-in...\n",
		    expires);
	fflush(stdout);
	free(uri);
	free(code);
}

/* Sign in with the device code grant: 0, or the exit status. */
static int
cmd_login_device(struct graph *g)
{
	struct device_code_response dc;
	struct graph_error e;
	long interval, expires;
	time_t deadline;
	int rc = -1;

	graph_error_init(&e);
	if (cred_device_start(graph_cred(g), graph_http(g), &dc, &e) != 0) {
		rc = cmd_fail("login", &e);
		graph_error_done(&e);
		return rc;
	}
	interval = dc.interval > 0 ? dc.interval : CMD_LOGIN_INTERVAL;
	expires = dc.expires_in > 0 ? dc.expires_in : CMD_LOGIN_EXPIRY;
	deadline = time(NULL) + expires;
	cmd_login_show(&dc, expires);
	while (rc == -1) {
		/* At least the interval between polls, the first one too. */
		cmd_login_sleep(interval);
		if (time(NULL) >= deadline) {
			graph_error_set(&e, GRAPH_ERR_AUTH,
			    "the code expired before the sign-in was "
			    "completed; run teamtop login again");
			rc = cmd_fail("login", &e);
			break;
		}
		switch (cred_device_poll(graph_cred(g), graph_http(g),
		    dc.device_code, &e)) {
		case CRED_POLL_PENDING:
			break;
		case CRED_POLL_SLOW_DOWN:
			interval += 5;
			fprintf(stderr,
			    "teamtop login: the sign-in service asked teamtop "
			    "to poll less often: now every %ld s\n",
			    interval);
			break;
		case CRED_POLL_DONE:
			rc = 0;
			break;
		case CRED_POLL_FAILED:
			rc = cmd_fail("login", &e);
			break;
		}
	}
	device_code_response_done(&dc);
	graph_error_done(&e);
	return rc;
}

/* teamtop login [--browser]: sign in as oneself. */
int
cmd_login_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("login");
	struct graph *g;
	int rc;

	if (args->argc != 0)
		return cmd_usage_error(ce, "too many arguments");
	if (!cfg_delegated(args->cfg)) {
		fprintf(stderr,
		    "teamtop login: teamtop signs in as the application here "
		    "(a client secret or certificate is configured); add "
		    "--auth delegated to sign in as yourself\n");
		return 2;
	}
	if (args->browser) {
		fprintf(stderr,
		    "teamtop login: --browser is not available "
		    "in this build\n");
		return 2;
	}
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	/* A person takes minutes to sign in: no deadline. */
	graph_set_deadline(g, 0);
	rc = cmd_login_device(g);
	if (rc == 0) {
		cmd_login_who(g);
		cmd_login_kept();
	}
	graph_free(g);
	return rc;
}

/* teamtop logout: forget the stored sign-in. */
int
cmd_logout_exec(struct cmd_args *args)
{
	char *cause = NULL, path[4096];
	int rc;

	if (args->argc != 0)
		return cmd_usage_error(cmd_find("logout"),
		    "too many arguments");
	if (state_path(CRED_TOKEN_FILE, path, sizeof path) == NULL)
		snprintf(path, sizeof path, "%s", CRED_TOKEN_FILE);
	rc = cred_logout(&cause);
	if (rc == -1) {
		fprintf(stderr, "teamtop logout: %s\n", cause);
		free(cause);
		return 1;
	}
	if (rc == 1)
		printf("Signed out: %s is removed.\n", path);
	else
		printf("Not signed in: there was no %s.\n", path);
	return 0;
}
