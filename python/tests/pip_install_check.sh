#!/bin/sh
# `pip install ./python` into a fresh venv, offline, then the README's one-liner (issue 24).
# Usage: pip_install_check.sh PYTHON BUILD_DIR SOURCE_DIR
# The venv sees Debian's numpy/pandas/setuptools/wheel (--system-site-packages); pip runs with
# --no-build-isolation --no-index (no PyPI here). GANGDU_BUILD_DIR=BUILD_DIR: the extension is
# taken from the project's own build (cmake --build is a no-op when it is up to date).
set -eu
py="$1"; build="$2"; src="$3"
work="$build/pip-install-test"
rm -rf "$work"
mkdir -p "$work"
cp -r "$src/python" "$work/python"
rm -rf "$work/python/build" "$work/python"/*.egg-info
"$py" -m venv --system-site-packages "$work/v"
unset PYTHONPATH
GANGDU_BUILD_DIR="$build" GANGDU_SOURCE_DIR="$src" PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
  "$work/v/bin/pip" install --no-build-isolation --quiet "$work/python"
cd "$work"  # not the source tree: `import gangdu` must come from the venv
"$work/v/bin/python" - <<'PY'
import sys
import gangdu
assert gangdu.__file__.startswith(sys.prefix), (gangdu.__file__, sys.prefix)
assert "pandas" not in sys.modules, "pandas is imported only by to_frame()"
r = gangdu.run(scale=0.05)
f = r.to_frame()
assert list(f.columns) == ["variable", "year", "value"], list(f.columns)
steel = f[(f.variable == "angang.steel_t") & (f.year == 1955)]["value"]
assert len(steel) == 1 and float(steel.iloc[0]) == r.series.at("angang.steel_t", 1955)
assert len(f) == r.series_csv().count("\n") - 1  # one row per line of series.csv
e = gangdu.ensemble(runs=2, scale=0.01, threads=1, switches={"rule_ratchet": 0})
g = e.to_frame()
assert list(g.columns) == ["run", "seed", "variable", "year", "value"], list(g.columns)
assert sorted(g.run.unique()) == [0, 1] and list(g.seed.unique()) == e.seeds
print("pip install ./python: import gangdu from", gangdu.__file__, "- to_frame():", len(f), "rows;", len(g), "ensemble rows")
PY
