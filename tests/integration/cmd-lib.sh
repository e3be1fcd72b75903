# shellcheck shell=sh
# Helpers for the one-shot command tests: source after tests/lib/tap.sh and
# tests/lib/graphsim.sh. tt runs teamtop against the graphsim started by
# gs_start, with graphsim's demo credentials in the environment.

AZURE_TENANT_ID=$GS_TENANT
AZURE_CLIENT_ID=$GS_CLIENT_ID
AZURE_CLIENT_SECRET=$GS_CLIENT_SECRET
export AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET
XDG_CONFIG_HOME=$T/xdg
XDG_STATE_HOME=$T/state
XDG_CACHE_HOME=$T/cache
export XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME
unset NO_COLOR TEAMTOP_LOG

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

# tt ARGS...: run teamtop against graphsim; stdout in $T/out, stderr in
# $T/err, the exit status in $rc.
# shellcheck disable=SC2034 # $rc is for the caller.
tt() {
	"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" "$@" \
	    >"$T/out" 2>"$T/err"
	rc=$?
}

# gs_api PATH: GET a Graph path with an app token.
gs_api() {
	curl -s -H "Authorization: Bearer $(gs_token)" "$GS_URL/v1.0$1"
}

# gs_reset: zero graphsim's counters.
gs_reset() {
	gs_post /_graphsim/stats/reset '{}' >/dev/null
}

# gs_user N FIELD: a field (id, userPrincipalName, mail, displayName) of
# the N-th user (from 0) in graphsim's directory.
gs_user() {
	gs_api "/users?\$top=999&\$select=id,displayName,userPrincipalName,mail" |
	    jq -r ".value[$1].$2"
}

# gs_state ID: graphsim's internal state of a person.
gs_state() {
	gs_control "/_graphsim/users/$1"
}

# is_json FILE: does FILE hold one valid JSON document?
is_json() {
	jq -e . "$1" >/dev/null 2>&1
}

# tt_login UPN: sign UPN in with teamtop login, reading the code from its
# output and approving it through graphsim (graphsim started with a short
# --device-interval); sets $rc.
# shellcheck disable=SC2034 # $rc is for the caller.
tt_login() {
	"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" login \
	    >"$T/login.out" 2>"$T/login.err" &
	_tl_pid=$!
	_tl_i=0
	_tl_code=
	while [ -z "$_tl_code" ] && [ $_tl_i -lt 100 ]; do
		sleep 0.1
		_tl_i=$((_tl_i + 1))
		_tl_code=$(sed -n 's/^    \([A-Z0-9][A-Z0-9]*\)$/\1/p' \
		    "$T/login.out")
	done
	gs_post /_graphsim/devicecode/approve \
	    "{\"user_code\":\"$_tl_code\",\"user\":\"$1\"}" >/dev/null
	wait "$_tl_pid"
	rc=$?
}
