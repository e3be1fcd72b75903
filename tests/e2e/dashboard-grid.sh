#!/bin/sh
# The grid shows the people graphsim serves with their availability, a
# change made in graphsim shows within one refresh, unknown values show as
# they came, a status message with escape sequences shows inert, and q
# exits 0 with the terminal restored.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 14

gs_start --users 20
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
is "$(wc -l <"$T/users" | tr -d ' ')" 20 "graphsim serves 20 people"

tt_start --refresh 2
if wait_for 20 tt_loaded 20; then ok "the dashboard shows 20 people"; else
	not_ok "the dashboard shows 20 people"; tt_screen | sed 's/^/# /'
	sed 's/^/# /' "$T/teamtop.err"
fi

# The headings are whole at 120 columns, the sort mark included.
like "$(tt_screen | sed -n 2p)" "AVAILABILITY" "the availability heading is not cut"

# Every person's row shows the availability graphsim reports for them.
bad=0
while IFS='	' read -r id name; do
	want=$(curl -s "$GS_URL/_graphsim/users/$id" | jq -r .presence.availability)
	# Long names are cut on screen; their first characters are there.
	line=$(tt_line "$(printf '%s' "$name" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')")
	case $line in
	*"$want"*) ;;
	*) bad=$((bad + 1)); diag "$name: want $want, row: $line" ;;
	esac
done <"$T/users"
is "$bad" 0 "each row shows the person's availability from graphsim"

# A change in graphsim shows within a refresh.
id=$(sed -n 3p "$T/users" | cut -f1)
name=$(sed -n 3p "$T/users" | cut -f2 | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
gs_put_presence "$id" '{"availability":"DoNotDisturb","activity":"Presenting",
    "statusMessage":{"message":{"content":"Quarterly review","contentType":"text"}}}'
row_is() { tt_line "$name" | grep -q "DoNotDisturb.*Presenting.*Quarterly review"; }
check "a presence set in graphsim shows within one refresh" wait_for 5 row_is
like "$(tt_line "$name")" "$(printf '\342\212\230')" "the row has the do-not-disturb glyph"

# Unknown values are shown as they came.
id4=$(sed -n 4p "$T/users" | cut -f1)
name4=$(sed -n 4p "$T/users" | cut -f2 | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
gs_put_presence "$id4" '{"availability":"Hyperfocused","activity":"Daydreaming"}'
row4() { tt_line "$name4" | grep -q "Hyperfocused.*Daydreaming"; }
check "an unknown availability and activity show as they came" wait_for 5 row4

# A status message full of escape sequences is shown as inert text.
id5=$(sed -n 5p "$T/users" | cut -f1)
name5=$(sed -n 5p "$T/users" | cut -f2 | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
gs_put_presence "$id5" '{"availability":"Available","activity":"Available",
    "statusMessage":{"message":{"content":"\u001b[31mRED\u001b[0m \u001b]0;pwned\u0007 \u001b[2J bell\u0007 end","contentType":"text"}}}'
row5() { tt_line "$name5" | grep -q "RED.*end"; }
check "the hostile status message shows as text" wait_for 5 row5
unlike "$(tt_tmux display -p -t tt '#{pane_title}')" "pwned" "the status message did not set the title"
unlike "$(tt_screen_e | grep -F "$name5")" "$(printf '\033[31m')" "the status message did not colour the screen"
check "the screen was not cleared by the message" tt_has "$name4"

# q quits with status 0 and restores the terminal.
tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
is "$(cat "$T/exit")" 0 "the exit status is 0"
check "the terminal modes are restored" cmp -s "$T/stty.before" "$T/stty.after"
