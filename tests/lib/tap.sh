# shellcheck shell=sh
# Shared helpers for the shell tests: TAP output and a private temporary
# directory, $T, removed on exit. Source it, then call plan N (or plan_lazy
# and done_testing at the end). tests/lib/graphsim.sh starts graphsim.

set -u

tap_n=0
tap_failed=0
tap_planned=
T=$(mktemp -d)

# tap_cleanup: stop graphsim (when tests/lib/graphsim.sh was sourced) and
# tmux, and remove $T.
tap_cleanup() {
	command -v gs_stop >/dev/null 2>&1 && gs_stop
	command -v pg_stop >/dev/null 2>&1 && pg_stop
	[ -n "${TMUX_SOCK:-}" ] && tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap tap_cleanup EXIT
trap 'exit 1' INT TERM HUP

plan() {
	tap_planned=$1
	echo "1..$1"
}

plan_lazy() {
	tap_planned=lazy
}

done_testing() {
	[ "$tap_planned" = lazy ] && echo "1..$tap_n"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $*"
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	_desc=$1
	shift
	if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3"
		diag "got:  '$1'" "want: '$2'"
	fi
}

# like GOT FIXED-STRING DESCRIPTION: ok when GOT contains the string.
like() {
	case $1 in
	*"$2"*) ok "$3" ;;
	*) not_ok "$3"; diag "got: '$1'" "does not contain: '$2'" ;;
	esac
}

# unlike GOT FIXED-STRING DESCRIPTION: ok when GOT does not contain it.
unlike() {
	case $1 in
	*"$2"*) not_ok "$3"; diag "got: '$1'" "contains: '$2'" ;;
	*) ok "$3" ;;
	esac
}

# wait_for SECONDS COMMAND...: poll until the command succeeds.
wait_for() {
	_limit=$(($1 * 10))
	shift
	_i=0
	while ! "$@"; do
		_i=$((_i + 1))
		[ $_i -ge $_limit ] && return 1
		sleep 0.1
	done
	return 0
}
