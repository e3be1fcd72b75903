#!/bin/sh
# Held sessions: h on the set presence form holds the session (the form
# says how often it is sent again: 5 minutes before each expiry, every 4
# minutes for Available), H lists what is held, where s stops holding and
# r releases (clears, after a confirmation); quitting asks whether to
# release them: k leaves the session to run out, r clears it before
# teamtop exits, Escape stays. When each is sent again is unit-tested
# (tests/unit/test_hold.c).
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
	name=$tt_name_first id=$tt_id_first short=$tt_short_first
}
app() {
	curl -s "$GS_URL/_graphsim/users/$id" |
	    jq -r '[.sessions[] | select(.kind == "app") | .availability][0] // "none"'
}
app_is() { [ "$(app)" = "$1" ]; }
clears() { gs_count "POST /users/{id}/presence/clearPresence"; }
# hold PAIR: set the PAIRth pair for the hour chosen at first, held.
hold() {
	tt_keys p
	wait_for 5 tt_has "Set presence:" >/dev/null
	tt_keys "$1" h Enter
}

start
tt_keys p
wait_for 5 tt_has "Set presence:" >/dev/null
tt_keys 2 h
check "h on the form chooses to hold" wait_for 5 tt_has "sent again every 55m"
tt_keys 1
check "an Available session is sent again every 4 minutes" \
    wait_for 5 tt_has "sent again every 4m"
tt_keys 2 Enter
check "the session is set" wait_for 5 app_is Busy
held_mark() { tt_line "$short" | grep -q '\[S held'; }
check "the row is marked held" wait_for 5 held_mark

# H lists it; s stops holding it.
tt_keys H
check "H lists the sessions held" wait_for 5 tt_has "Held sessions:"
listed() { tt_line "$short" | grep -q "Busy/InACall every 55m"; }
check "with the person, the pair and how often" wait_for 5 listed
tt_keys s
check "s stops holding it" wait_for 5 tt_has "No session is held"
check "and leaves the session" app_is Busy
tt_keys Escape

# r in H releases it, after a confirmation.
hold 2
tt_keys H
wait_for 5 tt_has "Held sessions:" >/dev/null
before=$(clears)
tt_keys r
check "r asks first" wait_for 5 tt_has "Confirm: y sends"
tt_keys y
check "then clears the session" wait_for 5 app_is none
is "$(clears)" $((before + 1)) "with one clearPresence"

# Quitting asks; Escape stays; k leaves the session to run out.
hold 4
wait_for 5 app_is Away
tt_keys q
check "q asks about the session held" \
    wait_for 5 tt_has "Quit: r releases the 1 held session, k lets it run out"
tt_keys Escape
check "Escape stays" wait_for 5 tt_lacks "Quit: r releases"
check "teamtop still runs" eval '! tt_exited'
tt_keys q
wait_for 5 tt_has "Quit: r releases" >/dev/null
before=$(clears)
tt_keys k
check "k quits" wait_for 5 tt_exited
is "$(app)" Away "leaving the session to run out"
is "$(clears)" "$before" "without clearing it"

# r releases it at exit.
start
hold 2
wait_for 5 app_is Busy
before=$(clears)
tt_keys q
wait_for 5 tt_has "Quit: r releases" >/dev/null
tt_keys r
check "r quits" wait_for 10 tt_exited
is "$(cat "$T/exit")" 0 "with status 0"
check "having cleared the session" app_is none
is "$(clears)" $((before + 1)) "with one clearPresence"
like "$(cat "$T/teamtop.err")" "clearPresence for $name: done" \
    "and says so once the terminal is back"
done_testing
