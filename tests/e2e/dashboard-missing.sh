#!/bin/sh
# A person named in the roster who matches nobody (a typo, someone who
# left) does not blank the dashboard: everyone else is shown, and the one
# not found is named.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 6

gs_start --users 200
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
upn() {
	# shellcheck disable=SC2016 # $select and $top are Graph's.
	gs_graph '/v1.0/users?$select=userPrincipalName&$top=999' |
	    jq -r ".value[$1].userPrincipalName"
}
upn0=$(upn 0)
upn1=$(upn 1)
name0=$(sed -n 1p "$T/users" | cut -f2)
typo="nobody@x.example"
# A display name of several people: left out and named, as a typo is.
# shellcheck disable=SC2016 # $select and $top are Graph's.
several=$(gs_graph '/v1.0/users?$select=displayName&$top=999' |
    jq -r '[.value[] | .displayName] | group_by(.) |
    map(select(length > 1 and (.[0] | test("^[A-Z][a-z]+ [A-Z][a-z]+$"))))
    | .[0][0]')
TT_X=200 tt_start --refresh 60 --user "$upn0" --user "$typo" --user "$upn1" \
    --user "$several"
check "the people found are loaded" wait_for 15 tt_loaded 2
check "and shown" tt_has "$(printf '%s' "$name0" | cut -c1-10)"
check "the one not found is named" tt_has "no user '$typo' in the directory"
check "the roster is not reloaded every refresh" tt_lacks "Loading the roster"
tt_keys L
check "a name of several people is left out and named ($several)" \
    wait_for 5 tt_has "'$several' is"
tt_keys Escape
is "$(gs_count 'POST /communications/getPresencesByUserId')" 1 \
    "their presence is read in one request"
