/*
 * Untrusted text (anything from Graph, the config or argv) made inert for a
 * terminal, and measured in display columns. The widths come from a
 * built-in table (Unicode 15: combining marks, zero-width characters, East
 * Asian wide and fullwidth, emoji), not from the locale, so they are the
 * same everywhere. Pure functions, safe from any thread.
 */
#ifndef TEXT_H
#define TEXT_H

/* Flags for text_fit_flags. */
#define TEXT_ASCII 0x1 /* "..." for the ellipsis, '?' for non-ASCII. */
#define TEXT_NOPAD 0x2 /* Do not pad to the width. */
#define TEXT_DOTS 0x4  /* "..." for the ellipsis, the text kept (--plain). */

/*
 * A copy that is safe to print: escape sequences (CSI, OSC, DCS, ...) are
 * removed, C0/C1 controls and DEL dropped, tabs and newlines become a
 * space, invalid UTF-8 becomes U+FFFD, bidi overrides and isolates are
 * dropped, and so are zero width joiners, emoji variation selectors and
 * skin tone modifiers, whose cells terminals do not agree on (an emoji
 * sequence shows as its emoji side by side). NULL gives "". Always
 * allocated.
 */
char *text_sanitize(const char *);

/*
 * A copy with only invalid UTF-8 replaced by U+FFFD (nothing else changed):
 * for JSON output, which must be UTF-8. NULL gives NULL.
 */
char *text_fix_utf8(const char *);

/* Display columns of a sanitised UTF-8 string (NULL is 0). */
int text_width(const char *);
/* Display columns of one code point: 0, 1 or 2 (controls are 0). */
int text_cp_width(unsigned int cp);

/*
 * Sanitise, cut to at most width columns with an ellipsis ("…") when too
 * long, never splitting a character or a combining sequence, and pad with
 * spaces to exactly width columns. Always allocated.
 */
char *text_fit(const char *, int width);
char *text_fit_flags(const char *, int width, int flags);

/*
 * A key to match text as people read it, the same for every way of
 * writing it: lower case in Latin, Greek and Cyrillic, accents and other
 * combining marks dropped (so a precomposed letter and the letter with a
 * combining mark fold alike), and a few letters spelt out in ASCII (ß to
 * "ss", æ to "ae", ø to "o", þ to "th", ł to "l", đ to "d"): "Günther",
 * "GÜNTHER" with U+0308 after the U, and "gunther" all fold to "gunther".
 * Other characters are kept; invalid UTF-8 becomes U+FFFD. NULL gives "".
 * Always allocated.
 */
char *text_fold(const char *);

/*
 * The edit distance of two UTF-8 strings in code points: insertions,
 * deletions, substitutions and swaps of two neighbours, each counting 1
 * (optimal string alignment). Only the first TEXT_DISTANCE_MAX code points
 * of each are compared. NULL is "".
 */
#define TEXT_DISTANCE_MAX 128
int text_distance(const char *, const char *);

#endif
