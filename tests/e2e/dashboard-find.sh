#!/bin/sh
# Finding people in the dashboard. The search ignores case in every script
# (Greek, Cyrillic, accented Latin) and accents, finds a name written with
# combining marks (graphsim writes some so) when typed precomposed and the
# other way round, and looks in departments and job titles; the search
# line counts the matches as one types, and says when there is none. The
# filter takes several availabilities at once, everyone but Offline, and a
# department, and the counts line and the status bar follow it.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 27

N=300
gs_start --users $N
GS_TOKEN=$(gs_token)
gs_graph "/v1.0/users?\$select=id,displayName,userPrincipalName,mail,department,jobTitle&\$top=999" \
    >"$T/users.json"
jq -c '{ids: [.value[].id]}' "$T/users.json" >"$T/ids.json"
curl -s -X POST -H "Authorization: Bearer $GS_TOKEN" \
    -H 'Content-Type: application/json' -d @"$T/ids.json" \
    "$GS_URL/v1.0/communications/getPresencesByUserId" >"$T/presence.json"

# people JQ: how many people the jq condition holds for.
people() {
	jq "[.value[] | select($1)] | length" "$T/users.json"
}

# avails REGEX: how many people have an availability matching REGEX.
avails() {
	jq --arg r "$1" '[.value[] | select(.availability | test($r))] | length' \
	    "$T/presence.json"
}

# search TEXT: from the grid with no search, start one and type TEXT.
search() {
	tt_keys /
	tt_keys -l "$1"
}

# search_says TEXT: the search line (the last) holds TEXT.
search_says() {
	tt_screen | tail -n 1 | grep -q -F -- "$1"
}

# found N: the search line counts N matches.
found() {
	if [ "$1" -eq 1 ]; then _m=match; else _m=matches; fi
	tt_screen | tail -n 1 | grep -q -E -- " $1 $_m( |\$)"
}

# check_search TEXT WANT DESCRIPTION: typing TEXT counts WANT matches;
# Escape then leaves the search.
check_search() {
	search "$1"
	if wait_for 5 found "$2"; then ok "$3 ($2)"; else
		not_ok "$3"; diag "want $2 matches for '$1'"
		tt_screen | tail -n 1 | sed 's/^/# /'
	fi
	tt_keys Escape
	wait_for 5 tt_has "$N people" >/dev/null
}

tt_start --refresh 60
if wait_for 20 tt_loaded $N; then ok "the dashboard shows $N people"; else
	not_ok "the dashboard shows $N people"; tt_screen | sed 's/^/# /'
	sed 's/^/# /' "$T/teamtop.err"
fi

# Accents and case: gunther finds every Günther, KOHLER every Köhler (or
# another family name with an umlaut when graphsim has no Köhler).
n=$(people '.displayName | test("Günther")')
check "graphsim has people named Günther" test "$n" -gt 0
check_search gunther "$n" "gunther finds every Günther"
umlaut=
for w in 'Köhler|KOHLER|ko\314\210hler' 'Krüger|KRUGER|kru\314\210ger' \
    'Schröder|SCHRODER|schro\314\210der' 'Schäfer|SCHAFER|scha\314\210fer' \
    'Bäcker|BACKER|ba\314\210cker'; do
	if [ "$(people ".displayName | test(\"${w%%|*}\")")" -gt 0 ]; then
		umlaut=$w
		break
	fi
done
check "graphsim has a family name with an umlaut" test -n "$umlaut"
name=$(echo "$umlaut" | cut -d'|' -f1)
caps=$(echo "$umlaut" | cut -d'|' -f2)
n=$(people ".displayName | test(\"$name\")")
check_search "$caps" "$n" "$caps finds every $name"
# Typed with a combining diaeresis, the name finds the precomposed one.
# shellcheck disable=SC2059 # The format is the name, with octal escapes.
check_search "$(printf "$(echo "$umlaut" | cut -d'|' -f3)")" "$n" \
    "$name typed with U+0308 finds the precomposed $name"

# A name graphsim writes with combining marks, searched for precomposed
# and in capitals: the decomposed and the precomposed are both found, and
# so is anyone whose UPN or mail holds the letters without accents.
nfd=
for w in 'Mu\u0308ller|MÜLLER|Müller|muller' \
    'Lefe\u0300vre|LEFÈVRE|Lefèvre|lefevre' \
    'Ramo\u0301n|RAMÓN|Ramón|ramon' \
    'Nguye\u0302\u0303n|NGUYỄN|Nguyễn|nguyen'; do
	decomposed=${w%%|*}
	if [ "$(people ".displayName | test(\"$decomposed\")")" -gt 0 ]; then
		nfd=$w
		break
	fi
done
check "graphsim has a name written with combining marks" test -n "$nfd"
decomposed=$(echo "$nfd" | cut -d'|' -f1)
typed=$(echo "$nfd" | cut -d'|' -f2)
precomposed=$(echo "$nfd" | cut -d'|' -f3)
ascii=$(echo "$nfd" | cut -d'|' -f4)
n=$(people "(.displayName | test(\"$decomposed|$precomposed\")) or
    ((.userPrincipalName + \" \" + (.mail // \"\")) | test(\"$ascii\"))")
diag "$typed: $(people ".displayName | test(\"$decomposed\")") decomposed, $n in all"
check_search "$typed" "$n" "$typed finds the decomposed and the precomposed"

# Greek and Cyrillic: capitals without accents, lower case.
greek=
for w in 'Παπαδόπουλος|ΠΑΠΑΔΟΠΟΥΛΟΣ' 'Γεωργίου|ΓΕΩΡΓΙΟΥ' \
    'Οικονόμου|ΟΙΚΟΝΟΜΟΥ' 'Νικολάου|ΝΙΚΟΛΑΟΥ' 'Καραγιάννης|ΚΑΡΑΓΙΑΝΝΗΣ' \
    'Βασιλείου|ΒΑΣΙΛΕΙΟΥ' 'Αντωνίου|ΑΝΤΩΝΙΟΥ' 'Παπαδοπούλου|ΠΑΠΑΔΟΠΟΥΛΟΥ'; do
	if [ "$(people ".displayName | test(\"${w%|*}\")")" -gt 0 ]; then
		greek=$w
		break
	fi
done
check "graphsim has a Greek family name" test -n "$greek"
n=$(people ".displayName | test(\"${greek%|*}\")")
check_search "${greek#*|}" "$n" "${greek#*|} finds ${greek%|*}, accents and case aside"
cyrillic=
for w in 'Иванов|иванов' 'Смирнова|смирнова' 'Кузнецов|кузнецов' \
    'Попова|попова' 'Соколов|соколов' 'Шевченко|шевченко' \
    'Коваленко|коваленко' 'Бондаренко|бондаренко' 'Васильева|васильева' \
    'Новиков|новиков'; do
	if [ "$(people ".displayName | test(\"${w%|*}\")")" -gt 0 ]; then
		cyrillic=$w
		break
	fi
done
check "graphsim has a Cyrillic family name" test -n "$cyrillic"
n=$(people ".displayName | test(\"${cyrillic%|*}\")")
check_search "${cyrillic#*|}" "$n" "${cyrillic#*|} finds ${cyrillic%|*}"

# Departments and job titles.
n=$(people '.department == "Security Operations"')
check_search "security OPERATIONS" "$n" "the search looks in departments"
n=$(people '.jobTitle == "Financial Analyst"')
check_search "financial analyst" "$n" "the search looks in job titles"

# No match says so, on the search line and in the grid.
search qqqzzzxxj
check "the search line says when nothing matches" wait_for 5 search_says "no match"
check "and the grid says nobody matches" tt_has 'Nobody matches "qqqzzzxxj"'
tt_keys Escape
wait_for 5 tt_has "$N people" >/dev/null

# counts_line LABEL: the number the counts line gives LABEL, or "".
counts_line() {
	tt_screen | sed -n 1p | grep -o -- "$1 [0-9]*" | awk '{ print $2 }'
}

# Several availabilities: Available (1) and Away (5), ticked in the menu.
n_avail=$(avails '^Available(Idle|Inactive)?$')
n_away=$(avails '^(Away|Inactive|OutOfOffice)$')
n_off=$(avails '^(Offline|OffWork)$')
tt_keys F
wait_for 5 tt_has "Space or a digit ticks" >/dev/null
tt_keys 1 5 Enter
both() { tt_has "$((n_avail + n_away)) of $N people" && tt_has "Available + Away only"; }
check "Available and Away show $((n_avail + n_away)) people" wait_for 5 both
is "$(counts_line Available)/$(counts_line Away)" "$n_avail/$n_away" \
    "the counts line counts the Available and the Away"
is "$(counts_line Busy)$(counts_line Offline)" "" \
    "and leaves out the availabilities filtered out"

# Escape in the menu puts back the filter there was.
tt_keys F
wait_for 5 tt_has "Space or a digit ticks" >/dev/null
tt_keys 2 Escape
back() {
	tt_lacks "Space or a digit ticks" && tt_has "Available + Away only" &&
	    [ -z "$(counts_line Busy)" ]
}
check "Escape in the filter menu keeps Available + Away" wait_for 5 back

# Everyone but Offline (8).
tt_keys F
wait_for 5 tt_has "Space or a digit ticks" >/dev/null
tt_keys 8
but() { tt_has "$((N - n_off)) of $N people" && tt_has "everyone but Offline"; }
check "everyone but Offline shows $((N - n_off)) people" wait_for 5 but
is "$(counts_line Offline)" "" "the counts line leaves Offline out"

# A department (9, then the first in the list).
dept=$(jq -r '.value[].department' "$T/users.json" | LC_ALL=C.UTF-8 sort -u | head -n 1)
n=$(people ".department == \"$dept\"")
tt_keys F
wait_for 5 tt_has "Space or a digit ticks" >/dev/null
tt_keys 0 F
wait_for 5 tt_has "Space or a digit ticks" >/dev/null
tt_keys 9
check "9 lists the departments" wait_for 5 tt_has "1  $dept ($n)"
tt_keys 1
in_dept() { tt_has "$n of $N people" && tt_has "in $dept"; }
check "choosing $dept shows its $n people" wait_for 5 in_dept
sum=0
for label in Available Busy DND BRB Away Offline Unknown; do
	c=$(counts_line $label)
	sum=$((sum + ${c:-0}))
done
is "$sum" "$n" "the counts line counts the people of $dept only"

# Escape gives everyone back.
tt_keys Escape
check "Escape drops the filter" wait_for 5 tt_has "$N people"
tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
