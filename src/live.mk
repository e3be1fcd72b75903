# The store of snapshots, the poller thread and demo mode.

libcore_a_SOURCES += src/store.c src/store.h src/poller.c src/poller.h \
	src/intern.c src/intern.h \
	src/source.c src/source.h \
	src/demo.c src/demo.h

check_PROGRAMS += tests/unit/test_store
TESTS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_store_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_poller
TESTS += tests/unit/test_poller
tests_unit_test_poller_SOURCES = tests/unit/test_poller.c $(UNIT_HELPERS)
tests_unit_test_poller_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_poller_LDADD = $(UNIT_LDADD)
