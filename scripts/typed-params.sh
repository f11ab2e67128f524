#!/usr/bin/env bash
# Converts string parameter lookups in C++ sources to the typed registry fields
# (issue 17, step 1). Pure renames, safe to run again on new code:
#   w.p("rule_x") > 0.5    ->  w.P.rule_x        (switches, and plan_active, are bool fields)
#   !(w.P.rule_x)          ->  !w.P.rule_x
#   w.p("x")               ->  w.P.x
#   p.get("x")             ->  p.typed().x       (a `const ParamTable& p`, e.g. small_furnace_month)
# Usage: scripts/typed-params.sh FILE...
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: scripts/typed-params.sh FILE..." >&2; exit 2; }
sed -E -i \
  -e 's/\bw\.p\("((rule_[a-z0-9_]+)|plan_active)"\) > 0\.5/w.P.\1/g' \
  -e 's/!\(w\.P\.([a-z0-9_]+)\)/!w.P.\1/g' \
  -e 's/\bw\.p\("([a-z0-9_]+)"\)/w.P.\1/g' \
  -e 's/\bp\.get\("([a-z0-9_]+)"\)/p.typed().\1/g' \
  "$@"
