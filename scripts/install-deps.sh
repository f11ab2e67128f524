#!/usr/bin/env bash
# Installs the Debian packages of scripts/packages.txt that are missing (keeps what is present).
# Usage: scripts/install-deps.sh [--dev] [--list]
#   (default)  the [run] packages: build and run the model, reports, `import gangdu`
#   --dev      also the [dev] packages: tests, browser tests (Chromium), clang, OpenMPI, benchmarks
#   --list     print the packages that would be installed and stop (nothing is changed)
# nodejs/npm come from Debian unless a node and an npm are already on PATH.
# Then runs scripts/install-web.sh (npm ci in web/) unless GANGDU_SKIP_WEB=1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dev=0 list=0
for a in "$@"; do
  case "$a" in
    --dev) dev=1 ;;
    --list) list=1 ;;
    *) echo "install-deps: unknown option $a (use --dev, --list)" >&2; exit 2 ;;
  esac
done
# The packages of the wanted sections, comments and blank lines dropped.
mapfile -t pkgs < <(awk -v dev="$dev" '
  /^\s*#/ || /^\s*$/ { next }
  /^\[run\]/ { sec = "run"; next }
  /^\[dev\]/ { sec = "dev"; next }
  sec == "run" || (sec == "dev" && dev == 1) { print $1 }' "$here/packages.txt")
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${pkgs[@]}"; do
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;  # any node on PATH is kept
    npm) command -v npm >/dev/null 2>&1 && continue ;;      # e.g. bundled with NodeSource's nodejs
  esac
  installed "$p" || missing+=("$p")
done
profile=$([ "$dev" = 1 ] && echo "run + dev" || echo "run")
if [ "$list" = 1 ]; then
  echo "install-deps: profile $profile: ${#pkgs[@]} packages, missing: ${missing[*]:-(none)}"
  exit 0
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages of profile $profile present"
else
  echo "install-deps: installing (profile $profile) ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Browser bits (charting library embedded at build time; playwright-core for the browser tests).
[ "${GANGDU_SKIP_WEB:-0}" = 1 ] || bash "$here/install-web.sh"
