#!/usr/bin/env bash
# The benchmarks (see BENCHMARKS.md): one command from a clean clone (needs JDK 17+ and Maven).
#
#   ./benchmarks.sh            the full run (about 30 minutes on 2 cores); writes benchmarks/results/
#   ./benchmarks.sh --quick    a short run for development; writes benchmarks/target/quick-results/
#   ./benchmarks.sh --help     every option
#
# Builds the harness (never part of `mvn verify`'s test runs), then runs
# io.ampbraze.benchmarks.BenchmarkMain in a JVM of its own; the Braze emulator gets another.
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "The benchmarks need '$tool' on the PATH (JDK 17 or later, and Maven)." >&2
    exit 2
  fi
done

echo "Building the harness: mvn -B -q -pl benchmarks -am package -DskipTests"
mvn -B -q -pl benchmarks -am package -DskipTests

exec java -Xms3g -Xmx3g -XX:+UseG1GC -XX:+AlwaysPreTouch \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)" \
  io.ampbraze.benchmarks.BenchmarkMain "$@"
