/*
 * What Graph shows of a person after a write, against what the write
 * asked, in words: as asked, or what shows instead and why (a session
 * that ranks higher or a preferred presence wins; an Available app session
 * fades to Away). Pure, no curses; UI thread only.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stddef.h>

struct action;
struct presence;

/*
 * Say in buf what p, read again after the write a, shows, safe for a
 * terminal. Returns 1 when it is not what a asked, 0 otherwise (a clear
 * asks for nothing in particular).
 */
int verify_explain(const struct action *a, const struct presence *p, char *buf,
    size_t len);

#endif
