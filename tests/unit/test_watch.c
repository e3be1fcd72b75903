/*
 * Watches: when each condition fires (on a transition only, once when met
 * and not before; every time on each new meeting), and the file that
 * keeps them across restarts.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "watch.h"
#include "xmalloc.h"

#define NOW ((time_t)1772445600)

/* Feed a watch a sequence of availabilities; the string of fires, "01..". */
static void
feed(struct watch *w, const char *const *seq, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] =
		    watch_seen(w, seq[i], seq[i], NOW + (time_t)i) ? '1' : '0';
	out[n] = '\0';
}

static void
test_becomes_fires_on_the_transition_only(void **state)
{
	struct watch_list l = { 0 };
	struct watch *w;
	static const char *const seq[] = { "Busy", "Busy", "Available",
		"AvailableIdle", "Available", "Away", "Available" };
	char got[16];

	(void)state;
	w = watch_add(&l, "id1", "Ann", WATCH_BECOMES, AVAIL_AVAILABLE, 1,
	    "Busy", "InACall");
	feed(w, seq, 7, got);
	/* AvailableIdle is still Available: not a new meeting. */
	assert_string_equal(got, "0010001");
	assert_int_equal(w->fired, 2);
	assert_int_equal(w->fired_at, NOW + 6);
	watch_done(&l);
}

static void
test_becomes_does_not_fire_when_already_met(void **state)
{
	struct watch_list l = { 0 };
	struct watch *w;
	static const char *const seq[] = { "Available", "Available", "Busy",
		"Available" };
	char got[8];

	(void)state;
	w = watch_add(&l, "id1", "Ann", WATCH_BECOMES, AVAIL_AVAILABLE, 0,
	    "Available", "Available");
	feed(w, seq, 4, got);
	assert_string_equal(got, "0001");
	watch_done(&l);
}

static void
test_first_presence_only_starts_the_watch(void **state)
{
	struct watch_list l = { 0 };
	struct watch *w;
	static const char *const seq[] = { "Available", "Busy", "Available" };
	char got[8];

	(void)state;
	w = watch_add(&l, "id1", NULL, WATCH_BECOMES, AVAIL_AVAILABLE, 1, NULL,
	    NULL);
	assert_string_equal(w->name, "id1");
	assert_int_equal(watch_seen(w, NULL, NULL, NOW), 0);
	feed(w, seq, 3, got);
	assert_string_equal(got, "001");
	watch_done(&l);
}

static void
test_leaves_dnd_fires_on_the_way_out_only(void **state)
{
	struct watch_list l = { 0 };
	struct watch *w;
	static const char *const seq[] = { "Busy", "DoNotDisturb",
		"DoNotDisturb", "Available", "Busy", "DoNotDisturb", "Away" };
	char got[16];

	(void)state;
	w = watch_add(&l, "id1", "Ann", WATCH_LEAVES, AVAIL_DND, 1, "Available",
	    "Available");
	feed(w, seq, 7, got);
	assert_string_equal(got, "0001001");
	watch_done(&l);
}

static void
test_changes_fires_on_activity_too(void **state)
{
	struct watch_list l = { 0 };
	struct watch *w;

	(void)state;
	w = watch_add(&l, "id1", "Ann", WATCH_CHANGES, AVAIL_UNKNOWN, 1, "Busy",
	    "InACall");
	assert_int_equal(watch_seen(w, "Busy", "InACall", NOW), 0);
	assert_int_equal(watch_seen(w, "Busy", "InAMeeting", NOW), 1);
	assert_int_equal(watch_seen(w, "Busy", "InAMeeting", NOW), 0);
	assert_int_equal(watch_seen(w, "Away", "InAMeeting", NOW), 1);
	assert_int_equal(watch_seen(w, "Away", NULL, NOW), 1);
	assert_int_equal(watch_seen(w, "Away", "", NOW), 0);
	watch_done(&l);
}

static void
test_add_replaces_and_drop_removes(void **state)
{
	struct watch_list l = { 0 };
	char what[64];

	(void)state;
	watch_add(&l, "a", "Ann", WATCH_BECOMES, AVAIL_AVAILABLE, 0, NULL,
	    NULL);
	watch_add(&l, "b", "Bo", WATCH_CHANGES, AVAIL_UNKNOWN, 1, NULL, NULL);
	watch_add(&l, "a", "Ann", WATCH_LEAVES, AVAIL_DND, 1, NULL, NULL);
	assert_int_equal(l.n, 2);
	watch_describe(watch_find(&l, "a"), what, sizeof what);
	assert_string_equal(what, "leaves DoNotDisturb");
	watch_describe(watch_find(&l, "b"), what, sizeof what);
	assert_string_equal(what, "any change");
	assert_int_equal(watch_drop(&l, "a"), 1);
	assert_int_equal(watch_drop(&l, "a"), 0);
	assert_null(watch_find(&l, "a"));
	assert_non_null(watch_find(&l, "b"));
	watch_done(&l);
}

static void
test_file_round_trips_and_skips_bad_lines(void **state)
{
	struct watch_list l = { 0 }, back = { 0 };
	const struct watch *w;
	char *text, *more;
	size_t bad;

	(void)state;
	watch_add(&l, "a", "Ann\tLee\n", WATCH_BECOMES, AVAIL_AVAILABLE, 0,
	    "Busy", "InACall");
	watch_add(&l, "b", "Bo", WATCH_LEAVES, AVAIL_DND, 1, NULL, NULL);
	text = watch_format(&l);
	xasprintf(&more, "%sbroken line\nc\tnever\tAvailable\tonce\t\t\tC\n",
	    text);
	watch_parse(&back, more, &bad);
	assert_int_equal(bad, 2);
	assert_int_equal(back.n, 2);
	w = watch_find(&back, "a");
	assert_non_null(w);
	assert_string_equal(w->name, "Ann Lee ");
	assert_int_equal(w->cond, WATCH_BECOMES);
	assert_int_equal(w->avail, AVAIL_AVAILABLE);
	assert_int_equal(w->every, 0);
	assert_string_equal(w->availability, "Busy");
	assert_string_equal(w->activity, "InACall");
	w = watch_find(&back, "b");
	assert_int_equal(w->cond, WATCH_LEAVES);
	assert_int_equal(w->avail, AVAIL_DND);
	assert_int_equal(w->every, 1);
	assert_null(w->availability);
	assert_null(w->activity);
	free(text);
	free(more);
	watch_done(&l);
	watch_done(&back);
}

static void
test_file_is_private_and_survives(void **state)
{
	struct watch_list l = { 0 }, back = { 0 };
	char dir[4096], path[4200], *cause = NULL;
	struct stat sb;
	size_t bad;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_watch");
	setenv("XDG_STATE_HOME", dir, 1);
	assert_int_equal(watch_load(&back, WATCH_FILE(0), &bad, &cause), 0);
	assert_int_equal(back.n, 0);
	watch_add(&l, "a", "Ann", WATCH_BECOMES, AVAIL_AVAILABLE, 1, "Busy",
	    "Busy");
	assert_int_equal(watch_save(&l, WATCH_FILE(0), &cause), 0);
	snprintf(path, sizeof path, "%s/teamtop/watches", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(watch_load(&back, WATCH_FILE(0), &bad, &cause), 0);
	assert_int_equal(back.n, 1);
	assert_int_equal(bad, 0);
	/* A transition seen after the restart fires. */
	assert_int_equal(watch_seen(&back.v[0], "Available", "Available", NOW),
	    1);
	assert_int_equal(chmod(path, 0644), 0);
	watch_done(&back);
	assert_int_equal(watch_load(&back, WATCH_FILE(0), &bad, &cause), -1);
	assert_non_null(strstr(cause, "chmod 600"));
	free(cause);
	watch_done(&l);
	watch_done(&back);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_becomes_fires_on_the_transition_only),
		cmocka_unit_test(test_becomes_does_not_fire_when_already_met),
		cmocka_unit_test(test_first_presence_only_starts_the_watch),
		cmocka_unit_test(test_leaves_dnd_fires_on_the_way_out_only),
		cmocka_unit_test(test_changes_fires_on_activity_too),
		cmocka_unit_test(test_add_replaces_and_drop_removes),
		cmocka_unit_test(test_file_round_trips_and_skips_bad_lines),
		cmocka_unit_test(test_file_is_private_and_survives),
	};

	return cmocka_run_group_tests_name("watch", tests, NULL, NULL);
}
