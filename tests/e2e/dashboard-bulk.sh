#!/bin/sh
# Tagging and bulk writes: Space tags the selected person and moves down,
# a tags everyone shown (after a search, only those), U untags everyone;
# tagged rows have a glyph and the counts line says how many. A status
# message to the 30 people tagged asks first, naming the count and the
# first names; graphsim fails 5 of the writes: exactly those 5 are
# reported in the log (and in the audit trail), the other 25 are set, the
# status bar shows the progress and the end. u then puts back the status
# messages before, for all 25, and sends nothing to the 5.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan_lazy

gs_start --users 30
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
cut -f2 "$T/users" >"$T/names"
tt_names_file "$T/names"

# Everyone has a status message before, set through Graph: "Before N".
n=0
while IFS='	' read -r id _; do
	n=$((n + 1))
	curl -s -X POST -H "Authorization: Bearer $GS_TOKEN" \
	    -H 'Content-Type: application/json' \
	    -d "{\"statusMessage\": {\"message\": {\"content\": \"Before $n\",
	        \"contentType\": \"text\"}}}" \
	    "$GS_URL/v1.0/users/$id/presence/setStatusMessage" >/dev/null
	printf '%s\tBefore %s\n' "$id" "$n" >>"$T/before"
done <"$T/users"
gs_post /_graphsim/stats/reset '{}' >/dev/null

# message ID: the status message graphsim has for a person.
message() {
	curl -s "$GS_URL/_graphsim/users/$1" | jq -r '.statusMessage.message.content // ""'
}
# messages: "id<TAB>message" for everyone.
messages() {
	while IFS='	' read -r _id _; do
		printf '%s\t%s\n' "$_id" "$(message "$_id")"
	done <"$T/users"
}
sent() { gs_count "POST /users/{id}/presence/setStatusMessage"; }
tagged_rows() { tt_screen | sed -n '3,39p' | grep -c '◆'; }
header() { tt_screen | head -n 1; }
cursor_y() { tt_tmux display -p -t tt '#{cursor_y}'; }
bar() { tt_screen | tail -n 1; }

tt_start --refresh 60
if wait_for 20 tt_loaded 30; then ok "the dashboard shows 30 people"; else
	not_ok "the dashboard shows 30 people"; tt_screen | sed 's/^/# /'
fi
wait_for 10 tt_has "Before " >/dev/null

# Space tags and moves down; U untags everyone.
y0=$(cursor_y)
tt_keys Space
tagged_is() { header | grep -q "$1 tagged"; }
check "Space tags the selected person" wait_for 5 tagged_is 1
is "$(cursor_y)" $((y0 + 1)) "and moves down"
first=$(tt_name "$(tt_screen | sed -n 3p)" "$T/names")
like "$(tt_screen | sed -n 3p)" "◆" "the tagged row has the tagged glyph"
tt_keys Space
check "Space again tags the next" wait_for 5 tagged_is 2
tt_keys U
check "U untags everyone" wait_for 5 eval '! header | grep -q tagged'
is "$(tagged_rows)" 0 "and no row has the glyph"

# a tags everyone shown: after a search, only the one found.
tt_keys /
tt_keys -l "$first"
tt_keys Enter a
check "a after a search tags the one shown" wait_for 5 tagged_is 1
tt_keys Escape U
wait_for 5 eval '! header | grep -q tagged'
tt_keys a
check "a tags all 30 shown" wait_for 5 tagged_is 30
all_tagged() { [ "$(tagged_rows)" -eq 30 ]; }
check "every row has the glyph" wait_for 5 all_tagged

# The status message to the 30, confirmed.
tt_keys m
check "m opens the form for the 30" wait_for 5 tt_has "Status message: 30 people:"
tt_keys C-u
tt_keys -l "Bulk note"
tt_keys Enter
check "it asks first" wait_for 5 tt_has "Confirm: y sends"
check "naming the count and the first names" \
    eval 'tt_has "To 30 people: " && tt_has "and 27 more"'

# graphsim fails the first 5 writes, and holds up the others a little.
gs_post /_graphsim/faults '[
    {"route": "POST /users/{id}/presence/setStatusMessage", "count": 5, "status": 403},
    {"route": "POST /users/{id}/presence/setStatusMessage", "count": 25, "delay_ms": 150}]' >/dev/null
tt_keys y
progress() { bar | grep -q -E 'setStatusMessage: [0-9]+/30'; }
check "the status bar shows the progress (n/30)" wait_for 10 progress
end() { bar | grep -F -q "setStatusMessage to 30 people: 25 done, 5 failed"; }
if wait_for 20 end; then ok "then its end: 25 done, 5 failed"; else
	not_ok "then its end: 25 done, 5 failed"; bar | sed 's/^/# /'
fi
messages >"$T/after"
is "$(grep -c '	Bulk note$' "$T/after")" 25 "graphsim has the message for 25 people"
grep -v '	Bulk note$' "$T/after" | sort >"$T/unchanged"
is "$(wc -l <"$T/unchanged")" 5 "and 5 kept their message"
sort "$T/before" >"$T/before.sorted"
is "$(comm -12 "$T/before.sorted" "$T/unchanged" | wc -l)" 5 \
    "as it was before"
is "$(sent)" 30 "30 writes were sent"

# The log names exactly those 5, as does the audit trail.
tt_keys L
failed_shown() { tt_screen | grep -q -E ' ! setStatusMessage for .* failed'; }
wait_for 5 failed_shown
tt_screen >"$T/log"
is "$(grep -c -E ' ! setStatusMessage for .* failed' "$T/log")" 5 \
    "L reports 5 failed writes"
missing=
while IFS='	' read -r uid _; do
	uname=$(awk -F '\t' -v i="$uid" '$1 == i { print $2 }' "$T/users")
	pre=$(printf '%s' "$uname" | LC_ALL=C.UTF-8 cut -c1-10)
	grep -E ' ! setStatusMessage for ' "$T/log" | grep -F -q -- "$pre" ||
	    missing="$missing $uname"
done <"$T/unchanged"
is "$missing" "" "they are the 5 people graphsim refused"
check "with Graph's code" grep -q -E 'failed: .*Forbidden|403' "$T/log"
jq -r 'select(.method == "setStatusMessage" and .outcome == "failed") | .person' \
    "$T/state/teamtop/audit.jsonl" | sort >"$T/audit-failed"
is "$(cat "$T/audit-failed")" "$(cut -f1 "$T/unchanged")" \
    "the audit trail has the same 5 as failed"
tt_keys Escape

# u puts the messages before back, for the 25; the 5 get nothing.
tt_keys u
check "u asks first" wait_for 5 tt_has "Undo: y undoes"
check "saying the 25 messages are put back" tt_has "25 status messages are put back"
check "and the 5 failed have nothing to undo" tt_has "5 writes that did not succeed"
tt_keys y
restored() { messages | sort | cmp -s - "$T/before.sorted"; }
if wait_for 20 restored; then ok "every status message is as it was before"; else
	not_ok "every status message is as it was before"
	messages | sort | diff "$T/before.sorted" - | sed 's/^/# /'
fi
is "$(sent)" 55 "the undo sent 25 writes, none to the 5"
undone() { bar | grep -F -q "setStatusMessage to 25 people: all 25 done"; }
check "the status bar says the undo is done" wait_for 10 undone

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
