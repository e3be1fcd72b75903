/*
 * Saving and restoring the terminal. The UI thread saves the termios before
 * curses starts and, once it has, the terminal's exit sequences (leave the
 * alternate screen, show the cursor, plain attributes, mouse and keypad
 * off), so that another thread can restore the terminal with tcsetattr()
 * and write() alone, calls safe from any thread, while curses is not.
 */
#include "config.h"

#include "tty.h"

#include <curses.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "xmalloc.h"

/* xterm's mouse reporting off, normal and SGR encodings. */
#define TTY_MOUSE_OFF "\033[?1000l\033[?1006l"

static struct termios tty_termios; /* Before curses. */
static int tty_have_termios;
static char tty_exit[256]; /* The exit sequences, in order. */
static size_t tty_exit_len;
static pthread_t tty_ui_thread;
static int tty_up; /* 1 while curses owns the terminal. */

/*
 * Can the dashboard run on this terminal? It needs one on both stdin and
 * stdout, of a type curses knows, that can move the cursor to any cell
 * (cup): a dumb terminal can only print lines.
 */
int
tty_usable(char **cause)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0, can;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause =
		    xstrdup("the dashboard needs a terminal; the one-shot "
		            "commands (teamtop get, teamtop export) do not");
		return -1;
	}
	if (term == NULL || *term == '\0') {
		*cause = xstrdup("TERM is not set, so the dashboard cannot "
		                 "drive the terminal; the one-shot commands "
		                 "(teamtop get, teamtop export) need no "
		                 "terminal type");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		xasprintf(cause,
		    "cannot drive the terminal: TERM=%s is not a terminal type "
		    "this system knows; the one-shot commands (teamtop get, "
		    "teamtop export) need no terminal type",
		    term);
		return -1;
	}
	cup = tigetstr("cup");
	can = cup != NULL && cup != (char *)-1;
	del_curterm(cur_term);
	if (!can) {
		xasprintf(cause,
		    "the terminal (TERM=%s) cannot move the cursor, which the "
		    "dashboard needs; use the one-shot commands instead, such "
		    "as teamtop get or teamtop export",
		    term);
		return -1;
	}
	return 0;
}

/* Save the terminal's modes. */
void
tty_save(void)
{
	tty_have_termios = tcgetattr(STDOUT_FILENO, &tty_termios) == 0;
}

/* Append the capability called name, if the terminal has one. */
static void
tty_capture(const char *name)
{
	char *s = tigetstr(name);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (tty_exit_len + n >= sizeof tty_exit)
		return;
	memcpy(tty_exit + tty_exit_len, s, n);
	tty_exit_len += n;
}

/* Record the UI thread and the exit sequences. */
void
tty_started(void)
{
	char *mouse;

	tty_exit_len = 0;
	tty_capture("sgr0");
	tty_capture("cnorm");
	mouse = tigetstr("kmous");
	if (mouse != NULL && mouse != (char *)-1 &&
	    tty_exit_len + strlen(TTY_MOUSE_OFF) < sizeof tty_exit) {
		memcpy(tty_exit + tty_exit_len, TTY_MOUSE_OFF,
		    strlen(TTY_MOUSE_OFF));
		tty_exit_len += strlen(TTY_MOUSE_OFF);
	}
	tty_capture("rmkx");
	tty_capture("rmcup");
	tty_ui_thread = pthread_self();
	__atomic_store_n(&tty_up, 1, __ATOMIC_RELEASE);
}

/* Curses has given the terminal back. */
void
tty_stopped(void)
{
	__atomic_store_n(&tty_up, 0, __ATOMIC_RELEASE);
}

/*
 * Give the terminal back without curses: the sequences that leave curses'
 * modes and the saved termios. Async-signal-safe.
 */
static void
tty_restore_raw(void)
{
	ssize_t n;
	size_t done = 0;

	while (done < tty_exit_len) {
		n = write(STDOUT_FILENO, tty_exit + done, tty_exit_len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (tty_have_termios)
		tcsetattr(STDOUT_FILENO, TCSADRAIN, &tty_termios);
}

/* Give the terminal back, once, from whichever thread is dying. */
void
tty_restore(void)
{
	if (!__atomic_exchange_n(&tty_up, 0, __ATOMIC_ACQ_REL))
		return;
	if (pthread_equal(pthread_self(), tty_ui_thread))
		endwin();
	else
		tty_restore_raw();
}

/* A signal that kills: give the terminal back, then die of it. */
static void
tty_crash(int sig)
{
	if (__atomic_exchange_n(&tty_up, 0, __ATOMIC_ACQ_REL))
		tty_restore_raw();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Restore the terminal before the signals that kill the process. */
void
tty_catch_crashes(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tty_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}
