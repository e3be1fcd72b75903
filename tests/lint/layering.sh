#!/bin/sh
# The core in src/ never includes curses or ui/ headers (main.c excepted), and
# ui/ never touches libcurl or cJSON.
. "$top_srcdir/tests/lib/tap.sh"
plan 2

cd "$top_srcdir" || exit 1
bad=$(grep -lE '^#[[:space:]]*include[[:space:]]*[<"](n?curses(w)?\.h|form\.h|menu\.h|panel\.h|term\.h|ui\.h|grid\.h|theme\.h|keys\.h)' src/*.c src/*.h 2>/dev/null | grep -v '^src/main\.c$')
is "$bad" "" "src/ includes no curses or ui header"
bad=$(grep -lE '^#[[:space:]]*include[[:space:]]*[<"](curl/|cjson/)' ui/*.c ui/*.h 2>/dev/null)
is "$bad" "" "ui/ includes no libcurl or cJSON header"
