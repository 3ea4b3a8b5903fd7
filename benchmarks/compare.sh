#!/usr/bin/env bash
# Compares two builds of the benchmarks jar (for example the previous release's and this tree's)
# in one run, so that both meet the same machine and the same load:
#
#   benchmarks/compare.sh BEFORE.jar AFTER.jar [rounds] [pair ...]
#
# Each round runs the interleaved pairs (SessionKit beside its raw baseline in one JVM, see
# Interleaved) with one jar, then the other, the order alternating between rounds; then the JDBC
# store's load and apply (JMH, against PostgreSQL) the same way. A pair's ratio to its raw
# baseline (or to its peer, Spring Session) is what to compare: the other side absorbs the
# machine's drift. Two more names may be given among the pairs: http runs HttpLoad (10 rounds of
# 1 s, 4 threads) and heap runs MemoryFootprint (100 000 sessions) with each jar. Redis and
# PostgreSQL are found as the tests find them (SESSIONKIT_REDIS_URI, SESSIONKIT_POSTGRES_URL, else
# embedded).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BEFORE.jar AFTER.jar [rounds] [pair ...]" >&2
  exit 2
fi
before="$1"
after="$2"
rounds="${3:-2}"
shift $(($# < 3 ? $# : 3))
pairs=("$@")
if [[ ${#pairs[@]} -eq 0 ]]; then
  pairs=(cookie-verify read-only read-only-peer write write-peer memory memory-peer redis-load
    redis-apply redis-touch near-cache near-cache-write http heap)
fi
interleaved=()
http=false
heap=false
for p in "${pairs[@]}"; do
  case "$p" in
    http) http=true ;;
    heap) heap=true ;;
    *) interleaved+=("$p") ;;
  esac
done
java="${JAVA:-java}"
jmh_timing=(-wi 2 -w 1s -i 3 -r 1s -f 1)

run() { # <label> <jar>
  if ((${#interleaved[@]} > 0)); then
    "$java" -cp "$2" dev.sessionkit.benchmarks.Interleaved "${interleaved[@]}" 2>&1 \
      | grep '^INTERLEAVED' | sed "s/^/$1 /"
  fi
  if $http; then
    "$java" -cp "$2" dev.sessionkit.benchmarks.HttpLoad 10 1 4 2>&1 | grep '^HTTP' | sed "s/^/$1 /"
  fi
  if $heap; then
    "$java" -XX:+UseSerialGC -Xmx1g -cp "$2" dev.sessionkit.benchmarks.MemoryFootprint 100000 \
      2>&1 | sed "s/^/$1 MEMORY /"
  fi
  for b in load rawLoad apply rawApply; do
    "$java" -jar "$2" "JdbcStoreBenchmark\\.$b\$" "${jmh_timing[@]}" 2>&1 \
      | grep -E '^JdbcStoreBenchmark\.' | sed "s/^/$1 JMH /"
  done
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2 == 1)); then
    run before "$before"
    run after "$after"
  else
    run after "$after"
    run before "$before"
  fi
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
