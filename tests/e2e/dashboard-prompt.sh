#!/bin/sh
# The status message form: its text takes up to 280 characters, the limit
# of Teams, counted in characters (150 CJK characters reach graphsim
# intact), shows the count against the limit, and refuses a longer message
# beside the field without sending it. Text longer than the field scrolls
# sideways to keep the cursor in sight, by display width, at 120 columns
# and at 40.
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

# open_form: m, with the text field emptied (it starts with the message).
open_form() {
	tt_keys m
	wait_for 5 tt_has "/280" >/dev/null
	tt_keys C-u
}
# send: Enter, and y to the confirmation (the message never expires).
send() {
	tt_keys Enter
	wait_for 5 tt_has "Confirm: y sends" >/dev/null
	tt_keys y
}

# 150 CJK characters: 450 bytes, more than the 255 the prompt used to cut at.
cjk=$(repeat 150 '中')
open_form
check "m opens the form with a count of 0/280" wait_for 5 tt_has "0/280"
tt_keys -l "$cjk"
check "the count says 150/280" wait_for 5 tt_has "150/280"
send
cjk_sent() { [ "$(content)" = "$cjk" ]; }
if wait_for 5 cjk_sent; then ok "graphsim receives the 150 CJK characters intact"; else
	not_ok "graphsim receives the 150 CJK characters intact"
	diag "got $(content | wc -m) characters"
fi

# 281 characters: refused beside the field, the form left open, nothing sent.
before=$(sent)
open_form
tt_keys -l "$(repeat 281 x)"
check "the count says 281/280 too long" wait_for 5 tt_has "281/280 too long"
tt_keys Enter
sleep 0.5
is "$(sent)" "$before" "a message of 281 characters is not sent"
check "the form stays open to shorten it" tt_has "281/280 too long"
check "and says why beside the field" tt_has "! "
tt_keys BSpace
check "one character less can be sent" wait_for 5 tt_has "280/280"
send
long_sent() { [ "$(content)" = "$(repeat 280 x)" ]; }
check "graphsim receives the 280 characters" wait_for 5 long_sent

# field: the line of the text field, labelled Message.
field() {
	tt_screen | grep -E 'Message( |$)' | head -n 1
}
# tt_cursor: "x y" of the terminal's cursor.
tt_cursor() {
	tt_tmux display -p -t tt '#{cursor_x} #{cursor_y}'
}
# field_has TEXT: does the text field show TEXT?
field_has() {
	field | grep -F -q -- "$1"
}
# cursor_after TEXT: the cursor is on the text field's line, just after
# TEXT, the last thing on the line.
cursor_after() {
	_c=$(tt_cursor)
	_line=$(tt_screen | sed -n "$((${_c#* } + 1))p" | sed 's/ *$//')
	case $_line in *Message*"$1") ;; *) return 1 ;; esac
	_w=$(printf '%s' "$_line" | LC_ALL=C.UTF-8 wc -L)
	[ "${_c% *}" -eq "$_w" ]
}

# Past the right edge the end of what is typed stays in sight.
text="START $(repeat 14 'lorem ipsum ') the very end"
open_form
tt_keys -l "$text"
check "at 120 columns the end of a long message is shown" \
    wait_for 5 field_has "the very end"
check "with the cursor just after it" cursor_after "the very end"
tt_keys Home
check "Home scrolls back to the start" wait_for 5 field_has "START lorem"
tt_keys End
check "End scrolls to the end again" wait_for 5 field_has "the very end"
tt_keys Escape

# At 40 columns, the form is compact and what is typed is still shown.
tt_tmux resize-window -t tt -x 40 -y 12
narrow() { [ "$(tt_tmux display -p -t tt '#{pane_width}')" -eq 40 ]; }
wait_for 5 narrow
open_form
check "at 40 columns the form has the text field" wait_for 5 field_has "Message"
tt_keys -l "hello, this is longer than forty columns, END"
check "at 40 columns what is typed is shown" wait_for 5 field_has "columns, END"
check "with the cursor just after it" cursor_after "columns, END"
tt_keys C-u
tt_keys -l "$(repeat 30 '中')末"
check "wide characters scroll too" wait_for 5 field_has "中中中末"
check "with the cursor after the last one" cursor_after "中末"
width=$(field | sed 's/ *$//' | LC_ALL=C.UTF-8 wc -L)
check "the line never overflows the 40 columns ($width)" test "$width" -le 40
send
wide_sent() { [ "$(content)" = "$(repeat 30 '中')末" ]; }
check "and what was typed is sent whole" wait_for 5 wide_sent

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
done_testing
