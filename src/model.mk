# The presence model, durations, parsing of Graph JSON, text sanitising and
# output formats: pure code, no I/O.

libcore_a_SOURCES += src/presence.c src/presence.h src/user.c src/user.h \
	src/duration.c src/duration.h src/graph_parse.c src/graph_parse.h src/text.c src/text.h src/output.c src/output.h

# Unit tests, one per module.
MODEL_TESTS = tests/unit/test_presence
check_PROGRAMS += $(MODEL_TESTS)
TESTS += $(MODEL_TESTS)
tests_unit_test_presence_SOURCES = tests/unit/test_presence.c
tests_unit_test_presence_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_presence_LDADD = $(UNIT_LDADD)
MODEL_TESTS += tests/unit/test_duration
tests_unit_test_duration_SOURCES = tests/unit/test_duration.c
tests_unit_test_duration_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_duration_LDADD = $(UNIT_LDADD)
MODEL_TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_text_LDADD = $(UNIT_LDADD)
MODEL_TESTS += tests/unit/test_graph_parse
tests_unit_test_graph_parse_SOURCES = tests/unit/test_graph_parse.c \
	tests/unit/presences_ref.c tests/unit/presences_ref.h
tests_unit_test_graph_parse_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_graph_parse_LDADD = $(UNIT_LDADD)
EXTRA_DIST += tests/unit/data/batch.json tests/unit/data/device-code.json \
	tests/unit/data/error-graph.json tests/unit/data/error-oauth.json \
	tests/unit/data/groups.json tests/unit/data/members.json \
	tests/unit/data/presence-me.json tests/unit/data/presence-other.json \
	tests/unit/data/presence-wrapped.json \
	tests/unit/data/presence-wrong-types.json \
	tests/unit/data/presences.json tests/unit/data/token-refresh.json \
	tests/unit/data/token.json tests/unit/data/users-page.json
MODEL_TESTS += tests/unit/test_output
tests_unit_test_output_SOURCES = tests/unit/test_output.c
tests_unit_test_output_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_output_LDADD = $(UNIT_LDADD)
# The libFuzzer harness of the parsers (not in make check): tests/fuzz/run.sh.
EXTRA_DIST += tests/fuzz/fuzz_graph_parse.c tests/fuzz/run.sh
