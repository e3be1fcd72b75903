#!/bin/sh
# The hint bar: one line above the status bar with the most useful keys as
# bound (a rebinding in the configuration shows), fitted to the width by
# leaving hints out whole (never cut, never wrapped); a click on a hint
# does what its key does; the keys of the help while it is open;
# hint_bar = false hides it and gives the grid the row.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 60
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"

# bar: the line above the status bar; rows: the grid's rows of people.
bar() {
	_h=$(tt_tmux display -p -t tt '#{pane_height}')
	tt_screen | sed -n "$((_h - 1))p"
}
rows() {
	_h=$(tt_tmux display -p -t tt '#{pane_height}')
	tt_screen | sed -n "3,$((_h - 1))p" | grep -c -E ' [<>]?[0-9]+[smhdw] *$'
}
size_is() { [ "$(tt_tmux display -p -t tt '#{pane_width}x#{pane_height}')" = "$1" ]; }

TT_X=120 TT_Y=30 tt_restart 60 --refresh 60
b=$(bar)
like "$b" "? Help" "the bar starts with ? Help"
like "$b" "/ Search" "it has / Search"
like "$b" "Enter Details" "Enter Details"
like "$b" "y Copy" "y Copy"
like "$b" "q Quit" "and q Quit"
like "$(tt_screen | sed -n 30p)" "people" "the status bar stays on the last line"
is "$(rows)" 26 "the grid has the rows between the headings and the bar (26)"
tt_keys '?'
wait_for 5 tt_has "q, Escape or ? closes" >/dev/null
check "with the help open the bar has the help's keys" \
    wait_for 5 eval 'bar | grep -q "Scroll .*Close"'
tt_keys q
check "closed, the grid's keys again" wait_for 5 eval 'bar | grep -q "? Help"'

# A click on a hint does what its key does (SGR mouse reports, as an xterm
# sends them; 1-based column and row).
click() {
	tt_tmux send-keys -t tt -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' \
	    "$1" "$2" "$1" "$2")"
}
click "$(bar | awk '{ print index($0, "Help") }')" 29
check "a click on Help in the bar opens the help" \
    wait_for 5 tt_has "q, Escape or ? closes"
tt_keys q
wait_for 5 eval 'bar | grep -q "? Help"' >/dev/null
click "$(bar | awk '{ print index($0, "Sort") }')" 29
check "a click on Sort opens the sort menu" wait_for 5 tt_has "Sort by"
tt_keys Escape

# Narrow: hints are left out whole, Help and Quit kept, nothing cut.
for geometry in 80x24 60x20 40x12; do
	x=${geometry%x*}
	tt_tmux resize-window -t tt -x "$x" -y "${geometry#*x}"
	wait_for 5 size_is "$geometry"
	sleep 0.3
	b=$(bar)
	like "$b" "? Help" "at $geometry the bar keeps ? Help"
	like "$b" "q Quit" "and q Quit"
	unlike "$b" "…" "and cuts no hint: $b"
	w=$(printf '%s\n' "$b" | sed 's/ *$//' | LC_ALL=C.UTF-8 wc -L)
	check "and fits ($w)" [ "$w" -le "$x" ]
done
tt_keys q
wait_for 10 tt_exited >/dev/null

# The keys as bound in the configuration.
mkdir -p "$T/xdg/teamtop"
cat >"$T/xdg/teamtop/config" <<'CONF'
keys = { help = "h"; quit = "x"; search = "F2"; };
CONF
TT_X=120 TT_Y=30 tt_restart 60 --refresh 60
b=$(bar)
like "$b" "h Help" "a rebound help shows its key: h Help"
like "$b" "F2 Search" "F2 Search"
like "$b" "x Quit" "x Quit"
tt_keys x
check "and x quits" wait_for 10 tt_exited

# hint_bar = false: no bar, one more row of people.
echo 'hint_bar = false;' >"$T/xdg/teamtop/config"
TT_X=120 TT_Y=30 tt_restart 60 --refresh 60
unlike "$(tt_screen)" "? Help" "hint_bar = false hides the bar"
is "$(rows)" 27 "and the grid takes its row (27)"
tt_keys q
check "q quits" wait_for 10 tt_exited
done_testing
