#!/bin/sh
# teamtop get and export: reading presence by UPN, mail or id, the table,
# --json and --csv outputs, inert escape sequences, options after the
# command name, and --api beta.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 30
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 30

id0=$(gs_user 0 id)
upn0=$(gs_user 0 userPrincipalName)
id1=$(gs_user 1 id)
mail1=$(gs_user 1 mail)
name0=$(gs_user 0 displayName)

gs_put "/_graphsim/users/$id0/presence" '{"availability":"Busy",
    "activity":"InACall","statusMessage":{"message":{"content":"On, the \"bridge\"",
    "contentType":"text"}}}' >/dev/null

tt get "$upn0"
is "$rc" 0 "get by UPN exits 0"
like "$(cat "$T/out")" "InACall" "the table shows the activity"
like "$(cat "$T/out")" "$name0" "the table shows the person's name"
like "$(head -1 "$T/out")" "AVAILABILITY" "the table has a header row"

tt --json get "$upn0" "$mail1" "$id1"
is "$rc" 0 "get of three users by UPN, mail and id exits 0"
check "--json output is valid JSON" is_json "$T/out"
is "$(jq -r '.value | length' "$T/out")" 2 "a user named twice is listed once"
is "$(jq -r '.value[0].availability' "$T/out")" Busy "--json keeps Graph's availability"
is "$(jq -r '.value[0].id' "$T/out")" "$id0" "--json carries Graph's id field"
is "$(jq -r '.value[0].statusMessage.message.content' "$T/out")" 'On, the "bridge"' \
    "--json nests statusMessage.message.content as Graph does"
is "$(jq -r '.value[1].id' "$T/out")" "$id1" "results keep the order given"

# A person whose mail differs from the userPrincipalName is found by mail.
gs_api "/users?\$top=999&\$select=id,userPrincipalName,mail" |
    jq -r '[.value[] | select(.mail != null and .mail != .userPrincipalName)][0] | [.id, .mail] | @tsv' \
    >"$T/mailuser"
mid=$(cut -f1 "$T/mailuser")
mmail=$(cut -f2 "$T/mailuser")
unlike "$mmail" "null" "graphsim has a person whose mail is not the UPN ($mmail)"
tt --json get "$mmail"
is "$rc" 0 "get by a mail that is not the UPN exits 0"
is "$(jq -r '.value[0].id' "$T/out")" "$mid" "and reads that person's presence"

tt get --csv "$upn0"
is "$rc" 0 "--csv after the command name exits 0"
like "$(head -1 "$T/out")" "availability,activity" "--csv has a header row"
like "$(cat "$T/out")" '"On, the ""bridge"""' \
    "--csv quotes a status message with a comma and a quote (RFC 4180)"

# A status message with an escape sequence prints inert.
gs_put "/_graphsim/users/$id0/presence" "$(printf '{"availability":"Away","activity":"Away","statusMessage":{"message":{"content":"x\\u001b[2Jy\\u0007z","contentType":"text"}}}')" >/dev/null
tt get "$id0"
is "$rc" 0 "get by id exits 0"
esc=$(printf '\033')
bel=$(printf '\007')
unlike "$(cat "$T/out")" "$esc" "no escape character reaches the table"
unlike "$(cat "$T/out")" "$bel" "no bell character reaches the table"
like "$(cat "$T/out")" "y" "the rest of the message is shown"

tt get nobody@nowhere.invalid
is "$rc" 1 "an unknown user exits 1"
like "$(cat "$T/err")" "nobody@nowhere.invalid" "the message names the user"

gs_reset
tt get "$upn0" --api beta --json
is "$rc" 0 "--api beta after the command works"
check "--api beta sends the requests to /beta" \
    test "$(gs_control /_graphsim/stats | jq -r '.by_version.beta // 0')" -ge 2
is "$(gs_control /_graphsim/stats | jq -r '.by_version["v1.0"] // 0')" 0 "and none to /v1.0"

tt export --json
is "$rc" 0 "export exits 0"
is "$(jq -r '.value | length' "$T/out")" 30 "export lists every person of the directory"
is "$(jq -r '.value[0] | has("availability") and has("displayName")' "$T/out")" true \
    "export rows carry the person and their presence"

tt export --csv
is "$(wc -l <"$T/out" | tr -d ' ')" 31 "export --csv has a header and one row per person"
