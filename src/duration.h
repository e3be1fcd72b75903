/*
 * Durations and date-times: ISO 8601 durations and short human forms (90m,
 * 1h30m), WHEN for status-message expiry, and Graph's dateTime strings.
 * Pure functions, safe from any thread.
 */
#ifndef DURATION_H
#define DURATION_H

#include <stddef.h>
#include <time.h>

/* Big enough for any string the format functions write. */
#define DURATION_BUFSIZE 48

/*
 * Parse a duration to whole seconds (fractions are dropped): ISO 8601
 * (P1D, PT1H30M, PT0.5S, P1DT2H, case-insensitive) or a short form (90m,
 * 1h30m, "1h 30m", 45s, 2d, 1w). A bare number is refused: it has no unit.
 */
int duration_parse(const char *s, long *seconds, char **cause);
/* Parse only ISO 8601 (what Graph accepts). */
int duration_parse_iso(const char *s, long *seconds, char **cause);

/* Seconds as ISO 8601 for a request body: PT1H30M, P1DT2H, PT0S. */
const char *duration_format_iso(long seconds, char *buf, size_t len);
/* Seconds as short text for display: 45s, 12m, 3h05m, 2d04h. */
const char *duration_format_short(long seconds, char *buf, size_t len);
/*
 * Seconds in whole minutes, for what is redrawn while it ages: "<1m" in
 * the first minute, then 12m, 3h05m, 2d04h (never seconds).
 */
const char *duration_format_minutes(long seconds, char *buf, size_t len);

/*
 * The words people use for an expiry, in local time, any case: "today"
 * (the end of the day, that is the next midnight), "tomorrow" (the end of
 * tomorrow), a weekday such as "friday" (the end of the next one, today
 * included) and "this-week" (the end of Sunday). 0 with *when, or -1 when
 * s is none of them.
 */
int duration_parse_word(const char *s, time_t now, time_t *when);

/*
 * Parse WHEN, for an expiry: "never" (*when is 0: no expiry), a word of
 * duration_parse_word, a duration from now (see duration_parse), or a
 * local date-time "2026-12-01 17:00[:00]" (space or T), or "2026-12-01"
 * (midnight), or "17:00" (today, or tomorrow if already past). The result
 * is a UTC epoch; a time not after now is refused.
 */
int duration_parse_when(const char *s, time_t now, time_t *when, char **cause);

/*
 * Parse a moment in the past, for history: a duration ago ("2h"),
 * "today" or "yesterday" (their start), a local date-time or a time of
 * day (the last one). 0 with *when, -1 with *cause.
 */
int duration_parse_ago(const char *s, time_t now, time_t *when, char **cause);

/*
 * Parse how long a presence lasts: a word of duration_parse_word (as long
 * as it takes to get there) or a duration (see duration_parse); "never"
 * is refused: a presence cannot be set for ever.
 */
int duration_parse_span(const char *s, time_t now, long *seconds, char **cause);

/*
 * A moment in local time as people say "until ...", seen at now: "17:00"
 * today, "Fri 17:00" within the next six days, "2026-12-24 17:00" later.
 */
const char *duration_format_until(time_t when, time_t now, char *buf,
    size_t len);

/* An epoch as Graph's offset-less UTC dateTime "2026-12-01T16:00:00.0000000". */
const char *duration_format_graph(time_t when, char *buf, size_t len);

/*
 * Parse a Graph date-time to an epoch: "2026-03-02T17:00:00.0000000" with
 * zone "UTC" (or NULL/empty = UTC), or with an offset or Z in the string
 * (which wins over the zone). Any other zone name is refused (-1, the
 * caller keeps and shows the text).
 */
int duration_parse_graph(const char *datetime, const char *zone, time_t *when,
    char **cause);

#endif
