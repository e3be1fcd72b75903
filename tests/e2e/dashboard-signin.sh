#!/bin/sh
# Signing in as oneself in a terminal, as over SSH: teamtop login in tmux,
# the code read from the screen and approved through graphsim's control
# endpoint; then the dashboard starts signed in without asking again.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 13

gs_start --users 30 --device-interval 1
GS_TOKEN=$(gs_token)
upn() {
    # shellcheck disable=SC2016 # $select and $top are Graph's.
    gs_graph '/v1.0/users?$select=userPrincipalName&$top=999' |
        jq -r ".value[$1].userPrincipalName"
}
me=$(upn 4)
upn0=$(upn 0)
upn1=$(upn 1)

# screen_code: the code as the screen shows it, alone on an indented line.
screen_code() {
    tt_screen | sed -n 's/^    \([A-Z0-9][A-Z0-9]*\) *$/\1/p' | head -n 1
}
has_code() {
    [ -n "$(screen_code)" ]
}

# --auth delegated: the demo secret in the environment is not used.
tt_start --auth delegated
check "not signed in: the dashboard does not start" wait_for 10 tt_exited
is "$(cat "$T/exit") $(cat "$T/teamtop.err")" \
    "3 teamtop: not signed in: run teamtop login to sign in as yourself (or configure a client secret or certificate to sign in as the application)" \
    "not signed in: it says to run teamtop login, with status 3"
tt_tmux kill-server

tt_start --auth delegated login
check "login: the code is on the screen" wait_for 15 has_code
check "login: with the page to open" tt_has "https://microsoft.com/devicelogin"
gs_post /_graphsim/devicecode/approve \
    "{\"user_code\":\"$(screen_code)\",\"user\":\"$me\"}" >/dev/null
check "login: ends once the code is approved" wait_for 15 tt_exited
is "$(cat "$T/exit")" 0 "login: with status 0"
check "login: and says who signed in" tt_has "Signed in as "
check "login: the refresh token is kept, 0600" \
    test "$(stat -c %a "$T/state/teamtop/refresh-token.json")" = 600
tt_tmux kill-server

gs_post /_graphsim/stats/reset '{}' >/dev/null
tt_start --auth delegated --refresh 60 --user "$upn0" --user "$upn1"
check "dashboard: starts signed in and loads the roster" wait_for 15 tt_loaded 2
is "$(gs_count 'POST /{tenant}/oauth2/v2.0/devicecode')" 0 \
    "dashboard: without asking for a new sign-in"
check "dashboard: with access tokens from the stored refresh token" \
    test "$(gs_count 'POST /{tenant}/oauth2/v2.0/token')" -ge 1
is "$(gs_count 'POST /communications/getPresencesByUserId')" 1 \
    "dashboard: and reads presence as the user (Presence.Read.All)"
tt_keys q
check "dashboard: quits" wait_for 10 tt_exited
