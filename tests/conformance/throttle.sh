#!/bin/sh
# graphsim conformance: --throttle and the 429 answer (graph-presence-api.md
# sections 4.2, 4.3 and 8).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

# burst N PATH: N GETs in one curl run; prints their statuses, one a line.
burst() {
    bu_i=0
    : >"$T/burst.cfg"
    while [ $bu_i -lt "$1" ]; do
        printf 'url = "%s%s"\noutput = "/dev/null"\n' "$GS_URL" "$2" \
            >>"$T/burst.cfg"
        bu_i=$((bu_i + 1))
    done
    curl -s --max-time "$CT_MAX_TIME" -H "@$T/auth" -w '%{http_code}\n' \
        -K "$T/burst.cfg"
}

# Without --throttle nothing is throttled.
gs_start
auth_init
user_ids 2 "$T/ids"
id=$(sed -n 1p "$T/ids")
id2=$(sed -n 2p "$T/ids")
is "$(burst 60 "/v1.0/users/$id/presence" | sort -u | tr '\n' ' ')" "200 " \
    "throttle: without --throttle 60 quick requests all pass"
gs_stop

gs_start --throttle 10
auth_init
# A fresh window: whatever the token request counted is behind us.
advance 31
body="{\"ids\":[\"$id\",\"$id2\"]}"
out=$(burst 10 "/v1.0/users/$id/presence" | tr '\n' ' ')
is "$out" "200 200 200 200 200 200 200 200 200 200 " \
    "throttle: --throttle 10 lets 10 requests through"
call GET "/v1.0/users/$id/presence"
is_err 429 activityLimitReached "throttle: the 11th request gets 429 activityLimitReached"
ra=$(hdr Retry-After)
# shellcheck disable=SC2016 # $1 is the inner shell's.
check "throttle: the 429 carries Retry-After in whole seconds, 1..30 (got '$ra')" \
    sh -c 'case $1 in ""|*[!0-9]*) exit 1 ;; esac; [ "$1" -ge 1 ] && [ "$1" -le 30 ]' \
    sh "$ra"
jtrue "throttle: the 429 body has innerError with date and request-id" \
    '(.error.innerError // .error.innererror) | has("date") and has("request-id")'
call POST /v1.0/communications/getPresencesByUserId "$body"
is_err 429 activityLimitReached "throttle: getPresencesByUserId is throttled too"
call GET "/beta/users/$id/presence"
is_err 429 activityLimitReached "throttle: /beta is throttled in the same window"
raw GET /_graphsim/clock
is_st 200 "throttle: control endpoints still answer while throttled"
raw POST "/$GS_TENANT/oauth2/v2.0/token" \
    --data-urlencode "client_id=$GS_CLIENT_ID" \
    --data-urlencode "client_secret=$GS_CLIENT_SECRET" \
    --data-urlencode "scope=https://graph.microsoft.com/.default" \
    --data-urlencode "grant_type=client_credentials"
is_st 200 "throttle: the token endpoint is never throttled (graphsim(1))"
raw GET /_graphsim/stats
jtrue "throttle: stats count the 429s" '.by_status["429"] >= 3'

advance 30
call GET "/v1.0/users/$id/presence"
is_st 200 "throttle: after the clock advances 30 s requests pass again"
call POST /v1.0/communications/getPresencesByUserId "$body"
is_st 200 "throttle: getPresencesByUserId passes again"

# Waiting as long as Retry-After says is enough (4.2).
advance 31
burst 11 "/v1.0/users/$id/presence" >/dev/null
call GET "/v1.0/users/$id/presence"
ra=$(hdr Retry-After)
is "$st" 429 "throttle: a new burst over the limit gets 429 again"
advance "${ra:-30}"
call GET "/v1.0/users/$id/presence"
is_st 200 "throttle: after Retry-After seconds ($ra) a request passes"

# Sub-requests of a batch are throttled one by one (4.2, 6.4).
advance 31
burst 6 "/v1.0/users/$id/presence" >/dev/null
jq -n --arg u "$id" '{requests: [range(0; 8) | {id: "\(.)", method: "GET",
    url: "/users/\($u)/presence"}]}' >"$T/b8"
call POST "/v1.0/\$batch" "@$T/b8"
is_st 200 "throttle: a batch near the limit still gets 200"
jtrue "throttle: some sub-requests pass and later ones get 429 inside" \
    '(.responses | map(select(.status == 200)) | length) >= 1 and
     (.responses | map(select(.status == 429)) | length) >= 1'
jtrue "throttle: a throttled sub-request carries activityLimitReached" \
    '.responses | map(select(.status == 429))[0].body.error.code ==
     "activityLimitReached"'
jtrue "throttle: a throttled sub-request carries Retry-After in its headers" \
    '.responses | map(select(.status == 429))[0].headers |
     with_entries(.key |= ascii_downcase) | has("retry-after")'

done_testing
