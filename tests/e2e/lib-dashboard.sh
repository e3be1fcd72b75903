# shellcheck shell=sh
# Helpers for the dashboard's end-to-end tests: teamtop in a private tmux
# server against graphsim, the screen read with capture-pane. Source after
# tests/lib/tap.sh and tests/lib/graphsim.sh.

for _tool in tmux jq curl; do
	command -v $_tool >/dev/null 2>&1 || skip_all "$_tool is not installed"
done

TMUX_SOCK="$T/sock"
unset TMUX

# tt_tmux ARGS...: run tmux on the private server.
tt_tmux() {
	tmux -S "$TMUX_SOCK" -f /dev/null "$@"
}

# tt_start [teamtop options...]: start the dashboard in a 120x40 pane
# against graphsim with the demo credentials (from the environment, never
# argv). TT_ENV may hold extra "NAME=value" words for the environment.
tt_start() {
	# shellcheck disable=SC2016 # $T_DIR and $? are the generated script's.
	{
		echo '#!/bin/sh'
		echo 'export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8'
		if [ -n "${GS_URL:-}" ]; then
			echo "export AZURE_TENANT_ID='$GS_TENANT'"
			echo "export AZURE_CLIENT_ID='$GS_CLIENT_ID'"
			echo "export AZURE_CLIENT_SECRET='$GS_CLIENT_SECRET'"
		fi
		echo "export XDG_CONFIG_HOME='$T/xdg' XDG_STATE_HOME='$T/state'"
		for _e in ${TT_ENV:-}; do echo "export $_e"; done
		echo 'stty -a >"$T_DIR/stty.before"'
		# Ctrl-C and Ctrl-\ are teamtop's to handle: this shell outlives it to
		# write the exit status (teamtop gets the default action).
		echo 'trap : INT QUIT'
		printf '"%s"' "$TEAMTOP"
		if [ -n "${GS_URL:-}" ]; then
			printf ' --graph-url "%s" --login-url "%s"' "$GS_URL" "$GS_URL"
		fi
		for _a in "$@"; do printf " '%s'" "$_a"; done
		printf ' 2>"$T_DIR/teamtop.err"\n'
		echo 'echo $? >"$T_DIR/exit.tmp"; mv "$T_DIR/exit.tmp" "$T_DIR/exit"'
		echo 'stty -a >"$T_DIR/stty.after"'
		echo 'echo "shell prompt again"'
		echo 'exec sleep 600'
	} >"$T/run.sh"
	chmod +x "$T/run.sh"
	mkdir -p "$T/xdg" "$T/state"
	rm -f "$T/exit"
	# Just after a kill-server the old server may still be exiting, and
	# new-session then fails ("server exited unexpectedly"): try again.
	_tt_i=0
	until tt_tmux new-session -d -x "${TT_X:-120}" -y "${TT_Y:-40}" -s tt \
	    "env T_DIR='$T' '$T/run.sh'" 2>/dev/null; do
		_tt_i=$((_tt_i + 1))
		[ $_tt_i -lt 50 ] || break
		sleep 0.1
	done
}

# tt_restart N [teamtop options...]: start the dashboard afresh, on a new
# tmux server, and wait for N people, as a test; then tt_first.
tt_restart() {
	_n=$1
	shift
	tt_tmux kill-server 2>/dev/null
	tt_start "$@"
	if wait_for 20 tt_loaded "$_n"; then ok "the dashboard shows $_n people"; else
		not_ok "the dashboard shows $_n people"; tt_screen | sed 's/^/# /'
	fi
	tt_first
}

# tt_first: set tt_name_first, tt_id_first and tt_short_first to the name,
# the id and the first 10 characters of the name of the person on the
# first row, from $T/users (see gs_users) and $T/names (tt_names_file).
# shellcheck disable=SC2034 # Set for the scripts that source this.
tt_first() {
	tt_name_first=$(tt_name "$(tt_screen | sed -n 3p)" "$T/names")
	tt_id_first=$(awk -F '\t' -v n="$tt_name_first" '$2 == n { print $1; exit }' "$T/users")
	tt_short_first=$(printf '%s' "$tt_name_first" | LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/')
}

# tt_screen: the visible screen as text.
tt_screen() {
	tt_tmux capture-pane -p -t tt
}

# tt_screen_e: the visible screen with attributes as escape sequences.
tt_screen_e() {
	tt_tmux capture-pane -p -e -t tt
}

# tt_has TEXT: is the fixed string on the screen?
tt_has() {
	tt_screen | grep -F -q -- "$1"
}

# tt_lacks TEXT: is the fixed string not on the screen?
tt_lacks() {
	! tt_screen | grep -F -q -- "$1"
}

# tt_line TEXT: the first screen line containing the fixed string.
tt_line() {
	tt_screen | grep -F -- "$1" | head -n 1
}

# tt_keys KEYS...: type keys (tmux key names).
tt_keys() {
	tt_tmux send-keys -t tt "$@"
}

# tt_exited: has teamtop exited?
tt_exited() {
	[ -f "$T/exit" ]
}

# tt_people_loaded N: the status bar counts N people and a refresh is done.
tt_loaded() {
	tt_has "Updated " && tt_has "$1 people"
}

# gs_graph PATH: GET a Graph path on graphsim with the token in GS_TOKEN.
gs_graph() {
	curl -s -H "Authorization: Bearer $GS_TOKEN" "$GS_URL$1"
}

# gs_put_presence ID JSON: replace a person's presence in graphsim.
gs_put_presence() {
	gs_put "/_graphsim/users/$1/presence" "$2" >/dev/null
}

# gs_users: "id<TAB>displayName" for every user, in graphsim's order.
gs_users() {
	gs_graph "/v1.0/users?\$select=id,displayName&\$top=999" |
	    jq -r '.value[] | [.id, .displayName] | @tsv'
}

# tt_names_file FILE: write "prefix<TAB>name" for each name in FILE, the
# prefix being the first 10 characters (long names are cut on screen).
tt_names_file() {
	LC_ALL=C.UTF-8 sed -E 's/^(.{10}).*/\1/' "$1" | paste - "$1" >"$1.prefix"
}

# tt_name LINE NAMES: the name in NAMES (see tt_names_file) shown on LINE:
# the longest full name on it, else the one whose prefix is on it.
tt_name() {
	_best='' _pre=''
	while IFS='	' read -r _p _n; do
		case $1 in
		*"$_n"*) [ ${#_n} -gt ${#_best} ] && _best=$_n ;;
		*"$_p"*) _pre=$_n ;;
		esac
	done <"$2.prefix"
	printf '%s\n' "${_best:-$_pre}"
}
