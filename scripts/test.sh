#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test.
#  1. npm dependencies (npm ci) when node_modules is missing or installed from another lock file;
#  2. the Debian packages the integration tests start for real (nginx-light, prometheus, and docker.io:
#     the swarm tests start their own dockerd and swarm, then stop them by PID), and jq and curl;
#  3. formatter and linter (Biome), type check, then unit, integration and end-to-end tests (the e2e tests run the committed dist/
#     bundles under Node 24, the way the GitHub runner does); the dist check and actionlint are tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-npm-packages.sh
# jq and curl: the examples' workflow steps run in the e2e tests use them, as GitHub's runners have them.
packages=(nginx-light prometheus jq curl)
# A machine with Docker already installed (docker-ce on GitHub's runners) keeps its own dockerd.
if ! command -v dockerd >/dev/null 2>&1 && [ ! -x /usr/sbin/dockerd ]; then packages+=(docker.io); fi
bash scripts/ensure-debian-packages.sh "${packages[@]}"

npx biome check
npx tsc --noEmit
report=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`shipgate: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" || true
rm -f "$report"
exit "$status"
