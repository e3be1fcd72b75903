/* Unit tests for sanitising and measuring untrusted text. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "text.h"

/* Assert that sanitising in gives want. */
static void
check_clean(const char *in, const char *want)
{
	char *s = text_sanitize(in);

	assert_string_equal(s, want);
	free(s);
}

/* Is s free of anything a terminal would act on, and valid UTF-8? */
static int
is_inert(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *fixed;
	int ok;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9)
			return 0;
	}
	fixed = text_fix_utf8(s);
	ok = strcmp(fixed, s) == 0;
	free(fixed);
	return ok;
}

/* OSC 52 (clipboard write), with BEL or ST, is removed entirely. */
static void
test_osc52_clipboard_removed(void **state)
{
	(void)state;
	check_clean("\x1b]52;c;ZWNobyBwd25lZA==\x07hello", "hello");
	check_clean("a\x1b]52;c;ZWNobyBwd25lZA==\x1b\\b", "ab");
	check_clean("a\xc2\x9d"
	            "52;c;AAAA\xc2\x9c"
	            "b",
	    "ab");
}

/* CSI sequences (clear screen, cursor moves, colours) are removed. */
static void
test_csi_removed(void **state)
{
	(void)state;
	check_clean("\x1b[2Jcleared", "cleared");
	check_clean("\x1b[H\x1b[2J\x1b[3J", "");
	check_clean("\x1b[1;31mred\x1b[0m", "red");
	check_clean("x\x1b[?1049hy", "xy");
	check_clean("\xc2\x9b"
	            "2Jz",
	    "z");
	check_clean("a\x1b[6n", "a");
}

/* Window title sets (OSC 0/2) and other strings are removed. */
static void
test_title_and_strings_removed(void **state)
{
	(void)state;
	check_clean("\x1b]0;pwned\x07name", "name");
	check_clean("\x1b]2;title\x1b\\x", "x");
	check_clean("\x1bP+q544e\x1b\\x", "x");
	check_clean("\x1b_apc\x1b\\x", "x");
	check_clean("\x1b^pm\x07x", "x");
	check_clean("\x1bXsos\x07x", "x");
	check_clean("\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "link");
	/* Unterminated: everything after is dropped. */
	check_clean("abc\x1b]0;title", "abc");
}

/* Other escapes: charset, reset, keypad, lone ESC. */
static void
test_other_escapes_removed(void **state)
{
	(void)state;
	check_clean("\x1b(Bx", "x");
	check_clean("\x1b"
	            "cX",
	    "X");
	check_clean("\x1b=\x1b>k", "k");
	check_clean("\x1b#8y", "y");
	check_clean("abc\x1b", "abc");
	check_clean("\x1b\x1b[2Jq", "q");
}

/* Bidi overrides and isolates (Trojan Source) are dropped. */
static void
test_bidi_dropped(void **state)
{
	(void)state;
	check_clean("abc\xe2\x80\xae"
	            "fed",
	    "abcfed");
	check_clean("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"
	            "x",
	    "x");
	check_clean("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"
	            "y",
	    "y");
	check_clean("\xe2\x80\x8f"
	            "z",
	    "z");
}

/*
 * Joiners, emoji variation selectors and skin tones go, which terminals
 * draw in cells of their own choosing: the emoji stay, side by side.
 */
static void
test_emoji_sequences_split(void **state)
{
	(void)state;
	/* Dang Duc, woman with medium skin tone ZWJ laptop. */
	check_clean("\xc4\x90\xe1\xba\xb7ng \xc4\x90\xe1\xbb\xa9"
	            "c \xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd\xe2\x80\x8d"
	            "\xf0\x9f\x92\xbb",
	    "\xc4\x90\xe1\xba\xb7ng \xc4\x90\xe1\xbb\xa9"
	    "c \xf0\x9f\x91\xa9\xf0\x9f\x92\xbb");
	/* Rainbow flag: white flag VS16 ZWJ rainbow. */
	check_clean("\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d"
	            "\xf0\x9f\x8c\x88",
	    "\xf0\x9f\x8f\xb3\xf0\x9f\x8c\x88");
	/* Heavy black heart VS16; watch VS15. */
	check_clean("\xe2\x9d\xa4\xef\xb8\x8f", "\xe2\x9d\xa4");
	check_clean("\xe2\x8c\x9a\xef\xb8\x8e", "\xe2\x8c\x9a");
	/* Every skin tone. */
	check_clean("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbb\xf0\x9f\x8f\xbc"
	            "\xf0\x9f\x8f\xbd\xf0\x9f\x8f\xbe\xf0\x9f\x8f\xbf",
	    "\xf0\x9f\x91\x8d");
	/* Other selectors and the zero width non-joiner stay. */
	check_clean("\xe8\xbe\xbb\xf3\xa0\x84\x80",
	    "\xe8\xbe\xbb\xf3\xa0\x84\x80");
	check_clean("a\xe2\x80\x8c"
	            "b",
	    "a\xe2\x80\x8c"
	    "b");
}

/* C0 controls, DEL and C1 controls go; line breaks become a space. */
static void
test_controls(void **state)
{
	(void)state;
	check_clean("a\nb\r\nc\td", "a b c d");
	check_clean("a\x07"
	            "b\x08"
	            "c\x7f"
	            "d",
	    "abcd");
	check_clean("x\x01\x02\x1f"
	            "y",
	    "xy");
	check_clean("a\xc2\x85"
	            "b",
	    "a b");
	check_clean("a\xc2\x80\xc2\x81"
	            "b",
	    "ab");
	check_clean("a\xc2\x9f"
	            "apc\xc2\x9c"
	            "b",
	    "ab");
	check_clean("a\xe2\x80\xa8"
	            "b",
	    "a b");
	check_clean("a\rb", "a b");
}

/* Invalid UTF-8 becomes U+FFFD; valid text is untouched. */
static void
test_invalid_utf8(void **state)
{
	(void)state;
	check_clean("a\xff"
	            "b",
	    "a\xef\xbf\xbd"
	    "b");
	check_clean("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
	check_clean("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check_clean("x\xe2\x82", "x\xef\xbf\xbd\xef\xbf\xbd");
	check_clean("\xf4\x90\x80\x80",
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* A raw 8-bit CSI byte is not UTF-8: replaced, so inert. */
	check_clean("\x9b"
	            "2J",
	    "\xef\xbf\xbd"
	    "2J");
	check_clean("Zo\xc3\xab \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x91\x8d",
	    "Zo\xc3\xab \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x91\x8d");
	check_clean(NULL, "");
	check_clean("", "");
}

/* Random bytes always come out inert, and sanitising is idempotent. */
static void
test_random_bytes_inert(void **state)
{
	static const unsigned char pool[] = { 0x1b, '[', ']', 'P', '\\', 0x07,
		0x9b, 0xc2, 0x9c, 0x9d, 0xe2, 0x80, 0xae, 0x81, 0xa6, 0xf0,
		0x9f, 0x91, 0x8d, 'a', '2', ';', 'J', '\n', 0x7f, 0xff, 0xed,
		0xa0, 0x01 };
	char in[64], *a, *b;
	unsigned int seed = 12345;
	int i, j, n;

	(void)state;
	for (i = 0; i < 20000; i++) {
		n = (int)(rand_r(&seed) % 63);
		for (j = 0; j < n; j++) {
			in[j] = (char)pool[rand_r(&seed) % sizeof pool];
			if (in[j] == '\0')
				in[j] = 'x';
		}
		in[n] = '\0';
		a = text_sanitize(in);
		if (!is_inert(a))
			fail_msg("not inert after sanitising (case %d)", i);
		b = text_sanitize(a);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

/* text_fix_utf8 repairs only the encoding. */
static void
test_fix_utf8(void **state)
{
	char *s;

	(void)state;
	s = text_fix_utf8("a\xff\x1b[2J\xc3\xab");
	assert_string_equal(s, "a\xef\xbf\xbd\x1b[2J\xc3\xab");
	free(s);
	assert_null(text_fix_utf8(NULL));
}

/* ASCII, CJK, Hangul, fullwidth and halfwidth widths. */
static void
test_width_cjk(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("\xe6\x9d\xb1\xe4\xba\xac"), 4);
	assert_int_equal(text_width("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"), 6);
	assert_int_equal(text_width("\xef\xbc\xa1\xef\xbc\xa2"), 4);
	assert_int_equal(text_width("\xef\xbd\xb1"), 1);
	assert_int_equal(text_width("\xe3\x81\x82\xe3\x82\xa2"), 4);
	assert_int_equal(text_width("\xf0\xa0\x80\x80"), 2);
	assert_int_equal(text_width("\xe3\x80\x80"), 2);
}

/* Emoji are two columns; skin tones and ZWJ count code point by code point. */
static void
test_width_emoji(void **state)
{
	(void)state;
	assert_int_equal(text_width("\xf0\x9f\x91\x8d"), 2);
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(text_width("\xf0\x9f\x8e\x89!"), 3);
	/* Man ZWJ woman ZWJ girl: ncurses gives each emoji its cells. */
	assert_int_equal(text_width("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91"
	                            "\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"),
	    6);
	/* Thumbs up, medium skin tone. */
	assert_int_equal(text_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"), 4);
	/* Heavy black heart + VS16: a text-default symbol. */
	assert_int_equal(text_width("\xe2\x9d\xa4\xef\xb8\x8f"), 1);
	assert_int_equal(text_width("\xe2\x8c\x9a"), 2);
}

/* Combining marks, joiners and selectors take no column. */
static void
test_width_zero(void **state)
{
	(void)state;
	assert_int_equal(text_width("e\xcc\x81"), 1);
	assert_int_equal(text_width("Zoe\xcc\x88"), 3);
	assert_int_equal(text_width("a\xe2\x83\x9d"), 1);
	assert_int_equal(text_width("a\xe2\x80\x8b"
	                            "b"),
	    2);
	assert_int_equal(text_width("a\xe2\x80\x8d"), 1);
	assert_int_equal(text_width("a\xef\xb8\x8e"), 1);
	assert_int_equal(text_width("\xe1\x84\x80\xe1\x85\xa1"), 2);
	assert_int_equal(text_width("\xe0\xa4\x95\xe0\xa5\x8d"), 1);
	assert_int_equal(text_width("\xf3\xa0\x84\x80"), 0);
	assert_int_equal(text_width("\xc2\xad"), 1);
}

/* Single code points, including controls. */
static void
test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0x1b), 0);
	assert_int_equal(text_cp_width(0x7f), 0);
	assert_int_equal(text_cp_width(0x9b), 0);
	assert_int_equal(text_cp_width(0x300), 0);
	assert_int_equal(text_cp_width(0x200d), 0);
	assert_int_equal(text_cp_width(0x4e00), 2);
	assert_int_equal(text_cp_width(0xac00), 2);
	assert_int_equal(text_cp_width(0x1f600), 2);
	assert_int_equal(text_cp_width(0xfffd), 1);
	assert_int_equal(text_cp_width(0x10ffff), 1);
	assert_int_equal(text_cp_width(0x3fffd), 2);
}

/*
 * The built-in table agrees with the C library's wcwidth (what ncurses
 * uses) on printable code points; a few may differ where a newer C library
 * knows a newer Unicode. Skipped without a UTF-8 locale.
 */
static void
test_width_matches_wcwidth(void **state)
{
	unsigned int cp;
	long differ = 0, n = 0;
	int w;

	(void)state;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		skip();
	for (cp = 0x20; cp < 0x110000; cp++) {
		if ((cp >= 0xd800 && cp <= 0xdfff) || cp == 0x7f)
			continue;
		if ((w = wcwidth((wchar_t)cp)) < 0)
			continue;
		n++;
		if (w != text_cp_width(cp))
			differ++;
	}
	setlocale(LC_CTYPE, "C");
	print_message("# %ld of %ld code points differ from wcwidth\n", differ,
	    n);
	assert_true(n > 100000);
	assert_true(differ < 200);
}

/* Assert text_fit(in, w) is want and exactly w columns wide. */
static void
check_fit(const char *in, int w, const char *want)
{
	char *s = text_fit(in, w);

	assert_string_equal(s, want);
	assert_int_equal(text_width(s), w < 0 ? 0 : w);
	free(s);
}

/* Short text is padded; long text cut with an ellipsis. */
static void
test_fit_pad_and_cut(void **state)
{
	(void)state;
	check_fit("ab", 5, "ab   ");
	check_fit("abcde", 5, "abcde");
	check_fit("abcdef", 5, "abcd\xe2\x80\xa6");
	check_fit("", 3, "   ");
	check_fit(NULL, 2, "  ");
	check_fit("abc", 0, "");
	check_fit("abc", 1, "\xe2\x80\xa6");
	check_fit("abc", -4, "");
}

/* A wide character is never split; the gap is padded. */
static void
test_fit_wide(void **state)
{
	(void)state;
	/* Tokyo-to-cho: 8 columns. */
	check_fit("\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe5\xba\x81", 5,
	    "\xe6\x9d\xb1\xe4\xba\xac\xe2\x80\xa6");
	check_fit("\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe5\xba\x81", 6,
	    "\xe6\x9d\xb1\xe4\xba\xac\xe2\x80\xa6 ");
	check_fit("\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe5\xba\x81", 8,
	    "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe5\xba\x81");
	check_fit("\xe6\x9d\xb1", 1, "\xe2\x80\xa6");
	check_fit("\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d", 3,
	    "\xf0\x9f\x91\x8d\xe2\x80\xa6");
}

/* A combining sequence stays whole; a joiner is not left dangling. */
static void
test_fit_combining(void **state)
{
	(void)state;
	check_fit("e\xcc\x81"
	          "e\xcc\x81"
	          "e\xcc\x81"
	          "e\xcc\x81",
	    3,
	    "e\xcc\x81"
	    "e\xcc\x81\xe2\x80\xa6");
	check_fit("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	          "\xf0\x9f\x91\xa7",
	    4, "\xf0\x9f\x91\xa8\xe2\x80\xa6 ");
}

/* ASCII mode: "..." and '?' for what a non-UTF-8 terminal cannot show. */
static void
test_fit_ascii(void **state)
{
	char *s;

	(void)state;
	s = text_fit_flags("abcdefgh", 6, TEXT_ASCII);
	assert_string_equal(s, "abc...");
	free(s);
	s = text_fit_flags("Zo\xc3\xab\xe6\x9d\xb1", 6, TEXT_ASCII);
	assert_string_equal(s, "Zo??  ");
	free(s);
	s = text_fit_flags("abcdef", 2, TEXT_ASCII);
	assert_string_equal(s, "..");
	free(s);
	s = text_fit_flags("ab", 6, TEXT_NOPAD);
	assert_string_equal(s, "ab");
	free(s);
}

/* --plain: "..." for the ellipsis, the letters kept. */
static void
test_fit_dots(void **state)
{
	char *s;

	(void)state;
	s = text_fit_flags("abcdefgh", 6, TEXT_DOTS);
	assert_string_equal(s, "abc...");
	free(s);
	s = text_fit_flags("Zo\xc3\xab\xe6\x9d\xb1\xe4\xba\xac", 6, TEXT_DOTS);
	assert_string_equal(s, "Zo\xc3\xab...");
	free(s);
	s = text_fit_flags("Zo\xc3\xab", 6, TEXT_DOTS);
	assert_string_equal(s, "Zo\xc3\xab   ");
	free(s);
	s = text_fit_flags("abcdef", 2, TEXT_DOTS | TEXT_NOPAD);
	assert_string_equal(s, "..");
	free(s);
}

/* Hostile input is sanitised by text_fit too. */
static void
test_fit_sanitises(void **state)
{
	(void)state;
	check_fit("\x1b[2J\x1b]0;t\x07ok\n", 4, "ok  ");
}

/* Never wider than asked, whatever the input (random cases). */
static void
test_fit_never_exceeds(void **state)
{
	static const char *const parts[] = { "a", "\xe6\x9d\xb1",
		"\xf0\x9f\x91\x8d", "\xcc\x81", "\xe2\x80\x8d", "\x1b[2J",
		"\xff", " ", "\xef\xb8\x8f", "\xe1\x85\xa1", "\n" };
	char in[256], *s;
	unsigned int seed = 7;
	int i, j, n, w;

	(void)state;
	for (i = 0; i < 5000; i++) {
		in[0] = '\0';
		n = (int)(rand_r(&seed) % 30);
		for (j = 0; j < n; j++)
			strcat(in, parts[rand_r(&seed) % 11]);
		w = (int)(rand_r(&seed) % 25);
		s = text_fit(in, w);
		assert_int_equal(text_width(s), w);
		assert_true(is_inert(s));
		free(s);
		s = text_fit_flags(in, w, TEXT_NOPAD);
		assert_true(text_width(s) <= w);
		free(s);
		s = text_fit_flags(in, w, TEXT_ASCII);
		assert_int_equal(text_width(s), w);
		assert_int_equal((int)strlen(s), w);
		free(s);
	}
}

/* Assert that folding in gives want. */
static void
check_fold(const char *in, const char *want)
{
	char *s = text_fold(in);

	assert_string_equal(s, want);
	free(s);
}

/* Assert that two texts fold alike. */
static void
check_fold_alike(const char *a, const char *b)
{
	char *fa = text_fold(a), *fb = text_fold(b);

	assert_string_equal(fa, fb);
	free(fa);
	free(fb);
}

/* Lower case in Latin, Greek and Cyrillic alike. */
static void
test_fold_case_every_script(void **state)
{
	(void)state;
	check_fold("ROBERT Miller", "robert miller");
	check_fold("\xce\x93\xce\x99\xce\x8f\xce\xa1\xce\x93\xce\x9f\xce\xa3",
	    "\xce\xb3\xce\xb9\xcf\x89\xcf\x81\xce\xb3\xce\xbf\xcf\x83");
	/* Γιώργος: the final sigma is a sigma. */
	check_fold("\xce\x93\xce\xb9\xcf\x8e\xcf\x81\xce\xb3\xce\xbf\xcf\x82",
	    "\xce\xb3\xce\xb9\xcf\x89\xcf\x81\xce\xb3\xce\xbf\xcf\x83");
	/* АЛЕКСАНДР, Ірина. */
	check_fold("\xd0\x90\xd0\x9b\xd0\x95\xd0\x9a\xd0\xa1\xd0\x90\xd0\x9d"
	           "\xd0\x94\xd0\xa0",
	    "\xd0\xb0\xd0\xbb\xd0\xb5\xd0\xba\xd1\x81\xd0\xb0\xd0\xbd\xd0\xb4"
	    "\xd1\x80");
	check_fold("\xd0\x86\xd1\x80\xd0\xb8\xd0\xbd\xd0\xb0",
	    "\xd1\x96\xd1\x80\xd0\xb8\xd0\xbd\xd0\xb0");
	/* ÆVAR, ØDEGÅRD, ÞÓRUNN. */
	check_fold("\xc3\x86VAR", "aevar");
	check_fold("\xc3\x98"
	           "DEG\xc3\x85"
	           "RD",
	    "odegard");
	check_fold("\xc3\x9e\xc3\x93RUNN", "thorunn");
}

/* Accents go: gunther finds Günther, kohler Köhler, dang Đặng. */
static void
test_fold_drops_accents(void **state)
{
	(void)state;
	check_fold("G\xc3\xbcnther", "gunther");
	check_fold("K\xc3\xb6hler", "kohler");
	check_fold("\xc4\x90\xe1\xba\xb7ng", "dang");
	check_fold("Nguy\xe1\xbb\x85n", "nguyen");
	check_fold("\xc5\x81ukasz Wi\xc5\x9bniewski", "lukasz wisniewski");
	check_fold("Wei\xc3\x9f", "weiss");
	check_fold("I\xc5\x9f\xc4\xb1l", "isil");
	check_fold("\xc4\xb0stanbul", "istanbul");
	check_fold("Gu\xc3\xb0mundsd\xc3\xb3ttir", "gudmundsdottir");
	check_fold("\xc8\x98tef\xc4\x83nescu", "stefanescu");
	/* Ёлка, Й: the letters under their marks. */
	check_fold("\xd0\x81\xd0\xbb\xd0\xba\xd0\xb0",
	    "\xd0\xb5\xd0\xbb\xd0\xba\xd0\xb0");
	check_fold("\xd0\x99", "\xd0\xb8");
	/* Ελένη */
	check_fold("\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7",
	    "\xce\xb5\xce\xbb\xce\xb5\xce\xbd\xce\xb7");
}

/* A precomposed letter and the letter with combining marks fold alike. */
static void
test_fold_normal_forms_alike(void **state)
{
	(void)state;
	/* Zoë Müller, as graphsim writes it both ways. */
	check_fold_alike("Zo\xc3\xab M\xc3\xbcller",
	    "Zoe\xcc\x88 Mu\xcc\x88ller");
	check_fold_alike("Zoe\xcc\x88 Mu\xcc\x88ller", "zoe muller");
	check_fold_alike("Nguy\xe1\xbb\x85n", "Nguye\xcc\x82\xcc\x83n");
	check_fold_alike("H\xc3\xa5kansson", "Ha\xcc\x8akansson");
	check_fold_alike("JOS\xc3\x89", "Jose\xcc\x81");
	/* Greek ά and α with U+0301; Cyrillic й and и with U+0306. */
	check_fold_alike("\xce\xac", "\xce\xb1\xcc\x81");
	check_fold_alike("\xd0\xb9", "\xd0\xb8\xcc\x86");
	check_fold_alike("\xd0\x81", "\xd0\x95\xcc\x88");
}

/* What the tables do not know is kept, combining vowels included. */
static void
test_fold_keeps_other_scripts(void **state)
{
	(void)state;
	check_fold("\xe7\x8e\x8b\xe4\xbc\x9f", "\xe7\x8e\x8b\xe4\xbc\x9f");
	check_fold(
	    "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf"
	    "\xe0\xa4\xbe",
	    "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf\xe0"
	    "\xa4\xbe");
	check_fold("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",
	    "\xd9\x85\xd8\xad\xd9\x85"
	    "\xd8\xaf");
	check_fold("O'Brien (External) \xe2\x98\x95",
	    "o'brien (external) "
	    "\xe2\x98\x95");
	check_fold("", "");
	check_fold(NULL, "");
	check_fold("a\xff", "a\xef\xbf\xbd");
}

/*
 * Folding is safe on any bytes: valid UTF-8 out, at most three bytes for
 * one in, and folding again changes nothing (every code point up to
 * U+2000, and random bytes).
 */
static void
test_fold_any_input(void **state)
{
	char in[64], *f, *g, *fixed;
	unsigned int seed = 11, cp;
	size_t n, i;
	int k;

	(void)state;
	for (cp = 1; cp < 0x2000 + 2000; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = 0;
		if (cp < 0x80)
			in[n++] = (char)cp;
		else if (cp < 0x800) {
			in[n++] = (char)(0xc0 | (cp >> 6));
			in[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			in[n++] = (char)(0xe0 | (cp >> 12));
			in[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			in[n++] = (char)(0x80 | (cp & 0x3f));
		}
		in[n] = '\0';
		f = text_fold(in);
		g = text_fold(f);
		assert_string_equal(f, g);
		assert_true(strlen(f) <= n);
		free(f);
		free(g);
	}
	for (k = 0; k < 20000; k++) {
		n = (size_t)(rand_r(&seed) % (sizeof in - 1));
		for (i = 0; i < n; i++)
			in[i] = (char)(1 + rand_r(&seed) % 255);
		in[n] = '\0';
		f = text_fold(in);
		assert_true(strlen(f) <= 3 * n);
		fixed = text_fix_utf8(f);
		assert_string_equal(fixed, f);
		g = text_fold(f);
		assert_string_equal(f, g);
		free(fixed);
		free(f);
		free(g);
	}
}

/* The edit distance counts code points, a swap as one. */
static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(text_distance("kitten", "sitting"), 3);
	assert_int_equal(text_distance("robret miller", "robert miller"), 1);
	assert_int_equal(text_distance("helpdesk teir 1", "helpdesk tier 1"),
	    1);
	assert_int_equal(text_distance("helpdesk teir 1", "helpdesk tier 2"),
	    2);
	assert_int_equal(text_distance("", "abc"), 3);
	assert_int_equal(text_distance(NULL, "ab"), 2);
	assert_int_equal(text_distance("same", "same"), 0);
	assert_int_equal(text_distance("k\xc3\xb6hler", "kohler"), 1);
	assert_int_equal(text_distance("\xe7\x8e\x8b\xe4\xbc\x9f",
	                     "\xe4\xbc\x9f"),
	    1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_osc52_clipboard_removed),
		cmocka_unit_test(test_csi_removed),
		cmocka_unit_test(test_title_and_strings_removed),
		cmocka_unit_test(test_other_escapes_removed),
		cmocka_unit_test(test_bidi_dropped),
		cmocka_unit_test(test_emoji_sequences_split),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_random_bytes_inert),
		cmocka_unit_test(test_fix_utf8),
		cmocka_unit_test(test_width_cjk),
		cmocka_unit_test(test_width_emoji),
		cmocka_unit_test(test_width_zero),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_width_matches_wcwidth),
		cmocka_unit_test(test_fit_pad_and_cut),
		cmocka_unit_test(test_fit_wide),
		cmocka_unit_test(test_fit_combining),
		cmocka_unit_test(test_fit_ascii),
		cmocka_unit_test(test_fit_dots),
		cmocka_unit_test(test_fit_sanitises),
		cmocka_unit_test(test_fit_never_exceeds),
		cmocka_unit_test(test_fold_case_every_script),
		cmocka_unit_test(test_fold_drops_accents),
		cmocka_unit_test(test_fold_normal_forms_alike),
		cmocka_unit_test(test_fold_keeps_other_scripts),
		cmocka_unit_test(test_fold_any_input),
		cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
