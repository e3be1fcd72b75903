#!/bin/sh
# teamtop location set|clear: one's own work location through the four
# methods of /me, on v1.0 and beta, checked on graphsim's state of the
# layers; and teamtop me showing it.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 20 --device-interval 1
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan_lazy

upn=$(gs_user 5 userPrincipalName)
id=$(gs_user 5 id)

# The application cannot set a work location.
tt location set office
is "$rc" 2 "app: location set signed in as the application exits 2"
like "$(cat "$T/err")" "use --auth delegated and teamtop login" "app: and says how"

unset AZURE_CLIENT_SECRET
tt_login "$upn"
is "$rc" 0 "signed in as $upn"

# layers: "manual-type manual-place automatic-type automatic-place".
layers() {
    gs_state "$id" | jq -r '.workLocation | [.manual.workLocationType,
        .manual.placeId, .automatic.workLocationType, .automatic.placeId] |
        map(. // "-") | join(" ")'
}
scheduled=$(gs_state "$id" | jq -r '.workLocation.scheduled.workLocationType // "unspecified"')

gs_reset
tt location set office --place bldg-7 --until-today
is "$rc" 0 "set --until-today: exits 0"
is "$(gs_count "POST /me/presence/setManualLocation")" 1 "set --until-today: calls setManualLocation once"
is "$(gs_control /_graphsim/refresh | jq -r '[.value[] | select(.uses > 0)] | sort_by(.lastUsed) | last | .lastScope')" \
    Presence.ReadWrite "set --until-today: with an access token for Presence.ReadWrite only"
is "$(layers)" "office bldg-7 - -" "set --until-today: graphsim's manual layer is office at bldg-7"
like "$(cat "$T/out")" "Work location set for today: office, place bldg-7." "set --until-today: says what was set"
like "$(cat "$T/out")" "Your work location is now office (source manual, place bldg-7)." \
    "set --until-today: and what Graph now shows"

gs_reset
tt location set REMOTE
is "$rc" 0 "set: exits 0"
is "$(gs_count "POST /me/presence/setAutomaticLocation")" 1 "set: calls setAutomaticLocation"
is "$(layers)" "office bldg-7 remote -" "set: graphsim's automatic layer is remote (Graph's spelling)"
like "$(cat "$T/out")" "wins over the automatic one" "set: and says the location for today still wins"

tt me --json
is "$(jq -r '.value[0].workLocation.workLocationType' "$T/out" 2>/dev/null)" office \
    "me: shows the work location"

gs_reset
tt --api beta location clear --automatic
is "$rc" 0 "clear --automatic (beta): exits 0"
is "$(gs_count "POST /me/presence/clearAutomaticLocation")" 1 \
    "clear --automatic: calls clearAutomaticLocation"
is "$(gs_control /_graphsim/stats | jq -r '.by_version.beta // 0')" 2 \
    "clear --automatic: on beta, and the location read back too"
is "$(layers)" "office bldg-7 - -" "clear --automatic: only the automatic layer is gone"

gs_reset
tt --api beta location set timeOff --until-today
is "$(layers)" "timeOff - - -" "set --until-today (beta): the manual layer is replaced"
tt location set remote
gs_reset
tt location clear
is "$rc" 0 "clear: exits 0"
is "$(gs_count "POST /me/presence/clearLocation")" 1 "clear: calls clearLocation"
is "$(gs_control /_graphsim/stats | jq -r '.by_version."v1.0" // 0')" 2 "clear: on v1.0, then reads the location"
is "$(layers)" "- - - -" "clear: the manual and automatic layers are gone"
like "$(cat "$T/out")" "Your work location is now $scheduled" "clear: what shows is the scheduled location or none"

# Mistakes are caught before anything is sent.
gs_reset
tt location set moon
is "$rc" 2 "usage: an unknown type exits 2"
like "$(cat "$T/err")" "'moon' is not a work location: office, remote or timeOff" "usage: and names the three"
tt location clear --until-today
is "$rc" 2 "usage: --until-today goes with set"
tt location set office --automatic
is "$rc" 2 "usage: --automatic goes with clear"
tt location set
is "$rc" 2 "usage: set needs a type"
tt location move
is "$rc" 2 "usage: set or clear only"
is "$(gs_control /_graphsim/stats | jq -r .requests)" 0 "usage: nothing was sent"

# Graph's refusal.
gs_post /_graphsim/faults '[{"route":"POST /me/presence/setManualLocation","status":403,"code":"Forbidden"}]' >/dev/null
tt location set office --until-today
is "$rc" 1 "refused: a 403 exits 1"
like "$(cat "$T/err")" "Forbidden" "refused: with Graph's code"

# The audit trail has every write, with its body.
methods=$(jq -r '.method' "$T/state/teamtop/audit.jsonl" | tr '\n' ' ')
is "$methods" "setManualLocation setAutomaticLocation clearAutomaticLocation setManualLocation setAutomaticLocation clearLocation setManualLocation " \
    "audit: every location write is in the trail"
is "$(jq -r 'select(.method == "clearLocation") | .body' "$T/state/teamtop/audit.jsonl")" null \
    "audit: clearLocation is sent without a body"
is "$(jq -r -c 'select(.method == "setManualLocation") | .body' "$T/state/teamtop/audit.jsonl" | head -n 1)" \
    '{"workLocationType":"office","placeId":"bldg-7"}' "audit: the body as sent"
is "$(jq -r 'select(.method == "setAutomaticLocation") | .person' "$T/state/teamtop/audit.jsonl" | head -n 1)" \
    "$id" "audit: the person is the signed-in user"

done_testing
