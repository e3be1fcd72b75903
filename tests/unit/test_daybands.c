/*
 * A person's day from the history: the hourly bands and the time in each
 * availability within the working hours, with the state carried in from
 * before the day, the times no teamtop recorded, the hour under way, and
 * days that change to or from summer time.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daybands.h"
#include "history.h"

#define DAY ((time_t)1772409600) /* 2026-03-02 00:00:00 UTC, a Monday */
#define AT(h, m) (DAY + (h)*3600 + (m)*60)

/* Set the local time zone. */
static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* A state: availability from at. */
static struct history_entry
st(time_t at, const char *availability)
{
	struct history_entry e;

	memset(&e, 0, sizeof e);
	e.at = at;
	e.availability = (char *)availability;
	return e;
}

/* The working hours "08:00-18:00". */
static struct workday
office(void)
{
	struct workday w;
	char *cause = NULL;

	assert_int_equal(workday_parse("08:00-18:00", &w, &cause), 0);
	return w;
}

/* HH:MM-HH:MM within one day; anything else is refused in words. */
static void
test_workday_parse_checks_the_hours(void **state)
{
	static const char *const bad[] = { "8-18", "18:00-08:00", "08:00-24:01",
		"25:00-26:00", "08:60-09:00", "08:00-08:00", "08:00 - 18:00",
		"", "08:00-18:00x" };
	struct workday w;
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(workday_parse("08:30-17:15", &w, &cause), 0);
	assert_int_equal(w.start, 510);
	assert_int_equal(w.end, 1035);
	assert_int_equal(workday_parse("00:00-24:00", &w, &cause), 0);
	assert_int_equal(w.end, 1440);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(workday_parse(bad[i], &w, &cause), -1);
		assert_non_null(strstr(cause, "workday: "));
		free(cause);
		cause = NULL;
	}
}

/*
 * Busy since before the day, then Available, DoNotDisturb and Away;
 * recorded 07:00-12:00 and seen at 12:30: the last half hour is not
 * recorded, the hours to come have no band.
 */
static void
test_day_carries_the_state_in(void **state)
{
	struct history_entry v[] = { st(AT(7, 30), "Busy"),
		st(AT(9, 15), "Available"), st(AT(10, 0), "DoNotDisturb"),
		st(AT(10, 20), "Away") };
	struct history_span span = { AT(7, 0), AT(12, 0) };
	struct workday w = office();
	struct daybands d;
	static const int want[10] = { AVAIL_BUSY, AVAIL_AVAILABLE, AVAIL_AWAY,
		AVAIL_AWAY, DAYBANDS_GAP, DAYBANDS_NONE, DAYBANDS_NONE,
		DAYBANDS_NONE, DAYBANDS_NONE, DAYBANDS_NONE };
	int i;

	(void)state;
	zone("UTC");
	daybands_compute(&d, &w, AT(12, 30), v, 4, &span, 1, AT(12, 30));
	assert_int_equal(d.start, AT(8, 0));
	assert_int_equal(d.end, AT(18, 0));
	assert_int_equal(d.n, 10);
	for (i = 0; i < 10; i++) {
		assert_int_equal(d.band[i].from, AT(8 + i, 0));
		assert_int_equal(d.band[i].to, AT(9 + i, 0));
		assert_int_equal(d.band[i].slot, want[i]);
	}
	assert_int_equal(d.seconds[AVAIL_BUSY], 3600 + 900);
	assert_int_equal(d.seconds[AVAIL_AVAILABLE], 2700);
	assert_int_equal(d.seconds[AVAIL_DND], 1200);
	assert_int_equal(d.seconds[AVAIL_AWAY], 2400 + 3600);
	assert_int_equal(d.seconds[DAYBANDS_GAP], 1800);
	assert_int_equal(d.seconds[AVAIL_OFFLINE], 0);
}

/*
 * No teamtop ran 09:00-10:30: that time is not recorded, not the Busy
 * seen before it; a tie goes to the availability.
 */
static void
test_day_gap_is_not_the_last_state(void **state)
{
	struct history_entry v[] = { st(AT(8, 0), "Available"),
		st(AT(8, 30), "Busy") };
	struct history_span spans[] = { { AT(10, 30), AT(18, 0) },
		{ AT(8, 0), AT(9, 0) } };
	struct workday w = office();
	struct daybands d;
	int i;

	(void)state;
	zone("UTC");
	daybands_compute(&d, &w, AT(9, 0), v, 2, spans, 2, AT(20, 0));
	assert_int_equal(d.band[0].slot, AVAIL_AVAILABLE); /* 30m each */
	assert_int_equal(d.band[1].slot, DAYBANDS_GAP);
	assert_int_equal(d.band[2].slot, AVAIL_BUSY); /* 30m each */
	for (i = 3; i < 10; i++)
		assert_int_equal(d.band[i].slot, AVAIL_BUSY);
	assert_int_equal(d.seconds[AVAIL_AVAILABLE], 1800);
	assert_int_equal(d.seconds[AVAIL_BUSY], 1800 + 1800 + 7 * 3600);
	assert_int_equal(d.seconds[DAYBANDS_GAP], 3600 + 1800);
}

/* Recorded, but nothing about the person before 08:40: not recorded. */
static void
test_day_without_a_state_is_not_recorded(void **state)
{
	struct history_entry v[] = { st(AT(8, 40), "Offline"),
		st(AT(9, 0), "Teleporting") };
	struct history_span span = { AT(0, 0), AT(23, 0) };
	struct workday w = office();
	struct daybands d;

	(void)state;
	zone("UTC");
	daybands_compute(&d, &w, AT(10, 0), v, 2, &span, 1, AT(10, 0));
	assert_int_equal(d.band[0].slot, DAYBANDS_GAP);
	assert_int_equal(d.band[1].slot, AVAIL_UNKNOWN);
	assert_int_equal(d.band[2].slot, DAYBANDS_NONE);
	assert_int_equal(d.seconds[DAYBANDS_GAP], 2400);
	assert_int_equal(d.seconds[AVAIL_OFFLINE], 1200);
	assert_int_equal(d.seconds[AVAIL_UNKNOWN], 3600);
	daybands_compute(&d, &w, AT(10, 0), NULL, 0, NULL, 0, AT(10, 0));
	assert_int_equal(d.band[0].slot, DAYBANDS_GAP);
	assert_int_equal(d.seconds[DAYBANDS_GAP], 7200);
}

/*
 * The recording under way reached 09:58 at its last refresh: seen at
 * 10:00 within the grace it reaches now; past the grace it does not.
 */
static void
test_day_live_recording_reaches_now(void **state)
{
	struct history_entry v[] = { st(AT(8, 0), "Available") };
	struct history_span span = { AT(8, 0), AT(9, 58) };
	struct workday w = office();
	struct daybands d;

	(void)state;
	zone("UTC");
	daybands_live(&span, 1, AT(10, 0), 300);
	assert_int_equal(span.to, AT(10, 0));
	daybands_compute(&d, &w, AT(10, 0), v, 1, &span, 1, AT(10, 0));
	assert_int_equal(d.seconds[AVAIL_AVAILABLE], 7200);
	assert_int_equal(d.seconds[DAYBANDS_GAP], 0);
	assert_int_equal(d.band[2].slot, DAYBANDS_NONE);
	span.to = AT(9, 50);
	daybands_live(&span, 1, AT(10, 0), 300);
	assert_int_equal(span.to, AT(9, 50));
	daybands_compute(&d, &w, AT(10, 0), v, 1, &span, 1, AT(10, 0));
	assert_int_equal(d.seconds[DAYBANDS_GAP], 600);
}

/* A working day that ends on the half hour has a last band of 30m. */
static void
test_day_half_hours(void **state)
{
	struct history_entry v[] = { st(AT(6, 0), "Away") };
	struct history_span span = { AT(6, 0), AT(23, 0) };
	struct workday w;
	struct daybands d;
	char *cause = NULL;

	(void)state;
	zone("UTC");
	assert_int_equal(workday_parse("08:30-10:00", &w, &cause), 0);
	daybands_compute(&d, &w, AT(12, 0), v, 1, &span, 1, AT(23, 0));
	assert_int_equal(d.n, 2);
	assert_int_equal(d.band[0].from, AT(8, 30));
	assert_int_equal(d.band[1].from, AT(9, 30));
	assert_int_equal(d.band[1].to, AT(10, 0));
	assert_int_equal(d.seconds[AVAIL_AWAY], 5400);
}

/*
 * Berlin leaves summer time on 2026-10-25: 08:00 that day is 07:00 UTC,
 * not midnight (22:00 UTC, summer time) plus 8 hours; it enters summer
 * time on 2026-03-29, when 01:00-05:00 lasts three hours.
 */
static void
test_day_summer_time(void **state)
{
	struct history_entry v[] = { st(1792900000, "Busy") };
	struct history_span span = { 1792900000, 1793000000 };
	struct workday w = office();
	struct daybands d;
	char *cause = NULL;
	int i;

	(void)state;
	zone("Europe/Berlin");
	daybands_compute(&d, &w, 1792911600 + 3600, v, 1, &span, 1, 1793000000);
	assert_int_equal(d.start, 1792911600);
	assert_int_equal(d.end, 1792911600 + 10 * 3600);
	for (i = 0; i < 10; i++)
		assert_int_equal(d.band[i].to - d.band[i].from, 3600);
	assert_int_equal(d.seconds[AVAIL_BUSY], 36000);

	assert_int_equal(workday_parse("01:00-05:00", &w, &cause), 0);
	v[0].at = span.from = 1774742400 - 86400;
	span.to = 1774742400 + 86400;
	daybands_compute(&d, &w, 1774742400 + 7200, v, 1, &span, 1, span.to);
	assert_int_equal(d.start, 1774742400);          /* 01:00 CET */
	assert_int_equal(d.end, 1774742400 + 3 * 3600); /* 05:00 CEST */
	assert_int_equal(d.seconds[AVAIL_BUSY], 3 * 3600);
	assert_int_equal(d.n, 4);
	zone("UTC");
}

/* The slots' names, as the report prints them. */
static void
test_slot_names(void **state)
{
	(void)state;
	assert_string_equal(daybands_slot_name(AVAIL_DND), "DoNotDisturb");
	assert_string_equal(daybands_slot_name(AVAIL_UNKNOWN),
	    "PresenceUnknown");
	assert_string_equal(daybands_slot_name(DAYBANDS_GAP), "notRecorded");
	assert_int_equal(daybands_slot("AvailableIdle"), AVAIL_AVAILABLE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workday_parse_checks_the_hours),
		cmocka_unit_test(test_day_carries_the_state_in),
		cmocka_unit_test(test_day_gap_is_not_the_last_state),
		cmocka_unit_test(test_day_without_a_state_is_not_recorded),
		cmocka_unit_test(test_day_live_recording_reaches_now),
		cmocka_unit_test(test_day_half_hours),
		cmocka_unit_test(test_day_summer_time),
		cmocka_unit_test(test_slot_names),
	};

	return cmocka_run_group_tests_name("daybands", tests, NULL, NULL);
}
