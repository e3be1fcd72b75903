#!/bin/sh
# People and groups by display name: one match is used (by get and the
# writing commands alike); a name of several people lists them with their
# UPN and department and exits 2, sending nothing; a name of nobody exits 1
# with the nearest names ("did you mean"), accents and case aside; and a
# group name of nobody suggests the nearest group.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 200 --groups 20
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 32

gs_api "/users?\$top=999&\$select=id,displayName,userPrincipalName,department" \
    >"$T/users"

# A Latin name of one person only, one shared by several, and one with
# umlauts or accents of one person.
one=$(jq -r '[.value[] | .displayName] | group_by(.) |
    map(select(length == 1 and (.[0] | test("^[A-Z][a-z]+ [A-Z][a-z]+$"))))
    | .[0][0]' "$T/users")
several=$(jq -r '[.value[] | .displayName] | group_by(.) |
    map(select(length > 1 and (.[0] | test("^[A-Z][a-z]+ [A-Z][a-z]+$"))))
    | .[0][0]' "$T/users")
accented=$(jq -r '[.value[] | .displayName] | group_by(.) |
    map(select(length == 1 and (.[0] | test("^[A-Z][a-z]*[äöüé][a-z]* [A-Z][a-z]+$"))))
    | .[0][0]' "$T/users")
unlike "$one" null "graphsim has a name of one person ($one)"
unlike "$several" null "graphsim has a name of several people ($several)"
unlike "$accented" null "graphsim has an accented name of one person ($accented)"
one_id=$(jq -r --arg n "$one" '.value[] | select(.displayName == $n) | .id' \
    "$T/users")

# One match: the person is read, by their name in any case.
tt --json get "$one"
is "$rc" 0 "get by a display name of one person exits 0"
is "$(jq -r '.value[0].id' "$T/out")" "$one_id" "and reads that person"
lower=$(printf '%s' "$one" | tr '[:upper:]' '[:lower:]')
tt --json get "$lower"
is "$(jq -r '.value[0].id' "$T/out")" "$one_id" "the name matches in lower case too"

# Several: each listed with UPN and department; exit 2, nothing printed.
tt get "$several"
is "$rc" 2 "get by a name of several people exits 2"
is "$(grep -c . "$T/out")" 0 "and prints no rows"
like "$(cat "$T/err")" "'$several' is" "stderr says the name is several people"
like "$(cat "$T/err")" "which one?" "and asks which"
jq -r --arg n "$several" '.value[] | select(.displayName == $n) |
    "  \(.userPrincipalName) (\(.department))"' "$T/users" >"$T/want"
count=$(grep -c . "$T/want")
listed=0
while IFS= read -r line; do
	grep -q -x -F -- "$line" "$T/err" && listed=$((listed + 1))
done <"$T/want"
is "$listed" "$count" "every one of the $count is listed with UPN and department"

# None: the nearest name is suggested.
typo=$(printf '%s' "$one" | jq -R -r '.[0:1] + .[2:3] + .[1:2] + .[3:]')
one_upn=$(jq -r --arg n "$one" '.value[] | select(.displayName == $n) |
    .userPrincipalName' "$T/users")
tt get "$typo"
is "$rc" 1 "get by a mistyped name ($typo) exits 1"
like "$(cat "$T/err")" "no user '$typo' in the directory" "stderr says nobody is named so"
like "$(cat "$T/err")" "did you mean '$one' ($one_upn)" "and suggests the nearest name"
tt --json get "$typo"
like "$(jq -r '.errors[0].error.message' "$T/out")" "did you mean '$one'" \
    "--json carries the suggestion in the error record"

# Accents and case aside, the nearest name is the accented one.
plain=$(printf '%s' "$accented" |
    sed 's/ä/a/g; s/ö/o/g; s/ü/u/g; s/é/e/g' | tr '[:upper:]' '[:lower:]')
tt get "$plain"
is "$rc" 1 "get by '$plain' exits 1"
like "$(cat "$T/err")" "did you mean '$accented'" \
    "and suggests '$accented', accents and case aside"

# An address or an id of nobody is not searched for by name.
gs_reset
tt get nobody@nowhere.example
is "$rc" 1 "an unknown address exits 1"
unlike "$(cat "$T/err")" "did you mean" "with no suggestion"
is "$(gs_count "GET /users")" 2 \
    "and is looked up by UPN and by mail only, not by name"

# The writing commands resolve names the same way.
tt set "$one" --availability Busy --activity InACall --expires 10m
is "$rc" 0 "set by a display name of one person exits 0"
is "$(gs_state "$one_id" | jq -r '.sessions[] | select(.kind == "app") |
    .availability')" Busy "and sets that person's presence"
gs_reset
tt status "$several" 'Back at 3'
is "$rc" 2 "status to a name of several people exits 2"
like "$(cat "$T/err")" "which one?" "and asks which"
is "$(gs_count "POST /users/{id}/presence/setStatusMessage")" 0 "and sends nothing"
tt clear "$typo"
is "$rc" 1 "clear to a mistyped name exits 1"
like "$(cat "$T/err")" "did you mean '$one'" "and suggests the nearest name"
is "$(gs_count "POST /users/{id}/presence/clearPresence")" 0 "and sends nothing"

# Groups: a mistyped name suggests the nearest group.
tt --group "Helpdesk Teir 1" get
is "$rc" 1 "--group with a mistyped group name exits 1"
like "$(cat "$T/err")" "no group named 'Helpdesk Teir 1'" "stderr says there is no such group"
like "$(cat "$T/err")" "did you mean 'Helpdesk Tier 1'" "and suggests Helpdesk Tier 1"
tt --group "helpdesk tier 1" --json get
is "$rc" 0 "--group by a name in another case exits 0"
