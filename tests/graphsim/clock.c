/*
 * The internal clock: real time plus the total advance given through
 * POST /_graphsim/clock, in milliseconds since the epoch. Every expiry in
 * graphsim (tokens, sessions, preferred presence, status messages, the
 * Available fade, the throttling window) reads it. Also ISO 8601
 * durations, Graph's dateTimeTimeZone values and a small table of Windows
 * time zone names with their daylight saving rules. Safe from any thread.
 */
#include "config.h"

#include "clock.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "xmalloc.h"

/* Milliseconds added to real time. */
static _Atomic int64_t clock_offset;

/* Daylight saving rules. */
enum clock_dst {
	DST_NONE,
	DST_US, /* Second Sunday of March to first Sunday of November. */
	DST_EU, /* Last Sunday of March to last Sunday of October, 01:00 UTC. */
};

/* A Windows time zone name graphsim understands. */
struct clock_zone {
	const char *name;
	int offset; /* Minutes east of UTC, standard time. */
	enum clock_dst dst;
};

static const struct clock_zone clock_zones[] = {
	{ "UTC", 0, DST_NONE },
	{ "Greenwich Standard Time", 0, DST_NONE },
	{ "GMT Standard Time", 0, DST_EU },
	{ "W. Europe Standard Time", 60, DST_EU },
	{ "Central Europe Standard Time", 60, DST_EU },
	{ "Romance Standard Time", 60, DST_EU },
	{ "E. Europe Standard Time", 120, DST_EU },
	{ "Eastern Standard Time", -300, DST_US },
	{ "Central Standard Time", -360, DST_US },
	{ "Mountain Standard Time", -420, DST_US },
	{ "Pacific Standard Time", -480, DST_US },
	{ "India Standard Time", 330, DST_NONE },
	{ "China Standard Time", 480, DST_NONE },
	{ "Tokyo Standard Time", 540, DST_NONE },
};

/* Real time in milliseconds since the epoch. */
int64_t
clock_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The internal clock in milliseconds since the epoch. */
int64_t
clock_now(void)
{
	return clock_real() + atomic_load(&clock_offset);
}

/* Move the internal clock forward by ms milliseconds. */
void
clock_advance(int64_t ms)
{
	atomic_fetch_add(&clock_offset, ms);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
clock_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Split days since the epoch into a date. */
static void
clock_civil(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/*
 * Format ms as ISO 8601 in UTC with a Z: "2026-03-02T10:17:05Z", or with
 * frac (1 to 7) fraction digits.
 */
void
clock_iso(int64_t ms, char *out, int frac)
{
	int64_t days, secs;
	int y, m, d;
	char f[16];

	days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
	secs = (ms - days * 86400000) / 1000;
	clock_civil(days, &y, &m, &d);
	f[0] = '\0';
	if (frac > 0) {
		snprintf(f, sizeof f, ".%03d0000",
		    (int)(((ms % 1000) + 1000) % 1000));
		f[frac + 1] = '\0';
	}
	snprintf(out, CLOCK_ISO_SIZE, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", y, m,
	    d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), f);
}

/* Format ms as Graph's innerError date: "2026-03-02T10:17:05". */
void
clock_graph_date(int64_t ms, char *out)
{
	size_t n;

	clock_iso(ms, out, 0);
	n = strlen(out);
	out[n - 1] = '\0';
}

/* Read a decimal number; advances *sp. Returns -1 without digits. */
static int
clock_number(const char **sp, double *v)
{
	const char *s = *sp;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	*v = strtod(s, &end);
	if (end == s)
		return -1;
	*sp = end;
	return 0;
}

/*
 * Parse an ISO 8601 duration of weeks, days, hours, minutes and seconds
 * ("PT5M", "P1DT2H", "PT1.5S") into milliseconds. Years and months, signs,
 * empty forms and anything else are refused with -1.
 */
int
clock_parse_duration(const char *s, int64_t *ms)
{
	double total = 0, v;
	int in_time = 0, parts = 0, last = 0, rank;

	if (s == NULL || (*s != 'P' && *s != 'p'))
		return -1;
	s++;
	while (*s != '\0') {
		if (*s == 'T' || *s == 't') {
			if (in_time)
				return -1;
			in_time = 1;
			last = 0;
			s++;
			if (*s == '\0')
				return -1;
			continue;
		}
		if (clock_number(&s, &v) == -1)
			return -1;
		switch (toupper((unsigned char)*s)) {
		case 'W':
			rank = 1;
			v *= 7 * 86400;
			break;
		case 'D':
			rank = 2;
			v *= 86400;
			break;
		case 'H':
			rank = 3;
			v *= 3600;
			break;
		case 'M':
			rank = 4;
			v *= 60;
			break;
		case 'S':
			rank = 5;
			break;
		default:
			return -1;
		}
		if ((rank <= 2 && in_time) || (rank >= 3 && !in_time) ||
		    rank <= last)
			return -1;
		last = rank;
		total += v;
		parts++;
		s++;
	}
	if (parts == 0 || total > 1e12)
		return -1;
	*ms = (int64_t)(total * 1000 + 0.5);
	return 0;
}

/* The day of the month of the nth (or last when n is 0) Sunday. */
static int
clock_sunday(int y, int m, int n)
{
	int64_t first = clock_days(y, m, 1);
	int wd = (int)(((first % 7) + 11) % 7); /* 0 = Sunday. */
	int d = 1 + (7 - wd) % 7, dim;

	if (n > 0)
		return d + 7 * (n - 1);
	dim = (int)(clock_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	    first);
	while (d + 7 <= dim)
		d += 7;
	return d;
}

/* Whether daylight saving applies at utc (ms) in zone z. */
static int
clock_in_dst(const struct clock_zone *z, int64_t utc)
{
	int64_t start, end, days;
	int y, m, d;

	days = utc >= 0 ? utc / 86400000 : -((-utc + 86399999) / 86400000);
	clock_civil(days, &y, &m, &d);
	switch (z->dst) {
	case DST_US:
		start = (clock_days(y, 3, clock_sunday(y, 3, 2)) * 86400 +
		            7200 - (int64_t)z->offset * 60) *
		    1000;
		end = (clock_days(y, 11, clock_sunday(y, 11, 1)) * 86400 +
		          7200 - (int64_t)(z->offset + 60) * 60) *
		    1000;
		return utc >= start && utc < end;
	case DST_EU:
		start =
		    (clock_days(y, 3, clock_sunday(y, 3, 0)) * 86400 + 3600) *
		    1000;
		end =
		    (clock_days(y, 10, clock_sunday(y, 10, 0)) * 86400 + 3600) *
		    1000;
		return utc >= start && utc < end;
	case DST_NONE:
		break;
	}
	return 0;
}

/* Read exactly n digits as a number; -1 when they are not there. */
static int
clock_digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Turn a dateTimeTimeZone ("2026-03-02T17:00:00.0000000" in "Pacific
 * Standard Time") into UTC milliseconds. The dateTime must carry no offset;
 * a trailing Z is tolerated only with timeZone UTC.
 */
int
clock_parse_local(const char *dt, const char *tz, int64_t *ms, char **cause)
{
	const struct clock_zone *z = NULL;
	int y, mo, d, h, mi, sec, ms_part = 0, i, dim;
	const char *p;
	int64_t local, utc;
	size_t k;

	for (k = 0; k < sizeof clock_zones / sizeof clock_zones[0]; k++) {
		if (strcasecmp(tz, clock_zones[k].name) == 0)
			z = &clock_zones[k];
	}
	if (z == NULL) {
		xasprintf(cause,
		    "The provided [TimeZone] '%s' is not supported.", tz);
		return -1;
	}
	if (strlen(dt) < 19 || (y = clock_digits(dt, 4)) == -1 ||
	    dt[4] != '-' || (mo = clock_digits(dt + 5, 2)) == -1 ||
	    dt[7] != '-' || (d = clock_digits(dt + 8, 2)) == -1 ||
	    (dt[10] != 'T' && dt[10] != 't') ||
	    (h = clock_digits(dt + 11, 2)) == -1 || dt[13] != ':' ||
	    (mi = clock_digits(dt + 14, 2)) == -1 || dt[16] != ':' ||
	    (sec = clock_digits(dt + 17, 2)) == -1)
		goto bad;
	p = dt + 19;
	if (*p == '.') {
		p++;
		for (i = 0; isdigit((unsigned char)p[i]); i++) {
			if (i < 3)
				ms_part = ms_part * 10 + (p[i] - '0');
		}
		if (i == 0)
			goto bad;
		for (; i < 3; i++)
			ms_part *= 10;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0' && z->offset == 0 &&
	    z->dst == DST_NONE)
		p++;
	if (*p != '\0') {
		xasprintf(cause,
		    "The provided [ExpiryDateTime] '%s' must not "
		    "carry an offset; put the zone in timeZone.",
		    dt);
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59)
		goto bad;
	dim = (int)(clock_days(mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1, 1) -
	    clock_days(y, mo, 1));
	if (d > dim)
		goto bad;
	local = ((clock_days(y, mo, d) * 24 + h) * 60 + mi) * 60000 +
	    (int64_t)sec * 1000 + ms_part;
	utc = local - (int64_t)z->offset * 60000;
	if (clock_in_dst(z, utc))
		utc -= 3600000;
	*ms = utc;
	return 0;
bad:
	xasprintf(cause,
	    "The provided [ExpiryDateTime] '%s' is not a valid "
	    "date and time.",
	    dt);
	return -1;
}
