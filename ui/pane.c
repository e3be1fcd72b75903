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
#include "text.h"
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

	for (i = 0; i < p->n; i++) {
		free(p->lines[i]);
		if (p->roles != NULL)
			free(p->roles[i]);
	}
	free(p->lines);
	free(p->roles);
	p->lines = NULL;
	p->roles = NULL;
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
	if (p->roles != NULL) {
		p->roles = xreallocarray(p->roles, p->n + 1, sizeof *p->roles);
		p->roles[p->n] = NULL;
	}
	va_start(ap, fmt);
	xvasprintf(&p->lines[p->n++], fmt, ap);
	va_end(ap);
}

/* Add a line in colours. */
void
pane_add_roles(struct pane *p, const char *text, const unsigned char *roles)
{
	size_t len = strlen(text);

	if (p->roles == NULL)
		p->roles = xcalloc(p->n + 1, sizeof *p->roles);
	pane_add(p, "%s", text);
	p->roles[p->n - 1] = xmalloc(len + 1);
	memcpy(p->roles[p->n - 1], roles, len);
}

/* Draw a line in colours: the runs of bytes of one role each. */
void
pane_draw_line(WINDOW *win, int y, int x0, int w, const char *line,
    const unsigned char *roles)
{
	size_t i = 0, j;
	char *run;
	int x = x0, rw;

	w += x0;
	while (line[i] != '\0' && x < w) {
		for (j = i; line[j] != '\0' && roles[j] == roles[i]; j++)
			;
		run = xstrndup(line + i, j - i);
		rw = text_width(run);
		if (rw > w - x)
			rw = w - x;
		grid_put(win, y, x, rw, run,
		    theme_attr((enum theme_role)roles[i]));
		free(run);
		x += rw;
		i = j;
	}
	if (x < w)
		grid_put(win, y, x, w - x, "", theme_attr(ROLE_DEFAULT));
}

/*
 * The lines shown in h rows from scroll: the title takes a row, and when
 * the lines do not fit (and there are rows enough) a row above says how
 * many lines are hidden above, a row below how many below.
 */
static void
pane_window(const struct pane *p, int h, size_t scroll, int *above,
    size_t *count, int *below)
{
	long rows = h - 1, avail;

	*above = *below = 0;
	*count = 0;
	if (rows <= 0 || scroll >= p->n)
		return;
	if ((size_t)rows >= p->n && scroll == 0) {
		*count = p->n;
		return;
	}
	avail = rows;
	if (rows >= 3 && scroll > 0) {
		*above = 1;
		avail--;
	}
	if (rows >= 3 && scroll + (size_t)avail < p->n) {
		*below = 1;
		avail--;
	}
	*count = p->n - scroll < (size_t)avail ? p->n - scroll : (size_t)avail;
}

/* The last scroll position in h rows: the end of the lines in view. */
static size_t
pane_max_scroll(const struct pane *p, int h)
{
	long rows = h - 1;

	if (rows <= 0 || (size_t)rows >= p->n)
		return 0;
	if (rows < 3)
		return p->n - (size_t)rows;
	return p->n - (size_t)rows + 1; /* A row says there is more above. */
}

/* Scroll within h rows. */
void
pane_scroll(struct pane *p, long delta, int h)
{
	long s = (long)p->scroll + delta, max = (long)pane_max_scroll(p, h);

	if (s > max)
		s = max;
	if (s < 0)
		s = 0;
	p->scroll = (size_t)s;
}

/* Scroll with the moving keys. */
int
pane_scroll_key(struct pane *p, const struct keys *k, int key, int h)
{
	long page = h > 4 ? h - 3 : 1;

	switch (key) {
	case KEYS_FN | KEY_UP:
		pane_scroll(p, -1, h);
		return 1;
	case KEYS_FN | KEY_DOWN:
		pane_scroll(p, 1, h);
		return 1;
	case KEYS_FN | KEY_PPAGE:
		pane_scroll(p, -page, h);
		return 1;
	case KEYS_FN | KEY_NPAGE:
		pane_scroll(p, page, h);
		return 1;
	case KEYS_FN | KEY_HOME:
		pane_scroll(p, -(long)p->n, h);
		return 1;
	case KEYS_FN | KEY_END:
		pane_scroll(p, (long)p->n, h);
		return 1;
	}
	switch (keys_lookup(k, key)) {
	case KA_UP:
		pane_scroll(p, -1, h);
		return 1;
	case KA_DOWN:
		pane_scroll(p, 1, h);
		return 1;
	case KA_PAGE_UP:
		pane_scroll(p, -page, h);
		return 1;
	case KA_PAGE_DOWN:
		pane_scroll(p, page, h);
		return 1;
	case KA_HOME:
		pane_scroll(p, -(long)p->n, h);
		return 1;
	case KA_END:
		pane_scroll(p, (long)p->n, h);
		return 1;
	default:
		return 0;
	}
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

/* Draw the pane into rows y..y+h; the row of the highlighted line. */
int
pane_draw(WINDOW *win, struct pane *p, int y, int h, int w, int plain)
{
	char title[256], more[64];
	size_t i, count;
	int row, above, below, at = -1;
	unsigned long a;

	if (h <= 0)
		return -1;
	if (p->scroll > pane_max_scroll(p, h))
		p->scroll = pane_max_scroll(p, h);
	/* Bring the highlighted line into view. */
	if (p->sel >= 0 && (size_t)p->sel < p->n) {
		if ((size_t)p->sel < p->scroll)
			p->scroll = (size_t)p->sel;
		for (;;) {
			pane_window(p, h, p->scroll, &above, &count, &below);
			if ((size_t)p->sel < p->scroll + count ||
			    p->scroll >= pane_max_scroll(p, h))
				break;
			p->scroll++;
		}
	}
	pane_window(p, h, p->scroll, &above, &count, &below);
	if (p->where && count < p->n)
		snprintf(title, sizeof title, "%s %s  [%zu-%zu of %zu]",
		    plain ? "==" : "\xe2\x95\x90\xe2\x95\x90", p->title,
		    p->scroll + 1, p->scroll + count, p->n);
	else
		snprintf(title, sizeof title, "%s %s",
		    plain ? "==" : "\xe2\x95\x90\xe2\x95\x90", p->title);
	grid_put(win, y, 0, w, title, theme_attr(ROLE_GROUP));
	row = 1;
	if (above) {
		snprintf(more, sizeof more, "  %s %zu more above",
		    plain ? "^" : "\xe2\x86\x91", p->scroll);
		grid_put(win, y + row++, 0, w, more, theme_attr(ROLE_GROUP));
	}
	for (i = p->scroll; i < p->scroll + count; i++) {
		a = theme_attr(ROLE_DEFAULT);
		if ((long)i == p->sel) {
			a = theme_attr(ROLE_SELECTION);
			at = y + row;
		}
		if (p->roles != NULL && p->roles[i] != NULL &&
		    (long)i != p->sel)
			pane_draw_line(win, y + row++, 0, w, p->lines[i],
			    p->roles[i]);
		else
			grid_put(win, y + row++, 0, w, p->lines[i], a);
	}
	if (below) {
		snprintf(more, sizeof more, "  %s %zu more below",
		    plain ? "v" : "\xe2\x86\x93", p->n - p->scroll - count);
		grid_put(win, y + row++, 0, w, more, theme_attr(ROLE_GROUP));
	}
	for (; row < h; row++)
		grid_put(win, y + row, 0, w, "", theme_attr(ROLE_DEFAULT));
	return at;
}
