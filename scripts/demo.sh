#!/usr/bin/env bash
# `npm run demo`: sets up what it needs on a fresh machine, then tells shipgate's story on local parts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-npm-packages.sh
exec node scripts/demo.mjs "$@"
