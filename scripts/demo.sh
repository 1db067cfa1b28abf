#!/usr/bin/env bash
# `npm run demo`: sets up what it needs on a fresh machine, then tells shipgate's story on local parts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/vitest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "shipgate demo: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund
fi
exec node scripts/demo.mjs "$@"
