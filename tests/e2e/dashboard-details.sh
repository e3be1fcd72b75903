#!/bin/sh
# The details pane tells the expiry of a status message as far as it is
# known: Graph does not return it for another user, so an absent expiry is
# "not reported by Graph", unless this dashboard set that message, with
# the expiry it gave ("as set by teamtop"); "never" only for Graph's year
# 9999. In the status message form, the expiry is chosen or typed.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 4
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
tt_start --refresh 60
if wait_for 20 tt_loaded 4; then ok "the dashboard shows 4 people"; else
	not_ok "the dashboard shows 4 people"; tt_screen | sed 's/^/# /'
fi
name=$(tt_name "$(tt_screen | sed -n 3p)" "$T/names")
id=$(awk -F '\t' -v n="$name" '$2 == n { print $1; exit }' "$T/users")
state() { curl -s "$GS_URL/_graphsim/users/$id"; }
expires_line() { tt_screen | grep -E '^ +expires ' | head -n 1 | sed -E 's/^ +expires +//; s/ +$//'; }
expires_is() { [ "$(expires_line)" = "$1" ]; }
expires_has() { expires_line | grep -F -q -- "$1"; }

# details_with PRESENCE: store PRESENCE in graphsim, open the details.
details_with() {
	gs_put_presence "$id" "$1"
	tt_keys Enter
	wait_for 5 tt_has "read fresh from Graph" >/dev/null
}

details_with '{"availability": "Available", "activity": "Available",
    "statusMessage": {"message": {"content": "Lunch", "contentType": "text"}}}'
check "an expiry Graph does not return is not reported, not never" \
    wait_for 5 expires_is "not reported by Graph"
check "nor the time it was published" \
    eval 'tt_screen | grep -q -E "^ +published +not reported by Graph"'
tt_keys Escape

details_with '{"availability": "Available", "activity": "Available",
    "statusMessage": {"message": {"content": "Away for good", "contentType": "text"},
    "expiryDateTime": {"dateTime": "9999-12-31T00:00:00.0000000", "timeZone": "UTC"}}}'
check "Graph's year 9999 is never" wait_for 5 expires_is "never"
tt_keys Escape

details_with '{"availability": "Available", "activity": "Available",
    "statusMessage": {"message": {"content": "Off", "contentType": "text"},
    "expiryDateTime": {"dateTime": "2030-01-02T10:00:00.0000000", "timeZone": "UTC"}}}'
check "an expiry Graph returns is shown as it came" \
    wait_for 5 expires_is "2030-01-02T10:00:00.0000000 UTC"
tt_keys Escape

details_with '{"availability": "Available", "activity": "Available"}'
check "no message, no expiry" wait_for 5 expires_is "-"
tt_keys Escape

# Set from here, with 2 hours typed as the expiry.
tt_keys m
wait_for 5 tt_has "Status message:" >/dev/null
tt_keys C-u
tt_keys -l "In the lab"
check "the form says the message never expires" wait_for 5 tt_has "never expires"
tt_keys Tab Right
check "Right chooses the next expiry" wait_for 5 tt_has "(local time)"
tt_keys -l "2h"
now=$(date +%s)
tt_keys Enter
check "2 hours asks first" wait_for 5 tt_has "Confirm: y sends"
tt_keys y
sent() { state | jq -e '.statusMessage.message.content == "In the lab"' >/dev/null; }
check "the message reaches graphsim" wait_for 5 sent
at=$(state | jq -r '.statusMessage.expiryDateTime.dateTime')
at_s=$(date -u -d "$(echo "$at" | cut -c1-19)" +%s)
diff=$((at_s - now))
check "with an expiry in 2 hours ($diff s)" test "$diff" -ge 7190 -a "$diff" -le 7210
tt_keys Enter
wait_for 5 tt_has "read fresh from Graph" >/dev/null
want=$(date -d "@$at_s" '+%Y-%m-%d %H:%M')
check "the details show that expiry, as set by teamtop" \
    wait_for 5 expires_has "$want"
check "marked so" expires_has "(as set by teamtop)"
tt_keys Escape

# A message another client sets is not ours: not reported again.
gs_put_presence "$id" '{"availability": "Available", "activity": "Available",
    "statusMessage": {"message": {"content": "Set in Teams", "contentType": "text"}}}'
tt_keys Enter
check "another message than the one set here is not reported" \
    wait_for 5 expires_is "not reported by Graph"
tt_keys Escape

# Set from here without an expiry.
tt_keys m
wait_for 5 tt_has "Status message:" >/dev/null
tt_keys C-u
tt_keys -l "Back tomorrow"
tt_keys Enter
wait_for 5 tt_has "Confirm: y sends" >/dev/null
tt_keys y
sent2() { state | jq -e '.statusMessage.message.content == "Back tomorrow"' >/dev/null; }
wait_for 5 sent2
tt_keys Enter
check "a message set here without an expiry never expires, as set" \
    wait_for 5 expires_is "never (as set by teamtop)"
tt_keys Escape

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
