#!/usr/bin/env bash
# Behaviour-preservation check for restructuring work (issue 17): reruns the
# default scenario and scenarios/no_leap.toml at seeds 1, 2, 1916 and scales 1
# and 0.1 and compares series.csv, fit.csv and bottlenecks.csv byte for byte
# with reference outputs.
#   scripts/check-identical.sh --save REF_DIR [GANGDU]   write the references
#   scripts/check-identical.sh REF_DIR [GANGDU]          compare (exit 1 on a difference)
# GANGDU defaults to build/gangdu of this checkout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
save=0
if [ "${1:-}" = "--save" ]; then save=1; shift; fi
[ "$#" -ge 1 ] || { echo "usage: scripts/check-identical.sh [--save] REF_DIR [GANGDU]" >&2; exit 2; }
ref="$1"
bin="${2:-$root/build/gangdu}"
[ -x "$bin" ] || { echo "check-identical: $bin is not an executable" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
for scen in default no_leap; do
  for seed in 1 2 1916; do
    for scale in 1 0.1; do
      name="$scen-s$seed-x$scale"
      args=(run --out "$work/$name" --seed "$seed" --scale "$scale")
      [ "$scen" = default ] || args+=("$root/scenarios/$scen.toml")
      "$bin" "${args[@]}" >/dev/null
      for f in series.csv fit.csv bottlenecks.csv; do
        [ -s "$work/$name/$f" ] || { echo "check-identical: $name/$f was not written" >&2; exit 2; }
      done
      if [ "$save" = 1 ]; then
        mkdir -p "$ref/$name"
        cp "$work/$name"/{series.csv,fit.csv,bottlenecks.csv} "$ref/$name/"
        echo "saved $name"
      else
        for f in series.csv fit.csv bottlenecks.csv; do
          if ! cmp -s "$ref/$name/$f" "$work/$name/$f"; then
            echo "DIFFERENT: $name/$f"
            fail=1
          fi
        done
      fi
    done
  done
done
if [ "$save" = 0 ]; then
  if [ "$fail" = 0 ]; then echo "check-identical: all 12 runs byte-identical (series, fit, bottlenecks)"; else exit 1; fi
fi
