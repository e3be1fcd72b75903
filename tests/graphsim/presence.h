/*
 * The presence model of every person: Teams-client and app sessions,
 * preferred presence, status message, out-of-office and work location;
 * aggregation into the visible presence, the Available fade, expiry on the
 * internal clock, sequence numbers and pre-rendered JSON. All state is
 * behind one mutex taken inside these functions (or by presence_lock for
 * presence_append_locked); any thread may call them.
 */
#ifndef PRESENCE_H
#define PRESENCE_H

#include <stddef.h>
#include <stdint.h>

struct jbuf;
struct rng;
struct cJSON;

/* Session kinds. */
enum presence_kind {
	PRESENCE_TEAMS,
	PRESENCE_APP,
};

/* The Available fade: Available/AvailableInactive, then Away/Away. */
#define PRESENCE_FADE_MS (5 * 60 * 1000)

void presence_init(uint64_t);
void presence_done(void);
void presence_lock(void);
void presence_unlock(void);
void presence_append_locked(struct jbuf *, size_t);
void presence_append(struct jbuf *, size_t);
void presence_append_own(struct jbuf *, size_t);
void presence_internal(struct jbuf *, size_t);
void presence_set_session(size_t, const char *, const char *, const char *,
    int64_t);
int presence_clear_session(size_t, const char *);
void presence_set_preferred(size_t, const char *, const char *, int64_t);
void presence_clear_preferred(size_t);
void presence_set_status(size_t, const char *, const char *, const char *,
    const char *, int64_t);
void presence_set_location(size_t, int, const char *, const char *);
void presence_clear_location(size_t, int);
void presence_put(size_t, const struct cJSON *);
void presence_simulate(struct rng *);

#endif
