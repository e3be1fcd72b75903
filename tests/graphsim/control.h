/*
 * The control endpoints under /_graphsim/ that tests use to read stats,
 * install faults, store presence, read a person's internal state, move
 * the clock and say which graphsim this is. Called from any connection thread.
 */
#ifndef CONTROL_H
#define CONTROL_H

struct req;
struct resp;

void control_handle(struct req *, struct resp *);
/* The string GET /_graphsim/instance answers (NULL: null), idle seconds. */
void control_init(const char *instance, long idle_exit);

#endif
