#!/bin/sh
# The layout keeps what matters at the common terminal sizes, 80x24, 100x30
# and 132x40: the counts line counts every availability that has people
# (abbreviating before it drops one), and WHERE is wide enough for its
# longest value.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 14

# 300 people of the default seed: someone in each of the 7 availabilities.
gs_start --users 300
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
id=$(sed -n 1p "$T/users" | cut -f1)
name=$(sed -n 1p "$T/users" | cut -f2)
gs_put_presence "$id" '{"availability":"Available","activity":"Available",
    "workLocation":{"workLocationType":"timeOff","source":"manual"}}'

# counted: the sum of the numbers on the counts line is everyone.
counted() {
	_sum=0
	for _n in $(tt_screen | head -n 1 | grep -o '[0-9][0-9]*'); do
		_sum=$((_sum + _n))
	done
	[ "$_sum" -eq 300 ]
}

TT_X=80 TT_Y=24 tt_start --refresh 2
if wait_for 20 tt_loaded 300; then ok "the dashboard starts at 80x24"; else
	not_ok "the dashboard starts at 80x24"; tt_screen | sed 's/^/# /'
fi
# Show the person who is on time off, on their own.
tt_keys / "$name" Enter
check "the search finds $name" wait_for 5 tt_has "$name"

for geometry in 80x24 100x30 132x40; do
	x=${geometry%x*}
	y=${geometry#*x}
	tt_tmux resize-window -t tt -x "$x" -y "$y"
	# Redrawn at the new size: the status bar is on the last line.
	sized() { tt_screen | sed -n "${y}p" | grep -q "people"; }
	wait_for 5 sized
	# The grid follows within a redraw; give a failure time to show.
	laid_out() { counted && tt_line "$name" | grep -q "timeOff "; }
	wait_for 3 laid_out
	if counted; then ok "at $geometry the counts line counts all 300 people"
	else not_ok "at $geometry the counts line counts all 300 people"
		tt_screen | head -n 1 | sed 's/^/# /'; fi
	row=$(tt_line "$name")
	like "$row" "timeOff " "at $geometry WHERE shows timeOff whole"
	unlike "$(tt_screen | sed -n 2p)" "WHERE$(printf '\342\200\246')" \
	    "at $geometry the WHERE heading is whole"
	widest=$(tt_screen | head -n 1 | LC_ALL=C.UTF-8 wc -L)
	check "at $geometry the counts line fits ($widest)" [ "$widest" -le "$x" ]
done 2>/dev/null
