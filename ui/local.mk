# Everything that touches curses, as libui.a.

noinst_LIBRARIES += libui.a
libui_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ui $(NCURSES_CFLAGS)
libui_a_SOURCES = ui/ui.c ui/ui.h
