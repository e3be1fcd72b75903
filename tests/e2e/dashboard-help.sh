#!/bin/sh
# The help screen scrolls: at 80x24 and at 40x12 every key can be brought
# into view with the arrows, j and k, PgUp and PgDn, Home and End; a row
# says how many lines are hidden above or below; only q, Escape and ?
# close it (as its title says), and q there closes the help, not teamtop.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 5
TT_X=120 TT_Y=44
tt_start --refresh 60
if wait_for 20 tt_loaded 5; then ok "the dashboard shows 5 people"; else
	not_ok "the dashboard shows 5 people"; tt_screen | sed 's/^/# /'
fi

# pane_rows: the pane's lines under its title, without the status bar
# and the rows that say what is hidden, cut to 30 columns.
pane_rows() {
	_h=$(tt_tmux display -p -t tt '#{pane_height}')
	tt_screen | sed -n "4,$((_h - 1))p" | grep -v -e 'more above' \
	    -e 'more below' | grep '[^ ]' | cut -c1-30
}
help_open() { tt_has "q, Escape or ? closes"; }

# At 120x44 the whole help fits: every line, for reference.
tt_keys '?'
check "? opens the help, which says what closes it" wait_for 5 help_open
pane_rows | sort -u >"$T/all"
nall=$(wc -l <"$T/all")
check "the help lists the keys ($nall lines)" test "$nall" -gt 20
check "with nothing hidden, no row says there is more" tt_lacks "more below"
tt_keys q
check "q closes the help" wait_for 5 tt_lacks "q, Escape or ? closes"
check "and does not quit teamtop" eval '! tt_exited'

# At 80x24 the end is hidden at first; End shows q Quit.
tt_tmux resize-window -t tt -x 80 -y 24
size_is() { [ "$(tt_tmux display -p -t tt '#{pane_width}x#{pane_height}')" = "$1" ]; }
wait_for 5 size_is 80x24
tt_keys '?'
wait_for 5 help_open
check "at 80x24 a row says how many lines are below" tt_has "more below"
quit_line() { tt_screen | grep -q -E '^ +q +Quit'; }
check "q Quit is below the fold at first" eval '! quit_line'
tt_keys End
check "End shows q Quit" wait_for 5 quit_line
check "and a row says how many lines are above" tt_has "more above"
check "and none below" tt_lacks "more below"
tt_keys Home
check "Home goes back to the first key" wait_for 5 tt_has "Move up"
tt_keys j
check "j scrolls one line down" wait_for 5 tt_has "1 more above"
tt_keys k
check "k scrolls back up" wait_for 5 tt_lacks "more above"
tt_keys PageDown
check "PgDn scrolls a page" wait_for 5 tt_has "more above"
tt_keys PageUp
check "PgUp scrolls back" wait_for 5 tt_lacks "more above"
tt_keys x r Enter f 5
sleep 0.3
check "other keys leave the help open" help_open
tt_keys Escape
check "Escape closes the help" wait_for 5 tt_lacks "q, Escape or ? closes"
tt_keys '?'
wait_for 5 help_open
tt_keys '?'
check "? closes it too" wait_for 5 tt_lacks "q, Escape or ? closes"

# At 40x12, Down brings every line of the help into view.
tt_tmux resize-window -t tt -x 40 -y 12
wait_for 5 size_is 40x12
tt_keys '?'
wait_for 5 help_open
: >"$T/seen"
i=0
while [ $i -lt 60 ]; do
	pane_rows >>"$T/seen"
	tt_has "more below" || break
	tt_keys Down
	sleep 0.1
	i=$((i + 1))
done
sort -u "$T/seen" >"$T/seen.u"
# The lines are cut at 40 columns here: compare their first 30.
missing=$(comm -23 "$T/all" "$T/seen.u")
is "$missing" "" "at 40x12 scrolling down shows all $nall lines of the help"
check "down to q Quit" quit_line
tt_keys Up
check "Up scrolls back" wait_for 5 tt_has "more below"
tt_keys q
check "q closes the help" wait_for 5 tt_lacks "more below"
check "teamtop still runs" eval '! tt_exited'
tt_keys q
check "and a q in the grid quits" wait_for 5 tt_exited
done_testing
