/*
 * The presence model: freeing and copying presences, the known availability
 * and activity values, the pairs each write method allows and the bounds of
 * their durations (from Graph's reference pages for setPresence and
 * setUserPreferredPresence). Pure data, safe from any thread.
 */
#include "config.h"

#include "presence.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "duration.h"
#include "xmalloc.h"

/* setPresence allows exactly these five pairs. */
static const struct presence_pair presence_set_pairs[] = {
	{ "Available", "Available" },
	{ "Busy", "InACall" },
	{ "Busy", "InAConferenceCall" },
	{ "Away", "Away" },
	{ "DoNotDisturb", "Presenting" },
};

/* setUserPreferredPresence allows exactly these six pairs. */
static const struct presence_pair presence_preferred_pairs[] = {
	{ "Available", "Available" },
	{ "Busy", "Busy" },
	{ "DoNotDisturb", "DoNotDisturb" },
	{ "BeRightBack", "BeRightBack" },
	{ "Away", "Away" },
	{ "Offline", "OffWork" },
};

/* Each method's pairs as one line of text, written once from the tables. */
static pthread_once_t presence_pairs_once = PTHREAD_ONCE_INIT;
static char *presence_set_text;
static char *presence_preferred_text;

/* The names of the availability categories. */
static const char *const presence_avail_names[AVAIL__COUNT] = {
	"Available",
	"Busy",
	"DoNotDisturb",
	"BeRightBack",
	"Away",
	"Offline",
	"Unknown",
};

/*
 * Every documented availability and activity value, spelt as the examples
 * spell them, and its category: both lists of the reference page (the
 * classic one, and the camelCase one where inACall, inAMeeting, focusing
 * and presenting appear as availabilities) and AvailableInactive from the
 * concept page.
 */
static const struct presence_value {
	const char *name;
	enum avail avail;
} presence_values[] = {
	{ "Available", AVAIL_AVAILABLE },
	{ "AvailableIdle", AVAIL_AVAILABLE },
	{ "AvailableInactive", AVAIL_AVAILABLE },
	{ "Busy", AVAIL_BUSY },
	{ "BusyIdle", AVAIL_BUSY },
	{ "InACall", AVAIL_BUSY },
	{ "InAConferenceCall", AVAIL_BUSY },
	{ "InAMeeting", AVAIL_BUSY },
	{ "Focusing", AVAIL_BUSY },
	{ "DoNotDisturb", AVAIL_DND },
	{ "Presenting", AVAIL_DND },
	{ "UrgentInterruptionsOnly", AVAIL_DND },
	{ "BeRightBack", AVAIL_BRB },
	{ "Away", AVAIL_AWAY },
	{ "Inactive", AVAIL_AWAY },
	{ "OutOfOffice", AVAIL_AWAY },
	{ "Offline", AVAIL_OFFLINE },
	{ "OffWork", AVAIL_OFFLINE },
	{ "PresenceUnknown", AVAIL_UNKNOWN },
};

/* The documented value matching s case-insensitively, or NULL. */
static const struct presence_value *
presence_find(const char *s)
{
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < sizeof presence_values / sizeof presence_values[0];
	     i++) {
		if (strcasecmp(s, presence_values[i].name) == 0)
			return &presence_values[i];
	}
	return NULL;
}

/* The category of an availability string; unknown strings are unknown. */
enum avail
presence_avail(const char *availability)
{
	const struct presence_value *v = presence_find(availability);

	return v != NULL ? v->avail : AVAIL_UNKNOWN;
}

/* The name of a category ("Unknown" for anything out of range). */
const char *
presence_avail_name(enum avail a)
{
	if ((int)a < 0 || a >= AVAIL__COUNT)
		return "Unknown";
	return presence_avail_names[a];
}

/* Free a presence's strings and zero it. */
void
presence_done(struct presence *p)
{
	if (p == NULL)
		return;
	free(p->id);
	free(p->availability);
	free(p->activity);
	free(p->sequence);
	free(p->status_message);
	free(p->status_content_type);
	free(p->status_expiry);
	free(p->status_expiry_zone);
	free(p->status_published);
	free(p->ooo_message);
	free(p->work_location_type);
	free(p->work_location_source);
	free(p->work_location_place);
	memset(p, 0, sizeof *p);
}

/* Make dst a deep copy of src; dst is overwritten, not freed. */
void
presence_copy(struct presence *dst, const struct presence *src)
{
	dst->id = xstrdup_null(src->id);
	dst->availability = xstrdup_null(src->availability);
	dst->activity = xstrdup_null(src->activity);
	dst->sequence = xstrdup_null(src->sequence);
	dst->status_message = xstrdup_null(src->status_message);
	dst->status_content_type = xstrdup_null(src->status_content_type);
	dst->status_expiry = xstrdup_null(src->status_expiry);
	dst->status_expiry_zone = xstrdup_null(src->status_expiry_zone);
	dst->status_published = xstrdup_null(src->status_published);
	dst->has_ooo = src->has_ooo;
	dst->is_ooo = src->is_ooo;
	dst->ooo_message = xstrdup_null(src->ooo_message);
	dst->work_location_type = xstrdup_null(src->work_location_type);
	dst->work_location_source = xstrdup_null(src->work_location_source);
	dst->work_location_place = xstrdup_null(src->work_location_place);
}

/* Append a zeroed presence and return it. */
struct presence *
presence_list_add(struct presence_list *l)
{
	l->v = xgrowarray(l->v, l->n, &l->cap, sizeof *l->v);
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	return &l->v[l->n++];
}

/* Remove and free the last presence. */
void
presence_list_drop_last(struct presence_list *l)
{
	if (l->n == 0)
		return;
	presence_done(&l->v[--l->n]);
}

/* Free every presence and the array; the list is empty afterwards. */
void
presence_list_done(struct presence_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		presence_done(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The pair table of a method and its size. */
const struct presence_pair *
presence_pairs(enum presence_method m, size_t *n)
{
	if (m == PRESENCE_SET) {
		*n = sizeof presence_set_pairs / sizeof presence_set_pairs[0];
		return presence_set_pairs;
	}
	*n = sizeof presence_preferred_pairs /
	    sizeof presence_preferred_pairs[0];
	return presence_preferred_pairs;
}

/* Is the pair in the method's table? Exact spelling, as Graph compares. */
int
presence_pair_allowed(enum presence_method m, const char *availability,
    const char *activity)
{
	const struct presence_pair *t;
	size_t i, n;

	if (availability == NULL || activity == NULL)
		return 0;
	t = presence_pairs(m, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(t[i].availability, availability) == 0 &&
		    strcmp(t[i].activity, activity) == 0)
			return 1;
	}
	return 0;
}

/* Write a method's pairs as "Available/Available, Busy/InACall, ...". */
static char *
presence_pairs_join(enum presence_method m)
{
	const struct presence_pair *t;
	char *text, *next;
	size_t i, n;

	t = presence_pairs(m, &n);
	text = xstrdup("");
	for (i = 0; i < n; i++) {
		xasprintf(&next, "%s%s%s/%s", text, i == 0 ? "" : ", ",
		    t[i].availability, t[i].activity);
		free(text);
		text = next;
	}
	return text;
}

/* Write both methods' pairs as text; run once. */
static void
presence_pairs_build(void)
{
	presence_set_text = presence_pairs_join(PRESENCE_SET);
	presence_preferred_text = presence_pairs_join(PRESENCE_PREFERRED);
}

/* The method's allowed pairs as one line of text. */
const char *
presence_pairs_string(enum presence_method m)
{
	pthread_once(&presence_pairs_once, presence_pairs_build);
	if (m == PRESENCE_SET)
		return presence_set_text;
	return presence_preferred_text;
}

/* The documented spelling of a value, case-insensitively, or NULL. */
const char *
presence_canonical(const char *value)
{
	const struct presence_value *v = presence_find(value);

	return v != NULL ? v->name : NULL;
}

/* The method's name for messages. */
static const char *
presence_method_name(enum presence_method m)
{
	return m == PRESENCE_SET ? "setPresence" : "setUserPreferredPresence";
}

/* The expiry Graph applies when the request carries none. */
long
presence_default_duration(enum presence_method m, const char *availability)
{
	if (m == PRESENCE_SET)
		return PRESENCE_SET_DEFAULT;
	if (availability != NULL &&
	    (strcasecmp(availability, "Busy") == 0 ||
	        strcasecmp(availability, "DoNotDisturb") == 0))
		return 86400L;
	return 7 * 86400L;
}

/* Check a duration against the method's bounds (0 is the default). */
int
presence_check_duration(enum presence_method m, long seconds, char **cause)
{
	long lo, hi;
	char a[DURATION_BUFSIZE], b[DURATION_BUFSIZE], c[DURATION_BUFSIZE];

	if (seconds == 0)
		return 0;
	if (m == PRESENCE_SET) {
		lo = PRESENCE_SET_MIN;
		hi = PRESENCE_SET_MAX;
	} else {
		lo = PRESENCE_PREFERRED_MIN;
		hi = PRESENCE_PREFERRED_MAX;
	}
	if (seconds >= lo && seconds <= hi)
		return 0;
	if (cause != NULL) {
		xasprintf(cause,
		    "%s: an expiry of %s is out of range "
		    "(%s to %s)",
		    presence_method_name(m),
		    seconds < 0 ? "less than nothing"
		                : duration_format_iso(seconds, a, sizeof a),
		    duration_format_iso(lo, b, sizeof b),
		    duration_format_iso(hi, c, sizeof c));
	}
	return -1;
}

/* Refuse a value that is not known, listing the pairs; returns -1. */
static int
presence_unknown(enum presence_method m, const char *what, const char *value,
    char **cause)
{
	if (cause != NULL) {
		xasprintf(cause, "%s: unknown %s '%s'; allowed: %s",
		    presence_method_name(m), what, value == NULL ? "" : value,
		    presence_pairs_string(m));
	}
	return -1;
}

/*
 * Check a write: known values (canonicalised in place), an allowed pair,
 * a duration in bounds.
 */
int
presence_check(enum presence_method m, const char **availability,
    const char **activity, long seconds, char **cause)
{
	const char *av, *ac;

	if ((av = presence_canonical(*availability)) == NULL)
		return presence_unknown(m, "availability", *availability,
		    cause);
	if ((ac = presence_canonical(*activity)) == NULL)
		return presence_unknown(m, "activity", *activity, cause);
	if (!presence_pair_allowed(m, av, ac)) {
		if (cause != NULL) {
			xasprintf(cause, "%s does not allow %s/%s; allowed: %s",
			    presence_method_name(m), av, ac,
			    presence_pairs_string(m));
		}
		return -1;
	}
	if (presence_check_duration(m, seconds, cause) != 0)
		return -1;
	*availability = av;
	*activity = ac;
	return 0;
}

/* Teams' words for presences, where they differ from Graph's values. */
static const struct {
	const char *availability; /* NULL: any. */
	const char *activity;
	const char *words;
} presence_teams[] = {
	{ "Offline", "OffWork", "Appear offline" },
	{ "BeRightBack", "BeRightBack", "Be right back" },
	{ "DoNotDisturb", "DoNotDisturb", "Do not disturb" },
	{ "DoNotDisturb", "Presenting", "Presenting" },
	{ "DoNotDisturb", "Focusing", "Focusing" },
	{ "Busy", "InACall", "In a call" },
	{ "Busy", "InAConferenceCall", "In a conference call" },
	{ "Busy", "InAMeeting", "In a meeting" },
	{ "AvailableIdle", NULL, "Available, inactive" },
	{ "BusyIdle", NULL, "Busy, inactive" },
	{ NULL, "OutOfOffice", "Out of office" },
};

/* Teams' words for a presence, or NULL when they are Graph's. */
const char *
presence_teams_words(const char *availability, const char *activity)
{
	size_t i;

	if (availability == NULL || activity == NULL)
		return NULL;
	for (i = 0; i < sizeof presence_teams / sizeof presence_teams[0]; i++) {
		if ((presence_teams[i].availability == NULL ||
		        strcasecmp(presence_teams[i].availability,
		            availability) == 0) &&
		    (presence_teams[i].activity == NULL ||
		        strcasecmp(presence_teams[i].activity, activity) == 0))
			return presence_teams[i].words;
	}
	return NULL;
}

/* Is sequence a newer than b? strcmp order; NULL is the oldest. */
int
presence_is_newer(const char *seq_a, const char *seq_b)
{
	if (seq_a == NULL)
		return 0;
	if (seq_b == NULL)
		return 1;
	return strcmp(seq_a, seq_b) > 0;
}

/* Characters of a status message: the bytes that start a UTF-8 sequence. */
size_t
presence_status_length(const char *message)
{
	const unsigned char *p;
	size_t n = 0;

	if (message == NULL)
		return 0;
	for (p = (const unsigned char *)message; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/* Refuse a status message longer than Teams takes. */
int
presence_check_status(const char *message, char **cause)
{
	size_t n = presence_status_length(message);

	if (n <= PRESENCE_STATUS_MAX)
		return 0;
	xasprintf(cause,
	    "the status message is %zu characters long; Teams takes at most "
	    "%d",
	    n, PRESENCE_STATUS_MAX);
	return -1;
}

/* Does this expiry dateTime mean "never expires"? */
int
presence_expiry_is_never(const char *datetime)
{
	if (datetime == NULL)
		return 1;
	while (*datetime == ' ')
		datetime++;
	if (*datetime == '\0')
		return 1;
	return strncmp(datetime, "9999", 4) == 0;
}
