/*
 * Unit tests for the HTTP wrapper and the token cache: the pure retry
 * policy and loopback check, and real requests against a small HTTP server
 * that runs on a thread of this test, on loopback, on port 0, answering
 * canned responses and recording what it received.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "cfg.h"
#include "cred.h"
#include "graph_error.h"
#include "helpers.h"
#include "http.h"
#include "log.h"
#include "xmalloc.h"

#define SRV_MAX_REQS 64

/* One request as the server saw it. */
struct srv_req {
	char method[16];
	char path[512];
	char *headers; /* Raw, "Name: value\r\n" lines. */
	char *body;
	long long at; /* Milliseconds, monotonic. */
};

/* The canned answer to a request. */
struct srv_answer {
	int status;
	char headers[512]; /* Extra lines, each ending in \r\n. */
	char body[2048];
};

struct srv;
typedef void (*srv_handler)(struct srv *, const struct srv_req *, int n,
    struct srv_answer *);

struct srv {
	int fd;
	int port;
	pthread_t thread;
	int stop;
	srv_handler handler;
	long delay_ms; /* Before each answer. */
	int keepalive; /* Keep connections open. */
	void *arg;

	pthread_mutex_t lock;
	struct srv_req reqs[SRV_MAX_REQS];
	int nreqs;
	int active;
	int max_active;
	pthread_t conns[SRV_MAX_REQS];
	int nconns;
};

struct srv_conn {
	struct srv *srv;
	int fd;
};

/* Milliseconds of the monotonic clock. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep for some milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Find a header's value in a recorded request (case-insensitive name). */
static char *
srv_header(const struct srv_req *r, const char *name)
{
	const char *p = r->headers, *eol;
	size_t n = strlen(name);

	while (p != NULL && *p != '\0') {
		eol = strstr(p, "\r\n");
		if (eol == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 &&
		    p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			return xstrndup(p, (size_t)(eol - p));
		}
		p = (*eol == '\0') ? eol : eol + 2;
	}
	return NULL;
}

/* Serve one connection: read requests and answer them, then close. */
static void *
srv_conn_main(void *arg)
{
	struct srv_conn *c = arg;
	struct srv *s = c->srv;
	struct srv_req r;
	struct srv_answer a;
	char buf[65536], *end, *line, *out, *cl;
	size_t len, hlen, blen;
	ssize_t n;
	int idx;

next:
	memset(&r, 0, sizeof r);
	len = blen = 0;
	for (;;) {
		n = read(c->fd, buf + len, sizeof buf - 1 - len);
		if (n <= 0)
			goto out;
		len += (size_t)n;
		buf[len] = '\0';
		if ((end = strstr(buf, "\r\n\r\n")) != NULL)
			break;
	}
	hlen = (size_t)(end - buf) + 4;
	line = strstr(buf, "\r\n");
	sscanf(buf, "%15s %511s", r.method, r.path);
	r.headers = xstrndup(line + 2, hlen - (size_t)(line + 2 - buf));
	if ((cl = srv_header(&r, "Content-Length")) != NULL) {
		blen = (size_t)atol(cl);
		free(cl);
	}
	while (len < hlen + blen) {
		n = read(c->fd, buf + len, sizeof buf - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	r.body = xstrndup(buf + hlen, len - hlen);
	r.at = now_ms();

	pthread_mutex_lock(&s->lock);
	idx = s->nreqs;
	if (s->nreqs < SRV_MAX_REQS)
		s->reqs[s->nreqs++] = r;
	s->active++;
	if (s->active > s->max_active)
		s->max_active = s->active;
	pthread_mutex_unlock(&s->lock);

	memset(&a, 0, sizeof a);
	a.status = 200;
	s->handler(s, &r, idx, &a);
	if (s->delay_ms > 0)
		sleep_ms(s->delay_ms);
	pthread_mutex_lock(&s->lock);
	s->active--;
	pthread_mutex_unlock(&s->lock);

	xasprintf(&out,
	    "HTTP/1.1 %d Canned\r\n"
	    "Content-Type: application/json\r\n"
	    "Content-Length: %zu\r\n"
	    "%s"
	    "request-id: srv-%d\r\n"
	    "%s\r\n%s",
	    a.status, strlen(a.body),
	    s->keepalive ? "" : "Connection: close\r\n", idx + 1, a.headers,
	    a.body);
	if (write(c->fd, out, strlen(out)) < 0)
		fprintf(stderr, "# write: %s\n", strerror(errno));
	free(out);
	if (idx >= SRV_MAX_REQS) {
		free(r.headers);
		free(r.body);
	}
	if (s->keepalive)
		goto next;
out:
	shutdown(c->fd, SHUT_WR);
	while (read(c->fd, buf, sizeof buf) > 0)
		;
	close(c->fd);
	free(c);
	return NULL;
}

/* Accept connections until told to stop. */
static void *
srv_main(void *arg)
{
	struct srv *s = arg;
	struct srv_conn *c;
	struct pollfd pfd;
	int fd, stop;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		stop = s->stop;
		pthread_mutex_unlock(&s->lock);
		if (stop)
			break;
		pfd.fd = s->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 20) <= 0)
			continue;
		if ((fd = accept(s->fd, NULL, NULL)) == -1)
			continue;
		c = xcalloc(1, sizeof *c);
		c->srv = s;
		c->fd = fd;
		pthread_mutex_lock(&s->lock);
		if (s->nconns < SRV_MAX_REQS &&
		    pthread_create(&s->conns[s->nconns], NULL, srv_conn_main,
		        c) == 0)
			s->nconns++;
		else {
			close(fd);
			free(c);
		}
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

/* Start a server on a free loopback port. */
static struct srv *
srv_start(srv_handler handler, void *arg)
{
	struct srv *s;
	struct sockaddr_in sin;
	socklen_t slen = sizeof sin;
	int one = 1;

	s = xcalloc(1, sizeof *s);
	s->handler = handler;
	s->arg = arg;
	pthread_mutex_init(&s->lock, NULL);
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(s->fd >= 0);
	setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = 0;
	assert_int_equal(bind(s->fd, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(listen(s->fd, 64), 0);
	getsockname(s->fd, (struct sockaddr *)&sin, &slen);
	s->port = ntohs(sin.sin_port);
	assert_int_equal(pthread_create(&s->thread, NULL, srv_main, s), 0);
	return s;
}

/* Stop the server and free what it recorded. */
static void
srv_stop(struct srv *s)
{
	int i, n;

	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_mutex_lock(&s->lock);
	n = s->nconns;
	pthread_mutex_unlock(&s->lock);
	for (i = 0; i < n; i++)
		pthread_join(s->conns[i], NULL);
	close(s->fd);
	for (i = 0; i < s->nreqs; i++) {
		free(s->reqs[i].headers);
		free(s->reqs[i].body);
	}
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The number of requests the server has seen. */
static int
srv_count(struct srv *s)
{
	int n;

	pthread_mutex_lock(&s->lock);
	n = s->nreqs;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* A URL on the server. */
static char *
srv_url(struct srv *s, const char *path)
{
	char *url;

	xasprintf(&url, "http://127.0.0.1:%d%s", s->port, path);
	return url;
}

/* Options for fast tests. */
static void
fast_options(struct http_options *o, int retries)
{
	memset(o, 0, sizeof *o);
	o->max_retries = retries;
	o->backoff_base_ms = 100;
	o->timeout_ms = 10000;
}

/* Answer 200 with the path in the body. */
static void
h_echo(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	(void)s;
	(void)n;
	snprintf(a->body, sizeof a->body, "{\"path\":\"%s\"}", r->path);
}

/* Answer 429 with Retry-After: 1 once, then 200. */
static void
h_429(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	(void)s;
	(void)r;
	if (n == 0) {
		a->status = 429;
		snprintf(a->headers, sizeof a->headers, "Retry-After: 1\r\n");
		snprintf(a->body, sizeof a->body,
		    "{\"error\":{\"code\":\"activityLimitReached\"}}");
	} else
		snprintf(a->body, sizeof a->body, "{}");
}

/* Answer 503 with Retry-After as an HTTP date two seconds ahead, then 200. */
static void
h_503_date(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	time_t t = time(NULL) + 2;
	struct tm tm;
	char date[64];

	(void)s;
	(void)r;
	if (n == 0) {
		a->status = 503;
		gmtime_r(&t, &tm);
		strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		snprintf(a->headers, sizeof a->headers, "Retry-After: %s\r\n",
		    date);
	}
}

/* Always answer 500. */
static void
h_500(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	(void)s;
	(void)r;
	(void)n;
	a->status = 500;
	snprintf(a->body, sizeof a->body,
	    "{\"error\":{\"code\":\"generalException\"}}");
}

/* Always answer 404. */
static void
h_404(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	(void)s;
	(void)r;
	(void)n;
	a->status = 404;
	snprintf(a->body, sizeof a->body,
	    "{\"error\":{\"code\":\"NotFound\"}}");
}

/* Always answer 429 with a long Retry-After. */
static void
h_429_long(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	(void)s;
	(void)r;
	(void)n;
	a->status = 429;
	snprintf(a->headers, sizeof a->headers, "Retry-After: 30\r\n");
}

/* Always answer 429 with Retry-After: 300. */
static void
h_429_300(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	(void)s;
	(void)r;
	(void)n;
	a->status = 429;
	snprintf(a->headers, sizeof a->headers, "Retry-After: 300\r\n");
	snprintf(a->body, sizeof a->body,
	    "{\"error\":{\"code\":\"activityLimitReached\"}}");
}

static void
test_retry_429_uses_retry_after(void **state)
{
	unsigned int seed = 1;

	(void)state;
	assert_int_equal(http_retry_delay_ms(429, 2, 1, 0, &seed), 2000);
	assert_int_equal(http_retry_delay_ms(503, 5, 2, 0, &seed), 5000);
	assert_int_equal(http_retry_delay_ms(504, 0, 1, 0, &seed), 0);
	/* In full: whether to wait that long is the caller's limit. */
	assert_int_equal(http_retry_delay_ms(429, 600, 1, 10000, &seed),
	    600000);
	assert_int_equal(http_retry_delay_ms(429, 600, 1, 0, &seed), 600000);
}

static void
test_retry_4xx_never(void **state)
{
	static const long codes[] = { 400, 401, 403, 404, 405, 409, 412, 200,
		204, 301, 501 };
	unsigned int seed = 1;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		assert_int_equal(http_retry_delay_ms(codes[i], 2, 1, 0, &seed),
		    -1);
		assert_int_equal(http_retry_delay_ms(codes[i], -1, 1, 0, &seed),
		    -1);
	}
}

/* The largest delay seen over many seeds. */
static long
retry_max(long status, long retry_after, int attempt)
{
	unsigned int i, seed;
	long d, max = -1;

	for (i = 1; i < 2000; i++) {
		seed = i;
		d = http_retry_delay_ms(status, retry_after, attempt, 0, &seed);
		assert_true(d >= 0);
		if (d > max)
			max = d;
	}
	return max;
}

static void
test_retry_5xx_backoff_grows_and_is_bounded(void **state)
{
	long m1, m2, m3, m5, m10;

	(void)state;
	m1 = retry_max(500, -1, 1);
	m2 = retry_max(500, -1, 2);
	m3 = retry_max(502, -1, 3);
	m5 = retry_max(500, -1, 5);
	m10 = retry_max(500, -1, 10);
	assert_true(m1 <= 1000 && m1 > 900);
	assert_true(m2 <= 2000 && m2 > 1800);
	assert_true(m3 <= 4000 && m3 > 3600);
	assert_true(m5 <= 16000 && m5 > 14000);
	assert_true(m10 <= 30000 && m10 > 27000);
	assert_true(retry_max(500, -1, 1000) <= 30000);
}

static void
test_retry_network_error_and_bare_429(void **state)
{
	(void)state;
	assert_true(retry_max(0, -1, 1) <= 1000);
	assert_true(retry_max(0, -1, 4) > 4000);
	assert_true(retry_max(429, -1, 1) <= 1000);
	assert_true(retry_max(503, -1, 2) <= 2000);
}

static void
test_loopback(void **state)
{
	(void)state;
	assert_true(http_url_is_loopback("http://127.0.0.1/x"));
	assert_true(http_url_is_loopback("http://127.9.9.9:8080/x"));
	assert_true(http_url_is_loopback("http://[::1]:80/v1.0/me"));
	assert_true(http_url_is_loopback("http://localhost:1234/"));
	assert_true(http_url_is_loopback("http://LOCALHOST/"));
	assert_false(http_url_is_loopback("http://128.0.0.1/"));
	assert_false(http_url_is_loopback("http://localhost.example.com/"));
	assert_false(http_url_is_loopback("http://127.0.0.1.evil.com/"));
	assert_false(http_url_is_loopback("http://evil.com/127.0.0.1"));
	assert_false(http_url_is_loopback("http://user@evil.com:80/"));
	assert_false(http_url_is_loopback("http://127.0.0.1@evil.com/"));
	assert_false(http_url_is_loopback("http://[::2]/"));
	assert_false(http_url_is_loopback("not a url"));
}

/* Is s a lowercase UUID version 4? */
static int
is_uuid4(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return s[14] == '4' && strchr("89ab", s[19]) != NULL;
}

/* UUIDs are version 4 and differ; the clock does not go back. */
static void
test_uuid_and_clock(void **state)
{
	char a[37], b[37];
	long long t0, t1;

	(void)state;
	http_uuid(a);
	http_uuid(b);
	assert_true(is_uuid4(a));
	assert_true(is_uuid4(b));
	assert_string_not_equal(a, b);
	t0 = http_now_ms();
	sleep_ms(20);
	t1 = http_now_ms();
	assert_true(t1 - t0 >= 20);
}

static void
test_sends_user_agent_and_request_id(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp, resp2;
	struct http *h;
	char *url, *ua, *crid, *auth, *cause = NULL;

	(void)state;
	fast_options(&o, 0);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/users/a/presence?$select=id");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.bearer = "loopback-token";
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.body,
	    "{\"path\":\"/v1.0/users/a/presence?$select=id\"}");
	assert_int_equal(resp.attempts, 1);
	assert_string_equal(resp.request_id, "srv-1");
	assert_true(is_uuid4(resp.client_request_id));

	assert_int_equal(srv_count(s), 1);
	ua = srv_header(&s->reqs[0], "User-Agent");
	crid = srv_header(&s->reqs[0], "client-request-id");
	auth = srv_header(&s->reqs[0], "Authorization");
	assert_string_equal(ua, "teamtop/" PACKAGE_VERSION);
	assert_string_equal(crid, resp.client_request_id);
	assert_string_equal(auth, "Bearer loopback-token");
	free(auth);
	auth = srv_header(&s->reqs[0], "Accept-Encoding");
	assert_non_null(auth);
	assert_non_null(strstr(auth, "gzip"));
	free(ua);
	free(crid);
	free(auth);

	/* A second request gets a fresh client-request-id. */
	assert_int_equal(http_perform(h, &req, &resp2, &cause), 0);
	assert_true(is_uuid4(resp2.client_request_id));
	assert_string_not_equal(resp.client_request_id,
	    resp2.client_request_id);
	http_response_done(&resp);
	http_response_done(&resp2);
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_connection_reused(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;
	int i;

	(void)state;
	s->keepalive = 1;
	fast_options(&o, 0);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/x");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	for (i = 0; i < 4; i++) {
		assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
		assert_int_equal(resp.status, 200);
		http_response_done(&resp);
	}
	assert_int_equal(srv_count(s), 4);
	pthread_mutex_lock(&s->lock);
	assert_int_equal(s->nconns, 1);
	pthread_mutex_unlock(&s->lock);
	/* Closing the client closes the connection, so the server ends. */
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_proxy_from_environment_and_option(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *proxy, *cause = NULL;

	(void)state;
	proxy = srv_url(s, "");
	unsetenv("no_proxy");
	unsetenv("NO_PROXY");
	setenv("http_proxy", proxy, 1);
	fast_options(&o, 0);
	h = http_new(&o);
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = "http://graph.example.invalid/v1.0/users";
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 200);
	assert_string_equal(s->reqs[0].path,
	    "http://graph.example.invalid/v1.0/users");
	http_response_done(&resp);
	http_free(h);
	unsetenv("http_proxy");

	/* The proxy setting does the same without the environment. */
	o.proxy = proxy;
	h = http_new(&o);
	req.url = "http://other.example.invalid/x";
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_string_equal(s->reqs[1].path, "http://other.example.invalid/x");
	http_response_done(&resp);
	http_free(h);
	free(proxy);
	srv_stop(s);
}

/* Clear every variable libcurl reads for proxies. */
static void
proxy_env_clear(void)
{
	static const char *const names[] = { "http_proxy", "HTTP_PROXY",
		"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
		"no_proxy", "NO_PROXY" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		unsetenv(names[i]);
}

/* http_proxy_for(setting, url) must be want (NULL for none). */
static void
check_proxy(const char *setting, const char *url, const char *want)
{
	char *got = http_proxy_for(setting, url);

	if (want == NULL && got != NULL)
		fail_msg("%s: proxy %s, expected none", url, got);
	if (want != NULL && (got == NULL || strcmp(got, want) != 0))
		fail_msg("%s: proxy %s, expected %s", url,
		    got != NULL ? got : "none", want);
	free(got);
}

/* The proxy is decided from the setting and the environment as libcurl. */
static void
test_proxy_decided_as_libcurl(void **state)
{
	(void)state;
	proxy_env_clear();
	check_proxy(NULL, "http://127.0.0.1:8080/v1.0", NULL);
	check_proxy("http://p:1", "http://127.0.0.1:8080/v1.0", "http://p:1");
	check_proxy("", "http://127.0.0.1:8080/v1.0", NULL);

	/* Scheme-specific, then all_proxy; HTTP_PROXY never. */
	setenv("HTTP_PROXY", "http://upper:1", 1);
	check_proxy(NULL, "http://h/", NULL);
	setenv("all_proxy", "http://all:1", 1);
	check_proxy(NULL, "http://h/", "http://all:1");
	setenv("http_proxy", "http://lower:1", 1);
	check_proxy(NULL, "http://h/", "http://lower:1");
	check_proxy(NULL, "https://h/", "http://all:1");
	setenv("HTTPS_PROXY", "http://secure:1", 1);
	check_proxy(NULL, "https://h/", "http://secure:1");
	setenv("https_proxy", "", 1); /* Empty is unset. */
	check_proxy(NULL, "https://h/", "http://secure:1");
	setenv("https_proxy", "http://s2:1", 1);
	check_proxy(NULL, "https://h/", "http://s2:1");
	/* The setting beats the variables. */
	check_proxy("socks5h://set:1", "http://h/", "socks5h://set:1");

	/* no_proxy beats the setting too, as in libcurl. */
	setenv("no_proxy", "example.com, .corp.example,10.0.0.0/8 [::1]", 1);
	check_proxy("http://set:1", "http://example.com/", NULL);
	check_proxy("http://set:1", "http://graph.example.com./", NULL);
	check_proxy(NULL, "http://EXAMPLE.COM:8080/", NULL);
	check_proxy(NULL, "http://notexample.com/", "http://lower:1");
	check_proxy(NULL, "http://a.corp.example/", NULL);
	check_proxy(NULL, "http://corp.example/", NULL);
	check_proxy(NULL, "http://10.1.2.3/", NULL);
	check_proxy(NULL, "http://11.1.2.3/", "http://lower:1");
	check_proxy(NULL, "http://127.0.0.1/", "http://lower:1");
	unsetenv("no_proxy");
	setenv("NO_PROXY", "::1,127.0.0.0/8", 1);
	check_proxy(NULL, "http://[::1]:80/", NULL);
	check_proxy(NULL, "http://127.3.2.1/", NULL);
	check_proxy(NULL, "http://localhost/", "http://lower:1");
	setenv("no_proxy", "*", 1);
	check_proxy("http://set:1", "http://anything/", NULL);
	proxy_env_clear();
}

/* http_hop_check must allow or refuse, naming want in the refusal. */
static void
check_hop(const char *url, const char *proxy, const char *want)
{
	char *cause = NULL;
	int rc = http_hop_check(url, proxy, "the client secret", &cause);

	if (want == NULL && rc != 0)
		fail_msg("%s via %s: refused: %s", url, proxy, cause);
	if (want != NULL &&
	    (rc != -1 || cause == NULL || strstr(cause, want) == NULL))
		fail_msg("%s via %s: expected a refusal naming '%s', got %s",
		    url, proxy != NULL ? proxy : "none", want,
		    cause != NULL ? cause : "none");
	free(cause);
}

/* A secret goes over plain http only when every hop reading it is local. */
static void
test_secret_only_to_a_loopback_hop(void **state)
{
	(void)state;
	/* https: end to end, whatever the proxy. */
	check_hop("https://login.example/t", NULL, NULL);
	check_hop("https://login.example/t", "http://192.0.2.1:3129", NULL);
	check_hop("https://login.example/t", "socks5://192.0.2.1", NULL);
	/* Plain http, directly. */
	check_hop("http://127.0.0.1:9/t", NULL, NULL);
	check_hop("http://[::1]:9/t", NULL, NULL);
	check_hop("http://localhost:9/t", NULL, NULL);
	check_hop("http://login.example/t?x=1", NULL,
	    "over plain http to http://login.example/t?...: use https");
	check_hop("http://192.0.2.1/t", NULL, "plain http to");
	/* Plain http through a proxy: the proxy reads it. */
	check_hop("http://127.0.0.1:9/t", "http://127.0.0.1:3128", NULL);
	check_hop("http://127.0.0.1:9/t", "localhost:3128", NULL);
	check_hop("http://127.0.0.1:9/t", "socks5h://[::1]:1080", NULL);
	check_hop("http://127.0.0.1:9/t", "https://192.0.2.1:3129", NULL);
	check_hop("http://127.0.0.1:9/t", "http://192.0.2.1:3129",
	    "through the proxy http://192.0.2.1:3129, which is not a "
	    "loopback address");
	check_hop("http://127.0.0.1:9/t", "192.0.2.1:3129",
	    "through the proxy http://192.0.2.1:3129");
	check_hop("http://127.0.0.1:9/t", "socks5://proxy.example",
	    "through the proxy socks5://proxy.example");
	check_hop("http://127.0.0.1:9/t", "http://127.0.0.1.nip.io:3128",
	    "not a loopback address");
	check_hop("http://127.0.0.1:9/t", "http://u:s3cret@192.0.2.1:3129",
	    "through the proxy http://192.0.2.1:3129,");
	/* A loopback proxy does not make a remote host safe. */
	check_hop("http://login.example/t", "http://127.0.0.1:3128",
	    "plain http to");
}

/* A bearer token for a proxy that is not loopback is never sent. */
static void
test_bearer_refused_through_a_remote_proxy(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;
	long long t0;

	(void)state;
	proxy_env_clear();
	setenv("http_proxy", "http://192.0.2.1:3129", 1);
	fast_options(&o, 4);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/me/presence");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.bearer = "secret-token-value";
	t0 = now_ms();
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_true(now_ms() - t0 < 500);
	assert_true(resp.refused);
	assert_int_equal(resp.attempts, 0);
	assert_non_null(strstr(cause, "an access token"));
	assert_non_null(strstr(cause, "http://192.0.2.1:3129"));
	free(cause);
	http_response_done(&resp);

	/* Named in no_proxy, the server is reached directly. */
	setenv("no_proxy", "127.0.0.1", 1);
	cause = NULL;
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 200);
	assert_int_equal(srv_count(s), 1);
	http_response_done(&resp);
	proxy_env_clear();
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_post_body_and_content_type(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *ct, *cause = NULL;
	const char *extra[] = { "ConsistencyLevel: eventual", NULL };

	(void)state;
	fast_options(&o, 0);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/communications/getPresencesByUserId");
	memset(&req, 0, sizeof req);
	req.method = "POST";
	req.url = url;
	req.body = "{\"ids\":[\"a\"]}";
	req.body_len = strlen(req.body);
	req.headers = extra;
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 200);
	assert_string_equal(s->reqs[0].method, "POST");
	assert_string_equal(s->reqs[0].body, "{\"ids\":[\"a\"]}");
	ct = srv_header(&s->reqs[0], "Content-Type");
	assert_string_equal(ct, "application/json");
	free(ct);
	ct = srv_header(&s->reqs[0], "ConsistencyLevel");
	assert_string_equal(ct, "eventual");
	free(ct);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_429_waits_retry_after(void **state)
{
	struct srv *s = srv_start(h_429, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;
	long long t0, t1;

	(void)state;
	fast_options(&o, 4);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/users/a/presence");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	t0 = now_ms();
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	t1 = now_ms();
	assert_int_equal(resp.status, 200);
	assert_int_equal(resp.attempts, 2);
	assert_true(resp.throttled);
	assert_int_equal(srv_count(s), 2);
	assert_true(t1 - t0 >= 1000);
	assert_true(s->reqs[1].at - s->reqs[0].at >= 1000);
	assert_true(resp.elapsed >= 1.0);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_503_retry_after_date(void **state)
{
	struct srv *s = srv_start(h_503_date, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;

	(void)state;
	fast_options(&o, 4);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/users/a/presence");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 200);
	assert_int_equal(srv_count(s), 2);
	/* The date has a resolution of one second. */
	assert_true(s->reqs[1].at - s->reqs[0].at >= 900);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_500_backs_off_then_gives_up(void **state)
{
	struct srv *s = srv_start(h_500, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;

	(void)state;
	fast_options(&o, 3);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/users/a/presence");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 500);
	assert_int_equal(resp.attempts, 4);
	assert_int_equal(srv_count(s), 4);
	assert_non_null(strstr(resp.body, "generalException"));
	/* Bounded by 100 + 200 + 400 ms of backoff, plus the requests. */
	assert_true(resp.elapsed < 3.0);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_404_not_retried(void **state)
{
	struct srv *s = srv_start(h_404, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;

	(void)state;
	fast_options(&o, 4);
	h = http_new(&o);
	url = srv_url(s, "/v1.0/users/nobody/presence");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 404);
	assert_int_equal(resp.attempts, 1);
	assert_int_equal(srv_count(s), 1);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

static void
test_bearer_refused_over_plain_http(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;

	(void)state;
	fast_options(&o, 4);
	h = http_new(&o);
	/* A name that would resolve to the server, were it looked up. */
	xasprintf(&url, "http://127.0.0.1.nip.io:%d/v1.0/me/presence", s->port);
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.bearer = "secret-token-value";
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "https"));
	assert_null(strstr(cause, "secret-token-value"));
	assert_int_equal(resp.status, 0);
	assert_int_equal(resp.attempts, 0);
	assert_true(resp.elapsed < 0.5);
	assert_int_equal(srv_count(s), 0);
	free(cause);
	http_response_done(&resp);
	free(url);

	/* A token with a line break would inject a header: refused. */
	url = srv_url(s, "/v1.0/me/presence");
	req.url = url;
	req.bearer = "tok\r\nX-Evil: 1";
	cause = NULL;
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_non_null(strstr(cause, "line break"));
	assert_int_equal(srv_count(s), 0);
	free(cause);
	http_response_done(&resp);
	free(url);

	/* Schemes other than http and https are refused. */
	url = xstrdup("ftp://127.0.0.1/x");
	req.url = url;
	req.bearer = NULL;
	cause = NULL;
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_non_null(cause);
	free(cause);
	http_response_done(&resp);
	free(url);
	http_free(h);
	srv_stop(s);
}

static void
test_many_runs_concurrently(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req[6];
	struct http_response resp[6];
	char *causes[6], *urls[6], path[64], want[128];
	clock_t cpu;
	struct http *h;
	long long t0, t1;
	size_t i;

	(void)state;
	s->delay_ms = 400;
	fast_options(&o, 0);
	h = http_new(&o);
	memset(req, 0, sizeof req);
	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof path, "/v1.0/chunk/%zu", i);
		urls[i] = srv_url(s, path);
		req[i].method = "POST";
		req[i].url = urls[i];
		req[i].body = "{}";
		req[i].body_len = 2;
	}
	t0 = now_ms();
	cpu = clock();
	assert_int_equal(http_perform_many(h, req, resp, causes, 6, 3), 0);
	cpu = clock() - cpu;
	t1 = now_ms();
	/* Waiting is not spinning: well under half a CPU for 0.8 s. */
	assert_true((double)cpu / CLOCKS_PER_SEC < 0.4);
	for (i = 0; i < 6; i++) {
		assert_int_equal(resp[i].status, 200);
		assert_null(causes[i]);
		snprintf(want, sizeof want, "{\"path\":\"/v1.0/chunk/%zu\"}",
		    i);
		assert_string_equal(resp[i].body, want);
		http_response_done(&resp[i]);
		free(urls[i]);
	}
	/* Six 400 ms answers, three at a time: two rounds, not six. */
	assert_true(t1 - t0 >= 800);
	assert_true(t1 - t0 < 2000);
	assert_int_equal(s->max_active, 3);
	assert_int_equal(srv_count(s), 6);
	http_free(h);
	srv_stop(s);
}

/* A loopback port with nothing listening. */
static int
closed_port(void)
{
	struct sockaddr_in sin;
	socklen_t slen = sizeof sin;
	int fd, port;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sin, sizeof sin);
	getsockname(fd, (struct sockaddr *)&sin, &slen);
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static void
test_network_error_retried(void **state)
{
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;

	(void)state;
	fast_options(&o, 2);
	h = http_new(&o);
	xasprintf(&url, "http://127.0.0.1:%d/v1.0/x", closed_port());
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_int_equal(resp.status, 0);
	assert_int_equal(resp.attempts, 3);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "after 3 attempts"));
	free(cause);
	http_response_done(&resp);
	http_free(h);
	free(url);
}

static void
test_bad_ca_file_not_retried(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;

	(void)state;
	fast_options(&o, 3);
	o.ca_file = "/nonexistent/ca.pem";
	h = http_new(&o);
	xasprintf(&url, "https://127.0.0.1:%d/v1.0/x", s->port);
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.bearer = "token";
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_non_null(cause);
	/* A certificate problem does not go away by trying again. */
	assert_int_equal(resp.attempts, 1);
	assert_null(strstr(cause, "token"));
	free(cause);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

/* Cancel once the deadline in arg has passed. */
static int
cancel_after(void *arg)
{
	return now_ms() >= *(long long *)arg;
}

static void
test_wait_is_cancelled(void **state)
{
	struct srv *s = srv_start(h_429_long, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;
	long long deadline, t0;

	(void)state;
	fast_options(&o, 4);
	o.cancel = cancel_after;
	o.cancel_arg = &deadline;
	h = http_new(&o);
	url = srv_url(s, "/v1.0/x");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	t0 = now_ms();
	deadline = t0 + 300;
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_non_null(strstr(cause, "cancelled"));
	/* Not the 30 s the server asked for. */
	assert_true(now_ms() - t0 < 1500);
	assert_int_equal(srv_count(s), 1);
	assert_true(resp.throttled);
	free(cause);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

/*
 * A Retry-After over the limit ends the retries at once, saying how long
 * was asked; without a limit it is waited (here until cancelled).
 */
static void
test_retry_after_over_the_limit(void **state)
{
	struct srv *s = srv_start(h_429_300, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;
	long long deadline, t0;

	(void)state;
	fast_options(&o, 4);
	h = http_new(&o);
	assert_int_equal(http_wait_limit(h), 120000);
	url = srv_url(s, "/v1.0/x");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	t0 = now_ms();
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_true(now_ms() - t0 < 1000);
	assert_int_equal(resp.status, 429);
	assert_int_equal(resp.attempts, 1);
	assert_int_equal(resp.wait_refused, 300);
	assert_int_equal(resp.wait_limit, 120);
	assert_int_equal(resp.retry_after, 300);
	http_response_done(&resp);
	http_free(h);

	/* No limit: the wait is honoured, as long as it is not cancelled. */
	o.max_retry_wait_ms = -1;
	o.cancel = cancel_after;
	o.cancel_arg = &deadline;
	h = http_new(&o);
	assert_int_equal(http_wait_limit(h), -1);
	t0 = now_ms();
	deadline = t0 + 1500;
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_true(now_ms() - t0 >= 1400);
	assert_non_null(strstr(cause, "cancelled"));
	assert_int_equal(resp.wait_refused, 0);
	assert_int_equal(srv_count(s), 2);
	free(cause);
	http_response_done(&resp);
	http_free(h);
	free(url);
	srv_stop(s);
}

/*
 * The deadline cuts the transfers and the retries of a request that never
 * gets an answer, and a request after it is not sent at all.
 */
static void
test_deadline_bounds_everything(void **state)
{
	struct srv *s = srv_start(h_echo, NULL);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct http *h;
	char *url, *cause = NULL;
	long long t0;

	(void)state;
	s->delay_ms = 3000;
	fast_options(&o, 4);
	o.timeout_ms = 800;
	h = http_new(&o);
	http_set_deadline(h, 2000);
	url = srv_url(s, "/v1.0/x");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	t0 = now_ms();
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_true(now_ms() - t0 >= 1900);
	assert_true(now_ms() - t0 < 2600);
	assert_non_null(
	    strstr(cause, "no time left before the deadline of 2 s"));
	assert_true(resp.attempts >= 2 && resp.attempts <= 3);
	free(cause);
	http_response_done(&resp);

	/*
	 * Giving up may come a little before the deadline (no retry fits in
	 * what is left); once it has passed, nothing more is sent.
	 */
	if (now_ms() < t0 + 2050)
		sleep_ms(t0 + 2050 - now_ms());
	t0 = now_ms();
	cause = NULL;
	assert_int_equal(http_perform(h, &req, &resp, &cause), -1);
	assert_true(now_ms() - t0 < 100);
	assert_non_null(strstr(cause, "not sent: the deadline of 2 s"));
	assert_int_equal(resp.attempts, 0);
	free(cause);
	http_response_done(&resp);

	/* A back-off of the caller's own must end before the deadline. */
	cause = NULL;
	assert_int_equal(http_wait(h, 10, 0, &cause), -1);
	assert_non_null(strstr(cause, "deadline"));
	free(cause);
	/* A wait the server asked for moves it instead. */
	cause = NULL;
	http_set_deadline(h, 100);
	assert_int_equal(http_wait(h, 300, 429, &cause), 0);
	assert_int_equal(http_wait(h, 50, 0, &cause), 0);
	http_free(h);
	free(url);
	srv_stop(s);
}

/* What the token endpoint should do. */
struct tok {
	int mode; /* 0 good, 1 refuse, 2 unavailable, 3 bad token. */
	long expires_in;
};

/* A token endpoint. */
static void
h_token(struct srv *s, const struct srv_req *r, int n, struct srv_answer *a)
{
	struct tok *t = s->arg;

	if (strcmp(r->method, "POST") != 0 ||
	    strcmp(r->path, "/contoso.example/oauth2/v2.0/token") != 0) {
		a->status = 404;
		return;
	}
	switch (t->mode) {
	case 0:
		snprintf(a->body, sizeof a->body,
		    "{\"token_type\":\"Bearer\",\"expires_in\":%ld,"
		    "\"access_token\":\"tok-%d\"}",
		    t->expires_in, n + 1);
		break;
	case 3:
		snprintf(a->body, sizeof a->body,
		    "{\"expires_in\":3599,\"access_token\":\"tok\\r\\nX-Evil: "
		    "1\"}");
		break;
	case 1:
		a->status = 401;
		snprintf(a->body, sizeof a->body,
		    "{\"error\":\"invalid_client\",\"error_description\":"
		    "\"AADSTS7000215: Invalid client secret provided. Got "
		    "'wr0ng+secret'.\\r\\nTrace ID: 1\",\"error_codes\":"
		    "[7000215]}");
		break;
	default:
		a->status = 503;
		snprintf(a->body, sizeof a->body,
		    "{\"error\":\"temporarily_unavailable\","
		    "\"error_description\":\"AADSTS50196: try later\"}");
		break;
	}
}

/* A configuration that points at the server. */
static void
token_cfg(struct cfg *cfg, struct srv *s, const char *secret)
{
	char *cause = NULL;

	cfg_init(cfg);
	cfg->login_url = srv_url(s, "");
	cfg->graph_url = srv_url(s, "");
	cfg->tenant = xstrdup("contoso.example");
	cfg->client_id = xstrdup("7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17");
	if (secret != NULL)
		cfg->client_secret = xstrdup(secret);
	assert_int_equal(cfg_finish(cfg, &cause), 0);
}

static void
test_token_request_and_cache(void **state)
{
	struct tok t = { 0, 3599 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	const char *tok;
	char *cause = NULL, *ct, *want;
	int i;

	(void)state;
	token_cfg(&cfg, s, "s+cr&t=/x");
	fast_options(&o, 0);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	assert_non_null(c);
	graph_error_init(&err);
	for (i = 0; i < 5; i++) {
		tok = cred_token(c, h, &err);
		assert_non_null(tok);
		assert_string_equal(tok, "tok-1");
	}
	assert_int_equal(srv_count(s), 1);
	assert_true(cred_expires_in(c) > 3590 && cred_expires_in(c) <= 3599);
	xasprintf(&want,
	    "grant_type=client_credentials&client_id=7e3a1c52-5d0f-4b8e-9a61-"
	    "2f4c8d9e0b17&client_secret=s%%2Bcr%%26t%%3D%%2Fx&scope=http%%3A%%"
	    "2F%%2F127.0.0.1%%3A%d%%2F.default",
	    s->port);
	assert_string_equal(s->reqs[0].body, want);
	free(want);
	ct = srv_header(&s->reqs[0], "Content-Type");
	assert_string_equal(ct, "application/x-www-form-urlencoded");
	free(ct);

	/* After a 401 the caller invalidates: the next call asks again. */
	cred_invalidate(c);
	tok = cred_token(c, h, &err);
	assert_string_equal(tok, "tok-2");
	assert_int_equal(srv_count(s), 2);

	cred_free(c);
	http_free(h);
	cfg_done(&cfg);
	srv_stop(s);
}

static void
test_token_renewed_near_expiry(void **state)
{
	struct tok t = { 0, 1 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	char *cause = NULL;

	(void)state;
	token_cfg(&cfg, s, "secret");
	fast_options(&o, 0);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	graph_error_init(&err);
	/* A one-second token is renewed in its last 10%. */
	assert_string_equal(cred_token(c, h, &err), "tok-1");
	assert_string_equal(cred_token(c, h, &err), "tok-1");
	assert_int_equal(srv_count(s), 1);
	sleep_ms(950);
	assert_string_equal(cred_token(c, h, &err), "tok-2");
	assert_int_equal(srv_count(s), 2);

	/* A 301 s token is kept for 90% of its life, not renewed at once. */
	t.expires_in = 301;
	cred_invalidate(c);
	assert_string_equal(cred_token(c, h, &err), "tok-3");
	assert_string_equal(cred_token(c, h, &err), "tok-3");
	assert_int_equal(srv_count(s), 3);
	assert_true(cred_expires_in(c) >= 299);
	cred_free(c);
	http_free(h);
	cfg_done(&cfg);
	srv_stop(s);
}

static void
test_wrong_secret_is_auth_error(void **state)
{
	struct tok t = { 1, 0 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	char *cause = NULL;

	(void)state;
	token_cfg(&cfg, s, "wr0ng+secret");
	fast_options(&o, 4);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	graph_error_init(&err);
	assert_null(cred_token(c, h, &err));
	assert_int_equal(err.kind, GRAPH_ERR_AUTH);
	assert_int_equal(err.kind, 3);
	assert_int_equal(err.status, 401);
	assert_string_equal(err.code, "invalid_client");
	assert_non_null(strstr(err.message, "AADSTS7000215"));
	assert_non_null(strstr(err.message, "Check the client secret"));
	assert_non_null(strstr(err.message, "contoso.example"));
	assert_null(strstr(err.message, "wr0ng+secret"));
	assert_null(strstr(err.message, "Trace ID"));
	assert_null(strchr(err.message, '\n'));
	/* A 401 from the token endpoint is not retried. */
	assert_int_equal(srv_count(s), 1);
	graph_error_done(&err);
	cred_free(c);
	http_free(h);
	cfg_done(&cfg);
	srv_stop(s);
}

static void
test_token_endpoint_down_is_network_error(void **state)
{
	struct tok t = { 2, 0 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	char *cause = NULL;

	(void)state;
	token_cfg(&cfg, s, "secret");
	fast_options(&o, 1);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	graph_error_init(&err);
	assert_null(cred_token(c, h, &err));
	assert_int_equal(err.kind, GRAPH_ERR_NETWORK);
	assert_int_equal(err.status, 503);
	assert_non_null(strstr(err.message, "temporarily_unavailable"));
	/* Retried per the HTTP policy. */
	assert_int_equal(srv_count(s), 2);
	graph_error_done(&err);
	cred_free(c);
	http_free(h);
	cfg_done(&cfg);

	/* A token that would inject a header is refused. */
	t.mode = 3;
	token_cfg(&cfg, s, "secret");
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	assert_null(cred_token(c, h, &err));
	assert_non_null(strstr(err.message, "malformed access_token"));
	graph_error_done(&err);
	cred_free(c);
	http_free(h);
	cfg_done(&cfg);

	/* Nothing listening: a network error too. */
	cfg_init(&cfg);
	xasprintf(&cfg.login_url, "http://127.0.0.1:%d", closed_port());
	cfg.tenant = xstrdup("contoso.example");
	cfg.client_id = xstrdup("app");
	cfg.client_secret = xstrdup("secret");
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	assert_null(cred_token(c, h, &err));
	assert_int_equal(err.kind, GRAPH_ERR_NETWORK);
	assert_null(strstr(err.message, "secret"));
	graph_error_done(&err);
	cred_free(c);
	http_free(h);
	cfg_done(&cfg);
	srv_stop(s);
}

static void
test_log_has_no_secrets(void **state)
{
	struct tok t = { 0, 3599 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct http_request req;
	struct http_response resp;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	char dir[4096], *path, *url, *cause = NULL;
	char text[8192];
	const char *tok;
	size_t n;
	FILE *f;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_http");
	xasprintf(&path, "%s/log", dir);
	assert_int_equal(log_open(path, &cause), 0);
	token_cfg(&cfg, s, "Very$ecret");
	fast_options(&o, 0);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	graph_error_init(&err);
	tok = cred_token(c, h, &err);
	assert_string_equal(tok, "tok-1");
	url = srv_url(s, "/v1.0/users/a/presence?$filter=secretish");
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.bearer = tok;
	assert_int_equal(http_perform(h, &req, &resp, &cause), 0);
	assert_int_equal(resp.status, 404);
	http_response_done(&resp);
	log_close();

	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(path);
	free(path);
	rmdir(dir);
	assert_non_null(strstr(text, "POST http://127.0.0.1:"));
	assert_non_null(strstr(text,
	    "/contoso.example/oauth2/v2.0/token -> "
	    "200"));
	assert_non_null(strstr(text, "request-id srv-1"));
	assert_non_null(strstr(text, "/v1.0/users/a/presence?... -> 404"));
	assert_null(strstr(text, "tok-1"));
	assert_null(strstr(text, "ecret"));
	assert_null(strstr(text, "Bearer"));
	assert_null(strstr(text, "Authorization"));
	assert_null(strstr(text, "client_secret"));
	assert_null(strstr(text, "secretish"));

	cred_free(c);
	http_free(h);
	cfg_done(&cfg);
	free(url);
	srv_stop(s);
}

static void
test_secret_file_and_command_are_sent(void **state)
{
	struct tok t = { 0, 3599 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	char dir[4096], *path, *cause = NULL;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_http");
	xasprintf(&path, "%s/secret", dir);
	write_file(path, "from-file\n", 0600);
	fast_options(&o, 0);
	h = http_new(&o);
	graph_error_init(&err);

	token_cfg(&cfg, s, NULL);
	cfg.secret_file = xstrdup(path);
	c = cred_new(&cfg, &cause);
	assert_non_null(c);
	assert_non_null(cred_token(c, h, &err));
	assert_non_null(strstr(s->reqs[0].body, "client_secret=from-file&"));
	cred_free(c);
	cfg_done(&cfg);

	token_cfg(&cfg, s, NULL);
	cfg.secret_command = xstrdup("printf 'from-command\\nsecond line\\n'");
	c = cred_new(&cfg, &cause);
	assert_non_null(c);
	assert_non_null(cred_token(c, h, &err));
	assert_non_null(strstr(s->reqs[1].body, "client_secret=from-command&"));
	cred_free(c);
	cfg_done(&cfg);

	unlink(path);
	rmdir(dir);
	free(path);
	http_free(h);
	srv_stop(s);
}

/* Write a self-signed certificate and its key to path; return the cert. */
static X509 *
make_certificate(const char *path, mode_t mode)
{
	EVP_PKEY *key;
	X509_NAME *name;
	X509 *x;
	FILE *f;

	key = EVP_RSA_gen(2048);
	assert_non_null(key);
	x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, key);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"teamtop test", -1, -1, 0);
	X509_set_issuer_name(x, name);
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	f = fopen(path, "w");
	assert_non_null(f);
	PEM_write_X509(f, x);
	PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	chmod(path, mode);
	EVP_PKEY_free(key);
	return x;
}

/* Decode base64url; returns the length. */
static size_t
b64url_decode(const char *in, size_t len, unsigned char **out)
{
	char *s;
	size_t i, pad, n;
	int got;

	pad = (4 - len % 4) % 4;
	s = xmalloc(len + pad + 1);
	for (i = 0; i < len; i++)
		s[i] = in[i] == '-' ? '+' : in[i] == '_' ? '/' : in[i];
	for (n = 0; n < pad; n++)
		s[len + n] = '=';
	s[len + pad] = '\0';
	*out = xmalloc(len + pad);
	got = EVP_DecodeBlock(*out, (unsigned char *)s, (int)(len + pad));
	free(s);
	assert_true(got >= 0);
	return (size_t)got - pad;
}

/* The value of a form field, decoded. */
static char *
form_value(const char *body, const char *name)
{
	const char *p = body, *end;
	char *out, *o;
	size_t n = strlen(name);
	unsigned int c;

	while (p != NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			p += n + 1;
			end = p + strcspn(p, "&");
			out = o = xmalloc((size_t)(end - p) + 1);
			for (; p < end; p++) {
				if (*p == '%' &&
				    sscanf(p + 1, "%2x", &c) == 1) {
					*o++ = (char)c;
					p += 2;
				} else
					*o++ = *p == '+' ? ' ' : *p;
			}
			*o = '\0';
			return out;
		}
		p = strchr(p, '&');
		if (p != NULL)
			p++;
	}
	return NULL;
}

static void
test_certificate_assertion(void **state)
{
	struct tok t = { 0, 3599 };
	struct srv *s = srv_start(h_token, &t);
	struct http_options o;
	struct graph_error err;
	struct cfg cfg;
	struct cred *c;
	struct http *h;
	X509 *x;
	EVP_MD_CTX *ctx;
	EVP_PKEY_CTX *pctx;
	cJSON *hdr, *claims;
	unsigned char md[EVP_MAX_MD_SIZE], *raw, *sig;
	unsigned int mdlen;
	size_t rawlen, siglen;
	char dir[4096], *path, *jwt, *dot1, *dot2;
	char *v, *want, *cause = NULL;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_http");
	xasprintf(&path, "%s/app.pem", dir);
	x = make_certificate(path, 0600);
	token_cfg(&cfg, s, NULL);
	cfg.certificate_path = xstrdup(path);
	fast_options(&o, 0);
	h = http_new(&o);
	c = cred_new(&cfg, &cause);
	if (c == NULL)
		fail_msg("%s", cause);
	graph_error_init(&err);
	assert_string_equal(cred_token(c, h, &err), "tok-1");

	v = form_value(s->reqs[0].body, "client_assertion_type");
	assert_string_equal(v,
	    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
	free(v);
	assert_null(form_value(s->reqs[0].body, "client_secret"));
	v = form_value(s->reqs[0].body, "grant_type");
	assert_string_equal(v, "client_credentials");
	free(v);
	jwt = form_value(s->reqs[0].body, "client_assertion");
	assert_non_null(jwt);
	dot1 = strchr(jwt, '.');
	assert_non_null(dot1);
	dot2 = strchr(dot1 + 1, '.');
	assert_non_null(dot2);

	/* The header names PS256 and the certificate's thumbprints. */
	rawlen = b64url_decode(jwt, (size_t)(dot1 - jwt), &raw);
	hdr = cJSON_ParseWithLength((char *)raw, rawlen);
	free(raw);
	assert_non_null(hdr);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(hdr, "alg")
	                        ->valuestring,
	    "PS256");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(hdr, "typ")
	                        ->valuestring,
	    "JWT");
	X509_digest(x, EVP_sha256(), md, &mdlen);
	rawlen = b64url_decode(cJSON_GetObjectItemCaseSensitive(hdr, "x5t#S256")
	                           ->valuestring,
	    strlen(
	        cJSON_GetObjectItemCaseSensitive(hdr, "x5t#S256")->valuestring),
	    &raw);
	assert_int_equal(rawlen, 32);
	assert_memory_equal(raw, md, 32);
	free(raw);
	X509_digest(x, EVP_sha1(), md, &mdlen);
	rawlen = b64url_decode(cJSON_GetObjectItemCaseSensitive(hdr, "x5t")
	                           ->valuestring,
	    strlen(cJSON_GetObjectItemCaseSensitive(hdr, "x5t")->valuestring),
	    &raw);
	assert_int_equal(rawlen, 20);
	assert_memory_equal(raw, md, 20);
	free(raw);
	cJSON_Delete(hdr);

	/* The claims. */
	rawlen = b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), &raw);
	claims = cJSON_ParseWithLength((char *)raw, rawlen);
	free(raw);
	assert_non_null(claims);
	xasprintf(&want,
	    "http://127.0.0.1:%d/contoso.example/oauth2/v2.0/token", s->port);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(claims, "aud")
	                        ->valuestring,
	    want);
	free(want);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(claims, "iss")
	                        ->valuestring,
	    cfg.client_id);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(claims, "sub")
	                        ->valuestring,
	    cfg.client_id);
	assert_int_equal(strlen(cJSON_GetObjectItemCaseSensitive(claims, "jti")
	                            ->valuestring),
	    36);
	assert_true(
	    cJSON_GetObjectItemCaseSensitive(claims, "exp")->valuedouble -
	        cJSON_GetObjectItemCaseSensitive(claims, "nbf")->valuedouble ==
	    600);
	assert_true(
	    fabs(cJSON_GetObjectItemCaseSensitive(claims, "iat")->valuedouble -
	        (double)time(NULL)) < 60);
	cJSON_Delete(claims);

	/* The signature verifies with the certificate's key, RSA-PSS. */
	siglen = b64url_decode(dot2 + 1, strlen(dot2 + 1), &sig);
	assert_int_equal(siglen, 256);
	ctx = EVP_MD_CTX_new();
	assert_int_equal(EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL,
	                     X509_get0_pubkey(x)),
	    1);
	EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
	EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
	assert_int_equal(EVP_DigestVerify(ctx, sig, siglen,
	                     (unsigned char *)jwt, (size_t)(dot2 - jwt)),
	    1);
	/* And not for anything else. */
	jwt[0] ^= 1;
	EVP_MD_CTX_free(ctx);
	ctx = EVP_MD_CTX_new();
	EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL,
	    X509_get0_pubkey(x));
	EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
	EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
	assert_int_not_equal(EVP_DigestVerify(ctx, sig, siglen,
	                         (unsigned char *)jwt, (size_t)(dot2 - jwt)),
	    1);
	EVP_MD_CTX_free(ctx);
	free(sig);
	free(jwt);

	/* A fresh assertion for each token request. */
	cred_invalidate(c);
	assert_string_equal(cred_token(c, h, &err), "tok-2");
	assert_string_not_equal(s->reqs[0].body, s->reqs[1].body);

	cred_free(c);
	cfg_done(&cfg);
	X509_free(x);
	unlink(path);
	free(path);
	rmdir(dir);
	http_free(h);
	srv_stop(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid_and_clock),
		cmocka_unit_test(test_retry_429_uses_retry_after),
		cmocka_unit_test(test_retry_4xx_never),
		cmocka_unit_test(test_retry_5xx_backoff_grows_and_is_bounded),
		cmocka_unit_test(test_retry_network_error_and_bare_429),
		cmocka_unit_test(test_loopback),
		cmocka_unit_test(test_sends_user_agent_and_request_id),
		cmocka_unit_test(test_connection_reused),
		cmocka_unit_test(test_proxy_from_environment_and_option),
		cmocka_unit_test(test_post_body_and_content_type),
		cmocka_unit_test(test_429_waits_retry_after),
		cmocka_unit_test(test_503_retry_after_date),
		cmocka_unit_test(test_500_backs_off_then_gives_up),
		cmocka_unit_test(test_404_not_retried),
		cmocka_unit_test(test_bearer_refused_over_plain_http),
		cmocka_unit_test(test_many_runs_concurrently),
		cmocka_unit_test(test_network_error_retried),
		cmocka_unit_test(test_bad_ca_file_not_retried),
		cmocka_unit_test(test_wait_is_cancelled),
		cmocka_unit_test(test_retry_after_over_the_limit),
		cmocka_unit_test(test_deadline_bounds_everything),
		cmocka_unit_test(test_proxy_decided_as_libcurl),
		cmocka_unit_test(test_secret_only_to_a_loopback_hop),
		cmocka_unit_test(test_bearer_refused_through_a_remote_proxy),
		cmocka_unit_test(test_token_request_and_cache),
		cmocka_unit_test(test_token_renewed_near_expiry),
		cmocka_unit_test(test_wrong_secret_is_auth_error),
		cmocka_unit_test(test_token_endpoint_down_is_network_error),
		cmocka_unit_test(test_secret_file_and_command_are_sent),
		cmocka_unit_test(test_log_has_no_secrets),
		cmocka_unit_test(test_certificate_assertion),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests_name("http", tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
