# Lint inside `make check`: layering, man pages, formatting, shell scripts.
LINT_TESTS = tests/lint/layering.sh tests/lint/man.sh tests/lint/format.sh \
	tests/lint/shellcheck.sh tests/lint/keys.sh
TESTS += $(LINT_TESTS)
EXTRA_DIST += $(LINT_TESTS)
