#!/bin/sh
# get and export with people who match nobody: everyone found is printed,
# each one not found is named on stderr (and as an error record in --json),
# and the exit status is 1, as set does.
. "$top_srcdir/tests/lib/tap.sh"
gs_start --users 30
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 19

upn0=$(gs_user 0 userPrincipalName)
name0=$(gs_user 0 displayName)
upn1=$(gs_user 1 userPrincipalName)
typo="x$upn0"

tt get "$upn0" "$typo"
is "$rc" 1 "get of a valid and an unknown user exits 1"
like "$(cat "$T/out")" "$name0" "the valid user is printed"
is "$(grep -c . "$T/out")" 2 "one header and one row"
like "$(cat "$T/err")" "no user '$typo' in the directory" \
    "the unknown user is named on stderr"

tt --csv get "$typo" "$upn0" "$upn1"
is "$rc" 1 "get --csv with an unknown user exits 1"
is "$(grep -c . "$T/out")" 3 "--csv prints the header and both valid users"
like "$(cat "$T/err")" "no user '$typo'" "--csv names the unknown user on stderr"

tt --json get "$upn0" "$typo"
is "$rc" 1 "get --json with an unknown user exits 1"
check "--json output is valid JSON" is_json "$T/out"
is "$(jq -r '.value | length' "$T/out")" 1 "--json lists the valid user"
is "$(jq -r '.value[0].userPrincipalName' "$T/out")" "$upn0" "the right one"
is "$(jq -c '.errors' "$T/out")" \
    "[{\"user\":\"$typo\",\"error\":{\"code\":\"NotFound\",\"message\":\"no user '$typo' in the directory\"}}]" \
    "--json carries an error record for the unknown user"

tt get "$typo"
is "$rc" 1 "get of only an unknown user exits 1"
is "$(grep -c . "$T/out")" 1 "and prints only the header"

tt get "$upn0"
is "$rc" 0 "get of a valid user still exits 0"
tt --json get "$upn0"
is "$(jq -r 'has("errors")' "$T/out")" false "and has no errors in --json"

tt --user "$upn0" --user "$typo" export
is "$rc" 1 "export of a roster with an unknown user exits 1"
like "$(cat "$T/out")" "$name0" "and prints the users found"
like "$(cat "$T/err")" "no user '$typo'" "and names the one not found"
