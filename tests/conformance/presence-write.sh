#!/bin/sh
# graphsim conformance: the presence write methods, their validation and how
# sessions and preferred presence aggregate (graph-presence-api.md sections
# 2.4 to 2.8, 3 and 8).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

# shellcheck disable=SC2119 # graphsim's default options.
gs_start
auth_init
fresh_users 7 "$T/fresh"
u1=$(sed -n 1p "$T/fresh")
u2=$(sed -n 2p "$T/fresh")
u3=$(sed -n 3p "$T/fresh")
u4=$(sed -n 4p "$T/fresh")
u5=$(sed -n 5p "$T/fresh")
u6=$(sed -n 6p "$T/fresh")
u7=$(sed -n 7p "$T/fresh")
OTHER_APP=9f0c2d4e-1b3a-4c5d-8e7f-a0b1c2d3e4f5
THIRD_APP=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d

# setPresence: the five allowed pairs (2.4).
for p in Available/Available Busy/InACall Busy/InAConferenceCall Away/Away \
    DoNotDisturb/Presenting; do
    set_presence "$u1" "${p%/*}" "${p#*/}" PT1H
    is_ok_empty "write: setPresence $p gives 200 with no body"
    is "$(pair "$u1")" "$p" "write: setPresence $p shows in the next GET"
done

# setPresence: pairs that are not in the table.
set_presence "$u1" Busy InACall PT1H
for p in Busy/Busy DoNotDisturb/DoNotDisturb BeRightBack/BeRightBack \
    Offline/OffWork Busy/InAMeeting Available/OutOfOffice Away/Available \
    Available/Busy Offline/Offline; do
    set_presence "$u1" "${p%/*}" "${p#*/}" PT1H
    is_err 400 InvalidArgument "write: setPresence $p gives 400 InvalidArgument"
done
is "$(pair "$u1")" Busy/InACall "write: refused setPresence calls change nothing"

# expirationDuration bounds (2.4, 10 #1).
for d in PT5M PT4H PT1H PT300S PT240M PT2H30M; do
    set_presence "$u2" Busy InACall "$d"
    is_ok_empty "write: expirationDuration $d is accepted"
done
for d in PT4M59S PT4H1M PT10H PT4M P1D; do
    set_presence "$u2" Busy InACall "$d"
    is_err 400 InvalidArgument "write: expirationDuration $d gives 400 InvalidArgument"
done
set_presence "$u2" Busy InACall PT4M59S
like "$(jb .error.message)" "[ExpirationDuration]" \
    "write: the out-of-range message names [ExpirationDuration]"
for d in 1h banana PT P5M -PT1H; do
    set_presence "$u2" Busy InACall "$d"
    is_err 400 InvalidArgument \
        "write: a malformed expirationDuration '$d' gives 400 InvalidArgument"
done

# clearPresence (2.5).
call POST "/v1.0/users/$u3/presence/clearPresence" '{}'
is_err 400 InvalidArgument "write: clearPresence without sessionId gives 400 InvalidArgument"
is "$(jb .error.message)" "[SessionId]: The SessionId field is required." \
    "write: clearPresence without sessionId has the documented message"
call POST "/v1.0/users/$u3/presence/clearPresence" \
    "{\"sessionId\":\"$GS_CLIENT_ID\"}"
is_err 404 NotFound "write: clearPresence of a missing session gives 404 NotFound"
set_presence "$u3" Busy InACall PT1H
call POST "/v1.0/users/$u3/presence/clearPresence" \
    "{\"sessionId\":\"$GS_CLIENT_ID\"}"
is_ok_empty "write: clearPresence of the app's session gives 200 with no body"
is "$(pair "$u3")" Offline/Offline "write: clearing the last session gives Offline/Offline"
call POST "/v1.0/users/$u3/presence/clearPresence" \
    "{\"sessionId\":\"$GS_CLIENT_ID\"}"
is_err 404 NotFound "write: clearing the same session twice gives 404 NotFound"

# Aggregation of sessions: DoNotDisturb > Busy > Available > Away (3).
set_presence "$u4" Available Available PT1H
set_presence "$u4" Busy InACall PT1H "$OTHER_APP"
is_ok_empty "write: a second app's session is accepted"
is "$(pair "$u4")" Busy/InACall "write: Busy outranks Available across sessions"
set_presence "$u4" DoNotDisturb Presenting PT1H "$THIRD_APP"
is "$(pair "$u4")" DoNotDisturb/Presenting "write: DoNotDisturb outranks Busy"
call POST "/v1.0/users/$u4/presence/clearPresence" \
    "{\"sessionId\":\"$THIRD_APP\"}"
is "$(pair "$u4")" Busy/InACall "write: clearing the top session shows the next one"
set_presence "$u4" Away Away PT1H "$OTHER_APP"
is "$(pair "$u4")" Available/Available \
    "write: a session set again replaces its state; Available outranks Away"
call POST "/v1.0/users/$u4/presence/clearPresence" \
    "{\"sessionId\":\"$GS_CLIENT_ID\"}"
is "$(pair "$u4")" Away/Away "write: the remaining Away session shows"
call POST "/v1.0/users/$u4/presence/clearPresence" \
    "{\"sessionId\":\"$OTHER_APP\"}"
is "$(pair "$u4")" Offline/Offline "write: no session left gives Offline/Offline"

# Preferred presence (2.6, 2.7).
set_preferred "$u5" Busy Busy
is_ok_empty "write: setUserPreferredPresence Busy/Busy gives 200"
is "$(pair "$u5" | cut -d/ -f1)" Offline \
    "write: preferred presence without a session shows Offline"
set_presence "$u5" Available Available PT1H
is "$(pair "$u5")" Busy/Busy "write: preferred presence outranks the app's session"
for p in Available/Available Busy/Busy DoNotDisturb/DoNotDisturb \
    BeRightBack/BeRightBack Away/Away Offline/OffWork; do
    set_preferred "$u5" "${p%/*}" "${p#*/}" PT8H
    is "$st" 200 "write: setUserPreferredPresence $p gives 200"
    is "$(pair "$u5")" "$p" "write: preferred $p shows while a session exists"
done
for d in PT4M P31D; do
    set_preferred "$u5" Away Away "$d"
    is_err 400 InvalidArgument \
        "write: preferred expirationDuration $d gives 400 InvalidArgument (graphsim(1))"
done
set_preferred "$u5" Away Away P30D
is "$st" 200 "write: preferred expirationDuration P30D is accepted (graphsim(1))"
set_preferred "$u5" Away Away
for p in Busy/InACall DoNotDisturb/Presenting Available/Busy Offline/Offline \
    Busy/InAMeeting Away/Available; do
    set_preferred "$u5" "${p%/*}" "${p#*/}"
    is_err 400 InvalidArgument \
        "write: setUserPreferredPresence $p gives 400 InvalidArgument"
done
is "$(pair "$u5")" Away/Away "write: refused preferred pairs change nothing"
call POST "/v1.0/users/$u5/presence/clearUserPreferredPresence" '{}'
is "$st" 200 "write: clearUserPreferredPresence gives 200"
is "$(pair "$u5")" Available/Available \
    "write: after clearing the preferred state the session shows"
call POST "/v1.0/users/$u5/presence/clearUserPreferredPresence" '{}'
is "$st" 200 "write: clearUserPreferredPresence with nothing set gives 200"
call POST "/v1.0/users/$u5/presence/clearUserPreferredPresence"
is "$st" 200 "write: clearUserPreferredPresence with no body gives 200"
set_preferred "$u5" DoNotDisturb DoNotDisturb
call POST "/v1.0/users/$u5/presence/clearPresence" \
    "{\"sessionId\":\"$GS_CLIENT_ID\"}"
is "$(pair "$u5" | cut -d/ -f1)" Offline \
    "write: preferred presence stops showing when the last session goes"

# setStatusMessage (2.8, 1.5).
msg='{"statusMessage":{"message":{"content":"In the lab","contentType":"text"}}}'
call POST "/v1.0/users/$u6/presence/setStatusMessage" "$msg"
is_ok_empty "write: setStatusMessage gives 200 with no body"
call GET "/v1.0/users/$u6/presence"
jtrue "write: the status message reads back" \
    '.statusMessage.message == {content: "In the lab", contentType: "text"}'
jtrue "write: another user's read shows only statusMessage.message" \
    '.statusMessage | keys == ["message"]'
call POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$u6\"]}"
jtrue "write: getPresencesByUserId shows the status message" \
    '.value[0].statusMessage.message.content == "In the lab"'
future=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%S.0000000)
call POST "/v1.0/users/$u6/presence/setStatusMessage" \
    "{\"statusMessage\":{\"message\":{\"content\":\"Back soon\",\"contentType\":\"text\"},
      \"expiryDateTime\":{\"dateTime\":\"$future\",\"timeZone\":\"UTC\"}}}"
is_ok_empty "write: setStatusMessage with an expiryDateTime gives 200"
call GET "/v1.0/users/$u6/presence"
jtrue "write: a message with an expiry reads back without expiryDateTime" \
    '.statusMessage.message.content == "Back soon" and
     (.statusMessage | has("expiryDateTime") | not) and
     (.statusMessage | has("publishedDateTime") | not)'
call GET "/_graphsim/users/$u6"
jtrue "write: graphsim keeps the expiryDateTime it was given" \
    ".statusMessage.expiryDateTime.dateTime | startswith(\"${future%.*}\")"
uni=$(printf 'Caf\303\251 \342\230\225 \346\227\245\346\234\254 "q" \\ tab\there')
body=$(jq -cn --arg c "$uni" \
    '{statusMessage: {message: {content: $c, contentType: "text"}}}')
call POST "/v1.0/users/$u6/presence/setStatusMessage" "$body"
call GET "/v1.0/users/$u6/presence"
is "$(jb .statusMessage.message.content)" "$uni" \
    "write: a message with UTF-8, quotes, backslash and tab reads back exactly"
call POST "/v1.0/users/$u6/presence/setStatusMessage" \
    '{"statusMessage":{"message":{"content":"x","contentType":"html"}}}'
is_err 400 InvalidArgument "write: setStatusMessage with contentType html gives 400 (1.5)"
call POST "/v1.0/users/$u6/presence/setStatusMessage" \
    "{\"statusMessage\":{\"message\":{\"content\":\"x\",\"contentType\":\"text\"},
      \"expiryDateTime\":{\"dateTime\":\"${future%.*}+02:00\",\"timeZone\":\"UTC\"}}}"
is_err 400 InvalidArgument \
    "write: an expiryDateTime.dateTime with an offset gives 400 (1.5)"
call POST "/v1.0/users/$u6/presence/setStatusMessage" \
    '{"statusMessage":{"message":{"content":"","contentType":"text"}}}'
is "$st" 200 "write: setStatusMessage with empty content gives 200"
call GET "/v1.0/users/$u6/presence"
jtrue "write: empty content clears the status message (null, graphsim(1))" \
    '.statusMessage == null'

# sequenceNumber grows on a visible change (1.1, 3).
call GET "/v1.0/users/$u7/presence"
s0=$(jb .sequenceNumber)
set_presence "$u7" Busy InACall PT1H
call GET "/v1.0/users/$u7/presence"
s1=$(jb .sequenceNumber)
check "write: sequenceNumber grows when setPresence changes the presence" \
    seqlt "$s0" "$s1"
set_presence "$u7" DoNotDisturb Presenting PT1H
call POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$u7\"]}"
s2=$(jb '.value[0].sequenceNumber')
is "$(jb '.value[0] | "\(.availability)/\(.activity)"')" \
    DoNotDisturb/Presenting "write: a set is visible in getPresencesByUserId"
check "write: getPresencesByUserId shows the higher sequenceNumber" \
    seqlt "$s1" "$s2"
call POST "/v1.0/users/$u7/presence/setStatusMessage" "$msg"
call GET "/v1.0/users/$u7/presence"
s3=$(jb .sequenceNumber)
check "write: sequenceNumber grows when the status message changes" \
    seqlt "$s2" "$s3"

done_testing
