#!/usr/bin/env bash
# One command on a fresh Debian machine: install what is needed, build, and run
# the default Anshan history (1916-1964) into out/anshan; makes `import gangdu` work.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" "$root/build"
# `import gangdu` (docs/python.md); a sanitizer-free build always has the module.
bash "$root/scripts/install-python.sh" "$root/build"
cd "$root"
./build/gangdu run --out out/anshan "$@"
