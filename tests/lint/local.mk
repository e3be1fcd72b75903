# Lint inside `make check`: layering, man pages, formatting.
TESTS += tests/lint/layering.sh tests/lint/man.sh tests/lint/format.sh
EXTRA_DIST += tests/lint/layering.sh tests/lint/man.sh tests/lint/format.sh
