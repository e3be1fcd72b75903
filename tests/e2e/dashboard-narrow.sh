#!/bin/sh
# At 80x24 the grid keeps what matters: the availability is its glyph
# alone, under a heading without its word; the activity is blank when it
# only repeats the availability and shown when it says more; the status
# message gets room before the name's padding. At 120 columns the
# availability's word is back, and still not repeated as the activity.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 3
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
free_id=$(sed -n 1p "$T/users" | cut -f1)
free_name=$(sed -n 1p "$T/users" | cut -f2)
call_id=$(sed -n 2p "$T/users" | cut -f1)
call_name=$(sed -n 2p "$T/users" | cut -f2)
message='Working from the Oslo office until Friday afternoon'
gs_put_presence "$free_id" "{\"availability\": \"Available\",
    \"activity\": \"Available\", \"statusMessage\": {\"message\":
    {\"content\": \"$message\", \"contentType\": \"text\"}}}"
gs_put_presence "$call_id" '{"availability": "Busy", "activity": "InACall"}'

TT_X=80 TT_Y=24 tt_start --refresh 60
if wait_for 20 tt_loaded 3; then ok "the dashboard starts at 80x24"; else
	not_ok "the dashboard starts at 80x24"; tt_screen | sed 's/^/# /'
fi
free_row() { tt_line "$(printf '%s' "$free_name" | cut -c1-10)"; }
call_row() { tt_line "$(printf '%s' "$call_name" | cut -c1-10)"; }
heading=$(tt_screen | sed -n 2p)
unlike "$heading" "AVAILABILITY" "at 80 columns the availability heading has no word"
like "$heading" "ACTIVITY" "the activity heading is there"
like "$heading" "STATUS" "the status heading is there"
like "$heading" "OOF WHERE   FOR" "and every column of the default set"
row=$(free_row)
like "$row" "✓" "$free_name's availability is its glyph"
unlike "$row" "Available" "Available/Available: neither word is shown"
# The status message: at least 24 of its characters before the cut.
like "$row" "$(printf '%s' "$message" | cut -c1-24)" \
    "the status message has room for 24 characters"
row=$(call_row)
like "$row" "InACall" "Busy/InACall: the activity says more, and is shown"
unlike "$row" "Busy" "and the availability is its glyph alone"
widest=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
check "nothing is wider than 80 columns ($widest)" [ "$widest" -le 80 ]

tt_tmux resize-window -t tt -x 120 -y 30
wide() { tt_screen | sed -n 2p | grep -q AVAILABILITY; }
check "at 120 columns the availability heading is back" wait_for 5 wide
row=$(free_row)
is "$(printf '%s\n' "$row" | grep -o Available | wc -l | tr -d ' ')" 1 \
    "Available/Available says Available once"
like "$(call_row)" "Busy" "Busy/InACall shows Busy"
like "$(call_row)" "InACall" "and InACall"
tt_keys q
check "q quits" wait_for 10 tt_exited
done_testing
