/*
 * The held sessions in the dashboard: each sent again when due (checked
 * every second, outcomes said only when they fail), the view that lists
 * them (H) where r releases one (clears it, after a confirmation) and s
 * stops holding it (it runs out), and the release of all of them on quitting. UI
 * thread only.
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
#include "xmalloc.h"

/* Send again the held sessions that are due. */
void
holds_tick(struct ui *ui, time_t now)
{
	const struct action **due;
	size_t i, n;

	if (ui->hold.n == 0 || hold_next(&ui->hold) > now)
		return;
	n = hold_due(&ui->hold, now, &due);
	for (i = 0; i < n; i++)
		source_submit(ui->src, due[i]);
	free(due);
}

/* Fill the view with the sessions held. */
static void
holds_build(struct ui *ui)
{
	const struct hold_entry *e;
	char since[DURATION_BUFSIZE], next[DURATION_BUFSIZE];
	char every[DURATION_BUFSIZE], *who;
	time_t now = time(NULL);
	long sel = ui->pane.sel;
	size_t i;

	pane_clear(&ui->pane);
	for (i = 0; i < ui->hold.n; i++) {
		e = &ui->hold.v[i];
		duration_format_until(e->since, now, since, sizeof since);
		duration_format_until(e->next, now, next, sizeof next);
		duration_format_short(e->every, every, sizeof every);
		who = text_fit(e->who, 22);
		pane_add(&ui->pane, "  %s %s/%s every %s, next %s (since %s)",
		    who, e->action->availability, e->action->activity, every,
		    next, since);
		free(who);
	}
	if (ui->hold.n == 0) {
		pane_add(&ui->pane,
		    "  No session is held: h on the set "
		    "presence form (p) holds one.");
		sel = -1;
	} else if (sel < 0)
		sel = 0;
	else if ((size_t)sel >= ui->hold.n)
		sel = (long)ui->hold.n - 1;
	ui->pane.sel = sel;
}

/* Open the view of the sessions held. */
void
holds_open(struct ui *ui)
{
	pane_done(&ui->pane);
	pane_init(&ui->pane,
	    "Held sessions: r releases (clears), s stops holding, Escape "
	    "closes");
	ui->pane.sel = 0;
	holds_build(ui);
	ui->mode = MODE_HOLDS;
}

/* Release one held session: ask, then clear it. */
static void
holds_release(struct ui *ui, const char *id)
{
	struct targets to;
	struct action a;

	if (hold_find(&ui->hold, id) == NULL)
		return;
	memset(&to, 0, sizeof to);
	to.ids = xmalloc(sizeof *to.ids);
	to.ids[0] = xstrdup(id);
	to.n = 1;
	memset(&a, 0, sizeof a);
	a.kind = ACTION_CLEAR_PRESENCE;
	a.session = hold_find(&ui->hold, id)->action->session;
	confirm_write(ui, &a, &to, 0, MODE_HOLDS);
	targets_done(&to);
}

/* Release every held session at once (quitting): clear them all. */
void
holds_release_all(struct ui *ui)
{
	struct action **v;
	size_t i, n = ui->hold.n;

	if (n == 0)
		return;
	v = xreallocarray(NULL, n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i] = action_copy(ui->hold.v[i].action);
		v[i]->kind = ACTION_CLEAR_PRESENCE;
	}
	writes_send_each(ui, v, n);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	hold_done(&ui->hold);
}

/* A key in the view of the sessions held. */
void
holds_key(struct ui *ui, int key)
{
	const struct hold_entry *e = NULL;
	char *id;

	if (ui->pane.sel >= 0 && (size_t)ui->pane.sel < ui->hold.n)
		e = &ui->hold.v[ui->pane.sel];
	switch (key) {
	case 'r':
	case KEYS_FN | KEY_DC:
		if (e != NULL)
			holds_release(ui, e->action->id);
		return;
	case 's':
		if (e == NULL)
			return;
		id = xstrdup(e->action->id);
		msglog_add(&ui->log,
		    "%s: no longer held, the session runs "
		    "out at its expiry",
		    e->who);
		hold_drop(&ui->hold, id);
		free(id);
		holds_build(ui);
		return;
	case KEYS_ESCAPE:
	case 'q':
	case 'H':
		ui->mode = MODE_GRID;
		return;
	}
	if (pane_key(&ui->pane, key) == PANE_KEY_MOVED)
		return;
	if (keys_lookup(&ui->keys, key) == KA_HOLDS ||
	    keys_lookup(&ui->keys, key) == KA_QUIT)
		ui->mode = MODE_GRID;
}
