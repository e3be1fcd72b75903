/*
 * Graph's JSON answers turned into the model: presences, errors, directory
 * pages (users, groups, members), $batch responses and token responses.
 * Pure (no I/O), robust to any input, fuzzed. Safe from any thread.
 *
 * The list parsers append to their output (so pages can be collected into
 * one list) and return 0, or -1 with *cause set when the body is not the
 * expected shape; entries without an id are skipped. Strings are kept as
 * they came (unknown values verbatim, invalid UTF-8 too): sanitise with
 * text_sanitize() before showing them.
 */
#ifndef GRAPH_PARSE_H
#define GRAPH_PARSE_H

#include <stddef.h>

struct cJSON;
struct presence;
struct presence_list;
struct user;
struct user_list;

/* A group: id, display name and mail address (NULL when none). */
struct group {
	char *id;
	char *display_name;
	char *mail;
};

/* A growable array of groups. */
struct group_list {
	struct group *v;
	size_t n;
	size_t cap;
};

/* One sub-response of a $batch. */
struct batch_response {
	char *id;
	int status;       /* HTTP status, 0 if missing. */
	long retry_after; /* Seconds from its Retry-After header, -1 if none. */
	char *body;       /* The body as JSON text (or the string), or NULL. */
};

/* The sub-responses of a $batch, in the order received. */
struct batch_list {
	struct batch_response *v;
	size_t n;
	size_t cap;
};

/* A token endpoint answer: a token, or a refusal. */
struct token_response {
	char *access_token;
	char *refresh_token; /* NULL unless offline_access was asked. */
	char *token_type;
	char *scope;
	long expires_in; /* Seconds; -1 if missing. */

	char *error;             /* OAuth's error (or Graph's error.code). */
	char *error_description; /* Its description (or error.message). */
	long error_code;         /* First of error_codes (AADSTS), 0 if none. */
	char *correlation_id;    /* Entra's, for support; NULL if none. */
};

/* A device authorization answer (device code flow). */
struct device_code_response {
	char *device_code;
	char *user_code;
	char *verification_uri;
	char *message;
	long expires_in; /* Seconds; -1 if missing. */
	long interval;   /* Seconds; -1 if missing. */
};

/*
 * A single presence object, or a {"value":[one]} wrapper. out is zeroed
 * first (not freed); an object with none of id, availability and activity
 * (an error body, say) is refused.
 */
int graph_parse_presence(const char *body, size_t len, struct presence *out,
    char **cause);
/* {"value":[presence...]}: appended to out. */
int graph_parse_presences(const char *body, size_t len,
    struct presence_list *out, char **cause);
/*
 * Is the presence of this id at this sequenceNumber already known (and so
 * unchanged, since Graph changes sequenceNumber with every change)?
 */
typedef int (
    *graph_parse_known_cb)(void *arg, const char *id, const char *sequence);
/*
 * graph_parse_presences, but a presence with a sequenceNumber that known
 * says is known is not built (not added to out); *nknown (may be NULL)
 * counts them. known NULL builds them all.
 */
int graph_parse_presences_known(const char *body, size_t len,
    struct presence_list *out, graph_parse_known_cb known, void *arg,
    size_t *nknown, char **cause);
/* Fill out from a parsed presence object; -1 if it is not an object. */
int graph_parse_presence_object(const struct cJSON *, struct presence *out);

/*
 * An error body: Graph's {"error":{"code","message","innerError":{
 * "request-id"}}} or OAuth's {"error","error_description","trace_id"} (a
 * description without an error counts). Sets what is found (each may be
 * NULL; pass NULL for what is not wanted); returns -1 when neither form is
 * there.
 */
int graph_parse_error(const char *body, size_t len, char **code, char **message,
    char **request_id);

/* A /users page: appended to out; *next_link is @odata.nextLink or NULL. */
int graph_parse_users(const char *body, size_t len, struct user_list *out,
    char **next_link, char **cause);
/* Fill out from a parsed user object; -1 if it has no string id. */
int graph_parse_user_object(const struct cJSON *, struct user *out);
/* A /groups page. */
int graph_parse_groups(const char *body, size_t len, struct group_list *out,
    char **next_link, char **cause);
/*
 * The @odata.count of a page asked for with $count=true: *count, or -1
 * when the page has none.
 */
int graph_parse_count(const char *body, size_t len, long *count, char **cause);
/*
 * A /groups/{id}/members page: users go to users, groups (for nested
 * expansion) to groups (may be NULL), other objects are skipped.
 */
int graph_parse_members(const char *body, size_t len, struct user_list *users,
    struct group_list *groups, char **next_link, char **cause);

/* A $batch response: {"responses":[{id,status,headers,body}...]}. */
int graph_parse_batch(const char *body, size_t len, struct batch_list *out,
    char **cause);

/*
 * A token answer; -1 with *cause when there is no access_token, with the
 * refusal's error fields set when the body has them. Free out with
 * token_response_done whatever the result.
 */
int graph_parse_token(const char *body, size_t len, struct token_response *out,
    char **cause);
/* A device code answer; -1 with *cause when device_code is missing. */
int graph_parse_device_code(const char *body, size_t len,
    struct device_code_response *out, char **cause);

void group_list_done(struct group_list *);
void batch_list_done(struct batch_list *);
void token_response_done(struct token_response *);
void device_code_response_done(struct device_code_response *);

#endif
