/*
 * The view kept from one build to the next: a refresh re-sorts only the
 * people who moved, a search that extends the last one narrows what that
 * one found, and either gives exactly the lines a build from scratch
 * gives.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presence.h"
#include "store.h"
#include "text.h"
#include "user.h"
#include "view.h"
#include "xmalloc.h"

#define PEOPLE 400

static const char *const avails[] = { "Available", "Busy", "DoNotDisturb",
	"Away", "BeRightBack", "Offline", "PresenceUnknown" };
static const char *const firsts[] = { "Anna", "Ann", "Zoë", "José", "Mia",
	"Liam", "Søren", "Ngọc", "anne", "Bob", "Chris" };
static const char *const lasts[] = { "Lefèvre", "Muñoz", "Adams", "Clark",
	"Müller", "Trần", "Harris" };
static const char *const depts[] = { "Support", "Sales", "", "Finance" };

/*
 * Publish everyone to st at now; person i's availability is shifted by
 * shift[i] (NULL for none) and a status message says round r for those
 * whose shift is odd.
 */
static void
publish(struct store *st, const int *shift, int r, time_t now)
{
	struct user_list ul;
	struct presence_list pl;
	struct user *u;
	struct presence *p;
	size_t i;
	int k;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < PEOPLE; i++) {
		k = shift != NULL ? shift[i] : 0;
		u = user_list_add(&ul);
		xasprintf(&u->id, "id-%04zu", i);
		xasprintf(&u->display_name, "%s %s", firsts[i % 11],
		    lasts[(i * 3) % 7]);
		xasprintf(&u->upn, "p%zu@example.com", i);
		u->department = xstrdup(depts[i % 4]);
		p = presence_list_add(&pl);
		p->id = xstrdup(u->id);
		p->availability = xstrdup(avails[(i * 5 + (size_t)k) % 7]);
		p->activity = xstrdup(p->availability);
		xasprintf(&p->sequence, "%d", r + 1);
		if (k % 2 == 1)
			xasprintf(&p->status_message, "round %d", r);
	}
	store_publish(st, &ul, &pl, now);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* Are the lines of a the lines of b? */
static void
assert_same_lines(const struct view *a, const struct view *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	assert_int_equal(a->people, b->people);
	assert_memory_equal(a->counts, b->counts, sizeof a->counts);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->lines[i].heading, b->lines[i].heading);
		if (a->lines[i].heading) {
			assert_string_equal(a->lines[i].label,
			    b->lines[i].label);
			assert_int_equal(a->lines[i].count, b->lines[i].count);
		} else
			assert_int_equal(a->lines[i].row, b->lines[i].row);
	}
}

/* Build a view like v from scratch on s and compare. */
static void
assert_as_from_scratch(const struct view *v, const struct snapshot *s)
{
	struct view fresh;

	view_init(&fresh);
	fresh.sort = v->sort;
	fresh.reverse = v->reverse;
	fresh.group = v->group;
	view_set_filter(&fresh, v->avails, v->department);
	view_set_search(&fresh, v->search);
	view_build(&fresh, s);
	assert_same_lines(v, &fresh);
	view_done(&fresh);
}

/* Refreshes in which a few people change, under each sort and grouping. */
static void
test_refresh_resorts_the_moved(void **state)
{
	static const enum view_col sorts[] = { COL_AVAILABILITY, COL_NAME,
		COL_SINCE, COL_STATUS, COL_DEPARTMENT };
	int shift[PEOPLE];
	struct store *st;
	struct snapshot *s;
	struct view v;
	size_t k, i;
	int r, g;

	(void)state;
	for (k = 0; k < sizeof sorts / sizeof sorts[0]; k++) {
		for (g = 0; g < GROUP__COUNT; g++) {
			memset(shift, 0, sizeof shift);
			st = store_new();
			publish(st, shift, 0, 1000);
			view_init(&v);
			v.sort = sorts[k];
			v.group = (enum view_group)g;
			v.reverse = (int)k % 2;
			for (r = 1; r <= 6; r++) {
				s = store_acquire(st);
				view_build(&v, s);
				assert_as_from_scratch(&v, s);
				snapshot_release(s);
				/* A few people change, more each round. */
				for (i = 0; i < (size_t)(r * r); i++)
					shift[(i * 37 + (size_t)r * 11) %
					    PEOPLE] += r;
				publish(st, shift, r, 1000 + r * 60);
			}
			view_done(&v);
			store_free(st);
		}
	}
}

/* A refresh in which nobody changed sorts nothing and keeps the lines. */
static void
test_quiet_refresh_sorts_nothing(void **state)
{
	struct store *st = store_new();
	struct snapshot *s1, *s2, *s3;
	const struct view_line *lines;
	struct view v;
	size_t *order, n;
	int shift[PEOPLE];

	(void)state;
	memset(shift, 0, sizeof shift);
	publish(st, shift, 0, 1000);
	s1 = store_acquire(st);
	view_init(&v);
	view_build(&v, s1);
	order = v.order;
	lines = v.lines;
	n = v.n;
	publish(st, shift, 0, 1003);
	s2 = store_acquire(st);
	assert_ptr_not_equal(s1, s2);
	view_build(&v, s2);
	/* The same order and lines, not made again. */
	assert_ptr_equal(v.order, order);
	assert_ptr_equal(v.lines, lines);
	assert_int_equal(v.n, n);
	assert_as_from_scratch(&v, s2);
	/* One person moves: placed again, the order updated in place. */
	shift[5] = 1;
	publish(st, shift, 1, 1006);
	s3 = store_acquire(st);
	view_build(&v, s3);
	assert_ptr_equal(v.order, order);
	assert_as_from_scratch(&v, s3);
	view_done(&v);
	snapshot_release(s1);
	snapshot_release(s2);
	snapshot_release(s3);
	store_free(st);
}

/* Typing a search narrows; erasing and filtering widen again. */
static void
test_search_narrows_as_typed(void **state)
{
	static const char *const typed[] = { "a", "an", "ann", "anne", "ann",
		"an", "", "m", "mü", "mu", "round", "round 1", "zz", "" };
	struct store *st = store_new();
	struct snapshot *s;
	struct view v;
	int shift[PEOPLE];
	size_t i, found[sizeof typed / sizeof typed[0]];

	(void)state;
	for (i = 0; i < PEOPLE; i++)
		shift[i] = (int)(i % 3);
	publish(st, shift, 1, 1000);
	s = store_acquire(st);
	view_init(&v);
	v.group = GROUP_AVAILABILITY;
	view_build(&v, s);
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		view_set_search(&v, typed[i]);
		view_build(&v, s);
		assert_as_from_scratch(&v, s);
		found[i] = v.people;
		if (i == 6) {
			/* A filter while no search: widened and narrowed. */
			view_set_filter(&v, 1u << AVAIL_BUSY, "Sales");
			view_build(&v, s);
			assert_as_from_scratch(&v, s);
			view_set_filter(&v, 0, NULL);
			view_build(&v, s);
			assert_as_from_scratch(&v, s);
		}
	}
	/* What the letters found: fewer as typed, all again once erased. */
	assert_true(found[0] > found[1] && found[1] >= found[2]);
	assert_true(found[2] > found[3] && found[3] > 0);
	assert_int_equal(found[4], found[2]);
	assert_int_equal(found[6], PEOPLE);
	assert_int_equal(found[8], found[9]); /* Accents are ignored. */
	assert_int_equal(found[12], 0);
	view_done(&v);
	snapshot_release(s);
	store_free(st);
}

/*
 * The people a reader would say a search finds: the search, folded, in
 * one of their name, UPN, mail, status message, department or job title,
 * folded. Counted over s, in the department and availabilities shown.
 */
static size_t
found_by_reading(const struct snapshot *s, const char *search)
{
	const struct store_row *r;
	const char *fields[6];
	char *needle = text_fold(search), *f;
	size_t i, k, n = 0;
	int hit;

	for (i = 0; i < s->n; i++) {
		r = s->rows[i];
		fields[0] = r->d_name;
		fields[1] = r->d_upn;
		fields[2] = r->d_mail;
		fields[3] = r->d_status;
		fields[4] = r->d_department;
		fields[5] = r->d_job_title;
		hit = 0;
		for (k = 0; k < 6 && !hit; k++) {
			if (fields[k] == NULL)
				continue;
			f = text_fold(fields[k]);
			hit = strstr(f, needle) != NULL;
			free(f);
		}
		n += hit;
	}
	free(needle);
	return n;
}

/* Is every line of v a person found by reading, and are they all there? */
static void
assert_found_by_reading(const struct view *v, const struct snapshot *s)
{
	assert_int_equal(v->people, found_by_reading(s, v->search));
	assert_as_from_scratch(v, s);
}

/*
 * Publish people with mail that is and is not their UPN, job titles, and
 * the status message "note R-i" for those i where (i + r) % m == 0.
 */
static void
publish_notes(struct store *st, int r, size_t m, size_t people)
{
	static const char *const titles[] = { "Engineer", "Account Manager",
		"Señor Analyst", "" };
	struct user_list ul;
	struct presence_list pl;
	struct user *u;
	struct presence *p;
	size_t i;

	memset(&ul, 0, sizeof ul);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < people; i++) {
		u = user_list_add(&ul);
		xasprintf(&u->id, "id-%04zu", i);
		xasprintf(&u->display_name, "%s %s", firsts[i % 11],
		    lasts[(i * 3) % 7]);
		xasprintf(&u->upn, "p%zu@example.com", i);
		if (i % 5 == 0)
			xasprintf(&u->mail, "Other.%zu@Example.org", i);
		else
			xasprintf(&u->mail, "P%zu@EXAMPLE.com", i);
		u->department = xstrdup(depts[i % 4]);
		u->job_title = xstrdup(titles[i % 4]);
		p = presence_list_add(&pl);
		p->id = xstrdup(u->id);
		p->availability = xstrdup(avails[i % 7]);
		p->activity = xstrdup(p->availability);
		xasprintf(&p->sequence, "%d", r + 1);
		if ((i + (size_t)r) % m == 0)
			xasprintf(&p->status_message, "Note %d-%zu", r, i);
	}
	store_publish(st, &ul, &pl, 1000 + r);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/*
 * What a search finds is what a reader finds, in every field, after
 * refreshes that change a few status messages (read from the rows that
 * changed) and many (the search's texts laid out again), and after the
 * roster changes.
 */
static void
test_search_finds_what_reading_finds(void **state)
{
	static const char *const searches[] = { "anna", "other.", "example",
		"p1", "senor", "account man", "manager", "support", "note 1",
		"note 2-", "note 3-7", "muller", "ngoc", "zz" };
	struct store *st = store_new();
	struct snapshot *s;
	struct view v;
	size_t i, k, people = PEOPLE;
	int r;

	(void)state;
	view_init(&v);
	for (r = 0; r < 5; r++) {
		/* Rounds 1 and 2 change few; 3 many; 4 another roster. */
		if (r == 4)
			people = PEOPLE - 7;
		publish_notes(st, r, r == 3 ? 2 : 97, people);
		s = store_acquire(st);
		if (r == 0)
			view_search_ready(&v, s);
		for (i = 0; i < sizeof searches / sizeof searches[0]; i++) {
			view_set_search(&v, searches[i]);
			view_build(&v, s);
			assert_found_by_reading(&v, s);
			/* Typed one letter at a time, and erased. */
			for (k = 1; k <= strlen(searches[i]); k++) {
				char typed[64];

				snprintf(typed, sizeof typed, "%.*s", (int)k,
				    searches[i]);
				view_set_search(&v, typed);
				view_build(&v, s);
				assert_found_by_reading(&v, s);
			}
		}
		view_set_search(&v, "");
		view_build(&v, s);
		snapshot_release(s);
	}
	view_search_done(&v);
	assert_null(v.hay);
	/* The figures the searches above rest on. */
	s = store_acquire(st);
	assert_int_equal(found_by_reading(s, "other."), (PEOPLE - 7 + 4) / 5);
	assert_true(found_by_reading(s, "senor") > 0);
	assert_true(found_by_reading(s, "note 4-") > 0);
	snapshot_release(s);
	view_done(&v);
	store_free(st);
}

/* The search found by one key, read from rows that changed since. */
static void
test_search_reads_changed_rows(void **state)
{
	struct store *st = store_new();
	struct snapshot *s;
	struct view v;

	(void)state;
	publish_notes(st, 1, 97, PEOPLE);
	s = store_acquire(st);
	view_init(&v);
	view_search_ready(&v, s);
	view_set_search(&v, "note 1-");
	view_build(&v, s);
	assert_int_equal(v.people, 4); /* 96, 193, 290 and 387. */
	assert_found_by_reading(&v, s);
	snapshot_release(s);
	/* Four people's messages change; the search is still typed. */
	publish_notes(st, 2, 97, PEOPLE);
	s = store_acquire(st);
	view_build(&v, s);
	assert_int_equal(v.people, 0);
	assert_found_by_reading(&v, s);
	view_set_search(&v, "note 2-");
	view_build(&v, s);
	assert_int_equal(v.people, found_by_reading(s, "note 2-"));
	assert_true(v.people > 0);
	snapshot_release(s);
	view_done(&v);
	store_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refresh_resorts_the_moved),
		cmocka_unit_test(test_quiet_refresh_sorts_nothing),
		cmocka_unit_test(test_search_narrows_as_typed),
		cmocka_unit_test(test_search_finds_what_reading_finds),
		cmocka_unit_test(test_search_reads_changed_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
