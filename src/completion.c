/*
 * Shell completion scripts, from the command, option and value tables.
 * Main thread.
 */
#include "config.h"

#include "completion.h"

#include <getopt.h>
#include <string.h>

#include "cfg.h"
#include "cmd.h"
#include "presence.h"

/* Options whose argument is a file name. */
static const char *const completion_files[] = { "config", "from", "ca-file",
	"log", NULL };

/* Is name in the NULL-ended list? */
static int
completion_in(const char *const *list, const char *name)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, name) == 0)
			return 1;
	}
	return 0;
}

/*
 * Print the availabilities (or, with activity set, the activities) of the
 * pairs the write methods allow, each once.
 */
static void
completion_pairs(FILE *f, int activity)
{
	const char *seen[32], *v;
	const struct presence_pair *p;
	size_t nseen = 0, i, j, n;
	int m;

	for (m = PRESENCE_SET; m <= PRESENCE_PREFERRED; m++) {
		p = presence_pairs((enum presence_method)m, &n);
		for (i = 0; i < n; i++) {
			v = activity ? p[i].activity : p[i].availability;
			for (j = 0; j < nseen && strcmp(seen[j], v) != 0; j++)
				;
			if (j < nseen || nseen == 32)
				continue;
			fprintf(f, "%s%s", nseen == 0 ? "" : " ", v);
			seen[nseen++] = v;
		}
	}
}

/* Print the words an option's argument may be, space-separated. */
static void
completion_values(FILE *f, const char *option, const char *const *columns,
    size_t ncolumns)
{
	static const char *const when[] = { "today", "tomorrow", "monday",
		"tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday", "this-week", "never", "30m", "1h", "2h", "4h", NULL };
	size_t i;
	int m;

	if (strcmp(option, "availability") == 0)
		completion_pairs(f, 0);
	else if (strcmp(option, "activity") == 0)
		completion_pairs(f, 1);
	else if (strcmp(option, "cloud") == 0) {
		for (m = 0; m < CFG_CLOUD__COUNT; m++)
			fprintf(f, "%s%s", m ? " " : "",
			    cfg_cloud_name((enum cfg_cloud)m));
	} else if (strcmp(option, "api") == 0)
		fputs("v1.0 beta", f);
	else if (strcmp(option, "auth") == 0)
		fputs("app delegated", f);
	else if (strcmp(option, "day") == 0)
		fputs("today yesterday", f);
	else if (strcmp(option, "expires") == 0) {
		for (i = 0; when[i] != NULL; i++)
			fprintf(f, "%s%s", i ? " " : "", when[i]);
	} else if (strcmp(option, "group-by") == 0)
		fputs("availability department none", f);
	else if (strcmp(option, "column") == 0 || strcmp(option, "sort") == 0) {
		for (i = 0; i < ncolumns; i++)
			fprintf(f, "%s%s", i ? " " : "", columns[i]);
	}
}

/* The words that may follow a command, space-separated. */
static const struct completion_sub {
	const char *command;
	const char *words;
} completion_subs[] = {
	{ "demo", "status stop" },
	{ "location", "set clear" },
};
#define COMPLETION_NSUBS (sizeof completion_subs / sizeof completion_subs[0])

/* The commands, space-separated. */
static void
completion_commands(FILE *f)
{
	const struct cmd_entry *ce;

	fputs("help", f);
	for (ce = cmd_table; ce->name != NULL; ce++)
		fprintf(f, " %s", ce->name);
}

/* The bash script; zsh runs it through bashcompinit. */
static void
completion_bash(FILE *f, const struct option *options,
    const char *const *columns, size_t ncolumns)
{
	const struct option *o;
	size_t i;

	fputs("# bash completion for teamtop, written by "
	      "'teamtop completion bash'.\n"
	      "_teamtop() {\n"
	      "\tlocal cur prev cmd= i\n"
	      "\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	      "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tcase $prev in\n",
	    f);
	for (o = options; o->name != NULL; o++) {
		if (o->has_arg == no_argument)
			continue;
		if (completion_in(completion_files, o->name)) {
			fprintf(f,
			    "\t--%s%s) COMPREPLY=($(compgen -f -- \"$cur\")); "
			    "return ;;\n",
			    o->name,
			    strcmp(o->name, "config") == 0 ? "|-c" : "");
			continue;
		}
		fprintf(f, "\t--%s) COMPREPLY=($(compgen -W \"", o->name);
		completion_values(f, o->name, columns, ncolumns);
		fputs("\" -- \"$cur\")); return ;;\n", f);
	}
	fputs("\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	    f);
	for (o = options; o->name != NULL; o++)
		fprintf(f, "%s--%s", o == options ? "" : " ", o->name);
	fputs("\" -- \"$cur\"))\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tcase ${COMP_WORDS[i]} in\n"
	      "\t\t-*) ;;\n"
	      "\t\t*) case ${COMP_WORDS[i-1]} in\n",
	    f);
	fputs("\t\t\t", f);
	for (o = options; o->name != NULL; o++) {
		if (o->has_arg != no_argument)
			fprintf(f, "--%s|", o->name);
	}
	fputs("-c) ;;\n"
	      "\t\t\t*) cmd=${COMP_WORDS[i]}; break ;;\n"
	      "\t\t\tesac ;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\tif [[ -z $cmd ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	    f);
	completion_commands(f);
	fputs("\" -- \"$cur\"))\n"
	      "\telif [[ $cmd == help ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	    f);
	completion_commands(f);
	fputs("\" -- \"$cur\"))\n", f);
	for (i = 0; i < COMPLETION_NSUBS; i++) {
		fprintf(f,
		    "\telif [[ $cmd == %s && $i -eq $((COMP_CWORD - 1)) ]]; "
		    "then\n"
		    "\t\tCOMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))\n",
		    completion_subs[i].command, completion_subs[i].words);
	}
	fputs("\tfi\n"
	      "}\n"
	      "complete -F _teamtop teamtop\n",
	    f);
}

/* The fish script. */
static void
completion_fish(FILE *f, const struct option *options,
    const char *const *columns, size_t ncolumns)
{
	const struct option *o;
	const struct cmd_entry *ce;
	size_t i;

	fputs("# fish completion for teamtop, written by "
	      "'teamtop completion fish'.\n"
	      "complete -c teamtop -f\n",
	    f);
	for (ce = cmd_table; ce->name != NULL; ce++) {
		fprintf(f,
		    "complete -c teamtop -n __fish_use_subcommand -a %s "
		    "-d '%s'\n",
		    ce->name, ce->name);
	}
	for (i = 0; i < COMPLETION_NSUBS; i++) {
		fprintf(f,
		    "complete -c teamtop -n '__fish_seen_subcommand_from %s' "
		    "-a '%s'\n",
		    completion_subs[i].command, completion_subs[i].words);
	}
	for (o = options; o->name != NULL; o++) {
		fprintf(f, "complete -c teamtop -l %s", o->name);
		if (o->has_arg != no_argument) {
			if (completion_in(completion_files, o->name))
				fputs(" -r -F", f);
			else {
				fputs(" -x -a '", f);
				completion_values(f, o->name, columns,
				    ncolumns);
				fputs("'", f);
			}
		}
		fputs("\n", f);
	}
}

/* Print the completion script for a shell. */
int
completion_print(FILE *f, const char *shell, const struct option *options,
    const char *const *columns, size_t ncolumns)
{
	if (strcmp(shell, "bash") == 0)
		completion_bash(f, options, columns, ncolumns);
	else if (strcmp(shell, "zsh") == 0) {
		fputs("#compdef teamtop\n"
		      "# zsh completion for teamtop, written by "
		      "'teamtop completion zsh': the bash one, through\n"
		      "# bashcompinit.\n"
		      "autoload -U +X bashcompinit && bashcompinit\n",
		    f);
		completion_bash(f, options, columns, ncolumns);
	} else if (strcmp(shell, "fish") == 0)
		completion_fish(f, options, columns, ncolumns);
	else
		return -1;
	return 0;
}
