# A throwaway PostgreSQL on 127.0.0.1: a new cluster in a temporary folder, on a free loopback port,
# with a role `rumble` (random password) owning one database; stopped and deleted by stop_postgres.
# Used by .ci/run (the tests' database) and bench/three-nodes.sh (the nodes' shared database).
# Sourced, not run. Installing PostgreSQL is the caller's business (postgres_find fails without it).

PG_BIN=""
PG_DIR=""
PG_PORT=""
PG_URL=""
# PostgreSQL refuses to run as root: as root, it runs as the postgres user the package creates.
PG_AS=()

postgres_bin_dir() {
  local dir
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  # Debian keeps them off the PATH, one folder per major version: take the newest.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
  return 1
}

# Sets PG_BIN and PG_AS; returns 1 when PostgreSQL's binaries are not installed.
postgres_find() {
  PG_BIN=$(postgres_bin_dir) || return 1
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    PG_AS=(runuser -u postgres --)
  fi
}

# stop_postgres DIR: stops the cluster living in DIR, if it runs, and deletes DIR.
stop_postgres() {
  local dir=$1
  [ -n "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    (cd "$dir" && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$dir"
}

# stop_stale_postgres PREFIX: what an interrupted earlier run left behind in PREFIX.* folders.
stop_stale_postgres() {
  local stale
  for stale in "$1".*; do
    if [ -d "$stale" ]; then
      stop_postgres "$stale"
    fi
  done
}

# start_postgres PREFIX DATABASE: a new cluster in a fresh PREFIX.XXXXXX folder on the first free port
# from 55432. Sets PG_DIR (give it to stop_postgres), PG_PORT and PG_URL
# (postgresql://rumble:PASSWORD@127.0.0.1:PORT/DATABASE, the form DATABASE_URL takes). Returns 1,
# with PostgreSQL's log on stderr, when it does not start.
start_postgres() {
  local prefix=$1 database=$2 password password_in_url
  PG_PORT=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
  PG_DIR=$(mktemp -d "$prefix.XXXXXX")
  chmod 755 "$PG_DIR"
  [ ${#PG_AS[@]} -eq 0 ] || chown postgres "$PG_DIR"
  # ':' and '@' in the password check that the URL's credentials are percent-decoded.
  password="pw:$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')@pw"
  password_in_url=$(printf '%s' "$password" | sed 's/:/%3A/g; s/@/%40/g')
  (cd "$PG_DIR" && "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null) || return 1
  # Durability is not what this server is for: fsync off keeps the many small transactions fast.
  if ! (cd "$PG_DIR" && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off" start >/dev/null); then
    tail -n 20 "$PG_DIR/server.log" >&2
    return 1
  fi
  local psql_bin="$PG_BIN/psql"
  [ -x "$psql_bin" ] || psql_bin=$(command -v psql)
  "${PG_AS[@]}" "$psql_bin" -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE ROLE rumble LOGIN PASSWORD '$password'" -c "CREATE DATABASE $database OWNER rumble" || return 1
  PG_URL="postgresql://rumble:$password_in_url@127.0.0.1:$PG_PORT/$database"
}
