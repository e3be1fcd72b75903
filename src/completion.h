/*
 * Shell completion scripts for bash, zsh and fish, written from the
 * program's own tables: the commands, the long options, and the values
 * some options take. Main thread.
 */
#ifndef COMPLETION_H
#define COMPLETION_H

#include <stddef.h>
#include <stdio.h>

struct option;

/*
 * Print the script for shell ("bash", "zsh" or "fish") to f. options is
 * getopt_long's table (ending with a NULL name); columns are the names
 * --column, --sort and --group-by take. -1 for an unknown shell.
 */
int completion_print(FILE *f, const char *shell, const struct option *options,
    const char *const *columns, size_t ncolumns);

#endif
