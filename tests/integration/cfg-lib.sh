# shellcheck shell=sh
# Helpers for the configuration tests, which need no graphsim: source after
# tests/lib/tap.sh. No credentials from the environment, a private
# XDG_CONFIG_HOME, an address where nothing listens, and run.

unset AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET \
    AZURE_CLIENT_CERTIFICATE_PATH
XDG_CONFIG_HOME=$T/xdg
export XDG_CONFIG_HOME
# Nothing listens here; a request would fail, but none should be made.
# shellcheck disable=SC2034 # For the tests that source this.
dead=http://127.0.0.1:9

# run ARGS...: teamtop with output in $out/$err and status in $rc (for the
# tests that source this).
# shellcheck disable=SC2034
run() {
	"$TEAMTOP" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}
