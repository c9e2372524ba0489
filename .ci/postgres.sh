#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 for the store tests, installing the server
# from Debian's packages when it is missing. Prints the URL to use; `postgres.sh stop DIR` ends it.
#   url=$(bash .ci/postgres.sh start)      # -> postgresql://veille@127.0.0.1:55432/veille_test
set -euo pipefail
PORT="${VEILLE_PG_PORT:-55432}"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_owner() {  # the server refuses to run as root: run it as the postgres user then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/postgres" ]; then
      echo "installing PostgreSQL from Debian's packages" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    BIN="$(pg_bin)"
    DIR="$(mktemp -d /tmp/veille-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U veille --encoding=UTF8 >"$DIR/initdb.log"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U veille veille_test
    echo "$DIR" >"${TMPDIR:-/tmp}/veille-pg.dir"
    echo "postgresql://veille@127.0.0.1:$PORT/veille_test"
    ;;
  stop)
    DIR="${2:-$(cat "${TMPDIR:-/tmp}/veille-pg.dir" 2>/dev/null || true)}"
    [ -n "$DIR" ] && [ -d "$DIR/data" ] || exit 0
    as_owner "$(pg_bin)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    rm -rf "$DIR" "${TMPDIR:-/tmp}/veille-pg.dir"
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
