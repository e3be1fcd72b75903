#!/bin/sh
# teamtop wait: polls everyone named with one getPresencesByUserId call each
# refresh, prints each change, exits 0 when all (or, with --any, one) are
# in the availability, 5 when --timeout runs out.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 10
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 14

route='POST /communications/getPresencesByUserId'
id0=$(gs_user 0 id)
upn0=$(gs_user 0 userPrincipalName)
id1=$(gs_user 1 id)
upn1=$(gs_user 1 userPrincipalName)
put() {
	gs_put "/_graphsim/users/$1/presence" \
	    "{\"availability\":\"$2\",\"activity\":\"$3\"}" >/dev/null
}
put "$id0" Busy InACall
put "$id1" Away Away

# Alice becomes Available after about 3 s; Bob stays Away.
(sleep 3; put "$id0" Available Available) &
gs_reset
start=$(date +%s)
tt --refresh 2 wait "$upn0" "$upn1" --until Available --any --timeout 30s
took=$(( $(date +%s) - start ))
is "$rc" 0 "wait --any exits 0 when one of them becomes Available"
check "soon after the change ($took s)" test "$took" -lt 10
like "$(head -1 "$T/out")" "$upn0: Busy/InACall" "it prints the state it starts from"
like "$(cat "$T/out")" "$upn0: Busy/InACall -> Available/Available" \
    "and the transition"
n=$(gs_count "$route")
check "one request a refresh for both people ($n in $took s)" \
    test "$n" -ge 2 -a "$n" -le $((took / 2 + 2))
is "$(gs_count 'GET /users/{id}/presence')" 0 "never one request a person"

# Both must be Available without --any: Bob is not; the timeout ends it.
start=$(date +%s)
tt --refresh 2 wait "$upn0" "$upn1" --until Available --timeout 4s
took=$(( $(date +%s) - start ))
is "$rc" 5 "a timeout exits 5"
like "$(cat "$T/err")" "not Available after 4 s; giving up" "saying why"
check "when the time given is up ($took s)" test "$took" -ge 4 -a "$took" -lt 10

put "$id1" Available Available
tt wait "$upn0" "$upn1" --until available
is "$rc" 0 "a condition already met exits 0 at once"
is "$(grep -c . "$T/out" | tr -d ' ')" 2 "after printing where each one is"

tt wait "$upn0" --until Lunch
is "$rc" 2 "an availability that does not exist is a usage error"
tt wait nobody@nowhere.example --until Available --timeout 2s
is "$rc" 1 "a person not found exits 1"
like "$(cat "$T/err")" "no user 'nobody@nowhere.example'" "naming them"
