/*
 * The status bar and the empty-grid message. UI thread only.
 */
#include "config.h"

#include "statusbar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "text.h"
#include "theme.h"
#include "xmalloc.h"

/*
 * The data is stale when a refresh due this long ago has not come
 * (seconds); a refresh under way says so from then on too, so that one
 * that takes less does not rewrite the bar while it runs.
 */
#define STATUSBAR_LATE 15

/* Is the data stale: the last refresh failed, or the next is late? */
int
statusbar_stale(const struct store_status *st, time_t now)
{
	if (st->stale)
		return 1;
	return st->last_ok != 0 && st->next_refresh != 0 &&
	    now >= st->next_refresh + STATUSBAR_LATE;
}

/* Draw s at *x in the role, clipped to width; advance *x. */
static void
statusbar_put(WINDOW *win, int y, int *x, int width, const char *s,
    enum theme_role role)
{
	int w = text_width(s);

	if (*x >= width || *s == '\0')
		return;
	if (*x + w > width)
		w = width - *x;
	grid_put(win, y, *x, w, s, theme_attr(role));
	*x += w;
}

/* Draw the status bar. */
void
statusbar_draw(WINDOW *win, int y, int width, const struct store_status *st,
    const struct snapshot *snap, const struct view *v, const char *message,
    int failure, const char *error, time_t now, const struct grid_opts *o)
{
	char buf[1024], part[320], age[32], words[256], *first;
	const char *sep = o->ascii ? " | " : " \xc2\xb7 ";
	struct tm tm;
	int x = 0;

	buf[0] = '\0';
	if (st->phase != STORE_RUNNING && st->last_ok == 0) {
		if (st->roster_total != 0)
			snprintf(buf, sizeof buf,
			    " Loading the roster: %zu of %zu", st->roster_done,
			    st->roster_total);
		else
			snprintf(buf, sizeof buf,
			    " Loading the roster: %zu people", st->roster_done);
	} else if (st->last_ok != 0) {
		/* A time, not an age: it changes only when data comes. */
		localtime_r(&st->last_ok, &tm);
		snprintf(buf, sizeof buf, " %s%02d:%02d:%02d",
		    width < 80 ? "" : "Updated ", tm.tm_hour, tm.tm_min,
		    tm.tm_sec);
	} else
		snprintf(buf, sizeof buf, " Waiting for the first refresh");
	part[0] = '\0';
	if (st->busy &&
	    (st->next_refresh == 0 || now >= st->next_refresh + STATUSBAR_LATE))
		snprintf(part, sizeof part, "%srefreshing", sep);
	else if (st->next_refresh != 0 && width >= 80) {
		localtime_r(&st->next_refresh, &tm);
		snprintf(part, sizeof part, "%snext %02d:%02d:%02d", sep,
		    tm.tm_hour, tm.tm_min, tm.tm_sec);
	}
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	if (st->budget_refresh > 0) {
		snprintf(part, sizeof part, "%srefresh every %ld s%s", sep,
		    st->budget_refresh, width < 80 ? "" : " (Graph budget)");
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	if (st->rtt > 0 && width >= 80) {
		snprintf(part, sizeof part, "%srtt %.0f ms", sep,
		    st->rtt * 1000);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	if (v->people != snap->n)
		snprintf(part, sizeof part, "%s%zu of %zu people", sep,
		    v->people, snap->n);
	else
		snprintf(part, sizeof part, "%s%zu people", sep, snap->n);
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	view_filter_words(v, words, sizeof words);
	if (*words != '\0') {
		snprintf(part, sizeof part, "%s%s", sep, words);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	if (v->search[0] != '\0') {
		snprintf(part, sizeof part, "%s/%s", sep, v->search);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	strncat(buf, " ", sizeof buf - strlen(buf) - 1);
	if (failure && message != NULL && *message != '\0') {
		xasprintf(&first, " %s ", message);
		statusbar_put(win, y, &x, width, first, ROLE_ERROR);
		free(first);
		message = NULL;
	}
	statusbar_put(win, y, &x, width, buf, ROLE_STATUS_BAR);

	if (st->throttled && st->throttled_until > now) {
		/* Waiting out Retry-After: until when. */
		localtime_r(&st->throttled_until, &tm);
		snprintf(part, sizeof part, " THROTTLED until %02d:%02d:%02d ",
		    tm.tm_hour, tm.tm_min, tm.tm_sec);
		statusbar_put(win, y, &x, width, part, ROLE_WARNING);
	} else if (st->throttled)
		statusbar_put(win, y, &x, width, " THROTTLED ", ROLE_WARNING);
	if (st->offline)
		statusbar_put(win, y, &x, width, " OFFLINE ", ROLE_WARNING);
	if (statusbar_stale(st, now)) {
		if (st->last_ok != 0) {
			duration_format_minutes((long)(now - st->last_ok), age,
			    sizeof age);
			snprintf(part, sizeof part, " STALE %s ", age);
		} else
			snprintf(part, sizeof part, " STALE ");
		statusbar_put(win, y, &x, width, part, ROLE_WARNING);
	}
	if (message != NULL && *message != '\0') {
		snprintf(part, sizeof part, " %s ", message);
		statusbar_put(win, y, &x, width, part, ROLE_STATUS_BAR);
	}
	if (error != NULL && *error != '\0') {
		snprintf(buf, sizeof buf, " %s ", error);
		statusbar_put(win, y, &x, width, buf, ROLE_ERROR);
	}
	if (x < width)
		grid_put(win, y, x, width - x, "", theme_attr(ROLE_STATUS_BAR));
}

/* Say why the grid is empty, on its middle line. */
void
statusbar_empty(WINDOW *win, int y, int rows, int width,
    const struct store_status *st, size_t people, const struct view *v)
{
	char buf[320], words[256];

	if (rows <= 0)
		return;
	if (people == 0 && st->phase != STORE_RUNNING) {
		if (st->roster_total != 0)
			snprintf(buf, sizeof buf,
			    "  Loading the roster... %zu of %zu people",
			    st->roster_done, st->roster_total);
		else
			snprintf(buf, sizeof buf,
			    "  Loading the roster... %zu people so far",
			    st->roster_done);
	} else if (people == 0)
		snprintf(buf, sizeof buf, "  Nobody to show.");
	else if (v->search[0] != '\0')
		snprintf(buf, sizeof buf, "  Nobody matches \"%s\".",
		    v->search);
	else {
		view_filter_words(v, words, sizeof words);
		snprintf(buf, sizeof buf, "  Nobody to show: %s.", words);
	}
	grid_put(win, y + rows / 2, 0, width, buf, theme_attr(ROLE_DEFAULT));
}
