#!/bin/sh
# graphsim conformance: the command line — the listening line, --port-file,
# loopback only, bad options, signals, --seed, --users, --groups, --tenant,
# --client-id, --client-secret, --latency, --simulate, --idle-exit and
# $GRAPHSIM_INSTANCE (graphsim-contract, "Command line").
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

# The listening line and --port-file, without --quiet.
"$GRAPHSIM" --listen 127.0.0.1:0 --port-file "$T/p" >"$T/out" 2>"$T/err" &
pid=$!
GS_PID=$pid
wait_for 10 test -s "$T/p"
port=$(cat "$T/p")
# shellcheck disable=SC2016 # $1 is the inner shell's.
check "cli: --port-file holds the port number (got '$port')" \
    sh -c 'case $1 in ""|*[!0-9]*|0) exit 1 ;; esac' sh "$port"
wait_for 5 grep -q . "$T/out"
is "$(head -n 1 "$T/out")" "graphsim listening on http://127.0.0.1:$port" \
    "cli: the first line of stdout names the URL, flushed at once"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "http://127.0.0.1:$port/_graphsim/clock")
is "$code" 200 "cli: graphsim answers on that port"
# stop_with SIGNAL PID: send SIGNAL, wait at most 5 s; sets $sw_rc.
stop_with() {
    kill -"$1" "$2"
    (
        trap - EXIT INT TERM HUP
        sleep 5
        kill -KILL "$2"
    ) >/dev/null 2>&1 &
    sw_dog=$!
    wait "$2"
    sw_rc=$?
    # KILL, not TERM: a trapped signal could run tap.sh's EXIT trap in the
    # watchdog before it dropped the traps.
    kill -KILL "$sw_dog" 2>/dev/null
    wait "$sw_dog" 2>/dev/null
}
stop_with TERM "$pid"
is "$sw_rc" 0 "cli: SIGTERM stops graphsim with status 0"
GS_PID=

"$GRAPHSIM" --listen 127.0.0.1:0 --port-file "$T/p2" --quiet >/dev/null 2>&1 &
pid=$!
GS_PID=$pid
wait_for 10 test -s "$T/p2"
stop_with INT "$pid"
is "$sw_rc" 0 "cli: SIGINT stops graphsim with status 0"
GS_PID=

# refused ARGS...: graphsim must exit 2 with a message on stderr.
refused() {
    timeout 10 "$GRAPHSIM" --port-file "$T/never" --quiet "$@" \
        >/dev/null 2>"$T/err"
    echo "$? $(test -s "$T/err" && echo msg)"
}
is "$(refused --listen 0.0.0.0:0)" "2 msg" "cli: --listen 0.0.0.0 is refused with status 2"
is "$(refused --listen 192.0.2.10:0)" "2 msg" "cli: a non-loopback --listen is refused"
is "$(refused --listen 10.0.0.1:8080)" "2 msg" "cli: a private address is refused too"
is "$(refused --frobnicate)" "2 msg" "cli: an unknown option exits 2 with a message"
is "$(refused --users banana)" "2 msg" "cli: --users banana exits 2"
is "$(refused --latency -5)" "2 msg" "cli: --latency -5 exits 2"
check "cli: a refused graphsim wrote no port file" test ! -e "$T/never"

# --users, --groups, --tenant, --client-id, --client-secret.
gs_start --users 7 --groups 3 --tenant acme \
    --client-id 12345678-1234-4234-8234-123456789abc --client-secret s3cret
raw GET /_graphsim/tenant
is "$(jb '"\(.tenant) \(.clientId) \(.users) \(.groups)"')" \
    "acme 12345678-1234-4234-8234-123456789abc 7 3" \
    "cli: the tenant report reflects the options"
GS_TENANT=acme GS_CLIENT_ID=12345678-1234-4234-8234-123456789abc \
    GS_CLIENT_SECRET=s3cret
tok=$(gs_token)
printf 'Authorization: Bearer %s\n' "$tok" >"$T/auth"
call GET "/v1.0/users?\$top=999"
is "$st $(jb '.value | length')" "200 7" "cli: --users 7 serves 7 people to the configured app"
call GET "/v1.0/groups"
is "$(jb '.value | length')" 3 "cli: --groups 3 serves 3 groups"
GS_TENANT=demo
is "$(gs_token)" null "cli: the demo tenant name is refused under --tenant acme"
GS_TENANT=acme GS_CLIENT_SECRET=graphsim-demo-secret
is "$(gs_token)" null "cli: the demo secret is refused under --client-secret"
gs_stop
GS_TENANT=demo GS_CLIENT_ID=7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17 \
    GS_CLIENT_SECRET=graphsim-demo-secret

# --seed: the same seed serves the same directory, another seed another.
# roster SEED FILE: the sorted people and groups graphsim serves with SEED.
roster() {
    gs_start --seed "$1" --users 50 --groups 5
    auth_init
    call GET "/v1.0/users?\$top=999&\$select=id,displayName,userPrincipalName"
    jb -c '.value[] | [.id, .displayName, .userPrincipalName]' | sort >"$2"
    call GET "/v1.0/groups"
    jb -c '.value[] | [.id, .displayName]' | sort >>"$2"
    gs_stop
}
roster 42 "$T/r1"
roster 42 "$T/r2"
roster 43 "$T/r3"
is "$(wc -l <"$T/r1" | tr -d ' ')" 55 "cli: --seed 42 --users 50 --groups 5 lists 55 entries"
check "cli: two runs with the same --seed serve the same people and groups" \
    cmp -s "$T/r1" "$T/r2"
if cmp -s "$T/r1" "$T/r3"; then
    not_ok "cli: another --seed serves other people"
else
    ok "cli: another --seed serves other people"
fi

# --latency 1000: long enough that process start-up on a loaded machine does
# not blur concurrent (about 1 s) against serialised (2 s or more).
gs_start --latency 1000
auth_init
user_ids 1 "$T/ids"
id=$(cat "$T/ids")
timed GET "/v1.0/users/$id/presence"
check "cli: --latency 1000 makes a request take >= 1 s (got ${secs}s)" \
    ge "$secs" 1
is "$st" 200 "cli: a request under --latency still answers 200"
: >"$T/par.cfg"
for _ in 1 2 3 4; do
    printf 'url = "%s/v1.0/users/%s/presence"\noutput = "/dev/null"\n' \
        "$GS_URL" "$id" >>"$T/par.cfg"
done
t0=$(date +%s%N)
curl -s -Z --parallel-immediate --parallel-max 4 -H "@$T/auth" -K "$T/par.cfg" 2>/dev/null
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
check "cli: 4 concurrent requests under --latency 1000 take < 1900 ms (got ${ms} ms)" \
    test "$ms" -ge 1000 -a "$ms" -lt 1900
gs_stop

# --simulate: presence changes by itself; without it, it does not.
gs_start --users 200
auth_init
user_ids 200 "$T/ids"
ids_body "$T/ids" >"$T/b"
snap() {
    call POST /v1.0/communications/getPresencesByUserId "@$T/b"
    jb -c '[.value[] | [.id, .availability, .activity]] | sort'
}
s0=$(snap)
sleep 1
is "$(snap)" "$s0" "cli: without --simulate presence stays put"
gs_stop
gs_start --users 200 --simulate 600
auth_init
s0=$(snap)
changed() {
    [ "$(snap)" != "$s0" ]
}
check "cli: --simulate 600 changes presence within 10 s" wait_for 10 changed

# --idle-exit: requests keep graphsim alive; without any it exits 0.
gs_stop
GRAPHSIM_INSTANCE=cafe0123 gs_start --users 5 --idle-exit 2
raw GET /_graphsim/instance
is "$(jb '"\(.instance) \(.pid) \(.idleExit)"')" "cafe0123 $GS_PID 2" \
    "cli: /_graphsim/instance answers \$GRAPHSIM_INSTANCE, the pid and --idle-exit"
i=0
while [ $i -lt 8 ]; do
	gs_control /_graphsim/clock >/dev/null
	sleep 0.5
	i=$((i + 1))
done
check "cli: requests every 0.5 s keep a graphsim with --idle-exit 2 alive for 4 s" \
    kill -0 "$GS_PID"
t0=$(date +%s)
idle_gone() { ! kill -0 "$GS_PID" 2>/dev/null; }
wait_for 10 idle_gone
wait "$GS_PID"
is "$?" 0 "cli: without requests it exits with status 0"
t=$(($(date +%s) - t0))
check "cli: after 2 s or so without one (took ${t} s)" test "$t" -ge 1 -a "$t" -le 8
like "$(cat "$T/gs.err")" "no request for 2 s, exiting" "cli: and says why"
GS_PID=
gs_start --users 5
raw GET /_graphsim/instance
is "$(jb '"\(.instance) \(.idleExit)"')" "null 0" \
    "cli: without them, the instance is null and there is no idle exit"
is "$(refused --idle-exit 0)" "2 msg" "cli: --idle-exit 0 exits 2"

done_testing
