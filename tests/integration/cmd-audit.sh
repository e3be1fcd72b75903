#!/bin/sh
# Every write leaves one JSON line in the audit trail, audit.jsonl in the
# state directory, created 0600: when, who, the app, the person, the
# method, the body sent and the outcome; never a secret or a token.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 10
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 17

id0=$(gs_user 0 id)
upn0=$(gs_user 0 userPrincipalName)
audit=$T/state/teamtop/audit.jsonl

tt set "$upn0" --availability busy --activity inacall --expires 90m
is "$rc" 0 "set exits 0"
check "the audit trail exists" test -f "$audit"
is "$(stat -c %a "$audit")" 600 "it is created 0600"
is "$(stat -c %a "$T/state/teamtop")" 700 "in a directory only its owner may enter"
is "$(wc -l <"$audit" | tr -d ' ')" 1 "one line for one write"
is "$(jq -c '[.person, .method, .outcome, .app, .user]' "$audit")" \
    "[\"$id0\",\"setPresence\",\"done\",\"$GS_CLIENT_ID\",\"$(id -un)\"]" \
    "it names the person, the method, the outcome, the app and the user"
is "$(jq -c .body "$audit")" \
    "{\"sessionId\":\"$GS_CLIENT_ID\",\"availability\":\"Busy\",\"activity\":\"InACall\",\"expirationDuration\":\"PT1H30M\"}" \
    "and the body exactly as sent"
like "$(jq -r .time "$audit")" "$(date -u +%Y-)" "and when, in UTC"

tt status "$upn0" --expires 2h 'In the lab'
tt prefer "$upn0" --availability Busy --activity Busy
tt unprefer "$upn0"
tt clear "$upn0" --session 22553876-f5ab-4529-bffb-cfe50aa89f87
is "$rc" 1 "clearing a session that does not exist fails"
is "$(wc -l <"$audit" | tr -d ' ')" 5 "one line for each of five writes"
is "$(jq -r .method "$audit" | tr '\n' ' ')" \
    "setPresence setStatusMessage setUserPreferredPresence clearUserPreferredPresence clearPresence " \
    "in order"
is "$(tail -1 "$audit" | jq -c '[.outcome, .error.status, .error.code]')" \
    '["failed",404,"NotFound"]' "a refused write is recorded as failed, with Graph's code"
unlike "$(cat "$audit")" "$GS_CLIENT_SECRET" "the trail holds no secret"
unlike "$(cat "$audit")" "Bearer" "and no token"

tt set "$upn0" --availability Busy --activity Busy
is "$(wc -l <"$audit" | tr -d ' ')" 5 "a write refused before sending is not a write"

chmod 644 "$audit"
tt status "$upn0" 'Back soon'
is "$rc" 0 "a trail others could read does not stop the write"
like "$(cat "$T/err")" "audit trail: $audit: readable or writable by others (mode 644)" \
    "but is refused, with a warning that says why"
