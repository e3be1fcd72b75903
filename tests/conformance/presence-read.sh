#!/bin/sh
# graphsim conformance: reading presence with GET and getPresencesByUserId
# (graph-presence-api.md sections 1, 2.1 to 2.3 and 8).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

gs_start --users 700
auth_init
user_ids 700 "$T/ids"
is "$(wc -l <"$T/ids" | tr -d ' ')" 700 "read: the directory lists the 700 people"
id=$(sed -n 1p "$T/ids")
id2=$(sed -n 2p "$T/ids")

# The presence shape, checked on every object a test reads.
shape='(.id | type) == "string" and (.availability | type) == "string" and
    (.activity | type) == "string" and (.sequenceNumber | type) == "string" and
    (.availability | length) > 0 and (.activity | length) > 0 and
    ((.outOfOfficeSettings // {isOutOfOffice: false}) |
        (.isOutOfOffice | type) == "boolean") and
    ((.statusMessage // {}) | has("expiryDateTime") | not) and
    ((.statusMessage // {}) | has("publishedDateTime") | not)'

for v in v1.0 beta; do
    call GET "/$v/users/$id/presence"
    is_st 200 "read: GET /$v/users/{id}/presence gives 200"
    jtrue "read: /$v/users/{id}/presence has the presence shape" "$shape"
    jtrue "read: /$v/users/{id}/presence is the asked person" ".id == \"$id\""
    jtrue "read: /$v/users/{id}/presence carries the presence @odata.context" \
        '."@odata.context" | test("\\$metadata#users\\(.*\\)/presence/\\$entity$")'
    like "$(hdr Content-Type)" application/json \
        "read: /$v presence answer is application/json"

    call GET "/$v/communications/presences/$id"
    is_st 200 "read: GET /$v/communications/presences/{id} gives 200"
    jtrue "read: /$v/communications/presences/{id} is the person's presence" \
        "(if has(\"value\") then .value[0] else . end) | .id == \"$id\""
    jtrue "read: /$v/communications/presences/{id} is a plain object (graphsim(1))" \
        'has("value") | not'


    call GET "/$v/me/presence"
    is_err 400 BadRequest "read: GET /$v/me/presence with an app token gives 400 BadRequest"
    like "$(jb .error.message)" "delegated authentication flow" \
        "read: /$v/me refusal says /me needs the delegated flow"

    call GET "/$v/users/$NOBODY/presence"
    is_err 404 NotFound "read: /$v presence of an unknown person gives 404 NotFound"
    call GET "/$v/communications/presences/$NOBODY"
    is_err 404 NotFound \
        "read: /$v/communications/presences of an unknown person gives 404 NotFound"
done

# The two GET forms and getPresencesByUserId agree while nothing changes.
call GET "/v1.0/users/$id/presence"
a=$(jb -S -c '{id, availability, activity, sequenceNumber}')
call GET "/v1.0/communications/presences/$id"
b=$(jb -S -c '(if has("value") then .value[0] else . end) |
    {id, availability, activity, sequenceNumber}')
is "$b" "$a" "read: /users/{id}/presence and /communications/presences/{id} agree"
call POST /v1.0/communications/getPresencesByUserId "{\"ids\":[\"$id\"]}"
c=$(jb -S -c '.value[0] | {id, availability, activity, sequenceNumber}')
is "$c" "$a" "read: getPresencesByUserId agrees with GET"

# getPresencesByUserId.
for v in v1.0 beta; do
    call POST "/$v/communications/getPresencesByUserId" \
        "{\"ids\":[\"$id\",\"$id2\"]}"
    is_st 200 "read: /$v getPresencesByUserId with 2 ids gives 200"
    jtrue "read: /$v getPresencesByUserId answers {value: [2 presences]}" \
        "(.value | length) == 2 and ([.value[].id] | sort) ==
        ([\"$id\", \"$id2\"] | sort) and all(.value[]; $shape)"
done

head -n 650 "$T/ids" >"$T/ids650"
ids_body "$T/ids650" >"$T/b650"
call POST /v1.0/communications/getPresencesByUserId "@$T/b650"
is_st 200 "read: getPresencesByUserId with 650 ids gives 200"
jq -r '.value[].id' "$T/body" | sort >"$T/got650"
sort "$T/ids650" >"$T/want650"
if cmp -s "$T/got650" "$T/want650"; then
    ok "read: the 650 presences are exactly the 650 ids"
else
    not_ok "read: the 650 presences are exactly the 650 ids"
fi
jtrue "read: all 650 have the presence shape" "all(.value[]; $shape)"

head -n 651 "$T/ids" >"$T/ids651"
ids_body "$T/ids651" >"$T/b651"
call POST /v1.0/communications/getPresencesByUserId "@$T/b651"
is_err 400 InvalidArgument \
    "read: getPresencesByUserId with 651 ids gives 400 InvalidArgument (graphsim(1))"
call POST /beta/communications/getPresencesByUserId "@$T/b651"
is_st 400 "read: /beta getPresencesByUserId with 651 ids gives 400"

call POST /v1.0/communications/getPresencesByUserId 'not json'
is_err 400 BadRequest \
    "read: getPresencesByUserId with a body that is not JSON gives 400 BadRequest"
call POST /v1.0/communications/getPresencesByUserId '{"ids":"nope"}'
is_err 400 InvalidArgument \
    "read: getPresencesByUserId with ids not an array gives 400 InvalidArgument"
call POST /v1.0/communications/getPresencesByUserId '{"ids":[]}'
is_err 400 InvalidArgument "read: getPresencesByUserId with no ids gives 400 InvalidArgument"
call POST /v1.0/communications/getPresencesByUserId '{"ids":["not-a-guid"]}'
is_err 400 InvalidArgument \
    "read: getPresencesByUserId with an id that is not a GUID gives 400 InvalidArgument"
call POST /v1.0/communications/getPresencesByUserId \
    "{\"ids\":[\"$id2\",\"$NOBODY\",\"$id\",\"$id2\"]}"
is "$st $(jb -c '[.value[].id]')" "200 [\"$id2\",\"$id\"]" \
    "read: ids of nobody are left out, a repeated id is answered once, in request order"
jtrue "read: getPresencesByUserId items carry @odata.type #microsoft.graph.presence" \
    'all(.value[]; ."@odata.type" == "#microsoft.graph.presence")'


# Everyone's presence is readable and well formed.
call POST /v1.0/communications/getPresencesByUserId "@$T/b650"
jtrue "read: sequenceNumbers are 16 upper-case hex digits (graphsim(1))" \
    'all(.value[]; .sequenceNumber | test("^[0-9A-F]{16}$"))'
jtrue "read: outOfOfficeSettings and workLocation are always present (graphsim(1))" \
    'all(.value[]; (.outOfOfficeSettings | type) == "object" and
        (.workLocation | type) == "object")'
jtrue "read: statusMessage is an object or null" \
    'all(.value[]; (.statusMessage | type) as $t | $t == "object" or $t == "null")'
upn=$(curl -s -H "@$T/auth" "$GS_URL/v1.0/users/$id" | jq -r .userPrincipalName)
call GET "/v1.0/users/$upn/presence"
is_err 404 NotFound "read: presence by userPrincipalName gives 404 NotFound (2.2, graphsim(1))"

# Unknown routes and versions.
call GET /v1.0/nonsense
is_err 400 BadRequest "read: an unknown path segment gives 400 BadRequest (8)"
is "$(jb -r .error.message)" "Resource not found for the segment 'nonsense'." \
    "read: the message names the unknown segment"
call GET "/v1.0/users/$id/presense"
is "$(jb -r .error.message)" "Resource not found for the segment 'presense'." \
    "read: the first unknown segment is named, after known ones"
call GET "/v2.0/users/$id/presence"
is_st 404 "read: an unknown version gives 404"
call GET /v1.0/communications/presences
is_st 404 "read: /communications/presences without an id gives 404 (2.2)"
call DELETE "/v1.0/users/$id/presence"
is_err 405 Request_BadRequest "read: DELETE on a presence gives 405 Request_BadRequest"

done_testing
