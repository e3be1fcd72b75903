/*
 * Run a program on a pseudo-terminal of a given size and answer questions
 * about what it writes, for the benchmarks: one command a line on stdin,
 * one answer a line on stdout.
 *
 *   pid               the program's process id
 *   bytes             the bytes it has written so far
 *   seen TEXT SECS    wait until TEXT appears in what it writes from now
 *                     on (raw bytes, escape sequences and all): "1" or "0"
 *   quiet MS          wait until it has written nothing for MS ms: bytes
 *   record SECS       read for SECS seconds: total bytes, the number of
 *                     bursts (writes less than 200 ms apart) and the
 *                     biggest burst's bytes
 *   key TEXT          type TEXT (\e \r \n \t \\ understood), wait up to 5 s
 *                     for its first byte, then until it has written nothing
 *                     for 300 ms: the milliseconds from the key to the last
 *                     byte of its answer (0 when none came), and the bytes
 *                     of the answer. The answer ends at the first silence
 *                     of 100 ms: what comes after it (a refresh drawn
 *                     while the screen settles) is not the key's.
 *   sleep MS          read for MS ms
 *   wait SECS         wait for the program to exit: its exit status, or -1
 *
 * Usage: pty COLS ROWS PROGRAM [ARGS...]
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * The silence that ends a burst, that ends a key's answer, and that
 * settles the screen after a key.
 */
#define PTY_BURST_MS 200
#define PTY_ANSWER_MS 100
#define PTY_SETTLE_MS 300
/* How long a key may take to bring its first byte. Seconds. */
#define PTY_FIRST_S 5

static int pty_fd = -1;
static pid_t pty_pid;
static unsigned long long pty_total;
static double pty_last;      /* When the last byte came; seconds. */
static char pty_tail[65536]; /* What came since "seen" began looking. */
static size_t pty_ntail;
static int pty_watch;

/* Seconds on the monotonic clock. */
static double
pty_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read what the program wrote for up to ms; the bytes read, -1 at EOF. */
static long
pty_read(int ms)
{
	struct pollfd pfd = { pty_fd, POLLIN, 0 };
	char buf[65536];
	ssize_t n;
	size_t k;

	if (poll(&pfd, 1, ms < 0 ? 0 : ms) <= 0)
		return 0;
	n = read(pty_fd, buf, sizeof buf);
	if (n <= 0)
		return n == -1 && errno == EINTR ? 0 : -1;
	pty_total += (unsigned long long)n;
	pty_last = pty_now();
	if (pty_watch) {
		/* Keep the newest bytes, enough to find a short text. */
		k = (size_t)n;
		if (k > sizeof pty_tail - 1)
			k = sizeof pty_tail - 1;
		if (pty_ntail + k > sizeof pty_tail - 1) {
			memmove(pty_tail,
			    pty_tail + pty_ntail + k - (sizeof pty_tail - 1),
			    sizeof pty_tail - 1 - k);
			pty_ntail = sizeof pty_tail - 1 - k;
		}
		memcpy(pty_tail + pty_ntail, buf + n - k, k);
		pty_ntail += k;
		pty_tail[pty_ntail] = '\0';
	}
	return n;
}

/* Read until nothing came for ms, or limit seconds passed. */
static void
pty_settle(int ms, double limit)
{
	double start = pty_now(), quiet = pty_now();

	while (pty_now() - start < limit) {
		if (pty_read(ms) > 0)
			quiet = pty_now();
		else if ((pty_now() - quiet) * 1000 >= ms)
			break;
	}
}

/* Read for secs; count the bursts and the biggest. */
static void
pty_record(double secs)
{
	double end = pty_now() + secs, last = 0;
	unsigned long long start = pty_total, burst = 0, big = 0;
	unsigned long bursts = 0;
	long n;

	while (pty_now() < end) {
		n = pty_read((int)((end - pty_now()) * 1000) + 1);
		if (n <= 0)
			continue;
		if (last == 0 || (pty_now() - last) * 1000 > PTY_BURST_MS) {
			bursts++;
			burst = 0;
		}
		burst += (unsigned long long)n;
		if (burst > big)
			big = burst;
		last = pty_now();
	}
	printf("%llu %lu %llu\n", pty_total - start, bursts, big);
}

/* Undo the escapes of a key's text in place. */
static void
pty_unescape(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s;
			continue;
		}
		switch (*++s) {
		case 'e':
			*o++ = '\033';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 't':
			*o++ = '\t';
			break;
		default:
			*o++ = *s;
			break;
		}
	}
	*o = '\0';
}

/* Type a key and time the answer to its last byte. */
static void
pty_key(char *text)
{
	unsigned long long before, answer;
	double sent, last;

	pty_unescape(text);
	pty_settle(50, 5);
	before = pty_total;
	pty_last = 0;
	sent = pty_now();
	if (write(pty_fd, text, strlen(text)) == -1)
		perror("pty: write");
	/* The first byte may take long; then until the answer has come. */
	while (pty_last == 0 && pty_now() - sent < PTY_FIRST_S)
		pty_read(100);
	pty_settle(PTY_ANSWER_MS, 30);
	last = pty_last;
	answer = pty_total - before;
	pty_settle(PTY_SETTLE_MS, 30);
	printf("%.1f %llu\n", last == 0 ? 0 : (last - sent) * 1000, answer);
}

/* Wait for a text to come. */
static void
pty_seen(const char *text, double secs)
{
	double end = pty_now() + secs;

	pty_ntail = 0;
	pty_tail[0] = '\0';
	pty_watch = 1;
	while (pty_now() < end && strstr(pty_tail, text) == NULL) {
		if (pty_read(100) == -1)
			break;
	}
	pty_watch = 0;
	printf("%d\n", strstr(pty_tail, text) != NULL);
}

/* Wait for the program to exit. */
static void
pty_wait(double secs)
{
	double end = pty_now() + secs;
	int status;

	while (pty_now() < end) {
		if (waitpid(pty_pid, &status, WNOHANG) == pty_pid) {
			printf("%d\n",
			    WIFEXITED(status) ? WEXITSTATUS(status)
			                      : 128 + WTERMSIG(status));
			return;
		}
		pty_read(50);
	}
	printf("-1\n");
}

/* Start the program on a new pty. */
static void
pty_start(int cols, int rows, char **argv)
{
	struct winsize ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)rows;
	pty_pid = forkpty(&pty_fd, NULL, NULL, &ws);
	if (pty_pid == -1) {
		perror("pty: forkpty");
		exit(1);
	}
	if (pty_pid == 0) {
		execvp(argv[0], argv);
		perror("pty: exec");
		_exit(127);
	}
}

int
main(int argc, char **argv)
{
	char line[4096], *arg, *nl;
	int cols, rows;

	if (argc < 4) {
		fprintf(stderr, "usage: pty COLS ROWS PROGRAM [ARGS...]\n");
		return 2;
	}
	cols = atoi(argv[1]);
	rows = atoi(argv[2]);
	signal(SIGPIPE, SIG_IGN);
	pty_start(cols, rows, argv + 3);
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof line, stdin) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		arg = strchr(line, ' ');
		if (arg != NULL)
			*arg++ = '\0';
		else
			arg = line + strlen(line);
		if (strcmp(line, "pid") == 0)
			printf("%ld\n", (long)pty_pid);
		else if (strcmp(line, "bytes") == 0) {
			pty_read(0);
			printf("%llu\n", pty_total);
		} else if (strcmp(line, "quiet") == 0) {
			pty_settle(atoi(arg), 60);
			printf("%llu\n", pty_total);
		} else if (strcmp(line, "record") == 0)
			pty_record(atof(arg));
		else if (strcmp(line, "key") == 0)
			pty_key(arg);
		else if (strcmp(line, "sleep") == 0) {
			double end = pty_now() + atoi(arg) / 1000.0;

			while (pty_now() < end)
				pty_read((int)((end - pty_now()) * 1000) + 1);
			printf("ok\n");
		} else if (strcmp(line, "seen") == 0) {
			char *secs = strrchr(arg, ' ');

			if (secs == NULL)
				printf("0\n");
			else {
				*secs++ = '\0';
				pty_seen(arg, atof(secs));
			}
		} else if (strcmp(line, "wait") == 0)
			pty_wait(atof(arg));
		else
			printf("? %s\n", line);
	}
	kill(pty_pid, SIGTERM);
	waitpid(pty_pid, NULL, 0);
	return 0;
}
