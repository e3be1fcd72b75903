/*
 * Whom a write goes to, and tagging: Space tags or untags the selected
 * person and moves down (as in htop), everyone shown can be tagged at
 * once and everyone untagged. With people tagged every write goes to all
 * of them, shown or not, those shown first in the order of the grid;
 * otherwise to the person selected. UI thread only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "xmalloc.h"

/* How many names a confirmation gives before "and N more". */
#define TARGETS_NAMES 3

/* Add an id to a list of targets. */
static void
targets_add(struct targets *t, const char *id)
{
	t->ids = xreallocarray(t->ids, t->n + 1, sizeof *t->ids);
	t->ids[t->n++] = xstrdup(id);
}

/* The people a write goes to: the tagged, or the selected. */
void
targets_pick(struct ui *ui, struct targets *t)
{
	const struct view_line *l;
	const char *id;
	struct tags seen;
	size_t i;

	memset(t, 0, sizeof *t);
	if (ui->tags.n == 0) {
		if (ui->sel.id != NULL)
			targets_add(t, ui->sel.id);
		return;
	}
	memset(&seen, 0, sizeof seen);
	for (i = 0; i < ui->view.n; i++) {
		l = &ui->view.lines[i];
		if (l->heading)
			continue;
		id = ui->snap->rows[l->row]->id;
		if (tags_has(&ui->tags, id)) {
			targets_add(t, id);
			tags_add(&seen, id);
		}
	}
	for (i = 0; i < ui->snap->n; i++) {
		id = ui->snap->rows[i]->id;
		if (tags_has(&ui->tags, id) && !tags_has(&seen, id))
			targets_add(t, id);
	}
	tags_clear(&seen);
}

/* A copy of a list of targets. */
void
targets_copy(struct targets *to, const struct targets *from)
{
	size_t i;

	memset(to, 0, sizeof *to);
	for (i = 0; i < from->n; i++)
		targets_add(to, from->ids[i]);
}

/* Free a list of targets. */
void
targets_done(struct targets *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->ids[i]);
	free(t->ids);
	memset(t, 0, sizeof *t);
}

/* Who they are: "Ann Lee", or "30 people: Ann Lee, Bo Ma, Cy Ng and 27 more". */
void
targets_names(struct ui *ui, const struct targets *t, char *buf, size_t len)
{
	size_t i, used;

	if (t->n == 1) {
		snprintf(buf, len, "%s", writes_who(ui, t->ids[0]));
		return;
	}
	snprintf(buf, len, "%zu people: ", t->n);
	for (i = 0; i < t->n && i < TARGETS_NAMES; i++) {
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s",
		    i == 0              ? ""
		        : i + 1 == t->n ? " and "
		                        : ", ",
		    writes_who(ui, t->ids[i]));
	}
	if (t->n > TARGETS_NAMES) {
		used = strlen(buf);
		snprintf(buf + used, len - used, " and %zu more",
		    t->n - TARGETS_NAMES);
	}
}

/* Tag or untag the selected person, and move down. */
void
targets_tag(struct ui *ui)
{
	if (ui->sel.id == NULL)
		return;
	tags_toggle(&ui->tags, ui->sel.id);
	selection_move(ui, 1);
}

/* Tag everyone shown. */
void
targets_tag_all(struct ui *ui)
{
	const struct view_line *l;
	size_t i;

	for (i = 0; i < ui->view.n; i++) {
		l = &ui->view.lines[i];
		if (!l->heading)
			tags_add(&ui->tags, ui->snap->rows[l->row]->id);
	}
	msglog_add(&ui->log, "tagged the %zu people shown (%zu tagged in all)",
	    ui->view.people, ui->tags.n);
}

/* Untag everyone. */
void
targets_untag_all(struct ui *ui)
{
	size_t n = ui->tags.n;

	tags_clear(&ui->tags);
	msglog_add(&ui->log, "untagged %zu %s", n,
	    n == 1 ? "person" : "people");
}
