#!/usr/bin/env bash
# One command on a fresh Debian machine: install what is needed, build, and run
# the default Anshan history (1916-1964) into out/anshan.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" "$root/build"
cd "$root"
./build/gangdu run --out out/anshan "$@"
