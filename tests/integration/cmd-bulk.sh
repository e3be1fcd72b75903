#!/bin/sh
# 2,000 users from a roster configuration: exactly ceil(2000/650) = 4
# getPresencesByUserId requests, results in the order given.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 2000
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 9

route='POST /communications/getPresencesByUserId'
gs_api "/users?\$top=999&\$select=id,userPrincipalName" >"$T/p1"
next=$(jq -r '.["@odata.nextLink"] // empty' "$T/p1")
: >"$T/upns"
jq -r '.value[].userPrincipalName' "$T/p1" >>"$T/upns"
while [ -n "$next" ]; do
	curl -s -H "Authorization: Bearer $(gs_token)" "$next" >"$T/p"
	jq -r '.value[].userPrincipalName' "$T/p" >>"$T/upns"
	next=$(jq -r '.["@odata.nextLink"] // empty' "$T/p")
done
is "$(wc -l <"$T/upns" | tr -d ' ')" 2000 "the directory has 2,000 users"

{
	printf 'users = [\n'
	sed 's/.*/  "&",/; $s/,$//' "$T/upns"
	printf '];\n'
} >"$T/roster.conf"

gs_reset
tt -c "$T/roster.conf" get --json
is "$rc" 0 "get of the 2,000 configured users exits 0"
is "$(jq -r '.value | length' "$T/out")" 2000 "every user is listed"
is "$(gs_count "$route")" 4 "exactly 4 getPresencesByUserId requests"
is "$(gs_count "POST /\$batch")" 7 \
    "the 2,000 names are resolved in 7 \$batch requests (20 filters of 15)"
is "$(jq -r '.value[1999].id' "$T/out")" \
    "$(gs_api "/users/$(tail -1 "$T/upns")" | jq -r .id)" "in the order of the roster"

gs_reset
tt export --csv
is "$rc" 0 "export of the directory exits 0"
is "$(wc -l <"$T/out" | tr -d ' ')" 2001 "export has a header and 2,000 rows"
is "$(gs_count "$route")" 4 "export makes 4 getPresencesByUserId requests"
