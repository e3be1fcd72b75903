#!/bin/sh
# graphsim conformance: everything that expires on graphsim's clock — app
# sessions, the Available fade, preferred presence and status messages
# (graph-presence-api.md sections 2.4, 2.6, 2.8 and 3).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

# Tokens live a week here, so that the clock can move on without new ones.
gs_start --token-lifetime 604800
auth_init
fresh_users 10 "$T/fresh"
{
    read -r e1; read -r e2; read -r e3; read -r e4; read -r e5
    read -r e6; read -r e7; read -r e8; read -r e9; read -r e10
} <"$T/fresh"

# adv SECONDS: advance the clock.
adv() {
    advance "$1"
}

# msg_of ID: the status message content GET shows for ID ("" for none).
msg_of() {
    call GET "/v1.0/users/$1/presence"
    jb '.statusMessage.message.content // ""'
}

t0=$(now_epoch)
expiry=$(date -u -d "@$((t0 + 3600))" +%Y-%m-%dT%H:%M:%S.0000000)

set_presence "$e1" Busy InACall
is_ok_empty "expiry: setPresence without expirationDuration gives 200"
set_presence "$e2" Available Available PT1H
set_presence "$e3" Busy InACall PT1H
call POST "/v1.0/users/$e5/presence/setStatusMessage" \
    '{"statusMessage":{"message":{"content":"forever","contentType":"text"}}}'
call POST "/v1.0/users/$e6/presence/setStatusMessage" \
    "{\"statusMessage\":{\"message\":{\"content\":\"for an hour\",\"contentType\":\"text\"},
      \"expiryDateTime\":{\"dateTime\":\"$expiry\",\"timeZone\":\"UTC\"}}}"
is_ok_empty "expiry: setStatusMessage with an expiry an hour ahead gives 200"
is "$(msg_of "$e6")" "for an hour" "expiry: the expiring message shows before its expiry"

call GET "/_graphsim/users/$e1"
jtrue "expiry: the app session is kept under the client id with kind app" \
    ".sessions | map(select(.sessionId == \"$GS_CLIENT_ID\")) |
     length == 1 and .[0].kind == \"app\""
exp_at=$(jb ".sessions[] | select(.sessionId == \"$GS_CLIENT_ID\") | .expiresAt")
d=$(($(date -u -d "$exp_at" +%s) - t0))
check "expiry: the default session expiresAt is 5 min ahead (got ${d}s)" \
    test "$d" -ge 290 -a "$d" -le 310

adv 280
is "$(pair "$e1")" Busy/InACall "expiry: a default session still shows just under 5 min"
is "$(pair "$e2")" Available/Available "expiry: Available is Available just under 5 min"
adv 40
is "$(pair "$e1")" Offline/Offline "expiry: a default session expires just over 5 min"
is "$(pair "$e2")" Available/AvailableInactive \
    "expiry: Available fades to Available/AvailableInactive after 5 min"
is "$(pair "$e3")" Busy/InACall "expiry: Busy does not fade"
adv 260
is "$(pair "$e2")" Available/AvailableInactive \
    "expiry: still Available/AvailableInactive just under 10 min"
adv 40
is "$(pair "$e2")" Away/Away "expiry: Available fades to Away/Away after 10 min"
set_presence "$e2" Available Available PT1H
is "$(pair "$e2")" Available/Available "expiry: setPresence again after the fade shows Available"

# Keep-alive: re-calling setPresence before the timeout holds the state.
set_presence "$e4" Available Available PT1H
adv 240
set_presence "$e4" Available Available PT1H
adv 120
is "$(pair "$e4")" Available/Available \
    "expiry: re-calling setPresence within 5 min keeps Available/Available"
set_presence "$e1" Busy InACall PT5M
adv 240
set_presence "$e1" Busy InACall PT5M
adv 120
is "$(pair "$e1")" Busy/InACall "expiry: re-calling setPresence extends the session"
adv 240
is "$(pair "$e1")" Offline/Offline "expiry: the extended session expires in its turn"

# e3 was set for PT1H at t0, e6's message expires at t0 + 1 h.
call GET "/v1.0/users/$e3/presence"
seq_before=$(jb .sequenceNumber)
adv $((t0 + 3600 - 40 - $(now_epoch)))
is "$(pair "$e3")" Busy/InACall "expiry: a PT1H session still shows just under an hour"
is "$(msg_of "$e6")" "for an hour" "expiry: the message still shows just before its expiry"
adv 80
is "$(pair "$e3")" Offline/Offline "expiry: a PT1H session expires just over an hour"
call GET "/v1.0/users/$e3/presence"
seq_after=$(jb .sequenceNumber)
check "expiry: sequenceNumber grows when a session expires" \
    seqlt "$seq_before" "$seq_after"
is "$(msg_of "$e6")" "" "expiry: the message is gone after its expiryDateTime"
is "$(msg_of "$e5")" forever "expiry: a message without expiry stays"
call POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$e6\"]}"
is "$(jb '.value[0].statusMessage.message.content // ""')" "" \
    "expiry: getPresencesByUserId shows no expired message either"

set_presence "$e3" Busy InACall PT4H
adv $((14400 - 40))
is "$(pair "$e3")" Busy/InACall "expiry: a PT4H session still shows just under 4 h"
adv 80
is "$(pair "$e3")" Offline/Offline "expiry: a PT4H session expires just over 4 h"

# Preferred presence: 1 day for Busy and DoNotDisturb, 7 days for others,
# or the given duration; sessions are kept alive with setPresence all along.
for u in "$e7" "$e8" "$e9" "$e10"; do
    set_presence "$u" Busy InACall PT4H
done
set_preferred "$e7" Busy Busy
set_preferred "$e8" Available Available
set_preferred "$e9" DoNotDisturb DoNotDisturb
set_preferred "$e10" Away Away PT8H
pt0=$(now_epoch)
call GET "/_graphsim/users/$e7"
exp_at=$(jb '.preferred.expiresAt')
d=$(($(date -u -d "$exp_at" +%s) - pt0))
check "expiry: preferred Busy/Busy expiresAt is 1 day ahead (got ${d}s)" \
    test "$d" -ge 86300 -a "$d" -le 86500
is "$(pair "$e7") $(pair "$e8") $(pair "$e9") $(pair "$e10")" \
    "Busy/Busy Available/Available DoNotDisturb/DoNotDisturb Away/Away" \
    "expiry: the four preferred states show over their sessions"

# run_to SECONDS: advance the clock to SECONDS after pt0, refreshing the
# sessions of e7..e10 at least every 3 hours (one curl run a step).
run_to() {
    rt_left=$(($1 - ($(now_epoch) - pt0)))
    rt_sets=
    for u in "$e7" "$e8" "$e9" "$e10"; do
        rt_sets="${rt_sets}url = \"$GS_URL/v1.0/users/$u/presence/setPresence\"
header = \"@$T/auth\"
header = \"Content-Type: application/json\"
data-binary = \"{\\\"sessionId\\\":\\\"$GS_CLIENT_ID\\\",\\\"availability\\\":\\\"Busy\\\",\\\"activity\\\":\\\"InACall\\\",\\\"expirationDuration\\\":\\\"PT4H\\\"}\"
output = \"/dev/null\"
next
"
    done
    while [ "$rt_left" -gt 0 ]; do
        rt_step=$rt_left
        [ "$rt_step" -gt 10800 ] && rt_step=10800
        printf '%surl = "%s/_graphsim/clock"\nheader = "Content-Type: application/json"\ndata-binary = "{\\"advance_seconds\\": %s}"\noutput = "/dev/null"\n' \
            "$rt_sets" "$GS_URL" "$rt_step" >"$T/step.cfg"
        curl -s --max-time "$CT_MAX_TIME" -K "$T/step.cfg"
        rt_left=$((rt_left - rt_step))
    done
    printf '%s' "$rt_sets" | sed '$d' >"$T/step.cfg"
    curl -s --max-time "$CT_MAX_TIME" -K "$T/step.cfg"
}

run_to $((8 * 3600 - 60))
is "$(pair "$e10")" Away/Away "expiry: preferred with PT8H still shows just under 8 h"
run_to $((8 * 3600 + 60))
is "$(pair "$e10")" Busy/InACall "expiry: preferred with PT8H is gone just over 8 h"
run_to $((86400 - 60))
is "$(pair "$e7")" Busy/Busy "expiry: preferred Busy/Busy still shows just under 1 day"
is "$(pair "$e9")" DoNotDisturb/DoNotDisturb \
    "expiry: preferred DoNotDisturb still shows just under 1 day"
run_to $((86400 + 60))
is "$(pair "$e7")" Busy/InACall "expiry: preferred Busy/Busy is gone just over 1 day"
is "$(pair "$e9")" Busy/InACall "expiry: preferred DoNotDisturb is gone just over 1 day"
is "$(pair "$e8")" Available/Available \
    "expiry: preferred Available/Available still shows after 1 day"
auth_init
run_to $((7 * 86400 - 60))
is "$(pair "$e8")" Available/Available \
    "expiry: preferred Available/Available still shows just under 7 days"
run_to $((7 * 86400 + 60))
is "$(pair "$e8")" Busy/InACall \
    "expiry: preferred Available/Available is gone just over 7 days"
is "$(msg_of "$e5")" forever "expiry: a message without expiry survives a week"

done_testing
