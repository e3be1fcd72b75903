#!/bin/sh
# The KEYS section of teamtop(1) mirrors the key table of ui/keys.c: every
# action is named there, in parentheses, and the man page names no action
# the table does not have.
. "${top_srcdir:?}/tests/lib/tap.sh"
cd "$top_srcdir" || exit 1

# The actions of the table, by configuration name, without "none".
actions=$(sed -n '/^} keys_actions\[KA__COUNT\] = {/,/^};/p' ui/keys.c |
    sed -n 's/^[[:space:]]*{ "\([a-z_]*\)", ".*/\1/p' | grep -v -x none)
keys=$(sed -n '/^\.Sh KEYS/,/^\.Sh /p' man/teamtop.1)
plan $(($(echo "$actions" | wc -l) + 1))
for a in $actions; do
	if printf '%s\n' "$keys" | grep -q -E "(\(|, )$a(\)|,)"; then
		ok "teamtop(1) describes the key of $a"
	else
		not_ok "teamtop(1) describes the key of $a"
	fi
done
# Names in parentheses that look like actions (a word with an underscore,
# or one alone) but are not in the table.
named=$(printf '%s\n' "$keys" | grep -o -E '\(([a-z_]+)(, [a-z_]+)?\)\.?$' |
    tr -d '().' | tr ',' '\n' | tr -d ' ' | sort -u)
unknown=$(for n in $named; do
	printf '%s\n' "$actions" | grep -q -x "$n" || echo "$n"
done)
is "$unknown" "" "teamtop(1) names no action that ui/keys.c lacks"
