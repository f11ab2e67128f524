#!/usr/bin/env bash
# Installs the browser bits of Gangdu at set-up time (never at build or run time):
#   web/node_modules/chart.js        the charting library embedded into report.html and the dashboard
#   web/node_modules/playwright-core the browser-test driver (it drives Debian's /usr/bin/chromium;
#                                    no browser is ever downloaded: never `npx playwright install`)
# from web/package-lock.json with `npm ci`. Skips the install when node_modules already matches the lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
if ! command -v npm >/dev/null 2>&1; then
  echo "install-web: error: npm not found; install Node.js with npm, then re-run scripts/install-web.sh" >&2
  exit 1
fi
if [ -L "$web/node_modules" ]; then
  # A node_modules shared by symlink (e.g. a git worktree pointing at another checkout's):
  # `npm ci` would empty the directory it points to, so it is never run through the link.
  if [ -f "$web/node_modules/chart.js/dist/chart.umd.min.js" ] && [ -f "$web/node_modules/playwright-core/package.json" ]; then
    echo "install-web: web/node_modules is a symlink to a complete install: left as it is"
    exit 0
  fi
  echo "install-web: error: web/node_modules is a symlink to an incomplete install; remove the link and re-run" >&2
  exit 1
fi
stamp="$web/node_modules/.package-lock.json"
if [ -f "$stamp" ] && [ -f "$web/node_modules/chart.js/dist/chart.umd.min.js" ] \
   && [ -f "$web/node_modules/playwright-core/package.json" ] && [ "$stamp" -nt "$web/package-lock.json" ]; then
  echo "install-web: web/node_modules up to date"
  exit 0
fi
echo "install-web: npm ci in web/"
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: belt and braces; playwright-core downloads nothing on install.
(cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
