/*
 * The alerts of the watches: when one fires, the status bar says who and
 * what (kept in sight until read), the row flashes, the bell rings (bell),
 * the terminal is asked for a desktop notification (notify: OSC 9 or OSC
 * 777, through tmux's passthrough when in tmux), and notify_command runs
 * with the details in its environment, never through a shell, reaped
 * later. The bytes go to the terminal between two frames, when curses
 * has sent all it had. UI thread only.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "notify.h"
#include "spawn.h"
#include "text.h"
#include "ui_int.h"
#include "xmalloc.h"

/* How long a row flashes. Seconds (the frame ticks each second). */
#define ALERTS_FLASH 2
/* The most notify_command children running at once. */
#define ALERTS_CHILDREN_MAX 16

/* Choose the notification for the terminal, from the settings. */
void
alerts_init(struct ui *ui)
{
	enum notify_kind k = NOTIFY_AUTO;

	/* cfg_finish checked the setting. */
	notify_parse(ui->cfg->notify, &k);
	ui->watches.notify = (int)notify_choose(k, getenv);
	ui->watches.wrap = (int)notify_wrap_for(getenv);
}

/* Write bytes to the terminal, all of them. */
static void
alerts_write(const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDOUT_FILENO, s, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Add "NAME=value" (value sanitised) to an environment being built. */
static void
alerts_env(char **env, size_t *n, const char *name, const char *value)
{
	char *clean = text_sanitize(value);

	xasprintf(&env[(*n)++], "%s=%s", name, clean);
	free(clean);
}

/* Run notify_command for a watch that fired. */
static void
alerts_command(struct ui *ui, const struct watch *w, const struct store_row *r,
    const char *was, const char *was_activity, const char *what,
    const char *text)
{
	char **argv, *env[16], *cause, when[32];
	struct tm tm;
	time_t now = time(NULL);
	size_t i, n = 0;
	pid_t pid;

	if (ui->watches.npids >= ALERTS_CHILDREN_MAX) {
		msglog_fail(&ui->log,
		    "notify_command not run for %s: %d still running", w->name,
		    ALERTS_CHILDREN_MAX);
		return;
	}
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
	alerts_env(env, &n, "TEAMTOP_ID", r->id);
	alerts_env(env, &n, "TEAMTOP_USER",
	    r->upn != NULL        ? r->upn
	        : r->mail != NULL ? r->mail
	                          : r->id);
	alerts_env(env, &n, "TEAMTOP_NAME", r->d_name);
	alerts_env(env, &n, "TEAMTOP_AVAILABILITY", r->presence.availability);
	alerts_env(env, &n, "TEAMTOP_ACTIVITY", r->presence.activity);
	alerts_env(env, &n, "TEAMTOP_PREVIOUS_AVAILABILITY", was);
	alerts_env(env, &n, "TEAMTOP_PREVIOUS_ACTIVITY", was_activity);
	alerts_env(env, &n, "TEAMTOP_CONDITION", what);
	alerts_env(env, &n, "TEAMTOP_REPEAT", w->every ? "every" : "once");
	alerts_env(env, &n, "TEAMTOP_TIME", when);
	alerts_env(env, &n, "TEAMTOP_MESSAGE", text);
	env[n] = NULL;
	argv = xreallocarray(NULL, ui->cfg->nnotify_command + 1, sizeof *argv);
	for (i = 0; i < ui->cfg->nnotify_command; i++)
		argv[i] = ui->cfg->notify_command[i];
	argv[i] = NULL;
	if ((pid = spawn_start(argv, env, &cause)) == -1) {
		msglog_fail(&ui->log, "notify_command: %s", cause);
		free(cause);
	} else {
		ui->watches.pids = xreallocarray(ui->watches.pids,
		    ui->watches.npids + 1, sizeof *ui->watches.pids);
		ui->watches.pids[ui->watches.npids++] = pid;
	}
	free(argv);
	for (i = 0; i < n; i++)
		free(env[i]);
}

/* A presence in words: "Busy", or "Busy, InACall"; sanitised. */
static char *
alerts_state(const char *availability, const char *activity)
{
	char *s, *clean;

	if (activity == NULL || *activity == '\0' ||
	    (availability != NULL && strcmp(activity, availability) == 0))
		return text_sanitize(availability);
	xasprintf(&s, "%s, %s", availability != NULL ? availability : "",
	    activity);
	clean = text_sanitize(s);
	free(s);
	return clean;
}

/* A watch fired on r, which was in was (and was_activity). */
void
alerts_fire(struct ui *ui, const struct watch *w, const struct store_row *r,
    const char *was, const char *was_activity)
{
	char what[64], *text, *seq, *now, *before;

	watch_describe(w, what, sizeof what);
	now = alerts_state(r->presence.availability, r->presence.activity);
	before = alerts_state(was, was_activity);
	xasprintf(&text, "%s is %s (was %s)", r->d_name, now, before);
	msglog_fail(&ui->log, "watch: %s: %s%s", what, text,
	    w->every ? "" : "; the watch ends");
	free(ui->watches.flash_id);
	ui->watches.flash_id = xstrdup(r->id);
	ui->watches.flash_till = time(NULL) + ALERTS_FLASH;
	if (ui->cfg->bell)
		alerts_write("\a", 1);
	seq = notify_sequence((enum notify_kind)ui->watches.notify,
	    (enum notify_wrap)ui->watches.wrap, "teamtop", text,
	    ui->opts.ascii);
	if (seq != NULL)
		alerts_write(seq, strlen(seq));
	free(seq);
	if (ui->cfg->nnotify_command != 0)
		alerts_command(ui, w, r, was, was_activity, what, text);
	free(text);
	free(now);
	free(before);
}

/* Reap the notify_command children that have ended; say why on failure. */
void
alerts_reap(struct ui *ui)
{
	size_t i = 0;
	int status, r;

	while (i < ui->watches.npids) {
		r = spawn_reap(ui->watches.pids[i], &status);
		if (r == 0) {
			i++;
			continue;
		}
		if (r == 1 && WIFEXITED(status) && WEXITSTATUS(status) != 0)
			msglog_fail(&ui->log,
			    "notify_command exited with status %d%s",
			    WEXITSTATUS(status),
			    WEXITSTATUS(status) == 127 ? " (not found?)" : "");
		else if (r == 1 && WIFSIGNALED(status))
			msglog_fail(&ui->log,
			    "notify_command was killed by signal %d",
			    WTERMSIG(status));
		ui->watches.pids[i] = ui->watches.pids[--ui->watches.npids];
	}
}

/* Forget the children (they run on) and the flash. */
void
alerts_done(struct ui *ui)
{
	free(ui->watches.pids);
	ui->watches.pids = NULL;
	ui->watches.npids = 0;
	free(ui->watches.flash_id);
	ui->watches.flash_id = NULL;
}
