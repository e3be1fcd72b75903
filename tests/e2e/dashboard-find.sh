#!/bin/sh
# Finding people in the dashboard. The search ignores case in every script
# (Greek, Cyrillic, accented Latin) and accents, finds a name written with
# combining marks (graphsim writes some so) when typed precomposed and the
# other way round, and looks in departments and job titles; the search
# line counts the matches as one types, and says when there is none.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/e2e/lib-dashboard.sh"
plan 16

N=300
gs_start --users $N
GS_TOKEN=$(gs_token)
gs_graph "/v1.0/users?\$select=id,displayName,userPrincipalName,mail,department,jobTitle&\$top=999" \
    >"$T/users.json"

# people JQ: how many people the jq condition holds for.
people() {
	jq "[.value[] | select($1)] | length" "$T/users.json"
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

tt_keys q
check "q exits teamtop" wait_for 5 tt_exited
