#!/usr/bin/env bash
# Benchmarks gen-cluster against Erlang distribution and JGroups on this machine, in one run,
# and writes benchmarks/RESULTS.md. About 75 minutes on 2 idle cores (far longer on a busy machine).
#
#   benchmarks/run.sh                      # everything, 5 runs per figure
#   RUNS=7 benchmarks/run.sh               # more runs
#   benchmarks/run.sh --only failure       # some parts: formation,processes,failure,overhead,startup,messaging,join
#   benchmarks/run.sh --only messaging     # replaces only the messaging section of RESULTS.md; a few minutes
#   benchmarks/run.sh --only join          # replaces only the join section of RESULTS.md; a few minutes
#   benchmarks/run.sh --systems ours       # some systems: ours,erlang,jgroups (formation, failure, messaging, join)
#
# Needs: Java 17+, root (or erlang-base and iproute2 already installed). Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

install() {
    if [ "$(id -u)" != 0 ]; then
        echo "benchmarks/run.sh: $1 is missing: run 'apt-get install -y $2' as root" >&2
        exit 1
    fi
    apt-get update -qq && apt-get install -y -qq "$2"
}
command -v erl >/dev/null && command -v erlc >/dev/null || install erl erlang-base
command -v ss >/dev/null || install ss iproute2

echo "Building gen-cluster and the benchmark harness..."
./mvnw -B -q -Pbenchmarks -DskipTests package -pl benchmarks -am
mkdir -p benchmarks/target/erlang benchmarks/target/logs
erlc -o benchmarks/target/erlang benchmarks/src/main/erlang/*.erl
echo "$root/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" > benchmarks/target/run-classpath.txt

java -cp "$(cat benchmarks/target/run-classpath.txt)" io.gencluster.benchmarks.BenchmarkMain \
    --runs "${RUNS:-5}" \
    --out "$root/benchmarks/RESULTS.md" \
    --classpath-file "$root/benchmarks/target/run-classpath.txt" \
    --erlang-dir "$root/benchmarks/target/erlang" \
    --log-dir "$root/benchmarks/target/logs" \
    --revision "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$@"
