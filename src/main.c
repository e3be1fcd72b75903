/*
 * teamtop: argv, wiring and exit codes. Options are accepted before or
 * after the command name; the configuration is loaded in the order
 * defaults, file, environment, command line. Runs on the main thread.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cfg.h"
#include "cmd.h"
#include "log.h"
#include "poller.h"
#include "roster.h"
#include "source.h"
#include "store.h"
#include "xmalloc.h"

#include "demo.h"
#include "ui.h"

/* Long options that only main() handles. */
enum {
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_CONFIG = 'c',
	OPT_SETTING = 1000, /* Handed to cfg_set_option by name. */
	OPT_JSON,
	OPT_CSV,
	OPT_AVAILABILITY,
	OPT_ACTIVITY,
	OPT_EXPIRES,
	OPT_SESSION
};

/* Every option; settings go to the configuration under their own name. */
static const struct option main_options[] = { { "help", no_argument, NULL,
	                                          OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "availability", required_argument, NULL, OPT_AVAILABILITY },
	{ "activity", required_argument, NULL, OPT_ACTIVITY },
	{ "expires", required_argument, NULL, OPT_EXPIRES },
	{ "session", required_argument, NULL, OPT_SESSION },
	{ "tenant", required_argument, NULL, OPT_SETTING },
	{ "client-id", required_argument, NULL, OPT_SETTING },
	{ "cloud", required_argument, NULL, OPT_SETTING },
	{ "graph-url", required_argument, NULL, OPT_SETTING },
	{ "login-url", required_argument, NULL, OPT_SETTING },
	{ "api", required_argument, NULL, OPT_SETTING },
	{ "ca-file", required_argument, NULL, OPT_SETTING },
	{ "log", required_argument, NULL, OPT_SETTING },
	{ "user", required_argument, NULL, OPT_SETTING },
	{ "group", required_argument, NULL, OPT_SETTING },
	{ "transitive", no_argument, NULL, OPT_SETTING },
	{ "demo", no_argument, NULL, OPT_SETTING },
	{ "refresh", required_argument, NULL, OPT_SETTING },
	{ "theme", required_argument, NULL, OPT_SETTING },
	{ "plain", no_argument, NULL, OPT_SETTING }, { NULL, 0, NULL, 0 } };

/* A setting from the command line, applied after the file and environment. */
struct main_setting {
	const char *name;
	const char *value; /* NULL for a flag. */
};

/* Print the global usage. */
static void
main_usage(FILE *f)
{
	fprintf(f,
	    "usage: teamtop [options] [command [options] [args]]\n"
	    "\n"
	    "With no command, teamtop shows the presence dashboard.\n"
	    "\n"
	    "Commands:\n");
	cmd_usage_list(f);
	fprintf(f,
	    "\n"
	    "Options (before or after the command):\n"
	    "  -c, --config FILE     configuration file\n"
	    "      --tenant ID       tenant id or domain\n"
	    "      --client-id ID    application (client) id\n"
	    "      --cloud NAME      global, usgov, dod or china\n"
	    "      --graph-url URL   Graph root (for graphsim)\n"
	    "      --login-url URL   token authority root (for graphsim)\n"
	    "      --api VERSION     v1.0 (default) or beta\n"
	    "      --ca-file FILE    extra CA certificates\n"
	    "      --log FILE        write a debug log\n"
	    "      --user USER       watch a user (UPN, mail or id); repeatable\n"
	    "      --group GROUP     watch a group's members; repeatable\n"
	    "      --transitive      expand groups through nested groups\n"
	    "      --json, --csv     output for scripts\n"
	    "      --demo            run against a simulated tenant\n"
	    "      --refresh SECS    dashboard refresh interval\n"
	    "      --theme NAME      dashboard theme\n"
	    "      --plain           no colour\n"
	    "  -h, --help            this help, or a command's with a command\n"
	    "  -V, --version         print the version\n"
	    "\n"
	    "Run 'teamtop COMMAND --help' for a command's options, and see "
	    "teamtop(1).\n");
}

/* Load the configuration: defaults, file, environment, command line. */
static int
main_load(struct cfg *cfg, const char *file, struct main_setting *settings,
    size_t nsettings)
{
	char *cause = NULL;
	size_t i;

	cfg_init(cfg);
	if (cfg_load_file(cfg, file, file != NULL, &cause) != 0)
		goto fail;
	if (cfg_load_env(cfg, &cause) != 0)
		goto fail;
	for (i = 0; i < nsettings; i++) {
		if (cfg_set_option(cfg, settings[i].name, settings[i].value,
		        &cause) != 0)
			goto fail;
	}
	if (cfg_finish(cfg, &cause) != 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "teamtop: %s\n", cause);
	free(cause);
	cfg_done(cfg);
	return -1;
}

/* The store the roster's warnings go to while the dashboard runs. */
static struct store *main_warn_store;

/* A roster warning (on the poller thread) becomes a notice of the store. */
static void
main_warn(const char *message)
{
	struct store *store =
	    __atomic_load_n(&main_warn_store, __ATOMIC_ACQUIRE);

	if (store != NULL)
		store_notice(store, "%s", message);
	else
		fprintf(stderr, "teamtop: warning: %s\n", message);
}

/* Run the dashboard on the poller as its data source. */
static int
main_dashboard(struct cfg *cfg)
{
	struct source *src;
	char *cause;
	int rc;

	roster_set_warn(main_warn);
	if ((src = poller_source_new(cfg, &cause)) == NULL) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		roster_set_warn(NULL);
		return 2;
	}
	__atomic_store_n(&main_warn_store, src->store, __ATOMIC_RELEASE);
	rc = ui_run(cfg, src);
	source_free(src);
	main_warn_store = NULL;
	roster_set_warn(NULL);
	return rc;
}

/* Run the dashboard or a command, against the demo tenant with --demo. */
static int
main_run(struct cfg *cfg, const struct cmd_entry *ce, struct cmd_args *args)
{
	struct demo *demo = NULL;
	char *cause = NULL;
	int rc;

	if (cfg->demo && demo_start(cfg, &demo, &cause) != 0) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		return 2;
	}
	if (ce == NULL)
		rc = main_dashboard(cfg);
	else {
		args->cfg = cfg;
		rc = ce->exec(args);
	}
	demo_stop(demo);
	return rc;
}

/* Parse the command line, load the configuration and run. */
int
main(int argc, char **argv)
{
	struct main_setting *settings;
	struct cmd_args args;
	struct cfg cfg;
	const struct cmd_entry *ce = NULL;
	const char *file = NULL;
	char *cause = NULL;
	size_t nsettings = 0;
	int opt, idx, help = 0, rc;

	setlocale(LC_ALL, "");
	memset(&args, 0, sizeof args);
	settings = xcalloc((size_t)argc + 1, sizeof *settings);

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":hVc:", main_options, &idx)) !=
	    -1) {
		switch (opt) {
		case OPT_HELP:
			help = 1;
			break;
		case OPT_VERSION:
			printf("teamtop %s\n", PACKAGE_VERSION);
			free(settings);
			return 0;
		case OPT_CONFIG:
			file = optarg;
			break;
		case OPT_JSON:
			args.format = CMD_FORMAT_JSON;
			break;
		case OPT_CSV:
			args.format = CMD_FORMAT_CSV;
			break;
		case OPT_AVAILABILITY:
			args.availability = optarg;
			break;
		case OPT_ACTIVITY:
			args.activity = optarg;
			break;
		case OPT_EXPIRES:
			args.expires = optarg;
			break;
		case OPT_SESSION:
			args.session = optarg;
			break;
		case OPT_SETTING:
			settings[nsettings].name = main_options[idx].name;
			settings[nsettings].value = optarg;
			nsettings++;
			break;
		case ':':
			fprintf(stderr, "teamtop: %s needs an argument\n",
			    argv[optind - 1]);
			free(settings);
			return 2;
		default:
			if (optopt != 0)
				fprintf(stderr, "teamtop: unknown option -%c\n",
				    optopt);
			else
				fprintf(stderr, "teamtop: unknown option %s\n",
				    argv[optind - 1]);
			fprintf(stderr, "Try 'teamtop --help'.\n");
			free(settings);
			return 2;
		}
	}

	if (optind < argc) {
		if ((ce = cmd_find(argv[optind])) == NULL) {
			fprintf(stderr, "teamtop: unknown command '%s'\n",
			    argv[optind]);
			fprintf(stderr, "Try 'teamtop --help'.\n");
			free(settings);
			return 2;
		}
		optind++;
	}
	if (help) {
		if (ce != NULL)
			cmd_help(ce, stdout);
		else
			main_usage(stdout);
		free(settings);
		return 0;
	}
	if (ce == NULL &&
	    (args.format != CMD_FORMAT_TABLE || args.availability != NULL ||
	        args.activity != NULL || args.expires != NULL ||
	        args.session != NULL)) {
		fprintf(stderr,
		    "teamtop: command options given without a "
		    "command\n");
		free(settings);
		return 2;
	}

	if (main_load(&cfg, file, settings, nsettings) != 0) {
		free(settings);
		return 2;
	}
	free(settings);
	if (cfg.log_file != NULL && log_open(cfg.log_file, &cause) != 0) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		cfg_done(&cfg);
		return 2;
	}

	curl_global_init(CURL_GLOBAL_DEFAULT);
	args.argc = argc - optind;
	args.argv = argv + optind;
	rc = main_run(&cfg, ce, &args);
	curl_global_cleanup();
	cfg_done(&cfg);
	log_close();
	return rc;
}
