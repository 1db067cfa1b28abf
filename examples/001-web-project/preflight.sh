#!/bin/sh
# preflight hook (hooks.preflight) of Web Project: runbook 001 §2 step 1 (환경 변수 로드) and the checks of
# §1 (핵심 체크) and §7.1 (배포 전), before anything changes. shipgate runs it first in `full` and `prepare`;
# when it exits non-zero the deploy ends as `aborted`: no container is started and traffic stays where it is.
#
# It reads nothing but SHIPGATE_VERSION; the files are the ones deploy.sh, retire.sh and sync-frontend.sh
# hand to compose (a missing --env-file or env_file fails compose half way through a deploy instead).
set -eu

root=/home/deploy/srv/web_project     # the runbook's ~/srv/web_project

# An image tag as Docker accepts it (GHCR's sha-<commit>, latest): a bad one fails here, not in the pull.
if ! printf '%s\n' "$SHIPGATE_VERSION" | grep -Eq '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$'; then
  echo "preflight.sh: version '$SHIPGATE_VERSION' is not an image tag (expected e.g. sha-4f2a9c1)" >&2
  exit 1
fi

# The env files of runbook §6 that the backend and the frontend sync read: present, not empty, and only
# NAME=value lines, comments and blank lines (what compose's --env-file and env_file parse).
problems=""
for file in "$root/.env.server.prod" "$root/application/.env.application.prod" \
  "$root/application/backend/.env.production"; do
  if [ ! -f "$file" ] || [ ! -r "$file" ]; then
    problems="$problems ${file#"$root"/} (missing);"
  elif [ ! -s "$file" ]; then
    problems="$problems ${file#"$root"/} (empty);"
  else
    bad=$(grep -nEv '^[[:space:]]*(#|$)|^[A-Za-z_][A-Za-z0-9_]*=' "$file" | head -n 1 | cut -d: -f1)
    if [ -n "$bad" ]; then
      problems="$problems ${file#"$root"/} (line $bad is not NAME=value);"
    fi
  fi
done
if [ -n "$problems" ]; then
  echo "preflight.sh: env files not ready in $root:$problems nothing was started" >&2
  exit 1
fi

# §1: APP_NETWORK_NAME (default web_project_webnet) exists; the slot's compose project joins it as external.
network=$(sed -n 's/^APP_NETWORK_NAME=//p' "$root/.env.server.prod" | tail -n 1)
network="${network:-web_project_webnet}"
if ! docker network inspect "$network" >/dev/null 2>&1; then
  echo "preflight.sh: docker network $network (APP_NETWORK_NAME) does not exist; nothing was started" >&2
  exit 1
fi

echo "preflight.sh: env files and network $network ready for $SHIPGATE_VERSION"
