#!/bin/sh
# The command-line options as teamtop --help lists them: each is accepted
# by the option parser, takes an argument exactly when --help shows one,
# and is documented in teamtop(1). --proxy and --timeout take effect and
# beat the configuration file.
. "$top_srcdir/tests/lib/tap.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan_lazy

man1=$top_srcdir/man/teamtop.1

"$TEAMTOP" --help >"$T/help" 2>&1
is "$?" 0 "--help exits 0"
# "  -c, --config FILE   ..." and "      --plain   ..." -> "config FILE", "plain"
sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z-]*\)\( [A-Z][A-Z]*\)\{0,1\} .*/\2\3/p' \
    "$T/help" >"$T/options"
n=$(wc -l <"$T/options")
check "--help lists options ($n)" test "$n" -gt 20

while read -r name arg; do
	if [ -n "$arg" ]; then
		"$TEAMTOP" "--$name" x --help >/dev/null 2>"$T/err"
		is "$?" 0 "--$name $arg is accepted"
		"$TEAMTOP" --help "--$name" >/dev/null 2>"$T/err"
		is "$(cat "$T/err")" "teamtop: --$name needs an argument" \
		    "--$name needs its $arg"
	else
		"$TEAMTOP" "--$name" --help >/dev/null 2>"$T/err"
		is "$?" 0 "--$name is accepted"
		"$TEAMTOP" "--$name=x" --help >/dev/null 2>"$T/err"
		like "$(cat "$T/err")" "teamtop: --$name does not take an argument" \
		    "--$name is a flag"
	fi
	check "--$name is documented in teamtop(1)" \
	    grep -Eq "^\.It .*Fl \\\\-$name( |\$)" "$man1"
done <"$T/options"

unlike "$(cat "$T/help")" "secret" "no secret is given on the command line"

# --proxy: graphsim stands in for a proxy. It answers a request in proxy
# form (the whole URL on the request line) with a 404 naming that URL, so
# the address below, where nothing listens, is only ever reached through it.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY
far=http://127.0.0.1:1
gs_reset
"$TEAMTOP" --proxy "$GS_URL" --graph-url "$far" --login-url "$far" \
    get someone >"$T/out" 2>"$T/err"
rc=$?
is "$rc" 3 "--proxy: the token request went through the proxy and was refused"
like "$(cat "$T/err")" "'$far/$GS_TENANT/oauth2/v2.0/token'" \
    "--proxy: the proxy was asked for the whole URL"
is "$(gs_get /_graphsim/stats | jq -r '.by_status["404"] // 0')" 1 \
    "--proxy: the proxy saw one request"

mkdir -p "$T/conf"
printf 'proxy = "%s";\ntimeout = 30;\n' "$far" >"$T/conf/net.conf"
gs_reset
"$TEAMTOP" -c "$T/conf/net.conf" --proxy "$GS_URL" --graph-url "$far" \
    --login-url "$far" get someone >"$T/out" 2>"$T/err"
like "$(cat "$T/err")" "'$far/$GS_TENANT/oauth2/v2.0/token'" \
    "--proxy beats the file's proxy"

# --timeout: one answer held for 6 s is abandoned after 1 s and retried,
# although the file allows 30 s.
route='POST /communications/getPresencesByUserId'
id0=$(gs_user 0 id)
id1=$(gs_user 1 id)
printf 'timeout = 30;\n' >"$T/conf/timeout.conf"
gs_reset
gs_post /_graphsim/faults "[{\"route\":\"$route\",\"delay_ms\":6000}]" >/dev/null
t0=$(date +%s.%N)
tt -c "$T/conf/timeout.conf" --timeout 1 get "$id0" "$id1"
t1=$(date +%s.%N)
is "$rc" 0 "--timeout: a slow answer is abandoned and retried"
check "--timeout 1 cut the 6 s wait (took $(awk "BEGIN { print $t1 - $t0 }") s)" \
    awk "BEGIN { exit !($t1 - $t0 < 5) }"

tt --timeout 0 get "$id0" "$id1"
is "$(cat "$T/err")" "teamtop: --timeout: expected an integer from 1 to 3600, not 0" \
    "--timeout is checked like the setting"

done_testing
