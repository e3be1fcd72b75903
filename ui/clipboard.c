/*
 * Copying to the clipboard with OSC 52. The sequence goes straight to the
 * terminal between two frames (curses has flushed its own output by then,
 * and an OSC moves no cursor). Through SSH it reaches the terminal as is.
 * Inside tmux, with tmux's defaults (set-clipboard external,
 * allow-passthrough off), tmux drops an application's OSC 52 and its
 * passthrough: there tmux is asked to do it, with tmux load-buffer -w,
 * which sets its buffer and sends OSC 52 to the outer terminal itself.
 * UI thread only.
 */
#include "config.h"

#include "clipboard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"
#include "store.h"
#include "ui_int.h"
#include "xmalloc.h"

/* How long tmux load-buffer may take. Milliseconds. */
#define CLIPBOARD_TMUX_WAIT 2000

/* Base64 of len bytes, allocated. */
static char *
clipboard_base64(const unsigned char *in, size_t len)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = xmalloc((len + 2) / 3 * 4 + 1), *o = out;
	unsigned long v;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 |
		    in[i + 2];
		*o++ = digits[v >> 18 & 63];
		*o++ = digits[v >> 12 & 63];
		*o++ = digits[v >> 6 & 63];
		*o++ = digits[v & 63];
	}
	if (i < len) {
		v = (unsigned long)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)in[i + 1] << 8;
		*o++ = digits[v >> 18 & 63];
		*o++ = digits[v >> 12 & 63];
		*o++ = i + 1 < len ? digits[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/* The OSC 52 sequence for text. */
char *
clipboard_osc52(const char *text)
{
	char *b64, *seq;

	b64 = clipboard_base64((const unsigned char *)text, strlen(text));
	xasprintf(&seq, "\033]52;c;%s\033\\", b64);
	free(b64);
	return seq;
}

/* The UPN, else the mail. */
const char *
clipboard_what(const struct store_row *r)
{
	if (r->d_upn != NULL && *r->d_upn != '\0')
		return r->d_upn;
	if (r->d_mail != NULL && *r->d_mail != '\0')
		return r->d_mail;
	return NULL;
}

/* Write all of s to the terminal. */
static int
clipboard_write(const char *s)
{
	size_t len = strlen(s), done = 0;
	ssize_t n;

	while (done < len) {
		n = write(STDOUT_FILENO, s + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/*
 * Run tmux load-buffer -w - with text on its standard input, within
 * CLIPBOARD_TMUX_WAIT; 0 when it says it did.
 */
static int
clipboard_tmux(const char *text)
{
	static char *const argv[] = { "tmux", "load-buffer", "-w", "-", NULL };
	static char *const env[] = { NULL };
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int in[2], status, waited, r;
	char *cause = NULL;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) != 0)
		return -1;
	pid = spawn_start_input(argv, env, in[0], &cause);
	close(in[0]);
	if (pid == -1) {
		free(cause);
		close(in[1]);
		return -1;
	}
	/* A UPN is far smaller than a pipe's buffer: this never blocks. */
	if (write(in[1], text, strlen(text)) == -1) {
		/* tmux is gone already: its status says why. */
	}
	close(in[1]);
	for (waited = 0;; waited += 10) {
		if ((r = spawn_reap(pid, &status)) == 1)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0
			    ? 0
			    : -1;
		if (r == -1)
			return -1;
		if (waited >= CLIPBOARD_TMUX_WAIT) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		nanosleep(&ts, NULL);
	}
}

/* Put text on the clipboard. */
int
clipboard_copy(const char *text, char **cause)
{
	const char *tmux = getenv("TMUX");
	char *seq, *wrapped, *p;
	size_t i;
	int rc;

	seq = clipboard_osc52(text);
	rc = clipboard_write(seq);
	if (tmux != NULL && *tmux != '\0' && clipboard_tmux(text) != 0) {
		/* An older tmux: its passthrough, each ESC doubled. */
		wrapped = p = xmalloc(2 * strlen(seq) + 16);
		p += sprintf(p, "\033Ptmux;");
		for (i = 0; seq[i] != '\0'; i++) {
			if (seq[i] == '\033')
				*p++ = '\033';
			*p++ = seq[i];
		}
		sprintf(p, "\033\\");
		if (clipboard_write(wrapped) == 0)
			rc = 0;
		free(wrapped);
	}
	free(seq);
	if (rc != 0)
		xasprintf(cause, "cannot write to the terminal: %s",
		    strerror(errno));
	return rc;
}

/* Copy the selected person's UPN (or mail) and say so. */
void
clipboard_selected(struct ui *ui)
{
	const struct store_row *r;
	const char *what;
	char *cause;

	if (ui->sel.id == NULL ||
	    (r = snapshot_find(ui->snap, ui->sel.id)) == NULL)
		return;
	if ((what = clipboard_what(r)) == NULL) {
		msglog_fail(&ui->log, "nothing to copy: %s has no UPN or mail",
		    r->d_name);
		return;
	}
	if (clipboard_copy(what, &cause) != 0) {
		msglog_fail(&ui->log, "copy: %s", cause);
		free(cause);
		return;
	}
	msglog_add(&ui->log, "Copied %s to the clipboard", what);
}
