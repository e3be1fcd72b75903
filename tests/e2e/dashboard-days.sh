#!/bin/sh
# The history views: the details pane shows the person's day as hourly
# bands with the transitions recorded (a state from before the day carried
# in, forced changes recorded by the dashboard), v shows everyone's bands
# and v or Escape returns; --plain reads with glyphs alone; a database
# locked by another program does not freeze the dashboard.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
plan 19
TZ=UTC
export TZ
TT_ENV="TZ=UTC"

# Close to midnight the day would change under the test.
case $(date -u +%H%M) in 235[5-9]) sleep 330 ;; esac

gs_start --users 6
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
id0=$(sed -n 1p "$T/users" | cut -f1)
name0=$(sed -n 1p "$T/users" | cut -f2)
name1=$(sed -n 2p "$T/users" | cut -f2)
gs_put_presence "$id0" '{"availability":"Busy","activity":"InACall"}'

# A history from before this dashboard: recorded since midnight, the
# first person Busy since the evening before.
now=$(date +%s)
midnight=$((now - now % 86400))
mkdir -p "$T/state/teamtop"
chmod 700 "$T/state/teamtop"
db=$T/state/teamtop/history.db
{
	echo "CREATE TABLE states (id TEXT NOT NULL, at INTEGER NOT NULL,"
	echo " availability TEXT, activity TEXT, status TEXT, ooo INTEGER,"
	echo " location TEXT);"
	echo "CREATE TABLE runs (start INTEGER NOT NULL, reach INTEGER NOT NULL);"
	echo "INSERT INTO runs VALUES ($midnight, $now);"
	echo "INSERT INTO states (id, at, availability, activity) VALUES"
	echo " ('$id0', $((midnight - 3600)), 'Busy', 'InACall');"
} | sqlite3 "$db"
chmod 600 "$db"

# The details run past 40 lines: the timeline sits below the other fields.
TT_Y=50
tt_start --refresh 2 --sort name --workday 00:00-24:00
check "the dashboard starts" wait_for 15 tt_loaded 6
gs_put_presence "$id0" '{"availability":"DoNotDisturb","activity":"Presenting"}'
check "a forced change shows" wait_for 10 tt_has "Presenting"
sleep 3 # A refresh records it.

# band_is CELLS: the details' band line starts with these cells.
band_is() {
	tt_line "  Band " | grep -F -q -- "Band               $1"
}
# listed TEXT: a state listed under the bands.
listed() {
	tt_screen | grep -A3 "Recorded in the working hours" | grep -F -q -- "$1"
}
# row_has NAME CELLS: the team view's row of NAME has these cells.
row_has() {
	tt_line "$(printf '%s' "$1" | cut -c1-10)" | grep -F -q -- "$2"
}
# time_line: the details' time spent in each availability, with a new one.
time_line() {
	tt_line "Time spent" | grep -E -q "● Busy [0-9hm]+ ⊘ DoNotDisturb [0-9]+s"
}

# The details of the first person: bands and the transitions recorded.
tt_keys / "$name0" Enter Enter
check "the details show today's working hours" \
    wait_for 10 tt_has "Today, 00:00-24:00 (the working hours recorded):"
hour=$(date -u +%H)
past=$(awk -v h="$hour" 'BEGIN { for (i = 0; i < h + 0; i++) printf "●● " }')
check "one band an hour, Busy carried in from before the day" \
    band_is "$past"
check "the transitions are listed below the bands" \
    listed "DoNotDisturb / Presenting"
check "the state from before the day is listed as such" \
    listed "Busy / InACall (before)"
check "the time in each availability includes the new one" \
    time_line
if [ "$hour" != 00 ]; then
	like "$(tt_screen_e | grep "Band " | head -n 1)" \
	    "m●●" "the bands are coloured (an SGR before each cell)"
else
	ok "the bands are coloured # SKIP no hour before this one yet"
fi
tt_keys Escape

# The team view.
tt_keys Escape v
check "v opens the team view" wait_for 5 tt_has "Today by the hour"
check "with the hours as headings" eval 'tt_line "Today by the hour" | grep -q "00 01 02 03"'
like "$(tt_line "$(printf '%s' "$name0" | cut -c1-10)")" "$past" \
    "the first person's row has the Busy bands"
if [ "$hour" -ge 1 ]; then
	check "another person, not recorded before, has not-recorded bands" \
	    row_has "$name1" "··"
else
	ok "another person has not-recorded bands # SKIP no hour before this one yet"
fi
tt_keys v
check "v returns to the grid" wait_for 5 eval 'tt_lacks "Today by the hour" && tt_has "Updated "'
tt_keys v
wait_for 5 tt_has "Today by the hour" >/dev/null
tt_keys Escape
check "Escape returns to the grid" wait_for 5 tt_lacks "Today by the hour"

# --plain: the glyphs alone tell the availabilities.
tt_tmux kill-server
TMUX_SOCK=$T/sock-plain # A server of its own: the last one may be exiting.
tt_start --refresh 2 --sort name --workday 00:00-24:00 --plain
wait_for 15 tt_loaded 6 >/dev/null
tt_keys v
plainpast=$(awk -v h="$hour" 'BEGIN { for (i = 0; i < h + 0; i++) printf "** " }')
check "--plain shows the bands with ASCII glyphs" \
    wait_for 5 row_has "$name0" "$plainpast"

# Another program holds the database: the views say so at once and the
# dashboard goes on.
tt_tmux kill-server
# lock: hold the database as sqlite3(1) does with locking_mode EXCLUSIVE;
# true once no other connection can read it (the dashboard just killed
# may still hold it for a moment: then try again).
lock() {
	rm -f "$T/lock"
	mkfifo "$T/lock"
	sqlite3 -bail "$db" <"$T/lock" >/dev/null 2>&1 &
	lockpid=$!
	(echo "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
	    echo "DELETE FROM runs WHERE start < 0;"
	    exec sleep 120) >"$T/lock" &
	holder=$!
	sleep 0.5
	if sqlite3 -cmd ".timeout 0" "$db" "SELECT 1 FROM runs LIMIT 1" \
	    >/dev/null 2>&1; then
		kill "$holder" "$lockpid" 2>/dev/null
		wait "$lockpid" 2>/dev/null
		return 1
	fi
}
check "another program holds the database" wait_for 20 lock
TMUX_SOCK=$T/sock-lock
tt_start --refresh 2 --sort name --workday 00:00-24:00
wait_for 15 tt_loaded 6 >/dev/null
tt_keys Enter
check "the details say the history is busy" wait_for 3 tt_has "history busy"
tt_keys Escape v
check "so does the team view" wait_for 3 tt_has "history busy"
tt_keys v j
check "and the dashboard answers keys" wait_for 3 tt_lacks "Today by the hour"
tt_tmux kill-server
kill "$holder"
wait "$lockpid"
