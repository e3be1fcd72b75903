/*
 * Giving the terminal back when fatal() runs while the dashboard is up:
 * on another thread (the poller's) no curses function may be called, yet
 * the terminal's modes must be restored; on the UI thread endwin() does
 * it. The dashboard runs for real, on a fake data source, in a child on a
 * pseudo-terminal; endwin() is wrapped (ld --wrap) to see which thread
 * calls it, and an exit handler checks the terminal's modes.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "cfg.h"
#include "source.h"
#include "store.h"
#include "ui.h"
#include "xmalloc.h"

/* Exit statuses of the child, for the parent to tell apart. */
#define TTY_OK 0
#define TTY_ENDWIN_OFF_UI 99 /* endwin() on a thread other than the UI's. */
#define TTY_NOT_RESTORED 98  /* The terminal was left in curses' modes. */
#define TTY_NO_ENDWIN 97     /* On the UI thread, endwin() was not called. */

int __real_endwin(void);
int __wrap_endwin(void);

static pthread_t tty_test_ui;
static int tty_test_endwin_on_ui;
static int tty_test_fatal_on_ui; /* Call fatal() on the UI thread. */
static int tty_test_pipe[2];
static int tty_test_up;
static int tty_test_calls;
static pthread_mutex_t tty_test_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tty_test_cond = PTHREAD_COND_INITIALIZER;

/* endwin(), watched: off the UI thread is the bug this test is for. */
int
__wrap_endwin(void)
{
	if (!pthread_equal(pthread_self(), tty_test_ui))
		_exit(TTY_ENDWIN_OFF_UI);
	tty_test_endwin_on_ui = 1;
	return __real_endwin();
}

/* At exit: are the terminal's modes those from before curses? */
static void
tty_test_at_exit(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) != 0 || !(t.c_lflag & ICANON) ||
	    !(t.c_lflag & ECHO))
		_exit(TTY_NOT_RESTORED);
	if (tty_test_fatal_on_ui && !tty_test_endwin_on_ui)
		_exit(TTY_NO_ENDWIN);
	_exit(TTY_OK);
}

/* The source's descriptor: the UI loop asks for it once curses is up. */
static int
tty_test_fd(void *data)
{
	(void)data;
	pthread_mutex_lock(&tty_test_lock);
	tty_test_up = 1;
	pthread_cond_signal(&tty_test_cond);
	pthread_mutex_unlock(&tty_test_lock);
	if (tty_test_fatal_on_ui && ++tty_test_calls == 3)
		fatal("fatal on the UI thread");
	return tty_test_pipe[0];
}

static void
tty_test_nothing(void *data)
{
	(void)data;
}

static void
tty_test_submit(void *data, const struct action *a)
{
	(void)data;
	(void)a;
}

static size_t
tty_test_pending(void *data)
{
	(void)data;
	return 0;
}

static const struct source_ops tty_test_ops = {
	.name = "test",
	.fd = tty_test_fd,
	.drain = tty_test_nothing,
	.refresh = tty_test_nothing,
	.submit = tty_test_submit,
	.pending = tty_test_pending,
	.stop = tty_test_nothing,
};

/* Another thread: once curses is up, die as the poller would. */
static void *
tty_test_killer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&tty_test_lock);
	while (!tty_test_up)
		pthread_cond_wait(&tty_test_cond, &tty_test_lock);
	pthread_mutex_unlock(&tty_test_lock);
	usleep(200000);
	fatal("fatal on another thread");
	return NULL;
}

/* The child, on the pseudo-terminal: the dashboard until fatal(). */
static void
tty_test_child(int on_ui)
{
	struct cfg cfg;
	struct source *src;
	pthread_t t;

	setenv("TERM", "xterm", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("NO_COLOR");
	tty_test_ui = pthread_self();
	tty_test_fatal_on_ui = on_ui;
	if (pipe(tty_test_pipe) != 0)
		_exit(90);
	atexit(tty_test_at_exit);
	cfg_init(&cfg);
	src = source_new(&tty_test_ops, NULL, store_new());
	if (!on_ui && pthread_create(&t, NULL, tty_test_killer, NULL) != 0)
		_exit(91);
	ui_run(&cfg, src);
	_exit(92); /* fatal() never came. */
}

/*
 * Run the dashboard in a child on a pseudo-terminal until fatal(); the
 * child's exit status, and what it wrote to the terminal in *out.
 */
static int
tty_test_run(int on_ui, char *out, size_t len)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct pollfd pfd;
	size_t used = 0;
	ssize_t n;
	pid_t pid;
	int master, status, waited = 0;

	pid = forkpty(&master, NULL, NULL, &ws);
	assert_true(pid != -1);
	if (pid == 0)
		tty_test_child(on_ui);
	/* Read everything, so that the child never blocks on the terminal. */
	pfd.fd = master;
	pfd.events = POLLIN;
	while (waited < 200) {
		if (poll(&pfd, 1, 100) == 0) {
			waited++;
			continue;
		}
		n = read(master, out + used, len - 1 - used);
		if (n <= 0)
			break; /* EIO: the child is gone. */
		used += (size_t)n;
		if (used == len - 1)
			used = 0; /* Keep the tail; the start is curses'. */
	}
	out[used] = '\0';
	if (waited >= 200)
		kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(master);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
test_tty_fatal_on_another_thread_calls_no_curses(void **state)
{
	static char out[65536];

	(void)state;
	/* 99: endwin() ran on the other thread; 98: modes not restored. */
	assert_int_equal(tty_test_run(0, out, sizeof out), TTY_OK);
	assert_non_null(strstr(out, "fatal on another thread"));
	/* xterm's sequence that leaves the alternate screen was written. */
	assert_non_null(strstr(out, "\033[?1049l"));
}

static void
test_tty_fatal_on_the_ui_thread_ends_curses(void **state)
{
	static char out[65536];

	(void)state;
	assert_int_equal(tty_test_run(1, out, sizeof out), TTY_OK);
	assert_non_null(strstr(out, "fatal on the UI thread"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_tty_fatal_on_another_thread_calls_no_curses),
		cmocka_unit_test(test_tty_fatal_on_the_ui_thread_ends_curses),
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests_name("tty", tests, NULL, NULL);
}
