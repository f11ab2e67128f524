#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what is needed to build and run the model
# (the [run] packages of scripts/packages.txt; GANGDU_DEV=1 for the development ones too), build,
# and run the default Anshan history (1916-1964) into out/anshan; makes `import gangdu` work.
# Arguments are passed to `gangdu run` (e.g. --scale 0.1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${GANGDU_DEV:-0}" = 1 ]; then
  bash "$root/scripts/install-deps.sh" --dev
else
  bash "$root/scripts/install-deps.sh"
fi
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
extra=()
# Without the development packages the test suite and the benchmarks are not built.
installed libgtest-dev || extra+=(-DGANGDU_BUILD_TESTS=OFF)
installed libbenchmark-dev || extra+=(-DGANGDU_BUILD_BENCH=OFF)
bash "$root/scripts/build.sh" "$root/build" "${extra[@]}"
# `import gangdu` (docs/python.md); a sanitizer-free build always has the module.
bash "$root/scripts/install-python.sh" "$root/build"
cd "$root"
./build/gangdu run --out out/anshan "$@"
