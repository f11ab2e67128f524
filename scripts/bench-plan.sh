#!/usr/bin/env bash
# Benchmarks of `gangdu plan` (issue 9): balance at 10^3..10^6 products, and the
# same problems through COIN-OR CLP, side by side; prints a table.
#   scripts/bench-plan.sh [BUILD_DIR] [extra gangdu_bench args]
# The full run takes long on a loaded 2-core machine (CLP at 10^4 products needs
# minutes); QUICK=1 skips CLP at 10^4 and harmony/ration at 10^6.
# Times are CPU milliseconds (wall time is printed in brackets when the machine
# was busy enough to differ by more than 20%).
set -euo pipefail
BUILD=${1:-build}
shift || true
ninja -C "$BUILD" -j2 gangdu_bench >/dev/null
JSON=$(mktemp /tmp/gangdu-plan-bench.XXXXXX.json)
FILTER='BM_Plan'
if [ "${QUICK:-0}" = 1 ]; then FILTER='BM_PlanBalance/|BM_PlanLeontief/|BM_PlanBalanceClp/(1000|3000)/|BM_PlanLp/(1000|3000)/|BM_Plan(Harmony|Ration)/(1000|3000|10000|100000)/'; fi
"$BUILD/bench/gangdu_bench" --benchmark_filter="$FILTER" --benchmark_format=json --benchmark_out="$JSON" \
  --benchmark_out_format=json "$@" >/dev/null
python3 - "$JSON" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
rows = collections.defaultdict(dict)
for b in d["benchmarks"]:
    name, n = b["name"].split("/")[0:2]
    rows[int(n)][name.replace("BM_Plan", "")] = b
def ms(b): return b["cpu_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[b["time_unit"]]
def wall(b): return b["real_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[b["time_unit"]]
def fmtms(b):
    t = f"{ms(b):.1f}"
    if wall(b) > 1.2 * ms(b): t += f" [{wall(b):.0f}]"
    return t
def cell(n, k):
    b = rows[n].get(k)
    return fmtms(b) if b else "-"
print("Balance: iterative Gauss-Seidel (gross output + labour values; 'x only' = gross output alone)")
print("vs CLP (initialSolve: presolve + dual simplex) on the balance as an LP (min labour, (I-A)x >= target)")
print(f"{'products':>9} {'nonzeros':>10} {'balance ms':>18} {'sweeps':>7} {'residual':>9} {'econ MB':>7} {'x only ms':>18} "
      f"{'CLP ms':>20} {'CLP/bal':>8} {'CLP gap':>9}")
for n in sorted(rows):
    r = rows[n]
    b = r.get("Balance")
    if not b: continue
    c = r.get("BalanceClp")
    ratio = f"{ms(c)/ms(b):.0f}x" if c else "-"
    gap = f"{c['gap_vs_balance']:.1e}" if c else "-"
    clp = fmtms(c) if c else "-"
    if c and c.get("feasible", 1) == 0: clp += "*"
    print(f"{n:>9} {int(b['nnz']):>10} {fmtms(b):>18} {int(b['iterations']):>7} {b['residual']:>9.1e} "
          f"{b['economy_MB']:>7.1f} {cell(n,'Leontief'):>18} {clp:>20} {ratio:>8} {gap:>9}")
print()
print("Capacities binding (tightness 0.1, labour slack 5%): LP via CLP vs harmony and ration")
print(f"{'products':>9} {'lp (CLP) ms':>20} {'lp theta':>9} {'harmony ms':>18} {'harm. min f':>11} {'ration ms':>18} {'harm/lp':>8}")
for n in sorted(rows):
    r = rows[n]
    if "Lp" not in r and "Harmony" not in r: continue
    lp, h, ra = r.get("Lp"), r.get("Harmony"), r.get("Ration")
    ratio = f"{ms(h)/ms(lp):.2f}" if lp and h else "-"
    print(f"{n:>9} {cell(n,'Lp'):>20} {lp['theta'] if lp else float('nan'):>9.4f} {cell(n,'Harmony'):>18} "
          f"{h['theta'] if h else float('nan'):>11.4f} {cell(n,'Ration'):>18} {ratio:>8}")
for n in sorted(rows):
    h = rows[n].get("Harmony")
    if h and "harmony_gain_vs_lp_plan" in h:
        print(f"  n={n}: harmony objective of the harmony plan vs of the LP plan: {h['harmony_gain_vs_lp_plan']:+.2%} "
              f"(harmony min fulfilment {h['theta']:.4f}, LP theta {h['lp_theta']:.4f})")
print("(* = CLP stopped at its time limit without an optimal answer; ms are CPU, [wall] when the machine was busy)")
PY
rm -f "$JSON"
