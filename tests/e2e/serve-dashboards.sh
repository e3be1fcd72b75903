#!/bin/sh
# One teamtop serve and five dashboards on PostgreSQL over 5,000 people:
# the dashboards have no Graph credential, graphsim counts one dashboard's
# presence requests per refresh, a change in Graph reaches every screen
# within one refresh, a write from one dashboard is done once and its
# outcome shown there, a reader's write is refused, and a dashboard whose
# database goes away says STALE and comes back by itself with its write.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/lib/pg.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
. "$top_srcdir/tests/integration/cmd-lib.sh"
. "$top_srcdir/tests/integration/serve-lib.sh"
# Skipped as a whole without a PostgreSQL server.
pg_find
plan 23

N=5000
SV_REFRESH=3
pg_start
gs_start --users $N
sv_start a
wait_for 30 sv_is 'SELECT count(*) FROM people WHERE have_presence' $N
check "serve writes $N people" sv_is 'SELECT count(*) FROM people WHERE have_presence' $N

# The roles: alice operates, rob reads.
"$TEAMTOP" serve --init-roles >"$T/roles.sql"
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -U "$PG_SUPER" -f "$T/roles.sql" >/dev/null
pg_sql "CREATE ROLE alice LOGIN PASSWORD 'alice-pw' IN ROLE teamtop_operator"
pg_sql "CREATE ROLE rob LOGIN PASSWORD 'rob-pw' IN ROLE teamtop_reader"
db_as() { echo "postgresql:///$PG_DB?host=$PG_DIR&user=$1"; }

# d_start NAME URL PASSWORD [OPTION...]: a dashboard in its own tmux
# session, with no Graph credential at all.
d_start() {
	_dn=$1 _du=$2 _dp=$3
	shift 3
	{
		echo '#!/bin/sh'
		echo 'export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8'
		echo "export XDG_CONFIG_HOME='$T/xdg' XDG_STATE_HOME='$T/state-$_dn'"
		echo "export PGPASSWORD='$_dp'"
		echo 'unset AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET'
		printf '"%s" --refresh %s --db "%s"' "$TEAMTOP" "$SV_REFRESH" "$_du"
		for _a in "$@"; do printf " '%s'" "$_a"; done
		printf ' 2>"%s"\n' "$T/$_dn.err"
		echo 'exec sleep 600'
	} >"$T/$_dn.sh"
	chmod +x "$T/$_dn.sh"
	mkdir -p "$T/xdg"
	tt_tmux new-session -d -x 120 -y 40 -s "$_dn" "$T/$_dn.sh"
}
d_screen() { tt_tmux capture-pane -p -t "$1"; }
d_has() { d_screen "$1" | grep -F -q -- "$2"; }
d_keys() { _d=$1; shift; tt_tmux send-keys -t "$_d" "$@"; }
all_have() {
	for _d in d1 d2 d3 d4 d5; do d_has $_d "$1" || return 1; done
}

d_start d1 "$(db_as alice)" alice-pw
d_start d2 "$(db_as rob)" rob-pw
d_start d3 "$PG_URL" ''
d_start d4 "$PG_URL" ''
d_start d5 "$PG_URL" ''
if wait_for 30 all_have "$N people"; then ok "five dashboards show the $N people"; else
	not_ok "five dashboards show the $N people"; d_screen d1 | sed 's/^/# /'
fi
check "... refreshed, with no Graph credential" all_have "Updated "

# One dashboard's worth of presence requests per refresh: ceil(N/650).
want=$(((N + 649) / 650))
# refreshed_since T: serve wrote a refresh after last_ok T.
refreshed_since() { [ "$(pg_sql 'SELECT last_ok FROM serve_status')" -gt "$1" ]; }
per_refresh() {
	_l=$(pg_sql 'SELECT last_ok FROM serve_status')
	wait_for 10 refreshed_since "$_l"
	_c1=$(gs_count "POST /communications/getPresencesByUserId")
	_l=$(pg_sql 'SELECT last_ok FROM serve_status')
	wait_for 10 refreshed_since "$_l"
	_c2=$(gs_count "POST /communications/getPresencesByUserId")
	echo $((_c2 - _c1))
}
gs_reset
c=$(per_refresh)
check "graphsim counts $want presence requests per refresh ($c)" test "$c" = "$want"
c=$(per_refresh)
check "... and again ($c)" test "$c" = "$want"
gs_control /_graphsim/stats | jq -r '.by_route | keys[]' >"$T/routes"
check "... and nothing else besides the token" \
    test "$(grep -v -c -e getPresencesByUserId -e oauth2 "$T/routes")" = 0

# A change in Graph reaches all five screens within one refresh.
away() { d_screen "$1" | sed -n 1p | sed -E 's/.*Away ([0-9]+).*/\1/'; }
before=$(away d1)
id=$(pg_sql "SELECT id FROM people WHERE availability = 'Busy' ORDER BY id LIMIT 1")
gs_put "/_graphsim/users/$id/presence" \
    '{"availability":"Away","activity":"Away","statusMessage":{"message":{"content":"PGTEST gone fishing","contentType":"text"}}}' >/dev/null
start=$(date +%s)
all_away() { all_have "Away $((before + 1))"; }
wait_for $((SV_REFRESH * 2 + 2)) all_away
took=$(($(date +%s) - start))
check "a change in Graph reaches all five screens within one refresh ($took s)" \
    sh -c "test $took -le $((SV_REFRESH + 2))"
for d in d1 d5; do
	d_keys $d / && d_keys $d -l "PGTEST"
done
found_one() { d_screen "$1" | tail -n 1 | grep -q -E ' 1 match( |$)'; }
check "... with the status message (d1 finds it)" wait_for 5 found_one d1
check "... (d5 finds it)" wait_for 5 found_one d5
d_keys d1 Enter
d_keys d1 Enter
# d_history D: D's details pane lists the transition from Busy to Away.
d_history() {
	d_screen "$1" >"$T/details"
	grep -q 'Transitions seen' "$T/details" &&
	    grep -q ' Busy / ' "$T/details" && grep -q ' Away / Away' "$T/details"
}
check "the details pane lists the transitions serve saw" wait_for 5 d_history d1
d_screen d1 | grep -A4 Transitions | sed 's/^/# /'
d_keys d1 Escape
d_keys d1 Escape
d_keys d5 Escape

# A write queued by d1 (alice, an operator) is done once, its outcome shown.
gs_reset
d_keys d1 m
wait_for 5 d_has d1 "Status message:" >/dev/null
d_keys d1 C-u
d_keys d1 -l "Queued through serve"
d_keys d1 Enter
wait_for 5 d_has d1 "Confirm: y sends" >/dev/null
d_keys d1 y
# d_done D: the outcome of a setStatusMessage is on D's status bar.
d_done() { d_screen "$1" | tail -n 1 | grep -q -E 'setStatusMessage for .*: done'; }
check "d1's write is done and its outcome shown" wait_for 10 d_done d1
check "... sent to Graph once" \
    test "$(gs_count 'POST /users/{id}/presence/setStatusMessage')" = 1
check "... queued as alice, audited as alice" \
    sv_is "SELECT count(*) FROM audit WHERE queued_by = 'alice' AND outcome = 'done'" 1

# M sets one's own presence as a signed-in user, which serve is not.
d_keys d1 M
check "M says one's own presence is not set through the database" \
    wait_for 5 d_has d1 "not through the database"
d_keys d1 Escape

# rob reads only: his write is refused by the database, and said so.
d_keys d2 m
wait_for 5 d_has d2 "Status message:" >/dev/null
d_keys d2 C-u
d_keys d2 -l "Not allowed"
d_keys d2 Enter
wait_for 5 d_has d2 "Confirm: y sends" >/dev/null
d_keys d2 y
check "a reader's write is refused, and the dashboard says so" \
    wait_for 10 d_has d2 "permission denied"
check "... nothing is queued for rob" \
    sv_is "SELECT count(*) FROM actions WHERE queued_by = 'rob'" 0

# PostgreSQL stops: the dashboards say STALE, a write waits, and comes back.
pg_ctl_stop
check "with the database gone, d3 says STALE" wait_for 10 d_has d3 "STALE"
d_keys d3 m
wait_for 5 d_has d3 "Status message:" >/dev/null
d_keys d3 C-u
d_keys d3 -l "Written while away"
d_keys d3 Enter
wait_for 5 d_has d3 "Confirm: y sends" >/dev/null
d_keys d3 y
sleep 1
pg_ctl_start
check "PostgreSQL back, the write queued meanwhile is done and shown" \
    wait_for 20 d_done d3
d_fresh() { ! d_has "$1" STALE; }
check "... and d3 is no longer STALE" wait_for 15 d_fresh d3
check "... the write was sent to Graph once" \
    test "$(gs_count 'POST /users/{id}/presence/setStatusMessage')" = 2

# Graph refuses serve's refresh: the dashboards say STALE with Graph's word.
gs_post /_graphsim/faults \
    '{"route":"POST /communications/getPresencesByUserId","count":1000,"status":403,"code":"Forbidden"}' >/dev/null
d_refused() { d_has "$1" STALE && d_has "$1" Forbidden; }
check "when Graph refuses serve, d4 says STALE with Graph's error" \
    wait_for $((SV_REFRESH * 3 + 5)) d_refused d4
curl -s -X DELETE "$GS_URL/_graphsim/faults" >/dev/null
check "... and no longer once Graph answers again" \
    wait_for $((SV_REFRESH * 3 + 5)) d_fresh d4

# A dashboard registers the people of its configuration for serve to poll.
upn=$(pg_sql "SELECT upn FROM roster JOIN people USING (id) WHERE position = 9")
d_start d6 "$(db_as alice)" alice-pw --user "$upn"
check "a dashboard registers what it watches, as its role" \
    wait_for 10 sv_is "SELECT registered_by FROM watches WHERE kind = 'user' AND value = '$upn'" alice

tt_tmux kill-server
sv_stop a
