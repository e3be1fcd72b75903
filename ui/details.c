/*
 * The details pane: opened on a person, filled from the snapshot, then
 * again when the source's fresh read comes. Everything from Graph is
 * sanitised here, once per answer, before it reaches a pane line. UI
 * thread only.
 */
#include "config.h"

#include "details.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "duration.h"
#include "presence.h"
#include "sent.h"
#include "source.h"
#include "text.h"
#include "timeline.h"
#include "ui_int.h"
#include "xmalloc.h"

/* What the pane says of a field Graph does not return for another user. */
#define DETAILS_NOT_REPORTED "not reported by Graph"
/* The start of a link that opens a chat with a user in Teams. */
#define DETAILS_CHAT_URL "https://teams.microsoft.com/l/chat/0/0?users="

/* Add "label: value" with the value sanitised; NULL shows as "-". */
static void
details_field(struct pane *p, const char *label, const char *value)
{
	char *clean;

	clean = text_sanitize(value == NULL || *value == '\0' ? "-" : value);
	pane_add(p, "  %-18s %s", label, clean);
	free(clean);
}

/* Add one transition: time, availability / activity. */
static void
details_transition(struct pane *p, const struct store_transition *t, int first)
{
	struct tm tm;
	char *a, *b;

	localtime_r(&t->at, &tm);
	a = text_sanitize(t->availability == NULL ? "-" : t->availability);
	b = text_sanitize(t->activity == NULL ? "-" : t->activity);
	pane_add(p, "    %02d:%02d:%02d  %s / %s%s", tm.tm_hour, tm.tm_min,
	    tm.tm_sec, a, b, first ? " (first seen)" : "");
	free(a);
	free(b);
}

/* Is there a status message? */
static int
details_has_message(const struct presence *pr)
{
	return pr->status_message != NULL && *pr->status_message != '\0';
}

/*
 * When the status message expires. Graph does not return the expiry of
 * another user's message: absent is "not reported", unless this dashboard
 * set the same message, with the expiry it gave. "never" only when Graph
 * says so, with its year 9999.
 */
static void
details_expiry(struct pane *p, const struct presence *pr,
    const struct sent_status *sent)
{
	char buf[256], when[64];
	struct tm tm;

	if (pr->status_expiry != NULL) {
		if (presence_expiry_is_never(pr->status_expiry))
			details_field(p, "  expires", "never");
		else {
			snprintf(buf, sizeof buf, "%s %s", pr->status_expiry,
			    pr->status_expiry_zone == NULL
			        ? ""
			        : pr->status_expiry_zone);
			details_field(p, "  expires", buf);
		}
	} else if (!details_has_message(pr))
		details_field(p, "  expires", NULL);
	else if (sent != NULL && sent->message != NULL &&
	    strcmp(sent->message, pr->status_message) == 0) {
		if (sent->expiry == 0)
			snprintf(buf, sizeof buf, "never (as set by teamtop)");
		else {
			localtime_r(&sent->expiry, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z", &tm);
			snprintf(buf, sizeof buf, "%s (as set by teamtop)",
			    when);
		}
		details_field(p, "  expires", buf);
	} else
		details_field(p, "  expires", DETAILS_NOT_REPORTED);
}

/* One presence teamtop set, with when it ends, if it still lasts. */
static void
details_pair(struct pane *p, const char *label, const struct sent_pair *sp,
    int held, time_t now)
{
	char buf[256], when[64];

	if (sp->pair == NULL || (!held && sp->until <= now))
		return;
	duration_format_until(sp->until, now, when, sizeof when);
	snprintf(buf, sizeof buf, "%s until %s%s", sp->pair, when,
	    held ? ", held: sent again before it ends" : "");
	details_field(p, label, buf);
}

/* The Teams chat link of a user, by UPN (or mail), percent-encoded. */
void
details_chat_link(const char *upn, char *buf, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t used;
	const unsigned char *c;

	used = (size_t)snprintf(buf, len, "%s", DETAILS_CHAT_URL);
	for (c = (const unsigned char *)upn; *c != '\0' && used + 4 < len;
	     c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~", *c) != NULL)
			buf[used++] = (char)*c;
		else {
			buf[used++] = '%';
			buf[used++] = hex[*c >> 4];
			buf[used++] = hex[*c & 15];
		}
	}
	buf[used] = '\0';
}

/* The Teams chat link, on a line of its own so that it fits 80 columns. */
static void
details_chat(struct pane *p, const struct store_row *r)
{
	const char *who = r->upn != NULL && *r->upn != '\0' ? r->upn : r->mail;
	char link[1024];

	if (who == NULL || *who == '\0')
		return;
	details_chat_link(who, link, sizeof link);
	pane_add(p, "  %s", "Teams chat");
	pane_add(p, "    %s", link);
}

/* Fill the pane for one person. */
void
details_build(struct pane *p, const struct snapshot *s, const char *id,
    const struct store_event *fresh, const struct sent_status *sent, int held,
    time_t now, const struct grid_opts *o, const struct timeline_day *day)
{
	const struct store_row *r;
	const struct presence *pr = NULL;
	const char *words;
	struct tm tm;
	char buf[256], d[32];
	size_t i;

	pane_clear(p);
	r = snapshot_find(s, id);
	if (r != NULL) {
		details_field(p, "Name", r->name);
		details_field(p, "UPN", r->upn);
		details_field(p, "Mail", r->mail);
		details_field(p, "Department", r->department);
		details_field(p, "Job title", r->job_title);
		details_chat(p, r);
	}
	details_field(p, "Id", id);
	if (fresh != NULL && fresh->ok)
		pr = &fresh->presence;
	else if (r != NULL && r->have_presence)
		pr = &r->presence;
	if (fresh == NULL)
		pane_add(p, "  %-18s %s", "Source",
		    "last refresh (reading fresh from Graph...)");
	else if (fresh->ok)
		pane_add(p, "  %-18s %s", "Source", "read fresh from Graph");
	else
		details_field(p, "Fresh read failed", fresh->text);
	if (pr != NULL) {
		details_field(p, "Availability", pr->availability);
		details_field(p, "Activity", pr->activity);
		if ((words = presence_teams_words(pr->availability,
		         pr->activity)) != NULL)
			details_field(p, "  in Teams", words);
		details_field(p, "Status message", pr->status_message);
		details_field(p, "  content type", pr->status_content_type);
		details_expiry(p, pr, sent);
		details_field(p, "  published",
		    pr->status_published != NULL || !details_has_message(pr)
		        ? pr->status_published
		        : DETAILS_NOT_REPORTED);
		if (!pr->has_ooo)
			details_field(p, "Out of office", NULL);
		else
			details_field(p, "Out of office",
			    pr->is_ooo ? "yes" : "no");
		details_field(p, "  message", pr->ooo_message);
		details_field(p, "Work location", pr->work_location_type);
		details_field(p, "  source", pr->work_location_source);
		details_field(p, "  place", pr->work_location_place);
		details_field(p, "Sequence number", pr->sequence);
	}
	if (sent != NULL) {
		details_pair(p, "Session set here", &sent->session, held, now);
		details_pair(p, "Preferred set here", &sent->preferred, 0, now);
	}
	if (r != NULL && r->have_presence) {
		duration_format_short((long)(now - r->since), d, sizeof d);
		localtime_r(&r->since, &tm);
		snprintf(buf, sizeof buf, "%s%s (since %02d:%02d:%02d%s)",
		    r->since_seen ? "" : "at least ", d, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, r->since_seen ? "" : ", first seen");
		pane_add(p, "  %-18s %s", "In this for", buf);
		pane_add(p, "%s", "");
		pane_add(p, "  Transitions seen since start (oldest first):");
		for (i = 0; i < r->nhistory; i++)
			details_transition(p, &r->history[i],
			    i == 0 && r->nhistory < STORE_HISTORY);
	}
	/* Today from the history: timeline.c. */
	if (day != NULL)
		timeline_details(p, day, o->ascii);
	pane_add(p, "%s", "");
	pane_add(p,
	    "  r reads again; arrows, PgUp, PgDn scroll; any other "
	    "key closes.");
}

/* Open the details of the selected person and ask for a fresh read. */
void
details_open(struct ui *ui)
{
	struct timeline_day day;
	struct action a;

	if (ui->sel.id == NULL)
		return;
	free(ui->detail_id);
	ui->detail_id = xstrdup(ui->sel.id);
	pane_done(&ui->pane);
	pane_init(&ui->pane, "Details");
	timeline_read(ui, ui->detail_id, time(NULL), &day);
	details_build(&ui->pane, ui->snap, ui->detail_id, NULL,
	    sent_find(&ui->sent, ui->detail_id),
	    hold_find(&ui->hold, ui->detail_id) != NULL, time(NULL), &ui->opts,
	    &day);
	timeline_day_done(&day);
	ui->mode = MODE_DETAILS;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_READ;
	a.id = ui->detail_id;
	source_submit(ui->src, &a);
}

/* Show a fresh read if the pane is open on that person. */
void
details_fresh(struct ui *ui, const struct store_event *ev)
{
	struct timeline_day day;

	if (ui->mode != MODE_DETAILS || ui->detail_id == NULL ||
	    ev->id == NULL || strcmp(ev->id, ui->detail_id) != 0)
		return;
	timeline_read(ui, ui->detail_id, time(NULL), &day);
	details_build(&ui->pane, ui->snap, ui->detail_id, ev,
	    sent_find(&ui->sent, ui->detail_id),
	    hold_find(&ui->hold, ui->detail_id) != NULL, time(NULL), &ui->opts,
	    &day);
	timeline_day_done(&day);
}
