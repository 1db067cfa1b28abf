#!/bin/sh
# retire hook (target.retire): stops the slot $SHIPGATE_SLOT. shipgate runs it after traffic has left the
# slot (after blue-green.scale-down-delay when it took traffic); SHIPGATE_VERSION is what runs there.
set -eu

root=/srv/api
project="api_$SHIPGATE_SLOT"

# compose reads the file's ${...} (and .env.prod for them) even to stop it.
export API_TAG="$SHIPGATE_VERSION"
export API_PORT="${SHIPGATE_ADDRESSES##*:}"

# --timeout 30: SIGTERM, then 30 s to finish requests before SIGKILL.
docker compose --project-name "$project" --project-directory "$root" -f "$root/docker-compose.slot.yml" \
  --env-file "$root/.env.prod" down --timeout 30 --remove-orphans

echo "retire.sh: api $SHIPGATE_VERSION stopped in $SHIPGATE_SLOT"
