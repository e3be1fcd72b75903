/*
 * Notification sequences: which one a terminal gets, the bytes of OSC 9
 * and OSC 777, tmux's and screen's passthrough, and untrusted text made
 * inert inside them (no control character, no early end).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"

/* A fake environment: "NAME=value" pairs. */
static const char *fake_env[8];

static char *
fake_getenv(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; fake_env[i] != NULL; i++) {
		if (strncmp(fake_env[i], name, n) == 0 && fake_env[i][n] == '=')
			return (char *)fake_env[i] + n + 1;
	}
	return NULL;
}

/* Set the fake environment to up to three variables. */
static void
env3(const char *a, const char *b, const char *c)
{
	memset(fake_env, 0, sizeof fake_env);
	fake_env[0] = a;
	fake_env[1] = a != NULL ? b : NULL;
	fake_env[2] = b != NULL ? c : NULL;
}

static void
test_parse_names_each_kind(void **state)
{
	enum notify_kind k;

	(void)state;
	assert_int_equal(notify_parse("auto", &k), 0);
	assert_int_equal(k, NOTIFY_AUTO);
	assert_int_equal(notify_parse("osc777", &k), 0);
	assert_int_equal(k, NOTIFY_OSC777);
	assert_int_equal(notify_parse("off", &k), 0);
	assert_int_equal(k, NOTIFY_OFF);
	assert_int_equal(notify_parse("OSC9", &k), -1);
	assert_int_equal(notify_parse(NULL, &k), -1);
	assert_string_equal(notify_name(NOTIFY_OSC9), "osc9");
}

static void
test_auto_guesses_from_the_terminal(void **state)
{
	(void)state;
	env3("TERM=xterm-256color", "TERM_PROGRAM=iTerm.app", NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv), NOTIFY_OSC9);
	env3("TERM=rxvt-unicode-256color", NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv),
	    NOTIFY_OSC777);
	env3("TERM=xterm-256color", "VTE_VERSION=7006", NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv),
	    NOTIFY_OSC777);
	env3("TERM=foot", NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv),
	    NOTIFY_OSC777);
	env3("TERM=linux", NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv), NOTIFY_OFF);
	env3("TERM=dumb", NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv), NOTIFY_OFF);
	env3(NULL, NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv), NOTIFY_OFF);
	/* Over SSH, in tmux: only TERM, and OSC 9 is the common one. */
	env3("TERM=tmux-256color", NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_AUTO, fake_getenv), NOTIFY_OSC9);
	/* A setting other than auto is kept. */
	env3("TERM=linux", NULL, NULL);
	assert_int_equal(notify_choose(NOTIFY_OSC777, fake_getenv),
	    NOTIFY_OSC777);
}

static void
test_wrap_sees_tmux_and_screen(void **state)
{
	(void)state;
	env3("TERM=xterm", "TMUX=/tmp/tmux-1/default,1,0", NULL);
	assert_int_equal(notify_wrap_for(fake_getenv), NOTIFY_WRAP_TMUX);
	env3("TERM=tmux-256color", NULL, NULL);
	assert_int_equal(notify_wrap_for(fake_getenv), NOTIFY_WRAP_TMUX);
	env3("TERM=screen-256color", NULL, NULL);
	assert_int_equal(notify_wrap_for(fake_getenv), NOTIFY_WRAP_TMUX);
	env3("TERM=screen", "STY=123.pts-0.host", NULL);
	assert_int_equal(notify_wrap_for(fake_getenv), NOTIFY_WRAP_SCREEN);
	env3("TERM=xterm-256color", NULL, NULL);
	assert_int_equal(notify_wrap_for(fake_getenv), NOTIFY_WRAP_NONE);
}

static void
test_sequences_are_exact(void **state)
{
	char *s;

	(void)state;
	s = notify_sequence(NOTIFY_OSC9, NOTIFY_WRAP_NONE, "teamtop",
	    "Ann is Available", 0);
	assert_string_equal(s, "\033]9;teamtop: Ann is Available\a");
	free(s);
	s = notify_sequence(NOTIFY_OSC777, NOTIFY_WRAP_NONE, "team;top",
	    "Ann; is Available", 0);
	assert_string_equal(s, "\033]777;notify;team,top;Ann; is Available\a");
	free(s);
	s = notify_sequence(NOTIFY_OSC9, NOTIFY_WRAP_TMUX, "teamtop", "Ann", 0);
	assert_string_equal(s, "\033Ptmux;\033\033]9;teamtop: Ann\a\033\\");
	free(s);
	s = notify_sequence(NOTIFY_OSC9, NOTIFY_WRAP_SCREEN, "teamtop", "Ann",
	    0);
	assert_string_equal(s, "\033P\033]9;teamtop: Ann\a\033\\");
	free(s);
	assert_null(notify_sequence(NOTIFY_OFF, NOTIFY_WRAP_NONE, "t", "b", 0));
	assert_null(
	    notify_sequence(NOTIFY_AUTO, NOTIFY_WRAP_NONE, "t", "b", 0));
}

static void
test_untrusted_text_cannot_end_the_sequence(void **state)
{
	const char *evil = "Ann\a\033\\\033]0;pwned\a\xc2\x9c\x9c\r\nLee";
	char *s, *body;
	size_t i;

	(void)state;
	s = notify_sequence(NOTIFY_OSC9, NOTIFY_WRAP_TMUX, "teamtop", evil, 0);
	/* One ESC P, one doubled ESC ], one BEL, one ST, all ours. */
	assert_memory_equal(s, "\033Ptmux;\033\033]9;", 11);
	body = s + 11;
	for (i = 0; body[i] != '\a'; i++) {
		assert_true((unsigned char)body[i] >= 0x20);
		assert_true(body[i] != 0x7f);
	}
	assert_string_equal(body + i, "\a\033\\");
	assert_null(strstr(body, "\xc2\x9c"));
	assert_null(strstr(body, "pwned\a"));
	free(s);
	s = notify_sequence(NOTIFY_OSC9, NOTIFY_WRAP_NONE, "teamtop",
	    "G\xc3\xbcnther", 1);
	assert_null(strchr(s + 4, '\xc3'));
	free(s);
}

static void
test_long_text_is_cut(void **state)
{
	char long_text[2000], *s;

	(void)state;
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	s = notify_sequence(NOTIFY_OSC9, NOTIFY_WRAP_NONE, "teamtop", long_text,
	    0);
	assert_true(strlen(s) < NOTIFY_TEXT_MAX * 4 + 32);
	assert_int_equal(s[strlen(s) - 1], '\a');
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names_each_kind),
		cmocka_unit_test(test_auto_guesses_from_the_terminal),
		cmocka_unit_test(test_wrap_sees_tmux_and_screen),
		cmocka_unit_test(test_sequences_are_exact),
		cmocka_unit_test(test_untrusted_text_cannot_end_the_sequence),
		cmocka_unit_test(test_long_text_is_cut),
	};

	return cmocka_run_group_tests_name("notify", tests, NULL, NULL);
}
