/*
 * The haystack: the folded texts a search looks in (store_row's search
 * and search_status), of every row of a snapshot, laid end to end in
 * roster order, so that a search over 100,000 people reads one block of
 * memory instead of two or three cache lines scattered per person. Built
 * once per roster; a refresh only marks the rows whose texts changed,
 * which are then read from the row, until they are many and it is built
 * again. UI thread only.
 */
#ifndef HAYSTACK_H
#define HAYSTACK_H

#include <stddef.h>

#include "store.h"

struct haystack;

struct haystack *haystack_new(void);
void haystack_free(struct haystack *);
/* Bring it up to date for s: mark what changed, or build it afresh. */
void haystack_update(struct haystack *, const struct snapshot *s);
/*
 * For each row i of the snapshot it was last brought up to date for with
 * shown[i] set, clear shown[i] unless fold occurs in the row's texts or
 * words(arg, text) says it does in the row's search_words (a search holds
 * no newline, so it never spans two lines of a text).
 */
void haystack_search(const struct haystack *, const char *fold,
    unsigned char *shown, int (*words)(void *arg, const char *text), void *arg);

#endif
