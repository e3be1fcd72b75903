#!/bin/sh
# No outcome is lost: L shows every message kept, with its time, newest
# last, including two outcomes that came between two frames; a failure (a
# write refused, someone not in the directory) stays in the status bar
# past refreshes and routine messages until the user has had the chance
# to read it: a key pressed a while after it appeared, or L.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 6
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
upn() {
	# shellcheck disable=SC2016 # $select and $top are Graph's.
	gs_graph '/v1.0/users?$select=userPrincipalName&$top=999' |
	    jq -r ".value[$1].userPrincipalName"
}
typo="nobody@x.example"
tt_start --refresh 2 --user "$(upn 0)" --user "$(upn 1)" --user "$typo"
if wait_for 20 tt_loaded 2; then ok "the dashboard shows the 2 people found"; else
	not_ok "the dashboard shows the 2 people found"; tt_screen | sed 's/^/# /'
fi
first=$(tt_screen | sed -n 3p)
while IFS='	' read -r i n; do
	case $first in *"$(printf '%s' "$n" | cut -c1-10)"*) id=$i name=$n ;; esac
done <"$T/users"
check "the first row is a person graphsim knows" test -n "${id:-}"
state() { curl -s "$GS_URL/_graphsim/users/$id"; }
status_bar() { tt_screen | tail -n 1; }
bar_has() { status_bar | grep -F -q -- "$1"; }
bar_lacks() { ! bar_has "$1"; }
refreshes() { gs_count "POST /communications/getPresencesByUserId"; }

# The notice about the person not found outlives refreshes.
notice="no user '$typo' in the directory"
check "the person not found is named in the status bar" wait_for 5 bar_has "$notice"
before=$(refreshes)
sleep 7
check "the dashboard refreshed meanwhile" test "$(refreshes)" -gt "$before"
check "the notice is still in the status bar after 7 s and refreshes" bar_has "$notice"
tt_keys j
check "a key pressed after it was shown reads it" wait_for 5 bar_lacks "$notice"

# Two outcomes between two frames: setPresence, held up 1.5 s by graphsim,
# then clearPresence right after it.
gs_post /_graphsim/faults \
    '{"route": "POST /users/{id}/presence/setPresence", "delay_ms": 1500}' >/dev/null
tt_keys k p
wait_for 5 tt_has "Set presence:" >/dev/null
tt_keys 2 Enter c
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y
cleared() { gs_count "POST /users/{id}/presence/clearPresence" | grep -q -x 1; }
wait_for 10 cleared
sleep 0.5
tt_keys L
check "L opens the message log" wait_for 5 tt_has "Messages, newest last"
short=$(printf '%s' "$name" | cut -c1-10)
check "it shows the setPresence outcome" tt_has "setPresence for $short"
check "and the clearPresence outcome" tt_has "clearPresence for $short"
check "and the notice from the start" tt_has "$notice"
check "each with its time" eval 'tt_screen | grep -q -E "^ +[0-9]{2}:[0-9]{2}:[0-9]{2} .*clearPresence for"'
set_at=$(tt_screen | grep -n -F "setPresence for $short" | head -n 1 | cut -d: -f1)
clear_at=$(tt_screen | grep -n -F "clearPresence for $short" | head -n 1 | cut -d: -f1)
check "newest last" test "${set_at:-0}" -lt "${clear_at:-0}"
tt_keys q
check "q closes the log, not teamtop" wait_for 5 tt_lacks "Messages, newest last"
check "teamtop still runs" eval '! tt_exited'

# A refused write stays in the status bar while a routine outcome comes
# after it, and after refreshes, until the log is opened.
gs_post /_graphsim/faults '[
    {"route": "POST /users/{id}/presence/setStatusMessage", "status": 403,
     "delay_ms": 300},
    {"route": "POST /users/{id}/presence/setPresence", "delay_ms": 2500}]' >/dev/null
tt_keys m
wait_for 5 tt_has "/280" >/dev/null
tt_keys C-u
tt_keys -l "Back soon"
tt_keys Enter
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y p
wait_for 5 tt_has "Set presence:" >/dev/null
tt_keys 2 Enter
failed="setStatusMessage for $short"
check "the refused status message is in the status bar" wait_for 5 bar_has "$failed"
app_busy() { state | jq -e '[.sessions[] | select(.kind == "app" and .availability == "Busy")] | length == 1' >/dev/null; }
check "the setPresence after it is done" wait_for 10 app_busy
sleep 1
check "and does not replace the failure in the status bar" bar_has "$failed"
before=$(refreshes)
sleep 6
check "the dashboard refreshed meanwhile" test "$(refreshes)" -gt "$before"
check "the failure is still shown after 6 s and refreshes" bar_has "$failed"
tt_keys L
check "the log has the failure" wait_for 5 tt_has "$failed"
check "and the setPresence done after it" tt_has "setPresence for $name: done"
check "a failure is marked" eval 'tt_screen | grep -q -E "[0-9] ! setStatusMessage for"'
tt_keys Escape
check "after the log, the failure has been read" wait_for 5 bar_lacks "$failed"

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
