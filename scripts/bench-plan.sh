#!/usr/bin/env bash
# Benchmarks of `gangdu plan` (issue 9): balance at 10^3..10^6 products, and the
# same problems through COIN-OR CLP, side by side; prints a table.
#   scripts/bench-plan.sh [BUILD_DIR] [extra gangdu_bench args]
set -euo pipefail
BUILD=${1:-build}
shift || true
ninja -C "$BUILD" -j2 gangdu_bench >/dev/null
JSON=$(mktemp /tmp/gangdu-plan-bench.XXXXXX.json)
"$BUILD/bench/gangdu_bench" --benchmark_filter='BM_Plan' --benchmark_format=json --benchmark_out="$JSON" \
  --benchmark_out_format=json "$@" >/dev/null
python3 - "$JSON" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
rows = collections.defaultdict(dict)
for b in d["benchmarks"]:
    name, n = b["name"].split("/")[0:2]
    rows[int(n)][name.replace("BM_Plan", "")] = b
def ms(b): return b["real_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[b["time_unit"]]
def cell(n, k, fmt="{:.1f}"):
    b = rows[n].get(k)
    return fmt.format(ms(b)) if b else "-"
print("Balance: iterative Gauss-Seidel (with labour values) vs CLP dual simplex on the balance LP")
print(f"{'products':>9} {'nonzeros':>10} {'balance ms':>11} {'sweeps':>7} {'residual':>9} {'RSS MB':>7} "
      f"{'CLP ms':>10} {'CLP/bal':>8} {'CLP gap':>9}")
for n in sorted(rows):
    r = rows[n]
    b = r.get("Balance")
    if not b: continue
    c = r.get("BalanceClp")
    ratio = f"{ms(c)/ms(b):.0f}x" if c else "-"
    gap = f"{c['gap_vs_balance']:.1e}" if c else "-"
    clp = f"{ms(c):.1f}" if c else "-"
    if c and c.get("feasible", 1) == 0: clp += "*"
    print(f"{n:>9} {int(b['nnz']):>10} {ms(b):>11.1f} {int(b['iterations']):>7} {b['residual']:>9.1e} "
          f"{b['peak_rss_MB']:>7.0f} {clp:>10} {ratio:>8} {gap:>9}")
print()
print("Capacities binding (tightness 0.1, labour slack 5%): LP via CLP vs harmony and ration")
print(f"{'products':>9} {'lp ms':>10} {'lp theta':>9} {'harmony ms':>11} {'harm. min f':>11} {'ration ms':>10} {'harm/lp':>8}")
for n in sorted(rows):
    r = rows[n]
    if "Lp" not in r and "Harmony" not in r: continue
    lp, h, ra = r.get("Lp"), r.get("Harmony"), r.get("Ration")
    ratio = f"{ms(h)/ms(lp):.2f}" if lp and h else "-"
    print(f"{n:>9} {cell(n,'Lp'):>10} {lp['theta'] if lp else float('nan'):>9.4f} {cell(n,'Harmony'):>11} "
          f"{h['theta'] if h else float('nan'):>11.4f} {cell(n,'Ration'):>10} {ratio:>8}")
print("(* = CLP stopped at its time limit without an optimal answer)")
PY
rm -f "$JSON"
