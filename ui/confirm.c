/*
 * Confirmations: a write that lasts more than an hour, destroys text (a
 * cleared message, preferred presence or session) or goes to many people,
 * and an undo, wait here for y, with what will happen and until when
 * ("Ann Lee: DoNotDisturb/Presenting until Fri 17:00"); n or Escape go
 * back and send nothing. UI thread only.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "ui_int.h"
#include "wrap.h"
#include "xmalloc.h"

static void confirm_say(struct ui *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Add a line to the pane, wrapped to the width and indented. */
static void
confirm_say(struct ui *ui, const char *fmt, ...)
{
	const char *s, *next;
	char *text;
	size_t len;
	va_list ap;
	int first = 1, width = ui->width - 6 < 20 ? 20 : ui->width - 6;

	va_start(ap, fmt);
	xvasprintf(&text, fmt, ap);
	va_end(ap);
	s = text;
	do {
		len = wrap_line(s, width, &next);
		pane_add(&ui->pane, "  %s%.*s", first ? "" : "  ", (int)len, s);
		first = 0;
		s = next;
	} while (*s != '\0');
	free(text);
}

/* Forget the write waiting. */
void
confirm_done(struct ui *ui)
{
	free(ui->confirm.action);
	ui->confirm.action = NULL;
	targets_done(&ui->confirm.to);
	ui->confirm.undo = 0;
	ui->confirm.hold = 0;
}

/* Open the pane of a confirmation. */
static void
confirm_open(struct ui *ui, const char *title, enum ui_mode back)
{
	pane_done(&ui->pane);
	pane_init(&ui->pane, title);
	ui->pane.sel = -1;
	ui->confirm.back = back;
	ui->mode = MODE_CONFIRM;
}

/* Ask before sending a to the targets. */
void
confirm_write(struct ui *ui, const struct action *a, const struct targets *to,
    int hold, enum ui_mode back)
{
	char names[1024], what[1024];
	time_t now = time(NULL);

	confirm_done(ui);
	ui->confirm.action = action_copy(a);
	targets_copy(&ui->confirm.to, to);
	ui->confirm.hold = hold;
	confirm_open(ui, "Confirm: y sends, n or Escape goes back", back);
	targets_names(ui, to, names, sizeof names);
	writes_describe(a, now, what, sizeof what);
	if (to->n == 1)
		confirm_say(ui, "%s: %s", names, what);
	else {
		confirm_say(ui, "To %s", names);
		confirm_say(ui, "%s", what);
	}
	if (hold)
		confirm_say(ui,
		    "Held: sent again before each expiry "
		    "for as long as teamtop runs (H lists "
		    "held sessions)");
	switch (a->kind) {
	case ACTION_CLEAR_PREFERRED:
	case ACTION_SET_PREFERRED:
		confirm_say(ui,
		    "Graph cannot give back a preferred "
		    "presence it replaces: u only clears it");
		break;
	case ACTION_CLEAR_PRESENCE:
		confirm_say(ui, "u cannot bring a cleared session back");
		break;
	case ACTION_SET_STATUS:
		confirm_say(ui, "u puts the message before back");
		break;
	default:
		break;
	}
}

/* Count the done writes of a batch not undone yet, by kind. */
static void
confirm_count(const struct actlog *l, unsigned long batch,
    size_t counts[ACTION__COUNT], size_t *unknown_before, size_t *failed,
    const struct actlog_entry **first)
{
	const struct actlog_entry *e;
	size_t i;

	memset(counts, 0, ACTION__COUNT * sizeof *counts);
	*unknown_before = *failed = 0;
	*first = NULL;
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		if (e->batch != batch)
			continue;
		if (*first == NULL)
			*first = e;
		if (e->state != ACTLOG_DONE) {
			(*failed)++;
			continue;
		}
		if (e->undone)
			continue;
		counts[e->action->kind]++;
		if (e->action->kind == ACTION_SET_STATUS && !e->had_presence)
			(*unknown_before)++;
	}
}

/* Ask before undoing the last write that can be undone. */
void
confirm_undo(struct ui *ui)
{
	const struct actlog_entry *first;
	size_t counts[ACTION__COUNT], unknown, failed, n;
	unsigned long batch;
	char what[1024], when[16];
	struct tm tm;

	if ((batch = actlog_last_undoable(&ui->writes.log)) == 0) {
		msglog_add(&ui->log, "nothing to undo");
		return;
	}
	confirm_done(ui);
	ui->confirm.undo = batch;
	confirm_count(&ui->writes.log, batch, counts, &unknown, &failed,
	    &first);
	confirm_open(ui, "Undo: y undoes, n or Escape goes back", MODE_GRID);
	writes_describe(first->action, first->at, what, sizeof what);
	localtime_r(&first->at, &tm);
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	confirm_say(ui, "The write of %s: %s", when, what);
	if ((n = counts[ACTION_SET_STATUS] - unknown) != 0)
		confirm_say(ui,
		    "%zu status message%s put back as %s before, with the "
		    "expiry teamtop knew (Graph does not report another "
		    "user's)",
		    n, n == 1 ? " is" : "s are",
		    n == 1 ? "it was" : "they were");
	if (unknown != 0)
		confirm_say(ui,
		    "%zu status message%s cannot: the one before was not "
		    "known",
		    unknown, unknown == 1 ? "" : "s");
	if ((n = counts[ACTION_SET_PRESENCE]) != 0)
		confirm_say(ui,
		    "%zu app session%s set %s cleared; Graph cannot give "
		    "back a session it replaced",
		    n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	if ((n = counts[ACTION_SET_PREFERRED]) != 0)
		confirm_say(ui,
		    "%zu preferred presence%s set %s cleared; Graph cannot "
		    "give back an old preferred presence",
		    n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	if ((n = counts[ACTION_CLEAR_PRESENCE] +
	            counts[ACTION_CLEAR_PREFERRED]) != 0)
		confirm_say(ui,
		    "%zu clear%s cannot be undone: Graph cannot give back "
		    "what was cleared",
		    n, n == 1 ? "" : "s");
	if (failed != 0)
		confirm_say(ui,
		    "%zu write%s that did not succeed %s nothing to undo",
		    failed, failed == 1 ? "" : "s",
		    failed == 1 ? "has" : "have");
}

/* y: send what waits. */
static void
confirm_yes(struct ui *ui)
{
	struct action **v;
	size_t n, i, cannot;

	ui->mode = MODE_GRID;
	if (ui->confirm.action != NULL) {
		writes_send(ui, ui->confirm.action, &ui->confirm.to,
		    ui->confirm.hold);
		form_done(ui);
	} else if (ui->confirm.undo != 0) {
		n = actlog_undo(&ui->writes.log, ui->confirm.undo, time(NULL),
		    &v, &cannot);
		if (n == 0)
			msglog_add(&ui->log, "nothing that can be undone");
		writes_send_each(ui, v, n);
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
	}
	confirm_done(ui);
}

/* A key while a write waits: y sends, n or Escape go back. */
void
confirm_key(struct ui *ui, int key)
{
	switch (key) {
	case 'y':
	case 'Y':
		confirm_yes(ui);
		break;
	case 'n':
	case 'N':
	case KEYS_ESCAPE:
		ui->mode = ui->confirm.back;
		if (ui->mode != MODE_FORM)
			form_done(ui);
		confirm_done(ui);
		if (ui->mode == MODE_HOLDS)
			holds_open(ui);
		break;
	default:
		pane_scroll_key(&ui->pane, &ui->keys, key, selection_rows(ui));
		break;
	}
}
