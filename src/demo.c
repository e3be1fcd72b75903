/*
 * Demo mode. The first --demo command starts graphsim detached (its own
 * session, its output in demo.log) with --idle-exit, and records its port,
 * pid and a random instance token in the 0600 file "demo" of the runtime
 * directory; graphsim gets the token in $GRAPHSIM_INSTANCE and answers it
 * on GET /_graphsim/instance. Later commands use the recorded graphsim
 * when it answers with that token and pid, and replace a stale record.
 * demo.lock (flock) makes looking and starting one step, so that
 * commands started together start one graphsim. Main thread only.
 */
#include "config.h"

#include "demo.h"

#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "cfg.h"
#include "duration.h"
#include "exedir.h"
#include "state.h"
#include "xmalloc.h"

/* The files of the runtime directory. */
#define DEMO_RECORD "demo"
#define DEMO_LOCK "demo.lock"
#define DEMO_PORT "demo.port"
#define DEMO_LOG "demo.log"

/* How long to wait for the lock and for graphsim to listen, 10 ms steps. */
#define DEMO_WAIT_STEPS 3000

/* A record of the demo graphsim. */
struct demo_record {
	int port;
	long pid;
	char token[33]; /* 32 hex digits. */
};

/* What graphsim's instance endpoint answered. */
struct demo_answer {
	char buf[1024];
	size_t len;
};

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

/* The runtime directory into buf, or NULL with *cause. */
static const char *
demo_dir(char *buf, size_t len, char **cause)
{
	if (state_runtime_dir(buf, len) == NULL) {
		*cause = xstrdup("the runtime directory's path is too long");
		return NULL;
	}
	return buf;
}

/* A file of dir into buf. */
static const char *
demo_path(const char *dir, const char *name, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return (n < 0 || (size_t)n >= len) ? NULL : buf;
}

/* The idle timeout: $TEAMTOP_DEMO_IDLE (a duration), else DEMO_IDLE. */
static int
demo_idle(long *seconds, char **cause)
{
	const char *env = getenv("TEAMTOP_DEMO_IDLE");
	char *why = NULL;

	*seconds = DEMO_IDLE;
	if (env == NULL || *env == '\0')
		return 0;
	if (duration_parse(env, seconds, &why) != 0 || *seconds < 1) {
		xasprintf(cause, "TEAMTOP_DEMO_IDLE: %s",
		    why == NULL ? "must be at least 1s" : why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * Find the demo's directory (into dir, len bytes) and take its lock; the
 * descriptor, or -1 with *cause.
 */
static int
demo_lock(char *dir, size_t len, char **cause)
{
	int fd, i;

	if (demo_dir(dir, len, cause) == NULL)
		return -1;
	if ((fd = state_open_in(dir, DEMO_LOCK, O_RDWR | O_CREAT, cause)) == -1)
		return -1;
	for (i = 0; i < DEMO_WAIT_STEPS; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		demo_sleep(10);
	}
	xasprintf(cause, "%s/%s: cannot lock: %s", dir, DEMO_LOCK,
	    errno == EWOULDBLOCK ? "another teamtop holds it"
	                         : strerror(errno));
	close(fd);
	return -1;
}

/* Read the record of dir: 1 read, 0 none or unreadable, -1 refused. */
static int
demo_read(const char *dir, struct demo_record *r, char **cause)
{
	char buf[256], path[4096];
	struct stat sb;
	ssize_t n;
	int fd;

	memset(r, 0, sizeof *r);
	if (demo_path(dir, DEMO_RECORD, path, sizeof path) == NULL ||
	    (lstat(path, &sb) != 0 && errno == ENOENT))
		return 0;
	if ((fd = state_open_in(dir, DEMO_RECORD, O_RDONLY, cause)) == -1)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "port %d pid %ld token %32[0-9a-f]", &r->port, &r->pid,
	        r->token) != 3 ||
	    r->port <= 0 || r->port > 65535 || r->pid <= 1 ||
	    strlen(r->token) != 32)
		return 0;
	return 1;
}

/* Replace the record of dir, all or nothing. */
static int
demo_write(const char *dir, const struct demo_record *r, char **cause)
{
	char buf[256], name[64], tmp[4096], path[4096];
	int fd, n;

	snprintf(name, sizeof name, "%s.new.%ld", DEMO_RECORD, (long)getpid());
	if (demo_path(dir, name, tmp, sizeof tmp) == NULL ||
	    demo_path(dir, DEMO_RECORD, path, sizeof path) == NULL) {
		*cause = xstrdup("the runtime directory's path is too long");
		return -1;
	}
	unlink(tmp);
	fd = state_open_in(dir, name, O_WRONLY | O_CREAT | O_EXCL, cause);
	if (fd == -1)
		return -1;
	n = snprintf(buf, sizeof buf, "port %d\npid %ld\ntoken %s\n", r->port,
	    r->pid, r->token);
	if (write(fd, buf, (size_t)n) != n || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Remove the record of dir. */
static void
demo_forget(const char *dir)
{
	char path[4096];

	if (demo_path(dir, DEMO_RECORD, path, sizeof path) != NULL)
		unlink(path);
}

/* libcurl's write callback: keep what fits. */
static size_t
demo_body(char *data, size_t size, size_t n, void *arg)
{
	struct demo_answer *a = arg;
	size_t len = size * n;

	if (a->len + len >= sizeof a->buf)
		return 0;
	memcpy(a->buf + a->len, data, len);
	a->len += len;
	return len;
}

/*
 * Ask the graphsim on port who it is: 1 when it is the one of the record
 * (its token and pid), with its idle timeout; 0 otherwise.
 */
static int
demo_probe(const struct demo_record *r, long *idle)
{
	struct demo_answer a;
	const cJSON *token, *pid, *ie;
	cJSON *root;
	char url[64];
	CURL *c;
	long status = 0;
	int ok = 0;

	if ((c = curl_easy_init()) == NULL)
		return 0;
	memset(&a, 0, sizeof a);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/_graphsim/instance",
	    r->port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, demo_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (status != 200)
		return 0;
	if ((root = cJSON_ParseWithLength(a.buf, a.len)) == NULL)
		return 0;
	token = cJSON_GetObjectItemCaseSensitive(root, "instance");
	pid = cJSON_GetObjectItemCaseSensitive(root, "pid");
	ie = cJSON_GetObjectItemCaseSensitive(root, "idleExit");
	if (cJSON_IsString(token) &&
	    strcmp(token->valuestring, r->token) == 0 && cJSON_IsNumber(pid) &&
	    (long)pid->valuedouble == r->pid) {
		ok = 1;
		if (idle != NULL)
			*idle = cJSON_IsNumber(ie) ? (long)ie->valuedouble : 0;
	}
	cJSON_Delete(root);
	return ok;
}

/*
 * Whether pid is the graphsim of the record even if it does not answer:
 * its environment holds the record's token.
 */
static int
demo_owned(const struct demo_record *r)
{
	char path[64], want[64], buf[8192];
	size_t n = 0, wl;
	ssize_t got;
	int fd, found = 0;
	char *p;

	snprintf(path, sizeof path, "/proc/%ld/environ", r->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	while (n < sizeof buf - 1 &&
	    (got = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)got;
	close(fd);
	buf[n] = '\0';
	wl = (size_t)snprintf(want, sizeof want, "GRAPHSIM_INSTANCE=%s",
	    r->token);
	for (p = buf; p < buf + n; p += strlen(p) + 1) {
		if (strlen(p) == wl && memcmp(p, want, wl) == 0)
			found = 1;
	}
	return found;
}

/* Send sig to pid and wait up to two seconds for it to be gone. */
static int
demo_kill(long pid, int sig)
{
	int i, status;

	if (kill((pid_t)pid, sig) != 0)
		return errno == ESRCH;
	for (i = 0; i < 200; i++) {
		/* Started by this process, it is a child to reap. */
		waitpid((pid_t)pid, &status, WNOHANG);
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
			return 1;
		demo_sleep(10);
	}
	return 0;
}

/* Stop the graphsim of a record that is proven ours. */
static void
demo_end(const struct demo_record *r)
{
	if (!demo_kill(r->pid, SIGTERM))
		demo_kill(r->pid, SIGKILL);
}

/* Leave the user's Azure credentials out of graphsim's environment. */
static void
demo_scrub(void)
{
	char name[256];
	size_t n;
	int i;

	for (i = 0; environ[i] != NULL;) {
		n = strcspn(environ[i], "=");
		if (strncmp(environ[i], "AZURE_", 6) != 0 || n >= sizeof name) {
			i++;
			continue;
		}
		memcpy(name, environ[i], n);
		name[n] = '\0';
		if (environ[i][n] != '=' || unsetenv(name) != 0)
			i++;
	}
}

/* Run graphsim in the child; never returns. */
static void
demo_child(const char *path, char *port_file, const char *log_file,
    const char *token, long idle)
{
	char idle_s[32];
	char *argv[] = { (char *)"graphsim", (char *)"--listen",
		(char *)"127.0.0.1:0", (char *)"--port-file", port_file,
		(char *)"--users", (char *)DEMO_USERS, (char *)"--seed",
		(char *)DEMO_SEED, (char *)"--simulate", (char *)"120",
		(char *)"--idle-exit", idle_s, (char *)"--quiet", NULL };
	sigset_t none;
	int fd;

	/* Its own session: no terminal's signals, no dying with us. */
	setsid();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	snprintf(idle_s, sizeof idle_s, "%ld", idle);
	if ((fd = open("/dev/null", O_RDONLY)) != -1) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	fd = open(log_file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd == -1)
		fd = open("/dev/null", O_WRONLY);
	if (fd != -1) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	/* Nothing of ours, such as a pipe to a reader, stays open in it. */
	closefrom(STDERR_FILENO + 1);
	demo_scrub();
	setenv("GRAPHSIM_INSTANCE", token, 1);
	execv(path, argv);
	_exit(127);
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

/* Start graphsim detached and fill in the record. */
static int
demo_spawn(const char *dir, struct demo_record *r, char **cause)
{
	unsigned char raw[16];
	char port_file[4096], log_file[4096], *path;
	long idle;
	pid_t pid;
	int i, status;

	if (demo_idle(&idle, cause) != 0)
		return -1;
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw) {
		xasprintf(cause, "getrandom: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < (int)sizeof raw; i++)
		snprintf(r->token + 2 * i, 3, "%02x", raw[i]);
	if (demo_path(dir, DEMO_PORT, port_file, sizeof port_file) == NULL ||
	    demo_path(dir, DEMO_LOG, log_file, sizeof log_file) == NULL) {
		*cause = xstrdup("the runtime directory's path is too long");
		return -1;
	}
	unlink(port_file);
	path = demo_graphsim_path();
	if (access(path, X_OK) != 0) {
		xasprintf(cause, "cannot run graphsim (%s): %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	fflush(NULL);
	switch (pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		free(path);
		return -1;
	case 0:
		demo_child(path, port_file, log_file, r->token, idle);
		break;
	default:
		break;
	}
	r->pid = pid;
	for (i = 0; i < DEMO_WAIT_STEPS; i++) {
		if ((r->port = demo_read_port(port_file)) != 0)
			break;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			xasprintf(cause,
			    "graphsim (%s) exited before listening; see %s/%s",
			    path, dir, DEMO_LOG);
			free(path);
			return -1;
		}
		demo_sleep(10);
	}
	unlink(port_file);
	if (r->port == 0 || !demo_probe(r, NULL)) {
		xasprintf(cause,
		    "graphsim (%s) did not start listening; see %s/%s", path,
		    dir, DEMO_LOG);
		demo_end(r);
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/*
 * Look at the record under the lock: 1 when its graphsim answers (with
 * *idle), 0 when there is none; a stale record is removed, and its
 * graphsim stopped when it is ours but does not answer.
 */
static int
demo_look(const char *dir, struct demo_record *r, long *idle, char **cause)
{
	int rc;

	if ((rc = demo_read(dir, r, cause)) != 1)
		return rc;
	if (demo_probe(r, idle))
		return 1;
	if (demo_owned(r))
		demo_end(r);
	demo_forget(dir);
	return 0;
}

/* Point the configuration at the emulator on port. */
static int
demo_configure(struct cfg *cfg, int port, char **cause)
{
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	if (cfg_set_option(cfg, "graph-url", url, cause) != 0 ||
	    cfg_set_option(cfg, "login-url", url, cause) != 0 ||
	    cfg_set_option(cfg, "tenant", DEMO_TENANT, cause) != 0 ||
	    cfg_set_option(cfg, "client-id", DEMO_CLIENT_ID, cause) != 0 ||
	    cfg_set_option(cfg, "client-secret", DEMO_CLIENT_SECRET, cause) !=
	        0)
		return -1;
	return 0;
}

/* Use the running demo graphsim, or start one, and point cfg at it. */
int
demo_start(struct cfg *cfg, char **cause)
{
	struct demo_record r;
	char dir[4096];
	long idle;
	int lock, rc;

	if ((lock = demo_lock(dir, sizeof dir, cause)) == -1)
		return -1;
	if ((rc = demo_look(dir, &r, &idle, cause)) == 0) {
		if ((rc = demo_spawn(dir, &r, cause)) == 0 &&
		    (rc = demo_write(dir, &r, cause)) != 0)
			demo_end(&r);
	}
	close(lock);
	if (rc == -1)
		return -1;
	return demo_configure(cfg, r.port, cause);
}

/* The demo graphsim that runs, if any. */
int
demo_status(struct demo_info *info, char **cause)
{
	struct demo_record r;
	char dir[4096];
	int lock, rc;

	memset(info, 0, sizeof *info);
	if ((lock = demo_lock(dir, sizeof dir, cause)) == -1)
		return -1;
	/* Only looking: a stale record is left for the next --demo. */
	if ((rc = demo_read(dir, &r, cause)) == 1 &&
	    !demo_probe(&r, &info->idle))
		rc = 0;
	close(lock);
	if (rc == 1) {
		info->port = r.port;
		info->pid = r.pid;
	}
	return rc;
}

/* Stop the demo graphsim, if one runs. */
int
demo_stop(struct demo_info *info, char **cause)
{
	struct demo_record r;
	char dir[4096];
	int lock, rc;

	memset(info, 0, sizeof *info);
	if ((lock = demo_lock(dir, sizeof dir, cause)) == -1)
		return -1;
	if ((rc = demo_read(dir, &r, cause)) == 1) {
		if (demo_probe(&r, &info->idle) || demo_owned(&r)) {
			info->port = r.port;
			info->pid = r.pid;
			demo_end(&r);
		} else
			rc = 0;
		demo_forget(dir);
	}
	close(lock);
	return rc;
}
