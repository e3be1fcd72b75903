/*
 * Drawing a form of widgets. One pass lays the form out row by row and,
 * given a window, draws it; without one it only counts the rows, which
 * chooses between the full layout (every option shown, flowing across the
 * width) and the compact one (one row a field). Colour is never the only
 * sign: the focused field has a mark, a chosen option a filled circle, a
 * wrong value a '!'. UI thread only.
 */
#include "config.h"

#include "widget_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "text.h"
#include "theme.h"
#include "widget.h"
#include "wrap.h"
#include "xmalloc.h"

/* Where values start: the focus mark and the label before. Cells. */
#define WIDGET_DRAW_LABEL 14
/* The box of a duration's typed value. Cells. */
#define WIDGET_DRAW_TYPED 18

/* A pass over the form: where it draws, and where the cursor goes. */
struct widget_draw_pass {
	WINDOW *win; /* NULL to count rows only. */
	int y;       /* The first row. */
	int h;       /* Rows. */
	int w;       /* Cells. */
	int ascii;
	int compact; /* One row a field. */
	int row;     /* The row being laid out, from 0. */
	int cy, cx;  /* The cursor, -1 until known. */
};

/* Draw text fitted to width cells at row, x, when it is in the rows. */
static void
widget_draw_put(struct widget_draw_pass *p, int x, int width, const char *s,
    unsigned long attr)
{
	if (p->win == NULL || p->row >= p->h || x >= p->w || width <= 0)
		return;
	if (x + width > p->w)
		width = p->w - x;
	grid_put(p->win, p->y + p->row, x, width, s, attr);
}

/* Put the cursor at x on the current row, when it is in the rows. */
static void
widget_draw_cursor(struct widget_draw_pass *p, int x)
{
	if (p->row >= p->h)
		return;
	p->cy = p->y + p->row;
	p->cx = x < p->w ? x : p->w - 1;
}

/* The focus mark and the label of a field. */
static void
widget_draw_label(struct widget_draw_pass *p, const struct widget *w,
    int focused)
{
	const char *mark = focused ? (p->ascii ? ">" : "\xe2\x96\xb8") : "";
	unsigned long a = theme_attr(ROLE_DEFAULT);

	if (focused)
		a |= A_BOLD;
	widget_draw_put(p, 0, 2, mark, a);
	widget_draw_put(p, 2, WIDGET_DRAW_LABEL - 3, w->label, a);
}

/* An editor in a box width cells wide at x; the cursor there if focused. */
static void
widget_draw_box(struct widget_draw_pass *p, struct widget *w, int x, int width,
    int focused)
{
	size_t from, to;
	char *shown;
	int cx;

	if (width < 2)
		width = 2;
	if (x + width > p->w)
		width = p->w - x;
	if (width <= 0)
		return;
	cx = editor_view(&w->text, width, &from, &to);
	shown = xstrndup(widget_text(w) + from, to - from);
	widget_draw_put(p, x, width, shown, theme_attr(ROLE_SEARCH));
	free(shown);
	if (focused)
		widget_draw_cursor(p, x + cx);
}

/* The text of option i, with its mark: "(*) 1 h". */
static void
widget_draw_option_text(const struct widget *w, size_t i, int ascii, char *buf,
    size_t len)
{
	const char *on = ascii ? "(*)" : "(\xe2\x80\xa2)";
	const char *label = i < w->noptions ? w->options[i].label : "other:";

	snprintf(buf, len, "%s %s", i == w->chosen ? on : "( )", label);
}

/* Every option of a choice or a duration, flowing across the width. */
static void
widget_draw_options(struct widget_draw_pass *p, struct widget *w, int focused)
{
	size_t i, n = w->noptions + (w->kind == WIDGET_DURATION ? 1 : 0);
	unsigned long a;
	char buf[256];
	int x = WIDGET_DRAW_LABEL, tw, box;

	for (i = 0; i < n; i++) {
		widget_draw_option_text(w, i, p->ascii, buf, sizeof buf);
		tw = text_width(buf);
		box = i == w->noptions ? 1 + WIDGET_DRAW_TYPED : 0;
		if (x > WIDGET_DRAW_LABEL && x + tw + box > p->w) {
			p->row++;
			x = WIDGET_DRAW_LABEL;
		}
		a = theme_attr(ROLE_DEFAULT);
		if (i == w->chosen)
			a = focused ? theme_attr(ROLE_SELECTION)
			            : theme_attr(ROLE_DEFAULT) | A_BOLD;
		widget_draw_put(p, x, tw, buf, a);
		if (i == w->chosen && focused && i != w->noptions)
			widget_draw_cursor(p, x + 1);
		x += tw;
		if (i == w->noptions) {
			widget_draw_box(p, w, x + 1, WIDGET_DRAW_TYPED,
			    focused && widget_typed(w));
			x += box;
		}
		x += 2;
	}
	p->row++;
}

/* The chosen option alone, between arrows: "< 1 h >". */
static int
widget_draw_chosen(struct widget_draw_pass *p, struct widget *w, int focused)
{
	char buf[256];
	int x = WIDGET_DRAW_LABEL, tw;
	unsigned long a =
	    focused ? theme_attr(ROLE_SELECTION) : theme_attr(ROLE_DEFAULT);

	if (widget_typed(w)) {
		widget_draw_put(p, x, 7, "other:", theme_attr(ROLE_DEFAULT));
		widget_draw_box(p, w, x + 7, WIDGET_DRAW_TYPED, focused);
		return x + 7 + WIDGET_DRAW_TYPED;
	}
	snprintf(buf, sizeof buf, "%s %s %s", p->ascii ? "<" : "\xe2\x80\xb9",
	    w->options[w->chosen].label, p->ascii ? ">" : "\xe2\x80\xba");
	tw = text_width(buf);
	widget_draw_put(p, x, tw, buf, a);
	if (focused)
		widget_draw_cursor(p, x + 2);
	return x + tw;
}

/*
 * What a field says beside its value, from x on the current row: the
 * count of characters of a text, then why it is wrong or its note.
 */
static void
widget_draw_note(struct widget_draw_pass *p, const struct widget *w, int x)
{
	char count[64], *text;
	size_t n;
	int over = 0;

	*count = '\0';
	if (w->kind == WIDGET_TEXT && w->count_max != 0) {
		n = widget_count(w);
		over = n > w->count_max;
		snprintf(count, sizeof count, "%zu/%zu%s  ", n, w->count_max,
		    over ? " too long" : "");
	}
	if (*count != '\0') {
		widget_draw_put(p, x, text_width(count), count,
		    theme_attr(over ? ROLE_ERROR : ROLE_DEFAULT));
		x += text_width(count);
	}
	if (w->error != NULL) {
		xasprintf(&text, "! %s", w->error);
		widget_draw_put(p, x, p->w - x, text, theme_attr(ROLE_ERROR));
		free(text);
	} else if (w->note != NULL)
		widget_draw_put(p, x, p->w - x, w->note,
		    theme_attr(ROLE_DEFAULT));
}

/* Does a field say anything beside its value? */
static int
widget_draw_has_note(const struct widget *w)
{
	return w->error != NULL || w->note != NULL ||
	    (w->kind == WIDGET_TEXT && w->count_max != 0);
}

/* One field, in full or compact. */
static void
widget_draw_field(struct widget_draw_pass *p, struct widget *w, int focused)
{
	int x;

	widget_draw_label(p, w, focused);
	if (w->kind == WIDGET_TEXT) {
		widget_draw_box(p, w, WIDGET_DRAW_LABEL,
		    p->w - WIDGET_DRAW_LABEL - 1, focused);
		p->row++;
		if (widget_draw_has_note(w)) {
			widget_draw_note(p, w, WIDGET_DRAW_LABEL);
			p->row++;
		}
		return;
	}
	if (p->compact) {
		x = widget_draw_chosen(p, w, focused);
		widget_draw_note(p, w, x + 2);
		p->row++;
		return;
	}
	widget_draw_options(p, w, focused);
	if (widget_draw_has_note(w)) {
		widget_draw_note(p, w, WIDGET_DRAW_LABEL);
		p->row++;
	}
}

/* Lay the form out, drawing it when the pass has a window. */
static void
widget_draw_pass(struct widget_draw_pass *p, struct widget_form *f)
{
	const char *s, *next;
	char title[512];
	size_t i, len;
	int width = p->w - 4 < 20 ? 20 : p->w - 4;

	snprintf(title, sizeof title, "%s %s",
	    p->ascii ? "==" : "\xe2\x95\x90\xe2\x95\x90", f->title);
	widget_draw_put(p, 0, p->w, title, theme_attr(ROLE_GROUP));
	p->row = 1;
	for (i = 0; i < f->n; i++) {
		if (!f->v[i].hidden)
			widget_draw_field(p, &f->v[i], i == f->focus);
	}
	if (f->nlines != 0 && !p->compact)
		p->row++;
	for (i = 0; i < f->nlines; i++) {
		s = f->lines[i];
		do {
			len = wrap_line(s, width, &next);
			if (p->win != NULL) {
				char *one = xstrndup(s, len);

				widget_draw_put(p, 2, p->w - 2, one,
				    theme_attr(ROLE_DEFAULT));
				free(one);
			}
			p->row++;
			s = next;
		} while (*s != '\0');
	}
}

/* The rows the form takes. */
int
widget_draw_rows(struct widget_form *f, int w, int compact)
{
	struct widget_draw_pass p;

	memset(&p, 0, sizeof p);
	p.w = w;
	p.h = 0;
	p.compact = compact;
	p.cy = p.cx = -1;
	widget_draw_pass(&p, f);
	return p.row;
}

/* Draw the form. */
void
widget_draw(WINDOW *win, struct widget_form *f, int y, int h, int w, int ascii,
    int *cy, int *cx)
{
	struct widget_draw_pass p;
	int row;

	if (h <= 0 || w <= 0)
		return;
	for (row = 0; row < h; row++)
		grid_put(win, y + row, 0, w, "", theme_attr(ROLE_DEFAULT));
	memset(&p, 0, sizeof p);
	p.win = win;
	p.y = y;
	p.h = h;
	p.w = w;
	p.ascii = ascii;
	p.compact = widget_draw_rows(f, w, 0) > h;
	p.cy = p.cx = -1;
	widget_draw_pass(&p, f);
	*cy = p.cy >= 0 ? p.cy : y;
	*cx = p.cx >= 0 ? p.cx : 0;
}
