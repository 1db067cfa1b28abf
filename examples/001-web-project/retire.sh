#!/bin/sh
# retire hook (target.retire) of Web Project: what `deploy-blue-green.sh --phase finalize` (stop the old
# color) and `--phase cancel` (remove a prepared color) did by hand (runbook 001 §2 step 4, §3.3).
# shipgate runs it only once traffic has left the slot, after blue-green.scale-down-delay when the slot
# took traffic; SHIPGATE_VERSION is the version running in that slot.
set -eu

root=/home/deploy/srv/web_project     # the runbook's ~/srv/web_project
compose_file="$root/application/docker-compose.backend-slot.yml"
port="${SHIPGATE_ADDRESSES##*:}"
project="web_project_backend_$SHIPGATE_SLOT"

# compose reads the file's ${...} even to stop it, so the same values are set as for deploy.sh.
export BE_TAG="$SHIPGATE_VERSION"
export SLOT="$SHIPGATE_SLOT"
export BACKEND_PORT="$port"

# --timeout 30: SIGTERM, then 30 s for Spring's graceful shutdown before SIGKILL. The shared
# network (webnet) is external, so down leaves it alone.
docker compose --project-name "$project" --project-directory "$root" -f "$compose_file" \
  --env-file "$root/.env.server.prod" --env-file "$root/application/.env.application.prod" \
  down --timeout 30 --remove-orphans

echo "retire.sh: backend-$SHIPGATE_SLOT ($SHIPGATE_VERSION) stopped and removed"
