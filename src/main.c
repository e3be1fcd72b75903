/*
 * teamtop: argv, wiring and exit codes. Options are accepted before or
 * after the command name; the configuration is loaded in the order
 * defaults, file, environment, command line. Runs on the main thread.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <curl/curl.h>

#include "cfg.h"
#include "cmd.h"
#include "completion.h"
#include "cred.h"
#include "log.h"
#include "poller.h"
#include "roster.h"
#include "source.h"
#include "store.h"
#include "xmalloc.h"

#include "demo.h"
#include "pg.h"
#include "pgsource.h"
#include "ui.h"
#include "view.h"

/* What getopt_long returns for each option. */
enum {
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_CONFIG = 'c',
	OPT_SETTING = 1000, /* Handed to cfg_set_option by name. */
	OPT_JSON,
	OPT_CSV,
	OPT_CSV_SAFE,
	OPT_DRY_RUN,
	OPT_HOLD,
	OPT_KEEP,
	OPT_UNTIL,
	OPT_ANY,
	OPT_SINCE,
	OPT_FORGET,
	OPT_FROM,
	OPT_AVAILABILITY,
	OPT_ACTIVITY,
	OPT_EXPIRES,
	OPT_SESSION,
	OPT_BROWSER,
	OPT_PLACE,
	OPT_UNTIL_TODAY,
	OPT_AUTOMATIC,
	OPT_DAY,
	OPT_INIT_ROLES
};

/*
 * The options, in the order --help lists them: main()'s own, and in the
 * entry without a name those of the settings in cfg_table.
 */
static const struct main_option {
	const char *name;
	int val;          /* A letter is also the short option. */
	const char *arg;  /* The argument in --help; NULL for a flag. */
	const char *help; /* NULL: a command's, listed by its own help. */
} main_options[] = {
	{ "config", OPT_CONFIG, "FILE", "configuration file" },
	{ NULL, OPT_SETTING, NULL, NULL },
	{ "json", OPT_JSON, NULL, "one JSON document (commands)" },
	{ "csv", OPT_CSV, NULL, "CSV with a header row (commands)" },
	{ "csv-safe", OPT_CSV_SAFE, NULL,
	    "CSV whose cells a spreadsheet cannot run as formulas" },
	{ "availability", OPT_AVAILABILITY, "A", NULL },
	{ "activity", OPT_ACTIVITY, "B", NULL },
	{ "expires", OPT_EXPIRES, "WHEN", NULL },
	{ "session", OPT_SESSION, "ID", NULL },
	{ "from", OPT_FROM, "FILE", NULL },
	{ "dry-run", OPT_DRY_RUN, NULL, NULL },
	{ "hold", OPT_HOLD, NULL, NULL },
	{ "keep", OPT_KEEP, NULL, NULL },
	{ "until", OPT_UNTIL, "A", NULL },
	{ "any", OPT_ANY, NULL, NULL },
	{ "since", OPT_SINCE, "WHEN", NULL },
	{ "forget", OPT_FORGET, NULL, NULL },
	{ "day", OPT_DAY, "DATE", NULL },
	{ "browser", OPT_BROWSER, NULL, NULL },
	{ "place", OPT_PLACE, "ID", NULL },
	{ "until-today", OPT_UNTIL_TODAY, NULL, NULL },
	{ "automatic", OPT_AUTOMATIC, NULL, NULL },
	{ "init-roles", OPT_INIT_ROLES, NULL, NULL },
	{ "help", OPT_HELP, NULL, "this help, or a command's with a command" },
	{ "version", OPT_VERSION, NULL, "print the version" },
};
#define MAIN_NOPTIONS (sizeof main_options / sizeof main_options[0])

/* A setting from the command line, applied after the file and environment. */
struct main_setting {
	const char *name;
	const char *value; /* NULL for a flag. */
};

/* Build getopt_long's long options and short option string. */
static struct option *
main_getopt(char *shorts, size_t size)
{
	const struct main_option *mo;
	struct option *o, *p;
	size_t i, n = 0;

	/* The unnamed entry's place is the zero entry that ends the table. */
	o = xcalloc(MAIN_NOPTIONS + cfg_option_count(), sizeof *o);
	p = o;
	n += (size_t)snprintf(shorts, size, ":");
	for (i = 0; i < MAIN_NOPTIONS; i++) {
		mo = &main_options[i];
		if (mo->name == NULL) {
			cfg_option_getopt(p, mo->val);
			p += cfg_option_count();
			continue;
		}
		p->name = mo->name;
		p->has_arg = mo->arg != NULL ? required_argument : no_argument;
		p->val = mo->val;
		p++;
		if (mo->val < OPT_SETTING && n < size) {
			n += (size_t)snprintf(shorts + n, size - n, "%c%s",
			    mo->val, mo->arg != NULL ? ":" : "");
		}
	}
	return o;
}

/* Print the global usage. */
static void
main_usage(FILE *f)
{
	const struct main_option *mo;
	size_t i;

	fprintf(f,
	    "usage: teamtop [options] [command [options] [args]]\n"
	    "\n"
	    "With no command, teamtop shows the presence dashboard.\n"
	    "\n"
	    "Commands:\n");
	cmd_usage_list(f);
	fprintf(f, "\nOptions (before or after the command):\n");
	for (i = 0; i < MAIN_NOPTIONS; i++) {
		mo = &main_options[i];
		if (mo->name == NULL)
			cfg_option_usage(f);
		else if (mo->help != NULL) {
			cfg_option_line(f, mo->val < OPT_SETTING ? mo->val : 0,
			    mo->name, mo->arg, mo->help);
		}
	}
	fprintf(f,
	    "\n"
	    "Run 'teamtop help COMMAND' for a command's options, and see "
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
	if (cfg->db != NULL)
		src = pgsource_new(cfg, &cause);
	else
		src = poller_source_new(cfg, &cause);
	if (src == NULL) {
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

/* Refuse a password in a database URL given on the command line. */
static int
main_check_db(const struct cfg *cfg)
{
	const char *origin = cfg_origin(cfg, "db");
	char *cause = NULL;

	if (pg_check_url(cfg->db,
	        origin != NULL && strncmp(origin, "--", 2) == 0, &cause) == 0)
		return 0;
	fprintf(stderr, "teamtop: %s\n", cause);
	free(cause);
	return -1;
}

/* Run the dashboard or a command, against the demo tenant with --demo. */
static int
main_run(struct cfg *cfg, const struct cmd_entry *ce, struct cmd_args *args)
{
	char *cause = NULL;
	int rc;

	/* A terminal that cannot show the dashboard stops it before it starts. */
	if (ce == NULL && ui_check_terminal(&cause) != 0) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		return 2;
	}
	/* A database named on the command line holds no password. */
	if (cfg->db != NULL && main_check_db(cfg) != 0)
		return 2;
	/* Signed in as oneself, the dashboard needs teamtop login first. */
	if (ce == NULL && !cfg->demo && cfg->db == NULL && cfg_delegated(cfg) &&
	    !cred_signed_in()) {
		fprintf(stderr,
		    "teamtop: not signed in: run teamtop login to sign in as "
		    "yourself (or configure a client secret or certificate to "
		    "sign in as the application)\n");
		return 3;
	}
	/* teamtop demo looks after the demo graphsim; it needs none. */
	if (cfg->demo && (ce == NULL || ce->exec != cmd_demo_exec) &&
	    demo_start(cfg, &cause) != 0) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		return 2;
	}
	if (ce == NULL)
		rc = main_dashboard(cfg);
	else {
		args->cfg = cfg;
		args->entry = ce;
		rc = cfg->db != NULL ? cmd_db_exec(args) : ce->exec(args);
	}
	return rc;
}

/*
 * Keep secrets out of core dumps and away from debuggers of the same user,
 * and keep the standard descriptors taken: a closed one is opened on
 * /dev/null (for reading, so that writes to a closed stdout still fail)
 * so that no socket or file of ours can become fd 1 and receive output.
 */
static void
main_protect(void)
{
	struct rlimit rl = { 0, 0 };
	int fd;

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &rl);
	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) != fd)
			_exit(2);
	}
	/* A closed pipe is a write error, so that cleanup still runs. */
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Flush and close stdout, saying why if the output could not be written
 * (a full disk, a closed stdout); a reader that went away is not worth a
 * word. Returns the status to exit with.
 */
static int
main_close_stdout(int rc)
{
	int failed;

	failed = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		failed = 1;
	if (!failed)
		return rc;
	if (errno != EPIPE)
		fprintf(stderr, "teamtop: cannot write the output: %s\n",
		    strerror(errno));
	return rc != 0 ? rc : 1;
}

/*
 * For wait, --timeout is how long to wait (a duration), not the setting
 * that bounds one transfer: take it out of the settings.
 */
static void
main_wait_timeout(struct main_setting *settings, size_t *n,
    struct cmd_args *args)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		if (strcmp(settings[i].name, "timeout") == 0)
			args->wait_timeout = settings[i].value;
		else
			settings[k++] = settings[i];
	}
	*n = k;
}

/* teamtop help [COMMAND]: the usage, or a command's help. */
static int
main_help(int argc, char **argv)
{
	const struct cmd_entry *ce;

	if (argc < 1) {
		main_usage(stdout);
		return main_close_stdout(0);
	}
	if ((ce = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, "teamtop: unknown command '%s'\n", argv[0]);
		fprintf(stderr, "Try 'teamtop help'.\n");
		return 2;
	}
	cmd_help(ce, stdout);
	return main_close_stdout(0);
}

/* teamtop completion SHELL: the completion script for bash, zsh or fish. */
static int
main_completion(int argc, char **argv)
{
	const char *columns[COL__COUNT];
	struct option *options;
	char shorts[64];
	int i, rc;

	if (argc != 1) {
		fprintf(stderr, "usage: teamtop completion bash|zsh|fish\n");
		return 2;
	}
	for (i = 0; i < COL__COUNT; i++)
		columns[i] = view_col_name((enum view_col)i);
	options = main_getopt(shorts, sizeof shorts);
	rc = completion_print(stdout, argv[0], options, columns, COL__COUNT);
	free(options);
	if (rc != 0) {
		fprintf(stderr,
		    "teamtop: no completion for the shell '%s' "
		    "(bash, zsh or fish)\n",
		    argv[0]);
		return 2;
	}
	return main_close_stdout(0);
}

/* Parse the command line, load the configuration and run. */
int
main(int argc, char **argv)
{
	struct main_setting *settings;
	struct option *options;
	struct cmd_args args;
	struct cfg cfg;
	const struct cmd_entry *ce = NULL;
	const char *file = NULL;
	const char *arg;
	char *cause = NULL, shorts[32];
	size_t nsettings = 0;
	int opt, idx, help = 0, rc;

	main_protect();
	setlocale(LC_ALL, "");
	memset(&args, 0, sizeof args);
	settings = xcalloc((size_t)argc + 1, sizeof *settings);
	options = main_getopt(shorts, sizeof shorts);

	opterr = 0;
	while ((opt = getopt_long(argc, argv, shorts, options, &idx)) != -1) {
		switch (opt) {
		case OPT_HELP:
			help = 1;
			break;
		case OPT_VERSION:
			printf("teamtop %s\n", PACKAGE_VERSION);
			free(options);
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
		case OPT_CSV_SAFE:
			args.format = CMD_FORMAT_CSV;
			args.csv_safe = 1;
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
		case OPT_FROM:
			args.from = optarg;
			break;
		case OPT_DRY_RUN:
			args.dry_run = 1;
			break;
		case OPT_HOLD:
			args.hold = 1;
			break;
		case OPT_KEEP:
			args.keep = 1;
			break;
		case OPT_UNTIL:
			args.until = optarg;
			break;
		case OPT_ANY:
			args.any = 1;
			break;
		case OPT_SINCE:
			args.since = optarg;
			break;
		case OPT_FORGET:
			args.forget = 1;
			break;
		case OPT_DAY:
			args.day = optarg;
			break;
		case OPT_BROWSER:
			args.browser = 1;
			break;
		case OPT_PLACE:
			args.place = optarg;
			break;
		case OPT_UNTIL_TODAY:
			args.until_today = 1;
			break;
		case OPT_AUTOMATIC:
			args.automatic = 1;
			break;
		case OPT_INIT_ROLES:
			args.init_roles = 1;
			break;
		case OPT_SETTING:
			settings[nsettings].name = options[idx].name;
			settings[nsettings].value = optarg;
			nsettings++;
			break;
		case ':':
			fprintf(stderr, "teamtop: %s needs an argument\n",
			    argv[optind - 1]);
			free(options);
			free(settings);
			return 2;
		default:
			/*
			 * optopt is 0 for an unknown long option, the
			 * option's value for a flag given an argument, and
			 * the letter for an unknown short option.
			 */
			arg = argv[optind - 1];
			if (optopt == 0) {
				fprintf(stderr, "teamtop: unknown option %s\n",
				    arg);
			} else if (optopt >= OPT_SETTING ||
			    (optopt != ':' && strchr(shorts, optopt) != NULL)) {
				fprintf(stderr,
				    "teamtop: %.*s does not take an "
				    "argument\n",
				    (int)strcspn(arg, "="), arg);
			} else {
				fprintf(stderr, "teamtop: unknown option -%c\n",
				    optopt);
			}
			fprintf(stderr, "Try 'teamtop --help'.\n");
			free(options);
			free(settings);
			return 2;
		}
	}
	free(options);

	if (optind < argc && strcmp(argv[optind], "help") == 0) {
		free(settings);
		return main_help(argc - optind - 1, argv + optind + 1);
	}
	if (optind < argc && strcmp(argv[optind], "completion") == 0) {
		free(settings);
		return main_completion(argc - optind - 1, argv + optind + 1);
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
	if (ce != NULL && ce->exec == cmd_wait_exec)
		main_wait_timeout(settings, &nsettings, &args);
	if (help) {
		if (ce != NULL)
			cmd_help(ce, stdout);
		else
			main_usage(stdout);
		free(settings);
		return 0;
	}
	if (ce == NULL &&
	    (args.format != CMD_FORMAT_TABLE || args.csv_safe ||
	        args.from != NULL || args.dry_run || args.hold || args.keep ||
	        args.until != NULL || args.any || args.since != NULL ||
	        args.forget || args.availability != NULL ||
	        args.activity != NULL || args.expires != NULL ||
	        args.session != NULL || args.browser || args.place != NULL ||
	        args.until_today || args.automatic || args.day != NULL ||
	        args.init_roles)) {
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
	if (ui_check_config(&cfg, &cause) != 0) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		cfg_done(&cfg);
		return 2;
	}
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
	if (ce != NULL)
		rc = main_close_stdout(rc);
	return rc;
}
