/*
 * How long the dashboard's UI thread takes to rebuild the grid's lines
 * (filter, search, sort, group) for 5,000 people: the work done on every
 * key press that changes the view. Prints the median of 21 runs of each.
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

#define PEOPLE 5000
#define RUNS 21

static const char *const bench_avails[] = { "Available", "Busy", "DoNotDisturb",
	"Away", "BeRightBack", "Offline", "Focusing" };
static const char *const bench_first[] = { "Amélie", "José", "Анна", "王",
	"Søren", "Mia", "Oluwaseun", "Zoë", "Ngọc", "Liam", "Fatima" };
static const char *const bench_last[] = { "Lefèvre", "Muñoz", "Иванова", "伟",
	"Bjørnstad", "Clark", "Adeyemi", "Müller", "Trần", "Harris" };
static const char *const bench_depts[] = { "Support", "Sales", "Engineering",
	"Finance", "Facilities" };

/* A store with PEOPLE varied people, some with status messages. */
static struct store *
bench_store(void)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct user *u;
	struct presence *p;
	size_t i;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < PEOPLE; i++) {
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

/* Time view_build with v as set up, print the median in milliseconds. */
static void
bench_view(const char *what, struct view *v, const struct snapshot *s)
{
	double t[RUNS], t0;
	int i;

	for (i = 0; i < RUNS; i++) {
		t0 = bench_now();
		view_build(v, s);
		t[i] = bench_now() - t0;
	}
	qsort(t, RUNS, sizeof t[0], bench_cmp);
	printf("%-36s %8.2f ms  (%zu people shown)\n", what, t[RUNS / 2] * 1000,
	    v->people);
}

int
main(void)
{
	static const char *const keys[] = { "l", "la", "lab", "lab u",
		"lab until 4" };
	struct store *st;
	struct snapshot *s;
	struct view v;
	char what[64];
	size_t i;
	int c;

	st = bench_store();
	s = store_acquire(st);
	printf("view_build for %d people, median of %d runs\n", PEOPLE, RUNS);
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
	snapshot_release(s);
	store_free(st);
	return 0;
}
