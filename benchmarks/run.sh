#!/usr/bin/env bash
# Runs the SessionKit benchmark suite and writes the results under benchmarks/results/.
#
#   benchmarks/run.sh            quick mode: short iterations, 1 fork, smaller scales (< 10 min on 2 cores)
#   benchmarks/run.sh full       full mode: longer iterations, 2 forks, scales up to 1M
#   benchmarks/run.sh quick Cookie   only the benchmarks whose name matches the given JMH regexes
#
# Redis and PostgreSQL are found like the tests find them: SESSIONKIT_REDIS_URI and
# SESSIONKIT_POSTGRES_URL, else an embedded server; when neither works, those benchmarks are
# skipped with a line that says so.
set -euo pipefail

mode="${1:-quick}"
shift || true
case "$mode" in
  quick|full) ;;
  *) echo "usage: $0 [quick|full] [benchmark regex...]" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
java="${JAVA:-java}"

if [[ ! -f "$jar" ]]; then
  echo "building $jar" >&2
  (cd "$root" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
fi

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$stamp-$mode"
log="$out.txt"

if [[ "$mode" == quick ]]; then
  timing=(-wi 1 -w 2s -i 3 -r 2s -f 1)
  sweep_timing=(-wi 0 -i 2 -f 1)
  scale=(-p sessions=1000,100000 -p expiredRows=10000,100000)
  http_rounds=(5 2 4)
else
  timing=(-wi 3 -w 5s -i 5 -r 5s -f 2)
  sweep_timing=(-wi 1 -i 3 -f 1)
  scale=(-p sessions=1000,10000,100000,1000000 -p expiredRows=10000,100000,1000000)
  http_rounds=(10 5 4)
fi

includes=("$@")
if [[ ${#includes[@]} -eq 0 ]]; then
  includes=(.)
fi

{
  echo "# SessionKit benchmarks, $mode mode, $stamp, $(hostname)"
  echo "nproc: $(nproc)"
  lscpu | head -n 15
  "$java" -version 2>&1
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$log"

# Servers that cannot be had turn into JMH excludes; Preflight prints why on stderr.
mapfile -t skips < <("$java" -cp "$jar" dev.sessionkit.benchmarks.Preflight 2> >(tee -a "$log" >&2))
excludes=()
for s in "${skips[@]}"; do
  [[ -n "$s" ]] && excludes+=(-e "$s")
done

# Runs JMH only when the filters select something, so a narrow run does not fail on an empty set.
jmh() {
  if "$java" -jar "$jar" -l "$@" | grep -q '^dev\.'; then
    "$java" -jar "$jar" "$@" 2>&1 | tee -a "$log"
  fi
}

# Sweep benchmarks are single shots with their own iteration counts.
jmh "${includes[@]}" -e JdbcSweepBenchmark "${excludes[@]}" \
  "${timing[@]}" "${scale[@]}" -rf json -rff "$out.json"
jmh "${includes[@]}" -e '^(?!.*JdbcSweepBenchmark).*$' "${excludes[@]}" \
  "${sweep_timing[@]}" "${scale[@]}" -rf json -rff "$out-sweep.json"

# HTTP end to end runs outside JMH, in alternating rounds (see HttpLoad).
for i in "${includes[@]}"; do
  if [[ "$i" == "." || "$i" == *Http* ]]; then
    "$java" -cp "$jar" dev.sessionkit.benchmarks.HttpLoad "${http_rounds[@]}" 2>&1 \
      | grep -v '^SLF4J' | tee -a "$log"
    break
  fi
done

# Heap per stored session is measured outside JMH: one JVM, 100 000 sessions, full GCs around.
for i in "${includes[@]}"; do
  if [[ "$i" == "." || "$i" == *Memory* ]]; then
    "$java" -XX:+UseSerialGC -Xmx1g -cp "$jar" dev.sessionkit.benchmarks.MemoryFootprint 100000 \
      2>&1 | sed 's/^/MEMORY /' | tee -a "$log"
    break
  fi
done

results=()
for f in "$out.json" "$out-sweep.json"; do
  [[ -s "$f" ]] && results+=("$f")
done

{
  echo "## Machine"
  echo
  sed -n '2,/^load average/p' "$log" | sed 's/^/    /'
  echo
  echo "## Ratios"
  echo
  if [[ ${#results[@]} -gt 0 ]]; then
    "$java" -cp "$jar" dev.sessionkit.benchmarks.Report "${results[@]}"
  fi
  echo
  echo "## HTTP overhead, round trips, statements, heap per session"
  echo
  grep -h '^HTTP\|^ROUNDTRIPS\|^STATEMENTS\|^SKIPPED\|^MEMORY' "$log" | awk '!seen[$0]++' | sed 's/^/    /' || true
} > "$out.md"
cat "$out.md"
echo "results: $out.md, $log, $out.json" >&2
