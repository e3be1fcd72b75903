# The Graph calls, the roster and the one-shot commands.

libcore_a_SOURCES += src/graph.c src/graph.h src/roster.c src/roster.h \
	src/cmd.h src/cmd_common.c src/cmd_get.c src/cmd_set.c src/cmd_wait.c \
	src/cmd_history.c src/cmd_report.c src/cmd_groups.c src/cmd_login.c \
	src/cmd_location.c \
	src/cmd_demo.c \
	src/action.c src/action.h src/actlog.c src/actlog.h \
	src/audit.c src/audit.h \
	src/state.c src/state.h

dist_man_MANS += man/teamtop.1

check_PROGRAMS += tests/unit/test_graph
TESTS += tests/unit/test_graph
tests_unit_test_graph_SOURCES = tests/unit/test_graph.c
tests_unit_test_graph_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_graph_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_roster
TESTS += tests/unit/test_roster
tests_unit_test_roster_SOURCES = tests/unit/test_roster.c $(UNIT_HELPERS)
tests_unit_test_roster_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_roster_LDADD = $(UNIT_LDADD)

CMD_TESTS = tests/integration/cmd-get.sh tests/integration/cmd-set.sh \
	tests/integration/cmd-missing.sh tests/integration/cmd-edges.sh \
	tests/integration/cmd-output.sh tests/integration/cmd-audit.sh \
	tests/integration/cmd-bulk-write.sh tests/integration/cmd-hold.sh \
	tests/integration/cmd-bulk-concurrent.sh tests/integration/cmd-wait.sh \
	tests/integration/cmd-errors.sh tests/integration/cmd-bulk.sh \
	tests/integration/cmd-roster.sh tests/integration/cmd-status.sh \
	tests/integration/cmd-find.sh tests/integration/cmd-groups.sh \
	tests/integration/cmd-login.sh tests/integration/cmd-login-browser.sh \
	tests/integration/cmd-location.sh \
	tests/integration/cmd-demo.sh tests/integration/readme-demo.sh \
	tests/integration/cmd-fit.sh \
	tests/integration/cmd-report.sh \
	tests/integration/cmd-export.sh
TESTS += $(CMD_TESTS)
EXTRA_DIST += $(CMD_TESTS) tests/integration/cmd-lib.sh

check_PROGRAMS += tests/unit/test_action
TESTS += tests/unit/test_action
tests_unit_test_action_SOURCES = tests/unit/test_action.c
tests_unit_test_action_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_action_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_actlog
TESTS += tests/unit/test_actlog
tests_unit_test_actlog_SOURCES = tests/unit/test_actlog.c
tests_unit_test_actlog_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_actlog_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_history
TESTS += tests/unit/test_history
tests_unit_test_history_SOURCES = tests/unit/test_history.c $(UNIT_HELPERS)
tests_unit_test_history_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_history_LDADD = $(UNIT_LDADD)

# Signing in as oneself in a terminal, then the dashboard signed in.
SIGNIN_E2E_TESTS = tests/e2e/dashboard-signin.sh
TESTS += $(SIGNIN_E2E_TESTS)
EXTRA_DIST += $(SIGNIN_E2E_TESTS)
