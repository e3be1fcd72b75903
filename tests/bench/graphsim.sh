#!/bin/sh
# Benchmark of graphsim with 100,000 people: getPresencesByUserId with 650 ids
# at 1, 2 and 4 concurrent clients, paging the whole directory, and whether
# --latency delays concurrent requests in parallel. Prints a plain table.
# Run with `make bench`; GRAPHSIM names the binary.
#
# The client is curl. Request rates: one curl process per run, its transfers
# on one multi handle (--parallel), over enough requests that starting curl
# does not count. Paging: one curl run a page (a page's link is only known
# after the previous page), so the figure is the sum of the pages' times as
# curl measured them, next to the wall time. --latency: the slowest of the
# four concurrent transfers, as curl measured it.

set -u

: "${GRAPHSIM:?GRAPHSIM must name the graphsim binary}"
USERS=${BENCH_USERS:-100000}
COUNT=${BENCH_COUNT:-1000}
RUNS=3

T=$(mktemp -d)
# Starting graphsim with 100,000 people takes a while.
GS_START_WAIT=60
. "${top_srcdir:?}/tests/lib/graphsim.sh"

# bench_cleanup: stop graphsim and remove the temporary directory.
bench_cleanup() {
    gs_stop
    rm -rf "$T"
}
trap bench_cleanup EXIT
trap 'exit 1' INT TERM HUP

# bench_start [OPTIONS...]: start graphsim with USERS people and keep the
# demo app's Authorization header in $T/auth.
bench_start() {
    gs_start --users "$USERS" "$@"
    gs_auth_file "$T/auth"
}

# now_ms: a monotonic-enough wall clock in milliseconds.
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# median A B C: the middle of three numbers.
median() {
    printf '%s\n' "$@" | sort -g | sed -n 2p
}

# many N PARALLEL: N getPresencesByUserId requests, PARALLEL at a time;
# prints the milliseconds taken. Fails when any answer is not 200.
many() {
    : >"$T/urls"
    m_i=0
    while [ $m_i -lt "$1" ]; do
        printf 'url = "%s/v1.0/communications/getPresencesByUserId"\noutput = "/dev/null"\n' \
            "$GS_URL" >>"$T/urls"
        m_i=$((m_i + 1))
    done
    m_t0=$(now_ms)
    curl -s -Z --parallel-max "$2" --parallel-immediate --no-progress-meter -H "@$T/auth" \
        -H 'Content-Type: application/json' --data-binary "@$T/ids650" \
        -w '%{http_code}\n' -K "$T/urls" >"$T/codes"
    m_t1=$(now_ms)
    m_bad=$(grep -cv '^200$' "$T/codes")
    if [ "$m_bad" -ne 0 ] || [ "$(wc -l <"$T/codes")" -ne "$1" ]; then
        echo "getPresencesByUserId: $m_bad of $1 answers not 200" >&2
        exit 1
    fi
    echo $((m_t1 - m_t0))
}

# page_all: page /users?$select=id,displayName&$top=999 to the end; prints
# the sum of the pages' request times and the wall time, in milliseconds.
# Fails when the people seen are not USERS.
page_all() {
    pa_next="$GS_URL/v1.0/users?\$select=id,displayName&\$top=999"
    : >"$T/pages"
    : >"$T/times"
    pa_t0=$(now_ms)
    while [ -n "$pa_next" ]; do
        curl -s -H "@$T/auth" -o "$T/page" -w '%{time_total}\n' "$pa_next" \
            >>"$T/times"
        cat "$T/page" >>"$T/pages"
        pa_next=$(sed -n 's/.*"@odata\.nextLink"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' \
            "$T/page")
    done
    pa_t1=$(now_ms)
    pa_n=$(grep -o '"id":' "$T/pages" | wc -l)
    if [ "$pa_n" -ne "$USERS" ]; then
        echo "paging saw $pa_n people, not $USERS" >&2
        exit 1
    fi
    echo "$(awk '{ s += $1 } END { printf "%.0f", s * 1000 }' "$T/times") $((pa_t1 - pa_t0))"
}

# slowest4 PARALLEL: 4 getPresencesByUserId requests, PARALLEL at a time;
# prints the longest time_total among them in milliseconds (for PARALLEL 4
# that is the time until all four are answered), or for PARALLEL 1 the sum.
slowest4() {
    : >"$T/urls"
    for _ in 1 2 3 4; do
        printf 'url = "%s/v1.0/communications/getPresencesByUserId"\noutput = "/dev/null"\n' \
            "$GS_URL" >>"$T/urls"
    done
    curl -s -Z --parallel-max "$1" --parallel-immediate --no-progress-meter \
        -H "@$T/auth" -H 'Content-Type: application/json' \
        --data-binary "@$T/ids650" -w '%{http_code} %{time_total}\n' \
        -K "$T/urls" >"$T/codes"
    awk -v par="$1" '$1 != 200 { bad = 1 }
        { if ($2 > max) max = $2; sum += $2 }
        END { if (bad || NR != 4) exit 1;
              printf "%.0f", (par == 1 ? sum : max) * 1000 }' "$T/codes" ||
        {
            echo "getPresencesByUserId under --latency failed" >&2
            exit 1
        }
}

printf 'graphsim benchmark: %s people, %s requests per run, median of %s runs\n' \
    "$USERS" "$COUNT" "$RUNS"
t0=$(now_ms)
bench_start
t1=$(now_ms)
printf 'start-up with %s people: %s ms\n\n' "$USERS" $((t1 - t0))

curl -s -H "@$T/auth" "$GS_URL/v1.0/users?\$select=id&\$top=650" |
    jq -c '{ids: [.value[].id]}' >"$T/ids650"
if [ "$(jq '.ids | length' "$T/ids650")" -ne 650 ]; then
    echo "could not read 650 ids" >&2
    exit 1
fi
many 20 4 >/dev/null

printf '%-44s %12s %12s\n' "measurement" "median" "runs"
for c in 1 2 4; do
    r1=$(many "$COUNT" $c)
    r2=$(many "$COUNT" $c)
    r3=$(many "$COUNT" $c)
    rps=""
    for r in $r1 $r2 $r3; do
        rps="$rps $(awk -v n="$COUNT" -v ms="$r" 'BEGIN { printf "%.0f", n * 1000 / ms }')"
    done
    # shellcheck disable=SC2086
    printf '%-44s %8s r/s %12s\n' \
        "getPresencesByUserId 650 ids, $c client(s)" "$(median $rps)" "$(echo $rps | tr ' ' /)"
done

# shellcheck disable=SC2046
set -- $(page_all) $(page_all) $(page_all)
printf '%-44s %9s s %12s\n' "page $USERS people, \$top=999 (sum of requests)" \
    "$(awk -v ms="$(median "$1" "$3" "$5")" 'BEGIN { printf "%.2f", ms / 1000 }')" \
    "$1/$3/$5 ms"
printf '%-44s %9s s %12s\n' "page $USERS people, wall incl. curl starts" \
    "$(awk -v ms="$(median "$2" "$4" "$6")" 'BEGIN { printf "%.2f", ms / 1000 }')" \
    "$2/$4/$6 ms"
gs_stop

bench_start --latency 100
slowest4 4 >/dev/null
l1=$(slowest4 4)
l2=$(slowest4 4)
l3=$(slowest4 4)
printf '%-44s %8s ms %12s\n' "4 concurrent, --latency 100 (serial: 400)" \
    "$(median "$l1" "$l2" "$l3")" "$l1/$l2/$l3"
l1=$(slowest4 1)
l2=$(slowest4 1)
l3=$(slowest4 1)
printf '%-44s %8s ms %12s\n' "4 one after another, --latency 100" \
    "$(median "$l1" "$l2" "$l3")" "$l1/$l2/$l3"
