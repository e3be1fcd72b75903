/*
 * An action: one read or write of one person's presence, as the dashboard
 * and the one-shot commands ask for it, and the one function that performs
 * it against Graph. Pure data plus one call; any thread that owns the
 * struct graph may perform.
 */
#ifndef ACTION_H
#define ACTION_H

#include <time.h>

struct graph;
struct graph_error;
struct presence;

/* What an action does. */
enum action_kind {
	ACTION_READ,                   /* Read one person's presence fresh. */
	ACTION_SET_PRESENCE,           /* setPresence */
	ACTION_CLEAR_PRESENCE,         /* clearPresence */
	ACTION_SET_PREFERRED,          /* setUserPreferredPresence */
	ACTION_CLEAR_PREFERRED,        /* clearUserPreferredPresence */
	ACTION_SET_STATUS,             /* setStatusMessage */
	ACTION_SET_LOCATION,           /* setManualLocation: one's own, today */
	ACTION_SET_AUTOMATIC_LOCATION, /* setAutomaticLocation */
	ACTION_CLEAR_LOCATION,         /* clearLocation */
	ACTION_CLEAR_AUTOMATIC_LOCATION, /* clearAutomaticLocation */
	ACTION__COUNT                    /* Must be last. */
};

/* One action on one person. */
struct action {
	enum action_kind kind;
	const char *id;           /* The user's object id. */
	const char *session;      /* set/clear presence; NULL = the app. */
	const char *availability; /* set and prefer. */
	const char *activity;     /* set and prefer. */
	long expiry_seconds;      /* set and prefer; 0 = the server default. */
	const char *message;      /* status; "" clears. */
	time_t expiry;            /* status; 0 = none. */
	const char *location;     /* set locations: office, remote, timeOff. */
	const char *place;        /* set locations: a placeId, or NULL. */
	int me;            /* Sent to /me/presence, the signed-in user's own. */
	unsigned long tag; /* The caller's; comes back with the outcome. */
};

/*
 * Writes to many people go in groups of at most ACTION_GROUP, several in
 * flight, and a group takes at least ACTION_GROUP_MS: 40 writes a second
 * at the most, well within Graph's 1,500 requests per 30 s for the
 * application, which the refreshes share.
 */
#define ACTION_GROUP 20
#define ACTION_GROUP_MS 500

/* Graph's name of the method, e.g. "setPresence"; "read" for ACTION_READ. */
const char *action_name(enum action_kind);
/* What was done, in words for a terminal: "presence set". */
const char *action_done_word(enum action_kind);
/* Does the action change anything? */
int action_writes(enum action_kind);
/*
 * Is it one of the work-location methods, which only a signed-in user
 * calls, on /me (the action's id is not used)?
 */
int action_own(enum action_kind);
/* Does the action go to /me/presence: a work location, or marked me? */
int action_to_me(const struct action *);

/*
 * Why a write is refused for want of permission, and which permission
 * would allow it, in words (allocated): signed in as a user (delegated),
 * user says who ("Ann Lee <ann@example.com>", or NULL) and scopes the
 * delegated permissions the token holds ("" or NULL: not known); own is
 * set for a write to the signed-in user's own presence.
 */
char *action_permission(int delegated, int own, const char *user,
    const char *scopes);

/* A copy in one allocation, strings included; free() frees it. */
struct action *action_copy(const struct action *);

/*
 * Check a write before anything is sent: the pair and the duration against
 * the method's rules, a work location's type. On success the
 * availability, activity and location point to Graph's spellings; -1 with
 * *e (GRAPH_ERR_USAGE) otherwise.
 */
int action_check(struct action *, struct graph_error *e);

/*
 * The JSON body of a checked write exactly as it is sent (app_id is the
 * default session of setPresence and clearPresence); NULL for a read and
 * for the methods sent without a body (clearLocation,
 * clearAutomaticLocation). Free with free().
 */
char *action_body(const struct action *, const char *app_id);

/*
 * The outcome of a performed write from action_perform's rc and error: 1
 * done, 0 failed, -1 unknown (no answer came at all, so it may have been
 * applied after teamtop gave up).
 */
int action_outcome(const struct action *, int rc, const struct graph_error *);

/*
 * Seconds after a setPresence that is held (kept for as long as teamtop
 * runs) to send it again: five minutes before it would expire (0 is
 * Graph's default, five minutes), or at four fifths of a shorter one; an
 * Available session at least every four fifths of the time after which
 * Graph fades it to AvailableInactive, so that it stays Available.
 */
long action_hold_interval(long expiry_seconds, const char *availability);

/*
 * Check and perform the action. For ACTION_READ the fresh presence is put
 * in *read (which may be NULL for the others). 0 on success, -1 with *e.
 */
int action_perform(struct graph *, const struct action *, struct presence *read,
    struct graph_error *e);

#endif
