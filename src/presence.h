/*
 * The presence model: one person's presence as Graph reports it, the known
 * availability and activity values, the pairs each write method allows, and
 * the bounds of their durations. Pure data, safe from any thread.
 */
#ifndef PRESENCE_H
#define PRESENCE_H

#include <stddef.h>

/*
 * A presence resource. Every string is as Graph sent it (unknown enum
 * values are kept verbatim), allocated, or NULL when the field was absent
 * or null.
 */
struct presence {
	char *id; /* The user's object id. */
	char *availability;
	char *activity;
	char *sequence; /* sequenceNumber, compared with strcmp. */

	char *status_message; /* statusMessage.message.content */
	char *status_content_type;
	char *status_expiry;      /* statusMessage.expiryDateTime.dateTime */
	char *status_expiry_zone; /* statusMessage.expiryDateTime.timeZone */
	char *status_published;   /* statusMessage.publishedDateTime */

	int has_ooo;       /* outOfOfficeSettings was present. */
	int is_ooo;        /* outOfOfficeSettings.isOutOfOffice */
	char *ooo_message; /* outOfOfficeSettings.message */

	char *work_location_type;   /* workLocation.workLocationType */
	char *work_location_source; /* workLocation.source */
	char *work_location_place;  /* workLocation.placeId */
};

/* A growable array of presences. */
struct presence_list {
	struct presence *v;
	size_t n;
	size_t cap;
};

/* Availability categories, for colour and counting, in header order. */
enum avail {
	AVAIL_AVAILABLE, /* Available, AvailableIdle, AvailableInactive */
	AVAIL_BUSY,      /* Busy, BusyIdle, InACall, InAMeeting, Focusing... */
	AVAIL_DND,       /* DoNotDisturb, Presenting, UrgentInterruptionsOnly */
	AVAIL_BRB,       /* BeRightBack */
	AVAIL_AWAY,      /* Away, Inactive, OutOfOffice */
	AVAIL_OFFLINE,   /* Offline, OffWork */
	AVAIL_UNKNOWN,   /* PresenceUnknown, an unknown string, or no data. */
	AVAIL__COUNT     /* Must be last. */
};

/*
 * The category of an availability (or activity) string, compared
 * case-insensitively over the classic PascalCase and the newer camelCase
 * lists; anything else is AVAIL_UNKNOWN.
 */
enum avail presence_avail(const char *availability);
/* The category's name: "Available", "Busy", "DoNotDisturb", ... */
const char *presence_avail_name(enum avail);

/* The write methods whose pairs and durations are checked. */
enum presence_method {
	PRESENCE_SET,      /* setPresence: an application's session. */
	PRESENCE_PREFERRED /* setUserPreferredPresence. */
};

/* setPresence's expirationDuration: default PT5M, allowed PT5M..PT4H. */
#define PRESENCE_SET_DEFAULT 300L
#define PRESENCE_SET_MIN 300L
#define PRESENCE_SET_MAX 14400L
/*
 * An Available app session not set again within this many seconds shows
 * AvailableInactive, and Away after as long again.
 */
#define PRESENCE_AVAILABLE_FADE 300L
/*
 * setUserPreferredPresence: Graph's default is 1 day for Busy and
 * DoNotDisturb, 7 days otherwise. No bounds are documented; teamtop
 * allows 5 minutes (as setPresence) to 7 days (the longest default).
 */
#define PRESENCE_PREFERRED_MIN 300L
#define PRESENCE_PREFERRED_MAX 604800L

/* One availability/activity pair a write method allows. */
struct presence_pair {
	const char *availability;
	const char *activity;
};

/*
 * The pairs the method allows, in the order of Graph's reference page;
 * *n is set to their number. The table is static.
 */
const struct presence_pair *presence_pairs(enum presence_method, size_t *n);
/* Is this availability/activity pair allowed by the method? (exact case) */
int presence_pair_allowed(enum presence_method, const char *availability,
    const char *activity);
/*
 * The allowed pairs for an error message, "Available/Available, ...",
 * written from presence_pairs() at the first call. Static.
 */
const char *presence_pairs_string(enum presence_method);
/*
 * The documented spelling of a known availability or activity value,
 * matched case-insensitively ("inacall" -> "InACall"), or NULL.
 */
const char *presence_canonical(const char *value);
/*
 * Check a write before sending it: canonicalises *availability and
 * *activity in place (pointers to static strings), checks the pair and
 * the duration (0 = the server's default). -1 with *cause otherwise.
 */
int presence_check(enum presence_method, const char **availability,
    const char **activity, long seconds, char **cause);
/* Check only a duration in seconds (0 = default) for the method. */
int presence_check_duration(enum presence_method, long seconds, char **cause);
/* The expiry Graph applies when none is sent, in seconds. */
long presence_default_duration(enum presence_method, const char *availability);

/*
 * The longest status message Teams takes, in characters (Unicode code
 * points, not bytes). The one limit of the CLI and the dashboard.
 */
#define PRESENCE_STATUS_MAX 280
/* The most bytes of UTF-8 that PRESENCE_STATUS_MAX characters take. */
#define PRESENCE_STATUS_MAX_BYTES (PRESENCE_STATUS_MAX * 4)
/* The length of a UTF-8 status message in characters (NULL is 0). */
size_t presence_status_length(const char *message);
/* Check a status message before sending it: -1 with *cause when too long. */
int presence_check_status(const char *message, char **cause);

/*
 * What Teams calls a presence where its words differ from Graph's values
 * ("Appear offline" for Offline/OffWork, "Be right back"), or NULL when
 * they say the same.
 */
const char *presence_teams_words(const char *availability,
    const char *activity);

/* Is sequence a newer than b (strcmp order, NULL oldest)? */
int presence_is_newer(const char *seq_a, const char *seq_b);
/*
 * Does a status message expiry dateTime mean "never" (missing, empty, or
 * year 9999 as Teams sends)?
 */
int presence_expiry_is_never(const char *datetime);

void presence_done(struct presence *);
void presence_copy(struct presence *dst, const struct presence *src);
struct presence *presence_list_add(struct presence_list *);
void presence_list_drop_last(struct presence_list *);
void presence_list_done(struct presence_list *);

#endif
