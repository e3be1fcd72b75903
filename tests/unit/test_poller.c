/*
 * The poller against graphsim: it resolves the roster and publishes
 * presence, sends queued actions and reports their result, reads a person
 * fresh for the details pane, and stops at once although its next refresh
 * is an hour away. Needs $GRAPHSIM.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "action.h"
#include "cfg.h"
#include "helpers.h"
#include "poller.h"
#include "state.h"
#include "store.h"
#include "xmalloc.h"

struct fixture {
	struct graphsim gs;
	struct cfg cfg;
	struct store *store;
	struct poller *poller;
};

/* Seconds on the monotonic clock. */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait up to seconds for the poller's pipe, then drain it. */
static void
wait_wake(struct fixture *f, double seconds)
{
	struct pollfd pfd;

	pfd.fd = poller_fd(f->poller);
	pfd.events = POLLIN;
	if (poll(&pfd, 1, (int)(seconds * 1000)) > 0)
		poller_drain(f->poller);
}

/* Start graphsim with 12 people and a poller pointed at it. */
static int
setup(void **state)
{
	struct fixture *f;
	char *cause = NULL;

	f = xcalloc(1, sizeof *f);
	if (graphsim_start(&f->gs, "test_poller", "12") != 0)
		return -1;
	if (graphsim_cfg(&f->cfg, f->gs.url, &cause) != 0)
		fail_msg("cfg: %s", cause);
	f->store = store_new();
	f->poller = poller_start(&f->cfg, f->store, 3600, &cause);
	if (f->poller == NULL)
		fail_msg("poller_start: %s", cause);
	*state = f;
	return 0;
}

/* Stop the poller and graphsim. */
static int
teardown(void **state)
{
	struct fixture *f = *state;

	poller_stop(f->poller);
	store_free(f->store);
	cfg_done(&f->cfg);
	graphsim_stop(&f->gs);
	free(f);
	return 0;
}

/* Wait until the store has presence for everyone. */
static struct snapshot *
wait_presence(struct fixture *f)
{
	struct snapshot *s;
	double end = now_s() + 10;

	for (;;) {
		s = store_acquire(f->store);
		if (s->fetched != 0 && s->n > 0)
			return s;
		snapshot_release(s);
		if (now_s() > end)
			fail_msg("no presence after 10 s");
		wait_wake(f, 0.5);
	}
}

/* Wait for the next event of a kind, skipping others, and take it. */
static void
wait_event(struct fixture *f, enum store_event_kind kind,
    struct store_event *ev)
{
	double end = now_s() + 10;

	for (;;) {
		while (store_pop_event(f->store, ev)) {
			if (ev->kind == kind)
				return;
			store_event_done(ev);
		}
		if (now_s() > end)
			fail_msg("no event after 10 s");
		wait_wake(f, 0.5);
	}
}

/* Does the audit trail have a line about id that holds what? */
static int
audit_has(const char *id, const char *what)
{
	char path[4096], line[8192];
	FILE *f;
	int found = 0;

	if (state_path("audit.jsonl", path, sizeof path) == NULL ||
	    (f = fopen(path, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof line, f) != NULL)
		found = strstr(line, id) != NULL && strstr(line, what) != NULL;
	fclose(f);
	return found;
}

/* The roster and everyone's presence are published with the status. */
static void
test_poller_publishes_roster_and_presence(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store_status st;
	size_t i;

	assert_int_equal(s->n, 12);
	for (i = 0; i < s->n; i++) {
		assert_true(s->rows[i]->have_presence);
		assert_non_null(s->rows[i]->presence.availability);
	}
	store_get_status(f->store, &st);
	assert_int_equal(st.phase, STORE_RUNNING);
	assert_true(st.last_ok != 0);
	assert_false(st.stale);
	assert_true(st.next_refresh > time(NULL) + 3000);
	snapshot_release(s);
}

/* An action is sent, the person re-read at once, the result reported. */
static void
test_poller_action_sets_and_rereads(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct action a;
	struct store_event ev;
	const struct store_row *r;
	char *id = xstrdup(s->rows[0]->id);
	double end;

	snapshot_release(s);
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_PRESENCE;
	a.id = id;
	a.availability = "DoNotDisturb";
	a.activity = "Presenting";
	a.expiry_seconds = 3600;
	a.tag = 42;
	poller_submit(f->poller, &a);
	wait_event(f, STORE_EVENT_OUTCOME, &ev);
	assert_non_null(strstr(ev.text, "setPresence"));
	assert_non_null(strstr(ev.text, "done"));
	assert_true(ev.ok);
	assert_int_equal(ev.action, ACTION_SET_PRESENCE);
	assert_int_equal(ev.tag, 42);
	assert_string_equal(ev.id, id);
	store_event_done(&ev);
	/* Then what Graph shows, read again, with the write's tag. */
	wait_event(f, STORE_EVENT_REREAD, &ev);
	assert_int_equal(ev.tag, 42);
	assert_true(ev.ok);
	assert_true(ev.have_presence);
	assert_string_equal(ev.presence.availability, "DoNotDisturb");
	assert_string_equal(ev.presence.activity, "Presenting");
	store_event_done(&ev);
	assert_true(audit_has(id, "\"method\":\"setPresence\""));
	/* The row changes without waiting an hour for the next refresh. */
	end = now_s() + 5;
	for (;;) {
		s = store_acquire(f->store);
		r = snapshot_find(s, id);
		if (r != NULL && r->presence.availability != NULL &&
		    strcmp(r->presence.availability, "DoNotDisturb") == 0)
			break;
		snapshot_release(s);
		if (now_s() > end)
			fail_msg("the row did not change");
		wait_wake(f, 0.5);
	}
	snapshot_release(s);

	/* A refused action says so, with Graph's or our reason. */
	a.availability = "Available";
	a.activity = "InAMeeting";
	poller_submit(f->poller, &a);
	wait_event(f, STORE_EVENT_OUTCOME, &ev);
	assert_non_null(strstr(ev.text, "failed"));
	assert_false(ev.ok);
	store_event_done(&ev);
	free(id);
}

/* Writes queued together go out several at a time, each with its outcome. */
static void
test_poller_sends_queued_writes_together(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store_event ev;
	struct action a;
	double start, end;
	size_t i, outcomes = 0;

	/* Each setStatusMessage takes 600 ms: ten one by one take 6 s. */
	graphsim_control(&f->gs, "POST", "/_graphsim/faults",
	    "{\"route\": \"POST /users/{id}/presence/setStatusMessage\", "
	    "\"count\": 10, \"delay_ms\": 600}");
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.message = "Team meeting";
	start = now_s();
	for (i = 0; i < 10; i++) {
		a.id = s->rows[i]->id;
		a.tag = 100 + i;
		poller_submit(f->poller, &a);
	}
	end = start + 10;
	while (outcomes < 10 && now_s() < end) {
		while (store_pop_event(f->store, &ev)) {
			if (ev.kind == STORE_EVENT_OUTCOME) {
				assert_int_equal(ev.ok, 1);
				assert_true(ev.tag >= 100 && ev.tag < 110);
				outcomes++;
			}
			store_event_done(&ev);
		}
		wait_wake(f, 0.2);
	}
	assert_int_equal(outcomes, 10);
	assert_true(now_s() - start < 4);
	snapshot_release(s);
}

/* Two outcomes that arrive before anyone looks are both kept. */
static void
test_poller_keeps_every_outcome(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store_event ev;
	struct action a;
	double end = now_s() + 10;

	memset(&a, 0, sizeof a);
	a.kind = ACTION_CLEAR_PREFERRED;
	a.id = s->rows[1]->id;
	poller_submit(f->poller, &a);
	a.kind = ACTION_SET_STATUS;
	a.id = s->rows[2]->id;
	a.message = "In the lab";
	poller_submit(f->poller, &a);
	while (poller_pending(f->poller) != 0) {
		if (now_s() > end)
			fail_msg("actions still pending after 10 s");
		wait_wake(f, 0.5);
	}
	wait_event(f, STORE_EVENT_OUTCOME, &ev);
	assert_non_null(strstr(ev.text, "clearUserPreferredPresence"));
	assert_string_equal(ev.id, s->rows[1]->id);
	store_event_done(&ev);
	wait_event(f, STORE_EVENT_OUTCOME, &ev);
	assert_non_null(strstr(ev.text, "setStatusMessage"));
	assert_string_equal(ev.id, s->rows[2]->id);
	store_event_done(&ev);
	snapshot_release(s);
}

/* A details request reads one person fresh. */
static void
test_poller_reads_details(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct action a;
	struct store_event d;

	memset(&a, 0, sizeof a);
	a.kind = ACTION_READ;
	a.id = s->rows[3]->id;
	poller_submit(f->poller, &a);
	wait_event(f, STORE_EVENT_DETAIL, &d);
	assert_string_equal(d.id, s->rows[3]->id);
	assert_true(d.ok);
	assert_true(d.have_presence);
	assert_non_null(d.presence.availability);
	store_event_done(&d);
	snapshot_release(s);
}

/* A write is sent at once while a refresh waits out Retry-After. */
static void
test_poller_writes_do_not_wait_for_a_throttled_refresh(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store_status st;
	struct store_event ev;
	struct action a;
	double start, end = now_s() + 10;
	char *cause = NULL;

	graphsim_control(&f->gs, "POST", "/_graphsim/faults",
	    "{\"route\": \"POST /communications/getPresencesByUserId\", "
	    "\"count\": 100, \"status\": 429, \"retry_after\": 30}");
	poller_refresh(f->poller);
	for (;;) {
		store_get_status(f->store, &st);
		if (st.busy)
			break;
		if (now_s() > end)
			fail_msg("the refresh did not start");
		wait_wake(f, 0.1);
	}
	usleep(300000); /* Well into the 30 s wait. */
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.id = s->rows[4]->id;
	a.message = "Back at 3";
	start = now_s();
	poller_submit(f->poller, &a);
	wait_event(f, STORE_EVENT_OUTCOME, &ev);
	assert_true(ev.ok);
	assert_non_null(strstr(ev.text, "setStatusMessage"));
	assert_true(now_s() - start < 5);
	store_event_done(&ev);
	snapshot_release(s);
	/* Stopping does not wait out the throttled refresh either. */
	start = now_s();
	poller_stop(f->poller);
	assert_true(now_s() - start < 3);
	graphsim_control(&f->gs, "DELETE", "/_graphsim/faults", NULL);
	f->poller = poller_start(&f->cfg, f->store, 3600, &cause);
	assert_non_null(f->poller);
}

/*
 * Start a second poller whose roster is the first few people of the
 * directory by UPN, so that it is looked up in $batch requests, with a
 * fault rule installed first; wait until the lookup is being throttled,
 * then check that stopping is prompt.
 */
static void
stop_while_lookup_throttled(struct fixture *f, const char *rule,
    const char *route)
{
	struct snapshot *s = wait_presence(f);
	struct store *store;
	struct poller *p;
	struct cfg cfg;
	char *cause = NULL;
	double t0, end;
	size_t i;

	if (graphsim_cfg(&cfg, f->gs.url, &cause) != 0)
		fail_msg("cfg: %s", cause);
	for (i = 0; i < 3; i++) {
		if (cfg_set_option(&cfg, "user", s->rows[i]->upn, &cause) != 0)
			fail_msg("user: %s", cause);
	}
	snapshot_release(s);
	graphsim_control(&f->gs, "POST", "/_graphsim/stats/reset", "{}");
	graphsim_control(&f->gs, "POST", "/_graphsim/faults", rule);
	store = store_new();
	p = poller_start(&cfg, store, 3600, &cause);
	assert_non_null(p);
	end = now_s() + 10;
	while (graphsim_count(&f->gs, route) == 0) {
		if (now_s() > end)
			fail_msg("no %s after 10 s", route);
		usleep(50000);
	}
	usleep(300000); /* Well into the 60 s wait. */
	t0 = now_s();
	poller_stop(p);
	if (now_s() - t0 >= 1.0)
		fail_msg("poller_stop took %.1f s", now_s() - t0);
	graphsim_control(&f->gs, "DELETE", "/_graphsim/faults", NULL);
	store_free(store);
	cfg_done(&cfg);
}

/* Quitting does not wait for the lookup of a throttled $batch. */
static void
test_poller_stops_while_batch_throttled(void **state)
{
	stop_while_lookup_throttled(*state,
	    "{\"route\": \"POST /$batch\", \"count\": 100, "
	    "\"status\": 429, \"retry_after\": 60}",
	    "POST /$batch");
}

/* Nor for the parts of a $batch throttled inside its answer. */
static void
test_poller_stops_while_batch_parts_throttled(void **state)
{
	stop_while_lookup_throttled(*state,
	    "{\"route\": \"GET /users\", \"count\": 100, "
	    "\"status\": 429, \"retry_after\": 60}",
	    "GET /users");
}

/* Wait up to seconds for the status to satisfy ok; the status in *st. */
static void
wait_status(struct fixture *f, double seconds,
    int (*ok)(const struct store_status *), struct store_status *st,
    const char *what)
{
	double end = now_s() + seconds;

	for (;;) {
		store_get_status(f->store, st);
		if (ok(st))
			return;
		if (now_s() > end)
			fail_msg("%s: not after %.0f s", what, seconds);
		wait_wake(f, 0.1);
	}
}

/* Is the refresh waiting out a 429? */
static int
st_throttled_wait(const struct store_status *st)
{
	return st->waiting && st->throttled && st->throttled_until != 0;
}

/* Has a refresh ended well since the fixture's marker? */
static time_t recovered_after;
static int
st_recovered(const struct store_status *st)
{
	return !st->busy && st->last_ok > recovered_after;
}

/*
 * While a refresh waits out Retry-After, the status says so at once: the
 * time it ends, throttled, waiting (the dashboard waits past the 120 s a
 * command would). Afterwards rtt is the request's own round trip, not the
 * wait.
 */
static void
test_poller_shows_the_throttled_wait(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store_status st;
	char *cause = NULL;
	double t0;
	time_t now;

	snapshot_release(s);
	graphsim_control(&f->gs, "POST", "/_graphsim/faults",
	    "{\"route\": \"POST /communications/getPresencesByUserId\", "
	    "\"status\": 429, \"retry_after\": 150}");
	poller_refresh(f->poller);
	wait_status(f, 5, st_throttled_wait, &st, "throttled wait shown");
	now = time(NULL);
	assert_true(st.busy);
	if (st.throttled_until < now + 147 || st.throttled_until > now + 151)
		fail_msg("throttled until %+ld s",
		    (long)(st.throttled_until - now));
	/* Quitting does not wait for it. */
	t0 = now_s();
	poller_stop(f->poller);
	assert_true(now_s() - t0 < 1.0);
	graphsim_control(&f->gs, "DELETE", "/_graphsim/faults", NULL);
	f->poller = poller_start(&f->cfg, f->store, 3600, &cause);
	assert_non_null(f->poller);

	/* After the new poller's first refresh, a short wait, then through. */
	s = wait_presence(f);
	snapshot_release(s);
	recovered_after = 0;
	wait_status(f, 10, st_recovered, &st, "first refresh");
	recovered_after = time(NULL);
	graphsim_control(&f->gs, "POST", "/_graphsim/stats/reset", "{}");
	graphsim_control(&f->gs, "POST", "/_graphsim/faults",
	    "{\"route\": \"POST /communications/getPresencesByUserId\", "
	    "\"status\": 429, \"retry_after\": 2}");
	poller_refresh(f->poller);
	wait_status(f, 10, st_recovered, &st, "recovered");
	assert_false(st.waiting);
	assert_int_equal(st.throttled_until, 0);
	assert_true(st.throttled); /* The refresh was throttled on its way. */
	assert_int_equal(graphsim_count(&f->gs,
	                     "POST /communications/getPresencesByUserId"),
	    2);
	if (st.rtt >= 1.0)
		fail_msg("rtt %.3f s counts the 2 s wait", st.rtt);
	assert_true(st.rtt > 0);
}

/*
 * A write that reached Graph but whose answer did not come in time (every
 * try of 1 s cut, within a deadline of 3 s) is reported as of unknown
 * outcome, not as failed, and the person is read again.
 */
static void
test_poller_write_timed_out_is_outcome_unknown(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store *store;
	struct poller *p;
	struct store_event ev;
	struct action a;
	struct cfg cfg;
	struct pollfd pfd;
	char *cause = NULL, *id = xstrdup(s->rows[5]->id);
	double t0, end;

	snapshot_release(s);
	if (graphsim_cfg(&cfg, f->gs.url, &cause) != 0 ||
	    cfg_set_option(&cfg, "timeout", "1", &cause) != 0 ||
	    cfg_set_option(&cfg, "deadline", "3", &cause) != 0)
		fail_msg("cfg: %s", cause);
	store = store_new();
	p = poller_start(&cfg, store, 3600, &cause);
	assert_non_null(p);
	graphsim_control(&f->gs, "POST", "/_graphsim/faults",
	    "{\"route\": \"POST /users/{id}/presence/setStatusMessage\", "
	    "\"count\": 20, \"delay_ms\": 8000}");
	graphsim_control(&f->gs, "POST", "/_graphsim/stats/reset", "{}");
	memset(&a, 0, sizeof a);
	a.kind = ACTION_SET_STATUS;
	a.id = id;
	a.message = "Lost in transit";
	t0 = now_s();
	poller_submit(p, &a);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	end = t0 + 8;
	for (;;) {
		if (store_pop_event(store, &ev)) {
			if (ev.kind == STORE_EVENT_OUTCOME)
				break;
			store_event_done(&ev);
			continue;
		}
		if (now_s() > end)
			fail_msg("no outcome after 8 s");
		if (poll(&pfd, 1, 100) > 0)
			poller_drain(p);
	}
	if (now_s() - t0 > 4.5)
		fail_msg("the outcome took %.1f s", now_s() - t0);
	assert_int_equal(ev.ok, -1);
	assert_string_equal(ev.id, id);
	if (strstr(ev.text, "outcome unknown") == NULL)
		fail_msg("outcome: %s", ev.text);
	assert_non_null(strstr(ev.text, "setStatusMessage"));
	store_event_done(&ev);
	/* The person is read again at once, by a plain GET. */
	while (graphsim_count(&f->gs, "GET /users/{id}/presence") == 0) {
		if (now_s() > end)
			fail_msg("the person was not read again");
		usleep(50000);
	}
	poller_stop(p);
	graphsim_control(&f->gs, "DELETE", "/_graphsim/faults", NULL);
	store_free(store);
	cfg_done(&cfg);
	free(id);
}

/* "Refresh now" wakes the poller at once; stopping is prompt. */
static void
test_poller_refresh_now_and_stop(void **state)
{
	struct fixture *f = *state;
	struct snapshot *s = wait_presence(f);
	struct store_status st;
	time_t before;
	double t0, end;
	char *cause = NULL;

	snapshot_release(s);
	store_get_status(f->store, &st);
	before = st.next_refresh;
	sleep(1);
	poller_refresh(f->poller);
	end = now_s() + 5;
	do {
		wait_wake(f, 0.5);
		store_get_status(f->store, &st);
		if (now_s() > end)
			fail_msg("refresh now did nothing");
	} while (st.next_refresh == before);
	t0 = now_s();
	poller_stop(f->poller);
	assert_true(now_s() - t0 < 1.0);
	f->poller = poller_start(&f->cfg, f->store, 3600, &cause);
	assert_non_null(f->poller);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poller_publishes_roster_and_presence),
		cmocka_unit_test(test_poller_action_sets_and_rereads),
		cmocka_unit_test(test_poller_reads_details),
		cmocka_unit_test(test_poller_keeps_every_outcome),
		cmocka_unit_test(test_poller_sends_queued_writes_together),
		cmocka_unit_test(
		    test_poller_writes_do_not_wait_for_a_throttled_refresh),
		cmocka_unit_test(test_poller_refresh_now_and_stop),
		cmocka_unit_test(test_poller_shows_the_throttled_wait),
		cmocka_unit_test(
		    test_poller_write_timed_out_is_outcome_unknown),
		cmocka_unit_test(test_poller_stops_while_batch_throttled),
		cmocka_unit_test(test_poller_stops_while_batch_parts_throttled),
	};

	if (getenv("GRAPHSIM") == NULL) {
		printf("1..0 # SKIP GRAPHSIM is not set\n");
		return 0;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests_name("poller", tests, setup, teardown);
}
