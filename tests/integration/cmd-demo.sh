#!/bin/sh
# --demo: one-shot commands share one demo graphsim, recorded in the
# runtime directory; it exits after a time without requests; a stale
# record is replaced; commands started together start one graphsim;
# teamtop demo status and stop; the tenant's people are the same each time.
. "${top_srcdir:?}/tests/lib/tap.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
command -v curl >/dev/null 2>&1 || skip_all "curl is not installed"
plan 45

XDG_RUNTIME_DIR=$T/run XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/xdg
export XDG_RUNTIME_DIR XDG_STATE_HOME XDG_CONFIG_HOME
unset TEAMTOP_DEMO_IDLE AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET
REC=$T/run/teamtop/demo
ROBERT=robert.miller@demo.onmicrosoft.com

# At the end, stop whatever demo graphsim is left, and the decoy.
demo_cleanup() {
	"$TEAMTOP" demo stop >/dev/null 2>&1
	[ -n "${decoy:-}" ] && kill "$decoy" 2>/dev/null
	tap_cleanup
}
trap demo_cleanup EXIT

# demo ARGS...: run teamtop --demo; stdout in $T/out, stderr in $T/err,
# the exit status in $rc.
demo() {
	"$TEAMTOP" --demo "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
# rec FIELD: a field (port, pid, token) of the record.
rec() {
	sed -n "s/^$1 //p" "$REC" 2>/dev/null
}
# sim PATH: GET a control path of the recorded graphsim.
sim() {
	curl -s --max-time 10 "http://127.0.0.1:$(rec port)$1"
}
# graphsims: how many graphsims of this test's runtime directory run.
graphsims() {
	pgrep -f -- "--port-file $T/run/teamtop/demo.port" | wc -l | tr -d ' '
}
gone() {
	! kill -0 "$1" 2>/dev/null
}
# upns: the people of the demo tenant, sorted.
upns() {
	"$TEAMTOP" --demo export --json 2>/dev/null |
	    jq -r '.value[].userPrincipalName' | sort
}

# The first command starts graphsim, and holds none of the output: a
# command substitution ends with teamtop.
out=$(AZURE_CLIENT_SECRET=the-users-own-secret \
    timeout 60 "$TEAMTOP" --demo get "$ROBERT" 2>"$T/err")
is "$?" 0 "the first --demo command exits 0"
like "$out" "Robert Miller" "and shows the person"
pid1=$(rec pid)
check "it records the demo graphsim (pid $pid1)" kill -0 "$pid1"
is "$(tr '\0' '\n' <"/proc/$pid1/environ" | grep -c '^AZURE_')" 0 \
    "graphsim's environment has none of the user's Azure credentials"
is "$(stat -c %a "$REC") $(stat -c %a "$T/run/teamtop")" "600 700" \
    "the record is 0600 in a 0700 directory"
is "$(sim /_graphsim/instance | jq -r '"\(.instance) \(.pid) \(.idleExit)"')" \
    "$(rec token) $pid1 900" \
    "the graphsim there answers the record's token and pid, idle exit 15 min"
is "$(sim /_graphsim/tenant | jq -r '"\(.seed) \(.users)"')" "1 300" \
    "the demo tenant has 300 people of seed 1"

# Two one-shot commands share the tenant.
id=$(sim "/_graphsim/users/$ROBERT" | jq -r .id)
demo set "$ROBERT" --availability Busy --activity InACall --expires 1h
is "$rc" 0 "--demo set exits 0"
is "$(sim "/_graphsim/users/$id" | jq -r '[.sessions[] | select(.kind == "app") | .availability + "/" + .activity] | join(" ")')" \
    "Busy/InACall" "graphsim has the app session it set"
demo status "$ROBERT" --expires 1h 'Shared by two commands'
is "$rc" 0 "--demo status exits 0"
demo prefer "$ROBERT" --availability DoNotDisturb --activity DoNotDisturb \
    --expires 1h
is "$rc" 0 "--demo prefer exits 0"
demo get --json "$ROBERT"
is "$(jq -r '.value[0] | "\(.availability) \(.statusMessage.message.content)"' "$T/out")" \
    "DoNotDisturb Shared by two commands" \
    "a later --demo get shows what the earlier commands set"
is "$(rec pid)" "$pid1" "all of them used the same graphsim"
is "$(graphsims)" 1 "and only one runs"

# An app session of DoNotDisturb outranks whatever the simulated Teams
# client of the person says: a later get shows it.
SOFIA=sofia.nunez@demo.onmicrosoft.com
demo set "$SOFIA" --availability DoNotDisturb --activity Presenting \
    --expires 1h
is "$rc" 0 "--demo set DoNotDisturb exits 0"
demo get --json "$SOFIA"
is "$(jq -r '.value[0].availability' "$T/out")" "DoNotDisturb" \
    "the next --demo get shows it"

# teamtop demo status.
"$TEAMTOP" demo status >"$T/out" 2>&1
is "$?" 0 "teamtop demo status exits 0 while it runs"
like "$(cat "$T/out")" "http://127.0.0.1:$(rec port) (pid $pid1)" \
    "and says where and which"

# A stale record: the graphsim died.
before=$(upns)
kill -KILL "$pid1"
wait_for 5 gone "$pid1"
demo get "$ROBERT"
is "$rc" 0 "after graphsim died, --demo get works"
pid2=$(rec pid)
check "with a new graphsim (pid $pid2)" test -n "$pid2" -a "$pid2" != "$pid1"
is "$(sim "/_graphsim/users/$id" | jq -c '[.preferred, [.sessions[] | select(.kind == "app")]]')" \
    "[null,[]]" "whose tenant starts afresh"
is "$(upns)" "$before" "with the same people"
is "$(upns | wc -l | tr -d ' ')" 300 "all 300 of them"

# A stale record: another server answers on the port, and another
# process has the pid: neither is ours, neither is killed.
GRAPHSIM_INSTANCE=somebody-else "$GRAPHSIM" --listen 127.0.0.1:0 \
    --port-file "$T/decoy.port" --users 3 --quiet >/dev/null 2>&1 &
decoy=$!
wait_for 10 test -s "$T/decoy.port"
sleep 600 &
sleeper=$!
"$TEAMTOP" demo stop >/dev/null 2>&1
umask 077
printf 'port %s\npid %s\ntoken %s\n' "$(cat "$T/decoy.port")" "$sleeper" \
    0123456789abcdef0123456789abcdef >"$REC"
demo get "$ROBERT"
is "$rc" 0 "a record of a server that is not the demo graphsim is replaced"
check "the new record names another port" \
    test "$(rec port)" != "$(cat "$T/decoy.port")"
check "the other server is left alone" kill -0 "$decoy"
check "and so is the process that had the pid" kill -0 "$sleeper"
kill "$sleeper" "$decoy"
decoy=
"$TEAMTOP" demo stop >/dev/null 2>&1
printf 'nonsense\n' >"$REC"
"$TEAMTOP" demo status >/dev/null 2>&1
is "$?:$(cat "$REC")" "1:nonsense" \
    "teamtop demo status finds no graphsim there, and only looks"
demo get "$ROBERT"
is "$rc" 0 "a record that makes no sense is replaced"
is "$(graphsims)" 1 "and one graphsim runs"

# teamtop demo stop.
pid3=$(rec pid)
"$TEAMTOP" demo stop >"$T/out" 2>&1
is "$?" 0 "teamtop demo stop exits 0"
like "$(cat "$T/out")" "Stopped the demo graphsim" "and says so"
check "the graphsim is gone" wait_for 5 gone "$pid3"
check "and so is the record" test ! -e "$REC"
"$TEAMTOP" demo status >"$T/out" 2>&1
is "$?" 1 "teamtop demo status exits 1 when none runs"
"$TEAMTOP" demo stop >"$T/out" 2>&1
is "$?:$(cat "$T/out")" "0:No demo graphsim is running." \
    "teamtop demo stop with none running says so and exits 0"

# Commands started together start one graphsim.
for i in 1 2 3 4 5 6; do
	"$TEAMTOP" --demo get "$ROBERT" >"$T/c$i.out" 2>&1 &
done
wait
is "$(cat "$T"/c?.out | grep -c 'Robert Miller')" 6 \
    "six --demo commands started at once all answer"
is "$(graphsims)" 1 "from one graphsim"

# Without a runtime directory, the record is in the state directory.
"$TEAMTOP" demo stop >/dev/null 2>&1
(
	unset XDG_RUNTIME_DIR
	"$TEAMTOP" --demo get "$ROBERT" >/dev/null 2>&1 &&
	    "$TEAMTOP" demo status >/dev/null 2>&1 &&
	    test -s "$T/state/teamtop/demo" &&
	    "$TEAMTOP" demo stop >/dev/null 2>&1 &&
	    test ! -e "$T/state/teamtop/demo"
)
is "$?" 0 "without XDG_RUNTIME_DIR the demo graphsim is recorded in the state directory"
check "and not in the runtime directory" test ! -e "$REC"

# The idle exit.
"$TEAMTOP" demo stop >/dev/null 2>&1
TEAMTOP_DEMO_IDLE=2s "$TEAMTOP" --demo get "$ROBERT" >"$T/out" 2>&1
is "$?" 0 "with TEAMTOP_DEMO_IDLE=2s the demo starts"
pid4=$(rec pid)
check "and its graphsim exits after 2 s without a request" \
    wait_for 15 gone "$pid4"
like "$(cat "$T/run/teamtop/demo.log")" "no request for 2 s" \
    "saying so in demo.log"
TEAMTOP_DEMO_IDLE=soon "$TEAMTOP" --demo get "$ROBERT" >"$T/out" 2>"$T/err"
is "$?" 2 "a TEAMTOP_DEMO_IDLE that is no duration exits 2"
like "$(cat "$T/err")" "TEAMTOP_DEMO_IDLE" "naming it"
