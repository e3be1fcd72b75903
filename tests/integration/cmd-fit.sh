#!/bin/sh
# teamtop get on a terminal fits its width ($COLUMNS, else the tty's): the
# status message, then the name, are cut with an ellipsis so that no line
# wraps; to a file or a pipe the table is what it always was.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 10
. "$top_srcdir/tests/integration/cmd-lib.sh"
command -v script >/dev/null 2>&1 || skip_all "script(1) is not installed"
plan 20
LC_ALL=C.UTF-8
export LC_ALL

# Robert Miller, and Linda, whose name is 150 characters long (a table
# column shows 60 at most).
upn0=$(gs_user 0 userPrincipalName)
upn1=$(gs_user 1 userPrincipalName)
msg='In the lab until five, then at the dentist: call my mobile'
tt status "$upn0" "$msg"
is "$rc" 0 "a long status message is set"

# pty SHELL-COMMAND: run it with a terminal as its output (script(1)),
# after "stty cols 100"; the output, without carriage returns, in $T/pty.
pty() {
	script -qec "stty cols 100; $1" /dev/null </dev/null | tr -d '\r' \
	    >"$T/pty"
}
# get_cmd [OPTIONS]: the command line of teamtop get for the two people.
get_cmd() {
	printf "'%s' --graph-url '%s' --login-url '%s' %s get '%s' '%s'" \
	    "$TEAMTOP" "$GS_URL" "$GS_URL" "$*" "$upn0" "$upn1"
}
# widest FILE: the display width of the widest line.
widest() {
	wc -L <"$1" | tr -d ' '
}

# The table as it is for a pipe, as wide as it needs.
tt get "$upn0" "$upn1"
cp "$T/out" "$T/pipe"
wide=$(widest "$T/pipe")
check "to a pipe the table is $wide columns wide, wider than 100" \
    test "$wide" -gt 100
like "$(cat "$T/pipe")" "$msg" "with the whole status message"

pty "COLUMNS=120 $(get_cmd)"
is "$(widest "$T/pty")" 120 "COLUMNS=120: the lines are 120 columns at most"
is "$(wc -l <"$T/pty" | tr -d ' ')" 3 "the header and two rows, none wrapped"
like "$(grep 'Robert Miller' "$T/pty")" "In the lab" \
    "the status message begins as it is"
like "$(grep 'Robert Miller' "$T/pty")" "…" "and ends with an ellipsis"
is "$(grep -c 'call my mobile' "$T/pty")" 0 "where it is cut"
like "$(cat "$T/pty")" "Linda Ava Johnson de la Moore" \
    "the name is kept while cutting the message is enough"

pty "COLUMNS=80 $(get_cmd)"
check "COLUMNS=80: 80 columns at most ($(widest "$T/pty"))" \
    test "$(widest "$T/pty")" -le 80
is "$(wc -l <"$T/pty" | tr -d ' ')" 3 "still three lines"
is "$(grep -c 'Linda Ava Johnson de la Moore (Contractor' "$T/pty")" 0 \
    "the long name is cut too"
like "$(grep '^Linda' "$T/pty")" "…" "with an ellipsis"
like "$(cat "$T/pty")" "Robert Miller" "a short name stays whole"

pty "COLUMNS=80 $(get_cmd --plain)"
check "--plain: 80 columns at most" test "$(widest "$T/pty")" -le 80
like "$(grep 'Robert Miller' "$T/pty")" "..." "cut with three dots"

# Without COLUMNS, the tty's width (stty cols 100).
pty "unset COLUMNS; $(get_cmd)"
is "$(widest "$T/pty")" 100 "without COLUMNS, the tty's 100 columns"
pty "COLUMNS=wide $(get_cmd)"
is "$(widest "$T/pty")" 100 "a COLUMNS that is no number is the tty's width too"

# Not a table, or not a terminal: unchanged.
pty "COLUMNS=60 $(get_cmd --json)"
like "$(cat "$T/pty")" "$msg" "--json on a terminal keeps the whole message"
COLUMNS=60 "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" get \
    "$upn0" "$upn1" >"$T/out" 2>&1
check "to a pipe COLUMNS changes nothing" cmp -s "$T/out" "$T/pipe"
