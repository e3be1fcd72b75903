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
