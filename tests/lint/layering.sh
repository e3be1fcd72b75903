#!/bin/sh
# The layering of the tree. The core in src/ includes no curses header and no
# header of ui/ (main.c, which wires the two, excepted); ui/ includes neither
# the network modules of src/ nor libcurl or cJSON headers. The ui/ headers
# are listed from the tree, so that a new one is covered when it is added.
. "${top_srcdir:?}/tests/lib/tap.sh"
plan 3

cd "$top_srcdir" || exit 1

# includes FILE...: print "file:line:path" for each #include in the files.
includes() {
	awk 'match($0, /^[ \t]*#[ \t]*include[ \t]*[<"][^>"]+[>"]/) {
		p = substr($0, RSTART, RLENGTH)
		sub(/^[^<"]*[<"]/, "", p)
		sub(/[>"]$/, "", p)
		print FILENAME ":" FNR ":" p
	}' "$@"
}

# A bare "name.h" in src/ is src/'s own header when src/ has one by that
# name; with a ui/ directory in its path it is always ui/'s.
ui_headers=$(cd ui && ls -- *.h)
src_headers=$(cd src && ls -- *.h)
set --
for f in src/*.[ch]; do
	[ "$f" = src/main.c ] || set -- "$@" "$f"
done
bad=$(includes "$@" | awk -F: -v ui="$ui_headers" -v src="$src_headers" '
	BEGIN {
		n = split(ui, h, /[ \t\n]+/)
		for (i = 1; i <= n; i++)
			is_ui[h[i]] = 1
		n = split(src, h, /[ \t\n]+/)
		for (i = 1; i <= n; i++)
			is_src[h[i]] = 1
	}
	{
		base = $3
		sub(/.*\//, "", base)
	}
	base ~ /curses\.h$/ || base ~ /^(form|menu|panel|term)\.h$/ {
		print
		next
	}
	is_ui[base] && ($3 ~ /(^|\/)ui\/[^\/]+$/ || ($3 == base && !is_src[base]))')
is "$bad" "" "src/ includes no curses or ui/ header"

bad=$(includes ui/*.[ch] | awk -F: '
	{
		base = $3
		sub(/.*\//, "", base)
	}
	base ~ /^(graph|http|cred|roster)\.h$/ &&
	    ($3 == base || $3 ~ /(^|\/)src\/[^\/]+$/) {
		print
		next
	}
	$3 ~ /^(curl|cjson)\//')
is "$bad" "" "ui/ includes no network module, libcurl or cJSON header"

# ui/ui.c keeps to the loop, curses start and stop, and drawing a frame;
# everything else has a file of its own.
lines=$(wc -l <ui/ui.c | tr -d ' ')
check "ui/ui.c stays small ($lines lines, under 350)" test "$lines" -lt 350
