/*
 * JSON batching: POST /$batch with up to 20 requests, each with a unique
 * id, a method and a URL relative to the version root. Every sub-request
 * goes through server_dispatch (so it is authenticated with the batch's
 * token, throttled, faulted and counted on its own) in the order given;
 * one that dependsOn a request that did not succeed gets 424. Called from
 * any connection thread.
 */
#include "config.h"

#include "batch.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server.h"
#include "xmalloc.h"

#define BATCH_MAX 20

/* Add a name/value to a list. */
static void
batch_kv(struct kv **v, size_t *n, const char *key, const char *value)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].value = xstrdup(value);
	(*n)++;
}

/* Fill a sub-request's path and arguments from its url. */
static void
batch_url(struct req *sub, const char *url)
{
	const char *q, *p;
	char *path, *args, *tok, *save, *eq;
	static const char *const roots[] = { "https://graph.microsoft.com",
		"http://graph.microsoft.com" };
	size_t i;

	for (i = 0; i < 2; i++) {
		if (strncasecmp(url, roots[i], strlen(roots[i])) == 0) {
			url += strlen(roots[i]);
			if (strncmp(url, "/v1.0/", 6) == 0)
				url += 5;
			else if (strncmp(url, "/beta/", 6) == 0)
				url += 5;
		}
	}
	q = strchr(url, '?');
	p = url;
	path = q != NULL ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
	server_url_decode(path, 0);
	if (*path != '/')
		xasprintf(&sub->path, "/%s", path);
	else
		sub->path = xstrdup(path);
	free(path);
	if (q == NULL)
		return;
	args = xstrdup(q + 1);
	for (tok = strtok_r(args, "&", &save); tok != NULL;
	     tok = strtok_r(NULL, "&", &save)) {
		if ((eq = strchr(tok, '=')) != NULL)
			*eq++ = '\0';
		server_url_decode(tok, 1);
		if (eq != NULL)
			server_url_decode(eq, 1);
		batch_kv(&sub->args, &sub->nargs, tok, eq != NULL ? eq : "");
	}
	free(args);
}

/* Whether a request's dependencies all succeeded. */
static int
batch_deps_ok(const cJSON *deps, cJSON **ids, int *status, size_t n)
{
	const cJSON *d;
	size_t i;

	cJSON_ArrayForEach(d, deps) {
		for (i = 0; i < n; i++) {
			if (strcmp(ids[i]->valuestring, d->valuestring) == 0 &&
			    (status[i] < 200 || status[i] > 299))
				return 0;
		}
	}
	return 1;
}

/* Validate the batch; answers 400 and returns -1 when it is malformed. */
static int
batch_validate(struct req *req, struct resp *resp, const cJSON *reqs,
    cJSON **ids, size_t n)
{
	const cJSON *r, *v, *d;
	size_t i = 0, j, k;

	cJSON_ArrayForEach(r, reqs) {
		v = cJSON_GetObjectItemCaseSensitive(r, "id");
		if (!cJSON_IsObject(r) || !cJSON_IsString(v) ||
		    *v->valuestring == '\0' ||
		    !cJSON_IsString(
		        cJSON_GetObjectItemCaseSensitive(r, "method")) ||
		    !cJSON_IsString(
		        cJSON_GetObjectItemCaseSensitive(r, "url"))) {
			resp_error(resp, req, 400, "BadRequest",
			    "Invalid batch "
			    "payload format: each request needs id, method "
			    "and url.");
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(ids[j]->valuestring, v->valuestring) == 0) {
				resp_error(resp, req, 400, "BadRequest",
				    "Batch request ids must be unique: '%s' "
				    "appears twice.",
				    v->valuestring);
				return -1;
			}
		}
		ids[i] = (cJSON *)v;
		d = cJSON_GetObjectItemCaseSensitive(r, "dependsOn");
		if (d != NULL) {
			const cJSON *x;

			if (!cJSON_IsArray(d))
				goto deps;
			cJSON_ArrayForEach(x, d) {
				if (!cJSON_IsString(x))
					goto deps;
				for (k = 0; k < i; k++) {
					if (strcmp(ids[k]->valuestring,
					        x->valuestring) == 0)
						break;
				}
				if (k == i)
					goto deps;
			}
		}
		i++;
	}
	(void)n;
	return 0;
deps:
	resp_error(resp, req, 400, "BadRequest",
	    "dependsOn must name requests "
	    "that come earlier in the batch.");
	return -1;
}

/* Append one sub-response. */
static void
batch_answer(struct jbuf *b, const char *id, struct resp *sr)
{
	jbuf_adds(b, "{\"id\":");
	jbuf_str(b, id);
	jbuf_printf(b, ",\"status\":%d,\"headers\":{", sr->status);
	if (sr->has_body && sr->content_type != NULL) {
		jbuf_adds(b, "\"Content-Type\":");
		jbuf_str(b, sr->content_type);
	}
	if (sr->retry_after >= 0)
		jbuf_printf(b, "%s\"Retry-After\":\"%ld\"",
		    sr->has_body ? "," : "", sr->retry_after);
	jbuf_addc(b, '}');
	if (sr->has_body) {
		jbuf_adds(b, ",\"body\":");
		if (sr->content_type != NULL &&
		    strncmp(sr->content_type, "application/json", 16) == 0 &&
		    sr->body.len > 0)
			jbuf_add(b, sr->body.p, sr->body.len);
		else
			jbuf_strn(b, sr->body.p != NULL ? sr->body.p : "",
			    sr->body.len);
	}
	jbuf_addc(b, '}');
}

/* POST /$batch. */
void
batch_handle(struct req *req, struct resp *resp)
{
	cJSON *root, *reqs, *r, *v, *ids[BATCH_MAX];
	int status[BATCH_MAX];
	const char *auth = req_header(req, "Authorization");
	struct jbuf out;
	struct resp sr;
	struct req sub;
	size_t n, i = 0;
	char *body;

	if (req->in_batch) {
		resp_error(resp, req, 400, "BadRequest",
		    "A batch cannot "
		    "contain another batch.");
		return;
	}
	root = cJSON_ParseWithLength(req->body, req->body_len);
	reqs = cJSON_GetObjectItemCaseSensitive(root, "requests");
	if (!cJSON_IsObject(root) || !cJSON_IsArray(reqs)) {
		resp_error(resp, req, 400, "BadRequest",
		    "Invalid batch payload "
		    "format.");
		goto out;
	}
	n = (size_t)cJSON_GetArraySize(reqs);
	if (n == 0 || n > BATCH_MAX) {
		resp_error(resp, req, 400, "BadRequest",
		    "A batch holds 1 to %d "
		    "requests, not %zu.",
		    BATCH_MAX, n);
		goto out;
	}
	if (batch_validate(req, resp, reqs, ids, n) != 0)
		goto out;
	jbuf_init(&out);
	jbuf_adds(&out, "{\"responses\":[");
	cJSON_ArrayForEach(r, reqs) {
		memset(&sub, 0, sizeof sub);
		resp_init(&sr);
		sub.in_batch = 1;
		sub.version = req->version;
		sub.method = xstrdup(
		    cJSON_GetObjectItemCaseSensitive(r, "method")->valuestring);
		for (body = sub.method; *body != '\0'; body++) {
			if (*body >= 'a' && *body <= 'z')
				*body = (char)(*body - 'a' + 'A');
		}
		batch_url(&sub,
		    cJSON_GetObjectItemCaseSensitive(r, "url")->valuestring);
		if (auth != NULL)
			batch_kv(&sub.headers, &sub.nheaders, "Authorization",
			    auth);
		v = cJSON_GetObjectItemCaseSensitive(r, "headers");
		if (cJSON_IsObject(v)) {
			const cJSON *h;

			cJSON_ArrayForEach(h, v) {
				if (cJSON_IsString(h))
					batch_kv(&sub.headers, &sub.nheaders,
					    h->string, h->valuestring);
			}
		}
		body = NULL;
		v = cJSON_GetObjectItemCaseSensitive(r, "body");
		if (cJSON_IsString(v))
			body = xstrdup(v->valuestring);
		else if (v != NULL) {
			char *printed = cJSON_PrintUnformatted(v);

			body = xstrdup(printed != NULL ? printed : "");
			cJSON_free(printed);
		}
		sub.body = body != NULL ? body : "";
		sub.body_len = strlen(sub.body);
		if (!batch_deps_ok(cJSON_GetObjectItemCaseSensitive(r,
		                       "dependsOn"),
		        ids, status, i)) {
			server_new_guid(sub.request_id);
			resp_error(&sr, &sub, 424, "FailedDependency",
			    "A request "
			    "this one depends on did not succeed.");
		} else
			server_dispatch(&sub, &sr);
		status[i] = sr.status;
		if (i > 0)
			jbuf_addc(&out, ',');
		batch_answer(&out, ids[i]->valuestring, &sr);
		free(body);
		resp_done(&sr);
		req_done(&sub);
		i++;
	}
	jbuf_adds(&out, "]}");
	resp_json(resp, 200);
	jbuf_add(&resp->body, out.p, out.len);
	jbuf_done(&out);
out:
	cJSON_Delete(root);
}
