#!/bin/sh
# What the one-shot commands write: export has the department and job
# title; CSV and JSON keep Graph's text exact for a file or a pipe but are
# as inert as the table on a terminal; --csv-safe defuses cells that a
# spreadsheet would run as formulas.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
gs_start --users 10
. "$top_srcdir/tests/integration/cmd-lib.sh"
command -v script >/dev/null 2>&1 || skip_all "script(1) is not installed"
plan 14

id0=$(gs_user 0 id)
upn0=$(gs_user 0 userPrincipalName)
gs_api "/users/$id0?\$select=department,jobTitle" >"$T/user0"
dept0=$(jq -r .department "$T/user0")
job0=$(jq -r .jobTitle "$T/user0")

tt --csv export
is "$rc" 0 "export --csv exits 0"
like "$(head -1 "$T/out")" "id,displayName,userPrincipalName,mail,department,jobTitle," \
    "export --csv has department and jobTitle columns"
like "$(grep "^$id0," "$T/out")" ",$dept0,$job0," "with each person's values"
tt --json export
is "$(jq -r --arg id "$id0" '.value[] | select(.id == $id) | [.department, .jobTitle] | @tsv' "$T/out")" \
    "$(printf '%s\t%s' "$dept0" "$job0")" "export --json has department and jobTitle"

# A status message that would retitle the terminal and set the clipboard.
esc=$(printf '\033')
bel=$(printf '\007')
gs_put "/_graphsim/users/$id0/presence" "{\"availability\":\"Busy\",
    \"activity\":\"InACall\",\"statusMessage\":{\"message\":{
    \"content\":\"=cmd|' /C calc'!A0 \\u001b]0;pwned\\u0007\\u001b]52;c;aGk=\\u0007x\",
    \"contentType\":\"text\"}}}" >/dev/null

tt --csv get "$upn0"
like "$(cat "$T/out")" "${esc}]0;pwned${bel}" "--csv to a pipe keeps the text exact"
tt --json get "$upn0"
is "$(jq -r '.value[0].statusMessage.message.content' "$T/out")" \
    "=cmd|' /C calc'!A0 ${esc}]0;pwned${bel}${esc}]52;c;aGk=${bel}x" \
    "--json to a pipe keeps the text exact"

# On a terminal (script(1) gives the command one).
for fmt in --csv --json; do
	script -qec "'$TEAMTOP' --graph-url '$GS_URL' --login-url '$GS_URL' $fmt get '$upn0'" \
	    /dev/null >"$T/tty" 2>&1
	unlike "$(cat "$T/tty")" "${esc}]" "$fmt on a terminal writes no escape sequence from Graph"
	like "$(cat "$T/tty")" "calc'!A0 " "$fmt on a terminal still shows the text"
done

tt --csv-safe get "$upn0"
is "$rc" 0 "--csv-safe exits 0"
like "$(cat "$T/out")" ",'=cmd|' /C calc'!A0 " \
    "--csv-safe prefixes a cell that starts with = so it is not run"
like "$(head -1 "$T/out")" "id,displayName," "--csv-safe is CSV with a header"
tt --csv get "$upn0"
like "$(cat "$T/out")" ",=cmd|' /C calc'!A0 " "plain --csv keeps the cell as it came"
