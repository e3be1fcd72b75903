#!/bin/sh
# Tokens and HTTP against graphsim: one token serves a whole command, the
# token endpoint's 503 and dropped connections are retried, a wrong secret
# is an authentication failure (exit 3) that never shows the secret, and
# the debug log holds no secret and no token.
. "$top_srcdir/tests/lib/tap.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 17

token_route='POST /{tenant}/oauth2/v2.0/token'
id0=$(gs_user 0 id)
id1=$(gs_user 1 id)
id2=$(gs_user 2 id)

gs_reset
tt --log "$T/log" get "$id0" "$id1" "$id2"
is "$rc" 0 "get succeeds"
is "$(gs_route "$token_route")" 1 "one token request serves the command"
log=$(cat "$T/log")
like "$log" "/demo/oauth2/v2.0/token -> 200" "the token request is logged"
like "$log" "request-id" "with the request id"
unlike "$log" "$GS_CLIENT_SECRET" "the log has no secret"
unlike "$log" "Bearer" "the log has no authorization header"
unlike "$log" "client_secret" "the log has no token request body"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$token_route\",\"status\":503,\"retry_after\":1}]" >/dev/null
t0=$(date +%s.%N)
tt get "$id0"
t1=$(date +%s.%N)
is "$rc" 0 "a 503 from the token endpoint is retried"
is "$(gs_route "$token_route")" 2 "with exactly one more token request"
check "after its Retry-After" awk "BEGIN { exit !($t1 - $t0 >= 1) }"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$token_route\",\"drop\":true}]" >/dev/null
tt get "$id0"
is "$rc" 0 "a dropped token connection is retried"

gs_reset
AZURE_CLIENT_SECRET=not-the-graphsim-secret
tt get "$id0"
AZURE_CLIENT_SECRET=$GS_CLIENT_SECRET
is "$rc" 3 "a wrong secret exits 3"
like "$(cat "$T/err")" "sign-in refused" "and says the sign-in was refused"
unlike "$(cat "$T/out" "$T/err")" "not-the-graphsim-secret" \
    "without showing the secret"
is "$(gs_route "$token_route")" 1 "a refused sign-in is not retried"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$token_route\",\"status\":503,\"count\":20}]" >/dev/null
tt get "$id0"
is "$rc" 4 "a token endpoint that stays down exits 4"
curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null
unlike "$(cat "$T/out" "$T/err")" "$GS_CLIENT_SECRET" "without the secret"
