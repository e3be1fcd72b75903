/*
 * Reading a headless curses screen back, for the unit tests.
 */
#include "config.h"

#include "screen.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Read back a row of cells as a UTF-8 string. */
void
screen_read_row(WINDOW *w, int y, int width, char *buf, size_t len)
{
	cchar_t cells[512];
	wchar_t wc[8];
	attr_t attrs;
	short pair;
	char mb[16];
	int x, n, i;

	*buf = '\0';
	if (width > 512)
		width = 512;
	mvwin_wchnstr(w, y, 0, cells, width);
	for (x = 0; x < width; x++) {
		if (getcchar(&cells[x], wc, &attrs, &pair, NULL) == ERR)
			continue;
		for (i = 0; wc[i] != L'\0'; i++) {
			n = wctomb(mb, wc[i]);
			if (n > 0 && strlen(buf) + (size_t)n < len)
				strncat(buf, mb, (size_t)n);
		}
	}
}
