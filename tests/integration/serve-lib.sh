# shellcheck shell=sh
# Helpers for the tests of teamtop serve: source after tests/lib/tap.sh,
# tests/lib/graphsim.sh, tests/lib/pg.sh and tests/integration/cmd-lib.sh.
# sv_start runs a serve against graphsim and the private PostgreSQL.

# The refresh interval of the serves, in seconds.
SV_REFRESH=${SV_REFRESH:-2}

# sv_start NAME [options...]: start a serve in the background; its pid in
# $T/NAME.pid, its standard error in $T/NAME.err.
sv_start() {
	_sv=$1
	shift
	"$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" \
	    --refresh "$SV_REFRESH" "$@" serve --db "$PG_URL" \
	    >"$T/$_sv.out" 2>"$T/$_sv.err" &
	echo $! >"$T/$_sv.pid"
}

# sv_stop NAME [SIGNAL]: stop a serve (TERM by default) and wait for it.
sv_stop() {
	_svp=$(cat "$T/$1.pid")
	kill "-${2:-TERM}" "$_svp" 2>/dev/null
	wait "$_svp" 2>/dev/null
	return 0
}

# sv_active NAME: has the serve said it is the active one?
sv_active() {
	grep -q 'active: this serve polls Graph' "$T/$1.err"
}

# sv_said NAME TEXT: has the serve said TEXT?
sv_said() {
	grep -F -q -- "$2" "$T/$1.err"
}

# sv_people_with AVAILABILITY: how many people have it in the database.
sv_people_with() {
	pg_sql "SELECT count(*) FROM people WHERE availability = '$1'"
}

# sv_refreshed_after EPOCH: has serve written a refresh at or after it?
sv_refreshed_after() {
	[ "$(pg_sql "SELECT count(*) FROM serve_status WHERE last_ok >= $1")" = 1 ]
}

# sv_state_is ID STATE: is a queued action in this state?
sv_state_is() {
	[ "$(pg_sql "SELECT state FROM actions WHERE id = $1")" = "$2" ]
}

# sv_is SQL VALUE: does the query answer VALUE?
sv_is() {
	[ "$(pg_sql "$1" 2>/dev/null)" = "$2" ]
}

# sv_action_state ID: the state of a queued action.
sv_action_state() {
	pg_sql "SELECT state FROM actions WHERE id = $1"
}

# sv_queue KIND TARGET BODY: queue an action as the superuser; prints its id.
sv_queue() {
	pg_sql "INSERT INTO actions (kind, target, body) VALUES ('$1', '$2', '$3') RETURNING id"
}
