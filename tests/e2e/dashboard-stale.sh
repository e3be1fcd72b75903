#!/bin/sh
# When Graph fails, the last good data stays on screen marked stale with
# its age and the error in words; when Graph throttles until teamtop gives
# up, it says so; when it recovers, the marks go.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 10

gs_start --users 10
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
name=$(sed -n 1p "$T/users" | cut -f2)
tt_start --refresh 2
if wait_for 20 tt_loaded 10; then ok "the dashboard shows 10 people"; else
	not_ok "the dashboard shows 10 people"; tt_screen | sed 's/^/# /'
fi

curl -s -X POST -H 'Content-Type: application/json' \
    --data '[{"route":"POST /communications/getPresencesByUserId","count":1000,"status":403,"code":"Forbidden"}]' \
    "$GS_URL/_graphsim/faults" >/dev/null
check "a failing refresh marks the data stale" wait_for 10 tt_has "STALE"
bar=$(tt_screen | sed -n 40p)
like "$bar" "Forbidden" "the status bar says what went wrong"
check "the last good data stays on screen" tt_has "$name"

curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null
check "the stale mark goes when Graph answers again" wait_for 20 tt_lacks "STALE"
curl -s -X POST -H 'Content-Type: application/json' \
    --data '[{"route":"POST /communications/getPresencesByUserId","count":1000,"status":429,"retry_after":1}]' \
    "$GS_URL/_graphsim/faults" >/dev/null
check "throttling shows as THROTTLED" wait_for 30 tt_has "THROTTLED"
curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null
check "the throttled mark goes when Graph answers again" wait_for 30 tt_lacks "THROTTLED"
curl -s -X POST -H 'Content-Type: application/json' \
    --data '[{"route":"POST /communications/getPresencesByUserId","count":1,"status":429,"retry_after":1}]' \
    "$GS_URL/_graphsim/faults" >/dev/null
check "a refresh that was throttled, then answered, shows THROTTLED" \
    wait_for 30 tt_has "THROTTLED"
check "and is not marked stale" tt_lacks "STALE"
tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
