#!/usr/bin/env bash
# npm ci when node_modules is missing or was installed from another package-lock.json. The lock file's
# hash, not its time, decides: a fresh checkout has a new lock file next to an up-to-date install.
set -euo pipefail
cd "$(dirname "$0")/.."
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/vitest ] || [ "$(cat node_modules/.shipgate-lock-sum 2>/dev/null)" != "$sum" ]; then
  echo "shipgate: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund
  echo "$sum" > node_modules/.shipgate-lock-sum
fi
