#!/bin/sh
# set --hold keeps an app session: it stays running, sending setPresence
# again before each expiry, and at Ctrl-C (or SIGTERM) releases the session,
# or with --keep leaves it to run out.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 10

id0=$(gs_user 0 id)
upn0=$(gs_user 0 userPrincipalName)
session() {
	gs_state "$id0" | jq -r --arg app "$GS_CLIENT_ID" \
	    '[.sessions[] | select(.sessionId == $app) | .availability] | first // "none"'
}
# wait_session WANT: up to 10 s for the app's session to be WANT.
wait_session() {
	_i=0
	while [ "$(session)" != "$1" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ "$(session)" = "$1" ]
}

"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" set "$upn0" \
    --availability Busy --activity InACall --expires 30m --hold \
    >"$T/out" 2>"$T/err" &
pid=$!
check "--hold sets the session" wait_session Busy
sleep 0.5
check "and keeps running" kill -0 "$pid"
like "$(cat "$T/err")" "holding Busy/InACall for 1 person; Ctrl-C releases" \
    "saying what it holds and how to stop"
kill -TERM "$pid"
wait "$pid"
is "$?" 0 "SIGTERM ends the hold with status 0"
check "and releases the session" wait_session none
like "$(cat "$T/out")" "$upn0: presence session cleared" "saying so"

"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" set "$upn0" \
    --availability Away --activity Away --expires 30m --hold --keep \
    >"$T/out" 2>"$T/err" &
pid=$!
check "--hold --keep sets the session" wait_session Away
kill -INT "$pid"
wait "$pid"
is "$?" 0 "Ctrl-C ends it with status 0"
is "$(session)" Away "and --keep leaves the session to run out"

tt clear "$upn0" --hold
is "$rc" 2 "only set takes --hold"
