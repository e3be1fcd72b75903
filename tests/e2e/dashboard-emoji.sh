#!/bin/sh
# A name with an emoji ZWJ sequence and a skin tone ("Đặng Đức 👩🏽‍💻", one of
# graphsim's names), which terminals draw in differing numbers of cells
# (tmux 3.3a in 4, a terminal that knows the sequence in 2, the C library's
# wcwidth in 6), leaves no stray cell behind it and moves no column: its
# row's cells start where their headings do.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 7

zwj=$(printf '\342\200\215')
gs_start --users 300
GS_TOKEN=$(gs_token)
gs_graph "/v1.0/users?\$select=id,displayName,department&\$top=999" |
    jq -r '.value[] | [.id, .displayName, .department] | @tsv' >"$T/users"
# A person with a ZWJ sequence in the name: Đặng Đức when there.
grep -F "$zwj" "$T/users" >"$T/zwj"
person=$(grep -m 1 'Đặng Đức' "$T/zwj" || head -n 1 "$T/zwj")
id=$(printf '%s' "$person" | cut -f1)
name=$(printf '%s' "$person" | cut -f2)
dept=$(printf '%s' "$person" | cut -f3)
given=${name%% *}
case $name in
*"$zwj"*) ok "graphsim has a person with a ZWJ sequence in the name ($name)" ;;
*) not_ok "graphsim has a person with a ZWJ sequence in the name"; exit 1 ;;
esac
avail=$(gs_graph "/v1.0/users/$id/presence" | jq -r .availability)
# The last character of the name: the row goes on after it.
last=$(printf '%s\n' "$name" | LC_ALL=C.UTF-8 sed 's/^.*\(.\)$/\1/')

# width TEXT: the cells TEXT takes, by the C library's wcwidth (which is
# how tmux places each character).
width() {
	printf '%s' "$1" | LC_ALL=C.UTF-8 wc -L
}

TT_X=100 TT_Y=30 tt_start --refresh 2 --group-by department \
    --column name --column department --column availability
if wait_for 20 tt_loaded 300; then ok "the dashboard starts"; else
	not_ok "the dashboard starts"; tt_screen | sed 's/^/# /'; fi
# The screen is full of other names first, then shows the person alone: a
# cell left undrawn would still hold another name's letters.
tt_keys / "$given" Enter
shown() { tt_screen | grep -F -- "$given" | grep -q -F -- "$avail"; }
check "the search shows $given" wait_for 5 shown
line=$(tt_screen | grep -F -- "$given" | grep -F -- "$avail" | head -n 1)
head=$(tt_screen | sed -n 2p)
rest=${line##*"$last"}
is "$(printf '%s' "$rest" | awk '{ print $1 }')" "${dept%% *}" \
    "only blanks between the name and the department"
is "$(width "${line%%"$dept"*}")" "$(width "${head%%DEPARTMENT*}")" \
    "the department starts under its heading"
is "$(width "${line%"$avail"*}")" "$(width "${head%%AVAILABILITY*}")" \
    "the availability starts under its heading"
tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
