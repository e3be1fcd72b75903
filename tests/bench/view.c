/*
 * How long the dashboard's UI thread takes to rebuild the grid's lines
 * (filter, search, sort, group) for 5,000 people (or as many as the first
 * argument says): from scratch, as each key of a search typed, and for a
 * refresh in which nothing changed. Prints the median of 21 runs of each.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presence.h"
#include "store.h"
#include "user.h"
#include "view.h"
#include "xmalloc.h"

#define RUNS 21

/* How many people: 5,000 unless given. */
static size_t bench_people = 5000;

static const char *const bench_avails[] = { "Available", "Busy", "DoNotDisturb",
	"Away", "BeRightBack", "Offline", "Focusing" };
static const char *const bench_first[] = { "Amélie", "José", "Анна", "王",
	"Søren", "Mia", "Oluwaseun", "Zoë", "Ngọc", "Liam", "Fatima" };
static const char *const bench_last[] = { "Lefèvre", "Muñoz", "Иванова", "伟",
	"Bjørnstad", "Clark", "Adeyemi", "Müller", "Trần", "Harris" };
static const char *const bench_depts[] = { "Support", "Sales", "Engineering",
	"Finance", "Facilities" };

/* Publish people varied people, some with status messages, to st. */
static struct store *
bench_fill(struct store *st)
{
	struct user_list ul;
	struct presence_list pl;
	struct user *u;
	struct presence *p;
	size_t i;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < bench_people; i++) {
		u = user_list_add(&ul);
		xasprintf(&u->id, "%08zx-0000-4000-8000-000000000000", i);
		xasprintf(&u->display_name, "%s %s %zu",
		    bench_first[(i * 7) % 11], bench_last[(i * 3) % 10], i);
		xasprintf(&u->upn, "user%zu@example.com", i);
		u->mail = xstrdup(u->upn);
		u->department = xstrdup(bench_depts[i % 5]);
		p = presence_list_add(&pl);
		p->id = xstrdup(u->id);
		p->availability = xstrdup(bench_avails[(i * 5) % 7]);
		p->activity = xstrdup(bench_avails[(i * 5) % 7]);
		p->sequence = xstrdup("1");
		if (i % 3 == 0)
			xasprintf(&p->status_message, "In the lab until %zu",
			    i);
	}
	store_publish(st, &ul, &pl, time(NULL));
	user_list_done(&ul);
	presence_list_done(&pl);
	return st;
}

/* Seconds on the monotonic clock. */
static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Order doubles for qsort. */
static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Time view_build from scratch with a view set up as proto. */
static void
bench_view(const char *what, const struct view *proto, const struct snapshot *s)
{
	double t[RUNS], t0;
	struct view v;
	size_t people = 0;
	int i;

	for (i = 0; i < RUNS; i++) {
		view_init(&v);
		v.sort = proto->sort;
		v.group = proto->group;
		view_set_filter(&v, proto->avails, proto->department);
		view_set_search(&v, proto->search);
		t0 = bench_now();
		view_build(&v, s);
		t[i] = bench_now() - t0;
		people = v.people;
		view_done(&v);
	}
	qsort(t, RUNS, sizeof t[0], bench_cmp);
	printf("%-36s %8.2f ms  (%zu people shown)\n", what, t[RUNS / 2] * 1000,
	    people);
}

/*
 * Time each key of a search typed one key at a time into a built view,
 * then erased: the median of RUNS runs for each; and before them "/",
 * which lays out what the search looks in (view_search_ready).
 */
static void
bench_typing(const struct snapshot *s)
{
	static const char *const typed[] = { "l", "la", "lab", "lab u",
		"lab until 4", "lab u", "lab", "la", "l", "" };
	enum {
		NTYPED = sizeof typed / sizeof typed[0]
	};
	double t[NTYPED][RUNS], ready[RUNS], t0;
	struct view v;
	size_t k;
	int i;

	for (i = 0; i < RUNS; i++) {
		view_init(&v);
		view_build(&v, s);
		t0 = bench_now();
		view_search_ready(&v, s);
		ready[i] = bench_now() - t0;
		for (k = 0; k < NTYPED; k++) {
			t0 = bench_now();
			view_set_search(&v, typed[k]);
			view_build(&v, s);
			t[k][i] = bench_now() - t0;
		}
		view_done(&v);
	}
	qsort(ready, RUNS, sizeof ready[0], bench_cmp);
	printf("%-36s %8.2f ms\n", "\"/\", the search laid out",
	    ready[RUNS / 2] * 1000);
	for (k = 0; k < NTYPED; k++) {
		qsort(t[k], RUNS, sizeof t[k][0], bench_cmp);
		printf("typed, search now \"%s\"%*s %8.2f ms\n", typed[k],
		    (int)(22 - strlen(typed[k])), "", t[k][RUNS / 2] * 1000);
	}
}

/* Time the view of a refresh in which nothing changed, and one person. */
static void
bench_refresh(struct store *st)
{
	struct snapshot *s, *s2;
	double t[RUNS], t0;
	struct view v;
	int i;

	s = store_acquire(st);
	view_init(&v);
	view_build(&v, s);
	for (i = 0; i < RUNS; i++) {
		/* Republishing the roster alone changes nobody's row. */
		bench_fill(st);
		s2 = store_acquire(st);
		t0 = bench_now();
		view_build(&v, s2);
		t[i] = bench_now() - t0;
		snapshot_release(s2);
	}
	qsort(t, RUNS, sizeof t[0], bench_cmp);
	printf("%-36s %8.2f ms\n", "refresh, nothing changed",
	    t[RUNS / 2] * 1000);
	view_done(&v);
	snapshot_release(s);
}

/*
 * Time view_build for a refresh in which one person changed, with a
 * search typed (search NULL: none): what a key that meets such a refresh
 * pays besides its own work.
 */
static void
bench_refresh_changed(struct store *st, const char *search)
{
	struct presence_list pl;
	struct presence *p;
	struct snapshot *s, *s2;
	double t[RUNS], t0;
	struct view v;
	char what[64];
	int i;

	s = store_acquire(st);
	view_init(&v);
	if (search != NULL)
		view_set_search(&v, search);
	view_build(&v, s);
	for (i = 0; i < RUNS; i++) {
		memset(&pl, 0, sizeof pl);
		p = presence_list_add(&pl);
		p->id = xstrdup("00000001-0000-4000-8000-000000000000");
		p->availability = xstrdup(bench_avails[i % 7]);
		p->activity = xstrdup(bench_avails[i % 7]);
		xasprintf(&p->sequence, "%d", i + 2);
		store_update(st, &pl, time(NULL));
		presence_list_done(&pl);
		s2 = store_acquire(st);
		t0 = bench_now();
		view_build(&v, s2);
		t[i] = bench_now() - t0;
		snapshot_release(s2);
	}
	qsort(t, RUNS, sizeof t[0], bench_cmp);
	snprintf(what, sizeof what, "refresh, one changed, search \"%s\"",
	    search != NULL ? search : "");
	printf("%-36s %8.2f ms\n", what, t[RUNS / 2] * 1000);
	view_done(&v);
	snapshot_release(s);
}

int
main(int argc, char **argv)
{
	static const char *const keys[] = { "l", "la", "lab", "lab u",
		"lab until 4" };
	struct store *st;
	struct snapshot *s;
	struct view v;
	char what[64];
	size_t i;
	int c;

	if (argc > 1 && atoi(argv[1]) > 0)
		bench_people = (size_t)atoi(argv[1]);
	st = bench_fill(store_new());
	s = store_acquire(st);
	printf("view_build for %zu people, median of %d runs\n", bench_people,
	    RUNS);
	for (c = 0; c < COL__COUNT; c++) {
		view_init(&v);
		v.sort = c;
		snprintf(what, sizeof what, "sort by %s", view_col_name(c));
		bench_view(what, &v, s);
		view_done(&v);
	}
	view_init(&v);
	v.group = GROUP_DEPARTMENT;
	bench_view("group by department", &v, s);
	view_done(&v);
	view_init(&v);
	view_set_filter(&v, 1u << AVAIL_BUSY, NULL);
	bench_view("filter Busy", &v, s);
	view_done(&v);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		view_init(&v);
		view_set_search(&v, keys[i]);
		snprintf(what, sizeof what, "search \"%s\"", keys[i]);
		bench_view(what, &v, s);
		view_done(&v);
	}
	bench_typing(s);
	snapshot_release(s);
	bench_refresh(st);
	bench_refresh_changed(st, NULL);
	bench_refresh_changed(st, "la");
	store_free(st);
	return 0;
}
