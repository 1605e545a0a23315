# shellcheck shell=bash
# A private PostgreSQL server on loopback for the test suite, from Debian's
# packages: its own data folder, a free port, trust authentication for the
# local test user only. Exports BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
# which Backstage's TestDatabases picks up.

# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

MESHIFI_PG_DIR=""
MESHIFI_PG_BIN=""

_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/postgres" ] && MESHIFI_PG_BIN="$dir"
  done
  [ -n "$MESHIFI_PG_BIN" ]
}

start_test_postgres() {
  _pg_bin || apt_install postgresql || return 1
  _pg_bin || {
    say "PostgreSQL did not install; install the Debian package postgresql and try again."
    return 1
  }
  local major
  major="$(basename "$(dirname "$MESHIFI_PG_BIN")")"
  MESHIFI_PG_DIR="$(mktemp -d /tmp/meshifi-postgres.XXXXXX)"
  chmod 755 "$MESHIFI_PG_DIR"
  # PostgreSQL refuses to run as root: it runs as the postgres user.
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$MESHIFI_PG_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$MESHIFI_PG_BIN/initdb" -D "$MESHIFI_PG_DIR/data" -U meshifi --auth=trust >"$MESHIFI_PG_DIR/initdb.log" 2>&1 || {
    cat "$MESHIFI_PG_DIR/initdb.log" >&2
    return 1
  }
  local port
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  "${as[@]}" "$MESHIFI_PG_BIN/pg_ctl" -D "$MESHIFI_PG_DIR/data" -l "$MESHIFI_PG_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $MESHIFI_PG_DIR -c fsync=off -c max_connections=200" start >/dev/null || {
    cat "$MESHIFI_PG_DIR/server.log" >&2
    return 1
  }
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://meshifi@127.0.0.1:$port/postgres"
  export MESHIFI_TEST_POSTGRES_MAJOR="$major"
  say "PostgreSQL $major for the tests on 127.0.0.1:$port"
}

stop_test_postgres() {
  [ -n "$MESHIFI_PG_DIR" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$MESHIFI_PG_BIN/pg_ctl" -D "$MESHIFI_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$MESHIFI_PG_DIR"
  MESHIFI_PG_DIR=""
}
