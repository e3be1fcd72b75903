#!/bin/sh
# Mouse: a click on a row selects that person (the terminal's cursor goes
# there), a click on a heading sorts by that column, the wheel scrolls.
# The clicks are typed as the SGR mouse reports an xterm sends. With
# mouse = false the dashboard asks for no mouse reports and clicks do
# nothing.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 12

gs_start --users 20
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
tt_start --refresh 2
if wait_for 20 tt_loaded 20; then ok "the dashboard shows 20 people"; else
	not_ok "the dashboard shows 20 people"; tt_screen | sed 's/^/# /'
fi

# click X Y: press and release button 1 at column X, row Y (1-based).
click() {
	tt_tmux send-keys -t tt -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' \
	    "$1" "$2" "$1" "$2")"
}
cursor_y() {
	tt_tmux display -p -t tt '#{cursor_y}'
}
cursor_is() {
	[ "$(cursor_y)" = "$1" ]
}

is "$(cursor_y)" 2 "the cursor starts on the first person's row"
click 20 8
check "a click on the 6th person's row moves the cursor there" \
    wait_for 5 cursor_is 7

# The NAME heading: clicking it sorts by name (the mark moves there).
x=$(tt_screen | sed -n 2p | awk '{ print index($0, "NAME") }')
click $((x + 1)) 2
name_sorted() { tt_screen | sed -n 2p | grep -q 'NAME▲'; }
check "a click on the NAME heading sorts by name" wait_for 5 name_sorted
# Row by row, the screen shows graphsim's people in name order
# (case-insensitive, as the dashboard sorts): each row holds the start of
# the name that belongs there.
gs_users | cut -f2 | LC_ALL=C sort -f >"$T/sorted"
is "$(wc -l <"$T/sorted" | tr -d ' ')" 20 "graphsim lists the 20 people"
bad=0
row=3
while IFS= read -r name; do
	start=$(printf '%s' "$name" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
	case $(tt_screen | sed -n "${row}p") in
	*"$start"*) ;;
	*) bad=$((bad + 1)); diag "row $row: want $start" ;;
	esac
	row=$((row + 1))
done <"$T/sorted"
is "$bad" 0 "and the rows are in name order"

# wheel N X Y: turn the wheel (64 up, 65 down) once at column X, row Y.
wheel() {
	tt_tmux send-keys -t tt -l "$(printf '\033[<%d;%d;%dM' "$1" "$2" "$3")"
}
is "$(tt_tmux display -p -t tt '#{mouse_any_flag}')" 1 \
    "the dashboard asks the terminal for mouse reports"
tt_keys Home
wait_for 5 cursor_is 2 >/dev/null
wheel 65 20 5
wheel 65 20 5
check "two notches of the wheel down move 6 rows down" wait_for 5 cursor_is 8
wheel 64 20 5
check "one notch up moves 3 rows up" wait_for 5 cursor_is 5

# mouse = false: no mouse reports asked for; a click selects nobody.
mkdir -p "$T/xdg/teamtop"
echo 'mouse = false;' >"$T/xdg/teamtop/config"
tt_restart 20 --refresh 2
is "$(tt_tmux display -p -t tt '#{mouse_any_flag}')" 0 \
    "with mouse = false the terminal keeps the mouse"
# tmux forwards no click to a pane that asked for none: typed here as
# the report it would be, curses takes it for keys, not for a click.
tt_tmux send-keys -t tt -l "$(printf '\033[<0;20;8M')"
sleep 1
if [ "$(cursor_y)" != 7 ]; then ok "and a click does not select the row clicked"
else not_ok "and a click does not select the row clicked"; fi
