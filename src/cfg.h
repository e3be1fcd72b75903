/*
 * The configuration: defaults, the libconfig file, the environment and the
 * command-line options, in that order of increasing precedence, folded into
 * one struct cfg. Loaded on the main thread before any other starts; read
 * only afterwards, so any thread may read it.
 */
#ifndef CFG_H
#define CFG_H

#include <stddef.h>
#include <stdio.h>

struct option;

/* The national clouds. */
enum cfg_cloud {
	CFG_CLOUD_GLOBAL,
	CFG_CLOUD_USGOV,
	CFG_CLOUD_DOD,
	CFG_CLOUD_CHINA,
	CFG_CLOUD__COUNT /* Must be last. */
};

/* Where a credential came from; a later source beats an earlier one. */
enum cfg_source {
	CFG_SOURCE_NONE,
	CFG_SOURCE_DEFAULT,
	CFG_SOURCE_FILE,
	CFG_SOURCE_ENV,
	CFG_SOURCE_OPTION
};

/* What a setting holds. */
enum cfg_type {
	CFG_STRING,
	CFG_PATH,   /* A string; a leading ~/ is the home directory. */
	CFG_SECRET, /* The client secret. */
	CFG_URL,
	CFG_BOOL, /* On the command line, a flag without an argument. */
	CFG_INT,
	CFG_LIST, /* On the command line, one element an option, repeated. */
	CFG_CLOUD,
	CFG_API,
	CFG_KEYS
};

/* Where a setting may be given. */
#define CFG_FILE 0x1 /* In the configuration file. */
#define CFG_ARGV 0x2 /* On the command line, listed by teamtop --help. */

/*
 * One setting, written once: the file, the environment, cfg_set_option,
 * getopt's table and --help all take it from cfg_table, and the tests
 * check the manual pages against it.
 */
struct cfg_entry {
	const char *name;   /* In the file, e.g. "client_id". */
	const char *option; /* For cfg_set_option, e.g. "client-id"; or NULL. */
	int where;          /* CFG_FILE, CFG_ARGV or both. */
	enum cfg_type type;
	size_t off;       /* Of the member in struct cfg. */
	size_t n_off;     /* Of the count, for lists. */
	long min;         /* Bounds, for integers. */
	long max;         /* Inclusive. */
	const char *env;  /* The environment variable that sets it, or NULL. */
	const char *arg;  /* In --help, e.g. "URL"; NULL for a flag. */
	const char *help; /* One line of --help, for a CFG_ARGV setting. */
};

/* Every setting, in the order --help lists them; ends with a NULL name. */
extern const struct cfg_entry cfg_table[];

/*
 * A key binding from the keys group (ACTION = "KEY" or ACTION = [ "KEY",
 * ... ]), kept as written for the UI to interpret.
 */
struct cfg_key {
	char *key;    /* As written, e.g. "F5" or "C-r". */
	char *action; /* As written, e.g. "refresh". */
	char *origin; /* Where it was set: "FILE:LINE". */
};

/* The most settings cfg_table may hold (origins are kept per setting). */
#define CFG_SETTINGS_MAX 64

struct cfg {
	char *config_path; /* The file read, or NULL when none was. */

	/* The application and its tenant. */
	char *tenant;
	char *client_id;
	char *client_secret; /* Never printed; wiped by cfg_done. */
	enum cfg_source secret_source;
	char *secret_file;      /* Must not be group- or world-readable. */
	char *secret_command;   /* Run with /bin/sh -c; first line is used. */
	char *certificate_path; /* PEM certificate and RSA key, 0600. */
	enum cfg_source certificate_source;
	char *auth; /* "app", "delegated", or NULL: app with a credential. */

	/* Endpoints. */
	enum cfg_cloud cloud;
	char *graph_url; /* Root without the version; from cloud unless set. */
	char *login_url; /* Token authority root; from cloud unless set. */
	char *api;       /* "v1.0" or "beta". */
	char *ca_file;   /* Extra CA bundle, or NULL. */
	char *proxy;     /* NULL: libcurl's environment variables. */
	long timeout;    /* Seconds for one transfer; 0 default (60). */
	long deadline;   /* Seconds a one-shot command (or an action of the
			    dashboard) waits for Graph in all, not counting
			    what Retry-After asks for. */

	/* Who is watched. */
	char **users; /* UPN, mail or object id. */
	size_t nusers;
	char **groups; /* Display name or object id. */
	size_t ngroups;
	int transitive;     /* Expand nested groups. */
	long max_directory; /* Warn above this many people. */

	/* The history of presence. */
	int history;       /* Record it (the default). */
	long history_days; /* Keep it this many days. */
	char *workday;     /* Working hours, "08:00-18:00", local time. */

	/* The share of the app's Graph budget refreshes may use, percent. */
	long graph_share;

	/* The dashboard. */
	int demo;       /* Run against a simulated tenant (--demo). */
	long refresh;   /* Seconds between polls, at least CFG_REFRESH_MIN. */
	char *theme;    /* Theme name or path. */
	int plain;      /* No colour. */
	char **columns; /* Column names in order; none for the default. */
	size_t ncolumns;
	char *sort; /* Column to sort by. */
	int sort_reverse;
	char *group_by; /* Column to group rows by, or NULL. */
	char *view;     /* The name the view is saved under. */
	int save_view;  /* Save the view on quitting, restore it on start. */
	int mouse;      /* Take the mouse (clicks and the wheel). */
	int hint_bar;   /* Show the bar of the most useful keys. */
	/* Alerts of the watches. */
	int bell;               /* Ring the terminal's bell. */
	char *notify;           /* auto, osc9, osc777 or off. */
	char **notify_command;  /* argv of a command run, or none. */
	size_t nnotify_command; /* Its words. */
	struct cfg_key *keys;
	size_t nkeys;

	char *db; /* teamtop serve's PostgreSQL URL or conninfo, or NULL. */

	char *log_file; /* Debug log, or NULL. */

	/* Private: a bit per list in cfg_table the command line replaced. */
	unsigned long replaced;
	/* Private: where each setting of cfg_table was last set. */
	char *origin[CFG_SETTINGS_MAX];
};

#define CFG_REFRESH_DEFAULT 10
#define CFG_REFRESH_MIN 2
#define CFG_GRAPH_SHARE_DEFAULT 50
#define CFG_MAX_DIRECTORY_DEFAULT 5000
#define CFG_HISTORY_DAYS_DEFAULT 7
#define CFG_DEADLINE_DEFAULT 60

/* Set the defaults. */
void cfg_init(struct cfg *);

/*
 * Read a libconfig file. path NULL means cfg_default_path(), which need not
 * exist; otherwise a missing file is an error when must_exist is set.
 * Errors are "FILE:LINE: what was expected".
 */
int cfg_load_file(struct cfg *, const char *path, int must_exist, char **cause);

/*
 * Take the variables named in cfg_table (AZURE_TENANT_ID, ...) from the
 * environment.
 */
int cfg_load_env(struct cfg *, char **cause);

/*
 * Apply an option by its name in cfg_table, without the dashes ("tenant",
 * "client-id", "user", "plain", ...); value is NULL for a flag. The
 * program itself may also set a setting that is not on the command line
 * ("client-secret", for --demo). The first --user (--group, --column)
 * replaces the configured list, later ones append.
 */
int cfg_set_option(struct cfg *, const char *name, const char *value,
    char **cause);

/* How many settings are command-line options. */
size_t cfg_option_count(void);

/*
 * Fill o[0] to o[cfg_option_count() - 1] with getopt_long entries for the
 * settings that are command-line options, each returning val.
 */
void cfg_option_getopt(struct option *o, int val);

/* Print one option for --help: "  -c, --config FILE    what it does". */
void cfg_option_line(FILE *, int letter, const char *name, const char *arg,
    const char *help);

/* Print every setting that is a command-line option, for --help. */
void cfg_option_usage(FILE *);

/* Derive the URLs from the cloud and check the whole. */
int cfg_finish(struct cfg *, char **cause);

/*
 * Does teamtop sign in as a user (delegated: teamtop login and its
 * refresh token) rather than as the application? auth says so; without
 * it, delegated when no client secret, secret_file, secret_command or
 * certificate is configured.
 */
int cfg_delegated(const struct cfg *);

/* The name of a cloud ("global", "usgov", "dod", "china"). */
const char *cfg_cloud_name(enum cfg_cloud);

/*
 * $XDG_CONFIG_HOME/teamtop/config or ~/.config/teamtop/config, in a static
 * buffer (main thread only).
 */
const char *cfg_default_path(void);

/*
 * Where a setting (by its name in the file) was last set, for messages:
 * "FILE:LINE", "--option" or the environment variable; NULL for the
 * default.
 */
const char *cfg_origin(const struct cfg *, const char *name);

/* Free everything, wiping the secret. */
void cfg_done(struct cfg *);

#endif
