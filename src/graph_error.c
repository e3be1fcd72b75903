/*
 * The error of a failed call: filling, freeing and writing it as one line.
 * Safe from any thread.
 */
#include "config.h"

#include "graph_error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Set an error to no error. */
void
graph_error_init(struct graph_error *e)
{
	memset(e, 0, sizeof *e);
}

/* Free the strings of an error and reset it. */
void
graph_error_done(struct graph_error *e)
{
	if (e == NULL)
		return;
	free(e->code);
	free(e->message);
	free(e->request_id);
	graph_error_init(e);
}

/* Set an error of a kind with a formatted message, keeping nothing else. */
void
graph_error_set(struct graph_error *e, enum graph_err_kind kind,
    const char *fmt, ...)
{
	va_list ap;

	graph_error_done(e);
	e->kind = kind;
	va_start(ap, fmt);
	xvasprintf(&e->message, fmt, ap);
	va_end(ap);
}

/* Format an error as one line: message, code, status and request id. */
char *
graph_error_string(const struct graph_error *e)
{
	char *s, *extra = NULL, *tmp;
	const char *msg;

	msg = (e->message != NULL && *e->message != '\0') ? e->message : NULL;
	if (e->code != NULL && e->status != 0)
		xasprintf(&extra, "%s, HTTP %ld", e->code, e->status);
	else if (e->code != NULL)
		extra = xstrdup(e->code);
	else if (e->status != 0)
		xasprintf(&extra, "HTTP %ld", e->status);
	if (e->request_id != NULL) {
		if (extra != NULL) {
			xasprintf(&tmp, "%s, request-id %s", extra,
			    e->request_id);
			free(extra);
			extra = tmp;
		} else
			xasprintf(&extra, "request-id %s", e->request_id);
	}
	if (msg == NULL)
		msg = (e->kind == GRAPH_ERR_REFUSED) ? "request refused"
		                                     : "request failed";
	if (extra != NULL) {
		xasprintf(&s, "%s (%s)", msg, extra);
		free(extra);
	} else
		s = xstrdup(msg);
	return s;
}
