/*
 * The dashboard's shared state, struct ui, and the calls its modules make
 * on one another. Private to ui/; UI thread only.
 */
#ifndef UI_INT_H
#define UI_INT_H

#include <curses.h>
#include <stddef.h>

#include "editor.h"
#include "grid.h"
#include "keys.h"
#include "msglog.h"
#include "pane.h"
#include "presence.h"
#include "sent.h"
#include "store.h"
#include "theme.h"
#include "view.h"

struct cfg;
struct source;

/* What the keys go to. */
enum ui_mode {
	MODE_GRID,
	MODE_SEARCH,
	MODE_HELP,
	MODE_DETAILS,
	MODE_MENU_SORT,
	MODE_MENU_FILTER,
	MODE_MENU_SET,      /* setPresence: a pair, or clear. */
	MODE_MENU_PREFER,   /* setUserPreferredPresence: a pair, or clear. */
	MODE_PROMPT_STATUS, /* setStatusMessage: the text. */
	MODE_LOG,           /* The message log viewer. */
	MODE_QUIT           /* Quitting once the writes pending are done. */
};

/* The longest search typed. Bytes. */
#define UI_TEXT_MAX 255
/* The selected line and the scrolling; selection.c. */
struct selection {
	size_t line; /* Selected line of the view. */
	size_t top;  /* First line shown. */
	char *id;    /* Who is selected, to find them again; NULL for none. */
};

/* The search line; search.c. */
struct search {
	struct editor line; /* Being typed; the view's search follows it. */
	char *saved;        /* As it was before, for Escape. */
};

/* The filter menu's state; menu.c. */
struct filter_menu {
	unsigned avails;  /* The filter when the menu opened, for Escape. */
	char *department; /* Likewise; NULL for every department. */
	int departments;  /* 1 while the list of departments is shown. */
	char **depts;     /* That list's names (copies); "" for none. */
	size_t ndepts;
};

/* The open form; form.c. */
struct form {
	char *id;                          /* Whom it acts on. */
	struct editor message;             /* The status message being typed. */
	size_t expiry;                     /* Its expiry: the Tab's choice. */
	const struct presence_pair *pairs; /* The menu's, from the model. */
	size_t npairs;
};

struct ui {
	struct cfg *cfg;
	struct source *src;    /* Where the data comes from. */
	struct snapshot *snap; /* The snapshot drawn, with a reference. */
	struct store_status st;
	struct view view;
	struct keys keys;
	struct grid_opts opts;

	enum view_col want[COL__COUNT]; /* Configured columns. */
	size_t nwant;
	struct grid_col cols[COL__COUNT]; /* Placed for the width. */
	size_t ncols;
	int width, height; /* Cells. */
	int too_small;

	enum ui_mode mode;
	struct selection sel;
	struct search search;
	struct filter_menu fmenu;
	struct pane pane; /* Help, details or a menu. */
	struct form form;
	struct sent sent; /* The status messages set from here. */
	char *detail_id;  /* Whose details are open. */

	struct theme theme;
	int colour;
	int ncolours;

	struct msglog log;           /* The status bar's messages. */
	unsigned long logview_added; /* log.added when the viewer was filled. */
	int logview_width;           /* The width it was filled for. Cells. */
	unsigned long quit_mark;     /* log.added when quitting began. */
	enum ui_mode quit_back;      /* The mode before; MODE_QUIT: never. */
	char error[256];             /* The source's last error, sanitised. */
	char error_raw[256];         /* ... as it came. */

	SCREEN *screen;
};

/* ui.c */
void ui_layout(struct ui *);

/* settings.c */
void settings_apply(struct ui *);
void settings_theme(struct ui *);

/* selection.c */
int selection_rows(const struct ui *);
void selection_clamp(struct ui *);
void selection_remember(struct ui *);
void selection_rebuild(struct ui *);
void selection_move(struct ui *, long delta);
void selection_set(struct ui *, size_t line);
void selection_reset(struct ui *);

/* search.c */
void search_init(struct ui *);
void search_done(struct ui *);
void search_start(struct ui *);
void search_key(struct ui *, int key);
/* Draw the search line, with the number of matches. */
void search_draw(struct ui *, int *cy, int *cx);
void search_count(const struct ui *, char *buf, size_t len);

/* menu.c */
void menu_open(struct ui *, enum ui_mode);
void menu_done(struct ui *);
void menu_key(struct ui *, int key);
void menu_sort(struct ui *, enum view_col, int reverse);
void menu_filter(struct ui *, unsigned avails, const char *department);
void menu_filter_next(struct ui *);

/* form.c */
void form_init(struct ui *);
void form_done(struct ui *);
void form_open(struct ui *, enum ui_mode);
void form_key(struct ui *, int key);
void form_clear_presence(struct ui *);
const char *form_name(const struct ui *);
int form_prompt(const struct ui *, int width, char *buf, size_t len);
void form_hint(const struct ui *, char *buf, size_t len);

/* logview.c */
void logview_open(struct ui *);
void logview_update(struct ui *);
void logview_key(struct ui *, int key);

/* quit.c */
int quit_ask(struct ui *);
int quit_key(struct ui *, int key);
int quit_ready(struct ui *);
void quit_draw(struct ui *);
void quit_report(struct ui *);

/* mouse.c */
void mouse_event(struct ui *);

/* events.c */
void events_take(struct ui *);

/* field.c */
int field_draw(struct ui *, const char *label, enum theme_role, struct editor *,
    int *cy, int *cx);

/* dispatch.c */
int dispatch_input(struct ui *);

#endif
