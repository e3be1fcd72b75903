/*
 * The presence methods of Graph as graphsim answers them, with graphsim's
 * own tables of allowed pairs and duration bounds (written from the facts
 * file, not shared with teamtop's core). Request bodies are validated
 * before the person is looked up; action methods answer 200 with no body.
 * A delegated token acts for its user: /me is that user, reading another
 * person needs Presence.Read.All and writing needs Presence.ReadWrite and
 * is for the user alone. Called from any connection thread; state lives
 * in presence.c.
 */
#include "config.h"

#include "presence_api.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "clock.h"
#include "directory.h"
#include "presence.h"
#include "server.h"
#include "tenant.h"
#include "xmalloc.h"

/* An allowed availability/activity pair. */
struct presence_api_pair {
	const char *availability;
	const char *activity;
};

/* setPresence: exactly five pairs. */
static const struct presence_api_pair presence_api_session_pairs[] = {
	{ "Available", "Available" },
	{ "Busy", "InACall" },
	{ "Busy", "InAConferenceCall" },
	{ "Away", "Away" },
	{ "DoNotDisturb", "Presenting" },
};

/* setUserPreferredPresence: exactly six pairs. */
static const struct presence_api_pair presence_api_preferred_pairs[] = {
	{ "Available", "Available" },
	{ "Busy", "Busy" },
	{ "DoNotDisturb", "DoNotDisturb" },
	{ "BeRightBack", "BeRightBack" },
	{ "Away", "Away" },
	{ "Offline", "OffWork" },
};

/* Duration bounds, milliseconds. */
#define SESSION_MIN (5 * 60 * 1000LL)
#define SESSION_MAX (4 * 3600 * 1000LL)
#define SESSION_DEFAULT SESSION_MIN
#define PREFERRED_MIN (5 * 60 * 1000LL)
#define PREFERRED_MAX (30 * 86400 * 1000LL)
#define PREFERRED_SHORT (86400 * 1000LL)
#define PREFERRED_LONG (7 * 86400 * 1000LL)

/* Maximum ids in getPresencesByUserId. */
#define MANY_MAX 650

static const char presence_api_unreadable[] =
    "Unable to read JSON "
    "request payload. Please ensure Content-Type header is set and "
    "payload is of valid JSON format.";

/*
 * Find a pair in a table, case-insensitively. When it is not allowed,
 * answer 400 InvalidArgument and return NULL.
 */
static const struct presence_api_pair *
presence_api_pair(struct req *req, struct resp *resp,
    const struct presence_api_pair *t, size_t n, const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(t[i].availability, a) == 0 &&
		    strcasecmp(t[i].activity, b) == 0)
			return &t[i];
	}
	resp_error(resp, req, 400, "InvalidArgument",
	    "The provided [Availability] '%s' and [Activity] '%s' combination "
	    "is not supported.",
	    a, b);
	return NULL;
}

/* Parse the body as a JSON object; answers 400 and returns NULL if not. */
static cJSON *
presence_api_body(struct req *req, struct resp *resp, int empty_ok)
{
	cJSON *root;
	size_t i;

	for (i = 0; i < req->body_len; i++) {
		if (req->body[i] != ' ' && req->body[i] != '\n' &&
		    req->body[i] != '\r' && req->body[i] != '\t')
			break;
	}
	if (i == req->body_len && empty_ok)
		return cJSON_CreateObject();
	root = cJSON_ParseWithLength(req->body, req->body_len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		resp_error(resp, req, 400, "BadRequest", "%s",
		    presence_api_unreadable);
		return NULL;
	}
	return root;
}

/* The person named by {id}; answers 404 and returns -1 when unknown. */
static long
presence_api_person(struct req *req, struct resp *resp)
{
	long idx = tenant_find_user_id(req->params[0]);

	if (idx == -1)
		resp_error(resp, req, 404, "NotFound",
		    "The requested user "
		    "'%s' is invalid or was not found.",
		    req->params[0]);
	return idx;
}

/* Is {id} the signed-in user of a delegated token? */
static int
presence_api_self(const struct req *req)
{
	return req->delegated && req->params[0] != NULL &&
	    strcasecmp(req->params[0], tenant.users[req->user].id) == 0;
}

/*
 * May the token read {id}'s presence (others all when all is set)?
 * Answers 403 Forbidden and returns -1 when not.
 */
static int
presence_api_may_read(struct req *req, struct resp *resp, int all)
{
	static const char *const own[] = { "Presence.Read", "Presence.Read.All",
		"Presence.ReadWrite", NULL };
	static const char *const others[] = { "Presence.Read.All", NULL };

	if (auth_has_scope(req, !all && presence_api_self(req) ? own : others))
		return 0;
	resp_error(resp, req, 403, "Forbidden", "%s", "");
	return -1;
}

/*
 * May the token write {id}'s presence? A delegated token needs
 * Presence.ReadWrite and writes only its user's. Answers 403 Forbidden
 * with an empty message (as Graph was seen answering) when not.
 */
static int
presence_api_may_write(struct req *req, struct resp *resp)
{
	static const char *const rw[] = { "Presence.ReadWrite", NULL };

	if (!req->delegated ||
	    (auth_has_scope(req, rw) && presence_api_self(req)))
		return 0;
	resp_error(resp, req, 403, "Forbidden", "%s", "");
	return -1;
}

/* A string member, or NULL. */
static const char *
presence_api_string(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/*
 * Read expirationDuration into *ms (def when absent); answers 400 and
 * returns -1 when it is malformed or outside [min, max].
 */
static int
presence_api_duration(struct req *req, struct resp *resp, const cJSON *o,
    int64_t def, int64_t min, int64_t max, int64_t *ms)
{
	const cJSON *v =
	    cJSON_GetObjectItemCaseSensitive(o, "expirationDuration");

	*ms = def;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v) ||
	    clock_parse_duration(v->valuestring, ms) != 0) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "The provided "
		    "[ExpirationDuration] is not a valid ISO 8601 duration.");
		return -1;
	}
	if (*ms < min || *ms > max) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "The provided "
		    "[ExpirationDuration] is out of range.");
		return -1;
	}
	return 0;
}

/* Read availability and activity; answers 400 when missing. */
static int
presence_api_avail(struct req *req, struct resp *resp, const cJSON *o,
    const char **a, const char **b)
{
	*a = presence_api_string(o, "availability");
	*b = presence_api_string(o, "activity");
	if (*a == NULL || **a == '\0') {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[Availability]: "
		    "The Availability field is required.");
		return -1;
	}
	if (*b == NULL || **b == '\0') {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[Activity]: The "
		    "Activity field is required.");
		return -1;
	}
	return 0;
}

/* Read sessionId; answers 400 when missing. */
static const char *
presence_api_session(struct req *req, struct resp *resp, const cJSON *o)
{
	const char *s = presence_api_string(o, "sessionId");

	if (s == NULL || *s == '\0') {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[SessionId]: The "
		    "SessionId field is required.");
		return NULL;
	}
	return s;
}

/* Answer one person's presence with its @odata.context. */
static void
presence_api_single(struct req *req, struct resp *resp, long idx, int comm)
{
	int own = presence_api_self(req);

	resp_json(resp, 200);
	jbuf_adds(&resp->body, "{\"@odata.context\":");
	jbuf_addc(&resp->body, '"');
	jbuf_adds(&resp->body, server_base());
	jbuf_addc(&resp->body, '/');
	jbuf_adds(&resp->body, req->version != NULL ? req->version : "v1.0");
	if (comm)
		jbuf_adds(&resp->body,
		    "/$metadata#communications/presences/"
		    "$entity\",");
	else
		jbuf_printf(&resp->body,
		    "/$metadata#users('%s')/presence/"
		    "$entity\",",
		    tenant.users[idx].id);
	if (own)
		presence_append_own(&resp->body, (size_t)idx);
	else
		presence_append(&resp->body, (size_t)idx);
	jbuf_addc(&resp->body, '}');
}

/* GET /users/{id}/presence. */
void
presence_api_get(struct req *req, struct resp *resp)
{
	long idx;

	if (presence_api_may_read(req, resp, 0) != 0)
		return;
	if ((idx = presence_api_person(req, resp)) != -1)
		presence_api_single(req, resp, idx, 0);
}

/* GET /communications/presences/{id}: a plain presence object. */
void
presence_api_get_comm(struct req *req, struct resp *resp)
{
	long idx;

	if (presence_api_may_read(req, resp, 0) != 0)
		return;
	if ((idx = presence_api_person(req, resp)) != -1)
		presence_api_single(req, resp, idx, 1);
}

/* The /me methods and what answers them for the signed-in user. */
static const struct {
	const char *method; /* The last segment; "" for /me/presence. */
	void (*fn)(struct req *, struct resp *);
} presence_api_me_table[] = {
	{ "", presence_api_get },
	{ "setPresence", presence_api_set },
	{ "clearPresence", presence_api_clear },
	{ "setUserPreferredPresence", presence_api_set_preferred },
	{ "clearUserPreferredPresence", presence_api_clear_preferred },
	{ "setStatusMessage", presence_api_set_status },
	{ "setManualLocation", presence_api_set_manual_location },
	{ "setAutomaticLocation", presence_api_set_automatic_location },
	{ "clearLocation", presence_api_clear_location },
	{ "clearAutomaticLocation", presence_api_clear_automatic_location },
};

/*
 * Any /me route: with an app-only token the documented 400; with a
 * delegated token the same method for the signed-in user.
 */
void
presence_api_me(struct req *req, struct resp *resp)
{
	static const char *const profile[] = { "User.Read",
		"User.ReadBasic.All", "User.Read.All", "Directory.Read.All",
		NULL };
	const char *rest;
	size_t i;

	if (!req->delegated) {
		resp_error(resp, req, 400, "BadRequest",
		    "/me request is only valid "
		    "with delegated authentication flow.");
		return;
	}
	free(req->params[0]);
	req->params[0] = xstrdup(tenant.users[req->user].id);
	if (strcasecmp(req->path, "/me") == 0) {
		if (!auth_has_scope(req, profile)) {
			resp_error(resp, req, 403,
			    "Authorization_RequestDenied",
			    "Insufficient privileges to complete the "
			    "operation.");
			return;
		}
		directory_user(req, resp);
		return;
	}
	rest = req->path + strlen("/me/presence");
	if (*rest == '/')
		rest++;
	for (i = 0;
	     i < sizeof presence_api_me_table / sizeof presence_api_me_table[0];
	     i++) {
		if (strcasecmp(rest, presence_api_me_table[i].method) == 0) {
			presence_api_me_table[i].fn(req, resp);
			return;
		}
	}
	resp_error(resp, req, 404, "UnknownError",
	    "Resource not found for the segment '%s'.", rest);
}

/*
 * POST /communications/getPresencesByUserId: 1 to 650 GUIDs; unknown ids
 * are left out, a repeated id is answered once, in request order.
 */
void
presence_api_many(struct req *req, struct resp *resp)
{
	cJSON *root, *ids, *item;
	size_t n = 0, i, j, k;
	long *idx, x;
	struct jbuf *b = &resp->body;

	if (presence_api_may_read(req, resp, 1) != 0)
		return;
	if ((root = presence_api_body(req, resp, 0)) == NULL)
		return;
	ids = cJSON_GetObjectItemCaseSensitive(root, "ids");
	if (!cJSON_IsArray(ids)) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[Ids]: The Ids "
		    "field is required and must be an array of user ids.");
		goto out;
	}
	n = (size_t)cJSON_GetArraySize(ids);
	if (n == 0) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[Ids]: At least "
		    "one id is required.");
		goto out;
	}
	if (n > MANY_MAX) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[Ids]: The "
		    "number of ids (%zu) exceeds the maximum of %d.",
		    n, MANY_MAX);
		goto out;
	}
	idx = xcalloc(n, sizeof *idx);
	k = 0;
	cJSON_ArrayForEach(item, ids) {
		if (!cJSON_IsString(item) ||
		    !tenant_is_guid(item->valuestring)) {
			resp_error(resp, req, 400, "InvalidArgument",
			    "[Ids]: "
			    "Every id must be a user object id (GUID).");
			free(idx);
			goto out;
		}
		if ((x = tenant_find_user_id(item->valuestring)) == -1)
			continue;
		for (j = 0; j < k && idx[j] != x; j++)
			;
		if (j == k)
			idx[k++] = x;
	}
	resp_json(resp, 200);
	jbuf_reserve(b, 128 + k * 400);
	jbuf_printf(b,
	    "{\"@odata.context\":\"%s/%s/$metadata#Collection("
	    "presence)\",\"value\":[",
	    server_base(), req->version != NULL ? req->version : "v1.0");
	presence_lock();
	for (i = 0; i < k; i++) {
		jbuf_adds(b,
		    i == 0 ? "{\"@odata.type\":\"#microsoft.graph."
		             "presence\","
		           : ",{\"@odata.type\":\"#microsoft.graph."
		             "presence\",");
		presence_append_locked(b, (size_t)idx[i]);
		jbuf_addc(b, '}');
	}
	presence_unlock();
	jbuf_adds(b, "]}");
	free(idx);
out:
	cJSON_Delete(root);
}

/* Answer 200 with no body. */
static void
presence_api_done(struct resp *resp)
{
	resp->status = 200;
	resp->has_body = 0;
}

/* POST .../setPresence. */
void
presence_api_set(struct req *req, struct resp *resp)
{
	const struct presence_api_pair *pair;
	const char *sid, *a, *b;
	cJSON *root;
	int64_t ms;
	long idx;

	if ((root = presence_api_body(req, resp, 0)) == NULL)
		return;
	if ((sid = presence_api_session(req, resp, root)) == NULL ||
	    presence_api_avail(req, resp, root, &a, &b) != 0)
		goto out;
	pair = presence_api_pair(req, resp, presence_api_session_pairs,
	    sizeof presence_api_session_pairs /
	        sizeof presence_api_session_pairs[0],
	    a, b);
	if (pair == NULL)
		goto out;
	if (presence_api_duration(req, resp, root, SESSION_DEFAULT, SESSION_MIN,
	        SESSION_MAX, &ms) != 0)
		goto out;
	if (presence_api_may_write(req, resp) != 0 ||
	    (idx = presence_api_person(req, resp)) == -1)
		goto out;
	presence_set_session((size_t)idx, sid, pair->availability,
	    pair->activity, ms);
	presence_api_done(resp);
out:
	cJSON_Delete(root);
}

/* POST .../clearPresence. */
void
presence_api_clear(struct req *req, struct resp *resp)
{
	const char *sid;
	cJSON *root;
	long idx;

	if ((root = presence_api_body(req, resp, 0)) == NULL)
		return;
	if ((sid = presence_api_session(req, resp, root)) == NULL)
		goto out;
	if (presence_api_may_write(req, resp) != 0 ||
	    (idx = presence_api_person(req, resp)) == -1)
		goto out;
	if (presence_clear_session((size_t)idx, sid) != 0) {
		resp_error(resp, req, 404, "NotFound",
		    "The presence session "
		    "'%s' was not found.",
		    sid);
		goto out;
	}
	presence_api_done(resp);
out:
	cJSON_Delete(root);
}

/* POST .../setUserPreferredPresence. */
void
presence_api_set_preferred(struct req *req, struct resp *resp)
{
	const struct presence_api_pair *pair;
	const char *a, *b;
	cJSON *root;
	int64_t ms, def;
	long idx;

	if ((root = presence_api_body(req, resp, 0)) == NULL)
		return;
	if (presence_api_avail(req, resp, root, &a, &b) != 0)
		goto out;
	pair = presence_api_pair(req, resp, presence_api_preferred_pairs,
	    sizeof presence_api_preferred_pairs /
	        sizeof presence_api_preferred_pairs[0],
	    a, b);
	if (pair == NULL)
		goto out;
	def = PREFERRED_LONG;
	if (strcmp(pair->availability, "Busy") == 0 ||
	    strcmp(pair->availability, "DoNotDisturb") == 0)
		def = PREFERRED_SHORT;
	if (presence_api_duration(req, resp, root, def, PREFERRED_MIN,
	        PREFERRED_MAX, &ms) != 0)
		goto out;
	if (presence_api_may_write(req, resp) != 0 ||
	    (idx = presence_api_person(req, resp)) == -1)
		goto out;
	presence_set_preferred((size_t)idx, pair->availability, pair->activity,
	    ms);
	presence_api_done(resp);
out:
	cJSON_Delete(root);
}

/* POST .../clearUserPreferredPresence: body {} or none. */
void
presence_api_clear_preferred(struct req *req, struct resp *resp)
{
	cJSON *root;
	long idx;

	if ((root = presence_api_body(req, resp, 1)) == NULL)
		return;
	if (presence_api_may_write(req, resp) == 0 &&
	    (idx = presence_api_person(req, resp)) != -1) {
		presence_clear_preferred((size_t)idx);
		presence_api_done(resp);
	}
	cJSON_Delete(root);
}

/* POST .../setStatusMessage. */
void
presence_api_set_status(struct req *req, struct resp *resp)
{
	const cJSON *sm, *msg, *exp, *v;
	const char *content = "", *ctype = "text", *dt = NULL, *tz = "UTC";
	char *cause = NULL;
	cJSON *root;
	int64_t expires = 0;
	long idx;

	if ((root = presence_api_body(req, resp, 0)) == NULL)
		return;
	sm = cJSON_GetObjectItemCaseSensitive(root, "statusMessage");
	if (!cJSON_IsObject(sm)) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[StatusMessage]: "
		    "The StatusMessage field is required.");
		goto out;
	}
	msg = cJSON_GetObjectItemCaseSensitive(sm, "message");
	if (msg != NULL && !cJSON_IsNull(msg)) {
		if (!cJSON_IsObject(msg)) {
			resp_error(resp, req, 400, "InvalidArgument",
			    "[StatusMessage.Message]: The Message field must "
			    "be an itemBody.");
			goto out;
		}
		v = cJSON_GetObjectItemCaseSensitive(msg, "content");
		if (cJSON_IsString(v))
			content = v->valuestring;
		else if (v != NULL && !cJSON_IsNull(v)) {
			resp_error(resp, req, 400, "InvalidArgument",
			    "[StatusMessage.Message.Content]: The Content "
			    "field must be a string.");
			goto out;
		}
		v = cJSON_GetObjectItemCaseSensitive(msg, "contentType");
		if (cJSON_IsString(v))
			ctype = v->valuestring;
		if (strcasecmp(ctype, "text") != 0) {
			resp_error(resp, req, 400, "InvalidArgument",
			    "[StatusMessage.Message.ContentType]: Only 'text' "
			    "is supported.");
			goto out;
		}
		ctype = "text";
	}
	exp = cJSON_GetObjectItemCaseSensitive(sm, "expiryDateTime");
	if (exp != NULL && !cJSON_IsNull(exp) && *content != '\0') {
		dt = presence_api_string(exp, "dateTime");
		v = cJSON_GetObjectItemCaseSensitive(exp, "timeZone");
		if (cJSON_IsString(v))
			tz = v->valuestring;
		if (!cJSON_IsObject(exp) || dt == NULL ||
		    (v != NULL && !cJSON_IsNull(v) && !cJSON_IsString(v))) {
			resp_error(resp, req, 400, "InvalidArgument",
			    "[StatusMessage.ExpiryDateTime]: dateTime and "
			    "timeZone are required.");
			goto out;
		}
		if (clock_parse_local(dt, tz, &expires, &cause) != 0) {
			resp_error(resp, req, 400, "InvalidArgument", "%s",
			    cause);
			free(cause);
			goto out;
		}
	}
	if (presence_api_may_write(req, resp) != 0 ||
	    (idx = presence_api_person(req, resp)) == -1)
		goto out;
	presence_set_status((size_t)idx, content, ctype, dt, tz, expires);
	presence_api_done(resp);
out:
	cJSON_Delete(root);
}

/* The work location types a client may set, as Graph spells them. */
static const char *const presence_api_locations[] = { "office", "remote",
	"timeOff" };

/* POST /me/presence/set{Manual,Automatic}Location. */
static void
presence_api_set_location(struct req *req, struct resp *resp, int automatic)
{
	const char *type, *place, *found = NULL;
	const cJSON *v;
	cJSON *root;
	size_t i;
	long idx;

	if ((root = presence_api_body(req, resp, 0)) == NULL)
		return;
	type = presence_api_string(root, "workLocationType");
	v = cJSON_GetObjectItemCaseSensitive(root, "placeId");
	place = cJSON_IsString(v) ? v->valuestring : NULL;
	for (i = 0; type != NULL &&
	     i < sizeof presence_api_locations /
	             sizeof presence_api_locations[0];
	     i++) {
		if (strcasecmp(type, presence_api_locations[i]) == 0)
			found = presence_api_locations[i];
	}
	if (type == NULL || *type == '\0') {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[WorkLocationType]: The WorkLocationType field is "
		    "required.");
		goto out;
	}
	if (found == NULL) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[WorkLocationType]: '%s' is not one of office, remote "
		    "and timeOff.",
		    type);
		goto out;
	}
	if (v != NULL && !cJSON_IsNull(v) && place == NULL) {
		resp_error(resp, req, 400, "InvalidArgument",
		    "[PlaceId]: The PlaceId field must be a string.");
		goto out;
	}
	if (presence_api_may_write(req, resp) != 0 ||
	    (idx = presence_api_person(req, resp)) == -1)
		goto out;
	presence_set_location((size_t)idx, automatic, found, place);
	presence_api_done(resp);
out:
	cJSON_Delete(root);
}

/* POST /me/presence/setManualLocation. */
void
presence_api_set_manual_location(struct req *req, struct resp *resp)
{
	presence_api_set_location(req, resp, 0);
}

/* POST /me/presence/setAutomaticLocation. */
void
presence_api_set_automatic_location(struct req *req, struct resp *resp)
{
	presence_api_set_location(req, resp, 1);
}

/* POST /me/presence/clear{,Automatic}Location: no body, or {}. */
static void
presence_api_unset_location(struct req *req, struct resp *resp,
    int automatic_only)
{
	cJSON *root;
	long idx;

	if ((root = presence_api_body(req, resp, 1)) == NULL)
		return;
	if (presence_api_may_write(req, resp) == 0 &&
	    (idx = presence_api_person(req, resp)) != -1) {
		presence_clear_location((size_t)idx, automatic_only);
		presence_api_done(resp);
	}
	cJSON_Delete(root);
}

/* POST /me/presence/clearLocation. */
void
presence_api_clear_location(struct req *req, struct resp *resp)
{
	presence_api_unset_location(req, resp, 0);
}

/* POST /me/presence/clearAutomaticLocation. */
void
presence_api_clear_automatic_location(struct req *req, struct resp *resp)
{
	presence_api_unset_location(req, resp, 1);
}
