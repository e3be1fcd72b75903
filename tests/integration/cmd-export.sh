#!/bin/sh
# teamtop export prints the roster page by page as the directory comes,
# never holding it whole, with the same bytes as printing it all at once
# (teamtop get without USER, which does) in every format, with exactly
# ceil(N/650) getPresencesByUserId requests, the people who matched nobody
# in JSON's errors, and nothing on stdout when the roster cannot be read.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 12

# 7,000 people: more than one batch of export (5,200) and a remainder.
gs_start --users 7000 --groups 4

# same FORMAT-OPTION...: export and get print the same bytes and status.
same() {
	tt --max-directory 100000 get "$@"
	cp "$T/out" "$T/get.out"
	get_rc=$rc
	gs_reset
	tt --max-directory 100000 export "$@"
	if [ "$rc" = "$get_rc" ] && cmp -s "$T/get.out" "$T/out"; then
		ok "export ${*:-(table)} prints what get does ($(wc -c <"$T/out") bytes, exit $rc)"
	else
		not_ok "export ${*:-(table)} prints what get does"
		diag "exit $rc, get $get_rc" "$(cmp "$T/get.out" "$T/out")"
	fi
}

same --csv
lines=$(wc -l <"$T/out" | tr -d ' ')
is "$lines" 7001 "the CSV has a header and 7000 people"
is "$(gs_count "POST /communications/getPresencesByUserId")" 11 \
    "export asked for presence in ceil(7000/650) = 11 requests"
same --json
is "$(jq '.value | length' "$T/out")" 7000 "the JSON lists 7000 people"
same
same --plain

# A configured roster: a user, one who matches nobody, a group by name.
upn=$(gs_user 3 userPrincipalName)
group=$(gs_api "/groups?\$select=displayName" | jq -r '.value[0].displayName')
mkdir -p "$XDG_CONFIG_HOME/teamtop"
printf 'users = ["%s", "nobody@example.com"];\ngroups = ["%s"];\n' \
    "$upn" "$group" >"$XDG_CONFIG_HOME/teamtop/config"
same --json
is "$(jq -r '.errors[0].user' "$T/out")" nobody@example.com \
    "who matched nobody is in JSON's errors"
same --csv

# A roster that cannot be read: nothing on stdout, the reason on stderr.
printf 'groups = ["no such group"];\n' >"$XDG_CONFIG_HOME/teamtop/config"
tt export --csv
check "a roster that cannot be read prints nothing" test ! -s "$T/out"
like "$(cat "$T/err")" "no such group" "and says why"
