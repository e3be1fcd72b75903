/*
 * Durations and date-times: ISO 8601 durations (what Graph's
 * expirationDuration takes) and short human forms (what people type), WHEN
 * for a status-message expiry, and Graph's offset-less dateTime strings.
 * Pure functions, safe from any thread (localtime_r, mktime with TZ as set).
 */
#include "config.h"

#include "duration.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

/* The longest duration accepted: 100 years, far below LONG_MAX anywhere. */
#define DURATION_MAX (100L * 366 * 86400)

/* Set *cause (if wanted) to a formatted message; returns -1. */
static int
duration_fail(char **cause, const char *fmt, const char *s)
{
	if (cause != NULL)
		xasprintf(cause, fmt, s);
	return -1;
}

/*
 * Read a number with an optional fraction (. or ,) at *pp: the whole part
 * in *whole (saturated above DURATION_MAX) and the fraction in billionths
 * in *nano. Returns -1 if there is no digit before the fraction.
 */
static int
duration_number(const char **pp, long *whole, long *nano)
{
	const char *p = *pp;
	long w = 0, f = 0, scale = 100000000L;
	int digits = 0;

	while (isdigit((unsigned char)*p)) {
		/* Saturate: duration_add reports a number this big. */
		if (w <= DURATION_MAX)
			w = w * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (digits == 0)
		return -1;
	if (*p == '.' || *p == ',') {
		if (!isdigit((unsigned char)p[1]))
			return -1;
		p++;
		while (isdigit((unsigned char)*p)) {
			f += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	*whole = w;
	*nano = f;
	*pp = p;
	return 0;
}

/* Add n units (with a fraction in billionths) to *total; -1 on overflow. */
static int
duration_add(long *total, long whole, long nano, long unit)
{
	long add;

	if (whole > DURATION_MAX / unit)
		return -1;
	add = whole * unit + (long)((double)nano * (double)unit / 1e9);
	if (add > DURATION_MAX - *total)
		return -1;
	*total += add;
	return 0;
}

/* Parse an ISO 8601 duration: P[nW][nD][T[nH][nM][nS]], no years or months. */
int
duration_parse_iso(const char *s, long *seconds, char **cause)
{
	static const char units[] = "WDHMS";
	static const long unit_seconds[] = { 604800, 86400, 3600, 60, 1 };
	const char *p = s, *u;
	long total = 0, whole, nano;
	int in_time = 0, last = -1, idx, any = 0, any_time = 0;

	if (s == NULL || (*p != 'P' && *p != 'p'))
		return duration_fail(cause,
		    "'%s' is not an ISO 8601 duration (like PT1H30M)",
		    s == NULL ? "" : s);
	p++;
	while (*p != '\0') {
		if (*p == 'T' || *p == 't') {
			if (in_time)
				goto bad;
			in_time = 1;
			p++;
			continue;
		}
		if (duration_number(&p, &whole, &nano) != 0)
			goto bad;
		if (*p == '\0')
			goto bad;
		if (!in_time &&
		    (*p == 'Y' || *p == 'y' || *p == 'M' || *p == 'm'))
			return duration_fail(cause,
			    "'%s': years and months have no fixed length; "
			    "use days (P30D)",
			    s);
		if ((u = strchr(units, toupper((unsigned char)*p))) == NULL)
			goto bad;
		idx = (int)(u - units);
		if (in_time ? idx < 2 : idx >= 2)
			goto bad;
		if (idx <= last)
			goto bad;
		last = idx;
		if (duration_add(&total, whole, nano, unit_seconds[idx]) != 0)
			return duration_fail(cause, "'%s' is too long", s);
		any = 1;
		if (in_time)
			any_time = 1;
		p++;
	}
	if (!any || (in_time && !any_time))
		goto bad;
	*seconds = total;
	return 0;
bad:
	return duration_fail(cause,
	    "'%s' is not an ISO 8601 duration (like PT1H30M)", s);
}

/* The seconds in a short unit word, or 0 if it is not one. */
static long
duration_unit(const char *p, size_t n)
{
	static const struct {
		const char *name;
		long seconds;
	} units[] = {
		{ "s", 1 },
		{ "sec", 1 },
		{ "secs", 1 },
		{ "second", 1 },
		{ "seconds", 1 },
		{ "m", 60 },
		{ "min", 60 },
		{ "mins", 60 },
		{ "minute", 60 },
		{ "minutes", 60 },
		{ "h", 3600 },
		{ "hr", 3600 },
		{ "hrs", 3600 },
		{ "hour", 3600 },
		{ "hours", 3600 },
		{ "d", 86400 },
		{ "day", 86400 },
		{ "days", 86400 },
		{ "w", 604800 },
		{ "week", 604800 },
		{ "weeks", 604800 },
	};
	size_t i;

	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strlen(units[i].name) == n &&
		    strncasecmp(p, units[i].name, n) == 0)
			return units[i].seconds;
	}
	return 0;
}

/* Parse a short human duration: 90m, 1h30m, "1h 30m", 1.5h, 2d, 1w. */
static int
duration_parse_short(const char *s, long *seconds, char **cause)
{
	const char *p = s, *w;
	long total = 0, whole, nano, unit, last = LONG_MAX;
	int any = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (duration_number(&p, &whole, &nano) != 0)
			goto bad;
		while (*p == ' ')
			p++;
		w = p;
		while (isalpha((unsigned char)*p))
			p++;
		if (p == w)
			return duration_fail(cause,
			    "'%s' has no unit (write 90m, 1h30m or PT90M)", s);
		if ((unit = duration_unit(w, (size_t)(p - w))) == 0)
			goto bad;
		if (unit >= last)
			goto bad;
		last = unit;
		if (duration_add(&total, whole, nano, unit) != 0)
			return duration_fail(cause, "'%s' is too long", s);
		any = 1;
	}
	if (!any)
		goto bad;
	*seconds = total;
	return 0;
bad:
	return duration_fail(cause,
	    "'%s' is not a duration (like 90m, 1h30m, 2d or PT1H30M)", s);
}

/* Parse a duration written in ISO 8601 or in short human form. */
int
duration_parse(const char *s, long *seconds, char **cause)
{
	const char *p;
	char *copy, *end;
	int rc;

	if (s == NULL)
		return duration_fail(cause, "%sno duration given", "");
	for (p = s; *p == ' ' || *p == '\t'; p++)
		/* nothing */;
	if (*p == '\0')
		return duration_fail(cause, "%sno duration given", "");
	if (*p == '-')
		return duration_fail(cause, "'%s' is negative", s);
	if (*p == 'P' || *p == 'p') {
		copy = xstrdup(p);
		end = copy + strlen(copy);
		while (end > copy && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		rc = duration_parse_iso(copy, seconds, cause);
		free(copy);
		return rc;
	}
	return duration_parse_short(s, seconds, cause);
}

/* Seconds as ISO 8601: PT1H30M, P1DT2H, PT0S. */
const char *
duration_format_iso(long seconds, char *buf, size_t len)
{
	long d, h, m, s;
	int n = 0;

	if (len == 0)
		return buf;
	if (seconds <= 0) {
		snprintf(buf, len, "PT0S");
		return buf;
	}
	d = seconds / 86400;
	h = seconds % 86400 / 3600;
	m = seconds % 3600 / 60;
	s = seconds % 60;
	n = snprintf(buf, len, "P");
	if (d != 0)
		n += snprintf(buf + n, len - (size_t)n, "%ldD", d);
	if (h != 0 || m != 0 || s != 0)
		n += snprintf(buf + n, len - (size_t)n, "T");
	if (h != 0)
		n += snprintf(buf + n, len - (size_t)n, "%ldH", h);
	if (m != 0)
		n += snprintf(buf + n, len - (size_t)n, "%ldM", m);
	if (s != 0)
		snprintf(buf + n, len - (size_t)n, "%ldS", s);
	return buf;
}

/*
 * Seconds as short text for a column: 45s, 12m, 3h05m, 2d04h. Below an hour
 * only the largest unit is written; above, the second is two digits wide.
 */
const char *
duration_format_short(long seconds, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (seconds < 0)
		seconds = 0;
	if (seconds < 60)
		snprintf(buf, len, "%lds", seconds);
	else if (seconds < 3600)
		snprintf(buf, len, "%ldm", seconds / 60);
	else if (seconds < 86400)
		snprintf(buf, len, "%ldh%02ldm", seconds / 3600,
		    seconds % 3600 / 60);
	else
		snprintf(buf, len, "%ldd%02ldh", seconds / 86400,
		    seconds % 86400 / 3600);
	return buf;
}

/* Seconds in whole minutes: "<1m", then as duration_format_short. */
const char *
duration_format_minutes(long seconds, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (seconds < 60)
		snprintf(buf, len, "<1m");
	else
		duration_format_short(seconds, buf, len);
	return buf;
}

/*
 * Read exactly n digits at *pp into *v. Returns -1 if there are not n
 * digits.
 */
static int
duration_digits(const char **pp, int n, int *v)
{
	const char *p = *pp;
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		*v = *v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	return 0;
}

/* Read HH:MM[:SS] at *pp into tm. */
static int
duration_clock(const char **pp, struct tm *tm)
{
	const char *p = *pp;

	if (duration_digits(&p, 2, &tm->tm_hour) != 0 &&
	    duration_digits(&p, 1, &tm->tm_hour) != 0)
		return -1;
	if (*p++ != ':' || duration_digits(&p, 2, &tm->tm_min) != 0)
		return -1;
	tm->tm_sec = 0;
	if (*p == ':' && (p++, duration_digits(&p, 2, &tm->tm_sec) != 0))
		return -1;
	if (tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 59)
		return -1;
	*pp = p;
	return 0;
}

/* Read YYYY-MM-DD at *pp into tm. */
static int
duration_date(const char **pp, struct tm *tm)
{
	const char *p = *pp;
	int y, mo, d;

	if (duration_digits(&p, 4, &y) != 0 || *p++ != '-' ||
	    duration_digits(&p, 2, &mo) != 0 || *p++ != '-' ||
	    duration_digits(&p, 2, &d) != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	*pp = p;
	return 0;
}

/* Does the normalised tm still hold the date that was asked for? */
static int
duration_same_day(const struct tm *tm, int year, int mon, int mday)
{
	return tm->tm_year == year && tm->tm_mon == mon && tm->tm_mday == mday;
}

/* The local midnight days after the start of now's day. */
static time_t
duration_midnight(time_t now, int days)
{
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The words people use for an expiry. */
int
duration_parse_word(const char *s, time_t now, time_t *when)
{
	static const char *const days[] = { "sunday", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday" };
	struct tm tm;
	int i, ahead;

	if (s == NULL)
		return -1;
	localtime_r(&now, &tm);
	if (strcasecmp(s, "today") == 0) {
		*when = duration_midnight(now, 1);
		return 0;
	}
	if (strcasecmp(s, "tomorrow") == 0) {
		*when = duration_midnight(now, 2);
		return 0;
	}
	if (strcasecmp(s, "this-week") == 0) {
		/* The week ends with Sunday: days to it, today included. */
		ahead = (7 - tm.tm_wday) % 7;
		*when = duration_midnight(now, ahead + 1);
		return 0;
	}
	for (i = 0; i < 7; i++) {
		if (strcasecmp(s, days[i]) == 0) {
			ahead = (i - tm.tm_wday + 7) % 7;
			*when = duration_midnight(now, ahead + 1);
			return 0;
		}
	}
	return -1;
}

/*
 * A local date-time "2026-12-01 17:00[:00]", a date (midnight) or a time
 * of day ("17:00"), Z or UTC for UTC. A time of day alone is the next one
 * (ahead 1) or the last one (ahead 0). 0 with *when; -1 if not one.
 */
static int
duration_moment(const char *s, time_t now, int ahead, time_t *when)
{
	struct tm tm, want, today;
	const char *p;
	int utc = 0, has_date = 0;
	time_t t;

	memset(&tm, 0, sizeof tm);
	p = s;
	while (*p == ' ')
		p++;
	if (duration_date(&p, &tm) == 0) {
		has_date = 1;
		if (*p == ' ' || *p == 'T' || *p == 't') {
			p++;
			if (duration_clock(&p, &tm) != 0)
				return -1;
		}
	} else {
		localtime_r(&now, &tm);
		p = s;
		while (*p == ' ')
			p++;
		if (duration_clock(&p, &tm) != 0)
			return -1;
	}
	if (*p == 'Z' || *p == 'z') {
		utc = 1;
		p++;
	} else if (strcasecmp(p, " UTC") == 0 || strcasecmp(p, "UTC") == 0) {
		utc = 1;
		p += strlen(p);
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return -1;

	if (utc && !has_date) {
		/* A UTC time of day is on the UTC date, not the local one. */
		gmtime_r(&now, &today);
		tm.tm_year = today.tm_year;
		tm.tm_mon = today.tm_mon;
		tm.tm_mday = today.tm_mday;
	}
	want = tm;
	tm.tm_isdst = -1;
	t = utc ? timegm(&tm) : mktime(&tm);
	if (t == (time_t)-1 ||
	    !duration_same_day(&tm, want.tm_year, want.tm_mon, want.tm_mday))
		return -1;
	if (!has_date && (ahead ? t <= now : t > now)) {
		/* A time of day gone (or to come) today: the next (last) one. */
		tm = want;
		tm.tm_mday += ahead ? 1 : -1;
		tm.tm_isdst = -1;
		t = utc ? timegm(&tm) : mktime(&tm);
		if (t == (time_t)-1)
			return -1;
	}
	*when = t;
	return 0;
}

/* What a time that is neither a duration nor a date-time gets told. */
#define DURATION_NEITHER                                                       \
	"'%s' is neither a duration (90m, 1h30m, PT1H) nor a date-time "       \
	"(2026-12-01 17:00, or 17:00)"

/* Parse how long a presence lasts: a word or a duration. */
int
duration_parse_span(const char *s, time_t now, long *seconds, char **cause)
{
	time_t when;

	/* "today", "friday": as long as it takes to get there. */
	if (duration_parse_word(s, now, &when) == 0) {
		*seconds = (long)(when - now);
		return 0;
	}
	if (s != NULL && strcasecmp(s, "never") == 0) {
		if (cause != NULL)
			*cause = xstrdup("a presence cannot be set for ever: "
			                 "give a duration");
		return -1;
	}
	return duration_parse(s, seconds, cause);
}

/* A moment in local time, as "until ..." says it. */
const char *
duration_format_until(time_t when, time_t now, char *buf, size_t len)
{
	struct tm tm, today;
	time_t week;

	localtime_r(&when, &tm);
	localtime_r(&now, &today);
	week = duration_midnight(now, 7);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(buf, len, "%H:%M", &tm);
	else if (when > now && when < week)
		strftime(buf, len, "%a %H:%M", &tm);
	else
		strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

/* Parse WHEN: never, a word, a duration from now, a date-time or a time. */
int
duration_parse_when(const char *s, time_t now, time_t *when, char **cause)
{
	long secs;
	time_t t;

	if (s == NULL || *s == '\0')
		return duration_fail(cause, "%sno time given", "");
	if (strcasecmp(s, "never") == 0) {
		*when = 0;
		return 0;
	}
	if (duration_parse_word(s, now, when) == 0)
		return 0;
	if (duration_parse(s, &secs, NULL) == 0) {
		if (secs <= 0)
			return duration_fail(cause, "'%s' is no time from now",
			    s);
		*when = now + secs;
		return 0;
	}
	if (duration_moment(s, now, 1, &t) != 0)
		return duration_fail(cause, DURATION_NEITHER, s);
	if (t <= now)
		return duration_fail(cause, "'%s' is in the past", s);
	*when = t;
	return 0;
}

/* Parse a moment in the past: a duration ago, today, or a date-time. */
int
duration_parse_ago(const char *s, time_t now, time_t *when, char **cause)
{
	long secs;

	if (s == NULL || *s == '\0')
		return duration_fail(cause, "%sno time given", "");
	if (strcasecmp(s, "today") == 0) {
		*when = duration_midnight(now, 0);
		return 0;
	}
	if (strcasecmp(s, "yesterday") == 0) {
		*when = duration_midnight(now, -1);
		return 0;
	}
	if (duration_parse(s, &secs, NULL) == 0) {
		*when = now - secs;
		return 0;
	}
	if (duration_moment(s, now, 0, when) != 0)
		return duration_fail(cause, DURATION_NEITHER, s);
	return 0;
}

/* An epoch as Graph's offset-less UTC dateTime. */
const char *
duration_format_graph(time_t when, char *buf, size_t len)
{
	struct tm tm;

	if (len == 0)
		return buf;
	if (gmtime_r(&when, &tm) == NULL) {
		snprintf(buf, len, "9999-12-31T00:00:00.0000000");
		return buf;
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.0000000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
	return buf;
}

/* Is a time zone name one of the names of UTC? */
static int
duration_zone_is_utc(const char *zone)
{
	static const char *const names[] = { "UTC", "Etc/UTC", "GMT", "Etc/GMT",
		"Z", "Coordinated Universal Time", "tzone://Microsoft/Utc",
		"UTC+00:00" };
	size_t i;

	if (zone == NULL || *zone == '\0')
		return 1;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(zone, names[i]) == 0)
			return 1;
	}
	return 0;
}

/* Parse a Graph date-time (with an offset, or in a UTC zone) to an epoch. */
int
duration_parse_graph(const char *datetime, const char *zone, time_t *when,
    char **cause)
{
	struct tm tm;
	const char *p = datetime;
	int oh, om, sign, want_year, want_mon, want_mday;
	long offset = 0;
	int has_offset = 0;
	time_t t;

	if (datetime == NULL)
		return duration_fail(cause, "%sno date-time given", "");
	memset(&tm, 0, sizeof tm);
	if (duration_date(&p, &tm) != 0)
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (duration_clock(&p, &tm) != 0)
			goto bad;
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				goto bad;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		has_offset = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		p++;
		if (duration_digits(&p, 2, &oh) != 0)
			goto bad;
		if (*p == ':')
			p++;
		if (duration_digits(&p, 2, &om) != 0 || oh > 23 || om > 59)
			goto bad;
		offset = sign * (oh * 3600L + om * 60L);
		has_offset = 1;
	}
	if (*p != '\0')
		goto bad;
	if (!has_offset && !duration_zone_is_utc(zone)) {
		if (cause != NULL)
			xasprintf(cause, "time zone '%s' is not supported",
			    zone);
		return -1;
	}
	want_year = tm.tm_year;
	want_mon = tm.tm_mon;
	want_mday = tm.tm_mday;
	if ((t = timegm(&tm)) == (time_t)-1 ||
	    !duration_same_day(&tm, want_year, want_mon, want_mday))
		goto bad;
	*when = t - offset;
	return 0;
bad:
	return duration_fail(cause, "'%s' is not a date-time", datetime);
}
