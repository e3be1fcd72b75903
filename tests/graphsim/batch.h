/*
 * POST /$batch: up to 20 sub-requests, each dispatched through the same
 * router (and throttled, counted and faulted on its own). Called from any
 * connection thread.
 */
#ifndef BATCH_H
#define BATCH_H

struct req;
struct resp;

void batch_handle(struct req *, struct resp *);

#endif
