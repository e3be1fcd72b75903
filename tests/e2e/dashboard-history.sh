#!/bin/sh
# The dashboard records the presence history (history.db in the state
# directory, 0600); teamtop history prints it; after a restart the time in
# state is exact; --forget deletes a person's records; history = false
# keeps none.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 11

gs_start --users 10
GS_TOKEN=$(gs_token)
gs_users >"$T/users"
id0=$(sed -n 1p "$T/users" | cut -f1)
name0=$(sed -n 1p "$T/users" | cut -f2)
upn0=$(gs_graph "/v1.0/users/$id0" | jq -r .userPrincipalName)
gs_put_presence "$id0" '{"availability":"Busy","activity":"InACall"}'

# history ARGS...: the command against graphsim, output in $T/out.
history() {
	AZURE_TENANT_ID=$GS_TENANT AZURE_CLIENT_ID=$GS_CLIENT_ID \
	    AZURE_CLIENT_SECRET=$GS_CLIENT_SECRET XDG_STATE_HOME=$T/state \
	    "$TEAMTOP" --graph-url "$GS_URL" --login-url "$GS_URL" history \
	    "$@" >"$T/out" 2>"$T/err"
}

tt_start --refresh 2 --sort name
check "the dashboard starts" wait_for 15 tt_loaded 10
gs_put_presence "$id0" '{"availability":"DoNotDisturb","activity":"Presenting"}'
check "a change shows" wait_for 10 tt_has "Presenting"
tt_keys q
check "q quits" wait_for 10 tt_exited
db=$T/state/teamtop/history.db
is "$(stat -c %a "$db")" 600 "the history is kept in a 0600 file"

history "$upn0"
is "$(awk 'NR > 1 {print $4}' "$T/out" | tr '\n' ' ')" "Busy DoNotDisturb " \
    "teamtop history prints the states seen, in order"
history --json "$upn0" --since 1h
is "$(jq -r '[.value[].activity] | join(" ")' "$T/out")" "InACall Presenting" \
    "with --json too"
history "$upn0" --since 1m --until 30s
is "$(grep -c . "$T/out")" 1 "--until before the change leaves only the header"

# A restart: the time in state comes from the history, not "at least".
sleep 3
tt_tmux kill-server
tt_start --refresh 60 --sort name
check "the dashboard starts again" wait_for 15 tt_loaded 10
line=$(tt_line "$(printf '%s' "$name0" | cut -c1-10)")
unlike "$line" ">" "the time in state is exact across the restart (no \">\")"

history --forget "$upn0"
like "$(cat "$T/out")" "$upn0: 2 records forgotten" \
    "--forget deletes the person's records"

tt_tmux kill-server
rm -rf "$T/state"
mkdir -p "$T/xdg/teamtop"
echo 'history = false;' >"$T/xdg/teamtop/config"
tt_start --refresh 2
wait_for 15 tt_loaded 10
check "with history = false no history is kept" test ! -e "$db"
