/*
 * The sessions held: setPresence writes the dashboard sends again before
 * each expiry, for as long as it runs, and when each is due next (the rule
 * of action_hold_interval). Pure, no curses; UI thread only.
 */
#ifndef HOLD_H
#define HOLD_H

#include <stddef.h>
#include <time.h>

struct action;

/* One held session. */
struct hold_entry {
	struct action *action; /* The setPresence, with the person's id. */
	char *who;             /* The person, safe for a terminal. */
	time_t since;          /* When it was first sent. */
	time_t next;           /* When it is sent again. */
	long every;            /* Seconds between sends. */
	unsigned long tag;     /* The first write's, in the action log. */
};

struct hold {
	struct hold_entry *v;
	size_t n;
};

/*
 * Hold a setPresence just sent at now (in place of any held for the same
 * person): it is due again after action_hold_interval.
 */
void hold_add(struct hold *, const struct action *, const char *who,
    unsigned long tag, time_t now);
/* Stop holding the session of id; 0 when it was not held. */
int hold_drop(struct hold *, const char *id);
/* The held session of id, or NULL. */
const struct hold_entry *hold_find(const struct hold *, const char *id);
/* The held session whose first write had tag, or NULL. */
const struct hold_entry *hold_find_tag(const struct hold *, unsigned long tag);
/*
 * The sessions due at now, each scheduled again from now: returns their
 * number, and in *out (free the array, not the actions, which stay the
 * hold's until the next change) the actions to send.
 */
size_t hold_due(struct hold *, time_t now, const struct action ***out);
/* The soonest next send, or 0 when nothing is held. */
time_t hold_next(const struct hold *);
void hold_done(struct hold *);

#endif
