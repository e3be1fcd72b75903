/*
 * Drawing a form of widgets (widget.h) into rows of a window. UI thread
 * only.
 */
#ifndef WIDGET_DRAW_H
#define WIDGET_DRAW_H

#include <curses.h>

struct widget_form;

/*
 * Draw the form in rows y..y+h of width w, every cell of them: the title,
 * each field with its label, its options or its text and what it says
 * beside its value, then the form's lines, wrapped. When the options in
 * full take more rows than there are, each field takes one row with its
 * choice alone. ascii draws with ASCII marks only. *cy and *cx are set to
 * where the terminal's cursor goes: the focused value.
 */
void widget_draw(WINDOW *, struct widget_form *, int y, int h, int w, int ascii,
    int *cy, int *cx);

/* The rows the form takes at width w, in full (compact 0) or compact. */
int widget_draw_rows(struct widget_form *, int w, int compact);

#endif
