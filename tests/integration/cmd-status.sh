#!/bin/sh
# The status command takes a message of up to 280 characters, the limit of
# Teams, counted in characters and not bytes: 280 CJK characters (840
# bytes) reach graphsim intact, 281 characters are refused before anything
# is sent.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 3
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 8

id=$(gs_user 0 id)
upn=$(gs_user 0 userPrincipalName)

# repeat N STRING: STRING N times.
repeat() {
	_i=0
	while [ $_i -lt "$1" ]; do
		printf '%s' "$2"
		_i=$((_i + 1))
	done
}

cjk=$(repeat 280 '中')
tt status "$upn" "$cjk"
is "$rc" 0 "280 CJK characters are taken"
got=$(gs_state "$id" | jq -r '.statusMessage.message.content')
is "$got" "$cjk" "graphsim receives the 280 characters intact"
is "$(printf '%s' "$got" | wc -c | tr -d ' ')" 840 "all 840 bytes of them"

emoji=$(repeat 280 '😀')
tt status "$upn" "$emoji"
is "$rc" 0 "280 characters of 4 bytes are taken"

gs_reset
tt status "$upn" "$(repeat 281 a)"
is "$rc" 2 "281 characters are refused with exit status 2"
like "$(cat "$T/err")" "281 characters long; Teams takes at most 280" \
    "saying how long it is and what the limit is"
is "$(gs_count 'POST /users/{id}/presence/setStatusMessage')" 0 \
    "the refused message never reached graphsim"
tt status "$upn" "$(repeat 281 '中')"
is "$rc" 2 "281 CJK characters are refused too"
