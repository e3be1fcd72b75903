/*
 * The view: which people of a snapshot are shown and in what order (the
 * filter, the search, the sort and the grouping), as an array of lines.
 * Pure, no curses; UI thread only.
 */
#ifndef VIEW_H
#define VIEW_H

#include <stddef.h>
#include <time.h>

#include "store.h"

/* The columns a grid can show. */
enum view_col {
	COL_AVAILABILITY,
	COL_ACTIVITY,
	COL_NAME,
	COL_STATUS,
	COL_OOO,
	COL_LOCATION,
	COL_SINCE,
	COL_UPN,
	COL_MAIL,
	COL_DEPARTMENT,
	COL__COUNT /* Must be last. */
};

enum view_group {
	GROUP_NONE,
	GROUP_AVAILABILITY,
	GROUP_DEPARTMENT,
	GROUP__COUNT /* Must be last. */
};

/* One line of the grid: a person, or a group heading. */
struct view_line {
	int heading;       /* 1 for a group heading. */
	size_t row;        /* Index in the snapshot (people). */
	const char *label; /* Heading text (group), owned by the snapshot. */
	size_t count;      /* People in the group (headings). */
};

struct view {
	int filter;       /* -1 for everyone, else an enum avail. */
	char search[256]; /* As typed; "" for none. */
	char *fold;       /* The search folded (text_fold); NULL for none. */
	enum view_col sort;
	int reverse;
	enum view_group group;

	struct view_line *lines;
	size_t n;
	size_t cap;
	size_t counts[AVAIL__COUNT]; /* Over the whole snapshot. */
	size_t people;               /* People shown. */
};

void view_init(struct view *);
void view_done(struct view *);
/* Rebuild the lines from a snapshot: O(n log n). */
void view_build(struct view *, const struct snapshot *);
/* The line showing this user id, or -1. */
long view_find(const struct view *, const struct snapshot *, const char *id);
/* Set the search text, folded here for matching. */
void view_set_search(struct view *, const char *);

/* Column names in the configuration, and headings. */
const char *view_col_name(enum view_col);
const char *view_col_heading(enum view_col);
int view_col_find(const char *);
/*
 * The text of the row's field that a column shows as it is (activity,
 * name, status, location, upn, mail, department), or NULL for the others.
 */
const char *view_col_field(const struct store_row *, enum view_col);
const char *view_group_name(enum view_group);

#endif
