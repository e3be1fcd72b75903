#!/bin/sh
# Quitting with writes still pending does not lose them: q waits for them
# with a count, then quits and reports their outcomes; a second q, or
# Ctrl-C twice, quits anyway and says how many were left; Escape stays.
# graphsim holds the writes up with a delay, and its state shows that
# they arrived after q.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 4
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"

# start: the dashboard, loaded, and the first person's id and name.
start() {
	tt_restart 4 --refresh 60
	name=$tt_name_first id=$tt_id_first
}
state() { curl -s "$GS_URL/_graphsim/users/$id"; }
delay() {
	gs_post /_graphsim/faults "{\"route\": \"POST /users/{id}/presence/setPresence\", \"delay_ms\": $1}" >/dev/null
}
app_session() { state | jq -e '[.sessions[] | select(.kind == "app")] | length == 1' >/dev/null; }
no_app_session() { state | jq -e '[.sessions[] | select(.kind == "app")] | length == 0' >/dev/null; }
message_is() { state | jq -e --arg m "$1" '.statusMessage.message.content == $m' >/dev/null; }
set_presence() {
	tt_keys p
	wait_for 5 tt_has "Set presence:" >/dev/null
	tt_keys 2 Enter
}

# q waits for a setPresence held up 3 s and a status message queued after it.
start
delay 5000
set_presence
tt_keys m
wait_for 5 tt_has "/280" >/dev/null
tt_keys C-u
tt_keys -l "Gone home"
tt_keys Enter
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y q
check "q with writes pending says so" wait_for 2 tt_has "2 writes still pending"
check "and does not quit at once" eval '! tt_exited'
check "the status message has not been sent yet" eval '! message_is "Gone home"'
check "teamtop quits once they are done" wait_for 10 tt_exited
is "$(cat "$T/exit")" 0 "with status 0"
check "graphsim has the presence set after q" app_session
check "and the status message queued behind it" message_is "Gone home"
is "$(gs_count 'POST /users/{id}/presence/setStatusMessage')" 1 \
    "the status message was sent once"
err=$(cat "$T/teamtop.err")
like "$err" "setPresence for $name: done" "the outcome of the presence is reported"
like "$err" "setStatusMessage for $name: done" "and that of the status message"
check "the terminal is given back" cmp -s "$T/stty.before" "$T/stty.after"

# A second q quits anyway, and says a write was left.
start
tt_keys c
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y
wait_for 5 no_app_session
delay 5000
set_presence
tt_keys q
check "q waits for the write" wait_for 2 tt_has "1 write still pending"
tt_keys q
check "a second q quits at once" wait_for 2 tt_exited
like "$(cat "$T/teamtop.err")" "quit with 1 write still pending" \
    "and says a write was left"

# Escape stays.
start
delay 2000
set_presence
tt_keys q
wait_for 2 tt_has "still pending" >/dev/null
tt_keys Escape
check "Escape stays" wait_for 2 tt_lacks "still pending"
sleep 3
check "teamtop is still running after the write" eval '! tt_exited'
tt_keys q
check "q with nothing pending quits at once" wait_for 2 tt_exited

# Ctrl-C is q: the first waits, the second quits.
start
delay 5000
set_presence
tt_keys C-c
check "Ctrl-C waits for the write" wait_for 2 tt_has "1 write still pending"
check "teamtop is still running" eval '! tt_exited'
tt_keys C-c
check "a second Ctrl-C quits" wait_for 2 tt_exited
done_testing
