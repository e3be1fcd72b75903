#!/bin/sh
# Every manual page formats without a warning.
. "${top_srcdir:?}/tests/lib/tap.sh"
command -v groff >/dev/null 2>&1 || skip_all "groff is not installed"
pages=$(ls "$top_srcdir"/man/*.[1-8])
plan "$(echo "$pages" | wc -l)"
for page in $pages; do
	err=$(groff -mandoc -Tutf8 -ww -z "$page" 2>&1)
	is "$err" "" "$(basename "$page") formats without warnings"
done
