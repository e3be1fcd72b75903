/*
 * The debug log: one line per event, with a timestamp and thread, to a file
 * chosen with --log or TEAMTOP_LOG. Nothing is written while it is closed.
 */
#include "config.h"

#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xmalloc.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_file;

/* Open the log at path (appending, mode 0600). */
int
log_open(const char *path, char **cause)
{
	FILE *f;
	int fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1 || (f = fdopen(fd, "a")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = f;
	pthread_mutex_unlock(&log_lock);
	return 0;
}

/* Close the log. */
void
log_close(void)
{
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	pthread_mutex_unlock(&log_lock);
}

/* Is the log open? */
int
log_enabled(void)
{
	int open;

	pthread_mutex_lock(&log_lock);
	open = (log_file != NULL);
	pthread_mutex_unlock(&log_lock);
	return open;
}

/* Write one line to the log, if it is open. */
void
log_debug(const char *fmt, ...)
{
	struct timespec ts;
	struct tm tm;
	char when[32];
	va_list ap;

	pthread_mutex_lock(&log_lock);
	if (log_file != NULL) {
		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
		fprintf(log_file, "%s.%03ldZ ", when, ts.tv_nsec / 1000000);
		va_start(ap, fmt);
		vfprintf(log_file, fmt, ap);
		va_end(ap);
		fputc('\n', log_file);
	}
	pthread_mutex_unlock(&log_lock);
}
