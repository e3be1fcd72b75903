#!/bin/sh
# teamtop --demo starts its own graphsim, shows the living tenant, and
# stops graphsim when it quits.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 6

GS_URL=
GS_TENANT='' GS_CLIENT_ID='' GS_CLIENT_SECRET=''
tt_start --demo --refresh 2
if wait_for 30 tt_loaded 300; then ok "--demo shows the 300 people of the demo tenant"; else
	not_ok "--demo shows the 300 people of the demo tenant"
	tt_screen | sed 's/^/# /'; sed 's/^/# /' "$T/teamtop.err"
fi
rows=$(tt_screen | sed -n '3,38p' | grep -c -E 'Available|Busy|Away|Offline|DoNotDisturb|BeRightBack')
check "the grid is full of people ($rows rows)" test "$rows" -eq 36

# graphsim is teamtop's child; find it.
shell=$(tt_tmux display -p -t tt '#{pane_pid}')
tt=$(pgrep -P "$shell" -x teamtop | head -n 1)
gs=$(pgrep -P "$tt" | head -n 1)
check "graphsim runs as teamtop's child" test -n "$gs"
like "$(tr '\0' ' ' <"/proc/$gs/cmdline" 2>/dev/null)" "--simulate 120" "graphsim simulates a living tenant"

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
gone() { ! kill -0 "$gs" 2>/dev/null; }
check "graphsim is stopped with teamtop" wait_for 5 gone
