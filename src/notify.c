/*
 * Notifications as terminal escape sequences. Pure; any thread.
 */
#include "config.h"

#include "notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

static const char *const notify_names[NOTIFY__COUNT] = {
	"auto",
	"osc9",
	"osc777",
	"off",
};

/* A kind by its name. */
int
notify_parse(const char *s, enum notify_kind *out)
{
	int k;

	for (k = 0; k < NOTIFY__COUNT; k++) {
		if (s != NULL && strcmp(s, notify_names[k]) == 0) {
			*out = (enum notify_kind)k;
			return 0;
		}
	}
	return -1;
}

/* The name of a kind. */
const char *
notify_name(enum notify_kind k)
{
	if ((int)k < 0 || k >= NOTIFY__COUNT)
		return "?";
	return notify_names[k];
}

/* Does s start with prefix? */
static int
notify_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Is an environment variable set and not empty? */
static int
notify_set(char *(*env)(const char *), const char *name)
{
	const char *v = env(name);

	return v != NULL && *v != '\0';
}

/* The kind for this terminal. */
enum notify_kind
notify_choose(enum notify_kind kind, char *(*env)(const char *))
{
	const char *term = env("TERM"), *prog = env("TERM_PROGRAM");

	if (kind != NOTIFY_AUTO)
		return kind;
	/* The Linux console prints what follows an OSC it does not know. */
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0 ||
	    notify_prefix(term, "linux") || notify_prefix(term, "vt") ||
	    notify_prefix(term, "cons") || notify_prefix(term, "sun"))
		return NOTIFY_OFF;
	if (prog != NULL &&
	    (strcmp(prog, "iTerm.app") == 0 || strcmp(prog, "WezTerm") == 0 ||
	        strcmp(prog, "ghostty") == 0))
		return NOTIFY_OSC9;
	if (notify_prefix(term, "rxvt") || notify_prefix(term, "foot") ||
	    notify_set(env, "VTE_VERSION"))
		return NOTIFY_OSC777;
	return NOTIFY_OSC9;
}

/* The multiplexer between teamtop and the terminal. */
enum notify_wrap
notify_wrap_for(char *(*env)(const char *))
{
	const char *term = env("TERM");

	if (notify_set(env, "TMUX") || notify_prefix(term, "tmux"))
		return NOTIFY_WRAP_TMUX;
	if (notify_set(env, "STY"))
		return NOTIFY_WRAP_SCREEN;
	/* tmux's default TERM, also seen at the far end of SSH. */
	if (notify_prefix(term, "screen"))
		return NOTIFY_WRAP_TMUX;
	return NOTIFY_WRAP_NONE;
}

/* Untrusted text made inert and short; ';' too when nosemi is set. */
static char *
notify_text(const char *s, int ascii, int nosemi)
{
	char *t, *p;

	t = text_fit_flags(s, NOTIFY_TEXT_MAX,
	    TEXT_NOPAD | (ascii ? TEXT_ASCII : 0));
	if (nosemi) {
		for (p = t; (p = strchr(p, ';')) != NULL; p++)
			*p = ',';
	}
	return t;
}

/* Wrap a sequence for a multiplexer. */
static char *
notify_wrap_seq(const char *seq, enum notify_wrap wrap)
{
	char *out, *o;
	const char *s;

	switch (wrap) {
	case NOTIFY_WRAP_TMUX:
		/* tmux drops an ESC not doubled; ST ends the DCS. */
		o = out = xmalloc(2 * strlen(seq) + sizeof "\033Ptmux;\033\\");
		o += sprintf(o, "\033Ptmux;");
		for (s = seq; *s != '\0'; s++) {
			if (*s == '\033')
				*o++ = '\033';
			*o++ = *s;
		}
		sprintf(o, "\033\\");
		return out;
	case NOTIFY_WRAP_SCREEN:
		xasprintf(&out, "\033P%s\033\\", seq);
		return out;
	case NOTIFY_WRAP_NONE:
		break;
	}
	return xstrdup(seq);
}

/* The bytes of a notification. */
char *
notify_sequence(enum notify_kind kind, enum notify_wrap wrap, const char *title,
    const char *body, int ascii)
{
	char *t, *b, *seq, *out;

	if (kind != NOTIFY_OSC9 && kind != NOTIFY_OSC777)
		return NULL;
	t = notify_text(title, ascii, 1);
	b = notify_text(body, ascii, 0);
	/* Ended by BEL: tmux's DCS and screen's end at ESC \. */
	if (kind == NOTIFY_OSC9)
		xasprintf(&seq, "\033]9;%s: %s\a", t, b);
	else
		xasprintf(&seq, "\033]777;notify;%s;%s\a", t, b);
	out = notify_wrap_seq(seq, wrap);
	free(seq);
	free(t);
	free(b);
	return out;
}
