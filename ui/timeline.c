/*
 * The history views: the details pane's timeline of a person's day and
 * the team view (v). Both read the history through a read-only connection
 * that never waits for a lock (history_open_reader says why), only for
 * what is on the screen: one query a person. UI thread only.
 */
#include "config.h"

#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "details.h"
#include "duration.h"
#include "grid.h"
#include "text.h"
#include "ui_int.h"
#include "xmalloc.h"

/* How often the team view reads again while nothing changes. Seconds. */
#define TIMELINE_READ_EVERY 60

/* The longest line built with roles. Bytes. */
#define TIMELINE_LINE 1024

/* A line of text with the theme role of each byte. */
struct timeline_line {
	char text[TIMELINE_LINE];
	unsigned char roles[TIMELINE_LINE];
	size_t len;
};

/* Append s in role r, as much as fits. */
static void
timeline_put(struct timeline_line *l, const char *s, enum theme_role r)
{
	size_t n = strlen(s);

	if (n > sizeof l->text - 1 - l->len)
		return;
	memcpy(l->text + l->len, s, n);
	memset(l->roles + l->len, (int)r, n);
	l->len += n;
	l->text[l->len] = '\0';
}

/* The role of a slot. */
static enum theme_role
timeline_role(int slot)
{
	if (slot >= 0 && slot < AVAIL__COUNT)
		return grid_role(slot);
	return ROLE_DEFAULT;
}

/* The glyph of a slot: the availability's, a dot when not recorded. */
static const char *
timeline_glyph(int slot, int ascii)
{
	if (slot >= 0 && slot < AVAIL__COUNT)
		return theme_glyph(grid_role(slot), ascii);
	if (slot == DAYBANDS_GAP)
		return ascii ? "." : "\xc2\xb7";
	return " ";
}

/* The cells of the bands, each two cells wide, then a space when wide. */
static void
timeline_cells(struct timeline_line *l, const struct daybands *d, int wide,
    int ascii)
{
	const char *g;
	int i;

	for (i = 0; i < d->n; i++) {
		g = timeline_glyph(d->band[i].slot, ascii);
		timeline_put(l, g, timeline_role(d->band[i].slot));
		if (text_width(g) < 2)
			timeline_put(l, g, timeline_role(d->band[i].slot));
		if (wide)
			timeline_put(l, " ", ROLE_DEFAULT);
	}
}

/* The hours of the bands above their cells ("08 09 10"). */
static void
timeline_hours(struct timeline_line *l, const struct daybands *d, int wide,
    enum theme_role r)
{
	char buf[8];
	struct tm tm;
	int i;

	for (i = 0; i < d->n; i++) {
		localtime_r(&d->band[i].from, &tm);
		if (wide || i % 2 == 0)
			snprintf(buf, sizeof buf, "%02d", tm.tm_hour);
		else
			snprintf(buf, sizeof buf, "  ");
		timeline_put(l, buf, r);
		if (wide)
			timeline_put(l, " ", r);
	}
}

/* What each glyph means. */
static void
timeline_legend(struct timeline_line *l, int ascii)
{
	int i;

	for (i = 0; i < DAYBANDS_SLOTS; i++) {
		timeline_put(l, timeline_glyph(i, ascii), timeline_role(i));
		timeline_put(l, " ", ROLE_DEFAULT);
		timeline_put(l,
		    i == DAYBANDS_GAP ? "not recorded" : daybands_slot_name(i),
		    ROLE_DEFAULT);
		timeline_put(l, "  ", ROLE_DEFAULT);
	}
}

/* Open the history to read, once it exists; 0, or -1 with error. */
static int
timeline_open(struct ui *ui, char *error, size_t len)
{
	char *cause = NULL;

	if (!ui->cfg->history) {
		snprintf(error, len, "the history is off (history = false)");
		return -1;
	}
	if (ui->days.reader != NULL)
		return 0;
	ui->days.reader =
	    history_open_reader(HISTORY_FILE(ui->cfg->demo), &cause);
	if (ui->days.reader == NULL) {
		snprintf(error, len, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Say why the history could not be read: busy, or the error. */
static void
timeline_error(struct ui *ui, char *cause, char *error, size_t len)
{
	char *clean = text_sanitize(cause);

	if (history_busy(ui->days.reader))
		snprintf(error, len, "history busy (%s); shown when it is free",
		    clean);
	else
		snprintf(error, len, "%s", clean);
	free(clean);
	free(cause);
}

/*
 * Read a person's states and the recordings of today's working hours, and
 * compute the day; 0, or -1 with error.
 */
static int
timeline_day(struct ui *ui, const char *id, time_t now,
    struct history_list *states, struct daybands *d, char *error, size_t len)
{
	struct history_spans sp;
	struct workday w;
	time_t start, end;
	char *cause = NULL;
	int rc = -1;

	if (timeline_open(ui, error, len) != 0)
		return -1;
	if (workday_parse(ui->cfg->workday, &w, &cause) != 0) {
		snprintf(error, len, "%s", cause);
		free(cause);
		return -1;
	}
	daybands_hours(&w, now, &start, &end);
	memset(&sp, 0, sizeof sp);
	if (history_day(ui->days.reader, id, start, end, states, &cause) != 0 ||
	    history_spans(ui->days.reader, start, end, &sp, &cause) != 0) {
		timeline_error(ui, cause, error, len);
		goto out;
	}
	/* This dashboard's own recording notes its reach once a refresh. */
	daybands_live(sp.v, sp.n, now, 2 * ui->cfg->refresh + 5);
	daybands_compute(d, &w, now, states->v, states->n, sp.v, sp.n, now);
	rc = 0;
out:
	history_spans_done(&sp);
	return rc;
}

/* Read a person's day for the details pane. */
void
timeline_read(struct ui *ui, const char *id, time_t now,
    struct timeline_day *day)
{
	memset(day, 0, sizeof *day);
	day->ok = timeline_day(ui, id, now, &day->states, &day->d, day->error,
	              sizeof day->error) == 0;
}

/* Free a day. */
void
timeline_day_done(struct timeline_day *day)
{
	history_list_done(&day->states);
}

/* Add one recorded state. */
static void
timeline_state(struct pane *p, const struct history_entry *e, time_t start)
{
	char *a, *b;
	struct tm tm;

	localtime_r(&e->at, &tm);
	a = text_sanitize(e->availability == NULL ? "-" : e->availability);
	b = text_sanitize(e->activity == NULL ? "-" : e->activity);
	if (e->at < start)
		pane_add(p, "    %04d-%02d-%02d %02d:%02d  %s / %s (before)",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, a, b);
	else
		pane_add(p, "    %02d:%02d:%02d  %s / %s", tm.tm_hour,
		    tm.tm_min, tm.tm_sec, a, b);
	free(a);
	free(b);
}

/* The details pane's block: today's bands, times and transitions. */
void
timeline_details(struct pane *p, const struct timeline_day *day, int ascii)
{
	struct timeline_line l;
	char buf[64], t[DURATION_BUFSIZE];
	struct tm a, b;
	size_t i;
	int s;

	pane_add(p, "%s", "");
	if (!day->ok) {
		pane_add(p, "  %-18s %s", "Today", day->error);
		return;
	}
	localtime_r(&day->d.start, &a);
	localtime_r(&day->d.end, &b);
	pane_add(p,
	    "  Today, %02d:%02d-%02d:%02d (the working hours recorded):",
	    a.tm_hour, a.tm_min,
	    b.tm_hour == 0 && b.tm_mday != a.tm_mday ? 24 : b.tm_hour,
	    b.tm_min);
	memset(&l, 0, sizeof l);
	timeline_put(&l, "  Hour               ", ROLE_DEFAULT);
	timeline_hours(&l, &day->d, 1, ROLE_DEFAULT);
	pane_add(p, "%s", l.text);
	memset(&l, 0, sizeof l);
	timeline_put(&l, "  Band               ", ROLE_DEFAULT);
	timeline_cells(&l, &day->d, 1, ascii);
	pane_add_roles(p, l.text, l.roles);
	memset(&l, 0, sizeof l);
	timeline_put(&l, "  Time spent        ", ROLE_DEFAULT);
	for (s = 0; s < DAYBANDS_SLOTS; s++) {
		if (day->d.seconds[s] == 0)
			continue;
		duration_format_short(day->d.seconds[s], t, sizeof t);
		timeline_put(&l, " ", ROLE_DEFAULT);
		timeline_put(&l, timeline_glyph(s, ascii), timeline_role(s));
		snprintf(buf, sizeof buf, " %s %s",
		    s == DAYBANDS_GAP ? "not recorded" : daybands_slot_name(s),
		    t);
		timeline_put(&l, buf, ROLE_DEFAULT);
	}
	pane_add_roles(p, l.text, l.roles);
	memset(&l, 0, sizeof l);
	timeline_put(&l, "  Legend             ", ROLE_DEFAULT);
	timeline_legend(&l, ascii);
	pane_add_roles(p, l.text, l.roles);
	pane_add(p, "  Recorded in the working hours (oldest first):");
	for (i = 0; i < day->states.n; i++)
		timeline_state(p, &day->states.v[i], day->d.start);
	if (day->states.n == 0)
		pane_add(p, "    nothing recorded");
}

/* Forget the team view's days. */
static void
timeline_team_clear(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->days.n; i++)
		free(ui->days.rows[i]);
	free(ui->days.rows);
	ui->days.rows = NULL;
	ui->days.n = 0;
}

/* Open the team view. */
void
timeline_team_open(struct ui *ui)
{
	timeline_team_clear(ui);
	ui->days.error[0] = '\0';
	ui->days.read = 0;
	ui->mode = MODE_DAYS;
}

/* A key in the team view: move, open the details, or go back. */
void
timeline_team_key(struct ui *ui, int key)
{
	long page = selection_rows(ui) > 4 ? selection_rows(ui) - 3 : 1;

	switch (keys_lookup(&ui->keys, key)) {
	case KA_UP:
		selection_move(ui, -1);
		return;
	case KA_DOWN:
		selection_move(ui, 1);
		return;
	case KA_PAGE_UP:
		selection_move(ui, -page);
		return;
	case KA_PAGE_DOWN:
		selection_move(ui, page);
		return;
	case KA_HOME:
		selection_move(ui, -(long)ui->view.n);
		return;
	case KA_END:
		selection_move(ui, (long)ui->view.n);
		return;
	case KA_REFRESH:
		ui->days.read = 0;
		return;
	case KA_DETAILS:
		details_open(ui);
		return;
	case KA_DAYS:
		ui->mode = MODE_GRID;
		return;
	default:
		if (key == KEYS_ESCAPE || key == 'q')
			ui->mode = MODE_GRID;
		return;
	}
}

/*
 * The day of view line k, read when first drawn since the snapshot
 * changed or a minute went by; NULL for a heading or on an error.
 */
static const struct daybands *
timeline_team_row(struct ui *ui, size_t k, time_t now)
{
	struct history_list states;
	const struct view_line *vl = &ui->view.lines[k];
	struct daybands *d;

	if (vl->heading)
		return NULL;
	if (ui->days.n != ui->view.n ||
	    ui->days.generation != ui->snap->generation ||
	    now - ui->days.read >= TIMELINE_READ_EVERY) {
		timeline_team_clear(ui);
		ui->days.rows = xcalloc(ui->view.n + 1, sizeof *ui->days.rows);
		ui->days.n = ui->view.n;
		ui->days.generation = ui->snap->generation;
		ui->days.read = now;
		ui->days.error[0] = '\0';
	}
	if (ui->days.rows[k] != NULL)
		return ui->days.rows[k];
	memset(&states, 0, sizeof states);
	d = xcalloc(1, sizeof *d);
	if (timeline_day(ui, ui->snap->rows[vl->row]->id, now, &states, d,
	        ui->days.error, sizeof ui->days.error) != 0) {
		free(d);
		d = NULL;
		ui->days.read = 0; /* Try again at the next frame. */
	} else
		ui->days.rows[k] = d;
	history_list_done(&states);
	return d;
}

/* Draw the team view over the grid; returns the row of the cursor. */
int
timeline_team_draw(struct ui *ui, time_t now)
{
	const struct daybands *d;
	const struct view_line *vl;
	struct workday w;
	struct daybands hours;
	struct timeline_line l;
	char *cause = NULL;
	int rows = selection_rows(ui) - 1, namew, wide, i, y, cy = 2, x;
	size_t k, top;
	unsigned long a;

	memset(&hours, 0, sizeof hours);
	if (workday_parse(ui->cfg->workday, &w, &cause) == 0)
		daybands_compute(&hours, &w, now, NULL, 0, NULL, 0, now);
	free(cause);
	wide = ui->width >= 16 + 3 * hours.n;
	namew = ui->width - (wide ? 3 : 2) * hours.n - 1;
	if (namew > 30)
		namew = 30;
	memset(&l, 0, sizeof l);
	timeline_hours(&l, &hours, wide, ROLE_HEADER);
	grid_put(stdscr, 1, 0, namew + 1, "Today by the hour",
	    theme_attr(ROLE_HEADER));
	grid_put(stdscr, 1, namew + 1, ui->width - namew - 1, l.text,
	    theme_attr(ROLE_HEADER));
	top =
	    ui->sel.line >= (size_t)rows ? ui->sel.line - (size_t)rows + 1 : 0;
	for (i = 0; i < rows; i++) {
		y = 2 + i;
		k = top + (size_t)i;
		if (k >= ui->view.n) {
			grid_put(stdscr, y, 0, ui->width, "",
			    theme_attr(ROLE_DEFAULT));
			continue;
		}
		vl = &ui->view.lines[k];
		if (vl->heading) {
			grid_put(stdscr, y, 0, ui->width, vl->label,
			    theme_attr(ROLE_GROUP));
			continue;
		}
		a = theme_attr(
		    k == ui->sel.line ? ROLE_SELECTION : ROLE_DEFAULT);
		if (k == ui->sel.line)
			cy = y;
		grid_put(stdscr, y, 0, namew + 1,
		    ui->snap->rows[vl->row]->d_name, a);
		memset(&l, 0, sizeof l);
		if ((d = timeline_team_row(ui, k, now)) != NULL)
			timeline_cells(&l, d, wide, ui->opts.ascii);
		else
			timeline_put(&l, ui->days.error, ROLE_WARNING);
		x = namew + 1;
		grid_put(stdscr, y, x, ui->width - x, "",
		    theme_attr(ROLE_DEFAULT));
		if (l.len > 0)
			pane_draw_line(stdscr, y, x, ui->width - x, l.text,
			    l.roles);
	}
	memset(&l, 0, sizeof l);
	timeline_legend(&l, ui->opts.ascii);
	timeline_put(&l, " v or Escape: back", ROLE_DEFAULT);
	pane_draw_line(stdscr, 2 + rows, 0, ui->width, l.text, l.roles);
	return cy;
}

/* Close the history. */
void
timeline_done(struct ui *ui)
{
	timeline_team_clear(ui);
	history_close(ui->days.reader);
	ui->days.reader = NULL;
}
