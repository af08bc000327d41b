#!/usr/bin/env bash
# The one-core profile: how many real players one core holds. The server is pinned to CPU 0 and told
# it has one processor (-XX:ActiveProcessorCount=1), the load tester runs on CPU 1; rooms tick at
# 25 Hz and every bot steers 25 times a second (--input-hz 25), as agar.io clients do; guests. Before
# each measured run 300 bots play 20 s against the fresh server, so what is measured is a warm server.
# The server runs the parallel collector: on one core the JVM picks the serial one, which cost 15 % more
# CPU at 1,000 players (39 vs 33 µs per player-tick, three runs each) and longer update gaps.
# Prints run-bench.sh's two tables per player count; exits 1 when a target given here is missed.
#
#   bench/one-core.sh                                   # 200, 400, 700, 1000 players, 40 s each
#   bench/one-core.sh --players 1000 --min-room-tps 24.5 --max-skipped 0 --min-client-hz 24.5 \
#     --max-gap-p99 80 --max-cpu-us 25 --max-admit-ms 1000
#
# Any other run-bench.sh option passes through (see bench/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
exec ./run-bench.sh --players 200,400,700,1000 --server-cpus 0 --tester-cpus 1 \
  --server-opt -XX:ActiveProcessorCount=1 --server-opt -XX:+UseParallelGC --server-opt -Drumble.game.tick-hz=25 \
  --tester-arg=--input-hz=25 --server-warmup 300:20s --min-delivered off --max-tick-p99 off "$@"
