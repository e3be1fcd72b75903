# Watches and their alerts: the conditions and their file, the terminal's
# notification sequences, commands run without a shell (the core), and
# the dashboard's form, list and alerts (the UI).

libcore_a_SOURCES += src/watch.c src/watch.h src/notify.c src/notify.h \
	src/spawn.c src/spawn.h
libui_a_SOURCES += ui/watches.c ui/alerts.c

WATCH_UNIT_TESTS = tests/unit/test_watch tests/unit/test_notify \
	tests/unit/test_spawn
check_PROGRAMS += $(WATCH_UNIT_TESTS)
TESTS += $(WATCH_UNIT_TESTS)
tests_unit_test_watch_SOURCES = tests/unit/test_watch.c $(UNIT_HELPERS)
tests_unit_test_watch_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_watch_LDADD = $(UNIT_LDADD)
tests_unit_test_notify_SOURCES = tests/unit/test_notify.c
tests_unit_test_notify_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_notify_LDADD = $(UNIT_LDADD)
tests_unit_test_spawn_SOURCES = tests/unit/test_spawn.c $(UNIT_HELPERS)
tests_unit_test_spawn_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_spawn_LDADD = $(UNIT_LDADD)

WATCH_E2E_TESTS = tests/e2e/dashboard-watch.sh
TESTS += $(WATCH_E2E_TESTS)
EXTRA_DIST += $(WATCH_E2E_TESTS)
