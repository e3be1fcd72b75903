#!/bin/sh
# How long a one-shot command waits. A wait Graph asks for with
# Retry-After is honoured in full up to 120 s; a longer one ends the
# command at once with exit status 4, saying how long was asked, whether
# it comes with a 429, inside a $batch answer or from the token endpoint.
# Everything else is bounded by --timeout (one transfer) and --deadline
# (the whole command, Retry-After waits not counted): a server that takes
# the request and never answers ends the command at the deadline.
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

# A server that takes the request and never answers: each transfer is cut
# at --timeout, the command at --deadline, not after 5 attempts.
faults "[{\"route\":\"$route\",\"delay_ms\":30000,\"count\":100}]"
timed --timeout 1 --deadline 3 get "$id0" "$id1"
is "$rc" 4 "an answer that never comes: exit status 4"
check "within the deadline of 3 s, after 2 s of tries (took $took s)" \
    awk "BEGIN { exit !($took >= 1.9 && $took < 4.5) }"
like "$(cat "$T/err")" "gave up: no time left before the deadline of 3 s" \
    "saying so"
check "after 2 or 3 tries of 1 s, not 5" \
    grep -Eq 'after [23] attempts; gave up' "$T/err"

# The same from the configuration file, for set, whose lookup hangs.
printf 'timeout = 1;\ndeadline = 2;\n' >"$T/deadline.conf"
faults '[{"route":"GET /users","delay_ms":30000,"count":100}]'
timed -c "$T/deadline.conf" set "$upn2" --availability Away --activity Away
is "$rc" 4 "set whose lookup never answers: exit status 4"
check "within the deadline of 2 s (took $took s)" \
    awk "BEGIN { exit !($took >= 0.9 && $took < 3.5) }"

# A wait Graph asks for does not count against the deadline.
faults "[{\"route\":\"$route\",\"status\":429,\"retry_after\":3}]"
timed --deadline 2 get "$id0" "$id1"
is "$rc" 0 "Retry-After 3 with a deadline of 2 s: still done"
check "after the wait (took $took s)" awk "BEGIN { exit !($took >= 3) }"

timed --deadline 0 get "$id0"
is "$(cat "$T/err")" \
    "teamtop: --deadline: expected an integer from 1 to 86400, not 0" \
    "--deadline is checked like the setting"

done_testing
