/*
 * The grid's layout, the view's sort, filter, search and grouping, and the
 * drawing of wide characters, headless (newterm on /dev/null, cells read
 * back with mvwin_wchnstr).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "grid.h"
#include "hints.h"
#include "keys.h"
#include "presence.h"
#include "screen.h"
#include "store.h"
#include "theme.h"
#include "user.h"
#include "view.h"
#include "xmalloc.h"

/* Add person number i to the lists; job may be NULL. */
static void
add_person(struct user_list *ul, struct presence_list *pl, size_t i,
    const char *name, const char *avail, const char *dept, const char *job)
{
	struct user *u = user_list_add(ul);
	struct presence *p = presence_list_add(pl);

	xasprintf(&u->id, "id-%04zu", i);
	u->display_name = xstrdup(name);
	xasprintf(&u->upn, "p%zu@example.com", i);
	u->department = xstrdup(dept);
	u->job_title = job != NULL ? xstrdup(job) : NULL;
	p->id = xstrdup(u->id);
	p->availability = xstrdup(avail);
	p->activity = xstrdup(avail);
	p->sequence = xstrdup("1");
}

/* A store of the people in the lists, freed. */
static struct store *
publish_people(struct user_list *ul, struct presence_list *pl, time_t now)
{
	struct store *st = store_new();

	store_publish(st, ul, pl, now);
	user_list_done(ul);
	presence_list_done(pl);
	return st;
}

/* Build a store with people: name, availability, department. */
static struct store *
make_store(const char *const (*people)[3], size_t n, time_t now)
{
	struct user_list ul;
	struct presence_list pl;
	size_t i;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < n; i++)
		add_person(&ul, &pl, i, people[i][0], people[i][1],
		    people[i][2], NULL);
	return publish_people(&ul, &pl, now);
}

static const char *const people[][3] = {
	{ "Zoe Zhang", "Busy", "Sales" },
	{ "adam Ant", "Available", "Support" },
	{ "Mia Moe", "Offline", "Sales" },
	{ "Bob Bee", "Available", "" },
	{ "Cy Sea", "Wandering", "Support" },
	{ "Dee Dee", "DoNotDisturb", "Support" },
};
#define NPEOPLE (sizeof people / sizeof people[0])

/* The names of the people shown, in order, joined with commas. */
static void
view_names(const struct view *v, const struct snapshot *s, char *buf,
    size_t len)
{
	size_t i;

	*buf = '\0';
	for (i = 0; i < v->n; i++) {
		if (v->lines[i].heading)
			snprintf(buf + strlen(buf), len - strlen(buf), "[%s]",
			    v->lines[i].label);
		else
			snprintf(buf + strlen(buf), len - strlen(buf), "%s,",
			    s->rows[v->lines[i].row]->d_name);
	}
}

/* Sorting by name is case-insensitive; S reverses. */
static void
test_view_sort_by_name_and_reverse(void **state)
{
	struct store *st = make_store(people, NPEOPLE, 1000);
	struct snapshot *s = store_acquire(st);
	struct view v;
	char buf[512];

	(void)state;
	view_init(&v);
	v.sort = COL_NAME;
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf,
	    "adam Ant,Bob Bee,Cy Sea,Dee Dee,Mia Moe,Zoe Zhang,");
	v.reverse = 1;
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf,
	    "Zoe Zhang,Mia Moe,Dee Dee,Cy Sea,Bob Bee,adam Ant,");
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/* Sorting by availability follows the categories, then the name. */
static void
test_view_sort_by_availability(void **state)
{
	struct store *st = make_store(people, NPEOPLE, 1000);
	struct snapshot *s = store_acquire(st);
	struct view v;
	char buf[512];

	(void)state;
	view_init(&v);
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf,
	    "adam Ant,Bob Bee,Zoe Zhang,Dee Dee,Mia Moe,Cy Sea,");
	assert_int_equal(v.counts[AVAIL_AVAILABLE], 2);
	assert_int_equal(v.counts[AVAIL_UNKNOWN], 1);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/* The filter keeps one availability; the search looks in names and UPNs. */
static void
test_view_filter_and_search(void **state)
{
	struct store *st = make_store(people, NPEOPLE, 1000);
	struct snapshot *s = store_acquire(st);
	struct view v;
	char buf[512];

	(void)state;
	view_init(&v);
	view_set_filter(&v, 1u << AVAIL_AVAILABLE, NULL);
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "adam Ant,Bob Bee,");
	assert_int_equal(v.people, 2);
	assert_int_equal(v.counts[AVAIL_BUSY], 1);

	view_set_filter(&v, 0, NULL);
	view_set_search(&v, "MOE");
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "Mia Moe,");
	view_set_search(&v, "p4@example");
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "Cy Sea,");
	view_set_search(&v, "nobody");
	view_build(&v, s);
	assert_int_equal(v.n, 0);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/* Several availabilities at once, and everyone but Offline. */
static void
test_view_filter_several_availabilities(void **state)
{
	struct store *st = make_store(people, NPEOPLE, 1000);
	struct snapshot *s = store_acquire(st);
	struct view v;
	char buf[512];

	(void)state;
	view_init(&v);
	v.sort = COL_NAME;
	view_set_filter(&v, 1u << AVAIL_AVAILABLE | 1u << AVAIL_BUSY, NULL);
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "adam Ant,Bob Bee,Zoe Zhang,");
	assert_int_equal(v.people, 3);
	assert_true(view_shows(&v, AVAIL_BUSY));
	assert_true(view_chosen(&v, AVAIL_AVAILABLE));
	assert_false(view_shows(&v, AVAIL_OFFLINE));
	view_filter_words(&v, buf, sizeof buf);
	assert_string_equal(buf, "Available + Busy only");

	view_set_filter(&v, VIEW_ALL_BUT_OFFLINE, NULL);
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "adam Ant,Bob Bee,Cy Sea,Dee Dee,Zoe Zhang,");
	view_filter_words(&v, buf, sizeof buf);
	assert_string_equal(buf, "everyone but Offline");

	view_set_filter(&v, 1u << AVAIL_AVAILABLE, NULL);
	view_filter_words(&v, buf, sizeof buf);
	assert_string_equal(buf, "Available only");
	view_set_filter(&v, 0, NULL);
	assert_false(view_filtered(&v));
	assert_false(view_chosen(&v, AVAIL_AVAILABLE));
	assert_true(view_shows(&v, AVAIL_OFFLINE));
	view_filter_words(&v, buf, sizeof buf);
	assert_string_equal(buf, "");
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/* A department filter: its people only, and the counts are of them. */
static void
test_view_filter_department(void **state)
{
	struct store *st = make_store(people, NPEOPLE, 1000);
	struct snapshot *s = store_acquire(st);
	struct view_department *d;
	struct view v;
	char buf[512];
	size_t n;

	(void)state;
	view_init(&v);
	v.sort = COL_NAME;
	view_set_filter(&v, 0, "Support");
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "adam Ant,Cy Sea,Dee Dee,");
	assert_int_equal(v.counts[AVAIL_AVAILABLE], 1);
	assert_int_equal(v.counts[AVAIL_BUSY], 0);
	assert_int_equal(v.counts[AVAIL_DND], 1);
	assert_true(view_filtered(&v));
	view_filter_words(&v, buf, sizeof buf);
	assert_string_equal(buf, "in Support");

	view_set_filter(&v, 1u << AVAIL_AVAILABLE | 1u << AVAIL_DND, "Support");
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "adam Ant,Dee Dee,");
	view_filter_words(&v, buf, sizeof buf);
	assert_string_equal(buf, "Available + DoNotDisturb only, in Support");

	view_set_filter(&v, 0, "");
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf, "Bob Bee,");

	n = view_departments(s, &d);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].name, "Sales");
	assert_int_equal(d[0].count, 2);
	assert_string_equal(d[1].name, "Support");
	assert_int_equal(d[1].count, 3);
	assert_string_equal(d[2].name, "");
	free(d);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/* Build a store of available people: name, department, job title. */
static struct store *
make_directory(const char *const (*dir)[3], size_t n)
{
	struct user_list ul;
	struct presence_list pl;
	size_t i;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < n; i++)
		add_person(&ul, &pl, i, dir[i][0], "Available", dir[i][1],
		    dir[i][2]);
	return publish_people(&ul, &pl, 1000);
}

/* The names a search finds, sorted by name, joined with commas. */
static void
search_names(struct view *v, const struct snapshot *s, const char *search,
    char *buf, size_t len)
{
	view_set_search(v, search);
	view_build(v, s);
	view_names(v, s, buf, len);
}

/*
 * The search ignores case in every script and accents, finds precomposed
 * and decomposed letters alike, and looks in departments and job titles.
 */
static void
test_view_search_folds(void **state)
{
	static const char *const dir[][3] = {
		/* Günther Köhler, precomposed. */
		{ "G\xc3\xbcnther K\xc3\xb6hler", "Engineering",
		    "Software Engineer" },
		/* Zoë Müller, decomposed (NFD). */
		{ "Zoe\xcc\x88 Mu\xcc\x88ller", "Sales", "Account Executive" },
		/* Đặng Thảo. */
		{ "\xc4\x90\xe1\xba\xb7ng Th\xe1\xba\xa3o", "Helpdesk",
		    "Support Engineer" },
		/* Ελένη Παπαδοπούλου. */
		{ "\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7 \xce\xa0\xce\xb1\xcf"
		  "\x80\xce\xb1\xce\xb4\xce\xbf\xcf\x80\xce\xbf\xcf\x8d\xce\xbb"
		  "\xce\xbf\xcf\x85",
		    "Legal", "Counsel" },
		/* Дмитрий Иванов. */
		{ "\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9 \xd0"
		  "\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2",
		    "Finance", "Financial Analyst" },
		{ "Robert Miller", "Helpdesk", "Team Lead" },
	};
	struct store *st = make_directory(dir, 6);
	struct snapshot *s = store_acquire(st);
	struct view v;
	char buf[512];

	(void)state;
	view_init(&v);
	v.sort = COL_NAME;
	search_names(&v, s, "gunther", buf, sizeof buf);
	assert_string_equal(buf, "G\xc3\xbcnther K\xc3\xb6hler,");
	search_names(&v, s, "KOHLER", buf, sizeof buf);
	assert_string_equal(buf, "G\xc3\xbcnther K\xc3\xb6hler,");
	/* köhler typed with U+0308 finds the precomposed ö. */
	search_names(&v, s, "ko\xcc\x88hler", buf, sizeof buf);
	assert_string_equal(buf, "G\xc3\xbcnther K\xc3\xb6hler,");
	/* müller typed precomposed finds the decomposed name. */
	search_names(&v, s, "M\xc3\x9cLLER", buf, sizeof buf);
	assert_string_equal(buf, "Zoe\xcc\x88 Mu\xcc\x88ller,");
	search_names(&v, s, "zoe m", buf, sizeof buf);
	assert_string_equal(buf, "Zoe\xcc\x88 Mu\xcc\x88ller,");
	search_names(&v, s, "dang", buf, sizeof buf);
	assert_string_equal(buf, "\xc4\x90\xe1\xba\xb7ng Th\xe1\xba\xa3o,");
	/* ΕΛΕΝΗ, without the tonos. */
	search_names(&v, s, "\xce\x95\xce\x9b\xce\x95\xce\x9d\xce\x97", buf,
	    sizeof buf);
	assert_non_null(strstr(buf, "\xce\x95\xce\xbb\xce\xad"));
	assert_int_equal(v.people, 1);
	/* ИВАНОВ */
	search_names(&v, s, "\xd0\x98\xd0\x92\xd0\x90\xd0\x9d\xd0\x9e\xd0\x92",
	    buf, sizeof buf);
	assert_int_equal(v.people, 1);
	assert_non_null(strstr(buf, "\xd0\x98\xd0\xb2"));
	/* Departments and job titles. */
	search_names(&v, s, "helpdesk", buf, sizeof buf);
	assert_string_equal(buf,
	    "Robert Miller,\xc4\x90\xe1\xba\xb7ng Th\xe1\xba\xa3o,");
	search_names(&v, s, "support engineer", buf, sizeof buf);
	assert_string_equal(buf, "\xc4\x90\xe1\xba\xb7ng Th\xe1\xba\xa3o,");
	search_names(&v, s, "ENGINEER", buf, sizeof buf);
	assert_int_equal(v.people, 2);
	/* A search never spans two fields. */
	search_names(&v, s, "miller p5", buf, sizeof buf);
	assert_int_equal(v.people, 0);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/*
 * Sorting by name follows the locale's collation: in German, Ö goes with
 * O, not after Z as its bytes would. The locale is built with localedef
 * into a private directory; without localedef the test is skipped.
 */
static void
test_view_sort_follows_locale(void **state)
{
	static const char *const dir[][3] = {
		{ "Zeta Zorn", "", "" },
		{ "\xc3\x96zge \xc3\x96zt\xc3\xbcrk", "", "" },
		{ "otto Orr", "", "" },
		{ "Paul Peer", "", "" },
		{ "\xc3\x84nne Ahl", "", "" },
		{ "Bert Bo", "", "" },
	};
	char tmpl[] = "/tmp/test_layout."
	              "XX"
	              "XX"
	              "XX",
	     cmd[512], buf[512];
	const char *old = getenv("LOCPATH");
	struct store *st;
	struct snapshot *s;
	struct view v;
	int ok;

	(void)state;
	if (mkdtemp(tmpl) == NULL)
		skip();
	snprintf(cmd, sizeof cmd,
	    "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", tmpl);
	ok = system(cmd) == 0;
	setenv("LOCPATH", tmpl, 1);
	ok = ok && setlocale(LC_ALL, "de_DE.UTF-8") != NULL;
	if (!ok) {
		snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
		(void)system(cmd);
		if (old != NULL)
			setenv("LOCPATH", old, 1);
		else
			unsetenv("LOCPATH");
		setlocale(LC_ALL, "C.UTF-8");
		skip();
	}
	st = make_directory(dir, 6);
	s = store_acquire(st);
	view_init(&v);
	v.sort = COL_NAME;
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf,
	    "\xc3\x84nne Ahl,Bert Bo,otto Orr,\xc3\x96zge \xc3\x96zt\xc3\xbcrk,"
	    "Paul Peer,Zeta Zorn,");
	view_done(&v);
	snapshot_release(s);
	store_free(st);

	/* The same names in C.UTF-8: code point order, case ignored. */
	setlocale(LC_ALL, "C.UTF-8");
	st = make_directory(dir, 6);
	s = store_acquire(st);
	view_init(&v);
	v.sort = COL_NAME;
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf,
	    "Bert Bo,otto Orr,Paul Peer,Zeta Zorn,\xc3\x84nne Ahl,"
	    "\xc3\x96zge \xc3\x96zt\xc3\xbcrk,");
	view_done(&v);
	snapshot_release(s);
	store_free(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
	(void)system(cmd);
	if (old != NULL)
		setenv("LOCPATH", old, 1);
	else
		unsetenv("LOCPATH");
}

/* Grouping by department adds headings with counts; empty goes last. */
static void
test_view_group_by_department(void **state)
{
	struct store *st = make_store(people, NPEOPLE, 1000);
	struct snapshot *s = store_acquire(st);
	struct view v;
	char buf[512];

	(void)state;
	view_init(&v);
	v.sort = COL_NAME;
	v.group = GROUP_DEPARTMENT;
	view_build(&v, s);
	view_names(&v, s, buf, sizeof buf);
	assert_string_equal(buf,
	    "[Sales]Mia Moe,Zoe Zhang,[Support]adam Ant,Cy Sea,Dee Dee,"
	    "[(no department)]Bob Bee,");
	assert_int_equal(v.lines[0].count, 2);
	assert_int_equal(view_find(&v, s, "id-0003"), 8);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/* Each heading counts its people, however many lines the view grows to. */
static void
test_view_group_counts_in_a_large_view(void **state)
{
	static const char *const depts[] = { "Finance", "Sales", "Support" };
	const char *(*many)[3];
	struct store *st;
	struct snapshot *s;
	struct view v;
	size_t i, seen = 0, heads = 0;

	(void)state;
	many = xcalloc(1000, sizeof *many);
	for (i = 0; i < 1000; i++) {
		many[i][0] = "Someone";
		many[i][1] = "Available";
		many[i][2] = depts[i % 3];
	}
	st = make_store((const char *const(*)[3])many, 1000, 1000);
	s = store_acquire(st);
	view_init(&v);
	v.sort = COL_NAME;
	v.group = GROUP_DEPARTMENT;
	view_build(&v, s);
	assert_int_equal(v.n, 1003);
	for (i = 0; i < v.n; i++) {
		if (!v.lines[i].heading)
			continue;
		heads++;
		assert_int_equal(v.lines[i].count,
		    strcmp(v.lines[i].label, "Finance") == 0 ? 334 : 333);
		seen += v.lines[i].count;
	}
	assert_int_equal(heads, 3);
	assert_int_equal(seen, 1000);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
	free(many);
}

/*
 * Sorting and searching 5,000 people gives the right first row (the time it
 * takes is measured by tests/bench/view).
 */
static void
test_view_sorts_5000(void **state)
{
	static const char *const avails[] = { "Busy", "Available", "Away",
		"Offline" };
	const char *(*many)[3];
	struct store *st;
	struct snapshot *s;
	struct view v;
	char **names;
	size_t i;

	(void)state;
	many = xcalloc(5000, sizeof *many);
	names = xcalloc(5000, sizeof *names);
	for (i = 0; i < 5000; i++) {
		xasprintf(&names[i], "Person %05zu", (i * 7919) % 5000);
		many[i][0] = names[i];
		many[i][1] = avails[i % 4];
		many[i][2] = "Dept";
	}
	st = make_store((const char *const(*)[3])many, 5000, 1000);
	s = store_acquire(st);
	view_init(&v);
	v.sort = COL_NAME;
	view_build(&v, s);
	view_set_search(&v, "person 01");
	view_build(&v, s);
	assert_int_equal(v.people, 1000);
	assert_string_equal(s->rows[v.lines[0].row]->d_name, "Person 01000");
	for (i = 1; i < v.n; i++)
		assert_true(strcmp(s->rows[v.lines[i - 1].row]->d_name,
		                s->rows[v.lines[i].row]->d_name) < 0);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
	for (i = 0; i < 5000; i++)
		free(names[i]);
	free(names);
	free(many);
}

/* Wide layouts keep every column; narrow ones drop the least important. */
static void
test_layout_drops_columns_when_narrow(void **state)
{
	enum view_col cols[] = { COL_AVAILABILITY, COL_ACTIVITY, COL_NAME,
		COL_STATUS, COL_OOO, COL_LOCATION, COL_SINCE };
	struct grid_col out[COL__COUNT];
	size_t n, i;

	(void)state;
	n = grid_layout(cols, 7, 120, out);
	assert_int_equal(n, 7);
	assert_int_equal(out[0].x, 0);
	assert_int_equal(out[6].x + out[6].w, 120);
	for (i = 1; i < n; i++)
		assert_int_equal(out[i].x, out[i - 1].x + out[i - 1].w + 1);

	n = grid_layout(cols, 7, 40, out);
	assert_true(n >= 3);
	assert_int_equal(out[0].col, COL_AVAILABILITY);
	assert_int_equal(out[1].col, COL_ACTIVITY);
	assert_int_equal(out[2].col, COL_NAME);
	assert_true(out[2].w >= 12);
	assert_true(out[n - 1].x + out[n - 1].w <= 40);
	for (i = 0; i < n; i++)
		assert_true(out[i].col != COL_LOCATION);
}

/* At 80, 100 and 132 columns WHERE fits "timeOff" and "unknown". */
static void
test_layout_where_fits_its_values(void **state)
{
	enum view_col cols[] = { COL_AVAILABILITY, COL_ACTIVITY, COL_NAME,
		COL_STATUS, COL_OOO, COL_LOCATION, COL_SINCE };
	static const int widths[] = { 80, 100, 132 };
	struct grid_col out[COL__COUNT];
	size_t n, i, k;

	(void)state;
	for (k = 0; k < sizeof widths / sizeof widths[0]; k++) {
		n = grid_layout(cols, 7, widths[k], out);
		assert_int_equal(n, 7);
		for (i = 0; i < n; i++) {
			if (out[i].col == COL_LOCATION)
				assert_true(out[i].w >= (int)strlen("timeOff"));
		}
		assert_int_equal(out[n - 1].x + out[n - 1].w, widths[k]);
	}
}

/* The width placed for a column, or -1 when it was left out. */
static int
placed_width(const struct grid_col *out, size_t n, enum view_col col)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (out[i].col == col)
			return out[i].w;
	}
	return -1;
}

/*
 * At 80 columns the default columns all stay: the availability is its
 * glyph alone, and the status message gets room before the name's
 * padding; from 100 columns the availability's word is back.
 */
static void
test_layout_at_80_keeps_what_matters(void **state)
{
	enum view_col cols[] = { COL_AVAILABILITY, COL_ACTIVITY, COL_NAME,
		COL_STATUS, COL_OOO, COL_LOCATION, COL_SINCE };
	struct grid_col out[COL__COUNT];
	size_t n;

	(void)state;
	n = grid_layout(cols, 7, 80, out);
	assert_int_equal(n, 7);
	assert_int_equal(placed_width(out, n, COL_AVAILABILITY), 2);
	assert_true(
	    placed_width(out, n, COL_ACTIVITY) >= (int)strlen("DoNotDisturb"));
	assert_true(placed_width(out, n, COL_NAME) >= 18);
	assert_true(placed_width(out, n, COL_STATUS) >= 24);
	assert_true(
	    placed_width(out, n, COL_STATUS) > placed_width(out, n, COL_NAME));
	assert_int_equal(out[n - 1].x + out[n - 1].w, 80);

	n = grid_layout(cols, 7, 100, out);
	assert_int_equal(n, 7);
	/* "? PresenceUnknown" whole. */
	assert_true(placed_width(out, n, COL_AVAILABILITY) >= 17);
	assert_true(placed_width(out, n, COL_STATUS) >= 24);
	n = grid_layout(cols, 7, 132, out);
	assert_int_equal(placed_width(out, n, COL_AVAILABILITY), 17);
	assert_true(placed_width(out, n, COL_NAME) >= 24);

	/* Two columns at 80: the word is there, the name takes the rest. */
	n = grid_layout(cols + 1, 2, 40, out);
	assert_int_equal(n, 2);
	n = grid_layout((enum view_col[]){ COL_AVAILABILITY, COL_NAME }, 2, 80,
	    out);
	assert_int_equal(placed_width(out, n, COL_AVAILABILITY), 17);
	assert_int_equal(placed_width(out, n, COL_NAME), 62);
}

/*
 * The activity cell is blank when it only repeats the availability
 * (Available/Available, Busy/Busy, Away/Away, BeRightBack/BeRightBack,
 * DoNotDisturb/DoNotDisturb), and shown when it says more or when the
 * availability column is not shown; at 80 columns the availability is the
 * glyph alone, under a heading without its word.
 */
static void
test_draw_activity_hidden_when_it_repeats(void **state)
{
	static const char *const pairs[][2] = {
		{ "Available", "Available" },
		{ "Busy", "Busy" },
		{ "Away", "Away" },
		{ "BeRightBack", "BeRightBack" },
		{ "DoNotDisturb", "DoNotDisturb" },
		{ "Busy", "InACall" },
		{ "DoNotDisturb", "Presenting" },
	};
	enum view_col cols[] = { COL_AVAILABILITY, COL_ACTIVITY, COL_NAME,
		COL_STATUS, COL_OOO, COL_LOCATION, COL_SINCE };
	enum view_col noavail[] = { COL_ACTIVITY, COL_NAME };
	struct grid_opts o = { 0, 0 };
	struct grid_col gc[COL__COUNT];
	struct user_list ul;
	struct presence_list pl;
	struct store *st;
	struct snapshot *s;
	struct view v;
	struct screen sc;
	char row[1024], name[32];
	size_t i, n, np = sizeof pairs / sizeof pairs[0];
	cchar_t cell;
	wchar_t wc[8];
	attr_t attrs;
	short pair;

	(void)state;
	if (screen_open(&sc, 12, 80) != 0)
		skip();
	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < np; i++) {
		snprintf(name, sizeof name, "Person %zu", i);
		add_person(&ul, &pl, i, name, pairs[i][0], "", NULL);
		free(pl.v[i].activity);
		pl.v[i].activity = xstrdup(pairs[i][1]);
	}
	st = publish_people(&ul, &pl, 1000);
	s = store_acquire(st);
	view_init(&v);
	v.sort = COL_NAME;
	view_build(&v, s);
	assert_int_equal(v.n, np);

	n = grid_layout(cols, 7, 80, gc);
	assert_int_equal(gc[1].col, COL_ACTIVITY);
	werase(stdscr);
	for (i = 0; i < np; i++)
		grid_draw_line(stdscr, (int)i, gc, n, 80, s, &v.lines[i], 0,
		    1060, NULL, &o);
	for (i = 0; i < np; i++) {
		screen_read_row(stdscr, (int)i, 80, row, sizeof row);
		/* The availability is the glyph alone, never its word. */
		assert_null(strstr(row, pairs[i][0]));
		if (strcmp(pairs[i][0], pairs[i][1]) != 0)
			assert_non_null(strstr(row, pairs[i][1]));
		assert_non_null(strstr(row, "Person "));
	}
	/* The activity is where its column starts. */
	mvwin_wch(stdscr, 5, gc[1].x, &cell);
	getcchar(&cell, wc, &attrs, &pair, NULL);
	assert_true(wc[0] == L'I');
	werase(stdscr);
	grid_draw_headings(stdscr, 0, gc, n, 80, &v, &o);
	screen_read_row(stdscr, 0, 80, row, sizeof row);
	assert_null(strstr(row, "AVAILABILITY"));
	assert_non_null(strstr(row, "ACTIVITY"));
	assert_non_null(strstr(row, "NAME"));

	/* Without the availability column, the activity says it all. */
	n = grid_layout(noavail, 2, 80, gc);
	werase(stdscr);
	grid_draw_line(stdscr, 0, gc, n, 80, s, &v.lines[1], 0, 1060, NULL, &o);
	screen_read_row(stdscr, 0, 80, row, sizeof row);
	assert_non_null(strstr(row, "Busy"));

	view_done(&v);
	snapshot_release(s);
	store_free(st);
	screen_close(&sc);
}

/* Key names parse and print back; rebinding replaces a binding. */
static void
test_keys_parse_and_bind(void **state)
{
	struct keys k;
	char buf[32], *cause;

	(void)state;
	keys_init(&k);
	assert_int_equal(keys_lookup(&k, 'q'), KA_QUIT);
	assert_int_equal(keys_lookup(&k, KEYS_FN | KEY_NPAGE), KA_PAGE_DOWN);
	assert_int_equal(keys_parse("C-l"), 12);
	assert_int_equal(keys_parse("PageDown"), KEYS_FN | KEY_NPAGE);
	assert_int_equal(keys_parse("F5"), KEYS_FN | KEY_F(5));
	keys_name(KEYS_FN | KEY_UP, buf, sizeof buf);
	assert_string_equal(buf, "Up");
	assert_int_equal(keys_bind(&k, "refresh", "F5", &cause), 0);
	assert_int_equal(keys_lookup(&k, KEYS_FN | KEY_F(5)), KA_REFRESH);
	assert_int_equal(keys_bind(&k, "quit", "x", &cause), 0);
	assert_int_equal(keys_lookup(&k, 'x'), KA_QUIT);
	assert_int_equal(keys_bind(&k, "fly", "x", &cause), -1);
	assert_non_null(strstr(cause, "fly"));
	free(cause);
	keys_describe(&k, KA_UP, buf, sizeof buf);
	assert_string_equal(buf, "Up, k");
}

/* The hints as "KEY Label|KEY Label|...". */
static void
hints_text(const struct hints_item *h, size_t n, char *buf, size_t len)
{
	size_t i;

	*buf = '\0';
	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s %s",
		    i == 0 ? "" : "|", h[i].key, h[i].label);
}

/*
 * The hint bar shows the keys as bound; when narrow it leaves out the
 * least useful hints whole, keeping Help and Quit, and always fits.
 */
static void
test_hints_fit_and_follow_bindings(void **state)
{
	struct hints_item h[HINTS_MAX];
	struct keys k;
	char buf[512], *cause;
	size_t n;
	int w;

	(void)state;
	keys_init(&k);
	n = hints_grid(&k, 200, h);
	hints_text(h, n, buf, sizeof buf);
	assert_string_equal(buf,
	    "? Help|/ Search|F Filter|s Sort|Enter Details|p Set|m Message|"
	    "Space Tag|y Copy|C Columns|L Log|q Quit");
	assert_int_equal(hints_width(h, n), 1 + (int)strlen(buf) + (int)n - 1);

	for (w = 80; w >= 8; w--) {
		n = hints_grid(&k, w, h);
		assert_true(hints_width(h, n) <= w);
		hints_text(h, n, buf, sizeof buf);
		if (w >= 20) {
			assert_non_null(strstr(buf, "? Help"));
			assert_non_null(strstr(buf, "q Quit"));
		}
	}
	n = hints_grid(&k, 80, h);
	hints_text(h, n, buf, sizeof buf);
	assert_non_null(strstr(buf, "/ Search"));
	assert_null(strstr(buf, "Columns"));
	n = hints_grid(&k, 3, h);
	assert_int_equal(n, 0);

	/* The user's keys show: added, and rebound in place. */
	assert_int_equal(keys_bind(&k, "help", "h", &cause), 0);
	assert_int_equal(keys_bind(&k, "quit", "x", &cause), 0);
	assert_int_equal(keys_bind(&k, "search", "S", &cause), 0);
	assert_int_equal(keys_bind(&k, "details", "o", &cause), 0);
	n = hints_grid(&k, 200, h);
	hints_text(h, n, buf, sizeof buf);
	assert_string_equal(buf,
	    "h Help|S Search|F Filter|s Sort|o Details|p Set|m Message|"
	    "Space Tag|y Copy|C Columns|L Log|x Quit");
	/* An action without a key has no hint. */
	assert_int_equal(keys_bind(&k, "redraw", "y", &cause), 0);
	n = hints_grid(&k, 200, h);
	hints_text(h, n, buf, sizeof buf);
	assert_null(strstr(buf, "Copy"));
}

/* Themes parse from the source tree; colours map down to 8. */
static void
test_theme_files_load(void **state)
{
	static const char *const names[] = { "default", "light", "mono",
		"high-contrast", "colour-blind-safe" };
	struct theme t;
	char *cause = NULL, path[4096];
	const char *dir = getenv("TEAMTOP_THEMES");
	int bright;
	size_t i;

	(void)state;
	if (dir == NULL)
		dir = "themes";
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s.theme", dir, names[i]);
		if (theme_load(&t, path, &cause) != 0)
			fail_msg("%s", cause);
		assert_string_equal(t.name, names[i]);
		assert_true(t.roles[ROLE_BUSY].glyph[0] != '\0');
		assert_true(t.roles[ROLE_BUSY].ascii[0] != '\0');
		theme_done(&t);
	}
	assert_int_equal(theme_colour_parse("brightred"), 9);
	assert_int_equal(theme_colour_parse("default"), -1);
	assert_int_equal(theme_colour_parse("puce"), -2);
	assert_int_equal(theme_colour8(196, &bright), 1); /* red */
	assert_int_equal(theme_colour8(28, &bright), 2);  /* green */
	assert_int_equal(theme_colour8(21, &bright), 4);  /* blue */
}

/*
 * Themes are looked for in TEAMTOP_THEMES, the user's directory, themes/
 * next to the program, then the installed ones.
 */
static void
test_theme_dirs_order(void **state)
{
	char *old_themes, *old_xdg, **dirs, *beside;
	const char *e;
	size_t i, n;

	(void)state;
	e = getenv("TEAMTOP_THEMES");
	old_themes = e == NULL ? NULL : xstrdup(e);
	e = getenv("XDG_CONFIG_HOME");
	old_xdg = e == NULL ? NULL : xstrdup(e);
	setenv("TEAMTOP_THEMES", "/mine", 1);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	dirs = theme_dirs();
	assert_string_equal(dirs[0], "/mine");
	assert_string_equal(dirs[1], "/xdg/teamtop/themes");
	assert_non_null(dirs[2]);
	n = strlen(dirs[2]);
	assert_true(n > 18);
	assert_string_equal(dirs[2] + n - 18, "/tests/unit/themes");
	assert_string_equal(dirs[3], PKGDATADIR "/themes");
	assert_null(dirs[4]);
	for (i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
	free(dirs);

	unsetenv("TEAMTOP_THEMES");
	dirs = theme_dirs();
	beside = dirs[1];
	assert_string_equal(beside + strlen(beside) - 18, "/tests/unit/themes");
	for (i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
	free(dirs);

	if (old_themes != NULL)
		setenv("TEAMTOP_THEMES", old_themes, 1);
	if (old_xdg != NULL)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old_themes);
	free(old_xdg);
}

/* A bad theme names the file, the line and what was wrong. */
static void
test_theme_bad_file_says_where(void **state)
{
	struct theme t;
	char path[] = "/tmp/test_layout."
	              "XX"
	              "XX"
	              "XX";
	char *cause = NULL;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	f = fdopen(fd, "w");
	fprintf(f, "roles = {\n  busy = { fg = \"puce\"; };\n};\n");
	fclose(f);
	assert_int_equal(theme_load(&t, path, &cause), -1);
	assert_non_null(strstr(cause, ":2:"));
	assert_non_null(strstr(cause, "busy.fg"));
	free(cause);
	unlink(path);
}

/* Wide and combining characters never move the next column. */
static void
test_draw_wide_characters_keep_columns(void **state)
{
	static const char *const wide[][3] = {
		{ "\xe7\x94\xb0\xe4\xb8\xad\xe5\xa4\xaa\xe9\x83\x8e\xe3\x81\xaf"
		  "\xe9\x95\xb7\xe3\x81\x84\xe5\x90\x8d\xe5\x89\x8d\xe3\x81\xa7"
		  "\xe3\x81\x99",
		    "Busy", "" },
		{ "Jose\xcc\x81 \xf0\x9f\x98\x80 Emoji", "Available", "" },
		{ "Plain Name", "Away", "" },
	};
	/* The activity after the names (it is not hidden: no availability). */
	enum view_col cols[] = { COL_NAME, COL_ACTIVITY, COL_STATUS };
	struct grid_col gc[3];
	struct grid_opts o = { 0, 0 };
	struct store *st;
	struct snapshot *s;
	struct view v;
	struct screen sc;
	char row[1024];
	size_t ncols, i;
	int y;
	cchar_t cell;
	wchar_t wc[8];
	attr_t attrs;
	short pair;

	(void)state;
	if (screen_open(&sc, 10, 40) != 0)
		skip();

	st = make_store(wide, 3, 1000);
	s = store_acquire(st);
	view_init(&v);
	v.sort = COL_NAME;
	view_build(&v, s);
	ncols = grid_layout(cols, 3, 40, gc);
	assert_int_equal(ncols, 3);
	for (i = 0; i < v.n; i++)
		grid_draw_line(stdscr, (int)i, gc, ncols, 40, s, &v.lines[i], 0,
		    1060, NULL, &o);
	/* Every row has the activity column's first letter at its x. */
	for (y = 0; y < 3; y++) {
		mvwin_wch(stdscr, y, gc[1].x, &cell);
		getcchar(&cell, wc, &attrs, &pair, NULL);
		assert_true(wc[0] == L'A' || wc[0] == L'B');
		screen_read_row(stdscr, y, 40, row, sizeof row);
		assert_null(strchr(row, '\x1b'));
	}
	/* The long CJK name is cut with an ellipsis within its column. */
	screen_read_row(stdscr, 2, 40, row, sizeof row);
	assert_non_null(strstr(row, "\xe2\x80\xa6"));

	view_done(&v);
	snapshot_release(s);
	store_free(st);
	screen_close(&sc);
}

/* Draw the counts line of counts at width; the row read back into row. */
static void
draw_counts(const size_t *counts, int width, char *row, size_t len)
{
	struct grid_opts o = { 0, 0 };
	struct view v;
	int i;

	view_init(&v);
	for (i = 0; i < AVAIL__COUNT; i++)
		v.counts[i] = counts[i];
	werase(stdscr);
	grid_draw_counts(stdscr, 0, width, &v, 0, &o);
	screen_read_row(stdscr, 0, width, row, len);
	view_done(&v);
}

/*
 * The counts line counts every availability that has people at 80
 * columns and narrower, abbreviating first; one with nobody goes first.
 */
static void
test_counts_keep_every_availability(void **state)
{
	static const size_t most[AVAIL__COUNT] = { 72, 92, 41, 17, 31, 44, 3 };
	static const size_t big[AVAIL__COUNT] = { 1200, 3400, 410, 170, 310,
		440, 30 };
	static const size_t some[AVAIL__COUNT] = { 72, 92, 0, 17, 31, 44, 0 };
	struct screen sc;
	char row[1024];

	(void)state;
	if (screen_open(&sc, 5, 140) != 0)
		skip();

	draw_counts(most, 132, row, sizeof row);
	assert_non_null(strstr(row, " Available 72  "));
	assert_non_null(strstr(row, " Unknown 3 "));
	draw_counts(most, 80, row, sizeof row);
	assert_non_null(strstr(row, "teamtop"));
	assert_non_null(strstr(row, " Avail 72 "));
	assert_non_null(strstr(row, " Off 44 "));
	assert_non_null(strstr(row, " Unk 3"));
	assert_null(strstr(row, "\xe2\x80\xa6"));
	draw_counts(big, 80, row, sizeof row);
	assert_non_null(strstr(row, " 1200 "));
	assert_non_null(strstr(row, " 30"));
	assert_null(strstr(row, "\xe2\x80\xa6"));
	draw_counts(some, 80, row, sizeof row);
	assert_non_null(strstr(row, " Available 72 "));
	assert_non_null(strstr(row, " Offline 44 "));
	assert_null(strstr(row, "DND"));
	assert_null(strstr(row, "Unknown"));

	screen_close(&sc);
}

/*
 * The counts line follows the filter: the availabilities filtered out are
 * not counted, those chosen are shown in reverse.
 */
static void
test_counts_follow_the_filter(void **state)
{
	static const size_t most[AVAIL__COUNT] = { 72, 92, 41, 17, 31, 44, 3 };
	struct grid_opts o = { 0, 0 };
	struct screen sc;
	struct view v;
	char row[1024];
	cchar_t cell;
	int i, x;
	char *at;

	(void)state;
	if (screen_open(&sc, 5, 140) != 0)
		skip();

	view_init(&v);
	for (i = 0; i < AVAIL__COUNT; i++)
		v.counts[i] = most[i];
	view_set_filter(&v, 1u << AVAIL_AVAILABLE | 1u << AVAIL_AWAY, NULL);
	werase(stdscr);
	grid_draw_counts(stdscr, 0, 132, &v, 0, &o);
	screen_read_row(stdscr, 0, 132, row, sizeof row);
	assert_non_null(strstr(row, " Available 72 "));
	assert_non_null(strstr(row, " Away 31 "));
	assert_null(strstr(row, "Busy"));
	assert_null(strstr(row, "Offline"));
	/* Both chosen ones stand out. */
	at = strstr(row, "Away 31");
	x = (int)(at - row) - 2;
	mvwin_wch(stdscr, 0, x + 2, &cell);
	assert_true((cell.attr & A_REVERSE) != 0);

	view_set_filter(&v, VIEW_ALL_BUT_OFFLINE, NULL);
	werase(stdscr);
	grid_draw_counts(stdscr, 0, 132, &v, 0, &o);
	screen_read_row(stdscr, 0, 132, row, sizeof row);
	assert_non_null(strstr(row, " Busy 92 "));
	assert_null(strstr(row, "Offline"));

	view_done(&v);
	screen_close(&sc);
}

/*
 * A watched person's name has the watch mark before it (o in ASCII), after
 * the tagged one; a row whose watch just fired is drawn in reverse.
 */
static void
test_draw_watched_and_flashing_rows(void **state)
{
	static const char *const one[][3] = {
		{ "Ann Lee", "Available", "" },
	};
	enum view_col cols[] = { COL_AVAILABILITY, COL_NAME };
	struct grid_marks m;
	struct grid_col gc[2];
	struct grid_opts o = { 0, 0 }, ascii = { 1, 0 };
	struct store *st;
	struct snapshot *s;
	struct view v;
	struct screen sc;
	char row[1024];
	size_t ncols;
	chtype ch;

	(void)state;
	if (screen_open(&sc, 5, 60) != 0)
		skip();
	st = make_store(one, 1, 1000);
	s = store_acquire(st);
	view_init(&v);
	view_build(&v, s);
	ncols = grid_layout(cols, 2, 60, gc);
	assert_int_equal(ncols, 2);

	memset(&m, 0, sizeof m);
	m.watched = 1;
	grid_draw_line(stdscr, 0, gc, ncols, 60, s, &v.lines[0], 0, 1060, &m,
	    &o);
	grid_draw_line(stdscr, 1, gc, ncols, 60, s, &v.lines[0], 0, 1060, &m,
	    &ascii);
	m.tagged = 1;
	m.flash = 1;
	grid_draw_line(stdscr, 2, gc, ncols, 60, s, &v.lines[0], 0, 1060, &m,
	    &o);
	screen_read_row(stdscr, 0, 60, row, sizeof row);
	assert_non_null(strstr(row, "\xe2\x97\x8e Ann Lee"));
	screen_read_row(stdscr, 1, 60, row, sizeof row);
	assert_non_null(strstr(row, "o Ann Lee"));
	screen_read_row(stdscr, 2, 60, row, sizeof row);
	assert_non_null(strstr(row, "\xe2\x97\x86 \xe2\x97\x8e Ann Lee"));
	ch = mvwinch(stdscr, 0, gc[1].x);
	assert_false(ch & A_REVERSE);
	ch = mvwinch(stdscr, 2, gc[1].x);
	assert_true(ch & A_REVERSE);
	ch = mvwinch(stdscr, 2, gc[0].x + 3);
	assert_true(ch & A_REVERSE);

	view_done(&v);
	snapshot_release(s);
	store_free(st);
	screen_close(&sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_sort_by_name_and_reverse),
		cmocka_unit_test(test_view_sort_by_availability),
		cmocka_unit_test(test_view_filter_and_search),
		cmocka_unit_test(test_view_filter_several_availabilities),
		cmocka_unit_test(test_view_filter_department),
		cmocka_unit_test(test_view_search_folds),
		cmocka_unit_test(test_view_sort_follows_locale),
		cmocka_unit_test(test_view_group_by_department),
		cmocka_unit_test(test_view_group_counts_in_a_large_view),
		cmocka_unit_test(test_view_sorts_5000),
		cmocka_unit_test(test_layout_drops_columns_when_narrow),
		cmocka_unit_test(test_layout_where_fits_its_values),
		cmocka_unit_test(test_layout_at_80_keeps_what_matters),
		cmocka_unit_test(test_draw_activity_hidden_when_it_repeats),
		cmocka_unit_test(test_keys_parse_and_bind),
		cmocka_unit_test(test_hints_fit_and_follow_bindings),
		cmocka_unit_test(test_theme_files_load),
		cmocka_unit_test(test_theme_dirs_order),
		cmocka_unit_test(test_theme_bad_file_says_where),
		cmocka_unit_test(test_draw_wide_characters_keep_columns),
		cmocka_unit_test(test_draw_watched_and_flashing_rows),
		cmocka_unit_test(test_counts_keep_every_availability),
		cmocka_unit_test(test_counts_follow_the_filter),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
