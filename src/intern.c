/*
 * Interned strings in an open-addressing hash set behind a mutex. Values
 * live until exit; the set is reachable from a static, so leak checkers
 * do not count it.
 */
#include "config.h"

#include "intern.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static char **intern_v; /* Protected by intern_lock. */
static size_t intern_cap;
static size_t intern_n;

/* FNV-1a of a string. */
static uint32_t
intern_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* Double the table. Called with intern_lock held. */
static void
intern_grow(void)
{
	char **old = intern_v;
	size_t oldcap = intern_cap, i, j;

	intern_cap = intern_cap == 0 ? 256 : intern_cap * 2;
	intern_v = xcalloc(intern_cap, sizeof *intern_v);
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		j = intern_hash(old[i]) & (intern_cap - 1);
		while (intern_v[j] != NULL)
			j = (j + 1) & (intern_cap - 1);
		intern_v[j] = old[i];
	}
	free(old);
}

/* The shared copy of s, or NULL. */
const char *
intern(const char *s)
{
	const char *found = NULL;
	size_t j;

	if (s == NULL || strlen(s) > INTERN_MAX)
		return NULL;
	pthread_mutex_lock(&intern_lock);
	if (intern_n * 2 >= intern_cap)
		intern_grow();
	j = intern_hash(s) & (intern_cap - 1);
	while (intern_v[j] != NULL) {
		if (strcmp(intern_v[j], s) == 0) {
			found = intern_v[j];
			break;
		}
		j = (j + 1) & (intern_cap - 1);
	}
	if (found == NULL && intern_n < INTERN_LIMIT) {
		intern_v[j] = xstrdup(s);
		intern_n++;
		found = intern_v[j];
	}
	pthread_mutex_unlock(&intern_lock);
	return found;
}

/* How many values are interned. */
size_t
intern_count(void)
{
	size_t n;

	pthread_mutex_lock(&intern_lock);
	n = intern_n;
	pthread_mutex_unlock(&intern_lock);
	return n;
}
