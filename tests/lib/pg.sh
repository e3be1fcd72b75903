# shellcheck shell=sh
# Start and stop a private PostgreSQL server for one test file: initdb and
# pg_ctl in $T/pg, listening on a Unix socket in that directory only (no
# TCP). Source it after tests/lib/tap.sh, whose exit trap calls pg_stop.
# As root (initdb refuses root) the server runs as the user nobody; the
# test's own processes connect over the socket whoever they are: the
# superuser PG_SUPER with trust, other roles with a SCRAM password.

PG_BIN=
PG_DIR=
PG_SUPER=teamtop_test
PG_DB=teamtop
PG_URL=
PG_AS=

# How long the server may take to start, in seconds.
PG_START_WAIT=${PG_START_WAIT:-30}

# pg_find: set PG_BIN to the directory of initdb and pg_ctl, which Debian
# keeps off PATH; skip the whole file when there is none.
pg_find() {
	for _pg_d in "$(pg_config --bindir 2>/dev/null)" \
	    /usr/lib/postgresql/*/bin; do
		if [ -n "$_pg_d" ] && [ -x "$_pg_d/initdb" ] &&
		    [ -x "$_pg_d/pg_ctl" ]; then
			PG_BIN=$_pg_d
			return 0
		fi
	done
	if command -v initdb >/dev/null 2>&1; then
		PG_BIN=$(dirname "$(command -v initdb)")
		return 0
	fi
	skip_all "no PostgreSQL server (initdb): install postgresql"
}

# pg_run COMMAND...: run a server program as the server's owner.
pg_run() {
	if [ -n "$PG_AS" ]; then
		# From a directory it may read: the test's may be private.
		(cd "$PG_DIR" && HOME="$PG_DIR" setpriv --reuid="$PG_AS" \
		    --regid="$(id -g "$PG_AS")" --clear-groups "$@")
	else
		"$@"
	fi
}

# pg_start: create the cluster and the database $PG_DB and start the
# server; set PG_URL (the superuser's), PGHOST and PGDATABASE.
pg_start() {
	pg_find
	PG_DIR="$T/pg"
	mkdir -p "$PG_DIR"
	if [ "$(id -u)" -eq 0 ]; then
		PG_AS=nobody
		chmod 711 "$T"
		chown "$PG_AS" "$PG_DIR"
	fi
	chmod 700 "$PG_DIR"
	if ! pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_SUPER" \
	    -A trust --no-sync -E UTF8 --locale=C >"$T/pg.initdb" 2>&1; then
		echo "Bail out! initdb failed: $(tail -3 "$T/pg.initdb")"
		exit 1
	fi
	cat >"$PG_DIR/data/pg_hba.conf" <<-EOF
	local all $PG_SUPER trust
	local all all scram-sha-256
	EOF
	cat >>"$PG_DIR/data/postgresql.conf" <<-EOF
	listen_addresses = ''
	unix_socket_directories = '$PG_DIR'
	unix_socket_permissions = 0777
	password_encryption = 'scram-sha-256'
	fsync = off
	synchronous_commit = off
	full_page_writes = off
	shared_buffers = 16MB
	max_connections = 40
	EOF
	pg_ctl_start
	PGHOST=$PG_DIR
	PGDATABASE=$PG_DB
	export PGHOST PGDATABASE
	unset PGPASSWORD PGUSER PGPORT PGSERVICE PGPASSFILE
	if ! "$PG_BIN/psql" -q -X -U "$PG_SUPER" -d postgres \
	    -c "CREATE DATABASE $PG_DB" >"$T/pg.create" 2>&1; then
		echo "Bail out! cannot create the database: $(cat "$T/pg.create")"
		exit 1
	fi
	# shellcheck disable=SC2034 # For the scripts that source this.
	PG_URL="postgresql:///$PG_DB?host=$PG_DIR&user=$PG_SUPER"
}

# pg_ctl_start: start the server of the cluster made by pg_start (again,
# after pg_ctl_stop).
pg_ctl_start() {
	if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
	    -t "$PG_START_WAIT" start >"$T/pg.ctl" 2>&1; then
		echo "Bail out! PostgreSQL did not start: $(tail -5 "$PG_DIR/log")"
		exit 1
	fi
}

# pg_ctl_stop: stop the server at once (fast shutdown), keeping its data.
pg_ctl_stop() {
	pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop \
	    >"$T/pg.ctl" 2>&1
}

# pg_stop: stop the server, if one runs.
pg_stop() {
	if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
		pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w \
		    stop >/dev/null 2>&1
	fi
	PG_DIR=
}

# pg_sql SQL: run SQL as the superuser, printing the rows unaligned with |
# between columns and no header.
pg_sql() {
	"$PG_BIN/psql" -q -X -A -t -v ON_ERROR_STOP=1 -U "$PG_SUPER" \
	    -d "$PG_DB" -c "$1"
}

# pg_role NAME PASSWORD: create a login role with a SCRAM password.
pg_role() {
	pg_sql "CREATE ROLE $1 LOGIN PASSWORD '$2'"
}
