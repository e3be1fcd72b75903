/*
 * Themes: parsing *.theme files (libconfig) into role styles, finding them
 * ($TEAMTOP_THEMES, $XDG_CONFIG_HOME/teamtop/themes, themes/ next to the
 * program, PKGDATADIR/themes), and making one current in curses. UI thread
 * only.
 */
#include "config.h"

#include "theme.h"

#include <curses.h>
#include <dirent.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "exedir.h"
#include "xmalloc.h"

/* The role names used in theme files. */
static const char *theme_role_names[ROLE__COUNT] = {
	"default",
	"title",
	"header",
	"status_bar",
	"selection",
	"available",
	"busy",
	"dnd",
	"brb",
	"away",
	"offline",
	"unknown",
	"error",
	"warning",
	"mark",
	"group",
	"search",
	"tagged",
};

/* The current theme's curses attributes per role. */
static unsigned long theme_attrs[ROLE__COUNT];
/* The current theme's glyphs. */
static struct theme_style theme_current[ROLE__COUNT];

/* The basic colour names; "bright" prefixes add 8. */
static const char *theme_colour_names[8] = {
	"black",
	"red",
	"green",
	"yellow",
	"blue",
	"magenta",
	"cyan",
	"white",
};

/* The name of a role. */
const char *
theme_role_name(enum theme_role role)
{
	if (role < 0 || role >= ROLE__COUNT)
		return "?";
	return theme_role_names[role];
}

/* The role with this name, or -1. */
int
theme_role_find(const char *name)
{
	int i;

	for (i = 0; i < ROLE__COUNT; i++) {
		if (strcmp(name, theme_role_names[i]) == 0)
			return i;
	}
	return -1;
}

/* Parse a colour: "default", a name, "bright" + name, or 0-255. */
int
theme_colour_parse(const char *s)
{
	char *end;
	long n;
	int i, bright = 0;

	if (strcasecmp(s, "default") == 0 || *s == '\0')
		return -1;
	if (*s >= '0' && *s <= '9') {
		n = strtol(s, &end, 10);
		if (*end != '\0' || n < 0 || n > 255)
			return -2;
		return (int)n;
	}
	if (strncasecmp(s, "bright", 6) == 0) {
		bright = 8;
		s += 6;
		if (*s == '-' || *s == '_')
			s++;
	}
	if (strcasecmp(s, "grey") == 0 || strcasecmp(s, "gray") == 0)
		return bright ? 7 : 8;
	for (i = 0; i < 8; i++) {
		if (strcasecmp(s, theme_colour_names[i]) == 0)
			return i + bright;
	}
	return -2;
}

/* The RGB of an xterm-256 colour. */
static void
theme_rgb(int c, int *r, int *g, int *b)
{
	static const int base[16][3] = {
		{ 0, 0, 0 },
		{ 205, 0, 0 },
		{ 0, 205, 0 },
		{ 205, 205, 0 },
		{ 0, 0, 238 },
		{ 205, 0, 205 },
		{ 0, 205, 205 },
		{ 229, 229, 229 },
		{ 127, 127, 127 },
		{ 255, 0, 0 },
		{ 0, 255, 0 },
		{ 255, 255, 0 },
		{ 92, 92, 255 },
		{ 255, 0, 255 },
		{ 0, 255, 255 },
		{ 255, 255, 255 },
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		*r = base[c][0];
		*g = base[c][1];
		*b = base[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36];
		*g = level[(c / 6) % 6];
		*b = level[c % 6];
	} else {
		*r = *g = *b = 8 + (c - 232) * 10;
	}
}

/* The nearest basic colour to an xterm-256 colour; bright when light. */
int
theme_colour8(int colour, int *bright)
{
	int r, g, b, i, best = 0, max;
	long d, bestd = -1, dr, dg, db;
	int tr, tg, tb;

	*bright = 0;
	if (colour < 0)
		return colour;
	if (colour < 8)
		return colour;
	if (colour < 16) {
		*bright = 1;
		return colour - 8;
	}
	theme_rgb(colour, &r, &g, &b);
	max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	/* Compare hues: scale the colour up to full brightness first. */
	if (max > 0) {
		tr = r * 255 / max;
		tg = g * 255 / max;
		tb = b * 255 / max;
	} else
		tr = tg = tb = 0;
	for (i = 0; i < 8; i++) {
		dr = tr - (i & 1 ? 255 : 0);
		dg = tg - (i & 2 ? 255 : 0);
		db = tb - (i & 4 ? 255 : 0);
		d = dr * dr + dg * dg + db * db;
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	if (max < 60)
		best = 0;
	if (best == 7 && max < 200) {
		/* A grey: dark ones are bright black. */
		if (max < 150) {
			best = 0;
			*bright = 1;
		}
	} else if (max > 200 && best != 0 && (r + g + b) / 3 > 150)
		*bright = 1;
	return best;
}

/* The built-in look of each role. */
void
theme_builtin(struct theme *t, int mono)
{
	static const struct {
		int fg, bg;
		unsigned int attrs, mono_attrs;
		const char *glyph, *ascii;
	} d[ROLE__COUNT] = {
		{ -1, -1, 0, 0, "", "" }, /* default */
		{ 255, 24, THEME_ATTR_BOLD, THEME_ATTR_BOLD, "",
		    "" }, /* title */
		{ 250, 236, THEME_ATTR_BOLD, THEME_ATTR_UNDERLINE, "", "" },
		{ 252, 238, 0, THEME_ATTR_REVERSE, "", "" }, /* status_bar */
		{ -1, 24, THEME_ATTR_BOLD, THEME_ATTR_REVERSE, "", "" },
		{ 114, -1, THEME_ATTR_BOLD, THEME_ATTR_BOLD, "\xe2\x9c\x93",
		    "+" },                              /* available */
		{ 203, -1, 0, 0, "\xe2\x97\x8f", "*" }, /* busy */
		{ 196, -1, THEME_ATTR_BOLD, THEME_ATTR_UNDERLINE,
		    "\xe2\x8a\x98", "!" },                           /* dnd */
		{ 221, -1, 0, THEME_ATTR_DIM, "\xe2\x86\xba", "~" }, /* brb */
		{ 221, -1, 0, THEME_ATTR_DIM, "\xe2\x97\x90", "-" }, /* away */
		{ 244, -1, 0, THEME_ATTR_DIM, "\xe2\x97\x8b",
		    "o" },                                /* offline */
		{ 139, -1, 0, THEME_ATTR_DIM, "?", "?" }, /* unknown */
		{ 231, 160, THEME_ATTR_BOLD, THEME_ATTR_REVERSE, "", "" },
		{ 16, 214, THEME_ATTR_BOLD, THEME_ATTR_REVERSE, "", "" },
		{ 209, -1, 0, THEME_ATTR_BOLD, "", "" }, /* mark */
		{ 75, -1, THEME_ATTR_BOLD, THEME_ATTR_BOLD, "",
		    "" },                                    /* group */
		{ 231, 237, 0, THEME_ATTR_REVERSE, "", "" }, /* search */
		{ 229, -1, THEME_ATTR_BOLD, THEME_ATTR_BOLD, "\xe2\x97\x86",
		    "#" }, /* tagged */
	};
	struct theme_style *s;
	int i;

	memset(t, 0, sizeof *t);
	t->name = xstrdup(mono ? "mono" : "default");
	for (i = 0; i < ROLE__COUNT; i++) {
		s = &t->roles[i];
		s->fg = mono ? -1 : d[i].fg;
		s->bg = mono ? -1 : d[i].bg;
		s->fg8 = s->bg8 = THEME_NO_COLOUR;
		s->attrs = mono ? d[i].mono_attrs : d[i].attrs;
		snprintf(s->glyph, sizeof s->glyph, "%s", d[i].glyph);
		snprintf(s->ascii, sizeof s->ascii, "%s", d[i].ascii);
	}
}

/* Free a theme. */
void
theme_done(struct theme *t)
{
	free(t->name);
	t->name = NULL;
	free(t->path);
	t->path = NULL;
}

/* Read one colour setting of a role; 0 if absent or good, -1 if bad. */
static int
theme_read_colour(config_setting_t *role, const char *key, int *out,
    const char *path, char **cause)
{
	config_setting_t *s;
	const char *str;
	int v;

	if ((s = config_setting_get_member(role, key)) == NULL)
		return 0;
	if (config_setting_type(s) == CONFIG_TYPE_INT) {
		v = config_setting_get_int(s);
		if (v < -1 || v > 255)
			v = -2;
	} else if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		str = config_setting_get_string(s);
		v = theme_colour_parse(str);
	} else
		v = -2;
	if (v == -2) {
		xasprintf(cause,
		    "%s:%d: %s.%s: expected a colour name or 0-255", path,
		    config_setting_source_line(s), config_setting_name(role),
		    key);
		return -1;
	}
	*out = v;
	return 0;
}

/* Parse an attribute list: a string "bold,reverse" or a list of strings. */
static int
theme_read_attrs(config_setting_t *role, unsigned int *out, const char *path,
    char **cause)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} names[] = {
		{ "bold", THEME_ATTR_BOLD },
		{ "reverse", THEME_ATTR_REVERSE },
		{ "underline", THEME_ATTR_UNDERLINE },
		{ "dim", THEME_ATTR_DIM },
		{ "italic", THEME_ATTR_ITALIC },
		{ "standout", THEME_ATTR_STANDOUT },
		{ "none", 0 },
	};
	config_setting_t *s, *e;
	char *copy, *word, *last;
	const char *str;
	int i, n, k, found;

	if ((s = config_setting_get_member(role, "attributes")) == NULL)
		return 0;
	*out = 0;
	n = config_setting_is_aggregate(s) ? config_setting_length(s) : 1;
	for (i = 0; i < n; i++) {
		e = config_setting_is_aggregate(s)
		    ? config_setting_get_elem(s, (unsigned int)i)
		    : s;
		if (e == NULL || (str = config_setting_get_string(e)) == NULL)
			goto bad;
		copy = xstrdup(str);
		for (word = strtok_r(copy, ", ", &last); word != NULL;
		     word = strtok_r(NULL, ", ", &last)) {
			found = 0;
			for (k = 0; k < (int)(sizeof names / sizeof names[0]);
			     k++) {
				if (strcasecmp(word, names[k].name) == 0) {
					*out |= names[k].bit;
					found = 1;
				}
			}
			if (!found) {
				free(copy);
				goto bad;
			}
		}
		free(copy);
	}
	return 0;
bad:
	xasprintf(cause,
	    "%s:%d: %s.attributes: expected bold, reverse, underline, dim, "
	    "italic, standout or none",
	    path, config_setting_source_line(s), config_setting_name(role));
	return -1;
}

/* Parse a theme file over the built-in defaults. */
int
theme_load(struct theme *t, const char *path, char **cause)
{
	config_t cf;
	config_setting_t *roles, *role;
	struct theme_style *st;
	const char *str, *base;
	int i, n, r, rc = -1;

	config_init(&cf);
	if (!config_read_file(&cf, path)) {
		if (config_error_type(&cf) == CONFIG_ERR_FILE_IO)
			xasprintf(cause, "%s: cannot read the theme", path);
		else
			xasprintf(cause, "%s:%d: %s", path,
			    config_error_line(&cf), config_error_text(&cf));
		goto out;
	}
	theme_builtin(t, 0);
	if (config_lookup_string(&cf, "name", &str)) {
		free(t->name);
		t->name = xstrdup(str);
	} else {
		free(t->name);
		base = strrchr(path, '/');
		t->name = xstrdup(base == NULL ? path : base + 1);
		if (strchr(t->name, '.') != NULL)
			*strchr(t->name, '.') = '\0';
	}
	if ((roles = config_lookup(&cf, "roles")) == NULL ||
	    !config_setting_is_group(roles)) {
		xasprintf(cause, "%s: expected a group \"roles\"", path);
		goto fail;
	}
	n = config_setting_length(roles);
	for (i = 0; i < n; i++) {
		role = config_setting_get_elem(roles, (unsigned int)i);
		if ((r = theme_role_find(config_setting_name(role))) == -1) {
			xasprintf(cause, "%s:%d: unknown role \"%s\"", path,
			    config_setting_source_line(role),
			    config_setting_name(role));
			goto fail;
		}
		if (!config_setting_is_group(role)) {
			xasprintf(cause, "%s:%d: role %s: expected a group",
			    path, config_setting_source_line(role),
			    config_setting_name(role));
			goto fail;
		}
		st = &t->roles[r];
		if (theme_read_colour(role, "fg", &st->fg, path, cause) != 0 ||
		    theme_read_colour(role, "bg", &st->bg, path, cause) != 0 ||
		    theme_read_colour(role, "fg8", &st->fg8, path, cause) !=
		        0 ||
		    theme_read_colour(role, "bg8", &st->bg8, path, cause) !=
		        0 ||
		    theme_read_attrs(role, &st->attrs, path, cause) != 0)
			goto fail;
		if (config_setting_lookup_string(role, "glyph", &str))
			snprintf(st->glyph, sizeof st->glyph, "%s", str);
		if (config_setting_lookup_string(role, "ascii", &str))
			snprintf(st->ascii, sizeof st->ascii, "%s", str);
	}
	if ((t->path = realpath(path, NULL)) == NULL)
		t->path = xstrdup(path);
	rc = 0;
	goto out;
fail:
	theme_done(t);
out:
	config_destroy(&cf);
	return rc;
}

/*
 * The theme directories, first wins: $TEAMTOP_THEMES, the user's, the
 * themes/ next to the program (the build tree's when run from there), and
 * the installed ones.
 */
char **
theme_dirs(void)
{
	char **dirs, *beside;
	const char *e, *home;
	int n = 0;

	dirs = xcalloc(5, sizeof *dirs);
	if ((e = getenv("TEAMTOP_THEMES")) != NULL && *e != '\0')
		dirs[n++] = xstrdup(e);
	if ((e = getenv("XDG_CONFIG_HOME")) != NULL && *e != '\0')
		xasprintf(&dirs[n++], "%s/teamtop/themes", e);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		xasprintf(&dirs[n++], "%s/.config/teamtop/themes", home);
	if ((beside = exedir_path("themes")) != NULL)
		dirs[n++] = beside;
	dirs[n++] = xstrdup(PKGDATADIR "/themes");
	return dirs;
}

/* Compare two strings for qsort. */
static int
theme_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the themes found, sorted and unique. */
char **
theme_list(size_t *np)
{
	char **dirs, **names = NULL, *name;
	struct dirent *de;
	DIR *d;
	size_t n = 0, len, i, k;

	dirs = theme_dirs();
	for (i = 0; dirs[i] != NULL; i++) {
		if ((d = opendir(dirs[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (len <= 6 || strcmp(de->d_name + len - 6, ".theme"))
				continue;
			name = xstrndup(de->d_name, len - 6);
			for (k = 0; k < n; k++) {
				if (strcmp(names[k], name) == 0)
					break;
			}
			if (k != n) {
				free(name);
				continue;
			}
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = name;
		}
		closedir(d);
	}
	for (i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
	free(dirs);
	if (n > 1)
		qsort(names, n, sizeof *names, theme_cmp);
	*np = n;
	return names;
}

/* Free a list from theme_list. */
void
theme_list_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Load a theme by name from the first directory that has it. */
int
theme_load_name(struct theme *t, const char *name, char **cause)
{
	char **dirs, *path;
	struct stat sb;
	size_t i;
	int rc = -1, found = 0;

	if (strchr(name, '/') != NULL)
		return theme_load(t, name, cause);
	if (*name == '\0' || strchr(name, '.') == name) {
		xasprintf(cause, "bad theme name \"%s\"", name);
		return -1;
	}
	dirs = theme_dirs();
	for (i = 0; dirs[i] != NULL; i++) {
		xasprintf(&path, "%s/%s.theme", dirs[i], name);
		if (!found && stat(path, &sb) == 0) {
			found = 1;
			rc = theme_load(t, path, cause);
		}
		free(path);
		free(dirs[i]);
	}
	free(dirs);
	if (!found)
		xasprintf(cause, "no theme \"%s\" was found", name);
	return rc;
}

/*
 * Make the theme called name current for the terminal, or the built-in look
 * when it cannot be loaded; -1 with *cause then.
 */
int
theme_use(struct theme *cur, const char *name, int ncolours, int colour,
    char **cause)
{
	struct theme t;
	int rc = 0;

	if (theme_load_name(&t, name, cause) != 0) {
		theme_builtin(&t, strcmp(name, "mono") == 0);
		rc = -1;
	}
	theme_done(cur);
	*cur = t;
	theme_apply(cur, ncolours, colour);
	return rc;
}

/* The curses attributes of THEME_ATTR_* bits. */
static unsigned long
theme_curses_attrs(unsigned int a)
{
	unsigned long out = 0;

	if (a & THEME_ATTR_BOLD)
		out |= A_BOLD;
	if (a & THEME_ATTR_REVERSE)
		out |= A_REVERSE;
	if (a & THEME_ATTR_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & THEME_ATTR_DIM)
		out |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ATTR_ITALIC)
		out |= A_ITALIC;
#endif
	if (a & THEME_ATTR_STANDOUT)
		out |= A_STANDOUT;
	return out;
}

/* Resolve a colour for a terminal with ncolours colours. */
static int
theme_resolve(int c, int c8, int ncolours, int *bold)
{
	int bright;

	*bold = 0;
	if (c == THEME_NO_COLOUR)
		return -1;
	if (ncolours >= 256 || c < 0)
		return c;
	if (c8 != THEME_NO_COLOUR && c8 >= -1) {
		c = c8;
		if (c < 0 || c < ncolours)
			return c;
	}
	if (c < ncolours && c < 16)
		return c;
	c = theme_colour8(c, &bright);
	if (bright && ncolours >= 16)
		return c + 8;
	*bold = bright;
	return c;
}

/* Make a theme current. */
void
theme_apply(const struct theme *t, int ncolours, int colour)
{
	const struct theme_style *s;
	int i, fg, bg, bold, bgbold;

	for (i = 0; i < ROLE__COUNT; i++) {
		s = &t->roles[i];
		theme_current[i] = *s;
		theme_attrs[i] = theme_curses_attrs(s->attrs);
		if (!colour || ncolours < 8 || i + 1 >= COLOR_PAIRS)
			continue;
		fg = theme_resolve(s->fg, s->fg8, ncolours, &bold);
		bg = theme_resolve(s->bg, s->bg8, ncolours, &bgbold);
		if (fg == bg && fg != -1)
			fg = -1;
		init_pair((short)(i + 1), (short)fg, (short)bg);
		theme_attrs[i] |= COLOR_PAIR(i + 1);
		if (bold)
			theme_attrs[i] |= A_BOLD;
	}
}

/* The attributes of a role. */
unsigned long
theme_attr(enum theme_role role)
{
	if (role < 0 || role >= ROLE__COUNT)
		return 0;
	return theme_attrs[role];
}

/* The glyph of a role. */
const char *
theme_glyph(enum theme_role role, int ascii)
{
	const struct theme_style *s;

	if (role < 0 || role >= ROLE__COUNT)
		return "?";
	s = &theme_current[role];
	if (ascii || s->glyph[0] == '\0')
		return s->ascii[0] != '\0' ? s->ascii : "?";
	return s->glyph;
}
