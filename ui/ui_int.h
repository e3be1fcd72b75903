/*
 * The dashboard's shared state, struct ui, and the calls its modules make
 * on one another. Private to ui/; UI thread only.
 */
#ifndef UI_INT_H
#define UI_INT_H

#include <curses.h>
#include <stddef.h>
#include <sys/types.h>

#include "actlog.h"
#include "editor.h"
#include "grid.h"
#include "hold.h"
#include "keys.h"
#include "msglog.h"
#include "pane.h"
#include "presence.h"
#include "sent.h"
#include "store.h"
#include "tags.h"
#include "theme.h"
#include "view.h"
#include "watch.h"
#include "widget.h"

struct cfg;
struct daybands;
struct history;
struct source;

/* What the keys go to. */
enum ui_mode {
	MODE_GRID,
	MODE_SEARCH,
	MODE_HELP,
	MODE_DETAILS,
	MODE_DAYS, /* The team view of today's hours: timeline.c. */
	MODE_MENU_SORT,
	MODE_MENU_FILTER,
	MODE_COLUMNS,    /* The column chooser: columns.c. */
	MODE_FORM,       /* A form of a write: form.c. */
	MODE_CONFIRM,    /* A write waits for its confirmation: confirm.c. */
	MODE_LOG,        /* The message log viewer. */
	MODE_HOLDS,      /* The held sessions: holds.c. */
	MODE_QUIT_HOLDS, /* Quitting: release the held sessions or keep them? */
	MODE_WATCH_FORM, /* The form of a watch: watches.c. */
	MODE_WATCHES,    /* The watches, to drop: watches.c. */
	MODE_QUIT,       /* Quitting once the writes pending are done. */
	MODE_OWN,        /* The form of one's own presence: own.c. */
	MODE_NOTE        /* Why a write cannot be sent: own.c. */
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

/* The column chooser's state; columns.c. */
struct column_menu {
	enum view_col order[COL__COUNT]; /* Every column, as listed. */
	int shown[COL__COUNT];           /* By column: ticked. */
	enum view_col saved[COL__COUNT]; /* The columns before, for Escape. */
	size_t nsaved;
};

/* The forms of the writes. */
enum form_kind {
	FORM_SET,    /* setPresence: this app's session. */
	FORM_PREFER, /* setUserPreferredPresence, or clear it. */
	FORM_STATUS  /* setStatusMessage. */
};

/* Whom a write goes to: the people tagged, or the one selected. */
struct targets {
	char **ids;
	size_t n;
};

/* The open form; form.c. */
struct form {
	enum form_kind kind;
	struct widget_form w;
	struct targets to;
	const struct presence_pair *pairs; /* The choice's, from the model. */
	size_t npairs;
};

/* The form of one's own presence (signed in as oneself); own.c. */
struct own_form {
	struct widget_form w;
	char *id;      /* The signed-in user's id. */
	char *message; /* Their status message when it opened, raw. */
	const struct presence_pair *set, *prefer; /* From the model. */
	size_t nset, nprefer;
};

/* A write waiting for its confirmation; confirm.c. */
struct confirm {
	struct action *action; /* To send to each of to; NULL for undo. */
	struct targets to;
	int hold;           /* Hold the sessions once sent. */
	unsigned long undo; /* The batch to undo, when action is NULL. */
	enum ui_mode back;  /* Where n and Escape go. */
};

/* This session's writes and the batch the status bar follows; writes.c. */
struct writes {
	struct actlog log;
	unsigned long batch;   /* The newest batch of many writes; 0 none. */
	unsigned long changes; /* Counts every change to the log. */
};

/* The lines of a view the command line can set for one run; views.c. */
enum views_argv {
	VIEWS_ARGV_SORT,
	VIEWS_ARGV_GROUP,
	VIEWS_ARGV_THEME,
	VIEWS_ARGV_COLUMNS,
	VIEWS_ARGV__COUNT /* Must be last. */
};

/* What the command line's one-run settings hide; views.c. */
struct views_kept {
	char *saved[VIEWS_ARGV__COUNT]; /* The saved view's; NULL none. */
	char *start[VIEWS_ARGV__COUNT]; /* The dashboard's at start. */
};

/* The watches and what their alerts are doing; watches.c, alerts.c. */
struct watches {
	struct watch_list list;
	int loaded; /* The file was read (at the first snapshot). */
	struct widget_form form; /* w's form. */
	struct targets to;       /* Whom the form watches. */
	int notify;  /* enum notify_kind, chosen for the terminal. */
	int wrap;    /* enum notify_wrap. */
	pid_t *pids; /* notify_command children not reaped. */
	size_t npids;
	char *flash_id;    /* The row flashing, or NULL. */
	time_t flash_till; /* Until when. Wall clock. */
};

/* The history views' state; timeline.c. */
struct days {
	struct history *reader; /* Read only; NULL until first needed. */
	struct daybands **rows; /* The team view's by view line; NULL unread. */
	size_t n;
	unsigned long generation; /* Of the snapshot they were read for. */
	time_t read;              /* When; 0 to read again. */
	char error[160];          /* Why a day could not be read, sanitised. */
};

/* What the last frame showed, to tell when to draw again; redraw.c. */
struct drawn {
	int valid;
	time_t at;
	unsigned long generation;
	struct store_status st;
	unsigned long added;   /* log.added. */
	unsigned long changes; /* writes.changes. */
	enum ui_mode mode;
};

struct rows_drawn;

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
	struct column_menu cmenu;
	struct pane pane; /* Help, details or a menu. */
	struct form form;
	struct own_form own;
	struct confirm confirm;
	struct writes writes;
	struct tags tags; /* The people tagged. */
	struct hold hold; /* The sessions held. */
	struct sent sent; /* What was set from here. */
	struct watches watches;
	char *detail_id;  /* Whose details are open. */
	struct days days; /* The history views. */

	struct theme theme;
	char *theme_want; /* The saved view's theme, over the configured. */
	struct views_kept kept;
	int colour;
	int ncolours;

	struct msglog log;           /* The status bar's messages. */
	unsigned long logview_added; /* log.added when the viewer was filled. */
	unsigned long logview_writes; /* writes.changes then. */
	int logview_width;            /* The width it was filled for. Cells. */
	unsigned long quit_mark;      /* log.added when quitting began. */
	enum ui_mode quit_back;       /* The mode before; MODE_QUIT: never. */
	enum ui_mode holds_back;      /* The mode before asking about holds. */
	int holds_decided;            /* Released or kept, for quitting. */
	char error[256];              /* The source's last error, sanitised. */
	char error_raw[256];          /* ... as it came. */

	SCREEN *screen;
	struct drawn drawn;            /* The last frame. */
	struct rows_drawn *rows_drawn; /* What the grid's lines showed. */
};

/* ui.c */
void ui_layout(struct ui *);

/* redraw.c */
void redraw_done(struct ui *, time_t now);
int redraw_due(const struct ui *, time_t now);

/* settings.c */
void settings_apply(struct ui *);
void settings_theme(struct ui *);

/* views.c */
int views_check_name(const char *);
void views_load(struct ui *);
void views_started(struct ui *);
int views_save(const struct ui *, char **cause);
void views_done(struct ui *);

/* columns.c */
void columns_open(struct ui *);
void columns_key(struct ui *, int key);

/* rows.c: the rows drawn; returns the selected row's line. */
int rows_draw(struct ui *, time_t now);
/* Draw every line at the next rows_draw: something else drew on them. */
void rows_forget(struct ui *);

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

/* targets.c */
void targets_pick(struct ui *, struct targets *);
void targets_copy(struct targets *, const struct targets *);
void targets_done(struct targets *);
void targets_names(struct ui *, const struct targets *, char *buf, size_t len);
void targets_tag(struct ui *);
void targets_tag_all(struct ui *);
void targets_untag_all(struct ui *);

/* form.c */
void form_open(struct ui *, enum form_kind);
void form_key(struct ui *, int key);
void form_draw(struct ui *, int *cy, int *cx);
void form_done(struct ui *);
void form_clear_presence(struct ui *);
void form_presets(struct widget *, enum form_kind);
void form_pair_label(const struct presence_pair *, char *buf, size_t len);
int form_parse_span(const char *text, long *out, char **cause, void *arg);
int form_parse_when(const char *text, long *out, char **cause, void *arg);

/* own.c */
void own_draw_header(struct ui *);
void own_open(struct ui *);
void own_key(struct ui *, int key);
void own_draw(struct ui *, int *cy, int *cx);
void own_done(struct ui *);
void own_note_key(struct ui *, int key);
int own_may_write(struct ui *, const struct targets *);

/* confirm.c */
void confirm_write(struct ui *, const struct action *, const struct targets *,
    int hold, enum ui_mode back);
void confirm_undo(struct ui *);
void confirm_key(struct ui *, int key);
void confirm_done(struct ui *);

/* writes.c */
void writes_init(struct ui *);
void writes_done(struct ui *);
void writes_send(struct ui *, const struct action *, const struct targets *,
    int hold);
void writes_send_each(struct ui *, struct action **, size_t n);
void writes_event(struct ui *, const struct store_event *);
int writes_progress(struct ui *, char *buf, size_t len);
void writes_describe(const struct action *, time_t now, char *buf, size_t len);
void writes_what(const struct action *, char *buf, size_t len);
const char *writes_who(const struct ui *, const char *id);

/* holds.c */
void holds_open(struct ui *);
void holds_key(struct ui *, int key);
void holds_tick(struct ui *, time_t now);
void holds_release_all(struct ui *);

/* watches.c */
void watches_update(struct ui *, const struct snapshot *next);
void watches_mark(struct ui *, const char *id, time_t now, struct grid_marks *);
void watches_form_open(struct ui *);
void watches_form_key(struct ui *, int key);
void watches_form_draw(struct ui *, int *cy, int *cx);
void watches_open(struct ui *);
void watches_key(struct ui *, int key);
void watches_done(struct ui *);

/* alerts.c */
void alerts_init(struct ui *);
void alerts_fire(struct ui *, const struct watch *, const struct store_row *,
    const char *was_availability, const char *was_activity);
void alerts_reap(struct ui *);
void alerts_done(struct ui *);

/* logview.c */
void logview_open(struct ui *);
void logview_update(struct ui *);
void logview_key(struct ui *, int key);

/* quit.c */
int quit_ask(struct ui *);
int quit_key(struct ui *, int key);
int quit_holds_key(struct ui *, int key);
int quit_ready(struct ui *);
void quit_draw(struct ui *);
void quit_report(struct ui *);

/* mouse.c */
void mouse_event(struct ui *);

/* events.c */
void events_take(struct ui *);

/* message.c */
void message_draw(struct ui *, time_t now);

/* field.c */
int field_draw(struct ui *, const char *label, enum theme_role, struct editor *,
    int *cy, int *cx);

/* hints.c: the hint bar, shown from this many lines. */
#define HINTS_MIN_LINES 10
int hints_shown(const struct ui *);
void hints_draw(struct ui *);
int hints_click(struct ui *, int x);

/* help.c */
void help_open(struct ui *);
void help_key(struct ui *, int key);

/* dispatch.c */
int dispatch_input(struct ui *);

#endif
