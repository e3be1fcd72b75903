/*
 * The grid: where the columns go for a given width, what each cell says,
 * and drawing the counts line, the headings and the people into a window.
 * Every string drawn is fitted to its cells by display width, so CJK, emoji
 * and combining characters never move a column. UI thread only.
 */
#include "config.h"

#include "grid.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "text.h"
#include "theme.h"
#include "xmalloc.h"

/*
 * How a column is laid out. Each column first gets its minimum, then its
 * comfortable width, then (space allowing) its ideal one, in the order of
 * grow, so that at 80 columns the status message gets room before the
 * name's padding does. The availability is its glyph alone until there
 * is room for its word too (GRID_AVAIL_WORDS).
 */
static const struct {
	int min;      /* Narrowest useful width. */
	int want;     /* Comfortable width. */
	int ideal;    /* Wanted width. */
	int flex;     /* Takes any space left. */
	int priority; /* Lower is kept longer when narrow. */
	int grow;     /* Lower grows to its ideal width first. */
} grid_specs[COL__COUNT] = {
	{ 2, 2, 17, 0, 0, 4 },   /* availability: glyph, word, sort mark */
	{ 8, 12, 17, 0, 3, 1 },  /* activity: "DoNotDisturb" */
	{ 12, 18, 24, 1, 1, 2 }, /* name */
	{ 8, 24, 30, 1, 4, 0 },  /* status */
	{ 3, 3, 3, 0, 5, 5 },    /* ooo */
	{ 7, 7, 7, 0, 6, 6 },    /* location: "timeOff", "unknown", "office" */
	{ 5, 6, 6, 0, 2, 3 },    /* since */
	{ 10, 20, 28, 1, 8, 8 }, /* upn */
	{ 10, 20, 28, 1, 9, 9 }, /* mail */
	{ 6, 12, 16, 1, 7, 7 },  /* department */
};

/* The availability column with its word: "? PresenceUnknown". Cells. */
#define GRID_AVAIL_WORDS 17

/* Grow the columns kept towards a width (0 want, 1 ideal), in an order. */
static void
grid_grow(const enum view_col *cols, size_t n, const int *keep, int *w,
    int *extra, int ideal)
{
	int rank, i, x, to;

	for (rank = 0; rank<COL__COUNT && * extra> 0; rank++) {
		for (i = 0; i<(int)n && * extra> 0; i++) {
			if (!keep[i] ||
			    (ideal ? grid_specs[cols[i]].grow
			           : grid_specs[cols[i]].priority) != rank)
				continue;
			to = ideal ? grid_specs[cols[i]].ideal
			           : grid_specs[cols[i]].want;
			/* The availability's word comes whole or not at all. */
			if (ideal && cols[i] == COL_AVAILABILITY &&
			    w[i] < GRID_AVAIL_WORDS)
				continue;
			x = to - w[i];
			if (x > *extra)
				x = *extra;
			if (x > 0) {
				w[i] += x;
				*extra -= x;
			}
		}
	}
}

/* Place the columns in width cells. */
size_t
grid_layout(const enum view_col *cols, size_t n, int width,
    struct grid_col *out)
{
	int keep[COL__COUNT], w[COL__COUNT], total, extra, worst, i, k;
	int last_flex = -1, x;
	size_t placed = 0;

	if (n > COL__COUNT)
		n = COL__COUNT;
	for (i = 0; i < (int)n; i++) {
		keep[i] = 1;
		w[i] = grid_specs[cols[i]].min;
	}
	/* Drop the least important columns until the minimums fit. */
	for (;;) {
		total = -1;
		for (i = 0; i < (int)n; i++) {
			if (keep[i])
				total += w[i] + 1;
		}
		if (total <= width)
			break;
		worst = -1;
		for (i = 0; i < (int)n; i++) {
			if (keep[i] &&
			    (worst == -1 ||
			        grid_specs[cols[i]].priority >
			            grid_specs[cols[worst]].priority))
				worst = i;
		}
		if (worst == -1)
			break;
		keep[worst] = 0;
		k = 0;
		for (i = 0; i < (int)n; i++)
			k += keep[i];
		if (k == 0)
			break;
	}
	extra = width - total;
	/* Every column to its comfortable width, most important first. */
	grid_grow(cols, n, keep, w, &extra, 0);
	/* Then the availability's word, if it fits whole. */
	for (i = 0; i < (int)n; i++) {
		if (keep[i] && cols[i] == COL_AVAILABILITY &&
		    w[i] < GRID_AVAIL_WORDS &&
		    extra >= GRID_AVAIL_WORDS - w[i]) {
			extra -= GRID_AVAIL_WORDS - w[i];
			w[i] = GRID_AVAIL_WORDS;
		}
	}
	/* Then to their ideal width, the status message first. */
	grid_grow(cols, n, keep, w, &extra, 1);
	for (i = 0; i < (int)n; i++) {
		if (keep[i] && grid_specs[cols[i]].flex)
			last_flex = i;
	}
	if (extra > 0 && last_flex != -1)
		w[last_flex] += extra;
	x = 0;
	for (i = 0; i < (int)n; i++) {
		if (!keep[i] || total > width)
			continue;
		out[placed].col = cols[i];
		out[placed].x = x;
		out[placed].w = w[i];
		x += w[i] + 1;
		placed++;
	}
	if (placed > 0 && out[placed - 1].x + out[placed - 1].w > width)
		out[placed - 1].w = width - out[placed - 1].x;
	return placed;
}

/* The column at cell x, or -1. */
int
grid_col_at(const struct grid_col *cols, size_t ncols, int x)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		if (x >= cols[i].x && x <= cols[i].x + cols[i].w)
			return (int)cols[i].col;
	}
	return -1;
}

/* Does a status message have an expiry worth marking (not year 9999)? */
static int
grid_has_expiry(const struct presence *p)
{
	return p->status_expiry != NULL && *p->status_expiry != '\0' &&
	    strncmp(p->status_expiry, "9999", 4) != 0;
}

/*
 * What the time column says when teamtop did not see the change: a lower
 * bound, the time since it first saw the availability, in steps. Every
 * such row starts when teamtop does, so whole minutes would rewrite them
 * all at once every minute.
 */
static const struct {
	long from; /* Seconds. */
	const char *text;
} grid_bounds[] = {
	{ 0, ">0m" },
	{ 60, ">1m" },
	{ 300, ">5m" },
	{ 900, ">15m" },
	{ 1800, ">30m" },
	{ 3600, ">1h" },
	{ 7200, ">2h" },
	{ 14400, ">4h" },
	{ 28800, ">8h" },
	{ 86400, ">1d" },
	{ 172800, ">2d" },
	{ 604800, ">1w" },
};

/* The lower bound to show for seconds in an availability not seen begin. */
static const char *
grid_bound(long seconds)
{
	size_t i, n = sizeof grid_bounds / sizeof grid_bounds[0];

	for (i = n - 1; i > 0 && seconds < grid_bounds[i].from; i--)
		;
	return grid_bounds[i].text;
}

/* The text of one cell of a person. */
void
grid_cell(const struct store_row *r, enum view_col col, time_t now,
    const struct grid_opts *o, char *buf, size_t len)
{
	char d[DURATION_BUFSIZE];
	const char *field;

	*buf = '\0';
	switch (col) {
	case COL_AVAILABILITY:
		if (!r->have_presence)
			snprintf(buf, len, "%s",
			    o->ascii ? "..." : "\xe2\x80\xa6");
		else
			snprintf(buf, len, "%s", r->d_availability);
		break;
	case COL_STATUS:
		if (*r->d_status != '\0' && grid_has_expiry(&r->presence))
			snprintf(buf, len, "%s %s",
			    o->ascii ? "@" : "\xe2\x97\xb7", r->d_status);
		else
			snprintf(buf, len, "%s", r->d_status);
		break;
	case COL_OOO:
		if (r->presence.is_ooo)
			snprintf(buf, len, "OOF");
		break;
	case COL_LOCATION:
		if (strcmp(r->d_location, "unspecified") != 0)
			snprintf(buf, len, "%s", r->d_location);
		break;
	case COL_SINCE:
		/* Whole minutes: a row changes once a minute at most. */
		if (r->have_presence && !r->since_seen)
			snprintf(buf, len, "%s",
			    grid_bound((long)(now - r->since)));
		else if (r->have_presence) {
			duration_format_minutes((long)(now - r->since), d,
			    sizeof d);
			snprintf(buf, len, "%s", d);
		}
		break;
	default:
		if ((field = view_col_field(r, col)) != NULL)
			snprintf(buf, len, "%s", field);
		break;
	}
}

/* Whether to fit text with ASCII only (not a UTF-8 terminal). */
static int grid_ascii;
/* Whether to cut text with "..." (--plain). */
static int grid_plain;

/* Fit text with ASCII only from now on. */
void
grid_set_ascii(int ascii)
{
	grid_ascii = ascii;
}

/* Cut text with "..." from now on. */
void
grid_set_plain(int plain)
{
	grid_plain = plain;
}

/* The text_fit_flags flags of the terminal. */
static int
grid_fit_flags(void)
{
	if (grid_ascii)
		return TEXT_ASCII;
	return grid_plain ? TEXT_DOTS : 0;
}

/* Draw text fitted to exactly w cells. */
void
grid_put(WINDOW *win, int y, int x, int w, const char *s, unsigned long attrs)
{
	char *fit;

	if (w <= 0)
		return;
	fit = text_fit_flags(s, w, grid_fit_flags());
	wattrset(win, (int)attrs);
	mvwaddstr(win, y, x, fit);
	wattrset(win, A_NORMAL);
	free(fit);
}

/* The theme role of an availability category. */
enum theme_role
grid_role(int avail)
{
	switch (avail) {
	case AVAIL_AVAILABLE:
		return ROLE_AVAILABLE;
	case AVAIL_BUSY:
		return ROLE_BUSY;
	case AVAIL_DND:
		return ROLE_DND;
	case AVAIL_BRB:
		return ROLE_BRB;
	case AVAIL_AWAY:
		return ROLE_AWAY;
	case AVAIL_OFFLINE:
		return ROLE_OFFLINE;
	default:
		return ROLE_UNKNOWN;
	}
}

/* The labels of the counts line: full, then short. */
static const char *grid_labels[2][AVAIL__COUNT] = {
	{ "Available", "Busy", "DND", "BRB", "Away", "Offline", "Unknown" },
	{ "Avail", "Busy", "DND", "BRB", "Away", "Off", "Unk" },
};

/*
 * The ways of writing the counts line, the roomiest first; the first that
 * fits is used. What goes first: the availabilities that have nobody, the
 * space after each count, the long labels, the title, and the labels last
 * of all: every availability that has people is always counted.
 */
static const struct grid_counts_fmt {
	int label; /* 0 full, 1 short, -1 none. */
	int empty; /* Show the availabilities that have nobody. */
	int pad;   /* A space after each count. */
	int title; /* Start with " teamtop ". */
} grid_counts_fmts[] = {
	{ 0, 1, 1, 1 },
	{ 0, 0, 1, 1 },
	{ 0, 0, 0, 1 },
	{ 1, 0, 0, 1 },
	{ 1, 0, 0, 0 },
	{ -1, 0, 0, 1 },
	{ -1, 0, 0, 0 },
};

/* The title at the start of the counts line. */
static const char grid_title[] = " teamtop ";

/* The text of availability i on the counts line, or "" when not shown. */
static void
grid_count_text(char *buf, size_t len, const struct view *v, int i,
    const struct grid_counts_fmt *f, int ascii)
{
	const char *glyph = theme_glyph(grid_role(i), ascii);

	*buf = '\0';
	if (!view_shows(v, i) ||
	    (!f->empty && v->counts[i] == 0 && !view_chosen(v, i)))
		return;
	if (f->label == -1)
		snprintf(buf, len, " %s %zu%s", glyph, v->counts[i],
		    f->pad ? " " : "");
	else
		snprintf(buf, len, " %s %s %zu%s", glyph,
		    grid_labels[f->label][i], v->counts[i], f->pad ? " " : "");
}

/* The tagged count at the end of the counts line, or "" for none. */
static void
grid_tagged_text(char *buf, size_t len, size_t tagged,
    const struct grid_counts_fmt *f, int ascii)
{
	*buf = '\0';
	if (tagged == 0)
		return;
	snprintf(buf, len, "  %s %zu%s ", theme_glyph(ROLE_TAGGED, ascii),
	    tagged, f->label == -1 ? "" : " tagged");
}

/* The first way of writing the counts line that fits in width. */
static const struct grid_counts_fmt *
grid_counts_fmt(int width, const struct view *v, size_t tagged, int ascii)
{
	const struct grid_counts_fmt *f = NULL;
	char buf[96];
	size_t k, n = sizeof grid_counts_fmts / sizeof grid_counts_fmts[0];
	int i, w;

	for (k = 0; k < n; k++) {
		f = &grid_counts_fmts[k];
		grid_tagged_text(buf, sizeof buf, tagged, f, ascii);
		w = text_width(buf);
		w += f->title ? (int)strlen(grid_title) : 0;
		for (i = 0; i < AVAIL__COUNT; i++) {
			grid_count_text(buf, sizeof buf, v, i, f, ascii);
			w += text_width(buf);
		}
		if (w <= width)
			break;
	}
	return f;
}

/* Draw the counts per availability, and how many are tagged. */
void
grid_draw_counts(WINDOW *win, int y, int width, const struct view *v,
    size_t tagged, const struct grid_opts *o)
{
	const struct grid_counts_fmt *f;
	char buf[96];
	int x = 0, i, w;
	enum theme_role role;

	f = grid_counts_fmt(width, v, tagged, o->ascii);
	if (f->title) {
		x = (int)strlen(grid_title);
		if (x > width)
			x = width;
		grid_put(win, y, 0, x, grid_title, theme_attr(ROLE_TITLE));
	}
	for (i = 0; i < AVAIL__COUNT && x < width; i++) {
		grid_count_text(buf, sizeof buf, v, i, f, o->ascii);
		if (*buf == '\0')
			continue;
		role = grid_role(i);
		w = text_width(buf);
		if (x + w > width)
			w = width - x;
		grid_put(win, y, x, w, buf,
		    theme_attr(role) |
		        (view_chosen(v, i) ? (unsigned long)A_REVERSE : 0));
		x += w;
	}
	grid_tagged_text(buf, sizeof buf, tagged, f, o->ascii);
	if (*buf != '\0' && x < width) {
		w = text_width(buf);
		if (x + w > width)
			w = width - x;
		grid_put(win, y, x, w, buf, theme_attr(ROLE_TAGGED));
		x += w;
	}
	if (x < width)
		grid_put(win, y, x, width - x, "", theme_attr(ROLE_TITLE));
}

/* Draw the column headings, marking the sort column. */
void
grid_draw_headings(WINDOW *win, int y, const struct grid_col *cols,
    size_t ncols, int width, const struct view *v, const struct grid_opts *o)
{
	char buf[64], *fit;
	const char *mark;
	size_t i;
	int x = 0;

	for (i = 0; i < ncols; i++) {
		if (cols[i].x > x)
			grid_put(win, y, x, cols[i].x - x, "",
			    theme_attr(ROLE_HEADER));
		mark = "";
		if (cols[i].col == v->sort) {
			if (o->ascii)
				mark = v->reverse ? "v" : "^";
			else
				mark = v->reverse ? "\xe2\x96\xbc"
				                  : "\xe2\x96\xb2";
		}
		if (cols[i].col == COL_AVAILABILITY &&
		    cols[i].w < GRID_AVAIL_WORDS)
			*buf = '\0'; /* The glyphs alone: see the help. */
		else
			snprintf(buf, sizeof buf, "%s%s",
			    cols[i].col == COL_AVAILABILITY ? "  " : "",
			    view_col_heading(cols[i].col));
		if (*mark != '\0' && cols[i].w > 1) {
			/* Keep the sort mark: cut the heading, not the mark. */
			if (text_width(buf) + 1 > cols[i].w) {
				fit = text_fit_flags(buf, cols[i].w - 1,
				    TEXT_NOPAD | grid_fit_flags());
				snprintf(buf, sizeof buf, "%s", fit);
				free(fit);
			}
			strncat(buf, mark, sizeof buf - strlen(buf) - 1);
		}
		grid_put(win, y, cols[i].x, cols[i].w, buf,
		    theme_attr(ROLE_HEADER));
		x = cols[i].x + cols[i].w;
	}
	if (x < width)
		grid_put(win, y, x, width - x, "", theme_attr(ROLE_HEADER));
}

/* The mark of a person watched (w), before the name. */
#define GRID_WATCH "\xe2\x97\x8e" /* U+25CE bullseye */
#define GRID_WATCH_ASCII "o"

/*
 * A cell with teamtop's marks, allocated: the tagged glyph before a tagged
 * person's name, then the watch glyph before a watched one's, and before
 * the status message what teamtop set there ("[S 17:00]").
 */
static char *
grid_mark_cell(enum view_col col, const struct grid_marks *m,
    const struct grid_opts *o, const char *text)
{
	char *cell;

	if (m != NULL && col == COL_NAME && (m->tagged || m->watched))
		xasprintf(&cell, "%s%s%s%s%s",
		    m->tagged ? theme_glyph(ROLE_TAGGED, o->ascii) : "",
		    m->tagged ? " " : "",
		    m->watched ? (o->ascii ? GRID_WATCH_ASCII : GRID_WATCH)
		               : "",
		    m->watched ? " " : "", text);
	else if (m != NULL && col == COL_STATUS && m->set != NULL &&
	    *m->set != '\0')
		xasprintf(&cell, "[%s]%s%s", m->set, *text != '\0' ? " " : "",
		    text);
	else
		cell = xstrdup(text);
	return cell;
}

/*
 * Does the activity only repeat the availability (Busy, Busy), which the
 * availability column already shows?
 */
static int
grid_activity_repeats(const struct store_row *r, const struct grid_col *cols,
    size_t ncols)
{
	size_t i;

	if (!r->have_presence || strcmp(r->d_activity, r->d_availability) != 0)
		return 0;
	for (i = 0; i < ncols; i++) {
		if (cols[i].col == COL_AVAILABILITY)
			return 1;
	}
	return 0;
}

/* Draw one line: a person or a group heading. */
void
grid_draw_line(WINDOW *win, int y, const struct grid_col *cols, size_t ncols,
    int width, const struct snapshot *s, const struct view_line *l,
    int selected, time_t now, const struct grid_marks *m,
    const struct grid_opts *o)
{
	const struct store_row *r;
	char buf[1024], head[512], *cell;
	unsigned long base, a, flash;
	enum theme_role role;
	const char *glyph;
	size_t i;
	int x = 0, gw;

	if (l == NULL) {
		grid_put(win, y, 0, width, "", theme_attr(ROLE_DEFAULT));
		return;
	}
	if (l->heading) {
		snprintf(head, sizeof head, "%s %s (%zu) ",
		    o->plain || o->ascii ? "--" : "\xe2\x94\x80\xe2\x94\x80",
		    l->label, l->count);
		a = theme_attr(ROLE_GROUP);
		if (selected)
			a |= A_REVERSE;
		grid_put(win, y, 0, width, head, a);
		return;
	}
	r = s->rows[l->row];
	base = theme_attr(selected       ? ROLE_SELECTION
	        : m != NULL && m->tagged ? ROLE_TAGGED
	                                 : ROLE_DEFAULT);
	role = r->have_presence ? grid_role(r->avail) : ROLE_UNKNOWN;
	flash = m != NULL && m->flash ? A_REVERSE : 0;
	base ^= flash;
	for (i = 0; i < ncols; i++) {
		if (cols[i].x > x)
			grid_put(win, y, x, cols[i].x - x, "", base);
		grid_cell(r, cols[i].col, now, o, buf, sizeof buf);
		if (cols[i].col == COL_ACTIVITY &&
		    grid_activity_repeats(r, cols, ncols))
			*buf = '\0';
		a = base;
		if (cols[i].col == COL_AVAILABILITY) {
			a = (theme_attr(role) | (selected ? A_REVERSE : 0)) ^
			    flash;
			glyph = theme_glyph(role, o->ascii);
			gw = text_width(glyph);
			if (gw < 1 || gw > 2)
				glyph = "?";
			grid_put(win, y, cols[i].x, 2, glyph, a);
			grid_put(win, y, cols[i].x + 2, cols[i].w - 2, buf, a);
		} else {
			if (cols[i].col == COL_OOO && !selected &&
			    r->presence.is_ooo)
				a = theme_attr(ROLE_MARK) ^ flash;
			cell = grid_mark_cell(cols[i].col, m, o, buf);
			grid_put(win, y, cols[i].x, cols[i].w, cell, a);
			free(cell);
		}
		x = cols[i].x + cols[i].w;
	}
	if (x < width)
		grid_put(win, y, x, width - x, "", base);
}
