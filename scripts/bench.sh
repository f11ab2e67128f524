#!/usr/bin/env bash
# Speed figures of the engine on this machine (issues 7 and 23). Usage: scripts/bench.sh [BUILD_DIR]
# Prints person-months per second, wall time of the 1:1 and 1:10 default histories, peak RSS,
# the ratio of memcpy bandwidth to the population bytes streamed, ensemble runs per minute at
# 1 and 2 threads and (if built with MPI and mpirun exists) at 1 and 2 processes, with each
# figure's ratio to its target from issue 7, then the issue-23 ratios: 1:1 and 1:10 histories
# at 1 and 2 threads (one run on both cores), the 1:1 history against its memory-copy floor.
# Figures and the cost model: docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
if [ ! -x "$build/bench/gangdu_bench" ] || [ ! -x "$build/gangdu" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j 2 --target gangdu gangdu_bench
fi
out="$("$build/bench/gangdu_bench" --whole-run)"
echo "$out"
get() { echo "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "--- against the issue-7 targets (ratio <= 1 meets the target)"
echo "1:1 history wall / 3 s target:        $(ratio "$(get history_1to1_wall_s)" 3)"
echo "1:10 history wall / 0.3 s target:     $(ratio "$(get history_1to10_wall_s)" 0.3)"
echo "1:1 history CPU / 3 s target:         $(ratio "$(get history_1to1_cpu_s)" 3)   (wall on an idle core; see load_average_1min)"
echo "1:10 history CPU / 0.3 s target:      $(ratio "$(get history_1to10_cpu_s)" 0.3)"
echo "peak RSS / 2048 MB target:            $(ratio "$(get peak_rss_mb)" 2048)"
echo "bandwidth bound ratio / 3x target:    $(ratio "$(get bandwidth_bound_ratio)" 3)"
echo "ensemble speed-up 2 threads / 1:      $(ratio "$(get ensemble_1to10_runs_per_min_2_threads)" "$(get ensemble_1to10_runs_per_min_1_thread)")"
echo "--- issue 23 (one run on both cores; docs/performance.md)"
echo "1:1 history wall / 1.0 s goal:        $(ratio "$(get history_1to1_wall_s)" 1)"
echo "1:10 history wall / 0.12 s goal:      $(ratio "$(get history_1to10_wall_s)" 0.12)"
echo "1:1 speed-up 2 threads / 1:           $(ratio "$(get history_1to1_wall_s)" "$(get history_1to1_wall_s_2_threads)")"
echo "1:10 speed-up 2 threads / 1:          $(ratio "$(get history_1to10_wall_s)" "$(get history_1to10_wall_s_2_threads)")"
echo "1:1 ratio to floor (1 thread) / 4x:   $(ratio "$(get history_1to1_ratio_to_floor_1_thread)" 4)"
echo "1:1 ratio to floor (2 threads) / 4x:  $(ratio "$(get history_1to1_ratio_to_floor_2_threads)" 4)"
echo "bytes per person-month (counted):     $(get bytes_per_person_month)"
if command -v mpirun >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", e - s }'; }
  n=8
  t1=$(t "$build/gangdu" ensemble --runs $n --scale 0.1 --threads 1 --out "$tmp/p1")
  t2=$(t mpirun --allow-run-as-root --oversubscribe -n 2 "$build/gangdu" ensemble --runs $n --scale 0.1 --threads 1 --out "$tmp/p2")
  echo "ensemble_1to10_runs_per_min_1_process $(awk -v t="$t1" -v n=$n 'BEGIN { printf "%.1f", 60 * n / t }')"
  echo "ensemble_1to10_runs_per_min_2_processes $(awk -v t="$t2" -v n=$n 'BEGIN { printf "%.1f", 60 * n / t }')"
  if cmp -s "$tmp/p1/summary.csv" "$tmp/p2/summary.csv"; then echo "mpirun -n 2 summary identical to 1 process: yes"; else echo "mpirun -n 2 summary identical: NO"; fi
  rm -rf "$tmp"
fi
