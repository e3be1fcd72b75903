/*
 * The plain reading of a presence collection that the parser's light scan
 * must agree with: one cJSON tree, every item in order. For the unit tests
 * and the fuzzer.
 */
#ifndef PRESENCES_REF_H
#define PRESENCES_REF_H

#include <stddef.h>

#include "graph_parse.h"
#include "presence.h"

int presences_ref(const char *body, size_t len, struct presence_list *out,
    graph_parse_known_cb known, void *arg, size_t *nknown);
/* NULL when a and b hold the same presences, else what differs. */
const char *presences_ref_diff(const struct presence_list *a,
    const struct presence_list *b);

#endif
