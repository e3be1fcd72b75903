/*
 * Whether a second that brought no key and no data must draw: only when
 * something on the screen changes with the clock. The grid and the status
 * bar change with it once a minute at most (time in state and ages are in
 * whole minutes, the status bar gives times, not countdowns), so a quiet
 * second draws nothing and a quiet refresh draws what it changed. Panes,
 * forms, messages that expire, held sessions and writes under way are
 * drawn every second, as before. UI thread only.
 */
#include "config.h"

#include <string.h>

#include "msglog.h"
#include "ui_int.h"

/* Remember what a frame drawn at now showed. */
void
redraw_done(struct ui *ui, time_t now)
{
	ui->drawn.at = now;
	ui->drawn.generation = ui->snap != NULL ? ui->snap->generation : 0;
	ui->drawn.st = ui->st;
	ui->drawn.added = ui->log.added;
	ui->drawn.changes = ui->writes.changes;
	ui->drawn.mode = ui->mode;
	ui->drawn.valid = 1;
}

/* Does a person in sight say something else for their time in state? */
static int
redraw_ages(const struct ui *ui, time_t now)
{
	const struct store_row *r;
	const struct view_line *l;
	char a[64], b[64];
	size_t k;
	int i;

	for (i = 0; i < selection_rows(ui); i++) {
		k = ui->sel.top + (size_t)i;
		if (k >= ui->view.n)
			break;
		l = &ui->view.lines[k];
		if (l->heading)
			continue;
		r = ui->snap->rows[l->row];
		grid_cell(r, COL_SINCE, now, &ui->opts, a, sizeof a);
		grid_cell(r, COL_SINCE, ui->drawn.at, &ui->opts, b, sizeof b);
		if (strcmp(a, b) != 0)
			return 1;
	}
	return 0;
}

/* Must the screen be drawn at now, though no key and no data came? */
int
redraw_due(const struct ui *ui, time_t now)
{
	const struct store_status *st = &ui->st;
	const struct msglog_entry *m;

	if (!ui->drawn.valid || ui->too_small || ui->mode != ui->drawn.mode ||
	    (ui->mode != MODE_GRID && ui->mode != MODE_SEARCH))
		return 1;
	/* Something came without a wake-up. */
	if (ui->snap == NULL || ui->snap->generation != ui->drawn.generation ||
	    memcmp(st, &ui->drawn.st, sizeof *st) != 0 ||
	    ui->log.added != ui->drawn.added ||
	    ui->writes.changes != ui->drawn.changes)
		return 1;
	/* A new minute, a time in state that ticks, a late refresh. */
	if (now / 60 != ui->drawn.at / 60 || now < ui->drawn.at ||
	    redraw_ages(ui, now))
		return 1;
	if (st->busy || st->waiting || st->throttled_until != 0 ||
	    (st->next_refresh != 0 && now >= st->next_refresh))
		return 1;
	/* Marks and messages that expire, writes under way, a row flashing. */
	if (ui->hold.n != 0 || ui->sent.n != 0 || ui->writes.batch != 0 ||
	    ui->watches.flash_id != NULL)
		return 1;
	m = msglog_get(&ui->log, 0);
	return m != NULL && now - m->at <= MSGLOG_SHOW + 1;
}
