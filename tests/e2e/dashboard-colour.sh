#!/bin/sh
# NO_COLOR gives no colour escapes; --plain draws no colour and no box or
# block characters; the default has colour, on an 8-colour terminal too,
# where only the 8 basic colours are used.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 13

gs_start --users 10

# colours ESCAPED-SCREEN: does it set a colour (SGR 30-38, 40-48, 90-107;
# 39 and 49, the default colours, are not colours)?
colours() {
	printf '%s\n' "$1" | grep -q -E "$(printf '\033')\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|m)"
}

# colours256 ESCAPED-SCREEN: does it use a colour of the 256-colour palette?
colours256() {
	printf '%s\n' "$1" | grep -q -E "$(printf '\033')\\[([0-9;]*;)?[34]8;5;"
}

tt_start --refresh 2
wait_for 20 tt_loaded 10 || tt_screen | sed 's/^/# /'
check "by default the screen has colour" colours "$(tt_screen_e)"
check "on a 256-colour terminal the theme's 256-colour palette is used" \
    colours256 "$(tt_screen_e)"
tt_keys q
wait_for 5 tt_exited
tt_tmux kill-server 2>/dev/null


TT_ENV="TERM=xterm" tt_start --refresh 2
check "on an 8-colour terminal (TERM=xterm) the dashboard starts" \
    wait_for 20 tt_loaded 10
screen=$(tt_screen_e)
check "on an 8-colour terminal the screen has colour" colours "$screen"
if colours256 "$screen"; then
	not_ok "on an 8-colour terminal no 256-colour palette entry is used"
	printf '%s\n' "$screen" | head -3 | cat -v | sed 's/^/# /'
else
	ok "on an 8-colour terminal no 256-colour palette entry is used"
fi
like "$(tt_screen)" "Available" "on an 8-colour terminal availability is written out"
tt_keys q
wait_for 5 tt_exited
tt_tmux kill-server 2>/dev/null

TT_ENV="NO_COLOR=1" tt_start --refresh 2
check "with NO_COLOR the dashboard starts" wait_for 20 tt_loaded 10
screen=$(tt_screen_e)
if colours "$screen"; then not_ok "NO_COLOR gives no colour escapes"
	printf '%s\n' "$screen" | head -5 | cat -v | sed 's/^/# /'
else ok "NO_COLOR gives no colour escapes"; fi
like "$(tt_screen)" "Available" "availability is still written out in words"
tt_keys q
wait_for 5 tt_exited
tt_tmux kill-server 2>/dev/null

tt_start --refresh 2 --plain
check "with --plain the dashboard starts" wait_for 20 tt_loaded 10
if colours "$(tt_screen_e)"; then not_ok "--plain draws no colour"; else ok "--plain draws no colour"; fi
# U+2500-U+259F: box drawing and block elements.
box=$(tt_screen | grep -c -E "$(printf '\342\224|\342\225|\342\226')")
is "$box" 0 "--plain draws no box or block characters"
tt_keys g
wait_for 5 tt_has "Available (" >/dev/null
box=$(tt_screen | grep -c -E "$(printf '\342\224|\342\225|\342\226')")
is "$box" 0 "--plain group headings have no box characters either"
tt_keys q
wait_for 5 tt_exited
