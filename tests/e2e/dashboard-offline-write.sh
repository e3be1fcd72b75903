#!/bin/sh
# A write made while Graph cannot be reached is not lost: it is retried
# under the retry policy and reaches graphsim once it is back.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 5

gs_start --users 10
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
port=$GS_PORT
tt_start --refresh 60
check "the dashboard starts" wait_for 15 tt_loaded 10

# Graph goes away; a status message is written (30 minutes: no question).
gs_stop
tt_keys m
check "the status message form opens" wait_for 5 tt_has "/280"
tt_keys C-u
tt_keys -l "Back in the office"
tt_keys Tab Right Enter
sleep 0.3
# The same tenant comes back on the same address.
gs_start --users 10 --listen "127.0.0.1:$port"
is "$GS_PORT" "$port" "graphsim is back on the same port"
GS_TOKEN=$(gs_token)
# has_message: someone in graphsim has the message.
has_message() {
	cut -f1 "$T/users" | while read -r id; do
		gs_graph "/_graphsim/users/$id" |
		    jq -e '.presence.statusMessage.message.content ==
		        "Back in the office"' >/dev/null && echo yes
	done | grep -q yes
}
check "the write reaches graphsim once it is back" wait_for 20 has_message
tt_keys L
check "and the log says it was done" wait_for 5 tt_has "setStatusMessage"
