#!/bin/sh
# graphsim conformance: the control endpoints tests rely on — stats,
# faults, stored presence, the internal state of a person, the clock and the
# tenant report (graphsim-contract, "Control endpoints").
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

# shellcheck disable=SC2119 # graphsim's default options.
gs_start
auth_init
user_ids 3 "$T/ids"
id=$(sed -n 1p "$T/ids")
id2=$(sed -n 2p "$T/ids")
id3=$(sed -n 3p "$T/ids")
many="{\"ids\":[\"$id\",\"$id2\"]}"

# ctl METHOD PATH [BODY]: a control request (no token).
ctl() {
    if [ $# -ge 3 ]; then
        raw "$1" "$2" -H 'Content-Type: application/json' --data-binary "$3"
    else
        raw "$1" "$2"
    fi
}

# The tenant report.
ctl GET /_graphsim/tenant
is_st 200 "control: GET /_graphsim/tenant gives 200"
jtrue "control: the tenant report has the defaults" \
    ".tenant == \"demo\" and .clientId == \"$GS_CLIENT_ID\" and .users == 200 and
     .groups == 20 and (.seed | tostring) == \"1\" and (.domain | type) == \"string\""
jtrue "control: tenantId is a GUID" \
    '.tenantId | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")'

# Stats.
ctl POST /_graphsim/stats/reset
is "$st $(jb -c .)" "200 {}" "control: POST /_graphsim/stats/reset gives 200 {}"
ctl GET /_graphsim/stats
jtrue "control: after a reset stats count nothing" \
    '.requests == 0 and (.by_route | length) == 0 and (.by_status | length) == 0'
for v in v1.0 v1.0 v1.0 beta beta; do
    call GET "/$v/users/$id/presence"
done
call GET "/v1.0/users/$NOBODY/presence"
call POST /v1.0/communications/getPresencesByUserId "$many"
call GET "/beta/communications/presences/$id"
gs_token >/dev/null
ctl GET /_graphsim/stats
ctl GET /_graphsim/clock
ctl GET /_graphsim/stats
is "$(jb .requests)" 9 "control: stats count 9 requests (control endpoints not counted)"
jtrue "control: stats count by route" \
    '.by_route["GET /users/{id}/presence"] == 6 and
     .by_route["POST /communications/getPresencesByUserId"] == 1 and
     .by_route["GET /communications/presences/{id}"] == 1 and
     .by_route["POST /{tenant}/oauth2/v2.0/token"] == 1'
jtrue "control: stats count by status" \
    '.by_status["200"] == 8 and .by_status["404"] == 1'
jtrue "control: stats count by version" \
    '.by_version["v1.0"] == 5 and .by_version["beta"] == 3'
ctl POST /_graphsim/stats/reset
ctl GET /_graphsim/stats
is "$(jb .requests)" 0 "control: a second reset clears the counts again"

# Faults.
ctl POST /_graphsim/faults \
    '[{"route": "GET /users/{id}/presence", "status": 503, "retry_after": 2,
       "code": "serviceNotAvailable"}]'
is "$st $(jb -c .)" '200 {"rules":1}' "control: adding a rule gives 200 {\"rules\": 1}"
call GET "/v1.0/users/$id/presence"
is_err 503 serviceNotAvailable "control: a status fault answers 503 serviceNotAvailable"
is "$(hdr Retry-After)" 2 "control: the fault's retry_after is the Retry-After header"
call GET "/v1.0/users/$id/presence"
is_st 200 "control: a rule without count applies once"

ctl POST /_graphsim/faults \
    '[{"route": "GET /users/{id}/presence", "status": 500, "count": 3}]'
out=
for _ in 1 2 3 4; do
    call GET "/beta/users/$id/presence"
    out="$out$st "
done
is "$out" "500 500 500 200 " "control: count 3 applies exactly 3 times (also on /beta)"

ctl POST /_graphsim/faults \
    '[{"route": "POST /communications/getPresencesByUserId", "status": 502}]'
call GET "/v1.0/users/$id/presence"
is_st 200 "control: a rule leaves other routes alone"
call POST /v1.0/communications/getPresencesByUserId "$many"
is_st 502 "control: a rule hits its own route"

ctl POST /_graphsim/faults '[{"route": "*", "status": 504}]'
call GET "/v1.0/users?\$top=1"
is_st 504 "control: route * matches any Graph route"

ctl POST /_graphsim/faults \
    '[{"route": "GET /users/{id}/presence", "status": 500},
      {"route": "GET /users/{id}/presence", "status": 501}]'
is "$st $(jb .rules)" "200 2" "control: rules posted together are counted"
ctl POST /_graphsim/faults '[{"route": "GET /users", "status": 500}]'
is "$(jb .rules)" 3 "control: rules are appended to those still pending"
ctl DELETE /_graphsim/faults
is "$st $(jb -c .)" "200 {}" "control: DELETE /_graphsim/faults gives 200 {}"
call GET "/v1.0/users/$id/presence"
is_st 200 "control: after DELETE no rule applies"

ctl POST /_graphsim/faults 'not json'
is_st 400 "control: a fault body that is not JSON gives 400"
ctl POST /_graphsim/faults '[{"route": "*", "status": 503, "drop": true}]'
is_st 400 "control: a rule with both status and drop gives 400"
ctl POST /_graphsim/faults '[{"route": "*", "count": 0, "status": "x"}]'
is_st 400 "control: a rule with a status that is not a number gives 400"
call GET "/v1.0/users/$id/presence"
is_st 200 "control: refused rules are not installed"

# delay_ms: the faulted request is slow, a concurrent one is not.
ctl POST /_graphsim/faults \
    '[{"route": "POST /communications/getPresencesByUserId", "delay_ms": 1500}]'
curl -s --max-time "$CT_MAX_TIME" -o /dev/null -w '%{http_code} %{time_total}' \
    -H "@$T/auth" -H 'Content-Type: application/json' --data-binary "$many" \
    "$GS_URL/v1.0/communications/getPresencesByUserId" >"$T/slow" &
slow=$!
sleep 0.3
timed GET "/v1.0/users/$id/presence"
fast_st=$st
fast_secs=$secs
kill -0 "$slow" 2>/dev/null
still=$?
wait "$slow"
read -r slow_st slow_secs <"$T/slow"
check "control: delay_ms 1500 makes the request take >= 1.5 s (got ${slow_secs}s)" \
    ge "$slow_secs" 1.5
is "$slow_st" 200 "control: a delay alone still answers 200"
check "control: a concurrent request is not held up (got ${fast_secs}s)" \
    ge 0.5 "$fast_secs"
is "$fast_st $still" "200 0" "control: the concurrent request finished during the delay"

ctl POST /_graphsim/faults \
    '[{"route": "GET /users/{id}/presence", "delay_ms": 800, "status": 503}]'
timed GET "/v1.0/users/$id/presence"
# shellcheck disable=SC2016 # $1 and $2 are the inner shell's.
check "control: delay_ms with status delays (got ${secs}s) and answers 503" \
    sh -c '[ "$1" = 503 ] && awk -v s="$2" "BEGIN { exit !(s >= 0.8) }"' sh "$st" "$secs"

# drop, truncate, malformed.
ctl POST /_graphsim/faults '[{"route": "GET /users/{id}/presence", "drop": true}]'
call GET "/v1.0/users/$id/presence"
is "$rc $st" "52 000" "control: drop closes the connection with an empty reply"
call GET "/v1.0/users?\$top=50"
full=$(wc -c <"$T/body")
ctl POST /_graphsim/faults '[{"route": "GET /users", "truncate": true}]'
call GET "/v1.0/users?\$top=50"
got=$(wc -c <"$T/body")
is "$st" 200 "control: truncate keeps the status"
check "control: truncate sends part of the body ($got of $full bytes)" \
    test "$got" -lt "$full" -a "$got" -gt 0
if jq -e . "$T/body" >/dev/null 2>&1; then
    not_ok "control: a truncated body does not parse"
else
    ok "control: a truncated body does not parse"
fi
ctl POST /_graphsim/faults \
    '[{"route": "POST /communications/getPresencesByUserId", "malformed": true}]'
call POST /v1.0/communications/getPresencesByUserId "$many"
is "$st" 200 "control: malformed answers 200"
if jq -e . "$T/body" >/dev/null 2>&1; then
    not_ok "control: a malformed body is not JSON"
else
    ok "control: a malformed body is not JSON"
fi
call POST /v1.0/communications/getPresencesByUserId "$many"
jtrue "control: the next answer is whole again" '.value | length == 2'

ctl POST /_graphsim/faults \
    '[{"route": "POST /{tenant}/oauth2/v2.0/token", "status": 503, "retry_after": 5}]'
raw POST "/$GS_TENANT/oauth2/v2.0/token" \
    --data-urlencode "client_id=$GS_CLIENT_ID" \
    --data-urlencode "client_secret=$GS_CLIENT_SECRET" \
    --data-urlencode "scope=https://graph.microsoft.com/.default" \
    --data-urlencode "grant_type=client_credentials"
is "$st $(hdr Retry-After)" "503 5" "control: the token endpoint can be faulted"
ctl DELETE /_graphsim/faults

# Stored presence with any strings (PUT /_graphsim/users/{id}/presence).
call GET "/v1.0/users/$id3/presence"
seq0=$(jb .sequenceNumber)
jq -n '{
    availability: "Quantum\u0007Flux",
    activity: "\u001b[31mRED\u001b[0m\u001b]0;pwned\u0007",
    outOfOfficeSettings: {isOutOfOffice: true,
        message: "line1\nline2\r\tTabbed \"quoted\" back\\slash \u0001\u001f\u007f"},
    statusMessage: {message: {content: "Caf\u00e9 \u2615 \u65e5\u672c \ud83d\ude00 \u202eevil",
        contentType: "weird"}},
    workLocation: {workLocationType: "spaceStation", source: "telepathy",
        placeId: "</script><b>"}
}' >"$T/put"
call PUT "/_graphsim/users/$id3/presence" "@$T/put"
is_st 200 "control: PUT /_graphsim/users/{id}/presence gives 200"
jtrue "control: the PUT answer is the stored presence with id" ".id == \"$id3\""
want=$(jq -S -c . "$T/put")
strip='del(.id, .sequenceNumber, ."@odata.context", ."@odata.type")'
call GET "/v1.0/users/$id3/presence"
is "$(jb -S -c "$strip")" "$want" "control: GET returns the stored presence exactly"
seq1=$(jb .sequenceNumber)
check "control: the stored presence has a higher sequenceNumber" \
    seqlt "$seq0" "$seq1"
call GET "/beta/communications/presences/$id3"
is "$(jb -S -c "(if has(\"value\") then .value[0] else . end) | $strip")" \
    "$want" "control: /communications/presences/{id} returns it exactly"
call POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$id3\"]}"
is "$(jb -S -c ".value[0] | $strip")" "$want" \
    "control: getPresencesByUserId returns it exactly"
call GET "/v1.0/users/$id3/presence"
jb -j .activity | od -An -c | tr -s ' ' >"$T/got.od"
printf '\033[31mRED\033[0m\033]0;pwned\007' | od -An -c | tr -s ' ' >"$T/want.od"
check "control: the escape sequences come back byte for byte" \
    cmp -s "$T/got.od" "$T/want.od"

head -c 150000 /dev/zero | tr '\0' 'x' >"$T/huge"
jq -Rs '{availability: "Busy", activity: "InACall",
    statusMessage: {message: {content: ., contentType: "text"}}}' \
    "$T/huge" >"$T/puthuge"
call PUT "/_graphsim/users/$id2/presence" "@$T/puthuge"
is_st 200 "control: PUT of a 150 kB status message gives 200"
call GET "/v1.0/users/$id2/presence"
is "$(jb -j .statusMessage.message.content | wc -c | tr -d ' ')" 150000 \
    "control: the 150 kB message comes back whole"

fresh_user "$id3"
set_presence "$id3" Busy InACall PT1H
is "$(pair "$id3")" Busy/InACall "control: a write method replaces the stored presence"
call PUT "/_graphsim/users/$NOBODY/presence" "@$T/put"
is_st 404 "control: PUT for an unknown person gives 404"
call PUT "/_graphsim/users/$id3/presence" '{"availability": '
is_st 400 "control: PUT with broken JSON gives 400"

# The internal state of a person.
ctl GET "/_graphsim/users/$id3"
is_st 200 "control: GET /_graphsim/users/{id} gives 200"
jtrue "control: the internal state has id, names, presence, sessions, preferred, statusMessage" \
    ".id == \"$id3\" and (.displayName | type) == \"string\" and
     (.userPrincipalName | type) == \"string\" and
     .presence.availability == \"Busy\" and (.sessions | type) == \"array\" and
     has(\"preferred\") and has(\"statusMessage\")"
jtrue "control: the app's session shows with its fields" \
    ".sessions | map(select(.sessionId == \"$GS_CLIENT_ID\"))[0] |
     .availability == \"Busy\" and .activity == \"InACall\" and .kind == \"app\" and
     (.expiresAt | type) == \"string\""
set_preferred "$id3" Away Away PT2H
ctl GET "/_graphsim/users/$id3"
jtrue "control: preferred presence shows in the internal state" \
    '.preferred.availability == "Away" and .preferred.activity == "Away" and
     (.preferred.expiresAt | type) == "string"'
ctl GET "/_graphsim/users/$NOBODY"
is_st 404 "control: the internal state of an unknown person gives 404"

# The clock.
ctl GET /_graphsim/clock
is_st 200 "control: GET /_graphsim/clock gives 200"
n0=$(jb .now)
like "$(printf '%s' "$n0" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$')" \
    T "control: now is ISO 8601 in UTC with Z"
e0=$(date -u -d "$n0" +%s)
real=$(date -u +%s)
check "control: the clock starts at real time" test $((e0 - real)) -le 2 -a $((real - e0)) -le 2
ctl POST /_graphsim/clock '{"advance_seconds": 3600}'
is_st 200 "control: POST /_graphsim/clock gives 200"
e1=$(date -u -d "$(jb .now)" +%s)
check "control: advance_seconds 3600 moves now by an hour (got $((e1 - e0)))" \
    test $((e1 - e0)) -ge 3600 -a $((e1 - e0)) -le 3605
ctl GET /_graphsim/clock
e2=$(date -u -d "$(jb .now)" +%s)
check "control: GET /_graphsim/clock keeps the advance" test $((e2 - e1)) -ge 0 -a $((e2 - e1)) -le 2

ctl GET /_graphsim/nonsense
is_st 404 "control: an unknown control path gives 404"

done_testing
