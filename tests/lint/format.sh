#!/bin/sh
# The C sources follow .clang-format.
. "$top_srcdir/tests/lib/tap.sh"
command -v clang-format >/dev/null 2>&1 || skip_all "clang-format is not installed"
cd "$top_srcdir" || exit 1
files=$(ls src/*.[ch] ui/*.[ch] tests/graphsim/*.[ch] tests/unit/*.[ch] 2>/dev/null)
plan 1
out=$(clang-format --dry-run --Werror $files 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: error' | cut -d: -f1 | sort -u)
is "$out" "" "C sources are formatted as .clang-format says"
