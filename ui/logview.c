/*
 * The message log viewer: a pane of every message kept, oldest first and
 * newest last, each with the time it came, long ones wrapped to the
 * width. It opens at the newest, follows new messages while it is scrolled
 * to the end, and counts as reading every failure. UI thread only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	p->scroll = scroll;
	pane_scroll(p, at_end ? (long)p->n : 0, selection_rows(ui));
	ui->logview_added = ui->log.added;
	ui->logview_width = ui->width;
	msglog_read_all(&ui->log);
}

/* Open the viewer at the newest message. */
void
logview_open(struct ui *ui)
{
	pane_done(&ui->pane);
	pane_init(&ui->pane, "Messages, newest last (q, Escape or L closes)");
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
