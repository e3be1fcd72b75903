#!/bin/sh
# Shell completion written from the program's tables: bash loads it and
# completes commands, options and the values of --availability, --activity
# and --expires; zsh and fish scripts parse where those shells are.
. "${top_srcdir:?}/tests/lib/tap.sh"
command -v bash >/dev/null 2>&1 || skip_all "bash is not installed"
plan 18

"$TEAMTOP" completion bash >"$T/bash"
is "$?" 0 "teamtop completion bash exits 0"

# complete WORDS...: what bash offers for the last word (empty for none).
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    _teamtop; [ ${#COMPREPLY[@]} -eq 0 ] ||
	    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
	    complete "$T/bash" "$@"
}

is "$(bash -c ". '$T/bash'; complete -p teamtop")" "complete -F _teamtop teamtop" \
    "bash registers the completion"
like "$(complete_words teamtop s)" "set status " "the commands complete"
like "$(complete_words teamtop --av)" "--availability" "the options complete"
is "$(complete_words teamtop set x --availability B)" "BeRightBack Busy " \
    "--availability offers the values the write methods allow"
is "$(complete_words teamtop set x --availability Busy --activity InA)" \
    "InACall InAConferenceCall " "--activity too"
like "$(complete_words teamtop status x --expires t)" "this-week thursday today tomorrow tuesday" \
    "--expires offers the words it takes"
is "$(complete_words teamtop --cloud d)" "dod " "--cloud offers the clouds"
is "$(complete_words teamtop --auth "")" "app delegated " "--auth offers its two modes"
is "$(complete_words teamtop re)" "report " "report completes"
is "$(complete_words teamtop report --day "")" "today yesterday " \
    "report --day offers today and yesterday"
is "$(complete_words teamtop --user alice set x)" "" \
    "after the command, words are the command's (users), not commands"
is "$(complete_words teamtop demo "")" "status stop " \
    "teamtop demo offers its subcommands"
is "$(complete_words teamtop --demo demo st)" "status stop " \
    "after --demo too"
is "$(complete_words teamtop demo stop "")" "" \
    "and nothing after its subcommand"

"$TEAMTOP" completion tcsh >/dev/null 2>"$T/err"
is "$?" 2 "an unknown shell exits 2"

if command -v zsh >/dev/null 2>&1; then
	"$TEAMTOP" completion zsh >"$T/zsh"
	check "the zsh script parses" zsh -n "$T/zsh"
else
	ok "the zsh script parses # SKIP zsh is not installed"
fi
if command -v fish >/dev/null 2>&1; then
	"$TEAMTOP" completion fish >"$T/fish"
	check "the fish script parses" fish -n "$T/fish"
else
	ok "the fish script parses # SKIP fish is not installed"
fi
