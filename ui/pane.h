/*
 * Panes drawn over the grid: help, details, the message log and menus. A
 * pane is a list of lines already sanitised; it is drawn into the grid's
 * rows so that curses sends only what differs. UI thread only.
 */
#ifndef PANE_H
#define PANE_H

#include <curses.h>
#include <stddef.h>

struct keys;

struct pane {
	char *title;
	char **lines;
	unsigned char **roles; /* By line: a theme role a byte, or NULL. */
	size_t n;
	size_t scroll; /* First line shown. */
	long sel;      /* Highlighted line (menus), -1 for none. */
	int where;     /* Say in the title which lines are shown. */
};

void pane_init(struct pane *, const char *title);
void pane_done(struct pane *);
void pane_clear(struct pane *);
void pane_add(struct pane *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Add a line drawn in colours: roles holds the theme role of each byte of
 * text (the caller has sanitised it).
 */
void pane_add_roles(struct pane *, const char *text,
    const unsigned char *roles);
/* Draw such a line at y, x in w cells. */
void pane_draw_line(WINDOW *, int y, int x, int w, const char *text,
    const unsigned char *roles);
/*
 * Draw the pane in rows y..y+h of width w: the title, then the lines from
 * the scroll position, with a row that says how many more lines there are
 * above or below when they do not all fit. The highlighted line is
 * scrolled into view; returns its row, or -1.
 */
int pane_draw(WINDOW *, struct pane *, int y, int h, int w, int plain);
/* Scroll by delta lines within h rows. */
void pane_scroll(struct pane *, long delta, int h);
/*
 * A key that scrolls a pane of h rows: the key map's up, down, page_up,
 * page_down, home and end, and the arrow and page keys themselves.
 * Returns 1 when the key was one of them.
 */
int pane_scroll_key(struct pane *, const struct keys *, int key, int h);

/* What a key does in a pane used as a menu. */
enum pane_key {
	PANE_KEY_MOVED, /* Up, Down, k or j moved the highlight. */
	PANE_KEY_ENTER, /* Enter chose the highlighted line. */
	PANE_KEY_DIGIT, /* A digit chose a line by its number. */
	PANE_KEY_OTHER  /* Any other key, which closes the menu. */
};
enum pane_key pane_key(struct pane *, int key);

#endif
