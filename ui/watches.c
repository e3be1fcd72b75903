/*
 * Watches in the dashboard: w's form, which watches the people tagged or
 * the one selected for a condition, once or every time; W's list, where
 * d drops one; the check of each new snapshot against them (the
 * transitions the store already knows: no request of its own), which
 * fires the alerts; and the file that keeps them, read at the first
 * snapshot and written at each change and on quitting. UI thread only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg.h"
#include "notify.h"
#include "text.h"
#include "ui_int.h"
#include "widget_draw.h"
#include "xmalloc.h"

/* The conditions the form offers, the default first. */
static const struct {
	enum watch_cond cond;
	enum avail avail;
} watches_conds[] = {
	{ WATCH_BECOMES, AVAIL_AVAILABLE },
	{ WATCH_LEAVES, AVAIL_DND },
	{ WATCH_CHANGES, AVAIL_UNKNOWN },
	{ WATCH_BECOMES, AVAIL_BUSY },
	{ WATCH_BECOMES, AVAIL_DND },
	{ WATCH_BECOMES, AVAIL_BRB },
	{ WATCH_BECOMES, AVAIL_AWAY },
	{ WATCH_BECOMES, AVAIL_OFFLINE },
};
#define WATCHES_NCONDS (sizeof watches_conds / sizeof watches_conds[0])

/* The form's fields. */
enum {
	WATCHES_WHEN = 0,
	WATCHES_REPEAT = 1
};

static void watches_build(struct ui *);

/* Write the watches to their file; say so when it fails. */
static void
watches_save(struct ui *ui)
{
	char *cause;

	if (watch_save(&ui->watches.list, WATCH_FILE(ui->cfg->demo), &cause) !=
	    0) {
		msglog_fail(&ui->log, "watches not saved: %s", cause);
		free(cause);
	}
}

/* Read the watches kept, once. */
static void
watches_load(struct ui *ui)
{
	char *cause;
	size_t bad;

	ui->watches.loaded = 1;
	alerts_init(ui);
	if (watch_load(&ui->watches.list, WATCH_FILE(ui->cfg->demo), &bad,
	        &cause) != 0) {
		msglog_fail(&ui->log, "watches: %s", cause);
		free(cause);
		return;
	}
	if (bad != 0)
		msglog_fail(&ui->log, "watches: %zu line%s of %s ignored", bad,
		    bad == 1 ? "" : "s", WATCH_FILE(ui->cfg->demo));
}

/* Check a new snapshot against the watches: fire those met. */
void
watches_update(struct ui *ui, const struct snapshot *next)
{
	struct watch_list *l = &ui->watches.list;
	const struct store_row *r, *old;
	char *was, *was_activity;
	time_t now = time(NULL);
	int changed = 0;
	size_t i;

	if (!ui->watches.loaded)
		watches_load(ui);
	alerts_reap(ui);
	if (l->n == 0 ||
	    (ui->snap != NULL && next->generation == ui->snap->generation))
		return;
	for (i = l->n; i-- > 0;) {
		r = snapshot_find(next, l->v[i].id);
		if (r == NULL || !r->have_presence)
			continue;
		old = ui->snap != NULL ? snapshot_find(ui->snap, l->v[i].id)
		                       : NULL;
		if (old == r && l->v[i].availability != NULL)
			continue; /* Unchanged, and seen. */
		was = l->v[i].availability != NULL
		    ? xstrdup(l->v[i].availability)
		    : NULL;
		was_activity =
		    l->v[i].activity != NULL ? xstrdup(l->v[i].activity) : NULL;
		if (watch_seen(&l->v[i], r->presence.availability,
		        r->presence.activity, now)) {
			alerts_fire(ui, &l->v[i], r, was, was_activity);
			if (!l->v[i].every)
				watch_drop(l, r->id);
			changed = 1;
		}
		free(was);
		free(was_activity);
	}
	if (!changed)
		return;
	watches_save(ui);
	if (ui->mode == MODE_WATCHES)
		watches_build(ui);
}

/* A person's marks: watched, and flashing when a watch just fired. */
void
watches_mark(struct ui *ui, const char *id, time_t now, struct grid_marks *m)
{
	m->watched = watch_find(&ui->watches.list, id) != NULL;
	m->flash = ui->watches.flash_id != NULL &&
	    now < ui->watches.flash_till &&
	    strcmp(ui->watches.flash_id, id) == 0;
}

/* Free the form. */
static void
watches_form_done(struct ui *ui)
{
	widget_form_done(&ui->watches.form);
	targets_done(&ui->watches.to);
}

/* What the form says under its fields. */
static void
watches_form_lines(struct ui *ui)
{
	struct widget_form *f = &ui->watches.form;
	const struct store_row *r;
	size_t c = f->v[WATCHES_WHEN].chosen;
	enum avail a = watches_conds[c].avail;

	widget_lines_clear(f);
	if (ui->watches.to.n == 1 &&
	    (r = snapshot_find(ui->snap, ui->watches.to.ids[0])) != NULL &&
	    r->have_presence &&
	    ((watches_conds[c].cond == WATCH_BECOMES && r->avail == (int)a) ||
	        (watches_conds[c].cond == WATCH_LEAVES && r->avail != (int)a)))
		widget_line(f,
		    "%s is %s now: a watch waits for a change, the "
		    "next one that meets it.",
		    r->d_name, r->d_availability);
	widget_line(f,
	    "When it is met: the status bar says so, the row flashes, %s"
	    "a desktop notification (notify = %s)%s.",
	    ui->cfg->bell ? "the bell rings, " : "",
	    notify_name((enum notify_kind)ui->watches.notify),
	    ui->cfg->nnotify_command != 0 ? ", notify_command runs" : "");
	widget_line(f, "Tab: next field. Enter watches, Escape cancels.");
}

/* w: the form of a watch on the people tagged, or the one selected. */
void
watches_form_open(struct ui *ui)
{
	struct widget_form *f = &ui->watches.form;
	struct widget *w;
	char names[512], title[768], label[64];
	struct watch tmp;
	size_t i;

	watches_form_done(ui);
	targets_pick(ui, &ui->watches.to);
	if (ui->watches.to.n == 0)
		return;
	targets_names(ui, &ui->watches.to, names, sizeof names);
	snprintf(title, sizeof title, "Watch: %s", names);
	widget_form_init(f, title);
	w = widget_add_choice(f, "When");
	memset(&tmp, 0, sizeof tmp);
	for (i = 0; i < WATCHES_NCONDS; i++) {
		tmp.cond = watches_conds[i].cond;
		tmp.avail = watches_conds[i].avail;
		watch_describe(&tmp, label, sizeof label);
		widget_option(w, label, NULL);
	}
	w = widget_add_choice(f, "Alert");
	widget_option(w, "once, then the watch ends", NULL);
	widget_option(w, "every time, until dropped (W)", NULL);
	watches_form_lines(ui);
	ui->mode = MODE_WATCH_FORM;
}

/* Enter: watch each person. */
static void
watches_form_submit(struct ui *ui)
{
	struct widget_form *f = &ui->watches.form;
	const struct store_row *r;
	const struct watch *w = NULL;
	size_t c = f->v[WATCHES_WHEN].chosen, i;
	char what[64], names[512];

	for (i = 0; i < ui->watches.to.n; i++) {
		r = snapshot_find(ui->snap, ui->watches.to.ids[i]);
		w = watch_add(&ui->watches.list, ui->watches.to.ids[i],
		    r != NULL ? r->d_name : NULL, watches_conds[c].cond,
		    watches_conds[c].avail, f->v[WATCHES_REPEAT].chosen == 1,
		    r != NULL && r->have_presence ? r->presence.availability
		                                  : NULL,
		    r != NULL && r->have_presence ? r->presence.activity
		                                  : NULL);
	}
	if (w != NULL) {
		watch_describe(w, what, sizeof what);
		targets_names(ui, &ui->watches.to, names, sizeof names);
		msglog_add(&ui->log, "watching %s: %s, %s (W lists)", names,
		    what, w->every ? "every time" : "once");
		watches_save(ui);
	}
	watches_form_done(ui);
	ui->mode = MODE_GRID;
}

/* A key in the form. */
void
watches_form_key(struct ui *ui, int key)
{
	switch (widget_form_key(&ui->watches.form, key)) {
	case WIDGET_KEY_SUBMIT:
		watches_form_submit(ui);
		break;
	case WIDGET_KEY_CANCEL:
		watches_form_done(ui);
		ui->mode = MODE_GRID;
		msglog_add(&ui->log, "cancelled: nothing watched");
		break;
	case WIDGET_KEY_CHANGED:
		watches_form_lines(ui);
		break;
	case WIDGET_KEY_MOVED:
	case WIDGET_KEY_NONE:
		break;
	}
}

/* Draw the form over the grid's rows. */
void
watches_form_draw(struct ui *ui, int *cy, int *cx)
{
	widget_draw(stdscr, &ui->watches.form, 2, selection_rows(ui), ui->width,
	    ui->opts.ascii, cy, cx);
}

/* Fill the pane with the watches. */
static void
watches_build(struct ui *ui)
{
	const struct watch_list *l = &ui->watches.list;
	const struct store_row *r;
	char what[64], fired[64], *who, *now;
	long sel = ui->pane.sel;
	struct tm tm;
	size_t i;

	pane_clear(&ui->pane);
	for (i = 0; i < l->n; i++) {
		watch_describe(&l->v[i], what, sizeof what);
		*fired = '\0';
		if (l->v[i].fired != 0) {
			localtime_r(&l->v[i].fired_at, &tm);
			snprintf(fired, sizeof fired,
			    ", fired %lu, last %02d:%02d", l->v[i].fired,
			    tm.tm_hour, tm.tm_min);
		}
		r = snapshot_find(ui->snap, l->v[i].id);
		who = text_fit(r != NULL ? r->d_name : l->v[i].name, 22);
		now = text_sanitize(r != NULL && r->have_presence
		        ? r->presence.availability
		        : "not read yet");
		pane_add(&ui->pane, "  %s %s, %s%s; now %s", who, what,
		    l->v[i].every ? "every time" : "once", fired, now);
		free(who);
		free(now);
	}
	if (l->n == 0) {
		pane_add(&ui->pane,
		    "  Nobody is watched: w on a person (or the "
		    "people tagged) watches.");
		sel = -1;
	} else if (sel < 0)
		sel = 0;
	else if ((size_t)sel >= l->n)
		sel = (long)l->n - 1;
	ui->pane.sel = sel;
}

/* W: the list of the watches. */
void
watches_open(struct ui *ui)
{
	pane_done(&ui->pane);
	pane_init(&ui->pane, "Watches: d drops, Escape closes");
	ui->pane.sel = 0;
	watches_build(ui);
	ui->mode = MODE_WATCHES;
}

/* A key in the list of the watches. */
void
watches_key(struct ui *ui, int key)
{
	struct watch_list *l = &ui->watches.list;
	enum keys_action a;
	char *id;

	switch (key) {
	case 'd':
	case KEYS_FN | KEY_DC:
		if (ui->pane.sel < 0 || (size_t)ui->pane.sel >= l->n)
			return;
		id = xstrdup(l->v[ui->pane.sel].id);
		msglog_add(&ui->log, "no longer watching %s",
		    l->v[ui->pane.sel].name);
		watch_drop(l, id);
		free(id);
		watches_save(ui);
		watches_build(ui);
		return;
	case KEYS_ESCAPE:
	case 'q':
		ui->mode = MODE_GRID;
		return;
	}
	if (pane_key(&ui->pane, key) == PANE_KEY_MOVED)
		return;
	a = keys_lookup(&ui->keys, key);
	if (a == KA_WATCHES || a == KA_QUIT)
		ui->mode = MODE_GRID;
}

/* Keep the watches, as last seen, and free them. */
void
watches_done(struct ui *ui)
{
	if (ui->watches.loaded)
		watches_save(ui);
	watches_form_done(ui);
	watch_done(&ui->watches.list);
	alerts_done(ui);
}
