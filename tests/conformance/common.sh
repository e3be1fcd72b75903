# shellcheck shell=sh
# Helpers shared by the graphsim conformance scripts: requests with the
# demo app's token, readers of the last answer and assertions on status and
# error code together. Source it after tests/lib/tap.sh and
# tests/lib/graphsim.sh.

# A bound on every request, so that a hung server fails a case instead of
# hanging the suite.
CT_MAX_TIME=${CT_MAX_TIME:-20}

# GUIDs that no generated person or group has.
# shellcheck disable=SC2034 # For the scripts that source this file.
NOBODY=00000000-0000-4000-8000-00000000dead

# auth_init: fetch a token and keep the header in $T/auth (never in argv).
auth_init() {
    gs_auth_file "$T/auth"
}

# call METHOD PATH [BODY [CURL-OPTIONS...]]: send a request to graphsim with
# the app's token. BODY (JSON, or @file) is sent as application/json when not
# empty. Sets $st to the status and $rc to curl's exit status; the answer is
# in $T/body and its headers in $T/hdr.
call() {
    ct_m=$1
    ct_p=$2
    shift 2
    ct_b=
    if [ $# -gt 0 ]; then
        ct_b=$1
        shift
    fi
    if [ -n "$ct_b" ]; then
        set -- -H 'Content-Type: application/json' --data-binary "$ct_b" "$@"
    fi
    raw "$ct_m" "$ct_p" -H "@$T/auth" "$@"
}

# raw METHOD PATH [CURL-OPTIONS...]: like call, without the token.
raw() {
    ct_m=$1
    ct_p=$2
    shift 2
    : >"$T/body"
    : >"$T/hdr"
    st=$(curl -s --max-time "$CT_MAX_TIME" -o "$T/body" -D "$T/hdr" \
        -w '%{http_code}' -X "$ct_m" "$@" "$GS_URL$ct_p")
    rc=$?
}

# jb FILTER: apply a jq filter (raw output) to the last body.
jb() {
    jq -r "$@" "$T/body" 2>/dev/null
}

# ecode: the Graph error code of the last answer.
ecode() {
    jq -r '.error.code // "-"' "$T/body" 2>/dev/null || echo '(not JSON)'
}

# hdr NAME: the value of a header of the last answer.
hdr() {
    tr -d '\r' <"$T/hdr" | sed -n "s/^$1:[[:space:]]*//Ip" | tail -n 1
}

# is_st WANT DESCRIPTION: the last status is WANT.
is_st() {
    if [ "$st" != "$1" ]; then
        diag "body: $(head -c 400 "$T/body")"
    fi
    is "$st" "$1" "$2"
}

# is_err STATUS CODE DESCRIPTION: the last answer is STATUS with a Graph
# error body whose code is CODE and whose message is a string.
is_err() {
    ct_got=$(jq -r '"\(.error.code // "-") \(.error.message | type)"' \
        "$T/body" 2>/dev/null)
    is "$st ${ct_got:-(not JSON)}" "$1 $2 string" "$3"
}

# is_ok_empty DESCRIPTION: the last answer is 200 with an empty body.
is_ok_empty() {
    if [ -s "$T/body" ]; then
        is "$st $(head -c 200 "$T/body")" "200 " "$1"
    else
        is "$st" 200 "$1"
    fi
}

# jtrue DESCRIPTION FILTER: the jq filter on the last body yields true.
jtrue() {
    ct_d=$1
    shift
    ct_v=$(jq -e "$@" "$T/body" 2>/dev/null)
    if [ "$ct_v" = true ]; then
        ok "$ct_d"
    else
        not_ok "$ct_d"
        diag "filter $* gave '$ct_v' on: $(head -c 400 "$T/body")"
    fi
}

# now_epoch: graphsim's clock in seconds since the epoch.
now_epoch() {
    date -u -d "$(curl -s --max-time 5 "$GS_URL/_graphsim/clock" |
        jq -r .now)" +%s
}

# advance SECONDS: move graphsim's clock forward.
advance() {
    curl -s --max-time 5 -o /dev/null -X POST \
        -H 'Content-Type: application/json' \
        --data-binary "{\"advance_seconds\": $1}" "$GS_URL/_graphsim/clock"
}

# user_ids N FILE: write the ids of the first N people of the directory.
user_ids() {
    ct_n=$1
    ct_f=$2
    : >"$ct_f"
    ct_next="/v1.0/users?\$select=id&\$top=999"
    while [ -n "$ct_next" ] && [ "$(wc -l <"$ct_f")" -lt "$ct_n" ]; do
        call GET "$ct_next"
        [ "$st" = 200 ] || break
        jb '.value[].id' >>"$ct_f"
        ct_next=$(jb '."@odata.nextLink" // empty' | sed "s|^$GS_URL||")
    done
    head -n "$ct_n" "$ct_f" >"$ct_f.tmp" && mv "$ct_f.tmp" "$ct_f"
}

# ids_body FILE: a getPresencesByUserId body for the ids in FILE.
ids_body() {
    jq -Rn '{ids: [inputs]}' <"$1"
}

# pair ID: print "availability/activity" as GET shows it.
pair() {
    call GET "/v1.0/users/$1/presence"
    jb '"\(.availability)/\(.activity)"'
}

# set_presence ID AVAILABILITY ACTIVITY [DURATION [SESSION]]: setPresence.
set_presence() {
    ct_body="{\"sessionId\":\"${5:-$GS_CLIENT_ID}\",\"availability\":\"$2\",\"activity\":\"$3\""
    [ -n "${4:-}" ] && ct_body="$ct_body,\"expirationDuration\":\"$4\""
    call POST "/v1.0/users/$1/presence/setPresence" "$ct_body}"
}

# set_preferred ID AVAILABILITY ACTIVITY [DURATION]: setUserPreferredPresence.
set_preferred() {
    ct_body="{\"availability\":\"$2\",\"activity\":\"$3\""
    [ -n "${4:-}" ] && ct_body="$ct_body,\"expirationDuration\":\"$4\""
    call POST "/v1.0/users/$1/presence/setUserPreferredPresence" "$ct_body}"
}

# fresh_user ID: leave ID with no session, no preferred presence and no
# status message, through the documented write methods; true when GET then
# shows Offline/Offline.
fresh_user() {
    echo "$1" >"$T/fresh1"
    fresh_some "$T/fresh1" >/dev/null
    [ "$(pair "$1")" = Offline/Offline ]
}

# fresh_some FILE: clear every session, the preferred presence and the
# status message of the people in FILE, with one curl run; prints the ids
# that then show Offline/Offline.
fresh_some() {
    sed "s|.*|url = \"$GS_URL/_graphsim/users/&\"|" "$1" >"$T/fs.cfg"
    curl -s --max-time "$CT_MAX_TIME" -K "$T/fs.cfg" >"$T/fs.states"
    jq -r --arg u "$GS_URL" --arg h "@$T/auth" '
        def req(p; b): "next\nurl = \"\($u)/v1.0/users/\(.id)/presence/\(p)\"\n" +
            "header = \"\($h)\"\nheader = \"Content-Type: application/json\"\n" +
            "data-binary = \(b | tojson | tojson)\noutput = \"/dev/null\"";
        (.sessions[]?.sessionId as $s | req("clearPresence"; {sessionId: $s})),
        req("clearUserPreferredPresence"; {}),
        req("setStatusMessage"; {statusMessage: {message:
            {content: "", contentType: "text"}}})' "$T/fs.states" |
        sed 1d >"$T/fs.clear"
    curl -s --max-time "$CT_MAX_TIME" -K "$T/fs.clear"
    jq -Rn '{ids: [inputs]}' <"$1" >"$T/fs.ids"
    call POST /v1.0/communications/getPresencesByUserId "@$T/fs.ids"
    jb '.value[] | select(.availability == "Offline" and
        .activity == "Offline") | .id'
}

# fresh_users N FILE: write N ids of people left fresh by fresh_some.
fresh_users() {
    user_ids $(($1 + 10)) "$T/cand"
    fresh_some "$T/cand" | head -n "$1" >"$2"
    if [ "$(wc -l <"$2")" -lt "$1" ]; then
        echo "Bail out! could not find $1 people that clear to Offline/Offline"
        exit 1
    fi
}

# timed METHOD PATH [CURL-OPTIONS...]: like raw, also setting $secs.
# shellcheck disable=SC2034 # $rc and $secs are for the caller.
timed() {
    ct_m=$1
    ct_p=$2
    shift 2
    ct_out=$(curl -s --max-time "$CT_MAX_TIME" -o "$T/body" \
        -w '%{http_code} %{time_total}' -X "$ct_m" -H "@$T/auth" "$@" \
        "$GS_URL$ct_p")
    rc=$?
    st=${ct_out% *}
    secs=${ct_out#* }
}

# seqlt A B: true when sequenceNumber A sorts before B (strcmp order).
seqlt() {
    [ -n "$1" ] && [ -n "$2" ] &&
        jq -en --arg a "$1" --arg b "$2" '$a < $b' >/dev/null
}

# ge A B: true when the decimal A >= B.
ge() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'
}
