#!/bin/sh
# Writes to many people: the operands, --from FILE (or - for standard
# input) and the command line's --user and --group; one result line (or
# JSON record) per person, a partial failure exits 1, --dry-run sends
# nothing, and the configuration file's roster is never written to.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 60 --groups 6
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 27

set_route='POST /users/{id}/presence/setPresence'
status_route='POST /users/{id}/presence/setStatusMessage'
upn() { gs_user "$1" userPrincipalName; }
session_of() {
	gs_state "$(gs_user "$1" id)" |
	    jq -r --arg app "$GS_CLIENT_ID" \
	    '[.sessions[] | select(.sessionId == $app) | .availability] | first // "none"'
}

printf '# the helpdesk\n%s\n\n  %s  \nnobody@nowhere.example\n' \
    "$(upn 1)" "$(upn 2)" >"$T/people"
gs_reset
tt set --from "$T/people" --availability Away --activity Away --expires 1h
is "$rc" 1 "a run with one person not found exits 1"
is "$(gs_count "$set_route")" 2 "the two found were written to"
is "$(session_of 1) $(session_of 2)" "Away Away" "graphsim shows both sessions"
is "$(grep -c ': presence set$' "$T/out")" 2 "one result line for each"
like "$(cat "$T/out")" "$(upn 2): presence set" "named by their UPN"
like "$(cat "$T/err")" "nobody@nowhere.example: no user 'nobody@nowhere.example' in the directory" \
    "the one not found is named on stderr"

upn 1 >"$T/one"
tt clear --from - <"$T/one"
is "$rc" 0 "--from - reads standard input"
like "$(cat "$T/out")" "$(upn 1): presence session cleared" "and writes to who it names"

tt --json set "$(upn 4)" nobody@nowhere.example --availability Busy \
    --activity InACall
is "$rc" 1 "--json with a person not found exits 1"
is "$(wc -l <"$T/out" | tr -d ' ')" 2 "--json prints one record per person"
is "$(jq -sc '[.[] | [.user, .method, .outcome]]' "$T/out")" \
    "[[\"nobody@nowhere.example\",\"setPresence\",\"failed\"],[\"$(upn 4)\",\"setPresence\",\"done\"]]" \
    "each with the person, the method and the outcome"
is "$(jq -sc '.[0].error | [.status, .code]' "$T/out")" '[null,"NotFound"]' \
    "a failure carries its error"

# A group on the command line, not everyone's; who is in it is what
# export --group says (nested groups are followed, as cmd-roster.sh checks).
# shellcheck disable=SC2016 # $top and $select are Graph's.
gs_api '/groups?$top=999&$select=displayName' | jq -r '.value[].displayName' \
    >"$T/groups"
members=0
while IFS= read -r gname; do
	tt --group "$gname" --json export
	jq -r '.value[].id' "$T/out" >"$T/members"
	members=$(wc -l <"$T/members" | tr -d ' ')
	[ "$members" -gt 0 ] && [ "$members" -lt 60 ] && break
done <"$T/groups"
# Someone outside the group, for --user.
outsider=
for n in $(seq 5 59); do
	if ! grep -qx "$(gs_user "$n" id)" "$T/members"; then
		outsider=$n
		break
	fi
done
check "graphsim has a group with people in it" test "$members" -gt 0
check "and someone outside it" test -n "$outsider"
gs_reset
tt status --group "$gname" --expires 2h 'All hands at 3'
is "$rc" 0 "status --group exits 0"
is "$(gs_count "$status_route")" "$members" "every member's status message was set"
is "$(grep -c ': status message set$' "$T/out")" "$members" "one line each"
member0=$(head -1 "$T/members")
is "$(gs_state "$member0" | jq -r '.presence.statusMessage.message.content')" \
    "All hands at 3" "graphsim holds the message"

gs_reset
tt set --group "$gname" --user "$(upn "$outsider")" --availability Busy \
    --activity InACall --dry-run
is "$rc" 0 "--dry-run exits 0"
is "$(gs_count "$set_route")" 0 "--dry-run sends nothing"
is "$(grep -c 'would send setPresence {"sessionId":' "$T/out")" \
    "$((members + 1))" "and says what it would send to each, the --user too"
tt --json clear "$(upn 6)" --dry-run
is "$(jq -c '[.outcome, .method, .body]' "$T/out")" \
    "[\"dry-run\",\"clearPresence\",{\"sessionId\":\"$GS_CLIENT_ID\"}]" \
    "--dry-run --json gives the body"

# The configuration file's roster is for the dashboard, never a target.
mkdir -p "$T/xdg/teamtop"
printf 'groups = ["%s"];\n' "$gname" >"$T/xdg/teamtop/config"
gs_reset
tt set --availability Busy --activity InACall
is "$rc" 2 "set with only a configured roster is a usage error"
like "$(cat "$T/err")" "no user given" "that says no user was given"
is "$(gs_count "$set_route")" 0 "and nothing is sent"
tt status 'Hello'
is "$rc" 2 "status with only a message is a usage error too"
rm "$T/xdg/teamtop/config"

tt set --from "$T/missing-file" --availability Busy --activity InACall
is "$rc" 2 "an unreadable --from file exits 2"
