/*
 * The audit trail, audit.jsonl in the state directory. Any thread.
 */
#include "config.h"

#include "audit.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "action.h"
#include "graph_error.h"
#include "state.h"
#include "xmalloc.h"

/* The local user's name, or their uid. */
static void
audit_user(char *buf, size_t len)
{
	struct passwd pw, *res = NULL;
	char pwbuf[1024];

	if (getpwuid_r(getuid(), &pw, pwbuf, sizeof pwbuf, &res) == 0 &&
	    res != NULL && res->pw_name != NULL)
		snprintf(buf, len, "%s", res->pw_name);
	else
		snprintf(buf, len, "%u", (unsigned int)getuid());
}

/* Add a string member, or null. */
static void
audit_add(cJSON *obj, const char *name, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(obj, name, value);
	else
		cJSON_AddNullToObject(obj, name);
}

/* The JSON line of a write. */
char *
audit_line(const struct action *a, const char *app_id, int ok,
    const struct graph_error *e, time_t at)
{
	struct graph_error ignored;
	struct action c = *a;
	cJSON *root, *err, *body = NULL;
	char when[32], user[256], *text, *s;
	struct tm tm;

	gmtime_r(&at, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	audit_user(user, sizeof user);
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "time", when);
	cJSON_AddStringToObject(root, "user", user);
	audit_add(root, "app", app_id);
	audit_add(root, "person", a->id);
	cJSON_AddStringToObject(root, "method", action_name(a->kind));
	graph_error_init(&ignored);
	if (action_check(&c, &ignored) == 0 &&
	    (text = action_body(&c, app_id)) != NULL) {
		body = cJSON_Parse(text);
		free(text);
	}
	graph_error_done(&ignored);
	if (body != NULL)
		cJSON_AddItemToObject(root, "body", body);
	else
		cJSON_AddNullToObject(root, "body");
	cJSON_AddStringToObject(root, "outcome",
	    ok == 1        ? "done"
	        : ok == -1 ? "unknown"
	                   : "failed");
	if (ok != 1 && e != NULL) {
		err = cJSON_AddObjectToObject(root, "error");
		if (e->status != 0)
			cJSON_AddNumberToObject(err, "status",
			    (double)e->status);
		audit_add(err, "code", e->code);
		audit_add(err, "message", e->message);
		audit_add(err, "requestId", e->request_id);
	}
	if ((s = cJSON_PrintUnformatted(root)) == NULL)
		fatal("out of memory");
	cJSON_Delete(root);
	return s;
}

/* Append the line for a write to audit.jsonl. */
int
audit_append(const struct action *a, const char *app_id, int ok,
    const struct graph_error *e, char **cause)
{
	char *line, *cause2 = NULL;
	size_t len;
	ssize_t n;
	int fd, rc = 0;

	fd = state_open("audit.jsonl", O_WRONLY | O_APPEND | O_CREAT, &cause2);
	if (fd == -1) {
		xasprintf(cause, "audit trail: %s", cause2);
		free(cause2);
		return -1;
	}
	line = audit_line(a, app_id, ok, e, time(NULL));
	len = strlen(line);
	line[len++] = '\n'; /* Over the terminator: written by length. */
	do
		n = write(fd, line, len);
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)len) {
		xasprintf(cause, "audit trail: %s",
		    n == -1 ? strerror(errno) : "short write");
		rc = -1;
	}
	free(line);
	close(fd);
	return rc;
}
