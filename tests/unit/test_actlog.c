/*
 * The log of writes: tags and outcomes, a bulk write's progress, and the
 * writes that undo one.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "actlog.h"
#include "presence.h"

#define NOW ((time_t)1772445600) /* 2026-03-02 10:00:00 UTC */

/* A presence with a status message that expires at 17:00 UTC. */
static void
fill_before(struct presence *p, const char *message)
{
	memset(p, 0, sizeof *p);
	p->status_message = (char *)message;
	p->status_expiry = (char *)"2026-03-02T17:00:00.0000000";
	p->status_expiry_zone = (char *)"UTC";
}

/* Outcomes find their write by tag; a batch counts its progress. */
static void
test_outcomes_and_progress(void **state)
{
	struct actlog l;
	struct action a;
	unsigned long b, t1, t2, t3;
	size_t total, done, failed, pending;

	(void)state;
	actlog_init(&l);
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.message = "Back at 3";
	b = actlog_batch(&l);
	a.id = "id-1";
	t1 = actlog_add(&l, b, &a, "Ann", NULL);
	a.id = "id-2";
	t2 = actlog_add(&l, b, &a, "Bob", NULL);
	a.id = "id-3";
	t3 = actlog_add(&l, b, &a, NULL, NULL);
	assert_true(t1 != t2 && t2 != t3);
	assert_int_equal(l.v[1].action->tag, t2);
	assert_string_equal(l.v[2].who, "id-3");
	actlog_progress(&l, b, &total, &done, &failed, &pending);
	assert_int_equal(total, 3);
	assert_int_equal(pending, 3);

	assert_non_null(actlog_outcome(&l, t2, 1, "done"));
	assert_non_null(actlog_outcome(&l, t3, 0, "failed: Forbidden"));
	assert_null(actlog_outcome(&l, 999, 1, "done"));
	actlog_progress(&l, b, &total, &done, &failed, &pending);
	assert_int_equal(done, 1);
	assert_int_equal(failed, 1);
	assert_int_equal(pending, 1);
	assert_int_equal(l.v[2].state, ACTLOG_FAILED);
	assert_string_equal(l.v[2].result, "failed: Forbidden");
	assert_non_null(actlog_outcome(&l, t1, -1, "outcome unknown"));
	assert_int_equal(l.v[0].state, ACTLOG_UNKNOWN);
	actlog_done(&l);
}

/* What Graph showed after each done write, and what a write replaced. */
static void
test_shown_after_and_replaced(void **state)
{
	struct actlog l;
	struct action a;
	struct presence before;
	unsigned long b, t1, t2, t3;
	size_t done, read, differ;

	(void)state;
	actlog_init(&l);
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_PRESENCE;
	a.availability = "Busy";
	a.activity = "InACall";
	fill_before(&before, "Lunch");
	before.availability = (char *)"Available";
	before.activity = (char *)"Available";
	b = actlog_batch(&l);
	a.id = "id-1";
	t1 = actlog_add(&l, b, &a, "Ann", &before);
	a.id = "id-2";
	t2 = actlog_add(&l, b, &a, "Bob", NULL);
	a.id = "id-3";
	t3 = actlog_add(&l, b, &a, "Cy", NULL);
	assert_string_equal(l.v[0].old_availability, "Available");
	assert_string_equal(l.v[0].old_activity, "Available");
	assert_null(l.v[1].old_availability);
	assert_ptr_equal(actlog_find(&l, t2), &l.v[1]);
	assert_null(actlog_find(&l, 999));
	actlog_outcome(&l, t1, 1, "done");
	actlog_outcome(&l, t2, 1, "done");
	actlog_outcome(&l, t3, 0, "failed");
	actlog_checked(&l, b, &done, &read, &differ);
	assert_int_equal(done, 2);
	assert_int_equal(read, 0);
	assert_non_null(actlog_shown(&l, t1, "Graph shows Busy/InACall", 0));
	assert_non_null(actlog_shown(&l, t2, "Graph shows Available", 1));
	assert_null(actlog_shown(&l, 999, "x", 0));
	actlog_checked(&l, b, &done, &read, &differ);
	assert_int_equal(read, 2);
	assert_int_equal(differ, 1);
	assert_string_equal(l.v[1].shown, "Graph shows Available");
	actlog_done(&l);
}

/* Undo puts messages back with their expiry and clears what was set. */
static void
test_undo_as_far_as_the_api_allows(void **state)
{
	struct actlog l;
	struct action a, **u;
	struct presence before;
	unsigned long b, t[4];
	size_t n, cannot, i;

	(void)state;
	actlog_init(&l);
	b = actlog_batch(&l);
	memset(&a, 0, sizeof a);
	a.id = "id-1";
	a.kind = ACTION_SET_STATUS;
	a.message = "Gone fishing";
	fill_before(&before, "In the lab");
	t[0] = actlog_add(&l, b, &a, "Ann", &before);
	a.kind = ACTION_SET_PRESENCE;
	a.session = "session-1";
	a.availability = "Busy";
	a.activity = "InACall";
	t[1] = actlog_add(&l, b, &a, "Ann", NULL);
	a.kind = ACTION_SET_PREFERRED;
	a.session = NULL;
	t[2] = actlog_add(&l, b, &a, "Ann", NULL);
	a.kind = ACTION_CLEAR_PREFERRED;
	t[3] = actlog_add(&l, b, &a, "Ann", NULL);
	for (i = 0; i < 4; i++)
		actlog_outcome(&l, t[i], 1, "done");
	assert_int_equal(actlog_last_undoable(&l), b);

	n = actlog_undo(&l, b, NOW, &u, &cannot);
	assert_int_equal(n, 3);
	assert_int_equal(cannot, 1);
	assert_int_equal(u[0]->kind, ACTION_SET_STATUS);
	assert_string_equal(u[0]->message, "In the lab");
	assert_int_equal(u[0]->expiry, NOW + 7 * 3600);
	assert_string_equal(u[0]->id, "id-1");
	assert_int_equal(u[1]->kind, ACTION_CLEAR_PRESENCE);
	assert_string_equal(u[1]->session, "session-1");
	assert_int_equal(u[2]->kind, ACTION_CLEAR_PREFERRED);
	for (i = 0; i < n; i++)
		free(u[i]);
	free(u);

	/* Once undone, the batch has nothing left to undo. */
	assert_int_equal(actlog_last_undoable(&l), 0);
	assert_int_equal(actlog_undo(&l, b, NOW, &u, &cannot), 0);
	free(u);
	actlog_done(&l);
}

/* A failed write is not undone; an old message already expired is not. */
static void
test_undo_skips_failures_and_expired(void **state)
{
	struct actlog l;
	struct action a, **u;
	struct presence before;
	unsigned long b, t1, t2;
	size_t n, cannot;

	(void)state;
	actlog_init(&l);
	b = actlog_batch(&l);
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.message = "New";
	a.id = "id-1";
	fill_before(&before, "Old");
	t1 = actlog_add(&l, b, &a, "Ann", &before);
	a.id = "id-2";
	t2 = actlog_add(&l, b, &a, "Bob", &before);
	actlog_outcome(&l, t1, 1, "done");
	actlog_outcome(&l, t2, 0, "failed");
	/* At 18:00 the old message would have expired: clear instead. */
	n = actlog_undo(&l, b, NOW + 8 * 3600, &u, &cannot);
	assert_int_equal(n, 1);
	assert_string_equal(u[0]->id, "id-1");
	assert_string_equal(u[0]->message, "");
	assert_int_equal(u[0]->expiry, 0);
	free(u[0]);
	free(u);
	actlog_done(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcomes_and_progress),
		cmocka_unit_test(test_shown_after_and_replaced),
		cmocka_unit_test(test_undo_as_far_as_the_api_allows),
		cmocka_unit_test(test_undo_skips_failures_and_expired),
	};

	return cmocka_run_group_tests_name("actlog", tests, NULL, NULL);
}
