#!/bin/sh
# A bulk write goes out several requests at a time, within a pace that
# keeps to Graph's budget; each person has their own outcome, so a fault
# on some fails exactly those.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 60 --latency 300
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 7

route='POST /users/{id}/presence/setStatusMessage'
# shellcheck disable=SC2016 # $top and $select are Graph's.
gs_api '/users?$top=40&$select=userPrincipalName' |
    jq -r '.value[].userPrincipalName' >"$T/people"
is "$(wc -l <"$T/people" | tr -d ' ')" 40 "40 people to write to"

gs_reset
start=$(date +%s%N)
tt status --from "$T/people" 'Fire drill at 3'
ms=$(( ($(date +%s%N) - start) / 1000000 ))
diag "40 status messages at 300 ms a request: $ms ms"
is "$rc" 0 "the bulk write exits 0"
is "$(gs_count "$route")" 40 "40 requests reached graphsim"
# One at a time would take 40 x 300 ms = 12 s.
check "they went several at a time ($ms ms, under 8 s)" test "$ms" -lt 8000

# Five of them fail: exactly those five are reported.
gs_reset
gs_post /_graphsim/faults "{\"route\": \"$route\", \"count\": 5,
    \"status\": 403, \"code\": \"Forbidden\"}" >/dev/null
tt --json status --from "$T/people" 'Back at 4'
is "$rc" 1 "a run in which five fail exits 1"
is "$(jq -s '[.[] | select(.outcome == "failed")] | length' "$T/out")" 5 \
    "exactly five are reported as failed"
is "$(jq -s '[.[] | select(.outcome == "done")] | length' "$T/out")" 35 \
    "and the other 35 as done"
