/*
 * Commands run without a shell, reaped later. Any thread.
 */
#include "config.h"

#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xmalloc.h"

extern char **environ;

/* Does "NAME=value" set one of the names in env? */
static int
spawn_replaced(const char *var, char *const env[])
{
	const char *eq = strchr(var, '=');
	size_t i, n = eq != NULL ? (size_t)(eq - var) : strlen(var);

	for (i = 0; env[i] != NULL; i++) {
		if (strncmp(env[i], var, n) == 0 && env[i][n] == '=')
			return 1;
	}
	return 0;
}

/* The environment with env over it; free the array, not the strings. */
static char **
spawn_environ(char *const env[])
{
	char **out;
	size_t n = 0, i, j = 0;

	while (environ[n] != NULL)
		n++;
	for (i = 0; env[i] != NULL; i++)
		n++;
	out = xreallocarray(NULL, n + 1, sizeof *out);
	for (i = 0; environ[i] != NULL; i++) {
		if (!spawn_replaced(environ[i], env))
			out[j++] = environ[i];
	}
	for (i = 0; env[i] != NULL; i++)
		out[j++] = env[i];
	out[j] = NULL;
	return out;
}

/* Start a command. */
pid_t
spawn_start(char *const argv[], char *const env[], char **cause)
{
	return spawn_start_input(argv, env, -1, cause);
}

/* Start a command reading its standard input from in. */
pid_t
spawn_start_input(char *const argv[], char *const env[], int in, char **cause)
{
	struct sigaction sa;
	sigset_t none;
	char **envp;
	pid_t pid;
	int null;

	if (argv[0] == NULL || *argv[0] == '\0') {
		*cause = xstrdup("the command is empty");
		return -1;
	}
	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1) {
		xasprintf(cause, "/dev/null: %s", strerror(errno));
		return -1;
	}
	/* Built before fork: the child calls async-signal-safe code only. */
	envp = spawn_environ(env);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&none);
	pid = fork();
	if (pid == 0) {
		dup2(in != -1 ? in : null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		/* None of teamtop's sockets, pipes or files. */
		close_range(STDERR_FILENO + 1, ~0U, 0);
		setpgid(0, 0);
		sigaction(SIGPIPE, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execvpe(argv[0], argv, envp);
		_exit(127);
	}
	free(envp);
	close(null);
	if (pid == -1) {
		xasprintf(cause, "fork: %s", strerror(errno));
		return -1;
	}
	return pid;
}

/* Has a child ended? */
int
spawn_reap(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, WNOHANG);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		return -1;
	return r == pid;
}
