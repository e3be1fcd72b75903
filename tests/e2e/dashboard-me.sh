#!/bin/sh
# Signed in as oneself in the dashboard: teamtop login driven in tmux (the
# code read from the screen and approved through graphsim's control
# endpoint), then the dashboard with one's own presence, status message
# and work location in the header, read once a refresh from /me/presence;
# the M form setting them, checked on graphsim's state and the header; a
# write to someone else explained, and not sent; M as the application.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 30 --device-interval 1
GS_TOKEN=$(gs_token)
# user N FIELD: a field of the Nth person of the directory (from 0).
user() {
    # shellcheck disable=SC2016 # $select and $top are Graph's.
    gs_graph '/v1.0/users?$select=id,displayName,userPrincipalName&$top=999' |
        jq -r ".value[$1].$2"
}
me=$(user 4 userPrincipalName)
me_id=$(user 4 id)
me_name=$(user 4 displayName)
upn0=$(user 0 userPrincipalName)
id0=$(user 0 id)
name0=$(user 0 displayName)
state() {
    gs_control "/_graphsim/users/$1"
}

# The screen's code: alone on an indented line.
screen_code() {
    tt_screen | sed -n 's/^    \([A-Z0-9][A-Z0-9]*\) *$/\1/p' | head -n 1
}
has_code() {
    [ -n "$(screen_code)" ]
}

tt_start --auth delegated login
check "login: the code is on the screen" wait_for 15 has_code
gs_post /_graphsim/devicecode/approve \
    "{\"user_code\":\"$(screen_code)\",\"user\":\"$me\"}" >/dev/null
check "login: ends once the code is approved" wait_for 15 tt_exited
is "$(cat "$T/exit")" 0 "login: with status 0"
tt_tmux kill-server

# One's own presence as Graph has it: busy in a call, a message, at the office.
gs_put_presence "$me_id" '{"availability":"Busy","activity":"InACall",
  "statusMessage":{"message":{"content":"On the \u001b[31msupport bridge","contentType":"text"}},
  "workLocation":{"workLocationType":"office","source":"manual"}}'
gs_post /_graphsim/stats/reset '{}' >/dev/null
# The first two reads of one's own presence are refused.
gs_post /_graphsim/faults '{"route":"GET /me/presence","count":2,
  "status":403,"code":"Forbidden"}' >/dev/null
tt_start --auth delegated --refresh 2 --user "$upn0" --user "$me"
header() {
    tt_screen | sed -n 1p
}
header_has() {
    header | grep -F -q -- "$1"
}
header_lacks() {
    ! header_has "$1"
}
check "header: says when one's own presence cannot be read, and why" \
    wait_for 15 header_has "You: not read: reading your own presence needs"
check "dashboard: starts signed in and loads the roster" wait_for 30 tt_loaded 2
check "header: one's own presence, in Graph's words and Teams'" \
    wait_for 10 header_has "Busy/InACall (In a call)"
check "header: the status message" header_has '"On the support bridge"'
is "$(header | grep -c '\[31m')" 0 "header: its escape sequence made inert"
check "header: the work location" header_has "office"
check "header: still counts the people" header_has "Busy"

# One GET /me/presence a refresh, no more.
gs_post /_graphsim/stats/reset '{}' >/dev/null
sleep 5
n=$(gs_count 'GET /me/presence')
r=$(gs_count 'POST /communications/getPresencesByUserId')
check "refresh: /me/presence read once a refresh ($n for $r refreshes)" \
    test "$n" -ge 1 -a "$n" -le "$r" -a "$n" -ge $((r - 1))
is "$(gs_count 'GET /me')" 0 "refresh: who is signed in is asked once, at start"

# Someone else's presence cannot be written signed in as oneself.
gs_post /_graphsim/stats/reset '{}' >/dev/null
tt_keys "/"
tt_keys -l "$name0"
tt_keys Enter
tt_keys p
check "others: p explains instead of opening the form" \
    wait_for 5 tt_has "Permission needed: nothing was sent"
check "others: naming the application permission that would" \
    tt_has "Presence.ReadWrite.All"
check "others: who is signed in" tt_has "signed in as $me_name <$me>"
check "others: and the permissions the token holds" \
    tt_has "with the delegated permissions Presence.Read.All,"
tt_keys q
tt_keys m
check "others: m too" wait_for 5 tt_has "Permission needed: nothing was sent"
tt_keys Escape
tt_keys c
check "others: c too" wait_for 5 tt_has "Permission needed: nothing was sent"
tt_keys Escape
sleep 1
is "$(gs_control /_graphsim/stats | jq '[.by_route | to_entries[] |
    select(.key | test("^POST /(users|me)/.*/?presence/"))] | length')" 0 \
    "others: graphsim received no write"
is "$(state "$id0" | jq '.sessions | map(select(.kind == "app")) | length')" 0 \
    "others: and has no session set"
tt_keys Escape

# M: one's own presence, status message and work location in one form.
tt_keys M
check "M: opens the form of one's own presence" \
    wait_for 5 tt_has "Your own presence: $me_name <$me>"
# Presence: as it is, then the pairs of setPresence: DoNotDisturb/Presenting
# is the 6th (it outranks the Teams session).
tt_keys 6
check "M: a pair shows its duration" wait_for 5 tt_has "For"
tt_keys Tab Tab Tab C-u
tt_keys -l "Back at 3"
tt_keys Tab Tab
# Location: as it is, office, remote, timeOff...
tt_keys 3 Tab
tt_keys -l "bldg-7"
tt_keys Tab 2 Enter
wait_state() {
    s=$(state "$me_id")
    [ "$(printf '%s' "$s" | jq -r '.workLocation.manual.workLocationType // ""')" = remote ]
}
check "M: work location reaches graphsim" wait_for 10 wait_state
is "$(printf '%s' "$s" | jq -r --arg c "$GS_CLIENT_ID" \
    '.sessions[] | select(.sessionId == $c) | .availability + "/" + .activity')" \
    "DoNotDisturb/Presenting" \
    "M: graphsim has the session of teamtop's client id, DoNotDisturb/Presenting"
is "$(printf '%s' "$s" | jq -r '.statusMessage.message.content')" "Back at 3" \
    "M: graphsim has the status message"
is "$(printf '%s' "$s" | jq -r '.workLocation.manual | .workLocationType + " " + .placeId')" \
    "remote bldg-7" "M: graphsim has the location for today, with the place"
is "$(gs_count 'POST /me/presence/setPresence') $(gs_count 'POST /me/presence/setStatusMessage') $(gs_count 'POST /me/presence/setManualLocation')" \
    "1 1 1" "M: each sent once, to /me/presence"
is "$(gs_count 'POST /me/presence/setUserPreferredPresence')" 0 \
    "M: what was left as it is is not sent"
check "M: the header follows" wait_for 10 header_has "DoNotDisturb/Presenting"
check "M: with the new message" header_has "Back at 3"
check "M: and location" header_has "remote"
tt_keys L
check "M: each outcome is in the log as other writes'" \
    wait_for 5 tt_has "setPresence for $me_name: done"
check "M: the status message's too" tt_has "setStatusMessage for $me_name: done"
check "M: and the location's, with what Graph shows" \
    tt_has "Graph shows the work location remote (manual)"
tt_keys q

# u undoes one's own status message, through /me/presence again.
tt_keys u
check "u: asks first" wait_for 5 tt_has "y undoes"
tt_keys y
restored() {
    state "$me_id" | jq -r '.statusMessage.message.content' |
        grep -q 'support bridge'
}
check "u: one's own status message is put back" wait_for 10 restored
is "$(gs_count 'POST /me/presence/setStatusMessage')" 2 \
    "u: sent to /me/presence, as the write it undoes"

# M again: a preferred presence for an hour, and today's location cleared.
gs_post /_graphsim/stats/reset '{}' >/dev/null
tt_keys M
check "M: opens again" wait_for 5 tt_has "Your own presence: $me_name <$me>"
# Preferred: as it is, Available/Available, Busy/Busy...; expiry 1 h.
tt_keys Tab 3 Tab Right Tab Tab 5 Enter
cleared() {
    s=$(state "$me_id")
    [ "$(printf '%s' "$s" | jq -r '.workLocation.manual')" = null ]
}
check "M: today's location cleared in graphsim" wait_for 10 cleared
is "$(printf '%s' "$s" | jq -r '.preferred | .availability + "/" + .activity')" \
    "Busy/Busy" "M: graphsim has the preferred presence"
is "$(gs_count 'POST /me/presence/setUserPreferredPresence') $(gs_count 'POST /me/presence/clearLocation') $(gs_count 'POST /me/presence/setPresence')" \
    "1 1 0" "M: only the preferred presence and the clear are sent"
check "M: the header shows the preferred presence, which outranks sessions" \
    wait_for 10 header_lacks "DoNotDisturb"
check "M: Busy (Busy/Busy, said once)" header_has "● Busy "
check "M: and no location" header_lacks "remote"

tt_keys q
check "dashboard: quits" wait_for 10 tt_exited
is "$(cat "$T/exit")" 0 "dashboard: with status 0"
grep -q . "$T/teamtop.err" && sed 's/^/# /' "$T/teamtop.err"
tt_tmux kill-server

# As the application, M says what it needs.
tt_start --refresh 60 --user "$upn0"
check "app: the dashboard loads" wait_for 30 tt_loaded 1
tt_keys M
check "app: M says it needs a delegated sign-in" \
    wait_for 5 tt_has "needs a delegated sign-in"
check "app: and how to get one" tt_has "login to sign in as yourself"
check "app: naming --auth delegated" tt_has "--auth"
check "app: no form" tt_lacks "as it is"
tt_keys Escape

# As the application, a write Graph refuses with 403 says what it needs.
gs_post /_graphsim/faults '{"route":"POST /users/{id}/presence/setStatusMessage",
  "status":403,"code":"Forbidden"}' >/dev/null
tt_keys m
check "app: m opens its form" wait_for 5 tt_has "Status message: $name0"
tt_keys C-u
tt_keys -l "Out to lunch"
tt_keys Enter
wait_for 5 tt_has "y sends" && tt_keys y
check "app: a 403 is explained with the permission that would allow it" \
    wait_for 10 tt_has "setStatusMessage for $name0 failed"
tt_keys L
check "app: the application permission Presence.ReadWrite.All, admin consent" \
    wait_for 5 tt_has "Presence.ReadWrite.All,"
tt_keys q q
check "app: quits" wait_for 10 tt_exited
is "$(cat "$T/exit")" 0 "app: with status 0"
grep -q . "$T/teamtop.err" && sed 's/^/# /' "$T/teamtop.err"
done_testing
