# Configuration, credentials and tokens, the error of a failed call, and
# the libcurl wrapper.

libcore_a_SOURCES += src/cfg.c src/cfg.h src/cred.c src/cred.h \
	src/graph_error.c src/graph_error.h \
	src/http.c src/http.h

dist_man_MANS += man/teamtop.conf.5

check_PROGRAMS += tests/unit/test_cfg tests/unit/test_cred \
	tests/unit/test_graph_error tests/unit/test_http
TESTS += tests/unit/test_cfg tests/unit/test_cred \
	tests/unit/test_graph_error tests/unit/test_http

tests_unit_test_cfg_SOURCES = tests/unit/test_cfg.c $(UNIT_HELPERS)
tests_unit_test_cfg_CPPFLAGS = $(UNIT_CPPFLAGS) \
	-DTEST_DATA='"$(abs_top_srcdir)/tests/unit/data"'
tests_unit_test_cfg_LDADD = $(UNIT_LDADD)

tests_unit_test_cred_SOURCES = tests/unit/test_cred.c $(UNIT_HELPERS)
tests_unit_test_cred_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_cred_LDADD = $(UNIT_LDADD)

tests_unit_test_graph_error_SOURCES = tests/unit/test_graph_error.c
tests_unit_test_graph_error_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_graph_error_LDADD = $(UNIT_LDADD)

tests_unit_test_http_SOURCES = tests/unit/test_http.c $(UNIT_HELPERS)
tests_unit_test_http_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_http_LDADD = $(UNIT_LDADD)

EXTRA_DIST += tests/unit/data/cfg-good.conf tests/unit/data/cfg-syntax.conf \
	tests/unit/data/cfg-type.conf tests/unit/data/cfg-unknown.conf \
	tests/unit/data/cfg-cloud.conf tests/unit/data/cfg-api.conf \
	tests/unit/data/cfg-refresh.conf

NET_SHELL_TESTS = tests/integration/net-config.sh \
	tests/integration/completion.sh \
	tests/integration/net-options.sh \
	tests/integration/net-config-edges.sh \
	tests/integration/net-token.sh \
	tests/integration/net-proxy.sh \
	tests/integration/net-token-expiry.sh \
	tests/integration/net-waits.sh tests/integration/net-gzip.sh
TESTS += $(NET_SHELL_TESTS)
EXTRA_DIST += $(NET_SHELL_TESTS) tests/integration/cfg-lib.sh
