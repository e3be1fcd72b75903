# Everything that touches curses, as libui.a.

noinst_LIBRARIES += libui.a
libui_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ui $(NCURSES_CFLAGS) \
	$(LIBCONFIG_CFLAGS)
libui_a_SOURCES = ui/ui.c ui/ui.h ui/ui_int.h ui/grid.c ui/grid.h \
	ui/view.c ui/view.h ui/haystack.c ui/haystack.h ui/theme.c \
	ui/theme.h ui/keys.c ui/keys.h \
	ui/pane.c ui/pane.h ui/statusbar.c ui/statusbar.h ui/details.c \
	ui/details.h ui/editor.c ui/editor.h ui/msglog.c ui/msglog.h \
	ui/tty.c ui/tty.h ui/selection.c ui/search.c ui/menu.c ui/form.c \
	ui/mouse.c ui/settings.c ui/dispatch.c ui/logview.c ui/sent.c \
	ui/sent.h ui/quit.c ui/events.c ui/field.c ui/message.c ui/widget.c \
	ui/widget.h \
	ui/widget_draw.c ui/widget_draw.h ui/wrap.c ui/wrap.h ui/verify.c \
	ui/verify.h ui/tags.c ui/tags.h ui/hold.c ui/hold.h ui/targets.c \
	ui/writes.c ui/confirm.c ui/holds.c ui/views.c ui/columns.c \
	ui/clipboard.c ui/clipboard.h ui/help.c ui/hints.c ui/hints.h
libui_a_SOURCES += ui/own.c ui/rows.c \
	ui/timeline.c ui/timeline.h ui/redraw.c

check_PROGRAMS += tests/unit/test_layout
TESTS += tests/unit/test_layout
tests_unit_test_layout_SOURCES = tests/unit/test_layout.c tests/unit/screen.c \
	tests/unit/screen.h
tests_unit_test_layout_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_layout_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_timeline
TESTS += tests/unit/test_timeline
tests_unit_test_timeline_SOURCES = tests/unit/test_timeline.c \
	tests/unit/screen.c tests/unit/screen.h
tests_unit_test_timeline_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_timeline_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_view
TESTS += tests/unit/test_view
tests_unit_test_view_SOURCES = tests/unit/test_view.c
tests_unit_test_view_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_view_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_redraw
TESTS += tests/unit/test_redraw
tests_unit_test_redraw_SOURCES = tests/unit/test_redraw.c tests/unit/screen.c \
	tests/unit/screen.h
tests_unit_test_redraw_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_redraw_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_rows
TESTS += tests/unit/test_rows
tests_unit_test_rows_SOURCES = tests/unit/test_rows.c tests/unit/screen.c \
	tests/unit/screen.h
tests_unit_test_rows_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_rows_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_editor
TESTS += tests/unit/test_editor
tests_unit_test_editor_SOURCES = tests/unit/test_editor.c
tests_unit_test_editor_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_editor_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_widget
TESTS += tests/unit/test_widget
tests_unit_test_widget_SOURCES = tests/unit/test_widget.c tests/unit/screen.c \
	tests/unit/screen.h
tests_unit_test_widget_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_widget_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

check_PROGRAMS += tests/unit/test_verify
TESTS += tests/unit/test_verify
tests_unit_test_verify_SOURCES = tests/unit/test_verify.c
tests_unit_test_verify_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui
tests_unit_test_verify_LDADD = libui.a $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_tags
TESTS += tests/unit/test_tags
tests_unit_test_tags_SOURCES = tests/unit/test_tags.c
tests_unit_test_tags_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui
tests_unit_test_tags_LDADD = libui.a $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_hold
TESTS += tests/unit/test_hold
tests_unit_test_hold_SOURCES = tests/unit/test_hold.c
tests_unit_test_hold_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui
tests_unit_test_hold_LDADD = libui.a $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_msglog
TESTS += tests/unit/test_msglog
tests_unit_test_msglog_SOURCES = tests/unit/test_msglog.c
tests_unit_test_msglog_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui
tests_unit_test_msglog_LDADD = libui.a $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_sent
TESTS += tests/unit/test_sent
tests_unit_test_sent_SOURCES = tests/unit/test_sent.c
tests_unit_test_sent_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui
tests_unit_test_sent_LDADD = libui.a $(UNIT_LDADD)

# The dashboard for real on a pseudo-terminal, endwin() wrapped to see
# which thread calls it.
check_PROGRAMS += tests/unit/test_tty
TESTS += tests/unit/test_tty
tests_unit_test_tty_SOURCES = tests/unit/test_tty.c
tests_unit_test_tty_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_tty_LDFLAGS = -Wl,--wrap=endwin
tests_unit_test_tty_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

# End-to-end tests of the dashboard: teamtop in tmux against graphsim.
DASHBOARD_E2E = tests/e2e/dashboard-grid.sh tests/e2e/dashboard-keys.sh \
	tests/e2e/dashboard-resize.sh tests/e2e/dashboard-colour.sh \
	tests/e2e/dashboard-stale.sh tests/e2e/dashboard-demo.sh \
	tests/e2e/dashboard-actions.sh tests/e2e/dashboard-config.sh \
	tests/e2e/dashboard-mouse.sh tests/e2e/dashboard-loading.sh \
	tests/e2e/dashboard-missing.sh tests/e2e/dashboard-themes.sh \
	tests/e2e/dashboard-plain.sh tests/e2e/dashboard-layout.sh \
	tests/e2e/dashboard-emoji.sh tests/e2e/dashboard-terminal.sh \
	tests/e2e/dashboard-prompt.sh tests/e2e/dashboard-help.sh \
	tests/e2e/dashboard-messages.sh tests/e2e/dashboard-details.sh \
	tests/e2e/dashboard-quit.sh tests/e2e/dashboard-signals.sh \
	tests/e2e/dashboard-history.sh tests/e2e/dashboard-find.sh \
	tests/e2e/dashboard-forms.sh tests/e2e/dashboard-bulk.sh \
	tests/e2e/dashboard-hold.sh tests/e2e/dashboard-offline-write.sh \
	tests/e2e/dashboard-views.sh tests/e2e/dashboard-columns.sh \
	tests/e2e/dashboard-narrow.sh tests/e2e/dashboard-copy.sh \
	tests/e2e/dashboard-hints.sh \
	tests/e2e/dashboard-days.sh
DASHBOARD_E2E += tests/e2e/dashboard-budget.sh
TESTS += $(DASHBOARD_E2E)
EXTRA_DIST += $(DASHBOARD_E2E) tests/e2e/lib-dashboard.sh \
	tests/bench/dashboard.sh

check_PROGRAMS += tests/unit/test_clipboard
TESTS += tests/unit/test_clipboard
tests_unit_test_clipboard_SOURCES = tests/unit/test_clipboard.c
tests_unit_test_clipboard_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_clipboard_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)

# The dashboard signed in as oneself: the header, M, the permission notes.
TESTS += tests/e2e/dashboard-me.sh
EXTRA_DIST += tests/e2e/dashboard-me.sh

check_PROGRAMS += tests/unit/test_own
TESTS += tests/unit/test_own
tests_unit_test_own_SOURCES = tests/unit/test_own.c tests/unit/screen.c \
	tests/unit/screen.h
tests_unit_test_own_CPPFLAGS = $(UNIT_CPPFLAGS) -I$(top_srcdir)/ui \
	$(NCURSES_CFLAGS)
tests_unit_test_own_LDADD = libui.a $(UNIT_LDADD) $(NCURSES_LIBS)
