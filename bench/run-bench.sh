#!/usr/bin/env bash
# Runs the load tester against a fresh local server at several player counts and prints one table:
# players, rooms, tick p99, updates delivered %, bytes/s per client, input latency p99, server CPU
# and heap. Exits 1 when a target is missed, 2 on a setup problem. Only ever targets 127.0.0.1.
#
#   bench/run-bench.sh                                  # 100, 500, 1000, 2000 players, 40 s each
#   bench/run-bench.sh --players 400 --room-capacity 400 --max-bytes-per-client 2500
#   bench/run-bench.sh --players 1000 --duration 60s --max-latency-p99 55
#
# See bench/README.md for every option.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAYERS="100,500,1000,2000"
DURATION="40s"
WARMUP="10s"
RAMP="200/s"
PORT=18080
HEAP="1g"
TESTER_HEAP="2g"
SERVER_CPUS=""
TESTER_CPUS=""
ROOM_CAPACITY=""
CHAT_EVERY="20s"
ACCOUNTS="guest"
CLIENT="lite"
OUT=""
SERVER_WARMUP="off"
MAX_TICK_P99="25"
MIN_DELIVERED="99"
MAX_BYTES=""
MAX_LATENCY=""
MAX_ERRORS="0"
MIN_ROOM_TPS="" MAX_SKIPPED="" MIN_CLIENT_HZ="" MAX_GAP_P99="" MAX_CPU_US="" MAX_ADMIT_MS=""
SERVER_OPTS=()
# The load tester's own GC pauses would show up as late updates: a concurrent collector keeps them short.
TESTER_OPTS=(-XX:+UseZGC)
TESTER_OPTS_SET=0
TESTER_ARGS=()

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
Options (defaults in brackets):
  --players LIST            comma-separated player counts [$PLAYERS]
  --duration TIME           each run, ramp and warm-up included [$DURATION]
  --warmup TIME             left out of the statistics [$WARMUP]
  --ramp RATE               players spawned per second [$RAMP]
  --accounts guest|registered                        [$ACCOUNTS]
  --chat-every TIME         per bot; 0 for never [$CHAT_EVERY]
  --port N                  server port on 127.0.0.1 [$PORT]
  --heap SIZE               server -Xmx/-Xms [$HEAP]
  --tester-heap SIZE        load tester -Xmx [$TESTER_HEAP]
  --server-cpus LIST        pin the server with taskset -c LIST (e.g. 0) [not pinned]
  --tester-cpus LIST        pin the load tester (e.g. 1) [not pinned]
  --room-capacity N         players per room (server setting rumble.game.room.capacity) [server default]
  --server-opt OPT          extra JVM option for the server, repeatable (e.g. -Drumble.game.tick-hz=30)
  --tester-opt OPT          JVM option for the load tester, repeatable (replaces the default -XX:+UseZGC)
  --client lite|pekko-http  the load tester's WebSocket client [lite]
  --tester-arg ARG          extra argument for the loadtest command, repeatable (e.g. --tester-arg=--think=100ms)
  --server-warmup N:TIME    before each measured run, N bots play TIME against the fresh server
                            (e.g. 300:20s), so its code is compiled: a server runs for hours,
                            and a cold one admits players several times slower [$SERVER_WARMUP]
  --out DIR                 keep JSON reports and logs here [a temp dir, printed]
Targets (a run that misses one makes the script exit 1; 'off' disables):
  --max-tick-p99 MS         server tick p99 [$MAX_TICK_P99]
  --min-delivered PCT       updates delivered [$MIN_DELIVERED]
  --max-bytes-per-client B  p99 of per-client downstream bytes/s [off]
  --max-latency-p99 MS      input-to-visible p99 [off]
  --max-errors N            errors plus failed connections [$MAX_ERRORS]
  --min-room-tps N          ticks/s of the slowest room [off]
  --max-skipped N           room ticks skipped in the measured window [off]
  --min-client-hz N         updates/s of the slowest client [off]
  --max-gap-p99 MS          client-observed update gap p99 [off]
  --max-cpu-us N            server CPU µs per player-tick [off]
  --max-admit-ms MS         from the last connect until every bot was in game [off]
EOF
}

while (($#)); do
  case "$1" in
    --players) PLAYERS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --accounts) ACCOUNTS="$2"; shift 2 ;;
    --chat-every) CHAT_EVERY="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --tester-heap) TESTER_HEAP="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --tester-cpus) TESTER_CPUS="$2"; shift 2 ;;
    --room-capacity) ROOM_CAPACITY="$2"; shift 2 ;;
    --server-opt) SERVER_OPTS+=("$2"); shift 2 ;;
    --tester-opt) if ((TESTER_OPTS_SET == 0)); then TESTER_OPTS=(); TESTER_OPTS_SET=1; fi; TESTER_OPTS+=("$2"); shift 2 ;;
    --client) CLIENT="$2"; shift 2 ;;
    --tester-arg) TESTER_ARGS+=("$2"); shift 2 ;;
    --tester-arg=*) TESTER_ARGS+=("${1#--tester-arg=}"); shift ;;
    --out) OUT="$2"; shift 2 ;;
    --server-warmup) SERVER_WARMUP="$2"; shift 2 ;;
    --max-tick-p99) MAX_TICK_P99="$2"; shift 2 ;;
    --min-delivered) MIN_DELIVERED="$2"; shift 2 ;;
    --max-bytes-per-client) MAX_BYTES="$2"; shift 2 ;;
    --max-latency-p99) MAX_LATENCY="$2"; shift 2 ;;
    --max-errors) MAX_ERRORS="$2"; shift 2 ;;
    --min-room-tps) MIN_ROOM_TPS="$2"; shift 2 ;;
    --max-skipped) MAX_SKIPPED="$2"; shift 2 ;;
    --min-client-hz) MIN_CLIENT_HZ="$2"; shift 2 ;;
    --max-gap-p99) MAX_GAP_P99="$2"; shift 2 ;;
    --max-cpu-us) MAX_CPU_US="$2"; shift 2 ;;
    --max-admit-ms) MAX_ADMIT_MS="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

need java; need curl; need python3
build_jar_if_missing
if [[ -z "$OUT" ]]; then OUT="$(mktemp -d "${TMPDIR:-/tmp}/rumble-bench.XXXXXX")"; fi
mkdir -p "$OUT"
if [[ -n "$ROOM_CAPACITY" ]]; then SERVER_OPTS+=("-Drumble.game.room.capacity=$ROOM_CAPACITY"); fi
# Every bot registers from 127.0.0.1: lift the per-address registration limit (a few a minute).
if [[ "$ACCOUNTS" == registered ]]; then
  SERVER_OPTS+=("-Drumble.accounts.registration-limit.burst=1000000" "-Drumble.accounts.registration-limit.per-minute=1000000")
fi
trap stop_server EXIT INT TERM
fds="$(raise_fd_limit)"
log "results in $OUT (fd limit $fds)"

IFS=',' read -r -a COUNTS <<<"$PLAYERS"
for n in "${COUNTS[@]}"; do
  n="${n// /}"
  log "=== $n players ==="
  start_server "$PORT" "$HEAP" "$SERVER_CPUS" "$OUT/server-$n.log" ${SERVER_OPTS[@]+"${SERVER_OPTS[@]}"}
  set +e
  if [[ "$SERVER_WARMUP" != off ]]; then
    log "warming the server up: ${SERVER_WARMUP%%:*} bots for ${SERVER_WARMUP#*:}"
    (pin "$TESTER_CPUS" java -Xmx"$TESTER_HEAP" "${TESTER_OPTS[@]}" -jar "$JAR" loadtest --client "$CLIENT" \
      --url "ws://127.0.0.1:$PORT/ws" --players "${SERVER_WARMUP%%:*}" --duration "${SERVER_WARMUP#*:}" \
      --warmup 0s --ramp "$RAMP" --accounts guest --name-prefix warm ${TESTER_ARGS[@]+"${TESTER_ARGS[@]}"} \
      >"$OUT/warmup-$n.txt" 2>&1) || log "warm-up run failed (see $OUT/warmup-$n.txt); measuring anyway"
    sleep 2 # the warm-up bots' sessions end and their rooms empty
  fi
  (pin "$TESTER_CPUS" java -Xmx"$TESTER_HEAP" "${TESTER_OPTS[@]}" -jar "$JAR" loadtest --client "$CLIENT" \
    --url "ws://127.0.0.1:$PORT/ws" --players "$n" --duration "$DURATION" --warmup "$WARMUP" --ramp "$RAMP" \
    --accounts "$ACCOUNTS" --chat-every "$CHAT_EVERY" --json "$OUT/report-$n.json" ${TESTER_ARGS[@]+"${TESTER_ARGS[@]}"} \
    >"$OUT/loadtest-$n.txt" 2>"$OUT/loadtest-$n.progress")
  status=$?
  set -e
  stop_server
  if ((status != 0)) || [[ ! -f "$OUT/report-$n.json" ]]; then
    log "load tester exited with $status for $n players (see $OUT/loadtest-$n.progress)"
    tail -5 "$OUT/loadtest-$n.progress" >&2 || true
  fi
done

python3 - "$OUT" "$PLAYERS" "$MAX_TICK_P99" "$MIN_DELIVERED" "${MAX_BYTES:-off}" "${MAX_LATENCY:-off}" "$MAX_ERRORS" \
  "${MIN_ROOM_TPS:-off}" "${MAX_SKIPPED:-off}" "${MIN_CLIENT_HZ:-off}" "${MAX_GAP_P99:-off}" "${MAX_CPU_US:-off}" \
  "${MAX_ADMIT_MS:-off}" <<'PY'
import json, os, sys
(out, players, max_tick, min_delivered, max_bytes, max_latency, max_errors, min_room_tps, max_skipped, min_client_hz,
 max_gap, max_cpu_us, max_admit) = sys.argv[1:]

def limit(text):
    return None if text in ("", "off", "none") else float(text)

(max_tick, min_delivered, max_bytes, max_latency, max_errors, min_room_tps, max_skipped, min_client_hz, max_gap,
 max_cpu_us, max_admit) = map(limit, (max_tick, min_delivered, max_bytes, max_latency, max_errors, min_room_tps,
                                      max_skipped, min_client_hz, max_gap, max_cpu_us, max_admit))

def fmt(value, pattern="{:.1f}"):
    return "n/a" if value is None else pattern.format(value)

header = ("players", "rooms", "tick p99 ms", "delivered %", "B/s/client p50", "B/s/client p99",
          "input p99 ms", "server CPU %", "heap MiB", "errors", "result")
rows, rows2, missed = [], [], []
for n in [p.strip() for p in players.split(",") if p.strip()]:
    path = os.path.join(out, f"report-{n}.json")
    if not os.path.exists(path):
        rows.append((n, "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "NO REPORT"))
        missed.append(f"{n}: no report")
        continue
    r = json.load(open(path))
    s, u = r["server"], r["updates"]
    tick = s.get("tick_p99_ms")
    delivered = u.get("delivered_pct")
    down = r["traffic"]["down_bytes_per_s_per_client"]
    latency = r["input_to_visible_ms"].get("p99")
    heap = s.get("heap_used_peak_bytes")
    errors = r["errors_total"] + r["connections"]["failed"] + r["connections"]["not_finished"]
    problems = []
    if max_tick is not None and (tick is None or tick > max_tick):
        problems.append(f"tick p99 {fmt(tick)} > {max_tick:g} ms")
    if min_delivered is not None and (delivered is None or delivered < min_delivered):
        problems.append(f"delivered {fmt(delivered, '{:.2f}')} < {min_delivered:g} %")
    if max_bytes is not None and (down.get("p99") is None or down["p99"] > max_bytes):
        problems.append(f"p99 bytes/s per client {fmt(down.get('p99'), '{:.0f}')} > {max_bytes:g}")
    if max_latency is not None and (latency is None or latency > max_latency):
        problems.append(f"input p99 {fmt(latency)} > {max_latency:g} ms")
    if max_errors is not None and errors > max_errors:
        problems.append(f"{errors} errors/failed connections > {max_errors:g}")
    a = r.get("admission", {})
    admit_all = a.get("all_in_game_after_last_connect_ms")
    admit = a.get("connect_to_game_ms", {})
    room_tps, skipped = s.get("slowest_room_ticks_per_s"), s.get("ticks_skipped")
    client_hz = u.get("per_client_rate_hz", {}).get("min")
    gap = u.get("inter_arrival_ms", {})
    cpu_us = s.get("cpu_us_per_player_tick")
    def over(value, bound):
        return bound is not None and (value is None or value > bound)
    def under(value, bound):
        return bound is not None and (value is None or value < bound)
    if under(room_tps, min_room_tps):
        problems.append(f"slowest room {fmt(room_tps, '{:.2f}')} < {min_room_tps:g} ticks/s")
    if over(skipped, max_skipped):
        problems.append(f"{fmt(skipped, '{:.0f}')} ticks skipped > {max_skipped:g}")
    if under(client_hz, min_client_hz):
        problems.append(f"slowest client {fmt(client_hz, '{:.2f}')} < {min_client_hz:g} updates/s")
    if over(gap.get("p99"), max_gap):
        problems.append(f"update gap p99 {fmt(gap.get('p99'))} > {max_gap:g} ms")
    if over(cpu_us, max_cpu_us):
        problems.append(f"CPU {fmt(cpu_us)} > {max_cpu_us:g} µs per player-tick")
    if over(admit_all, max_admit):
        problems.append(f"all in game {fmt(admit_all, '{:.0f}')} ms after the last connect > {max_admit:g} ms")
    rows2.append((n, f"{r['connections']['reached_game']}/{n}", fmt(admit.get("p99"), "{:.0f}"),
                  fmt(admit_all, "{:.0f}"), fmt(room_tps, "{:.2f}"), fmt(skipped, "{:.0f}"),
                  fmt(client_hz, "{:.2f}"), fmt(gap.get("p50")), fmt(gap.get("p99")), fmt(cpu_us),
                  fmt(s.get("gc_pause_max_ms")), fmt(s.get("gc_pause_pct"), "{:.2f}")))
    missed += [f"{n} players: {p}" for p in problems]
    rows.append((n, fmt(s.get("rooms_peak"), "{:.0f}"), fmt(tick, "{:.2f}"), fmt(delivered, "{:.2f}"),
                 fmt(down.get("p50"), "{:.0f}"), fmt(down.get("p99"), "{:.0f}"), fmt(latency, "{:.1f}"),
                 fmt(s.get("cpu_pct")), fmt(None if heap is None else heap / 2**20, "{:.0f}"), str(errors),
                 "ok" if not problems else "MISSED"))

widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
line = lambda cells: "  ".join(str(c).rjust(w) for c, w in zip(cells, widths))
print(line(header))
print(line(["-" * w for w in widths]))
for row in rows:
    print(line(row))
header2 = ("players", "admitted", "join p99 ms", "all in ms", "room t/s min", "skipped", "client Hz min",
           "gap p50 ms", "gap p99 ms", "µs/player-tick", "GC max ms", "GC %")
if rows2:
    widths = [max(len(str(x)) for x in col) for col in zip(header2, *rows2)]
    print()
    print(line(header2))
    print(line(["-" * w for w in widths]))
    for row in rows2:
        print(line(row))
targets = [f"tick p99 <= {max_tick:g} ms" if max_tick is not None else None,
           f"delivered >= {min_delivered:g} %" if min_delivered is not None else None,
           f"p99 B/s per client <= {max_bytes:g}" if max_bytes is not None else None,
           f"input p99 <= {max_latency:g} ms" if max_latency is not None else None,
           f"errors <= {max_errors:g}" if max_errors is not None else None,
           f"slowest room >= {min_room_tps:g} ticks/s" if min_room_tps is not None else None,
           f"skipped <= {max_skipped:g}" if max_skipped is not None else None,
           f"slowest client >= {min_client_hz:g} Hz" if min_client_hz is not None else None,
           f"gap p99 <= {max_gap:g} ms" if max_gap is not None else None,
           f"CPU <= {max_cpu_us:g} µs/player-tick" if max_cpu_us is not None else None,
           f"all in game <= {max_admit:g} ms after the last connect" if max_admit is not None else None]
print("targets: " + ", ".join(t for t in targets if t))
print(f"reports: {out}")
if missed:
    print("MISSED:")
    for m in missed:
        print("  " + m)
    sys.exit(1)
PY
