/*
 * The libcurl wrapper: connection reuse, timeouts, User-Agent, request ids,
 * proxies from the environment, TLS verification always on, and the retry
 * policy. A struct http belongs to one thread at a time.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>

struct http;

struct http_options {
	const char *ca_file;     /* Extra CA bundle, or NULL. */
	long connect_timeout_ms; /* 0 for the default (10 s). */
	long timeout_ms;         /* Whole transfer; 0 for the default (60 s). */
	int max_retries; /* Retries after the first try; -1 default (4). */
	/*
	 * The longest Retry-After honoured, in milliseconds: a longer one
	 * ends the retries at once (resp->wait_refused). 0 for the default
	 * (120 s), -1 for no limit (the dashboard waits whatever it is asked).
	 */
	long max_retry_wait_ms;

	const char *proxy; /* Proxy URL, or NULL for libcurl's environment
			      variables (http_proxy, https_proxy, ...). */
	long
	    backoff_base_ms; /* First backoff bound; 0 for the default (1 s). */

	/* Polled while waiting; returning non-zero aborts (on quit). */
	int (*cancel)(void *arg);
	void *cancel_arg;

	/*
	 * Told when requests start waiting before they are sent again: ms
	 * until the last of the waits ends, status the answer that asked for
	 * it with Retry-After (429, 503, 504) or 0 for a back-off; and with
	 * ms 0 once nothing waits any more. For a status bar.
	 */
	void (*wait)(void *arg, long ms, long status);
	void *wait_arg;
};

struct http_request {
	const char *method; /* "GET", "POST", "PUT", "DELETE". */
	const char *url;
	const char *body; /* NULL for none. */
	size_t body_len;
	const char *content_type; /* Default application/json with a body. */
	const char *bearer;       /* Access token or NULL. */
	/*
	 * What secret the body holds, in words ("the client secret"), or
	 * NULL. A request with a secret or a bearer token is refused over
	 * plain http:// unless every hop that reads it is loopback
	 * (http_hop_check).
	 */
	const char *secret;
	const char *const *headers; /* Extra "Name: value", NULL-terminated. */
};

struct http_response {
	long status; /* HTTP status; 0 when none was received. */
	char *body;  /* NUL-terminated, len bytes before the NUL. */
	size_t len;
	char *request_id; /* The response's request-id header, or NULL. */
	char *client_request_id; /* The client-request-id that was sent. */
	long retry_after;        /* Seconds from Retry-After, -1 when absent. */
	double elapsed;          /* Seconds, over all attempts and waits. */
	double rtt;              /* Seconds of the last attempt alone. */
	int attempts;
	int throttled;     /* A 429 was seen on the way. */
	int refused;       /* Refused before sending: a secret over plain http
			  to a first hop that is not loopback. */
	long wait_refused; /* Seconds of a Retry-After over the limit, which
			      ended the retries; 0 when none. */
	long wait_limit;   /* That limit, seconds. */
};

struct http *http_new(const struct http_options *);
void http_free(struct http *);

/*
 * Perform one request with the retry policy: 429 and 503/504 wait for
 * Retry-After; other 5xx and network errors back off exponentially with
 * jitter; other 4xx are not retried. Returns 0 once any HTTP answer is
 * final (check resp->status), -1 with *cause when no answer came (network
 * error after the retries, cancelled, or refused before sending, with
 * resp->refused set: a secret or a bearer token whose first hop would be
 * plain http and not loopback).
 */
int http_perform(struct http *, const struct http_request *,
    struct http_response *, char **cause);

/*
 * Perform n requests with up to parallel in flight at once, each with the
 * retry policy. causes[i] is set for each request that failed as above.
 * Returns the number that failed.
 */
size_t http_perform_many(struct http *, const struct http_request *,
    struct http_response *, char **causes, size_t n, size_t parallel);

void http_response_done(struct http_response *);

/*
 * Wait ms milliseconds as before a retry: in short steps that poll the
 * cancel callback, telling the wait callback. status is the answer that
 * asked for the wait with Retry-After, which then does not count against
 * the deadline, or 0 for a back-off of the caller's own, which is not
 * begun when it would pass the deadline. Returns 0, or -1 with *cause when
 * cancelled or past the deadline.
 */
int http_wait(struct http *, long ms, long status, char **cause);

/*
 * From now, give up on requests once ms have passed (0: never), not
 * counting the waits the server asked for with Retry-After: each transfer
 * is cut to what is left, a retry that would start later is not made, and
 * a request is not sent at all once it has passed. For a whole one-shot
 * command, or one action of the dashboard.
 */
void http_set_deadline(struct http *, long ms);

/* The longest Retry-After honoured, milliseconds; -1 for no limit. */
long http_wait_limit(const struct http *);
/* Change it (see struct http_options). */
void http_set_wait_limit(struct http *, long ms);

/*
 * The retry decision, pure for testing: the milliseconds to wait before
 * attempt number attempt (1 for the first retry) after status (0 for a
 * network error) with retry_after seconds (-1 when absent), or -1 when the
 * request must not be retried. A Retry-After on 429, 503 or 504 is
 * returned in full (whether to wait that long is the caller's limit);
 * otherwise the exponential backoff is bounded by max_wait_ms (0 for
 * 120 s) and 30 s.
 */
long http_retry_delay_ms(long status, long retry_after, int attempt,
    long max_wait_ms, unsigned int *seed);

/* The same with the first backoff bound base_ms (0 for the default). */
long http_retry_delay_base_ms(long status, long retry_after, int attempt,
    long max_wait_ms, long base_ms, unsigned int *seed);

/* Milliseconds of the monotonic clock. */
long long http_now_ms(void);

/* A random UUID version 4, 36 characters and a NUL (request ids, jti). */
void http_uuid(char out[37]);

/* Is the URL's host a loopback address (127.0.0.0/8, ::1, localhost)? */
int http_url_is_loopback(const char *url);

/*
 * The proxy for url, decided as libcurl decides it (and then given to
 * libcurl, so that the two never differ): none when no_proxy (else
 * NO_PROXY) names the host ("*", a name and its subdomains, an address or
 * a CIDR range); else setting when not NULL or empty; else https_proxy
 * (else HTTPS_PROXY) for https and http_proxy (never HTTP_PROXY) for http;
 * else all_proxy (else ALL_PROXY). Empty variables count as unset.
 * Returns an allocated proxy string, or NULL for a direct connection.
 */
char *http_proxy_for(const char *setting, const char *url);

/*
 * May what ("an access token", "the client secret") go to url through
 * proxy (NULL for none)? Over https always (end to end, through a CONNECT
 * tunnel when there is a proxy). Over plain http only when every hop that
 * reads it is loopback: the host, and the proxy unless it is an https://
 * proxy. Returns 0, or -1 with *cause naming the hop (a proxy without its
 * credentials).
 */
int http_hop_check(const char *url, const char *proxy, const char *what,
    char **cause);

#endif
