/*
 * Running a configured command without a shell: argv as configured,
 * looked up in PATH, with extra variables in its environment, its
 * standard streams on /dev/null, no other descriptor of ours, and in a
 * process group of its own (so that the terminal's Ctrl-C is not its),
 * never waited for: the caller reaps it later. Any thread.
 */
#ifndef SPAWN_H
#define SPAWN_H

#include <sys/types.h>

/*
 * Start argv (NULL-terminated) with the environment plus env
 * ("NAME=value" strings, NULL-terminated, replacing variables of the same
 * name). Returns the child's pid, or -1 with *cause.
 */
pid_t spawn_start(char *const argv[], char *const env[], char **cause);
/* The same, with its standard input read from in (-1: /dev/null). */
pid_t spawn_start_input(char *const argv[], char *const env[], int in,
    char **cause);

/*
 * Has the child ended? 1 with its wait status in *status (and reaped),
 * 0 while it runs, -1 when it is not a child of ours.
 */
int spawn_reap(pid_t, int *status);

#endif
