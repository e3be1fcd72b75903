#!/bin/sh
# Failures and their exit statuses: throttling waited out, 503 retried,
# a wrong secret, a broken config file, a stopped server, /me app-only.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 28

upn=$(gs_user 0 userPrincipalName)
route='POST /communications/getPresencesByUserId'
id0=$(gs_user 0 id)
id1=$(gs_user 1 id)

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"status\":429,\"retry_after\":2,\"code\":\"activityLimitReached\"}]" >/dev/null
t0=$(date +%s.%N)
tt get "$id0" "$id1"
t1=$(date +%s.%N)
is "$rc" 0 "a 429 with Retry-After is waited out"
check "it waited at least 2 s" awk "BEGIN { exit !($t1 - $t0 >= 2) }"
is "$(gs_count "$route")" 2 "exactly 2 requests were sent"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"status\":503}]" >/dev/null
tt get "$id0" "$id1"
is "$rc" 0 "a 503 then success is retried"
is "$(gs_count "$route")" 2 "with one retry"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"status\":429,\"retry_after\":1,\"count\":50}]" >/dev/null
tt get "$id0" "$id1"
is "$rc" 4 "throttling that never ends exits 4"
like "$(cat "$T/err")" "throttl" "and says it was throttled"
curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"status\":401,\"code\":\"InvalidAuthenticationToken\"}]" >/dev/null
tt get "$id0" "$id1"
is "$rc" 0 "a 401 InvalidAuthenticationToken is retried with a new token"
is "$(gs_count "$route") $(gs_count 'POST /{tenant}/oauth2/v2.0/token')" "2 2" \
    "once: two presence requests and two token requests"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"status\":401,\"code\":\"InvalidAuthenticationToken\",\"count\":5}]" >/dev/null
tt get "$id0" "$id1"
is "$rc" 3 "a token refused twice exits 3"
curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null

gs_post /_graphsim/faults "[{\"route\":\"$route\",\"malformed\":true}]" >/dev/null
tt get "$id0" "$id1"
is "$rc" 4 "an answer that is not JSON exits 4"
like "$(cat "$T/err")" "getPresencesByUserId" "and says which answer was bad"

AZURE_CLIENT_SECRET=not-the-secret-s3cr3t tt get "$upn"
is "$rc" 3 "a wrong secret exits 3"
unlike "$(cat "$T/err")" "not-the-secret-s3cr3t" "the message does not contain the secret"
unlike "$(cat "$T/err")" "$GS_CLIENT_SECRET" "nor the right one"
check "the message says authentication failed" grep -qi "auth\|credential\|secret" "$T/err"

tt me
is "$rc" 2 "me with app-only credentials exits 2"
like "$(cat "$T/err")" "delegated" "and explains why"

mkdir -p "$T/conf"
printf 'tenant = "demo";\nusers = [ "a@b" \nrefresh = 5;\n' >"$T/conf/bad.conf"
tt -c "$T/conf/bad.conf" get "$upn"
is "$rc" 2 "a broken config file exits 2"
like "$(cat "$T/err")" "$T/conf/bad.conf:3" "the message gives FILE:LINE"

tt get "$upn" --frobnicate
is "$rc" 2 "an unknown option exits 2"

tt --version
is "$rc" 0 "--version exits 0"
like "$(cat "$T/out")" "teamtop" "--version names the program"

printf 'timeout = 1;\n' >"$T/conf/timeout.conf"
gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"delay_ms\":6000}]" >/dev/null
t0=$(date +%s.%N)
tt -c "$T/conf/timeout.conf" get "$id0" "$id1"
t1=$(date +%s.%N)
is "$rc" 0 "an answer slower than the timeout setting is abandoned and retried"
check "the timeout setting cut the 6 s wait (took $(awk "BEGIN { print $t1 - $t0 }") s)" \
    awk "BEGIN { exit !($t1 - $t0 < 5) }"

gs_stop
tt get "$upn"
is "$rc" 4 "a stopped server exits 4"
check "the message says the server could not be reached" \
    grep -qi "connect\|reach\|network" "$T/err"
unlike "$(cat "$T/err")" "$GS_CLIENT_SECRET" "and carries no secret"
