#!/usr/bin/env bash
# Idle connections: for each count, starts a fresh local server, opens that many WebSocket
# connections that only stay connected (no login), holds them, and reports connections held and
# server heap per connection, measured after a full GC of the server (jcmd) before and during the
# hold. Exits 1 when a target is missed, 2 on a setup problem. Only ever targets 127.0.0.1.
#
#   bench/idle-bench.sh                                # 5000 and 19000 connections, 1 GB heap
#   bench/idle-bench.sh --connections 20000 --heap 1g  # needs ulimit -n above 20000 for both JVMs
#
# See bench/README.md for every option.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONNECTIONS="5000,19000"
RAMP="250/s"
HOLD=20
PORT=18081
HEAP="1g"
TESTER_HEAP="3g"
SERVER_CPUS=""
TESTER_CPUS=""
OUT=""
MAX_HEAP_MB="1024"
MIN_HELD_PCT="100"
RETRIES=3
SERVER_OPTS=()

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
Options (defaults in brackets):
  --connections LIST     comma-separated connection counts [$CONNECTIONS]
  --ramp RATE            connections opened per second [$RAMP]
  --hold SECONDS         how long all connections are held before the final reading [$HOLD]
  --port N               server port on 127.0.0.1 [$PORT]
  --heap SIZE            server -Xmx/-Xms [$HEAP]
  --tester-heap SIZE     load tester -Xmx [$TESTER_HEAP]
  --server-cpus LIST     pin the server with taskset -c LIST [not pinned]
  --tester-cpus LIST     pin the load tester [not pinned]
  --server-opt OPT       extra JVM option for the server, repeatable
  --connect-retries N    the load tester retries a failed connection up to N times [$RETRIES]
  --out DIR              keep JSON reports and logs here [a temp dir, printed]
Targets (a run that misses one makes the script exit 1; 'off' disables):
  --max-heap-mb MB       server heap used while holding, after a full GC [$MAX_HEAP_MB]
  --min-held-pct PCT     connections still open at the end of the hold [$MIN_HELD_PCT]
EOF
}

while (($#)); do
  case "$1" in
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --hold) HOLD="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --tester-heap) TESTER_HEAP="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --tester-cpus) TESTER_CPUS="$2"; shift 2 ;;
    --server-opt) SERVER_OPTS+=("$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --connect-retries) RETRIES="$2"; shift 2 ;;
    --max-heap-mb) MAX_HEAP_MB="$2"; shift 2 ;;
    --min-held-pct) MIN_HELD_PCT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

need java; need curl; need python3
command -v jcmd >/dev/null 2>&1 || log "jcmd not found: heap per connection will include uncollected garbage"
build_jar_if_missing
if [[ -z "$OUT" ]]; then OUT="$(mktemp -d "${TMPDIR:-/tmp}/rumble-idle.XXXXXX")"; fi
mkdir -p "$OUT"
trap stop_server EXIT INT TERM
fds="$(raise_fd_limit)"
log "results in $OUT (fd limit $fds per process: each JVM needs one per connection plus ~100)"

IFS=',' read -r -a COUNTS <<<"$CONNECTIONS"
for n in "${COUNTS[@]}"; do
  n="${n// /}"
  if ((n + 150 > fds)); then
    log "$n connections need about $((n + 150)) file descriptors per JVM but ulimit -n is $fds: skipping"
    continue
  fi
  # The load tester holds for HOLD seconds once every connection is through; this is only the bound.
  rate="${RAMP%%/*}"
  duration=$((3 * ((n + rate - 1) / rate) + HOLD + 60))
  log "=== $n idle connections (hold ${HOLD}s, at most ${duration}s) ==="
  start_server "$PORT" "$HEAP" "$SERVER_CPUS" "$OUT/server-$n.log" ${SERVER_OPTS[@]+"${SERVER_OPTS[@]}"}
  set +e
  (pin "$TESTER_CPUS" java -Xmx"$TESTER_HEAP" -jar "$JAR" loadtest --mode idle \
    --url "ws://127.0.0.1:$PORT/ws" --players "$n" --duration "${duration}s" --hold "${HOLD}s" --ramp "$RAMP" \
    --server-pid "$SERVER_PID" --metrics-every 2s --stop-grace 30s --connect-retries "$RETRIES" \
    --json "$OUT/idle-$n.json" \
    >"$OUT/idle-$n.txt" 2>"$OUT/idle-$n.progress")
  status=$?
  set -e
  stop_server
  if ((status != 0)); then
    log "load tester exited with $status for $n connections (see $OUT/idle-$n.progress)"
    tail -5 "$OUT/idle-$n.progress" >&2 || true
  fi
done

python3 - "$OUT" "$CONNECTIONS" "$MAX_HEAP_MB" "$MIN_HELD_PCT" <<'PY'
import json, os, sys
out, counts, max_heap, min_held = sys.argv[1:]
limit = lambda t: None if t in ("", "off", "none") else float(t)
max_heap, min_held = limit(max_heap), limit(min_held)
fmt = lambda v, p="{:.1f}": "n/a" if v is None else p.format(v)
header = ("connections", "held", "held %", "failed", "heap baseline MiB", "heap held MiB", "KiB/connection",
          "server CPU %", "result")
rows, missed = [], []
for n in [c.strip() for c in counts.split(",") if c.strip()]:
    path = os.path.join(out, f"idle-{n}.json")
    if not os.path.exists(path):
        rows.append((n,) + ("n/a",) * 7 + ("NO REPORT",))
        missed.append(f"{n}: no report")
        continue
    r = json.load(open(path))
    c, s = r["connections"], r["server"]
    held = c["open_at_deadline"]
    pct = 100.0 * held / int(n)
    heap = s.get("heap_held_bytes")
    problems = []
    if min_held is not None and pct < min_held:
        problems.append(f"held {held} of {n} ({pct:.1f} %) < {min_held:g} %")
    if max_heap is not None and (heap is None or heap / 2**20 > max_heap):
        problems.append(f"heap held {fmt(None if heap is None else heap / 2**20)} MiB > {max_heap:g} MiB")
    missed += [f"{n} connections: {p}" for p in problems]
    per = s.get("heap_per_connection_bytes")
    base = s.get("heap_baseline_bytes")
    rows.append((n, held, f"{pct:.1f}", c["failed"], fmt(None if base is None else base / 2**20),
                 fmt(None if heap is None else heap / 2**20), fmt(None if per is None else per / 1024, "{:.2f}"),
                 fmt(s.get("cpu_pct")), "ok" if not problems else "MISSED"))
widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
line = lambda cells: "  ".join(str(c).rjust(w) for c, w in zip(cells, widths))
print(line(header))
print(line(["-" * w for w in widths]))
for row in rows:
    print(line(row))
print(f"targets: held >= {min_held:g} %, heap held <= {max_heap:g} MiB" if None not in (min_held, max_heap) else "")
print(f"reports: {out}")
if missed:
    print("MISSED:")
    for m in missed:
        print("  " + m)
    sys.exit(1)
PY
