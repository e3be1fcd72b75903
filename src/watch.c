/*
 * Watches: a small array searched by id, the firing rules, and the file
 * that keeps them, one tab-separated line a watch. One thread.
 */
#include "config.h"

#include "watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "text.h"
#include "xmalloc.h"

/* The largest file of watches read. Bytes. */
#define WATCH_FILE_MAX (4 * 1024 * 1024)

/* The conditions as the file and the environment name them. */
static const char *const watch_cond_names[WATCH__COUNT] = {
	"becomes",
	"leaves",
	"changes",
};

/* The name of a condition. */
const char *
watch_cond_name(enum watch_cond c)
{
	if ((int)c < 0 || c >= WATCH__COUNT)
		return "?";
	return watch_cond_names[c];
}

/* A copy of a string that may be NULL. */
static char *
watch_strdup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Free what a watch holds. */
static void
watch_free(struct watch *w)
{
	free(w->id);
	free(w->name);
	free(w->availability);
	free(w->activity);
}

/* The index of id's watch, or -1. */
static long
watch_index(const struct watch_list *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].id, id) == 0)
			return (long)i;
	}
	return -1;
}

/* Watch a person. */
struct watch *
watch_add(struct watch_list *l, const char *id, const char *name,
    enum watch_cond cond, enum avail avail, int every, const char *availability,
    const char *activity)
{
	struct watch *w;
	long i = watch_index(l, id);

	if (i >= 0) {
		w = &l->v[i];
		watch_free(w);
	} else {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		w = &l->v[l->n++];
	}
	memset(w, 0, sizeof *w);
	w->id = xstrdup(id);
	w->name = xstrdup(name != NULL && *name != '\0' ? name : id);
	w->cond = cond;
	w->avail = avail;
	w->every = every;
	w->availability = watch_strdup(availability);
	w->activity = watch_strdup(activity);
	return w;
}

/* Drop id's watch. */
int
watch_drop(struct watch_list *l, const char *id)
{
	long i = watch_index(l, id);

	if (i < 0)
		return 0;
	watch_free(&l->v[i]);
	memmove(l->v + i, l->v + i + 1, (l->n - (size_t)i - 1) * sizeof *l->v);
	l->n--;
	return 1;
}

/* id's watch. */
struct watch *
watch_find(const struct watch_list *l, const char *id)
{
	long i;

	if (id == NULL || (i = watch_index(l, id)) < 0)
		return NULL;
	return &l->v[i];
}

/* Free every watch. */
void
watch_done(struct watch_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		watch_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Do two strings differ? NULL is "". */
static int
watch_differ(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") != 0;
}

/* Is the change from the presence last seen to this one a meeting? */
static int
watch_met(const struct watch *w, const char *availability, const char *activity)
{
	enum avail was = presence_avail(w->availability);
	enum avail is = presence_avail(availability);

	switch (w->cond) {
	case WATCH_BECOMES:
		return is == w->avail && was != w->avail;
	case WATCH_LEAVES:
		return was == w->avail && is != w->avail;
	case WATCH_CHANGES:
		return watch_differ(w->availability, availability) ||
		    watch_differ(w->activity, activity);
	case WATCH__COUNT:
		break;
	}
	return 0;
}

/* The person is seen with a presence: does the watch fire? */
int
watch_seen(struct watch *w, const char *availability, const char *activity,
    time_t now)
{
	int met = 0;

	if (availability == NULL)
		return 0; /* No answer for the person yet. */
	if (w->availability != NULL)
		met = watch_met(w, availability, activity);
	free(w->availability);
	w->availability = xstrdup(availability);
	free(w->activity);
	w->activity = watch_strdup(activity);
	if (met) {
		w->fired++;
		w->fired_at = now;
	}
	return met;
}

/* The condition in words. */
void
watch_describe(const struct watch *w, char *buf, size_t len)
{
	switch (w->cond) {
	case WATCH_BECOMES:
		snprintf(buf, len, "becomes %s", presence_avail_name(w->avail));
		break;
	case WATCH_LEAVES:
		snprintf(buf, len, "leaves %s", presence_avail_name(w->avail));
		break;
	default:
		snprintf(buf, len, "any change");
		break;
	}
}

/* Append a field to a line: sanitised, so without tabs or newlines. */
static void
watch_field(char **out, size_t *len, const char *s, int last)
{
	char *clean = text_sanitize(s);
	size_t n = strlen(clean);

	*out = xreallocarray(*out, *len + n + 2, 1);
	memcpy(*out + *len, clean, n);
	*len += n;
	(*out)[(*len)++] = last ? '\n' : '\t';
	(*out)[*len] = '\0';
	free(clean);
}

/* The list as the file keeps it. */
char *
watch_format(const struct watch_list *l)
{
	const struct watch *w;
	char *out;
	size_t len, i;

	out = xstrdup("# teamtop's watches: id, condition, category, "
	              "once or every, availability and activity last seen, "
	              "name\n");
	len = strlen(out);
	for (i = 0; i < l->n; i++) {
		w = &l->v[i];
		watch_field(&out, &len, w->id, 0);
		watch_field(&out, &len, watch_cond_name(w->cond), 0);
		watch_field(&out, &len, presence_avail_name(w->avail), 0);
		watch_field(&out, &len, w->every ? "every" : "once", 0);
		watch_field(&out, &len, w->availability, 0);
		watch_field(&out, &len, w->activity, 0);
		watch_field(&out, &len, w->name, 1);
	}
	return out;
}

/* The category of a name, or -1. */
static int
watch_avail_find(const char *name)
{
	int a;

	for (a = 0; a < AVAIL__COUNT; a++) {
		if (strcmp(name, presence_avail_name((enum avail)a)) == 0)
			return a;
	}
	return -1;
}

/* Read one line of the file into the list; -1 when it makes no sense. */
static int
watch_parse_line(struct watch_list *l, char *line)
{
	char *f[7], *s = line;
	int cond, avail;
	size_t n = 0;

	while (n < 7 && (f[n] = strsep(&s, "\t")) != NULL)
		n++;
	if (n != 7 || s != NULL || *f[0] == '\0')
		return -1;
	for (cond = 0; cond < WATCH__COUNT; cond++) {
		if (strcmp(f[1], watch_cond_names[cond]) == 0)
			break;
	}
	if (cond == WATCH__COUNT || (avail = watch_avail_find(f[2])) == -1)
		return -1;
	if (strcmp(f[3], "every") != 0 && strcmp(f[3], "once") != 0)
		return -1;
	watch_add(l, f[0], f[6], (enum watch_cond)cond, (enum avail)avail,
	    strcmp(f[3], "every") == 0, *f[4] != '\0' ? f[4] : NULL,
	    *f[5] != '\0' ? f[5] : NULL);
	return 0;
}

/* Read the file's text into the list. */
void
watch_parse(struct watch_list *l, const char *text, size_t *bad)
{
	char *copy, *s, *line;

	*bad = 0;
	copy = s = xstrdup(text);
	while ((line = strsep(&s, "\n")) != NULL) {
		if (*line == '\0' || *line == '#')
			continue;
		if (watch_parse_line(l, line) != 0)
			(*bad)++;
	}
	free(copy);
}

/* Read the watches kept. */
int
watch_load(struct watch_list *l, const char *file, size_t *bad, char **cause)
{
	char *text;
	size_t len;

	*bad = 0;
	if ((text = state_read(file, WATCH_FILE_MAX, &len, cause)) == NULL)
		return *cause != NULL ? -1 : 0;
	watch_parse(l, text, bad);
	free(text);
	return 0;
}

/* Keep the watches. */
int
watch_save(const struct watch_list *l, const char *file, char **cause)
{
	char *text = watch_format(l);
	int rc;

	rc = state_write(file, text, strlen(text), cause);
	free(text);
	return rc;
}
