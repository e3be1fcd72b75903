/*
 * Interned strings: one shared, never freed copy of each value of the
 * small vocabularies (availability, activity, work location, department,
 * job title ...), so that a hundred thousand people who are "Available"
 * hold one pointer each instead of a copy. Safe from any thread.
 */
#ifndef INTERN_H
#define INTERN_H

#include <stddef.h>

/* Longer values are not a vocabulary: intern returns NULL for them. */
#define INTERN_MAX 128
/* Past this many distinct values intern refuses new ones (NULL). */
#define INTERN_LIMIT 65536

/*
 * The interned copy of s (NULL for NULL), or NULL when s is too long or
 * the table is full: the caller then keeps its own copy.
 */
const char *intern(const char *s);
/* The number of values interned so far. */
size_t intern_count(void);

#endif
