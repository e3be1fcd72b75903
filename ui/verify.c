/*
 * What Graph shows after a write. Sessions rank DoNotDisturb, Busy,
 * Available, Away; a preferred presence outranks them all while the
 * person has one; an Available app session not set again fades to
 * AvailableInactive, then Away. UI thread only.
 */
#include "config.h"

#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action.h"
#include "presence.h"
#include "text.h"

/* The rank of an availability among sessions; 0 below them all. */
static int
verify_rank(const char *availability)
{
	switch (presence_avail(availability)) {
	case AVAIL_DND:
		return 4;
	case AVAIL_BUSY:
		return 3;
	case AVAIL_AVAILABLE:
		return 2;
	case AVAIL_AWAY:
		return 1;
	default:
		return 0;
	}
}

/* Are two strings that may be NULL the same, ignoring case? */
static int
verify_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcasecmp(a, b) == 0;
}

/* The pair p shows, sanitised: "Busy/InACall". */
static void
verify_pair(const struct presence *p, char *buf, size_t len)
{
	char *a, *b;

	a = text_sanitize(p->availability == NULL ? "?" : p->availability);
	b = text_sanitize(p->activity == NULL ? "?" : p->activity);
	snprintf(buf, len, "%s/%s", a, b);
	free(a);
	free(b);
}

/*
 * The work location Graph shows after one of its methods; a set one that
 * does not show is said (a location set for today outranks an automatic
 * one).
 */
static int
verify_location(const struct action *a, const struct presence *p, char *buf,
    size_t len)
{
	char *type, *source;
	int differs;

	type =
	    text_sanitize(p->work_location_type != NULL ? p->work_location_type
	                                                : "unspecified");
	source = text_sanitize(
	    p->work_location_source != NULL ? p->work_location_source : "none");
	differs = a->location != NULL && !verify_same(a->location, type);
	if (differs)
		snprintf(buf, len,
		    "Graph shows the work location %s (%s), not %s: a "
		    "location set for today outranks an automatic one",
		    type, source, a->location);
	else
		snprintf(buf, len, "Graph shows the work location %s (%s)",
		    type, source);
	free(type);
	free(source);
	return differs;
}

/* Why a session set with setPresence does not show. */
static const char *
verify_why_session(const struct action *a, const struct presence *p)
{
	int asked = verify_rank(a->availability), shown;

	shown = verify_rank(p->availability);
	if (presence_avail(a->availability) == AVAIL_AVAILABLE &&
	    (verify_same(p->activity, "AvailableInactive") ||
	        (shown == 1 && verify_same(p->availability, "Away"))))
		return "an Available app session not set again fades to "
		       "AvailableInactive after 5 minutes, then Away (a hold "
		       "keeps it)";
	if (shown > asked)
		return "a session that ranks higher (DoNotDisturb > Busy > "
		       "Available > Away), such as the person's own in Teams, "
		       "or a preferred presence wins";
	if (shown == asked)
		return "another session of the same rank, set more recently, "
		       "or a preferred presence wins";
	return "a preferred presence outranks every session";
}

/* Say what Graph shows after a write. */
int
verify_explain(const struct action *a, const struct presence *p, char *buf,
    size_t len)
{
	char shown[256];
	char *msg;

	verify_pair(p, shown, sizeof shown);
	switch (a->kind) {
	case ACTION_SET_PRESENCE:
		if (verify_same(a->availability, p->availability) &&
		    verify_same(a->activity, p->activity)) {
			snprintf(buf, len, "Graph shows %s, as asked%s", shown,
			    presence_avail(a->availability) == AVAIL_AVAILABLE
			        ? "; an Available app session fades to Away "
			          "unless set again (a hold keeps it)"
			        : "");
			return 0;
		}
		snprintf(buf, len, "Graph shows %s, not %s/%s: %s", shown,
		    a->availability, a->activity, verify_why_session(a, p));
		return 1;
	case ACTION_SET_PREFERRED:
		if (verify_same(a->availability, p->availability) &&
		    verify_same(a->activity, p->activity)) {
			snprintf(buf, len, "Graph shows %s, as asked", shown);
			return 0;
		}
		if (presence_avail(p->availability) == AVAIL_OFFLINE)
			snprintf(buf, len,
			    "Graph shows %s, not %s/%s: a preferred presence "
			    "shows only while the person has a session (Teams "
			    "signed in, or an app's)",
			    shown, a->availability, a->activity);
		else
			snprintf(buf, len, "Graph shows %s, not %s/%s", shown,
			    a->availability, a->activity);
		return 1;
	case ACTION_SET_STATUS:
		if (strcmp(a->message == NULL ? "" : a->message,
		        p->status_message == NULL ? "" : p->status_message) ==
		    0) {
			snprintf(buf, len, "Graph shows %s",
			    a->message == NULL || *a->message == '\0'
			        ? "no status message, as asked"
			        : "the status message, as set");
			return 0;
		}
		msg = text_sanitize(p->status_message);
		if (*msg == '\0')
			snprintf(buf, len, "Graph shows no status message");
		else
			snprintf(buf, len,
			    "Graph shows another status "
			    "message: \"%s\"",
			    msg);
		free(msg);
		return 1;
	case ACTION_SET_LOCATION:
	case ACTION_SET_AUTOMATIC_LOCATION:
	case ACTION_CLEAR_LOCATION:
	case ACTION_CLEAR_AUTOMATIC_LOCATION:
		return verify_location(a, p, buf, len);
	default:
		snprintf(buf, len, "Graph now shows %s", shown);
		return 0;
	}
}
