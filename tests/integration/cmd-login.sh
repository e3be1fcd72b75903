#!/bin/sh
# teamtop login (device code), the stored refresh token and teamtop logout,
# driven by reading the code from teamtop's output and approving it through
# graphsim's control endpoint: signed in, denied, expired, slowed down,
# blocked by Conditional Access; a restart signs in silently and rotates the
# refresh token; a revoked one gives one message and exit 3; a token file
# others can read is refused; no token or code ever reaches an output or
# the log.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 20 --device-interval 1
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan_lazy

# Delegated: no application credential at all.
unset AZURE_CLIENT_SECRET
upn=$(gs_user 2 userPrincipalName)
id=$(gs_user 2 id)
name=$(gs_user 2 displayName)
store=$T/state/teamtop/refresh-token.json

# login_start: start teamtop login in the background, with its output in
# $T/lo.out and $T/lo.err; sets $lp.
login_start() {
    : >"$T/lo.out"
    : >"$T/lo.err"
    "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" \
        --log "$T/teamtop.log" login >"$T/lo.out" 2>"$T/lo.err" &
    lp=$!
}

# shown_code: the user code as teamtop shows it, alone on an indented line.
shown_code() {
    sed -n 's/^    \([A-Z0-9][A-Z0-9]*\)$/\1/p' "$T/lo.out" | head -n 1
}

# has_code: has teamtop shown the code yet?
has_code() {
    [ -n "$(shown_code)" ]
}

# login_wait SECONDS: wait for teamtop login to end; sets $rc. Its output
# is kept in $T/seen.
login_wait() {
    # shellcheck disable=SC2016 # $1 is the inner shell's.
    if wait_for "$1" sh -c 'kill -0 "$1" 2>/dev/null && exit 1; exit 0' \
        sh "$lp"; then
        wait "$lp"
        rc=$?
    else
        kill "$lp" 2>/dev/null
        wait "$lp" 2>/dev/null
        rc=timeout
    fi
    cat "$T/lo.out" "$T/lo.err" >>"$T/seen"
}

# t ARGS...: tt with the debug log, its output kept in $T/seen.
t() {
    tt --log "$T/teamtop.log" "$@"
    cat "$T/out" "$T/err" >>"$T/seen"
}

# control ACTION BODY: POST to /_graphsim/devicecode/ACTION.
control() {
    gs_post "/_graphsim/devicecode/$1" "$2" >/dev/null
}

# Signed in.
gs_reset
login_start
check "login: shows a code to enter" wait_for 10 has_code
code=$(shown_code)
like "$(cat "$T/lo.out")" "https://microsoft.com/devicelogin" \
    "login: and the page to enter it on (readable over SSH: plain lines)"
like "$(cat "$T/lo.out")" "expires in 15 minutes" "login: and how long the code lasts"
is "$(grep -c "$(printf '\033')" "$T/lo.out")" 0 "login: no escape sequences in the output"
listed=$(gs_control /_graphsim/devicecode | jq -r '.value[].user_code')
is "$listed" "$code" "login: the code shown is the one graphsim issued"
control approve "{\"user_code\":\"$code\",\"user\":\"$upn\"}"
login_wait 15
is "$rc" 0 "login: exits 0 once the code is approved"
like "$(cat "$T/lo.out")" "Signed in as $name <$upn>." "login: says who signed in"
check "login: the refresh token is kept in the state directory" test -s "$store"
is "$(stat -c %a "$store")" 600 "login: in a file only its owner may read (0600)"
is "$(stat -c %a "$T/state/teamtop")" 700 "login: in a directory only its owner may enter (0700)"
scope=$(gs_control /_graphsim/refresh | jq -r ".value[] | select(.user == \"$upn\") | .scope")
is "$scope" "Presence.Read.All Presence.ReadWrite User.ReadBasic.All GroupMember.Read.All" \
    "login: consent was asked for exactly teamtop's four permissions"
polls=$(gs_count "POST /{tenant}/oauth2/v2.0/token")
check "login: it polled at least once, and not more than once a second ($polls)" \
    test "$polls" -ge 1 -a "$polls" -le 3
rt1=$(jq -r .refresh_token "$store")

# A restart signs in silently, with the stored token, and rotates it.
gs_reset
t me --json
is "$rc" 0 "restart: teamtop me exits 0 with the stored sign-in"
is "$(jq -r '.value[0].id' "$T/out")" "$id" "restart: and shows the signed-in user's presence"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/devicecode")" 0 "restart: no device code was asked for"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/token")" 1 "restart: one refresh token request"
is "$(gs_count "GET /me/presence")" 1 "restart: one GET /me/presence"
rt2=$(jq -r .refresh_token "$store")
check "restart: the refresh token was rotated (the new one is stored)" \
    test -n "$rt2" -a "$rt2" != "$rt1"
uses=$(gs_control /_graphsim/refresh |
    jq -r "[.value[] | select(.user == \"$upn\") | .uses] | add")
is "$uses" 1 "restart: graphsim saw the first refresh token used once"
is "$(stat -c %a "$store")" 600 "restart: the rotated file is 0600 too"
t me
is "$rc" 0 "restart: the rotated token works in turn"
# last_scope: the permissions of the access token graphsim gave last.
last_scope() {
    gs_control /_graphsim/refresh |
        jq -r '[.value[] | select(.uses > 0)] | sort_by(.lastUsed) | last | .lastScope'
}
is "$(last_scope)" "Presence.Read.All" "least: teamtop me asks for Presence.Read.All only"

# Other commands ask for their own access tokens, from the same sign-in.
t get "$upn" --json
is "$rc" 0 "restart: teamtop get works with the delegated sign-in"
is "$(last_scope)" "Presence.Read.All User.ReadBasic.All" \
    "least: teamtop get asks for Presence.Read.All and User.ReadBasic.All"
t set "$(gs_user 3 userPrincipalName)" --availability Away --activity Away
is "$rc" 1 "restart: writing someone else's presence is refused (exit 1)"
like "$(cat "$T/err")" "you may write only your own presence" \
    "restart: saying what the delegated permission allows"
like "$(cat "$T/err")" "Presence.ReadWrite.All" "restart: and what would allow it"
t set "$upn" --availability Away --activity Away
is "$rc" 0 "restart: writing one's own presence works"
is "$(last_scope)" "Presence.ReadWrite User.ReadBasic.All" \
    "least: teamtop set asks for Presence.ReadWrite and User.ReadBasic.All"
is "$(gs_state "$id" | jq -r '.sessions[] | select(.kind == "app") | .activity')" Away \
    "restart: graphsim has the session"
rt3=$(jq -r .refresh_token "$store")

# The file must stay private.
chmod 644 "$store"
gs_reset
t me
is "$rc" 3 "private: a token file others can read is refused with exit 3"
like "$(cat "$T/err")" "readable or writable by others (mode 644); run chmod 600" \
    "private: saying how to fix it"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/token")" 0 "private: and the token is not sent"
chmod 600 "$store"

# Another tenant's or application's sign-in is never sent elsewhere.
gs_reset
t --tenant "$(gs_control /_graphsim/tenant | jq -r .domain)" me
is "$rc" 3 "bound: a sign-in kept for another tenant name is not used"
like "$(cat "$T/err")" "for another application, tenant or cloud" "bound: and says why"
t --client-id 11111111-2222-4333-8444-555555555555 me
is "$rc" 3 "bound: nor one kept for another application"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/token")" 0 "bound: and it is not sent"

# A revoked refresh token: one clear message, exit 3, no loop.
gs_post /_graphsim/refresh/revoke "{\"user\":\"$upn\"}" >/dev/null
gs_reset
t me
is "$rc" 3 "revoked: teamtop me exits 3"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "revoked: with one message"
like "$(cat "$T/err")" "sign in again with teamtop login" "revoked: saying to sign in again"
like "$(cat "$T/err")" "AADSTS50173" "revoked: with the server's code"
like "$(cat "$T/err")" "correlation id" "revoked: and its correlation id"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/token")" 1 "revoked: after one token request"
is "$(gs_count "GET /me/presence")" 0 "revoked: and no Graph request"
t get "$upn"
is "$rc" 3 "revoked: every command exits 3 with it"

# Denied.
login_start
check "denied: the code is shown" wait_for 10 has_code
control deny "{\"user_code\":\"$(shown_code)\",\"user\":\"$upn\"}"
login_wait 15
is "$rc" 3 "denied: exits 3"
like "$(cat "$T/lo.err")" "the sign-in was cancelled: the user declined it" "denied: says so"
like "$(cat "$T/lo.err")" "authorization_declined" "denied: with the error"
login_start
wait_for 10 has_code
control deny "{\"user_code\":\"$(shown_code)\",\"error\":\"access_denied\"}"
login_wait 15
is "$rc" 3 "denied: access_denied exits 3 too"
like "$(cat "$T/lo.err")" "declined it (access_denied" "denied: and says so"
check "denied: the stored sign-in is left as it was" \
    test "$(jq -r .refresh_token "$store")" = "$rt3"

# Polled too fast: the server says slow_down, teamtop polls 5 s less often.
login_start
wait_for 10 has_code
code=$(shown_code)
control slow_down "{\"user_code\":\"$code\"}"
check "slow_down: teamtop says it polls less often" \
    wait_for 10 grep -q "poll less often: now every 6 s" "$T/lo.err"
before=$(gs_control /_graphsim/devicecode | jq -r ".value[] | select(.user_code == \"$code\") | .polls")
sleep 3
after=$(gs_control /_graphsim/devicecode | jq -r ".value[] | select(.user_code == \"$code\") | .polls")
is "$after" "$before" "slow_down: no poll within the next 3 s"
control approve "{\"user_code\":\"$code\",\"user\":\"$upn\"}"
login_wait 20
is "$rc" 0 "slow_down: the sign-in then completes"
too_fast=$(gs_control /_graphsim/devicecode | jq -r '[.value[].too_fast] | add // 0')
is "$too_fast" 0 "slow_down: graphsim never saw a poll too soon"

# Expired.
gs_stop
gs_start --users 20 --device-interval 1 --device-expiry 3
login_start
check "expired: the code is shown" wait_for 10 has_code
like "$(cat "$T/lo.out")" "expires in 3 seconds" "expired: with its short life"
login_wait 15
is "$rc" 3 "expired: exits 3"
like "$(cat "$T/lo.err")" "the code expired before the sign-in was completed" \
    "expired: says so"

# Blocked by Conditional Access.
gs_stop
gs_start --users 20 --device-interval 1 --block-device-code
login_start
wait_for 10 has_code
control approve "{\"user_code\":\"$(shown_code)\",\"user\":\"$upn\"}"
login_wait 15
is "$rc" 3 "blocked: exits 3"
like "$(cat "$T/lo.err")" "Conditional Access policy blocks signing in with a device code" \
    "blocked: says device code is blocked, in words"
like "$(cat "$T/lo.err")" "teamtop login --browser" "blocked: and names --browser"
like "$(cat "$T/lo.err")" "AADSTS53003" "blocked: with the server's code"

gs_stop
gs_start --users 20 --device-interval 1

# Modes.
t --auth app get "$upn"
is "$rc" 2 "auth: --auth app without a secret is a configuration error"
like "$(cat "$T/err")" "--auth delegated" "auth: naming the way to sign in as oneself"
t --auth neither me
is "$rc" 2 "auth: --auth takes app or delegated only"
like "$(cat "$T/err")" "auth: expected \"app\" or \"delegated\", not 'neither'" \
    "auth: and says so"
AZURE_CLIENT_SECRET=$GS_CLIENT_SECRET
export AZURE_CLIENT_SECRET
t login
is "$rc" 2 "auth: with a client secret, login says teamtop signs in as the app"
like "$(cat "$T/err")" "add --auth delegated" "auth: and how to sign in as oneself"
t me
is "$rc" 2 "auth: with a client secret the default is the app, which /me refuses"
t --auth delegated me
is "$rc" 3 "auth: --auth delegated beats the secret (a sign-in of another graphsim)"
like "$(cat "$T/err")" "run teamtop login" "auth: and uses the stored sign-in"
unset AZURE_CLIENT_SECRET

# Refusals of the sign-in itself, in words.
t --tenant nosuch.example login
is "$rc" 3 "refused: an unknown tenant exits 3"
like "$(cat "$T/err")" "the tenant is wrong: no such tenant (check tenant, and cloud) (invalid_request, AADSTS90002, correlation id " \
    "refused: and says the tenant is wrong, with the code and correlation id"
t --client-id 11111111-2222-4333-8444-555555555555 login
is "$rc" 3 "refused: an unknown application exits 3"
like "$(cat "$T/err")" "the application is unknown" "refused: and says so"

# Logout.
t logout
is "$rc" 0 "logout: exits 0"
like "$(cat "$T/out")" "Signed out: $store is removed." "logout: says what it removed"
check "logout: the file is gone" test ! -e "$store"
t logout
is "$rc" 0 "logout: again exits 0"
like "$(cat "$T/out")" "Not signed in" "logout: and says there was nothing"
t me
is "$rc" 3 "logout: then teamtop me exits 3"
like "$(cat "$T/err")" "not signed in: run teamtop login" "logout: saying to sign in"

# No token, code or refresh token in any output or the log.
cat "$T/seen" "$T/teamtop.log" >"$T/all" 2>/dev/null
check "secrets: the debug log was written" test -s "$T/teamtop.log"
for s in "$rt1" "$rt2" "$rt3"; do
    if grep -qF "$s" "$T/all"; then
        not_ok "secrets: a refresh token appears in an output or the log"
    else
        ok "secrets: a refresh token appears in no output and not in the log"
    fi
done
# Device codes, refresh tokens and JWT parts are long base64url runs.
long=$(grep -Eo '[A-Za-z0-9_-]{40,}' "$T/all" | head -n 3)
is "$long" "" "secrets: nothing like a device code or a token in any output or the log"

done_testing
