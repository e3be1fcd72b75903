/*
 * Views that stay: the sort, filter, grouping, theme and columns of the
 * dashboard, saved on quitting in the state directory's view.NAME (one
 * "key value" line each) and restored on start, under what the command
 * line sets. What the command line sets is for that run only: unless it
 * was changed in the dashboard, the saved view keeps what it had. UI
 * thread only.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "state.h"
#include "ui_int.h"
#include "xmalloc.h"

/* The longest name of a view. Bytes. */
#define VIEWS_NAME_MAX 64
/* The longest value of a line. Bytes. */
#define VIEWS_VALUE_MAX 512

/* Is this a name a view may have (letters, digits, '-', '_', '.')? */
int
views_check_name(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > VIEWS_NAME_MAX || name[0] == '.')
		return -1;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)name[i]) &&
		    strchr("-_.", name[i]) == NULL)
			return -1;
	}
	return 0;
}

/* The file of the view in the state directory, "view.NAME". */
static void
views_file(const struct ui *ui, const char *suffix, char *buf, size_t len)
{
	snprintf(buf, len, "view.%s%s", ui->cfg->view, suffix);
}

/* Was a setting given on the command line (which beats a saved view)? */
static int
views_from_argv(const struct ui *ui, const char *setting)
{
	const char *o = cfg_origin(ui->cfg, setting);

	return o != NULL && strncmp(o, "--", 2) == 0;
}

/* The columns of a saved view: "availability,name,status". */
static int
views_columns(struct ui *ui, const char *value)
{
	enum view_col want[COL__COUNT];
	size_t n = 0, i;
	char *copy, *s, *word;
	int c;

	copy = s = xstrdup(value);
	while ((word = strsep(&s, ",")) != NULL) {
		if ((c = view_col_find(word)) == -1 || n == COL__COUNT)
			goto bad;
		for (i = 0; i < n; i++) {
			if (want[i] == (enum view_col)c)
				goto bad;
		}
		want[n++] = (enum view_col)c;
	}
	free(copy);
	if (n == 0)
		return -1;
	memcpy(ui->want, want, n * sizeof *want);
	ui->nwant = n;
	return 0;
bad:
	free(copy);
	return -1;
}

/*
 * The lines of a view the command line can set for one run, and the
 * settings that do it.
 */
static const struct {
	const char *key;
	const char *settings[2];
} views_argv[VIEWS_ARGV__COUNT] = {
	{ "sort", { "sort", "sort_reverse" } },
	{ "group", { "group_by", NULL } },
	{ "theme", { "theme", NULL } },
	{ "columns", { "columns", NULL } },
};

/* Did the command line set this line of the view for this run? */
static int
views_argv_set(const struct ui *ui, int k)
{
	size_t i;

	for (i = 0; i < 2 && views_argv[k].settings[i] != NULL; i++) {
		if (views_from_argv(ui, views_argv[k].settings[i]))
			return 1;
	}
	return 0;
}

/* Which of views_argv a line is, or -1. */
static int
views_argv_find(const char *key)
{
	int k;

	for (k = 0; k < VIEWS_ARGV__COUNT; k++) {
		if (strcmp(key, views_argv[k].key) == 0)
			return k;
	}
	return -1;
}

/*
 * Keep a saved line the command line beats, to write it back on quitting
 * unless the dashboard changed that setting.
 */
static int
views_keep(struct ui *ui, const char *key, const char *value)
{
	int k = views_argv_find(key);

	free(ui->kept.saved[k]);
	ui->kept.saved[k] = xstrdup(value);
	return 0;
}

/* Apply one line of a saved view; -1 when it makes no sense. */
static int
views_line(struct ui *ui, const char *key, const char *value)
{
	char *end;
	unsigned long avails;
	int c, g, k;

	if ((k = views_argv_find(key)) != -1 && views_argv_set(ui, k))
		return views_keep(ui, key, value);
	if (strcmp(key, "sort") == 0) {
		if ((c = view_col_find(value + (*value == '-'))) == -1)
			return -1;
		ui->view.sort = (enum view_col)c;
		ui->view.reverse = *value == '-';
	} else if (strcmp(key, "group") == 0) {
		for (g = 0; g < GROUP__COUNT; g++) {
			if (strcmp(value, view_group_name(g)) == 0)
				break;
		}
		if (g == GROUP__COUNT)
			return -1;
		ui->view.group = (enum view_group)g;
	} else if (strcmp(key, "filter") == 0) {
		errno = 0;
		avails = strtoul(value, &end, 16);
		if (*value == '\0' || *end != '\0' || errno != 0 ||
		    avails >= (1ul << AVAIL__COUNT))
			return -1;
		view_set_filter(&ui->view, (unsigned)avails,
		    ui->view.department);
	} else if (strcmp(key, "department") == 0)
		view_set_filter(&ui->view, ui->view.avails, value);
	else if (strcmp(key, "theme") == 0) {
		if (*value == '\0')
			return 0;
		free(ui->theme_want);
		ui->theme_want = xstrdup(value);
	} else if (strcmp(key, "columns") == 0)
		return views_columns(ui, value);
	else
		return -1;
	return 0;
}

/* The value of a line of views_argv as the dashboard is now; "" none. */
static void
views_value(const struct ui *ui, int k, char *buf, size_t len)
{
	size_t i, used;

	*buf = '\0';
	switch (k) {
	case VIEWS_ARGV_SORT:
		snprintf(buf, len, "%s%s", ui->view.reverse ? "-" : "",
		    view_col_name(ui->view.sort));
		break;
	case VIEWS_ARGV_GROUP:
		snprintf(buf, len, "%s", view_group_name(ui->view.group));
		break;
	case VIEWS_ARGV_THEME:
		/* Without colour the theme is "mono" for want of it. */
		if (ui->colour && ui->theme.name != NULL)
			snprintf(buf, len, "%s", ui->theme.name);
		else if (ui->theme_want != NULL)
			snprintf(buf, len, "%s", ui->theme_want);
		break;
	case VIEWS_ARGV_COLUMNS:
		for (i = 0; i < ui->nwant; i++) {
			used = strlen(buf);
			snprintf(buf + used, len - used, "%s%s",
			    i == 0 ? "" : ",", view_col_name(ui->want[i]));
		}
		break;
	}
}

/*
 * Note the view as it starts, once curses is up and the theme chosen: a
 * setting the command line gave and the dashboard left as it was is not
 * saved.
 */
void
views_started(struct ui *ui)
{
	char buf[VIEWS_VALUE_MAX];
	int k;

	for (k = 0; k < VIEWS_ARGV__COUNT; k++) {
		views_value(ui, k, buf, sizeof buf);
		free(ui->kept.start[k]);
		ui->kept.start[k] = xstrdup(buf);
	}
}

/* Forget what views_load and views_started kept. */
void
views_done(struct ui *ui)
{
	int k;

	for (k = 0; k < VIEWS_ARGV__COUNT; k++) {
		free(ui->kept.saved[k]);
		free(ui->kept.start[k]);
		ui->kept.saved[k] = ui->kept.start[k] = NULL;
	}
}

/* Restore the saved view, if any, over the configuration's settings. */
void
views_load(struct ui *ui)
{
	char name[VIEWS_NAME_MAX + 16], path[4096], *line = NULL, *value;
	char *cause;
	size_t size = 0;
	unsigned lineno = 0;
	ssize_t len;
	FILE *f;
	int fd;

	if (!ui->cfg->save_view)
		return;
	views_file(ui, "", name, sizeof name);
	if (state_path(name, path, sizeof path) == NULL ||
	    access(path, F_OK) != 0)
		return;
	if ((fd = state_open(name, O_RDONLY, &cause)) == -1) {
		msglog_fail(&ui->log, "view: %s", cause);
		free(cause);
		return;
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	while ((len = getline(&line, &size, f)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		value = strchr(line, ' ');
		if (value != NULL)
			*value++ = '\0';
		if (value == NULL || views_line(ui, line, value) != 0)
			msglog_fail(&ui->log, "%s:%u: ignored \"%s\"", path,
			    lineno, line);
	}
	free(line);
	fclose(f);
}

/*
 * Write line k of views_argv: as the dashboard is, unless the command line
 * set it for this run and it was not changed since; then as it was saved.
 */
static void
views_write_line(const struct ui *ui, int k, FILE *f)
{
	char buf[VIEWS_VALUE_MAX];
	const char *value = buf;

	views_value(ui, k, buf, sizeof buf);
	if (views_argv_set(ui, k) && ui->kept.start[k] != NULL &&
	    strcmp(buf, ui->kept.start[k]) == 0)
		value = ui->kept.saved[k];
	if (value != NULL && *value != '\0')
		fprintf(f, "%s %s\n", views_argv[k].key, value);
}

/* Write the view as it is into f. */
static void
views_write(const struct ui *ui, FILE *f)
{
	fprintf(f, "# teamtop's view \"%s\", written on quitting\n",
	    ui->cfg->view);
	views_write_line(ui, VIEWS_ARGV_SORT, f);
	views_write_line(ui, VIEWS_ARGV_GROUP, f);
	fprintf(f, "filter %x\n", ui->view.avails);
	if (ui->view.department != NULL)
		fprintf(f, "department %s\n", ui->view.department);
	views_write_line(ui, VIEWS_ARGV_THEME, f);
	views_write_line(ui, VIEWS_ARGV_COLUMNS, f);
}

/* Save the view for the next start: written aside, then renamed. */
int
views_save(const struct ui *ui, char **cause)
{
	char name[VIEWS_NAME_MAX + 16], tmp[VIEWS_NAME_MAX + 16];
	char path[4096], tmppath[4096];
	FILE *f;
	int fd, bad;

	if (!ui->cfg->save_view)
		return 0;
	views_file(ui, "", name, sizeof name);
	views_file(ui, ".new", tmp, sizeof tmp);
	if (state_path(name, path, sizeof path) == NULL ||
	    state_path(tmp, tmppath, sizeof tmppath) == NULL) {
		*cause = xstrdup("the state directory's path is too long");
		return -1;
	}
	fd = state_open(tmp, O_WRONLY | O_CREAT | O_TRUNC, cause);
	if (fd == -1)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		xasprintf(cause, "%s: %s", tmppath, strerror(errno));
		return -1;
	}
	views_write(ui, f);
	bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		xasprintf(cause, "%s: cannot write", tmppath);
		unlink(tmppath);
		return -1;
	}
	if (rename(tmppath, path) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmppath);
		return -1;
	}
	return 0;
}
