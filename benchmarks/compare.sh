#!/usr/bin/env bash
# Compares two builds of the benchmarks jar (for example the previous release's and this tree's)
# in one run, so that both meet the same machine and the same load:
#
#   benchmarks/compare.sh BEFORE.jar AFTER.jar [rounds] [pair ...]
#
# Each round runs the interleaved pairs (SessionKit beside its raw baseline in one JVM, see
# Interleaved) with one jar, then the other, the order alternating between rounds; then the JDBC
# store's load and apply (JMH, against PostgreSQL) the same way. A pair's ratio to its raw
# baseline is what to compare: the baseline absorbs the machine's drift. Redis and PostgreSQL
# are found as the tests find them (SESSIONKIT_REDIS_URI, SESSIONKIT_POSTGRES_URL, else embedded).
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
  pairs=(cookie-verify read-only memory redis-load redis-apply redis-touch near-cache)
fi
java="${JAVA:-java}"
jmh_timing=(-wi 2 -w 1s -i 3 -r 1s -f 1)

run() { # <label> <jar>
  "$java" -cp "$2" dev.sessionkit.benchmarks.Interleaved "${pairs[@]}" 2>&1 \
    | grep '^INTERLEAVED' | sed "s/^/$1 /"
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
