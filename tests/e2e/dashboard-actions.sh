#!/bin/sh
# The forms send actions through the poller: p sets this app's presence
# session, c clears it (after y), P sets the preferred presence (after y:
# Graph's default lasts a day or a week), m the status message; graphsim
# receives each, the row shows the result at once and the status bar says
# it is done.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 12

gs_start --users 8
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
tt_start --refresh 60
if wait_for 20 tt_loaded 8; then ok "the dashboard shows 8 people"; else
	not_ok "the dashboard shows 8 people"; tt_screen | sed 's/^/# /'
fi

# The selected person: the first row.
name=$(tt_name "$(tt_screen | sed -n 3p)" "$T/names")
id=$(awk -F '\t' -v n="$name" '$2 == n { print $1; exit }' "$T/users")
short=$(printf '%s' "$name" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
state() { curl -s "$GS_URL/_graphsim/users/$id"; }
check "the first row is a person graphsim knows ($id)" test -n "$id"

# p: a form with the pairs setPresence allows; 2 is Busy / InACall, for
# the hour chosen at first.
tt_keys p
check "p opens the setPresence form" wait_for 5 tt_has "Set presence:"
like "$(tt_screen)" "Busy / InACall" "the form lists the allowed pairs"
tt_keys 2 Enter
app_busy() { state | jq -e '[.sessions[] | select(.kind == "app" and .availability == "Busy" and .activity == "InACall")] | length == 1' >/dev/null; }
check "graphsim has this app's Busy/InACall session" wait_for 5 app_busy
check "the status bar says setPresence is done" wait_for 5 tt_has "setPresence for"
row_busy() { tt_line "$short" | grep -q "Busy.*InACall"; }
check "the row shows the new presence without waiting for a refresh" wait_for 5 row_busy

# c clears the app's session, once confirmed.
tt_keys c
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y
no_app() { state | jq -e '[.sessions[] | select(.kind == "app")] | length == 0' >/dev/null; }
check "c clears this app's session in graphsim" wait_for 5 no_app

# P: preferred presence, 1 is the first allowed pair.
tt_keys P
wait_for 5 tt_has "Preferred presence:" >/dev/null
# The first option, on the line under the form's title.
want=$(tt_screen | sed -n 4p | sed -E 's/^.*Presence +\([^)]*\) ([A-Za-z]+) \/ .*/\1/')
tt_keys 1 Enter
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y
preferred() { state | jq -e --arg a "$want" '.preferred.availability == $a' >/dev/null; }
check "P sets the preferred presence ($want) in graphsim" wait_for 5 preferred

# m: a status message, typed and sent.
tt_keys m
check "m asks for the status message" wait_for 5 tt_has "Status message:"
tt_keys C-u
tt_keys -l "Back at three"
tt_keys Enter
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y
message() { state | jq -e '.statusMessage.message.content == "Back at three"' >/dev/null; }
check "the status message reaches graphsim" wait_for 5 message
row_msg() { tt_line "$short" | grep -q "Back at three"; }
check "the row shows the status message" wait_for 5 row_msg
tt_keys q
wait_for 5 tt_exited
