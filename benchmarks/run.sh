#!/usr/bin/env bash
# Runs the SessionKit benchmark suite and writes the results under benchmarks/results/.
#
#   benchmarks/run.sh                 quick mode: 3 rounds, short iterations, smaller scales (< 10 min on 2 cores)
#   benchmarks/run.sh full            full mode: 5 rounds, longer iterations, scales up to 1M
#   benchmarks/run.sh quick Cookie    only the benchmarks whose name matches the given JMH regexes
#
# Each SessionKit benchmark and its raw baseline (and, for the memory benchmarks, its peer: the
# same work on Spring Session) run in alternating rounds (store, raw, peer, peer, raw, store, ...),
# each in a fresh JMH fork, and each ratio is the median of the per-round ratios: load from other
# processes that drifts during a run then slows every side alike.
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
parts="$out.parts"
mkdir -p "$parts"

if [[ "$mode" == quick ]]; then
  rounds=3
  timing=(-wi 2 -w 1s -i 2 -r 1s -f 1)
  sweep_timing=(-wi 0 -i 2 -f 1)
  scale=(-p sessions=1000,100000 -p expiredRows=10000,100000)
  http_rounds=(10 1 4)
else
  rounds=5
  timing=(-wi 3 -w 3s -i 5 -r 3s -f 1)
  sweep_timing=(-wi 1 -i 3 -f 1)
  scale=(-p sessions=1000,10000,100000,1000000 -p expiredRows=10000,100000,1000000)
  http_rounds=(20 3 4)
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
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$log"

# Servers that cannot be had turn into JMH excludes; Preflight prints why on stderr.
mapfile -t skips < <("$java" -cp "$jar" dev.sessionkit.benchmarks.Preflight 2> >(tee -a "$log" >&2))
excludes=()
for s in "${skips[@]}"; do
  [[ -n "$s" ]] && excludes+=(-e "$s")
done

# The SessionKit side of every selected pair (the sweep is single-shot and runs apart).
mapfile -t listed < <("$java" -jar "$jar" -l "${includes[@]}" -e JdbcSweepBenchmark \
  "${excludes[@]}" | grep '^dev\.' || true)
mapfile -t benchmarks < <(printf '%s\n' "${listed[@]}" | grep -v '\.\(raw\|peer\)[A-Z][A-Za-z]*$' || true)

run_one() { # <benchmark> <result file>
  "$java" -jar "$jar" "^${1//./\\.}\$" "${timing[@]}" "${scale[@]}" -rf json -rff "$2" \
    2>&1 | tee -a "$log"
}

for ((r = 1; r <= rounds; r++)); do
  for b in "${benchmarks[@]}"; do
    method="${b##*.}"
    raw="${b%.*}.raw${method^}"
    order=("$b" "$raw")
    peer="${b%.*}.peer${method^}"
    if printf '%s\n' "${listed[@]}" | grep -qxF "$peer"; then order+=("$peer"); fi
    if ((r % 2 == 0)); then
      for ((i = 0, j = ${#order[@]} - 1; i < j; i++, j--)); do
        t="${order[i]}"; order[i]="${order[j]}"; order[j]="$t"
      done
    fi
    for one in "${order[@]}"; do
      run_one "$one" "$parts/${one##*benchmarks.}.r$r.json"
    done
  done
done

# Sweep benchmarks are single shots with their own iteration counts.
if "$java" -jar "$jar" -l "${includes[@]}" "${excludes[@]}" | grep -q 'JdbcSweepBenchmark'; then
  "$java" -jar "$jar" JdbcSweepBenchmark "${excludes[@]}" "${sweep_timing[@]}" "${scale[@]}" \
    -rf json -rff "$parts/JdbcSweepBenchmark.r1.json" 2>&1 | tee -a "$log"
fi

# HTTP end to end runs outside JMH, in alternating rounds of its own (see HttpLoad).
for i in "${includes[@]}"; do
  if [[ "$i" == "." || "$i" == *Http* ]]; then
    "$java" -cp "$jar" dev.sessionkit.benchmarks.HttpLoad "${http_rounds[@]}" 2>&1 \
      | grep -v '^SLF4J' | tee -a "$log"
    break
  fi
done

# The near cache's invalidation window between two nodes is a latency per event, outside JMH.
for i in "${includes[@]}"; do
  if [[ "$i" == "." || "$i" == *NearCache* ]]; then
    if ! printf '%s\n' "${skips[@]}" | grep -q Redis; then
      "$java" -cp "$jar" dev.sessionkit.benchmarks.NearCacheWindow 1000 2>&1 \
        | grep '^WINDOW' | tee -a "$log"
    fi
    break
  fi
done

# Each selected pair also runs interleaved in one JVM (20 ms blocks, sides alternating), which a
# busy machine disturbs far less than forks seconds apart; see Interleaved.
pairs=()
redis_up=true
printf '%s\n' "${skips[@]}" | grep -q Redis && redis_up=false
for i in "${includes[@]}"; do
  [[ "$i" == "." || "$i" == *Cookie* ]] && pairs+=(cookie-verify)
  [[ "$i" == "." || "$i" == *ReadOnly* ]] && pairs+=(read-only read-only-peer)
  [[ "$i" == "." || "$i" == *WriteRequest* ]] && pairs+=(write write-peer)
  [[ "$i" == "." || "$i" == *MemoryStore* ]] && pairs+=(memory memory-peer)
  if $redis_up && [[ "$i" == "." || "$i" == *RedisStore* ]]; then
    pairs+=(redis-load redis-apply redis-touch)
  fi
  if $redis_up && [[ "$i" == "." || "$i" == *NearCache* ]]; then
    pairs+=(near-cache near-cache-write)
  fi
done
if ((${#pairs[@]} > 0)); then
  mapfile -t pairs < <(printf '%s\n' "${pairs[@]}" | awk '!seen[$0]++')
  "$java" -cp "$jar" dev.sessionkit.benchmarks.Interleaved "${pairs[@]}" 2>&1 \
    | grep '^INTERLEAVED' | tee -a "$log"
fi

# Where the read-only request's time goes: the request, its baseline and each step alone, in
# blocks that take turns (see ReadOnlyStages).
for i in "${includes[@]}"; do
  if [[ "$i" == "." || "$i" == *ReadOnly* ]]; then
    "$java" -cp "$jar" dev.sessionkit.benchmarks.ReadOnlyStages 2>&1 | grep '^STAGE' | tee -a "$log"
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

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"

# One JSON file for the whole run, then the Markdown summary.
shopt -s nullglob
part_files=("$parts"/*.json)
"$java" -cp "$jar" dev.sessionkit.benchmarks.Report --merge "$out.json" "${part_files[@]}" > "$out.table"
{
  echo "## Machine"
  echo
  sed -n '2,/^load average at start/p' "$log" | sed 's/^/    /'
  grep '^load average at end' "$log" | sed 's/^/    /'
  echo
  echo "## Ratios to raw and to the peer (median of $rounds alternating rounds; min–max beside it)"
  echo
  cat "$out.table"
  echo
  echo "## HTTP overhead, round trips, statements, heap per session, interleaved pairs, stages"
  echo
  grep -h '^HTTP\|^ROUNDTRIPS\|^STATEMENTS\|^SKIPPED\|^MEMORY\|^WINDOW\|^INTERLEAVED\|^STAGE' "$log" | awk '!seen[$0]++' \
    | sed 's/^/    /' || true
} > "$out.md"
rm -rf "$parts" "$out.table"
cat "$out.md"
echo "results: $out.md, $log, $out.json" >&2
