#!/bin/sh
# Resizing to 40x12 and back leaves a correct screen; a terminal too small
# says so instead of drawing garbage.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 10

gs_start --users 30
tt_start --refresh 2
if wait_for 20 tt_loaded 30; then ok "the dashboard shows 30 people"; else
	not_ok "the dashboard shows 30 people"; tt_screen | sed 's/^/# /'
fi

# The screen without the status bar, durations masked (they tick).
masked() {
	tt_screen | sed '$d' | sed -E 's/[<>]?[0-9]+[smhdw]([0-9]+[smh])?/D/g'
}
# The widest line of the screen, in characters.
widest() {
	tt_screen | while IFS= read -r _l; do
		printf '%s' "$_l" | LC_ALL=C.UTF-8 wc -m
	done | sort -n | tail -n 1
}

masked >"$T/before"
tt_tmux resize-window -t tt -x 40 -y 12
small() {
	[ "$(tt_screen | wc -l)" -eq 12 ] && tt_has "NAME" &&
	    tt_screen | sed -n 12p | grep -q "people"
}
check "at 40x12 the counts, headings and status bar are there" wait_for 5 small
w=$(widest)
check "no line is wider than 40 ($w)" [ "$w" -le 40 ]
rows=$(tt_screen | sed -n '3,11p' | grep -c '[^ ]')
is "$rows" 9 "at 40x12 nine people fill the grid"
y=$(tt_tmux display -p -t tt '#{cursor_y}')
check "the cursor is on a grid row ($y)" test "$y" -ge 2 -a "$y" -le 10

tt_tmux resize-window -t tt -x 20 -y 5
check "a terminal too small says so" wait_for 5 tt_has "too small"

tt_tmux resize-window -t tt -x 120 -y 40
back() { masked >"$T/after"; cmp -s "$T/before" "$T/after"; }
if wait_for 5 back; then ok "back at 120x40 the screen is as before"; else
	not_ok "back at 120x40 the screen is as before"
	diff "$T/before" "$T/after" | sed 's/^/# /'
fi
check "the status message column is back" tt_has "STATUS MESSAGE"
is "$(tt_screen | sed -n 40p | grep -c people)" 1 "the status bar is on the last line"
tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
