/*
 * A person's day, in hourly bands and time per availability. Pure.
 */
#include "config.h"

#include "daybands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "xmalloc.h"

/* Parse "HH:MM" into minutes after midnight; -1 when bad. */
static int
workday_minutes(const char *s, const char **end)
{
	int h, m;

	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[2] != ':' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	*end = s + 5;
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* Parse the working hours. */
int
workday_parse(const char *s, struct workday *w, char **cause)
{
	const char *p;
	int a, b;

	if (s == NULL || (a = workday_minutes(s, &p)) < 0 || *p != '-' ||
	    (b = workday_minutes(p + 1, &p)) < 0 || *p != '\0') {
		xasprintf(cause,
		    "workday: expected HH:MM-HH:MM such as \"%s\", not '%s'",
		    WORKDAY_DEFAULT, s == NULL ? "" : s);
		return -1;
	}
	if (b <= a) {
		xasprintf(cause,
		    "workday: '%s' ends before it starts (working hours "
		    "within one day)",
		    s);
		return -1;
	}
	w->start = a;
	w->end = b;
	return 0;
}

/* The local time minutes after the midnight of the day of tm. */
static time_t
daybands_at(const struct tm *day, int minutes)
{
	struct tm tm = *day;

	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The working hours of a day. */
void
daybands_hours(const struct workday *w, time_t when, time_t *start, time_t *end)
{
	struct tm day;

	localtime_r(&when, &day);
	*start = daybands_at(&day, w->start);
	*end = daybands_at(&day, w->end);
}

/* The slot of an availability. */
int
daybands_slot(const char *availability)
{
	return (int)presence_avail(availability);
}

/* A slot's name. */
const char *
daybands_slot_name(int slot)
{
	if (slot == DAYBANDS_GAP)
		return "notRecorded";
	if (slot < 0 || slot > AVAIL__COUNT)
		return "";
	if (slot == AVAIL_UNKNOWN)
		return "PresenceUnknown";
	return presence_avail_name((enum avail)slot);
}

/* The slot of the state in force at t: the last one at or before it. */
static int
daybands_state(const struct history_entry *v, size_t n, time_t t)
{
	int slot = DAYBANDS_GAP;
	size_t i;

	for (i = 0; i < n && v[i].at <= t; i++)
		slot = daybands_slot(v[i].availability);
	return slot;
}

/*
 * Add the seconds of from..to (recorded throughout) to secs, state by
 * state.
 */
static void
daybands_add_recorded(const struct history_entry *v, size_t n, time_t from,
    time_t to, long *secs)
{
	time_t t = from, next;
	size_t i;

	while (t < to) {
		next = to;
		for (i = 0; i < n; i++) {
			if (v[i].at > t) {
				if (v[i].at < next)
					next = v[i].at;
				break;
			}
		}
		secs[daybands_state(v, n, t)] += (long)(next - t);
		t = next;
	}
}

/*
 * Add the seconds of from..to to secs: recorded or not. The spans are
 * sorted and do not overlap.
 */
static void
daybands_add(const struct history_entry *v, size_t n,
    const struct history_span *spans, size_t nspans, time_t from, time_t to,
    long *secs)
{
	time_t t = from, a, b;
	size_t i;

	for (i = 0; i < nspans && t < to; i++) {
		if (spans[i].to <= t)
			continue;
		a = spans[i].from > t ? spans[i].from : t;
		if (a >= to)
			break;
		b = spans[i].to < to ? spans[i].to : to;
		secs[DAYBANDS_GAP] += (long)(a - t);
		daybands_add_recorded(v, n, a, b, secs);
		t = b;
	}
	if (t < to)
		secs[DAYBANDS_GAP] += (long)(to - t);
}

/* Order spans by start. */
static int
daybands_cmp(const void *a, const void *b)
{
	const struct history_span *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* The spans sorted, overlapping ones merged; the number kept. */
static size_t
daybands_merge(const struct history_span *spans, size_t nspans,
    struct history_span *out)
{
	size_t i, n = 0;

	if (nspans == 0)
		return 0;
	memcpy(out, spans, nspans * sizeof *out);
	qsort(out, nspans, sizeof *out, daybands_cmp);
	for (i = 0; i < nspans; i++) {
		if (out[i].to <= out[i].from)
			continue;
		if (n > 0 && out[i].from <= out[n - 1].to) {
			if (out[i].to > out[n - 1].to)
				out[n - 1].to = out[i].to;
		} else
			out[n++] = out[i];
	}
	return n;
}

/* A recording that reached now - grace goes on: it reaches now. */
void
daybands_live(struct history_span *spans, size_t n, time_t now, long grace)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (spans[i].to < now && spans[i].to >= now - grace)
			spans[i].to = now;
	}
}

/* The slot with the most seconds; NONE when there are none. */
static int
daybands_most(const long *secs)
{
	int i, best = DAYBANDS_NONE;

	for (i = 0; i < DAYBANDS_SLOTS; i++) {
		if (secs[i] > 0 &&
		    (best == DAYBANDS_NONE || secs[i] > secs[best]))
			best = i;
	}
	return best;
}

/* Compute a day. */
void
daybands_compute(struct daybands *d, const struct workday *w, time_t when,
    const struct history_entry *v, size_t n, const struct history_span *spans,
    size_t nspans, time_t now)
{
	long secs[DAYBANDS_SLOTS];
	struct history_span *merged;
	struct dayband *b;
	struct tm day;
	time_t to;
	int i, m;

	memset(d, 0, sizeof *d);
	merged = xcalloc(nspans + 1, sizeof *merged);
	nspans = daybands_merge(spans, nspans, merged);
	localtime_r(&when, &day);
	d->start = daybands_at(&day, w->start);
	d->end = daybands_at(&day, w->end);
	for (m = w->start; m < w->end && d->n < DAYBANDS_MAX; m += 60) {
		b = &d->band[d->n++];
		b->from = daybands_at(&day, m);
		b->to = daybands_at(&day, m + 60 < w->end ? m + 60 : w->end);
		memset(secs, 0, sizeof secs);
		to = b->to < now ? b->to : now;
		if (b->from < to)
			daybands_add(v, n, merged, nspans, b->from, to, secs);
		b->slot = daybands_most(secs);
		for (i = 0; i < DAYBANDS_SLOTS; i++)
			d->seconds[i] += secs[i];
	}
	free(merged);
}
