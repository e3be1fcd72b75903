#!/bin/sh
# Watches and their alerts: w watches the selected person for a condition,
# once or every time; a watch fires exactly once when its condition is met
# and not before: the status bar says who and what, the row flashes, the
# bell rings and the notification sequence is written (OSC 9 in tmux's
# passthrough, here; raw OSC 777 outside tmux), asserted in the bytes the
# pane's program writes (tmux pipe-pane); notify_command runs with the
# details in its environment and its argv as configured, never through a
# shell. Watches survive a restart (0600 file); W lists them and d drops
# one. Text from Graph reaches neither the terminal nor the command as
# anything but text. The firing rules in detail are unit-tested
# (tests/unit/test_watch.c), the sequences' sanitising too
# (tests/unit/test_notify.c).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 4
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
cut -f1 "$T/users" | while read -r _id; do
	gs_put_presence "$_id" '{"availability":"Busy","activity":"InACall"}'
done

# The command of the alerts: its first argument, then the TEAMTOP_
# variables of its environment, appended to $T/notified.
cat >"$T/notify.sh" <<EOF
#!/bin/sh
{ printf 'argv: %s\n' "\$1"; env | grep '^TEAMTOP_' | sort; echo --; } >>'$T/notified'
EOF
chmod +x "$T/notify.sh"
mkdir -p "$T/xdg/teamtop"
# config NOTIFY: the configuration, with notify = NOTIFY.
config() {
	cat >"$T/xdg/teamtop/config" <<EOF
notify = "$1";
notify_command = [ "$T/notify.sh", "\$(touch $T/pwned); \`touch $T/pwned\`" ];
EOF
}
config osc9

# put AVAILABILITY ACTIVITY: the first person's presence in graphsim.
put() {
	gs_put_presence "$id" "{\"availability\":\"$1\",\"activity\":\"$2\"}"
}
# shown TEXT: the first person's row shows TEXT.
shown() { tt_line "$short" | grep -q -F -- "$1"; }
# bells: the BEL bytes the dashboard wrote; fires: the alerts run.
bells() { tr -cd '\007' <"$T/out" | wc -c | tr -d ' '; }
fires() { grep -c '^--$' "$T/notified" 2>/dev/null || echo 0; }
bells_are() { [ "$(bells)" = "$1" ]; }
fires_are() { [ "$(fires)" = "$1" ]; }
# out_has BYTES: did the dashboard write BYTES (printf format)?
out_has() {
	# shellcheck disable=SC2059 # The argument is the format.
	printf "$1" >"$T/want"
	grep -q -F -f "$T/want" "$T/out"
}
# capture: pipe what the dashboard writes to $T/out, afresh.
capture() {
	: >"$T/out"
	tt_tmux pipe-pane -t tt
	tt_tmux pipe-pane -o -t tt "cat >>'$T/out'"
	sleep 0.3
}

# The person with the shortest name, so that the messages fit; and the
# line of the grid it is on.
name=$(awk '{ print length($0) "\t" $0 }' "$T/names" | sort -n | head -n 1 |
    cut -f2-)
id=$(awk -F '\t' -v n="$name" '$2 == n { print $1; exit }' "$T/users")
short=$(printf '%s' "$name" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
# select_person: select the person.
select_person() {
	_line=$(tt_screen | grep -n -F -- "$short" | head -n 1 | cut -d: -f1)
	tt_keys Home
	_i=3
	while [ "$_i" -lt "$_line" ]; do
		tt_keys j
		_i=$((_i + 1))
	done
}

tt_restart 4 --refresh 2 --sort name
select_person
capture

# w opens the form; Enter watches for Available, once.
tt_keys w
check "w opens the watch form" wait_for 5 tt_has "Watch: $name"
check "becomes Available is the default" tt_has "becomes Available"
check "the form says what an alert does" tt_has "(notify = osc9)"
tt_keys Enter
check "Enter watches" \
    wait_for 5 tt_has "watching $name: becomes Available, once"
check "the row is marked watched" wait_for 5 shown "◎ $short"

# Not before: Away is not Available.
put Away Away
check "a change shows" wait_for 10 shown Away
sleep 2.5
is "$(bells)" 0 "no bell before the condition is met"
is "$(fires)" 0 "no notify_command before the condition is met"
check "no alert in the status bar" tt_lacks "watch:"

# Met: one alert of each kind.
put Available Available
check "the status bar says who and what" wait_for 10 tt_has \
    "watch: becomes Available: $name is Available (was Away); the watch ends"
flashed() { tt_screen_e | grep -F -- "$short" | grep -q '\[7m'; }
check "the row flashes" wait_for 3 flashed
check "then stops flashing" wait_for 5 eval '! flashed'
check "the bell rings once, and the OSC 9 ends with a BEL" \
    wait_for 5 bells_are 2
check "OSC 9 in tmux's passthrough, ESC doubled" out_has \
    "\033Ptmux;\033\033]9;teamtop: $name is Available (was Away)\a\033\\\\"
check "notify_command ran" wait_for 5 fires_are 1
like "$(cat "$T/notified")" "TEAMTOP_NAME=$name" "with the name"
like "$(cat "$T/notified")" "TEAMTOP_AVAILABILITY=Available" \
    "the availability"
like "$(cat "$T/notified")" "TEAMTOP_PREVIOUS_AVAILABILITY=Away" \
    "the one before"
like "$(cat "$T/notified")" "TEAMTOP_CONDITION=becomes Available" \
    "the condition"
like "$(cat "$T/notified")" "TEAMTOP_ID=$id" "the id"
like "$(cat "$T/notified")" "argv: \$(touch $T/pwned); \`touch $T/pwned\`" \
    "its argument as configured"
check "never through a shell" test ! -e "$T/pwned"
check "a watch for once ends" wait_for 5 eval '! shown "◎"'

# Met again: a watch that ended does not fire.
put Busy InACall
wait_for 10 shown InACall
put Available Available
wait_for 10 shown "Available" >/dev/null
sleep 2.5
is "$(bells)" 2 "an ended watch rings no more"
is "$(fires)" 1 "and runs nothing more"

# Every time: leaves DoNotDisturb (the second condition), the second
# choice of Alert.
put DoNotDisturb Presenting
wait_for 10 shown Presenting
tt_keys w
wait_for 5 tt_has "Watch: $name" >/dev/null
tt_keys 2 Tab 2
check "the form offers every time" wait_for 5 tt_has "every time, until"
tt_keys Enter
check "every time is said" wait_for 5 tt_has \
    "watching $name: leaves DoNotDisturb, every time"
put Busy InACall
check "leaving DoNotDisturb fires" wait_for 10 tt_has \
    "watch: leaves DoNotDisturb: $name is Busy, InACall (was DoNotDisturb, Presenting)"
check "the command runs" wait_for 5 fires_are 2
put DoNotDisturb Presenting
wait_for 10 shown Presenting
sleep 2.5
is "$(fires)" 2 "coming into DoNotDisturb does not fire"
put Away Away
check "leaving it again fires again" wait_for 10 fires_are 3
is "$(bells)" 6 "with a bell and a notification each time"
check "an every-time watch stays" shown "◎ $short"

# A restart keeps it; outside tmux, OSC 777 goes raw.
put DoNotDisturb Presenting
wait_for 10 shown Presenting
tt_keys q
check "q quits" wait_for 10 tt_exited
is "$(cat "$T/exit")" 0 "with status 0"
is "$(cat "$T/teamtop.err")" "" "and nothing on stderr"
is "$(stat -c %a "$T/state/teamtop/watches")" 600 \
    "the watches are kept in a 0600 file"
like "$(cat "$T/state/teamtop/watches")" "$id	leaves	DoNotDisturb	every" \
    "with the watch"
config osc777
# A server of its own: a new one on the old socket may find the old one
# still going away.
tt_tmux kill-server
TMUX_SOCK="$T/sock2"
TT_ENV="TMUX=" tt_restart 4 --refresh 2 --sort name
[ -s "$T/teamtop.err" ] && sed 's/^/# /' "$T/teamtop.err"
select_person
capture
check "the watch survives the restart" wait_for 5 shown "◎ $short"
put Available Available
check "and fires" wait_for 10 tt_has "watch: leaves DoNotDisturb: $name"
check "OSC 777 outside tmux" wait_for 5 out_has \
    "\033]777;notify;teamtop;$name is Available (was DoNotDisturb, Presenting)\a"
check "the command runs" wait_for 5 fires_are 4

# W lists it; d drops it.
tt_keys W
check "W lists the watches" wait_for 5 tt_has "Watches: d drops"
listed() { tt_line "$short" | grep -q "leaves DoNotDisturb, every time, fired 1"; }
check "with the condition and how often it fired" listed
tt_keys d
check "d drops it" wait_for 5 tt_has "Nobody is watched"
tt_keys Escape
check "the mark goes" wait_for 5 eval '! shown "◎"'
put DoNotDisturb Presenting
wait_for 10 shown Presenting
put Busy InACall
wait_for 10 shown InACall
sleep 2.5
is "$(fires)" 4 "a dropped watch fires no more"
check "and is gone from the file" eval \
    "! grep -q '$id' '$T/state/teamtop/watches'"

# Text from Graph is made inert before it reaches the terminal or the
# command: an escape sequence, a BEL and a C1 ST in the presence.
tt_keys w
wait_for 5 tt_has "Watch: $name" >/dev/null
tt_keys 3 Enter
check "any change is watched" wait_for 5 tt_has "watching $name: any change"
: >"$T/out"
gs_put_presence "$id" \
    '{"availability":"Away\u001b]2;pwned\u0007\u009c","activity":"Lunch\u0007"}'
check "the alert says the presence, made inert" wait_for 10 tt_has \
    "watch: any change: $name is Away, Lunch (was Busy, InACall)"
check "in the notification too" wait_for 5 out_has \
    "\033]777;notify;teamtop;$name is Away, Lunch (was Busy, InACall)\a"
check "which carries nothing else" eval "! grep -q pwned '$T/out'"
check "the command runs" wait_for 5 fires_are 5
like "$(tail -n 14 "$T/notified")" "TEAMTOP_AVAILABILITY=Away
" "with the availability made inert"
check "and nothing else" eval \
    "! grep '^TEAMTOP_' '$T/notified' | grep -q pwned"
done_testing
