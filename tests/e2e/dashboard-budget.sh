#!/bin/sh
# The Graph budget: a roster whose refreshes would take more than
# graph_share percent of the app's 1,500 requests per 30 s is refreshed
# less often, and the status bar says so; graphsim counts the requests.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 8

refreshes() {
	gs_count "POST /communications/getPresencesByUserId"
}

# 2,000 people: 4 requests a refresh. At 1% (15 requests per 30 s) that
# is one refresh every 4 x 30 x 100 / (1500 x 1) = 8 s, not every 2 s.
gs_start --users 2000
tt_start --refresh 2 --graph-share 1 --max-directory 10000
if wait_for 30 tt_loaded 2000; then ok "the dashboard shows 2000 people"; else
	not_ok "the dashboard shows 2000 people"; tt_screen | sed 's/^/# /'
fi
check "the status bar says the budget stretched the interval" \
    wait_for 10 tt_has "refresh every 8 s (Graph budget)"
# Count the requests of 12 seconds from the end of a refresh.
n=$(refreshes)
wait_for 20 sh -c "[ \$(curl -s '$GS_URL/_graphsim/stats' | jq -r '.by_route[\"POST /communications/getPresencesByUserId\"] // 0') -gt $n ]"
sleep 1
n=$(refreshes)
sleep 12
got=$(($(refreshes) - n))
diag "$got requests in 12 s"
check "12 s at a 2 s refresh take at most 2 refreshes ($got requests)" \
    test "$got" -le 8
check "... and refreshes still come ($got requests)" test "$got" -ge 4
before=$(refreshes)
tt_keys r
check "r refreshes at once all the same" \
    wait_for 5 sh -c "[ \$(curl -s '$GS_URL/_graphsim/stats' | jq -r '.by_route[\"POST /communications/getPresencesByUserId\"] // 0') -gt $before ]"
tt_keys q
wait_for 5 tt_exited
tt_tmux kill-server 2>/dev/null

# Within the share: the interval asked for, and nothing said.
tt_start --refresh 2 --max-directory 10000
if wait_for 30 tt_loaded 2000; then ok "the dashboard shows 2000 people again"; else
	not_ok "the dashboard shows 2000 people again"
fi
sleep 3
check "at the default share there is nothing to say" tt_lacks "Graph budget"
n=$(refreshes)
sleep 6
got=$(($(refreshes) - n))
check "and it refreshes every 2 s ($got requests in 6 s)" test "$got" -ge 8
tt_keys q
wait_for 5 tt_exited
