/*
 * splitmix64: fast, deterministic for a seed, good enough for test data.
 * Each caller owns its struct rng.
 */
#include "config.h"

#include "rng.h"

#include <stdio.h>

/* Seed a generator from a seed and a stream number. */
void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	r->s = seed * 0x9e3779b97f4a7c15ULL ^ (stream + 0x632be59bd9b4e019ULL);
	rng_next(r);
}

/* The next 64 random bits. */
uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n); 0 when n is 0. */
size_t
rng_below(struct rng *r, size_t n)
{
	if (n == 0)
		return 0;
	return (size_t)(rng_next(r) % n);
}

/* True with the given chance in percent. */
int
rng_chance(struct rng *r, int percent)
{
	return (int)(rng_next(r) % 100) < percent;
}

/* A number in [0, 1). */
double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

/* A version 4 GUID in lower case; out has room for 37 bytes. */
void
rng_guid(struct rng *r, char *out)
{
	uint64_t a = rng_next(r), b = rng_next(r);

	snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32),
	    (unsigned)(a >> 16) & 0xffff, (unsigned)a & 0xfff,
	    (unsigned)((b >> 48) & 0x3fff) | 0x8000,
	    (unsigned long long)(b & 0xffffffffffffULL));
}

/* An index chosen with the given weights. */
size_t
rng_weighted(struct rng *r, const int *w, size_t n)
{
	size_t i, total = 0, x;

	for (i = 0; i < n; i++)
		total += (size_t)w[i];
	x = rng_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < (size_t)w[i])
			return i;
		x -= (size_t)w[i];
	}
	return n - 1;
}
