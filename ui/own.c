/*
 * One's own presence, signed in as oneself (delegated): the header's part
 * that shows it (read from /me/presence by the source, one row of the
 * snapshot), the M form that changes it (presence, preferred presence,
 * status message, work location: each sent only when changed, through the
 * source's action queue), and the note that explains, instead of a form,
 * why a write cannot be sent and which permission would allow it. UI
 * thread only.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "action.h"
#include "cfg.h"
#include "duration.h"
#include "graph_error.h"
#include "text.h"
#include "ui_int.h"
#include "widget_draw.h"
#include "wrap.h"
#include "xmalloc.h"

/* The fields of the form, by index. */
enum {
	OWN_PRESENCE,   /* setPresence: as it is, a pair, or clear. */
	OWN_FOR,        /* Its duration. */
	OWN_PREFERRED,  /* setUserPreferredPresence: as it is, a pair, clear. */
	OWN_PREF_UNTIL, /* Its expiry. */
	OWN_MESSAGE,    /* setStatusMessage, when the text changed. */
	OWN_MSG_UNTIL,  /* Its expiry. */
	OWN_LOCATION,   /* As it is, a type, or one of the clears. */
	OWN_PLACE,      /* The placeId of a type. */
	OWN_LOC_UNTIL,  /* Automatic, or today only (manual). */
	OWN__COUNT
};

/* The work location choices after "as it is". */
static const struct {
	const char *label;
	const char *type; /* Graph's workLocationType; NULL for a clear. */
	enum action_kind clear;
} own_locations[] = {
	{ "office", "office", ACTION_SET_LOCATION },
	{ "remote", "remote", ACTION_SET_LOCATION },
	{ "timeOff", "timeOff", ACTION_SET_LOCATION },
	{ "clear today's location (clearLocation)", NULL,
	    ACTION_CLEAR_LOCATION },
	{ "clear the automatic location (clearAutomaticLocation)", NULL,
	    ACTION_CLEAR_AUTOMATIC_LOCATION },
};
#define OWN_NLOCATIONS (sizeof own_locations / sizeof own_locations[0])

/* The signed-in user's row, or NULL when not signed in or not read yet. */
static const struct store_row *
own_row(const struct ui *ui)
{
	if (ui->snap == NULL || ui->snap->me == NULL ||
	    ui->snap->me->id == NULL || *ui->snap->me->id == '\0')
		return NULL;
	return ui->snap->me;
}

/*
 * Does the dashboard act as a signed-in user? Not with --db, where serve
 * sends every write with the application's credential.
 */
static int
own_signed_in(const struct ui *ui)
{
	return ui->cfg != NULL && ui->cfg->db == NULL && cfg_delegated(ui->cfg);
}

/* Who is signed in, "Name <upn>", for the notes. */
static void
own_who(const struct ui *ui, char *buf, size_t len)
{
	const struct store_row *r = own_row(ui);

	if (r == NULL)
		snprintf(buf, len, "yourself");
	else if (*r->d_upn != '\0')
		snprintf(buf, len, "%s <%s>", r->d_name, r->d_upn);
	else
		snprintf(buf, len, "%s", r->d_name);
}

/* Open the note pane: a title and text wrapped to the width. */
static void
own_note(struct ui *ui, const char *title, const char *text)
{
	const char *p, *next;
	size_t n;
	int w = ui->width > 8 ? ui->width - 4 : 4;

	pane_done(&ui->pane);
	pane_init(&ui->pane, title);
	for (p = text; *p != '\0'; p = next) {
		n = wrap_line(p, w, &next);
		pane_add(&ui->pane, "  %.*s", (int)n, p);
	}
	pane_add(&ui->pane, "%s", "");
	pane_add(&ui->pane, "  Any key closes.");
	ui->mode = MODE_NOTE;
}

/* A key in the note pane: scroll, or close. */
void
own_note_key(struct ui *ui, int key)
{
	if (pane_scroll_key(&ui->pane, &ui->keys, key, selection_rows(ui)))
		return;
	ui->mode = MODE_GRID;
}

/*
 * May the dashboard write to these people? Signed in as oneself, only
 * one's own presence, and only with Presence.ReadWrite: otherwise say
 * why, and which permission would, in the note pane and the log, and
 * return 0. As the application, Graph's answer says (a 403 is explained
 * with the outcome).
 */
int
own_may_write(struct ui *ui, const struct targets *to)
{
	const struct store_row *me = own_row(ui);
	char who[512], *why;
	size_t i, others = 0;

	if (!own_signed_in(ui) || to->n == 0)
		return 1;
	for (i = 0; i < to->n; i++) {
		if (me == NULL || strcmp(to->ids[i], me->id) != 0)
			others++;
	}
	if (others == 0 && ui->st.own_write >= 0)
		return 1;
	own_who(ui, who, sizeof who);
	why = action_permission(1, others == 0, who, ui->st.scopes);
	msglog_fail(&ui->log, "nothing sent: %s", why);
	own_note(ui, "Permission needed: nothing was sent", why);
	free(why);
	return 0;
}

/*
 * The header's part that shows one's own presence, fitted to w cells:
 * with the name when it fits, else without; cut when even that does not.
 */
static void
own_header_text(const struct ui *ui, const struct store_row *r, int w,
    char *buf, size_t len)
{
	const struct presence *p = &r->presence;
	const char *glyph, *words, *sep = " \xc2\xb7 ";
	char pair[192], status[320], place[96];
	int way;

	glyph = theme_glyph(grid_role(r->avail), ui->opts.ascii);
	if (ui->opts.ascii)
		sep = " - ";
	words = presence_teams_words(p->availability, p->activity);
	if (*r->d_activity != '\0' &&
	    strcasecmp(r->d_activity, r->d_availability) != 0)
		snprintf(pair, sizeof pair, "%s/%s", r->d_availability,
		    r->d_activity);
	else
		snprintf(pair, sizeof pair, "%s", r->d_availability);
	*status = '\0';
	if (*r->d_status != '\0')
		snprintf(status, sizeof status, "%s\"%s\"", sep, r->d_status);
	*place = '\0';
	if (*r->d_location != '\0' && strcmp(r->d_location, "unspecified") != 0)
		snprintf(place, sizeof place, "%s%s", sep, r->d_location);
	/* With the name when there is room; the status message cut last. */
	for (way = 0; way < 2; way++) {
		snprintf(buf, len, " %s%s%s %s%s%s%s%s%s ",
		    way == 0 ? r->d_name : "", way == 0 ? ": " : "", glyph,
		    pair, words != NULL ? " (" : "", words != NULL ? words : "",
		    words != NULL ? ")" : "", place, status);
		if (text_width(buf) <= w)
			return;
	}
}

/*
 * Draw the header: the counts per availability and, signed in as
 * oneself, one's own presence at the right.
 */
void
own_draw_header(struct ui *ui)
{
	const struct store_row *r = own_row(ui);
	char text[1024];
	int budget, w;

	budget = ui->width >= 100 ? ui->width - 50 : ui->width * 2 / 5;
	if (!own_signed_in(ui) || ui->width < 50) {
		grid_draw_counts(stdscr, 0, ui->width, &ui->view, ui->tags.n,
		    &ui->opts);
		return;
	}
	if (r != NULL)
		own_header_text(ui, r, budget, text, sizeof text);
	else if (*ui->st.me_error != '\0')
		snprintf(text, sizeof text, " You: not read: %s ",
		    ui->st.me_error);
	else
		*text = '\0'; /* Not read yet, or a source that has none. */
	w = text_width(text);
	if (w > budget)
		w = budget;
	grid_draw_counts(stdscr, 0, ui->width - w, &ui->view, ui->tags.n,
	    &ui->opts);
	grid_put(stdscr, 0, ui->width - w, w, text,
	    r != NULL ? theme_attr(grid_role(r->avail)) | A_BOLD
	              : theme_attr(ROLE_TITLE));
}

/* Free the form. */
void
own_done(struct ui *ui)
{
	widget_form_done(&ui->own.w);
	free(ui->own.id);
	free(ui->own.message);
	memset(&ui->own, 0, sizeof ui->own);
}

/* A choice of the pairs of a method, after "as it is", then clear. */
static void
own_add_pairs(struct ui *ui, const char *label, enum presence_method m,
    const char *clear)
{
	const struct presence_pair *pairs;
	struct widget *w;
	char buf[128];
	size_t i, n;

	pairs = presence_pairs(m, &n);
	if (m == PRESENCE_SET) {
		ui->own.set = pairs;
		ui->own.nset = n;
	} else {
		ui->own.prefer = pairs;
		ui->own.nprefer = n;
	}
	w = widget_add_choice(&ui->own.w, label);
	widget_option(w, "as it is", NULL);
	for (i = 0; i < n; i++) {
		form_pair_label(&pairs[i], buf, sizeof buf);
		widget_option(w, buf, NULL);
	}
	widget_option(w, clear, NULL);
}

/*
 * Say until when a shown duration lasts (def: Graph's default in seconds
 * for a value of 0, or 0), or why it is wrong.
 */
static void
own_check_until(struct widget *w, int is_when, long def)
{
	char when[DURATION_BUFSIZE], *cause = NULL;
	time_t now = time(NULL);
	long v;

	widget_error(w, NULL);
	widget_note(w, NULL);
	if (w->hidden)
		return;
	if (widget_value(w, &v, &cause) != 0) {
		widget_error(w, "%s", cause);
		free(cause);
	} else if (is_when && v == 0)
		widget_note(w, "never expires");
	else if (v == 0 && def > 0)
		widget_note(w, "Graph's default: until %s",
		    duration_format_until(now + def, now, when, sizeof when));
	else if (v == 0)
		widget_note(w, "Graph's default");
	else
		widget_note(w, "until %s",
		    duration_format_until(is_when ? (time_t)v : now + v, now,
		        when, sizeof when));
}

/* Show the fields the choices call for, and check them. */
static void
own_update(struct ui *ui)
{
	struct widget *v = ui->own.w.v;
	size_t loc = v[OWN_LOCATION].chosen;
	char *cause = NULL;
	const char *msg = widget_text(&v[OWN_MESSAGE]);

	v[OWN_FOR].hidden = v[OWN_PRESENCE].chosen == 0 ||
	    v[OWN_PRESENCE].chosen > ui->own.nset;
	v[OWN_PREF_UNTIL].hidden = v[OWN_PREFERRED].chosen == 0 ||
	    v[OWN_PREFERRED].chosen > ui->own.nprefer;
	v[OWN_MSG_UNTIL].hidden =
	    *msg == '\0' || strcmp(msg, ui->own.message) == 0;
	v[OWN_PLACE].hidden = loc == 0 || own_locations[loc - 1].type == NULL;
	v[OWN_LOC_UNTIL].hidden = v[OWN_PLACE].hidden;
	own_check_until(&v[OWN_FOR], 0, 0);
	own_check_until(&v[OWN_PREF_UNTIL], 0,
	    v[OWN_PREF_UNTIL].hidden
	        ? 0
	        : presence_default_duration(PRESENCE_PREFERRED,
	              ui->own.prefer[v[OWN_PREFERRED].chosen - 1]
	                  .availability));
	own_check_until(&v[OWN_MSG_UNTIL], 1, 0);
	widget_error(&v[OWN_MESSAGE], NULL);
	if (strcmp(msg, ui->own.message) == 0)
		widget_note(&v[OWN_MESSAGE], "as it is");
	else if (*msg == '\0')
		widget_note(&v[OWN_MESSAGE], "cleared");
	else
		widget_note(&v[OWN_MESSAGE], NULL);
	if (presence_check_status(msg, &cause) != 0) {
		widget_error(&v[OWN_MESSAGE], "%s", cause);
		free(cause);
	}
	widget_error(&v[OWN_PLACE], NULL);
	if (strpbrk(widget_text(&v[OWN_PLACE]), " \t") != NULL)
		widget_error(&v[OWN_PLACE], "a place id has no spaces");
}

/* M: open the form of one's own presence, or say why it cannot be. */
void
own_open(struct ui *ui)
{
	const struct store_row *r = own_row(ui);
	struct targets to;
	struct widget *w;
	char title[640], who[512];
	size_t i;

	if (ui->cfg != NULL && ui->cfg->db != NULL) {
		msglog_fail(&ui->log, "M is not available with --db");
		own_note(ui, "Your own presence: not through the database",
		    "M sets your own presence, status message and work "
		    "location as yourself (/me/presence), but with --db "
		    "every write is sent by teamtop serve as the "
		    "application. Run teamtop login, then teamtop --auth "
		    "delegated without --db, to set your own.");
		return;
	}
	if (!own_signed_in(ui)) {
		msglog_fail(&ui->log, "M needs a delegated sign-in");
		own_note(ui, "Your own presence: needs a delegated sign-in",
		    "M sets your own presence, status message and work "
		    "location, which Graph lets only a signed-in user do "
		    "(/me/presence, delegated permission Presence.ReadWrite). "
		    "teamtop signs in as the application here: run teamtop "
		    "login to sign in as yourself, then teamtop --auth "
		    "delegated (or auth = \"delegated\" in the configuration).");
		return;
	}
	if (r == NULL) {
		msglog_fail(&ui->log, "your own presence is not read yet%s%s",
		    *ui->st.me_error != '\0' ? ": " : "", ui->st.me_error);
		return;
	}
	to.ids = (char **)&r->id;
	to.n = 1;
	if (!own_may_write(ui, &to))
		return;
	own_done(ui);
	ui->own.id = xstrdup(r->id);
	ui->own.message = xstrdup(r->presence.status_message != NULL
	        ? r->presence.status_message
	        : "");
	own_who(ui, who, sizeof who);
	snprintf(title, sizeof title, "Your own presence: %s", who);
	widget_form_init(&ui->own.w, title);
	own_add_pairs(ui, "Presence", PRESENCE_SET,
	    "clear teamtop's session (clearPresence)");
	w = widget_add_duration(&ui->own.w, "For", 64, form_parse_span,
	    (void *)(intptr_t)PRESENCE_SET);
	form_presets(w, FORM_SET);
	own_add_pairs(ui, "Preferred", PRESENCE_PREFERRED,
	    "clear the preferred presence");
	w = widget_add_duration(&ui->own.w, "Expires", 64, form_parse_span,
	    (void *)(intptr_t)PRESENCE_PREFERRED);
	form_presets(w, FORM_PREFER);
	w = widget_add_text(&ui->own.w, "Message", PRESENCE_STATUS_MAX_BYTES,
	    PRESENCE_STATUS_MAX);
	editor_set(&w->text, ui->own.message);
	w = widget_add_duration(&ui->own.w, "Expires", 64, form_parse_when,
	    NULL);
	form_presets(w, FORM_STATUS);
	w = widget_add_choice(&ui->own.w, "Location");
	widget_option(w, "as it is", NULL);
	for (i = 0; i < OWN_NLOCATIONS; i++)
		widget_option(w, own_locations[i].label, NULL);
	w = widget_add_text(&ui->own.w, "Place id", 256, 0);
	widget_note(w, "optional");
	w = widget_add_choice(&ui->own.w, "Until");
	widget_option(w, "changed (setAutomaticLocation)", NULL);
	widget_option(w, "today only (setManualLocation)", NULL);
	widget_line(&ui->own.w,
	    "Only what you change is sent. A preferred presence outranks "
	    "every session; teamtop's session ends at its expiry.");
	widget_line(&ui->own.w,
	    "Tab: next field. Enter sends, Escape cancels.");
	own_update(ui);
	ui->mode = MODE_OWN;
}

/*
 * The actions the form's values stand for, into v (at most 4), each
 * checked; -1 with the wrong field focused and said why.
 */
static int
own_actions(struct ui *ui, struct action *v, size_t *n)
{
	struct widget *f = ui->own.w.v;
	struct graph_error e;
	struct action *a;
	const char *msg = widget_text(&f[OWN_MESSAGE]);
	char *cause = NULL;
	size_t c, i, at[4];
	long secs;

	*n = 0;
	if ((c = f[OWN_PRESENCE].chosen) != 0) {
		at[*n] = OWN_PRESENCE;
		a = &v[(*n)++];
		memset(a, 0, sizeof *a);
		if (c > ui->own.nset)
			a->kind = ACTION_CLEAR_PRESENCE;
		else {
			a->kind = ACTION_SET_PRESENCE;
			a->availability = ui->own.set[c - 1].availability;
			a->activity = ui->own.set[c - 1].activity;
			if (widget_value(&f[OWN_FOR], &secs, &cause) == 0)
				a->expiry_seconds = secs;
			free(cause);
			cause = NULL;
		}
	}
	if ((c = f[OWN_PREFERRED].chosen) != 0) {
		at[*n] = OWN_PREFERRED;
		a = &v[(*n)++];
		memset(a, 0, sizeof *a);
		if (c > ui->own.nprefer)
			a->kind = ACTION_CLEAR_PREFERRED;
		else {
			a->kind = ACTION_SET_PREFERRED;
			a->availability = ui->own.prefer[c - 1].availability;
			a->activity = ui->own.prefer[c - 1].activity;
			if (widget_value(&f[OWN_PREF_UNTIL], &secs, &cause) ==
			    0)
				a->expiry_seconds = secs;
			free(cause);
			cause = NULL;
		}
	}
	if (strcmp(msg, ui->own.message) != 0) {
		at[*n] = OWN_MESSAGE;
		a = &v[(*n)++];
		memset(a, 0, sizeof *a);
		a->kind = ACTION_SET_STATUS;
		a->message = msg;
		if (*msg != '\0' &&
		    widget_value(&f[OWN_MSG_UNTIL], &secs, &cause) == 0)
			a->expiry = (time_t)secs;
		free(cause);
		cause = NULL;
	}
	if ((c = f[OWN_LOCATION].chosen) != 0) {
		at[*n] = OWN_LOCATION;
		a = &v[(*n)++];
		memset(a, 0, sizeof *a);
		a->kind = own_locations[c - 1].clear;
		if (own_locations[c - 1].type != NULL) {
			a->location = own_locations[c - 1].type;
			if (f[OWN_LOC_UNTIL].chosen == 0)
				a->kind = ACTION_SET_AUTOMATIC_LOCATION;
			if (*widget_text(&f[OWN_PLACE]) != '\0')
				a->place = widget_text(&f[OWN_PLACE]);
		}
	}
	for (i = 0; i < *n; i++) {
		v[i].id = ui->own.id;
		v[i].me = 1;
		graph_error_init(&e);
		if (action_check(&v[i], &e) != 0) {
			widget_error(&f[at[i]], "%s", e.message);
			widget_focus(&ui->own.w, at[i]);
			graph_error_done(&e);
			return -1;
		}
		graph_error_done(&e);
	}
	return 0;
}

/* Enter: send what changed, each a write of its own; or say why not. */
static void
own_submit(struct ui *ui)
{
	struct action v[4];
	struct targets to;
	long wrong;
	size_t n, i;

	own_update(ui);
	if ((wrong = widget_first_error(&ui->own.w)) >= 0) {
		widget_focus(&ui->own.w, (size_t)wrong);
		beep();
		return;
	}
	if (own_actions(ui, v, &n) != 0) {
		beep();
		return;
	}
	if (n == 0) {
		msglog_add(&ui->log, "nothing changed: nothing sent");
		own_done(ui);
		ui->mode = MODE_GRID;
		return;
	}
	to.ids = &ui->own.id;
	to.n = 1;
	for (i = 0; i < n; i++)
		writes_send(ui, &v[i], &to, 0);
	own_done(ui);
	ui->mode = MODE_GRID;
}

/* A key in the form. */
void
own_key(struct ui *ui, int key)
{
	switch (widget_form_key(&ui->own.w, key)) {
	case WIDGET_KEY_SUBMIT:
		own_submit(ui);
		break;
	case WIDGET_KEY_CANCEL:
		own_done(ui);
		ui->mode = MODE_GRID;
		msglog_add(&ui->log, "cancelled: nothing sent");
		break;
	case WIDGET_KEY_CHANGED:
		own_update(ui);
		break;
	case WIDGET_KEY_MOVED:
	case WIDGET_KEY_NONE:
		break;
	}
}

/* Draw the form over the grid's rows. */
void
own_draw(struct ui *ui, int *cy, int *cx)
{
	/* The times said move with the clock. */
	own_update(ui);
	widget_draw(stdscr, &ui->own.w, 2, selection_rows(ui), ui->width,
	    ui->opts.ascii, cy, cx);
}
