# teamtop serve on PostgreSQL, and the dashboard and commands with --db.

libcore_a_SOURCES += src/pg.c src/pg.h src/serve.c src/serve.h \
	src/cmd_serve.c src/cmd_db.c src/pgsource.c src/pgsource.h
libcore_a_CPPFLAGS += $(PQ_CFLAGS)
CORE_LIBS += $(PQ_LIBS)
UNIT_CPPFLAGS += $(PQ_CFLAGS)
teamtop_CPPFLAGS += $(PQ_CFLAGS)

EXTRA_DIST += tests/lib/pg.sh

SERVE_TESTS = tests/integration/serve-core.sh tests/integration/serve-cmd.sh \
	tests/e2e/serve-dashboards.sh
TESTS += $(SERVE_TESTS)
EXTRA_DIST += $(SERVE_TESTS) tests/integration/serve-lib.sh

check_PROGRAMS += tests/unit/test_pg
TESTS += tests/unit/test_pg
tests_unit_test_pg_SOURCES = tests/unit/test_pg.c
tests_unit_test_pg_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_pg_LDADD = $(UNIT_LDADD)
