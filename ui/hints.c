/*
 * The hint bar. In the grid it shows the most useful actions of the key
 * map with the keys bound to them, so that a rebinding shows; when the
 * terminal is narrow the least useful go first, whole, so that the bar
 * never wraps or is cut in the middle of a hint. While a search, form,
 * menu or pane is open it shows the keys that one takes. UI thread only.
 */
#include "config.h"

#include "hints.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "cfg.h"
#include "text.h"
#include "ui_int.h"

/* The grid's hints, in the bar's order; lower rank is kept longer. */
static const struct {
	enum keys_action action;
	const char *label;
	int rank;
} hints_table[] = {
	{ KA_HELP, "Help", 0 },
	{ KA_SEARCH, "Search", 1 },
	{ KA_FILTER_MENU, "Filter", 3 },
	{ KA_SORT, "Sort", 4 },
	{ KA_DETAILS, "Details", 5 },
	{ KA_SET_PRESENCE, "Set", 2 },
	{ KA_STATUS_MESSAGE, "Message", 6 },
	{ KA_TAG, "Tag", 7 },
	{ KA_COPY, "Copy", 9 },
	{ KA_COLUMNS, "Columns", 10 },
	{ KA_MESSAGES, "Log", 8 },
	{ KA_QUIT, "Quit", 0 },
};
#define HINTS_N (sizeof hints_table / sizeof hints_table[0])
_Static_assert(HINTS_N <= HINTS_MAX, "hints_table is longer than HINTS_MAX");

/* The hints of the other modes: their keys are fixed. */
static const struct {
	enum ui_mode mode;
	const char *key;
	const char *label;
} hints_modes[] = {
	{ MODE_SEARCH, "Enter", "Keep" },
	{ MODE_SEARCH, "Esc", "Drop" },
	{ MODE_HELP, "\xe2\x86\x91\xe2\x86\x93 PgUp PgDn", "Scroll" },
	{ MODE_HELP, "q Esc", "Close" },
	{ MODE_DETAILS, "\xe2\x86\x91\xe2\x86\x93 PgUp PgDn", "Scroll" },
	{ MODE_DETAILS, "r", "Read again" },
	{ MODE_DETAILS, "Esc", "Close" },
	{ MODE_LOG, "\xe2\x86\x91\xe2\x86\x93 PgUp PgDn", "Scroll" },
	{ MODE_LOG, "q Esc", "Close" },
	{ MODE_MENU_SORT, "\xe2\x86\x91\xe2\x86\x93 0-9", "Choose" },
	{ MODE_MENU_SORT, "Enter", "Sort" },
	{ MODE_MENU_SORT, "Esc", "Cancel" },
	{ MODE_MENU_FILTER, "\xe2\x86\x91\xe2\x86\x93", "Move" },
	{ MODE_MENU_FILTER, "Space 0-9", "Tick" },
	{ MODE_MENU_FILTER, "Enter", "Keep" },
	{ MODE_MENU_FILTER, "Esc", "Undo" },
	{ MODE_COLUMNS, "Space", "Show/hide" },
	{ MODE_COLUMNS, "- +", "Move" },
	{ MODE_COLUMNS, "Enter", "Keep" },
	{ MODE_COLUMNS, "Esc", "Undo" },
	{ MODE_FORM, "Tab", "Next field" },
	{ MODE_FORM, "Enter", "Send" },
	{ MODE_FORM, "Esc", "Cancel" },
	{ MODE_CONFIRM, "y", "Send" },
	{ MODE_CONFIRM, "n Esc", "Back" },
	{ MODE_HOLDS, "r", "Release" },
	{ MODE_HOLDS, "s", "Stop holding" },
	{ MODE_HOLDS, "Esc", "Close" },
};

/* The width of a bar: " KEY Label  KEY Label". */
int
hints_width(const struct hints_item *h, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w += (i == 0 ? 1 : 2) + text_width(h[i].key) + 1 +
		    text_width(h[i].label);
	return w;
}

/* The grid's hints that fit. */
size_t
hints_grid(const struct keys *k, int width, struct hints_item *out)
{
	char keys[HINTS_N][sizeof out->key];
	int keep[HINTS_N], worst;
	size_t i, n;

	for (i = 0; i < HINTS_N; i++) {
		keys_first(k, hints_table[i].action, keys[i], sizeof keys[i]);
		keep[i] = keys[i][0] != '\0';
	}
	for (;;) {
		n = 0;
		for (i = 0; i < HINTS_N; i++) {
			if (!keep[i])
				continue;
			memcpy(out[n].key, keys[i], sizeof out[n].key);
			out[n++].label = hints_table[i].label;
		}
		if (n == 0 || hints_width(out, n) <= width)
			return n;
		worst = -1;
		for (i = 0; i < HINTS_N; i++) {
			if (keep[i] &&
			    (worst == -1 ||
			        hints_table[i].rank >= hints_table[worst].rank))
				worst = (int)i;
		}
		keep[worst] = 0;
	}
}

/* The hints of a mode other than the grid that fit. */
static size_t
hints_mode(enum ui_mode mode, int width, struct hints_item *out)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof hints_modes / sizeof hints_modes[0]; i++) {
		if (hints_modes[i].mode != mode || n == HINTS_MAX)
			continue;
		memcpy(out[n].key, hints_modes[i].key,
		    strlen(hints_modes[i].key) + 1);
		out[n].label = hints_modes[i].label;
		if (hints_width(out, n + 1) > width)
			break;
		n++;
	}
	return n;
}

/* Is the hint bar shown? */
int
hints_shown(const struct ui *ui)
{
	return ui->cfg != NULL && ui->cfg->hint_bar &&
	    ui->height >= HINTS_MIN_LINES;
}

/* Draw the hint bar above the status bar, if it is shown. */
void
hints_draw(struct ui *ui)
{
	struct hints_item h[HINTS_MAX];
	int y = ui->height - 2, x = 0, w;
	size_t i, n;

	if (!hints_shown(ui))
		return;
	if (ui->mode == MODE_GRID)
		n = hints_grid(&ui->keys, ui->width, h);
	else
		n = hints_mode(ui->mode, ui->width, h);
	for (i = 0; i < n; i++) {
		w = i == 0 ? 1 : 2;
		grid_put(stdscr, y, x, w, "", theme_attr(ROLE_HEADER));
		x += w;
		w = text_width(h[i].key);
		grid_put(stdscr, y, x, w, h[i].key, theme_attr(ROLE_TITLE));
		x += w;
		w = 1 + text_width(h[i].label);
		grid_put(stdscr, y, x, w, "", theme_attr(ROLE_HEADER));
		grid_put(stdscr, y, x + 1, w - 1, h[i].label,
		    theme_attr(ROLE_HEADER));
		x += w;
	}
	if (x < ui->width)
		grid_put(stdscr, y, x, ui->width - x, "",
		    theme_attr(ROLE_HEADER));
}

/*
 * A click on the hint bar at cell x, in the grid: the hint's key is typed,
 * as htop's function-key bar does. Returns 1 when x was on a hint.
 */
int
hints_click(struct ui *ui, int x)
{
	struct hints_item h[HINTS_MAX];
	size_t i, n;
	int at = 0, start, key;

	if (ui->mode != MODE_GRID)
		return 0;
	n = hints_grid(&ui->keys, ui->width, h);
	for (i = 0; i < n; i++) {
		at += i == 0 ? 1 : 2;
		start = at;
		at += text_width(h[i].key) + 1 + text_width(h[i].label);
		if (x < start || x >= at)
			continue;
		if ((key = keys_parse(h[i].key)) == -1)
			return 0;
		if (key & KEYS_FN)
			ungetch(key & ~KEYS_FN);
		else
			unget_wch((wchar_t)key);
		return 1;
	}
	return 0;
}
