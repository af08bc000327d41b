#!/usr/bin/env bash
# The room's tick without actors: world step + delta encoding for every viewer, and delta bytes per
# player per second. Usage: bench/delta-bench.sh [seconds-per-scenario]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  rumble.actors.room.DeltaBench "${1:-20}"
