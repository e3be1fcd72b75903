#!/bin/sh
# graphsim conformance: delegated sign-in. The device authorization grant
# and its polling, refresh tokens, the authorization code grant with PKCE,
# and Conditional Access blocking device code (graph-presence-api.md
# sections 5.3 and 5.4; graphsim(1) AUTHENTICATION).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

gs_start --device-interval 1
user=$(gs_upn 1)
user2=$(gs_upn 2)

# form PATH FIELD=VALUE...: POST a form to a sign-in endpoint of the tenant.
form() {
    fm_p=$1
    shift
    set -- "$@" END
    while [ "$1" != END ]; do
        set -- "$@" --data-urlencode "$1"
        shift
    done
    shift
    raw POST "/$GS_TENANT/oauth2/v2.0/$fm_p" "$@"
}

# oauth_err: "STATUS error AADSTS" of the last answer.
oauth_err() {
    echo "$st $(jb '.error // "-"') $(jb '.error_codes[0] // "-"')"
}

# devicecode SCOPE: ask for a device code; sets $dc and $uc.
devicecode() {
    form devicecode "client_id=$GS_CLIENT_ID" "scope=$1"
    dc=$(jb .device_code)
    uc=$(jb .user_code)
}

# poll: poll the token endpoint once with $dc.
poll() {
    form token "client_id=$GS_CLIENT_ID" "grant_type=$GS_DEVICE_GRANT" \
        "device_code=$dc"
}

# control ACTION BODY: POST to /_graphsim/devicecode/ACTION.
control() {
    raw POST "/_graphsim/devicecode/$1" -H 'Content-Type: application/json' \
        --data-binary "$2"
}

scope='offline_access https://graph.microsoft.com/Presence.Read.All Presence.ReadWrite'

# The device authorization endpoint.
devicecode "$scope"
is_st 200 "device: POST /{tenant}/oauth2/v2.0/devicecode gives 200"
# shellcheck disable=SC2016 # $o is jq's.
jtrue "device: the answer has device_code, user_code, verification_uri, expires_in, interval, message (5.3)" \
    '(.device_code | type) == "string" and (.user_code | type) == "string" and
     (.verification_uri | type) == "string" and .expires_in == 900 and
     .interval == 1 and (. as $o | $o.message | contains($o.user_code))'
jtrue "device: no verification_uri_complete (5.3)" \
    'has("verification_uri_complete") | not'
like "$uc" "" "device: the user code is a string"
is "$(printf '%s' "$uc" | tr -d 'A-Z0-9' | wc -c | tr -d ' ')" 0 \
    "device: the user code is letters and digits, for reading out"

form devicecode "client_id=$GS_CLIENT_ID"
is "$(oauth_err)" "400 invalid_request 900144" "device: no scope gives 400 invalid_request"
form devicecode "client_id=$GS_CLIENT_ID" "scope=Presence.Fly"
is "$(oauth_err)" "400 invalid_scope 70011" "device: an unknown scope gives 400 invalid_scope"
form devicecode "client_id=$GS_CLIENT_ID" "scope=offline_access openid"
is "$(oauth_err)" "400 invalid_scope 70011" \
    "device: scopes without a Graph permission give 400 invalid_scope"
form devicecode "client_id=11111111-2222-4333-8444-555555555555" "scope=$scope"
is "$(oauth_err)" "400 unauthorized_client 700016" \
    "device: an unknown client id gives 400 unauthorized_client"
raw POST "/no-such-tenant/oauth2/v2.0/devicecode" \
    --data-urlencode "client_id=$GS_CLIENT_ID" --data-urlencode "scope=$scope"
is "$(oauth_err)" "400 invalid_request 90002" "device: an unknown tenant gives 400 (90002)"

# Polling.
devicecode "$scope"
poll
is "$(oauth_err)" "400 authorization_pending 70016" \
    "poll: before sign-in the answer is authorization_pending (5.3)"
poll
is "$(oauth_err)" "400 slow_down -" \
    "poll: polling again at once answers slow_down (RFC 8628), no AADSTS number"
raw GET /_graphsim/devicecode
jtrue "control: GET /_graphsim/devicecode lists the code with expires_in" \
    "[.value[] | select(.user_code == \"$uc\")] | length == 1 and
     (.[0].expires_in | type) == \"number\" and .[0].state == \"pending\""
jtrue "control: slow_down added 5 s to the code's interval and counted one poll too fast" \
    ".value[] | select(.user_code == \"$uc\") | .interval == 6 and .too_fast == 1"
unlike "$(cat "$T/body")" "$dc" "control: the listing never shows the device code"

control approve "{\"user_code\":\"$uc\"}"
is_err 400 BadRequest "control: approve without a user gives 400"
control approve "{\"user_code\":\"$uc\",\"user\":\"nobody@example.com\"}"
is_err 404 NotFound "control: approve for nobody gives 404"
control approve '{"user_code":"NOSUCHCOD","user":"x"}'
is_st 404 "control: approve of an unknown code gives 404"
control approve "{\"user_code\":\"$(printf '%s' "$uc" | tr '[:upper:]' '[:lower:]')\",\"user\":\"$user\"}"
is "$st $(jb .state)" "200 approved" "control: approve takes the user code in any case"
sleep 6
poll
is_st 200 "poll: after approval (and the longer interval) the answer is 200"
jtrue "poll: the answer has a bearer access token, expires_in and a refresh token (offline_access)" \
    '.token_type == "Bearer" and (.access_token | length) > 20 and
     (.expires_in | type) == "number" and (.refresh_token | length) > 20'
is "$(jb .scope)" "Presence.Read.All Presence.ReadWrite" \
    "poll: scope lists the Graph permissions granted, in short form"
rt=$(jb .refresh_token)
at=$(jb .access_token)
poll
is "$(oauth_err)" "400 invalid_grant 54005" "poll: a redeemed code cannot be redeemed again"
raw GET /_graphsim/devicecode
jtrue "control: a redeemed code is no longer listed" \
    "[.value[] | select(.user_code == \"$uc\")] | length == 0"

devicecode "Presence.Read"
control approve "{\"user_code\":\"$uc\",\"user\":\"$user\"}"
poll
jtrue "poll: without offline_access there is no refresh token (5.3)" \
    'has("refresh_token") | not'

devicecode "$scope"
control deny "{\"user_code\":\"$uc\",\"user\":\"$user\"}"
is "$st $(jb .state)" "200 denied" "control: deny answers the code's new state"
poll
is "$(oauth_err)" "400 authorization_declined 65004" \
    "poll: a denied code answers authorization_declined (Microsoft's table)"
devicecode "$scope"
control deny "{\"user_code\":\"$uc\",\"error\":\"access_denied\"}"
poll
is "$(oauth_err)" "400 access_denied 65004" \
    "poll: deny with error access_denied answers RFC 8628's access_denied"
control deny "{\"user_code\":\"$uc\",\"error\":\"nope\"}"
is_st 400 "control: deny with an error other than the two gives 400"
control deny "{\"user_code\":\"$uc\"}"
is_st 404 "control: a code already denied is no longer pending"

devicecode "$scope"
control slow_down "{\"user_code\":\"$uc\"}"
poll
is "$(oauth_err)" "400 slow_down -" "control: slow_down makes the next poll answer slow_down"
raw GET /_graphsim/devicecode
jtrue "control: an induced slow_down is not counted as a poll too fast" \
    ".value[] | select(.user_code == \"$uc\") | .interval == 6 and .too_fast == 0"

devicecode "$scope"
poll
advance 901
sleep 1
poll
is "$(oauth_err)" "400 expired_token 70019" \
    "poll: after expires_in on the internal clock the answer is expired_token"
control approve "{\"user_code\":\"$uc\",\"user\":\"$user\"}"
is_st 404 "control: an expired code cannot be approved"

# Conditional Access.
raw POST /_graphsim/conditionalaccess -H 'Content-Type: application/json' \
    --data-binary '{"block_device_code": true}'
is "$st $(jb .block_device_code)" "200 true" "ca: the switch turns on"
raw GET /_graphsim/conditionalaccess
is "$(jb .block_device_code)" true "ca: GET reads the switch back"
devicecode "$scope"
is_st 200 "ca: a device code is still issued when device code is blocked"
poll
is "$(oauth_err)" "400 authorization_pending 70016" "ca: and is pending until sign-in"
control approve "{\"user_code\":\"$uc\",\"user\":\"$user\"}"
sleep 1
poll
is "$(oauth_err)" "400 invalid_grant 53003" \
    "ca: after sign-in the poll answers invalid_grant AADSTS53003 (graphsim(1))"
like "$(jb .error_description)" "Conditional Access" \
    "ca: the description names Conditional Access"
raw POST /_graphsim/conditionalaccess -H 'Content-Type: application/json' \
    --data-binary '{"block_device_code": "yes"}'
is_st 400 "ca: a switch that is not a boolean gives 400"
raw POST /_graphsim/conditionalaccess -H 'Content-Type: application/json' \
    --data-binary '{"block_device_code": false}'
is "$st $(jb .block_device_code)" "200 false" "ca: the switch turns off"

# Refresh tokens.
refresh() {
    form token "client_id=$GS_CLIENT_ID" "grant_type=refresh_token" \
        "refresh_token=$1" ${2:+"scope=$2"}
}
refresh "$rt"
is_st 200 "refresh: grant_type=refresh_token gives 200 (5.4)"
rt2=$(jb .refresh_token)
jtrue "refresh: the answer has a new access token and a new refresh token" \
    "(.access_token | length) > 20 and .refresh_token != \"$rt\" and
     (.refresh_token | length) > 20"
is "$(jb .scope)" "Presence.Read.All Presence.ReadWrite" \
    "refresh: without scope the token has every scope consented to"
refresh "$rt2" "Presence.Read.All offline_access"
is "$st $(jb .scope)" "200 Presence.Read.All" \
    "refresh: a subset of the consented scopes narrows the access token"
rt3=$(jb .refresh_token)
refresh "$rt" "https://graph.microsoft.com/User.Read.All"
is "$(oauth_err)" "400 invalid_grant 65001" \
    "refresh: a scope not consented to gives invalid_grant (consent, 65001)"
refresh "$rt"
is_st 200 "refresh: an old refresh token still works after rotation (5.4)"
refresh "not-a-refresh-token"
is "$(oauth_err)" "400 invalid_grant 9002313" "refresh: an unknown refresh token gives invalid_grant"
form token "client_id=$GS_CLIENT_ID" "grant_type=refresh_token"
is "$(oauth_err)" "400 invalid_request 900144" "refresh: no refresh_token gives invalid_request"
raw GET /_graphsim/refresh
jtrue "control: GET /_graphsim/refresh lists the tokens by user, with uses" \
    "[.value[] | select(.user == \"$user\")] | length >= 3 and
     (map(.uses) | add) >= 3"
unlike "$(cat "$T/body")" "$rt" "control: the listing never shows a refresh token"

# A second user's token survives the revocation of the first's.
gs_signin "$user2" "$scope" "$T/u2"
raw POST /_graphsim/refresh/revoke -H 'Content-Type: application/json' \
    --data-binary "{\"user\":\"$user\"}"
is "$st $(jb '.revoked > 0')" "200 true" "control: revoke answers how many were revoked"
refresh "$rt3"
is "$(oauth_err)" "400 invalid_grant 50173" "refresh: a revoked refresh token gives invalid_grant (50173)"
refresh "$rt"
is "$(oauth_err)" "400 invalid_grant 50173" "refresh: revocation covers every token of the user"
refresh "$(jq -r .refresh_token "$T/u2.json")"
is_st 200 "refresh: another user's token is not revoked"
raw GET "/v1.0/me/presence" -H "Authorization: Bearer $at"
is_st 200 "refresh: access tokens already issued stay valid until they expire"

# The authorization code grant with PKCE.
verifier=M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary |
    base64 | tr '+/' '-_' | tr -d '=\n')
redirect=http://127.0.0.1:45678/
# authorize [EXTRA]: the authorization request; sets $loc to the redirect.
authorize() {
    raw GET "/$GS_TENANT/oauth2/v2.0/authorize?client_id=$GS_CLIENT_ID&response_type=code&redirect_uri=$redirect&scope=offline_access%20Presence.Read.All&state=s-42&code_challenge=$challenge&code_challenge_method=S256$1"
    loc=$(hdr Location)
    code=$(printf '%s' "$loc" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
}
redeem() {
    form token "client_id=$GS_CLIENT_ID" "grant_type=authorization_code" \
        "code=$code" "redirect_uri=${2:-$redirect}" "code_verifier=$1"
}
authorize "&login_hint=$user2"
is_st 302 "code: the authorization endpoint redirects"
like "$loc" "${redirect}?code=" "code: to the redirect URI with a code"
like "$loc" "state=s-42" "code: and the state"
redeem "${verifier}x"
is "$(oauth_err)" "400 invalid_grant 501481" "code: a wrong code_verifier is refused (PKCE)"
redeem "$verifier" http://127.0.0.1:45679/
is "$(oauth_err)" "400 invalid_grant 50011" "code: another redirect_uri is refused"
redeem "$verifier"
is_st 200 "code: the right code_verifier gets the tokens"
jtrue "code: with a refresh token (offline_access)" '(.refresh_token | length) > 20'
printf 'Authorization: Bearer %s\n' "$(jb .access_token)" >"$T/code.auth"
raw GET /v1.0/me/presence -H "@$T/code.auth"
user2_id=$(curl -s -H "Authorization: Bearer $(gs_token)" \
    "$GS_URL/v1.0/users/$user2" | jq -r .id)
is "$st $(jb .id)" "200 $user2_id" "code: the token is login_hint's user's"
redeem "$verifier"
is "$(oauth_err)" "400 invalid_grant 54005" "code: a code is redeemed once"
authorize ""
redeem ""
is "$(oauth_err)" "400 invalid_grant 501481" "code: a missing code_verifier is refused"
raw GET "/$GS_TENANT/oauth2/v2.0/authorize?client_id=$GS_CLIENT_ID&response_type=code&redirect_uri=$redirect&scope=Presence.Read&state=s"
like "$(hdr Location)" "error=invalid_request" "code: no code_challenge redirects with invalid_request"
raw GET "/$GS_TENANT/oauth2/v2.0/authorize?client_id=$GS_CLIENT_ID&response_type=code&redirect_uri=https://example.com/&scope=Presence.Read&code_challenge=$challenge&code_challenge_method=S256"
is "$(oauth_err)" "400 invalid_request 50011" "code: a redirect URI that is not loopback is refused"
authorize "&login_hint=nobody@example.com"
like "$loc" "error=access_denied" "code: an unknown login_hint redirects with access_denied"
authorize ""
advance 700
redeem "$verifier"
is "$(oauth_err)" "400 invalid_grant 70008" "code: a code expires after 10 minutes"

# A refresh token left unused for 90 days expires.
gs_signin "$user" "$scope" "$T/idle"
advance $((91 * 86400))
refresh "$(jq -r .refresh_token "$T/idle.json")"
is "$(oauth_err)" "400 invalid_grant 700082" "refresh: 90 days unused, the token expired (5.4)"

gs_stop
gs_start --block-device-code --device-interval 3 --device-expiry 60
raw GET /_graphsim/conditionalaccess
is "$(jb .block_device_code)" true "ca: --block-device-code starts with the switch on"
devicecode "$scope"
jtrue "device: --device-interval and --device-expiry set the answer" \
    '.interval == 3 and .expires_in == 60'

done_testing
