/*
 * Views that stay: the sort, filter, grouping, theme and columns of the
 * dashboard, saved on quitting in the state directory's view.NAME (one
 * "key value" line each) and restored on start, under what the command
 * line sets. UI thread only.
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

/* Apply one line of a saved view; -1 when it makes no sense. */
static int
views_line(struct ui *ui, const char *key, const char *value)
{
	char *end;
	unsigned long avails;
	int c, g;

	if (strcmp(key, "sort") == 0) {
		if (views_from_argv(ui, "sort") ||
		    views_from_argv(ui, "sort_reverse"))
			return 0;
		if ((c = view_col_find(value + (*value == '-'))) == -1)
			return -1;
		ui->view.sort = (enum view_col)c;
		ui->view.reverse = *value == '-';
	} else if (strcmp(key, "group") == 0) {
		if (views_from_argv(ui, "group_by"))
			return 0;
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
		if (views_from_argv(ui, "theme") || *value == '\0')
			return 0;
		free(ui->theme_want);
		ui->theme_want = xstrdup(value);
	} else if (strcmp(key, "columns") == 0) {
		if (views_from_argv(ui, "columns"))
			return 0;
		return views_columns(ui, value);
	} else
		return -1;
	return 0;
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

/* Write the view as it is into f. */
static void
views_write(const struct ui *ui, FILE *f)
{
	size_t i;

	fprintf(f, "# teamtop's view \"%s\", written on quitting\n",
	    ui->cfg->view);
	fprintf(f, "sort %s%s\n", ui->view.reverse ? "-" : "",
	    view_col_name(ui->view.sort));
	fprintf(f, "group %s\n", view_group_name(ui->view.group));
	fprintf(f, "filter %x\n", ui->view.avails);
	if (ui->view.department != NULL)
		fprintf(f, "department %s\n", ui->view.department);
	/* Without colour the theme is "mono" for want of it: keep the one. */
	if (ui->colour && ui->theme.name != NULL)
		fprintf(f, "theme %s\n", ui->theme.name);
	else if (ui->theme_want != NULL)
		fprintf(f, "theme %s\n", ui->theme_want);
	fprintf(f, "columns ");
	for (i = 0; i < ui->nwant; i++)
		fprintf(f, "%s%s", i == 0 ? "" : ",",
		    view_col_name(ui->want[i]));
	fprintf(f, "\n");
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
