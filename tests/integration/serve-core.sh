#!/bin/sh
# teamtop serve: the schema, what it writes, the actions it performs, the
# standby taking over, a serve dying mid-action, PostgreSQL restarting.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/lib/pg.sh"
. "$top_srcdir/tests/integration/cmd-lib.sh"
. "$top_srcdir/tests/integration/serve-lib.sh"

# Skipped as a whole without a PostgreSQL server.
pg_find
plan 35

pg_start
gs_start --users 60

# Usage.
tt serve
check "serve without a database is a usage error" test "$rc" = 2
check "... which says how to give one" grep -q 'give --db URL' "$T/err"
tt serve --db 'postgresql://op:hunter2@localhost/teamtop'
check "a password on the command line is refused" test "$rc" = 2
check "... pointing to PGPASSWORD, and not repeated" \
    sh -c "grep -q PGPASSWORD '$T/err' && ! grep -q hunter2 '$T/err'"
env -u AZURE_CLIENT_SECRET timeout 20 "$TEAMTOP" serve --db "$PG_URL" \
    >"$T/out" 2>"$T/err"
check "serve without a Graph credential stops at once with 3" test "$?" = 3
check "... saying what to configure" grep -q "no credential" "$T/err"
tt serve --init-roles
check "--init-roles prints the reader and operator roles" \
    sh -c "grep -q 'CREATE ROLE teamtop_reader' '$T/out' &&
	grep -q 'GRANT INSERT (kind, target, body) ON actions TO teamtop_operator' '$T/out'"

# Two serves at once: one schema, one active.
sv_start a
sv_start b
one_active() { sv_active a || sv_active b; }
wait_for 20 one_active
check "the schema is created once, at its version" \
    test "$(pg_sql 'SELECT string_agg(version::text, $$,$$) FROM schema_version')" = 1
n=0
sv_active a && n=$((n + 1))
sv_active b && n=$((n + 1))
check "exactly one serve is active" test "$n" = 1
if sv_active a; then active=a standby=b; else active=b standby=a; fi
check "the other stands by" sv_said "$standby" "connected to the database"

wait_for 20 sv_is 'SELECT count(*) FROM people WHERE have_presence' 60
check "everyone's presence is written" test "$(pg_sql 'SELECT count(*) FROM people WHERE have_presence')" = 60
check "the roster is written in order" \
    test "$(pg_sql 'SELECT count(*), min(position), max(position) FROM roster')" = "60|0|59"
check "a first transition per person" test "$(pg_sql 'SELECT count(DISTINCT id) FROM transitions')" = 60

# One poller: graphsim counts one refresh's requests per interval.
gs_reset
sleep $((SV_REFRESH * 3))
c=$(gs_count "POST /communications/getPresencesByUserId")
diag "presence requests in $((SV_REFRESH * 3)) s: $c"
check "one serve polls Graph: 2 to 4 requests in three intervals" \
    test "$c" -ge 2 -a "$c" -le 4

# A change in Graph reaches the database within one refresh, alone.
id=$(pg_sql "SELECT id FROM roster WHERE position = 7")
t0=$(pg_sql "SELECT now()")
gs_put "/_graphsim/users/$id/presence" \
    '{"availability":"Away","activity":"Away","statusMessage":{"message":{"content":"at lunch","contentType":"text"}}}' >/dev/null
start=$(date +%s)
wait_for $((SV_REFRESH + 2)) sv_is "SELECT status_message FROM people WHERE id = '$id'" 'at lunch'
check "a change reaches the database within one refresh ($(($(date +%s) - start)) s)" \
    test "$(pg_sql "SELECT availability || '/' || status_message FROM people WHERE id = '$id'")" = "Away/at lunch"
check "... with its transition" \
    test "$(pg_sql "SELECT count(*) FROM transitions WHERE id = '$id'")" = 2
sleep "$SV_REFRESH"
check "only the row that changed is written again" \
    test "$(pg_sql "SELECT count(*) FROM people WHERE updated_at > '$t0'")" = 1

# An action queued is done once, audited with who queued it.
target=$(pg_sql "SELECT id FROM roster WHERE position = 3")
gs_reset
aid=$(sv_queue setPresence "$target" '{"availability":"Busy","activity":"InACall","expiry_seconds":3600}')
wait_for 10 sv_state_is "$aid" 'done'
check "a queued action is done" test "$(pg_sql "SELECT state || ' ' || attempts FROM actions WHERE id = $aid")" = "done 1"
check "... sent once" test "$(gs_count "POST /users/{id}/presence/setPresence")" = 1
check "... and audited with the role and time that queued it" \
    test "$(pg_sql "SELECT queued_by || ' ' || retry || ' ' || outcome FROM audit WHERE action = $aid")" = "$PG_SUPER false done"
gs_control "/_graphsim/users/$target" >"$T/state.json"
has_session() {
	jq -e '.sessions[] | select(.availability == "Busy" and
	    .activity == "InACall")' "$T/state.json" >/dev/null
}
check "graphsim has the app's session" has_session
bad=$(sv_queue setPresence "$target" '{"availability":"Busy","activity":"Sleeping"}')
wait_for 10 sv_state_is "$bad" failed
check "a write the CLI would refuse fails" sv_state_is "$bad" failed
diag "$(pg_sql "SELECT error FROM actions WHERE id = $bad")"
check "... with its reason, unsent" sh -c "
	test '$(pg_sql "SELECT error FROM actions WHERE id = $bad" | grep -c Sleeping)' = 1 &&
	test '$(gs_count 'POST /users/{id}/presence/setPresence')' = 1"

# The active serve dies: the standby takes over within one interval.
since=$(pg_sql "SELECT since FROM people WHERE id = '$id'")
sv_stop "$active" KILL
killed=$(date +%s)
wait_for $((SV_REFRESH + 3)) sv_active "$standby"
took=$(($(date +%s) - killed))
check "the standby takes over within one interval ($took s)" \
    sh -c "grep -q 'active: this serve' '$T/$standby.err' && test $took -le $((SV_REFRESH + 1))"
now=$(date +%s)
wait_for $((SV_REFRESH + 3)) sv_refreshed_after "$now"
check "... and refreshes" sv_refreshed_after "$now"
check "... keeping the time in state the database had" \
    sv_is "SELECT since || ' ' || since_seen FROM people WHERE id = '$id'" "$since true"

# A serve that died mid-action left it running: it is sent again, marked.
sv_stop "$standby"
pg_sql "INSERT INTO transitions (id, at, availability) VALUES ('$target', 1000, 'Away')"
rid=$(pg_sql "INSERT INTO actions (kind, target, body, state, attempts) VALUES ('clearPresence', '$target', '{}', 'running', 1) RETURNING id")
gs_reset
# This one watches one person of its own.
own=$(pg_sql "SELECT upn FROM people WHERE upn IS NOT NULL AND id <> '$target' ORDER BY id LIMIT 1")
sv_start c --user "$own"
wait_for 10 sv_state_is "$rid" 'done'
check "an action left running is done by the next serve, marked as a retry" \
    test "$(pg_sql "SELECT state || ' ' || attempts || ' ' || (SELECT retry FROM audit WHERE action = $rid) FROM actions WHERE id = $rid")" = "done 2 true"
check "... once" test "$(gs_count "POST /users/{id}/presence/clearPresence")" = 1
check "transitions older than history_days are removed" \
    sv_is "SELECT count(*) FROM transitions WHERE at = 1000" 0

# PostgreSQL stops and starts: serve connects again and loses nothing.
pg_ctl_stop
sleep 1
pg_ctl_start
qid=$(sv_queue setStatusMessage "$target" '{"message":"back after the restart"}')
wait_for 15 sv_state_is "$qid" 'done'
check "after PostgreSQL restarts, serve performs what is queued" \
    test "$(sv_action_state "$qid")" = 'done'
# A dashboard registers what it watches: serve polls the union, and the
# roster's change is NOTIFYed.
"$PG_BIN/psql" -X -q -U "$PG_SUPER" -c "LISTEN teamtop_roster" \
    -c "LISTEN teamtop_people" -c "SELECT pg_sleep($((SV_REFRESH * 5)))" \
    -c "SELECT 1" >"$T/listen.out" 2>&1 &
lpid=$!
sleep 0.5
pg_sql "INSERT INTO watches (kind, value) VALUES ('user', '$(pg_sql "SELECT upn FROM people WHERE id = '$target'")')"
wait_for $((SV_REFRESH * 2 + 3)) sv_is "SELECT count(*) FROM roster" 2
check "serve polls the union of its users and the watches registered" \
    sv_is "SELECT string_agg(upn, ' ' ORDER BY upn) FROM roster JOIN people USING (id)" \
    "$(printf '%s\n' "$own" "$(pg_sql "SELECT upn FROM people WHERE id = '$target'")" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
gs_put "/_graphsim/users/$target/presence" \
    '{"availability":"BeRightBack","activity":"BeRightBack"}' >/dev/null
wait "$lpid"
check "... the roster's change is NOTIFYed" \
    grep -q 'notification "teamtop_roster"' "$T/listen.out"
check "... and the people's, by id" \
    grep -q "notification \"teamtop_people\" with payload \"$target\"" \
    "$T/listen.out"
# Stopped while sending a write, serve finishes it first.
gs_post /_graphsim/faults \
    '{"route":"POST /users/{id}/presence/setPresence","delay_ms":3000}' >/dev/null
sid=$(sv_queue setPresence "$target" '{"availability":"Away","activity":"Away"}')
wait_for 10 sv_state_is "$sid" running
sv_stop c
check "a serve stopped while sending a write finishes it first" \
    sv_is "SELECT state || ' ' || attempts FROM actions WHERE id = $sid" "done 1"
check "serve stops on SIGTERM" sv_said c "stopping"
sv_stop a
sv_stop b
