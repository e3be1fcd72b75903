#!/bin/sh
# The first screen appears before the whole roster is loaded, with a
# progress indication while it loads, and then shows everyone: graphsim
# answers each request after 400 ms, so paging 3,000 people takes a while.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 5

gs_start --users 3000 --latency 400
tt_start --refresh 60
check "it says it is loading the roster" wait_for 10 tt_has "Loading the roster"
screen=$(tt_screen)
like "$screen" "teamtop" "the dashboard is drawn while the roster loads"
unlike "$screen" "3000 people" "before the whole roster is there"
check "and is done loading before long" wait_for 60 tt_loaded 3000
check "the progress indication is gone when loaded" tt_lacks "Loading the roster"
