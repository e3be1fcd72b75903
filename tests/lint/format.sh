#!/bin/sh
# The C sources follow .clang-format.
. "${top_srcdir:?}/tests/lib/tap.sh"
command -v clang-format >/dev/null 2>&1 || skip_all "clang-format is not installed"
cd "$top_srcdir" || exit 1
set -- src/*.[ch] ui/*.[ch] tests/graphsim/*.[ch] tests/unit/*.[ch]
plan 1
out=$(clang-format --dry-run --Werror "$@" 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: error' | cut -d: -f1 | sort -u)
is "$out" "" "C sources are formatted as .clang-format says"
