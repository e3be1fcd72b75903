#!/bin/sh
# Mouse: a click on a row selects that person (the terminal's cursor goes
# there), a click on a heading sorts by that column. The clicks are typed
# as the SGR mouse reports an xterm sends.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 6

gs_start --users 20
GS_TOKEN=$(gs_token)
tt_start --refresh 2
if wait_for 20 tt_loaded 20; then ok "the dashboard shows 20 people"; else
	not_ok "the dashboard shows 20 people"; tt_screen | sed 's/^/# /'
fi

# click X Y: press and release button 1 at column X, row Y (1-based).
click() {
	tt_tmux send-keys -t tt -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' \
	    "$1" "$2" "$1" "$2")"
}
cursor_y() {
	tt_tmux display -p -t tt '#{cursor_y}'
}
cursor_is() {
	[ "$(cursor_y)" = "$1" ]
}

is "$(cursor_y)" 2 "the cursor starts on the first person's row"
click 20 8
check "a click on the 6th person's row moves the cursor there" \
    wait_for 5 cursor_is 7

# The NAME heading: clicking it sorts by name (the mark moves there).
x=$(tt_screen | sed -n 2p | awk '{ print index($0, "NAME") }')
click $((x + 1)) 2
name_sorted() { tt_screen | sed -n 2p | grep -q 'NAME▲'; }
check "a click on the NAME heading sorts by name" wait_for 5 name_sorted
# Row by row, the screen shows graphsim's people in name order
# (case-insensitive, as the dashboard sorts): each row holds the start of
# the name that belongs there.
gs_users | cut -f2 | LC_ALL=C sort -f >"$T/sorted"
is "$(wc -l <"$T/sorted" | tr -d ' ')" 20 "graphsim lists the 20 people"
bad=0
row=3
while IFS= read -r name; do
	start=$(printf '%s' "$name" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
	case $(tt_screen | sed -n "${row}p") in
	*"$start"*) ;;
	*) bad=$((bad + 1)); diag "row $row: want $start" ;;
	esac
	row=$((row + 1))
done <"$T/sorted"
is "$bad" 0 "and the rows are in name order"
