# Shared by run-bench.sh, idle-bench.sh and three-nodes.sh: build the jar, start and stop a server on loopback.
# Sourced, not run. Everything here only ever talks to 127.0.0.1.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/target/radius-rumble.jar"
SERVER_PID=""
SERVER_DATA=""

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 2; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required"; }

# Builds the jar when it is missing or older than any source, so a bench never measures stale code.
build_jar_if_missing() {
  local newer=""
  if [[ -f "$JAR" ]]; then
    newer=$(cd "$ROOT" && find pom.xml protocol actors http persistence loadtest -newer "$JAR" -type f \
      -print -quit 2>/dev/null)
  fi
  if [[ ! -f "$JAR" || -n "$newer" ]]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -B -q -DskipTests package) || die "build failed"
  fi
}

# Prefix a command with taskset when a CPU list is given; exec, so a backgrounded `pin` is the
# process itself and its $! is the PID to stop.
pin() {
  local cpus="$1"; shift
  if [[ -n "$cpus" ]]; then
    need taskset
    exec taskset -c "$cpus" "$@"
  else
    exec "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_server PORT HEAP CPUS LOGFILE [extra JVM options...]; sets SERVER_PID.
start_server() {
  local port="$1" heap="$2" cpus="$3" logfile="$4"; shift 4
  port_is_free "$port" || die "port $port on 127.0.0.1 is taken: pass --port"
  SERVER_DATA="$(mktemp -d "${TMPDIR:-/tmp}/rumble-bench-data.XXXXXX")"
  # A one-node cluster on any free remoting port: never clashes with another server on the machine.
  # shellcheck disable=SC2086
  (HOST=127.0.0.1 PORT="$port" DATA_PATH="$SERVER_DATA" CLUSTER_HOST=127.0.0.1 CLUSTER_PORT=0 CLUSTER_SEED_NODES= \
    pin "$cpus" java -Xms"$heap" -Xmx"$heap" "$@" \
    -jar "$JAR" >"$logfile" 2>&1) &
  SERVER_PID=$!
  local deadline=$((SECONDS + 60))
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -20 "$logfile" >&2
      die "server exited during start (log: $logfile)"
    fi
    if ((SECONDS > deadline)); then
      stop_server
      die "server not ready within 60 s (log: $logfile)"
    fi
    sleep 0.5
  done
  log "server pid $SERVER_PID ready on 127.0.0.1:$port (heap $heap)"
}

# stop_pid PID: stops one process this script started: TERM, then KILL after 20 s; waits for it.
stop_pid() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "process $pid did not stop in 20 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  [[ -z "$pid" ]] || wait "$pid" 2>/dev/null || true
}

# Stops the server this script started, by its PID: TERM, then KILL after 20 s.
stop_server() {
  stop_pid "$SERVER_PID"
  SERVER_PID=""
  if [[ -n "$SERVER_DATA" && -d "$SERVER_DATA" ]]; then
    rm -rf "$SERVER_DATA"
  fi
  SERVER_DATA=""
}

# Raise the soft file-descriptor limit as far as the hard limit allows.
raise_fd_limit() {
  local hard
  hard="$(ulimit -Hn)"
  if [[ "$hard" == "unlimited" ]]; then hard=1048576; fi
  ulimit -n "$hard" 2>/dev/null || true
  ulimit -n
}
