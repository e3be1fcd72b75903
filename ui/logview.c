/*
 * The message log viewer: a pane of every message kept, oldest first and
 * newest last, each with the time it came, long ones wrapped to the
 * width, then this session's writes: for each, when, to whom, what was
 * sent, how it went (Graph's code and message when it failed), what it
 * replaced and what Graph showed after it; the failures of a bulk write
 * last, nearest the end. It opens at the end, follows what comes while
 * it is scrolled there, and counts as reading every failure. UI thread
 * only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "actlog.h"
#include "text.h"
#include "ui_int.h"
#include "wrap.h"
#include "xmalloc.h"

/* The width of the time column, "  14:03:05 ! ". Cells. */
#define LOGVIEW_INDENT 13

/*
 * Add text after prefix, wrapped at width cells, at a space when there is
 * one; the lines after the first are indented under the text.
 */
static void
logview_wrap(struct pane *p, const char *prefix, const char *text, int width)
{
	const char *s = text, *next;
	int avail = width - LOGVIEW_INDENT, first = 1;
	size_t len;

	if (avail < 20)
		avail = 20;
	do {
		len = wrap_line(s, avail, &next);
		pane_add(p, "%-*s%.*s", LOGVIEW_INDENT, first ? prefix : "",
		    (int)len, s);
		first = 0;
		s = next;
	} while (*s != '\0');
}

/* The time of a message: the time of day today, with the date before. */
static void
logview_time(time_t at, time_t now, char *buf, size_t len)
{
	struct tm tm, today;

	localtime_r(&at, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(buf, len, "%H:%M:%S", &tm);
	else
		strftime(buf, len, "%m-%d %H:%M", &tm);
}

/* What a write replaced, in words. */
static void
logview_before(const struct actlog_entry *e, char *buf, size_t len)
{
	char *a, *b;

	if (!e->had_presence) {
		snprintf(buf, len, "not known");
		return;
	}
	if (e->action->kind == ACTION_SET_STATUS) {
		if (e->old_message == NULL || *e->old_message == '\0') {
			snprintf(buf, len, "no status message");
			return;
		}
		a = text_sanitize(e->old_message);
		b = text_fit_flags(a, 48, TEXT_NOPAD);
		snprintf(buf, len, "\"%s\"", b);
		free(a);
		free(b);
		return;
	}
	a = text_sanitize(
	    e->old_availability == NULL ? "?" : e->old_availability);
	b = text_sanitize(e->old_activity == NULL ? "?" : e->old_activity);
	snprintf(buf, len, "%s/%s", a, b);
	free(a);
	free(b);
}

/* Add one write. */
static void
logview_write(struct ui *ui, const struct actlog_entry *e, time_t now)
{
	char when[32], prefix[64], what[1024], before[256], *text;
	const char *mark = " ";

	logview_time(e->at, now, when, sizeof when);
	writes_describe(e->action, e->at, what, sizeof what);
	logview_before(e, before, sizeof before);
	switch (e->state) {
	case ACTLOG_PENDING:
		xasprintf(&text, "%s: %s: pending; replaces %s", e->who, what,
		    before);
		mark = ".";
		break;
	case ACTLOG_DONE:
		xasprintf(&text, "%s: %s: done; replaced %s%s%s", e->who, what,
		    before, e->shown != NULL ? "; " : "",
		    e->shown != NULL ? e->shown : "");
		break;
	default:
		xasprintf(&text, "%s; sent %s; %s %s", e->result, what,
		    e->state == ACTLOG_UNKNOWN ? "may have replaced"
		                               : "left as it was:",
		    before);
		mark = "!";
		break;
	}
	snprintf(prefix, sizeof prefix, "  %s %s", when, mark);
	logview_wrap(&ui->pane, prefix, text, ui->width);
	free(text);
}

/* Add this session's writes, batch by batch, the failed ones last. */
static void
logview_writes(struct ui *ui, time_t now)
{
	const struct actlog *l = &ui->writes.log;
	size_t i, j, k, total, done, failed, pending;
	char what[256], when[32], prefix[64], head[512];
	int bad, pass;

	if (l->n == 0)
		return;
	pane_add(&ui->pane, "%s", "");
	pane_add(&ui->pane,
	    "  Writes this session (%zu), newest last, "
	    "failures marked !:",
	    l->n);
	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].batch == l->v[i].batch; j++)
			;
		if (j - i > 1) {
			actlog_progress(l, l->v[i].batch, &total, &done,
			    &failed, &pending);
			logview_time(l->v[i].at, now, when, sizeof when);
			writes_what(l->v[i].action, what, sizeof what);
			snprintf(prefix, sizeof prefix, "  %s =", when);
			snprintf(head, sizeof head,
			    "%s to %zu people: %zu done, %zu failed, %zu "
			    "pending",
			    what, total, done, failed, pending);
			logview_wrap(&ui->pane, prefix, head, ui->width);
		}
		for (pass = 0; pass < 2; pass++) {
			for (k = i; k < j; k++) {
				bad = l->v[k].state == ACTLOG_FAILED ||
				    l->v[k].state == ACTLOG_UNKNOWN;
				if (bad == pass)
					logview_write(ui, &l->v[k], now);
			}
		}
	}
}

/* Fill the pane with every message, staying at the end if it was there. */
static void
logview_build(struct ui *ui)
{
	struct pane *p = &ui->pane;
	const struct msglog_entry *m;
	size_t i, scroll = p->scroll;
	int at_end;
	char when[32], prefix[64];
	time_t now = time(NULL);

	at_end = p->n == 0 || p->scroll + (size_t)selection_rows(ui) >= p->n;
	pane_clear(p);
	for (i = ui->log.n; i-- > 0;) {
		m = msglog_get(&ui->log, i);
		logview_time(m->at, now, when, sizeof when);
		snprintf(prefix, sizeof prefix, "  %s %s", when,
		    m->failure ? "!" : " ");
		logview_wrap(p, prefix, m->text, ui->width);
	}
	if (ui->log.n == 0)
		pane_add(p, "  No messages yet.");
	logview_writes(ui, now);
	p->scroll = scroll;
	pane_scroll(p, at_end ? (long)p->n : 0, selection_rows(ui));
	ui->logview_added = ui->log.added;
	ui->logview_writes = ui->writes.changes;
	ui->logview_width = ui->width;
	msglog_read_all(&ui->log);
}

/* Open the viewer at the newest message. */
void
logview_open(struct ui *ui)
{
	pane_done(&ui->pane);
	pane_init(&ui->pane,
	    "Messages, newest last, then this session's "
	    "writes (q, Escape or L closes)");
	ui->mode = MODE_LOG;
	logview_build(ui);
}

/* Show the messages that came, or the width that changed, since. */
void
logview_update(struct ui *ui)
{
	if (ui->mode != MODE_LOG)
		return;
	if (ui->logview_added != ui->log.added ||
	    ui->logview_writes != ui->writes.changes ||
	    ui->logview_width != ui->width)
		logview_build(ui);
}

/* A key in the viewer: scroll, or close. */
void
logview_key(struct ui *ui, int key)
{
	enum keys_action a = keys_lookup(&ui->keys, key);

	if (pane_scroll_key(&ui->pane, &ui->keys, key, selection_rows(ui)))
		return;
	if (key == KEYS_ESCAPE || key == 'q' || key == 'L' || a == KA_QUIT ||
	    a == KA_MESSAGES)
		ui->mode = MODE_GRID;
}
