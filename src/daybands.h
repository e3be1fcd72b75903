/*
 * A person's day from the presence history: one band per hour of the
 * working hours (the availability that took most of that hour) and the
 * time spent in each availability within them. A state recorded before
 * the day is carried in; a time when no teamtop was recording is "not
 * recorded", never the last state known. Local calendar times, so a day
 * with a change of summer time has its hours right. Pure, any thread.
 */
#ifndef DAYBANDS_H
#define DAYBANDS_H

#include <stddef.h>
#include <time.h>

#include "presence.h"

struct history_entry;
struct history_span;

/* The slots: the availability categories, then "not recorded". */
#define DAYBANDS_GAP AVAIL__COUNT
#define DAYBANDS_SLOTS (AVAIL__COUNT + 1)
/* A band not begun yet (after now), or of no length. */
#define DAYBANDS_NONE (-1)
/* The most bands: a whole day, and one more for a longer day. */
#define DAYBANDS_MAX 25

/* The working hours, local time. Minutes after midnight, start < end. */
struct workday {
	int start;
	int end; /* At most 24:00. */
};

/* One hour of the working day. */
struct dayband {
	time_t from;
	time_t to;
	int slot; /* The availability that took most of it, or NONE. */
};

struct daybands {
	time_t start; /* The working hours of that day. */
	time_t end;
	int n;
	struct dayband band[DAYBANDS_MAX];
	long seconds[DAYBANDS_SLOTS]; /* Within working hours, until now. */
};

/* The default working hours, "08:00-18:00". */
#define WORKDAY_DEFAULT "08:00-18:00"

/* Parse "HH:MM-HH:MM"; -1 with *cause. */
int workday_parse(const char *, struct workday *, char **cause);

/* The start and end of the working hours of the local day of when. */
void daybands_hours(const struct workday *, time_t when, time_t *start,
    time_t *end);

/*
 * Compute the day of when: states are a person's recorded states oldest
 * first, the one in force at the start of the working hours included
 * (see history_day); spans are when a teamtop was recording, in any
 * order. Nothing after now counts.
 */
void daybands_compute(struct daybands *, const struct workday *, time_t when,
    const struct history_entry *states, size_t nstates,
    const struct history_span *spans, size_t nspans, time_t now);

/*
 * A recording that went on until grace seconds before now is taken to go
 * on until now: the one running, which notes how far it reached once a
 * refresh.
 */
void daybands_live(struct history_span *, size_t n, time_t now, long grace);

/* The slot of an availability string. */
int daybands_slot(const char *availability);
/* A slot's name: "Available", ..., "PresenceUnknown", "notRecorded". */
const char *daybands_slot_name(int slot);

#endif
