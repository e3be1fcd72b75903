/*
 * The forms of the writes, built on the widgets: set presence (one of the
 * pairs setPresence allows, a duration, the session, a hold), preferred
 * presence (a pair or clear, and an expiry) and status message (the text
 * and when it expires). Each field is checked as it changes, with the
 * same rules as the one-shot commands (action_check at the end), and says
 * why beside it when wrong; Enter sends to the people tagged or the one
 * selected, through a confirmation when the write lasts more than an
 * hour, destroys text or goes to many; Escape sends nothing. Signed in as
 * oneself, a form on anyone else does not open: own.c says why. UI
 * thread only.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "cfg.h"
#include "duration.h"
#include "graph_error.h"
#include "ui_int.h"
#include "widget_draw.h"
#include "xmalloc.h"

/* A write that lasts longer than this asks first. Seconds. */
#define FORM_CONFIRM_AFTER 3600L
/* The longest duration or date typed. Bytes. */
#define FORM_TYPED_MAX 64

/* The fields of each form, by index. */
enum {
	FORM_PAIR = 0,    /* set, prefer: the pair (prefer: or clear). */
	FORM_MESSAGE = 0, /* status: the text. */
	FORM_EXPIRY = 1,  /* The duration or the expiry. */
	FORM_SESSION = 2, /* set: the session id. */
	FORM_HOLD = 3     /* set: hold the session. */
};

/* A preset of a duration: as shown, and as its parser reads it. */
struct form_preset {
	const char *label;
	const char *value;
};

/* setPresence's durations, as Teams offers them. */
static const struct form_preset form_set_presets[] = {
	{ "5 min", "5m" },
	{ "30 min", "30m" },
	{ "1 h", "1h" },
	{ "2 h", "2h" },
	{ "4 h", "4h" },
};

/* A preferred presence's expiries; "" is Graph's default. */
static const struct form_preset form_prefer_presets[] = {
	{ "Graph's default", "" },
	{ "1 h", "1h" },
	{ "4 h", "4h" },
	{ "today", "today" },
	{ "this week", "this-week" },
};

/* A status message's expiries, as Teams offers them. */
static const struct form_preset form_status_presets[] = {
	{ "never", "never" },
	{ "30 min", "30m" },
	{ "1 h", "1h" },
	{ "4 h", "4h" },
	{ "today", "today" },
	{ "this week", "this-week" },
};

/* Each form: its title, its presets and the one chosen at first. */
static const struct {
	const char *title;
	const struct form_preset *presets;
	size_t npresets;
	size_t preset;
} form_kinds[] = {
	[FORM_SET] = { "Set presence", form_set_presets,
	    sizeof form_set_presets / sizeof form_set_presets[0], 2 },
	[FORM_PREFER] = { "Preferred presence", form_prefer_presets,
	    sizeof form_prefer_presets / sizeof form_prefer_presets[0], 0 },
	[FORM_STATUS] = { "Status message", form_status_presets,
	    sizeof form_status_presets / sizeof form_status_presets[0], 0 },
};

/* Seconds in words, "5 min", "4 h", "7 days", for bounds. */
static void
form_span_words(long secs, char *buf, size_t len)
{
	if (secs % 86400 == 0)
		snprintf(buf, len, "%ld day%s", secs / 86400,
		    secs == 86400 ? "" : "s");
	else if (secs % 3600 == 0)
		snprintf(buf, len, "%ld h", secs / 3600);
	else
		snprintf(buf, len, "%ld min", secs / 60);
}

/*
 * Read how long a presence lasts, for setPresence or the preferred
 * presence (arg): as the commands read it, within the method's bounds;
 * "" is Graph's default (0), for the preferred presence only.
 */
int
form_parse_span(const char *text, long *out, char **cause, void *arg)
{
	enum presence_method m = (enum presence_method)(intptr_t)arg;

	if (*text == '\0') {
		if (m == PRESENCE_PREFERRED) {
			*out = 0;
			return 0;
		}
		*cause = xstrdup("type a duration: 90m, 2h, PT1H30M");
		return -1;
	}
	if (duration_parse_span(text, time(NULL), out, cause) != 0)
		return -1;
	if (*out <= 0) {
		*cause = xstrdup("that is no time from now");
		return -1;
	}
	return presence_check_duration(m, *out, cause);
}

/* Read when a status message expires: an epoch, 0 for never. */
int
form_parse_when(const char *text, long *out, char **cause, void *arg)
{
	time_t when;

	(void)arg;
	if (duration_parse_when(text, time(NULL), &when, cause) != 0)
		return -1;
	*out = (long)when;
	return 0;
}

/* Free the open form. */
void
form_done(struct ui *ui)
{
	widget_form_done(&ui->form.w);
	targets_done(&ui->form.to);
	ui->form.pairs = NULL;
	ui->form.npairs = 0;
}

/* Give a duration field the presets of a kind of form. */
void
form_presets(struct widget *w, enum form_kind kind)
{
	size_t i;

	for (i = 0; i < form_kinds[kind].npresets; i++)
		widget_option(w, form_kinds[kind].presets[i].label,
		    form_kinds[kind].presets[i].value);
	w->chosen = form_kinds[kind].preset;
}

/* The duration field of a form, with its presets. */
static struct widget *
form_add_expiry(struct ui *ui, const char *label, widget_parse_cb parse,
    void *arg)
{
	struct widget *w;

	w = widget_add_duration(&ui->form.w, label, FORM_TYPED_MAX, parse, arg);
	form_presets(w, ui->form.kind);
	return w;
}

/* A pair as a form lists it: "Busy / InACall (In a call)". */
void
form_pair_label(const struct presence_pair *p, char *buf, size_t len)
{
	const char *words;

	words = presence_teams_words(p->availability, p->activity);
	snprintf(buf, len, "%s / %s%s%s%s", p->availability, p->activity,
	    words != NULL ? " (" : "", words != NULL ? words : "",
	    words != NULL ? ")" : "");
}

/* The pairs of a method as a choice. */
static struct widget *
form_add_pairs(struct ui *ui, enum presence_method m)
{
	struct widget *w;
	char label[128];
	size_t i;

	ui->form.pairs = presence_pairs(m, &ui->form.npairs);
	w = widget_add_choice(&ui->form.w, "Presence");
	for (i = 0; i < ui->form.npairs; i++) {
		form_pair_label(&ui->form.pairs[i], label, sizeof label);
		widget_option(w, label, NULL);
	}
	return w;
}

/*
 * The status message the form starts with: the person's, or the one all
 * the people tagged share, else none. Raw, as Graph has it, so that what
 * is not edited goes back unchanged.
 */
static const char *
form_current_message(struct ui *ui)
{
	const struct store_row *r;
	const char *m = NULL, *s;
	size_t i;

	for (i = 0; i < ui->form.to.n; i++) {
		r = snapshot_find(ui->snap, ui->form.to.ids[i]);
		s = r != NULL && r->presence.status_message != NULL
		    ? r->presence.status_message
		    : "";
		if (m != NULL && strcmp(m, s) != 0)
			return "";
		m = s;
	}
	return m != NULL ? m : "";
}

/* What a form says under its fields, for the values chosen. */
static void
form_lines(struct ui *ui)
{
	struct widget_form *f = &ui->form.w;

	widget_lines_clear(f);
	switch (ui->form.kind) {
	case FORM_SET:
		widget_line(f,
		    "Graph ends an app session at its expiry; the "
		    "person's own presence in Teams, or a preferred "
		    "presence, outranks it.");
		if (presence_avail(
		        ui->form.pairs[f->v[FORM_PAIR].chosen].availability) ==
		    AVAIL_AVAILABLE)
			widget_line(f,
			    "An Available app session fades to "
			    "AvailableInactive after 5 minutes, then "
			    "Away, unless sent again: hold it.");
		widget_line(f,
		    "Tab: next field. Enter sends, Escape cancels; "
		    "h holds or not.");
		break;
	case FORM_PREFER:
		widget_line(f,
		    "A preferred presence outranks every session, "
		    "but shows only while the person has one (Teams "
		    "signed in, or an app's).");
		widget_line(f, "Tab: next field. Enter sends, Escape cancels.");
		break;
	case FORM_STATUS:
		widget_line(f,
		    "An empty message clears it. Left, Right, Home, "
		    "End, C-a, C-e, C-u, C-k, C-w edit.");
		widget_line(f, "Tab: next field. Enter sends, Escape cancels.");
		break;
	}
}

/* Check the expiry field and say until when it lasts, or why not. */
static void
form_check_expiry(struct ui *ui, const char *bounds)
{
	struct widget *w = &ui->form.w.v[FORM_EXPIRY];
	char when[DURATION_BUFSIZE], *cause = NULL;
	time_t now = time(NULL);
	long v;

	widget_error(w, NULL);
	if (w->hidden)
		return;
	if (widget_value(w, &v, &cause) != 0) {
		widget_error(w, "%s", cause);
		widget_note(w, "%s", bounds);
		free(cause);
		return;
	}
	if (ui->form.kind == FORM_STATUS) {
		if (v == 0)
			widget_note(w, "never expires");
		else
			widget_note(w, "until %s (local time)",
			    duration_format_until((time_t)v, now, when,
			        sizeof when));
		return;
	}
	if (v == 0)
		v = presence_default_duration(PRESENCE_PREFERRED,
		    ui->form.pairs[ui->form.w.v[FORM_PAIR].chosen]
		        .availability);
	widget_note(w, "until %s; %s",
	    duration_format_until(now + v, now, when, sizeof when), bounds);
}

/* Say how often a held session is sent again, for the values chosen. */
static void
form_hold_note(struct ui *ui)
{
	struct widget_form *f = &ui->form.w;
	char every[DURATION_BUFSIZE], *cause = NULL;
	long v;

	if (widget_value(&f->v[FORM_EXPIRY], &v, &cause) != 0) {
		free(cause);
		widget_note(&f->v[FORM_HOLD],
		    "sent again before each expiry "
		    "while teamtop runs");
		return;
	}
	duration_format_short(action_hold_interval(v,
	                          ui->form.pairs[f->v[FORM_PAIR].chosen]
	                              .availability),
	    every, sizeof every);
	widget_note(&f->v[FORM_HOLD],
	    "sent again every %s while teamtop "
	    "runs, until released",
	    every);
}

/* Check every field and say what each does; the lines under them too. */
static void
form_update(struct ui *ui)
{
	struct widget_form *f = &ui->form.w;
	struct widget *w;
	char lo[32], hi[32], bounds[128], *cause = NULL;
	const char *s;
	long def;

	switch (ui->form.kind) {
	case FORM_SET:
		form_span_words(PRESENCE_SET_MIN, lo, sizeof lo);
		form_span_words(PRESENCE_SET_MAX, hi, sizeof hi);
		snprintf(bounds, sizeof bounds, "%s to %s", lo, hi);
		form_check_expiry(ui, bounds);
		w = &f->v[FORM_SESSION];
		s = widget_text(w);
		widget_error(w, NULL);
		if (strpbrk(s, " \t") != NULL)
			widget_error(w, "a session id has no spaces");
		form_hold_note(ui);
		break;
	case FORM_PREFER:
		w = &f->v[FORM_EXPIRY];
		w->hidden = f->v[FORM_PAIR].chosen == ui->form.npairs;
		if (!w->hidden) {
			def = presence_default_duration(PRESENCE_PREFERRED,
			    ui->form.pairs[f->v[FORM_PAIR].chosen]
			        .availability);
			form_span_words(def, lo, sizeof lo);
			free(w->options[0].label);
			xasprintf(&w->options[0].label, "Graph's default (%s)",
			    lo);
		}
		form_span_words(PRESENCE_PREFERRED_MIN, lo, sizeof lo);
		form_span_words(PRESENCE_PREFERRED_MAX, hi, sizeof hi);
		snprintf(bounds, sizeof bounds, "%s to %s", lo, hi);
		form_check_expiry(ui, bounds);
		break;
	case FORM_STATUS:
		w = &f->v[FORM_MESSAGE];
		widget_error(w, NULL);
		if (presence_check_status(widget_text(w), &cause) != 0) {
			widget_error(w, "%s", cause);
			free(cause);
		}
		f->v[FORM_EXPIRY].hidden = *widget_text(w) == '\0';
		form_check_expiry(ui, "a date, a time, 90m, today, friday");
		break;
	}
	form_lines(ui);
}

/* Open a form of a kind on the people tagged, or the one selected. */
void
form_open(struct ui *ui, enum form_kind kind)
{
	char names[512], title[768];
	struct widget *w;

	form_done(ui);
	targets_pick(ui, &ui->form.to);
	if (ui->form.to.n == 0 || !own_may_write(ui, &ui->form.to)) {
		targets_done(&ui->form.to);
		return;
	}
	ui->form.kind = kind;
	targets_names(ui, &ui->form.to, names, sizeof names);
	snprintf(title, sizeof title, "%s: %s", form_kinds[kind].title, names);
	widget_form_init(&ui->form.w, title);
	switch (kind) {
	case FORM_SET:
		form_add_pairs(ui, PRESENCE_SET);
		form_add_expiry(ui, "For", form_parse_span,
		    (void *)(intptr_t)PRESENCE_SET);
		w = widget_add_text(&ui->form.w, "Session", 128, 0);
		widget_note(w, "empty: this app's session (%s)",
		    ui->cfg != NULL && ui->cfg->client_id != NULL
		        ? ui->cfg->client_id
		        : "its client id");
		w = widget_add_choice(&ui->form.w, "Hold");
		widget_option(w, "no", NULL);
		widget_option(w, "yes, until released (H lists)", NULL);
		widget_note(w,
		    "sent again 5 min before each expiry while "
		    "teamtop runs");
		break;
	case FORM_PREFER:
		w = form_add_pairs(ui, PRESENCE_PREFERRED);
		widget_option(w, "clear the preferred presence", NULL);
		form_add_expiry(ui, "Expires", form_parse_span,
		    (void *)(intptr_t)PRESENCE_PREFERRED);
		break;
	case FORM_STATUS:
		w = widget_add_text(&ui->form.w, "Message",
		    PRESENCE_STATUS_MAX_BYTES, PRESENCE_STATUS_MAX);
		editor_set(&w->text, form_current_message(ui));
		form_add_expiry(ui, "Expires", form_parse_when, NULL);
		break;
	}
	form_update(ui);
	ui->mode = MODE_FORM;
}

/* The action the form's values stand for. */
static void
form_action(struct ui *ui, struct action *a)
{
	struct widget_form *f = &ui->form.w;
	char *cause = NULL;
	size_t pair = f->v[FORM_PAIR].chosen;
	long v = 0;

	memset(a, 0, sizeof *a);
	if (!f->v[FORM_EXPIRY].hidden &&
	    widget_value(&f->v[FORM_EXPIRY], &v, &cause) != 0)
		free(cause); /* Said beside the field already. */
	switch (ui->form.kind) {
	case FORM_SET:
		a->kind = ACTION_SET_PRESENCE;
		a->availability = ui->form.pairs[pair].availability;
		a->activity = ui->form.pairs[pair].activity;
		a->expiry_seconds = v;
		if (*widget_text(&f->v[FORM_SESSION]) != '\0')
			a->session = widget_text(&f->v[FORM_SESSION]);
		break;
	case FORM_PREFER:
		if (pair == ui->form.npairs) {
			a->kind = ACTION_CLEAR_PREFERRED;
			break;
		}
		a->kind = ACTION_SET_PREFERRED;
		a->availability = ui->form.pairs[pair].availability;
		a->activity = ui->form.pairs[pair].activity;
		a->expiry_seconds = v;
		break;
	case FORM_STATUS:
		a->kind = ACTION_SET_STATUS;
		a->message = widget_text(&f->v[FORM_MESSAGE]);
		a->expiry = *a->message == '\0' ? 0 : (time_t)v;
		break;
	}
}

/* Does a write ask first: long, destroying text, or to many? */
static int
form_needs_confirm(const struct action *a, size_t n, time_t now)
{
	if (n > 1)
		return 1;
	switch (a->kind) {
	case ACTION_SET_PRESENCE:
		return a->expiry_seconds > FORM_CONFIRM_AFTER;
	case ACTION_SET_PREFERRED:
		/* Graph's default is a day or a week. */
		return a->expiry_seconds == 0 ||
		    a->expiry_seconds > FORM_CONFIRM_AFTER;
	case ACTION_SET_STATUS:
		return *a->message == '\0' || a->expiry == 0 ||
		    a->expiry - now > FORM_CONFIRM_AFTER;
	default:
		return 1;
	}
}

/* Enter: check, then send or ask first; a wrong field keeps the form. */
static void
form_submit(struct ui *ui)
{
	struct widget_form *f = &ui->form.w;
	struct graph_error e;
	struct action a;
	long wrong;
	int hold;

	form_update(ui);
	if ((wrong = widget_first_error(f)) >= 0) {
		widget_focus(f, (size_t)wrong);
		beep();
		return;
	}
	form_action(ui, &a);
	graph_error_init(&e);
	if (action_check(&a, &e) != 0) {
		wrong = a.kind == ACTION_SET_STATUS ? FORM_MESSAGE : FORM_PAIR;
		widget_error(&f->v[wrong], "%s", e.message);
		widget_focus(f, (size_t)wrong);
		graph_error_done(&e);
		beep();
		return;
	}
	graph_error_done(&e);
	hold = ui->form.kind == FORM_SET && f->v[FORM_HOLD].chosen == 1;
	if (form_needs_confirm(&a, ui->form.to.n, time(NULL))) {
		confirm_write(ui, &a, &ui->form.to, hold, MODE_FORM);
		return;
	}
	writes_send(ui, &a, &ui->form.to, hold);
	form_done(ui);
	ui->mode = MODE_GRID;
}

/* A key in a form. */
void
form_key(struct ui *ui, int key)
{
	struct widget_form *f = &ui->form.w;
	struct widget *w = &f->v[f->focus];

	/* h holds or not, from a field that does not take letters. */
	if (key == 'h' && ui->form.kind == FORM_SET &&
	    (w->kind == WIDGET_CHOICE ||
	        (w->kind == WIDGET_DURATION && !widget_typed(w)))) {
		f->v[FORM_HOLD].chosen = !f->v[FORM_HOLD].chosen;
		form_update(ui);
		return;
	}
	switch (widget_form_key(f, key)) {
	case WIDGET_KEY_SUBMIT:
		form_submit(ui);
		break;
	case WIDGET_KEY_CANCEL:
		form_done(ui);
		ui->mode = MODE_GRID;
		msglog_add(&ui->log, "cancelled: nothing sent");
		break;
	case WIDGET_KEY_CHANGED:
		form_update(ui);
		break;
	case WIDGET_KEY_MOVED:
	case WIDGET_KEY_NONE:
		break;
	}
}

/* Draw the open form over the grid's rows. */
void
form_draw(struct ui *ui, int *cy, int *cx)
{
	/* The times said move with the clock. */
	form_update(ui);
	widget_draw(stdscr, &ui->form.w, 2, selection_rows(ui), ui->width,
	    ui->opts.ascii, cy, cx);
}

/* c: clear this app's session of the people tagged or the one selected. */
void
form_clear_presence(struct ui *ui)
{
	struct targets to;
	struct action a;

	targets_pick(ui, &to);
	if (to.n != 0 && own_may_write(ui, &to)) {
		memset(&a, 0, sizeof a);
		a.kind = ACTION_CLEAR_PRESENCE;
		confirm_write(ui, &a, &to, 0, MODE_GRID);
	}
	targets_done(&to);
}
