/*
 * The writes the dashboard sends: each is logged with the presence it
 * replaces and a tag, sent through the data source, and marked on its row
 * (what teamtop set, until when); its outcome and then what Graph shows
 * when the person is read again come back as events, matched by tag. A
 * write to one person says both in the status bar; a bulk write shows its
 * progress there (12/40) and then its end (37 done, 3 failed), each write
 * kept for the message log. UI thread only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "duration.h"
#include "source.h"
#include "text.h"
#include "ui_int.h"
#include "verify.h"
#include "xmalloc.h"

/* The longest part of a status message a description quotes. Cells. */
#define WRITES_QUOTE 48

/* Start with no writes. */
void
writes_init(struct ui *ui)
{
	actlog_init(&ui->writes.log);
	ui->writes.batch = 0;
}

/* Free the log. */
void
writes_done(struct ui *ui)
{
	actlog_done(&ui->writes.log);
}

/* The name of a person, safe for a terminal: the row's, or the id. */
const char *
writes_who(const struct ui *ui, const char *id)
{
	const struct store_row *r;

	r = ui->snap == NULL ? NULL : snapshot_find(ui->snap, id);
	return r != NULL ? r->d_name : id;
}

/* "until Fri 17:00" for seconds from now. */
static void
writes_until(long seconds, time_t now, char *buf, size_t len)
{
	char when[DURATION_BUFSIZE];

	duration_format_until(now + seconds, now, when, sizeof when);
	snprintf(buf, len, "until %s", when);
}

/* What a write asks, in words, as seen at now. */
void
writes_describe(const struct action *a, time_t now, char *buf, size_t len)
{
	char until[64], d[DURATION_BUFSIZE], when[DURATION_BUFSIZE];
	char *msg, *cut;
	long secs;

	switch (a->kind) {
	case ACTION_SET_PRESENCE:
		secs = a->expiry_seconds != 0 ? a->expiry_seconds
		                              : PRESENCE_SET_DEFAULT;
		writes_until(secs, now, until, sizeof until);
		duration_format_short(secs, d, sizeof d);
		snprintf(buf, len, "%s/%s %s (%s, %s)", a->availability,
		    a->activity, until,
		    a->session == NULL ? "this app's session" : "a session", d);
		break;
	case ACTION_SET_PREFERRED:
		secs = a->expiry_seconds;
		if (secs == 0)
			secs = presence_default_duration(PRESENCE_PREFERRED,
			    a->availability);
		writes_until(secs, now, until, sizeof until);
		duration_format_short(secs, d, sizeof d);
		snprintf(buf, len, "preferred %s/%s %s (%s%s)", a->availability,
		    a->activity, until,
		    a->expiry_seconds == 0 ? "Graph's default, " : "", d);
		break;
	case ACTION_CLEAR_PRESENCE:
		snprintf(buf, len, "%s cleared",
		    a->session == NULL ? "this app's presence session"
		                       : "a presence session");
		break;
	case ACTION_CLEAR_PREFERRED:
		snprintf(buf, len, "preferred presence cleared");
		break;
	case ACTION_SET_STATUS:
		if (a->message == NULL || *a->message == '\0') {
			snprintf(buf, len, "status message cleared");
			break;
		}
		msg = text_sanitize(a->message);
		cut = text_fit_flags(msg, WRITES_QUOTE, TEXT_NOPAD);
		if (a->expiry == 0)
			snprintf(buf, len, "status message \"%s\", no expiry",
			    cut);
		else {
			duration_format_until(a->expiry, now, when,
			    sizeof when);
			snprintf(buf, len, "status message \"%s\" until %s",
			    cut, when);
		}
		free(cut);
		free(msg);
		break;
	case ACTION_SET_LOCATION:
	case ACTION_SET_AUTOMATIC_LOCATION:
		msg = a->place != NULL ? text_sanitize(a->place) : NULL;
		snprintf(buf, len, "work location %s%s%s%s",
		    a->location != NULL ? a->location : "?",
		    msg != NULL ? " at " : "", msg != NULL ? msg : "",
		    a->kind == ACTION_SET_LOCATION ? " for today"
		                                   : " (automatic)");
		free(msg);
		break;
	case ACTION_CLEAR_LOCATION:
	case ACTION_CLEAR_AUTOMATIC_LOCATION:
		snprintf(buf, len, "%s", action_done_word(a->kind));
		break;
	default:
		snprintf(buf, len, "%s", action_name(a->kind));
		break;
	}
}

/* The method and pair of a write, for a bulk write's progress. */
void
writes_what(const struct action *a, char *buf, size_t len)
{
	if (a->kind == ACTION_SET_PRESENCE || a->kind == ACTION_SET_PREFERRED)
		snprintf(buf, len, "%s %s/%s", action_name(a->kind),
		    a->availability, a->activity);
	else
		snprintf(buf, len, "%s", action_name(a->kind));
}

/*
 * The presence a write to id replaces, as the row shows it; a status
 * message set from here has the expiry given then, which Graph does not
 * report. 0 when the row has no presence yet.
 */
static int
writes_before(struct ui *ui, const char *id, struct presence *out)
{
	const struct store_row *r = snapshot_find(ui->snap, id);
	const struct sent_status *s = sent_find(&ui->sent, id);
	char buf[DURATION_BUFSIZE];

	if (r == NULL || !r->have_presence)
		return 0;
	presence_copy(out, &r->presence);
	if (s != NULL && s->message != NULL && s->expiry != 0 &&
	    out->status_message != NULL &&
	    strcmp(s->message, out->status_message) == 0 &&
	    out->status_expiry == NULL) {
		out->status_expiry =
		    xstrdup(duration_format_graph(s->expiry, buf, sizeof buf));
		free(out->status_expiry_zone);
		out->status_expiry_zone = xstrdup("UTC");
	}
	return 1;
}

/* Mark on the row what a write sent at now sets or clears. */
static void
writes_mark(struct ui *ui, const struct action *a, time_t now)
{
	char pair[128];
	long secs;

	snprintf(pair, sizeof pair, "%s/%s",
	    a->availability != NULL ? a->availability : "",
	    a->activity != NULL ? a->activity : "");
	switch (a->kind) {
	case ACTION_SET_STATUS:
		sent_record(&ui->sent, a->id, a->message, a->expiry);
		break;
	case ACTION_SET_PRESENCE:
		if (a->session != NULL)
			break;
		secs = a->expiry_seconds != 0 ? a->expiry_seconds
		                              : PRESENCE_SET_DEFAULT;
		sent_pair(&ui->sent, a->id, 0, pair, now + secs);
		break;
	case ACTION_SET_PREFERRED:
		secs = a->expiry_seconds;
		if (secs == 0)
			secs = presence_default_duration(PRESENCE_PREFERRED,
			    a->availability);
		sent_pair(&ui->sent, a->id, 1, pair, now + secs);
		break;
	case ACTION_CLEAR_PRESENCE:
		if (a->session == NULL)
			sent_pair(&ui->sent, a->id, 0, NULL, 0);
		hold_drop(&ui->hold, a->id);
		break;
	case ACTION_CLEAR_PREFERRED:
		sent_pair(&ui->sent, a->id, 1, NULL, 0);
		break;
	default:
		break;
	}
}

/* Forget the mark of a write that failed. */
static void
writes_unmark(struct ui *ui, const struct action *a)
{
	switch (a->kind) {
	case ACTION_SET_STATUS:
		sent_forget(&ui->sent, a->id);
		break;
	case ACTION_SET_PRESENCE:
		if (a->session == NULL)
			sent_pair(&ui->sent, a->id, 0, NULL, 0);
		break;
	case ACTION_SET_PREFERRED:
		sent_pair(&ui->sent, a->id, 1, NULL, 0);
		break;
	default:
		break;
	}
}

/* Log, mark and send one write of a batch; hold it when asked. */
static void
writes_one(struct ui *ui, unsigned long batch, const struct action *a, int hold,
    time_t now)
{
	struct presence before;
	struct action c = *a;
	const char *who = writes_who(ui, a->id);
	int have;

	memset(&before, 0, sizeof before);
	have = writes_before(ui, a->id, &before);
	c.tag =
	    actlog_add(&ui->writes.log, batch, &c, who, have ? &before : NULL);
	presence_done(&before);
	ui->writes.changes++;
	writes_mark(ui, &c, now);
	source_submit(ui->src, &c);
	if (hold && c.kind == ACTION_SET_PRESENCE)
		hold_add(&ui->hold, &c, who, c.tag, now);
}

/* Say that a batch was sent, and follow a bulk one in the status bar. */
static void
writes_sent(struct ui *ui, unsigned long batch, const struct action *first,
    size_t n)
{
	char what[256];

	if (n == 1) {
		msglog_add(&ui->log, "sending %s for %s",
		    action_name(first->kind), writes_who(ui, first->id));
		return;
	}
	writes_what(first, what, sizeof what);
	msglog_add(&ui->log, "sending %s to %zu people", what, n);
	ui->writes.batch = batch;
}

/* Send a to each of the targets, as one batch. */
void
writes_send(struct ui *ui, const struct action *a, const struct targets *to,
    int hold)
{
	unsigned long batch;
	struct action c = *a;
	time_t now = time(NULL);
	size_t i;

	if (to->n == 0)
		return;
	batch = actlog_batch(&ui->writes.log);
	for (i = 0; i < to->n; i++) {
		c.id = to->ids[i];
		writes_one(ui, batch, &c, hold, now);
	}
	c.id = to->ids[0];
	writes_sent(ui, batch, &c, to->n);
}

/* Send writes that each name their person, as one batch (an undo). */
void
writes_send_each(struct ui *ui, struct action **v, size_t n)
{
	unsigned long batch;
	time_t now = time(NULL);
	size_t i;

	if (n == 0)
		return;
	batch = actlog_batch(&ui->writes.log);
	for (i = 0; i < n; i++)
		writes_one(ui, batch, v[i], 0, now);
	writes_sent(ui, batch, v[0], n);
}

/* An outcome: for the log, the marks, the holds, and the status bar. */
static void
writes_outcome(struct ui *ui, const struct store_event *ev)
{
	struct actlog_entry *e;
	const struct hold_entry *h;
	size_t total, done, failed, pending;
	char what[256];

	e = actlog_outcome(&ui->writes.log, ev->tag, ev->ok, ev->text);
	if (e == NULL) {
		/* Not logged: a held session sent again. */
		if (ev->ok != 1)
			msglog_fail(&ui->log, "held session: %s", ev->text);
		return;
	}
	if (ev->ok == 0)
		writes_unmark(ui, e->action);
	if (ev->ok != 1 && (h = hold_find_tag(&ui->hold, ev->tag)) != NULL) {
		msglog_add(&ui->log,
		    "%s: not held, the first write did not "
		    "succeed",
		    h->who);
		hold_drop(&ui->hold, e->action->id);
	}
	actlog_progress(&ui->writes.log, e->batch, &total, &done, &failed,
	    &pending);
	if (total == 1) {
		if (ev->ok == 1)
			msglog_add(&ui->log, "%s", ev->text);
		else
			msglog_fail(&ui->log, "%s", ev->text);
		return;
	}
	if (pending != 0)
		return;
	writes_what(e->action, what, sizeof what);
	if (failed != 0)
		msglog_fail(&ui->log,
		    "%s to %zu people: %zu done, %zu failed (L for details)",
		    what, total, done, failed);
	else
		msglog_add(&ui->log, "%s to %zu people: all %zu done", what,
		    total, done);
}

/* What Graph shows after a write, against what it asked. */
static void
writes_reread(struct ui *ui, const struct store_event *ev)
{
	struct actlog_entry *e;
	size_t total, done, failed, pending, read, differ;
	char buf[1024];
	int differs = 0;

	if ((e = actlog_find(&ui->writes.log, ev->tag)) == NULL)
		return;
	if (ev->ok && ev->have_presence)
		differs =
		    verify_explain(e->action, &ev->presence, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "could not be read again");
	actlog_shown(&ui->writes.log, ev->tag, buf, differs);
	actlog_progress(&ui->writes.log, e->batch, &total, &done, &failed,
	    &pending);
	if (total == 1) {
		if (differs)
			msglog_fail(&ui->log, "%s for %s: %s",
			    action_name(e->action->kind), e->who, buf);
		else
			msglog_add(&ui->log, "%s for %s: %s",
			    action_name(e->action->kind), e->who, buf);
		return;
	}
	actlog_checked(&ui->writes.log, e->batch, &done, &read, &differ);
	if (e->state == ACTLOG_DONE && pending == 0 && read == done &&
	    differ != 0)
		msglog_fail(&ui->log,
		    "%zu of the %zu people written to show something else "
		    "than asked (L for details)",
		    differ, done);
}

/* An event about a write. */
void
writes_event(struct ui *ui, const struct store_event *ev)
{
	ui->writes.changes++;
	if (ev->kind == STORE_EVENT_OUTCOME)
		writes_outcome(ui, ev);
	else if (ev->kind == STORE_EVENT_REREAD)
		writes_reread(ui, ev);
}

/* The progress of the bulk write under way: "setPresence ...: 12/40". */
int
writes_progress(struct ui *ui, char *buf, size_t len)
{
	size_t total, done, failed, pending;
	char what[256];
	struct actlog_entry *first = NULL;
	size_t i;

	if (ui->writes.batch == 0)
		return 0;
	actlog_progress(&ui->writes.log, ui->writes.batch, &total, &done,
	    &failed, &pending);
	if (pending == 0)
		return 0;
	for (i = 0; i < ui->writes.log.n && first == NULL; i++) {
		if (ui->writes.log.v[i].batch == ui->writes.batch)
			first = &ui->writes.log.v[i];
	}
	writes_what(first->action, what, sizeof what);
	snprintf(buf, len, "%s: %zu/%zu%s", what, done + failed, total,
	    failed != 0 ? " (some failed)" : "");
	return 1;
}
