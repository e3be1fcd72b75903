#!/bin/sh
# The status message prompt: it takes up to 280 characters, the limit of
# Teams, counted in characters (150 CJK characters reach graphsim intact),
# shows the count against the limit, and refuses a longer message without
# sending it. Text longer than the line scrolls sideways to keep the
# cursor in sight, by display width, with a short label when the terminal
# is narrow.
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

# tt_last: the prompt, the last line of the screen.
tt_last() {
	tt_screen | tail -n 1
}
# tt_cursor: "x y" of the terminal's cursor.
tt_cursor() {
	tt_tmux display -p -t tt '#{cursor_x} #{cursor_y}'
}
# last_has TEXT: does the prompt line show TEXT?
last_has() {
	tt_last | grep -F -q -- "$1"
}
# cursor_after TEXT: the cursor is on the prompt line, in the window, just
# after TEXT, the last thing on the line.
cursor_after() {
	_c=$(tt_cursor)
	_line=$(tt_last | sed 's/ *$//')
	case $_line in *"$1") ;; *) return 1 ;; esac
	_w=$(printf '%s' "$_line" | LC_ALL=C.UTF-8 wc -L)
	[ "${_c#* }" -eq "$(($(tt_tmux display -p -t tt '#{pane_height}') - 1))" ] &&
	    [ "${_c% *}" -eq "$_w" ]
}

# Past the right edge the end of what is typed stays in sight.
text="START $(repeat 14 'lorem ipsum ') the very end"
tt_keys m
wait_for 5 tt_has "0/280" >/dev/null
tt_keys -l "$text"
check "at 120 columns the end of a long message is shown" \
    wait_for 5 last_has "the very end"
check "with the cursor just after it" cursor_after "the very end"
tt_keys Home
check "Home scrolls back to the start" wait_for 5 last_has "Status message for"
like "$(tt_last)" "START lorem" "the start of the text is shown again"
tt_keys End
check "End scrolls to the end again" wait_for 5 last_has "the very end"
tt_keys Escape

# At 40 columns, a short label leaves room to type.
tt_tmux resize-window -t tt -x 40 -y 12
narrow() { [ "$(tt_tmux display -p -t tt '#{pane_width}')" -eq 40 ]; }
wait_for 5 narrow
tt_keys m
check "at 40 columns the prompt has a short label" wait_for 5 last_has "Status 0/280:"
tt_keys -l "hello, this is longer than forty columns, END"
check "at 40 columns what is typed is shown" wait_for 5 last_has "columns, END"
check "with the cursor just after it" cursor_after "columns, END"
tt_keys C-u
tt_keys -l "$(repeat 30 '中')末"
check "wide characters scroll too" wait_for 5 last_has "中中中末"
check "with the cursor after the last one" cursor_after "中末"
width=$(tt_last | sed 's/ *$//' | LC_ALL=C.UTF-8 wc -L)
check "the line never overflows the 40 columns ($width)" test "$width" -le 40
tt_keys Enter
wide_sent() { [ "$(content)" = "$(repeat 30 '中')末" ]; }
check "and what was typed is sent whole" wait_for 5 wide_sent

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
