#!/bin/sh
# A token that expires in the middle of a command is renewed once,
# wherever Graph says so: here inside a $batch, whose sub-request is
# checked after its token has run out (graphsim issues 2-second tokens and
# holds the lookup 2.5 s), so that the 401 comes back inside the batch's
# answer, not as the batch's own status.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 5 --token-lifetime 2
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 7

token_route='POST /{tenant}/oauth2/v2.0/token'
upn=$(gs_user 1 userPrincipalName)
id=$(gs_user 1 id)

gs_reset
gs_post /_graphsim/faults '[{"route":"GET /users","delay_ms":2500}]' >/dev/null
tt set "$upn" --availability Busy --activity InACall
is "$rc" 0 "set succeeds across a token expiry inside the \$batch lookup"
is "$(cat "$T/err")" "" "with nothing on stderr"
is "$(gs_count "$token_route")" 2 "with exactly one new token"
is "$(gs_count "POST /\$batch")" 2 "and the lookup sent once more"
is "$(gs_state "$id" | jq '[.sessions[] | select(.kind == "app")] | length')" 1 \
    "the presence was set"

# Renewed once only: a token refused again is an authentication failure.
gs_reset
gs_post /_graphsim/faults '[{"route":"GET /users","delay_ms":2500,"count":2}]' >/dev/null
tt set "$upn" --availability Available --activity Available
is "$rc" 3 "a token refused twice in a row is an authentication failure"
like "$(cat "$T/err")" "token is expired" "with Graph's reason"
