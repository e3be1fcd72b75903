#!/bin/sh
# The client secret and the access token go over plain http only when
# every hop that reads them is loopback, the proxy included: a proxy that
# is not loopback is refused before anything is sent (exit 2, naming it),
# whether it comes from --proxy, http_proxy or all_proxy; no_proxy and the
# variables libcurl ignores are honoured as libcurl honours them; a
# loopback proxy still works.
#
# The proxy that is not loopback is 192.0.2.1 (TEST-NET-1, RFC 5737):
# nothing answers there, so a connection would hang or fail slowly, and
# "refused at once" shows that none was tried. Loopback here means
# 127.0.0.0/8, ::1 and localhost, nothing else.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 5
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan_lazy

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY
far=http://192.0.2.1:3129
id0=$(gs_user 0 id)
token_route='POST /{tenant}/oauth2/v2.0/token'

# proxied ARGS...: tt with at most 20 s (a connection attempt to $far
# would take longer), the seconds it took in $took.
proxied() {
	rm -f "$T/log"
	t0=$(date +%s.%N)
	timeout 20 "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" \
	    --log "$T/log" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	t1=$(date +%s.%N)
	took=$(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }")
}

# refused HOW: the last run was refused at once because of $far.
refused() {
	is "$rc" 2 "$1: refused with exit status 2"
	check "$1: at once, before connecting (took $took s)" \
	    awk "BEGIN { exit !($took < 3) }"
	like "$(cat "$T/err")" \
	    "refusing to send the client secret over plain http through the proxy http://192.0.2.1:3129, which is not a loopback address" \
	    "$1: the message names the proxy"
	unlike "$(cat "$T/log" 2>/dev/null)" "attempt" \
	    "$1: no request was tried"
}

gs_reset
proxied --proxy "$far" get "$id0"
refused "--proxy"
http_proxy=$far proxied get "$id0"
refused "http_proxy"
all_proxy=$far proxied get "$id0"
refused "all_proxy"
printf 'proxy = "%s";\n' "$far" >"$T/proxy.conf"
proxied -c "$T/proxy.conf" set "$id0" --availability Available \
    --activity Available
refused "the proxy setting, for set"
is "$(gs_count "$token_route")" 0 "graphsim saw no token request"

# Credentials in the proxy URL are not shown.
proxied --proxy "http://user:pr0xy-pass@192.0.2.1:3129" get "$id0"
is "$rc" 2 "a proxy with credentials is refused too"
unlike "$(cat "$T/err")" "pr0xy-pass" "without showing its password"

# The access token is refused like the secret: the token endpoint is
# reached directly (no_proxy names localhost), Graph through the proxy.
lgs_url=$(printf '%s' "$GS_URL" | sed 's/127\.0\.0\.1/localhost/')
rm -f "$T/log"
http_proxy=$far no_proxy=localhost timeout 20 "$TEAMTOP" \
    --graph-url "$GS_URL" --login-url "$lgs_url" get "$id0" \
    >"$T/out" 2>"$T/err"
is "$?" 2 "an access token for a proxy that is not loopback is refused"
like "$(cat "$T/err")" \
    "refusing to send an access token over plain http through the proxy http://192.0.2.1:3129" \
    "naming the token and the proxy"
is "$(gs_count "$token_route")" 1 "after a token came directly"

# What libcurl would not use is not held against the command.
HTTP_PROXY=$far proxied get "$id0"
is "$rc" 0 "HTTP_PROXY, which libcurl ignores for http, is ignored"
http_proxy=$far no_proxy=127.0.0.1 proxied get "$id0"
is "$rc" 0 "no_proxy naming the host: direct, allowed"
http_proxy=$far NO_PROXY=127.0.0.0/8 proxied get "$id0"
is "$rc" 0 "NO_PROXY with a CIDR range: direct, allowed"
http_proxy=$far no_proxy='*' proxied get "$id0"
is "$rc" 0 "no_proxy=*: direct, allowed"
https_proxy=$far proxied get "$id0"
is "$rc" 0 "https_proxy is not used for http URLs"

# A loopback proxy still works. graphsim stands in for it: it answers a
# request in proxy form with a 404 naming the URL asked for, so a target
# where nothing listens is only ever reached through it.
lfar=http://127.0.0.1:1
gs_reset
"$TEAMTOP" --proxy "$GS_URL" --graph-url "$lfar" --login-url "$lfar" \
    get someone >"$T/out" 2>"$T/err"
is "$?" 3 "a loopback proxy is used: its 404 is a refused sign-in"
like "$(cat "$T/err")" "'$lfar/$GS_TENANT/oauth2/v2.0/token'" \
    "the loopback proxy was asked for the token URL"
gs_reset
http_proxy=$GS_URL "$TEAMTOP" --graph-url "$lfar" --login-url "$lfar" \
    get someone >"$T/out" 2>"$T/err"
is "$?" 3 "so is a loopback http_proxy"
is "$(gs_control /_graphsim/stats | jq -r '.by_status["404"] // 0')" 1 \
    "the loopback proxy saw the request"

done_testing
