/*
 * The selection and the scrolling: which line of the view is selected,
 * which is the first shown, and who is selected, so that a rebuild of the
 * view (new data, another sort or filter) keeps that person selected on
 * the same screen row. UI thread only.
 */
#include "config.h"

#include <stdlib.h>

#include "ui_int.h"
#include "xmalloc.h"

/* The number of grid rows: all but the top two, the hint bar and the
 * status bar. */
int
selection_rows(const struct ui *ui)
{
	return ui->height - 3 - (hints_shown(ui) ? 1 : 0);
}

/* Keep the selection on a person and in sight. */
void
selection_clamp(struct ui *ui)
{
	const struct view *v = &ui->view;
	struct selection *s = &ui->sel;
	size_t h = selection_rows(ui) > 0 ? (size_t)selection_rows(ui) : 1;

	if (v->n == 0) {
		s->line = s->top = 0;
		return;
	}
	if (s->line >= v->n)
		s->line = v->n - 1;
	while (s->line < v->n && v->lines[s->line].heading)
		s->line++;
	if (s->line >= v->n) {
		s->line = v->n - 1;
		while (s->line > 0 && v->lines[s->line].heading)
			s->line--;
	}
	if (s->top > s->line)
		s->top = s->line;
	if (s->line >= s->top + h)
		s->top = s->line - h + 1;
	if (s->top + h > v->n)
		s->top = v->n > h ? v->n - h : 0;
	/* Show the heading just above the selection when there is one. */
	if (s->top == s->line && s->top > 0 && v->lines[s->top - 1].heading)
		s->top--;
}

/* Remember who is selected. */
void
selection_remember(struct ui *ui)
{
	struct selection *s = &ui->sel;
	const struct view_line *l;

	free(s->id);
	s->id = NULL;
	if (s->line < ui->view.n) {
		l = &ui->view.lines[s->line];
		if (!l->heading)
			s->id = xstrdup(ui->snap->rows[l->row]->id);
	}
}

/* Rebuild the view, keeping the selected person on the same screen row. */
void
selection_rebuild(struct ui *ui)
{
	struct selection *s = &ui->sel;
	long found;
	size_t offset;

	offset = s->line >= s->top ? s->line - s->top : 0;
	view_build(&ui->view, ui->snap);
	found = view_find(&ui->view, ui->snap, s->id);
	if (found >= 0) {
		s->line = (size_t)found;
		s->top = s->line >= offset ? s->line - offset : 0;
	}
	selection_clamp(ui);
	selection_remember(ui);
}

/* Move the selection by delta person lines. */
void
selection_move(struct ui *ui, long delta)
{
	const struct view *v = &ui->view;
	long s = (long)ui->sel.line, step = delta < 0 ? -1 : 1, moved = 0;

	if (v->n == 0)
		return;
	while (moved != delta) {
		long next = s + step;

		while (next >= 0 && next < (long)v->n && v->lines[next].heading)
			next += step;
		if (next < 0 || next >= (long)v->n)
			break;
		s = next;
		moved += step;
	}
	ui->sel.line = (size_t)s;
	selection_clamp(ui);
	selection_remember(ui);
}

/* Select a line if it shows a person. */
void
selection_set(struct ui *ui, size_t line)
{
	if (line >= ui->view.n || ui->view.lines[line].heading)
		return;
	ui->sel.line = line;
	selection_clamp(ui);
	selection_remember(ui);
}

/* Select nobody, at the top. */
void
selection_reset(struct ui *ui)
{
	free(ui->sel.id);
	ui->sel.id = NULL;
	ui->sel.line = ui->sel.top = 0;
}
