#!/bin/sh
# The configuration as a user meets it: broken files are reported with the
# file and line and exit status 2 before anything else happens; secrets in
# files others can read are refused; a failing secret_command is explained;
# no secret ever reaches the output.
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/integration/cfg-lib.sh"
plan 25

printf '# settings\ntenant = "contoso.example";\nrefresh = "ten";\n' \
    >"$T/type.conf"
run -c "$T/type.conf" get someone
is "$rc" 2 "a wrong type exits 2"
is "$err" "teamtop: $T/type.conf:3: refresh: expected an integer, not a string" \
    "the message names the file, the line, the setting and the type"
is "$out" "" "nothing on stdout"

printf 'tenant = "contoso.example";\nrefesh = 5;\n' >"$T/unknown.conf"
run -c "$T/unknown.conf" get someone
is "$rc" 2 "an unknown setting exits 2"
is "$err" "teamtop: $T/unknown.conf:2: unknown setting 'refesh'" \
    "the unknown setting is named"

printf 'tenant = "contoso.example"\nclient_id = ;\n' >"$T/syntax.conf"
run -c "$T/syntax.conf" get someone
is "$rc" 2 "a syntax error exits 2"
like "$err" "$T/syntax.conf:2: syntax error" "with the line"

run -c "$T/missing.conf" get someone
is "$rc" 2 "a missing -c file exits 2"
like "$err" "$T/missing.conf: No such file or directory" "and says so"

mkdir -p "$XDG_CONFIG_HOME/teamtop"
printf 'cloud = "mars";\n' >"$XDG_CONFIG_HOME/teamtop/config"
run get someone
is "$rc" 2 "the default file is read"
like "$err" "$XDG_CONFIG_HOME/teamtop/config:1: cloud: expected" \
    "and its errors name it"
rm "$XDG_CONFIG_HOME/teamtop/config"

run --cloud china get someone
is "$rc" 2 "the China cloud is refused"
like "$err" "not available in the China cloud" "with the reason"

run --refresh 1 get someone
is "$rc" 2 "a refresh below the minimum is refused"
is "$err" "teamtop: --refresh: expected an integer from 2 to 86400, not 1" \
    "naming the option and the range"

run --client-secret s3cret get someone
is "$rc" 2 "there is no --client-secret option"

# Secrets.
secret=Zq8-not-for-your-eyes
printf '%s\n' "$secret" >"$T/secret"
chmod 644 "$T/secret"
cat >"$T/secret.conf" <<EOF
tenant = "contoso.example";
client_id = "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17";
secret_file = "$T/secret";
EOF
run -c "$T/secret.conf" --graph-url "$dead" --login-url "$dead" get someone
is "$rc" 2 "a secret_file others can read is refused"
like "$err" "secret_file $T/secret: readable or writable by others (mode 644); run chmod 600" \
    "with the mode and the fix"
unlike "$out$err" "$secret" "the secret is not shown"

printf 'client_secret = "%s";\n' "$secret" >"$T/inline.conf"
chmod 644 "$T/inline.conf"
run -c "$T/inline.conf" get someone
is "$rc" 2 "a client_secret in a file others can read is refused"
unlike "$out$err" "$secret" "the secret is not shown"

cat >"$T/command.conf" <<EOF
tenant = "contoso.example";
client_id = "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17";
secret_command = "echo $secret; echo vault is sealed >&2; exit 5";
EOF
run -c "$T/command.conf" --graph-url "$dead" --login-url "$dead" get someone
is "$rc" 2 "a failing secret_command is refused"
is "$err" "teamtop: secret_command failed with exit status 5: vault is sealed" \
    "with its status and first line of standard error"

AZURE_TENANT_ID=contoso.example AZURE_CLIENT_ID=app \
    AZURE_CLIENT_SECRET=$secret \
    "$TEAMTOP" --login-url http://login.example.com get someone \
    >"$T/out" 2>"$T/err"
rc=$?
out=$(cat "$T/out")
err=$(cat "$T/err")
is "$rc" 2 "credentials are never sent over plain http to another host"
unlike "$out$err" "$secret" "the secret is not shown"
