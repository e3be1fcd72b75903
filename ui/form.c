/*
 * The forms that change a person's presence: the menus of the pairs that
 * setPresence and setUserPreferredPresence allow (each with a line that
 * clears), and the status message prompt, whose Tab chooses an expiry. A
 * choice becomes one action for the data source, whose outcome comes back
 * as an event. UI thread only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "source.h"
#include "text.h"
#include "ui_int.h"
#include "xmalloc.h"

/* How long a presence set from the dashboard lasts. Seconds. */
#define FORM_SET_EXPIRY 3600L

/* The expiries a status message can be given, in the order Tab shows them. */
static const struct {
	const char *name;
	long seconds; /* From now; 0 for none. */
} form_expiries[] = {
	{ "never", 0 },
	{ "in 30 minutes", 1800 },
	{ "in 1 hour", 3600 },
	{ "in 2 hours", 7200 },
	{ "in 4 hours", 14400 },
	{ "in 8 hours", 28800 },
	{ "in 1 day", 86400 },
	{ "in 1 week", 604800 },
};
#define FORM_NEXPIRIES (sizeof form_expiries / sizeof form_expiries[0])

/* Empty forms. */
void
form_init(struct ui *ui)
{
	memset(&ui->form, 0, sizeof ui->form);
	editor_init(&ui->form.message, PRESENCE_STATUS_MAX_BYTES);
}

/* Free the forms. */
void
form_done(struct ui *ui)
{
	free(ui->form.id);
	ui->form.id = NULL;
	editor_done(&ui->form.message);
}

/* The sanitised name of whom the form acts on, for titles. */
const char *
form_name(const struct ui *ui)
{
	const struct store_row *r;

	r = ui->form.id == NULL ? NULL : snapshot_find(ui->snap, ui->form.id);
	return r != NULL ? r->d_name : "?";
}

/*
 * The label of the status message prompt for a terminal width cells wide,
 * with the count of characters typed against the limit: the name of the
 * person when it leaves room to type, a short label otherwise. Returns 1
 * when the message is too long to send.
 */
int
form_prompt(const struct ui *ui, int width, char *buf, size_t len)
{
	size_t n = presence_status_length(editor_text(&ui->form.message));
	const char *over = n > PRESENCE_STATUS_MAX ? " too long" : "";
	int room = width / 2 < 40 ? width / 2 : 40;

	snprintf(buf, len, "Status message for %s %zu/%d%s: ", form_name(ui), n,
	    PRESENCE_STATUS_MAX, over);
	if (width - text_width(buf) < room)
		snprintf(buf, len, "Status %zu/%d%s: ", n, PRESENCE_STATUS_MAX,
		    over);
	return n > PRESENCE_STATUS_MAX;
}

/* The line above the status message prompt: the expiry, what keys do. */
void
form_hint(const struct ui *ui, char *buf, size_t len)
{
	snprintf(buf, len,
	    "Expires %s (Tab changes); Enter sends, an empty message clears, "
	    "Escape cancels",
	    form_expiries[ui->form.expiry].name);
}

/* Act on the selected person; 0 when nobody is selected. */
static int
form_target(struct ui *ui)
{
	if (ui->sel.id == NULL)
		return 0;
	free(ui->form.id);
	ui->form.id = xstrdup(ui->sel.id);
	return 1;
}

/* Open a form on the selected person: a menu of pairs or the prompt. */
void
form_open(struct ui *ui, enum ui_mode mode)
{
	struct form *f = &ui->form;
	char title[256];
	size_t i;

	if (!form_target(ui))
		return;
	if (mode == MODE_PROMPT_STATUS) {
		editor_clear(&f->message);
		f->expiry = 0;
		ui->mode = mode;
		return;
	}
	f->pairs = presence_pairs(mode == MODE_MENU_SET ? PRESENCE_SET
	                                                : PRESENCE_PREFERRED,
	    &f->npairs);
	pane_done(&ui->pane);
	if (mode == MODE_MENU_SET)
		snprintf(title, sizeof title,
		    "Set the presence of %s for an hour (Enter or a digit)",
		    form_name(ui));
	else
		snprintf(title, sizeof title,
		    "Preferred presence of %s (Enter or a digit)",
		    form_name(ui));
	pane_init(&ui->pane, title);
	for (i = 0; i < f->npairs; i++)
		pane_add(&ui->pane, " %zu  %s / %s", i + 1,
		    f->pairs[i].availability, f->pairs[i].activity);
	pane_add(&ui->pane, " %zu  %s", f->npairs + 1,
	    mode == MODE_MENU_SET ? "clear this app's presence session"
	                          : "clear the preferred presence");
	ui->pane.sel = 0;
	ui->mode = mode;
}

/* Send an action on the form's person and close the form. */
static void
form_submit(struct ui *ui, struct action *a)
{
	a->id = ui->form.id;
	source_submit(ui->src, a);
	msglog_add(&ui->log, "sending %s for %s", action_name(a->kind),
	    form_name(ui));
	ui->mode = MODE_GRID;
}

/* Send line i of a menu of pairs: a pair, or the clear after them. */
static void
form_choose(struct ui *ui, long i)
{
	struct form *f = &ui->form;
	struct action a;
	int set = ui->mode == MODE_MENU_SET;

	memset(&a, 0, sizeof a);
	if (i >= 0 && (size_t)i < f->npairs) {
		a.kind = set ? ACTION_SET_PRESENCE : ACTION_SET_PREFERRED;
		a.availability = f->pairs[i].availability;
		a.activity = f->pairs[i].activity;
		a.expiry_seconds = set ? FORM_SET_EXPIRY : 0;
	} else if (i >= 0 && (size_t)i == f->npairs)
		a.kind = set ? ACTION_CLEAR_PRESENCE : ACTION_CLEAR_PREFERRED;
	else
		return;
	form_submit(ui, &a);
}

/* Clear this app's presence session of the selected person at once. */
void
form_clear_presence(struct ui *ui)
{
	struct action a;

	if (!form_target(ui))
		return;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_CLEAR_PRESENCE;
	form_submit(ui, &a);
}

/* Send the status message typed, with the expiry chosen, and remember it. */
static void
form_send_status(struct ui *ui)
{
	const char *text = editor_text(&ui->form.message);
	long secs = form_expiries[ui->form.expiry].seconds;
	struct action a;

	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.message = text;
	/* An empty message clears: it has nothing to expire. */
	if (*text != '\0' && secs != 0)
		a.expiry = time(NULL) + secs;
	sent_record(&ui->sent, ui->form.id, text, a.expiry);
	form_submit(ui, &a);
}

/* A key while typing the status message. */
static void
form_key_prompt(struct ui *ui, int key)
{
	char *cause;

	switch (key) {
	case KEYS_ESCAPE:
		ui->mode = MODE_GRID;
		break;
	case '\t':
		ui->form.expiry = (ui->form.expiry + 1) % FORM_NEXPIRIES;
		break;
	case KEYS_FN | KEY_BTAB:
		ui->form.expiry =
		    (ui->form.expiry + FORM_NEXPIRIES - 1) % FORM_NEXPIRIES;
		break;
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		/* Too long: said, and left open to be shortened. */
		if (presence_check_status(editor_text(&ui->form.message),
		        &cause) != 0) {
			msglog_fail(&ui->log, "status message not sent: %s",
			    cause);
			free(cause);
			beep();
			break;
		}
		form_send_status(ui);
		break;
	default:
		editor_key(&ui->form.message, key);
		break;
	}
}

/* A key in a form. */
void
form_key(struct ui *ui, int key)
{
	if (ui->mode == MODE_PROMPT_STATUS) {
		form_key_prompt(ui, key);
		return;
	}
	switch (pane_key(&ui->pane, key)) {
	case PANE_KEY_DIGIT:
		form_choose(ui, key - '1');
		break;
	case PANE_KEY_ENTER:
		form_choose(ui, ui->pane.sel);
		break;
	case PANE_KEY_OTHER:
		ui->mode = MODE_GRID;
		break;
	case PANE_KEY_MOVED:
		break;
	}
}
