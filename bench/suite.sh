#!/usr/bin/env bash
# Runs one reliability suite (java -jar target/radius-rumble.jar suite NAME) against a fresh server
# on 127.0.0.1, prints its figures and checks, and exits with the suite's code (0 passed, 1 a check
# missed, 2 setup problem). Suites that start and kill servers themselves (see SELF_HOSTED) get the
# jar instead of a running server (their servers' data and logs go to OUT/work). See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Suites that manage their own server processes (kill -9, SIGTERM): no server is started for them.
SELF_HOSTED=" crash shutdown "

usage() {
  cat <<'USAGE'
Usage: bench/suite.sh NAME [--port P] [--heap H] [--server-cpus LIST] [--server-opt OPT]... [--out DIR] [-- SUITE-ARGS...]
  NAME            a suite (java -jar target/radius-rumble.jar suite --help lists them)
  --port P        server port on 127.0.0.1 (default 18080)
  --heap H        server heap, -Xms and -Xmx (default 1g)
  --server-cpus   pin the server to these CPUs (taskset)
  --server-opt    extra server JVM option or -Drumble... setting (repeatable)
  --out DIR       keep the server log and the JSON report here (default: a fresh temp dir)
  -- ARGS         passed to the suite (e.g. -- --frames 1000000)
USAGE
}

[[ $# -ge 1 ]] || { usage >&2; exit 2; }
[[ "$1" == "-h" || "$1" == "--help" ]] && { usage; exit 0; }
NAME="$1"; shift
PORT=18080 HEAP=1g SERVER_CPUS="" OUT="" SERVER_OPTS=() SUITE_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --server-opt) SERVER_OPTS+=("$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --) shift; SUITE_ARGS=("$@"); break ;;
    *) usage >&2; exit 2 ;;
  esac
done

need java; need curl
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/rumble-suite-$NAME.XXXXXX")}"
mkdir -p "$OUT"
build_jar_if_missing
raise_fd_limit >/dev/null
trap stop_server EXIT INT TERM

set +e
if [[ "$SELF_HOSTED" == *" $NAME "* ]]; then
  java -jar "$JAR" suite "$NAME" --jar "$JAR" --work-dir "$OUT/work" --json "$OUT/$NAME.json" "${SUITE_ARGS[@]}"
  code=$?
else
  start_server "$PORT" "$HEAP" "$SERVER_CPUS" "$OUT/server.log" "${SERVER_OPTS[@]}"
  java -XX:+UseZGC -Xmx2g -jar "$JAR" suite "$NAME" --url "ws://127.0.0.1:$PORT/ws" --server-pid "$SERVER_PID" \
    --json "$OUT/$NAME.json" "${SUITE_ARGS[@]}"
  code=$?
  stop_server
fi
set -e
log "report and server log in $OUT"
exit "$code"
