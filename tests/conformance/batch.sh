#!/bin/sh
# graphsim conformance: JSON batching (graph-presence-api.md section 6.4).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

gs_start
auth_init
user_ids 30 "$T/ids"

# gets N [ID-PREFIX]: a batch body of N GET presence requests for the first
# N people, request ids PREFIX1..PREFIXN.
gets() {
    head -n "$1" "$T/ids" | jq -Rn --arg p "${2:-r}" '{requests: [
        [inputs] | to_entries[] |
        {id: "\($p)\(.key + 1)", method: "GET",
         url: "/users/\(.value)/presence"}]}'
}

gets 20 >"$T/b20"
call POST "/v1.0/\$batch" "@$T/b20"
is_st 200 "batch: 20 requests give 200"
jtrue "batch: 20 responses come back" '.responses | length == 20'
jtrue "batch: the response ids are exactly the request ids" \
    '[.responses[].id] | sort == ([range(1; 21) | "r\(.)"] | sort)'
jtrue "batch: each response has its own status 200" \
    'all(.responses[]; .status == 200)'
want=$(jq -c '[.requests[] | {id, u: (.url | split("/")[2])}] | sort' "$T/b20")
got=$(jb -c '[.responses[] | {id, u: .body.id}] | sort')
is "$got" "$want" "batch: each response carries the presence its request asked for"
jtrue "batch: each body has availability and activity" \
    'all(.responses[]; (.body.availability | type) == "string" and
     (.body.activity | type) == "string")'

# A step URL that keeps the version is a path Graph does not know (8).
call POST "/v1.0/\$batch" '{"requests":[{"id":"1","method":"GET","url":"/v1.0/groups"}]}'
is_st 200 "batch: a step with a versioned url still gives 200 for the batch"
is "$(jb -c '.responses[0] | [.status, .body.error.code, .body.error.message]')" \
    '[400,"BadRequest","Resource not found for the segment '"'v1.0'"'."]' \
    "batch: the step answers 400 naming the segment 'v1.0'"

gets 21 >"$T/b21"
call POST "/v1.0/\$batch" "@$T/b21"
is_err 400 BadRequest "batch: 21 requests give 400 BadRequest"
jq '.requests[1].id = "r1"' "$T/b20" >"$T/bdup"
call POST "/v1.0/\$batch" "@$T/bdup"
is_err 400 BadRequest "batch: duplicate request ids give 400 BadRequest"
call POST "/v1.0/\$batch" 'not json'
is_st 400 "batch: a body that is not JSON gives 400"
call POST "/v1.0/\$batch" '{"requests":"x"}'
is_st 400 "batch: requests that is not an array gives 400"
call POST "/v1.0/\$batch" '{}'
is_st 400 "batch: a body without requests gives 400"

gets 3 >"$T/b3"
call POST "/beta/\$batch" "@$T/b3"
is "$st $(jb '.responses | length')" "200 3" "batch: /beta/\$batch works"
raw POST "/v1.0/\$batch" -H 'Content-Type: application/json' \
    --data-binary "@$T/b3"
is_err 401 InvalidAuthenticationToken "batch: without a token gives 401"

# Mixed outcomes, each with its own status.
a=$(sed -n 1p "$T/ids")
b=$(sed -n 2p "$T/ids")
fresh_user "$b"
cat >"$T/mixed" <<EOF
{"requests": [
 {"id": "ok", "method": "GET", "url": "/users/$a/presence"},
 {"id": "missing", "method": "GET", "url": "/users/$NOBODY/presence"},
 {"id": "me", "method": "GET", "url": "/me/presence"},
 {"id": "set", "method": "POST", "url": "/users/$b/presence/setPresence",
  "headers": {"Content-Type": "application/json"},
  "body": {"sessionId": "$GS_CLIENT_ID", "availability": "DoNotDisturb",
           "activity": "Presenting", "expirationDuration": "PT1H"}},
 {"id": "many", "method": "POST", "url": "/communications/getPresencesByUserId",
  "headers": {"Content-Type": "application/json"},
  "body": {"ids": ["$a", "$b"]}},
 {"id": "bad", "method": "POST", "url": "/users/$b/presence/setPresence",
  "headers": {"Content-Type": "application/json"},
  "body": {"sessionId": "$GS_CLIENT_ID", "availability": "Busy",
           "activity": "Busy"}}
]}
EOF
call POST "/v1.0/\$batch" "@$T/mixed"
is "$st $(jb '.responses | length')" "200 6" "batch: a mixed batch gives 200 with 6 responses"
r() {
    jb ".responses[] | select(.id == \"$1\") | $2"
}
is "$(r ok .status) $(r ok .body.id)" "200 $a" "batch: the good GET gets 200 and its presence"
is "$(r missing .status) $(r missing .body.error.code)" "404 NotFound" \
    "batch: the unknown person gets 404 NotFound inside"
is "$(r me .status) $(r me .body.error.code)" "400 BadRequest" \
    "batch: /me with an app token gets 400 BadRequest inside"
is "$(r set .status)" 200 "batch: setPresence inside a batch gets 200"
is "$(r many .status) $(r many '.body.value | length')" "200 2" \
    "batch: getPresencesByUserId inside a batch gets 200 and 2 presences"
is "$(r bad .status) $(r bad .body.error.code)" "400 InvalidArgument" \
    "batch: a refused pair inside a batch gets 400 InvalidArgument"
is "$(pair "$b")" DoNotDisturb/Presenting "batch: the batched setPresence shows in GET"

# dependsOn: a failed dependency gives 424.
cat >"$T/dep" <<EOF
{"requests": [
 {"id": "1", "method": "GET", "url": "/users/$NOBODY/presence"},
 {"id": "2", "method": "GET", "url": "/users/$a/presence", "dependsOn": ["1"]}
]}
EOF
call POST "/v1.0/\$batch" "@$T/dep"
is "$st $(r 1 .status) $(r 2 .status)" "200 404 424" \
    "batch: a request depending on a failed one gets 424"

# Stats count the batch once and each sub-request under its own route.
raw POST /_graphsim/stats/reset
call POST "/v1.0/\$batch" "@$T/b3"
raw GET /_graphsim/stats
is "$(jb '.by_route["POST /$batch"]') $(jb '.by_route["GET /users/{id}/presence"]')" \
    "1 3" "batch: stats count POST /\$batch once and its 3 GETs under their route"

done_testing
