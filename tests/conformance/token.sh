#!/bin/sh
# graphsim conformance: the client-credentials token endpoint and bearer
# token checks (graph-presence-api.md sections 5.1, 4.3 and 8).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

gs_start

# tok TENANT [FIELD=VALUE...]: a token request with the given form fields.
tok() {
    tk_t=$1
    shift
    set -- "$@" END
    while [ "$1" != END ]; do
        set -- "$@" --data-urlencode "$1"
        shift
    done
    shift
    raw POST "/$tk_t/oauth2/v2.0/token" "$@"
}

# oauth_err: "STATUS error" of the last token answer.
oauth_err() {
    echo "$st $(jb '.error // "-"')"
}

good_id="client_id=$GS_CLIENT_ID"
good_secret="client_secret=$GS_CLIENT_SECRET"
good_scope="scope=https://graph.microsoft.com/.default"
good_grant="grant_type=client_credentials"

tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope" "$good_grant"
is_st 200 "token: the demo credentials get 200"
jtrue "token: token_type is Bearer" '.token_type == "Bearer"'
jtrue "token: access_token is a non-empty string" \
    '(.access_token | type) == "string" and (.access_token | length) > 0'
jtrue "token: expires_in is about the default lifetime of 3600 s" \
    '(.expires_in | tonumber) >= 3500 and (.expires_in | tonumber) <= 3600'
jtrue "token: no refresh_token in the client-credentials flow" \
    'has("refresh_token") | not'
like "$(hdr Content-Type)" application/json "token: answer is application/json"
first=$(jb .access_token)
case $first in
*"$GS_CLIENT_SECRET"*) not_ok "token: the token does not contain the secret" ;;
*) ok "token: the token does not contain the secret" ;;
esac

tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope" "$good_grant"
second=$(jb .access_token)
printf 'Authorization: Bearer %s\n' "$second" >"$T/auth"
call GET "/v1.0/users?\$top=1"
is_st 200 "token: a second token works too"

raw GET /_graphsim/tenant
tenant_id=$(jb .tenantId)
domain=$(jb .domain)
tok "$tenant_id" "$good_id" "$good_secret" "$good_scope" "$good_grant"
is "$st $(jb '.token_type')" "200 Bearer" "token: the tenant GUID names the tenant"
tok "$domain" "$good_id" "$good_secret" "$good_scope" "$good_grant"
is "$st $(jb '.token_type')" "200 Bearer" \
    "token: the tenant's domain name names the tenant (5.1)"

tok "$GS_TENANT" "$good_id" "$good_secret" \
    "scope=$GS_URL/.default" "$good_grant"
is "$st $(jb '.token_type')" "200 Bearer" \
    "token: the emulator's own root/.default is an accepted scope"

raw POST "/$GS_TENANT/oauth2/v2.0/token" -u "$GS_CLIENT_ID:$GS_CLIENT_SECRET" \
    --data-urlencode "$good_scope" --data-urlencode "$good_grant"
is "$st $(jb '.token_type')" "200 Bearer" \
    "token: the secret may come in an HTTP Basic header instead (5.1)"

tok "$GS_TENANT" "$good_id" "$good_secret" \
    "scope=https://example.com/.default" "$good_grant"
is "$(oauth_err)" "400 invalid_scope" "token: a foreign scope gives 400 invalid_scope"
jtrue "token: invalid_scope carries error_codes [70011] (5.1)" \
    '.error_codes | index([70011]) != null'
jtrue "token: the error has error_description, timestamp, trace_id, correlation_id" \
    '(.error_description | type) == "string" and has("timestamp") and
     has("trace_id") and has("correlation_id")'
tok "$GS_TENANT" "$good_id" "$good_secret" "$good_grant"
is "$(oauth_err)" "400 invalid_scope" "token: a missing scope gives 400 invalid_scope"
tok "$GS_TENANT" "$good_id" "$good_secret" \
    "scope=https://graph.microsoft.com/User.Read" "$good_grant"
is "$(oauth_err)" "400 invalid_scope" \
    "token: a delegated scope with client credentials gives 400 invalid_scope"

tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope" \
    "grant_type=password"
is "$(oauth_err)" "400 unsupported_grant_type" \
    "token: grant_type=password gives 400 unsupported_grant_type"
tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope"
is "$(oauth_err)" "400 invalid_request" \
    "token: a missing grant_type gives 400 invalid_request"

tok "$GS_TENANT" "client_id=11111111-2222-4333-8444-555555555555" \
    "$good_secret" "$good_scope" "$good_grant"
is "$(oauth_err)" "400 unauthorized_client" \
    "token: an unknown client id gives 400 unauthorized_client"

tok "$GS_TENANT" "$good_id" "client_secret=not-the-secret" "$good_scope" \
    "$good_grant"
is "$(oauth_err)" "401 invalid_client" "token: a wrong secret gives 401 invalid_client"
unlike "$(cat "$T/body")" not-the-secret "token: the error does not echo the secret"
tok "$GS_TENANT" "$good_id" "$good_scope" "$good_grant"
is "$(oauth_err)" "401 invalid_client" "token: a missing secret gives 401 invalid_client"

tok no-such-tenant "$good_id" "$good_secret" "$good_scope" "$good_grant"
is "$(oauth_err)" "400 invalid_request" "token: an unknown tenant gives 400 invalid_request"
tok 11111111-2222-4333-8444-555555555555 "$good_id" "$good_secret" \
    "$good_scope" "$good_grant"
is "$(oauth_err)" "400 invalid_request" \
    "token: an unknown tenant GUID gives 400 invalid_request"

# Bearer tokens on Graph routes.
user=$(curl -s -H "@$T/auth" "$GS_URL/v1.0/users?\$select=id&\$top=1" |
    jq -r '.value[0].id')
raw GET "/v1.0/users/$user/presence"
is_err 401 InvalidAuthenticationToken "token: no Authorization header gives 401"
raw POST /v1.0/communications/getPresencesByUserId \
    -H 'Content-Type: application/json' --data-binary "{\"ids\":[\"$user\"]}"
is_err 401 InvalidAuthenticationToken \
    "token: getPresencesByUserId without a token gives 401"
raw GET "/beta/users/$user/presence" -H 'Authorization: Bearer'
is_err 401 InvalidAuthenticationToken "token: an empty bearer gives 401"
raw GET "/v1.0/users/$user/presence" -H 'Authorization: Bearer forged.token.value'
is_err 401 InvalidAuthenticationToken "token: a forged token gives 401"
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer ${first}x"
is_err 401 InvalidAuthenticationToken "token: a token with a byte appended gives 401"
tampered=$(printf '%s' "$first" | sed 's/^\(.\)\(.\)/\2\1/')
if [ "$tampered" = "$first" ]; then
    tampered=$(printf '%s' "$first" | sed 's/.$/#/')
fi
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer $tampered"
is_err 401 InvalidAuthenticationToken "token: a token with bytes swapped gives 401"
raw GET "/v1.0/users/$user/presence" \
    -u "$GS_CLIENT_ID:$GS_CLIENT_SECRET"
is_err 401 InvalidAuthenticationToken "token: Basic credentials on Graph give 401"
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer $first"
is_st 200 "token: the first token still works"
raw GET "/beta/users/$user/presence" -H "Authorization: Bearer $first"
is_st 200 "token: the token works on /beta too"
raw GET "/v1.0/users" -H "Authorization: Bearer $first"
is_st 200 "token: the token works on the directory routes"

# Expiry, with a 2-second lifetime and the emulator's clock.
gs_stop
gs_start --token-lifetime 2
tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope" "$good_grant"
short=$(jb .access_token)
jtrue "token: --token-lifetime 2 gives expires_in <= 2" \
    '(.expires_in | tonumber) <= 2 and (.expires_in | tonumber) >= 1'
user=$(curl -s -H "Authorization: Bearer $short" \
    "$GS_URL/v1.0/users?\$select=id&\$top=1" | jq -r '.value[0].id')
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer $short"
is_st 200 "token: a short-lived token works before it expires"
advance 5
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer $short"
is_err 401 InvalidAuthenticationToken "token: an expired token gives 401"
raw POST /v1.0/communications/getPresencesByUserId \
    -H "Authorization: Bearer $short" -H 'Content-Type: application/json' \
    --data-binary "{\"ids\":[\"$user\"]}"
is_err 401 InvalidAuthenticationToken \
    "token: an expired token gives 401 on getPresencesByUserId"
tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope" "$good_grant"
fresh=$(jb .access_token)
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer $fresh"
is_st 200 "token: a new token after expiry works"

gs_stop
gs_start --users 200
tok "$GS_TENANT" "$good_id" "$good_secret" "$good_scope" "$good_grant"
raw GET "/v1.0/users/$user/presence" -H "Authorization: Bearer $fresh"
is_err 401 InvalidAuthenticationToken \
    "token: a token of another graphsim process is refused"

done_testing
