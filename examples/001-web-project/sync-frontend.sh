#!/bin/sh
# after-traffic hook (hooks.after-traffic) of Web Project: runbook 001 §2 step 2's "Frontend dist를
# frontend-dist 볼륨에 동기화", moved to after the switch. shipgate runs it once the new backend takes 100%
# of the traffic and passed its watch, while the old color still runs: a failure routes traffic back.
# The runbook synced during prepare, which put the new frontend live before the gateway switched to the
# new API (and a weekly rehearsal's prepare changed the live frontend).
#
# The frontend image is built from the same commit as the backend and carries the same tag, so FE_TAG is
# SHIPGATE_VERSION. The rollback workflow runs it too (with the version rolled back to): the rollback
# action runs no lifecycle hooks.
set -eu

root=/home/deploy/srv/web_project     # the runbook's ~/srv/web_project
compose_file="$root/application/docker-compose.frontend-sync.yml"

export FE_TAG="$SHIPGATE_VERSION"

docker compose --project-name web_project_frontend_sync --project-directory "$root" -f "$compose_file" \
  --env-file "$root/.env.server.prod" --env-file "$root/application/.env.application.prod" \
  pull frontend-sync

# The service copies the image's dist into the frontend-dist volume the gateway serves: hashed assets
# first, index.html last (by rename), so a browser never loads an index.html whose assets are missing.
docker compose --project-name web_project_frontend_sync --project-directory "$root" -f "$compose_file" \
  --env-file "$root/.env.server.prod" --env-file "$root/application/.env.application.prod" \
  run --rm frontend-sync

echo "sync-frontend.sh: frontend $SHIPGATE_VERSION is in the frontend-dist volume"
