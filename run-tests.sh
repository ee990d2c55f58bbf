#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs the system tools the tests talk to (dnsmasq,
# Erlang's epmd and erl, iproute2, openssl, curl; as root, or through sudo), checks each is there
# before any test starts, then runs the unit/context/cluster tests (./mvnw verify), the system tests
# in network namespaces (root), and a three-node local cluster of the sample.
# Usage: ./run-tests.sh
set -euo pipefail
cd "$(dirname "$0")"

as_root=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  fi
fi

tools=(dnsmasq epmd erl ip openssl curl java)
missing() {
  local tool
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null || echo "$tool"
  done
}

if [ -n "$(missing)" ] && command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ ${#as_root[@]} -gt 0 ]; }; then
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq dnsmasq-base erlang-base iproute2 openssl curl >/dev/null
fi

absent=$(missing | tr '\n' ' ')
if [ -n "$absent" ]; then
  echo "run-tests.sh: missing ${absent}- install them (Debian/Ubuntu: apt-get install dnsmasq-base erlang-base iproute2 openssl curl openjdk-17-jdk-headless), or run this as root or with passwordless sudo" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ] && [ ${#as_root[@]} -eq 0 ]; then
  echo "run-tests.sh: the system tests create network namespaces and need root: run this as root or with passwordless sudo" >&2
  exit 1
fi

./mvnw -B -ntp verify

# Several JVMs of the sample, each in a network namespace, found through dnsmasq, under kill -9,
# SIGSTOP, partitions, DNS outages and hostile input.
"${as_root[@]}" ./mvnw -B -ntp -Psystem-tests -pl system-tests verify

# The README's main command, as a smoke test: three sample nodes find each other through the port mapper.
./run-local-cluster.sh 3 --check
