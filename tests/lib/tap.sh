# Shared helpers for the shell tests: TAP output, a private temporary
# directory, and a graphsim on a free loopback port. Source it, then call
# plan N (or plan_lazy and done_testing at the end).

set -u

tap_n=0
tap_failed=0
tap_planned=
T=$(mktemp -d)
GS_PID=

# The documented demo credentials of graphsim (graphsim(1)).
GS_TENANT=demo
GS_CLIENT_ID=7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17
GS_CLIENT_SECRET=graphsim-demo-secret

tap_cleanup() {
	if [ -n "$GS_PID" ]; then
		kill "$GS_PID" 2>/dev/null
		wait "$GS_PID" 2>/dev/null
	fi
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

# gs_start [graphsim options...]: start graphsim on a free port, set GS_URL.
gs_start() {
	rm -f "$T/gs.port"
	"$GRAPHSIM" --listen 127.0.0.1:0 --port-file "$T/gs.port" --quiet \
	    "$@" >"$T/gs.out" 2>"$T/gs.err" &
	GS_PID=$!
	_i=0
	while [ ! -s "$T/gs.port" ]; do
		_i=$((_i + 1))
		if [ $_i -gt 200 ] || ! kill -0 "$GS_PID" 2>/dev/null; then
			echo "Bail out! graphsim did not start: $(cat "$T/gs.err")"
			exit 1
		fi
		sleep 0.05
	done
	GS_PORT=$(cat "$T/gs.port")
	GS_URL="http://127.0.0.1:$GS_PORT"
}

# gs_stop: stop the running graphsim.
gs_stop() {
	if [ -n "$GS_PID" ]; then
		kill "$GS_PID" 2>/dev/null
		wait "$GS_PID" 2>/dev/null
	fi
	GS_PID=
}

# gs_token: print an app-only access token for the demo app.
gs_token() {
	curl -s -X POST "$GS_URL/$GS_TENANT/oauth2/v2.0/token" \
	    --data-urlencode "client_id=$GS_CLIENT_ID" \
	    --data-urlencode "client_secret=$GS_CLIENT_SECRET" \
	    --data-urlencode "scope=https://graph.microsoft.com/.default" \
	    --data-urlencode "grant_type=client_credentials" |
	    jq -r .access_token
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
