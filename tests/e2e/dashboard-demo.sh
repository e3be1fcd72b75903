#!/bin/sh
# teamtop --demo shows the living demo tenant of the shared demo graphsim:
# it starts it in the background when none runs, sees what a one-shot --demo
# command writes, and leaves it running for the next command when it quits.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 9

XDG_RUNTIME_DIR=$T/run XDG_STATE_HOME=$T/state
export XDG_RUNTIME_DIR XDG_STATE_HOME
# demo_stop: stop the demo graphsim when the test ends, whatever happens.
demo_stop() {
	"$TEAMTOP" demo stop >/dev/null 2>&1
	tap_cleanup
}
trap demo_stop EXIT

GS_URL=
GS_TENANT='' GS_CLIENT_ID='' GS_CLIENT_SECRET=''
TT_ENV="XDG_RUNTIME_DIR=$T/run" tt_start --demo --refresh 2
if wait_for 30 tt_loaded 300; then ok "--demo shows the 300 people of the demo tenant"; else
	not_ok "--demo shows the 300 people of the demo tenant"
	tt_screen | sed 's/^/# /'; sed 's/^/# /' "$T/teamtop.err"
fi
rows=$(tt_screen | sed -n '3,38p' | grep -c -E 'Available|Busy|Away|Offline|DoNotDisturb|BeRightBack')
check "the grid is full of people ($rows rows)" test "$rows" -eq 36

# graphsim is recorded, and runs in a session of its own: the terminal's
# hangup and ^C are not for it.
gs=$(sed -n 's/^pid //p' "$T/run/teamtop/demo")
check "graphsim (pid $gs) leads its own session" \
    test -n "$gs" -a "$(ps -o sid= -p "$gs" | tr -d ' ')" = "$gs"
like "$(tr '\0' ' ' <"/proc/$gs/cmdline" 2>/dev/null)" "--simulate 120" "graphsim simulates a living tenant"

# A one-shot --demo command writes to the tenant the dashboard shows.
"$TEAMTOP" --demo status robert.miller@demo.onmicrosoft.com \
    'Shared with the dashboard' >"$T/out" 2>&1
is "$?" 0 "a one-shot --demo status command succeeds meanwhile"
tt_keys /
tt_keys -l 'Robert Miller'
tt_keys Enter
check "the dashboard shows the status message it set" \
    wait_for 10 tt_has 'Shared with the dashboard'

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
sleep 0.5
check "graphsim keeps running for the next --demo command" kill -0 "$gs"
"$TEAMTOP" demo stop >/dev/null 2>&1
gone() { ! kill -0 "$gs" 2>/dev/null; }
check "teamtop demo stop stops it" wait_for 5 gone
