# shellcheck shell=sh
# Start and stop graphsim on a free loopback port and talk to it as its
# demo app. Needs GRAPHSIM (the binary) and T (a private temporary
# directory): source it after tests/lib/tap.sh, whose exit trap calls
# gs_stop, or set T and stop graphsim on exit yourself.

# The documented demo credentials of graphsim (graphsim(1)).
GS_TENANT=demo
GS_CLIENT_ID=7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17
GS_CLIENT_SECRET=graphsim-demo-secret
GS_PID=
GS_PORT=
GS_URL=

# How long graphsim may take to write its port, in seconds.
GS_START_WAIT=${GS_START_WAIT:-10}

# gs_start [graphsim options...]: start graphsim on a free port, set GS_PORT
# and GS_URL; bail out when it does not start in GS_START_WAIT seconds.
gs_start() {
	rm -f "$T/gs.port"
	"$GRAPHSIM" --listen 127.0.0.1:0 --port-file "$T/gs.port" --quiet \
	    "$@" >"$T/gs.out" 2>"$T/gs.err" &
	GS_PID=$!
	_gs_i=0
	while [ ! -s "$T/gs.port" ]; do
		_gs_i=$((_gs_i + 1))
		if [ $_gs_i -gt $((GS_START_WAIT * 20)) ] ||
		    ! kill -0 "$GS_PID" 2>/dev/null; then
			echo "Bail out! graphsim did not start: $(cat "$T/gs.err")"
			exit 1
		fi
		sleep 0.05
	done
	GS_PORT=$(cat "$T/gs.port")
	GS_URL="http://127.0.0.1:$GS_PORT"
}

# gs_stop: stop the running graphsim, if any.
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

# gs_auth_file FILE: write an Authorization header with a fresh token to
# FILE, for curl -H @FILE (so that the token is never in argv).
gs_auth_file() {
	printf 'Authorization: Bearer %s\n' "$(gs_token)" >"$1"
}

# gs_control PATH: GET a graphsim control path (/_graphsim/...).
gs_control() {
	curl -s "$GS_URL$1"
}

# gs_post PATH BODY: POST JSON to a graphsim control path.
gs_post() {
	curl -s -X POST -H 'Content-Type: application/json' -d "$2" "$GS_URL$1"
}

# gs_put PATH BODY: PUT JSON to a graphsim control path.
gs_put() {
	curl -s -X PUT -H 'Content-Type: application/json' -d "$2" "$GS_URL$1"
}

# gs_count ROUTE: how many requests graphsim counted for a route key, like
# "POST /communications/getPresencesByUserId", since its last reset.
gs_count() {
	gs_control /_graphsim/stats | jq -r --arg r "$1" '.by_route[$r] // 0'
}

# The device code grant's grant_type.
GS_DEVICE_GRANT=urn:ietf:params:oauth:grant-type:device_code

# gs_upn N: the userPrincipalName of the Nth person of the directory.
gs_upn() {
	curl -s -H "Authorization: Bearer $(gs_token)" \
	    "$GS_URL/v1.0/users?\$select=userPrincipalName&\$top=$1" |
	    jq -r ".value[$1 - 1].userPrincipalName"
}

# gs_signin USER SCOPE FILE: sign USER in to the demo app with the device
# code grant (the code approved through the control endpoint) and write
# the token answer to FILE.json and an Authorization header with the
# delegated access token to FILE.
gs_signin() {
	curl -s -X POST "$GS_URL/$GS_TENANT/oauth2/v2.0/devicecode" \
	    --data-urlencode "client_id=$GS_CLIENT_ID" \
	    --data-urlencode "scope=$2" >"$3.dc"
	gs_post /_graphsim/devicecode/approve \
	    "{\"user_code\":\"$(jq -r .user_code "$3.dc")\",\"user\":\"$1\"}" \
	    >/dev/null
	curl -s -X POST "$GS_URL/$GS_TENANT/oauth2/v2.0/token" \
	    --data-urlencode "client_id=$GS_CLIENT_ID" \
	    --data-urlencode "grant_type=$GS_DEVICE_GRANT" \
	    --data-urlencode "device_code=$(jq -r .device_code "$3.dc")" \
	    >"$3.json"
	printf 'Authorization: Bearer %s\n' "$(jq -r .access_token "$3.json")" \
	    >"$3"
}
