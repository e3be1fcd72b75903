#!/bin/sh
# The dashboard settings of the configuration file: the columns and their
# order, the sort, a rebound key (shown by ?), and a theme by name.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 6

gs_start --users 6
mkdir -p "$T/xdg/teamtop"
cat >"$T/xdg/teamtop/config" <<'CONF'
columns = [ "name", "availability", "upn" ];
sort = "-name";
theme = "high-contrast";
keys = {
	quit = "x";
	refresh = "F5";
};
CONF
tt_start --refresh 60
if wait_for 20 tt_loaded 6; then ok "the dashboard starts with the file's settings"; else
	not_ok "the dashboard starts with the file's settings"; tt_screen | sed 's/^/# /'
	sed 's/^/# /' "$T/teamtop.err"
fi
head=$(tt_screen | sed -n 2p)
like "$head" "NAME" "the name column is shown"
case $head in
"NAME"*"AVAILABILITY"*"UPN"*) ok "the columns are in the configured order" ;;
*) not_ok "the columns are in the configured order"; diag "$head" ;;
esac
unlike "$head" "ACTIVITY" "a column not configured is not shown"
tt_keys '?'
wait_for 5 tt_has "This help" >/dev/null
like "$(tt_screen | grep -F 'Quit')" "x" "the help shows the rebound quit key"
tt_keys Escape
tt_keys x
check "the rebound key quits" wait_for 5 tt_exited
