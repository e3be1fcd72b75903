/*
 * teamtop login and teamtop logout: signing in as oneself (delegated)
 * with the device authorization grant, readable over SSH with no browser
 * on the host, or with the authorization code grant and PKCE in a browser
 * that comes back to a listener on 127.0.0.1; and forgetting the stored
 * sign-in. Main thread, no curses.
 */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

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
/* Seconds the browser has to come back, and a connection to speak. */
#define CMD_LOGIN_BROWSER_WAIT 600
#define CMD_LOGIN_READ_WAIT 10
/* The longest request line read from the browser. */
#define CMD_LOGIN_MAX_LINE 8192

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

/* Listen on a free port of 127.0.0.1; the socket, or -1 with *cause. */
static int
cmd_login_listen(unsigned short *port, char **cause)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		goto fail;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    listen(fd, 8) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) != 0) {
		close(fd);
		goto fail;
	}
	*port = ntohs(sin.sin_port);
	return fd;
fail:
	xasprintf(cause, "cannot listen on 127.0.0.1: %s", strerror(errno));
	return -1;
}

/* Read a request's first line from a connection; NULL when none came. */
static char *
cmd_login_read_line(int fd)
{
	struct timeval tv = { CMD_LOGIN_READ_WAIT, 0 };
	char *buf;
	size_t len = 0;
	ssize_t n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	buf = xmalloc(CMD_LOGIN_MAX_LINE + 1);
	while (len < CMD_LOGIN_MAX_LINE) {
		n = read(fd, buf + len, CMD_LOGIN_MAX_LINE - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if (strchr(buf, '\n') != NULL)
			break;
	}
	buf[len] = '\0';
	if (len == 0) {
		free(buf);
		return NULL;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

/* Answer the browser with a short page, HTML-escaped, and close. */
static void
cmd_login_reply(int fd, int status, const char *reason, const char *text)
{
	char *page, *head, *esc, *p;
	const char *s;
	size_t n = 0, len;
	ssize_t w;

	esc = xmalloc(strlen(text) * 6 + 1);
	for (s = text, p = esc; *s != '\0'; s++) {
		if (*s == '<')
			p += sprintf(p, "&lt;");
		else if (*s == '>')
			p += sprintf(p, "&gt;");
		else if (*s == '&')
			p += sprintf(p, "&amp;");
		else if (*s == '"')
			p += sprintf(p, "&quot;");
		else
			*p++ = *s;
	}
	*p = '\0';
	xasprintf(&page,
	    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "<title>teamtop</title></head><body><p>%s</p></body></html>\n",
	    esc);
	xasprintf(&head,
	    "HTTP/1.1 %d %s\r\nContent-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\nCache-Control: no-store\r\n"
	    "Connection: close\r\n\r\n%s",
	    status, reason, strlen(page), page);
	len = strlen(head);
	while (n < len) {
		w = write(fd, head + n, len - n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		n += (size_t)w;
	}
	close(fd);
	free(head);
	free(page);
	free(esc);
}

/* Decode %XX and + in place. */
static void
cmd_login_decode(char *s)
{
	char *o = s, hex[3];

	for (; *s != '\0'; s++) {
		if (*s == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2])) {
			hex[0] = s[1];
			hex[1] = s[2];
			hex[2] = '\0';
			*o++ = (char)strtol(hex, NULL, 16);
			s += 2;
		} else if (*s == '+')
			*o++ = ' ';
		else
			*o++ = *s;
	}
	*o = '\0';
}

/* A parameter of a request target's query, decoded; NULL if absent. */
static char *
cmd_login_param(const char *target, const char *name)
{
	const char *p = strchr(target, '?'), *e, *eq;
	size_t nlen = strlen(name);
	char *v;

	if (p == NULL)
		return NULL;
	for (p++; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(e - p));
		if (eq != NULL && (size_t)(eq - p) == nlen &&
		    strncmp(p, name, nlen) == 0) {
			v = xstrndup(eq + 1, (size_t)(e - eq - 1));
			cmd_login_decode(v);
			return v;
		}
	}
	return NULL;
}

/* Show the address to open, and how to reach the port over SSH. */
static void
cmd_login_show_browser(const char *url, unsigned short port)
{
	char host[256];

	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "this-host");
	host[sizeof host - 1] = '\0';
	printf("To sign in, open this address in a browser on this computer:\n"
	       "\n"
	       "    %s\n"
	       "\n"
	       "Over SSH, forward the port from your computer first:\n"
	       "\n"
	       "    ssh -L %u:127.0.0.1:%u %s\n"
	       "\n"
	       "Waiting for the browser to come back to "
	       "http://localhost:%u/ ...\n",
	    url, (unsigned)port, (unsigned)port, host, (unsigned)port);
	fflush(stdout);
}

/*
 * Answer one connection to the listener. The answer to the sign-in sets
 * *rc; anything else (a favicon, a wrong state) leaves it, and the wait
 * goes on.
 */
static void
cmd_login_answer(struct graph *g, int fd, const char *state,
    const char *verifier, const char *redirect, int *rc)
{
	struct graph_error e;
	char *line, *target, *got, *code = NULL, *error = NULL, *desc = NULL;
	char *msg, *page;

	if ((line = cmd_login_read_line(fd)) == NULL) {
		close(fd);
		return;
	}
	graph_error_init(&e);
	if (strncmp(line, "GET ", 4) != 0) {
		cmd_login_reply(fd, 405, "Method Not Allowed",
		    "teamtop expects the browser's GET.");
		goto out;
	}
	target = line + 4;
	target[strcspn(target, " ")] = '\0';
	code = cmd_login_param(target, "code");
	error = cmd_login_param(target, "error");
	if (code == NULL && error == NULL) {
		cmd_login_reply(fd, 404, "Not Found", "Not the sign-in.");
		goto out;
	}
	got = cmd_login_param(target, "state");
	if (got == NULL || strcmp(got, state) != 0) {
		/* Not the answer to this sign-in: ignored, still waiting. */
		free(got);
		cmd_login_reply(fd, 400, "Bad Request",
		    "This is not the answer to teamtop's sign-in (the state "
		    "does not match); it is ignored.");
		goto out;
	}
	free(got);
	if (error != NULL) {
		desc = cmd_login_param(target, "error_description");
		cred_code_refused(graph_cred(g), error, desc, &e);
	} else if (cred_code_redeem(graph_cred(g), graph_http(g), code,
	               verifier, redirect, &e) == 0) {
		cmd_login_reply(fd, 200, "OK",
		    "Signed in to teamtop. You can close this window.");
		*rc = 0;
		goto out;
	}
	msg = text_sanitize(e.message != NULL ? e.message : "refused");
	xasprintf(&page, "The sign-in to teamtop failed: %s", msg);
	cmd_login_reply(fd, 200, "OK", page);
	free(page);
	free(msg);
	*rc = cmd_fail("login", &e);
out:
	graph_error_done(&e);
	xfree_secret(code);
	free(error);
	free(desc);
	free(line);
}

/*
 * Sign in with the authorization code grant and PKCE: the browser goes to
 * the sign-in page and comes back to http://localhost:PORT/ with a code,
 * which is redeemed with the verifier. 0, or the exit status.
 */
static int
cmd_login_browser(struct graph *g)
{
	struct pollfd pfd;
	struct graph_error e;
	char verifier[64], challenge[64], state[64], *redirect, *url;
	char *cause = NULL;
	unsigned short port;
	time_t deadline;
	int lfd, cfd, rc = -1, n;

	if ((lfd = cmd_login_listen(&port, &cause)) == -1) {
		fprintf(stderr, "teamtop login: %s\n", cause);
		free(cause);
		return 2;
	}
	cred_pkce(verifier, sizeof verifier, challenge, sizeof challenge);
	cred_random_state(state, sizeof state);
	xasprintf(&redirect, "http://localhost:%u/", (unsigned)port);
	url = cred_authorize_url(graph_cred(g), redirect, state, challenge);
	cmd_login_show_browser(url, port);
	deadline = time(NULL) + CMD_LOGIN_BROWSER_WAIT;
	while (rc == -1) {
		if (time(NULL) >= deadline) {
			graph_error_init(&e);
			graph_error_set(&e, GRAPH_ERR_AUTH,
			    "no browser came back within %d minutes; run "
			    "teamtop login --browser again",
			    CMD_LOGIN_BROWSER_WAIT / 60);
			rc = cmd_fail("login", &e);
			graph_error_done(&e);
			break;
		}
		pfd.fd = lfd;
		pfd.events = POLLIN;
		n = poll(&pfd, 1, (int)(deadline - time(NULL)) * 1000);
		if (n <= 0)
			continue;
		if ((cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
			continue;
		cmd_login_answer(g, cfd, state, verifier, redirect, &rc);
	}
	close(lfd);
	explicit_bzero(verifier, sizeof verifier);
	free(redirect);
	free(url);
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
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	/* A person takes minutes to sign in: no deadline. */
	graph_set_deadline(g, 0);
	rc = args->browser ? cmd_login_browser(g) : cmd_login_device(g);
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
