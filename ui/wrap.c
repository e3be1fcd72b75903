/*
 * Wrapping text by display width. UI thread only.
 */
#include "config.h"

#include "wrap.h"

#include <string.h>

#include "text.h"

/* The display width of the character at s, and its length in *n. */
static int
wrap_char(const char *s, size_t *n)
{
	char one[8];
	size_t len = 1;

	while (len < sizeof one - 1 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len++;
	memcpy(one, s, len);
	one[len] = '\0';
	*n = len;
	return text_width(one);
}

/* The bytes of the next line, and where the one after starts. */
size_t
wrap_line(const char *s, int width, const char **next)
{
	const char *brk = NULL;
	size_t len = 0, n;
	int w = 0, cw;

	while (s[len] != '\0') {
		cw = wrap_char(s + len, &n);
		if (w + cw > width && len > 0)
			break;
		if (s[len] == ' ')
			brk = s + len;
		w += cw;
		len += n;
	}
	if (s[len] != '\0' && brk != NULL && brk > s)
		len = (size_t)(brk - s);
	*next = s + len;
	while (**next == ' ')
		(*next)++;
	return len;
}
