#!/bin/sh
# Themes are found without TEAMTOP_THEMES: in the themes/ directory next to
# the program (the build tree's, when teamtop runs from there), so that
# --theme and T work in a build that is not installed; TEAMTOP_THEMES, when
# set, comes first.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 6

unset TEAMTOP_THEMES
# Built outside the source tree, the build tree has no themes/: run a copy
# of the program with the source tree's themes next to it instead.
if [ ! -f "$(dirname "$TEAMTOP")/themes/light.theme" ]; then
	mkdir "$T/bin"
	cp "$TEAMTOP" "$T/bin/teamtop"
	ln -s "$top_srcdir/themes" "$T/bin/themes"
	TEAMTOP=$T/bin/teamtop
fi

# title_bg COLOUR: does the counts line have this 256-colour background?
title_bg() {
	tt_screen_e | head -n 1 | grep -q -E "48;5;$1(;|m)"
}

gs_start --users 10

tt_start --refresh 2 --theme light
if wait_for 20 tt_loaded 10; then ok "the dashboard starts with --theme light"
else not_ok "the dashboard starts with --theme light"; tt_screen | sed 's/^/# /'; fi
check "the light theme is found next to the program" title_bg 25
if tt_has "no theme"; then not_ok "no theme is said to be missing"
	tt_screen | tail -n 1 | sed 's/^/# /'
else ok "no theme is said to be missing"; fi
tt_keys T
if wait_for 5 tt_has "theme mono"; then ok "T switches to the next theme found"
else not_ok "T switches to the next theme found"; tt_screen | tail -n 1 | sed 's/^/# /'; fi
tt_keys q
wait_for 5 tt_exited
tt_tmux kill-server 2>/dev/null

# TEAMTOP_THEMES comes before the themes next to the program.
mkdir "$T/themes"
sed 's/bg = 25;/bg = 200;/' "$top_srcdir/themes/light.theme" >"$T/themes/light.theme"
TT_ENV="TEAMTOP_THEMES=$T/themes" tt_start --refresh 2 --theme light
check "with TEAMTOP_THEMES the dashboard starts" wait_for 20 tt_loaded 10
check "a theme in TEAMTOP_THEMES wins over the one next to the program" \
    title_bg 200
tt_keys q
wait_for 5 tt_exited
