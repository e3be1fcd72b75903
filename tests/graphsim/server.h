/*
 * The HTTP side of graphsim: libmicrohttpd on loopback, one thread per
 * connection; requests and answers as plain structs so that $batch can
 * dispatch sub-requests through the same router; stats, fault rules,
 * --latency and throttling. Any connection thread may call these.
 */
#ifndef SERVER_H
#define SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "jbuf.h"

/* A name and a value (query argument or header). */
struct kv {
	char *key;
	char *value;
};

/* A request, from a connection or from a $batch. */
struct req {
	char *method;
	char *path;          /* Decoded, without the version prefix. */
	const char *version; /* "v1.0", "beta" or NULL. */
	struct kv *args;
	size_t nargs;
	struct kv *headers;
	size_t nheaders;
	const char *body;
	size_t body_len;
	char *params[2]; /* What {id} or {tenant} matched. */
	char *client_id; /* The app, once its token is verified. */
	int delegated;   /* The token is a user's (delegated), not the app's. */
	size_t user;     /* That user's index in the tenant, when delegated. */
	char *scopes;    /* The delegated token's scp, space-separated. */
	char request_id[37];
	int in_batch;
};

/* An answer. */
struct resp {
	int status;
	struct jbuf body;
	int has_body;
	const char *content_type;
	long retry_after; /* Seconds; -1 for none. */
	const char *www_authenticate;
	char
	    *location; /* A redirect's Location, or NULL; freed by resp_done. */
};

/* Options the server runs with. */
struct server_config {
	const char *host;
	unsigned short port;
	long latency_ms;
	long throttle; /* Requests per 30 s; 0 for none. */
};

int server_start(const struct server_config *, unsigned short *, char **);
void server_stop(void);
const char *server_base(void);
/* Milliseconds since the last request ended; 0 while one is served. */
int64_t server_idle_ms(void);

void server_dispatch(struct req *, struct resp *);

const char *req_arg(const struct req *, const char *);
const char *req_header(const struct req *, const char *);
void req_done(struct req *);
void resp_init(struct resp *);
void resp_done(struct resp *);
void resp_json(struct resp *, int);
void resp_error(struct resp *, const struct req *, int, const char *,
    const char *, ...) __attribute__((format(printf, 5, 6)));
void server_new_guid(char *);
void server_url_decode(char *, int);
void server_url_encode(struct jbuf *, const char *, int);

#define SERVER_KEEP_DOLLAR 0x1
#define SERVER_KEEP_SLASH 0x2

void server_stats_json(struct jbuf *);
void server_stats_reset(void);
int server_faults_add(const char *, size_t, int *, char **);
void server_faults_clear(void);

#endif
