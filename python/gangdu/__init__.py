"""Gangdu from Python: run the Anshan model, get its series as numpy arrays.

    import gangdu
    r = gangdu.run(scale=0.1)
    r.series["angang.steel_t"]          # numpy array, one value per year of r.years
    r.fit.overall_mape                  # against data/history/record.csv (<= 1957)

Everything here calls the C++ engine (gangdu._gangdu); nothing is recomputed in
Python, so a run equals the CLI's `gangdu run` for the same scenario, seed,
scale, overrides and switches. See docs/python.md.
"""

import numbers
import os
import sys


def _numpy_from_build_interpreter():
    """Appends the numpy directory of the interpreter the module was built for (written at
    build time to numpy_site.txt) when this interpreter is the same Python version; returns
    whether it did. Used only when this interpreter has no numpy of its own (e.g. a pyenv
    python3 first on PATH beside Debian's /usr/bin/python3 with python3-numpy)."""
    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy_site.txt")) as f:
            version, site_dir = (f.read().split("\n") + ["", ""])[:2]
    except OSError:
        return False
    if version.strip() != "%d.%d" % sys.version_info[:2] or not os.path.isdir(site_dir.strip()):
        return False
    sys.path.append(site_dir.strip())
    return True


try:
    import numpy as np
except ImportError:  # pragma: no cover - depends on the interpreter
    np = None
if np is None and _numpy_from_build_interpreter():
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        np = None
if np is None:  # pragma: no cover - depends on the interpreter
    raise ImportError(
        "gangdu needs numpy, which this interpreter (%s) cannot import. Use Debian's /usr/bin/python3 "
        "with python3-numpy (scripts/install-deps.sh installs it); see docs/python.md" % sys.executable
    )

import json

from . import _gangdu
from ._gangdu import ScenarioError

__version__ = _gangdu.__version__
__all__ = [
    "run",
    "validate",
    "ensemble",
    "forecast",
    "load_scenario",
    "simulate",
    "observed",
    "history",
    "Result",
    "Fit",
    "Series",
    "Ensemble",
    "Forecast",
    "ScenarioError",
]

# Figures after this year are withheld from calibration (project rule).
LAST_CALIBRATION_YEAR = _gangdu.last_calibration_year
_ALL_YEARS = 1 << 30  # no cut: every point of the given record


def _path(p):
    return "" if p is None else os.fspath(p)


def _value_text(v):
    """An override value as the CLI's --set takes it (TOML text)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, str):
        return v
    raise TypeError("override values must be bool, int, float or str, not %s" % type(v).__name__)


def _overrides(overrides):
    return [(str(k), _value_text(v)) for k, v in (overrides or {}).items()]


def _switches(switches):
    return ["%s=%r" % (k, float(v)) for k, v in (switches or {}).items()]


# The largest seed (a TOML scenario's seed is a 64-bit signed integer; core/seed.hpp).
MAX_SEED = 2**63 - 1
# The most runs one call may ask for (kMaxRuns, experiments/batch.hpp).
MAX_RUNS = 10000


def _integer(value, name):
    """An integer argument exactly: int(1.7) == 1 and True == 1 used to pass."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be an integer, not %r" % (name, value))
    return int(value)


def _threads(threads):
    """Worker threads: an integer, 0 for all cores."""
    threads = _integer(threads, "threads")
    if threads < 0:
        raise ValueError("threads must be 0 (all cores) or more, not %d" % threads)
    return threads or (os.cpu_count() or 1)


def _seed(seed):
    if seed is None:
        return -1  # the scenario's own seed, as the CLI without --seed
    seed = _integer(seed, "seed")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError("seed must be within [0, 2**63 - 1], not %d" % seed)
    return seed


def _runs(runs, least=1):
    runs = _integer(runs, "runs")
    if not least <= runs <= MAX_RUNS:
        raise ValueError("runs must be within [%d, %d], not %d" % (least, MAX_RUNS, runs))
    return runs


def _scale(scale):
    scale = float(scale)
    if not (1e-4 <= scale <= 1.0):  # the CLI's --scale range
        raise ValueError("scale must be within [0.0001, 1] (agents per person)")
    return scale


class Series(dict):
    """variable -> numpy array of annual values; ``years`` is the common index."""

    def __init__(self, variables, years, values):
        super().__init__((v, values[i]) for i, v in enumerate(variables))
        self.years = years

    def at(self, variable, year):
        """The value of one variable in one year."""
        i = int(year) - int(self.years[0])
        if i < 0 or i >= len(self.years):
            raise KeyError("year %d outside %d..%d" % (year, self.years[0], self.years[-1]))
        return float(self[variable][i])


class Fit:
    """A run against the historical record: one row per record point."""

    def __init__(self, d):
        self.rows = d["rows"]
        self.mape_by_variable = d["mape_by_variable"]
        self.overall_mape = d["overall_mape"]
        self.csv = d["csv"]  # the CLI's fit.csv text

    def __repr__(self):
        return "<gangdu.Fit %d points, overall MAPE %.1f%%>" % (len(self.rows), self.overall_mape)


class Result:
    """One run: ``series`` (variable -> array over ``years``), ``manifest`` (dict), ``fit``."""

    def __init__(self, d):
        self.variables = list(d["variables"])
        self.years = np.arange(d["first_year"], d["last_year"] + 1)
        self.values = d["values"]  # variables x years
        self.series = Series(self.variables, self.years, self.values)
        self.manifest = json.loads(d["manifest"])
        self.fit = Fit(d["fit"])
        self.seed = d["seed"]
        self.scale = d["scale"]
        self.wall_seconds = d["wall_seconds"]
        self._csv = d["series_csv"]

    def series_csv(self):
        """series.csv as the CLI writes it (variable,year,value), by the engine's own writer."""
        return self._csv

    def write_csv(self, path):
        """Writes series.csv to path; byte for byte the CLI's series.csv for the same run."""
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(self._csv)

    def to_frame(self):
        """The series as a long pandas DataFrame, columns variable, year, value (years where a
        variable has no value are left out, as in series.csv). pandas is imported only here."""
        import pandas as pd

        n_var, n_year = self.values.shape
        frame = pd.DataFrame(
            {
                "variable": np.repeat(np.asarray(self.variables, dtype=object), n_year),
                "year": np.tile(self.years, n_var),
                "value": self.values.reshape(-1),
            }
        )
        return frame[frame["value"].notna()].reset_index(drop=True)

    def to_records(self):
        """Long-format rows (variable, year, value): ``pandas.DataFrame(r.to_records())``."""
        return [
            {"variable": v, "year": int(y), "value": float(self.values[i, j])}
            for i, v in enumerate(self.variables)
            for j, y in enumerate(self.years)
        ]

    def __repr__(self):
        return "<gangdu.Result %s seed %d scale %g, %d variables %d..%d>" % (
            self.manifest.get("scenario", ""),
            self.seed,
            self.scale,
            len(self.variables),
            self.years[0],
            self.years[-1],
        )


def run(scenario=None, seed=None, scale=1.0, overrides=None, switches=None):
    """Runs a scenario; returns a :class:`Result`.

    scenario  -- path of a scenario TOML file; None: the embedded Anshan scenario
    seed      -- master seed; None: the scenario's seed (as `gangdu run` without --seed)
    scale     -- agents per person (0.1 = one agent per ten persons), as --scale
    overrides -- {"parameters.steel_utilization": 0.8, ...}, as --set key=value
    switches  -- {"rule_ratchet": 0, ...}, parameters held for the whole run, as --switch
    Raises ScenarioError (file, line, column, key) for bad input. The GIL is released
    while the model runs, so Python threads can run several scenarios at once.
    """
    return Result(_gangdu.run(_path(scenario), _seed(seed), _scale(scale), _overrides(overrides), _switches(switches)))


def validate(result=None, history=None, **run_args):
    """The fit of a run against a historical record (default: data/history/record.csv).

    Pass a :class:`Result`, or run arguments (scenario, seed, scale, overrides,
    switches) to run first. Returns a :class:`Fit`, as `gangdu validate`'s fit.csv.
    """
    if result is None:
        result = run(**run_args)
    elif run_args:
        raise TypeError("give either a Result or run arguments, not both")
    return Fit(_gangdu.fit(result.variables, int(result.years[0]), result.values, _path(history), _ALL_YEARS))


class Ensemble:
    """Replicates of one scenario: ``values`` (runs x variables x years), ``summary``
    (variable -> {"mean", "p05", "p95"} arrays), per-run ``seeds`` and ``mape``."""

    def __init__(self, d):
        self.variables = list(d["variables"])
        self.years = np.arange(d["first_year"], d["last_year"] + 1)
        self.values = d["values"]
        self.seeds = list(d["seeds"])
        self.mape = np.asarray(d["mape"])
        self.wall_seconds = list(d["wall_seconds"])
        self.summary = d["summary"]
        self.summary_csv = d["summary_csv"]  # as `gangdu ensemble` writes summary.csv
        self.runs_csv = d["runs_csv"]

    def series(self, run):
        """The :class:`Series` of one replicate."""
        return Series(self.variables, self.years, self.values[run])

    def to_frame(self):
        """Every replicate's series as one long pandas DataFrame, columns run, seed, variable,
        year, value (as ``gangdu export DIR --long``; missing values left out). pandas is
        imported only here."""
        import pandas as pd

        n_run, n_var, n_year = self.values.shape
        frame = pd.DataFrame(
            {
                "run": np.repeat(np.arange(n_run), n_var * n_year),
                "seed": np.repeat(np.asarray(self.seeds, dtype=np.int64), n_var * n_year),
                "variable": np.tile(np.repeat(np.asarray(self.variables, dtype=object), n_year), n_run),
                "year": np.tile(self.years, n_run * n_var),
                "value": self.values.reshape(-1),
            }
        )
        return frame[frame["value"].notna()].reset_index(drop=True)


def ensemble(scenario=None, runs=10, seed=None, scale=0.1, overrides=None, switches=None, threads=0):
    """Runs `runs` replicates (seeds derived from the master seed as `gangdu ensemble`
    does) on `threads` worker threads (0: all cores); `switches` are held in every run
    (as --switch); returns an :class:`Ensemble`."""
    threads = _threads(threads)
    return Ensemble(
        _gangdu.ensemble(
            _path(scenario), _runs(runs), _seed(seed), _scale(scale), _overrides(overrides), _switches(switches), threads
        )
    )


class Forecast:
    """The 1958-end forecast of ``gangdu validate --forecast``: ``rows`` (dicts of variable,
    year, mean, p05, p95, trend_1949_1957, plan_target, runs), ``csv`` and ``runs_csv`` (the
    CLI's forecast.csv and forecast_runs.csv), and per run ``seeds``, ``mape`` (up to 1957)
    and ``kept``."""

    def __init__(self, d):
        self.rows = list(d["rows"])
        self.params = list(d["params"])
        self.seeds = list(d["seeds"])
        self.mape = np.asarray(d["mape"])
        self.kept = np.asarray(d["kept"], dtype=bool)
        self.csv = d["csv"]
        self.runs_csv = d["runs_csv"]

    def to_records(self):
        """The rows, ready for ``pandas.DataFrame``."""
        return list(self.rows)


def forecast(scenario=None, runs=20, seed=None, scale=0.1, overrides=None, switches=None, params=None, keep=1.0,
             threads=0):
    """Forecasts 1958 to the scenario's end from `runs` runs. `params` maps scenario keys (as
    for overrides) to (lo, hi): each run draws them from a Latin hypercube; `keep` < 1 bands
    only that fraction of runs, those with the lowest MAPE to the record up to 1957.
    Returns a :class:`Forecast`."""
    threads = _threads(threads)
    ps = ["%s=%r:%r" % (k, float(lo), float(hi)) for k, (lo, hi) in (params or {}).items()]
    return Forecast(_gangdu.forecast(_path(scenario), _runs(runs), _seed(seed), _scale(scale), _overrides(overrides),
                                     _switches(switches), ps, float(keep), threads))


def load_scenario(path=None, overrides=None):
    """Loads and checks a scenario (None: the embedded default) without running it.
    Returns a dict (name, title, start, end, default_seed, parameters, facilities,
    regimes, events, hash, canonical_text); raises ScenarioError with file, line, key."""
    return _gangdu.load_scenario(_path(path), _overrides(overrides))


def history(path=None, last_year=LAST_CALIBRATION_YEAR):
    """The historical record's points up to `last_year` (default 1957), as dicts."""
    return _gangdu.history(_path(path), int(last_year))


def _stat_name(p):
    if p["compare"] == "level":
        return "%s@%d" % (p["variable"], p["year"])
    return "%s@%d:%s:%d" % (p["variable"], p["year"], p["compare"], p["base_year"])


def _named(points, value_key):
    out = {}
    for p in points:
        name = _stat_name(p)
        if name in out:  # two record points for one quantity: tell them apart by record line
            name = "%s#L%d" % (name, p["line"])
        out[name] = float(p[value_key])
    return out


def observed(history_path=None):
    """The record's numbers up to 1957 under the names :func:`simulate` uses."""
    return _named(history(history_path), "observed")


def simulate(params, seed, scale=0.1, scenario=None):
    """One run as calibration tools want it: ``simulate(params, seed) -> {name: number}``.

    params -- {name: value}; a bare parameter name ("steel_utilization") means
              "parameters.<name>", a dotted key is any --set key
    Returns the simulated value at every point of the historical record up to 1957
    (names as in :func:`observed`, e.g. "angang.steel_t@1943") and "mape_le_1957",
    the overall MAPE (%) against those points.
    """
    overrides = {(k if "." in k else "parameters." + k): v for k, v in params.items()}
    r = run(scenario=scenario, seed=seed, scale=scale, overrides=overrides)
    f = Fit(_gangdu.fit(r.variables, int(r.years[0]), r.values, "", LAST_CALIBRATION_YEAR))
    out = _named(f.rows, "simulated")
    out["mape_le_1957"] = f.overall_mape
    return out
