"""The README's one-liner under whichever python3 is first on PATH (ctest python.path_python).

Exits 77 (skipped) when that interpreter is another Python version than the one the module was
built for; otherwise it must import gangdu (borrowing the build interpreter's numpy if it has
none) and run the default history.
"""
import os
import sys

pkg = os.path.join(os.environ["GANGDU_PY_DIR"], "gangdu")
with open(os.path.join(pkg, "numpy_site.txt")) as f:
    built_version = f.read().split("\n")[0].strip()
if built_version != "%d.%d" % sys.version_info[:2]:
    print("skipped: %s is Python %d.%d, the module is for %s" % ((sys.executable,) + sys.version_info[:2] + (built_version,)))
    sys.exit(77)

import gangdu  # noqa: E402

r = gangdu.run(scale=0.02)
steel = r.series["angang.steel_t"]
assert len(steel) == len(r.years) and steel[-1] > 0, steel
print(sys.executable, "steel", r.years[-1], steel[-1])
