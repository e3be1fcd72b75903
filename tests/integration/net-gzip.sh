#!/bin/sh
# graphsim answers with gzip when the request takes it (Accept-Encoding),
# as Graph does, and plain otherwise; teamtop asks for it and reads the
# compressed answers: what it prints is what the plain answers say.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 11

gs_start --users 1500
gs_auth_file "$T/auth"

# req ACCEPT-ENCODING: GET the first 100 users, raw, headers in $T/hdr
# and the body as sent in $T/raw.
req() {
	curl -s -D "$T/hdr" -o "$T/raw" -H @"$T/auth" ${1:+-H "Accept-Encoding: $1"} \
	    "$GS_URL/v1.0/users?\$top=100&\$select=id,displayName"
}
gzip_answers() {
	gs_control /_graphsim/stats | jq -r '.gzip.answers'
}

req ''
check "without Accept-Encoding the answer is plain JSON" jq -e .value "$T/raw"
check "... and has no Content-Encoding" \
    sh -c "! grep -qi '^Content-Encoding' '$T/hdr'"
cp "$T/raw" "$T/plain"

gs_reset
req 'gzip, deflate'
check "with Accept-Encoding: gzip it says Content-Encoding: gzip" \
    grep -qi '^Content-Encoding: gzip' "$T/hdr"
check "... and the body is gzip of the plain answer" \
    sh -c "gzip -dc '$T/raw' | cmp -s - '$T/plain'"
is "$(gzip_answers)" 1 "graphsim counts the compressed answer"

req 'gzip;q=0, identity'
check "gzip;q=0 is refused: plain" jq -e .value "$T/raw"

# teamtop asks for compression on every request and reads the answers.
gs_reset
tt --csv get
is "$rc" 0 "teamtop get (the whole directory) succeeds"
is "$(wc -l <"$T/out" | tr -d ' ')" 1501 "and prints 1500 people"
presence=$(gs_count "POST /communications/getPresencesByUserId")
check "every answer it had was compressed ($(gzip_answers) of $(gs_control /_graphsim/stats | jq .requests))" \
    test "$(gzip_answers)" -ge $((presence + 2))
# What it printed is what graphsim's plain answers say.
id=$(jq -r '.value[7].id' "$T/plain")
want=$(curl -s -H @"$T/auth" -H 'Content-Type: application/json' \
    -d "{\"ids\":[\"$id\"]}" \
    "$GS_URL/v1.0/communications/getPresencesByUserId" |
    jq -r '.value[0] | [.id, .availability, .activity] | join(",")')
got=$(grep "^$id," "$T/out" | cut -d, -f1,7,8)
is "$got" "$want" "a person's presence read through gzip is Graph's"
tt --json get "$id"
is "$(jq -r '.value[0].id' "$T/out")" "$id" "one person read through gzip"
