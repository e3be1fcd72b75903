#!/bin/sh
# The status message prompt: it takes up to 280 characters, the limit of
# Teams, counted in characters (150 CJK characters reach graphsim intact),
# shows the count against the limit, and refuses a longer message without
# sending it.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

# repeat N STRING: STRING N times.
repeat() {
	_i=0
	while [ $_i -lt "$1" ]; do
		printf '%s' "$2"
		_i=$((_i + 1))
	done
}

gs_start --users 4
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"
tt_start --refresh 60
if wait_for 20 tt_loaded 4; then ok "the dashboard shows 4 people"; else
	not_ok "the dashboard shows 4 people"; tt_screen | sed 's/^/# /'
fi
name=$(tt_name "$(tt_screen | sed -n 3p)" "$T/names")
id=$(awk -F '\t' -v n="$name" '$2 == n { print $1; exit }' "$T/users")
content() { curl -s "$GS_URL/_graphsim/users/$id" | jq -r '.statusMessage.message.content // ""'; }
sent() { gs_count "POST /users/{id}/presence/setStatusMessage"; }

# 150 CJK characters: 450 bytes, more than the 255 the prompt used to cut at.
cjk=$(repeat 150 '中')
tt_keys m
check "m opens the prompt with a count of 0/280" wait_for 5 tt_has "0/280"
tt_keys -l "$cjk"
check "the count says 150/280" wait_for 5 tt_has "150/280"
tt_keys Enter
cjk_sent() { [ "$(content)" = "$cjk" ]; }
if wait_for 5 cjk_sent; then ok "graphsim receives the 150 CJK characters intact"; else
	not_ok "graphsim receives the 150 CJK characters intact"
	diag "got $(content | wc -m) characters"
fi

# 281 characters: refused with the prompt left open, nothing sent.
before=$(sent)
tt_keys m
wait_for 5 tt_has "0/280" >/dev/null
tt_keys -l "$(repeat 281 x)"
check "the count says 281/280 too long" wait_for 5 tt_has "281/280 too long"
tt_keys Enter
sleep 0.5
is "$(sent)" "$before" "a message of 281 characters is not sent"
check "the prompt stays open to shorten it" tt_has "281/280 too long"
tt_keys BSpace
check "one character less can be sent" wait_for 5 tt_has "280/280:"
tt_keys Enter
long_sent() { [ "$(content)" = "$(repeat 280 x)" ]; }
check "graphsim receives the 280 characters" wait_for 5 long_sent

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
