#!/bin/sh
# The writing commands against graphsim's state: set, clear, prefer,
# unprefer and status, and a refused pair that never reaches the server.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 10
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 30

id=
# A person whose Teams session ranks below Busy, with no preferred presence,
# so that the app's Busy session shows.
for cand in $(gs_api "/users?\$select=id" | jq -r '.value[].id'); do
	if gs_state "$cand" | jq -e '.preferred == null and
	    all(.sessions[]; .availability == "Available" or
	    .availability == "Away" or .availability == "BeRightBack")' \
	    >/dev/null; then
		id=$cand
		break
	fi
done
upn=$(gs_state "$id" | jq -r .userPrincipalName)

tt set "$upn" --availability Busy --activity InAConferenceCall --expires 1h30m
is "$rc" 0 "set exits 0"
st=$(gs_state "$id")
is "$(echo "$st" | jq -r --arg c "$GS_CLIENT_ID" '.sessions[] | select(.sessionId == $c) | .activity')" \
    InAConferenceCall "graphsim holds the app's session with the activity"
tt get "$upn" --json
is "$(jq -r '.value[0].availability + "/" + .value[0].activity' "$T/out")" \
    Busy/InAConferenceCall "a set is visible in a following get"

tt set "$upn" --availability Available --activity Available --session my-session --expires PT10M
is "$rc" 0 "set with --session exits 0"
st=$(gs_state "$id")
is "$(echo "$st" | jq -r '.sessions[] | select(.sessionId == "my-session") | .availability')" \
    Available "--session names the session"

tt clear "$upn" --session my-session
is "$rc" 0 "clear --session exits 0"
st=$(gs_state "$id")
is "$(echo "$st" | jq -r '[.sessions[] | select(.sessionId == "my-session")] | length')" \
    0 "clear --session removes that session"
tt clear "$upn"
is "$rc" 0 "clear exits 0"
st=$(gs_state "$id")
is "$(echo "$st" | jq -r --arg c "$GS_CLIENT_ID" '[.sessions[] | select(.sessionId == $c)] | length')" \
    0 "clear removes the app's session"
tt clear "$upn"
is "$rc" 1 "clearing a session that does not exist exits 1"
like "$(cat "$T/err")" "NotFound" "and prints Graph's code"

tt set "$upn" --availability Available --activity Available
tt prefer "$upn" --availability DoNotDisturb --activity DoNotDisturb --expires 8h
is "$rc" 0 "prefer exits 0"
st=$(gs_state "$id")
is "$(echo "$st" | jq -r '.preferred.availability + "/" + .preferred.activity')" \
    DoNotDisturb/DoNotDisturb "prefer sets the preferred presence"
tt unprefer "$upn"
is "$rc" 0 "unprefer exits 0"
is "$(gs_state "$id" | jq -r '.preferred')" null "unprefer clears it"
tt unprefer "$upn"
is "$rc" 0 "unprefer with nothing to clear still exits 0"

tt status "$upn" --expires 2h "At the dentist, back at 3"
is "$rc" 0 "status exits 0"
st=$(gs_state "$id")
is "$(echo "$st" | jq -r '.statusMessage.message.content')" \
    "At the dentist, back at 3" "status sets the message"
like "$(echo "$st" | jq -r '.statusMessage.expiryDateTime.timeZone')" "UTC" \
    "the expiry is given in UTC"
tt status "$upn" ""
is "$rc" 0 "status with an empty message exits 0"
is "$(gs_state "$id" | jq -r '.statusMessage.message.content // ""')" "" \
    "an empty message clears it"

gs_reset
tt set "$upn" --availability Busy --activity Busy
is "$rc" 2 "a pair setPresence does not allow exits 2"
like "$(cat "$T/err")" "Busy/InACall" "the message lists the valid choices"
is "$(gs_count 'POST /users/{id}/presence/setPresence')" 0 \
    "the refused pair never reached the server"
tt set "$upn" --availability Available --activity Available --expires 5h
is "$rc" 2 "a duration past 4 hours exits 2"
is "$(gs_count 'POST /users/{id}/presence/setPresence')" 0 \
    "the refused duration never reached the server"
tt set "$upn" --availability Available
is "$rc" 2 "set without --activity exits 2"
tt bogus
is "$rc" 2 "an unknown command exits 2"
tt set --help
is "$rc" 0 "set --help exits 0"
like "$(cat "$T/out")" "--availability" "set --help shows its options"
