/*
 * Helpers shared by the unit tests: temporary directories, files, and a
 * graphsim child process with a configuration pointed at it. Failures are
 * cmocka assertions except where a return value says otherwise.
 */
#ifndef HELPERS_H
#define HELPERS_H

#include <stddef.h>
#include <sys/types.h>

struct cfg;

/* A graphsim started by a test. */
struct graphsim {
	pid_t pid;
	/* Temporary directory with the port file. */
	char dir[4096];
	/* Base URL, http://127.0.0.1:PORT. */
	char url[64];
};

void tmpdir_make(char *, size_t, const char *);
void write_file(const char *, const char *, mode_t);
int graphsim_start(struct graphsim *, const char *, const char *);
void graphsim_stop(struct graphsim *);
int graphsim_cfg(struct cfg *, const char *, char **);
/* Send a JSON body (or none) to a control endpoint; asserts 200. */
void graphsim_control(const struct graphsim *, const char *method,
    const char *path, const char *body);
/* How many requests graphsim counted for a route key since its reset. */
long graphsim_count(const struct graphsim *, const char *route);

#endif /* HELPERS_H */
