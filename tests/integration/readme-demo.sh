#!/bin/sh
# The README's demo-mode examples, taken from README.md as they are written
# there (every indented line that starts "teamtop --demo" or "teamtop demo"),
# run in order: each exits 0, a comment "# shows A, B" after one says what
# its output shows, and all of them use one demo graphsim.
. "${top_srcdir:?}/tests/lib/tap.sh"
plan_lazy

XDG_RUNTIME_DIR=$T/run XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/xdg
export XDG_RUNTIME_DIR XDG_STATE_HOME XDG_CONFIG_HOME
unset TEAMTOP_DEMO_IDLE AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET
# The examples call teamtop by name.
mkdir "$T/bin" "$T/cwd"
: >"$T/pids"
ln -s "$TEAMTOP" "$T/bin/teamtop"
PATH=$T/bin:$PATH

demo_cleanup() {
	"$TEAMTOP" demo stop >/dev/null 2>&1
	tap_cleanup
}
trap demo_cleanup EXIT

sed -n 's/^    \(teamtop \(--demo\|demo\)\( .*\)\{0,1\}\)$/\1/p' \
    "$top_srcdir/README.md" >"$T/examples"
n=$(wc -l <"$T/examples" | tr -d ' ')
check "README.md has demo-mode examples to run ($n)" test "$n" -ge 10
grep -q '^teamtop --demo set ' "$T/examples" &&
    grep -q '^teamtop --demo get ' "$T/examples"
check "among them a set and a get" test $? -eq 0

while IFS= read -r line; do
	# The command, and the comment after two spaces and a #.
	cmd=${line%%  #*}
	comment=
	[ "$cmd" != "$line" ] && comment=${line#*  # }
	cmd=$(printf '%s\n' "$cmd" | sed 's/ *$//')
	(cd "$T/cwd" && sh -c "$cmd") >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	sed -n 's/^pid //p' "$T/run/teamtop/demo" 2>/dev/null >>"$T/pids"
	is "$rc" 0 "$cmd"
	[ "$rc" = 0 ] || sed 's/^/# /' "$T/err"
	case $comment in
	"shows "*)
		printf '%s\n' "${comment#shows }" | tr ',' '\n' |
		    sed 's/^ *//; s/ *$//' >"$T/claims"
		while IFS= read -r claim; do
			like "$(cat "$T/out")" "$claim" "  which shows '$claim'"
		done <"$T/claims"
		;;
	esac
done <"$T/examples"

is "$(sort -u "$T/pids" | wc -l | tr -d ' ')" 1 \
    "the examples shared one demo graphsim"
done_testing
