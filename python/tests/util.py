"""Shared helpers of the Python tests (run by ctest with PYTHONPATH=BUILD/python)."""

import os
import subprocess
import tempfile

SOURCE_DIR = os.environ.get("GANGDU_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("GANGDU_BINARY", "")
SCALE = 0.02  # judgement: small population keeps each run near a second; the engine is the same at any scale


def cli(*args):
    """Runs the gangdu CLI binary; returns the completed process."""
    if not BINARY:
        raise RuntimeError("GANGDU_BINARY is not set (run the tests through ctest)")
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=600)


def tempdir(test):
    d = tempfile.TemporaryDirectory(prefix="gangdu-py-")
    test.addCleanup(d.cleanup)
    return d.name


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()
