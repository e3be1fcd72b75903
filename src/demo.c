/*
 * Demo mode. graphsim runs as a child in a private temporary directory,
 * with its output in a file there so that it never writes to the terminal.
 * It dies with teamtop (PR_SET_PDEATHSIG), and is killed and reaped by
 * demo_stop or, after a fatal error, by an atexit handler. Main thread only.
 */
#include "config.h"

#include "demo.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "exedir.h"
#include "xmalloc.h"

struct demo {
	pid_t pid;
	char *dir;
	char *port_file;
	char *log_file;
	char *url;
};

/* The running demo, for the atexit handler. */
static struct demo *demo_running;

/* The path of graphsim. */
char *
demo_graphsim_path(void)
{
	const char *env;
	char *path;

	if ((env = getenv("TEAMTOP_GRAPHSIM")) != NULL && *env != '\0')
		return xstrdup(env);
	if ((path = exedir_path("graphsim")) != NULL) {
		if (access(path, X_OK) == 0)
			return path;
		free(path);
	}
	return xstrdup(PKGLIBEXECDIR "/graphsim");
}

/* Sleep for ms milliseconds. */
static void
demo_sleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/* Kill and reap graphsim: SIGTERM, then SIGKILL after two seconds. */
static void
demo_kill(struct demo *d)
{
	int i, status;

	if (d->pid <= 0)
		return;
	kill(d->pid, SIGTERM);
	for (i = 0; i < 200; i++) {
		if (waitpid(d->pid, &status, WNOHANG) != 0)
			break;
		demo_sleep(10);
	}
	if (i == 200) {
		kill(d->pid, SIGKILL);
		waitpid(d->pid, &status, 0);
	}
	d->pid = 0;
}

/* At exit (also after fatal()), stop a demo still running. */
static void
demo_atexit(void)
{
	if (demo_running != NULL)
		demo_kill(demo_running);
}

/* Read the port file: the port number, or 0 when not there yet. */
static int
demo_read_port(const char *path)
{
	char buf[32];
	ssize_t n;
	long port;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	port = strtol(buf, NULL, 10);
	if (port <= 0 || port > 65535)
		return 0;
	return (int)port;
}

/* Run graphsim in the child; never returns. */
static void
demo_child(const char *path, const struct demo *d, pid_t parent)
{
	char *argv[] = { (char *)"graphsim", (char *)"--listen",
		(char *)"127.0.0.1:0", (char *)"--port-file", d->port_file,
		(char *)"--users", (char *)"300", (char *)"--simulate",
		(char *)"120", (char *)"--quiet", NULL };
	sigset_t none;
	int fd;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGINT, SIG_IGN); /* A ^C on the terminal is teamtop's. */
	if ((fd = open("/dev/null", O_RDONLY)) != -1) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	fd = open(d->log_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd != -1) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	setpgid(0, 0);
	execv(path, argv);
	_exit(127);
}

/* Free a demo's memory and files (graphsim already stopped). */
static void
demo_free(struct demo *d)
{
	if (d->port_file != NULL)
		unlink(d->port_file);
	if (d->log_file != NULL)
		unlink(d->log_file);
	if (d->dir != NULL)
		rmdir(d->dir);
	free(d->port_file);
	free(d->log_file);
	free(d->dir);
	free(d->url);
	free(d);
}

/* Point the configuration at the emulator. */
static int
demo_configure(struct cfg *cfg, const struct demo *d, char **cause)
{
	if (cfg_set_option(cfg, "graph-url", d->url, cause) != 0 ||
	    cfg_set_option(cfg, "login-url", d->url, cause) != 0 ||
	    cfg_set_option(cfg, "tenant", DEMO_TENANT, cause) != 0 ||
	    cfg_set_option(cfg, "client-id", DEMO_CLIENT_ID, cause) != 0 ||
	    cfg_set_option(cfg, "client-secret", DEMO_CLIENT_SECRET, cause) !=
	        0)
		return -1;
	return 0;
}

/* Start graphsim and point cfg at it. */
int
demo_start(struct cfg *cfg, struct demo **out, char **cause)
{
	static int registered;
	struct demo *d;
	const char *tmp;
	char *path = NULL, *tmpl;
	pid_t parent = getpid();
	int i, port = 0, status;

	*out = NULL;
	d = xcalloc(1, sizeof *d);
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	/* mkdtemp's template ends in six X. */
	xasprintf(&tmpl, "%s/teamtop-demo.%s", tmp,
	    "XX"
	    "XX"
	    "XX");
	if (mkdtemp(tmpl) == NULL) {
		xasprintf(cause, "cannot make a directory in %s: %s", tmp,
		    strerror(errno));
		free(tmpl);
		free(d);
		return -1;
	}
	d->dir = tmpl;
	xasprintf(&d->port_file, "%s/port", d->dir);
	xasprintf(&d->log_file, "%s/graphsim.log", d->dir);
	path = demo_graphsim_path();
	if (access(path, X_OK) != 0) {
		xasprintf(cause, "cannot run graphsim (%s): %s", path,
		    strerror(errno));
		goto fail;
	}
	if (!registered) {
		atexit(demo_atexit);
		registered = 1;
	}
	switch (d->pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		d->pid = 0;
		goto fail;
	case 0:
		demo_child(path, d, parent);
		break;
	default:
		break;
	}
	demo_running = d;
	for (i = 0; i < 1000; i++) {
		if ((port = demo_read_port(d->port_file)) != 0)
			break;
		if (waitpid(d->pid, &status, WNOHANG) == d->pid) {
			d->pid = 0;
			xasprintf(cause,
			    "graphsim (%s) exited before listening", path);
			goto fail;
		}
		demo_sleep(10);
	}
	if (port == 0) {
		xasprintf(cause, "graphsim (%s) did not start listening", path);
		goto fail;
	}
	xasprintf(&d->url, "http://127.0.0.1:%d", port);
	if (demo_configure(cfg, d, cause) != 0)
		goto fail;
	free(path);
	*out = d;
	return 0;

fail:
	free(path);
	demo_kill(d);
	demo_running = NULL;
	demo_free(d);
	return -1;
}

/* Stop graphsim and clean up. */
void
demo_stop(struct demo *d)
{
	if (d == NULL)
		return;
	demo_kill(d);
	if (demo_running == d)
		demo_running = NULL;
	demo_free(d);
}
