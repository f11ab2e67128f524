#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang-14, ASan+UBSan) in build-fuzz/ and runs
# each for a fixed time, one at a time, at the lowest CPU priority.
#   scripts/fuzz.sh [SECONDS_PER_HARNESS=60] [HARNESS...]
# Harnesses: scenario overrides csv history month checkpoint plan design dashboard (default: all).
# Corpora grow in build-fuzz/corpus/<harness>/ across runs (seeded from
# fuzz/seeds/ and the repo's own scenario and data files); findings land in
# build-fuzz/artifacts/<harness>/ and make the script exit 1. Each run appends
# "date harness wall_seconds executions status cpu_seconds" to build-fuzz/fuzz-log.tsv.
# Environment: FUZZ_JOBS=N (build parallelism, default 2), FUZZ_NICE (default 19),
# FUZZ_TIMEOUT (seconds of wall time per input before it counts as a hang, default 60:
# generous because at nice 19 on a busy machine a 40 ms input can wait seconds for a CPU).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-60}"
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(scenario overrides csv history month checkpoint plan design dashboard)
build="$root/build-fuzz"
cxx="$(command -v clang++-14 || command -v clang++ || true)"
if [ -z "$cxx" ]; then
  echo "fuzz.sh: clang++ not found (install clang-14 and libclang-rt-14-dev, see scripts/packages.txt)" >&2
  exit 2
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DGANGDU_FUZZ=ON -DGANGDU_BUILD_TESTS=OFF -DGANGDU_BUILD_BENCH=OFF >/dev/null
nice -n "${FUZZ_NICE:-19}" cmake --build "$build" --target fuzzers -j "${FUZZ_JOBS:-2}"

seed_dirs() {  # the repo's own files as starting inputs
  case "$1" in
    scenario) echo "$root/fuzz/seeds/scenario $root/scenarios" ;;
    overrides) echo "$root/fuzz/seeds/overrides" ;;
    csv) echo "$root/fuzz/seeds/csv $root/fuzz/seeds/history $root/data/history" ;;
    history) echo "$root/fuzz/seeds/history $root/data/history" ;;
    month) echo "$root/fuzz/seeds/month" ;;
    checkpoint) echo "$build/seeds-generated/checkpoint" ;;  # written by the harness (fuzz/seeds/checkpoint/README)
    plan) echo "$root/fuzz/seeds/plan" ;;
    design) echo "$root/fuzz/seeds/design" ;;
    dashboard) echo "$root/fuzz/seeds/dashboard" ;;
    *) echo "fuzz.sh: unknown harness '$1'" >&2; exit 2 ;;
  esac
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for h in "${harnesses[@]}"; do
  seeds="$(seed_dirs "$h")"
  corpus="$build/corpus/$h"
  art="$build/artifacts/$h"
  mkdir -p "$corpus" "$art" "$build/logs"
  dict=()
  case "$h" in scenario|overrides) dict=(-dict="$root/fuzz/scenario.dict") ;; esac
  max_len=65536
  if [ "$h" = checkpoint ]; then
    max_len=524288  # a checkpoint of the seeds' run is ~180 kB
    export GANGDU_FUZZ_CHECKPOINT_SEEDS="$build/seeds-generated/checkpoint"
    mkdir -p "$GANGDU_FUZZ_CHECKPOINT_SEEDS"
  else
    unset GANGDU_FUZZ_CHECKPOINT_SEEDS
  fi
  log="$build/logs/$h-$(date -u +%Y%m%dT%H%M%S).log"
  echo "fuzz.sh: fuzz_$h for ${secs}s (log $log)"
  set +e
  TIMEFORMAT='%U %S'
  t0=$SECONDS
  # shellcheck disable=SC2086
  { time nice -n "${FUZZ_NICE:-19}" "$build/fuzz/fuzz_$h" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" "$corpus" $seeds >"$log" 2>&1 ; } 2>"$log.cpu"
  rc=$?
  set -e
  wall=$((SECONDS - t0))
  cpu="$(awk '{printf "%.0f", $1 + $2}' "$log.cpu" 2>/dev/null || echo 0)"
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)"
  result=ok
  if [ $rc -ne 0 ]; then
    result="finding(rc=$rc)"
    status=1
    grep -E 'ERROR|SUMMARY|property violated|Test unit written' "$log" | head -20 >&2 || true
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$h" "$wall" "${execs:-0}" "$result" "${cpu:-0}" \
    >>"$build/fuzz-log.tsv"
  echo "fuzz.sh: fuzz_$h: ${execs:-0} executions in ${wall} s (${cpu:-0} CPU s), $result"
done
awk -F'\t' '{s+=$3; e+=$4; c+=$6} END {printf "fuzz.sh: all runs so far: %.2f h wall, %.2f h CPU, %d executions (build-fuzz/fuzz-log.tsv)\n", s/3600, c/3600, e}' \
  "$build/fuzz-log.tsv"
exit $status
