/*
 * The libcurl wrapper. Every request, one or many, goes through one curl
 * multi handle and a small pool of easy handles kept for the life of the
 * struct http, so connections are reused. Each request has its own retry
 * state: 429 and 503/504 wait for Retry-After, other 5xx and network errors
 * back off exponentially with full jitter, other 4xx are final. Waits are
 * cut into small steps that poll the cancel callback. A struct http belongs
 * to one thread at a time.
 */
#include "config.h"

#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "log.h"
#include "xmalloc.h"

/* Defaults of struct http_options. */
#define HTTP_CONNECT_TIMEOUT_MS 10000L
#define HTTP_TIMEOUT_MS 60000L
#define HTTP_MAX_RETRIES 4
#define HTTP_MAX_RETRY_WAIT_MS 120000L /* Also bounds a backoff. */
#define HTTP_BACKOFF_BASE_MS 1000L
#define HTTP_BACKOFF_CAP_MS 30000L

/* How long one step of a wait is, so that cancel is seen quickly. */
#define HTTP_STEP_MS 50L
/* The largest response body kept. */
#define HTTP_MAX_BODY (64UL * 1024 * 1024)

struct http {
	char *ca_file;
	char *proxy;
	long connect_timeout_ms;
	long timeout_ms;
	int max_retries;
	long max_retry_wait_ms; /* -1 for no limit. */
	long backoff_base_ms;
	long deadline_ms;      /* The deadline's length, for messages. */
	long long deadline;    /* Monotonic milliseconds; 0 for none. */
	long long paused_till; /* End of the last wait Graph asked for. */
	int (*cancel)(void *);
	void *cancel_arg;
	void (*wait)(void *, long, long);
	void *wait_arg;
	long long told_end; /* The end of the wait last told; 0 for none. */

	unsigned int seed; /* For the jitter. */
	CURLM *multi;
	CURL **easy; /* Pool; easy[0] serves http_perform. */
	size_t neasy;
};

/* The state of one request across its attempts. */
struct http_xfer {
	const struct http_request *req;
	struct http_response *resp;
	char **cause;

	CURL *easy; /* While an attempt is running. */
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	char crid[37];    /* client-request-id. */
	long long start;  /* Milliseconds, monotonic. */
	long long tstart; /* Of this attempt. */
	double rtt;       /* Seconds of the last attempt, from libcurl. */
	long long next;   /* When the next attempt may start. */
	long wait_status; /* The answer that asked for that wait, or 0. */
	int state;        /* 0 waiting, 1 running, 2 done. */

	char *proxy; /* The proxy libcurl is told to use, or NULL for none. */

	char *body;
	size_t len;
	size_t cap;
	int toolarge;
	char *request_id;
	long retry_after;
};

/* Milliseconds of the monotonic clock. */
long long
http_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Fill a buffer with random bytes. */
static void
http_random(void *buf, size_t len)
{
	unsigned char *p = buf;
	ssize_t n;
	size_t i;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			/* No entropy source: fall back to the clock. */
			for (i = 0; i < len; i++)
				p[i] =
				    (unsigned char)(http_now_ms() >> (i % 8)) ^
				    (unsigned char)rand();
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

/* Format a random UUID version 4. */
void
http_uuid(char out[37])
{
	unsigned char b[16];

	http_random(b, sizeof b);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, 37,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
	    b[11], b[12], b[13], b[14], b[15]);
}

/* Create a client. */
struct http *
http_new(const struct http_options *o)
{
	struct http *h;

	h = xcalloc(1, sizeof *h);
	if (o->ca_file != NULL && *o->ca_file != '\0')
		h->ca_file = xstrdup(o->ca_file);
	if (o->proxy != NULL && *o->proxy != '\0')
		h->proxy = xstrdup(o->proxy);
	h->connect_timeout_ms = o->connect_timeout_ms > 0
	    ? o->connect_timeout_ms
	    : HTTP_CONNECT_TIMEOUT_MS;
	h->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : HTTP_TIMEOUT_MS;
	h->max_retries =
	    o->max_retries >= 0 ? o->max_retries : HTTP_MAX_RETRIES;
	http_set_wait_limit(h, o->max_retry_wait_ms);
	h->backoff_base_ms =
	    o->backoff_base_ms > 0 ? o->backoff_base_ms : HTTP_BACKOFF_BASE_MS;
	h->cancel = o->cancel;
	h->cancel_arg = o->cancel_arg;
	h->wait = o->wait;
	h->wait_arg = o->wait_arg;
	http_random(&h->seed, sizeof h->seed);
	if ((h->multi = curl_multi_init()) == NULL)
		fatal("curl_multi_init failed");
	return h;
}

/* Free a client and its connections. */
void
http_free(struct http *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->neasy; i++)
		curl_easy_cleanup(h->easy[i]);
	free(h->easy);
	curl_multi_cleanup(h->multi);
	free(h->ca_file);
	free(h->proxy);
	free(h);
}

/* Free the strings of a response and reset it. */
void
http_response_done(struct http_response *resp)
{
	if (resp == NULL)
		return;
	free(resp->body);
	free(resp->request_id);
	free(resp->client_request_id);
	memset(resp, 0, sizeof *resp);
	resp->retry_after = -1;
}

/* Give up once ms have passed, not counting Retry-After waits; 0: never. */
void
http_set_deadline(struct http *h, long ms)
{
	h->deadline_ms = ms > 0 ? ms : 0;
	h->deadline = ms > 0 ? http_now_ms() + ms : 0;
	h->paused_till = 0;
}

/*
 * A wait of ms from now that Graph asked for does not count against the
 * deadline: move it by the part of the wait that no earlier one covers.
 */
static void
http_pause(struct http *h, long long now, long ms)
{
	long long end = now + ms, from;

	if (h->deadline == 0)
		return;
	from = now > h->paused_till ? now : h->paused_till;
	if (end > from)
		h->deadline += end - from;
	if (end > h->paused_till)
		h->paused_till = end;
}

/* Would a wait of ms from now (not asked for by Graph) pass the deadline? */
static int
http_past_deadline(const struct http *h, long long now, long ms)
{
	return h->deadline != 0 && now + ms >= h->deadline;
}

/* The longest Retry-After honoured, milliseconds; -1 for no limit. */
long
http_wait_limit(const struct http *h)
{
	return h->max_retry_wait_ms;
}

/* Change the longest Retry-After honoured: 0 default, -1 no limit. */
void
http_set_wait_limit(struct http *h, long ms)
{
	h->max_retry_wait_ms = ms == 0 ? HTTP_MAX_RETRY_WAIT_MS
	    : ms < 0                   ? -1
	                               : ms;
}

/* Tell the wait callback that waits end at end (0: none), if it changed. */
static void
http_tell_wait(struct http *h, long long now, long long end, long status)
{
	if (h->wait == NULL || end == h->told_end)
		return;
	h->told_end = end;
	h->wait(h->wait_arg, end != 0 ? (long)(end - now) : 0, status);
}

/* Wait as before a retry, in steps that poll the cancel callback. */
int
http_wait(struct http *h, long ms, long status, char **cause)
{
	struct timespec ts;
	long long end, now = http_now_ms();
	long step;

	if (status != 0)
		http_pause(h, now, ms);
	else if (http_past_deadline(h, now, ms)) {
		xasprintf(cause, "gave up: the deadline of %ld s has passed",
		    h->deadline_ms / 1000);
		return -1;
	}
	end = now + ms;
	http_tell_wait(h, now, end, status);
	for (;;) {
		if (h->cancel != NULL && h->cancel(h->cancel_arg)) {
			http_tell_wait(h, http_now_ms(), 0, 0);
			*cause = xstrdup("cancelled");
			return -1;
		}
		if ((now = http_now_ms()) >= end) {
			http_tell_wait(h, now, 0, 0);
			return 0;
		}
		step =
		    end - now < HTTP_STEP_MS ? (long)(end - now) : HTTP_STEP_MS;
		ts.tv_sec = 0;
		ts.tv_nsec = step * 1000000L;
		nanosleep(&ts, NULL);
	}
}

/* The retry decision; see http.h. */
long
http_retry_delay_ms(long status, long retry_after, int attempt,
    long max_wait_ms, unsigned int *seed)
{
	return http_retry_delay_base_ms(status, retry_after, attempt,
	    max_wait_ms, HTTP_BACKOFF_BASE_MS, seed);
}

/* The retry decision with a given backoff base. */
long
http_retry_delay_base_ms(long status, long retry_after, int attempt,
    long max_wait_ms, long base_ms, unsigned int *seed)
{
	unsigned int local;
	long bound;
	int i;

	if (attempt < 1)
		attempt = 1;
	if (max_wait_ms <= 0)
		max_wait_ms = HTTP_MAX_RETRY_WAIT_MS;
	if (base_ms <= 0)
		base_ms = HTTP_BACKOFF_BASE_MS;
	if (status == 429 || status == 503 || status == 504) {
		if (retry_after >= 0)
			return retry_after > LONG_MAX / 1000
			    ? LONG_MAX
			    : retry_after * 1000;
	} else if (status != 0 &&
	    (status < 500 || status > 599 || status == 501 || status == 505))
		return -1;

	/* Exponential backoff with full jitter. */
	bound = base_ms;
	for (i = 1; i < attempt && bound < HTTP_BACKOFF_CAP_MS; i++)
		bound *= 2;
	if (bound > HTTP_BACKOFF_CAP_MS)
		bound = HTTP_BACKOFF_CAP_MS;
	if (bound > max_wait_ms)
		bound = max_wait_ms;
	if (seed == NULL) {
		local = (unsigned int)http_now_ms();
		seed = &local;
	}
	return (long)(((unsigned long long)rand_r(seed) *
	                  (unsigned long long)(bound + 1)) /
	    ((unsigned long long)RAND_MAX + 1));
}

/* Is the URL's host a loopback address? */
int
http_url_is_loopback(const char *url)
{
	CURLU *u;
	char *host = NULL;
	struct in_addr a4;
	struct in6_addr a6;
	size_t len;
	int yes = 0;

	if ((u = curl_url()) == NULL)
		return 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		goto out;
	len = strlen(host);
	if (strcasecmp(host, "localhost") == 0)
		yes = 1;
	else if (inet_pton(AF_INET, host, &a4) == 1)
		yes = (ntohl(a4.s_addr) >> 24) == 127;
	else if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
		host[len - 1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &a6) == 1) {
			yes = IN6_IS_ADDR_LOOPBACK(&a6) ||
			    (IN6_IS_ADDR_V4MAPPED(&a6) &&
			        a6.s6_addr[12] == 127);
		}
	}
out:
	curl_free(host);
	curl_url_cleanup(u);
	return yes;
}

/* Is this a plain http:// URL? */
static int
http_is_plain(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0;
}

/* The URL without its query, for the log. */
static char *
http_log_url(const char *url)
{
	size_t n = strcspn(url, "?#");
	char *s;

	xasprintf(&s, "%.*s%s", (int)n, url, url[n] != '\0' ? "?..." : "");
	return s;
}

/* The host of a URL as libcurl sees it ("[::1]" for IPv6), or NULL. */
static char *
http_url_host(const char *url, unsigned int flags, char **scheme, char **port)
{
	CURLU *u;
	char *host = NULL;

	if (scheme != NULL)
		*scheme = NULL;
	if (port != NULL)
		*port = NULL;
	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, flags) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		if (scheme != NULL)
			curl_url_get(u, CURLUPART_SCHEME, scheme, 0);
		if (port != NULL)
			curl_url_get(u, CURLUPART_PORT, port, 0);
	}
	curl_url_cleanup(u);
	return host;
}

/* An environment variable as libcurl reads it: unset when empty. */
static const char *
http_env(const char *name)
{
	const char *v = getenv(name);

	return (v != NULL && *v != '\0') ? v : NULL;
}

/* Is an IPv4 or IPv6 address inside network/bits (0 bits: equal)? */
static int
http_cidr_match(int af, const char *addr, const char *network,
    unsigned int bits)
{
	unsigned char a[16], n[16];
	unsigned int len = af == AF_INET ? 4 : 16, i;

	if (bits > len * 8 || inet_pton(af, addr, a) != 1 ||
	    inet_pton(af, network, n) != 1)
		return 0;
	if (bits == 0)
		bits = len * 8;
	for (i = 0; i < len && bits > 0; i++, bits -= bits > 8 ? 8 : bits) {
		if (bits >= 8 ? a[i] != n[i]
		              : ((a[i] ^ n[i]) & (0xff << (8 - bits))) != 0)
			return 0;
	}
	return 1;
}

/*
 * Does no_proxy name the host, as libcurl matches it? "*" alone matches
 * everything; a name matches itself and its subdomains (a leading dot is
 * ignored, and trailing dots); an address matches itself or a CIDR range.
 */
static int
http_noproxy_match(const char *host, const char *list)
{
	char name[256], token[256], *slash;
	const char *p = list, *t;
	size_t namelen, tlen;
	unsigned int bits;
	int af = 0;
	unsigned char buf[16];

	if (list == NULL || *list == '\0' || host == NULL || *host == '\0')
		return 0;
	if (strcmp(list, "*") == 0)
		return 1;
	namelen = strlen(host);
	if (host[0] == '[') {
		if (namelen < 2 || host[namelen - 1] != ']' ||
		    namelen - 2 >= sizeof name)
			return 0;
		memcpy(name, host + 1, namelen - 2);
		namelen -= 2;
		af = AF_INET6;
	} else {
		if (namelen >= sizeof name)
			return 0;
		memcpy(name, host, namelen);
		if (inet_pton(AF_INET, host, buf) == 1)
			af = AF_INET;
		else if (name[namelen - 1] == '.')
			namelen--;
	}
	name[namelen] = '\0';

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		t = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',')
			p++;
		if ((tlen = (size_t)(p - t)) == 0 || tlen >= sizeof token)
			continue;
		memcpy(token, t, tlen);
		token[tlen] = '\0';
		if (af != 0) {
			bits = 0;
			if ((slash = strchr(token, '/')) != NULL) {
				*slash = '\0';
				bits = (unsigned int)atoi(slash + 1);
			}
			if (http_cidr_match(af, name, token, bits))
				return 1;
			continue;
		}
		if (token[tlen - 1] == '.')
			token[--tlen] = '\0';
		t = token;
		if (tlen > 0 && *t == '.') {
			t++;
			tlen--;
		}
		if (tlen == namelen && strncasecmp(t, name, tlen) == 0)
			return 1;
		if (tlen < namelen && name[namelen - tlen - 1] == '.' &&
		    strncasecmp(t, name + namelen - tlen, tlen) == 0)
			return 1;
	}
	return 0;
}

/* The proxy libcurl is told to use for url; see http.h. */
char *
http_proxy_for(const char *setting, const char *url)
{
	const char *proxy = NULL, *noproxy;
	char *host, *scheme = NULL;

	if ((host = http_url_host(url, 0, &scheme, NULL)) == NULL)
		return NULL;
	noproxy = http_env("no_proxy");
	if (noproxy == NULL)
		noproxy = http_env("NO_PROXY");
	if (http_noproxy_match(host, noproxy))
		goto out;
	if (setting != NULL && *setting != '\0')
		proxy = setting;
	else if (scheme != NULL && strcasecmp(scheme, "https") == 0) {
		if ((proxy = http_env("https_proxy")) == NULL)
			proxy = http_env("HTTPS_PROXY");
	} else {
		/* Never HTTP_PROXY, which a CGI's "Proxy:" header sets. */
		proxy = http_env("http_proxy");
	}
	if (proxy == NULL && (proxy = http_env("all_proxy")) == NULL)
		proxy = http_env("ALL_PROXY");
out:
	curl_free(host);
	curl_free(scheme);
	return proxy != NULL ? xstrdup(proxy) : NULL;
}

/* A proxy for messages: scheme://host:port, never its credentials. */
static char *
http_proxy_name(const char *proxy)
{
	char *host, *scheme, *port, *s;

	host = http_url_host(proxy,
	    CURLU_NON_SUPPORT_SCHEME | CURLU_GUESS_SCHEME, &scheme, &port);
	if (host == NULL)
		return xstrdup("(a proxy setting that is not a URL)");
	xasprintf(&s, "%s://%s%s%s", scheme != NULL ? scheme : "http", host,
	    port != NULL ? ":" : "", port != NULL ? port : "");
	curl_free(host);
	curl_free(scheme);
	curl_free(port);
	return s;
}

/* May a secret go to url through proxy (NULL for none)? See http.h. */
int
http_hop_check(const char *url, const char *proxy, const char *what,
    char **cause)
{
	char *scheme = NULL, *host, *name, *where;
	int safe;

	if (strncasecmp(url, "https://", 8) == 0)
		return 0;
	if (!http_url_is_loopback(url)) {
		where = http_log_url(url);
		xasprintf(cause,
		    "refusing to send %s over plain http to %s: use https",
		    what, where);
		free(where);
		return -1;
	}
	if (proxy == NULL)
		return 0;
	host = http_url_host(proxy,
	    CURLU_NON_SUPPORT_SCHEME | CURLU_GUESS_SCHEME, &scheme, NULL);
	/* TLS to the proxy, or a proxy on this machine, which reads it. */
	safe = scheme != NULL && strcasecmp(scheme, "https") == 0;
	if (host != NULL && !safe) {
		xasprintf(&name, "http://%s/", host);
		safe = http_url_is_loopback(name);
		free(name);
	}
	curl_free(host);
	curl_free(scheme);
	if (safe)
		return 0;
	name = http_proxy_name(proxy);
	xasprintf(cause,
	    "refusing to send %s over plain http through the proxy %s, "
	    "which is not a loopback address: use an https:// proxy or "
	    "https URLs, or name the host in no_proxy",
	    what, name);
	free(name);
	return -1;
}

/* Keep a chunk of the body. */
static size_t
http_write_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct http_xfer *x = arg;
	size_t n = size * nmemb;

	if (x->len + n + 1 > HTTP_MAX_BODY) {
		x->toolarge = 1;
		return 0;
	}
	if (x->len + n + 1 > x->cap) {
		x->cap = (x->len + n + 1) * 2;
		x->body = xreallocarray(x->body, 1, x->cap);
	}
	memcpy(x->body + x->len, ptr, n);
	x->len += n;
	x->body[x->len] = '\0';
	return n;
}

/* Parse a Retry-After value: seconds or an HTTP date. */
static long
http_parse_retry_after(const char *v)
{
	char *end;
	long s;
	time_t t, now;

	while (*v == ' ' || *v == '\t')
		v++;
	if (*v >= '0' && *v <= '9') {
		errno = 0;
		s = strtol(v, &end, 10);
		if (errno != 0 || s < 0)
			return -1;
		while (*end == ' ' || *end == '\t')
			end++;
		return *end == '\0' ? s : -1;
	}
	if ((t = curl_getdate(v, NULL)) == -1)
		return -1;
	now = time(NULL);
	return t > now ? (long)(t - now) : 0;
}

/* Look at a response header for request-id and Retry-After. */
static size_t
http_header_cb(char *buf, size_t size, size_t nitems, void *arg)
{
	struct http_xfer *x = arg;
	size_t n = size * nitems, len = n, nlen;
	char *colon, *value;

	if (n > 7 && strncmp(buf, "HTTP/", 5) == 0) {
		/* A new response (after a 100 Continue, too): start over. */
		free(x->request_id);
		x->request_id = NULL;
		x->retry_after = -1;
		return n;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	if ((colon = memchr(buf, ':', len)) == NULL)
		return n;
	nlen = (size_t)(colon - buf);
	value = xstrndup(colon + 1, len - nlen - 1);
	if (nlen == 10 && strncasecmp(buf, "request-id", nlen) == 0) {
		free(x->request_id);
		x->request_id = xstrdup(value + strspn(value, " \t"));
	} else if (nlen == 11 && strncasecmp(buf, "retry-after", nlen) == 0)
		x->retry_after = http_parse_retry_after(value);
	free(value);
	return n;
}

/* Abort a transfer when the caller is quitting. */
static int
http_progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct http *h = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return h->cancel != NULL && h->cancel(h->cancel_arg) ? 1 : 0;
}

/* Wipe and free a header list (it may hold a bearer token). */
static void
http_free_headers(struct curl_slist *list)
{
	struct curl_slist *l;

	for (l = list; l != NULL; l = l->next)
		explicit_bzero(l->data, strlen(l->data));
	curl_slist_free_all(list);
}

/* Set up an easy handle for one attempt. */
static void
http_setup(struct http *h, struct http_xfer *x, CURL *easy)
{
	const struct http_request *r = x->req;
	const char *ct, *method = r->method != NULL ? r->method : "GET";
	char *line;
	size_t i;
	long timeout, connect;
	long long left;

	curl_easy_reset(easy);
	x->headers = NULL;
	xasprintf(&line, "client-request-id: %s", x->crid);
	x->headers = curl_slist_append(x->headers, line);
	free(line);
	x->headers = curl_slist_append(x->headers, "Accept: application/json");
	x->headers = curl_slist_append(x->headers, "Expect:");
	if (r->bearer != NULL) {
		xasprintf(&line, "Authorization: Bearer %s", r->bearer);
		x->headers = curl_slist_append(x->headers, line);
		xfree_secret(line);
	}
	if (r->body != NULL) {
		ct = r->content_type != NULL ? r->content_type
		                             : "application/json";
		xasprintf(&line, "Content-Type: %s", ct);
		x->headers = curl_slist_append(x->headers, line);
		free(line);
	}
	for (i = 0; r->headers != NULL && r->headers[i] != NULL; i++)
		x->headers = curl_slist_append(x->headers, r->headers[i]);

	curl_easy_setopt(easy, CURLOPT_URL, r->url);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "teamtop/" PACKAGE_VERSION);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->ca_file != NULL)
		curl_easy_setopt(easy, CURLOPT_CAINFO, h->ca_file);
	/*
	 * The proxy decided in http_check, "" for none: libcurl must not
	 * decide again from the environment, or the check would not hold.
	 */
	curl_easy_setopt(easy, CURLOPT_PROXY, x->proxy != NULL ? x->proxy : "");
	curl_easy_setopt(easy, CURLOPT_NOPROXY, "");
	if (h->ca_file != NULL)
		curl_easy_setopt(easy, CURLOPT_PROXY_CAINFO, h->ca_file);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
	/* Each transfer within timeout, and within what the deadline leaves. */
	timeout = h->timeout_ms;
	connect = h->connect_timeout_ms;
	if (h->deadline != 0) {
		left = h->deadline - http_now_ms();
		if (left < 1)
			left = 1;
		if (left < timeout)
			timeout = (long)left;
		if (left < connect)
			connect = (long)left;
	}
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, http_header_cb);
	curl_easy_setopt(easy, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, http_progress_cb);
	curl_easy_setopt(easy, CURLOPT_XFERINFODATA, h);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, x);

	if (strcmp(method, "GET") == 0)
		curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
	else {
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method);
		if (r->body != NULL || strcmp(method, "POST") == 0) {
			curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
			    (curl_off_t)(r->body != NULL ? r->body_len : 0));
			curl_easy_setopt(easy, CURLOPT_POSTFIELDS,
			    r->body != NULL ? r->body : "");
		}
	}

	free(x->body);
	x->body = NULL;
	x->len = x->cap = 0;
	x->toolarge = 0;
	free(x->request_id);
	x->request_id = NULL;
	x->retry_after = -1;
	x->errbuf[0] = '\0';
}

/* Take a free easy handle from the pool, growing it. */
static CURL *
http_take_easy(struct http *h, CURL **busy, size_t *slot)
{
	size_t i;

	for (i = 0; i < h->neasy; i++) {
		if (busy[i] == NULL) {
			*slot = i;
			return h->easy[i];
		}
	}
	return NULL;
}

/* Give the result of a request to the caller. */
static void
http_finish(struct http_xfer *x, long status, const char *error)
{
	struct http_response *resp = x->resp;

	resp->status = status;
	resp->body = x->body != NULL ? x->body : xstrdup("");
	resp->len = x->len;
	x->body = NULL;
	resp->request_id = x->request_id;
	x->request_id = NULL;
	resp->retry_after = x->retry_after;
	resp->client_request_id = xstrdup(x->crid);
	resp->elapsed = (double)(http_now_ms() - x->start) / 1000.0;
	resp->rtt = x->rtt;
	if (error != NULL && x->cause != NULL)
		*x->cause = xstrdup(error);
	x->state = 2;
}

/* Can a transfer that ended so be tried again? */
static int
http_retryable(CURLcode result)
{
	switch (result) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_WRITE_ERROR: /* The body was too large. */
	case CURLE_ABORTED_BY_CALLBACK:
	case CURLE_OUT_OF_MEMORY:
	case CURLE_BAD_CONTENT_ENCODING:
		return 0;
	default:
		return 1;
	}
}

/* Decide what happens after an attempt has ended. */
static void
http_attempt_done(struct http *h, struct http_xfer *x, CURLcode result)
{
	const struct http_request *r = x->req;
	long status = 0, delay;
	long long now = http_now_ms();
	char *url, *error = NULL;
	const char *what;
	int over = 0;

	if (result == CURLE_OK)
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	x->resp->attempts++;
	x->rtt = (double)(now - x->tstart) / 1000.0;
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &x->rtt);
	if (status == 429)
		x->resp->throttled = 1;

	url = http_log_url(r->url);
	if (result == CURLE_OK) {
		log_debug("http: %s %s -> %ld in %lld ms (attempt %d, "
		          "request-id %s)",
		    r->method, url, status, now - x->tstart, x->resp->attempts,
		    x->request_id != NULL ? x->request_id : "none");
	} else {
		what = x->toolarge         ? "response too large"
		    : x->errbuf[0] != '\0' ? x->errbuf
		                           : curl_easy_strerror(result);
		log_debug("http: %s %s -> failed in %lld ms (attempt %d): %s",
		    r->method, url, now - x->tstart, x->resp->attempts, what);
		xasprintf(&error, "%s %s: %s", r->method, url, what);
	}
	http_free_headers(x->headers);
	x->headers = NULL;
	x->easy = NULL;

	if (result == CURLE_ABORTED_BY_CALLBACK) {
		free(error);
		xasprintf(&error, "%s %s: cancelled", r->method, url);
		http_finish(x, 0, error);
		goto out;
	}
	delay = -1;
	if (x->resp->attempts <= h->max_retries && http_retryable(result)) {
		delay = http_retry_delay_base_ms(status, x->retry_after,
		    x->resp->attempts,
		    h->max_retry_wait_ms > 0 ? h->max_retry_wait_ms
		                             : HTTP_MAX_RETRY_WAIT_MS,
		    h->backoff_base_ms, &h->seed);
		if (delay > 0 && x->retry_after >= 0 &&
		    (status == 429 || status == 503 || status == 504) &&
		    h->max_retry_wait_ms >= 0 && delay > h->max_retry_wait_ms) {
			/* Not worth waiting for: give up now, and say why. */
			log_debug("http: %s %s: asked to wait %ld s, over the "
			          "limit of %ld s: giving up",
			    r->method, url, x->retry_after,
			    h->max_retry_wait_ms / 1000);
			x->resp->wait_refused = x->retry_after;
			x->resp->wait_limit = h->max_retry_wait_ms / 1000;
			delay = -1;
		}
	}
	if (delay >= 0 && x->retry_after >= 0 &&
	    (status == 429 || status == 503 || status == 504))
		http_pause(h, now, delay);
	else if (delay >= 0 && http_past_deadline(h, now, delay)) {
		log_debug("http: %s %s: the deadline of %ld s has passed",
		    r->method, url, h->deadline_ms / 1000);
		delay = -1;
		over = 1;
	}
	if (delay >= 0 && h->cancel != NULL && h->cancel(h->cancel_arg)) {
		free(error);
		xasprintf(&error, "%s %s: cancelled", r->method, url);
		http_finish(x, 0, error);
		goto out;
	}
	if (delay >= 0) {
		log_debug("http: %s %s: retrying in %ld ms", r->method, url,
		    delay);
		x->next = now + delay;
		x->wait_status = x->retry_after >= 0 ? status : 0;
		x->state = 0;
		goto out;
	}
	if (result != CURLE_OK) {
		what = x->toolarge         ? "response too large"
		    : x->errbuf[0] != '\0' ? x->errbuf
		                           : curl_easy_strerror(result);
		free(error);
		if (over)
			xasprintf(&error,
			    "%s %s: %s (after %d attempt%s; gave up: no time "
			    "left before the deadline of %ld s)",
			    r->method, url, what, x->resp->attempts,
			    x->resp->attempts == 1 ? "" : "s",
			    h->deadline_ms / 1000);
		else if (x->resp->attempts > 1)
			xasprintf(&error, "%s %s: %s (after %d attempts)",
			    r->method, url, what, x->resp->attempts);
		else
			xasprintf(&error, "%s %s: %s", r->method, url, what);
		http_finish(x, 0, error);
	} else
		http_finish(x, status, NULL);
out:
	free(error);
	free(url);
}

/* Fill the response of a request not sent because the deadline passed. */
static void
http_too_late(struct http *h, struct http_xfer *x)
{
	char *url, *error;

	url = http_log_url(x->req->url);
	xasprintf(&error, "%s %s: not sent: the deadline of %ld s has passed",
	    x->req->method, url, h->deadline_ms / 1000);
	log_debug("http: %s", error);
	http_finish(x, 0, error);
	free(error);
	free(url);
}

/*
 * Check a request before any attempt and decide its proxy; fill the
 * response when refused.
 */
static int
http_check(struct http *h, struct http_xfer *x)
{
	const struct http_request *r = x->req;
	char *url, *error = NULL;

	if (r->url == NULL ||
	    (strncasecmp(r->url, "https://", 8) != 0 &&
	        !http_is_plain(r->url))) {
		http_finish(x, 0, "only http:// and https:// URLs are allowed");
		return -1;
	}
	if ((r->bearer != NULL && strpbrk(r->bearer, "\r\n") != NULL) ||
	    strpbrk(r->url, "\r\n ") != NULL) {
		http_finish(x, 0,
		    "refusing a request with a line break in its "
		    "URL or token");
		return -1;
	}
	x->proxy = http_proxy_for(h->proxy, r->url);
	if ((r->bearer != NULL &&
	        http_hop_check(r->url, x->proxy, "an access token", &error) !=
	            0) ||
	    (r->secret != NULL &&
	        http_hop_check(r->url, x->proxy, r->secret, &error) != 0)) {
		url = http_log_url(r->url);
		log_debug("http: %s %s: refused (a secret over plain http)",
		    r->method, url);
		x->resp->refused = 1;
		http_finish(x, 0, error);
		free(error);
		free(url);
		return -1;
	}
	return 0;
}

/* Tell the wait callback when the retries waiting now end. */
static void
http_tell_waits(struct http *h, const struct http_xfer *x, size_t n)
{
	long long now = http_now_ms(), end = 0;
	long status = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (x[i].state == 0 && x[i].resp->attempts > 0 &&
		    x[i].next > now && x[i].next > end) {
			end = x[i].next;
			status = x[i].wait_status;
		}
	}
	http_tell_wait(h, now, end, status);
}

/* Perform n requests with up to parallel in flight. */
size_t
http_perform_many(struct http *h, const struct http_request *reqs,
    struct http_response *resps, char **causes, size_t n, size_t parallel)
{
	struct http_xfer *x, *xx;
	CURL **busy, *easy;
	CURLcode result;
	struct timespec ts;
	CURLMsg *msg;
	long long now, wake;
	size_t i, slot, done = 0, running = 0, failed = 0;
	int left, still;
	long wait;

	if (n == 0)
		return 0;
	if (parallel == 0)
		parallel = 1;
	if (parallel > n)
		parallel = n;
	while (h->neasy < parallel) {
		h->easy = xreallocarray(h->easy, h->neasy + 1, sizeof *h->easy);
		if ((h->easy[h->neasy] = curl_easy_init()) == NULL)
			fatal("curl_easy_init failed");
		h->neasy++;
	}
	busy = xcalloc(h->neasy, sizeof *busy);

	x = xcalloc(n, sizeof *x);
	now = http_now_ms();
	for (i = 0; i < n; i++) {
		memset(&resps[i], 0, sizeof resps[i]);
		resps[i].retry_after = -1;
		if (causes != NULL)
			causes[i] = NULL;
		x[i].req = &reqs[i];
		x[i].resp = &resps[i];
		x[i].cause = causes != NULL ? &causes[i] : NULL;
		x[i].start = x[i].next = now;
		x[i].retry_after = -1;
		http_uuid(x[i].crid);
		if (http_check(h, &x[i]) != 0)
			done++;
	}

	while (done < n) {
		now = http_now_ms();
		if (h->cancel != NULL && h->cancel(h->cancel_arg)) {
			for (i = 0; i < n; i++) {
				if (x[i].state == 2)
					continue;
				if (x[i].state == 1) {
					curl_multi_remove_handle(h->multi,
					    x[i].easy);
					http_free_headers(x[i].headers);
					x[i].headers = NULL;
				}
				http_finish(&x[i], 0, "cancelled");
				done++;
			}
			break;
		}

		/* Start what may start, in order. */
		for (i = 0; i < n && running < parallel; i++) {
			if (x[i].state != 0 || x[i].next > now)
				continue;
			if (x[i].resp->attempts == 0 && h->deadline != 0 &&
			    now >= h->deadline) {
				http_too_late(h, &x[i]);
				done++;
				continue;
			}
			if ((easy = http_take_easy(h, busy, &slot)) == NULL)
				break;
			busy[slot] = easy;
			http_setup(h, &x[i], easy);
			x[i].easy = easy;
			x[i].tstart = now;
			x[i].state = 1;
			curl_multi_add_handle(h->multi, easy);
			running++;
		}

		if (running > 0)
			curl_multi_perform(h->multi, &still);
		while ((msg = curl_multi_info_read(h->multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			easy = msg->easy_handle;
			result = msg->data.result;
			xx = NULL;
			curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&xx);
			curl_multi_remove_handle(h->multi, easy);
			for (slot = 0; slot < h->neasy; slot++) {
				if (busy[slot] == easy)
					busy[slot] = NULL;
			}
			running--;
			http_attempt_done(h, xx, result);
			if (xx->state == 2)
				done++;
		}
		if (done == n)
			break;
		http_tell_waits(h, x, n);

		/* Sleep until something happens, in short steps. */
		now = http_now_ms();
		wake = now + HTTP_STEP_MS;
		for (i = 0; i < n && running < parallel; i++) {
			/* With every slot busy, only curl can wake us. */
			if (x[i].state == 0 && x[i].next < wake)
				wake = x[i].next;
		}
		wait = (long)(wake - now);
		if (wait < 0)
			wait = 0;
		if (running > 0)
			curl_multi_poll(h->multi, NULL, 0, (int)wait, NULL);
		else if (wait > 0) {
			ts.tv_sec = wait / 1000;
			ts.tv_nsec = (wait % 1000) * 1000000L;
			nanosleep(&ts, NULL);
		}
	}

	http_tell_wait(h, http_now_ms(), 0, 0);
	for (i = 0; i < n; i++) {
		free(x[i].body);
		free(x[i].request_id);
		free(x[i].proxy);
		if (resps[i].status == 0)
			failed++;
	}
	free(x);
	free(busy);
	return failed;
}

/* Perform one request with the retry policy. */
int
http_perform(struct http *h, const struct http_request *req,
    struct http_response *resp, char **cause)
{
	char *c = NULL;

	if (http_perform_many(h, req, resp, &c, 1, 1) != 0) {
		if (cause != NULL)
			*cause = c != NULL ? c : xstrdup("request failed");
		else
			free(c);
		return -1;
	}
	free(c);
	return 0;
}
