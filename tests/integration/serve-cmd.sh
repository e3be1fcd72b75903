#!/bin/sh
# The one-shot commands with --db: get, export, history and wait read what
# teamtop serve wrote; status and set queue writes that serve performs,
# as the role that asked; no Graph credential is used.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/lib/pg.sh"
. "$top_srcdir/tests/integration/cmd-lib.sh"
. "$top_srcdir/tests/integration/serve-lib.sh"
# Skipped as a whole without a PostgreSQL server.
pg_find
plan 28

pg_start
gs_start --users 30
sv_start a
wait_for 20 sv_is 'SELECT count(*) FROM people WHERE have_presence' 30
"$TEAMTOP" serve --init-roles >"$T/roles.sql"
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -U "$PG_SUPER" -f "$T/roles.sql" >/dev/null
pg_sql "CREATE ROLE alice LOGIN PASSWORD 'alice-pw' IN ROLE teamtop_operator"
pg_sql "CREATE ROLE rob LOGIN PASSWORD 'rob-pw' IN ROLE teamtop_reader"

# db ARGS...: teamtop with --db and no Graph credential; as DB_USER
# (with DB_PASSWORD) when set, else the superuser.
DB_USER=$PG_SUPER
DB_PASSWORD=
db() {
	env -u AZURE_TENANT_ID -u AZURE_CLIENT_ID -u AZURE_CLIENT_SECRET \
	    PGPASSWORD="$DB_PASSWORD" "$TEAMTOP" --refresh 2 \
	    --db "postgresql:///$PG_DB?host=$PG_DIR&user=$DB_USER" "$@" \
	    >"$T/out" 2>"$T/err"
	rc=$?
}

upn=$(pg_sql "SELECT upn FROM roster JOIN people USING (id) WHERE position = 4")
id=$(pg_sql "SELECT id FROM people WHERE upn = '$upn'")

db get
check "get reads the roster from the database" test "$rc" = 0
check "... every person, with no Graph credential" test "$(grep -c . "$T/out")" = 31
db get --json
check "get --json has the 30 people" test "$(jq '.value | length' "$T/out")" = 30
db get "$upn"
check "get USER finds a person by UPN" \
    grep -q -F "$(pg_sql "SELECT name FROM people WHERE id = '$id'")" "$T/out"
check "... with the presence serve wrote" \
    grep -q "$(pg_sql "SELECT availability FROM people WHERE id = '$id'")" "$T/out"
db get nobody@nowhere.example
check "get of an unknown person exits 1" test "$rc" = 1
check "... saying so" grep -q "no one in the database matches 'nobody@nowhere.example'" "$T/err"
db export --csv
check "export --csv writes the roster" test "$(grep -c . "$T/out")" = 31
mkdir -p "$T/xdg/teamtop"
printf 'db = "postgresql:///%s?host=%s&user=%s";\n' "$PG_DB" "$PG_DIR" \
    "$PG_SUPER" >"$T/xdg/teamtop/config"
env -u AZURE_TENANT_ID -u AZURE_CLIENT_ID -u AZURE_CLIENT_SECRET \
    "$TEAMTOP" get >"$T/out" 2>"$T/err"
check "db in the configuration file is read as --db" \
    sh -c "test $? = 0 && test \$(grep -c . '$T/out') = 31"
rm "$T/xdg/teamtop/config"
env -u AZURE_TENANT_ID -u AZURE_CLIENT_ID -u AZURE_CLIENT_SECRET \
    TEAMTOP_DB="postgresql:///$PG_DB?host=$PG_DIR&user=$PG_SUPER" \
    "$TEAMTOP" get >"$T/out" 2>"$T/err"
check "... and TEAMTOP_DB" sh -c "test $? = 0 && test \$(grep -c . '$T/out') = 31"
db me
check "me is refused with --db" test "$rc" = 2
check "... in words" grep -q "not available with --db" "$T/err"

# history and wait follow what serve writes.
db wait "$upn" --until Away --timeout 20s &
wpid=$!
sleep 1
gs_put "/_graphsim/users/$id/presence" '{"availability":"Away","activity":"Away"}' >/dev/null
wait "$wpid"
check "wait returns when serve writes the change" test "$?" = 0
check "... printing it" grep -q -- "-> Away/Away" "$T/out"
db history "$upn"
check "history lists the transitions serve wrote" test "$(grep -c Away "$T/out")" -ge 1
check "... with the first state too" test "$(grep -c "$upn" "$T/out")" = 2
db wait "$upn" --until Offline --timeout 2s
check "wait gives up after --timeout with 5" test "$rc" = 5

# Writes are queued, performed by serve, shown; as the role that asked.
DB_USER=alice DB_PASSWORD=alice-pw
db status "$upn" "Queued by alice"
check "status with --db is done by serve" test "$rc" = 0
check "... and says so" grep -q "$upn: status message set" "$T/out"
gs_control "/_graphsim/users/$id" >"$T/state.json"
has_message() {
	jq -e '.statusMessage.message.content == "Queued by alice"' \
	    "$T/state.json" >/dev/null
}
check "graphsim has the message" has_message
check "the audit names alice" sv_is "SELECT queued_by FROM audit WHERE kind = 'setStatusMessage'" alice
db set "$upn" --availability Busy --activity Sleeping
check "a write refused before sending is not queued" \
    sh -c "test $rc = 2 && test $(pg_sql "SELECT count(*) FROM actions WHERE kind = 'setPresence'") = 0"

DB_USER=rob DB_PASSWORD=rob-pw
db status "$upn" "Queued by rob"
check "a reader cannot queue a write" test "$rc" = 3
check "... the database says why" grep -q "permission denied" "$T/err"

# A password on the command line is refused, for every command.
"$TEAMTOP" --db "postgresql://rob:rob-pw@/teamtop?host=$PG_DIR" get >"$T/out" 2>"$T/err"
check "a password in --db is refused" sh -c "test $? = 2 && ! grep -q rob-pw '$T/err'"

# serve away: the write stays queued, said; the next serve does it.
DB_USER=alice DB_PASSWORD=alice-pw
sv_stop a
db --deadline 1 status "$upn" "While serve is away"
check "with no serve, the write is said to be queued, not done" \
    sh -c "test $rc = 4 && grep -q 'queued as action' '$T/err'"
sv_start b
qid=$(pg_sql "SELECT max(id) FROM actions")
wait_for 15 sv_state_is "$qid" 'done'
check "... and the next serve does it" sv_state_is "$qid" 'done'
sv_stop b
pg_ctl_stop
db get
check "an unreachable database exits 4" test "$rc" = 4
