#!/usr/bin/env bash
# Builds the sample and starts a local cluster of hello-cluster nodes on this machine, then shows
# each node's members. Usage: ./run-local-cluster.sh [NODES] [--check]
#   NODES    how many nodes (default 3)
#   --check  exit once every node sees all the others (non-zero if that takes over 180 s)
# Logs go to run/node-N.log; Ctrl-C stops every node (each says goodbye to the others).
set -euo pipefail
cd "$(dirname "$0")"

nodes=3
check=false
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    ''|*[!0-9]*) echo "usage: $0 [NODES] [--check]" >&2; exit 2 ;;
    *) nodes=$arg ;;
  esac
done

./mvnw -B -q -ntp -DskipTests install -pl samples/hello-cluster -am
jar=samples/hello-cluster/target/hello-cluster-0.1.0-SNAPSHOT.jar
mkdir -p run

pids=()
stop_nodes() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_nodes EXIT INT TERM

for ((i = 0; i < nodes; i++)); do
  java -jar "$jar" \
    --server.port=$((8080 + i)) \
    --gen-cluster.transport.port=$((4370 + i)) \
    --gen-cluster.node-name="hello-$((i + 1))" \
    > "run/node-$((i + 1)).log" 2>&1 &
  pids+=("$!")
  echo "started node hello-$((i + 1)): http://127.0.0.1:$((8080 + i))/actuator/cluster (pid $!, log run/node-$((i + 1)).log)"
done

members_of() {
  curl -fsS "http://127.0.0.1:$1/actuator/cluster" 2>/dev/null \
    | python3 -c 'import json,sys; print(" ".join(m["node"] for m in json.load(sys.stdin)["members"]))' 2>/dev/null || true
}

deadline=$((SECONDS + 180))
while :; do
  meshed=0
  for ((i = 0; i < nodes; i++)); do
    count=$(members_of $((8080 + i)) | wc -w)
    [ "$count" -eq $((nodes - 1)) ] && meshed=$((meshed + 1))
  done
  [ "$meshed" -eq "$nodes" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "the cluster did not form within 180 s; see run/node-*.log" >&2
    exit 1
  fi
  sleep 0.5
done

echo
echo "Full mesh of $nodes nodes:"
for ((i = 0; i < nodes; i++)); do
  echo "  hello-$((i + 1)) sees: $(members_of $((8080 + i)))"
done
echo
grep -h "Hello, " run/node-*.log | sed 's/^/  /' || true

if [ "$check" = true ]; then
  exit 0
fi
echo
echo "Running. Try: kill one node's pid, or curl -X POST http://127.0.0.1:8080/actuator/cluster. Ctrl-C stops all."
wait
