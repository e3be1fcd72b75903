#!/bin/sh
# Tokens and HTTP against graphsim: one token serves a whole command, the
# token endpoint's 503 and dropped connections are retried, a wrong secret
# is an authentication failure (exit 3) that never shows the secret, the
# debug log holds no secret and no token, and the tenant and the secret
# come from the command line, the environment and the file in that order.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 25

token_route='POST /{tenant}/oauth2/v2.0/token'
id0=$(gs_user 0 id)
id1=$(gs_user 1 id)
id2=$(gs_user 2 id)

gs_reset
tt --log "$T/log" get "$id0" "$id1" "$id2"
is "$rc" 0 "get succeeds"
is "$(gs_count "$token_route")" 1 "one token request serves the command"
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
is "$(gs_count "$token_route")" 2 "with exactly one more token request"
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
is "$(gs_count "$token_route")" 1 "a refused sign-in is not retried"

gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$token_route\",\"status\":503,\"count\":20}]" >/dev/null
tt get "$id0"
is "$rc" 4 "a token endpoint that stays down exits 4"
curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null
unlike "$(cat "$T/out" "$T/err")" "$GS_CLIENT_SECRET" "without the secret"

# Precedence, seen from the token endpoint's side.
cat >"$T/file.conf" <<EOF
tenant = "no-such-tenant";
client_id = "$GS_CLIENT_ID";
EOF
gs_reset
tt -c "$T/file.conf" get "$id0"
is "$rc" 0 "the environment's tenant beats the file's"
tt -c "$T/file.conf" --tenant no-such-tenant --log "$T/log2" get "$id0"
is "$rc" 3 "the command line's tenant beats the environment's"
like "$(cat "$T/log2")" "/no-such-tenant/oauth2/v2.0/token" \
    "and is the one asked for a token"

unset AZURE_CLIENT_SECRET
printf '%s\n' "$GS_CLIENT_SECRET" >"$T/secret"
chmod 600 "$T/secret"
printf 'secret_file = "%s";\n' "$T/secret" >"$T/secret.conf"
tt -c "$T/secret.conf" get "$id0"
is "$rc" 0 "the secret is read from secret_file"
printf 'secret_command = "cat %s";\n' "$T/secret" >"$T/command.conf"
tt -c "$T/command.conf" get "$id0"
is "$rc" 0 "the secret is read from secret_command"

AZURE_CLIENT_SECRET=wrong-secret
export AZURE_CLIENT_SECRET
tt -c "$T/secret.conf" get "$id0"
is "$rc" 3 "the environment's secret beats secret_file"
chmod 644 "$T/secret"
tt -c "$T/secret.conf" get "$id0"
is "$rc" 3 "and the file is then not even read"
unlike "$(cat "$T/err")" "readable" "so its mode does not matter"
