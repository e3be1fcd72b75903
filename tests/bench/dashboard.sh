#!/bin/sh
# How many bytes the dashboard writes to the terminal for one refresh in
# which nothing changed, and for one in which one visible person changed:
# graphsim with 1,000 people, teamtop in a 200x50 tmux pane whose output is
# piped to a file (tmux pipe-pane -o), a refresh asked for with r.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 5

gs_start --users 1000
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
TT_X=200 TT_Y=50 tt_start --refresh 3600
if wait_for 60 tt_loaded 1000; then ok "the dashboard shows 1000 people"; else
	not_ok "the dashboard shows 1000 people"; tt_screen | sed 's/^/# /'
	exit 1
fi
# Durations are in whole minutes from the start, so the first minute is as
# quiet as the rest: measure at once.
tt_tmux pipe-pane -o -t tt "cat >>'$T/out'"
sleep 0.5

# bytes: what the pane's program has written so far.
bytes() {
	wc -c <"$T/out" | tr -d ' '
}
refreshes() {
	gs_count "POST /communications/getPresencesByUserId"
}
# refresh_bytes: ask for a refresh, wait for it to be drawn, count bytes.
refresh_bytes() {
	_n=$(refreshes)
	_b=$(bytes)
	tt_keys r
	_i=0
	while [ "$(refreshes)" -le "$_n" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	sleep 0.4
	echo $(($(bytes) - _b))
}

# Let the status bar's clock settle, then measure.
same=$(refresh_bytes)
same2=$(refresh_bytes)

# Change the status message of the person on the first grid row.
row=$(tt_screen | sed -n 3p)
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
name=$(tt_name "$row" "$T/names")
id=$(awk -F '\t' -v n="$name" '$2 == n { print $1; exit }' "$T/users")
check "the first row's person was found ($id)" test -n "$id"
curl -s "$GS_URL/_graphsim/users/$id" |
    jq '.presence | .statusMessage = {"message":{"content":"Back at 3","contentType":"text"}}' \
    >"$T/p.json"
curl -s -X PUT -H 'Content-Type: application/json' --data @"$T/p.json" \
    "$GS_URL/_graphsim/users/$id/presence" >/dev/null
one=$(refresh_bytes)
check "the change is on the screen" tt_has "Back at 3"
check "one visible person's new message writes under 300 B" test "$one" -lt 300

diag "refresh with nothing changed: $same bytes (again: $same2 bytes)"
diag "refresh with one visible person changed: $one bytes"
echo "dashboard: unchanged refresh $same bytes, one person changed $one bytes"
check "an unchanged refresh writes under 100 B" test "$same2" -lt 100
tt_keys q
wait_for 5 tt_exited
