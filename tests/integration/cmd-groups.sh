#!/bin/sh
# teamtop groups [PATTERN]: every group of the directory with its member
# count as Graph counts it, the pattern matched ignoring case and accents
# (or as a wildcard pattern), and --json and --csv like get.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 300 --groups 24
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 19
# The order of names is the locale's: the same for teamtop and sort.
LC_ALL=C.UTF-8
export LC_ALL

tok=$(gs_token)
gs_api "/groups?\$top=999&\$select=id,displayName" >"$T/groups"
ngroups=$(jq '.value | length' "$T/groups")

# members ID: the direct members graphsim has for a group.
members() {
	_next="$GS_URL/v1.0/groups/$1/members?\$top=999&\$select=id"
	while [ -n "$_next" ]; do
		curl -s -H "Authorization: Bearer $tok" "$_next" >"$T/page"
		jq -c '.value[]' "$T/page"
		_next=$(jq -r '.["@odata.nextLink"] // empty' "$T/page")
	done | grep -c .
}

tt --json groups
is "$rc" 0 "groups exits 0"
check "--json output is valid JSON" is_json "$T/out"
is "$(jq '.value | length' "$T/out")" "$ngroups" "every group of the directory is listed"
is "$(jq -r '[.value[] | .members | type] | unique | join(",")' "$T/out")" number \
    "each with a member count"
wrong=0
for id in $(jq -r '.value[0:6][] | .id' "$T/out"); do
	want=$(members "$id")
	got=$(jq -r --arg id "$id" '.value[] | select(.id == $id) | .members' "$T/out")
	[ "$got" = "$want" ] || { wrong=$((wrong + 1)); diag "$id: $got, not $want"; }
done
is "$wrong" 0 "the counts are those of the groups' direct members"
jq -r '.value[].displayName' "$T/out" >"$T/order"
is "$(LC_ALL=C.UTF-8 sort "$T/order" | cmp -s - "$T/order" && echo sorted)" sorted \
    "in the order of their names"

tt groups helpdesk
is "$rc" 0 "groups helpdesk exits 0"
like "$(head -1 "$T/out")" "MEMBERS" "the table has a header row"
is "$(sed 1d "$T/out" | awk '{ print $1 }' | sort -u)" Helpdesk \
    "only the groups whose name holds helpdesk are listed"
is "$(sed 1d "$T/out" | grep -c .)" 3 "all three of them"
hd1=$(jq -r '.value[] | select(.displayName == "Helpdesk Tier 1") | .id' "$T/groups")
like "$(grep 'Helpdesk Tier 1' "$T/out")" "$(members "$hd1")" \
    "the table shows Helpdesk Tier 1's member count"

# Accents and case aside: zurich finds Zürich Office.
tt --json groups ZURICH
is "$(jq -r '.value[].displayName' "$T/out")" "Zürich Office" \
    "ZURICH finds Zürich Office"

# A wildcard pattern is matched against the whole name.
tt --json groups 'helpdesk tier ?'
is "$(jq -r '.value[].displayName' "$T/out" | tr '\n' ,)" \
    "Helpdesk Tier 1,Helpdesk Tier 2," "a wildcard pattern matches whole names"

tt --csv groups 'sales*'
is "$rc" 0 "--csv exits 0"
is "$(head -1 "$T/out" | tr -d '\r')" "id,displayName,mail,members" "--csv has a header row"
is "$(sed 1d "$T/out" | grep -c .)" 2 "and a record for each Sales group"

tt groups "no such group"
is "$rc" 1 "a pattern that matches no group exits 1"
like "$(cat "$T/err")" "no group's name holds 'no such group'" "and says so"

tt groups a b
is "$rc" 2 "two patterns are a usage error"
