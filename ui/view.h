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

/* The availabilities of "everyone but Offline", as view.avails. */
#define VIEW_ALL_BUT_OFFLINE                                                   \
	(((1u << AVAIL__COUNT) - 1) & ~(1u << AVAIL_OFFLINE))

struct view_saved;
struct view_words;
struct haystack;

struct view {
	/* The filter: bit 1 << enum avail for each shown; 0 for every one. */
	unsigned avails;
	char *department; /* Only this department (sanitised); NULL: all. */
	char search[256]; /* As typed; "" for none. */
	char *fold;       /* The search folded (text_fold); NULL for none. */
	enum view_col sort;
	int reverse;
	enum view_group group;

	struct view_line *lines;
	size_t n;
	size_t cap;
	/* People per availability, in the department filtered on. */
	size_t counts[AVAIL__COUNT];
	size_t people; /* People shown. */

	/*
	 * Kept from one build to the next, so that a refresh re-sorts only
	 * the people who moved and a search that extends the last one looks
	 * only at whom that one found (view.c).
	 */
	struct snapshot *sorted; /* The snapshot order is of (a reference). */
	size_t *order;           /* Its rows, sorted. */
	enum view_col sorted_sort;
	int sorted_reverse;
	enum view_group sorted_group;
	size_t *match;    /* The rows shown, in order; people of them. */
	char *match_fold; /* The search match was made with; NULL none. */
	int match_valid;  /* 0 when the filter changed since. */
	/* What the shorter searches typed before found, for erasing. */
	struct view_saved *saved;
	size_t nsaved;
	/* Whether the search is in each department and job title pair. */
	struct view_words *words;
	struct haystack *hay; /* While there is or may be a search. */
};

/* A department and its people, for the filter menu. */
struct view_department {
	const char *name; /* Sanitised, owned by the snapshot; "" for none. */
	size_t count;
};

void view_init(struct view *);
void view_done(struct view *);
/* Rebuild the lines from a snapshot: O(n log n). */
void view_build(struct view *, const struct snapshot *);
/* The line showing this user id, or -1. */
long view_find(const struct view *, const struct snapshot *, const char *id);
/* Set the search text, folded here for matching. */
void view_set_search(struct view *, const char *);
/*
 * A search is about to be typed: lay out what it looks in now, so that
 * its first key does not. view_search_done gives that back when there is
 * no search left.
 */
void view_search_ready(struct view *, const struct snapshot *);
void view_search_done(struct view *);
/*
 * Show only the availabilities in avails (0 for every one) and, unless
 * department is NULL, only that department's people ("" for those with
 * none). Rebuild to see it.
 */
void view_set_filter(struct view *, unsigned avails, const char *department);
/* Does the filter let an availability through? */
int view_shows(const struct view *, int avail);
/* Was an availability chosen by name (not shown only for want of one)? */
int view_chosen(const struct view *, int avail);
/* Is anything filtered out? */
int view_filtered(const struct view *);
/*
 * The filter in words for the status bar ("Available only", "Available +
 * Away only", "everyone but Offline", "in Sales"); "" when none.
 */
void view_filter_words(const struct view *, char *buf, size_t len);
/*
 * The departments of a snapshot with their people, in the locale's order
 * (those with none last, as ""). *out is allocated; returns how many.
 */
size_t view_departments(const struct snapshot *, struct view_department **out);

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
