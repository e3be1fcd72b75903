/*
 * The audit trail: one JSON line per write, appended to audit.jsonl in the
 * state directory (0600) by the dashboard and the one-shot commands alike:
 * when, who ran it (the local user and the application), the person, the
 * method, the body sent and the outcome. It never holds a secret or a
 * token. Any thread: each line is one write(2) on an O_APPEND descriptor.
 */
#ifndef AUDIT_H
#define AUDIT_H

#include <time.h>

struct action;
struct graph_error;

/*
 * The line for a write (without the newline): ok is 1 done, 0 failed, -1
 * unknown (no answer came); e is read when ok is not 1.
 */
char *audit_line(const struct action *, const char *app_id, int ok,
    const struct graph_error *e, time_t at);

/* Append the line for a write; -1 with *cause when the file cannot be. */
int audit_append(const struct action *, const char *app_id, int ok,
    const struct graph_error *e, char **cause);

#endif
