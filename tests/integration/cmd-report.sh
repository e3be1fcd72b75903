#!/bin/sh
# teamtop report: per person, the time in each availability during the
# working hours of a day, from a prepared history: the state carried in
# from before the day, the hour no dashboard recorded, --group, --json and
# --csv, the workday setting, and bad days refused.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
gs_start --users 60 --groups 24
. "$top_srcdir/tests/integration/cmd-lib.sh"
plan 15
TZ=UTC
export TZ

gs_api "/groups?\$top=999&\$select=id,displayName" >"$T/groups"
hd1=$(jq -r '.value[] | select(.displayName == "Helpdesk Tier 1") | .id' "$T/groups")
gs_api "/groups/$hd1/members?\$top=999&\$select=id,userPrincipalName" >"$T/members"
ida=$(jq -r '.value[0].id' "$T/members")
upna=$(jq -r '.value[0].userPrincipalName' "$T/members")
idb=$(jq -r '.value[1].id' "$T/members")
upnb=$(jq -r '.value[1].userPrincipalName' "$T/members")

# at HH:MM: the epoch of that time on 2026-03-02 (UTC).
at() {
	echo $((1772409600 + ${1%:*} * 3600 + ${1#*:} * 60))
}

# Recorded 07:00-12:00 and 13:00-19:00. A: Busy since 07:30, then
# Available, DoNotDisturb, Away (through the gap), Offline. B: Available
# since the evening before, nothing else.
mkdir -p "$T/state/teamtop"
chmod 700 "$T/state/teamtop"
db=$T/state/teamtop/history.db
{
	echo "CREATE TABLE states (id TEXT NOT NULL, at INTEGER NOT NULL,"
	echo " availability TEXT, activity TEXT, status TEXT, ooo INTEGER,"
	echo " location TEXT);"
	echo "CREATE TABLE runs (start INTEGER NOT NULL, reach INTEGER NOT NULL);"
	echo "INSERT INTO runs VALUES ($(at 7:00), $(at 12:00)), ($(at 13:00), $(at 19:00));"
	for s in "7:30 Busy" "9:15 Available" "10:00 DoNotDisturb" "10:20 Away" \
	    "16:00 Offline"; do
		echo "INSERT INTO states (id, at, availability, activity) VALUES"
		echo " ('$ida', $(at "${s% *}"), '${s#* }', '${s#* }');"
	done
	echo "INSERT INTO states (id, at, availability, activity) VALUES"
	echo " ('$idb', $(($(at 0:00) - 4 * 3600)), 'Available', 'Available');"
} | sqlite3 "$db"
chmod 600 "$db"

# row FILE USER AVAILABILITY: "time seconds share" of that row of a table.
row() {
	awk -v u="$2" -v a="$3" '$1 == u && $2 == a { print $3, $4, $5 }' "$1"
}

tt report --day 2026-03-02 "$upna" "$upnb"
is "$rc" 0 "report exits 0"
is "$(head -1 "$T/out" | tr -s ' ')" "user availability time seconds share" \
    "the table has a header row"
is "$(row "$T/out" "$upna" Busy)" "1h15m 4500 13%" \
    "Busy since before the day counts from 08:00"
is "$(row "$T/out" "$upna" Away)" "4h40m 16800 47%" \
    "Away on both sides of the gap, not in it"
is "$(row "$T/out" "$upna" notRecorded)" "1h00m 3600 10%" \
    "the hour no dashboard recorded is notRecorded"
is "$(awk -v u="$upna" '$1 == u { s += $4 } END { print s }' "$T/out")" 36000 \
    "the availabilities of A add up to the ten working hours"
is "$(row "$T/out" "$upnb" Available)" "9h00m 32400 90%" \
    "B, Available since the evening before, all day but the gap"

tt report --json --day 2026-03-02 "$upna"
check "--json is valid JSON" is_json "$T/out"
is "$(jq -r '[.value[] | "\(.availability)=\(.seconds)"] | join(" ")' "$T/out")" \
    "Available=2700 Busy=4500 DoNotDisturb=1200 Away=16800 Offline=7200 notRecorded=3600" \
    "--json gives each availability's seconds"

tt get --json --group "Helpdesk Tier 1"
nmembers=$(jq '.value | length' "$T/out")
tt report --csv --group "Helpdesk Tier 1" --day 2026-03-02
is "$(head -1 "$T/out" | tr -d '\r')" "user,availability,time,seconds,share" \
    "--csv has a header row"
is "$(sed 1d "$T/out" | cut -d, -f1 | sort -u | grep -c .)" "$nmembers" \
    "--group reports each person get --group shows"
is "$(grep "^$upnb,Available," "$T/out" | cut -d, -f4)" 32400 \
    "including B's time"

tt report --workday 09:00-10:00 --day 2026-03-02 "$upna"
is "$(awk 'NR > 1 { printf "%s=%s ", $2, $4 }' "$T/out")" \
    "Available=2700 Busy=900 " "the workday setting sets the hours reported"

tt report --day someday "$upna"
is "$rc" 2 "a day that is no day is a usage error"
like "$(cat "$T/err")" "--day: " "and says which option"
