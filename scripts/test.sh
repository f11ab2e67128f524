#!/usr/bin/env bash
# Runs the whole test suite (builds first). Set SANITIZE=1 for an ASan+UBSan build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/install-deps.sh" --dev
if [ "${SANITIZE:-0}" = 1 ]; then
  build="$root/build-asan"
  BUILD_TYPE=RelWithDebInfo bash "$root/scripts/build.sh" "$build" -DGANGDU_SANITIZE=ON -DGANGDU_BUILD_BENCH=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build="$root/build"
  bash "$root/scripts/build.sh" "$build"
fi
cd "$build"
ctest --output-on-failure -j "$(nproc)"
