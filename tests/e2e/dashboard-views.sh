#!/bin/sh
# Views that stay: the sort, grouping, filter and theme chosen in the
# dashboard are saved on quitting in $XDG_STATE_HOME/teamtop/view.NAME and
# restored on the next start; another --view starts from the defaults;
# the command line beats the saved view; save_view = false saves nothing.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 29

gs_start --users 12
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
view=$T/state/teamtop/view.default

# quit: quit the dashboard and wait for it to be gone.
quit() {
	tt_keys q
	wait_for 10 tt_exited
}
heading() {
	tt_screen | sed -n 2p
}
sorted_name_down() { heading | grep -q 'NAME▼'; }
grouped() { tt_has "grouped by availability"; }

tt_restart 12 --refresh 60
is "$(heading | grep -c 'AVAILABILITY▲')" 1 "the grid starts sorted by availability"
# Sort by name (the third column of the menu), reversed; group; filter;
# the next theme.
tt_keys s 3
tt_keys S
check "the sort is by name, reversed" wait_for 5 sorted_name_down
tt_keys g
check "the rows are grouped by availability" wait_for 5 grouped
tt_keys f
wait_for 5 tt_has "showing " >/dev/null
filter=$(tt_screen | grep -o 'showing [A-Za-z +]*only' | head -n 1)
like "$filter" "only" "a filter is on: $filter"
tt_keys T
wait_for 5 tt_has "theme " >/dev/null
theme=$(tt_screen | grep -o 'theme [a-z0-9-]*' | tail -n 1 | cut -d' ' -f2)
check "quitting saves the view" quit
is "$(stat -c %a "$view" 2>/dev/null)" 600 "view.default is private (0600)"
like "$(cat "$view" 2>/dev/null)" "sort -name" "the file holds the sort"
like "$(cat "$view" 2>/dev/null)" "theme $theme" "the file holds the theme $theme"

# The same view again.
tt_restart 12 --refresh 60
check "restarted, the sort is by name, reversed" sorted_name_down
like "$(tt_screen)" "${filter#showing }" "the filter is back"
like "$(tt_screen | sed -n 3p)" "── " "the first line is a group's heading"
quit >/dev/null
is "$(sed -n 's/^theme //p' "$view")" "$theme" "the theme is kept"

# Another name: the defaults; and the command line beats the saved view.
tt_restart 12 --refresh 60 --view helpdesk
is "$(heading | grep -c 'AVAILABILITY▲')" 1 "--view helpdesk starts from the default sort"
quit >/dev/null
like "$(cat "$T/state/teamtop/view.helpdesk" 2>/dev/null)" "sort availability" \
    "and is saved under its own name"
tt_restart 12 --refresh 60 --sort activity --group-by none --theme mono \
    --column name --column availability --column activity
is "$(heading | grep -c 'ACTIVITY▲')" 1 "--sort beats the saved view"
quit >/dev/null
# What the command line gave for one run is not saved: the saved view
# keeps what was chosen in the dashboard.
like "$(cat "$view" 2>/dev/null)" "sort -name" "--sort for one run leaves the saved sort"
like "$(cat "$view" 2>/dev/null)" "group availability" "--group-by leaves the saved grouping"
like "$(cat "$view" 2>/dev/null)" "theme $theme" "--theme leaves the saved theme"
unlike "$(cat "$view" 2>/dev/null)" "columns name,availability" \
    "--column leaves the saved columns"
tt_restart 12 --refresh 60
check "the next run without options is sorted by name, reversed, again" sorted_name_down
# A choice made in the dashboard is saved even when the command line gave
# the setting: the sort chosen with s replaces the saved one.
tt_restart 12 --refresh 60 --sort activity
tt_keys s 3
wait_for 5 tt_has "sorted by name" >/dev/null
quit >/dev/null
like "$(cat "$view" 2>/dev/null)" "sort name" "a sort chosen in the dashboard is saved"

# save_view = false: nothing saved, nothing restored.
mkdir -p "$T/xdg/teamtop"
echo 'save_view = false;' >"$T/xdg/teamtop/config"
rm -f "$view"
tt_restart 12 --refresh 60
tt_keys s 3
wait_for 5 tt_has "sorted by name" >/dev/null
quit >/dev/null
if [ -e "$view" ]; then not_ok "save_view = false saves nothing"; else
	ok "save_view = false saves nothing"
fi
