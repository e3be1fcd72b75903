#!/bin/sh
# Every signal that ends the dashboard gives the terminal back: Ctrl-\
# (SIGQUIT) quits as q does, and a crash (SIGSEGV, SIGABRT) restores the
# terminal's modes before the process dies of it.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 8

gs_start --users 20

# teamtop_pid: the dashboard's process, the child of the pane's shell.
teamtop_pid() {
	pgrep -P "$(tt_tmux list-panes -t tt -F '#{pane_pid}')" -x teamtop
}

tt_start --refresh 60
check "the dashboard starts" wait_for 15 tt_loaded 20
tt_tmux send-keys -t tt -H 1c # Ctrl-\
check "Ctrl-\\ ends the dashboard" wait_for 10 tt_exited
is "$(cat "$T/exit")" 0 "as q does, with status 0"
check "and the terminal modes are restored" cmp -s "$T/stty.before" \
    "$T/stty.after"

for sig in SEGV ABRT; do
	tt_tmux kill-server 2>/dev/null
	tt_start --refresh 60
	wait_for 15 tt_loaded 20
	kill -"$sig" "$(teamtop_pid)"
	check "SIG$sig ends the dashboard" wait_for 10 tt_exited
	check "and the terminal modes are restored first" cmp -s \
	    "$T/stty.before" "$T/stty.after"
done
