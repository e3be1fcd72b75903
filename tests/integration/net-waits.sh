#!/bin/sh
# How long a one-shot command waits. A wait Graph asks for with
# Retry-After is honoured in full up to 120 s; a longer one ends the
# command at once with exit status 4, saying how long was asked, whether
# it comes with a 429, inside a $batch answer or from the token endpoint.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan_lazy

route='POST /communications/getPresencesByUserId'
token_route='POST /{tenant}/oauth2/v2.0/token'
id0=$(gs_user 0 id)
id1=$(gs_user 1 id)
upn2=$(gs_user 2 userPrincipalName)

# timed ARGS...: tt, but never longer than 20 s; the seconds in $took.
timed() {
	t0=$(date +%s.%N)
	timeout 20 "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" \
	    "$@" >"$T/out" 2>"$T/err"
	rc=$?
	t1=$(date +%s.%N)
	took=$(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }")
}

# faults JSON: replace graphsim's fault rules and zero its counters.
faults() {
	curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null
	gs_reset
	gs_post /_graphsim/faults "$1" >/dev/null
}

faults "[{\"route\":\"$route\",\"status\":429,\"retry_after\":300,\"count\":10}]"
timed get "$id0" "$id1"
is "$rc" 4 "Retry-After 300: exit status 4"
check "at once (took $took s)" awk "BEGIN { exit !($took < 5) }"
like "$(cat "$T/err")" "Graph asked to wait 300 s; giving up (limit 120 s)" \
    "saying how long Graph asked for and the limit"
is "$(gs_count "$route")" 1 "without asking again"

faults "[{\"route\":\"$route\",\"status\":429,\"retry_after\":3}]"
timed get "$id0" "$id1"
is "$rc" 0 "Retry-After 3 is waited out"
check "in full (took $took s)" awk "BEGIN { exit !($took >= 3) }"
is "$(gs_count "$route")" 2 "then asked again once"

faults '[{"route":"GET /users","status":429,"retry_after":300,"count":10}]'
timed get "$upn2"
is "$rc" 4 "Retry-After 300 inside a \$batch answer: exit status 4"
check "at once (took $took s)" awk "BEGIN { exit !($took < 5) }"
like "$(cat "$T/err")" "Graph asked to wait 300 s; giving up (limit 120 s)" \
    "saying so"

faults "[{\"route\":\"$token_route\",\"status\":503,\"retry_after\":200}]"
timed get "$id0"
is "$rc" 4 "the token endpoint's Retry-After 200: exit status 4"
check "at once (took $took s)" awk "BEGIN { exit !($took < 5) }"
like "$(cat "$T/err")" \
    "the token endpoint answered 503 and asked to wait 200 s; giving up (limit 120 s)" \
    "saying so"

done_testing
