#!/bin/sh
# The forms send exactly what they show: the pair chosen (from the pairs
# each method allows), the duration in ISO 8601 (graphsim's session lasts
# it, the audit trail has the body), the preferred presence's expiry, the
# status message byte for byte (CJK, emoji and a combining mark, edited
# with the cursor keys) and its expiry. A bad duration or date is refused
# beside its field and nothing is sent; Escape sends nothing; a write that
# lasts more than an hour or clears asks first, and n sends nothing. The
# forms draw whole at 80x24 in --plain and under NO_COLOR.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 6
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
tt_start --refresh 60
if wait_for 20 tt_loaded 6; then ok "the dashboard shows 6 people"; else
	not_ok "the dashboard shows 6 people"; tt_screen | sed 's/^/# /'
fi
name=$(tt_name "$(tt_screen | sed -n 3p)" "$T/names")
id=$(awk -F '\t' -v n="$name" '$2 == n { print $1; exit }' "$T/users")
short=$(printf '%s' "$name" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
check "the first row is a person graphsim knows ($id)" test -n "$id"
state() { curl -s "$GS_URL/_graphsim/users/$id"; }
# writes: every write graphsim received.
writes() {
	gs_control /_graphsim/stats | jq '[.by_route | to_entries[] |
	    select(.key | test("presence/(set|clear)")) | .value] | add // 0'
}
# audit_last: the body of the last write in the audit trail.
audit_last() { tail -n 1 "$T/state/teamtop/audit.jsonl" | jq -c .body; }
# secs ISO: an ISO 8601 UTC time of graphsim as epoch seconds.
secs() { date -u -d "$(printf '%s' "$1" | cut -c1-19)Z" +%s; }
bar() { tt_screen | tail -n 1; }
confirm_open() { tt_has "Confirm: y sends"; }

# p: the five pairs setPresence allows, and no other.
tt_keys p
check "p opens the set presence form" wait_for 5 tt_has "Set presence: $short"
for pair in "Available / Available" "Busy / InACall" \
    "Busy / InAConferenceCall" "Away / Away" "DoNotDisturb / Presenting"; do
	check "it offers $pair" tt_has "$pair"
done
check "but not Busy / Busy, which only a preferred presence takes" \
    tt_lacks "Busy / Busy"
check "it shows the bounds of the duration" tt_has "5 min to 4 h"
check "and what Graph does with an app session" \
    tt_has "Graph ends an app session at its expiry"

# A bad duration is refused beside the field; Enter sends nothing.
before=$(writes)
tt_keys 2 Tab
tt_keys -l "10h"
check "10 h is out of range, said beside the field" \
    wait_for 5 tt_has "! setPresence: an expiry of PT10H is out of range"
tt_keys Enter
sleep 0.5
check "Enter leaves the form open" tt_has "Set presence: $short"
tt_keys C-u
tt_keys -l "banana"
check "banana is no duration" wait_for 5 tt_has "! "
tt_keys Enter
sleep 0.5
is "$(writes)" "$before" "nothing was sent for the bad durations"

# 90 minutes, typed: more than an hour asks first.
tt_keys C-u
tt_keys -l "90m"
# What the dashboard says for a time: 14:05 today, Tue 00:35 on a later day.
until_text() {
	if [ "$(date -d "$1" +%F)" = "$(date +%F)" ]; then
		date -d "$1" +%H:%M
	else
		date -d "$1" '+%a %H:%M'
	fi
}
until1=$(until_text '+90 min')
until2=$(until_text '+91 min')
has_until() { tt_has "until $until1" || tt_has "until $until2"; }
check "90m says until when, in local time" wait_for 5 has_until
tt_keys Enter
check "90 minutes asks first" wait_for 5 confirm_open
like "$(tt_screen)" "$name: Busy/InACall until" "saying who, what and until when"
tt_keys y
app() { state | jq -c '[.sessions[] | select(.kind == "app")][0] // empty'; }
app_set() { [ -n "$(app)" ]; }
check "graphsim has this app's session" wait_for 5 app_set
is "$(app | jq -r '.availability + "/" + .activity')" "Busy/InACall" \
    "with the pair shown"
len=$(($(secs "$(app | jq -r .expiresAt)") - $(secs "$(app | jq -r .lastSetAt)")))
is "$len" 5400 "lasting the 90 minutes shown"
like "$(audit_last)" '"expirationDuration":"PT1H30M"' \
    "sent as PT1H30M (the audit trail has the body)"
shows() { bar | grep -F -q "$short" && bar | grep -F -q "Graph shows Busy/InAC"; }
if wait_for 5 shows; then ok "the status bar says what Graph shows now"; else
	not_ok "the status bar says what Graph shows now"; bar | sed 's/^/# /'
fi
tt_keys L
check "L says in full that it shows as asked" \
    wait_for 5 tt_has "setPresence for $name: Graph shows Busy/InACall, as asked"
tt_keys q
marked() { tt_line "$short" | grep -E -q '\[S ([A-Z][a-z][a-z] )?[0-9]'; }
check "the row is marked with the session teamtop set, and until when" \
    wait_for 5 marked

# Escape sends nothing.
before=$(writes)
tt_keys p
wait_for 5 tt_has "Set presence:" >/dev/null
tt_keys 4 Escape
check "Escape closes the form" wait_for 5 tt_lacks "Set presence:"
check "saying nothing was sent" wait_for 5 tt_has "cancelled: nothing sent"
sleep 0.5
is "$(writes)" "$before" "Escape sends nothing"

# P: the six pairs and clear; Graph's default said in words.
tt_keys P
check "P opens the preferred presence form" wait_for 5 tt_has "Preferred presence: $short"
for pair in "Available / Available" "Busy / Busy" \
    "DoNotDisturb / DoNotDisturb" "BeRightBack / BeRightBack" "Away / Away" \
    "Offline / OffWork"; do
	check "it offers $pair" tt_has "$pair"
done
check "and clearing it" tt_has "clear the preferred presence"
check "with Teams' words where they differ" tt_has "Offline / OffWork (Appear offline)"
check "Be right back too" tt_has "BeRightBack / BeRightBack (Be right back)"
check "Graph's default for Available is 7 days" tt_has "Graph's default (7 days)"
tt_keys 3
check "and 1 day for DoNotDisturb" wait_for 5 tt_has "Graph's default (1 day)"
# 1 hour does not ask.
tt_keys Tab Right Enter
preferred() { state | jq -c '.preferred // empty'; }
pref_set() { [ -n "$(preferred)" ]; }
check "graphsim has the preferred presence, at once" wait_for 5 pref_set
is "$(preferred | jq -r '.availability + "/" + .activity')" \
    "DoNotDisturb/DoNotDisturb" "the pair shown"
left=$(($(secs "$(preferred | jq -r .expiresAt)") - $(date +%s)))
check "for the hour shown ($left s left)" test "$left" -ge 3580 -a "$left" -le 3600
like "$(audit_last)" '"expirationDuration":"PT1H"' "sent as PT1H"
# Clearing asks first; n sends nothing.
before=$(writes)
tt_keys P
wait_for 5 tt_has "Preferred presence:" >/dev/null
tt_keys 7
check "clear hides the expiry" wait_for 5 tt_lacks "Graph's default"
tt_keys Enter
check "clearing asks first" wait_for 5 confirm_open
check "saying Graph cannot give it back" tt_has "cannot give back a preferred"
tt_keys n
check "n goes back to the form" wait_for 5 tt_has "Preferred presence:"
is "$(writes)" "$before" "and sends nothing"
tt_keys Enter
wait_for 5 confirm_open
tt_keys y
pref_gone() { [ -z "$(preferred)" ]; }
check "y clears it in graphsim" wait_for 5 pref_gone

# m: a status message of CJK, an emoji and a combining mark, edited with
# the cursor keys, arrives byte for byte.
tt_keys m
check "m opens the status message form" wait_for 5 tt_has "Status message: $short"
check "with a count of characters" tt_has "/280"
tt_keys C-u
tt_keys -l "中文ok"
tt_keys Home
tt_keys -l "😀 "
tt_keys Right Right
tt_keys -l " "
tt_keys End
tt_keys -l " $(printf 'e\314\201')t$(printf '\303\251')"
tt_keys Left Left
tt_keys -l "!"
tt_keys Right BSpace
want=$(printf '\360\237\230\200 \344\270\255\346\226\207 ok e\314\201!\303\251')
check "the count says 12/280" wait_for 5 tt_has "12/280"
tt_keys Enter
check "a message that never expires asks first" wait_for 5 confirm_open
tt_keys y
content() { state | jq -r '.statusMessage.message.content // ""'; }
got_it() { [ "$(content)" = "$want" ]; }
if wait_for 5 got_it; then ok "graphsim has the message byte for byte"; else
	not_ok "graphsim has the message byte for byte"
	diag "got $(content | od -An -tx1)" "want $(printf '%s' "$want" | od -An -tx1)"
fi
is "$(state | jq -r '.statusMessage.expiryDateTime')" null "with no expiry"

# The form starts with the message; 30 minutes does not ask.
tt_keys m
check "the form starts with the person's message" \
    wait_for 5 tt_has "$(printf '\344\270\255\346\226\207 ok')"
tt_keys Tab Right
check "the expiry is said in local time" wait_for 5 tt_has "(local time)"
now=$(date +%s)
tt_keys Enter
expiry_set() { [ "$(state | jq -r '.statusMessage.expiresAt')" != null ]; }
check "30 minutes is sent at once" wait_for 5 expiry_set
at=$(secs "$(state | jq -r '.statusMessage.expiresAt')")
check "expiring in 30 minutes ($((at - now)) s)" test $((at - now)) -ge 1795 -a $((at - now)) -le 1810
is "$(content)" "$want" "the message unchanged"

# A date typed: refused when past, sent as typed when ahead.
before=$(writes)
tt_keys m
wait_for 5 tt_has "Status message:" >/dev/null
tt_keys Tab
tt_keys -l "2001-01-01 10:00"
check "a date past is refused beside the field" wait_for 5 tt_has "! "
tt_keys Enter
sleep 0.5
is "$(writes)" "$before" "and nothing is sent"
day=$(date -d '+3 days' +%Y-%m-%d)
tt_keys C-u
tt_keys -l "$day 17:00"
tt_keys Enter
check "three days asks first" wait_for 5 confirm_open
check "saying until 17:00" tt_has "17:00"
tt_keys y
utc=$(date -u -d "$day 17:00" +%Y-%m-%dT%H:%M:%S)
dated() { state | jq -r '.statusMessage.expiryDateTime.dateTime' | grep -q "^$utc"; }
check "graphsim has the date and time typed ($utc UTC)" wait_for 5 dated

# c asks first; n sends nothing; y clears.
before=$(writes)
tt_keys c
check "c asks first" wait_for 5 confirm_open
check "saying the session is cleared" tt_has "this app's presence session cleared"
tt_keys n
check "n goes back to the grid" wait_for 5 tt_lacks "Confirm: y sends"
sleep 0.3
is "$(writes)" "$before" "n sends nothing"
tt_keys c
wait_for 5 confirm_open
tt_keys y
no_app() { [ -z "$(app)" ]; }
check "y clears the session" wait_for 5 no_app
tt_keys q
wait_for 5 tt_exited
tt_tmux kill-server

# At 80x24 in --plain and under NO_COLOR every form is drawn whole.
TT_X=80 TT_Y=24 TT_ENV="NO_COLOR=1" tt_start --refresh 60 --plain
wait_for 20 tt_loaded 6
form_rows() { tt_screen | sed -n '3,23p'; }
tt_keys p
wait_for 5 tt_has "== Set presence:" >/dev/null
check "80x24 --plain: the set form is ASCII" \
    eval '! form_rows | sed 1d | LC_ALL=C grep -q "[^ -~]"'
check "with its chosen pair marked (*)" tt_has "(*) Available / Available"
check "and every field" eval 'tt_has "> Presence" && tt_has "For " && tt_has "Session" && tt_has "Hold"'
check "and its keys" tt_has "Enter sends, Escape cancels"
check "NO_COLOR: no colour is drawn" \
    eval '! tt_screen_e | grep -q -E "\[(3[0-7]|4[0-7]|38;5|48;5)[;m]"'
tt_keys Escape P
wait_for 5 tt_has "== Preferred presence:" >/dev/null
check "80x24: the preferred form shows every pair and clear" \
    eval 'tt_has "Offline / OffWork" && tt_has "clear the preferred presence"'
check "and the expiry" tt_has "Graph's default (7 days)"
tt_keys Escape m
wait_for 5 tt_has "== Status message:" >/dev/null
tt_keys -l "x"
check "80x24: the status form shows its count and its expiry" \
    eval 'tt_has "/280" && tt_has "never expires"'
tt_keys Escape q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
