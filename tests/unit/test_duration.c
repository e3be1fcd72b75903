/* Unit tests for durations, WHEN and Graph date-times. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "duration.h"

/* Parse s, asserting success, and return the seconds. */
static long
parse_ok(const char *s)
{
	long secs = -1;
	char *cause = NULL;
	int rc;

	rc = duration_parse(s, &secs, &cause);
	if (rc != 0)
		fail_msg("'%s' refused: %s", s, cause);
	assert_null(cause);
	return secs;
}

/* Parse s, asserting failure with a cause, and return the cause. */
static char *
parse_bad(const char *s)
{
	long secs = -7;
	char *cause = NULL;

	if (duration_parse(s, &secs, &cause) == 0)
		fail_msg("'%s' accepted as %ld", s, secs);
	assert_non_null(cause);
	assert_int_equal(secs, -7);
	return cause;
}

/* Every ISO 8601 form Graph uses or accepts. */
static void
test_iso_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("PT5M"), 300);
	assert_int_equal(parse_ok("PT4H"), 14400);
	assert_int_equal(parse_ok("PT1H30M"), 5400);
	assert_int_equal(parse_ok("PT8H"), 28800);
	assert_int_equal(parse_ok("P1D"), 86400);
	assert_int_equal(parse_ok("P7D"), 604800);
	assert_int_equal(parse_ok("P1DT2H3M4S"), 93784);
	assert_int_equal(parse_ok("P1W"), 604800);
	assert_int_equal(parse_ok("PT45S"), 45);
	assert_int_equal(parse_ok("PT0S"), 0);
	assert_int_equal(parse_ok("pt1h"), 3600);
	assert_int_equal(parse_ok("PT90M"), 5400);
	assert_int_equal(parse_ok(" PT5M "), 300);
}

/* Fractions: of seconds, and of larger units; dropped below a second. */
static void
test_iso_fractions(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("PT1.5S"), 1);
	assert_int_equal(parse_ok("PT0.9999999S"), 0);
	assert_int_equal(parse_ok("PT300.0000000S"), 300);
	assert_int_equal(parse_ok("PT0.5H"), 1800);
	assert_int_equal(parse_ok("PT1,5M"), 90);
	assert_int_equal(parse_ok("P0.5D"), 43200);
}

/* Short human forms. */
static void
test_short_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("90m"), 5400);
	assert_int_equal(parse_ok("1h30m"), 5400);
	assert_int_equal(parse_ok("1h 30m"), 5400);
	assert_int_equal(parse_ok("2h"), 7200);
	assert_int_equal(parse_ok("45s"), 45);
	assert_int_equal(parse_ok("1d"), 86400);
	assert_int_equal(parse_ok("1w"), 604800);
	assert_int_equal(parse_ok("1.5h"), 5400);
	assert_int_equal(parse_ok("1H30M"), 5400);
	assert_int_equal(parse_ok("2 hours"), 7200);
	assert_int_equal(parse_ok("5 min"), 300);
	assert_int_equal(parse_ok("1d2h3m4s"), 93784);
	assert_int_equal(parse_ok("  10m  "), 600);
}

/* Junk is refused with a cause that quotes it. */
static void
test_junk_refused(void **state)
{
	static const char *const junk[] = { "banana", "1x", "h", "m30", "1h1h",
		"30m1h", "P", "PT", "PT1H30", "P1H", "PT1D", "P1DT", "PT-5M",
		"-5m", "P1Y", "P1M", "PT1H1H", "1..5h", ".h", "PT.5S", "1h30",
		"1 h 3", "P1D2D", "5m\n", "1e3s", "0x10m", "PTS", "∞h" };
	size_t i;
	char *cause;

	(void)state;
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		cause = parse_bad(junk[i]);
		free(cause);
	}
	cause = parse_bad("banana");
	assert_non_null(strstr(cause, "'banana'"));
	free(cause);
}

/* A bare number has no unit: refused with a hint. */
static void
test_bare_number_refused(void **state)
{
	char *cause;

	(void)state;
	cause = parse_bad("90");
	assert_non_null(strstr(cause, "no unit"));
	free(cause);
}

/* Empty and NULL input. */
static void
test_empty_refused(void **state)
{
	long secs;
	char *cause = NULL;

	(void)state;
	free(parse_bad(""));
	free(parse_bad("   "));
	assert_int_equal(duration_parse(NULL, &secs, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(duration_parse("junk", &secs, NULL), -1);
}

/* Years and months have no fixed length. */
static void
test_years_months_refused(void **state)
{
	char *cause;

	(void)state;
	cause = parse_bad("P1M");
	assert_non_null(strstr(cause, "days"));
	free(cause);
}

/* Absurdly long durations overflow nothing. */
static void
test_too_long_refused(void **state)
{
	char *cause;

	(void)state;
	cause = parse_bad("PT99999999999999999999H");
	free(cause);
	cause = parse_bad("999999999999d");
	assert_non_null(strstr(cause, "too long"));
	free(cause);
	assert_int_equal(parse_ok("P36500D"), 36500L * 86400);
}

/* ISO only: the short form is refused by duration_parse_iso. */
static void
test_iso_only(void **state)
{
	long secs;
	char *cause = NULL;

	(void)state;
	assert_int_equal(duration_parse_iso("PT5M", &secs, NULL), 0);
	assert_int_equal(secs, 300);
	assert_int_equal(duration_parse_iso("5m", &secs, &cause), -1);
	assert_non_null(strstr(cause, "ISO 8601"));
	free(cause);
}

/* Seconds written for a request body. */
static void
test_format_iso(void **state)
{
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_string_equal(duration_format_iso(5400, buf, sizeof buf),
	    "PT1H30M");
	assert_string_equal(duration_format_iso(300, buf, sizeof buf), "PT5M");
	assert_string_equal(duration_format_iso(14400, buf, sizeof buf),
	    "PT4H");
	assert_string_equal(duration_format_iso(86400, buf, sizeof buf), "P1D");
	assert_string_equal(duration_format_iso(93784, buf, sizeof buf),
	    "P1DT2H3M4S");
	assert_string_equal(duration_format_iso(45, buf, sizeof buf), "PT45S");
	assert_string_equal(duration_format_iso(0, buf, sizeof buf), "PT0S");
	assert_string_equal(duration_format_iso(-3, buf, sizeof buf), "PT0S");
	assert_string_equal(duration_format_iso(3601, buf, sizeof buf),
	    "PT1H1S");
}

/* Whatever is formatted parses back to the same seconds. */
static void
test_format_iso_round_trip(void **state)
{
	char buf[DURATION_BUFSIZE];
	long s, back;

	(void)state;
	for (s = 0; s < 200000; s += 997) {
		assert_int_equal(duration_parse(duration_format_iso(s, buf,
		                                    sizeof buf),
		                     &back, NULL),
		    0);
		assert_int_equal(back, s);
	}
}

/* Seconds written for a column: one unit below an hour, then two. */
static void
test_format_short(void **state)
{
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_string_equal(duration_format_short(45, buf, sizeof buf), "45s");
	assert_string_equal(duration_format_short(0, buf, sizeof buf), "0s");
	assert_string_equal(duration_format_short(300, buf, sizeof buf), "5m");
	assert_string_equal(duration_format_short(330, buf, sizeof buf), "5m");
	assert_string_equal(duration_format_short(725, buf, sizeof buf), "12m");
	assert_string_equal(duration_format_short(5400, buf, sizeof buf),
	    "1h30m");
	assert_string_equal(duration_format_short(5430, buf, sizeof buf),
	    "1h30m");
	assert_string_equal(duration_format_short(7200, buf, sizeof buf),
	    "2h00m");
	assert_string_equal(duration_format_short(11100, buf, sizeof buf),
	    "3h05m");
	assert_string_equal(duration_format_short(183600, buf, sizeof buf),
	    "2d03h");
	assert_string_equal(duration_format_short(187200, buf, sizeof buf),
	    "2d04h");
	assert_string_equal(duration_format_short(172800, buf, sizeof buf),
	    "2d00h");
	assert_string_equal(duration_format_short(-10, buf, sizeof buf), "0s");
	assert_string_equal(duration_format_short(5, buf, 3), "5s");
	assert_string_equal(duration_format_short(123456, buf, 3), "1d");
}

/* Seconds in whole minutes: never a number of seconds. */
static void
test_format_minutes(void **state)
{
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_string_equal(duration_format_minutes(0, buf, sizeof buf), "<1m");
	assert_string_equal(duration_format_minutes(59, buf, sizeof buf),
	    "<1m");
	assert_string_equal(duration_format_minutes(-10, buf, sizeof buf),
	    "<1m");
	assert_string_equal(duration_format_minutes(60, buf, sizeof buf), "1m");
	assert_string_equal(duration_format_minutes(119, buf, sizeof buf),
	    "1m");
	assert_string_equal(duration_format_minutes(5430, buf, sizeof buf),
	    "1h30m");
	assert_string_equal(duration_format_minutes(187200, buf, sizeof buf),
	    "2d04h");
	assert_string_equal(duration_format_minutes(30, buf, 3), "<1");
}

/* A fixed "now": 2026-03-02 10:00:00 UTC. */
#define NOW ((time_t)1772445600)

/* Run the WHEN tests in UTC, then restore. */
static int
setup_utc(void **state)
{
	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	return 0;
}

/* WHEN as a duration from now. */
static void
test_when_duration(void **state)
{
	time_t when;

	(void)state;
	assert_int_equal(duration_parse_when("90m", NOW, &when, NULL), 0);
	assert_int_equal(when, NOW + 5400);
	assert_int_equal(duration_parse_when("PT1H", NOW, &when, NULL), 0);
	assert_int_equal(when, NOW + 3600);
}

/* WHEN as the words people use, in local time; never is no expiry. */
static void
test_when_words(void **state)
{
	char buf[DURATION_BUFSIZE];
	time_t when;
	char *cause = NULL;

	(void)state;
	assert_int_equal(duration_parse_when("today", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-03T00:00:00.0000000");
	assert_int_equal(duration_parse_when("Tomorrow", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-04T00:00:00.0000000");
	/* NOW is a Monday: Friday ends on the 6th; Monday is today. */
	assert_int_equal(duration_parse_when("friday", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-07T00:00:00.0000000");
	assert_int_equal(duration_parse_when("monday", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-03T00:00:00.0000000");
	assert_int_equal(duration_parse_when("this-week", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-09T00:00:00.0000000");
	assert_int_equal(duration_parse_when("never", NOW, &when, NULL), 0);
	assert_int_equal(when, 0);
	assert_int_equal(duration_parse_word("fryday", NOW, &when), -1);
	assert_int_equal(duration_parse_word("never", NOW, &when), -1);
	assert_int_equal(duration_parse_when("fryday", NOW, &when, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

/* How long a presence lasts: a duration, or a word up to its moment. */
static void
test_span(void **state)
{
	long secs;
	char *cause = NULL;

	(void)state;
	assert_int_equal(duration_parse_span("90m", NOW, &secs, NULL), 0);
	assert_int_equal(secs, 5400);
	assert_int_equal(duration_parse_span("PT2H", NOW, &secs, NULL), 0);
	assert_int_equal(secs, 7200);
	/* NOW is 2026-03-02 (a Monday); today ends at midnight. */
	assert_int_equal(duration_parse_span("today", NOW, &secs, NULL), 0);
	assert_int_equal(NOW + secs, 1772496000L);
	assert_int_equal(duration_parse_span("never", NOW, &secs, &cause), -1);
	assert_non_null(strstr(cause, "for ever"));
	free(cause);
	cause = NULL;
	assert_int_equal(duration_parse_span("banana", NOW, &secs, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

/* "until ..." in local time: the time today, the weekday soon, else a date. */
static void
test_format_until(void **state)
{
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_string_equal(duration_format_until(NOW + 3600, NOW, buf,
	                        sizeof buf),
	    "11:00");
	assert_string_equal(duration_format_until(NOW + 4 * 86400, NOW, buf,
	                        sizeof buf),
	    "Fri 10:00");
	assert_string_equal(duration_format_until(NOW + 9 * 86400, NOW, buf,
	                        sizeof buf),
	    "2026-03-11 10:00");
}

/* WHEN as a local date-time, with a space or a T, with seconds or not. */
static void
test_when_date_time(void **state)
{
	time_t when;
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_int_equal(duration_parse_when("2026-12-01 17:00", NOW, &when,
	                     NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-12-01T17:00:00.0000000");
	assert_int_equal(duration_parse_when("2026-12-01T17:00:30", NOW, &when,
	                     NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-12-01T17:00:30.0000000");
	assert_int_equal(duration_parse_when("2026-12-01", NOW, &when, NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-12-01T00:00:00.0000000");
}

/* A local time in another zone becomes UTC. */
static void
test_when_local_zone(void **state)
{
	time_t when;
	char buf[DURATION_BUFSIZE];

	(void)state;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	assert_int_equal(duration_parse_when("2026-12-01 17:00", NOW, &when,
	                     NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-12-01T16:00:00.0000000");
	assert_int_equal(duration_parse_when("2026-07-01 17:00", NOW, &when,
	                     NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-07-01T15:00:00.0000000");
	/* An explicit Z means UTC whatever the local zone. */
	assert_int_equal(duration_parse_when("2026-12-01T17:00Z", NOW, &when,
	                     NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-12-01T17:00:00.0000000");
	/* At 00:30 in Paris (23:30 UTC) "23:45Z" is still today in UTC. */
	assert_int_equal(duration_parse_when("23:45Z", NOW + 13 * 3600 + 1800,
	                     &when, NULL),
	    0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-02T23:45:00.0000000");
	assert_int_equal(duration_parse_when("17:00 UTC", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-02T17:00:00.0000000");
	setup_utc(NULL);
}

/* "17:00" is today if still ahead, else tomorrow. */
static void
test_when_time_of_day(void **state)
{
	time_t when;
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_int_equal(duration_parse_when("17:00", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-02T17:00:00.0000000");
	assert_int_equal(duration_parse_when("09:30", NOW, &when, NULL), 0);
	assert_string_equal(duration_format_graph(when, buf, sizeof buf),
	    "2026-03-03T09:30:00.0000000");
	assert_int_equal(duration_parse_when("10:00", NOW, &when, NULL), 0);
	assert_int_equal(when, NOW + 86400);
	assert_int_equal(duration_parse_when("9:05", NOW, &when, NULL), 0);
	assert_int_equal(when, NOW + 86400 - 55 * 60);
}

/* Past times and junk are refused with a cause. */
static void
test_when_refused(void **state)
{
	static const char *const junk[] = { "2026-13-01 10:00",
		"2026-02-30 10:00", "2026-12-01 25:00", "2026-12-01 10:60",
		"tomorow", "17h00x", "2026/12/01", "2026-12-01 17", "",
		"17:00 PST", "26:00", "2026-12-01T17:00+01:00" };
	time_t when = 0;
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(duration_parse_when("2026-03-01 10:00", NOW, &when,
	                     &cause),
	    -1);
	assert_non_null(strstr(cause, "in the past"));
	free(cause);
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		cause = NULL;
		if (duration_parse_when(junk[i], NOW, &when, &cause) == 0)
			fail_msg("'%s' accepted", junk[i]);
		assert_non_null(cause);
		free(cause);
	}
	assert_int_equal(duration_parse_when(NULL, NOW, &when, NULL), -1);
	assert_int_equal(duration_parse_when("PT0S", NOW, &when, NULL), -1);
}

/* Graph's dateTime format. */
static void
test_format_graph(void **state)
{
	char buf[DURATION_BUFSIZE];

	(void)state;
	assert_string_equal(duration_format_graph(NOW, buf, sizeof buf),
	    "2026-03-02T10:00:00.0000000");
	assert_string_equal(duration_format_graph(0, buf, sizeof buf),
	    "1970-01-01T00:00:00.0000000");
}

/* Graph date-times: 7 fractional digits, offsets, Z, UTC zones. */
static void
test_parse_graph(void **state)
{
	time_t t;
	char *cause = NULL;

	(void)state;
	assert_int_equal(duration_parse_graph("2026-03-02T10:00:00.0000000",
	                     "UTC", &t, NULL),
	    0);
	assert_int_equal(t, NOW);
	assert_int_equal(duration_parse_graph("2026-03-02T10:00:00", NULL, &t,
	                     NULL),
	    0);
	assert_int_equal(t, NOW);
	assert_int_equal(duration_parse_graph("2026-03-02T09:12:44.51Z", NULL,
	                     &t, NULL),
	    0);
	assert_int_equal(t, NOW - 47 * 60 - 16);
	assert_int_equal(duration_parse_graph("2026-03-02T11:00:00+01:00",
	                     "Pacific Standard Time", &t, NULL),
	    0);
	assert_int_equal(t, NOW);
	assert_int_equal(duration_parse_graph("2026-03-02T02:00:00-0800", NULL,
	                     &t, NULL),
	    0);
	assert_int_equal(t, NOW);
	assert_int_equal(duration_parse_graph("2026-03-02T10:00:00.0000000",
	                     "Etc/UTC", &t, NULL),
	    0);
	assert_int_equal(t, NOW);
	assert_int_equal(duration_parse_graph("9999-12-31T00:00:00.0000000",
	                     "UTC", &t, NULL),
	    0);
	assert_true(t > NOW);
	assert_int_equal(duration_parse_graph("2026-03-02T10:00:00.0000000",
	                     "Pacific Standard Time", &t, &cause),
	    -1);
	assert_non_null(strstr(cause, "Pacific Standard Time"));
	free(cause);
}

/* Round trip: format then parse. */
static void
test_graph_round_trip(void **state)
{
	char buf[DURATION_BUFSIZE];
	time_t t, back;

	(void)state;
	for (t = 0; t < (time_t)4000000000LL; t += 99999937) {
		duration_format_graph(t, buf, sizeof buf);
		assert_int_equal(duration_parse_graph(buf, "UTC", &back, NULL),
		    0);
		assert_int_equal(back, t);
	}
}

/* Junk date-times are refused. */
static void
test_parse_graph_junk(void **state)
{
	static const char *const junk[] = { "", "2026", "2026-03-02T",
		"2026-03-02T10:00:00.", "2026-03-02T10:00:00+1", "garbage",
		"2026-02-30T10:00:00", "2026-03-02T10:00:00 UTC", "2026-3-2" };
	time_t t;
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		cause = NULL;
		if (duration_parse_graph(junk[i], "UTC", &t, &cause) == 0)
			fail_msg("'%s' accepted", junk[i]);
		assert_non_null(cause);
		free(cause);
	}
	assert_int_equal(duration_parse_graph(NULL, "UTC", &t, NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_forms),
		cmocka_unit_test(test_iso_fractions),
		cmocka_unit_test(test_short_forms),
		cmocka_unit_test(test_junk_refused),
		cmocka_unit_test(test_bare_number_refused),
		cmocka_unit_test(test_empty_refused),
		cmocka_unit_test(test_years_months_refused),
		cmocka_unit_test(test_too_long_refused),
		cmocka_unit_test(test_iso_only),
		cmocka_unit_test(test_format_iso),
		cmocka_unit_test(test_format_iso_round_trip),
		cmocka_unit_test(test_format_short),
		cmocka_unit_test(test_format_minutes),
		cmocka_unit_test(test_when_duration),
		cmocka_unit_test(test_when_words),
		cmocka_unit_test(test_when_date_time),
		cmocka_unit_test(test_span),
		cmocka_unit_test(test_format_until),
		cmocka_unit_test(test_when_local_zone),
		cmocka_unit_test(test_when_time_of_day),
		cmocka_unit_test(test_when_refused),
		cmocka_unit_test(test_format_graph),
		cmocka_unit_test(test_parse_graph),
		cmocka_unit_test(test_graph_round_trip),
		cmocka_unit_test(test_parse_graph_junk),
	};

	return cmocka_run_group_tests_name("duration", tests, setup_utc, NULL);
}
