/*
 * The key map: what each key does, the defaults, rebinding from the
 * configuration's keys group, and the text of the help screen. UI thread
 * only.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stddef.h>

enum keys_action {
	KA_NONE,
	KA_UP,
	KA_DOWN,
	KA_PAGE_UP,
	KA_PAGE_DOWN,
	KA_HOME,
	KA_END,
	KA_SEARCH,
	KA_FILTER,
	KA_FILTER_MENU,
	KA_SORT,
	KA_SORT_REVERSE,
	KA_GROUP,
	KA_COLUMNS,
	KA_DETAILS,
	KA_DAYS,
	KA_REFRESH,
	KA_THEME,
	KA_SET_PRESENCE,
	KA_SET_PREFERRED,
	KA_STATUS_MESSAGE,
	KA_CLEAR_PRESENCE,
	KA_OWN_PRESENCE,
	KA_TAG,
	KA_TAG_ALL,
	KA_UNTAG_ALL,
	KA_UNDO,
	KA_HOLDS,
	KA_WATCH,
	KA_WATCHES,
	KA_MESSAGES,
	KA_COPY,
	KA_HELP,
	KA_REDRAW,
	KA_QUIT,
	KA__COUNT /* Must be last. */
};

/* Keys: a character (a Unicode code point) or KEYS_FN | a curses key. */
#define KEYS_FN 0x40000000
/* The Escape key, as typed. */
#define KEYS_ESCAPE 27

#define KEYS_MAX 64

struct keys {
	struct {
		int key;
		enum keys_action action;
	} map[KEYS_MAX];
	size_t n;
};

/* The default bindings. */
void keys_init(struct keys *);
/* Once curses is up: the Home and End sequences the terminfo entry lacks. */
void keys_terminal(void);
/* Bind a key (by name: "q", "C-l", "Up", "PageDown", "F5"...). */
int keys_bind(struct keys *, const char *action, const char *key, char **cause);
enum keys_action keys_lookup(const struct keys *, int key);

/* Parse a key name, -1 when bad; and name a key (pure). */
int keys_parse(const char *);
void keys_name(int key, char *buf, size_t len);
const char *keys_action_name(enum keys_action);
const char *keys_action_help(enum keys_action);
/* The keys bound to an action, "k, Up", for the help screen. */
void keys_describe(const struct keys *, enum keys_action, char *buf,
    size_t len);
/*
 * The one key to show for an action, for the hint bar: one the user bound,
 * else the first default; "" when none is bound.
 */
void keys_first(const struct keys *, enum keys_action, char *buf, size_t len);

#endif
