/*
 * The store: snapshots carry what teamtop learned, share unchanged rows,
 * ignore stale data, and hand over safely between a writer and a reader.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_parse.h"
#include "intern.h"
#include "presence.h"
#include "store.h"
#include "user.h"
#include "xmalloc.h"

/* Fill a roster of n users u0..u(n-1). */
static void
make_roster(struct user_list *ul, size_t n)
{
	struct user *u;
	size_t i;

	memset(ul, 0, sizeof *ul);
	for (i = 0; i < n; i++) {
		u = user_list_add(ul);
		xasprintf(&u->id, "id-%04zu", i);
		xasprintf(&u->display_name, "User %zu", i);
		xasprintf(&u->upn, "user%zu@example.com", i);
	}
}

/* Add a presence to a list. */
static void
add_presence(struct presence_list *pl, const char *id, const char *avail,
    const char *act, const char *seq, const char *status)
{
	struct presence *p = presence_list_add(pl);

	p->id = xstrdup(id);
	p->availability = xstrdup(avail);
	p->activity = xstrdup(act);
	p->sequence = seq == NULL ? NULL : xstrdup(seq);
	p->status_message = status == NULL ? NULL : xstrdup(status);
}

/* The roster alone gives rows without presence. */
static void
test_publish_roster_rows_without_presence(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct snapshot *s;

	(void)state;
	make_roster(&ul, 3);
	store_publish(st, &ul, NULL, 100);
	s = store_acquire(st);
	assert_int_equal(s->n, 3);
	assert_false(s->rows[0]->have_presence);
	assert_int_equal(s->rows[0]->avail, AVAIL_UNKNOWN);
	assert_string_equal(s->rows[2]->d_name, "User 2");
	assert_ptr_equal(snapshot_find(s, "id-0001"), s->rows[1]);
	assert_null(snapshot_find(s, "nobody"));
	snapshot_release(s);
	user_list_done(&ul);
	store_free(st);
}

/*
 * What a search looks in, folded: the mail only where it is not the UPN
 * (told apart folded), the department and job title shared by the people
 * who have the same ones.
 */
static void
test_search_texts(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct snapshot *s;

	(void)state;
	make_roster(&ul, 3);
	ul.v[0].mail = xstrdup("USER0@Example.COM");
	ul.v[1].mail = xstrdup("Zoë.Other@example.com");
	ul.v[0].department = xstrdup("Support");
	ul.v[0].job_title = xstrdup("Señor Engineer");
	ul.v[2].department = xstrdup("Support");
	ul.v[2].job_title = xstrdup("Señor Engineer");
	store_publish(st, &ul, NULL, 100);
	s = store_acquire(st);
	assert_string_equal(s->rows[0]->search, "user 0\nuser0@example.com\n");
	assert_string_equal(s->rows[1]->search,
	    "user 1\nuser1@example.com\nzoe.other@example.com\n");
	assert_string_equal(s->rows[0]->search_words,
	    "support\nsenor engineer\n");
	assert_ptr_equal(s->rows[0]->search_words, s->rows[2]->search_words);
	assert_null(s->rows[0]->search_status);
	snapshot_release(s);
	user_list_done(&ul);
	store_free(st);
}

/*
 * One's own presence goes into the snapshot as a row of its own, sanitised,
 * and stays in every snapshot published after it; the same answer again
 * publishes nothing, a change is dated.
 */
static void
test_publish_me_carried_and_sanitised(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *a, *b;
	struct user me;

	(void)state;
	make_roster(&ul, 2);
	memset(&me, 0, sizeof me);
	me.id = xstrdup("id-me");
	me.display_name = xstrdup("Me \033[31mMyself");
	me.upn = xstrdup("me@example.com");
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-me", "Busy", "InACall", "A1",
	    "On a \033]0;bridge\007 call");
	a = store_acquire(st);
	assert_null(a->me);
	snapshot_release(a);
	assert_int_equal(store_publish_me(st, &me, &pl.v[0], 100), 1);
	assert_int_equal(store_publish_me(st, NULL, &pl.v[0], 110), 0);
	store_publish(st, &ul, NULL, 120);
	a = store_acquire(st);
	assert_int_equal(a->n, 2);
	assert_non_null(a->me);
	assert_string_equal(a->me->id, "id-me");
	assert_int_equal(a->me->avail, AVAIL_BUSY);
	assert_null(strchr(a->me->d_name, '\033'));
	assert_null(strchr(a->me->d_status, '\033'));
	assert_null(strchr(a->me->d_status, '\007'));
	assert_string_equal(a->me->d_upn, "me@example.com");
	assert_int_equal(a->me->since, 100);
	presence_list_done(&pl);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-me", "Away", "Away", "A2", NULL);
	assert_int_equal(store_publish_me(st, NULL, &pl.v[0], 130), 1);
	b = store_acquire(st);
	assert_ptr_not_equal(a->me, b->me);
	assert_int_equal(b->me->avail, AVAIL_AWAY);
	assert_int_equal(b->me->since, 130);
	assert_string_equal(b->me->d_upn, "me@example.com");
	assert_ptr_equal(a->rows[0], b->rows[0]);
	snapshot_release(b);
	snapshot_release(a);
	presence_list_done(&pl);
	user_done(&me);
	user_list_done(&ul);
	store_free(st);
}

/* Unchanged people share their row; a change makes a new one and is dated. */
static void
test_publish_shares_unchanged_and_dates_changes(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *a, *b;
	size_t changed;

	(void)state;
	make_roster(&ul, 3);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0000", "Available", "Available", "A1", NULL);
	add_presence(&pl, "id-0001", "Busy", "InACall", "A1", NULL);
	add_presence(&pl, "id-0002", "Away", "Away", "A1", NULL);
	changed = store_publish(st, &ul, &pl, 100);
	assert_int_equal(changed, 3);
	a = store_acquire(st);
	assert_int_equal(a->rows[1]->avail, AVAIL_BUSY);
	assert_int_equal(a->rows[1]->since, 100);
	assert_false(a->rows[1]->since_seen);
	assert_int_equal(a->fetched, 100);

	presence_list_done(&pl);
	add_presence(&pl, "id-0000", "Available", "Available", "A1", NULL);
	add_presence(&pl, "id-0001", "DoNotDisturb", "Presenting", "A2", NULL);
	add_presence(&pl, "id-0002", "Away", "Away", "A1", NULL);
	changed = store_publish(st, &ul, &pl, 160);
	assert_int_equal(changed, 1);
	b = store_acquire(st);
	assert_ptr_equal(a->rows[0], b->rows[0]);
	assert_ptr_equal(a->rows[2], b->rows[2]);
	assert_ptr_not_equal(a->rows[1], b->rows[1]);
	assert_int_equal(b->rows[1]->since, 160);
	assert_true(b->rows[1]->since_seen);
	assert_int_equal(b->rows[1]->avail, AVAIL_DND);
	assert_int_equal(b->rows[1]->nhistory, 2);
	assert_string_equal(b->rows[1]->history[0].availability, "Busy");
	assert_string_equal(b->rows[1]->history[1].activity, "Presenting");
	/* The old snapshot is untouched. */
	assert_string_equal(a->rows[1]->presence.availability, "Busy");
	snapshot_release(a);
	snapshot_release(b);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

/* A lower sequenceNumber is stale and ignored. */
static void
test_publish_ignores_stale_sequence(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *s;

	(void)state;
	make_roster(&ul, 1);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0000", "Busy", "Busy", "B5", NULL);
	store_publish(st, &ul, &pl, 100);
	presence_list_done(&pl);
	add_presence(&pl, "id-0000", "Available", "Available", "B4", NULL);
	assert_int_equal(store_publish(st, &ul, &pl, 110), 0);
	s = store_acquire(st);
	assert_string_equal(s->rows[0]->presence.availability, "Busy");
	snapshot_release(s);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

/* Unknown strings are kept and shown as they came; text is sanitised. */
static void
test_publish_keeps_unknown_and_sanitises(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *s;

	(void)state;
	make_roster(&ul, 1);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0000", "Hyperfocused", "Dreaming", "1",
	    "\x1b[31mred\x1b[0m");
	store_publish(st, &ul, &pl, 100);
	s = store_acquire(st);
	assert_int_equal(s->rows[0]->avail, AVAIL_UNKNOWN);
	assert_string_equal(s->rows[0]->d_availability, "Hyperfocused");
	assert_string_equal(s->rows[0]->d_activity, "Dreaming");
	assert_null(strchr(s->rows[0]->d_status, '\x1b'));
	assert_non_null(strstr(s->rows[0]->d_status, "red"));
	assert_non_null(strstr(s->rows[0]->search, "user 0"));
	snapshot_release(s);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

/* People Graph did not answer for keep their row; store_update replaces. */
static void
test_update_replaces_one_row(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *a, *b;

	(void)state;
	make_roster(&ul, 3);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0002", "Busy", "Busy", "1", NULL);
	add_presence(&pl, "id-0000", "Away", "Away", "1", NULL);
	store_publish(st, &ul, &pl, 100);
	a = store_acquire(st);
	assert_true(a->rows[0]->have_presence);
	assert_false(a->rows[1]->have_presence);
	assert_string_equal(a->rows[2]->presence.availability, "Busy");
	presence_list_done(&pl);
	add_presence(&pl, "id-0002", "Available", "Available", "2", NULL);
	assert_int_equal(store_update(st, &pl, 120), 1);
	b = store_acquire(st);
	assert_ptr_equal(a->rows[0], b->rows[0]);
	assert_string_equal(b->rows[2]->presence.availability, "Available");
	assert_string_equal(b->rows[2]->d_name, "User 2");
	assert_true(b->generation > a->generation);
	snapshot_release(a);
	snapshot_release(b);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

/* Categories of availability strings, case-insensitively. */
static void
test_avail_of_maps_categories(void **state)
{
	(void)state;
	assert_int_equal(presence_avail("available"), AVAIL_AVAILABLE);
	assert_int_equal(presence_avail("InAMeeting"), AVAIL_BUSY);
	assert_int_equal(presence_avail("DONOTDISTURB"), AVAIL_DND);
	assert_int_equal(presence_avail("BeRightBack"), AVAIL_BRB);
	assert_int_equal(presence_avail("Offline"), AVAIL_OFFLINE);
	assert_int_equal(presence_avail("Zzz"), AVAIL_UNKNOWN);
	assert_int_equal(presence_avail(NULL), AVAIL_UNKNOWN);
	assert_string_equal(presence_avail_name(AVAIL_BUSY), "Busy");
}

/* Events queue in order; none is lost however many arrive. */
static void
test_events_keep_every_one_in_order(void **state)
{
	struct store *st = store_new();
	struct store_event ev;
	struct presence p;
	char want[64];
	int i;

	(void)state;
	assert_int_equal(store_pop_event(st, &ev), 0);
	for (i = 0; i < 1000; i++)
		store_notice(st, "outcome %d", i);
	memset(&p, 0, sizeof p);
	p.id = xstrdup("x");
	p.availability = xstrdup("Busy");
	memset(&ev, 0, sizeof ev);
	ev.kind = STORE_EVENT_DETAIL;
	ev.ok = 1;
	ev.id = "x";
	ev.have_presence = 1;
	ev.presence = p;
	store_push_event(st, &ev);
	presence_done(&p);
	assert_int_equal(store_events(st), 1001);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(store_pop_event(st, &ev), 1);
		assert_int_equal(ev.kind, STORE_EVENT_NOTICE);
		snprintf(want, sizeof want, "outcome %d", i);
		assert_string_equal(ev.text, want);
		assert_true(ev.at != 0);
		store_event_done(&ev);
	}
	assert_int_equal(store_pop_event(st, &ev), 1);
	assert_int_equal(ev.kind, STORE_EVENT_DETAIL);
	assert_string_equal(ev.id, "x");
	assert_string_equal(ev.text, "");
	assert_true(ev.have_presence);
	assert_string_equal(ev.presence.availability, "Busy");
	store_event_done(&ev);
	assert_int_equal(store_pop_event(st, &ev), 0);
	assert_int_equal(store_events(st), 0);
	/* Events still queued are freed with the store. */
	store_notice(st, "left behind");
	store_free(st);
}

/* The text of an event is made inert once, at the store. */
static void
test_events_text_is_sanitised(void **state)
{
	struct store *st = store_new();
	struct store_event ev;

	(void)state;
	store_notice(st, "failed: \033]52;c;aGk=\007bad\033[2J");
	assert_int_equal(store_pop_event(st, &ev), 1);
	assert_null(strchr(ev.text, '\033'));
	assert_null(strchr(ev.text, '\007'));
	assert_non_null(strstr(ev.text, "bad"));
	store_event_done(&ev);
	store_free(st);
}

/* Imported people keep the time in state and transitions they came with. */
static void
test_import_keeps_time_in_state(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct store_transition h[STORE_HISTORY + 2];
	struct store_import im[2];
	struct snapshot *s, *s2;
	char av[STORE_HISTORY + 2][16];
	size_t i;

	(void)state;
	make_roster(&ul, 2);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0000", "Busy", "InACall", "1", NULL);
	for (i = 0; i < STORE_HISTORY + 2; i++) {
		snprintf(av[i], sizeof av[i], "A%zu", i);
		h[i].at = 1000 + (time_t)i;
		h[i].availability = av[i];
		h[i].activity = av[i];
	}
	memset(im, 0, sizeof im);
	im[0].user = &ul.v[0];
	im[0].presence = &pl.v[0];
	im[0].since = 900;
	im[0].since_seen = 1;
	im[0].history = h;
	im[0].nhistory = STORE_HISTORY + 2;
	im[1].user = &ul.v[1];
	assert_int_equal(store_import(st, im, 2, 5000), 2);
	s = store_acquire(st);
	assert_int_equal(s->n, 2);
	assert_int_equal(s->fetched, 5000);
	assert_int_equal(s->rows[0]->since, 900);
	assert_int_equal(s->rows[0]->since_seen, 1);
	assert_int_equal(s->rows[0]->nhistory, STORE_HISTORY);
	/* The newest are kept, oldest first. */
	assert_string_equal(s->rows[0]->history[0].availability, "A2");
	assert_int_equal(s->rows[0]->history[STORE_HISTORY - 1].at,
	    1000 + STORE_HISTORY + 1);
	assert_string_equal(s->rows[0]->d_availability, "Busy");
	assert_false(s->rows[1]->have_presence);
	assert_int_equal(s->rows[1]->avail, AVAIL_UNKNOWN);

	/* The same again shares every row; a new since changes one. */
	assert_int_equal(store_import(st, im, 2, 5010), 0);
	s2 = store_acquire(st);
	assert_ptr_equal(s2->rows[0], s->rows[0]);
	assert_ptr_equal(s2->rows[1], s->rows[1]);
	snapshot_release(s2);
	im[0].since = 950;
	assert_int_equal(store_import(st, im, 2, 5020), 1);
	s2 = store_acquire(st);
	assert_int_equal(s2->rows[0]->since, 950);
	assert_ptr_equal(s2->rows[1], s->rows[1]);
	snapshot_release(s2);
	snapshot_release(s);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

struct handover {
	struct store *st;
	int rounds;
};

/* The writer: publish rounds of changing presence. */
static void *
writer_main(void *arg)
{
	struct handover *h = arg;
	struct user_list ul;
	struct presence_list pl;
	char id[32], seq[32];
	int r;
	size_t i;

	make_roster(&ul, 200);
	for (r = 0; r < h->rounds; r++) {
		memset(&pl, 0, sizeof pl);
		for (i = 0; i < ul.n; i++) {
			snprintf(id, sizeof id, "id-%04zu", i);
			snprintf(seq, sizeof seq, "%08d", r);
			add_presence(&pl, id,
			    (i + (size_t)r) % 3 == 0 ? "Busy" : "Available",
			    "Available", seq, NULL);
		}
		store_publish(h->st, &ul, &pl, 1000 + r);
		presence_list_done(&pl);
	}
	user_list_done(&ul);
	return NULL;
}

/* The reader: check every snapshot it sees is whole and consistent. */
static void *
reader_main(void *arg)
{
	struct handover *h = arg;
	struct snapshot *s;
	unsigned long last = 0;
	size_t i;
	int bad = 0;

	for (;;) {
		s = store_acquire(h->st);
		if (s->generation < last)
			bad++;
		last = s->generation;
		for (i = 0; i < s->n; i++) {
			if (s->rows[i]->search == NULL ||
			    snapshot_find(s, s->rows[i]->id) != s->rows[i])
				bad++;
		}
		if (s->n == 200 && s->fetched == 1000 + h->rounds - 1) {
			snapshot_release(s);
			break;
		}
		snapshot_release(s);
	}
	return (void *)(long)bad;
}

/* A writer thread and a reader thread hand snapshots over safely. */
static void
test_handover_writer_reader(void **state)
{
	struct handover h;
	pthread_t w, r;
	void *bad;

	(void)state;
	h.st = store_new();
	h.rounds = 60;
	assert_int_equal(pthread_create(&r, NULL, reader_main, &h), 0);
	assert_int_equal(pthread_create(&w, NULL, writer_main, &h), 0);
	pthread_join(w, NULL);
	pthread_join(r, &bad);
	assert_int_equal((long)bad, 0);
	store_free(h.st);
}

/* A getPresencesByUserId answer for id-0000..id-0002, person 1 as given. */
static char *
answer(const char *avail1, const char *seq1)
{
	char *s;

	xasprintf(&s,
	    "{\"value\":["
	    "{\"id\":\"id-0000\",\"availability\":\"Available\","
	    "\"activity\":\"Available\",\"sequenceNumber\":\"A1\"},"
	    "{\"id\":\"id-0001\",\"availability\":\"%s\","
	    "\"activity\":\"%s\",\"sequenceNumber\":\"%s\","
	    "\"statusMessage\":{\"message\":{\"content\":\"Back at 3\","
	    "\"contentType\":\"text\"}}},"
	    "{\"id\":\"id-0002\",\"availability\":\"Away\","
	    "\"activity\":\"Away\",\"sequenceNumber\":\"A1\"}]}",
	    avail1, avail1, seq1);
	return s;
}

/* Refresh the store from an answer as the poller does; *built presences. */
static size_t
refresh(struct store *st, const char *body, size_t *built, time_t now)
{
	struct store_batch *b = store_batch_new(st);
	struct presence_list pl;
	char *cause = NULL;
	size_t known;

	memset(&pl, 0, sizeof pl);
	assert_int_equal(graph_parse_presences_known(body, strlen(body), &pl,
	                     store_batch_known, b, &known, &cause),
	    0);
	*built = pl.n;
	store_batch_add(b, &pl, now);
	presence_list_done(&pl);
	return store_batch_publish(b, now);
}

/*
 * An unchanged answer (the same sequenceNumbers) builds no presence and
 * no row: every row pointer stays; a change builds that one person's.
 */
static void
test_batch_unchanged_answer_builds_nothing(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct snapshot *a, *b, *c;
	size_t built, words;
	char *body;

	(void)state;
	make_roster(&ul, 3);
	store_publish(st, &ul, NULL, 100);
	body = answer("Busy", "A1");
	assert_int_equal(refresh(st, body, &built, 110), 3);
	assert_int_equal(built, 3);
	a = store_acquire(st);
	assert_string_equal(a->rows[1]->presence.availability, "Busy");
	assert_string_equal(a->rows[1]->d_status, "Back at 3");

	words = intern_count();
	assert_int_equal(refresh(st, body, &built, 120), 0);
	assert_int_equal(built, 0);
	b = store_acquire(st);
	assert_ptr_not_equal(a, b);
	assert_ptr_equal(a->rows[0], b->rows[0]);
	assert_ptr_equal(a->rows[1], b->rows[1]);
	assert_ptr_equal(a->rows[2], b->rows[2]);
	assert_int_equal(intern_count(), words);
	assert_int_equal(b->fetched, 120);
	free(body);

	body = answer("DoNotDisturb", "A2");
	assert_int_equal(refresh(st, body, &built, 130), 1);
	assert_int_equal(built, 1);
	c = store_acquire(st);
	assert_ptr_equal(b->rows[0], c->rows[0]);
	assert_ptr_not_equal(b->rows[1], c->rows[1]);
	assert_ptr_equal(b->rows[2], c->rows[2]);
	assert_int_equal(c->rows[1]->avail, AVAIL_DND);
	assert_int_equal(c->rows[1]->since, 130);
	assert_int_equal(c->rows[1]->nhistory, 2);
	assert_string_equal(c->rows[1]->history[0].availability, "Busy");
	/* The old snapshot is untouched. */
	assert_string_equal(b->rows[1]->presence.availability, "Busy");
	free(body);
	snapshot_release(a);
	snapshot_release(b);
	snapshot_release(c);
	user_list_done(&ul);
	store_free(st);
}

/*
 * store_batch_known finds the row whatever the order of the answers: the
 * roster's order (Graph's), reversed, with ids not asked for in between,
 * and with an id twice in the roster (only one row has its presence).
 */
static void
test_batch_known_any_order(void **state)
{
	static const char *const order[] = { "id-0000", "id-0001", "id-0002",
		"id-0003", "id-0004" };
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct store_batch *b;
	struct user *u;
	size_t i;

	(void)state;
	make_roster(&ul, 5);
	store_publish(st, &ul, NULL, 100);
	memset(&pl, 0, sizeof pl);
	for (i = 0; i < 5; i++)
		add_presence(&pl, order[i], "Available", "Available",
		    i == 2 ? "S2" : "S1", NULL);
	store_update(st, &pl, 110);
	presence_list_done(&pl);

	b = store_batch_new(st);
	for (i = 0; i < 5; i++)
		assert_int_equal(store_batch_known(b, order[i],
		                     i == 2 ? "S2" : "S1"),
		    1);
	for (i = 5; i-- > 0;)
		assert_int_equal(store_batch_known(b, order[i],
		                     i == 2 ? "S2" : "S1"),
		    1);
	assert_int_equal(store_batch_known(b, "id-0001", "S2"), 0);
	assert_int_equal(store_batch_known(b, "id-9999", "S1"), 0);
	assert_int_equal(store_batch_known(b, "id-0002", "S2"), 1);
	assert_int_equal(store_batch_known(b, "ID-0003", "S1"), 0);
	assert_int_equal(store_batch_known(b, "", "S1"), 0);
	assert_int_equal(store_batch_known(b, "id-0004", "S1"), 1);
	assert_int_equal(store_batch_known(b, "id-0000", "S1"), 1);
	store_batch_free(b);
	user_list_done(&ul);
	store_free(st);

	/* id-0001 twice: the row after id-0000 may not be the one known. */
	st = store_new();
	make_roster(&ul, 4);
	u = &ul.v[3];
	free(u->id);
	u->id = xstrdup("id-0001");
	store_publish(st, &ul, NULL, 200);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0000", "Busy", "Busy", "S1", NULL);
	add_presence(&pl, "id-0001", "Busy", "Busy", "S1", NULL);
	add_presence(&pl, "id-0002", "Busy", "Busy", "S1", NULL);
	store_update(st, &pl, 210);
	presence_list_done(&pl);
	b = store_batch_new(st);
	assert_int_equal(store_batch_known(b, "id-0000", "S1"), 1);
	assert_int_equal(store_batch_known(b, "id-0001", "S1"), 1);
	assert_int_equal(store_batch_known(b, "id-0002", "S1"), 1);
	assert_int_equal(store_batch_known(b, "id-0001", "S1"), 1);
	store_batch_free(b);
	user_list_done(&ul);
	store_free(st);
}

/*
 * Rows are compact: a person's directory strings are shared by their
 * rows, the vocabularies by everyone.
 */
static void
test_rows_share_strings(void **state)
{
	struct store *st = store_new();
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *a, *b;

	(void)state;
	make_roster(&ul, 3);
	memset(&pl, 0, sizeof pl);
	add_presence(&pl, "id-0000", "Available", "Available", "A1", NULL);
	add_presence(&pl, "id-0001", "Available", "Available", "A1", NULL);
	add_presence(&pl, "id-0002", "Away", "Away", "A1", NULL);
	store_publish(st, &ul, &pl, 100);
	a = store_acquire(st);
	assert_ptr_equal(a->rows[0]->presence.availability,
	    a->rows[1]->presence.availability);
	assert_ptr_equal(a->rows[0]->d_availability,
	    a->rows[1]->d_availability);
	assert_ptr_equal(a->rows[0]->presence.availability,
	    intern("Available"));
	/* A clean name is not copied to be shown. */
	assert_ptr_equal(a->rows[0]->d_name, a->rows[0]->name);

	presence_list_done(&pl);
	add_presence(&pl, "id-0001", "Busy", "InACall", "A2", "Lunch");
	store_update(st, &pl, 200);
	b = store_acquire(st);
	assert_ptr_not_equal(a->rows[1], b->rows[1]);
	assert_ptr_equal(a->rows[1]->name, b->rows[1]->name);
	assert_ptr_equal(a->rows[1]->upn, b->rows[1]->upn);
	assert_ptr_equal(a->rows[1]->collate, b->rows[1]->collate);
	/* The search's texts: the person's shared, the message the row's. */
	assert_string_equal(b->rows[1]->search, "user 1\nuser1@example.com\n");
	assert_ptr_equal(a->rows[1]->search, b->rows[1]->search);
	assert_string_equal(b->rows[1]->search_status, "lunch");
	assert_null(a->rows[1]->search_status);
	assert_string_equal(a->rows[1]->search_words, "\n\n");
	assert_ptr_equal(a->rows[0]->search_words, a->rows[1]->search_words);
	snapshot_release(a);
	snapshot_release(b);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

/*
 * A refresh publishes as it goes when asked (store_batch_flush), and a
 * write's re-read published meanwhile is not undone by older data.
 */
static void
test_batch_flushes_and_keeps_rereads(void **state)
{
	struct store *st = store_new();
	struct store_batch *b;
	struct user_list ul;
	struct presence_list pl;
	struct snapshot *s;

	(void)state;
	make_roster(&ul, 3);
	store_publish(st, &ul, NULL, 100);
	memset(&pl, 0, sizeof pl);
	b = store_batch_new(st);
	add_presence(&pl, "id-0000", "Busy", "Busy", "A1", NULL);
	store_batch_add(b, &pl, 110);
	assert_int_equal(store_batch_pending(b), 1);
	store_batch_flush(b);
	assert_int_equal(store_batch_pending(b), 0);
	s = store_acquire(st);
	assert_true(s->rows[0]->have_presence);
	assert_false(s->rows[1]->have_presence);
	assert_int_equal(s->fetched, 0);
	snapshot_release(s);

	/* A write's re-read of person 1 at A5 comes in meanwhile. */
	presence_list_done(&pl);
	add_presence(&pl, "id-0001", "DoNotDisturb", "Presenting", "A5", NULL);
	store_update(st, &pl, 115);
	/* The refresh had person 1 at A3, older, and person 2. */
	presence_list_done(&pl);
	add_presence(&pl, "id-0001", "Available", "Available", "A3", NULL);
	add_presence(&pl, "id-0002", "Away", "Away", "A1", NULL);
	store_batch_add(b, &pl, 120);
	assert_int_equal(store_batch_publish(b, 120), 3);
	s = store_acquire(st);
	assert_string_equal(s->rows[0]->presence.availability, "Busy");
	assert_string_equal(s->rows[1]->presence.availability, "DoNotDisturb");
	assert_string_equal(s->rows[2]->presence.availability, "Away");
	assert_int_equal(s->fetched, 120);
	assert_ptr_equal(snapshot_find(s, "id-0002"), s->rows[2]);
	snapshot_release(s);
	presence_list_done(&pl);
	user_list_done(&ul);
	store_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_publish_roster_rows_without_presence),
		cmocka_unit_test(test_search_texts),
		cmocka_unit_test(
		    test_publish_shares_unchanged_and_dates_changes),
		cmocka_unit_test(test_publish_ignores_stale_sequence),
		cmocka_unit_test(test_publish_me_carried_and_sanitised),
		cmocka_unit_test(test_publish_keeps_unknown_and_sanitises),
		cmocka_unit_test(test_update_replaces_one_row),
		cmocka_unit_test(test_avail_of_maps_categories),
		cmocka_unit_test(test_events_keep_every_one_in_order),
		cmocka_unit_test(test_events_text_is_sanitised),
		cmocka_unit_test(test_import_keeps_time_in_state),
		cmocka_unit_test(test_handover_writer_reader),
		cmocka_unit_test(test_batch_unchanged_answer_builds_nothing),
		cmocka_unit_test(test_batch_known_any_order),
		cmocka_unit_test(test_rows_share_strings),
		cmocka_unit_test(test_batch_flushes_and_keeps_rereads),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
