/*
 * The configuration: defaults, then the libconfig file, then the
 * environment, then the command line, each overriding the one before.
 * Every setting is described once in cfg_table; the file, the environment,
 * the options, their --help and the checks all go through it. Called on the
 * main thread before any other thread starts.
 */
#include "config.h"

#include "cfg.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <curl/curl.h>
#include <libconfig.h>

#include "daybands.h"
#include "notify.h"
#include "xmalloc.h"

#define CFG_OFF(m) offsetof(struct cfg, m)
#define CFG_BOTH (CFG_FILE | CFG_ARGV)

/*
 * Every setting. An option is the setting's name with '-' for '_', except
 * the spellings kept from before: --log, and --user, --group and --column,
 * which give one element of a list each.
 */
const struct cfg_entry cfg_table[] = {
	/* The application and its tenant. */
	{ .name = "tenant",
	    .option = "tenant",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(tenant),
	    .env = "AZURE_TENANT_ID",
	    .arg = "ID",
	    .help = "tenant id or domain" },
	{ .name = "client_id",
	    .option = "client-id",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(client_id),
	    .env = "AZURE_CLIENT_ID",
	    .arg = "ID",
	    .help = "application (client) id" },
	/*
	 * Never on the command line: the arguments of a process can be read
	 * by every user of the host (ps, /proc). The option name is only for
	 * the program's own use of cfg_set_option (--demo).
	 */
	{ .name = "client_secret",
	    .option = "client-secret",
	    .where = CFG_FILE,
	    .type = CFG_SECRET,
	    .off = CFG_OFF(client_secret),
	    .env = "AZURE_CLIENT_SECRET" },
	/*
	 * secret_file, secret_command and certificate_path are not options:
	 * cred.c ranks the credentials by where they came from (SECRETS in
	 * teamtop.conf(5)) and an option there could not beat the
	 * environment's secret, as every other option beats the environment.
	 */
	{ .name = "secret_file",
	    .where = CFG_FILE,
	    .type = CFG_PATH,
	    .off = CFG_OFF(secret_file) },
	{ .name = "secret_command",
	    .where = CFG_FILE,
	    .type = CFG_STRING,
	    .off = CFG_OFF(secret_command) },
	{ .name = "certificate_path",
	    .where = CFG_FILE,
	    .type = CFG_PATH,
	    .off = CFG_OFF(certificate_path),
	    .env = "AZURE_CLIENT_CERTIFICATE_PATH" },
	{ .name = "auth",
	    .option = "auth",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(auth),
	    .arg = "MODE",
	    .help = "sign in as the app or as yourself (delegated)" },
	/* Endpoints and network. */
	{ .name = "cloud",
	    .option = "cloud",
	    .where = CFG_BOTH,
	    .type = CFG_CLOUD,
	    .off = CFG_OFF(cloud),
	    .arg = "NAME",
	    .help = "global, usgov, dod or china" },
	{ .name = "graph_url",
	    .option = "graph-url",
	    .where = CFG_BOTH,
	    .type = CFG_URL,
	    .off = CFG_OFF(graph_url),
	    .arg = "URL",
	    .help = "Graph root (for graphsim)" },
	{ .name = "login_url",
	    .option = "login-url",
	    .where = CFG_BOTH,
	    .type = CFG_URL,
	    .off = CFG_OFF(login_url),
	    .arg = "URL",
	    .help = "token authority root (for graphsim)" },
	{ .name = "api",
	    .option = "api",
	    .where = CFG_BOTH,
	    .type = CFG_API,
	    .off = CFG_OFF(api),
	    .arg = "VERSION",
	    .help = "v1.0 (default) or beta" },
	{ .name = "ca_file",
	    .option = "ca-file",
	    .where = CFG_BOTH,
	    .type = CFG_PATH,
	    .off = CFG_OFF(ca_file),
	    .arg = "FILE",
	    .help = "extra CA certificates" },
	{ .name = "proxy",
	    .option = "proxy",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(proxy),
	    .arg = "URL",
	    .help = "proxy for Graph and sign-in (default: https_proxy)" },
	{ .name = "timeout",
	    .option = "timeout",
	    .where = CFG_BOTH,
	    .type = CFG_INT,
	    .off = CFG_OFF(timeout),
	    .min = 1,
	    .max = 3600,
	    .arg = "SECS",
	    .help = "seconds one transfer may take (default 60)" },
	{ .name = "deadline",
	    .option = "deadline",
	    .where = CFG_BOTH,
	    .type = CFG_INT,
	    .off = CFG_OFF(deadline),
	    .min = 1,
	    .max = 86400,
	    .arg = "SECS",
	    .help = "seconds a command waits for Graph in all (default 60)" },
	/* Who is watched. */
	{ .name = "users",
	    .option = "user",
	    .where = CFG_BOTH,
	    .type = CFG_LIST,
	    .off = CFG_OFF(users),
	    .n_off = CFG_OFF(nusers),
	    .arg = "USER",
	    .help = "watch a user (UPN, mail or id); repeatable" },
	{ .name = "groups",
	    .option = "group",
	    .where = CFG_BOTH,
	    .type = CFG_LIST,
	    .off = CFG_OFF(groups),
	    .n_off = CFG_OFF(ngroups),
	    .arg = "GROUP",
	    .help = "watch a group's members; repeatable" },
	{ .name = "transitive",
	    .option = "transitive",
	    .where = CFG_BOTH,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(transitive),
	    .help = "expand groups through nested groups" },
	{ .name = "max_directory",
	    .option = "max-directory",
	    .where = CFG_BOTH,
	    .type = CFG_INT,
	    .off = CFG_OFF(max_directory),
	    .min = 1,
	    .max = 10000000,
	    .arg = "N",
	    .help = "warn above this many people" },
	/*
	 * The history of presence. history is not an option: a flag could
	 * only turn it on, which it is by default.
	 */
	{ .name = "history",
	    .where = CFG_FILE,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(history) },
	{ .name = "history_days",
	    .option = "history-days",
	    .where = CFG_BOTH,
	    .type = CFG_INT,
	    .off = CFG_OFF(history_days),
	    .min = 1,
	    .max = 3650,
	    .arg = "DAYS",
	    .help = "days the history of presence is kept (default 7)" },
	{ .name = "workday",
	    .option = "workday",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(workday),
	    .arg = "HOURS",
	    .help = "working hours HH:MM-HH:MM of the day views and report" },
	/*
	 * The dashboard. --demo is not in the file: a demonstration is asked
	 * for each time.
	 */
	{ .name = "demo",
	    .option = "demo",
	    .where = CFG_ARGV,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(demo),
	    .help = "run against a simulated tenant" },
	{ .name = "refresh",
	    .option = "refresh",
	    .where = CFG_BOTH,
	    .type = CFG_INT,
	    .off = CFG_OFF(refresh),
	    .min = CFG_REFRESH_MIN,
	    .max = 86400,
	    .arg = "SECS",
	    .help = "dashboard refresh interval" },
	{ .name = "graph_share",
	    .option = "graph-share",
	    .where = CFG_BOTH,
	    .type = CFG_INT,
	    .off = CFG_OFF(graph_share),
	    .min = 1,
	    .max = 100,
	    .arg = "PCT",
	    .help = "share of the app's Graph budget refreshes may use" },
	{ .name = "theme",
	    .option = "theme",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(theme),
	    .arg = "NAME",
	    .help = "dashboard theme" },
	{ .name = "plain",
	    .option = "plain",
	    .where = CFG_BOTH,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(plain),
	    .help = "no colour" },
	{ .name = "columns",
	    .option = "column",
	    .where = CFG_BOTH,
	    .type = CFG_LIST,
	    .off = CFG_OFF(columns),
	    .n_off = CFG_OFF(ncolumns),
	    .arg = "COLUMN",
	    .help = "show this column; repeatable, in order" },
	{ .name = "sort",
	    .option = "sort",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(sort),
	    .arg = "COLUMN",
	    .help = "sort by this column (-COLUMN reverses)" },
	{ .name = "sort_reverse",
	    .option = "sort-reverse",
	    .where = CFG_BOTH,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(sort_reverse),
	    .help = "reverse the sort" },
	{ .name = "group_by",
	    .option = "group-by",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(group_by),
	    .arg = "COLUMN",
	    .help = "group rows by availability, department or none" },
	{ .name = "view",
	    .option = "view",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(view),
	    .arg = "NAME",
	    .help = "save and restore the dashboard's view under NAME" },
	/* Not options: a flag could only turn them on, as they are. */
	{ .name = "save_view",
	    .where = CFG_FILE,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(save_view) },
	{ .name = "mouse",
	    .where = CFG_FILE,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(mouse) },
	{ .name = "hint_bar",
	    .where = CFG_FILE,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(hint_bar) },
	/* The alerts of the watches: not options, set once in the file. */
	{ .name = "bell",
	    .where = CFG_FILE,
	    .type = CFG_BOOL,
	    .off = CFG_OFF(bell) },
	{ .name = "notify",
	    .where = CFG_FILE,
	    .type = CFG_STRING,
	    .off = CFG_OFF(notify) },
	{ .name = "notify_command",
	    .where = CFG_FILE,
	    .type = CFG_LIST,
	    .off = CFG_OFF(notify_command),
	    .n_off = CFG_OFF(nnotify_command) },
	/* Not an option: a group of bindings has no one-line form. */
	{ .name = "keys",
	    .where = CFG_FILE,
	    .type = CFG_KEYS,
	    .off = CFG_OFF(keys),
	    .n_off = CFG_OFF(nkeys) },
	/* The shared database of teamtop serve. */
	{ .name = "db",
	    .option = "db",
	    .where = CFG_BOTH,
	    .type = CFG_STRING,
	    .off = CFG_OFF(db),
	    .env = "TEAMTOP_DB",
	    .arg = "URL",
	    .help = "read and write through teamtop serve's PostgreSQL" },
	/* Diagnostics. */
	{ .name = "log_file",
	    .option = "log",
	    .where = CFG_BOTH,
	    .type = CFG_PATH,
	    .off = CFG_OFF(log_file),
	    .arg = "FILE",
	    .help = "write a debug log" },
	{ .name = NULL }
};

/* The replaced bits of struct cfg have room for every setting. */
_Static_assert(sizeof cfg_table / sizeof cfg_table[0] <=
        sizeof(unsigned long) * CHAR_BIT,
    "cfg_table is longer than struct cfg's replaced bits");
_Static_assert(sizeof cfg_table / sizeof cfg_table[0] <= CFG_SETTINGS_MAX,
    "cfg_table is longer than struct cfg's origins");

/*
 * The clouds: the name teamtop documents, the other names in use (Graph
 * PowerShell's -Environment, the portal's), and the endpoints.
 */
static const struct {
	const char *name;
	const char *aliases[3];
	const char *graph_url;
	const char *login_url;
} cfg_clouds[CFG_CLOUD__COUNT] = {
	{ "global", { "public", "azurecloud", NULL },
	    "https://graph.microsoft.com",
	    "https://login.microsoftonline.com" },
	{ "usgov", { "gcchigh", "usgovl4", NULL }, "https://graph.microsoft.us",
	    "https://login.microsoftonline.us" },
	{ "dod", { "usgov-dod", "usgovdod", "usgovl5" },
	    "https://dod-graph.microsoft.us",
	    "https://login.microsoftonline.us" },
	{ "china", { "21vianet", "azurechinacloud", NULL },
	    "https://microsoftgraph.chinacloudapi.cn",
	    "https://login.chinacloudapi.cn" },
};

/* The cloud a name or alias stands for, or -1. */
static int
cfg_cloud_find(const char *s)
{
	size_t i, j;

	for (i = 0; i < CFG_CLOUD__COUNT; i++) {
		if (strcasecmp(s, cfg_clouds[i].name) == 0)
			return (int)i;
		for (j = 0; j < 3 && cfg_clouds[i].aliases[j] != NULL; j++) {
			if (strcasecmp(s, cfg_clouds[i].aliases[j]) == 0)
				return (int)i;
		}
	}
	return -1;
}

/* What each type expects, for messages. */
static const char *
cfg_expected(const struct cfg_entry *ce)
{
	switch (ce->type) {
	case CFG_STRING:
	case CFG_PATH:
	case CFG_SECRET:
		return "a string";
	case CFG_URL:
		return "a string with an http:// or https:// URL";
	case CFG_BOOL:
		return "true or false";
	case CFG_INT:
		return "an integer";
	case CFG_LIST:
		return "a list of strings, like [\"a\", \"b\"]";
	case CFG_CLOUD:
		return "\"global\", \"usgov\", \"dod\" or \"china\"";
	case CFG_API:
		return "\"v1.0\" or \"beta\"";
	case CFG_KEYS:
		return "a group of ACTION = \"KEY\" settings";
	}
	return "a value";
}

/* What a libconfig value is, for messages. */
static const char *
cfg_found(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP:
		return "a group";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return "an integer";
	case CONFIG_TYPE_FLOAT:
		return "a number with a fraction";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "a boolean";
	case CONFIG_TYPE_ARRAY:
		return "an array";
	case CONFIG_TYPE_LIST:
		return "a list";
	}
	return "something else";
}

/* Find a setting of the file by name. */
static const struct cfg_entry *
cfg_find(const char *name)
{
	const struct cfg_entry *ce;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		if ((ce->where & CFG_FILE) && strcmp(ce->name, name) == 0)
			return ce;
	}
	return NULL;
}

/* Find a setting by its option name. */
static const struct cfg_entry *
cfg_find_option(const char *option)
{
	const struct cfg_entry *ce;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (ce->option != NULL && strcmp(ce->option, option) == 0)
			return ce;
	}
	return NULL;
}

/* The string member of a setting. */
static char **
cfg_str(struct cfg *cfg, const struct cfg_entry *ce)
{
	return (char **)((char *)cfg + ce->off);
}

/* The list member of a setting. */
static char ***
cfg_list(struct cfg *cfg, const struct cfg_entry *ce)
{
	return (char ***)((char *)cfg + ce->off);
}

/* The count of a list setting. */
static size_t *
cfg_count(struct cfg *cfg, const struct cfg_entry *ce)
{
	return (size_t *)((char *)cfg + ce->n_off);
}

/* Free a list of strings. */
static void
cfg_list_free(char ***v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

/* Append to a list of strings. */
static void
cfg_list_add(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

/* Free the key bindings. */
static void
cfg_keys_free(struct cfg *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nkeys; i++) {
		free(cfg->keys[i].key);
		free(cfg->keys[i].action);
		free(cfg->keys[i].origin);
	}
	free(cfg->keys);
	cfg->keys = NULL;
	cfg->nkeys = 0;
}

/* Add a key binding, replacing an earlier one for the same key. */
static void
cfg_keys_add(struct cfg *cfg, const char *key, const char *action,
    const char *origin)
{
	size_t i;

	for (i = 0; i < cfg->nkeys; i++) {
		if (strcmp(cfg->keys[i].key, key) == 0) {
			free(cfg->keys[i].action);
			cfg->keys[i].action = xstrdup(action);
			free(cfg->keys[i].origin);
			cfg->keys[i].origin = xstrdup(origin);
			return;
		}
	}
	cfg->keys = xreallocarray(cfg->keys, cfg->nkeys + 1, sizeof *cfg->keys);
	cfg->keys[cfg->nkeys].key = xstrdup(key);
	cfg->keys[cfg->nkeys].action = xstrdup(action);
	cfg->keys[cfg->nkeys].origin = xstrdup(origin);
	cfg->nkeys++;
}

/* Record where a setting was set. */
static void
cfg_set_origin(struct cfg *cfg, const struct cfg_entry *ce, const char *fmt,
    ...)
{
	char **o = &cfg->origin[ce - cfg_table];
	va_list ap;

	free(*o);
	va_start(ap, fmt);
	xvasprintf(o, fmt, ap);
	va_end(ap);
}

/* The "FILE:LINE" of a setting of the file. */
static char *
cfg_file_origin(const config_setting_t *s, const char *file)
{
	const char *f;
	char *o;

	f = config_setting_source_file(s);
	xasprintf(&o, "%s:%u", f != NULL ? f : file,
	    config_setting_source_line(s));
	return o;
}

/* Where a setting was last set, or NULL. */
const char *
cfg_origin(const struct cfg *cfg, const char *name)
{
	const struct cfg_entry *ce;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (strcmp(ce->name, name) == 0)
			return cfg->origin[ce - cfg_table];
	}
	return NULL;
}

/* Set the defaults. */
void
cfg_init(struct cfg *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->cloud = CFG_CLOUD_GLOBAL;
	cfg->api = xstrdup("v1.0");
	cfg->refresh = CFG_REFRESH_DEFAULT;
	cfg->graph_share = CFG_GRAPH_SHARE_DEFAULT;
	cfg->theme = xstrdup("default");
	cfg->sort = xstrdup("availability");
	cfg->view = xstrdup("default");
	cfg->save_view = 1;
	cfg->mouse = 1;
	cfg->hint_bar = 1;
	cfg->bell = 1;
	cfg->notify = xstrdup("auto");
	cfg->max_directory = CFG_MAX_DIRECTORY_DEFAULT;
	cfg->history = 1;
	cfg->history_days = CFG_HISTORY_DAYS_DEFAULT;
	cfg->workday = xstrdup(WORKDAY_DEFAULT);
	cfg->deadline = CFG_DEADLINE_DEFAULT;
}

/* Free everything, wiping the secret. */
void
cfg_done(struct cfg *cfg)
{
	const struct cfg_entry *ce;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		switch (ce->type) {
		case CFG_STRING:
		case CFG_PATH:
		case CFG_SECRET:
		case CFG_URL:
		case CFG_API:
			xfree_secret(*cfg_str(cfg, ce));
			break;
		case CFG_LIST:
			cfg_list_free(cfg_list(cfg, ce), cfg_count(cfg, ce));
			break;
		case CFG_KEYS:
			cfg_keys_free(cfg);
			break;
		case CFG_BOOL:
		case CFG_INT:
		case CFG_CLOUD:
			break;
		}
	}
	for (ce = cfg_table; ce->name != NULL; ce++)
		free(cfg->origin[ce - cfg_table]);
	free(cfg->config_path);
	memset(cfg, 0, sizeof *cfg);
}

/* The name of a cloud. */
const char *
cfg_cloud_name(enum cfg_cloud cloud)
{
	if ((int)cloud < 0 || cloud >= CFG_CLOUD__COUNT)
		return "unknown";
	return cfg_clouds[cloud].name;
}

/* Does teamtop sign in as a user rather than as the application? */
int
cfg_delegated(const struct cfg *cfg)
{
	if (cfg->auth != NULL)
		return strcmp(cfg->auth, "delegated") == 0;
	return (cfg->client_secret == NULL || *cfg->client_secret == '\0') &&
	    cfg->secret_file == NULL && cfg->secret_command == NULL &&
	    cfg->certificate_path == NULL;
}

/* $XDG_CONFIG_HOME/teamtop/config or ~/.config/teamtop/config. */
const char *
cfg_default_path(void)
{
	static char path[PATH_MAX];
	const char *xdg, *home;

	xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && *xdg == '/')
		snprintf(path, sizeof path, "%s/teamtop/config", xdg);
	else {
		home = getenv("HOME");
		if (home == NULL || *home == '\0')
			home = ".";
		snprintf(path, sizeof path, "%s/.config/teamtop/config", home);
	}
	return path;
}

/* Expand a leading ~/ in a path. */
static char *
cfg_expand(const char *path)
{
	const char *home;
	char *s;

	if (strncmp(path, "~/", 2) == 0 && (home = getenv("HOME")) != NULL &&
	    *home != '\0') {
		xasprintf(&s, "%s/%s", home, path + 2);
		return s;
	}
	return xstrdup(path);
}

/*
 * Set a string-like setting from text. Returns 0, or -1 with *why set to
 * what was expected.
 */
static int
cfg_apply_string(struct cfg *cfg, const struct cfg_entry *ce, const char *s,
    enum cfg_source source, char **why)
{
	char **sp = cfg_str(cfg, ce);
	int c;

	switch (ce->type) {
	case CFG_STRING:
		free(*sp);
		*sp = xstrdup(s);
		return 0;
	case CFG_PATH:
		if (*s == '\0') {
			xasprintf(why,
			    "%s: expected a file name, not an "
			    "empty string",
			    ce->name);
			return -1;
		}
		free(*sp);
		*sp = cfg_expand(s);
		if (ce->off == CFG_OFF(certificate_path))
			cfg->certificate_source = source;
		return 0;
	case CFG_SECRET:
		xfree_secret(*sp);
		*sp = xstrdup(s);
		cfg->secret_source = source;
		return 0;
	case CFG_URL:
		if (strncasecmp(s, "https://", 8) != 0 &&
		    strncasecmp(s, "http://", 7) != 0) {
			xasprintf(why,
			    "%s: expected an http:// or https:// "
			    "URL, not '%s'",
			    ce->name, s);
			return -1;
		}
		free(*sp);
		*sp = xstrdup(s);
		return 0;
	case CFG_API:
		if (strcmp(s, "v1.0") != 0 && strcmp(s, "beta") != 0) {
			xasprintf(why, "%s: expected %s, not '%s'", ce->name,
			    cfg_expected(ce), s);
			return -1;
		}
		free(*sp);
		*sp = xstrdup(s);
		return 0;
	case CFG_CLOUD:
		if ((c = cfg_cloud_find(s)) != -1) {
			cfg->cloud = (enum cfg_cloud)c;
			return 0;
		}
		xasprintf(why, "%s: expected %s, not '%s'", ce->name,
		    cfg_expected(ce), s);
		return -1;
	default:
		break;
	}
	xasprintf(why, "%s: expected %s", ce->name, cfg_expected(ce));
	return -1;
}

/* Set an integer setting, checking its bounds. */
static int
cfg_apply_int(struct cfg *cfg, const struct cfg_entry *ce, long long v,
    char **why)
{
	if (v < ce->min || v > ce->max) {
		xasprintf(why,
		    "%s: expected an integer from %ld to %ld, not "
		    "%lld",
		    ce->name, ce->min, ce->max, v);
		return -1;
	}
	*(long *)((char *)cfg + ce->off) = (long)v;
	return 0;
}

/* Format a message about a setting at its place in the file. */
static void
cfg_file_error(const config_setting_t *s, const char *file, char *why,
    char **cause)
{
	const char *f;

	f = config_setting_source_file(s);
	if (f == NULL)
		f = file;
	xasprintf(cause, "%s:%u: %s", f, config_setting_source_line(s), why);
	free(why);
}

/* Read a list of strings (or a single string) from the file. */
static int
cfg_read_list(struct cfg *cfg, const struct cfg_entry *ce, config_setting_t *s,
    char **why)
{
	char ***v = cfg_list(cfg, ce);
	size_t *n = cfg_count(cfg, ce);
	config_setting_t *e;
	const char *str;
	int i, len;

	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		cfg_list_free(v, n);
		cfg_list_add(v, n, config_setting_get_string(s));
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		xasprintf(why, "%s: expected %s", ce->name, cfg_expected(ce));
		return -1;
	}
	len = config_setting_length(s);
	for (i = 0; i < len; i++) {
		e = config_setting_get_elem(s, (unsigned int)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			xasprintf(why,
			    "%s: expected %s; element %d is not a "
			    "string",
			    ce->name, cfg_expected(ce), i + 1);
			return -1;
		}
	}
	cfg_list_free(v, n);
	for (i = 0; i < len; i++) {
		e = config_setting_get_elem(s, (unsigned int)i);
		str = config_setting_get_string(e);
		if (*str == '\0')
			continue;
		cfg_list_add(v, n, str);
	}
	return 0;
}

/*
 * Read the keys: a group of ACTION = "KEY" settings, or ACTION = [ "KEY",
 * ... ] for several keys.
 */
static int
cfg_read_keys(struct cfg *cfg, config_setting_t *s, const char *file,
    char **cause)
{
	config_setting_t *e, *k;
	const char *action;
	char *why, *origin;
	int i, j, len, n;

	if (!config_setting_is_group(s)) {
		why = xstrdup("keys: expected a group of ACTION = \"KEY\" "
		              "settings");
		cfg_file_error(s, file, why, cause);
		return -1;
	}
	len = config_setting_length(s);
	for (i = 0; i < len; i++) {
		e = config_setting_get_elem(s, (unsigned int)i);
		action = config_setting_name(e);
		origin = cfg_file_origin(e, file);
		if (config_setting_type(e) == CONFIG_TYPE_STRING) {
			cfg_keys_add(cfg, config_setting_get_string(e), action,
			    origin);
			free(origin);
			continue;
		}
		if (config_setting_is_array(e) || config_setting_is_list(e)) {
			n = config_setting_length(e);
			for (j = 0; j < n; j++) {
				k = config_setting_get_elem(e, (unsigned int)j);
				if (config_setting_type(k) !=
				    CONFIG_TYPE_STRING)
					break;
			}
			if (j == n && n > 0) {
				for (j = 0; j < n; j++) {
					k = config_setting_get_elem(e,
					    (unsigned int)j);
					cfg_keys_add(cfg,
					    config_setting_get_string(k),
					    action, origin);
				}
				free(origin);
				continue;
			}
		}
		free(origin);
		xasprintf(&why,
		    "keys: %s: expected a key name string, or a "
		    "list of them",
		    action);
		cfg_file_error(e, file, why, cause);
		return -1;
	}
	return 0;
}

/* Apply one setting of the file. */
static int
cfg_read_setting(struct cfg *cfg, config_setting_t *s, const char *file,
    char **cause)
{
	const struct cfg_entry *ce;
	const char *name;
	char *why = NULL;
	int type, rc = -1;

	name = config_setting_name(s);
	if ((ce = cfg_find(name)) == NULL) {
		xasprintf(&why, "unknown setting '%s'", name);
		cfg_file_error(s, file, why, cause);
		return -1;
	}
	type = config_setting_type(s);
	switch (ce->type) {
	case CFG_STRING:
	case CFG_PATH:
	case CFG_SECRET:
	case CFG_URL:
	case CFG_API:
	case CFG_CLOUD:
		if (type != CONFIG_TYPE_STRING)
			break;
		rc = cfg_apply_string(cfg, ce, config_setting_get_string(s),
		    CFG_SOURCE_FILE, &why);
		break;
	case CFG_BOOL:
		if (type != CONFIG_TYPE_BOOL)
			break;
		*(int *)((char *)cfg + ce->off) = config_setting_get_bool(s);
		rc = 0;
		break;
	case CFG_INT:
		if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)
			break;
		rc = cfg_apply_int(cfg, ce, config_setting_get_int64(s), &why);
		break;
	case CFG_LIST:
		rc = cfg_read_list(cfg, ce, s, &why);
		break;
	case CFG_KEYS:
		return cfg_read_keys(cfg, s, file, cause);
	}
	if (rc == 0) {
		free(cfg->origin[ce - cfg_table]);
		cfg->origin[ce - cfg_table] = cfg_file_origin(s, file);
		return 0;
	}
	if (why == NULL) {
		xasprintf(&why, "%s: expected %s, not %s", ce->name,
		    cfg_expected(ce), cfg_found(type));
	}
	cfg_file_error(s, file, why, cause);
	return -1;
}

/*
 * Refuse a file that holds client_secret if others may read it: file as
 * libconfig names it (an @include is relative to dir), or the config
 * file itself when file is NULL.
 */
static int
cfg_check_private(const char *config, const char *dir, const char *file,
    char **cause)
{
	struct stat sb;
	char *path;
	int rc = -1;

	if (file == NULL || *file == '/')
		path = xstrdup(file == NULL ? config : file);
	else
		xasprintf(&path, "%s/%s", dir, file);
	if (stat(path, &sb) != 0)
		xasprintf(cause, "%s: %s", path, strerror(errno));
	else if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		xasprintf(cause,
		    "%s: holds client_secret but is readable by "
		    "others (chmod 600 %s, or use secret_file)",
		    path, path);
	else
		rc = 0;
	free(path);
	return rc;
}

/* Is this the null device, the usual way to say "no file"? */
static int
cfg_is_null_device(const struct stat *sb)
{
	struct stat null;

	return S_ISCHR(sb->st_mode) && stat("/dev/null", &null) == 0 &&
	    S_ISCHR(null.st_mode) && sb->st_rdev == null.st_rdev;
}

/* Read a libconfig file. */
int
cfg_load_file(struct cfg *cfg, const char *path, int must_exist, char **cause)
{
	config_t lc;
	config_setting_t *root, *s;
	struct stat sb;
	char *dir, *slash;
	int i, len, rc = -1;

	if (path == NULL) {
		path = cfg_default_path();
		must_exist = 0;
	}
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT && !must_exist)
			return 0;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (cfg_is_null_device(&sb))
		return 0; /* -c /dev/null: no configuration file. */
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		return -1;
	}

	config_init(&lc);
	config_set_options(&lc, 0);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		config_set_include_dir(&lc, *dir == '\0' ? "/" : dir);
	}
	if (!config_read_file(&lc, path)) {
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			xasprintf(cause, "%s: cannot be read", path);
		else {
			xasprintf(cause, "%s:%d: %s (expected NAME = VALUE;)",
			    config_error_file(&lc) != NULL
			        ? config_error_file(&lc)
			        : path,
			    config_error_line(&lc), config_error_text(&lc));
		}
		goto out;
	}
	root = config_root_setting(&lc);
	len = config_setting_length(root);
	for (i = 0; i < len; i++) {
		s = config_setting_get_elem(root, (unsigned int)i);
		if (cfg_read_setting(cfg, s, path, cause) != 0)
			goto out;
		/* Every file a secret comes from, @include'd ones too. */
		if (config_setting_name(s) != NULL &&
		    strcmp(config_setting_name(s), "client_secret") == 0 &&
		    cfg_check_private(path, slash != NULL ? dir : ".",
		        config_setting_source_file(s), cause) != 0)
			goto out;
	}
	free(cfg->config_path);
	cfg->config_path = xstrdup(path);
	rc = 0;
out:
	config_destroy(&lc);
	free(dir);
	return rc;
}

/* Take the variables of the environment that are set and not empty. */
int
cfg_load_env(struct cfg *cfg, char **cause)
{
	const struct cfg_entry *ce;
	const char *v;
	char *why = NULL;

	(void)cause;
	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (ce->env == NULL)
			continue;
		if ((v = getenv(ce->env)) == NULL || *v == '\0')
			continue;
		cfg_set_origin(cfg, ce, "%s", ce->env);
		if (cfg_apply_string(cfg, ce, v, CFG_SOURCE_ENV, &why) != 0) {
			free(why);
			why = NULL;
		}
	}
	return 0;
}

/* Parse a whole decimal integer. */
static int
cfg_parse_int(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return -1;
	return 0;
}

/* Apply a command-line option. */
static int
cfg_option_apply(struct cfg *cfg, const char *name, const char *value,
    char **cause)
{
	const struct cfg_entry *ce;
	unsigned long bit;
	long long v;
	char *why = NULL;

	if ((ce = cfg_find_option(name)) == NULL) {
		xasprintf(cause, "--%s: unknown option", name);
		return -1;
	}
	if (ce->type == CFG_BOOL) {
		*(int *)((char *)cfg + ce->off) = 1;
		return 0;
	}
	if (value == NULL) {
		xasprintf(cause, "--%s needs an argument", name);
		return -1;
	}
	switch (ce->type) {
	case CFG_INT:
		if (cfg_parse_int(value, &v) != 0) {
			xasprintf(cause, "--%s: expected an integer, not '%s'",
			    name, value);
			return -1;
		}
		if (cfg_apply_int(cfg, ce, v, &why) != 0)
			goto fail;
		return 0;
	case CFG_LIST:
		if (*value == '\0') {
			xasprintf(cause, "--%s: expected a name or id", name);
			return -1;
		}
		bit = 1UL << (ce - cfg_table);
		if (!(cfg->replaced & bit))
			cfg_list_free(cfg_list(cfg, ce), cfg_count(cfg, ce));
		cfg->replaced |= bit;
		cfg_list_add(cfg_list(cfg, ce), cfg_count(cfg, ce), value);
		return 0;
	default:
		if (cfg_apply_string(cfg, ce, value, CFG_SOURCE_OPTION, &why) !=
		    0)
			goto fail;
		return 0;
	}
fail:
	/* why starts with the setting's name; name the option instead. */
	xasprintf(cause, "--%s%s", name, why + strlen(ce->name));
	free(why);
	return -1;
}

/* Apply a command-line option, remembering where the setting came from. */
int
cfg_set_option(struct cfg *cfg, const char *name, const char *value,
    char **cause)
{
	const struct cfg_entry *ce;

	if (cfg_option_apply(cfg, name, value, cause) != 0)
		return -1;
	if ((ce = cfg_find_option(name)) != NULL)
		cfg_set_origin(cfg, ce, "--%s", name);
	return 0;
}

/* How many settings are command-line options. */
size_t
cfg_option_count(void)
{
	const struct cfg_entry *ce;
	size_t n = 0;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (ce->where & CFG_ARGV)
			n++;
	}
	return n;
}

/* Fill getopt_long entries for the settings that are options. */
void
cfg_option_getopt(struct option *o, int val)
{
	const struct cfg_entry *ce;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (!(ce->where & CFG_ARGV))
			continue;
		o->name = ce->option;
		o->has_arg =
		    ce->type == CFG_BOOL ? no_argument : required_argument;
		o->flag = NULL;
		o->val = val;
		o++;
	}
}

/* Print one option for --help. */
void
cfg_option_line(FILE *f, int letter, const char *name, const char *arg,
    const char *help)
{
	char *left;

	xasprintf(&left, "--%s%s%s", name, arg != NULL ? " " : "",
	    arg != NULL ? arg : "");
	if (letter != 0)
		fprintf(f, "  -%c, %-18s %s\n", letter, left, help);
	else
		fprintf(f, "      %-18s %s\n", left, help);
	free(left);
}

/* Print every setting that is a command-line option. */
void
cfg_option_usage(FILE *f)
{
	const struct cfg_entry *ce;

	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (ce->where & CFG_ARGV)
			cfg_option_line(f, 0, ce->option, ce->arg, ce->help);
	}
}

/* Trim trailing slashes from a URL. */
static void
cfg_trim_url(char *url)
{
	size_t len = strlen(url);

	while (len > 0 && url[len - 1] == '/')
		url[--len] = '\0';
}

/* Is a tenant id safe to put in a URL path? */
static int
cfg_tenant_ok(const char *t)
{
	const char *p;

	if (*t == '\0' || *t == '.')
		return 0;
	for (p = t; *p != '\0'; p++) {
		if ((*p < 'a' || *p > 'z') && (*p < 'A' || *p > 'Z') &&
		    (*p < '0' || *p > '9') && *p != '-' && *p != '.' &&
		    *p != '_')
			return 0;
	}
	return 1;
}

/* Is url one that libcurl can parse, with a host? -1 with *cause if not. */
static int
cfg_check_url(const char *name, const char *url, char **cause)
{
	CURLU *u;
	CURLUcode rc;
	char *host = NULL;

	if ((u = curl_url()) == NULL)
		fatal("out of memory");
	rc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_free(host);
	curl_url_cleanup(u);
	if (rc != CURLUE_OK) {
		xasprintf(cause, "%s: '%s' is not a valid URL (%s)", name, url,
		    curl_url_strerror(rc));
		return -1;
	}
	return 0;
}

/* Derive the URLs from the cloud and check the whole. */
int
cfg_finish(struct cfg *cfg, char **cause)
{
	enum notify_kind notify;
	struct workday wd;

	if (cfg->cloud == CFG_CLOUD_CHINA) {
		*cause = xstrdup("cloud china: the presence API is not "
		                 "available in the China cloud (21Vianet)");
		return -1;
	}
	if (cfg->graph_url == NULL)
		cfg->graph_url = xstrdup(cfg_clouds[cfg->cloud].graph_url);
	if (cfg->login_url == NULL)
		cfg->login_url = xstrdup(cfg_clouds[cfg->cloud].login_url);
	cfg_trim_url(cfg->graph_url);
	cfg_trim_url(cfg->login_url);
	if (cfg_check_url("graph_url", cfg->graph_url, cause) != 0 ||
	    cfg_check_url("login_url", cfg->login_url, cause) != 0)
		return -1;
	if (cfg->tenant != NULL && !cfg_tenant_ok(cfg->tenant)) {
		xasprintf(cause,
		    "tenant: expected a tenant id or domain name "
		    "(letters, digits, '.', '-'), not '%s'",
		    cfg->tenant);
		return -1;
	}
	if (cfg->auth != NULL && strcmp(cfg->auth, "app") != 0 &&
	    strcmp(cfg->auth, "delegated") != 0) {
		xasprintf(cause,
		    "auth: expected \"app\" or \"delegated\", not "
		    "'%s'",
		    cfg->auth);
		return -1;
	}
	if (cfg->secret_file != NULL && cfg->secret_command != NULL) {
		*cause = xstrdup("secret_file and secret_command cannot both "
		                 "be set");
		return -1;
	}
	if (cfg->secret_source == CFG_SOURCE_FILE &&
	    (cfg->secret_file != NULL || cfg->secret_command != NULL)) {
		xasprintf(cause, "%s: client_secret and %s cannot both be set",
		    cfg->config_path != NULL ? cfg->config_path : "config",
		    cfg->secret_file != NULL ? "secret_file"
		                             : "secret_command");
		return -1;
	}
	if (notify_parse(cfg->notify, &notify) != 0) {
		xasprintf(cause,
		    "%s: notify: expected \"auto\", \"osc9\", \"osc777\" "
		    "or \"off\", not '%s'",
		    cfg_origin(cfg, "notify") != NULL
		        ? cfg_origin(cfg, "notify")
		        : "config",
		    cfg->notify);
		return -1;
	}
	if (cfg->notify_command != NULL && cfg->nnotify_command != 0 &&
	    *cfg->notify_command[0] == '\0') {
		xasprintf(cause, "%s: notify_command: the command is empty",
		    cfg_origin(cfg, "notify_command"));
		return -1;
	}
	if (workday_parse(cfg->workday, &wd, cause) != 0)
		return -1;
	if (cfg->refresh < CFG_REFRESH_MIN) {
		xasprintf(cause, "refresh: must be at least %d seconds",
		    CFG_REFRESH_MIN);
		return -1;
	}
	return 0;
}
