/*
 * Untrusted text made inert for a terminal, and measured in display
 * columns. The widths follow wcwidth(3) code point by code point (as
 * ncurses places them in cells), from tables built into this file for
 * Unicode 14 (zero width: combining marks, format characters such as ZWJ,
 * variation selectors, Hangul medial vowels and final consonants; wide:
 * East Asian Wide and Fullwidth, which includes emoji presentation, and the
 * CJK ideograph planes), so results do not depend on the locale. Text is
 * made inert by dropping what would take over the terminal (escape
 * sequences, controls, bidi overrides) and what terminals place in cells
 * of their own choosing (joiners, emoji variation selectors and skin tone
 * modifiers): a ZWJ emoji sequence is shown as its emoji side by side,
 * 2 cells each. Pure functions, safe from any thread.
 */
#include "config.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* An inclusive range of code points. */
struct text_range {
	unsigned int first;
	unsigned int last;
};

/*
 * Generated from Python's unicodedata 14.0.0: zero is Mn, Me and Cf (but
 * not the prepended concatenation marks, nor U+00AD) plus Hangul medial
 * vowels and final consonants; wide is East Asian W and F, the CJK planes,
 * U+3248..324F and U+4DC0..4DFF, as glibc 2.36's wcwidth has them.
 */
/* clang-format off */
static const struct text_range text_zero[] = {
	{ 0x300, 0x36f }, { 0x483, 0x489 }, { 0x591, 0x5bd },
	{ 0x5bf, 0x5bf }, { 0x5c1, 0x5c2 }, { 0x5c4, 0x5c5 },
	{ 0x5c7, 0x5c7 }, { 0x610, 0x61a }, { 0x61c, 0x61c },
	{ 0x64b, 0x65f }, { 0x670, 0x670 }, { 0x6d6, 0x6dc },
	{ 0x6df, 0x6e4 }, { 0x6e7, 0x6e8 }, { 0x6ea, 0x6ed },
	{ 0x711, 0x711 }, { 0x730, 0x74a }, { 0x7a6, 0x7b0 },
	{ 0x7eb, 0x7f3 }, { 0x7fd, 0x7fd }, { 0x816, 0x819 },
	{ 0x81b, 0x823 }, { 0x825, 0x827 }, { 0x829, 0x82d },
	{ 0x859, 0x85b }, { 0x898, 0x89f }, { 0x8ca, 0x8e1 },
	{ 0x8e3, 0x902 }, { 0x93a, 0x93a }, { 0x93c, 0x93c },
	{ 0x941, 0x948 }, { 0x94d, 0x94d }, { 0x951, 0x957 },
	{ 0x962, 0x963 }, { 0x981, 0x981 }, { 0x9bc, 0x9bc },
	{ 0x9c1, 0x9c4 }, { 0x9cd, 0x9cd }, { 0x9e2, 0x9e3 },
	{ 0x9fe, 0x9fe }, { 0xa01, 0xa02 }, { 0xa3c, 0xa3c },
	{ 0xa41, 0xa42 }, { 0xa47, 0xa48 }, { 0xa4b, 0xa4d },
	{ 0xa51, 0xa51 }, { 0xa70, 0xa71 }, { 0xa75, 0xa75 },
	{ 0xa81, 0xa82 }, { 0xabc, 0xabc }, { 0xac1, 0xac5 },
	{ 0xac7, 0xac8 }, { 0xacd, 0xacd }, { 0xae2, 0xae3 },
	{ 0xafa, 0xaff }, { 0xb01, 0xb01 }, { 0xb3c, 0xb3c },
	{ 0xb3f, 0xb3f }, { 0xb41, 0xb44 }, { 0xb4d, 0xb4d },
	{ 0xb55, 0xb56 }, { 0xb62, 0xb63 }, { 0xb82, 0xb82 },
	{ 0xbc0, 0xbc0 }, { 0xbcd, 0xbcd }, { 0xc00, 0xc00 },
	{ 0xc04, 0xc04 }, { 0xc3c, 0xc3c }, { 0xc3e, 0xc40 },
	{ 0xc46, 0xc48 }, { 0xc4a, 0xc4d }, { 0xc55, 0xc56 },
	{ 0xc62, 0xc63 }, { 0xc81, 0xc81 }, { 0xcbc, 0xcbc },
	{ 0xcbf, 0xcbf }, { 0xcc6, 0xcc6 }, { 0xccc, 0xccd },
	{ 0xce2, 0xce3 }, { 0xd00, 0xd01 }, { 0xd3b, 0xd3c },
	{ 0xd41, 0xd44 }, { 0xd4d, 0xd4d }, { 0xd62, 0xd63 },
	{ 0xd81, 0xd81 }, { 0xdca, 0xdca }, { 0xdd2, 0xdd4 },
	{ 0xdd6, 0xdd6 }, { 0xe31, 0xe31 }, { 0xe34, 0xe3a },
	{ 0xe47, 0xe4e }, { 0xeb1, 0xeb1 }, { 0xeb4, 0xebc },
	{ 0xec8, 0xecd }, { 0xf18, 0xf19 }, { 0xf35, 0xf35 },
	{ 0xf37, 0xf37 }, { 0xf39, 0xf39 }, { 0xf71, 0xf7e },
	{ 0xf80, 0xf84 }, { 0xf86, 0xf87 }, { 0xf8d, 0xf97 },
	{ 0xf99, 0xfbc }, { 0xfc6, 0xfc6 }, { 0x102d, 0x1030 },
	{ 0x1032, 0x1037 }, { 0x1039, 0x103a }, { 0x103d, 0x103e },
	{ 0x1058, 0x1059 }, { 0x105e, 0x1060 }, { 0x1071, 0x1074 },
	{ 0x1082, 0x1082 }, { 0x1085, 0x1086 }, { 0x108d, 0x108d },
	{ 0x109d, 0x109d }, { 0x1160, 0x11ff }, { 0x135d, 0x135f },
	{ 0x1712, 0x1714 }, { 0x1732, 0x1733 }, { 0x1752, 0x1753 },
	{ 0x1772, 0x1773 }, { 0x17b4, 0x17b5 }, { 0x17b7, 0x17bd },
	{ 0x17c6, 0x17c6 }, { 0x17c9, 0x17d3 }, { 0x17dd, 0x17dd },
	{ 0x180b, 0x180f }, { 0x1885, 0x1886 }, { 0x18a9, 0x18a9 },
	{ 0x1920, 0x1922 }, { 0x1927, 0x1928 }, { 0x1932, 0x1932 },
	{ 0x1939, 0x193b }, { 0x1a17, 0x1a18 }, { 0x1a1b, 0x1a1b },
	{ 0x1a56, 0x1a56 }, { 0x1a58, 0x1a5e }, { 0x1a60, 0x1a60 },
	{ 0x1a62, 0x1a62 }, { 0x1a65, 0x1a6c }, { 0x1a73, 0x1a7c },
	{ 0x1a7f, 0x1a7f }, { 0x1ab0, 0x1ace }, { 0x1b00, 0x1b03 },
	{ 0x1b34, 0x1b34 }, { 0x1b36, 0x1b3a }, { 0x1b3c, 0x1b3c },
	{ 0x1b42, 0x1b42 }, { 0x1b6b, 0x1b73 }, { 0x1b80, 0x1b81 },
	{ 0x1ba2, 0x1ba5 }, { 0x1ba8, 0x1ba9 }, { 0x1bab, 0x1bad },
	{ 0x1be6, 0x1be6 }, { 0x1be8, 0x1be9 }, { 0x1bed, 0x1bed },
	{ 0x1bef, 0x1bf1 }, { 0x1c2c, 0x1c33 }, { 0x1c36, 0x1c37 },
	{ 0x1cd0, 0x1cd2 }, { 0x1cd4, 0x1ce0 }, { 0x1ce2, 0x1ce8 },
	{ 0x1ced, 0x1ced }, { 0x1cf4, 0x1cf4 }, { 0x1cf8, 0x1cf9 },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0x20d0, 0x20f0 },
	{ 0x2cef, 0x2cf1 }, { 0x2d7f, 0x2d7f }, { 0x2de0, 0x2dff },
	{ 0x302a, 0x302d }, { 0x3099, 0x309a }, { 0xa66f, 0xa672 },
	{ 0xa674, 0xa67d }, { 0xa69e, 0xa69f }, { 0xa6f0, 0xa6f1 },
	{ 0xa802, 0xa802 }, { 0xa806, 0xa806 }, { 0xa80b, 0xa80b },
	{ 0xa825, 0xa826 }, { 0xa82c, 0xa82c }, { 0xa8c4, 0xa8c5 },
	{ 0xa8e0, 0xa8f1 }, { 0xa8ff, 0xa8ff }, { 0xa926, 0xa92d },
	{ 0xa947, 0xa951 }, { 0xa980, 0xa982 }, { 0xa9b3, 0xa9b3 },
	{ 0xa9b6, 0xa9b9 }, { 0xa9bc, 0xa9bd }, { 0xa9e5, 0xa9e5 },
	{ 0xaa29, 0xaa2e }, { 0xaa31, 0xaa32 }, { 0xaa35, 0xaa36 },
	{ 0xaa43, 0xaa43 }, { 0xaa4c, 0xaa4c }, { 0xaa7c, 0xaa7c },
	{ 0xaab0, 0xaab0 }, { 0xaab2, 0xaab4 }, { 0xaab7, 0xaab8 },
	{ 0xaabe, 0xaabf }, { 0xaac1, 0xaac1 }, { 0xaaec, 0xaaed },
	{ 0xaaf6, 0xaaf6 }, { 0xabe5, 0xabe5 }, { 0xabe8, 0xabe8 },
	{ 0xabed, 0xabed }, { 0xd7b0, 0xd7ff }, { 0xfb1e, 0xfb1e },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xfff9, 0xfffb }, { 0x101fd, 0x101fd }, { 0x102e0, 0x102e0 },
	{ 0x10376, 0x1037a }, { 0x10a01, 0x10a03 }, { 0x10a05, 0x10a06 },
	{ 0x10a0c, 0x10a0f }, { 0x10a38, 0x10a3a }, { 0x10a3f, 0x10a3f },
	{ 0x10ae5, 0x10ae6 }, { 0x10d24, 0x10d27 }, { 0x10eab, 0x10eac },
	{ 0x10f46, 0x10f50 }, { 0x10f82, 0x10f85 }, { 0x11001, 0x11001 },
	{ 0x11038, 0x11046 }, { 0x11070, 0x11070 }, { 0x11073, 0x11074 },
	{ 0x1107f, 0x11081 }, { 0x110b3, 0x110b6 }, { 0x110b9, 0x110ba },
	{ 0x110c2, 0x110c2 }, { 0x11100, 0x11102 }, { 0x11127, 0x1112b },
	{ 0x1112d, 0x11134 }, { 0x11173, 0x11173 }, { 0x11180, 0x11181 },
	{ 0x111b6, 0x111be }, { 0x111c9, 0x111cc }, { 0x111cf, 0x111cf },
	{ 0x1122f, 0x11231 }, { 0x11234, 0x11234 }, { 0x11236, 0x11237 },
	{ 0x1123e, 0x1123e }, { 0x112df, 0x112df }, { 0x112e3, 0x112ea },
	{ 0x11300, 0x11301 }, { 0x1133b, 0x1133c }, { 0x11340, 0x11340 },
	{ 0x11366, 0x1136c }, { 0x11370, 0x11374 }, { 0x11438, 0x1143f },
	{ 0x11442, 0x11444 }, { 0x11446, 0x11446 }, { 0x1145e, 0x1145e },
	{ 0x114b3, 0x114b8 }, { 0x114ba, 0x114ba }, { 0x114bf, 0x114c0 },
	{ 0x114c2, 0x114c3 }, { 0x115b2, 0x115b5 }, { 0x115bc, 0x115bd },
	{ 0x115bf, 0x115c0 }, { 0x115dc, 0x115dd }, { 0x11633, 0x1163a },
	{ 0x1163d, 0x1163d }, { 0x1163f, 0x11640 }, { 0x116ab, 0x116ab },
	{ 0x116ad, 0x116ad }, { 0x116b0, 0x116b5 }, { 0x116b7, 0x116b7 },
	{ 0x1171d, 0x1171f }, { 0x11722, 0x11725 }, { 0x11727, 0x1172b },
	{ 0x1182f, 0x11837 }, { 0x11839, 0x1183a }, { 0x1193b, 0x1193c },
	{ 0x1193e, 0x1193e }, { 0x11943, 0x11943 }, { 0x119d4, 0x119d7 },
	{ 0x119da, 0x119db }, { 0x119e0, 0x119e0 }, { 0x11a01, 0x11a0a },
	{ 0x11a33, 0x11a38 }, { 0x11a3b, 0x11a3e }, { 0x11a47, 0x11a47 },
	{ 0x11a51, 0x11a56 }, { 0x11a59, 0x11a5b }, { 0x11a8a, 0x11a96 },
	{ 0x11a98, 0x11a99 }, { 0x11c30, 0x11c36 }, { 0x11c38, 0x11c3d },
	{ 0x11c3f, 0x11c3f }, { 0x11c92, 0x11ca7 }, { 0x11caa, 0x11cb0 },
	{ 0x11cb2, 0x11cb3 }, { 0x11cb5, 0x11cb6 }, { 0x11d31, 0x11d36 },
	{ 0x11d3a, 0x11d3a }, { 0x11d3c, 0x11d3d }, { 0x11d3f, 0x11d45 },
	{ 0x11d47, 0x11d47 }, { 0x11d90, 0x11d91 }, { 0x11d95, 0x11d95 },
	{ 0x11d97, 0x11d97 }, { 0x11ef3, 0x11ef4 }, { 0x13430, 0x13438 },
	{ 0x16af0, 0x16af4 }, { 0x16b30, 0x16b36 }, { 0x16f4f, 0x16f4f },
	{ 0x16f8f, 0x16f92 }, { 0x16fe4, 0x16fe4 }, { 0x1bc9d, 0x1bc9e },
	{ 0x1bca0, 0x1bca3 }, { 0x1cf00, 0x1cf2d }, { 0x1cf30, 0x1cf46 },
	{ 0x1d167, 0x1d169 }, { 0x1d173, 0x1d182 }, { 0x1d185, 0x1d18b },
	{ 0x1d1aa, 0x1d1ad }, { 0x1d242, 0x1d244 }, { 0x1da00, 0x1da36 },
	{ 0x1da3b, 0x1da6c }, { 0x1da75, 0x1da75 }, { 0x1da84, 0x1da84 },
	{ 0x1da9b, 0x1da9f }, { 0x1daa1, 0x1daaf }, { 0x1e000, 0x1e006 },
	{ 0x1e008, 0x1e018 }, { 0x1e01b, 0x1e021 }, { 0x1e023, 0x1e024 },
	{ 0x1e026, 0x1e02a }, { 0x1e130, 0x1e136 }, { 0x1e2ae, 0x1e2ae },
	{ 0x1e2ec, 0x1e2ef }, { 0x1e8d0, 0x1e8d6 }, { 0x1e944, 0x1e94a },
	{ 0xe0000, 0xe0fff },
};

static const struct text_range text_wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x3029 },
	{ 0x302e, 0x303e }, { 0x3041, 0x3096 }, { 0x309b, 0xa4c6 },
	{ 0xa960, 0xa97c }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfad9 },
	{ 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6b }, { 0xff01, 0xff60 },
	{ 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe3 }, { 0x16ff0, 0x18d08 },
	{ 0x1aff0, 0x1b2fb }, { 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf },
	{ 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a }, { 0x1f200, 0x1f265 },
	{ 0x1f300, 0x1f320 }, { 0x1f32d, 0x1f335 }, { 0x1f337, 0x1f37c },
	{ 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca }, { 0x1f3cf, 0x1f3d3 },
	{ 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 }, { 0x1f3f8, 0x1f43e },
	{ 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc }, { 0x1f4ff, 0x1f53d },
	{ 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 }, { 0x1f57a, 0x1f57a },
	{ 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 }, { 0x1f5fb, 0x1f64f },
	{ 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc }, { 0x1f6d0, 0x1f6d2 },
	{ 0x1f6d5, 0x1f6df }, { 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc },
	{ 0x1f7e0, 0x1f7f0 }, { 0x1f90c, 0x1f93a }, { 0x1f93c, 0x1f945 },
	{ 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1faf6 }, { 0x20000, 0x3fffd },
};
/* clang-format on */

/* The replacement character, for invalid UTF-8. */
static const char text_fffd[] = "\xef\xbf\xbd";

/* Is cp in the sorted table? */
static int
text_in(const struct text_range *t, size_t n, unsigned int cp)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0 || cp < t[0].first || cp > t[n - 1].last)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].last)
			lo = mid + 1;
		else if (cp < t[mid].first)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* Display columns of a code point: 0, 1 or 2. */
int
text_cp_width(unsigned int cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (text_in(text_zero, sizeof text_zero / sizeof text_zero[0], cp))
		return 0;
	if (text_in(text_wide, sizeof text_wide / sizeof text_wide[0], cp))
		return 2;
	return 1;
}

/*
 * Decode one UTF-8 character at s (n bytes left, n > 0). Sets *len to the
 * bytes used; returns the code point, or -1 for an invalid byte (*len 1):
 * overlong forms, surrogates and values above U+10FFFF are invalid.
 */
static long
text_decode(const unsigned char *s, size_t n, size_t *len)
{
	unsigned int cp, min;
	size_t need, i;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1;
		cp = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		cp = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		cp = s[0] & 0x07;
		min = 0x10000;
	} else
		return -1;
	if (n <= need)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = need + 1;
	return (long)cp;
}

/* Is cp a bidirectional embedding, override, isolate or mark? */
static int
text_is_bidi(unsigned int cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
	    cp == 0x061c;
}

/*
 * Is cp a zero width joiner, an emoji variation selector or an emoji skin
 * tone modifier? Terminals disagree on the cells of the sequences these
 * make: tmux 3.3a draws a character after a joiner in the cell before it,
 * a terminal that knows emoji sequences draws "woman, medium skin tone,
 * ZWJ, laptop" in 2 cells, and ncurses, like wcwidth, gives it 6. Once the
 * terminal and ncurses disagree on where the cursor is, the rest of the
 * line is drawn out of place. Without them each emoji stands alone, in
 * the 2 cells everyone agrees on.
 */
static int
text_is_emoji_joining(unsigned int cp)
{
	return cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f ||
	    (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/*
 * Skip a control string (OSC, DCS, SOS, PM, APC) starting at i: up to and
 * including BEL, ESC \ or the C1 ST (U+009C). Returns the index after it.
 */
static size_t
text_skip_string(const unsigned char *s, size_t n, size_t i)
{
	while (i < n) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0xc2 && i + 1 < n && s[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return n;
}

/* Skip a CSI's parameters, intermediates and final byte from i. */
static size_t
text_skip_csi(const unsigned char *s, size_t n, size_t i)
{
	while (i < n && s[i] >= 0x20 && s[i] <= 0x3f)
		i++;
	if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return i;
}

/* Skip an escape sequence whose ESC is at i; returns the index after it. */
static size_t
text_skip_escape(const unsigned char *s, size_t n, size_t i)
{
	i++;
	if (i >= n)
		return i;
	switch (s[i]) {
	case '[':
		return text_skip_csi(s, n, i + 1);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return text_skip_string(s, n, i + 1);
	}
	if (s[i] >= 0x20 && s[i] <= 0x2f) {
		while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		if (i < n && s[i] >= 0x30 && s[i] <= 0x7e)
			i++;
		return i;
	}
	if (s[i] >= 0x30 && s[i] <= 0x7e)
		return i + 1;
	return i;
}

/* A copy of untrusted text that is safe to print on a terminal. */
char *
text_sanitize(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n, i = 0, len, o = 0;
	char *out;
	long cp;

	if (in == NULL)
		return xstrdup("");
	n = strlen(in);
	out = xmalloc(n * 3 + 1);
	while (i < n) {
		if (s[i] == 0x1b) {
			i = text_skip_escape(s, n, i);
			continue;
		}
		cp = text_decode(s + i, n - i, &len);
		if (cp < 0) {
			memcpy(out + o, text_fffd, 3);
			o += 3;
			i++;
			continue;
		}
		i += len;
		if (cp == '\r' && i < n && s[i] == '\n')
			continue; /* CR LF is one line break. */
		if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0b ||
		    cp == 0x0c || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			out[o++] = ' ';
			continue;
		}
		if (cp == 0x9b) {
			i = text_skip_csi(s, n, i);
			continue;
		}
		if (cp == 0x90 || cp == 0x98 || cp == 0x9d || cp == 0x9e ||
		    cp == 0x9f) {
			i = text_skip_string(s, n, i);
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
		    text_is_bidi(cp) || text_is_emoji_joining(cp))
			continue;
		memcpy(out + o, s + i - len, len);
		o += len;
	}
	out[o] = '\0';
	return out;
}

/* A copy with invalid UTF-8 replaced by U+FFFD, nothing else changed. */
char *
text_fix_utf8(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n, i = 0, len, o = 0;
	char *out;

	if (in == NULL)
		return NULL;
	n = strlen(in);
	out = xmalloc(n * 3 + 1);
	while (i < n) {
		if (text_decode(s + i, n - i, &len) < 0) {
			memcpy(out + o, text_fffd, 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, s + i, len);
		o += len;
		i += len;
	}
	out[o] = '\0';
	return out;
}

/* Display columns of a UTF-8 string; invalid bytes count as U+FFFD (1). */
int
text_width(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n, i = 0, len;
	long cp;
	int w = 0;

	if (in == NULL)
		return 0;
	n = strlen(in);
	while (i < n) {
		cp = text_decode(s + i, n - i, &len);
		i += len;
		w += cp < 0 ? 1 : text_cp_width((unsigned int)cp);
	}
	return w;
}

/* The same text with every non-ASCII character shown as '?'. */
static char *
text_to_ascii(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n = strlen(in), i = 0, len, o = 0;
	char *out = xmalloc(n + 1);
	long cp;

	while (i < n) {
		cp = text_decode(s + i, n - i, &len);
		i += len;
		if (cp >= 0 && cp < 0x80)
			out[o++] = (char)cp;
		else if (cp < 0 || text_cp_width((unsigned int)cp) != 0)
			out[o++] = '?';
	}
	out[o] = '\0';
	return out;
}

/* Sanitise, cut to width columns with an ellipsis, and pad (see flags). */
char *
text_fit_flags(const char *in, int width, int flags)
{
	const unsigned char *s;
	int dots = (flags & (TEXT_ASCII | TEXT_DOTS)) != 0;
	const char *ell = dots ? "..." : "\xe2\x80\xa6";
	char *t, *a, *out;
	size_t n, i, len, keep, o;
	int w, ew, col, cw, room;
	long cp;

	if (width < 0)
		width = 0;
	t = text_sanitize(in);
	if (flags & TEXT_ASCII) {
		a = text_to_ascii(t);
		free(t);
		t = a;
	}
	s = (const unsigned char *)t;
	n = strlen(t);
	w = text_width(t);
	out = xmalloc(n + (size_t)width + 8);
	if (w <= width) {
		memcpy(out, t, n);
		o = n;
		col = w;
	} else {
		ew = dots ? 3 : 1;
		if (ew > width)
			ew = width;
		room = width - ew;
		col = 0;
		keep = 0;
		i = 0;
		while (i < n) {
			/* A character and the zero-width ones after it. */
			cp = text_decode(s + i, n - i, &len);
			cw = cp < 0 ? 1 : text_cp_width((unsigned int)cp);
			i += len;
			while (i < n) {
				cp = text_decode(s + i, n - i, &len);
				if (cp < 0 ||
				    text_cp_width((unsigned int)cp) != 0)
					break;
				i += len;
			}
			if (col + cw > room)
				break;
			col += cw;
			keep = i;
		}
		memcpy(out, t, keep);
		o = keep;
		if (dots) {
			memcpy(out + o, ell, (size_t)ew);
			o += (size_t)ew;
		} else if (ew == 1) {
			memcpy(out + o, ell, 3);
			o += 3;
		}
		col += ew;
	}
	if (!(flags & TEXT_NOPAD)) {
		while (col < width) {
			out[o++] = ' ';
			col++;
		}
	}
	out[o] = '\0';
	free(t);
	return out;
}

/* Sanitise, cut to width columns with "…" and pad to exactly width. */
char *
text_fit(const char *in, int width)
{
	return text_fit_flags(in, width, 0);
}
