#!/bin/sh
# The shell tests, their libraries and the tools pass shellcheck. It runs
# from the top of the tree, so that with -x it follows the libraries that a
# script sources from "$top_srcdir/...".
. "${top_srcdir:?}/tests/lib/tap.sh"
command -v shellcheck >/dev/null 2>&1 || skip_all "shellcheck is not installed"
cd "$top_srcdir" || exit 1

# .ci/run is not in a distribution, so list only what is there.
files=$(
	find tests -name '*.sh' | LC_ALL=C sort
	for f in tools/* .ci/run; do
		[ -f "$f" ] && echo "$f"
	done
)
plan "$(echo "$files" | wc -l)"
for f in $files; do
	out=$(shellcheck -x -f gcc "$f" 2>&1)
	is "$out" "" "$f passes shellcheck"
done
