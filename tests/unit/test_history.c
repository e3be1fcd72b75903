/*
 * The history of presence in SQLite: records, the last state, since when
 * someone has been in an availability, periods, forgetting and retention,
 * and a private file in the state directory.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "history.h"
#include "presence.h"

#define T0 ((time_t)1772445600) /* 2026-03-02 10:00:00 UTC */

/* A presence with these values. */
static struct presence
mk(const char *avail, const char *act, const char *status)
{
	struct presence p;

	memset(&p, 0, sizeof p);
	p.availability = (char *)avail;
	p.activity = (char *)act;
	p.status_message = (char *)status;
	p.has_ooo = 1;
	p.is_ooo = 0;
	p.work_location_type = (char *)"office";
	return p;
}

/* Remove the database h.db of a temporary directory, and the directory. */
static void
remove_db(const char *dir)
{
	static const char *const files[] = { "h.db", "h.db-wal", "h.db-shm" };
	char path[300];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* Records come back in order; since and last follow the availability. */
static void
test_records_last_since_list(void **state)
{
	char dir[256], path[300], *cause = NULL;
	struct history_entry e;
	struct history_list l;
	struct history *h;
	struct presence p;
	time_t since;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_history");
	snprintf(path, sizeof path, "%s/h.db", dir);
	h = history_open(path, 7, &cause);
	assert_non_null(h);
	assert_int_equal(history_last(h, "a", &e, &cause), 0);
	assert_int_equal(history_begin(h, &cause), 0);
	p = mk("Busy", "InACall", NULL);
	assert_int_equal(history_record(h, "a", &p, T0, &cause), 0);
	p = mk("Busy", "InAMeeting", "Back at 3");
	assert_int_equal(history_record(h, "a", &p, T0 + 600, &cause), 0);
	p = mk("Available", "Available", NULL);
	assert_int_equal(history_record(h, "a", &p, T0 + 1200, &cause), 0);
	p = mk("Away", "Away", NULL);
	assert_int_equal(history_record(h, "b", &p, T0 + 60, &cause), 0);
	assert_int_equal(history_commit(h, &cause), 0);

	assert_int_equal(history_last(h, "a", &e, &cause), 1);
	assert_string_equal(e.availability, "Available");
	assert_int_equal(e.at, T0 + 1200);
	assert_int_equal(e.ooo, 0);
	assert_string_equal(e.location, "office");
	history_entry_done(&e);

	/* Busy from T0 (two records), then Available: since is T0 + 1200. */
	assert_int_equal(history_since(h, "a", "Available", &since, &cause), 1);
	assert_int_equal(since, T0 + 1200);
	assert_int_equal(history_since(h, "a", "Busy", &since, &cause), 0);
	assert_int_equal(history_since(h, "c", "Busy", &since, &cause), 0);

	memset(&l, 0, sizeof l);
	assert_int_equal(history_list(h, "a", T0 + 300, 0, &l, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].status, "Back at 3");
	assert_null(l.v[1].status);
	history_list_done(&l);
	assert_int_equal(history_list(h, "a", 0, T0 + 600, &l, &cause), 0);
	assert_int_equal(l.n, 2);
	history_list_done(&l);

	/* Forgetting one person keeps the others. */
	assert_int_equal(history_forget(h, "a", &cause), 3);
	assert_int_equal(history_last(h, "a", &e, &cause), 0);
	assert_int_equal(history_last(h, "b", &e, &cause), 1);
	history_entry_done(&e);
	history_close(h);
	remove_db(dir);
}

/* What is older than the retention goes. */
static void
test_prune_keeps_the_retention(void **state)
{
	char dir[256], path[300], *cause = NULL;
	struct history_entry e;
	struct history *h;
	struct presence p = mk("Busy", "Busy", NULL);

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_history");
	snprintf(path, sizeof path, "%s/h.db", dir);
	h = history_open(path, 2, &cause);
	assert_non_null(h);
	assert_int_equal(history_record(h, "old", &p, T0, &cause), 0);
	assert_int_equal(history_record(h, "new", &p, T0 + 86400 * 2, &cause),
	    0);
	assert_int_equal(history_prune(h, T0 + 86400 * 3, &cause), 1);
	assert_int_equal(history_last(h, "old", &e, &cause), 0);
	assert_int_equal(history_last(h, "new", &e, &cause), 1);
	history_entry_done(&e);
	history_close(h);
	remove_db(dir);
}

/* In the state directory the file is private, and refused if it is not. */
static void
test_state_file_is_private(void **state)
{
	char dir[256], path[300], *cause = NULL;
	struct history *h;
	struct stat sb;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_history");
	setenv("XDG_STATE_HOME", dir, 1);
	h = history_open(NULL, 7, &cause);
	assert_non_null(h);
	history_close(h);
	snprintf(path, sizeof path, "%s/teamtop/history.db", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	chmod(path, 0644);
	assert_null(history_open(NULL, 7, &cause));
	assert_non_null(strstr(cause, "readable or writable by others"));
	free(cause);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

/*
 * A day: the state in force at its start, then the ones after; the
 * recordings that overlap it; pruning drops old recordings too.
 */
static void
test_day_and_recordings(void **state)
{
	char dir[256], path[300], *cause = NULL;
	struct history_spans sp;
	struct history_list l;
	struct history *h;
	struct presence p;
	long long run1, run2;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_history");
	snprintf(path, sizeof path, "%s/h.db", dir);
	h = history_open(path, 7, &cause);
	assert_non_null(h);
	p = mk("Busy", "InACall", NULL);
	assert_int_equal(history_record(h, "a", &p, T0 - 7200, &cause), 0);
	p = mk("Away", "Away", NULL);
	assert_int_equal(history_record(h, "a", &p, T0 - 3600, &cause), 0);
	p = mk("Available", "Available", NULL);
	assert_int_equal(history_record(h, "a", &p, T0 + 600, &cause), 0);
	assert_int_equal(history_record(h, "a", &p, T0 + 7200, &cause), 0);
	memset(&l, 0, sizeof l);
	assert_int_equal(history_day(h, "a", T0, T0 + 3600, &l, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].availability, "Away");
	assert_int_equal(l.v[0].at, T0 - 3600);
	assert_int_equal(l.v[1].at, T0 + 600);
	history_list_done(&l);
	assert_int_equal(history_day(h, "b", T0, T0 + 3600, &l, &cause), 0);
	assert_int_equal(l.n, 0);

	assert_int_equal(history_run_start(h, T0 - 86400 * 9, &run1, &cause),
	    0);
	assert_int_equal(history_run_reach(h, run1, T0 - 86400 * 8, &cause), 0);
	assert_int_equal(history_run_start(h, T0 - 600, &run2, &cause), 0);
	assert_int_equal(history_run_reach(h, run2, T0 + 300, &cause), 0);
	assert_true(run2 != run1);
	memset(&sp, 0, sizeof sp);
	assert_int_equal(history_spans(h, T0, T0 + 3600, &sp, &cause), 0);
	assert_int_equal(sp.n, 1);
	assert_int_equal(sp.v[0].from, T0 - 600);
	assert_int_equal(sp.v[0].to, T0 + 300);
	history_spans_done(&sp);
	assert_true(history_prune(h, T0, &cause) >= 0);
	assert_int_equal(history_spans(h, 0, T0 * 2, &sp, &cause), 0);
	assert_int_equal(sp.n, 1);
	history_spans_done(&sp);
	history_close(h);
	remove_db(dir);
}

/* Milliseconds of the monotonic clock. */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * The dashboard's reader does not wait for a lock: while another
 * connection holds the file exclusively, a read fails at once, as busy,
 * and works again once the lock is gone.
 */
static void
test_reader_never_waits(void **state)
{
	char dir[256], path[300], *cause = NULL;
	struct history_list l;
	struct history *h, *r;
	struct presence p = mk("Busy", "Busy", NULL);
	sqlite3 *lock;
	long t;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_history");
	snprintf(path, sizeof path, "%s/h.db", dir);
	r = history_open_reader(path, &cause);
	assert_null(r);
	assert_string_equal(cause, "no history recorded yet");
	free(cause);
	cause = NULL;
	h = history_open(path, 7, &cause);
	assert_non_null(h);
	assert_int_equal(history_record(h, "a", &p, T0, &cause), 0);
	history_close(h);

	/* Held as sqlite3(1) holds it with locking_mode EXCLUSIVE. */
	assert_int_equal(sqlite3_open(path, &lock), SQLITE_OK);
	assert_int_equal(sqlite3_exec(lock,
	                     "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
	                     " INSERT INTO states (id, at) VALUES ('z', 1);",
	                     NULL, NULL, NULL),
	    SQLITE_OK);
	r = history_open_reader(path, &cause);
	assert_non_null(r);
	memset(&l, 0, sizeof l);
	t = now_ms();
	assert_int_equal(history_day(r, "a", T0, T0 + 60, &l, &cause), -1);
	assert_true(now_ms() - t < 200);
	assert_true(history_busy(r));
	free(cause);
	cause = NULL;
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);

	assert_int_equal(history_day(r, "a", T0, T0 + 60, &l, &cause), 0);
	assert_int_equal(l.n, 1);
	assert_false(history_busy(r));
	history_list_done(&l);
	history_close(r);
	remove_db(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_last_since_list),
		cmocka_unit_test(test_prune_keeps_the_retention),
		cmocka_unit_test(test_state_file_is_private),
		cmocka_unit_test(test_day_and_recordings),
		cmocka_unit_test(test_reader_never_waits),
	};

	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
