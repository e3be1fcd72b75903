/*
 * Unit tests for the configuration: good and broken files, the
 * environment, the command-line options and their precedence, and the
 * checks of cfg_finish.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cfg.h"
#include "helpers.h"
#include "xmalloc.h"

/* Load a data file; returns the cause or NULL. */
static char *
load(struct cfg *cfg, const char *name)
{
	char *path, *cause = NULL;

	xasprintf(&path, "%s/%s", TEST_DATA, name);
	if (cfg_load_file(cfg, path, 1, &cause) == 0)
		cause = NULL;
	free(path);
	return cause;
}

/* Load a broken data file and check the message. */
static void
check_broken(const char *name, const char *want)
{
	struct cfg cfg;
	char *cause, *expect;

	cfg_init(&cfg);
	cause = load(&cfg, name);
	assert_non_null(cause);
	xasprintf(&expect, "%s/%s:%s", TEST_DATA, name, want);
	assert_string_equal(cause, expect);
	free(expect);
	free(cause);
	cfg_done(&cfg);
}

/* Unset the Azure variables. */
static int
clear_env(void **state)
{
	(void)state;
	unsetenv("AZURE_TENANT_ID");
	unsetenv("AZURE_CLIENT_ID");
	unsetenv("AZURE_CLIENT_SECRET");
	unsetenv("AZURE_CLIENT_CERTIFICATE_PATH");
	return 0;
}

static void
test_defaults(void **state)
{
	struct cfg cfg;
	char *cause = NULL;

	(void)state;
	cfg_init(&cfg);
	assert_int_equal(cfg.refresh, 10);
	assert_string_equal(cfg.theme, "default");
	assert_string_equal(cfg.api, "v1.0");
	assert_int_equal(cfg.max_directory, 5000);
	assert_int_equal(cfg.cloud, CFG_CLOUD_GLOBAL);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	assert_string_equal(cfg.graph_url, "https://graph.microsoft.com");
	assert_string_equal(cfg.login_url, "https://login.microsoftonline.com");
	assert_false(cfg.plain);
	assert_false(cfg.transitive);
	assert_int_equal(cfg.nusers, 0);
	assert_null(cfg.client_secret);
	cfg_done(&cfg);
}

static void
test_good_file(void **state)
{
	struct cfg cfg;
	char *cause, *want;

	(void)state;
	setenv("HOME", "/home/tester", 1);
	cfg_init(&cfg);
	cause = load(&cfg, "cfg-good.conf");
	assert_null(cause);
	xasprintf(&want, "%s/cfg-good.conf", TEST_DATA);
	assert_string_equal(cfg.config_path, want);
	free(want);
	assert_string_equal(cfg.tenant, "contoso.onmicrosoft.com");
	assert_string_equal(cfg.client_id,
	    "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17");
	assert_string_equal(cfg.secret_command, "pass show teamtop/secret");
	assert_int_equal(cfg.cloud, CFG_CLOUD_USGOV);
	assert_string_equal(cfg.api, "beta");
	assert_string_equal(cfg.ca_file, "/etc/ssl/certs/extra.pem");
	assert_string_equal(cfg.proxy, "http://proxy.example:3128");
	assert_int_equal(cfg.timeout, 30);
	assert_int_equal(cfg.nusers, 3);
	assert_string_equal(cfg.users[0], "adele@contoso.com");
	assert_string_equal(cfg.users[2],
	    "0b1e2d3c-4f50-6172-8394-a5b6c7d8e9f0");
	assert_int_equal(cfg.ngroups, 1);
	assert_string_equal(cfg.groups[0], "Helpdesk");
	assert_true(cfg.transitive);
	assert_int_equal(cfg.max_directory, 8000);
	assert_int_equal(cfg.refresh, 5);
	assert_string_equal(cfg.theme, "high-contrast");
	assert_false(cfg.plain);
	assert_int_equal(cfg.ncolumns, 4);
	assert_string_equal(cfg.columns[3], "message");
	assert_string_equal(cfg.sort, "name");
	assert_true(cfg.sort_reverse);
	assert_string_equal(cfg.group_by, "department");
	assert_int_equal(cfg.nkeys, 4);
	assert_string_equal(cfg.keys[0].key, "F5");
	assert_string_equal(cfg.keys[0].action, "refresh");
	assert_string_equal(cfg.keys[1].key, "x");
	assert_string_equal(cfg.keys[1].action, "quit");
	assert_string_equal(cfg.keys[2].key, "C-c");
	assert_string_equal(cfg.keys[2].action, "quit");
	assert_string_equal(cfg.keys[3].key, "?");
	assert_string_equal(cfg.keys[3].action, "search");
	assert_string_equal(cfg.log_file, "/home/tester/teamtop.log");

	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	assert_string_equal(cfg.graph_url, "https://graph.microsoft.us");
	assert_string_equal(cfg.login_url, "https://login.microsoftonline.us");
	cfg_done(&cfg);
}

static void
test_broken_files(void **state)
{
	(void)state;
	check_broken("cfg-syntax.conf",
	    "3: syntax error (expected NAME = "
	    "VALUE;)");
	check_broken("cfg-type.conf",
	    "3: refresh: expected an integer, not "
	    "a string");
	check_broken("cfg-unknown.conf", "2: unknown setting 'refesh'");
	check_broken("cfg-cloud.conf",
	    "1: cloud: expected \"global\", "
	    "\"usgov\", \"dod\" or \"china\", not "
	    "'mars'");
	check_broken("cfg-api.conf",
	    "2: api: expected \"v1.0\" or \"beta\", "
	    "not 'v2.0'");
	check_broken("cfg-refresh.conf",
	    "1: refresh: expected an integer "
	    "from 2 to 86400, not 1");
}

/* Write a file in a directory; returns its path. */
static char *
write_conf(const char *dir, const char *text, mode_t mode)
{
	char *path;

	xasprintf(&path, "%s/config", dir);
	write_file(path, text, mode);
	return path;
}

static void
test_more_type_errors(void **state)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "plain = 1;\n",
		    "1: plain: expected true or false, not an "
		    "integer" },
		{ "users = [ 1, 2 ];\n",
		    "1: users: expected a list of strings, "
		    "like [\"a\", \"b\"]; element 1 is "
		    "not a string" },
		{ "\n\ntheme = true;\n",
		    "3: theme: expected a string, not a "
		    "boolean" },
		{ "graph_url = \"ftp://x\";\n",
		    "1: graph_url: expected an "
		    "http:// or https:// URL, not "
		    "'ftp://x'" },
		{ "keys = { quit = 1; };\n",
		    "1: keys: quit: expected a key "
		    "name string, or a list of them" },
		{ "keys = 5;\n",
		    "1: keys: expected a group of ACTION = "
		    "\"KEY\" settings" },
		{ "refresh = 2.5;\n",
		    "1: refresh: expected an integer, not a "
		    "number with a fraction" },
		{ "Timeout = 5;\n", "1: unknown setting 'Timeout'" },
	};
	struct cfg cfg;
	char dir[4096], *path, *cause, *want;
	size_t i;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_cfg");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		path = write_conf(dir, cases[i].text, 0644);
		cfg_init(&cfg);
		cause = NULL;
		assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), -1);
		xasprintf(&want, "%s:%s", path, cases[i].want);
		assert_string_equal(cause, want);
		free(want);
		free(cause);
		cfg_done(&cfg);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}

static void
test_missing_file(void **state)
{
	struct cfg cfg;
	char *cause = NULL;

	(void)state;
	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, "/nonexistent/teamtop.conf", 0,
	                     &cause),
	    0);
	assert_null(cfg.config_path);
	assert_int_equal(cfg_load_file(&cfg, "/nonexistent/teamtop.conf", 1,
	                     &cause),
	    -1);
	assert_string_equal(cause,
	    "/nonexistent/teamtop.conf: No such file or directory");
	free(cause);

	/* No path: the default, which need not exist. */
	setenv("XDG_CONFIG_HOME", "/nonexistent/xdg", 1);
	assert_string_equal(cfg_default_path(),
	    "/nonexistent/xdg/teamtop/config");
	assert_int_equal(cfg_load_file(&cfg, NULL, 1, &cause), 0);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/tester", 1);
	assert_string_equal(cfg_default_path(),
	    "/home/tester/.config/teamtop/config");
	cfg_done(&cfg);
}

static void
test_secret_in_readable_file_refused(void **state)
{
	struct cfg cfg;
	char dir[4096], *path, *cause = NULL;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_cfg");
	path = write_conf(dir, "client_secret = \"s3cret\";\n", 0644);
	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), -1);
	assert_non_null(strstr(cause, "chmod 600"));
	assert_null(strstr(cause, "s3cret"));
	free(cause);
	cfg_done(&cfg);

	chmod(path, 0600);
	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), 0);
	assert_string_equal(cfg.client_secret, "s3cret");
	assert_int_equal(cfg.secret_source, CFG_SOURCE_FILE);
	cfg_done(&cfg);
	unlink(path);
	free(path);
	rmdir(dir);
}

static void
test_precedence(void **state)
{
	struct cfg cfg;
	char dir[4096], *path, *cause = NULL;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_cfg");
	path = write_conf(dir,
	    "tenant = \"file-tenant\";\n"
	    "client_id = \"file-app\";\n"
	    "client_secret = \"file-secret\";\n"
	    "refresh = 30;\n"
	    "theme = \"light\";\n"
	    "users = [ \"a@x\", \"b@x\" ];\n"
	    "groups = [ \"G\" ];\n"
	    "columns = [ \"name\", \"status\" ];\n",
	    0600);
	setenv("AZURE_TENANT_ID", "env-tenant", 1);
	setenv("AZURE_CLIENT_ID", "env-app", 1);
	setenv("AZURE_CLIENT_SECRET", "env-secret", 1);

	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), 0);
	assert_int_equal(cfg_load_env(&cfg, &cause), 0);
	/* The environment beats the file. */
	assert_string_equal(cfg.tenant, "env-tenant");
	assert_string_equal(cfg.client_id, "env-app");
	assert_string_equal(cfg.client_secret, "env-secret");
	assert_int_equal(cfg.secret_source, CFG_SOURCE_ENV);
	/* The command line beats the environment and the file. */
	assert_int_equal(cfg_set_option(&cfg, "tenant", "cli-tenant", &cause),
	    0);
	assert_int_equal(cfg_set_option(&cfg, "refresh", "3", &cause), 0);
	assert_string_equal(cfg.tenant, "cli-tenant");
	assert_string_equal(cfg.client_id, "env-app");
	assert_int_equal(cfg.refresh, 3);
	assert_string_equal(cfg.theme, "light");
	/* The first --user replaces the file's list; later ones append. */
	assert_int_equal(cfg.nusers, 2);
	assert_int_equal(cfg_set_option(&cfg, "user", "c@x", &cause), 0);
	assert_int_equal(cfg_set_option(&cfg, "user", "d@x", &cause), 0);
	assert_int_equal(cfg.nusers, 2);
	assert_string_equal(cfg.users[0], "c@x");
	assert_string_equal(cfg.users[1], "d@x");
	assert_int_equal(cfg_set_option(&cfg, "group", "H", &cause), 0);
	assert_int_equal(cfg.ngroups, 1);
	assert_string_equal(cfg.groups[0], "H");
	assert_int_equal(cfg_set_option(&cfg, "column", "since", &cause), 0);
	assert_int_equal(cfg.ncolumns, 1);
	assert_string_equal(cfg.columns[0], "since");
	assert_int_equal(cfg_set_option(&cfg, "column", "name", &cause), 0);
	assert_int_equal(cfg.ncolumns, 2);
	assert_string_equal(cfg.columns[1], "name");
	assert_int_equal(cfg.nusers, 2);
	assert_int_equal(cfg_set_option(&cfg, "plain", NULL, &cause), 0);
	assert_true(cfg.plain);
	assert_int_equal(cfg_set_option(&cfg, "transitive", NULL, &cause), 0);
	assert_true(cfg.transitive);
	assert_int_equal(cfg_set_option(&cfg, "demo", NULL, &cause), 0);
	assert_true(cfg.demo);
	assert_int_equal(cfg_set_option(&cfg, "log", "/tmp/t.log", &cause), 0);
	assert_string_equal(cfg.log_file, "/tmp/t.log");
	/* The secret as an option (only the demo sets it so). */
	assert_int_equal(cfg_set_option(&cfg, "client-secret", "demo-secret",
	                     &cause),
	    0);
	assert_string_equal(cfg.client_secret, "demo-secret");
	assert_int_equal(cfg.secret_source, CFG_SOURCE_OPTION);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	cfg_done(&cfg);

	/* An empty variable does not override. */
	setenv("AZURE_TENANT_ID", "", 1);
	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), 0);
	assert_int_equal(cfg_load_env(&cfg, &cause), 0);
	assert_string_equal(cfg.tenant, "file-tenant");
	cfg_done(&cfg);

	clear_env(NULL);
	unlink(path);
	free(path);
	rmdir(dir);
}

static void
test_option_errors(void **state)
{
	static const struct {
		const char *name;
		const char *value;
		const char *want;
	} cases[] = {
		{ "refresh", "1",
		    "--refresh: expected an integer from 2 to "
		    "86400, not 1" },
		{ "refresh", "ten",
		    "--refresh: expected an integer, not "
		    "'ten'" },
		{ "cloud", "mars",
		    "--cloud: expected \"global\", \"usgov\", "
		    "\"dod\" or \"china\", not 'mars'" },
		{ "api", "v2",
		    "--api: expected \"v1.0\" or \"beta\", not "
		    "'v2'" },
		{ "graph-url", "graph.example",
		    "--graph-url: expected an "
		    "http:// or https:// URL, not "
		    "'graph.example'" },
		{ "no-such-option", "x", "--no-such-option: unknown option" },
		{ "tenant", NULL, "--tenant needs an argument" },
		{ "user", "", "--user: expected a name or id" },
	};
	struct cfg cfg;
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cfg_init(&cfg);
		cause = NULL;
		assert_int_equal(cfg_set_option(&cfg, cases[i].name,
		                     cases[i].value, &cause),
		    -1);
		assert_string_equal(cause, cases[i].want);
		free(cause);
		cfg_done(&cfg);
	}
}

static void
test_clouds(void **state)
{
	static const struct {
		const char *name;
		const char *graph;
		const char *login;
	} cases[] = {
		{ "global", "https://graph.microsoft.com",
		    "https://login.microsoftonline.com" },
		{ "usgov", "https://graph.microsoft.us",
		    "https://login.microsoftonline.us" },
		{ "dod", "https://dod-graph.microsoft.us",
		    "https://login.microsoftonline.us" },
		{ "usgov-dod", "https://dod-graph.microsoft.us",
		    "https://login.microsoftonline.us" },
	};
	struct cfg cfg;
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cfg_init(&cfg);
		assert_int_equal(cfg_set_option(&cfg, "cloud", cases[i].name,
		                     &cause),
		    0);
		assert_int_equal(cfg_finish(&cfg, &cause), 0);
		assert_string_equal(cfg.graph_url, cases[i].graph);
		assert_string_equal(cfg.login_url, cases[i].login);
		cfg_done(&cfg);
	}

	/* Presence is not available in China. */
	cfg_init(&cfg);
	assert_int_equal(cfg_set_option(&cfg, "cloud", "china", &cause), 0);
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	assert_non_null(strstr(cause, "not available"));
	free(cause);
	cfg_done(&cfg);

	/* Given URLs win over the cloud's, without trailing slashes. */
	cfg_init(&cfg);
	assert_int_equal(cfg_set_option(&cfg, "cloud", "usgov", &cause), 0);
	assert_int_equal(cfg_set_option(&cfg, "graph-url",
	                     "http://127.0.0.1:8080/", &cause),
	    0);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	assert_string_equal(cfg.graph_url, "http://127.0.0.1:8080");
	assert_string_equal(cfg.login_url, "https://login.microsoftonline.us");
	cfg_done(&cfg);
}

static void
test_finish_checks(void **state)
{
	struct cfg cfg;
	char *cause = NULL;

	(void)state;
	cfg_init(&cfg);
	assert_int_equal(cfg_set_option(&cfg, "tenant", "../evil?x=", &cause),
	    0);
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	assert_non_null(strstr(cause, "tenant"));
	free(cause);
	cfg_done(&cfg);

	cfg_init(&cfg);
	cfg.secret_file = xstrdup("/x");
	cfg.secret_command = xstrdup("true");
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	assert_string_equal(cause,
	    "secret_file and secret_command cannot both be set");
	free(cause);
	cfg_done(&cfg);

	/* A secret in the file and a secret_file are contradictory ... */
	cfg_init(&cfg);
	cfg.config_path = xstrdup("/x/config");
	cfg.client_secret = xstrdup("s");
	cfg.secret_source = CFG_SOURCE_FILE;
	cfg.secret_file = xstrdup("/x/secret");
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	assert_string_equal(cause,
	    "/x/config: client_secret and secret_file cannot both be set");
	free(cause);
	/* ... but one from the environment simply wins. */
	cfg.secret_source = CFG_SOURCE_ENV;
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	cfg_done(&cfg);

	/* auth is app or delegated. */
	cfg_init(&cfg);
	assert_int_equal(cfg_set_option(&cfg, "auth", "user", &cause), 0);
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	assert_string_equal(cause,
	    "auth: expected \"app\" or \"delegated\", not 'user'");
	free(cause);
	assert_int_equal(cfg_set_option(&cfg, "auth", "app", &cause), 0);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	assert_false(cfg_delegated(&cfg));
	cfg_done(&cfg);

	/* The working hours are HH:MM-HH:MM within a day. */
	cfg_init(&cfg);
	assert_string_equal(cfg.workday, "08:00-18:00");
	assert_int_equal(cfg_set_option(&cfg, "workday", "18:00-08:00", &cause),
	    0);
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	assert_string_equal(cause,
	    "workday: '18:00-08:00' ends before it starts (working hours "
	    "within one day)");
	free(cause);
	assert_int_equal(cfg_set_option(&cfg, "workday", "07:30-16:00", &cause),
	    0);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	cfg_done(&cfg);
}

static void
test_man_page_examples_load(void **state)
{
	char dir[4096], line[512], *path, *cause;
	FILE *man, *out = NULL;
	struct cfg cfg;
	int examples = 0;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_cfg");
	xasprintf(&path, "%s/example", dir);
	man = fopen(TEST_DATA "/../../../man/teamtop.conf.5", "r");
	assert_non_null(man);
	while (fgets(line, sizeof line, man) != NULL) {
		if (strncmp(line, ".Bd -literal", 12) == 0) {
			out = fopen(path, "w");
			assert_non_null(out);
			continue;
		}
		if (out == NULL)
			continue;
		if (strncmp(line, ".Ed", 3) != 0) {
			fputs(line, out);
			continue;
		}
		fclose(out);
		out = NULL;
		chmod(path, 0600);
		cfg_init(&cfg);
		cause = NULL;
		if (cfg_load_file(&cfg, path, 1, &cause) != 0) {
			/* The block quoting an error message is no file; a
			 * broken example is caught by the count below. */
			if (strstr(cause, "syntax error") == NULL)
				fail_msg("example %d: %s", examples + 1, cause);
			free(cause);
		} else
			examples++;
		cfg_done(&cfg);
	}
	fclose(man);
	unlink(path);
	free(path);
	rmdir(dir);
	/* The keys block and the three EXAMPLES. */
	assert_int_equal(examples, 4);
}

/* A value a setting of this type accepts, as an option's argument. */
static const char *
option_value(const struct cfg_entry *ce, char *buf, size_t len)
{
	switch (ce->type) {
	case CFG_INT:
		snprintf(buf, len, "%ld", ce->min);
		return buf;
	case CFG_URL:
		return "https://graph.example";
	case CFG_CLOUD:
		return "usgov";
	case CFG_API:
		return "beta";
	case CFG_BOOL:
		return NULL;
	default:
		return "x";
	}
}

/* Does a line of text start with want? */
static int
has_line(const char *text, const char *want)
{
	const char *p;

	for (p = text; p != NULL; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, want, strlen(want)) == 0)
			return 1;
	}
	return 0;
}

static void
test_options_come_from_the_table(void **state)
{
	const struct cfg_entry *ce;
	struct option *o;
	struct cfg cfg;
	char *usage = NULL, *want, *cause, buf[32];
	char *argv[4];
	const char *value;
	size_t len = 0, n = 0;
	FILE *f;
	int argc, idx, rc;

	(void)state;
	f = open_memstream(&usage, &len);
	assert_non_null(f);
	cfg_option_usage(f);
	fclose(f);

	o = xcalloc(cfg_option_count() + 1, sizeof *o);
	cfg_option_getopt(o, 1000);

	for (ce = cfg_table; ce->name != NULL; ce++) {
		/* A secret is never in argv, where every user can read it. */
		if (ce->type == CFG_SECRET)
			assert_false(ce->where & CFG_ARGV);
		assert_true(ce->where & (CFG_FILE | CFG_ARGV));
		if (ce->option != NULL) {
			xasprintf(&want, "--%s", ce->option);
			if (!(ce->where & CFG_ARGV))
				assert_null(strstr(usage, want));
			free(want);
		}
		if (!(ce->where & CFG_ARGV))
			continue;
		n++;
		assert_non_null(ce->option);
		assert_non_null(ce->help);
		assert_int_equal(ce->arg == NULL, ce->type == CFG_BOOL);

		/* In --help, with its argument. */
		xasprintf(&want, "      --%s%s%s ", ce->option,
		    ce->arg != NULL ? " " : "", ce->arg != NULL ? ce->arg : "");
		if (!has_line(usage, want))
			fail_msg("'%s' is not in --help:\n%s", want, usage);
		free(want);

		/* Accepted by getopt_long, and then by cfg_set_option. */
		value = option_value(ce, buf, sizeof buf);
		argc = 0;
		argv[argc++] = (char *)"teamtop";
		xasprintf(&argv[argc++], "--%s", ce->option);
		if (value != NULL)
			argv[argc++] = (char *)value;
		argv[argc] = NULL;
		optind = 0;
		opterr = 0;
		rc = getopt_long(argc, argv, "", o, &idx);
		assert_int_equal(rc, 1000);
		assert_string_equal(o[idx].name, ce->option);
		if (value != NULL)
			assert_string_equal(optarg, value);
		else
			assert_null(optarg);
		cfg_init(&cfg);
		cause = NULL;
		if (cfg_set_option(&cfg, o[idx].name, optarg, &cause) != 0)
			fail_msg("--%s: %s", ce->option, cause);
		cfg_done(&cfg);
		assert_int_equal(getopt_long(argc, argv, "", o, &idx), -1);
		free(argv[1]);
	}
	assert_int_equal(n, cfg_option_count());
	assert_null(o[n].name);

	/* The secret is refused by getopt. */
	argv[0] = (char *)"teamtop";
	argv[1] = (char *)"--client-secret";
	argv[2] = (char *)"s3cret";
	argv[3] = NULL;
	optind = 0;
	assert_int_equal(getopt_long(3, argv, "", o, &idx), '?');

	free(o);
	free(usage);
}

/* Read a manual page. */
static char *
read_page(const char *name)
{
	char *path, *text;
	size_t len = 0;
	FILE *f;

	xasprintf(&path, "%s/../../../man/%s", TEST_DATA, name);
	f = fopen(path, "r");
	assert_non_null(f);
	text = xmalloc(1 << 20);
	len = fread(text, 1, (1 << 20) - 1, f);
	text[len] = '\0';
	fclose(f);
	free(path);
	return text;
}

/* Does text name an option as "Fl \-name", not a longer one? */
static int
has_option(const char *text, const char *name, int in_item)
{
	const char *p, *line;
	char *want;
	size_t len;
	int found = 0;

	xasprintf(&want, "Fl \\-%s", name);
	len = strlen(want);
	for (p = text; (p = strstr(p, want)) != NULL; p += len) {
		if (p[len] != ' ' && p[len] != '\n')
			continue;
		for (line = p; line > text && line[-1] != '\n'; line--)
			;
		if (!in_item || strncmp(line, ".It ", 4) == 0) {
			found = 1;
			break;
		}
	}
	free(want);
	return found;
}

static void
test_manual_pages_follow_the_table(void **state)
{
	const struct cfg_entry *ce;
	char *page1, *page5, *want;

	(void)state;
	page1 = read_page("teamtop.1");
	page5 = read_page("teamtop.conf.5");
	for (ce = cfg_table; ce->name != NULL; ce++) {
		if (ce->where & CFG_FILE) {
			xasprintf(&want, "\n.It Ic %s Pq ", ce->name);
			if (strstr(page5, want) == NULL)
				fail_msg("setting %s is not in teamtop.conf.5",
				    ce->name);
			free(want);
		}
		if (ce->where & CFG_ARGV) {
			if (!has_option(page1, ce->option, 1))
				fail_msg("--%s is not in teamtop.1's OPTIONS",
				    ce->option);
		}
		if ((ce->where & CFG_FILE) && (ce->where & CFG_ARGV)) {
			if (!has_option(page5, ce->option, 0))
				fail_msg("teamtop.conf.5 does not name --%s "
				         "at %s",
				    ce->option, ce->name);
		}
		if (ce->env != NULL) {
			xasprintf(&want, "\n.It Ev %s\n", ce->env);
			if (strstr(page1, want) == NULL)
				fail_msg("%s is not in teamtop.1's "
				         "ENVIRONMENT",
				    ce->env);
			free(want);
		}
	}
	free(page1);
	free(page5);
}

/* The alerts' settings: read from the file, notify checked by name. */
static void
test_alert_settings(void **state)
{
	struct cfg cfg;
	char dir[4096], *path, *cause = NULL, *want;

	(void)state;
	cfg_init(&cfg);
	assert_int_equal(cfg.bell, 1);
	assert_string_equal(cfg.notify, "auto");
	assert_int_equal(cfg.nnotify_command, 0);
	cfg_done(&cfg);

	tmpdir_make(dir, sizeof dir, "test_cfg");
	path = write_conf(dir,
	    "bell = false;\nnotify = \"osc777\";\n"
	    "notify_command = [ \"notify-send\", \"-u\", \"low\" ];\n",
	    0644);
	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), 0);
	assert_int_equal(cfg_finish(&cfg, &cause), 0);
	assert_int_equal(cfg.bell, 0);
	assert_string_equal(cfg.notify, "osc777");
	assert_int_equal(cfg.nnotify_command, 3);
	assert_string_equal(cfg.notify_command[2], "low");
	cfg_done(&cfg);
	unlink(path);
	free(path);

	path = write_conf(dir, "\nnotify = \"growl\";\n", 0644);
	cfg_init(&cfg);
	assert_int_equal(cfg_load_file(&cfg, path, 1, &cause), 0);
	assert_int_equal(cfg_finish(&cfg, &cause), -1);
	xasprintf(&want,
	    "%s:2: notify: expected \"auto\", \"osc9\", \"osc777\" or "
	    "\"off\", not 'growl'",
	    path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	cfg_done(&cfg);
	unlink(path);
	free(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_broken_files),
		cmocka_unit_test(test_more_type_errors),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_secret_in_readable_file_refused),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_clouds),
		cmocka_unit_test(test_finish_checks),
		cmocka_unit_test(test_man_page_examples_load),
		cmocka_unit_test(test_options_come_from_the_table),
		cmocka_unit_test(test_manual_pages_follow_the_table),
		cmocka_unit_test(test_alert_settings),
	};

	return cmocka_run_group_tests_name("cfg", tests, clear_env, NULL);
}
