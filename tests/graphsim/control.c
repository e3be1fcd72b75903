/*
 * The control endpoints, never under /v1.0 or /beta and never counted in
 * the stats: GET /_graphsim/stats, POST /_graphsim/stats/reset,
 * POST and DELETE /_graphsim/faults, PUT /_graphsim/users/{id}/presence,
 * GET /_graphsim/users/{id}, GET and POST /_graphsim/clock and
 * GET /_graphsim/tenant and GET /_graphsim/instance here; the sign-in ones (device codes, refresh
 * tokens, Conditional Access) in login.c. They need no token. Called from any connection
 * thread.
 */
#include "config.h"

#include "control.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "login.h"
#include "presence.h"
#include "server.h"
#include "tenant.h"
#include "xmalloc.h"

/* What GET /_graphsim/instance answers; set once before the server starts. */
static const char *control_instance;
static long control_idle_exit;

/* Set the instance string ($GRAPHSIM_INSTANCE) and the idle timeout. */
void
control_init(const char *instance, long idle_exit)
{
	control_instance = instance;
	control_idle_exit = idle_exit;
}

/* GET /_graphsim/instance: who this graphsim is, for whoever started it. */
static void
control_whoami(struct resp *resp)
{
	resp_json(resp, 200);
	jbuf_adds(&resp->body, "{\"instance\":");
	jbuf_str_or_null(&resp->body, control_instance);
	jbuf_printf(&resp->body, ",\"pid\":%ld,\"idleExit\":%ld}",
	    (long)getpid(), control_idle_exit);
}

/* Answer {"now": ...}. */
static void
control_clock(struct resp *resp)
{
	char now[CLOCK_ISO_SIZE];

	clock_iso(clock_now(), now, 3);
	resp_json(resp, 200);
	jbuf_printf(&resp->body, "{\"now\":\"%s\"}", now);
}

/* POST /_graphsim/clock {"advance_seconds": N}. */
static void
control_advance(struct req *req, struct resp *resp)
{
	cJSON *root = cJSON_ParseWithLength(req->body, req->body_len);
	const cJSON *v =
	    cJSON_GetObjectItemCaseSensitive(root, "advance_seconds");

	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e10) {
		resp_error(resp, req, 400, "BadRequest",
		    "The body must be "
		    "{\"advance_seconds\": N} with N >= 0.");
	} else {
		clock_advance((int64_t)(v->valuedouble * 1000));
		control_clock(resp);
	}
	cJSON_Delete(root);
}

/* GET /_graphsim/tenant. */
static void
control_tenant(struct resp *resp)
{
	resp_json(resp, 200);
	jbuf_adds(&resp->body, "{\"tenant\":");
	jbuf_str(&resp->body, tenant.name);
	jbuf_printf(&resp->body,
	    ",\"tenantId\":\"%s\",\"clientId\":", tenant.tenant_id);
	jbuf_str(&resp->body, tenant.client_id);
	jbuf_adds(&resp->body, ",\"domain\":");
	jbuf_str(&resp->body, tenant.domain);
	jbuf_printf(&resp->body, ",\"users\":%zu,\"groups\":%zu,\"seed\":%llu}",
	    tenant.nusers, tenant.ngroups, (unsigned long long)tenant.seed);
}

/* POST /_graphsim/faults. */
static void
control_faults(struct req *req, struct resp *resp)
{
	char *cause = NULL;
	int total;

	if (server_faults_add(req->body, req->body_len, &total, &cause) != 0) {
		resp_error(resp, req, 400, "BadRequest", "%s", cause);
		free(cause);
		return;
	}
	resp_json(resp, 200);
	jbuf_printf(&resp->body, "{\"rules\":%d}", total);
}

/* The person of /_graphsim/users/{id}[/...]; -1 after answering 404. */
static long
control_person(struct req *req, struct resp *resp, const char *rest, size_t len)
{
	char *id = xstrndup(rest, len);
	long idx;

	server_url_decode(id, 0);
	idx = tenant_find_user(id);
	if (idx == -1)
		resp_error(resp, req, 404, "NotFound", "No person '%s'.", id);
	free(id);
	return idx;
}

/* PUT /_graphsim/users/{id}/presence. */
static void
control_put(struct req *req, struct resp *resp, long idx)
{
	cJSON *root = cJSON_ParseWithLength(req->body, req->body_len);

	if (!cJSON_IsObject(root)) {
		resp_error(resp, req, 400, "BadRequest",
		    "The body must be a "
		    "presence object.");
		cJSON_Delete(root);
		return;
	}
	presence_put((size_t)idx, root);
	cJSON_Delete(root);
	resp_json(resp, 200);
	jbuf_addc(&resp->body, '{');
	presence_append(&resp->body, (size_t)idx);
	jbuf_addc(&resp->body, '}');
}

/* Route a control request. */
void
control_handle(struct req *req, struct resp *resp)
{
	const char *p = req->path, *m = req->method, *rest, *slash;
	long idx;

	if (login_control(req, resp))
		return;
	if (strcmp(p, "/_graphsim/stats") == 0 && strcmp(m, "GET") == 0) {
		resp_json(resp, 200);
		server_stats_json(&resp->body);
	} else if (strcmp(p, "/_graphsim/stats/reset") == 0 &&
	    strcmp(m, "POST") == 0) {
		server_stats_reset();
		resp_json(resp, 200);
		jbuf_adds(&resp->body, "{}");
	} else if (strcmp(p, "/_graphsim/faults") == 0 &&
	    strcmp(m, "POST") == 0)
		control_faults(req, resp);
	else if (strcmp(p, "/_graphsim/faults") == 0 &&
	    strcmp(m, "DELETE") == 0) {
		server_faults_clear();
		resp_json(resp, 200);
		jbuf_adds(&resp->body, "{}");
	} else if (strcmp(p, "/_graphsim/clock") == 0 && strcmp(m, "GET") == 0)
		control_clock(resp);
	else if (strcmp(p, "/_graphsim/clock") == 0 && strcmp(m, "POST") == 0)
		control_advance(req, resp);
	else if (strcmp(p, "/_graphsim/tenant") == 0 && strcmp(m, "GET") == 0)
		control_tenant(resp);
	else if (strcmp(p, "/_graphsim/instance") == 0 && strcmp(m, "GET") == 0)
		control_whoami(resp);
	else if (strncmp(p, "/_graphsim/users/", 17) == 0) {
		rest = p + 17;
		slash = strchr(rest, '/');
		if (slash == NULL && strcmp(m, "GET") == 0) {
			if ((idx = control_person(req, resp, rest,
			         strlen(rest))) == -1)
				return;
			resp_json(resp, 200);
			presence_internal(&resp->body, (size_t)idx);
		} else if (slash != NULL && strcmp(slash, "/presence") == 0 &&
		    strcmp(m, "PUT") == 0) {
			if ((idx = control_person(req, resp, rest,
			         (size_t)(slash - rest))) == -1)
				return;
			control_put(req, resp, idx);
		} else
			resp_error(resp, req, 404, "NotFound",
			    "No control "
			    "endpoint %s %s.",
			    m, p);
	} else
		resp_error(resp, req, 404, "NotFound",
		    "No control endpoint "
		    "%s %s.",
		    m, p);
}
