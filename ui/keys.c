/*
 * The key map. Keys are named as in the configuration ("q", "C-l", "Up",
 * "PageDown", "Enter", "F5"); the help screen is built from the same table,
 * so it always shows the bindings in force. UI thread only.
 */
#include "config.h"

#include "keys.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "xmalloc.h"

/* Actions: configuration name and help text. */
static const struct {
	const char *name;
	const char *help;
} keys_actions[KA__COUNT] = {
	{ "none", "" },
	{ "up", "Move up" },
	{ "down", "Move down" },
	{ "page_up", "Page up" },
	{ "page_down", "Page down" },
	{ "home", "First person" },
	{ "end", "Last person" },
	{ "search", "Search names, addresses, status, department, title" },
	{ "filter", "Filter by availability (next)" },
	{ "filter_menu", "Filter by availabilities, department (menu)" },
	{ "sort", "Choose the sort column" },
	{ "sort_reverse", "Reverse the sort" },
	{ "group", "Group by availability, department, none" },
	{ "columns", "Choose the columns: show, hide, reorder" },
	{ "details", "Details of the person (read fresh)" },
	{ "days", "Team view: everyone shown as bands of today's hours" },
	{ "refresh", "Refresh now" },
	{ "theme", "Next theme" },
	{ "set_presence",
	    "Set the presence (this app's session): pair, duration, hold" },
	{ "set_preferred", "Set or clear the preferred presence, with expiry" },
	{ "status_message", "Set or clear the status message, with expiry" },
	{ "clear_presence", "Clear this app's presence session" },
	{ "own_presence", "Your own presence, message, work location" },
	{ "tag", "Tag or untag the person and move down" },
	{ "tag_all", "Tag everyone shown (after search and filter)" },
	{ "untag_all", "Untag everyone" },
	{ "undo", "Undo the last write, or bulk write, as far as Graph can" },
	{ "holds", "The sessions held, to release or keep" },
	{ "watch",
	    "Watch the person or the tagged: alert when Available, ..." },
	{ "watches", "The watches, to drop" },
	{ "messages", "Messages and this session's writes (newest last)" },
	{ "copy", "Copy the person's UPN (or mail) to the clipboard (OSC 52)" },
	{ "help", "This help" },
	{ "redraw", "Redraw the screen" },
	{ "quit", "Quit, once the writes pending are done (again: at once)" },
};

/* The default bindings. */
static const struct {
	int key;
	enum keys_action action;
} keys_defaults[] = {
	{ KEYS_FN | KEY_UP, KA_UP },
	{ 'k', KA_UP },
	{ KEYS_FN | KEY_DOWN, KA_DOWN },
	{ 'j', KA_DOWN },
	{ KEYS_FN | KEY_PPAGE, KA_PAGE_UP },
	{ KEYS_FN | KEY_NPAGE, KA_PAGE_DOWN },
	{ KEYS_FN | KEY_HOME, KA_HOME },
	{ KEYS_FN | KEY_END, KA_END },
	{ '/', KA_SEARCH },
	{ 'f', KA_FILTER },
	{ 'F', KA_FILTER_MENU },
	{ 's', KA_SORT },
	{ 'S', KA_SORT_REVERSE },
	{ 'g', KA_GROUP },
	{ 'C', KA_COLUMNS },
	{ '\n', KA_DETAILS },
	{ '\r', KA_DETAILS },
	{ KEYS_FN | KEY_ENTER, KA_DETAILS },
	{ 'v', KA_DAYS },
	{ 'r', KA_REFRESH },
	{ 'T', KA_THEME },
	{ 'p', KA_SET_PRESENCE },
	{ 'P', KA_SET_PREFERRED },
	{ 'm', KA_STATUS_MESSAGE },
	{ 'c', KA_CLEAR_PRESENCE },
	{ 'M', KA_OWN_PRESENCE },
	{ ' ', KA_TAG },
	{ 't', KA_TAG },
	{ 'a', KA_TAG_ALL },
	{ 'U', KA_UNTAG_ALL },
	{ 'u', KA_UNDO },
	{ 'H', KA_HOLDS },
	{ 'w', KA_WATCH },
	{ 'W', KA_WATCHES },
	{ 'L', KA_MESSAGES },
	{ 'y', KA_COPY },
	{ '?', KA_HELP },
	{ KEYS_FN | KEY_F(1), KA_HELP },
	{ 12, KA_REDRAW }, /* C-l */
	{ 'q', KA_QUIT },
};

/* Named keys. */
static const struct {
	const char *name;
	int key;
} keys_names[] = {
	{ "Up", KEYS_FN | KEY_UP },
	{ "Down", KEYS_FN | KEY_DOWN },
	{ "Left", KEYS_FN | KEY_LEFT },
	{ "Right", KEYS_FN | KEY_RIGHT },
	{ "PageUp", KEYS_FN | KEY_PPAGE },
	{ "PgUp", KEYS_FN | KEY_PPAGE },
	{ "PageDown", KEYS_FN | KEY_NPAGE },
	{ "PgDn", KEYS_FN | KEY_NPAGE },
	{ "Home", KEYS_FN | KEY_HOME },
	{ "End", KEYS_FN | KEY_END },
	{ "Enter", '\n' },
	{ "Return", '\r' },
	{ "Tab", '\t' },
	{ "Space", ' ' },
	{ "Escape", 27 },
	{ "Esc", 27 },
	{ "Backspace", KEYS_FN | KEY_BACKSPACE },
	{ "Delete", KEYS_FN | KEY_DC },
};

/*
 * Sequences of Home and End that terminals send whatever TERM says: VT220
 * style (tmux, screen, the Linux console) and xterm's outside keypad mode.
 */
static const struct {
	const char *seq;
	int key;
} keys_sequences[] = {
	{ "\033[1~", KEY_HOME },
	{ "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME },
	{ "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME },
	{ "\033[F", KEY_END },
	{ "\033OH", KEY_HOME },
	{ "\033OF", KEY_END },
};

/* Teach curses the Home and End sequences its terminal entry lacks. */
void
keys_terminal(void)
{
	size_t i;

	for (i = 0; i < sizeof keys_sequences / sizeof keys_sequences[0]; i++) {
		if (key_defined(keys_sequences[i].seq) == 0)
			define_key(keys_sequences[i].seq,
			    keys_sequences[i].key);
	}
}

/* Install the default bindings. */
void
keys_init(struct keys *k)
{
	size_t i;

	memset(k, 0, sizeof *k);
	for (i = 0; i < sizeof keys_defaults / sizeof keys_defaults[0]; i++) {
		k->map[i].key = keys_defaults[i].key;
		k->map[i].action = keys_defaults[i].action;
	}
	k->n = i;
}

/* Parse a key name. */
int
keys_parse(const char *s)
{
	wchar_t wc;
	size_t i, len;
	char *end;
	long n;

	for (i = 0; i < sizeof keys_names / sizeof keys_names[0]; i++) {
		if (strcasecmp(s, keys_names[i].name) == 0)
			return keys_names[i].key;
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9') {
		n = strtol(s + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 24)
			return KEYS_FN | KEY_F((int)n);
	}
	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] != '\0' &&
	    s[3] == '\0') {
		if (s[2] >= 'a' && s[2] <= 'z')
			return s[2] - 'a' + 1;
		if (s[2] >= 'A' && s[2] <= 'Z')
			return s[2] - 'A' + 1;
		return -1;
	}
	len = strlen(s);
	if (len == 0)
		return -1;
	if (len == 1)
		return (unsigned char)s[0] < 0x20 ? -1 : (unsigned char)s[0];
	if (mbtowc(&wc, s, len) == (int)len && wc >= 0x20)
		return (int)wc;
	return -1;
}

/* The name of a key. */
void
keys_name(int key, char *buf, size_t len)
{
	char mb[MB_LEN_MAX + 1];
	size_t i;
	int n;

	for (i = 0; i < sizeof keys_names / sizeof keys_names[0]; i++) {
		if (keys_names[i].key == key) {
			snprintf(buf, len, "%s", keys_names[i].name);
			return;
		}
	}
	if (key & KEYS_FN) {
		key &= ~KEYS_FN;
		if (key >= KEY_F(1) && key <= KEY_F(24))
			snprintf(buf, len, "F%d", key - KEY_F0);
		else
			snprintf(buf, len, "key%d", key);
		return;
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, len, "C-%c", key - 1 + 'a');
		return;
	}
	if (key < 0x80) {
		snprintf(buf, len, "%c", key);
		return;
	}
	n = wctomb(mb, (wchar_t)key);
	if (n <= 0)
		snprintf(buf, len, "U+%04X", key);
	else {
		mb[n] = '\0';
		snprintf(buf, len, "%s", mb);
	}
}

/* The configuration name of an action. */
const char *
keys_action_name(enum keys_action a)
{
	return a < KA__COUNT ? keys_actions[a].name : "?";
}

/* The help text of an action. */
const char *
keys_action_help(enum keys_action a)
{
	return a < KA__COUNT ? keys_actions[a].help : "";
}

/* Bind a key to an action by names; the key loses its old binding. */
int
keys_bind(struct keys *k, const char *action, const char *key, char **cause)
{
	int a, code;
	size_t i;

	for (a = 0; a < KA__COUNT; a++) {
		if (strcmp(action, keys_actions[a].name) == 0)
			break;
	}
	if (a == KA__COUNT) {
		xasprintf(cause, "unknown key action \"%s\"", action);
		return -1;
	}
	if ((code = keys_parse(key)) == -1) {
		xasprintf(cause, "bad key \"%s\" for %s", key, action);
		return -1;
	}
	for (i = 0; i < k->n; i++) {
		if (k->map[i].key == code) {
			k->map[i].action = (enum keys_action)a;
			return 0;
		}
	}
	if (k->n == KEYS_MAX) {
		xasprintf(cause, "too many key bindings");
		return -1;
	}
	k->map[k->n].key = code;
	k->map[k->n].action = (enum keys_action)a;
	k->n++;
	return 0;
}

/* What a key does. */
enum keys_action
keys_lookup(const struct keys *k, int key)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (k->map[i].key == key)
			return k->map[i].action;
	}
	return KA_NONE;
}

/* The keys bound to an action, for the help screen. */
void
keys_describe(const struct keys *k, enum keys_action a, char *buf, size_t len)
{
	char name[32];
	size_t i, used = 0;

	*buf = '\0';
	for (i = 0; i < k->n; i++) {
		if (k->map[i].action != a || k->map[i].key == '\r' ||
		    k->map[i].key == (KEYS_FN | KEY_ENTER))
			continue;
		keys_name(k->map[i].key, name, sizeof name);
		snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
		    name);
		used = strlen(buf);
	}
}

/* Is binding i the user's own (not a default binding, or not as default)? */
static int
keys_own(const struct keys *k, size_t i)
{
	size_t ndefaults = sizeof keys_defaults / sizeof keys_defaults[0];

	return i >= ndefaults || k->map[i].key != keys_defaults[i].key ||
	    k->map[i].action != keys_defaults[i].action;
}

/* The one key to show for an action: the user's own first. */
void
keys_first(const struct keys *k, enum keys_action a, char *buf, size_t len)
{
	size_t i, found = k->n;

	*buf = '\0';
	for (i = 0; i < k->n; i++) {
		if (k->map[i].action != a || k->map[i].key == '\r' ||
		    k->map[i].key == (KEYS_FN | KEY_ENTER))
			continue;
		if (found == k->n || (keys_own(k, i) && !keys_own(k, found)))
			found = i;
	}
	if (found != k->n)
		keys_name(k->map[found].key, buf, len);
}
