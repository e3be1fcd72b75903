#!/bin/sh
# What the dashboard costs to keep running, at 10,000 and 100,000 people
# (BENCH_SIZES): teamtop on a 200x50 pseudo-terminal (tests/bench/pty)
# against graphsim, refreshing every 3 s. Prints one table:
#
# - the bytes written per refresh in which nothing changed (the bytes of
#   30 s of refreshes divided by the refreshes), in the first minute after
#   start and past it, with the biggest single burst of writes; and the
#   bytes of a whole quiet minute (time in state ticks once a minute);
# - the bytes of the refresh that brings one visible person's new status
#   message (the person found with the search, so that they are on screen);
# - peak RSS (VmHWM) of the dashboard, and of teamtop export;
# - CPU (the threads' run time from /proc/PID/task/*/schedstat) per quiet
#   refresh, past the first minute, and per 1,000 people;
# - search: the milliseconds from a keystroke to the last byte of the
#   screen it brings (tests/bench/pty's "key"), for each of the first
#   four letters of three names typed one by one into the search line,
#   then erased one by one: 24 keys, their median and the slowest;
# - how long teamtop export takes against reading every person one by one
#   with GET /users/{id}/presence, 4 requests in flight (curl --parallel),
#   and the ratio. graphsim does not throttle here: Graph would, and the
#   one-by-one reading would take far longer.
#
# Run with `make bench`; needs TEAMTOP, GRAPHSIM, BENCH_PTY (the helper).

set -u

: "${TEAMTOP:?}" "${GRAPHSIM:?}" "${BENCH_PTY:?}"
SIZES=${BENCH_SIZES:-10000 100000}

T=$(mktemp -d)
GS_START_WAIT=120
. "${top_srcdir:?}/tests/lib/graphsim.sh"

PTY_PID=
# bench_cleanup: stop teamtop's pty, graphsim, and remove $T.
bench_cleanup() {
	exec 3>&- 4<&- 2>/dev/null
	[ -n "$PTY_PID" ] && wait "$PTY_PID" 2>/dev/null
	gs_stop
	rm -rf "$T"
}
trap bench_cleanup EXIT
trap 'exit 1' INT TERM HUP

# ask COMMAND: one command to the pty helper, its answer on stdout.
ask() {
	printf '%s\n' "$*" >&3
	read -r _answer <&4
	printf '%s\n' "$_answer"
}

# refreshes N: how many presence refreshes graphsim served for N people.
refreshes() {
	echo $(($(gs_count "POST /communications/getPresencesByUserId") / (($1 + 649) / 650)))
}

# cpu_ns PID: the CPU time of a process's threads, in nanoseconds (the
# first field of each /proc/PID/task/TID/schedstat: the time it ran, to
# the nanosecond, where /proc/PID/stat counts 10 ms ticks). teamtop's
# threads live as long as it does.
cpu_ns() {
	cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'
}

# hwm PID: VmHWM of a process in KiB.
hwm() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

# window N SECS: record SECS seconds of the dashboard for N people; sets
# w_bytes (per refresh), w_big (biggest burst), w_cpu (ms per refresh).
window() {
	_r0=$(refreshes "$1")
	_c0=$(cpu_ns "$TT_PID")
	# shellcheck disable=SC2046 # Three numbers, split on purpose.
	set -- "$1" $(ask record "$2")
	_r1=$(refreshes "$1")
	_c1=$(cpu_ns "$TT_PID")
	_n=$((_r1 - _r0))
	[ "$_n" -gt 0 ] || _n=1
	w_bytes=$(($2 / _n))
	w_big=$4
	w_cpu=$(awk -v a="$_c0" -v b="$_c1" -v n="$_n" \
	    'BEGIN { printf "%.2f", (b - a) / 1e6 / n }')
}

# median: the median of the numbers on stdin.
median() {
	sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'
}

# bench_size N: run everything for N people; prints "name value" lines
# to $T/result.N.
bench_size() {
	n=$1
	out="$T/result.$n"
	: >"$out"
	gs_start --users "$n"
	gs_auth_file "$T/auth"
	export AZURE_TENANT_ID="$GS_TENANT" AZURE_CLIENT_ID="$GS_CLIENT_ID"
	export AZURE_CLIENT_SECRET="$GS_CLIENT_SECRET"
	export XDG_CONFIG_HOME="$T/xdg" XDG_STATE_HOME="$T/state"
	rm -rf "$T/xdg" "$T/state"
	mkdir -p "$T/xdg" "$T/state"

	# The export first: its time, its peak memory and the ids.
	_t0=$(date +%s.%N)
	/usr/bin/time -f %M -o "$T/export.rss" "$TEAMTOP" \
	    --graph-url "$GS_URL" --login-url "$GS_URL" export --csv \
	    >"$T/export.csv" 2>"$T/export.err"
	_t1=$(date +%s.%N)
	export_s=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.2f", b - a }')
	echo "export_s $export_s" >>"$out"
	echo "export_rss $(($(cat "$T/export.rss") / 1024))" >>"$out"
	tail -n +2 "$T/export.csv" | cut -d, -f1 |
	    sed "s|.*|url = \"$GS_URL/v1.0/users/&/presence\"\\
output = /dev/null|" >"$T/urls"
	_t0=$(date +%s.%N)
	curl -s --parallel --parallel-max 4 -H @"$T/auth" -K "$T/urls" 2>/dev/null
	_t1=$(date +%s.%N)
	one_s=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.2f", b - a }')
	echo "one_s $one_s" >>"$out"

	# The dashboard.
	rm -f "$T/in" "$T/out"
	mkfifo "$T/in" "$T/out"
	env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    "$BENCH_PTY" 200 50 "$TEAMTOP" --graph-url "$GS_URL" \
	    --login-url "$GS_URL" --refresh 3 <"$T/in" >"$T/out" 2>"$T/pty.err" &
	PTY_PID=$!
	exec 3>"$T/in" 4<"$T/out"
	TT_PID=$(ask pid)
	_t0=$(date +%s)
	if [ "$(ask seen Updated 120)" != 1 ]; then
		echo "teamtop did not show $n people" >&2
		return 1
	fi
	ask quiet 500 >/dev/null
	window "$n" 30
	{
		echo "quiet_first $w_bytes"
		echo "quiet_first_big $w_big"
		echo "cpu_first $w_cpu"
	} >>"$out"
	# Past the first minute.
	while [ $(($(date +%s) - _t0)) -lt 65 ]; do ask sleep 500 >/dev/null; done
	window "$n" 30
	{
		echo "quiet $w_bytes"
		echo "quiet_big $w_big"
		echo "cpu $w_cpu"
	} >>"$out"

	# A whole quiet minute, with the minute when time in state ticks.
	# shellcheck disable=SC2046 # Three numbers, split on purpose.
	set -- $(ask record 60)
	echo "minute $1" >>"$out"
	echo "minute_big $3" >>"$out"

	# Search: the first four letters of three names, each typed and
	# then erased (letters, not bytes: the names are UTF-8).
	: >"$T/search"
	for _i in 1 2 3; do
		word=$(tail -n +2 "$T/export.csv" | grep -v '"' | sed -n "${_i}p" |
		    cut -d, -f2 | LC_ALL=C.UTF-8 sed -E 's/^(.{1,4}).*/\1/')
		ask key / >/dev/null
		for _c in $(printf '%s' "$word" | LC_ALL=C.UTF-8 sed 's/./& /g'); do
			ask key "$_c" | cut -d' ' -f1 >>"$T/search"
		done
		for _c in $(printf '%s' "$word" | LC_ALL=C.UTF-8 sed 's/./& /g'); do
			ask key "$(printf '\177')" | cut -d' ' -f1 >>"$T/search"
		done
		ask key '\e' >/dev/null
	done
	echo "search_med $(median <"$T/search")" >>"$out"
	echo "search_max $(sort -n "$T/search" | tail -n 1)" >>"$out"

	# One visible person's new status message: found with the search.
	line=$(tail -n +2 "$T/export.csv" | grep -v '"' | sed -n 7p)
	id=$(echo "$line" | cut -d, -f1)
	upn=$(echo "$line" | cut -d, -f3)
	ask key / >/dev/null
	ask key "$upn" >/dev/null
	ask key '\r' >/dev/null
	ask quiet 3500 >/dev/null
	curl -s "$GS_URL/_graphsim/users/$id" |
	    jq '.presence | .statusMessage = {"message":{"content":"Back at 3","contentType":"text"}}' \
	    >"$T/p.json"
	curl -s -X PUT -H 'Content-Type: application/json' --data @"$T/p.json" \
	    "$GS_URL/_graphsim/users/$id/presence" >/dev/null
	# shellcheck disable=SC2046 # Three numbers, split on purpose.
	set -- $(ask record 8)
	echo "one $3" >>"$out"

	echo "rss $(($(hwm "$TT_PID") / 1024))" >>"$out"
	ask key q >/dev/null
	ask wait 10 >/dev/null
	exec 3>&- 4<&-
	wait "$PTY_PID"
	PTY_PID=
	gs_stop
}

# get N NAME: a figure of the run for N people.
get() {
	awk -v k="$2" '$1 == k { print $2 }' "$T/result.$1"
}

for n in $SIZES; do
	bench_size "$n" || exit 1
	# BENCH_KEEP=PREFIX keeps each size's figures in PREFIX.N.
	[ -n "${BENCH_KEEP:-}" ] && cp "$T/result.$n" "$BENCH_KEEP.$n"
done

printf '%-62s' "figure"
for n in $SIZES; do printf ' %12s' "$n people"; done
echo
row() {
	printf '%-62s' "$1"
	shift
	for n in $SIZES; do printf ' %12s' "$("$@" "$n")"; done
	echo
}
fig() { get "$2" "$1"; }
cpu1000() { awk -v c="$(get "$1" cpu)" -v n="$1" 'BEGIN { printf "%.2f", c * 1000 / n }'; }
ratio() { awk -v a="$(get "$1" one_s)" -v b="$(get "$1" export_s)" 'BEGIN { printf "%.1fx", a / b }'; }
row "bytes per quiet refresh, first minute (B)" fig quiet_first
row "  biggest burst of writes, first minute (B)" fig quiet_first_big
row "bytes per quiet refresh, past the first minute (B)" fig quiet
row "  biggest burst of writes, past the first minute (B)" fig quiet_big
row "bytes in a quiet minute, the clock's tick included (B)" fig minute
row "  biggest burst of writes in it (B)" fig minute_big
row "bytes for one visible person's new status message (B)" fig one
row "peak RSS of the dashboard (MiB)" fig rss
row "peak RSS of teamtop export (MiB)" fig export_rss
row "CPU per quiet refresh, refresh 3 s (ms)" fig cpu
row "  per 1,000 people (ms)" cpu1000
row "CPU per refresh in the first minute (ms)" fig cpu_first
row "search: keystroke to last byte, median (ms)" fig search_med
row "search: keystroke to last byte, slowest (ms)" fig search_max
row "teamtop export (s)" fig export_s
row "GET /users/{id}/presence one by one, 4 in flight (s)" fig one_s
row "  export is faster by" ratio
