/*
 * The state directory: finding it, creating it private, and opening its
 * files private. Any thread.
 */
#include "config.h"

#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmalloc.h"

/* $XDG_STATE_HOME/teamtop, or ~/.local/state/teamtop. */
const char *
state_dir(char *buf, size_t len)
{
	const char *xdg, *home;
	int n;

	xdg = getenv("XDG_STATE_HOME");
	if (xdg != NULL && *xdg == '/')
		n = snprintf(buf, len, "%s/teamtop", xdg);
	else {
		home = getenv("HOME");
		if (home == NULL || *home == '\0')
			home = ".";
		n = snprintf(buf, len, "%s/.local/state/teamtop", home);
	}
	return (n < 0 || (size_t)n >= len) ? NULL : buf;
}

/* A file of the state directory. */
const char *
state_path(const char *name, char *buf, size_t len)
{
	char dir[4096];
	int n;

	if (state_dir(dir, sizeof dir) == NULL)
		return NULL;
	n = snprintf(buf, len, "%s/%s", dir, name);
	return (n < 0 || (size_t)n >= len) ? NULL : buf;
}

/* Create path and its missing parents, the last one 0700. */
static int
state_mkdir(char *path, char **cause)
{
	char *slash;

	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || (slash = strrchr(path, '/')) == NULL ||
	    slash == path) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	*slash = '\0';
	if (state_mkdir(path, cause) != 0)
		return -1;
	*slash = '/';
	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * $XDG_RUNTIME_DIR/teamtop, where what lives no longer than the session
 * is kept, or the state directory when there is no runtime directory.
 */
const char *
state_runtime_dir(char *buf, size_t len)
{
	const char *xdg;
	int n;

	xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg == NULL || *xdg != '/')
		return state_dir(buf, len);
	n = snprintf(buf, len, "%s/teamtop", xdg);
	return (n < 0 || (size_t)n >= len) ? NULL : buf;
}

/* Open a private file of the state directory. */
int
state_open(const char *name, int flags, char **cause)
{
	char dir[4096];

	if (state_dir(dir, sizeof dir) == NULL) {
		*cause = xstrdup("the state directory's path is too long");
		return -1;
	}
	return state_open_in(dir, name, flags, cause);
}

/* Open a private file of directory dir. */
int
state_open_in(const char *dir, const char *name, int flags, char **cause)
{
	char mk[4096], path[4096];
	struct stat sb;
	int fd, n;

	n = snprintf(path, sizeof path, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof path ||
	    snprintf(mk, sizeof mk, "%s", dir) >= (int)sizeof mk) {
		*cause = xstrdup("the state directory's path is too long");
		return -1;
	}
	if ((flags & O_CREAT) && state_mkdir(mk, cause) != 0)
		return -1;
	fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (fd == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		xasprintf(cause,
		    "%s: readable or writable by others (mode %03o); run "
		    "chmod 600 %s",
		    path, (unsigned int)(sb.st_mode & 0777), path);
		close(fd);
		return -1;
	}
	/* Blocking from here on: it is a regular file. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Read a whole private file of the state directory. */
char *
state_read(const char *name, size_t max, size_t *len, char **cause)
{
	char path[4096], *buf;
	struct stat sb;
	size_t n = 0;
	ssize_t got;
	int fd;

	*cause = NULL;
	if (state_path(name, path, sizeof path) == NULL) {
		*cause = xstrdup("the state directory's path is too long");
		return NULL;
	}
	if (lstat(path, &sb) != 0 && errno == ENOENT)
		return NULL;
	if ((fd = state_open(name, O_RDONLY, cause)) == -1)
		return NULL;
	buf = xmalloc(max + 1);
	while (n < max) {
		got = read(fd, buf + n, max - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			close(fd);
			explicit_bzero(buf, max + 1);
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Numbers the temporary files of state_write within the process. */
static unsigned int state_serial;

/* Replace a private file of the state directory, all or nothing. */
int
state_write(const char *name, const char *data, size_t len, char **cause)
{
	char path[4096], tmp[4096], *tmpname;
	size_t off = 0;
	ssize_t n;
	int fd;

	/* A name of its own, should two threads or processes write at once. */
	xasprintf(&tmpname, "%s.new.%ld.%u", name, (long)getpid(),
	    __atomic_add_fetch(&state_serial, 1, __ATOMIC_RELAXED));
	if (state_path(name, path, sizeof path) == NULL ||
	    state_path(tmpname, tmp, sizeof tmp) == NULL) {
		*cause = xstrdup("the state directory's path is too long");
		free(tmpname);
		return -1;
	}
	fd = state_open(tmpname, O_WRONLY | O_CREAT | O_EXCL, cause);
	free(tmpname);
	if (fd == -1)
		return -1;
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		off += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
fail:
	xasprintf(cause, "%s: %s", tmp, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	return -1;
}

/* Remove a file of the state directory. */
int
state_remove(const char *name, char **cause)
{
	char path[4096];

	if (state_path(name, path, sizeof path) == NULL) {
		*cause = xstrdup("the state directory's path is too long");
		return -1;
	}
	if (unlink(path) == 0)
		return 1;
	if (errno == ENOENT)
		return 0;
	xasprintf(cause, "%s: %s", path, strerror(errno));
	return -1;
}
