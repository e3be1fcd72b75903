/*
 * The control endpoints under /_graphsim/ that tests use to read stats,
 * install faults, store presence, read a person's internal state and move
 * the clock. Called from any connection thread.
 */
#ifndef CONTROL_H
#define CONTROL_H

struct req;
struct resp;

void control_handle(struct req *, struct resp *);

#endif
