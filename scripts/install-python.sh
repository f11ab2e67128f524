#!/usr/bin/env bash
# Makes `import gangdu` work after a build (run by scripts/setup.sh).
# Usage: scripts/install-python.sh [BUILD_DIR]
#
# The package is BUILD_DIR/python/gangdu (built for the interpreter in
# BUILD_DIR/python/interpreter.txt, Debian's /usr/bin/python3 by default). For
# that interpreter, and for the python3 first on PATH if it has the same ABI,
# this writes one line, the package's directory, into gangdu.pth in the user's
# site-packages (python3 -m site --user-site): no root, nothing copied, nothing
# downloaded; remove that file to undo. GANGDU_PTH=0 skips it (then use
# PYTHONPATH=BUILD_DIR/python). An interpreter that cannot import numpy is named
# with the one to use instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
pkg="$build/python"
so="$(ls "$pkg"/gangdu/_gangdu*.so 2>/dev/null | head -n1 || true)"
if [ -z "$so" ] || [ ! -f "$pkg/interpreter.txt" ]; then
  echo "install-python: no Python module in $pkg (python3-dev, python3-numpy, pybind11-dev missing, or a sanitizer build)" >&2
  exit 1
fi
built_for="$(head -n1 "$pkg/interpreter.txt")"
suffix="${so#"$pkg"/gangdu/_gangdu}"
candidates=("$built_for")
if on_path="$(command -v python3 2>/dev/null)"; then
  [ "$(readlink -f "$on_path")" != "$(readlink -f "$built_for")" ] && candidates+=("$on_path")
fi
ok=""
for py in "${candidates[@]}"; do
  # Resolve pyenv-style shims to the interpreter they run.
  real="$("$py" -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
  [ -n "$real" ] || continue
  ext="$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
  if [ "$ext" != "$suffix" ]; then
    echo "install-python: $real has ABI $ext, the module was built for $built_for ($suffix): not linked"
    continue
  fi
  if [ "${GANGDU_PTH:-1}" != 0 ]; then
    if [ "$("$py" -c 'import site; print(site.ENABLE_USER_SITE)')" = True ]; then
      site="$("$py" -m site --user-site)"
      mkdir -p "$site"
      printf '%s\n' "$pkg" >"$site/gangdu.pth"
      echo "install-python: $site/gangdu.pth -> $pkg (for $real)"
    else
      echo "install-python: $real has no user site (a venv?): use PYTHONPATH=$pkg"
    fi
  fi
  if "$py" -c 'import gangdu' 2>/dev/null; then
    echo "install-python: 'import gangdu' works with $real"
    ok=1
  elif ! "$py" -c 'import numpy' 2>/dev/null; then
    echo "install-python: $real cannot import numpy (Debian's python3-numpy is for /usr/bin/python3): use $built_for"
  else
    echo "install-python: $real cannot import gangdu; try PYTHONPATH=$pkg"
  fi
done
if [ -z "$ok" ]; then
  echo "install-python: no interpreter imports gangdu; run with PYTHONPATH=$pkg $built_for" >&2
  exit 1
fi
