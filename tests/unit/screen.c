/*
 * Reading a headless curses screen back, for the unit tests.
 */
#include "config.h"

#include "screen.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Open a headless screen writing to out; -1 without C.UTF-8. */
static int
screen_open_out(struct screen *sc, int lines, int cols, FILE *out)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fclose(out);
		return -1;
	}
	sc->out = out;
	sc->in = fopen("/dev/null", "r");
	assert_non_null(sc->out);
	assert_non_null(sc->in);
	sc->scr = newterm("xterm-256color", sc->out, sc->in);
	assert_non_null(sc->scr);
	resizeterm(lines, cols);
	theme_builtin(&sc->theme, 1);
	theme_apply(&sc->theme, 0, 0);
	return 0;
}

/* Open a headless screen; -1 when there is no C.UTF-8 locale. */
int
screen_open(struct screen *sc, int lines, int cols)
{
	FILE *out = fopen("/dev/null", "w");

	assert_non_null(out);
	return screen_open_out(sc, lines, cols, out);
}

/* Open a headless screen that keeps what curses writes, to count. */
int
screen_open_counted(struct screen *sc, int lines, int cols)
{
	FILE *out = tmpfile();

	assert_non_null(out);
	return screen_open_out(sc, lines, cols, out);
}

/* The bytes curses has written so far (screen_open_counted). */
long
screen_bytes(struct screen *sc)
{
	fflush(sc->out);
	fseek(sc->out, 0, SEEK_END);
	return ftell(sc->out);
}

/* Close a headless screen. */
void
screen_close(struct screen *sc)
{
	theme_done(&sc->theme);
	endwin();
	delscreen(sc->scr);
	fclose(sc->out);
	fclose(sc->in);
}

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
