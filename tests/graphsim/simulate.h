/*
 * --simulate: a background thread that changes presence and status
 * messages across the tenant at a given rate. Started and stopped by the
 * main thread.
 */
#ifndef SIMULATE_H
#define SIMULATE_H

#include <stdint.h>

void simulate_start(long, uint64_t);
void simulate_stop(void);

#endif
