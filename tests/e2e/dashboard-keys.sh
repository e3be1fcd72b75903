#!/bin/sh
# Keys: search narrows the rows, sort and filter do what they say, the
# cursor stays on the same person across refreshes, Enter reads the person
# fresh from Graph, r refreshes at once, g groups.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 17

gs_start --users 25
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"

# tt_rows: the person rows on the screen (lines 3 to 38; 39 is the hint bar).
tt_rows() {
	tt_screen | sed -n '3,38p' | grep -c '[^ ]'
}

# tt_order: the names in the order the grid shows them.
tt_order() {
	tt_screen | sed -n '3,38p' | while IFS= read -r line; do
		[ -n "$line" ] && tt_name "$line" "$T/names"
	done
}

# tt_cursor_line: the screen line the terminal's cursor is on.
tt_cursor_line() {
	y=$(tt_tmux display -p -t tt '#{cursor_y}')
	tt_screen | sed -n "$((y + 1))p"
}

tt_start --refresh 60
if wait_for 20 tt_loaded 25; then ok "the dashboard shows 25 people"; else
	not_ok "the dashboard shows 25 people"; tt_screen | sed 's/^/# /'
	sed 's/^/# /' "$T/teamtop.err"
fi

# Search narrows the rows as one types; Escape gives everyone back.
target=$(sed -n 7p "$T/names")
tt_keys /
tt_keys -l "$target"
one_row() { [ "$(tt_rows)" -eq 1 ]; }
check "typing a search narrows the grid to the one person" wait_for 5 one_row
like "$(tt_screen | sed -n 3p)" "$target" "the row left is the person searched for"
tt_keys Escape
all_rows() { [ "$(tt_rows)" -eq 25 ]; }
check "Escape drops the search" wait_for 5 all_rows

# Sort by name (s opens the menu, 3 is "name"), then reverse with S.
tt_keys s
wait_for 5 tt_has "Sort by" >/dev/null
tt_keys 3
sorted_by_name() { tt_order >"$T/order"; LC_ALL=C sort -f "$T/names" | cmp -s - "$T/order"; }
check "s then name sorts the rows by name" wait_for 5 sorted_by_name
tt_keys S
reversed() { tt_order >"$T/order"; LC_ALL=C sort -f -r "$T/names" | cmp -s - "$T/order"; }
check "S reverses the order" wait_for 5 reversed
tt_keys S

# The filter shows only one availability: the first f is Available.
want=$(while IFS='	' read -r id _; do
	curl -s "$GS_URL/_graphsim/users/$id" | jq -r .presence.availability
done <"$T/users" | grep -c -i -x -e available -e availableidle -e availableinactive)
tt_keys f
only_avail() { [ "$(tt_rows)" -eq "$want" ] && tt_has "Available only"; }
check "f shows only the $want available people" wait_for 5 only_avail
others=$(tt_screen | sed -n '3,38p' | grep '[^ ]' | grep -v -c 'Available')
is "$others" 0 "every row shown is available"
i=1
while [ $i -lt 8 ]; do tt_keys f; i=$((i + 1)); done
check "cycling the filter comes back to everyone" wait_for 5 all_rows

# The cursor stays on the same person when a refresh reorders the rows.
tt_keys s
wait_for 5 tt_has "Sort by" >/dev/null
tt_keys 1
tt_keys Home j j j j
sleep 0.3
sel=$(tt_cursor_line)
first=$(tt_order | head -n 1)
first_id=$(awk -F '\t' -v n="$first" '$2 == n { print $1; exit }' "$T/users")
gs_put_presence "$first_id" '{"availability":"Zzz","activity":"Zzz"}'
before=$(gs_count "POST /communications/getPresencesByUserId")
tt_keys r
refreshed() { [ "$(gs_count "POST /communications/getPresencesByUserId")" -gt "$before" ]; }
check "r refreshes at once" wait_for 3 refreshed
moved_down() { tt_order | tail -n 1 | grep -q -F -x "$first"; }
check "the changed person moves to the end" wait_for 3 moved_down
selname=$(tt_name "$sel" "$T/names")
[ ${#selname} -gt 10 ] && selname=$(printf '%s' "$selname" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
like "$(tt_cursor_line)" "$selname" "the cursor stays on the same person after a refresh"

# Enter opens the details, read fresh from Graph through the poller.
before=$(gs_count "GET /users/{id}/presence")
tt_keys Enter
check "Enter opens the details pane" wait_for 5 tt_has "read fresh from Graph"
after=$(gs_count "GET /users/{id}/presence")
is "$((after - before))" 1 "the details were read from Graph once"
check "the details show the transitions seen" tt_has "Transitions seen since start"
tt_keys Escape

# g groups by availability, with headings and counts.
tt_keys g
check "g groups the rows under availability headings" wait_for 5 tt_has "Available ("
tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
