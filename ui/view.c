/*
 * The view: filter, search, sort and group a snapshot into lines, over an
 * index array so that 5,000 people re-sort in O(n log n) with no copying.
 * UI thread only.
 */
#include "config.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "xmalloc.h"

/* The columns: configuration name and heading. */
static const struct {
	const char *name;
	const char *heading;
} view_cols[COL__COUNT] = {
	{ "availability", "AVAILABILITY" },
	{ "activity", "ACTIVITY" },
	{ "name", "NAME" },
	{ "status", "STATUS MESSAGE" },
	{ "ooo", "OOF" },
	{ "location", "WHERE" },
	{ "since", "FOR" },
	{ "upn", "UPN" },
	{ "mail", "MAIL" },
	{ "department", "DEPARTMENT" },
};

/* The groupings' names. */
static const char *view_groups[GROUP__COUNT] = {
	"none",
	"availability",
	"department",
};

/* The configuration name of a column. */
const char *
view_col_name(enum view_col c)
{
	return c < COL__COUNT ? view_cols[c].name : "?";
}

/* The heading of a column. */
const char *
view_col_heading(enum view_col c)
{
	return c < COL__COUNT ? view_cols[c].heading : "?";
}

/* The column with this name (a few aliases too), or -1. */
int
view_col_find(const char *name)
{
	int i;

	for (i = 0; i < COL__COUNT; i++) {
		if (strcasecmp(name, view_cols[i].name) == 0)
			return i;
	}
	if (strcasecmp(name, "message") == 0 ||
	    strcasecmp(name, "status_message") == 0)
		return COL_STATUS;
	if (strcasecmp(name, "out_of_office") == 0 ||
	    strcasecmp(name, "oof") == 0)
		return COL_OOO;
	if (strcasecmp(name, "work_location") == 0)
		return COL_LOCATION;
	if (strcasecmp(name, "time") == 0 || strcasecmp(name, "duration") == 0)
		return COL_SINCE;
	if (strcasecmp(name, "display_name") == 0)
		return COL_NAME;
	return -1;
}

/* The name of a grouping. */
const char *
view_group_name(enum view_group g)
{
	return g < GROUP__COUNT ? view_groups[g] : "?";
}

/* An empty view showing everyone by availability. */
void
view_init(struct view *v)
{
	memset(v, 0, sizeof *v);
	v->sort = COL_AVAILABILITY;
}

/* Free a view's lines, search and filter. */
void
view_done(struct view *v)
{
	free(v->lines);
	v->lines = NULL;
	v->n = v->cap = 0;
	free(v->fold);
	v->fold = NULL;
	free(v->department);
	v->department = NULL;
}

/* Set the search text, folded for matching. */
void
view_set_search(struct view *v, const char *s)
{
	snprintf(v->search, sizeof v->search, "%s", s);
	free(v->fold);
	v->fold = (*v->search == '\0') ? NULL : text_fold(v->search);
}

/* Set the filter: the availabilities and the department shown. */
void
view_set_filter(struct view *v, unsigned avails, const char *department)
{
	char *d = department != NULL ? xstrdup(department) : NULL;

	free(v->department);
	v->department = d;
	v->avails = avails & ((1u << AVAIL__COUNT) - 1);
}

/* Does the filter let an availability through? */
int
view_shows(const struct view *v, int avail)
{
	if (avail < 0 || avail >= AVAIL__COUNT)
		return v->avails == 0;
	return v->avails == 0 || (v->avails & (1u << avail)) != 0;
}

/* Was an availability chosen by the filter? */
int
view_chosen(const struct view *v, int avail)
{
	return v->avails != 0 && view_shows(v, avail);
}

/* Is anything filtered out? */
int
view_filtered(const struct view *v)
{
	return v->avails != 0 || v->department != NULL;
}

/* The filter in words; "" when none. */
void
view_filter_words(const struct view *v, char *buf, size_t len)
{
	size_t o = 0;
	int i, first = 1;

	*buf = '\0';
	if (len == 0)
		return;
	if (v->avails == VIEW_ALL_BUT_OFFLINE)
		o = (size_t)snprintf(buf, len, "everyone but %s",
		    presence_avail_name(AVAIL_OFFLINE));
	else if (v->avails != 0) {
		for (i = 0; i < AVAIL__COUNT && o < len; i++) {
			if (!(v->avails & (1u << i)))
				continue;
			o += (size_t)snprintf(buf + o, len - o, "%s%s",
			    first ? "" : " + ", presence_avail_name(i));
			first = 0;
		}
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, " only");
	}
	if (v->department != NULL && o < len)
		snprintf(buf + o, len - o, "%sin %s", o == 0 ? "" : ", ",
		    *v->department == '\0' ? "no department" : v->department);
}

/* Order two strings bytewise, for qsort. */
static int
view_cmp_name(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* Order departments in the locale's collation, the empty one last. */
static int
view_cmp_department(const void *pa, const void *pb)
{
	const struct view_department *a = pa, *b = pb;

	if (*a->name == '\0' || *b->name == '\0')
		return (*a->name == '\0') - (*b->name == '\0');
	return strcoll(a->name, b->name);
}

/* The departments of a snapshot with their people. */
size_t
view_departments(const struct snapshot *s, struct view_department **out)
{
	struct view_department *d;
	const char **names;
	size_t i, n = 0;

	names = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *names);
	for (i = 0; i < s->n; i++)
		names[i] = s->rows[i]->d_department;
	qsort(names, s->n, sizeof *names, view_cmp_name);
	d = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *d);
	for (i = 0; i < s->n; i++) {
		if (n > 0 && strcmp(d[n - 1].name, names[i]) == 0) {
			d[n - 1].count++;
			continue;
		}
		d[n].name = names[i];
		d[n++].count = 1;
	}
	free(names);
	qsort(d, n, sizeof *d, view_cmp_department);
	*out = d;
	return n;
}

/* What a sort compares with. */
struct view_ctx {
	const struct snapshot *s;
	const struct view *v;
};

/* Compare strings case-insensitively, empty ones last. */
static int
view_strcmp(const char *a, const char *b)
{
	if (*a == '\0' || *b == '\0')
		return (*a == '\0') - (*b == '\0');
	return strcasecmp(a, b);
}

/* Compare two rows by the group key. */
static int
view_cmp_group(const struct view *v, const struct store_row *a,
    const struct store_row *b)
{
	switch (v->group) {
	case GROUP_AVAILABILITY:
		return a->avail - b->avail;
	case GROUP_DEPARTMENT:
		return view_strcmp(a->d_department, b->d_department);
	default:
		return 0;
	}
}

/* The text of a row's field that a column shows, or NULL. */
const char *
view_col_field(const struct store_row *r, enum view_col col)
{
	switch (col) {
	case COL_ACTIVITY:
		return r->d_activity;
	case COL_NAME:
		return r->d_name;
	case COL_STATUS:
		return r->d_status;
	case COL_LOCATION:
		return r->d_location;
	case COL_UPN:
		return r->d_upn;
	case COL_MAIL:
		return r->d_mail;
	case COL_DEPARTMENT:
		return r->d_department;
	default:
		return NULL;
	}
}

/* Compare two rows by the sort column. */
static int
view_cmp_col(enum view_col col, const struct store_row *a,
    const struct store_row *b)
{
	int c;

	switch (col) {
	case COL_AVAILABILITY:
		if ((c = a->avail - b->avail) != 0)
			return c;
		return strcasecmp(a->d_availability, b->d_availability);
	case COL_NAME:
		return 0; /* The name breaks every tie. */
	case COL_OOO:
		return b->presence.is_ooo - a->presence.is_ooo;
	case COL_SINCE:
		/* Shortest time in the availability first. */
		if (a->have_presence != b->have_presence)
			return b->have_presence - a->have_presence;
		return (a->since < b->since) - (a->since > b->since);
	default:
		if (view_col_field(a, col) == NULL)
			return 0;
		return view_strcmp(view_col_field(a, col),
		    view_col_field(b, col));
	}
}

/* Order two row indices: group, sort column (maybe reversed), name, id. */
static int
view_cmp(const void *pa, const void *pb, void *arg)
{
	const struct view_ctx *ctx = arg;
	const struct store_row *a = ctx->s->rows[*(const size_t *)pa];
	const struct store_row *b = ctx->s->rows[*(const size_t *)pb];
	int c;

	if ((c = view_cmp_group(ctx->v, a, b)) != 0)
		return c;
	c = view_cmp_col(ctx->v->sort, a, b);
	if (c == 0)
		c = strcmp(a->collate, b->collate);
	if (c == 0)
		c = strcmp(a->d_name, b->d_name);
	if (c == 0)
		c = strcmp(a->id, b->id);
	return ctx->v->reverse ? -c : c;
}

/* Is a row in the department filtered on? */
static int
view_in_department(const struct view *v, const struct store_row *r)
{
	return v->department == NULL ||
	    strcmp(r->d_department, v->department) == 0;
}

/* Does a row in the department pass the availabilities and the search? */
static int
view_match(const struct view *v, const struct store_row *r)
{
	if (!view_shows(v, r->avail))
		return 0;
	if (v->fold != NULL && strstr(r->search, v->fold) == NULL)
		return 0;
	return 1;
}

/* Append a line. */
static struct view_line *
view_add(struct view *v)
{
	v->lines = xgrowarray(v->lines, v->n, &v->cap, sizeof *v->lines);
	memset(&v->lines[v->n], 0, sizeof v->lines[0]);
	return &v->lines[v->n++];
}

/* The heading label of a row's group. */
static const char *
view_group_label(const struct view *v, const struct store_row *r)
{
	if (v->group == GROUP_AVAILABILITY)
		return presence_avail_name(r->avail);
	if (*r->d_department == '\0')
		return "(no department)";
	return r->d_department;
}

/* Rebuild the lines of a view from a snapshot. */
void
view_build(struct view *v, const struct snapshot *s)
{
	struct view_ctx ctx = { s, v };
	struct view_line *l;
	const struct store_row *r, *prev = NULL;
	size_t *idx, n = 0, i, head = (size_t)-1;

	memset(v->counts, 0, sizeof v->counts);
	idx = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *idx);
	for (i = 0; i < s->n; i++) {
		r = s->rows[i];
		if (!view_in_department(v, r))
			continue;
		if (r->avail >= 0 && r->avail < AVAIL__COUNT)
			v->counts[r->avail]++;
		if (view_match(v, r))
			idx[n++] = i;
	}
	qsort_r(idx, n, sizeof *idx, view_cmp, &ctx);

	v->n = 0;
	v->people = n;
	for (i = 0; i < n; i++) {
		r = s->rows[idx[i]];
		if (v->group != GROUP_NONE &&
		    (prev == NULL || view_cmp_group(v, prev, r) != 0)) {
			/* An index: adding lines may move them. */
			head = v->n;
			l = view_add(v);
			l->heading = 1;
			l->label = view_group_label(v, r);
		}
		if (head != (size_t)-1)
			v->lines[head].count++;
		l = view_add(v);
		l->row = idx[i];
		prev = r;
	}
	free(idx);
}

/* The line showing this id, or -1. */
long
view_find(const struct view *v, const struct snapshot *s, const char *id)
{
	size_t i;

	if (id == NULL)
		return -1;
	for (i = 0; i < v->n; i++) {
		if (!v->lines[i].heading &&
		    strcmp(s->rows[v->lines[i].row]->id, id) == 0)
			return (long)i;
	}
	return -1;
}
