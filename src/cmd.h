/*
 * The one-shot commands (get, set, clear, prefer, unprefer, status, me,
 * export, groups, wait, history, report, login, logout, location, demo):
 * their table, their shared options, and helpers to print rows and errors.
 * Called from main() on the main thread, before any curses.
 */
#ifndef CMD_H
#define CMD_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct cfg;
struct graph;
struct graph_error;
struct output_error;
struct output_opts;
struct presence_list;
struct user_list;

/* How the results are printed. */
enum cmd_format {
	CMD_FORMAT_TABLE,
	CMD_FORMAT_JSON,
	CMD_FORMAT_CSV
};

struct cmd_entry;

/* What main() parsed for a command. */
struct cmd_args {
	struct cfg *cfg;
	const struct cmd_entry *entry; /* The command being run. */
	int argc;                      /* Operands after the command name. */
	char **argv;
	enum cmd_format format;
	int csv_safe;      /* --csv-safe */
	int dry_run;       /* --dry-run: say what, send nothing */
	const char *from;  /* --from FILE: people, one a line */
	int hold;          /* --hold: set again before each expiry */
	int keep;          /* --keep: leave held sessions at exit */
	const char *until; /* wait --until AVAILABILITY; history --until WHEN */
	int any;           /* wait --any: one person is enough */
	const char *wait_timeout; /* wait --timeout DURATION */
	const char *since;        /* history --since WHEN */
	int forget;               /* history --forget */
	const char *day;          /* report --day DATE */
	const char *availability; /* --availability */
	const char *activity;     /* --activity */
	const char *expires;      /* --expires */
	const char *session;      /* --session */
	int browser;              /* --browser: sign in with a browser */
	const char *place;        /* --place: a work location's placeId */
	int until_today;          /* --until-today: the manual location */
	int automatic;            /* --automatic: the automatic location */
	int init_roles;           /* serve --init-roles: print the roles */
};

/* One command. */
struct cmd_entry {
	const char *name;
	const char *usage;   /* The synopsis after "teamtop NAME". */
	const char *summary; /* One line. */
	const char *help;    /* The options and an example. */
	int (*exec)(struct cmd_args *);
	int pairs; /* The enum presence_method whose pairs help lists; -1. */
};

extern const struct cmd_entry cmd_table[];

const struct cmd_entry *cmd_find(const char *name);
void cmd_usage_list(FILE *);
void cmd_help(const struct cmd_entry *, FILE *);

/* Helpers shared by the commands (cmd_common.c). */
int cmd_fail(const char *name, const struct graph_error *);
int cmd_usage_error(const struct cmd_entry *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
struct graph *cmd_graph(struct cmd_args *, int *status);
int cmd_parse_duration(const char *s, long *seconds, char **cause);
int cmd_parse_when(const char *s, time_t now, time_t *when, char **cause);
struct table;
/* Print a table in the chosen format; 0, or -1 on a write error. */
int cmd_print_table(struct cmd_args *, struct table *);
/* How the format chosen is written to standard output. */
void cmd_output_opts(const struct cmd_args *, struct output_opts *);
/* Print rows; in JSON also the people who could not be read. */
int cmd_print(struct cmd_args *, const struct user_list *,
    const struct presence_list *, const struct output_error *, size_t nerrors);

int cmd_get_exec(struct cmd_args *);
int cmd_export_exec(struct cmd_args *);
int cmd_me_exec(struct cmd_args *);
int cmd_set_exec(struct cmd_args *);
int cmd_clear_exec(struct cmd_args *);
int cmd_prefer_exec(struct cmd_args *);
int cmd_unprefer_exec(struct cmd_args *);
int cmd_status_exec(struct cmd_args *);
int cmd_wait_exec(struct cmd_args *);
int cmd_history_exec(struct cmd_args *);
int cmd_report_exec(struct cmd_args *);
int cmd_groups_exec(struct cmd_args *);
int cmd_login_exec(struct cmd_args *);
int cmd_logout_exec(struct cmd_args *);
int cmd_location_exec(struct cmd_args *);
int cmd_demo_exec(struct cmd_args *);
int cmd_serve_exec(struct cmd_args *);

/* With --db (cmd_db.c): a command on teamtop serve's database. */
int cmd_db_exec(struct cmd_args *);
struct action;
/* Queue a checked write for the people named by refs; print outcomes. */
int cmd_db_write(struct cmd_args *, const char *name, struct action *,
    char *const *refs, size_t nrefs);
struct history_list;
struct user;
/* Add one person's states to a history table (cmd_history.c). */
void cmd_history_rows(struct table *, const struct user *,
    const struct history_list *, int local);

#endif
