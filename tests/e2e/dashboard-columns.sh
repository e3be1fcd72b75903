#!/bin/sh
# The column chooser (C): show, hide and move columns, the headings
# following each change; Escape puts them back, Enter keeps them, and the
# saved view has them on the next start.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 12

gs_start --users 6
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
heading() {
	tt_screen | sed -n 2p
}
quit() {
	tt_keys q
	wait_for 10 tt_exited
}
chooser() { tt_has "Columns (Space"; }
has_upn() { heading | grep -q UPN; }
no_upn() { ! heading | grep -q UPN; }
activity_first() { heading | grep -q '^ACTIVITY'; }

tt_restart 6 --refresh 60
unlike "$(heading)" "UPN" "the upn column is not shown at first"
tt_keys C
check "C opens the column chooser" wait_for 5 chooser
like "$(tt_screen)" "[x] availability" "shown columns are ticked"
like "$(tt_screen)" "[ ] upn" "hidden ones are not"
# upn is the 8th line: the 7 shown by default, then it.
tt_keys j j j j j j j Space
check "Space on upn shows the column" wait_for 5 has_upn
tt_keys Escape
check "Escape puts the columns back" wait_for 5 no_upn

# Move availability after activity, show upn, keep with Enter.
tt_keys C
wait_for 5 chooser >/dev/null
tt_keys + j j j j j j Space Enter
check "+ moves availability down: activity comes first" \
    wait_for 5 activity_first
check "and upn is shown" has_upn
quit >/dev/null
like "$(cat "$T/state/teamtop/view.default" 2>/dev/null)" \
    "columns activity,availability,name" "the saved view has the columns"

tt_restart 6 --refresh 60
check "restarted, the columns are as chosen" activity_first
