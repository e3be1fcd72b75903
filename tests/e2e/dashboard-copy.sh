#!/bin/sh
# y copies the selected person's UPN to the clipboard: the exact OSC 52
# sequence (ESC ] 52 ; c ; base64 ST) is in what teamtop writes to its
# terminal (tmux pipe-pane), and, as inside tmux an application's OSC 52
# is dropped with tmux's defaults, tmux load-buffer -w sets tmux's buffer
# (and the outer terminal's clipboard); the status bar says what was
# copied. Without a tmux to ask, the sequence goes through tmux's
# passthrough instead. The details pane shows the Teams chat link.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
command -v base64 >/dev/null 2>&1 || skip_all "base64 is not installed"
plan_lazy

gs_start --users 4
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"

# upn_of ID: the person's UPN in graphsim.
upn_of() {
	gs_graph "/v1.0/users/$1?\$select=userPrincipalName" |
	    jq -r .userPrincipalName
}
# sent SEQUENCE: has teamtop written the bytes to its terminal?
sent() {
	grep -F -q -- "$1" "$T/out"
}

tt_restart 4 --refresh 60
upn=$(upn_of "$tt_id_first")
like "$upn" "@" "$tt_name_first has a UPN: $upn"
b64=$(printf '%s' "$upn" | base64 | tr -d '\n')
# ST is ESC and a backslash (\134).
osc=$(printf '\033]52;c;%s\033\134' "$b64")
tt_tmux pipe-pane -o -t tt "cat >>'$T/out'"
sleep 0.3
tt_keys y
check "the status bar confirms the copy" wait_for 5 tt_has "Copied $upn"
tt_keys L
check "in full in the messages (L)" \
    wait_for 5 tt_has "Copied $upn to the clipboard"
tt_keys q
check "the OSC 52 sequence with the UPN in base64 was written" wait_for 5 sent "$osc"
is "$(tt_tmux show-buffer 2>/dev/null)" "$upn" "inside tmux, tmux's buffer holds the UPN"
unlike "$(tt_screen)" "52;c;" "the sequence does not show on the screen"

# The details pane: the chat link, percent-encoded.
enc=$(printf '%s' "$upn" | sed 's/@/%40/')
tt_keys Enter
check "the details pane shows the Teams chat link" wait_for 5 \
    tt_has "https://teams.microsoft.com/l/chat/0/0?users=$enc"
tt_keys Escape
tt_keys Down
upn2=$(upn_of "$(awk -F '\t' -v n="$(tt_name "$(tt_screen | sed -n 4p)" "$T/names")" \
    '$2 == n { print $1; exit }' "$T/users")")
tt_keys y
check "y on another row copies that person's UPN ($upn2)" \
    wait_for 5 tt_has "Copied $upn2"
is "$(tt_tmux show-buffer 2>/dev/null)" "$upn2" "and tmux's buffer follows"
tt_keys q
wait_for 10 tt_exited >/dev/null

# No tmux program to ask: tmux's passthrough, every ESC doubled.
mkdir -p "$T/bin"
for tool in stty mv sleep; do
	ln -sf "$(command -v "$tool")" "$T/bin/$tool"
done
: >"$T/out"
TT_ENV="PATH=$T/bin" tt_restart 4 --refresh 60
upn=$(upn_of "$tt_id_first")
b64=$(printf '%s' "$upn" | base64 | tr -d '\n')
wrapped=$(printf '\033Ptmux;\033\033]52;c;%s\033\033\134\033\134' "$b64")
tt_tmux pipe-pane -o -t tt "cat >>'$T/out'"
sleep 0.3
tt_keys y
check "without tmux load-buffer the copy is still confirmed" \
    wait_for 5 tt_has "Copied $upn"
check "and the sequence went through tmux's passthrough" wait_for 5 sent "$wrapped"
tt_keys q
check "q quits" wait_for 10 tt_exited
done_testing
