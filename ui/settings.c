/*
 * The dashboard's settings from the configuration: key bindings, the
 * columns, the sort, the grouping and the theme. ui_check_config refuses a
 * bad one before anything starts; settings_apply then applies them (a bad
 * one that slipped through is said in the message log and left out). UI
 * thread only.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "ui.h"
#include "ui_int.h"
#include "xmalloc.h"

/* The columns shown when none are configured. */
static const enum view_col settings_columns[] = { COL_AVAILABILITY,
	COL_ACTIVITY, COL_NAME, COL_STATUS, COL_OOO, COL_LOCATION, COL_SINCE };

/* Bind the configured keys over the defaults. */
static void
settings_keys(struct ui *ui, const struct cfg *cfg)
{
	char *cause;
	size_t i;

	keys_init(&ui->keys);
	for (i = 0; i < cfg->nkeys; i++) {
		if (keys_bind(&ui->keys, cfg->keys[i].action, cfg->keys[i].key,
		        &cause) != 0) {
			msglog_fail(&ui->log, "keys: %s", cause);
			free(cause);
		}
	}
}

/* The columns wanted, in order. */
static void
settings_cols(struct ui *ui, const struct cfg *cfg)
{
	size_t i;
	int c;

	ui->nwant = 0;
	for (i = 0; i < cfg->ncolumns && ui->nwant < COL__COUNT; i++) {
		if ((c = view_col_find(cfg->columns[i])) == -1) {
			msglog_fail(&ui->log, "unknown column \"%s\"",
			    cfg->columns[i]);
			continue;
		}
		ui->want[ui->nwant++] = (enum view_col)c;
	}
	if (ui->nwant != 0)
		return;
	for (i = 0; i < sizeof settings_columns / sizeof *settings_columns; i++)
		ui->want[ui->nwant++] = settings_columns[i];
}

/* The sort and the grouping. */
static void
settings_order(struct ui *ui, const struct cfg *cfg)
{
	const char *name;
	int c;

	if (cfg->sort != NULL && *cfg->sort != '\0') {
		name = cfg->sort;
		if (*name == '-') {
			ui->view.reverse = 1;
			name++;
		}
		if ((c = view_col_find(name)) == -1)
			msglog_fail(&ui->log, "unknown sort column \"%s\"",
			    name);
		else
			ui->view.sort = (enum view_col)c;
	}
	if (cfg->sort_reverse)
		ui->view.reverse = 1;
	if (cfg->group_by != NULL && *cfg->group_by != '\0') {
		c = view_col_find(cfg->group_by);
		if (c == COL_AVAILABILITY)
			ui->view.group = GROUP_AVAILABILITY;
		else if (c == COL_DEPARTMENT)
			ui->view.group = GROUP_DEPARTMENT;
		else if (strcmp(cfg->group_by, "none") != 0)
			msglog_fail(&ui->log, "cannot group by \"%s\"",
			    cfg->group_by);
	}
}

/* Make the configured theme current, or the fallback for the terminal. */
void
settings_theme(struct ui *ui)
{
	const char *name =
	    ui->theme_want != NULL ? ui->theme_want : ui->cfg->theme;
	char *cause;
	int asked = 0;

	if (!ui->colour)
		name = "mono";
	else if (name != NULL && *name != '\0' && strcmp(name, "default") != 0)
		asked = 1;
	else
		name = "default";
	if (theme_use(&ui->theme, name, ui->ncolours, ui->colour, &cause) !=
	    0) {
		/* The built-in look stands in; say so if it was asked for. */
		if (asked)
			msglog_fail(&ui->log, "theme: %s", cause);
		free(cause);
	}
}

/* Apply the dashboard settings of the configuration (the theme once curses
 * is up). */
void
settings_apply(struct ui *ui)
{
	settings_keys(ui, ui->cfg);
	settings_cols(ui, ui->cfg);
	settings_order(ui, ui->cfg);
	ui->opts.plain = ui->cfg->plain;
}

/* The column names, for messages: "availability, activity, ...". */
static char *
settings_col_names(void)
{
	char *s = xstrdup(""), *t;
	int i;

	for (i = 0; i < COL__COUNT; i++) {
		xasprintf(&t, "%s%s%s", s, i == 0 ? "" : ", ",
		    view_col_name((enum view_col)i));
		free(s);
		s = t;
	}
	return s;
}

/* Say where a bad setting is, and why. */
static int settings_bad(const char *origin, const char *name, char **cause,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
settings_bad(const char *origin, const char *name, char **cause,
    const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	xvasprintf(&why, fmt, ap);
	va_end(ap);
	if (origin == NULL || *origin == '-')
		xasprintf(cause, "%s: %s", origin != NULL ? origin : name, why);
	else
		xasprintf(cause, "%s: %s: %s", origin, name, why);
	free(why);
	return -1;
}

/* Is this a column name, or -1 with the message? */
static int
settings_check_col(const struct cfg *cfg, const char *setting,
    const char *value, const char *what, char **cause)
{
	char *names;
	int rc;

	if (view_col_find(value) != -1)
		return 0;
	names = settings_col_names();
	rc = settings_bad(cfg_origin(cfg, setting), setting, cause,
	    "unknown %s \"%s\" (expected one of %s)", what, value, names);
	free(names);
	return rc;
}

/* Check the dashboard's settings before anything starts. */
int
ui_check_config(const struct cfg *cfg, char **cause)
{
	struct keys keys;
	struct theme t;
	const char *name;
	char *why;
	size_t i;
	int c;

	for (i = 0; i < cfg->ncolumns; i++) {
		if (settings_check_col(cfg, "columns", cfg->columns[i],
		        "column", cause) != 0)
			return -1;
	}
	if (cfg->sort != NULL && *cfg->sort != '\0') {
		name = cfg->sort + (*cfg->sort == '-');
		if (settings_check_col(cfg, "sort", name, "sort column",
		        cause) != 0)
			return -1;
	}
	if (cfg->group_by != NULL && *cfg->group_by != '\0' &&
	    strcmp(cfg->group_by, "none") != 0) {
		c = view_col_find(cfg->group_by);
		if (c != COL_AVAILABILITY && c != COL_DEPARTMENT)
			return settings_bad(cfg_origin(cfg, "group_by"),
			    "group_by", cause,
			    "cannot group by \"%s\" (expected availability, "
			    "department or none)",
			    cfg->group_by);
	}
	if (cfg->view != NULL && views_check_name(cfg->view) != 0)
		return settings_bad(cfg_origin(cfg, "view"), "view", cause,
		    "bad view name \"%s\" (letters, digits, '-', '_' and '.', "
		    "at most 64)",
		    cfg->view);
	keys_init(&keys);
	for (i = 0; i < cfg->nkeys; i++) {
		if (keys_bind(&keys, cfg->keys[i].action, cfg->keys[i].key,
		        &why) != 0) {
			settings_bad(cfg->keys[i].origin, "keys", cause, "%s",
			    why);
			free(why);
			return -1;
		}
	}
	name = cfg->theme;
	if (name != NULL && *name != '\0' && strcmp(name, "default") != 0 &&
	    strcmp(name, "mono") != 0) {
		if (theme_load_name(&t, name, &why) != 0) {
			settings_bad(cfg_origin(cfg, "theme"), "theme", cause,
			    "%s", why);
			free(why);
			return -1;
		}
		theme_done(&t);
	}
	return 0;
}
