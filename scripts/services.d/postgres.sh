# Sourced by scripts/test.sh (as root in CI): a private PostgreSQL server for the
# store tests, so the same suite runs on SQLite and PostgreSQL.
# Installs Debian's postgresql with apt-get if missing, initializes a data
# directory under /tmp, starts the server on 127.0.0.1:$LETOPIS_PG_PORT (55432),
# creates the database and exports LETOPIS_TEST_PG_URL.
# Without root or apt-get it warns and leaves LETOPIS_TEST_PG_URL unset (the
# PostgreSQL half of the tests then skips outside CI, and fails in CI).
letopis_pg_setup() {
  local port="${LETOPIS_PG_PORT:-55432}" data="${LETOPIS_PG_DATA:-/tmp/letopis-pg/data}"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "postgres.sh: installing postgresql with apt-get" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null || return 1
      bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    else
      echo "postgres.sh: postgresql missing and not root; PostgreSQL tests will be skipped" >&2
      return 1
    fi
  fi
  # The server refuses to run as root: run it as the postgres user when we are root.
  local as=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    as=(runuser -u postgres --)
  fi
  mkdir -p "$(dirname "$data")"
  [ "$(id -u)" = "0" ] && chown postgres "$(dirname "$data")"
  if [ ! -f "$data/PG_VERSION" ]; then
    "${as[@]}" "$bin/initdb" -D "$data" -A trust -U letopis -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/../server.log" -w -t 60 \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null \
      || { cat "$data/../server.log" >&2; return 1; }
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U letopis -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'letopis_test'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U letopis letopis_test || return 1
  fi
  export LETOPIS_TEST_PG_URL="postgresql+psycopg://letopis@127.0.0.1:$port/letopis_test"
  echo "postgres.sh: PostgreSQL ready at $LETOPIS_TEST_PG_URL" >&2
}
letopis_pg_setup || echo "postgres.sh: PostgreSQL could not be started; PostgreSQL tests will be skipped (fail in CI)" >&2
