#!/bin/sh
# The one-shot commands at the edges of a shell: help as a command, an
# unquoted status message, output that cannot be written (a full disk, a
# closed stdout, a reader that went away) and core dumps.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 10
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 17

upn0=$(gs_user 0 userPrincipalName)

tt help
is "$rc" 0 "teamtop help exits 0"
like "$(head -1 "$T/out")" "usage: teamtop" "and prints the usage"
tt help get
is "$rc" 0 "teamtop help get exits 0"
like "$(head -1 "$T/out")" "usage: teamtop get" "and prints get's help"
tt help nonsense
is "$rc" 2 "help for an unknown command exits 2"
like "$(cat "$T/err")" "unknown command 'nonsense'" "naming it"

tt status "$upn0" In the lab
is "$rc" 2 "an unquoted status message is a usage error"
like "$(cat "$T/err")" "quote it" "that says to quote the message"
is "$(gs_state "$(gs_user 0 id)" | jq -r '.presence.statusMessage.message.content // ""')" "" \
    "and nothing was set"

"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" get "$upn0" \
    >/dev/full 2>"$T/err"
rc=$?
is "$rc" 1 "a full disk exits 1"
like "$(cat "$T/err")" "cannot write the output: No space left on device" \
    "with the reason"

"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" get "$upn0" \
    >&- 2>"$T/err"
rc=$?
is "$rc" 1 "a closed stdout exits 1"
like "$(cat "$T/err")" "cannot write the output: Bad file descriptor" \
    "with the reason"

# A reader that goes away, with the demo graphsim started on the way: the
# pipeline ends (graphsim holds nothing of it) and nothing is said.
XDG_RUNTIME_DIR=$T/run
export XDG_RUNTIME_DIR
"$TEAMTOP" --demo get 2>"$T/err" | head -1 >"$T/out"
like "$(cat "$T/out")" "AVAILABILITY" "--demo get | head -1 prints the header"
is "$(cat "$T/err")" "" "and says nothing about the closed pipe"
"$TEAMTOP" demo stop >"$T/out" 2>&1
like "$(cat "$T/out")" "Stopped the demo graphsim" "the demo graphsim it started is stopped"

# No core dump can hold the secret: the limit is 0 whatever the shell's.
gs_post /_graphsim/faults \
    '{"route": "POST /communications/getPresencesByUserId", "delay_ms": 2000}' \
    >/dev/null
(
	# shellcheck disable=SC3045 # dash and bash have ulimit -c.
	ulimit -c unlimited 2>/dev/null
	exec "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" export \
	    >/dev/null 2>&1
) &
bg=$!
sleep 1
core=$(awk '/^Max core file size/ {print $5, $6}' "/proc/$bg/limits" 2>/dev/null)
wait "$bg"
is "$core" "0 0" "a running teamtop has a core file size limit of 0"
