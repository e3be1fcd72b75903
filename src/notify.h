/*
 * Desktop notifications through the terminal's own escape sequences:
 * iTerm2's OSC 9 or rxvt's OSC 777 "notify", which terminals (and tmux, in
 * its passthrough) carry to the desktop even over SSH. Which one a
 * terminal takes is guessed from its environment; the text is made inert
 * first. Pure, no I/O; any thread.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stddef.h>

/* Which sequence, as the notify setting names it. */
enum notify_kind {
	NOTIFY_AUTO, /* Guessed from TERM, TERM_PROGRAM and the like. */
	NOTIFY_OSC9,
	NOTIFY_OSC777,
	NOTIFY_OFF,
	NOTIFY__COUNT /* Must be last. */
};

/* What the sequence must pass through on its way to the terminal. */
enum notify_wrap {
	NOTIFY_WRAP_NONE,
	NOTIFY_WRAP_TMUX,  /* DCS tmux; ... ST with every ESC doubled. */
	NOTIFY_WRAP_SCREEN /* GNU screen: DCS ... ST. */
};

/* The longest text of a notification. Display columns. */
#define NOTIFY_TEXT_MAX 200

/* A setting's value: 0 with *out, -1 when it names no kind. */
int notify_parse(const char *, enum notify_kind *out);
const char *notify_name(enum notify_kind);

/*
 * The kind for a terminal: kind itself unless NOTIFY_AUTO, then guessed
 * from the environment read through env (getenv): off for the Linux
 * console and terminals without OSC, OSC 777 for rxvt, foot and VTE,
 * OSC 9 otherwise (iTerm2, WezTerm, kitty, Ghostty, Windows Terminal and
 * whatever is at the other end of SSH or tmux, which ignore an OSC they do
 * not know).
 */
enum notify_kind notify_choose(enum notify_kind, char *(*env)(const char *));

/* The multiplexer in the way, from the environment read through env. */
enum notify_wrap notify_wrap_for(char *(*env)(const char *));

/*
 * The bytes to write for a notification with a title and a body (untrusted
 * text: sanitised, cut to NOTIFY_TEXT_MAX columns, in ASCII when ascii is
 * set, ';' out of OSC 777's title), wrapped for the multiplexer.
 * Allocated; NULL for NOTIFY_OFF or NOTIFY_AUTO.
 */
char *notify_sequence(enum notify_kind, enum notify_wrap, const char *title,
    const char *body, int ascii);

#endif
