/*
 * The table of one-shot commands and what they share: help, error
 * reporting with the exit statuses, the Graph client, durations and
 * date-times from the command line, and printing the rows.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "cmd.h"
#include "cred.h"
#include "duration.h"
#include "graph.h"
#include "output.h"
#include "presence.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* A macro's value as a string literal, for the help texts. */
#define CMD_STR(x) #x
#define CMD_XSTR(x) CMD_STR(x)

/* The options every writing command takes to write to many people. */
#define CMD_BULK_HELP                                                          \
	"  --from FILE        also the people in FILE, one a line (- for "     \
	"stdin)\n"                                                             \
	"  --user U           also U; repeatable (the command line's only)\n"  \
	"  --group G          also G's members; repeatable\n"                  \
	"  --dry-run          say what would be sent to whom; send nothing\n"  \
	"  --json             one JSON record per person\n"                    \
	"\n"                                                                   \
	"One result line per person; if any fails, the exit status is not "    \
	"0.\n"

/* Every command, in the order help lists them. */
const struct cmd_entry cmd_table[] = {
	{ "get", "[--json | --csv] [USER...]",
	    "show the presence of people (the roster without USER)",
	    "USER is a user principal name, a mail address or an object id.\n"
	    "With no USER, the configured users and groups are read (or the\n"
	    "whole directory when none are configured).\n"
	    "\n"
	    "  --json   one JSON document: {\"value\": [...]}, Graph's names\n"
	    "  --csv    RFC 4180 CSV with a header row\n"
	    "\n"
	    "Example: teamtop get alice@contoso.com bob@contoso.com\n",
	    cmd_get_exec, -1 },
	{ "set",
	    "USER... --availability A --activity B [--expires DURATION] "
	    "[--session ID] [--hold [--keep]]",
	    "set presence through the app's session (setPresence)",
	    "  --availability A   the base state\n"
	    "  --activity B       the supplemental state\n"
	    "  --expires D        5 minutes to 4 hours: PT1H30M, 90m, 1h30m\n"
	    "                     (default: Graph's, 5 minutes)\n"
	    "  --session ID       the session to set (default: the app's id)\n" CMD_BULK_HELP
	    "\n"
	    "Example: teamtop set alice@contoso.com --availability Busy \\\n"
	    "             --activity InACall --expires 1h\n",
	    cmd_set_exec, PRESENCE_SET },
	{ "clear", "USER... [--session ID]",
	    "clear the app's presence session (clearPresence)",
	    "  --session ID   the session to clear (default: the app's id)\n" CMD_BULK_HELP
	    "\n"
	    "Example: teamtop clear alice@contoso.com\n",
	    cmd_clear_exec, -1 },
	{ "prefer",
	    "USER... --availability A --activity B [--expires DURATION]",
	    "set the preferred presence (setUserPreferredPresence)",
	    "Without --expires Graph keeps it 1 day (Busy, DoNotDisturb) or\n"
	    "7 days (the others).\n"
	    "\n"
	    "  --availability A   the base state\n"
	    "  --activity B       the supplemental state\n"
	    "  --expires D        how long: PT8H, 8h, 90m, friday\n" CMD_BULK_HELP
	    "\n"
	    "Example: teamtop prefer alice@contoso.com --availability "
	    "DoNotDisturb \\\n"
	    "             --activity DoNotDisturb --expires 2h\n",
	    cmd_prefer_exec, PRESENCE_PREFERRED },
	{ "unprefer", "USER...",
	    "clear the preferred presence (clearUserPreferredPresence)",
	    CMD_BULK_HELP "\n"
	                  "Example: teamtop unprefer alice@contoso.com\n",
	    cmd_unprefer_exec, -1 },
	{ "status", "USER [--expires WHEN] MESSAGE",
	    "set the status message (\"\" clears it)",
	    "  --expires WHEN   a duration (2h, PT30M), a local date-time\n"
	    "                   (2026-03-02 17:00, 17:00 for today), today,\n"
	    "                   tomorrow, friday, this-week or never\n" CMD_BULK_HELP
	    "\n"
	    /* The limit is a macro inside the text. */
	    /* clang-format off */
	    "With --from, --user or --group, MESSAGE is the only operand.\n"
	    "Put -- before a MESSAGE that starts with a dash. A MESSAGE\n"
	    "may have at most " CMD_XSTR(PRESENCE_STATUS_MAX) " characters, "
	    "as in Teams.\n"
	    "\n"
	    "Example: teamtop status alice@contoso.com --expires 2h "
	    "'At the dentist'\n",
	    /* clang-format on */
	    cmd_status_exec, -1 },
	{ "wait", "USER... --until AVAILABILITY [--any] [--timeout DURATION]",
	    "wait until people are in an availability",
	    "Polls everyone named with one request each refresh, prints each\n"
	    "change, and exits 0 when all of them (with --any, one) are in\n"
	    "AVAILABILITY (Available, Busy, DoNotDisturb, BeRightBack, Away,\n"
	    "Offline; Available also counts AvailableIdle), or 5 when the\n"
	    "time given runs out.\n"
	    "\n"
	    "  --until A      the availability to wait for\n"
	    "  --any          one of the people is enough\n"
	    "  --timeout D    give up after D (90s, 10m, PT1H); default never\n"
	    "\n"
	    "Example: teamtop wait alice@contoso.com --until Available "
	    "--timeout 2h\n",
	    cmd_wait_exec, -1 },
	{ "history",
	    "USER... [--since WHEN] [--until WHEN] [--json | --csv], or "
	    "--forget USER...",
	    "the presence history the dashboard recorded",
	    "Every change of availability, activity, status message, out of\n"
	    "office and work location the dashboard saw, with its time, kept\n"
	    "history_days (default 7) in the state directory.\n"
	    "\n"
	    "  --since WHEN   from then: 2h (ago), today, yesterday, 09:00,\n"
	    "                 2026-03-02 09:00\n"
	    "  --until WHEN   until then, the same way\n"
	    "  --forget       delete everything recorded about these people\n"
	    "\n"
	    "Example: teamtop history bob@contoso.com --since today\n",
	    cmd_history_exec, -1 },
	{ "report", "[USER...] [--group G] [--day DATE] [--json | --csv]",
	    "time in each availability during working hours, from the history",
	    "For each person (the users named, --user and --group, or else the\n"
	    "configured roster), the time spent in each availability during\n"
	    "the working hours of a day (workday, default 08:00-18:00), as\n"
	    "the dashboard recorded it; notRecorded is the time no dashboard\n"
	    "was recording.\n"
	    "\n"
	    "  --day DATE     today (the default), yesterday, or 2026-03-02\n"
	    "\n"
	    "Example: teamtop report --group Helpdesk --day yesterday\n",
	    cmd_report_exec, -1 },
	{ "me", "[--json | --csv]",
	    "show your own presence (delegated sign-in only)",
	    "/me/presence needs a signed-in user; with the application's\n"
	    "own credentials (client secret or certificate) use get.\n"
	    "\n"
	    "Example: teamtop me\n",
	    cmd_me_exec, -1 },
	{ "groups", "[--json | --csv] [PATTERN]",
	    "list the directory's groups with their member counts",
	    "PATTERN keeps the groups whose name holds it, ignoring case and\n"
	    "accents; with * or ? it is a wildcard pattern for the whole name.\n"
	    "MEMBERS counts the direct members, people and groups.\n"
	    "\n"
	    "  --json   one JSON document: {\"value\": [...]}, Graph's names\n"
	    "  --csv    RFC 4180 CSV with a header row\n"
	    "\n"
	    "Example: teamtop groups helpdesk\n",
	    cmd_groups_exec, -1 },
	{ "export", "[--json | --csv]",
	    "every person of the roster with their presence",
	    "Reads the configured users and groups (or the whole directory)\n"
	    "and everyone's presence once.\n"
	    "\n"
	    "Example: teamtop export --csv > presence.csv\n",
	    cmd_export_exec, -1 },
	{ "login", "[--browser]", "sign in as yourself (delegated)",
	    "Signs in with a code to enter in a browser on any device (the\n"
	    "device code flow, which works over SSH), and keeps the refresh\n"
	    "token in the state directory for the commands and the dashboard.\n"
	    "\n"
	    "  --browser   sign in with a browser on this computer instead\n"
	    "              (authorization code with PKCE on a loopback\n"
	    "              redirect), where device code sign-in is blocked\n"
	    "\n"
	    "Example: teamtop login\n",
	    cmd_login_exec, -1 },
	{ "location",
	    "set office|remote|timeOff [--place ID] [--until-today] | "
	    "clear [--automatic]",
	    "set or clear your own work location (signed in as yourself)",
	    "  set TYPE        office, remote or timeOff, as the automatic\n"
	    "                  location (setAutomaticLocation), which a\n"
	    "                  location set for today still beats\n"
	    "  --until-today   as your location for today, over the\n"
	    "                  automatic and scheduled ones (setManualLocation)\n"
	    "  --place ID      the place, such as a building's id\n"
	    "  clear           clear today's and the automatic location\n"
	    "                  (clearLocation)\n"
	    "  --automatic     clear the automatic location only\n"
	    "                  (clearAutomaticLocation)\n"
	    "\n"
	    "Example: teamtop location set office --place bldg-7 "
	    "--until-today\n",
	    cmd_location_exec, -1 },
	{ "logout", "", "forget the sign-in of teamtop login",
	    "Removes the stored refresh token. The sign-in session itself\n"
	    "ends when it expires or is revoked.\n"
	    "\n"
	    "Example: teamtop logout\n",
	    cmd_logout_exec, -1 },
	{ "demo", "[status | stop]", "the shared graphsim of --demo",
	    "The first --demo command starts the bundled graphsim in the\n"
	    "background; later ones use it, until it has had no request for\n"
	    "15 minutes ($TEAMTOP_DEMO_IDLE).\n"
	    "\n"
	    "  status   its address and pid (the default); exit status 1\n"
	    "           when none runs\n"
	    "  stop     stop it: the next --demo starts a fresh tenant\n"
	    "\n"
	    "Example: teamtop demo stop\n",
	    cmd_demo_exec, -1 },
	{ "serve", "--db URL | --init-roles",
	    "poll Graph once for every operator into PostgreSQL",
	    "Polls the union of what the configuration and the dashboards\n"
	    "connected with --db watch, writes what changed to the database\n"
	    "(creating and upgrading its schema) and NOTIFYs it, and performs\n"
	    "the writes that operators queue. Several may run: one polls, the\n"
	    "others stand by and take over within one refresh interval.\n"
	    "\n"
	    "  --db URL       postgresql://... or a conninfo; a password goes\n"
	    "                 in PGPASSWORD, ~/.pgpass or a service file\n"
	    "  --init-roles   print the SQL of the reader and operator roles\n"
	    "\n"
	    "Example: teamtop serve --db postgresql:///teamtop\n",
	    cmd_serve_exec, -1 },
	{ NULL, NULL, NULL, NULL, NULL, -1 }
};

/* Find a command by name. */
const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *ce;

	for (ce = cmd_table; ce->name != NULL; ce++) {
		if (strcmp(ce->name, name) == 0)
			return ce;
	}
	return NULL;
}

/* List the commands with their summaries, for the global usage. */
void
cmd_usage_list(FILE *f)
{
	const struct cmd_entry *ce;

	for (ce = cmd_table; ce->name != NULL; ce++)
		fprintf(f, "  %-9s %s\n", ce->name, ce->summary);
}

/* Print a command's help. */
void
cmd_help(const struct cmd_entry *ce, FILE *f)
{
	fprintf(f, "usage: teamtop %s %s\n\n%s.\n\n", ce->name, ce->usage,
	    ce->summary);
	if (ce->pairs >= 0)
		fprintf(f, "Valid pairs: %s.\n\n",
		    presence_pairs_string((enum presence_method)ce->pairs));
	fputs(ce->help, f);
	fprintf(f, "\nGlobal options are listed by 'teamtop --help'.\n");
}

/* Report a usage error for a command; returns the exit status, 2. */
int
cmd_usage_error(const struct cmd_entry *ce, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "teamtop %s: ", ce->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: teamtop %s %s\n", ce->name, ce->usage);
	return 2;
}

/*
 * Print a failed call on stderr, each line of its message sanitised (a
 * name of several people lists them one a line); returns its exit status.
 */
int
cmd_fail(const char *name, const struct graph_error *e)
{
	char *s, *line, *save, *clean;
	int first = 1;

	s = graph_error_string(e);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		clean = text_sanitize(line);
		if (first)
			fprintf(stderr, "teamtop %s: %s\n", name, clean);
		else
			fprintf(stderr, "%s\n", clean);
		free(clean);
		first = 0;
	}
	free(s);
	if (e->kind == GRAPH_OK)
		return 1;
	return (int)e->kind;
}

/*
 * The delegated permissions a command's access tokens ask for: the least
 * it needs, each among those teamtop login asked for (CRED_SCOPE_LOGIN).
 */
static unsigned int
cmd_scopes(const struct cmd_args *args)
{
	static const struct {
		const char *name;
		unsigned int scopes;
	} table[] = {
		{ "me", CRED_SCOPE_READ_ALL },
		{ "get", CRED_SCOPE_READ_ALL | CRED_SCOPE_USERS },
		{ "export", CRED_SCOPE_READ_ALL | CRED_SCOPE_USERS },
		{ "set", CRED_SCOPE_WRITE | CRED_SCOPE_USERS },
		{ "clear", CRED_SCOPE_WRITE | CRED_SCOPE_USERS },
		{ "prefer", CRED_SCOPE_WRITE | CRED_SCOPE_USERS },
		{ "unprefer", CRED_SCOPE_WRITE | CRED_SCOPE_USERS },
		{ "status", CRED_SCOPE_WRITE | CRED_SCOPE_USERS },
		{ "location", CRED_SCOPE_WRITE },
	};
	unsigned int scopes;
	size_t i;

	if (args->entry == NULL)
		return 0;
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (strcmp(table[i].name, args->entry->name) != 0)
			continue;
		scopes = table[i].scopes;
		/* A group named anywhere is read through its members. */
		if ((scopes & CRED_SCOPE_USERS) && args->cfg->ngroups > 0)
			scopes |= CRED_SCOPE_GROUPS;
		return scopes;
	}
	return 0;
}

/* Create the Graph client; on failure print why and set the status. */
struct graph *
cmd_graph(struct cmd_args *args, int *status)
{
	struct graph *g;
	char *cause = NULL;

	if ((g = graph_new(args->cfg, &cause)) == NULL) {
		fprintf(stderr, "teamtop: %s\n", cause);
		free(cause);
		*status = 2;
		return NULL;
	}
	/* The whole command, however many requests, within the deadline. */
	graph_set_deadline(g, args->cfg->deadline);
	graph_set_scopes(g, cmd_scopes(args));
	return g;
}

/* Parse a duration from the command line: ISO 8601, 90m, or "friday". */
int
cmd_parse_duration(const char *s, long *seconds, char **cause)
{
	return duration_parse_span(s, time(NULL), seconds, cause);
}

/* Parse WHEN: a duration from now or a local date-time. */
int
cmd_parse_when(const char *s, time_t now, time_t *when, char **cause)
{
	return duration_parse_when(s, now, when, cause);
}

/* The width of the terminal on stdout: $COLUMNS, else the tty's; or 0. */
static int
cmd_columns(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	char *end;
	long n;

	if (env != NULL && *env != '\0') {
		errno = 0;
		n = strtol(env, &end, 10);
		if (*end == '\0' && errno == 0 && n > 0 && n <= 100000)
			return (int)n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* How the chosen format is written to standard output. */
void
cmd_output_opts(const struct cmd_args *args, struct output_opts *o)
{
	const char *cs;

	memset(o, 0, sizeof *o);
	cs = nl_langinfo(CODESET);
	if (cs != NULL && strcasecmp(cs, "UTF-8") == 0)
		o->flags |= OUTPUT_UTF8;
	if (args->cfg->plain)
		o->flags |= OUTPUT_PLAIN;
	/* To a terminal, CSV and JSON are as inert as the table. */
	o->inert = isatty(fileno(stdout));
	if (o->inert && args->format == CMD_FORMAT_TABLE)
		o->width = cmd_columns();
	o->csv_safe = args->csv_safe;
}

/* Print the rows in the chosen format. */
int
cmd_print(struct cmd_args *args, const struct user_list *users,
    const struct presence_list *list, const struct output_error *errors,
    size_t nerrors)
{
	struct output_opts o;

	cmd_output_opts(args, &o);
	return output_write(stdout, (enum output_format)args->format, users,
	    list, errors, nerrors, &o);
}

/* Print a table in the chosen format; 0, or -1 on a write error. */
int
cmd_print_table(struct cmd_args *args, struct table *t)
{
	struct output_opts o;

	cmd_output_opts(args, &o);
	return table_write(t, stdout, (enum output_format)args->format, &o);
}
