#!/bin/sh
# graphsim conformance: what a delegated token may do. /me is the
# signed-in user; reading others needs Presence.Read.All, writing needs
# Presence.ReadWrite and is for oneself; the directory needs its scopes;
# the work-location methods of /me (graph-presence-api.md sections 2.1,
# 2.9, 4.3 and 8).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

gs_start --users 200
auth_init
user=$(gs_upn 3)
other=$(gs_upn 4)
call GET "/v1.0/users/$user"
me=$(jb .id)
call GET "/v1.0/users/$other"
them=$(jb .id)

# as FILE METHOD PATH [BODY]: a request with the delegated header in FILE.
as() {
    as_f=$1
    as_m=$2
    as_p=$3
    shift 3
    if [ $# -gt 0 ] && [ -n "$1" ]; then
        raw "$as_m" "$as_p" -H "@$as_f" -H 'Content-Type: application/json' \
            --data-binary "$1"
    else
        raw "$as_m" "$as_p" -H "@$as_f"
    fi
}

gs_signin "$user" "Presence.Read" "$T/read"
gs_signin "$user" "Presence.Read.All" "$T/readall"
gs_signin "$user" "Presence.ReadWrite User.Read" "$T/rw"
gs_signin "$user" "User.ReadBasic.All GroupMember.Read.All" "$T/dir"

for v in v1.0 beta; do
    as "$T/read" GET "/$v/me/presence"
    is "$st $(jb .id)" "200 $me" "me: GET /$v/me/presence is the signed-in user's presence"
    as "$T/read" GET "/$v/users/$me/presence"
    is_st 200 "me: /$v/users/{own id}/presence with Presence.Read gives 200"
    as "$T/read" GET "/$v/users/$them/presence"
    is_err 403 Forbidden "me: /$v another user's presence without Presence.Read.All gives 403"
    as "$T/readall" GET "/$v/users/$them/presence"
    is "$st $(jb .id)" "200 $them" "me: /$v another user's presence with Presence.Read.All gives 200"
done
as "$T/read" POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$me\"]}"
is_err 403 Forbidden "me: getPresencesByUserId without Presence.Read.All gives 403"
as "$T/readall" POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$me\",\"$them\"]}"
is "$st $(jb '.value | length')" "200 2" "me: getPresencesByUserId with Presence.Read.All gives 200"

# Writes.
body='{"sessionId":"'$GS_CLIENT_ID'","availability":"Busy","activity":"InACall","expirationDuration":"PT1H"}'
as "$T/readall" POST /v1.0/me/presence/setPresence "$body"
is_err 403 Forbidden "write: setPresence without Presence.ReadWrite gives 403 Forbidden"
is "$(jb .error.message)" "" "write: with an empty message, as Graph was seen answering (8)"
as "$T/readall" POST /v1.0/me/presence/clearPresence '{}'
is_err 400 InvalidArgument "write: the body is checked before the permission (2.5)"
as "$T/rw" POST /v1.0/me/presence/setPresence "$body"
is_ok_empty "write: POST /me/presence/setPresence with Presence.ReadWrite gives 200"
call GET "/_graphsim/users/$me"
jtrue "write: graphsim's state has the session for the signed-in user" \
    "[.sessions[] | select(.sessionId == \"$GS_CLIENT_ID\" and .activity == \"InACall\")] | length == 1"
as "$T/rw" POST "/v1.0/users/$them/presence/setPresence" "$body"
is_err 403 Forbidden "write: another user's presence cannot be set with a delegated token"
as "$T/rw" POST "/beta/users/$me/presence/setUserPreferredPresence" \
    '{"availability":"DoNotDisturb","activity":"DoNotDisturb"}'
is_ok_empty "write: /users/{own id}/presence methods work with Presence.ReadWrite"
as "$T/rw" POST /v1.0/me/presence/setStatusMessage \
    '{"statusMessage":{"message":{"content":"Own words","contentType":"text"}}}'
is_ok_empty "write: POST /me/presence/setStatusMessage gives 200"
as "$T/rw" GET /v1.0/me/presence
jtrue "me: one's own status message has expiryDateTime and publishedDateTime (1.5)" \
    '.statusMessage.message.content == "Own words" and
     .statusMessage.expiryDateTime.dateTime == "9999-12-31T00:00:00.0000000" and
     (.statusMessage.publishedDateTime | type) == "string"'
call GET "/v1.0/users/$me/presence"
jtrue "me: the same message read by the app has neither (1.5)" \
    '.statusMessage.message.content == "Own words" and
     (.statusMessage | has("expiryDateTime") | not)'
as "$T/rw" POST /v1.0/me/presence/clearUserPreferredPresence
is_ok_empty "write: clearUserPreferredPresence with no body gives 200"
as "$T/rw" POST /v1.0/me/presence/clearPresence "{\"sessionId\":\"$GS_CLIENT_ID\"}"
is_ok_empty "write: clearPresence of one's own session gives 200"

# The directory.
as "$T/rw" GET /v1.0/me
is "$st $(jb .userPrincipalName)" "200 $user" "dir: GET /me with User.Read is the signed-in user"
as "$T/read" GET /v1.0/me
is_err 403 Authorization_RequestDenied "dir: GET /me without a user scope gives 403"
as "$T/read" GET "/v1.0/users?\$top=1"
is_err 403 Authorization_RequestDenied "dir: /users without User.ReadBasic.All gives 403"
as "$T/dir" GET "/v1.0/users?\$top=1"
is_st 200 "dir: /users with User.ReadBasic.All gives 200"
as "$T/read" GET "/v1.0/groups?\$top=1"
is_err 403 Authorization_RequestDenied "dir: /groups without GroupMember.Read.All gives 403"
as "$T/dir" GET "/v1.0/groups?\$top=1"
is_st 200 "dir: /groups with GroupMember.Read.All gives 200"
group=$(jb '.value[0].id')
as "$T/dir" GET "/v1.0/groups/$group/members?\$top=1"
is_st 200 "dir: members with GroupMember.Read.All gives 200"

# Work location (2.9).
layers() {
    call GET "/_graphsim/users/$me"
    jb -c '.workLocation | [.manual.workLocationType, .manual.placeId,
        .automatic.workLocationType, .automatic.placeId] | map(. // "-") | join(" ")'
}
call GET "/_graphsim/users/$me"
scheduled=$(jb '.workLocation.scheduled.workLocationType // "unspecified"')
for m in setManualLocation setAutomaticLocation clearLocation clearAutomaticLocation; do
    call POST "/v1.0/me/presence/$m" '{"workLocationType":"office"}'
    is_err 400 BadRequest "loc: $m with an app token gives 400 (application not supported)"
    as "$T/readall" POST "/v1.0/me/presence/$m" '{"workLocationType":"office"}'
    is_err 403 Forbidden "loc: $m without Presence.ReadWrite gives 403"
done
for v in v1.0 beta; do
    as "$T/rw" POST "/$v/me/presence/setManualLocation" \
        '{"workLocationType":"office","placeId":"bldg-7"}'
    is_ok_empty "loc: /$v setManualLocation gives 200, no body"
    as "$T/rw" GET "/$v/me/presence"
    is "$(jb -c '.workLocation | [.workLocationType, .source, .placeId]')" \
        '["office","manual","bldg-7"]' "loc: /$v the manual location shows, with its place"
    as "$T/rw" POST "/$v/me/presence/setAutomaticLocation" '{"workLocationType":"remote"}'
    is_ok_empty "loc: /$v setAutomaticLocation gives 200"
    as "$T/rw" GET "/$v/me/presence"
    is "$(jb -c '.workLocation | [.workLocationType, .source]')" '["office","manual"]' \
        "loc: /$v manual wins over automatic"
    is "$(layers)" "office bldg-7 remote -" "loc: /$v graphsim keeps both layers"
    as "$T/rw" POST "/$v/me/presence/clearAutomaticLocation"
    is_ok_empty "loc: /$v clearAutomaticLocation (no body) gives 200"
    is "$(layers)" "office bldg-7 - -" "loc: /$v clearAutomaticLocation leaves the manual layer"
    as "$T/rw" POST "/$v/me/presence/setAutomaticLocation" '{"workLocationType":"timeOff"}'
    as "$T/rw" POST "/$v/me/presence/clearLocation"
    is_ok_empty "loc: /$v clearLocation gives 200"
    is "$(layers)" "- - - -" "loc: /$v clearLocation clears the manual and automatic layers"
    as "$T/rw" GET "/$v/me/presence"
    is "$(jb .workLocation.workLocationType)" "$scheduled" \
        "loc: /$v then the scheduled layer shows, or unspecified"
done
as "$T/rw" POST /v1.0/me/presence/setAutomaticLocation '{"workLocationType":"remote"}'
as "$T/rw" GET /v1.0/me/presence
is "$(jb -c '.workLocation | [.workLocationType, .source, .placeId]')" \
    '["remote","automatic",null]' "loc: automatic shows when there is no manual layer"
as "$T/rw" POST /v1.0/me/presence/setManualLocation '{"workLocationType":"unspecified"}'
is_err 400 InvalidArgument "loc: workLocationType unspecified cannot be set"
as "$T/rw" POST /v1.0/me/presence/setManualLocation '{"placeId":"x"}'
is_err 400 InvalidArgument "loc: a missing workLocationType gives 400"
as "$T/rw" POST /v1.0/me/presence/setManualLocation 'not json'
is_err 400 BadRequest "loc: a body that is not JSON gives 400"
as "$T/rw" POST /v1.0/me/presence/setManualLocation '{"workLocationType":"TIMEOFF"}'
as "$T/rw" GET /v1.0/me/presence
is "$(jb .workLocation.workLocationType)" timeOff "loc: the type is read ignoring case, kept as Graph spells it"
secs=$(now_epoch)
advance $((86400 - secs % 86400 + 1))
call GET "/_graphsim/users/$me"
is "$(jb .presence.workLocation.workLocationType)" "$scheduled" \
    "loc: the manual and automatic layers end with the UTC day (graphsim(1))"

done_testing
