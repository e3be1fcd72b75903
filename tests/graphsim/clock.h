/*
 * graphsim's internal clock (real time plus an advance) and the parsing and
 * formatting of Graph's times and durations. Safe from any thread.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

int64_t clock_now(void);
void clock_advance(int64_t);
int64_t clock_real(void);
void clock_iso(int64_t, char *, int);
void clock_graph_date(int64_t, char *);
int clock_parse_duration(const char *, int64_t *);
int clock_parse_local(const char *, const char *, int64_t *, char **);

/* Buffer size for clock_iso and clock_graph_date. */
#define CLOCK_ISO_SIZE 40

#endif
