#!/bin/sh
# Peak memory (VmHWM, the resident set's high-water mark) of the dashboard
# with 10,000 and 100,000 people in a 200x50 tmux pane against graphsim,
# after it has drawn everyone and refreshed twice, and of `teamtop export`
# (CSV, JSON and the table) of 100,000 people. Prints a plain table; fails
# when a figure misses its target (BENCH_NO_LIMITS=1 only reports).
. "${top_srcdir:?}/tests/lib/tap.sh"
# Starting graphsim with 100,000 people takes a while.
GS_START_WAIT=60
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"

[ -x /usr/bin/time ] || skip_all "GNU time (/usr/bin/time) is not installed"

SIZES=${BENCH_MEMORY_SIZES:-10000 100000}
EXPORT_USERS=${BENCH_EXPORT_USERS:-100000}
plan_lazy

# kib_mib KIB: kibibytes as mebibytes with one decimal.
kib_mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

# limit_mib N: the dashboard's target for N people, in MiB.
limit_mib() {
	if [ "$1" -le 10000 ]; then echo 32; else echo 128; fi
}

# hwm PID: the VmHWM of a process, in KiB.
hwm() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

# refreshes: getPresencesByUserId requests graphsim answered so far.
refreshes() {
	gs_count "POST /communications/getPresencesByUserId"
}

# refresh_wait: ask the dashboard for a refresh and wait until it is done.
refresh_wait() {
	_r=$(refreshes)
	tt_keys r
	_i=0
	while [ "$(refreshes)" -le "$_r" ] && [ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	wait_for 60 tt_has "Updated "
	sleep 1
}

for n in $SIZES; do
	gs_start --users "$n"
	TT_X=200 TT_Y=50 tt_start --refresh 3600 --max-directory 10000000
	if ! wait_for 120 tt_loaded "$n"; then
		not_ok "the dashboard shows $n people"
		tt_screen | sed 's/^/# /'
		exit 1
	fi
	shell=$(tt_tmux list-panes -t tt -F '#{pane_pid}')
	pid=$(pgrep -P "$shell" -x teamtop)
	refresh_wait
	refresh_wait
	kib=$(hwm "$pid")
	eval "dash_$n=$kib"
	tt_keys q
	wait_for 10 tt_exited
	tt_tmux kill-server 2>/dev/null
	if [ "${BENCH_NO_LIMITS:-0}" = 1 ] ||
	    [ "$kib" -lt $(($(limit_mib "$n") * 1024)) ]; then
		ok "dashboard, $n people: $(kib_mib "$kib") MiB"
	else
		not_ok "dashboard, $n people: $(kib_mib "$kib") MiB" \
		    "(target < $(limit_mib "$n") MiB)"
	fi
	gs_stop
done

gs_start --users "$EXPORT_USERS"
for fmt in csv json table; do
	case $fmt in
	table) flag= ;;
	*) flag=--$fmt ;;
	esac
	# shellcheck disable=SC2086 # flag is one word or none.
	AZURE_TENANT_ID=$GS_TENANT AZURE_CLIENT_ID=$GS_CLIENT_ID \
	    AZURE_CLIENT_SECRET=$GS_CLIENT_SECRET \
	    XDG_CONFIG_HOME="$T/xdg" XDG_STATE_HOME="$T/state" \
	    /usr/bin/time -f %M -o "$T/export.time" \
	    "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" \
	    --max-directory 10000000 export $flag >"$T/export.out" \
	    2>"$T/export.err"
	rc=$?
	kib=$(tail -n 1 "$T/export.time")
	eval "export_$fmt=$kib"
	lines=$(wc -l <"$T/export.out" | tr -d ' ')
	if [ $rc -eq 0 ] && { [ "${BENCH_NO_LIMITS:-0}" = 1 ] ||
	    [ "$kib" -lt $((64 * 1024)) ]; }; then
		ok "export --$fmt, $EXPORT_USERS people: $(kib_mib "$kib") MiB ($lines lines)"
	else
		not_ok "export --$fmt, $EXPORT_USERS people: $(kib_mib "$kib") MiB, exit $rc (target < 64 MiB)"
		sed 's/^/# /' "$T/export.err"
	fi
done
gs_stop

echo "peak RSS (VmHWM)                    people   MiB     target"
for n in $SIZES; do
	eval "kib=\$dash_$n"
	printf '%-35s %7s %7s  < %s MiB\n' "dashboard (200x50, 2 refreshes)" \
	    "$n" "$(kib_mib "$kib")" "$(limit_mib "$n")"
done
for fmt in csv json table; do
	eval "kib=\$export_$fmt"
	printf '%-35s %7s %7s  < 64 MiB\n' "teamtop export ($fmt)" \
	    "$EXPORT_USERS" "$(kib_mib "$kib")"
done
done_testing
[ "$tap_failed" -eq 0 ]
