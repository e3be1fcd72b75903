/*
 * Themes: what each role (busy, status bar, selection...) looks like, read
 * from *.theme files in libconfig syntax. Views ask for roles, never for
 * colours. UI thread only.
 */
#ifndef THEME_H
#define THEME_H

#include <stddef.h>

/* What is being drawn, never which colour. */
enum theme_role {
	ROLE_DEFAULT,
	ROLE_TITLE,  /* The counts line at the top. */
	ROLE_HEADER, /* Column headings. */
	ROLE_STATUS_BAR,
	ROLE_SELECTION,
	ROLE_AVAILABLE,
	ROLE_BUSY,
	ROLE_DND,
	ROLE_BRB,
	ROLE_AWAY,
	ROLE_OFFLINE,
	ROLE_UNKNOWN,
	ROLE_ERROR,
	ROLE_WARNING, /* Stale, throttled. */
	ROLE_MARK,    /* Out of office, status expiry. */
	ROLE_GROUP,   /* Group headings. */
	ROLE_SEARCH,  /* The search line and the text fields of forms. */
	ROLE_TAGGED,  /* Tagged rows; its glyph marks them. */
	ROLE__COUNT   /* Must be last. */
};

#define THEME_NO_COLOUR (-2) /* Not set in the file. */

/* One role's look. Colours: -1 the terminal's default, 0-255, or unset. */
struct theme_style {
	int fg;
	int bg;
	int fg8; /* For terminals with 8 or 16 colours; unset = derive. */
	int bg8;
	unsigned int attrs; /* THEME_ATTR_* */
	char glyph[16];     /* UTF-8, one or two cells. */
	char ascii[8];      /* For --plain and non-UTF-8 terminals. */
};

#define THEME_ATTR_BOLD 0x1
#define THEME_ATTR_REVERSE 0x2
#define THEME_ATTR_UNDERLINE 0x4
#define THEME_ATTR_DIM 0x8
#define THEME_ATTR_ITALIC 0x10
#define THEME_ATTR_STANDOUT 0x20

struct theme {
	char *name;
	char *path; /* The file it came from; NULL for the built-in look. */
	struct theme_style roles[ROLE__COUNT];
};

/* The built-in theme used when no file is found (like "default"). */
void theme_builtin(struct theme *, int mono);
/* Parse a theme file over the built-in defaults. */
int theme_load(struct theme *, const char *path, char **cause);
void theme_done(struct theme *);
/* The role's name in theme files, and its number (-1 unknown). */
const char *theme_role_name(enum theme_role);
int theme_role_find(const char *);

/* The directories searched, first wins, NULL-terminated; free each. */
char **theme_dirs(void);
/* The names of all themes found, sorted, without duplicates. */
char **theme_list(size_t *n);
void theme_list_free(char **, size_t);
/* Load a theme by name (or a path containing '/'). */
int theme_load_name(struct theme *, const char *name, char **cause);

/* Curses: make the theme current for a terminal with ncolours colours. */
void theme_apply(const struct theme *, int ncolours, int colour);
/*
 * Curses: load the theme called name into cur and make it current, or the
 * built-in look (monochrome for "mono") when it cannot; -1 with *cause then.
 */
int theme_use(struct theme *cur, const char *name, int ncolours, int colour,
    char **cause);
/* The curses attributes of a role in the current theme. */
unsigned long theme_attr(enum theme_role);
/* The glyph of a role: UTF-8, or ASCII when ascii is set. */
const char *theme_glyph(enum theme_role, int ascii);

/* The nearest of the 8 basic colours to an xterm-256 colour (pure). */
int theme_colour8(int colour, int *bright);
/* Parse a colour name or number; -1 default; -2 when bad (pure). */
int theme_colour_parse(const char *);

#endif
