/*
 * Panes: titled, scrollable lists of lines drawn over the grid's rows.
 * UI thread only.
 */
#include "config.h"

#include "pane.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "keys.h"
#include "theme.h"
#include "xmalloc.h"

/* An empty pane. */
void
pane_init(struct pane *p, const char *title)
{
	memset(p, 0, sizeof *p);
	p->title = xstrdup(title);
	p->sel = -1;
}

/* Remove every line. */
void
pane_clear(struct pane *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n = 0;
}

/* Free a pane. */
void
pane_done(struct pane *p)
{
	pane_clear(p);
	free(p->title);
	p->title = NULL;
}

/* Add a line (the caller has sanitised anything from Graph). */
void
pane_add(struct pane *p, const char *fmt, ...)
{
	va_list ap;

	p->lines = xreallocarray(p->lines, p->n + 1, sizeof *p->lines);
	va_start(ap, fmt);
	xvasprintf(&p->lines[p->n++], fmt, ap);
	va_end(ap);
}

/* Scroll within h rows. */
void
pane_scroll(struct pane *p, long delta, int h)
{
	long s = (long)p->scroll + delta, max = (long)p->n - (h - 1);

	if (s > max)
		s = max;
	if (s < 0)
		s = 0;
	p->scroll = (size_t)s;
}

/* A key in a menu: move the highlight, or say what else it is. */
enum pane_key
pane_key(struct pane *p, int key)
{
	if (key >= '0' && key <= '9')
		return PANE_KEY_DIGIT;
	switch (key) {
	case KEYS_FN | KEY_UP:
	case 'k':
		if (p->sel > 0)
			p->sel--;
		return PANE_KEY_MOVED;
	case KEYS_FN | KEY_DOWN:
	case 'j':
		if (p->sel + 1 < (long)p->n)
			p->sel++;
		return PANE_KEY_MOVED;
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		return PANE_KEY_ENTER;
	default:
		return PANE_KEY_OTHER;
	}
}

/* Draw the pane into rows y..y+h. */
void
pane_draw(WINDOW *win, const struct pane *p, int y, int h, int w, int plain)
{
	char title[256];
	size_t i;
	int row;
	unsigned long a;

	if (h <= 0)
		return;
	snprintf(title, sizeof title, "%s %s %s",
	    plain ? "==" : "\xe2\x95\x90\xe2\x95\x90", p->title,
	    p->scroll > 0 ? "(more above)" : "");
	grid_put(win, y, 0, w, title, theme_attr(ROLE_GROUP));
	for (row = 1; row < h; row++) {
		i = p->scroll + (size_t)row - 1;
		a = theme_attr(ROLE_DEFAULT);
		if (i < p->n && (long)i == p->sel)
			a = theme_attr(ROLE_SELECTION);
		grid_put(win, y + row, 0, w, i < p->n ? p->lines[i] : "", a);
	}
}
