#!/bin/sh
# The roster from groups: by display name or id, expanded through members
# (nested groups followed once) or transitiveMembers, without duplicates.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 300 --groups 20
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 14

# gs_all PATH: every item of a paged collection, one JSON object a line.
gs_all() {
	_next="$GS_URL/v1.0$1"
	while [ -n "$_next" ]; do
		curl -s -H "Authorization: Bearer $tok" "$_next" >"$T/page"
		jq -c '.value[]' "$T/page"
		_next=$(jq -r '.["@odata.nextLink"] // empty' "$T/page")
	done
}

tok=$(gs_token)
gs_all "/groups?\$top=999" >"$T/groups"
# A group that has a nested group among its direct members.
gid=
for g in $(jq -r .id "$T/groups"); do
	if gs_all "/groups/$g/members" | jq -e 'select(."@odata.type" ==
	    "#microsoft.graph.group")' >/dev/null; then
		gid=$g
		break
	fi
done
check "graphsim has a group with a nested group" test -n "$gid"
gname=$(jq -r "select(.id == \"$gid\") | .displayName" "$T/groups")
gs_all "/groups/$gid/transitiveMembers?\$top=999" |
    jq -r 'select(."@odata.type" == "#microsoft.graph.user") | .id' |
    sort -u >"$T/want"
diag "group '$gname': $(wc -l <"$T/want") people"

gs_reset
tt --group "$gname" export --json
is "$rc" 0 "export of a group by display name exits 0"
jq -r '.value[].id' "$T/out" | sort >"$T/got"
check "its members, nested groups expanded, are listed" cmp -s "$T/want" "$T/got"
is "$(jq -r '.value[].id' "$T/out" | sort | uniq -d | wc -l | tr -d ' ')" 0 \
    "nobody is listed twice"
is "$(gs_count 'GET /groups/{id}/transitiveMembers')" 0 \
    "without --transitive only members are asked for"

gs_reset
tt export --json --group "$gid" --transitive
is "$rc" 0 "export of a group by id with --transitive exits 0"
jq -r '.value[].id' "$T/out" | sort >"$T/got"
check "transitiveMembers gives the same people" cmp -s "$T/want" "$T/got"
is "$(gs_count 'GET /groups/{id}/members')" 0 \
    "--transitive asks for transitiveMembers only"
check "and does ask for them" test "$(gs_count 'GET /groups/{id}/transitiveMembers')" -ge 1

# A user named as well as through the group is listed once, first.
first=$(head -1 "$T/want")
tt --user "$first" --group "$gid" get --json
is "$rc" 0 "get of --user and --group together exits 0"
is "$(jq -r '.value[0].id' "$T/out")" "$first" "the named user comes first"
is "$(jq -r '.value | length' "$T/out")" "$(wc -l <"$T/want" | tr -d ' ')" \
    "and is not listed twice"

tt --group "No such group, really" export
is "$rc" 1 "an unknown group exits 1"
like "$(cat "$T/err")" "No such group, really" "and the message names it"
