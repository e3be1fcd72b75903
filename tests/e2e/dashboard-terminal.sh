#!/bin/sh
# A terminal that cannot move the cursor (TERM=dumb) cannot show the
# dashboard: teamtop says so, points to the one-shot commands and exits 2
# before starting anything (no request reaches graphsim, the terminal is
# left as it was). An unknown terminal type is refused the same way.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 9

gs_start --users 3

TT_ENV="TERM=dumb"
tt_start --refresh 60
check "teamtop exits at once on TERM=dumb" wait_for 10 tt_exited
is "$(cat "$T/exit")" 2 "with status 2"
err=$(cat "$T/teamtop.err")
like "$err" "cannot move the cursor" "it says why"
like "$err" "teamtop get" "and points to the one-shot commands"
is "$(gs_control /_graphsim/stats | jq -r .requests)" 0 \
    "nothing was started: graphsim saw no request"
check "the terminal's modes are as they were" \
    cmp -s "$T/stty.before" "$T/stty.after"
lines=$(tt_screen | grep -c -F "Loading the roster")
is "$lines" 0 "no status line was drawn"
tt_tmux kill-server 2>/dev/null

TT_ENV="TERM=no-such-terminal-type"
tt_start --refresh 60
check "an unknown terminal type exits at once" wait_for 10 tt_exited
like "$(cat "$T/teamtop.err")" "TERM=no-such-terminal-type" \
    "naming the terminal type"
