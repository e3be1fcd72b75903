/*
 * A small deterministic pseudo-random generator (splitmix64) for the
 * synthetic tenant and the simulation. A struct rng belongs to one thread.
 */
#ifndef RNG_H
#define RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s;
};

void rng_seed(struct rng *, uint64_t, uint64_t);
uint64_t rng_next(struct rng *);
size_t rng_below(struct rng *, size_t);
int rng_chance(struct rng *, int);
double rng_unit(struct rng *);
void rng_guid(struct rng *, char *);
size_t rng_weighted(struct rng *, const int *, size_t);

#endif
