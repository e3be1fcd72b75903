#!/bin/sh
# The configuration at its edges: -c /dev/null means no file; every cloud
# name in use is accepted; a secret in an @include'd file others can read
# is refused; a URL that cannot be parsed is a configuration error naming
# the setting.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/integration/cfg-lib.sh"
plan 32

# -c /dev/null: no configuration file, not "not a regular file".
mkdir -p "$T/xdg/teamtop"
printf 'refresh = "broken";\n' >"$T/xdg/teamtop/config"
run -c /dev/null --tenant contoso.example get someone
is "$rc" 2 "-c /dev/null still needs credentials"
like "$err" "no application: set client_id" "it goes as far as the credentials"
unlike "$err" "not a regular file" "/dev/null is taken as an empty file"
unlike "$err" "broken" "and the default file is not read"
run -c "$T" get someone
like "$err" "not a regular file" "a directory is still refused"

# Cloud names: the documented ones and the names in use elsewhere.
for c in global usgov dod usgov-dod USGovDoD gcchigh public; do
	run -c /dev/null --cloud "$c" --version
	is "$rc" 0 "--cloud $c is accepted"
done
run -c /dev/null --cloud mars get someone
like "$err" "cloud: expected \"global\", \"usgov\", \"dod\" or \"china\", not 'mars'" \
    "an unknown cloud lists the documented names"

# A client_secret pulled in with @include from a file others can read.
secret=Zq8-not-for-your-eyes
printf 'client_secret = "%s";\n' "$secret" >"$T/secret.inc"
chmod 644 "$T/secret.inc"
printf 'tenant = "contoso.example";\n@include "secret.inc"\n' \
    >"$T/main.conf"
chmod 600 "$T/main.conf"
run -c "$T/main.conf" --graph-url "$dead" --login-url "$dead" get someone
is "$rc" 2 "a secret in an included file others can read is refused"
like "$err" "$T/secret.inc: holds client_secret but is readable by others" \
    "naming the included file"
unlike "$out$err" "$secret" "the secret is not shown"

# A URL libcurl cannot parse is a configuration error.
run -c /dev/null --tenant t --graph-url 'http://[::1' get someone
is "$rc" 2 "a malformed --graph-url exits 2"
is "$err" "teamtop: graph_url: 'http://[::1' is not a valid URL (Bad IPv6 address)" \
    "naming the setting and why"

# The dashboard's settings are checked before anything starts, for every
# command: a typo is an error with the file and line, never dropped.
check_bad() {
	printf '%s\n' "$1" >"$T/dash.conf"
	run -c "$T/dash.conf" --tenant t get someone
	is "$rc" 2 "$2: exits 2"
	is "$err" "teamtop: $T/dash.conf:1: $3" "$2: names the file, line and why"
}
check_bad 'columns = ["name", "availabilty"];' "a column typo" \
    'columns: unknown column "availabilty" (expected one of availability, activity, name, status, ooo, location, since, upn, mail, department)'
check_bad 'sort = "-nmae";' "a sort typo" \
    'sort: unknown sort column "nmae" (expected one of availability, activity, name, status, ooo, location, since, upn, mail, department)'
check_bad 'group_by = "status";' "a grouping that is not offered" \
    'group_by: cannot group by "status" (expected availability, department or none)'
check_bad 'theme = "ligth";' "a theme typo" 'theme: no theme "ligth" was found'
check_bad 'keys = { quitt = "x"; };' "a key action typo" \
    'keys: unknown key action "quitt"'
check_bad 'keys = { refresh = "F55"; };' "a key name typo" \
    'keys: bad key "F55" for refresh'
run -c /dev/null --tenant t --sort nmae get someone
is "$rc" 2 "a typo in --sort exits 2"
like "$err" "teamtop: --sort: unknown sort column \"nmae\"" "naming the option"
