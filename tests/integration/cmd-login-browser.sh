#!/bin/sh
# teamtop login --browser: the authorization code grant with PKCE on a
# loopback redirect, where Conditional Access blocks device code. A test
# client (curl) plays the browser: it opens the address teamtop prints and
# follows graphsim's redirect back to teamtop's listener.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 20 --block-device-code
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan_lazy

unset AZURE_CLIENT_SECRET
upn=$(gs_user 7 userPrincipalName)
id=$(gs_user 7 id)
name=$(gs_user 7 displayName)
store=$T/state/teamtop/refresh-token.json
: >"$T/seen"

# browser_start: start teamtop login --browser in the background; sets $lp.
browser_start() {
    : >"$T/lo.out"
    : >"$T/lo.err"
    "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" \
        --log "$T/teamtop.log" login --browser >"$T/lo.out" 2>"$T/lo.err" &
    lp=$!
}

# shown_url: the address teamtop asks to open, alone on an indented line.
shown_url() {
    sed -n 's/^    \(http[^ ]*\)$/\1/p' "$T/lo.out" | head -n 1
}

# has_url: has teamtop shown the address yet?
has_url() {
    [ -n "$(shown_url)" ]
}

# param NAME URL: a query parameter of URL, still percent-encoded.
param() {
    printf '%s\n' "$2" | sed -n "s/.*[?&]$1=\\([^&]*\\).*/\\1/p"
}

# login_wait SECONDS: wait for teamtop to end; sets $rc; keeps its output.
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

gs_reset
browser_start
check "browser: shows the address to open" wait_for 10 has_url
url=$(shown_url)
like "$url" "$GS_URL/$GS_TENANT/oauth2/v2.0/authorize?" "browser: the tenant's authorization endpoint"
like "$url" "code_challenge_method=S256" "browser: with a PKCE challenge (S256)"
like "$url" "response_type=code" "browser: for the authorization code grant"
port=$(param redirect_uri "$url" | sed -n 's/.*%3A\([0-9]*\)%2F$/\1/p')
like "$(param redirect_uri "$url")" "http%3A%2F%2Flocalhost%3A$port%2F" \
    "browser: the redirect comes back to localhost on a free port"
like "$(cat "$T/lo.out")" "ssh -L $port:127.0.0.1:$port" "browser: and says how to forward it over SSH"
state=$(param state "$url")

# Something else on the port is answered and ignored.
got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/favicon.ico")
is "$got" 404 "listener: another path is answered 404"
got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "http://127.0.0.1:$port/?code=forged&state=not-$state")
is "$got" 400 "listener: a code with another state is refused (400)"
check "listener: and teamtop keeps waiting" kill -0 "$lp"

# The browser: sign in as upn, follow the redirect to teamtop.
final=$(curl -s -L --max-time 20 -o "$T/page" -w '%{url_effective}' \
    "$url&login_hint=$upn")
code=$(param code "$final")
like "$final" "http://localhost:$port/?code=" "browser: graphsim redirected back to teamtop with a code"
like "$(cat "$T/page")" "Signed in to teamtop. You can close this window." \
    "browser: the browser is told it is done"
login_wait 15
is "$rc" 0 "browser: teamtop login --browser exits 0"
like "$(cat "$T/lo.out")" "Signed in as $name <$upn>." "browser: says who signed in"
check "browser: the refresh token is kept" test -s "$store"
is "$(stat -c %a "$store")" 600 "browser: 0600"
is "$(gs_count "GET /{tenant}/oauth2/v2.0/authorize")" 1 "browser: one authorization request"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/token")" 1 \
    "browser: one token request, the code redeemed with the verifier (graphsim checks it)"
is "$(gs_count "POST /{tenant}/oauth2/v2.0/devicecode")" 0 "browser: no device code"

tt --log "$T/teamtop.log" me --json
cat "$T/out" "$T/err" >>"$T/seen"
is "$rc" 0 "browser: then teamtop me signs in silently"
is "$(jq -r '.value[0].id' "$T/out")" "$id" "browser: as that user"
rt=$(jq -r .refresh_token "$store")

# The user cancels in the browser.
browser_start
wait_for 10 has_url
state=$(param state "$(shown_url)")
port=$(param redirect_uri "$(shown_url)" | sed -n 's/.*%3A\([0-9]*\)%2F$/\1/p')
curl -s --max-time 5 -o "$T/page" \
    "http://localhost:$port/?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.&state=$state"
login_wait 15
is "$rc" 3 "cancelled: exits 3"
like "$(cat "$T/lo.err")" "the sign-in was cancelled: the user declined it (access_denied, AADSTS65004" \
    "cancelled: says so, with the error and AADSTS code"
like "$(cat "$T/page")" "The sign-in to teamtop failed" "cancelled: and tells the browser"
check "cancelled: the stored sign-in is left as it was" \
    test "$(jq -r .refresh_token "$store")" = "$rt"

# No code, verifier or token in any output or the log.
cat "$T/seen" "$T/teamtop.log" >"$T/all"
for s in "$code" "$rt"; do
    if grep -qF "$s" "$T/all"; then
        not_ok "secrets: a code or refresh token appears in an output or the log"
    else
        ok "secrets: the code and the refresh token are in no output and not in the log"
    fi
done
long=$(grep -v 'code_challenge=' "$T/all" | grep -Eo '[A-Za-z0-9_-]{40,}' | head -n 3)
is "$long" "" "secrets: nothing like a verifier or a token in any output or the log"

done_testing
