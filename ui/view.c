/*
 * The view: filter, search, sort and group a snapshot into lines, over an
 * index array so that 5,000 people re-sort in O(n log n) with no copying.
 * UI thread only.
 */
#include "config.h"

#include "view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "haystack.h"
#include "text.h"
#include "xmalloc.h"

/* The searches kept while a search is typed, for erasing (each a match). */
#define VIEW_SAVED 16

/* What a shorter search found, kept while a longer one is typed. */
struct view_saved {
	char *fold; /* NULL for no search. */
	size_t *match;
	size_t people;
};

/*
 * Which of the shared department and job title texts (store_row's
 * search_words) hold the search, each looked at once per search: an
 * open-addressed table keyed by the text's address.
 */
struct view_words {
	char *fold; /* The search the answers are for. */
	/*
	 * And the snapshot: a text that is not interned is freed with its
	 * person, and its address may then hold another's.
	 */
	const struct snapshot *snap;
	unsigned long generation;
	const char **key;
	unsigned char *hit;
	size_t cap; /* A power of two. */
	size_t n;
};

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

/* Forget the searches kept, all but the first keep. */
static void
view_forget(struct view *v, size_t keep)
{
	while (v->nsaved > keep) {
		v->nsaved--;
		free(v->saved[v->nsaved].fold);
		free(v->saved[v->nsaved].match);
	}
}

/* Free the answers kept for the department and job title texts. */
static void
view_words_free(struct view_words *w)
{
	if (w == NULL)
		return;
	free(w->fold);
	free(w->key);
	free(w->hit);
	free(w);
}

/* Empty the table, for the search fold in the snapshot s. */
static void
view_words_reset(struct view_words *w, const char *fold,
    const struct snapshot *s)
{
	free(w->fold);
	w->fold = xstrdup(fold);
	w->snap = s;
	w->generation = s != NULL ? s->generation : 0;
	memset(w->key, 0, w->cap * sizeof *w->key);
	w->n = 0;
}

/* Where text is, or would go, in the table. */
static size_t
view_words_slot(const struct view_words *w, const char *text)
{
	size_t i = ((uintptr_t)text >> 3) * 0x9e3779b97f4a7c15u;

	for (i &= w->cap - 1; w->key[i] != NULL && w->key[i] != text;
	     i = (i + 1) & (w->cap - 1))
		;
	return i;
}

/* Double the table. */
static void
view_words_grow(struct view_words *w)
{
	const char **key = w->key;
	unsigned char *hit = w->hit;
	size_t i, j, cap = w->cap;

	w->cap = cap == 0 ? 256 : cap * 2;
	w->key = xcalloc(w->cap, sizeof *w->key);
	w->hit = xcalloc(w->cap, 1);
	for (i = 0; i < cap; i++) {
		if (key[i] != NULL) {
			j = view_words_slot(w, key[i]);
			w->key[j] = key[i];
			w->hit[j] = hit[i];
		}
	}
	free(key);
	free(hit);
}

/*
 * Does the search occur in the shared text? (haystack_search's question;
 * arg is the view.)
 */
static int
view_words_match(void *arg, const char *text)
{
	struct view *v = arg;
	struct view_words *w = v->words;
	size_t i;

	if (text == NULL)
		return 0;
	if (w == NULL) {
		w = v->words = xcalloc(1, sizeof *w);
		view_words_grow(w);
	}
	if (w->fold == NULL || strcmp(w->fold, v->fold) != 0 ||
	    w->snap != v->sorted ||
	    (v->sorted != NULL && w->generation != v->sorted->generation))
		view_words_reset(w, v->fold, v->sorted);
	i = view_words_slot(w, text);
	if (w->key[i] == NULL) {
		if (2 * (w->n + 1) > w->cap) {
			view_words_grow(w);
			i = view_words_slot(w, text);
		}
		w->key[i] = text;
		w->hit[i] = strstr(text, v->fold) != NULL;
		w->n++;
	}
	return w->hit[i];
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
	snapshot_release(v->sorted);
	v->sorted = NULL;
	free(v->order);
	v->order = NULL;
	free(v->match);
	v->match = NULL;
	free(v->match_fold);
	v->match_fold = NULL;
	v->match_valid = 0;
	view_forget(v, 0);
	free(v->saved);
	v->saved = NULL;
	view_words_free(v->words);
	v->words = NULL;
	haystack_free(v->hay);
	v->hay = NULL;
}

/* Set the search text, folded for matching. */
void
view_set_search(struct view *v, const char *s)
{
	snprintf(v->search, sizeof v->search, "%s", s);
	free(v->fold);
	v->fold = (*v->search == '\0') ? NULL : text_fold(v->search);
}

void
view_search_ready(struct view *v, const struct snapshot *s)
{
	if (v->hay == NULL)
		v->hay = haystack_new();
	if (s != NULL)
		haystack_update(v->hay, s);
}

void
view_search_done(struct view *v)
{
	if (v->fold != NULL)
		return;
	haystack_free(v->hay);
	v->hay = NULL;
}

/* Set the filter: the availabilities and the department shown. */
void
view_set_filter(struct view *v, unsigned avails, const char *department)
{
	char *d = department != NULL ? xstrdup(department) : NULL;

	free(v->department);
	v->department = d;
	v->avails = avails & ((1u << AVAIL__COUNT) - 1);
	v->match_valid = 0;
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

/* Order two rows: group, sort column (maybe reversed), name, id. */
static int
view_cmp_rows(const struct view *v, const struct store_row *a,
    const struct store_row *b)
{
	int c;

	if ((c = view_cmp_group(v, a, b)) != 0)
		return c;
	c = view_cmp_col(v->sort, a, b);
	if (c == 0)
		c = strcmp(a->collate, b->collate);
	if (c == 0)
		c = strcmp(a->d_name, b->d_name);
	if (c == 0)
		c = strcmp(a->id, b->id);
	return v->reverse ? -c : c;
}

/* Order two row indices, for qsort_r. */
static int
view_cmp(const void *pa, const void *pb, void *arg)
{
	const struct view_ctx *ctx = arg;

	return view_cmp_rows(ctx->v, ctx->s->rows[*(const size_t *)pa],
	    ctx->s->rows[*(const size_t *)pb]);
}

/* Is a row in the department filtered on? */
static int
view_in_department(const struct view *v, const struct store_row *r)
{
	return v->department == NULL ||
	    strcmp(r->d_department, v->department) == 0;
}

/* Clear shown[i] of the rows of s the search does not find. */
static void
view_search(struct view *v, const struct snapshot *s, unsigned char *shown)
{
	if (v->fold == NULL)
		return;
	view_search_ready(v, s);
	haystack_search(v->hay, v->fold, shown, view_words_match, v);
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

/* Sort every row of s afresh. */
static void
view_sort_all(struct view *v, const struct snapshot *s)
{
	struct view_ctx ctx = { s, v };
	size_t i;

	free(v->order);
	v->order = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *v->order);
	for (i = 0; i < s->n; i++)
		v->order[i] = i;
	qsort_r(v->order, s->n, sizeof *v->order, view_cmp, &ctx);
}

/*
 * Re-sort the order of the same roster for s, where only the rows in
 * moved[] (sorted by index) changed place: take them out, sort them, and
 * merge them back in.
 */
static void
view_sort_moved(struct view *v, const struct snapshot *s, size_t *moved,
    size_t nmoved)
{
	struct view_ctx ctx = { s, v };
	unsigned char *out;
	size_t *kept, i, k = 0, a = 0, b = 0;

	out = xcalloc(s->n, 1);
	for (i = 0; i < nmoved; i++)
		out[moved[i]] = 1;
	kept = xreallocarray(NULL, s->n, sizeof *kept);
	for (i = 0; i < s->n; i++) {
		if (!out[v->order[i]])
			kept[k++] = v->order[i];
	}
	qsort_r(moved, nmoved, sizeof *moved, view_cmp, &ctx);
	for (i = 0; i < s->n; i++) {
		if (b == nmoved ||
		    (a < k && view_cmp(&kept[a], &moved[b], &ctx) <= 0))
			v->order[i] = kept[a++];
		else
			v->order[i] = moved[b++];
	}
	free(kept);
	free(out);
}

/*
 * Bring the sorted order up to date for s. A refresh of the same roster
 * shares the rows of people who did not change: only those who changed
 * and now sort elsewhere are placed again. Returns 0 when no row differs
 * from the snapshot sorted before, 1 when some do (or all were sorted).
 */
static int
view_sort(struct view *v, const struct snapshot *s)
{
	const struct snapshot *o = v->sorted;
	size_t *moved = NULL, nmoved = 0, i;
	int changed = 0, full = 0;

	if (o == NULL || v->sorted_sort != v->sort ||
	    v->sorted_reverse != v->reverse || v->sorted_group != v->group ||
	    o->n != s->n)
		full = 1;
	else if (o == s)
		return 0;
	else {
		moved =
		    xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *moved);
		for (i = 0; i < s->n && !full; i++) {
			if (o->rows[i] == s->rows[i])
				continue;
			changed = 1;
			if (strcmp(o->rows[i]->id, s->rows[i]->id) != 0)
				full = 1; /* Another roster. */
			else if (view_cmp_rows(v, o->rows[i], s->rows[i]) != 0)
				moved[nmoved++] = i;
		}
		/* Many moved: sorting them all is as quick. */
		if (nmoved > s->n / 8)
			full = 1;
		else if (nmoved > 0)
			view_sort_moved(v, s, moved, nmoved);
		free(moved);
	}
	if (full) {
		view_sort_all(v, s);
		changed = 1;
	}
	snapshot_release(v->sorted);
	v->sorted = snapshot_ref(s);
	v->sorted_sort = v->sort;
	v->sorted_reverse = v->reverse;
	v->sorted_group = v->group;
	return changed;
}

/*
 * Find whom the filter and the search show, counting, over every row. The
 * rows are read in roster order, the order they lie in memory, the search
 * looks in the haystack, and only then are they put in the sorted order:
 * at 100,000 people reading them in the sorted order costs a cache miss
 * or two a row, more than the search.
 */
static void
view_match_all(struct view *v, const struct snapshot *s)
{
	const struct store_row *r;
	unsigned char *shown;
	size_t i, n = 0;

	memset(v->counts, 0, sizeof v->counts);
	shown = xcalloc(s->n == 0 ? 1 : s->n, 1);
	for (i = 0; i < s->n; i++) {
		r = s->rows[i];
		if (!view_in_department(v, r))
			continue;
		if (r->avail >= 0 && r->avail < AVAIL__COUNT)
			v->counts[r->avail]++;
		shown[i] = (unsigned char)view_shows(v, r->avail);
	}
	view_search(v, s, shown);
	free(v->match);
	v->match = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *v->match);
	for (i = 0; i < s->n; i++) {
		if (shown[v->order[i]])
			v->match[n++] = v->order[i];
	}
	/* Kept while searches narrow it: no bigger than it needs to be. */
	v->match = xreallocarray(v->match, n == 0 ? 1 : n, sizeof *v->match);
	v->people = n;
	free(shown);
}

/*
 * Narrow whom the last search found to whom this one finds, keeping what
 * the last one found for when the search is erased back to it.
 */
static void
view_match_narrow(struct view *v, const struct snapshot *s)
{
	struct view_saved *k;
	unsigned char *shown;
	size_t i, n = 0, *match;

	shown = xcalloc(s->n == 0 ? 1 : s->n, 1);
	for (i = 0; i < v->people; i++)
		shown[v->match[i]] = 1;
	view_search(v, s, shown);
	match =
	    xreallocarray(NULL, v->people == 0 ? 1 : v->people, sizeof *match);
	for (i = 0; i < v->people; i++) {
		if (shown[v->match[i]])
			match[n++] = v->match[i];
	}
	match = xreallocarray(match, n == 0 ? 1 : n, sizeof *match);
	free(shown);
	if (v->nsaved == VIEW_SAVED)
		view_forget(v, 0);
	if (v->saved == NULL)
		v->saved = xreallocarray(NULL, VIEW_SAVED, sizeof *v->saved);
	k = &v->saved[v->nsaved++];
	k->fold = v->match_fold;
	k->match = v->match;
	k->people = v->people;
	v->match_fold = NULL;
	v->match = match;
	v->people = n;
}

/* Take back what a search kept found, if it is this one; 1 if so. */
static int
view_match_saved(struct view *v)
{
	struct view_saved *k;
	size_t i;

	for (i = v->nsaved; i-- > 0;) {
		k = &v->saved[i];
		if ((k->fold == NULL) != (v->fold == NULL) ||
		    (k->fold != NULL && strcmp(k->fold, v->fold) != 0))
			continue;
		free(v->match);
		v->match = k->match;
		v->people = k->people;
		free(k->fold);
		k->match = NULL;
		k->fold = NULL;
		view_forget(v, i);
		return 1;
	}
	return 0;
}

/* Does the search only add to the one match was made with? */
static int
view_narrows(const struct view *v)
{
	if (v->fold == NULL)
		return 0;
	return v->match_fold == NULL || strstr(v->fold, v->match_fold) != NULL;
}

/* Are the search and the one match was made with the same? */
static int
view_same_search(const struct view *v)
{
	if (v->fold == NULL || v->match_fold == NULL)
		return v->fold == v->match_fold;
	return strcmp(v->fold, v->match_fold) == 0;
}

/* Make the lines, with a heading before each group, from the match. */
static void
view_lines(struct view *v, const struct snapshot *s)
{
	const struct store_row *r, *prev = NULL;
	struct view_line *l;
	size_t i, head = (size_t)-1;

	v->n = 0;
	for (i = 0; i < v->people; i++) {
		r = s->rows[v->match[i]];
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
		l->row = v->match[i];
		prev = r;
	}
}

/*
 * Rebuild the lines of a view from a snapshot, doing only what changed
 * since the last build: nothing when the rows, the filter and the search
 * are the same; the search alone when it extends the last one.
 */
void
view_build(struct view *v, const struct snapshot *s)
{
	int changed = view_sort(v, s);

	/* Kept up to date with each snapshot, not at the next key. */
	if (changed && v->hay != NULL)
		haystack_update(v->hay, s);

	if (!changed && v->match_valid && view_same_search(v))
		return;
	if (!changed && v->match_valid && view_narrows(v))
		view_match_narrow(v, s);
	else if (!changed && v->match_valid && view_match_saved(v))
		; /* Erased back to a search typed before. */
	else {
		view_forget(v, 0);
		view_match_all(v, s);
	}
	v->match_valid = 1;
	free(v->match_fold);
	v->match_fold = v->fold != NULL ? xstrdup(v->fold) : NULL;
	view_lines(v, s);
}

/* The line showing this id, or -1. */
long
view_find(const struct view *v, const struct snapshot *s, const char *id)
{
	const struct store_row *r;
	size_t i;

	if (id == NULL || (r = snapshot_find(s, id)) == NULL)
		return -1;
	for (i = 0; i < v->n; i++) {
		if (!v->lines[i].heading && s->rows[v->lines[i].row] == r)
			return (long)i;
	}
	return -1;
}
