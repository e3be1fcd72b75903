/* Unit tests for the presence model: pairs, spellings, bounds, ordering. */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "presence.h"
#include "user.h"

/* Both value lists map to a category, whatever the case. */
static void
test_avail_categories(void **state)
{
	(void)state;
	assert_int_equal(presence_avail("Available"), AVAIL_AVAILABLE);
	assert_int_equal(presence_avail("AvailableIdle"), AVAIL_AVAILABLE);
	assert_int_equal(presence_avail("availableInactive"), AVAIL_AVAILABLE);
	assert_int_equal(presence_avail("busy"), AVAIL_BUSY);
	assert_int_equal(presence_avail("BusyIdle"), AVAIL_BUSY);
	assert_int_equal(presence_avail("inACall"), AVAIL_BUSY);
	assert_int_equal(presence_avail("inAMeeting"), AVAIL_BUSY);
	assert_int_equal(presence_avail("focusing"), AVAIL_BUSY);
	assert_int_equal(presence_avail("DONOTDISTURB"), AVAIL_DND);
	assert_int_equal(presence_avail("presenting"), AVAIL_DND);
	assert_int_equal(presence_avail("beRightBack"), AVAIL_BRB);
	assert_int_equal(presence_avail("away"), AVAIL_AWAY);
	assert_int_equal(presence_avail("offline"), AVAIL_OFFLINE);
	assert_int_equal(presence_avail("OffWork"), AVAIL_OFFLINE);
	assert_int_equal(presence_avail("presenceUnknown"), AVAIL_UNKNOWN);
	assert_int_equal(presence_avail("Zzz"), AVAIL_UNKNOWN);
	assert_int_equal(presence_avail(""), AVAIL_UNKNOWN);
	assert_int_equal(presence_avail(NULL), AVAIL_UNKNOWN);
}

/* Every category has a name; out of range is "Unknown". */
static void
test_avail_names(void **state)
{
	int i;

	(void)state;
	assert_string_equal(presence_avail_name(AVAIL_AVAILABLE), "Available");
	assert_string_equal(presence_avail_name(AVAIL_BUSY), "Busy");
	assert_string_equal(presence_avail_name(AVAIL_DND), "DoNotDisturb");
	assert_string_equal(presence_avail_name(AVAIL_BRB), "BeRightBack");
	assert_string_equal(presence_avail_name(AVAIL_AWAY), "Away");
	assert_string_equal(presence_avail_name(AVAIL_OFFLINE), "Offline");
	assert_string_equal(presence_avail_name(AVAIL_UNKNOWN), "Unknown");
	assert_string_equal(presence_avail_name(AVAIL__COUNT), "Unknown");
	assert_string_equal(presence_avail_name((enum avail) - 1), "Unknown");
	for (i = 0; i < AVAIL_UNKNOWN; i++)
		assert_int_equal(presence_avail(
		                     presence_avail_name((enum avail)i)),
		    i);
}

/* The five pairs setPresence documents, and only those. */
static void
test_set_pairs_exactly_five(void **state)
{
	static const char *const ok[][2] = { { "Available", "Available" },
		{ "Busy", "InACall" }, { "Busy", "InAConferenceCall" },
		{ "Away", "Away" }, { "DoNotDisturb", "Presenting" } };
	static const char *const avails[] = { "Available", "Busy",
		"DoNotDisturb", "BeRightBack", "Away", "Offline" };
	static const char *const acts[] = { "Available", "InACall",
		"InAConferenceCall", "Away", "Presenting", "Busy",
		"DoNotDisturb", "BeRightBack", "OffWork", "InAMeeting",
		"OutOfOffice", "Offline" };
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < 5; i++)
		assert_true(
		    presence_pair_allowed(PRESENCE_SET, ok[i][0], ok[i][1]));
	for (i = 0; i < 6; i++)
		for (j = 0; j < 12; j++)
			n += presence_pair_allowed(PRESENCE_SET, avails[i],
			    acts[j]);
	assert_int_equal(n, 5);
}

/* The six pairs setUserPreferredPresence documents, and only those. */
static void
test_preferred_pairs_exactly_six(void **state)
{
	static const char *const ok[][2] = { { "Available", "Available" },
		{ "Busy", "Busy" }, { "DoNotDisturb", "DoNotDisturb" },
		{ "BeRightBack", "BeRightBack" }, { "Away", "Away" },
		{ "Offline", "OffWork" } };
	static const char *const avails[] = { "Available", "Busy",
		"DoNotDisturb", "BeRightBack", "Away", "Offline" };
	static const char *const acts[] = { "Available", "InACall",
		"InAConferenceCall", "Away", "Presenting", "Busy",
		"DoNotDisturb", "BeRightBack", "OffWork", "InAMeeting",
		"OutOfOffice", "Offline" };
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < 6; i++)
		assert_true(presence_pair_allowed(PRESENCE_PREFERRED, ok[i][0],
		    ok[i][1]));
	for (i = 0; i < 6; i++)
		for (j = 0; j < 12; j++)
			n += presence_pair_allowed(PRESENCE_PREFERRED,
			    avails[i], acts[j]);
	assert_int_equal(n, 6);
}

/* Pairs refused by one method but allowed by the other. */
static void
test_pairs_refused(void **state)
{
	(void)state;
	assert_false(presence_pair_allowed(PRESENCE_SET, "Busy", "Busy"));
	assert_false(presence_pair_allowed(PRESENCE_SET, "DoNotDisturb",
	    "DoNotDisturb"));
	assert_false(presence_pair_allowed(PRESENCE_SET, "Offline", "OffWork"));
	assert_false(presence_pair_allowed(PRESENCE_SET, "Busy", "InAMeeting"));
	assert_false(
	    presence_pair_allowed(PRESENCE_PREFERRED, "Busy", "InACall"));
	assert_false(presence_pair_allowed(PRESENCE_PREFERRED, "DoNotDisturb",
	    "Presenting"));
	assert_false(presence_pair_allowed(PRESENCE_SET, NULL, "Away"));
	assert_false(presence_pair_allowed(PRESENCE_SET, "Away", NULL));
	/* The table compares exact spelling: canonicalise first. */
	assert_false(presence_pair_allowed(PRESENCE_SET, "busy", "inacall"));
}

/* The error text lists every pair in order. */
static void
test_pairs_string_lists_all(void **state)
{
	(void)state;
	assert_string_equal(presence_pairs_string(PRESENCE_SET),
	    "Available/Available, Busy/InACall, Busy/InAConferenceCall, "
	    "Away/Away, DoNotDisturb/Presenting");
	assert_string_equal(presence_pairs_string(PRESENCE_PREFERRED),
	    "Available/Available, Busy/Busy, DoNotDisturb/DoNotDisturb, "
	    "BeRightBack/BeRightBack, Away/Away, Offline/OffWork");
}

/* The exported tables are the pairs allowed, in the order of the text. */
static void
test_pairs_table_matches_text(void **state)
{
	const struct presence_pair *t;
	size_t i, n;

	(void)state;
	t = presence_pairs(PRESENCE_SET, &n);
	assert_int_equal(n, 5);
	assert_string_equal(t[0].availability, "Available");
	assert_string_equal(t[1].activity, "InACall");
	assert_string_equal(t[4].availability, "DoNotDisturb");
	assert_string_equal(t[4].activity, "Presenting");
	for (i = 0; i < n; i++)
		assert_true(presence_pair_allowed(PRESENCE_SET,
		    t[i].availability, t[i].activity));
	t = presence_pairs(PRESENCE_PREFERRED, &n);
	assert_int_equal(n, 6);
	assert_string_equal(t[5].availability, "Offline");
	assert_string_equal(t[5].activity, "OffWork");
	for (i = 0; i < n; i++)
		assert_true(presence_pair_allowed(PRESENCE_PREFERRED,
		    t[i].availability, t[i].activity));
}

/* Ask for the pairs' text from a thread. */
static void *
pairs_string_thread(void *arg)
{
	return (void *)presence_pairs_string(*(enum presence_method *)arg);
}

/* The text is written once even when threads ask for it together. */
static void
test_pairs_string_once_across_threads(void **state)
{
	enum presence_method m[8];
	pthread_t th[8];
	void *got[8];
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++) {
		m[i] = (i % 2 == 0) ? PRESENCE_SET : PRESENCE_PREFERRED;
		assert_int_equal(pthread_create(&th[i], NULL,
		                     pairs_string_thread, &m[i]),
		    0);
	}
	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_join(th[i], &got[i]), 0);
	for (i = 0; i < 8; i++)
		assert_ptr_equal(got[i], presence_pairs_string(m[i]));
}

/* User input is spelt as Graph documents it, whatever its case. */
static void
test_canonical_spelling(void **state)
{
	(void)state;
	assert_string_equal(presence_canonical("busy"), "Busy");
	assert_string_equal(presence_canonical("inacall"), "InACall");
	assert_string_equal(presence_canonical("INACONFERENCECALL"),
	    "InAConferenceCall");
	assert_string_equal(presence_canonical("donotdisturb"), "DoNotDisturb");
	assert_string_equal(presence_canonical("offwork"), "OffWork");
	assert_string_equal(presence_canonical("beRightBack"), "BeRightBack");
	assert_string_equal(presence_canonical("presenceUnknown"),
	    "PresenceUnknown");
	assert_null(presence_canonical("Sleeping"));
	assert_null(presence_canonical(""));
	assert_null(presence_canonical(NULL));
	assert_null(presence_canonical("Busy "));
}

/* presence_check canonicalises and accepts a good write. */
static void
test_check_accepts_and_canonicalises(void **state)
{
	const char *av = "busy", *ac = "inacall";
	char *cause = NULL;

	(void)state;
	assert_int_equal(presence_check(PRESENCE_SET, &av, &ac, 3600, &cause),
	    0);
	assert_string_equal(av, "Busy");
	assert_string_equal(ac, "InACall");
	assert_null(cause);
	av = "offline";
	ac = "offwork";
	assert_int_equal(presence_check(PRESENCE_PREFERRED, &av, &ac, 0,
	                     &cause),
	    0);
	assert_string_equal(av, "Offline");
	assert_string_equal(ac, "OffWork");
}

/* A refused pair names the method and lists the allowed pairs. */
static void
test_check_refuses_pair_with_list(void **state)
{
	const char *av = "Busy", *ac = "Busy";
	char *cause = NULL;

	(void)state;
	assert_int_equal(presence_check(PRESENCE_SET, &av, &ac, 0, &cause), -1);
	assert_non_null(strstr(cause, "setPresence does not allow Busy/Busy"));
	assert_non_null(strstr(cause, "Busy/InACall"));
	free(cause);
	assert_string_equal(av, "Busy"); /* Untouched on failure. */
}

/* Unknown values are refused with the value named. */
static void
test_check_refuses_unknown_values(void **state)
{
	const char *av = "Sleepy", *ac = "Away";
	char *cause = NULL;

	(void)state;
	assert_int_equal(presence_check(PRESENCE_SET, &av, &ac, 0, &cause), -1);
	assert_non_null(strstr(cause, "unknown availability 'Sleepy'"));
	free(cause);
	av = "Away";
	ac = "Napping";
	assert_int_equal(presence_check(PRESENCE_PREFERRED, &av, &ac, 0,
	                     &cause),
	    -1);
	assert_non_null(strstr(cause, "unknown activity 'Napping'"));
	free(cause);
	av = NULL;
	assert_int_equal(presence_check(PRESENCE_SET, &av, &ac, 0, NULL), -1);
}

/* setPresence: PT5M..PT4H inclusive, 0 for the default. */
static void
test_set_duration_bounds(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(presence_check_duration(PRESENCE_SET, 0, NULL), 0);
	assert_int_equal(presence_check_duration(PRESENCE_SET, 300, NULL), 0);
	assert_int_equal(presence_check_duration(PRESENCE_SET, 14400, NULL), 0);
	assert_int_equal(presence_check_duration(PRESENCE_SET, 299, &cause),
	    -1);
	assert_non_null(
	    strstr(cause, "PT4M59S is out of range (PT5M to PT4H)"));
	free(cause);
	assert_int_equal(presence_check_duration(PRESENCE_SET, 14401, &cause),
	    -1);
	assert_non_null(strstr(cause, "PT4H1S"));
	free(cause);
	assert_int_equal(presence_check_duration(PRESENCE_SET, -5, &cause), -1);
	free(cause);
	assert_int_equal(presence_default_duration(PRESENCE_SET, "Busy"), 300);
}

/* Preferred: 5 minutes to 7 days; default 1 day for Busy/DND, else 7. */
static void
test_preferred_duration_bounds(void **state)
{
	(void)state;
	assert_int_equal(presence_check_duration(PRESENCE_PREFERRED, 300, NULL),
	    0);
	assert_int_equal(presence_check_duration(PRESENCE_PREFERRED, 604800,
	                     NULL),
	    0);
	assert_int_equal(presence_check_duration(PRESENCE_PREFERRED, 604801,
	                     NULL),
	    -1);
	assert_int_equal(presence_check_duration(PRESENCE_PREFERRED, 60, NULL),
	    -1);
	assert_int_equal(presence_default_duration(PRESENCE_PREFERRED, "Busy"),
	    86400);
	assert_int_equal(presence_default_duration(PRESENCE_PREFERRED,
	                     "donotdisturb"),
	    86400);
	assert_int_equal(presence_default_duration(PRESENCE_PREFERRED,
	                     "Available"),
	    604800);
	assert_int_equal(presence_default_duration(PRESENCE_PREFERRED,
	                     "Offline"),
	    604800);
}

/* A good pair with a bad duration is refused. */
static void
test_check_refuses_duration(void **state)
{
	const char *av = "Available", *ac = "Available";
	char *cause = NULL;

	(void)state;
	assert_int_equal(presence_check(PRESENCE_SET, &av, &ac, 36000, &cause),
	    -1);
	assert_non_null(strstr(cause, "setPresence"));
	assert_non_null(strstr(cause, "PT10H"));
	free(cause);
}

/* sequenceNumber: strcmp order, NULL oldest. */
static void
test_is_newer(void **state)
{
	(void)state;
	assert_true(presence_is_newer("C0000004F1A2B3C5", "C0000004F1A2B3C4"));
	assert_false(presence_is_newer("C0000004F1A2B3C4", "C0000004F1A2B3C5"));
	assert_false(presence_is_newer("A", "A"));
	assert_true(presence_is_newer("A", NULL));
	assert_false(presence_is_newer(NULL, "A"));
	assert_false(presence_is_newer(NULL, NULL));
	assert_true(presence_is_newer("b", "a"));
}

/* Year 9999 (or nothing) means the message never expires. */
static void
test_expiry_never(void **state)
{
	(void)state;
	assert_true(presence_expiry_is_never("9999-12-31T00:00:00.0000000"));
	assert_true(presence_expiry_is_never("9999-12-30T23:00:00Z"));
	assert_true(presence_expiry_is_never(NULL));
	assert_true(presence_expiry_is_never(""));
	assert_false(presence_expiry_is_never("2026-03-02T17:00:00.0000000"));
	assert_false(presence_expiry_is_never("999"));
}

/* A status message is measured in characters, not bytes: 280 of any. */
static void
test_status_limit_counts_characters(void **state)
{
	char buf[PRESENCE_STATUS_MAX_BYTES + 8], *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(presence_status_length(NULL), 0);
	assert_int_equal(presence_status_length(""), 0);
	assert_int_equal(presence_status_length("caf\xc3\xa9"), 4);
	/* 280 characters of 4 bytes each: allowed. */
	for (i = 0; i < PRESENCE_STATUS_MAX; i++)
		memcpy(buf + i * 4, "\xf0\x9f\x98\x80", 4);
	buf[PRESENCE_STATUS_MAX * 4] = '\0';
	assert_int_equal(presence_status_length(buf), PRESENCE_STATUS_MAX);
	assert_int_equal(presence_check_status(buf, &cause), 0);
	assert_null(cause);
	/* 150 CJK characters (450 bytes): allowed. */
	for (i = 0; i < 150; i++)
		memcpy(buf + i * 3, "\xe4\xb8\xad", 3);
	buf[450] = '\0';
	assert_int_equal(presence_check_status(buf, &cause), 0);
	/* 281 ASCII characters: refused, with the count and the limit. */
	memset(buf, 'a', PRESENCE_STATUS_MAX + 1);
	buf[PRESENCE_STATUS_MAX + 1] = '\0';
	assert_int_equal(presence_check_status(buf, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "281 characters"));
	assert_non_null(strstr(cause, "at most 280"));
	free(cause);
}

/* Copy is deep; done frees everything and zeroes. */
static void
test_copy_and_done(void **state)
{
	struct presence a, b;

	(void)state;
	memset(&a, 0, sizeof a);
	a.id = strdup("id-1");
	a.availability = strdup("Busy");
	a.status_message = strdup("hello");
	a.has_ooo = 1;
	a.is_ooo = 1;
	a.work_location_place = strdup("bldg 4");
	presence_copy(&b, &a);
	assert_ptr_not_equal(a.id, b.id);
	assert_string_equal(b.id, "id-1");
	assert_string_equal(b.status_message, "hello");
	assert_string_equal(b.work_location_place, "bldg 4");
	assert_null(b.activity);
	assert_int_equal(b.is_ooo, 1);
	presence_done(&a);
	assert_null(a.id);
	assert_int_equal(a.has_ooo, 0);
	presence_done(&b);
	presence_done(NULL);
}

/* Lists grow, drop the last one and free everything. */
static void
test_list_grows(void **state)
{
	struct presence_list l;
	struct presence *p;
	int i;

	(void)state;
	memset(&l, 0, sizeof l);
	for (i = 0; i < 1000; i++) {
		p = presence_list_add(&l);
		assert_null(p->id);
		p->id = strdup("x");
	}
	assert_int_equal(l.n, 1000);
	presence_list_drop_last(&l);
	assert_int_equal(l.n, 999);
	presence_list_done(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	presence_list_drop_last(&l);
	presence_list_done(&l);
}

/* User lists: add, copy, find by id (NULL-safe), drop, free. */
static void
test_user_list(void **state)
{
	struct user_list l;
	struct user *u, c;
	char id[16];
	int i;

	(void)state;
	memset(&l, 0, sizeof l);
	for (i = 0; i < 40; i++) {
		u = user_list_add(&l);
		assert_null(u->id);
		snprintf(id, sizeof id, "id-%d", i);
		u->id = strdup(id);
	}
	l.v[3].display_name = strdup("Adele");
	assert_ptr_equal(user_list_find(&l, "id-3"), &l.v[3]);
	assert_null(user_list_find(&l, "id-99"));
	assert_null(user_list_find(&l, NULL));
	assert_null(user_list_find(NULL, "id-3"));
	user_copy(&c, &l.v[3]);
	assert_string_equal(c.display_name, "Adele");
	assert_ptr_not_equal(c.display_name, l.v[3].display_name);
	assert_null(c.mail);
	user_done(&c);
	assert_null(c.id);
	user_list_drop_last(&l);
	assert_int_equal(l.n, 39);
	assert_null(user_list_find(&l, "id-39"));
	user_list_done(&l);
	assert_int_equal(l.n, 0);
	user_list_done(NULL);
	user_done(NULL);
}

/* Teams' words where they differ from Graph's values, else none. */
static void
test_teams_words(void **state)
{
	(void)state;
	assert_string_equal(presence_teams_words("Offline", "OffWork"),
	    "Appear offline");
	assert_string_equal(presence_teams_words("berightback", "BeRightBack"),
	    "Be right back");
	assert_string_equal(presence_teams_words("Busy", "InACall"),
	    "In a call");
	assert_string_equal(presence_teams_words("Away", "OutOfOffice"),
	    "Out of office");
	assert_null(presence_teams_words("Available", "Available"));
	assert_null(presence_teams_words("Offline", "Offline"));
	assert_null(presence_teams_words(NULL, "OffWork"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_teams_words),
		/* First, so that the threads ask for the text first. */
		cmocka_unit_test(test_pairs_string_once_across_threads),
		cmocka_unit_test(test_avail_categories),
		cmocka_unit_test(test_avail_names),
		cmocka_unit_test(test_set_pairs_exactly_five),
		cmocka_unit_test(test_preferred_pairs_exactly_six),
		cmocka_unit_test(test_pairs_refused),
		cmocka_unit_test(test_pairs_string_lists_all),
		cmocka_unit_test(test_pairs_table_matches_text),
		cmocka_unit_test(test_canonical_spelling),
		cmocka_unit_test(test_check_accepts_and_canonicalises),
		cmocka_unit_test(test_check_refuses_pair_with_list),
		cmocka_unit_test(test_check_refuses_unknown_values),
		cmocka_unit_test(test_set_duration_bounds),
		cmocka_unit_test(test_preferred_duration_bounds),
		cmocka_unit_test(test_check_refuses_duration),
		cmocka_unit_test(test_is_newer),
		cmocka_unit_test(test_expiry_never),
		cmocka_unit_test(test_status_limit_counts_characters),
		cmocka_unit_test(test_copy_and_done),
		cmocka_unit_test(test_list_grows),
		cmocka_unit_test(test_user_list),
	};

	return cmocka_run_group_tests_name("presence", tests, NULL, NULL);
}
