"""Builds the gangdu package with the project's CMake build (see pyproject.toml).

The extension gangdu._gangdu links the whole C++ engine, so it is built by CMake, not by
setuptools: `cmake --build <dir> --target gangdu_python`, then BUILD/python/gangdu/* is copied
into the wheel. The build directory is GANGDU_BUILD_DIR if set (an existing build of the
project for this interpreter: nothing is recompiled if it is up to date), else one of its own
under python/build/ configured for the interpreter running pip (Release, no tests, no web
assets, no MPI).
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("GANGDU_SOURCE_DIR") or HERE.parent).resolve()


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(gangdu VERSION ([0-9.]+)", text)
    if not m:
        raise RuntimeError("gangdu: no project version in %s/CMakeLists.txt" % ROOT)
    return m.group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        ext_suffix = sysconfig.get_config_var("EXT_SUFFIX")
        build = os.environ.get("GANGDU_BUILD_DIR")
        if build:
            build = Path(build).resolve()
            if not (build / "CMakeCache.txt").exists():
                raise RuntimeError("GANGDU_BUILD_DIR=%s is not a configured build of gangdu" % build)
        else:
            build = (HERE / "build" / ("cmake-" + ext_suffix.strip(".").replace(".", "-"))).resolve()
            if not (build / "CMakeCache.txt").exists():
                build.mkdir(parents=True, exist_ok=True)
                generator = ["-G", "Ninja"] if shutil.which("ninja") else []
                subprocess.check_call(
                    ["cmake", "-S", str(ROOT), "-B", str(build), *generator, "-DCMAKE_BUILD_TYPE=Release",
                     "-DPython3_EXECUTABLE=" + sys.executable, "-DGANGDU_BUILD_TESTS=OFF",
                     "-DGANGDU_BUILD_BENCH=OFF", "-DGANGDU_WEB=OFF", "-DGANGDU_MPI=OFF"]
                )
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.check_call(["cmake", "--build", str(build), "--target", "gangdu_python", "-j", jobs])
        src = build / "python" / "gangdu"
        built = sorted(src.glob("_gangdu*" + ext_suffix))
        if not built:
            found = ", ".join(p.name for p in src.glob("_gangdu*")) or "nothing"
            raise RuntimeError(
                "gangdu: %s holds %s, not a module for this interpreter (%s, %s): build for it with "
                "-DPython3_EXECUTABLE=%s or unset GANGDU_BUILD_DIR" % (src, found, sys.executable, ext_suffix, sys.executable)
            )
        dest = Path(self.get_ext_fullpath(ext.name)).parent
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], Path(self.get_ext_fullpath(ext.name)))
        if (src / "numpy_site.txt").exists():
            shutil.copy2(src / "numpy_site.txt", dest / "numpy_site.txt")


setup(
    version=project_version(),
    ext_modules=[Extension("gangdu._gangdu", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    package_data={"gangdu": ["numpy_site.txt"]},
    zip_safe=False,
)
