/*
 * The configuration: defaults, the libconfig file, the environment and the
 * command-line options, in that order of increasing precedence, folded into
 * one struct cfg. Loaded on the main thread before any other starts; read
 * only afterwards, so any thread may read it.
 */
#ifndef CFG_H
#define CFG_H

#include <stddef.h>

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

/*
 * A key binding from the keys group (ACTION = "KEY" or ACTION = [ "KEY",
 * ... ]), kept as written for the UI to interpret.
 */
struct cfg_key {
	char *key;    /* As written, e.g. "F5" or "C-r". */
	char *action; /* As written, e.g. "refresh". */
};

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

	/* Endpoints. */
	enum cfg_cloud cloud;
	char *graph_url; /* Root without the version; from cloud unless set. */
	char *login_url; /* Token authority root; from cloud unless set. */
	char *api;       /* "v1.0" or "beta". */
	char *ca_file;   /* Extra CA bundle, or NULL. */
	char *proxy;     /* NULL: libcurl's environment variables. */
	long timeout;    /* Seconds for a whole transfer; 0 default. */

	/* Who is watched. */
	char **users; /* UPN, mail or object id. */
	size_t nusers;
	char **groups; /* Display name or object id. */
	size_t ngroups;
	int transitive;     /* Expand nested groups. */
	long max_directory; /* Warn above this many people. */

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
	struct cfg_key *keys;
	size_t nkeys;

	char *log_file; /* Debug log, or NULL. */

	/* Private: which lists the command line has replaced. */
	int users_from_option;
	int groups_from_option;
};

#define CFG_REFRESH_DEFAULT 10
#define CFG_REFRESH_MIN 2
#define CFG_MAX_DIRECTORY_DEFAULT 5000

/* Set the defaults. */
void cfg_init(struct cfg *);

/*
 * Read a libconfig file. path NULL means cfg_default_path(), which need not
 * exist; otherwise a missing file is an error when must_exist is set.
 * Errors are "FILE:LINE: what was expected".
 */
int cfg_load_file(struct cfg *, const char *path, int must_exist, char **cause);

/* Take AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and
 * AZURE_CLIENT_CERTIFICATE_PATH from the environment. */
int cfg_load_env(struct cfg *, char **cause);

/*
 * Apply a command-line option by its long name without the dashes
 * ("tenant", "client-id", "user", "plain", ...); value is NULL for a flag.
 * The first --user (--group) replaces the configured list, later ones
 * append.
 */
int cfg_set_option(struct cfg *, const char *name, const char *value,
    char **cause);

/* Derive the URLs from the cloud and check the whole. */
int cfg_finish(struct cfg *, char **cause);

/* Is a delegated (device code) sign-in configured? */
int cfg_delegated(const struct cfg *);

/* The name of a cloud ("global", "usgov", "dod", "china"). */
const char *cfg_cloud_name(enum cfg_cloud);

/*
 * $XDG_CONFIG_HOME/teamtop/config or ~/.config/teamtop/config, in a static
 * buffer (main thread only).
 */
const char *cfg_default_path(void);

/* Free everything, wiping the secret. */
void cfg_done(struct cfg *);

#endif
