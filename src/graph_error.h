/*
 * The error of a failed call, whether to Graph or to the token endpoint:
 * its kind (the one-shot commands' exit status), the HTTP status, the
 * server's code and message, the request id. Plain data, safe from any
 * thread; each error belongs to the thread that fills it.
 */
#ifndef GRAPH_ERROR_H
#define GRAPH_ERROR_H

/* What went wrong; the values are the one-shot commands' exit statuses. */
enum graph_err_kind {
	GRAPH_OK = 0,
	GRAPH_ERR_REFUSED = 1, /* Graph answered with a 4xx refusal. */
	GRAPH_ERR_USAGE = 2,   /* Bad input, refused before sending. */
	GRAPH_ERR_AUTH = 3,    /* No token could be had. */
	GRAPH_ERR_NETWORK = 4  /* No answer, or throttling given up. */
};

/* A failed call. Strings are allocated or NULL; free with graph_error_done. */
struct graph_error {
	enum graph_err_kind kind;
	long status;      /* HTTP status, 0 when none came. */
	char *code;       /* Graph's error.code or OAuth's error. */
	char *message;    /* For the user; never holds a secret or a token. */
	char *request_id; /* Graph's request-id, for support. */
	int throttled;    /* A 429 was seen on the way. */
};

void graph_error_init(struct graph_error *);
void graph_error_done(struct graph_error *);
/* Empty the error, then set its kind and a formatted message. */
void graph_error_set(struct graph_error *, enum graph_err_kind, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
/* One line for a terminal or a status bar: "message (code, request-id)". */
char *graph_error_string(const struct graph_error *);

#endif
