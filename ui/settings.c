/*
 * The dashboard's settings from the configuration: key bindings, the
 * columns, the sort, the grouping and the theme. A bad one is said in the
 * status bar and left out. UI thread only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "ui_int.h"

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
	const char *name = ui->cfg->theme;
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
