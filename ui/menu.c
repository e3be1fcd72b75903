/*
 * The sort and filter menus, and the one place where the grid's sort or
 * filter changes and the status bar says so. The filter menu ticks any
 * number of availabilities and chooses a department from a second list;
 * the grid and the counts line follow each tick, and Escape puts back the
 * filter there was (from the list of departments, Escape goes back to the
 * filter menu). UI thread only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "xmalloc.h"

/* The filter menu's lines after the availabilities. */
#define MENU_BUT_OFFLINE (AVAIL__COUNT + 1)
#define MENU_DEPARTMENT (AVAIL__COUNT + 2)

/* Fill the pane with the filter as it is, keeping the highlight. */
static void
menu_filter_pane(struct ui *ui)
{
	long sel = ui->pane.sel;
	int i;

	pane_done(&ui->pane);
	pane_init(&ui->pane,
	    "Show (Space or a digit ticks; Enter closes, Escape undoes)");
	pane_add(&ui->pane, " 0  everyone");
	for (i = 0; i < AVAIL__COUNT; i++) {
		pane_add(&ui->pane, " %d  [%c] %s (%zu)", i + 1,
		    view_chosen(&ui->view, i) ? 'x' : ' ',
		    presence_avail_name((enum avail)i), ui->view.counts[i]);
	}
	pane_add(&ui->pane, " %d  everyone but %s", MENU_BUT_OFFLINE,
	    presence_avail_name(AVAIL_OFFLINE));
	if (ui->view.department == NULL)
		pane_add(&ui->pane, " %d  department: all...", MENU_DEPARTMENT);
	else
		pane_add(&ui->pane, " %d  department: %s...", MENU_DEPARTMENT,
		    *ui->view.department == '\0' ? "(none)"
		                                 : ui->view.department);
	ui->pane.sel = sel;
}

/* Free the list of departments. */
static void
menu_departments_done(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->fmenu.ndepts; i++)
		free(ui->fmenu.depts[i]);
	free(ui->fmenu.depts);
	ui->fmenu.depts = NULL;
	ui->fmenu.ndepts = 0;
}

/* Fill the pane with the departments of the snapshot. */
static void
menu_department_pane(struct ui *ui)
{
	struct view_department *d;
	size_t i, n;

	menu_departments_done(ui);
	n = view_departments(ui->snap, &d);
	ui->fmenu.depts = xcalloc(n + 1, sizeof *ui->fmenu.depts);
	ui->fmenu.ndepts = n;
	pane_done(&ui->pane);
	pane_init(&ui->pane, "Department (Enter or a digit chooses)");
	pane_add(&ui->pane, " 0  every department (%zu)", ui->snap->n);
	ui->pane.sel = 0;
	for (i = 0; i < n; i++) {
		/* Copies: the snapshot may be replaced while this is open. */
		ui->fmenu.depts[i] = xstrdup(d[i].name);
		if (i < 9)
			pane_add(&ui->pane, " %zu  %s (%zu)", i + 1,
			    *d[i].name == '\0' ? "(none)" : d[i].name,
			    d[i].count);
		else
			pane_add(&ui->pane, "    %s (%zu)",
			    *d[i].name == '\0' ? "(none)" : d[i].name,
			    d[i].count);
		if (ui->view.department != NULL &&
		    strcmp(ui->view.department, d[i].name) == 0)
			ui->pane.sel = (long)i + 1;
	}
	free(d);
	ui->fmenu.departments = 1;
}

/* Open the menu of sort columns or the filter menu. */
void
menu_open(struct ui *ui, enum ui_mode mode)
{
	int i;

	pane_done(&ui->pane);
	if (mode == MODE_MENU_SORT) {
		pane_init(&ui->pane, "Sort by (Enter or a digit chooses)");
		for (i = 0; i < COL__COUNT; i++) {
			pane_add(&ui->pane, " %d  %s", (i + 1) % 10,
			    view_col_name((enum view_col)i));
		}
		ui->pane.sel = ui->view.sort;
	} else {
		menu_done(ui);
		ui->fmenu.avails = ui->view.avails;
		ui->fmenu.department = ui->view.department != NULL
		    ? xstrdup(ui->view.department)
		    : NULL;
		ui->pane.sel = 1;
		for (i = 0; i < AVAIL__COUNT; i++) {
			if (view_chosen(&ui->view, i)) {
				ui->pane.sel = i + 1;
				break;
			}
		}
		menu_filter_pane(ui);
	}
	ui->mode = mode;
}

/* Free what the filter menu keeps. */
void
menu_done(struct ui *ui)
{
	menu_departments_done(ui);
	free(ui->fmenu.department);
	memset(&ui->fmenu, 0, sizeof ui->fmenu);
}

/* Sort by a column, in reverse or not. */
void
menu_sort(struct ui *ui, enum view_col col, int reverse)
{
	ui->view.sort = col;
	ui->view.reverse = reverse;
	msglog_add(&ui->log, "sorted by %s%s", view_col_name(col),
	    reverse ? ", reversed" : "");
	selection_rebuild(ui);
}

/* Change the filter and show its people, saying nothing. */
static void
menu_filter_set(struct ui *ui, unsigned avails, const char *department)
{
	view_set_filter(&ui->view, avails, department);
	selection_rebuild(ui);
}

/* Say what the grid shows now. */
static void
menu_filter_say(struct ui *ui)
{
	char words[256];

	view_filter_words(&ui->view, words, sizeof words);
	msglog_add(&ui->log, "showing %s", *words == '\0' ? "everyone" : words);
}

/*
 * Show only the availabilities in avails (0 for all) and, unless NULL, one
 * department.
 */
void
menu_filter(struct ui *ui, unsigned avails, const char *department)
{
	menu_filter_set(ui, avails, department);
	menu_filter_say(ui);
}

/*
 * The filter key: everyone, then each availability alone in turn, then
 * everyone again (several ticked: everyone). The department stays.
 */
void
menu_filter_next(struct ui *ui)
{
	unsigned a = ui->view.avails, next = 0;
	int i;

	for (i = 0; i < AVAIL__COUNT; i++) {
		if (a == 0) {
			next = 1u;
			break;
		}
		if (a == 1u << i) {
			next = (i + 1 < AVAIL__COUNT) ? 1u << (i + 1) : 0;
			break;
		}
	}
	menu_filter(ui, next, ui->view.department);
}

/* Close the filter menu, keeping the filter (Enter) or not (Escape). */
static void
menu_filter_close(struct ui *ui, int keep)
{
	if (!keep)
		menu_filter_set(ui, ui->fmenu.avails, ui->fmenu.department);
	else if (ui->view.avails != ui->fmenu.avails ||
	    (ui->view.department == NULL) != (ui->fmenu.department == NULL) ||
	    (ui->view.department != NULL &&
	        strcmp(ui->view.department, ui->fmenu.department) != 0))
		menu_filter_say(ui);
	menu_done(ui);
	ui->mode = MODE_GRID;
}

/* Choose line i of the filter menu. */
static void
menu_filter_choose(struct ui *ui, long i, int enter)
{
	const char *dept = ui->view.department;

	if (i == 0) {
		menu_filter_set(ui, 0, NULL);
		menu_filter_close(ui, 1);
	} else if (i >= 1 && i <= AVAIL__COUNT) {
		/* Enter on an availability with none ticked shows it alone. */
		if (!enter || ui->view.avails == 0)
			menu_filter_set(ui, ui->view.avails ^ (1u << (i - 1)),
			    dept);
		if (enter)
			menu_filter_close(ui, 1);
		else {
			ui->pane.sel = i;
			menu_filter_pane(ui);
		}
	} else if (i == MENU_BUT_OFFLINE) {
		menu_filter_set(ui, VIEW_ALL_BUT_OFFLINE, dept);
		menu_filter_close(ui, 1);
	} else if (i == MENU_DEPARTMENT)
		menu_department_pane(ui);
}

/* Choose line i of the department list, and close the menu. */
static void
menu_department_choose(struct ui *ui, long i)
{
	unsigned avails = ui->view.avails;

	if (i < 0 || i > (long)ui->fmenu.ndepts)
		return;
	if (i == 0)
		menu_filter_set(ui, avails, NULL);
	else
		menu_filter_set(ui, avails, ui->fmenu.depts[i - 1]);
	menu_filter_close(ui, 1);
}

/* A key in the filter menu or its list of departments. */
static void
menu_filter_key(struct ui *ui, int key)
{
	if (ui->fmenu.departments) {
		switch (pane_key(&ui->pane, key)) {
		case PANE_KEY_DIGIT:
			menu_department_choose(ui, key - '0');
			break;
		case PANE_KEY_ENTER:
			menu_department_choose(ui, ui->pane.sel);
			break;
		case PANE_KEY_OTHER:
			ui->fmenu.departments = 0;
			ui->pane.sel = MENU_DEPARTMENT;
			menu_filter_pane(ui);
			break;
		case PANE_KEY_MOVED:
			break;
		}
		return;
	}
	if (key == ' ') {
		menu_filter_choose(ui, ui->pane.sel, 0);
		return;
	}
	switch (pane_key(&ui->pane, key)) {
	case PANE_KEY_DIGIT:
		menu_filter_choose(ui, key - '0', 0);
		break;
	case PANE_KEY_ENTER:
		menu_filter_choose(ui, ui->pane.sel, 1);
		break;
	case PANE_KEY_OTHER:
		menu_filter_close(ui, 0);
		break;
	case PANE_KEY_MOVED:
		break;
	}
}

/* A key in the sort or filter menu. */
void
menu_key(struct ui *ui, int key)
{
	if (ui->mode == MODE_MENU_FILTER) {
		menu_filter_key(ui, key);
		return;
	}
	switch (pane_key(&ui->pane, key)) {
	case PANE_KEY_DIGIT:
		/* Sort lines are numbered from 1 with 0 tenth. */
		key = key == '0' ? 9 : key - '1';
		if (key >= 0 && key < COL__COUNT) {
			ui->mode = MODE_GRID;
			menu_sort(ui, (enum view_col)key, ui->view.reverse);
		}
		break;
	case PANE_KEY_ENTER:
		if (ui->pane.sel >= 0 && ui->pane.sel < COL__COUNT) {
			ui->mode = MODE_GRID;
			menu_sort(ui, (enum view_col)ui->pane.sel,
			    ui->view.reverse);
		}
		break;
	case PANE_KEY_OTHER:
		ui->mode = MODE_GRID;
		break;
	case PANE_KEY_MOVED:
		break;
	}
}
