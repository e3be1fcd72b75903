/*
 * The help pane: the keys in force, from the key map; a legend of the
 * glyphs and marks of the grid, from help_legend below, with the glyphs of
 * the theme in use; and the configuration file and theme in use. UI
 * thread only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "text.h"
#include "ui_int.h"
#include "xmalloc.h"

/* The width of the first column of the help. Cells. */
#define HELP_COLUMN 16

/*
 * The legend of the glyphs and marks a row can have. A row is a role's
 * glyph as the theme draws it (mark NULL) or a fixed mark, UTF-8 and ASCII
 * (for --plain and terminals that are not UTF-8). A feature that marks
 * rows adds its row here.
 */
static const struct {
	enum theme_role role; /* Whose glyph, when mark is NULL. */
	const char *mark;
	const char *ascii;
	const char *text;
} help_legend[] = {
	{ ROLE_AVAILABLE, NULL, NULL, "Available" },
	{ ROLE_BUSY, NULL, NULL, "Busy" },
	{ ROLE_DND, NULL, NULL, "Do not disturb" },
	{ ROLE_BRB, NULL, NULL, "Be right back" },
	{ ROLE_AWAY, NULL, NULL, "Away" },
	{ ROLE_OFFLINE, NULL, NULL, "Offline, or appears offline" },
	{ ROLE_UNKNOWN, NULL, NULL,
	    "Presence unknown, or a value teamtop does not know" },
	{ ROLE_DEFAULT, "\xe2\x80\xa6", "...", "No presence read yet" },
	{ ROLE_DEFAULT, "(no activity)", "(no activity)",
	    "The activity only repeats the availability" },
	{ ROLE_TAGGED, NULL, NULL, "Tagged, before the name" },
	{ ROLE_DEFAULT, "\xe2\x97\x8e", "o",
	    "Watched, before the name: w set a watch, W lists them" },
	{ ROLE_DEFAULT, "[S 17:00]", "[S 17:00]",
	    "Before the status: teamtop set a session till then (P preferred, "
	    "M message)" },
	{ ROLE_DEFAULT, "[S held]", "[S held]",
	    "teamtop holds the session: sends it again before it ends" },
	{ ROLE_DEFAULT, "\xe2\x97\xb7", "@",
	    "Before the status: the message expires (details tell when)" },
	{ ROLE_DEFAULT, "OOF", "OOF", "Out of office" },
	{ ROLE_DEFAULT, ">5m", ">5m",
	    "In this availability at least so long: since teamtop started" },
	{ ROLE_DEFAULT, "\xe2\x96\xb2 \xe2\x96\xbc", "^ v",
	    "The sort column, and its direction" },
	{ ROLE_DEFAULT, "\xe2\x94\x80\xe2\x94\x80", "--",
	    "A group's heading, with how many are in it" },
};

/* Add "  FIRST  text" with FIRST padded to HELP_COLUMN cells. */
static void
help_line(struct pane *p, const char *first, const char *text)
{
	int pad = HELP_COLUMN - text_width(first);

	pane_add(p, "  %s%*s %s", first, pad > 0 ? pad : 0, "", text);
}

/* The keys in force, one action a line. */
static void
help_keys(struct ui *ui)
{
	char keys[128];
	int a;

	for (a = KA_NONE + 1; a < KA__COUNT; a++) {
		keys_describe(&ui->keys, (enum keys_action)a, keys,
		    sizeof keys);
		if (*keys != '\0')
			help_line(&ui->pane, keys,
			    keys_action_help((enum keys_action)a));
	}
	pane_add(&ui->pane, "%s", "");
	help_line(&ui->pane, "Mouse",
	    "click a row to select it, a heading to sort by it; the wheel "
	    "scrolls");
	help_line(&ui->pane, "Search",
	    "Enter keeps the search, Escape drops it");
	help_line(&ui->pane, "Forms",
	    "Tab next field; arrows, Space, digit choose; type a value; Enter "
	    "sends, Escape cancels");
	help_line(&ui->pane, "Confirmations", "y sends, n or Escape goes back");
}

/* The legend, with the glyphs of the theme in use. */
static void
help_marks(struct ui *ui)
{
	const char *mark;
	size_t i;

	pane_add(&ui->pane, "%s", "");
	pane_add(&ui->pane, "%s", "Glyphs and marks");
	for (i = 0; i < sizeof help_legend / sizeof help_legend[0]; i++) {
		if (help_legend[i].mark == NULL)
			mark = theme_glyph(help_legend[i].role, ui->opts.ascii);
		else
			mark = ui->opts.ascii ? help_legend[i].ascii
			                      : help_legend[i].mark;
		help_line(&ui->pane, mark, help_legend[i].text);
	}
}

/* The configuration file and the theme in use. */
static void
help_files(struct ui *ui)
{
	const char *none = "none: built-in defaults";
	char *clean, *theme;

	pane_add(&ui->pane, "%s", "");
	pane_add(&ui->pane, "%s", "Files");
	clean = text_sanitize(
	    ui->cfg->config_path != NULL ? ui->cfg->config_path : none);
	help_line(&ui->pane, "Configuration", clean);
	free(clean);
	if (ui->theme.path != NULL)
		xasprintf(&theme, "%s (%s)", ui->theme.path, ui->theme.name);
	else
		xasprintf(&theme, "%s (%s)", none,
		    ui->theme.name != NULL ? ui->theme.name : "default");
	clean = text_sanitize(theme);
	help_line(&ui->pane, "Theme", clean);
	free(clean);
	free(theme);
}

/* Open the help pane. */
void
help_open(struct ui *ui)
{
	pane_done(&ui->pane);
	pane_init(&ui->pane,
	    "Keys (q, Escape or ? closes; arrows, PgUp, PgDn "
	    "scroll)");
	ui->pane.where = 1;
	help_keys(ui);
	help_marks(ui);
	help_files(ui);
	ui->mode = MODE_HELP;
}

/* A key in the help pane: scroll, or close with q, Escape or ?. */
void
help_key(struct ui *ui, int key)
{
	enum keys_action a = keys_lookup(&ui->keys, key);

	if (pane_scroll_key(&ui->pane, &ui->keys, key, selection_rows(ui)))
		return;
	if (key == KEYS_ESCAPE || key == 'q' || key == '?' || a == KA_QUIT ||
	    a == KA_HELP)
		ui->mode = MODE_GRID;
}
