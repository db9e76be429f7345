#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the sync server's tests and benchmark.
#
#   scripts/pg-test-cluster.sh start   # init + start (idempotent); prints the URL as the last line
#   scripts/pg-test-cluster.sh stop    # stop and delete the cluster
#   scripts/pg-test-cluster.sh url     # print the URL of the running cluster
#
# Usage in CI:  export DANGAN_TEST_DATABASE_URL="$(scripts/pg-test-cluster.sh start | tail -n 1)"
#
# Environment: DANGAN_PG_BIN (default /usr/lib/postgresql/15/bin), DANGAN_PG_DIR (cluster and
# socket folder, default /tmp/dangan-pg-test), DANGAN_PG_PORT (first port tried, default 55432).
# Trust authentication on 127.0.0.1 only: never point this at data you care about.
set -euo pipefail

PG_BIN="${DANGAN_PG_BIN:-/usr/lib/postgresql/15/bin}"
BASE="${DANGAN_PG_DIR:-/tmp/dangan-pg-test}"
PGDATA="$BASE/data"
SOCK="$BASE/sock"
PORT_FILE="$BASE/port"
DB_NAME="dangan_test"

log() { echo "pg-test-cluster: $*" >&2; }

# Run a PostgreSQL binary as an unprivileged user: initdb and postgres refuse to run as root.
as_pg() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && { exec 3>&- 3<&-; return 0; }
  return 1
}

running() {
  [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

url() {
  echo "postgres://postgres@127.0.0.1:$(cat "$PORT_FILE")/$DB_NAME"
}

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    log "no PostgreSQL binaries in $PG_BIN (apt-get install postgresql-15, or set DANGAN_PG_BIN)"
    exit 1
  fi
  if running; then
    log "already running"
    url
    return
  fi
  mkdir -p "$BASE" "$SOCK"
  if [ "$(id -u)" = "0" ]; then chown postgres "$BASE" "$SOCK"; fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    rm -rf "$PGDATA"
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local port="${DANGAN_PG_PORT:-55432}"
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port" >"$PORT_FILE"
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$BASE/server.log" -w -t 60 \
    -o "-p $port -k $SOCK -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  if ! as_pg "$PG_BIN/psql" -h "$SOCK" -p "$port" -U postgres -Atc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" postgres | grep -q 1; then
    as_pg "$PG_BIN/createdb" -h "$SOCK" -p "$port" -U postgres "$DB_NAME"
  fi
  log "started on port $port (data in $PGDATA, log in $BASE/server.log)"
  url
}

stop() {
  if running; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
    log "stopped"
  fi
  rm -rf "$BASE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && url || { log "not running"; exit 1; } ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
