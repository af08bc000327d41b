#!/usr/bin/env bash
# Three server processes on this machine as one Pekko cluster, sharing a throwaway PostgreSQL, under
# the load tester spread over the three (bot i on node i mod 3). Starts PostgreSQL on 127.0.0.1,
# the nodes on HTTP ports 8081-8083 and remoting ports 25521-25523 (seed nodes: the first two), waits
# until every node is ready and sees three members up, runs the load, stops exactly what it started
# (by PID, also on Ctrl-C) and deletes the database. Prints one table; exits 1 when a run made no
# report, 2 on a setup problem. Only ever targets 127.0.0.1.
#
#   bench/three-nodes.sh                                  # 300 players, 60 s, three nodes
#   bench/three-nodes.sh --compare                        # the same load on one node, then on three
#   bench/three-nodes.sh --players 100 --duration 30s --kill-node 2 --kill-after 15s
#   bench/three-nodes.sh --server-cpus 0 --tester-cpus 1  # every node on CPU 0, the load tester on CPU 1
#
# See bench/README.md for every option.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$BENCH_DIR/postgres.sh"

PLAYERS=300
DURATION="60s"
WARMUP="10s"
RAMP="100/s"
NODES=3
COMPARE=0
HTTP_PORT=8081
REMOTING_PORT=25521
HEAP="512m"
TESTER_HEAP="1g"
SERVER_CPUS=""
TESTER_CPUS=""
KILL_NODE=""
KILL_AFTER=""
OUT=""
SERVER_OPTS=()
TESTER_OPTS=(-XX:+UseZGC)
TESTER_ARGS=()
MAX_PLAYERS=5000
MAX_SECONDS=600

usage() {
  cat <<'EOF'
Usage: bench/three-nodes.sh [options]
  --players N          bots, spread round robin over the nodes (300; at most 5000)
  --duration TIME      load test length, ramp included (60s; at most 600s)
  --warmup TIME        left out of every figure (10s)
  --ramp RATE          bots started per second (100/s)
  --nodes N            server processes, 1..5 (3)
  --compare            run the same load on one node first, then on --nodes
  --kill-node N        SIGKILL node N (1-based) --kill-after TIME into the load; the bots
  --kill-after TIME    reconnect to the next node (loadtest --reconnect)
  --port P             first node's HTTP port (8081; the others follow)
  --remoting-port P    first node's cluster port (25521; the others follow)
  --heap SIZE          heap of each node (512m)
  --tester-heap SIZE   load tester heap (1g)
  --server-cpus LIST   pin every node to these CPUs (taskset), e.g. 0
  --tester-cpus LIST   pin the load tester, e.g. 1
  --server-opt OPT     extra JVM option or -Drumble... setting for every node (repeatable)
  --tester-arg ARG     extra loadtest argument (repeatable)
  --out DIR            keep reports and logs here (default: a fresh temp dir)
EOF
}

seconds_of() { # 60s, 2m, 45 -> seconds
  local text="$1"
  case "$text" in
    *ms) echo 0 ;;
    *m) echo $(( ${text%m} * 60 )) ;;
    *s) echo "${text%s}" ;;
    *) echo "$text" ;;
  esac
}

while (($#)); do
  case "$1" in
    --players) PLAYERS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --nodes) NODES="$2"; shift 2 ;;
    --compare) COMPARE=1; shift ;;
    --kill-node) KILL_NODE="$2"; shift 2 ;;
    --kill-after) KILL_AFTER="$2"; shift 2 ;;
    --port) HTTP_PORT="$2"; shift 2 ;;
    --remoting-port) REMOTING_PORT="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --tester-heap) TESTER_HEAP="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --tester-cpus) TESTER_CPUS="$2"; shift 2 ;;
    --server-opt) SERVER_OPTS+=("$2"); shift 2 ;;
    --tester-arg) TESTER_ARGS+=("$2"); shift 2 ;;
    --tester-arg=*) TESTER_ARGS+=("${1#--tester-arg=}"); shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

[[ "$PLAYERS" =~ ^[0-9]+$ ]] && ((PLAYERS >= 1 && PLAYERS <= MAX_PLAYERS)) || die "--players must be 1..$MAX_PLAYERS"
[[ "$NODES" =~ ^[0-9]+$ ]] && ((NODES >= 1 && NODES <= 5)) || die "--nodes must be 1..5"
duration_s="$(seconds_of "$DURATION")"
[[ "$duration_s" =~ ^[0-9]+$ ]] && ((duration_s >= 5 && duration_s <= MAX_SECONDS)) \
  || die "--duration must be 5s..${MAX_SECONDS}s (whole seconds or minutes)"
if [[ -n "$KILL_NODE$KILL_AFTER" ]]; then
  [[ -n "$KILL_NODE" && -n "$KILL_AFTER" ]] || die "--kill-node and --kill-after go together"
  [[ "$KILL_NODE" =~ ^[0-9]+$ ]] && ((KILL_NODE >= 1 && KILL_NODE <= NODES)) || die "--kill-node must be 1..$NODES"
  ((NODES >= 2)) || die "--kill-node needs at least two nodes"
  kill_s="$(seconds_of "$KILL_AFTER")"
  [[ "$kill_s" =~ ^[0-9]+$ ]] && ((kill_s >= 1 && kill_s < duration_s)) || die "--kill-after must be 1s..--duration"
fi

need java; need curl; need python3
postgres_find || die "PostgreSQL is not installed (apt-get install postgresql; .ci/run does it as root)"
build_jar_if_missing
if [[ -z "$OUT" ]]; then OUT="$(mktemp -d "${TMPDIR:-/tmp}/rumble-three-nodes.XXXXXX")"; fi
mkdir -p "$OUT"

NODE_PIDS=()
NODE_DATA=()
TESTER_PID=""

stop_nodes() {
  stop_pid "$TESTER_PID"
  TESTER_PID=""
  local i
  for ((i = ${#NODE_PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${NODE_PIDS[$i]}"
  done
  NODE_PIDS=()
  for dir in ${NODE_DATA[@]+"${NODE_DATA[@]}"}; do rm -rf "$dir"; done
  NODE_DATA=()
}

cleanup() {
  local status=$?
  stop_nodes
  stop_postgres "$PG_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_nodes COUNT LABEL: COUNT nodes on consecutive ports, seeds the first two (one node: itself).
start_nodes() {
  local count="$1" label="$2" i port remoting seeds=""
  for ((i = 0; i < count && i < 2; i++)); do
    seeds+="${seeds:+,}127.0.0.1:$((REMOTING_PORT + i))"
  done
  ((count > 1)) || seeds=""
  for ((i = 0; i < count; i++)); do
    port=$((HTTP_PORT + i))
    remoting=$((REMOTING_PORT + i))
    port_is_free "$port" || die "port $port on 127.0.0.1 is taken: pass --port"
    port_is_free "$remoting" || die "port $remoting on 127.0.0.1 is taken: pass --remoting-port"
    local data
    data="$(mktemp -d "${TMPDIR:-/tmp}/rumble-node-data.XXXXXX")"
    NODE_DATA+=("$data")
    # shellcheck disable=SC2086
    (HOST=127.0.0.1 PORT="$port" DATA_PATH="$data" DATABASE_URL="$PG_URL" CLUSTER_HOST=127.0.0.1 \
      CLUSTER_PORT="$remoting" CLUSTER_SEED_NODES="$seeds" \
      pin "$SERVER_CPUS" java -Xms"$HEAP" -Xmx"$HEAP" ${SERVER_OPTS[@]+"${SERVER_OPTS[@]}"} \
      -jar "$JAR" >"$OUT/$label-node-$((i + 1)).log" 2>&1) &
    NODE_PIDS+=("$!")
    log "node $((i + 1)) pid $! on 127.0.0.1:$port (cluster port $remoting, seeds ${seeds:-itself})"
  done
  local deadline=$((SECONDS + 120)) ready=0 up
  while ((ready < count)); do
    ready=0
    for ((i = 0; i < count; i++)); do
      kill -0 "${NODE_PIDS[$i]}" 2>/dev/null || { tail -20 "$OUT/$label-node-$((i + 1)).log" >&2;
        die "node $((i + 1)) exited during start (log: $OUT/$label-node-$((i + 1)).log)"; }
      port=$((HTTP_PORT + i))
      curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 || continue
      up=$(curl -sf "http://127.0.0.1:$port/metrics" 2>/dev/null \
        | awk '/^rumble_cluster_members\{.*status="up"/ {print $2}' | head -1)
      [[ -n "$up" ]] && (( ${up%.*} == count )) && ready=$((ready + 1))
    done
    ((SECONDS < deadline)) || die "the nodes were not ready with $count members up within 120 s (logs in $OUT)"
    ((ready == count)) || sleep 1
  done
  log "$count node(s) ready, $count cluster member(s) up on each"
}

# run_load COUNT LABEL: the load tester over the COUNT nodes' URLs; the kill, if asked for.
run_load() {
  local count="$1" label="$2" urls="" i kill_args=()
  for ((i = 0; i < count; i++)); do urls+="${urls:+,}ws://127.0.0.1:$((HTTP_PORT + i))/ws"; done
  [[ -z "$KILL_NODE" ]] || ((count < 2)) || kill_args=(--reconnect)
  (pin "$TESTER_CPUS" java -Xmx"$TESTER_HEAP" "${TESTER_OPTS[@]}" -jar "$JAR" loadtest --url "$urls" \
    --players "$PLAYERS" --duration "$DURATION" --warmup "$WARMUP" --ramp "$RAMP" --json "$OUT/report-$label.json" \
    ${kill_args[@]+"${kill_args[@]}"} ${TESTER_ARGS[@]+"${TESTER_ARGS[@]}"} \
    >"$OUT/loadtest-$label.txt" 2>"$OUT/loadtest-$label.progress") &
  TESTER_PID=$!
  if ((${#kill_args[@]})); then
    sleep "$kill_s"
    local victim="${NODE_PIDS[$((KILL_NODE - 1))]}"
    if kill -0 "$TESTER_PID" 2>/dev/null && kill -KILL "$victim" 2>/dev/null; then
      log "SIGKILL node $KILL_NODE (pid $victim) ${kill_s} s after the load tester started"
    fi
  fi
  local status=0
  # (braces and 2>/dev/null: no "Killed" notice from the shell for the node killed on purpose)
  { wait "$TESTER_PID" || status=$?; } 2>/dev/null
  TESTER_PID=""
  if ((status != 0)) || [[ ! -f "$OUT/report-$label.json" ]]; then
    log "load tester exited with $status for $label (see $OUT/loadtest-$label.progress)"
    tail -5 "$OUT/loadtest-$label.progress" >&2 || true
  fi
}

fds="$(raise_fd_limit)"
stop_stale_postgres "${TMPDIR:-/tmp}/rumble-bench-postgres"
start_postgres "${TMPDIR:-/tmp}/rumble-bench-postgres" rumble || die "PostgreSQL did not start"
log "PostgreSQL on 127.0.0.1:$PG_PORT in $PG_DIR; results in $OUT (fd limit $fds)"

COUNTS=("$NODES")
if ((COMPARE)) && ((NODES > 1)); then COUNTS=(1 "$NODES"); fi
LABELS=()
for count in "${COUNTS[@]}"; do
  label="$count-node"
  LABELS+=("$label")
  log "=== $PLAYERS players on $count node(s) ==="
  start_nodes "$count" "$label"
  run_load "$count" "$label"
  stop_nodes
done

python3 - "$OUT" "${LABELS[@]}" <<'PY'
import json, os, sys
out, labels = sys.argv[1], sys.argv[2:]

def fmt(value, pattern="{:.1f}"):
    return "n/a" if value is None else pattern.format(value)

header = ("nodes", "players", "in game", "delivered %", "tick p99 ms", "rooms", "server CPU %", "CPU per node %",
          "in game per node", "errors", "lost / back", "out of game p50 / p99 / max ms")
rows, missing = [], []
for label in labels:
    path = os.path.join(out, f"report-{label}.json")
    if not os.path.exists(path):
        rows.append((label.split("-")[0],) + ("n/a",) * (len(header) - 2) + ("NO REPORT",))
        missing.append(label)
        continue
    r = json.load(open(path))
    s = r["server"]
    nodes = r.get("nodes") or [s]
    errors = r["errors_total"] + r["connections"]["failed"] + r["connections"]["not_finished"]
    rc = r.get("reconnects")
    lost = "-" if rc is None else f"{rc['drops']} / {rc['back_in_game']}"
    outage = "-" if rc is None else " / ".join(fmt(rc["out_of_game_ms"].get(k), "{:.0f}") for k in ("p50", "p99", "max"))
    rows.append((str(len(nodes)), str(r["run"]["players"]), str(r["connections"]["reached_game"]),
                 fmt(r["updates"].get("delivered_pct"), "{:.2f}"), fmt(s.get("tick_p99_ms"), "{:.2f}"),
                 fmt(s.get("rooms_peak"), "{:.0f}"), fmt(s.get("cpu_pct")),
                 " ".join(fmt(n.get("cpu_pct"), "{:.0f}") for n in nodes),
                 " ".join(fmt(n.get("in_game_peak"), "{:.0f}") for n in nodes), str(errors), lost, outage))

widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
line = lambda cells: "  ".join(str(c).rjust(w) for c, w in zip(cells, widths))
print(line(header))
print(line(["-" * w for w in widths]))
for row in rows:
    print(line(row))
print("server CPU: all nodes together (100 % = one core); tick p99: the worst node; rooms: peak of the sum over nodes")
print(f"reports and logs: {out}")
sys.exit(1 if missing else 0)
PY
