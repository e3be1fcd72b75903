#!/bin/sh
# graphsim conformance: every presence write method under each path form
# (/users/{id}/presence/..., /communications/presences/{id}/..., /me/presence/...)
# and version, and writes that must be refused (graph-presence-api.md
# sections 2.1, 2.4 to 2.8 and 8).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

# shellcheck disable=SC2119 # graphsim's default options.
gs_start
auth_init
fresh_users 1 "$T/fresh"
u8=$(cat "$T/fresh")
msg='{"statusMessage":{"message":{"content":"In the lab","contentType":"text"}}}'

# Every write method under each path form and version.
for v in v1.0 beta; do
    for form in users communications; do
        if [ $form = users ]; then
            pre="/$v/users/$u8/presence"
        else
            pre="/$v/communications/presences/$u8"
        fi
        what="$v $form"
        call POST "$pre/setPresence" \
            "{\"sessionId\":\"$GS_CLIENT_ID\",\"availability\":\"Busy\",\"activity\":\"InACall\",\"expirationDuration\":\"PT1H\"}"
        is_ok_empty "write: setPresence on the $what form gives 200"
        call POST "$pre/setUserPreferredPresence" \
            '{"availability":"DoNotDisturb","activity":"DoNotDisturb"}'
        is "$st" 200 "write: setUserPreferredPresence on the $what form gives 200"
        is "$(pair "$u8")" DoNotDisturb/DoNotDisturb \
            "write: the $what writes show in GET"
        call POST "$pre/clearUserPreferredPresence" '{}'
        is "$st" 200 "write: clearUserPreferredPresence on the $what form gives 200"
        call POST "$pre/setStatusMessage" "$msg"
        is_ok_empty "write: setStatusMessage on the $what form gives 200"
        call POST "$pre/clearPresence" "{\"sessionId\":\"$GS_CLIENT_ID\"}"
        is_ok_empty "write: clearPresence on the $what form gives 200"
        is "$(pair "$u8")" Offline/Offline "write: the $what clearPresence shows in GET"
    done
done
for m in setPresence clearPresence setUserPreferredPresence \
    clearUserPreferredPresence setStatusMessage; do
    case $m in
    setPresence) b="{\"sessionId\":\"$GS_CLIENT_ID\",\"availability\":\"Busy\",\"activity\":\"InACall\"}" ;;
    clearPresence) b="{\"sessionId\":\"$GS_CLIENT_ID\"}" ;;
    setUserPreferredPresence) b='{"availability":"Busy","activity":"Busy"}' ;;
    clearUserPreferredPresence) b='{}' ;;
    setStatusMessage) b=$msg ;;
    esac
    call POST "/v1.0/me/presence/$m" "$b"
    is_err 400 BadRequest "write: /me/presence/$m with an app token gives 400 BadRequest"
done
call POST /beta/me/presence/setPresence \
    "{\"sessionId\":\"$GS_CLIENT_ID\",\"availability\":\"Busy\",\"activity\":\"InACall\"}"
is_err 400 BadRequest "write: /beta/me/presence/setPresence gives 400 BadRequest"

# Writes to nobody, without a token, with a broken body.
set_presence "$NOBODY" Busy InACall PT1H
is_err 404 NotFound "write: setPresence for an unknown person gives 404 NotFound"
raw POST "/v1.0/users/$u8/presence/setPresence" \
    -H 'Content-Type: application/json' \
    --data-binary "{\"sessionId\":\"$GS_CLIENT_ID\",\"availability\":\"Busy\",\"activity\":\"InACall\"}"
is_err 401 InvalidAuthenticationToken "write: setPresence without a token gives 401"
call POST "/v1.0/users/$u8/presence/setPresence" '{"sessionId":'
is "$st $(jb '.error.code | type')" "400 string" \
    "write: setPresence with a broken JSON body gives 400"
is "$(pair "$u8")" Offline/Offline "write: refused writes change nothing"

done_testing
